// Package linebreak breaks paragraphs of Chinese (and mixed Chinese and
// Latin) text into lines no wider than a limit.
//
// Break opportunities come from the Unicode line breaking algorithm
// (UAX #14, via github.com/rivo/uniseg), tailored for Chinese typesetting:
//
//   - no line starts with a closing mark: ，。、；：？！）》」』】〉”’％‰…
//     and their half-width kin , . ; : ? ! ) ] } %;
//   - no line ends with an opening mark: （《「『【〈“‘ and ( [ {;
//   - a line may break before an opening quote “‘ and after a closing
//     quote ”’ that stand between Chinese characters (UAX #14 keeps
//     quotes glued to both neighbours);
//   - a number stays with its sign, percent, magnitude and unit, the
//     words that qualify it and the asterisk of a derived figure:
//     "11.11万人", "-1.6%", "3.8个百分点", "2020年", "约4.0亿美元*",
//     "1.1万余户", "300天以上" are not split, nor are periods named in
//     words ("一季度", "上半年");
//   - a line may break after a space before a number's sign ("than
//     -83.3%": UAX #14 keeps a hyphen-minus with the space before it).
//
// A piece that cannot be broken and is wider than the limit is broken
// between grapheme clusters, never inside one, and not inside a number
// when the piece can break elsewhere: a number that fits on a line is
// never split.
//
// Invariant: the texts of the lines, joined, are the input exactly.
//
// White space: spaces at a break stay at the end of the line they follow
// (they are part of its Text) but do not count in its Width. A newline
// (LF, CR, CRLF, VT, FF, NEL, U+2028, U+2029) is a hard break: it ends
// its line, is kept at the end of that line's Text, and does not count in
// its Width. Text ending in a newline has no extra empty line after it;
// empty text has no lines.
package linebreak

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Line is one line of a broken paragraph.
type Line struct {
	Start, End int     // byte range of the line in the input
	Text       string  // input[Start:End], trailing spaces and newline included
	Width      float64 // width of Text without its trailing white space
	Hard       bool    // the line ends with a newline (a mandatory break)
	Forced     bool    // the line ends inside an unbreakable piece too wide for a line
}

const (
	// NoStart lists the marks a line must not start with.
	NoStart = "，。、；：？！）》」』】〉”’％‰…‥·～,.;:?!)]}%"
	// NoEnd lists the marks a line must not end with.
	NoEnd = "（《「『【〈“‘([{"
)

// Break tells whether a line may break at a byte position.
type Break uint8

// Break values.
const (
	NoBreak   Break = iota // the line must not break here
	Allowed                // the line may break here
	Mandatory              // the line must break here (after a newline)
)

// Lines breaks text into lines whose Width is at most maxWidth, using
// measure for the width of a piece of text. measure is assumed additive
// (the width of a string is the sum of the widths of its parts), as it is
// for fonts without kerning; a nil measure counts runes. Lines never
// panics and the lines' texts joined give text back.
func Lines(text string, maxWidth float64, measure func(s string) float64) []Line {
	if text == "" {
		return nil
	}
	return LinesAt(text, Breaks(text), maxWidth, measure)
}

// LinesAt is Lines with the break opportunities given: breaks[p] for every
// byte position p of text, as Breaks returns them, perhaps edited by the
// caller (for example to keep a citation mark with the word before it).
// The end of the text always ends a line. A breaks slice of the wrong
// length is ignored: Breaks(text) is used.
func LinesAt(text string, breaks []Break, maxWidth float64, measure func(s string) float64) []Line {
	if text == "" {
		return nil
	}
	if measure == nil {
		measure = func(s string) float64 { return float64(utf8.RuneCountInString(s)) }
	}
	kinds := breaks
	if len(kinds) != len(text)+1 {
		kinds = Breaks(text)
	}
	var lines []Line
	start := 0
	full, trim := 0.0, 0.0 // current line's width with and without trailing space
	emit := func(end int, forced bool) {
		t := text[start:end]
		lines = append(lines, Line{Start: start, End: end, Text: t, Width: trim, Hard: endsWithNewline(t), Forced: forced})
		start, full, trim = end, 0, 0
	}
	prev := 0
	for p := 1; p <= len(text); p++ {
		if kinds[p] == NoBreak && p < len(text) { // the end of the text always ends a unit
			continue
		}
		unit := text[prev:p]
		uFull, uTrim, blank := widths(unit, measure)
		// a unit of white space only hangs at the end of the line
		if !blank && prev > start && full+uTrim > maxWidth {
			emit(prev, false)
		}
		if prev == start && uTrim > maxWidth {
			forceBreak(text, prev, p, maxWidth, measure, func(end int) {
				_, trim, _ = widths(text[start:end], measure)
				emit(end, true)
			})
			uFull, uTrim, blank = widths(text[start:p], measure)
		}
		if !blank {
			trim = full + uTrim
		}
		full += uFull
		if kinds[p] == Mandatory {
			emit(p, false)
		}
		prev = p
	}
	if start < len(text) {
		emit(len(text), false)
	}
	return lines
}

