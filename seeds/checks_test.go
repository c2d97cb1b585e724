package seeds

import (
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/model"
)

// statedSums are the totals the texts state together with their parts
// (Indicator.SumOf). in says where the figures are: "observation" for
// published levels, "target" for the 2020 plans of 001 (reach targets).
// Every one adds up exactly as published: 11 = 4 + 1 + 6, 14 = 10 + 4,
// 约35.83 = 25.4 + 10.43 (万公顷), 30.844亿 = 30亿 + 7000万 + 1240万 + 200万.
var statedSums = []struct {
	total string
	parts []string
	in    string
}{
	{"nature_reserves", []string{"nature_reserves_national", "nature_reserves_provincial", "nature_reserves_municipal"}, "observation"},
	{"forest_parks", []string{"forest_parks_national", "forest_parks_municipal"}, "observation"},
	{"wetland_area", []string{"wetland_area_natural", "wetland_area_artificial"}, "observation"},
	{"fry_release", []string{"fry_release_shrimp", "fry_release_crab", "fry_release_flounder", "fry_release_rockfish"}, "target"},
}

// claimedTargets are the targets whose outcome a text claims (Target.Claim),
// with the observation that is the published actual of the same indicator,
// region, period and measure.
var claimedTargets = []struct {
	id     string
	claim  model.Claim
	actual string
}{
	// 002: 實現城鎮新增就業11.6萬人,超額完成年度9.6萬人的預期目標
	{"002.target.new_urban_jobs.2019", model.ClaimExceeded, "002.new_urban_jobs.2019.level"},
	// 000: 全市居民消费价格累计上涨2.1%……较好完成“涨幅控制在4%以内”的目标
	{"000.target.cpi.2020", model.ClaimMet, "000.cpi.2020.growth"},
}

// TestStatedSums: every total with stated parts is declared, the
// declaration is exactly the table's, there is at least one region and
// period where the total and all parts are published, and there the parts
// add up exactly to the total (magnitudes converted).
func TestStatedSums(t *testing.T) {
	ds := mustLoad(t)
	declared := 0
	for _, in := range ds.Indicators() {
		if len(in.SumOf) > 0 {
			declared++
		}
	}
	if declared != len(statedSums) {
		t.Errorf("%d indicators declare sum_of, the table lists %d: keep the table (and seeds/data/README.md) in step", declared, len(statedSums))
	}
	type key struct {
		ind, region string
		p           model.Period
	}
	levels := map[string]map[key]model.Value{"observation": {}, "target": {}}
	for _, o := range ds.Observations() {
		if o.Kind == model.Level {
			levels["observation"][key{o.Indicator, o.Region, o.Period}] = o.Value
		}
	}
	for _, tg := range ds.Targets() {
		if tg.Kind == model.ReachTarget && tg.Measure == model.Level && tg.Value.Valid {
			levels["target"][key{tg.Indicator, tg.Region, tg.Period}] = tg.Value.Value
		}
	}
	for _, s := range statedSums {
		in, ok := ds.Indicator(s.total)
		if !ok {
			t.Errorf("%s: no such indicator", s.total)
			continue
		}
		if !slices.Equal(in.SumOf, s.parts) {
			t.Errorf("%s: sum_of %v, want %v", s.total, in.SumOf, s.parts)
			continue
		}
		checked := 0
		for k, total := range levels[s.in] {
			if k.ind != s.total {
				continue
			}
			sum, all := decimal.Zero, true
			for _, p := range s.parts {
				v, ok := levels[s.in][key{p, k.region, k.p}]
				if !ok {
					all = false
					break
				}
				if v.Unit.Base != total.Unit.Base {
					t.Errorf("%s %s %s: part %s in %s, total in %s", s.total, k.region, k.p, p, v.Unit, total.Unit)
				}
				sum = sum.Add(v.Base())
			}
			if !all {
				continue
			}
			checked++
			if !sum.Equal(total.Base()) {
				t.Errorf("%s %s %s: parts add up to %s, total is %s", s.total, k.region, k.p, sum, total)
			}
		}
		if checked == 0 {
			t.Errorf("%s: no %s where the total and all of %v have a level", s.total, s.in, s.parts)
		}
		t.Logf("%s = %v: %d %s(s) checked", s.total, s.parts, checked, s.in)
	}
}

