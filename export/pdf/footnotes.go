package pdf

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/statbrief/statbrief/report"
)

// Footnotes: the policy is in the package documentation. Notes cited by
// content just set join a queue (l.queue) in the order they are cited;
// placeNotes moves them, in order, to the foot of the page being laid
// out while they fit below its content (footH grows, bottom() rises);
// the rest wait for the next page.

// footnote is a note, or part of one, at the foot of a page.
type footnote struct {
	n            int
	doc          string   // the document it cites (its file)
	lines        []string // set for the page it is about to go on: it may say "ibid."
	page         int      // the page lines were set for, and after how many of its notes
	settledAfter int
	cont         bool // the rest of a note begun at the foot of an earlier page
}

// carriedShare is the part of a page that notes carried over from
// earlier pages may take before the page's own content.
const carriedShare = 2.0 / 3

// footText is the footnote of citation n: the document, by its title,
// and the phrase quoted, 《2020年大连市政府工作报告》：“新增就业11.6萬人”;
// a note that quotes no phrase (an English briefing quotes none unless
// asked to) gives the place of the figure instead, as report.Citation
// does: "Report on the Work … (002_x.txt, byte 1234)". A document
// without a title is named by its file.
//
// A note citing the document of the note just above it on the page says
// so, as footnotes do (同上, Ibid.), instead of naming it again.
func (l *layout) footText(n int, ibid bool) string {
	c, ok := l.notes.cite(n)
	if !ok {
		return "[" + strconv.Itoa(n) + "]"
	}
	title := strings.Trim(l.docs[c.Doc], "《》")
	var b strings.Builder
	b.WriteString("[" + strconv.Itoa(n) + "] ")
	switch {
	case ibid && l.zh() && c.Phrase != "":
		b.WriteString("同上：“" + c.Phrase + "”")
	case ibid && l.zh():
		b.WriteString("同上（第" + strconv.Itoa(c.Offset) + "字节）")
	case ibid && c.Phrase != "":
		b.WriteString("Ibid.: “" + c.Phrase + "”")
	case ibid:
		b.WriteString("Ibid., byte " + strconv.Itoa(c.Offset))
	case l.zh() && c.Phrase != "" && title != "":
		b.WriteString("《" + title + "》：“" + c.Phrase + "”")
	case l.zh() && c.Phrase != "":
		b.WriteString(c.Doc + "：“" + c.Phrase + "”")
	case l.zh() && title != "":
		b.WriteString("《" + title + "》（" + c.Doc + "，第" + strconv.Itoa(c.Offset) + "字节）")
	case l.zh():
		b.WriteString(c.Doc + "（第" + strconv.Itoa(c.Offset) + "字节）")
	case c.Phrase != "" && title != "":
		b.WriteString(title + ": “" + c.Phrase + "”")
	case c.Phrase != "":
		b.WriteString(c.Doc + ": “" + c.Phrase + "”")
	case title != "":
		b.WriteString(title + " (" + c.Doc + ", byte " + strconv.Itoa(c.Offset) + ")")
	default:
		b.WriteString(c.Doc + ", byte " + strconv.Itoa(c.Offset))
	}
	return b.String()
}

// footLines is the footnote of citation n broken into lines (ibid: saying
// that it cites the document of the note above it), computed once per
// document.
func (l *layout) footLines(n int, ibid bool) []string {
	if ls := l.notes.lines(n, ibid); ls != nil {
		return ls
	}
	// the renderer keeps the lines of notes that need no substitute
	// character, by what they say
	c, found := l.notes.cite(n)
	nk := noteKey{n: n, ibid: ibid, zh: l.zh(), found: found, doc: c.Doc, title: l.docs[c.Doc], phrase: c.Phrase, offset: c.Offset, width: math.Float64bits(l.width())}
	ls, ok := l.texts.note(nk)
	if !ok {
		missing := len(l.missing)
		ls = l.wrap(l.clean(l.footText(n, ibid), false), l.width(), footStyle)
		if len(l.missing) == missing {
			l.texts.putNote(nk, ls)
		}
	}
	l.notes.setLines(n, ibid, ls)
	return ls
}

