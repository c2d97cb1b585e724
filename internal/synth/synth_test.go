package synth_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/internal/synth"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/seeds"
)

func TestDataset(t *testing.T) {
	base, err := seeds.Load()
	if err != nil {
		t.Fatal(err)
	}
	obs, targets := base.ObservationsOf("dalian"), base.TargetsOf("dalian")
	for _, n := range []int{0, 1, 3, 62} {
		ds, err := synth.Dataset(context.Background(), base, "dalian", n)
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if got, want := len(ds.Observations()), len(base.Observations())+n*len(obs); got != want {
			t.Errorf("n=%d: %d observations, want %d", n, got, want)
		}
		if got, want := len(ds.Targets()), len(base.Targets())+n*len(targets); got != want {
			t.Errorf("n=%d: %d targets, want %d", n, got, want)
		}
		for i := 1; i <= n; i++ {
			code := synth.RegionCode(i)
			r, ok := ds.Region(code)
			num := strings.TrimPrefix(code, "synthetic_")
			if !ok || r.Name != "合成市"+num || r.English != "Synthetic City "+num {
				t.Fatalf("n=%d: region %s = %+v, %v", n, code, r, ok)
			}
			got := ds.ObservationsOf(code)
			if len(got) != len(obs) {
				t.Fatalf("n=%d: %s has %d observations, want %d", n, code, len(got), len(obs))
			}
			factor := decimal.New(int64(100+i%61), -2)
			for k, o := range got {
				tmpl := obs[k]
				if o.ID != code+"."+tmpl.ID || o.Region != code ||
					o.Source != (model.Source{Doc: synth.DocPrefix + tmpl.Source.Doc, Phrase: synth.Phrase}) {
					t.Fatalf("n=%d: %s: observation %+v from %+v", n, code, o, tmpl)
				}
				want, places := tmpl.Value.Num, tmpl.Value.Places
				if o.Kind == model.Level {
					want, places = want.Mul(factor), places+2
				}
				if !o.Value.Num.Equal(want) || o.Value.Places != places {
					t.Fatalf("n=%d: %s: value %s (%d places), want %s (%d)", n, o.ID, o.Value.Num, o.Value.Places, want, places)
				}
			}
			for k, tg := range ds.TargetsOf(code) {
				if tg.ID != code+"."+targets[k].ID || tg.Source.Doc != synth.DocPrefix+targets[k].Source.Doc {
					t.Fatalf("n=%d: target %+v from %+v", n, tg, targets[k])
				}
			}
		}
	}
}

func TestDatasetUnknownTemplate(t *testing.T) {
	base, err := seeds.Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := synth.Dataset(context.Background(), base, "atlantis", 1); err == nil {
		t.Fatal("no error for an unknown template")
	}
}

// BenchmarkDataset200 makes the dataset of the batch load test.
func BenchmarkDataset200(b *testing.B) {
	base, err := seeds.Load()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := synth.Dataset(context.Background(), base, "dalian", 200); err != nil {
			b.Fatal(err)
		}
	}
}

// raceEnabled is set when the tests run with the race detector.
var raceEnabled = false

// A cancelled context stops the making of the cities.
func TestDatasetCancelled(t *testing.T) {
	base, err := seeds.Load()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, n := range []int{0, 1, 100000} {
		start := time.Now()
		ds, err := synth.Dataset(ctx, base, "dalian", n)
		if ds != nil || !errors.Is(err, context.Canceled) {
			t.Fatalf("n=%d: %v, %v", n, ds, err)
		}
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Errorf("n=%d: cancelled Dataset took %s", n, d)
		}
	}
	// and a cancel during the loop: 1,000 cities take more than a second
	ctx, cancel = context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := synth.Dataset(ctx, base, "dalian", 1000); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	// (the race detector makes the one allocation of the records slow)
	if d := time.Since(start); d > 500*time.Millisecond && !raceEnabled {
		t.Errorf("Dataset returned %s after its deadline of 1ms", d)
	}
}
