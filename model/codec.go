package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Data is the plain content of a dataset: what a JSON file holds. Build a
// validated, indexed *Dataset from it with NewDataset.
type Data struct {
	Documents    []Document    // the source documents, by file name (optional)
	Groups       []Group       // peer groups of ranks that are not regions
	Indicators   []Indicator   // the statistics, by code
	Regions      []Region      // the places, parents before or after children
	Observations []Observation // the published figures
	Targets      []Target      // the goals set for a period
}

// Merge concatenates parts into one Data (the seeds are split across files).
// Duplicates are left for NewDataset to report.
func Merge(parts ...Data) Data {
	var d Data
	for _, p := range parts {
		d.Documents = append(d.Documents, p.Documents...)
		d.Groups = append(d.Groups, p.Groups...)
		d.Indicators = append(d.Indicators, p.Indicators...)
		d.Regions = append(d.Regions, p.Regions...)
		d.Observations = append(d.Observations, p.Observations...)
		d.Targets = append(d.Targets, p.Targets...)
	}
	return d
}

// MaxJSONBytes bounds the size of one JSON dataset file ReadJSON accepts.
const MaxJSONBytes = 64 << 20

type jsonFile struct {
	Documents    []jsonDocument    `json:"documents,omitempty"`
	Groups       []jsonGroup       `json:"groups,omitempty"`
	Indicators   []jsonIndicator   `json:"indicators,omitempty"`
	Regions      []jsonRegion      `json:"regions,omitempty"`
	Observations []jsonObservation `json:"observations,omitempty"`
	Targets      []jsonTarget      `json:"targets,omitempty"`
}

type jsonDocument struct {
	File string `json:"file"`
	Zh   string `json:"zh"`
	En   string `json:"en"`
	Date string `json:"date,omitempty"`
}

type jsonGroup struct {
	Code string `json:"code"`
	Zh   string `json:"zh"`
	En   string `json:"en"`
}

type jsonIndicator struct {
	Code     string   `json:"code"`
	Zh       string   `json:"zh"`
	Aliases  []string `json:"aliases,omitempty"`
	En       string   `json:"en"`
	Category string   `json:"category"`
	Unit     string   `json:"unit"`
	Polarity string   `json:"polarity"`
	SumOf    []string `json:"sum_of,omitempty"`
	Complete string   `json:"completion_of,omitempty"`
	Accum    bool     `json:"accumulates,omitempty"`
	UnitEn   string   `json:"unit_en,omitempty"`
}

type jsonRegion struct {
	Code    string   `json:"code"`
	Zh      string   `json:"zh"`
	Aliases []string `json:"aliases,omitempty"`
	En      string   `json:"en"`
	Level   string   `json:"level"`
	Parent  string   `json:"parent"`
}

type jsonSource struct {
	Doc    string `json:"doc"`
	Phrase string `json:"phrase"`
	Offset int    `json:"offset"`
}

type jsonObservation struct {
	ID        string     `json:"id"`
	Indicator string     `json:"indicator"`
	Region    string     `json:"region"`
	Period    string     `json:"period"`
	Kind      string     `json:"kind"`
	Basis     string     `json:"basis,omitempty"`
	Vs        string     `json:"vs,omitempty"`
	Of        string     `json:"of,omitempty"`
	Among     string     `json:"among,omitempty"`
	Value     string     `json:"value"`
	Source    jsonSource `json:"source"`
}

type jsonTarget struct {
	ID            string     `json:"id"`
	Indicator     string     `json:"indicator"`
	Region        string     `json:"region"`
	Period        string     `json:"period"`
	Kind          string     `json:"kind"`
	Measure       string     `json:"measure"`
	Basis         string     `json:"basis,omitempty"`
	Value         string     `json:"value,omitempty"`
	Tolerance     string     `json:"tolerance,omitempty"`
	With          string     `json:"with,omitempty"`
	WithIndicator string     `json:"with_indicator,omitempty"`
	Of            string     `json:"of,omitempty"`
	Claim         string     `json:"claim,omitempty"`
	Source        jsonSource `json:"source"`
}