// widths returns the width of s and of s without trailing white space,
// and whether s is all white space.
func widths(s string, measure func(string) float64) (full, trim float64, blank bool) {
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	if t == "" {
		return measure(s), 0, true
	}
	trim = measure(t)
	if len(t) == len(s) {
		return trim, trim, false
	}
	return measure(s), trim, false
}

// forceBreak breaks text[from:to], an unbreakable piece wider than
// maxWidth, between grapheme clusters, calling emit with the end of each
// full line; what is left is the start of the next line. It never breaks
// inside a number (with its sign and unit) when the line can break
// elsewhere, and it prefers to break after a separator inside the piece
// (. _ / - : of a file name, an identifier, a URL, not the decimal point
// of a number) when that keeps at least half the line filled.
func forceBreak(text string, from, to int, maxWidth float64, measure func(string) float64, emit func(end int)) {
	spans := numberSpans(text[from:to])
	inNumber := func(p int) bool { // p: a position in text
		for _, s := range spans {
			if from+s.start < p && p < from+s.end {
				return true
			}
		}
		return false
	}
	numberStart := func(p int) int { // the start of the number p is inside; -1 for none
		for _, s := range spans {
			if from+s.start < p && p < from+s.end {
				return from + s.start
			}
		}
		return -1
	}
	state := -1
	rest := text[from:to]
	pos := from
	lineStart, w := from, 0.0
	soft, softW := -1, 0.0   // last position after a separator in this line, and the width up to it
	clean, cleanW := -1, 0.0 // last position in this line outside a number, and the width up to it
	for len(rest) > 0 {
		var g string
		g, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		gFull, gw, blank := widths(g, measure)
		if !blank && pos > lineStart && w+gw > maxWidth {
			switch {
			case soft > lineStart && softW >= maxWidth/2:
				emit(soft)
				lineStart, w = soft, w-softW
			case inNumber(pos) && clean > lineStart:
				emit(clean)
				lineStart, w = clean, w-cleanW
			}
			soft, clean = -1, -1
			// the new line may already hold the start of the number pos
			// is in ("_" ended the last line, "H0000…" goes on): the
			// number's start is where this line can end clean
			if q := numberStart(pos); q > lineStart {
				clean, cleanW = q, measure(text[lineStart:q])
			}
		}
		if !blank && pos > lineStart && w+gw > maxWidth {
			emit(pos)
			lineStart, w = pos, 0
			soft, clean = -1, -1
		}
		if pos > lineStart && !inNumber(pos) {
			clean, cleanW = pos, w
		}
		w += gFull
		pos += len(g)
		if strings.ContainsAny(g, "._/-:") && pos < to && !inNumber(pos) {
			soft, softW = pos, w
		}
	}
}

// Breaks returns, for every byte position 0..len(text) of text, whether a
// line may or must break there, after the Chinese tailoring described in
// the package documentation. Position 0 is always NoBreak.
func Breaks(text string) []Break { return BreaksCached(text, nil) }

// BreaksCached is Breaks, looking up the break opportunities of the
// words of text in c (nil: none) and keeping those it finds there.
func BreaksCached(text string, c *Cache) []Break {
	kinds := make([]Break, len(text)+1)
	unicodeBreaks(text, kinds, c)
	tailor(text, kinds)
	return kinds
}

