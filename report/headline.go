package report

import (
	"context"
	"slices"
	"strings"

	"github.com/statbrief/statbrief/model"
)

// hrow is one row of the headline table: an indicator in one period.
type hrow struct {
	ind      model.Indicator
	period   model.Period
	measure  model.Kind // Growth, or Rate for rate indicators with a rate figure
	value    *model.Observation
	valueFig Figure
	prevObs  *model.Observation
	prev     Figure
	growthO  *model.Observation
	growth   Figure
	nation   cmp
	province cmp
}

// cmp is the comparison with one other region.
type cmp struct {
	region string
	other  Figure // the other region's growth or rate
	otherO *model.Observation
	gap    Figure // ours − theirs, points
	gapO   *model.Observation
}

func (b *builder) headlineIndicators() []model.Indicator {
	if len(b.spec.Indicators) > 0 {
		var out []model.Indicator
		for _, c := range b.spec.Indicators {
			i, _ := b.ds.Indicator(c)
			out = append(out, i)
		}
		return out
	}
	return b.ds.Indicators()
}

// headlinePeriods lists, for one indicator, the periods with figures of the
// region: the year, then sub-year periods of the year, then the year before.
func (b *builder) headlinePeriods(ind string) []model.Period {
	seen := map[model.Period]bool{}
	var sub []model.Period
	for _, k := range []model.Kind{model.Level, model.Rate, model.Growth, model.Gap, model.Change} {
		for _, o := range b.ds.Find(ind, b.region.Code, k, model.Period{}) {
			p := o.Period
			if seen[p] {
				continue
			}
			seen[p] = true
			if p.Year == b.year && p.Kind != model.Year && p.Kind != model.Years {
				sub = append(sub, p)
			}
		}
	}
	slices.SortFunc(sub, func(a, c model.Period) int { return strings.Compare(a.String(), c.String()) })
	var out []model.Period
	if y := model.YearOf(b.year); seen[y] {
		out = append(out, y)
	}
	out = append(out, sub...)
	if y := model.YearOf(b.year - 1); seen[y] {
		out = append(out, y)
	}
	return out
}

func (b *builder) headlineRows(ctx context.Context) []hrow {
	nation, province := b.comparisonRegions()
	var rows []hrow
	for _, ind := range b.headlineIndicators() {
		if ctx.Err() != nil {
			return rows
		}
		for _, p := range b.headlinePeriods(ind.Code) {
			r := hrow{ind: ind, period: p, measure: model.Growth}
			if o := b.first(ind.Code, b.region.Code, model.Rate, p); o != nil {
				r.measure, r.value = model.Rate, o
			} else {
				r.value = b.first(ind.Code, b.region.Code, model.Level, p)
			}
			if r.value != nil {
				r.valueFig = published(*r.value)
			}
			valueKind := model.Level
			if r.measure == model.Rate {
				valueKind = model.Rate
			}
			r.prevObs = b.first(ind.Code, b.region.Code, valueKind, p.Prev())
			if r.measure == model.Rate {
				if o := b.first(ind.Code, b.region.Code, model.Change, p); o != nil {
					r.growthO, r.growth = o, published(*o)
				} else if r.value != nil && r.prevObs != nil {
					f, _ := Gap(*r.value, *r.prevObs)
					if f.Derived != nil {
						f.Derived.Method = "change"
					}
					r.growth = f
				}
			} else {
				r.growthO = b.first(ind.Code, b.region.Code, model.Growth, p)
				if r.growthO != nil {
					r.growth = published(*r.growthO)
				} else if r.value != nil && r.prevObs != nil {
					r.growth, _ = YoY(*r.value, *r.prevObs, GrowthPlaces)
				}
			}
			if r.prevObs != nil {
				r.prev = published(*r.prevObs)
			} else if r.value != nil && r.growthO != nil && r.measure == model.Growth {
				r.prev, _ = ImpliedPrevious(*r.value, *r.growthO)
			}
			ours := r.growthO
			if r.measure == model.Rate {
				ours = r.value
			}
			r.nation = b.compare(ind.Code, nation, ours, r.measure, p)
			r.province = b.compare(ind.Code, province, ours, r.measure, p)
			if r.value == nil && !r.growth.Valid && r.nation.gapO == nil && r.province.gapO == nil {
				continue
			}
			rows = append(rows, r)
		}
	}
	return rows
}

