package xlsx

import (
	"bytes"
	"html"
	"math"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/report"
	"github.com/xuri/excelize/v2"
)

// A chart is drawn from cells: its data is written as a small table (one
// row per category, one column per series; derived values as formulas) and a
// native chart beside it refers to those cells, so it follows edits.

// chartPlan is a chart placed on a sheet.
type chartPlan struct {
	c      *report.Chart
	p      *part // the chart's data table
	anchor string
	w, h   uint // pixels
}

// chartUnits returns the units of a chart: its title and its data table.
// The chart starts a printed page.
func (b *build) chartUnits(c *report.Chart) []unit {
	t := &report.Table{ID: "chart-" + c.ID, Columns: []report.Column{{Key: "category", Header: b.w.category, Kind: report.TextCell}}}
	for _, s := range c.Series {
		t.Columns = append(t.Columns, report.Column{Key: "series", Header: s.Name, Kind: report.FigureCell})
	}
	for i, cat := range c.Categories {
		row := report.Row{Cells: []report.Cell{{Kind: report.TextCell, Text: cat}}}
		for _, s := range c.Series {
			cell := report.Cell{}
			if i < len(s.Values) && s.Values[i].Valid {
				cell = report.Cell{Kind: report.FigureCell, Figure: s.Values[i]}
			}
			row.Cells = append(row.Cells, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	title := c.Title
	return []unit{
		{text: title, style: styleKey{role: roleHeading3}, gap: true, brk: true},
		{table: t, chart: c},
	}
}

// Chart geometry, in pixels: data labels are 9-point text; a category
// gives each of its bars room for a label, so that the labels of two
// series do not overlap.
const (
	labelPx      = 13.0 // height of a line of 9-point labels
	labelUnitPx  = 7.6  // width of a unit of 9-point text, at the widest (DejaVu Sans, LibreOffice's substitute)
	chartChrome  = 110  // title, value axis and margins
	legendPx     = 30
	chartGapPct  = 50 // gap between categories, % of a bar
	maxChartPx   = 1400
	labelPadPx   = 24
	plotMarginPx = 40
)

// placeChart anchors the chart at the next row, across the sheet's text
// width, and keeps the rows it covers free; its data table follows.
func (b *build) placeChart(s *sheet, u *unit) *chartPlan {
	w := uint(math.Max(480, math.Min(760, s.textW*7.5)))
	n := len(u.chart.Categories)
	series := max(1, len(u.chart.Series))
	// each bar as tall as a label and a little more
	bar := labelPx + 4
	cat := float64(series)*bar + bar*chartGapPct/100
	h := chartChrome + float64(n)*cat
	if len(u.chart.Series) > 1 {
		h += legendPx
	}
	h = math.Max(260, math.Min(maxChartPx, h))
	cp := &chartPlan{c: u.chart, anchor: cellRef(0, s.next), w: w, h: uint(h)}
	s.charts = append(s.charts, cp)
	s.next += int(math.Ceil(float64(h)/20)) + 1
	s.chartW = math.Max(s.chartW, float64(w)/7.5)
	return cp
}

// targetsChart makes the target chart the document does not carry, from
// the cells of its targets table: completion where targets have one,
// otherwise target against actual for targets whose actual is in the same
// unit. It returns nil when no target can be drawn.
func (b *build) targetsChart(sec *report.Section) *report.Chart {
	var t *report.Table
	for _, blk := range sec.Blocks {
		if tb, ok := blk.(report.Table); ok && tb.ID == "targets" {
			t = &tb
			break
		}
	}
	if t == nil || t.Source != nil {
		return nil
	}
	col := map[string]int{}
	for i, c := range t.Columns {
		col[c.Key] = i
	}
	get := func(r report.Row, key string) (report.Cell, bool) {
		i, ok := col[key]
		if !ok || i >= len(r.Cells) {
			return report.Cell{}, false
		}
		return r.Cells[i], true
	}
	text := func(r report.Row) string {
		c, _ := get(r, "indicator")
		return c.Text
	}
	c := &report.Chart{ID: "targets", Title: b.w.targetsChart, Type: report.BarChart}
	// completion ratios first
	comp := report.Series{Name: b.w.completion}
	for _, r := range t.Rows {
		if cell, ok := get(r, "completion"); ok && cell.Kind == report.FigureCell && cell.Figure.Valid {
			c.Categories = append(c.Categories, text(r))
			comp.Values = append(comp.Values, cell.Figure)
		}
	}
	if len(comp.Values) > 0 {
		c.Title = b.w.targetsChart + "（" + b.w.completion + "，%）"
		if b.lang == report.English {
			c.Title = b.w.targetsChart + ": " + b.w.completion + " (%)"
		}
		c.Series = []report.Series{comp}
		return c
	}
	tgt, act := report.Series{Name: b.w.target}, report.Series{Name: b.w.actual}
	for _, r := range t.Rows {
		tc, ok1 := get(r, "target")
		ac, ok2 := get(r, "actual")
		if !ok1 || !ok2 || tc.Kind != report.FigureCell || ac.Kind != report.FigureCell ||
			!tc.Figure.Valid || !ac.Figure.Valid || tc.Figure.Value.Unit != ac.Figure.Value.Unit {
			continue
		}
		c.Categories = append(c.Categories, text(r))
		tgt.Values = append(tgt.Values, tc.Figure)
		act.Values = append(act.Values, ac.Figure)
	}
	if len(c.Categories) == 0 {
		return nil
	}
	c.Series = []report.Series{tgt, act}
	return c
}

var chartTypes = map[report.ChartType]excelize.ChartType{
	report.BarChart: excelize.Bar, report.ColumnChart: excelize.Col,
	report.PieChart: excelize.Pie, report.LineChart: excelize.Line,
}

// seriesColors are the fills of a chart's series: the city, then
// comparisons.
var seriesColors = []string{"4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"}

// addChart draws a planned chart.
func (b *build) addChart(s *sheet, cp *chartPlan) error {
	p := cp.p
	first, last := p.row(p.from), p.row(p.to-1)
	if p.to <= p.from {
		return nil
	}
	q := quoteSheet(s.name)
	typ, ok := chartTypes[cp.c.Type]
	if !ok {
		typ = excelize.Bar
	}
	gap, overlap := uint(chartGapPct), 0
	ch := &excelize.Chart{
		Type:         typ,
		GapWidth:     &gap,
		Overlap:      &overlap,
		Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: cp.c.Title, Font: &excelize.Font{Bold: true, Size: 12, Color: colorTitle, Family: b.font()}}}},
		Dimension:    excelize.ChartDimension{Width: cp.w, Height: cp.h},
		Legend:       excelize.ChartLegend{Position: "bottom"},
		PlotArea:     excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{SourceLinked: true}},
		Format:       excelize.GraphicOptions{AltText: cp.c.Title, PrintObject: boolPtr(true), Positioning: "oneCell"},
		XAxis:        excelize.ChartAxis{Font: excelize.Font{Size: 9, Color: "404040", Family: b.font()}, TickLabelPosition: excelize.ChartTickLabelLow},
		YAxis:        excelize.ChartAxis{MajorGridLines: true, Font: excelize.Font{Size: 9, Color: "404040", Family: b.font()}},
		ShowBlanksAs: "gap",
		VaryColors:   boolPtr(false),
	}
	if typ == excelize.Bar {
		ch.XAxis.ReverseOrder = true // first category on top, as in the table
	}
	if typ == excelize.Bar || typ == excelize.Col {
		if lo, hi, step, ok := b.valueAxis(cp); ok {
			ch.YAxis.Minimum, ch.YAxis.Maximum, ch.YAxis.MajorUnit = &lo, &hi, step
		}
	}
	if len(cp.c.Series) == 1 {
		ch.Legend.Position = "none"
	}
	cats := q + "!$A$" + itoa(first) + ":$A$" + itoa(last)
	for i := range cp.c.Series {
		col := colName(p.lay.cols[i+1].at)
		ch.Series = append(ch.Series, excelize.ChartSeries{
			Name:              q + "!$" + col + "$" + itoa(p.header),
			Categories:        cats,
			Values:            q + "!$" + col + "$" + itoa(first) + ":$" + col + "$" + itoa(last),
			Fill:              excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{seriesColors[i%len(seriesColors)]}},
			DataLabel:         excelize.ChartDataLabel{Font: excelize.Font{Size: 9, Color: "262626", Family: b.font()}},
			DataLabelPosition: excelize.ChartDataLabelsPositionOutsideEnd,
		})
	}
	b.chartParts = append(b.chartParts, b.chartCache(s, cp))
	return b.f.AddChart(s.name, cp.anchor, ch)
}

