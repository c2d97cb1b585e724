package report

import (
	"fmt"
	"strings"

	"github.com/statbrief/statbrief/model"
)

// Checks lists every published figure of the regions in scope (a region and
// the regions directly below it; every region when scope is "") that can be
// recomputed from other published figures: a stated growth against two
// levels, a stated share against two levels, a stated gap against two
// rates, a stated total against the sum of its parts (Indicator.SumOf), a
// stated completion rate against the actual and the year's target
// (Indicator.CompletionOf), a
// claim that a target was met or exceeded (Target.Claim) against its
// attainment, and the same figure as published by two documents. Each
// Check carries both numbers, the difference and the verdict. Order is
// dataset order of the stated figure, then of the claimed targets.
func Checks(ds *model.Dataset, scope string) []Check {
	if scope == "" {
		return checks(ds, newObsIndex(ds.Observations()), ds.Targets(), "")
	}
	regions := []string{scope}
	for _, c := range ds.Children(scope) {
		regions = append(regions, c.Code)
	}
	for p, i := scope, 0; p != "" && i < 16; i++ {
		r, _ := ds.Region(p)
		if r.Parent != "" {
			regions = append(regions, r.Parent)
		}
		p = r.Parent
	}
	return checks(ds, newObsIndex(ds.ObservationsOf(regions...)), ds.TargetsOf(regions...), scope)
}

// checks is Checks over the observations of idx and the targets tgts,
// both in dataset order.
func checks(ds *model.Dataset, idx *obsIndex, tgts []model.Target, scope string) []Check {
	in := func(code string) bool {
		if scope == "" || code == scope {
			return true
		}
		r, ok := ds.Region(code)
		return ok && r.Parent == scope
	}
	out := []Check{}
	for i := range idx.obs {
		o := &idx.obs[i]
		if !in(o.Region) {
			continue
		}
		// the same figure published earlier by another text: the first
		// earlier observation of the same indicator, region, period, kind,
		// basis, reference, measure and peer group from another document
		// (the index groups the candidates; the groups are small)
		for _, j := range idx.by[obsKey{o.Indicator, o.Region, o.Kind}] {
			if int(j) >= i {
				break
			}
			if prev := &idx.obs[j]; sameFigure(o, prev) && prev.Source.Doc != o.Source.Doc {
				out = append(out, CheckSameFigure(*o, *prev))
				break
			}
		}
		if ind, _ := ds.Indicator(o.Indicator); ind.CompletionOf != "" && o.Kind == model.Rate {
			// a stated completion rate: the actual to the same date
			// against the year's target
			actual := idx.first(ind.CompletionOf, o.Region, model.Level, o.Period)
			for _, t := range tgts {
				if actual != nil && t.Indicator == ind.CompletionOf && t.Region == o.Region && t.Period == model.YearOf(o.Period.Year) {
					out = append(out, CheckStatedCompletion(*o, *actual, t))
					break
				}
			}
		}
		switch o.Kind {
		case model.Growth:
			// a growth over a span of years (2016—2020) is measured from
			// the level of its first year to that of its last
			from, to := o.Period.Prev(), o.Period
			if o.Period.Kind == model.Years {
				from, to = model.YearOf(o.Period.Year), model.YearOf(o.Period.End)
			}
			cur, prev := idx.first(o.Indicator, o.Region, model.Level, to), idx.first(o.Indicator, o.Region, model.Level, from)
			if cur != nil && prev != nil {
				out = append(out, CheckStatedGrowth(*o, *cur, *prev))
			}
		case model.Change:
			kind := model.Level
			if ind, _ := ds.Indicator(o.Indicator); ind.IsRate() {
				kind = model.Rate
			}
			cur, prev := idx.first(o.Indicator, o.Region, kind, o.Period), idx.first(o.Indicator, o.Region, kind, o.Period.Prev())
			if cur != nil && prev != nil {
				out = append(out, CheckStatedChange(*o, *cur, *prev))
			}
		case model.Share:
			ref := o.Ref
			if ref == "" {
				if r, ok := ds.Region(o.Region); ok {
					ref = r.Parent
				}
			}
			part, whole := idx.first(o.Indicator, o.Region, model.Level, o.Period), idx.first(o.Indicator, ref, model.Level, o.Period)
			if part != nil && whole != nil {
				out = append(out, CheckStatedShare(*o, *part, *whole))
			}
		case model.Gap:
			a, c := idx.first(o.Indicator, o.Region, o.Measure, o.Period), idx.first(o.Indicator, o.Ref, o.Measure, o.Period)
			if a != nil && c != nil {
				out = append(out, CheckStatedGap(*o, *a, *c))
			}
		case model.Level:
			ind, _ := ds.Indicator(o.Indicator)
			if len(ind.SumOf) == 0 {
				break
			}
			var parts []model.Observation
			for _, code := range ind.SumOf {
				p := idx.first(code, o.Region, model.Level, o.Period)
				if p == nil {
					parts = nil
					break
				}
				parts = append(parts, *p)
			}
			if parts != nil {
				out = append(out, CheckStatedSum(*o, parts))
			}
		}
	}
	for _, t := range tgts {
		if !in(t.Region) {
			continue
		}
		if t.Claim != model.NoClaim {
			out = append(out, CheckClaimed(t, attainIn(ds, idx, t)))
		}
		if c, ok := targetSum(ds, tgts, t); ok {
			out = append(out, c)
		}
	}
	return out
}

