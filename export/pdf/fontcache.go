package pdf

import (
	"bytes"
	"cmp"
	"crypto/md5"
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"
)

// runeCount counts the characters a document sets in one face: the
// occurrences of each character of the Basic Multilingual Plane in a
// table the renderer reuses (see spares.counts), and those above it in a
// list.
type runeCount struct {
	n      *[1 << 16]uint32
	seen   []rune // the BMP characters counted, in the order first seen
	astral []rune // the others, with repeats
}

func (s *runeCount) add(r rune) {
	if r < 1<<16 && r >= 0 {
		if s.n[r] == 0 {
			s.seen = append(s.seen, r)
		}
		s.n[r]++
		return
	}
	s.astral = append(s.astral, r)
}

// sorted returns the characters counted, each once, by code point.
func (s *runeCount) sorted() []rune {
	out := make([]rune, 0, len(s.seen)+len(s.astral))
	out = append(out, s.seen...)
	out = append(out, s.astral...)
	slices.Sort(out)
	return slices.Compact(out)
}

// top returns the k characters set most often (by their number of
// occurrences, then by code point), in no particular order. It depends
// only on the counts, so a document gives the same codes every time.
func (s *runeCount) top(k int) []rune {
	type rc struct {
		r rune
		n uint32
	}
	all := make([]rc, 0, len(s.seen)+len(s.astral))
	for _, r := range s.seen {
		all = append(all, rc{r, s.n[r]})
	}
	astral := slices.Clone(s.astral)
	slices.Sort(astral)
	for i := 0; i < len(astral); {
		j := i
		for j < len(astral) && astral[j] == astral[i] {
			j++
		}
		all = append(all, rc{astral[i], uint32(j - i)})
		i = j
	}
	if k < len(all) {
		slices.SortFunc(all, func(a, b rc) int {
			if a.n != b.n {
				return cmp.Compare(b.n, a.n)
			}
			return cmp.Compare(a.r, b.r)
		})
		all = all[:max(k, 0)]
	}
	out := make([]rune, len(all))
	for i, c := range all {
		out[i] = c.r
	}
	return out
}

// release clears the table and returns it to ch (unless ch is full).
func (s *runeCount) release(ch chan *[1 << 16]uint32) {
	for _, r := range s.seen {
		s.n[r] = 0
	}
	select {
	case ch <- s.n:
	default:
	}
	s.n = nil
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
	gids   *glyphTable    // shared, read through views
	base   string         // the font's name, with the subset's tag
	widths string         // the CID font's /W array
	adv    []int32        // per glyph: its width in the /W array, in thousandths of an em
	length int            // the subset's size, uncompressed
	file   []byte         // the subset, zlib-compressed
	digest [md5.Size]byte // of file
	runeOf []uint16       // per glyph: the character it sets (the first, if several)
}

func (e *embeddedFont) size() int {
	return len(e.key) + len(e.file) + len(e.widths) + 6*len(e.adv)
}

// deflateBest zlib-compresses data at z's level, hard, with a spare writer
// from z (a writer at the hard levels allocates about a megabyte).
func deflateBest(data []byte, z *zlibStore) []byte {
	var b bytes.Buffer
	b.Grow(len(data)/2 + 64)
	deflate(&b, data, z)
	return b.Bytes()
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
	codes map[string]*faceCodes // by the subset's key and the glyphs with one-byte codes
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
		clear(c.codes)
		c.bytes = 0
	}
	c.m[e.key] = e
	c.bytes += e.size()
}

func (c *fontCache) getCodes(key string) *faceCodes {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.codes[key]
}

func (c *fontCache) putCodes(key string, fc *faceCodes) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.codes == nil {
		c.codes = map[string]*faceCodes{}
	}
	if _, ok := c.codes[key]; ok {
		return
	}
	n := len(key) + len(fc.one) + len(fc.cmap) + len(fc.toUni)
	if c.bytes+n > maxFontCacheBytes {
		clear(c.m)
		clear(c.codes)
		c.bytes = 0
	}
	c.codes[key] = fc
	c.bytes += n
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
	e.runeOf = make([]uint16, n+1)
	for i := len(runes) - 1; i >= 0; i-- {
		e.runeOf[gids[runes[i]]] = uint16(runes[i])
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
	// documents that set the same characters (at level 8, not 9: the
	// default Chinese briefing's subset 0.3 % larger, compressed in two
	// thirds of the time, which a batch of briefings that differ in their
	// characters pays for each)
	e.file = deflateBest(data, r.fontZlibs)
	e.digest = md5.Sum(e.file)
	r.fonts.put(e)
	return e, nil
}

// codes returns the codes of subset e for a document that sets the
// characters counted in set, from the cache or made anew.
func (r *Renderer) codes(e *embeddedFont, set *runeCount) *faceCodes {
	var top []rune
	if split := codeSplit(len(e.adv)); split > 0 {
		top = set.top(len(oneByteCodes(split)))
		slices.Sort(top)
	}
	key := make([]byte, 0, len(e.key)+3*len(top)+1)
	key = append(key, e.key...)
	key = append(key, 0xFF)
	for _, c := range top {
		key = append(key, byte(c>>16), byte(c>>8), byte(c))
	}
	if c := r.fonts.getCodes(string(key)); c != nil {
		return c
	}
	c := newFaceCodes(e, top, r.best)
	r.fonts.putCodes(string(key), c)
	return c
}

// writeFont writes one face as a Type 0 font (object obj) with its CID
// font, descriptor, embedded subset, ToUnicode map and, for a face
// addressed by one- and two-byte codes, its CMap.
func writeFont(w *writer, f *faceInfo, e *embeddedFont, c *faceCodes, obj int) {
	cid, desc, file, toUni := w.alloc(), w.alloc(), w.alloc(), w.alloc()
	enc := "/Identity-H"
	cmapObj := 0
	if c.split > 0 {
		cmapObj = w.alloc()
		enc = " " + strconv.Itoa(cmapObj) + " 0 R"
	}
	w.object(obj, fmt.Sprintf("<</Type/Font/Subtype/Type0/BaseFont/%s/Encoding%s/DescendantFonts[%d 0 R]/ToUnicode %d 0 R>>", e.base, enc, cid, toUni))
	w.object(cid, fmt.Sprintf("<</Type/Font/Subtype/CIDFontType2/BaseFont/%s/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor %d 0 R/DW 1000/W%s/CIDToGIDMap/Identity>>",
		e.base, desc, e.widths))
	bb := f.bbox
	w.object(desc, fmt.Sprintf("<</Type/FontDescriptor/FontName/%s/Flags 4/FontBBox[%d %d %d %d]/ItalicAngle 0/Ascent %d/Descent %d/CapHeight %d/StemV 80/FontFile2 %d 0 R>>",
		e.base, int(bb[0]), int(bb[1]), int(bb[2]), int(bb[3]), int(f.ascent), int(f.descent), int(f.capHeight), file))
	w.digested(file, fmt.Sprintf("/Length1 %d", e.length), e.file, e.digest)
	w.compressed(toUni, "", c.toUni)
	if c.split > 0 {
		w.compressed(cmapObj, "/Type/CMap/CMapName/"+codesCMap+"/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>", c.cmap)
	}
}
