package pdf

import (
	"fmt"
	"strings"
	"time"

	"github.com/statbrief/statbrief/report"
)

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

// subject is the PDF's Subject: the document's own (Meta.Subject) when it
// says more than the title; else the region and period and the sections
// the PDF holds: "大连市 2020年：概览、主要指标、……".
func (r *Renderer) subject(doc *report.Document) string {
	if s := strings.TrimSpace(doc.Meta.Subject); s != "" && s != strings.TrimSpace(doc.Title) {
		return s
	}
	var secs []string
	for _, s := range doc.Sections {
		if !r.cfg.omit[s.ID] && s.Title != "" {
			secs = append(secs, s.Title)
		}
	}
	var b strings.Builder
	if doc.Meta.Lang == report.English {
		b.WriteString(doc.Meta.RegionName)
		if doc.Meta.Period.Valid() {
			if b.Len() > 0 {
				b.WriteString(", ")
			}
			b.WriteString(doc.Meta.Period.English())
		}
		if len(secs) > 0 {
			b.WriteString(": " + strings.Join(secs, ", "))
		}
	} else {
		b.WriteString(doc.Meta.RegionName)
		if doc.Meta.Period.Valid() {
			b.WriteString(doc.Meta.Period.Chinese())
		}
		if len(secs) > 0 {
			b.WriteString("：" + strings.Join(secs, "、"))
		}
	}
	if s := strings.TrimLeft(b.String(), ":：, "); s != "" {
		return s
	}
	return doc.Subtitle
}

// xmp is the document's XMP metadata, for readers that look there
// rather than in the document information dictionary.
func xmp(doc *report.Document, subject string, created time.Time) []byte {
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
	fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", xmlEscape(subject))
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
