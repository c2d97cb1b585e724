package pdf

import (
	"context"
	"sync"
	"testing"

	"github.com/statbrief/statbrief/export/pdf/font"
	"github.com/statbrief/statbrief/export/pdf/font/embedded"
	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
)

var (
	setOnce sync.Once
	testSet *font.Set
	setErr  error
)

// fonts is the embedded default font set, parsed once for all tests.
func fonts(t testing.TB) *font.Set {
	setOnce.Do(func() { testSet, setErr = embedded.Load() })
	if setErr != nil {
		t.Fatal(setErr)
	}
	return testSet
}

// testShaper is layout's view of the default font set.
func testShaper(t testing.TB) *shaper {
	sh, err := shaperOf(fonts(t))
	if err != nil {
		t.Fatal(err)
	}
	return sh
}

// testRenderer is the renderer the tests use: the default font set and
// the options given.
func testRenderer(t testing.TB, opts ...Option) *Renderer {
	r, err := New(fonts(t), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// briefing is the default briefing (Dalian, 2020) built from the seed
// dataset, or nil with the reason when it cannot be built.
func briefing(lang report.Lang) (*report.Document, error) {
	ds, err := seeds.Load()
	if err != nil {
		return nil, err
	}
	return report.Build(context.Background(), ds, report.Spec{Region: "dalian", Year: 2020, Lang: lang})
}

// testDoc is the default briefing in lang; the test fails when it cannot
// be built.
func testDoc(t testing.TB, lang report.Lang) *report.Document {
	t.Helper()
	doc, err := briefing(lang)
	if err != nil {
		t.Fatalf("default briefing (%s): %v", lang, err)
	}
	return doc
}

// testDocs are every document the tests check: the default briefing and
// the hand-made sample with every kind of block, in both languages.
func testDocs(t testing.TB) map[string]*report.Document {
	docs := map[string]*report.Document{}
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		docs["sample-"+string(lang)] = sampleDoc(lang)
		docs["briefing-"+string(lang)] = testDoc(t, lang)
	}
	return docs
}