// ReadJSON decodes one dataset file. name labels errors (a file name).
//
// The file must be valid UTF-8 and one JSON object with the arrays
// "documents", "groups", "indicators", "regions", "observations" and
// "targets" (each optional).
// Fields are matched exactly: an unknown field, a field in other case
// ("Value" for "value") and a field given twice are errors. Every record
// that cannot be decoded or converted is reported, not just the first: the
// error is an errors.Join of *RecordError values naming the file, the line
// and column (in characters) of the record or field, the record, the field
// and the value. A file that is not JSON at all is one *RecordError at the
// position of the syntax error. ReadJSON does not validate references
// between records: NewDataset does.
//
// With an error, the Data returned still holds every record that is a
// JSON object of the right fields (a field that could not be converted
// holds its zero value): a caller may leave out the records, or the
// regions (RecordError.Region), that errors name and use the rest. It is
// empty when the file as a whole is unusable (not UTF-8, not JSON, not one
// object, an unknown top-level field).
func ReadJSON(r io.Reader, name string) (Data, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxJSONBytes+1))
	if err != nil {
		return Data{}, &RecordError{Source: name, Record: "file", Err: err}
	}
	if len(raw) > MaxJSONBytes {
		return Data{}, &RecordError{Source: name, Record: "file", Value: fmt.Sprintf("more than %d bytes", MaxJSONBytes), Err: ErrTooLong}
	}
	jr := &jsonReader{name: name, raw: raw}
	return jr.read()
}

// jsonReader decodes one file, collecting every problem with its position.
type jsonReader struct {
	name string
	raw  []byte
	errs []error
	d    Data
}

// at returns a *RecordError positioned at byte offset off of the file.
func (jr *jsonReader) at(off int64, rec, field, val string, err error) *RecordError {
	e := &RecordError{Source: jr.name, Record: rec, Field: field, Value: val, Err: err}
	e.Line, e.Column = lineColumn(jr.raw, off)
	return e
}

func (jr *jsonReader) add(off int64, rec, field, val string, err error) {
	jr.errs = append(jr.errs, jr.at(off, rec, field, val, err))
}

// addIn is add for a record of a region (RecordError.Region).
func (jr *jsonReader) addIn(off int64, rec, region, field, val string, err error) {
	e := jr.at(off, rec, field, val, err)
	e.Region = region
	jr.errs = append(jr.errs, e)
}

func (jr *jsonReader) read() (Data, error) {
	raw := jr.raw
	if !utf8.Valid(raw) {
		off, _ := firstInvalidUTF8(string(raw))
		return Data{}, jr.at(int64(off), "file", "", "", ErrInvalidUTF8)
	}
	if !json.Valid(raw) {
		var skip json.RawMessage
		err := json.Unmarshal(raw, &skip)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return Data{}, jr.at(se.Offset-1, "file", "", "", fmt.Errorf("%w: %v", ErrSyntax, err))
		}
		return Data{}, jr.at(0, "file", "", "", fmt.Errorf("%w: not JSON", ErrSyntax))
	}
	start := skipWS(raw, 0)
	if raw[start] != '{' {
		return Data{}, jr.at(int64(start), "file", "", "", fmt.Errorf("%w: the file must hold one JSON object", ErrSyntax))
	}
	var fatal error
	seen := map[string]bool{}
	eachMember(raw, start, func(k []byte, keyAt, valAt, valEnd int) bool {
		key := string(k)
		if seen[key] {
			fatal = jr.at(int64(keyAt), "file", key, "", fmt.Errorf("%w: field given twice", ErrSyntax))
			return false
		}
		seen[key] = true
		var each func(i int, off int64, rec []byte)
		switch key {
		case "documents":
			each = jr.document
		case "groups":
			each = jr.group
		case "indicators":
			each = jr.indicator
		case "regions":
			each = jr.region
		case "observations":
			each = jr.observation
		case "targets":
			each = jr.target
		default:
			fatal = jr.at(int64(keyAt), "file", key, "", ErrUnknownField)
			return false
		}
		switch raw[valAt] {
		case 'n': // "observations": null
		case '[':
			i := 0
			eachElement(raw, valAt, func(at, end int) {
				each(i, int64(at), raw[at:end])
				i++
			})
		default:
			fatal = jr.at(int64(valAt), "file", key, "", fmt.Errorf("%w: %s must be an array", ErrSyntax, key))
			return false
		}
		return true
	})
	if fatal != nil {
		return Data{}, fatal
	}
	return jr.d, errors.Join(jr.errs...)
}

