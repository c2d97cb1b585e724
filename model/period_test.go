package model

import (
	"errors"
	"strings"
	"testing"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in      string
		want    Period
		chinese string
		english string
		prev    string
	}{
		{"2020", Period{Kind: Year, Year: 2020}, "2020年", "2020", "2019"},
		{"2019", YearOf(2019), "2019年", "2019", "2018"},
		{"2020Q1", Period{Kind: Quarter, Year: 2020, Index: 1}, "2020年一季度", "Q1 2020", "2019Q1"},
		{"2020Q4", Period{Kind: Quarter, Year: 2020, Index: 4}, "2020年四季度", "Q4 2020", "2019Q4"},
		{"2020-04", Period{Kind: Month, Year: 2020, Index: 4}, "2020年4月", "April 2020", "2019-04"},
		{"2020-12", Period{Kind: Month, Year: 2020, Index: 12}, "2020年12月", "December 2020", "2019-12"},
		{"ytd:2020-05-11", Period{Kind: YTD, Year: 2020, Index: 5, Day: 11}, "2020年1月1日至5月11日", "1 January–11 May 2020", "ytd:2019-05-11"},
		{"ytd:2020-02-29", Period{Kind: YTD, Year: 2020, Index: 2, Day: 29}, "2020年1月1日至2月29日", "1 January–29 February 2020", "ytd:2019-02-28"},
		{"ytd:2000-02-29", Period{Kind: YTD, Year: 2000, Index: 2, Day: 29}, "2000年1月1日至2月29日", "1 January–29 February 2000", "ytd:1999-02-28"},
		{"ytd:2020-12-mid", Period{Kind: YTD, Year: 2020, Index: 12, Dekad: MidMonth}, "2020年1月至12月中旬", "1 January–mid-December 2020", "ytd:2019-12-mid"},
		{"ytd:2020-02-late", Period{Kind: YTD, Year: 2020, Index: 2, Dekad: LateMonth}, "2020年1月至2月下旬", "1 January–late-February 2020", "ytd:2019-02-late"},
		{"ytd:2021-03-early", Period{Kind: YTD, Year: 2021, Index: 3, Dekad: EarlyMonth}, "2021年1月至3月上旬", "1 January–early-March 2021", "ytd:2020-03-early"},
		{"2016..2020", Period{Kind: Years, Year: 2016, End: 2020}, "2016—2020年", "2016–2020", "2015..2019"},
		{"1900", YearOf(1900), "1900年", "1900", "1899"},
		{"2199", YearOf(2199), "2199年", "2199", "2198"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if err != nil {
			t.Errorf("ParsePeriod(%q): %v", tt.in, err)
			continue
		}
		if p != tt.want {
			t.Errorf("ParsePeriod(%q) = %#v, want %#v", tt.in, p, tt.want)
		}
		if s := p.String(); s != tt.in {
			t.Errorf("%#v.String() = %q, want %q", p, s, tt.in)
		}
		if !p.Valid() {
			t.Errorf("%q is not Valid", tt.in)
		}
		if s := p.Chinese(); s != tt.chinese {
			t.Errorf("%q.Chinese() = %q, want %q", tt.in, s, tt.chinese)
		}
		if s := p.English(); s != tt.english {
			t.Errorf("%q.English() = %q, want %q", tt.in, s, tt.english)
		}
		if s := p.Prev().String(); s != tt.prev {
			t.Errorf("%q.Prev() = %q, want %q", tt.in, s, tt.prev)
		}
	}
}

func TestParsePeriodErrors(t *testing.T) {
	tests := []struct {
		in  string
		err error
	}{
		{"", ErrEmpty},
		{"20", ErrPeriod},
		{"1899", ErrPeriod},
		{"2200", ErrPeriod},
		{"+202", ErrPeriod},
		{"-202", ErrPeriod},
		{"２０２０", ErrPeriod},
		{" 2020", ErrPeriod},
		{"2020 ", ErrPeriod},
		{"2020年", ErrPeriod},
		{"2020Q0", ErrPeriod},
		{"2020Q5", ErrPeriod},
		{"2020q1", ErrPeriod},
		{"2020-00", ErrPeriod},
		{"2020-13", ErrPeriod},
		{"2020-4", ErrPeriod},
		{"2020-+4", ErrPeriod},
		{"ytd:2019-02-29", ErrPeriod},
		{"ytd:2020-12-Mid", ErrPeriod},
		{"ytd:2020-13-mid", ErrPeriod},
		{"ytd:2020-12-middle", ErrPeriod},
		{"ytd:2020-12-", ErrPeriod},
		{"ytd:1900-02-29", ErrPeriod},
		{"ytd:2020-04-31", ErrPeriod},
		{"ytd:2020-05-00", ErrPeriod},
		{"ytd:2020-05", ErrPeriod},
		{"ytd:2020-05-11-1", ErrPeriod},
		{"ytd:", ErrPeriod},
		{"2020..2020", ErrPeriod},
		{"2020..2016", ErrPeriod},
		{"2016..2020..2021", ErrPeriod},
		{"2016..", ErrPeriod},
		{"..2020", ErrPeriod},
		{"2016-2020", ErrPeriod},
		{"2020\xff", ErrPeriod},
		{strings.Repeat("2", 33), ErrTooLong},
		{strings.Repeat("2", 1<<20), ErrTooLong},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if !errors.Is(err, tt.err) {
			t.Errorf("ParsePeriod(%.20q) = %v, %v; want %v", tt.in, p, err, tt.err)
		}
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ParsePeriod(%.20q): error %T, want *ParseError", tt.in, err)
		}
	}
}

