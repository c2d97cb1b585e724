package xlsx

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// Provenance comments are many (one per cited figure) and excelize's
// AddComment re-encodes a VML shape per call, so excelize adds only each
// sheet's first comment, which creates the parts, relationships and content
// types; the comment and VML parts are then written whole by us.

// commentParts are the two parts that hold a sheet's comments.
type commentParts struct {
	s             *sheet
	comments, vml string
	block         int // first VML shape ID block
}

// addComments adds the comments of every sheet.
func (b *build) addComments() error {
	k, block := 0, 1
	for _, s := range b.sheets {
		if len(s.notes) == 0 {
			continue
		}
		k++
		first := s.notes[0]
		if err := b.f.AddComment(s.name, excelize.Comment{Cell: first.cell, Author: b.author(), Text: first.text}); err != nil {
			return fmt.Errorf("xlsx: sheet %q: comment %s: %w", s.name, first.cell, err)
		}
		cp := &commentParts{s: s, block: block,
			comments: "xl/comments" + itoa(k) + ".xml", vml: "xl/drawings/vmlDrawing" + itoa(k) + ".vml"}
		block += (len(s.notes) + 1024) / 1024
		b.comments = append(b.comments, cp)
	}
	return nil
}

// commentsXML writes a sheet's comments part. It checks that excelize put
// the sheet's first comment in the part we replace.
func (b *build) commentsXML(cp *commentParts) func([]byte) ([]byte, error) {
	return func(old []byte) ([]byte, error) {
		if !bytes.Contains(old, []byte(`ref="`+cp.s.notes[0].cell+`"`)) {
			return nil, fmt.Errorf("xlsx: internal error: %s does not hold the comments of %q", cp.comments, cp.s.name)
		}
		var w bytes.Buffer
		size := 512
		for _, n := range cp.s.notes {
			size += 200 + len(n.text) + len(n.text)/8
		}
		w.Grow(size)
		w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>`)
		w.Write(appendEscaped(nil, b.author()))
		w.WriteString(`</author></authors><commentList>`)
		font := appendEscaped(nil, b.st.font)
		var buf []byte
		for _, n := range cp.s.notes {
			w.WriteString(`<comment ref="`)
			w.WriteString(n.cell)
			w.WriteString(`" authorId="0"><text><r><rPr><sz val="9"/><color rgb="FF000000"/><rFont val="`)
			w.Write(font)
			w.WriteString(`"/>`)
			if b.st.charset != 0 {
				w.WriteString(`<charset val="` + strconv.Itoa(b.st.charset) + `"/>`)
			}
			w.WriteString(`</rPr><t xml:space="preserve">`)
			buf = appendEscaped(buf[:0], n.text)
			w.Write(buf)
			w.WriteString(`</t></r></text></comment>`)
		}
		w.WriteString(`</commentList></comments>`)
		return w.Bytes(), nil
	}
}

// vmlXML writes the VML part that places a sheet's comment boxes (hidden
// until the cell is pointed at).
func (b *build) vmlXML(cp *commentParts) func([]byte) ([]byte, error) {
	return func([]byte) ([]byte, error) {
		var w bytes.Buffer
		n := len(cp.s.notes)
		w.Grow(800 + 700*n) // a shape is about 620 bytes
		blocks := (n + 1024) / 1024
		w.WriteString(`<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
			`<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="`)
		for i := range blocks {
			if i > 0 {
				w.WriteByte(',')
			}
			w.WriteString(strconv.Itoa(cp.block + i))
		}
		w.WriteString(`"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">` +
			`<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`)
		for i, note := range cp.s.notes {
			col, row, err := excelize.CellNameToCoordinates(note.cell)
			if err != nil {
				return nil, err
			}
			col, row = col-1, row-1
			id := 1024*cp.block + 1 + i
			w.WriteString(`<v:shape id="_x0000_s` + strconv.Itoa(id) + `" type="#_x0000_t202" ` +
				`style="position:absolute;margin-left:60pt;margin-top:2pt;width:240pt;height:72pt;z-index:` + strconv.Itoa(i+1) +
				`;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>` +
				`<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
				`<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
				`<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>` +
				strconv.Itoa(col+1) + `, 15, ` + strconv.Itoa(max(row-1, 0)) + `, 4, ` + strconv.Itoa(col+4) + `, 15, ` +
				strconv.Itoa(max(row-1, 0)+5) + `, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>` + strconv.Itoa(row) +
				`</x:Row><x:Column>` + strconv.Itoa(col) + `</x:Column></x:ClientData></v:shape>`)
		}
		w.WriteString(`</xml>`)
		return w.Bytes(), nil
	}
}