// noteKey is what a footnote's text depends on (see footText), and the
// width it is broken at.
type noteKey struct {
	n                  int
	ibid, zh, found    bool
	doc, title, phrase string
	offset             int
	width              uint64
}

// noteTable is what a layout knows of the document's citations, by
// number: the citation, whether a mark has cited it yet, and its lines
// (plain and "ibid."). Numbers from 1 to maxDenseNote are kept in
// slices, others in maps.
type noteTable struct {
	cites  []report.Citation
	has    []bool
	cited  []bool
	ls     [][2][]string
	others map[int]*noteEntry
}

type noteEntry struct {
	c     report.Citation
	has   bool
	cited bool
	ls    [2][]string
}

// maxDenseNote is the largest citation number a noteTable keeps in its
// slices.
const maxDenseNote = 1 << 14

func (t *noteTable) init(sources []report.Citation) {
	n := 0
	for _, c := range sources {
		if c.N > 0 && c.N <= maxDenseNote {
			n = max(n, c.N)
		}
	}
	t.cites, t.has, t.cited, t.ls = make([]report.Citation, n+1), make([]bool, n+1), make([]bool, n+1), make([][2][]string, n+1)
	for _, c := range sources {
		if c.N > 0 && c.N <= n {
			t.cites[c.N], t.has[c.N] = c, true
		} else {
			e := t.other(c.N)
			e.c, e.has = c, true
		}
	}
}

func (t *noteTable) other(n int) *noteEntry {
	if t.others == nil {
		t.others = map[int]*noteEntry{}
	}
	e := t.others[n]
	if e == nil {
		e = &noteEntry{}
		t.others[n] = e
	}
	return e
}

func (t *noteTable) dense(n int) bool { return n > 0 && n < len(t.cites) }

func (t *noteTable) cite(n int) (report.Citation, bool) {
	if t.dense(n) {
		return t.cites[n], t.has[n]
	}
	if e := t.others[n]; e != nil {
		return e.c, e.has
	}
	return report.Citation{}, false
}

func (t *noteTable) noted(n int) bool {
	if t.dense(n) {
		return t.cited[n]
	}
	e := t.others[n]
	return e != nil && e.cited
}

func (t *noteTable) setNoted(n int) {
	if t.dense(n) {
		t.cited[n] = true
	} else {
		t.other(n).cited = true
	}
}

func ibidIndex(ibid bool) int {
	if ibid {
		return 1
	}
	return 0
}

func (t *noteTable) lines(n int, ibid bool) []string {
	if t.dense(n) {
		return t.ls[n][ibidIndex(ibid)]
	}
	if e := t.others[n]; e != nil {
		return e.ls[ibidIndex(ibid)]
	}
	return nil
}

func (t *noteTable) setLines(n int, ibid bool, ls []string) {
	if t.dense(n) {
		t.ls[n][ibidIndex(ibid)] = ls
	} else {
		t.other(n).ls[ibidIndex(ibid)] = ls
	}
}

// settle gives the note at the head of the queue its lines, now that it
// is known which note stands above it at the foot of the page.
func (l *layout) settle(e *footnote) {
	if e.cont || e.lines != nil && e.page == l.page && len(l.foot[l.page-1]) == e.settledAfter {
		return
	}
	e.page, e.settledAfter = l.page, len(l.foot[l.page-1])
	ibid := false
	if notes := l.foot[l.page-1]; len(notes) > 0 {
		ibid = e.doc != "" && notes[len(notes)-1].doc == e.doc
	}
	e.lines = l.footLines(e.n, ibid)
}