// valueAxis returns the bounds and step of a bar chart's value axis that
// leave room for every data label beyond the end of its bar: on the right
// of a positive bar, on the left of a negative one, clear of the category
// labels. ok is false for a chart without values.
func (b *build) valueAxis(cp *chartPlan) (lo, hi, step float64, ok bool) {
	type bar struct{ v, label float64 } // value, label width in px
	var bars []bar
	catPx := 0.0
	for i, c := range cp.c.Categories {
		catPx = math.Max(catPx, textUnits(c)*labelUnitPx)
		for _, se := range cp.c.Series {
			if i >= len(se.Values) || !se.Values[i].Valid {
				continue
			}
			f := se.Values[i]
			nf := b.chartFigure(f, false)
			v, _ := nf.num.Float64() // for the axis' geometry only
			bars = append(bars, bar{v, textUnits(f.Text(b.lang))*labelUnitPx + labelPadPx})
		}
	}
	if len(bars) == 0 {
		return 0, 0, 0, false
	}
	plot := math.Max(100, float64(cp.w)-math.Min(catPx, 0.45*float64(cp.w))-plotMarginPx)
	lo, hi = 0, 0
	for _, x := range bars {
		lo, hi = math.Min(lo, x.v), math.Max(hi, x.v)
	}
	if hi == lo {
		hi = lo + 1
	}
	// the labels' room depends on the scale, which depends on the room
	for range 30 {
		k := (hi - lo) / plot // units per pixel
		nlo, nhi := math.Min(0, lo), math.Max(0, hi)
		for _, x := range bars {
			if x.v < 0 {
				nlo = math.Min(nlo, x.v-x.label*k)
			} else {
				nhi = math.Max(nhi, x.v+x.label*k)
			}
		}
		if nlo == lo && nhi == hi {
			break
		}
		lo, hi = nlo, nhi
	}
	// round the bounds to whole steps of 1, 2 or 5 × 10^n, between 3 and 8
	// of them, checking that every label still fits: rounding widens the
	// axis and so narrows the pixels a unit takes
	fits := func(lo, hi float64) bool {
		for _, x := range bars {
			if x.v < 0 && (x.v-lo)/(hi-lo)*plot < x.label || x.v >= 0 && (hi-x.v)/(hi-lo)*plot < x.label {
				return false
			}
		}
		return true
	}
	for range 20 {
		span := hi - lo
		for m, e := niceStep(span / 8); ; m, e = nextStep(m, e) {
			st := decimal.New(m, e)
			step = st.InexactFloat64()
			if step > span/2 {
				break
			}
			// the bounds are whole steps, written as their shortest decimals
			rlo := decimal.NewFromFloat(math.Floor(lo / step)).Mul(st).InexactFloat64()
			rhi := decimal.NewFromFloat(math.Ceil(hi / step)).Mul(st).InexactFloat64()
			if fits(rlo, rhi) {
				return rlo, rhi, step, true
			}
		}
		lo, hi = lo-span/10, hi+span/10
	}
	return 0, 0, 0, false
}

