package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

var (
	reTrailer  = regexp.MustCompile(`trailer\s*<<\s*/Size (\d+)\s*/Root (\d+) 0 R\s*/Info (\d+) 0 R\s*>>\s*startxref\s*(\d+)\s*%%EOF\s*$`)
	reMetadata = regexp.MustCompile(`\n(\d+) 0 obj\s*<< /Type /Metadata /Subtype /XML`)
	reObj      = regexp.MustCompile(`^(\d+) 0 obj\n`)
)

// zlibWriters are reused across documents: a new zlib writer allocates
// about a megabyte, which gofpdf would do for every page. A channel, not a
// sync.Pool, so that garbage collection does not empty it.
var zlibWriters = make(chan *zlib.Writer, 16)

func deflate(dst *bytes.Buffer, data []byte) {
	var w *zlib.Writer
	select {
	case w = <-zlibWriters:
		w.Reset(dst)
	default:
		w, _ = zlib.NewWriterLevel(dst, zlib.BestSpeed)
	}
	w.Write(data)
	w.Close()
	select {
	case zlibWriters <- w:
	default:
	}
}

// finish rewrites a PDF that gofpdf wrote without compression: it
// compresses every plain stream (page contents, the ToUnicode map), gives
// the catalog the document language (/Lang, which gofpdf cannot write)
// and a reference to the XMP metadata stream (which gofpdf writes but does
// not reference), and writes a new cross-reference table.
func finish(pdf []byte, lang string) ([]byte, error) {
	// the trailer is in the last few hundred bytes: do not scan the file
	tail := pdf[max(len(pdf)-1024, 0):]
	m := reTrailer.FindSubmatch(tail)
	if m == nil {
		return nil, errors.New("pdf: cannot find the trailer")
	}
	size, _ := strconv.Atoi(string(m[1]))
	root, _ := strconv.Atoi(string(m[2]))
	info := string(m[3])
	xref, _ := strconv.Atoi(string(m[4]))
	if size < 2 || xref <= 0 || xref >= len(pdf) {
		return nil, errors.New("pdf: bad trailer")
	}
	// the offsets of objects 1 … size-1 from the xref table
	tab := pdf[xref:]
	head := fmt.Sprintf("xref\n0 %d\n", size)
	if !bytes.HasPrefix(tab, []byte(head)) || len(tab) < len(head)+20*size {
		return nil, errors.New("pdf: unexpected cross-reference table")
	}
	type obj struct{ num, off int }
	objs := make([]obj, 0, size-1)
	for i := 1; i < size; i++ {
		e := tab[len(head)+20*i:]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off <= 0 || off >= xref {
			return nil, fmt.Errorf("pdf: bad cross-reference entry %d", i)
		}
		objs = append(objs, obj{i, off})
	}
	slices.SortFunc(objs, func(a, b obj) int { return a.off - b.off })
	meta := ""
	if i := bytes.Index(pdf, []byte("<< /Type /Metadata /Subtype /XML")); i > 0 {
		// the object header just before it: "\nN 0 obj\n"
		if mm := reMetadata.FindSubmatch(pdf[max(i-32, 0) : i+40]); mm != nil {
			meta = string(mm[1])
		}
	}

	var out bytes.Buffer
	out.Grow(len(pdf) / 2)
	out.Write(pdf[:objs[0].off])
	offsets := make([]int, size)
	for k, o := range objs {
		end := xref
		if k+1 < len(objs) {
			end = objs[k+1].off
		}
		b := pdf[o.off:end]
		if mm := reObj.FindSubmatch(b); mm == nil || string(mm[1]) != strconv.Itoa(o.num) {
			return nil, fmt.Errorf("pdf: object %d not where the table says", o.num)
		}
		offsets[o.num] = out.Len()
		hdr := fmt.Sprintf("%d 0 obj\n", o.num)
		body := b[len(hdr):]
		switch {
		case o.num == root:
			end := bytes.LastIndex(body, []byte(">>"))
			if !bytes.HasPrefix(body, []byte("<<")) || end < 0 {
				return nil, errors.New("pdf: unexpected catalog")
			}
			out.WriteString(hdr)
			out.Write(body[:end])
			fmt.Fprintf(&out, "/Lang (%s)\n", lang)
			if meta != "" {
				fmt.Fprintf(&out, "/Metadata %s 0 R\n", meta)
			}
			out.Write(body[end:])
		case bytes.HasPrefix(body, []byte("<</Length ")):
			// a plain stream: <</Length n>>\nstream\n…\nendstream\nendobj
			i := bytes.Index(body, []byte(">>\nstream\n"))
			if i < 0 {
				out.Write(b)
				continue
			}
			n, err := strconv.Atoi(string(body[len("<</Length "):i]))
			if err != nil {
				// another dictionary (a filtered stream): keep it
				out.Write(b)
				continue
			}
			start := i + len(">>\nstream\n")
			if start+n > len(body) || !bytes.HasPrefix(body[start+n:], []byte("\nendstream")) {
				return nil, fmt.Errorf("pdf: object %d: unexpected stream", o.num)
			}
			var z bytes.Buffer
			deflate(&z, body[start:start+n])
			out.WriteString(hdr)
			fmt.Fprintf(&out, "<</Filter /FlateDecode /Length %d>>\nstream\n", z.Len())
			out.Write(z.Bytes())
			out.Write(body[start+n:])
		default:
			out.Write(b)
		}
	}
	start := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for i := 1; i < size; i++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[i])
	}
	fmt.Fprintf(&out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %s 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", size, root, info, start)
	return out.Bytes(), nil
}
