package xlsx

import (
	"bufio"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
)

// loc is where a published figure is shown, for formulas that use it.
type loc struct {
	s     *sheet
	p     *part           // the table part that shows it
	col   int32           // sheet column
	i     int             // its table row
	num   decimal.Decimal // the figure's number, in its magnitude
	mag   model.Magnitude
	shift int32
	data  bool
	// key is the text of the row's key column, by which a formula looks
	// the figure up (INDEX/MATCH) so that sorting the table does not break
	// it; keyed tells that the key is unique in the part, checked by keys
	key   string
	keyed bool
}

// sid returns the ID of a style, adding it on first use. The style sheet is
// the last part written, after every worksheet.
func (b *build) sid(k styleKey) int { return b.st.id(k) }

// cell writes cell ci of table row i (rw nil: only check it and make its
// styles). It returns false when rendering must stop.
func (b *build) cell(rw *rowWriter, s *sheet, p *part, i int, row *report.Row, ci int) bool {
	cp := &p.lay.cols[ci]
	var c report.Cell
	if ci < len(row.Cells) {
		c = row.Cells[ci]
	}
	emph := row.Emphasis
	at := cp.at
	bad := func(err error, v string) bool {
		e := &CellError{Sheet: s.name, Cell: cellRef(at, p.row(i)), Value: shorten(v, 40), Err: err}
		b.errs = append(b.errs, e)
		return false
	}
	extras := func() {
		if cp.split {
			k := b.sid(styleKey{role: roleCell, emph: emph})
			if rw != nil {
				rw.blank(at+1, k)
				rw.blank(at+2, k)
			}
		}
	}
	// a row held in memory was checked: its figures are known, and its
	// texts are clean unless some text of the part was not
	checked := i < len(p.t.Rows) && rw != nil
	switch c.Kind {
	case report.TextCell:
		txt := c.Text
		if !checked || p.dirty {
			var err error
			if txt, err = cleanText(c.Text, b.cfg.reject); err != nil {
				return bad(err, c.Text)
			}
		}
		if txt == "" {
			k := b.sid(styleKey{role: roleCell, emph: emph})
			if rw != nil {
				rw.blank(at, k)
			}
		} else {
			// a text is a string, never a figure, even when it is made of
			// digits (an ID card number, a code "007"): it is stored as
			// text, and Excel is told not to flag it
			k := b.sid(styleKey{role: roleCell, wrap: s.wrap[at], emph: emph})
			if rw != nil {
				rw.text(at, k, txt)
				if looksNumeric(txt) {
					p.numericText(ci)
				}
			}
		}
		extras()
	case report.StatusCell:
		k := b.sid(styleKey{role: roleStatus, emph: emph, align: alignCenter})
		if rw != nil {
			rw.text(at, k, report.StatusText(c.Status, b.lang))
		}
		extras()
	case report.FigureCell:
		f := c.Figure
		if !f.Valid {
			if !p.blanks {
				k := b.sid(styleKey{role: roleDash, emph: emph, align: alignCenter})
				if rw != nil {
					rw.text(at, k, report.Dash)
				}
			}
			extras()
			return true
		}
		var nf numFigure
		var v string
		if checked {
			pf := p.figs[p.next]
			p.next++
			nf, v = numFigure{shift: pf.shift, code: pf.code}, pf.num
		} else {
			nf = b.figure(f, cp.split)
			var err error
			if v, err = numberText(nf.num); err != nil {
				return bad(err, nf.num.String())
			}
		}
		k := b.sid(styleKey{role: roleCell, code: nf.code, emph: emph, align: alignRight})
		if rw != nil {
			if fx, ok := b.formula(s, p, i, row, f, nf); ok {
				rw.formula(at, k, fx, v)
			} else {
				rw.number(at, k, v)
			}
		}
		if cp.split {
			u, q := unitText(f, b.lang)
			k := b.sid(styleKey{role: roleCell, emph: emph})
			ku, kq := k, k
			if s.wrap[at+1] {
				ku = b.sid(styleKey{role: roleCell, emph: emph, wrap: true})
			}
			if s.wrap[at+2] {
				kq = b.sid(styleKey{role: roleCell, emph: emph, wrap: true})
			}
			if rw != nil {
				if u != "" {
					rw.text(at+1, ku, u)
				} else {
					rw.blank(at+1, k)
				}
				if q != "" {
					rw.text(at+2, kq, q)
				} else {
					rw.blank(at+2, k)
				}
			}
		}
	default:
		k := b.sid(styleKey{role: roleCell, emph: emph})
		if rw != nil {
			rw.blank(at, k)
		}
		extras()
	}
	return true
}

