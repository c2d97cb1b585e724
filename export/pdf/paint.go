package pdf

import (
	"fmt"
	"io"
	"strings"

	"github.com/statbrief/statbrief/report"
)

// paint writes the display list as a PDF: one content stream per page
// (its rules, fills and bars first when that paints the same page, then
// its text, then its citation marks), one Type 0 font (one- and two-byte
// codes through a CMap of its own, see codes.go, with a ToUnicode map
// for text extraction) per face the document uses, embedded as a subset
// of just the characters set in it, the outline, the document
// information and XMP metadata. Everything written depends only
// on the document and the options, so output is byte-identical from run
// to run.
func (r *Renderer) paint(out io.Writer, doc *report.Document, dl *DisplayList) error {
	file := r.spares.file(256 << 10)
	defer r.spares.putFile(file)
	w := newWriter(file, r.zlibs[0])
	catalog, pages, info, meta := w.alloc(), w.alloc(), w.alloc(), w.alloc()

	// fonts: every face the document sets text in
	type usedFace struct {
		index int
		font  *embeddedFont
		codes *faceCodes
		obj   int // the Type 0 font
	}
	runeSets := make([]*runeCount, len(dl.faces))
	defer func() {
		for _, s := range runeSets {
			if s != nil {
				s.release(r.spares.counts)
			}
		}
	}()
	for bi := range dl.Boxes {
		b := &dl.Boxes[bi]
		if b.Kind != TextBox {
			continue
		}
		set := runeSets[b.face]
		if set == nil {
			set = &runeCount{n: r.spares.countTable()}
			runeSets[b.face] = set
		}
		for _, c := range b.Text {
			set.add(c)
		}
	}
	var faces []*usedFace
	byFace := make([]*usedFace, len(dl.faces))
	fontBytes := 0
	for i, set := range runeSets {
		if set == nil {
			continue
		}
		e, err := r.embed(dl.faces[i], i, set.sorted())
		if err != nil {
			return fmt.Errorf("pdf: subset %s: %w", dl.faces[i].name, err)
		}
		u := &usedFace{index: i, font: e, codes: r.codes(e, set), obj: w.alloc()}
		faces = append(faces, u)
		byFace[i] = u
		fontBytes += len(e.file)
	}
	// a document whose fonts are large (a CJK subset of hundreds of
	// glyphs) is the one at risk of a large file: its pages are compressed
	// harder; the others' faster
	if fontBytes > heavyFonts {
		w.zlibs = r.zlibs[1]
	}
	pageObjs := make([]int, dl.Pages)
	contentObjs := make([]int, dl.Pages)
	for p := range pageObjs {
		pageObjs[p], contentObjs[p] = w.alloc(), w.alloc()
	}
	outlines := 0
	items := make([]int, len(dl.Bookmarks))
	if len(dl.Bookmarks) > 0 {
		outlines = w.alloc()
		for i := range items {
			items[i] = w.alloc()
		}
	}

	// document information, XMP metadata, catalog
	t := r.created(doc)
	subject := r.subject(doc)
	lang := "zh-CN"
	if doc.Meta.Lang == report.English {
		lang = "en"
	}
	w.object(info, fmt.Sprintf("<</Title %s/Subject %s/Author %s/Keywords %s/Creator %s/Producer %s/CreationDate %s/ModDate %s>>",
		textString(doc.Title), textString(subject), textString(doc.Meta.Author),
		textString(strings.Join(doc.Meta.Keywords, ", ")), textString("statbrief"), textString("statbrief"),
		pdfDate(t), pdfDate(t)))
	w.stream(meta, "/Type/Metadata/Subtype/XML", xmp(doc, subject, t), true)
	cat := fmt.Sprintf("<</Type/Catalog/Pages %d 0 R/Lang(%s)/Metadata %d 0 R", pages, lang, meta)
	if outlines > 0 {
		cat += fmt.Sprintf("/Outlines %d 0 R/PageMode/UseOutlines", outlines)
	}
	w.object(catalog, cat+">>")

	// pages
	var fontRes strings.Builder
	fontRes.WriteString("/Font<<")
	for _, u := range faces {
		fmt.Fprintf(&fontRes, "/F%d %d 0 R", u.index, u.obj)
	}
	fontRes.WriteString(">>")
	cols, colIndex := boxColors(dl.Boxes)
	if len(cols) > 0 {
		fontRes.WriteString("/ColorSpace<</C" + colorSpace(cols) + ">>")
	}
	var kids strings.Builder
	for _, n := range pageObjs {
		fmt.Fprintf(&kids, "%d 0 R ", n)
	}
	// the pages inherit the page size and the resources from their parent
	mediaBox := "[0 0 " + string(appendNum(nil, dl.PageWidth)) + " " + string(appendNum(nil, dl.PageHeight)) + "]"
	w.object(pages, fmt.Sprintf("<</Type/Pages/Count %d/Kids[%s]/MediaBox%s/Resources<<%s>>>>", dl.Pages, strings.TrimSpace(kids.String()), mediaBox, fontRes.String()))
	encs := make([]*faceEncoding, len(dl.faces))
	for i, u := range byFace {
		if u != nil {
			encs[i] = newFaceEncoding(u.font, u.codes, runeSets[i])
		}
	}
	cs := contentWriter{h: dl.PageHeight, enc: encs, palette: colIndex}
	bi := 0
	var bands pageBands
	for p := 1; p <= dl.Pages; p++ {
		cs.reset()
		start := bi
		for bi < len(dl.Boxes) && dl.Boxes[bi].Page == p {
			bi++
		}
		page := dl.Boxes[start:bi]
		// the rules, fills and bars go first and the text after them,
		// when that paints the same page: when no graphic comes after a
		// text it would cover. Each run of text boxes that stood between
		// graphics keeps its text object (BT … ET), positioned as it was:
		// viewers land text reached by a long chain of relative moves a
		// hair off (floating point), which changes how pdftoppm
		// rasterizes glyph edges and how pdftotext orders the words of a
		// table. The citation marks, small and in another colour, are
		// painted together after the rest of the page (they overlap
		// nothing), so that the stream switches font size and colour for
		// them once.
		reorder := textOverGraphics(page, &bands)
		for i := range page {
			if b := &page[i]; b.Kind != TextBox || b.Role != RoleCite && !reorder {
				cs.box(b)
			}
		}
		for i := range page {
			b := &page[i]
			if b.Kind != TextBox || b.Role == RoleCite || !reorder {
				continue
			}
			if i > 0 && page[i-1].Kind != TextBox {
				cs.endText()
			}
			cs.box(b)
		}
		if reorder && len(page) > 0 && page[len(page)-1].Kind != TextBox {
			cs.endText()
		}
		for i := range page {
			if b := &page[i]; b.Kind == TextBox && b.Role == RoleCite {
				cs.box(b)
			}
		}
		cs.endText()
		w.object(pageObjs[p-1], fmt.Sprintf("<</Type/Page/Parent %d 0 R/Contents %d 0 R>>", pages, contentObjs[p-1]))
		w.stream(contentObjs[p-1], "", cs.b, false)
	}

	// fonts
	for _, u := range faces {
		writeFont(w, dl.faces[u.index], u.font, u.codes, u.obj)
	}

	// outline
	if outlines > 0 {
		writeOutline(w, dl, outlines, items, pageObjs)
	}

	data := w.finish(catalog, info)
	if _, err := out.Write(data); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// pdfName makes s a PDF name: letters, digits and - only.
func pdfName(s string) string {
	b := []byte{}
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' {
			b = append(b, c)
		}
	}
	if len(b) == 0 {
		return "Font"
	}
	return string(b)
}

