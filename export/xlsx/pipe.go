package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"hash/crc32"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/flate"
)

// A workbook is zipped on a goroutine of its own: the goroutine that makes
// the parts hands them, in order, to a zipPipe, whose goroutine compresses
// them and writes the zip. On two cores the two overlap; the parts and
// their order are those of writing each part in turn. The rows of the
// sheets made ahead (prerows.go) are compressed as they are made, each a
// piece of a deflate stream that the pipe joins with the sheet's head and
// tail, once excelize has marshalled them.
//
// Worksheet parts are large and mostly repetitive markup: the fastest
// deflate level compresses them nearly as well as the default at a third of
// the time. A flate.Writer allocates about half a megabyte: one serves every
// part of a workbook, and finished ones are kept in the Renderer's pool for
// its next workbook (the package keeps no state of its own).

// shared is what a Renderer's workbooks share: spare flate writers,
// buffers and tables, the compressed form of the parts that recur, and the
// last style sheet, comment drawings and theme. The spares are
// kept in channels, not sync.Pools, which garbage collection empties: a
// flate writer is large, and a batch collects garbage often.
type shared struct {
	flates chan *flate.Writer
	chunks chan *[pipeChunks][]byte
	bufs   chan *bytes.Buffer // for rows made ahead
	// emptied tables of finished renderings
	scratches chan *scratch
	writers   chan *bufio.Writer // of chunkSize
	slices    chan []byte        // parts made whole (shared strings)
	parts     partCache
	vml       vmlCache    // the comments' VML parts
	styles    stylesCache // the last style sheet
	// the theme part as excelize writes it (always the same: it is its
	// template's theme, which no workbook changes), once a workbook has
	// written it: later workbooks do not have excelize marshal it again
	theme atomic.Pointer[[]byte]
}

// maxSpareBuf is the largest buffer kept for a later workbook.
const maxSpareBuf = 1 << 20

// buffer returns an empty buffer, a spare one if there is.
func (sh *shared) buffer() *bytes.Buffer {
	select {
	case b := <-sh.bufs:
		return b
	default:
		return new(bytes.Buffer)
	}
}

// putBuffer keeps b for a later workbook, unless it is large or enough are
// kept.
func (sh *shared) putBuffer(b *bytes.Buffer) {
	if b.Cap() > maxSpareBuf {
		return
	}
	b.Reset()
	select {
	case sh.bufs <- b:
	default:
	}
}

// writer returns a buffered writer of chunkSize to w, a spare one if
// there is.
func (sh *shared) writer(w io.Writer) *bufio.Writer {
	select {
	case bw := <-sh.writers:
		bw.Reset(w)
		return bw
	default:
		return bufio.NewWriterSize(w, chunkSize)
	}
}

// putWriter keeps bw, whose buffered bytes are written or dropped, for a
// later workbook.
func (sh *shared) putWriter(bw *bufio.Writer) {
	if bw == nil {
		return
	}
	bw.Reset(io.Discard)
	select {
	case sh.writers <- bw:
	default:
	}
}

// slice returns an empty byte slice, a spare one if there is.
func (sh *shared) slice() []byte {
	select {
	case b := <-sh.slices:
		return b[:0]
	default:
		return nil
	}
}

// putSlice keeps b for a later workbook, unless it is large or enough are
// kept.
func (sh *shared) putSlice(b []byte) {
	if cap(b) == 0 || cap(b) > maxSpareBuf {
		return
	}
	select {
	case sh.slices <- b:
	default:
	}
}

// maxSpares bounds the spare writers and buffers a Renderer keeps.
const maxSpares = 8

func newShared() *shared {
	return &shared{flates: make(chan *flate.Writer, 2*maxSpares), chunks: make(chan *[pipeChunks][]byte, maxSpares),
		bufs: make(chan *bytes.Buffer, 2*maxSpares), scratches: make(chan *scratch, maxSpares),
		writers: make(chan *bufio.Writer, 2*maxSpares), slices: make(chan []byte, 2*maxSpares)}
}

// putFlate keeps fw for a later workbook, unless enough are kept.
func (sh *shared) putFlate(fw *flate.Writer) {
	select {
	case sh.flates <- fw:
	default:
	}
}

// storeBelow is the size under which a part is stored uncompressed: for
// small parts the cost of a deflate block (building its Huffman codes)
// outweighs the few bytes saved.
const storeBelow = 4096

