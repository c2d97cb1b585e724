package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/model"
)

// attainments measures every target of the region for the year.
func (b *builder) attainments() []Attainment {
	if b.atts != nil {
		return b.atts
	}
	n := 0
	for _, t := range b.tgts {
		if t.Region == b.region.Code && t.Period.Year == b.year {
			n++
		}
	}
	out := make([]Attainment, 0, n)
	seen := make(map[string]int, n) // sameTarget key → index in out
	for _, t := range b.tgts {
		if t.Region != b.region.Code || t.Period.Year != b.year {
			continue
		}
		k := sameTarget(t)
		if i, ok := seen[k]; ok {
			out[i].Also = append(out[i].Also, t)
			continue
		}
		seen[k] = len(out)
		out = append(out, b.attain(t))
	}
	b.atts = out
	return out
}

// sameTarget keys a target by what it asks, not where it was published:
// two documents stating one target give one attainment.
func sameTarget(t model.Target) string {
	v, tol := "", ""
	if t.Value.Valid {
		v = t.Value.Value.String()
	}
	if t.Tolerance.Valid {
		tol = t.Tolerance.Value.String()
	}
	return strings.Join([]string{t.Indicator, t.Region, t.Period.String(), t.Kind.String(), t.Measure.String(),
		t.Basis.String(), v, tol, t.With, t.WithIndicator, t.Ref}, "\x00")
}

func (b *builder) attain(t model.Target) Attainment { return attainIn(b.ds, b.idx, t) }

// attainIn measures target t against the figures of idx: the actual of its
// measure for its region and period, and what an in-step or
// share-not-below target is compared with.
func attainIn(ds *model.Dataset, idx *obsIndex, t model.Target) Attainment {
	ind, _ := ds.Indicator(t.Indicator)
	var actual, ref *model.Observation
	switch t.Kind {
	case model.ShareNotBelow:
		idx.each(t.Indicator, t.Region, model.Share, t.Period, func(o *model.Observation) bool {
			if o.Ref == t.Ref {
				actual = o
				return false
			}
			return true
		})
		idx.each(t.Indicator, t.Region, model.Share, t.Period.Prev(), func(o *model.Observation) bool {
			if o.Ref == t.Ref {
				ref = o
				return false
			}
			return true
		})
	case model.InStepTarget:
		actual = idx.first(t.Indicator, t.Region, t.Measure, t.Period)
		if t.With != "" {
			ref = idx.first(t.Indicator, t.With, t.Measure, t.Period)
			if ref == nil && actual != nil {
				// no published figure for the other region, but perhaps a
				// published gap to it: judge by the gap itself.
				if g := idx.gap(t.Indicator, t.Region, t.With, t.Measure, t.Period); g != nil {
					return attainByGap(t, *actual, *g)
				}
			}
		} else {
			ref = idx.first(t.WithIndicator, t.Region, t.Measure, t.Period)
		}
	default:
		actual = idx.first(t.Indicator, t.Region, t.Measure, t.Period)
	}
	if actual == nil && t.Kind != model.ShareNotBelow {
		if td := latestToDate(idx, t.Indicator, t.Region, t.Measure, t.Period); td != nil {
			return AttainToDate(t, *td, ind)
		}
	}
	return Attain(t, actual, ref, ind.Polarity)
}

// latestToDate returns the figure of the indicator, region and kind for
// the longest part of year p to date (the year to mid-December before the
// year to 11 May before the first quarter), or nil; only for an annual p.
func latestToDate(idx *obsIndex, ind, region string, k model.Kind, p model.Period) *model.Observation {
	if p.Kind != model.Year {
		return nil
	}
	var best *model.Observation
	idx.each(ind, region, k, model.Period{}, func(o *model.Observation) bool {
		if partOfYear(o.Period, p.Year) && (best == nil || comparePeriods(o.Period, best.Period) > 0) {
			best = o
		}
		return true
	})
	return best
}

// attainByGap judges an in-step target from a published gap (ours − theirs).
func attainByGap(t model.Target, actual, gap model.Observation) Attainment {
	a := Attainment{Target: t, Actual: published(actual), ActualObs: &actual, Gap: published(gap)}
	tol := DefaultTolerance(t)
	if t.Tolerance.Valid {
		tol = t.Tolerance.Value
	}
	a.Tolerance = model.Some(tol)
	if f, err := ImpliedOther(actual, gap); err == nil {
		a.Reference = f
	}
	switch g := gap.Value.Num; {
	case g.GreaterThan(decimal.Zero):
		a.Status = Exceeded
	case g.Neg().LessThanOrEqual(tol.Num):
		a.Status = Met
	default:
		a.Status = Missed
	}
	return a
}

