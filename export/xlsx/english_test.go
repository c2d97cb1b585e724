package xlsx_test

import (
	"context"
	"encoding/xml"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
)

// hanExceptions are the Chinese texts an English workbook may hold
// besides the phrases it quotes: proper names that have no English name.
// None is needed today; add one here, with the reason, rather than loosen
// the test.
var hanExceptions = []string{}

// hanIn returns the first run of Han characters in s once the allowed
// texts (removed by strip) and the exceptions are taken out, or "".
func hanIn(s string, strip *strings.Replacer) string {
	if strip != nil {
		s = strip.Replace(s)
	}
	for _, e := range hanExceptions {
		s = strings.ReplaceAll(s, e, "")
	}
	start := -1
	for i, r := range s {
		switch {
		case unicode.Is(unicode.Han, r) && start < 0:
			start = i
		case !unicode.Is(unicode.Han, r) && start >= 0:
			return s[start:i]
		}
	}
	if start >= 0 {
		return s[start:]
	}
	return ""
}

// phraseStripper removes every source phrase of the default dataset from
// a text (the longest first), as written in a cell and as escaped in XML.
func phraseStripper(t *testing.T) *strings.Replacer {
	t.Helper()
	ds, err := seeds.Load()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, o := range ds.Observations() {
		seen[o.Source.Phrase] = true
	}
	for _, tg := range ds.Targets() {
		seen[tg.Source.Phrase] = true
	}
	for p := range seen {
		var b strings.Builder
		xml.EscapeText(&b, []byte(p))
		seen[b.String()] = true
	}
	delete(seen, "")
	longest := slices.SortedFunc(maps.Keys(seen), func(a, b string) int { return len(b) - len(a) })
	var pairs []string
	for _, p := range longest {
		pairs = append(pairs, p, "")
	}
	return strings.NewReplacer(pairs...)
}

// xmlText is the character data of an XML part, tags left out.
var xmlTag = regexp.MustCompile(`<[^>]*>`)