// formula returns the live formula of a derived figure: its expression over
// the cells that show its inputs. It gives none when the expression does not
// recompute the figure exactly, so a cached value never disagrees with its
// formula.
func (b *build) formula(s *sheet, p *part, i int, row *report.Row, f report.Figure, nf numFigure) (string, bool) {
	d := f.Derived
	if d == nil || d.Expr == nil {
		return "", false
	}
	v, err := d.Eval()
	if err != nil || !v.Equal(f.Value.Num) {
		return "", false
	}
	refs := make([]string, len(d.Inputs))
	for k, in := range d.Inputs {
		refs[k] = b.ref(s, p, i, row, in)
	}
	ref := func(k int) string { return refs[k] }
	if nf.shift == 0 {
		return d.Expr.Format(ref), true
	}
	pow := decimal.New(1, nf.shift).String()
	if d.Expr.Op == report.OpRound && len(d.Expr.Args) == 1 {
		return "ROUND(" + d.Expr.Args[0].Format(ref) + "*" + pow + "," + itoa(int(d.Expr.Places-nf.shift)) + ")", true
	}
	return "(" + d.Expr.Format(ref) + ")*" + pow, true
}

// ref returns the formula text for a derivation input: the cell in the same
// row that shows it, else a lookup of the row that shows it on the 数据
// sheet (or any other) by the row's key, else its exact value as a
// constant. A formula never names a fixed cell of another row, which
// sorting or filtering a table would move: its result does not change
// when any table is sorted.
func (b *build) ref(s *sheet, p *part, i int, row *report.Row, in report.Input) string {
	for cj := range row.Cells {
		c := &row.Cells[cj]
		if cj < len(p.lay.cols) && c.Kind == report.FigureCell && c.Obs == in.Ref && c.Figure.Valid &&
			c.Figure.Derived == nil && sameNumber(c.Figure.Value, in.Value) {
			nf := b.figure(c.Figure, p.lay.cols[cj].split)
			return scaledRef(cellRef(p.lay.cols[cj].at, p.row(i)), nf.shift)
		}
	}
	if l, ok := b.locs[in.Ref]; ok && l.keyed && l.num.Equal(in.Value.Num) && l.mag == in.Value.Unit.Mag {
		return scaledRef(lookup(s, l), l.shift)
	}
	t := in.Value.Num.String()
	if in.Value.Num.IsNegative() {
		t = "(" + t + ")"
	}
	return t
}

// lookup is the formula that finds the figure of l by its row's key:
// INDEX('数据'!$G$2:$G$413,MATCH("obs.id",'数据'!$A$2:$A$413,0)). The
// ranges are absolute and span the table's rows, so that they hold when
// the table, or the formula's own, is sorted.
func lookup(s *sheet, l loc) string {
	p := l.p
	first, last := itoa(p.row(p.from)), itoa(p.row(p.to-1))
	q := ""
	if l.s != s {
		q = quoteSheet(l.s.name) + "!"
	}
	kc := colName(p.lay.cols[p.keyCol].at)
	vc := colName(int(l.col))
	return "INDEX(" + q + "$" + vc + "$" + first + ":$" + vc + "$" + last + ",MATCH(" + matchText(l.key) + "," +
		q + "$" + kc + "$" + first + ":$" + kc + "$" + last + ",0))"
}

// matchText is a text as the exact lookup value of MATCH: quoted, with the
// wildcards * ? and ~ escaped, as Excel and LibreOffice read them.
func matchText(s string) string {
	return `"` + matchEscaper.Replace(s) + `"`
}

var matchEscaper = strings.NewReplacer(`"`, `""`, "~", "~~", "*", "~*", "?", "~?")

func sameNumber(a, b model.Value) bool { return a.Num.Equal(b.Num) && a.Unit.Mag == b.Unit.Mag }

// scaledRef converts a reference to a cell that stores a figure ×10^shift
// back to the figure's own unit.
func scaledRef(r string, shift int32) string {
	switch {
	case shift > 0:
		return "(" + r + "/" + decimal.New(1, shift).String() + ")"
	case shift < 0:
		return "(" + r + "*" + decimal.New(1, -shift).String() + ")"
	}
	return r
}

