package pdf

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/statbrief/statbrief/internal/citemark"
	"github.com/statbrief/statbrief/report"
)

var (
	bodyStyle     = style{size: 10.5, leading: 1.75, color: black, role: RoleBody}
	noteStyle     = style{size: 8.5, leading: 1.6, color: gray, role: RoleBody}
	titleStyle    = style{size: 20, leading: 1.35, bold: true, color: accent, role: RoleTitle}
	subtitleStyle = style{size: 9.5, leading: 1.5, color: gray, role: RoleTitle}
	sectionStyle  = style{size: 15, leading: 1.4, bold: true, color: accent, role: RoleTitle}
	footStyle     = style{size: 7.5, leading: 1.45, color: gray, role: RoleFootnote}
	furnStyle     = style{size: 8, leading: 1.3, color: gray, role: RoleFurniture}
)

const footSep = 9.0 // space of the rule above a page's footnotes

func (l *layout) zh() bool { return l.lang != report.English }

func (l *layout) titleBlock() {
	l.beginBlock("title")
	s := l.clean(l.doc.Title, titleStyle.bold)
	lines := l.wrap(s, l.width(), titleStyle)
	l.flowLines(lines, l.left(), titleStyle, l.newItem(s, len(lines)), 0)
	if l.doc.Subtitle != "" {
		l.y += 2
		l.textAtFlow(l.doc.Subtitle, subtitleStyle)
	}
	l.y += 6
	l.ensure(1.5)
	l.line(l.left(), l.y, l.left()+l.width(), l.y, 1.5, accent, false)
	l.endBlock(16)
}

// keepWithNext is how much room a heading of height h asks for, to go
// with the start of what follows it: h and extra, unless that is more
// than a page (a heading that long just flows).
func (l *layout) keepWithNext(h, extra float64) float64 {
	if h+extra <= l.dl.Content.H {
		return h + extra
	}
	return 0
}

func (l *layout) sectionHeading(title string, first bool) {
	st := sectionStyle
	s := l.clean(title, true)
	lines := l.wrap(s, l.width(), st)
	h := float64(len(lines))*st.lineH() + 6
	if !first && l.y > l.top()+1 {
		l.y += 8
	}
	l.ensure(l.keepWithNext(h, 80)) // keep with the start of the section
	l.beginBlock("heading")
	l.ensure(st.lineH())
	l.dl.Bookmarks = append(l.dl.Bookmarks, Bookmark{Title: s, Level: 0, Page: l.page, Y: l.y})
	l.flowLines(lines, l.left(), st, l.newItem(s, len(lines)), 0)
	l.y += 2
	l.ensure(0.8)
	l.line(l.left(), l.y, l.left()+l.width(), l.y, 0.8, accent2, false)
	l.endBlock(10)
}

// heading lays out a heading; next is the block that follows it (nil at
// the end of a section): the heading goes to the page where that block
// starts.
func (l *layout) heading(h report.Heading, next report.Block) {
	st := style{size: 12, leading: 1.5, bold: true, color: black, role: RoleTitle}
	if h.Level >= 3 {
		st.size = 10.5
	}
	s := l.clean(h.Text, true)
	lines := l.wrap(s, l.width(), st)
	if l.y > l.top()+1 {
		l.y += 4
	}
	extra := 40.0
	if t, ok := next.(report.Table); ok {
		// a table starts with its caption, header and first row, or on
		// the next page: the heading goes with them
		if tl := l.measureTable(t); tl != nil {
			l.nextTable = tl
			capSt, _, _, capH := l.tableCaption(tl, h.Text)
			extra = max(extra, tableStart(tl, capSt, capH, l.firstRowNeed(tl), l.dl.Content.H)+4)
		}
	}
	l.ensure(l.keepWithNext(float64(len(lines))*st.lineH(), extra))
	l.beginBlock("heading")
	l.ensure(st.lineH())
	if h.Level <= 2 {
		l.dl.Bookmarks = append(l.dl.Bookmarks, Bookmark{Title: s, Level: 1, Page: l.page, Y: l.y})
	}
	l.flowLines(lines, l.left(), st, l.newItem(s, len(lines)), 0)
	l.endBlock(3)
}

// isCJK reports whether the line is mostly set in CJK characters, which
// may be justified by spacing between characters.
func isCJK(s string) bool {
	cjk, other := 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF):
			cjk++
		case unicode.IsSpace(r):
		default:
			other++
		}
	}
	return cjk > 0 && cjk >= other
}

