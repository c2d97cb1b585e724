package model

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Qualifier is the hedge word a published figure carries: 约 (about), 超过
// (over), 以内 (within) … It is part of the figure: "约1.67亿元" is not 1.67亿元.
type Qualifier uint8

// The qualifiers the model knows. The comment gives the words that map to each.
const (
	NoQualifier Qualifier = iota
	About                 // 约 / 約 / 大约: about
	Nearly                // 近 / 将近 / 接近: nearly (a little less)
	Over                  // 超过 / 超過 / 突破 / 逾: over
	MoreThan              // 余 / 餘 / 多: odd, more than (after the number)
	AtLeast               // 以上: or more
	AtMost                // 以内 / 以內 / 以下: within, or less
	Around                // 左右: around
)

var qualifierEnglish = [...]string{"", "about", "nearly", "over", "more than", "at least", "at most", "around"}

// English returns the English hedge word ("about", "over" …), "" for none.
func (q Qualifier) English() string {
	if int(q) < len(qualifierEnglish) {
		return qualifierEnglish[q]
	}
	return ""
}

// String returns the English name of the qualifier, for debugging: "none"
// for NoQualifier, "invalid(N)" for a value the model does not know.
func (q Qualifier) String() string {
	switch {
	case q == NoQualifier:
		return "none"
	case int(q) >= len(qualifierEnglish):
		return fmt.Sprintf("invalid(%d)", uint8(q))
	}
	return q.English()
}

// Value is a published figure: an exact decimal number with the number of
// decimal places it was published with, a unit, and an optional qualifier
// with the word it was written with.
//
// Values are compared and converted exactly; they never pass through float64.
// The zero Value is the dimensionless number 0 with no places.
type Value struct {
	Num    decimal.Decimal // the number in Unit (so 11.11万人 holds 11.11, not 111100)
	Places int32           // decimal places as published: "2.0" has 1
	Unit   Unit
	Qual   Qualifier
	// Word is the qualifier as written, simplified ("约", "突破", "余"); empty
	// when Qual is NoQualifier.
	Word string
	// QualBeforeMag places a 余/多 qualifier before the magnitude word, as in
	// "10余万人", rather than after it, as in "1.1万余户".
	QualBeforeMag bool
}

// NullValue is a Value that may be missing. Missing is not zero.
type NullValue struct {
	Value Value
	Valid bool // false when the value is missing
}

// Some returns a valid NullValue holding v.
func Some(v Value) NullValue { return NullValue{Value: v, Valid: true} }

// NewValue returns a Value of num in unit u with the given decimal places and
// no qualifier. The number is rounded half-up to places if it has more.
func NewValue(num decimal.Decimal, places int32, u Unit) Value {
	if places < 0 {
		places = 0
	}
	return Value{Num: num.Round(places), Places: places, Unit: u}
}

// MustParse is like ParseValue but panics on error. It is meant for tests,
// examples and package-level literals whose text is fixed.
func MustParse(s string) Value {
	v, err := ParseValue(s)
	if err != nil {
		panic(err)
	}
	return v
}

// String returns the canonical simplified figure, e.g. "约1.67亿元",
// "1.1万余户", "-1.6%", "1个百分点". ParseValue(v.String()) equals v.
func (v Value) String() string {
	b := make([]byte, 0, 32)
	prefix, mid, suffix := "", "", ""
	switch v.Qual {
	case About, Nearly, Over:
		prefix = v.Word
	case MoreThan:
		mid = v.Word
	case AtLeast, AtMost, Around:
		suffix = v.Word
	}
	b = append(b, prefix...)
	b = append(b, v.Num.StringFixed(v.Places)...)
	if v.QualBeforeMag {
		b = append(b, mid...)
		b = append(b, v.Unit.Mag.String()...)
	} else {
		b = append(b, v.Unit.Mag.String()...)
		b = append(b, mid...)
	}
	if v.Unit.Base == Points {
		b = append(b, "个百分点"...)
	} else {
		b = append(b, v.Unit.Base...)
	}
	b = append(b, suffix...)
	return string(b)
}

