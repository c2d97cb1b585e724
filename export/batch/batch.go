// Package batch renders many briefings at once: a bounded worker pool over
// jobs (region × year × language × formats), atomic writes, a manifest that
// lets a re-run skip outputs whose inputs did not change, progress
// reporting, and deterministic sharding so that N workers of an existing
// job engine (a Kubernetes Indexed Job, a CI matrix, GNU parallel) can
// split the work with no coordinator.
package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/statbrief/statbrief/export"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
)

// Version is written into the manifest: outputs made by another version are
// redone.
const Version = "statbrief/0.1"

// Job is one briefing to make: a region, a year and a language, in one or
// more formats.
type Job struct {
	Region  string
	Year    int
	Lang    report.Lang
	Formats []string // keys of the renderers given to New, e.g. "xlsx", "pdf"
}

// Key identifies the job: "dalian/2020/zh".
func (j Job) Key() string { return fmt.Sprintf("%s/%d/%s", j.Region, j.Year, j.Lang) }

// Progress is reported after every finished job.
type Progress struct {
	Total   int           // jobs in this shard
	Done    int           // finished: written, skipped or failed
	Written int           // jobs whose files were written
	Skipped int           // jobs whose files were up to date
	Failed  int           // jobs that failed
	Bytes   int64         // bytes written so far
	Elapsed time.Duration // since Run started
	Rate    float64       // finished jobs per second
	ETA     time.Duration // estimated time to finish the shard
}

// JobError is the failure of one job.
type JobError struct {
	Job    Job
	Format string // "" when the job failed before rendering (Build)
	Err    error
}

func (e *JobError) Error() string {
	if e.Format == "" {
		return fmt.Sprintf("batch: job %s: %v", e.Job.Key(), e.Err)
	}
	return fmt.Sprintf("batch: job %s %s: %v", e.Job.Key(), e.Format, e.Err)
}

func (e *JobError) Unwrap() error { return e.Err }

// Summary is what Run did.
type Summary struct {
	Total, Written, Skipped int
	Failed                  []*JobError
	Files                   []string // output paths written or up to date, sorted
	Bytes                   int64
	Elapsed                 time.Duration
}

// Runner runs batches. It is safe for concurrent use only in the sense that
// its configuration is immutable; two Runs into one output directory at the
// same time would race on the manifest.
type Runner struct {
	ds        *model.Dataset
	out       string
	renderers map[string]export.Renderer
	workers   int
	force     bool
	shard     int // 1-based
	shards    int
	progress  func(Progress)
	tag       string
}

// Option configures a Runner.
type Option func(*Runner) error

// Workers sets the size of the worker pool (default GOMAXPROCS).
func Workers(n int) Option {
	return func(r *Runner) error {
		if n < 1 {
			return fmt.Errorf("batch: workers %d < 1", n)
		}
		r.workers = n
		return nil
	}
}

// Force redoes every output, ignoring the manifest.
func Force(on bool) Option { return func(r *Runner) error { r.force = on; return nil } }

// Shard makes the runner do only shard i of n (1 ≤ i ≤ n). Jobs are assigned
// to shards by a hash of their key, so the assignment does not depend on
// the order or number of other jobs, and shards 1..n together do every job
// exactly once.
func Shard(i, n int) Option {
	return func(r *Runner) error {
		if n < 1 || i < 1 || i > n {
			return fmt.Errorf("batch: shard %d of %d out of range", i, n)
		}
		r.shard, r.shards = i, n
		return nil
	}
}

// RendererTag names the renderers' configuration in the manifest: change
// it when the renderers' options change, so that outputs made with other
// options are redone (default empty). The library version and the
// document itself are always part of an output's inputs.
func RendererTag(tag string) Option { return func(r *Runner) error { r.tag = tag; return nil } }

// OnProgress sets a callback called after every finished job, from one
// goroutine at a time.
func OnProgress(f func(Progress)) Option { return func(r *Runner) error { r.progress = f; return nil } }

