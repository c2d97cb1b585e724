package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"github.com/klauspost/compress/flate"
	"io"
	"io/fs"
	"regexp"
	"sort"
	"sync"
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
	zw       *zip.Writer
	modified time.Time
	rows     map[string]func(*bufio.Writer) error    // part name → writes the rows
	dims     map[string]string                       // part name → used range
	replace  map[string]func([]byte) ([]byte, error) // part name → our content, from excelize's
	merges   map[string][]byte                       // part name → <mergeCells> element
	pending  string                                  // part being collected
	last     map[string]bool                         // parts written at the end
	deferred []string
	parts    map[string][]byte // content of deferred parts, from excelize
	extra    []extraPart       // parts of our own, written at the end
	buf      bytes.Buffer
	bw       *bufio.Writer
	fw       *flate.Writer
	flates   *sync.Pool // the renderer's spare flate writers
	chunks   *[3][]byte
}

func newZipOut(w io.Writer, modified time.Time, flates *sync.Pool) *zipOut {
	z := &zipOut{zw: zip.NewWriter(w), modified: modified, flates: flates,
		rows: map[string]func(*bufio.Writer) error{}, dims: map[string]string{},
		replace: map[string]func([]byte) ([]byte, error){"[Content_Types].xml": sortDefaults},
		merges:  map[string][]byte{}, last: map[string]bool{}, chunks: new([3][]byte)}
	z.zw.RegisterCompressor(zip.Deflate, z.compressor)
	return z
}

// Worksheet parts are large and mostly repetitive markup: the fastest
// deflate level compresses them nearly as well as the default at a third of
// the time. A flate.Writer allocates about half a megabyte: one serves every
// part of a workbook, and finished ones are kept in the Renderer's pool
// for its next workbook (the package keeps no state of its own).

// entryFlate compresses one zip entry with the workbook's flate.Writer.
type entryFlate struct{ fw *flate.Writer }

func (e entryFlate) Write(p []byte) (int, error) { return e.fw.Write(p) }
func (e entryFlate) Close() error                { return e.fw.Close() }

func (z *zipOut) compressor(w io.Writer) (io.WriteCloser, error) {
	if z.fw == nil {
		if fw, ok := z.flates.Get().(*flate.Writer); ok {
			z.fw = fw
		} else {
			fw, err := flate.NewWriter(w, flate.BestSpeed)
			if err != nil {
				return nil, err
			}
			z.fw = fw
		}
	}
	z.fw.Reset(w)
	return entryFlate{z.fw}, nil
}

// extraPart is a part excelize does not write.
type extraPart struct {
	name string
	body func() []byte // nil: no part
}

// storeBelow is the size under which a part is stored uncompressed: for
// small parts the cost of a deflate block (building its Huffman codes)
// outweighs the few bytes saved.
const storeBelow = 4096

func (z *zipOut) create(name string, method uint16) (io.Writer, error) {
	return z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: z.modified})
}

// Create starts a part. excelize writes each part with one call; the part
// is collected and written when the next one starts.
func (z *zipOut) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	z.pending = name
	z.buf.Reset()
	return &z.buf, nil
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
			if err := z.write(p.name, body); err != nil {
				return err
			}
		}
	}
	for _, name := range z.deferred {
		if err := z.write(name, z.parts[name]); err != nil {
			return err
		}
	}
	for name := range z.rows {
		return fmt.Errorf("xlsx: internal error: excelize wrote no part %s", name)
	}
	err := z.zw.Close()
	if z.fw != nil {
		z.flates.Put(z.fw)
		z.fw = nil
	}
	return err
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
	defaultType    = regexp.MustCompile(`<Default [^>]*?(/>|></Default>)`)
	emptySheetData = regexp.MustCompile(`<sheetData\s*/>|<sheetData>\s*</sheetData>`)
	dimension      = regexp.MustCompile(`<dimension ref="[^"]*"\s*(/>|></dimension>)`)
	filterMode     = []byte(` filterMode="true"`)
)

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
	return z.write(name, z.buf.Bytes())
}

