package xlsx

import (
	"strings"

	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
)

// comment is a provenance note on a cell.
type comment struct {
	cell, text string
}

// check walks every cell held in memory before anything is written: it
// collects the cells' errors, makes their styles, records where each
// published figure is shown (for formulas) and which cells carry a
// provenance comment.
func (b *build) check() error {
	// the figures found valid, of every part, in one array
	need := 0
	for _, s := range b.sheets {
		for _, it := range s.items {
			if p := it.part; p != nil && p.figs == nil {
				need += max(min(p.to, len(p.t.Rows))-p.from, 0) * figureColumns(p.t)
			}
		}
	}
	if cap(b.figs) < need {
		b.figs = make([]preFig, 0, need)
	}
	for _, s := range b.sheets {
		for _, it := range s.items {
			if it.header != nil {
				continue // the part's own header is checked
			}
			if it.part == nil {
				txt, err := cleanText(it.text, b.cfg.reject)
				if err != nil {
					b.fail(&CellError{Sheet: s.name, Cell: cellRef(0, it.row), Value: shorten(it.text, 40), Err: err})
				}
				it.text = txt // written as it is
				continue
			}
			p := it.part
			for ci, col := range p.t.Columns {
				if _, err := cleanText(col.Header, b.cfg.reject); err != nil {
					b.fail(&CellError{Sheet: s.name, Cell: cellRef(p.lay.cols[ci].at, p.header), Value: shorten(col.Header, 40), Err: err})
				}
			}
			end := min(p.to, len(p.t.Rows))
			if n := end - p.from; n > 0 && p.figs == nil {
				k := len(b.figs) + n*figureColumns(p.t)
				p.figs = b.figs[len(b.figs):len(b.figs):k]
				b.figs = b.figs[:k]
			}
			clean := make([]string, len(p.t.Columns)) // the last clean text of each column
			for i := p.from; i < end; i++ {
				row := &p.t.Rows[i]
				first := len(p.figs)
				if !b.validate(s, p, i, row, clean) {
					return b.errors()
				}
				b.record(s, p, i, row, p.figs[first:])
			}
		}
	}
	if err := b.errors(); err != nil {
		return err
	}
	inputs, err := b.findInputs()
	if err != nil {
		return err
	}
	return b.keys(inputs)
}

// figureColumns is the number of figure columns of a table.
func figureColumns(t *report.Table) int {
	n := 0
	for _, c := range t.Columns {
		if c.Kind == report.FigureCell {
			n++
		}
	}
	return n
}

// validate checks the cells of a row that is in memory: their text and
// their numbers. clean holds the last text of each column found clean, a
// text that recurs row after row (a region, a file) not checked again. It
// returns false once too many errors are collected.
func (b *build) validate(s *sheet, p *part, i int, row *report.Row, clean []string) bool {
	for _, ci := range p.lay.order {
		if ci >= len(row.Cells) {
			continue
		}
		c := &row.Cells[ci]
		var err error
		var v string
		switch c.Kind {
		case report.TextCell:
			if c.Text == clean[ci] {
				break
			}
			var txt string
			if txt, err = cleanText(c.Text, b.cfg.reject); err == nil {
				if txt != c.Text {
					p.dirty = true
				} else {
					clean[ci] = c.Text
				}
			} else {
				v = c.Text
			}
		case report.FigureCell:
			if c.Figure.Valid {
				nf := b.figure(c.Figure, p.lay.cols[ci].split)
				var num string
				if num, err = numberText(nf.num); err != nil {
					v = nf.num.String()
				}
				p.figs = append(p.figs, preFig{num: num, code: nf.code, shift: nf.shift})
			}
		}
		if err != nil && !b.fail(&CellError{Sheet: s.name, Cell: cellRef(p.lay.cols[ci].at, p.row(i)), Value: shorten(v, 40), Err: err}) {
			return false
		}
	}
	return true
}

