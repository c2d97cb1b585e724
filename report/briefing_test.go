package report

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/seeds"
)

// The default dataset, loaded once for the tests of this file.
var seedData = sync.OnceValues(seeds.Load)

func seedDoc(t *testing.T, spec Spec) *Document {
	t.Helper()
	ds, err := seedData()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Build(context.Background(), ds, spec)
	if err != nil {
		t.Fatalf("Build(%+v): %v", spec, err)
	}
	return doc
}

// paragraphs returns the text of every paragraph and note of a section.
func paragraphs(doc *Document, section string) string {
	var b strings.Builder
	for _, s := range doc.Sections {
		if s.ID != section {
			continue
		}
		for _, blk := range s.Blocks {
			switch p := blk.(type) {
			case Paragraph:
				b.WriteString(p.Text + "\n")
			case Note:
				b.WriteString(p.Text + "\n")
			}
		}
	}
	return b.String()
}

// rowsByKey returns the rows of table id as maps from column key to the
// cell's text.
func rowsByKey(doc *Document, id string) []map[string]string {
	tab := findTable(doc, id)
	if tab == nil {
		return nil
	}
	var out []map[string]string
	for i := range tab.Len() {
		r := tab.Row(i)
		m := map[string]string{}
		for ci, c := range r.Cells {
			switch c.Kind {
			case FigureCell:
				m[tab.Columns[ci].Key] = c.Figure.Text(doc.Meta.Lang)
			case StatusCell:
				m[tab.Columns[ci].Key] = StatusText(c.Status, doc.Meta.Lang)
			case TextCell:
				m[tab.Columns[ci].Key] = c.Text
			default:
				m[tab.Columns[ci].Key] = Dash
			}
		}
		out = append(out, m)
	}
	return out
}

func rowWith(rows []map[string]string, key, value string) map[string]string {
	for _, r := range rows {
		if r[key] == value {
			return r
		}
	}
	return nil
}

// Item 1 of the audit: an annual target that a figure to date of an
// accumulating indicator already reaches is met, with lower bounds and the
// actual's period; a figure to date that decides nothing is said as what
// it is, never as "no actual published".
func TestTargetsAgainstFiguresToDate(t *testing.T) {
	for _, c := range []struct {
		lang                 Lang
		jobs, training       map[string]string
		unemployment         map[string]string
		para, notInNoActuals []string
	}{
		{Chinese,
			map[string]string{"status": "超额完成", "actual": "11.11万人", "actual_period": "截至12月中旬", "completion": "115.7%以上", "gap": "+1.51万人以上"},
			map[string]string{"status": "超额完成", "actual": "75782人次", "actual_period": "截至5月11日", "completion": "101.0%以上"},
			map[string]string{"status": "无法评估", "actual": "2.79%", "actual_period": "截至5月11日", "completion": Dash},
			[]string{"城镇新增就业截至12月中旬已达11.11万人，为9.6万人目标的115.7%以上",
				"职业技能培训截至5月11日已达75782人次，为7.5万人次目标的101.0%以上",
				"城镇登记失业率（目标4.5%以内）仅公布截至5月11日的数据：2.79%"},
			[]string{"城镇登记失业率", "城镇新增就业", "职业技能培训"}},
		{English,
			map[string]string{"status": "exceeded", "actual": "111,100 people", "actual_period": "to mid-December", "completion": "115.7% or more", "gap": "+15,100 people or more"},
			map[string]string{"status": "exceeded", "actual": "75,782 person-times", "actual_period": "to 11 May", "completion": "101.0% or more"},
			map[string]string{"status": "not assessable", "actual": "2.79%", "actual_period": "to 11 May", "completion": Dash},
			[]string{"new urban jobs reached 111,100 people to mid-December, 115.7% or more of the target of 96,000 people",
				"the registered urban unemployment rate (target: no more than 4.5%): only a figure to 11 May is published: 2.79%"},
			[]string{"Registered urban unemployment rate", "New urban jobs", "Vocational skills training"}},
	} {
		doc := seedDoc(t, Spec{Region: "dalian", Year: 2020, Lang: c.lang})
		rows := rowsByKey(doc, "targets")
		for name, want := range map[string]map[string]string{"city jobs": c.jobs, "training": c.training, "unemployment": c.unemployment} {
			ind := map[string]string{"city jobs": "new_urban_jobs", "training": "vocational_training", "unemployment": "registered_unemployment_rate"}[name]
			r := rowWith(rows, "indicator", doc.indicatorLabel(t, ind))
			if r == nil {
				t.Fatalf("%s: no target row for %s", c.lang, ind)
			}
			for k, v := range want {
				if r[k] != v {
					t.Errorf("%s: %s target row: %s = %q, want %q", c.lang, name, k, r[k], v)
				}
			}
		}
		para := paragraphs(doc, SectionTargets)
		for _, p := range c.para {
			if !strings.Contains(para, p) {
				t.Errorf("%s: targets paragraph lacks %q:\n%s", c.lang, p, para)
			}
		}
		// the list of targets without any actual names none of these
		noActual := para
		if i := strings.LastIndex(para, "。"); c.lang == Chinese && i > 0 {
			noActual = para[strings.LastIndex(para[:i], "。")+len("。"):]
		}
		if i := strings.Index(para, "No actual figure has been published yet for"); c.lang == English && i > 0 {
			noActual = para[i:]
		}
		for _, n := range c.notInNoActuals {
			if strings.Contains(noActual, n) {
				t.Errorf("%s: %s listed among the targets without an actual: %q", c.lang, n, noActual)
			}
		}
	}
}

