package pdf

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

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

// Bar charts. Each category is a band (a row) with its bars; the first
// marker series (the nation, say) is a triangle above the bars pointing
// down at its value, the second (the province) a triangle below them
// pointing up, further ones diamonds on the bars, so that markers never
// hide each other whatever their values. Right of the bars the band's
// labels: each bar's value, then each marker's, after a small copy of its
// mark, flowing onto further lines when they do not fit. A bar whose
// value lies far beyond all the others is cut at the end of the axis,
// with a break mark, so that the other bars are not slivers; its label
// gives its value. A chart that does not fit on the page continues on
// the next one (bands are rows): its title, with "(continued)", its
// legend and its axis are repeated.

const (
	barH       = 9.0 // height of a bar's row in its band
	markerSize = 6.0 // the markers' triangles and diamonds
	iconSize   = 5.0 // a marker's shape in a label
	labelGap   = 4.0 // between the labels of a band
)

// barPlan is a bar chart measured and scaled, ready to be set.
type barPlan struct {
	c          report.Chart
	bars       []int // series drawn as bars
	marks      []int // series drawn as markers
	title      []string
	titleS     string
	cont       []string // the title of a continuation
	contS      string
	legend     []legendItem
	legendH    float64
	repeatLeg  bool // the legend is repeated on continuation pages
	x0, x1     float64
	sc         scale
	capLo      bool // values below sc.lo are cut (an outlier)
	capHi      bool // values above sc.hi are cut
	unit       string
	unitLines  []string // the unit, on lines of its own under the axis when it is long
	axisH      float64
	bands      []band
	pieces     []bandPiece
	notes      []string
	brokeNote  string // a note on the cut bars, if any
	catLineH   float64
	valueLineH float64
}

// band is one category: its label lines, its labels right of the bars.
type band struct {
	label  string
	lines  []string
	values []labelRow // rows of labels right of the bars
	end    float64    // x where the labels start
	h      float64
	// the band has a value of the first marker series (set above the
	// bars) or of the second (below them)
	above, below bool
}

// labelRow is a line of labels right of a band's bars.
type labelRow struct{ segs []labelSeg }

// labelSeg is one label: a value, after a marker's icon if it is one.
type labelSeg struct {
	text  string
	color Color
	icon  int // -1: none; else the index of the marker series
	x, w  float64
}

// bandPiece is a band, or (for a band taller than a page can hold) part
// of its label lines: the first part has the bars.
type bandPiece struct {
	band     int
	from, to int // label lines
	first    bool
	h        float64
	slack    float64 // how much h may shrink (padding)
}

// shrink takes the fraction f of every band's padding off its height.
func (p *barPlan) shrink(f float64) {
	f = min(f, 1)
	for i := range p.pieces {
		p.pieces[i].h -= p.pieces[i].slack * f
		p.pieces[i].slack -= p.pieces[i].slack * f
	}
}

// firstFragment is how many bands of a chart go on this page, with its
// head headH high, when room is left: as many as fit, but none when fewer
// than three would, and not all but one (a lone band would continue).
func (l *layout) firstFragment(p *barPlan, headH, room float64) int {
	used := headH + p.axisH + 4
	k := 0
	for k < len(p.pieces) && used+p.pieces[k].h <= room+0.01 {
		used += p.pieces[k].h
		k++
	}
	if k == len(p.pieces)-1 {
		k--
	}
	if k < 3 {
		return 0
	}
	return k
}

// chart lays out a chart. Pie charts are set as bars of their shares;
// column and line charts whose labels do not fit under the columns are
// set as bars too.
func (l *layout) chart(c report.Chart) {
	switch c.Type {
	case report.ColumnChart, report.LineChart:
		if l.columnChart(c, c.Type == report.LineChart) {
			return
		}
	}
	p := l.planBars(c)
	l.setBars(p)
}

