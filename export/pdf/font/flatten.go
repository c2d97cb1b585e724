package font

import (
	"encoding/binary"
	"math"
	"slices"
)

// Composite glyph flags used by flattening (glyf table), beyond those of
// subset.go.
const (
	argsAreXY   = 0x0002
	haveInstr   = 0x0100
	overlapComp = 0x0400
)

// Simple glyph flags.
const (
	onCurve   = 0x01
	xShort    = 0x02
	yShort    = 0x04
	repeatF   = 0x08
	xSame     = 0x10 // or: x short and positive
	ySame     = 0x20 // or: y short and positive
	overlapSi = 0x40
)

// outline is a simple glyph's points: contour ends, on-curve bits and
// absolute coordinates in font units.
type outline struct {
	ends    []uint16
	on      []bool
	x, y    []int32
	overlap bool
}

// decodeSimple appends the points of simple glyph data b (a glyph of at
// least one contour) to o, moved by (dx, dy). It reports false for data
// it cannot read.
func decodeSimple(b []byte, dx, dy int32, o *outline) bool {
	if len(b) < 10 {
		return true // an empty glyph: no points
	}
	nc := int(int16(binary.BigEndian.Uint16(b)))
	if nc < 0 {
		return false
	}
	if nc == 0 {
		return true
	}
	p := 10 + 2*nc
	if p+2 > len(b) {
		return false
	}
	base := len(o.on)
	prev := -1
	for i := range nc {
		e := int(binary.BigEndian.Uint16(b[10+2*i:]))
		if e <= prev {
			return false
		}
		prev = e
		if base+e > math.MaxUint16 {
			return false
		}
		o.ends = append(o.ends, uint16(base+e))
	}
	n := prev + 1
	p += 2 + int(binary.BigEndian.Uint16(b[p:])) // instructions skipped
	flags := make([]byte, 0, n)
	for len(flags) < n {
		if p >= len(b) {
			return false
		}
		fl := b[p]
		p++
		flags = append(flags, fl)
		if fl&repeatF != 0 {
			if p >= len(b) {
				return false
			}
			for k := int(b[p]); k > 0 && len(flags) < n; k-- {
				flags = append(flags, fl)
			}
			p++
		}
	}
	if flags[0]&overlapSi != 0 {
		o.overlap = true
	}
	var ok bool
	if o.x, p, ok = readCoords(o.x, b, p, flags, dx, xShort, xSame); !ok {
		return false
	}
	for _, fl := range flags {
		o.on = append(o.on, fl&onCurve != 0)
	}
	o.y, _, ok = readCoords(o.y, b, p, flags, dy, yShort, ySame)
	return ok
}

// readCoords appends to out the coordinates of one axis of a simple
// glyph, from b at p: one per point, each a delta (a byte whose sign the
// same flag gives when short is set, a signed 16-bit word unless same is
// set, else no change) added to the running value from start. It returns
// the position after them, and false when b ends too soon.
func readCoords(out []int32, b []byte, p int, flags []byte, start int32, short, same byte) ([]int32, int, bool) {
	v := start
	for _, fl := range flags {
		switch {
		case fl&short != 0:
			if p >= len(b) {
				return out, p, false
			}
			if fl&same != 0 {
				v += int32(b[p])
			} else {
				v -= int32(b[p])
			}
			p++
		case fl&same == 0:
			if p+2 > len(b) {
				return out, p, false
			}
			v += int32(int16(binary.BigEndian.Uint16(b[p:])))
			p += 2
		}
		out = append(out, v)
	}
	return out, p, true
}

// leaves appends to dst the glyphs composite glyph g resolves to (its
// components, theirs, and so on down to simple glyphs) and reports whether
// g flattens exactly: every component only moved, by x and y offsets
// (no scaling, no point matching), and no instructions of the composite's
// own, which flattening would lose.
func (f *Face) leaves(g uint16, depth int, dst []uint16) ([]uint16, bool) {
	if int(g) >= f.numGlyphs || depth > maxCompositeDepth {
		return dst, false
	}
	b := f.glyf[f.loca[g]:f.loca[int(g)+1]]
	if len(b) < 10 || int16(binary.BigEndian.Uint16(b)) >= 0 {
		if instructed(b) {
			return dst, false // its instructions would be lost
		}
		if !slices.Contains(dst, g) {
			dst = append(dst, g)
		}
		return dst, true
	}
	p := 10
	for n := 0; ; n++ {
		if p+4 > len(b) || n > 1024 {
			return dst, false
		}
		flags := binary.BigEndian.Uint16(b[p:])
		c := binary.BigEndian.Uint16(b[p+2:])
		p += 4
		if flags&argsAreXY == 0 || flags&(haveScale|haveXYScal|have2x2) != 0 {
			return dst, false
		}
		if flags&argWords != 0 {
			p += 4
		} else {
			p += 2
		}
		if p > len(b) {
			return dst, false
		}
		var ok bool
		if dst, ok = f.leaves(c, depth+1, dst); !ok {
			return dst, false
		}
		if flags&moreComps == 0 {
			if flags&haveInstr != 0 && p+2 <= len(b) && binary.BigEndian.Uint16(b[p:]) != 0 {
				return dst, false
			}
			return dst, true
		}
	}
}

// instructed reports whether simple glyph data b has instructions.
func instructed(b []byte) bool {
	if len(b) < 10 {
		return false
	}
	nc := int(int16(binary.BigEndian.Uint16(b)))
	p := 10 + 2*nc
	return nc > 0 && p+2 <= len(b) && binary.BigEndian.Uint16(b[p:]) != 0
}

