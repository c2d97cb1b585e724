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
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/statbrief/statbrief/export"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
)

// Job is one briefing to make: a region, a year and a language, in one or
// more formats.
type Job struct {
	Region  string      // region code, e.g. "dalian"
	Year    int         // the briefing's year
	Lang    report.Lang // "" is Chinese
	Formats []string    // keys of the renderers given to New, e.g. "xlsx", "pdf"; a format named twice is made once
}

// Key identifies the job: "dalian/2020/zh".
func (j Job) Key() string { return fmt.Sprintf("%s/%d/%s", j.Region, j.Year, j.lang()) }

func (j Job) lang() report.Lang {
	if j.Lang == "" {
		return report.Chinese
	}
	return j.Lang
}

// Progress is reported after every finished job.
type Progress struct {
	Total   int           // jobs in this shard
	Done    int           // finished: written, skipped or failed
	Written int           // jobs whose files were written
	Skipped int           // jobs whose files were up to date
	Failed  int           // jobs that failed
	Bytes   int64         // bytes written so far
	Elapsed time.Duration // since Run started
	// Rate is the finished jobs per second and ETA the estimated time to
	// finish the shard; both are zero until RateAfter has elapsed (a rate
	// of the first few jobs says little), except in the last report.
	Rate float64
	ETA  time.Duration // estimated time to finish at the current rate; 0 until RateAfter has passed
}

// RateAfter is how long a run goes before Progress reports a rate.
const RateAfter = time.Second

// JobError is the failure of one job. A job that fails in several formats
// has one JobError, naming each.
type JobError struct {
	Job Job // the job that failed
	// Formats lists the formats whose files could not be written, sorted;
	// it is empty when the job failed before rendering (its document could
	// not be built, its region was set aside, its output name collides).
	Formats []string
	Err     error // the error, or an errors.Join of one per format
}

// Error reads "job dalian/2020/zh pdf,xlsx: cause; cause", the causes on one
// line.
func (e *JobError) Error() string {
	msg := strings.ReplaceAll(e.Err.Error(), "\n", "; ")
	if len(e.Formats) == 0 {
		return fmt.Sprintf("job %s: %s", e.Job.Key(), msg)
	}
	return fmt.Sprintf("job %s %s: %s", e.Job.Key(), strings.Join(e.Formats, ","), msg)
}

// Unwrap returns the cause.
func (e *JobError) Unwrap() error { return e.Err }

// FormatError is the failure of one format of a job.
type FormatError struct {
	Format string // the format that failed, e.g. "pdf"
	Err    error  // why
}

// Error reads "pdf: cause".
func (e *FormatError) Error() string { return e.Format + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *FormatError) Unwrap() error { return e.Err }

// Summary is what Run did. Every job of the shard is counted once:
// Written + Skipped + len(Failed) + Cancelled == Total.
type Summary struct {
	Total     int         // jobs in this shard
	Written   int         // jobs whose files were written (some may have been up to date)
	Skipped   int         // jobs whose files were all up to date
	Failed    []*JobError // one per failed job, in the order of the jobs' keys
	Cancelled int         // jobs not done because the context was cancelled: not started, or discarded in flight
	// Files lists the output paths written or up to date, sorted; a job
	// cancelled in flight may have some of its files here.
	Files        []string
	FilesWritten int           // of Files, those written by this run
	Bytes        int64         // bytes written
	Elapsed      time.Duration // wall time of the run
}

// Runner runs batches. Its configuration is immutable and Run may be
// called from several goroutines, but two Runs into one output directory
// at the same time (of the same shard) would race on the manifest.
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
	broken    map[string]error

	// seams for tests: build makes a job's document (report.Build);
	// onTake is called by a worker with each job it receives, before it
	// looks at the context.
	build  func(context.Context, *model.Dataset, report.Spec) (*report.Document, error)
	onTake func(Job)
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
// options are redone (default empty). The library version (LibraryVersion)
// and the document itself are always part of an output's inputs.
func RendererTag(tag string) Option { return func(r *Runner) error { r.tag = tag; return nil } }

