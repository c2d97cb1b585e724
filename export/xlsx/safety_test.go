package xlsx_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/statbrief/statbrief/export/xlsx"
	"github.com/statbrief/statbrief/internal/xlsxcheck"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
	"github.com/xuri/excelize/v2"
)

// withData returns the small document with extra rows in its data table.
func withData(rows ...report.Row) *report.Document {
	doc := smallDoc(report.Chinese)
	tab := doc.Sections[4].Blocks[0].(report.Table)
	tab.Rows = append(append([]report.Row{}, tab.Rows...), rows...)
	doc.Sections[4].Blocks[0] = tab
	return doc
}

// TestInjection: text that begins like a formula stays text.
func TestInjection(t *testing.T) {
	inputs := []string{"=1+1", "+SUM(A1:A2)", "-A1", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")", "-", "+"}
	var rows []report.Row
	for _, s := range inputs {
		rows = append(rows, report.Row{Cells: []report.Cell{text("t.x"), {}, text("a.txt"), text(s)}})
	}
	f := open(t, render(t, withData(rows...)))
	for i, s := range inputs {
		ref, _ := excelize.CoordinatesToCellName(6, 7+i)
		fx, _ := f.GetCellFormula("数据", ref)
		typ, _ := f.GetCellType("数据", ref)
		v, _ := f.GetCellValue("数据", ref)
		if fx != "" || typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString || v != s {
			t.Errorf("%q: formula %q, type %v, value %q", s, fx, typ, v)
		}
	}
}

// TestControlChars: characters XML cannot hold are removed by default and
// reported with the cell's name under RejectControlChars.
func TestControlChars(t *testing.T) {
	doc := withData(report.Row{Cells: []report.Cell{text("t.x"), {}, text("a.txt"), text("bad\x01text\x1f\ufffe\xff end\ttab")}})
	f := open(t, render(t, doc))
	if v, _ := f.GetCellValue("数据", "F7"); v != "badtext end\ttab" {
		t.Errorf("cleaned text %q", v)
	}
	r, _ := xlsx.New(xlsx.RejectControlChars())
	err := r.Render(context.Background(), io.Discard, doc)
	var ce *xlsx.CellError
	if !errors.Is(err, xlsx.ErrControlChar) || !errors.As(err, &ce) || ce.Sheet != "数据" || ce.Cell != "F7" {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "数据!F7") {
		t.Errorf("message %q does not name the cell", err)
	}
}

// TestTextLength: 32,767 UTF-16 units fit a cell; one more is an error,
// never a silent cut. Characters outside the BMP count two units.
func TestTextLength(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    string
		ok   bool
	}{
		{"ascii max", strings.Repeat("a", 32767), true},
		{"ascii over", strings.Repeat("a", 32768), false},
		{"cjk max", strings.Repeat("数", 32767), true},
		{"cjk over", strings.Repeat("数", 32768), false},
		{"astral over", strings.Repeat("𠀀", 16384), false},
		{"astral max", strings.Repeat("𠀀", 16383) + "a", true},
	} {
		doc := withData(report.Row{Cells: []report.Cell{text("t.x"), {}, text("a.txt"), text(tc.s)}})
		r, _ := xlsx.New()
		var buf bytes.Buffer
		err := r.Render(context.Background(), &buf, doc)
		if tc.ok {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
				continue
			}
			f := open(t, buf.Bytes())
			if v, _ := f.GetCellValue("数据", "F7"); v != tc.s {
				t.Errorf("%s: text changed (%d bytes, want %d)", tc.name, len(v), len(tc.s))
			}
			continue
		}
		var ce *xlsx.CellError
		if !errors.Is(err, xlsx.ErrTextTooLong) || !errors.As(err, &ce) || ce.Cell != "F7" {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
}

