package xlsx_test

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/export/xlsx"
	"github.com/statbrief/statbrief/report"
	"github.com/xuri/excelize/v2"
)

// numberLike matches text a spreadsheet would read as a number.
var numberLike = regexp.MustCompile(`^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?\s*$`)

// docTexts returns every text of a document that a workbook may show as
// written: cells of text, headings, paragraphs, titles, labels, citations.
func docTexts(doc *report.Document) map[string]bool {
	out := map[string]bool{doc.Title: true, doc.Subtitle: true}
	for _, d := range doc.Meta.Documents {
		out[d.Doc], out[d.Title] = true, true
	}
	for _, c := range doc.Sources {
		out[c.Doc], out[c.Phrase] = true, true
	}
	for _, sec := range doc.Sections {
		out[sec.Title] = true
		for _, blk := range sec.Blocks {
			switch blk := blk.(type) {
			case report.Heading:
				out[blk.Text] = true
			case report.Paragraph:
				out[blk.Text] = true
			case report.Note:
				out[blk.Text] = true
			case report.Cards:
				for _, it := range blk.Items {
					out[it.Label] = true
				}
			case report.Chart:
				for _, c := range blk.Categories {
					out[c] = true
				}
				for _, s := range blk.Series {
					out[s.Name] = true
				}
			case report.Table:
				out[blk.Title] = true
				for _, c := range blk.Columns {
					out[c.Header] = true
				}
				for i := range blk.Len() {
					for _, c := range blk.Row(i).Cells {
						if c.Kind == report.TextCell {
							out[c.Text] = true
						}
					}
				}
			}
		}
	}
	return out
}

// TestNoNumbersAsText: no figure is stored as text. Every cell showing a
// figure — citation numbers and byte offsets included — is numeric; the
// default (Chinese) workbook has no text cell that reads like a number at
// all. Elsewhere a text cell that reads like a number (the English period
// label "2020", an ID card number in a document of one's own) is a text
// of the document, kept as the string it is, and Excel is told not to
// flag it.
func TestNoNumbersAsText(t *testing.T) {
	for name, doc := range map[string]*report.Document{
		"default-zh": defaultDoc(t, report.Chinese), "default-en": defaultDoc(t, report.English),
		"small-zh": smallDoc(report.Chinese),
	} {
		b := render(t, doc)
		f := open(t, b)
		known := docTexts(doc)
		xml := map[string]string{}
		texts, numbers, numericTexts := 0, 0, 0
		for _, c := range cells(t, f) {
			switch c.typ {
			case excelize.CellTypeInlineString, excelize.CellTypeSharedString:
				texts++
				if !numberLike.MatchString(c.raw) {
					continue
				}
				numericTexts++
				if name == "default-zh" {
					t.Errorf("%s: %s!%s is a text cell that reads like a number: %q", name, c.sheet, c.ref, c.raw)
				}
				if !known[c.raw] {
					t.Errorf("%s: %s!%s is text holding a number that is no text of the document: %q", name, c.sheet, c.ref, c.raw)
				}
				if _, ok := xml[c.sheet]; !ok {
					xml[c.sheet] = sheetPart(t, b, c.sheet)
				}
				if !textExempt(xml[c.sheet], c.ref) {
					t.Errorf("%s: %s!%s %q: Excel would flag it as a number stored as text", name, c.sheet, c.ref, c.raw)
				}
			default:
				numbers++
				if _, err := strconv.ParseFloat(c.raw, 64); err != nil {
					t.Errorf("%s: %s!%s is not a number: %q", name, c.sheet, c.ref, c.raw)
				}
			}
		}
		if texts == 0 || numbers == 0 {
			t.Errorf("%s: %d text and %d number cells", name, texts, numbers)
		}
		t.Logf("%s: %d texts (%d that read like numbers), %d numbers", name, texts, numericTexts, numbers)
	}
}

// parts returns the parts of a workbook by name.
func parts(t testing.TB, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(data)
	}
	return out
}

var formulaCell = regexp.MustCompile(`<c r="([A-Z]+\d+)"[^>]*><f>([^<]*)</f>(<v>([^<]*)</v>)?`)

