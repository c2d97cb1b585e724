package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzParseValue checks that the figure parser never panics, that every
// error is a *ParseError wrapping a sentinel, and that whenever it parses,
// the canonical form parses back to an equal Value and formats identically.
func FuzzParseValue(f *testing.F) {
	for _, s := range seedFigures {
		f.Add(s.in)
	}
	for _, s := range []string{"1..2万", "万人", ".", "1e999999999", "\xe4\xb8", "10余万人", "−0.0%", "1余个百分点"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseValue(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseValue(%q): error %T, want *ParseError", s, err)
			}
			if !isSentinel(pe.Err) {
				t.Fatalf("ParseValue(%q): error %v wraps no sentinel", s, err)
			}
			if pe.Offset < 0 || pe.Offset > len(s) {
				t.Fatalf("ParseValue(%q): offset %d outside the input", s, pe.Offset)
			}
			return
		}
		canon := v.String()
		if !utf8.ValidString(canon) {
			t.Fatalf("ParseValue(%q).String() = %q is not UTF-8", s, canon)
		}
		w, err := ParseValue(canon)
		if err != nil {
			t.Fatalf("ParseValue(%q) = %#v; its String() %q does not parse: %v", s, v, canon, err)
		}
		if !w.Equal(v) {
			t.Fatalf("round trip of %q: %#v → %q → %#v", s, v, canon, w)
		}
		if again := w.String(); again != canon {
			t.Fatalf("formatting is not idempotent: %q → %q → %q", s, canon, again)
		}
		if v.Places < 0 || v.Num.Exponent() < -v.Places {
			t.Fatalf("ParseValue(%q): number %s has more digits than its %d places", s, v.Num, v.Places)
		}
		if err := v.check(); err != nil {
			t.Fatalf("ParseValue(%q) = %#v, which validation rejects: %v", s, v, err)
		}
	})
}

// FuzzParsePeriod checks that the period parser never panics and that every
// period it accepts formats to a canonical form that parses back equal.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2020", "2020Q1", "2020-04", "ytd:2020-05-11", "2016..2020", "ytd:2020-02-29",
		"2019Q5", "2020-13", "ytd:2019-02-29", "2020..2016", "", "２０２０", "+202", "2020Q1 ", "ytd:2020-12-mid", "ytd:2020-12-late"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || !isSentinel(pe.Err) {
				t.Fatalf("ParsePeriod(%q): error %v is not a *ParseError with a sentinel", s, err)
			}
			return
		}
		if !p.Valid() {
			t.Fatalf("ParsePeriod(%q) = %#v is not Valid", s, p)
		}
		canon := p.String()
		q, err := ParsePeriod(canon)
		if err != nil || q != p {
			t.Fatalf("round trip of %q: %#v → %q → %#v, %v", s, p, canon, q, err)
		}
		if canon != s {
			t.Fatalf("ParsePeriod(%q) accepted a non-canonical form (canonical %q)", s, canon)
		}
		if p.Chinese() == "" || p.English() == "" {
			t.Fatalf("period %q has no Chinese or English name", s)
		}
		if prev := p.Prev(); prev.Kind != p.Kind {
			t.Fatalf("%q.Prev() changed the kind", s)
		}
	})
}

