package report

import (
	"errors"
	"testing"
	"time"

	"github.com/statbrief/statbrief/model"
)

func obs(id, ind, region, period string, k model.Kind, value string) model.Observation {
	p, err := model.ParsePeriod(period)
	if err != nil {
		panic(err)
	}
	return model.Observation{ID: id, Indicator: ind, Region: region, Period: p, Kind: k,
		Value: model.MustParse(value), Source: model.Source{Doc: "test.txt", Phrase: value}}
}

func TestYoY(t *testing.T) {
	tests := []struct {
		name      string
		cur, prev string
		places    int32
		want      string // canonical value, or "" with err
		err       error
	}{
		{"plain", "110亿元", "100亿元", 1, "10.0%", nil},
		{"decline", "90万人", "100万人", 1, "-10.0%", nil},
		{"magnitudes mix", "1.1亿元", "10000万元", 1, "10.0%", nil},
		{"magnitudes mix other way", "11000万元", "1亿元", 1, "10.0%", nil},
		{"half-up at .x5", "100.25亿元", "100亿元", 1, "0.3%", nil},   // 0.25 → 0.3
		{"half-up negative", "99.75亿元", "100亿元", 1, "-0.3%", nil}, // −0.25 → −0.3
		{"below .x5", "100.24亿元", "100亿元", 1, "0.2%", nil},
		{"two places", "261.6亿元", "210.5亿元", 2, "24.28%", nil},
		{"hedged input", "约110亿元", "100亿元", 1, "约10.0%", nil},
		{"zero base", "10家", "0家", 1, "", ErrZeroBase},
		{"units differ", "10家", "5户", 1, "", ErrUnits},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := YoY(obs("a", "x", "r", "2020", model.Level, tt.cur), obs("b", "x", "r", "2019", model.Level, tt.prev), tt.places)
			if tt.err != nil {
				if !errors.Is(err, tt.err) || !errors.Is(err, ErrNotAssessable) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				var de *DerivationError
				if !errors.As(err, &de) || de.Op != "YoY" {
					t.Fatalf("err %v is not a *DerivationError for YoY", err)
				}
				if f.Valid || f.Reason == "" {
					t.Fatalf("figure %+v: want invalid with a reason", f)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Value.String(); got != tt.want {
				t.Fatalf("YoY = %s, want %s", got, tt.want)
			}
			if f.Derived == nil || len(f.Derived.Inputs) != 2 || f.Derived.Inputs[0].Ref != "a" {
				t.Fatalf("lineage missing: %+v", f.Derived)
			}
			// the lineage expression reproduces the value
			n, err := f.Derived.Eval()
			if err != nil || !n.Equal(f.Value.Num) {
				t.Fatalf("Eval = %s, %v; want %s", n, err, f.Value.Num)
			}
		})
	}
}

func TestYoYRefusesPriceBases(t *testing.T) {
	a := obs("a", "x", "r", "2020", model.Level, "110亿元")
	b := obs("b", "x", "r", "2019", model.Level, "100亿元")
	a.Basis, b.Basis = model.Comparable, model.Current
	if _, err := YoY(a, b, 1); !errors.Is(err, ErrBasis) {
		t.Fatalf("err = %v, want ErrBasis", err)
	}
}

func TestImpliedPrevious(t *testing.T) {
	// 261.6亿元, 增长24.3% → 2019 ≈ 210.5亿元 (worked example of the issue)
	f, err := ImpliedPrevious(obs("a", "x", "r", "2020", model.Level, "261.6亿元"), obs("g", "x", "r", "2020", model.Growth, "24.3%"))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Value.String(); got != "约210.5亿元" {
		t.Fatalf("implied previous = %s, want 约210.5亿元", got)
	}
	if _, err := ImpliedPrevious(obs("a", "x", "r", "2020", model.Level, "1亿元"), obs("g", "x", "r", "2020", model.Growth, "-100%")); !errors.Is(err, ErrZeroBase) {
		t.Fatalf("growth −100%%: err = %v, want ErrZeroBase", err)
	}
	if _, err := ImpliedPrevious(obs("a", "x", "r", "2020", model.Level, "1亿元"), obs("g", "x", "r", "2020", model.Growth, "-150%")); !errors.Is(err, ErrImpossible) || errors.Is(err, ErrZeroBase) {
		t.Fatalf("growth −150%%: err = %v, want ErrImpossible", err)
	}
}

