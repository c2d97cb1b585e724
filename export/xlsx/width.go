package xlsx

import (
	"math"
	"strings"

	"github.com/rivo/uniseg"
)

// Column widths are in Excel's unit, the width of the digit 0 of the default
// font. An East Asian wide character (uniseg width 2) takes a little more
// than two of them (a CJK glyph of 11-point text is about 2.1 digit widths
// wide); Latin letters, digits and punctuation take about one. Padding per
// cell keeps text clear of the cell border.
const (
	wideSlack    = 1.08 // per display column of a wide character
	cellPadding  = 2.0  // per cell
	minWidth     = 6.0
	lineHeight   = 16.0  // points per wrapped line of 11-point text, CJK included
	rowHeight    = 18.0  // points of a single-line row
	defaultRowHt = 15.0  // points of a row of the default height
	maxRowHt     = 409.0 // Excel's limit
)

// charSlack is the width of a display column in the worst case, for quick
// bounds.
const charSlack = wideSlack

// textUnits is the width of s in Excel's units: one per ASCII character,
// wideSlack per display column of the others (two for a CJK character).
func textUnits(s string) float64 {
	ascii, wide, ok := quickWidth(s)
	if !ok {
		w := uniseg.StringWidth(s)
		return float64(ascii) + float64(w-ascii)*wideSlack
	}
	return float64(ascii) + float64(wide)*wideSlack
}

// quickWidth measures the common case without segmenting graphemes: text
// made only of printable ASCII, CJK ideographs and punctuation, kana,
// Hangul syllables and full-width forms (East Asian Wide or Fullwidth:
// two columns, as uniseg counts them) and a few narrow punctuation marks.
// It returns ok false for anything else, which uniseg measures.
func quickWidth(s string) (ascii, wide int, ok bool) {
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7F:
			ascii++
		case r >= 0x3000 && r <= 0x303E, r >= 0x3041 && r <= 0x33FF, r >= 0x3400 && r <= 0x4DBF,
			r >= 0x4E00 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF,
			r >= 0xFF01 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6:
			wide += 2
		case r >= 0x2010 && r <= 0x2027, r == 0xB7, r == 0xD7, r == 0xF7, r == 0xB0, r == 0xB1:
			ascii++ // narrow punctuation: one column, counted as one unit
		default:
			return 0, 0, false
		}
	}
	return ascii, wide, true
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
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < 0x80 || s[i] >= 0xC0 {
			n++ // count runes by their first byte
		}
	}
	return 2 * n
}

// colWidth is the column width that shows text of w units on one line.
func colWidth(w float64) float64 {
	return math.Max(minWidth, w+cellPadding)
}

// linesIn is the number of lines text s wraps to in a column (or merged
// range) of width colW.
func linesIn(s string, colW float64) int {
	avail := colW - cellPadding
	if avail < 1 {
		avail = 1
	}
	n := 0
	for _, line := range strings.Split(s, "\n") {
		n += max(1, int(math.Ceil(textUnits(line)/avail)))
	}
	return n
}

// heightFor is the row height in points for n lines of text.
func heightFor(n int) float64 {
	if n <= 1 {
		return rowHeight
	}
	return math.Min(maxRowHt, float64(n)*lineHeight+4)
}
