package xlsx_test

import (
	"archive/zip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/statbrief/statbrief/export"
	"github.com/statbrief/statbrief/export/xlsx"
	"github.com/statbrief/statbrief/internal/xlsxcheck"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
)

// TestContinuationSheets: past the rows of a sheet the data continue on
// 数据(2), 数据(3) … with the header repeated, a filter and frozen header on
// each, and formulas find figures on any of them (here read from a
// RowSource too large to hold in memory).
func TestContinuationSheets(t *testing.T) {
	doc := xlsxcheck.DataDocument(6000, report.Chinese)
	src := doc.Sections[0].Blocks[0].(report.Table)
	in := src.Row(5500).Cells[5].Figure.Value
	twice := report.Figure{Valid: true, Value: model.Value{Num: in.Num.Mul(num("2")), Places: in.Places, Unit: in.Unit}}
	twice.Derived = &report.Derivation{Method: "x", Inputs: []report.Input{{Ref: "synthetic.5500", Value: in}},
		Expr: &report.Expr{Op: report.OpRound, Places: in.Places, Args: []*report.Expr{op(report.OpMul, in0(), konst("2"))}}}
	doc.Sections = append([]report.Section{{ID: report.SectionHeadline, Title: "主要指标", Blocks: []report.Block{
		report.Table{ID: "headline", Columns: []report.Column{{Key: "v", Header: "两倍", Kind: report.FigureCell}},
			Rows: []report.Row{{Cells: []report.Cell{{Kind: report.FigureCell, Figure: twice}}}}},
	}}}, doc.Sections...)
	f := open(t, render(t, doc, xlsx.RowsPerSheet(2500)))
	if got := strings.Join(f.GetSheetList(), ","); got != "主要指标,数据,数据(2),数据(3)" {
		t.Fatalf("sheets %s", got)
	}
	for sheet, last := range map[string]string{"数据": "synthetic.2498", "数据(2)": "synthetic.4997", "数据(3)": "synthetic.5999"} {
		if h, _ := f.GetCellValue(sheet, "A1"); h != "编号" {
			t.Errorf("%s: header %q", sheet, h)
		}
		rows, _ := f.GetRows(sheet)
		if got := rows[len(rows)-1][0]; got != last {
			t.Errorf("%s: last row %s, want %s", sheet, got, last)
		}
		if p, _ := f.GetPanes(sheet); !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: panes %+v", sheet, p)
		}
	}
	if fx, _ := f.GetCellFormula("主要指标", "A4"); fx != `ROUND((INDEX('数据(3)'!$F$2:$F$1003,MATCH("synthetic.5500",'数据(3)'!$A$2:$A$1003,0))*2),1)` {
		t.Errorf("formula %q", fx)
	}
	if v, _ := f.GetCellValue("数据(3)", "A504"); v != "synthetic.5500" {
		t.Errorf("数据(3)!A504 = %q", v)
	}
}

func in0() *report.Expr { return in(0) }

var (
	sheetEntry = regexp.MustCompile(`<sheet name="([^"]*)"`)
	dimRef     = regexp.MustCompile(`<dimension ref="([^"]*)"/>`)
)

// TestMillionRows renders 1,100,000 rows: a full sheet of 1,048,575 and
// the rest on 数据(2), past Excel's 1,048,576 rows a sheet.
func TestMillionRows(t *testing.T) {
	if testing.Short() {
		t.Skip("a million rows take seconds; skipped with -short")
	}
	r, err := xlsx.New()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "huge.xlsx")
	if err := export.WriteFile(context.Background(), path, r, xlsxcheck.DataDocument(1100000, report.Chinese)); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	read := func(name string, n int) string {
		for _, f := range zr.File {
			if f.Name == name {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				defer rc.Close()
				b := make([]byte, n)
				k, _ := io.ReadFull(rc, b)
				return string(b[:k])
			}
		}
		t.Fatalf("no part %s", name)
		return ""
	}
	wb := read("xl/workbook.xml", 1<<16)
	var names []string
	for _, m := range sheetEntry.FindAllStringSubmatch(wb, -1) {
		names = append(names, m[1])
	}
	if strings.Join(names, ",") != "数据,数据(2)" {
		t.Fatalf("sheets %v", names)
	}
	for part, want := range map[string]string{"xl/worksheets/sheet1.xml": "A1:J1048576", "xl/worksheets/sheet2.xml": "A1:J51426"} {
		head := read(part, 4096)
		if m := dimRef.FindStringSubmatch(head); m == nil || m[1] != want {
			t.Errorf("%s: dimension %v, want %s", part, m, want)
		}
		if !regexp.MustCompile(`<row r="1"( ht="[0-9.]+" customHeight="1")?><c r="A1" s="`).MatchString(head) {
			t.Errorf("%s: no header row", part)
		}
	}
	if sst := read("xl/sharedStrings.xml", 4096); !strings.Contains(sst, "<si><t>编号</t></si>") {
		t.Errorf("header text not among the shared strings: %.200s", sst)
	}
	if st, err := os.Stat(path); err != nil || st.Size() < 50<<20 {
		t.Errorf("file %v %v", st, err)
	}
}

// cancelRows cancels a context when row at is read.
type cancelRows struct {
	report.RowSource
	at     int
	cancel context.CancelFunc
}

func (c cancelRows) Row(i int) report.Row {
	if i == c.at {
		c.cancel()
	}
	return c.RowSource.Row(i)
}

// TestCancelWhileWriting: a cancelled context stops the rows of a large
// table being written, with the context's error.
func TestCancelWhileWriting(t *testing.T) {
	doc := xlsxcheck.DataDocument(20000, report.Chinese)
	tab := doc.Sections[0].Blocks[0].(report.Table)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tab.Source = cancelRows{RowSource: tab.Source, at: 10000, cancel: cancel}
	doc.Sections[0].Blocks[0] = tab
	r, _ := xlsx.New()
	if err := r.Render(ctx, io.Discard, doc); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}
