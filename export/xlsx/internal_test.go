package xlsx

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
)

func TestFormatCodes(t *testing.T) {
	for _, tc := range []struct {
		fig    string
		signed bool
		lang   report.Lang
		num    string
		code   string
	}{
		{"8.21亿元", false, report.Chinese, "8.21", `0.00"亿元";"-"0.00"亿元"`},
		{"约1.67亿元", false, report.Chinese, "1.67", `"约"0.00"亿元";"约""-"0.00"亿元"`},
		{"1.1万余户", false, report.Chinese, "1.1", `0.0"万余户";"-"0.0"万余户"`},
		{"10余万人", false, report.Chinese, "10", `0"余万人";"-"0"余万人"`},
		{"4%以内", false, report.Chinese, "4", `0"%以内";"-"0"%以内"`},
		{"3.8%", true, report.Chinese, "3.8", `"+"0.0"%";"-"0.0"%";0.0"%"`},
		{"1个百分点", true, report.Chinese, "1", `"+"0"个百分点";"-"0"个百分点";0"个百分点"`},
		{"超过700家", false, report.Chinese, "700", `"超过"0"家";"超过""-"0"家"`},
		{"36", false, report.Chinese, "36", `0`},
		{"约1.67亿元", false, report.English, "167", `"about "#,##0" million yuan";"about ""-"#,##0" million yuan"`},
		{"11.11万人", false, report.English, "111100", `#,##0" people";"-"#,##0" people"`},
		{"7030.4亿元", false, report.English, "703.04", `#,##0.00" billion yuan";"-"#,##0.00" billion yuan"`},
		{"1个百分点", false, report.English, "1", `0" point";"-"0" point"`},
		{"2.5个百分点", false, report.English, "2.5", `0.0" points";"-"0.0" points"`},
		{"4%以内", false, report.English, "4", `"no more than "0"%";"no more than ""-"0"%"`},
		{"9.6万人以上", false, report.English, "96000", `#,##0" people or more";"-"#,##0" people or more"`},
	} {
		f := report.Figure{Valid: true, Value: model.MustParse(tc.fig), Signed: tc.signed}
		nf := figureNumber(f, tc.lang, false, nil)
		if nf.num.String() != tc.num || nf.code != tc.code {
			t.Errorf("%s %s: %s %s, want %s %s", tc.lang, tc.fig, nf.num, nf.code, tc.num, tc.code)
		}
		// English numbers are those of the document's English text
		if tc.lang == report.English && !f.Value.Unit.IsPercent() && !f.Value.Unit.IsPoints() {
			want, _ := report.EnglishScaled(f.Value)
			if got := groupDigits(nf.num.StringFixed(nf.places)); got != want {
				t.Errorf("%s: %s, report says %s", tc.fig, got, want)
			}
		}
		split := figureNumber(f, tc.lang, true, nil)
		if split.code != digitsCode(nf.places, tc.lang == report.English && !f.Value.Unit.IsPercent() && !f.Value.Unit.IsPoints()) {
			t.Errorf("%s: split code %s", tc.fig, split.code)
		}
	}
}

func groupDigits(s string) string {
	i, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for k, r := range i {
		if k > 0 && (len(i)-k)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		return b.String() + "." + frac
	}
	return b.String()
}

func TestUnitText(t *testing.T) {
	for _, tc := range []struct {
		fig        string
		lang       report.Lang
		unit, qual string
	}{
		{"约1.67亿元", report.Chinese, "亿元", "约"},
		{"1个百分点", report.Chinese, "个百分点", ""},
		{"约1.67亿元", report.English, "million yuan", "about"},
		{"3.8%", report.English, "%", ""},
	} {
		u, q := unitText(report.Figure{Valid: true, Value: model.MustParse(tc.fig)}, tc.lang)
		if u != tc.unit || q != tc.qual {
			t.Errorf("%s %s: %q %q", tc.lang, tc.fig, u, q)
		}
	}
}

