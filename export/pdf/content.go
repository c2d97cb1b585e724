package pdf

import (
	"math"

	"github.com/statbrief/statbrief/export/pdf/font"
)

// contentWriter turns the boxes of one page into a PDF content stream,
// keeping track of the graphics state so that it sets a colour, a font or
// a line width only when it changes.
type contentWriter struct {
	h   float64         // page height: PDF's y axis points up
	enc []*faceEncoding // per face: its characters' codes and widths
	b   []byte

	// a text object is open (BT): its line origin (as written, rounded)
	// and where the last text shown left the cursor
	inText      bool
	tx, ty      float64
	curX, curY  float64
	cursorKnown bool

	fill, stroke       Color
	hasFill, hasStroke bool
	// the document's palette, and whether this page has set it as the
	// fill and the stroke colour space
	palette          map[Color]int
	csFill, csStroke bool
	lineWidth        float64
	face             int
	size             float64
	tc               float64
	tr               int
}

func (c *contentWriter) reset() {
	*c = contentWriter{h: c.h, enc: c.enc, palette: c.palette, b: c.b[:0], face: -1, lineWidth: -1}
}

// endText closes the open text object, if any.
func (c *contentWriter) endText() {
	if c.inText {
		c.op("ET")
		c.inText = false
	}
}

// round2 is v rounded as appendNum writes it.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

func (c *contentWriter) num(v float64) { c.b = appendNum(c.b, v); c.b = append(c.b, ' ') }

// pos writes a coordinate, to a tenth of a point (0.035 mm): finer than
// any reader can see, and a digit less to write and compress than num.
func (c *contentWriter) pos(v float64) { c.b = appendNum(c.b, round1(v)); c.b = append(c.b, ' ') }

// round1 is v rounded to a tenth, as pos writes it.
func round1(v float64) float64 { return math.Round(v*10) / 10 }

func (c *contentWriter) op(s string) { c.b = append(c.b, s...); c.b = append(c.b, '\n') }

// The colours of a document are the entries of an indexed colour space
// (palette, named /C in the pages' resources): a colour is set as "3 sc"
// rather than "0.12 0.31 0.55 rg", and painted exactly (the palette holds
// the 8-bit values, where decimals rounded to two places could be off by
// one). A document of more colours than a palette holds (256) sets them
// as RGB.

func (c *contentWriter) setFill(col Color) {
	if c.hasFill && col == c.fill {
		return
	}
	c.fill, c.hasFill = col, true
	if i, ok := c.palette[col]; ok {
		if !c.csFill {
			c.csFill = true
			c.op("/C cs")
		}
		c.b = appendInt(c.b, i)
		c.op(" sc")
		return
	}
	c.rgb(col)
	c.op("rg")
}

func (c *contentWriter) setStroke(col Color) {
	if c.hasStroke && col == c.stroke {
		return
	}
	c.stroke, c.hasStroke = col, true
	if i, ok := c.palette[col]; ok {
		if !c.csStroke {
			c.csStroke = true
			c.op("/C CS")
		}
		c.b = appendInt(c.b, i)
		c.op(" SC")
		return
	}
	c.rgb(col)
	c.op("RG")
}

func (c *contentWriter) setLineWidth(w float64) {
	if w == c.lineWidth {
		return
	}
	c.lineWidth = w
	c.num(w)
	c.op("w")
}

func (c *contentWriter) rgb(col Color) {
	for _, v := range []uint8{col.R, col.G, col.B} {
		c.b = appendNum(c.b, float64(v)/255)
		c.b = append(c.b, ' ')
	}
}

// box paints one box. Consecutive text boxes share a text object
// (BT … ET), positioned relative to each other; a box that starts where
// the text before it ended (the next run of a line) just continues it.
func (c *contentWriter) box(b *Box) {
	if b.Kind != TextBox {
		c.endText()
	}
	switch b.Kind {
	case TextBox:
		c.text(b)
	case RectBox:
		x, y := min(b.X, b.X+b.W), max(b.Y, b.Y+b.H)
		c.setFill(b.Color)
		c.pos(x)
		c.pos(c.h - y)
		c.pos(abs(b.W))
		c.pos(abs(b.H))
		c.op("re f")
	case LineBox:
		c.setStroke(b.Color)
		c.setLineWidth(b.LineWidth)
		if b.Dashed {
			c.op("[3 2] 0 d")
		}
		c.pos(b.X)
		c.pos(c.h - b.Y)
		c.b = append(c.b, "m "...)
		c.pos(b.X + b.W)
		c.pos(c.h - (b.Y + b.H))
		c.op("l S")
		if b.Dashed {
			c.op("[] 0 d")
		}
	case MarkerBox: // a diamond
		c.polygon(b.Color, [][2]float64{{b.X + b.W/2, b.Y}, {b.X + b.W, b.Y + b.H/2}, {b.X + b.W/2, b.Y + b.H}, {b.X, b.Y + b.H/2}})
	case ArrowBox: // a triangle pointing up, or down
		if b.Down {
			c.polygon(b.Color, [][2]float64{{b.X, b.Y}, {b.X + b.W, b.Y}, {b.X + b.W/2, b.Y + b.H}})
		} else {
			c.polygon(b.Color, [][2]float64{{b.X, b.Y + b.H}, {b.X + b.W, b.Y + b.H}, {b.X + b.W/2, b.Y}})
		}
	}
}

func (c *contentWriter) polygon(col Color, pts [][2]float64) {
	c.setFill(col)
	for i, p := range pts {
		c.pos(p[0])
		c.pos(c.h - p[1])
		if i == 0 {
			c.b = append(c.b, "m "...)
		} else {
			c.b = append(c.b, "l "...)
		}
	}
	c.op("h f")
}

