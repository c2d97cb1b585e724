package pdf

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/statbrief/statbrief/internal/linebreak"
	"github.com/statbrief/statbrief/report"
)

// Colours of the briefing.
var (
	black     = Color{0x1a, 0x1a, 0x1a}
	gray      = Color{0x5f, 0x66, 0x6d}
	lightGray = Color{0xd0, 0xd5, 0xdb}
	accent    = Color{0x1f, 0x4e, 0x8c}
	accent2   = Color{0x8f, 0xb1, 0xdb}
	marker    = Color{0xd9, 0x6c, 0x00}
	good      = Color{0x1b, 0x7f, 0x4a}
	bad       = Color{0xc0, 0x39, 0x2b}
	zebra     = Color{0xf4, 0xf6, 0xf9}
	cardFill  = Color{0xf1, 0xf5, 0xfa}
	headFill  = Color{0xe3, 0xea, 0xf3}
	emphFill  = Color{0xfd, 0xf3, 0xdc}
	refColor  = Color{0xc0, 0x39, 0x2b}
	gridColor = Color{0xe2, 0xe5, 0xe9}
)

// style is how a piece of text is set.
type style struct {
	size    float64
	leading float64 // line height as a multiple of size
	bold    bool
	color   Color
	role    Role
}

func (s style) lineH() float64 { return s.size * s.leading }

// textItem is one text of the document as laid out: a paragraph, a cell,
// a label. Its boxes, in order, joined give Text back.
type textItem struct {
	Text    string
	Lines   int
	Section string
	Row     int // for a table cell, the row it belongs to (numbered across the document, from 1); 0 otherwise
	// for a table cell: its table (numbered across the document, from
	// 1), its column (from 1), and whether it is a figure in a column of
	// figures (a body cell, not the header)
	Table, Col int
	Figure     bool
}

type layout struct {
	spares  *spares // the renderer's
	ctx     context.Context
	cfg     *config
	sh      *shaper
	doc     *report.Document
	lang    report.Lang
	dl      *DisplayList
	page    int
	y       float64
	section string
	// the title of the section being laid out, and of the section each
	// page begins in (for the page header)
	sectionTitle string
	pageSection  []string
	block        int
	where        string
	// footnotes per page (index page-1) and their height; the notes
	// cited and not yet placed, in order; the citations cited so far
	foot  [][]footnote
	footH []float64
	queue []footnote
	notes noteTable // the citations, whether cited yet, and their lines
	// the break opportunities of texts
	breakCache  map[string][]linebreak.Break
	breakShared *linebreak.Cache // the renderer's
	texts       *textCache       // the renderer's
	items       []textItem
	rows        int          // table rows laid out so far (textItem.Row)
	tables      int          // tables laid out so far (textItem.Table)
	tcells      []tcell      // the cells of the table being laid out
	nextTable   *tableLayout // the table after a heading, measured for the heading
	// pageBoxes holds each page's boxes in painting order (footnotes
	// and furniture are added last); Layout joins them
	pageBoxes [][]Box
	missing   []MissingGlyph
	docs      map[string]string
}

// advance is the face a character is set in and its advance width.
type advance struct {
	face int16   // index into the shaper's faces; -1: no face has it
	w    float32 // ems
}

func (l *layout) left() float64   { return l.dl.Content.X }
func (l *layout) width() float64  { return l.dl.Content.W }
func (l *layout) top() float64    { return l.dl.Content.Y }
func (l *layout) bottom() float64 { return l.dl.Content.Y + l.dl.Content.H - l.footH[l.page-1] }

