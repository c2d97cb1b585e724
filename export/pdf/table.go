package pdf

import (
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
}

// numberUnit is what follows the last digit of s, a trailing * (derived)
// aside: the unit of a figure ("%", "万人", " billion yuan").
func numberUnit(s string) string {
	s = strings.TrimRight(s, "*")
	return s[strings.LastIndexAny(s, "0123456789")+1:]
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

// table lays out a table; its title is left out when it repeats the
// heading just above it (the section's title for a section's first block).
func (l *layout) table(t report.Table, heading string) {
	ncol := len(t.Columns)
	if ncol == 0 {
		return
	}
	st := style{size: 8.5, leading: 1.4, color: black, role: RoleCell}
	switch {
	case ncol >= 8:
		st.size = 7
	case ncol >= 6:
		st.size = 7.5
	}
	hst := st
	hst.bold, hst.role = true, RoleHeader
	est := st
	est.bold = true

	head := make([]tcell, ncol)
	for i, c := range t.Columns {
		// the header takes its column's kind: numbers' headers are set
		// flush right, over the numbers
		head[i] = tcell{s: l.clean(c.Header, true), kind: c.Kind, numeric: c.Kind == report.FigureCell}
	}
	// every row, those of t.Source included
	rowsOf := make([]report.Row, t.Len())
	for ri := range rowsOf {
		rowsOf[ri] = t.Row(ri)
	}
	rows := make([][]tcell, len(rowsOf))
	for ri, r := range rowsOf {
		rows[ri] = make([]tcell, ncol)
		cst := st
		if r.Emphasis {
			cst = est
		}
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
			if c.Kind == report.FigureCell && strings.ContainsAny(tc.s, "0123456789") {
				k := decimalSplit(tc.s)
				tc.lw, tc.rw = l.measure(tc.s[:k], cst), l.measure(tc.s[k:], cst)
			}
			rows[ri][ci] = tc
		}
	}

	// column widths from content
	lmax := make([]float64, ncol)
	rmax := make([]float64, ncol)
	sp := colSpec{figure: make([]bool, ncol), head: make([]float64, ncol), word: make([]float64, ncol), headWord: make([]float64, ncol),
		align: make([]float64, ncol), cells: make([][]float64, len(rows)+1)}
	sp.cells[0] = make([]float64, ncol)
	for ci := range ncol {
		k := t.Columns[ci].Kind
		sp.figure[ci] = k == report.FigureCell || k == report.StatusCell
		sp.head[ci] = l.measure(head[ci].s, hst)
		sp.cells[0][ci] = sp.head[ci]
		sp.headWord[ci] = l.longestWord(head[ci].s, hst)
	}
	for ri := range rows {
		rs := st
		if rowsOf[ri].Emphasis {
			rs = est
		}
		sp.cells[ri+1] = make([]float64, ncol)
		for ci := range ncol {
			c := rows[ri][ci]
			sp.cells[ri+1][ci] = l.measure(c.s, rs)
			lmax[ci], rmax[ci] = max(lmax[ci], c.lw), max(rmax[ci], c.rw)
			sp.word[ci] = max(sp.word[ci], l.longestWord(c.s, rs))
		}
	}
	// numbers align on the decimal point when they share a unit; a
	// column of mixed units (万人, 亿元, 个) is set flush right
	for ci := range ncol {
		unit, mixed := "", false
		for ri := range rows {
			if c := rows[ri][ci]; c.lw+c.rw > 0 {
				u := numberUnit(c.s)
				if unit == "" {
					unit = u
				} else if u != unit {
					mixed = true
					break
				}
			}
		}
		if mixed {
			lmax[ci], rmax[ci] = 0, 0
		}
		sp.align[ci] = lmax[ci] + rmax[ci]
	}
	widths := columnWidths(sp, l.width(), 2*cellPadX, st.size)

	// wrap
	wrapRow := func(cells []tcell, s style) float64 {
		h := 0.0
		for ci := range cells {
			cells[ci].lines = l.wrap(cells[ci].s, widths[ci]-2*cellPadX, s)
			h = max(h, float64(len(cells[ci].lines))*s.lineH())
		}
		return h + 2*cellPadY
	}
	headH := wrapRow(head, hst)
	rowH := make([]float64, len(rows))
	for ri := range rows {
		s := st
		if rowsOf[ri].Emphasis {
			s = est
		}
		rowH[ri] = wrapRow(rows[ri], s)
	}

	capSt := style{size: 10, leading: 1.5, bold: true, color: black, role: RoleTitle}
	title := l.clean(t.Title, true)
	showTitle := title != "" && title != l.clean(heading, true)
	capH := 0.0
	if showTitle {
		capH = float64(len(l.wrap(title, l.width(), capSt)))*capSt.lineH() + 2
	}
	first := 0.0
	if len(rows) > 0 {
		first = rowH[0]
	}
	l.ensure(capH + headH + first)
	l.beginBlock("table")
	if showTitle {
		l.y += l.textAt(title, l.left(), l.y, l.width(), capSt, 0) + 2
	}
	drawHead := func() {
		l.rect(l.left(), l.y, l.width(), headH, headFill)
		l.rowCells(head, widths, lmax, rmax, hst, true)
		l.y += headH
		l.line(l.left(), l.y, l.left()+l.width(), l.y, 0.8, accent, false)
	}
	drawHead()
	pageRoom := l.dl.Content.H - headH
	for ri := range rows {
		s := st
		if rowsOf[ri].Emphasis {
			s = est
		}
		h := rowH[ri]
		if l.y+h > l.bottom()+0.01 {
			if h <= pageRoom-l.footH[l.page-1] || l.y+headH+3*s.lineH() > l.bottom() {
				l.newPage()
				drawHead()
			}
		}
		fill := Color{}
		switch {
		case rowsOf[ri].Emphasis:
			fill = emphFill
		case ri%2 == 1:
			fill = zebra
		}
		if l.y+h <= l.bottom()+0.01 {
			if fill != (Color{}) {
				l.rect(l.left(), l.y, l.width(), h, fill)
			}
			l.rowCells(rows[ri], widths, lmax, rmax, s, false)
			l.y += h
			continue
		}
		// a row taller than a page: split it by lines
		l.splitRow(rows[ri], widths, lmax, rmax, s, fill, drawHead)
	}
	l.line(l.left(), l.y, l.left()+l.width(), l.y, 0.8, accent, false)
	l.y += 4
	for _, n := range t.Notes {
		l.y += l.textAtFlow(n, noteStyle)
	}
	l.endBlock(10)
}

