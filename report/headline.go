package report

import (
	"context"
	"slices"

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
	changeO  *model.Observation // a stated change of the level on the year before (增加30天)
	nation   cmp
	province cmp
	share    Figure               // share of the parent region: stated, or computed from two levels
	shareO   *model.Observation   // the stated share
	rankO    *model.Observation   // the first stated rank, for the table
	ranks    []*model.Observation // every stated rank, one per peer group and measure
}

// cmp is the comparison with one other region.
type cmp struct {
	region string
	other  Figure // the other region's growth or rate
	otherO *model.Observation
	gap    Figure // ours − theirs, points
	gapO   *model.Observation
}

// keyIndicators returns the indicators of the headline section: those the
// spec names, in its order; by default every indicator that the sources
// themselves single out for the region in the briefing's year or the year
// before — set against a target, compared with the nation or province (a
// gap, a rank, or the other region's own figure), given an annual growth
// rate for the year, or published as levels for both years so that the
// growth can be computed — in dataset order; and when no indicator is
// singled out, every indicator with a figure for the year. Everything else
// the region published goes to the "other figures" section.
func (b *builder) keyIndicators() []model.Indicator {
	if b.keys != nil {
		return b.keys
	}
	var out []model.Indicator
	if len(b.spec.Indicators) > 0 {
		for _, c := range b.spec.Indicators {
			i, _ := b.ds.Indicator(c)
			out = append(out, i)
		}
		b.keys = out
		return out
	}
	nation, province := b.comparisonRegions()
	key := map[string]bool{}
	for _, t := range b.tgts {
		if t.Region == b.region.Code && t.Period.Year == b.year {
			key[t.Indicator] = true
		}
	}
	for _, o := range b.obs {
		p := o.Period
		if p.Kind == model.Years || (p.Year != b.year && p.Year != b.year-1) {
			continue
		}
		switch {
		case o.Region == b.region.Code && (o.Kind == model.Gap || o.Kind == model.Rank || o.Kind == model.Share):
			key[o.Indicator] = true
		case o.Region != b.region.Code && (o.Region == nation || o.Region == province) && o.Kind != model.Share:
			key[o.Indicator] = true
		case o.Region == b.region.Code && o.Kind == model.Growth && p == model.YearOf(b.year):
			key[o.Indicator] = true
		case o.Region == b.region.Code && o.Kind == model.Level && p == model.YearOf(b.year) &&
			b.idx.has(o.Indicator, o.Region, model.Level, model.YearOf(b.year-1)):
			key[o.Indicator] = true // two levels: the growth can be computed
		}
	}
	if len(key) == 0 {
		// nothing singled out: every indicator with a figure for the year
		for _, o := range b.obs {
			if o.Region == b.region.Code && o.Period.Year == b.year && o.Period.Kind != model.Years {
				key[o.Indicator] = true
			}
		}
	}
	for _, i := range b.inds {
		if key[i.Code] {
			out = append(out, i)
		}
	}
	if out == nil {
		out = []model.Indicator{}
	}
	b.keys = out
	return out
}

// isKey reports whether the indicator is in the headline section.
func (b *builder) isKey(code string) bool {
	if b.isKeyM == nil {
		b.isKeyM = map[string]bool{}
		for _, i := range b.keyIndicators() {
			b.isKeyM[i.Code] = true
		}
	}
	return b.isKeyM[code]
}

// headlinePeriods lists, for one indicator, the periods of its headline
// rows: the year; the periods within the year, in order of their end;
// and the year before when it adds something the year's row does not
// show (a growth rate, a comparison, or a level without a figure for the
// year to set it beside).
func (b *builder) headlinePeriods(ind string) []model.Period {
	seen := map[model.Period]bool{}
	prevExtra := false // the year before has a growth, gap or rank
	var sub []model.Period
	for _, k := range []model.Kind{model.Level, model.Rate, model.Growth, model.Gap, model.Change, model.Rank} {
		b.idx.each(ind, b.region.Code, k, model.Period{}, func(o *model.Observation) bool {
			p := o.Period
			if p == model.YearOf(b.year-1) && k != model.Level && k != model.Rate {
				prevExtra = true
			}
			if !seen[p] {
				seen[p] = true
				if p.Year == b.year && p.Kind != model.Year && p.Kind != model.Years {
					sub = append(sub, p)
				}
			}
			return true
		})
	}
	slices.SortFunc(sub, comparePeriods)
	var out []model.Period
	this := model.YearOf(b.year)
	if seen[this] {
		out = append(out, this)
	}
	out = append(out, sub...)
	if prev := model.YearOf(b.year - 1); seen[prev] && (prevExtra || !seen[this]) {
		out = append(out, prev)
	}
	return out
}

