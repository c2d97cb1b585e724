package pdf

import (
	"bytes"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// runeSet is the set of characters a document sets in one face: a bitmap
// of the Basic Multilingual Plane and a list of the characters above it.
type runeSet struct {
	bmp    [1 << 16 / 64]uint64
	astral []rune
	n      int
}

func (s *runeSet) add(r rune) {
	if r < 1<<16 && r >= 0 {
		w, b := r>>6, uint64(1)<<(r&63)
		if s.bmp[w]&b == 0 {
			s.bmp[w] |= b
			s.n++
		}
		return
	}
	if !slices.Contains(s.astral, r) {
		s.astral = append(s.astral, r)
		s.n++
	}
}

// runes returns the characters of the set in order.
func (s *runeSet) runes() []rune {
	out := make([]rune, 0, s.n)
	for w, word := range s.bmp {
		for word != 0 {
			out = append(out, rune(w<<6+bits.TrailingZeros64(word)))
			word &= word - 1
		}
	}
	a := slices.Clone(s.astral)
	slices.Sort(a)
	return append(out, a...)
}

// glyphTable maps the characters of a subset to their glyph indices: a
// two-level table, quicker than a map for the lookup of every character
// painted.
type glyphTable struct {
	pages map[rune]*[256]uint16
	last  rune
	page  *[256]uint16
}

func newGlyphTable(gids map[rune]uint16) *glyphTable {
	t := &glyphTable{pages: map[rune]*[256]uint16{}, last: -1}
	for r, g := range gids {
		p := t.pages[r>>8]
		if p == nil {
			p = new([256]uint16)
			t.pages[r>>8] = p
		}
		p[r&255] = g
	}
	return t
}

// lookup returns the glyph index of r, 0 when the subset has none. It
// remembers the last page used: a table belongs to one goroutine at a
// time (see view).
func (t *glyphTable) lookup(r rune) uint16 {
	if r>>8 != t.last {
		t.last, t.page = r>>8, t.pages[r>>8]
	}
	if t.page == nil {
		return 0
	}
	return t.page[r&255]
}

// view returns a table sharing t's pages with a memory of its own, for
// one goroutine.
func (t *glyphTable) view() *glyphTable {
	return &glyphTable{pages: t.pages, last: -1}
}

// embeddedFont is what a document writes for one face: the subset, its
// glyph indices and the font objects' content, which depend only on the
// face and the characters set in it.
type embeddedFont struct {
	key    string
	gids   *glyphTable // shared, read through views
	base   string      // the font's name, with the subset's tag
	widths string      // the CID font's /W array
	adv    []int32     // per glyph: its width in the /W array, in thousandths of an em
	length int         // the subset's size, uncompressed
	file   []byte      // the subset, zlib-compressed
	toUni  []byte      // the ToUnicode map, zlib-compressed
}

func (e *embeddedFont) size() int {
	return len(e.key) + len(e.file) + len(e.toUni) + len(e.widths) + 4*len(e.adv)
}

// deflateBest zlib-compresses data at the best compression.
func deflateBest(data []byte) []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(data)
	w.Close()
	return z.Bytes()
}

// fontCache keeps the embedded subsets of the last documents a Renderer
// painted, keyed by face and the exact set of characters: documents of
// one kind (a batch of districts, or of years) often set the same
// characters, and subsetting and compressing the font is then done once.
// The bytes written are those a new subset gives. It is bounded and safe
// for concurrent use.
type fontCache struct {
	mu    sync.Mutex
	m     map[string]*embeddedFont
	bytes int
}

const maxFontCacheBytes = 8 << 20 // the cache is emptied beyond this

// fontKey is the cache key of a face's subset of runes (sorted).
func fontKey(face int, runes []rune) string {
	b := make([]byte, 0, 4+3*len(runes))
	b = append(b, byte(face>>8), byte(face), ':')
	for _, r := range runes {
		b = append(b, byte(r>>16), byte(r>>8), byte(r))
	}
	return string(b)
}