func TestGapAndImpliedOther(t *testing.T) {
	tests := []struct {
		rate, gap, want string
	}{
		{"3.8%", "1个百分点", "2.8%"},       // 增长3.8%, 高于全国1个百分点 → 全国2.8%
		{"-5%", "1.8个百分点", "-6.8%"},     // 下降5%, 降幅小于全国1.8个百分点 → 全国−6.8%
		{"2.65%", "-1.01个百分点", "3.66%"}, // 失业率低于全国1.01个百分点
		{"6.5%", "0.4个百分点", "6.1%"},
	}
	for _, tt := range tests {
		f, err := ImpliedOther(obs("r", "x", "dalian", "2020", model.Growth, tt.rate), obs("g", "x", "dalian", "2020", model.Gap, tt.gap))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Value.String(); got != tt.want {
			t.Errorf("ImpliedOther(%s, %s) = %s, want %s", tt.rate, tt.gap, got, tt.want)
		}
		// and the gap recomputed from both rates is the stated gap
		other := obs("o", "x", "china", "2020", model.Growth, tt.want)
		g, err := Gap(obs("r", "x", "dalian", "2020", model.Growth, tt.rate), other)
		if err != nil {
			t.Fatal(err)
		}
		stated := model.MustParse(tt.gap)
		if !g.Value.Num.Equal(stated.Num) {
			t.Errorf("Gap(%s, %s) = %s, want %s", tt.rate, tt.want, g.Value, stated)
		}
	}
	if _, err := Gap(obs("a", "x", "r", "2020", model.Growth, "3%"), obs("b", "x", "r", "2020", model.Level, "3亿元")); !errors.Is(err, ErrUnits) {
		t.Fatalf("gap across units: %v", err)
	}
}

func TestShareAndImpliedTotal(t *testing.T) {
	// 967家, 占全市40% → about 2,418
	f, err := ImpliedTotal(obs("p", "x", "gaoxin", "2020", model.Level, "967家"), obs("s", "x", "gaoxin", "2020", model.Share, "40%"))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Value.String(); got != "约2418家" {
		t.Fatalf("implied total = %s, want 约2418家", got)
	}
	s, err := ShareOf(obs("p", "x", "gaoxin", "2020", model.Level, "967家"), obs("w", "x", "dalian", "2020", model.Level, "2418家"), 1)
	if err != nil || s.Value.String() != "40.0%" {
		t.Fatalf("share = %v, %v; want 40.0%%", s.Value, err)
	}
	s, err = ShareOf(obs("p", "x", "gaoxin", "2020", model.Level, "5000万元"), obs("w", "x", "dalian", "2020", model.Level, "2亿元"), 1)
	if err != nil || s.Value.String() != "25.0%" {
		t.Fatalf("share across magnitudes = %v, %v; want 25.0%%", s.Value, err)
	}
	if _, err := ShareOf(obs("p", "x", "gaoxin", "2020", model.Level, "3亿元"), obs("w", "x", "dalian", "2020", model.Level, "2亿元"), 1); !errors.Is(err, ErrImpossible) {
		t.Fatalf("share above 100%%: %v", err)
	}
	if _, err := ShareOf(obs("p", "x", "gaoxin", "2020", model.Level, "3亿元"), obs("w", "x", "dalian", "2020", model.Level, "0亿元"), 1); !errors.Is(err, ErrZeroBase) {
		t.Fatalf("share of zero: %v", err)
	}
	if _, err := ImpliedTotal(obs("p", "x", "gaoxin", "2020", model.Level, "967家"), obs("s", "x", "gaoxin", "2020", model.Share, "0%")); !errors.Is(err, ErrZeroBase) {
		t.Fatalf("implied total at 0%%: %v", err)
	}
}

func target(kind model.TargetKind, measure model.Kind, value string) model.Target {
	t := model.Target{ID: "t", Indicator: "x", Region: "dalian", Period: model.YearOf(2020), Kind: kind, Measure: measure}
	if value != "" {
		t.Value = model.Some(model.MustParse(value))
	}
	return t
}

