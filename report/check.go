package report

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/model"
)

// CheckKind says what a consistency check recomputes.
type CheckKind uint8

// The consistency checks.
const (
	CheckGrowth     CheckKind = iota + 1 // a stated growth against two levels
	CheckShare                           // a stated share against two levels
	CheckGap                             // a stated gap against two rates
	CheckSources                         // the same figure as two documents publish it
	CheckClaim                           // a stated 超额完成 / 完成 claim against its target
	CheckSum                             // a stated total against the sum of its stated parts
	CheckChange                          // a stated change against two levels (or two rates)
	CheckCompletion                      // a stated completion rate against the actual and the target
)

// Check is a published figure set against its recomputation from other
// published figures.
type Check struct {
	Kind       CheckKind           // what is recomputed
	Stated     model.Observation   // the published claim
	Inputs     []model.Observation // the published figures it is recomputed from (a target as "target:" + its ID)
	Published  Figure              // the stated figure
	Recomputed Figure              // computed from Inputs, at the published places
	Difference Figure              // Recomputed − Published, in the published unit (points for %)
	// Status is Consistent when the recomputation can be reconciled with the
	// published figure given the rounding of every figure involved (and the
	// hedge of qualified figures), Inconsistent otherwise, NotAssessable when
	// it cannot be recomputed.
	Status Status
	Err    error // why it is not assessable; nil otherwise
	// For a CheckClaim: the target, the outcome its source claims, and the
	// attainment computed from the published actual.
	Target     model.Target
	Claimed    Status     // the outcome the source claims
	Attainment Attainment // the attainment computed from the published actual
}

// interval is the range of true values a published figure allows.
type interval struct{ lo, hi decimal.Decimal }

// bounds returns the interval of true values of v in its base unit: half a
// unit of the last published place either side (none for a count written
// out in full, such as 4个); for hedged figures the
// band documented in the method note "checks": 约/左右 ±5 %, 近 up to 10 %
// below, 超过/余/多/以上 up to 50 % above, 以内 anything from zero.
func bounds(v model.Value) interval {
	x := v.Base()
	half := decimal.New(5, -v.Places-1).Shift(int32(v.Unit.Mag))
	if isCount(v) {
		half = decimal.Zero
	}
	lo, hi := x.Sub(half), x.Add(half)
	ax := x.Abs()
	switch v.Qual {
	case model.About, model.Around:
		d := ax.Mul(decimal.New(5, -2))
		lo, hi = lo.Sub(d), hi.Add(d)
	case model.Nearly:
		lo, hi = lo.Sub(ax.Mul(decimal.New(1, -1))), x
	case model.Over, model.MoreThan, model.AtLeast:
		lo, hi = x, hi.Add(ax.Mul(decimal.New(5, -1)))
	case model.AtMost:
		lo, hi = decimal.Zero, x
	}
	return interval{lo, hi}
}

// isCount reports whether v is written as a whole number without a
// magnitude word (4个, 6301个, 540元): a count or an exact amount, not a
// measurement rounded to its last digit. Percentages and points are
// always rounded.
func isCount(v model.Value) bool {
	return v.Unit.Mag == model.One && v.Places == 0 && !v.Unit.IsPercent() && !v.Unit.IsPoints()
}

func (a interval) overlaps(b interval) bool {
	return !a.hi.LessThan(b.lo) && !b.hi.LessThan(a.lo)
}

const boundPlaces = 12

// growthRange is the range of (a ÷ b − 1) × 100 over the intervals.
func growthRange(a, b interval) (interval, bool) {
	if !b.lo.IsPositive() {
		return interval{}, false
	}
	h := decimal.NewFromInt(100)
	one := decimal.NewFromInt(1)
	lo := a.lo.DivRound(b.hi, boundPlaces).Sub(one).Mul(h)
	hi := a.hi.DivRound(b.lo, boundPlaces).Sub(one).Mul(h)
	return interval{lo, hi}, true
}

