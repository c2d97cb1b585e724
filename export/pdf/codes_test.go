package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"testing"
)

// inflate undoes deflateBest.
func inflate(t *testing.T, z []byte) []byte {
	t.Helper()
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// cmapEntries reads the ranges of a CMap written by faceCodes: per code
// (its hex digits) the CID (cidchar, cidrange) or the character (bfrange
// with an array) it maps to.
func cmapEntries(t *testing.T, cmap []byte) map[string]int {
	t.Helper()
	out := map[string]int{}
	hexv := func(s string) int {
		v, err := strconv.ParseUint(s, 16, 32)
		if err != nil {
			t.Fatal(err)
		}
		return int(v)
	}
	code := func(v, digits int) string {
		s := strconv.FormatInt(int64(v), 16)
		for len(s) < digits {
			s = "0" + s
		}
		return s
	}
	for _, m := range regexp.MustCompile(`(?m)^<([0-9A-F]+)>(\d+)$`).FindAllStringSubmatch(string(cmap), -1) {
		out[code(hexv(m[1]), len(m[1]))] = hexv(strconv.Itoa(0)) + mustAtoi(t, m[2])
	}
	for _, m := range regexp.MustCompile(`(?m)^<([0-9A-F]+)><([0-9A-F]+)>(\d+)$`).FindAllStringSubmatch(string(cmap), -1) {
		lo, hi, cid := hexv(m[1]), hexv(m[2]), mustAtoi(t, m[3])
		if len(m[1]) != len(m[2]) || len(m[1]) == 4 && lo>>8 != hi>>8 {
			t.Errorf("cidrange <%s><%s>: ends of different lengths or lead bytes", m[1], m[2])
		}
		for c := lo; c <= hi; c++ {
			out[code(c, len(m[1]))] = cid + c - lo
		}
	}
	for _, m := range regexp.MustCompile(`(?m)^<([0-9A-F]+)><([0-9A-F]+)>\[((?:<[0-9A-F]{4}>)*)\]$`).FindAllStringSubmatch(string(cmap), -1) {
		lo, hi := hexv(m[1]), hexv(m[2])
		dst := regexp.MustCompile(`<([0-9A-F]{4})>`).FindAllStringSubmatch(m[3], -1)
		if len(dst) != hi-lo+1 || len(m[1]) != len(m[2]) || len(m[1]) == 4 && lo>>8 != hi>>8 {
			t.Errorf("bfrange <%s><%s>: %d characters", m[1], m[2], len(dst))
		}
		for i, d := range dst {
			out[code(lo+i, len(m[1]))] = hexv(d[1])
		}
	}
	return out
}

func mustAtoi(t *testing.T, s string) int {
	v, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestFaceCodes: every glyph of a subset has a code that the CMap maps
// to the glyph and the ToUnicode map to its character; the characters
// set most often have one-byte codes; a subset too large for one-byte
// codes is addressed by glyph index.
func TestFaceCodes(t *testing.T) {
	for _, n := range []int{3, 200, 256, 257, 900, 20000, 65100} {
		runes := make([]rune, n)
		gids := map[rune]uint16{}
		for i := range runes {
			runes[i] = rune(0x20 + i)
			gids[runes[i]] = uint16(i + 1)
		}
		e := &embeddedFont{gids: newGlyphTable(gids), adv: make([]int32, n+1), runeOf: make([]uint16, n+1)}
		for r, g := range gids {
			e.runeOf[g] = uint16(r)
		}
		var top []rune
		split := codeSplit(n + 1)
		if split > 0 {
			for i := range len(oneByteCodes(split)) {
				top = append(top, runes[(7*i)%n])
			}
		}
		c := newFaceCodes(e, top, newZlibs(9))
		if c.split != split || split == 0 && c.cmap != nil {
			t.Fatalf("n=%d: split %d, want %d", n, c.split, split)
		}
		enc := map[string]int{}
		if c.cmap != nil {
			enc = cmapEntries(t, inflate(t, c.cmap))
		}
		uni := cmapEntries(t, inflate(t, c.toUni))
		ones := 0
		for g := 1; g <= n; g++ {
			b := c.appendCode(nil, uint16(g))
			raw := unescapeLiteral(b)
			if len(raw) == 1 {
				ones++
			}
			hex := ""
			for _, x := range raw {
				hex += strconv.FormatInt(int64(x)|0x100, 16)[1:]
			}
			if split == 0 && hex != strconv.FormatInt(int64(g)|0x10000, 16)[1:] {
				t.Fatalf("n=%d: glyph %d: code %s, want its index (Identity-H)", n, g, hex)
			}
			if split > 0 && enc[hex] != g {
				t.Fatalf("n=%d: glyph %d: code %s maps to CID %d", n, g, hex, enc[hex])
			}
			if uni[hex] != int(e.runeOf[g]) {
				t.Fatalf("n=%d: glyph %d: code %s maps to %U, want %U", n, g, hex, uni[hex], e.runeOf[g])
			}
		}
		if want := min(len(top), n); split > 0 && ones != want {
			t.Errorf("n=%d: %d one-byte codes, want %d", n, ones, want)
		}
		t.Logf("n=%d: split %d, %d one-byte codes", n, split, ones)
	}
	if codeSplit(65024) != 2 || codeSplit(65025) != 0 {
		t.Errorf("codeSplit(65024) = %d, codeSplit(65025) = %d: want 2, 0", codeSplit(65024), codeSplit(65025))
	}
}

// unescapeLiteral undoes appendLiteralByte.
func unescapeLiteral(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			i++
			if b[i] == 'r' {
				out = append(out, '\r')
				continue
			}
		}
		out = append(out, b[i])
	}
	return out
}
