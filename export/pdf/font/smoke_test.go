package font_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"github.com/statbrief/statbrief/export/pdf/font"
	"github.com/statbrief/statbrief/export/pdf/font/embedded"
)

// smokeLines mixes simplified and traditional hanzi (from seed 002),
// digits, Latin, full-width percent and Chinese punctuation.
var smokeLines = []struct {
	text string
	bold bool
}{
	{"2020年大連市政府工作報告：經濟發展穩中有進", true},
	{"城镇新增就业9.6万人，同比增长3.8％。", false},
	{"GDP 7001.7億元, CPI +2.2%; ABCxyz 0123456789", false},
	{"▲1.5个百分点 ▼-1.6% →「全市」《报告》±0.5 ×÷≈", false},
}

const cellText = "单元格：12.5％"

// TestSmokeGofpdf subsets the embedded font per document, writes text
// with gofpdf's Text (never MultiCell) and, when poppler's pdftotext is
// installed, reads the same text back. Set FONT_SMOKE_OUT to a directory
// to keep the PDF.
func TestSmokeGofpdf(t *testing.T) {
	set, err := embedded.Load()
	if err != nil {
		t.Fatal(err)
	}
	pdf := gofpdf.New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	// one subset per face of the document, holding every rune it sets
	used := map[*font.Face]map[rune]bool{}
	all := make([][]font.Run, len(smokeLines)+1)
	for i, l := range append(smokeLines, struct {
		text string
		bold bool
	}{cellText, false}) {
		runs, err := set.Runs(l.text, l.bold)
		if err != nil {
			t.Fatal(err)
		}
		all[i] = runs
		for _, r := range runs {
			if used[r.Face] == nil {
				used[r.Face] = map[rune]bool{}
			}
			for _, c := range r.Text {
				used[r.Face][c] = true
			}
		}
	}
	family := map[*font.Face]string{}
	for f, rs := range used {
		var list []rune
		for r := range rs {
			list = append(list, r)
		}
		data, err := f.Subset(list)
		if err != nil {
			t.Fatal(err)
		}
		sub, err := font.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range list {
			if !sub.Has(r) { // it would print as a box (tofu)
				t.Errorf("subset lacks %U %q", r, r)
			}
		}
		if dir := os.Getenv("FONT_SMOKE_OUT"); dir != "" {
			_ = os.WriteFile(filepath.Join(dir, "subset.ttf"), data, 0o644)
		}
		family[f] = "f" + string(rune('0'+len(family)))
		pdf.AddUTF8FontFromBytes(family[f], "", data)
	}
	if err := pdf.Error(); err != nil {
		t.Fatalf("gofpdf rejected the subset: %v", err)
	}
	pdf.AddPage()
	const size = 16.0
	y := 60.0
	for _, runs := range all[:len(smokeLines)] {
		x := 50.0
		for _, r := range runs {
			pdf.SetFont(family[r.Face], "", size)
			if r.SyntheticBold {
				pdf.SetTextRenderingMode(2)
				pdf.SetLineWidth(size * font.SyntheticBoldStroke)
			}
			pdf.Text(x, y, r.Text)
			pdf.SetTextRenderingMode(0)
			x += r.Width(size)
		}
		y += size * 1.6
	}
	pdf.SetFont(family[all[1][0].Face], "", size)
	pdf.SetXY(50, y)
	pdf.CellFormat(set.Width(cellText, size, false)+4, size*1.4, cellText, "1", 1, "L", false, 0, "")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("FONT_SMOKE_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, "smoke.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils): text not checked")
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	got := strings.Fields(string(out))
	var want []string
	for _, l := range smokeLines {
		want = append(want, strings.Fields(l.text)...)
	}
	want = append(want, cellText)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("text read back differs:\n got %q\nwant %q", strings.Join(got, " "), strings.Join(want, " "))
	}
}