// regionOf sets the Region of the errors from the n-th on to the "region"
// of the record raw, which could not be decoded, if it has a string one.
func (jr *jsonReader) regionOf(n int, raw []byte) {
	region := ""
	if raw[0] == '{' {
		eachMember(raw, 0, func(key []byte, keyAt, valAt, valEnd int) bool {
			if string(key) == "region" {
				var s string
				if json.Unmarshal(raw[valAt:valEnd], &s) == nil {
					region = s
				}
				return false
			}
			return true
		})
	}
	for _, e := range jr.errs[n:] {
		if re, ok := e.(*RecordError); ok {
			re.Region = region
		}
	}
}

// decode checks the keys of one record against the fields of v (a pointer
// to a json* struct) and decodes it. It reports every problem at off, the
// record's offset in the file, and returns false if the record is unusable.
func (jr *jsonReader) decode(off int64, rec string, raw []byte, v any, fields, sourceFields []string) bool {
	if raw[0] != '{' {
		jr.add(off, rec, "", "", fmt.Errorf("%w: a record must be a JSON object", ErrSyntax))
		return false
	}
	if !jr.checkKeys(off, rec, "", raw, fields, sourceFields) {
		return false
	}
	if err := json.Unmarshal(raw, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			jr.add(off+te.Offset, rec, te.Field, te.Value, fmt.Errorf("%w: %s must be a JSON %s", ErrSyntax, te.Field, jsonKind(te.Type)))
		} else {
			jr.add(off, rec, "", "", fmt.Errorf("%w: %v", ErrSyntax, err))
		}
		return false
	}
	return true
}

// checkKeys reports fields of the object raw (at offset off of the file) that
// are not in fields, or are given twice. The object in a field named
// "source" is checked against sourceFields.
func (jr *jsonReader) checkKeys(off int64, rec, prefix string, raw []byte, fields, sourceFields []string) bool {
	ok := true
	var seen [32][]byte
	n := 0
	eachMember(raw, 0, func(key []byte, keyAt, valAt, valEnd int) bool {
		switch {
		case slices.ContainsFunc(seen[:n], func(s []byte) bool { return bytes.Equal(s, key) }):
			jr.add(off+int64(keyAt), rec, prefix+string(key), "", fmt.Errorf("%w: field given twice", ErrSyntax))
			ok = false
		case !containsKey(fields, key):
			jr.add(off+int64(keyAt), rec, prefix+string(key), "", ErrUnknownField)
			ok = false
		case raw[valAt] == 'n':
			// null would decode as the field's zero value ("offset": null
			// as 0): a field without a value is left out instead
			jr.add(off+int64(valAt), rec, prefix+string(key), "null", fmt.Errorf("%w: null is not a value; leave the field out", ErrSyntax))
			ok = false
		case string(key) == "source" && sourceFields != nil && raw[valAt] == '{':
			if !jr.checkKeys(off+int64(valAt), rec, "source.", raw[valAt:valEnd], sourceFields, nil) {
				ok = false
			}
		}
		if n < len(seen) {
			seen[n] = key
			n++
		}
		return true
	})
	return ok
}

func (jr *jsonReader) document(i int, off int64, raw []byte) {
	var jd jsonDocument
	if !jr.decode(off, fmt.Sprintf("documents[%d]", i), raw, &jd, documentFields, nil) {
		return
	}
	jr.d.Documents = append(jr.d.Documents, Document{File: jd.File, Title: jd.Zh, English: jd.En, Date: jd.Date})
}

func (jr *jsonReader) group(i int, off int64, raw []byte) {
	var jg jsonGroup
	if !jr.decode(off, fmt.Sprintf("groups[%d]", i), raw, &jg, groupFields, nil) {
		return
	}
	jr.d.Groups = append(jr.d.Groups, Group{Code: jg.Code, Name: jg.Zh, English: jg.En})
}

func (jr *jsonReader) indicator(i int, off int64, raw []byte) {
	var ji jsonIndicator
	rec := fmt.Sprintf("indicators[%d]", i)
	if !jr.decode(off, rec, raw, &ji, indicatorFields, nil) {
		return
	}
	rec += " " + strconv.Quote(ji.Code)
	pol, err := ParsePolarity(ji.Polarity)
	if err != nil {
		jr.add(off, rec, "polarity", ji.Polarity, ErrUnknownKind)
	}
	jr.d.Indicators = append(jr.d.Indicators, Indicator{Code: ji.Code, Name: ji.Zh, Aliases: nilIfEmpty(ji.Aliases),
		English: ji.En, Category: ji.Category, Unit: ji.Unit, Polarity: pol, SumOf: nilIfEmpty(ji.SumOf), CompletionOf: ji.Complete, Accumulates: ji.Accum, UnitEnglish: ji.UnitEn})
}

