package report

import (
	"errors"
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

// reasons are the sentinels a Figure's Reason names, most specific
// first, with the Chinese a Chinese document shows for each.
var reasons = []struct {
	err error
	zh  string
}{
	{ErrPlaces, "小数位数超出范围"},
	{ErrPartialPeriod, "仅有部分时期的数据"},
	{ErrPeriod, "时期不可比"},
	{ErrSubject, "指标或区域不同"},
	{ErrIncomparable, "数据不可比"},
	{ErrZeroBase, "基数为零"},
	{ErrUnits, "单位不同"},
	{ErrBasis, "价格口径不同"},
	{ErrBound, "区间数，无法推算"},
	{ErrImpossible, "数据不合理"},
	{ErrMissing, "缺少数据"},
	{ErrNotAssessable, "无法评估"},
}

// reasonOf is the Reason of a figure that err kept from being made: the
// message of the most specific sentinel err wraps ("not assessable: zero
// base"), without the figures involved, which the error itself names, so
// that a reason is the same words in every document; for an error of no
// known sentinel, its message.
func reasonOf(err error) string {
	if err == nil {
		return ""
	}
	for _, r := range reasons {
		if errors.Is(err, r.err) {
			return r.err.Error()
		}
	}
	return err.Error()
}

// localReason is reason (from reasonOf) in the document's language.
func (b *builder) localReason(reason string) string {
	if b.lang == English || reason == "" {
		return reason
	}
	for _, r := range reasons {
		if r.err.Error() == reason {
			return r.zh
		}
	}
	return "无法评估"
}

func evaluate(d *Derivation, unit model.Unit, places int32, signed bool) (Figure, error) {
	if places < 0 || places > MaxPlaces {
		return Figure{}, fmt.Errorf("%w: %d (0 to %d)", ErrPlaces, places, MaxPlaces)
	}
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

// sameSubject reports ErrSubject unless a and b are figures of one
// indicator and one region.
func sameSubject(a, b model.Observation) error {
	if a.Indicator != b.Indicator || a.Region != b.Region {
		return fmt.Errorf("%w: %s of %s against %s of %s", ErrSubject, a.Indicator, a.Region, b.Indicator, b.Region)
	}
	return nil
}

// samePeriod reports ErrPeriod unless a and b are figures of one period.
func samePeriod(a, b model.Observation) error {
	if a.Period != b.Period {
		return fmt.Errorf("%w: %s against %s", ErrPeriod, a.Period, b.Period)
	}
	return nil
}

// yearBefore reports ErrPeriod unless prev is of the same span as cur one
// year earlier: 2019 for 2020, 2019Q1 for 2020Q1, ytd:2019-12-mid for
// ytd:2020-12-mid — never a year against a quarter, a part of a year or a
// year four years before.
func yearBefore(cur, prev model.Observation) error {
	if !cur.Period.Valid() || prev.Period != cur.Period.Prev() {
		return fmt.Errorf("%w: %s against %s, not the same span a year earlier", ErrPeriod, cur.Period, prev.Period)
	}
	return nil
}

// YoY returns the year-on-year growth in percent of level cur over level
// prev, rounded half-up to places: ROUND((cur ÷ prev − 1) × 100, places).
// Magnitudes are converted exactly (万 and 亿 mix freely). It refuses,
// with an invalid Figure and a *DerivationError, what cannot be compared:
// inputs that are not levels (ErrMissing), of different indicators or
// regions (ErrSubject), of periods that are not the same span one year
// apart (ErrPeriod: a quarter against a year, a level to 11 May against a
// whole year, two years four apart), in different base units (ErrUnits)
// or stated price bases (ErrBasis); a zero base is ErrZeroBase, a negative
// one ErrImpossible.
func YoY(cur, prev model.Observation, places int32) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr("YoY", cur, err); return invalid(e), e }
	if cur.Kind != model.Level || prev.Kind != model.Level {
		return fail(fmt.Errorf("%w: YoY needs two levels, got %s and %s", ErrMissing, cur.Kind, prev.Kind))
	}
	if err := sameSubject(cur, prev); err != nil {
		return fail(err)
	}
	if err := yearBefore(cur, prev); err != nil {
		return fail(err)
	}
	return growth("YoY", "yoy", cur, prev, places)
}