func (c *fontCache) get(key string) *embeddedFont {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[key]
}

func (c *fontCache) put(e *embeddedFont) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*embeddedFont{}
	}
	if _, ok := c.m[e.key]; ok {
		return
	}
	if c.bytes+e.size() > maxFontCacheBytes {
		clear(c.m)
		c.bytes = 0
	}
	c.m[e.key] = e
	c.bytes += e.size()
}

// embed returns the embedded subset of face i for runes (sorted), from the
// cache or made anew.
func (r *Renderer) embed(f *faceInfo, i int, runes []rune) (*embeddedFont, error) {
	key := fontKey(i, runes)
	if e := r.fonts.get(key); e != nil {
		return e, nil
	}
	data, gids, err := f.subset(runes)
	if err != nil {
		return nil, err
	}
	e := &embeddedFont{key: key, gids: newGlyphTable(gids), length: len(data)}
	// the subset's tag: six letters from the characters it holds
	h := uint32(2166136261)
	for _, c := range runes {
		h = (h ^ uint32(c)) * 16777619
	}
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = byte('A' + h%26)
		h /= 26
	}
	e.base = string(tag) + "+" + pdfName(f.name)
	// widths of glyphs 1 … n, in thousandths of an em, in the order of
	// the runes; the /W array lists those that differ from the default
	// width (DW 1000, the hanzi's) in runs of consecutive glyphs
	n := 0
	for _, g := range gids {
		n = max(n, int(g))
	}
	e.adv = make([]int32, n+1)
	for _, c := range runes {
		e.adv[gids[c]] = int32(math.Round(f.advance(c) * 1000))
	}
	var wa []byte
	wa = append(wa, '[')
	for g := 1; g <= n; {
		if e.adv[g] == 1000 {
			g++
			continue
		}
		if len(wa) > 1 {
			wa = append(wa, ' ')
		}
		wa = strconv.AppendInt(wa, int64(g), 10)
		wa = append(wa, '[')
		for first := true; g <= n && e.adv[g] != 1000; g++ {
			if !first {
				wa = append(wa, ' ')
			}
			first = false
			wa = strconv.AppendInt(wa, int64(e.adv[g]), 10)
		}
		wa = append(wa, ']')
	}
	wa = append(wa, ']')
	e.widths = string(wa)
	// compressed hard: the subset is made once and kept for the next
	// documents that set the same characters
	e.file = deflateBest(data)
	e.toUni = deflateBest(toUnicode(runes, gids))
	r.fonts.put(e)
	return e, nil
}

// writeFont writes one face as a Type 0 font (object obj) with its CID
// font, descriptor, embedded subset and ToUnicode map.
func writeFont(w *writer, f *faceInfo, e *embeddedFont, obj int) {
	cid, desc, file, toUni := w.alloc(), w.alloc(), w.alloc(), w.alloc()
	w.object(obj, fmt.Sprintf("<</Type/Font/Subtype/Type0/BaseFont/%s/Encoding/Identity-H/DescendantFonts[%d 0 R]/ToUnicode %d 0 R>>", e.base, cid, toUni))
	w.object(cid, fmt.Sprintf("<</Type/Font/Subtype/CIDFontType2/BaseFont/%s/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor %d 0 R/DW 1000/W%s/CIDToGIDMap/Identity>>",
		e.base, desc, e.widths))
	bb := f.bbox
	w.object(desc, fmt.Sprintf("<</Type/FontDescriptor/FontName/%s/Flags 4/FontBBox[%d %d %d %d]/ItalicAngle 0/Ascent %d/Descent %d/CapHeight %d/StemV 80/FontFile2 %d 0 R>>",
		e.base, int(bb[0]), int(bb[1]), int(bb[2]), int(bb[3]), int(f.ascent), int(f.descent), int(f.capHeight), file))
	w.compressed(file, fmt.Sprintf("/Length1 %d", e.length), e.file)
	w.compressed(toUni, "", e.toUni)
}
