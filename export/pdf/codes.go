package pdf

import (
	"slices"
	"strconv"
)

// Character codes. Text selects the glyphs of a subset by codes of one
// byte for the characters a document sets most often and of two bytes
// for the others, through a CMap of the document's own (encodingCMap),
// instead of the two bytes of Identity-H: the default briefings' content
// streams are 8.5 % (Chinese) and 13 % (English) smaller compressed. The subset itself keeps its glyphs in code point order
// (neighbouring glyphs compress better together, and a subset depends
// only on the characters, so the renderer reuses it across documents);
// the CMap maps each one-byte code to a glyph.
//
// For a subset of n glyphs (glyph 0, .notdef, included), h = ⌈n/256⌉
// lead bytes are kept for two-byte codes, from split = 256−h: the
// characters set most often have the one-byte codes from 01 to split−1
// (in glyph order), and every glyph g has the two-byte code
// split×256+g (its lead byte split + g/256 at most FF, as g < 256h),
// which text uses for the glyphs without a one-byte code. One-byte codes
// that a literal string escapes or that stand for a line end are not
// used (oneByteCodes). A subset too large to leave a one-byte code
// (split < 2) is addressed by glyph index (Identity-H): split 0.

// oneByteCodes lists the one-byte codes below split that text uses: all
// but those a literal string must escape or that a reader might take for
// the end of a line (Ghostscript 10 drops a character coded LF).
func oneByteCodes(split int) []uint8 {
	var out []uint8
	for c := 1; c < split; c++ {
		switch c {
		case '\n', '\r', '(', ')', '\\':
		default:
			out = append(out, uint8(c))
		}
	}
	return out
}

// faceCodes is how a document encodes the text it sets in one face.
type faceCodes struct {
	split int
	one   []uint8 // per glyph: its one-byte code, 0 for none
	cmap  []byte  // the CMap, compressed (nil for Identity-H)
	toUni []byte  // the ToUnicode CMap, compressed
}

// codeSplit is the first glyph with a two-byte code in a subset of n
// glyphs, 0 for a subset addressed by glyph index.
func codeSplit(n int) int {
	h := (n + 255) / 256
	if split := 256 - h; split >= 2 && n <= 0xFFFF {
		return split
	}
	return 0
}

// appendCode appends the code of glyph g to a PDF literal string.
func (c *faceCodes) appendCode(b []byte, g uint16) []byte {
	if c.split > 0 {
		if int(g) < len(c.one) && c.one[g] > 0 {
			return appendLiteralByte(b, c.one[g])
		}
		g += uint16(c.split) << 8
	}
	return appendLiteralByte(appendLiteralByte(b, byte(g>>8)), byte(g))
}

// appendHex2 appends a one-byte code in hexadecimal.
func appendHex2(b []byte, c uint8) []byte { return append(b, hexDigits[c>>4], hexDigits[c&15]) }

// twoByte is the two-byte code of glyph g (Identity-H: g).
func (c *faceCodes) twoByte(g int) uint16 { return uint16(c.split<<8 + g) }

// codespace appends the codespace ranges of a subset's codes.
func codespace(b []byte, split int) []byte {
	if split == 0 {
		return append(b, "1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n"...)
	}
	b = append(b, "2 begincodespacerange\n<00><"...)
	b = appendHex2(b, uint8(split-1))
	b = append(b, ">\n<"...)
	b = appendHex16(b, uint16(split)<<8)
	return append(b, "><FFFF>\nendcodespacerange\n"...)
}

// newFaceCodes returns the codes of subset e for a document whose most
// frequent characters are top (as many as one-byte codes there are).
func newFaceCodes(e *embeddedFont, top []rune, z *zlibStore) *faceCodes {
	n := len(e.adv)
	c := &faceCodes{split: codeSplit(n)}
	if c.split > 0 {
		c.one = make([]uint8, n)
		gs := make([]int, 0, len(top))
		view := e.gids.view()
		for _, r := range top {
			if g := int(view.lookup(r)); g > 0 && g < n {
				gs = append(gs, g)
			}
		}
		slices.Sort(gs)
		gs = slices.Compact(gs)
		codes := oneByteCodes(c.split)
		for i, g := range gs[:min(len(gs), len(codes))] {
			c.one[g] = codes[i]
		}
		c.cmap = deflateBest(c.encodingCMap(), z)
	}
	c.toUni = deflateBest(c.toUnicode(e.runeOf), z)
	return c
}

