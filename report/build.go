package report

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/model"
)

// Section IDs, in the order Build writes them.
const (
	SectionOverview = "overview"
	SectionHeadline = "headline"
	SectionTargets  = "targets"
	SectionRegions  = "regions"
	SectionChecks   = "checks"
	SectionFigures  = "figures"
	SectionData     = "data"
	SectionMethods  = "methods"
	SectionSources  = "sources"
)

// AllSections lists every section Build knows, in document order.
func AllSections() []string {
	return []string{SectionOverview, SectionHeadline, SectionTargets, SectionRegions,
		SectionChecks, SectionFigures, SectionData, SectionMethods, SectionSources}
}

// Spec says what briefing to build. Its zero value is the annual briefing,
// in Chinese, of the dataset's first city for the latest year it has
// annual figures for.
type Spec struct {
	Region string // region code; default: the first region of level city
	Year   int    // default: the latest year with annual figures for the region
	Lang   Lang   // default: Chinese
	// Sections to include, by ID (see AllSections); default all.
	Sections []string
	// Indicators to show in the headline table and cards, by code, in
	// order; default every indicator with figures for the region, in
	// dataset order.
	Indicators []string
	// Title overrides the generated title.
	Title string
	// Created is the creation time written to output files; default a
	// fixed time (1 January of the year after Year, 00:00 UTC) so output is
	// deterministic.
	Created time.Time
	// Documents gives titles of source documents by file name; default
	// the titles the dataset records for them (model.Document), in the
	// document's language, or the file name.
	Documents map[string]string
	// OmitPhrases leaves the original (Chinese) phrases out of an English
	// document: its citations then name the source document's English
	// title, its file and the byte offset of the phrase, and the document
	// holds no Chinese at all. By default an English document, like a
	// Chinese one, quotes the phrase every cited figure stands in — in
	// Citation.Phrase, the footnotes, the source list and the data
	// listing — since the phrase as published is what a reader checks a
	// figure against. Chinese documents always quote the phrase.
	OmitPhrases bool
}

type builder struct {
	ds      *model.Dataset
	spec    Spec
	lang    Lang
	l       *labels
	region  model.Region
	year    int
	cites   map[citeKey]int
	doc     *Document
	used    map[string]bool // method IDs used
	obs     []model.Observation
	idx     *obsIndex // over obs
	tgts    []model.Target
	atts    []Attainment                 // memoised by attainments
	keys    []model.Indicator            // memoised by keyIndicators
	checked []Check                      // memoised by checkList
	isKeyM  map[string]bool              // codes of keys
	indPos  map[string]indicatorPosition // memoised by indicatorPositions
	inds    []model.Indicator            // the dataset's indicators, read once
	kids    map[string][]model.Region    // children by parent code, memoised by children
}

