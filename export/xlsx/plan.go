package xlsx

import (
	"errors"
	"math"
	"sort"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/statbrief/statbrief/report"
)

// A workbook is planned before anything is written: every section becomes a
// sheet (or several, when a table outgrows a sheet), every block a run of
// rows at a known place, so that a formula anywhere can name the cell of any
// published figure. Rows are not copied: they are read from the document
// again when the sheet is written.

// sheet is one worksheet of the plan.
type sheet struct {
	name    string
	sec     *report.Section
	data    bool      // a data sheet: header in row 1, autofilter, unit columns
	widths  []float64 // column widths
	wrap    []bool    // columns whose text wraps
	textN   int       // columns merged by text rows
	textW   float64   // their total width
	items   []*item
	next    int    // next free row, 1-based
	freeze  int    // rows frozen at the top
	titles  string // rows repeated on printed pages, e.g. "$3:$3"
	filter  string // autofilter range
	charts  []*chartPlan
	notes   []comment
	breaks  []int // rows that start a printed page
	base    string
	cont    int // continuation number: 1 for the first sheet of a section
	chartW  float64
	partIdx int // excelize sheet ID, for the part name
	// text rows whose text looks like a number, found while writing
	numericRows []int
	main        *item // the header of the sheet's main table, if any
	printFrom   int   // the first sheet column printed
	printTo     int   // the sheet column after the last printed; 0 for all
	printRow    int   // the first sheet row printed; 0 for the first
}

// printed returns the sheet columns that are printed: from ≤ c < to.
func (s *sheet) printed() (from, to int) {
	to = len(s.widths)
	if s.printTo > 0 {
		to = min(s.printTo, to)
	}
	return s.printFrom, to
}

// item is a run of rows: a merged text row, a table part, or a copy of a
// part's header row.
type item struct {
	row    int
	text   string // text row
	style  styleKey
	lines  int
	part   *part // table part
	header *part // a copy of this part's header row (see headerRows)
}

// part is the piece of a table that sits on one sheet.
type part struct {
	t      *report.Table
	lay    *layout
	header int // row of the header
	from   int // first table row on this sheet
	to     int // end of the table rows on this sheet
	prov   bool
	blanks bool // invalid figures as empty cells (chart data)
	sheet  *sheet
	signed map[int][]int // table column → rows holding a signed figure
	// what check found in the rows held in memory, for writing them: the
	// valid figures in order (row by row, column by column), whether some
	// text needed cleaning, and the next figure to write
	figs  []preFig
	dirty bool
	next  int
	// table columns holding a text that looks like a number, found while
	// writing
	numText []bool
	keyCol  int // the table column by whose text formulas look rows up; -1 for none
}

// numericText notes that table column ci holds a text that looks like a
// number.
func (p *part) numericText(ci int) {
	if p.numText == nil {
		p.numText = make([]bool, len(p.lay.cols))
	}
	p.numText[ci] = true
}

// preFig is a valid figure as check found it: the number text stored and
// how it is formatted.
type preFig struct {
	num   string
	code  string
	shift int32
}

// row returns the sheet row of table row i (from ≤ i < to).
func (p *part) row(i int) int { return p.header + 1 + i - p.from }

// layout maps the columns of a table to sheet columns.
type layout struct {
	cols  []colPlan
	n     int  // sheet columns used
	split bool // figures with unit and qualifier columns
	parts []*part
	order []int // the table columns in the order of their sheet columns
	// the heights of the table's rows held in memory (rowHeight), found
	// once the widths are known, for placing, printing and writing
	heights []float64
}

// colPlan is where a table column goes and how it is decorated.
type colPlan struct {
	at     int  // sheet column
	split  bool // a figure column followed by unit and qualifier columns
	signed bool // growth or gaps: red below zero, green above
	status bool // verdicts: coloured by tone
	share  bool // shares: data bars
	number bool // holds figures (right-aligned)
}

// unit is one element of a sheet before placement.
type unit struct {
	text  string
	style styleKey
	gap   bool // a blank row before
	brk   bool // starts a printed page
	table *report.Table
	lay   *layout
	main  bool
	prov  bool
	chart *report.Chart
	split bool // figures with unit and qualifier columns
}

const minTextWidth = 90.0

// sheetName returns the name of a section's sheet.
func (b *build) sheetName(sec *report.Section, n int) (string, error) {
	if name, ok := b.cfg.names[sec.ID]; ok {
		if b.used.has(name) {
			return "", &SheetNameError{Name: name, Reason: "not unique"}
		}
		return name, nil
	}
	name := defaultSheetNames[b.lang][sec.ID]
	if name == "" {
		name = sanitizeSheetName(sec.Title, "Sheet"+itoa(n))
	}
	return b.free(name), nil
}