// planBars measures a bar chart.
func (l *layout) planBars(c report.Chart) *barPlan {
	p := &barPlan{c: c, catLineH: chartLabel.lineH(), valueLineH: chartValue.lineH()}
	for i, s := range c.Series {
		if s.Marker {
			p.marks = append(p.marks, i)
		} else {
			p.bars = append(p.bars, i)
		}
	}
	p.titleS = l.clean(c.Title, true)
	p.title = l.wrap(p.titleS, l.width(), chartTitle)
	if len(p.title) <= 2 && p.titleS != "" {
		p.contS = p.titleS + map[bool]string{true: "（续）", false: " (continued)"}[l.zh()]
	} else {
		p.contS = map[bool]string{true: "（续）", false: "(continued)"}[l.zh()]
	}
	p.contS = l.clean(p.contS, true)
	p.cont = l.wrap(p.contS, l.width(), chartTitle)
	p.legend = l.legendItems(c, p.bars, p.marks)
	p.legendH = l.legend(p.legend, false)
	p.repeatLeg = p.legendH <= l.dl.Content.H/4

	// the scale, cut at an outlier
	p.sc, p.capLo, p.capHi = barScale(c)
	// the category labels, at most 30% of the width
	labelW := 0.0
	p.bands = make([]band, len(c.Categories))
	for i, s := range c.Categories {
		p.bands[i].label = l.clean(s, false)
		labelW = max(labelW, l.measure(p.bands[i].label, chartLabel))
	}
	labelW = min(labelW, l.width()*0.3)
	// the value labels: their natural width, at most 45% of the width
	segs := make([][]labelSeg, len(c.Categories))
	valW := 0.0
	for i := range p.bands {
		w := 0.0
		for k, si := range p.bars {
			t := report.Dash
			if s := c.Series[si]; i < len(s.Values) {
				t = s.Values[i].Text(l.lang)
			}
			seg := labelSeg{text: l.clean(t, false), color: black, icon: -1}
			seg.w = l.measure(seg.text, chartValue)
			segs[i] = append(segs[i], seg)
			if k == 0 {
				w += seg.w
			} else {
				w = max(w, seg.w)
			}
		}
		for k, mi := range p.marks {
			m := c.Series[mi]
			if i >= len(m.Values) || !m.Values[i].Valid {
				continue
			}
			t := l.clean(m.Values[i].Text(l.lang), false)
			// the series' name too, when it is short (the legend names
			// every series)
			if name := l.clean(m.Name, false); name != "" && utf8.RuneCountInString(name) <= 8 {
				t = name + " " + t
			}
			seg := labelSeg{text: t, color: markerColors[k%len(markerColors)], icon: k}
			seg.w = iconSize + 2 + l.measure(t, chartValue)
			segs[i] = append(segs[i], seg)
			w += labelGap + seg.w
		}
		valW = max(valW, w)
	}
	valW = min(valW+4, l.width()*0.45)
	p.unit = l.clean(c.Unit, false)
	tickW := l.measure(p.sc.text(p.sc.hi), chartAxis)
	unitW := l.measure(p.unit, chartAxis)
	if tickW/2+3+unitW+2 > l.width()*0.3 {
		// a long unit goes on lines of its own under the axis
		p.unitLines = l.wrap(p.unit, l.width(), chartAxis)
		valW = max(valW, tickW/2+2)
	} else {
		valW = max(valW, tickW/2+3+unitW+2)
	}
	p.x0 = l.left() + labelW + 6
	p.x1 = l.left() + l.width() - valW
	p.axisH = chartAxis.lineH() + 6 + float64(len(p.unitLines))*chartAxis.lineH()

	nb := max(len(p.bars), 1)
	right := l.left() + l.width()
	for i := range p.bands {
		b := &p.bands[i]
		b.lines = l.wrap(b.label, labelW, chartLabel)
		// where the labels start: right of the bars and the markers
		b.end = p.sx(0)
		for _, si := range p.bars {
			if s := c.Series[si]; i < len(s.Values) {
				if v, ok := figNum(s.Values[i]); ok {
					b.end = max(b.end, p.sx(v))
				}
			}
		}
		for k, mi := range p.marks {
			if m := c.Series[mi]; i < len(m.Values) {
				if v, ok := figNum(m.Values[i]); ok {
					b.end = max(b.end, p.sx(v)+markerSize/2)
					b.above = b.above || k == 0
					b.below = b.below || k == 1
				}
			}
		}
		b.end += 3
		b.values = l.flowLabels(segs[i], b.end, right, nb)
		b.h = max(p.bandContent(b)+8, float64(len(b.lines))*p.catLineH+4)
	}
	// bands taller than a continuation page can hold are split by lines
	maxPlot := l.dl.Content.H - float64(len(p.cont))*chartTitle.lineH() - p.axisH - 2
	if p.repeatLeg {
		maxPlot -= p.legendH
	}
	for i, b := range p.bands {
		if b.h <= maxPlot || len(b.lines) < 2 {
			minH := max(p.bandContent(&b)+3, float64(len(b.lines))*p.catLineH+1)
			p.pieces = append(p.pieces, bandPiece{band: i, from: 0, to: len(b.lines), first: true, h: b.h, slack: max(b.h-minH, 0)})
			continue
		}
		per := max(int((maxPlot-4)/p.catLineH), 1)
		for from := 0; from < len(b.lines); from += per {
			to := min(from+per, len(b.lines))
			h := float64(to-from)*p.catLineH + 4
			if from == 0 {
				h = max(h, b.h-float64(len(b.lines)-to)*p.catLineH)
				h = min(h, maxPlot)
			}
			p.pieces = append(p.pieces, bandPiece{band: i, from: from, to: to, first: from == 0, h: h})
		}
	}
	for _, n := range c.Notes {
		p.notes = append(p.notes, n)
	}
	if p.capLo || p.capHi {
		if l.zh() {
			p.brokeNote = "注：带断开符号的条形超出坐标轴范围，其数值见标注。"
		} else {
			p.brokeNote = "Note: a bar with a break mark runs past the end of the axis; its label gives its value."
		}
	}
	return p
}

