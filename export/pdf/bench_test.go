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

// benchConfigs are the renderers the benchmarks measure: every section
// of the default briefing, and the briefing for reading, without the full
// data listing and the list of sources (which the footnotes carry).
var benchConfigs = []struct {
	name string
	opts []Option
}{
	{"all", nil},
	{"reading", []Option{OmitSections("data", "sources")}},
}

// BenchmarkRender renders the default briefing after a warm-up; it
// reports the file size and the CPU time per document.
func BenchmarkRender(b *testing.B) {
	for _, c := range benchConfigs {
		for _, lang := range []report.Lang{report.Chinese, report.English} {
			b.Run(c.name+"-"+string(lang), func(b *testing.B) {
				doc := testDoc(b, lang)
				r := testRenderer(b, c.opts...)
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
			})
		}
	}
}

// BenchmarkLayout is the layout alone.
func BenchmarkLayout(b *testing.B) {
	for _, c := range benchConfigs {
		b.Run(c.name, func(b *testing.B) {
			doc := testDoc(b, report.Chinese)
			r := testRenderer(b, c.opts...)
			cpu := cpuTime()
			for b.Loop() {
				if _, err := r.Layout(context.Background(), doc); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu, b.N)
		})
	}
}

// reportCPU reports the CPU time per document since start (garbage
// collection included): on a shared machine, wall time per op measures
// the neighbours as much as the renderer.
func reportCPU(b *testing.B, start time.Duration, docs int) {
	if d := cpuTime() - start; d > 0 && docs > 0 {
		b.ReportMetric(float64(d)/float64(docs)/1e6, "cpu-ms/doc")
	}
}

// BenchmarkBatch200 renders 200 briefings (Chinese and English in turn)
// from 2 goroutines sharing one renderer.
func BenchmarkBatch200(b *testing.B) {
	for _, c := range benchConfigs {
		b.Run(c.name, func(b *testing.B) {
			docs := []*report.Document{testDoc(b, report.Chinese), testDoc(b, report.English)}
			r := testRenderer(b, c.opts...)
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
		})
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

// BenchmarkNew builds a renderer from a parsed set: the per-character
// tables layout looks characters up in (done once per renderer).
func BenchmarkNew(b *testing.B) {
	set := fonts(b)
	for b.Loop() {
		if _, err := New(set); err != nil {
			b.Fatal(err)
		}
	}
}