// comparePeriods orders periods by the date they end, then by length
// (shorter first): 2020-01, 2020Q1, ytd:2020-05-11, 2020-05, 2020-12, 2020.
func comparePeriods(a, c model.Period) int {
	ea, ec := periodEnd(a), periodEnd(c)
	if ea != ec {
		return ea - ec
	}
	return periodSpan(a) - periodSpan(c)
}

// periodEnd is the last day of p as yyyymmdd.
func periodEnd(p model.Period) int {
	m, d := p.LastDay()
	if p.Kind == model.Years {
		return p.End*10000 + m*100 + d
	}
	return p.Year*10000 + m*100 + d
}

// periodSpan is the rough length of p in days, for ordering periods that
// end on the same day.
func periodSpan(p model.Period) int {
	switch p.Kind {
	case model.Month:
		return 31
	case model.Quarter:
		return 92
	case model.YTD:
		m, d := p.LastDay()
		return m*31 + d
	case model.Years:
		return (p.End - p.Year + 1) * 366
	}
	return 366
}

func (b *builder) headlineRows(ctx context.Context) []hrow {
	nation, province := b.comparisonRegions()
	inds := b.keyIndicators()
	var rows []hrow
	if len(inds) > 0 {
		rows = make([]hrow, 0, 2*len(inds)) // an hrow is large: grow it seldom
	}
	for _, ind := range inds {
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
				r.valueFig = b.pub(*r.value)
			}
			valueKind := model.Level
			if r.measure == model.Rate {
				valueKind = model.Rate
			}
			r.prevObs = b.first(ind.Code, b.region.Code, valueKind, p.Prev())
			if r.measure == model.Rate {
				if o := b.first(ind.Code, b.region.Code, model.Change, p); o != nil {
					r.growthO, r.growth = o, b.pub(*o)
				} else if r.value != nil && r.prevObs != nil {
					r.growth, _ = changeOf(*r.value, *r.prevObs)
				}
			} else {
				r.growthO = b.first(ind.Code, b.region.Code, model.Growth, p)
				if r.value != nil {
					if c := b.first(ind.Code, b.region.Code, model.Change, p); c != nil && c.Value.Unit.SameBase(r.value.Value.Unit) {
						r.changeO = c
					}
				}
				// an exact stated change beats a hedged or missing level
				// for the year before: 332天, 增加30天 gives 302天 exactly,
				// where 2019's 300天以上 gives only a bound
				fromChange := r.changeO != nil && directionOf(r.changeO.Value) == exact &&
					(r.prevObs == nil || directionOf(r.prevObs.Value) != exact)
				if fromChange {
					prev, err1 := PreviousFromChange(*r.value, *r.changeO)
					g, err2 := GrowthFromChange(*r.value, *r.changeO, GrowthPlaces)
					if err1 != nil || err2 != nil {
						fromChange = false
					} else {
						r.prev = prev
						if r.growthO == nil {
							r.growth = g
						}
					}
				}
				switch {
				case r.growthO != nil:
					r.growth = b.pub(*r.growthO)
				case fromChange:
				case r.value != nil && r.prevObs != nil:
					r.growth, _ = YoY(*r.value, *r.prevObs, GrowthPlaces)
				}
				if fromChange {
					r.prevObs = nil
				}
			}
			switch {
			case r.prev.Valid:
			case r.prevObs != nil:
				r.prev = b.pub(*r.prevObs)
			case r.value != nil && r.growthO != nil && r.measure == model.Growth:
				r.prev, _ = ImpliedPrevious(*r.value, *r.growthO)
			}
			ours := r.growthO
			if r.measure == model.Rate {
				ours = r.value
			}
			r.nation = b.compare(ind.Code, nation, ours, r.measure, p)
			r.province = b.compare(ind.Code, province, ours, r.measure, p)
			b.shareAndRank(&r)
			if r.value == nil && !r.growth.Valid && r.nation.gapO == nil && r.province.gapO == nil &&
				!r.share.Valid && r.rankO == nil {
				continue
			}
			rows = append(rows, r)
		}
	}
	return rows
}

