package report

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/model"
)

// DefaultTolerance returns how far an "around" (左右) or "in step" (同步)
// target may be missed and still count as met when the target sets no
// tolerance of its own (Target.Tolerance overrides it):
//
//   - around, target in percent: 1 percentage point (增长5%左右 is met by
//     4.0 % to 6.0 %);
//   - around, target in any other unit: 5 % of the target;
//   - in step: the actual growth may fall 0.5 points below the compared
//     growth and still keep step.
func DefaultTolerance(t model.Target) model.Value {
	switch {
	case t.Kind == model.InStepTarget:
		return model.Value{Num: decimal.New(5, -1), Places: 1, Unit: model.Unit{Base: model.Points}}
	case t.Value.Valid && !t.Value.Value.Unit.IsPercent():
		v := t.Value.Value
		v.Num = v.Num.Mul(decimal.New(5, -2)).Abs()
		v.Places += 2
		v.Qual, v.Word, v.QualBeforeMag = model.NoQualifier, "", false
		return v
	}
	return model.Value{Num: decimal.NewFromInt(1), Places: 0, Unit: model.Unit{Base: model.Points}}
}

// Attainment is how an actual figure measures against a target.
type Attainment struct {
	Target model.Target // the target assessed
	// Also lists the same target as other documents publish it (the same
	// indicator, region, period, kind, measure and value); they share this
	// attainment.
	Also   []model.Target
	Actual Figure // the published actual, invalid when there is none
	// ActualObs is the observation Actual comes from; nil when there is
	// none or when the actual is derived.
	ActualObs *model.Observation
	// Reference is the figure an in-step target is compared with, or last
	// year's share for a share-not-below target.
	Reference Figure
	Status    Status // met, exceeded, missed, within tolerance or not assessable
	// Gap is actual − target in the target's unit (points for percent
	// targets); positive is above the target.
	Gap Figure
	// Completion is actual ÷ target × 100 for quantity targets (reach, at
	// least, at most of levels); invalid where a ratio means nothing.
	Completion Figure
	// Headroom is target − actual for at-most targets: room to spare when
	// positive.
	Headroom Figure
	// Tolerance used for around and in-step targets.
	Tolerance model.NullValue
	// ToDate is set when no figure for the target's whole period is
	// published but one for part of it is: the latest figure of the year
	// to date (截至12月中旬11.11万人). When it decides the target (see
	// AttainToDate) it is also ActualObs and Actual, and Gap and
	// Completion are lower bounds; otherwise Status is NotAssessable with
	// ErrPartialPeriod, and ToDate says what is published.
	ToDate *model.Observation
	// Err says why the target is not assessable; nil otherwise.
	Err error
}

func targetInput(t model.Target) Input {
	return Input{Ref: "target:" + t.ID, Label: "target", Value: t.Value.Value}
}

