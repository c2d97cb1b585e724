package report

import (
	"errors"
	"testing"

	"github.com/statbrief/statbrief/model"
)

// Every exported derivation refuses inputs it cannot compare — another
// indicator or region, another period or span — with a typed error that
// wraps a sentinel, and an invalid figure with the reason; never a number.
func TestDerivationsRefuseIncomparable(t *testing.T) {
	lvl := func(ind, region, p, v string) model.Observation { return obs("l", ind, region, p, model.Level, v) }
	gr := func(ind, region, p, v string) model.Observation { return obs("g", ind, region, p, model.Growth, v) }
	gap := func(ind, region, p, v string) model.Observation {
		o := obs("d", ind, region, p, model.Gap, v)
		o.Ref, o.Measure = "china", model.Growth
		return o
	}
	share := func(ind, region, p, v string) model.Observation { return obs("s", ind, region, p, model.Share, v) }
	for _, c := range []struct {
		name string
		f    func() (Figure, error)
		want error
	}{
		// the audit's cases
		{"YoY of Q1 over the year before", func() (Figure, error) {
			return YoY(lvl("x", "r", "2020Q1", "1.5亿元"), lvl("x", "r", "2019", "7亿元"), 1)
		}, ErrPeriod},
		{"YoY of a level to date over a year", func() (Figure, error) {
			return YoY(lvl("x", "r", "ytd:2020-12-mid", "11.11万人"), lvl("x", "r", "2019", "11.6万人"), 1)
		}, ErrPeriod},
		{"YoY four years apart", func() (Figure, error) {
			return YoY(lvl("x", "r", "2020", "540元"), lvl("x", "r", "2016", "410元"), 1)
		}, ErrPeriod},
		{"YoY of two indicators", func() (Figure, error) {
			return YoY(lvl("x", "r", "2020", "110亿元"), lvl("y", "r", "2019", "100亿元"), 1)
		}, ErrSubject},
		{"YoY of two regions", func() (Figure, error) {
			return YoY(lvl("x", "r", "2020", "110亿元"), lvl("x", "s", "2019", "100亿元"), 1)
		}, ErrSubject},
		{"Gap across years", func() (Figure, error) {
			return Gap(gr("x", "dalian", "2020", "3.8%"), gr("x", "china", "2019", "6.1%"))
		}, ErrPeriod},
		{"Gap of a figure with itself", func() (Figure, error) {
			return Gap(gr("x", "dalian", "2020", "3.8%"), gr("x", "dalian", "2020", "3.8%"))
		}, ErrSubject},
		{"ShareOf across years", func() (Figure, error) {
			return ShareOf(lvl("x", "zone", "2020", "967家"), lvl("x", "city", "2019", "2418家"), 1)
		}, ErrPeriod},
		{"ShareOf of two indicators", func() (Figure, error) {
			return ShareOf(lvl("x", "zone", "2020", "967家"), lvl("y", "city", "2020", "2418家"), 1)
		}, ErrSubject},
		{"ImpliedOther with another year's gap", func() (Figure, error) {
			return ImpliedOther(gr("x", "dalian", "2020", "3.8%"), gap("x", "dalian", "2019", "1个百分点"))
		}, ErrPeriod},
		{"ImpliedOther with another region's gap", func() (Figure, error) {
			return ImpliedOther(gr("x", "dalian", "2020", "3.8%"), gap("x", "shenyang", "2020", "1个百分点"))
		}, ErrSubject},
		{"ImpliedTotal with another year's share", func() (Figure, error) {
			return ImpliedTotal(lvl("x", "zone", "2020", "967家"), share("x", "zone", "2019", "40%"))
		}, ErrPeriod},
		{"ImpliedPrevious with another indicator's growth", func() (Figure, error) {
			return ImpliedPrevious(lvl("x", "r", "2020", "261.6亿元"), gr("y", "r", "2020", "24.3%"))
		}, ErrSubject},
		{"ImpliedPrevious with Q1's growth", func() (Figure, error) {
			return ImpliedPrevious(lvl("x", "r", "2020", "261.6亿元"), gr("x", "r", "2020Q1", "24.3%"))
		}, ErrPeriod},
		{"PreviousFromChange with another year's change", func() (Figure, error) {
			return PreviousFromChange(lvl("x", "r", "2020", "332天"), obs("c", "x", "r", "2019", model.Change, "30天"))
		}, ErrPeriod},
		{"GrowthFromChange with another region's change", func() (Figure, error) {
			return GrowthFromChange(lvl("x", "r", "2020", "332天"), obs("c", "x", "s", "2020", model.Change, "30天"), 1)
		}, ErrSubject},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := c.f()
			if !errors.Is(err, c.want) || !errors.Is(err, ErrIncomparable) || !errors.Is(err, ErrNotAssessable) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			var de *DerivationError
			if !errors.As(err, &de) {
				t.Fatalf("err %v is not a *DerivationError", err)
			}
			if f.Valid || f.Reason == "" {
				t.Fatalf("figure %+v: want invalid with a reason", f)
			}
		})
	}
	// what stays comparable: the same span a year apart
	for _, c := range [][2]string{{"2020Q1", "2019Q1"}, {"ytd:2020-12-mid", "ytd:2019-12-mid"}, {"ytd:2020-05-11", "ytd:2019-05-11"}, {"2020-04", "2019-04"}} {
		if _, err := YoY(lvl("x", "r", c[0], "110亿元"), lvl("x", "r", c[1], "100亿元"), 1); err != nil {
			t.Errorf("YoY %s over %s: %v", c[0], c[1], err)
		}
	}
	// a growth between two indicators of one region (income against GDP)
	// is a gap that in-step targets need
	if _, err := Gap(gr("income", "r", "2020", "5%"), gr("gdp", "r", "2020", "4%")); err != nil {
		t.Errorf("gap of two indicators: %v", err)
	}
}

