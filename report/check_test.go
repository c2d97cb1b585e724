package report

import (
	"errors"
	"testing"

	"github.com/statbrief/statbrief/model"
)

// Every kind of consistency check, with the worked disagreement of the
// seeds (patents per 10,000 people: +14% stated, 24.25 against 21.8 gives
// +11%), agreement within rounding at the edges, bounds, and inputs that
// cannot be compared.
func TestChecks(t *testing.T) {
	lvl := func(p, v string) model.Observation { return obs("l"+p, "x", "dalian", p, model.Level, v) }
	gr := func(p, v string) model.Observation { return obs("g"+p, "x", "dalian", p, model.Growth, v) }
	part := func(ind, v string) model.Observation { return obs(ind, ind, "dalian", "2020-05", model.Level, v) }
	claimed := func(claim model.Claim, targetValue, actual string) Check {
		tg := target(model.ReachTarget, model.Level, targetValue)
		tg.Claim = claim
		a := obs("a", "x", "dalian", "2020", model.Level, actual)
		return CheckClaimed(tg, Attain(tg, &a, nil, model.HigherBetter))
	}
	tests := []struct {
		name                  string
		c                     Check
		status                Status
		recomputed, different string
	}{
		{"growth: the seeds' disagreement", CheckStatedGrowth(gr("2020", "14%"), lvl("2020", "24.25件/万人"), lvl("2019", "21.8件/万人")), Inconsistent, "+11%", "-3个百分点"},
		{"growth: agrees", CheckStatedGrowth(gr("2020", "11.2%"), lvl("2020", "24.25件/万人"), lvl("2019", "21.8件/万人")), Consistent, "+11.2%", "0.0个百分点"},
		// 10.45 / 10 − 1 = 4.5 %: the stated 4.4 % is within the rounding of
		// the levels (10.445 … 10.455 over 9.95 … 10.05 spans 3.93 … 5.08 %)
		{"growth: within the rounding of the levels", CheckStatedGrowth(gr("2020", "4.4%"), lvl("2020", "10.45亿元"), lvl("2019", "10.0亿元")), Consistent, "+4.5%", "+0.1个百分点"},
		{"growth: a lower bound before", CheckStatedGrowth(gr("2020", "24.3%"), lvl("2020", "261.6亿元"), lvl("2019", "突破200亿元")), Consistent, "+30.8%以内", "+6.5个百分点以内"},
		{"growth: zero base", CheckStatedGrowth(gr("2020", "5%"), lvl("2020", "5亿元"), lvl("2019", "0亿元")), NotAssessable, "—", "—"},
		{"share: agrees", CheckStatedShare(obs("s", "x", "zone", "2020", model.Share, "40%"), obs("p", "x", "zone", "2020", model.Level, "967家"), obs("w", "x", "dalian", "2020", model.Level, "2418家")), Consistent, "40%", "0个百分点"},
		{"share: disagrees", CheckStatedShare(obs("s", "x", "zone", "2020", model.Share, "50%"), obs("p", "x", "zone", "2020", model.Level, "967家"), obs("w", "x", "dalian", "2020", model.Level, "2418家")), Inconsistent, "40%", "-10个百分点"},
		{"gap: agrees", CheckStatedGap(obs("d", "x", "dalian", "2019", model.Gap, "0.4个百分点"), gr("2019", "6.5%"), obs("n", "x", "china", "2019", model.Growth, "6.1%")), Consistent, "+0.4个百分点", "0.0个百分点"},
		{"sum: 11 reserves = 4 + 1 + 6", CheckStatedSum(part("total", "11个"), []model.Observation{part("a", "4个"), part("b", "1个"), part("c", "6个")}), Consistent, "11个", "0个"},
		{"sum: wetlands across places", CheckStatedSum(part("total", "约35.83万公顷"), []model.Observation{part("a", "25.4万公顷"), part("b", "10.43万公顷")}), Consistent, "35.83万公顷", "0.00万公顷"},
		{"sum: parts in another magnitude", CheckStatedSum(part("total", "1.5万个"), []model.Observation{part("a", "10000个"), part("b", "0.5万个")}), Consistent, "1.5万个", "0.0万个"},
		{"sum: disagrees", CheckStatedSum(part("total", "12个"), []model.Observation{part("a", "4个"), part("b", "1个"), part("c", "6个")}), Inconsistent, "11个", "-1个"},
		{"sum: mixed units", CheckStatedSum(part("total", "12个"), []model.Observation{part("a", "4公顷"), part("b", "1个")}), NotAssessable, "—", "—"},
		{"change: 332 days against 300 or more, +30 stated", CheckStatedChange(obs("c", "x", "dalian", "2020", model.Change, "30天"), lvl("2020", "332天"), lvl("2019", "300天以上")), Consistent, "+32天以内", "+2天以内"},
		{"change: a rate's change in points", CheckStatedChange(obs("c", "x", "dalian", "2020", model.Change, "1.2个百分点"), obs("r1", "x", "dalian", "2020", model.Rate, "3.5%"), obs("r0", "x", "dalian", "2019", model.Rate, "2.3%")), Consistent, "+1.2个百分点", "0.0个百分点"},
		// the difference carries the bound of the recomputed (or published) figure, or is not stated
		{"sources: a bound against a figure", CheckSameFigure(obs("a", "x", "dalian", "2019", model.Level, "3个工作日以内"), obs("b", "x", "dalian", "2019", model.Level, "3个工作日")), Consistent, "3个工作日", "0个工作日以上"},
		{"sources: two lower bounds: no difference to state", CheckSameFigure(obs("a", "x", "dalian", "2020", model.Level, "超过300家"), obs("b", "x", "dalian", "2020", model.Level, "超过300家")), Consistent, "超过300家", "—"},
		{"change: disagrees", CheckStatedChange(obs("c", "x", "dalian", "2020", model.Change, "20天"), lvl("2020", "332天"), lvl("2019", "300天")), Inconsistent, "+32天", "+12天"},
		{"claim: exceeded holds", claimed(model.ClaimExceeded, "9.6万人", "11.6万人"), Consistent, "120.8%", "+2.0万人"},
		{"claim: exceeded, but only met", claimed(model.ClaimExceeded, "9.6万人", "9.6万人"), Inconsistent, "100.0%", "0.0万人"},
		{"claim: met, and exceeded", claimed(model.ClaimMet, "9.6万人", "11.6万人"), Consistent, "120.8%", "+2.0万人"},
		{"claim: exceeded, but missed", claimed(model.ClaimExceeded, "9.6万人", "9万人"), Inconsistent, "93.8%", "-0.6万人"},
		{"claim: missed holds", claimed(model.ClaimMissed, "9.6万人", "9万人"), Consistent, "93.8%", "-0.6万人"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			if c.Status != tt.status {
				t.Fatalf("status %v, want %v (err %v)", c.Status, tt.status, c.Err)
			}
			if got := c.Recomputed.Text(Chinese); got != tt.recomputed {
				t.Errorf("recomputed %s, want %s", got, tt.recomputed)
			}
			if got := c.Difference.Text(Chinese); got != tt.different {
				t.Errorf("difference %s, want %s", got, tt.different)
			}
		})
	}
}

