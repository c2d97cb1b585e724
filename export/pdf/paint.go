package pdf

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/jung-kurt/gofpdf"
	"github.com/statbrief/statbrief/export/pdf/font"
	"github.com/statbrief/statbrief/report"
)

// pdfText encodes s as a PDF text string (UTF-16BE with a byte order mark,
// surrogate pairs for characters above U+FFFF) for metadata, which gofpdf
// writes as given when told it is not UTF-8.
func pdfText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2, 2+2*len(u))
	b[0], b[1] = 0xFE, 0xFF
	for _, c := range u {
		b = append(b, byte(c>>8), byte(c))
	}
	return string(b)
}

func xmlEscape(s string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			if r < 0x20 && r != '\t' && r != '\n' {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmp is the document's XMP metadata: gofpdf writes no /Lang, so the
// language is recorded as dc:language here.
func xmp(doc *report.Document, created time.Time) []byte {
	lang := "zh-CN"
	if doc.Meta.Lang == report.English {
		lang = "en"
	}
	ts := created.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString(`<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>` + "\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">` + "\n")
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", xmlEscape(doc.Title))
	fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", xmlEscape(doc.Meta.Subject))
	fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", xmlEscape(doc.Meta.Author))
	fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", lang)
	fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", xmlEscape(strings.Join(doc.Meta.Keywords, ", ")))
	fmt.Fprintf(&b, "<xmp:CreatorTool>statbrief</xmp:CreatorTool><xmp:CreateDate>%s</xmp:CreateDate><xmp:ModifyDate>%s</xmp:ModifyDate>\n", ts, ts)
	b.WriteString("</rdf:Description></rdf:RDF></x:xmpmeta>\n")
	b.WriteString(`<?xpacket end="w"?>`)
	return []byte(b.String())
}

func (r *Renderer) created(doc *report.Document) time.Time {
	switch {
	case !r.cfg.created.IsZero():
		return r.cfg.created
	case !doc.Meta.Created.IsZero():
		return doc.Meta.Created
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

// paint writes the display list as a PDF. gofpdf panics on some inputs;
// a panic becomes an error.
func (r *Renderer) paint(w io.Writer, doc *report.Document, dl *DisplayList) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pdf: writer failed: %v", p)
		}
	}()
	f := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "pt", Size: gofpdf.SizeType{Wd: dl.PageWidth, Ht: dl.PageHeight}})
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCellMargin(0)
	f.SetCompression(false) // finish compresses, reusing its zlib writers
	f.SetCatalogSort(true)
	t := r.created(doc)
	f.SetCreationDate(t)
	f.SetModificationDate(t)
	f.SetTitle(pdfText(doc.Title), false)
	f.SetSubject(pdfText(doc.Meta.Subject), false)
	f.SetAuthor(pdfText(doc.Meta.Author), false)
	f.SetKeywords(pdfText(strings.Join(doc.Meta.Keywords, ", ")), false)
	f.SetCreator(pdfText("statbrief"), false)
	f.SetProducer(pdfText("statbrief (gofpdf)"), false)
	f.SetXmpMetadata(xmp(doc, t))

	// subset every face to the characters this document sets in it; the
	// bytes are fresh for every document
	used := make([]map[rune]bool, len(dl.faces))
	for _, b := range dl.Boxes {
		if b.Kind != TextBox {
			continue
		}
		if used[b.face] == nil {
			used[b.face] = map[rune]bool{}
		}
		for _, c := range b.Text {
			used[b.face][c] = true
		}
	}
	fam := func(i int) string { return fmt.Sprintf("F%d", i) }
	first := -1
	for i, u := range used {
		if u == nil {
			continue
		}
		rs := make([]rune, 0, len(u))
		for c := range u {
			if c > 0xFFFF {
				return fmt.Errorf("pdf: cannot write %U", c)
			}
			rs = append(rs, c)
		}
		slices.Sort(rs)
		data, err := dl.faces[i].subset(rs)
		if err != nil {
			return fmt.Errorf("pdf: subset %s: %w", dl.faces[i].name, err)
		}
		f.AddUTF8FontFromBytes(fam(i), "", data)
		if first < 0 {
			first = i
		}
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	curFace, curSize := -1, 0.0
	// gofpdf wraps every text in "q <colour> rg … Q" unless the fill
	// colour equals the text colour (both are the PDF non-stroking
	// colour): keep them equal, and set each only when it changes
	var curText, curFill Color
	fill := func(c Color) {
		if c != curFill {
			f.SetFillColor(int(c.R), int(c.G), int(c.B))
			curFill = c
		}
	}
	setFont := func(i int, size float64) {
		if i != curFace || size != curSize {
			f.SetFont(fam(i), "", size)
			curFace, curSize = i, size
		}
	}
	bi := 0
	for p := 1; p <= dl.Pages; p++ {
		f.AddPage()
		curFace, curSize = -1, 0
		f.SetTextColor(int(black.R), int(black.G), int(black.B))
		f.SetFillColor(int(black.R), int(black.G), int(black.B))
		curText, curFill = black, black
		if first >= 0 {
			setFont(first, 10)
			for _, bm := range dl.Bookmarks {
				if bm.Page == p {
					f.Bookmark(bm.Title, bm.Level, bm.Y)
				}
			}
		}
		for ; bi < len(dl.Boxes) && dl.Boxes[bi].Page == p; bi++ {
			b := &dl.Boxes[bi]
			switch b.Kind {
			case TextBox:
				setFont(b.face, b.Size)
				if b.Color != curText {
					f.SetTextColor(int(b.Color.R), int(b.Color.G), int(b.Color.B))
					curText = b.Color
				}
				fill(b.Color)
				// character spacing and synthetic bold are text state,
				// saved and restored around the text
				if b.Spacing != 0 || b.Bold {
					f.RawWriteStr("q")
				}
				if b.Spacing != 0 {
					f.RawWriteStr(fmt.Sprintf("%.3f Tc", b.Spacing))
				}
				if b.Bold {
					f.RawWriteStr(fmt.Sprintf("2 Tr %.3f w %.3f %.3f %.3f RG", b.Size*font.SyntheticBoldStroke,
						float64(b.Color.R)/255, float64(b.Color.G)/255, float64(b.Color.B)/255))
				}
				f.Text(b.X, b.Baseline, b.Text)
				if b.Spacing != 0 || b.Bold {
					f.RawWriteStr("Q")
				}
			case RectBox:
				fill(b.Color)
				f.Rect(b.X, b.Y, b.W, b.H, "F")
			case LineBox:
				f.SetDrawColor(int(b.Color.R), int(b.Color.G), int(b.Color.B))
				f.SetLineWidth(b.LineWidth)
				if b.Dashed {
					f.SetDashPattern([]float64{3, 2}, 0)
				}
				f.Line(b.X, b.Y, b.X+b.W, b.Y+b.H)
				if b.Dashed {
					f.SetDashPattern([]float64{}, 0)
				}
			case MarkerBox:
				fill(b.Color)
				f.Polygon([]gofpdf.PointType{{X: b.X + b.W/2, Y: b.Y}, {X: b.X + b.W, Y: b.Y + b.H/2},
					{X: b.X + b.W/2, Y: b.Y + b.H}, {X: b.X, Y: b.Y + b.H/2}}, "F")
			case ArrowBox:
				fill(b.Color)
				pts := []gofpdf.PointType{{X: b.X, Y: b.Y + b.H}, {X: b.X + b.W, Y: b.Y + b.H}, {X: b.X + b.W/2, Y: b.Y}}
				if b.Down {
					pts = []gofpdf.PointType{{X: b.X, Y: b.Y}, {X: b.X + b.W, Y: b.Y}, {X: b.X + b.W/2, Y: b.Y + b.H}}
				}
				f.Polygon(pts, "F")
			}
		}
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	buf.Grow(128 << 10)
	if err := f.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	lang := "zh-CN"
	if doc.Meta.Lang == report.English {
		lang = "en"
	}
	out, err := finish(buf.Bytes(), lang)
	if err != nil {
		return err
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}
