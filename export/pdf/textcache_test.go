package pdf

import (
	"strings"
	"testing"
)

// TestTextCacheBound: the cache empties itself rather than grow past its
// bound, and gives back what it was given.
func TestTextCacheBound(t *testing.T) {
	c := newTextCache()
	long := strings.Repeat("统计", 2000)
	for i := range 2000 {
		key := wrapKeyOf(long[:len(long)-3*(i%1000)], i, 100, style{size: 9})
		got := c.lines(key, func() []string { return []string{"a", "b"} })
		if len(got) != 2 || got[0] != "a" || cap(got) != 2 {
			t.Fatalf("lines %q (cap %d)", got, cap(got))
		}
		if c.bytes > maxTextCacheBytes {
			t.Fatalf("%d bytes kept, bound %d", c.bytes, maxTextCacheBytes)
		}
	}
	calls := 0
	key := wrapKeyOf("同比增长", 12, 30, style{size: 8})
	for range 3 {
		c.lines(key, func() []string { calls++; return []string{"同比", "增长"} })
	}
	if calls != 1 {
		t.Errorf("made %d times, want once", calls)
	}
}
