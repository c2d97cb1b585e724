package model

import (
	"errors"
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
	Unit   Unit            // base unit times magnitude: 万人
	Qual   Qualifier       // hedge: about, over, at most …
	// Word is the qualifier as written, simplified ("约", "突破", "余"); empty
	// when Qual is NoQualifier.
	Word string
	// QualBeforeMag places a 余/多 qualifier before the magnitude word, as in
	// "10余万人", rather than after it, as in "1.1万余户".
	QualBeforeMag bool
}

// NullValue is a Value that may be missing. Missing is not zero.
type NullValue struct {
	Value Value // the figure; meaningless when Valid is false
	Valid bool  // false when the value is missing
}

// Some returns a valid NullValue holding v.
func Some(v Value) NullValue { return NullValue{Value: v, Valid: true} }

// String returns the figure's canonical form, or "missing".
func (n NullValue) String() string {
	if !n.Valid {
		return "missing"
	}
	return n.Value.String()
}

// MaxPlaces bounds the decimal places that NewValue, Value.Rounded, Div and
// Value.Ratio round to, so that a wrong argument cannot make them build a
// huge number.
const MaxPlaces = 64

// clampPlaces limits places to [0, MaxPlaces].
func clampPlaces(places int32) int32 { return min(max(places, 0), MaxPlaces) }