// TestFormulasHaveCachedValues asserts that every formula in the XML comes
// with a numeric cached value equal to the figure the document holds, so
// readers that do not calculate see the number.
func TestFormulasHaveCachedValues(t *testing.T) {
	b := render(t, smallDoc(report.Chinese))
	n := 0
	for name, body := range parts(t, b) {
		if !strings.HasPrefix(name, "xl/worksheets/sheet") {
			continue
		}
		for _, m := range formulaCell.FindAllStringSubmatch(body, -1) {
			n++
			if m[3] == "" {
				t.Errorf("%s %s: formula %s without cached value", name, m[1], m[2])
			}
			if _, err := strconv.ParseFloat(m[4], 64); err != nil {
				t.Errorf("%s %s: cached value %q", name, m[1], m[4])
			}
		}
	}
	// small doc: yoy on the overview, headline and chart; share; target gap
	if n != 5 {
		t.Errorf("%d formulas, want 5", n)
	}
	f := open(t, b)
	for _, tc := range []struct{ sheet, cell, formula, value string }{
		{"主要指标", "D4", "ROUND((((B4/C4)-1)*100),1)", "1.9"},
		{"概览", "C6", `ROUND((((B6/INDEX('数据'!$B$2:$B$6,MATCH("t.gdp.2019",'数据'!$A$2:$A$6,0)))-1)*100),1)`, "1.9"},
		{"目标完成", "E4", "ROUND((C4-B4),1)", "-1.9"},
		{"区域", "D4", `ROUND(((B4/(INDEX('数据'!$B$2:$B$6,MATCH("t.jobs",'数据'!$A$2:$A$6,0))*10000))*100),1)`, "4.3"},
	} {
		fx, _ := f.GetCellFormula(tc.sheet, tc.cell)
		v, _ := f.GetCellValue(tc.sheet, tc.cell, excelize.Options{RawCellValue: true})
		if fx != tc.formula || v != tc.value {
			t.Errorf("%s!%s = %q cached %q, want %q cached %q", tc.sheet, tc.cell, fx, v, tc.formula, tc.value)
		}
	}
}

// TestEnglishScaledFormulas: an English workbook shows 7030.4亿元 as
// 703.04 billion yuan; the stored number is rescaled and the formulas
// convert it back.
func TestEnglishScaledFormulas(t *testing.T) {
	f := open(t, render(t, smallDoc(report.English)))
	v, _ := f.GetCellValue("Headline", "B4", excelize.Options{RawCellValue: true})
	fx, _ := f.GetCellFormula("Headline", "D4")
	if v != "703.04" || fx != "ROUND(((((B4*10)/(C4*10))-1)*100),1)" {
		t.Errorf("B4 = %s, D4 = %s", v, fx)
	}
	st, _ := f.GetCellStyle("Headline", "B4")
	s, _ := f.GetStyle(st)
	if s.CustomNumFmt == nil || *s.CustomNumFmt != `#,##0.00" billion yuan";"-"#,##0.00" billion yuan"` {
		t.Errorf("B4 format %v", s.CustomNumFmt)
	}
}

// TestFormats checks the number formats of figures: unit, places,
// qualifier, sign, percent without ×100, points.
func TestFormats(t *testing.T) {
	f := open(t, render(t, smallDoc(report.Chinese)))
	for _, tc := range []struct{ sheet, cell, want string }{
		{"主要指标", "B4", `0.0"亿元";"-"0.0"亿元"`},
		{"主要指标", "C4", `"约"0"亿元";"约""-"0"亿元"`},
		{"主要指标", "D4", `"+"0.0"%";"-"0.0"%";0.0"%"`},
		{"目标完成", "B4", `0"%以内";"-"0"%以内"`},
		{"目标完成", "E4", `"+"0.0"个百分点";"-"0.0"个百分点";0.0"个百分点"`},
		{"数据", "B4", `0.00`},
	} {
		id, _ := f.GetCellStyle(tc.sheet, tc.cell)
		s, _ := f.GetStyle(id)
		if s.CustomNumFmt == nil || *s.CustomNumFmt != tc.want {
			t.Errorf("%s!%s format %v, want %s", tc.sheet, tc.cell, s.CustomNumFmt, tc.want)
		}
	}
}

