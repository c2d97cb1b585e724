package xlsx

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"sort"
	"time"

	"github.com/xuri/excelize/v2"
)

// zipOut is the excelize.ZipWriter that writes the workbook package straight
// to the caller's writer. excelize builds every part but the rows: for each
// worksheet it writes an empty <sheetData>, and zipOut streams our rows into
// it as the part is compressed. This way
//
//   - nothing is buffered in memory but the small parts (excelize's own
//     File.WriteTo first builds the whole zip in a bytes.Buffer);
//   - there is no StreamWriter, whose temporary parts excelize zips in map
//     order, so the entries come in excelize's sorted order and the bytes are
//     the same on every run;
//   - every cell is written by us: numbers from exact decimal text,
//     formulas together with their cached values, text as inline strings.
type zipOut struct {
	modified time.Time
	rows     map[string]func(*bufio.Writer) error // part name → writes the rows
	// part name → the rows made ahead, raw and compressed (preRows.rows)
	made     map[string]func() (raw, comp []byte, release func(), err error)
	dims     map[string]string                       // part name → used range
	replace  map[string]func([]byte) ([]byte, error) // part name → our content, from excelize's
	merges   map[string][]byte                       // part name → <mergeCells> element
	ignored  map[string]func() []byte                // part name → <ignoredErrors> element, once the rows are written
	pending  string                                  // part being collected
	last     map[string]bool                         // parts written at the end
	deferred []string
	parts    map[string][]byte // content of deferred parts, from excelize
	extra    []extraPart       // parts of our own, written at the end
	buf      *bytes.Buffer     // a spare buffer, for the part being collected
	bw       *bufio.Writer
	pipe     *zipPipe            // the goroutine that zips and compresses
	precomp  map[string]*zipPart // parts compressed already, by name
	closed   bool
}

func newZipOut(w io.Writer, modified time.Time, sh *shared) *zipOut {
	z := &zipOut{modified: modified,
		rows: map[string]func(*bufio.Writer) error{}, dims: map[string]string{},
		made:    map[string]func() ([]byte, []byte, func(), error){},
		replace: map[string]func([]byte) ([]byte, error){"[Content_Types].xml": sortDefaults},
		merges:  map[string][]byte{}, ignored: map[string]func() []byte{}, last: map[string]bool{}, precomp: map[string]*zipPart{}}
	z.pipe = newZipPipe(w, modified, sh)
	z.buf = sh.buffer()
	return z
}

// extraPart is a part excelize does not write.
type extraPart struct {
	name string
	body func() []byte // nil: no part
}

// Create starts a part. excelize writes each part with one call; the part
// is collected and written when the next one starts.
func (z *zipOut) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	z.pending = name
	z.buf.Reset()
	return z.buf, nil
}

// AddFS is not used by excelize when it saves a workbook.
func (z *zipOut) AddFS(fs.FS) error { return errors.New("xlsx: AddFS not supported") }

// Close writes the last part and the zip directory.
func (z *zipOut) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	for _, p := range z.extra {
		if body := p.body(); body != nil {
			if err := z.write(p.name, body, true); err != nil {
				return err
			}
		}
	}
	for _, name := range z.deferred {
		if err := z.write(name, z.parts[name], true); err != nil {
			return err
		}
	}
	for name := range z.rows {
		return fmt.Errorf("xlsx: internal error: excelize wrote no part %s", name)
	}
	for name := range z.made {
		return fmt.Errorf("xlsx: internal error: excelize wrote no part %s", name)
	}
	z.closed = true
	err := z.pipe.close()
	z.release()
	return err
}

// abort stops the zipping goroutine when the workbook was not closed.
func (z *zipOut) abort() {
	if !z.closed {
		z.closed = true
		z.pipe.close()
		z.release()
	}
}

// release gives the spare writer and buffer back, once the pipe is closed.
func (z *zipOut) release() {
	z.pipe.sh.putWriter(z.bw)
	z.pipe.sh.putBuffer(z.buf)
	z.bw, z.buf = nil, nil
}

