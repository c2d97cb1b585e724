package xlsx

import (
	"bytes"
	"slices"
	"strconv"
	"sync"
)

// role is what a cell is for; with the number format and flags it makes a
// style.
type role uint8

const (
	roleCell     role = iota // table body cell
	roleTitle                // sheet title, merged across the sheet
	roleSubtitle             // line under the title
	roleHeading2             // section heading
	roleHeading3             // sub-heading
	roleText                 // paragraph, merged, wrapped
	roleNote                 // small print, merged, wrapped
	roleHeader               // table header cell
	roleDash                 // a missing figure "—"
	roleStatus               // a verdict word
)

// align is a horizontal alignment.
type align uint8

const (
	alignLeft align = iota
	alignRight
	alignCenter
)

// styleKey identifies a cell style; each is written once per workbook.
type styleKey struct {
	role  role
	code  string // number format code; "" for General
	emph  bool   // emphasised row: bold on a light fill
	wrap  bool
	align align
}

// Colours, all explicit: a border or fill without a colour is invalid or
// left to the reader.
const (
	colorBorder       = "BFBFBF"
	colorHeaderBorder = "8EA9C1"
	colorHeaderFill   = "DDEBF7"
	colorEmphFill     = "FFF2CC"
	colorTitle        = "1F3864"
	colorGrey         = "595959"
	colorDash         = "808080"
	colorBadFont      = "9C0006"
	colorBadFill      = "FFC7CE"
	colorGoodFont     = "006100"
	colorGoodFill     = "C6EFCE"
	colorBar          = "5B9BD5"
	colorText         = "000000"
)

// The differential formats of conditional formatting, by index.
const (
	dxfBad  = 0
	dxfGood = 1
)

// styles collects the cell styles of one workbook and writes its style
// sheet (xl/styles.xml). excelize's NewStyle compares every new style with
// all earlier ones; a workbook with a hundred number formats spent more time
// there than in writing its cells.
type styles struct {
	font    string // font family of every cell
	charset int    // font charset: 134 (GB2312) for Chinese workbooks
	keys    []styleKey
	ids     map[styleKey]int
	// the IDs of the styles without a number format, by plain: most cells
	// of a sheet have one of these few
	plain [plainStyles]int32
}

// plainStyles is the number of styles without a number format.
const plainStyles = 16 * 2 * 2 * 3

// plain returns the index of a style without a number format in
// styles.plain, or -1 for one with a format.
func (k styleKey) plain() int {
	if k.code != "" || k.role >= 16 || k.align > alignCenter {
		return -1
	}
	i := int(k.role)*12 + int(k.align)*4
	if k.emph {
		i += 2
	}
	if k.wrap {
		i++
	}
	return i
}

func newStyles(font string, charset int) *styles {
	return &styles{font: font, charset: charset, ids: map[styleKey]int{}}
}

// id returns the index of k's cell format, adding it on first use. Index 0
// is the default format.
func (s *styles) id(k styleKey) int {
	pl := k.plain()
	if pl >= 0 && s.plain[pl] > 0 {
		return int(s.plain[pl])
	}
	if id, ok := s.ids[k]; ok {
		return id
	}
	s.keys = append(s.keys, k)
	id := len(s.keys)
	s.ids[k] = id
	if pl >= 0 {
		s.plain[pl] = int32(id)
	}
	return id
}

// font, fill and border variants, by index in the style sheet.
type fontSpec struct {
	bold, italic bool
	size         float64
	color        string
}

var fonts = []fontSpec{
	{size: 11, color: colorText},              // 0 default
	{size: 11, bold: true, color: colorText},  // 1 bold
	{size: 16, bold: true, color: colorTitle}, // 2 title
	{size: 10, color: colorGrey},              // 3 subtitle
	{size: 13, bold: true, color: colorTitle}, // 4 heading
	{size: 9, italic: true, color: colorGrey}, // 5 note
	{size: 11, color: colorDash},              // 6 dash
	{size: 11, bold: true, color: colorDash},  // 7 dash, emphasised
}

const (
	fillNone   = 0
	fillHeader = 2
	fillEmph   = 3
	borderNone = 0
	borderBody = 1
	borderHead = 2
)

// xf returns the font, fill and border of a style.
func (k styleKey) xf() (font, fill, border int) {
	switch k.role {
	case roleTitle:
		return 2, fillNone, borderNone
	case roleSubtitle:
		return 3, fillNone, borderNone
	case roleHeading2:
		return 4, fillNone, borderNone
	case roleHeading3:
		return 1, fillNone, borderNone
	case roleText:
		return 0, fillNone, borderNone
	case roleNote:
		return 5, fillNone, borderNone
	case roleHeader:
		return 1, fillHeader, borderHead
	case roleDash:
		if k.emph {
			return 7, fillEmph, borderBody
		}
		return 6, fillNone, borderBody
	}
	if k.emph {
		return 1, fillEmph, borderBody
	}
	return 0, fillNone, borderBody
}

// stylesCache keeps the last style sheet a Renderer wrote, with what it
// depends on: a briefing after another of the same kind uses the same
// styles in the same order. Its style sheet is never changed; it is safe
// for concurrent use.
type stylesCache struct {
	mu      sync.Mutex
	font    string
	charset int
	keys    []styleKey
	xml     []byte
}

