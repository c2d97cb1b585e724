package font

import "encoding/binary"

// A subset may be written at fewer units per em than its face, without
// changing an outline: most CJK glyphs of the default face (drawn on a
// grid of 256 units per em, stored at 2048) have every coordinate a
// multiple of 8, so at 256 units per em their coordinates are exact and
// one eighth as large, most deltas fit a byte, and the glyph table of
// the default Chinese briefing's subset is about 11 KB smaller
// compressed. A glyph whose coordinates do not divide (a Latin letter
// drawn at 2048 units) keeps them: it becomes a composite of one
// component, itself at the face's units, scaled by 1/k (an F2Dot14 scale
// of 1/k is exact for k a power of two).

// subsetGlyph is a glyph of a subset being written: its data (a
// composite's components renumbered), advance and left side bearing.
type subsetGlyph struct {
	data []byte
	adv  uint16
	lsb  int16
}

// unitsChange is a subset written at 1/k of its face's units per em: its
// glyphs (the wrapped glyphs' originals appended) and what maxp must
// allow.
type unitsChange struct {
	k                     int
	glyphs                []subsetGlyph
	points, contours      int // of the largest glyph (components resolved)
	componentDepthAtLeast int
}

// maxUnitsDivisor is the largest k a subset's units per em are divided by.
const maxUnitsDivisor = 16

// powerDividing returns the largest power of two, up to
// maxUnitsDivisor, that divides every v.
func powerDividing(vs ...int32) int {
	k := maxUnitsDivisor
	for _, v := range vs {
		for k > 1 && v%int32(k) != 0 {
			k /= 2
		}
		if k == 1 {
			break
		}
	}
	return k
}

// compositeArgs calls fn for the x and y offset arguments of each
// component of composite glyph data b (at byte position pos, words or
// bytes), and reports false when a component is scaled or placed by
// point matching (its offsets cannot just be divided).
func compositeArgs(b []byte, fn func(pos int, words bool, x, y int32)) bool {
	p := 10
	for n := 0; ; n++ {
		if p+4 > len(b) || n > 1024 {
			return false
		}
		flags := binary.BigEndian.Uint16(b[p:])
		if flags&argsAreXY == 0 || flags&(haveScale|haveXYScal|have2x2) != 0 {
			return false
		}
		p += 4
		if flags&argWords != 0 {
			if p+4 > len(b) {
				return false
			}
			fn(p, true, int32(int16(binary.BigEndian.Uint16(b[p:]))), int32(int16(binary.BigEndian.Uint16(b[p+2:]))))
			p += 4
		} else {
			if p+2 > len(b) {
				return false
			}
			fn(p, false, int32(int8(b[p])), int32(int8(b[p+1])))
			p += 2
		}
		if flags&moreComps == 0 {
			return true
		}
	}
}

// divRound is v/k rounded half away from zero.
func divRound(v, k int32) int32 {
	if v < 0 {
		return -((-v + k/2) / k)
	}
	return (v + k/2) / k
}

// floorDiv and ceilDiv round v/k down and up.
func floorDiv(v, k int32) int32 {
	q := v / k
	if v%k != 0 && v < 0 {
		q--
	}
	return q
}

func ceilDiv(v, k int32) int32 { return -floorDiv(-v, k) }