// chunkSize is the size of the pieces of a worksheet handed from the
// goroutine that makes rows to the one that compresses them.
const chunkSize = 32 << 10

// pipeChunks is the number of chunk buffers of a pipe.
const pipeChunks = 3

// zipOp is one step for the zipping goroutine: a part to write whole, the
// start of a streamed part, or a chunk of that part.
type zipOp struct {
	name   string   // a part starts
	stream bool     // the part's content follows in chunks
	data   []byte   // the whole part, or a chunk
	chunk  bool     // data is a chunk, to be given back
	spare  bool     // data is a copy, to be given back unless the cache keeps it
	zip    *zipPart // data compressed already
	pieces *pieces  // the part in three pieces, the middle one compressed already
}

// pieces is a part made of a head, a middle compressed already (by
// deflatePiece) and a tail: a worksheet whose rows were made and
// compressed ahead, between excelize's head and tail. release gives the
// middle's buffers back once the part is written.
type pieces struct {
	head, raw, comp, tail []byte
	release               func()
}

// zipPipe writes a zip on a goroutine of its own. Its methods are called
// from one goroutine; the zip.Writer is used only by the other.
type zipPipe struct {
	ops    chan zipOp
	free   chan []byte // spare chunks
	spares chan []byte // spare buffers for copies of parts
	done   chan error
	sh     *shared
	chunks *[pipeChunks][]byte
	head   zip.FileHeader // the fields of a header that CreateHeader sets
	zw     *zip.Writer
	fw     *flate.Writer // for streamed parts, closed when the next part starts
	pw     *flate.Writer // for whole parts
	out    *bytes.Buffer // a compressed part (a spare buffer)
	cur    io.Writer     // the streamed part being written
	err    error
}

func newZipPipe(w io.Writer, modified time.Time, sh *shared) *zipPipe {
	p := &zipPipe{ops: make(chan zipOp, 8), free: make(chan []byte, pipeChunks), spares: make(chan []byte, 4), done: make(chan error, 1), sh: sh,
		zw: zip.NewWriter(w), head: headerFields(modified), out: sh.buffer()}
	select {
	case p.chunks = <-sh.chunks:
	default:
		p.chunks = new([pipeChunks][]byte)
	}
	for i := range p.chunks {
		if p.chunks[i] == nil {
			p.chunks[i] = make([]byte, 0, chunkSize)
		}
		p.free <- p.chunks[i]
	}
	p.zw.RegisterCompressor(zip.Deflate, p.compressor)
	go p.run()
	return p
}

// headerFields returns the fields that zip.Writer.CreateHeader sets on the
// header of a file with an ASCII name modified at t, so that a part written
// with CreateRaw has the same header bytes.
func headerFields(t time.Time) zip.FileHeader {
	fh := zip.FileHeader{Name: "x", Method: zip.Store, Modified: t}
	zw := zip.NewWriter(io.Discard)
	zw.CreateHeader(&fh) // never fails on io.Discard
	fh.Name = ""
	return fh
}

// part hands a whole part to the pipe. When owned is false, part is
// copied: the caller may change it once part returns.
func (p *zipPipe) part(name string, part []byte, owned bool) error {
	if owned {
		p.ops <- zipOp{name: name, data: part}
		return nil
	}
	var c []byte
	select {
	case c = <-p.spares:
	default:
	}
	p.ops <- zipOp{name: name, data: append(c[:0], part...), spare: true}
	return nil
}

// partPieces hands a part in pieces to the pipe, which owns them.
func (p *zipPipe) partPieces(name string, pc *pieces) error {
	p.ops <- zipOp{name: name, pieces: pc}
	return nil
}

// partZip hands a whole part, compressed already, to the pipe. c.raw is
// not changed any more.
func (p *zipPipe) partZip(name string, c *zipPart) error {
	p.ops <- zipOp{name: name, data: c.raw, zip: c}
	return nil
}

// stream starts a part whose content follows through Write.
func (p *zipPipe) stream(name string) error {
	p.ops <- zipOp{name: name, stream: true}
	return nil
}

// Write hands the next bytes of the streamed part to the pipe.
func (p *zipPipe) Write(b []byte) (int, error) {
	total := len(b)
	for len(b) > 0 {
		c := <-p.free
		n := min(len(b), cap(c))
		c = append(c[:0], b[:n]...)
		p.ops <- zipOp{data: c, chunk: true}
		b = b[n:]
	}
	return total, nil
}

