package report_test

import (
	"bytes"
	"context"
	"flag"
	"path/filepath"
	"testing"

	goldenfile "github.com/statbrief/statbrief/internal/golden"
	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// golden compares got with testdata/name; -update rewrites it. A missing
// golden file is a failure.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got, *update)
}

func TestGoldenDefaultDocument(t *testing.T) {
	ds, err := seeds.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		doc, err := report.Build(context.Background(), ds, report.Spec{Region: "dalian", Year: 2020, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		var j bytes.Buffer
		if err := report.WriteJSON(&j, doc); err != nil {
			t.Fatal(err)
		}
		golden(t, "dalian-2020-"+string(lang)+".json.golden", j.Bytes())
	}
}

func BenchmarkBuildDefault(b *testing.B) {
	ds, err := seeds.Load()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := report.Build(ctx, ds, report.Spec{Region: "dalian", Year: 2020}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHash(b *testing.B) {
	ds, err := seeds.Load()
	if err != nil {
		b.Fatal(err)
	}
	doc, err := report.Build(context.Background(), ds, report.Spec{Region: "dalian", Year: 2020})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		report.Hash(doc)
	}
}