// TestDigits: at most 15 significant digits, else a typed error naming the
// cell; errors are collected.
func TestDigits(t *testing.T) {
	figRow := func(id, v string) report.Row {
		return report.Row{Cells: []report.Cell{text(id), {Kind: report.FigureCell, Figure: fig(v)}, text("a.txt"), text("x")}}
	}
	ok := withData(figRow("t.a", "123456789012345亿元"), figRow("t.b", "0.000000000000001"))
	f := open(t, render(t, ok))
	if v, _ := f.GetCellValue("数据", "B7", excelize.Options{RawCellValue: true}); v != "123456789012345" {
		t.Errorf("15 digits stored as %q", v)
	}
	bad := withData(figRow("t.a", "1234567890123456"), figRow("t.b", "1.234567890123456"))
	r, _ := xlsx.New()
	err := r.Render(context.Background(), io.Discard, bad)
	if !errors.Is(err, xlsx.ErrTooManyDigits) {
		t.Fatalf("err = %v", err)
	}
	for _, cell := range []string{"数据!B7", "数据!B8"} {
		if !strings.Contains(err.Error(), cell) {
			t.Errorf("error %q does not name %s", err, cell)
		}
	}
}

// TestSheetNameOption checks names given for sections against Excel's rules.
func TestSheetNameOption(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"Observations", true},
		{"观测数据", true},
		{strings.Repeat("数", 31), true},
		{strings.Repeat("数", 32), false},
		{strings.Repeat("𠀀", 16), false}, // 32 UTF-16 units
		{"", false},
		{"a/b", false}, {"a\\b", false}, {"a?b", false}, {"a*b", false}, {"a[b]", false}, {"a:b", false},
		{"'quoted'", false}, {"History", false}, {"tab\tname", false},
	} {
		_, err := xlsx.New(xlsx.SheetName("data", tc.name))
		var se *xlsx.SheetNameError
		if tc.ok != (err == nil) || !tc.ok && (!errors.Is(err, xlsx.ErrSheetName) || !errors.As(err, &se)) {
			t.Errorf("%q: err = %v", tc.name, err)
		}
	}
	if _, err := xlsx.New(xlsx.SheetName("data", "X"), xlsx.SheetName("sources", "x")); !errors.Is(err, xlsx.ErrSheetName) {
		t.Errorf("duplicate names: err = %v", err)
	}
	f := open(t, render(t, smallDoc(report.Chinese), xlsx.SheetName("data", "Observations")))
	if got := strings.Join(f.GetSheetList(), ","); !strings.Contains(got, ",Observations,") {
		t.Errorf("sheets %s", got)
	}
	// a default name is free once its section has another
	f = open(t, render(t, smallDoc(report.Chinese), xlsx.SheetName("data", "说明"), xlsx.SheetName("methods", "方法")))
	if got := strings.Join(f.GetSheetList(), ","); !strings.HasSuffix(got, ",说明,方法,来源") {
		t.Errorf("sheets %s", got)
	}
}

