package pdf

import (
	"math"
	"unicode"
)

// colSpec is what column widths are computed from: for every column
// whether its cells are numbers (not wrapped when that can be helped),
// the width of its header, and the text widths of its cells, row by row,
// all without padding.
type colSpec struct {
	figure   []bool      // per column
	head     []float64   // per column: header text width
	word     []float64   // per column: widest word (unbreakable Latin run) of its cells
	headWord []float64   // per column: widest word of its header
	align    []float64   // per column: width numbers need aligned on the decimal point
	cells    [][]float64 // [row][column]: text width
}

// columnWidths shares total (the table width) between the columns, from
// their content:
//
//   - when every column fits unwrapped, each gets its natural width,
//     widened in proportion to fill the table;
//   - otherwise every column starts from a minimum and the room left goes,
//     step by step, to the column whose widening saves the most table
//     height, as estimated from each cell's text width. The minimum is
//     generous when the generous minimums fit (numbers and verdicts
//     unwrapped; text at least four characters, its header and its
//     longest word, up to eight ems), and tight when they do not (the
//     header's longest word, up to eight ems, the longest word of the
//     cells, up to eight ems, and three characters): then numbers with long
//     units wrap rather than squeeze the text columns into slivers;
//   - when even the tight minimums do not fit, they are scaled down.
//
// pad is the horizontal padding of a cell (both sides), size the font size.
func columnWidths(sp colSpec, total, pad, size float64) []float64 {
	n := len(sp.figure)
	nat := make([]float64, n)
	for c := range n {
		nat[c] = max(sp.head[c], sp.align[c])
		for _, row := range sp.cells {
			nat[c] = max(nat[c], row[c])
		}
		nat[c] += pad
	}
	sum := func(v []float64) float64 {
		t := 0.0
		for _, x := range v {
			t += x
		}
		return t
	}
	if s := sum(nat); s <= total {
		w := make([]float64, n)
		for c := range n {
			w[c] = nat[c] * total / s
		}
		return w
	}
	soft := make([]float64, n)
	hard := make([]float64, n)
	for c := range n {
		if sp.figure[c] {
			soft[c] = nat[c]
		} else {
			soft[c] = min(max(4*size, min(sp.head[c], 6*size), min(sp.headWord[c], 8*size), min(sp.word[c], 8*size))+pad, nat[c])
		}
		hard[c] = min(max(3*size, min(sp.headWord[c], 8*size), min(sp.word[c], 8*size))+pad, nat[c])
	}
	w := soft
	if sum(soft) > total {
		w = hard
	}
	if s := sum(w); s >= total {
		for c := range n {
			w[c] *= total / s
		}
		return w
	}
	grow(w, nat, sp.cells, total-sum(w), pad)
	return w
}

// grow hands room out to the columns in steps, each to the column whose
// widening lowers the estimated table height most per point of width
// (widening a column by just enough to take a line off one of its
// cells, or by a 48th of the room if that is more). A cell of text width t
// in a column of width w needs about L = ⌈t/(w−pad)⌉ lines; a row is as
// tall as its tallest cell, which the estimate smooths into the 4-norm
// of the row's L (so that shortening a cell that ties for the tallest
// still counts); a cell counts at most 12 lines. A column never grows past its natural width nat; room no
// column can take is shared in proportion to the widths.
func grow(w, nat []float64, cells [][]float64, room, pad float64) {
	n := len(w)
	lines := func(t, width float64) float64 {
		if t <= 0 {
			return 1
		}
		// a cell of more than a dozen lines is an outlier (a long
		// remark) that must not take the room every other row needs
		return min(max(1, math.Ceil(t/max(width-pad, 1)-1e-9)), 12)
	}
	p4 := func(v float64) float64 { v *= v; return v * v }
	root4 := func(v float64) float64 { return math.Sqrt(math.Sqrt(v)) }
	// per row: the lines of each cell and the sum of their 4th powers
	cur := make([][]float64, len(cells))
	sum := make([]float64, len(cells))
	for r, row := range cells {
		cur[r] = make([]float64, n)
		for c := range n {
			cur[r][c] = lines(row[c], w[c])
			sum[r] += p4(cur[r][c])
		}
	}
	minStep := max(room/48, 0.5)
	for room > 1e-9 {
		// for each column, the smallest widening that takes a line off
		// some cell (at least minStep), and the height it saves per point
		best, bestInc, bestRate := -1, 0.0, 0.0
		for c := range n {
			if w[c]+1e-9 >= nat[c] {
				continue
			}
			d := math.Inf(1)
			for r, row := range cells {
				if l := cur[r][c]; l > 1 {
					d = min(d, row[c]/(l-1)+pad-w[c])
				}
			}
			inc := min(max(d+1e-6, minStep), nat[c]-w[c], room)
			gain := 0.0
			for r, row := range cells {
				if v := lines(row[c], w[c]+inc); v != cur[r][c] {
					gain += root4(sum[r]) - root4(sum[r]-p4(cur[r][c])+p4(v))
				}
			}
			if rate := gain / inc; rate > bestRate+1e-12 {
				best, bestInc, bestRate = c, inc, rate
			}
		}
		if best < 0 {
			break // no widening saves a line, or every column has its natural width
		}
		w[best] += bestInc
		room -= bestInc
		for r, row := range cells {
			v := lines(row[best], w[best])
			sum[r] += p4(v) - p4(cur[r][best])
			cur[r][best] = v
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

// longestWord is the width in points of the longest run of s without a
// space or a wide (CJK) character, set in st: the widest piece a line
// cannot break for a text in a Latin script.
func (l *layout) longestWord(s string, st style) float64 {
	best, cur := float32(0), float32(0)
	for _, r := range s {
		a := l.adv(r, st.bold)
		if r == ' ' || r >= 0x2E80 || unicode.IsSpace(r) {
			best, cur = max(best, cur), 0
			if r >= 0x2E80 {
				best = max(best, a.w)
			}
			continue
		}
		cur += a.w
	}
	return float64(max(best, cur)) * st.size
}
