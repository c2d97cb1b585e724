package model

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestValueIn(t *testing.T) {
	tests := []struct {
		in   string
		to   Magnitude
		want string // canonical String of the result
	}{
		{"11.11万人", Yi, "0.001111亿人"},
		{"0.001111亿人", Wan, "11.11万人"},
		{"11.11万人", One, "111100人"}, // places 2 − 4 < 0: kept at 0
		{"111100人", Wan, "11.1100万人"},
		{"261.6亿元", Wan, "2616000万元"},
		{"2616000万元", Yi, "261.6000亿元"},
		{"261.6亿元", WanYi, "0.02616万亿元"},
		{"2.1万亿元", Yi, "21000亿元"},
		{"2.1万亿元", One, "2100000000000元"},
		{"约1.67亿元", Wan, "约16700万元"},
		{"1.1万余户", One, "11000余户"},
		{"10余万人", One, "100000余人"},
		{"-1.5亿元", Wan, "-15000万元"},
		{"3.66亿吨", Yi, "3.66亿吨"},
		{"0", Wan, "0.0000万"},
		{"3.8%", One, "3.8%"},
		{"1个百分点", One, "1个百分点"},
	}
	for _, tt := range tests {
		v := MustParse(tt.in)
		got, err := v.In(tt.to)
		if err != nil {
			t.Errorf("%s.In(%v): %v", tt.in, tt.to, err)
			continue
		}
		if got.String() != tt.want {
			t.Errorf("%s.In(%v) = %s, want %s", tt.in, tt.to, got, tt.want)
		}
		if got.Places < 0 {
			t.Errorf("%s.In(%v) has places %d", tt.in, tt.to, got.Places)
		}
		if c, err := got.Cmp(v); err != nil || c != 0 {
			t.Errorf("%s.In(%v) = %s is not the same quantity (%d, %v)", tt.in, tt.to, got, c, err)
		}
		if !got.Base().Equal(v.Base()) {
			t.Errorf("%s.In(%v).Base() = %s, want %s", tt.in, tt.to, got.Base(), v.Base())
		}
		back, err := ParseValue(got.String())
		if err != nil || !back.Equal(got) {
			t.Errorf("%s.In(%v) = %s does not round-trip: %v", tt.in, tt.to, got, err)
		}
	}
}

func TestValueInErrors(t *testing.T) {
	tests := []struct {
		in  Value
		to  Magnitude
		err error
	}{
		{MustParse("3.8%"), Wan, ErrMixedUnits},
		{MustParse("1个百分点"), Yi, ErrMixedUnits},
		{MustParse("1万人"), Magnitude(3), ErrUnknownUnit},
		{MustParse("1万人"), Magnitude(-4), ErrUnknownUnit},
		{Value{Num: dec("1"), Unit: Unit{Base: "人", Mag: 5}}, One, ErrUnknownUnit},
	}
	for _, tt := range tests {
		got, err := tt.in.In(tt.to)
		if !errors.Is(err, tt.err) {
			t.Errorf("%#v.In(%d) = %v, %v; want %v", tt.in, tt.to, got, err, tt.err)
		}
	}
}

func TestValueBase(t *testing.T) {
	for in, want := range map[string]string{
		"11.11万人": "111100", "约1.67亿元": "167000000", "2.1万亿元": "2100000000000",
		"20793.61万件": "207936100", "3.8%": "3.8", "-0.5个百分点": "-0.5", "0.0001万元": "1",
	} {
		if got := MustParse(in).Base(); !got.Equal(dec(want)) {
			t.Errorf("%s.Base() = %s, want %s", in, got, want)
		}
	}
}