// Attain measures actual against target t. actual may be nil (no figure:
// not assessable). reference is needed by in-step targets (the compared
// region's or indicator's growth) and share-not-below targets (last year's
// share); polarity decides whether overshooting an around target is good.
// Attain never panics and never invents a number: anything it cannot
// decide is NotAssessable with Err set — among it an actual of another
// indicator or region (ErrSubject), of another period than the target's
// (ErrPeriod: an annual target against a quarter's figure; see
// AttainToDate for a figure to date that already decides an annual
// target), or of another measure or unit (ErrUnits).
func Attain(t model.Target, actual, reference *model.Observation, polarity model.Polarity) Attainment {
	a := Attainment{Target: t}
	na := func(err error) Attainment {
		a.Status = NotAssessable
		a.Err = &DerivationError{Op: "attainment", Subject: t.Indicator + " " + t.Region, Period: t.Period.String(), Err: err}
		return a
	}
	if actual == nil {
		return na(fmt.Errorf("%w: no actual figure", ErrMissing))
	}
	if actual.Kind != t.Measure {
		return na(fmt.Errorf("%w: target is on %s, actual is %s", ErrUnits, t.Measure, actual.Kind))
	}
	if actual.Indicator != t.Indicator || actual.Region != t.Region {
		return na(fmt.Errorf("%w: target for %s of %s, actual of %s of %s", ErrSubject, t.Indicator, t.Region, actual.Indicator, actual.Region))
	}
	if actual.Period != t.Period {
		return na(fmt.Errorf("%w: target for %s, actual for %s", ErrPeriod, t.Period, actual.Period))
	}
	a.Actual = Figure{Valid: true, Value: actual.Value, Signed: actual.Kind == model.Growth}
	a.ActualObs = actual
	av := actual.Value
	switch t.Kind {
	case model.InStepTarget:
		if reference == nil {
			return na(fmt.Errorf("%w: no figure to keep step with", ErrMissing))
		}
		switch {
		case t.WithIndicator != "" && (reference.Indicator != t.WithIndicator || reference.Region != t.Region),
			t.WithIndicator == "" && (reference.Indicator != t.Indicator || (t.With != "" && reference.Region != t.With)):
			return na(fmt.Errorf("%w: %s of %s is not what the target keeps step with", ErrSubject, reference.Indicator, reference.Region))
		}
		a.Reference = Figure{Valid: true, Value: reference.Value, Signed: reference.Kind == model.Growth}
		gap, err := Gap(*actual, *reference)
		if err != nil {
			return na(err)
		}
		a.Gap = gap
		tol := DefaultTolerance(t)
		if t.Tolerance.Valid {
			tol = t.Tolerance.Value
		}
		a.Tolerance = model.Some(tol)
		switch {
		case gap.Value.Num.GreaterThan(decimal.Zero):
			a.Status = Exceeded
		case gap.Value.Num.Neg().LessThanOrEqual(tol.Num):
			a.Status = Met
		default:
			a.Status = Missed
		}
		return a
	case model.ShareNotBelow:
		if reference == nil {
			return na(fmt.Errorf("%w: no share for last year", ErrMissing))
		}
		a.Reference = Figure{Valid: true, Value: reference.Value}
		gap, err := changeOf(*actual, *reference)
		if err != nil {
			return na(err)
		}
		a.Gap = gap
		if gap.Value.Num.IsNegative() {
			a.Status = Missed
		} else {
			a.Status = Met
		}
		return a
	}
	if !t.Value.Valid {
		return na(fmt.Errorf("%w: target has no value", ErrMissing))
	}
	tv := t.Value.Value
	if d := directionOf(tv); d == lower || d == upper {
		// 以上/以内 on a target value is the target's kind, not doubt about
		// the number
		tv.Qual, tv.Word, tv.QualBeforeMag = model.NoQualifier, "", false
	}
	if !av.Unit.SameBase(tv.Unit) {
		return na(ErrUnits)
	}
	if err := checkTargetBasis(t, *actual); err != nil {
		return na(err)
	}
	// Gap: actual − target, in the target's base unit and the smaller of
	// the two magnitudes, to the finer of the two published precisions
	// there: 11.11万人 − 9.6万人 = 1.51万人, 75782人次 − 7.5万人次 = 782人次
	// (not 0.078万人次, which would round the difference away).
	pct := tv.Unit.IsPercent()
	gmag := min(av.Unit.Mag, tv.Unit.Mag)
	gp := max(av.Places-int32(av.Unit.Mag-gmag), tv.Places-int32(tv.Unit.Mag-gmag), 0)
	gunit := model.Unit{Base: tv.Unit.Base, Mag: gmag}
	if pct {
		gunit = model.Unit{Base: model.Points}
		gmag = tv.Unit.Mag
	}
	gd := &Derivation{Method: "target-gap", Formula: "实际 − 目标",
		Inputs: []Input{input(*actual, "actual"), targetInput(t)},
		Expr:   round(sub(scaled(0, av.Unit.Mag, gmag), scaled(1, tv.Unit.Mag, gmag)), gp)}
	gap, err := evaluate(gd, gunit, gp, true)
	if err != nil {
		return na(err)
	}
	if dir, err := diffDirection(av, tv); err == nil {
		gap.Value = qualify(gap.Value, dir)
		a.Gap = gap
	}
	if !pct && (t.Kind == model.ReachTarget || t.Kind == model.AtLeastTarget || t.Kind == model.AtMostTarget) {
		if tv.Num.IsZero() {
			a.Completion = Figure{Reason: ErrZeroBase.Error()}
		} else {
			cd := &Derivation{Method: "completion", Formula: "实际 ÷ 目标 × 100",
				Inputs: []Input{input(*actual, "actual"), targetInput(t)},
				Expr:   round(mul(div(scaled(0, av.Unit.Mag, tv.Unit.Mag), in(1)), numi(100)), GrowthPlaces)}
			c, err := evaluate(cd, model.Unit{Base: model.Percent}, GrowthPlaces, false)
			if dir, derr := ratioDirection(av, tv); err == nil && derr == nil {
				c.Value = qualify(c.Value, dir)
				a.Completion = c
			}
		}
	}
	cmp, _ := av.Cmp(tv)
	dir := directionOf(av)
	undecided := func() Attainment {
		return na(fmt.Errorf("%w: %s against %s", ErrBound, av, tv))
	}
	switch t.Kind {
	case model.AtLeastTarget, model.ReachTarget:
		switch {
		case dir == upper && cmp >= 0:
			return undecided() // "5%以内" may or may not reach 4%
		case cmp > 0 && av.Qual != model.Nearly:
			a.Status = Exceeded
		case cmp == 0 && dir == lower:
			a.Status = Exceeded // "超过300家" against 300家
		case cmp == 0 && av.Qual != model.Nearly:
			a.Status = Met
		case dir == lower:
			return undecided() // "超过200家" may or may not reach 300家
		default:
			a.Status = Missed // "近4万" is below 4万
		}
	case model.AtMostTarget:
		hd := &Derivation{Method: "headroom", Formula: "目标 − 实际",
			Inputs: []Input{input(*actual, "actual"), targetInput(t)},
			Expr:   round(sub(in(1), scaled(0, av.Unit.Mag, tv.Unit.Mag)), gp)}
		if h, err := evaluate(hd, gunit, gp, false); err == nil {
			if hdir, err := diffDirection(tv, av); err == nil {
				h.Value = qualify(h.Value, hdir)
				a.Headroom = h
			}
		}
		switch {
		case dir == lower && cmp < 0:
			return undecided() // "超过3%" may or may not stay within 4%
		case dir == lower || cmp > 0:
			a.Status = Missed
		default:
			a.Status = Met
		}
	case model.AroundTarget:
		if dir == lower || dir == upper {
			return undecided()
		}
		tol := t.Tolerance
		if !tol.Valid {
			tol = model.Some(DefaultTolerance(t))
		}
		// the tolerance is a distance in the gap's base unit (percentage
		// points for a percent target), of any magnitude: 5000人 on a
		// target of 10万人 is 0.5万人
		if tol.Value.Unit.Base != gap.Value.Unit.Base {
			return na(fmt.Errorf("%w: a tolerance of %s on a gap in %s", ErrUnits, tol.Value, gap.Value.Unit))
		}
		a.Tolerance = tol
		dist := gap.Value.Base().Abs()
		switch {
		case dist.LessThanOrEqual(tol.Value.Base()):
			a.Status = WithinTolerance
		case (gap.Value.Num.IsPositive()) == (polarity != model.LowerBetter) && polarity != model.Neutral:
			a.Status = Exceeded
		default:
			a.Status = Missed
		}
	default:
		return na(fmt.Errorf("%w: target kind %s", ErrMissing, t.Kind))
	}
	return a
}

