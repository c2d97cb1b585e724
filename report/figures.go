package report

import (
	"slices"

	"github.com/statbrief/statbrief/model"
)

// figureKey is one row of the "other figures" tables: an indicator of a
// region in one period.
type figureKey struct {
	indicator string
	period    model.Period
}

// figures is the "other figures" section: everything the region and the
// regions below it published for the year (annual, within the year, and
// multi-year spans ending in it) that the headline, targets and regions
// sections do not already show, grouped by category — one table per
// region, each figure cited. It keeps a briefing short without dropping a
// single published number.
func (b *builder) figures() Section {
	l := b.l
	s := Section{ID: SectionFigures, Title: l.secFigures}
	regions := append([]model.Region{b.region}, b.regionsInScope()...)
	for _, r := range regions {
		keys := b.otherFigureKeys(r)
		if len(keys) == 0 {
			continue
		}
		tab := Table{ID: "figures-" + r.Code, Title: b.regionName(r.Code), Columns: []Column{
			{Key: "category", Header: l.colCategory, Kind: TextCell},
			{Key: "indicator", Header: l.colIndicator, Kind: TextCell},
			{Key: "period", Header: l.colPeriod, Kind: TextCell},
			{Key: "value", Header: l.colValue, Kind: FigureCell},
			{Key: "growth", Header: l.colChange, Kind: FigureCell},
		}}
		if r.Code == b.region.Code {
			tab.ID = "figures"
		}
		lastCat := ""
		for _, k := range keys {
			ind, _ := b.ds.Indicator(k.indicator)
			val := b.first(k.indicator, r.Code, model.Level, k.period)
			if val == nil {
				val = b.first(k.indicator, r.Code, model.Rate, k.period)
			}
			chg := b.first(k.indicator, r.Code, model.Growth, k.period)
			if chg == nil {
				chg = b.first(k.indicator, r.Code, model.Change, k.period)
			}
			var vf, cf Figure
			if val != nil {
				vf = published(*val)
			}
			if chg != nil {
				cf = published(*chg)
			}
			cat := b.categoryName(ind.Category)
			catCell := text(cat)
			if cat == lastCat {
				catCell = text("")
			}
			lastCat = cat
			tab.Rows = append(tab.Rows, Row{Cells: []Cell{
				catCell, text(b.indicatorName(k.indicator)), text(b.periodName(k.period)),
				b.figCell(vf, val), b.figCell(cf, chg),
			}})
		}
		s.Blocks = append(s.Blocks, Heading{Level: 2, Text: b.regionName(r.Code)}, tab)
	}
	if len(s.Blocks) == 0 {
		s.Blocks = append(s.Blocks, Paragraph{Text: l.noOtherFigures})
	} else {
		s.Blocks = slices.Insert(s.Blocks, 0, Block(Paragraph{Text: l.otherFiguresIntro}))
	}
	return s
}

// otherFigureKeys lists the (indicator, period) pairs of region r for the
// year that no other section shows, ordered by category (in order of first
// appearance among the dataset's indicators), then dataset order of the
// indicator, then period.
func (b *builder) otherFigureKeys(r model.Region) []figureKey {
	shown := func(o model.Observation) bool {
		if r.Code == b.region.Code {
			return b.isKey(o.Indicator)
		}
		return b.inRegionsTable(r, o.Indicator, o.Period)
	}
	seen := map[figureKey]bool{}
	var keys []figureKey
	for _, o := range b.obs {
		if o.Region != r.Code || !inYear(o.Period, b.year) || shown(o) {
			continue
		}
		switch o.Kind {
		case model.Level, model.Rate, model.Growth, model.Change:
		default:
			continue // shares, gaps and ranks belong to the headline and regions sections
		}
		k := figureKey{o.Indicator, o.Period}
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	catRank, indRank := map[string]int{}, make(map[string]int, len(b.inds))
	for i, ind := range b.inds {
		if _, ok := catRank[ind.Category]; !ok {
			catRank[ind.Category] = len(catRank)
		}
		indRank[ind.Code] = i
	}
	slices.SortStableFunc(keys, func(x, y figureKey) int {
		ix, _ := b.ds.Indicator(x.indicator)
		iy, _ := b.ds.Indicator(y.indicator)
		if c := cmpInt(catRank[ix.Category], catRank[iy.Category]); c != 0 {
			return c
		}
		if c := cmpInt(indRank[x.indicator], indRank[y.indicator]); c != 0 {
			return c
		}
		return comparePeriods(x.period, y.period)
	})
	return keys
}

// categoryName returns the reader's name of an indicator category; an
// unknown category is shown as its code.
func (b *builder) categoryName(code string) string {
	if n, ok := b.l.categories[code]; ok {
		return n
	}
	return code
}
