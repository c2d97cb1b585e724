package formats

import (
	"context"
	"regexp"
	"strconv"
	"testing"

	"github.com/statbrief/statbrief/export/pdf"
	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
)

var (
	markNumber = regexp.MustCompile(`(\d+)(?:–(\d+))?`)
	noteStart  = regexp.MustCompile(`^\[(\d+)\] `)
)

// TestPDFPrintsEveryCitedNote: the PDF briefing as the example programs
// write it (without the sections of PDFOmits, the list of sources among
// them) prints the note of every number its citation marks show, once.
func TestPDFPrintsEveryCitedNote(t *testing.T) {
	rs, err := New([]string{"pdf"})
	if err != nil {
		t.Fatal(err)
	}
	r, ok := rs["pdf"].(*pdf.Renderer)
	if !ok {
		t.Fatalf("pdf renderer is a %T", rs["pdf"])
	}
	ds, err := seeds.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		doc, err := report.Build(context.Background(), ds, report.Spec{Region: "dalian", Year: 2020, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		dl, err := r.Layout(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		cited := map[int]bool{}
		printed := map[int]int{}
		for _, b := range dl.Boxes {
			if b.Kind != pdf.TextBox {
				continue
			}
			switch b.Role {
			case pdf.RoleCite:
				for _, m := range markNumber.FindAllStringSubmatch(b.Text, -1) {
					lo, _ := strconv.Atoi(m[1])
					hi := lo
					if m[2] != "" {
						hi, _ = strconv.Atoi(m[2])
					}
					for n := lo; n <= hi; n++ {
						cited[n] = true
					}
				}
			case pdf.RoleFootnote:
				if m := noteStart.FindStringSubmatch(b.Text); m != nil && b.X <= dl.Content.X+0.01 {
					n, _ := strconv.Atoi(m[1])
					printed[n]++
				}
			}
		}
		if len(cited) < 100 {
			t.Errorf("%s: only %d numbers cited", lang, len(cited))
		}
		for n := range cited {
			if printed[n] != 1 {
				t.Errorf("%s: note %d cited, printed %d times", lang, n, printed[n])
			}
		}
		for _, id := range PDFOmits {
			for _, bm := range dl.Bookmarks {
				for _, s := range doc.Sections {
					if s.ID == id && bm.Level == 0 && bm.Title == s.Title {
						t.Errorf("%s: section %q is in the PDF", lang, id)
					}
				}
			}
		}
	}
}
