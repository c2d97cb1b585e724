package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/statbrief/statbrief/report"
	"github.com/xuri/excelize/v2"
)

// decorate creates the sheets in excelize and what of them does not
// depend on check: widths, frozen panes, filters, charts, print setup and
// the document properties. It runs while the workbook is checked, on
// another goroutine: it only reads the plan, and the excelize file is its
// own until it returns. named is closed once the sheets are created (their
// part names known).
func (b *build) decorate(named chan<- struct{}) error {
	f := b.f
	for i, s := range b.sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return fmt.Errorf("xlsx: sheet %q: %w", s.name, err)
			}
			continue
		}
		if _, err := f.NewSheet(s.name); err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", s.name, err)
		}
	}
	ids := map[string]int{}
	for id, name := range f.GetSheetMap() {
		ids[name] = id
	}
	for _, s := range b.sheets {
		s.partIdx = ids[s.name]
	}
	close(named)
	for _, s := range b.sheets {
		if err := b.decorateSheet(s); err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", s.name, err)
		}
	}
	f.SetActiveSheet(0)
	return b.properties()
}

// decorateChecked adds what depends on check: the colours of rises and
// declines and of verdicts, data bars, and the provenance comments.
func (b *build) decorateChecked() error {
	for _, s := range b.sheets {
		if err := b.conditionalFormats(s); err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", s.name, err)
		}
	}
	return b.addComments()
}

func (b *build) decorateSheet(s *sheet) error {
	f := b.f
	for c := 0; c < len(s.widths); {
		e := c
		for e+1 < len(s.widths) && s.widths[e+1] == s.widths[c] {
			e++
		}
		if err := f.SetColWidth(s.name, colName(c), colName(e), round2(s.widths[c])); err != nil {
			return err
		}
		c = e + 1
	}
	if s.freeze > 0 {
		if err := f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: s.freeze,
			TopLeftCell: cellRef(0, s.freeze+1), ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	if s.filter != "" {
		if err := f.AutoFilter(s.name, s.filter, nil); err != nil {
			return err
		}
	}
	for _, cp := range s.charts {
		if err := b.addChart(s, cp); err != nil {
			return err
		}
	}
	return b.printSetup(s)
}

func round2(w float64) float64 { return float64(int(w*4+0.5)) / 4 }

func (b *build) author() string {
	if b.doc.Meta.Author != "" {
		return b.doc.Meta.Author
	}
	return "statbrief"
}

// conditionalFormats colours growth (red below zero, green above) and
// verdicts (by tone), and puts data bars on shares.
func (b *build) conditionalFormats(s *sheet) error {
	bad, good := dxfBad, dxfGood
	signed := []excelize.ConditionalFormatOptions{
		{Type: "cell", Criteria: "<", Value: "0", Format: &bad},
		{Type: "cell", Criteria: ">", Value: "0", Format: &good},
	}
	var status []excelize.ConditionalFormatOptions
	for _, st := range []report.Status{report.Met, report.Exceeded, report.WithinTolerance, report.Consistent,
		report.Missed, report.Inconsistent} {
		format := &good
		if st.Tone() == report.ToneBad {
			format = &bad
		}
		txt := report.StatusText(st, b.lang)
		if txt == "" {
			continue
		}
		status = append(status, excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==",
			Value: `"` + strings.ReplaceAll(txt, `"`, `""`) + `"`, Format: format})
	}
	bars := []excelize.ConditionalFormatOptions{{Type: "data_bar", Criteria: "=", MinType: "num", MinValue: "0",
		MaxType: "num", MaxValue: "100", BarColor: "#" + colorBar, BarSolid: true}}
	for _, it := range s.items {
		p := it.part
		if p == nil || p.to <= p.from || p.blanks {
			continue
		}
		first, last := p.row(p.from), p.row(p.to-1)
		for ci, cp := range p.lay.cols {
			rng := cellRef(cp.at, first) + ":" + cellRef(cp.at, last)
			var rules []excelize.ConditionalFormatOptions
			switch {
			case cp.status:
				rules = status
			case cp.share && cp.number:
				rules = bars
			case len(p.signed[ci]) > 0:
				rules, rng = signed, runs(cp.at, p.signed[ci])
			}
			if len(rules) == 0 {
				continue
			}
			if err := b.f.SetConditionalFormat(s.name, rng, rules); err != nil {
				return err
			}
		}
	}
	return nil
}