// TestSheetNameOptionErrors: New rejects a section ID that names no
// section with a *SectionError, and a name that is another sheet's, given
// or by default in either language, or that of a sheet a section
// continues on, with a *SheetNameError; it accepts the others.
func TestSheetNameOptionErrors(t *testing.T) {
	for _, tc := range []struct {
		what string
		opts []xlsx.Option
		id   string // the unknown section ID, if that is the error
		name string // the name not unique, if that is the error
	}{
		{"unknown ID", []xlsx.Option{xlsx.SheetName("nosuch", "X")}, "nosuch", ""},
		{"unknown ID, a continuation's name", []xlsx.Option{xlsx.SheetName("other", "数据(2)"), xlsx.RowsPerSheet(100)}, "other", ""},
		{"empty ID", []xlsx.Option{xlsx.SheetName("", "X")}, "", ""},
		{"another section's default", []xlsx.Option{xlsx.SheetName("data", "说明")}, "", "说明"},
		{"another section's English default, in other case", []xlsx.Option{xlsx.SheetName("data", "METHODS")}, "", "METHODS"},
		{"the charts' default", []xlsx.Option{xlsx.SheetName("data", "图表")}, "", "图表"},
		{"for the charts, a section's default", []xlsx.Option{xlsx.SheetName(xlsx.SectionCharts, "Headline")}, "", "Headline"},
		{"another given name", []xlsx.Option{xlsx.SheetName("data", "X"), xlsx.SheetName("sources", "x")}, "", "X"},
		{"a continuation of the data sheet", []xlsx.Option{xlsx.SheetName("methods", "数据(2)"), xlsx.RowsPerSheet(100)}, "", "数据(2)"},
		{"a later continuation, English", []xlsx.Option{xlsx.SheetName("sources", "data(12)")}, "", "data(12)"},
		{"a continuation of a given name", []xlsx.Option{xlsx.SheetName("data", "Obs"), xlsx.SheetName("methods", "Obs(2)")}, "", "Obs(2)"},
		{"a given name, a default's continuation", []xlsx.Option{xlsx.SheetName("checks", "来源(3)")}, "", "来源(3)"},
		{"own default", []xlsx.Option{xlsx.SheetName("data", "数据")}, "", ""},
		{"renamed both ways", []xlsx.Option{xlsx.SheetName("data", "Methods"), xlsx.SheetName("methods", "Data")}, "", ""},
		{"not a continuation", []xlsx.Option{xlsx.SheetName("methods", "数据(1)"), xlsx.SheetName("sources", "数据2")}, "", ""},
		{"charts", []xlsx.Option{xlsx.SheetName(xlsx.SectionCharts, "图")}, "", ""},
	} {
		_, err := xlsx.New(tc.opts...)
		var sec *xlsx.SectionError
		var sn *xlsx.SheetNameError
		switch {
		case tc.id != "" || tc.what == "empty ID":
			if !errors.Is(err, xlsx.ErrUnknownSection) || !errors.As(err, &sec) || sec.ID != tc.id || !strings.Contains(err.Error(), strconv.Quote(tc.id)) {
				t.Errorf("%s: err = %v, want a *SectionError naming %q", tc.what, err, tc.id)
			}
		case tc.name != "":
			if !errors.Is(err, xlsx.ErrSheetName) || !errors.As(err, &sn) || sn.Name != tc.name || !strings.Contains(sn.Reason, "not unique") {
				t.Errorf("%s: err = %v, want a *SheetNameError for %q, not unique", tc.what, err, tc.name)
			}
		case err != nil:
			t.Errorf("%s: err = %v", tc.what, err)
		}
	}
	// a given name continues as the default does
	f := open(t, render(t, xlsxcheck.DataDocument(250, report.Chinese), xlsx.SheetName("data", "Obs"), xlsx.RowsPerSheet(100)))
	if got := strings.Join(f.GetSheetList(), ","); got != "Obs,Obs(2),Obs(3)" {
		t.Errorf("sheets %s, want Obs,Obs(2),Obs(3)", got)
	}
}

// TestSheetNamesFromTitles: sections without a default name are named after
// their title, made valid and unique.
func TestSheetNamesFromTitles(t *testing.T) {
	doc := smallDoc(report.Chinese)
	long := strings.Repeat("长", 40)
	doc.Sections = append(doc.Sections,
		report.Section{ID: "x1", Title: "a/b:c*d?[e]"},
		report.Section{ID: "x2", Title: long},
		report.Section{ID: "x3", Title: long},
		report.Section{ID: "x4", Title: "'History'"},
		report.Section{ID: "x5", Title: "说明"},
	)
	f := open(t, render(t, doc))
	got := f.GetSheetList()
	want := []string{"a_b_c_d__e_", strings.Repeat("长", 31), strings.Repeat("长", 28) + "(2)", "Sheet11", "说明(2)"}
	tail := got[len(got)-len(want):]
	for i := range want {
		if tail[i] != want[i] {
			t.Errorf("sheet %d = %q, want %q", i, tail[i], want[i])
		}
	}
}

// TestDeterminism: the same document gives the same bytes, rendered one
// after another or from 8 goroutines at once.
func TestDeterminism(t *testing.T) {
	docs := []*report.Document{smallDoc(report.Chinese)}
	if !testing.Short() {
		docs = append(docs, defaultDoc(t, report.Chinese), defaultDoc(t, report.English))
	}
	r, err := xlsx.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range docs {
		first := render(t, doc)
		if again := render(t, doc); !bytes.Equal(first, again) {
			t.Fatal("two renderings differ")
		}
		var wg sync.WaitGroup
		out := make([][]byte, 8)
		errs := make([]error, 8)
		for i := range out {
			wg.Go(func() {
				var b bytes.Buffer
				errs[i] = r.Render(context.Background(), &b, doc)
				out[i] = b.Bytes()
			})
		}
		wg.Wait()
		for i := range out {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			if !bytes.Equal(out[i], first) {
				t.Errorf("goroutine %d: bytes differ", i)
			}
		}
	}
}