// nextStep is the nice step after m × 10^e: 1 → 2 → 5 → 10.
func nextStep(m int64, e int32) (int64, int32) {
	switch m {
	case 1:
		return 2, e
	case 2:
		return 5, e
	}
	return 1, e + 1
}

// niceStep rounds x up to 1, 2 or 5 times a power of ten: m × 10^e.
func niceStep(x float64) (m int64, e int32) {
	if x <= 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return 1, 0
	}
	e = int32(math.Floor(math.Log10(x)))
	p := math.Pow(10, float64(e))
	for _, m := range []int64{1, 2, 5} {
		if float64(m)*p >= x {
			return m, e
		}
	}
	return 1, e + 1
}

// chartCache returns what a chart's part must hold besides the references
// to its cells: the cells' values (the categories, the series' names, the
// exact numbers with their formats), keyed by the reference as the part
// writes it. Readers that draw charts without reading cells (previewers,
// converters) draw these.
func (b *build) chartCache(s *sheet, cp *chartPlan) map[string]string {
	p := cp.p
	first, last := p.row(p.from), p.row(p.to-1)
	q := quoteSheet(s.name)
	out := map[string]string{}
	n := itoa(len(cp.c.Categories))
	var cats []byte
	cats = append(cats, `<strCache><ptCount val="`+n+`"/>`...)
	for i, c := range cp.c.Categories {
		txt, _ := cleanText(c, false)
		cats = append(cats, `<pt idx="`+itoa(i)+`"><v>`...)
		cats = appendEscaped(cats, txt)
		cats = append(cats, `</v></pt>`...)
	}
	out[q+"!$A$"+itoa(first)+":$A$"+itoa(last)] = string(append(cats, `</strCache>`...))
	for i, se := range cp.c.Series {
		col := colName(p.lay.cols[i+1].at)
		name, _ := cleanText(se.Name, false)
		out[q+"!$"+col+"$"+itoa(p.header)] = `<strCache><ptCount val="1"/><pt idx="0"><v>` + string(appendEscaped(nil, name)) + `</v></pt></strCache>`
		var v []byte
		code := "General"
		for _, f := range se.Values {
			if f.Valid {
				code = b.chartFigure(f, false).code
				break
			}
		}
		v = append(v, `<numCache><formatCode>`...)
		v = appendEscaped(v, code)
		v = append(v, `</formatCode><ptCount val="`+n+`"/>`...)
		for k := range cp.c.Categories {
			if k >= len(se.Values) || !se.Values[k].Valid {
				continue // a gap, as in the cells
			}
			nf := b.chartFigure(se.Values[k], false)
			num, err := numberText(nf.num)
			if err != nil {
				continue
			}
			v = append(v, `<pt idx="`+itoa(k)+`" formatCode="`...)
			v = appendEscaped(v, nf.code)
			v = append(v, `"><v>`+num+`</v></pt>`...)
		}
		out[q+"!$"+col+"$"+itoa(first)+":$"+col+"$"+itoa(last)] = string(append(v, `</numCache>`...))
	}
	return out
}

