package pdf

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/statbrief/statbrief/internal/linebreak"
)

// piece is an unbreakable piece of a cell's text: its width, and the
// width of the white space after it, which hangs at the end of a line.
type piece struct{ w, trail float64 }

// cellMeasure is a cell's text measured for column widths: its width on
// one line and, looked up only when a column may be narrower than that,
// its break opportunities (linebreak.Breaks) and the pieces between them,
// and the narrowest widths that set it in k lines. It depends only on the
// text and how it is set, and is shared by the layouts of a renderer
// (textCache): safe for concurrent use.
type cellMeasure struct {
	s       string
	st      style
	extra   float64 // room after the last piece (a citation mark)
	inset   float64 // room beside every line (the strip of a column's marks)
	full    float64 // width on one line
	newline bool    // s holds a hard line break
	sh      *shaper
	breaks  *linebreak.Cache
	once    sync.Once // sets pieces, hard and minW
	pieces  []piece
	hard    []bool  // per piece: a newline ends it
	minW    float64 // width of the widest piece
	// the narrowest width that sets the text in k lines (index k-1), as
	// the complement of its bits: 0 is not known yet (every layout that
	// looks a width up first computes the same value)
	fit [maxCellLines + 4]atomic.Uint64
}

// measureCell measures s set in st, with extra points (a citation mark)
// after its last piece and inset points beside every line. Measures are
// kept by the renderer, by text and style, as many cells repeat.
func (l *layout) measureCell(s string, st style, extra, inset float64) *cellMeasure {
	return l.texts.cell(cellKey{s, st.size, st.bold, extra, inset}, func() *cellMeasure {
		d := &cellMeasure{s: s, st: st, extra: extra, inset: inset, newline: hasNewline(s), sh: l.sh, breaks: l.breakShared}
		d.full = l.measure(strings.TrimRightFunc(s, unicode.IsSpace), st) + extra + inset
		return d
	})
}

// measure is the width of s in points, set in st.
func (d *cellMeasure) measure(s string, st style) float64 {
	w := 0.0
	bmp := d.sh.bmp[0]
	if st.bold {
		bmp = d.sh.bmp[1]
	}
	for _, r := range s {
		if r >= 0 && r <= 0xFFFF {
			w += float64(bmp[r].w)
		}
	}
	return w * st.size
}

// splitPieces finds the cell's pieces.
func (d *cellMeasure) splitPieces() {
	d.once.Do(d.split)
}

func (d *cellMeasure) split() {
	s, st := d.s, d.st
	if s == "" {
		d.pieces, d.hard = []piece{{w: d.extra}}, []bool{false}
		d.minW = d.extra + d.inset
		return
	}
	kinds := breaksOf(s, d.breaks)
	prev := 0
	for p := 1; p <= len(s); p++ {
		if kinds[p] == linebreak.NoBreak && p < len(s) {
			continue
		}
		u := s[prev:p]
		t := strings.TrimRightFunc(u, unicode.IsSpace)
		pc := piece{w: d.measure(t, st)}
		pc.trail = d.measure(u[len(t):], st)
		if p == len(s) {
			pc.w += d.extra
		}
		d.pieces = append(d.pieces, pc)
		d.hard = append(d.hard, kinds[p] == linebreak.Mandatory)
		d.minW = max(d.minW, pc.w+d.inset)
		prev = p
	}
}

// minWidth is the width of the cell's widest piece.
func (d *cellMeasure) minWidth() float64 {
	d.splitPieces()
	return d.minW
}

// breaks returns the break opportunities of s, looked up once per layout.
func (l *layout) breaks(s string) []linebreak.Break {
	if k, ok := l.breakCache[s]; ok {
		return k
	}
	k := breaksOf(s, l.breakShared)
	l.breakCache[s] = k
	return k
}

// breaksOf returns the break opportunities of s, through cache; a single
// character has one, after it, and needs no look-up.
func breaksOf(s string, cache *linebreak.Cache) []linebreak.Break {
	if _, n := utf8.DecodeRuneInString(s); n == len(s) && !hasNewline(s) {
		k := make([]linebreak.Break, len(s)+1)
		k[len(s)] = linebreak.Allowed
		return k
	}
	return linebreak.BreaksCached(s, cache)
}