// growthOver returns the growth in percent of level cur over level base
// across a span of whole years (2016 to 2020), for a stated growth over a
// multi-year period: the same as YoY, but for years any distance apart.
func growthOver(cur, base model.Observation, places int32) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr("growth", cur, err); return invalid(e), e }
	switch {
	case cur.Kind != model.Level || base.Kind != model.Level:
		return fail(fmt.Errorf("%w: a growth needs two levels, got %s and %s", ErrMissing, cur.Kind, base.Kind))
	case cur.Period.Kind != model.Year || base.Period.Kind != model.Year || base.Period.Year >= cur.Period.Year:
		return fail(fmt.Errorf("%w: %s against %s, not two years in order", ErrPeriod, cur.Period, base.Period))
	}
	if err := sameSubject(cur, base); err != nil {
		return fail(err)
	}
	return growth("growth", "growth-span", cur, base, places)
}

// growth is ROUND((cur ÷ prev − 1) × 100, places) of two levels already
// known to be comparable in subject and period.
func growth(op, method string, cur, prev model.Observation, places int32) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr(op, cur, err); return invalid(e), e }
	switch {
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
		Method:  method,
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

// changeOf returns cur − prev in percentage points for two rates (or two
// shares of the same region) of one indicator and region a year apart:
// 2.65 % against 2.3 % → +0.35个百分点.
func changeOf(cur, prev model.Observation) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr("change", cur, err); return invalid(e), e }
	switch {
	case !cur.Value.Unit.IsPercent() || !prev.Value.Unit.IsPercent():
		return fail(ErrUnits)
	case cur.Kind != prev.Kind || (cur.Kind != model.Rate && cur.Kind != model.Share):
		return fail(fmt.Errorf("%w: %s against %s", ErrUnits, cur.Kind, prev.Kind))
	case cur.Ref != prev.Ref:
		return fail(fmt.Errorf("%w: shares of %s and of %s", ErrSubject, cur.Ref, prev.Ref))
	}
	if err := sameSubject(cur, prev); err != nil {
		return fail(err)
	}
	if err := yearBefore(cur, prev); err != nil {
		return fail(err)
	}
	if err := checkBasis(cur, prev); err != nil {
		return fail(err)
	}
	return points("change", cur, prev)
}

// points is a − b in percentage points at the larger of their places.
func points(method string, a, b model.Observation) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr(method, a, err); return invalid(e), e }
	dir, err := diffDirection(a.Value, b.Value)
	if err != nil {
		return fail(err)
	}
	p := max(a.Value.Places, b.Value.Places)
	d := &Derivation{
		Method:  method,
		Formula: "本地 − 比较地区",
		Inputs:  []Input{input(a, a.Region), input(b, b.Region)},
		Expr:    round(sub(in(0), in(1)), p),
	}
	if method == "change" {
		d.Inputs = []Input{input(a, a.Period.String()), input(b, b.Period.String())}
	}
	f, err := evaluate(d, model.Unit{Base: model.Points}, p, true)
	if err != nil {
		return fail(err)
	}
	f.Value = qualify(f.Value, dir)
	return f, nil
}

