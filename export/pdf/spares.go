package pdf

import "bytes"

// spares are the buffers a Renderer keeps for its next documents: the
// boxes of pages, the display list's boxes and the file being written. A
// document allocates about a megabyte of them; kept in channels, not
// sync.Pools (which garbage collection empties), and bounded.
type spares struct {
	pages chan []Box
	boxes chan []Box
	items chan []textItem
	files chan *bytes.Buffer
	// tables counting the characters of a face (runeCount), cleared
	counts chan *[1 << 16]uint32
}

// maxSpareBytes is the largest file buffer kept, maxSpareBoxes the
// largest list of boxes (a box is about 200 bytes).
const (
	maxSpareBytes = 4 << 20
	maxSpareBoxes = 16 << 10
)

func newSpares() *spares {
	return &spares{pages: make(chan []Box, 64), boxes: make(chan []Box, 4), items: make(chan []textItem, 4), files: make(chan *bytes.Buffer, 4), counts: make(chan *[1 << 16]uint32, 4)}
}

// page returns an empty slice for a page's boxes.
func (s *spares) page() []Box {
	select {
	case b := <-s.pages:
		return b
	default:
		return make([]Box, 0, 256)
	}
}

// putBoxes keeps b, emptied, in ch unless ch is full.
func putBoxes(ch chan []Box, b []Box) {
	if cap(b) > maxSpareBoxes {
		return
	}
	clear(b[:cap(b)])
	select {
	case ch <- b[:0]:
	default:
	}
}

// boxList returns an empty slice for n boxes.
func (s *spares) boxList(n int) []Box {
	select {
	case b := <-s.boxes:
		if cap(b) >= n {
			return b
		}
	default:
	}
	return make([]Box, 0, n)
}

// file returns an empty buffer for a file of about size bytes.
func (s *spares) file(size int) *bytes.Buffer {
	select {
	case b := <-s.files:
		return b
	default:
		b := new(bytes.Buffer)
		b.Grow(size)
		return b
	}
}

func (s *spares) putFile(b *bytes.Buffer) {
	if b.Cap() > maxSpareBytes {
		return
	}
	b.Reset()
	select {
	case s.files <- b:
	default:
	}
}

// itemList returns an empty slice for the text items of a document.
func (s *spares) itemList() []textItem {
	select {
	case it := <-s.items:
		return it
	default:
		return make([]textItem, 0, 1024)
	}
}

func (s *spares) putItems(it []textItem) {
	if cap(it) > maxSpareBoxes {
		return
	}
	clear(it[:cap(it)])
	select {
	case s.items <- it[:0]:
	default:
	}
}

// countTable returns a cleared table for a runeCount.
func (s *spares) countTable() *[1 << 16]uint32 {
	select {
	case t := <-s.counts:
		return t
	default:
		return new([1 << 16]uint32)
	}
}
