package xlsx

import (
	"math"
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/statbrief/statbrief/internal/linebreak"
)

// Column widths are in Excel's unit, the width of the digit 0 of the
// default font. One measure serves both the widths of columns and the
// number of lines a text wraps to, so that a text no wider than its column
// takes one line:
//
//   - an East Asian wide character (uniseg width 2) takes 1.9 units: a CJK
//     glyph of 11-point text (14.7 px) is 1.83 digit widths in 等线, Excel's
//     default font for Chinese (8 px digits), less in LibreOffice's usual
//     substitutes;
//   - a printable ASCII character takes its advance width in Calibri (the
//     digits' 1; "i" 0.45, "m" 1.58, "W" 1.76, a space 0.45), which the
//     Latin letters of 等线 and most sans fonts roughly share;
//   - any other character takes one unit per display column.
//
// Padding per cell keeps text clear of the cell border: Excel keeps 5 px;
// a column is made 1.5 units wider than its text, and a text wraps where it
// is wider than its column less 1 unit.
const (
	wideUnits    = 1.9 // per wide character
	cellPadding  = 1.5 // per cell, added to the widest text
	wrapPadding  = 1.0 // per cell, not available to text that wraps
	minWidth     = 6.0
	lineHeight   = 15.0  // points per wrapped line of 11-point text, CJK included
	rowHeight    = 18.0  // points of a single-line row
	defaultRowHt = 15.0  // points of a row of the default height
	maxRowHt     = 409.0 // Excel's limit
	boldSlack    = 1.07  // bold text is wider
)

// charSlack bounds the width of a display column (upperWidth counts two
// per rune): no character is wider than two units.
const charSlack = 1.0

// asciiUnits are the advance widths of the printable ASCII characters
// (space to ~) in Calibri, in thousandths of an em; the digits' 507 is one
// unit.
var asciiUnits = [95]uint16{
	226, 326, 401, 498, 507, 715, 682, 221, 303, 303, 498, 498, 250, 306, 252, 386,
	507, 507, 507, 507, 507, 507, 507, 507, 507, 507, 268, 268, 498, 498, 498, 463,
	894, 579, 544, 533, 615, 488, 459, 631, 623, 252, 319, 520, 420, 855, 646, 662,
	517, 673, 543, 459, 487, 642, 567, 890, 519, 487, 468, 307, 386, 307, 498, 498,
	291, 479, 525, 423, 525, 498, 305, 471, 525, 229, 239, 455, 229, 799, 525, 527,
	525, 525, 349, 391, 335, 525, 452, 715, 433, 453, 395, 314, 460, 314, 498,
}

// asciiWidth is the width of printable ASCII character c in units.
func asciiWidth(c byte) float64 { return float64(asciiUnits[c-0x20]) / 507 }

// runeWidth is the width of r in units and whether it was measured without
// uniseg (see quickWidth): ok false for a rune that only segmenting text
// into grapheme clusters measures right.
func runeWidth(r rune) (w float64, ok bool) {
	switch {
	case r >= 0x20 && r < 0x7F:
		return asciiWidth(byte(r)), true
	case isQuickWide(r):
		return wideUnits, true
	case r >= 0x2010 && r <= 0x2027, r == 0xB7, r == 0xD7, r == 0xF7, r == 0xB0, r == 0xB1:
		return 1, true // narrow punctuation: one column
	}
	return 0, false
}

// isQuickWide reports whether r is a CJK ideograph or punctuation, kana, a
// Hangul syllable or a full-width form: East Asian Wide or Fullwidth, two
// columns as uniseg counts them.
func isQuickWide(r rune) bool {
	return r >= 0x3000 && r <= 0x303E || r >= 0x3041 && r <= 0x33FF || r >= 0x3400 && r <= 0x4DBF ||
		r >= 0x4E00 && r <= 0x9FFF || r >= 0xAC00 && r <= 0xD7A3 || r >= 0xF900 && r <= 0xFAFF ||
		r >= 0xFF01 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6
}

// textUnits is the width of s in Excel's units, on one line.
func textUnits(s string) float64 {
	w := 0.0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x20 && c < 0x7F {
			w += asciiWidth(c)
			continue
		}
		// not only ASCII: rune by rune, uniseg for what needs it
		for j, r := range s[i:] {
			rw, ok := runeWidth(r)
			if !ok {
				return w + slowUnits(s[i+j:])
			}
			w += rw
		}
		return w
	}
	return w
}

// slowUnits measures s grapheme cluster by cluster with uniseg.
func slowUnits(s string) float64 {
	w := 0.0
	state := -1
	for s != "" {
		var c string
		var b int
		c, s, b, state = uniseg.StepString(s, state)
		w += clusterUnits(c, b>>uniseg.ShiftWidth)
	}
	return w
}

// clusterUnits is the width of a grapheme cluster of display width cols.
func clusterUnits(c string, cols int) float64 {
	if len(c) == 1 && c[0] >= 0x20 && c[0] < 0x7F {
		return asciiWidth(c[0])
	}
	return float64(cols) * wideUnits / 2
}

// quickWidth measures the common case without segmenting graphemes: text
// made only of printable ASCII, CJK ideographs and punctuation, kana,
// Hangul syllables and full-width forms (East Asian Wide or Fullwidth:
// two columns, as uniseg counts them) and a few narrow punctuation marks.
// It returns the display columns of the narrow and of the wide characters,
// and ok false for anything else, which uniseg measures.
func quickWidth(s string) (narrow, wide int, ok bool) {
	for _, r := range s {
		switch _, ok := runeWidth(r); {
		case !ok:
			return 0, 0, false
		case isQuickWide(r):
			wide += 2
		default:
			narrow++
		}
	}
	return narrow, wide, true
}

