package pdf

import (
	"bytes"
	"crypto/md5"
	"fmt"
	"github.com/klauspost/compress/zlib"
	"math"
	"strconv"
	"time"
	"unicode/utf16"
)

// writer writes the objects of one PDF file (PDF 1.7) into a buffer.
// Object numbers are handed out by alloc before the objects are written,
// so that objects can refer to those written after them. Streams are
// written as they come; every other object (dictionaries: pages, fonts,
// the outline, the document information) is gathered into one compressed
// object stream written at the end, with a cross-reference stream: most
// of a file's objects are small dictionaries that compress well together.
type writer struct {
	buf     *bytes.Buffer
	offsets []int      // offsets[n] is where object n starts; 0: not written (or in the object stream)
	zlibs   *zlibStore // the renderer's spare compressors, at the level of this file
	// the objects gathered for the object stream: their numbers and
	// bodies, one after the other
	packed []int
	bodies []byte
	starts []int // where each body starts in bodies
	skips  []skip
}

func newWriter(buf *bytes.Buffer, zlibs *zlibStore) *writer {
	w := &writer{buf: buf, offsets: []int{0}, zlibs: zlibs}
	// a binary comment marks the file as binary for transfer programs
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return w
}

// alloc reserves the next object number.
func (w *writer) alloc() int {
	w.offsets = append(w.offsets, 0)
	return len(w.offsets) - 1
}

// begin starts object n; the caller writes its body and calls end.
func (w *writer) begin(n int) {
	w.offsets[n] = w.buf.Len()
	w.buf.WriteString(strconv.Itoa(n))
	w.buf.WriteString(" 0 obj\n")
}

func (w *writer) end() { w.buf.WriteString("\nendobj\n") }

// object gives object n a dictionary (or any other non-stream) body; it
// goes into the object stream.
func (w *writer) object(n int, body string) {
	w.packed = append(w.packed, n)
	w.starts = append(w.starts, len(w.bodies))
	w.bodies = append(w.bodies, body...)
	w.bodies = append(w.bodies, '\n')
}

// stream writes object n as a stream of data, compressed unless raw;
// extra is added to the stream dictionary (for example "/Length1 1234").
func (w *writer) stream(n int, extra string, data []byte, raw bool) {
	w.begin(n)
	if raw {
		fmt.Fprintf(w.buf, "<<%s/Length %d>>\nstream\n", extra, len(data))
		w.buf.Write(data)
	} else {
		var z bytes.Buffer
		z.Grow(len(data)/2 + 64)
		deflate(&z, data, w.zlibs)
		fmt.Fprintf(w.buf, "<<%s/Filter/FlateDecode/Length %d>>\nstream\n", extra, z.Len())
		w.buf.Write(z.Bytes())
	}
	w.buf.WriteString("\nendstream")
	w.end()
}

// compressed writes object n as a stream of data already compressed
// (zlib) by deflate.
func (w *writer) compressed(n int, extra string, z []byte) {
	w.begin(n)
	fmt.Fprintf(w.buf, "<<%s/Filter/FlateDecode/Length %d>>\nstream\n", extra, len(z))
	w.buf.Write(z)
	w.buf.WriteString("\nendstream")
	w.end()
}

// digested is compressed for data whose digest is known (a font subset
// the renderer keeps, with its digest): the file identifier is computed
// over the digest instead of the data.
func (w *writer) digested(n int, extra string, z []byte, digest [md5.Size]byte) {
	w.begin(n)
	fmt.Fprintf(w.buf, "<<%s/Filter/FlateDecode/Length %d>>\nstream\n", extra, len(z))
	w.skips = append(w.skips, skip{w.buf.Len(), w.buf.Len() + len(z), digest})
	w.buf.Write(z)
	w.buf.WriteString("\nendstream")
	w.end()
}

// skip is a part of the file the identifier is computed without: its
// digest stands in for it.
type skip struct {
	start, end int
	digest     [md5.Size]byte
}

// fileID is the digest of the file's body so far, each skip's digest
// standing in for its bytes.
func (w *writer) fileID() [md5.Size]byte {
	h := md5.New()
	body := w.buf.Bytes()
	at := 0
	for _, s := range w.skips {
		h.Write(body[at:s.start])
		h.Write(s.digest[:])
		at = s.end
	}
	h.Write(body[at:])
	var id [md5.Size]byte
	h.Sum(id[:0])
	return id
}

