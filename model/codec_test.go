package model

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

var update = flag.Bool("update", false, "rewrite testdata/canonical.json from miniData")

const canonicalFile = "testdata/canonical.json"

// canonicalJSON returns the golden canonical file. A missing golden file is a
// failure, not a pass.
func canonicalJSON(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(canonicalFile)
	if err != nil {
		t.Fatalf("golden file: %v (run go test ./model -run TestCanonicalGolden -update)", err)
	}
	return string(b)
}

// TestCanonicalGolden pins the canonical encoding of miniData.
func TestCanonicalGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, miniData()); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(canonicalFile), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(canonicalFile, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := buf.String(), canonicalJSON(t); got != want {
		t.Errorf("WriteJSON(miniData) differs from %s (run with -update if intended):\n%s", canonicalFile, got)
	}
}

// TestCanonicalRoundTrip checks ReadJSON → NewDataset → Data → WriteJSON
// reproduces the canonical file byte for byte.
func TestCanonicalRoundTrip(t *testing.T) {
	want := canonicalJSON(t)
	d, err := ReadJSON(strings.NewReader(want), canonicalFile)
	if err != nil {
		t.Fatalf("ReadJSON: %v", err)
	}
	if diff := diffData(d, miniData()); diff != "" {
		t.Errorf("ReadJSON(canonical) differs from miniData: %s", diff)
	}
	ds, err := NewDataset(d)
	if err != nil {
		t.Fatalf("NewDataset: %v", err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, ds.Data()); err != nil {
		t.Fatal(err)
	}
	if buf.String() != want {
		t.Errorf("JSON → dataset → JSON is not identical:\n%s", buf.String())
	}
}

// TestDecimalsStayAsWritten checks that figures travel as strings, so that
// trailing zeros and places survive.
func TestDecimalsStayAsWritten(t *testing.T) {
	in := `{"observations":[{"id":"a","indicator":"jobs","region":"dalian","period":"2020","kind":"level","value":"11.10万人","source":{"doc":"d","phrase":"11.10万人","offset":0}},` +
		`{"id":"b","indicator":"jobs","region":"dalian","period":"2019","kind":"level","value":"2.0%","source":{"doc":"d","phrase":"2.0%","offset":0}}]}`
	d, err := ReadJSON(strings.NewReader(in), "in.json")
	if err != nil {
		t.Fatal(err)
	}
	if v := d.Observations[0].Value; v.Places != 2 || v.String() != "11.10万人" {
		t.Errorf("11.10万人 read as %s with places %d", v, v.Places)
	}
	if v := d.Observations[1].Value; v.Places != 1 || v.String() != "2.0%" {
		t.Errorf("2.0%% read as %s with places %d", v, v.Places)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"value": "11.10万人"`, `"value": "2.0%"`} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("written file lacks %s:\n%s", s, buf.String())
		}
	}
}

// TestReadJSONTraditionalAndCanonical checks that figures in traditional
// characters are read, written in canonical simplified form, and that the
// phrases keep their traditional characters.
func TestReadJSONTraditionalAndCanonical(t *testing.T) {
	in := `{"observations":[{"id":"x","indicator":"fdi","region":"dalian","period":"2019","kind":"level","value":"6.5億美元","source":{"doc":"002","phrase":"全年實際利用外資6.5億美元","offset":7}}]}`
	d, err := ReadJSON(strings.NewReader(in), "in.json")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"value": "6.5亿美元"`) || !strings.Contains(buf.String(), `"phrase": "全年實際利用外資6.5億美元"`) {
		t.Errorf("written:\n%s", buf.String())
	}
}

func TestReadJSONEmpty(t *testing.T) {
	for _, in := range []string{`{}`, ` { } `, `{"indicators":null,"regions":[],"observations":[],"targets":null}`} {
		d, err := ReadJSON(strings.NewReader(in), "e.json")
		if err != nil {
			t.Errorf("ReadJSON(%s): %v", in, err)
		}
		if len(d.Indicators)+len(d.Regions)+len(d.Observations)+len(d.Targets) != 0 {
			t.Errorf("ReadJSON(%s) = %+v", in, d)
		}
		var buf bytes.Buffer
		if err := WriteJSON(&buf, d); err != nil || buf.String() != "{}\n" {
			t.Errorf("WriteJSON(empty) = %q, %v", buf.String(), err)
		}
	}
}

// TestReadJSONErrors checks that each problem of a file is a *RecordError
// that names the file, the position, the record, the field and the value.
func TestReadJSONErrors(t *testing.T) {
	const obs = `{"id":"o","indicator":"jobs","region":"dalian","period":"2020","kind":"level","value":"1万人","source":{"doc":"d","phrase":"p","offset":0}}`
	tests := []struct {
		name      string
		in        string
		want      []problem
		line, col int // of the first error
	}{
		{"syntax", "{\n  \"observations\": [\n    {\"id\": \"a\",,}\n  ]\n}", []problem{{"file", "", "", ErrSyntax}}, 3, 16},
		{"truncated", `{"observations": [`, []problem{{"file", "", "", ErrSyntax}}, 1, 18},
		{"empty file", ``, []problem{{"file", "", "", ErrSyntax}}, 1, 1},
		{"not an object", `[1, 2]`, []problem{{"file", "", "", ErrSyntax}}, 1, 1},
		{"trailing data", `{} {}`, []problem{{"file", "", "", ErrSyntax}}, 1, 4},
		{"invalid UTF-8", "{\"observations\": [\n{\"id\": \"\xe4\xb8\"}]}", []problem{{"file", "", "", ErrInvalidUTF8}}, 2, 9},
		{"unknown top-level field", `{"indicators": [], "obs": []}`, []problem{{"file", "obs", "", ErrUnknownField}}, 1, 20},
		{"top-level field twice", `{"targets": [], "targets": []}`, []problem{{"file", "targets", "", ErrSyntax}}, 1, 17},
		{"records not an array", `{"targets": {}}`, []problem{{"file", "targets", "", ErrSyntax}}, 1, 13},
		{"record not an object", `{"targets": [5]}`, []problem{{"targets[0]", "", "", ErrSyntax}}, 1, 14},
		{"unknown field", "{\"observations\": [\n" + strings.Replace(obs, `"id":"o"`, `"id":"o","unit":"人"`, 1) + "]}",
			[]problem{{"observations[0]", "unit", "", ErrUnknownField}}, 2, 11},
		{"field in other case", `{"observations": [` + strings.Replace(obs, `"value"`, `"Value"`, 1) + `]}`,
			[]problem{{"observations[0]", "Value", "", ErrUnknownField}}, 1, 0},
		{"field twice", `{"observations": [` + strings.Replace(obs, `"id":"o"`, `"id":"o","id":"p"`, 1) + `]}`,
			[]problem{{"observations[0]", "id", "", ErrSyntax}}, 1, 0},
		{"unknown source field", `{"observations": [` + strings.Replace(obs, `"offset":0`, `"offset":0,"page":3`, 1) + `]}`,
			[]problem{{"observations[0]", "source.page", "", ErrUnknownField}}, 1, 0},
		{"null offset", `{"observations": [` + strings.Replace(obs, `"offset":0`, `"offset":null`, 1) + `]}`,
			[]problem{{"observations[0]", "source.offset", "null", ErrSyntax}}, 1, 0},
		{"null value", `{"observations": [` + strings.Replace(obs, `"1万人"`, `null`, 1) + `]}`,
			[]problem{{"observations[0]", "value", "null", ErrSyntax}}, 1, 0},
		{"wrong type", `{"observations": [` + strings.Replace(obs, `"offset":0`, `"offset":"x"`, 1) + `]}`,
			[]problem{{"observations[0]", "source.offset", "string", ErrSyntax}}, 1, 0},
		{"bad value", `{"observations": [` + strings.Replace(obs, `1万人`, `1..2万`, 1) + `]}`,
			[]problem{{`observations[0] "o"`, "value", "1..2万", ErrSyntax}}, 1, 19},
		{"unknown kind", `{"observations": [` + strings.Replace(obs, `"level"`, `"forecast"`, 1) + `]}`,
			[]problem{{`observations[0] "o"`, "kind", "forecast", ErrUnknownKind}}, 1, 19},
		{"unknown target kind", `{"targets": [{"id":"t","kind":"maximise","measure":"level","period":"2020","value":"1"}]}`,
			[]problem{{`targets[0] "t"`, "kind", "maximise", ErrUnknownKind}}, 1, 14},
		{"bad period", `{"observations": [` + strings.Replace(obs, `"2020"`, `"2020-13"`, 1) + `]}`,
			[]problem{{`observations[0] "o"`, "period", "2020-13", ErrPeriod}}, 1, 19},
		{"bad level and polarity", `{"indicators": [{"code":"a","polarity":"up"}], "regions": [{"code":"r","level":"town"}]}`,
			[]problem{{`indicators[0] "a"`, "polarity", "up", ErrUnknownKind}, {`regions[0] "r"`, "level", "town", ErrUnknownKind}}, 1, 17},
		{"vs on a level", `{"observations": [` + strings.Replace(obs, `"kind":"level"`, `"kind":"level","vs":"china"`, 1) + `]}`,
			[]problem{{`observations[0] "o"`, "vs/of", "china", ErrSyntax}}, 1, 19},
		{"bad gap measure", `{"observations": [` + strings.Replace(obs, `"kind":"level"`, `"kind":"gap","of":"level"`, 1) + `]}`,
			[]problem{{`observations[0] "o"`, "of", "level", ErrUnknownKind}}, 1, 19},
		{"several records", "{\"observations\": [\n" + strings.Replace(obs, `1万人`, `万人`, 1) + ",\n" +
			strings.Replace(obs, `"o"`, `"o2"`, 1) + ",\n" + strings.Replace(obs, `"id":"o"`, `"id":"o3","x":1`, 1) + ",\n" +
			strings.Replace(strings.Replace(obs, `"o"`, `"o4"`, 1), `"2020"`, `"20"`, 1) + "\n]}",
			[]problem{{`observations[0] "o"`, "value", "万人", ErrSyntax}, {"observations[2]", "x", "", ErrUnknownField},
				{`observations[3] "o4"`, "period", "20", ErrPeriod}}, 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadJSON(strings.NewReader(tt.in), "bad.json")
			if err == nil {
				t.Fatal("no error")
			}
			got := recordErrors(t, err)
			for _, w := range tt.want {
				if !hasProblem(got, w) {
					t.Errorf("not reported: %s field %s = %q: %v\ngot: %v", w.record, w.field, w.value, w.err, err)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("%d problems, want %d: %v", len(got), len(tt.want), err)
			}
			first := got[0]
			if first.Source != "bad.json" {
				t.Errorf("Source = %q", first.Source)
			}
			if first.Line != tt.line || (tt.col != 0 && first.Column != tt.col) || first.Column < 1 {
				t.Errorf("position %d:%d, want %d:%d (%v)", first.Line, first.Column, tt.line, tt.col, first)
			}
			if !strings.HasPrefix(first.Error(), "model: bad.json:") {
				t.Errorf("error text %q does not start with the file", first.Error())
			}
		})
	}
}

func TestReadJSONTooLong(t *testing.T) {
	big := &repeatReader{n: MaxJSONBytes + 10}
	_, err := ReadJSON(big, "big.json")
	if !errors.Is(err, ErrTooLong) {
		t.Errorf("ReadJSON(64 MB + 10) = %v, want ErrTooLong", err)
	}
	_, err = ReadJSON(iotest.ErrReader(errors.New("disk on fire")), "io.json")
	var re *RecordError
	if !errors.As(err, &re) || re.Source != "io.json" || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("read error = %v", err)
	}
}

