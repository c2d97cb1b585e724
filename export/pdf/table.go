package pdf

import (
	"strconv"
	"strings"

	"github.com/statbrief/statbrief/export/text"
	"github.com/statbrief/statbrief/report"
)

const cellPadX, cellPadY = 4.0, 2.5

// tcell is a table cell measured and wrapped.
type tcell struct {
	s     string
	lines []string
	kind  report.CellKind
	// numeric: the cell is a figure or stands in a column of figures,
	// and is set flush right (or on the decimal point)
	numeric bool
	color   Color
	lw, rw  float64 // widths left and right of the decimal point
	// the citation mark of the cell's figure, set small after its last
	// line, and its width
	mark  string
	markW float64
	cite  int
}

// decimalSplit returns the byte offset in s of the point numbers align
// on: the decimal point of the first number, or the end of its integer part.
func decimalSplit(s string) int {
	i := 0
	for i < len(s) && !(s[i] >= '0' && s[i] <= '9') {
		i++
	}
	if i == len(s) {
		return len(s)
	}
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == ',') {
		i++
	}
	return i
}

// markGap is the space between a figure and its citation mark.
const markGap = 0.8

// cellMarkStyle is the style of the citation marks in cells set in st.
func cellMarkStyle(st style) style {
	return style{size: max(st.size*0.75, 5.5), leading: 1.2, color: accent, role: RoleCite}
}

// tableLayout is a table measured: its cells, column widths and row
// heights, and the styles it is set in.
type tableLayout struct {
	t              report.Table
	st, hst, est   style
	head           []tcell
	rows           [][]tcell
	emph           []bool
	cites          [][]int // per row: the citations of its cells
	widths         []float64
	lmax, rmax     []float64
	markCol        []float64 // per column of figures: room for the marks right of the figures
	headH          float64
	rowH           []float64
	group          bool // the first column labels groups of rows, written on a group's first row only
	abridgedHeadH  float64
	abridgedHeader []tcell
}

func (tl *tableLayout) rowStyle(ri int) style {
	if tl.emph[ri] {
		return tl.est
	}
	return tl.st
}

// table lays out a table; its title is left out when it repeats the
// heading just above it (the section's title for a section's first block).
func (l *layout) table(t report.Table, heading string) {
	tl := l.nextTable
	l.nextTable = nil
	if tl == nil || !sameTable(tl.t, t) {
		tl = l.measureTable(t)
	}
	if tl == nil {
		return
	}
	capSt, title, capLines, capH := l.tableCaption(tl, heading)
	first := l.firstRowNeed(tl)
	if need := tableStart(tl, capSt, capH, first, l.dl.Content.H); need > 0 {
		l.ensure(need)
	}
	if len(capLines) > 0 {
		l.beginBlock("caption")
		l.flowLines(capLines, l.left(), capSt, l.newItem(title, len(capLines)), 0)
		l.endBlock(2)
	}
	l.tables++
	l.beginBlock("table")
	// the header: with the first row when both fit on a page, else whole
	// when it fits on a page
	if l.y > l.top()+0.01 && (l.y+tl.headH+first > l.bottom()+0.01 && tl.headH+first <= l.dl.Content.H ||
		l.y+tl.headH > l.bottom()+0.01 && tl.headH <= l.dl.Content.H) {
		l.newPage()
	}
	l.drawHead(tl, false)
	groupLabel := -1 // the row whose first cell labels the current group
	for ri := range tl.rows {
		s := tl.rowStyle(ri)
		cells := tl.rows[ri]
		h := tl.rowH[ri]
		need := h + l.footNeed(tl.cites[ri])
		if l.y+need > l.bottom()+0.01 {
			// a new page, unless the row is taller than a page can hold
			// and there is room for a few of its lines here
			if need <= l.dl.Content.H-tl.contHeadH() || l.y+3*s.lineH()+2*cellPadY > l.bottom() {
				l.newPage()
				l.drawHead(tl, true)
				// a group continued from the page before shows its label
				if tl.group && groupLabel >= 0 && strings.TrimSpace(cells[0].s) == "" {
					cells = append([]tcell(nil), cells...)
					lab := tl.rows[groupLabel][0]
					lab.color = gray
					lab.lines = l.wrap(lab.s, tl.widths[0]-2*cellPadX, s)
					cells[0] = lab
					h = max(h, float64(len(lab.lines))*s.lineH()+2*cellPadY)
				}
			}
		}
		if tl.group && strings.TrimSpace(tl.rows[ri][0].s) != "" {
			groupLabel = ri
		}
		fill := Color{}
		switch {
		case tl.emph[ri]:
			fill = emphFill
		case ri%2 == 1:
			fill = zebra
		}
		if l.y+h <= l.bottom()+0.01 {
			l.placeCarried(h)
			if fill != (Color{}) {
				l.rect(l.left(), l.y, l.width(), h, fill)
			}
			l.rowCells(tl, cells, s, false)
			l.y += h
			l.cite(tl.cites[ri])
			continue
		}
		// a row taller than a page: split it by lines
		l.splitRow(tl, cells, s, fill, false, tl.cites[ri])
	}
	l.line(l.left(), l.y, l.left()+l.width(), l.y, 0.8, accent, false)
	l.y += 4
	for _, n := range t.Notes {
		l.textAtFlow(n, noteStyle)
	}
	l.endBlock(10)
}

