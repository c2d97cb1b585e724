package pdf

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
)

// readingLayout lays out doc as examples/briefing writes it: without the
// data listing and the list of sources.
func readingLayout(t *testing.T, doc *report.Document) *DisplayList {
	t.Helper()
	dl, err := testRenderer(t, OmitSections(report.SectionData, report.SectionSources)).Layout(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	return dl
}

// buildDoc builds a briefing of the seed dataset.
func buildDoc(t *testing.T, region string, year int, lang report.Lang) *report.Document {
	t.Helper()
	ds, err := seeds.Load()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := report.Build(context.Background(), ds, report.Spec{Region: region, Year: year, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestCellCitesShown: every cited figure of a table shows its citation
// mark, a small number, in the table.
func TestCellCitesShown(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		doc := testDoc(t, lang)
		want := map[string]int{} // mark text → cells citing it
		cells := 0
		for _, s := range doc.Sections {
			if s.ID == report.SectionData || s.ID == report.SectionSources {
				continue
			}
			for _, b := range s.Blocks {
				if tb, ok := b.(report.Table); ok {
					for i := range tb.Len() {
						for _, c := range tb.Row(i).Cells {
							if c.Cite > 0 {
								want[strconv.Itoa(c.Cite)]++
								cells++
							}
						}
					}
				}
			}
		}
		if cells < 100 {
			t.Fatalf("%s: only %d cited cells in the briefing's tables", lang, cells)
		}
		dl := readingLayout(t, doc)
		got := map[string]int{}
		for _, b := range dl.Boxes {
			if b.Kind == TextBox && b.Role == RoleCite && b.Block >= 0 && dl.Blocks[b.Block].Kind == "table" {
				got[b.Text]++
				if b.Size >= 7 {
					t.Errorf("%s: mark %q set at %g pt, not small", lang, b.Text, b.Size)
				}
			}
		}
		for m, n := range want {
			if got[m] != n {
				t.Errorf("%s: mark %s shown %d times in tables, %d cells cite it", lang, m, got[m], n)
			}
		}
	}
}

// A line break inside a number: a line ending in a digit, a digit and a
// point, or a sign, and the next starting with a digit, a point, a
// percent sign or an asterisk.
var (
	lineEndsInNumber = regexp.MustCompile(`(?:\d|\d[.,]|(?:^|\s)[+\-−])$`)
	lineStartsNumber = regexp.MustCompile(`^[\d.,%％*]`)
)

// TestNumbersKeptWhole: no paragraph, cell or label of the default
// briefings has a line break inside a number (the English YoY cell "no
// more than -83.3%*" once read "no more / than -83. / 3%*").
func TestNumbersKeptWhole(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		dl := readingLayout(t, testDoc(t, lang))
		type key struct {
			item, page int
			base       float64 // a card's unit is smaller than its number, on its baseline
		}
		lines := map[int][]string{}
		last := map[int]key{}
		for _, b := range dl.Boxes {
			if b.Kind != TextBox || b.item < 0 || b.Role == RoleFootnote {
				continue
			}
			k := key{b.item, b.Page, b.Baseline}
			if l, ok := last[b.item]; !ok || l != k {
				lines[b.item] = append(lines[b.item], "")
				last[b.item] = k
			}
			ls := lines[b.item]
			ls[len(ls)-1] += b.Text
		}
		for item, ls := range lines {
			for i := 1; i < len(ls); i++ {
				a, b := ls[i-1], ls[i]
				if strings.HasSuffix(a, " ") {
					continue // a break at a space
				}
				if lineEndsInNumber.MatchString(a) && lineStartsNumber.MatchString(b) {
					t.Errorf("%s: %q split inside a number: %q / %q", lang, dl.items[item].Text, a, b)
				}
			}
		}
	}
}

// TestGroupLabelRepeated: a table whose first column names a group on the
// group's first row only repeats the label on a page it continues on.
func TestGroupLabelRepeated(t *testing.T) {
	tb := report.Table{ID: "figures", Title: "其他数据", Columns: []report.Column{
		{Key: "cat", Header: "类别", Kind: report.TextCell}, {Key: "ind", Header: "指标", Kind: report.TextCell},
		{Key: "v", Header: "数值", Kind: report.FigureCell}}}
	for g := range 3 {
		for i := range 40 {
			cat := ""
			if i == 0 {
				cat = fmt.Sprintf("类别%d", g+1)
			}
			tb.Rows = append(tb.Rows, report.Row{Cells: []report.Cell{{Kind: report.TextCell, Text: cat},
				{Kind: report.TextCell, Text: fmt.Sprintf("指标%d-%d", g+1, i+1)}, {Kind: report.FigureCell, Figure: fig("12.5万人", false)}}})
		}
	}
	doc := &report.Document{Title: "分组", Meta: report.Meta{Lang: report.Chinese},
		Sections: []report.Section{{ID: "figures", Title: "其他数据", Blocks: []report.Block{tb}}}}
	dl, err := testRenderer(t).Layout(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	checkDisplayList(t, dl, false)
	conts := 0
	for i, blk := range dl.Blocks {
		if blk.Kind != "table" || !blk.Continued {
			continue
		}
		conts++
		// the first body row: its first cell
		top, first := 1e9, ""
		for _, b := range dl.Boxes {
			if b.Block == i && b.Kind == TextBox && b.Role == RoleCell && b.Y < top-0.01 {
				top = b.Y
			}
		}
		for _, b := range dl.Boxes {
			if b.Block == i && b.Kind == TextBox && b.Role == RoleCell && b.Y == top && b.X < dl.Content.X+cellPadX+1 {
				first += b.Text
			}
		}
		if !strings.HasPrefix(first, "类别") {
			t.Errorf("page %d: the table continues with first cell %q, not its group's label", blk.Page, first)
		}
	}
	if conts == 0 {
		t.Fatal("the table does not continue on another page")
	}
}

// TestNoHoles: no page of the default briefings, but the last, ends more
// than 200 points above its footnotes (or the bottom of its content
// area): paragraphs do not stop early waiting for room for their notes,
// charts do not move whole to the next page.
func TestNoHoles(t *testing.T) {
	docs := map[string]*report.Document{
		"zh-2020": testDoc(t, report.Chinese), "en-2020": testDoc(t, report.English),
		"zh-2019": buildDoc(t, "dalian", 2019, report.Chinese), "en-2019": buildDoc(t, "dalian", 2019, report.English),
	}
	for name, doc := range docs {
		dl := readingLayout(t, doc)
		bottom := make([]float64, dl.Pages+1) // lowest content
		foot := make([]float64, dl.Pages+1)   // top of the footnotes
		for p := range foot {
			foot[p] = dl.Content.Y + dl.Content.H
		}
		for _, b := range dl.Boxes {
			if b.Block < 0 {
				continue
			}
			r := boxRect(b)
			if dl.Blocks[b.Block].Kind == "footnotes" {
				foot[b.Page] = min(foot[b.Page], r.Y-5)
			} else {
				bottom[b.Page] = max(bottom[b.Page], r.Y+r.H)
			}
		}
		for p := 1; p < dl.Pages; p++ {
			if bottom[p] == 0 {
				continue // a page of notes only
			}
			if gap := foot[p] - bottom[p]; gap > 200 {
				t.Errorf("%s: page %d: %.0f pt blank above its foot", name, p, gap)
			}
		}
	}
}

// TestChartContinues: a bar chart too long for a page continues on the
// next pages, each part under the chart's title (continued), legend and
// with its own axis; every box stays inside the margins.
func TestChartContinues(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		c := report.Chart{ID: "yoy", Title: "主要指标同比增速（%）", Type: report.BarChart, Unit: "%"}
		bars := report.Series{Name: "大连"}
		nation := report.Series{Name: "全国", Marker: true}
		for i := range 90 {
			c.Categories = append(c.Categories, fmt.Sprintf("指标%d", i+1))
			bars.Values = append(bars.Values, fig(fmt.Sprintf("%d.5%%", i%17-5), true))
			nation.Values = append(nation.Values, fig(fmt.Sprintf("%d.1%%", i%11-3), true))
		}
		c.Series = []report.Series{bars, nation}
		doc := &report.Document{Title: "图", Meta: report.Meta{Lang: lang},
			Sections: []report.Section{{ID: "x", Title: "图表", Blocks: []report.Block{report.Paragraph{Text: "说明。"}, c}}}}
		dl, err := testRenderer(t).Layout(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		checkDisplayList(t, dl, false)
		cont := map[bool]string{true: "（续）", false: " (continued)"}[lang == report.Chinese]
		parts := 0
		for i, blk := range dl.Blocks {
			if blk.Kind != "chart" {
				continue
			}
			parts++
			var title, legend, cats, ticks int
			for _, b := range dl.Boxes {
				if b.Block != i || b.Kind != TextBox {
					continue
				}
				switch {
				case b.Text == c.Title+cont && blk.Continued, b.Text == c.Title && !blk.Continued:
					title++
				case b.Text == "全国":
					legend++
				case strings.HasPrefix(b.Text, "指标"):
					cats++
				case b.Text == "0":
					ticks++
				}
			}
			if title != 1 || legend != 1 || cats < 3 || ticks != 1 {
				t.Errorf("%s: chart part on page %d: %d titles, %d legends, %d bands, %d axes", lang, blk.Page, title, legend, cats, ticks)
			}
		}
		if parts < 3 {
			t.Errorf("%s: the chart of 90 bands is in %d parts", lang, parts)
		}
	}
}

// TestNoRunningHeadOnFirstPage: page 1 begins with the title block; later
// pages have the title and their section in the header.
func TestNoRunningHeadOnFirstPage(t *testing.T) {
	doc := testDoc(t, report.Chinese)
	dl := readingLayout(t, doc)
	heads := map[int][]string{}
	for _, b := range dl.Boxes {
		if b.Kind == TextBox && b.Role == RoleFurniture && b.Y < dl.Content.Y {
			heads[b.Page] = append(heads[b.Page], b.Text)
		}
	}
	if len(heads[1]) > 0 {
		t.Errorf("page 1 has a running header %q above the title block", heads[1])
	}
	for p := 2; p <= dl.Pages; p++ {
		if len(heads[p]) != 2 || heads[p][0] != doc.Title {
			t.Errorf("page %d: header %q, want the title and the section", p, heads[p])
		}
	}
}

// TestMarkersApart: in the 2019 briefing's growth chart, where the city,
// the nation and the province have close values, no two markers overlap,
// and no marker overlaps a label.
func TestMarkersApart(t *testing.T) {
	dl := readingLayout(t, buildDoc(t, "dalian", 2019, report.Chinese))
	n := 0
	for i, blk := range dl.Blocks {
		if blk.Kind != "chart" {
			continue
		}
		var marks, texts []Box
		for _, b := range dl.Boxes {
			switch {
			case b.Block != i:
			case b.Kind == MarkerBox || b.Kind == ArrowBox:
				marks = append(marks, b)
			case b.Kind == TextBox:
				texts = append(texts, b)
			}
		}
		for a := range marks {
			for b := a + 1; b < len(marks); b++ {
				if overlap(boxRect(marks[a]), boxRect(marks[b]), 0.1) {
					t.Errorf("page %d: markers overlap at %+v and %+v", blk.Page, boxRect(marks[a]), boxRect(marks[b]))
				}
			}
			for _, x := range texts {
				if overlap(boxRect(marks[a]), boxRect(x), 0.5) {
					t.Errorf("page %d: marker %+v overlaps %q", blk.Page, boxRect(marks[a]), x.Text)
				}
			}
		}
		n += len(marks)
	}
	if n < 4 {
		t.Errorf("only %d markers in the charts", n)
	}
}

// TestTallBlocksFlow: a title, a section title, a heading, a card label,
// a table caption, header and cell, a chart title, legend and category
// label each of 1,600 hanzi: every box stays inside the margins and no
// character is lost.
func TestTallBlocksFlow(t *testing.T) {
	s := strings.Repeat("统计公报数据简报", 200)
	if utf8.RuneCountInString(s) != 1600 {
		t.Fatal(utf8.RuneCountInString(s))
	}
	doc := &report.Document{Title: s, Meta: report.Meta{Lang: report.Chinese}, Sections: []report.Section{{ID: "x", Title: s, Blocks: []report.Block{
		report.Heading{Level: 2, Text: s},
		report.Cards{Items: []report.Card{{Label: s, Value: fig("12.5万人", false)}, {Label: "短", Value: fig("3.5%", false)}}},
		report.Table{Title: s, Columns: []report.Column{{Header: s}, {Header: "数值", Kind: report.FigureCell}},
			Rows: []report.Row{{Cells: []report.Cell{{Kind: report.TextCell, Text: s}, {Kind: report.FigureCell, Figure: fig("1.5%", false), Cite: 1}}}}},
		report.Chart{Title: s, Type: report.BarChart, Categories: []string{s, "短"},
			Series: []report.Series{{Name: s, Values: []report.Figure{fig("1.5%", false), fig("2.5%", false)}}}},
		report.Chart{Title: "柱", Type: report.ColumnChart, Categories: []string{s},
			Series: []report.Series{{Name: "甲", Values: []report.Figure{fig("1.5%", false)}}}},
	}}}, Sources: []report.Citation{{N: 1, Doc: "a.txt", Phrase: s}}}
	dl, err := testRenderer(t).Layout(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	checkDisplayList(t, dl, false)
	checkCoverage(t, doc, dl)
	checkNotes(t, dl)
}

// TestHeadingsKeepWithNext: no heading is left at the foot of a page
// while what it heads starts on the next (a table whose header and first
// row do not fit below it takes the heading along), in the default
// briefings of the city and a district, in both languages, with and
// without the data sections.
func TestHeadingsKeepWithNext(t *testing.T) {
	type tc struct {
		name string
		doc  *report.Document
	}
	var cases []tc
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		cases = append(cases,
			tc{"dalian-2020-" + string(lang), testDoc(t, lang)},
			tc{"dalian-2019-" + string(lang), buildDoc(t, "dalian", 2019, lang)},
			tc{"gaoxin-2020-" + string(lang), buildDoc(t, "gaoxin", 2020, lang)})
	}
	checked := 0
	for _, c := range cases {
		for _, all := range []bool{false, true} {
			var dl *DisplayList
			if all {
				var err error
				if dl, err = testRenderer(t).Layout(context.Background(), c.doc); err != nil {
					t.Fatal(err)
				}
			} else {
				dl = readingLayout(t, c.doc)
			}
			var flow []BlockExtent
			for _, b := range dl.Blocks {
				if b.Kind != "footnotes" {
					flow = append(flow, b)
				}
			}
			for i, b := range flow {
				if b.Kind != "heading" || b.Continued || i+1 == len(flow) || flow[i+1].Section != b.Section {
					continue
				}
				checked++
				if next := flow[i+1]; next.Page != b.Page {
					t.Errorf("%s (all sections: %v): heading at page %d y=%.0f is parted from the %s that follows it (page %d)",
						c.name, all, b.Page, b.Y, next.Kind, next.Page)
				}
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d headings checked", checked)
	}
}

// TestLongTitleHeader: a title too long for the running header is not
// set in ever smaller type: the header stays at least minHeaderSize and
// the title is cut short with an ellipsis, inside the content width, while
// the title block keeps it whole and pdftotext gives back every character.
func TestLongTitleHeader(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		doc := testDoc(t, lang)
		long := *doc
		long.Title = ""
		for utf8.RuneCountInString(long.Title) < 130 {
			long.Title += doc.Title + " "
		}
		long.Title = strings.TrimSpace(long.Title)
		r := testRenderer(t)
		dl, err := r.Layout(context.Background(), &long)
		if err != nil {
			t.Fatal(err)
		}
		checkDisplayList(t, dl, false)
		heads := map[int]string{}
		for _, b := range dl.Boxes {
			if b.Kind != TextBox || b.Role != RoleFurniture || b.Y >= dl.Content.Y {
				continue
			}
			if b.Size < minHeaderSize-1e-9 {
				t.Errorf("%s page %d: header %q set at %.2f pt", lang, b.Page, b.Text, b.Size)
			}
			if b.X < dl.Content.X-eps || b.X+b.W > dl.Content.X+dl.Content.W+eps {
				t.Errorf("%s page %d: header %q at x %.1f–%.1f, outside the content width", lang, b.Page, b.Text, b.X, b.X+b.W)
			}
			heads[b.Page] += b.Text
		}
		for p := 2; p <= dl.Pages; p++ {
			h, _, cut := strings.Cut(heads[p], "…")
			if !cut || !strings.HasPrefix(long.Title, h) || len(h) < 20 {
				t.Errorf("%s page %d: header title %q, want the start of the title cut with …", lang, p, h)
			}
		}
		var buf bytes.Buffer
		if err := r.Render(context.Background(), &buf, &long); err != nil {
			t.Fatal(err)
		}
		roundTrip(t, buf.Bytes(), dl)
	}
}

// TestDecimalAlignment: in every column of figures of the default
// briefings (for reading, and with every section), the decimal point of
// every figure set on one line (or, for a whole number, the end of its
// integer digits) stands at one x on a page, whatever the units,
// qualifiers (以下), derived marks (*) and citation marks after it.
func TestDecimalAlignment(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		doc := testDoc(t, lang)
		full, err := testRenderer(t).Layout(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		for name, dl := range map[string]*DisplayList{"reading": readingLayout(t, doc), "all": full} {
			checkDecimals(t, fmt.Sprintf("%s %s", lang, name), dl)
		}
	}
}

func checkDecimals(t *testing.T, name string, dl *DisplayList) {
	t.Helper()
	type lineKey struct{ item, page int }
	type colKey struct{ table, col, page int }
	lines := map[lineKey][]Box{}
	var keys []lineKey
	for _, b := range dl.Boxes {
		if b.Kind != TextBox || b.item < 0 {
			continue
		}
		it := dl.items[b.item]
		if !it.Figure || it.Lines != 1 || !strings.ContainsAny(it.Text, "0123456789") {
			continue
		}
		k := lineKey{b.item, b.Page}
		if lines[k] == nil {
			keys = append(keys, k)
		}
		lines[k] = append(lines[k], b)
	}
	points := map[colKey][]float64{}
	texts := map[colKey][]string{}
	mixed := 0
	for _, k := range keys {
		it := dl.items[k.item]
		split := decimalSplit(it.Text)
		// the x of byte split of the line, from its boxes' widths
		x, pos, found := 0.0, 0, false
		for _, b := range lines[k] {
			if pos+len(b.Text) < split {
				pos += len(b.Text)
				continue
			}
			x = b.X
			for _, r := range b.Text[:split-pos] {
				x += dl.faces[b.face].advance(r)*b.Size + b.Spacing
			}
			found = true
			break
		}
		if !found {
			t.Fatalf("%s: item %q: no box holds byte %d", name, it.Text, split)
		}
		ck := colKey{it.Table, it.Col, k.page}
		points[ck] = append(points[ck], x)
		texts[ck] = append(texts[ck], it.Text)
		if numberTail(it.Text) != numberTail(texts[ck][0]) {
			mixed++
		}
	}
	if len(points) < 5 || mixed == 0 {
		t.Fatalf("%s: %d columns of figures checked, %d figures with another unit than their column's first", name, len(points), mixed)
	}
	for ck, xs := range points {
		for i, x := range xs {
			if math.Abs(x-xs[0]) > 0.01 {
				t.Errorf("%s page %d, table %d column %d: %q aligns at x %.2f, %q at %.2f", name, ck.page, ck.table, ck.col, texts[ck][i], x, texts[ck][0], xs[0])
			}
		}
	}
}

// numberTail is what follows the last digit of s.
func numberTail(s string) string {
	return s[strings.LastIndexAny(s, "0123456789")+1:]
}

// TestShortWordsWhole: with every section (the data listing and the
// sources too), no table cell or header of at most four CJK characters
// (大连市, 口径) is broken into lines: a column is at least as wide as
// such a word.
func TestShortWordsWhole(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		dl, err := testRenderer(t).Layout(context.Background(), testDoc(t, lang))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, it := range dl.items {
			if it.Row == 0 || !shortWord(it.Text) {
				continue
			}
			n++
			if it.Lines > 1 {
				t.Errorf("%s: cell %q (section %s) set on %d lines", lang, it.Text, it.Section, it.Lines)
			}
		}
		if lang == report.Chinese && n < 100 {
			t.Errorf("%s: only %d short cells", lang, n)
		}
	}
}