func TestValueCmpSub(t *testing.T) {
	tests := []struct {
		a, b string
		cmp  int
		sub  string // a − b in a's unit
	}{
		{"11.11万人", "111100人", 0, "0"},
		{"1.67亿元", "5210.11万元", 1, "1.148989"},
		{"5210.11万元", "1.67亿元", -1, "-11489.89"},
		{"2.1万亿元", "21000亿元", 0, "0"},
		{"约4.29亿元", "超过4亿元", 1, "0.29"}, // qualifiers do not change the quantity
		{"3.8%", "2.1%", 1, "1.7"},
		{"-1.6%", "2.1%", -1, "-3.7"},
		{"1.8个百分点", "0.4个百分点", 1, "1.4"},
		{"0", "0.000", 0, "0"},
	}
	for _, tt := range tests {
		a, b := MustParse(tt.a), MustParse(tt.b)
		c, err := a.Cmp(b)
		if err != nil || c != tt.cmp {
			t.Errorf("%s.Cmp(%s) = %d, %v; want %d", tt.a, tt.b, c, err, tt.cmp)
		}
		d, err := a.Sub(b)
		if err != nil || !d.Equal(dec(tt.sub)) {
			t.Errorf("%s.Sub(%s) = %s, %v; want %s", tt.a, tt.b, d, err, tt.sub)
		}
	}
}

// TestMixedUnits checks that arithmetic across base units is an error and
// never a number.
func TestMixedUnits(t *testing.T) {
	pairs := [][2]string{
		{"11.11万人", "11.11万户"}, {"3.8%", "1个百分点"}, {"1亿元", "1亿美元"}, {"3.66亿吨", "264.8亿吨公里"},
		{"5", "5人"}, {"21.8件", "5件/万人"}, {"1200元/人·月", "1200元"},
	}
	for _, p := range pairs {
		a, b := MustParse(p[0]), MustParse(p[1])
		if c, err := a.Cmp(b); !errors.Is(err, ErrMixedUnits) || c != 0 {
			t.Errorf("%s.Cmp(%s) = %d, %v; want ErrMixedUnits", p[0], p[1], c, err)
		}
		if d, err := a.Sub(b); !errors.Is(err, ErrMixedUnits) || !d.IsZero() {
			t.Errorf("%s.Sub(%s) = %s, %v; want ErrMixedUnits", p[0], p[1], d, err)
		}
		if d, err := a.Ratio(b, 2); !errors.Is(err, ErrMixedUnits) || !d.IsZero() {
			t.Errorf("%s.Ratio(%s) = %s, %v; want ErrMixedUnits", p[0], p[1], d, err)
		}
		if _, err := a.Cmp(b); err != nil && !strings.Contains(err.Error(), p[0]) {
			t.Errorf("error %q does not name the figures", err)
		}
	}
}

func TestValueRatio(t *testing.T) {
	tests := []struct {
		a, b   string
		places int32
		want   string
	}{
		{"11.11万人", "111100人", 2, "1.00"},
		{"5210.11万元", "1.67亿元", 4, "0.3120"}, // 0.31198…
		{"1万人", "8万人", 2, "0.13"},            // 0.125: half up
		{"-1万人", "8万人", 2, "-0.13"},          // half away from zero
		{"1万人", "-8万人", 2, "-0.13"},
		{"1", "3", 2, "0.33"},
		{"2", "3", 2, "0.67"},
		{"2", "3", 0, "1"},
		{"125", "1", -1, "130"}, // negative places round to tens
		{"3.8%", "1.9%", 1, "2.0"},
		{"117.5亿元", "261.6亿元", 3, "0.449"},
	}
	for _, tt := range tests {
		got, err := MustParse(tt.a).Ratio(MustParse(tt.b), tt.places)
		if err != nil || got.String() != dec(tt.want).String() || got.Exponent() != -tt.places {
			t.Errorf("%s.Ratio(%s, %d) = %s (exp %d), %v; want %s", tt.a, tt.b, tt.places, got, got.Exponent(), err, tt.want)
		}
	}
}

// TestZeroDivisor checks that a zero divisor is a typed error, never a panic
// and never a silent zero.
func TestZeroDivisor(t *testing.T) {
	for _, w := range []string{"0", "0.00万人", "0%", "-0"} {
		a := MustParse("5万人")
		b := MustParse(w)
		if !a.Unit.SameBase(b.Unit) {
			a.Unit.Base = b.Unit.Base
		}
		got, err := a.Ratio(b, 2)
		if !errors.Is(err, ErrZeroDivisor) || !errors.Is(err, ErrImpossible) || !got.IsZero() {
			t.Errorf("Ratio by %s = %s, %v; want ErrZeroDivisor (and ErrImpossible)", w, got, err)
		}
	}
	if q, err := Div(dec("5"), decimal.Zero, 2); !errors.Is(err, ErrZeroDivisor) || !q.IsZero() {
		t.Errorf("Div(5, 0) = %s, %v; want ErrZeroDivisor", q, err)
	}
	if q, err := Div(dec("5"), decimal.Decimal{}, 2); !errors.Is(err, ErrZeroDivisor) {
		t.Errorf("Div(5, zero Decimal) = %s, %v; want ErrZeroDivisor", q, err)
	}
}

