// Package embedded carries statbrief's default font set: WenQuanYi Micro
// Hei (a sans-serif "hei" face with Latin glyphs, TrueType outlines),
// subset to every character of the seed texts, of the embedded dataset and
// of the labels statbrief writes, all of CJK Unified Ideographs (the 6,763
// GB 2312 hanzi and the traditional and rare ones beside them), ASCII,
// Latin-1, General Punctuation, CJK punctuation, full-width forms, arrows,
// mathematical operators and geometric shapes: 22,460 characters in 3 MB.
//
// The font is Apache-2.0 (or GPL-3+ with the font exception) licensed;
// License returns the notice to ship with programs that embed it.
// build/build.sh rebuilds the file reproducibly from Debian's
// fonts-wqy-microhei (see build/README.md); run it when the dataset gains
// characters.
//
// There is no bold WenQuanYi face: bold is synthesized (see
// font.SyntheticBoldStroke).
//
// Import this package only where PDFs are rendered: it adds the font
// bytes to the binary. Load parses them on every call and keeps no
// cache: call it once and share the *font.Set.
package embedded

import (
	_ "embed" // font bytes
	"fmt"

	"github.com/statbrief/statbrief/export/pdf/font"
)

//go:embed wqy-microhei-subset.ttf
var regular []byte

//go:embed LICENSE-wqy-microhei.txt
var license string

// Name is the name of the set Load returns.
const Name = "WenQuanYi Micro Hei"

// Load parses the embedded font and returns a set with one regular face
// and a synthesized bold (font.Run.SyntheticBold). Options such as
// font.WithReplacement are passed to font.NewSet. Each call parses anew.
func Load(opts ...font.Option) (*font.Set, error) {
	f, err := font.Parse(regular)
	if err != nil {
		return nil, fmt.Errorf("embedded: %w", err)
	}
	return font.NewSet(Name, []*font.Face{f}, opts...)
}

// License returns the copyright and licence text of the embedded font.
func License() string { return license }

// Size returns the size in bytes of the embedded font data.
func Size() int { return len(regular) }
