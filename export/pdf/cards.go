package pdf

import (
	"strings"

	"github.com/statbrief/statbrief/internal/citemark"
	"github.com/statbrief/statbrief/report"
)

var (
	cardLabel  = style{size: 8.5, leading: 1.35, color: gray, role: RoleBody}
	cardValue  = style{size: 16, leading: 1.25, bold: true, color: black, role: RoleBody}
	cardChange = style{size: 8.5, leading: 1.35, color: gray, role: RoleBody}
	cardUnit   = style{size: 9, leading: 1.3, color: black, role: RoleBody}
	cardCite   = style{size: 6.5, leading: 1.3, color: accent, role: RoleCite}
)

const (
	cardGap = 8.0
	cardPad = 8.0
)

// cardPlan is a card measured before it is placed.
type cardPlan struct {
	c       report.Card
	label   []string
	value   []string
	vst     style
	change  []string
	mark    string
	h       float64
	labelS  string
	num     string // the number, set big, when value fits on one line
	unit    string // the unit after it, set small
	valueS  string
	changeS string
}

func (l *layout) yoyWord() string {
	if l.zh() {
		return "同比"
	}
	return "YoY"
}

func (l *layout) planCard(c report.Card, w float64) cardPlan {
	p := cardPlan{c: c, vst: cardValue}
	inner := w - 2*cardPad - 3
	if c.Cite > 0 {
		p.mark = citemark.Marks([]int{c.Cite})
	}
	markW := l.measure(p.mark, cardCite) + 2
	p.labelS = l.clean(c.Label, false)
	p.label = l.wrap(p.labelS, inner-markW, cardLabel)
	p.valueS = l.clean(c.Value.Text(l.lang), true)
	// the number big, its unit small on the same baseline
	p.num, p.unit = p.valueS, ""
	if k := decimalSplit(p.valueS); k < len(p.valueS) {
		if j := k + len(p.valueS[k:]) - len(strings.TrimLeft(p.valueS[k:], ".0123456789")); j > 0 {
			p.num, p.unit = p.valueS[:j], p.valueS[j:]
		}
	}
	fits := func() bool { return l.measure(p.num, p.vst)+l.measure(p.unit, cardUnit) <= inner }
	for p.vst.size > 11 && !fits() {
		p.vst.size -= 0.5
	}
	if fits() {
		p.value = []string{p.valueS}
	} else {
		p.num, p.unit = "", ""
		p.value = l.wrap(p.valueS, inner, p.vst)
	}
	if c.Change.Valid {
		p.changeS = l.clean(c.Change.Text(l.lang), false)
		p.change = l.wrap(l.yoyWord()+" "+p.changeS, inner-10, cardChange)
	}
	p.h = 2*cardPad + float64(len(p.label))*cardLabel.lineH() + 2 + float64(len(p.value))*p.vst.lineH() +
		float64(len(p.change))*cardChange.lineH()
	return p
}

