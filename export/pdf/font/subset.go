package font

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
)

// Composite glyph flags (glyf table).
const (
	argWords   = 0x0001
	haveScale  = 0x0008
	moreComps  = 0x0020
	haveXYScal = 0x0040
	have2x2    = 0x0080
)

const maxCompositeDepth = 16

// flattenAllUpTo is the number of characters up to which a subset
// flattens every composite that flattens exactly; a larger subset
// flattens only the composites whose components no other glyph of the
// subset uses. Flattening copies a component into each glyph that uses
// it: in a document's few hundred characters most components are used
// once or twice, and flattening all is smallest (the default Chinese
// briefing's subset is 91.7 KB compressed flattened, 93.1 KB flattening
// components used up to 3 times, 94.4 KB used once, 100.7 KB not
// flattened); in thousands of characters they are shared widely (the
// first 6,000 GB 2312 hanzi: 619 KB flattened, 530 KB flattening
// components used once, 551 KB not flattened).
const flattenAllUpTo = 1500

// Subset returns a new, minimal TrueType font holding the glyphs of runes
// (duplicates allowed, order irrelevant), glyph 0 (.notdef) and the
// components of composite glyphs, with a format 4 cmap for exactly those
// runes. The result is freshly allocated on every call, suitable for
// gofpdf's AddUTF8FontFromBytes (give every document its own bytes).
// A rune the face lacks, or above U+FFFF, fails with an error wrapping
// ErrMissingGlyph.
func (f *Face) Subset(runes []rune) ([]byte, error) {
	data, _, err := f.SubsetGlyphs(runes)
	return data, err
}

// SubsetGlyphs is Subset that also tells where each character went: the
// result's glyph index of every rune of runes, which a PDF writer needs to
// encode text as glyph indices (CIDToGIDMap /Identity). The index of a
// rune is gids[r]; glyph indices run from 1 with no gaps.
func (f *Face) SubsetGlyphs(runes []rune) (data []byte, gids map[rune]uint16, err error) {
	return f.subsetGlyphs(runes, true)
}

// SubsetCID is SubsetGlyphs for a font embedded in a PDF as a CIDFontType2
// whose glyphs are chosen by glyph index (CIDToGIDMap /Identity): the
// font program then needs no cmap table (ISO 32000-1, 9.9, asks for one
// only in a simple font), and the subset has none, which saves a few
// kilobytes per document.
//
// A composite glyph whose components are only moved (no scaling, no point
// matching, no instructions of its own) is written as one simple glyph
// holding its components' contours, moved: the same outline, without the
// component glyphs a small subset would otherwise carry (the default
// face builds most hanzi from components, most of them used by one
// character of a document: the default Chinese briefing's subset has 900
// glyphs instead of 1,769 and is 6 KB smaller compressed). Rasterized
// with pdftoppm, pdftocairo and Ghostscript, its pages give the same
// pixels.
//
// Unlike SubsetGlyphs', SubsetCID's glyph indices follow the order of
// runes: the glyph of runes[0] is glyph 1, the next rune with another
// glyph glyph 2, and so on (duplicates keep their first index), so that a
// writer can give the characters it sets most often the lowest indices
// (and the shortest codes).
func (f *Face) SubsetCID(runes []rune) (data []byte, gids map[rune]uint16, err error) {
	return f.subsetGlyphs(runes, false)
}

