package golden

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFirstDifference(t *testing.T) {
	for _, c := range []struct {
		got, want string
		line      int
		g, w      string
	}{
		{"a\nb\nc", "a\nb\nc", 0, "", ""},
		{"a\nx\nc", "a\nb\nc", 2, "x", "b"},
		{"a\nb", "a\nb\nc", 3, "", "c"},
		{"a\nb\nc\n", "a\nb\nc", 4, "", ""},
	} {
		line, g, w := FirstDifference([]byte(c.got), []byte(c.want))
		if line != c.line || string(g) != c.g || string(w) != c.w {
			t.Errorf("FirstDifference(%q, %q) = %d %q %q, want %d %q %q", c.got, c.want, line, g, w, c.line, c.g, c.w)
		}
	}
}

// Check writes with update and then passes on the same bytes; a missing
// file and a difference fail (tested through a recorder).
func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "testdata", "x.golden")
	Check(t, path, []byte("one\ntwo\n"), true)
	if b, err := os.ReadFile(path); err != nil || string(b) != "one\ntwo\n" {
		t.Fatalf("update wrote %q, %v", b, err)
	}
	Check(t, path, []byte("one\ntwo\n"), false)
	for _, c := range []struct {
		name, path, got string
	}{
		{"difference", path, "one\nthree\n"},
		{"missing", path + ".none", "one\n"},
	} {
		rec := &recorder{TB: t}
		func() {
			defer func() { recover() }() // Fatalf ends the call
			Check(rec, c.path, []byte(c.got), false)
		}()
		if !rec.failed {
			t.Errorf("%s: Check passed", c.name)
		}
	}
}

// recorder records a failure instead of failing the test.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = true
	panic("fatal")
}
