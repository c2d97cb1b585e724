// Command briefing builds the default statbrief briefing — Dalian, 2020,
// from the embedded seed dataset — and writes it.
//
//	go run ./examples/briefing                 # out/dalian-2020.xlsx and out/dalian-2020.pdf
//	go run ./examples/briefing -lang en        # out/dalian-2020-en.xlsx and out/dalian-2020-en.pdf
//	go run ./examples/briefing -format text    # the briefing as text on standard output
//	go run ./examples/briefing -format summary # what the dataset holds
//	go run ./examples/briefing -format pdf,txt -out /tmp/b -region gaoxin
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/statbrief/statbrief/export"
	"github.com/statbrief/statbrief/export/text"
	statformats "github.com/statbrief/statbrief/internal/formats"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "briefing:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("briefing", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "out", "output directory")
	lang := fs.String("lang", "zh", "language: zh or en")
	format := fs.String("format", "xlsx,pdf", "comma-separated formats: "+strings.Join(knownFormats(), ", "))
	region := fs.String("region", "dalian", "region code")
	year := fs.Int("year", 2020, "year")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	if l := report.Lang(*lang); l != report.Chinese && l != report.English {
		return fmt.Errorf("-lang %q: want zh or en", *lang)
	}
	// each format once, in the order given
	var formats []string
	for _, f := range strings.Split(*format, ",") {
		if f = strings.TrimSpace(f); f != "" && !slices.Contains(formats, f) {
			formats = append(formats, f)
		}
	}
	ds, err := seeds.Load()
	if err != nil {
		return fmt.Errorf("load dataset: %w", err)
	}
	for _, f := range formats {
		if f == "summary" {
			return summary(stdout, ds)
		}
	}
	doc, err := report.Build(ctx, ds, report.Spec{Region: *region, Year: *year, Lang: report.Lang(*lang)})
	if err != nil {
		return err
	}
	var files []string
	for _, f := range formats {
		switch {
		case f == "text":
			r, err := text.New()
			if err != nil {
				return err
			}
			if err := r.Render(ctx, stdout, doc); err != nil {
				return err
			}
		case statformats.Known(f):
			files = append(files, f)
		default:
			return fmt.Errorf("unknown format %q (known: %s)", f, strings.Join(knownFormats(), ", "))
		}
	}
	if len(files) == 0 {
		return nil
	}
	renderers, err := statformats.New(files)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		path := filepath.Join(*out, fileName(doc, f))
		if err := export.WriteFile(ctx, path, renderers[f], doc); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "wrote", path)
	}
	return nil
}

func knownFormats() []string { return append([]string{"summary", "text"}, statformats.Names()...) }

func fileName(doc *report.Document, ext string) string {
	name := doc.Meta.Region + "-" + doc.Meta.Period.String()
	if doc.Meta.Lang != report.Chinese {
		name += "-" + string(doc.Meta.Lang)
	}
	return name + "." + ext
}

// summary prints what the dataset holds: counts per region, period and
// kind, and the targets.
func summary(w io.Writer, ds *model.Dataset) error {
	obs := ds.Observations()
	fmt.Fprintf(w, "statbrief default dataset: %d indicators, %d regions, %d observations, %d targets\n\n",
		len(ds.Indicators()), len(ds.Regions()), len(obs), len(ds.Targets()))
	count := func(title string, key func(model.Observation) string) {
		m := map[string]int{}
		for _, o := range obs {
			m[key(o)]++
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(w, "%s:\n", title)
		for _, k := range keys {
			fmt.Fprintf(w, "  %-24s %4d\n", k, m[k])
		}
		fmt.Fprintln(w)
	}
	count("observations by region", func(o model.Observation) string {
		r, _ := ds.Region(o.Region)
		return r.Code + " " + r.Name
	})
	count("observations by period", func(o model.Observation) string { return o.Period.String() })
	count("observations by kind", func(o model.Observation) string { return o.Kind.String() })
	fmt.Fprintln(w, "targets:")
	for _, t := range ds.Targets() {
		ind, _ := ds.Indicator(t.Indicator)
		v := ""
		if t.Value.Valid {
			v = t.Value.Value.String()
		}
		if t.With != "" {
			v = "with " + t.With
		}
		if t.WithIndicator != "" {
			v = "with " + t.WithIndicator
		}
		if t.Ref != "" {
			v = "share of " + t.Ref
		}
		fmt.Fprintf(w, "  %s %-20s %-8s %-16s %s\n", t.Period, ind.Name, t.Measure, t.Kind, v)
	}
	return nil
}