// A claim on a target without an actual cannot be checked.
func TestClaimWithoutActual(t *testing.T) {
	tg := target(model.ReachTarget, model.Level, "9.6万人")
	tg.Claim = model.ClaimExceeded
	c := CheckClaimed(tg, Attain(tg, nil, nil, model.HigherBetter))
	if c.Status != NotAssessable {
		t.Fatalf("status %v, want not assessable", c.Status)
	}
}

// Checks finds every kind of check in a dataset: a growth over a span of
// years against the levels of its first and last year, and a sum of
// targets against the targets of its parts.
func TestChecksFindsRangesAndTargetSums(t *testing.T) {
	src := model.Source{Doc: "t.txt", Phrase: "x"}
	o := func(id, ind, p string, k model.Kind, v string) model.Observation {
		x := obs(id, ind, "county", p, k, v)
		x.Source = src
		return x
	}
	tg := func(id, ind, v string) model.Target {
		return model.Target{ID: id, Indicator: ind, Region: "county", Period: model.YearOf(2020), Kind: model.ReachTarget,
			Measure: model.Level, Value: model.Some(model.MustParse(v)), Source: src}
	}
	d := model.Data{
		Indicators: []model.Indicator{
			{Code: "dibao", Name: "低保标准", English: "Minimum living allowance", Category: "social", Unit: "元/人·月", Polarity: model.HigherBetter},
			{Code: "fry", Name: "增殖放流苗种", English: "Fry released", Category: "agriculture", Unit: "尾", Polarity: model.HigherBetter, SumOf: []string{"shrimp", "crab"}},
			{Code: "shrimp", Name: "对虾", English: "Shrimp", Category: "agriculture", Unit: "尾", Polarity: model.HigherBetter},
			{Code: "crab", Name: "梭子蟹", English: "Crab", Category: "agriculture", Unit: "尾", Polarity: model.HigherBetter},
		},
		Regions: []model.Region{{Code: "china", Name: "全国", English: "China", Level: model.Nation},
			{Code: "county", Name: "示例县", English: "County", Level: model.County, Parent: "china"}},
		Observations: []model.Observation{
			o("d16", "dibao", "2016", model.Level, "410元/人·月"),
			o("d20", "dibao", "2020", model.Level, "540元/人·月"),
			o("dg", "dibao", "2016..2020", model.Growth, "31.7%"),
		},
		Targets: []model.Target{tg("t1", "fry", "30.7亿尾"), tg("t2", "shrimp", "30亿尾"), tg("t3", "crab", "7000万尾")},
	}
	ds, err := model.NewDataset(d)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []CheckKind
	for _, c := range Checks(ds, "county") {
		kinds = append(kinds, c.Kind)
		if c.Status != Consistent {
			t.Errorf("%v: %v (%s against %s)", c.Kind, c.Status, c.Published.Text(Chinese), c.Recomputed.Text(Chinese))
		}
	}
	if len(kinds) != 2 || kinds[0] != CheckGrowth || kinds[1] != CheckSum {
		t.Fatalf("checks %v, want a growth over 2016–2020 and a sum of targets", kinds)
	}
}