// New returns a runner writing into dir with the given renderers by format
// name (the format name is the file extension). The renderers are shared by
// every worker, so a PDF renderer's parsed fonts are parsed once.
func New(ds *model.Dataset, dir string, renderers map[string]export.Renderer, opts ...Option) (*Runner, error) {
	if ds == nil {
		return nil, errors.New("batch: nil dataset")
	}
	if len(renderers) == 0 {
		return nil, errors.New("batch: no renderers")
	}
	r := &Runner{ds: ds, out: dir, renderers: renderers, workers: runtime.GOMAXPROCS(0), shard: 1, shards: 1}
	for _, o := range opts {
		if err := o(r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// InShard reports whether the job with key belongs to shard i of n.
func InShard(key string, i, n int) bool {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32()%uint32(n))+1 == i
}

type task struct {
	job   Job
	paths map[string]string // format → output path
}

// plan names every output of every job (over all shards, so names do not
// depend on sharding) and keeps this shard's jobs.
func (r *Runner) plan(jobs []Job) ([]task, error) {
	sorted := append([]Job(nil), jobs...)
	sort.SliceStable(sorted, func(a, b int) bool { return sorted[a].Key() < sorted[b].Key() })
	used := map[string]bool{}
	var tasks []task
	for _, j := range sorted {
		t := task{job: j, paths: map[string]string{}}
		for _, f := range j.Formats {
			if _, ok := r.renderers[f]; !ok {
				return nil, fmt.Errorf("batch: job %s: no renderer for format %q", j.Key(), f)
			}
			name := uniqueName(OutputName(j.Region, j.Year, j.Lang, f), used)
			t.paths[f] = filepath.Join(r.out, name)
		}
		if InShard(j.Key(), r.shard, r.shards) {
			tasks = append(tasks, t)
		}
	}
	return tasks, nil
}

// Run renders the jobs of this runner's shard. One failing job never stops
// the others; their errors are in the summary, and Run's error is non-nil
// only when the batch could not run at all or ctx was cancelled.
func (r *Runner) Run(ctx context.Context, jobs []Job) (Summary, error) {
	start := time.Now()
	tasks, err := r.plan(jobs)
	if err != nil {
		return Summary{}, err
	}
	if err := os.MkdirAll(r.out, 0o755); err != nil {
		return Summary{}, fmt.Errorf("batch: %w", err)
	}
	man, err := loadManifest(r.out, manifestName(r.shard, r.shards))
	if err != nil {
		return Summary{}, err
	}
	removeStaleTemps(tasks)
	// and those of this shard's manifest (a kill while it was rewritten)
	if stale, err := filepath.Glob(filepath.Join(r.out, globEscape(manifestName(r.shard, r.shards))+".tmp-*")); err == nil {
		for _, f := range stale {
			os.Remove(f)
		}
	}
	sum := Summary{Total: len(tasks)}
	var mu sync.Mutex
	prog := Progress{Total: len(tasks)}
	finish := func(t task, written bool, bytes int64, files []string, errs []*JobError) {
		mu.Lock()
		defer mu.Unlock()
		prog.Done++
		switch {
		case len(errs) > 0:
			prog.Failed++
			sum.Failed = append(sum.Failed, errs...)
		case written:
			prog.Written++
			sum.Written++
		default:
			prog.Skipped++
			sum.Skipped++
		}
		prog.Bytes += bytes
		sum.Bytes += bytes
		sum.Files = append(sum.Files, files...)
		prog.Elapsed = time.Since(start)
		if s := prog.Elapsed.Seconds(); s > 0 {
			prog.Rate = float64(prog.Done) / s
			if prog.Rate > 0 {
				prog.ETA = time.Duration(float64(prog.Total-prog.Done) / prog.Rate * float64(time.Second))
			}
		}
		if r.progress != nil {
			r.progress(prog)
		}
	}
	work := make(chan task)
	var wg sync.WaitGroup
	for w := 0; w < min(r.workers, max(len(tasks), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range work {
				written, n, files, errs := r.do(ctx, t, man)
				finish(t, written, n, files, errs)
			}
		}()
	}
feed:
	for _, t := range tasks {
		select {
		case work <- t:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if err := man.flush(); err != nil {
		return sum, err
	}
	sort.Strings(sum.Files)
	sum.Elapsed = time.Since(start)
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("batch: %w", err)
	}
	return sum, nil
}

// do makes one job: skip it when every output is up to date, else build
// the document once and render each format atomically.
func (r *Runner) do(ctx context.Context, t task, man *manifest) (written bool, bytes int64, files []string, errs []*JobError) {
	if ctx.Err() != nil {
		return false, 0, nil, []*JobError{{Job: t.job, Err: ctx.Err()}}
	}
	doc, err := report.Build(ctx, r.ds, report.Spec{Region: t.job.Region, Year: t.job.Year, Lang: t.job.Lang})
	if err != nil {
		return false, 0, nil, []*JobError{{Job: t.job, Err: err}}
	}
	docHash, err := documentHash(doc)
	if err != nil {
		return false, 0, nil, []*JobError{{Job: t.job, Err: err}}
	}
	formats := append([]string(nil), t.job.Formats...)
	sort.Strings(formats)
	inputs := map[string]string{}
	todo := formats[:0:0]
	for _, f := range formats {
		inputs[f] = r.inputKey(docHash, f)
		if !r.force && man.upToDate(t.paths[f], inputs[f]) {
			files = append(files, t.paths[f])
			continue
		}
		todo = append(todo, f)
	}
	if len(todo) == 0 {
		return false, 0, files, nil
	}
	for _, f := range todo {
		path := t.paths[f]
		// the digest is taken of the bytes as they are written, rather
		// than by reading the file back
		hr := &hashingRenderer{r: r.renderers[f], h: sha256.New()}
		if err := export.WriteFile(ctx, path, hr, doc); err != nil {
			errs = append(errs, &JobError{Job: t.job, Format: f, Err: err})
			continue
		}
		e := Entry{Path: path, SHA256: hex.EncodeToString(hr.h.Sum(nil)), Size: hr.n}
		e.Job, e.Format, e.InputHash, e.Version = t.job.Key(), f, inputs[f], Version
		if err := man.put(e); err != nil {
			errs = append(errs, &JobError{Job: t.job, Format: f, Err: err})
			continue
		}
		bytes += e.Size
		files = append(files, path)
	}
	return len(errs) == 0, bytes, files, errs
}

// hashingRenderer renders with r, digesting and counting what it writes.
// It renders one document.
type hashingRenderer struct {
	r export.Renderer
	h hash.Hash
	n int64
}

func (hr *hashingRenderer) Render(ctx context.Context, w io.Writer, doc *report.Document) error {
	return hr.r.Render(ctx, hr.tee(w), doc)
}

func (hr *hashingRenderer) tee(w io.Writer) io.Writer {
	return writerFunc(func(p []byte) (int, error) {
		n, err := w.Write(p)
		hr.h.Write(p[:n])
		hr.n += int64(n)
		return n, err
	})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// inputKey hashes what an output depends on: the document it renders (so
// a revised figure redoes only the briefings that show it), the format,
// the renderers' tag and the library version.
func (r *Runner) inputKey(docHash, format string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s", docHash, format, r.tag, Version)
	return hex.EncodeToString(h.Sum(nil))
}

// documentHash is report.Hash of the document, in hex.
func documentHash(doc *report.Document) (string, error) {
	h := report.Hash(doc)
	return hex.EncodeToString(h[:]), nil
}

// removeStaleTemps deletes temporary files a killed earlier run left beside
// this shard's outputs (export.WriteFile names them ".<name>.tmp-*").
func removeStaleTemps(tasks []task) {
	for _, t := range tasks {
		for _, p := range t.paths {
			dir, base := filepath.Split(p)
			stale, _ := filepath.Glob(filepath.Join(dir, "."+globEscape(base)+".tmp-*"))
			for _, s := range stale {
				os.Remove(s)
			}
		}
	}
}

func globEscape(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '?', '[', '\\':
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return string(b)
}