// free returns name, or name(2), name(3) … the first neither used nor kept
// by an option for another section.
func (b *build) free(name string) string {
	taken := nameSet{}
	for k := range b.used {
		taken[k] = true
	}
	for _, n := range b.cfg.names {
		taken.add(n)
	}
	return taken.unique(name)
}

// secPlan is a section turned into units and measured, not yet placed.
type secPlan struct {
	s      *sheet
	units  []unit
	charts []*report.Chart // for the sheet of charts
	err    error
}

// plan lays out every section, each on its sheet, and the charts on a
// sheet of their own after the last section that has one. The sections are
// turned into units and measured on two goroutines (reading the rows of a
// RowSource and measuring their text are most of a briefing's planning),
// then named and placed in order.
func (b *build) plan() error {
	plans := make([]secPlan, len(b.doc.Sections))
	var next atomic.Int32
	work := func() {
		for {
			si := int(next.Add(1)) - 1
			if si >= len(plans) {
				return
			}
			sec := &b.doc.Sections[si]
			s := &sheet{sec: sec, data: sec.ID == report.SectionData, next: 1, cont: 1}
			units, charts := b.units(sec)
			plans[si] = secPlan{s: s, units: units, charts: charts, err: b.measure(s, units)}
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		work()
	}()
	work()
	<-done
	after := -1 // the charts' sheet goes after this sheet
	for si := range plans {
		sec := &b.doc.Sections[si]
		name, err := b.sheetName(sec, si+1)
		if err != nil {
			return err
		}
		b.used.add(name)
		sp := &plans[si]
		s := sp.s
		s.name, s.base = name, name
		if sp.err != nil {
			var ce *CellError
			if errors.As(sp.err, &ce) && ce.Sheet == "" {
				ce.Sheet = name
			}
			return sp.err
		}
		b.sheets = append(b.sheets, s)
		b.charts = append(b.charts, sp.charts...)
		b.place(s, sp.units)
		if len(sp.charts) > 0 {
			after = len(b.sheets) - 1 // the last sheet of the section, continuations included
		}
	}
	if len(b.charts) > 0 {
		sec := &report.Section{ID: SectionCharts, Title: b.w.charts}
		name, err := b.sheetName(sec, len(b.doc.Sections)+1)
		if err != nil {
			return err
		}
		b.used.add(name)
		s := &sheet{name: name, base: name, sec: sec, next: 1, cont: 1}
		b.sheets = append(b.sheets[:after+1], append([]*sheet{s}, b.sheets[after+1:]...)...)
		var units []unit
		for i, c := range b.charts {
			u := b.chartUnits(c)
			u[0].brk = i > 0 // each chart on a page of its own
			units = append(units, u...)
		}
		if err := b.measure(s, units); err != nil {
			return err
		}
		b.place(s, units)
	}
	for _, s := range b.sheets {
		b.headerRows(s)
	}
	return nil
}

// SectionCharts is the ID by which SheetName names the sheet of charts,
// which holds every chart of the document with the cells it is drawn from.
const SectionCharts = "charts"

// units turns a section's blocks into units, in the document's order,
// and returns the section's charts, which go to the sheet of charts. The
// section's largest table is its main one: its header is frozen and
// repeated on printed pages where that fits (see headerRows). It only
// reads the build's settings and the document: sections are turned into
// units concurrently.
func (b *build) units(sec *report.Section) ([]unit, []*report.Chart) {
	var out []unit
	var charts []*report.Chart
	data := sec.ID == report.SectionData
	main, most := -1, -1
	for i, blk := range sec.Blocks {
		if t, ok := blk.(report.Table); ok && t.Len() > most {
			main, most = i, t.Len()
		}
	}
	if sec.ID == report.SectionOverview {
		out = append(out, unit{text: b.metaLine(), style: styleKey{role: roleSubtitle}})
	}
	afterTable := func() bool { return len(out) > 0 && out[len(out)-1].table != nil }
	prov := sec.ID == report.SectionHeadline || sec.ID == report.SectionTargets
	addTable := func(t *report.Table, isMain bool) {
		split := false
		if t.Source != nil && t.Len() <= smallSource {
			t, split = materialize(t), true
		}
		titled := t.Title != "" && t.Title != sec.Title && !(isMain && data) && !(len(out) > 0 && out[len(out)-1].text == t.Title)
		if titled {
			out = append(out, unit{text: t.Title, style: styleKey{role: roleHeading3}, gap: len(out) > 0})
		}
		out = append(out, unit{table: t, main: isMain, prov: prov, split: split, gap: !titled && afterTable()})
		for _, n := range t.Notes {
			out = append(out, unit{text: n, style: styleKey{role: roleNote}})
		}
	}
	for i, blk := range sec.Blocks {
		switch blk := blk.(type) {
		case report.Heading:
			r := roleHeading2
			if blk.Level >= 3 {
				r = roleHeading3
			}
			out = append(out, unit{text: blk.Text, style: styleKey{role: r}, gap: true})
		case report.Paragraph:
			out = append(out, unit{text: blk.Text, style: styleKey{role: roleText, wrap: true}, gap: afterTable()})
		case report.Note:
			out = append(out, unit{text: blk.Text, style: styleKey{role: roleNote, wrap: true}, gap: afterTable()})
		case report.Table:
			addTable(&blk, i == main)
		case report.Cards:
			t := b.cardsTable(blk)
			out = append(out, unit{table: t, prov: true, gap: true})
		case report.Chart:
			charts = append(charts, &blk)
		}
	}
	if sec.ID == report.SectionTargets && !b.hasChart("targets") {
		if c := b.targetsChart(sec); c != nil {
			charts = append(charts, c)
		}
	}
	if sec.ID == report.SectionOverview && len(b.doc.Meta.Documents) > 0 {
		// a list, not a table: its columns would share the widths of the
		// key figures' columns above
		out = append(out, unit{text: b.w.documents, style: styleKey{role: roleHeading3}, gap: true})
		for _, d := range b.doc.Meta.Documents {
			line := d.Doc
			if d.Title != "" {
				line += b.w.sep + d.Title
			}
			out = append(out, unit{text: line, style: styleKey{role: roleText, wrap: true}})
		}
	}
	return out, charts
}

// smallSource is the most rows of a RowSource read into memory once, so
// that they are checked before anything is written and read only once.
const smallSource = 5000

// materialize returns a copy of t holding all its rows.
func materialize(t *report.Table) *report.Table {
	c := *t
	c.Rows = make([]report.Row, t.Len())
	for i := range c.Rows {
		c.Rows[i] = t.Row(i)
	}
	c.Source = nil
	return &c
}

// metaLine is the overview's line of region, period and date.
func (b *build) metaLine() string {
	m := b.doc.Meta
	var parts []string
	if m.RegionName != "" {
		parts = append(parts, b.w.region+b.w.sep+m.RegionName)
	}
	p := m.Period.Chinese()
	if b.lang == report.English {
		p = m.Period.English()
	}
	if m.Period.Valid() && p != "" {
		parts = append(parts, b.w.period+b.w.sep+p)
	}
	parts = append(parts, b.w.created+b.w.sep+b.created.Format("2006-01-02"))
	return strings.Join(parts, "    ")
}

func (b *build) hasChart(id string) bool {
	for _, s := range b.doc.Sections {
		for _, blk := range s.Blocks {
			if c, ok := blk.(report.Chart); ok && c.ID == id {
				return true
			}
		}
	}
	return false
}

// cardsTable presents key figures as a table: label, value, change.
func (b *build) cardsTable(c report.Cards) *report.Table {
	t := &report.Table{ID: "cards", Columns: []report.Column{
		{Key: "label", Header: b.w.label, Kind: report.TextCell},
		{Key: "value", Header: b.w.value, Kind: report.FigureCell},
		{Key: "change", Header: b.w.change, Kind: report.FigureCell},
	}}
	for _, it := range c.Items {
		ch := report.Cell{Kind: report.FigureCell, Figure: it.Change}
		if !it.Change.Valid {
			ch = report.Cell{}
		}
		t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{
			{Kind: report.TextCell, Text: it.Label},
			{Kind: report.FigureCell, Figure: it.Value, Cite: it.Cite, Obs: it.Obs},
			ch,
		}})
	}
	return t
}