func TestDiv(t *testing.T) {
	tests := []struct {
		a, b   string
		places int32
		want   string
	}{
		{"1", "8", 2, "0.13"}, {"-1", "8", 2, "-0.13"}, {"1", "-8", 2, "-0.13"}, {"-1", "-8", 2, "0.13"},
		{"1", "8", 3, "0.125"}, {"1", "8", 1, "0.1"}, {"10", "4", 0, "3"}, {"-10", "4", 0, "-3"},
		{"0", "7", 2, "0.00"}, {"1", "3", 30, "0.333333333333333333333333333333"},
		{"24.25", "23.26", 3, "1.043"}, {"1", "16", 3, "0.063"}, {"-1", "16", 3, "-0.063"},
	}
	for _, tt := range tests {
		got, err := Div(dec(tt.a), dec(tt.b), tt.places)
		if err != nil || !got.Equal(dec(tt.want)) || got.Exponent() != -tt.places {
			t.Errorf("Div(%s, %s, %d) = %s, %v; want %s", tt.a, tt.b, tt.places, got, err, tt.want)
		}
	}
	for _, places := range []int32{MaxPlaces + 1, -MaxPlaces - 1, math.MaxInt32, math.MinInt32} {
		if q, err := Div(dec("1"), dec("3"), places); !errors.Is(err, ErrTooLong) {
			t.Errorf("Div(1, 3, %d) = %s, %v; want ErrTooLong", places, q, err)
		}
		if q, err := MustParse("1").Ratio(MustParse("3"), places); !errors.Is(err, ErrTooLong) {
			t.Errorf("Ratio(1, 3, %d) = %s, %v; want ErrTooLong", places, q, err)
		}
	}
	if q, err := Div(decimal.New(1, -(1<<30)), decimal.New(3, 1<<30), 2); !errors.Is(err, ErrTooLong) {
		t.Errorf("Div across 2^31 powers of ten = %s, %v; want ErrTooLong", q, err)
	}
}

// TestRoundHalfUp pins half-up (away from zero) rounding at the .x5
// boundaries, for negatives too, as statistical bulletins round.
func TestRoundHalfUp(t *testing.T) {
	tests := []struct {
		in     string
		places int32
		want   string
	}{
		{"1.25", 1, "1.3"}, {"-1.25", 1, "-1.3"}, {"1.35", 1, "1.4"}, {"-1.35", 1, "-1.4"},
		{"1.249999", 1, "1.2"}, {"-1.249999", 1, "-1.2"}, {"2.5", 0, "3"}, {"-2.5", 0, "-3"},
		{"0.045", 2, "0.05"}, {"-0.045", 2, "-0.05"}, {"0.044", 2, "0.04"}, {"9.95", 1, "10.0"},
		{"-9.95", 1, "-10.0"}, {"125", -1, "130"}, {"-125", -1, "-130"}, {"1.2", 3, "1.200"},
		{"0.0049", 2, "0.00"}, {"-0.0049", 2, "0.00"}, {"-0.04", 1, "0.0"},
	}
	for _, tt := range tests {
		got := RoundHalfUp(dec(tt.in), tt.places)
		if !got.Equal(dec(tt.want)) {
			t.Errorf("RoundHalfUp(%s, %d) = %s, want %s", tt.in, tt.places, got, tt.want)
		}
		if p := max(tt.places, 0); got.StringFixed(p) != tt.want && tt.places >= 0 {
			t.Errorf("RoundHalfUp(%s, %d) prints %s, want %s", tt.in, tt.places, got.StringFixed(p), tt.want)
		}
	}
}

