package report

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"strconv"
	"time"
)

// Hash returns a SHA-256 digest of everything a renderer can show of doc:
// metadata, every text, figure (value, places, unit, qualifier, sign,
// reason and derivation), status, citation and chart value, in document
// order, each field length-prefixed so that no two documents share a
// digest by concatenation. Two documents with equal hashes render to the
// same bytes with the same renderer. It is much cheaper than hashing
// WriteJSON's output, so a batch can hash every document it builds to
// decide whether its files are up to date.
func Hash(doc *Document) [32]byte {
	h := hasher{h: sha256.New(), buf: make([]byte, 0, 64<<10)}
	m := doc.Meta
	h.str(doc.Title, doc.Subtitle, m.Region, m.RegionName, m.Period.String(), string(m.Lang), m.Subject, m.Author,
		m.Created.UTC().Format(time.RFC3339Nano))
	h.strs(m.Keywords)
	for _, d := range m.Documents {
		h.str(d.Doc, d.Title)
	}
	for _, s := range doc.Sections {
		h.str("section", s.ID, s.Title)
		for _, b := range s.Blocks {
			h.block(b)
		}
	}
	for _, c := range doc.Sources {
		h.num(int64(c.N), int64(c.Offset))
		h.str(c.Doc, c.Title, c.Phrase)
	}
	for _, x := range doc.Methods {
		h.str(x.ID, x.Title, x.Text, x.Formula)
	}
	h.flush()
	var out [32]byte
	h.h.Sum(out[:0])
	return out
}

// hasher collects fields in a buffer and hashes it a block at a time.
type hasher struct {
	h   hash.Hash
	buf []byte
}

func (h *hasher) flush() {
	h.h.Write(h.buf)
	h.buf = h.buf[:0]
}

func (h *hasher) str(ss ...string) {
	for _, s := range ss {
		h.buf = binary.AppendUvarint(h.buf, uint64(len(s)))
		h.buf = append(h.buf, s...)
	}
	if len(h.buf) > 32<<10 {
		h.flush()
	}
}

func (h *hasher) strs(ss []string) {
	h.num(int64(len(ss)))
	h.str(ss...)
}

func (h *hasher) num(ns ...int64) {
	for _, n := range ns {
		h.buf = binary.AppendVarint(h.buf, n)
	}
}

func (h *hasher) ints(ns []int) {
	h.num(int64(len(ns)))
	for _, n := range ns {
		h.num(int64(n))
	}
}

func (h *hasher) fig(f Figure) {
	if !f.Valid {
		h.str("-", f.Reason)
		return
	}
	v := f.Value
	h.str("+", v.Num.String(), v.Unit.Base, v.Word, strconv.FormatBool(f.Signed), strconv.FormatBool(v.QualBeforeMag), f.EnglishUnit)
	h.num(int64(v.Places), int64(v.Unit.Mag), int64(v.Qual))
	if d := f.Derived; d != nil {
		h.str("derived", d.Method, d.Formula)
		if d.Expr != nil {
			h.str(d.Expr.String())
		}
		for _, in := range d.Inputs {
			h.str(in.Ref, in.Label, in.Value.String())
		}
	}
}

func (h *hasher) cell(c Cell) {
	h.num(int64(c.Kind), int64(c.Status), int64(c.Cite))
	h.str(c.Text, c.Obs)
	if c.Kind == FigureCell {
		h.fig(c.Figure)
	}
}

func (h *hasher) block(b Block) {
	switch b := b.(type) {
	case Heading:
		h.str("heading", b.Text)
		h.num(int64(b.Level))
	case Paragraph:
		h.str("paragraph", b.Text)
		h.ints(b.Cites)
	case Note:
		h.str("note", b.Text)
		h.ints(b.Cites)
	case Cards:
		h.str("cards")
		for _, c := range b.Items {
			h.str(c.Label, c.Obs)
			h.num(int64(c.Trend), int64(c.Good), int64(c.Cite))
			h.fig(c.Value)
			h.fig(c.Change)
		}
	case Table:
		h.str("table", b.ID, b.Title)
		h.strs(b.Notes)
		for _, c := range b.Columns {
			h.str(c.Key, c.Header, strconv.FormatBool(c.Count))
			h.num(int64(c.Kind))
		}
		if hs, ok := b.Source.(interface{ hashTo(*hasher) }); ok && len(b.Rows) == 0 {
			// a source that can hash what its rows show without making them
			hs.hashTo(h)
			return
		}
		n := b.Len()
		h.num(int64(n))
		for i := range n {
			r := b.Row(i)
			h.str(strconv.FormatBool(r.Emphasis))
			h.num(int64(len(r.Cells)))
			for _, c := range r.Cells {
				h.cell(c)
			}
		}
	case Chart:
		h.str("chart", b.ID, b.Title, b.Unit)
		h.num(int64(b.Type))
		h.strs(b.Categories)
		h.strs(b.Notes)
		h.fig(b.Reference)
		for _, s := range b.Series {
			h.str(s.Name, strconv.FormatBool(s.Marker))
			h.num(int64(len(s.Values)))
			for _, v := range s.Values {
				h.fig(v)
			}
		}
	default:
		h.str("unknown")
	}
}