// text sets a run of text: the glyph indices of its characters in its
// face's subset, at its baseline, with its spacing and, for synthetic
// bold, fill-and-stroke rendering.
func (c *contentWriter) text(b *Box) {
	c.setFill(b.Color)
	tr := 0
	if b.Bold {
		tr = 2
		c.setStroke(b.Color)
		c.setLineWidth(b.Size * font.SyntheticBoldStroke)
	}
	if !c.inText {
		c.op("BT")
		c.inText, c.tx, c.ty, c.cursorKnown = true, 0, 0, false
	}
	if b.face != c.face || b.Size != c.size {
		c.face, c.size = b.face, b.Size
		c.b = append(c.b, "/F"...)
		c.b = appendInt(c.b, b.face)
		c.b = append(c.b, ' ')
		c.num(b.Size)
		c.op("Tf")
	}
	if b.Spacing != c.tc {
		c.tc = b.Spacing
		c.num(b.Spacing)
		c.op("Tc")
	}
	if tr != c.tr {
		c.tr = tr
		c.b = appendInt(c.b, tr)
		c.op(" Tr")
	}
	x, y := b.X, c.h-b.Baseline
	if !c.cursorKnown || math.Abs(c.curX-x) > 0.05 || math.Abs(c.curY-y) > 0.005 {
		// move the line origin to the box, by the rounded offsets
		// written, so that rounding errors do not add up
		dx, dy := round1(x-c.tx), round1(y-c.ty)
		c.pos(dx)
		c.pos(dy)
		c.b = append(c.b, "Td"...)
		c.tx, c.ty = c.tx+dx, c.ty+dy
		c.curX, c.curY = c.tx, c.ty
	}
	// the codes as a literal string: half the bytes of hexadecimal, so
	// less to compress
	c.b = append(c.b, '(')
	e := c.enc[b.face]
	w, n := 0, 0
	for _, r := range b.Text {
		g := e.code(r)
		c.b = append(c.b, g.b[:g.n]...)
		w += int(g.adv)
		n++
	}
	c.op(")Tj")
	// where the viewer leaves the cursor: the widths of the /W array and
	// the size and spacing as written
	c.curX += float64(w)/1000*round2(b.Size) + round2(b.Spacing)*float64(n)
	c.cursorKnown = true
}

// appendLiteralByte appends c to a PDF literal string, escaped where a
// reader would otherwise take it for a delimiter or normalize it (a
// carriage return becomes a line feed in a literal string).
func appendLiteralByte(b []byte, c byte) []byte {
	switch c {
	case '(', ')', '\\':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}

func appendInt(b []byte, v int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	if v >= 10 {
		b = appendInt(b, v/10)
	}
	return append(b, byte('0'+v%10))
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// boxColors returns the colours of the boxes, each once in the order first
// used, and their indices; nil when there are more than 256.
func boxColors(boxes []Box) ([]Color, map[Color]int) {
	index := map[Color]int{}
	var cols []Color
	for i := range boxes {
		col := boxes[i].Color
		if _, ok := index[col]; !ok {
			if len(cols) == 256 {
				return nil, nil
			}
			index[col] = len(cols)
			cols = append(cols, col)
		}
	}
	return cols, index
}

// colorSpace is the indexed colour space of a palette, for a resource
// dictionary.
func colorSpace(cols []Color) string {
	b := []byte("[/Indexed/DeviceRGB ")
	b = appendInt(b, len(cols)-1)
	b = append(b, '<')
	for _, c := range cols {
		for _, v := range [3]uint8{c.R, c.G, c.B} {
			b = append(b, hexDigits[v>>4], hexDigits[v&15])
		}
	}
	return string(append(b, ">]"...))
}

// faceEncoding is how a document's text in one face is written: per
// character, its code (as a literal string writes it, escaped) and its
// glyph's width in the /W array, looked up through the document's
// character count (runeCount: its table, no longer needed for counting,
// holds each character's index here plus one).
type faceEncoding struct {
	index  *[1 << 16]uint32
	glyphs []glyphCode
	other  map[rune]glyphCode // characters above U+FFFF
}

// glyphCode is a character's code, escaped, and its glyph's width in
// thousandths of an em.
type glyphCode struct {
	b   [4]byte
	n   uint8
	adv int32
}

func newFaceEncoding(e *embeddedFont, codes *faceCodes, set *runeCount) *faceEncoding {
	view := e.gids.view()
	glyph := func(r rune) glyphCode {
		gid := view.lookup(r)
		var g glyphCode
		g.n = uint8(copy(g.b[:], codes.appendCode(g.b[:0], gid)))
		if int(gid) < len(e.adv) {
			g.adv = e.adv[gid]
		}
		return g
	}
	fe := &faceEncoding{index: set.n, glyphs: make([]glyphCode, len(set.seen))}
	for i, r := range set.seen {
		fe.glyphs[i] = glyph(r)
		set.n[r] = uint32(i + 1)
	}
	for _, r := range set.astral {
		if fe.other == nil {
			fe.other = map[rune]glyphCode{}
		}
		fe.other[r] = glyph(r)
	}
	return fe
}

// code returns the code of r, a character the document sets in the face.
func (fe *faceEncoding) code(r rune) glyphCode {
	if r >= 0 && r < 1<<16 {
		if i := fe.index[r]; i > 0 {
			return fe.glyphs[i-1]
		}
	}
	return fe.other[r]
}
