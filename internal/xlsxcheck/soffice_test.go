package xlsxcheck

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// tinyXLSX writes a minimal workbook by hand: A1 holds 2, B1 the formula
// A1*3 with a wrong cached value, 99.
func tinyXLSX(t *testing.T, path string) {
	t.Helper()
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*3</f><v>99</v></c></row></sheetData></worksheet>`},
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestRecalcMode shows that the profile setting works both ways: with
// RecalcAlways LibreOffice recomputes the formula (6), with 1 it keeps the
// wrong cached value (99). Without this, a recalculation test could pass
// by reading back our own cached values.
func TestRecalcMode(t *testing.T) {
	if _, err := Soffice(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	if testing.Short() {
		t.Skip("LibreOffice is slow; skipped with -short")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "tiny.xlsx")
	tinyXLSX(t, file)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for _, tc := range []struct {
		mode int
		want string
	}{{RecalcAlways, "6"}, {1, "99"}} {
		o, err := NewOffice(filepath.Join(dir, "profile"+string(rune('0'+tc.mode))), tc.mode)
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out"+string(rune('0'+tc.mode)))
		sheets, err := o.Sheets(ctx, file, out)
		if err != nil {
			t.Fatal(err)
		}
		if got := Cell(sheets["S"], 0, 1); got != tc.want {
			t.Errorf("mode %d: B1 = %q, want %q (sheets %v)", tc.mode, got, tc.want, sheets)
		}
	}
}

func TestSheetOfPage(t *testing.T) {
	sheets := []string{"数据", "其他数据", "Data", "Other figures"}
	for page, want := range map[string]string{
		"\n  大连市2020年经济社会发展简报        其他数据\n 类别 指标": "其他数据",
		"大连市2020年经济社会发展简报   数据\n":                  "数据",
		"Dalian 2020     Other figures\nCategory":  "Other figures",
		"Dalian 2020     Data\n":                   "Data",
		"no header\nData":                          "",
	} {
		if got := SheetOfPage(page, sheets); got != want {
			t.Errorf("SheetOfPage(%q) = %q, want %q", page, got, want)
		}
	}
}