// Build derives every comparison of the briefing that spec asks for and
// assembles the document. It never panics on bad data: a comparison that
// cannot be made is a "not assessable" entry in the document, with the
// reason. It returns a *SpecError for a spec naming an unknown region
// (ErrUnknownRegion), section (ErrUnknownSection), indicator
// (ErrUnknownIndicator) or language (ErrUnknownLang), or a year without
// figures for the region (ErrNoData): a year counts when the region
// itself has an observation or target in it — or, for a region with no
// figure of its own in the dataset at all (a province known only through
// its cities), when a region directly below it has. Build is safe for
// concurrent use; the dataset is only read.
func Build(ctx context.Context, ds *model.Dataset, spec Spec) (*Document, error) {
	if ds == nil {
		return nil, &SpecError{Field: "Dataset", Value: "nil", Err: ErrNilDataset}
	}
	b := &builder{ds: ds, spec: spec, lang: spec.Lang, cites: map[citeKey]int{}, used: map[string]bool{},
		inds: ds.Indicators(), kids: map[string][]model.Region{}}
	if b.lang == "" {
		b.lang = Chinese
	}
	if b.lang != Chinese && b.lang != English {
		return nil, &SpecError{Field: "Lang", Value: string(b.lang), Err: ErrUnknownLang}
	}
	b.l = labelsFor(b.lang)
	if err := b.scope(); err != nil {
		return nil, err
	}
	if err := b.resolve(); err != nil {
		return nil, err
	}
	b.doc = &Document{Meta: Meta{Region: b.region.Code, RegionName: b.regionName(b.region.Code),
		Period: model.YearOf(b.year), Lang: b.lang, Author: "statbrief", Created: spec.Created}}
	if b.doc.Meta.Created.IsZero() {
		b.doc.Meta.Created = time.Date(b.year+1, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	b.doc.Title = spec.Title
	if b.doc.Title == "" {
		if b.lang == English {
			b.doc.Title = fmt.Sprintf(b.l.title, b.doc.Meta.RegionName, strconv.Itoa(b.year))
		} else {
			b.doc.Title = fmt.Sprintf(b.l.title, b.doc.Meta.RegionName, strconv.Itoa(b.year)+"年")
		}
	}
	b.doc.Meta.Subject = b.doc.Title
	b.doc.Meta.Keywords = []string{b.doc.Meta.RegionName, strconv.Itoa(b.year), "statbrief"}

	want := spec.Sections
	if len(want) == 0 {
		want = AllSections()
	}
	for _, id := range want {
		if !slices.Contains(AllSections(), id) {
			return nil, &SpecError{Field: "Sections", Value: id, Err: ErrUnknownSection}
		}
	}
	has := func(id string) bool { return slices.Contains(want, id) }
	// Sections are built in document order so that citations are numbered
	// in order of first appearance; sources and methods come last.
	rows := b.headlineRows(ctx)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if has(SectionOverview) {
		b.add(b.overview(rows))
	}
	if has(SectionHeadline) {
		b.add(b.headline(rows))
	}
	if has(SectionTargets) {
		b.add(b.targets())
	}
	if has(SectionRegions) {
		b.add(b.regions())
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if has(SectionChecks) {
		b.add(b.checks())
	}
	if has(SectionFigures) {
		b.add(b.figures())
	}
	if has(SectionData) {
		b.add(b.data())
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b.englishUnits()
	if b.lang == English {
		b.localizeDerivations(methodsEn)
	} else {
		b.localizeDerivations(methodsZh)
	}
	if has(SectionMethods) {
		b.add(b.methods())
	}
	b.doc.Meta.Documents = b.documents()
	if b.lang == English {
		b.doc.Subtitle = fmt.Sprintf(b.l.subtitleFmt, plural(len(b.doc.Meta.Documents), "document", "documents"))
	} else {
		b.doc.Subtitle = fmt.Sprintf(b.l.subtitleFmt, len(b.doc.Meta.Documents))
	}
	if has(SectionSources) {
		b.add(b.sources())
	}
	return b.doc, nil
}

func (b *builder) add(s Section) { b.doc.Sections = append(b.doc.Sections, s) }

// scope reads the observations and targets a briefing of the spec's region
// can show: those of the region, the regions directly below it, and the
// regions above it (the nation and province it is compared with). It reads
// the dataset's index, so a briefing costs the same in a dataset of one
// city or of a thousand.
func (b *builder) scope() error {
	code := b.spec.Region
	if code == "" {
		for _, r := range b.ds.Regions() {
			if r.Level == model.City {
				code = r.Code
				break
			}
		}
	}
	r, ok := b.ds.Region(code)
	if !ok {
		return &SpecError{Field: "Region", Value: code, Err: ErrUnknownRegion}
	}
	regions := []string{r.Code}
	for _, c := range b.ds.Children(r.Code) {
		regions = append(regions, c.Code)
	}
	for p, i := r.Parent, 0; p != "" && i < 16; i++ {
		regions = append(regions, p)
		pr, _ := b.ds.Region(p)
		p = pr.Parent
	}
	b.obs = b.ds.ObservationsOf(regions...)
	b.tgts = b.ds.TargetsOf(regions...)
	b.idx = newObsIndex(b.obs)
	return nil
}

func (b *builder) resolve() error {
	ds, spec := b.ds, b.spec
	if spec.Region == "" {
		for _, r := range ds.Regions() {
			if r.Level == model.City {
				spec.Region = r.Code
				break
			}
		}
	}
	r, ok := ds.Region(spec.Region)
	if !ok {
		return &SpecError{Field: "Region", Value: spec.Region, Err: ErrUnknownRegion}
	}
	b.region = r
	for _, code := range spec.Indicators {
		if _, ok := ds.Indicator(code); !ok {
			return &SpecError{Field: "Indicators", Value: code, Err: ErrUnknownIndicator}
		}
	}
	// the regions whose figures make a year: the region itself, or its
	// children when it has no figure of its own at all
	own := false
	for _, o := range b.obs {
		if o.Region == r.Code {
			own = true
			break
		}
	}
	for _, t := range b.tgts {
		if own {
			break
		}
		own = t.Region == r.Code
	}
	counts := func(region string) bool { return region == r.Code || !own && b.isChild(region) }
	if spec.Year == 0 {
		for _, o := range b.obs {
			if counts(o.Region) && o.Period.Kind == model.Year && o.Period.Year > spec.Year {
				spec.Year = o.Period.Year
			}
		}
		if spec.Year == 0 {
			return &SpecError{Field: "Region", Value: r.Code, Err: ErrNoData}
		}
	}
	found := false
	for _, o := range b.obs {
		if counts(o.Region) && inYear(o.Period, spec.Year) {
			found = true
			break
		}
	}
	for _, t := range b.tgts {
		if found {
			break
		}
		found = counts(t.Region) && inYear(t.Period, spec.Year)
	}
	if !found {
		return &SpecError{Field: "Year", Value: strconv.Itoa(spec.Year), Err: ErrNoData}
	}
	b.year = spec.Year
	return nil
}

// children returns the regions directly below code, read once per Build.
func (b *builder) children(code string) []model.Region {
	k, ok := b.kids[code]
	if !ok {
		k = b.ds.Children(code)
		b.kids[code] = k
	}
	return k
}

func (b *builder) isChild(code string) bool {
	r, ok := b.ds.Region(code)
	return ok && r.Parent == b.region.Code
}

// names

func (b *builder) regionName(code string) string {
	r, ok := b.ds.Region(code)
	if !ok {
		return code
	}
	if b.lang == English {
		return r.English
	}
	return r.Name
}

// regionShort is the comparison name: 全国, 全省 in Chinese; China, Liaoning.
func (b *builder) regionShort(code string) string {
	r, ok := b.ds.Region(code)
	if !ok {
		return code
	}
	if b.lang == English {
		return r.English
	}
	switch r.Level {
	case model.Nation:
		return "全国"
	case model.Province:
		if b.region.Parent == r.Code {
			return "全省"
		}
	case model.City:
		if r.Code == b.region.Code || r.Code == b.region.Parent {
			return "全市"
		}
	}
	return r.Name
}

// docTitle is a source document's title in the document's language: the
// spec's override, else the dataset's document record, else the file name.
func (b *builder) docTitle(file string) string {
	if t := b.spec.Documents[file]; t != "" {
		return t
	}
	if d, ok := b.ds.Document(file); ok {
		if b.lang == English {
			return d.English
		}
		return d.Title
	}
	return file
}

func (b *builder) indicatorName(code string) string {
	i, ok := b.ds.Indicator(code)
	if !ok {
		return code
	}
	if b.lang == English {
		return i.English
	}
	return i.Name
}

func (b *builder) periodName(p model.Period) string {
	if b.lang == English {
		return p.English()
	}
	return p.Chinese()
}

// citeKey identifies a cited phrase: figures standing in one phrase share
// a citation.
type citeKey struct {
	doc, phrase string
	offset      int
}

// cite returns the citation number of an observation's source, numbering
// sources in order of first citation. Figures standing in the same phrase
// share one citation.
func (b *builder) cite(o model.Observation) int {
	key := citeKey{o.Source.Doc, o.Source.Phrase, o.Source.Offset}
	if n, ok := b.cites[key]; ok {
		return n
	}
	n := len(b.doc.Sources) + 1
	b.cites[key] = n
	c := Citation{N: n, Doc: o.Source.Doc, Title: b.docTitle(o.Source.Doc), Offset: o.Source.Offset}
	if c.Title == c.Doc {
		c.Title = ""
	}
	if b.quotes() {
		c.Phrase = o.Source.Phrase
	}
	b.doc.Sources = append(b.doc.Sources, c)
	return n
}

// quotes reports whether the document quotes source phrases: always in
// Chinese, in English only when the spec asks for the originals.
func (b *builder) quotes() bool { return b.lang != English || !b.spec.OmitPhrases }

func (b *builder) citeTarget(t model.Target) int {
	return b.cite(model.Observation{ID: "target:" + t.ID, Source: t.Source})
}

func published(o model.Observation) Figure {
	return Figure{Valid: true, Value: o.Value, Signed: o.Kind == model.Growth || o.Kind == model.Gap || o.Kind == model.Change}
}

// pub is the published figure of o (the English unit is set for the whole
// document by englishUnits).
func (b *builder) pub(o model.Observation) Figure { return published(o) }

func (b *builder) figCell(f Figure, o *model.Observation) Cell {
	c := Cell{Kind: FigureCell, Figure: f}
	if f.Derived != nil {
		b.used[f.Derived.Method] = true
	}
	if o != nil && f.Valid && f.Derived == nil {
		c.Obs = o.ID
		c.Cite = b.cite(*o)
	}
	if !f.Valid {
		c.Kind = EmptyCell
		c.Text = b.localReason(f.Reason)
		c.Figure.Reason = c.Text
	}
	return c
}

func text(s string) Cell { return Cell{Kind: TextCell, Text: s} }

// count is a cell holding a whole number without a unit: a citation
// number, a byte offset. It is a figure, so that a workbook stores it as
// a number (sortable, never "a number stored as text").
func count(n int) Cell {
	return Cell{Kind: FigureCell, Figure: Figure{Valid: true, Value: model.Value{Num: decimal.NewFromInt(int64(n))}}}
}

func (b *builder) statusCell(s Status, note string) Cell {
	return Cell{Kind: StatusCell, Status: s, Text: b.localReason(note)}
}

// first returns the first observation (dataset order) matching, or nil. The
// briefing's scope holds every region it looks up (the region, its
// children and its ancestors).
func (b *builder) first(ind, region string, k model.Kind, p model.Period) *model.Observation {
	return b.idx.first(ind, region, k, p)
}

func (b *builder) gapObs(ind, region, vs string, measure model.Kind, p model.Period) *model.Observation {
	return b.idx.gap(ind, region, vs, measure, p)
}

// comparisonRegions returns the regions a briefing sets its figures
// against: the nation the region lies in, and the province when it is the
// region's parent (a city's). A region is never compared with itself.
func (b *builder) comparisonRegions() (nation, province string) {
	if p, ok := b.ds.Region(b.region.Parent); ok && p.Level == model.Province {
		province = p.Code
	}
	for code, i := b.region.Parent, 0; code != "" && i < 16; i++ {
		r, ok := b.ds.Region(code)
		if !ok {
			break
		}
		if r.Level == model.Nation {
			nation = r.Code
			break
		}
		code = r.Parent
	}
	return nation, province
}