// TestCharts asserts three native charts in the default workbook (YoY,
// targets, district shares), each drawn from cells.
func TestCharts(t *testing.T) {
	p := parts(t, render(t, defaultDoc(t, report.Chinese)))
	var charts []string
	for name, body := range p {
		if strings.HasPrefix(name, "xl/charts/chart") {
			charts = append(charts, name)
			if !strings.Contains(body, "<f>&#39;") || !strings.Contains(body, "barChart") {
				t.Errorf("%s draws no bars from cells", name)
			}
		}
	}
	if len(charts) < 3 {
		t.Fatalf("%d charts, want ≥ 3", len(charts))
	}
	var titles []string
	for _, name := range charts {
		m := regexp.MustCompile(`<a:t>([^<]*)</a:t>`).FindStringSubmatch(p[name])
		if m != nil {
			titles = append(titles, m[1])
		}
	}
	all := strings.Join(titles, "|")
	for _, w := range []string{"同比", "目标", "占全市"} {
		if !strings.Contains(all, w) {
			t.Errorf("no chart titled with %q among %q", w, titles)
		}
	}
}

// TestConditionalFormats asserts the colours of growth and verdicts and the
// data bars on shares.
func TestConditionalFormats(t *testing.T) {
	f := open(t, render(t, smallDoc(report.Chinese)))
	has := func(sheet, typ string) string {
		cfs, err := f.GetConditionalFormats(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var refs []string
		for ref, opts := range cfs {
			for _, o := range opts {
				if o.Type == typ {
					refs = append(refs, ref)
					break
				}
			}
		}
		return strings.Join(refs, " ")
	}
	if got := has("主要指标", "cell"); !strings.Contains(got, "D4:D5") {
		t.Errorf("growth colours on %q, want D4:D5", got)
	}
	if got := has("目标完成", "cell"); got != "D4:D5" {
		t.Errorf("verdict colours on %q, want D4:D5 (and no sign colours on the target gap)", got)
	}
	if got := has("区域", "data_bar"); !strings.Contains(got, "C4:C4") || !strings.Contains(got, "D4:D4") {
		t.Errorf("data bars on %q, want C4:C4 and D4:D4", got)
	}
	d := open(t, render(t, defaultDoc(t, report.Chinese)))
	n := 0
	for _, sh := range d.GetSheetList() {
		cfs, _ := d.GetConditionalFormats(sh)
		for _, opts := range cfs {
			for _, o := range opts {
				if o.Type == "data_bar" {
					n++
				}
			}
		}
	}
	if n == 0 {
		t.Error("default workbook: no data bars")
	}
}

// TestLook checks merged titles, frozen headers, the autofilter, print
// setup, comments and document properties.
func TestLook(t *testing.T) {
	f := open(t, render(t, smallDoc(report.Chinese)))
	m, _ := f.GetMergeCells("主要指标")
	if len(m) == 0 || m[0].GetStartAxis() != "A1" {
		t.Errorf("title not merged: %v", m)
	}
	if p, _ := f.GetPanes("主要指标"); !p.Freeze || p.YSplit != 3 {
		t.Errorf("headline panes %+v", p)
	}
	if p, _ := f.GetPanes("数据"); !p.Freeze || p.YSplit != 1 {
		t.Errorf("data panes %+v", p)
	}
	names := f.GetDefinedName()
	var filter, titles bool
	for _, n := range names {
		filter = filter || n.Name == "_xlnm._FilterDatabase" && n.Scope == "数据" && strings.Contains(n.RefersTo, "$A$1:$F$6")
		titles = titles || n.Name == "_xlnm.Print_Titles" && n.Scope == "主要指标" && strings.Contains(n.RefersTo, "$3:$3")
	}
	if !filter || !titles {
		t.Errorf("autofilter %v, print titles %v: %+v", filter, titles, names)
	}
	pl, err := f.GetPageLayout("数据")
	if err != nil || *pl.Size != 9 || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
		t.Errorf("page layout %+v %v", pl, err)
	}
	hf, _ := f.GetHeaderFooter("主要指标")
	if !strings.Contains(hf.OddFooter, "第 &P 页 共 &N 页") {
		t.Errorf("footer %q", hf.OddFooter)
	}
	props, _ := f.GetDocProps()
	if props.Title != "测试市2020年简报" || props.Language != "zh-CN" || props.Created != "2021-01-01T00:00:00Z" ||
		props.Keywords != "测试市, 2020" || props.Creator != "statbrief" {
		t.Errorf("properties %+v", props)
	}
	cm, _ := f.GetComments("主要指标")
	want := map[string]string{"B4": "a.txt", "D5": "居民消费价格上涨2.1%", "B6": "新增就业11.11万人"}
	got := map[string]string{}
	for _, c := range cm {
		got[c.Cell] = c.Text
		for _, p := range c.Paragraph {
			got[c.Cell] += p.Text
		}
	}
	for cell, w := range want {
		if !strings.Contains(got[cell], w) {
			t.Errorf("comment on %s = %q, want it to hold %q", cell, got[cell], w)
		}
	}
	if cm, _ := f.GetComments("目标完成"); len(cm) != 2 {
		t.Errorf("%d comments on targets, want 2", len(cm))
	}
	if w, _ := f.GetColWidth("数据", "F"); w < 20 || w > 60 {
		t.Errorf("phrase column width %g", w)
	}
}