// write writes one part.
func (z *zipOut) write(name string, part []byte) error {
	if r, ok := z.replace[name]; ok {
		var err error
		if part, err = r(part); err != nil {
			return err
		}
	}
	fill, ok := z.rows[name]
	if !ok {
		method := zip.Deflate
		if len(part) < storeBelow {
			method = zip.Store
		}
		w, err := z.create(name, method)
		if err != nil {
			return err
		}
		_, err = w.Write(part)
		return err
	}
	delete(z.rows, name)
	loc := emptySheetData.FindIndex(part)
	if loc == nil {
		return fmt.Errorf("xlsx: internal error: %s has cells written by excelize", name)
	}
	head, tail := part[:loc[0]], part[loc[1]:]
	w, err := z.create(name, zip.Deflate)
	if err != nil {
		return err
	}
	// Rows are made on this goroutine and compressed on another, so that
	// on two cores the two overlap. The bytes and their order are the same.
	aw := newAsyncWriter(w, z.chunks)
	if z.bw == nil {
		z.bw = bufio.NewWriterSize(aw, chunkSize)
	} else {
		z.bw.Reset(aw)
	}
	err = z.splice(name, head, tail, fill)
	if cerr := aw.close(); err == nil {
		err = cerr
	}
	return err
}

// splice writes a worksheet: excelize's head, our rows, merged cells and
// excelize's tail.
func (z *zipOut) splice(name string, head, tail []byte, fill func(*bufio.Writer) error) error {
	bw := z.bw
	// the used range, in place of excelize's; excelize marks a sheet with an
	// autofilter as filtered (filterMode): none is applied
	if d := dimension.FindIndex(head); d != nil && z.dims[name] != "" {
		writeNoFilterMode(bw, head[:d[0]])
		bw.WriteString(`<dimension ref="` + z.dims[name] + `"/>`)
		head = head[d[1]:]
	}
	writeNoFilterMode(bw, head)
	bw.WriteString("<sheetData>")
	if err := fill(bw); err != nil {
		return err
	}
	bw.WriteString("</sheetData>")
	if m := z.merges[name]; m != nil {
		// <mergeCells> follows <autoFilter>, if any, in the schema's order.
		if bytes.HasPrefix(tail, []byte("<autoFilter")) {
			end := bytes.Index(tail, []byte("</autoFilter>"))
			if end < 0 {
				end = bytes.Index(tail, []byte("/>")) + 2
			} else {
				end += len("</autoFilter>")
			}
			bw.Write(tail[:end])
			tail = tail[end:]
		}
		if bytes.HasPrefix(tail, []byte("<mergeCells")) {
			return fmt.Errorf("xlsx: internal error: %s has merges written by excelize", name)
		}
		bw.Write(m)
	}
	bw.Write(tail)
	return bw.Flush()
}

func writeNoFilterMode(w *bufio.Writer, b []byte) {
	if i := bytes.Index(b, filterMode); i >= 0 {
		w.Write(b[:i])
		b = b[i+len(filterMode):]
	}
	w.Write(b)
}

// chunkSize is the size of the pieces handed from the goroutine that makes
// rows to the one that compresses them.
const chunkSize = 32 << 10

// asyncWriter hands what is written to a goroutine that writes it to w, in
// order. Errors of w are returned by close.
type asyncWriter struct {
	ch   chan []byte
	free chan []byte
	done chan error
}

// newAsyncWriter returns an asyncWriter to w whose three buffers are
// chunks, allocated on first use and kept for the workbook's next parts.
func newAsyncWriter(w io.Writer, chunks *[3][]byte) *asyncWriter {
	a := &asyncWriter{ch: make(chan []byte, 2), free: make(chan []byte, 3), done: make(chan error, 1)}
	for i := range chunks {
		if chunks[i] == nil {
			chunks[i] = make([]byte, 0, chunkSize)
		}
		a.free <- chunks[i]
	}
	go func() {
		var err error
		for b := range a.ch {
			if err == nil {
				_, err = w.Write(b)
			}
			a.free <- b
		}
		a.done <- err
	}()
	return a
}

func (a *asyncWriter) Write(p []byte) (int, error) {
	total := len(p)
	for len(p) > 0 {
		b := <-a.free
		n := min(len(p), cap(b))
		b = append(b[:0], p[:n]...)
		a.ch <- b
		p = p[n:]
	}
	return total, nil
}

// close waits for everything written to reach w.
func (a *asyncWriter) close() error {
	close(a.ch)
	return <-a.done
}

// ensure zipOut satisfies excelize's interface.
var _ excelize.ZipWriter = (*zipOut)(nil)