// indicatorLabel is the targets table's label of a level or rate target
// of indicator code in the document's language.
func (doc *Document) indicatorLabel(t *testing.T, code string) string {
	ds, _ := seedData()
	ind, ok := ds.Indicator(code)
	if !ok {
		t.Fatalf("no indicator %s", code)
	}
	if doc.Meta.Lang == English {
		return ind.English
	}
	return ind.Name
}

// Item 2: an indicator with no figure for the whole year but one to date
// gets a card with that figure and its period, not none.
func TestCardsOfFiguresToDate(t *testing.T) {
	for _, c := range []struct {
		lang         Lang
		label, value string
	}{
		{Chinese, "城镇新增就业（截至12月中旬）", "11.11万人"},
		{English, "New urban jobs (to mid-December)", "111,100 people"},
	} {
		doc := seedDoc(t, Spec{Region: "dalian", Year: 2020, Lang: c.lang})
		found := false
		for _, s := range doc.Sections {
			for _, b := range s.Blocks {
				if cards, ok := b.(Cards); ok {
					for _, card := range cards.Items {
						if card.Label == c.label {
							found = true
							if got := card.Value.Text(c.lang); got != c.value {
								t.Errorf("%s: card %s = %s, want %s", c.lang, c.label, got, c.value)
							}
							if card.Change.Valid {
								t.Errorf("%s: card %s has a change %s computed across spans", c.lang, c.label, card.Change.Text(c.lang))
							}
						}
					}
				}
			}
		}
		if !found {
			t.Errorf("%s: no card %q", c.lang, c.label)
		}
	}
}

// Item 3: a rank stands right after the figure it ranks
// (Observation.Measure): after the level, the growth or the share; a rank
// that does not say what it ranks follows the first figure; a rank whose
// figure the row lacks comes last and says what it ranks; a row of ranks
// alone is worded as the ranks; the same rank from a second text is said
// once.
func TestRankFollowsItsFigure(t *testing.T) {
	rank := func(id, ind, region, among string, of model.Kind, v string) model.Observation {
		return model.Observation{ID: id, Indicator: ind, Region: region, Period: model.YearOf(2020), Kind: model.Rank,
			Among: among, Measure: of, Value: model.MustParse(v), Source: model.Source{Doc: "mini.txt", Phrase: "第" + v}}
	}
	tests := []struct {
		name   string
		region string
		ranks  []model.Observation
		zh, en string
	}{
		{"unset: after the first figure", "city", []model.Observation{rank("r", "jobs", "city", "prov", model.InvalidKind, "1")},
			"城镇新增就业11.11万人，居全省首位，按公布数推算同比下降4.2%",
			"New urban jobs reached 111,100 people, ranking 1st in Liaoning, down 4.2%"},
		{"of level", "city", []model.Observation{rank("r", "jobs", "city", "prov", model.Level, "1")},
			"城镇新增就业11.11万人，居全省首位，按公布数推算同比下降4.2%",
			"New urban jobs reached 111,100 people, ranking 1st in Liaoning, down 4.2%"},
		{"of growth", "city", []model.Observation{rank("r", "jobs", "city", "prov", model.Growth, "3")},
			"城镇新增就业11.11万人，按公布数推算同比下降4.2%，居全省第3位。",
			"New urban jobs reached 111,100 people, down 4.2% (computed from the published figures), ranking 3rd in Liaoning."},
		{"of a share the row lacks", "city", []model.Observation{rank("r", "jobs", "city", "prov", model.Share, "2")},
			"城镇新增就业11.11万人，按公布数推算同比下降4.2%，占比居全省第2位。",
			"down 4.2% (computed from the published figures), ranking 2nd in Liaoning by share."},
		{"of share", "zone", []model.Observation{rank("r", "firms", "zone", "city", model.Share, "1")},
			"高新技术企业967家，占全市40%，居全市首位。",
			"high-tech enterprises reached 967, 40% of Dalian's total, ranking 1st in Dalian."},
		{"two peer groups, one said twice", "city", []model.Observation{
			rank("r1", "jobs", "city", "prov", model.Level, "1"),
			rank("r2", "jobs", "city", "china", model.Growth, "5"),
			func() model.Observation {
				o := rank("r3", "jobs", "city", "prov", model.Level, "1")
				o.Source.Doc = "other.txt"
				return o
			}()},
			"城镇新增就业11.11万人，居全省首位，按公布数推算同比下降4.2%，居全国第5位。",
			"New urban jobs reached 111,100 people, ranking 1st in Liaoning, down 4.2% (computed from the published figures), ranking 5th in China."},
		{"ranks alone", "city", []model.Observation{rank("r1", "credit", "city", "prov", model.InvalidKind, "9"),
			rank("r2", "credit", "city", "china", model.InvalidKind, "23")},
			"城市信用监测排名居全省第9位，居全国第23位。",
			"city credit monitoring ranking was 9th in Liaoning, 23rd in China."},
	}
	for _, tt := range tests {
		d := miniData()
		d.Indicators = append(d.Indicators, model.Indicator{Code: "credit", Name: "城市信用监测排名", English: "City credit monitoring ranking",
			Category: "business", Unit: "位", Polarity: model.LowerBetter})
		d.Observations = append(d.Observations, tt.ranks...)
		ds, err := model.NewDataset(d)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for _, c := range []struct {
			lang Lang
			want string
		}{{Chinese, tt.zh}, {English, tt.en}} {
			doc, err := Build(context.Background(), ds, Spec{Region: tt.region, Year: 2020, Lang: c.lang, Sections: []string{SectionHeadline}})
			if err != nil {
				t.Fatal(err)
			}
			p := paragraphs(doc, SectionHeadline)
			if !strings.Contains(p, c.want) {
				t.Errorf("%s, %s: narrative lacks %q:\n%s", tt.name, c.lang, c.want, p)
			}
			if n := strings.Count(p, "1st in Liaoning") + strings.Count(p, "居全省首位"); n > 1 {
				t.Errorf("%s, %s: the same rank said %d times:\n%s", tt.name, c.lang, n, p)
			}
		}
	}
}

