package xlsx

import (
	"context"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
)

// applyFormat shows the number text num as a spreadsheet shows it with the
// number format code: the section for its sign (positive;negative;zero,
// the negative one showing the absolute value), quoted literals and
// backslash escapes as text, and the digits of the one digit placeholder
// ("0", "#,##0.00" …) rounded half away from zero to its places.
func applyFormat(t *testing.T, code, num string) string {
	t.Helper()
	d := decimal.RequireFromString(num)
	secs := splitSections(code)
	sec := secs[0]
	switch {
	case d.IsNegative() && len(secs) > 1:
		sec, d = secs[1], d.Abs()
	case d.IsZero() && len(secs) > 2:
		sec = secs[2]
	}
	var b strings.Builder
	for i := 0; i < len(sec); {
		switch c := sec[i]; {
		case c == '"':
			j := strings.IndexByte(sec[i+1:], '"')
			if j < 0 {
				t.Fatalf("format %s: open quote", code)
			}
			b.WriteString(sec[i+1 : i+1+j])
			i += j + 2
		case c == '\\':
			b.WriteByte(sec[i+1])
			i += 2
		case c == '0' || c == '#':
			j := i
			for j < len(sec) && strings.IndexByte("0#,.", sec[j]) >= 0 {
				j++
			}
			pat := sec[i:j]
			places := 0
			if k := strings.IndexByte(pat, '.'); k >= 0 {
				places = len(pat) - k - 1
			}
			s := d.StringFixed(int32(places))
			if strings.Contains(pat, ",") {
				s = groupDigits(s)
			}
			b.WriteString(s)
			i = j
		default:
			t.Fatalf("format %s: unexpected %q", code, c)
		}
	}
	return b.String()
}

// splitSections splits a format code at the semicolons outside quotes.
func splitSections(code string) []string {
	var out []string
	quoted, from := false, 0
	for i := 0; i < len(code); i++ {
		switch code[i] {
		case '"':
			quoted = !quoted
		case '\\':
			i++
		case ';':
			if !quoted {
				out = append(out, code[from:i])
				from = i + 1
			}
		}
	}
	return append(out, code[from:])
}

// TestFormatsReadAsText: every figure of the default briefings (Dalian,
// the High-tech Zone, Zhuanghe; Chinese and English) reads in its cell as
// in the document's text: its number format applied to the stored number
// gives report.Figure.Text ("91,499 entities", "40 million fry", "约1.67亿元",
// "+3.8%"), and on the data sheet, where unit and qualifier have columns of
// their own, the number part of that text.
func TestFormatsReadAsText(t *testing.T) {
	ds, err := seeds.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, region := range []string{"dalian", "gaoxin", "zhuanghe"} {
		for _, lang := range []report.Lang{report.Chinese, report.English} {
			doc, err := report.Build(context.Background(), ds, report.Spec{Region: region, Year: 2020, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			check := func(where string, f report.Figure) {
				if !f.Valid {
					return
				}
				n++
				nf := figureNumber(f, lang, false, nil)
				num, err := numberText(nf.num)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := applyFormat(t, nf.code, num), f.Text(lang); got != want {
					t.Errorf("%s %s %s: cell reads %q (%s %s), text %q", region, lang, where, got, num, nf.code, want)
				}
				split := figureNumber(f, lang, true, nil)
				got := applyFormat(t, split.code, num)
				want := f.Number()
				if lang == report.English && !f.Value.Unit.IsPercent() && !f.Value.Unit.IsPoints() {
					want, _ = report.EnglishScaled(f.Value)
				}
				if got != strings.TrimPrefix(want, "+") {
					t.Errorf("%s %s %s: data cell reads %q (%s %s), want %q", region, lang, where, got, num, split.code, want)
				}
			}
			for _, sec := range doc.Sections {
				for _, blk := range sec.Blocks {
					switch blk := blk.(type) {
					case report.Table:
						for i := range blk.Len() {
							for ci, c := range blk.Row(i).Cells {
								if c.Kind == report.FigureCell && ci < len(blk.Columns) {
									check(blk.ID+"/"+blk.Columns[ci].Key, c.Figure)
								}
							}
						}
					case report.Cards:
						for _, it := range blk.Items {
							check("cards", it.Value)
							check("cards", it.Change)
						}
					case report.Chart:
						for _, se := range blk.Series {
							for _, f := range se.Values {
								check("chart "+blk.ID, f)
							}
						}
					}
				}
			}
			if n < 50 {
				t.Errorf("%s %s: %d figures", region, lang, n)
			}
		}
	}
}