// record notes where the published figures of a row are shown and which
// need a provenance comment; figs are the row's valid figures, as
// validate found them.
func (b *build) record(s *sheet, p *part, i int, row *report.Row, figs []preFig) {
	for _, ci := range p.lay.order {
		if ci >= len(row.Cells) {
			continue
		}
		c := &row.Cells[ci]
		if c.Kind != report.FigureCell || !c.Figure.Valid {
			continue
		}
		fig := figs[0]
		figs = figs[1:]
		at := p.lay.cols[ci].at
		if c.Figure.Signed && signedColors(p.t, ci) {
			if p.signed == nil {
				p.signed = map[int][]int{}
			}
			p.signed[ci] = append(p.signed[ci], p.row(i))
		}
		if p.prov && c.Cite > 0 {
			if txt := b.citeText(c.Cite); txt != "" {
				s.notes = append(s.notes, comment{cell: cellRef(at, p.row(i)), text: txt})
			}
		}
		if c.Obs == "" || c.Figure.Derived != nil {
			continue
		}
		b.note(c.Obs, locOf(s, p, i, at, c.Figure.Value, fig.shift))
	}
}

// locOf is the place of a figure of value v in table row i of part p, in
// sheet column at, stored ×10^shift.
func locOf(s *sheet, p *part, i, at int, v model.Value, shift int32) loc {
	return loc{s: s, p: p, col: int32(at), i: i, num: v.Num, mag: v.Unit.Mag, shift: shift, data: s.data}
}

// note records where a figure is shown: the data sheet wins, else the
// first place.
func (b *build) note(obs string, l loc) {
	if old, ok := b.locs[obs]; ok && (old.data || !l.data) {
		return
	}
	b.locs[obs] = l
}

// citeText is the provenance comment of citation n: its number and the
// citation as the document words it (report.Citation.Text: the source
// document's title, file and byte offset, and the phrase where the document
// quotes it, which an English one does unless built with Spec.OmitPhrases).
func (b *build) citeText(n int) string {
	if n < len(b.cites) && b.cites[n] != "" {
		return b.cites[n] // a phrase shown by several figures
	}
	var c *report.Citation
	if n >= 1 && n <= len(b.doc.Sources) && b.doc.Sources[n-1].N == n {
		c = &b.doc.Sources[n-1]
	} else {
		for i := range b.doc.Sources {
			if b.doc.Sources[i].N == n {
				c = &b.doc.Sources[i]
				break
			}
		}
	}
	if c == nil {
		return ""
	}
	num := "[" + itoa(n) + "]"
	if b.lang == report.English {
		num = " " + num
	}
	txt, _ := cleanText(b.w.source+num+b.w.sep+c.Text(b.lang), false)
	if n < 1<<16 {
		for len(b.cites) <= n {
			b.cites = append(b.cites, "")
		}
		b.cites[n] = txt
	}
	return txt
}

// findInputs locates the inputs of derived figures that no cell held in
// memory shows, in the rows of RowSources, so that formulas can refer to
// them. It reads those rows only when some input is still missing. It
// returns the inputs of the derived figures held in memory.
func (b *build) findInputs() (map[string]bool, error) {
	inputs := map[string]bool{}
	missing := map[string]bool{}
	for _, s := range b.sheets {
		for _, it := range s.items {
			if it.part == nil {
				continue
			}
			p := it.part
			end := min(p.to, len(p.t.Rows))
			for i := p.from; i < end; i++ {
				for _, c := range p.t.Rows[i].Cells {
					if c.Kind != report.FigureCell || c.Figure.Derived == nil {
						continue
					}
					for _, in := range c.Figure.Derived.Inputs {
						inputs[in.Ref] = true
						if _, ok := b.locs[in.Ref]; !ok {
							missing[in.Ref] = true
						}
					}
				}
			}
		}
	}
	if len(missing) == 0 {
		return inputs, nil
	}
	for _, s := range b.sheets {
		for _, it := range s.items {
			p := it.part
			if p == nil || p.t.Source == nil {
				continue
			}
			for i := max(p.from, len(p.t.Rows)); i < p.to && len(missing) > 0; i++ {
				if i&4095 == 0 {
					if err := b.ctx.Err(); err != nil {
						return nil, err
					}
				}
				row := p.t.Row(i)
				for ci := range p.lay.cols {
					if ci >= len(row.Cells) {
						break
					}
					c := &row.Cells[ci]
					if c.Kind == report.FigureCell && c.Figure.Valid && c.Figure.Derived == nil && missing[c.Obs] {
						delete(missing, c.Obs)
						nf, _ := figureShape(c.Figure.Value, b.lang)
						b.note(c.Obs, locOf(s, p, i, p.lay.cols[ci].at, c.Figure.Value, nf.shift))
					}
				}
			}
		}
	}
	return inputs, nil
}