// shareAndRank fills the row's share of the parent region (stated, or
// computed from the region's and the parent's levels) and its stated rank.
func (b *builder) shareAndRank(r *hrow) {
	parent := b.region.Parent
	b.idx.each(r.ind.Code, b.region.Code, model.Share, r.period, func(o *model.Observation) bool {
		if o.Ref == "" || o.Ref == parent {
			r.shareO = o
			r.share = published(*o)
			return false
		}
		return true
	})
	if r.shareO == nil && r.value != nil && r.value.Kind == model.Level && parent != "" {
		if pl := b.first(r.ind.Code, parent, model.Level, r.period); pl != nil {
			r.share, _ = ShareOf(*r.value, *pl, GrowthPlaces)
		}
	}
	// the same rank from another text is said once: the checks compare them
	r.ranks = b.statedRanks(b.region.Code, regionKey{b.region.Code, r.ind.Code, r.period})
	if len(r.ranks) > 0 {
		r.rankO = r.ranks[0]
	}
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

// periodRank orders the headline's period groups: the year first, then the
// periods within it by their end, then the year before.
func (b *builder) periodRank(p model.Period) int {
	switch {
	case p == model.YearOf(b.year):
		return -1 << 30
	case p.Year < b.year:
		return 1<<30 + periodEnd(p)
	}
	return periodEnd(p)*1000 + periodSpan(p)
}

func (b *builder) headline(rows []hrow) Section {
	l := b.l
	// the rows in order, by reference: an hrow is large
	byRank := make([]*hrow, len(rows))
	for i := range rows {
		byRank[i] = &rows[i]
	}
	slices.SortStableFunc(byRank, func(x, y *hrow) int { return cmpInt(b.periodRank(x.period), b.periodRank(y.period)) })
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
		{Key: "share", Header: b.shareHeader(), Kind: FigureCell},
		{Key: "rank", Header: l.colRank, Kind: FigureCell},
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
	const width = 11
	var cells []Cell // one backing array: a row's cells are a full slice of it
	if len(byRank) > 0 {
		t.Rows = make([]Row, 0, len(byRank))
		cells = make([]Cell, 0, width*len(byRank))
	}
	for _, r := range byRank {
		n := len(cells)
		cells = append(cells,
			text(b.indicatorName(r.ind.Code)),
			text(b.periodName(r.period)),
			b.figCell(r.valueFig, r.value),
			b.figCell(r.prev, r.prevObs),
			b.figCell(r.growth, r.growthO),
			b.figCell(r.nation.other, r.nation.otherO),
			b.figCell(r.nation.gap, r.nation.gapO),
			b.figCell(r.province.other, r.province.otherO),
			b.figCell(r.province.gap, r.province.gapO),
			b.figCell(r.share, r.shareO),
			b.rankCell(r.rankO),
		)
		t.Rows = append(t.Rows, Row{Cells: cells[n:len(cells):len(cells)]})
	}
	// a comparison region no row has a figure for gets no columns
	var nat, prov, share, rank bool
	for _, r := range byRank {
		nat = nat || r.nation.other.Valid || r.nation.gap.Valid
		prov = prov || r.province.other.Valid || r.province.gap.Valid
		share = share || r.share.Valid
		rank = rank || r.rankO != nil
	}
	t = dropColumns(t, map[string]bool{"nation": !nat, "vs_nation": !nat, "province": !prov, "vs_province": !prov,
		"share": !share, "rank": !rank})
	s := Section{ID: SectionHeadline, Title: l.secHeadline}
	// narrative: one paragraph per period, one sentence per row
	var order []model.Period
	byPeriod := map[model.Period][]*hrow{}
	for _, r := range byRank {
		if _, ok := byPeriod[r.period]; !ok {
			order = append(order, r.period)
		}
		byPeriod[r.period] = append(byPeriod[r.period], r)
	}
	for _, p := range order {
		var clauses []clause
		var cites []int
		for _, r := range byPeriod[p] {
			cl, c := b.rowSentence(*r)
			if cl.text == "" {
				continue
			}
			clauses = append(clauses, cl)
			cites = append(cites, c...)
		}
		if len(clauses) > 0 {
			s.Blocks = append(s.Blocks, Heading{Level: 2, Text: b.periodName(p)},
				Paragraph{Text: b.periodParagraph(p, clauses), Cites: uniq(cites)})
		}
	}
	if len(t.Rows) == 0 {
		s.Blocks = append(s.Blocks, Paragraph{Text: l.noHeadline})
		return s
	}
	s.Blocks = append(s.Blocks, t)
	if ch, ok := b.yoyChart(byRank); ok {
		s.Blocks = append(s.Blocks, ch)
	}
	return s
}

func (b *builder) yoyChart(rows []*hrow) (Chart, bool) {
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

// overview is the first section: a card for each headline indicator (up
// to eight, in order) — its figure for the year, or, where the year has
// none yet, its latest figure for the year to date, labelled with that
// period (城镇新增就业（截至12月中旬）11.11万人) — and the summary.
func (b *builder) overview(rows []hrow) Section {
	s := Section{ID: SectionOverview, Title: b.l.secOverview}
	var cards Cards
	year := model.YearOf(b.year)
	for i := 0; i < len(rows) && len(cards.Items) < 8; {
		// rows of one indicator are consecutive
		j := i
		var pick *hrow
		for ; j < len(rows) && rows[j].ind.Code == rows[i].ind.Code; j++ {
			r := &rows[j]
			switch {
			case r.period == year:
				pick = r
			case pick != nil && pick.period == year:
			case partOfYear(r.period, b.year) && (r.value != nil || r.growth.Valid && r.growthO != nil) &&
				(pick == nil || comparePeriods(r.period, pick.period) > 0):
				pick = r
			}
		}
		i = j
		if pick == nil {
			continue
		}
		if c, ok := b.card(*pick, pick.period == year); ok {
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

// card is the key-figure card of a headline row; a row for part of the
// year is labelled with its period.
func (b *builder) card(r hrow, annual bool) (Card, bool) {
	c := Card{Label: b.indicatorName(r.ind.Code)}
	if !annual {
		if b.lang == English {
			c.Label += " (" + partLabel(r.period, English) + ")"
		} else {
			c.Label += "（" + partLabel(r.period, Chinese) + "）"
		}
	}
	switch {
	case r.value != nil:
		c.Value, c.Obs, c.Cite = r.valueFig, r.value.ID, b.cite(*r.value)
		c.Change = r.growth
	case r.growth.Valid && r.growthO != nil:
		c.Value, c.Obs, c.Cite = r.growth, r.growthO.ID, b.cite(*r.growthO)
	default:
		return Card{}, false
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
	return c, true
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

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// dropColumns returns t without the columns whose keys drop marks. It
// reuses the cells of t's rows.
func dropColumns(t Table, drop map[string]bool) Table {
	var keep []int
	for i, c := range t.Columns {
		if !drop[c.Key] {
			keep = append(keep, i)
		}
	}
	if len(keep) == len(t.Columns) {
		return t
	}
	cols := make([]Column, 0, len(keep))
	for _, i := range keep {
		cols = append(cols, t.Columns[i])
	}
	t.Columns = cols
	// the rows are the caller's own: their cells move left in place (keep
	// is increasing, so no cell is overwritten before it is read)
	for ri, r := range t.Rows {
		cells := r.Cells[:0]
		for _, i := range keep {
			cells = append(cells, r.Cells[i])
		}
		clear(r.Cells[len(cells):])
		t.Rows[ri].Cells = cells
	}
	return t
}

// shareHeader names the share column after the parent region: 占全市,
// "Share of Dalian".
func (b *builder) shareHeader() string {
	if b.lang == English {
		return "Share of " + b.regionName(b.region.Parent)
	}
	return "占" + b.regionShort(b.region.Parent)
}

// rankCell shows a stated rank as a plain number; its peer group is in the
// narrative.
func (b *builder) rankCell(o *model.Observation) Cell {
	if o == nil {
		return Cell{Kind: EmptyCell}
	}
	return b.figCell(published(*o), o)
}