// displayWidth is the width of s in display columns: East Asian wide
// characters count two (uniseg), so "大连市" is 6 and "2020" is 4. For the
// widest line of a multi-line text.
func displayWidth(s string) int {
	if strings.IndexByte(s, '\n') >= 0 {
		w := 0
		for _, line := range strings.Split(s, "\n") {
			w = max(w, displayWidth(line))
		}
		return w
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return len(s)
	}
	return uniseg.StringWidth(s)
}

// upperWidth is a cheap upper bound of displayWidth(s): two columns per rune.
func upperWidth(s string) int {
	// count runes by their first byte: every byte but the continuation
	// bytes 10xxxxxx, eight at a time
	cont := 0
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := load64(s, i)
		cont += bits.OnesCount64(x &^ (x << 1) & msb)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			cont++
		}
	}
	return 2 * (len(s) - cont)
}

// colWidth is the column width that shows text of w units on one line.
func colWidth(w float64) float64 {
	return math.Max(minWidth, w+cellPadding)
}

// linesIn is the number of lines text s wraps to in a column (or merged
// range) of width colW, measured as textUnits measures, breaking lines as
// a spreadsheet does: between CJK characters (no line starts with a
// closing mark, none ends with an opening one) and at spaces; a word wider
// than the column is broken between characters.
func linesIn(s string, colW float64) int {
	return linesScaled(s, colW, 1)
}

// linesScaled is linesIn for text drawn scale times as wide as 11-point
// regular text (bold, or smaller print).
func linesScaled(s string, colW, scale float64) int {
	avail := (colW - wrapPadding) / scale
	if avail < 1 {
		avail = 1
	}
	n := 0
	for {
		line, rest, more := strings.Cut(s, "\n")
		n += wrapLine(line, avail)
		if !more {
			return n
		}
		s = rest
	}
}

// Line breaking classes of the quick path.
const (
	brSpace = iota // a space: a line may break after it, and it hangs at the end
	brWord         // ASCII and narrow marks: no break between two of them
	brIdeo         // a CJK character: breaks before and after
	brClose        // a closing mark: no break before it
	brOpen         // an opening mark: no break after it
)

// breakClass is the line-breaking class of a rune the quick path measures.
func breakClass(r rune) int {
	switch {
	case r == ' ':
		return brSpace
	case r >= 0x4E00 && r <= 0x9FFF:
		return brIdeo // the common case: no ideograph is a mark
	case r < 0x80 && r > ' ' && !asciiMark[r]:
		return brWord
	case strings.ContainsRune(linebreak.NoStart, r):
		return brClose
	case strings.ContainsRune(linebreak.NoEnd, r):
		return brOpen
	case r < 0x80 || r == 0x2014 || r == 0x2026:
		return brWord
	case isQuickWide(r):
		return brIdeo
	}
	return brWord
}

// asciiMark tells the ASCII characters of linebreak.NoStart and NoEnd.
var asciiMark = func() (m [0x80]bool) {
	for _, r := range linebreak.NoStart + linebreak.NoEnd {
		if r < 0x80 {
			m[r] = true
		}
	}
	return m
}()

// wrapLine counts the lines of a text without newlines in avail units.
func wrapLine(s string, avail float64) int {
	if s == "" {
		return 1
	}
	if textUnits(s) <= avail {
		return 1
	}
	lines := 1
	lw := 0.0      // the line's width so far, the current piece included
	pieceAt := 0.0 // the line's width where the current piece starts
	prev := brOpen // class of the previous rune; the text's start allows no break
	for i, r := range s {
		rw, ok := runeWidth(r)
		if !ok {
			return slowLines(s, avail)
		}
		if r == utf8.RuneError {
			rw = 1
		}
		cls := breakClass(r)
		if cls == brSpace {
			lw += rw // hangs at the end of a line: moved with no piece
			prev = cls
			continue
		}
		canBreak := prev != brOpen && cls != brClose && (prev == brSpace || cls == brIdeo || cls == brOpen || prev == brIdeo || prev == brClose)
		if i > 0 && canBreak {
			pieceAt = lw
		}
		if lw+rw > avail && lw > 0 {
			if pieceAt > 0 && lw-pieceAt+rw <= avail {
				lw -= pieceAt // the piece starts the next line
			} else {
				lw = 0 // a piece wider than a line: broken here
			}
			lines++
			pieceAt = 0
		}
		lw += rw
		prev = cls
	}
	return lines
}

// slowLines breaks a line with internal/linebreak (UAX #14 via uniseg)
// when it holds characters the quick path does not measure.
func slowLines(s string, avail float64) int {
	return max(1, len(linebreak.Lines(s, avail, textUnits)))
}

// heightFor is the row height in points for n lines of text.
func heightFor(n int) float64 {
	if n <= 1 {
		return rowHeight
	}
	return math.Min(maxRowHt, float64(n)*lineHeight+3)
}

// noteScale is the width of the notes' 9-point text to 11-point text.
const noteScale = 9.0 / 11

// noteHeight is the height in points of a row of n lines of 9-point notes.
func noteHeight(n int) float64 {
	return math.Min(maxRowHt, float64(max(n, 1))*12.5+4)
}

// canBreak reports whether a text has a place to wrap: a space, a hyphen
// or an East Asian character.
func canBreak(s string) bool {
	for _, r := range s {
		if r == ' ' || r == '-' || r >= 0x2E80 {
			return true
		}
	}
	return false
}
