package font_test

import (
	"errors"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/statbrief/statbrief/export/pdf/font"
	"github.com/statbrief/statbrief/export/pdf/font/embedded"
)

type runView struct {
	Face  int
	Text  string
	Start int
	End   int
}

func view(runs []font.Run) []runView {
	out := []runView{}
	for _, r := range runs {
		out = append(out, runView{r.FaceIndex, r.Text, r.Start, r.End})
	}
	return out
}

// chain builds a two-face set like DroidSansFallback + a Latin font: the
// first face has hanzi and CJK punctuation but no digits or Latin.
func chain(t *testing.T, opts ...font.Option) *font.Set {
	t.Helper()
	cjk := subsetFace(t, "全市增长大連，。％□")
	latin := subsetFace(t, "0123456789.-%GDP ?")
	set, err := font.NewSet("test", []*font.Face{cjk, latin}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestRuns(t *testing.T) {
	set := chain(t)
	tests := []struct {
		text string
		want []runView
	}{
		{"", []runView{}},
		{"全市", []runView{{0, "全市", 0, 6}}},
		{"GDP增长-1.6%，", []runView{{1, "GDP", 0, 3}, {0, "增长", 3, 9}, {1, "-1.6%", 9, 14}, {0, "，", 14, 17}}},
		{"大連2020", []runView{{0, "大連", 0, 6}, {1, "2020", 6, 10}}},
	}
	for _, tt := range tests {
		runs, err := set.Runs(tt.text, false)
		if err != nil {
			t.Fatalf("Runs(%q): %v", tt.text, err)
		}
		if got := view(runs); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Runs(%q) = %+v, want %+v", tt.text, got, tt.want)
		}
		var b strings.Builder
		for _, r := range runs {
			b.WriteString(r.Text)
			for _, c := range r.Text {
				if !r.Face.Has(c) {
					t.Errorf("%q set in a face without it", c)
				}
			}
		}
		if b.String() != tt.text {
			t.Errorf("runs joined = %q, want %q", b.String(), tt.text)
		}
	}
}

func TestRunsMissing(t *testing.T) {
	set := chain(t)
	_, err := set.Runs("全x市😀\xff", false)
	var me *font.MissingGlyphError
	if !errors.As(err, &me) || me.Rune != 'x' || me.Offset != 3 || me.Set != "test" {
		t.Fatalf("err = %v, want MissingGlyphError for x at 3", err)
	}
	if !errors.Is(err, font.ErrMissingGlyph) || !errors.Is(err, font.ErrInvalidUTF8) {
		t.Errorf("err = %v: want every problem reported", err)
	}
	if got := err.Error(); !strings.Contains(got, "U+0078 'x' at byte 3") || !strings.Contains(got, "U+1F600") || !strings.Contains(got, "byte 0xff at offset 11") {
		t.Errorf("err = %v", got)
	}
}

func TestRunsReplacement(t *testing.T) {
	set := chain(t, font.WithReplacement('□'))
	runs, err := set.Runs("全x😀\xff1", false)
	if err != nil {
		t.Fatal(err)
	}
	want := []runView{{0, "全□□□", 0, 9}, {1, "1", 9, 10}}
	if got := view(runs); !reflect.DeepEqual(got, want) {
		t.Errorf("runs = %+v, want %+v", got, want)
	}
	wantRep := []font.Replacement{{'x', 3}, {0x1F600, 4}, {0xFFFD, 8}}
	if !reflect.DeepEqual(runs[0].Replaced, wantRep) {
		t.Errorf("Replaced = %+v, want %+v", runs[0].Replaced, wantRep)
	}
	if _, err := font.NewSet("x", set.Faces(false), font.WithReplacement('桥')); !errors.Is(err, font.ErrMissingGlyph) {
		t.Errorf("replacement no face has: err = %v", err)
	}
	if _, err := font.NewSet("x", set.Faces(false), font.WithReplacement(0x1F600)); err == nil {
		t.Error("astral replacement accepted")
	}
}

func TestBold(t *testing.T) {
	set, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	if !set.SyntheticBold() {
		t.Error("embedded bold should be synthetic")
	}
	runs, err := set.Runs("标题2020", true)
	if err != nil || len(runs) != 1 || !runs[0].SyntheticBold {
		t.Errorf("bold runs = %+v, %v", runs, err)
	}
	runs, _ = set.Runs("标题", false)
	if runs[0].SyntheticBold {
		t.Error("regular run marked bold")
	}
	// A real bold chain.
	reg := subsetFace(t, "标题")
	bold := subsetFace(t, "标题12")
	s2, err := font.NewSet("real", []*font.Face{reg}, font.WithBold(bold))
	if err != nil {
		t.Fatal(err)
	}
	if s2.SyntheticBold() {
		t.Error("SyntheticBold with a bold chain")
	}
	runs, err = s2.Runs("标题12", true)
	if err != nil || len(runs) != 1 || runs[0].Face != bold || runs[0].SyntheticBold {
		t.Errorf("bold runs = %+v, %v", runs, err)
	}
	if _, err := s2.Runs("标题12", false); !errors.Is(err, font.ErrMissingGlyph) {
		t.Errorf("regular chain has no digits: err = %v", err)
	}
	if _, err := font.NewSet("empty", nil); !errors.Is(err, font.ErrEmptySet) {
		t.Errorf("empty set: err = %v", err)
	}
	if _, err := font.NewSet("x", []*font.Face{reg}, font.WithBold()); !errors.Is(err, font.ErrEmptySet) {
		t.Errorf("WithBold(): err = %v", err)
	}
}

func TestWidth(t *testing.T) {
	set := chain(t)
	cjk, latin := set.Faces(false)[0], set.Faces(false)[1]
	want := cjk.TextWidth("增长", 12) + latin.TextWidth("3.8%", 12)
	if got := set.Width("增长3.8%", 12, false); math.Abs(got-want) > 1e-9 {
		t.Errorf("Width = %v, want %v", got, want)
	}
	if got := set.Measure(12, false)("增长"); got != 24 {
		t.Errorf("Measure(增长) = %v, want 24", got)
	}
	runs, _ := set.Runs("增长3.8%", false)
	sum := 0.0
	for _, r := range runs {
		sum += r.Width(12)
	}
	if math.Abs(sum-want) > 1e-9 {
		t.Errorf("run widths sum to %v, want %v", sum, want)
	}
	// Missing characters measure as the replacement or .notdef; no panic.
	_ = set.Width("x😀\xff", 12, true)
	rs := chain(t, font.WithReplacement('□'))
	if got, want := rs.Width("x", 10, false), rs.Width("□", 10, false); got != want {
		t.Errorf("Width(missing) = %v, want width of □ %v", got, want)
	}
}

// TestSystemChain is the case the fallback chain exists for: Debian's
// DroidSansFallbackFull has hanzi but draws digits and Latin as boxes, so
// they go to DejaVu Sans. Skipped when the fonts are not installed.
func TestSystemChain(t *testing.T) {
	load := func(path string) *font.Face {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Skipf("%s not installed", path)
		}
		f, err := font.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	droid := load("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
	dejavu := load("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
	// BMP characters mapped, as fontTools' getBestCmap counts them, for
	// Debian 12's files (recognized by their glyph counts).
	if droid.NumGlyphs() == 49382 && droid.NumRunes() != 28596 {
		t.Errorf("DroidSansFallbackFull: %d characters, fontTools counts 28596", droid.NumRunes())
	}
	if dejavu.NumGlyphs() == 6253 && dejavu.NumRunes() != 5370 {
		t.Errorf("DejaVu Sans: %d characters, fontTools counts 5370", dejavu.NumRunes())
	}
	if !dejavu.Has(0x10300) { // format 12 subtable
		t.Error("DejaVu Sans: U+10300 missing")
	}
	if _, err := set0(droid, dejavu).Runs("\U00010300", false); !errors.Is(err, font.ErrMissingGlyph) {
		t.Errorf("astral rune: err = %v, want ErrMissingGlyph (gofpdf cannot write it)", err)
	}
	if droid.Has('1') || !droid.Has('中') {
		t.Skip("this DroidSansFallback has digits")
	}
	set, err := font.NewSet("system", []*font.Face{droid, dejavu})
	if err != nil {
		t.Fatal(err)
	}
	runs, err := set.Runs("增长3.8%，GDP", false)
	if err != nil {
		t.Fatal(err)
	}
	want := []runView{{0, "增长", 0, 6}, {1, "3.8%", 6, 10}, {0, "，", 10, 13}, {1, "GDP", 13, 16}}
	if got := view(runs); !reflect.DeepEqual(got, want) {
		t.Errorf("runs = %+v, want %+v", got, want)
	}
}

func set0(faces ...*font.Face) *font.Set {
	s, err := font.NewSet("s", faces)
	if err != nil {
		panic(err)
	}
	return s
}
