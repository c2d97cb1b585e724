package font

import (
	"encoding/binary"
	"fmt"
	"sort"
	"unicode/utf16"
)

const (
	tagTrueType = 0x00010000
	tagTrue     = 0x74727565 // 'true' (Apple)
	tagOTTO     = 0x4F54544F // 'OTTO' (CFF outlines)
	tagTTCF     = 0x74746366 // 'ttcf'
)

// Face is one parsed TrueType face. It is immutable and safe for
// concurrent use. Metrics are in font units unless a method says
// otherwise.
type Face struct {
	data       []byte // private copy of the font file
	tables     map[string]table
	name       string
	unitsPerEm int
	ascent     int
	descent    int
	capHeight  int
	bbox       [4]int // xMin, yMin, xMax, yMax of all glyphs (head)
	numGlyphs  int
	advances   []uint16 // per glyph
	loca       []uint32 // numGlyphs+1 offsets into glyf
	glyf       []byte
	bmp        []uint16 // rune -> glyph for U+0000..U+FFFF; 0 = none
	astral     []group  // sorted groups for runes above U+FFFF
	runeCount  int
}

type table struct{ off, len int }

type group struct {
	lo, hi rune
	gid    uint32
}

// Parse parses a TrueType font file (signature 0x00010000 or 'true').
// It keeps its own copy of data. An OpenType/CFF font fails with an error
// wrapping ErrNotTrueType, a collection with ErrCollection, and a damaged
// file with ErrMalformed. Parse never panics.
func Parse(data []byte) (*Face, error) {
	if len(data) < 12 {
		return nil, malformed("", "file of %d bytes is too short", len(data))
	}
	switch tag := binary.BigEndian.Uint32(data); tag {
	case tagTrueType, tagTrue:
	case tagTTCF:
		return nil, &FormatError{Err: ErrCollection}
	case tagOTTO:
		return nil, &FormatError{Detail: "OpenType with CFF outlines ('OTTO')", Err: ErrNotTrueType}
	default:
		return nil, &FormatError{Detail: fmt.Sprintf("signature %#08x", tag), Err: ErrNotTrueType}
	}
	cp := make([]byte, len(data))
	copy(cp, data)
	return parseAt(cp, 0)
}

// ParseCollection parses face index (from 0) of a TrueType collection
// (.ttc). Given a plain TrueType file it accepts index 0 only.
func ParseCollection(data []byte, index int) (*Face, error) {
	if len(data) >= 4 && binary.BigEndian.Uint32(data) != tagTTCF {
		if index != 0 {
			return nil, malformed("", "face %d of a single-face font", index)
		}
		return Parse(data)
	}
	if len(data) < 12 {
		return nil, malformed("ttcf", "header truncated")
	}
	n := int(binary.BigEndian.Uint32(data[8:]))
	if index < 0 || index >= n {
		return nil, malformed("ttcf", "face %d out of range [0,%d)", index, n)
	}
	if 12+4*(index+1) > len(data) {
		return nil, malformed("ttcf", "offset table truncated")
	}
	off := int(binary.BigEndian.Uint32(data[12+4*index:]))
	if off < 0 || off > len(data)-12 {
		return nil, malformed("ttcf", "face offset %d out of bounds", off)
	}
	switch tag := binary.BigEndian.Uint32(data[off:]); tag {
	case tagTrueType, tagTrue:
	case tagOTTO:
		return nil, &FormatError{Detail: "OpenType with CFF outlines ('OTTO')", Err: ErrNotTrueType}
	default:
		return nil, &FormatError{Detail: fmt.Sprintf("face signature %#08x", tag), Err: ErrNotTrueType}
	}
	cp := make([]byte, len(data))
	copy(cp, data)
	return parseAt(cp, off)
}

