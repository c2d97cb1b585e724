package pdf

import (
	"math"

	"github.com/statbrief/statbrief/report"
)

var (
	chartTitle = style{size: 10, leading: 1.5, bold: true, color: black, role: RoleLabel}
	chartLabel = style{size: 8, leading: 1.3, color: black, role: RoleLabel}
	chartValue = style{size: 7.5, leading: 1.3, color: black, role: RoleLabel}
	chartAxis  = style{size: 7, leading: 1.3, color: gray, role: RoleLabel}
)

var (
	palette      = []Color{accent, accent2, {0x5b, 0x9b, 0x8c}, {0xb8, 0x8a, 0xc7}}
	markerColors = []Color{marker, {0x7b, 0x4f, 0xa0}, {0x2a, 0x9d, 0x8f}}
)

func figNum(f report.Figure) (float64, bool) {
	if !f.Valid {
		return 0, false
	}
	v, _ := f.Value.Num.Float64()
	return v, true
}

// niceStep is a round tick step giving about n ticks over span.
func niceStep(span float64, n int) float64 {
	if span <= 0 {
		return 1
	}
	raw := span / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// chart lays out a chart as horizontal bars, one band per category: the
// bar series as bars, marker series as diamonds on them, the reference as
// a dashed line, with a legend, value labels and a value axis. Pie charts
// are set the same way (as bars of their shares).
func (l *layout) chart(c report.Chart) {
	switch c.Type {
	case report.ColumnChart:
		l.columnChart(c, false)
		return
	case report.LineChart:
		l.columnChart(c, true)
		return
	}
	var bars, marks []int
	for i, s := range c.Series {
		if s.Marker {
			marks = append(marks, i)
		} else {
			bars = append(bars, i)
		}
	}
	title := l.clean(c.Title, true)
	cats := make([]string, len(c.Categories))
	labelW := 0.0
	for i, s := range c.Categories {
		cats[i] = l.clean(s, false)
		labelW = max(labelW, l.measure(cats[i], chartLabel))
	}
	labelW = min(labelW, l.width()*0.3)
	// value labels: per category, one per bar series; the markers' values
	// follow the first bar's label
	vlabels := make([][]string, len(cats))
	valW := 0.0
	for i := range cats {
		for _, si := range bars {
			s := c.Series[si]
			t := report.Dash
			if i < len(s.Values) {
				t = s.Values[i].Text(l.lang)
			}
			t = l.clean(t, false)
			vlabels[i] = append(vlabels[i], t)
		}
		if len(bars) == 0 {
			vlabels[i] = append(vlabels[i], "")
		}
	}
	// marker labels: the series name and value, in the marker's colour
	mlabels := make([][]string, len(cats))
	for i := range cats {
		mlabels[i] = make([]string, len(marks))
		for k, mi := range marks {
			m := c.Series[mi]
			if i < len(m.Values) && m.Values[i].Valid {
				mlabels[i][k] = l.clean(m.Name, false) + " " + l.clean(m.Values[i].Text(l.lang), false)
			}
		}
	}
	for i := range cats {
		for bi, t := range vlabels[i] {
			w := l.measure(t, chartValue)
			if bi == 0 {
				for _, ml := range mlabels[i] {
					if ml != "" {
						w += 4 + l.measure(ml, chartValue)
					}
				}
			}
			valW = max(valW, w)
		}
	}
	valW = min(valW+4, l.width()*0.45)

	// scale
	sc := chartScale(c)
	lo, hi := sc.lo, sc.hi

	// room right of the plot for the last tick label and the unit
	unit := l.clean(c.Unit, false)
	tickText := sc.text
	valW = max(valW, l.measure(tickText(hi), chartAxis)/2+3+l.measure(unit, chartAxis)+2)
	nb := max(len(bars), 1)
	barH := 9.0
	bandH := max(float64(nb)*barH+8, chartLabel.lineH()+6)
	// category labels may wrap: band height grows
	catLines := make([][]string, len(cats))
	for i, s := range cats {
		catLines[i] = l.wrap(s, labelW, chartLabel)
	}
	bandHs := make([]float64, len(cats))
	plotH := 0.0
	for i := range cats {
		bandHs[i] = max(bandH, float64(len(catLines[i]))*chartLabel.lineH()+4)
		plotH += bandHs[i]
	}

	legend := l.legendItems(c, bars, marks)
	titleLines := l.wrap(title, l.width(), chartTitle)
	titleH := float64(len(titleLines)) * chartTitle.lineH()
	legendH := l.legend(legend, false)
	axisH := chartAxis.lineH() + 6
	notesH := 0.0
	for _, n := range c.Notes {
		notesH += float64(len(l.wrap(l.clean(n, false), l.width(), noteStyle))) * noteStyle.lineH()
	}
	l.ensure(titleH + legendH + plotH + axisH + notesH + 4)
	l.beginBlock("chart")
	l.y += l.textAt(title, l.left(), l.y, l.width(), chartTitle, 0)
	l.y += l.legend(legend, true)
	x0 := l.left() + labelW + 6
	x1 := l.left() + l.width() - valW
	sx := func(v float64) float64 { return x0 + (v-lo)/(hi-lo)*(x1-x0) }
	top := l.y
	// grid and ticks
	for _, v := range sc.ticks() {
		x := sx(v)
		l.line(x, top, x, top+plotH, 0.4, gridColor, false)
		t := tickText(v)
		tw := l.measure(t, chartAxis)
		l.textAt(t, x-tw/2, top+plotH+3, tw+1, chartAxis, 0)
	}
	if unit != "" {
		uw := l.measure(unit, chartAxis)
		l.textAt(unit, x1+l.measure(tickText(hi), chartAxis)/2+3, top+plotH+3, uw+1, chartAxis, 0)
	}
	// bands
	y := top
	for i := range cats {
		bh := bandHs[i]
		// category label, right-aligned, centred in the band
		lh := float64(len(catLines[i])) * chartLabel.lineH()
		item := l.newItem(cats[i], len(catLines[i]))
		for k, ln := range catLines[i] {
			w := l.lineWidth(ln, chartLabel)
			l.emit(ln, x0-6-w, y+(bh-lh)/2+float64(k)*chartLabel.lineH(), chartLabel, 0, item)
		}
		by := y + (bh-float64(nb)*barH)/2
		end := sx(0)
		for bi, si := range bars {
			s := c.Series[si]
			if i < len(s.Values) {
				if v, ok := figNum(s.Values[i]); ok {
					a, b := sx(0), sx(v)
					if b < a {
						a, b = b, a
					}
					l.rect(a, by+float64(bi)*barH+1, max(b-a, 0.5), barH-2, palette[bi%len(palette)])
					end = max(end, b)
				}
			}
		}
		for k, mi := range marks {
			m := c.Series[mi]
			if i < len(m.Values) {
				if v, ok := figNum(m.Values[i]); ok {
					mx := sx(v)
					cy := by + float64(nb)*barH/2
					l.add(Box{Kind: MarkerBox, Role: RoleDecoration, X: mx - 4, Y: cy - 4, W: 8, H: 8, Color: markerColors[k%len(markerColors)], item: -1})
					end = max(end, mx+4)
				}
			}
		}
		for bi := range vlabels[i] {
			t := vlabels[i][bi]
			ly := by + float64(bi)*barH + barH/2 - chartValue.lineH()/2
			lx := end + 3
			if t != "" {
				w := l.measure(t, chartValue)
				l.textAt(t, lx, ly, w+1, chartValue, 0)
				lx += w + 4
			}
			if bi > 0 {
				continue
			}
			for k, ml := range mlabels[i] {
				if ml == "" {
					continue
				}
				st := chartValue
				st.color = markerColors[k%len(markerColors)]
				w := l.measure(ml, st)
				l.textAt(ml, lx, ly, w+1, st, 0)
				lx += w + 4
			}
		}
		y += bh
	}
	if v, ok := figNum(c.Reference); ok {
		l.line(sx(v), top, sx(v), top+plotH, 1, refColor, true)
	}
	// axes
	l.line(sx(0), top, sx(0), top+plotH, 0.8, gray, false)
	l.line(x0, top+plotH, x1, top+plotH, 0.6, gray, false)
	l.y = top + plotH + axisH
	for _, n := range c.Notes {
		l.y += l.textAtFlow(n, noteStyle)
	}
	l.endBlock(12)
}

type legendItem struct {
	kind  Kind
	color Color
	text  string
	solid bool // a LineBox swatch drawn solid (a line series), not dashed (the reference)
}

func (l *layout) legendItems(c report.Chart, bars, marks []int) []legendItem {
	var legend []legendItem
	for k, si := range bars {
		legend = append(legend, legendItem{kind: RectBox, color: palette[k%len(palette)], text: l.clean(c.Series[si].Name, false)})
	}
	for k, si := range marks {
		legend = append(legend, legendItem{kind: MarkerBox, color: markerColors[k%len(markerColors)], text: l.clean(c.Series[si].Name, false)})
	}
	if c.Reference.Valid {
		legend = append(legend, legendItem{kind: LineBox, color: refColor, text: l.clean(c.Reference.Text(l.lang), false)})
	}
	return legend
}

// legend sets the legend at l.y (only measures it unless draw) and
// returns its height: swatches with their names, wrapping as needed.
func (l *layout) legend(items []legendItem, draw bool) float64 {
	if len(items) == 0 {
		return 0
	}
	lh := chartLabel.lineH()
	x, y := l.left(), l.y+2
	right := l.left() + l.width()
	rowH := lh
	for _, it := range items {
		lines := l.wrap(it.text, l.width()-13, chartLabel)
		w := 0.0
		for _, ln := range lines {
			w = max(w, l.lineWidth(ln, chartLabel))
		}
		if x > l.left() && x+13+w > right {
			x, y = l.left(), y+rowH
			rowH = lh
		}
		h := float64(len(lines)) * lh
		rowH = max(rowH, h)
		if draw {
			mid := y + lh/2
			switch it.kind {
			case RectBox:
				l.rect(x, mid-4, 10, 8, it.color)
			case MarkerBox:
				l.add(Box{Kind: MarkerBox, Role: RoleDecoration, X: x + 1, Y: mid - 4, W: 8, H: 8, Color: it.color, item: -1})
			case LineBox:
				l.line(x, mid, x+10, mid, 1.2, it.color, !it.solid)
			}
			l.textAt(it.text, x+13, y, min(w+1, right-x-13), chartLabel, 0)
		}
		x += 13 + w + 12
	}
	return y + rowH + 4 - l.y
}
