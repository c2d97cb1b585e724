package model

import (
	"strings"
)

// Magnitude is the power of ten that a Chinese magnitude word stands for:
// 万 = 10⁴, 亿 = 10⁸, 万亿 = 10¹².
type Magnitude int8

// The magnitudes the model knows.
const (
	One   Magnitude = 0  // no magnitude word
	Wan   Magnitude = 4  // 万 (traditional 萬)
	Yi    Magnitude = 8  // 亿 (traditional 億)
	WanYi Magnitude = 12 // 万亿
)

// String returns the simplified magnitude word ("" for One).
func (m Magnitude) String() string {
	switch m {
	case Wan:
		return "万"
	case Yi:
		return "亿"
	case WanYi:
		return "万亿"
	}
	return ""
}

func (m Magnitude) valid() bool { return m == One || m == Wan || m == Yi || m == WanYi }

// Base units that are not counts or amounts.
const (
	Percent = "%"   // percent: a rate, a share or a growth rate
	Points  = "百分点" // percentage points: a difference of two percentages
)

// Unit is a base unit times a magnitude, e.g. 亿元 is {Base: "元", Mag: Yi}.
// Percent and percentage points are distinct base units and take no magnitude.
// The zero Unit is a dimensionless number (a rank, a count of nothing named).
type Unit struct {
	Base string    // simplified base unit, e.g. "元", "人", "件/万人", Percent, Points
	Mag  Magnitude // power of ten of the magnitude word
}

// String returns the unit as written in canonical figures: "亿元", "%", "个百分点".
func (u Unit) String() string {
	if u.Base == Points {
		return "个百分点"
	}
	return u.Mag.String() + u.Base
}

// IsPercent reports whether the unit is percent.
func (u Unit) IsPercent() bool { return u.Base == Percent }

// IsPoints reports whether the unit is percentage points.
func (u Unit) IsPoints() bool { return u.Base == Points }

// SameBase reports whether u and v differ at most in magnitude, so that values
// in them can be converted into each other exactly.
func (u Unit) SameBase(v Unit) bool { return u.Base == v.Base }

// baseUnits lists every base unit the parser accepts, simplified, with its
// English name. Traditional spellings are mapped by tradUnits.
var baseUnits = map[string]string{
	"元": "yuan", "美元": "US dollars", "人": "people", "人次": "person-times", "户": "households",
	"家": "entities", "个": "", "项": "items", "件": "items", "吨": "tonnes", "吨公里": "tonne-km",
	"标准箱": "TEU", "平方米": "m²", "公顷": "ha", "亩": "mu", "公里": "km", "天": "days", "座": "",
	"所": "", "套": "sets", "册": "volumes", "场": "events", "尾": "fish", "株": "trees", "只": "",
	"辆": "vehicles", "名": "people", "千瓦时": "kWh", "件/万人": "per 10,000 people",
	"元/人·月": "yuan per person-month", "元/人": "yuan per person", "个工作日": "working days",
	"小时": "hours", "倍": "times", "批": "batches", "类": "categories", "副": "pairs", "条": "",
	"次": "times", "年": "years", "月": "months", "台": "", "棵": "trees", "处": "sites",
	"块": "", "立方米": "m³", "千米": "km", "米": "m", "间": "rooms", "张": "", "份": "copies",
	"部": "", "篇": "", "位": "", "趟": "trips", "列": "trains", "班": "", "艘": "ships",
	"架次": "flights", "床": "beds",
	"公斤": "kg", "千克": "kg", "立方": "m³", "GW": "GW", "MW": "MW", "千瓦": "kW", "兆瓦": "MW",
	"个月": "months", "栋": "buildings", "起": "incidents", "元/人·年": "yuan per person-year",
	"盏": "", "眼": "", "支": "", "种": "kinds", "场次": "showings", "期": "sessions",
	"家次": "visits", "本": "copies", "笔": "transactions", "岁": "years of age",
}

// BaseUnitEnglish returns the English name of a base unit ("" when the unit is
// a measure word that English leaves out, such as 个).
func BaseUnitEnglish(base string) string {
	switch base {
	case Percent:
		return "%"
	case Points:
		return "percentage points"
	}
	return baseUnits[base]
}

// KnownBaseUnit reports whether the parser knows base.
func KnownBaseUnit(base string) bool {
	_, ok := baseUnits[base]
	return ok || base == Percent || base == Points || base == ""
}

// tradUnits maps traditional and variant spellings to the simplified base unit.
var tradUnits = map[string]string{
	"噸": "吨", "個": "个", "項": "项", "戶": "户", "場": "场", "標準箱": "标准箱", "公頃": "公顷",
	"冊": "册", "輛": "辆", "噸公里": "吨公里", "隻": "只", "處": "处", "臺": "台", "張": "张",
	"條": "条", "個工作日": "个工作日", "小時": "小时", "間": "间", "艘": "艘", "類": "类",
	"畝": "亩", "千瓦時": "千瓦时", "件/萬人": "件/万人", "塊": "块", "牀": "床",
	"個月": "个月", "棟": "栋", "盞": "盏", "種": "种", "場次": "场次", "筆": "笔", "歲": "岁",
}

// unitWords is every accepted unit spelling, longest first, for the parser.
var unitWords = func() []string {
	var w []string
	for k := range baseUnits {
		w = append(w, k)
	}
	for k := range tradUnits {
		w = append(w, k)
	}
	sortLongestFirst(w)
	return w
}()

func sortLongestFirst(w []string) {
	// insertion sort by byte length descending, then lexically, for determinism
	for i := 1; i < len(w); i++ {
		for j := i; j > 0 && (len(w[j]) > len(w[j-1]) || len(w[j]) == len(w[j-1]) && w[j] < w[j-1]); j-- {
			w[j], w[j-1] = w[j-1], w[j]
		}
	}
}

// ParseUnit parses a unit such as "亿元", "萬噸", "%" or "个百分点"; "" is the
// dimensionless unit. Anything else — a number, a qualifier, a magnitude on
// percent or points, surrounding space — is a *ParseError wrapping
// ErrUnknownUnit (ErrInvalidUTF8, ErrTooLong for such input).
func ParseUnit(s string) (Unit, error) {
	if len(s) > MaxFigureBytes {
		return Unit{}, parseErr(s, MaxFigureBytes, ErrTooLong)
	}
	if off, ok := firstInvalidUTF8(s); !ok {
		return Unit{}, parseErr(s, off, ErrInvalidUTF8)
	}
	mag, rest := cutMagnitude(s)
	base, rest := cutBaseUnit(rest)
	if rest != "" {
		return Unit{}, parseErr(s, len(s)-len(rest), ErrUnknownUnit)
	}
	u := Unit{Base: base, Mag: mag}
	if (u.Base == Percent || u.Base == Points) && u.Mag != One {
		return Unit{}, parseErr(s, 0, ErrUnknownUnit)
	}
	return u, nil
}

func trimPrefixAny(s string, words []string) (rest, word string) {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return s[len(w):], w
		}
	}
	return s, ""
}