// FuzzReadJSON checks that the codec never panics and that whatever it reads
// without error writes out to a file that reads back to the same data and
// writes out byte for byte the same again.
func FuzzReadJSON(f *testing.F) {
	for _, b := range smallSamples(f) {
		f.Add(b)
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"observations":[{"id":"a","value":"11.10万人","period":"2020","kind":"level"}]}`))
	f.Add([]byte(`{"targets":[{"id":"t","kind":"around","measure":"growth","value":"6%左右","tolerance":"0.5个百分点","period":"2020"}]}`))
	f.Add([]byte(`{"regions":[{"code":"x","level":"city","aliases":[]}]}`))
	f.Add([]byte(`{"observations":[{"id":"g","kind":"gap","of":"rate","vs":"china","value":"-1.5个百分点","period":"2020"}]}`))
	f.Add([]byte(`{"observations":[{"id":"a","source":{"doc":"d","phrase":"p","offset":1,"x":2}}],"x":1}`))
	f.Add([]byte("{\"observations\":[{\"id\":\"\\u0061\",\"Value\":\"1\"}]}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := ReadJSON(bytes.NewReader(b), "fuzz.json")
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("ReadJSON: error %v wraps no sentinel", err)
			}
			return
		}
		var w1 bytes.Buffer
		if err := WriteJSON(&w1, d); err != nil {
			t.Fatalf("WriteJSON: %v", err)
		}
		d2, err := ReadJSON(bytes.NewReader(w1.Bytes()), "fuzz.json")
		if err != nil {
			t.Fatalf("ReadJSON of written file: %v\n%s", err, w1.Bytes())
		}
		if diff := diffData(d, d2); diff != "" {
			t.Fatalf("read → write → read differs: %s\n%s", diff, w1.Bytes())
		}
		var w2 bytes.Buffer
		if err := WriteJSON(&w2, d2); err != nil {
			t.Fatalf("WriteJSON: %v", err)
		}
		if !bytes.Equal(w1.Bytes(), w2.Bytes()) {
			t.Fatalf("write is not stable:\n%s\n---\n%s", w1.Bytes(), w2.Bytes())
		}
		// Validation must not panic either, whatever it reports.
		_, _ = NewDataset(d)
	})
}

// smallSamples returns small dataset files in compact JSON, each with one
// record of miniData, so that together they hold every kind. Small seeds
// keep the fuzzer's minimization of new inputs cheap, so that more of a
// short run goes to fuzzing.
func smallSamples(t testing.TB) [][]byte {
	t.Helper()
	m := miniData()
	var parts []Data
	for i := range m.Indicators[:2] {
		parts = append(parts, Data{Indicators: m.Indicators[i : i+1]})
	}
	for i := range m.Regions[:2] {
		parts = append(parts, Data{Regions: m.Regions[i : i+1]})
	}
	for i := range m.Observations {
		parts = append(parts, Data{Observations: m.Observations[i : i+1]})
	}
	for i := range m.Targets {
		parts = append(parts, Data{Targets: m.Targets[i : i+1]})
	}
	var out [][]byte
	for _, d := range parts {
		var buf, c bytes.Buffer
		if err := WriteJSON(&buf, d); err != nil {
			t.Fatal(err)
		}
		if err := json.Compact(&c, buf.Bytes()); err != nil {
			t.Fatal(err)
		}
		out = append(out, c.Bytes())
	}
	return out
}

// isSentinel reports whether err wraps one of the package's sentinel errors.
func isSentinel(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

var sentinels = []error{ErrEmpty, ErrSyntax, ErrTooLong, ErrInvalidUTF8, ErrUnknownUnit, ErrMixedUnits,
	ErrUnknownIndicator, ErrUnknownRegion, ErrUnknownKind, ErrUnitMismatch, ErrDuplicate, ErrImpossible,
	ErrMissingSource, ErrPeriod, ErrZeroDivisor, ErrUnknownField}

// diffData describes the first difference between two Data values, or "".
func diffData(a, b Data) string {
	if len(a.Indicators) != len(b.Indicators) || len(a.Regions) != len(b.Regions) ||
		len(a.Observations) != len(b.Observations) || len(a.Targets) != len(b.Targets) {
		return "record counts differ"
	}
	for i := range a.Indicators {
		x, y := a.Indicators[i], b.Indicators[i]
		if x.Code != y.Code || x.Name != y.Name || !slices.Equal(x.Aliases, y.Aliases) || x.English != y.English ||
			x.Category != y.Category || x.Unit != y.Unit || x.Polarity != y.Polarity {
			return "indicator " + x.Code
		}
	}
	for i := range a.Regions {
		x, y := a.Regions[i], b.Regions[i]
		if x.Code != y.Code || x.Name != y.Name || !slices.Equal(x.Aliases, y.Aliases) || x.English != y.English ||
			x.Level != y.Level || x.Parent != y.Parent {
			return "region " + x.Code
		}
	}
	for i := range a.Observations {
		x, y := a.Observations[i], b.Observations[i]
		if !x.Value.Equal(y.Value) || x.Period != y.Period || x.Kind != y.Kind || x.Measure != y.Measure ||
			x.Ref != y.Ref || x.Basis != y.Basis || x.Source != y.Source || x.ID != y.ID ||
			x.Indicator != y.Indicator || x.Region != y.Region || x.Among != y.Among {
			return "observation " + x.ID
		}
	}
	for i := range a.Targets {
		x, y := a.Targets[i], b.Targets[i]
		if x.Value.Valid != y.Value.Valid || !x.Value.Value.Equal(y.Value.Value) ||
			x.Tolerance.Valid != y.Tolerance.Valid || !x.Tolerance.Value.Equal(y.Tolerance.Value) ||
			x.Period != y.Period || x.Kind != y.Kind || x.Measure != y.Measure || x.Basis != y.Basis ||
			x.With != y.With || x.WithIndicator != y.WithIndicator || x.Ref != y.Ref || x.Source != y.Source ||
			x.ID != y.ID || x.Indicator != y.Indicator || x.Region != y.Region {
			return "target " + x.ID
		}
	}
	return ""
}
