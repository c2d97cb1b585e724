package xlsx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/statbrief/statbrief/export"
	"github.com/statbrief/statbrief/report"
	"github.com/xuri/excelize/v2"
)

// Renderer renders documents as Excel workbooks. It holds its options and
// what its workbooks share (spare buffers, and the compressed form of the
// parts that recur from one workbook to the next, such as the style sheet
// and the theme, at most a few megabytes): it is safe for concurrent use,
// and the same document and options always give the same bytes, from a
// new renderer or one that has rendered other documents.
type Renderer struct {
	cfg config
	sh  *shared // what this renderer's workbooks share: buffers, compressed parts
}

var _ export.Renderer = (*Renderer)(nil)

// New returns a workbook renderer configured by opts, or the first error
// an option gives: an invalid value, a *SectionError or a *SheetNameError.
func New(opts ...Option) (*Renderer, error) {
	r := &Renderer{cfg: defaultConfig(), sh: newShared()}
	for _, o := range opts {
		if err := o(&r.cfg); err != nil {
			return nil, err
		}
	}
	if err := r.cfg.checkNames(); err != nil {
		return nil, err
	}
	return r, nil
}

// fallbackTime is the creation time of a document that has none.
var fallbackTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// maxErrors is how many cell errors Render collects before it stops.
const maxErrors = 100

// Render writes doc to w as an .xlsx workbook. It writes as it goes: on an
// error w holds a partial file (export.WriteFile writes to a temporary file
// and renames only on success). Problems with the document's cells are
// collected (errors.Join) as *CellError values before anything is written,
// except those in rows of a RowSource, which are met while writing.
func (r *Renderer) Render(ctx context.Context, w io.Writer, doc *report.Document) error {
	if doc == nil {
		return errors.New("xlsx: nil document")
	}
	lang := doc.Meta.Lang
	if lang != report.English {
		lang = report.Chinese
	}
	created := r.cfg.created
	if created.IsZero() {
		created = doc.Meta.Created.UTC().Truncate(time.Second)
	}
	if created.IsZero() {
		created = fallbackTime
	}
	font, charset := fontFor(lang)
	// excelize's new file (it parses its templates) is made on another
	// goroutine while the workbook is planned (itself on two goroutines),
	// and decorated on it while the workbook is checked
	files := make(chan *excelize.File, 1)
	var fontErr error
	go func() {
		f := excelize.NewFile()
		fontErr = f.SetDefaultFont(font)
		files <- f
	}()
	var f *excelize.File
	decorated := false // f came from files, and is closed on return
	defer func() {
		if !decorated {
			f = <-files
		}
		f.Close()
	}()
	sc := r.sh.scratch()
	b := &build{cfg: &r.cfg, sh: r.sh, ctx: ctx, doc: doc, lang: lang, w: wordsFor(lang),
		st:   &styles{font: font, charset: charset, ids: sc.styleIDs, keys: sc.styleKeys},
		used: nameSet{}, locs: sc.locs, created: created, codes: sc.codes, sst: &sharedStrings{idx: sc.sstIdx, list: sc.sstList},
		figs: sc.figs[:0]}
	defer r.sh.putScratch(b) // after the rows made ahead are done, and the zip
	defer func() {
		b.pre.wait()
		b.pre.release()
	}()
	if err := b.plan(); err != nil {
		return err
	}
	// the sheets are decorated in excelize while the workbook is checked
	decoration := make(chan error, 1)
	named := make(chan struct{})
	decorated = true
	go func() {
		f = <-files
		b.f = f
		err := fontErr
		if err == nil {
			err = b.decorate(named)
		}
		decoration <- err
	}()
	err := b.check()
	if err == nil {
		err = ctx.Err()
	}
	var decErr error
	waited := false
	if err == nil {
		// the rows of the first sheets are made as soon as the sheets are
		// named (their part names known), unless decorating failed first
		select {
		case <-named:
		case decErr = <-decoration:
			waited = true
		}
		select {
		case <-named:
			b.startRows()
		default:
		}
	}
	if !waited {
		decErr = <-decoration
	}
	if err != nil {
		return err
	}
	if decErr != nil {
		return decErr
	}
	if err := b.decorateChecked(); err != nil {
		return err
	}
	return b.write(w)
}

// build is the state of one rendering.
type build struct {
	cfg      *config
	sh       *shared
	ctx      context.Context
	doc      *report.Document
	lang     report.Lang
	w        *words
	f        *excelize.File
	st       *styles
	sheets   []*sheet
	used     nameSet
	locs     map[string]loc
	created  time.Time
	errs     []error
	comments []*commentParts
	codes    map[codeKey]string
	sst      *sharedStrings
	figs     []preFig        // the array of the parts' figures (part.figs)
	cites    []string        // comments by citation number, as made
	pre      *preRows        // rows made ahead; nil if none
	charts   []*report.Chart // the document's charts, for the sheet of charts
	// the caches of the chart parts excelize writes, in the order it
	// numbers them (xl/charts/chart1.xml …)
	chartParts []map[string]string
}

func itoa(i int) string { return strconv.Itoa(i) }

// fontFor is the font of a workbook: Excel's default for Chinese workbooks
// (等线, DengXian), Calibri for English ones. Readers without it substitute
// a font of their own.
func fontFor(l report.Lang) (font string, charset int) {
	if l == report.English {
		return "Calibri", 0
	}
	return "等线", 134
}

func (b *build) font() string { return b.st.font }

// figure returns how a figure is stored and formatted in this workbook.
func (b *build) figure(f report.Figure, split bool) numFigure {
	return figureNumber(f, b.lang, split, b.codes)
}

// fail records a cell error; it returns false once too many are collected.
func (b *build) fail(err error) bool {
	b.errs = append(b.errs, err)
	return len(b.errs) < maxErrors
}

func (b *build) errors() error {
	if len(b.errs) == 0 {
		return nil
	}
	if len(b.errs) >= maxErrors {
		b.errs = append(b.errs, fmt.Errorf("xlsx: stopped after %d errors", maxErrors))
	}
	return errors.Join(b.errs...)
}