// bandContent is the height of a band's bars, markers and labels
// (rows of labels, the first beside the first bar).
func (p *barPlan) bandContent(b *band) float64 {
	nb := max(len(p.bars), 1)
	block := float64(nb) * barH
	if b.below {
		block += markerSize
	}
	labels := float64(nb-1)*barH + barH/2 + p.valueLineH/2 + float64(max(len(b.values)-nb, 0))*p.valueLineH
	return p.markAbove(b) + max(block, labels)
}

// markAbove is the room above a band's bars for the first marker series.
func (p *barPlan) markAbove(b *band) float64 {
	if b.above {
		return markerSize
	}
	return 0
}

// sx is the x of value v on the plot.
func (p *barPlan) sx(v float64) float64 {
	v = min(max(v, p.sc.lo), p.sc.hi)
	return p.x0 + (v-p.sc.lo)/(p.sc.hi-p.sc.lo)*(p.x1-p.x0)
}

// flowLabels sets a band's labels in rows from x to right: each bar's
// value on its bar's row, the markers' after the first bar's (or after
// the last bar's row when there are several bars), flowing onto further
// rows; a label too wide for a row is broken into lines.
func (l *layout) flowLabels(segs []labelSeg, x, right float64, nb int) []labelRow {
	var rows []labelRow
	avail := right - x
	row := labelRow{}
	cur := x
	startRow := func() {
		rows = append(rows, row)
		row, cur = labelRow{}, x
	}
	place := func(s labelSeg) {
		if len(row.segs) > 0 && cur+labelGap+s.w > right+0.01 {
			startRow()
		}
		if len(row.segs) > 0 {
			cur += labelGap
		}
		if s.w <= avail+0.01 {
			s.x = cur
			row.segs = append(row.segs, s)
			cur += s.w
			return
		}
		// too wide for a row: break the text into lines
		textW := avail
		if s.icon >= 0 {
			textW -= iconSize + 2
		}
		lines := l.wrap(s.text, max(textW, 1), chartValue)
		for k, ln := range lines {
			if k > 0 || len(row.segs) > 0 {
				startRow()
			}
			part := labelSeg{text: ln, color: s.color, icon: -1, x: x, w: l.lineWidth(ln, chartValue)}
			if k == 0 && s.icon >= 0 {
				part.icon = s.icon
				part.w += iconSize + 2
			}
			row.segs = append(row.segs, part)
			cur = x + part.w
		}
	}
	nbars := 0
	for _, s := range segs {
		if s.icon < 0 {
			nbars++
		}
	}
	for i, s := range segs {
		place(s)
		if s.icon < 0 && i < nbars-1 {
			startRow() // the next bar's value on the next bar's row
		}
	}
	rows = append(rows, row)
	return rows
}

