// Package font parses TrueType fonts once and serves what a PDF layout
// needs from them: which characters a face has, their advance widths, the
// face's vertical metrics, and a small per-document subset font file.
//
// # Getting started
//
// Parse a font with [Parse] (or [ParseCollection] for one face of a .ttc),
// put faces into a fallback chain with [NewSet], then ask the set to split
// text into [Run]s, each set in the first face that has its characters:
//
//	face, err := font.Parse(ttfBytes)
//	set, err := font.NewSet("body", []*font.Face{face})
//	runs, err := set.Runs("同比增长3.8%", false)
//
// Package embedded (export/pdf/font/embedded) ships a default set covering
// GB 2312, the seed texts' traditional characters, Latin-1 and the symbols
// a statistical briefing uses.
//
// # Concurrency and cost
//
// A [Face] and a [Set] are immutable once built and safe for concurrent
// use. Parsing is the expensive step: parse once per process and share the
// Set across documents and goroutines. [Face.Subset] is cheap and returns
// fresh bytes on every call: hand each PDF document its own subset (gofpdf, for one,
// rewrites the bytes it is given, so documents must never share them).
//
// # Limits
//
// Only TrueType outlines (a 'glyf' table) are accepted: OpenType fonts
// with CFF outlines fail with [ErrNotTrueType]. Subsets carry a format 4
// cmap only, so characters above U+FFFF are never set in a run: a Set
// reports them as missing glyphs.
//
// # Bold
//
// A Set may have a real bold chain ([WithBold]). Without one, bold runs
// use the regular faces with [Run.SyntheticBold] set: the painter then
// draws the text with fill-and-stroke rendering (PDF text render mode 2)
// and a line width of [SyntheticBoldStroke] times the font size.
package font
