package xlsx

import (
	"math"

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

// placeChart anchors the chart at the next row, across the sheet's text
// width, and keeps the rows it covers free; its data table follows.
func (b *build) placeChart(s *sheet, u *unit) *chartPlan {
	w := uint(math.Max(480, math.Min(760, s.textW*7.5)))
	n := len(u.chart.Categories)
	series := max(1, len(u.chart.Series))
	h := uint(math.Max(260, math.Min(560, float64(90+n*(16+12*series)))))
	cp := &chartPlan{c: u.chart, anchor: cellRef(0, s.next), w: w, h: h}
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
	ch := &excelize.Chart{
		Type:         typ,
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
	if len(cp.c.Series) == 1 {
		ch.Legend.Position = "none"
	}
	cats := q + "!$A$" + itoa(first) + ":$A$" + itoa(last)
	for i := range cp.c.Series {
		col := colName(p.lay.cols[i+1].at)
		ch.Series = append(ch.Series, excelize.ChartSeries{
			Name:       q + "!$" + col + "$" + itoa(p.header),
			Categories: cats,
			Values:     q + "!$" + col + "$" + itoa(first) + ":$" + col + "$" + itoa(last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{seriesColors[i%len(seriesColors)]}},
		})
	}
	return b.f.AddChart(s.name, cp.anchor, ch)
}

func boolPtr(v bool) *bool { return &v }
