package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Data is the plain content of a dataset: what a JSON file holds. Build a
// validated, indexed *Dataset from it with NewDataset.
type Data struct {
	Indicators   []Indicator
	Regions      []Region
	Observations []Observation
	Targets      []Target
}

// Merge concatenates parts into one Data (the seeds are split across files).
// Duplicates are left for NewDataset to report.
func Merge(parts ...Data) Data {
	var d Data
	for _, p := range parts {
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
	Indicators   []jsonIndicator   `json:"indicators,omitempty"`
	Regions      []jsonRegion      `json:"regions,omitempty"`
	Observations []jsonObservation `json:"observations,omitempty"`
	Targets      []jsonTarget      `json:"targets,omitempty"`
}

type jsonIndicator struct {
	Code     string   `json:"code"`
	Zh       string   `json:"zh"`
	Aliases  []string `json:"aliases,omitempty"`
	En       string   `json:"en"`
	Category string   `json:"category"`
	Unit     string   `json:"unit"`
	Polarity string   `json:"polarity"`
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
	Source        jsonSource `json:"source"`
}

// ReadJSON decodes one dataset file. name labels errors (a file name).
// Unknown fields are rejected; every record that cannot be converted is
// reported (errors.Join of *RecordError), not just the first. ReadJSON does
// not validate references between records: NewDataset does.
func ReadJSON(r io.Reader, name string) (Data, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxJSONBytes+1))
	if err != nil {
		return Data{}, fmt.Errorf("model: read %s: %w", name, err)
	}
	if len(raw) > MaxJSONBytes {
		return Data{}, &RecordError{Source: name, Record: "file", Err: ErrTooLong}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var f jsonFile
	if err := dec.Decode(&f); err != nil {
		return Data{}, &RecordError{Source: name, Record: "file " + jsonPosition(raw, err), Err: fmt.Errorf("%w: %v", ErrSyntax, err)}
	}
	if dec.More() {
		return Data{}, &RecordError{Source: name, Record: "file", Err: fmt.Errorf("%w: data after the top-level object", ErrSyntax)}
	}
	var errs []error
	add := func(rec, field, val string, err error) {
		errs = append(errs, &RecordError{Source: name, Record: rec, Field: field, Value: val, Err: err})
	}
	var d Data
	for i, ji := range f.Indicators {
		rec := fmt.Sprintf("indicators[%d] %q", i, ji.Code)
		pol, err := ParsePolarity(ji.Polarity)
		if err != nil {
			add(rec, "polarity", ji.Polarity, ErrUnknownKind)
		}
		d.Indicators = append(d.Indicators, Indicator{Code: ji.Code, Name: ji.Zh, Aliases: ji.Aliases,
			English: ji.En, Category: ji.Category, Unit: ji.Unit, Polarity: pol})
	}
	for i, jr := range f.Regions {
		rec := fmt.Sprintf("regions[%d] %q", i, jr.Code)
		lvl, err := ParseRegionLevel(jr.Level)
		if err != nil {
			add(rec, "level", jr.Level, ErrUnknownKind)
		}
		d.Regions = append(d.Regions, Region{Code: jr.Code, Name: jr.Zh, Aliases: jr.Aliases,
			English: jr.En, Level: lvl, Parent: jr.Parent})
	}
	for i, jo := range f.Observations {
		rec := fmt.Sprintf("observations[%d] %q", i, jo.ID)
		o := Observation{ID: jo.ID, Indicator: jo.Indicator, Region: jo.Region, Among: jo.Among,
			Source: Source(jo.Source)}
		var err error
		if o.Period, err = ParsePeriod(jo.Period); err != nil {
			add(rec, "period", jo.Period, err)
		}
		if o.Kind, err = ParseKind(jo.Kind); err != nil {
			add(rec, "kind", jo.Kind, ErrUnknownKind)
		}
		if o.Basis, err = ParseBasis(jo.Basis); err != nil {
			add(rec, "basis", jo.Basis, ErrUnknownKind)
		}
		switch o.Kind {
		case Gap:
			o.Ref, o.Measure = jo.Vs, Growth
			if jo.Of != "" {
				if o.Measure, err = ParseKind(jo.Of); err != nil || (o.Measure != Growth && o.Measure != Rate) {
					add(rec, "of", jo.Of, ErrUnknownKind)
				}
			}
		case Share:
			o.Ref = jo.Of
			if jo.Vs != "" {
				add(rec, "vs", jo.Vs, fmt.Errorf("%w: vs is only for kind gap", ErrSyntax))
			}
		default:
			if jo.Vs != "" || jo.Of != "" {
				add(rec, "vs/of", jo.Vs+jo.Of, fmt.Errorf("%w: vs/of only for kinds gap and share", ErrSyntax))
			}
		}
		if o.Value, err = ParseValue(jo.Value); err != nil {
			add(rec, "value", jo.Value, err)
		}
		d.Observations = append(d.Observations, o)
	}
	for i, jt := range f.Targets {
		rec := fmt.Sprintf("targets[%d] %q", i, jt.ID)
		t := Target{ID: jt.ID, Indicator: jt.Indicator, Region: jt.Region, With: jt.With,
			WithIndicator: jt.WithIndicator, Ref: jt.Of, Source: Source(jt.Source)}
		var err error
		if t.Period, err = ParsePeriod(jt.Period); err != nil {
			add(rec, "period", jt.Period, err)
		}
		if t.Kind, err = ParseTargetKind(jt.Kind); err != nil {
			add(rec, "kind", jt.Kind, ErrUnknownKind)
		}
		if t.Measure, err = ParseKind(jt.Measure); err != nil {
			add(rec, "measure", jt.Measure, ErrUnknownKind)
		}
		if t.Basis, err = ParseBasis(jt.Basis); err != nil {
			add(rec, "basis", jt.Basis, ErrUnknownKind)
		}
		if jt.Value != "" {
			v, err := ParseValue(jt.Value)
			if err != nil {
				add(rec, "value", jt.Value, err)
			}
			t.Value = Some(v)
		}
		if jt.Tolerance != "" {
			v, err := ParseValue(jt.Tolerance)
			if err != nil {
				add(rec, "tolerance", jt.Tolerance, err)
			}
			t.Tolerance = Some(v)
		}
		d.Targets = append(d.Targets, t)
	}
	return d, errors.Join(errs...)
}