// TestPeriodInvalidNames checks that a Period built in code with fields out
// of range reports itself invalid and prints without panicking.
func TestPeriodInvalidNames(t *testing.T) {
	bad := []Period{
		{},
		{Kind: Quarter, Year: 2020, Index: 5},
		{Kind: Quarter, Year: 2020, Index: -1},
		{Kind: Month, Year: 2020, Index: 13},
		{Kind: Month, Year: 2020, Index: 0},
		{Kind: YTD, Year: 2020, Index: 14, Day: 1},
		{Kind: YTD, Year: 2019, Index: 2, Day: 29},
		{Kind: Years, Year: 2020, End: 2019},
		{Kind: PeriodKind(9), Year: 2020},
		{Kind: Year, Year: 12345},
	}
	for _, p := range bad {
		if p.Valid() {
			t.Errorf("%#v is Valid", p)
		}
		_ = p.String()
		_ = p.Chinese()
		_ = p.English()
		_ = p.Prev()
	}
	if s := (Period{}).String(); s != "invalid" {
		t.Errorf("Period{}.String() = %q", s)
	}
}

func TestPeriodKindString(t *testing.T) {
	for k, want := range map[PeriodKind]string{Year: "year", Quarter: "quarter", Month: "month", YTD: "ytd", Years: "years", 0: "invalid", 7: "invalid(7)"} {
		if got := k.String(); got != want {
			t.Errorf("PeriodKind(%d).String() = %q, want %q", k, got, want)
		}
	}
}

func BenchmarkParsePeriod(b *testing.B) {
	ins := []string{"2020", "2020Q1", "2020-04", "ytd:2020-05-11", "2016..2020"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := ParsePeriod(ins[i%len(ins)]); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPeriodValidStrayFields checks that a period with a field its kind does
// not use is invalid: it would print like a valid one but compare unequal.
func TestPeriodValidStrayFields(t *testing.T) {
	for _, p := range []Period{
		{Kind: Year, Year: 2020, Index: 3},
		{Kind: Year, Year: 2020, End: 2021},
		{Kind: Quarter, Year: 2020, Index: 1, Day: 5},
		{Kind: Month, Year: 2020, Index: 1, End: 2021},
		{Kind: Years, Year: 2016, End: 2020, Index: 1},
	} {
		if p.Valid() {
			q, _ := ParsePeriod(p.String())
			t.Errorf("%#v is Valid, but it parses back as %#v", p, q)
		}
	}
}

func TestLastDay(t *testing.T) {
	tests := []struct {
		in         string
		month, day int
	}{
		{"2020", 12, 31},
		{"2020Q1", 3, 31},
		{"2020Q2", 6, 30},
		{"2020-02", 2, 29},
		{"2019-02", 2, 28},
		{"ytd:2020-05-11", 5, 11},
		{"ytd:2020-12-early", 12, 10},
		{"ytd:2020-12-mid", 12, 20},
		{"ytd:2020-12-late", 12, 31},
		{"ytd:2021-02-late", 2, 28},
		{"2016..2020", 12, 31},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if m, d := p.LastDay(); m != tt.month || d != tt.day {
			t.Errorf("%s.LastDay() = %d, %d; want %d, %d", tt.in, m, d, tt.month, tt.day)
		}
	}
	if m, d := (Period{}).LastDay(); m != 0 || d != 0 {
		t.Errorf("invalid period's LastDay = %d, %d; want 0, 0", m, d)
	}
}

func TestDekadValid(t *testing.T) {
	for _, p := range []Period{
		{Kind: YTD, Year: 2020, Index: 12, Dekad: 4},
		{Kind: YTD, Year: 2020, Index: 12, Day: 5, Dekad: MidMonth},
		{Kind: Year, Year: 2020, Dekad: MidMonth},
		{Kind: Month, Year: 2020, Index: 12, Dekad: MidMonth},
	} {
		if p.Valid() {
			t.Errorf("%#v is Valid", p)
		}
	}
}
