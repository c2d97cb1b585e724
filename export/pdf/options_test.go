package pdf

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/statbrief/statbrief/report"
)

func TestOptions(t *testing.T) {
	sh := testShaper(t)
	for _, bad := range []Option{PageSize(10, 10), PageMargins(Margins{Top: 5, Right: 40, Bottom: 40, Left: 40}), CreationDate(time.Time{})} {
		if _, err := newRenderer(sh, []Option{bad}); err == nil {
			t.Error("bad option accepted")
		}
	}
	if _, err := newRenderer(&shaper{}, nil); err == nil {
		t.Error("empty font set accepted")
	}
	// a small page with wide margins still keeps every box inside them
	r, err := newRenderer(sh, []Option{PageSize(420, 595), PageMargins(Margins{Top: 60, Right: 50, Bottom: 60, Left: 50}), Justify(false)})
	if err != nil {
		t.Fatal(err)
	}
	dl, err := r.Layout(context.Background(), sampleDoc(report.Chinese))
	if err != nil {
		t.Fatal(err)
	}
	checkDisplayList(t, dl, true)
	for _, b := range dl.Boxes {
		if b.Spacing != 0 {
			t.Fatalf("Justify(false): box %q spaced", b.Text)
		}
	}
}

func TestOmitSections(t *testing.T) {
	doc := sampleDoc(report.Chinese)
	full, err := testRenderer(t).Layout(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	omit := doc.Sections[len(doc.Sections)-1].ID
	r := testRenderer(t, OmitSections(omit))
	dl, err := r.Layout(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range dl.Blocks {
		if b.Section == omit {
			t.Fatalf("section %q laid out", omit)
		}
	}
	if len(dl.Bookmarks) >= len(full.Bookmarks) || dl.Pages > full.Pages {
		t.Errorf("bookmarks %d of %d, pages %d of %d", len(dl.Bookmarks), len(full.Bookmarks), dl.Pages, full.Pages)
	}
	checkDisplayList(t, dl, false)
	if _, err := New(fonts(t), OmitSections("")); err == nil {
		t.Error("empty section ID accepted")
	}
}

// TestOmitUnknownSection: a section ID that is no section of a briefing
// is an *UnknownSectionError naming it, not silently ignored.
func TestOmitUnknownSection(t *testing.T) {
	for _, ids := range [][]string{{"nosuch"}, {report.SectionData, "nosuch"}, {"Data"}} {
		_, err := New(fonts(t), OmitSections(ids...))
		var ue *UnknownSectionError
		if !errors.As(err, &ue) {
			t.Errorf("OmitSections(%q): error %v, want an *UnknownSectionError", ids, err)
			continue
		}
		if bad := ids[len(ids)-1]; ue.ID != bad || !strings.Contains(err.Error(), `"`+bad+`"`) {
			t.Errorf("OmitSections(%q): error %q (ID %q), want it to name %q", ids, err, ue.ID, bad)
		}
	}
	if _, err := New(fonts(t), OmitSections(report.AllSections()...)); err != nil {
		t.Errorf("every known section: %v", err)
	}
}