// tableCaption is the caption of a table: its title, unless that repeats
// heading, wrapped, and the room it takes.
func (l *layout) tableCaption(tl *tableLayout, heading string) (capSt style, title string, capLines []string, capH float64) {
	capSt = style{size: 10, leading: 1.5, bold: true, color: black, role: RoleTitle}
	title = l.clean(tl.t.Title, true)
	if title != "" && title != l.clean(heading, true) {
		capLines = l.wrap(title, l.width(), capSt)
		capH = float64(len(capLines))*capSt.lineH() + 2
	}
	return capSt, title, capLines, capH
}

// firstRowNeed is the height of a table's first row and of the start of
// the first note it brings.
func (l *layout) firstRowNeed(tl *tableLayout) float64 {
	if len(tl.rows) == 0 {
		return 0
	}
	return tl.rowH[0] + l.footNeed(tl.cites[0])
}

// tableStart is the room a table asks for on the page it starts on: the
// caption (capH high) goes with the header and the first row (first: with
// the start of its first note) when they fit on a page (pageH) together,
// else with a few lines of what follows it; 0 asks for nothing.
func tableStart(tl *tableLayout, capSt style, capH, first, pageH float64) float64 {
	if keep := capH + tl.headH + first; keep <= pageH {
		return keep
	} else if capH > 0 && capH <= pageH/3 {
		return capH + min(tl.headH+first, capSt.lineH()*3)
	}
	return 0
}

// sameTable reports whether a and b are the same table of the document
// (the one measured ahead for the heading above it).
func sameTable(a, b report.Table) bool {
	return a.Title == b.Title && len(a.Rows) == len(b.Rows) && len(a.Columns) == len(b.Columns) &&
		(len(a.Rows) == 0 || &a.Rows[0] == &b.Rows[0])
}

