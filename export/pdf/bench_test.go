package pdf

import (
	"bytes"
	"context"
	"io"
	"sync"
	"testing"

	"github.com/statbrief/statbrief/export/pdf/font/embedded"
	"github.com/statbrief/statbrief/report"
)

// BenchmarkRender renders the default briefing after a warm-up; it
// reports the file size.
func BenchmarkRender(b *testing.B) {
	doc := testDoc(b, report.Chinese)
	r := testRenderer(b)
	var buf bytes.Buffer
	if err := r.Render(context.Background(), &buf, doc); err != nil {
		b.Fatal(err)
	}
	size := buf.Len()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		buf.Reset()
		if err := r.Render(context.Background(), &buf, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)/1024, "KB/file")
}

// BenchmarkLayout is the layout alone.
func BenchmarkLayout(b *testing.B) {
	doc := testDoc(b, report.Chinese)
	r := testRenderer(b)
	for b.Loop() {
		if _, err := r.Layout(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBatch200 renders 200 briefings from 2 goroutines.
func BenchmarkBatch200(b *testing.B) {
	docs := []*report.Document{testDoc(b, report.Chinese), testDoc(b, report.English)}
	r := testRenderer(b)
	for b.Loop() {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for g := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 100 {
					if err := r.Render(context.Background(), io.Discard, docs[i%2]); err != nil {
						errs[g] = err
						return
					}
				}
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkFontSetParse parses the embedded default font set, which a
// program does once.
func BenchmarkFontSetParse(b *testing.B) {
	for b.Loop() {
		if _, err := embedded.Load(); err != nil {
			b.Fatal(err)
		}
	}
}