// close writes the zip directory and waits for everything to be written.
func (p *zipPipe) close() error {
	close(p.ops)
	err := <-p.done
	for _, fw := range []*flate.Writer{p.fw, p.pw} {
		if fw != nil {
			p.sh.putFlate(fw)
		}
	}
	p.fw, p.pw = nil, nil
	select {
	case p.sh.chunks <- p.chunks:
	default:
	}
	p.sh.putBuffer(p.out)
	p.out = nil
	return err
}

// run is the zipping goroutine.
func (p *zipPipe) run() {
	for op := range p.ops {
		kept := false
		if p.err == nil {
			kept, p.err = p.do(op)
		}
		switch {
		case op.chunk:
			p.free <- op.data
		case op.spare && !kept:
			select {
			case p.spares <- op.data:
			default:
			}
		}
	}
	if p.err == nil {
		p.err = p.zw.Close()
	}
	p.done <- p.err
}

// do carries out one step. kept tells whether the cache keeps op.data.
func (p *zipPipe) do(op zipOp) (kept bool, err error) {
	switch {
	case op.pieces != nil:
		return false, p.writePieces(op.name, op.pieces)
	case op.chunk:
		_, err := p.cur.Write(op.data)
		return false, err
	case op.stream:
		w, err := p.zw.CreateHeader(&zip.FileHeader{Name: op.name, Method: zip.Deflate, Modified: p.head.Modified})
		p.cur = w
		return false, err
	case len(op.data) < storeBelow || !isASCII(op.name):
		method := zip.Deflate
		if len(op.data) < storeBelow {
			method = zip.Store
		}
		w, err := p.zw.CreateHeader(&zip.FileHeader{Name: op.name, Method: method, Modified: p.head.Modified})
		if err != nil {
			return false, err
		}
		_, err = w.Write(op.data)
		return false, err
	}
	c, ok := op.zip, op.zip != nil
	if !ok {
		c, ok = p.sh.parts.get(op.name, op.data)
	}
	if !ok {
		if c, err = p.compress(op.data); err != nil {
			return false, err
		}
		if cacheable(op.name) {
			kept = p.sh.parts.put(op.name, c)
		}
	}
	fh := p.head
	fh.Name, fh.Method = op.name, zip.Deflate
	fh.Extra = bytes.Clone(fh.Extra)
	fh.CRC32, fh.CompressedSize64, fh.UncompressedSize64 = c.crc, uint64(len(c.comp)), uint64(len(c.raw))
	w, err := p.zw.CreateRaw(&fh)
	if err != nil {
		return kept, err
	}
	_, err = w.Write(c.comp)
	return kept, err
}

// writePieces writes a part in pieces: the head compressed as a piece,
// the middle compressed already, the tail compressed to the stream's end,
// joined into one deflate stream.
func (p *zipPipe) writePieces(name string, pc *pieces) error {
	defer pc.release()
	p.out.Reset()
	fw, err := p.flate(&p.pw, p.out)
	if err != nil {
		return err
	}
	if _, err := fw.Write(pc.head); err != nil {
		return err
	}
	if err := fw.Flush(); err != nil {
		return err
	}
	p.out.Write(pc.comp)
	fw.Reset(p.out)
	if _, err := fw.Write(pc.tail); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	crc := crc32.Update(crc32.ChecksumIEEE(pc.head), crc32.IEEETable, pc.raw)
	crc = crc32.Update(crc, crc32.IEEETable, pc.tail)
	fh := p.head
	fh.Name, fh.Method = name, zip.Deflate
	fh.Extra = bytes.Clone(fh.Extra)
	fh.CRC32, fh.CompressedSize64 = crc, uint64(p.out.Len())
	fh.UncompressedSize64 = uint64(len(pc.head) + len(pc.raw) + len(pc.tail))
	w, err := p.zw.CreateRaw(&fh)
	if err != nil {
		return err
	}
	_, err = w.Write(p.out.Bytes())
	return err
}

// compress deflates a whole part.
func (p *zipPipe) compress(raw []byte) (*zipPart, error) {
	p.out.Reset()
	fw, err := p.flate(&p.pw, p.out)
	if err != nil {
		return nil, err
	}
	return deflatePart(fw, p.out, raw)
}