// Layout lays doc out into pages of positioned boxes, without writing
// any PDF. Render paints what Layout returns.
func (r *Renderer) Layout(ctx context.Context, doc *report.Document) (*DisplayList, error) {
	if doc == nil {
		return nil, errors.New("pdf: nil document")
	}
	cfg := r.cfg
	m := cfg.margins
	l := &layout{spares: r.spares, breakShared: r.breaks, texts: r.texts, ctx: ctx, cfg: &cfg, sh: r.sh, doc: doc, lang: doc.Meta.Lang, block: -1,
		dl: &DisplayList{PageWidth: cfg.pageW, PageHeight: cfg.pageH,
			Content: Rect{X: m.Left, Y: m.Top, W: cfg.pageW - m.Left - m.Right, H: cfg.pageH - m.Top - m.Bottom},
			faces:   r.sh.faces},
		docs: map[string]string{}, breakCache: map[string][]linebreak.Break{}}
	l.items = r.spares.itemList()
	if l.lang != report.English {
		l.lang = report.Chinese
	}
	for _, d := range doc.Meta.Documents {
		l.docs[d.Doc] = d.Title
	}
	l.notes.init(doc.Sources)
	l.newPage()
	l.where = "title"
	l.titleBlock()
	first := true
	for _, s := range doc.Sections {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if l.cfg.omit[s.ID] {
			continue
		}
		l.section = s.ID
		l.where = fmt.Sprintf("section %q title", s.ID)
		l.sectionTitle = l.clean(s.Title, false)
		l.sectionHeading(s.Title, first)
		first = false
		heading := s.Title // the heading just above the block, if any
		for bi, b := range s.Blocks {
			l.where = fmt.Sprintf("section %q block %d", s.ID, bi+1)
			switch b := b.(type) {
			case report.Heading:
				var next report.Block
				if bi+1 < len(s.Blocks) {
					next = s.Blocks[bi+1]
				}
				l.heading(b, next)
			case report.Paragraph:
				l.paragraph(b.Text, b.Cites, false)
			case report.Note:
				l.paragraph(b.Text, b.Cites, true)
			case report.Cards:
				l.cards(b)
			case report.Table:
				l.table(b, heading)
			case report.Chart:
				l.chart(b)
			}
			heading = ""
			if h, ok := b.(report.Heading); ok {
				heading = h.Text
			}
		}
	}
	l.flushNotes()
	l.footnotes()
	l.furniture()
	l.dl.Boxes = l.flatten()
	l.extents()
	l.dl.items = l.items
	l.missing = slices.CompactFunc(l.missing, func(a, b MissingGlyph) bool { return a == b })
	if len(l.missing) > 0 {
		if !l.cfg.substitute {
			return nil, &MissingGlyphError{Glyphs: l.missing}
		}
		l.dl.Substituted = l.missing
	}
	return l.dl, nil
}

func (l *layout) newPage() {
	l.page++
	l.dl.Pages = l.page
	l.y = l.top()
	l.foot = append(l.foot, nil)
	l.pageBoxes = append(l.pageBoxes, l.spares.page())
	l.footH = append(l.footH, 0)
	l.pageSection = append(l.pageSection, l.sectionTitle)
	if l.block >= 0 {
		// continue the current block as a new fragment on the new page
		prev := l.dl.Blocks[l.block]
		l.beginBlock(prev.Kind)
		l.dl.Blocks[l.block].Continued = true
	}
}

// beginBlock starts a block; boxes emitted until the next beginBlock
// belong to it.
func (l *layout) beginBlock(kind string) {
	l.dl.Blocks = append(l.dl.Blocks, BlockExtent{Page: l.page, Section: l.section, Kind: kind})
	l.block = len(l.dl.Blocks) - 1
}

func (l *layout) endBlock(gap float64) {
	l.block = -1
	l.y += gap
}

// ensure starts a new page unless h more points fit on this one (or
// nothing has been set on it yet). It reports whether it broke the page.
// Notes carried over from earlier pages go to the foot of the page below
// the h points, as far as they fit and take at most carriedShare of it.
func (l *layout) ensure(h float64) bool { return l.ensureReserve(h, h) }

// ensureReserve is ensure leaving reserve points (at least h) free of
// carried notes: room for what must follow the h points on this page.
func (l *layout) ensureReserve(h, reserve float64) bool {
	broke := false
	if l.y+h > l.bottom()+0.01 && l.y > l.top()+0.01 {
		l.newPage()
		broke = true
	}
	l.placeCarried(max(h, reserve))
	return broke
}

// placeCarried sets notes waiting from earlier content at the foot of this
// page below the h points about to be set, as far as they fit and take at
// most carriedShare of the page.
func (l *layout) placeCarried(h float64) {
	if len(l.queue) > 0 {
		l.placeNotes(min(l.contentBottom()-l.y-h, carriedShare*l.dl.Content.H))
	}
}

func (l *layout) add(b Box) {
	b.Page = l.page
	b.Block = l.block
	l.pageBoxes[l.page-1] = append(l.pageBoxes[l.page-1], b)
}

func (l *layout) rect(x, y, w, h float64, c Color) {
	l.add(Box{Kind: RectBox, Role: RoleDecoration, X: x, Y: y, W: w, H: h, Color: c, item: -1})
}

func (l *layout) line(x1, y1, x2, y2, lw float64, c Color, dashed bool) {
	l.add(Box{Kind: LineBox, Role: RoleDecoration, X: x1, Y: y1, W: x2 - x1, H: y2 - y1, Color: c, LineWidth: lw, Dashed: dashed, item: -1})
}