// sortDefaults puts the <Default> elements of [Content_Types].xml in order:
// excelize adds the image extensions from a map, in random order.
func sortDefaults(part []byte) ([]byte, error) {
	locs := defaultType.FindAllIndex(part, -1)
	if len(locs) < 2 {
		return part, nil
	}
	elems := make([]string, len(locs))
	for i, l := range locs {
		elems[i] = string(part[l[0]:l[1]])
	}
	sort.Strings(elems)
	out := make([]byte, 0, len(part))
	last := 0
	for i, l := range locs {
		out = append(out, part[last:l[0]]...)
		out = append(out, elems[i]...)
		last = l[1]
	}
	return append(out, part[last:]...), nil
}

var (
	defaultType = regexp.MustCompile(`<Default [^>]*?(/>|></Default>)`)
	filterMode  = []byte(` filterMode="true"`)
)

// isSpace is the white space of regular expressions' \s.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// skipSpace returns the index of the first byte of b from i that is no
// white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// emptySheetData returns the bounds of the first empty sheet data element
// of a worksheet, <sheetData/> or <sheetData></sheetData> with white
// space allowed before its end, or nil.
func emptySheetData(part []byte) []int {
	tag := []byte("<sheetData")
	for at := 0; ; {
		i := bytes.Index(part[at:], tag)
		if i < 0 {
			return nil
		}
		start := at + i
		k := skipSpace(part, start+len(tag))
		switch {
		case bytes.HasPrefix(part[k:], []byte("/>")):
			return []int{start, k + 2}
		case k == start+len(tag) && bytes.HasPrefix(part[k:], []byte(">")):
			if e := skipSpace(part, k+1); bytes.HasPrefix(part[e:], []byte("</sheetData>")) {
				return []int{start, e + len("</sheetData>")}
			}
		}
		at = start + 1
	}
}

// dimension returns the bounds of the first <dimension ref="…"/> element
// of a worksheet, or nil.
func dimension(part []byte) []int {
	tag := []byte(`<dimension ref="`)
	for at := 0; ; {
		i := bytes.Index(part[at:], tag)
		if i < 0 {
			return nil
		}
		start := at + i
		if q := bytes.IndexByte(part[start+len(tag):], '"'); q >= 0 {
			k := skipSpace(part, start+len(tag)+q+1)
			switch {
			case bytes.HasPrefix(part[k:], []byte("/>")):
				return []int{start, k + 2}
			case bytes.HasPrefix(part[k:], []byte("></dimension>")):
				return []int{start, k + len("></dimension>")}
			}
		}
		at = start + 1
	}
}

// finish writes the collected part: a part we replace (the style sheet)
// with ours, a worksheet with our rows spliced into the empty <sheetData>
// excelize wrote, any other part as it is.
func (z *zipOut) finish() error {
	if z.pending == "" {
		return nil
	}
	name := z.pending
	z.pending = ""
	if z.last[name] {
		z.deferred = append(z.deferred, name)
		if z.parts == nil {
			z.parts = map[string][]byte{}
		}
		z.parts[name] = bytes.Clone(z.buf.Bytes())
		return nil
	}
	return z.write(name, z.buf.Bytes(), false)
}

// write writes one part; owned tells whether part is z's to hand over (else
// it is copied, as z.buf is reused).
func (z *zipOut) write(name string, part []byte, owned bool) error {
	if r, ok := z.replace[name]; ok {
		in := part
		var err error
		if part, err = r(part); err != nil {
			return err
		}
		owned = owned || !sameArray(in, part)
	}
	fill, ok := z.rows[name]
	made, isMade := z.made[name]
	if !ok && !isMade {
		if c := z.precomp[name]; c != nil && bytes.Equal(c.raw, part) {
			return z.pipe.partZip(name, c)
		}
		return z.pipe.part(name, part, owned)
	}
	delete(z.rows, name)
	delete(z.made, name)
	loc := emptySheetData(part)
	if loc == nil {
		return fmt.Errorf("xlsx: internal error: %s has cells written by excelize", name)
	}
	head, tail := part[:loc[0]], part[loc[1]:]
	if isMade {
		// rows made and compressed ahead: the pipe joins them with the head
		// and the tail, which are compressed now
		raw, comp, release, err := made()
		if err != nil {
			return err
		}
		var h, t bytes.Buffer
		h.Grow(len(head) + 64)
		t.Grow(len(tail) + 512)
		z.sheetHead(&h, name, head)
		if err := z.sheetTail(&t, name, tail); err != nil {
			release()
			return err
		}
		return z.pipe.partPieces(name, &pieces{head: h.Bytes(), raw: raw, comp: comp, tail: t.Bytes(), release: release})
	}
	// Rows are made on this goroutine and compressed on the pipe's, so that
	// on two cores the two overlap. The bytes and their order are the same.
	if err := z.pipe.stream(name); err != nil {
		return err
	}
	if z.bw == nil {
		z.bw = z.pipe.sh.writer(z.pipe)
	} else {
		z.bw.Reset(z.pipe)
	}
	return z.splice(name, head, tail, fill)
}

