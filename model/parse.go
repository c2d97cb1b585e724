package model

import (
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Parser bounds. Figures longer than these are rejected before any number is
// built, so a hostile input cannot make the parser allocate or loop.
const (
	MaxFigureBytes = 128 // longest figure string accepted
	MaxDigits      = 30  // most digits in the number (integer and fraction)
)

var (
	prefixWords = []string{"超过", "超過", "突破", "大约", "大約", "将近", "將近", "接近", "约", "約", "近", "逾"}
	midWords    = []string{"余", "餘", "多"}
	suffixWords = []string{"以上", "以内", "以內", "以下", "左右"}
	magWords    = []string{"万亿", "萬億", "万", "萬", "亿", "億"}
	pointsWords = []string{"个百分点", "個百分點", "个百分點", "個百分点", "百分点", "百分點"}
)

var simplifiedWord = map[string]string{
	"超過": "超过", "大約": "大约", "將近": "将近", "約": "约", "餘": "余", "以內": "以内",
}

func qualifierOf(word string) Qualifier {
	switch word {
	case "约", "大约":
		return About
	case "近", "将近", "接近":
		return Nearly
	case "超过", "突破", "逾":
		return Over
	case "余", "多":
		return MoreThan
	case "以上":
		return AtLeast
	case "以内", "以下":
		return AtMost
	case "左右":
		return Around
	}
	return NoQualifier
}

func simplify(word string) string {
	if s, ok := simplifiedWord[word]; ok {
		return s
	}
	return word
}

// ParseValue parses a figure as the seed texts write it, in simplified or
// traditional characters:
//
//	[qualifier] [sign] number [余|多] [magnitude] [余|多] [unit] [qualifier]
//
// for example "11.11万人", "1.1万余户", "约1.67亿元", "超过700家", "近4万户",
// "3.8%", "1个百分点", "20793.61万件", "6.5億美元", "3.66億噸", "突破3000家",
// "300天以上", "4%以內", "-1.6%". The number keeps its published decimal
// places. Errors are *ParseError values wrapping ErrEmpty, ErrSyntax,
// ErrTooLong, ErrInvalidUTF8 or ErrUnknownUnit.
func ParseValue(s string) (Value, error) {
	if len(s) > MaxFigureBytes {
		return Value{}, parseErr(s, MaxFigureBytes, ErrTooLong)
	}
	if off, ok := firstInvalidUTF8(s); !ok {
		return Value{}, parseErr(s, off, ErrInvalidUTF8)
	}
	in := s
	s = strings.TrimSpace(s)
	lead := strings.Index(in, s)
	if s == "" {
		return Value{}, parseErr(in, 0, ErrEmpty)
	}
	pos := func(rest string) int { return lead + len(s) - len(rest) }

	var v Value
	rest := s
	// prefix qualifier
	if r, w := trimPrefixAny(rest, prefixWords); w != "" {
		rest, v.Word = r, simplify(w)
		v.Qual = qualifierOf(v.Word)
	}
	// sign
	neg := false
	switch {
	case strings.HasPrefix(rest, "-"):
		neg, rest = true, rest[1:]
	case strings.HasPrefix(rest, "−"): // U+2212 MINUS SIGN
		neg, rest = true, rest[len("−"):]
	case strings.HasPrefix(rest, "+"):
		rest = rest[1:]
	}
	// number
	start := rest
	digits, intDigits, places, dot := 0, 0, int32(0), false
	i := 0
	for i < len(rest) {
		c := rest[i]
		if c >= '0' && c <= '9' {
			digits++
			if dot {
				places++
			} else {
				intDigits++
			}
			if digits > MaxDigits {
				return Value{}, parseErr(in, pos(rest[i:]), ErrTooLong)
			}
			i++
			continue
		}
		if c == '.' && !dot {
			dot = true
			i++
			continue
		}
		break
	}
	numText := rest[:i]
	if intDigits == 0 || (dot && places == 0) {
		return Value{}, parseErr(in, pos(start), ErrSyntax)
	}
	if intDigits > 1 && numText[0] == '0' {
		return Value{}, parseErr(in, pos(start), ErrSyntax) // "007"
	}
	rest = rest[i:]
	if len(rest) > 0 && (rest[0] == 'e' || rest[0] == 'E') {
		return Value{}, parseErr(in, pos(rest), ErrSyntax) // no exponents
	}
	if len(rest) > 1 && (rest[0] == '.' || rest[0] == ',') && rest[1] >= '0' && rest[1] <= '9' {
		return Value{}, parseErr(in, pos(rest), ErrSyntax) // "1.2.3", "1,000": no separators
	}
	num, err := decimal.NewFromString(numText)
	if err != nil { // cannot happen for the digits accepted above
		return Value{}, parseErr(in, pos(start), ErrSyntax)
	}
	if neg {
		num = num.Neg()
	}
	v.Num, v.Places = num, places
	// 余/多 before the magnitude ("10余万人")
	if r, w := trimPrefixAny(rest, midWords); w != "" {
		if v.Qual != NoQualifier {
			return Value{}, parseErr(in, pos(rest), ErrSyntax)
		}
		rest, v.Word, v.Qual, v.QualBeforeMag = r, simplify(w), MoreThan, true
	}
	// magnitude
	if m, r := cutMagnitude(rest); m != One {
		rest, v.Unit.Mag = r, m
		if r, w := trimPrefixAny(rest, midWords); w != "" {
			if v.Qual != NoQualifier {
				return Value{}, parseErr(in, pos(rest), ErrSyntax)
			}
			rest, v.Word, v.Qual = r, simplify(w), MoreThan
		}
	} else if v.QualBeforeMag {
		v.QualBeforeMag = false // "4700余人": no magnitude follows
	}
	// unit
	v.Unit.Base, rest = cutBaseUnit(rest)
	if (v.Unit.Base == Percent || v.Unit.Base == Points) && v.Unit.Mag != One {
		return Value{}, parseErr(in, pos(rest), ErrUnknownUnit)
	}
	// suffix qualifier
	if r, w := trimPrefixAny(rest, suffixWords); w != "" {
		if v.Qual != NoQualifier {
			return Value{}, parseErr(in, pos(rest), ErrSyntax)
		}
		rest, v.Word = r, simplify(w)
		v.Qual = qualifierOf(v.Word)
	}
	if rest != "" {
		if v.Unit.Base == "" {
			return Value{}, parseErr(in, pos(rest), ErrUnknownUnit)
		}
		return Value{}, parseErr(in, pos(rest), ErrSyntax)
	}
	if v.Qual == MoreThan && v.Unit.Mag == One {
		v.QualBeforeMag = false
	}
	return v, nil
}

// cutMagnitude removes a leading magnitude word from s.
func cutMagnitude(s string) (Magnitude, string) {
	r, w := trimPrefixAny(s, magWords)
	switch w {
	case "":
		return One, s
	case "万亿", "萬億":
		return WanYi, r
	case "万", "萬":
		return Wan, r
	}
	return Yi, r
}

// cutBaseUnit removes a leading base unit from s and returns it simplified
// ("" when s does not start with a unit the model knows).
func cutBaseUnit(s string) (base, rest string) {
	switch {
	case strings.HasPrefix(s, "%"):
		return Percent, s[1:]
	case strings.HasPrefix(s, "％"):
		return Percent, s[len("％"):]
	}
	if r, w := trimPrefixAny(s, pointsWords); w != "" {
		return Points, r
	}
	if r, w := trimPrefixAny(s, unitWords); w != "" {
		if t, ok := tradUnits[w]; ok {
			w = t
		}
		return w, r
	}
	return "", s
}

// firstInvalidUTF8 returns the offset of the first byte of s that is not
// valid UTF-8, and false; or 0 and true when s is valid.
func firstInvalidUTF8(s string) (int, bool) {
	if utf8.ValidString(s) {
		return 0, true
	}
	off := 0
	for off < len(s) {
		r, n := utf8.DecodeRuneInString(s[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	return off, false
}