// The districts section says each stated rank of a district with its
// peer group, so that a rank among the province's counties is not read
// as a rank among the city's districts; a rank alone is worded as such.
func TestRegionRanksNamed(t *testing.T) {
	d := miniData()
	d.Indicators = append(d.Indicators, model.Indicator{Code: "parks", Name: "园区排名", English: "Park ranking",
		Category: "industry", Unit: "位", Polarity: model.LowerBetter})
	d.Observations = append(d.Observations,
		model.Observation{ID: "zr", Indicator: "firms", Region: "zone", Period: model.YearOf(2020), Kind: model.Rank,
			Among: "prov", Measure: model.Level, Value: model.MustParse("2"), Source: model.Source{Doc: "mini.txt", Phrase: "第2"}},
		model.Observation{ID: "pr", Indicator: "parks", Region: "zone", Period: model.YearOf(2020), Kind: model.Rank,
			Among: "china", Value: model.MustParse("36"), Source: model.Source{Doc: "mini.txt", Phrase: "第36位"}})
	ds, err := model.NewDataset(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang Lang
		want []string
	}{
		{Chinese, []string{"高新技术企业967家，居全省第2位，占全市40%", "园区排名居全国第36位。"}},
		{English, []string{"High-tech enterprises: 967, ranking 2nd in Liaoning, 40% of Dalian", "Park ranking: 36th in China."}},
	} {
		doc, err := Build(context.Background(), ds, Spec{Region: "city", Year: 2020, Lang: c.lang, Sections: []string{SectionRegions}})
		if err != nil {
			t.Fatal(err)
		}
		p := paragraphs(doc, SectionRegions)
		for _, w := range c.want {
			if !strings.Contains(p, w) {
				t.Errorf("%s: districts narrative lacks %q:\n%s", c.lang, w, p)
			}
		}
	}
}

// Item 4: a growth of 0.0 % is counted as flat, not as a rise.
func TestSummaryCountsFlat(t *testing.T) {
	d := miniData()
	d.Indicators = append(d.Indicators, model.Indicator{Code: "pork", Name: "猪肉储备", English: "Pork reserve",
		Category: "prices", Unit: "吨", Polarity: model.Neutral})
	for _, y := range []string{"2019", "2020"} {
		d.Observations = append(d.Observations, obs("p"+y, "pork", "city", y, model.Level, "3300吨"))
	}
	ds, err := model.NewDataset(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang       Lang
		want, flat string
	}{
		{Chinese, "2项增长，1项下降，1项持平", "与上年持平"},
		{English, "2 rose, 1 fell and 1 was unchanged", "unchanged from the year before"},
	} {
		doc, err := Build(context.Background(), ds, Spec{Region: "city", Year: 2020, Lang: c.lang, Sections: []string{SectionOverview, SectionHeadline}})
		if err != nil {
			t.Fatal(err)
		}
		if p := paragraphs(doc, SectionOverview); !strings.Contains(p, c.want) {
			t.Errorf("%s: summary lacks %q:\n%s", c.lang, c.want, p)
		}
		if p := paragraphs(doc, SectionHeadline); !strings.Contains(p, c.flat) {
			t.Errorf("%s: narrative lacks %q:\n%s", c.lang, c.flat, p)
		}
	}
	// and in the default briefing none is flat (猪肉储备 3300吨 of January
	// 2020 is last year's reserve, not a figure of the whole year set
	// against it), so the count of flat ones is left out
	if p := paragraphs(seedDoc(t, Spec{Region: "dalian", Year: 2020}), SectionOverview); strings.Contains(p, "持平") || !strings.Contains(p, "9项增长，3项下降。") {
		t.Errorf("default summary counts a flat one:\n%s", p)
	}
}

// Item 5: an exact stated change beats a bound on the year before: 332天,
// 同比增加30天 gives 2019 as 302天 and a growth of +9.9%, said with the
// change; the change is checked against 002's 300天以上.
func TestStatedChangeBeatsBound(t *testing.T) {
	for _, c := range []struct {
		lang             Lang
		name, prev, grow string
		narrative        string
	}{
		{Chinese, "环境空气质量优良天数", "302天", "+9.9%", "环境空气质量优良天数332天，比上年增加30天，按公布数推算同比增长9.9%"},
		{English, "Days with good or excellent air quality", "302 days", "+9.9%", "Days with good or excellent air quality reached 332, 30 more than the year before, up 9.9%"},
	} {
		doc := seedDoc(t, Spec{Region: "dalian", Year: 2020, Lang: c.lang})
		var row map[string]string
		for _, r := range rowsByKey(doc, "headline") {
			if r["indicator"] == c.name && (r["period"] == "2020年" || r["period"] == "2020") {
				row = r
			}
		}
		if row == nil || row["prev"] != c.prev || row["growth"] != c.grow {
			t.Errorf("%s: headline row %v, want year before %s and growth %s", c.lang, row, c.prev, c.grow)
		}
		if p := paragraphs(doc, SectionHeadline); !strings.Contains(p, c.narrative) {
			t.Errorf("%s: narrative lacks %q", c.lang, c.narrative)
		}
	}
	ds, _ := seedData()
	found := false
	for _, c := range Checks(ds, "dalian") {
		if c.Kind == CheckChange && c.Stated.ID == "004.good_air_days.2020.change" {
			found = true
			if c.Status != Consistent || c.Recomputed.Text(Chinese) != "+32天以内" || c.Difference.Text(Chinese) != "+2天以内" {
				t.Errorf("change check: %v, recomputed %s, difference %s", c.Status, c.Recomputed.Text(Chinese), c.Difference.Text(Chinese))
			}
		}
	}
	if !found {
		t.Error("no check of the stated change of good-air days")
	}
}

// Item 6: checks and the data section belong to the briefing's year (the
// data section also lists the figures of other periods the document shows
// or computes from, last year's levels say, and those only); a year
// without figures for the region is a typed error.
func TestScopedToTheYear(t *testing.T) {
	doc := seedDoc(t, Spec{Region: "dalian", Year: 2019})
	for _, r := range rowsByKey(doc, "checks") {
		if !strings.Contains(r["check"], "2019年") {
			t.Errorf("2019 briefing checks %q", r["check"])
		}
	}
	if n := paragraphs(doc, SectionChecks); strings.Contains(n, "2020年") {
		t.Errorf("2019 briefing notes a 2020 figure: %s", n)
	}
	rows := rowsByKey(doc, "data")
	if len(rows) == 0 {
		t.Fatal("2019 briefing has no data rows")
	}
	used := map[string]bool{}
	for _, s := range doc.Sections {
		for _, bl := range s.Blocks {
			tab, ok := bl.(Table)
			if !ok || tab.ID == "data" {
				continue
			}
			for _, r := range tab.Rows {
				for _, c := range r.Cells {
					used[c.Obs] = true
					if d := c.Figure.Derived; d != nil {
						for _, in := range d.Inputs {
							used[in.Ref] = true
						}
					}
				}
			}
		}
	}
	others := 0
	for _, r := range rows {
		if !strings.HasPrefix(r["period"], "2019") && !strings.Contains(r["period"], "—2019") {
			others++
			if !used[r["id"]] {
				t.Errorf("2019 briefing lists a figure of %s it does not use (%s)", r["period"], r["id"])
			}
		}
	}
	if others == 0 {
		t.Error("2019 briefing lists none of the 2018 figures it computes from")
	}
	ds, _ := seedData()
	for _, spec := range []Spec{{Region: "dalian", Year: 2016}, {Region: "gaoxin", Year: 2019}, {Region: "liaoning", Year: 2016}} {
		_, err := Build(context.Background(), ds, spec)
		var se *SpecError
		if !errors.Is(err, ErrNoData) || !errors.As(err, &se) || se.Field != "Year" {
			t.Errorf("Build(%s %d) = %v, want a SpecError on Year with ErrNoData", spec.Region, spec.Year, err)
		}
	}
	// a province known only through its cities is briefed for their years
	if _, err := Build(context.Background(), ds, Spec{Region: "liaoning", Year: 2020}); err != nil {
		t.Errorf("liaoning 2020: %v", err)
	}
}

// Item 8: ranks computed among sibling regions are derived figures with
// their inputs, rank ties alike (1, 1, 3), follow the indicator's
// polarity and refuse levels in other units.
func TestRankAmong(t *testing.T) {
	lvl := func(region, v string) model.Observation { return obs("l."+region, "x", region, "2020", model.Level, v) }
	for _, c := range []struct {
		name   string
		levels []model.Observation
		pol    model.Polarity
		want   map[string]string // region → rank, or "" for an error
		err    error
	}{
		{"ties share a rank", []model.Observation{lvl("a", "10家"), lvl("b", "10家"), lvl("c", "5家")}, model.HigherBetter,
			map[string]string{"a": "1", "b": "1", "c": "3"}, nil},
		{"magnitudes converted", []model.Observation{lvl("a", "1.2万人"), lvl("b", "9000人"), lvl("c", "1万人")}, model.HigherBetter,
			map[string]string{"a": "1", "b": "3", "c": "2"}, nil},
		{"less is better", []model.Observation{lvl("a", "2小时"), lvl("b", "4小时"), lvl("c", "12小时")}, model.LowerBetter,
			map[string]string{"a": "1", "b": "2", "c": "3"}, nil},
		{"a bound that decides", []model.Observation{lvl("a", "超过700家"), lvl("b", "375家"), lvl("c", "100家")}, model.HigherBetter,
			map[string]string{"a": "1", "b": "2", "c": "3"}, nil},
		{"a bound that does not", []model.Observation{lvl("a", "超过700家"), lvl("b", "800家"), lvl("c", "100家")}, model.HigherBetter,
			map[string]string{"a": "", "b": ""}, ErrBound},
		{"units differ", []model.Observation{lvl("a", "10家"), lvl("b", "10户"), lvl("c", "5家")}, model.HigherBetter,
			map[string]string{"a": ""}, ErrUnits},
		{"periods differ", []model.Observation{lvl("a", "10家"), obs("l.b", "x", "b", "2019", model.Level, "10家")}, model.HigherBetter,
			map[string]string{"a": ""}, ErrIncomparable},
	} {
		t.Run(c.name, func(t *testing.T) {
			for region, want := range c.want {
				f, err := RankAmong(region, c.levels, c.pol)
				if c.err != nil {
					if !errors.Is(err, c.err) || f.Valid {
						t.Fatalf("%s: %v %v, want %v", region, f.Text(Chinese), err, c.err)
					}
					continue
				}
				if err != nil || f.Text(Chinese) != want {
					t.Fatalf("rank of %s = %s, %v; want %s", region, f.Text(Chinese), err, want)
				}
				if f.Derived == nil || f.Derived.Method != "rank" || len(f.Derived.Inputs) != len(c.levels) {
					t.Fatalf("rank of %s: lineage %+v", region, f.Derived)
				}
			}
		})
	}
	// in a briefing of three districts: the regions table shows the rank
	// as derived, with every district's level as an input
	d := model.Data{
		Indicators: []model.Indicator{{Code: "firms", Name: "高新技术企业", English: "High-tech enterprises", Category: "innovation", Unit: "家", Polarity: model.HigherBetter},
			{Code: "hours", Name: "企业开办时间", English: "Time to start a business", Category: "business", Unit: "小时", Polarity: model.LowerBetter}},
		Regions: []model.Region{{Code: "china", Name: "全国", English: "China", Level: model.Nation},
			{Code: "city", Name: "示例市", English: "Example City", Level: model.City, Parent: "china"},
			{Code: "a", Name: "甲区", English: "District A", Level: model.District, Parent: "city"},
			{Code: "b", Name: "乙区", English: "District B", Level: model.District, Parent: "city"},
			{Code: "c", Name: "丙区", English: "District C", Level: model.District, Parent: "city"}},
		Observations: []model.Observation{
			obs("fa", "firms", "a", "2020", model.Level, "40家"), obs("fb", "firms", "b", "2020", model.Level, "40家"),
			obs("fc", "firms", "c", "2020", model.Level, "12家"),
			obs("ha", "hours", "a", "2020", model.Level, "2小时"), obs("hb", "hours", "b", "2020", model.Level, "4小时"),
			obs("hc", "hours", "c", "2020", model.Level, "12小时"),
			obs("x", "firms", "city", "2020", model.Level, "200家"),
		},
	}
	ds, err := model.NewDataset(d)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Build(context.Background(), ds, Spec{Region: "city", Year: 2020})
	if err != nil {
		t.Fatal(err)
	}
	tab := findTable(doc, "regions")
	if tab == nil {
		t.Fatal("no regions table")
	}
	ranks := map[string]string{}
	for _, r := range tab.Rows {
		c := r.Cells[len(r.Cells)-1]
		if c.Kind != FigureCell || c.Figure.Derived == nil || c.Figure.Derived.Method != "rank" || c.Obs != "" {
			t.Errorf("%s %s: rank cell %+v is not a derived figure", r.Cells[0].Text, r.Cells[1].Text, c)
			continue
		}
		ranks[r.Cells[0].Text+" "+r.Cells[1].Text] = c.Figure.Text(Chinese)
	}
	want := map[string]string{"甲区 高新技术企业": "1", "乙区 高新技术企业": "1", "丙区 高新技术企业": "3",
		"甲区 企业开办时间": "1", "乙区 企业开办时间": "2", "丙区 企业开办时间": "3"}
	for k, v := range want {
		if ranks[k] != v {
			t.Errorf("rank of %s = %q, want %s (all: %v)", k, ranks[k], v, ranks)
		}
	}
	if !strings.Contains(paragraphs(doc, SectionMethods), "1、1、3") {
		t.Error("no method note for computed ranks")
	}
}

// Item 10: Chinese wording.
func TestChineseWording(t *testing.T) {
	doc := seedDoc(t, Spec{Region: "dalian", Year: 2020})
	text := paragraphs(doc, SectionHeadline) + paragraphs(doc, SectionChecks) + paragraphs(doc, SectionTargets)
	for _, want := range []string{
		"价格临时补贴约1.67亿元，按公布数推算同比增长约121.3%",              // a sum of money grows
		"居民消费价格上涨2.1%",                                 // a price index rises
		"降幅分别小于全国、全省1.8和2.7个百分点",                       // 降幅 before 分别
		"分别高于全国、全省0.4和1个百分点",                           // 分别 before 高于
		"每万人有效发明专利拥有量24.25件，同比增长14%",                   // not 24.25件/万人
		"《我市6部门统筹协调50余家单位分工协作高效配合》公布为+14%",             // titles in 《》
		"而按2020年24.25件/万人、2019年21.8件/万人推算为+11%，低3个百分点", // inputs readable, no negative 相差
		"《回眸2020——我市经济和社会发展巡礼》公布为91个，后者少19个",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q", want)
		}
	}
	for _, bad := range []string{"上涨约121.3%", "分别降幅", "相差-", "24.25件/万人，"} {
		if strings.Contains(text, bad) {
			t.Errorf("says %q", bad)
		}
	}
	for _, year := range []int{2019, 2020} {
		for _, r := range rowsByKey(seedDoc(t, Spec{Region: "dalian", Year: year}), "checks") {
			if strings.HasSuffix(r["check"], "总量") {
				t.Errorf("check subject %q", r["check"])
			}
		}
	}
}

// Item 12: English wording — plural agreement, the unit that fits the
// indicator, no unit the name already says, articles, "from the year
// before", no stray capital, no false precision.
func TestEnglishWording(t *testing.T) {
	for _, c := range []struct {
		region    string
		want, not []string
	}{
		{"dalian", []string{
			"Newly registered market entities reached 91,499, down 12.9%",
			"91,499 entities",
			"16,300 enterprises",
			"Valid invention patents per 10,000 population reached 24.25, up 14%",
			"Days with good or excellent air quality reached 332,",
			"The consumer price index rose by 2.1%",
			"The registered urban unemployment rate was 2.65%",
			"in step with gross regional product",
			"40 million fry", "2 million trees", "3 billion fry", "15 projects",
			"14 published figures can be recomputed",
			"only a figure for Q1 is published: down 5% at comparable prices",
		}, []string{
			"91,499 households", "16,300 households", "reached 24.25 per 10,000 people", "332 days,",
			". Consumer price index", ". Registered urban", "on the year before", "with Gross",
			"40.00 million", "2.00 million", "3.0 billion", "published figures: 1 agree",
			"billion fish", "15 items",
		}},
		{"gaoxin", []string{"5,130 contracts", "6,271 patents", "No published figure for the year can be recomputed"},
			[]string{"5,130 copies", "6,271 items", "0 published figures"}},
		{"zhuanghe", []string{"1 published figure can be recomputed from other published figures: 1 agrees", "10 million yuan"},
			[]string{"1 published figures", "1 agree ", "10.00 million"}},
	} {
		doc := seedDoc(t, Spec{Region: c.region, Year: 2020, Lang: English})
		all := strings.Join(visibleTexts(doc), "\n")
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: lacks %q", c.region, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(all, w) {
				t.Errorf("%s: says %q", c.region, w)
			}
		}
	}
}

// The English noun of a count's unit is the indicator's UnitEnglish,
// else the unit's own English word; never in Chinese, and never for a
// figure in another unit than the indicator's.
func TestEnglishUnitNoun(t *testing.T) {
	d := miniData()
	d.Indicators = append(d.Indicators,
		model.Indicator{Code: "homes", Name: "天然气置换户数", English: "Homes converted to natural gas", Category: "housing", Unit: "户", Polarity: model.HigherBetter},
		model.Indicator{Code: "entities", Name: "新设市场主体", English: "New market entities", Category: "business", Unit: "户", Polarity: model.HigherBetter, UnitEnglish: "entities"})
	d.Observations = append(d.Observations,
		obs("h20", "homes", "city", "2020", model.Level, "2万户"),
		obs("e20", "entities", "city", "2020", model.Level, "91499户"))
	ds, err := model.NewDataset(d)
	if err != nil {
		t.Fatal(err)
	}
	b := &builder{ds: ds, lang: English}
	for _, c := range []struct {
		code string
		unit string
		want string
	}{
		{"entities", "户", "entities"},
		{"homes", "户", ""},    // the unit's own word: households
		{"entities", "家", ""}, // not the indicator's unit
		{"firms", "家", "enterprises"},
		{"nosuch", "户", ""},
	} {
		if got := b.englishUnitOf(c.code, model.Unit{Base: c.unit}); got != c.want {
			t.Errorf("englishUnitOf(%s, %s) = %q, want %q", c.code, c.unit, got, c.want)
		}
	}
	for _, c := range []struct {
		lang      Lang
		want, not []string
	}{
		{English, []string{"20,000 households", "91,499 entities"}, []string{"91,499 households"}},
		{Chinese, []string{"2万户", "91499户"}, []string{"entities", "households"}},
	} {
		doc, err := Build(context.Background(), ds, Spec{Region: "city", Year: 2020, Lang: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		all := strings.Join(visibleTexts(doc), "\n")
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: lacks %q", c.lang, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(all, w) {
				t.Errorf("%s: says %q", c.lang, w)
			}
		}
	}
}

// English figures keep the published significance when a magnitude is
// converted: the trailing zeros of a figure published without decimals
// are not significant.
func TestEnglishScaledSignificance(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"4000万尾", "40 million fish"},
		{"1000万元", "10 million yuan"},
		{"200万株", "2 million trees"},
		{"1240万尾", "12.4 million fish"},
		{"7546万元", "75.46 million yuan"},
		{"11.11万人", "111,100 people"},
		{"20万户", "200,000 households"},
		{"12.69亿元", "1.269 billion yuan"},
		{"30亿尾", "3 billion fish"},
		{"30.844亿尾", "3.0844 billion fish"},
		{"20793.61万件", "207.9361 million items"},
		{"突破200亿元", "over 20 billion yuan"},
		{"2.0亿元", "200 million yuan"},
		{"2.50亿元", "250 million yuan"}, {"2.555亿元", "255.5 million yuan"},
		{"1500000元", "1.5 million yuan"},
		{"1234567元", "1.234567 million yuan"},
		{"0万人", "0 people"},
	} {
		f := Figure{Valid: true, Value: model.MustParse(c.in)}
		if got := f.Text(English); got != c.want {
			t.Errorf("%s in English = %q, want %q", c.in, got, c.want)
		}
	}
}

