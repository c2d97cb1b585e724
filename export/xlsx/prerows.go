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
	// the rows of each sheet compressed, on a goroutine of their own as
	// they are made, as a piece of a deflate stream (deflatePiece)
	comps [][]byte
	sh    *shared
	errs  []error
	made  []chan struct{} // closed when a sheet's rows are made
	done  []chan struct{} // closed when they are compressed too
	idx   map[string]int  // part name → index
	all   chan struct{}   // closed when both goroutines are done
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
	pr := &preRows{bufs: make([]*bytes.Buffer, len(ahead)), comps: make([][]byte, len(ahead)), sh: b.sh, final: len(ahead) == len(names), errs: make([]error, len(ahead)),
		made: make([]chan struct{}, len(ahead)), done: make([]chan struct{}, len(ahead)), idx: map[string]int{}, all: make(chan struct{})}
	for i, name := range ahead {
		pr.idx[name] = i
		pr.made[i] = make(chan struct{})
		pr.done[i] = make(chan struct{})
	}
	b.pre = pr
	compressed := make(chan struct{})
	go func() {
		defer close(compressed)
		for i := range ahead {
			<-pr.made[i]
			if pr.errs[i] == nil {
				pr.comps[i], pr.errs[i] = pr.sh.deflatePiece(pr.bufs[i].Bytes())
			}
			close(pr.done[i])
		}
	}()
	go func() {
		defer close(pr.all)
		defer func() { <-compressed }()
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
			close(pr.made[i])
			if err != nil {
				for j := i + 1; j < len(ahead); j++ {
					pr.errs[j] = err
					close(pr.made[j])
				}
				return
			}
		}
		if pr.final {
			pr.styles = b.sh.stylesXML(b.st)
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

// rows returns the function that waits for the rows of part name made
// ahead and returns them, raw and compressed, with the function that gives
// their buffers back once they are written; nil when they were not made
// ahead.
func (pr *preRows) rows(name string) func() (raw, comp []byte, release func(), err error) {
	if pr == nil {
		return nil
	}
	i, ok := pr.idx[name]
	if !ok {
		return nil
	}
	return func() ([]byte, []byte, func(), error) {
		<-pr.done[i]
		if pr.errs[i] != nil {
			return nil, nil, nil, pr.errs[i]
		}
		buf, comp := pr.bufs[i], pr.comps[i]
		pr.bufs[i], pr.comps[i] = nil, nil
		return buf.Bytes(), comp, func() {
			pr.sh.putBuffer(buf)
			pr.sh.putSlice(comp)
		}, nil
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