// jsonPosition turns a decoding error into "line L, column C" where it can.
func jsonPosition(raw []byte, err error) string {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(raw)) {
		return ""
	}
	line := 1 + bytes.Count(raw[:off], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(raw[:off], '\n')
	return fmt.Sprintf("(line %d, column %d)", line, col)
}

// WriteJSON encodes d in the canonical form ReadJSON reads: two-space
// indentation, UTF-8 text unescaped, figures in their canonical simplified
// form. ReadJSON followed by WriteJSON reproduces a canonical file byte for byte.
func WriteJSON(w io.Writer, d Data) error {
	var f jsonFile
	for _, i := range d.Indicators {
		f.Indicators = append(f.Indicators, jsonIndicator{Code: i.Code, Zh: i.Name, Aliases: i.Aliases,
			En: i.English, Category: i.Category, Unit: i.Unit, Polarity: i.Polarity.String()})
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
		}
		f.Observations = append(f.Observations, jo)
	}
	for _, t := range d.Targets {
		jt := jsonTarget{ID: t.ID, Indicator: t.Indicator, Region: t.Region, Period: t.Period.String(),
			Kind: t.Kind.String(), Measure: t.Measure.String(), Basis: t.Basis.String(), With: t.With,
			WithIndicator: t.WithIndicator, Of: t.Ref, Source: jsonSource(t.Source)}
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
