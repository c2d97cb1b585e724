// Command batch renders many briefings at once with export/batch: one per
// region, year and language, in several formats, on every core.
//
//	go run ./examples/batch -out out/batch                     # every city and district of the default dataset
//	go run ./examples/batch -synthetic 200 -j 2 -out /tmp/b    # 200 synthetic cities (load test)
//	go run ./examples/batch -shard 2/4 -out /shared/out        # this worker's quarter of the jobs
//	go run ./examples/batch -data ./mydata -lang zh,en          # a dataset directory of JSON files
//
// It prints a progress bar on a terminal and plain progress lines
// otherwise, then a summary; the exit status is 1 if any job failed or
// the dataset had broken records, 2 for a usage error. A -data directory
// whose records of some regions do not validate is rendered without those
// regions: their jobs fail with the record errors, the others are made.
// SIGINT or SIGTERM, also while the dataset loads, stops taking jobs,
// discards the ones in flight (no partial file is ever left under an
// output name) and exits; a second signal kills at once.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/statbrief/statbrief/export/batch"
	"github.com/statbrief/statbrief/internal/synth"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type config struct {
	data, out, formats, langs, shard, regions string
	cpuprofile                                string
	workers, synthetic, year                  int
	force, quiet                              bool
}

// usageError is a command line the program cannot run: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(args []string, stdout, stderr io.Writer) int {
	var c config
	fs := flag.NewFlagSet("batch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.data, "data", "", "dataset directory of JSON files (default: the embedded dataset)")
	fs.StringVar(&c.out, "out", "out/batch", "output directory")
	fs.IntVar(&c.workers, "j", 0, "parallel jobs (default: GOMAXPROCS)")
	fs.StringVar(&c.formats, "formats", "xlsx,pdf", "comma-separated formats: "+strings.Join(formatNames(), ","))
	fs.StringVar(&c.langs, "lang", "zh", "comma-separated languages: "+strings.Join(langNames, ","))
	fs.StringVar(&c.shard, "shard", "", "do shard i of n, as i/n (1-based)")
	fs.StringVar(&c.regions, "regions", "", "comma-separated region codes (default: every city, district and county with figures for the year)")
	fs.IntVar(&c.year, "year", 2020, "year")
	fs.BoolVar(&c.force, "force", false, "redo outputs that are up to date")
	fs.IntVar(&c.synthetic, "synthetic", 0, "add N synthetic cities shaped like Dalian (load test) and do only those")
	fs.BoolVar(&c.quiet, "q", false, "no progress output")
	fs.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile to this file")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "batch: unexpected arguments %q (flags only; -h for help)\n", fs.Args())
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// after the first signal the default comes back: a second one kills
	go func() {
		<-ctx.Done()
		stop()
	}()
	if c.cpuprofile != "" {
		f, err := os.Create(c.cpuprofile)
		if err != nil {
			fmt.Fprintln(stderr, "batch:", err)
			return 1
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(stderr, "batch:", err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	if err := runBatch(ctx, c, stdout, stderr); err != nil {
		// the library's errors start with the package's name, which is
		// also the program's: say it once
		fmt.Fprintln(stderr, "batch:", strings.TrimPrefix(err.Error(), "batch: "))
		if _, ok := err.(usageError); ok {
			return 2
		}
		return 1
	}
	return 0
}

// langNames are the languages a briefing is written in.
var langNames = []string{string(report.Chinese), string(report.English)}

// list splits a comma-separated flag value, drops empty items and
// repeats, and checks each against known.
func list(flagName, value string, known []string) ([]string, error) {
	var out []string
	for _, v := range strings.Split(value, ",") {
		v = strings.TrimSpace(v)
		if v == "" || slices.Contains(out, v) {
			continue
		}
		if !slices.Contains(known, v) {
			return nil, usageError{fmt.Sprintf("-%s: unknown %q (known: %s)", flagName, v, strings.Join(known, ", "))}
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, usageError{fmt.Sprintf("-%s: none given (known: %s)", flagName, strings.Join(known, ", "))}
	}
	return out, nil
}

// loadData decodes and merges the JSON files of dir (the embedded dataset
// when dir is empty). Records that could not be decoded are reported in
// loadErr, with those that could in d (see batch.Salvage); err is a file
// that cannot be read at all.
func loadData(ctx context.Context, dir string) (d model.Data, loadErr, err error) {
	if dir == "" {
		d, loadErr = seeds.Data()
		return d, loadErr, nil
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return model.Data{}, nil, err
	}
	if len(names) == 0 {
		return model.Data{}, nil, fmt.Errorf("no *.json files in %s", dir)
	}
	sort.Strings(names)
	var parts []model.Data
	var errs []error
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			return model.Data{}, nil, err
		}
		f, err := os.Open(n)
		if err != nil {
			return model.Data{}, nil, err
		}
		d, err := model.ReadJSON(f, filepath.Base(n))
		f.Close()
		errs = append(errs, err)
		parts = append(parts, d)
	}
	return model.Merge(parts...), errors.Join(errs...), nil
}

// plan is what loading gives the batch.
type plan struct {
	ds      *model.Dataset
	regions []string
	broken  map[string]error // regions set aside, with their record errors
	// kin lists, for each region to brief, the set-aside regions above or
	// below it (its city, its districts): its briefing is made without
	// their figures
	kin map[string][]string
}

// kinOf maps each region of regions to the broken regions among its
// ancestors and descendants in d.
func kinOf(d model.Data, regions []string, broken map[string]error) map[string][]string {
	if len(broken) == 0 {
		return nil
	}
	parent := map[string]string{}
	for _, r := range d.Regions {
		parent[r.Code] = r.Parent
	}
	ancestors := func(r string) []string {
		var out []string
		for p, n := parent[r], 0; p != "" && n < len(parent); p, n = parent[p], n+1 {
			out = append(out, p)
		}
		return out
	}
	want := map[string]bool{}
	for _, r := range regions {
		want[r] = true
	}
	kin := map[string][]string{}
	for b := range broken {
		for _, a := range ancestors(b) {
			if want[a] {
				kin[a] = append(kin[a], b) // a city of a broken district
			}
		}
		for _, r := range regions {
			if slices.Contains(ancestors(r), b) {
				kin[r] = append(kin[r], b) // a district of a broken city
			}
		}
	}
	for r := range kin {
		slices.Sort(kin[r])
		kin[r] = slices.Compact(kin[r])
	}
	return kin
}

func runBatch(ctx context.Context, c config, stdout, stderr io.Writer) error {
	formats, err := list("formats", c.formats, formatNames())
	if err != nil {
		return err
	}
	langs, err := list("lang", c.langs, langNames)
	if err != nil {
		return err
	}
	var shardOpt batch.Option
	if c.shard != "" {
		i, n, err := parseShard(c.shard)
		if err != nil {
			return usageError{err.Error()}
		}
		shardOpt = batch.Shard(i, n)
	}
	if c.synthetic < 0 {
		return usageError{fmt.Sprintf("-synthetic %d: must not be negative", c.synthetic)}
	}
	start := time.Now()
	if !c.quiet {
		fmt.Fprintln(stderr, "batch: loading the dataset")
	}
	// Loading cannot always be interrupted (the validation of a dataset
	// takes no context): it runs on its own goroutine, and a signal
	// returns at once; the process then exits.
	done := make(chan error, 1)
	var p plan
	go func() {
		var err error
		p, err = loadRegions(ctx, c)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			if ctx.Err() != nil {
				return interrupted(stdout, ctx)
			}
			return err
		}
	case <-ctx.Done():
		return interrupted(stdout, ctx)
	}
	if !c.quiet {
		fmt.Fprintf(stderr, "batch: loaded %d regions to brief in %s\n", len(p.regions), time.Since(start).Round(time.Millisecond))
	}
	renderers, err := makeRenderers(formats)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return interrupted(stdout, ctx)
	}
	var jobs []batch.Job
	jobRegions := map[string]bool{}
	for _, r := range p.regions {
		jobRegions[r] = true
		for _, l := range langs {
			jobs = append(jobs, batch.Job{Region: r, Year: c.year, Lang: report.Lang(l), Formats: formats})
		}
	}
	opts := []batch.Option{batch.Force(c.force), batch.RendererTag(rendererTag()), batch.Broken(p.broken)}
	if c.workers > 0 {
		opts = append(opts, batch.Workers(c.workers))
	}
	if shardOpt != nil {
		opts = append(opts, shardOpt)
	}
	if !c.quiet {
		opts = append(opts, batch.OnProgress(progressReporter(stderr, isTerminal(stderr))))
	}
	runner, err := batch.New(p.ds, c.out, renderers, opts...)
	if err != nil {
		return err
	}
	sum, runErr := runner.Run(ctx, jobs)
	printSummary(stdout, sum)
	// regions set aside that no job names: their errors are said here
	var unnamed []string
	for r := range p.broken {
		if !jobRegions[r] {
			unnamed = append(unnamed, r)
		}
	}
	sort.Strings(unnamed)
	for _, r := range unnamed {
		fmt.Fprintln(stdout, "set aside (no job):", p.broken[r])
	}
	printIncomplete(stdout, c.out, p.kin, jobs, sum)
	switch {
	case runErr != nil:
		return runErr
	case len(sum.Failed) > 0 && len(unnamed) > 0:
		return fmt.Errorf("%d of %d jobs failed; %d regions set aside", len(sum.Failed), sum.Total, len(unnamed))
	case len(sum.Failed) > 0:
		return fmt.Errorf("%d of %d jobs failed", len(sum.Failed), sum.Total)
	case len(unnamed) > 0:
		return fmt.Errorf("%d regions of the dataset set aside (broken records)", len(unnamed))
	}
	return nil
}