func TestLooksNumeric(t *testing.T) {
	for in, want := range map[string]bool{
		"12": true, "-3.50": true, "007": true, "+5": true, "-0": true, "1e5": true, "1.": true, ".5": true,
		"1,000": true, "50%": true, " 1": true, "110101199003077777": true, "1.5E-3": true,
		"2020年": false, "": false, "-": false, "+": false, ".": false, "e5": false, "1e": false, "%": false,
		"12a": false, "1.2.3": false, "5%%": false, "0x10": false, "数据": false,
	} {
		if got := looksNumeric(in); got != want {
			t.Errorf("looksNumeric(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestSigDigits(t *testing.T) {
	for s, want := range map[string]int{"0": 0, "120.5": 4, "0.0012": 2, "1200": 2, "-1.0": 1,
		"123456789012345": 15, "1234567890123456": 16, "0.000000000000001": 1} {
		if got := sigDigits(s); got != want {
			t.Errorf("%s: %d, want %d", s, got, want)
		}
	}
	if _, err := numberText(decimal.RequireFromString("1.234567890123456")); err != ErrTooManyDigits {
		t.Errorf("16 digits: %v", err)
	}
}

func TestCleanText(t *testing.T) {
	for _, tc := range []struct{ in, out string }{
		{"plain", "plain"}, {"大连市", "大连市"}, {"a\x00b\x08c\x0bd\x0ce\x1f", "abcde"},
		{"tab\tnl\ncr\r", "tab\tnl\ncr\r"}, {"x\ufffey\uffffz", "xyz"}, {"bad\xffutf8", "badutf8"},
		{"real \ufffd kept", "real \ufffd kept"},
	} {
		got, err := cleanText(tc.in, false)
		if err != nil || got != tc.out {
			t.Errorf("%q: %q %v", tc.in, got, err)
		}
		_, err = cleanText(tc.in, true)
		if (err == ErrControlChar) != (tc.in != tc.out) {
			t.Errorf("%q rejected: %v", tc.in, err)
		}
	}
}

// TestQuickWidth: the fast path measures what uniseg measures.
func TestQuickWidth(t *testing.T) {
	for _, s := range []string{"大连市2020年", "“双一流”高校", "（全国、全省）", "ＡＢＣ１２３", "한국어", "ひらがなカタカナ",
		"1.5—2.0", "·×÷°±", "plain ASCII text", "〒〜〇"} {
		a, w, ok := quickWidth(s)
		if !ok {
			t.Errorf("%q: not measured quickly", s)
			continue
		}
		if a+w != uniseg.StringWidth(s) {
			t.Errorf("%q: quick %d, uniseg %d", s, a+w, uniseg.StringWidth(s))
		}
	}
	for _, s := range []string{"e\u0301", "👍🏽", "\u200b", "ä"} {
		if _, _, ok := quickWidth(s); ok {
			t.Errorf("%q measured quickly", s)
		}
	}
}

// FuzzQuickWidth: whenever the fast path measures, it agrees with uniseg.
func FuzzQuickWidth(f *testing.F) {
	f.Add("大连市2020年“双一流”")
	f.Add("abc")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if a, w, ok := quickWidth(s); ok && a+w != uniseg.StringWidth(s) {
			t.Errorf("%q: quick %d, uniseg %d", s, a+w, uniseg.StringWidth(s))
		}
	})
}

// TestChunkText: long paragraphs are cut for Excel's row height, losing
// nothing.
func TestChunkText(t *testing.T) {
	long := strings.Repeat("大连市2020年城镇新增就业11.11万人。", 200)
	chunks := chunkText(long, 90)
	if len(chunks) < 2 || strings.Join(chunks, "") != long {
		t.Fatalf("%d chunks, joined equal %v", len(chunks), strings.Join(chunks, "") == long)
	}
	for _, c := range chunks {
		if h := heightFor(linesIn(c, 90)); h >= maxRowHt {
			t.Errorf("chunk of %d bytes needs %g pt", len(c), h)
		}
		if !strings.HasSuffix(c, "。") {
			t.Errorf("chunk not cut after a sentence: …%s", c[len(c)-12:])
		}
	}
	if got := chunkText("短", 90); len(got) != 1 {
		t.Errorf("short text cut: %q", got)
	}
}

func TestSheetNameHelpers(t *testing.T) {
	if got := numbered(strings.Repeat("数", 31), 2); got != strings.Repeat("数", 28)+"(2)" || utf16Len(got) > 31 {
		t.Errorf("numbered %q", got)
	}
	s := nameSet{}
	s.add("Data")
	if got := s.unique("DATA"); got != "DATA(2)" {
		t.Errorf("unique %q", got)
	}
	if quoteSheet("it's") != "'it''s'" {
		t.Error(quoteSheet("it's"))
	}
	if colName(0) != "A" || colName(25) != "Z" || colName(26) != "AA" || colName(16383) != "XFD" {
		t.Error(colName(16383))
	}
	if cellRef(2, 7) != "C7" {
		t.Error(cellRef(2, 7))
	}
}

// TestLinesIn: a text takes as many lines as the measure of the column
// widths says: one when it is no wider than its column, CJK measured by
// East Asian width, Latin by its letters' widths; breaking between CJK
// characters (never before a closing mark) and at spaces.
func TestLinesIn(t *testing.T) {
	for _, tc := range []struct {
		s    string
		w    float64
		want int
	}{
		// rows the audit found with an empty second line, in the widths they had
		{"将现有符合条件的15740名困难居民全部纳入城乡居民基本医疗保险", 60, 1},
		{"地區生產總值可比增長6.5%,分別高于全國、全省0.4和1個百分點", 60, 1},
		{"規模以上工業增加值增長16.1%,分別高于全國、全省10.4和9.4個百分點", 60, 1},
		{"Share of main-river water of good quality (Class III or better)", 60, 1},
		{"New households receiving public-rental-housing cash subsidies", 55, 1},
		{"", 20, 1},
		{"短", 20, 1},
		{strings.Repeat("数", 20), 20, 2}, // 38 units in 19
		{strings.Repeat("数", 25), 20, 3},
		// no line starts with "。": the character before it goes along
		{strings.Repeat("数", 10) + "。" + strings.Repeat("数", 9), 20.5, 3},
		{"aaaa bbbb cccc dddd", 11, 2},            // breaks at spaces
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 11, 3}, // a long word is broken
		{"一\n二\n三", 20, 3},
		{strings.Repeat("é", 30), 11, 3}, // measured by uniseg
	} {
		if got := linesIn(tc.s, tc.w); got != tc.want {
			t.Errorf("linesIn(%q, %g) = %d, want %d (%.1f units)", tc.s, tc.w, got, tc.want, textUnits(tc.s))
		}
	}
	// a text as wide as its column, measured as widths are, is one line
	for _, s := range []string{"大连市2020年经济社会发展简报", "Value added of industry above designated size", "a.b-c_d 1,000.5%"} {
		if n := linesIn(s, colWidth(textUnits(s))); n != 1 {
			t.Errorf("%q in its own width: %d lines", s, n)
		}
	}
}