// OnProgress sets a callback called after every finished job, from one
// goroutine at a time.
func OnProgress(f func(Progress)) Option { return func(r *Runner) error { r.progress = f; return nil } }

// Broken makes every job of the given regions fail with the region's
// error, without building it: the regions a dataset was loaded without
// (see Salvage). The map is copied.
func Broken(regions map[string]error) Option {
	return func(r *Runner) error {
		r.broken = make(map[string]error, len(regions))
		for k, v := range regions {
			if v == nil {
				return fmt.Errorf("batch: broken region %q without an error", k)
			}
			r.broken[k] = v
		}
		return nil
	}
}

// New returns a runner writing into dir with the given renderers by format
// name (the format name is the file extension: lower-case ASCII letters
// and digits). The renderers are shared by every worker, so a PDF
// renderer's parsed fonts are parsed once.
func New(ds *model.Dataset, dir string, renderers map[string]export.Renderer, opts ...Option) (*Runner, error) {
	if ds == nil {
		return nil, errors.New("batch: nil dataset")
	}
	if len(renderers) == 0 {
		return nil, errors.New("batch: no renderers")
	}
	for f, rd := range renderers {
		if !validFormat(f) {
			return nil, fmt.Errorf("batch: format name %q: want 1 to %d lower-case ASCII letters and digits (it is the file extension)", f, maxFormatBytes)
		}
		if rd == nil {
			return nil, fmt.Errorf("batch: nil renderer for format %q", f)
		}
	}
	r := &Runner{ds: ds, out: dir, renderers: renderers, workers: runtime.GOMAXPROCS(0), shard: 1, shards: 1, build: report.Build}
	for _, o := range opts {
		if err := o(r); err != nil {
			return nil, err
		}
	}
	// the library version may digest the executable: start it now, so
	// that it is ready when the first job needs it
	go LibraryVersion()
	return r, nil
}

// InShard reports whether the job with key belongs to shard i of n.
func InShard(key string, i, n int) bool {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32()%uint32(n))+1 == i
}

type task struct {
	job     Job
	formats []string          // sorted, each once
	paths   map[string]string // format → output path
	err     error             // the job fails with it before it is built
}

// plan names every output of every job and keeps this shard's jobs, in
// the order of their keys. A name depends only on its own job; names that
// collide (compared case-insensitively) fail both jobs, whichever shard
// they are in.
func (r *Runner) plan(jobs []Job) ([]task, error) {
	all := make([]task, 0, len(jobs))
	for _, j := range jobs {
		j.Lang = j.lang()
		t := task{job: j, paths: map[string]string{}}
		t.formats = slices.Compact(slices.Sorted(slices.Values(j.Formats)))
		if len(t.formats) == 0 {
			return nil, fmt.Errorf("batch: job %s: no formats", j.Key())
		}
		for _, f := range t.formats {
			if _, ok := r.renderers[f]; !ok {
				return nil, fmt.Errorf("batch: job %s: no renderer for format %q", j.Key(), f)
			}
			t.paths[f] = filepath.Join(r.out, OutputName(j.Region, j.Year, j.Lang, f))
		}
		if err, ok := r.broken[j.Region]; ok {
			t.err = err
		}
		all = append(all, t)
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].job.Key() < all[b].job.Key() })
	owner := map[string]int{} // lower-case name → index in all
	for i := range all {
		for _, f := range all[i].formats {
			name := filepath.Base(all[i].paths[f])
			k, taken := owner[strings.ToLower(name)]
			if !taken {
				owner[strings.ToLower(name)] = i
				continue
			}
			a, b := &all[k], &all[i]
			if b.err == nil || !isCollision(b.err) {
				b.err = &NameCollisionError{Name: name, Job: b.job.Key(), Other: a.job.Key(), Format: f}
			}
			if a.err == nil || !isCollision(a.err) {
				a.err = &NameCollisionError{Name: name, Job: a.job.Key(), Other: b.job.Key(), Format: f}
			}
		}
	}
	var tasks []task
	for _, t := range all {
		if InShard(t.job.Key(), r.shard, r.shards) {
			tasks = append(tasks, t)
		}
	}
	return tasks, nil
}

