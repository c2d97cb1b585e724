package batch_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/statbrief/statbrief/export/batch"
	"github.com/statbrief/statbrief/internal/formats"
	"github.com/statbrief/statbrief/internal/synth"
	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
)

// One briefing as the example programs make it: Build, then the workbook
// and the PDF, in memory. The renderers (and the parsed font) are made
// once, outside the loop, as a batch makes them.
func BenchmarkBriefing(b *testing.B) {
	ds, err := seeds.Load()
	if err != nil {
		b.Fatal(err)
	}
	rs, err := formats.New([]string{"xlsx", "pdf"})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var buf bytes.Buffer
	var size int
	b.ReportAllocs()
	for b.Loop() {
		doc, err := report.Build(ctx, ds, report.Spec{Region: "dalian", Year: 2020})
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for _, f := range []string{"xlsx", "pdf"} {
			buf.Reset()
			if err := rs[f].Render(ctx, &buf, doc); err != nil {
				b.Fatal(err)
			}
			size += buf.Len()
		}
	}
	b.ReportMetric(float64(size)/1024, "KB/briefing")
}

// A batch of 200 synthetic cities shaped like Dalian, in Chinese, as
// workbook and PDF (400 files), on 2 workers, written to a temporary
// directory with atomic writes and the manifest.
func BenchmarkBatch200(b *testing.B) {
	base, err := seeds.Load()
	if err != nil {
		b.Fatal(err)
	}
	ds, err := synth.Dataset(context.Background(), base, "dalian", 200)
	if err != nil {
		b.Fatal(err)
	}
	rs, err := formats.New([]string{"xlsx", "pdf"})
	if err != nil {
		b.Fatal(err)
	}
	var jobs []batch.Job
	for i := 1; i <= 200; i++ {
		jobs = append(jobs, batch.Job{Region: synth.RegionCode(i), Year: 2020, Lang: report.Chinese, Formats: []string{"xlsx", "pdf"}})
	}
	b.ReportAllocs()
	for b.Loop() {
		r, err := batch.New(ds, b.TempDir(), rs, batch.Workers(2))
		if err != nil {
			b.Fatal(err)
		}
		sum, err := r.Run(context.Background(), jobs)
		if err != nil || sum.Written != 200 || len(sum.Failed) != 0 {
			b.Fatalf("batch: %+v %v", sum, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/200, "ms/briefing")
}
