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
