package linebreak

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// reference is Breaks without chunks: UAX #14 over the whole text.
func reference(text string) []Break {
	kinds := make([]Break, len(text)+1)
	segmentBreaks(text, kinds)
	tailor(text, kinds)
	return kinds
}

// checkChunks checks that Breaks, with and without a cache, finds the
// break opportunities UAX #14 finds over the whole text.
func checkChunks(t *testing.T, text string, c *Cache) {
	t.Helper()
	want := reference(text)
	for _, got := range [][]Break{Breaks(text), BreaksCached(text, c)} {
		for p := range want {
			if got[p] != want[p] {
				t.Fatalf("%q at %d (%q|%q): %v, over the whole text %v", text, p, text[:p], text[p:], got[p], want[p])
			}
		}
	}
}

// chunkPieces are what the texts of TestChunks are made of: words,
// numbers, spaces, ASCII and CJK punctuation, quotes, brackets, hanzi,
// emoji and regional indicators, combining marks.
var chunkPieces = append([]string{"a", "b", "Ibid.", "byte", "12", "3.5", "-", "-1", "+", "%", "(", ")", "[", "]", "'", "\"", "/", ".", ",", ":", ";",
	"?", "!", "$", "€", "—", "–", "…", "·", "\u00a0", "\u200b", "\u0301", "🇨", "🇳", "\t", " ", " ", " ", " "}, pieces...)

// TestChunks: Breaks finds, chunk by chunk (and from a cache), the break
// opportunities UAX #14 finds over the whole text.
func TestChunks(t *testing.T) {
	c := NewCache(1 << 16)
	for _, s := range []string{"", " ", "a b", "a  b", "Looking back at 2020: a review (000_0834e4629ed69cd9.txt, byte 10050)",
		"no more than -83.3% and ( a b ) 'q' b", "1. a, b", "x - 1", "a -1 b", "“全市” GDP growth 达到 6%", "a \u0301b", "🇨🇳 🇨🇳 a"} {
		checkChunks(t, s, c)
	}
	rng := rand.New(rand.NewPCG(3, 5))
	for range 100000 {
		var b strings.Builder
		for n := rng.IntN(14); n > 0; n-- {
			b.WriteString(chunkPieces[rng.IntN(len(chunkPieces))])
		}
		checkChunks(t, b.String(), c)
	}
}

// FuzzChunks: on any text, Breaks chunk by chunk agrees with UAX #14 over
// the whole text.
func FuzzChunks(f *testing.F) {
	f.Add("Report on the Work of the Dalian Municipal Government, 2020 (002_f43de3d8f036b3c9.txt, byte 7764)")
	f.Add("( 'a' ) -1 a-1 1/a 。 “全市”")
	c := NewCache(1 << 16)
	f.Fuzz(func(t *testing.T, s string) { checkChunks(t, s, c) })
}