// Equal reports whether v and w are the same figure as published: same
// number, places, unit, qualifier and word.
func (v Value) Equal(w Value) bool {
	return v.Num.Equal(w.Num) && v.Places == w.Places && v.Unit == w.Unit &&
		v.Qual == w.Qual && v.Word == w.Word && v.QualBeforeMag == w.QualBeforeMag
}

// In converts v exactly to magnitude m of the same base unit: 11.11万人 in One
// is 111100人 (places follow the shift: 2 − 4 → 0).
func (v Value) In(m Magnitude) (Value, error) {
	if !m.valid() {
		return Value{}, fmt.Errorf("model: convert %s to magnitude %d: %w", v, m, ErrUnknownUnit)
	}
	if v.Unit.Base == Percent || v.Unit.Base == Points {
		if m != One {
			return Value{}, fmt.Errorf("model: convert %s to %s: %w", v, m, ErrMixedUnits)
		}
		return v, nil
	}
	shift := int32(v.Unit.Mag) - int32(m)
	out := v
	out.Num = v.Num.Shift(shift)
	out.Places = v.Places - shift
	if out.Places < 0 {
		out.Places = 0
	}
	out.Unit.Mag = m
	if m == One {
		out.QualBeforeMag = false
	}
	return out, nil
}

// Base returns the number in the base unit (magnitude One), exactly.
func (v Value) Base() decimal.Decimal { return v.Num.Shift(int32(v.Unit.Mag)) }

// Cmp compares v and w as quantities of the same base unit, converting
// magnitudes exactly. It returns ErrMixedUnits across base units.
func (v Value) Cmp(w Value) (int, error) {
	if !v.Unit.SameBase(w.Unit) {
		return 0, fmt.Errorf("model: compare %s with %s: %w", v, w, ErrMixedUnits)
	}
	return v.Base().Cmp(w.Base()), nil
}

// Sub returns v − w as an exact decimal in v's unit (magnitudes converted).
// It returns ErrMixedUnits across base units.
func (v Value) Sub(w Value) (decimal.Decimal, error) {
	if !v.Unit.SameBase(w.Unit) {
		return decimal.Decimal{}, fmt.Errorf("model: subtract %s from %s: %w", w, v, ErrMixedUnits)
	}
	return v.Base().Sub(w.Base()).Shift(-int32(v.Unit.Mag)), nil
}

// Ratio returns v ÷ w rounded half-up to places decimal places, magnitudes
// converted exactly. It returns ErrMixedUnits across base units and
// ErrImpossible when w is zero; it never panics.
func (v Value) Ratio(w Value, places int32) (decimal.Decimal, error) {
	if !v.Unit.SameBase(w.Unit) {
		return decimal.Decimal{}, fmt.Errorf("model: divide %s by %s: %w", v, w, ErrMixedUnits)
	}
	d := w.Base()
	if d.IsZero() {
		return decimal.Decimal{}, fmt.Errorf("model: divide %s by %s: zero divisor: %w", v, w, ErrImpossible)
	}
	return DivRound(v.Base(), d, places), nil
}

// Rounded returns v rounded half-up to places for display (places ≥ 0). The
// places of the result are places.
func (v Value) Rounded(places int32) Value {
	if places < 0 {
		places = 0
	}
	out := v
	out.Num = RoundHalfUp(v.Num, places)
	out.Places = places
	return out
}

// RoundHalfUp rounds d half away from zero to places decimal places, as
// statistical bulletins do: 1.25 → 1.3, −1.25 → −1.3.
func RoundHalfUp(d decimal.Decimal, places int32) decimal.Decimal {
	return d.Round(places) // decimal.Round rounds half away from zero
}

// DivRound returns a ÷ b rounded half away from zero to places decimal
// places. It uses an explicit precision (never decimal.DivisionPrecision) and
// returns zero for a zero divisor instead of panicking: callers must check
// the divisor first where zero has a meaning.
func DivRound(a, b decimal.Decimal, places int32) decimal.Decimal {
	if b.IsZero() {
		return decimal.Zero
	}
	// DivRound in shopspring rounds half away from zero on the exact quotient.
	return a.DivRound(b, places)
}

var hundred = decimal.NewFromInt(100)