// measureTable measures a table's cells and computes its column widths
// and row heights; nil for a table without columns.
func (l *layout) measureTable(t report.Table) *tableLayout {
	ncol := len(t.Columns)
	if ncol == 0 {
		return nil
	}
	tl := &tableLayout{t: t, st: style{size: 8.5, leading: 1.4, color: black, role: RoleCell}}
	switch {
	case ncol >= 8:
		tl.st.size = 7
	case ncol >= 6:
		tl.st.size = 7.5
	}
	tl.hst = tl.st
	tl.hst.bold, tl.hst.role = true, RoleHeader
	tl.est = tl.st
	tl.est.bold = true
	markSt := cellMarkStyle(tl.st)

	tl.head = make([]tcell, ncol)
	for i, c := range t.Columns {
		// the header takes its column's kind: numbers' headers are set
		// flush right, over the numbers
		tl.head[i] = tcell{s: l.clean(c.Header, true), kind: c.Kind, numeric: c.Kind == report.FigureCell}
	}
	nrows := t.Len()
	tl.rows = make([][]tcell, nrows)
	tl.emph = make([]bool, nrows)
	tl.cites = make([][]int, nrows)
	tl.markCol = make([]float64, ncol)
	// the cells, in one slice the layout reuses from table to table (a
	// table's layout is gone when the next one begins)
	if cap(l.tcells) < nrows*ncol {
		l.tcells = make([]tcell, nrows*ncol)
	}
	all := l.tcells[:nrows*ncol]
	for ri := range nrows {
		r := t.Row(ri)
		tl.emph[ri] = r.Emphasis
		cst := tl.rowStyle(ri)
		tl.rows[ri] = all[ri*ncol : (ri+1)*ncol : (ri+1)*ncol]
		for ci := range ncol {
			c := report.Cell{}
			if ci < len(r.Cells) {
				c = r.Cells[ci]
			}
			tc := tcell{s: l.clean(text.CellText(c, l.lang), cst.bold), kind: c.Kind, color: black,
				numeric: c.Kind == report.FigureCell || t.Columns[ci].Kind == report.FigureCell}
			if c.Kind == report.StatusCell {
				switch c.Status.Tone() {
				case report.ToneGood:
					tc.color = good
				case report.ToneBad:
					tc.color = bad
				}
			}
			if c.Cite > 0 {
				tc.cite = c.Cite
				// a superscript number, without the brackets of a
				// paragraph's marks: columns of figures are narrow
				tc.mark = strconv.Itoa(c.Cite)
				tc.markW = l.measure(tc.mark, markSt) + markGap
				tl.cites[ri] = append(tl.cites[ri], c.Cite)
				if tc.numeric {
					tl.markCol[ci] = max(tl.markCol[ci], tc.markW)
				}
			}
			if c.Kind == report.FigureCell && strings.ContainsAny(tc.s, "0123456789") && !hasNewline(tc.s) {
				// the widths left and right of the point the column's
				// figures align on: right of it, what follows the
				// integer digits (decimals, unit, qualifier, *) and the
				// citation mark
				k := decimalSplit(tc.s)
				tc.lw = l.measure(tc.s[:k], cst)
				tc.rw = l.lineWidth(tc.s[k:], cst) + tc.markW
			}
			tl.rows[ri][ci] = tc
		}
	}
	// a first column of text that is empty on some rows after a filled
	// one labels groups of rows
	if t.Columns[0].Kind != report.FigureCell && nrows > 1 && strings.TrimSpace(tl.rows[0][0].s) != "" {
		for ri := 1; ri < nrows; ri++ {
			if tl.rows[ri][0].kind == report.TextCell && strings.TrimSpace(tl.rows[ri][0].s) == "" {
				tl.group = true
				break
			}
		}
	}

	// column widths from content
	tl.lmax = make([]float64, ncol)
	tl.rmax = make([]float64, ncol)
	sp := colSpec{figure: make([]bool, ncol), align: make([]float64, ncol), alignMin: make([]float64, ncol), cells: make([][]*cellMeasure, nrows+1)}
	measures := make([]*cellMeasure, (nrows+1)*ncol)
	sp.cells[0] = measures[:ncol:ncol]
	for ci := range ncol {
		k := t.Columns[ci].Kind
		sp.figure[ci] = k == report.FigureCell || k == report.StatusCell
		sp.cells[0][ci] = l.measureCell(tl.head[ci].s, tl.hst, 0, 0)
	}
	for ri := range tl.rows {
		rs := tl.rowStyle(ri)
		sp.cells[ri+1] = measures[(ri+1)*ncol : (ri+2)*ncol : (ri+2)*ncol]
		for ci := range ncol {
			c := &tl.rows[ri][ci]
			switch {
			case c.numeric:
				// (a figure aligned on the decimal point needs the
				// column's align width too)
				sp.cells[ri+1][ci] = l.measureCell(c.s, rs, 0, tl.markCol[ci])
			default:
				sp.cells[ri+1][ci] = l.measureCell(c.s, rs, c.markW, 0)
			}
			tl.lmax[ci], tl.rmax[ci] = max(tl.lmax[ci], c.lw), max(tl.rmax[ci], c.rw)
		}
	}
	// the figures of a column align on the decimal point (or the end of
	// their integer digits), whatever their units and qualifiers: the
	// column would have the widest integer part and the widest tail, and
	// needs those of the figures that cannot be broken into lines
	for ci := range ncol {
		sp.align[ci] = tl.lmax[ci] + tl.rmax[ci]
		lu, ru := 0.0, 0.0
		for ri := range tl.rows {
			if c := tl.rows[ri][ci]; c.lw+c.rw > 0 && unbreakable(sp.cells[ri+1][ci]) {
				lu, ru = max(lu, c.lw), max(ru, c.rw)
			}
		}
		sp.alignMin[ci] = lu + ru
	}
	tl.widths = columnWidths(sp, l.width(), 2*cellPadX, tl.st.size)
	tl.alignPoints(sp)

	// wrap
	tl.headH = l.wrapRow(tl, tl.head, tl.hst, true)
	tl.rowH = make([]float64, nrows)
	for ri := range tl.rows {
		tl.rowH[ri] = l.wrapRow(tl, tl.rows[ri], tl.rowStyle(ri), false)
	}
	// a header too tall to repeat on every page is repeated by the first
	// line of each of its cells
	if tl.headH > l.dl.Content.H/4 {
		tl.abridgedHeader = make([]tcell, ncol)
		for ci, c := range tl.head {
			c.lines = c.lines[:min(len(c.lines), 1)]
			if len(c.lines) > 0 {
				c.s = c.lines[0]
			}
			tl.abridgedHeader[ci] = c
		}
		tl.abridgedHeadH = tl.hst.lineH() + 2*cellPadY
	}
	return tl
}