// deflatePart compresses raw with fw, which writes to out.
func deflatePart(fw *flate.Writer, out *bytes.Buffer, raw []byte) (*zipPart, error) {
	if _, err := fw.Write(raw); err != nil {
		return nil, err
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	return &zipPart{raw: raw, comp: bytes.Clone(out.Bytes()), crc: crc32.ChecksumIEEE(raw)}, nil
}

// deflatePiece compresses raw, with a spare flate writer into a spare
// slice, as a piece of a deflate stream: from a fresh state, so that it
// refers to nothing before it, and ending with a sync flush, on a byte
// boundary, with no final block, so that more pieces can follow it.
// Deflate pieces made so can be joined into one stream.
func (sh *shared) deflatePiece(raw []byte) ([]byte, error) {
	return sh.deflate(raw, (*flate.Writer).Flush)
}

// deflate compresses raw with a spare flate writer into a spare slice,
// ending the stream with end (Flush for a piece, Close for a whole part).
func (sh *shared) deflate(raw []byte, end func(*flate.Writer) error) ([]byte, error) {
	out := bytes.NewBuffer(sh.slice())
	var fw *flate.Writer
	select {
	case fw = <-sh.flates:
		fw.Reset(out)
	default:
		var err error
		if fw, err = flate.NewWriter(out, flate.BestSpeed); err != nil {
			return nil, err
		}
	}
	defer sh.putFlate(fw)
	if _, err := fw.Write(raw); err != nil {
		return nil, err
	}
	if err := end(fw); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// compress deflates a whole part off the pipe, as the pipe would, with a
// spare flate writer. Its compressed bytes are in a spare slice.
func (sh *shared) compress(raw []byte) (*zipPart, error) {
	comp, err := sh.deflate(raw, (*flate.Writer).Close)
	if err != nil {
		return nil, err
	}
	return &zipPart{raw: raw, comp: comp, crc: crc32.ChecksumIEEE(raw)}, nil
}

// flate returns *fw, reset to write to w; it takes a flate writer from the
// renderer's spares when *fw is nil.
func (p *zipPipe) flate(fw **flate.Writer, w io.Writer) (*flate.Writer, error) {
	if *fw == nil {
		select {
		case *fw = <-p.sh.flates:
		default:
			f, err := flate.NewWriter(w, flate.BestSpeed)
			if err != nil {
				return nil, err
			}
			*fw = f
		}
	}
	(*fw).Reset(w)
	return *fw, nil
}

// compressor compresses a streamed part with the pipe's flate writer.
func (p *zipPipe) compressor(w io.Writer) (io.WriteCloser, error) {
	fw, err := p.flate(&p.fw, w)
	if err != nil {
		return nil, err
	}
	return fw, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// zipPart is a compressed part.
type zipPart struct {
	raw, comp []byte
	crc       uint32
}

// cacheable tells whether a part's compressed form is kept for the next
// workbooks: the parts of form (style sheet, theme, drawings, charts,
// relationships, content types), which recur from one document to the
// next, not those that hold the document's text (shared strings,
// comments, document properties) nor the worksheets, which are streamed.
func cacheable(name string) bool {
	switch {
	case name == sstPart, name == "docProps/core.xml":
		return false
	case len(name) > len("xl/comments") && name[:len("xl/comments")] == "xl/comments":
		return false
	}
	return true
}

// partCache keeps the last compressed form of each cacheable part name.
// A part is reused only when its bytes are equal to those compressed, so
// the output is what compressing it again would give. The cache is bounded
// and safe for concurrent use.
type partCache struct {
	mu    sync.Mutex
	m     map[string]*zipPart
	bytes int
}

const (
	maxCachedPart  = 256 << 10 // larger parts are not kept
	maxCachedBytes = 4 << 20   // the cache is emptied beyond this
)

func (c *partCache) get(name string, raw []byte) (*zipPart, bool) {
	c.mu.Lock()
	e := c.m[name]
	c.mu.Unlock()
	if e == nil || !bytes.Equal(e.raw, raw) {
		return nil, false
	}
	return e, true
}

// put keeps e, whose raw bytes must not change any more; it reports
// whether it kept it.
func (c *partCache) put(name string, e *zipPart) bool {
	size := len(e.raw) + len(e.comp)
	if size > maxCachedPart {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*zipPart{}
	}
	if old := c.m[name]; old != nil {
		c.bytes -= len(old.raw) + len(old.comp)
	}
	if c.bytes+size > maxCachedBytes {
		clear(c.m)
		c.bytes = 0
	}
	c.m[name] = e
	c.bytes += size
	return true
}