// TestLandscape: wide sheets print landscape, narrow ones portrait; the
// English source list, about a hundred units wide and four hundred rows
// long, portrait, in which it takes half the pages (TestLibreOfficePrint
// counts them).
func TestLandscape(t *testing.T) {
	for _, tc := range []struct {
		lang report.Lang
		want map[string]string
	}{
		{report.Chinese, map[string]string{"数据": "landscape", "说明": "portrait", "主要指标": "landscape", "来源": "landscape"}},
		{report.English, map[string]string{"Data": "landscape", "Methods": "portrait", "Headline": "landscape", "Sources": "landscape"}},
	} {
		f := open(t, render(t, defaultDoc(t, tc.lang)))
		for sheet, want := range tc.want {
			pl, err := f.GetPageLayout(sheet)
			if err != nil || *pl.Orientation != want {
				t.Errorf("%s: orientation %v (%v), want %s", sheet, *pl.Orientation, err, want)
			}
		}
	}
}

// TestColumnWidthCap: a long text wraps in a capped column, its row taller.
func TestColumnWidthCap(t *testing.T) {
	doc := smallDoc(report.Chinese)
	tab := doc.Sections[4].Blocks[0].(report.Table)
	long := strings.Repeat("很长的原文", 30)
	tab.Rows = append(tab.Rows, report.Row{Cells: []report.Cell{text("t.long"), {}, text("a.txt"), text(long)}})
	doc.Sections[4].Blocks[0] = tab
	f := open(t, render(t, doc, xlsx.MaxColumnWidth(40)))
	if w, _ := f.GetColWidth("数据", "F"); w != 40 {
		t.Errorf("width %g, want the cap 40", w)
	}
	if h, _ := f.GetRowHeight("数据", 7); h < 60 {
		t.Errorf("row height %g of a wrapped text", h)
	}
	id, _ := f.GetCellStyle("数据", "F7")
	s, _ := f.GetStyle(id)
	if s.Alignment == nil || !s.Alignment.WrapText {
		t.Error("long text does not wrap")
	}
}