// alignPoints chooses where the figures of each column align: the room
// right of the decimal point, tl.rmax (-1: the column's figures are set
// flush right). A column wide enough for its widest integer part and its
// widest tail side by side aligns them all, the widest tail flush right.
// In a narrower one, the figures that fit around the point chosen (the
// one that aligns the most) are set on one line on it, and the others on
// more lines, flush right; a point that would leave a figure that cannot
// be broken (one piece) unaligned is not chosen.
func (tl *tableLayout) alignPoints(sp colSpec) {
	for ci := range tl.widths {
		inner := tl.widths[ci] - 2*cellPadX
		if tl.lmax[ci]+tl.rmax[ci] <= inner+0.01 {
			if tl.rmax[ci] == 0 {
				tl.rmax[ci] = -1 // no figures
			}
			continue
		}
		best, bestN := -1.0, -1
		for ri := range tl.rows {
			r := tl.rows[ri][ci].rw
			if r == 0 || r > inner+0.01 {
				continue
			}
			n := 0
			for rj := range tl.rows {
				c := tl.rows[rj][ci]
				switch {
				case c.lw+c.rw == 0:
				case c.rw <= r+1e-9 && c.lw <= inner-r+0.01:
					n++
				case unbreakable(sp.cells[rj+1][ci]):
					n = -1 // unbreakable, and not aligned
				}
				if n < 0 {
					break
				}
			}
			if n > bestN || n == bestN && r < best {
				best, bestN = r, n
			}
		}
		tl.rmax[ci] = best
	}
}

// unbreakable reports whether a cell's text is one piece (a figure such
// as "+104.6%*"), which cannot be set on more lines.
func unbreakable(m *cellMeasure) bool {
	return m.minWidth() >= m.full-0.01
}

// aligned reports whether c, a body cell of column ci, is a figure set
// on one line aligned on the decimal point (see alignPoints).
func (tl *tableLayout) aligned(ci int, c tcell) bool {
	r := tl.rmax[ci]
	return r >= 0 && c.kind == report.FigureCell && c.lw+c.rw > 0 &&
		c.rw <= r+1e-9 && c.lw <= tl.widths[ci]-2*cellPadX-r+0.01
}

