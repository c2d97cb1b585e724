package text_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
	"github.com/statbrief/statbrief/export/text"
	goldenfile "github.com/statbrief/statbrief/internal/golden"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// golden compares got with testdata/name; -update rewrites it. A missing
// golden file is a failure.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got, *update)
}

func render(t *testing.T, doc *report.Document, opts ...text.Option) string {
	t.Helper()
	r, err := text.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.Render(context.Background(), &b, doc); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The default briefing, Chinese and English, as text.
func TestGoldenDefaultBriefing(t *testing.T) {
	ds, err := seeds.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		doc, err := report.Build(context.Background(), ds, report.Spec{Region: "dalian", Year: 2020, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "dalian-2020-"+string(lang)+".txt.golden", []byte(render(t, doc)))
	}
}

func fig(s string) report.Cell {
	return report.Cell{Kind: report.FigureCell, Figure: report.Figure{Valid: true, Value: model.MustParse(s)}}
}

func tableDoc() *report.Document {
	return &report.Document{Title: "表", Meta: report.Meta{Lang: report.Chinese}, Sections: []report.Section{{
		ID: "t", Title: "节",
		Blocks: []report.Block{report.Table{ID: "x", Columns: []report.Column{
			{Key: "a", Header: "指标", Kind: report.TextCell},
			{Key: "b", Header: "数值", Kind: report.FigureCell},
		}, Rows: []report.Row{
			{Cells: []report.Cell{{Kind: report.TextCell, Text: "城镇新增就业"}, fig("11.11万人")}},
			{Cells: []report.Cell{{Kind: report.TextCell, Text: "a|b"}, {Kind: report.EmptyCell}}},
		}}},
	}}}
}

// Columns are aligned by display width: every line of a table is equally
// wide although hanzi take two columns; figures are right-aligned; a pipe
// in a cell is escaped; an empty cell is a dash.
func TestTableAlignment(t *testing.T) {
	out := render(t, tableDoc())
	var widths []int
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "|") {
			widths = append(widths, uniseg.StringWidth(line))
		}
	}
	if len(widths) != 4 {
		t.Fatalf("table has %d lines, want 4:\n%s", len(widths), out)
	}
	for _, w := range widths {
		if w != widths[0] {
			t.Fatalf("table lines differ in width %v:\n%s", widths, out)
		}
	}
	for _, want := range []string{"| 城镇新增就业 | 11.11万人 |", `| a\|b         |         — |`} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}

// Rows supplied by a RowSource are rendered after the literal rows.
func TestRowSource(t *testing.T) {
	doc := tableDoc()
	tab := doc.Sections[0].Blocks[0].(report.Table)
	tab.Source = rows{n: 3}
	doc.Sections[0].Blocks[0] = tab
	out := render(t, doc)
	for _, want := range []string{"| 行0 ", "| 行2 "} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Index(out, "城镇新增就业") > strings.Index(out, "行0") {
		t.Error("source rows come before literal rows")
	}
}

type rows struct{ n int }

func (r rows) Len() int { return r.n }
func (r rows) Row(i int) report.Row {
	return report.Row{Cells: []report.Cell{{Kind: report.TextCell, Text: "行" + string(rune('0'+i))}, fig("1个")}}
}

func TestSectionsOption(t *testing.T) {
	doc := tableDoc()
	doc.Sections = append(doc.Sections, report.Section{ID: "other", Title: "其他"})
	out := render(t, doc, text.Sections("other"))
	if strings.Contains(out, "## 节") || !strings.Contains(out, "## 其他") {
		t.Errorf("Sections(other) gave\n%s", out)
	}
}

func TestErrors(t *testing.T) {
	for _, o := range []text.Option{text.BarWidth(0), text.BarWidth(201), text.MaxColumnWidth(3)} {
		if _, err := text.New(o); err == nil {
			t.Error("bad option accepted")
		}
	}
	r, _ := text.New()
	if err := r.Render(context.Background(), &bytes.Buffer{}, nil); err == nil {
		t.Error("nil document accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := r.Render(ctx, &bytes.Buffer{}, tableDoc()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled render: %v", err)
	}
}

func TestCellText(t *testing.T) {
	d := report.Figure{Valid: true, Value: model.MustParse("6.5%"), Signed: true, Derived: &report.Derivation{}}
	for _, c := range []struct {
		cell report.Cell
		want string
	}{
		{report.Cell{Kind: report.TextCell, Text: "文"}, "文"},
		{fig("约1.67亿元"), "约1.67亿元"},
		{report.Cell{Kind: report.FigureCell, Figure: d}, "+6.5%*"},
		{report.Cell{Kind: report.StatusCell, Status: report.Exceeded}, "超额完成"},
		{report.Cell{}, "—"},
	} {
		if got := text.CellText(c.cell, report.Chinese); got != c.want {
			t.Errorf("CellText = %q, want %q", got, c.want)
		}
	}
}