// TestCreationTime: the document's time by default, the option's if set;
// both in the properties and the zip entries.
func TestCreationTime(t *testing.T) {
	when := time.Date(2022, 3, 4, 5, 6, 7, 0, time.UTC)
	b := render(t, smallDoc(report.Chinese), xlsx.CreationTime(when))
	props, _ := open(t, b).GetDocProps()
	if props.Created != "2022-03-04T05:06:07Z" || props.Modified != "2022-03-04T05:06:07Z" {
		t.Errorf("properties %+v", props)
	}
	zr := zipFiles(t, b)
	for _, f := range zr {
		if !f.Modified.Equal(when) {
			t.Errorf("%s modified %v", f.Name, f.Modified)
		}
	}
	if !bytes.Equal(render(t, smallDoc(report.Chinese)), render(t, smallDoc(report.Chinese), xlsx.CreationTime(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)))) {
		t.Error("the default is not the document's creation time")
	}
}

// TestOptionsErrors: options outside their range are errors.
func TestOptionsErrors(t *testing.T) {
	for _, o := range []xlsx.Option{xlsx.MaxColumnWidth(5), xlsx.MaxColumnWidth(300), xlsx.RowsPerSheet(1),
		xlsx.RowsPerSheet(xlsx.MaxRows + 1), xlsx.CreationTime(time.Time{})} {
		if _, err := xlsx.New(o); err == nil {
			t.Error("no error")
		}
	}
	r, _ := xlsx.New()
	if err := r.Render(context.Background(), io.Discard, nil); err == nil {
		t.Error("nil document: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := r.Render(ctx, io.Discard, smallDoc(report.Chinese)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

// TestFigureValues: exact decimals, never float noise, in their own unit.
func TestFigureValues(t *testing.T) {
	doc := withData(
		report.Row{Cells: []report.Cell{text("t.a"), {Kind: report.FigureCell, Figure: report.Figure{Valid: true, Value: model.Value{Num: num("0.1"), Places: 1}}}, text("a.txt"), text("x")}},
		report.Row{Cells: []report.Cell{text("t.b"), {Kind: report.FigureCell, Figure: fig("0.30亿元")}, text("a.txt"), text("x")}},
		report.Row{Cells: []report.Cell{text("t.c"), {Kind: report.FigureCell, Figure: fig("-1.6%")}, text("a.txt"), text("x")}},
	)
	f := open(t, render(t, doc))
	for cell, want := range map[string]string{"B7": "0.1", "B8": "0.3", "B9": "-1.6"} {
		if v, _ := f.GetCellValue("数据", cell, excelize.Options{RawCellValue: true}); v != want {
			t.Errorf("%s = %q, want %q", cell, v, want)
		}
	}
	if v, _ := f.GetCellValue("数据", "B8"); v != "0.30" {
		t.Errorf("B8 shows %q, want 0.30 (two places as published)", v)
	}
}

// TestWarmRenderer: a renderer that has rendered other documents (and keeps
// their compressed parts) gives the same bytes as a new one, one document
// after another and from several goroutines at once.
func TestWarmRenderer(t *testing.T) {
	docs := []*report.Document{smallDoc(report.Chinese), smallDoc(report.English)}
	if !testing.Short() {
		docs = append(docs, defaultDoc(t, report.Chinese), defaultDoc(t, report.English))
	}
	fresh := make([][]byte, len(docs))
	for i, doc := range docs {
		fresh[i] = render(t, doc)
	}
	r, err := xlsx.New()
	if err != nil {
		t.Fatal(err)
	}
	// every document after every other, twice over
	for round := range 2 {
		for i := range docs {
			for _, j := range []int{i, (i + 1) % len(docs)} {
				var b bytes.Buffer
				if err := r.Render(context.Background(), &b, docs[j]); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(b.Bytes(), fresh[j]) {
					t.Fatalf("round %d: document %d after %d: bytes differ from a new renderer's", round, j, i)
				}
			}
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, 4*len(docs))
	for k := range errs {
		wg.Go(func() {
			var b bytes.Buffer
			if err := r.Render(context.Background(), &b, docs[k%len(docs)]); err != nil {
				errs[k] = err
			} else if !bytes.Equal(b.Bytes(), fresh[k%len(docs)]) {
				errs[k] = fmt.Errorf("goroutine %d: bytes differ from a new renderer's", k)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

// TestTextStaysText: a text made of digits (an ID card number, a code with
// leading zeros, a year heading) is a string, not a figure: it is stored as
// text exactly as written, whatever its length, and Excel is told not to
// flag it as a number stored as text. Only figures are numbers, and only
// figures are held to 15 significant digits.
func TestTextStaysText(t *testing.T) {
	texts := []string{"110101199003077777", "1234567890123456", "007", "2020", "-3.50", "+5", "12", "1e5"}
	var rows []report.Row
	for _, s := range texts {
		rows = append(rows, report.Row{Cells: []report.Cell{text(s), {}, text("a.txt"), text(s)}})
	}
	doc := withData(rows...)
	meth := &doc.Sections[5]
	meth.Blocks = append(meth.Blocks, report.Heading{Level: 2, Text: "110101199003077777"}, report.Paragraph{Text: "2020"})
	b := render(t, doc)
	f := open(t, b)
	data := sheetPart(t, b, "数据")
	for i, s := range texts {
		for _, col := range []string{"A", "F"} {
			ref := fmt.Sprintf("%s%d", col, 7+i)
			typ, _ := f.GetCellType("数据", ref)
			v, _ := f.GetCellValue("数据", ref, excelize.Options{RawCellValue: true})
			if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString || v != s {
				t.Errorf("数据!%s: type %v, value %q, want the text %q", ref, typ, v, s)
			}
			if !textExempt(data, ref) {
				t.Errorf("数据!%s %q: not exempt from Excel's number-stored-as-text check", ref, s)
			}
		}
	}
	rows2, _ := f.GetRows("说明", excelize.Options{RawCellValue: true})
	methods := sheetPart(t, b, "说明")
	found := 0
	for r, row := range rows2 {
		if len(row) == 0 || row[0] != "110101199003077777" && row[0] != "2020" {
			continue
		}
		found++
		ref := fmt.Sprintf("A%d", r+1)
		if typ, _ := f.GetCellType("说明", ref); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("说明!%s %q: type %v, want text", ref, row[0], typ)
		}
		if !textExempt(methods, ref) {
			t.Errorf("说明!%s %q: not exempt", ref, row[0])
		}
	}
	if found != 2 {
		t.Errorf("found %d of the 2 numeric-looking text rows on 说明", found)
	}
	// a figure of 16 digits is still an error
	bad := withData(report.Row{Cells: []report.Cell{text("t.big"), {Kind: report.FigureCell, Figure: fig("1234567890123456")}, text("a.txt"), text("x")}})
	r, _ := xlsx.New()
	if err := r.Render(context.Background(), io.Discard, bad); !errors.Is(err, xlsx.ErrTooManyDigits) || !strings.Contains(err.Error(), "数据!B7") {
		t.Errorf("16-digit figure: err = %v", err)
	}
}

// TestLongTitle: a document title longer than a page header holds (255
// characters) is shortened with "…" in the header, which is decoration,
// and kept whole in its cell and in the properties; ampersands are not
// cut in half.
func TestLongTitle(t *testing.T) {
	for _, title := range []string{
		strings.Repeat("大连市经济社会发展简报", 30), // 330 characters
		strings.Repeat("R&D ", 80),        // 320, with & that the header doubles
		strings.Repeat("a", 254),
	} {
		doc := smallDoc(report.Chinese)
		doc.Title = title
		b := render(t, doc)
		f := open(t, b)
		hf, err := f.GetHeaderFooter("主要指标")
		if err != nil {
			t.Fatal(err)
		}
		n := len(utf16.Encode([]rune(hf.OddHeader)))
		if n > 255 || !strings.HasPrefix(hf.OddHeader, "&L") || !strings.HasSuffix(hf.OddHeader, "&R&A") {
			t.Errorf("%.20q…: header of %d units: %.40q…", title, n, hf.OddHeader)
		}
		shown := strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(hf.OddHeader, "&L"), "&R&A"), "&&", "&")
		if len(title) > 251 && !strings.HasSuffix(shown, "…") || !strings.HasPrefix(title, strings.TrimSuffix(shown, "…")) {
			t.Errorf("%.20q…: header shows %.40q…", title, shown)
		}
		if v, _ := f.GetCellValue("概览", "A1"); v != title {
			t.Errorf("%.20q…: title cell %.40q…", title, v)
		}
		if p, _ := f.GetDocProps(); p.Title != title {
			t.Errorf("%.20q…: title property %.40q…", title, p.Title)
		}
	}
}
