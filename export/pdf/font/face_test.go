package font_test

import (
	"encoding/binary"
	"errors"
	"os"
	"slices"
	"testing"

	"github.com/statbrief/statbrief/export/pdf/font"
	"github.com/statbrief/statbrief/export/pdf/font/embedded"
)

// regular returns the embedded default face.
func regular(t testing.TB) *font.Face {
	t.Helper()
	set, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	return set.Faces(false)[0]
}

// subsetFace parses a subset of the embedded face holding only text's
// characters.
func subsetFace(t testing.TB, text string) *font.Face {
	t.Helper()
	data, err := regular(t).Subset([]rune(text))
	if err != nil {
		t.Fatal(err)
	}
	f, err := font.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestEmbeddedFace(t *testing.T) {
	f := regular(t)
	if f.UnitsPerEm() != 2048 || f.Ascent() <= 0 || f.Descent() >= 0 || f.CapHeight() <= 0 || f.CapHeight() > f.Ascent() {
		t.Errorf("metrics: upem %d ascent %d descent %d cap %d", f.UnitsPerEm(), f.Ascent(), f.Descent(), f.CapHeight())
	}
	if f.Name() == "" {
		t.Error("no name")
	}
	for _, r := range "中国大連經濟０9Aa%％，。、▲▼→↑↓±×÷≈‰℃□" {
		if !f.Has(r) {
			t.Errorf("embedded face lacks %U %q", r, r)
		}
	}
	for _, r := range []rune{0x1F600, 0x20000, -1, 0xD800, 0x110000} {
		if f.Has(r) {
			t.Errorf("Has(%U) = true", r)
		}
	}
	// CJK ideographs are one em wide; digits narrower.
	if w := f.Width('中'); w != 1000 {
		t.Errorf("Width(中) = %v per mille, want 1000", w)
	}
	if a := f.Advance('1'); a <= 0 || a >= f.UnitsPerEm() {
		t.Errorf("Advance(1) = %d", a)
	}
	if got, want := f.TextWidth("中中", 10), 20.0; got != want {
		t.Errorf("TextWidth = %v, want %v", got, want)
	}
	if n := len(f.Runes()); n != f.NumRunes() || n < 8500 {
		t.Errorf("Runes: %d, NumRunes %d", n, f.NumRunes())
	}
}

// TestEmbeddedCoverage: all 6,763 GB 2312 hanzi are in the embedded face
// (checked through the code points GB 2312 row/cell arithmetic yields,
// read from testdata made with Python's gb2312 codec, as embedded/build/charset.py does).
func TestEmbeddedCoverage(t *testing.T) {
	data, err := os.ReadFile("testdata/gb2312-hanzi.txt")
	if err != nil {
		t.Fatal(err)
	}
	f := regular(t)
	n := 0
	for _, r := range string(data) {
		if r == '\n' {
			continue
		}
		n++
		if !f.Has(r) {
			t.Errorf("missing GB 2312 hanzi %U %q", r, r)
		}
	}
	if n != 6763 {
		t.Errorf("%d hanzi in testdata, want 6763", n)
	}
}

func TestSubsetRoundTrip(t *testing.T) {
	base := regular(t)
	text := "大连市2020年经济稳中有進，GDP增长-1.6%％。ABCxyz▲▼"
	data, err := base.Subset([]rune(text + text)) // duplicates are fine
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 64<<10 {
		t.Errorf("subset of %d runes is %d bytes", len([]rune(text)), len(data))
	}
	sub, err := font.Parse(data)
	if err != nil {
		t.Fatalf("subset does not parse: %v", err)
	}
	for _, r := range text {
		if !sub.Has(r) {
			t.Errorf("subset lacks %U", r)
		}
		if sub.Advance(r) != base.Advance(r) {
			t.Errorf("%q: advance %d, want %d", r, sub.Advance(r), base.Advance(r))
		}
	}
	if sub.Has('桥') {
		t.Error("subset has a rune it was not asked for")
	}
	if sub.UnitsPerEm() != base.UnitsPerEm() || sub.Ascent() != base.Ascent() || sub.CapHeight() != base.CapHeight() {
		t.Error("subset metrics differ")
	}
	// Same input, same bytes; fresh bytes each time.
	again, _ := base.Subset([]rune(text))
	if string(again) != string(data) {
		t.Error("Subset is not deterministic")
	}
	again[0] ^= 0xFF
	if data[0] == again[0] {
		t.Error("Subset results share memory")
	}
	if _, err := base.Subset([]rune("中😀")); !errors.Is(err, font.ErrMissingGlyph) {
		t.Errorf("astral rune: err = %v, want ErrMissingGlyph", err)
	}
	// An empty subset still holds .notdef and parses.
	empty, err := base.Subset(nil)
	if err != nil {
		t.Fatal(err)
	}
	if f, err := font.Parse(empty); err != nil || f.NumGlyphs() != 1 {
		t.Errorf("empty subset: %v", err)
	}
}

// TestSubsetComposites: WenQuanYi Micro Hei builds many hanzi from
// component glyphs; a subset must carry them all.
func TestSubsetComposites(t *testing.T) {
	base := regular(t)
	hanzi := base.Runes()
	var rs []rune
	for _, r := range hanzi {
		if r >= 0x4E00 && r <= 0x9FFF {
			rs = append(rs, r)
		}
	}
	data, err := base.Subset(rs[:500])
	if err != nil {
		t.Fatal(err)
	}
	sub, err := font.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if sub.NumGlyphs() <= 501 {
		t.Errorf("%d glyphs for 500 hanzi: no composite components kept?", sub.NumGlyphs())
	}
	// Re-subsetting the subset visits every component reference and
	// fails if one points outside the font.
	if _, err := sub.Subset(rs[:500]); err != nil {
		t.Fatal(err)
	}
}

func TestParseErrors(t *testing.T) {
	good, err := regular(t).Subset([]rune("中1"))
	if err != nil {
		t.Fatal(err)
	}
	otto := append([]byte("OTTO"), good[4:]...)
	// a one-face collection: TTC table offsets count from the file start
	ttcf := append([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"), good...)
	for i := 0; i < int(binary.BigEndian.Uint16(good[4:])); i++ {
		rec := ttcf[16+12+16*i:]
		binary.BigEndian.PutUint32(rec[8:], binary.BigEndian.Uint32(rec[8:])+16)
	}
	badLoca := append([]byte(nil), good...)
	// point loca's table record past the end of the file
	n := int(binary.BigEndian.Uint16(badLoca[4:]))
	for i := 0; i < n; i++ {
		rec := badLoca[12+16*i:]
		if string(rec[:4]) == "loca" {
			binary.BigEndian.PutUint32(rec[8:], uint32(len(badLoca)))
			binary.BigEndian.PutUint32(rec[12:], 4)
		}
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"nil", nil, font.ErrMalformed},
		{"OpenType CFF", otto, font.ErrNotTrueType},
		{"collection", ttcf, font.ErrCollection},
		{"garbage", []byte("this is not a font file"), font.ErrNotTrueType},
		{"truncated directory", good[:40], font.ErrMalformed},
		{"truncated tables", good[:len(good)/2], font.ErrMalformed},
		{"table outside file", badLoca, font.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := font.Parse(tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			var fe *font.FormatError
			if !errors.As(err, &fe) {
				t.Errorf("err %T is not a *FormatError", err)
			}
		})
	}
	// A collection parses through ParseCollection.
	f, err := font.ParseCollection(ttcf, 0)
	if err != nil || !f.Has('中') {
		t.Errorf("ParseCollection(ttcf, 0): %v", err)
	}
	if _, err := font.ParseCollection(ttcf, 1); !errors.Is(err, font.ErrMalformed) {
		t.Errorf("ParseCollection(ttcf, 1): err = %v", err)
	}
	if _, err := font.ParseCollection(good, 0); err != nil {
		t.Errorf("ParseCollection of a plain font: %v", err)
	}
}

// TestParseSystemCollection parses the Debian .ttc the embedded font is
// made from, when it is installed.
func TestParseSystemCollection(t *testing.T) {
	data, err := os.ReadFile("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
	if err != nil {
		t.Skip("fonts-wqy-microhei not installed")
	}
	if _, err := font.Parse(data); !errors.Is(err, font.ErrCollection) {
		t.Errorf("Parse(ttc): err = %v, want ErrCollection", err)
	}
	for i, name := range []string{"WenQuanYiMicroHei", "WenQuanYiMicroHeiMono"} {
		f, err := font.ParseCollection(data, i)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name() != name || !f.Has('中') {
			t.Errorf("face %d: name %q", i, f.Name())
		}
		if i == 0 && f.NumGlyphs() == 49531 && f.NumRunes() != 34594 { // fontTools' count
			t.Errorf("face 0: %d characters, fontTools counts 34594", f.NumRunes())
		}
	}
}

func TestErrorStrings(t *testing.T) {
	e := &font.MissingGlyphError{Set: "default", Rune: 0x1F600, Offset: 12}
	if got, want := e.Error(), `font: set "default": U+1F600 '😀' at byte 12: no font has the glyph`; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	u := &font.UTF8Error{Offset: 3, Byte: 0xff}
	if got, want := u.Error(), "font: byte 0xff at offset 3: invalid UTF-8"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	f := &font.FormatError{Table: "loca", Detail: "truncated", Err: font.ErrMalformed}
	if got, want := f.Error(), "font: table loca: malformed font: truncated"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestSubsetGlyphs(t *testing.T) {
	base := regular(t)
	text := "同比增长3.8%，經濟ABC▲"
	data, gids, err := base.SubsetGlyphs([]rune(text + text))
	if err != nil {
		t.Fatal(err)
	}
	sub, err := font.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[uint16]bool{}
	for _, r := range text {
		g, ok := sub.Glyph(r)
		if !ok || g != gids[r] || g == 0 {
			t.Errorf("%q: subset glyph %d (%v), SubsetGlyphs says %d", r, g, ok, gids[r])
		}
		seen[g] = true
	}
	if len(gids) != len(seen) || int(len(gids)) >= sub.NumGlyphs()+1 {
		t.Errorf("%d runes, %d distinct glyphs, %d glyphs in the subset", len(gids), len(seen), sub.NumGlyphs())
	}
	if bb := base.BBox(); bb[0] >= bb[2] || bb[1] >= bb[3] || bb[1] >= 0 {
		t.Errorf("BBox = %v", bb)
	}
}

// tableDir lists the tables of a TrueType file: tag → its bytes.
func tableDir(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	if len(data) < 12 {
		t.Fatal("no table directory")
	}
	n := int(data[4])<<8 | int(data[5])
	out := map[string][]byte{}
	for i := range n {
		rec := data[12+16*i : 12+16*i+16]
		off := int(rec[8])<<24 | int(rec[9])<<16 | int(rec[10])<<8 | int(rec[11])
		l := int(rec[12])<<24 | int(rec[13])<<16 | int(rec[14])<<8 | int(rec[15])
		out[string(rec[:4])] = data[off : off+l]
	}
	return out
}

// TestSubsetCID: the subset for a PDF's CID font is SubsetGlyphs' without
// its cmap table: the same glyph indices for the characters, the other
// tables alike but those that flattened composites change (glyf, loca,
// hmtx and the glyph count in hhea and maxp; TestSubsetCIDFlattens checks
// the outlines).
func TestSubsetCID(t *testing.T) {
	base := regular(t)
	text := []rune("同比增长3.8%，經濟ABC▲")
	full, gids, err := base.SubsetGlyphs(text)
	if err != nil {
		t.Fatal(err)
	}
	sorted := slices.Clone(text)
	slices.Sort(sorted) // SubsetGlyphs numbers glyphs in the runes' order
	cid, cgids, err := base.SubsetCID(sorted)
	if err != nil {
		t.Fatal(err)
	}
	// SubsetCID numbers them in the order given
	_, ogids, err := base.SubsetCID(append([]rune("▲%同同"), text...))
	if err != nil {
		t.Fatal(err)
	}
	if ogids['▲'] != 1 || ogids['%'] != 2 || ogids['同'] != 3 || len(ogids) != len(gids) {
		t.Errorf("SubsetCID in order given: ▲ %d, %% %d, 同 %d, %d runes; want 1, 2, 3, %d", ogids['▲'], ogids['%'], ogids['同'], len(ogids), len(gids))
	}
	for r, g := range gids {
		if cgids[r] != g {
			t.Errorf("%q: glyph %d, SubsetGlyphs gives %d", r, cgids[r], g)
		}
	}
	a, b := tableDir(t, full), tableDir(t, cid)
	if _, ok := b["cmap"]; ok || len(b) != len(a)-1 {
		t.Errorf("tables %d, with cmap %d: want every table but cmap", len(b), len(a))
	}
	for tag, data := range b {
		switch tag {
		case "head", "glyf", "loca", "hmtx", "hhea", "maxp":
		default:
			if string(data) != string(a[tag]) {
				t.Errorf("table %s differs from SubsetGlyphs'", tag)
			}
		}
	}
	if len(cid) >= len(full) {
		t.Errorf("SubsetCID %d bytes, SubsetGlyphs %d", len(cid), len(full))
	}
}