// stylesXML returns the style sheet of s, the cached one if it is the same.
func (sh *shared) stylesXML(s *styles) []byte {
	c := &sh.styles
	c.mu.Lock()
	if c.xml != nil && c.font == s.font && c.charset == s.charset && slices.Equal(c.keys, s.keys) {
		x := c.xml
		c.mu.Unlock()
		return x
	}
	c.mu.Unlock()
	x := s.xml()
	if len(x) <= maxCachedPart {
		c.mu.Lock()
		c.font, c.charset, c.keys, c.xml = s.font, s.charset, slices.Clone(s.keys), x
		c.mu.Unlock()
	}
	return x
}

// xml writes the style sheet.
func (s *styles) xml() []byte {
	var b bytes.Buffer
	b.Grow(4096 + 360*len(s.keys))
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	codes := map[string]int{}
	var order []string
	for _, k := range s.keys {
		if k.code != "" {
			if _, ok := codes[k.code]; !ok {
				codes[k.code] = 164 + len(order)
				order = append(order, k.code)
			}
		}
	}
	if len(order) > 0 {
		b.WriteString(`<numFmts count="` + strconv.Itoa(len(order)) + `">`)
		for _, c := range order {
			b.WriteString(`<numFmt numFmtId="` + strconv.Itoa(codes[c]) + `" formatCode="`)
			b.Write(appendEscaped(nil, c))
			b.WriteString(`"/>`)
		}
		b.WriteString(`</numFmts>`)
	}
	b.WriteString(`<fonts count="` + strconv.Itoa(len(fonts)) + `">`)
	for _, f := range fonts {
		b.WriteString(`<font>`)
		if f.bold {
			b.WriteString(`<b/>`)
		}
		if f.italic {
			b.WriteString(`<i/>`)
		}
		b.WriteString(`<sz val="` + strconv.FormatFloat(f.size, 'f', -1, 64) + `"/><color rgb="FF` + f.color + `"/><name val="`)
		b.Write(appendEscaped(nil, s.font))
		b.WriteString(`"/><family val="2"/>`)
		if s.charset != 0 {
			b.WriteString(`<charset val="` + strconv.Itoa(s.charset) + `"/>`)
		}
		b.WriteString(`</font>`)
	}
	b.WriteString(`</fonts><fills count="4"><fill><patternFill patternType="none"/></fill>` +
		`<fill><patternFill patternType="gray125"/></fill>` +
		`<fill><patternFill patternType="solid"><fgColor rgb="FF` + colorHeaderFill + `"/><bgColor indexed="64"/></patternFill></fill>` +
		`<fill><patternFill patternType="solid"><fgColor rgb="FF` + colorEmphFill + `"/><bgColor indexed="64"/></patternFill></fill>` +
		`</fills><borders count="3"><border><left/><right/><top/><bottom/><diagonal/></border>`)
	for _, c := range []string{colorBorder, colorHeaderBorder} {
		side := func(n string) string { return `<` + n + ` style="thin"><color rgb="FF` + c + `"/></` + n + `>` }
		b.WriteString(`<border>` + side("left") + side("right") + side("top") + side("bottom") + `<diagonal/></border>`)
	}
	b.WriteString(`</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	b.WriteString(`<cellXfs count="` + strconv.Itoa(len(s.keys)+1) + `"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`)
	for _, k := range s.keys {
		font, fill, border := k.xf()
		num := 0
		if k.code != "" {
			num = codes[k.code]
		}
		b.WriteString(`<xf numFmtId="` + strconv.Itoa(num) + `" fontId="` + strconv.Itoa(font) + `" fillId="` +
			strconv.Itoa(fill) + `" borderId="` + strconv.Itoa(border) + `" xfId="0"`)
		if num != 0 {
			b.WriteString(` applyNumberFormat="1"`)
		}
		b.WriteString(` applyFont="1"`)
		if fill != fillNone {
			b.WriteString(` applyFill="1"`)
		}
		if border != borderNone {
			b.WriteString(` applyBorder="1"`)
		}
		b.WriteString(` applyAlignment="1"><alignment horizontal="`)
		switch k.align {
		case alignRight:
			b.WriteString("right")
		case alignCenter:
			b.WriteString("center")
		default:
			b.WriteString("left")
		}
		b.WriteString(`" vertical="`)
		if k.role == roleText || k.role == roleNote {
			b.WriteString("top")
		} else {
			b.WriteString("center")
		}
		b.WriteString(`"`)
		if k.wrap {
			b.WriteString(` wrapText="1"`)
		}
		b.WriteString(`/></xf>`)
	}
	b.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>`)
	b.WriteString(`<dxfs count="2">`)
	for _, c := range [][2]string{{colorBadFont, colorBadFill}, {colorGoodFont, colorGoodFill}} {
		b.WriteString(`<dxf><font><color rgb="FF` + c[0] + `"/></font><fill><patternFill patternType="solid"><bgColor rgb="FF` + c[1] + `"/></patternFill></fill></dxf>`)
	}
	b.WriteString(`</dxfs><tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`)
	return b.Bytes()
}