// TestFormulasSortSafe: no formula names a fixed cell that sorting a table
// would move. A formula refers to cells of its own row (relative, so they
// move with it), and finds any other input by a lookup over absolute
// ranges: INDEX(…,MATCH("key",…,0)). Checked in the default workbook in
// both languages and the small one.
func TestFormulasSortSafe(t *testing.T) {
	docs := map[string]*report.Document{"small-zh": smallDoc(report.Chinese), "small-en": smallDoc(report.English),
		"default-zh": defaultDoc(t, report.Chinese), "default-en": defaultDoc(t, report.English)}
	for name, doc := range docs {
		f := open(t, render(t, doc))
		formulas, lookups := 0, 0
		for _, c := range cells(t, f) {
			if c.formula == "" {
				continue
			}
			formulas++
			if strings.Contains(c.formula, "MATCH(") {
				lookups++
			}
			_, row, _ := excelize.CellNameToCoordinates(c.ref)
			mapRefs(c.formula, func(sheet, ref string) string {
				ends := strings.Split(ref, ":")
				ok := true
				for _, e := range ends {
					m := cellToken.FindStringSubmatch(e)
					if m == nil {
						ok = false
						continue
					}
					r, _ := strconv.Atoi(m[4])
					switch {
					case len(ends) == 2 && m[1] == "$" && m[3] == "$": // an absolute range, for a lookup
					case len(ends) == 1 && sheet == "" && m[3] == "" && r == row: // a cell of its own row
					default:
						ok = false
					}
				}
				if !ok {
					t.Errorf("%s: %s!%s = %s: reference %s%s would not follow a sort", name, c.sheet, c.ref, c.formula, sheet, ref)
				}
				return ref
			})
		}
		if formulas == 0 {
			t.Errorf("%s: no formulas", name)
		}
		if strings.HasPrefix(name, "default") && lookups == 0 {
			t.Errorf("%s: no lookups", name)
		}
	}
}

// TestLookupKeys: a lookup is written only where its key finds one row:
// two IDs that differ only in case are one key to MATCH, so a figure so
// named is written as its constant; a key with wildcards is escaped.
func TestLookupKeys(t *testing.T) {
	doc := smallDoc(report.Chinese)
	tab := doc.Sections[4].Blocks[0].(report.Table)
	tab.Rows = append([]report.Row{}, tab.Rows...)
	tab.Rows[1].Cells = append([]report.Cell{}, tab.Rows[1].Cells...)
	tab.Rows[1].Cells[0] = text("t.gdp*2019?~")                                                                 // the previous GDP, looked up by an escaped key
	tab.Rows = append(tab.Rows, report.Row{Cells: []report.Cell{text("T.JOBS"), {}, text("b.txt"), text("x")}}) // a second "t.jobs"
	doc.Sections[4].Blocks[0] = tab
	f := open(t, render(t, doc))
	if fx, _ := f.GetCellFormula("概览", "C6"); fx != `ROUND((((B6/INDEX('数据'!$B$2:$B$7,MATCH("t.gdp~*2019~?~~",'数据'!$A$2:$A$7,0)))-1)*100),1)` {
		t.Errorf("概览!C6 = %s", fx)
	}
	if fx, _ := f.GetCellFormula("区域", "D4"); fx != `ROUND(((B4/(11.11*10000))*100),1)` {
		t.Errorf("区域!D4 = %s, want the city total as a constant (its key is not unique)", fx)
	}
}

var (
	cacheRef  = regexp.MustCompile(`<(cat|val|tx)><(strRef|numRef)><f>([^<]*)</f>(<(strCache|numCache)>(.*?)</(strCache|numCache)>)?`)
	cachePt   = regexp.MustCompile(`<pt idx="(\d+)"[^>]*><v>([^<]*)</v></pt>`)
	cacheSize = regexp.MustCompile(`<ptCount val="(\d+)"/>`)
)