// targetFigure shows a target's value with the word of its kind: 2%以上,
// 4%以内, 5%左右.
func targetFigure(t model.Target) Figure {
	if !t.Value.Valid {
		return Figure{}
	}
	v := t.Value.Value
	if v.Qual == model.NoQualifier {
		switch t.Kind {
		case model.AtLeastTarget:
			v.Qual, v.Word = model.AtLeast, "以上"
		case model.AtMostTarget:
			v.Qual, v.Word = model.AtMost, "以内"
		case model.AroundTarget:
			v.Qual, v.Word = model.Around, "左右"
		}
	}
	return Figure{Valid: true, Value: v}
}

func (b *builder) targetLabel(t model.Target) string {
	name := b.indicatorName(t.Indicator)
	if t.Measure == model.Level || t.Measure == model.Rate {
		return name
	}
	k := b.l.kinds[t.Measure]
	if b.lang == English {
		return name + " (" + k + ")"
	}
	return name + "（" + k + "）"
}

func (b *builder) targetText(t model.Target) string {
	switch t.Kind {
	case model.InStepTarget:
		with := b.regionShort(t.With)
		if t.WithIndicator != "" {
			with = b.indicatorName(t.WithIndicator)
			if b.lang == English {
				with = lowerFirst(with)
			}
		}
		if b.lang == English {
			return "in step with " + with
		}
		return "与" + with + "同步"
	case model.ShareNotBelow:
		if b.lang == English {
			return "share of " + b.regionName(t.Ref) + " not below last year's"
		}
		return "占" + b.regionShort(t.Ref) + "份额不减"
	}
	return ""
}

func (b *builder) targets() Section {
	l := b.l
	s := Section{ID: SectionTargets, Title: l.secTargets}
	tab := Table{ID: "targets", Title: l.secTargets, Columns: []Column{
		{Key: "indicator", Header: l.colIndicator, Kind: TextCell},
		{Key: "target", Header: l.colTarget, Kind: FigureCell},
		{Key: "actual", Header: l.colActual, Kind: FigureCell},
		{Key: "actual_period", Header: l.colAsOf, Kind: TextCell},
		{Key: "status", Header: l.colStatus, Kind: StatusCell},
		{Key: "gap", Header: l.colGap, Kind: FigureCell},
		{Key: "completion", Header: l.colCompletion, Kind: FigureCell},
		{Key: "headroom", Header: l.colHeadroom, Kind: FigureCell},
	}}
	chart := Chart{ID: "targets", Title: l.chartTargets, Type: BarChart, Unit: l.unitPercent,
		Reference: Figure{Valid: true, Value: model.MustParse("100%")}}
	series := Series{Name: l.colCompletion}
	toDate := false
	for _, a := range b.attainments() {
		t := a.Target
		var tcell Cell
		if tt := b.targetText(t); tt != "" {
			tcell = text(tt)
		} else {
			tcell = Cell{Kind: FigureCell, Figure: targetFigure(t)}
		}
		tcell.Obs = "target:" + t.ID
		tcell.Cite = b.citeTarget(t)
		// the actual: the figure the verdict rests on, or what is published
		// for part of the period when that does not decide it
		actual, actualObs := a.Actual, a.ActualObs
		if actualObs == nil && a.ToDate != nil {
			actual, actualObs = published(*a.ToDate), a.ToDate
		}
		asOf := Cell{Kind: EmptyCell}
		if a.ToDate != nil {
			asOf = text(partLabel(a.ToDate.Period, b.lang))
			toDate = true
		}
		note := ""
		if a.Err != nil {
			note = reasonOf(a.Err)
		}
		tab.Rows = append(tab.Rows, Row{Cells: []Cell{
			text(b.targetLabel(t)), tcell, b.figCell(actual, actualObs), asOf, b.statusCell(a.Status, note),
			b.figCell(a.Gap, nil), b.figCell(a.Completion, nil), b.figCell(a.Headroom, nil),
		}, Emphasis: a.Status == Missed})
		if a.Completion.Valid {
			chart.Categories = append(chart.Categories, b.targetLabel(t))
			series.Values = append(series.Values, a.Completion)
		}
	}
	if len(tab.Rows) == 0 {
		s.Blocks = append(s.Blocks, Paragraph{Text: map[Lang]string{Chinese: "本年度没有量化目标。", English: "No quantified targets for the year."}[b.lang]})
		return s
	}
	if toDate {
		b.used["to-date"] = true
	} else {
		tab = dropColumns(tab, map[string]bool{"actual_period": true})
	}
	para, cites := b.targetsParagraph()
	s.Blocks = append(s.Blocks, Paragraph{Text: para, Cites: cites}, tab)
	if len(chart.Categories) > 0 {
		chart.Series = []Series{series}
		s.Blocks = append(s.Blocks, chart)
	}
	return s
}

