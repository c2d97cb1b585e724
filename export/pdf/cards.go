package pdf

import (
	"strings"

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
		p.mark = citeMarks([]int{c.Cite})
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
		l.ensure(rowH + l.footNeed(cites))
		for i, p := range plans {
			x := l.left() + float64(i)*(w+cardGap)
			l.card(p, x, l.y, w, rowH)
		}
		l.y += rowH
		l.cite(cites)
		l.y += cardGap
	}
	l.endBlock(6)
}

func (l *layout) card(p cardPlan, x, y, w, h float64) {
	l.rect(x, y, w, h, cardFill)
	tone := gray
	switch p.c.Good {
	case report.ToneGood:
		tone = good
	case report.ToneBad:
		tone = bad
	}
	l.rect(x, y, 3, h, accent)
	ix := x + 3 + cardPad
	cy := y + cardPad
	item := l.newItem(p.labelS, len(p.label))
	for _, ln := range p.label {
		l.emit(ln, ix, cy, cardLabel, 0, item)
		cy += cardLabel.lineH()
	}
	if p.mark != "" {
		mw := l.measure(p.mark, cardCite)
		l.emit(p.mark, x+w-cardPad-mw, y+cardPad, cardCite, 0, -1)
	}
	cy += 2
	item = l.newItem(p.valueS, len(p.value))
	if p.num != "" {
		nx := l.emit(p.num, ix, cy, p.vst, 0, item)
		if p.unit != "" {
			base := cy + p.vst.lineH()/2 + 0.34*p.vst.size
			l.emit(p.unit, nx+1, base-cardUnit.lineH()/2-0.34*cardUnit.size, cardUnit, 0, item)
		}
		cy += p.vst.lineH()
	} else {
		for _, ln := range p.value {
			l.emit(ln, ix, cy, p.vst, 0, item)
			cy += p.vst.lineH()
		}
	}
	if len(p.change) > 0 {
		st := cardChange
		st.color = tone
		a := Box{Kind: ArrowBox, Role: RoleDecoration, X: ix, Y: cy + st.lineH()/2 - 3, W: 6, H: 6, Color: tone, item: -1}
		switch p.c.Trend {
		case report.Down:
			a.Down = true
		case report.Flat:
			a.Kind = RectBox
			a.Y, a.H = cy+st.lineH()/2-0.75, 1.5
		}
		l.add(a)
		item = l.newItem(l.yoyWord()+" "+p.changeS, len(p.change))
		for _, ln := range p.change {
			l.emit(ln, ix+10, cy, st, 0, item)
			cy += st.lineH()
		}
	}
}
