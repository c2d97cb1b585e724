package pdf

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/statbrief/statbrief/report"
)

// FuzzLayout sets random text as a paragraph, a note, a heading, a card, a
// table cell and a chart label: layout never panics, never loses,
// duplicates or reorders a character, and keeps every box inside the
// margins; painting never panics.
func FuzzLayout(f *testing.F) {
	for _, s := range []string{"", "2020年，地区生产总值增长0.9%。", "（“六稳”）", "a\x00b\xff😀𠀋",
		"Urban employment rose by 111,100 people", "——……，。、", "\u3000 \t\n", "数字123456789012345678901234567890"} {
		f.Add(s, uint8(0))
	}
	r := testRenderer(f, SubstituteMissing(true))
	f.Fuzz(func(t *testing.T, s string, n uint8) {
		if len(s) > 2000 {
			return
		}
		lang := report.Chinese
		if n%2 == 1 {
			lang = report.English
		}
		doc := &report.Document{Title: s, Meta: report.Meta{Lang: lang}, Sections: []report.Section{{ID: "x", Title: s, Blocks: []report.Block{
			report.Heading{Level: 2, Text: s},
			report.Paragraph{Text: s, Cites: []int{1}},
			report.Note{Text: s},
			report.Cards{Items: []report.Card{{Label: s}}},
			report.Table{Title: s, Columns: []report.Column{{Header: s}, {Header: "x"}}, Rows: []report.Row{{Cells: []report.Cell{{Kind: report.TextCell, Text: s}}}}},
			report.Chart{Title: s, Type: report.BarChart, Categories: []string{s}, Series: []report.Series{{Name: s, Values: []report.Figure{fig("1.5%", false)}}}},
		}}}, Sources: []report.Citation{{N: 1, Doc: s, Phrase: s}}}
		dl, err := r.Layout(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		checkDisplayList(t, dl, false)
		var buf bytes.Buffer
		err = r.Render(context.Background(), &buf, doc)
		var me *MissingGlyphError
		if err != nil && !errors.As(err, &me) {
			t.Fatal(err)
		}
	})
}