// reduceUnits chooses the k (a power of two, up to maxUnitsDivisor, that
// leaves at least 16 units per em) that divides the coordinates of the
// glyphs holding at least three quarters of a subset's points and the
// offsets of all its composites, and rewrites the glyphs at 1/k of upem.
// It returns k = 1 (and the glyphs unchanged) when there is no such k.
func reduceUnits(gs []subsetGlyph, upem int) unitsChange {
	none := unitsChange{k: 1, glyphs: gs}
	type info struct {
		k         int // divides the glyph's coordinates or offsets
		composite bool
		points    int
	}
	infos := make([]info, len(gs))
	var o outline
	total := 0
	for i, g := range gs {
		b := g.data
		switch {
		case len(b) < 10:
			infos[i] = info{k: maxUnitsDivisor}
		case int16(binary.BigEndian.Uint16(b)) < 0:
			k := maxUnitsDivisor
			if !compositeArgs(b, func(_ int, _ bool, x, y int32) { k = min(k, powerDividing(x, y)) }) {
				return none
			}
			infos[i] = info{k: k, composite: true}
		default:
			o = outline{ends: o.ends[:0], on: o.on[:0], x: o.x[:0], y: o.y[:0]}
			if instructed(b) || !decodeSimple(b, 0, 0, &o) {
				return none // instructions would not survive the change of units
			}
			k := powerDividing(o.x...)
			if k > 1 {
				k = min(k, powerDividing(o.y...))
			}
			infos[i] = info{k: k, points: len(o.on)}
			total += len(o.on)
		}
	}
	k := 1
	for c := maxUnitsDivisor; c > 1; c /= 2 {
		if upem%c != 0 || upem/c < 16 {
			continue
		}
		held, ok := 0, true
		for _, in := range infos {
			switch {
			case in.composite && in.k < c:
				ok = false
			case in.k >= c:
				held += in.points
			}
		}
		if ok && 4*held >= 3*total && total > 0 {
			k = c
			break
		}
	}
	if k == 1 {
		return none
	}
	k32 := int32(k)
	ch := unitsChange{k: k, glyphs: make([]subsetGlyph, len(gs), len(gs)+len(gs)/8)}
	var scratch [3][]byte
	for i, g := range gs {
		adv := uint16(divRound(int32(g.adv), k32))
		b := g.data
		switch {
		case len(b) < 10:
			ch.glyphs[i] = subsetGlyph{data: b, adv: adv}
		case infos[i].composite:
			// offsets divided; the bounding box rounded outwards
			d := append([]byte(nil), b...)
			compositeArgs(d, func(pos int, words bool, x, y int32) {
				if words {
					binary.BigEndian.PutUint16(d[pos:], uint16(int16(x/k32)))
					binary.BigEndian.PutUint16(d[pos+2:], uint16(int16(y/k32)))
				} else {
					d[pos], d[pos+1] = byte(int8(x/k32)), byte(int8(y/k32))
				}
			})
			xmin := scaleBox(d, k32)
			ch.glyphs[i] = subsetGlyph{data: d, adv: adv, lsb: xmin}
			ch.componentDepthAtLeast = 2 // a composite may hold a wrapped glyph
		case infos[i].k >= k:
			o = outline{ends: o.ends[:0], on: o.on[:0], x: o.x[:0], y: o.y[:0]}
			decodeSimple(b, 0, 0, &o)
			for j := range o.x {
				o.x[j] /= k32
				o.y[j] /= k32
			}
			d, lsb, _ := encodeSimple(nil, &o, &scratch)
			ch.glyphs[i] = subsetGlyph{data: d, adv: adv, lsb: lsb}
		default:
			// a composite of the glyph as it is, scaled by 1/k
			c := len(ch.glyphs)
			ch.glyphs = append(ch.glyphs, subsetGlyph{data: b, adv: g.adv, lsb: g.lsb})
			d := make([]byte, 10, 20)
			binary.BigEndian.PutUint16(d[0:], 0xFFFF) // -1 contours: a composite
			copy(d[2:], b[2:10])
			xmin := scaleBox(d, k32)
			d = binary.BigEndian.AppendUint16(d, argWords|argsAreXY|haveScale)
			d = binary.BigEndian.AppendUint16(d, uint16(c))
			d = append(d, 0, 0, 0, 0)                             // at (0, 0)
			d = binary.BigEndian.AppendUint16(d, uint16(16384/k)) // F2Dot14 1/k
			ch.glyphs[i] = subsetGlyph{data: d, adv: adv, lsb: xmin}
			ch.componentDepthAtLeast = max(ch.componentDepthAtLeast, 1)
			ch.points, ch.contours = max(ch.points, infos[i].points), max(ch.contours, int(binary.BigEndian.Uint16(b)))
		}
	}
	return ch
}

// scaleBox divides the bounding box in glyph header d by k, rounding
// outwards, and returns the new xMin.
func scaleBox(d []byte, k int32) int16 {
	for j := range 4 {
		v := int32(int16(binary.BigEndian.Uint16(d[2+2*j:])))
		if j < 2 {
			v = floorDiv(v, k)
		} else {
			v = ceilDiv(v, k)
		}
		binary.BigEndian.PutUint16(d[2+2*j:], uint16(int16(v)))
	}
	return int16(binary.BigEndian.Uint16(d[2:]))
}

// scaleTables divides the metrics in font units of head, hhea, OS/2 and
// post by k (head's units per em too), in copies of the tables.
func scaleTables(tables map[string][]byte, k int) {
	k32 := int32(k)
	signed := func(b []byte, offs ...int) {
		for _, off := range offs {
			if off+2 <= len(b) {
				v := int32(int16(binary.BigEndian.Uint16(b[off:])))
				binary.BigEndian.PutUint16(b[off:], uint16(int16(divRound(v, k32))))
			}
		}
	}
	unsigned := func(b []byte, offs ...int) {
		for _, off := range offs {
			if off+2 <= len(b) {
				v := int32(binary.BigEndian.Uint16(b[off:]))
				binary.BigEndian.PutUint16(b[off:], uint16(divRound(v, k32)))
			}
		}
	}
	if h := tables["head"]; len(h) >= 54 {
		upem := int32(binary.BigEndian.Uint16(h[18:]))
		binary.BigEndian.PutUint16(h[18:], uint16(upem/k32))
		for j, off := range []int{36, 38, 40, 42} {
			v := int32(int16(binary.BigEndian.Uint16(h[off:])))
			if j < 2 {
				v = floorDiv(v, k32)
			} else {
				v = ceilDiv(v, k32)
			}
			binary.BigEndian.PutUint16(h[off:], uint16(int16(v)))
		}
	}
	if h := tables["hhea"]; len(h) >= 36 {
		signed(h, 4, 6, 8, 12, 14, 16)
		unsigned(h, 10)
	}
	if os2 := tables["OS/2"]; len(os2) >= 78 {
		signed(os2, 2, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 68, 70, 72)
		unsigned(os2, 74, 76)
		if binary.BigEndian.Uint16(os2) >= 2 && len(os2) >= 90 {
			signed(os2, 86, 88)
		}
	}
	if p := tables["post"]; len(p) >= 12 {
		signed(p, 8, 10)
	}
}