// chartRefs returns, for every reference of a chart part, the bounds of
// the reference text and of the whole element with excelize's cache after
// it, if any: {text start, text end, element start, element end}, as the
// regular expression <f>([^<]*)</f>(<numCache>.*?</numCache>)? would
// find them (no newline inside the cache).
func chartRefs(part []byte) [][4]int {
	var out [][4]int
	for at := 0; ; {
		i := bytes.Index(part[at:], []byte("<f>"))
		if i < 0 {
			return out
		}
		start := at + i
		text := start + len("<f>")
		lt := bytes.IndexByte(part[text:], '<')
		if lt < 0 {
			return out
		}
		end := text + lt
		if !bytes.HasPrefix(part[end:], []byte("</f>")) {
			at = start + 1
			continue
		}
		m := [4]int{text, end, start, end + len("</f>")}
		if rest := part[m[3]:]; bytes.HasPrefix(rest, []byte("<numCache>")) {
			if j := bytes.Index(rest, []byte("</numCache>")); j >= 0 && bytes.IndexByte(rest[:j], '\n') < 0 {
				m[3] += j + len("</numCache>")
			}
		}
		out = append(out, m)
		at = m[3]
	}
}

// chartXML returns the replacement of a chart part that adds the caches of
// chartCache after its references, and keeps data labels on one line
// (LibreOffice wraps "233.3% or more" otherwise).
func chartXML(cache map[string]string) func([]byte) ([]byte, error) {
	return func(part []byte) ([]byte, error) {
		out := make([]byte, 0, len(part)+2048)
		last := 0
		for _, m := range chartRefs(part) {
			ref := html.UnescapeString(string(part[m[0]:m[1]]))
			c, ok := cache[ref]
			if !ok {
				continue
			}
			out = append(out, part[last:m[1]+len("</f>")]...)
			out = append(out, c...)
			last = m[3]
		}
		out = append(out, part[last:]...)
		return noWrapLabels(out), nil
	}
}

var (
	bodyPr     = []byte(`<a:bodyPr `)
	bodyPrNone = []byte(`<a:bodyPr wrap="none" `)
)

// noWrapLabels sets the text of every data label of a chart part to keep
// on one line: in each <dLbls>…</dLbls> on one line, every <a:bodyPr
// becomes <a:bodyPr wrap="none".
func noWrapLabels(part []byte) []byte {
	open, end := []byte("<dLbls>"), []byte("</dLbls>")
	var out []byte
	last := 0
	for at := 0; ; {
		i := bytes.Index(part[at:], open)
		if i < 0 {
			break
		}
		start := at + i
		j := bytes.Index(part[start+len(open):], end)
		if j < 0 {
			break
		}
		stop := start + len(open) + j + len(end)
		if bytes.IndexByte(part[start:stop], '\n') >= 0 {
			at = start + 1
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(part)+256)
		}
		out = append(out, part[last:start]...)
		for m := part[start:stop]; ; {
			k := bytes.Index(m, bodyPr)
			if k < 0 {
				out = append(out, m...)
				break
			}
			out = append(out, m[:k]...)
			out = append(out, bodyPrNone...)
			m = m[k+len(bodyPr):]
		}
		last, at = stop, stop
	}
	if out == nil {
		return part
	}
	return append(out, part[last:]...)
}

func boolPtr(v bool) *bool { return &v }

// chartFigure is figure for the charts, which are drawn while the rows of
// the first sheets are made on another goroutine: it does not share their
// cache of format codes.
func (b *build) chartFigure(f report.Figure, split bool) numFigure {
	return figureNumber(f, b.lang, split, nil)
}
