package pdf

import (
	"bytes"
	"context"
	"io"
	"sync"
	"testing"
	"time"

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
	cpu := cpuTime()
	for b.Loop() {
		buf.Reset()
		if err := r.Render(context.Background(), &buf, doc); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu, b.N)
	b.ReportMetric(float64(size)/1024, "KB/file")
}

// BenchmarkLayout is the layout alone.
func BenchmarkLayout(b *testing.B) {
	doc := testDoc(b, report.Chinese)
	r := testRenderer(b)
	cpu := cpuTime()
	for b.Loop() {
		if _, err := r.Layout(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu, b.N)
}

// reportCPU reports the CPU time per document since start (garbage
// collection included): on a shared machine, wall time per op measures
// the neighbours as much as the renderer.
func reportCPU(b *testing.B, start time.Duration, docs int) {
	if d := cpuTime() - start; d > 0 && docs > 0 {
		b.ReportMetric(float64(d)/float64(docs)/1e6, "cpu-ms/doc")
	}
}

// BenchmarkBatch200 renders 200 briefings from 2 goroutines.
func BenchmarkBatch200(b *testing.B) {
	docs := []*report.Document{testDoc(b, report.Chinese), testDoc(b, report.English)}
	r := testRenderer(b)
	cpu := cpuTime()
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
	reportCPU(b, cpu, 200*b.N)
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
