package font

import (
	"encoding/binary"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
)

// embeddedFace parses the default face from its file (package embedded
// imports this one, so an internal test reads the file itself).
func embeddedFace(t *testing.T) *Face {
	t.Helper()
	data, err := os.ReadFile("embedded/wqy-microhei-subset.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// sfntTables lists the tables of a TrueType file.
func sfntTables(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	n := int(binary.BigEndian.Uint16(data[4:]))
	out := map[string][]byte{}
	for i := range n {
		rec := data[12+16*i:]
		off, l := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		out[string(rec[:4])] = data[off : off+l]
	}
	return out
}

// resolved is the outline of glyph g of a font (glyf and long loca),
// composites resolved by moving their components by their x and y
// offsets and scaling them by their scale (the subsets here scale by
// 1/k, k a power of two), in units mul/div of the font's: what a
// rasterizer draws. ok is false for a composite that matches points or
// scales unevenly (which flattening must leave alone).
func resolved(t *testing.T, loca func(g uint16) []byte, g uint16, dx, dy, mul, div int32, o *outline) bool {
	b := loca(g)
	if len(b) < 10 || int16(binary.BigEndian.Uint16(b)) >= 0 {
		var c outline
		if !decodeSimple(b, 0, 0, &c) {
			t.Fatalf("glyph %d does not decode", g)
		}
		base := len(o.on)
		for i := range c.on {
			x, y := c.x[i]*mul, c.y[i]*mul
			if x%div != 0 || y%div != 0 {
				t.Fatalf("glyph %d: %d,%d times %d/%d is not whole", g, c.x[i], c.y[i], mul, div)
			}
			o.x, o.y, o.on = append(o.x, dx+x/div), append(o.y, dy+y/div), append(o.on, c.on[i])
		}
		for _, e := range c.ends {
			o.ends = append(o.ends, uint16(base)+e)
		}
		return true
	}
	ok := true
	p := 10
	for {
		flags := binary.BigEndian.Uint16(b[p:])
		c := binary.BigEndian.Uint16(b[p+2:])
		p += 4
		var ax, ay int32
		if flags&argWords != 0 {
			ax, ay = int32(int16(binary.BigEndian.Uint16(b[p:]))), int32(int16(binary.BigEndian.Uint16(b[p+2:])))
			p += 4
		} else {
			ax, ay = int32(int8(b[p])), int32(int8(b[p+1]))
			p += 2
		}
		d := div
		switch {
		case flags&haveScale != 0:
			sc := int32(binary.BigEndian.Uint16(b[p:]))
			p += 2
			if sc <= 0 || 16384%sc != 0 {
				ok = false
			} else {
				d = div * (16384 / sc)
			}
		case flags&(haveXYScal|have2x2) != 0:
			ok = false
			p += 4
			if flags&have2x2 != 0 {
				p += 4
			}
		}
		if flags&argsAreXY == 0 {
			ok = false
		}
		if (ax*mul)%div != 0 || (ay*mul)%div != 0 {
			t.Fatalf("glyph %d: offset %d,%d times %d/%d is not whole", g, ax, ay, mul, div)
		}
		ok = resolved(t, loca, c, dx+ax*mul/div, dy+ay*mul/div, mul, d, o) && ok
		if flags&moreComps == 0 {
			return ok
		}
	}
}

// TestSubsetCIDFlattens: in the subset a PDF embeds, every character's
// glyph draws the outline it draws in the face (composites resolved),
// with the face's advance and its xMin as left side bearing, at 1/k of
// the face's units per em. In a small subset, where components are not
// shared, every composite of moved components is a simple glyph and no
// component is left (but the originals of the Latin glyphs, not on the
// hanzi's grid of 8 units, wrapped in a composite scaling them by 1/8);
// in a subset of all GB 2312 hanzi, composites of widely shared
// components stay.
func TestSubsetCIDFlattens(t *testing.T) {
	f := embeddedFace(t)
	hanzi, err := os.ReadFile("testdata/gb2312-hanzi.txt")
	if err != nil {
		t.Fatal(err)
	}
	extra := "0123456789 ABCxyz%.,()（），。、：；“”《》—–±×÷≈≤℃▲▼→ÄÉéü"
	for _, c := range []struct {
		name string
		text string
	}{
		{"small", string([]rune(strings.ReplaceAll(string(hanzi), "\n", ""))[:300]) + extra},
		{"gb2312", string(hanzi) + extra},
	} {
		t.Run(c.name, func(t *testing.T) {
			runes := slices.DeleteFunc([]rune(c.text), func(r rune) bool { return r == '\n' || !f.Has(r) })
			flattened, kept, wraps, glyphs, k := checkSubsetCID(t, f, runes)
			t.Logf("%d characters, %d glyphs, %d composites flattened, %d kept, %d glyphs wrapped, units per em / %d", len(runes), glyphs, flattened, kept, wraps, k)
			switch {
			case flattened == 0:
				t.Error("no composite flattened")
			case c.name == "small" && (kept > 0 || glyphs != len(runes)+1+wraps):
				t.Errorf("%d composites kept, %d glyphs for %d characters and %d wrapped: want all flattened, no component left", kept, glyphs, len(runes), wraps)
			case c.name == "gb2312" && kept == 0:
				t.Error("every composite flattened: shared components copied thousands of times")
			case c.name == "small" && k != 8:
				t.Errorf("units per em divided by %d: the hanzi of the default face are on a grid of 8 units", k)
			}
		})
	}
}

// checkSubsetCID checks the outlines, advances and side bearings of the
// CID subset of runes against the face's, and counts the characters
// whose composite glyph was flattened or kept, and the subset's glyphs.
func checkSubsetCID(t *testing.T, f *Face, runes []rune) (flattened, kept, wraps, glyphs, units int) {
	data, gids, err := f.SubsetCID(runes)
	if err != nil {
		t.Fatal(err)
	}
	tabs := sfntTables(t, data)
	glyf, locaT, hmtx := tabs["glyf"], tabs["loca"], tabs["hmtx"]
	if int16(binary.BigEndian.Uint16(tabs["head"][50:])) != 1 {
		t.Fatal("want long loca")
	}
	// the subset may be at 1/k of the face's units per em
	k := int32(f.unitsPerEm) / int32(binary.BigEndian.Uint16(tabs["head"][18:]))
	units = int(k)
	glyphs = len(locaT)/4 - 1
	sub := func(g uint16) []byte {
		return glyf[binary.BigEndian.Uint32(locaT[4*int(g):]):binary.BigEndian.Uint32(locaT[4*int(g)+4:])]
	}
	orig := func(g uint16) []byte { return f.glyf[f.loca[g]:f.loca[int(g)+1]] }
	isComposite := func(b []byte) bool { return len(b) >= 10 && int16(binary.BigEndian.Uint16(b)) < 0 }
	maxPts := 0
	for _, r := range runes {
		g, _ := f.Glyph(r)
		sg := gids[r]
		var want, got outline
		resolved(t, orig, g, 0, 0, 1, 1, &want)
		resolved(t, sub, sg, 0, 0, k, 1, &got)
		if !slices.Equal(want.ends, got.ends) || !slices.Equal(want.on, got.on) || !slices.Equal(want.x, got.x) || !slices.Equal(want.y, got.y) {
			t.Fatalf("%q: outline differs from the face's", r)
		}
		if !isComposite(sub(sg)) {
			maxPts = max(maxPts, len(got.on))
		}
		wrapped := isComposite(sub(sg)) && len(sub(sg)) == 20 && binary.BigEndian.Uint16(sub(sg)[10:])&haveScale != 0
		if wrapped {
			wraps++
		}
		switch {
		case isComposite(orig(g)) && isComposite(sub(sg)) && !wrapped:
			kept++
		case isComposite(orig(g)):
			flattened++
		}
		if adv, want := int32(binary.BigEndian.Uint16(hmtx[4*int(sg):])), divRound(int32(f.advances[g]), k); adv != want {
			t.Errorf("%q: advance %d, face %d (/%d)", r, adv, f.advances[g], k)
		}
		if b := sub(sg); len(b) >= 10 {
			if lsb := binary.BigEndian.Uint16(hmtx[4*int(sg)+2:]); lsb != binary.BigEndian.Uint16(b[2:]) {
				t.Errorf("%q: lsb %d, xMin %d", r, int16(lsb), int16(binary.BigEndian.Uint16(b[2:])))
			}
		}
	}
	if mp := int(binary.BigEndian.Uint16(tabs["maxp"][6:])); mp < maxPts {
		t.Errorf("maxp maxPoints %d < %d", mp, maxPts)
	}
	return flattened, kept, wraps, glyphs, units
}

// TestEncodeSimple: encoding round-trips points with every kind of delta
// (same, short either way, long) and long runs of one flag.
func TestEncodeSimple(t *testing.T) {
	var o outline
	x, y := int32(0), int32(0)
	for i := range 600 {
		switch i % 5 {
		case 0:
			x += 300
		case 1:
			x -= 17
			y += 255
		case 2:
			y -= 256
		case 3:
			x -= 255
		}
		if i > 300 && i < 580 {
			x++ // a long run of one flag
		}
		o.x, o.y, o.on = append(o.x, x), append(o.y, y), append(o.on, i%3 != 0)
		if i%100 == 99 {
			o.ends = append(o.ends, uint16(i))
		}
	}
	var scratch [3][]byte
	data, lsb, ok := encodeSimple(nil, &o, &scratch)
	if !ok {
		t.Fatal("not encoded")
	}
	var back outline
	if !decodeSimple(data, 0, 0, &back) {
		t.Fatal("does not decode")
	}
	if !slices.Equal(o.ends, back.ends) || !slices.Equal(o.on, back.on) || !slices.Equal(o.x, back.x) || !slices.Equal(o.y, back.y) {
		t.Fatal("points differ after a round trip")
	}
	if want := slices.Min(o.x); int32(lsb) != want {
		t.Errorf("lsb %d, want %d", lsb, want)
	}
	o.x[10] = 40000
	if _, _, ok := encodeSimple(nil, &o, &scratch); ok {
		t.Error("a coordinate beyond int16 encoded")
	}
}

// TestSubsetCIDUnits: a subset of hanzi is written at 256 units per em
// with its metrics divided by 8; one of Latin letters, not on that grid,
// keeps the face's units; a hinted face is neither flattened nor scaled.
func TestSubsetCIDUnits(t *testing.T) {
	f := embeddedFace(t)
	units := func(f *Face, text string) (int, map[string][]byte) {
		data, _, err := f.SubsetCID([]rune(text))
		if err != nil {
			t.Fatal(err)
		}
		tabs := sfntTables(t, data)
		return int(binary.BigEndian.Uint16(tabs["head"][18:])), tabs
	}
	upem, tabs := units(f, "统计公报经济社会发展简报大连市人民政府工作报告同比增长")
	if upem != 256 {
		t.Fatalf("hanzi: %d units per em, want 256", upem)
	}
	faceHhea := f.table("hhea")
	for _, off := range []int{4, 6} { // ascender, descender
		want := divRound(int32(int16(binary.BigEndian.Uint16(faceHhea[off:]))), 8)
		if got := int32(int16(binary.BigEndian.Uint16(tabs["hhea"][off:]))); got != want {
			t.Errorf("hhea at %d: %d, want %d", off, got, want)
		}
	}
	faceOS2 := f.table("OS/2")
	for _, off := range []int{68, 70} { // typographic ascender, descender
		want := divRound(int32(int16(binary.BigEndian.Uint16(faceOS2[off:]))), 8)
		if got := int32(int16(binary.BigEndian.Uint16(tabs["OS/2"][off:]))); got != want {
			t.Errorf("OS/2 at %d: %d, want %d", off, got, want)
		}
	}
	if upem, _ := units(f, "Value added of industry, 2020"); upem != f.unitsPerEm {
		t.Errorf("Latin: %d units per em, want the face's %d", upem, f.unitsPerEm)
	}
	hinted := *f
	hinted.tables = maps.Clone(f.tables)
	hinted.tables["fpgm"] = table{}
	upem, tabs = units(&hinted, "统计公报经济社会发展简报大连市")
	if upem != f.unitsPerEm || int(binary.BigEndian.Uint16(tabs["maxp"][4:])) <= len([]rune("统计公报经济社会发展简报大连市"))+1 {
		t.Errorf("hinted face: %d units per em, %d glyphs: want its units and its composites' components", upem, binary.BigEndian.Uint16(tabs["maxp"][4:]))
	}
}