// TestChartCaches: a chart carries the values of the cells it is drawn
// from — categories, series names and the exact numbers — so that readers
// that draw charts without reading cells (previewers, converters) show
// them; each cached value is the cell's.
func TestChartCaches(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		b := render(t, defaultDoc(t, lang))
		f := open(t, b)
		refs := 0
		for name, body := range parts(t, b) {
			if !strings.HasPrefix(name, "xl/charts/chart") {
				continue
			}
			for _, m := range cacheRef.FindAllStringSubmatch(body, -1) {
				refs++
				ref := html.UnescapeString(m[3])
				if m[4] == "" {
					t.Errorf("%s %s: %s has no cache", lang, name, ref)
					continue
				}
				sheet, rng, _ := strings.Cut(ref, "!")
				sheet = strings.ReplaceAll(strings.Trim(sheet, "'"), "''", "'")
				a, z, ok := strings.Cut(strings.ReplaceAll(rng, "$", ""), ":")
				if !ok {
					z = a
				}
				c1, r1, _ := excelize.CellNameToCoordinates(a)
				_, r2, _ := excelize.CellNameToCoordinates(z)
				sz := cacheSize.FindStringSubmatch(m[6])
				if sz == nil || sz[1] != strconv.Itoa(r2-r1+1) {
					t.Errorf("%s %s: %s: cache of %v points, range of %d", lang, name, ref, sz, r2-r1+1)
				}
				cached := map[int]string{}
				for _, p := range cachePt.FindAllStringSubmatch(m[6], -1) {
					i, _ := strconv.Atoi(p[1])
					cached[i] = html.UnescapeString(p[2])
				}
				for r := r1; r <= r2; r++ {
					cell, _ := excelize.CoordinatesToCellName(c1, r)
					v, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
					if cached[r-r1] != v {
						t.Errorf("%s %s: %s!%s = %q, cached %q", lang, name, sheet, cell, v, cached[r-r1])
					}
				}
			}
			if !strings.Contains(body, `<gapWidth val=`) || !regexp.MustCompile(`<valAx>.*<max val=.*<min val=.*</valAx>`).MatchString(body) {
				t.Errorf("%s %s: no bar gap or value axis bounds, which keep the labels clear", lang, name)
			}
		}
		if refs < 9 {
			t.Errorf("%s: %d chart references", lang, refs)
		}
	}
}

var (
	formulaStrings = regexp.MustCompile(`"(?:[^"]|"")*"`)
	formulaRefs    = regexp.MustCompile(`(?:'[^']*'|[A-Za-z_][A-Za-z0-9_.]*)?!?\$?[A-Z]{1,3}\$?[0-9]+(?::\$?[A-Z]{1,3}\$?[0-9]+)?`)
	roundPlaces    = regexp.MustCompile(`,-?[0-9]+\)`)
	formulaNumbers = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?`)
)

// TestFormulasReferenceInputs: a live formula computes from the cells that
// hold its inputs — on its row, or looked up on the data sheet, where
// every figure the workbook shows or computes from is listed — and never
// from a published figure typed in as a constant. The only numbers a
// formula spells out are 1, 100, powers of ten that rescale 万 and 亿,
// and ROUND's places.
func TestFormulasReferenceInputs(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		f := open(t, render(t, defaultDoc(t, lang)))
		n := 0
		for _, c := range cells(t, f) {
			if c.formula == "" {
				continue
			}
			n++
			rest := formulaStrings.ReplaceAllString(c.formula, `""`)
			rest = formulaRefs.ReplaceAllString(rest, "R")
			rest = roundPlaces.ReplaceAllString(rest, ")")
			for _, num := range formulaNumbers.FindAllString(rest, -1) {
				d, err := decimal.NewFromString(num)
				if err != nil {
					t.Fatal(err)
				}
				if !isPowerOfTen(d) {
					t.Errorf("%s %s!%s: %s spells out %s", lang, c.sheet, c.ref, c.formula, num)
				}
			}
		}
		if n < 50 {
			t.Errorf("%s: %d formulas", lang, n)
		}
	}
}

// isPowerOfTen reports whether d is 10^k for some integer k (1 and 100
// included).
func isPowerOfTen(d decimal.Decimal) bool {
	if d.Sign() <= 0 {
		return false
	}
	for d.GreaterThanOrEqual(decimal.NewFromInt(10)) {
		d = d.Div(decimal.NewFromInt(10))
	}
	for d.LessThan(decimal.NewFromInt(1)) {
		d = d.Mul(decimal.NewFromInt(10))
	}
	return d.Equal(decimal.NewFromInt(1))
}
