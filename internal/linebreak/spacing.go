package linebreak

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Spacing returns the extra space to put after every character but the
// last of l to justify it to width (PDF character spacing, Tc). It is 0
// for a hard-broken line, a line of one character, and a line already as
// wide as width; the last line of a paragraph is the caller's to skip.
func Spacing(l Line, width float64) float64 {
	if l.Hard || l.Width >= width {
		return 0
	}
	n := utf8.RuneCountInString(strings.TrimRightFunc(l.Text, unicode.IsSpace))
	if n < 2 {
		return 0
	}
	return (width - l.Width) / float64(n-1)
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }
