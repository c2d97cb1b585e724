package model

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

const (
	doc000 = "000_0834e4629ed69cd9.txt"
	doc001 = "001_9a4863bb11182814.txt"
	doc002 = "002_f43de3d8f036b3c9.txt"
	doc003 = "003_4bd1c87e0f82f8e9.txt"
)

// miniData is a small valid dataset with every region level, observation
// kind, period kind and target kind. Its canonical encoding is
// testdata/canonical.json.
func miniData() Data {
	src := func(doc, phrase string, off int) Source { return Source{Doc: doc, Phrase: phrase, Offset: off} }
	per := func(s string) Period {
		p, err := ParsePeriod(s)
		if err != nil {
			panic(err)
		}
		return p
	}
	obs := func(id, ind, reg, period string, k Kind, v string, s Source) Observation {
		return Observation{ID: id, Indicator: ind, Region: reg, Period: per(period), Kind: k, Value: MustParse(v), Source: s}
	}
	gdpGrowth := obs("002.gdp.2019.growth", "gdp", "dalian", "2019", Growth, "6.5%", src(doc002, "地區生產總值可比增長6.5%", 1234))
	gdpGrowth.Basis = Comparable
	gapChina := obs("002.gdp.2019.gap.china", "gdp", "dalian", "2019", Gap, "0.4个百分点", src(doc002, "分別高于全國、全省0.4和1個百分點", 1260))
	gapChina.Ref, gapChina.Measure, gapChina.Basis = "china", Growth, Comparable
	gapProv := obs("002.gdp.2019.gap.liaoning", "gdp", "dalian", "2019", Gap, "1个百分点", src(doc002, "分別高于全國、全省0.4和1個百分點", 1260))
	gapProv.Ref, gapProv.Measure, gapProv.Basis = "liaoning", Growth, Comparable
	unempGap := obs("001.unemployment.2020.gap.china", "unemployment", "dalian", "2020-04", Gap, "-2.1个百分点", src(doc001, "低于全国2.1个百分点", 77))
	unempGap.Ref, unempGap.Measure = "china", Rate
	share := obs("003.firms.2020.share", "firms", "gaoxin", "2020", Share, "40%", src(doc003, "占全市40%", 300))
	share.Ref = "dalian"
	rankProv := obs("000.jobs.2020.rank.province", "jobs", "dalian", "2020", Rank, "1", src(doc000, "居全省第一", 12))
	rankProv.Among = "liaoning"
	rankCities := obs("000.jobs.2020.rank.cities", "jobs", "dalian", "2020", Rank, "3", src(doc000, "居副省级城市第三", 40))
	rankCities.Among = "sub_provincial_cities"
	exports := obs("002.fdi.2019.level", "fdi", "dalian", "2019", Level, "6.5亿美元", src(doc002, "全年實際利用外資6.5億美元", 2000))

	return Data{
		Groups: []Group{{Code: "sub_provincial_cities", Name: "副省级城市", English: "the sub-provincial cities"}},
		Indicators: []Indicator{
			{Code: "gdp", Name: "地区生产总值", Aliases: []string{"地區生產總值", "GDP"}, English: "Gross regional product", Category: "economy", Unit: "元", Polarity: HigherBetter},
			{Code: "jobs", Name: "城镇新增就业", Aliases: []string{"城鎮新增就業"}, English: "New urban jobs", Category: "employment", Unit: "人", Polarity: HigherBetter},
			{Code: "unemployment", Name: "城镇登记失业率", English: "Registered urban unemployment rate", Category: "employment", Unit: Percent, Polarity: LowerBetter},
			{Code: "cpi", Name: "居民消费价格", English: "Consumer prices", Category: "prices", Unit: Percent, Polarity: Neutral},
			{Code: "firms", Name: "科技型中小企业", English: "Tech-based SMEs", Category: "innovation", Unit: "家", Polarity: HigherBetter},
			{Code: "patents", Name: "每万人有效发明专利拥有量", English: "Invention patents per 10,000 people", Category: "innovation", Unit: "件/万人", Polarity: HigherBetter},
			{Code: "income", Name: "城乡居民人均可支配收入", English: "Per-capita disposable income", Category: "living", Unit: "元", Polarity: HigherBetter},
			{Code: "fdi", Name: "实际利用外资", English: "Foreign direct investment used", Category: "openness", Unit: "美元", Polarity: HigherBetter},
		},
		Regions: []Region{
			{Code: "china", Name: "全国", English: "China", Level: Nation},
			{Code: "liaoning", Name: "辽宁省", Aliases: []string{"全省"}, English: "Liaoning", Level: Province, Parent: "china"},
			{Code: "dalian", Name: "大连市", Aliases: []string{"大連", "全市"}, English: "Dalian", Level: City, Parent: "liaoning"},
			{Code: "gaoxin", Name: "高新区", English: "High-tech Zone", Level: District, Parent: "dalian"},
			{Code: "zhuanghe", Name: "庄河市", English: "Zhuanghe", Level: County, Parent: "dalian"},
		},
		Observations: []Observation{
			obs("000.jobs.2020.level", "jobs", "dalian", "2020", Level, "11.11万人", src(doc000, "城镇新增就业11.11万人", 100)),
			obs("002.jobs.2019.level", "jobs", "dalian", "2019", Level, "11.6万人", src(doc002, "城鎮新增就業11.6萬人", 900)),
			obs("001.jobs.ytd", "jobs", "dalian", "ytd:2020-05-11", Level, "3.1万人", src(doc001, "新增就业3.1万人", 50)),
			gdpGrowth, gapChina, gapProv, unempGap, share, rankProv, rankCities, exports,
			obs("002.gdp.2020Q1.growth", "gdp", "dalian", "2020Q1", Growth, "-5.9%", src(doc002, "下降5.9%", 3000)),
			obs("001.unemployment.2020-04.rate", "unemployment", "dalian", "2020-04", Rate, "2.79%", src(doc001, "登记失业率2.79%", 60)),
			obs("000.cpi.2020.change", "cpi", "dalian", "2020", Change, "-0.5个百分点", src(doc000, "回落0.5个百分点", 70)),
			obs("000.jobs.2020.change", "jobs", "dalian", "2020", Change, "-0.49万人", src(doc000, "减少0.49万人", 80)),
			obs("002.patents.2019.level", "patents", "dalian", "2019", Level, "21.8件/万人", src(doc002, "每萬人有效發明專利擁有量21.8件", 4000)),
			obs("000.zhuanghe.poverty", "income", "zhuanghe", "2016..2020", Growth, "约10.1%", src(doc000, "年均增长约10.1%", 500)),
			obs("003.firms.2020.level", "firms", "gaoxin", "2020", Level, "突破1700家", src(doc003, "突破1700家", 310)),
		},
		Targets: []Target{
			{ID: "002.t.jobs", Indicator: "jobs", Region: "dalian", Period: YearOf(2020), Kind: ReachTarget, Measure: Level,
				Value: Some(MustParse("9.6万人")), Source: src(doc002, "實現城鎮新增就業9.6萬人", 5000)},
			{ID: "002.t.firms", Indicator: "firms", Region: "dalian", Period: YearOf(2020), Kind: AtLeastTarget, Measure: Level,
				Value: Some(MustParse("突破3000家")), Source: src(doc002, "科技型中小企業突破3000家", 5100)},
			{ID: "002.t.cpi", Indicator: "cpi", Region: "dalian", Period: YearOf(2020), Kind: AtMostTarget, Measure: Growth,
				Value: Some(MustParse("4%以内")), Source: src(doc002, "居民消費價格漲幅控制在4%以內", 5200)},
			{ID: "002.t.fdi", Indicator: "fdi", Region: "dalian", Period: YearOf(2020), Kind: AroundTarget, Measure: Growth,
				Value: Some(MustParse("10%左右")), Tolerance: Some(MustParse("1个百分点")), Source: src(doc002, "利用外資增長10%左右", 5300)},
			{ID: "002.t.gdp", Indicator: "gdp", Region: "dalian", Period: YearOf(2020), Kind: InStepTarget, Measure: Growth, Basis: Comparable,
				With: "china", Source: src(doc002, "地區生產總值增長與全國同步", 5400)},
			{ID: "002.t.income", Indicator: "income", Region: "dalian", Period: YearOf(2020), Kind: InStepTarget, Measure: Growth,
				WithIndicator: "gdp", Source: src(doc002, "城鄉居民人均可支配收入與經濟增長基本同步", 5500)},
			{ID: "002.t.share", Indicator: "gdp", Region: "dalian", Period: YearOf(2020), Kind: ShareNotBelow, Measure: Share,
				Ref: "liaoning", Source: src(doc002, "佔全省比重不降低", 5600)},
			{ID: "002.t.unemployment", Indicator: "unemployment", Region: "dalian", Period: YearOf(2020), Kind: AtMostTarget, Measure: Rate,
				Value: Some(MustParse("4.5%以内")), Source: src(doc002, "城鎮登記失業率4.5%以內", 5700)},
		},
	}
}

func TestNewDatasetValid(t *testing.T) {
	d := miniData()
	ds, err := NewDataset(d)
	if err != nil {
		t.Fatalf("NewDataset: %v", err)
	}
	if n := len(ds.Observations()); n != len(d.Observations) {
		t.Errorf("%d observations, want %d", n, len(d.Observations))
	}
	if n := len(ds.Targets()); n != len(d.Targets) {
		t.Errorf("%d targets, want %d", n, len(d.Targets))
	}
	if ind, ok := ds.Indicator("gdp"); !ok || ind.English != "Gross regional product" {
		t.Errorf("Indicator(gdp) = %v, %v", ind, ok)
	}
	if _, ok := ds.Indicator("nope"); ok {
		t.Error("Indicator(nope) found")
	}
	if r, ok := ds.Region("gaoxin"); !ok || r.Level != District {
		t.Errorf("Region(gaoxin) = %v, %v", r, ok)
	}
	if _, ok := ds.Region(""); ok {
		t.Error("Region(\"\") found")
	}
	if kids := ds.Children("dalian"); len(kids) != 2 || kids[0].Code != "gaoxin" || kids[1].Code != "zhuanghe" {
		t.Errorf("Children(dalian) = %v", kids)
	}
	if got := ds.Find("jobs", "dalian", Level, Period{}); len(got) != 3 {
		t.Errorf("Find(jobs, dalian, level, any) = %d observations, want 3", len(got))
	}
	if got := ds.Find("jobs", "dalian", Level, YearOf(2019)); len(got) != 1 || got[0].Value.String() != "11.6万人" {
		t.Errorf("Find(jobs, dalian, level, 2019) = %v", got)
	}
	if got := ds.Find("jobs", "dalian", Rank, YearOf(2020)); len(got) != 2 {
		t.Errorf("ranks among two peer groups: %d, want 2", len(got))
	}
	// The dataset is a copy: changing the input or an output changes nothing.
	d.Observations[0].Value = MustParse("1人")
	obs := ds.Observations()
	obs[1].Value = MustParse("2人")
	if v := ds.Observations()[0].Value.String(); v != "11.11万人" {
		t.Errorf("dataset shares its input: %s", v)
	}
	if v := ds.Observations()[1].Value.String(); v != "11.6万人" {
		t.Errorf("dataset shares its output: %s", v)
	}
	d.Indicators[0].Aliases[0] = "changed"
	d.Regions[2].Aliases[0] = "changed"
	if ind, _ := ds.Indicator("gdp"); ind.Aliases[0] != "地區生產總值" {
		t.Errorf("dataset shares the caller's indicator aliases: %v", ind.Aliases)
	}
	if r, _ := ds.Region("dalian"); r.Aliases[0] != "大連" {
		t.Errorf("dataset shares the caller's region aliases: %v", r.Aliases)
	}
}

// problem is one validation problem a test expects to be reported.
type problem struct {
	record, field, value string
	err                  error
}

// TestNewDatasetCollectsEveryProblem feeds a dataset with many problems and
// checks that each one is reported as a *RecordError naming the record, the
// field and the value, wrapping the right sentinel.
func TestNewDatasetCollectsEveryProblem(t *testing.T) {
	d := miniData()
	add := func(o Observation) { d.Observations = append(d.Observations, o) }
	base := d.Observations[0] // jobs level, dalian, 2020
	// Each added observation gets a year of its own, so that only the
	// intended duplicate keys collide.
	with := func(id string, f func(*Observation)) Observation {
		o := base
		o.ID = id
		o.Period = YearOf(1950 + len(d.Observations))
		f(&o)
		return o
	}
	d.Indicators = append(d.Indicators,
		Indicator{Code: "GDP!", Name: "x", English: "x", Category: "x", Unit: "元"},
		Indicator{Code: "gdp", Name: "重复", English: "dup", Category: "x", Unit: "元"},
		Indicator{Code: "pounds", Name: "英镑", English: "pounds", Category: "x", Unit: "英镑"},
		Indicator{Code: "gap_ind", Name: "差", English: "gap", Category: "x", Unit: Points},
		Indicator{Code: "noname", English: "no name", Category: "x", Unit: "人"},
		Indicator{Code: "badpol", Name: "x", English: "x", Category: "x", Unit: "人", Polarity: Polarity(7)},
		Indicator{Code: "badalias", Name: "x", Aliases: []string{""}, English: "x", Category: "x", Unit: "人"},
	)
	d.Regions = append(d.Regions,
		Region{Code: "dalian", Name: "重复", English: "dup", Level: City, Parent: "liaoning"},
		Region{Code: "orphan", Name: "孤", English: "orphan", Level: City, Parent: "atlantis"},
		Region{Code: "nolevel", Name: "无", English: "no level", Level: RegionLevel(9), Parent: "china"},
		Region{Code: "upside", Name: "倒", English: "upside down", Level: Province, Parent: "gaoxin"},
	)
	add(with("dup.id", func(o *Observation) {}))
	firstDup := d.Observations[len(d.Observations)-1].Period
	add(with("dup.id", func(o *Observation) {}))
	add(with("dup.key", func(o *Observation) { o.Period = firstDup })) // same key as the first dup.id
	add(with("unknown.indicator", func(o *Observation) { o.Indicator = "gnp" }))
	add(with("unknown.region", func(o *Observation) { o.Region = "atlantis" }))
	add(with("unknown.kind", func(o *Observation) { o.Kind = Kind(42) }))
	add(with("share.over", func(o *Observation) {
		o.Kind, o.Indicator, o.Region, o.Ref, o.Value = Share, "firms", "gaoxin", "dalian", MustParse("100.1%")
	}))
	add(with("share.negative", func(o *Observation) {
		o.Kind, o.Indicator, o.Region, o.Value = Share, "firms", "gaoxin", MustParse("-1%")
	}))
	add(with("level.negative", func(o *Observation) { o.Value = MustParse("-3人") }))
	add(with("rate.negative", func(o *Observation) {
		o.Indicator, o.Kind, o.Value = "unemployment", Rate, MustParse("-0.1%")
	}))
	add(with("source.missing", func(o *Observation) { o.Source = Source{} }))
	add(with("source.nophrase", func(o *Observation) { o.Source.Phrase = "" }))
	add(with("source.offset", func(o *Observation) { o.Source.Offset = -1 }))
	add(with("unit.mismatch", func(o *Observation) { o.Value = MustParse("11.11万户") }))
	add(with("growth.units", func(o *Observation) { o.Kind, o.Value = Growth, MustParse("3亿元") }))
	add(with("gap.units", func(o *Observation) { o.Kind, o.Ref, o.Measure, o.Value = Gap, "china", Growth, MustParse("1%") }))
	add(with("gap.vs", func(o *Observation) {
		o.Kind, o.Ref, o.Measure, o.Value = Gap, "atlantis", Growth, MustParse("1个百分点")
	}))
	add(with("gap.self", func(o *Observation) {
		o.Kind, o.Ref, o.Measure, o.Value = Gap, "dalian", Growth, MustParse("1个百分点")
	}))
	add(with("gap.of", func(o *Observation) {
		o.Kind, o.Ref, o.Measure, o.Value = Gap, "china", Level, MustParse("1个百分点")
	}))
	add(with("rank.zero", func(o *Observation) { o.Kind, o.Value = Rank, MustParse("0") }))
	add(with("rank.unit", func(o *Observation) { o.Kind, o.Value = Rank, MustParse("1人") }))
	add(with("change.points", func(o *Observation) {
		o.Indicator, o.Kind, o.Value = "unemployment", Change, MustParse("0.3%")
	}))
	add(with("period.bad", func(o *Observation) { o.Period = Period{Kind: Month, Year: 2020, Index: 13} }))
	noID := fmt.Sprintf("observations[%d]", len(d.Observations))
	add(with("", func(o *Observation) {}))
	add(with("ref.on.level", func(o *Observation) { o.Ref = "china" }))
	add(with("measure.on.level", func(o *Observation) { o.Measure = Rate }))
	add(with("percent.mag", func(o *Observation) {
		o.Kind, o.Value = Growth, Value{Num: decimal.NewFromInt(3), Unit: Unit{Base: Percent, Mag: Wan}}
	}))
	add(with("bad.mag", func(o *Observation) {
		o.Value = Value{Num: decimal.NewFromInt(3), Unit: Unit{Base: "人", Mag: 3}}
	}))
	add(with("bad.word", func(o *Observation) {
		o.Value = Value{Num: decimal.NewFromInt(3), Unit: Unit{Base: "人"}, Qual: MoreThan, Word: "约"}
	}))
	add(with("bad.qual", func(o *Observation) {
		o.Value = Value{Num: decimal.NewFromInt(3), Unit: Unit{Base: "人"}, Qual: Qualifier(20)}
	}))
	add(with("bad.places", func(o *Observation) {
		o.Value = Value{Num: decimal.RequireFromString("3.14"), Places: 1, Unit: Unit{Base: "人"}}
	}))
	tgt := d.Targets[0] // jobs reach 9.6万人
	addT := func(id string, f func(*Target)) {
		x := tgt
		x.ID = id
		x.Period = YearOf(2021)
		f(&x)
		d.Targets = append(d.Targets, x)
	}
	addT("t.kind", func(x *Target) { x.Kind = TargetKind(42) })
	addT("t.measure", func(x *Target) { x.Measure = Kind(42); x.Period = YearOf(2022) })
	addT("t.novalue", func(x *Target) { x.Value = NullValue{}; x.Period = YearOf(2023) })
	addT("t.dup", func(x *Target) { x.Period = YearOf(2024) })
	addT("t.dup", func(x *Target) { x.Period = YearOf(2025) })
	addT("t.key", func(x *Target) { x.Period = YearOf(2024) }) // same key as the first t.dup
	addT("t.with", func(x *Target) {
		x.Kind, x.Measure, x.Value, x.With, x.WithIndicator, x.Period = InStepTarget, Growth, NullValue{}, "china", "gnp", YearOf(2026)
	})
	addT("t.instep.value", func(x *Target) {
		x.Kind, x.Measure, x.With, x.Period = InStepTarget, Growth, "china", YearOf(2027)
	})
	addT("t.share.of", func(x *Target) {
		x.Kind, x.Measure, x.Value, x.Ref, x.Period = ShareNotBelow, Share, NullValue{}, "", YearOf(2028)
	})
	addT("t.share.value", func(x *Target) {
		x.Kind, x.Measure, x.Ref, x.Period, x.Value = ShareNotBelow, Share, "liaoning", YearOf(2029), Some(MustParse("30%"))
	})
	addT("t.tolerance", func(x *Target) { x.Tolerance = Some(MustParse("1万人")); x.Period = YearOf(2030) })
	addT("t.tolerance.unit", func(x *Target) {
		x.Kind, x.Tolerance, x.Period = AroundTarget, Some(MustParse("1%")), YearOf(2031)
	})
	addT("t.unknown", func(x *Target) { x.Indicator, x.Region, x.Period = "gnp", "atlantis", YearOf(2032) })
	addT("t.source", func(x *Target) { x.Source, x.Period = Source{}, YearOf(2033) })
	addT("t.unit", func(x *Target) { x.Value, x.Period = Some(MustParse("9.6万户")), YearOf(2034) })

	want := []problem{
		{"indicators[8]", "code", "GDP!", ErrSyntax},
		{`indicator "gdp"`, "code", "gdp", ErrDuplicate},
		{`indicator "pounds"`, "unit", "英镑", ErrUnknownUnit},
		{`indicator "gap_ind"`, "unit", Points, ErrUnknownUnit},
		{`indicator "noname"`, "zh", "", ErrEmpty},
		{`indicator "badpol"`, "polarity", "invalid(7)", ErrUnknownKind},
		{`indicator "badalias"`, "aliases[0]", "", ErrEmpty},
		{`region "dalian"`, "code", "dalian", ErrDuplicate},
		{`region "orphan"`, "parent", "atlantis", ErrUnknownRegion},
		{`region "nolevel"`, "level", "invalid(9)", ErrUnknownKind},
		{`region "upside"`, "parent", "gaoxin", ErrImpossible},
		{`observation "dup.id"`, "id", "dup.id", ErrDuplicate},
		{`observation "dup.key"`, "key", "dup.id", ErrDuplicate},
		{`observation "unknown.indicator"`, "indicator", "gnp", ErrUnknownIndicator},
		{`observation "unknown.region"`, "region", "atlantis", ErrUnknownRegion},
		{`observation "unknown.kind"`, "kind", "invalid(42)", ErrUnknownKind},
		{`observation "share.over"`, "value", "100.1%", ErrImpossible},
		{`observation "share.negative"`, "value", "-1%", ErrImpossible},
		{`observation "level.negative"`, "value", "-3人", ErrImpossible},
		{`observation "rate.negative"`, "value", "-0.1%", ErrImpossible},
		{`observation "source.missing"`, "source", "", ErrMissingSource},
		{`observation "source.nophrase"`, "source", doc000, ErrMissingSource},
		{`observation "source.offset"`, "source.offset", "-1", ErrImpossible},
		{`observation "unit.mismatch"`, "value", "11.11万户", ErrUnitMismatch},
		{`observation "growth.units"`, "value", "3亿元", ErrUnitMismatch},
		{`observation "gap.units"`, "value", "1%", ErrUnitMismatch},
		{`observation "gap.vs"`, "vs", "atlantis", ErrUnknownRegion},
		{`observation "gap.self"`, "vs", "dalian", ErrImpossible},
		{`observation "gap.of"`, "of", "level", ErrUnknownKind},
		{`observation "rank.zero"`, "value", "0", ErrImpossible},
		{`observation "rank.unit"`, "value", "1人", ErrUnitMismatch},
		{`observation "change.points"`, "value", "0.3%", ErrUnitMismatch},
		{`observation "period.bad"`, "period", "2020-13", ErrPeriod},
		{noID, "id", "", ErrEmpty},
		{`observation "ref.on.level"`, "vs/of", "china", ErrSyntax},
		{`observation "measure.on.level"`, "of", "rate", ErrSyntax},
		{`observation "percent.mag"`, "value", "3万%", ErrUnknownUnit},
		{`observation "bad.mag"`, "value", "3人", ErrUnknownUnit},
		{`observation "bad.word"`, "value", "3约人", ErrSyntax},
		{`observation "bad.qual"`, "value", "3人", ErrUnknownKind},
		{`observation "bad.places"`, "value", "3.1人", ErrSyntax},
		{`target "t.kind"`, "kind", "invalid(42)", ErrUnknownKind},
		{`target "t.measure"`, "measure", "invalid(42)", ErrUnknownKind},
		{`target "t.novalue"`, "value", "", ErrEmpty},
		{`target "t.dup"`, "id", "t.dup", ErrDuplicate},
		{`target "t.key"`, "key", "t.dup", ErrDuplicate},
		{`target "t.with"`, "with_indicator", "gnp", ErrUnknownIndicator},
		{`target "t.instep.value"`, "value", "9.6万人", ErrSyntax},
		{`target "t.share.of"`, "of", "", ErrEmpty},
		{`target "t.share.value"`, "value", "30%", ErrSyntax},
		{`target "t.tolerance"`, "tolerance", "1万人", ErrSyntax},
		{`target "t.tolerance.unit"`, "tolerance", "1%", ErrUnitMismatch},
		{`target "t.unknown"`, "indicator", "gnp", ErrUnknownIndicator},
		{`target "t.unknown"`, "region", "atlantis", ErrUnknownRegion},
		{`target "t.source"`, "source", "", ErrMissingSource},
		{`target "t.unit"`, "value", "9.6万户", ErrUnitMismatch},
	}

	ds, err := NewDataset(d)
	if err == nil {
		t.Fatal("NewDataset accepted a dataset with problems")
	}
	if ds != nil {
		t.Error("NewDataset returned a dataset with its error")
	}
	got := recordErrors(t, err)
	for _, w := range want {
		if !hasProblem(got, w) {
			t.Errorf("not reported: %s field %s = %q: %v", w.record, w.field, w.value, w.err)
		}
	}
	if len(got) != len(want) {
		for _, e := range got {
			if !expected(want, e) {
				t.Errorf("unexpected: %v", e)
			}
		}
		t.Errorf("%d problems reported, want %d", len(got), len(want))
	}
	// The joined error reads one problem per line, each naming record, field and value.
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(got) {
		t.Errorf("error text has %d lines for %d problems", len(lines), len(got))
	}
	if !strings.Contains(err.Error(), `model: observation "share.over": field value = "100.1%": impossible value`) {
		t.Errorf("error text does not name record, field and value:\n%s", err)
	}
}

// recordErrors unpacks the errors.Join of *RecordError that NewDataset and
// ReadJSON return; every member must be a *RecordError.
func recordErrors(t *testing.T, err error) []*RecordError {
	t.Helper()
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		var re *RecordError
		if errors.As(err, &re) {
			return []*RecordError{re}
		}
		t.Fatalf("error %T is neither joined nor a *RecordError: %v", err, err)
	}
	var out []*RecordError
	for _, e := range j.Unwrap() {
		var re *RecordError
		if !errors.As(e, &re) {
			t.Fatalf("member %T is not a *RecordError: %v", e, e)
		}
		out = append(out, re)
	}
	return out
}

func hasProblem(got []*RecordError, w problem) bool {
	for _, e := range got {
		if e.Record == w.record && e.Field == w.field && e.Value == w.value && errors.Is(e, w.err) {
			return true
		}
	}
	return false
}

func expected(want []problem, e *RecordError) bool {
	for _, w := range want {
		if e.Record == w.record && e.Field == w.field && e.Value == w.value && errors.Is(e, w.err) {
			return true
		}
	}
	return false
}

func TestRegionHierarchy(t *testing.T) {
	tests := []struct {
		name    string
		regions []Region
		err     error
	}{
		{"nation with parent", []Region{{Code: "a", Name: "a", English: "a", Level: Nation, Parent: "b"},
			{Code: "b", Name: "b", English: "b", Level: Nation}}, ErrImpossible},
		{"city without parent", []Region{{Code: "a", Name: "a", English: "a", Level: City}}, ErrEmpty},
		{"self parent", []Region{{Code: "a", Name: "a", English: "a", Level: City, Parent: "a"}}, ErrImpossible},
		{"cycle", []Region{{Code: "a", Name: "a", English: "a", Level: City, Parent: "b"},
			{Code: "b", Name: "b", English: "b", Level: City, Parent: "a"}}, ErrImpossible},
		{"county in district", []Region{{Code: "n", Name: "n", English: "n", Level: Nation},
			{Code: "d", Name: "d", English: "d", Level: District, Parent: "n"},
			{Code: "c", Name: "c", English: "c", Level: County, Parent: "d"}}, ErrImpossible},
		{"bad code", []Region{{Code: "Dalian", Name: "a", English: "a", Level: Nation}}, ErrSyntax},
		{"long code", []Region{{Code: strings.Repeat("a", 65), Name: "a", English: "a", Level: Nation}}, ErrSyntax},
		{"no english", []Region{{Code: "a", Name: "a", Level: Nation}}, ErrEmpty},
	}
	for _, tt := range tests {
		_, err := NewDataset(Data{Regions: tt.regions})
		if !errors.Is(err, tt.err) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.err)
		}
	}
}

func TestNewDatasetEmpty(t *testing.T) {
	ds, err := NewDataset(Data{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Observations()) != 0 || ds.Find("x", "y", Level, Period{}) != nil {
		t.Error("empty dataset is not empty")
	}
}

func TestMerge(t *testing.T) {
	a, b := miniData(), miniData()
	m := Merge(a, b)
	if len(m.Observations) != 2*len(a.Observations) || len(m.Indicators) != 2*len(a.Indicators) {
		t.Fatalf("Merge counts wrong")
	}
	_, err := NewDataset(m)
	if !errors.Is(err, ErrDuplicate) {
		t.Errorf("merged duplicates not reported: %v", err)
	}
	if n := len(recordErrors(t, err)); n != len(a.Documents)+len(a.Groups)+len(a.Indicators)+len(a.Regions)+2*len(a.Observations)+2*len(a.Targets) {
		t.Errorf("%d problems for a dataset merged with itself", n)
	}
}

func TestEnums(t *testing.T) {
	for _, k := range []Kind{Level, Rate, Growth, Change, Share, Gap, Rank} {
		if got, err := ParseKind(k.String()); err != nil || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k, got, err)
		}
	}
	for _, k := range []TargetKind{AtLeastTarget, AtMostTarget, AroundTarget, InStepTarget, ShareNotBelow, ReachTarget} {
		if got, err := ParseTargetKind(k.String()); err != nil || got != k {
			t.Errorf("ParseTargetKind(%q) = %v, %v", k, got, err)
		}
	}
	for _, l := range []RegionLevel{Nation, Province, City, District, County} {
		if got, err := ParseRegionLevel(l.String()); err != nil || got != l {
			t.Errorf("ParseRegionLevel(%q) = %v, %v", l, got, err)
		}
	}
	for _, p := range []Polarity{Neutral, HigherBetter, LowerBetter} {
		if got, err := ParsePolarity(p.String()); err != nil || got != p {
			t.Errorf("ParsePolarity(%q) = %v, %v", p, got, err)
		}
	}
	for _, b := range []Basis{BasisUnstated, Current, Comparable} {
		if got, err := ParseBasis(b.String()); err != nil || got != b {
			t.Errorf("ParseBasis(%q) = %v, %v", b, got, err)
		}
	}
	bad := []error{}
	for _, f := range []func(string) error{
		func(s string) error { _, err := ParseKind(s); return err },
		func(s string) error { _, err := ParseTargetKind(s); return err },
		func(s string) error { _, err := ParseRegionLevel(s); return err },
		func(s string) error { _, err := ParsePolarity(s); return err },
		func(s string) error { _, err := ParseBasis(s); return err },
	} {
		for _, s := range []string{"forecast", "Level", "invalid(1)", " level"} {
			bad = append(bad, f(s))
		}
	}
	for _, s := range []string{"", "invalid(0)"} {
		for _, f := range []func(string) error{
			func(s string) error { _, err := ParseKind(s); return err },
			func(s string) error { _, err := ParseTargetKind(s); return err },
			func(s string) error { _, err := ParseRegionLevel(s); return err },
			func(s string) error { _, err := ParsePolarity(s); return err },
		} {
			bad = append(bad, f(s))
		}
	}
	for i, err := range bad {
		if !errors.Is(err, ErrUnknownKind) {
			t.Errorf("bad enum %d: %v, want ErrUnknownKind", i, err)
		}
	}
	if s := Kind(99).String(); s != "invalid(99)" {
		t.Errorf("Kind(99).String() = %q", s)
	}
	if (Indicator{Unit: Percent}).IsRate() == false || (Indicator{Unit: "元"}).IsRate() {
		t.Error("IsRate")
	}
}

func BenchmarkNewDataset(b *testing.B) {
	d := miniData()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewDataset(d); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSameFigureFromTwoDocuments checks that a figure or target stated in two
// documents is kept twice (the sources may disagree), not reported as a
// duplicate.
func TestSameFigureFromTwoDocuments(t *testing.T) {
	d := miniData()
	o := d.Observations[0]
	o.ID, o.Source.Doc, o.Value = "001.jobs.2020.level", doc001, MustParse("11.2万人")
	x := d.Targets[0]
	x.ID, x.Source.Doc = "000.t.jobs", doc000
	d.Observations = append(d.Observations, o)
	d.Targets = append(d.Targets, x)
	ds, err := NewDataset(d)
	if err != nil {
		t.Fatal(err)
	}
	if got := ds.Find("jobs", "dalian", Level, YearOf(2020)); len(got) != 2 {
		t.Errorf("%d observations of the same figure, want both", len(got))
	}
}

// TestDatasetConcurrentUse reads one dataset from several goroutines; run
// with -race.
func TestDatasetConcurrentUse(t *testing.T) {
	ds, err := NewDataset(miniData())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int)
	for g := 0; g < 8; g++ {
		go func() {
			n := 0
			for range 50 {
				n += len(ds.Find("jobs", "dalian", Level, Period{}))
				for _, o := range ds.Observations() {
					if c, err := o.Value.Cmp(o.Value); err == nil && c == 0 {
						n++
					}
					_ = o.Value.String()
				}
				if _, ok := ds.Region("dalian"); ok {
					n++
				}
				_ = ds.Data()
			}
			done <- n
		}()
	}
	want := -1
	for range 8 {
		n := <-done
		if want >= 0 && n != want {
			t.Errorf("goroutines saw different datasets: %d and %d", n, want)
		}
		want = n
	}
}

// Documents, peer groups, sums and claims: each problem is reported with
// its record and field, and a sound dataset with all four round-trips
// through JSON.
func TestDocumentsGroupsSumsClaims(t *testing.T) {
	good := func() Data {
		d := miniData()
		d.Documents = []Document{
			{File: doc000, Title: "回眸2020", English: "Review of 2020", Date: "2021-01"},
			{File: doc001, Title: "新闻特稿", English: "Feature", Date: "2020-05"},
			{File: doc002, Title: "政府工作报告", English: "Government work report", Date: "2020-05-14"},
			{File: doc003, Title: "高新区报道", English: "High-tech Zone report"},
		}
		d.Indicators = append(d.Indicators,
			Indicator{Code: "firms_a", Name: "甲类企业", English: "Firms A", Category: "innovation", Unit: "家", Polarity: HigherBetter},
			Indicator{Code: "firms_b", Name: "乙类企业", English: "Firms B", Category: "innovation", Unit: "家", Polarity: HigherBetter})
		for i := range d.Indicators {
			if d.Indicators[i].Code == "firms" {
				d.Indicators[i].SumOf = []string{"firms_a", "firms_b"}
			}
		}
		d.Targets[0].Claim = ClaimExceeded
		return d
	}
	ds, err := NewDataset(good())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, ds.Data()); err != nil {
		t.Fatal(err)
	}
	back, err := ReadJSON(&buf, "round")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, ds.Data()) {
		t.Fatalf("documents, groups, sums and claims do not round-trip")
	}
	if d, ok := ds.Document(doc002); !ok || d.English != "Government work report" {
		t.Errorf("Document(%s) = %+v, %v", doc002, d, ok)
	}
	if g, ok := ds.Group("sub_provincial_cities"); !ok || g.Name != "副省级城市" {
		t.Errorf("Group = %+v, %v", g, ok)
	}

	for _, c := range []struct {
		name          string
		edit          func(*Data)
		record, field string
		err           error
	}{
		{"undeclared document", func(d *Data) { d.Documents = d.Documents[1:] }, "observation", "source.doc", ErrMissingSource},
		{"duplicate document", func(d *Data) { d.Documents = append(d.Documents, d.Documents[0]) }, "document", "file", ErrDuplicate},
		{"document without English title", func(d *Data) { d.Documents[0].English = "" }, "document", "en", ErrEmpty},
		{"bad date", func(d *Data) { d.Documents[0].Date = "2021-13" }, "document", "date", ErrSyntax},
		{"group clashing with a region", func(d *Data) { d.Groups = append(d.Groups, Group{Code: "dalian", Name: "x", English: "x"}) }, "group", "code", ErrDuplicate},
		{"rank among nothing known", func(d *Data) {
			for i := range d.Observations {
				if d.Observations[i].Kind == Rank {
					d.Observations[i].Among = "全省"
				}
			}
		}, "observation", "among", ErrUnknownRegion},
		{"among on a level", func(d *Data) { d.Observations[0].Among = "liaoning" }, "observation", "among", ErrSyntax},
		{"unknown part", func(d *Data) { d.Indicators[len(d.Indicators)-1].SumOf = []string{"gdp", "nope"} }, "indicator", "sum_of", ErrUnknownIndicator},
		{"part in another unit", func(d *Data) { d.Indicators[len(d.Indicators)-1].SumOf = []string{"gdp", "firms"} }, "indicator", "sum_of", ErrUnitMismatch},
		{"one part", func(d *Data) { d.Indicators[len(d.Indicators)-1].SumOf = []string{"firms"} }, "indicator", "sum_of", ErrImpossible},
		{"unknown claim", func(d *Data) { d.Targets[0].Claim = Claim(9) }, "target", "claim", ErrUnknownKind},
		{"completion of an unknown indicator", func(d *Data) { d.Indicators[0].Unit, d.Indicators[0].CompletionOf = Percent, "nope" }, "indicator", "completion_of", ErrUnknownIndicator},
		{"completion of itself", func(d *Data) { d.Indicators[0].Unit, d.Indicators[0].CompletionOf = Percent, d.Indicators[0].Code }, "indicator", "completion_of", ErrImpossible},
		{"completion not in percent", func(d *Data) {
			i := slices.IndexFunc(d.Indicators, func(in Indicator) bool { return in.Unit != Percent })
			d.Indicators[i].CompletionOf = d.Indicators[(i+1)%len(d.Indicators)].Code
		}, "indicator", "completion_of", ErrUnitMismatch},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := good()
			c.edit(&d)
			_, err := NewDataset(d)
			found := false
			for _, re := range recordErrors(t, err) {
				if strings.HasPrefix(re.Record, c.record) && re.Field == c.field && errors.Is(re, c.err) {
					found = true
				}
			}
			if !found {
				t.Fatalf("no %s error on %s.%s in %v", c.err, c.record, c.field, err)
			}
		})
	}
}

// ObservationsOf and TargetsOf read the region index: the observations of
// the regions asked for, in dataset order, each once.
func TestObservationsOf(t *testing.T) {
	ds, err := NewDataset(miniData())
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, o := range ds.Observations() {
		if o.Region == "dalian" || o.Region == "gaoxin" {
			want = append(want, o.ID)
		}
	}
	var got []string
	for _, o := range ds.ObservationsOf("gaoxin", "dalian", "gaoxin") {
		got = append(got, o.ID)
	}
	if !slices.Equal(got, want) || len(got) == 0 {
		t.Fatalf("ObservationsOf = %v, want %v", got, want)
	}
	if n := len(ds.TargetsOf("dalian")); n == 0 || n != len(ds.Targets()) {
		t.Errorf("TargetsOf(dalian) = %d targets of %d", n, len(ds.Targets()))
	}
	if ds.ObservationsOf("nowhere") == nil || len(ds.ObservationsOf()) != 0 {
		t.Error("ObservationsOf of no known region is not an empty slice")
	}
}

// TestAccumulates checks that only an indicator of amounts may accumulate,
// and that the flag survives a trip through JSON.
func TestAccumulates(t *testing.T) {
	d := miniData()
	for i := range d.Indicators {
		switch d.Indicators[i].Code {
		case "jobs", "unemployment":
			d.Indicators[i].Accumulates = true
		}
	}
	_, err := NewDataset(d)
	got := recordErrors(t, err)
	if len(got) != 1 || got[0].Record != `indicator "unemployment"` || got[0].Field != "accumulates" || !errors.Is(got[0], ErrImpossible) {
		t.Fatalf("errors = %v, want one: the unemployment rate cannot accumulate", err)
	}
	d.Indicators[slices.IndexFunc(d.Indicators, func(in Indicator) bool { return in.Code == "unemployment" })].Accumulates = false
	var buf bytes.Buffer
	if err := WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"accumulates": true`) {
		t.Errorf("WriteJSON wrote no accumulates flag:\n%s", buf.String())
	}
	back, err := ReadJSON(&buf, "t.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range back.Indicators {
		if in.Accumulates != (in.Code == "jobs") {
			t.Errorf("indicator %s: Accumulates = %v after a round trip", in.Code, in.Accumulates)
		}
	}
}

// TestRankMeasureAndUnitEnglish checks what a rank may be of, the English
// unit noun's rules, and that both survive a trip through JSON.
func TestRankMeasureAndUnitEnglish(t *testing.T) {
	d := miniData()
	var rank int
	for i, o := range d.Observations {
		if o.Kind == Rank {
			rank = i
			break
		}
	}
	d.Observations[rank].Measure = Growth
	for i := range d.Indicators {
		if d.Indicators[i].Code == "firms" {
			d.Indicators[i].UnitEnglish = "entities"
		}
	}
	if _, err := NewDataset(d); err != nil {
		t.Fatalf("a rank of growth and an English unit noun: %v", err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"unit_en": "entities"`) || !strings.Contains(buf.String(), `"of": "growth"`) {
		t.Errorf("WriteJSON wrote neither unit_en nor the rank's of:\n%s", buf.String())
	}
	back, err := ReadJSON(bytes.NewReader(buf.Bytes()), "t.json")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, d) {
		t.Errorf("round trip changed the data")
	}

	bad := miniData()
	bad.Observations[rank].Measure = Change
	for i := range bad.Indicators {
		if bad.Indicators[i].Code == "firms" {
			bad.Indicators[i].UnitEnglish = "户"
		}
	}
	_, err = NewDataset(bad)
	got := recordErrors(t, err)
	if len(got) != 2 || !hasProblem(got, problem{`observation "` + bad.Observations[rank].ID + `"`, "of", "change", ErrUnknownKind}) ||
		!hasProblem(got, problem{`indicator "firms"`, "unit_en", "户", ErrSyntax}) {
		t.Errorf("errors = %v; want a rank of a change and a Chinese unit_en rejected", err)
	}
	in := `{"observations": [{"id":"r","indicator":"jobs","region":"dalian","period":"2020","kind":"rank","of":"change","value":"1","source":{"doc":"d","phrase":"p","offset":0}}]}`
	if _, err := ReadJSON(strings.NewReader(in), "r.json"); !errors.Is(err, ErrUnknownKind) {
		t.Errorf("ReadJSON of a rank of a change: %v, want ErrUnknownKind", err)
	}
}
