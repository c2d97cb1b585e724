package xlsx

import (
	"bufio"
	"bytes"
	"sort"
)

// The rows of the small sheets are made on a goroutine of their own while
// excelize is given the rest of the workbook (widths, conditional formats,
// charts, comments), which the rows do not depend on. Styles and shared
// strings are numbered as first used, so the sheets are made in the order
// excelize asks for their parts: every part name in reverse sorted order.
// Only sheets whose rows are all held in memory are made ahead, up to a
// bound; from the first sheet that is not, rows are made as the part is
// written, as before, so a large data sheet is still streamed.

// maxPreRows is the most table rows made ahead of writing.
const maxPreRows = 20000

// preRows is the rows of the first sheets, made ahead.
type preRows struct {
	bufs []*bytes.Buffer
	sh   *shared
	errs []error
	done []chan struct{}
	idx  map[string]int // part name → index
	all  chan struct{}  // closed when the goroutine is done
	// when every sheet was made ahead, the style sheet and the shared
	// strings are final too: they are made (and the shared strings
	// compressed) on the goroutine as well, after the rows
	final     bool
	styles    []byte
	sst       []byte
	sstZip    *zipPart
	finalDone bool // styles and sst were made
}

// startRows starts making the rows of the sheets that can be made ahead.
// Their part names must be known (decorate has created the sheets).
func (b *build) startRows() {
	byName := map[string]*sheet{}
	var names []string
	for _, s := range b.sheets {
		name := sheetPart(s)
		byName[name] = s
		names = append(names, name)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names)))
	rows := 0
	var ahead []string
	for _, name := range names {
		n, ok := memRows(byName[name])
		if !ok || rows+n > maxPreRows {
			break
		}
		rows += n
		ahead = append(ahead, name)
	}
	if len(ahead) == 0 {
		return
	}
	pr := &preRows{bufs: make([]*bytes.Buffer, len(ahead)), sh: b.sh, final: len(ahead) == len(names), errs: make([]error, len(ahead)),
		done: make([]chan struct{}, len(ahead)), idx: map[string]int{}, all: make(chan struct{})}
	for i, name := range ahead {
		pr.idx[name] = i
		pr.done[i] = make(chan struct{})
	}
	b.pre = pr
	go func() {
		defer close(pr.all)
		var bw *bufio.Writer
		defer func() { pr.sh.putWriter(bw) }()
		for i, name := range ahead {
			pr.bufs[i] = pr.sh.buffer()
			if bw == nil {
				bw = pr.sh.writer(pr.bufs[i])
			} else {
				bw.Reset(pr.bufs[i])
			}
			err := b.writeSheet(byName[name])(bw)
			if err == nil {
				err = bw.Flush()
			}
			pr.errs[i] = err
			close(pr.done[i])
			if err != nil {
				for _, d := range pr.done[i+1:] {
					close(d)
				}
				for j := i + 1; j < len(ahead); j++ {
					pr.errs[j] = err
				}
				return
			}
		}
		if pr.final {
			pr.styles = b.st.xml()
			if len(b.sst.list) > 0 {
				pr.sst = b.sst.xml(pr.sh.slice())
				if len(pr.sst) >= storeBelow {
					pr.sstZip, _ = b.sh.compress(pr.sst) // on error the pipe compresses it
				}
			}
			pr.finalDone = true
		}
	}()
}

// finalParts waits for the goroutine and returns the style sheet and the
// shared strings it made, if it did.
func (pr *preRows) finalParts() (styles, sst []byte, sstZip *zipPart, ok bool) {
	if pr == nil || !pr.final {
		return nil, nil, nil, false
	}
	<-pr.all
	return pr.styles, pr.sst, pr.sstZip, pr.finalDone
}

// fill returns the function that writes the rows of part name made ahead,
// or nil when they were not.
func (pr *preRows) fill(name string) func(*bufio.Writer) error {
	if pr == nil {
		return nil
	}
	i, ok := pr.idx[name]
	if !ok {
		return nil
	}
	return func(w *bufio.Writer) error {
		<-pr.done[i]
		if pr.errs[i] != nil {
			return pr.errs[i]
		}
		_, err := w.Write(pr.bufs[i].Bytes())
		pr.sh.putBuffer(pr.bufs[i])
		pr.bufs[i] = nil
		return err
	}
}

// wait waits for the goroutine to finish.
func (pr *preRows) wait() {
	if pr != nil {
		<-pr.all
	}
}

// release keeps the shared strings part and its compressed form for a
// later workbook. Nothing may use them any more: the goroutine is done,
// and the workbook is written or abandoned.
func (pr *preRows) release() {
	if pr == nil {
		return
	}
	pr.sh.putSlice(pr.sst)
	if pr.sstZip != nil {
		pr.sh.putSlice(pr.sstZip.comp)
	}
	pr.sst, pr.sstZip = nil, nil
}

// memRows returns the number of table rows of s and whether all are held
// in memory.
func memRows(s *sheet) (int, bool) {
	n := 0
	for _, it := range s.items {
		if p := it.part; p != nil {
			if p.to > len(p.t.Rows) {
				return 0, false
			}
			n += p.to - p.from
		}
	}
	return n, true
}

// sheetPart is the name of a sheet's worksheet part.
func sheetPart(s *sheet) string { return "xl/worksheets/sheet" + itoa(s.partIdx) + ".xml" }
