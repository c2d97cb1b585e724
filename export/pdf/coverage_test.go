package pdf

import (
	"strings"
	"testing"

	"github.com/statbrief/statbrief/export/text"
	"github.com/statbrief/statbrief/report"
)

// docTexts lists every text of a document a reader must find in the PDF:
// title, section titles, headings, paragraphs, notes, card labels and
// figures, table headers, cells and notes, chart titles, categories,
// series names, values and notes.
func docTexts(doc *report.Document) []string {
	lang := doc.Meta.Lang
	out := []string{doc.Title}
	if doc.Subtitle != "" {
		out = append(out, doc.Subtitle)
	}
	for _, s := range doc.Sections {
		out = append(out, s.Title)
		for _, b := range s.Blocks {
			switch b := b.(type) {
			case report.Heading:
				out = append(out, b.Text)
			case report.Paragraph:
				out = append(out, b.Text)
			case report.Note:
				out = append(out, b.Text)
			case report.Cards:
				for _, c := range b.Items {
					out = append(out, c.Label, c.Value.Text(lang))
				}
			case report.Table:
				for _, c := range b.Columns {
					out = append(out, c.Header)
				}
				for i := range b.Len() {
					for _, c := range b.Row(i).Cells {
						out = append(out, text.CellText(c, lang))
					}
				}
				out = append(out, b.Notes...)
			case report.Chart:
				out = append(out, b.Title)
				out = append(out, b.Categories...)
				for _, s := range b.Series {
					out = append(out, s.Name)
					for _, v := range s.Values {
						if v.Valid {
							out = append(out, v.Text(lang))
						}
					}
				}
				if b.Reference.Valid {
					out = append(out, b.Reference.Text(lang))
				}
				out = append(out, b.Notes...)
			}
		}
	}
	return out
}

// checkCoverage checks that every text of the document is a text item of
// the display list (or, for figures and series names set inside a longer
// label, part of one), so that the round trip checks all of them.
func checkCoverage(t *testing.T, doc *report.Document, dl *DisplayList) {
	t.Helper()
	items := map[string]bool{}
	for _, it := range dl.items {
		items[it.Text] = true
	}
	all := ""
	for _, it := range dl.items {
		all += it.Text + "\x00"
	}
	// characters no font has are substituted (with SubstituteMissing)
	has := func(r rune) bool {
		for _, f := range dl.faces {
			if f.has(r) {
				return true
			}
		}
		return false
	}
	for _, s := range docTexts(doc) {
		if len(dl.Substituted) > 0 {
			s = strings.Map(func(r rune) rune {
				if r > ' ' && !has(r) {
					return Replacement
				}
				return r
			}, s)
		}
		if s == "" || items[s] {
			continue
		}
		if !strings.Contains(all, s) {
			t.Errorf("document text %q is not laid out", s)
		}
	}
}
