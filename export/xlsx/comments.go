package xlsx

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"sync"

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
// until the cell is pointed at). It depends only on the cells that carry a
// comment: the Renderer keeps the last part of each name, which the next
// workbook with comments on the same cells reuses.
func (b *build) vmlXML(cp *commentParts) func([]byte) ([]byte, error) {
	return func([]byte) ([]byte, error) {
		cells := make([]string, len(cp.s.notes))
		for i, n := range cp.s.notes {
			cells[i] = n.cell
		}
		if x := b.sh.vml.get(cp.vml, cp.block, cells); x != nil {
			return x, nil
		}
		var w bytes.Buffer
		n := len(cp.s.notes)
		w.Grow(800 + 660*n) // a shape is about 620 bytes
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
		var num []byte
		writeInt := func(v int) {
			num = strconv.AppendInt(num[:0], int64(v), 10)
			w.Write(num)
		}
		for i, cell := range cells {
			col, row, err := excelize.CellNameToCoordinates(cell)
			if err != nil {
				return nil, err
			}
			col, row = col-1, row-1
			w.WriteString(`<v:shape id="_x0000_s`)
			writeInt(1024*cp.block + 1 + i)
			w.WriteString(`" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:240pt;height:72pt;z-index:`)
			writeInt(i + 1)
			w.WriteString(`;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>` +
				`<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
				`<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
				`<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>`)
			writeInt(col + 1)
			w.WriteString(`, 15, `)
			writeInt(max(row-1, 0))
			w.WriteString(`, 4, `)
			writeInt(col + 4)
			w.WriteString(`, 15, `)
			writeInt(max(row-1, 0) + 5)
			w.WriteString(`, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>`)
			writeInt(row)
			w.WriteString(`</x:Row><x:Column>`)
			writeInt(col)
			w.WriteString(`</x:Column></x:ClientData></v:shape>`)
		}
		w.WriteString(`</xml>`)
		x := w.Bytes()
		b.sh.vml.put(cp.vml, cp.block, cells, x)
		return x, nil
	}
}

// vmlCache keeps the last VML part of each name, with the first shape
// block and the cells of its comments, which are all it depends on. Its
// parts are never changed; it is safe for concurrent use.
type vmlCache struct {
	mu sync.Mutex
	m  map[string]vmlEntry
}

type vmlEntry struct {
	block int
	cells []string
	xml   []byte
}

// maxVMLEntries bounds the cache (a workbook has a part per sheet with
// comments).
const maxVMLEntries = 64

func (c *vmlCache) get(name string, block int, cells []string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[name]; ok && e.block == block && slices.Equal(e.cells, cells) {
		return e.xml
	}
	return nil
}

func (c *vmlCache) put(name string, block int, cells []string, xml []byte) {
	if len(xml) > maxCachedPart {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxVMLEntries {
		c.m = map[string]vmlEntry{}
	}
	c.m[name] = vmlEntry{block: block, cells: cells, xml: xml}
}