// Attain refuses an actual of another period, indicator or region than
// the target's: an annual target against a Q1 figure is not assessable,
// not missed with a completion of 30 %.
func TestAttainRefusesIncomparable(t *testing.T) {
	tg := target(model.ReachTarget, model.Level, "9.6万人") // x, dalian, 2020
	for _, c := range []struct {
		name   string
		actual model.Observation
		want   error
	}{
		{"Q1 actual", obs("a", "x", "dalian", "2020Q1", model.Level, "2.88万人"), ErrPeriod},
		{"last year's actual", obs("a", "x", "dalian", "2019", model.Level, "11.6万人"), ErrPeriod},
		{"another indicator", obs("a", "y", "dalian", "2020", model.Level, "11.6万人"), ErrSubject},
		{"another region", obs("a", "x", "shenyang", "2020", model.Level, "11.6万人"), ErrSubject},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := Attain(tg, &c.actual, nil, model.HigherBetter)
			if a.Status != NotAssessable || !errors.Is(a.Err, c.want) {
				t.Fatalf("status %v, err %v; want not assessable, %v", a.Status, a.Err, c.want)
			}
			if a.Completion.Valid || a.Gap.Valid || a.Actual.Valid {
				t.Fatalf("figures made for an incomparable actual: %+v", a)
			}
		})
	}
	// in step with the nation: a reference of another period or region is refused
	step := model.Target{ID: "s", Indicator: "gdp", Region: "dalian", Period: model.YearOf(2020), Kind: model.InStepTarget, Measure: model.Growth, With: "china"}
	g := obs("g", "gdp", "dalian", "2020", model.Growth, "2.3%")
	for _, ref := range []model.Observation{
		obs("n", "gdp", "china", "2019", model.Growth, "6.1%"),
		obs("n", "gdp", "liaoning", "2020", model.Growth, "0.6%"),
	} {
		if a := Attain(step, &g, &ref, model.HigherBetter); a.Status != NotAssessable || !errors.Is(a.Err, ErrIncomparable) {
			t.Errorf("in step against %s %s: %v %v", ref.Region, ref.Period, a.Status, a.Err)
		}
	}
}

