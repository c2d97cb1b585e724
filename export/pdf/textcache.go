package pdf

import (
	"math"
	"slices"
	"sync"
)

// textCache keeps what layout computes from a text alone, for the next
// documents a renderer lays out: a table cell's measures (cellMeasure),
// the lines a text breaks into at a width, and a footnote's lines. Both depend only on the text
// and how it is set, so a document comes out the same from a renderer
// that has laid out others; briefings of one kind share most of their
// headers, labels, periods and notes, and a document laid out again (a
// batch, a preview) takes all of its lines from the cache. Bounded
// (emptied when it holds maxTextCacheBytes of text), safe for concurrent
// use.
type textCache struct {
	mu    sync.RWMutex
	cells map[cellKey]*cellMeasure
	wraps map[wrapKey][]string
	notes map[noteKey][]string
	bytes int
}

// maxTextCacheBytes bounds the text a textCache keeps (keys and lines;
// the measures it holds are about as large again).
const maxTextCacheBytes = 4 << 20

// wrapKey is a text broken into lines: the text, where the part kept
// whole with what precedes it begins (wrapGlued), the width and the size
// and weight it is set in.
type wrapKey struct {
	s    string
	glue int
	w    uint64 // math.Float64bits of the width
	size float64
	bold bool
}

func newTextCache() *textCache {
	return &textCache{cells: map[cellKey]*cellMeasure{}, wraps: map[wrapKey][]string{}, notes: map[noteKey][]string{}}
}

// cell returns the shared measure of key, made by mk the first time.
func (c *textCache) cell(key cellKey, mk func() *cellMeasure) *cellMeasure {
	c.mu.RLock()
	d, ok := c.cells[key]
	c.mu.RUnlock()
	if ok {
		return d
	}
	d = mk()
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.cells[key]; ok {
		return old // made meanwhile by another layout: one measure per key
	}
	c.room(len(key.s) + 64)
	c.cells[key] = d
	return d
}

// lines returns the lines of key, broken by mk the first time. The
// slice is shared: callers must not change its elements (its capacity is
// its length, so appending copies).
func (c *textCache) lines(key wrapKey, mk func() []string) []string {
	c.mu.RLock()
	ls, ok := c.wraps[key]
	c.mu.RUnlock()
	if ok {
		return ls
	}
	ls = slices.Clip(mk())
	n := len(key.s) + 48
	for _, s := range ls {
		n += 16 + len(s)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.wraps[key]; ok {
		return old
	}
	c.room(n)
	c.wraps[key] = ls
	return ls
}

// note returns the lines of a footnote, if the cache has them.
func (c *textCache) note(key noteKey) ([]string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	ls, ok := c.notes[key]
	return ls, ok
}

// putNote keeps the lines of a footnote (shared: see lines).
func (c *textCache) putNote(key noteKey, ls []string) {
	n := len(key.doc) + len(key.title) + len(key.phrase) + 64
	for _, s := range ls {
		n += 16 + len(s)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.room(n)
	c.notes[key] = slices.Clip(ls)
}

// room empties the cache if n more bytes would take it past its bound.
// The caller holds c.mu.
func (c *textCache) room(n int) {
	if c.bytes+n > maxTextCacheBytes {
		clear(c.cells)
		clear(c.wraps)
		clear(c.notes)
		c.bytes = 0
	}
	c.bytes += n
}

// wrapKeyOf is the key of s (glued from glue) broken at width w in st.
func wrapKeyOf(s string, glue int, w float64, st style) wrapKey {
	return wrapKey{s: s, glue: glue, w: math.Float64bits(w), size: st.size, bold: st.bold}
}