func (f *Face) subsetGlyphs(runes []rune, withCmap bool) (data []byte, gids map[rune]uint16, err error) {
	// a hinted face keeps its glyphs as they are: flattening and fewer
	// units per em would lose or break their instructions
	flatten := !withCmap && !f.hinted()
	rs := make([]rune, len(runes))
	copy(rs, runes)
	if withCmap {
		sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	}
	// old glyph -> new glyph; new glyphs in order of first use.
	newID := map[uint16]uint16{0: 0}
	order := []uint16{0}
	add := func(g uint16) uint16 {
		if id, ok := newID[g]; ok {
			return id
		}
		id := uint16(len(order))
		newID[g] = id
		order = append(order, g)
		return id
	}
	type mapping struct {
		r   rune
		gid uint16
	}
	var cmap []mapping
	for i, r := range rs {
		if i > 0 && r == rs[i-1] {
			continue
		}
		g, ok := f.Glyph(r)
		if !ok || r > 0xFFFF {
			return nil, nil, &MissingGlyphError{Set: f.name, Rune: r, Offset: -1}
		}
		cmap = append(cmap, mapping{r, add(g)})
	}
	gids = make(map[rune]uint16, len(cmap))
	for _, m := range cmap {
		gids[m.r] = m.gid
	}
	if len(order) > 0xFFFF {
		return nil, nil, fmt.Errorf("font: subset of %d glyphs: %w", len(order), ErrMalformed)
	}
	// Flatten the characters' composite glyphs that flatten exactly (in
	// a large subset, only those whose components no other glyph uses:
	// see flattenAllUpTo).
	type flat struct {
		start, end int // in fl.buf
		lsb        int16
	}
	var flats map[uint16]flat // by new glyph index
	fl := flattener{f: f}
	if flatten {
		flats = map[uint16]flat{}
		shared := len(order) > flattenAllUpTo
		leafSets := make([][]uint16, len(order))
		uses := map[uint16]int{}
		if shared {
			for _, g := range order {
				uses[g]++ // a character's own glyph is in the subset anyway
			}
		}
		var leaves []uint16
		for i, g := range order {
			b := f.glyf[f.loca[g]:f.loca[int(g)+1]]
			if len(b) < 10 || int16(binary.BigEndian.Uint16(b)) >= 0 {
				continue
			}
			var ok bool
			if leaves, ok = f.leaves(g, 0, leaves[:0]); !ok {
				continue
			}
			leafSets[i] = []uint16{} // flattens
			if shared {
				leafSets[i] = slices.Clone(leaves)
				for _, c := range leaves {
					uses[c]++
				}
			}
		}
		for i, ls := range leafSets {
			if ls == nil || slices.ContainsFunc(ls, func(c uint16) bool { return uses[c] > 1 }) {
				continue
			}
			if start, lsb, ok := fl.flatten(order[i]); ok {
				flats[uint16(i)] = flat{start, len(fl.buf), lsb}
			}
		}
	}
	// Close over composite components (order grows while we walk it).
	for i := 0; i < len(order); i++ {
		if _, ok := flats[uint16(i)]; ok {
			continue
		}
		if err := f.components(order[i], func(c uint16) { add(c) }); err != nil {
			return nil, nil, err
		}
		if len(order) > 0xFFFE {
			return nil, nil, malformed("glyf", "subset exceeds 65535 glyphs")
		}
	}
	// the glyphs in the subset's numbering, composites renumbered
	glyphs := make([]subsetGlyph, len(order))
	for i, g := range order {
		sg := subsetGlyph{adv: f.advances[g], lsb: f.lsb(g)}
		switch ft, ok := flats[uint16(i)]; {
		case ok:
			sg.data, sg.lsb = fl.buf[ft.start:ft.end], ft.lsb
		default:
			sg.data = f.glyf[f.loca[g]:f.loca[int(g)+1]]
			if len(sg.data) >= 10 && int16(binary.BigEndian.Uint16(sg.data)) < 0 {
				sg.data = append([]byte(nil), sg.data...)
				if err := remapComponents(sg.data, newID); err != nil {
					return nil, nil, err
				}
			}
		}
		glyphs[i] = sg
	}
	units := unitsChange{k: 1, glyphs: glyphs}
	if flatten {
		units = reduceUnits(glyphs, f.unitsPerEm)
		glyphs = units.glyphs
		if len(glyphs) > 0xFFFF {
			units, glyphs = unitsChange{k: 1, glyphs: glyphs[:len(order)]}, glyphs[:len(order)]
			for i, g := range order { // back to the face's units
				sg := subsetGlyph{adv: f.advances[g], lsb: f.lsb(g), data: f.glyf[f.loca[g]:f.loca[int(g)+1]]}
				if ft, ok := flats[uint16(i)]; ok {
					sg.data, sg.lsb = fl.buf[ft.start:ft.end], ft.lsb
				} else if len(sg.data) >= 10 && int16(binary.BigEndian.Uint16(sg.data)) < 0 {
					sg.data = append([]byte(nil), sg.data...)
					remapComponents(sg.data, newID)
				}
				glyphs[i] = sg
			}
		}
	}
	// glyf and loca (long offsets), hmtx with one full metric per glyph.
	size := 0
	for _, g := range glyphs {
		size += (len(g.data) + 3) &^ 3
	}
	glyf := make([]byte, 0, size)
	loca := make([]byte, 4*(len(glyphs)+1))
	hmtx := make([]byte, 4*len(glyphs))
	for i, g := range glyphs {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		glyf = append(glyf, g.data...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		binary.BigEndian.PutUint16(hmtx[4*i:], g.adv)
		binary.BigEndian.PutUint16(hmtx[4*i+2:], uint16(g.lsb))
	}
	binary.BigEndian.PutUint32(loca[4*len(glyphs):], uint32(len(glyf)))

	tables := map[string][]byte{
		"glyf": glyf,
		"loca": loca,
		"hmtx": hmtx,
	}
	if withCmap {
		tables["cmap"] = buildCmap4(cmapPairs(cmap, func(m mapping) (rune, uint16) { return m.r, m.gid }))
	}
	head := append([]byte(nil), f.table("head")...)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1)
	tables["head"] = head
	hhea := append([]byte(nil), f.table("hhea")...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(glyphs)))
	tables["hhea"] = hhea
	maxp := append([]byte(nil), f.table("maxp")...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(glyphs)))
	if len(maxp) >= 32 && binary.BigEndian.Uint32(maxp) == 0x00010000 {
		// a flattened glyph may have more points and contours than the
		// face's simple glyphs; a glyph wrapped in a scaling composite
		// makes a composite of as many
		raise := func(off, v int) {
			binary.BigEndian.PutUint16(maxp[off:], max(binary.BigEndian.Uint16(maxp[off:]), uint16(min(v, 0xFFFF))))
		}
		raise(6, fl.points)
		raise(8, fl.conts)
		raise(10, units.points)
		raise(12, units.contours)
		if units.componentDepthAtLeast > 0 {
			raise(28, 1)
			raise(30, units.componentDepthAtLeast)
		}
	}
	tables["maxp"] = maxp
	post := make([]byte, 32)
	copy(post, f.table("post"))
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names
	tables["post"] = post
	for _, tag := range []string{"OS/2", "name", "cvt ", "fpgm", "prep", "gasp"} {
		if b := f.table(tag); b != nil {
			tables[tag] = append([]byte(nil), b...)
		}
	}
	if units.k > 1 {
		scaleTables(tables, units.k)
	}
	return assemble(tables), gids, nil
}

