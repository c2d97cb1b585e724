package xlsx

import (
	"strings"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
)

// maxDigits is the number of significant decimal digits a spreadsheet
// stores exactly (an IEEE double holds 15 for certain).
const maxDigits = 15

var (
	million = decimal.New(1, 6)
	billion = decimal.New(1, 9)
)

// sigDigits counts the significant digits of the decimal text s: "120.5"
// has 4, "0.0012" has 2, "1200" has 2, "0" has 0.
func sigDigits(s string) int {
	first, last, n := -1, -1, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		if c != '0' {
			if first < 0 {
				first = n
			}
			last = n
		}
		n++
	}
	if first < 0 {
		return 0
	}
	return last - first + 1
}

// numberText is the exact text of d for a cell's <v> element, written from
// the decimal (never through float64), or ErrTooManyDigits.
func numberText(d decimal.Decimal) (string, error) {
	s := d.String()
	if sigDigits(s) > maxDigits {
		return "", ErrTooManyDigits
	}
	return s, nil
}

// numFigure is a figure as a spreadsheet number: the value stored in the
// cell, scaled by 10^shift from the figure's own unit, and the places shown.
type numFigure struct {
	num    decimal.Decimal // stored value
	shift  int32           // stored = figure value × 10^shift
	places int32           // decimal places shown
	code   string          // number format code
}

// englishShift returns the power of ten by which an English figure is
// rescaled for display, mirroring report.EnglishScaled: 万 and 亿 have no
// English word, so 1.67亿 is shown as 167 million (shift 2) and 11.11万 as
// 111,100 (shift 4). The scale word is "", "million" or "billion".
func englishShift(v model.Value) (shift int32, scale string) {
	if v.Unit.IsPercent() || v.Unit.IsPoints() {
		return 0, ""
	}
	abs := v.Base().Abs()
	k := int32(0)
	switch {
	case abs.GreaterThanOrEqual(billion):
		k, scale = 9, "billion"
	case abs.GreaterThanOrEqual(million):
		k, scale = 6, "million"
	}
	return int32(v.Unit.Mag) - k, scale
}

// englishPlaces is the number of decimal places the English text of v
// shows once rescaled to million or billion, which keeps the published
// significance (report.EnglishScaled): 4000万 is 40 million, not 40.00
// million; 1240万 is 12.4 million.
func englishPlaces(v model.Value) int32 {
	num, _ := report.EnglishScaled(v)
	if i := strings.IndexByte(num, '.'); i >= 0 {
		return int32(len(num) - i - 1)
	}
	return 0
}

// figureShape returns how a value is stored in lang — the number, its
// shift and the places shown — without its format, and the English scale
// word.
func figureShape(v model.Value, lang report.Lang) (nf numFigure, scale string) {
	var shift int32
	if lang == report.English {
		shift, scale = englishShift(v)
	}
	places := max(v.Places-shift, 0)
	if shift < 0 {
		places = englishPlaces(v)
	}
	nf = numFigure{num: v.Num, shift: shift, places: places}
	if shift != 0 {
		nf.num = v.Num.Shift(shift)
	}
	return nf, scale
}

// figureNumber returns how figure f is stored and formatted in lang. With
// split, the format shows only the number (the unit and qualifier go into
// columns of their own, as on the data sheet). codes caches format codes;
// it may be nil.
func figureNumber(f report.Figure, lang report.Lang, split bool, codes map[codeKey]string) numFigure {
	v := f.Value
	out, scale := figureShape(v, lang)
	places := out.places
	k := codeKey{lang: lang, split: split, signed: f.Signed, places: places, unit: v.Unit, qual: v.Qual,
		word: v.Word, before: v.QualBeforeMag, scale: scale}
	if lang == report.English {
		k.enUnit = f.EnglishUnit
		if v.Unit.IsPoints() {
			k.one = v.Num.Abs().Equal(decimal.NewFromInt(1))
		}
	}
	if c, ok := codes[k]; ok {
		out.code = c
		return out
	}
	out.code = formatCode(f, k)
	if codes != nil {
		codes[k] = out.code
	}
	return out
}