// compare finds or derives the comparison of our figure with region vs.
func (b *builder) compare(ind, vs string, ours *model.Observation, measure model.Kind, p model.Period) cmp {
	c := cmp{region: vs}
	if vs == "" {
		return c
	}
	c.otherO = b.first(ind, vs, measure, p)
	c.gapO = b.gapObs(ind, b.region.Code, vs, measure, p)
	if c.otherO != nil {
		c.other = published(*c.otherO)
	} else if ours != nil && c.gapO != nil {
		c.other, _ = ImpliedOther(*ours, *c.gapO)
	}
	if c.gapO != nil {
		c.gap = published(*c.gapO)
	} else if ours != nil && c.otherO != nil {
		c.gap, _ = Gap(*ours, *c.otherO)
	}
	return c
}

func (b *builder) headline(rows []hrow) Section {
	l := b.l
	t := Table{ID: "headline", Title: l.secHeadline, Columns: []Column{
		{Key: "indicator", Header: l.colIndicator, Kind: TextCell},
		{Key: "period", Header: l.colPeriod, Kind: TextCell},
		{Key: "value", Header: l.colValue, Kind: FigureCell},
		{Key: "prev", Header: l.colPrev, Kind: FigureCell},
		{Key: "growth", Header: l.colGrowth, Kind: FigureCell},
		{Key: "nation", Header: l.colNation, Kind: FigureCell},
		{Key: "vs_nation", Header: l.colVsNation, Kind: FigureCell},
		{Key: "province", Header: l.colProvince, Kind: FigureCell},
		{Key: "vs_province", Header: l.colVsProvince, Kind: FigureCell},
	}}
	// name the comparison columns after the dataset's own regions
	nation, province := b.comparisonRegions()
	for i, code := range []string{nation, province} {
		if code == "" {
			continue
		}
		name := b.regionShort(code)
		t.Columns[5+2*i].Header = name
		if b.lang == English {
			t.Columns[6+2*i].Header = "vs " + name
		} else {
			t.Columns[6+2*i].Header = "比" + name
		}
	}
	for _, r := range rows {
		t.Rows = append(t.Rows, Row{Cells: []Cell{
			text(b.indicatorName(r.ind.Code)),
			text(b.periodName(r.period)),
			b.figCell(r.valueFig, r.value),
			b.figCell(r.prev, r.prevObs),
			b.figCell(r.growth, r.growthO),
			b.figCell(r.nation.other, r.nation.otherO),
			b.figCell(r.nation.gap, r.nation.gapO),
			b.figCell(r.province.other, r.province.otherO),
			b.figCell(r.province.gap, r.province.gapO),
		}})
	}
	s := Section{ID: SectionHeadline, Title: l.secHeadline}
	// narrative: one paragraph per period, one sentence per row
	var order []model.Period
	byPeriod := map[model.Period][]hrow{}
	for _, r := range rows {
		if _, ok := byPeriod[r.period]; !ok {
			order = append(order, r.period)
		}
		byPeriod[r.period] = append(byPeriod[r.period], r)
	}
	for _, p := range order {
		var sb strings.Builder
		var cites []int
		for _, r := range byPeriod[p] {
			sentence, c := b.rowSentence(r)
			if sentence == "" {
				continue
			}
			if sb.Len() > 0 && b.lang == English {
				sb.WriteByte(' ')
			}
			sb.WriteString(sentence)
			cites = append(cites, c...)
		}
		if sb.Len() > 0 {
			s.Blocks = append(s.Blocks, Heading{Level: 2, Text: b.periodName(p)}, Paragraph{Text: sb.String(), Cites: cites})
		}
	}
	s.Blocks = append(s.Blocks, t)
	if ch, ok := b.yoyChart(rows); ok {
		s.Blocks = append(s.Blocks, ch)
	}
	return s
}

