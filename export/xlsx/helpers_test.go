package xlsx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/export/xlsx"
	goldenfile "github.com/statbrief/statbrief/internal/golden"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// golden compares got with testdata/name; -update rewrites it. A missing
// golden file is a failure.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got, *update)
}

// render renders doc with opts and returns the workbook's bytes.
func render(t testing.TB, doc *report.Document, opts ...xlsx.Option) []byte {
	t.Helper()
	r, err := xlsx.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Render(context.Background(), &buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// open reopens a workbook with excelize.
func open(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// cellInfo is one cell of a reopened workbook.
type cellInfo struct {
	sheet, ref string
	typ        excelize.CellType
	raw        string
	formula    string
	numFmt     string
	bold       bool
	fill       string
}

// cells lists every cell with a value, sheet by sheet, row by row.
func cells(t testing.TB, f *excelize.File) []cellInfo {
	t.Helper()
	var out []cellInfo
	styles := map[int]*excelize.Style{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				fx, _ := f.GetCellFormula(sh, ref)
				if v == "" && fx == "" {
					continue
				}
				typ, err := f.GetCellType(sh, ref)
				if err != nil {
					t.Fatal(err)
				}
				ci := cellInfo{sheet: sh, ref: ref, typ: typ, raw: v, formula: fx}
				id, err := f.GetCellStyle(sh, ref)
				if err != nil {
					t.Fatal(err)
				}
				st, ok := styles[id]
				if !ok {
					if st, err = f.GetStyle(id); err != nil {
						t.Fatal(err)
					}
					styles[id] = st
				}
				if st.CustomNumFmt != nil {
					ci.numFmt = *st.CustomNumFmt
				} else if st.NumFmt != 0 {
					ci.numFmt = fmt.Sprint(st.NumFmt)
				}
				ci.bold = st.Font != nil && st.Font.Bold
				if len(st.Fill.Color) > 0 {
					ci.fill = st.Fill.Color[0]
				}
				out = append(out, ci)
			}
		}
	}
	return out
}

var typeNames = map[excelize.CellType]string{
	excelize.CellTypeUnset: "n", excelize.CellTypeNumber: "n", excelize.CellTypeInlineString: "s",
	excelize.CellTypeSharedString: "s", excelize.CellTypeFormula: "f", excelize.CellTypeBool: "b",
	excelize.CellTypeDate: "d", excelize.CellTypeError: "e",
}

// dump writes a workbook as text: per sheet its widths, merges and frozen
// rows, then every cell with type, raw value, formula, number format, bold
// and fill.
func dump(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	var b bytes.Buffer
	all := cells(t, f)
	for _, sh := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sh)
		cols, _ := f.GetCols(sh)
		n := max(len(cols), 1)
		var ws []string
		for c := 1; c <= n+1; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			w, _ := f.GetColWidth(sh, name)
			ws = append(ws, fmt.Sprintf("%s=%g", name, w))
		}
		fmt.Fprintf(&b, "widths %s\n", strings.Join(ws, " "))
		merged, _ := f.GetMergeCells(sh)
		var ms []string
		for _, m := range merged {
			ms = append(ms, m.GetStartAxis()+":"+m.GetEndAxis())
		}
		sort.Strings(ms)
		fmt.Fprintf(&b, "merges %s\n", strings.Join(ms, " "))
		p, _ := f.GetPanes(sh)
		fmt.Fprintf(&b, "freeze %v %d %s\n", p.Freeze, p.YSplit, p.TopLeftCell)
		for _, c := range all {
			if c.sheet != sh {
				continue
			}
			fmt.Fprintf(&b, "%s %s %q", c.ref, typeNames[c.typ], c.raw)
			if c.formula != "" {
				fmt.Fprintf(&b, " =%s", c.formula)
			}
			if c.numFmt != "" {
				fmt.Fprintf(&b, " fmt=%s", c.numFmt)
			}
			if c.bold {
				b.WriteString(" bold")
			}
			if c.fill != "" {
				fmt.Fprintf(&b, " fill=%s", c.fill)
			}
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

func num(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func fig(s string) report.Figure { return report.Figure{Valid: true, Value: model.MustParse(s)} }

func signed(s string) report.Figure {
	f := fig(s)
	f.Signed = true
	return f
}

func text(s string) report.Cell { return report.Cell{Kind: report.TextCell, Text: s} }

func in(i int) *report.Expr { return &report.Expr{Op: report.OpInput, Index: i} }

func konst(s string) *report.Expr {
	return &report.Expr{Op: report.OpConst, Const: model.Value{Num: num(s)}}
}

func op(o report.ExprOp, args ...*report.Expr) *report.Expr { return &report.Expr{Op: o, Args: args} }

// yoy is the derived growth of cur over prev, rounded to one place.
func yoy(curID string, cur model.Value, prevID string, prev model.Value, value string) report.Figure {
	f := signed(value)
	f.Derived = &report.Derivation{Method: "yoy", Formula: "（本期 ÷ 上年同期 − 1）× 100",
		Inputs: []report.Input{{Ref: curID, Label: "2020年", Value: cur}, {Ref: prevID, Label: "2019年", Value: prev}},
		Expr: &report.Expr{Op: report.OpRound, Places: 1, Args: []*report.Expr{
			op(report.OpMul, op(report.OpSub, op(report.OpDiv, in(0), in(1)), konst("1")), konst("100"))}}}
	return f
}

// smallDoc is a hand-built document with every kind of block and cell, so
// that its golden dump only changes when the renderer does.
func smallDoc(lang report.Lang) *report.Document {
	gdp20, gdp19 := model.MustParse("7030.4亿元"), model.MustParse("约6900亿元")
	jobs := model.MustParse("11.11万人")
	share := fig("40%")
	impliedShare := report.Figure{Valid: true, Value: model.MustParse("约4.3%")}
	impliedShare.Derived = &report.Derivation{Method: "share", Inputs: []report.Input{
		{Ref: "t.jobs.hx", Value: model.MustParse("4800人")}, {Ref: "t.jobs", Value: jobs}},
		Expr: &report.Expr{Op: report.OpRound, Places: 1, Args: []*report.Expr{op(report.OpMul,
			op(report.OpDiv, in(0), op(report.OpMul, in(1), konst("10000"))), konst("100"))}}}
	gap := report.Figure{Valid: true, Value: model.MustParse("-1.9个百分点"), Signed: true}
	gap.Derived = &report.Derivation{Method: "target-gap", Inputs: []report.Input{
		{Ref: "t.cpi", Value: model.MustParse("2.1%")}, {Ref: "target:t.cpi", Value: model.MustParse("4%")}},
		Expr: &report.Expr{Op: report.OpRound, Places: 1, Args: []*report.Expr{op(report.OpSub, in(0), in(1))}}}
	g := yoy("t.gdp.2020", gdp20, "t.gdp.2019", gdp19, "1.9%")
	return &report.Document{
		Title:    "测试市2020年简报",
		Subtitle: "数据来源：2份文件",
		Meta: report.Meta{Region: "test", RegionName: "测试市", Period: model.YearOf(2020), Lang: lang,
			Subject: "测试", Author: "statbrief", Keywords: []string{"测试市", "2020"},
			Created:   time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC),
			Documents: []report.SourceDoc{{Doc: "a.txt", Title: "甲文"}, {Doc: "b.txt", Title: "乙文"}}},
		Sources: []report.Citation{{N: 1, Doc: "a.txt", Phrase: "地区生产总值7030.4亿元"}, {N: 2, Doc: "b.txt", Phrase: "新增就业11.11万人"},
			{N: 3, Doc: "a.txt", Phrase: "居民消费价格上涨2.1%"}, {N: 4, Doc: "b.txt", Phrase: "控制在4%以内"}},
		Methods: []report.Method{{ID: "yoy", Title: "同比增速", Text: "由两个总量计算。", Formula: "（本期 ÷ 上年同期 − 1）× 100"}},
		Sections: []report.Section{
			{ID: report.SectionOverview, Title: "概览", Blocks: []report.Block{
				report.Cards{Items: []report.Card{
					{Label: "地区生产总值", Value: fig("7030.4亿元"), Change: g, Trend: report.Up, Cite: 1, Obs: "t.gdp.2020"},
					{Label: "城镇新增就业", Value: fig("11.11万人"), Cite: 2, Obs: "t.jobs"},
				}},
				report.Paragraph{Text: "测试市2020年地区生产总值7030.4亿元，增长1.9%。", Cites: []int{1}},
			}},
			{ID: report.SectionHeadline, Title: "主要指标", Blocks: []report.Block{
				report.Table{ID: "headline", Title: "主要指标", Columns: []report.Column{
					{Key: "indicator", Header: "指标", Kind: report.TextCell},
					{Key: "value", Header: "数值", Kind: report.FigureCell},
					{Key: "prev", Header: "上年同期", Kind: report.FigureCell},
					{Key: "growth", Header: "同比", Kind: report.FigureCell},
				}, Rows: []report.Row{
					{Cells: []report.Cell{text("地区生产总值"), {Kind: report.FigureCell, Figure: fig("7030.4亿元"), Cite: 1, Obs: "t.gdp.2020"},
						{Kind: report.FigureCell, Figure: report.Figure{Valid: true, Value: gdp19}, Obs: "t.gdp.2019"},
						{Kind: report.FigureCell, Figure: g}}},
					{Cells: []report.Cell{text("居民消费价格"), {}, {}, {Kind: report.FigureCell, Figure: signed("2.1%"), Cite: 3, Obs: "t.cpi"}}},
					{Cells: []report.Cell{text("城镇新增就业"), {Kind: report.FigureCell, Figure: fig("11.11万人"), Cite: 2, Obs: "t.jobs"},
						{Kind: report.FigureCell, Figure: report.Figure{Reason: "上年数缺失"}}, {}}, Emphasis: true},
				}},
				report.Chart{ID: "yoy", Title: "同比增速（%）", Type: report.BarChart, Categories: []string{"地区生产总值", "居民消费价格"},
					Series: []report.Series{{Name: "测试市", Values: []report.Figure{g, signed("2.1%")}}}, Unit: "%"},
			}},
			{ID: report.SectionTargets, Title: "目标完成", Blocks: []report.Block{
				report.Table{ID: "targets", Title: "目标完成", Columns: []report.Column{
					{Key: "indicator", Header: "指标", Kind: report.TextCell},
					{Key: "target", Header: "目标", Kind: report.FigureCell},
					{Key: "actual", Header: "实际", Kind: report.FigureCell},
					{Key: "status", Header: "完成情况", Kind: report.StatusCell},
					{Key: "gap", Header: "与目标差", Kind: report.FigureCell},
				}, Rows: []report.Row{
					{Cells: []report.Cell{text("居民消费价格"), {Kind: report.FigureCell, Figure: fig("4%以内"), Cite: 4, Obs: "target:t.cpi"},
						{Kind: report.FigureCell, Figure: signed("2.1%"), Cite: 3, Obs: "t.cpi"},
						{Kind: report.StatusCell, Status: report.Met}, {Kind: report.FigureCell, Figure: gap}}},
					{Cells: []report.Cell{text("城镇新增就业"), {Kind: report.FigureCell, Figure: fig("9.6万人以上")}, {},
						{Kind: report.StatusCell, Status: report.NotAssessable, Text: "no actual"}, {}}},
				}},
			}},
			{ID: report.SectionRegions, Title: "区域", Blocks: []report.Block{
				report.Table{ID: "regions", Title: "区域", Columns: []report.Column{
					{Key: "region", Header: "区域", Kind: report.TextCell},
					{Key: "value", Header: "数值", Kind: report.FigureCell},
					{Key: "share_stated", Header: "占比（公布）", Kind: report.FigureCell},
					{Key: "share_computed", Header: "占比（推算）", Kind: report.FigureCell},
				}, Rows: []report.Row{
					{Cells: []report.Cell{text("高新区"), {Kind: report.FigureCell, Figure: fig("4800人"), Obs: "t.jobs.hx"},
						{Kind: report.FigureCell, Figure: share}, {Kind: report.FigureCell, Figure: impliedShare}}},
				}},
				report.Chart{ID: "shares", Title: "占全市比重（%）", Type: report.BarChart, Categories: []string{"高新区"},
					Series: []report.Series{{Name: "占比", Values: []report.Figure{share}}}},
			}},
			{ID: report.SectionData, Title: "数据", Blocks: []report.Block{
				report.Table{ID: "data", Title: "数据", Columns: []report.Column{
					{Key: "id", Header: "编号", Kind: report.TextCell},
					{Key: "value", Header: "数值", Kind: report.FigureCell},
					{Key: "doc", Header: "文件", Kind: report.TextCell},
					{Key: "phrase", Header: "原文", Kind: report.TextCell},
				}, Rows: []report.Row{
					{Cells: []report.Cell{text("t.gdp.2020"), {Kind: report.FigureCell, Figure: fig("7030.4亿元"), Obs: "t.gdp.2020"}, text("a.txt"), text("地区生产总值7030.4亿元")}},
					{Cells: []report.Cell{text("t.gdp.2019"), {Kind: report.FigureCell, Figure: report.Figure{Valid: true, Value: gdp19}, Obs: "t.gdp.2019"}, text("a.txt"), text("上年约6900亿元")}},
					{Cells: []report.Cell{text("t.jobs"), {Kind: report.FigureCell, Figure: fig("11.11万人"), Obs: "t.jobs"}, text("b.txt"), text("新增就业11.11万人")}},
					{Cells: []report.Cell{text("t.cpi"), {Kind: report.FigureCell, Figure: fig("2.1%"), Obs: "t.cpi"}, text("a.txt"), text("=上涨2.1%")}},
					{Cells: []report.Cell{text("t.jobs.hx"), {Kind: report.FigureCell, Figure: fig("4800人"), Obs: "t.jobs.hx"}, text("b.txt"), text("高新区4800人")}},
				}},
			}},
			{ID: report.SectionMethods, Title: "说明", Blocks: []report.Block{
				report.Heading{Level: 2, Text: "同比增速"}, report.Paragraph{Text: "由两个总量计算。"}, report.Note{Text: "（本期 ÷ 上年同期 − 1）× 100"},
			}},
			{ID: report.SectionSources, Title: "来源", Blocks: []report.Block{
				report.Table{ID: "sources", Title: "来源", Columns: []report.Column{
					{Key: "n", Header: "#", Kind: report.TextCell}, {Key: "doc", Header: "文件", Kind: report.TextCell},
					{Key: "phrase", Header: "原文", Kind: report.TextCell}},
					Rows: []report.Row{{Cells: []report.Cell{text("1"), text("a.txt"), text("地区生产总值7030.4亿元")}},
						{Cells: []report.Cell{text("2"), text("b.txt"), text("新增就业11.11万人")}}}},
			}},
		},
	}
}

func zipFiles(t testing.TB, b []byte) []*zip.File {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return zr.File
}

// sheetPart returns the XML of the worksheet named sheet.
func sheetPart(t testing.TB, b []byte, sheet string) string {
	t.Helper()
	f := open(t, b)
	for id, name := range f.GetSheetMap() {
		if name == sheet {
			return parts(t, b)[fmt.Sprintf("xl/worksheets/sheet%d.xml", id)]
		}
	}
	t.Fatalf("no sheet %s", sheet)
	return ""
}

var ignoredNumberText = regexp.MustCompile(`<ignoredError sqref="([^"]*)" numberStoredAsText="1"/>`)

// textExempt reports whether Excel is told not to flag cell ref of a
// worksheet's XML as a number stored as text.
func textExempt(sheetXML, ref string) bool {
	col, row, err := excelize.CellNameToCoordinates(ref)
	if err != nil {
		return false
	}
	for _, m := range ignoredNumberText.FindAllStringSubmatch(sheetXML, -1) {
		for _, rng := range strings.Fields(m[1]) {
			a, z, ok := strings.Cut(rng, ":")
			if !ok {
				z = a
			}
			c1, r1, err1 := excelize.CellNameToCoordinates(a)
			c2, r2, err2 := excelize.CellNameToCoordinates(z)
			if err1 == nil && err2 == nil && c1 <= col && col <= c2 && r1 <= row && row <= r2 {
				return true
			}
		}
	}
	return false
}

// cellToken is a cell reference: column and row, each perhaps absolute.
var cellToken = regexp.MustCompile(`^(\$?)([A-Z]{1,3})(\$?)([0-9]+)$`)

// mapRefs calls fn for every cell reference or range of a formula outside
// its string literals, with the sheet it names ("" for the formula's own),
// and returns the formula with each reference replaced by fn's result.
func mapRefs(fx string, fn func(sheet, ref string) string) string {
	var b strings.Builder
	sheet := ""
	for i := 0; i < len(fx); {
		c := fx[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(fx) {
				if fx[j] == '"' {
					if j+1 < len(fx) && fx[j+1] == '"' {
						j += 2
						continue
					}
					break
				}
				j++
			}
			b.WriteString(fx[i : j+1])
			i = j + 1
		case c == '\'':
			j := i + 1
			for j < len(fx) {
				if fx[j] == '\'' {
					if j+1 < len(fx) && fx[j+1] == '\'' {
						j += 2
						continue
					}
					break
				}
				j++
			}
			sheet = strings.ReplaceAll(fx[i+1:j], "''", "'")
			b.WriteString(fx[i : j+2]) // the name and its "!"
			i = j + 2
			continue
		case c == '$' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			j := i
			for j < len(fx) && (fx[j] == '$' || fx[j] == ':' || fx[j] == '.' || fx[j] == '_' ||
				fx[j] >= 'A' && fx[j] <= 'Z' || fx[j] >= 'a' && fx[j] <= 'z' || fx[j] >= '0' && fx[j] <= '9') {
				j++
			}
			tok := fx[i:j]
			switch {
			case j < len(fx) && fx[j] == '(':
				b.WriteString(tok) // a function
			case j < len(fx) && fx[j] == '!':
				sheet = tok
				b.WriteString(tok + "!")
				i = j + 1
				continue
			default:
				b.WriteString(fn(sheet, tok))
			}
			i = j
		default:
			b.WriteByte(c)
			i++
		}
		sheet = ""
	}
	return b.String()
}

// shiftRefs moves the relative rows of the references of a formula by
// delta, as a spreadsheet does to a formula whose row moves when a table
// is sorted.
func shiftRefs(fx string, delta int) string {
	return mapRefs(fx, func(_, ref string) string {
		ends := strings.Split(ref, ":")
		for k, e := range ends {
			m := cellToken.FindStringSubmatch(e)
			if m == nil || m[3] == "$" {
				continue
			}
			r, _ := strconv.Atoi(m[4])
			ends[k] = m[1] + m[2] + m[3] + strconv.Itoa(r+delta)
		}
		return strings.Join(ends, ":")
	})
}

// regionDoc builds the briefing of a region in 2020.
func regionDoc(tb testing.TB, region string, lang report.Lang) *report.Document {
	tb.Helper()
	ds, err := seeds.Load()
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := report.Build(context.Background(), ds, report.Spec{Region: region, Year: 2020, Lang: lang})
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// briefings are the default workbooks a layout test looks at: Dalian in
// both languages and the High-tech Zone.
func briefings(tb testing.TB) map[string]*report.Document {
	return map[string]*report.Document{"dalian-zh": regionDoc(tb, "dalian", report.Chinese),
		"dalian-en": regionDoc(tb, "dalian", report.English), "gaoxin-zh": regionDoc(tb, "gaoxin", report.Chinese)}
}

// sheetRows returns the rows of a sheet by 1-based number, and which rows
// are merged text rows and table header rows.
func sheetRows(t testing.TB, f *excelize.File, sheet string, info []cellInfo) (rows [][]string, merged, header, bold map[int]bool) {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	merged, header, bold = map[int]bool{}, map[int]bool{}, map[int]bool{}
	ms, _ := f.GetMergeCells(sheet)
	for _, m := range ms {
		_, r, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
		merged[r] = true
	}
	for _, c := range info {
		if c.sheet != sheet {
			continue
		}
		col, r, _ := excelize.CellNameToCoordinates(c.ref)
		if c.fill == "DDEBF7" {
			header[r] = true
		}
		if col == 1 && c.bold {
			bold[r] = true
		}
	}
	return rows, merged, header, bold
}