func parseAt(data []byte, off int) (*Face, error) {
	f := &Face{data: data, tables: map[string]table{}}
	if off+12 > len(data) {
		return nil, malformed("", "header truncated")
	}
	n := int(binary.BigEndian.Uint16(data[off+4:]))
	if off+12+16*n > len(data) {
		return nil, malformed("", "table directory of %d tables truncated", n)
	}
	for i := 0; i < n; i++ {
		rec := data[off+12+16*i:]
		tag := string(rec[:4])
		to, tl := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if to < 0 || tl < 0 || to > len(data) || tl > len(data)-to {
			return nil, malformed(tag, "offset %d length %d outside the file (%d bytes)", to, tl, len(data))
		}
		f.tables[tag] = table{to, tl}
	}
	if _, ok := f.tables["glyf"]; !ok {
		if _, cff := f.tables["CFF "]; cff {
			return nil, &FormatError{Table: "CFF ", Detail: "CFF outlines", Err: ErrNotTrueType}
		}
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "cmap", "loca", "glyf"} {
		if _, ok := f.tables[tag]; !ok {
			return nil, malformed(tag, "required table missing")
		}
	}
	head := f.table("head")
	if len(head) < 54 {
		return nil, malformed("head", "%d bytes, want 54", len(head))
	}
	f.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	for i := range f.bbox {
		f.bbox[i] = int(int16(binary.BigEndian.Uint16(head[36+2*i:])))
	}
	if f.unitsPerEm < 16 || f.unitsPerEm > 16384 {
		return nil, malformed("head", "unitsPerEm %d", f.unitsPerEm)
	}
	longLoca := int16(binary.BigEndian.Uint16(head[50:]))
	maxp := f.table("maxp")
	if len(maxp) < 6 {
		return nil, malformed("maxp", "truncated")
	}
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if f.numGlyphs == 0 {
		return nil, malformed("maxp", "no glyphs")
	}
	hhea := f.table("hhea")
	if len(hhea) < 36 {
		return nil, malformed("hhea", "truncated")
	}
	f.ascent = int(int16(binary.BigEndian.Uint16(hhea[4:])))
	f.descent = int(int16(binary.BigEndian.Uint16(hhea[6:])))
	f.capHeight = f.ascent
	if os2 := f.table("OS/2"); len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		if ch := int(int16(binary.BigEndian.Uint16(os2[88:]))); ch > 0 {
			f.capHeight = ch
		}
	}
	if err := f.parseHmtx(int(binary.BigEndian.Uint16(hhea[34:]))); err != nil {
		return nil, err
	}
	if err := f.parseLoca(longLoca); err != nil {
		return nil, err
	}
	if err := f.parseCmap(); err != nil {
		return nil, err
	}
	f.name = f.parseName()
	return f, nil
}

func (f *Face) table(tag string) []byte {
	t, ok := f.tables[tag]
	if !ok {
		return nil
	}
	return f.data[t.off : t.off+t.len]
}

func (f *Face) parseHmtx(nhm int) error {
	hmtx := f.table("hmtx")
	if nhm == 0 || nhm > f.numGlyphs {
		return malformed("hhea", "numberOfHMetrics %d for %d glyphs", nhm, f.numGlyphs)
	}
	if len(hmtx) < 4*nhm {
		return malformed("hmtx", "%d bytes for %d metrics", len(hmtx), nhm)
	}
	f.advances = make([]uint16, f.numGlyphs)
	for g := 0; g < nhm; g++ {
		f.advances[g] = binary.BigEndian.Uint16(hmtx[4*g:])
	}
	for g := nhm; g < f.numGlyphs; g++ {
		f.advances[g] = f.advances[nhm-1]
	}
	return nil
}

