package pdf

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/statbrief/statbrief/export/pdf/font"
	"github.com/statbrief/statbrief/report"
)

// nastyDoc has characters no font has, characters above U+FFFF and
// strings cut inside a UTF-8 sequence.
func nastyDoc() *report.Document {
	doc := sampleDoc(report.Chinese)
	cut := "增长"[:4] // cut inside 长
	doc.Sections = append(doc.Sections, report.Section{ID: "checks", Title: "核对😀", Blocks: []report.Block{
		report.Paragraph{Text: "表情😀与𠀋字和截断" + cut + "以及\x00控制符"},
		report.Table{ID: "t", Columns: []report.Column{{Header: "列\xff"}}, Rows: []report.Row{{Cells: []report.Cell{{Kind: report.TextCell, Text: "𝄞"}}}}},
		report.Paragraph{Text: "引文", Cites: []int{999}},
	}})
	// a footnote quoting a phrase with a character no font has
	doc.Sources = append(doc.Sources, report.Citation{N: 999, Doc: "999_x.txt", Phrase: "增长☃\U0001F9EA"})
	return doc
}

// TestMissingGlyphs: every character that cannot be set is reported,
// also when the renderer has laid the document out before (its caches of
// lines and measures keep no text that needed a substitute).
func TestMissingGlyphs(t *testing.T) {
	r := testRenderer(t)
	first := ""
	for range 2 {
		var buf bytes.Buffer
		err := r.Render(context.Background(), &buf, nastyDoc())
		if first == "" && err != nil {
			first = err.Error()
		} else if err == nil || err.Error() != first {
			t.Fatalf("again: %v, first %s", err, first)
		}
	}
	var buf bytes.Buffer
	err := r.Render(context.Background(), &buf, nastyDoc())
	var me *MissingGlyphError
	if !errors.As(err, &me) {
		t.Fatalf("got %v, want a *MissingGlyphError", err)
	}
	if !errors.Is(err, font.ErrMissingGlyph) {
		t.Errorf("errors.Is(%v, font.ErrMissingGlyph) = false", err)
	}
	runes := map[rune]bool{}
	for _, g := range me.Glyphs {
		runes[g.Rune] = true
		if !strings.Contains(g.Where, "checks") {
			t.Errorf("%U: where %q does not name the section", g.Rune, g.Where)
		}
	}
	for _, r := range []rune{'😀', '𠀋', '𝄞', '\uFFFD', '\U0001F9EA'} {
		if !runes[r] {
			t.Errorf("%U not reported in %v", r, err)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes on error", buf.Len())
	}
}

func TestSubstituteMissing(t *testing.T) {
	r := testRenderer(t, SubstituteMissing(true))
	doc := nastyDoc()
	dl, err := r.Layout(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(dl.Substituted) < 4 {
		t.Errorf("substituted %v", dl.Substituted)
	}
	checkDisplayList(t, dl, true)
	var buf bytes.Buffer
	if err := r.Render(context.Background(), &buf, doc); err != nil {
		t.Fatal(err)
	}
	qpdfCheck(t, buf.Bytes())
}

func TestCancelled(t *testing.T) {
	r := testRenderer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	if err := r.Render(ctx, &buf, sampleDoc(report.Chinese)); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	if err := r.Render(context.Background(), &buf, nil); err == nil {
		t.Error("nil document: no error")
	}
}
