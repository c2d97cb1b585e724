package pdf

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/statbrief/statbrief/report"
)

// TestRender lays out and renders every test document, checks the display
// list, and checks the PDF with qpdf, pdffonts and a pdftotext round trip.
// With STATBRIEF_PDF_OUT=dir set it also writes the PDFs into dir, for
// looking at them (pdftoppm -r 80 -png dir/briefing-zh.pdf page).
func TestRender(t *testing.T) {
	docs := testDocs(t)
	names := make([]string, 0, len(docs))
	for n := range docs {
		names = append(names, n)
	}
	sort.Strings(names)
	// the briefing for reading too: without the data listing and the
	// list of sources
	type run struct {
		name string
		doc  *report.Document
		opts []Option
	}
	var runs []run
	for _, name := range names {
		runs = append(runs, run{name, docs[name], nil})
		if strings.HasPrefix(name, "briefing") {
			runs = append(runs, run{name + "-reading", docs[name], []Option{OmitSections("data", "sources")}})
		}
	}
	for _, rn := range runs {
		name, doc := rn.name, rn.doc
		t.Run(name, func(t *testing.T) {
			r := testRenderer(t, rn.opts...)
			dl, err := r.Layout(context.Background(), doc)
			if err != nil {
				t.Fatal(err)
			}
			checkDisplayList(t, dl, strings.HasPrefix(name, "sample"))
			if rn.opts == nil {
				checkCoverage(t, doc, dl)
			}
			var buf bytes.Buffer
			if err := r.Render(context.Background(), &buf, doc); err != nil {
				t.Fatal(err)
			}
			if dir := os.Getenv("STATBRIEF_PDF_OUT"); dir != "" {
				os.WriteFile(filepath.Join(dir, name+".pdf"), buf.Bytes(), 0o644)
			}
			if buf.Len() > 150<<10 {
				// the budget is for the briefing for reading (see
				// BenchmarkRender); every section makes a longer file
				t.Logf("%d pages, %d KB (budget for the briefing for reading: 150 KB)", dl.Pages, buf.Len()>>10)
			}
			qpdfCheck(t, buf.Bytes())
			pdffontsCheck(t, buf.Bytes())
			rasterCheck(t, buf.Bytes())
			roundTrip(t, buf.Bytes(), dl)
		})
	}
}

// TestBriefingGlyphs checks that the default font set has every character
// of the default briefing in both languages: every text of the document
// (docTexts) is checked rune by rune, and the layout, which fails on a
// character no font has, succeeds. When it fails, rebuild the embedded
// font (export/pdf/font/embedded/build/build.sh).
func TestBriefingGlyphs(t *testing.T) {
	r := testRenderer(t)
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		doc := testDoc(t, lang)
		n := 0
		for _, s := range docTexts(doc) {
			for _, c := range s {
				n++
				if a := r.sh.bmp[0][c&0xFFFF]; c > 0xFFFF || a.face < 0 {
					t.Errorf("%s: no font has %U %q (in %.60q)", lang, c, c, s)
				}
			}
		}
		if n < 1000 {
			t.Errorf("%s: only %d characters checked", lang, n)
		}
		if _, err := r.Layout(context.Background(), doc); err != nil {
			t.Errorf("%s: %v", lang, err)
		}
	}
}
