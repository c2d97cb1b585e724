package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// PeriodKind says what span of time a Period covers.
type PeriodKind uint8

// The period kinds.
const (
	Year    PeriodKind = iota + 1 // a calendar year: "2020"
	Quarter                       // a quarter: "2020Q1"
	Month                         // a month: "2020-04"
	YTD                           // the year to a date, "ytd:2020-05-11", or to a part of a month, "ytd:2020-12-mid"
	Years                         // several whole years: "2016..2020"
)

var periodKindNames = enum{[]string{"invalid", "year", "quarter", "month", "ytd", "years"}}

// String returns the kind's name ("year", "quarter", "month", "ytd",
// "years"), for debugging.
func (k PeriodKind) String() string { return periodKindNames.name(uint8(k)) }

// Period is a span of time a figure refers to. The zero Period is invalid.
// Periods are comparable with ==.
type Period struct {
	Kind  PeriodKind // year, quarter, month, year to date or years
	Year  int        // the (first) year
	Index int        // the quarter (1–4) or month (1–12); 0 otherwise
	Day   int        // for YTD: the day of the month; the month is in Index
	// Dekad is for a YTD period that ends in a part of a month rather
	// than on a day, as the sources write 截至12月中旬 (to mid-December):
	// EarlyMonth (上旬, days 1–10), MidMonth (中旬, 11–20) or LateMonth
	// (下旬, 21 to the end); Day is then 0. It is 0 for every other period.
	Dekad int
	End   int // for Years: the last year
}

// The parts of a month a YTD period can end in (Period.Dekad).
const (
	EarlyMonth = 1 // 上旬: "ytd:2020-12-early"
	MidMonth   = 2 // 中旬: "ytd:2020-12-mid"
	LateMonth  = 3 // 下旬: "ytd:2020-12-late"
)

var dekadNames = [...]string{"", "early", "mid", "late"}

// YearOf returns the period of the calendar year y.
func YearOf(y int) Period { return Period{Kind: Year, Year: y} }

// ParsePeriod parses the canonical period forms "2020", "2020Q1", "2020-04",
// "ytd:2020-05-11", "ytd:2020-12-mid" (also -early and -late) and
// "2016..2020".
func ParsePeriod(s string) (Period, error) {
	bad := func(off int) (Period, error) { return Period{}, parseErr(s, off, ErrPeriod) }
	if len(s) > 32 {
		return Period{}, parseErr(s, 32, ErrTooLong)
	}
	if s == "" {
		return Period{}, parseErr(s, 0, ErrEmpty)
	}
	year := func(t string) (int, bool) {
		if len(t) != 4 {
			return 0, false
		}
		n, err := strconv.Atoi(t)
		return n, err == nil && n >= 1900 && n <= 2199 && t[0] != '+' && t[0] != '-'
	}
	two := func(t string, lo, hi int) (int, bool) {
		if len(t) != 2 || t[0] < '0' || t[0] > '9' || t[1] < '0' || t[1] > '9' {
			return 0, false
		}
		n := int(t[0]-'0')*10 + int(t[1]-'0')
		return n, n >= lo && n <= hi
	}
	switch {
	case strings.HasPrefix(s, "ytd:"):
		p := strings.Split(s[4:], "-")
		if len(p) != 3 {
			return bad(4)
		}
		y, ok1 := year(p[0])
		m, ok2 := two(p[1], 1, 12)
		if !ok1 || !ok2 {
			return bad(4)
		}
		if k := slices.Index(dekadNames[1:], p[2]); k >= 0 {
			return Period{Kind: YTD, Year: y, Index: m, Dekad: k + 1}, nil
		}
		d, ok3 := two(p[2], 1, daysIn(m, y))
		if !ok3 {
			return bad(4)
		}
		return Period{Kind: YTD, Year: y, Index: m, Day: d}, nil
	case strings.Contains(s, ".."):
		a, b, _ := strings.Cut(s, "..")
		y1, ok1 := year(a)
		y2, ok2 := year(b)
		if !ok1 || !ok2 || y2 <= y1 {
			return bad(0)
		}
		return Period{Kind: Years, Year: y1, End: y2}, nil
	case len(s) == 6 && s[4] == 'Q':
		y, ok := year(s[:4])
		if !ok || s[5] < '1' || s[5] > '4' {
			return bad(0)
		}
		return Period{Kind: Quarter, Year: y, Index: int(s[5] - '0')}, nil
	case len(s) == 7 && s[4] == '-':
		y, ok1 := year(s[:4])
		m, ok2 := two(s[5:], 1, 12)
		if !ok1 || !ok2 {
			return bad(0)
		}
		return Period{Kind: Month, Year: y, Index: m}, nil
	}
	y, ok := year(s)
	if !ok {
		return bad(0)
	}
	return Period{Kind: Year, Year: y}, nil
}