// newLayout maps a table's columns to sheet columns. A table whose
// columns all appear (by key) in the sheet's main table, laid out as main,
// goes under those columns, so that each sheet column holds one kind of
// content and is as wide as that needs; any other table takes the columns
// from the first on.
func (b *build) newLayout(s *sheet, t *report.Table, split bool, main *layout, mt *report.Table) (*layout, error) {
	lay := &layout{split: s.data || t.Source != nil || split}
	c := 0
	for _, col := range t.Columns {
		cp := colPlan{at: c, number: col.Kind == report.FigureCell}
		if lay.split && col.Kind == report.FigureCell && !col.Count {
			cp.split = true
			c += 3
		} else {
			c++
		}
		cp.share = strings.Contains(col.Key, "share")
		cp.status = col.Kind == report.StatusCell
		lay.cols = append(lay.cols, cp)
	}
	if c > 16384 {
		return nil, &CellError{Sheet: s.name, Cell: "A1", Err: ErrTooManyColumns}
	}
	lay.n = c
	lay.order = make([]int, len(lay.cols))
	for i := range lay.order {
		lay.order[i] = i
	}
	if s.data {
		// the columns only machines need go last, out of print
		c = 0
		for pass := range 2 {
			for i, col := range t.Columns {
				if machineLast[col.Key] != (pass == 1) {
					continue
				}
				lay.cols[i].at = c
				if lay.cols[i].split {
					c += 3
				} else {
					c++
				}
			}
		}
		sort.SliceStable(lay.order, func(a, b int) bool { return lay.cols[lay.order[a]].at < lay.cols[lay.order[b]].at })
	}
	if main != nil && mt != t {
		if at, ok := alignColumns(t, lay, mt, main); ok {
			lay.n = 0
			for i := range lay.cols {
				lay.cols[i].at = at[i]
				w := 1
				if lay.cols[i].split {
					w = 3
				}
				lay.n = max(lay.n, at[i]+w)
			}
			// cells are written in the order of their columns
			sort.SliceStable(lay.order, func(a, b int) bool { return at[lay.order[a]] < at[lay.order[b]] })
		}
	}
	return lay, nil
}