type cellKey struct {
	s            string
	size         float64
	bold         bool
	extra, inset float64
}

// lines is how many lines the text takes in width w, breaking as
// linebreak.LinesAt does (a piece wider than w is split by characters,
// counted here by its width).
func (d *cellMeasure) lines(w float64) int {
	if w+0.01 >= d.full && !d.newline {
		return 1
	}
	d.splitPieces()
	w = max(w-d.inset, 0.5)
	n, cur := 1, 0.0
	for i, p := range d.pieces {
		if cur > 0 && cur+p.w > w+0.01 {
			n++
			cur = 0
		}
		if p.w > w+0.01 {
			k := int(math.Ceil(p.w/w - 1e-9))
			n += k - 1
			cur = p.w - float64(k-1)*w
		} else {
			cur += p.w
		}
		cur += p.trail
		if d.hard[i] && i < len(d.pieces)-1 {
			n++
			cur = 0
		}
	}
	return n
}

// width is the narrowest width (within 0.05 pt) in which the text takes
// at most k lines, computed the first time it is asked for.
func (d *cellMeasure) width(k int) float64 {
	k = max(k, 1)
	if k <= len(d.fit) {
		if v := d.fit[k-1].Load(); v != 0 {
			return math.Float64frombits(^v)
		}
	}
	w := d.narrowest(k)
	if k <= len(d.fit) {
		d.fit[k-1].Store(^math.Float64bits(w))
	}
	return w
}