// ImpliedPrevious returns the previous year's level implied by a level and
// its stated growth: level ÷ (1 + growth ÷ 100), in the level's unit and
// places, marked 约 (it is an estimate): 261.6亿元 growing 24.3% → 约210.5亿元.
// The growth must be of the level's indicator, region and period
// (ErrSubject, ErrPeriod otherwise).
func ImpliedPrevious(level, growth model.Observation) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr("implied previous", level, err); return invalid(e), e }
	switch {
	case level.Kind != model.Level || growth.Kind != model.Growth:
		return fail(fmt.Errorf("%w: needs a level and a growth rate", ErrMissing))
	case !growth.Value.Unit.IsPercent():
		return fail(ErrUnits)
	}
	if err := sameSubject(level, growth); err != nil {
		return fail(err)
	}
	if err := samePeriod(level, growth); err != nil {
		return fail(err)
	}
	if err := checkBasis(level, growth); err != nil {
		return fail(err)
	}
	g := growth.Value.Num
	switch {
	case g.Equal(decimal.NewFromInt(-100)):
		return fail(ErrZeroBase) // a fall of 100 % leaves nothing to divide by
	case g.LessThan(decimal.NewFromInt(-100)):
		return fail(fmt.Errorf("%w: a fall of more than 100%% (%s)", ErrImpossible, growth.Value))
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
// (both in %, of one kind) of one period, at the larger of their places:
// 6.5% vs 6.1% → +0.4个百分点. The two are usually one indicator in two
// regions; one region's figures of two indicators (income growth against
// GDP growth) may be compared too, but not a figure with itself
// (ErrSubject). Figures of different periods are ErrPeriod: a change of
// a rate on the year before is not a gap.
func Gap(a, b model.Observation) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr("gap", a, err); return invalid(e), e }
	if !a.Value.Unit.IsPercent() || !b.Value.Unit.IsPercent() {
		return fail(ErrUnits)
	}
	if a.Kind != b.Kind {
		return fail(fmt.Errorf("%w: %s against %s", ErrUnits, a.Kind, b.Kind))
	}
	if a.Indicator == b.Indicator && a.Region == b.Region {
		return fail(fmt.Errorf("%w: %s of %s against itself", ErrSubject, a.Indicator, a.Region))
	}
	if err := samePeriod(a, b); err != nil {
		return fail(err)
	}
	if err := checkBasis(a, b); err != nil {
		return fail(err)
	}
	return points("gap", a, b)
}

// ImpliedOther returns the rate of the comparison region implied by a rate
// and its stated gap (this − other, in points): 3.8% and +1个百分点 → 2.8%;
// −5% and a smaller decline by 1.8个百分点 (+1.8) → −6.8%. The gap must be
// the rate's own — same indicator, region, period and measure.
func ImpliedOther(rate, gap model.Observation) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr("implied other", rate, err); return invalid(e), e }
	if !rate.Value.Unit.IsPercent() || !gap.Value.Unit.IsPoints() {
		return fail(ErrUnits)
	}
	if gap.Kind != model.Gap {
		return fail(fmt.Errorf("%w: needs a gap, got %s", ErrMissing, gap.Kind))
	}
	if gap.Measure != model.InvalidKind && gap.Measure != rate.Kind {
		return fail(fmt.Errorf("%w: a gap of %s against a %s", ErrUnits, gap.Measure, rate.Kind))
	}
	if err := sameSubject(rate, gap); err != nil {
		return fail(err)
	}
	if err := samePeriod(rate, gap); err != nil {
		return fail(err)
	}
	if err := checkBasis(rate, gap); err != nil {
		return fail(err)
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
// share of its city computed from two levels of one indicator and period
// in two regions (ErrSubject, ErrPeriod otherwise). A share above 100 % is
// ErrImpossible, a zero whole ErrZeroBase.
func ShareOf(part, whole model.Observation, places int32) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr("share", part, err); return invalid(e), e }
	switch {
	case part.Kind != model.Level || whole.Kind != model.Level:
		return fail(fmt.Errorf("%w: a share needs two levels", ErrMissing))
	case part.Indicator != whole.Indicator || part.Region == whole.Region:
		return fail(fmt.Errorf("%w: a share needs one indicator in two regions, got %s of %s and %s of %s",
			ErrSubject, part.Indicator, part.Region, whole.Indicator, whole.Region))
	case part.Period != whole.Period:
		return fail(fmt.Errorf("%w: %s against %s", ErrPeriod, part.Period, whole.Period))
	case !part.Value.Unit.SameBase(whole.Value.Unit):
		return fail(ErrUnits)
	case checkBasis(part, whole) != nil:
		return fail(ErrBasis)
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
// 约2418家 (places: the part's). The share must be the part's own: same
// indicator, region and period.
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
	if err := sameSubject(part, share); err != nil {
		return fail(err)
	}
	if err := samePeriod(part, share); err != nil {
		return fail(err)
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

// changeInputs checks a level and its stated change on the year before
// (332天, 增加30天) for PreviousFromChange and GrowthFromChange.
func changeInputs(level, change model.Observation) error {
	switch {
	case level.Kind != model.Level || change.Kind != model.Change:
		return fmt.Errorf("%w: needs a level and a change", ErrMissing)
	case !level.Value.Unit.SameBase(change.Value.Unit) || level.Value.Unit.IsPercent():
		return ErrUnits
	}
	if err := sameSubject(level, change); err != nil {
		return err
	}
	return samePeriod(level, change)
}

// changePlaces is the places of level − change in the level's magnitude:
// the finer of the two, never more than two beyond the level's.
func changePlaces(level, change model.Value) int32 {
	m := level.Unit.Mag
	p := max(level.Places, min(change.Places-int32(change.Unit.Mag)+int32(m), level.Places+2))
	return min(max(p, 0), model.MaxPlaces)
}

// PreviousFromChange returns the previous year's level implied by a level
// and its stated change on the year before: level − change, in the level's
// unit. Unlike ImpliedPrevious it is exact when both are: 332天 with
// 同比增加30天 gives 302天, not 约302天. The change must be the level's own
// (indicator, region, period) and in its base unit.
func PreviousFromChange(level, change model.Observation) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr("previous from change", level, err); return invalid(e), e }
	if err := changeInputs(level, change); err != nil {
		return fail(err)
	}
	dir, err := diffDirection(level.Value, change.Value)
	if err != nil {
		return fail(err)
	}
	m := level.Value.Unit.Mag
	p := changePlaces(level.Value, change.Value)
	d := &Derivation{
		Method:  "previous-from-change",
		Formula: "本期 − 增减",
		Inputs:  []Input{input(level, level.Period.String()), input(change, "change")},
		Expr:    round(sub(in(0), scaled(1, change.Value.Unit.Mag, m)), p),
	}
	// the difference is exact: show it with the places it needs, never
	// fewer than the level's (1.2亿 less 2000万 is 1.0亿, not 1.000亿)
	if n, err := d.Eval(); err == nil {
		p = max(level.Value.Places, min(p, placesNeeded(n)))
		d.Expr = round(sub(in(0), scaled(1, change.Value.Unit.Mag, m)), p)
	}
	f, err := evaluate(d, level.Value.Unit, p, false)
	if err != nil {
		return fail(err)
	}
	if f.Value.Num.IsNegative() {
		return fail(fmt.Errorf("%w: %s less %s is negative", ErrImpossible, level.Value, change.Value))
	}
	f.Value = qualify(f.Value, dir)
	return f, nil
}