// writeOutline writes the document outline: sections (level 0) with their
// headings (level 1) under them, open.
func writeOutline(w *writer, dl *DisplayList, root int, items, pageObjs []int) {
	type node struct {
		obj, parent        int
		prev, next         int
		first, last, count int
		title              string
		page               int
		y                  float64
	}
	nodes := make([]node, len(dl.Bookmarks))
	var top []int // indices of level-0 nodes
	lastTop := -1
	children := map[int][]int{}
	for i, bm := range dl.Bookmarks {
		nodes[i] = node{obj: items[i], title: bm.Title, page: bm.Page, y: bm.Y}
		if bm.Level == 0 || lastTop < 0 {
			top = append(top, i)
			lastTop = i
			nodes[i].parent = root
		} else {
			children[lastTop] = append(children[lastTop], i)
			nodes[i].parent = items[lastTop]
		}
	}
	link := func(list []int) {
		for k, i := range list {
			if k > 0 {
				nodes[i].prev = nodes[list[k-1]].obj
			}
			if k+1 < len(list) {
				nodes[i].next = nodes[list[k+1]].obj
			}
		}
	}
	link(top)
	for p, list := range children {
		link(list)
		nodes[p].first, nodes[p].last, nodes[p].count = nodes[list[0]].obj, nodes[list[len(list)-1]].obj, len(list)
	}
	w.object(root, fmt.Sprintf("<</Type/Outlines/First %d 0 R/Last %d 0 R/Count %d>>", nodes[top[0]].obj, nodes[top[len(top)-1]].obj, len(nodes)))
	for _, n := range nodes {
		var b strings.Builder
		fmt.Fprintf(&b, "<</Title %s/Parent %d 0 R", textString(n.title), n.parent)
		if n.prev > 0 {
			fmt.Fprintf(&b, "/Prev %d 0 R", n.prev)
		}
		if n.next > 0 {
			fmt.Fprintf(&b, "/Next %d 0 R", n.next)
		}
		if n.count > 0 {
			fmt.Fprintf(&b, "/First %d 0 R/Last %d 0 R/Count %d", n.first, n.last, n.count)
		}
		fmt.Fprintf(&b, "/Dest[%d 0 R/XYZ 0 %s null]>>", pageObjs[n.page-1], appendNum(nil, dl.PageHeight-n.y))
		w.object(n.obj, b.String())
	}
}

