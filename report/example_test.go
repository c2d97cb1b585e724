package report_test

import (
	"context"
	"fmt"
	"os"

	"github.com/statbrief/statbrief/export/text"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
)

func level(id, period, value string) model.Observation {
	p, _ := model.ParsePeriod(period)
	return model.Observation{ID: id, Indicator: "jobs", Region: "dalian", Period: p, Kind: model.Level, Value: model.MustParse(value)}
}

// Year-on-year growth from two levels published in different magnitudes.
func ExampleYoY() {
	cur := level("a", "2020", "1.1亿元")
	prev := level("b", "2019", "10000万元")
	g, err := report.YoY(cur, prev, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g.Text(report.Chinese), g.Text(report.English))
	fmt.Println(g.Derived.Expr)

	zero := level("c", "2019", "0亿元")
	_, err = report.YoY(cur, zero, 1)
	fmt.Println(err)
	// Output:
	// +10.0% +10.0%
	// ROUND((((a/(b*0.0001))-1)*100),1)
	// report: YoY jobs dalian 2020: not assessable: zero base
}

// Attainment of the 2020 new-jobs target: 11.11万人 against 9.6万人.
func ExampleAttain() {
	t := model.Target{ID: "jobs", Indicator: "jobs", Region: "dalian", Period: model.YearOf(2020),
		Kind: model.ReachTarget, Measure: model.Level, Value: model.Some(model.MustParse("9.6万人"))}
	actual := level("000.jobs", "2020", "11.11万人")
	a := report.Attain(t, &actual, nil, model.HigherBetter)
	fmt.Println(report.StatusText(a.Status, report.Chinese), a.Completion.Text(report.Chinese), a.Gap.Text(report.Chinese))

	cpi := model.Target{ID: "cpi", Indicator: "cpi", Region: "dalian", Period: model.YearOf(2020),
		Kind: model.AtMostTarget, Measure: model.Growth, Value: model.Some(model.MustParse("4%以内"))}
	rise := model.Observation{ID: "cpi", Indicator: "cpi", Region: "dalian", Period: model.YearOf(2020), Kind: model.Growth, Value: model.MustParse("2.1%")}
	a = report.Attain(cpi, &rise, nil, model.Neutral)
	fmt.Println(report.StatusText(a.Status, report.English), a.Headroom.Text(report.English), "to spare")
	// Output:
	// 超额完成 115.7% +1.51万人
	// met 1.9 points to spare
}

// A district's share of its city, and the city total a stated share implies.
func ExampleShareOf() {
	part := model.Observation{ID: "p", Indicator: "firms", Region: "gaoxin", Period: model.YearOf(2020), Kind: model.Level, Value: model.MustParse("967家")}
	whole := model.Observation{ID: "w", Indicator: "firms", Region: "dalian", Period: model.YearOf(2020), Kind: model.Level, Value: model.MustParse("2500家")}
	s, _ := report.ShareOf(part, whole, 1)
	fmt.Println(s.Text(report.Chinese))

	stated := model.Observation{ID: "s", Indicator: "firms", Region: "gaoxin", Period: model.YearOf(2020), Kind: model.Share, Value: model.MustParse("40%")}
	total, _ := report.ImpliedTotal(part, stated)
	fmt.Println(total.Text(report.Chinese), "/", total.Text(report.English))
	// Output:
	// 38.7%
	// 约2418家 / about 2,418 entities
}

// Build a briefing from a dataset and render it as text.
func ExampleBuild() {
	d := model.Data{
		Indicators: []model.Indicator{{Code: "jobs", Name: "城镇新增就业", English: "New urban jobs", Category: "employment", Unit: "人", Polarity: model.HigherBetter}},
		Regions: []model.Region{
			{Code: "china", Name: "全国", English: "China", Level: model.Nation},
			{Code: "city", Name: "示例市", English: "Example City", Level: model.City, Parent: "china"},
		},
		Observations: []model.Observation{
			{ID: "j20", Indicator: "jobs", Region: "city", Period: model.YearOf(2020), Kind: model.Level, Value: model.MustParse("11.11万人"), Source: model.Source{Doc: "a.txt", Phrase: "新增就业11.11万人"}},
			{ID: "j19", Indicator: "jobs", Region: "city", Period: model.YearOf(2019), Kind: model.Level, Value: model.MustParse("11.6万人"), Source: model.Source{Doc: "b.txt", Phrase: "就业11.6万人"}},
		},
	}
	ds, err := model.NewDataset(d)
	if err != nil {
		fmt.Println(err)
		return
	}
	doc, err := report.Build(context.Background(), ds, report.Spec{Region: "city", Year: 2020, Sections: []string{report.SectionHeadline}})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := text.New()
	if err := r.Render(context.Background(), os.Stdout, doc); err != nil {
		fmt.Println(err)
	}
	// Output:
	// # 示例市2020年经济社会发展简报
	//
	// 数据来源：2份文件；生成：statbrief
	//
	// ## 主要指标
	//
	// ### 2020年
	//
	// 2020年，示例市城镇新增就业11.11万人，按公布数推算同比下降4.2%。[1]
	//
	// | 指标         | 时期   |      数值 | 上年同期 |   同比 |
	// |--------------|--------|----------:|---------:|-------:|
	// | 城镇新增就业 | 2020年 | 11.11万人 | 11.6万人 | -4.2%* |
	//
	// 2020年 主要指标同比增速（%）
	//
	// ```
	// 城镇新增就业 -██████████████████████████████ -4.2%
	// ```
}

// A figure to date against an annual target: 11.11万 new jobs to
// mid-December already meet the year's 9.6万, so the target is met, with
// a completion and a gap that are lower bounds.
func ExampleAttainToDate() {
	t := model.Target{ID: "jobs", Indicator: "jobs", Region: "dalian", Period: model.YearOf(2020),
		Kind: model.ReachTarget, Measure: model.Level, Value: model.Some(model.MustParse("9.6万人"))}
	jobs := model.Indicator{Code: "jobs", Name: "城镇新增就业", Unit: "人", Polarity: model.HigherBetter, Accumulates: true}
	toDate := level("000.jobs", "ytd:2020-12-mid", "11.11万人")
	a := report.AttainToDate(t, toDate, jobs)
	fmt.Println(report.StatusText(a.Status, report.Chinese), a.Completion.Text(report.Chinese), a.Gap.Text(report.Chinese))
	fmt.Println(report.StatusText(a.Status, report.English), a.Completion.Text(report.English), a.Gap.Text(report.English))

	early := level("001.jobs", "ytd:2020-05-11", "42303人")
	a = report.AttainToDate(t, early, jobs)
	fmt.Println(report.StatusText(a.Status, report.English), a.ToDate.Value)
	// Output:
	// 超额完成 115.7%以上 +1.51万人以上
	// exceeded 115.7% or more +15,100 people or more
	// not assessable 42303人
}