func (l *layout) cards(cs report.Cards) {
	if len(cs.Items) == 0 {
		return
	}
	cols := 3
	if len(cs.Items) == 4 {
		cols = 2
	}
	cols = min(cols, len(cs.Items))
	w := (l.width() - float64(cols-1)*cardGap) / float64(cols)
	l.beginBlock("cards")
	for start := 0; start < len(cs.Items); start += cols {
		row := cs.Items[start:min(start+cols, len(cs.Items))]
		plans := make([]cardPlan, len(row))
		rowH := 0.0
		var cites []int
		for i, c := range row {
			plans[i] = l.planCard(c, w)
			rowH = max(rowH, plans[i].h)
			if c.Cite > 0 {
				cites = append(cites, c.Cite)
			}
		}
		need := rowH + l.footNeed(cites)
		if need <= l.dl.Content.H {
			l.ensure(need)
		} else {
			l.ensure(2*cardPad + 3*cardLabel.lineH())
		}
		lines := make([][]cardLine, len(plans))
		for i, p := range plans {
			lines[i] = l.cardLines(p)
		}
		// the row, split across pages when it is taller than the room left
		next := make([]int, len(plans))
		for first := true; ; first = false {
			room := l.bottom() - l.y - 2*cardPad
			fragH, done := 0.0, true
			ends := make([]int, len(plans))
			for i := range plans {
				h, k := 0.0, next[i]
				for k < len(lines[i]) && (h+lines[i][k].h <= room+0.01 || k == next[i] && l.y <= l.top()+0.01) {
					h += lines[i][k].h
					k++
				}
				ends[i] = k
				fragH = max(fragH, h)
				if k < len(lines[i]) {
					done = false
				}
			}
			fragH += 2 * cardPad
			if done && first {
				fragH = rowH
			}
			for i, p := range plans {
				x := l.left() + float64(i)*(w+cardGap)
				l.cardFrame(p, x, l.y, w, fragH, first)
				y := l.y + cardPad
				for _, ln := range lines[i][next[i]:ends[i]] {
					ln.draw(x+3+cardPad, y)
					y += ln.h
				}
				next[i] = ends[i]
			}
			l.y += fragH
			if first {
				l.cite(cites)
			}
			if done {
				break
			}
			l.newPage()
		}
		l.y += cardGap
	}
	l.endBlock(6)
}

// cardLine is one line of a card: its height and how it is set, its left
// edge at x and its top at y.
type cardLine struct {
	h    float64
	draw func(x, y float64)
}

// cardFrame draws a card's fill and accent bar, and on its first part its
// citation mark.
func (l *layout) cardFrame(p cardPlan, x, y, w, h float64, first bool) {
	l.rect(x, y, w, h, cardFill)
	l.rect(x, y, 3, h, accent)
	if first && p.mark != "" {
		mw := l.measure(p.mark, cardCite)
		l.emit(p.mark, x+w-cardPad-mw, y+cardPad, cardCite, 0, -1)
	}
}

// cardLines lays a card's texts out as lines: its label, its value (the
// number big, its unit small) and its change with the arrow of its trend.
func (l *layout) cardLines(p cardPlan) []cardLine {
	var out []cardLine
	item := l.newItem(p.labelS, len(p.label))
	for _, ln := range p.label {
		out = append(out, cardLine{cardLabel.lineH(), func(x, y float64) { l.emit(ln, x, y, cardLabel, 0, item) }})
	}
	vitem := l.newItem(p.valueS, len(p.value))
	const gap = 2.0 // between the label and the value
	if p.num != "" {
		out = append(out, cardLine{gap + p.vst.lineH(), func(x, y float64) {
			y += gap
			nx := l.emit(p.num, x, y, p.vst, 0, vitem)
			if p.unit != "" {
				base := y + p.vst.lineH()/2 + 0.34*p.vst.size
				l.emit(p.unit, nx+1, base-cardUnit.lineH()/2-0.34*cardUnit.size, cardUnit, 0, vitem)
			}
		}})
	} else {
		for k, ln := range p.value {
			g := 0.0
			if k == 0 {
				g = gap
			}
			out = append(out, cardLine{g + p.vst.lineH(), func(x, y float64) { l.emit(ln, x, y+g, p.vst, 0, vitem) }})
		}
	}
	if len(p.change) > 0 {
		tone := gray
		switch p.c.Good {
		case report.ToneGood:
			tone = good
		case report.ToneBad:
			tone = bad
		}
		st := cardChange
		st.color = tone
		citem := l.newItem(l.yoyWord()+" "+p.changeS, len(p.change))
		for k, ln := range p.change {
			out = append(out, cardLine{st.lineH(), func(x, y float64) {
				if k == 0 {
					a := Box{Kind: ArrowBox, Role: RoleDecoration, X: x, Y: y + st.lineH()/2 - 3, W: 6, H: 6, Color: tone, item: -1}
					switch p.c.Trend {
					case report.Down:
						a.Down = true
					case report.Flat:
						a.Kind = RectBox
						a.Y, a.H = y+st.lineH()/2-0.75, 1.5
					}
					l.add(a)
				}
				l.emit(ln, x+10, y, st, 0, citem)
			}})
		}
	}
	return out
}
