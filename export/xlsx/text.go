package xlsx

import (
	"strings"
	"unicode/utf8"
)

// maxText is the most UTF-16 code units a cell holds.
const maxText = 32767

// xmlLegal reports whether XML 1.0 can carry r.
func xmlLegal(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF:
		return false
	case r == 0xFFFE || r == 0xFFFF:
		return false
	}
	return r <= utf8.MaxRune
}

// cleanText checks s for a cell: characters XML cannot carry (and invalid
// UTF-8) are removed, or reported as ErrControlChar when reject is set; a
// text longer than a cell holds is ErrTextTooLong.
func cleanText(s string, reject bool) (string, error) {
	if !isClean(s) {
		var b *strings.Builder
		for i, r := range s {
			ok := xmlLegal(r)
			if r == utf8.RuneError {
				if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
					ok = false // invalid UTF-8, not a real U+FFFD
				}
			}
			if !ok {
				if reject {
					return "", ErrControlChar
				}
				if b == nil {
					b = &strings.Builder{}
					b.Grow(len(s))
					b.WriteString(s[:i])
				}
				continue
			}
			if b != nil {
				b.WriteRune(r)
			}
		}
		if b != nil {
			s = b.String()
		}
	}
	// A UTF-16 string is at most as long as its UTF-8 bytes, so only long
	// texts need counting.
	if len(s) > maxText && utf16Len(s) > maxText {
		return "", ErrTextTooLong
	}
	return s, nil
}

// isClean reports quickly whether s is valid UTF-8 free of characters XML
// cannot carry: no C0 control but tab, line feed and carriage return, no
// U+FFFE or U+FFFF (EF BF BE, EF BF BF); surrogates are invalid UTF-8.
// Eight bytes are tested at a time; only words holding a control byte or
// an EF byte (which begins the full-width forms of Chinese punctuation as
// well) are looked at byte by byte.
func isClean(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if x := load64(s, i); !hasLess(x, 0x20) && !hasZero(x^(0xEF*lsb)) {
			continue
		}
		for j := i; j < i+8; j++ {
			if !cleanAt(s, j) {
				return false
			}
		}
	}
	for ; i < len(s); i++ {
		if !cleanAt(s, i) {
			return false
		}
	}
	return utf8.ValidString(s)
}

// cleanAt reports whether the byte at i neither is a control character XML
// cannot carry nor begins U+FFFE or U+FFFF.
func cleanAt(s string, i int) bool {
	c := s[i]
	if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
		return false
	}
	return !(c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF))
}

const (
	lsb = 0x0101010101010101 // the lowest bit of each byte
	msb = 0x8080808080808080 // the highest bit of each byte
)

// load64 returns the eight bytes of s from i as a little-endian word.
func load64(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// hasZero reports whether some byte of x is zero.
func hasZero(x uint64) bool { return (x-lsb)&^x&msb != 0 }

// hasLess reports whether some byte of x is less than n (n ≤ 128).
func hasLess(x uint64, n byte) bool { return (x-uint64(n)*lsb)&^x&msb != 0 }

// appendEscaped appends s to b escaped for XML character data. Carriage
// returns are written as character references so that XML parsers do not
// turn them into line feeds.
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\r':
			esc = "&#13;"
		case '"':
			esc = "&quot;"
		default:
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// needsPreserve reports whether s needs xml:space="preserve" to keep
// leading or trailing white space.
func needsPreserve(s string) bool {
	if s == "" {
		return false
	}
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	return isSpace(s[0]) || isSpace(s[len(s)-1])
}