func shareRange(a, b interval) (interval, bool) {
	if !b.lo.IsPositive() {
		return interval{}, false
	}
	h := decimal.NewFromInt(100)
	return interval{a.lo.DivRound(b.hi, boundPlaces).Mul(h), a.hi.DivRound(b.lo, boundPlaces).Mul(h)}, true
}

func finishCheck(c Check, rng interval, ok bool) Check {
	if !c.Recomputed.Valid {
		c.Status = NotAssessable
		return c
	}
	pv := c.Published.Value
	diffUnit := pv.Unit
	if pv.Unit.IsPercent() {
		diffUnit = model.Unit{Base: model.Points}
	}
	p := max(pv.Places, c.Recomputed.Value.Places)
	diff := c.Recomputed.Value.Num.Sub(pv.Num)
	c.Difference = Figure{Valid: true, Value: model.Value{Num: model.RoundHalfUp(diff, p), Places: p, Unit: diffUnit}, Signed: true}
	// a bound on either side bounds the difference (+30.8%以内 − 24.3% is
	// +6.5个百分点以内); bounds pulling both ways leave it unstated
	bound := func(v model.Value) direction {
		if d := directionOf(v); d == lower || d == upper {
			return d
		}
		return exact
	}
	if dir, ok := combine(bound(c.Recomputed.Value), bound(pv).flip()); !ok {
		c.Difference = Figure{Reason: fmt.Errorf("%w: %s against %s", ErrBound, c.Recomputed.Value, pv).Error()}
	} else {
		c.Difference.Value = qualify(c.Difference.Value, dir)
	}
	if ok && rng.overlaps(bounds(pv)) {
		c.Status = Consistent
	} else {
		c.Status = Inconsistent
	}
	return c
}

// CheckStatedGrowth sets a stated growth against the growth of two levels
// of its indicator and region: the level of its period and that of the
// year before, or, for a growth over several years (2016—2020), the levels
// of the first and last year.
func CheckStatedGrowth(stated, cur, prev model.Observation) Check {
	c := Check{Kind: CheckGrowth, Stated: stated, Inputs: []model.Observation{cur, prev},
		Published: Figure{Valid: true, Value: stated.Value, Signed: true}}
	var f Figure
	var err error
	switch {
	case stated.Indicator != cur.Indicator || stated.Region != cur.Region:
		err = derr("growth", stated, fmt.Errorf("%w: a growth of %s of %s against levels of %s of %s", ErrSubject,
			stated.Indicator, stated.Region, cur.Indicator, cur.Region))
		f = invalid(err)
	case stated.Period.Kind == model.Years:
		// a growth over 2016—2020: from the level of its first year to that of its last
		if cur.Period != model.YearOf(stated.Period.End) || prev.Period != model.YearOf(stated.Period.Year) {
			err = derr("growth", stated, fmt.Errorf("%w: a growth over %s against levels of %s and %s", ErrPeriod,
				stated.Period, prev.Period, cur.Period))
			f = invalid(err)
		} else {
			f, err = growthOver(cur, prev, stated.Value.Places)
		}
	case cur.Period != stated.Period:
		err = derr("growth", stated, fmt.Errorf("%w: a growth for %s against a level for %s", ErrPeriod, stated.Period, cur.Period))
		f = invalid(err)
	default:
		f, err = YoY(cur, prev, stated.Value.Places)
	}
	c.Recomputed, c.Err = f, err
	if err != nil {
		return finishCheck(c, interval{}, false)
	}
	r, ok := growthRange(bounds(cur.Value), bounds(prev.Value))
	return finishCheck(c, r, ok)
}