func TestAttain(t *testing.T) {
	tests := []struct {
		name       string
		t          model.Target
		actual     string
		kind       model.Kind
		pol        model.Polarity
		status     Status
		gap        string
		completion string
		headroom   string
	}{
		{"jobs exceeded", target(model.ReachTarget, model.Level, "9.6万人"), "11.11万人", model.Level, model.HigherBetter, Exceeded, "+1.51万人", "115.7%", ""},
		{"jobs in other magnitude", target(model.ReachTarget, model.Level, "9.6万人"), "96000人", model.Level, model.HigherBetter, Met, "0人", "100.0%", ""},
		{"actual in a larger magnitude", target(model.AtLeastTarget, model.Level, "9000万元"), "1.2亿元", model.Level, model.HigherBetter, Exceeded, "+3000万元", "133.3%", ""},
		{"gap finer than the target's magnitude", target(model.AtLeastTarget, model.Level, "7.5万人次"), "75782人次", model.Level, model.HigherBetter, Exceeded, "+782人次", "101.0%", ""},
		{"reach missed", target(model.ReachTarget, model.Level, "300家"), "250家", model.Level, model.HigherBetter, Missed, "-50家", "83.3%", ""},
		{"nearly is below", target(model.AtLeastTarget, model.Level, "4万户"), "近4万户", model.Level, model.HigherBetter, Missed, "约0万户", "约100.0%", ""},
		{"at most met", target(model.AtMostTarget, model.Rate, "4%以内"), "2.1%", model.Rate, model.LowerBetter, Met, "-1.9个百分点", "", "1.9个百分点"},
		{"at most missed", target(model.AtMostTarget, model.Rate, "4.5%以内"), "5.0%", model.Rate, model.LowerBetter, Missed, "+0.5个百分点", "", "-0.5个百分点"},
		{"at least growth met", target(model.AtLeastTarget, model.Growth, "2%"), "2.5%", model.Growth, model.HigherBetter, Exceeded, "+0.5个百分点", "", ""},
		{"at least growth missed", target(model.AtLeastTarget, model.Growth, "2%"), "-1.6%", model.Growth, model.HigherBetter, Missed, "-3.6个百分点", "", ""},
		{"around within", target(model.AroundTarget, model.Growth, "5%"), "4.2%", model.Growth, model.HigherBetter, WithinTolerance, "-0.8个百分点", "", ""},
		{"around edge", target(model.AroundTarget, model.Growth, "5%"), "4.0%", model.Growth, model.HigherBetter, WithinTolerance, "-1.0个百分点", "", ""},
		{"around below", target(model.AroundTarget, model.Growth, "5%"), "3.9%", model.Growth, model.HigherBetter, Missed, "-1.1个百分点", "", ""},
		{"around above good", target(model.AroundTarget, model.Growth, "5%"), "7%", model.Growth, model.HigherBetter, Exceeded, "+2个百分点", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := obs("a", "x", "dalian", "2020", tt.kind, tt.actual)
			a := Attain(tt.t, &o, nil, tt.pol)
			if a.Status != tt.status {
				t.Fatalf("status = %v, want %v (err %v)", a.Status, tt.status, a.Err)
			}
			if got := a.Gap.Text(Chinese); tt.gap != "" && got != tt.gap {
				t.Errorf("gap = %s, want %s", got, tt.gap)
			}
			if got := a.Completion; tt.completion != "" && got.Value.String() != tt.completion {
				t.Errorf("completion = %s, want %s", got.Value, tt.completion)
			} else if tt.completion == "" && got.Valid {
				t.Errorf("completion = %s, want none", got.Value)
			}
			if tt.headroom != "" && a.Headroom.Value.String() != tt.headroom {
				t.Errorf("headroom = %s, want %s", a.Headroom.Value, tt.headroom)
			}
		})
	}
}