// sameArray reports whether a and b may share their bytes: slices of one
// array reach to its end.
func sameArray(a, b []byte) bool {
	if cap(a) == 0 || cap(b) == 0 {
		return false
	}
	return &a[:cap(a)][cap(a)-1] == &b[:cap(b)][cap(b)-1]
}

// splice writes a worksheet: excelize's head, our rows, merged cells and
// excelize's tail.
func (z *zipOut) splice(name string, head, tail []byte, fill func(*bufio.Writer) error) error {
	bw := z.bw
	z.sheetHead(bw, name, head)
	if err := fill(bw); err != nil {
		return err
	}
	if err := z.sheetTail(bw, name, tail); err != nil {
		return err
	}
	return bw.Flush()
}

// textWriter is a bufio.Writer or a bytes.Buffer.
type textWriter interface {
	io.Writer
	io.StringWriter
}

// sheetHead writes excelize's head of a worksheet, up to and with the
// start of the sheet's data.
func (z *zipOut) sheetHead(w textWriter, name string, head []byte) {
	// the used range, in place of excelize's; excelize marks a sheet with an
	// autofilter as filtered (filterMode): none is applied
	if d := dimension(head); d != nil && z.dims[name] != "" {
		writeNoFilterMode(w, head[:d[0]])
		w.WriteString(`<dimension ref="` + z.dims[name] + `"/>`)
		head = head[d[1]:]
	}
	writeNoFilterMode(w, head)
	w.WriteString("<sheetData>")
}

// sheetTail writes the end of a worksheet's data, merged cells, and
// excelize's tail, with the ignored errors found while writing the rows.
func (z *zipOut) sheetTail(w textWriter, name string, tail []byte) error {
	w.WriteString("</sheetData>")
	if m := z.merges[name]; m != nil {
		// <mergeCells> follows <autoFilter>, if any, in the schema's order.
		if bytes.HasPrefix(tail, []byte("<autoFilter")) {
			end := bytes.Index(tail, []byte("</autoFilter>"))
			if end < 0 {
				end = bytes.Index(tail, []byte("/>")) + 2
			} else {
				end += len("</autoFilter>")
			}
			w.Write(tail[:end])
			tail = tail[end:]
		}
		if bytes.HasPrefix(tail, []byte("<mergeCells")) {
			return fmt.Errorf("xlsx: internal error: %s has merges written by excelize", name)
		}
		w.Write(m)
	}
	if ig := z.ignored[name]; ig != nil {
		if x := ig(); x != nil {
			// <ignoredErrors> comes after the page setup and breaks, before
			// the drawings, in the schema's order
			if !bytes.HasSuffix(tail, []byte("</worksheet>")) {
				return fmt.Errorf("xlsx: internal error: %s does not end with </worksheet>", name)
			}
			i := len(tail) - len("</worksheet>")
			for _, el := range afterIgnored {
				if j := bytes.Index(tail, el); j >= 0 && j < i {
					i = j
				}
			}
			w.Write(tail[:i])
			w.Write(x)
			tail = tail[i:]
		}
	}
	w.Write(tail)
	return nil
}

// afterIgnored are the elements of a worksheet that follow <ignoredErrors>.
var afterIgnored = [][]byte{[]byte("<smartTags"), []byte("<drawing"), []byte("<legacyDrawing"), []byte("<picture"),
	[]byte("<oleObjects"), []byte("<controls"), []byte("<webPublishItems"), []byte("<tableParts"), []byte("<extLst")}

func writeNoFilterMode(w textWriter, b []byte) {
	if i := bytes.Index(b, filterMode); i >= 0 {
		w.Write(b[:i])
		b = b[i+len(filterMode):]
	}
	w.Write(b)
}

// ensure zipOut satisfies excelize's interface.
var _ excelize.ZipWriter = (*zipOut)(nil)