func isCollision(err error) bool {
	var ce *NameCollisionError
	return errors.As(err, &ce)
}

// Run renders the jobs of this runner's shard. One failing job never stops
// the others; their errors are in the summary, and Run's error is non-nil
// only when the batch could not run at all or ctx was cancelled. When ctx
// is cancelled, Run stops handing out jobs, the jobs in flight are
// discarded (no file is left under their output names that was not there
// before) and Run returns when the workers have stopped.
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
	failed := make([]*JobError, len(tasks))
	var mu sync.Mutex
	prog := Progress{Total: len(tasks)}
	finish := func(i int, res result) {
		mu.Lock()
		defer mu.Unlock()
		sum.Files = append(sum.Files, res.files...)
		sum.FilesWritten += res.written
		sum.Bytes += res.bytes
		switch {
		case res.cancelled:
			sum.Cancelled++
			return // not finished: no progress
		case res.err != nil:
			failed[i] = res.err
			prog.Failed++
		case res.written > 0:
			sum.Written++
			prog.Written++
		default:
			sum.Skipped++
			prog.Skipped++
		}
		prog.Done++
		prog.Bytes = sum.Bytes
		prog.Elapsed = time.Since(start)
		if prog.Elapsed >= RateAfter || prog.Done == prog.Total {
			prog.Rate = float64(prog.Done) / prog.Elapsed.Seconds()
			prog.ETA = time.Duration(float64(prog.Total-prog.Done) / prog.Rate * float64(time.Second))
		}
		if r.progress != nil {
			r.progress(prog)
		}
	}
	// Workers render; committers sync the rendered files and put them in
	// place, so that a worker does not wait for the disk: a sync takes
	// about as long as rendering a file. Committers finish the jobs handed
	// to them even after a cancel (the files are whole), then the
	// directory is synced once.
	workers := min(r.workers, max(len(tasks), 1))
	commits := make(chan *rendered, workers)
	var cwg sync.WaitGroup
	for c := 0; c < max(committers, workers); c++ {
		cwg.Add(1)
		go func() {
			defer cwg.Done()
			for job := range commits {
				finish(job.i, r.commit(job, man))
			}
		}()
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if r.onTake != nil {
					r.onTake(tasks[i].job)
				}
				res, job := r.do(ctx, tasks[i], man)
				if job == nil {
					finish(i, res)
					continue
				}
				job.i = i
				commits <- job
			}
		}()
	}
	handed := 0
feed:
	for i := range tasks {
		// the context is looked at before each hand-out, not only in the
		// select: when a worker is free as well, select picks at random
		if ctx.Err() != nil {
			break
		}
		select {
		case work <- i:
			handed++
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	close(commits)
	cwg.Wait()
	_ = export.SyncDir(r.out)
	sum.Cancelled += len(tasks) - handed
	for _, e := range failed {
		if e != nil {
			sum.Failed = append(sum.Failed, e)
		}
	}
	if err := man.flush(); err != nil {
		return sum, err
	}
	sort.Strings(sum.Files)
	sum.Elapsed = time.Since(start)
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("batch: %d of %d jobs not done: %w", sum.Cancelled, sum.Total, context.Cause(ctx))
	}
	return sum, nil
}

// committers is the least number of goroutines that commit rendered
// files: syncs wait for the disk, not the processor, and the file system
// can join concurrent syncs into one journal commit.
const committers = 4

// result is what was done with one job.
type result struct {
	written   int // files written
	bytes     int64
	files     []string // written or up to date
	err       *JobError
	cancelled bool // the context was cancelled before the job was done
}

// rendered is a job whose files are rendered and wait to be committed.
type rendered struct {
	i       int // the task's index
	t       task
	res     result // the files up to date
	outs    []renderedFile
	failed  []string // formats that failed to render
	errs    []error
	version string
}

type renderedFile struct {
	format, input string
	p             *export.Pending
	hr            *hashingRenderer
}

