package report

import (
	"fmt"

	"github.com/statbrief/statbrief/model"
)

// A published figure is either a figure — exact, or approximate (约, 左右,
// 近) — or a bound: a lower bound (超过, 突破, 逾, 余, 多, 以上) or an
// upper bound (以内, 以下). Derived figures carry what their inputs allow:
// a ratio of a lower bound over a figure is a lower bound (超过700家 ÷ 300家
// → 233.3%以上), a figure over a lower bound an upper bound (332天 ÷
// 300天以上 → growth 10.7%以内); approximate inputs make an approximate
// result (约); and where the bounds pull both ways the derivation has no
// answer: ErrBound, never a number that looks exact.

// direction is what a value says about the true number.
type direction int8

const (
	exact  direction = iota // the number as published
	approx                  // about the number (约, 左右, 近)
	lower                   // at least the number (超过, 余, 以上 …)
	upper                   // at most the number (以内, 以下)
)

func directionOf(v model.Value) direction {
	switch v.Qual {
	case model.About, model.Around, model.Nearly:
		return approx
	case model.Over, model.MoreThan, model.AtLeast:
		return lower
	case model.AtMost:
		return upper
	}
	return exact
}

// flip turns a lower bound into an upper one and back: what a bound in a
// denominator, or subtracted, does to the result.
func (d direction) flip() direction {
	switch d {
	case lower:
		return upper
	case upper:
		return lower
	}
	return d
}

// combine returns the direction of a result that rises with an input of
// direction a and with another of direction b; ok is false when the two
// pull in opposite ways or both are bounds of one kind whose combination
// the result cannot bound (a lower bound and an upper bound).
func combine(a, b direction) (direction, bool) {
	switch {
	case a == exact:
		return b, true
	case b == exact:
		return a, true
	case a == approx && b == approx:
		return approx, true
	case a == approx:
		return b, true // an estimate beside a bound: the bound, loosely
	case b == approx:
		return a, true
	case a == b:
		return a, true
	}
	return exact, false
}

// qualify returns v with the qualifier of direction d: 约, 以上, or 以内
// (以下 for a negative number).
func qualify(v model.Value, d direction) model.Value {
	v.QualBeforeMag = false
	switch d {
	case approx:
		v.Qual, v.Word = model.About, "约"
	case lower:
		v.Qual, v.Word = model.AtLeast, "以上"
	case upper:
		v.Qual, v.Word = model.AtMost, "以内"
		if v.Num.IsNegative() {
			v.Word = "以下" // -83.3%以下: at most −83.3 %, a decline of 83.3 % or more
		}
	default:
		v.Qual, v.Word = model.NoQualifier, ""
	}
	return v
}

// ratioDirection is the direction of num ÷ den (and of anything that rises
// with num and falls with den: growth, shares, completion).
func ratioDirection(num, den model.Value) (direction, error) {
	d, ok := combine(directionOf(num), directionOf(den).flip())
	if !ok {
		return exact, fmt.Errorf("%w: %s over %s", ErrBound, num, den)
	}
	return d, nil
}

// diffDirection is the direction of a − b.
func diffDirection(a, b model.Value) (direction, error) {
	d, ok := combine(directionOf(a), directionOf(b).flip())
	if !ok {
		return exact, fmt.Errorf("%w: %s minus %s", ErrBound, a, b)
	}
	return d, nil
}