// TestRoundHalfUpBounds checks that absurd places cost nothing: rounding a
// short number to 10⁹ places or to the 10⁹th power of ten must not build a
// 10⁹-digit integer.
func TestRoundHalfUpBounds(t *testing.T) {
	x := dec("123.456")
	if got := RoundHalfUp(x, 1<<30); !got.Equal(x) {
		t.Errorf("RoundHalfUp(x, 2^30) = %s", got)
	}
	if got := RoundHalfUp(x, -(1 << 30)); !got.IsZero() {
		t.Errorf("RoundHalfUp(x, -2^30) = %s", got)
	}
	if got := RoundHalfUp(x, math.MinInt32); !got.IsZero() {
		t.Errorf("RoundHalfUp(x, MinInt32) = %s", got)
	}
	allocs := testing.AllocsPerRun(10, func() { RoundHalfUp(x, 1<<30); RoundHalfUp(x, -(1 << 30)) })
	if allocs > 4 {
		t.Errorf("%.0f allocations for absurd places", allocs)
	}
}

func TestValueRounded(t *testing.T) {
	tests := []struct {
		in     string
		places int32
		want   string
	}{
		{"11.11万人", 1, "11.1万人"}, {"11.15万人", 1, "11.2万人"}, {"-11.15万人", 1, "-11.2万人"},
		{"约1.67亿元", 0, "约2亿元"}, {"3.8%", 2, "3.80%"}, {"3.85%", -1, "4%"}, // negative places: 0
		{"-0.04%", 1, "0.0%"}, {"1.25个百分点", 1, "1.3个百分点"}, {"4%以内", 1, "4.0%以内"},
	}
	for _, tt := range tests {
		v := MustParse(tt.in)
		got := v.Rounded(tt.places)
		if got.String() != tt.want {
			t.Errorf("%s.Rounded(%d) = %s, want %s", tt.in, tt.places, got, tt.want)
		}
		if got.Unit != v.Unit || got.Qual != v.Qual || got.Word != v.Word {
			t.Errorf("%s.Rounded(%d) changed unit or qualifier: %#v", tt.in, tt.places, got)
		}
		if back, err := ParseValue(got.String()); err != nil || !back.Equal(got) {
			t.Errorf("%s.Rounded(%d) = %s does not round-trip: %v", tt.in, tt.places, got, err)
		}
	}
	if got := MustParse("1.5").Rounded(1 << 30); got.Places != MaxPlaces {
		t.Errorf("Rounded(2^30).Places = %d, want the bound %d", got.Places, MaxPlaces)
	}
}

func TestNewValue(t *testing.T) {
	v := NewValue(dec("11.115"), 2, Unit{Base: "人", Mag: Wan})
	if v.String() != "11.12万人" || v.Places != 2 {
		t.Errorf("NewValue = %s (places %d)", v, v.Places)
	}
	if v := NewValue(dec("-11.115"), 2, Unit{Base: "人", Mag: Wan}); v.String() != "-11.12万人" {
		t.Errorf("NewValue(negative) = %s", v)
	}
	if v := NewValue(dec("7.6"), -2, Unit{}); v.Places != 0 || v.String() != "8" {
		t.Errorf("NewValue(places −2) = %s (places %d), want 8 with places 0", v, v.Places)
	}
	if v := NewValue(dec("7.6"), 1<<30, Unit{}); v.Places != MaxPlaces {
		t.Errorf("NewValue(places 2^30).Places = %d, want %d", v.Places, MaxPlaces)
	}
}

// TestNullValue checks that missing is not zero.
func TestNullValue(t *testing.T) {
	var missing NullValue
	zero := Some(MustParse("0"))
	if missing.Valid {
		t.Error("the zero NullValue is valid")
	}
	if !zero.Valid || !zero.Value.Num.IsZero() {
		t.Error("Some(0) is not a valid zero")
	}
	if missing == zero {
		t.Error("missing equals zero")
	}
	if s := missing.String(); s != "missing" {
		t.Errorf("missing.String() = %q", s)
	}
	if s := zero.String(); s != "0" {
		t.Errorf("Some(0).String() = %q", s)
	}
}