func (f *Face) parseLoca(long int16) error {
	loca := f.table("loca")
	f.glyf = f.table("glyf")
	n := f.numGlyphs + 1
	f.loca = make([]uint32, n)
	switch long {
	case 0:
		if len(loca) < 2*n {
			return malformed("loca", "%d bytes for %d glyphs", len(loca), f.numGlyphs)
		}
		for i := range f.loca {
			f.loca[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		}
	case 1:
		if len(loca) < 4*n {
			return malformed("loca", "%d bytes for %d glyphs", len(loca), f.numGlyphs)
		}
		for i := range f.loca {
			f.loca[i] = binary.BigEndian.Uint32(loca[4*i:])
		}
	default:
		return malformed("head", "indexToLocFormat %d", long)
	}
	for i := 0; i < f.numGlyphs; i++ {
		if f.loca[i] > f.loca[i+1] || f.loca[i+1] > uint32(len(f.glyf)) {
			return malformed("loca", "glyph %d spans [%d,%d) of a %d-byte glyf", i, f.loca[i], f.loca[i+1], len(f.glyf))
		}
	}
	return nil
}

// parseCmap reads the best Unicode subtable: format 12 (full repertoire)
// if present, else format 4 (BMP).
func (f *Face) parseCmap() error {
	cmap := f.table("cmap")
	if len(cmap) < 4 {
		return malformed("cmap", "truncated")
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	if 4+8*n > len(cmap) {
		return malformed("cmap", "%d encoding records truncated", n)
	}
	best, bestRank := -1, 0
	for i := 0; i < n; i++ {
		rec := cmap[4+8*i:]
		pid, eid := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if off < 0 || off > len(cmap)-2 {
			continue
		}
		format := binary.BigEndian.Uint16(cmap[off:])
		rank := 0
		switch {
		case format == 12 && (pid == 0 || (pid == 3 && eid == 10)):
			rank = 3
		case format == 4 && (pid == 0 || (pid == 3 && eid == 1)):
			rank = 2
		}
		if rank > bestRank {
			best, bestRank = off, rank
		}
	}
	if best < 0 {
		return malformed("cmap", "no Unicode subtable of format 4 or 12")
	}
	f.bmp = make([]uint16, 0x10000)
	var err error
	if bestRank == 3 {
		err = f.parseCmap12(cmap[best:])
	} else {
		err = f.parseCmap4(cmap[best:])
	}
	if err != nil {
		return err
	}
	for r, g := range f.bmp {
		if g != 0 && r >= 0xD800 && r <= 0xDFFF { // surrogates are not characters
			f.bmp[r] = 0
		} else if g != 0 {
			f.runeCount++
		}
	}
	return nil
}

func (f *Face) parseCmap4(b []byte) error {
	if len(b) < 14 {
		return malformed("cmap", "format 4 header truncated")
	}
	segX2 := int(binary.BigEndian.Uint16(b[6:]))
	seg := segX2 / 2
	if 16+4*segX2 > len(b) {
		return malformed("cmap", "format 4 with %d segments truncated", seg)
	}
	ends, starts := b[14:], b[16+segX2:]
	deltas, ros := b[16+2*segX2:], b[16+3*segX2:]
	next := 0 // segments are sorted and disjoint: clip overlaps
	for i := 0; i < seg; i++ {
		end := int(binary.BigEndian.Uint16(ends[2*i:]))
		start := max(int(binary.BigEndian.Uint16(starts[2*i:])), next)
		next = max(next, end+1)
		delta := int(binary.BigEndian.Uint16(deltas[2*i:]))
		ro := int(binary.BigEndian.Uint16(ros[2*i:]))
		roPos := 16 + 3*segX2 + 2*i // position of this idRangeOffset in b
		for c := start; c <= end; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				p := roPos + ro + 2*(c-start)
				if p < 0 || p+2 > len(b) {
					continue // out of table: unmapped
				}
				if g = int(binary.BigEndian.Uint16(b[p:])); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g < f.numGlyphs {
				f.bmp[c] = uint16(g)
			}
		}
	}
	return nil
}

func (f *Face) parseCmap12(b []byte) error {
	if len(b) < 16 {
		return malformed("cmap", "format 12 header truncated")
	}
	n := int(binary.BigEndian.Uint32(b[12:]))
	if n < 0 || n > (len(b)-16)/12 {
		return malformed("cmap", "format 12 with %d groups truncated", n)
	}
	budget := 0x20000 // BMP code points expanded, overlaps included
	for i := 0; i < n; i++ {
		g := b[16+12*i:]
		start, hi := rune(binary.BigEndian.Uint32(g)), rune(binary.BigEndian.Uint32(g[4:]))
		gid := binary.BigEndian.Uint32(g[8:])
		if start < 0 || hi > 0x10FFFF || start > hi || gid >= uint32(f.numGlyphs) {
			continue
		}
		lo := start
		if lo <= 0xFFFF {
			top := min(hi, 0xFFFF)
			if budget -= int(top - lo + 1); budget < 0 {
				return malformed("cmap", "format 12 groups overlap")
			}
			for c := lo; c <= top; c++ {
				if id := gid + uint32(c-start); id < uint32(f.numGlyphs) {
					f.bmp[c] = uint16(id)
				}
			}
			lo = 0x10000
		}
		if lo <= hi {
			f.astral = append(f.astral, group{lo, hi, gid + uint32(lo-start)})
		}
	}
	sort.Slice(f.astral, func(i, j int) bool { return f.astral[i].lo < f.astral[j].lo })
	return nil
}

func (f *Face) parseName() string {
	b := f.table("name")
	if len(b) < 6 {
		return ""
	}
	n, store := int(binary.BigEndian.Uint16(b[2:])), int(binary.BigEndian.Uint16(b[4:]))
	best, bestRank := "", 0
	for i := 0; i < n && 6+12*i+12 <= len(b); i++ {
		rec := b[6+12*i:]
		pid, eid := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		id := binary.BigEndian.Uint16(rec[6:])
		l, o := int(binary.BigEndian.Uint16(rec[8:])), int(binary.BigEndian.Uint16(rec[10:]))
		if store+o+l > len(b) || (id != 6 && id != 4) {
			continue
		}
		s := b[store+o : store+o+l]
		var v string
		switch {
		case pid == 3 && (eid == 1 || eid == 10) || pid == 0:
			u := make([]uint16, len(s)/2)
			for k := range u {
				u[k] = binary.BigEndian.Uint16(s[2*k:])
			}
			v = string(utf16.Decode(u))
		case pid == 1 && eid == 0:
			v = string(s)
		default:
			continue
		}
		rank := 1
		if id == 6 {
			rank = 2
		}
		if v != "" && rank > bestRank {
			best, bestRank = v, rank
		}
	}
	return best
}

// Name returns the face's PostScript name (name ID 6), or its full name,
// or "" when the font has neither.
func (f *Face) Name() string { return f.name }

// UnitsPerEm returns the size of the em square in font units.
func (f *Face) UnitsPerEm() int { return f.unitsPerEm }

// Ascent returns the typographic ascent (hhea) in font units.
func (f *Face) Ascent() int { return f.ascent }

// Descent returns the typographic descent (hhea) in font units, negative
// below the baseline.
func (f *Face) Descent() int { return f.descent }

// CapHeight returns the height of capital letters in font units (OS/2
// sCapHeight, or the ascent when the font does not record it).
func (f *Face) CapHeight() int { return f.capHeight }

// BBox returns the bounding box of all the face's glyphs in font units:
// xMin, yMin, xMax, yMax (the head table's).
func (f *Face) BBox() [4]int { return f.bbox }

// NumGlyphs returns the number of glyphs in the font.
func (f *Face) NumGlyphs() int { return f.numGlyphs }

// NumRunes returns how many characters of the Basic Multilingual Plane
// the face maps to a glyph.
func (f *Face) NumRunes() int { return f.runeCount }

// Glyph returns the glyph index of r and whether the face maps r.
func (f *Face) Glyph(r rune) (uint16, bool) {
	if r < 0 {
		return 0, false
	}
	if r <= 0xFFFF {
		g := f.bmp[r]
		return g, g != 0
	}
	i := sort.Search(len(f.astral), func(i int) bool { return f.astral[i].hi >= r })
	if i < len(f.astral) && f.astral[i].lo <= r {
		g := f.astral[i].gid + uint32(r-f.astral[i].lo)
		if g != 0 && g < uint32(f.numGlyphs) {
			return uint16(g), true
		}
	}
	return 0, false
}

// Has reports whether the face has a glyph for r.
func (f *Face) Has(r rune) bool {
	_, ok := f.Glyph(r)
	return ok
}

// Advance returns the advance width of r in font units; a character the
// face lacks gets the width of glyph 0 (.notdef).
func (f *Face) Advance(r rune) int {
	g, _ := f.Glyph(r)
	return int(f.advances[g])
}

// Width returns the advance width of r in thousandths of an em, as PDF
// width arrays use.
func (f *Face) Width(r rune) float64 {
	return float64(f.Advance(r)) * 1000 / float64(f.unitsPerEm)
}

// TextWidth returns the width in points of s set in this face at size
// points, characters the face lacks counting as .notdef. Invalid UTF-8
// bytes count as U+FFFD.
func (f *Face) TextWidth(s string, size float64) float64 {
	u := 0
	for _, r := range s {
		u += f.Advance(r)
	}
	return float64(u) * size / float64(f.unitsPerEm)
}

// Runes returns, in order, the characters of the Basic Multilingual Plane
// that the face maps to a glyph.
func (f *Face) Runes() []rune {
	rs := make([]rune, 0, f.runeCount)
	for r, g := range f.bmp {
		if g != 0 {
			rs = append(rs, rune(r))
		}
	}
	return rs
}