// A level to date of an indicator that accumulates meets an annual
// target it already reaches, with lower bounds for the completion and the
// gap; a rate to date, or a level still below the target, leaves it not
// assessable with the figure to date kept.
func TestAttainToDate(t *testing.T) {
	jobs := model.Indicator{Code: "x", Name: "城镇新增就业", Unit: "人", Polarity: model.HigherBetter, Accumulates: true}
	stock := jobs
	stock.Accumulates = false
	rate := model.Indicator{Code: "x", Name: "城镇登记失业率", Unit: "%", Polarity: model.LowerBetter}
	for _, c := range []struct {
		name            string
		t               model.Target
		toDate          model.Observation
		ind             model.Indicator
		status          Status
		completion, gap string
		actual          string
	}{
		{"new jobs to mid-December against 9.6万人", target(model.ReachTarget, model.Level, "9.6万人"),
			obs("a", "x", "dalian", "ytd:2020-12-mid", model.Level, "11.11万人"), jobs, Exceeded, "115.7%以上", "+1.51万人以上", "11.11万人"},
		{"training to 11 May against 7.5万人次", target(model.AtLeastTarget, model.Level, "7.5万人次"),
			obs("a", "x", "dalian", "ytd:2020-05-11", model.Level, "75782人次"), jobs, Exceeded, "101.0%以上", "+782人次以上", "75782人次"},
		{"exactly the target so far: met", target(model.ReachTarget, model.Level, "300家"),
			obs("a", "x", "dalian", "2020Q1", model.Level, "300家"), jobs, Met, "100.0%以上", "0家以上", "300家"},
		{"a ceiling already passed: missed", target(model.AtMostTarget, model.Level, "100起"),
			obs("a", "x", "dalian", "ytd:2020-05-11", model.Level, "120起"), jobs, Missed, "120.0%以上", "+20起以上", "120起"},
		{"below the target so far", target(model.ReachTarget, model.Level, "9.6万人"),
			obs("a", "x", "dalian", "ytd:2020-05-11", model.Level, "42303人"), jobs, NotAssessable, "—", "—", "—"},
		{"within a ceiling so far", target(model.AtMostTarget, model.Level, "100起"),
			obs("a", "x", "dalian", "ytd:2020-05-11", model.Level, "20起"), jobs, NotAssessable, "—", "—", "—"},
		{"a rate to date", target(model.AtMostTarget, model.Rate, "4.5%"),
			obs("a", "x", "dalian", "ytd:2020-05-11", model.Rate, "2.79%"), rate, NotAssessable, "—", "—", "—"},
		{"an indicator that does not accumulate", target(model.ReachTarget, model.Level, "9.6万人"),
			obs("a", "x", "dalian", "ytd:2020-12-mid", model.Level, "11.11万人"), stock, NotAssessable, "—", "—", "—"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := AttainToDate(c.t, c.toDate, c.ind)
			if a.Status != c.status {
				t.Fatalf("status %v, want %v (err %v)", a.Status, c.status, a.Err)
			}
			if a.ToDate == nil || a.ToDate.Period != c.toDate.Period {
				t.Fatalf("ToDate = %v, want the figure to date", a.ToDate)
			}
			if c.status == NotAssessable && !errors.Is(a.Err, ErrPartialPeriod) {
				t.Fatalf("err %v, want ErrPartialPeriod", a.Err)
			}
			if got := a.Completion.Text(Chinese); got != c.completion {
				t.Errorf("completion %s, want %s", got, c.completion)
			}
			if got := a.Gap.Text(Chinese); got != c.gap {
				t.Errorf("gap %s, want %s", got, c.gap)
			}
			if got := a.Actual.Text(Chinese); got != c.actual {
				t.Errorf("actual %s, want %s", got, c.actual)
			}
		})
	}
	// a figure for a later part of the year, or another year, is not to date
	for _, p := range []string{"2020Q2", "2020-05", "2019", "ytd:2019-12-mid"} {
		a := AttainToDate(target(model.ReachTarget, model.Level, "9.6万人"), obs("a", "x", "dalian", p, model.Level, "11.11万人"), jobs)
		if a.Status != NotAssessable || !errors.Is(a.Err, ErrPeriod) {
			t.Errorf("%s: %v %v, want ErrPeriod", p, a.Status, a.Err)
		}
	}
}

// A stated change of a level implies the level before exactly and the
// growth from it: 332天, 增加30天 → 302天, +9.9%.
func TestFromChange(t *testing.T) {
	for _, c := range []struct {
		level, change    string
		prev, growth     string
		prevErr, growErr error
	}{
		{"332天", "30天", "302天", "+9.9%", nil, nil},
		{"332天", "-30天", "362天", "-8.3%", nil, nil},
		{"1.2亿元", "2000万元", "1.0亿元", "+20.0%", nil, nil},
		{"约35万人", "5万人", "约30万人", "约+16.7%", nil, nil},
		{"332天", "超过30天", "302天以内", "", nil, ErrBound},
		{"30天", "30天", "0天", "", nil, ErrZeroBase},
		{"30天", "40天", "", "", ErrImpossible, ErrImpossible},
		{"30天", "4%", "", "", ErrUnits, ErrUnits},
	} {
		lv := obs("l", "x", "r", "2020", model.Level, c.level)
		ch := obs("c", "x", "r", "2020", model.Change, c.change)
		p, err := PreviousFromChange(lv, ch)
		switch {
		case c.prevErr != nil:
			if !errors.Is(err, c.prevErr) || p.Valid {
				t.Errorf("previous of %s, %s: %v %v, want %v", c.level, c.change, p.Text(Chinese), err, c.prevErr)
			}
		case err != nil || p.Text(Chinese) != c.prev:
			t.Errorf("previous of %s, %s = %s, %v; want %s", c.level, c.change, p.Text(Chinese), err, c.prev)
		case p.Derived == nil || len(p.Derived.Inputs) != 2:
			t.Errorf("previous of %s, %s: no lineage", c.level, c.change)
		}
		g, err := GrowthFromChange(lv, ch, 1)
		switch {
		case c.growErr != nil:
			if !errors.Is(err, c.growErr) || g.Valid {
				t.Errorf("growth of %s, %s: %v %v, want %v", c.level, c.change, g.Text(Chinese), err, c.growErr)
			}
		case err != nil || g.Text(Chinese) != c.growth:
			t.Errorf("growth of %s, %s = %s, %v; want %s", c.level, c.change, g.Text(Chinese), err, c.growth)
		default:
			if n, err := g.Derived.Eval(); err != nil || !n.Equal(g.Value.Num) {
				t.Errorf("growth of %s, %s: lineage gives %s, %v", c.level, c.change, n, err)
			}
		}
	}
}
