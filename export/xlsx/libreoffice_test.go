package xlsx_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/internal/xlsxcheck"
	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
	"github.com/xuri/excelize/v2"
)

// needOffice skips a test when LibreOffice is missing (failing under
// CI=true, where it must be installed) and under -short.
func needOffice(t *testing.T) {
	t.Helper()
	if _, err := xlsxcheck.Soffice(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true: %v", err)
		}
		t.Skip(err)
	}
	if testing.Short() {
		t.Skip("LibreOffice takes seconds; skipped with -short")
	}
}

// TestLibreOfficeRecalc opens the default workbook in LibreOffice with a
// profile that recalculates every formula on load, exports every sheet as
// CSV, and compares each formula's recalculated value with the cached value
// statbrief wrote: there must be no mismatch. It then converts the workbook
// to PDF, which must succeed, keep the Chinese text and show no ###.
func TestLibreOfficeRecalc(t *testing.T) {
	needOffice(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	office, err := xlsxcheck.NewOffice(filepath.Join(dir, "profile"), xlsxcheck.RecalcAlways)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		b := render(t, defaultDoc(t, lang))
		file := filepath.Join(dir, "dalian-2020-"+string(lang)+".xlsx")
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		sheets, err := office.Sheets(ctx, file, filepath.Join(dir, "csv-"+string(lang)))
		if err != nil {
			t.Fatal(err)
		}
		f := open(t, b)
		formulas, mismatches := 0, 0
		for _, c := range cells(t, f) {
			if c.formula == "" {
				continue
			}
			formulas++
			rows, ok := sheets[c.sheet]
			if !ok {
				t.Fatalf("%s: no CSV for sheet %s (have %d sheets)", lang, c.sheet, len(sheets))
			}
			col, row, _ := excelize.CellNameToCoordinates(c.ref)
			got := xlsxcheck.Cell(rows, row-1, col-1)
			g, err1 := decimal.NewFromString(got)
			w, err2 := decimal.NewFromString(c.raw)
			if err1 != nil || err2 != nil || !g.Equal(w) {
				mismatches++
				t.Errorf("%s: %s!%s = %s: LibreOffice computes %q, cached %q", lang, c.sheet, c.ref, c.formula, got, c.raw)
			}
		}
		t.Logf("%s: %d formulas recalculated by LibreOffice, %d mismatches", lang, formulas, mismatches)
		if formulas == 0 {
			t.Errorf("%s: no formulas", lang)
		}
		if lang != report.Chinese {
			continue
		}
		pdf, err := office.PDF(ctx, file, filepath.Join(dir, "pdf"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := exec.LookPath("pdftotext"); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal(err)
			}
			t.Logf("pdftotext missing: PDF text not checked: %v", err)
			continue
		}
		out, err := exec.CommandContext(ctx, "pdftotext", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := string(out)
		if strings.Contains(text, "###") {
			t.Error("the PDF shows ### (a column too narrow for its number)")
		}
		for _, want := range []string{"大连市2020年经济社会发展简报", "主要指标", "目标完成", "数据"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF lacks %q", want)
			}
		}
	}
}