// sameFigure reports whether two observations of one indicator, region
// and kind state the same figure: the same period, basis, reference,
// measure and peer group.
func sameFigure(a, b *model.Observation) bool {
	return a.Period == b.Period && a.Basis == b.Basis && a.Ref == b.Ref && a.Measure == b.Measure && a.Among == b.Among
}

// checkList returns the consistency checks of the briefing's region and
// the regions below it for the briefing's year, computed once per Build.
// A check belongs to the year of the figure it checks (for a figure of a
// span of years, the span's last year): a 2019 briefing lists the
// checks of 2019's figures, never those of 2020.
func (b *builder) checkList() []Check {
	if b.checked == nil {
		all := checks(b.ds, b.idx, b.tgts, b.region.Code)
		b.checked = make([]Check, 0, len(all))
		for _, c := range all {
			if inYear(c.Stated.Period, b.year) {
				b.checked = append(b.checked, c)
			}
		}
	}
	return b.checked
}

// checkSubject names the checked figure: 大连市2020年每万人有效发明专利拥有量增速,
// "Dalian, Turnover of technology contracts, 2020, growth". A level is
// named by its indicator alone (大连市2019年企业开办时间（工作日）, not …总量).
func (b *builder) checkSubject(c Check) string {
	o := c.Stated
	kind := b.l.kinds[o.Kind]
	if o.Kind == model.Level {
		kind = ""
	}
	if c.Kind == CheckClaim {
		kind = b.l.secTargets
		if b.lang == English {
			kind = "target"
		}
	}
	if c.Kind == CheckCompletion {
		kind = "" // the indicator is the completion rate
	}
	if o.Kind == model.Gap {
		if b.lang == English {
			kind = "gap to " + b.regionShort(o.Ref)
		} else {
			kind = "与" + b.regionShort(o.Ref) + "差距"
		}
	}
	if b.lang == English {
		s := fmt.Sprintf("%s, %s, %s", b.regionName(o.Region), b.indicatorName(o.Indicator), b.periodName(o.Period))
		if kind != "" {
			s += ", " + kind
		}
		return s
	}
	return b.regionName(o.Region) + b.periodName(o.Period) + b.indicatorName(o.Indicator) + kind
}

// quoteTitle is a document's title as running text names it: 《标题》 in
// Chinese, the title as it is in English.
func (b *builder) quoteTitle(doc string) string {
	t := b.docTitle(doc)
	if b.lang == English || t == doc {
		return t
	}
	return "《" + t + "》"
}

// checkBasis states the figures a check recomputes from, readably:
// 2020年24.25件/万人、2019年21.8件/万人; "2020: 24.25 per 10,000 people;
// 2019: 21.8 per 10,000 people".
func (b *builder) checkBasis(c Check) string {
	en := b.lang == English
	item := func(what, fig string) string {
		if en {
			return what + ": " + fig
		}
		return what + fig
	}
	var parts []string
	if c.Kind == CheckClaim {
		goal := b.targetText(c.Target)
		if goal == "" {
			goal = targetFigure(c.Target).Text(b.lang)
		}
		parts = append(parts, item(b.l.colTarget, goal))
	}
	for _, in := range c.Inputs {
		what := b.periodName(in.Period)
		switch {
		case c.Kind == CheckSources:
			what = b.quoteTitle(in.Source.Doc)
		case c.Kind == CheckSum:
			what = b.indicatorName(in.Indicator)
		case c.Kind == CheckClaim:
			what = b.l.colActual
		case c.Kind == CheckCompletion && strings.HasPrefix(in.ID, "target:"):
			what = b.l.colTarget
		case c.Kind == CheckCompletion:
			what = b.l.colActual
		case in.Region != c.Stated.Region:
			what = b.regionShort(in.Region)
		}
		f := published(in)
		f.EnglishUnit = b.englishUnitOf(in.Indicator, in.Value.Unit)
		parts = append(parts, item(what, f.Text(b.lang)))
	}
	sep := "、"
	if en {
		sep = "; "
	}
	return strings.Join(parts, sep)
}