// machineLast are the keys of the data table's columns that only machines
// need (a figure's byte offset in its source): on the data sheet they come
// last and are not printed.
var machineLast = map[string]bool{"offset": true}

// alignColumns places the columns of t under the columns of the main table
// mt with the same keys (the k-th column of a key under the k-th of that
// key), when every column of t has one of the same form.
func alignColumns(t *report.Table, lay *layout, mt *report.Table, main *layout) ([]int, bool) {
	at := make([]int, len(t.Columns))
	seen := map[string]int{}
	for i, col := range t.Columns {
		k := seen[col.Key]
		seen[col.Key]++
		j := -1
		for m, mc := range mt.Columns {
			if mc.Key != col.Key {
				continue
			}
			if k == 0 {
				j = m
				break
			}
			k--
		}
		if j < 0 || main.cols[j].split != lay.cols[i].split {
			return nil, false
		}
		at[i] = main.cols[j].at
	}
	return at, true
}

// sampleRows is how many rows of a RowSource are read to size columns.
const sampleRows = 1000

// measure sizes the columns of a sheet from the text of its tables.
func (b *build) measure(s *sheet, units []unit) error {
	var content, numbers []float64
	var texts []bool    // columns of text cells, whose text may wrap
	var unbroken []bool // columns whose widest text has no break (a file name)
	grow := func(c int, w float64, num bool) {
		for len(content) <= c {
			content, numbers, texts, unbroken = append(content, 0), append(numbers, 0), append(texts, false), append(unbroken, false)
		}
		content[c] = max(content[c], w)
		if num {
			numbers[c] = max(numbers[c], w)
		}
	}
	// growText widens column c for a text, noting whether the widest text
	// can wrap
	growText := func(c int, txt string) {
		w := textUnits(txt)
		if c >= len(content) || w > content[c] {
			grow(c, w, false)
			unbroken[c] = !canBreak(txt)
		}
		if txt != "" {
			texts[c] = true
		}
	}
	// the main table is laid out first: the others may go under its columns
	var mainLay *layout
	var mainT *report.Table
	order := make([]int, 0, len(units))
	for i := range units {
		if units[i].table != nil && units[i].main {
			order = append([]int{i}, order...)
		} else if units[i].table != nil {
			order = append(order, i)
		}
	}
	if len(order) > 0 && !units[order[0]].main {
		// no main table (the sheet of charts): the largest
		k := 0
		for n, i := range order {
			if units[i].table.Len() > units[order[k]].table.Len() {
				k = n
			}
		}
		order[0], order[k] = order[k], order[0]
	}
	for _, i := range order {
		u := &units[i]
		lay, err := b.newLayout(s, u.table, u.split, mainLay, mainT)
		if err != nil {
			return err
		}
		if mainLay == nil {
			mainLay, mainT = lay, u.table
		}
		u.lay = lay
		t := u.table
		for ci, col := range t.Columns {
			cp := lay.cols[ci]
			grow(cp.at, textUnits(col.Header)*boldSlack, false)
			if cp.split {
				grow(cp.at+1, textUnits(b.w.unit), false)
				grow(cp.at+2, textUnits(b.w.qualifier), false)
			}
		}
		n := len(t.Rows)
		if t.Source != nil {
			n = min(t.Len(), len(t.Rows)+sampleRows)
		}
		for ri := range n {
			row := t.Row(ri)
			for ci := range t.Columns {
				if ci >= len(row.Cells) {
					break
				}
				c := &row.Cells[ci]
				cp := &lay.cols[ci]
				switch c.Kind {
				case report.TextCell:
					// measure only what may widen the column
					if cp.at >= len(content) || float64(upperWidth(c.Text))*charSlack > content[cp.at] {
						growText(cp.at, c.Text)
					} else if c.Text != "" {
						texts[cp.at] = true
					}
				case report.StatusCell:
					grow(cp.at, textUnits(report.StatusText(c.Status, b.lang)), false)
					cp.status = true
				case report.FigureCell:
					if !c.Figure.Valid {
						grow(cp.at, 2, false)
						continue
					}
					if c.Figure.Signed {
						cp.signed = true
					}
					if cp.split {
						nf, _ := figureShape(c.Figure.Value, b.lang)
						grow(cp.at, float64(numberWidth(nf, b.lang)), true)
						u, q := unitText(c.Figure, b.lang)
						growText(cp.at+1, u)
						growText(cp.at+2, q)
					} else {
						grow(cp.at, textUnits(c.Figure.Text(b.lang)), true)
					}
				}
			}
		}
	}
	capW := b.cfg.widthCap
	for c := range content {
		w := colWidth(content[c])
		s.wrap = append(s.wrap, w > capW)
		w = math.Min(w, capW)
		if numbers[c] > 0 {
			w = math.Max(w, colWidth(numbers[c]+1)) // a number never wraps: a unit to spare against ###
			texts[c] = false
		}
		if unbroken[c] {
			texts[c] = false // not narrowed to print: it would break inside a word
		}
		s.widths = append(s.widths, w)
	}
	if s.data && len(order) > 0 {
		// the rows' IDs (for lookups) and byte offsets are for machines:
		// not printed
		u := units[order[0]]
		for ci, col := range u.table.Columns {
			switch at := u.lay.cols[ci].at; {
			case col.Key == "id" && at == 0:
				s.printFrom = 1
			case machineLast[col.Key] && at == u.lay.n-1:
				s.printTo = at
			}
		}
	}
	b.fitPrint(s, texts)
	s.textN = len(s.widths)
	s.textW = 0
	for _, w := range s.widths {
		s.textW += w
	}
	if s.textN == 0 {
		s.widths, s.wrap = []float64{30, 30, 30}, []bool{false, false, false}
		s.textN, s.textW = 3, 90
	}
	for s.textW < minTextWidth {
		s.widths = append(s.widths, 12)
		s.wrap = append(s.wrap, false)
		s.textN++
		s.textW += 12
	}
	for _, i := range order {
		u := &units[i]
		u.lay.heights = make([]float64, len(u.table.Rows))
		for ri := range u.table.Rows {
			u.lay.heights[ri] = b.rowHeight(s, u.lay, &u.table.Rows[ri])
		}
	}
	return nil
}