// CheckStatedCompletion sets a stated completion rate (职业技能培训计划完成率
// 101%) against actual ÷ target × 100 of the published actual and the
// year's target of the indicator it is the completion of
// (Indicator.CompletionOf), magnitudes converted exactly. The target
// stands among the Inputs as an observation with ID "target:" + its ID.
func CheckStatedCompletion(stated, actual model.Observation, t model.Target) Check {
	c := Check{Kind: CheckCompletion, Stated: stated, Target: t, Published: Figure{Valid: true, Value: stated.Value}}
	goal := model.Observation{ID: "target:" + t.ID, Indicator: t.Indicator, Region: t.Region, Period: t.Period,
		Kind: model.Level, Value: t.Value.Value, Source: t.Source}
	c.Inputs = []model.Observation{actual, goal}
	fail := func(err error) Check {
		c.Err = derr("completion", stated, err)
		c.Recomputed = invalid(c.Err)
		return finishCheck(c, interval{}, false)
	}
	switch {
	case !t.Value.Valid:
		return fail(fmt.Errorf("%w: the target has no value", ErrMissing))
	case actual.Kind != model.Level || actual.Indicator != t.Indicator || actual.Region != t.Region || actual.Region != stated.Region:
		return fail(fmt.Errorf("%w: %s of %s against a target of %s of %s", ErrSubject, actual.Indicator, actual.Region, t.Indicator, t.Region))
	case !actual.Value.Unit.SameBase(t.Value.Value.Unit):
		return fail(ErrUnits)
	case t.Value.Value.Num.Sign() <= 0:
		return fail(ErrZeroBase)
	}
	m := min(actual.Value.Unit.Mag, t.Value.Value.Unit.Mag)
	places := stated.Value.Places
	d := &Derivation{
		Method:  "completion",
		Formula: "实际 ÷ 目标 × 100",
		Inputs:  []Input{input(actual, "actual"), targetInput(t)},
		Expr:    round(mul(div(scaled(0, actual.Value.Unit.Mag, m), scaled(1, t.Value.Value.Unit.Mag, m)), numi(100)), places),
	}
	f, err := evaluate(d, model.Unit{Base: model.Percent}, places, false)
	if err != nil {
		return fail(err)
	}
	f.Value = qualify(f.Value, directionOf(actual.Value))
	c.Recomputed = f
	tv := t.Value.Value
	tv.Qual, tv.Word = model.NoQualifier, "" // 以上/以内 on a target is its kind
	r, ok := shareRange(bounds(actual.Value), bounds(tv))
	return finishCheck(c, r, ok)
}

// CheckStatedShare sets a stated share against part ÷ whole of two levels.
func CheckStatedShare(stated, part, whole model.Observation) Check {
	c := Check{Kind: CheckShare, Stated: stated, Inputs: []model.Observation{part, whole},
		Published: Figure{Valid: true, Value: stated.Value}}
	f, err := ShareOf(part, whole, stated.Value.Places)
	c.Recomputed, c.Err = f, err
	if err != nil {
		return finishCheck(c, interval{}, false)
	}
	r, ok := shareRange(bounds(part.Value), bounds(whole.Value))
	return finishCheck(c, r, ok)
}

// CheckStatedChange sets a stated change on the year before (环境空气质量
// 优良天数增加30天; a rate's change in points) against the difference of the
// two published levels or rates, in the stated figure's unit.
func CheckStatedChange(stated, cur, prev model.Observation) Check {
	c := Check{Kind: CheckChange, Stated: stated, Inputs: []model.Observation{cur, prev}, Published: published(stated)}
	fail := func(err error) Check {
		c.Err = &DerivationError{Op: "change", Subject: stated.Indicator + " " + stated.Region, Period: stated.Period.String(), Err: err}
		c.Recomputed = invalid(c.Err)
		return finishCheck(c, interval{}, false)
	}
	if err := sameSubject(stated, cur); err != nil {
		return fail(err)
	}
	if err := sameSubject(cur, prev); err != nil {
		return fail(err)
	}
	if err := samePeriod(stated, cur); err != nil {
		return fail(err)
	}
	if err := yearBefore(cur, prev); err != nil {
		return fail(err)
	}
	cv, pv, sv := cur.Value, prev.Value, stated.Value
	rate := cv.Unit.IsPercent() && pv.Unit.IsPercent() && sv.Unit.IsPoints()
	if !rate && (!cv.Unit.SameBase(pv.Unit) || !cv.Unit.SameBase(sv.Unit)) {
		return fail(ErrUnits)
	}
	dir, err := diffDirection(cv, pv)
	if err != nil {
		return fail(err)
	}
	m := sv.Unit.Mag
	places := max(sv.Places, min(max(cv.Places-int32(cv.Unit.Mag)+int32(m), pv.Places-int32(pv.Unit.Mag)+int32(m)), sv.Places+2))
	places = min(max(places, 0), model.MaxPlaces)
	d := &Derivation{Method: "change", Formula: "本期 − 上年同期",
		Inputs: []Input{input(cur, cur.Period.String()), input(prev, prev.Period.String())},
		Expr:   round(sub(scaled(0, cv.Unit.Mag, m), scaled(1, pv.Unit.Mag, m)), places)}
	f, err := evaluate(d, sv.Unit, places, true)
	if err != nil {
		return fail(err)
	}
	f.Value = qualify(f.Value, dir)
	c.Recomputed = f
	bc, bp := bounds(cv), bounds(pv)
	return finishCheck(c, interval{bc.lo.Sub(bp.hi), bc.hi.Sub(bp.lo)}, true)
}