// tableBodies returns the rows of the tables of a sheet, as ranges of
// 1-based rows [first, last]: the rows after a header row (filled with the
// header colour) up to the first empty row, merged text row or header.
func tableBodies(t *testing.T, f *excelize.File, sheet string, info []cellInfo) [][2]int {
	t.Helper()
	header := map[int]bool{}
	for _, c := range info {
		if c.sheet == sheet && c.fill == colorHeaderFill {
			_, r, _ := excelize.CellNameToCoordinates(c.ref)
			header[r] = true
		}
	}
	merged := map[int]bool{}
	ms, _ := f.GetMergeCells(sheet)
	for _, m := range ms {
		_, r, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
		merged[r] = true
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	empty := func(r int) bool {
		if r > len(rows) {
			return true
		}
		for _, v := range rows[r-1] {
			if v != "" {
				return false
			}
		}
		return true
	}
	var out [][2]int
	for r := 1; r <= len(rows); r++ {
		if !header[r] {
			continue
		}
		last := r
		for last+1 <= len(rows) && !header[last+1] && !merged[last+1] && !empty(last+1) {
			last++
		}
		if last > r+1 {
			out = append(out, [2]int{r + 1, last})
		}
	}
	return out
}

const colorHeaderFill = "DDEBF7"

// TestLibreOfficeSorted sorts every table of the default workbook as an
// analyst would (here: reverses its rows, moving each row's formulas with
// it as a spreadsheet does), has LibreOffice recalculate every formula,
// and finds each formula's result unchanged: formulas refer to their own
// row or look their inputs up by key, never to a fixed cell that a sort
// moves.
func TestLibreOfficeSorted(t *testing.T) {
	needOffice(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	office, err := xlsxcheck.NewOffice(filepath.Join(dir, "profile"), xlsxcheck.RecalcAlways)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		f := open(t, render(t, defaultDoc(t, lang)))
		info := cells(t, f)
		moved := map[string]map[int]int{} // sheet → old row → new row
		sorted := 0
		for _, sheet := range f.GetSheetList() {
			for _, body := range tableBodies(t, f, sheet, info) {
				sortRows(t, f, sheet, body)
				sorted += body[1] - body[0] + 1
				if moved[sheet] == nil {
					moved[sheet] = map[int]int{}
				}
				for r := body[0]; r <= body[1]; r++ {
					moved[sheet][r] = body[0] + body[1] - r
				}
			}
		}
		if moved["数据"] == nil && moved["Data"] == nil {
			t.Fatalf("%s: the data table was not found", lang)
		}
		file := filepath.Join(dir, "sorted-"+string(lang)+".xlsx")
		if err := f.SaveAs(file); err != nil {
			t.Fatal(err)
		}
		sheets, err := office.Sheets(ctx, file, filepath.Join(dir, "csv-"+string(lang)))
		if err != nil {
			t.Fatal(err)
		}
		formulas, changed := 0, 0
		for _, c := range info {
			if c.formula == "" {
				continue
			}
			formulas++
			col, row, _ := excelize.CellNameToCoordinates(c.ref)
			if r, ok := moved[c.sheet][row]; ok {
				row = r
			}
			got := xlsxcheck.Cell(sheets[c.sheet], row-1, col-1)
			g, err1 := decimal.NewFromString(got)
			w, err2 := decimal.NewFromString(c.raw)
			if err1 != nil || err2 != nil || !g.Equal(w) {
				changed++
				t.Errorf("%s: %s!%s = %s: %q after sorting, %q before", lang, c.sheet, c.ref, c.formula, got, c.raw)
			}
		}
		t.Logf("%s: %d table rows sorted, %d formulas recalculated by LibreOffice, %d changed", lang, sorted, formulas, changed)
		if formulas == 0 {
			t.Errorf("%s: no formulas", lang)
		}
	}
}

// sortRows reverses rows body[0]…body[1] of a sheet, moving each cell with
// its row; formulas have their relative rows shifted, as a spreadsheet's
// sort does.
func sortRows(t *testing.T, f *excelize.File, sheet string, body [2]int) {
	t.Helper()
	type cell struct {
		typ     excelize.CellType
		raw, fx string
		style   int
	}
	cols := 0
	rows, _ := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	for r := body[0]; r <= body[1]; r++ {
		cols = max(cols, len(rows[r-1]))
	}
	read := make([][]cell, body[1]-body[0]+1)
	for r := body[0]; r <= body[1]; r++ {
		for c := 1; c <= cols; c++ {
			ref, _ := excelize.CoordinatesToCellName(c, r)
			var x cell
			x.typ, _ = f.GetCellType(sheet, ref)
			x.raw, _ = f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
			x.fx, _ = f.GetCellFormula(sheet, ref)
			x.style, _ = f.GetCellStyle(sheet, ref)
			read[r-body[0]] = append(read[r-body[0]], x)
		}
	}
	for k, row := range read {
		from := body[0] + k
		to := body[0] + body[1] - from
		for c, x := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, to)
			var err error
			switch {
			case x.fx != "":
				err = f.SetCellFormula(sheet, ref, shiftRefs(x.fx, to-from))
			case x.raw == "":
				err = f.SetCellValue(sheet, ref, nil)
			case x.typ == excelize.CellTypeInlineString || x.typ == excelize.CellTypeSharedString:
				err = f.SetCellStr(sheet, ref, x.raw)
			default:
				err = f.SetCellDefault(sheet, ref, x.raw)
			}
			if err == nil {
				err = f.SetCellStyle(sheet, ref, ref, x.style)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestLibreOfficePrint converts the default workbooks to PDF with
// LibreOffice and reads its pages: the English source list without the
// phrases (Spec.OmitPhrases) prints in the orientation that gives it fewer
// pages (portrait: half the pages of landscape, checked by printing a copy
// turned landscape); no page shows ###; and a sheet whose frozen header is a copy
// under its title (a long introduction above its table) prints without
// the copy, its first page beginning with the introduction.
func TestLibreOfficePrint(t *testing.T) {
	needOffice(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	office, err := xlsxcheck.NewOffice(filepath.Join(dir, "profile"), 1)
	if err != nil {
		t.Fatal(err)
	}
	pagesOf := func(name string, b []byte) (map[string][]string, []string) {
		file := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		pdf, err := office.PDF(ctx, file, filepath.Join(dir, "pdf"))
		if err != nil {
			t.Fatal(err)
		}
		pages, err := xlsxcheck.PDFText(ctx, pdf)
		if err != nil {
			t.Fatal(err)
		}
		sheets := open(t, b).GetSheetList()
		by := map[string][]string{}
		for i, p := range pages {
			if strings.Contains(p, "###") {
				t.Errorf("%s: page %d shows ###", name, i+1)
			}
			s := xlsxcheck.SheetOfPage(p, sheets)
			if s == "" {
				t.Errorf("%s: page %d names no sheet in its header", name, i+1)
			}
			by[s] = append(by[s], p)
		}
		return by, sheets
	}
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		b := render(t, defaultDoc(t, lang))
		name := "dalian-2020-" + string(lang)
		by, sheets := pagesOf(name, b)
		f := open(t, b)
		info := cells(t, f)
		for _, sheet := range sheets {
			p, _ := f.GetPanes(sheet)
			rows, merged, header, _ := sheetRows(t, f, sheet, info)
			if !p.Freeze || !header[p.YSplit] || p.YSplit >= len(rows) || !merged[p.YSplit+1] && len(rows[p.YSplit]) > 0 {
				continue // no copy of a header
			}
			if len(by[sheet]) == 0 {
				t.Errorf("%s: %s not printed", name, sheet)
				continue
			}
			// the first page: the page header, then the introduction
			var lines []string
			for _, l := range strings.Split(by[sheet][0], "\n") {
				if l = strings.TrimSpace(l); l != "" {
					lines = append(lines, l)
				}
			}
			cols := rows[p.YSplit-1]
			if len(lines) < 2 || strings.Contains(lines[1], cols[0]) && strings.Contains(lines[1], cols[1]) {
				t.Errorf("%s: %s: the first printed page begins with a header: %.60q", name, sheet, lines)
			}
		}
		if lang != report.English {
			continue
		}
		// the English source list without the phrases: short rows, which
		// print on fewer pages in portrait, at a readable scale
		ds, err := seeds.Load()
		if err != nil {
			t.Fatal(err)
		}
		bare, err := report.Build(ctx, ds, report.Spec{Region: "dalian", Year: 2020, Lang: report.English, OmitPhrases: true})
		if err != nil {
			t.Fatal(err)
		}
		b = render(t, bare)
		name += "-bare"
		by, _ = pagesOf(name, b)
		f = open(t, b)
		pl, err := f.GetPageLayout("Sources")
		if err != nil {
			t.Fatal(err)
		}
		// the same workbook with its source list turned the other way
		turned := open(t, b)
		otherWay := map[string]string{"portrait": "landscape", "landscape": "portrait"}[*pl.Orientation]
		if err := turned.SetPageLayout("Sources", &excelize.PageLayoutOptions{Orientation: &otherWay}); err != nil {
			t.Fatal(err)
		}
		buf, err := turned.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		other, _ := pagesOf(name+"-"+otherWay, buf.Bytes())
		t.Logf("Sources: %d pages in %s, %d in %s", len(by["Sources"]), *pl.Orientation, len(other["Sources"]), otherWay)
		if *pl.Orientation != "portrait" || len(by["Sources"]) >= len(other["Sources"]) {
			t.Errorf("Sources: %s on %d pages, %s on %d", *pl.Orientation, len(by["Sources"]), otherWay, len(other["Sources"]))
		}
	}
}