// repeatReader yields n spaces without holding them.
type repeatReader struct{ n int }

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, errors.New("EOF")
	}
	k := min(len(p), r.n)
	for i := range k {
		p[i] = ' '
	}
	r.n -= k
	return k, nil
}

// TestEmptyAliasesRoundTrip checks that an empty aliases array reads as nil,
// so that read → write → read is identical.
func TestEmptyAliasesRoundTrip(t *testing.T) {
	in := `{"regions":[{"code":"x","zh":"x","aliases":[],"en":"x","level":"nation","parent":""}]}`
	d, err := ReadJSON(strings.NewReader(in), "a.json")
	if err != nil {
		t.Fatal(err)
	}
	if d.Regions[0].Aliases != nil {
		t.Errorf("aliases = %#v, want nil", d.Regions[0].Aliases)
	}
}

func TestRecordErrorText(t *testing.T) {
	tests := []struct {
		e    *RecordError
		want string
	}{
		{&RecordError{Source: "a.json", Line: 3, Column: 5, Record: `observations[2] "x"`, Field: "value", Value: "1..2万", Err: ErrSyntax},
			`model: a.json:3:5: observations[2] "x": field value = "1..2万": malformed`},
		{&RecordError{Record: `observation "x"`, Field: "value", Value: "101%", Err: ErrImpossible},
			`model: observation "x": field value = "101%": impossible value`},
		{&RecordError{Source: "a.json", Record: "file", Err: ErrTooLong}, `model: a.json: file: input too long`},
		{&RecordError{Line: 2, Column: 1, Record: "file", Err: ErrSyntax}, `model: line 2, column 1: file: malformed`},
		{&RecordError{Record: "r"}, `model: r: invalid`},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func BenchmarkReadJSON(b *testing.B) {
	in := []byte(canonicalJSON(b))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadJSON(bytes.NewReader(in), "canonical.json"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadJSONSeeds reads the default dataset's largest file, when the
// seeds package has one.
func BenchmarkReadJSONSeeds(b *testing.B) {
	files, _ := filepath.Glob("../seeds/data/*.json")
	var in []byte
	for _, f := range files {
		if c, err := os.ReadFile(f); err == nil && len(c) > len(in) {
			in = c
		}
	}
	if in == nil {
		b.Skip("no seed files")
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadJSON(bytes.NewReader(in), "seed.json"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteJSON(b *testing.B) {
	d := miniData()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteJSON(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRecordErrorRegion checks that errors name the region of the record
// they are about, so that a caller can set that region aside, and that
// ReadJSON returns the records it could read alongside its error.
func TestRecordErrorRegion(t *testing.T) {
	const obs = `{"id":"%s","indicator":"jobs","region":"%s","period":"2020","kind":"level","value":"%s","source":{"doc":"d","phrase":"p","offset":0}}`
	in := `{"observations": [` +
		fmt.Sprintf(obs, "a", "dalian", "1万人") + "," +
		fmt.Sprintf(obs, "b", "gaoxin", "三十六位xx") + "," +
		strings.Replace(fmt.Sprintf(obs, "c", "zhuanghe", "1万人"), `"kind"`, `"x":1,"kind"`, 1) + `],
		"targets": [{"id":"t","indicator":"jobs","region":"lvshun","kind":"maximise","measure":"level","period":"2020","value":"1万人","source":{"doc":"d","phrase":"p","offset":0}}],
		"regions": [{"code":"r","zh":"r","en":"r","level":"town","parent":"dalian"}]}`
	d, err := ReadJSON(strings.NewReader(in), "part.json")
	got := map[string]string{}
	for _, re := range recordErrors(t, err) {
		got[re.Record] = re.Region
	}
	want := map[string]string{`observations[1] "b"`: "gaoxin", "observations[2]": "zhuanghe", `targets[0] "t"`: "lvshun", `regions[0] "r"`: "r"}
	if !maps.Equal(got, want) {
		t.Errorf("regions of the errors = %v, want %v", got, want)
	}
	var ids []string
	for _, o := range d.Observations {
		ids = append(ids, o.ID)
	}
	if !slices.Equal(ids, []string{"a", "b"}) || len(d.Targets) != 1 || len(d.Regions) != 1 {
		t.Errorf("ReadJSON with errors returned observations %v, %d targets, %d regions; want [a b] (c is not of the right shape), 1, 1", ids, len(d.Targets), len(d.Regions))
	}

	// validation errors name the region too
	ds := miniData()
	ds.Observations = append(ds.Observations, Observation{ID: "x", Indicator: "nope", Region: "dalian", Period: YearOf(2020), Kind: Level,
		Value: MustParse("1万人"), Source: Source{Doc: doc000, Phrase: "p"}})
	_, err = NewDataset(ds)
	var re *RecordError
	if !errors.As(err, &re) || re.Region != "dalian" || re.Record != `observation "x"` {
		t.Errorf("NewDataset error = %#v, want one naming observation \"x\" of region dalian", re)
	}
}