func (b *builder) yoyChart(rows []hrow) (Chart, bool) {
	count := map[model.Period]int{}
	for _, r := range rows {
		if r.measure == model.Growth && r.growth.Valid && r.period.Kind == model.Year {
			count[r.period]++
		}
	}
	best := model.YearOf(b.year)
	if count[best] < 2 && count[model.YearOf(b.year-1)] > count[best] {
		best = model.YearOf(b.year - 1)
	}
	if count[best] == 0 {
		return Chart{}, false
	}
	ch := Chart{ID: "yoy", Title: b.periodName(best) + " " + b.l.chartYoY, Type: BarChart, Unit: b.l.unitPercent}
	ours := Series{Name: b.regionName(b.region.Code)}
	nat := Series{Name: b.l.seriesNation, Marker: true}
	prov := Series{Name: b.l.seriesProvince, Marker: true}
	anyNat, anyProv := false, false
	for _, r := range rows {
		if r.period != best || r.measure != model.Growth || !r.growth.Valid {
			continue
		}
		ch.Categories = append(ch.Categories, b.indicatorName(r.ind.Code))
		ours.Values = append(ours.Values, r.growth)
		nat.Values = append(nat.Values, r.nation.other)
		prov.Values = append(prov.Values, r.province.other)
		anyNat = anyNat || r.nation.other.Valid
		anyProv = anyProv || r.province.other.Valid
	}
	ch.Series = []Series{ours}
	if anyNat {
		ch.Series = append(ch.Series, nat)
	}
	if anyProv {
		ch.Series = append(ch.Series, prov)
	}
	return ch, true
}

func (b *builder) overview(rows []hrow) Section {
	s := Section{ID: SectionOverview, Title: b.l.secOverview}
	var cards Cards
	for _, pass := range []bool{true, false} {
		for _, r := range rows {
			if len(cards.Items) >= 8 {
				break
			}
			annual := r.period == model.YearOf(b.year)
			if annual != pass || (pass == false && r.period.Year != b.year) {
				continue
			}
			c := Card{Label: b.indicatorName(r.ind.Code)}
			if !annual {
				c.Label += "（" + b.periodName(r.period) + "）"
				if b.lang == English {
					c.Label = b.indicatorName(r.ind.Code) + " (" + b.periodName(r.period) + ")"
				}
			}
			switch {
			case r.value != nil:
				c.Value, c.Obs, c.Cite = r.valueFig, r.value.ID, b.cite(*r.value)
				c.Change = r.growth
			case r.growth.Valid && r.growthO != nil:
				c.Value, c.Obs, c.Cite = r.growth, r.growthO.ID, b.cite(*r.growthO)
			default:
				continue
			}
			if c.Change.Derived != nil {
				b.used[c.Change.Derived.Method] = true
			}
			trendOf := c.Change
			if !trendOf.Valid && c.Value.Value.Unit.IsPercent() && r.growthO != nil {
				trendOf = c.Value
			}
			if trendOf.Valid {
				c.Trend = Direction(trendOf.Value.Num.Sign())
				c.Good = toneOf(r.ind.Polarity, c.Trend)
			}
			cards.Items = append(cards.Items, c)
		}
	}
	if len(cards.Items) > 0 {
		s.Blocks = append(s.Blocks, cards)
	}
	if p := b.summary(rows); p.Text != "" {
		s.Blocks = append(s.Blocks, p)
	}
	return s
}

func toneOf(p model.Polarity, d Direction) Tone {
	switch {
	case d == Flat || p == model.Neutral:
		return ToneNeutral
	case (d == Up) == (p == model.HigherBetter):
		return ToneGood
	}
	return ToneBad
}
