package pdf

import (
	"sync"

	"github.com/statbrief/statbrief/internal/linebreak"
)

// breakCache keeps the break opportunities (linebreak.Breaks) of the short
// texts a Renderer has laid out — table cells, labels: documents of a
// batch share most of them (periods, units, verdicts, indicator names),
// and finding them is most of the cost of measuring a table. Breaks
// depends on the text alone, so the cache never changes what is laid out.
// It is bounded (emptied when full) and safe for concurrent use; the
// slices it returns are shared and must not be modified.
type breakCache struct {
	mu sync.Mutex
	m  map[string][]linebreak.Break
}

const (
	maxCachedText   = 64      // bytes: longer texts are not kept
	maxCachedBreaks = 1 << 14 // entries
)

func (c *breakCache) get(s string) []linebreak.Break {
	if len(s) > maxCachedText {
		return linebreak.Breaks(s)
	}
	c.mu.Lock()
	k, ok := c.m[s]
	c.mu.Unlock()
	if ok {
		return k
	}
	k = linebreak.Breaks(s)
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxCachedBreaks {
		c.m = make(map[string][]linebreak.Break, 1024)
	}
	c.m[s] = k
	c.mu.Unlock()
	return k
}