// numberWidth is the display width of a stored figure shown by its format.
func numberWidth(nf numFigure, lang report.Lang) int {
	s := nf.num.StringFixed(nf.places)
	w := len(s)
	if lang == report.English {
		intLen := len(strings.TrimPrefix(s, "-"))
		if i := strings.IndexByte(s, '.'); i >= 0 {
			intLen = len(strings.TrimPrefix(s[:i], "-"))
		}
		w += (intLen - 1) / 3
	}
	return w + 1
}

// place assigns rows to the units of a sheet, continuing on new sheets when
// a sheet is full.
func (b *build) place(s *sheet, units []unit) {
	limit := b.cfg.rowsPerSheet
	if !s.data {
		s.items = append(s.items, &item{row: 1, text: b.sheetTitle(s), style: styleKey{role: roleTitle}, lines: 1})
		sub := b.doc.Title
		if s.sec.ID == report.SectionOverview {
			sub = b.doc.Subtitle
		}
		s.next = 2
		if sub != "" {
			s.items = append(s.items, &item{row: 2, text: sub, style: styleKey{role: roleSubtitle}, lines: 1})
			s.next = 3
		}
	}
	for i := range units {
		u := &units[i]
		if u.gap && s.next > 1 && s.next < limit {
			s.next++
		}
		if u.brk && s.next > 3 {
			s.breaks = append(s.breaks, s.next)
		}
		if u.table == nil {
			for _, chunk := range chunkText(u.text, s.textW) {
				if s.next > limit {
					s = b.continuation(s)
				}
				lines := 1
				switch u.style.role {
				case roleText:
					lines = linesIn(chunk, s.textW)
				case roleNote:
					lines = linesScaled(chunk, s.textW, noteScale)
				}
				s.items = append(s.items, &item{row: s.next, text: chunk, style: u.style, lines: lines})
				s.next++
			}
			continue
		}
		var cp *chartPlan
		if u.chart != nil {
			cp = b.placeChart(s, u)
		}
		s = b.placeTable(s, u)
		if cp != nil {
			cp.p = u.lay.parts[0]
		}
	}
}