// do makes one job: skip it when every output is up to date, else build
// the document once and render each format into a temporary file. It
// returns the result when the job is finished, or the rendered files to
// commit. It does nothing once ctx is cancelled, and discards what it
// rendered when ctx is cancelled meanwhile.
func (r *Runner) do(ctx context.Context, t task, man *manifest) (result, *rendered) {
	if ctx.Err() != nil {
		return result{cancelled: true}, nil
	}
	fail := func(err error) result { return result{err: &JobError{Job: t.job, Err: err}} }
	if t.err != nil {
		return fail(t.err), nil
	}
	doc, err := r.build(ctx, r.ds, report.Spec{Region: t.job.Region, Year: t.job.Year, Lang: t.job.Lang})
	if err != nil {
		if ctx.Err() != nil {
			return result{cancelled: true}, nil
		}
		return fail(err), nil
	}
	docHash := documentHash(doc)
	job := &rendered{t: t, version: LibraryVersion()}
	for _, f := range t.formats {
		input := r.inputKey(docHash, f, job.version)
		if !r.force && man.upToDate(t.paths[f], t.job.Key(), f, input, job.version) {
			job.res.files = append(job.res.files, t.paths[f])
			continue
		}
		// the digest is taken of the bytes as they are written, rather
		// than by reading the file back
		hr := &hashingRenderer{r: r.renderers[f], h: sha256.New()}
		p, err := export.Prepare(ctx, t.paths[f], hr, doc)
		if err != nil {
			if ctx.Err() != nil {
				for _, o := range job.outs {
					o.p.Discard()
				}
				return result{cancelled: true, files: job.res.files}, nil
			}
			job.failed = append(job.failed, f)
			job.errs = append(job.errs, &FormatError{Format: f, Err: err})
			continue
		}
		job.outs = append(job.outs, renderedFile{format: f, input: input, p: p, hr: hr})
	}
	if len(job.outs) == 0 {
		return job.finish(), nil
	}
	return result{}, job
}

// commit puts the rendered files of a job in place and records them in
// the manifest.
func (r *Runner) commit(job *rendered, man *manifest) result {
	for _, o := range job.outs {
		if err := o.p.Commit(); err != nil {
			job.failed = append(job.failed, o.format)
			job.errs = append(job.errs, &FormatError{Format: o.format, Err: err})
			continue
		}
		e := Entry{Path: o.p.Path(), SHA256: hex.EncodeToString(o.hr.h.Sum(nil)), Size: o.hr.n}
		e.Job, e.Format, e.InputHash, e.Version = job.t.job.Key(), o.format, o.input, job.version
		if err := man.put(e); err != nil {
			job.failed = append(job.failed, o.format)
			job.errs = append(job.errs, &FormatError{Format: o.format, Err: err})
			continue
		}
		job.res.bytes += e.Size
		job.res.written++
		job.res.files = append(job.res.files, e.Path)
	}
	return job.finish()
}

// finish is the job's result once every file is committed or failed.
func (job *rendered) finish() result {
	res := job.res
	if len(job.errs) > 0 {
		slices.Sort(job.failed)
		res.err = &JobError{Job: job.t.job, Formats: job.failed, Err: errors.Join(job.errs...)}
	}
	return res
}

// hashingRenderer renders with r, digesting and counting what it writes.
// It renders one document.
type hashingRenderer struct {
	r export.Renderer
	h hash.Hash
	n int64
}

// Render renders doc through the wrapped renderer, hashing what it writes.
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

// Write calls f.
func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// inputKey hashes what an output depends on: the document it renders (so
// a revised figure redoes only the briefings that show it), the format,
// the renderers' tag and the library version.
func (r *Runner) inputKey(docHash, format, version string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s", docHash, format, r.tag, version)
	return hex.EncodeToString(h.Sum(nil))
}

// documentHash is report.Hash of the document, in hex.
func documentHash(doc *report.Document) string {
	h := report.Hash(doc)
	return hex.EncodeToString(h[:])
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