// TestClaimedTargets: every claim is on a target with a value, a published
// actual of the same indicator, region, period and measure exists, and the
// actual bears the claim out (the report recomputes the same with its
// rounding rules; this pins the data).
func TestClaimedTargets(t *testing.T) {
	ds := mustLoad(t)
	byID := map[string]model.Target{}
	claimed := 0
	for _, tg := range ds.Targets() {
		byID[tg.ID] = tg
		if tg.Claim != model.NoClaim {
			claimed++
		}
	}
	if claimed != len(claimedTargets) {
		t.Errorf("%d targets carry a claim, the table lists %d: keep the table (and seeds/data/README.md) in step", claimed, len(claimedTargets))
	}
	obs := map[string]model.Observation{}
	for _, o := range ds.Observations() {
		obs[o.ID] = o
	}
	for _, c := range claimedTargets {
		tg, ok := byID[c.id]
		if !ok {
			t.Errorf("%s: no such target", c.id)
			continue
		}
		if tg.Claim != c.claim {
			t.Errorf("%s: claim %q, want %q", c.id, tg.Claim, c.claim)
		}
		if !tg.Value.Valid {
			t.Errorf("%s: a claim on a target without a value cannot be checked", c.id)
			continue
		}
		a, ok := obs[c.actual]
		switch {
		case !ok:
			t.Errorf("%s: actual %s missing", c.id, c.actual)
			continue
		case a.Indicator != tg.Indicator || a.Region != tg.Region || a.Period != tg.Period || a.Kind != tg.Measure:
			t.Errorf("%s: actual %s is not of the target's indicator, region, period and measure", c.id, c.actual)
			continue
		}
		cmp, err := a.Value.Cmp(tg.Value.Value)
		if err != nil {
			t.Errorf("%s: %v", c.id, err)
			continue
		}
		var holds bool
		switch {
		case tg.Kind == model.AtMostTarget:
			holds = cmp <= 0 // 控制在…以内: met at or below
		case c.claim == model.ClaimExceeded:
			holds = cmp > 0
		default:
			holds = cmp >= 0
		}
		if !holds {
			t.Errorf("%s: actual %s against target %s (%s) does not bear out the claim %q", c.id, a.Value, tg.Value.Value, tg.Kind, c.claim)
		}
		t.Logf("%s %s: target %s, actual %s", c.id, c.claim, tg.Value.Value, a.Value)
	}
}

// TestSameFigureTwoSources pins figures published by two texts that the
// report checks against each other, among them the 2019 levels 000 gives
// as the starting point of a 2020 reform (开办时间从3个工作日…,
// 企业登记时限从12小时…) and 002 gives as the 2019 result.
func TestSameFigureTwoSources(t *testing.T) {
	ds := mustLoad(t)
	tests := []struct {
		ind  string
		kind model.Kind
		p    string
		docs []string // the three-digit numbers of the documents publishing it
	}{
		{"business_startup_workdays", model.Level, "2019", []string{"000", "002"}},
		{"business_registration_time", model.Level, "2019", []string{"000", "002"}},
		{"covid_aid_medical_staff", model.Level, "2020", []string{"001", "002"}},
		{"online_signed_projects", model.Level, "2020", []string{"000", "002"}},
		{"online_signed_investment", model.Level, "2020", []string{"000", "002"}},
	}
	for _, tt := range tests {
		p, err := model.ParsePeriod(tt.p)
		if err != nil {
			t.Fatal(err)
		}
		var docs []string
		for _, o := range ds.Find(tt.ind, "dalian", tt.kind, p) {
			docs = append(docs, o.Source.Doc[:3])
		}
		slices.Sort(docs)
		if !slices.Equal(docs, tt.docs) {
			t.Errorf("%s %s %s: published by %v, want %v", tt.ind, tt.kind, tt.p, docs, tt.docs)
		}
	}
}