// sheetTitle is the title row of a sheet: the document title on the
// overview, the section title elsewhere.
func (b *build) sheetTitle(s *sheet) string {
	if s.sec.ID == report.SectionOverview && b.doc.Title != "" {
		return b.doc.Title
	}
	return s.sec.Title
}

// placeTable places a table's header and rows, splitting it over
// continuation sheets with the header repeated.
func (b *build) placeTable(s *sheet, u *unit) *sheet {
	limit := b.cfg.rowsPerSheet
	t := u.table
	n := t.Len()
	i := 0
	for {
		if s.next+1 > limit {
			s = b.continuation(s)
		}
		header := s.next
		k := min(limit-header, n-i)
		p := &part{t: t, lay: u.lay, header: header, from: i, to: i + k, prov: u.prov, blanks: u.chart != nil, sheet: s, keyCol: keyColumn(t)}
		u.lay.parts = append(u.lay.parts, p)
		s.items = append(s.items, &item{row: header, part: p})
		if u.main || s.cont > 1 && header == 1 {
			s.main = s.items[len(s.items)-1]
			if s.data {
				s.filter = "A" + itoa(header) + ":" + colName(u.lay.n-1) + itoa(header+k)
			}
		}
		s.next = header + 1 + k
		i += k
		if i >= n {
			return s
		}
		s = b.continuation(s)
	}
}

// continuation starts the next sheet of a section: 数据 → 数据(2).
func (b *build) continuation(s *sheet) *sheet {
	k := s.cont + 1
	name := b.free(numbered(s.base, k))
	b.used.add(name)
	c := &sheet{name: name, base: s.base, sec: s.sec, data: s.data, next: 1, cont: k,
		widths: s.widths, wrap: s.wrap, textN: s.textN, textW: s.textW, printFrom: s.printFrom, printTo: s.printTo}
	// insert after s, before the next section's sheets
	for i, x := range b.sheets {
		if x == s {
			b.sheets = append(b.sheets[:i+1], append([]*sheet{c}, b.sheets[i+1:]...)...)
			break
		}
	}
	return c
}

// chunkText splits a long text into pieces that fit a row of Excel's
// maximum height when wrapped in width w, breaking after a sentence where
// possible.
func chunkText(s string, w float64) []string {
	maxLines := int(math.Floor(maxRowHt/lineHeight)) - 2
	limit := int((w - cellPadding) * float64(maxLines) * 0.9)
	if int(textUnits(s)) <= limit || limit < 10 {
		return []string{s}
	}
	var out []string
	for s != "" {
		width, cut, lastStop := 0, len(s), -1
		for i, r := range s {
			rw := 1
			if r >= 0x1100 {
				rw = 3 // two columns and slack
			}
			if width+rw > limit {
				cut = i
				break
			}
			width += rw
			if strings.ContainsRune("。！？；!?;\n", r) || r == '.' && strings.HasPrefix(s[i+1:], " ") {
				lastStop = i + utf8.RuneLen(r)
			}
		}
		if cut < len(s) && lastStop > 0 {
			cut = lastStop
		}
		out = append(out, s[:cut])
		s = s[cut:]
	}
	return out
}

// keyColumn is the column of a table whose text names its rows, by which
// formulas look up a figure of the table: the "id" column of the data
// table, else the first text column. -1 when the table has no text column.
// A key is used only where it is unique (see keys).
func keyColumn(t *report.Table) int {
	first := -1
	for i, c := range t.Columns {
		if c.Kind != report.TextCell {
			continue
		}
		if c.Key == "id" {
			return i
		}
		if first < 0 {
			first = i
		}
	}
	return first
}

// maxFrozen is the most height, in points, of the rows frozen at the top of
// a sheet: about a quarter of a laptop's screen, so that the rows below
// keep most of it.
const maxFrozen = 180.0

