package report

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/model"
)

// Default display places of derived figures.
const (
	GrowthPlaces = 1 // growth rates, shares and completion ratios: one decimal, as bulletins print them
)

func input(o model.Observation, label string) Input {
	return Input{Ref: o.ID, Label: label, Value: o.Value}
}

func derr(op string, o model.Observation, err error) error {
	return &DerivationError{Op: op, Subject: o.Indicator + " " + o.Region, Period: o.Period.String(), Err: err}
}

// invalid is a not-assessable figure with a reason.
func invalid(err error) Figure { return Figure{Reason: reasonOf(err)} }

func reasonOf(err error) string {
	if err == nil {
		return ""
	}
	var de *DerivationError
	if asDerivation(err, &de) {
		return de.Err.Error()
	}
	return err.Error()
}

func asDerivation(err error, target **DerivationError) bool {
	for err != nil {
		if d, ok := err.(*DerivationError); ok {
			*target = d
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}

func evaluate(d *Derivation, unit model.Unit, places int32, signed bool) (Figure, error) {
	n, err := d.Eval()
	if err != nil {
		return Figure{}, err
	}
	return Figure{Valid: true, Value: model.Value{Num: n, Places: places, Unit: unit}, Signed: signed, Derived: d}, nil
}

func checkBasis(a, b model.Observation) error {
	if a.Basis != model.BasisUnstated && b.Basis != model.BasisUnstated && a.Basis != b.Basis {
		return ErrBasis
	}
	return nil
}

// YoY returns the year-on-year growth in percent of level cur over level
// prev, rounded half-up to places: ROUND((cur ÷ prev − 1) × 100, places).
// Magnitudes are converted exactly (万 and 亿 mix freely); different base
// units or stated price bases, a zero or negative base, or inputs that are
// not levels give an invalid Figure and a *DerivationError.
func YoY(cur, prev model.Observation, places int32) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr("YoY", cur, err); return invalid(e), e }
	switch {
	case cur.Kind != model.Level || prev.Kind != model.Level:
		return fail(fmt.Errorf("%w: YoY needs two levels, got %s and %s", ErrMissing, cur.Kind, prev.Kind))
	case !cur.Value.Unit.SameBase(prev.Value.Unit):
		return fail(ErrUnits)
	case checkBasis(cur, prev) != nil:
		return fail(ErrBasis)
	case prev.Value.Num.IsZero():
		return fail(ErrZeroBase)
	case prev.Value.Num.IsNegative():
		return fail(fmt.Errorf("%w: negative base", ErrImpossible))
	}
	dir, err := ratioDirection(cur.Value, prev.Value)
	if err != nil {
		return fail(err)
	}
	m := cur.Value.Unit.Mag
	d := &Derivation{
		Method:  "yoy",
		Formula: "(本期 ÷ 上年同期 − 1) × 100",
		Inputs:  []Input{input(cur, cur.Period.String()), input(prev, prev.Period.String())},
		Expr:    round(mul(sub(div(in(0), scaled(1, prev.Value.Unit.Mag, m)), numi(1)), numi(100)), places),
	}
	f, err := evaluate(d, model.Unit{Base: model.Percent}, places, true)
	if err != nil {
		return fail(err)
	}
	f.Value = qualify(f.Value, dir)
	return f, nil
}

// ImpliedPrevious returns the previous year's level implied by a level and
// its stated growth: level ÷ (1 + growth ÷ 100), in the level's unit and
// places, marked 约 (it is an estimate): 261.6亿元 growing 24.3% → 约210.5亿元.
func ImpliedPrevious(level, growth model.Observation) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr("implied previous", level, err); return invalid(e), e }
	switch {
	case level.Kind != model.Level || growth.Kind != model.Growth:
		return fail(fmt.Errorf("%w: needs a level and a growth rate", ErrMissing))
	case !growth.Value.Unit.IsPercent():
		return fail(ErrUnits)
	}
	g := growth.Value.Num
	if g.LessThanOrEqual(decimal.NewFromInt(-100)) {
		return fail(ErrZeroBase)
	}
	dir, err := ratioDirection(level.Value, growth.Value)
	if err != nil {
		return fail(err)
	}
	if dir == exact {
		dir = approx // the growth was rounded: the level before is an estimate
	}
	p := level.Value.Places
	d := &Derivation{
		Method:  "implied-previous",
		Formula: "本期 ÷ (1 + 增速 ÷ 100)",
		Inputs:  []Input{input(level, level.Period.String()), input(growth, "growth")},
		Expr:    round(div(in(0), add(numi(1), div(in(1), numi(100)))), p),
	}
	f, err := evaluate(d, level.Value.Unit, p, false)
	if err != nil {
		return fail(err)
	}
	f.Value = qualify(f.Value, dir)
	return f, nil
}