// rowCells sets one row's cells at l.y.
func (l *layout) rowCells(cells []tcell, widths, lmax, rmax []float64, st style, header bool) {
	l.rows++
	x := l.left()
	for ci, c := range cells {
		w := widths[ci]
		cs := st
		if !header {
			cs.color = c.color
		}
		item := l.newItem(c.s, len(c.lines))
		l.items[item].Row = l.rows
		l.cellLines(c, item, c.lines, x, l.y+cellPadY, w, lmax[ci], rmax[ci], cs, header)
		x += w
	}
}

func (l *layout) cellLines(c tcell, item int, lines []string, x, y, w, lmax, rmax float64, st style, header bool) {
	inner := w - 2*cellPadX
	for _, ln := range lines {
		lx := x + cellPadX
		lw := l.lineWidth(ln, st)
		switch {
		case header && !c.numeric:
		case c.kind == report.FigureCell && !header && c.lw+c.rw > 0 && lmax+rmax > 0 && len(c.lines) == 1 && lmax+rmax <= inner+0.01:
			// align on the decimal point
			lx = x + w - cellPadX - rmax - c.lw
		case c.numeric:
			// numbers, their header, dashes and remarks in a column of
			// numbers: flush right
			lx = x + w - cellPadX - lw
		}
		l.emit(ln, lx, y, st, 0, item)
		y += st.lineH()
	}
}

// splitRow sets a row taller than a page across pages, line by line.
func (l *layout) splitRow(cells []tcell, widths, lmax, rmax []float64, st style, fill Color, drawHead func()) {
	l.rows++
	done := make([]int, len(cells))
	items := make([]int, len(cells))
	for ci, c := range cells {
		items[ci] = l.newItem(c.s, len(c.lines))
		l.items[items[ci]].Row = l.rows
	}
	for {
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
			cs.color = c.color
			if len(part) > 0 {
				l.cellLines(c, items[ci], part, x, start+cellPadY, widths[ci], lmax[ci], rmax[ci], cs, false)
			}
			done[ci] = end
			if end < len(c.lines) {
				more = true
			}
			x += widths[ci]
		}
		if fill != (Color{}) {
			// the fill goes under the text: insert it before this part's boxes
			l.fillUnder(start, h+2*cellPadY, fill)
		}
		l.y += h + 2*cellPadY
		if !more {
			return
		}
		l.newPage()
		drawHead()
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
// between lines; it returns the height used on the last page.
func (l *layout) textAtFlow(s string, st style) float64 {
	s = l.clean(s, st.bold)
	lines := l.wrap(s, l.width(), st)
	item := l.newItem(s, len(lines))
	for _, ln := range lines {
		l.ensure(st.lineH())
		l.emit(ln, l.left(), l.y, st, 0, item)
		l.y += st.lineH()
	}
	return 0
}