// AttainToDate measures an annual target t against toDate, a level of
// t's indicator and region for part of t's year (the year to a date, the
// first quarter, January). Where ind accumulates (Indicator.Accumulates:
// new jobs, people trained) the year's level is at least the level to
// date, so that an at-least or reach target the level to date already
// reaches is met (完成, 超额完成 when beyond it), with a gap and a completion
// ratio that are lower bounds (+1.51万人以上, 115.7%以上), and an at-most
// target it already exceeds is missed. Anything else — a rate to date, a
// level still below an at-least target, an indicator that does not
// accumulate — is NotAssessable with ErrPartialPeriod. Either way ToDate
// is set; Actual shows the figure as published (11.11万人).
func AttainToDate(t model.Target, toDate model.Observation, ind model.Indicator) Attainment {
	a := Attainment{Target: t, ToDate: &toDate}
	na := func(err error) Attainment {
		a.Status = NotAssessable
		a.Err = &DerivationError{Op: "attainment", Subject: t.Indicator + " " + t.Region, Period: t.Period.String(), Err: err}
		return a
	}
	switch {
	case toDate.Indicator != t.Indicator || toDate.Region != t.Region || ind.Code != t.Indicator:
		return na(fmt.Errorf("%w: target for %s of %s, figure of %s of %s", ErrSubject, t.Indicator, t.Region, toDate.Indicator, toDate.Region))
	case t.Period.Kind != model.Year || !partOfYear(toDate.Period, t.Period.Year):
		return na(fmt.Errorf("%w: target for %s, figure for %s", ErrPeriod, t.Period, toDate.Period))
	}
	undecided := func(why string) Attainment {
		return na(fmt.Errorf("%w: %s %s (%s)", ErrPartialPeriod, toDate.Value, toDate.Period, why))
	}
	if toDate.Kind != model.Level || t.Measure != model.Level || !ind.Accumulates {
		return undecided("not a level that accumulates")
	}
	switch directionOf(toDate.Value) {
	case upper:
		return undecided("an upper bound")
	}
	if toDate.Value.Qual == model.Nearly {
		return undecided("nearly")
	}
	// the year's level is at least the level to date
	year := toDate
	year.Period = t.Period
	year.Value = qualify(year.Value, lower)
	switch t.Kind {
	case model.AtLeastTarget, model.ReachTarget, model.AtMostTarget:
	default:
		return undecided("target kind " + t.Kind.String())
	}
	if !t.Value.Valid {
		return undecided("a target without a value")
	}
	c, err := toDate.Value.Cmp(t.Value.Value)
	if err != nil {
		return na(ErrUnits)
	}
	if t.Kind == model.AtMostTarget && c <= 0 {
		return undecided("within the ceiling so far")
	}
	r := Attain(t, &year, nil, ind.Polarity)
	if r.Status == NotAssessable {
		a.Err = r.Err
		if errors.Is(r.Err, ErrBound) {
			return undecided("below the target so far")
		}
		return a
	}
	r.ToDate = &toDate
	if c == 0 && r.Status == Exceeded {
		r.Status = Met // reached exactly so far: met at least
	}
	r.Actual = Figure{Valid: true, Value: toDate.Value}
	r.ActualObs = &toDate
	return r
}

// partOfYear reports whether p is a part of year y that starts on 1
// January: the year to a date, its first quarter or January.
func partOfYear(p model.Period, y int) bool {
	if p.Year != y {
		return false
	}
	switch p.Kind {
	case model.YTD:
		return true
	case model.Quarter, model.Month:
		return p.Index == 1
	}
	return false
}

func checkTargetBasis(t model.Target, o model.Observation) error {
	if t.Basis != model.BasisUnstated && o.Basis != model.BasisUnstated && t.Basis != o.Basis {
		return ErrBasis
	}
	return nil
}
