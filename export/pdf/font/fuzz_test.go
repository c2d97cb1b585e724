package font_test

import (
	"testing"

	"github.com/statbrief/statbrief/export/pdf/font"
)

// FuzzParse: Parse and ParseCollection never panic; a font that parses
// answers queries and subsets without panicking, and its subset parses.
func FuzzParse(f *testing.F) {
	small, err := regular(f).Subset([]rune("中文1a，▲"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(small)
	f.Add(small[:len(small)/3])
	f.Add([]byte("OTTO\x00\x01"))
	f.Add(append([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"), small...))
	f.Fuzz(func(t *testing.T, data []byte) {
		face, err := font.Parse(data)
		if err != nil {
			face, err = font.ParseCollection(data, 0)
		}
		if err != nil {
			return
		}
		_ = face.Name()
		_ = face.TextWidth("中文1a\xff😀", 10)
		rs := face.Runes()
		if len(rs) > 64 {
			rs = rs[:64]
		}
		for _, r := range rs {
			if !face.Has(r) {
				t.Fatalf("Runes lists %U but Has is false", r)
			}
			_ = face.Width(r)
		}
		sub, err := face.Subset(rs)
		if err != nil {
			return // e.g. a composite glyph pointing outside the font
		}
		if _, _, err := face.SubsetCID(rs); err != nil {
			t.Fatalf("SubsetCID fails where Subset does not: %v", err)
		}
		again, err := font.Parse(sub)
		if err != nil {
			t.Fatalf("subset does not parse: %v", err)
		}
		for _, r := range rs {
			if !again.Has(r) || again.Advance(r) != face.Advance(r) {
				t.Fatalf("subset lost %U", r)
			}
		}
		set, err := font.NewSet("fuzz", []*font.Face{face}, font.WithReplacement('?'))
		if err == nil {
			_, _ = set.Runs("中文1a\xff😀?", false)
		}
	})
}