// barScale is the value axis of a bar chart: from the values, rounded out
// to whole ticks, and cut short of a value far beyond all the others (more
// than 2.5 times the next largest on its side of zero): the bars of such
// values are cut at the end of the axis.
func barScale(c report.Chart) (sc scale, capLo, capHi bool) {
	var pos, neg []float64 // the bars' values, by side of zero
	lo, hi := 0.0, 0.0     // of every value
	others := []float64{}  // markers' values and the reference
	for _, s := range c.Series {
		for _, f := range s.Values {
			if v, ok := figNum(f); ok {
				lo, hi = min(lo, v), max(hi, v)
				switch {
				case s.Marker:
					others = append(others, v)
				case v > 0:
					pos = append(pos, v)
				case v < 0:
					neg = append(neg, -v)
				}
			}
		}
	}
	if v, ok := figNum(c.Reference); ok {
		lo, hi = min(lo, v), max(hi, v)
		others = append(others, v)
	}
	slices.Sort(pos)
	slices.Sort(neg)
	// a bar far beyond the others, and beyond every marker, is cut
	if n := len(pos); n >= 3 && pos[n-1] > 2.5*pos[n-2] {
		limit := pos[n-2] * 1.25
		if !slices.ContainsFunc(others, func(v float64) bool { return v > limit }) {
			hi, capHi = limit, true
		}
	}
	if n := len(neg); n >= 3 && neg[n-1] > 2.5*neg[n-2] {
		limit := -neg[n-2] * 1.25
		if !slices.ContainsFunc(others, func(v float64) bool { return v < limit }) {
			lo, capLo = limit, true
		}
	}
	if hi == lo {
		hi = lo + 1
	}
	step := niceStep(hi-lo, 5)
	return scale{math.Floor(lo/step+1e-9) * step, math.Ceil(hi/step-1e-9) * step, step}, capLo, capHi
}

// setBars sets a measured bar chart from l.y, continuing it on further
// pages as needed.
func (l *layout) setBars(p *barPlan) {
	headH := func(first bool) float64 {
		if first {
			return float64(len(p.title))*chartTitle.lineH() + p.legendH
		}
		h := float64(len(p.cont)) * chartTitle.lineH()
		if p.repeatLeg {
			h += p.legendH
		}
		return h
	}
	total, slack := headH(true)+p.axisH+4, 0.0
	for _, pc := range p.pieces {
		total += pc.h
		slack += pc.slack
	}
	room := l.bottom() - l.y
	fresh := l.y <= l.top()+0.01
	switch {
	case total <= room || fresh && total <= l.dl.Content.H:
		// the whole chart here
	case total-slack <= room:
		// the whole chart here, its bands a little closer
		p.shrink((total - room + 0.01) / slack)
	case !fresh && l.firstFragment(p, headH(true), room) < 3:
		// less than three bands here: the chart starts on the next page,
		// whole if it fits on one
		l.newPage()
		if total > l.dl.Content.H && total-slack <= l.dl.Content.H {
			p.shrink((total - l.dl.Content.H + 0.01) / slack)
		}
	}
	l.beginBlock("chart")
	next := 0
	for first := true; ; first = false {
		if first {
			item := l.newItem(p.titleS, len(p.title))
			l.flowLines(p.title, l.left(), chartTitle, item, 0)
			l.drawLegend(p.legend)
		} else {
			l.newPage()
			l.flowLines(p.cont, l.left(), chartTitle, l.newItem(p.contS, len(p.cont)), 0)
			if p.repeatLeg {
				l.drawLegend(p.legend)
			}
		}
		// the bands that fit above the axis
		top := l.y
		room := l.bottom() - top - p.axisH
		end := next
		used := 0.0
		for end < len(p.pieces) && used+p.pieces[end].h <= room+0.01 {
			used += p.pieces[end].h
			end++
		}
		if end == len(p.pieces)-1 && end-next >= 4 {
			// not a lone band on the next page
			end--
			used -= p.pieces[end].h
		}
		if end == next {
			if first {
				continue // nothing fits under the head: go on on the next page
			}
			end = next + 1 // a fresh page: set the piece however tall
			used = p.pieces[next].h
		}
		l.placeCarried(used + p.axisH)
		l.barFragment(p, p.pieces[next:end], top, used)
		l.y = top + used + p.axisH
		next = end
		if next >= len(p.pieces) {
			break
		}
	}
	for _, n := range p.notes {
		l.textAtFlow(n, noteStyle)
	}
	if p.brokeNote != "" {
		l.textAtFlow(p.brokeNote, noteStyle)
	}
	l.endBlock(12)
}