// encodingCMap is the CMap that maps the codes to CIDs, which are glyph
// indices (CIDToGIDMap /Identity): one-byte codes one by one, two-byte
// codes in ranges of one lead byte, as the CMap format asks.
func (c *faceCodes) encodingCMap() []byte {
	var b []byte
	b = append(b, "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>def\n/CMapName/"+codesCMap+" def\n/CMapType 1 def\n"...)
	b = codespace(b, c.split)
	// one-byte codes: runs of consecutive glyphs as ranges, the others
	// one by one
	var runs [][3]int // first and last code, first glyph
	for g, code := range c.one {
		if code == 0 {
			continue
		}
		if n := len(runs); n > 0 && runs[n-1][1]+1 == int(code) && runs[n-1][2]+int(code)-runs[n-1][0] == g {
			runs[n-1][1]++
			continue
		}
		runs = append(runs, [3]int{int(code), int(code), g})
	}
	for _, single := range []bool{true, false} {
		var sel [][3]int
		for _, r := range runs {
			if (r[0] == r[1]) == single {
				sel = append(sel, r)
			}
		}
		for len(sel) > 0 {
			k := min(len(sel), 100) // at most 100 entries a block
			b = strconv.AppendInt(b, int64(k), 10)
			if single {
				b = append(b, " begincidchar\n"...)
			} else {
				b = append(b, " begincidrange\n"...)
			}
			for _, r := range sel[:k] {
				b = append(b, '<')
				b = appendHex2(b, uint8(r[0]))
				if !single {
					b = append(b, "><"...)
					b = appendHex2(b, uint8(r[1]))
				}
				b = append(b, '>')
				b = strconv.AppendInt(b, int64(r[2]), 10)
				b = append(b, '\n')
			}
			if single {
				b = append(b, "endcidchar\n"...)
			} else {
				b = append(b, "endcidrange\n"...)
			}
			sel = sel[k:]
		}
	}
	var lines []int // the first glyph of each range
	for g := 0; g < len(c.one); g = (g | 255) + 1 {
		lines = append(lines, g)
	}
	b = strconv.AppendInt(b, int64(len(lines)), 10)
	b = append(b, " begincidrange\n"...)
	for _, g := range lines {
		b = append(b, '<')
		b = appendHex16(b, c.twoByte(g))
		b = append(b, "><"...)
		b = appendHex16(b, c.twoByte(g|255))
		b = append(b, '>')
		b = strconv.AppendInt(b, int64(g), 10)
		b = append(b, '\n')
	}
	return append(b, "endcidrange\nendcmap\nCMapName currentdict/CMap defineresource pop\nend\nend"...)
}

// codesCMap is the name of the CMaps encodingCMap writes.
const codesCMap = "Statbrief-Codes"

// toUnicode is the CMap that maps the codes back to the characters they
// set (runeOf: per glyph), for text extraction and search: ranges of
// consecutive codes (of one length and one lead byte) with an array of
// characters, one per code.
func (c *faceCodes) toUnicode(runeOf []uint16) []byte {
	var b []byte
	b = append(b, "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n"...)
	b = codespace(b, c.split)
	type entry struct {
		code  uint16
		short bool
		r     uint16
	}
	var es []entry
	for g, code := range c.one {
		if code > 0 {
			es = append(es, entry{uint16(code), true, runeOf[g]})
		}
	}
	slices.SortFunc(es, func(a, b entry) int { return int(a.code) - int(b.code) })
	for g := 1; g < len(runeOf); g++ {
		es = append(es, entry{c.twoByte(g), false, runeOf[g]})
	}
	// ranges of consecutive codes of one length and lead byte
	var ranges [][2]int // indices into es: first and end
	for i := 0; i < len(es); {
		j := i + 1
		for j < len(es) && es[j].short == es[i].short && es[j].code == es[j-1].code+1 && (es[i].short || es[j].code>>8 == es[i].code>>8) {
			j++
		}
		ranges = append(ranges, [2]int{i, j})
		i = j
	}
	code := func(b []byte, e entry) []byte {
		if e.short {
			return appendHex2(b, uint8(e.code))
		}
		return appendHex16(b, e.code)
	}
	for len(ranges) > 0 {
		k := min(len(ranges), 100) // at most 100 entries a block
		b = strconv.AppendInt(b, int64(k), 10)
		b = append(b, " beginbfrange\n"...)
		for _, r := range ranges[:k] {
			b = append(b, '<')
			b = code(b, es[r[0]])
			b = append(b, "><"...)
			b = code(b, es[r[1]-1])
			b = append(b, ">["...)
			for _, e := range es[r[0]:r[1]] {
				b = append(b, '<')
				b = appendHex16(b, e.r)
				b = append(b, '>')
			}
			b = append(b, "]\n"...)
		}
		b = append(b, "endbfrange\n"...)
		ranges = ranges[k:]
	}
	return append(b, "endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend"...)
}