// narrowest computes width(k).
func (d *cellMeasure) narrowest(k int) float64 {
	if k == 1 && !d.newline {
		return d.full
	}
	lo, hi := 0.0, d.full+0.1
	if d.lines(hi) > k {
		return hi // hard line breaks: k lines are never enough
	}
	for hi-lo > 0.05 {
		mid := (lo + hi) / 2
		if d.lines(mid) <= k {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// colSpec is what column widths are computed from: per column, whether
// it holds figures, the width its figures would have and need aligned on
// the decimal point, and every cell measured, row by row (the header row
// first).
type colSpec struct {
	figure []bool
	align  []float64
	// the width the figures that cannot be broken need aligned on the
	// decimal point: the column's minimum, when the table has room
	alignMin []float64
	cells    [][]*cellMeasure // [row][column]
}

// maxCellLines is the number of lines above which a cell counts as a
// long remark: widening its column to shorten it further is not worth
// the room every other row needs.
const maxCellLines = 12

// columnWidths shares total (the table width) between the columns, from
// their content, so that the table is as short as it can be:
//
//   - a column's minimum is its widest unbreakable piece (a word, a
//     number with its sign and unit: numbers are never split; a cell
//     that is a word of at most four hanzi, such as 大连市, whole), up to
//     eight ems for text and fourteen for figures, and its preferred
//     width is its widest cell on one line;
//   - when every column has its preferred width, the room left is shared
//     in proportion to them;
//   - otherwise every column starts from its minimum (or, if that gives
//     a shorter table in the end, from the widths that set no cell in
//     more lines than it must: the fewest lines L for which every column
//     can be as wide as its cells need for L lines), and the room left
//     goes, step by step, to the column whose widening saves the most table
//     height per point, counting each cell's lines exactly (as the line
//     breaker will set them); a row is as tall as its tallest cell,
//     which the estimate smooths into the 4-norm of the row's line counts
//     (so that shortening a cell that ties for the tallest still counts);
//     a cell counts at most maxCellLines lines;
//   - when even the minimums do not fit, they are scaled down.
//
// pad is the horizontal padding of a cell (both sides), size the font size.
func columnWidths(sp colSpec, total, pad, size float64) []float64 {
	n := len(sp.figure)
	nat := make([]float64, n)
	minW := make([]float64, n)
	minAl := make([]float64, n)
	// each column's cells, widest first: a cell no wider than what the
	// column already needs is never split, and need not be looked into
	byWidth := make([][]*cellMeasure, n)
	type rowWidth struct {
		full float64
		r    int
	}
	order := make([]rowWidth, len(sp.cells))
	for c := range n {
		for r, row := range sp.cells {
			order[r] = rowWidth{row[c].full, r}
		}
		// widest first, rows of equal widths in order
		slices.SortFunc(order, func(a, b rowWidth) int {
			if a.full != b.full {
				return cmp.Compare(b.full, a.full)
			}
			return a.r - b.r
		})
		byWidth[c] = make([]*cellMeasure, len(sp.cells))
		for i, o := range order {
			byWidth[c][i] = sp.cells[o.r][c]
		}
	}
	for c := range n {
		nat[c] = sp.align[c]
		limit := 8 * size
		if sp.figure[c] {
			limit = 14 * size
		}
		for _, m := range byWidth[c] {
			nat[c] = max(nat[c], m.full)
			if m.full <= minW[c] && !m.newline {
				break
			}
			mw := m.minWidth()
			if shortWord(m.s) {
				mw = m.full // a word of a few hanzi (大连市, 口径) is not broken
			}
			minW[c] = max(minW[c], min(mw, limit))
		}
		// figures aligned on the decimal point need their widest
		// integer part and their widest tail side by side, if the
		// table has room for that
		minAl[c] = max(minW[c], min(sp.alignMin[c], limit))
		nat[c] += pad
		minW[c] = min(minW[c]+pad, nat[c])
		minAl[c] = min(minAl[c]+pad, nat[c])
	}
	sum := func(v []float64) float64 {
		t := 0.0
		for _, x := range v {
			t += x
		}
		return t
	}
	if sum(minAl) <= total {
		minW = minAl
	}
	w := make([]float64, n)
	if s := sum(nat); s <= total {
		for c := range n {
			w[c] = nat[c] * total / s
		}
		return w
	}
	copy(w, minW)
	if s := sum(w); s >= total {
		for c := range n {
			w[c] *= total / s
		}
		return w
	}
	// two starts: the minimums, and the widths that set every cell in
	// the fewest lines L it can be set in at once (each column as wide as
	// its cells need for L lines); from each, the room goes where it
	// saves the most; the shorter table wins
	grown := slices.Clone(w)
	grow(grown, nat, sp.cells, total-sum(grown), pad)
	for L := 1; L <= maxCellLines; L++ {
		need := make([]float64, n)
		for c := range n {
			need[c] = minW[c]
			for _, m := range byWidth[c] {
				if m.full+pad <= need[c] && !m.newline {
					break
				}
				need[c] = max(need[c], min(m.width(L)+pad, nat[c]))
			}
		}
		if sum(need) <= total {
			grow(need, nat, sp.cells, total-sum(need), pad)
			if tableLines(sp.cells, need, pad) <= tableLines(sp.cells, grown, pad) {
				return need
			}
			break
		}
	}
	return grown
}

// fewer is the lines a cell takes at text width w, given that it takes k
// at a narrower width: the narrowest widths for k−1, k−2 … lines are
// looked up (once per cell and count), not the lines counted again.
func fewer(m *cellMeasure, w float64, k float64) float64 {
	for k > 1 && m.width(int(k)-1) <= w+1e-9 {
		k--
	}
	return k
}

// tableLines is the height of a table in lines, its columns w wide: the
// sum over its rows of the lines of their tallest cell.
func tableLines(cells [][]*cellMeasure, w []float64, pad float64) int {
	n := 0
	for _, row := range cells {
		h := 1
		for c, m := range row {
			h = max(h, m.lines(w[c]-pad))
		}
		n += h
	}
	return n
}

// grow hands room out to the columns in steps, each to the column whose
// widening lowers the estimated table height most per point of width
// (widening a column by just enough to take a line off one of its
// cells, or by a 40th of the room if that is more). A column never grows past its natural width nat; room no
// column can take usefully goes to the columns below their natural
// width, then to all in proportion to their widths.
func grow(w, nat []float64, cells [][]*cellMeasure, room, pad float64) {
	n := len(w)
	lines := func(m *cellMeasure, width float64) float64 {
		return float64(min(m.lines(width-pad), maxCellLines))
	}
	p4 := func(v float64) float64 { v *= v; return v * v }
	root4 := func(v float64) float64 { return math.Sqrt(math.Sqrt(v)) }
	// per row: the lines of each cell and the sum of their 4th powers;
	// per column: the rows where it has a cell of more than one line (the
	// only ones its widening can shorten)
	cur := make([][]float64, len(cells))
	sum := make([]float64, len(cells))
	multi := make([][]int, n)
	curAll := make([]float64, len(cells)*n)
	for r, row := range cells {
		cur[r] = curAll[r*n : (r+1)*n : (r+1)*n]
		for c := range n {
			cur[r][c] = lines(row[c], w[c])
			sum[r] += p4(cur[r][c])
			if cur[r][c] > 1 {
				multi[c] = append(multi[c], r)
			}
		}
	}
	// steps of at least a 40th of the room: a few dozen steps at most
	minStep := max(room/40, 0.5)
	// each column's best widening and what it saves, kept from step to
	// step until the column, a row it has a multi-line cell in, or the
	// room that caps it changes (per row, the columns with a multi-line
	// cell in it, as bits; more than 64 columns: every candidate is
	// looked at every step)
	type change struct {
		r int
		v float64
	}
	type candidate struct {
		known, skip bool
		inc, gain   float64
		changes     []change // the rows whose cell the widening shortens, and its new line count
	}
	cands := make([]candidate, n)
	var rowCols []uint64
	if n <= 64 {
		rowCols = make([]uint64, len(cells))
		for c := range n {
			for _, r := range multi[c] {
				rowCols[r] |= 1 << c
			}
		}
	}
	for room > 1e-6 {
		best, bestInc, bestRate := -1, 0.0, 0.0
		for c := range n {
			cd := &cands[c]
			if !cd.known || !cd.skip && cd.inc > room || rowCols == nil {
				*cd = candidate{known: true, changes: cd.changes[:0]}
				if w[c]+1e-6 >= nat[c] || len(multi[c]) == 0 {
					cd.skip = true
					continue
				}
				// the smallest widening that takes a line off some cell
				inc := math.Inf(1)
				for _, r := range multi[c] {
					inc = min(inc, cells[r][c].width(int(cur[r][c])-1)+pad-w[c])
				}
				inc = min(max(inc, minStep), nat[c]-w[c], room)
				gain := 0.0
				for _, r := range multi[c] {
					if v := fewer(cells[r][c], w[c]+inc-pad, cur[r][c]); v != cur[r][c] {
						gain += root4(sum[r]) - root4(sum[r]-p4(cur[r][c])+p4(v))
						cd.changes = append(cd.changes, change{r, v})
					}
				}
				cd.inc, cd.gain = inc, gain
			}
			if cd.skip {
				continue
			}
			if rate := cd.gain / cd.inc; cd.gain > 1e-9 && rate > bestRate+1e-12 {
				best, bestInc, bestRate = c, cd.inc, rate
			}
		}
		if best < 0 {
			break // no widening that fits the room saves a line
		}
		w[best] += bestInc
		room -= bestInc
		// the widening shortens the cells the candidate found (at the
		// width it looked at, which w[best] now is)
		cd := &cands[best]
		cd.known = false
		ended := false
		for _, ch := range cd.changes {
			r := ch.r
			if rowCols != nil {
				for m := rowCols[r]; m != 0; m &= m - 1 {
					cands[bits.TrailingZeros64(m)].known = false
				}
			}
			sum[r] += p4(ch.v) - p4(cur[r][best])
			cur[r][best] = ch.v
			if ch.v <= 1 {
				ended = true
				if rowCols != nil {
					rowCols[r] &^= 1 << best
				}
			}
		}
		if ended {
			keep := multi[best][:0]
			for _, r := range multi[best] {
				if cur[r][best] > 1 {
					keep = append(keep, r)
				}
			}
			multi[best] = keep
		}
	}
	// what is left goes to the columns that still want it, in proportion
	want := 0.0
	for c := range n {
		want += nat[c] - w[c]
	}
	if give := min(room, want); give > 1e-9 {
		for c := range n {
			w[c] += (nat[c] - w[c]) * give / want
		}
		room -= give
	}
	if room > 1e-9 {
		total := 0.0
		for _, v := range w {
			total += v
		}
		for c := range n {
			w[c] += w[c] * room / total
		}
	}
}

// shortWord reports whether s is a short CJK word, at most four
// characters (a region, a header), which a column is wide enough to set
// on one line.
func shortWord(s string) bool {
	s = strings.TrimSpace(s)
	n := 0
	for _, r := range s {
		if !wideRune(r) {
			return false
		}
		n++
	}
	return n > 0 && n <= 4
}
