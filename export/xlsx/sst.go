package xlsx

import (
	"bytes"
	"slices"
	"strconv"
)

// sharedStrings is the workbook's table of shared strings: a text that
// recurs (a region, a period, a source file) is stored once and cells refer
// to it by index, which makes the sheets a third smaller and faster to
// compress. The table is bounded so that a million rows of distinct texts do
// not fill memory: past the bound, new texts are written inline.
type sharedStrings struct {
	idx   map[string]int
	list  []string
	bytes int
	refs  int
}

const (
	maxShared      = 1 << 16 // strings
	maxSharedBytes = 4 << 20 // bytes of text
)

// sharedHint is the number of strings a table is made for: a briefing
// has several hundred.
const sharedHint = 1024

func newSharedStrings() *sharedStrings {
	return &sharedStrings{idx: make(map[string]int, sharedHint), list: make([]string, 0, sharedHint)}
}

// index returns the index of s, adding it while the table has room.
func (t *sharedStrings) index(s string) (int, bool) {
	if i, ok := t.idx[s]; ok {
		t.refs++
		return i, true
	}
	if len(t.list) >= maxShared || t.bytes+len(s) > maxSharedBytes {
		return 0, false
	}
	i := len(t.list)
	t.idx[s] = i
	t.list = append(t.list, s)
	t.bytes += len(s)
	t.refs++
	return i, true
}

// xml appends the shared strings part to b.
func (t *sharedStrings) xml(b []byte) []byte {
	b = slices.Grow(b[:0], t.bytes+len(t.list)*16+256)
	b = append(b, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="`...)
	b = strconv.AppendInt(b, int64(t.refs), 10)
	b = append(b, `" uniqueCount="`...)
	b = strconv.AppendInt(b, int64(len(t.list)), 10)
	b = append(b, `">`...)
	for _, s := range t.list {
		b = append(b, `<si><t`...)
		if needsPreserve(s) {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = appendEscaped(b, s)
		b = append(b, `</t></si>`...)
	}
	return append(b, `</sst>`...)
}

const (
	sstPart        = "xl/sharedStrings.xml"
	sstContentType = `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
	sstRel         = `<Relationship Id="rIdStatbriefSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
)

// withSST adds the shared strings part to the content types or the
// workbook's relationships (insert before the closing tag) when the table
// is used and excelize has not declared it.
func withSST(t *sharedStrings, decl, closing string) func([]byte) ([]byte, error) {
	return func(part []byte) ([]byte, error) {
		if len(t.list) == 0 || bytes.Contains(part, []byte("sharedStrings")) {
			return part, nil
		}
		i := bytes.LastIndex(part, []byte(closing))
		if i < 0 {
			return part, nil
		}
		out := make([]byte, 0, len(part)+len(decl))
		out = append(out, part[:i]...)
		out = append(out, decl...)
		return append(out, part[i:]...), nil
	}
}