// keys finds, for the inputs of derived figures, the key by which a
// formula looks each up: the text of its row's key column, used only when
// no other row of its table part has the same text (as Excel's MATCH
// compares, ignoring case), so that the lookup finds that row however the
// table is sorted. Inputs without a unique key are written as constants.
// Rows of a RowSource are read again only for parts that some formula
// looks into.
func (b *build) keys(inputs map[string]bool) error {
	need := map[*part]map[string][]string{} // part → folded key → inputs
	var order []*part
	for ref := range inputs {
		l, ok := b.locs[ref]
		if !ok || l.p == nil || l.p.keyCol < 0 {
			continue
		}
		key, ok := keyText(l.p.t.Row(l.i), l.p.keyCol)
		if !ok {
			continue
		}
		l.key = key
		b.locs[ref] = l
		m := need[l.p]
		if m == nil {
			m = map[string][]string{}
			need[l.p] = m
			order = append(order, l.p)
		}
		f := strings.ToLower(key)
		m[f] = append(m[f], ref)
	}
	for _, p := range order {
		m := need[p]
		count := make(map[string]int, len(m))
		for i := p.from; i < p.to; i++ {
			if i&4095 == 0 {
				if err := b.ctx.Err(); err != nil {
					return err
				}
			}
			var row report.Row
			if i < len(p.t.Rows) {
				row = p.t.Rows[i]
			} else {
				row = p.t.Row(i)
			}
			if key, ok := keyText(row, p.keyCol); ok {
				f := strings.ToLower(key)
				if _, ok := m[f]; ok {
					count[f]++
				}
			}
		}
		for f, refs := range m {
			if count[f] != 1 {
				continue
			}
			for _, ref := range refs {
				l := b.locs[ref]
				l.keyed = true
				b.locs[ref] = l
			}
		}
	}
	return nil
}

// maxKey is the longest text MATCH looks up in Excel.
const maxKey = 255

// keyText is the text of a row's key column as its cell shows it, and
// whether it can serve as a key.
func keyText(row report.Row, col int) (string, bool) {
	if col >= len(row.Cells) || row.Cells[col].Kind != report.TextCell {
		return "", false
	}
	txt, err := cleanText(row.Cells[col].Text, false)
	if err != nil || txt == "" || utf16Len(txt) > maxKey {
		return "", false
	}
	return txt, true
}

// signedColors reports whether the signed figures of a column are coloured
// as rises and declines. Gaps to targets and differences found by checks
// are not: their sign is no rise or decline, and the status column gives
// the verdict.
func signedColors(t *report.Table, ci int) bool {
	if t.ID == "targets" || t.ID == "checks" || t.ID == "data" || ci >= len(t.Columns) {
		return false
	}
	switch t.Columns[ci].Key {
	case "gap", "headroom", "target", "actual":
		return false
	}
	return true
}

// runs joins sorted rows into ranges of column col: "E4:E9 E12:E12".
func runs(col int, rows []int) string {
	var b strings.Builder
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(cellRef(col, rows[i]) + ":" + cellRef(col, rows[j]))
		i = j + 1
	}
	return b.String()
}
