package pdf

import (
	"bytes"
	"context"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/statbrief/statbrief/report"
)

func TestMetadataAndOutline(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		doc := testDoc(t, lang)
		r := testRenderer(t)
		dl, err := r.Layout(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		// a bookmark for every section, in order
		var got []string
		for _, b := range dl.Bookmarks {
			if b.Level == 0 {
				got = append(got, b.Title)
			}
		}
		var want []string
		for _, s := range doc.Sections {
			want = append(want, s.Title)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: section bookmarks %q, want %q", lang, got, want)
		}
		var buf bytes.Buffer
		if err := r.Render(context.Background(), &buf, doc); err != nil {
			t.Fatal(err)
		}
		qpdfCheck(t, buf.Bytes())
		info := needTool(t, "pdfinfo")
		p := writeTemp(t, "info.pdf", buf.Bytes())
		out, err := exec.Command(info, "-isodates", p).Output()
		if err != nil {
			t.Fatal(err)
		}
		// the subject says what the title does not: the region, the
		// period and what the briefing holds
		subject := regexp.MustCompile(`(?m)^Subject:\s*(.*)$`).FindSubmatch(out)
		if subject == nil || string(subject[1]) == doc.Title || !strings.Contains(string(subject[1]), doc.Meta.RegionName) ||
			!strings.Contains(string(subject[1]), doc.Sections[0].Title) {
			t.Errorf("%s: Subject %q: the title again, or without the region and the sections", lang, subject)
		}
		for _, w := range []string{"Title:           " + doc.Title, "Author:          " + doc.Meta.Author,
			"Keywords:        " + strings.Join(doc.Meta.Keywords, ", "),
			"Creator:         statbrief", "CreationDate:    " + doc.Meta.Created.Format("2006-01-02T15:04:05Z"),
			"Metadata Stream: yes"} {
			if !strings.Contains(string(out), w) {
				t.Errorf("%s: pdfinfo lacks %q:\n%s", lang, w, out)
			}
		}
		wantLang := map[report.Lang]string{report.Chinese: "zh-CN", report.English: "en"}[lang]
		if !regexp.MustCompile(`/Lang\s*\(` + wantLang + `\)[^>]*/Type\s*/Catalog|/Type\s*/Catalog[^>]*/Lang\s*\(` + wantLang + `\)`).Match(expanded(t, buf.Bytes())) {
			t.Errorf("%s: no /Lang (%s) in the catalog", lang, wantLang)
		}
		// an option overrides the date
		r2, err := newRenderer(r.sh, []Option{CreationDate(time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)), SubstituteMissing(r.cfg.substitute)})
		if err != nil {
			t.Fatal(err)
		}
		buf.Reset()
		if err := r2.Render(context.Background(), &buf, doc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(expanded(t, buf.Bytes()), []byte("D:20240506070809")) {
			t.Errorf("%s: CreationDate option not written", lang)
		}
	}
}