// TestCheckStatedCompletion: a stated completion rate against actual ÷
// target × 100, magnitudes converted exactly, within the rounding of the
// figures involved; a target in another unit, or without a value, is not
// assessable. The seeds' 职业技能培训计划完成率101% (75782人次 of 7.5万人次)
// agrees.
func TestCheckStatedCompletion(t *testing.T) {
	goal := func(v string) model.Target {
		return model.Target{ID: "t", Indicator: "x", Region: "dalian", Period: model.YearOf(2020), Kind: model.AtLeastTarget,
			Value: model.Some(model.MustParse(v))}
	}
	ytd, _ := model.ParsePeriod("ytd:2020-05-11")
	stated := func(v string) model.Observation {
		o := obs("s", "x_completion", "dalian", "2020", model.Rate, v)
		o.Period = ytd
		return o
	}
	actual := func(v string) model.Observation {
		o := obs("a", "x", "dalian", "2020", model.Level, v)
		o.Period = ytd
		return o
	}
	for _, tc := range []struct {
		name                  string
		stated, actual, goal  string
		status                Status
		recomputed, different string
		err                   error
	}{
		{"agrees", "101%", "75782人次", "7.5万人次", Consistent, "101%", "0个百分点", nil},
		{"agrees at one place", "101.0%", "75782人次", "7.5万人次", Consistent, "101.0%", "0.0个百分点", nil},
		{"disagrees", "110%", "75782人次", "7.5万人次", Inconsistent, "101%", "-9个百分点", nil},
		{"magnitudes", "50%", "0.5亿元", "1亿元", Consistent, "50%", "0个百分点", nil},
		{"other units", "50%", "5000人", "1亿元", NotAssessable, "—", "", ErrUnits},
		{"zero target", "50%", "5000人", "0人", NotAssessable, "—", "", ErrZeroBase},
	} {
		c := CheckStatedCompletion(stated(tc.stated), actual(tc.actual), goal(tc.goal))
		if c.Kind != CheckCompletion || c.Status != tc.status || c.Recomputed.Text(Chinese) != tc.recomputed ||
			tc.different != "" && c.Difference.Text(Chinese) != tc.different {
			t.Errorf("%s: %v, recomputed %s, difference %s", tc.name, c.Status, c.Recomputed.Text(Chinese), c.Difference.Text(Chinese))
		}
		if tc.err != nil && !errors.Is(c.Err, tc.err) {
			t.Errorf("%s: err %v, want %v", tc.name, c.Err, tc.err)
		}
	}
	ds, _ := seedData()
	found := false
	for _, c := range Checks(ds, "dalian") {
		if c.Kind == CheckCompletion && c.Stated.ID == "001.vocational_training_completion.ytd:2020-05-11.rate" {
			found = c.Status == Consistent && c.Recomputed.Text(Chinese) == "101%"
		}
	}
	if !found {
		t.Error("the seeds' stated completion of vocational training is not checked, or disagrees")
	}
}