// TestValueStringDefaultWord checks that a Value built in code with a
// qualifier but no word still prints its qualifier, and that it equals the
// parsed figure.
func TestValueStringDefaultWord(t *testing.T) {
	tests := []struct {
		v    Value
		want string
	}{
		{Value{Num: dec("3"), Unit: Unit{Base: Percent}, Qual: Around}, "3%左右"},
		{Value{Num: dec("4"), Unit: Unit{Base: Percent}, Qual: AtMost}, "4%以内"},
		{Value{Num: dec("2"), Unit: Unit{Base: Percent}, Qual: AtLeast}, "2%以上"},
		{Value{Num: dec("1.67"), Places: 2, Unit: Unit{Base: "元", Mag: Yi}, Qual: About}, "约1.67亿元"},
		{Value{Num: dec("4"), Unit: Unit{Base: "户", Mag: Wan}, Qual: Nearly}, "近4万户"},
		{Value{Num: dec("700"), Unit: Unit{Base: "家"}, Qual: Over}, "超过700家"},
		{Value{Num: dec("1.1"), Places: 1, Unit: Unit{Base: "户", Mag: Wan}, Qual: MoreThan}, "1.1万余户"},
	}
	for _, tt := range tests {
		if got := tt.v.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
		if p := MustParse(tt.want); !p.Equal(tt.v) || !tt.v.Equal(p) {
			t.Errorf("%#v is not Equal to the parsed %q", tt.v, tt.want)
		}
	}
	if MustParse("大约3亿元").Equal(MustParse("约3亿元")) {
		t.Error("约 and 大约 are different words and must not be Equal")
	}
}

func TestUnitString(t *testing.T) {
	for u, want := range map[Unit]string{
		{Base: "元", Mag: Yi}: "亿元", {Base: Percent}: "%", {Base: Points}: "个百分点", {}: "",
		{Base: "元", Mag: WanYi}: "万亿元", {Base: "件/万人"}: "件/万人", {Mag: Wan}: "万",
	} {
		if got := u.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", u, got, want)
		}
	}
	if !(Unit{Base: Percent}).IsPercent() || !(Unit{Base: Points}).IsPoints() || (Unit{Base: Points}).IsPercent() {
		t.Error("IsPercent/IsPoints")
	}
	if (Unit{Base: Percent}).SameBase(Unit{Base: Points}) || !(Unit{Base: "元", Mag: Yi}).SameBase(Unit{Base: "元"}) {
		t.Error("SameBase")
	}
	for base, want := range map[string]string{"元": "yuan", Percent: "%", Points: "percentage points", "个": "", "英镑": ""} {
		if got := BaseUnitEnglish(base); got != want {
			t.Errorf("BaseUnitEnglish(%q) = %q, want %q", base, got, want)
		}
	}
	for base, want := range map[string]bool{"元": true, "": true, Percent: true, Points: true, "噸": false, "英镑": false} {
		if got := KnownBaseUnit(base); got != want {
			t.Errorf("KnownBaseUnit(%q) = %v", base, got)
		}
	}
	for m, want := range map[Magnitude]string{One: "", Wan: "万", Yi: "亿", WanYi: "万亿", 3: ""} {
		if got := m.String(); got != want {
			t.Errorf("Magnitude(%d).String() = %q, want %q", m, got, want)
		}
	}
}

// TestTradUnitsMapToKnownUnits guards the two unit tables that several
// people extend: every traditional spelling maps to a known simplified unit,
// and no spelling is listed in both.
func TestTradUnitsMapToKnownUnits(t *testing.T) {
	for trad, simp := range tradUnits {
		if _, ok := baseUnits[simp]; !ok {
			t.Errorf("tradUnits[%q] = %q is not a base unit", trad, simp)
		}
		if _, ok := baseUnits[trad]; ok && trad != simp {
			t.Errorf("%q is both a base unit and a traditional spelling", trad)
		}
		if u, err := ParseUnit(trad); err != nil || u.Base != simp {
			t.Errorf("ParseUnit(%q) = %#v, %v; want %q", trad, u, err, simp)
		}
	}
	for base := range baseUnits {
		if u, err := ParseUnit(base); err != nil || u.Base != base {
			t.Errorf("ParseUnit(%q) = %#v, %v", base, u, err)
		}
	}
}

func BenchmarkValueString(b *testing.B) {
	v := MustParse("约20793.61万件")
	b.ReportAllocs()
	for b.Loop() {
		_ = v.String()
	}
}