// hinted reports whether the face has TrueType hinting: a font program,
// a control value program or table (glyphs' own instructions are checked
// where glyphs are rewritten).
func (f *Face) hinted() bool {
	for _, tag := range []string{"fpgm", "prep", "cvt "} {
		if _, ok := f.tables[tag]; ok {
			return true
		}
	}
	return false
}

func cmapPairs[T any](ms []T, get func(T) (rune, uint16)) (rs []rune, gs []uint16) {
	for _, m := range ms {
		r, g := get(m)
		rs, gs = append(rs, r), append(gs, g)
	}
	return rs, gs
}

// lsb returns the left side bearing of glyph g: xMin of its outline, 0
// for an empty glyph.
func (f *Face) lsb(g uint16) int16 {
	if f.loca[int(g)+1]-f.loca[g] < 10 {
		return 0
	}
	return int16(binary.BigEndian.Uint16(f.glyf[f.loca[g]+2:]))
}

// components calls fn for each component glyph of glyph g if it is a
// composite, validating the records.
func (f *Face) components(g uint16, fn func(uint16)) error {
	b := f.glyf[f.loca[g]:f.loca[int(g)+1]]
	if len(b) < 10 || int16(binary.BigEndian.Uint16(b)) >= 0 {
		return nil
	}
	return walkComponents(b, func(pos int, c uint16) error {
		if int(c) >= f.numGlyphs {
			return malformed("glyf", "glyph %d: component %d of %d glyphs", g, c, f.numGlyphs)
		}
		fn(c)
		return nil
	})
}

