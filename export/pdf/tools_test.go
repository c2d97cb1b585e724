package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// needTool returns the path of an external tool, skipping the test when it
// is absent, unless CI is "true": then a missing tool fails the test.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not installed (CI must install poppler-utils and qpdf)", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// qpdfCheck runs qpdf --check on a PDF.
func qpdfCheck(t *testing.T, data []byte) {
	t.Helper()
	qpdf := needTool(t, "qpdf")
	p := writeTemp(t, "check.pdf", data)
	out, err := exec.Command(qpdf, "--check", p).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors")) {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

// expanded returns a PDF as qpdf writes it with every object out of its
// object stream and every stream uncompressed, for tests that look for
// the bytes of an object.
func expanded(t *testing.T, data []byte) []byte {
	t.Helper()
	qpdf := needTool(t, "qpdf")
	in := writeTemp(t, "in.pdf", data)
	out := filepath.Join(filepath.Dir(in), "qdf.pdf")
	if b, err := exec.Command(qpdf, "--qdf", "--object-streams=disable", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --qdf: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// rasterCheck renders the first pages of a PDF with pdftoppm, which
// parses the embedded TrueType subsets to draw the glyphs: it must do so
// without a complaint.
func rasterCheck(t *testing.T, data []byte) {
	t.Helper()
	tool := needTool(t, "pdftoppm")
	p := writeTemp(t, "raster.pdf", data)
	var stderr bytes.Buffer
	cmd := exec.Command(tool, "-r", "24", "-f", "1", "-l", "3", "-png", p, filepath.Join(filepath.Dir(p), "page"))
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Errorf("pdftoppm: %v\n%s", err, stderr.Bytes())
	}
	pages, _ := filepath.Glob(filepath.Join(filepath.Dir(p), "page*.png"))
	if len(pages) == 0 {
		t.Error("pdftoppm wrote no page")
	}
}

// pdffontsCheck checks that every font of a PDF is embedded.
func pdffontsCheck(t *testing.T, data []byte) {
	t.Helper()
	tool := needTool(t, "pdffonts")
	p := writeTemp(t, "fonts.pdf", data)
	out, err := exec.Command(tool, p).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	// columns: name type encoding emb sub uni object ID
	for _, ln := range lines[2:] {
		f := strings.Fields(ln)
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", ln)
		}
	}
}

// pdfText extracts the text of every page with pdftotext -layout.
func extractPages(t *testing.T, data []byte) []string {
	t.Helper()
	tool := needTool(t, "pdftotext")
	p := writeTemp(t, "text.pdf", data)
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// roundTrip checks the text pdftotext gets back from a PDF against the
// display list it was painted from: every character set comes back once
// (the same multiset of characters, whitespace aside: 0 lost, 0
// duplicated), and every text item of the document (paragraph, cell,
// label …) comes back in order on its pages: each of its lines as one
// run once whitespace is removed, the lines one after the other (a table
// cell's second line comes after its first, with the neighbouring cells'
// text between them).
func roundTrip(t *testing.T, data []byte, dl *DisplayList) {
	t.Helper()
	pages := extractPages(t, data)
	if len(pages) != dl.Pages {
		t.Fatalf("pdftotext gives %d pages, the display list has %d", len(pages), dl.Pages)
	}
	want := map[rune]int{}
	first := make([]int, len(dl.items))
	last := make([]int, len(dl.items))
	for _, b := range dl.Boxes {
		if b.Kind != TextBox {
			continue
		}
		for _, r := range noSpace(b.Text) {
			want[r]++
		}
		if b.item >= 0 {
			if first[b.item] == 0 {
				first[b.item] = b.Page
			}
			last[b.item] = b.Page
		}
	}
	got := map[rune]int{}
	flat := make([]string, len(pages))
	for i, p := range pages {
		flat[i] = noSpace(p)
		for _, r := range flat[i] {
			got[r]++
		}
	}
	lost, dup := 0, 0
	for r, n := range want {
		if got[r] < n {
			lost += n - got[r]
			t.Errorf("%q: %d set, %d extracted", r, n, got[r])
		}
	}
	for r, n := range got {
		if n > want[r] {
			dup += n - want[r]
			t.Errorf("%q: %d extracted, %d set", r, n, want[r])
		}
	}
	if lost+dup > 0 {
		t.Errorf("%d characters lost, %d duplicated or foreign", lost, dup)
	}
	// every text item, line by line: each line's characters come back
	// contiguously (whitespace aside), and the lines in order, starting
	// on the item's first page
	type lineKey struct {
		page int
		y    float64
	}
	itemLines := make([][]string, len(dl.items))
	lastKey := make([]lineKey, len(dl.items))
	for _, b := range dl.Boxes {
		if b.Kind != TextBox || b.item < 0 {
			continue
		}
		k := lineKey{b.Page, b.Y}
		ls := itemLines[b.item]
		if len(ls) == 0 || lastKey[b.item] != k {
			itemLines[b.item] = append(ls, "")
			lastKey[b.item] = k
		}
		itemLines[b.item][len(itemLines[b.item])-1] += noSpace(b.Text)
	}
	all := strings.Join(flat, "")
	pageStart := make([]int, len(flat)+1)
	for i, p := range flat {
		pageStart[i+1] = pageStart[i] + len(p)
	}
	checked := 0
	for i, it := range dl.items {
		if noSpace(it.Text) == "" || first[i] == 0 {
			continue
		}
		checked++
		pos := pageStart[first[i]-1]
		for n, ln := range itemLines[i] {
			if ln == "" {
				continue
			}
			k := strings.Index(all[pos:], ln)
			if k < 0 {
				t.Errorf("item %d (%s), line %d of %d, %q: not found in order (item %.80q)", i, it.Section, n+1, len(itemLines[i]), ln, it.Text)
				break
			}
			pos += k + len(ln)
		}
		if pos > pageStart[last[i]] {
			t.Errorf("item %d (%s): found past its last page %d: %.80q", i, it.Section, last[i], it.Text)
		}
	}
	if checked < 10 {
		t.Errorf("only %d text items checked", checked)
	}
}
