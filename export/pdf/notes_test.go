package pdf

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/statbrief/statbrief/report"
)

var (
	markNumber = regexp.MustCompile(`(\d+)(?:–(\d+))?`)
	noteStart  = regexp.MustCompile(`^\[(\d+)\] `)
)

// citedMarks returns every citation number a mark of the display list
// cites (a range "68–113" cites each number in it), with the first page
// it is cited on.
func citedMarks(dl *DisplayList) map[int]int {
	marks := map[int]int{}
	for _, b := range dl.Boxes {
		if b.Kind != TextBox || b.Role != RoleCite {
			continue
		}
		for _, m := range markNumber.FindAllStringSubmatch(b.Text, -1) {
			lo, _ := strconv.Atoi(m[1])
			hi := lo
			if m[2] != "" {
				hi, _ = strconv.Atoi(m[2])
			}
			for n := lo; n <= hi; n++ {
				if p, ok := marks[n]; !ok || b.Page < p {
					marks[n] = b.Page
				}
			}
		}
	}
	return marks
}

// printedNotes returns the pages each note of the display list is printed
// on (where its first line, "[n] …", stands).
func printedNotes(dl *DisplayList) map[int][]int {
	notes := map[int][]int{}
	seen := map[int]bool{} // items whose first box has been looked at
	for _, b := range dl.Boxes {
		if b.Kind != TextBox || b.Role != RoleFootnote || b.item < 0 || seen[b.item] {
			continue
		}
		seen[b.item] = true
		if m := noteStart.FindStringSubmatch(dl.items[b.item].Text); m != nil {
			n, _ := strconv.Atoi(m[1])
			notes[n] = append(notes[n], b.Page)
		}
	}
	return notes
}

// checkNotes checks the footnote rules on a display list: every number a
// mark cites has its note printed, exactly once, on the page of its first
// mark or after it; no note is printed that no mark cites.
func checkNotes(t *testing.T, dl *DisplayList) {
	t.Helper()
	marks, notes := citedMarks(dl), printedNotes(dl)
	var lost, twice, early, stray []int
	for n, p := range marks {
		switch pages := notes[n]; {
		case len(pages) == 0:
			lost = append(lost, n)
		case len(pages) > 1:
			twice = append(twice, n)
		case pages[0] < p:
			early = append(early, n)
		}
	}
	for n := range notes {
		if _, ok := marks[n]; !ok {
			stray = append(stray, n)
		}
	}
	for _, c := range []struct {
		what string
		ns   []int
	}{{"cited but never printed", lost}, {"printed more than once", twice},
		{"printed before the page that first cites them", early}, {"printed but never cited", stray}} {
		if len(c.ns) > 0 {
			slices.Sort(c.ns)
			t.Errorf("%d notes %s: %v", len(c.ns), c.what, c.ns)
		}
	}
	if len(marks) == 0 {
		t.Error("no citation marks")
	}
}

// TestEveryMarkHasItsNote: in the default briefings, in Chinese and
// English, as examples/briefing writes them (without the data listing and
// the list of sources, internal/formats.PDFOmits) and with every section,
// and those of 2019 (whose English version once left 26 notes out),
// every citation number a mark shows (after a paragraph, on a card, after
// a figure in a table) has its note printed, once.
func TestEveryMarkHasItsNote(t *testing.T) {
	for _, year := range []int{2020, 2019} {
		for _, lang := range []report.Lang{report.Chinese, report.English} {
			everyMarkHasItsNote(t, year, lang)
		}
	}
}

// everyMarkHasItsNote checks the notes of Dalian's briefing for year in
// lang, as the examples write it and with every section.
func everyMarkHasItsNote(t *testing.T, year int, lang report.Lang) {
	doc := buildDoc(t, "dalian", year, lang)
	for name, opts := range map[string][]Option{
		"reading": {OmitSections(report.SectionData, report.SectionSources)},
		"all":     nil,
	} {
		t.Run(fmt.Sprintf("%d-%s-%s", year, lang, name), func(t *testing.T) {
			dl, err := testRenderer(t, opts...).Layout(context.Background(), doc)
			if err != nil {
				t.Fatal(err)
			}
			checkNotes(t, dl)
		})
	}
}

// TestIbid: a note that says 同上 (Ibid.) follows, on its page, a note
// citing the same document; every other note names its document.
func TestIbid(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		doc := testDoc(t, lang)
		docOf := map[int]string{}
		for _, c := range doc.Sources {
			docOf[c.N] = c.Doc
		}
		dl, err := testRenderer(t, OmitSections(report.SectionData, report.SectionSources)).Layout(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		prev := map[int]int{} // page → the last note seen on it
		seen := map[int]bool{}
		ibids, last := 0, 0
		for _, b := range dl.Boxes {
			if b.Kind != TextBox || b.Role != RoleFootnote || b.item < 0 || seen[b.item] {
				continue
			}
			seen[b.item] = true
			text := dl.items[b.item].Text
			m := noteStart.FindStringSubmatch(text)
			if m == nil {
				prev[b.Page] = last // the rest of a note begun on the page before
				continue
			}
			n, _ := strconv.Atoi(m[1])
			rest := text[len(m[0]):]
			if strings.HasPrefix(rest, "同上") || strings.HasPrefix(rest, "Ibid.") {
				ibids++
				if p, ok := prev[b.Page]; !ok || docOf[p] != docOf[n] {
					t.Errorf("%s: page %d: note %d says ibid. after note %d (%s, %s)", lang, b.Page, n, p, docOf[p], docOf[n])
				}
			} else if p, ok := prev[b.Page]; ok && docOf[p] == docOf[n] {
				t.Errorf("%s: page %d: note %d names again the document of note %d above it", lang, b.Page, n, p)
			}
			prev[b.Page], last = n, n
		}
		if ibids < 10 {
			t.Errorf("%s: only %d notes say ibid.", lang, ibids)
		}
	}
}
