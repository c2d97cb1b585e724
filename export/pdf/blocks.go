package pdf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

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
	l.y += l.textAt(l.doc.Title, l.left(), l.y, l.width(), titleStyle, 0)
	if l.doc.Subtitle != "" {
		l.y += 2
		l.y += l.textAt(l.doc.Subtitle, l.left(), l.y, l.width(), subtitleStyle, 0)
	}
	l.y += 6
	l.line(l.left(), l.y, l.left()+l.width(), l.y, 1.5, accent, false)
	l.endBlock(16)
}

func (l *layout) sectionHeading(title string, first bool) {
	st := sectionStyle
	s := l.clean(title, true)
	h := float64(len(l.wrap(s, l.width(), st)))*st.lineH() + 6
	if !first && l.y > l.top()+1 {
		l.y += 8
	}
	l.ensure(h + 80) // keep with the start of the section
	l.beginBlock("heading")
	l.dl.Bookmarks = append(l.dl.Bookmarks, Bookmark{Title: s, Level: 0, Page: l.page, Y: l.y})
	l.y += l.textAt(s, l.left(), l.y, l.width(), st, 0)
	l.y += 2
	l.line(l.left(), l.y, l.left()+l.width(), l.y, 0.8, accent2, false)
	l.endBlock(10)
}

func (l *layout) heading(h report.Heading) {
	st := style{size: 12, leading: 1.5, bold: true, color: black, role: RoleTitle}
	if h.Level >= 3 {
		st.size = 10.5
	}
	s := l.clean(h.Text, true)
	n := len(l.wrap(s, l.width(), st))
	if l.y > l.top()+1 {
		l.y += 4
	}
	l.ensure(float64(n)*st.lineH() + 40)
	l.beginBlock("heading")
	if h.Level <= 2 {
		l.dl.Bookmarks = append(l.dl.Bookmarks, Bookmark{Title: s, Level: 1, Page: l.page, Y: l.y})
	}
	l.y += l.textAt(s, l.left(), l.y, l.width(), st, 0)
	l.endBlock(3)
}

// citeMarks is the citation mark of a list of citations: the numbers in
// ascending order without repeats, runs of three or more as a range,
// "[1–6,14,15]".
func citeMarks(ns []int) string {
	ns = slices.Clone(ns)
	slices.Sort(ns)
	ns = slices.Compact(ns)
	for len(ns) > 0 && ns[0] <= 0 {
		ns = ns[1:]
	}
	if len(ns) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('[')
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(ns[i]))
		switch {
		case j-i >= 2:
			b.WriteString("–" + strconv.Itoa(ns[j]))
		case j == i+1:
			b.WriteString("," + strconv.Itoa(ns[j]))
		}
		i = j + 1
	}
	b.WriteByte(']')
	return b.String()
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
// citation marks after it and the cited sources as footnotes on the page
// where the paragraph ends.
func (l *layout) paragraph(text string, cites []int, note bool) {
	st := bodyStyle
	x, w := l.left(), l.width()
	if note {
		st = noteStyle
		x, w = x+10, w-10
	}
	s := l.clean(text, false)
	marks := citeMarks(cites)
	// sources that would fill more than a third of a page are not set as
	// footnotes: the marks refer to the sources section, which lists
	// every citation; without that section, up to two thirds of a page
	limit := l.dl.Content.H / 3
	if l.cfg.omit["sources"] {
		limit = l.dl.Content.H * 2 / 3
	}
	inline := l.footHeight(cites) > limit
	if inline {
		cites = nil
	}
	lines := l.wrapGlued(s+marks, len(s), w, st)
	item := l.newItem(s, len(lines))
	markSt := style{size: st.size * 0.72, leading: 1.2, color: accent, role: RoleCite}
	// the marks' baseline is a third of an em above the text's
	markDY := st.lineH()/2 + 0.34*st.size - 0.33*st.size - markSt.lineH()/2 - 0.34*markSt.size
	pos := 0
	l.beginBlock(map[bool]string{false: "paragraph", true: "note"}[note])
	for i, ln := range lines {
		last := i == len(lines)-1
		need := st.lineH()
		switch {
		case last:
			need += l.citeHeight(cites)
		case i == len(lines)-2:
			// no last line alone at the head of a page: the last two
			// lines go together, with the footnotes the last one brings
			need = 2*need + l.citeHeight(cites)
		case i == 0:
			// no first line alone at the foot of a page
			need *= 2
		}
		l.ensure(need)
		y := l.y
		// split off the citation marks
		body, mk := ln, ""
		if pos+len(ln) > len(s) {
			cut := max(len(s)-pos, 0)
			body, mk = ln[:cut], ln[cut:]
		}
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
	}
	if !inline {
		l.addCites(cites)
	}
	l.endBlock(map[bool]float64{false: 7, true: 6}[note])
}

