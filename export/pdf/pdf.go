// Package pdf renders a report.Document as a PDF briefing.
//
// statbrief owns the typesetting: Layout breaks text into lines (Unicode
// line breaking with Chinese line-start and line-end rules), picks a font
// of the set for every character, and places every piece of text, rule,
// bar and fill on its page, producing a DisplayList. Painting then turns
// each box into a few PDF operators in the page's content stream; each
// face is embedded as a subset of the characters the document sets in it
// (a Type 0 font whose glyphs text selects by one-byte codes for the
// characters set most often and two-byte codes for the others, with a
// ToUnicode map so that text can be extracted and searched; codes.go).
//
// Font subsets are small: composites of moved components are written as
// simple glyphs, their unshared components left out, and a subset whose
// glyphs lie on a coarser grid than the face's units per em (the default
// face's hanzi: 8 of its 2048 units) is written in those coarser units,
// with the same outlines (export/pdf/font, SubsetCID).
//
// A Renderer keeps what does not depend on a document as a whole: font
// subsets by character set, their codes, and the measures and lines of
// the texts it laid out (textCache), so that a document set again, or one
// sharing labels, headers and notes with those set before, costs less.
//
// The PDF writer is statbrief's own (writer.go, paint.go, content.go).
// gofpdf, which this package used at first, parsed, subset and compressed
// the font again for every document and encoded every run through fmt;
// the writer here embeds the subset the font package makes and writes
// the PDF in about half the time.
//
// # Citations and footnotes
//
// Every figure the document cites carries a mark: after a paragraph or a
// note ("[1–6,9]"), at the corner of a key-figure card ("[3]"), and in a
// table as a small superscript number after the figure (in a column of
// figures the marks stand in a narrow strip right of the figures, which
// stay aligned). Each mark's number refers to a footnote giving the
// source document, by its title, and the phrase quoted (a note that quotes
// no phrase, as an English briefing's, gives the document's file and the
// byte offset of the figure instead).
// The footnote policy:
//
//   - every note is printed once per document, at the foot of the page
//     where it is first cited; later marks refer back to it;
//   - notes that do not fit at the foot of that page continue at the foot
//     of the next page, before that page's own, and the notes still
//     waiting when the content ends fill pages of their own; no note is
//     dropped, none is printed twice;
//   - a line, row or card bringing new notes goes on a page where the
//     first of them fits too; notes carried over take at most two thirds
//     of a page before the page's own content has had its share, so that
//     pages do not stand half empty waiting for room for notes;
//   - on a page the notes are in the order they are cited in; a note
//     citing the same document as the note just above it says so (同上,
//     "Ibid.") instead of naming it again; a note longer than three lines
//     may be split between two pages.
//
// # Tables and charts
//
// Column widths come from the content: each column is at least as wide
// as its widest unbreakable piece (a number with its sign and unit is
// never split) and at most as wide as its widest cell, and the width is
// shared so that the table is as short as it can be. A table continued on
// a new page repeats its header row and, in a table whose first column
// labels groups of rows, the label of the group it continues. A bar chart
// that does not fit on the page continues on the next one, bands being
// rows: its title (with "(continued)"), legend and axis are repeated.
// Titles, headings and labels of any length flow across pages: every box
// stays inside the margins.
//
// A Renderer is built once from a parsed font set and is safe for
// concurrent use; output is byte-identical for the same document and
// options, run to run and across goroutines.
package pdf

import (
	"context"
	"errors"
	"io"

	"github.com/klauspost/compress/zlib"
	"github.com/statbrief/statbrief/export"
	"github.com/statbrief/statbrief/internal/linebreak"
	"github.com/statbrief/statbrief/report"
)

// fontZlibLevel is the compression level of embedded font subsets.
const fontZlibLevel = 8

// maxBreakCache bounds a Renderer's cache of break opportunities.
const maxBreakCache = 2 << 20

var _ export.Renderer = (*Renderer)(nil)

// Renderer renders documents as PDF. It is safe for concurrent use. It
// keeps spare compressors, the embedded font subsets of the documents it
// painted last, keyed by the exact set of characters, and the measures
// and lines of the texts it laid out last, keyed by text and style (a
// few megabytes each at most): a document gives the same bytes from a
// new renderer or from one that has painted others.
type Renderer struct {
	cfg       config
	sh        *shaper
	zlibs     [2]*zlibStore    // spare compressors at the fast and the hard level (zlibLevels), shared by the documents this renderer paints
	best      *zlibStore       // spare compressors at the best level, for CMaps
	fontZlibs *zlibStore       // and at the level of font subsets (fontZlibLevel)
	fonts     *fontCache       // embedded subsets of the last documents painted
	spares    *spares          // buffers for the next documents
	breaks    *linebreak.Cache // break opportunities of the words laid out
	texts     *textCache       // cell measures and lines of the texts laid out
}

func newRenderer(sh *shaper, opts []Option) (*Renderer, error) {
	if sh == nil || len(sh.chain[0]) == 0 || len(sh.chain[1]) == 0 {
		return nil, errors.New("pdf: empty font set")
	}
	if len(sh.faces) > 1<<15 {
		return nil, errors.New("pdf: too many faces")
	}
	if sh.bmp[0] == nil {
		sh.prepare()
	}
	r := &Renderer{cfg: defaultConfig(), sh: sh, zlibs: [2]*zlibStore{newZlibs(zlibLevels[0]), newZlibs(zlibLevels[1])}, best: newZlibs(zlib.BestCompression), fontZlibs: newZlibs(fontZlibLevel), fonts: new(fontCache), spares: newSpares(), breaks: linebreak.NewCache(maxBreakCache), texts: newTextCache()}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&r.cfg); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Render lays doc out and writes it to w as a PDF. The file is built in
// memory and written to w in one call, so nothing is written when Render
// fails: a character no font has is a *MissingGlyphError (unless
// SubstituteMissing is set), a cancelled ctx its error.
func (r *Renderer) Render(ctx context.Context, w io.Writer, doc *report.Document) error {
	dl, err := r.Layout(ctx, doc)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err = r.paint(w, doc, dl)
	putBoxes(r.spares.boxes, dl.Boxes) // the display list is Render's own
	r.spares.putItems(dl.items)
	return err
}