// codeKey is what a figure's number format depends on.
type codeKey struct {
	lang          report.Lang
	split, signed bool
	places        int32
	unit          model.Unit
	qual          model.Qualifier
	word          string
	before, one   bool
	scale         string
	enUnit        string // the figure's English unit noun (report.Figure.EnglishUnit)
}

// formatCode is the number format of figure f: the digits at the places
// shown and, unless split, the text around the number as the document's
// text writes it (report.Figure.EnglishAffixes in English).
func formatCode(f report.Figure, k codeKey) string {
	v := f.Value
	num := digitsCode(k.places, k.lang == report.English && !v.Unit.IsPercent() && !v.Unit.IsPoints())
	if k.split {
		return num
	}
	var pre, post string
	if k.lang == report.English {
		pre, post = f.EnglishAffixes(k.scale)
	} else {
		pre, post = chineseAffixes(v)
	}
	body := func(sign string) string {
		return lit(pre) + lit(sign) + num + lit(post)
	}
	switch {
	case k.signed:
		return body("+") + ";" + body("-") + ";" + body("")
	case pre != "" || post != "":
		return body("") + ";" + body("-")
	}
	return num
}

// unitText returns the unit and qualifier columns of a figure on the data
// sheet, in lang: ("亿元", "约"), ("million yuan", "about"), ("entities",
// "") for market entities counted in 户 (the figure's English unit noun).
func unitText(f report.Figure, lang report.Lang) (unit, qual string) {
	v := f.Value
	if lang == report.English {
		_, scale := englishShift(v)
		g := f
		g.Value = model.Value{Unit: v.Unit, Num: v.Num}
		_, post := g.EnglishAffixes(scale)
		return strings.TrimSpace(post), v.Qual.English()
	}
	return v.Unit.String(), v.Word
}

// digitsCode is the number part of a format: "0", "0.0", "#,##0.00".
func digitsCode(places int32, group bool) string {
	s := "0"
	if group {
		s = "#,##0"
	}
	if places > 0 {
		s += "." + strings.Repeat("0", int(places))
	}
	return s
}

// chineseAffixes splits the text around the number as model.Value.String
// writes it: the prefix qualifier (约, 超过 …), and what follows the number
// (magnitude, 余/多, unit, 以上/以内/左右): 约1.67亿元 → "约", "亿元";
// 10余万人 → "", "余万人".
func chineseAffixes(v model.Value) (pre, post string) {
	var mid, suffix string
	switch v.Qual {
	case model.About, model.Nearly, model.Over:
		pre = v.Word
	case model.MoreThan:
		mid = v.Word
	case model.AtLeast, model.AtMost, model.Around:
		suffix = v.Word
	}
	mag := v.Unit.Mag.String()
	if v.QualBeforeMag {
		post = mid + mag
	} else {
		post = mag + mid
	}
	if v.Unit.IsPoints() {
		post += "个百分点"
	} else {
		post += v.Unit.Base
	}
	return pre, post + suffix
}

// lit quotes s as a literal of a number format ("" for empty s). A double
// quote cannot appear inside quotes; it is written escaped outside them.
func lit(s string) string {
	if s == "" {
		return ""
	}
	return `"` + strings.ReplaceAll(s, `"`, `"\""`) + `"`
}

// looksNumeric reports whether a text would be read as a number by a
// spreadsheet ("12", "-3.50", "007", "1,000", "1e5", "50%"), so that Excel
// would flag it as a number stored as text. Such a text is still stored as
// text: it is a string (a code, an ID card number, a heading), not a
// figure.
func looksNumeric(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return false
	}
	i := 0
	if s[0] == '+' || s[0] == '-' {
		i++
	}
	digits, dot, exp := 0, false, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ',' && digits > 0 && !dot && !exp:
		case c == '.' && !dot && !exp:
			dot = true
		case (c == 'e' || c == 'E') && digits > 0 && !exp && i+1 < len(s):
			exp = true
			if s[i+1] == '+' || s[i+1] == '-' {
				i++
			}
		case c == '%' && i == len(s)-1 && digits > 0:
		default:
			return false
		}
	}
	return digits > 0
}