func uniq(xs []int) []int {
	seen := map[int]bool{}
	var out []int
	for _, x := range xs {
		if x != 0 && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// targetsParagraph words the attainment of the year's targets as a
// bulletin would: a count by outcome, then the targets met and those
// missed, each with its figures; those for which only a figure for part
// of the year is published, with that figure; and the names of the rest,
// which have no actual yet. It cites the targets and actuals whose
// figures it states, and only those.
func (b *builder) targetsParagraph() (string, []int) {
	var met, missed, partial []string
	var naNames []string
	var cites []int
	cite := func(a Attainment, actual *model.Observation) {
		cites = append(cites, b.citeTarget(a.Target))
		for _, also := range a.Also {
			cites = append(cites, b.citeTarget(also))
		}
		if actual != nil {
			cites = append(cites, b.cite(*actual))
		}
	}
	for _, a := range b.attainments() {
		switch {
		case a.Status == Met || a.Status == Exceeded || a.Status == WithinTolerance:
			met = append(met, b.targetClause(a))
			cite(a, a.ActualObs)
		case a.Status == Missed:
			missed = append(missed, b.targetClause(a))
			cite(a, a.ActualObs)
		case a.ToDate != nil:
			partial = append(partial, b.partialClause(a))
			cite(a, a.ToDate)
		default:
			naNames = append(naNames, b.targetLabel(a.Target))
		}
	}
	na := len(partial) + len(naNames)
	n := len(met) + len(missed) + na
	en := b.lang == English
	var sb strings.Builder
	if en {
		fmt.Fprintf(&sb, "Of %s for %d, %d %s met, %d missed and %d cannot be assessed yet.",
			plural(n, "quantified target", "quantified targets"), b.year, len(met), map[bool]string{true: "was", false: "were"}[len(met) == 1], len(missed), na)
	} else {
		fmt.Fprintf(&sb, "%d年%d项量化目标中，%d项完成，%d项未完成，%d项暂无法评估。", b.year, n, len(met), len(missed), na)
	}
	group := func(zh, enLead string, clauses []string) {
		if len(clauses) == 0 {
			return
		}
		if en {
			sb.WriteString(" " + enLead + " " + strings.Join(clauses, "; ") + ".")
		} else {
			sb.WriteString(zh + strings.Join(clauses, "；") + "。")
		}
	}
	group("完成的目标：", "Met:", met)
	group("未完成的目标：", "Missed:", missed)
	group("尚不能评估的目标：", "Not yet assessable:", partial)
	if len(naNames) > 0 {
		// a name with 、 in it (新建、改造市政煤气管网) would run into its
		// neighbours in a list joined by 、
		sep := "、"
		if slices.ContainsFunc(naNames, func(n string) bool { return strings.Contains(n, "、") }) {
			sep = "；"
		}
		switch {
		case en && len(partial) > 0:
			fmt.Fprintf(&sb, " No actual figure has been published yet for the other %s: %s.",
				plural(len(naNames), "target", "targets"), strings.Join(naNames, "; "))
		case en:
			fmt.Fprintf(&sb, " No actual figure has been published yet for %s: %s.",
				plural(len(naNames), "target", "targets"), strings.Join(naNames, "; "))
		case len(partial) > 0:
			fmt.Fprintf(&sb, "其余%d项目标尚无公布的实际数据：%s。", len(naNames), strings.Join(naNames, sep))
		default:
			fmt.Fprintf(&sb, "%d项目标尚无公布的实际数据：%s。", len(naNames), strings.Join(naNames, sep))
		}
	}
	return sb.String(), uniq(cites)
}

// actualText words the actual figure of an attainment with the verb its
// kind needs: 增长3.8% / 为2.65% / 11.11万人; "grew by 3.8%", "was 2.65%";
// an actual for part of the year says so: 截至12月中旬已达11.11万人,
// "reached 111,100 people to mid-December".
func (b *builder) actualText(a Attainment) string {
	ind, _ := b.ds.Indicator(a.Target.Indicator)
	f := a.Actual
	en := b.lang == English
	switch a.Target.Measure {
	case model.Growth:
		return b.growthVerb(ind, f, a.Target.Basis)
	case model.Rate, model.Share:
		if en {
			return "was " + f.Text(English)
		}
		return "为" + f.Text(Chinese)
	}
	if a.ToDate != nil {
		if en {
			return levelVerb(ind, f) + " " + b.say(ind, f) + " " + partLabel(a.ToDate.Period, English)
		}
		return partLabel(a.ToDate.Period, Chinese) + "已达" + b.say(ind, f)
	}
	if en {
		return levelVerb(ind, f) + " " + b.say(ind, f)
	}
	return b.say(ind, f)
}

// partialClause words a target that only a figure for part of its period
// bears on, without deciding it: 城镇登记失业率（目标4.5%以内）仅公布截至5月11日的数据：2.79%;
// "the registered urban unemployment rate (target: no more than 4.5%):
// only a figure to 11 May is published: 2.79%".
func (b *builder) partialClause(a Attainment) string {
	t := a.Target
	ind, _ := b.ds.Indicator(t.Indicator)
	goal := b.targetText(t)
	if goal == "" {
		goal = b.say(ind, targetFigure(t))
	}
	td := *a.ToDate
	f := published(td)
	var fig string
	switch {
	case td.Kind == model.Growth && b.lang == English:
		fig = b.upDown(ind, f, td.Basis) // "down 5% at comparable prices"
	case td.Kind == model.Growth:
		fig = b.growthVerb(ind, f, td.Basis)
	default:
		fig = b.say(ind, f)
	}
	if b.lang == English {
		return fmt.Sprintf("%s (target: %s): only %s is published: %s", subject(b.targetSubject(t)), goal, partFigure(td.Period, English), fig)
	}
	return fmt.Sprintf("%s（目标%s）仅公布%s：%s", b.targetSubject(t), goal, partFigure(td.Period, Chinese), fig)
}

// targetSubject names what a target is on, for a sentence: 城镇登记失业率,
// 地区生产总值增速; "gross regional product growth".
func (b *builder) targetSubject(t model.Target) string {
	name := b.indicatorName(t.Indicator)
	if t.Measure == model.Level || t.Measure == model.Rate {
		return name
	}
	if b.lang == English {
		return name + " " + b.l.kinds[t.Measure]
	}
	return name + b.l.kinds[t.Measure]
}

// targetClause words one attainment by its status and the target's kind.
func (b *builder) targetClause(a Attainment) string {
	t := a.Target
	ind, _ := b.ds.Indicator(t.Indicator)
	name := b.indicatorName(t.Indicator)
	goal := b.targetText(t)
	if goal == "" {
		goal = b.say(ind, targetFigure(t))
	}
	en := b.lang == English
	if a.Status == NotAssessable {
		if en {
			return name + " (target " + goal + ")"
		}
		return name + "（目标" + goal + "）"
	}
	act := b.actualText(a)
	var detail string
	switch {
	case t.Kind == model.InStepTarget || t.Kind == model.ShareNotBelow:
		ref := a.Reference.Text(b.lang)
		if en {
			detail = fmt.Sprintf("against %s (target: %s), a gap of %s", ref, goal, a.Gap.Text(English))
		} else {
			detail = fmt.Sprintf("对照%s（目标%s），差距%s", ref, goal, a.Gap.Text(Chinese))
		}
	case a.Completion.Valid:
		if en {
			detail = fmt.Sprintf("%s of the target of %s", a.Completion.Text(English), goal)
		} else {
			detail = fmt.Sprintf("为%s目标的%s", goal, a.Completion.Text(Chinese))
		}
	case a.Headroom.Valid && a.Status != Missed:
		ceiling := Figure{Valid: true, Value: t.Value.Value}
		ceiling.Value.Qual, ceiling.Value.Word = model.NoQualifier, ""
		if en {
			detail = fmt.Sprintf("%s below the ceiling of %s", abs(a.Headroom).Text(English), b.say(ind, ceiling))
		} else {
			detail = fmt.Sprintf("低于%s的目标上限%s", b.say(ind, ceiling), abs(a.Headroom).Text(Chinese))
		}
	case a.Gap.Valid:
		if en {
			detail = fmt.Sprintf("against a target of %s (%s)", goal, a.Gap.Text(English))
		} else {
			detail = fmt.Sprintf("目标%s，相差%s", goal, a.Gap.Text(Chinese))
		}
	}
	if en {
		return fmt.Sprintf("%s %s, %s", subject(name), act, detail)
	}
	return name + act + "，" + detail
}
