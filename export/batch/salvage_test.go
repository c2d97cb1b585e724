package batch

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
)

// readBroken writes d as JSON, applies the replacements to the text (each
// must apply once) and reads it back: the records and the error as a
// -data directory would give them.
func readBroken(t *testing.T, d model.Data, repl ...string) (model.Data, error) {
	t.Helper()
	var buf bytes.Buffer
	if err := model.WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	for i := 0; i < len(repl); i += 2 {
		if strings.Count(text, repl[i]) != 1 {
			t.Fatalf("%q occurs %d times", repl[i], strings.Count(text, repl[i]))
		}
		text = strings.Replace(text, repl[i], repl[i+1], 1)
	}
	return model.ReadJSON(strings.NewReader(text), "data.json")
}

func TestSalvage(t *testing.T) {
	base := testDataset(t, "a", "b", "c", "d").Data()
	t.Run("valid", func(t *testing.T) {
		ds, broken, err := Salvage(base, nil)
		if err != nil || len(broken) != 0 || len(ds.Observations()) != len(base.Observations) {
			t.Fatalf("%v %v", broken, err)
		}
	})
	t.Run("regions", func(t *testing.T) {
		d := base
		d.Regions = append(append([]model.Region(nil), d.Regions...),
			// a district of a city whose record is broken: set aside too
			model.Region{Code: "e", Name: "e市", English: "e", Level: model.City, Parent: "nowhere"},
			model.Region{Code: "f", Name: "f区", English: "f", Level: model.District, Parent: "e"})
		d.Observations = append(append([]model.Observation(nil), d.Observations...),
			model.Observation{ID: "f.j20", Indicator: "jobs", Region: "f", Period: model.YearOf(2020), Kind: model.Level,
				Value: model.MustParse("1万人"), Source: model.Source{Doc: "a.txt", Phrase: "1万人"}})
		// b: a figure that does not parse (ReadJSON); c: an unknown
		// indicator (NewDataset)
		got, loadErr := readBroken(t, d, `"b.j20",
      "indicator": "jobs",
      "region": "b",
      "period": "2020",
      "kind": "level",
      "value": "11.11万人"`, `"b.j20",
      "indicator": "jobs",
      "region": "b",
      "period": "2020",
      "kind": "level",
      "value": "三十六位xx"`, `"c.j19",
      "indicator": "jobs"`, `"c.j19",
      "indicator": "jobz"`)
		if loadErr == nil {
			t.Fatal("no error for the broken figure")
		}
		ds, broken, err := Salvage(got, loadErr)
		if err != nil {
			t.Fatal(err)
		}
		if len(broken) != 4 || broken["b"] == nil || broken["c"] == nil || broken["e"] == nil || broken["f"] == nil {
			t.Fatalf("broken: %v", broken)
		}
		var re *RegionError
		var rec *model.RecordError
		if !errors.As(broken["b"], &re) || re.Region != "b" || !errors.As(broken["b"], &rec) || rec.Field != "value" ||
			!strings.Contains(broken["b"].Error(), "三十六位xx") || !errors.Is(broken["c"], model.ErrUnknownIndicator) {
			t.Fatalf("errors: %v / %v", broken["b"], broken["c"])
		}
		for _, o := range ds.Observations() {
			if o.Region != "a" && o.Region != "d" {
				t.Errorf("observation %s of a broken region kept", o.ID)
			}
		}
		if _, ok := ds.Region("b"); !ok {
			t.Error("the record of region b, which is fine, was left out")
		}
		if _, ok := ds.Region("e"); ok {
			t.Error("the broken record of region e was kept")
		}
		// the jobs of the broken regions fail with their errors, the
		// others are written
		dir := t.TempDir()
		r, err := New(ds, dir, textRenderers(t), Broken(broken))
		if err != nil {
			t.Fatal(err)
		}
		sum, err := r.Run(context.Background(), jobsFor([]string{"a", "b", "c", "d", "e", "f"}, report.Chinese))
		if err != nil {
			t.Fatal(err)
		}
		if sum.Written != 2 || len(sum.Failed) != 4 {
			t.Fatalf("summary %+v", sum)
		}
		for _, f := range sum.Failed {
			if !errors.As(f, &re) || re.Region != f.Job.Region {
				t.Errorf("failure %v", f)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "b-2020.txt")); err == nil {
			t.Error("a briefing of a broken region was written")
		}
	})
	t.Run("no region", func(t *testing.T) {
		// an indicator is everyone's: the whole load fails, with every
		// problem listed
		got, loadErr := readBroken(t, base, `"unit": "人"`, `"unit": "人人"`, `"b.j20",
      "indicator": "jobs",
      "region": "b",
      "period": "2020",
      "kind": "level",
      "value": "11.11万人"`, `"b.j20",
      "indicator": "jobs",
      "region": "b",
      "period": "2020",
      "kind": "level",
      "value": "x"`)
		_, _, err := Salvage(got, loadErr)
		if err == nil {
			t.Fatal("a broken indicator did not fail the load")
		}
		if !strings.Contains(err.Error(), `"人人"`) || !strings.Contains(err.Error(), `"x"`) {
			t.Fatalf("error does not list every problem:\n%v", err)
		}
	})
}
