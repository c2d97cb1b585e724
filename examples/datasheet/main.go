// Command datasheet writes one big data workbook: a 数据 sheet of N
// synthetic observations (8 columns) streamed from a report.RowSource, for
// measuring the Excel renderer's time and memory on large data.
//
//	go build ./examples/datasheet
//	/usr/bin/time -v ./datasheet -rows 200000 -out /tmp/data.xlsx
//
// Past Excel's 1,048,576 rows a sheet, the data continue on 数据(2) with the
// header repeated (try -rows 1100000).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/statbrief/statbrief/export"
	"github.com/statbrief/statbrief/export/xlsx"
	"github.com/statbrief/statbrief/internal/xlsxcheck"
	"github.com/statbrief/statbrief/report"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "datasheet:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("datasheet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rows := fs.Int("rows", 200000, "number of data rows")
	out := fs.String("out", "out/datasheet.xlsx", "output file")
	lang := fs.String("lang", "zh", "language: zh or en")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *rows < 0 {
		return fmt.Errorf("-rows %d: must not be negative", *rows)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	doc := xlsxcheck.DataDocument(*rows, report.Lang(*lang))
	r, err := xlsx.New()
	if err != nil {
		return err
	}
	start := time.Now()
	if err := export.WriteFile(ctx, *out, r, doc); err != nil {
		return err
	}
	st, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "datasheet: %d rows → %s (%d bytes) in %v\n", *rows, *out, st.Size(), time.Since(start).Round(time.Millisecond))
	return nil
}
