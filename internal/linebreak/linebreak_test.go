package linebreak

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// cols measures in terminal columns: hanzi and full-width forms 2, Latin 1.
func cols(s string) float64 { return float64(uniseg.StringWidth(s)) }

func texts(ls []Line) []string {
	out := []string{}
	for _, l := range ls {
		out = append(out, l.Text)
	}
	return out
}

func TestLines(t *testing.T) {
	tests := []struct {
		name string
		text string
		max  float64
		want []string
	}{
		{"empty", "", 10, []string{}},
		{"fits", "全市经济稳中有进", 100, []string{"全市经济稳中有进"}},
		{"hanzi break anywhere", "一二三四五六七", 6, []string{"一二三", "四五六", "七"}},
		{"no start with comma", "一二三四，五六", 8, []string{"一二三", "四，五六"}},
		{"no start with full stop", "一二三四。五六", 8, []string{"一二三", "四。五六"}},
		{"no start with closing bracket", "一二三（四）五", 8, []string{"一二三", "（四）五"}},
		{"no start with percent", "增长率达到百分之十％的", 18, []string{"增长率达到百分之", "十％的"}},
		{"no start with ellipsis", "一二三四……五", 8, []string{"一二三", "四……五"}},
		{"no start with closing quote", "他说全市经”好", 10, []string{"他说全市", "经”好"}},
		{"no end with opening bracket", "一二三（四五）", 8, []string{"一二三", "（四五）"}},
		{"no end with book title mark", "一二三《四五》", 8, []string{"一二三", "《四五》"}},
		{"no end with opening quote", "一二三“四五”", 8, []string{"一二三", "“四五”"}},
		{"break before opening quote", "他说话了“全市”", 8, []string{"他说话了", "“全市”"}},
		{"break inside quotes", "他说“全市经济”稳中有进", 12, []string{"他说“全市经", "济”稳中有进"}},
		{"break after closing quote", "“全市经济”稳中有进", 11, []string{"“全市经济”", "稳中有进"}},
		{"number with magnitude and unit", "就业人数达到11.11万人", 16, []string{"就业人数达到", "11.11万人"}},
		{"negative percent", "同比下降了-1.6%", 12, []string{"同比下降", "了-1.6%"}},
		{"percentage points", "高于全国3.8个百分点", 14, []string{"高于全国", "3.8个百分点"}},
		{"year", "时间是在2020年的五月", 12, []string{"时间是在", "2020年的五月"}},
		{"money", "总额达到7001.7亿元，增长", 16, []string{"总额达到", "7001.7亿元，增长"}},
		{"full-width percent", "增长率为12.5％。", 12, []string{"增长率为", "12.5％。"}},
		{"number longer than line", "1234567890万人", 6, []string{"123456", "7890万", "人"}},
		{"period in words", "时期为2020年一季度", 14, []string{"时期为2020年", "一季度"}},
		{"prefix, magnitude and currency", "增长约4.0亿美元*", 12, []string{"增长", "约4.0亿美元*"}},
		{"with a qualifier", "低于-83.3%以下*的", 14, []string{"低", "于-83.3%以下*", "的"}},
		{"per", "拥有量21.8件/万人", 12, []string{"拥有量", "21.8件/万人"}},
		{"approximately more", "共1.1万余户", 10, []string{"共", "1.1万余户"}},
		{"break before a sign after a space", "no more than -83.3%*", 8, []string{"no more ", "than ", "-83.3%*"}},
		{"sign after a space fits", "no more than -83.3%*", 12, []string{"no more than ", "-83.3%*"}},
		{"forced split before a number", "than-83.3%", 8, []string{"than", "-83.3%"}},
		{"forced split not at a decimal point", "abcd12.5万人", 9, []string{"abcd", "12.5万人"}},
		{"forced split at a separator, not in the number", "a_b.c-83.3%xyz", 8, []string{"a_b.", "c-83.3%x", "yz"}},
		{"latin words", "hello world foo", 11, []string{"hello world ", "foo"}},
		{"mixed", "GDP增长6.1%，高于全国。", 12, []string{"GDP增长", "6.1%，高于全", "国。"}},
		{"mixed words", "全市 GDP growth 达到 6%", 10, []string{"全市 GDP ", "growth 达", "到 6%"}},
		{"long URL", "见https://example.com/a/b/c", 10, []string{"见https://", "example.", "com/a/b/c"}},
		{"file name at a separator", "001_9a4863bb11182814.txt", 11, []string{"001_9a4863b", "b11182814.", "txt"}},
		{"separator too early", "a_bcdefghijklmn", 6, []string{"a_bcde", "fghijk", "lmn"}},
		{"long word forced", "abcdefghijkl", 5, []string{"abcde", "fghij", "kl"}},
		{"newline", "第一行\n第二行", 100, []string{"第一行\n", "第二行"}},
		{"blank line", "a\n\nb", 100, []string{"a\n", "\n", "b"}},
		{"trailing newline", "a\n", 100, []string{"a\n"}},
		{"crlf", "a\r\nb", 100, []string{"a\r\n", "b"}},
		{"newline then comma", "一\n，二", 100, []string{"一\n", "，二"}},
		{"wide grapheme", "👍🏽", 1, []string{"👍🏽"}},
		{"combining mark kept", "éééé", 2, []string{"éé", "éé"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Lines(tt.text, tt.max, cols)
			if g := texts(got); !reflect.DeepEqual(g, tt.want) {
				t.Errorf("Lines(%q, %v) = %q, want %q", tt.text, tt.max, g, tt.want)
			}
			checkInvariants(t, tt.text, tt.max, got, cols)
		})
	}
}