// differenceWords says a check's difference (recomputed or other figure
// minus published) as readers say it: 低3个百分点, 少19个; "3 points lower",
// "19 lower".
func (b *builder) differenceWords(d Figure) string {
	if !d.Valid {
		if b.lang == English {
			return "a difference that cannot be stated"
		}
		return "差异无法确定"
	}
	rate := d.Value.Unit.IsPoints() || d.Value.Unit.IsPercent()
	n := abs(d)
	switch sign := d.Value.Num.Sign(); {
	case b.lang == English && sign < 0:
		return n.Text(English) + " lower"
	case b.lang == English && sign > 0:
		return n.Text(English) + " higher"
	case b.lang == English:
		return "no different"
	case sign < 0 && rate:
		return "低" + n.Text(Chinese)
	case sign < 0:
		return "少" + n.Text(Chinese)
	case sign > 0 && rate:
		return "高" + n.Text(Chinese)
	case sign > 0:
		return "多" + n.Text(Chinese)
	}
	return "相同"
}

func (b *builder) checks() Section {
	l := b.l
	s := Section{ID: SectionChecks, Title: l.secChecks}
	tab := Table{ID: "checks", Title: l.secChecks, Columns: []Column{
		{Key: "check", Header: l.colCheck, Kind: TextCell},
		{Key: "kind", Header: l.colKind, Kind: TextCell},
		{Key: "published", Header: l.colPublished, Kind: FigureCell},
		{Key: "recomputed", Header: l.colRecomputed, Kind: FigureCell},
		{Key: "difference", Header: l.colDifference, Kind: FigureCell},
		{Key: "verdict", Header: l.colVerdict, Kind: StatusCell},
		{Key: "inputs", Header: l.colInputs, Kind: TextCell},
	}}
	checks := b.checkList()
	consistent, inconsistent := 0, 0
	var notes []Block
	for _, c := range checks {
		if b.lang == English {
			u := c.Published.Value.Unit
			c.Published.EnglishUnit = b.englishUnitOf(c.Stated.Indicator, u)
			c.Recomputed.EnglishUnit = b.englishUnitOf(c.Stated.Indicator, c.Recomputed.Value.Unit)
			c.Difference.EnglishUnit = b.englishUnitOf(c.Stated.Indicator, c.Difference.Value.Unit)
		}
		stated := c.Stated
		pub := b.figCell(c.Published, &stated)
		rec := b.figCell(c.Recomputed, nil)
		if c.Kind == CheckClaim {
			// the claim is a verdict, not a figure: the published column
			// shows what the source claims, the recomputed one what the
			// published actual gives
			pub = b.statusCell(c.Claimed, "")
			pub.Cite = b.citeTarget(c.Target)
			rec = b.statusCell(c.Attainment.Status, "")
			b.used["claim"] = true
		}
		if c.Kind == CheckSources && len(c.Inputs) == 1 {
			// the other source's figure is itself published: cite it
			in := c.Inputs[0]
			rec.Cite = b.cite(in)
		}
		if rec.Figure.Derived != nil {
			b.used["checks"] = true
		}
		tab.Rows = append(tab.Rows, Row{Cells: []Cell{
			text(b.checkSubject(c)), text(l.checkKinds[c.Kind]), pub, rec, b.figCell(c.Difference, nil),
			b.statusCell(c.Status, reasonOf(c.Err)), text(b.checkBasis(c)),
		}, Emphasis: c.Status == Inconsistent})
		switch c.Status {
		case Consistent:
			consistent++
		case Inconsistent:
			inconsistent++
			cites := []int{pub.Cite}
			for _, in := range c.Inputs {
				cites = append(cites, b.cite(in))
			}
			notes = append(notes, Note{Text: b.inconsistencyText(c), Cites: uniq(cites)})
		}
	}
	b.used["checks"] = true
	if len(checks) == 0 {
		s.Blocks = append(s.Blocks, Paragraph{Text: l.noChecks})
		return s
	}
	var summary string
	if b.lang == English {
		summary = fmt.Sprintf("%s from other published figures: %d %s within the rounding of the figures involved, %d %s, %d cannot be assessed.",
			plural(len(checks), "published figure can be recomputed", "published figures can be recomputed"),
			consistent, map[bool]string{true: "agrees", false: "agree"}[consistent == 1],
			inconsistent, map[bool]string{true: "disagrees", false: "disagree"}[inconsistent == 1],
			len(checks)-consistent-inconsistent)
	} else {
		summary = fmt.Sprintf("共有%d项公布数据可由其他公布数据推算核对：%d项在数据修约范围内相符，%d项不符，%d项无法评估。",
			len(checks), consistent, inconsistent, len(checks)-consistent-inconsistent)
	}
	s.Blocks = append(s.Blocks, Paragraph{Text: summary})
	s.Blocks = append(s.Blocks, notes...)
	s.Blocks = append(s.Blocks, tab)
	return s
}