// printSetup sets A4, landscape for wide sheets, one page wide, repeated
// header rows, page breaks before charts, and a page-number footer.
func (b *build) printSetup(s *sheet) error {
	f := b.f
	size, fit, tall := 9, 1, 0
	orient := b.orientation(s)
	if err := f.SetPageLayout(s.name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient,
		FitToWidth: &fit, FitToHeight: &tall}); err != nil {
		return err
	}
	yes := true
	if err := f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	side, top, hf := 0.5, 0.75, 0.3
	if err := f.SetPageMargins(s.name, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side,
		Top: &top, Bottom: &top, Header: &hf, Footer: &hf}); err != nil {
		return err
	}
	if from, to := s.printed(); (from > 0 || to < len(s.widths) || s.printRow > 1) && from < to {
		// the columns only machines need (IDs, byte offsets) are not
		// printed, nor the copy of a header under the title (headerRows)
		ref := quoteSheet(s.name) + "!$" + colName(from) + "$" + itoa(max(s.printRow, 1)) + ":$" + colName(to-1) + "$" + itoa(max(s.next-1, 1))
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: ref, Scope: s.name}); err != nil {
			return err
		}
	}
	head := "&L" + headerText(b.doc.Title, maxHeader-len("&L&R&A")) + "&R&A"
	if err := f.SetHeaderFooter(s.name, &excelize.HeaderFooterOptions{OddHeader: head, OddFooter: b.w.footer}); err != nil {
		return err
	}
	if s.titles != "" {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
			RefersTo: quoteSheet(s.name) + "!" + s.titles, Scope: s.name}); err != nil {
			return err
		}
	}
	for _, r := range s.breaks {
		if err := f.InsertPageBreak(s.name, cellRef(0, r)); err != nil {
			return err
		}
	}
	return nil
}

// properties writes the document properties.
func (b *build) properties() error {
	m := b.doc.Meta
	lang := "zh-CN"
	if b.lang == report.English {
		lang = "en-US"
	}
	ts := b.created.Format(time.RFC3339)
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Title: b.doc.Title, Subject: m.Subject, Creator: b.author(), LastModifiedBy: b.author(),
		Keywords: strings.Join(m.Keywords, ", "), Description: b.doc.Subtitle, Language: lang,
		Created: ts, Modified: ts, Category: "statbrief",
	}); err != nil {
		return err
	}
	return b.f.SetAppProps(&excelize.AppProperties{Application: "statbrief"})
}

