package xlsx

import (
	"bufio"
	"strconv"
)

// rowWriter writes the <row> and <c> elements of one worksheet. Numbers are
// written from their exact decimal text, formulas with their cached value,
// and every text as an inline string, so a text is never read as a number
// or a formula.
type rowWriter struct {
	w   *bufio.Writer
	sst *sharedStrings // nil: every text inline
	b   []byte         // scratch for the element being written
	row int
	rs  []byte // the row's number
	// the last shared text of each column and its index: a column often
	// holds one text row after row (a region, a period, a file), which is
	// then not looked up again
	lastText []string
	lastIdx  []int
}

// maxRecalled is the number of columns whose last text a rowWriter
// recalls.
const maxRecalled = 64

// appendSmall appends the decimal digits of n ≥ 0, quickly for the small
// numbers of styles.
func appendSmall(b []byte, n int) []byte {
	switch {
	case n < 10:
		return append(b, byte('0'+n))
	case n < 100:
		return append(b, byte('0'+n/10), byte('0'+n%10))
	case n < 1000:
		return append(b, byte('0'+n/100), byte('0'+n/10%10), byte('0'+n%10))
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// colName returns the letters of 0-based column c: 0 → A, 26 → AA.
func colName(c int) string {
	return string(appendCol(nil, c))
}

func appendCol(b []byte, c int) []byte {
	var tmp [4]byte
	i := len(tmp)
	for c >= 0 {
		i--
		tmp[i] = byte('A' + c%26)
		c = c/26 - 1
	}
	return append(b, tmp[i:]...)
}

// cellRef returns the reference of 0-based column c in 1-based row r: "B7".
func cellRef(c, r int) string {
	return string(strconv.AppendInt(appendCol(nil, c), int64(r), 10))
}

func (rw *rowWriter) start(r int, height float64) {
	rw.row = r
	rw.rs = strconv.AppendInt(rw.rs[:0], int64(r), 10)
	b := append(rw.b[:0], `<row r="`...)
	b = append(b, rw.rs...)
	if height > 0 {
		b = append(b, `" ht="`...)
		b = strconv.AppendFloat(b, height, 'f', -1, 64)
		b = append(b, `" customHeight="1`...)
	}
	b = append(b, `">`...)
	rw.b = b
}

func (rw *rowWriter) end() {
	rw.b = append(rw.b, `</row>`...)
	rw.w.Write(rw.b)
	rw.b = rw.b[:0]
}

func (rw *rowWriter) open(c, style int) {
	b := append(rw.b, `<c r="`...)
	b = appendCol(b, c)
	b = append(b, rw.rs...)
	if style > 0 {
		b = append(b, `" s="`...)
		b = appendSmall(b, style)
	}
	rw.b = append(b, '"')
}

// blank writes a cell with a style and no value.
func (rw *rowWriter) blank(c, style int) {
	if style == 0 {
		return
	}
	rw.open(c, style)
	rw.b = append(rw.b, `/>`...)
}

// number writes a numeric cell holding the exact decimal text v.
func (rw *rowWriter) number(c, style int, v string) {
	rw.open(c, style)
	rw.b = append(rw.b, `><v>`...)
	rw.b = append(rw.b, v...)
	rw.b = append(rw.b, `</v></c>`...)
}

// formula writes a formula cell with its cached numeric value v.
func (rw *rowWriter) formula(c, style int, f, v string) {
	rw.open(c, style)
	rw.b = append(rw.b, `><f>`...)
	rw.b = appendEscaped(rw.b, f)
	rw.b = append(rw.b, `</f><v>`...)
	rw.b = append(rw.b, v...)
	rw.b = append(rw.b, `</v></c>`...)
}

// text writes an inline string cell. s must already be clean (cleanText).
func (rw *rowWriter) text(c, style int, s string) {
	rw.open(c, style)
	if rw.sst != nil {
		if c < len(rw.lastText) && rw.lastText[c] == s && s != "" {
			rw.sst.refs++
			rw.b = append(rw.b, ` t="s"><v>`...)
			rw.b = strconv.AppendInt(rw.b, int64(rw.lastIdx[c]), 10)
			rw.b = append(rw.b, `</v></c>`...)
			return
		}
		if i, ok := rw.sst.index(s); ok {
			if c < maxRecalled {
				for len(rw.lastText) <= c {
					rw.lastText, rw.lastIdx = append(rw.lastText, ""), append(rw.lastIdx, 0)
				}
				rw.lastText[c], rw.lastIdx[c] = s, i
			}
			rw.b = append(rw.b, ` t="s"><v>`...)
			rw.b = strconv.AppendInt(rw.b, int64(i), 10)
			rw.b = append(rw.b, `</v></c>`...)
			return
		}
	}
	rw.b = append(rw.b, ` t="inlineStr"><is><t`...)
	if needsPreserve(s) {
		rw.b = append(rw.b, ` xml:space="preserve"`...)
	}
	rw.b = append(rw.b, '>')
	rw.b = appendEscaped(rw.b, s)
	rw.b = append(rw.b, `</t></is></c>`...)
	if len(rw.b) > 32<<10 {
		rw.w.Write(rw.b)
		rw.b = rw.b[:0]
	}
}
