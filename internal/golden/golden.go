// Package golden compares test output with golden files under testdata.
// Each test package keeps its own -update flag and passes its value in.
package golden

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// Check compares got with the golden file at path. With update it writes
// got there instead (creating testdata/ if need be). A missing golden file
// is a failure, not a pass; a difference fails with the first line that
// differs.
func Check(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("missing golden file (run go test -update): %v", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	line, g, w := FirstDifference(got, want)
	t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(run go test -update if the change is intended)", path, line, g, w)
}

// FirstDifference returns the 1-based number of the first line where got
// and want differ, and the two lines (empty past the end of either).
func FirstDifference(got, want []byte) (line int, g, w []byte) {
	gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(gl) || i < len(wl); i++ {
		g, w = nil, nil
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if i >= len(gl) || i >= len(wl) || !bytes.Equal(g, w) {
			return i + 1, g, w
		}
	}
	return 0, nil, nil
}
