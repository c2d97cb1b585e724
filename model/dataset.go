package model

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Dataset is a validated, indexed, immutable collection of indicators,
// regions, observations and targets. It is safe for concurrent use. Slices
// it returns are copies; the records in them share no mutable state with the
// dataset except their Aliases slices, which callers must not modify.
type Dataset struct {
	data       Data
	documents  map[string]int
	groups     map[string]int
	indicators map[string]int
	regions    map[string]int
	byKey      map[seriesKey][]int
	byRegion   map[string][]int // observation indices by region
	tByRegion  map[string][]int // target indices by region
}

type seriesKey struct {
	indicator, region string
	kind              Kind
}

// NewDataset validates d and returns the dataset. It reports every problem it
// finds, not just the first: the error is an errors.Join of *RecordError
// values (test them with errors.As and their sentinels with errors.Is).
func NewDataset(d Data) (*Dataset, error) {
	ds := &Dataset{data: Data{
		Documents:    slices.Clone(d.Documents),
		Groups:       slices.Clone(d.Groups),
		Indicators:   slices.Clone(d.Indicators),
		Regions:      slices.Clone(d.Regions),
		Observations: slices.Clone(d.Observations),
		Targets:      slices.Clone(d.Targets),
	}, documents: map[string]int{}, groups: map[string]int{}, indicators: map[string]int{}, regions: map[string]int{},
		byKey: map[seriesKey][]int{}, byRegion: map[string][]int{}, tByRegion: map[string][]int{}}
	// Own the aliases too, so that the caller's later changes to d do not
	// reach the dataset.
	for i := range ds.data.Indicators {
		ds.data.Indicators[i].Aliases = slices.Clone(ds.data.Indicators[i].Aliases)
		ds.data.Indicators[i].SumOf = slices.Clone(ds.data.Indicators[i].SumOf)
	}
	for i := range ds.data.Regions {
		ds.data.Regions[i].Aliases = slices.Clone(ds.data.Regions[i].Aliases)
	}
	if err := ds.validate(); err != nil {
		return nil, err
	}
	for i, o := range ds.data.Observations {
		k := seriesKey{o.Indicator, o.Region, o.Kind}
		ds.byKey[k] = append(ds.byKey[k], i)
		ds.byRegion[o.Region] = append(ds.byRegion[o.Region], i)
	}
	for i, t := range ds.data.Targets {
		ds.tByRegion[t.Region] = append(ds.tByRegion[t.Region], i)
	}
	return ds, nil
}

// rankable reports whether a rank can be of figures of kind k (Observation.Measure).
func rankable(k Kind) bool {
	return k == Level || k == Growth || k == Rate || k == Share
}

