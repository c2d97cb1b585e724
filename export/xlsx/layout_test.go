package xlsx_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/statbrief/statbrief/report"
)

// TestReadingOrder: each sheet shows its section's blocks in the
// document's order — an introduction before the table it introduces, a
// heading right above its table — and no heading twice.
func TestReadingOrder(t *testing.T) {
	for name, doc := range briefings(t) {
		f := open(t, render(t, doc))
		info := cells(t, f)
		var sheets []string // one per section: all but the sheet of charts
		for _, sh := range f.GetSheetList() {
			if sh != "图表" && sh != "Charts" {
				sheets = append(sheets, sh)
			}
		}
		for si, sec := range doc.Sections {
			if sec.ID == report.SectionData {
				continue
			}
			if si >= len(sheets) {
				t.Fatalf("%s: no sheet for section %s", name, sec.ID)
			}
			sheet := sheets[si]
			rows, merged, header, _ := sheetRows(t, f, sheet, info)
			at := 0 // rows before this one are passed
			find := func(what string, isHeader bool) int {
				for r := at + 1; r <= len(rows); r++ {
					if len(rows[r-1]) == 0 {
						continue
					}
					first := ""
					for _, v := range rows[r-1] {
						if v != "" {
							first = v
							break
						}
					}
					if isHeader && header[r] && strings.Contains(strings.Join(rows[r-1], "|"), what) ||
						!isHeader && merged[r] && strings.HasPrefix(what, first) && first != "" {
						return r
					}
				}
				return 0
			}
			for _, blk := range sec.Blocks {
				var what string
				isHeader := false
				switch b := blk.(type) {
				case report.Heading:
					what = b.Text
				case report.Paragraph:
					what = b.Text
				case report.Note:
					what = b.Text
				case report.Table:
					what, isHeader = b.Columns[len(b.Columns)-1].Header, true
				default:
					continue
				}
				r := find(what, isHeader)
				if r == 0 {
					t.Errorf("%s: %s: %.40q not found after row %d: out of the document's order", name, sheet, what, at)
					continue
				}
				at = r
			}
			seen := map[string]int{}
			for r, row := range rows {
				if merged[r+1] && len(row) > 0 {
					seen[row[0]]++
				}
			}
			for _, blk := range sec.Blocks {
				if h, ok := blk.(report.Heading); ok && seen[h.Text] > 1 {
					t.Errorf("%s: %s: heading %q shown %d times", name, sheet, h.Text, seen[h.Text])
				}
			}
		}
	}
}

var drawingRef = regexp.MustCompile(`<drawing r:id=`)

// TestPrintTitles: a header is repeated on printed pages only where it
// belongs: on a sheet whose header row is followed by nothing but rows of
// that table, or of tables with the same header, with their headings. No
// chart, paragraph or table of other columns follows it. The long tables
// keep their repeated header.
func TestPrintTitles(t *testing.T) {
	want := map[string][]string{
		"dalian-zh": {"主要指标", "目标完成", "其他数据", "数据", "来源"},
		"dalian-en": {"Headline", "Targets", "Other figures", "Data", "Sources"},
		"gaoxin-zh": {"数据", "来源"},
	}
	for name, doc := range briefings(t) {
		b := render(t, doc)
		f := open(t, b)
		info := cells(t, f)
		titled := map[string]string{}
		for _, n := range f.GetDefinedName() {
			if n.Name == "_xlnm.Print_Titles" {
				titled[n.Scope] = n.RefersTo
			}
		}
		for _, sheet := range want[name] {
			if titled[sheet] == "" {
				t.Errorf("%s: %s: no header repeated on printed pages", name, sheet)
			}
		}
		for sheet, ref := range titled {
			m := regexp.MustCompile(`\$(\d+):\$(\d+)$`).FindStringSubmatch(ref)
			if m == nil {
				t.Errorf("%s: %s: print titles %q", name, sheet, ref)
				continue
			}
			title := atoi(m[1])
			rows, merged, header, bold := sheetRows(t, f, sheet, info)
			for r := title + 1; r <= len(rows); r++ {
				switch {
				case merged[r] && !bold[r]:
					t.Errorf("%s: %s: row %d %.30q (text) follows the repeated header of row %d", name, sheet, r, rows[r-1][0], title)
				case header[r] && strings.Join(rows[r-1], "|") != strings.Join(rows[title-1], "|"):
					t.Errorf("%s: %s: header row %d %q follows the repeated header %q", name, sheet, r, rows[r-1], rows[title-1])
				}
			}
			if drawingRef.MatchString(sheetPart(t, b, sheet)) {
				t.Errorf("%s: %s: a chart on a sheet with a repeated header", name, sheet)
			}
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// TestOwnColumnWidths: a sheet's tables do not widen each other's columns:
// the key figures' value column on the overview fits its figures, not the
// titles of the source documents; the citation number column on the
// sources sheet fits its numbers, not file names.
func TestOwnColumnWidths(t *testing.T) {
	for _, tc := range []struct {
		lang       report.Lang
		sheet, col string
		max        float64
	}{
		{report.Chinese, "概览", "B", 20}, {report.English, "Overview", "B", 26},
		{report.Chinese, "来源", "A", 8}, {report.English, "Sources", "A", 8},
	} {
		f := open(t, render(t, defaultDoc(t, tc.lang)))
		if w, _ := f.GetColWidth(tc.sheet, tc.col); w > tc.max {
			t.Errorf("%s!%s is %g wide, want at most %g", tc.sheet, tc.col, w, tc.max)
		}
	}
}