// Gap returns a − b in percentage points between two rates or growth rates
// (both in %), at the larger of their places: 6.5% vs 6.1% → +0.4个百分点.
func Gap(a, b model.Observation) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr("gap", a, err); return invalid(e), e }
	if !a.Value.Unit.IsPercent() || !b.Value.Unit.IsPercent() {
		return fail(ErrUnits)
	}
	if a.Kind != b.Kind {
		return fail(fmt.Errorf("%w: %s against %s", ErrUnits, a.Kind, b.Kind))
	}
	if err := checkBasis(a, b); err != nil {
		return fail(err)
	}
	dir, err := diffDirection(a.Value, b.Value)
	if err != nil {
		return fail(err)
	}
	p := max(a.Value.Places, b.Value.Places)
	d := &Derivation{
		Method:  "gap",
		Formula: "本地 − 比较地区",
		Inputs:  []Input{input(a, a.Region), input(b, b.Region)},
		Expr:    round(sub(in(0), in(1)), p),
	}
	f, err := evaluate(d, model.Unit{Base: model.Points}, p, true)
	if err != nil {
		return fail(err)
	}
	f.Value = qualify(f.Value, dir)
	return f, nil
}

// ImpliedOther returns the rate of the comparison region implied by a rate
// and its stated gap (this − other, in points): 3.8% and +1个百分点 → 2.8%;
// −5% and a smaller decline by 1.8个百分点 (+1.8) → −6.8%.
func ImpliedOther(rate, gap model.Observation) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr("implied other", rate, err); return invalid(e), e }
	if !rate.Value.Unit.IsPercent() || !gap.Value.Unit.IsPoints() {
		return fail(ErrUnits)
	}
	dir, err := diffDirection(rate.Value, gap.Value)
	if err != nil {
		return fail(err)
	}
	p := max(rate.Value.Places, gap.Value.Places)
	d := &Derivation{
		Method:  "implied-other",
		Formula: "本地 − 差距（百分点）",
		Inputs:  []Input{input(rate, rate.Region), input(gap, "gap")},
		Expr:    round(sub(in(0), in(1)), p),
	}
	f, err := evaluate(d, model.Unit{Base: model.Percent}, p, rate.Kind == model.Growth)
	if err != nil {
		return fail(err)
	}
	f.Value = qualify(f.Value, dir)
	return f, nil
}

// ShareOf returns part ÷ whole × 100 in percent, at places: a district's
// share of its city computed from two levels. A share above 100 % is
// ErrImpossible, a zero whole ErrZeroBase.
func ShareOf(part, whole model.Observation, places int32) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr("share", part, err); return invalid(e), e }
	switch {
	case part.Kind != model.Level || whole.Kind != model.Level:
		return fail(fmt.Errorf("%w: a share needs two levels", ErrMissing))
	case !part.Value.Unit.SameBase(whole.Value.Unit):
		return fail(ErrUnits)
	case whole.Value.Num.IsZero():
		return fail(ErrZeroBase)
	}
	if c, _ := part.Value.Cmp(whole.Value); c > 0 {
		return fail(fmt.Errorf("%w: part %s exceeds whole %s", ErrImpossible, part.Value, whole.Value))
	}
	dir, err := ratioDirection(part.Value, whole.Value)
	if err != nil {
		return fail(err)
	}
	m := part.Value.Unit.Mag
	d := &Derivation{
		Method:  "share",
		Formula: "部分 ÷ 全体 × 100",
		Inputs:  []Input{input(part, part.Region), input(whole, whole.Region)},
		Expr:    round(mul(div(in(0), scaled(1, whole.Value.Unit.Mag, m)), numi(100)), places),
	}
	f, err := evaluate(d, model.Unit{Base: model.Percent}, places, false)
	if err != nil {
		return fail(err)
	}
	f.Value = qualify(f.Value, dir)
	return f, nil
}

// ImpliedTotal returns the parent total implied by a part and its stated
// share: part ÷ (share ÷ 100), marked 约, in the part's unit: 967家 at 40% →
// 约2418家 (places: the part's).
func ImpliedTotal(part, share model.Observation) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr("implied total", part, err); return invalid(e), e }
	switch {
	case part.Kind != model.Level || share.Kind != model.Share:
		return fail(fmt.Errorf("%w: needs a level and a share", ErrMissing))
	case !share.Value.Unit.IsPercent():
		return fail(ErrUnits)
	case share.Value.Num.IsZero():
		return fail(ErrZeroBase)
	case share.Value.Num.IsNegative() || share.Value.Num.GreaterThan(decimal.NewFromInt(100)):
		return fail(fmt.Errorf("%w: share %s", ErrImpossible, share.Value))
	}
	dir, err := ratioDirection(part.Value, share.Value)
	if err != nil {
		return fail(err)
	}
	if dir == exact {
		dir = approx // the share was rounded: the total is an estimate
	}
	p := part.Value.Places
	d := &Derivation{
		Method:  "implied-total",
		Formula: "部分 ÷ (占比 ÷ 100)",
		Inputs:  []Input{input(part, part.Region), input(share, "share")},
		Expr:    round(div(in(0), div(in(1), numi(100))), p),
	}
	f, err := evaluate(d, part.Value.Unit, p, false)
	if err != nil {
		return fail(err)
	}
	f.Value = qualify(f.Value, dir)
	return f, nil
}
