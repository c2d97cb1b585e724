package pdf

import (
	"fmt"
	"github.com/statbrief/statbrief/export/pdf/font"
	"strings"
	"unicode/utf8"
)

// faceInfo is layout's view of one font face: how wide its glyphs are and
// how to subset it for a document.
type faceInfo struct {
	name    string
	advance func(r rune) float64 // advance width in ems
	has     func(r rune) bool
	// subset returns a font file with the glyphs of runes and each rune's
	// glyph index in it
	subset func(runes []rune) ([]byte, map[rune]uint16, error)
	// metrics in thousandths of an em, for the PDF font descriptor
	ascent, descent, capHeight float64
	bbox                       [4]float64
}

// shaper splits text into spans by face and measures them. It is built
// once per renderer from the font set and shared by every document.
type shaper struct {
	faces []*faceInfo
	// chain lists the faces in fallback order, regular [0] and bold [1]:
	// a character is set in the first face of the chain that has it.
	chain [2][]int
	// synthBold: bold text is set in the regular faces and emboldened by
	// stroking (the set has no bold face).
	synthBold bool
	// bmp maps every character of the Basic Multilingual Plane to the
	// face of each chain that sets it and its advance (see prepare).
	bmp [2][]advance
}

// prepare tabulates, for every character of the Basic Multilingual Plane,
// the first face of each chain that has it: layout looks characters up
// by index, with no map and no per-document cache.
func (s *shaper) prepare() {
	for bi := range s.chain {
		t := make([]advance, 0x10000)
		for r := range t {
			t[r] = advance{face: -1}
			for _, fi := range s.chain[bi] {
				f := s.faces[fi]
				if f.has(rune(r)) {
					t[r] = advance{face: int16(fi), w: float32(f.advance(rune(r)))}
					break
				}
			}
		}
		s.bmp[bi] = t
	}
}

func (s *shaper) width(face int, text string, size float64) float64 {
	f := s.faces[face]
	w := 0.0
	for _, r := range text {
		w += f.advance(r)
	}
	return w * size
}

// MissingGlyph is a character no font of the set has, and where it stands.
type MissingGlyph struct {
	Rune  rune   // the character
	Where string // e.g. `section "overview", block 3`
}

// MissingGlyphError reports characters of a document no font of the set
// has (or that cannot be set at all: invalid UTF-8, characters above
// U+FFFF), with where each stands.
type MissingGlyphError struct {
	Glyphs []MissingGlyph // every character no font has, with where it stands, in order
}

// Error names the first five characters and where they stand.
func (e *MissingGlyphError) Error() string {
	var b strings.Builder
	b.WriteString("pdf: no font has ")
	for i, g := range e.Glyphs {
		if i == 5 {
			fmt.Fprintf(&b, " and %d more", len(e.Glyphs)-5)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%U %q (%s)", g.Rune, g.Rune, g.Where)
	}
	return b.String()
}

// Unwrap returns font.ErrMissingGlyph, so that errors.Is can test for it.
func (e *MissingGlyphError) Unwrap() error { return font.ErrMissingGlyph }

// Replacement is the visible character substituted for one no font has
// when SubstituteMissing is set.
const Replacement = '?'

// sanitize replaces invalid UTF-8 and characters outside the Basic
// Multilingual Plane (font subsets carry a format 4 cmap only),
// reporting each.
func sanitize(s string) (string, []rune) {
	ok := utf8.ValidString(s)
	if ok {
		// in valid UTF-8, a character above U+FFFF is the one whose first
		// byte is F0 or more
		for i := 0; i < len(s); i++ {
			if s[i] >= 0xF0 {
				ok = false
				break
			}
		}
	}
	if ok {
		return s, nil
	}
	var b strings.Builder
	var bad []rune
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			bad = append(bad, utf8.RuneError)
			b.WriteRune(Replacement)
		} else if r > 0xFFFF {
			bad = append(bad, r)
			b.WriteRune(Replacement)
		} else {
			b.WriteRune(r)
		}
		i += n
	}
	return b.String(), bad
}
