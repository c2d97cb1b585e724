// Command custom shows a Go program building its own dataset in code — an
// imaginary city, 示例市 (Example City), with figures MADE UP FOR
// ILLUSTRATION, not published anywhere — and rendering its briefing.
//
//	go run ./examples/custom                  # the briefing as text on standard output
//	go run ./examples/custom -lang en
//	go run ./examples/custom -out /tmp/ex     # also example-2021.xlsx and .pdf there
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/statbrief/statbrief/export"
	"github.com/statbrief/statbrief/export/pdf"
	"github.com/statbrief/statbrief/export/pdf/font/embedded"
	"github.com/statbrief/statbrief/export/text"
	"github.com/statbrief/statbrief/export/xlsx"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
)

// illustrative marks every figure of this example as invented.
var illustrative = model.Source{Doc: "illustrative.txt", Phrase: "示例数据，非公开发布数字（illustrative figures, not published）"}

// dataset builds the example city's dataset in code. Every figure is
// invented for illustration.
func dataset() (*model.Dataset, error) {
	ind := func(code, zh, en, cat, unit string, p model.Polarity) model.Indicator {
		return model.Indicator{Code: code, Name: zh, English: en, Category: cat, Unit: unit, Polarity: p}
	}
	n := 0
	obs := func(ind, region, period string, k model.Kind, figure string) model.Observation {
		n++
		p, err := model.ParsePeriod(period)
		if err != nil {
			panic(err) // the periods below are fixed text
		}
		v, err := model.ParseValue(figure)
		if err != nil {
			panic(err)
		}
		return model.Observation{ID: fmt.Sprintf("ex.%03d", n), Indicator: ind, Region: region, Period: p,
			Kind: k, Value: v, Source: illustrative}
	}
	gap := func(o model.Observation, vs string) model.Observation {
		o.Ref, o.Measure = vs, model.Growth
		return o
	}
	share := obs("enterprises", "east", "2021", model.Share, "35%")
	share.Ref = "example"
	d := model.Data{
		Documents: []model.Document{{File: illustrative.Doc, Title: "示例数据（非公开发布）", English: "Illustrative figures (not published)"}},
		Indicators: []model.Indicator{
			ind("gdp", "地区生产总值", "Gross regional product", "economy", "元", model.HigherBetter),
			ind("new_jobs", "城镇新增就业", "New urban jobs", "employment", "人", model.HigherBetter),
			ind("unemployment", "城镇登记失业率", "Registered urban unemployment rate", "employment", "%", model.LowerBetter),
			ind("enterprises", "高新技术企业", "High-tech enterprises", "innovation", "家", model.HigherBetter),
		},
		Regions: []model.Region{
			{Code: "china", Name: "全国", English: "China", Level: model.Nation},
			{Code: "province", Name: "示例省", English: "Example Province", Level: model.Province, Parent: "china"},
			{Code: "example", Name: "示例市", English: "Example City", Level: model.City, Parent: "province"},
			{Code: "east", Name: "东区", English: "East District", Level: model.District, Parent: "example"},
		},
		Observations: []model.Observation{
			obs("gdp", "example", "2021", model.Level, "5012.3亿元"),
			obs("gdp", "example", "2020", model.Level, "4700.5亿元"),
			obs("gdp", "example", "2021", model.Growth, "6.6%"),
			gap(obs("gdp", "example", "2021", model.Gap, "-1.5个百分点"), "china"),
			obs("new_jobs", "example", "2021", model.Level, "8.2万人"),
			obs("new_jobs", "example", "2020", model.Level, "7.9万人"),
			obs("unemployment", "example", "2021", model.Rate, "3.9%"),
			obs("enterprises", "example", "2021", model.Level, "1520家"),
			obs("enterprises", "east", "2021", model.Level, "532家"),
			share,
		},
		Targets: []model.Target{
			{ID: "ex.t1", Indicator: "new_jobs", Region: "example", Period: model.YearOf(2021), Kind: model.ReachTarget,
				Measure: model.Level, Value: model.Some(model.MustParse("8万人")), Source: illustrative},
			{ID: "ex.t2", Indicator: "unemployment", Region: "example", Period: model.YearOf(2021), Kind: model.AtMostTarget,
				Measure: model.Rate, Value: model.Some(model.MustParse("4.5%")), Source: illustrative},
			{ID: "ex.t3", Indicator: "gdp", Region: "example", Period: model.YearOf(2021), Kind: model.AroundTarget,
				Measure: model.Growth, Value: model.Some(model.MustParse("7%")), Source: illustrative},
		},
	}
	return model.NewDataset(d)
}

func main() {
	lang := flag.String("lang", "zh", "language: zh or en")
	out := flag.String("out", "", "directory to write the workbook and the PDF to (default: text on standard output only)")
	flag.Parse()
	if err := run(*lang, *out); err != nil {
		fmt.Fprintln(os.Stderr, "custom:", err)
		os.Exit(1)
	}
}

func run(lang, out string) error {
	ds, err := dataset()
	if err != nil {
		return err
	}
	ctx := context.Background()
	doc, err := report.Build(ctx, ds, report.Spec{Region: "example", Year: 2021, Lang: report.Lang(lang),
		Title: map[string]string{"zh": "示例市2021年简报（示例数据）", "en": "Example City 2021 (illustrative figures)"}[lang]})
	if err != nil {
		return err
	}
	t, err := text.New()
	if err != nil {
		return err
	}
	if err := t.Render(ctx, os.Stdout, doc); err != nil {
		return err
	}
	if out == "" {
		return nil
	}
	// the same document as a workbook and a PDF, through the public API
	wb, err := xlsx.New()
	if err != nil {
		return err
	}
	fonts, err := embedded.Load()
	if err != nil {
		return err
	}
	pr, err := pdf.New(fonts, pdf.OmitSections(report.SectionData, report.SectionSources))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	name := "example-2021"
	if lang != "zh" {
		name += "-" + lang
	}
	for _, f := range []struct {
		ext string
		r   export.Renderer
	}{{"xlsx", wb}, {"pdf", pr}} {
		path := filepath.Join(out, name+"."+f.ext)
		if err := export.WriteFile(ctx, path, f.r, doc); err != nil {
			return err
		}
		fmt.Fprintln(os.Stderr, "wrote", path)
	}
	return nil
}
