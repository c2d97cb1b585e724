package xlsx_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/statbrief/statbrief/report"
	"github.com/xuri/excelize/v2"
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

// TestWrappedRowsHaveHeights: every row with text in a column that wraps
// has its height written, so that readers do not size it by their own
// measure (LibreOffice gave rows an empty second line).
func TestWrappedRowsHaveHeights(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		b := render(t, defaultDoc(t, lang))
		f := open(t, b)
		sheet := map[report.Lang]string{report.Chinese: "来源", report.English: "Sources"}[lang]
		xml := sheetPart(t, b, sheet)
		rows, _ := f.GetRows(sheet)
		wrapped := 0
		for r := 1; r <= len(rows); r++ {
			for c := range rows[r-1] {
				ref, _ := excelize.CoordinatesToCellName(c+1, r)
				id, _ := f.GetCellStyle(sheet, ref)
				st, _ := f.GetStyle(id)
				if rows[r-1][c] == "" || st.Alignment == nil || !st.Alignment.WrapText || st.Fill.Color != nil && len(st.Fill.Color) > 0 {
					continue
				}
				wrapped++
				if !regexp.MustCompile(`<row r="` + strconv.Itoa(r) + `" ht="[0-9.]+" customHeight="1"`).MatchString(xml) {
					t.Errorf("%s: %s row %d: wrapping text %.30q, no height", lang, sheet, r, rows[r-1][c])
				}
				break
			}
		}
		if wrapped == 0 {
			t.Errorf("%s: no wrapping text on %s", lang, sheet)
		}
	}
}

// TestPrintScale: every sheet of the default workbooks, Chinese and
// English, fitted to one page wide, prints at 70 % or more in Excel and in
// LibreOffice: long text columns wrap at a lower cap instead of the page
// shrinking. On the data sheet the rows' IDs, which only lookups need, and
// the byte offsets are left out of print (they stay in the workbook).
func TestPrintScale(t *testing.T) {
	for _, tc := range []struct {
		lang report.Lang
		data string
		mdw  float64 // px of a digit of the workbook's font: 等线 8, Calibri 7
	}{{report.Chinese, "数据", 8}, {report.English, "Data", 7}} {
		f := open(t, render(t, defaultDoc(t, tc.lang)))
		areas := map[string]string{}
		for _, n := range f.GetDefinedName() {
			if n.Name == "_xlnm.Print_Area" {
				areas[n.Scope] = n.RefersTo
			}
		}
		for _, sheet := range f.GetSheetList() {
			// the print area, or else the used range, which LibreOffice
			// and Excel print
			rng := areas[sheet]
			if rng == "" {
				rng, _ = f.GetSheetDimension(sheet)
			}
			m := regexp.MustCompile(`\$?([A-Z]+)\$?\d+:\$?([A-Z]+)\$?\d+$`).FindStringSubmatch(rng)
			if m == nil {
				t.Errorf("%s: print range %q", sheet, rng)
				continue
			}
			if sheet == tc.data {
				if m[1] != "B" {
					t.Errorf("%s: print area %q, want from column B", sheet, rng)
				}
				if v, _ := f.GetCellValue(sheet, "A2"); v == "" {
					t.Errorf("%s: no ID in A2", sheet)
				}
			}
			first, _ := excelize.ColumnNameToNumber(m[1])
			last, _ := excelize.ColumnNameToNumber(m[2])
			// Excel draws a column in mdw·w + 5 px; LibreOffice, without
			// 等线 or Calibri, in 9.33 px a unit, the digit of DejaVu Sans
			// (measured on its PDFs)
			excel, office := 0.0, 0.0
			for c := first; c <= last; c++ {
				name, _ := excelize.ColumnNumberToName(c)
				w, _ := f.GetColWidth(sheet, name)
				excel += w*tc.mdw + 5
				office += w * 9.33
			}
			pl, _ := f.GetPageLayout(sheet)
			pm, _ := f.GetPageMargins(sheet)
			if pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.Size == nil || *pl.Size != 9 {
				t.Errorf("%s: not fitted to one A4 page wide: %+v", sheet, pl)
			}
			page := 595.28
			if *pl.Orientation == "landscape" {
				page = 841.89
			}
			if sheet == tc.data && *pl.Orientation != "landscape" {
				t.Errorf("%s: %s, want landscape", sheet, *pl.Orientation)
			}
			printable := (page - 72*(*pm.Left+*pm.Right)) * 96 / 72
			for _, r := range []struct {
				reader string
				px     float64
			}{{"Excel", excel}, {"LibreOffice", office}} {
				scale := printable / r.px
				t.Logf("%s: %s, columns %s–%s, %.0f px in %s: fitted to the page at %.0f%%", sheet, *pl.Orientation, m[1], m[2], r.px, r.reader, 100*min(scale, 1))
				if scale < 0.70 {
					t.Errorf("%s: %s, printed at %.0f%% by %s, want 70%% or more", sheet, *pl.Orientation, 100*scale, r.reader)
				}
			}
		}
	}
}