func TestLineFields(t *testing.T) {
	got := Lines("hello world\nab", 100, cols)
	want := []Line{
		{Start: 0, End: 12, Text: "hello world\n", Width: 11, Hard: true},
		{Start: 12, End: 14, Text: "ab", Width: 2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	got = Lines("abcdefg", 3, cols)
	if !got[0].Forced || !got[1].Forced || got[2].Forced {
		t.Errorf("forced flags: %+v", got)
	}
}

func TestNilMeasure(t *testing.T) {
	if got := texts(Lines("一二三四", 2, nil)); !reflect.DeepEqual(got, []string{"一二", "三四"}) {
		t.Errorf("got %q", got)
	}
}

func TestSpacing(t *testing.T) {
	l := Lines("一二三四五", 10, cols)[0]
	if s := Spacing(l, 14); s != 1 {
		t.Errorf("Spacing = %v, want 1", s)
	}
	if s := Spacing(Line{Text: "一", Width: 2}, 14); s != 0 {
		t.Errorf("Spacing of one character = %v, want 0", s)
	}
	if s := Spacing(Line{Text: "一二\n", Width: 4, Hard: true}, 14); s != 0 {
		t.Errorf("Spacing of a hard-broken line = %v, want 0", s)
	}
}

// checkInvariants checks what every result of Lines must satisfy.
func checkInvariants(t *testing.T, text string, max float64, lines []Line, measure func(string) float64) {
	t.Helper()
	var b strings.Builder
	pos := 0
	for i, l := range lines {
		if l.Start != pos || l.End <= l.Start || text[l.Start:l.End] != l.Text {
			t.Fatalf("line %d %+v: bad range (want start %d)", i, l, pos)
		}
		pos = l.End
		b.WriteString(l.Text)
		trimmed := strings.TrimRightFunc(l.Text, isSpace)
		if w := measure(trimmed); math.Abs(w-l.Width) > 1e-6 {
			t.Errorf("line %d %q: Width %v, measured %v", i, l.Text, l.Width, w)
		}
		if l.Width > max+1e-9 && uniseg.GraphemeClusterCount(trimmed) > 1 {
			t.Errorf("line %d %q: width %v > %v", i, l.Text, l.Width, max)
		}
		afterHard := i > 0 && lines[i-1].Hard
		forcedPiece := i > 0 && lines[i-1].Forced
		if r, _ := utf8.DecodeRuneInString(l.Text); i > 0 && !afterHard && !forcedPiece && strings.ContainsRune(NoStart, r) {
			t.Errorf("line %d %q starts with %q", i, l.Text, r)
		}
		if r, _ := utf8.DecodeLastRuneInString(trimmed); i < len(lines)-1 && !l.Hard && !l.Forced && trimmed != "" && strings.ContainsRune(NoEnd, r) {
			t.Errorf("line %d %q ends with %q", i, l.Text, r)
		}
	}
	if b.String() != text {
		t.Fatalf("lines joined = %q, want %q", b.String(), text)
	}
	// a number with its sign and unit that fits on a line is never split;
	// it is measured as set, to the end of the grapheme cluster of its
	// last character (a combining mark on its last digit goes with it)
	ends := map[int]bool{}
	for rest, state, pos := text, -1, 0; rest != ""; {
		var g string
		g, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		pos += len(g)
		ends[pos] = true
	}
	for _, sp := range numberSpans(text) {
		end := sp.end
		for end < len(text) && !ends[end] {
			end++
		}
		if measure(text[sp.start:end]) > max {
			continue
		}
		for i, l := range lines {
			if sp.start < l.End && l.End < sp.end {
				t.Errorf("line %d %q ends inside the number %q, which fits on a line", i, l.Text, text[sp.start:sp.end])
			}
		}
	}
}

func TestBreaks(t *testing.T) {
	b := Breaks("增长3.8%，好\n")
	// 增|长|3.8%，|好\n|: the number may start a line, not end one
	want := map[int]Break{3: Allowed, 6: Allowed, 13: Allowed, 17: Mandatory}
	for i, k := range b {
		if k != want[i] {
			t.Errorf("position %d: %v, want %v", i, k, want[i])
		}
	}
}

func TestLinesAt(t *testing.T) {
	text := "rose people.[1–6,9–11]"
	kinds := Breaks(text)
	if kinds[len("rose people.[1–")] != Allowed {
		t.Fatal("UAX #14 should allow a break after an en dash")
	}
	if got := texts(LinesAt(text, kinds, 18, cols)); !reflect.DeepEqual(got, []string{"rose people.[1–", "6,9–11]"}) {
		t.Errorf("LinesAt with Breaks = %q", got)
	}
	// keep the citation mark whole and with the word before it
	for p := len("rose people."); p < len(kinds); p++ {
		if kinds[p] == Allowed {
			kinds[p] = NoBreak
		}
	}
	if got := texts(LinesAt(text, kinds, 18, cols)); !reflect.DeepEqual(got, []string{"rose ", "people.[1–6,9–11]"}) {
		t.Errorf("LinesAt = %q", got)
	}
	// a breaks slice of the wrong length is ignored
	if got := texts(LinesAt("一二三四", nil, 4, cols)); !reflect.DeepEqual(got, []string{"一二", "三四"}) {
		t.Errorf("LinesAt with nil breaks = %q", got)
	}
}

func TestMarkSets(t *testing.T) {
	for _, r := range NoStart {
		if !noStart(r) {
			t.Errorf("noStart(%q) = false", r)
		}
	}
	for _, r := range NoEnd {
		if !noEnd(r) {
			t.Errorf("noEnd(%q) = false", r)
		}
	}
	for _, r := range "a中1（" {
		if noStart(r) {
			t.Errorf("noStart(%q) = true", r)
		}
	}
	for _, r := range "a中1）" {
		if noEnd(r) {
			t.Errorf("noEnd(%q) = true", r)
		}
	}
}