// walkComponents visits the component records of composite glyph data b,
// giving the byte position of each glyph index.
func walkComponents(b []byte, fn func(pos int, gid uint16) error) error {
	p := 10
	for n := 0; ; n++ {
		if p+4 > len(b) || n > 1024 {
			return malformed("glyf", "composite glyph truncated")
		}
		flags := binary.BigEndian.Uint16(b[p:])
		if err := fn(p+2, binary.BigEndian.Uint16(b[p+2:])); err != nil {
			return err
		}
		p += 4
		if flags&argWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScal != 0:
			p += 4
		case flags&have2x2 != 0:
			p += 8
		}
		if p > len(b) {
			return malformed("glyf", "composite glyph truncated")
		}
		if flags&moreComps == 0 {
			return nil
		}
	}
}

// remapComponents rewrites the component glyph indices of a copied
// composite glyph to the subset's numbering.
func remapComponents(b []byte, newID map[uint16]uint16) error {
	if len(b) < 10 || int16(binary.BigEndian.Uint16(b)) >= 0 {
		return nil
	}
	return walkComponents(b, func(pos int, gid uint16) error {
		binary.BigEndian.PutUint16(b[pos:], newID[gid])
		return nil
	})
}

// buildCmap4 returns a cmap table with one (3,1) format 4 subtable mapping
// the sorted runes rs to glyphs gs.
func buildCmap4(rs []rune, gs []uint16) []byte {
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for i := 0; i < len(rs); i++ {
		r, g := uint16(rs[i]), gs[i]
		if n := len(segs); n > 0 && segs[n-1].end+1 == r && uint16(r+segs[n-1].delta) == g {
			segs[n-1].end = r
			continue
		}
		segs = append(segs, seg{r, r, g - r})
	}
	if n := len(segs); n == 0 || segs[n-1].end != 0xFFFF {
		segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	}
	n := len(segs)
	sub := make([]byte, 16+8*n)
	binary.BigEndian.PutUint16(sub[0:], 4)
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	binary.BigEndian.PutUint16(sub[6:], uint16(2*n))
	p, sel := 1, 0
	for p*2 <= n {
		p, sel = p*2, sel+1
	}
	sr := 2 * p
	binary.BigEndian.PutUint16(sub[8:], uint16(sr))
	binary.BigEndian.PutUint16(sub[10:], uint16(sel))
	binary.BigEndian.PutUint16(sub[12:], uint16(2*n-sr))
	for i, s := range segs {
		binary.BigEndian.PutUint16(sub[14+2*i:], s.end)
		binary.BigEndian.PutUint16(sub[16+2*n+2*i:], s.start)
		binary.BigEndian.PutUint16(sub[16+4*n+2*i:], s.delta)
		// idRangeOffset stays 0
	}
	out := make([]byte, 12, 12+len(sub))
	binary.BigEndian.PutUint16(out[2:], 1)
	binary.BigEndian.PutUint16(out[4:], 3)
	binary.BigEndian.PutUint16(out[6:], 1)
	binary.BigEndian.PutUint32(out[8:], 12)
	return append(out, sub...)
}

// assemble writes an sfnt file with the given tables, sorted by tag, each
// 4-byte aligned, with checksums and head.checkSumAdjustment.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	total := 12 + 16*len(tables)
	for t, b := range tables {
		tags = append(tags, t)
		total += (len(b) + 3) &^ 3
	}
	sort.Strings(tags)
	n := len(tags)
	out := make([]byte, 12+16*n, total)
	binary.BigEndian.PutUint32(out, tagTrueType)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16<<es))
	headAt := -1
	for i, t := range tags {
		b := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(b))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(b)))
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

func checksum(b []byte) uint32 {
	var s uint32
	for len(b) >= 4 {
		s += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var t [4]byte
		copy(t[:], b)
		s += binary.BigEndian.Uint32(t[:])
	}
	return s
}
