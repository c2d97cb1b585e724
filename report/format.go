package report

import (
	"strings"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/model"
)

// Dash is shown for a missing or not assessable figure.
const Dash = "—"

// Text formats the figure for reading in lang: qualifier, sign, number at
// its display places, magnitude and unit. Chinese keeps the published
// magnitude ("约1.67亿元", "+6.5%", "1.0个百分点"); English rescales exactly
// to thousands separators, million or billion ("about 167 million yuan",
// "+6.5%", "1.0 points"). An invalid figure is Dash. Every renderer uses
// this one function, so a figure reads the same everywhere.
func (f Figure) Text(lang Lang) string {
	if !f.Valid {
		return Dash
	}
	if lang == English {
		return englishFigure(f.Value, f.Signed, f.EnglishUnit)
	}
	return chineseFigure(f.Value, f.Signed)
}

// Number formats only the number of the figure at its display places, with
// sign if Signed (no unit, no qualifier): "6.5", "+1.0", "11.11".
func (f Figure) Number() string {
	if !f.Valid {
		return Dash
	}
	return signed(f.Value.Num.StringFixed(f.Value.Places), f.Signed && f.Value.Num.Sign() > 0)
}

func signed(s string, plus bool) string {
	if plus {
		return "+" + s
	}
	return s
}

func chineseFigure(v model.Value, sign bool) string {
	s := v.String()
	if sign && v.Num.Sign() > 0 {
		// put the plus after a prefix qualifier: 约+1.5% is odd; signs and
		// prefix qualifiers do not meet in published figures, so prefix it.
		if v.Qual == model.About || v.Qual == model.Nearly || v.Qual == model.Over {
			return v.Word + "+" + strings.TrimPrefix(s, v.Word)
		}
		return "+" + s
	}
	return s
}

var (
	million = decimal.New(1, 6)
	billion = decimal.New(1, 9)
)

// EnglishScaled rescales a value for English readers: magnitudes 万 and 亿
// have no English word, so 1.67亿 becomes 167 million and 11.11万 becomes
// 111,100. It returns the number text and the scale word ("", "million",
// "billion"). The conversion is exact and keeps the published
// significance: the last digit shown is the last one published, and the
// trailing zeros of a figure published without decimals are not taken for
// significant digits — 4000万 is 40 million, not 40.00 million; 1240万 is
// 12.4 million; 12.69亿 is 1.269 billion; 11.11万 stays 111,100.
func EnglishScaled(v model.Value) (num, scale string) {
	base := v.Base()
	abs := base.Abs()
	k := int32(0)
	switch {
	case abs.GreaterThanOrEqual(billion):
		k, scale = 9, "billion"
	case abs.GreaterThanOrEqual(million):
		k, scale = 6, "million"
	}
	// last is the power of ten of the last significant published digit
	last := int32(v.Unit.Mag) - v.Places
	if v.Places <= 0 && !v.Num.IsZero() {
		last = int32(v.Unit.Mag) + trailingZeros(v.Num)
	}
	p := max(k-last, 0)
	return groupThousands(base.Shift(-k).StringFixed(p)), scale
}

// trailingZeros counts the zeros at the end of the whole number d: 4000 → 3.
func trailingZeros(d decimal.Decimal) int32 {
	s := d.Truncate(0).Abs().String()
	n := int32(0)
	for i := len(s) - 1; i > 0 && s[i] == '0'; i-- {
		n++
	}
	return n
}

func groupThousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if len(intPart) > 3 {
		var b strings.Builder
		pre := len(intPart) % 3
		if pre > 0 {
			b.WriteString(intPart[:pre])
		}
		for i := pre; i < len(intPart); i += 3 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(intPart[i : i+3])
		}
		intPart = b.String()
	}
	if hasFrac {
		intPart += "." + frac
	}
	if neg {
		return "-" + intPart
	}
	return intPart
}

func englishFigure(v model.Value, sign bool, unit string) string {
	var num, scale string
	if v.Unit.IsPercent() || v.Unit.IsPoints() {
		num = v.Num.StringFixed(v.Places)
	} else {
		num, scale = EnglishScaled(v)
	}
	pre, post := englishAffixes(v, scale, unit)
	return pre + signed(num, sign && v.Num.Sign() > 0) + post
}

// EnglishAffixes is the package function EnglishAffixes for the figure's
// value, with the figure's EnglishUnit in place of the base unit's name
// where it has one: " entities" rather than " households" for market
// entities counted in 户.
func (f Figure) EnglishAffixes(scale string) (pre, post string) {
	return englishAffixes(f.Value, scale, f.EnglishUnit)
}

// EnglishAffixes returns the English text before and after the number of v
// as the English figure text writes it, for a number already rescaled to
// scale ("", "million" or "billion", from EnglishScaled): "about " and
// " million yuan", "no more than " and "%", "" and " points or more".
// Renderers that write the number themselves (a spreadsheet number format)
// use it so that their text and the report's agree.
func EnglishAffixes(v model.Value, scale string) (pre, post string) {
	return englishAffixes(v, scale, "")
}

// englishAffixes is EnglishAffixes with unit, when not empty, naming the
// unit instead of the base unit's English name; "-" names none.
func englishAffixes(v model.Value, scale, unit string) (pre, post string) {
	switch {
	case v.Unit.IsPercent():
		post = "%"
	case v.Unit.IsPoints():
		post = " points"
		if v.Num.Abs().Equal(decimal.NewFromInt(1)) {
			post = " point"
		}
	default:
		u := model.BaseUnitEnglish(v.Unit.Base)
		switch unit {
		case "":
		case "-":
			u = ""
		default:
			u = unit
		}
		if scale == "" && v.Base().Abs().Equal(decimal.NewFromInt(1)) {
			u = singularEnglish(u) // 1 person, about 1 enterprise
		}
		switch {
		case scale != "" && u != "":
			post = " " + scale + " " + u
		case scale != "":
			post = " " + scale
		case u != "":
			post = " " + u
		}
	}
	switch v.Qual {
	case model.NoQualifier:
	case model.AtLeast:
		post += " or more"
	case model.AtMost:
		pre = "no more than "
	case model.MoreThan:
		pre = "over "
	default:
		pre = v.Qual.English() + " "
	}
	return pre, post
}

// singularEnglish is the singular of an English unit noun for a count of
// one: "people" is "person", "person-times" "person-time", "enterprises"
// "enterprise", "working days" "working day"; a noun that is no plural
// ("yuan", "km", "per 10,000 people") stays as it is.
func singularEnglish(u string) string {
	if strings.HasPrefix(u, "per ") || strings.Contains(u, " per ") {
		return u
	}
	head, last := "", u
	if i := strings.LastIndexByte(u, ' '); i >= 0 {
		head, last = u[:i+1], u[i+1:]
	}
	switch {
	case last == "people":
		last = "person"
	case strings.HasSuffix(last, "-times"):
		last = strings.TrimSuffix(last, "s")
	case strings.HasSuffix(last, "ies") && len(last) > 4:
		last = strings.TrimSuffix(last, "ies") + "y"
	case strings.HasSuffix(last, "ches") || strings.HasSuffix(last, "shes") || strings.HasSuffix(last, "xes"):
		last = strings.TrimSuffix(last, "es")
	case strings.HasSuffix(last, "ss") || strings.HasSuffix(last, "us"):
	case strings.HasSuffix(last, "s") && len(last) > 2:
		last = strings.TrimSuffix(last, "s")
	}
	return head + last
}
