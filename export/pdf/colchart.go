package pdf

import (
	"math"
	"strconv"

	"github.com/statbrief/statbrief/report"
)

// scale is a value axis: its ends, rounded out to whole ticks, and the
// tick step.
type scale struct{ lo, hi, step float64 }

func chartScale(c report.Chart) scale {
	lo, hi := 0.0, 0.0
	for _, s := range c.Series {
		for _, f := range s.Values {
			if v, ok := figNum(f); ok {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	if v, ok := figNum(c.Reference); ok {
		lo, hi = min(lo, v), max(hi, v)
	}
	if hi == lo {
		hi = lo + 1
	}
	step := niceStep(hi-lo, 5)
	return scale{math.Floor(lo/step+1e-9) * step, math.Ceil(hi/step-1e-9) * step, step}
}

func (s scale) ticks() []float64 {
	var out []float64
	for k := 0; ; k++ {
		v := s.lo + float64(k)*s.step
		if v > s.hi+s.step*1e-6 || k > 100 {
			return out
		}
		out = append(out, v)
	}
}

func (s scale) text(v float64) string {
	if math.Abs(v) < s.step*1e-6 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// columnChart lays out a column chart (or, with lines, a line chart):
// categories along the bottom, a value axis at the left, bar series as
// columns with their values above, marker series as diamonds, line series
// as lines through their points, the reference as a dashed line. It
// reports false, setting nothing, when the chart would not fit on a page
// (long category labels, a long title): then it is set as bars.
func (l *layout) columnChart(c report.Chart, lines bool) bool {
	var bars, marks []int
	for i, s := range c.Series {
		if s.Marker || lines {
			marks = append(marks, i)
		} else {
			bars = append(bars, i)
		}
	}
	sc := chartScale(c)
	unit := l.clean(c.Unit, false)
	axisW := l.measure(unit, chartAxis)
	for _, v := range sc.ticks() {
		axisW = max(axisW, l.measure(sc.text(v), chartAxis))
	}
	x0 := l.left() + axisW + 6
	x1 := l.left() + l.width()
	n := max(len(c.Categories), 1)
	band := (x1 - x0) / float64(n)
	cats := make([][]string, len(c.Categories))
	catsS := make([]string, len(c.Categories))
	catH := chartLabel.lineH()
	for i, s := range c.Categories {
		catsS[i] = l.clean(s, false)
		cats[i] = l.wrap(catsS[i], band-4, chartLabel)
		catH = max(catH, float64(len(cats[i]))*chartLabel.lineH())
	}
	plotH := 150.0
	title := l.clean(c.Title, true)
	titleH := float64(len(l.wrap(title, l.width(), chartTitle))) * chartTitle.lineH()
	legend := l.legendItems(c, bars, marks)
	if lines {
		for k := range legend {
			if legend[k].kind == MarkerBox {
				legend[k].kind, legend[k].solid = LineBox, true
			}
		}
	}
	legendH := l.legend(legend, false)
	valH := chartValue.lineH() * float64(max(len(bars), 1))
	notesH := 0.0
	for _, s := range c.Notes {
		notesH += float64(len(l.wrap(l.clean(s, false), l.width(), noteStyle))) * noteStyle.lineH()
	}
	total := titleH + legendH + chartAxis.lineH() + valH + plotH + catH + 6
	if total > l.dl.Content.H || catH > 6*chartLabel.lineH() || unitTooWide(axisW, l.width()) {
		return false
	}
	l.ensure(total + min(notesH, l.dl.Content.H-total))
	l.beginBlock("chart")
	l.y += l.textAt(title, l.left(), l.y, l.width(), chartTitle, 0)
	l.y += l.legend(legend, true)
	l.textAt(unit, l.left(), l.y, axisW+1, chartAxis, 0)
	top := l.y + chartAxis.lineH() + valH
	bottom := top + plotH
	sy := func(v float64) float64 { return bottom - (v-sc.lo)/(sc.hi-sc.lo)*plotH }
	for _, v := range sc.ticks() {
		y := sy(v)
		l.line(x0, y, x1, y, 0.4, gridColor, false)
		t := sc.text(v)
		l.textAt(t, x0-4-l.measure(t, chartAxis), y-chartAxis.lineH()/2, l.measure(t, chartAxis)+1, chartAxis, 0)
	}
	nb := max(len(bars), 1)
	colW := min(band*0.7/float64(nb), 28)
	for i := range c.Categories {
		cx := x0 + band*float64(i) + band/2
		left := cx - colW*float64(nb)/2
		for bi, si := range bars {
			s := c.Series[si]
			t := report.Dash
			v, ok := 0.0, false
			if i < len(s.Values) {
				t = s.Values[i].Text(l.lang)
				v, ok = figNum(s.Values[i])
			}
			bx := left + colW*float64(bi)
			a, b := sy(0), sy(v)
			if ok {
				l.rect(bx+1, min(a, b), colW-2, max(math.Abs(a-b), 0.5), palette[bi%len(palette)])
			}
			// the value above the column, stacked per series
			t = l.clean(t, false)
			ly := min(a, b) - chartValue.lineH()*float64(nb-bi)
			w := l.measure(t, chartValue)
			l.textAt(t, cx-w/2, ly, w+1, chartValue, 0)
		}
		var placed []Rect
		for k, mi := range marks {
			m := c.Series[mi]
			if i >= len(m.Values) {
				continue
			}
			v, ok := figNum(m.Values[i])
			if !ok {
				continue
			}
			col := markerColors[k%len(markerColors)]
			st := chartValue
			st.color = col
			t := l.clean(m.Values[i].Text(l.lang), false)
			w := l.measure(t, st)
			if lines {
				if i+1 < len(m.Values) {
					if w, ok := figNum(m.Values[i+1]); ok {
						l.line(cx, sy(v), cx+band, sy(w), 1.2, col, false)
					}
				}
				l.add(Box{Kind: MarkerBox, Role: RoleDecoration, X: cx - 3, Y: sy(v) - 3, W: 6, H: 6, Color: col, item: -1})
				// the value above the point (below it for every other series)
				// above the point, else below, else further up: clear of
				// the labels already set at this category
				h := st.lineH()
				cands := []float64{sy(v) - 4 - h, sy(v) + 4}
				if k%2 == 1 {
					cands[0], cands[1] = cands[1], cands[0]
				}
				for n := 1; n <= len(marks); n++ {
					cands = append(cands, sy(v)-4-h*float64(n+1))
				}
				ly := cands[0]
				for _, cy := range cands {
					if cy+h > bottom || cy < l.top() {
						continue
					}
					ok := true
					for _, r := range placed {
						if overlapRect(r, Rect{cx - w/2, cy, w, h}) {
							ok = false
						}
					}
					if ok {
						ly = cy
						break
					}
				}
				placed = append(placed, Rect{cx - w/2, ly, w, h})
				l.textAt(t, cx-w/2, ly, w+1, st, 0)
				continue
			}
			l.add(Box{Kind: MarkerBox, Role: RoleDecoration, X: cx - 4, Y: sy(v) - 4, W: 8, H: 8, Color: col, item: -1})
			// the value beside the diamond: right, or left for every other series
			lx := cx + colW*float64(nb)/2 + 2
			if k%2 == 1 {
				lx = cx - colW*float64(nb)/2 - 2 - w
			}
			l.textAt(t, lx, sy(v)-st.lineH()/2, w+1, st, 0)
		}
		item := l.newItem(catsS[i], len(cats[i]))
		for k, ln := range cats[i] {
			w := l.lineWidth(ln, chartLabel)
			l.emit(ln, cx-w/2, bottom+4+float64(k)*chartLabel.lineH(), chartLabel, 0, item)
		}
	}
	if v, ok := figNum(c.Reference); ok {
		l.line(x0, sy(v), x1, sy(v), 1, refColor, true)
	}
	l.line(x0, top, x0, bottom, 0.6, gray, false)
	l.line(x0, sy(0), x1, sy(0), 0.8, gray, false)
	l.y = bottom + 4 + catH + 4
	for _, s := range c.Notes {
		l.textAtFlow(s, noteStyle)
	}
	l.endBlock(12)
	return true
}

// unitTooWide reports whether the value axis of a column chart, axisW
// wide, leaves too little of the width w for the columns.
func unitTooWide(axisW, w float64) bool { return axisW > w/4 }

func overlapRect(a, b Rect) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}