// paragraph flows running text (a note in small print) across pages, with
// citation marks after it and the cited sources as footnotes (see
// footnotes.go).
func (l *layout) paragraph(text string, cites []int, note bool) {
	st := bodyStyle
	x, w := l.left(), l.width()
	if note {
		st = noteStyle
		x, w = x+10, w-10
	}
	s := l.clean(text, false)
	marks := citemark.Marks(cites)
	lines := l.wrapGlued(s+marks, len(s), w, st)
	item := l.newItem(s, len(lines))
	markSt := style{size: st.size * 0.72, leading: 1.2, color: accent, role: RoleCite}
	// the marks' baseline is a third of an em above the text's
	markDY := st.lineH()/2 + 0.34*st.size - 0.33*st.size - markSt.lineH()/2 - 0.34*markSt.size
	// the first line that holds (part of) the marks, and the last that
	// holds some of the text (lines after it hold marks only)
	markLine, lastBody := len(lines), len(lines)-1
	for i, pos := 0, 0; i < len(lines); i++ {
		if pos+len(lines[i]) > len(s) && markLine == len(lines) {
			markLine = i
		}
		if pos < len(s) {
			lastBody = i
		}
		pos += len(lines[i])
	}
	pos := 0
	cited := marks == ""
	l.beginBlock(map[bool]string{false: "paragraph", true: "note"}[note])
	for i, ln := range lines {
		// no first line alone at the foot of a page, no last line alone
		// at the head of one: the first two and the last two lines go
		// together, with the start of the notes their marks bring
		j := i // the last line that must go with this one
		if i == 0 {
			j = min(1, lastBody)
		}
		if j >= lastBody-1 {
			j = len(lines) - 1
		}
		need := float64(j-i+1) * st.lineH()
		if !cited && markLine <= j {
			need += l.footNeed(cites)
		}
		// notes carried from earlier pages leave room for two more lines,
		// so that the paragraph never has to leave a lone line here
		l.ensureReserve(need, need+float64(min(2, len(lines)-1-j))*st.lineH())
		y := l.y
		// split off the citation marks
		body, mk := ln, ""
		if pos+len(ln) > len(s) {
			cut := max(len(s)-pos, 0)
			body, mk = ln[:cut], ln[cut:]
		}
		last := i == len(lines)-1
		// justify a Chinese line by space beside its CJK characters; a line
		// that would need more than a fifth of an em per gap (one cut
		// short by an unbreakable number or citation mark) stays ragged
		spacing := 0.0
		if !last && l.cfg.justify && l.zh() && mk == "" && isCJK(body) {
			t := strings.TrimRight(body, " ")
			n := stretchGaps(t)
			extra := w - l.measure(t, st)
			if n > 0 && extra > 0 && extra/float64(n) < 0.2*st.size && len(t) == len(body) {
				spacing = extra / float64(n)
			}
		}
		nx := l.emit(body, x, y, st, spacing, item)
		if mk != "" {
			l.emit(mk, nx+0.5, y+markDY, markSt, 0, -1)
		}
		if note {
			l.rect(l.left(), y+1, 2, st.lineH()-2, lightGray)
		}
		pos += len(ln)
		l.y += st.lineH()
		if mk != "" && !cited {
			cited = true
			l.cite(cites)
		}
	}
	l.endBlock(map[bool]float64{false: 7, true: 6}[note])
}

// furniture adds the page header and footer. The header, on every page
// but the first (which has the title block), gives the title at the left
// and, at the right, the section the page begins in; the footer gives
// page X of Y.
func (l *layout) furniture() {
	m := l.cfg.margins
	title := l.clean(l.doc.Title, false)
	for p := 1; p <= l.dl.Pages; p++ {
		l.page = p
		l.block = -1
		if p > 1 {
			sec := ""
			if p-1 < len(l.pageSection) {
				sec = l.pageSection[p-1]
			}
			st := furnStyle
			gap := 0.0
			if sec != "" {
				gap = 24
			}
			head, sec, sw := l.headerFit(title, sec, gap, &st)
			l.emit(head, l.left(), m.Top-30, st, 0, -1)
			if sec != "" {
				l.emit(sec, l.left()+l.width()-sw, m.Top-30, st, 0, -1)
			}
			l.line(l.left(), m.Top-14, l.left()+l.width(), m.Top-14, 0.5, lightGray, false)
		}
		var pg string
		if l.zh() {
			pg = fmt.Sprintf("第 %d 页 共 %d 页", p, l.dl.Pages)
		} else {
			pg = fmt.Sprintf("Page %d of %d", p, l.dl.Pages)
		}
		pg = l.clean(pg, false)
		w := l.measure(pg, furnStyle)
		l.emit(pg, l.left()+(l.width()-w)/2, l.cfg.pageH-m.Bottom+18, furnStyle, 0, -1)
	}
}

// minHeaderSize is the smallest size the page header is set in.
const minHeaderSize = 7.0

// headerFit fits the page header, the title and the section title sec
// gap points apart, in the content width: a header too wide is set
// smaller, down to minHeaderSize, and then the title, and a section title
// wider than half the width, are cut short with an ellipsis (the title
// block and the section's heading carry them whole). It returns the
// texts to set and the width of the section title, and sets st's size.
func (l *layout) headerFit(title, sec string, gap float64, st *style) (string, string, float64) {
	tw, sw := l.measure(title, *st), l.measure(sec, *st)
	if tw+gap+sw <= l.width() {
		return title, sec, sw
	}
	st.size = max(st.size*l.width()/(tw+gap+sw), minHeaderSize)
	tw, sw = l.measure(title, *st), l.measure(sec, *st)
	if tw+gap+sw <= l.width()+0.01 {
		return title, sec, sw
	}
	if sw > l.width()/2 {
		sec = l.cutToFit(sec, l.width()/2, *st)
		sw = l.measure(sec, *st)
	}
	return l.cutToFit(title, l.width()-gap-sw, *st), sec, sw
}

// cutToFit cuts s short, with an ellipsis, to at most w points set in st.
func (l *layout) cutToFit(s string, w float64, st style) string {
	if l.measure(s, st) <= w+0.01 {
		return s
	}
	ell := "…"
	if l.adv('…', st.bold).face < 0 {
		ell = "..."
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		t := strings.TrimRightFunc(string(rs[:n]), unicode.IsSpace) + ell
		if l.measure(t, st) > w+0.01 {
			continue
		}
		// a Latin word is cut at its start, unless it is a long one
		if unicode.IsLetter(rs[n-1]) && unicode.IsLetter(rs[n]) && !wideRune(rs[n]) {
			for k := n - 1; k > 0 && k > n-16; k-- {
				if unicode.IsSpace(rs[k]) {
					return strings.TrimRightFunc(string(rs[:k]), unicode.IsSpace) + ell
				}
			}
		}
		return t
	}
	return ell
}