func (jr *jsonReader) region(i int, off int64, raw []byte) {
	var jg jsonRegion
	rec := fmt.Sprintf("regions[%d]", i)
	if !jr.decode(off, rec, raw, &jg, regionFields, nil) {
		return
	}
	rec += " " + strconv.Quote(jg.Code)
	lvl, err := ParseRegionLevel(jg.Level)
	if err != nil {
		jr.addIn(off, rec, jg.Code, "level", jg.Level, ErrUnknownKind)
	}
	jr.d.Regions = append(jr.d.Regions, Region{Code: jg.Code, Name: jg.Zh, Aliases: nilIfEmpty(jg.Aliases),
		English: jg.En, Level: lvl, Parent: jg.Parent})
}

func (jr *jsonReader) observation(i int, off int64, raw []byte) {
	var jo jsonObservation
	rec := fmt.Sprintf("observations[%d]", i)
	if n := len(jr.errs); !jr.decode(off, rec, raw, &jo, observationFields, sourceFields) {
		jr.regionOf(n, raw)
		return
	}
	rec += " " + strconv.Quote(jo.ID)
	add := func(field, val string, err error) { jr.addIn(off, rec, jo.Region, field, val, err) }
	o := Observation{ID: jo.ID, Indicator: jo.Indicator, Region: jo.Region, Among: jo.Among,
		Source: Source(jo.Source)}
	var err error
	if o.Period, err = ParsePeriod(jo.Period); err != nil {
		add("period", jo.Period, err)
	}
	if o.Kind, err = ParseKind(jo.Kind); err != nil {
		add("kind", jo.Kind, ErrUnknownKind)
	}
	if o.Basis, err = ParseBasis(jo.Basis); err != nil {
		add("basis", jo.Basis, ErrUnknownKind)
	}
	switch o.Kind {
	case Gap:
		o.Ref, o.Measure = jo.Vs, Growth
		if jo.Of != "" {
			if o.Measure, err = ParseKind(jo.Of); err != nil || (o.Measure != Growth && o.Measure != Rate) {
				add("of", jo.Of, ErrUnknownKind)
			}
		}
	case Share:
		o.Ref = jo.Of
		if jo.Vs != "" {
			add("vs", jo.Vs, fmt.Errorf("%w: vs is only for kind gap", ErrSyntax))
		}
	case Rank:
		if jo.Vs != "" {
			add("vs", jo.Vs, fmt.Errorf("%w: vs is only for kind gap", ErrSyntax))
		}
		if jo.Of != "" {
			if o.Measure, err = ParseKind(jo.Of); err != nil || !rankable(o.Measure) {
				add("of", jo.Of, ErrUnknownKind)
			}
		}
	default:
		if jo.Vs != "" || jo.Of != "" {
			add("vs/of", jo.Vs+jo.Of, fmt.Errorf("%w: vs/of only for kinds gap and share", ErrSyntax))
		}
	}
	if o.Value, err = ParseValue(jo.Value); err != nil {
		add("value", jo.Value, err)
	}
	jr.d.Observations = append(jr.d.Observations, o)
}

func (jr *jsonReader) target(i int, off int64, raw []byte) {
	var jt jsonTarget
	rec := fmt.Sprintf("targets[%d]", i)
	if n := len(jr.errs); !jr.decode(off, rec, raw, &jt, targetFields, sourceFields) {
		jr.regionOf(n, raw)
		return
	}
	rec += " " + strconv.Quote(jt.ID)
	add := func(field, val string, err error) { jr.addIn(off, rec, jt.Region, field, val, err) }
	t := Target{ID: jt.ID, Indicator: jt.Indicator, Region: jt.Region, With: jt.With,
		WithIndicator: jt.WithIndicator, Ref: jt.Of, Source: Source(jt.Source)}
	var err error
	if t.Period, err = ParsePeriod(jt.Period); err != nil {
		add("period", jt.Period, err)
	}
	if t.Kind, err = ParseTargetKind(jt.Kind); err != nil {
		add("kind", jt.Kind, ErrUnknownKind)
	}
	if t.Measure, err = ParseKind(jt.Measure); err != nil {
		add("measure", jt.Measure, ErrUnknownKind)
	}
	if t.Basis, err = ParseBasis(jt.Basis); err != nil {
		add("basis", jt.Basis, ErrUnknownKind)
	}
	if t.Claim, err = ParseClaim(jt.Claim); err != nil {
		add("claim", jt.Claim, ErrUnknownKind)
	}
	if jt.Value != "" {
		v, err := ParseValue(jt.Value)
		if err != nil {
			add("value", jt.Value, err)
		}
		t.Value = Some(v)
	}
	if jt.Tolerance != "" {
		v, err := ParseValue(jt.Tolerance)
		if err != nil {
			add("tolerance", jt.Tolerance, err)
		}
		t.Tolerance = Some(v)
	}
	jr.d.Targets = append(jr.d.Targets, t)
}