// finish writes the object stream, then the cross-reference stream and
// the trailer. The file identifier is a digest of the file's body (with
// the digests of the font subsets for their bytes), so that it is the
// same for the same content.
func (w *writer) finish(root, info int) []byte {
	written := make([]bool, len(w.offsets))
	for _, n := range w.packed {
		written[n] = true
	}
	for n, off := range w.offsets[1:] {
		if off == 0 && !written[n+1] { // never happens when every allocated object is written
			w.object(n+1, "null")
		}
	}
	// the object stream: pairs of object number and offset, then the bodies
	stm := w.alloc()
	var head []byte
	for i, n := range w.packed {
		head = strconv.AppendInt(head, int64(n), 10)
		head = append(head, ' ')
		head = strconv.AppendInt(head, int64(w.starts[i]), 10)
		head = append(head, ' ')
	}
	data := append(head, w.bodies...)
	w.stream(stm, fmt.Sprintf("/Type/ObjStm/N %d/First %d", len(w.packed), len(head)), data, false)
	index := make(map[int]int, len(w.packed)) // object → its index in the object stream
	for i, n := range w.packed {
		index[n] = i
	}
	// the cross-reference stream: per object its type (0 free, 1 at an
	// offset, 2 in the object stream), the offset or the stream's number,
	// and the generation or the index in the stream
	xref := w.alloc()
	w.offsets[xref] = w.buf.Len()
	id := w.fileID()
	// offsets in 3 bytes while the file is under 16 MB
	ow := 3
	if w.offsets[xref] >= 1<<24 {
		ow = 4
	}
	cols := 1 + ow + 2
	entries := make([]byte, 0, cols*len(w.offsets))
	row := make([]byte, cols)
	for n, off := range w.offsets {
		typ, f2, f3 := 1, off, 0
		switch i, ok := index[n]; {
		case n == 0:
			typ, f2, f3 = 0, 0, 0xffff
		case ok:
			typ, f2, f3 = 2, stm, i
		}
		row[0] = byte(typ)
		for k := range ow {
			row[1+k] = byte(f2 >> (8 * (ow - 1 - k)))
		}
		row[1+ow], row[2+ow] = byte(f3>>8), byte(f3)
		entries = append(entries, row...)
	}
	w.stream(xref, fmt.Sprintf("/Type/XRef/Size %d/W[1 %d 2]/Root %d 0 R/Info %d 0 R/ID[<%x><%x>]", len(w.offsets), ow, root, info, id, id), entries, false)
	fmt.Fprintf(w.buf, "startxref\n%d\n%%%%EOF\n", w.offsets[xref])
	return w.buf.Bytes()
}

// zlibLevels are the compression levels of content streams: fast, and
// hard for a document with large fonts (heavyFonts) — level 5 makes the
// default Chinese briefing's pages 10 % smaller than level 1, for about
// 0.3 ms more.
var zlibLevels = [2]int{zlib.BestSpeed, 5}

// heavyFonts is the size of the compressed font subsets above which a
// document's pages are compressed at the hard level.
const heavyFonts = 48 << 10

// zlibStore is a renderer's store of spare zlib writers at one level: a
// new writer allocates about a megabyte, so a renderer reuses them across
// documents. A channel, not a sync.Pool, so that garbage collection does
// not empty it; it belongs to one Renderer, so the package keeps no state
// of its own.
type zlibStore struct {
	level int
	spare chan *zlib.Writer
}

func newZlibs(level int) *zlibStore {
	return &zlibStore{level: level, spare: make(chan *zlib.Writer, 16)}
}

// deflate appends data, zlib-compressed, to dst, with a writer from the
// store (a new one when none is free), which it returns there.
func deflate(dst *bytes.Buffer, data []byte, z *zlibStore) {
	var w *zlib.Writer
	select {
	case w = <-z.spare:
		w.Reset(dst)
	default:
		w, _ = zlib.NewWriterLevel(dst, z.level)
	}
	w.Write(data)
	w.Close()
	select {
	case z.spare <- w:
	default:
	}
}

// textString encodes s as a PDF text string: a literal string of s as it
// is when s is printable ASCII (which PDFDocEncoding encodes as ASCII
// does), else UTF-16BE with a byte order mark in hexadecimal (invalid
// UTF-8 becomes U+FFFD), which compresses better than the same bytes in
// a literal string.
func textString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			ascii = false
			break
		}
	}
	if ascii {
		b := make([]byte, 0, 2+len(s)+len(s)/8)
		b = append(b, '(')
		for i := 0; i < len(s); i++ {
			b = appendLiteralByte(b, s[i])
		}
		return string(append(b, ')'))
	}
	u := utf16.Encode([]rune(s))
	b := make([]byte, 0, 6+4*len(u))
	b = append(b, "<FEFF"...)
	for _, c := range u {
		b = appendHex16(b, c)
	}
	return string(append(b, '>'))
}

const hexDigits = "0123456789ABCDEF"

func appendHex16(b []byte, c uint16) []byte {
	return append(b, hexDigits[c>>12], hexDigits[c>>8&15], hexDigits[c>>4&15], hexDigits[c&15])
}

// pdfDate formats t as a PDF date, in UTC.
func pdfDate(t time.Time) string {
	return "(D:" + t.UTC().Format("20060102150405") + "Z)"
}

// appendNum appends v with at most two decimals and no trailing zeros,
// as content streams want coordinates. It gives what formatting with
// strconv ('f', 2 places) and trimming gives: in hundredths, away from a
// half, rounding the product is exact enough; near a half, and for large
// values, it formats with strconv.
func appendNum(b []byte, v float64) []byte {
	x := v * 100
	if x > -1e9 && x < 1e9 {
		r := math.Round(x)
		if d := math.Abs(x - r); d < 0.5-1e-6 {
			n := int64(r)
			if n < 0 {
				b = append(b, '-')
				n = -n
			}
			b = strconv.AppendInt(b, n/100, 10)
			switch f := n % 100; {
			case f == 0:
			case f%10 == 0:
				b = append(b, '.', byte('0'+f/10))
			default:
				b = append(b, '.', byte('0'+f/10), byte('0'+f%10))
			}
			return b
		}
	}
	return appendNumSlow(b, v)
}

// appendNumSlow is appendNum through strconv.
func appendNumSlow(b []byte, v float64) []byte {
	n := len(b)
	b = strconv.AppendFloat(b, v, 'f', 2, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if string(b[n:]) == "-0" {
		b = append(b[:n], '0')
	}
	return b
}