// contHeadH is the height of the header on a page the table continues on.
func (tl *tableLayout) contHeadH() float64 {
	if tl.abridgedHeader != nil {
		return tl.abridgedHeadH
	}
	return tl.headH
}

// wrapRow breaks the cells of a row into lines in their columns and
// returns the row's height.
func (l *layout) wrapRow(tl *tableLayout, cells []tcell, s style, header bool) float64 {
	h := 0.0
	for ci := range cells {
		c := &cells[ci]
		inner := tl.widths[ci] - 2*cellPadX
		wrap := func(w float64) []string {
			return l.wrapBreaks(c.s, len(c.s), nil, w, s)
		}
		switch {
		case !header && tl.aligned(ci, *c):
			c.lines = []string{c.s}
		case c.numeric && !header:
			c.lines = wrap(inner - tl.markCol[ci])
			if len(c.lines) == 1 && !header && c.kind == report.FigureCell && c.lw+c.rw > 0 && tl.rmax[ci] >= 0 {
				// a figure that does not fit around the column's
				// decimal point: on more lines, flush right
				c.lines = wrap(min(inner-tl.markCol[ci], l.lineWidth(c.s, s)-0.05))
			}
		default:
			c.lines = wrap(inner)
			if c.mark != "" && l.lineWidth(c.lines[len(c.lines)-1], s)+c.markW > inner+0.01 {
				c.lines = wrap(inner - c.markW)
			}
		}
		h = max(h, float64(len(c.lines))*s.lineH())
	}
	return h + 2*cellPadY
}

// drawHead sets the table's header row at l.y: on a page the table
// continues on, abridged when it is too tall to repeat; a header taller
// than a page is split across pages like a row.
func (l *layout) drawHead(tl *tableLayout, cont bool) {
	head, h := tl.head, tl.headH
	if cont && tl.abridgedHeader != nil {
		head, h = tl.abridgedHeader, tl.abridgedHeadH
	}
	if l.y+h > l.bottom()+0.01 {
		l.splitRow(tl, head, tl.hst, headFill, true, nil)
	} else {
		l.rect(l.left(), l.y, l.width(), h, headFill)
		l.rowCells(tl, head, tl.hst, true)
		l.y += h
	}
	l.line(l.left(), l.y, l.left()+l.width(), l.y, 0.8, accent, false)
}

// rowCells sets one row's cells at l.y.
func (l *layout) rowCells(tl *tableLayout, cells []tcell, st style, header bool) {
	l.rows++
	x := l.left()
	for ci, c := range cells {
		w := tl.widths[ci]
		cs := st
		if !header {
			cs.color = c.color
		}
		item := l.cellItem(tl, ci, c, header)
		l.cellLines(tl, ci, c, item, c.lines, true, x, l.y+cellPadY, w, cs, header)
		x += w
	}
}

// cellItem registers the text item of cell c of column ci, in the
// current row.
func (l *layout) cellItem(tl *tableLayout, ci int, c tcell, header bool) int {
	item := l.newItem(c.s, len(c.lines))
	it := &l.items[item]
	it.Row, it.Table, it.Col = l.rows, l.tables, ci+1
	it.Figure = !header && c.kind == report.FigureCell && tl.t.Columns[ci].Kind == report.FigureCell
	return item
}