// write streams the workbook to w.
func (b *build) write(w io.Writer) error {
	z := newZipOut(w, b.created, b.sh)
	defer z.abort()
	for _, s := range b.sheets {
		name := sheetPart(s)
		if made := b.pre.rows(name); made != nil {
			z.made[name] = made
		} else {
			z.rows[name] = b.writeSheet(s)
		}
		cols := max(s.textN, 1)
		last := max(s.next-1, 1)
		z.dims[name] = "A1:" + cellRef(cols-1, last)
		z.merges[name] = s.mergeXML()
		z.ignored[name] = s.ignoredErrorsXML
	}
	// styles are made as cells are written: the style sheet comes last
	z.replace["xl/styles.xml"] = func([]byte) ([]byte, error) {
		if styles, _, _, ok := b.pre.finalParts(); ok {
			return styles, nil
		}
		return b.sh.stylesXML(b.st), nil
	}
	z.last["xl/styles.xml"] = true
	// shared strings are collected as cells are written: their part, its
	// content type and relationship come last
	z.extra = append(z.extra, extraPart{sstPart, func() []byte {
		if len(b.sst.list) == 0 {
			return nil
		}
		if _, sst, c, ok := b.pre.finalParts(); ok {
			if c != nil {
				z.precomp[sstPart] = c
			}
			return sst
		}
		return b.sst.xml(nil)
	}})
	sortTypes := z.replace["[Content_Types].xml"]
	addType := withSST(b.sst, sstContentType, "</Types>")
	z.replace["[Content_Types].xml"] = func(p []byte) ([]byte, error) {
		p, err := sortTypes(p)
		if err != nil {
			return nil, err
		}
		return addType(p)
	}
	z.replace["xl/_rels/workbook.xml.rels"] = withSST(b.sst, sstRel, "</Relationships>")
	z.last["[Content_Types].xml"] = true
	z.last["xl/_rels/workbook.xml.rels"] = true
	for _, cp := range b.comments {
		z.replace[cp.comments] = b.commentsXML(cp)
		z.replace[cp.vml] = b.vmlXML(cp)
	}
	for i, cache := range b.chartParts {
		z.replace["xl/charts/chart"+itoa(i+1)+".xml"] = chartXML(cache)
	}
	// the style sheet is ours (see z.replace): excelize need not write its
	// own, which it would only to have it replaced; nor its theme once it
	// has written it for an earlier workbook
	b.f.Styles = nil
	if theme := b.sh.theme.Load(); theme != nil {
		b.f.Theme = nil
		z.replace[themePart] = func([]byte) ([]byte, error) { return *theme, nil }
	} else {
		z.replace[themePart] = func(part []byte) ([]byte, error) {
			if bytes.Contains(part, []byte("<a:theme")) {
				t := bytes.Clone(part)
				b.sh.theme.CompareAndSwap(nil, &t)
			}
			return part, nil
		}
	}
	b.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return z })
	if _, err := b.f.WriteToBuffer(); err != nil {
		return err
	}
	return nil
}

// themePart is the name of the workbook's theme part.
const themePart = "xl/theme/theme1.xml"

// mergeXML is the <mergeCells> element of a sheet: each text row is merged
// across the sheet's text width. nil when nothing is merged.
func (s *sheet) mergeXML() []byte {
	if s.textN < 2 {
		return nil
	}
	var refs []string
	for _, it := range s.items {
		if it.part == nil && it.header == nil {
			refs = append(refs, cellRef(0, it.row)+":"+cellRef(s.textN-1, it.row))
		}
	}
	if len(refs) == 0 {
		return nil
	}
	b := []byte(`<mergeCells count="` + itoa(len(refs)) + `">`)
	for _, r := range refs {
		b = append(b, `<mergeCell ref="`+r+`"/>`...)
	}
	return append(b, `</mergeCells>`...)
}

// maxHeader is the most UTF-16 units of a page header or footer, as Excel
// and excelize allow.
const maxHeader = 255

// headerText is a text as a page header shows it, in at most n UTF-16
// units: cleaned, with "&" written "&&" (a code otherwise), and cut with
// "…" when too long. The header is decoration: the title's cell holds it
// whole.
func headerText(s string, n int) string {
	s, _ = cleanText(s, false)
	esc := strings.ReplaceAll(s, "&", "&&")
	if utf16Len(esc) <= n {
		return esc
	}
	var b strings.Builder
	used := utf16Len("…")
	for _, r := range s {
		w := utf16.RuneLen(r)
		if r == '&' {
			w = 2
		}
		if used+w > n {
			break
		}
		used += w
		if r == '&' {
			b.WriteString("&&")
		} else {
			b.WriteRune(r)
		}
	}
	return strings.TrimRight(b.String(), " ") + "…"
}
