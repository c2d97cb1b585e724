package pdf

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
)

func TestDeterministic(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		doc := testDoc(t, lang)
		r := testRenderer(t)
		render := func() []byte {
			var buf bytes.Buffer
			if err := r.Render(context.Background(), &buf, doc); err != nil {
				t.Error(err)
			}
			return buf.Bytes()
		}
		want := render()
		if !bytes.Equal(want, render()) {
			t.Fatalf("%s: two runs differ", lang)
		}
		var wg sync.WaitGroup
		outs := make([][]byte, 8)
		for i := range outs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				outs[i] = render()
			}()
		}
		wg.Wait()
		for i, o := range outs {
			if !bytes.Equal(want, o) {
				t.Errorf("%s: goroutine %d output differs (%d vs %d bytes)", lang, i, len(o), len(want))
			}
		}
	}
}

// TestWarmRenderer: a renderer that has painted other documents (and keeps
// their font subsets, codes, cell measures and lines) gives the same bytes
// as a new one, one document after another and from several goroutines at
// once; its caches stay within their bounds.
func TestWarmRenderer(t *testing.T) {
	docs := testDocs(t)
	// briefings of other districts and years share some texts with the
	// default one and differ in others
	ds, err := seeds.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range []report.Spec{{Region: "gaoxin", Year: 2020, Lang: report.Chinese}, {Region: "zhuanghe", Year: 2020, Lang: report.English}, {Region: "dalian", Year: 2019, Lang: report.Chinese}} {
		doc, err := report.Build(context.Background(), ds, sp)
		if err != nil {
			t.Fatalf("%+v: %v", sp, err)
		}
		docs[sp.Region+"-"+strconv.Itoa(sp.Year)+"-"+string(sp.Lang)] = doc
	}
	names := make([]string, 0, len(docs))
	for name := range docs {
		names = append(names, name)
	}
	slices.Sort(names)
	render := func(r *Renderer, doc *report.Document) []byte {
		var buf bytes.Buffer
		if err := r.Render(context.Background(), &buf, doc); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	fresh := map[string][]byte{}
	for _, name := range names {
		fresh[name] = render(testRenderer(t), docs[name])
	}
	r := testRenderer(t)
	for round := range 2 {
		for i, name := range names {
			for _, other := range []string{name, names[(i+1)%len(names)]} {
				if !bytes.Equal(render(r, docs[other]), fresh[other]) {
					t.Fatalf("round %d: %s after %s: bytes differ from a new renderer's", round, other, name)
				}
			}
		}
	}
	if len(r.fonts.m) == 0 || r.fonts.bytes > maxFontCacheBytes {
		t.Errorf("font cache: %d subsets, %d bytes", len(r.fonts.m), r.fonts.bytes)
	}
	if len(r.texts.cells) == 0 || len(r.texts.wraps) == 0 || len(r.texts.notes) == 0 || r.texts.bytes > maxTextCacheBytes {
		t.Errorf("text cache: %d cells, %d lines, %d notes, %d bytes", len(r.texts.cells), len(r.texts.wraps), len(r.texts.notes), r.texts.bytes)
	}
	var wg sync.WaitGroup
	bad := make([]bool, 4*len(names))
	for k := range bad {
		wg.Go(func() {
			name := names[k%len(names)]
			var buf bytes.Buffer
			err := r.Render(context.Background(), &buf, docs[name])
			bad[k] = err != nil || !bytes.Equal(buf.Bytes(), fresh[name])
		})
	}
	wg.Wait()
	for k, b := range bad {
		if b {
			t.Errorf("goroutine %d (%s): bytes differ from a new renderer's", k, names[k%len(names)])
		}
	}
}

// TestRuneCount: the count gives back every character once, by code
// point (those above the Basic Multilingual Plane included), and the k
// set most often (by count, then code point); its table is handed back
// cleared.
func TestRuneCount(t *testing.T) {
	spare := make(chan *[1 << 16]uint32, 1)
	s := runeCount{n: new([1 << 16]uint32)}
	in := []rune("统计公报2020年，大连GDP😀增长𠀋0.9%统计😀")
	for _, r := range in {
		s.add(r)
	}
	want := slices.Clone(in)
	slices.Sort(want)
	want = slices.Compact(want)
	if got := s.sorted(); !slices.Equal(got, want) {
		t.Errorf("sorted %q, want %q", string(got), string(want))
	}
	// 0 ×3; 2, 统, 计, 😀 ×2; the others once, by code point
	for k, want := range map[int]string{0: "", 1: "0", 3: "02统", 6: "02统计😀%", 100: string(want)} {
		got := s.top(k)
		slices.Sort(got)
		w := []rune(want)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("top(%d) = %q, want %q", k, string(got), string(w))
		}
	}
	s.release(spare)
	if tab := <-spare; *tab != [1 << 16]uint32{} {
		t.Error("table handed back not cleared")
	}
	g := newGlyphTable(map[rune]uint16{'统': 3, '😀': 7, 'A': 1})
	v := g.view()
	for r, want := range map[rune]uint16{'统': 3, '😀': 7, 'A': 1, 'B': 0, '计': 0} {
		if got := v.lookup(r); got != want {
			t.Errorf("glyph of %q = %d, want %d", r, got, want)
		}
	}
}