func TestAttainNotAssessable(t *testing.T) {
	tg := target(model.ReachTarget, model.Level, "9.6万人")
	a := Attain(tg, nil, nil, model.HigherBetter)
	if a.Status != NotAssessable || !errors.Is(a.Err, ErrMissing) {
		t.Fatalf("no actual: %v %v", a.Status, a.Err)
	}
	o := obs("a", "x", "dalian", "2020", model.Growth, "3%")
	a = Attain(tg, &o, nil, model.HigherBetter)
	if a.Status != NotAssessable || !errors.Is(a.Err, ErrUnits) {
		t.Fatalf("wrong measure: %v %v", a.Status, a.Err)
	}
	step := model.Target{ID: "s", Indicator: "gdp", Region: "dalian", Period: model.YearOf(2020), Kind: model.InStepTarget, Measure: model.Growth, With: "china"}
	g := obs("g", "gdp", "dalian", "2020", model.Growth, "2.3%")
	a = Attain(step, &g, nil, model.HigherBetter)
	if a.Status != NotAssessable {
		t.Fatalf("in step without reference: %v", a.Status)
	}
	nat := obs("n", "gdp", "china", "2020", model.Growth, "2.3%")
	if a = Attain(step, &g, &nat, model.HigherBetter); a.Status != Met {
		t.Fatalf("in step equal: %v", a.Status)
	}
	nat = obs("n", "gdp", "china", "2020", model.Growth, "3.0%")
	if a = Attain(step, &g, &nat, model.HigherBetter); a.Status != Missed {
		t.Fatalf("in step 0.7 below: %v", a.Status)
	}
}

// Bounds carry through derivations in the direction they allow, and a
// combination no figure can state is ErrBound, never a number that looks
// exact.
func TestBounds(t *testing.T) {
	lvl := func(p, v string) model.Observation { return obs("x", "x", "r", p, model.Level, v) }
	for _, c := range []struct {
		name    string
		f       func() (Figure, error)
		want    string
		wantErr error
	}{
		{"figure over a lower bound: upper bound", func() (Figure, error) { return YoY(lvl("2020", "332天"), lvl("2019", "300天以上"), 1) }, "+10.7%以内", nil},
		{"lower bound over a figure: lower bound", func() (Figure, error) { return YoY(lvl("2020", "超过700家"), lvl("2019", "500家"), 1) }, "+40.0%以上", nil},
		{"a decline bounded above: 以下", func() (Figure, error) { return YoY(lvl("2020", "2小时"), lvl("2019", "超过12小时"), 1) }, "-83.3%以下", nil},
		{"two upper bounds: no answer", func() (Figure, error) { return YoY(lvl("2020", "2小时以内"), lvl("2019", "12小时以内"), 1) }, "", ErrBound},
		{"about: about", func() (Figure, error) { return YoY(lvl("2020", "约1.67亿元"), lvl("2019", "7546万元"), 1) }, "约+121.3%", nil},
		{"about beside a bound: the bound", func() (Figure, error) { return YoY(lvl("2020", "约110亿元"), lvl("2019", "突破100亿元"), 1) }, "+10.0%以内", nil},
		{"share of a lower bound: upper bound", func() (Figure, error) {
			return ShareOf(obs("p", "x", "zone", "2020", model.Level, "375家"), obs("w", "x", "city", "2020", model.Level, "超过700家"), 1)
		}, "53.6%以内", nil},
		{"implied previous of a lower bound: lower bound", func() (Figure, error) {
			return ImpliedPrevious(lvl("2020", "10万余户"), obs("g", "x", "r", "2020", model.Growth, "25%"))
		}, "8万户以上", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := c.f()
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) || f.Valid {
					t.Fatalf("got %s, %v; want error %v and an invalid figure", f.Text(Chinese), err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Text(Chinese); got != c.want {
				t.Fatalf("got %s, want %s", got, c.want)
			}
		})
	}
}

// Attainment with a bound as the actual: a lower bound above the target
// exceeds it (with a completion that is itself a lower bound); a lower
// bound below the target, or above a ceiling, cannot be judged.
func TestAttainBounds(t *testing.T) {
	for _, c := range []struct {
		name       string
		target     model.Target
		actual     string
		kind       model.Kind
		status     Status
		completion string
	}{
		{"over 700 against 300", target(model.ReachTarget, model.Level, "300家"), "超过700家", model.Level, Exceeded, "233.3%以上"},
		{"over 300 against 300", target(model.ReachTarget, model.Level, "300家"), "超过300家", model.Level, Exceeded, "100.0%以上"},
		{"over 200 against 300 (completion still bounded)", target(model.ReachTarget, model.Level, "300家"), "超过200家", model.Level, NotAssessable, "66.7%以上"},
		{"over 3% against a ceiling of 4%", target(model.AtMostTarget, model.Growth, "4%以内"), "超过3%", model.Growth, NotAssessable, "—"},
		{"over 5% against a ceiling of 4%", target(model.AtMostTarget, model.Growth, "4%以内"), "超过5%", model.Growth, Missed, "—"},
		{"within 3% against a ceiling of 4%", target(model.AtMostTarget, model.Growth, "4%以内"), "3%以内", model.Growth, Met, "—"},
		{"a bound against around", target(model.AroundTarget, model.Growth, "5%左右"), "5%以上", model.Growth, NotAssessable, "—"},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := obs("a", "x", "dalian", "2020", c.kind, c.actual)
			a := Attain(c.target, &o, nil, model.HigherBetter)
			if a.Status != c.status {
				t.Fatalf("status %v, want %v (err %v)", a.Status, c.status, a.Err)
			}
			if c.status == NotAssessable && !errors.Is(a.Err, ErrBound) {
				t.Fatalf("err %v, want ErrBound", a.Err)
			}
			if got := a.Completion.Text(Chinese); got != c.completion {
				t.Fatalf("completion %s, want %s", got, c.completion)
			}
		})
	}
}

