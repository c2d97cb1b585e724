package linebreak

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// pieces the fuzz corpus mixes: hanzi, Latin words, digits and units,
// CJK and Latin punctuation, spaces, newlines, emoji and astral hanzi.
var pieces = []string{
	"全", "市", "经济", "稳中有进", "大連", "萬", "亿元", "万人", "个百分点",
	"GDP", "growth", "hello", "x", "https://example.com/a/b",
	"0", "3.8", "-1.6", "11.11", "2020", "％", "%", "‰",
	"，", "。", "、", "；", "：", "？", "！", "（", "）", "《", "》", "「", "」", "“", "”", "‘", "’", "…", "【", "】",
	",", ".", ";", ":", "?", "!", "(", ")", " ", "  ", "　", "\n", "\r\n", "\t",
	"😀", "👍🏽", "👨‍👩‍👧", "🇨🇳", "𠀀", "𪚥", "e\u0301", "\u200b", "\u00a0",
}

// widthOf gives each rune a width: wide 2, astral 2, combining and zero
// width 0, others 1 (additive, like a font without kerning).
func widthOf(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r == 0x301 || r == 0x200b || r == 0x200d || (r >= 0x1F3FB && r <= 0x1F3FF):
		case r >= 0x1100 && (wide(r) || r > 0xFFFF || r == '“' || r == '”'):
			w += 2
		default:
			w++
		}
	}
	return w
}

// randomWidths returns an additive measure that gives each rune widthOf
// scaled by a factor in [0.5, 1.5) drawn from seed: fonts differ.
func randomWidths(seed uint64) func(string) float64 {
	return func(s string) float64 {
		w := 0.0
		for _, r := range s {
			h := (uint64(r) + seed) * 0x9E3779B97F4A7C15
			w += widthOf(string(r)) * (0.5 + float64(h>>40)/float64(1<<24))
		}
		return w
	}
}

// FuzzLines breaks random mixes of hanzi, Latin words, digits, CJK and
// Latin punctuation, spaces, emoji and astral characters, plus arbitrary
// bytes, at random widths with random character widths: Lines never
// panics, the lines joined give the text back (nothing lost, duplicated
// or reordered), no line is wider than the limit unless it is one
// grapheme, and no line starts with a closing mark or ends with an
// opening one unless it is part of a single unbreakable unit.
func FuzzLines(f *testing.F) {
	f.Add(uint64(1), uint8(10), []byte(nil))
	f.Add(uint64(2), uint8(1), []byte("一二三，四五"))
	f.Add(uint64(3), uint8(0), []byte("11.11万人\n\xff"))
	f.Add(uint64(4), uint8(40), []byte("“全市”GDP增长-1.6%。"))
	f.Fuzz(func(t *testing.T, seed uint64, width uint8, extra []byte) {
		rng := rand.New(rand.NewPCG(seed, seed>>7))
		var b strings.Builder
		for n := rng.IntN(60); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		b.Write(extra) // arbitrary bytes, invalid UTF-8 included
		text := b.String()
		max := float64(width) / 2
		measure := widthOf
		if seed%3 != 0 {
			measure = randomWidths(seed)
		}
		lines := Lines(text, max, measure)
		if text == "" && len(lines) != 0 {
			t.Fatalf("empty text gave %d lines", len(lines))
		}
		// LinesAt with some break opportunities taken away (as a caller
		// keeping a citation mark whole does) still gives the text back
		kinds := Breaks(text)
		for p := range kinds {
			if rng.IntN(3) == 0 {
				kinds[p] = NoBreak
			}
		}
		var joined strings.Builder
		for _, l := range LinesAt(text, kinds, max, measure) {
			joined.WriteString(l.Text)
		}
		if joined.String() != text {
			t.Fatalf("LinesAt: lines joined = %q, want %q", joined.String(), text)
		}
		if utf8.ValidString(text) {
			checkInvariants(t, text, max, lines, measure)
			return
		}
		var j strings.Builder
		for _, l := range lines {
			j.WriteString(l.Text)
		}
		if j.String() != text {
			t.Fatalf("lines joined = %q, want %q", j.String(), text)
		}
	})
}
