package seeds_test

import (
	"slices"
	"testing"

	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
)

// knownDisagreements are the stated figures the report's consistency
// checks find inconsistent over the whole default dataset: the list
// "Known source disagreements" of seeds/data/README.md, by the ID of the
// stated figure.
var knownDisagreements = []string{
	"004.invention_patents_per_10k.2020.growth", // 24.25件, 增长14%; 2019: 21.8件 → 11.2 %
	"002.online_signed_projects.2020.level",     // 002: 110个; 000: 91个
	"002.online_signed_investment.2020.level",   // 002: 1926.6亿元; 000: 1051.5亿元
}

// agreeingChecks are checks that the data added for them must produce,
// with a verdict of consistent: the stated sums, the claims, the figures
// 000 and 002 both publish for 2019, the stated change of good-air days
// and 庄河市's growth of its 低保 standard over 2016–2020.
var agreeingChecks = []struct {
	kind report.CheckKind
	id   string // the stated figure; "target:" + the target's ID for a claim
}{
	{report.CheckSum, "001.nature_reserves.2020-05.level"},
	{report.CheckSum, "001.forest_parks.2020-05.level"},
	{report.CheckSum, "001.wetland_area.2020-05.level"},
	{report.CheckClaim, "target:002.target.new_urban_jobs.2019"},
	{report.CheckClaim, "target:000.target.cpi.2020"},
	{report.CheckSources, "002.business_startup_workdays.2019.level"},
	{report.CheckSources, "002.business_registration_time.2019.level"},
	// 004: 332天, 同比增加30天 against 002's 2019 300天以上: 332 − 300以上 = 32以内
	{report.CheckChange, "004.good_air_days.2020.change"},
	// 000: 庄河市 低保 410元 → 540元, 增幅31.7% (a growth over 2016–2020)
	{report.CheckGrowth, "000.rural_dibao_standard.2016..2020.growth.cumulative"},
	// 001's fry-release plan: 30.844亿尾 = 30亿 + 7000万 + 1240万 + 200万 (targets)
	{report.CheckSum, "target:001.target.fry_release.2020"},
}

// TestReportChecks keeps the README's list of disagreements in step with
// what the report finds, and shows that every sum and claim of the data
// reaches the report's checks with a verdict.
func TestReportChecks(t *testing.T) {
	ds, err := seeds.Load()
	if err != nil {
		t.Fatal(err)
	}
	checks := report.Checks(ds, "")
	var bad []string
	found := map[report.CheckKind]map[string]report.Status{}
	for _, c := range checks {
		if c.Status == report.Inconsistent {
			bad = append(bad, c.Stated.ID)
		}
		if found[c.Kind] == nil {
			found[c.Kind] = map[string]report.Status{}
		}
		found[c.Kind][c.Stated.ID] = c.Status
		t.Logf("%v", c)
	}
	want := slices.Clone(knownDisagreements)
	slices.Sort(bad)
	slices.Sort(want)
	if !slices.Equal(bad, want) {
		t.Errorf("the report finds these figures inconsistent:\n %v\nseeds/data/README.md lists:\n %v", bad, want)
	}
	for _, w := range agreeingChecks {
		st, ok := found[w.kind][w.id]
		switch {
		case !ok:
			t.Errorf("no check of kind %d for %s", w.kind, w.id)
		case st != report.Consistent:
			t.Errorf("check of kind %d for %s: %v, want consistent", w.kind, w.id, st)
		}
	}
}
