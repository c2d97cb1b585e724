// Command batch renders many briefings at once with export/batch: one per
// region, year and language, in several formats, on every core.
//
//	go run ./examples/batch -out out/batch                     # every city and district of the default dataset
//	go run ./examples/batch -synthetic 200 -j 2 -out /tmp/b    # 200 synthetic cities (load test)
//	go run ./examples/batch -shard 2/4 -out /shared/out        # this worker's quarter of the jobs
//	go run ./examples/batch -data ./mydata -lang zh,en          # a dataset directory of JSON files
//
// It prints a progress bar on a terminal and plain progress lines
// otherwise, then a summary; the exit status is 1 if any job failed.
// SIGINT or SIGTERM stops taking jobs, discards the ones in flight (no
// partial file is ever left under an output name) and exits.
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

func run(args []string, stdout, stderr io.Writer) int {
	var c config
	fs := flag.NewFlagSet("batch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.data, "data", "", "dataset directory of JSON files (default: the embedded dataset)")
	fs.StringVar(&c.out, "out", "out/batch", "output directory")
	fs.IntVar(&c.workers, "j", 0, "parallel jobs (default: GOMAXPROCS)")
	fs.StringVar(&c.formats, "formats", "xlsx,pdf", "comma-separated formats: "+strings.Join(formatNames(), ","))
	fs.StringVar(&c.langs, "lang", "zh", "comma-separated languages: zh,en")
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
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
		fmt.Fprintln(stderr, "batch:", err)
		return 1
	}
	return 0
}

func loadDataset(dir string) (*model.Dataset, error) {
	if dir == "" {
		return seeds.Load()
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no *.json files in %s", dir)
	}
	sort.Strings(names)
	var parts []model.Data
	var errs []error
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			return nil, err
		}
		d, err := model.ReadJSON(f, filepath.Base(n))
		f.Close()
		errs = append(errs, err)
		parts = append(parts, d)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return model.NewDataset(model.Merge(parts...))
}

func runBatch(ctx context.Context, c config, stdout, stderr io.Writer) error {
	ds, regions, err := loadRegions(c)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return interrupted(stdout, err)
	}
	formats := strings.Split(c.formats, ",")
	renderers, err := makeRenderers(formats)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return interrupted(stdout, err)
	}
	var jobs []batch.Job
	for _, r := range regions {
		for _, l := range strings.Split(c.langs, ",") {
			jobs = append(jobs, batch.Job{Region: r, Year: c.year, Lang: report.Lang(l), Formats: formats})
		}
	}
	opts := []batch.Option{batch.Force(c.force), batch.RendererTag(rendererTag())}
	if c.workers > 0 {
		opts = append(opts, batch.Workers(c.workers))
	}
	if c.shard != "" {
		i, n, err := parseShard(c.shard)
		if err != nil {
			return err
		}
		opts = append(opts, batch.Shard(i, n))
	}
	if !c.quiet {
		opts = append(opts, batch.OnProgress(progressReporter(stderr)))
	}
	runner, err := batch.New(ds, c.out, renderers, opts...)
	if err != nil {
		return err
	}
	sum, runErr := runner.Run(ctx, jobs)
	printSummary(stdout, sum)
	if runErr != nil {
		return runErr
	}
	if len(sum.Failed) > 0 {
		return fmt.Errorf("%d job(s) failed", len(sum.Failed))
	}
	return nil
}

// loadRegions loads the dataset (adding the synthetic cities of
// -synthetic) and lists the regions to brief. Loading makes a dataset that
// lives for the whole run, and with -synthetic a large one: collecting
// garbage less often meanwhile shortens start-up by a third; the usual
// setting returns before the jobs.
func loadRegions(c config) (*model.Dataset, []string, error) {
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	ds, err := loadDataset(c.data)
	if err != nil {
		return nil, nil, fmt.Errorf("load dataset: %w", err)
	}
	switch {
	case c.synthetic > 0:
		if ds, err = synth.Dataset(ds, "dalian", c.synthetic); err != nil {
			return nil, nil, err
		}
		var regions []string
		for i := 1; i <= c.synthetic; i++ {
			regions = append(regions, synth.RegionCode(i))
		}
		return ds, regions, nil
	case c.regions != "":
		return ds, strings.Split(c.regions, ","), nil
	}
	return ds, regionsWithFigures(ds, c.year), nil
}

// regionsWithFigures lists the cities, districts and counties with figures
// for the year, in dataset order of the regions: statistics offices publish
// a briefing for each.
func regionsWithFigures(ds *model.Dataset, year int) []string {
	var out []string
	for _, r := range ds.Regions() {
		if r.Level < model.City {
			continue
		}
		for _, o := range ds.ObservationsOf(r.Code) {
			if o.Period.Year == year || (o.Period.Kind == model.Years && o.Period.End == year) {
				out = append(out, r.Code)
				break
			}
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

// progressReporter draws a progress bar on a terminal and prints a plain
// line every second (and at the end) otherwise.
func progressReporter(w io.Writer) func(batch.Progress) {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		var bar *progressbar.ProgressBar
		return func(p batch.Progress) {
			if bar == nil {
				bar = progressbar.NewOptions(p.Total, progressbar.OptionSetWriter(w),
					progressbar.OptionSetDescription("briefings"), progressbar.OptionShowCount(),
					progressbar.OptionShowIts(), progressbar.OptionSetItsString("briefings"),
					progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
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
		fmt.Fprintf(w, "progress: %d/%d done (%d written, %d skipped, %d failed), %.1f MB, %.1f/s, ETA %s\n",
			p.Done, p.Total, p.Written, p.Skipped, p.Failed, float64(p.Bytes)/1e6, p.Rate, p.ETA.Round(100*time.Millisecond))
	}
}

// interrupted prints the summary of a batch stopped before its first job.
func interrupted(w io.Writer, err error) error {
	printSummary(w, batch.Summary{})
	fmt.Fprintln(w, "interrupted before the first job")
	return err
}

func printSummary(w io.Writer, s batch.Summary) {
	rate := 0.0
	if s.Elapsed > 0 {
		rate = float64(s.Written+s.Skipped) / s.Elapsed.Seconds()
	}
	fmt.Fprintf(w, "done: %d written, %d skipped, %d failed of %d jobs; %d files, %.1f MB in %s (%.1f briefings/s)\n",
		s.Written, s.Skipped, len(s.Failed), s.Total, len(s.Files), float64(s.Bytes)/1e6, s.Elapsed.Round(time.Millisecond), rate)
	for _, e := range s.Failed {
		fmt.Fprintln(w, "failed:", e)
	}
}