// FuzzLinesIn: never fewer lines than the text's width needs, never more
// than a line per rune, never a panic.
func FuzzLinesIn(f *testing.F) {
	f.Add("大连市2020年城镇新增就业11.11万人。", 12.0)
	f.Add("a b c", 3.0)
	f.Fuzz(func(t *testing.T, s string, w float64) {
		if w < 3 || w > 300 || !utf8.ValidString(s) || strings.ContainsAny(s, "\n\r") {
			return
		}
		n := linesIn(s, w)
		if need := int(textUnits(s) / (w - wrapPadding)); n < need || n > max(1, utf8.RuneCountInString(s)) {
			t.Errorf("linesIn(%q, %g) = %d: needs at least %d", s, w, n, need)
		}
	})
}

// planned returns the plan of a document's workbook.
func planned(t *testing.T, doc *report.Document) *build {
	t.Helper()
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	font, charset := fontFor(doc.Meta.Lang)
	b := &build{cfg: &r.cfg, sh: r.sh, ctx: context.Background(), doc: doc, lang: doc.Meta.Lang, w: wordsFor(doc.Meta.Lang),
		st: newStyles(font, charset), used: nameSet{}, locs: map[string]loc{}, created: fallbackTime, codes: map[codeKey]string{}, sst: newSharedStrings()}
	if err := b.plan(); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestChartLabelRoom: in the default charts, every data label fits
// between the end of its bar and the edge of the plot, on the side the bar
// points to, clear of the category labels ("no more than -83.3%" sat on
// "Time to register an enterprise"); and every bar is at least a label
// tall, so that the labels of two series in a category ("+3.8%" and
// "+2.8%") do not overlap.
func TestChartLabelRoom(t *testing.T) {
	ds, err := seeds.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		doc, err := report.Build(context.Background(), ds, report.Spec{Region: "dalian", Year: 2020, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		b := planned(t, doc)
		n := 0
		for _, s := range b.sheets {
			for _, cp := range s.charts {
				n++
				lo, hi, step, ok := b.valueAxis(cp)
				if !ok || step <= 0 || lo > 0 || hi < 0 {
					t.Fatalf("%s %s: axis %g…%g step %g", lang, cp.c.ID, lo, hi, step)
				}
				catPx := 0.0
				for _, c := range cp.c.Categories {
					catPx = max(catPx, textUnits(c)*labelUnitPx)
				}
				plot := float64(cp.w) - min(catPx, 0.45*float64(cp.w)) - plotMarginPx
				for i := range cp.c.Categories {
					for _, se := range cp.c.Series {
						if i >= len(se.Values) || !se.Values[i].Valid {
							continue
						}
						f := se.Values[i]
						v, _ := b.figure(f, false).num.Float64()
						label := textUnits(f.Text(lang)) * labelUnitPx
						room := (hi - v) / (hi - lo) * plot
						if v < 0 {
							room = (v - lo) / (hi - lo) * plot
						}
						if room < label+8 {
							t.Errorf("%s %s: label %q has %.0f px, needs %.0f", lang, cp.c.ID, f.Text(lang), room, label+8)
						}
					}
				}
				series := float64(len(cp.c.Series))
				perBar := (float64(cp.h) - chartChrome - legendPx) / float64(len(cp.c.Categories)) / (series + chartGapPct/100.0)
				if perBar < labelPx {
					t.Errorf("%s %s: bars %.1f px tall, labels %g", lang, cp.c.ID, perBar, labelPx)
				}
			}
		}
		if n < 3 {
			t.Errorf("%s: %d charts", lang, n)
		}
	}
}