// CheckStatedGap sets a stated gap (points) against the difference of two
// published rates.
func CheckStatedGap(stated, a, b model.Observation) Check {
	c := Check{Kind: CheckGap, Stated: stated, Inputs: []model.Observation{a, b},
		Published: Figure{Valid: true, Value: stated.Value, Signed: true}}
	f, err := Gap(a, b)
	if err == nil && f.Value.Places < stated.Value.Places {
		f.Value.Places = stated.Value.Places
	}
	c.Recomputed, c.Err = f, err
	if err != nil {
		return finishCheck(c, interval{}, false)
	}
	ba, bb := bounds(a.Value), bounds(b.Value)
	return finishCheck(c, interval{ba.lo.Sub(bb.hi), ba.hi.Sub(bb.lo)}, true)
}

// CheckSameFigure sets a figure published by one document against the same
// figure (same indicator, region, period, kind and basis) in another.
func CheckSameFigure(a, b model.Observation) Check {
	c := Check{Kind: CheckSources, Stated: a, Inputs: []model.Observation{b},
		Published: Figure{Valid: true, Value: a.Value, Signed: a.Kind == model.Growth || a.Kind == model.Gap}}
	if !a.Value.Unit.SameBase(b.Value.Unit) {
		c.Err = &DerivationError{Op: "compare sources", Subject: a.Indicator + " " + a.Region, Period: a.Period.String(), Err: ErrUnits}
		c.Recomputed = invalid(c.Err)
		return finishCheck(c, interval{}, false)
	}
	bv, _ := b.Value.In(a.Value.Unit.Mag)
	c.Recomputed = Figure{Valid: true, Value: bv, Signed: c.Published.Signed,
		Derived: &Derivation{Method: "sources", Formula: "另一来源", Inputs: []Input{input(b, b.Source.Doc)},
			Expr: scaled(0, b.Value.Unit.Mag, a.Value.Unit.Mag)}}
	if bv.Places < 0 {
		c.Recomputed.Value.Places = 0
	}
	return finishCheck(c, bounds(b.Value), true)
}

// String describes the check for logs: "growth 002.x: published 6.5%, recomputed 6.4%: consistent".
func (c Check) String() string {
	return fmt.Sprintf("%d %s: published %s, recomputed %s: %v", c.Kind, c.Stated.ID,
		c.Published.Text(Chinese), c.Recomputed.Text(Chinese), c.Status)
}

