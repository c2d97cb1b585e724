package embedded_test

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/statbrief/statbrief/export/pdf/font/embedded"
	"github.com/statbrief/statbrief/internal/sourcetexts"
	"github.com/statbrief/statbrief/seeds"
)

func TestLoad(t *testing.T) {
	a, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	b, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	if a == b || a.Faces(false)[0] == b.Faces(false)[0] {
		t.Error("Load returned a cached set")
	}
	if a.Name() != embedded.Name || !a.SyntheticBold() {
		t.Errorf("set %q synthetic bold %v", a.Name(), a.SyntheticBold())
	}
	if n := embedded.Size(); n > 12<<20 {
		t.Errorf("embedded font is %d bytes, budget 12 MB", n)
	}
	if l := embedded.License(); !strings.Contains(l, "Apache License") || !strings.Contains(l, "WenQuanYi") {
		t.Error("licence text missing")
	}
}

// TestChecksum pins the embedded font to what build/build.sh made.
func TestChecksum(t *testing.T) {
	sums, err := os.ReadFile("SHA256SUMS")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("wqy-microhei-subset.ttf")
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%x  wqy-microhei-subset.ttf\n", sha256.Sum256(data))
	if string(sums) != want {
		t.Errorf("SHA256SUMS = %q, font hashes to %q", sums, want)
	}
}

// TestConcurrentUse shares one set across goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	set, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text := fmt.Sprintf("第%d份简报：GDP增长3.8％，經濟發展。", i)
			runs, err := set.Runs(text, i%2 == 0)
			if err != nil {
				t.Error(err)
				return
			}
			var rs []rune
			for _, r := range runs {
				rs = append(rs, []rune(r.Text)...)
			}
			if _, err := runs[0].Face.Subset(rs); err != nil {
				t.Error(err)
			}
			_ = set.Width(text, 10, false)
		}()
	}
	wg.Wait()
}

// TestDatasetCoverage checks that the font has every character of the
// embedded dataset (every string of seeds/data/*.json) and of the seed
// texts: a document built from them never meets a character the default
// set lacks. When it fails, run build/build.sh.
func TestDatasetCoverage(t *testing.T) {
	set, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	face := set.Faces(false)[0]
	var texts []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			texts = append(texts, v)
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for k, x := range v {
				texts = append(texts, k)
				walk(x)
			}
		}
	}
	for _, name := range seeds.Files() {
		data, err := seeds.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		walk(v)
	}
	if len(texts) < 100 {
		t.Fatalf("only %d strings in the embedded dataset", len(texts))
	}
	// the source texts too, where they are beside the repository
	docs, err := sourcetexts.Load()
	switch {
	case errors.Is(err, sourcetexts.ErrNotFound) && !sourcetexts.InCI():
		t.Logf("%v: only the embedded dataset is checked", err)
	case err != nil:
		t.Fatal(err)
	}
	for _, data := range docs {
		texts = append(texts, string(data))
	}
	missing := map[rune]bool{}
	for _, s := range texts {
		for _, r := range s {
			if r >= 0x20 && !unicode.IsControl(r) && !face.Has(r) && !missing[r] {
				missing[r] = true
				t.Errorf("the embedded font lacks %U %q (run build/build.sh)", r, r)
			}
		}
	}
}