// headerRows freezes the header of a sheet's main table and decides
// whether it is repeated on printed pages.
//
// When the header and the rows above it (title, an introduction) fit in
// maxFrozen, those rows are frozen. When they do not (a long introduction:
// the headline indicators' summary by period, the targets' list of those
// met), a copy of the header goes right under the sheet's title and is
// frozen instead, so that the introduction stays above its table, whole and
// in the document's order, and the reader scrolling the table keeps its
// header. The copy is not printed: the printed area starts below it (the
// page header carries the document's title and the sheet's name), so no
// printed page shows a header over the introduction.
//
// The header is repeated on printed pages only when nothing follows it on
// the sheet but that table and tables with the same header (with their
// headings and notes), so that no page shows the header over text, a chart
// or a table of other columns; spreadsheets repeat it only on the pages
// after the one where it first appears.
func (b *build) headerRows(s *sheet) {
	it := s.main
	if it == nil {
		return
	}
	p := it.part
	if b.heightTo(s, p.header) <= maxFrozen {
		s.freeze = p.header
	} else if r, first, ok := b.copyHeader(s, p); ok {
		s.freeze, s.printRow = r, first
	}
	after := false
	for _, x := range s.items {
		if x == it {
			after = true
			continue
		}
		if !after {
			continue
		}
		if x.part != nil {
			if !sameHeader(x.part, p) {
				return
			}
			continue
		}
		switch x.style.role {
		case roleHeading2, roleHeading3, roleNote:
		default:
			return
		}
	}
	for _, c := range s.charts {
		if c.p.header > p.header {
			return
		}
	}
	s.titles = "$" + itoa(p.header) + ":$" + itoa(p.header)
}

// copyHeader puts a copy of the header of part p right under the title
// rows of sheet s, moving every row below down by one, and returns the
// copy's row and the first row below it that is not blank. It does not on
// a sheet with charts, a continuation sheet, or a full one.
func (b *build) copyHeader(s *sheet, p *part) (r, first int, ok bool) {
	if len(s.charts) > 0 || s.cont > 1 || s.next+1 > b.cfg.rowsPerSheet {
		return 0, 0, false
	}
	at := 0 // index of the first item below the titles
	for at < len(s.items) && s.items[at].part == nil && s.items[at].header == nil &&
		(s.items[at].style.role == roleTitle || s.items[at].style.role == roleSubtitle) {
		at++
	}
	if at == 0 || at == len(s.items) {
		return 0, 0, false
	}
	r = s.items[at-1].row + 1
	for _, x := range s.items[at:] {
		x.row++
		if x.part != nil {
			x.part.header++
		}
	}
	for i := range s.breaks {
		if s.breaks[i] >= r {
			s.breaks[i]++
		}
	}
	s.next++
	first = s.items[at].row
	s.items = append(s.items[:at], append([]*item{{row: r, header: p}}, s.items[at:]...)...)
	return r, first, true
}

// sameHeader reports whether two table parts show the same header in the
// same sheet columns.
func sameHeader(a, b *part) bool {
	if len(a.t.Columns) != len(b.t.Columns) {
		return false
	}
	for i, c := range a.t.Columns {
		if c.Header != b.t.Columns[i].Header || a.lay.cols[i].at != b.lay.cols[i].at || a.lay.cols[i].split != b.lay.cols[i].split {
			return false
		}
	}
	return true
}

// heightTo estimates the height in points of the rows of a sheet from the
// first to row r, that one included.
func (b *build) heightTo(s *sheet, r int) float64 {
	h := 0.0
	row := 1
	for _, it := range s.items {
		if it.row > r {
			break
		}
		h += float64(it.row-row) * defaultRowHt // blank rows, charts' rows
		row = it.row
		if it.header != nil {
			h += max(b.headerHeight(s, it.header), rowHeight)
			row++
			continue
		}
		if it.part == nil {
			switch it.style.role {
			case roleTitle:
				h += 26
			case roleHeading2:
				h += 21
			case roleText:
				h += heightFor(it.lines)
			case roleNote:
				h += noteHeight(it.lines)
			default:
				h += defaultRowHt
			}
			row++
			continue
		}
		p := it.part
		h += max(b.headerHeight(s, p), rowHeight)
		row++
		for i := p.from; i < p.to && row <= r; i++ {
			if i < len(p.t.Rows) {
				h += max(p.lay.heights[i], rowHeight)
			} else {
				h += rowHeight
			}
			row++
		}
	}
	if row <= r {
		h += float64(r-row+1) * defaultRowHt
	}
	return h
}