func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// String returns the canonical form accepted by ParsePeriod.
func (p Period) String() string {
	switch p.Kind {
	case Year:
		return strconv.Itoa(p.Year)
	case Quarter:
		return fmt.Sprintf("%dQ%d", p.Year, p.Index)
	case Month:
		return fmt.Sprintf("%d-%02d", p.Year, p.Index)
	case YTD:
		if p.Dekad != 0 {
			return fmt.Sprintf("ytd:%d-%02d-%s", p.Year, p.Index, dekadNames[p.Dekad])
		}
		return fmt.Sprintf("ytd:%d-%02d-%02d", p.Year, p.Index, p.Day)
	case Years:
		return fmt.Sprintf("%d..%d", p.Year, p.End)
	}
	return "invalid"
}

// Chinese returns the period as Chinese text: "2020年", "2020年一季度",
// "2020年4月", "2020年1月1日至5月11日", "2020年1月至12月中旬",
// "2016—2020年"; "" for an invalid period.
func (p Period) Chinese() string {
	if !p.Valid() {
		return ""
	}
	switch p.Kind {
	case Year:
		return fmt.Sprintf("%d年", p.Year)
	case Quarter:
		return fmt.Sprintf("%d年%s季度", p.Year, [...]string{"", "一", "二", "三", "四"}[p.Index])
	case Month:
		return fmt.Sprintf("%d年%d月", p.Year, p.Index)
	case YTD:
		if p.Dekad != 0 {
			return fmt.Sprintf("%d年1月至%d月%s旬", p.Year, p.Index, [...]string{"", "上", "中", "下"}[p.Dekad])
		}
		return fmt.Sprintf("%d年1月1日至%d月%d日", p.Year, p.Index, p.Day)
	case Years:
		return fmt.Sprintf("%d—%d年", p.Year, p.End)
	}
	return ""
}

// English returns the period as English text: "2020", "Q1 2020", "April
// 2020", "1 January–11 May 2020", "1 January–mid-December 2020",
// "2016–2020"; "" for an invalid period.
func (p Period) English() string {
	if !p.Valid() {
		return ""
	}
	months := [...]string{"", "January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	switch p.Kind {
	case Year:
		return strconv.Itoa(p.Year)
	case Quarter:
		return fmt.Sprintf("Q%d %d", p.Index, p.Year)
	case Month:
		return fmt.Sprintf("%s %d", months[p.Index], p.Year)
	case YTD:
		if p.Dekad != 0 {
			return fmt.Sprintf("1 January–%s-%s %d", dekadNames[p.Dekad], months[p.Index], p.Year)
		}
		return fmt.Sprintf("1 January–%d %s %d", p.Day, months[p.Index], p.Year)
	case Years:
		return fmt.Sprintf("%d–%d", p.Year, p.End)
	}
	return ""
}

// LastDay returns the month and day on which p ends: 31 December for a
// year, the last day of the quarter or month, the day of a YTD period, or
// the last day of its part of the month (10, 20, or the month's last day)
// for a YTD period that ends in one; for Years, 31 December of the last
// year. It returns 0, 0 for an invalid period.
func (p Period) LastDay() (month, day int) {
	if !p.Valid() {
		return 0, 0
	}
	switch p.Kind {
	case Quarter:
		m := p.Index * 3
		return m, daysIn(m, p.Year)
	case Month:
		return p.Index, daysIn(p.Index, p.Year)
	case YTD:
		switch p.Dekad {
		case EarlyMonth:
			return p.Index, 10
		case MidMonth:
			return p.Index, 20
		case LateMonth:
			return p.Index, daysIn(p.Index, p.Year)
		}
		return p.Index, p.Day
	}
	return 12, 31
}

// Prev returns the same period one year earlier (the base of a
// year-on-year comparison). For Years it shifts the whole range; the year to
// 29 February becomes the year to 28 February. The result may be invalid
// (before 1900, or when p is).
func (p Period) Prev() Period {
	q := p
	q.Year--
	if p.Kind == Years {
		q.End--
	}
	if p.Kind == YTD && p.Index == 2 && p.Day == 29 {
		q.Day = 28
	}
	return q
}

// Valid reports whether p is a well-formed period: one ParsePeriod returns,
// with a year in 1900–2199, an index and day in range for its kind and no
// field set that its kind does not use (so that == compares periods).
func (p Period) Valid() bool {
	year := func(y int) bool { return y >= 1900 && y <= 2199 }
	if !year(p.Year) {
		return false
	}
	if p.Kind != YTD && p.Dekad != 0 {
		return false
	}
	switch p.Kind {
	case Year:
		return p.Index == 0 && p.Day == 0 && p.End == 0
	case Quarter:
		return p.Index >= 1 && p.Index <= 4 && p.Day == 0 && p.End == 0
	case Month:
		return p.Index >= 1 && p.Index <= 12 && p.Day == 0 && p.End == 0
	case YTD:
		if p.Index < 1 || p.Index > 12 || p.End != 0 {
			return false
		}
		if p.Dekad != 0 {
			return p.Dekad >= EarlyMonth && p.Dekad <= LateMonth && p.Day == 0
		}
		return p.Day >= 1 && p.Day <= daysIn(p.Index, p.Year)
	case Years:
		return year(p.End) && p.End > p.Year && p.Index == 0 && p.Day == 0
	}
	return false
}