// Item 13: the targets paragraph cites the targets and actuals whose
// figures it states, and not the targets it only names.
func TestTargetsParagraphCitesWhatItStates(t *testing.T) {
	doc := seedDoc(t, Spec{Region: "dalian", Year: 2020})
	var cites []int
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			if p, ok := b.(Paragraph); ok && s.ID == SectionTargets {
				cites = append(cites, p.Cites...)
			}
		}
	}
	tab := findTable(doc, "targets")
	stated, named := map[int]bool{}, map[int]bool{}
	for _, r := range tab.Rows {
		var target, actual Cell
		for ci, c := range r.Cells {
			switch tab.Columns[ci].Key {
			case "target":
				target = c
			case "actual":
				actual = c
			}
		}
		if actual.Kind == FigureCell {
			stated[target.Cite], stated[actual.Cite] = true, true
		} else {
			named[target.Cite] = true
		}
	}
	if len(cites) == 0 || len(cites) > 30 {
		t.Fatalf("targets paragraph cites %d sources", len(cites))
	}
	for _, n := range cites {
		if named[n] && !stated[n] {
			t.Errorf("targets paragraph cites [%d], a target it states no figure of", n)
		}
	}
}

// Item 14: no table without rows, and no "0项" sections, in any briefing.
func TestNoEmptyTables(t *testing.T) {
	ds, _ := seedData()
	for _, region := range []string{"dalian", "gaoxin", "zhuanghe", "wafangdian", "liaoning"} {
		for _, year := range []int{2019, 2020} {
			for _, lang := range []Lang{Chinese, English} {
				doc, err := Build(context.Background(), ds, Spec{Region: region, Year: year, Lang: lang})
				if errors.Is(err, ErrNoData) {
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range doc.Sections {
					for _, b := range s.Blocks {
						if tab, ok := b.(Table); ok && tab.Len() == 0 {
							t.Errorf("%s %d %s: table %s of section %s has no rows", region, year, lang, tab.ID, s.ID)
						}
					}
				}
				if p := paragraphs(doc, SectionChecks); strings.Contains(p, "共有0项") || strings.Contains(p, "0 published figures") {
					t.Errorf("%s %d %s: %s", region, year, lang, p)
				}
			}
		}
	}
	doc := seedDoc(t, Spec{Region: "liaoning", Year: 2020})
	if p := paragraphs(doc, SectionHeadline); p != labelsFor(Chinese).noHeadline+"\n" {
		t.Errorf("liaoning headline: %q", p)
	}
}

// Item 15: every category of the dataset has a Chinese and an English
// label.
func TestCategoryLabels(t *testing.T) {
	ds, _ := seedData()
	latin := regexp.MustCompile(`[A-Za-z]`)
	for _, ind := range ds.Indicators() {
		zh, ok1 := labelsFor(Chinese).categories[ind.Category]
		en, ok2 := labelsFor(English).categories[ind.Category]
		if !ok1 || !ok2 || latin.MatchString(zh) {
			t.Errorf("category %q (of %s): zh %q, en %q", ind.Category, ind.Code, zh, en)
		}
		if _, ok := hanzi(en); ok {
			t.Errorf("category %q: English label %q", ind.Category, en)
		}
	}
	for _, r := range rowsByKey(seedDoc(t, Spec{Region: "dalian", Year: 2019}), "figures") {
		if latin.MatchString(r["category"]) {
			t.Errorf("2019 Chinese briefing shows category %q", r["category"])
		}
	}
}

// Item 17: the canonical JSON has snake_case keys only and writes
// enumerations as words.
func TestJSONKeysAndEnums(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, seedDoc(t, Spec{Region: "dalian", Year: 2020})); err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	snake := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	enums := map[string]bool{"chart_type": true, "trend": true, "good": true, "kind": true, "status": true}
	seen := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if !snake.MatchString(k) {
					t.Errorf("key %q is not snake_case", k)
				}
				if enums[k] {
					seen[k] = true
					if _, ok := x.(string); !ok {
						t.Errorf("%s = %v, want a word", k, x)
					}
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	for k := range enums {
		if !seen[k] {
			t.Errorf("no %s in the document", k)
		}
	}
}

// TestComputedShareSaysSo: in a district's briefing a share computed from
// two levels (技术合同成交额 117.5亿元 of the city's 261.6亿元) is worded as
// computed, never as if it were published; a published share keeps the
// plain wording.
func TestComputedShareSaysSo(t *testing.T) {
	for _, tc := range []struct {
		lang           Lang
		want, not, pub string
	}{
		{Chinese, "按全市总量计算占比44.9%", "，占全市44.9%", "占全市40%"},
		{English, "computed share 44.9% of Dalian's total", ", 44.9% of Dalian's total", "40% of Dalian's total"},
	} {
		doc := seedDoc(t, Spec{Region: "gaoxin", Year: 2020, Lang: tc.lang})
		var all strings.Builder
		for _, id := range AllSections() {
			all.WriteString(paragraphs(doc, id))
		}
		text := all.String()
		if !strings.Contains(text, tc.want) || strings.Contains(text, tc.not) || !strings.Contains(text, tc.pub) {
			t.Errorf("%s: want %q and %q, not %q, in\n%s", tc.lang, tc.want, tc.pub, tc.not, text)
		}
	}
}