// NewValue returns a Value of num in unit u with the given decimal places and
// no qualifier. The number is rounded half-up to places if it has more.
// Places below 0 mean 0 and places above MaxPlaces mean MaxPlaces.
func NewValue(num decimal.Decimal, places int32, u Unit) Value {
	places = clampPlaces(places)
	return Value{Num: RoundHalfUp(num, places), Places: places, Unit: u}
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

// defaultWord is the word String writes for a qualifier whose Word is empty.
var defaultWord = [...]string{"", "约", "近", "超过", "余", "以上", "以内", "左右"}

// word returns the qualifier word as String writes it: Word, or the default
// word of Qual when Word is empty.
func (v Value) word() string {
	if v.Word == "" && int(v.Qual) < len(defaultWord) {
		return defaultWord[v.Qual]
	}
	return v.Word
}

// String returns the canonical simplified figure, e.g. "约1.67亿元",
// "1.1万余户", "-1.6%", "1个百分点". ParseValue(v.String()) equals v for
// every Value ParseValue returns. A Value built in code with a qualifier
// but no Word is written with the qualifier's usual word (约, 近, 超过, 余,
// 以上, 以内, 左右).
func (v Value) String() string {
	b := make([]byte, 0, 32)
	prefix, mid, suffix := "", "", ""
	switch v.Qual {
	case About, Nearly, Over:
		prefix = v.word()
	case MoreThan:
		mid = v.word()
	case AtLeast, AtMost, Around:
		suffix = v.word()
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

// check reports what makes v a Value that ParseValue cannot return, so that
// it would not survive String and ParseValue: an unknown magnitude or base
// unit, a magnitude on percent or points, a number with more decimals than
// its places, an unknown qualifier or a word that is not one of its
// qualifier's words.
func (v Value) check() error {
	switch {
	case !v.Unit.Mag.valid():
		return fmt.Errorf("%w: magnitude %d", ErrUnknownUnit, v.Unit.Mag)
	case !KnownBaseUnit(v.Unit.Base):
		return fmt.Errorf("%w: base unit %q", ErrUnknownUnit, v.Unit.Base)
	case (v.Unit.Base == Percent || v.Unit.Base == Points) && v.Unit.Mag != One:
		return fmt.Errorf("%w: %s takes no magnitude", ErrUnknownUnit, v.Unit.Base)
	case v.Places < 0 || v.Places > MaxDigits:
		return fmt.Errorf("%w: %d decimal places", ErrSyntax, v.Places)
	case v.Num.Exponent() < -v.Places && !v.Num.Equal(v.Num.Round(v.Places)):
		return fmt.Errorf("%w: number %s has more than %d decimal places", ErrSyntax, decString(v.Num), v.Places)
	case int(v.Qual) >= len(defaultWord):
		return fmt.Errorf("%w: qualifier %s", ErrUnknownKind, v.Qual)
	case v.Word != "" && qualifierOf(v.Word) != v.Qual:
		return fmt.Errorf("%w: %q is not a word for qualifier %s", ErrSyntax, v.Word, v.Qual)
	case v.QualBeforeMag && (v.Qual != MoreThan || v.Unit.Mag == One):
		return fmt.Errorf("%w: QualBeforeMag needs 余/多 and a magnitude", ErrSyntax)
	}
	return nil
}

// Equal reports whether v and w are the same figure as published: same
// number, places, unit, qualifier and word (an empty Word counts as the
// qualifier's usual word, as String writes it). Use Cmp to compare
// quantities.
func (v Value) Equal(w Value) bool {
	return v.Num.Equal(w.Num) && v.Places == w.Places && v.Unit == w.Unit &&
		v.Qual == w.Qual && v.word() == w.word() && v.QualBeforeMag == w.QualBeforeMag
}

// In converts v exactly to magnitude m of the same base unit. The number is
// shifted, never rounded, and the places follow the shift: 11.11万人 in Yi is
// 0.001111亿人 (places 2 + 4), and back in Wan it is 11.11万人 again. Places
// cannot go below 0: 11.11万人 in One is 111100人 with places 0, not −2, so
// a value converted to a larger unit and back may show trailing zeros
// (11.1100万人) that were not published. Percent and percentage points take
// no magnitude (ErrMixedUnits); an unknown magnitude is ErrUnknownUnit.
func (v Value) In(m Magnitude) (Value, error) {
	if !m.valid() {
		return Value{}, fmt.Errorf("model: convert %s to magnitude %d: %w", v, m, ErrUnknownUnit)
	}
	if !v.Unit.Mag.valid() {
		return Value{}, fmt.Errorf("model: convert %s from magnitude %d: %w", v, v.Unit.Mag, ErrUnknownUnit)
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
// magnitudes exactly; qualifiers and places are ignored (约4.29亿元 is above
// 超过4亿元). It returns −1, 0 or +1, or ErrMixedUnits across base units.
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

// Ratio returns v ÷ w rounded half-up to places decimal places (negative
// places round to tens, hundreds …), magnitudes converted exactly. It never
// panics and never returns a number for a bad quotient: the error wraps
// ErrMixedUnits across base units, ErrZeroDivisor (and, for callers of
// earlier versions, ErrImpossible) when w is zero, and ErrTooLong when
// |places| > MaxPlaces.
func (v Value) Ratio(w Value, places int32) (decimal.Decimal, error) {
	if !v.Unit.SameBase(w.Unit) {
		return decimal.Decimal{}, fmt.Errorf("model: divide %s by %s: %w", v, w, ErrMixedUnits)
	}
	q, err := Div(v.Base(), w.Base(), places)
	if err != nil {
		if errors.Is(err, ErrZeroDivisor) {
			err = fmt.Errorf("%w: %w", ErrZeroDivisor, ErrImpossible)
		}
		return decimal.Decimal{}, fmt.Errorf("model: divide %s by %s: %w", v, w, err)
	}
	return q, nil
}

// Rounded returns v rounded half-up to places for display. The places of the
// result are places, limited to [0, MaxPlaces]: a negative places rounds to
// a whole number, it does not round to tens.
func (v Value) Rounded(places int32) Value {
	places = clampPlaces(places)
	out := v
	out.Num = RoundHalfUp(v.Num, places)
	out.Places = places
	return out
}

// RoundHalfUp rounds d half away from zero to places decimal places, as
// statistical bulletins do: 1.25 → 1.3, −1.25 → −1.3, 0.045 → 0.05. A
// negative places rounds to tens, hundreds …: 125 at −1 is 130. The result
// is never a negative zero. Any places is safe: rounding 1.5 to 10⁹ places
// returns 1.5 without writing 10⁹ zeros.
func RoundHalfUp(d decimal.Decimal, places int32) decimal.Decimal {
	switch {
	case places > MaxPlaces && int64(places) >= -int64(d.Exponent()):
		return d // already exact to places; Round would only append zeros
	case places < -MaxPlaces && -int64(places) > int64(d.NumDigits())+int64(d.Exponent()):
		return decimal.Zero // |d| < 10^−(places+1): rounds to zero
	}
	return d.Round(places) // decimal.Round rounds half away from zero
}

// maxDivScale bounds the power of ten Div scales an operand by.
const maxDivScale = 4096

// Div returns a ÷ b rounded half away from zero to places decimal places
// (negative places round to tens, hundreds …), computed exactly from the
// operands, never with decimal.DivisionPrecision. A zero divisor is an error
// wrapping ErrZeroDivisor, never a panic and never a number; |places| above
// MaxPlaces, or operands whose exponents lie thousands of powers of ten
// apart, are ErrTooLong.
func Div(a, b decimal.Decimal, places int32) (decimal.Decimal, error) {
	if b.IsZero() {
		return decimal.Decimal{}, fmt.Errorf("model: divide %s by zero: %w", decString(a), ErrZeroDivisor)
	}
	if places > MaxPlaces || places < -MaxPlaces {
		return decimal.Decimal{}, fmt.Errorf("model: divide %s by %s to %d places: %w", decString(a), decString(b), places, ErrTooLong)
	}
	// The exact quotient scales one operand by 10^e; bound e so that
	// operands built with absurd exponents cannot make it huge.
	if e := int64(a.Exponent()) - int64(b.Exponent()) + int64(places); e > maxDivScale || e < -maxDivScale {
		return decimal.Decimal{}, fmt.Errorf("model: divide %s by %s: exponents too far apart: %w", decString(a), decString(b), ErrTooLong)
	}
	// shopspring's DivRound rounds the exact quotient half away from zero.
	return a.DivRound(b, places), nil
}

// decString formats d for an error message: plainly when that is short,
// else as coefficient and exponent (1e-1073741824 is not written out).
func decString(d decimal.Decimal) string {
	if e := d.Exponent(); e > MaxPlaces || e < -MaxPlaces {
		return fmt.Sprintf("%se%d", d.Coefficient(), e)
	}
	return d.String()
}

var hundred = decimal.NewFromInt(100)