// footText is the footnote of citation n: document and phrase.
func (l *layout) footText(n int) string {
	c, ok := l.cites[n]
	if !ok {
		return fmt.Sprintf("[%d]", n)
	}
	title := l.docs[c.Doc]
	if l.zh() {
		if title != "" {
			return fmt.Sprintf("[%d] %s（%s）：“%s”", n, title, c.Doc, c.Phrase)
		}
		return fmt.Sprintf("[%d] %s：“%s”", n, c.Doc, c.Phrase)
	}
	if title != "" {
		return fmt.Sprintf("[%d] %s (%s): “%s”", n, title, c.Doc, c.Phrase)
	}
	return fmt.Sprintf("[%d] %s: “%s”", n, c.Doc, c.Phrase)
}

// footLines is the footnote of citation n broken into lines, computed
// once per document.
func (l *layout) footLines(n int) []string {
	if ls, ok := l.footCache[n]; ok {
		return ls
	}
	ls := l.wrap(l.clean(l.footText(n), false), l.width(), footStyle)
	l.footCache[n] = ls
	return ls
}

// footHeight is the height the footnotes of cites need on a page without
// footnotes.
func (l *layout) footHeight(cites []int) float64 {
	h := footSep
	seen := map[int]bool{}
	for _, n := range cites {
		if n > 0 && !seen[n] {
			seen[n] = true
			h += float64(len(l.footLines(n))) * footStyle.lineH()
		}
	}
	return h
}

// citeHeight is the height the footnotes of cites not yet on this page need.
func (l *layout) citeHeight(cites []int) float64 {
	h := 0.0
	seen := map[int]bool{}
	for _, n := range cites {
		if n <= 0 || l.noted[l.page-1][n] || seen[n] {
			continue
		}
		seen[n] = true
		if len(l.foot[l.page-1]) == 0 && h == 0 {
			h += footSep
		}
		h += float64(len(l.footLines(n))) * footStyle.lineH()
	}
	return h
}

func (l *layout) addCites(cites []int) {
	p := l.page - 1
	for _, n := range cites {
		if n <= 0 || l.noted[p][n] {
			continue
		}
		h := l.citeHeight([]int{n})
		l.noted[p][n] = true
		l.foot[p] = append(l.foot[p], footnote{n: n, lines: l.footLines(n)})
		l.footH[p] += h
	}
}

// footnotes places every page's footnotes at the bottom of its content area.
func (l *layout) footnotes() {
	saved := l.page
	for p := range l.foot {
		if len(l.foot[p]) == 0 {
			continue
		}
		l.page = p + 1
		l.section = ""
		l.beginBlock("footnotes")
		// in the order of their numbers (the heights do not change)
		slices.SortStableFunc(l.foot[p], func(a, b footnote) int { return a.n - b.n })
		y := l.dl.Content.Y + l.dl.Content.H - l.footH[p]
		l.line(l.left(), y+4, l.left()+90, y+4, 0.5, lightGray, false)
		y += footSep
		for _, f := range l.foot[p] {
			item := l.newItem(strings.Join(f.lines, ""), len(f.lines))
			for _, ln := range f.lines {
				l.emit(ln, l.left(), y, footStyle, 0, item)
				y += footStyle.lineH()
			}
		}
		l.block = -1
	}
	l.page = saved
}

// furniture adds the page header (the title) and footer (page X of Y).
func (l *layout) furniture() {
	m := l.cfg.margins
	title := l.clean(l.doc.Title, false)
	for p := 1; p <= l.dl.Pages; p++ {
		l.page = p
		l.block = -1
		st := furnStyle
		if w := l.measure(title, st); w > l.width() {
			st.size *= l.width() / w
		}
		l.emit(title, l.left(), m.Top-30, st, 0, -1)
		l.line(l.left(), m.Top-14, l.left()+l.width(), m.Top-14, 0.5, lightGray, false)
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