// auditedFigures are figures an audit of the texts found missing, one
// per sentence it listed (seeds/data/README.md, "Coverage"): each must be
// held with its value as published, so that a later edit cannot drop it.
var auditedFigures = []struct {
	id, value string
}{
	{"003.departments_cut.2020.level", "5个"},
	{"003.post_competition_application_rate.2020.rate", "147%"},
	{"003.high_end_professionals_masters_share.2020.rate", "80%"},
	{"003.small_centres_after_integration.2020.level", "2个"},
	{"003.institution_cadres_promoted.2020.level", "47人"},
	{"003.arrears_cleared_total.2020.level", "7.14亿元"},
	{"003.top500_projects_total.2020.level", "137项"},
	{"003.advanced_manufacturing_park_rank.2020.rank.northeast", "1"},
	{"003.software_outsourcing_employees_working.2020.level", "1.4万名"},
	{"003.haichuang_roadshows.2020.level", "21场"},
	{"003.govt_services_hall_rate.2020.rate", "100%"},
	{"003.party_member_epidemic_donations.2020.level", "82.6万元"},
	{"000.paired_aid_street_lamps.2016..2020.level", "607盏"},
	{"000.film_screenings.2016..2020.level", "4000余场次"},
	{"000.poverty_loan_count.2016..2020.level", "1865笔"},
	{"000.poverty_loans.2016..2020.rank", "1"},
	{"000.agri_facility_mortgage_certificates.2016..2020.level", "161本"},
	{"000.cadres_stationed_in_villages.2016..2020.level", "近1000名"},
	{"000.dibao_standard_raises.2016..2020.level", "4次"},
	{"000.serious_illnesses_covered.2020.level", "30种"},
	{"000.recruiting_employers_served.2020.level", "9662家次"},
	{"000.enterprise_support_measures_total.2020.level", "100余项"},
	{"000.registration_bank_branches.2020.level", "258家"},
	{"004.talent_development_funds.2020.level", "17.4亿元"},
	{"004.haichuang_overseas_talent_total.2020.level", "3.5万余名"},
	{"004.gps_per_10k_residents.2020.level", "4人"},
	{"004.shipping_routes_operating.2020.level", "近100条"},
	{"004.shipping_partner_companies.2020.level", "超过50家"},
	{"001.job_stabilization_refunds_eligible.2020-05.level", "5亿元"},
	{"001.online_job_fair_hires.ytd:2020-05-11.level", "1万余人"},
	{"001.incubation_jobs.ytd:2020-05-11.level", "11040个"},
	{"001.unemployed_price_subsidy_recipients.ytd:2020-05-11.level", "6.71万名"},
	{"001.epidemic_volunteers.2020.level", "10万余名"},
	{"001.hamlets_screened.2020.level", "9704个"},
	{"001.mobile_medical_teams.2020.level", "8支"},
	{"001.target.dalian_craftsmen.2020", "20名"},
}

// TestAuditedFigures: every figure of auditedFigures is held, as
// published; ranks say what they rank where the text does.
func TestAuditedFigures(t *testing.T) {
	ds := mustLoad(t)
	got := map[string]model.Value{}
	for _, o := range ds.Observations() {
		got[o.ID] = o.Value
	}
	for _, tg := range ds.Targets() {
		if tg.Value.Valid {
			got[tg.ID] = tg.Value.Value
		}
	}
	for _, a := range auditedFigures {
		v, ok := got[a.id]
		switch {
		case !ok:
			t.Errorf("%s: missing", a.id)
		case v.String() != model.MustParse(a.value).String():
			t.Errorf("%s: value %s, want %s", a.id, v, a.value)
		}
	}
	span, err := model.ParsePeriod("2016..2020")
	if err != nil {
		t.Fatal(err)
	}
	ranks := ds.Find("poverty_loans", "zhuanghe", model.Rank, span)
	if len(ranks) != 1 {
		t.Fatalf("庄河市's poverty-loan ranks: %d, want 1", len(ranks))
	}
	if o := ranks[0]; o.Measure != model.Level || o.Among != "liaoning_county_level_cities" {
		t.Errorf("%s: of %s among %s, want the level among liaoning_county_level_cities", o.ID, o.Measure, o.Among)
	}
}