// barFragment sets bands of a bar chart from top, plotH high, with the
// grid, the reference line and the axis under them.
func (l *layout) barFragment(p *barPlan, pieces []bandPiece, top, plotH float64) {
	c := p.c
	sx := p.sx
	// grid and ticks
	for _, v := range p.sc.ticks() {
		x := sx(v)
		l.line(x, top, x, top+plotH, 0.4, gridColor, false)
		t := p.sc.text(v)
		tw := l.measure(t, chartAxis)
		l.textAt(t, x-tw/2, top+plotH+3, tw+1, chartAxis, 0)
	}
	if len(p.unitLines) > 0 {
		y := top + plotH + 3 + chartAxis.lineH()
		item := l.newItem(p.unit, len(p.unitLines))
		for _, ln := range p.unitLines {
			l.emit(ln, l.left()+l.width()-l.lineWidth(ln, chartAxis), y, chartAxis, 0, item)
			y += chartAxis.lineH()
		}
	} else if p.unit != "" {
		uw := l.measure(p.unit, chartAxis)
		l.textAt(p.unit, p.x1+l.measure(p.sc.text(p.sc.hi), chartAxis)/2+3, top+plotH+3, uw+1, chartAxis, 0)
	}
	nb := max(len(p.bars), 1)
	y := top
	for _, pc := range pieces {
		b := p.bands[pc.band]
		bh := pc.h
		// the category label, flush right, centred in the band
		lines := b.lines[pc.from:pc.to]
		lh := float64(len(lines)) * p.catLineH
		item := l.newItem(strings.Join(lines, ""), len(lines))
		for k, ln := range lines {
			w := l.lineWidth(ln, chartLabel)
			l.emit(ln, p.x0-6-w, y+(bh-lh)/2+float64(k)*p.catLineH, chartLabel, 0, item)
		}
		if !pc.first {
			y += bh
			continue
		}
		// the bars, markers and labels, centred in the band
		barTop := y + (bh-p.bandContent(&b))/2 + p.markAbove(&b)
		i := pc.band
		for bi, si := range p.bars {
			s := c.Series[si]
			if i >= len(s.Values) {
				continue
			}
			v, ok := figNum(s.Values[i])
			if !ok {
				continue
			}
			a, e := sx(0), sx(v)
			if e < a {
				a, e = e, a
			}
			by := barTop + float64(bi)*barH + 1
			l.rect(a, by, max(e-a, 0.5), barH-2, palette[bi%len(palette)])
			if v > p.sc.hi && p.capHi || v < p.sc.lo && p.capLo {
				// the break mark: two white strokes across the bar near its cut end
				bx := e - 7
				if v < 0 {
					bx = a + 5
				}
				for _, dx := range []float64{0, 2.5} {
					l.line(bx+dx, by+barH-2+0.5, bx+dx+2, by-0.5, 1.2, Color{0xff, 0xff, 0xff}, false)
				}
			}
		}
		barsBottom := barTop + float64(nb)*barH
		for k, mi := range p.marks {
			m := c.Series[mi]
			if i >= len(m.Values) {
				continue
			}
			v, ok := figNum(m.Values[i])
			if !ok {
				continue
			}
			mx := sx(v)
			col := markerColors[k%len(markerColors)]
			switch k {
			case 0: // above the bars, pointing down at the value
				l.add(Box{Kind: ArrowBox, Role: RoleDecoration, X: mx - markerSize/2, Y: barTop - markerSize, W: markerSize, H: markerSize - 0.5, Color: col, Down: true, item: -1})
			case 1: // below the bars, pointing up
				l.add(Box{Kind: ArrowBox, Role: RoleDecoration, X: mx - markerSize/2, Y: barsBottom + 0.5, W: markerSize, H: markerSize - 0.5, Color: col, item: -1})
			default: // a diamond on the bars
				cy := barTop + float64(nb)*barH/2
				l.add(Box{Kind: MarkerBox, Role: RoleDecoration, X: mx - markerSize/2, Y: cy - markerSize/2, W: markerSize, H: markerSize, Color: col, item: -1})
			}
		}
		// the labels: row r beside bar r, further rows below
		for r, row := range b.values {
			ly := barTop + float64(r)*barH + barH/2 - p.valueLineH/2
			if r >= nb {
				ly = barTop + float64(nb-1)*barH + barH/2 - p.valueLineH/2 + float64(r-nb+1)*p.valueLineH
			}
			for _, s := range row.segs {
				x := s.x
				if s.icon >= 0 {
					l.markerIcon(s.icon, x, ly+p.valueLineH/2-iconSize/2, iconSize)
					x += iconSize + 2
				}
				st := chartValue
				st.color = s.color
				l.textAt(s.text, x, ly, l.measure(s.text, st)+1, st, 0)
			}
		}
		y += bh
	}
	if v, ok := figNum(c.Reference); ok {
		l.line(sx(v), top, sx(v), top+plotH, 1, refColor, true)
	}
	// axes
	l.line(sx(0), top, sx(0), top+plotH, 0.8, gray, false)
	l.line(p.x0, top+plotH, p.x1, top+plotH, 0.6, gray, false)
}

