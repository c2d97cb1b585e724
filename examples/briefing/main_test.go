package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// The one-command main job writes the Dalian 2020 briefing in both formats.
func TestDefaultBriefing(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-out", dir}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"dalian-2020.xlsx", "dalian-2020.pdf"} {
		if st, err := os.Stat(dir + "/" + f); err != nil || st.Size() == 0 {
			t.Fatalf("%s: %v", f, err)
		}
	}
}

// An unknown language is refused before anything is built; a format given
// twice is written once.
func TestFlags(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-lang", "fr", "-out", t.TempDir()}, &stdout, &stderr); err == nil || !strings.Contains(err.Error(), "zh or en") {
		t.Fatalf("-lang fr: %v", err)
	}
	dir := t.TempDir()
	stdout.Reset()
	if err := run([]string{"-format", "txt,txt", "-out", dir}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(stdout.String(), "wrote "); n != 1 {
		t.Fatalf("%d files written for txt,txt:\n%s", n, stdout.String())
	}
}