// flatOutline collects the outline of glyph g moved by (dx, dy) into o,
// resolving composites (which leaves has found to flatten exactly) by
// moving their components. It reports false for data it cannot read.
func (f *Face) flatOutline(g uint16, dx, dy int32, depth int, o *outline) bool {
	if int(g) >= f.numGlyphs || depth > maxCompositeDepth {
		return false
	}
	b := f.glyf[f.loca[g]:f.loca[int(g)+1]]
	if len(b) < 10 || int16(binary.BigEndian.Uint16(b)) >= 0 {
		return decodeSimple(b, dx, dy, o)
	}
	p := 10
	for n := 0; ; n++ {
		if p+4 > len(b) || n > 1024 {
			return false
		}
		flags := binary.BigEndian.Uint16(b[p:])
		c := binary.BigEndian.Uint16(b[p+2:])
		p += 4
		if flags&argsAreXY == 0 || flags&(haveScale|haveXYScal|have2x2) != 0 {
			return false
		}
		var ax, ay int32
		if flags&argWords != 0 {
			if p+4 > len(b) {
				return false
			}
			ax, ay = int32(int16(binary.BigEndian.Uint16(b[p:]))), int32(int16(binary.BigEndian.Uint16(b[p+2:])))
			p += 4
		} else {
			if p+2 > len(b) {
				return false
			}
			ax, ay = int32(int8(b[p])), int32(int8(b[p+1]))
			p += 2
		}
		if flags&overlapComp != 0 {
			o.overlap = true
		}
		if !f.flatOutline(c, dx+ax, dy+ay, depth+1, o) {
			return false
		}
		if flags&moreComps == 0 {
			return true
		}
	}
}

// encodeSimple appends o to dst as simple glyph data, and returns it
// with its xMin (the left side bearing); false if a coordinate does not
// fit. scratch is reused for the flags and coordinates.
func encodeSimple(dst []byte, o *outline, scratch *[3][]byte) ([]byte, int16, bool) {
	n := len(o.on)
	if n == 0 || len(o.ends) > math.MaxInt16 {
		return dst, 0, false
	}
	xmin, ymin, xmax, ymax := o.x[0], o.y[0], o.x[0], o.y[0]
	for i := range n {
		xmin, xmax = min(xmin, o.x[i]), max(xmax, o.x[i])
		ymin, ymax = min(ymin, o.y[i]), max(ymax, o.y[i])
	}
	if xmin < math.MinInt16 || ymin < math.MinInt16 || xmax > math.MaxInt16 || ymax > math.MaxInt16 {
		return dst, 0, false
	}
	out := binary.BigEndian.AppendUint16(dst, uint16(len(o.ends)))
	for _, v := range [4]int32{xmin, ymin, xmax, ymax} {
		out = binary.BigEndian.AppendUint16(out, uint16(int16(v)))
	}
	for _, e := range o.ends {
		out = binary.BigEndian.AppendUint16(out, e)
	}
	out = append(out, 0, 0) // no instructions
	flags, xs, ys := scratch[0][:0], scratch[1][:0], scratch[2][:0]
	px, py := int32(0), int32(0)
	for i := range n {
		var fl byte
		if o.on[i] {
			fl = onCurve
		}
		xs, fl = appendDelta(xs, fl, o.x[i]-px, xShort, xSame)
		ys, fl = appendDelta(ys, fl, o.y[i]-py, yShort, ySame)
		px, py = o.x[i], o.y[i]
		flags = append(flags, fl)
	}
	if o.overlap {
		flags[0] |= overlapSi
	}
	for i := 0; i < n; {
		j := i + 1
		for j < n && flags[j] == flags[i] && j-i <= 255 {
			j++
		}
		switch r := j - i - 1; {
		case r >= 2:
			out = append(out, flags[i]|repeatF, byte(r))
		case r == 1:
			out = append(out, flags[i], flags[i])
		default:
			out = append(out, flags[i])
		}
		i = j
	}
	out = append(out, xs...)
	out = append(out, ys...)
	*scratch = [3][]byte{flags, xs, ys}
	return out, int16(xmin), true
}

// appendDelta encodes one coordinate delta as short (one byte and a
// sign flag), same (no byte) or long (two bytes).
func appendDelta(b []byte, fl byte, d int32, short, same byte) ([]byte, byte) {
	switch {
	case d == 0:
		return b, fl | same
	case d > 0 && d <= 255:
		return append(b, byte(d)), fl | short | same
	case d < 0 && d >= -255:
		return append(b, byte(-d)), fl | short
	}
	return binary.BigEndian.AppendUint16(b, uint16(int16(d))), fl
}

// flattener writes composite glyphs as simple glyphs, one after the
// other in buf, reusing its buffers.
type flattener struct {
	f       *Face
	o       outline
	scratch [3][]byte
	buf     []byte
	points  int // the most points and contours of a glyph written
	conts   int
}

// flatten appends composite glyph g (which leaves says flattens) to buf
// as one simple glyph and returns where it starts and its left side
// bearing; ok is false for a glyph whose data cannot be read or whose
// points do not fit a simple glyph.
func (fl *flattener) flatten(g uint16) (start int, lsb int16, ok bool) {
	fl.o = outline{ends: fl.o.ends[:0], on: fl.o.on[:0], x: fl.o.x[:0], y: fl.o.y[:0]}
	if !fl.f.flatOutline(g, 0, 0, 0, &fl.o) || len(fl.o.on) > math.MaxUint16 {
		return 0, 0, false
	}
	start = len(fl.buf)
	buf, lsb, ok := encodeSimple(fl.buf, &fl.o, &fl.scratch)
	if !ok {
		return 0, 0, false
	}
	fl.buf = buf
	fl.points, fl.conts = max(fl.points, len(fl.o.on)), max(fl.conts, len(fl.o.ends))
	return start, lsb, true
}
