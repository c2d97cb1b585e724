package xlsx

// scratch is the tables a rendering fills as it goes — shared strings,
// styles, number formats, where each figure is shown — kept by the
// Renderer for its next workbook, emptied (but for the number formats,
// which depend on their keys alone), so that a briefing does not make and
// grow them anew (a few thousand entries each).
type scratch struct {
	sstIdx    map[string]int
	sstList   []string
	styleIDs  map[styleKey]int
	styleKeys []styleKey
	codes     map[codeKey]string
	locs      map[string]loc
	figs      []preFig
}

// maxScratch is the most entries of a table kept for a later workbook: a
// table grown by a large document is let go (a map does not shrink).
const maxScratch = 1 << 14

// scratch returns empty tables, spare ones if there are.
func (sh *shared) scratch() *scratch {
	select {
	case sc := <-sh.scratches:
		return sc
	default:
		return &scratch{sstIdx: make(map[string]int, sharedHint), sstList: make([]string, 0, sharedHint),
			styleIDs: make(map[styleKey]int, 256), codes: make(map[codeKey]string, 256), locs: make(map[string]loc, 1024)}
	}
}

// putScratch empties the tables of a finished rendering and keeps them,
// unless one grew large or enough are kept. Nothing of the rendering may
// use them any more.
func (sh *shared) putScratch(b *build) {
	sc := &scratch{sstIdx: b.sst.idx, sstList: b.sst.list, styleIDs: b.st.ids, styleKeys: b.st.keys, codes: b.codes, locs: b.locs, figs: b.figs}
	if len(sc.sstIdx) > maxScratch || len(sc.styleIDs) > maxScratch || len(sc.codes) > maxScratch || len(sc.locs) > maxScratch ||
		cap(sc.figs) > 4*maxScratch {
		return
	}
	clear(sc.figs[:cap(sc.figs)]) // no string kept alive
	sc.figs = sc.figs[:0]
	clear(sc.sstIdx)
	clear(sc.sstList) // no string kept alive
	sc.sstList = sc.sstList[:0]
	clear(sc.styleIDs)
	sc.styleKeys = sc.styleKeys[:0]
	// the number formats are kept: a format depends on its key alone
	clear(sc.locs)
	select {
	case sh.scratches <- sc:
	default:
	}
}