// newNotes returns the citations of cites that no mark has cited yet, in
// ascending order without repeats.
func (l *layout) newNotes(cites []int) []int {
	var out []int
	for _, n := range cites {
		if n > 0 && !l.notes.noted(n) && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// minNoteLines is how many lines of a note of n lines must be set
// together: all of a short note, two lines of a long one.
func minNoteLines(n int) int {
	if n <= 3 {
		return n
	}
	return 2
}

// footNeed is the height that content citing cites must leave free at
// the foot of this page: the start of the first note it brings (when
// notes of earlier content still wait, the room goes to them: the new
// ones come after them).
func (l *layout) footNeed(cites []int) float64 {
	ns := l.newNotes(cites)
	if len(ns) == 0 {
		return 0
	}
	h := float64(minNoteLines(len(l.footLines(ns[0], false)))) * footStyle.lineH()
	if l.footH[l.page-1] == 0 {
		h += footSep
	}
	return h
}

// cite records that content just set on this page (ending at l.y) cites
// cites: the notes not printed yet join the queue, and as many of the
// queue as fit below the content go to this page's foot.
func (l *layout) cite(cites []int) {
	for _, n := range l.newNotes(cites) {
		l.notes.setNoted(n)
		c, _ := l.notes.cite(n)
		l.queue = append(l.queue, footnote{n: n, doc: c.Doc})
	}
	l.placeNotes(l.contentBottom() - l.y)
}

// contentBottom is the bottom of the content area, footnotes included.
func (l *layout) contentBottom() float64 { return l.dl.Content.Y + l.dl.Content.H }

// placeNotes moves notes from the queue, in order, to the foot of this
// page while the page's notes stay within limit points of height. A note
// that does not fit whole waits for the next page, unless it is long:
// then its first lines (at least two, leaving at least two) stay here.
func (l *layout) placeNotes(limit float64) {
	p := l.page - 1
	lh := footStyle.lineH()
	for len(l.queue) > 0 {
		e := &l.queue[0]
		l.settle(e)
		sep := 0.0
		if l.footH[p] == 0 {
			sep = footSep
		}
		k := int((limit - l.footH[p] - sep + 0.01) / lh)
		if k <= 0 {
			return
		}
		if k >= len(e.lines) {
			l.foot[p] = append(l.foot[p], *e)
			l.footH[p] += sep + float64(len(e.lines))*lh
			l.queue = l.queue[1:]
			continue
		}
		k = min(k, len(e.lines)-2)
		if k < 2 {
			return
		}
		l.foot[p] = append(l.foot[p], footnote{n: e.n, doc: e.doc, lines: e.lines[:k], cont: e.cont})
		l.footH[p] += sep + float64(k)*lh
		e.lines, e.cont = e.lines[k:], true
		return
	}
}

// flushNotes sets the notes still waiting when the content ends: at the
// foot of the last page as far as they fit, then on pages of their own.
func (l *layout) flushNotes() {
	l.placeNotes(l.contentBottom() - l.y)
	for len(l.queue) > 0 {
		l.newPage()
		l.y = l.top()
		l.settle(&l.queue[0])
		before := len(l.queue[0].lines)
		l.placeNotes(l.dl.Content.H)
		if len(l.queue) > 0 && len(l.foot[l.page-1]) == 0 && len(l.queue[0].lines) == before {
			// a page too short for even two lines of the note: set what fits
			e := &l.queue[0]
			k := max(1, min(len(e.lines), int((l.dl.Content.H-footSep)/footStyle.lineH())))
			l.foot[l.page-1] = append(l.foot[l.page-1], footnote{n: e.n, doc: e.doc, lines: e.lines[:k], cont: e.cont})
			l.footH[l.page-1] += footSep + float64(k)*footStyle.lineH()
			if e.lines, e.cont = e.lines[k:], true; len(e.lines) == 0 {
				l.queue = l.queue[1:]
			}
		}
	}
}

// footnotes places every page's footnotes at the bottom of its content
// area, under a short rule.
func (l *layout) footnotes() {
	saved := l.page
	for p := range l.foot {
		if len(l.foot[p]) == 0 {
			continue
		}
		l.page = p + 1
		l.section = ""
		l.beginBlock("footnotes")
		// in the order they were cited in (a note continued from the
		// page before first), which their "ibid." follows
		y := l.contentBottom() - l.footH[p]
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