// Printing: A4 with margins of half an inch at the sides, fitted to one
// page wide, at minPrintScale or more (see fitPrint). A
// spreadsheet draws a column of width w (units) in about
// mdw·w + 5 pixels at 96 dpi (see mdw).
const (
	printPxLandscape = (841.89 - 72) * 96 / 72 // printable width of A4 landscape, px
	printPxPortrait  = (595.28 - 72) * 96 / 72
	minPrintScale    = 0.72 // fit-to-width scale aimed at, at least
	minPrintCap      = 16.0 // text columns are not narrowed below this
)

// printWidth is the width of the printed columns of a sheet in units.
func (s *sheet) printWidth() float64 {
	w := 0.0
	from, to := s.printed()
	for c := from; c < to; c++ {
		w += s.widths[c]
	}
	return w
}

// mdw is the width of a unit of column width in printed pixels: the
// width of a digit of the workbook's font, 8 px for 等线 and 7 for Calibri
// in Excel; a reader without the font takes its substitute's, and
// LibreOffice's usual one, DejaVu Sans, has 9.33 px digits (measured on
// its PDFs). The widest is taken, so that any of them prints at
// minPrintScale or more.
func (b *build) mdw() float64 { return 9.33 }

// Printable A4 heights in points, less top and bottom margins of 0.75 in.
const (
	printPtLandscape = 595.28 - 108
	printPtPortrait  = 841.89 - 108
)

// orientation is the orientation a sheet prints in, fitted to one page
// wide: of those that print it at minPrintScale or more (in LibreOffice's
// measure, the widest), the one that gives fewer pages, portrait when both
// give as many; else the one that prints it larger. A sheet of a hundred units of width and many
// rows (the English source list) takes half the pages in portrait, at
// about the scale a landscape page needs for the data sheet. Data sheets,
// fitted to landscape (fitPrint), and the sheet of charts print landscape
// when wide.
func (b *build) orientation(s *sheet) string {
	from, to := s.printed()
	w := max(s.printWidth(), s.chartW)
	if s.data || s.chartW > 0 || from >= to {
		if w > 100 {
			return "landscape"
		}
		return "portrait"
	}
	px := 5 * float64(to-from)
	for c := from; c < to; c++ {
		px += s.widths[c] * b.mdw()
	}
	height := b.heightTo(s, max(s.next-1, 1))
	if s.printRow > 1 {
		height -= b.heightTo(s, s.printRow-1)
	}
	type fit struct {
		orient string
		scale  float64
		pages  int
	}
	fits := [2]fit{{orient: "portrait"}, {orient: "landscape"}}
	for i, page := range [2][2]float64{{printPxPortrait, printPtPortrait}, {printPxLandscape, printPtLandscape}} {
		fits[i].scale = min(1, page[0]/px)
		fits[i].pages = int(math.Ceil(height * fits[i].scale / page[1]))
	}
	p, l := fits[0], fits[1]
	switch {
	case p.scale >= minPrintScale:
		if l.pages < p.pages {
			return l.orient
		}
		return p.orient
	case l.scale > p.scale:
		return l.orient
	}
	return p.orient
}

// fitPrint narrows the widest text columns of a sheet, which then wrap,
// so that the sheet fitted to one page wide in landscape prints at
// minPrintScale or more (in LibreOffice's measure, see mdw): the same cap
// for every text column wider than it, as high as that allows, and not
// below minPrintCap. Figure columns, which never wrap, and words that
// cannot break keep their widths. A sheet that prints at minPrintScale
// as it is keeps its widths. (English sheets need it most: their names
// of indicators and figures with units take about half as much again as
// the Chinese.)
func (b *build) fitPrint(s *sheet, texts []bool) {
	from, to := s.printed()
	n := to - from
	limit := (printPxLandscape/minPrintScale - 5*float64(n)) / b.mdw()
	width := func(c float64) float64 {
		w := 0.0
		for i := from; i < to; i++ {
			if i < len(texts) && texts[i] {
				w += math.Min(s.widths[i], c)
			} else {
				w += s.widths[i]
			}
		}
		return w
	}
	if width(math.Inf(1)) <= limit {
		return
	}
	lo, hi := minPrintCap, 0.0
	for i := from; i < to; i++ {
		hi = math.Max(hi, s.widths[i])
	}
	if width(lo) > limit {
		hi = lo // as narrow as text columns go
	}
	for hi-lo > 0.25 {
		if mid := (lo + hi) / 2; width(mid) <= limit {
			lo = mid
		} else {
			hi = mid
		}
	}
	c := math.Floor(lo*4) / 4
	for i := from; i < to; i++ {
		if i < len(texts) && texts[i] && s.widths[i] > c {
			s.widths[i], s.wrap[i] = c, true
		}
	}
	s.textW = 0
	for _, w := range s.widths {
		s.textW += w
	}
}