// bandH is the height of the horizontal bands textOverGraphics files
// text boxes in.
const bandH = 16.0

// pageBands are, per band of a page, the text boxes (their indices)
// that reach into it, kept from page to page.
type pageBands [][]int

// textOverGraphics reports whether painting a page's graphics first and
// its text after them paints what the boxes in their order paint: no
// graphic comes after a text box whose glyphs it would cover. A text
// box's glyphs are taken to reach a sixth of its size beyond its line
// box (accents above the ascent, the stroke of synthetic bold).
func textOverGraphics(boxes []Box, bands *pageBands) bool {
	for i := range *bands {
		(*bands)[i] = (*bands)[i][:0]
	}
	band := func(y float64) int { return max(int(y/bandH), 0) }
	for i := range boxes {
		b := &boxes[i]
		if b.Kind == TextBox {
			m := b.Size / 6
			for k := band(b.Y - m); k <= band(b.Y+b.H+m); k++ {
				for len(*bands) <= k {
					*bands = append(*bands, nil)
				}
				(*bands)[k] = append((*bands)[k], i)
			}
			continue
		}
		x0, y0, x1, y1 := min(b.X, b.X+b.W), min(b.Y, b.Y+b.H), max(b.X, b.X+b.W), max(b.Y, b.Y+b.H)
		if b.Kind == LineBox {
			x0, y0, x1, y1 = x0-b.LineWidth/2, y0-b.LineWidth/2, x1+b.LineWidth/2, y1+b.LineWidth/2
		}
		for k := band(y0); k <= band(y1) && k < len(*bands); k++ {
			for _, j := range (*bands)[k] {
				t := &boxes[j]
				m := t.Size / 6
				if x0 < t.X+t.W+m && x1 > t.X-m && y0 < t.Y+t.H+m && y1 > t.Y-m {
					return false
				}
			}
		}
	}
	return true
}
