package font

import (
	"encoding/binary"
	"os"
	"slices"
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
// offsets: what a rasterizer draws. ok is false for a composite that
// scales or matches points (which flattening must leave alone).
func resolved(t *testing.T, glyf []byte, loca func(g uint16) []byte, g uint16, dx, dy int32, o *outline) bool {
	b := loca(g)
	if len(b) < 10 || int16(binary.BigEndian.Uint16(b)) >= 0 {
		if !decodeSimple(b, dx, dy, o) {
			t.Fatalf("glyph %d does not decode", g)
		}
		return true
	}
	ok := true
	err := walkComponents(b, func(pos int, c uint16) error {
		flags := binary.BigEndian.Uint16(b[pos-2:])
		var ax, ay int32
		if flags&argWords != 0 {
			ax, ay = int32(int16(binary.BigEndian.Uint16(b[pos+2:]))), int32(int16(binary.BigEndian.Uint16(b[pos+4:])))
		} else {
			ax, ay = int32(int8(b[pos+2])), int32(int8(b[pos+3]))
		}
		if flags&argsAreXY == 0 || flags&(haveScale|haveXYScal|have2x2) != 0 {
			ok = false
		}
		ok = resolved(t, glyf, loca, c, dx+ax, dy+ay, o) && ok
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// TestSubsetCIDFlattens: in the subset a PDF embeds, every character's
// glyph draws the outline it draws in the face (composites resolved),
// with the face's advance and its xMin as left side bearing. In a small
// subset, where components are not shared, every composite of moved
// components is a simple glyph and no component is left; in a subset of
// all GB 2312 hanzi, composites of widely shared components stay.
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
		{"small", "同比增长经济大连市人民政府工作报告" + extra},
		{"gb2312", string(hanzi) + extra},
	} {
		t.Run(c.name, func(t *testing.T) {
			runes := slices.DeleteFunc([]rune(c.text), func(r rune) bool { return r == '\n' || !f.Has(r) })
			flattened, kept, glyphs := checkSubsetCID(t, f, runes)
			t.Logf("%d characters, %d glyphs, %d composites flattened, %d kept", len(runes), glyphs, flattened, kept)
			switch {
			case flattened == 0:
				t.Error("no composite flattened")
			case c.name == "small" && (kept > 0 || glyphs != len(runes)+1):
				t.Errorf("%d composites kept, %d glyphs for %d characters: want all flattened, no component left", kept, glyphs, len(runes))
			case c.name == "gb2312" && kept == 0:
				t.Error("every composite flattened: shared components copied thousands of times")
			}
		})
	}
}

// checkSubsetCID checks the outlines, advances and side bearings of the
// CID subset of runes against the face's, and counts the characters
// whose composite glyph was flattened or kept, and the subset's glyphs.
func checkSubsetCID(t *testing.T, f *Face, runes []rune) (flattened, kept, glyphs int) {
	data, gids, err := f.SubsetCID(runes)
	if err != nil {
		t.Fatal(err)
	}
	tabs := sfntTables(t, data)
	glyf, locaT, hmtx := tabs["glyf"], tabs["loca"], tabs["hmtx"]
	if int16(binary.BigEndian.Uint16(tabs["head"][50:])) != 1 {
		t.Fatal("want long loca")
	}
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
		resolved(t, f.glyf, orig, g, 0, 0, &want)
		resolved(t, glyf, sub, sg, 0, 0, &got)
		if !slices.Equal(want.ends, got.ends) || !slices.Equal(want.on, got.on) || !slices.Equal(want.x, got.x) || !slices.Equal(want.y, got.y) {
			t.Fatalf("%q: outline differs from the face's", r)
		}
		if !isComposite(sub(sg)) {
			maxPts = max(maxPts, len(got.on))
		}
		switch {
		case isComposite(orig(g)) && isComposite(sub(sg)):
			kept++
		case isComposite(orig(g)):
			flattened++
		}
		if adv := binary.BigEndian.Uint16(hmtx[4*int(sg):]); adv != f.advances[g] {
			t.Errorf("%q: advance %d, face %d", r, adv, f.advances[g])
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
	return flattened, kept, glyphs
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