func validCode(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// recName names a record in a validation error: `observation "002.x"`, or
// `observations[3]` when it has no ID. It is a value, made into text only
// when an error is reported, so that validating a large dataset builds no
// string per record.
type recName struct {
	kind   string // "observation", "target", "indicator" …
	id     string // the record's ID or code; "" when it has none
	idx    int    // its index, named when id is empty
	region string // the region the record belongs to, if any (RecordError.Region)
}

// String names the record as errors do: kind and ID, or kind and index.
func (r recName) String() string {
	if r.id == "" {
		return fmt.Sprintf("%ss[%d]", r.kind, r.idx)
	}
	return r.kind + " " + strconv.Quote(r.id)
}

func (ds *Dataset) validate() error {
	var errs []error
	add := func(rec recName, field, val string, err error) {
		errs = append(errs, &RecordError{Record: rec.String(), Region: rec.region, Field: field, Value: val, Err: err})
	}
	for i, doc := range ds.data.Documents {
		rec := recName{kind: "document", id: doc.File}
		switch {
		case doc.File == "":
			add(recName{kind: "document", idx: i}, "file", "", ErrEmpty)
		case ds.hasDocument(doc.File):
			add(rec, "file", doc.File, ErrDuplicate)
		default:
			ds.documents[doc.File] = i
		}
		if doc.Title == "" {
			add(rec, "zh", "", ErrEmpty)
		}
		if doc.English == "" {
			add(rec, "en", "", ErrEmpty)
		}
		if doc.Date != "" && !validDate(doc.Date) {
			add(rec, "date", doc.Date, fmt.Errorf("%w: want YYYY, YYYY-MM or YYYY-MM-DD", ErrSyntax))
		}
	}
	for i, g := range ds.data.Groups {
		rec := recName{kind: "group", id: g.Code}
		if !validCode(g.Code) {
			add(recName{kind: "group", idx: i}, "code", g.Code, fmt.Errorf("%w: code must be lower_snake ASCII", ErrSyntax))
		}
		if _, dup := ds.groups[g.Code]; dup {
			add(rec, "code", g.Code, ErrDuplicate)
		} else {
			ds.groups[g.Code] = i
		}
		if g.Name == "" {
			add(rec, "zh", "", ErrEmpty)
		}
		if g.English == "" {
			add(rec, "en", "", ErrEmpty)
		}
	}
	for i, in := range ds.data.Indicators {
		rec := recName{kind: "indicator", id: in.Code}
		if !validCode(in.Code) {
			add(recName{kind: "indicator", idx: i}, "code", in.Code, fmt.Errorf("%w: code must be lower_snake ASCII", ErrSyntax))
		}
		if _, dup := ds.indicators[in.Code]; dup {
			add(rec, "code", in.Code, ErrDuplicate)
		} else {
			ds.indicators[in.Code] = i
		}
		if in.Name == "" {
			add(rec, "zh", "", ErrEmpty)
		}
		if in.English == "" {
			add(rec, "en", "", ErrEmpty)
		}
		if in.Category == "" {
			add(rec, "category", "", ErrEmpty)
		}
		if in.Unit == Points || !KnownBaseUnit(in.Unit) {
			add(rec, "unit", in.Unit, ErrUnknownUnit)
		}
		if in.Polarity > LowerBetter {
			add(rec, "polarity", in.Polarity.String(), ErrUnknownKind)
		}
		checkAliases(rec, in.Aliases, add)
	}
	for i, r := range ds.data.Regions {
		rec := recName{kind: "region", id: r.Code, region: r.Code}
		if !validCode(r.Code) {
			add(recName{kind: "region", idx: i}, "code", r.Code, fmt.Errorf("%w: code must be lower_snake ASCII", ErrSyntax))
		}
		if _, dup := ds.regions[r.Code]; dup {
			add(rec, "code", r.Code, ErrDuplicate)
		} else {
			ds.regions[r.Code] = i
		}
		if r.Name == "" {
			add(rec, "zh", "", ErrEmpty)
		}
		if r.English == "" {
			add(rec, "en", "", ErrEmpty)
		}
		if r.Level == InvalidLevel || r.Level > County {
			add(rec, "level", r.Level.String(), ErrUnknownKind)
		}
		checkAliases(rec, r.Aliases, add)
	}
	for _, r := range ds.data.Regions {
		rec := recName{kind: "region", id: r.Code, region: r.Code}
		if r.Level == Nation {
			if r.Parent != "" {
				add(rec, "parent", r.Parent, fmt.Errorf("%w: a nation has no parent", ErrImpossible))
			}
			continue
		}
		p, ok := ds.Region(r.Parent)
		switch {
		case r.Parent == "":
			add(rec, "parent", "", fmt.Errorf("%w: region without parent", ErrEmpty))
		case !ok:
			add(rec, "parent", r.Parent, ErrUnknownRegion)
		case p.Level >= r.Level && !(p.Level == District && r.Level == County) && !(p.Level == County && r.Level == District):
			add(rec, "parent", r.Parent, fmt.Errorf("%w: parent level %s is not above %s", ErrImpossible, p.Level, r.Level))
		case p.Level == District || p.Level == County:
			add(rec, "parent", r.Parent, fmt.Errorf("%w: a %s cannot contain regions", ErrImpossible, p.Level))
		}
	}
	for _, in := range ds.data.Indicators {
		rec := recName{kind: "indicator", id: in.Code}
		seen := map[string]bool{}
		for _, part := range in.SumOf {
			p, ok := ds.Indicator(part)
			switch {
			case !ok:
				add(rec, "sum_of", part, ErrUnknownIndicator)
			case part == in.Code:
				add(rec, "sum_of", part, fmt.Errorf("%w: an indicator cannot be a part of itself", ErrImpossible))
			case seen[part]:
				add(rec, "sum_of", part, ErrDuplicate)
			case p.Unit != in.Unit:
				add(rec, "sum_of", part, fmt.Errorf("%w: part in %q, total in %q", ErrUnitMismatch, p.Unit, in.Unit))
			}
			seen[part] = true
		}
		if len(in.SumOf) == 1 {
			add(rec, "sum_of", in.SumOf[0], fmt.Errorf("%w: a sum needs at least two parts", ErrImpossible))
		}
		if c := in.CompletionOf; c != "" {
			switch _, ok := ds.Indicator(c); {
			case !ok:
				add(rec, "completion_of", c, ErrUnknownIndicator)
			case c == in.Code:
				add(rec, "completion_of", c, fmt.Errorf("%w: an indicator cannot be the completion of itself", ErrImpossible))
			case in.Unit != Percent:
				add(rec, "completion_of", c, fmt.Errorf("%w: a completion rate is in %q, not %q", ErrUnitMismatch, Percent, in.Unit))
			}
		}
		if in.UnitEnglish != "" && (strings.TrimSpace(in.UnitEnglish) != in.UnitEnglish || !utf8.ValidString(in.UnitEnglish) || hasHan(in.UnitEnglish)) {
			add(rec, "unit_en", in.UnitEnglish, fmt.Errorf("%w: an English unit noun is ASCII-like text without surrounding spaces", ErrSyntax))
		}
		if in.Accumulates && in.IsRate() {
			add(rec, "accumulates", "true", fmt.Errorf("%w: a rate in %s does not accumulate", ErrImpossible, Percent))
		}
	}
	for _, g := range ds.data.Groups {
		if _, clash := ds.regions[g.Code]; clash {
			add(recName{kind: "group", id: g.Code}, "code", g.Code, fmt.Errorf("%w: a region has the same code", ErrDuplicate))
		}
	}
	ids := make(map[string]bool, len(ds.data.Observations))
	// Two observations are duplicates when they state the same thing in
	// the same document; the same figure from two documents is kept (the
	// sources may disagree), and ranks among different peers differ.
	type obsKey struct {
		ind, reg string
		per      Period
		kind     Kind
		basis    Basis
		ref      string
		measure  Kind
		among    string
		doc      string
	}
	keys := make(map[obsKey]string, len(ds.data.Observations))
	for i, o := range ds.data.Observations {
		rec := recName{kind: "observation", id: o.ID, region: o.Region}
		if o.ID == "" {
			rec = recName{kind: "observation", idx: i, region: o.Region}
			add(rec, "id", "", ErrEmpty)
		} else if ids[o.ID] {
			add(rec, "id", o.ID, ErrDuplicate)
		}
		ids[o.ID] = true
		ind, okI := ds.checkRefs(rec, o.Indicator, o.Region, o.Period, o.Source, add)
		if o.Kind == InvalidKind || o.Kind > Rank {
			add(rec, "kind", o.Kind.String(), ErrUnknownKind)
			continue
		}
		if err := o.Value.check(); err != nil {
			add(rec, "value", o.Value.String(), err)
		} else if okI {
			ds.checkValue(rec, "value", ind, o.Kind, o.Value, add)
		}
		// Ref and Measure are written to JSON only for the kinds that use
		// them; elsewhere they would be lost on the way through a file.
		if o.Kind != Gap && o.Kind != Share && o.Ref != "" {
			add(rec, "vs/of", o.Ref, fmt.Errorf("%w: vs/of only for kinds gap and share", ErrSyntax))
		}
		if o.Kind != Gap && o.Kind != Rank && o.Measure != InvalidKind {
			add(rec, "of", o.Measure.String(), fmt.Errorf("%w: a measure only for kinds gap and rank", ErrSyntax))
		}
		if o.Kind == Rank && o.Measure != InvalidKind && !rankable(o.Measure) {
			add(rec, "of", o.Measure.String(), ErrUnknownKind)
		}
		switch o.Kind {
		case Gap:
			if o.Ref == "" {
				add(rec, "vs", "", fmt.Errorf("%w: a gap needs the region it is measured against", ErrEmpty))
			} else if _, ok := ds.Region(o.Ref); !ok {
				add(rec, "vs", o.Ref, ErrUnknownRegion)
			} else if o.Ref == o.Region {
				add(rec, "vs", o.Ref, fmt.Errorf("%w: a gap to itself", ErrImpossible))
			}
			if o.Measure != Growth && o.Measure != Rate {
				add(rec, "of", o.Measure.String(), ErrUnknownKind)
			}
		case Share:
			if o.Ref != "" {
				if _, ok := ds.Region(o.Ref); !ok {
					add(rec, "of", o.Ref, ErrUnknownRegion)
				} else if o.Ref == o.Region {
					add(rec, "of", o.Ref, fmt.Errorf("%w: a share of itself", ErrImpossible))
				}
			} else if r, ok := ds.Region(o.Region); ok && r.Parent == "" {
				add(rec, "of", "", fmt.Errorf("%w: share of a region without parent", ErrEmpty))
			}
		case Rank:
			if o.Among != "" && !ds.hasRegion(o.Among) && !ds.hasGroup(o.Among) {
				add(rec, "among", o.Among, fmt.Errorf("%w: among names neither a region nor a group", ErrUnknownRegion))
			}
		}
		if o.Kind != Rank && o.Among != "" {
			add(rec, "among", o.Among, fmt.Errorf("%w: among only for kind rank", ErrSyntax))
		}
		k := obsKey{o.Indicator, o.Region, o.Period, o.Kind, o.Basis, o.Ref, o.Measure, o.Among, o.Source.Doc}
		if other, dup := keys[k]; dup {
			add(rec, "key", other, fmt.Errorf("%w: same indicator, region, period, kind and source as %q", ErrDuplicate, other))
		} else {
			keys[k] = o.ID
		}
	}
	type targetKey struct {
		ind, reg           string
		per                Period
		kind               TargetKind
		measure            Kind
		basis              Basis
		with, withInd, ref string
		doc                string
	}
	tkeys := make(map[targetKey]string, len(ds.data.Targets))
	tids := make(map[string]bool, len(ds.data.Targets))
	for i, t := range ds.data.Targets {
		rec := recName{kind: "target", id: t.ID, region: t.Region}
		if t.ID == "" {
			rec = recName{kind: "target", idx: i, region: t.Region}
			add(rec, "id", "", ErrEmpty)
		} else if tids[t.ID] {
			add(rec, "id", t.ID, ErrDuplicate)
		}
		tids[t.ID] = true
		ind, okI := ds.checkRefs(rec, t.Indicator, t.Region, t.Period, t.Source, add)
		if t.Kind == InvalidTarget || t.Kind > ReachTarget {
			add(rec, "kind", t.Kind.String(), ErrUnknownKind)
			continue
		}
		switch t.Measure {
		case Level, Rate, Growth, Change, Share:
		default:
			add(rec, "measure", t.Measure.String(), ErrUnknownKind)
			continue
		}
		k := targetKey{t.Indicator, t.Region, t.Period, t.Kind, t.Measure, t.Basis, t.With, t.WithIndicator, t.Ref, t.Source.Doc}
		if other, dup := tkeys[k]; dup {
			add(rec, "key", other, fmt.Errorf("%w: same indicator, region, period, kind, measure and source as %q", ErrDuplicate, other))
		} else {
			tkeys[k] = t.ID
		}
		switch t.Kind {
		case InStepTarget, ShareNotBelow:
			if t.Value.Valid {
				add(rec, "value", t.Value.Value.String(), fmt.Errorf("%w: a %s target has no value", ErrSyntax, t.Kind))
			}
		default:
			if !t.Value.Valid {
				add(rec, "value", "", fmt.Errorf("%w: a %s target needs a value", ErrEmpty, t.Kind))
			} else if err := t.Value.Value.check(); err != nil {
				add(rec, "value", t.Value.Value.String(), err)
			} else if okI {
				ds.checkValue(rec, "value", ind, t.Measure, t.Value.Value, add)
			}
		}
		switch t.Kind {
		case InStepTarget:
			if t.With == "" && t.WithIndicator == "" {
				add(rec, "with", "", fmt.Errorf("%w: in_step needs with or with_indicator", ErrEmpty))
			}
			if _, ok := ds.Region(t.With); t.With != "" && !ok {
				add(rec, "with", t.With, ErrUnknownRegion)
			}
			if _, ok := ds.Indicator(t.WithIndicator); t.WithIndicator != "" && !ok {
				add(rec, "with_indicator", t.WithIndicator, ErrUnknownIndicator)
			}
		case ShareNotBelow:
			if t.Ref == "" {
				add(rec, "of", "", fmt.Errorf("%w: share_not_below needs the region of the share", ErrEmpty))
			} else if _, ok := ds.Region(t.Ref); !ok {
				add(rec, "of", t.Ref, ErrUnknownRegion)
			}
		}
		if t.Claim > ClaimMissed {
			add(rec, "claim", t.Claim.String(), ErrUnknownKind)
		}
		if t.Tolerance.Valid {
			if err := t.Tolerance.Value.check(); err != nil {
				add(rec, "tolerance", t.Tolerance.Value.String(), err)
			} else if t.Kind != AroundTarget {
				add(rec, "tolerance", t.Tolerance.Value.String(), fmt.Errorf("%w: tolerance is only for around targets", ErrSyntax))
			} else if t.Value.Valid && !t.Tolerance.Value.Unit.SameBase(t.Value.Value.Unit) &&
				!(t.Value.Value.Unit.IsPercent() && t.Tolerance.Value.Unit.IsPoints()) {
				add(rec, "tolerance", t.Tolerance.Value.String(), ErrUnitMismatch)
			} else if t.Tolerance.Value.Num.IsNegative() {
				add(rec, "tolerance", t.Tolerance.Value.String(), ErrImpossible)
			}
		}
	}
	return errors.Join(errs...)
}

// checkAliases reports empty aliases.
func checkAliases(rec recName, aliases []string, add func(rec recName, field, val string, err error)) {
	for i, a := range aliases {
		if a == "" {
			add(rec, fmt.Sprintf("aliases[%d]", i), "", ErrEmpty)
		}
	}
}

func (ds *Dataset) checkRefs(rec recName, indicator, region string, p Period, src Source, add func(rec recName, field, val string, err error)) (Indicator, bool) {
	ind, okI := ds.Indicator(indicator)
	if !okI {
		add(rec, "indicator", indicator, ErrUnknownIndicator)
	}
	if _, ok := ds.Region(region); !ok {
		add(rec, "region", region, ErrUnknownRegion)
	}
	if !p.Valid() {
		add(rec, "period", p.String(), ErrPeriod)
	}
	if src.Doc == "" || src.Phrase == "" {
		add(rec, "source", src.Doc, ErrMissingSource)
	} else if len(ds.data.Documents) > 0 && !ds.hasDocument(src.Doc) {
		add(rec, "source.doc", src.Doc, fmt.Errorf("%w: not among the dataset's documents", ErrMissingSource))
	} else if src.Offset < 0 {
		add(rec, "source.offset", strconv.Itoa(src.Offset), ErrImpossible)
	}
	return ind, okI
}

// checkValue checks that v fits an indicator ind measured as kind k.
func (ds *Dataset) checkValue(rec recName, field string, ind Indicator, k Kind, v Value, add func(rec recName, field, val string, err error)) {
	bad := func(want string) {
		add(rec, field, v.String(), fmt.Errorf("%w: %s of %s (unit %q) must be in %s", ErrUnitMismatch, k, ind.Code, ind.Unit, want))
	}
	u := v.Unit
	switch k {
	case Level:
		if ind.IsRate() {
			bad("kind rate, not level")
		} else if u.Base != ind.Unit {
			bad(strconv.Quote(ind.Unit))
		} else if v.Num.IsNegative() {
			add(rec, field, v.String(), fmt.Errorf("%w: negative level", ErrImpossible))
		}
	case Rate:
		if !ind.IsRate() || !u.IsPercent() {
			bad("% of a rate indicator")
		} else if v.Num.IsNegative() {
			add(rec, field, v.String(), fmt.Errorf("%w: negative rate", ErrImpossible))
		}
	case Growth:
		if !u.IsPercent() {
			bad("%")
		}
	case Change:
		if ind.IsRate() && !u.IsPoints() {
			bad("百分点")
		} else if !ind.IsRate() && u.Base != ind.Unit {
			bad(strconv.Quote(ind.Unit))
		}
	case Share:
		if !u.IsPercent() {
			bad("%")
		} else if v.Num.IsNegative() || v.Num.GreaterThan(hundred) {
			add(rec, field, v.String(), fmt.Errorf("%w: share outside 0–100%%", ErrImpossible))
		}
	case Gap:
		if !u.IsPoints() {
			bad("百分点")
		}
	case Rank:
		if u.Base != "" && u.Base != "位" {
			bad("a plain number")
		} else if !v.Num.IsInteger() || v.Num.Sign() <= 0 {
			add(rec, field, v.String(), fmt.Errorf("%w: rank must be a positive whole number", ErrImpossible))
		}
	}
}

// Indicator returns the indicator with the code.
func (ds *Dataset) Indicator(code string) (Indicator, bool) {
	i, ok := ds.indicators[code]
	if !ok {
		return Indicator{}, false
	}
	return ds.data.Indicators[i], true
}

// Region returns the region with the code.
func (ds *Dataset) Region(code string) (Region, bool) {
	i, ok := ds.regions[code]
	if !ok {
		return Region{}, false
	}
	return ds.data.Regions[i], true
}

// Indicators returns every indicator, in dataset order.
func (ds *Dataset) Indicators() []Indicator { return slices.Clone(ds.data.Indicators) }

// Regions returns every region, in dataset order.
func (ds *Dataset) Regions() []Region { return slices.Clone(ds.data.Regions) }

// Children returns the regions whose parent is code, in dataset order.
func (ds *Dataset) Children(code string) []Region {
	var out []Region
	for _, r := range ds.data.Regions {
		if r.Parent == code {
			out = append(out, r)
		}
	}
	return out
}

// Observations returns every observation, in dataset order.
func (ds *Dataset) Observations() []Observation { return slices.Clone(ds.data.Observations) }

// Targets returns every target, in dataset order.
func (ds *Dataset) Targets() []Target { return slices.Clone(ds.data.Targets) }

// Find returns the observations of an indicator for a region and kind, in
// dataset order. A zero period matches every period.
func (ds *Dataset) Find(indicator, region string, kind Kind, p Period) []Observation {
	var out []Observation
	for _, i := range ds.byKey[seriesKey{indicator, region, kind}] {
		o := ds.data.Observations[i]
		if p == (Period{}) || o.Period == p {
			out = append(out, o)
		}
	}
	return out
}

// Data returns the dataset's content, for encoding with WriteJSON.
func (ds *Dataset) Data() Data {
	return Data{Documents: ds.Documents(), Groups: ds.Groups(), Indicators: ds.Indicators(), Regions: ds.Regions(),
		Observations: ds.Observations(), Targets: ds.Targets()}
}

func (ds *Dataset) hasDocument(file string) bool { _, ok := ds.documents[file]; return ok }
func (ds *Dataset) hasGroup(code string) bool    { _, ok := ds.groups[code]; return ok }
func (ds *Dataset) hasRegion(code string) bool   { _, ok := ds.regions[code]; return ok }

// validDate reports whether s is YYYY, YYYY-MM or YYYY-MM-DD.
func validDate(s string) bool {
	y, rest, _ := strings.Cut(s, "-")
	if len(y) != 4 || !allDigits(y) {
		return false
	}
	if rest == "" {
		return !strings.Contains(s, "-")
	}
	m, d, hasDay := strings.Cut(rest, "-")
	if len(m) != 2 || !allDigits(m) || m < "01" || m > "12" {
		return false
	}
	if !hasDay {
		return true
	}
	if len(d) != 2 || !allDigits(d) {
		return false
	}
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	return dd >= 1 && dd <= daysIn(mm, yy)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Document returns the source document with the file name.
func (ds *Dataset) Document(file string) (Document, bool) {
	i, ok := ds.documents[file]
	if !ok {
		return Document{}, false
	}
	return ds.data.Documents[i], true
}

// Documents returns every source document, in dataset order.
func (ds *Dataset) Documents() []Document { return slices.Clone(ds.data.Documents) }

// Group returns the peer group with the code.
func (ds *Dataset) Group(code string) (Group, bool) {
	i, ok := ds.groups[code]
	if !ok {
		return Group{}, false
	}
	return ds.data.Groups[i], true
}

// Groups returns every peer group, in dataset order.
func (ds *Dataset) Groups() []Group { return slices.Clone(ds.data.Groups) }

// ObservationsOf returns the observations of the given regions, in dataset
// order. It reads an index: its cost grows with the observations returned,
// not with the size of the dataset.
func (ds *Dataset) ObservationsOf(regions ...string) []Observation {
	var idx []int
	for _, r := range uniqueStrings(regions) {
		idx = append(idx, ds.byRegion[r]...)
	}
	slices.Sort(idx)
	out := make([]Observation, len(idx))
	for i, j := range idx {
		out[i] = ds.data.Observations[j]
	}
	return out
}

// TargetsOf returns the targets of the given regions, in dataset order.
func (ds *Dataset) TargetsOf(regions ...string) []Target {
	var idx []int
	for _, r := range uniqueStrings(regions) {
		idx = append(idx, ds.tByRegion[r]...)
	}
	slices.Sort(idx)
	out := make([]Target, len(idx))
	for i, j := range idx {
		out[i] = ds.data.Targets[j]
	}
	return out
}

func uniqueStrings(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