// rowHeight returns the height of a table row with text in a column that
// wraps: the lines of its longest text, or one. Such a row's height is
// always written, so that a reader does not size it by its own measure
// (LibreOffice adds an empty line to some). 0 for a row without such text.
func (b *build) rowHeight(s *sheet, lay *layout, row *report.Row) float64 {
	lines, wraps := 1, false
	for ci := range lay.cols {
		if ci >= len(row.Cells) {
			break
		}
		cp := &lay.cols[ci]
		c := &row.Cells[ci]
		measure := func(at int, txt string) {
			if !s.wrap[at] || txt == "" {
				return
			}
			wraps = true
			w := s.widths[at]
			if float64(upperWidth(txt))*charSlack <= w-wrapPadding && strings.IndexByte(txt, '\n') < 0 {
				return
			}
			lines = max(lines, linesIn(txt, w))
		}
		switch {
		case c.Kind == report.TextCell:
			measure(cp.at, c.Text)
		case cp.split && c.Kind == report.FigureCell && c.Figure.Valid && (s.wrap[cp.at+1] || s.wrap[cp.at+2]):
			u, q := unitText(c.Figure, b.lang)
			measure(cp.at+1, u)
			measure(cp.at+2, q)
		}
	}
	if !wraps {
		return 0
	}
	return heightFor(lines)
}

// headerHeight is the height of a header row, whose bold text wraps.
func (b *build) headerHeight(s *sheet, p *part) float64 {
	lines := 1
	for ci, col := range p.t.Columns {
		at := p.lay.cols[ci].at
		lines = max(lines, linesScaled(col.Header, s.widths[at], boldSlack))
	}
	return heightFor(lines)
}

// writeHeader writes the header row of a table part in sheet row r: its
// own row, or that of its copy under the sheet's title.
func (b *build) writeHeader(rw *rowWriter, s *sheet, p *part, r int) {
	k := b.sid(styleKey{role: roleHeader, wrap: true, align: alignCenter})
	if rw == nil {
		return
	}
	rw.start(r, b.headerHeight(s, p))
	for _, ci := range p.lay.order {
		col := p.t.Columns[ci]
		cp := p.lay.cols[ci]
		h, _ := cleanText(col.Header, false)
		rw.text(cp.at, k, h)
		if cp.split {
			rw.text(cp.at+1, k, b.w.unit)
			rw.text(cp.at+2, k, b.w.qualifier)
		}
	}
	rw.end()
}

// writeSheet returns the function that writes the rows of a sheet.
func (b *build) writeSheet(s *sheet) func(*bufio.Writer) error {
	return func(w *bufio.Writer) error {
		rw := &rowWriter{w: w, b: make([]byte, 0, 4096), sst: b.sst}
		for _, it := range s.items {
			if it.header != nil {
				b.writeHeader(rw, s, it.header, it.row)
				continue
			}
			if it.part == nil {
				b.writeText(rw, s, it)
				continue
			}
			p := it.part
			p.next = 0
			b.writeHeader(rw, s, p, p.header)
			for i := p.from; i < p.to; i++ {
				if i&4095 == 0 {
					if err := b.ctx.Err(); err != nil {
						return err
					}
				}
				row := p.t.Row(i)
				var h float64
				if i < len(p.lay.heights) {
					h = p.lay.heights[i]
				} else {
					h = b.rowHeight(s, p.lay, &row)
				}
				rw.start(p.row(i), h)
				for _, ci := range p.lay.order {
					if !b.cell(rw, s, p, i, &row, ci) {
						return b.errs[len(b.errs)-1]
					}
				}
				rw.end()
			}
		}
		return nil
	}
}

// writeText writes a merged text row, whose text check cleaned.
func (b *build) writeText(rw *rowWriter, s *sheet, it *item) {
	txt := it.text
	k := b.sid(it.style)
	if looksNumeric(txt) {
		s.numericRows = append(s.numericRows, it.row) // a heading "2020" stays text
	}
	h := 0.0
	switch it.style.role {
	case roleTitle:
		h = 26
	case roleHeading2:
		h = 21
	case roleText:
		h = heightFor(it.lines)
	case roleNote:
		h = noteHeight(it.lines)
	}
	rw.start(it.row, h)
	rw.text(0, k, txt)
	rw.end()
}

// ignoredErrorsXML is the <ignoredErrors> element of a sheet, written once
// its rows are: it tells Excel that the texts that look like numbers are
// meant as text (codes, ID card numbers, headings such as "2020"), so that
// it does not flag them. nil when there are none.
func (s *sheet) ignoredErrorsXML() []byte {
	var refs []string
	for _, it := range s.items {
		p := it.part
		if p == nil || p.numText == nil || p.to <= p.from {
			continue
		}
		first, last := p.row(p.from), p.row(p.to-1)
		for ci, on := range p.numText {
			if on {
				at := p.lay.cols[ci].at
				refs = append(refs, cellRef(at, first)+":"+cellRef(at, last))
			}
		}
	}
	for _, r := range s.numericRows {
		refs = append(refs, cellRef(0, r))
	}
	if len(refs) == 0 {
		return nil
	}
	return []byte(`<ignoredErrors><ignoredError sqref="` + strings.Join(refs, " ") + `" numberStoredAsText="1"/></ignoredErrors>`)
}