// GrowthFromChange returns the growth in percent of a level over the year
// before, from the level and its stated change: ROUND((level ÷ (level −
// change) − 1) × 100, places); 332天, 增加30天 → +9.9%. Bounds are refused
// (ErrBound): the growth rises with the change but falls with the level, so
// no bound of either bounds it; approximate inputs make it approximate.
func GrowthFromChange(level, change model.Observation, places int32) (Figure, error) {
	fail := func(err error) (Figure, error) { e := derr("growth from change", level, err); return invalid(e), e }
	if err := changeInputs(level, change); err != nil {
		return fail(err)
	}
	dir, ok := combine(directionOf(level.Value), directionOf(change.Value))
	if !ok || dir == lower || dir == upper {
		return fail(fmt.Errorf("%w: %s with a change of %s", ErrBound, level.Value, change.Value))
	}
	m := level.Value.Unit.Mag
	prev := sub(in(0), scaled(1, change.Value.Unit.Mag, m))
	d := &Derivation{
		Method:  "growth-from-change",
		Formula: "（本期 ÷ （本期 − 增减） − 1）× 100",
		Inputs:  []Input{input(level, level.Period.String()), input(change, "change")},
		Expr:    round(mul(sub(div(in(0), prev), numi(1)), numi(100)), places),
	}
	base, err := (&Derivation{Inputs: d.Inputs, Expr: prev}).Eval()
	switch {
	case err != nil:
		return fail(err)
	case base.IsZero():
		return fail(ErrZeroBase)
	case base.IsNegative():
		return fail(fmt.Errorf("%w: negative base", ErrImpossible))
	}
	f, err := evaluate(d, model.Unit{Base: model.Percent}, places, true)
	if err != nil {
		return fail(err)
	}
	f.Value = qualify(f.Value, dir)
	return f, nil
}