// TestPlacesBounded: a derivation asked for fewer than 0 or more than
// MaxPlaces decimal places fails at once with ErrPlaces (a typed
// *DerivationError, an invalid figure), instead of printing digits no
// computation supports or spending minutes on a billion places.
func TestPlacesBounded(t *testing.T) {
	cur := obs("a", "x", "dalian", "2020", model.Level, "2亿元")
	prev := obs("b", "x", "dalian", "2019", model.Level, "3亿元")
	whole := obs("c", "x", "liaoning", "2020", model.Level, "7亿元")
	for _, places := range []int32{-3, -1, MaxPlaces + 1, 60, 1e7, 1e9} {
		start := time.Now()
		for name, f := range map[string]func() (Figure, error){
			"YoY":     func() (Figure, error) { return YoY(cur, prev, places) },
			"ShareOf": func() (Figure, error) { return ShareOf(cur, whole, places) },
		} {
			fig, err := f()
			var de *DerivationError
			if !errors.Is(err, ErrPlaces) || !errors.As(err, &de) || fig.Valid {
				t.Errorf("%s(places %d) = %v, %v; want an invalid figure and ErrPlaces", name, places, fig.Valid, err)
			}
		}
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("places %d took %v", places, d)
		}
	}
	fig, err := YoY(cur, prev, MaxPlaces)
	if err != nil || fig.Text(Chinese) != "-33.333333333333%" {
		t.Errorf("YoY at MaxPlaces = %q, %v", fig.Text(Chinese), err)
	}
}

// TestAroundToleranceMagnitudes: a target's own tolerance is a distance
// in the gap's base unit, whatever its magnitude (5000人 against a gap of
// 2万人 is exceeded, not "within"); a tolerance in another base unit is
// not assessable (ErrUnits), never compared number to number.
func TestAroundToleranceMagnitudes(t *testing.T) {
	for _, tc := range []struct {
		target, tol, actual string
		kind                model.Kind
		status              Status
		err                 error
	}{
		{"10万人", "5000人", "12万人", model.Level, Exceeded, nil},
		{"10万人", "5000人", "10.4万人", model.Level, WithinTolerance, nil},
		{"10万人", "5000人", "10.5万人", model.Level, WithinTolerance, nil},
		{"10万人", "5000人", "10.51万人", model.Level, Exceeded, nil},
		{"10万人", "0.5万人", "9.4万人", model.Level, Missed, nil},
		{"100亿元", "1亿元", "9950000000元", model.Level, WithinTolerance, nil},
		{"5%", "2人", "6%", model.Growth, NotAssessable, ErrUnits},
		{"10万人", "1个百分点", "10万人", model.Level, NotAssessable, ErrUnits},
	} {
		tg := target(model.AroundTarget, tc.kind, tc.target)
		tg.Tolerance = model.Some(model.MustParse(tc.tol))
		actual := obs("a", "x", "dalian", "2020", tc.kind, tc.actual)
		a := Attain(tg, &actual, nil, model.HigherBetter)
		if a.Status != tc.status {
			t.Errorf("%s ± %s, actual %s: %v, want %v", tc.target, tc.tol, tc.actual, a.Status, tc.status)
		}
		if tc.err != nil && !errors.Is(a.Err, tc.err) {
			t.Errorf("%s ± %s: err %v, want %v", tc.target, tc.tol, a.Err, tc.err)
		}
	}
}