// clean makes text settable: controls and white space no face has (a
// line separator, an ideographic space in a font without one) become
// spaces; invalid UTF-8, characters above U+FFFF and characters no face
// has are recorded as missing and replaced by Replacement.
func (l *layout) clean(s string, bold bool) string {
	s, bad := sanitize(s)
	for _, r := range bad {
		l.missing = append(l.missing, MissingGlyph{Rune: r, Where: l.where})
	}
	ok := true
	for _, r := range s {
		if unicode.IsControl(r) || l.adv(r, bold).face < 0 {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsControl(r) || unicode.IsSpace(r) && l.adv(r, bold).face < 0:
			b.WriteByte(' ')
		case l.adv(r, bold).face < 0 && r != Replacement:
			l.missing = append(l.missing, MissingGlyph{Rune: r, Where: l.where})
			b.WriteRune(Replacement)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (l *layout) adv(r rune, bold bool) advance {
	if r < 0 || r > 0xFFFF {
		return advance{face: -1}
	}
	if bold {
		return l.sh.bmp[1][r]
	}
	return l.sh.bmp[0][r]
}

// measure is the width of s in points, set in st.
func (l *layout) measure(s string, st style) float64 {
	w := 0.0
	for _, r := range s {
		w += float64(l.adv(r, st.bold).w)
	}
	return w * st.size
}

// wrap breaks s (already clean) into lines no wider than w where possible.
func (l *layout) wrap(s string, w float64, st style) []string {
	return l.wrapGlued(s, len(s), w, st)
}

// wrapGlued is wrap keeping s[glue:] whole and with what precedes it (a
// citation mark after a paragraph).
func (l *layout) wrapGlued(s string, glue int, w float64, st style) []string {
	return l.wrapBreaks(s, glue, nil, w, st)
}

// wrapBreaks is wrapGlued with the break opportunities of s given (as
// linebreak.Breaks returns them; nil: look them up).
func (l *layout) wrapBreaks(s string, glue int, kinds []linebreak.Break, w float64, st style) []string {
	if s == "" {
		return []string{""}
	}
	if l.measure(s, st) <= w+0.01 && !hasNewline(s) {
		return []string{s} // fits: no need to look for breaks
	}
	return l.texts.lines(wrapKeyOf(s, glue, w, st), func() []string {
		if kinds == nil {
			kinds = l.breaks(s)
		}
		return l.breakText(s, glue, kinds, w, st)
	})
}

// breakText is wrapBreaks for a text that does not fit on one line.
func (l *layout) breakText(s string, glue int, kinds []linebreak.Break, w float64, st style) []string {
	w += 0.01 // widths computed to fit their text exactly fit it
	m := func(t string) float64 { return l.measure(t, st) }
	var out []string
	for _, ln := range breakLines(s, glue, kinds, w, m) {
		// a unit wider than the column is split by characters, so that
		// nothing is ever set outside its box
		for m(strings.TrimRightFunc(ln, unicode.IsSpace)) > w+0.01 && len([]rune(strings.TrimRightFunc(ln, unicode.IsSpace))) > 1 {
			rs := []rune(ln)
			k := 1
			acc := l.measure(string(rs[0]), st)
			for k < len(rs) {
				cw := l.measure(string(rs[k]), st)
				if acc+cw > w+0.01 {
					break
				}
				acc += cw
				k++
			}
			out = append(out, string(rs[:k]))
			ln = string(rs[k:])
		}
		out = append(out, ln)
	}
	return out
}

// hasNewline reports whether s holds a character that breaks a line: LF,
// CR, VT, FF, NEL (C2 85), U+2028 or U+2029 (E2 80 A8, E2 80 A9).
func hasNewline(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '\n' && c <= '\r':
			return true
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0x85:
			return true
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
			return true
		}
	}
	return false
}

// emit sets one line of text at x with its line box top at y, split into
// boxes by face. spacing is the extra space of a justified line: it goes
// after every character that a CJK character stands beside (so that runs
// of digits and Latin letters keep their natural spacing), except the
// line's last. It returns the x after the line.
func (l *layout) emit(s string, x, y float64, st style, spacing float64, item int) float64 {
	base := y + st.lineH()/2 + 0.34*st.size
	// trailing spaces at the end of a line take no room
	body := len(strings.TrimRightFunc(s, unicode.IsSpace))
	// after returns the space after the rune at i (of size n): spacing
	// when it or the next rune is wide; the last rune of the body takes
	// its predecessor's value (nothing follows it, and so its run need
	// not be cut)
	prevAfter := 0.0
	after := func(i, n int) float64 {
		if spacing == 0 {
			return 0
		}
		if i+n >= body {
			return prevAfter
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		next, _ := utf8.DecodeRuneInString(s[i+n:])
		if wideRune(r) || wideRune(next) {
			return spacing
		}
		return 0
	}
	for start := 0; start < len(s); {
		r, n := utf8.DecodeRuneInString(s[start:])
		a := l.adv(r, st.bold)
		sp := after(start, n)
		prevAfter = sp
		end, ems, gaps := start+n, 0.0, 0
		if start < body {
			ems = float64(a.w)
			if start+n < body && sp > 0 {
				gaps++
			}
		}
		for end < len(s) {
			r, n := utf8.DecodeRuneInString(s[end:])
			b := l.adv(r, st.bold)
			if b.face != a.face || end < body && after(end, n) != sp {
				break
			}
			if end < body {
				ems += float64(b.w)
				if end+n < body && sp > 0 {
					gaps++
				}
			}
			end += n
		}
		w := ems*st.size + sp*float64(gaps)
		if a.face >= 0 {
			face := int(a.face)
			l.add(Box{Kind: TextBox, Role: st.role, X: x, Y: y, W: w, H: st.lineH(), Baseline: base,
				Face: l.sh.faces[face].name, face: face, Size: st.size, Bold: st.bold && l.sh.synthBold, Text: s[start:end], Spacing: sp, Color: st.color, item: item})
		}
		x += w
		start = end
	}
	return x
}

// wideRune reports whether r is a CJK character or punctuation mark,
// beside which a justified line may add space.
func wideRune(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF ||
		r >= 0x3400 && r <= 0x4DBF || r >= 0xF900 && r <= 0xFAFF || r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—'
}

// stretchGaps counts the places of a line where justification adds space
// (see emit): after every rune but the last that is wide or stands before
// a wide one.
func stretchGaps(s string) int {
	n := 0
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 && (wideRune(prev) || wideRune(r)) {
			n++
		}
		prev = r
	}
	return n
}

// newItem registers a text item of the document and returns its index.
func (l *layout) newItem(s string, lines int) int {
	l.items = append(l.items, textItem{Text: s, Lines: lines, Section: l.section})
	return len(l.items) - 1
}

// block places wrapped text at x in width w from l.y within a box that
// does not break across pages; it returns the height used.
func (l *layout) textAt(s string, x, y, w float64, st style, align int) float64 {
	s = l.clean(s, st.bold)
	lines := l.wrap(s, w, st)
	item := l.newItem(s, len(lines))
	for i, ln := range lines {
		lx := x
		switch align {
		case 1:
			lx = x + w - l.lineWidth(ln, st)
		case 2:
			lx = x + (w-l.lineWidth(ln, st))/2
		}
		l.emit(ln, lx, y+float64(i)*st.lineH(), st, 0, item)
	}
	return float64(len(lines)) * st.lineH()
}

// extents computes each block fragment's area from its boxes.
func (l *layout) extents() {
	type bb struct {
		x0, y0, x1, y1 float64
		ok             bool
	}
	ext := make([]bb, len(l.dl.Blocks))
	for _, b := range l.dl.Boxes {
		if b.Block < 0 {
			continue
		}
		x0, x1 := min(b.X, b.X+b.W), max(b.X, b.X+b.W)
		y0, y1 := min(b.Y, b.Y+b.H), max(b.Y, b.Y+b.H)
		e := &ext[b.Block]
		if !e.ok {
			*e = bb{x0, y0, x1, y1, true}
			continue
		}
		e.x0, e.y0, e.x1, e.y1 = min(e.x0, x0), min(e.y0, y0), max(e.x1, x1), max(e.y1, y1)
	}
	for i, e := range ext {
		if e.ok {
			b := &l.dl.Blocks[i]
			b.X, b.Y, b.W, b.H = e.x0, e.y0, e.x1-e.x0, e.y1-e.y0
		}
	}
}

// lineWidth is the width of a line of text without its trailing spaces.
func (l *layout) lineWidth(s string, st style) float64 {
	return l.measure(strings.TrimRightFunc(s, unicode.IsSpace), st)
}

// flatten joins the pages' boxes into one slice, page by page.
func (l *layout) flatten() []Box {
	n := 0
	for _, p := range l.pageBoxes {
		n += len(p)
	}
	out := l.spares.boxList(n)
	for _, p := range l.pageBoxes {
		out = append(out, p...)
		putBoxes(l.spares.pages, p)
	}
	l.pageBoxes = nil
	return out
}