// CheckStatedSum sets a stated total against the sum of its stated parts
// (自然保护区11个 against 国家级4个, 省级1个 and 市级6个), magnitudes converted
// exactly; the sum keeps the finest places of the parts.
func CheckStatedSum(total model.Observation, parts []model.Observation) Check {
	c := Check{Kind: CheckSum, Stated: total, Inputs: parts, Published: published(total)}
	tu := total.Value.Unit
	fail := func(err error) Check {
		c.Err = &DerivationError{Op: "sum", Subject: total.Indicator + " " + total.Region, Period: total.Period.String(), Err: err}
		c.Recomputed = invalid(c.Err)
		return finishCheck(c, interval{}, false)
	}
	if len(parts) < 2 {
		return fail(fmt.Errorf("%w: a sum needs two parts", ErrMissing))
	}
	var args []*Expr
	var inputs []Input
	places := int32(0)
	dir := exact
	rng := interval{decimal.Zero, decimal.Zero}
	for i, p := range parts {
		pv := p.Value
		if !pv.Unit.SameBase(tu) || p.Kind != total.Kind {
			return fail(ErrUnits)
		}
		d, ok := combine(dir, directionOf(pv))
		if !ok {
			return fail(fmt.Errorf("%w: parts bounded both ways", ErrBound))
		}
		dir = d
		places = max(places, pv.Places-int32(pv.Unit.Mag)+int32(tu.Mag))
		args = append(args, scaled(i, pv.Unit.Mag, tu.Mag))
		inputs = append(inputs, input(p, p.Indicator))
		b := bounds(pv)
		rng = interval{rng.lo.Add(b.lo), rng.hi.Add(b.hi)}
	}
	places = min(max(places, 0), model.MaxPlaces)
	// the sum is exact: show it with the places it needs, never fewer than
	// the stated total's (30.844亿尾, not 30.8440亿尾)
	d := &Derivation{Method: "sum", Formula: "各部分之和", Inputs: inputs, Expr: round(add(args...), places)}
	exactSum, err := d.Eval()
	if err != nil {
		return fail(err)
	}
	places = max(total.Value.Places, min(places, placesNeeded(exactSum)))
	d.Expr = round(add(args...), places)
	f, err := evaluate(d, tu, places, false)
	if err != nil {
		return fail(err)
	}
	f.Value = qualify(f.Value, dir)
	c.Recomputed = f
	return finishCheck(c, rng, true)
}

// claimStatus is the status a claim asserts.
func claimStatus(c model.Claim) Status {
	switch c {
	case model.ClaimExceeded:
		return Exceeded
	case model.ClaimMet:
		return Met
	case model.ClaimMissed:
		return Missed
	}
	return NoStatus
}

// claimHolds reports whether an attainment bears a claim out: 超额完成 needs
// the target exceeded, 完成 met in any way (exceeded or within tolerance
// too), 未完成 missed.
func claimHolds(c model.Claim, s Status) bool {
	switch c {
	case model.ClaimExceeded:
		return s == Exceeded
	case model.ClaimMet:
		return s == Met || s == Exceeded || s == WithinTolerance
	case model.ClaimMissed:
		return s == Missed
	}
	return false
}

// CheckClaimed sets the outcome a source claims for target t (超额完成年度
// 9.6万人的预期目标) against its attainment a, computed from the published
// actual. Published is the actual, Recomputed the completion ratio (or the
// gap where a ratio means nothing), Difference the gap to the target.
func CheckClaimed(t model.Target, a Attainment) Check {
	c := Check{Kind: CheckClaim, Target: t, Claimed: claimStatus(t.Claim), Attainment: a,
		Stated:    model.Observation{ID: "target:" + t.ID, Indicator: t.Indicator, Region: t.Region, Period: t.Period, Kind: t.Measure, Source: t.Source},
		Published: a.Actual, Recomputed: a.Completion, Difference: a.Gap, Err: a.Err}
	if a.ActualObs != nil {
		c.Inputs = []model.Observation{*a.ActualObs}
	}
	if !c.Recomputed.Valid {
		c.Recomputed = a.Gap
	}
	switch {
	case a.Status == NotAssessable || a.Status == NoStatus:
		c.Status = NotAssessable
	case claimHolds(t.Claim, a.Status):
		c.Status = Consistent
	default:
		c.Status = Inconsistent
	}
	return c
}

// placesNeeded is the fewest decimal places that show d exactly: 30.8440 → 3.
func placesNeeded(d decimal.Decimal) int32 {
	for p := int32(0); p < model.MaxPlaces; p++ {
		if d.Round(p).Equal(d) {
			return p
		}
	}
	return model.MaxPlaces
}