// inconsistencyText is the note under the checks table for a figure
// that disagrees with its recomputation.
func (b *builder) inconsistencyText(c Check) string {
	doc := b.quoteTitle(c.Stated.Source.Doc)
	en := b.lang == English
	if c.Kind == CheckClaim {
		if en {
			return fmt.Sprintf("%s: %s claims the target was %s, but the published figures (%s) show it %s. Both are kept as published.",
				b.checkSubject(c), doc, StatusText(c.Claimed, English), b.checkBasis(c), StatusText(c.Attainment.Status, English))
		}
		return fmt.Sprintf("%s：%s称目标%s，而按公布数据（%s）判断为%s。两者均按原文保留。",
			b.checkSubject(c), doc, StatusText(c.Claimed, Chinese), b.checkBasis(c), StatusText(c.Attainment.Status, Chinese))
	}
	if c.Kind == CheckSources && len(c.Inputs) == 1 {
		other := b.quoteTitle(c.Inputs[0].Source.Doc)
		if en {
			return fmt.Sprintf("%s: %s publishes %s, %s publishes %s (%s). Both are kept as published.",
				b.checkSubject(c), doc, c.Published.Text(English), other, c.Recomputed.Text(English), b.differenceWords(c.Difference))
		}
		return fmt.Sprintf("%s：%s公布为%s，%s公布为%s，后者%s。两者均按原文保留。",
			b.checkSubject(c), doc, c.Published.Text(Chinese), other, c.Recomputed.Text(Chinese), b.differenceWords(c.Difference))
	}
	if en {
		return fmt.Sprintf("%s: published as %s (%s), but %s give %s, %s. Both are kept as published.",
			b.checkSubject(c), c.Published.Text(English), doc, b.checkBasis(c),
			c.Recomputed.Text(English), b.differenceWords(c.Difference))
	}
	return fmt.Sprintf("%s：%s公布为%s，而按%s推算为%s，%s。两者均按原文保留。",
		b.checkSubject(c), doc, c.Published.Text(Chinese), b.checkBasis(c),
		c.Recomputed.Text(Chinese), b.differenceWords(c.Difference))
}

// targetSum checks a target whose indicator is a sum of others against the
// targets set for the parts (a release of 30.844亿尾 fry against 30亿, 7000万,
// 1240万 and 200万 of four species), when every part has a target of the same
// kind, region and period; ok is false otherwise.
func targetSum(ds *model.Dataset, tgts []model.Target, t model.Target) (Check, bool) {
	ind, _ := ds.Indicator(t.Indicator)
	if len(ind.SumOf) == 0 || !t.Value.Valid {
		return Check{}, false
	}
	asObs := func(t model.Target) model.Observation {
		return model.Observation{ID: "target:" + t.ID, Indicator: t.Indicator, Region: t.Region, Period: t.Period,
			Kind: t.Measure, Value: t.Value.Value, Source: t.Source}
	}
	var parts []model.Observation
	for _, code := range ind.SumOf {
		found := false
		for _, p := range tgts {
			if p.Indicator == code && p.Region == t.Region && p.Period == t.Period && p.Kind == t.Kind &&
				p.Measure == t.Measure && p.Value.Valid {
				parts = append(parts, asObs(p))
				found = true
				break
			}
		}
		if !found {
			return Check{}, false
		}
	}
	return CheckStatedSum(asObs(t), parts), true
}