// printIncomplete warns of the briefings made (written or up to date)
// without the figures of a set-aside region they would show: a city's
// without a broken district, a district's without its broken city.
func printIncomplete(w io.Writer, out string, kin map[string][]string, jobs []batch.Job, sum batch.Summary) {
	if len(kin) == 0 {
		return
	}
	made := map[string]bool{}
	for _, f := range sum.Files {
		made[f] = true
	}
	for _, j := range jobs {
		if len(kin[j.Region]) == 0 {
			continue
		}
		whole := true
		for _, f := range j.Formats {
			whole = whole && made[filepath.Join(out, batch.OutputName(j.Region, j.Year, j.Lang, f))]
		}
		if whole {
			fmt.Fprintf(w, "warning: job %s made without the figures of set-aside region(s) %s\n", j.Key(), strings.Join(kin[j.Region], ", "))
		}
	}
}

// loadRegions loads the dataset (adding the synthetic cities of
// -synthetic), sets aside the regions whose records are broken
// (batch.Salvage) and lists the regions to brief. It stops when ctx is
// cancelled, except in the validation of the dataset, which takes no
// context. Loading makes a dataset that lives for the whole run, and with
// -synthetic a large one: collecting garbage less often meanwhile shortens
// start-up by a third; the usual setting returns before the jobs.
func loadRegions(ctx context.Context, c config) (plan, error) {
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	d, loadErr, err := loadData(ctx, c.data)
	if err != nil {
		return plan{}, fmt.Errorf("load dataset: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return plan{}, err
	}
	ds, broken, err := batch.Salvage(d, loadErr)
	if err != nil {
		return plan{}, fmt.Errorf("load dataset: %w", err)
	}
	switch {
	case c.synthetic > 0:
		if ds, err = synth.Dataset(ctx, ds, "dalian", c.synthetic); err != nil {
			return plan{}, err
		}
		var regions []string
		for i := 1; i <= c.synthetic; i++ {
			regions = append(regions, synth.RegionCode(i))
		}
		return plan{ds: ds, regions: regions, broken: broken}, nil
	case c.regions != "":
		var regions []string
		for _, r := range strings.Split(c.regions, ",") {
			if r = strings.TrimSpace(r); r != "" && !slices.Contains(regions, r) {
				regions = append(regions, r)
			}
		}
		return plan{ds: ds, regions: regions, broken: broken, kin: kinOf(d, regions, broken)}, nil
	}
	// the regions with figures as the files have them, broken ones too:
	// their jobs fail with their errors
	regions := regionsWithFigures(d, c.year)
	return plan{ds: ds, regions: regions, broken: broken, kin: kinOf(d, regions, broken)}, nil
}

// regionsWithFigures lists the cities, districts and counties with figures
// for the year, in the order of the dataset's regions: statistics offices
// publish a briefing for each.
func regionsWithFigures(d model.Data, year int) []string {
	has := map[string]bool{}
	for _, o := range d.Observations {
		if o.Period.Year == year || (o.Period.Kind == model.Years && o.Period.End == year) {
			has[o.Region] = true
		}
	}
	var out []string
	listed := map[string]bool{}
	for _, r := range d.Regions {
		if r.Level >= model.City && has[r.Code] && !listed[r.Code] {
			listed[r.Code] = true
			out = append(out, r.Code)
		}
	}
	return out
}

func parseShard(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("-shard %q: want i/n with 1 ≤ i ≤ n", s)
	}
	return i, n, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progressReporter draws a progress bar on a terminal and prints a plain
// line every second (and at the end) otherwise. The rate and the time
// left are the library's (batch.Progress), shown once there is one: the
// bar's own rate of the first job or two is meaningless.
func progressReporter(w io.Writer, terminal bool) func(batch.Progress) {
	if terminal {
		var bar *progressbar.ProgressBar
		return func(p batch.Progress) {
			if bar == nil {
				bar = progressbar.NewOptions(p.Total, progressbar.OptionSetWriter(w),
					progressbar.OptionSetDescription("briefings"), progressbar.OptionShowCount(),
					progressbar.OptionSetPredictTime(false), progressbar.OptionShowDescriptionAtLineEnd(),
					progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
			}
			if p.Rate > 0 {
				bar.Describe(fmt.Sprintf("%.1f briefings/s, %s left", p.Rate, p.ETA.Round(time.Second)))
			}
			_ = bar.Set(p.Done)
		}
	}
	var last time.Time
	return func(p batch.Progress) {
		if p.Done < p.Total && time.Since(last) < time.Second {
			return
		}
		last = time.Now()
		rate := "rate not yet known"
		if p.Rate > 0 {
			rate = fmt.Sprintf("%.1f/s, ETA %s", p.Rate, p.ETA.Round(100*time.Millisecond))
		}
		fmt.Fprintf(w, "progress: %d/%d done (%d written, %d skipped, %d failed), %.1f MB, %s\n",
			p.Done, p.Total, p.Written, p.Skipped, p.Failed, float64(p.Bytes)/1e6, rate)
	}
}

// interrupted prints the summary of a batch stopped before its first job.
func interrupted(w io.Writer, ctx context.Context) error {
	printSummary(w, batch.Summary{})
	fmt.Fprintln(w, "interrupted before the first job")
	return fmt.Errorf("interrupted: %w", context.Cause(ctx))
}

func printSummary(w io.Writer, s batch.Summary) {
	rate := 0.0
	if s.Elapsed > 0 {
		rate = float64(s.Written+s.Skipped) / s.Elapsed.Seconds()
	}
	fmt.Fprintf(w, "done: %d written, %d skipped, %d failed, %d cancelled of %d jobs; %d files (%d written), %.1f MB in %s (%.1f briefings/s)\n",
		s.Written, s.Skipped, len(s.Failed), s.Cancelled, s.Total, len(s.Files), s.FilesWritten, float64(s.Bytes)/1e6, s.Elapsed.Round(time.Millisecond), rate)
	for _, e := range s.Failed {
		fmt.Fprintln(w, "failed:", e)
	}
}