// The JSON field names of each record type, from the struct tags.
var (
	documentFields    = jsonFields(jsonDocument{})
	groupFields       = jsonFields(jsonGroup{})
	indicatorFields   = jsonFields(jsonIndicator{})
	regionFields      = jsonFields(jsonRegion{})
	observationFields = jsonFields(jsonObservation{})
	targetFields      = jsonFields(jsonTarget{})
	sourceFields      = jsonFields(jsonSource{})
)

func jsonFields(v any) []string {
	t := reflect.TypeOf(v)
	var names []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		names = append(names, name)
	}
	return names
}

// jsonKind names the JSON type a Go type is decoded from.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "value"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	}
	return t.String()
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// lineColumn turns a byte offset into a 1-based line and a 1-based column
// counted in characters (runes), as editors show them.
func lineColumn(raw []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(raw)))
	before := raw[:off]
	nl := bytes.LastIndexByte(before, '\n')
	return 1 + bytes.Count(before, []byte("\n")), 1 + utf8.RuneCount(before[nl+1:])
}

// WriteJSON encodes d in the canonical form ReadJSON reads: two-space
// indentation, UTF-8 text unescaped, figures in their canonical simplified
// form. ReadJSON followed by WriteJSON reproduces a canonical file byte for byte.
func WriteJSON(w io.Writer, d Data) error {
	var f jsonFile
	for _, x := range d.Documents {
		f.Documents = append(f.Documents, jsonDocument{File: x.File, Zh: x.Title, En: x.English, Date: x.Date})
	}
	for _, g := range d.Groups {
		f.Groups = append(f.Groups, jsonGroup{Code: g.Code, Zh: g.Name, En: g.English})
	}
	for _, i := range d.Indicators {
		f.Indicators = append(f.Indicators, jsonIndicator{Code: i.Code, Zh: i.Name, Aliases: i.Aliases,
			En: i.English, Category: i.Category, Unit: i.Unit, Polarity: i.Polarity.String(), SumOf: i.SumOf, Complete: i.CompletionOf, Accum: i.Accumulates, UnitEn: i.UnitEnglish})
	}
	for _, r := range d.Regions {
		f.Regions = append(f.Regions, jsonRegion{Code: r.Code, Zh: r.Name, Aliases: r.Aliases,
			En: r.English, Level: r.Level.String(), Parent: r.Parent})
	}
	for _, o := range d.Observations {
		jo := jsonObservation{ID: o.ID, Indicator: o.Indicator, Region: o.Region, Period: o.Period.String(),
			Kind: o.Kind.String(), Basis: o.Basis.String(), Among: o.Among, Value: o.Value.String(),
			Source: jsonSource(o.Source)}
		switch o.Kind {
		case Gap:
			jo.Vs = o.Ref
			if o.Measure != Growth {
				jo.Of = o.Measure.String()
			}
		case Share:
			jo.Of = o.Ref
		case Rank:
			if o.Measure != InvalidKind {
				jo.Of = o.Measure.String()
			}
		}
		f.Observations = append(f.Observations, jo)
	}
	for _, t := range d.Targets {
		jt := jsonTarget{ID: t.ID, Indicator: t.Indicator, Region: t.Region, Period: t.Period.String(),
			Kind: t.Kind.String(), Measure: t.Measure.String(), Basis: t.Basis.String(), With: t.With,
			WithIndicator: t.WithIndicator, Of: t.Ref, Claim: t.Claim.String(), Source: jsonSource(t.Source)}
		if t.Value.Valid {
			jt.Value = t.Value.Value.String()
		}
		if t.Tolerance.Valid {
			jt.Tolerance = t.Tolerance.Value.String()
		}
		f.Targets = append(f.Targets, jt)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("model: write JSON: %w", err)
	}
	return nil
}
