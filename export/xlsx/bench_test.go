package xlsx_test

import (
	"context"
	"io"
	"testing"

	"github.com/statbrief/statbrief/export/xlsx"
	"github.com/statbrief/statbrief/internal/xlsxcheck"
	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
)

func defaultDoc(tb testing.TB, lang report.Lang) *report.Document {
	tb.Helper()
	ds, err := seeds.Load()
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := report.Build(context.Background(), ds, report.Spec{Region: "dalian", Year: 2020, Lang: lang})
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// BenchmarkRenderDefault renders the default workbook (Dalian 2020, Chinese).
// Budget: ≤ 10 ms and ≤ 8 MB allocated per workbook.
func BenchmarkRenderDefault(b *testing.B) {
	doc := defaultDoc(b, report.Chinese)
	r, err := xlsx.New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Render(ctx, io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDataSheet200k streams a data sheet of 200,000 rows × 8 columns
// from a RowSource. Budget: ≤ 2.5 s; peak RSS ≤ 60 MB, measured with
// /usr/bin/time -v on examples/datasheet.
func BenchmarkDataSheet200k(b *testing.B) {
	doc := xlsxcheck.DataDocument(200000, report.Chinese)
	r, err := xlsx.New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		var n countWriter
		if err := r.Render(ctx, &n, doc); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n), "bytes/op")
	}
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