// cellLines sets lines of a cell from y; last: they end the cell, which
// then takes its citation mark.
func (l *layout) cellLines(tl *tableLayout, ci int, c tcell, item int, lines []string, last bool, x, y, w float64, st style, header bool) {
	rmax := tl.rmax[ci]
	right := x + w - cellPadX // where flush-right text ends
	if c.numeric && !header {
		right -= tl.markCol[ci]
	}
	for i, ln := range lines {
		lx := x + cellPadX
		lw := l.lineWidth(ln, st)
		switch {
		case header && !c.numeric:
		case !header && len(c.lines) == 1 && tl.aligned(ci, c):
			// align on the decimal point: the widest tail (with its
			// mark) flush right
			lx = x + w - cellPadX - rmax - c.lw
		case c.numeric:
			// numbers, their header, dashes and remarks in a column of
			// numbers: flush right
			lx = right - lw
		}
		l.emit(ln, lx, y, st, 0, item)
		if last && i == len(lines)-1 && c.mark != "" {
			// the mark's baseline is 0.3 em above the text's
			ms := cellMarkStyle(st)
			dy := st.lineH()/2 + 0.34*st.size - 0.3*st.size - ms.lineH()/2 - 0.34*ms.size
			l.emit(c.mark, lx+lw+markGap, y+dy, ms, 0, -1)
		}
		y += st.lineH()
	}
}

// splitRow sets a row taller than a page across pages, line by line; the
// header repeats on every page the row continues on.
func (l *layout) splitRow(tl *tableLayout, cells []tcell, st style, fill Color, header bool, cites []int) {
	l.rows++
	done := make([]int, len(cells))
	items := make([]int, len(cells))
	for ci, c := range cells {
		items[ci] = l.cellItem(tl, ci, c, header)
	}
	for first := true; ; first = false {
		if l.y+2*cellPadY+st.lineH() > l.bottom()+0.01 && l.y > l.top()+0.01 {
			// not a line's room left: go on on the next page
			l.newPage()
			if !header {
				l.drawHead(tl, true)
			}
		}
		fit := max(int((l.bottom()-l.y-2*cellPadY)/st.lineH()), 1)
		h := 0.0
		more := false
		x := l.left()
		start := l.y
		for ci, c := range cells {
			end := min(done[ci]+fit, len(c.lines))
			part := c.lines[done[ci]:end]
			h = max(h, float64(len(part))*st.lineH())
			cs := st
			if !header {
				cs.color = c.color
			}
			if len(part) > 0 {
				l.cellLines(tl, ci, c, items[ci], part, end == len(c.lines), x, start+cellPadY, tl.widths[ci], cs, header)
			}
			done[ci] = end
			if end < len(c.lines) {
				more = true
			}
			x += tl.widths[ci]
		}
		if fill != (Color{}) {
			// the fill goes under the text: insert it before this part's boxes
			l.fillUnder(start, h+2*cellPadY, fill)
		}
		l.y += h + 2*cellPadY
		if first {
			l.cite(cites)
		}
		if !more {
			return
		}
		l.newPage()
		if !header {
			l.drawHead(tl, true)
		}
	}
}

// fillUnder inserts a full-width fill rectangle before the boxes of the
// current page that start at or below y, so that it is painted under them.
func (l *layout) fillUnder(y, h float64, c Color) {
	b := Box{Page: l.page, Block: l.block, Kind: RectBox, Role: RoleDecoration, X: l.left(), Y: y, W: l.width(), H: h, Color: c, item: -1}
	boxes := l.pageBoxes[l.page-1]
	i := len(boxes)
	for i > 0 && boxes[i-1].Y >= y {
		i--
	}
	boxes = append(boxes, Box{})
	copy(boxes[i+1:], boxes[i:])
	boxes[i] = b
	l.pageBoxes[l.page-1] = boxes
}

// textAtFlow sets wrapped text in full width at l.y, breaking pages
// between lines.
func (l *layout) textAtFlow(s string, st style) {
	s = l.clean(s, st.bold)
	lines := l.wrap(s, l.width(), st)
	l.flowLines(lines, l.left(), st, l.newItem(s, len(lines)), 0)
}

// flowLines sets lines at x from l.y, breaking pages between lines;
// align 1 sets them flush right in the content width.
func (l *layout) flowLines(lines []string, x float64, st style, item int, align int) {
	for _, ln := range lines {
		l.ensure(st.lineH())
		lx := x
		if align == 1 {
			lx = l.left() + l.width() - l.lineWidth(ln, st)
		}
		l.emit(ln, lx, l.y, st, 0, item)
		l.y += st.lineH()
	}
}
