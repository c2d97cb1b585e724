package report

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/statbrief/statbrief/model"
)

type regionKey struct {
	region, indicator string
	period            model.Period
}

func (b *builder) regionsInScope() []model.Region {
	var out []model.Region
	for _, r := range b.children(b.region.Code) {
		for _, o := range b.obs {
			if o.Region == r.Code && inYear(o.Period, b.year) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// inYear reports whether p falls in (or, for a range, ends in) year y.
func inYear(p model.Period, y int) bool {
	if p.Kind == model.Years {
		return p.End == y
	}
	return p.Year == y
}

func (b *builder) regions() Section {
	l := b.l
	s := Section{ID: SectionRegions, Title: l.secRegions}
	tab := Table{ID: "regions", Title: l.secRegions, Columns: []Column{
		{Key: "region", Header: l.colRegion, Kind: TextCell},
		{Key: "indicator", Header: l.colIndicator, Kind: TextCell},
		{Key: "period", Header: l.colPeriod, Kind: TextCell},
		{Key: "value", Header: l.colValue, Kind: FigureCell},
		{Key: "share_stated", Header: l.colShareStated, Kind: FigureCell},
		{Key: "share_computed", Header: l.colShareComputed, Kind: FigureCell},
		{Key: "parent", Header: l.colParentValue, Kind: FigureCell},
		{Key: "implied_parent", Header: l.colImplied, Kind: FigureCell},
		{Key: "rank", Header: l.colRank, Kind: FigureCell},
	}}
	chart := Chart{ID: "shares", Title: l.chartShares, Type: BarChart, Unit: l.unitPercent}
	shares := Series{Name: l.colShareStated}
	var paras []Block
	children := b.regionsInScope()
	for _, r := range children {
		var keys []regionKey
		seen := map[regionKey]bool{}
		for _, o := range b.obs {
			if o.Region != r.Code || !inYear(o.Period, b.year) || o.Kind == model.Gap || o.Kind == model.Change {
				continue
			}
			k := regionKey{r.Code, o.Indicator, o.Period}
			if !b.inRegionsTable(r, o.Indicator, o.Period) {
				continue
			}
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
		var sb strings.Builder
		var cites []int
		for _, k := range keys {
			row, sentence, c := b.regionRow(r, k, &chart, &shares)
			tab.Rows = append(tab.Rows, row)
			if sentence != "" {
				if sb.Len() > 0 && b.lang == English {
					sb.WriteByte(' ')
				}
				sb.WriteString(sentence)
				cites = append(cites, c...)
			}
		}
		if sb.Len() > 0 {
			paras = append(paras, Heading{Level: 2, Text: b.regionName(r.Code)}, Paragraph{Text: sb.String(), Cites: uniq(cites)})
		}
	}
	if len(tab.Rows) == 0 {
		s.Blocks = append(s.Blocks, Paragraph{Text: map[Lang]string{Chinese: "没有下辖区域的数据。", English: "No figures for districts or counties."}[b.lang]})
		return s
	}
	s.Blocks = append(s.Blocks, paras...)
	s.Blocks = append(s.Blocks, tab)
	if len(chart.Categories) > 0 {
		chart.Series = []Series{shares}
		s.Blocks = append(s.Blocks, chart)
	}
	return s
}

func (b *builder) regionRow(r model.Region, k regionKey, chart *Chart, shares *Series) (Row, string, []int) {
	var cites []int
	val := b.first(k.indicator, r.Code, model.Level, k.period)
	if val == nil {
		val = b.first(k.indicator, r.Code, model.Rate, k.period)
	}
	if val == nil {
		val = b.first(k.indicator, r.Code, model.Growth, k.period)
	}
	var stated *model.Observation
	b.idx.each(k.indicator, r.Code, model.Share, k.period, func(o *model.Observation) bool {
		if o.Ref == "" || o.Ref == r.Parent {
			stated = o
			return false
		}
		return true
	})
	parentLevel := b.first(k.indicator, r.Parent, model.Level, k.period)
	var computed, implied Figure
	if val != nil && val.Kind == model.Level && parentLevel != nil {
		computed, _ = ShareOf(*val, *parentLevel, GrowthPlaces)
	}
	if val != nil && val.Kind == model.Level && stated != nil {
		implied, _ = ImpliedTotal(*val, *stated)
	}
	rank := b.rankAmongSiblings(r, k)
	var valFig, statedFig, parentFig Figure
	if val != nil {
		valFig = published(*val)
		cites = append(cites, b.cite(*val))
	}
	if stated != nil {
		statedFig = published(*stated)
		cites = append(cites, b.cite(*stated))
		chart.Categories = append(chart.Categories, b.regionName(r.Code)+" "+b.indicatorName(k.indicator))
		shares.Values = append(shares.Values, statedFig)
	}
	if parentLevel != nil {
		parentFig = published(*parentLevel)
	}
	row := Row{Cells: []Cell{
		text(b.regionName(r.Code)), text(b.indicatorName(k.indicator)), text(b.periodName(k.period)),
		b.figCell(valFig, val), b.figCell(statedFig, stated), b.figCell(computed, nil),
		b.figCell(parentFig, parentLevel), b.figCell(implied, nil), rank,
	}}
	// sentence: the value, each stated rank with its peer group, the shares
	ranks := b.statedRanks(r.Code, k)
	if val == nil && stated == nil && len(ranks) == 0 {
		return row, "", nil
	}
	var rankText []string
	for _, o := range ranks {
		cites = append(cites, b.cite(*o))
		// a rank of another measure than the value says what it ranks
		other := o.Measure != model.InvalidKind && (val == nil || o.Measure != val.Kind)
		rankText = append(rankText, b.rankPhrase(*o, other, val == nil))
	}
	name := b.indicatorName(k.indicator)
	ind, _ := b.ds.Indicator(k.indicator)
	parent := b.regionShort(r.Parent)
	en := b.lang == English
	var sb strings.Builder
	if en {
		v := Dash
		switch {
		case val == nil && len(ranks) > 0:
			v = strings.Join(rankText, ", ")
			rankText = nil
		case val == nil:
		case val.Kind == model.Growth:
			v = b.upDown(ind, valFig, val.Basis)
		default:
			v = b.say(ind, valFig)
		}
		fmt.Fprintf(&sb, "%s: %s", name, v)
		for _, t := range rankText {
			sb.WriteString(", " + t)
		}
		if statedFig.Valid {
			fmt.Fprintf(&sb, ", %s of %s", statedFig.Text(English), b.regionName(r.Parent))
		}
		if implied.Valid {
			fmt.Fprintf(&sb, " (implying a total of %s for %s)", b.say(ind, implied), b.regionName(r.Parent))
		}
		if computed.Valid {
			fmt.Fprintf(&sb, "; computed share %s", computed.Text(English))
		}
		sb.WriteString(".")
	} else {
		sb.WriteString(name)
		if val != nil {
			if val.Kind == model.Growth {
				sb.WriteString(b.growthVerb(ind, valFig, val.Basis))
			} else {
				sb.WriteString(b.say(ind, valFig))
			}
		}
		for i, t := range rankText {
			if i > 0 || val != nil {
				sb.WriteString("，")
			}
			sb.WriteString(t)
		}
		if statedFig.Valid {
			sb.WriteString("，占" + parent + statedFig.Text(Chinese))
		}
		if implied.Valid {
			sb.WriteString("，据此推算" + parent + b.say(ind, implied))
		}
		if computed.Valid {
			sb.WriteString("，按" + parent + "总量计算占比" + computed.Text(Chinese))
		}
		sb.WriteString("。")
	}
	if k.period.Kind != model.Year || k.period.Year != b.year {
		if en {
			return row, periodIntro(k.period) + ", " + lowerFirst(sb.String()), uniq(cites)
		}
		return row, b.periodName(k.period) + "，" + sb.String(), uniq(cites)
	}
	return row, sb.String(), uniq(cites)
}

// inRegionsTable reports whether the figures of an indicator of region r in
// period p belong in the regions table: when they can be set against the
// parent region — a stated share, a parent level to compute the share
// from, or a rank (stated, or computed among at least two siblings).
// Everything else a district published goes to the "other figures"
// section.
func (b *builder) inRegionsTable(r model.Region, ind string, p model.Period) bool {
	if b.idx.has(ind, r.Code, model.Share, p) || b.idx.has(ind, r.Code, model.Rank, p) {
		return true
	}
	if !b.idx.has(ind, r.Code, model.Level, p) {
		return false
	}
	if b.idx.has(ind, r.Parent, model.Level, p) {
		return true
	}
	n := 0
	for _, s := range b.children(r.Parent) {
		if b.idx.has(ind, s.Code, model.Level, p) {
			n++
		}
	}
	return n >= 2
}

// statedRanks returns the stated ranks of region's indicator in k's
// period, one per peer group and measure (the same rank from a second
// text once), in dataset order.
func (b *builder) statedRanks(region string, k regionKey) []*model.Observation {
	var out []*model.Observation
	b.idx.each(k.indicator, region, model.Rank, k.period, func(o *model.Observation) bool {
		for _, x := range out {
			if x.Among == o.Among && x.Measure == o.Measure {
				return true
			}
		}
		out = append(out, o)
		return true
	})
	return out
}

// rankAmongSiblings returns the stated rank, or the rank computed among
// the sibling regions that publish a level of the indicator for the
// period (only when at least two do).
func (b *builder) rankAmongSiblings(r model.Region, k regionKey) Cell {
	if o := b.first(k.indicator, r.Code, model.Rank, k.period); o != nil {
		return b.figCell(published(*o), o)
	}
	var levels []model.Observation
	for _, s := range b.children(r.Parent) {
		if o := b.first(k.indicator, s.Code, model.Level, k.period); o != nil {
			levels = append(levels, *o)
		}
	}
	if len(levels) < 2 {
		return Cell{Kind: EmptyCell}
	}
	ind, _ := b.ds.Indicator(k.indicator)
	f, err := RankAmong(r.Code, levels, ind.Polarity)
	if err != nil && !f.Valid {
		return Cell{Kind: EmptyCell, Text: b.localReason(f.Reason)}
	}
	return b.figCell(f, nil)
}

// RankAmong returns the rank of region's level among levels, the levels
// of one indicator and period in sibling regions (region's among them),
// as a derived figure whose inputs are every level compared. It is a
// competition ranking — tied regions share a rank, and the next rank
// leaves a gap (1, 1, 3) — by polarity: the largest first, or the
// smallest for a lower-is-better indicator (2小时 is first among 2, 4 and
// 12 hours). Levels of other indicators or periods are ErrIncomparable,
// in other base units ErrUnits, and levels whose bounds leave the order
// open (超过700家 against 800家) ErrBound; each with an invalid figure.
func RankAmong(region string, levels []model.Observation, polarity model.Polarity) (Figure, error) {
	var me *model.Observation
	for i := range levels {
		if levels[i].Region == region {
			me = &levels[i]
			break
		}
	}
	if me == nil {
		e := &DerivationError{Op: "rank", Subject: region, Err: fmt.Errorf("%w: no level of %s", ErrMissing, region)}
		return invalid(e), e
	}
	fail := func(err error) (Figure, error) { e := derr("rank", *me, err); return invalid(e), e }
	inputs := make([]Input, 0, len(levels))
	better := 0
	seen := map[string]bool{}
	for _, o := range levels {
		switch {
		case o.Kind != model.Level:
			return fail(fmt.Errorf("%w: %s is a %s, not a level", ErrMissing, o.ID, o.Kind))
		case o.Indicator != me.Indicator || o.Period != me.Period:
			return fail(fmt.Errorf("%w: %s of %s against %s of %s", ErrIncomparable, o.Indicator, o.Period, me.Indicator, me.Period))
		case !o.Value.Unit.SameBase(me.Value.Unit):
			return fail(fmt.Errorf("%w: %s against %s", ErrUnits, o.Value, me.Value))
		case seen[o.Region]:
			return fail(fmt.Errorf("%w: two levels of %s", ErrSubject, o.Region))
		}
		seen[o.Region] = true
		inputs = append(inputs, input(o, o.Region))
		if o.Region == region {
			continue
		}
		c, ok := order(o.Value, me.Value)
		if !ok {
			return fail(fmt.Errorf("%w: %s against %s", ErrBound, o.Value, me.Value))
		}
		if polarity == model.LowerBetter {
			c = -c
		}
		if c > 0 {
			better++
		}
	}
	return Figure{Valid: true, Value: model.Value{Num: decimal.NewFromInt(int64(better + 1)), Unit: model.Unit{}},
		Derived: &Derivation{Method: "rank", Formula: "1 + 排名在前的同级区域数", Inputs: inputs}}, nil
}

// order compares two levels as far as their qualifiers allow: +1 when a
// is surely the larger, −1 when surely the smaller, 0 when they are equal
// figures; ok is false when a bound leaves it open. About (约) figures are
// taken at their number.
func order(a, c model.Value) (int, bool) {
	x, _ := a.Cmp(c)
	da, dc := directionOf(a), directionOf(c)
	if da == approx {
		da = exact
	}
	if dc == approx {
		dc = exact
	}
	switch {
	case da == exact && dc == exact:
		return x, true
	case x > 0 && da != upper && dc != lower: // a ≥ its number > c's number ≥ c
		return 1, true
	case x < 0 && da != lower && dc != upper:
		return -1, true
	}
	return 0, false
}
