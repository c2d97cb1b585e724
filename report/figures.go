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
		// one backing array for the table's cells: a row's five cells are
		// a full slice of it
		cells := make([]Cell, 5*len(keys))
		tab.Rows = make([]Row, 0, len(keys))
		for i, k := range keys {
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
			c := cells[5*i : 5*i+5 : 5*i+5]
			c[0], c[1], c[2], c[3], c[4] = catCell, text(b.indicatorName(k.indicator)), text(b.periodName(k.period)),
				b.figCell(vf, val), b.figCell(cf, chg)
			tab.Rows = append(tab.Rows, Row{Cells: c})
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
		keys = append(keys, figureKey{o.Indicator, o.Period})
	}
	pos := b.indicatorPositions()
	slices.SortStableFunc(keys, func(x, y figureKey) int {
		px, py := pos[x.indicator], pos[y.indicator]
		if c := cmpInt(px.category, py.category); c != 0 {
			return c
		}
		if c := cmpInt(px.indicator, py.indicator); c != 0 {
			return c
		}
		if c := comparePeriods(x.period, y.period); c != 0 {
			return c
		}
		return comparePeriodFields(x.period, y.period)
	})
	// an indicator's figures of one period are one row: equal keys are
	// adjacent now
	keys = slices.Compact(keys)
	return keys
}

// comparePeriodFields orders periods that end on the same day and are
// as long by their fields, so that a sort puts equal periods together.
func comparePeriodFields(a, c model.Period) int {
	for _, d := range [...]int{int(a.Kind) - int(c.Kind), a.Year - c.Year, a.Index - c.Index, a.Day - c.Day, a.Dekad - c.Dekad, a.End - c.End} {
		if d != 0 {
			return d
		}
	}
	return 0
}

// indicatorPosition is where an indicator comes in the dataset's order:
// the rank of its category (in order of first appearance) and its own.
type indicatorPosition struct{ category, indicator int }

// indicatorPositions returns the position of every indicator, computed
// once per Build.
func (b *builder) indicatorPositions() map[string]indicatorPosition {
	if b.indPos == nil {
		b.indPos = make(map[string]indicatorPosition, len(b.inds))
		cats := map[string]int{}
		for i, ind := range b.inds {
			c, ok := cats[ind.Category]
			if !ok {
				c = len(cats)
				cats[ind.Category] = c
			}
			b.indPos[ind.Code] = indicatorPosition{c, i}
		}
	}
	return b.indPos
}

// categoryName returns the reader's name of an indicator category; an
// unknown category is shown as its code.
func (b *builder) categoryName(code string) string {
	if n, ok := b.l.categories[code]; ok {
		return n
	}
	return code
}
