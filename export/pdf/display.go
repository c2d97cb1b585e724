package pdf

// Kind is what a display-list box draws.
type Kind uint8

// The box kinds.
const (
	// TextBox is a run of text set in one face at one size.
	TextBox Kind = iota + 1
	// RectBox is a filled rectangle: a card, a zebra stripe, a bar.
	RectBox
	// LineBox is a straight line from (X, Y) to (X+W, Y+H).
	LineBox
	// MarkerBox is a diamond marker filling its box.
	MarkerBox
	// ArrowBox is a triangle pointing up (H > 0 in Dir) or down, filling its box.
	ArrowBox
)

// Role says what part of the document a box belongs to.
type Role uint8

// The roles of boxes.
const (
	RoleBody       Role = iota // paragraph, note and card text
	RoleTitle                  // title block and headings
	RoleCell                   // a table body cell
	RoleHeader                 // a table header cell
	RoleLabel                  // a chart label, legend or axis text
	RoleFootnote               // a numbered source footnote
	RoleFurniture              // page header and footer
	RoleCite                   // a citation mark after a paragraph or note
	RoleDecoration             // rules, fills, bars
)

// Color is an RGB colour.
type Color struct{ R, G, B uint8 }

// Box is one positioned element of a page. Coordinates are in points from
// the top-left corner of the page. A TextBox's Y is the top of its line box
// and Baseline the y of its baseline.
type Box struct {
	Page     int     // 1-based
	Kind     Kind    // what the box draws
	Role     Role    // what the box is in the document (body text, a cell, a footnote …)
	Block    int     // index of the block fragment (DisplayList.Blocks) the box belongs to; -1 for page furniture
	X, Y     float64 // top-left corner, in points from the top-left of the page
	W, H     float64 // size in points
	Baseline float64 // TextBox: y of the text's baseline
	Face     string  // TextBox: the face's name
	Size     float64 // TextBox: font size in points
	Text     string  // TextBox: the text, all of it set in Face
	// Bold is set on bold text in a face that is not bold: painting
	// emboldens it by stroking the outlines (font.SyntheticBoldStroke).
	Bold bool
	// Spacing is extra space after every character but the line's last
	// (CJK justification), in points.
	Spacing   float64
	Color     Color   // fill colour (RectBox), text colour (TextBox), stroke colour (LineBox, ArrowBox)
	Dashed    bool    // LineBox
	LineWidth float64 // LineBox
	Down      bool    // ArrowBox points down
	face      int     // index into the renderer's face table
	item      int     // index of the document text item the box sets; -1 for none
}

// BlockExtent is the area a block (or, when it spans pages, a fragment of
// it) covers on one page.
type BlockExtent struct {
	Page       int     // 1-based
	Section    string  // section ID
	Kind       string  // "title", "heading", "paragraph", "note", "cards", "caption" (of a table), "table", "chart", "footnotes"
	X, Y, W, H float64 // the area, in points from the top-left of the page
	// Continued is set on every fragment of a block but its first.
	Continued bool
}

// Bookmark is one entry of the document outline.
type Bookmark struct {
	Title string  // the entry's text
	Level int     // 0 for sections
	Page  int     // 1-based page it points to
	Y     float64 // y on that page, in points from the top
}

// Rect is a rectangle in points from the top-left corner of the page.
type Rect struct{ X, Y, W, H float64 }

// DisplayList is a laid-out document: positioned boxes on pages. Painting
// turns it into PDF operators one box at a time; tests inspect it.
type DisplayList struct {
	PageWidth, PageHeight float64 // page size in points
	// Content is the area of each page inside the margins where blocks go;
	// the page header and footer sit in the top and bottom margins.
	Content   Rect
	Pages     int           // number of pages
	Boxes     []Box         // every positioned box, page by page in painting order
	Blocks    []BlockExtent // where each block (or fragment of one) stands; Box.Block indexes it
	Bookmarks []Bookmark    // the outline, in document order
	// Substituted lists characters replaced because no font has them
	// (only with SubstituteMissing).
	Substituted []MissingGlyph
	faces       []*faceInfo
	items       []textItem
}

// PageBoxes returns the boxes of page p (1-based), in painting order.
func (d *DisplayList) PageBoxes(p int) []Box {
	var out []Box
	for _, b := range d.Boxes {
		if b.Page == p {
			out = append(out, b)
		}
	}
	return out
}