// chineseIn lists where a workbook shows Chinese to a reader: its cells,
// comments, sheet names, chart titles, labels and caches, headers and
// footers, defined names, document properties, and as a catch-all the
// text of every other part but the theme (whose font table names the
// fonts of every script, 等线 and 新細明體 among them, and is never shown).
func chineseIn(t *testing.T, b []byte, strip *strings.Replacer) []string {
	t.Helper()
	f := open(t, b)
	var found []string
	see := func(where, s string) {
		if h := hanIn(s, strip); h != "" {
			found = append(found, where+": "+h+" in "+shortened(s))
		}
	}
	for _, c := range cells(t, f) {
		see(c.sheet+"!"+c.ref, c.raw)
	}
	for _, sh := range f.GetSheetList() {
		see("sheet name", sh)
		cm, err := f.GetComments(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cm {
			txt := c.Text
			for _, p := range c.Paragraph {
				txt += p.Text
			}
			see(sh+"!"+c.Cell+" comment", txt)
		}
		hf, err := f.GetHeaderFooter(sh)
		if err != nil {
			t.Fatal(err)
		}
		see(sh+" header", hf.OddHeader+hf.OddFooter+hf.EvenHeader+hf.EvenFooter+hf.FirstHeader+hf.FirstFooter)
	}
	for _, n := range f.GetDefinedName() {
		see("defined name "+n.Name, n.Name+" "+n.RefersTo+" "+n.Scope)
	}
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	see("properties", strings.Join([]string{p.Title, p.Subject, p.Creator, p.Keywords, p.Description,
		p.LastModifiedBy, p.Category, p.ContentStatus, p.Identifier, p.Language, p.Revision, p.Version}, " "))
	ap, err := f.GetAppProps()
	if err != nil {
		t.Fatal(err)
	}
	see("app properties", ap.Application+" "+ap.Company)
	for name, part := range parts(t, b) {
		if strings.HasPrefix(name, "xl/theme/") {
			continue
		}
		where := name
		if strings.HasPrefix(name, "xl/charts/") {
			where = "chart " + name // titles, axis and series names, caches
		}
		see(where, xmlTag.ReplaceAllString(part, " "))
	}
	return found
}

func shortened(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// TestEnglishHasNoChinese: English workbooks (Dalian, the High-tech
// Zone, Zhuanghe) show Chinese only in the source phrases they quote —
// provenance comments, the data sheet, the source list — and none at all
// when the document omits the phrases (Spec.OmitPhrases). The Chinese
// workbooks, which must show Chinese in each kind of place, check that the
// test sees it.
func TestEnglishHasNoChinese(t *testing.T) {
	strip := phraseStripper(t)
	ds, err := seeds.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, region := range []string{"dalian", "gaoxin", "zhuanghe"} {
		bare, err := report.Build(context.Background(), ds, report.Spec{Region: region, Year: 2020, Lang: report.English, OmitPhrases: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range chineseIn(t, render(t, bare), nil) {
			t.Errorf("%s en, phrases omitted: %s", region, w)
		}
		b := render(t, regionDoc(t, region, report.English))
		for _, w := range chineseIn(t, b, strip) {
			t.Errorf("%s en: %s (not in a quoted phrase)", region, w)
		}
		if found := chineseIn(t, b, nil); len(found) == 0 {
			t.Errorf("%s en: no phrase quoted", region)
		}
		b = render(t, regionDoc(t, region, report.Chinese))
		found := chineseIn(t, b, nil)
		// the Chinese workbook: seen in every kind of place it has
		places := []string{"sheet name", "!", "comment", "header", "properties"}
		for name := range parts(t, b) {
			if strings.HasPrefix(name, "xl/charts/") {
				places = append(places, "chart ")
				break
			}
		}
		for _, where := range places {
			seen := false
			for _, w := range found {
				seen = seen || strings.Contains(w, where)
			}
			if !seen {
				t.Errorf("%s zh: no Chinese seen in a %q", region, where)
			}
		}
	}
}

var commentNumber = regexp.MustCompile(`^(?:Source \[|来源\[)(\d+)\](?:: |：)`)

// TestCommentsCite: a provenance comment is the citation as the document
// words it (report.Citation.Text), after its number: in English the
// source document's title, file and byte offset, never an empty quote;
// the phrase too, unless an English document omits it (Spec.OmitPhrases).
func TestCommentsCite(t *testing.T) {
	ds, err := seeds.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang   report.Lang
		quotes bool
	}{{report.English, true}, {report.Chinese, true}, {report.English, false}} {
		doc, err := report.Build(context.Background(), ds, report.Spec{Region: "dalian", Year: 2020, Lang: tc.lang, OmitPhrases: !tc.quotes})
		if err != nil {
			t.Fatal(err)
		}
		f := open(t, render(t, doc))
		n := 0
		for _, sh := range f.GetSheetList() {
			cm, err := f.GetComments(sh)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cm {
				n++
				txt := c.Text
				for _, p := range c.Paragraph {
					txt += p.Text
				}
				m := commentNumber.FindStringSubmatch(txt)
				if m == nil {
					t.Errorf("%s %s!%s: comment %q has no source number", tc.lang, sh, c.Cell, txt)
					continue
				}
				k, _ := strconv.Atoi(m[1])
				if k < 1 || k > len(doc.Sources) || doc.Sources[k-1].N != k {
					t.Fatalf("%s: comment cites [%d] of %d", tc.lang, k, len(doc.Sources))
				}
				cite := doc.Sources[k-1]
				if want := m[0] + cite.Text(tc.lang); txt != want {
					t.Errorf("%s %s!%s: comment %q, want %q", tc.lang, sh, c.Cell, txt, want)
				}
				if strings.Contains(txt, "“”") || strings.Contains(txt, `""`) || !strings.Contains(txt, cite.Doc) {
					t.Errorf("%s %s!%s: comment %q", tc.lang, sh, c.Cell, txt)
				}
				if quoted := tc.lang == report.Chinese || tc.quotes; quoted != strings.Contains(txt, "“"+cite.Phrase+"”") || quoted == (cite.Phrase == "") {
					t.Errorf("%s quotes=%v %s!%s: comment %q", tc.lang, tc.quotes, sh, c.Cell, txt)
				}
			}
		}
		if n < 20 {
			t.Errorf("%s: %d comments", tc.lang, n)
		}
	}
}
