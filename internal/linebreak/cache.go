package linebreak

import "sync"

// Cache keeps the break opportunities of the words (chunks of text
// between spaces) BreaksCached has looked up: texts of one kind — the
// briefings of a batch, their notes and tables — share most of their
// words, and finding break opportunities (UAX #14) is the costly part of
// breaking lines. Breaks depend on the words alone, so a cache changes
// nothing but the time taken. A Cache is bounded (emptied when full) and
// safe for concurrent use; the zero value is not usable: make one with
// NewCache.
type Cache struct {
	mu       sync.Mutex
	m        map[string][]Break
	bytes    int
	maxBytes int
}

// NewCache returns a cache that holds at most about maxBytes bytes.
func NewCache(maxBytes int) *Cache {
	return &Cache{m: map[string][]Break{}, maxBytes: maxBytes}
}

// get returns the break opportunities of chunk, computed once.
func (c *Cache) get(chunk string) []Break {
	c.mu.Lock()
	k, ok := c.m[chunk]
	c.mu.Unlock()
	if ok {
		return k
	}
	k = make([]Break, len(chunk)+1)
	segmentBreaks(chunk, k)
	c.mu.Lock()
	if c.bytes+2*len(chunk)+1 > c.maxBytes {
		clear(c.m)
		c.bytes = 0
	}
	c.m[chunk] = k
	c.bytes += 2*len(chunk) + 1
	c.mu.Unlock()
	return k
}