// TestFrozenHeaders: on every sheet of a section with a table, the header
// of its main (largest) table is frozen, with the rows above it, in at most
// 180 points (a quarter of a laptop's screen). Where the introduction
// above the table is taller, a copy of the header under the sheet's title
// is frozen instead; the introduction stays above its table; the copy is
// not printed (the print area starts below it), so that no printed page
// shows a header over the introduction.
func TestFrozenHeaders(t *testing.T) {
	docs := briefings(t)
	docs["zhuanghe-en"] = regionDoc(t, "zhuanghe", report.English)
	copies := 0
	for name, doc := range docs {
		b := render(t, doc)
		f := open(t, b)
		info := cells(t, f)
		areas := map[string]string{}
		for _, n := range f.GetDefinedName() {
			if n.Name == "_xlnm.Print_Area" {
				areas[n.Scope] = n.RefersTo
			}
		}
		var sheets []string
		for _, sh := range f.GetSheetList() {
			if sh != "图表" && sh != "Charts" {
				sheets = append(sheets, sh)
			}
		}
		for si, sec := range doc.Sections {
			var main *report.Table
			for _, blk := range sec.Blocks {
				if tb, ok := blk.(report.Table); ok && (main == nil || tb.Len() > main.Len()) {
					main = &tb
				}
			}
			sheet := sheets[si]
			p, err := f.GetPanes(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if main == nil {
				if p.Freeze {
					t.Errorf("%s: %s has no table, %d rows frozen", name, sheet, p.YSplit)
				}
				continue
			}
			if !p.Freeze || p.YSplit < 1 || p.TopLeftCell != "A"+strconv.Itoa(p.YSplit+1) {
				t.Errorf("%s: %s: panes %+v, want the header of its table frozen", name, sheet, p)
				continue
			}
			rows, merged, header, _ := sheetRows(t, f, sheet, info)
			frozen := p.YSplit
			joined := func(r int) string { return strings.Join(rows[r-1], "|") }
			last := main.Columns[len(main.Columns)-1].Header
			if !header[frozen] || !strings.Contains(joined(frozen), last) {
				t.Errorf("%s: %s: frozen row %d %q is not the header of its table", name, sheet, frozen, rows[frozen-1])
				continue
			}
			height := 0.0
			for r := 1; r <= frozen; r++ {
				h, _ := f.GetRowHeight(sheet, r)
				height += h
			}
			if height > 180 {
				t.Errorf("%s: %s: the frozen rows are %.0f pt tall", name, sheet, height)
			}
			// the table's header itself, followed by its rows, or a copy of
			// it, followed by the introduction and then the table
			if frozen < len(rows) && !merged[frozen+1] && len(rows[frozen]) > 0 {
				continue
			}
			own := 0
			for r := frozen + 1; r <= len(rows) && own == 0; r++ {
				if header[r] && joined(r) == joined(frozen) {
					own = r
				}
			}
			copies++
			if own == 0 {
				t.Errorf("%s: %s: the frozen header of row %d is not its table's", name, sheet, frozen)
				continue
			}
			text := 0 // the introduction: text rows between the copy and the table
			for r := frozen + 1; r < own; r++ {
				if merged[r] {
					text++
				}
			}
			if text == 0 {
				t.Errorf("%s: %s: a copy of the header in row %d, with nothing between it and the table's in row %d", name, sheet, frozen, own)
			}
			m := regexp.MustCompile(`!\$[A-Z]+\$(\d+):`).FindStringSubmatch(areas[sheet])
			if m == nil || atoi(m[1]) <= frozen {
				t.Errorf("%s: %s: print area %q prints the copy of the header in row %d", name, sheet, areas[sheet], frozen)
			}
		}
	}
	if copies == 0 {
		t.Error("no sheet has a long introduction: the copy of a header is not tested")
	}
}