// markerIcon draws the mark of marker series k in a box of size s at x, y.
func (l *layout) markerIcon(k int, x, y, s float64) {
	col := markerColors[k%len(markerColors)]
	switch k {
	case 0:
		l.add(Box{Kind: ArrowBox, Role: RoleDecoration, X: x, Y: y, W: s, H: s, Color: col, Down: true, item: -1})
	case 1:
		l.add(Box{Kind: ArrowBox, Role: RoleDecoration, X: x, Y: y, W: s, H: s, Color: col, item: -1})
	default:
		l.add(Box{Kind: MarkerBox, Role: RoleDecoration, X: x, Y: y, W: s, H: s, Color: col, item: -1})
	}
}

type legendItem struct {
	kind   Kind
	marker int // for a MarkerBox item: the marker series' index, which gives its shape
	color  Color
	text   string
	solid  bool // a LineBox swatch drawn solid (a line series), not dashed (the reference)
}

func (l *layout) legendItems(c report.Chart, bars, marks []int) []legendItem {
	var legend []legendItem
	for k, si := range bars {
		legend = append(legend, legendItem{kind: RectBox, color: palette[k%len(palette)], text: l.clean(c.Series[si].Name, false)})
	}
	for k, si := range marks {
		legend = append(legend, legendItem{kind: MarkerBox, marker: k, color: markerColors[k%len(markerColors)], text: l.clean(c.Series[si].Name, false)})
	}
	if c.Reference.Valid {
		legend = append(legend, legendItem{kind: LineBox, color: refColor, text: l.clean(c.Reference.Text(l.lang), false)})
	}
	return legend
}

// legend measures the legend (its height when set at the top of a page):
// swatches with their names, wrapping as needed.
func (l *layout) legend(items []legendItem, draw bool) float64 {
	if draw {
		l.drawLegend(items)
		return 0
	}
	rows := l.legendRows(items)
	h := 0.0
	for _, r := range rows {
		h += r.h
	}
	if len(rows) > 0 {
		h += 6
	}
	return h
}

// legendRow is a row of legend items: where each starts and its lines.
type legendRow struct {
	items []int
	x     []float64
	lines [][]string
	h     float64
}

func (l *layout) legendRows(items []legendItem) []legendRow {
	lh := chartLabel.lineH()
	var rows []legendRow
	row := legendRow{}
	x := l.left()
	right := l.left() + l.width()
	for i, it := range items {
		lines := l.wrap(it.text, l.width()-13, chartLabel)
		w := 0.0
		for _, ln := range lines {
			w = max(w, l.lineWidth(ln, chartLabel))
		}
		if len(row.items) > 0 && (x+13+w > right || len(lines) > 1) {
			rows = append(rows, row)
			row, x = legendRow{}, l.left()
		}
		row.items = append(row.items, i)
		row.x = append(row.x, x)
		row.lines = append(row.lines, lines)
		row.h = max(row.h, float64(len(lines))*lh)
		x += 13 + w + 12
		if len(lines) > 1 {
			rows = append(rows, row)
			row, x = legendRow{}, l.left()
		}
	}
	if len(row.items) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// drawLegend sets the legend at l.y, row by row, breaking pages between
// rows (and between the lines of a long name).
func (l *layout) drawLegend(items []legendItem) {
	rows := l.legendRows(items)
	if len(rows) == 0 {
		return
	}
	lh := chartLabel.lineH()
	l.y += 2
	for _, r := range rows {
		if r.h <= l.dl.Content.H/2 {
			l.ensure(r.h)
		}
		y0 := l.y
		for k, i := range r.items {
			it := items[i]
			x := r.x[k]
			lines := r.lines[k]
			item := l.newItem(it.text, len(lines))
			y := y0
			for n, ln := range lines {
				if r.h > l.dl.Content.H/2 && l.ensure(lh) {
					y = l.y
				}
				if n == 0 {
					mid := y + lh/2
					switch it.kind {
					case RectBox:
						l.rect(x, mid-4, 10, 8, it.color)
					case MarkerBox:
						l.markerIcon(it.marker, x+1.5, mid-3.5, 7)
					case LineBox:
						l.line(x, mid, x+10, mid, 1.2, it.color, !it.solid)
					}
				}
				l.emit(ln, x+13, y, chartLabel, 0, item)
				y += lh
				if r.h > l.dl.Content.H/2 {
					l.y = y
				}
			}
		}
		l.y = max(l.y, y0+r.h)
	}
	l.y += 4
}