// tailor applies the Chinese tailoring of the package documentation to
// the UAX #14 break opportunities of text.
func tailor(text string, kinds []Break) {
	// Quotes between Chinese characters: allow a break before “‘ and
	// after ”’.
	prev := rune(-1)
	for i, r := range text {
		if i > 0 && kinds[i] == NoBreak {
			next, _ := utf8.DecodeRuneInString(text[i:])
			switch {
			case (next == '“' || next == '‘') && wide(prev) && !noEnd(prev):
				kinds[i] = Allowed
			case (prev == '”' || prev == '’') && wide(r) && !noStart(r):
				kinds[i] = Allowed
			}
		}
		prev = r
	}
	// Kinsoku: no line starts with a closing mark or ends with an opening one.
	lastSolid := rune(-1) // last non-space rune before i
	for i, r := range text {
		if i > 0 && kinds[i] == Allowed && (noStart(r) || noEnd(lastSolid)) {
			kinds[i] = NoBreak
		}
		if !unicode.IsSpace(r) {
			lastSolid = r
		}
	}
	glueNumbers(text, kinds)
}

// unicodeBreaks sets the break opportunities of UAX #14 (uniseg) in
// kinds, chunk by chunk (see chunkEnd), the short chunks' from c.
func unicodeBreaks(text string, kinds []Break, c *Cache) {
	for a := 0; a < len(text); {
		b := chunkEnd(text, a)
		chunk := text[a:b]
		var k []Break
		if c != nil && len(chunk) <= maxChunk {
			k = c.get(chunk)
		} else {
			k = make([]Break, len(chunk)+1)
			segmentBreaks(chunk, k)
		}
		copy(kinds[a+1:b+1], k[1:])
		a = b
	}
}

// maxChunk is the longest chunk a Cache keeps, in bytes.
const maxChunk = 64

// chunkEnd is where the chunk of text starting at a ends: before the first
// ASCII letter or digit that follows a space after an ASCII letter, digit,
// full stop or comma (the end of a word), or at the end of text. UAX #14
// allows a break there (LB18) and looks no further back: the break
// opportunities inside a chunk are those it has on its own.
func chunkEnd(text string, a int) int {
	for q := a + 1; q < len(text); q++ {
		if text[q-1] != ' ' || !asciiAlnum(text[q]) {
			continue
		}
		p := q - 1
		for p > a && text[p-1] == ' ' {
			p--
		}
		if p > a {
			if c := text[p-1]; asciiAlnum(c) || c == '.' || c == ',' {
				return q
			}
		}
	}
	return len(text)
}

func asciiAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// segmentBreaks sets the break opportunities of UAX #14 (uniseg) in kinds.
func segmentBreaks(text string, kinds []Break) {
	state := -1
	rest := text
	pos := 0
	for len(rest) > 0 {
		var seg string
		var must bool
		seg, rest, must, state = uniseg.FirstLineSegmentInString(rest, state)
		pos += len(seg)
		// uniseg reports some breaks inside emoji sequences as mandatory:
		// only a newline makes a hard break here.
		if must && endsWithNewline(seg) {
			kinds[pos] = Mandatory
		} else {
			kinds[pos] = Allowed
		}
	}
}

// noStartSet and noEndSet hold the runes of NoStart and NoEnd: those
// below U+0080 in a table, the others in a map (read-only after init).
var noStartSet, noEndSet = runeSet(NoStart), runeSet(NoEnd)

// markSet is a set of marks.
type markSet struct {
	ascii [128]bool
	other map[rune]bool
}

func (m *markSet) has(r rune) bool {
	if r >= 0 && r < 128 {
		return m.ascii[r]
	}
	return m.other[r]
}

func runeSet(s string) *markSet {
	m := &markSet{other: map[rune]bool{}}
	for _, r := range s {
		if r < 128 {
			m.ascii[r] = true
		} else {
			m.other[r] = true
		}
	}
	return m
}

// noStart reports whether a line must not start with r.
func noStart(r rune) bool {
	return !common(r) && noStartSet.has(r)
}

// common reports whether r is an ASCII letter or digit or a hanzi of the
// basic block: most text, and in neither set.
func common(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r >= 0x4E00 && r <= 0x9FFF
}

// noEnd reports whether a line must not end with r.
func noEnd(r rune) bool {
	return !common(r) && noEndSet.has(r)
}

func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF60) ||
		noStart(r) && r > 0x7F
}

func endsWithNewline(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}
