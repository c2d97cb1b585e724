package model_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/model"
)

// A figure keeps its number, places, unit and qualifier as published, in
// either script; String gives the canonical simplified form.
func ExampleParseValue() {
	for _, s := range []string{"约1.67亿元", "1.1万余户", "6.5億美元", "4%以內", "11.10万人"} {
		v, err := model.ParseValue(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-9s → %s × %s, %d places, qualifier %q (%s) → %s\n",
			s, v.Num, v.Unit, v.Places, v.Word, v.Qual, v)
	}
	_, err := model.ParseValue("1..2万")
	fmt.Println(err, errors.Is(err, model.ErrSyntax))
	// Output:
	// 约1.67亿元   → 1.67 × 亿元, 2 places, qualifier "约" (about) → 约1.67亿元
	// 1.1万余户    → 1.1 × 万户, 1 places, qualifier "余" (more than) → 1.1万余户
	// 6.5億美元    → 6.5 × 亿美元, 1 places, qualifier "" (none) → 6.5亿美元
	// 4%以內      → 4 × %, 0 places, qualifier "以内" (at most) → 4%以内
	// 11.10万人   → 11.1 × 万人, 2 places, qualifier "" (none) → 11.10万人
	// model: parse "1..2万" at byte 0: malformed true
}

// Converting between 万 and 亿 shifts the decimal point exactly; the places
// follow the shift.
func ExampleValue_In() {
	jobs := model.MustParse("11.11万人")
	inYi, _ := jobs.In(model.Yi)
	back, _ := inYi.In(model.Wan)
	fmt.Println(jobs, "=", inYi, "=", back, back.Equal(jobs))

	exports := model.MustParse("261.6亿元")
	inWan, _ := exports.In(model.Wan)
	fmt.Println(exports, "=", inWan)

	_, err := model.MustParse("3.8%").In(model.Wan)
	fmt.Println(errors.Is(err, model.ErrMixedUnits))
	// Output:
	// 11.11万人 = 0.001111亿人 = 11.11万人 true
	// 261.6亿元 = 2616000万元
	// true
}

// A ratio is computed exactly and rounded half-up (away from zero) to the
// places asked for; there is no hidden package-wide precision.
func ExampleValue_Ratio() {
	part, whole := model.MustParse("1万人"), model.MustParse("8万人")
	for _, places := range []int32{1, 2, 3} {
		r, _ := part.Ratio(whole, places) // 0.125
		fmt.Println(places, r)
	}
	neg, _ := model.MustParse("-1万人").Ratio(whole, 2)
	fmt.Println(neg)

	zjh, city := model.MustParse("5210.11万元"), model.MustParse("1.67亿元")
	share, _ := zjh.Ratio(city, 4) // magnitudes converted exactly
	fmt.Println(share)

	_, err := part.Ratio(model.MustParse("0人"), 2)
	fmt.Println(errors.Is(err, model.ErrZeroDivisor))
	_, err = part.Ratio(model.MustParse("1万户"), 2)
	fmt.Println(err)
	// Output:
	// 1 0.1
	// 2 0.13
	// 3 0.125
	// -0.13
	// 0.312
	// true
	// model: divide 1万人 by 1万户: mixed units
}

// Div never divides by zero silently.
func ExampleDiv() {
	q, err := model.Div(decimal.NewFromInt(2), decimal.NewFromInt(3), 2)
	fmt.Println(q, err)
	_, err = model.Div(decimal.NewFromInt(2), decimal.Zero, 2)
	fmt.Println(err)
	// Output:
	// 0.67 <nil>
	// model: divide 2 by zero: zero divisor
}

// Validation reports every problem of a dataset, each naming the record,
// the field and the value.
func ExampleNewDataset() {
	src := model.Source{Doc: "003_4bd1c87e0f82f8e9.txt", Phrase: "占全市40%"}
	d := model.Data{
		Indicators: []model.Indicator{{Code: "firms", Name: "企业数", English: "Firms", Category: "economy", Unit: "家"}},
		Regions: []model.Region{
			{Code: "dalian", Name: "大连市", English: "Dalian", Level: model.City, Parent: "liaoning"},
		},
		Observations: []model.Observation{
			{ID: "a", Indicator: "firms", Region: "dalian", Period: model.YearOf(2020), Kind: model.Share,
				Value: model.MustParse("140%"), Source: src},
			{ID: "b", Indicator: "firm", Region: "dalian", Period: model.YearOf(2020), Kind: model.Level,
				Value: model.MustParse("-3家"), Source: src},
			{ID: "c", Indicator: "firms", Region: "dalian", Period: model.YearOf(2020), Kind: model.Level,
				Value: model.MustParse("3万人")},
		},
	}
	_, err := model.NewDataset(d)
	fmt.Println(err)

	var re *model.RecordError
	if errors.As(err, &re) {
		fmt.Printf("first: record %s, field %s, value %q\n", re.Record, re.Field, re.Value)
	}
	fmt.Println(errors.Is(err, model.ErrMissingSource), errors.Is(err, model.ErrImpossible))
	// Output:
	// model: region "dalian": field parent = "liaoning": unknown region
	// model: observation "a": field value = "140%": impossible value: share outside 0–100%
	// model: observation "b": field indicator = "firm": unknown indicator
	// model: observation "c": field source: missing source
	// model: observation "c": field value = "3万人": unit does not match indicator: level of firms (unit "家") must be in "家"
	// first: record region "dalian", field parent, value "liaoning"
	// true true
}

// ReadJSON reports every broken record with the file, line and column.
func ExampleReadJSON() {
	file := `{
  "observations": [
    {"id": "a", "indicator": "jobs", "region": "dalian", "period": "2020", "kind": "level",
     "value": "1..2万人", "source": {"doc": "000.txt", "phrase": "…", "offset": 0}},
    {"id": "b", "Value": "1万人"}
  ]
}`
	_, err := model.ReadJSON(strings.NewReader(file), "jobs.json")
	fmt.Println(err)
	// Output:
	// model: jobs.json:3:5: observations[0] "a": field value = "1..2万人": malformed at byte 0
	// model: jobs.json:5:17: observations[1]: field Value: unknown field
}

// Periods have a canonical text form and Chinese and English names.
func ExampleParsePeriod() {
	for _, s := range []string{"2020", "2020Q1", "2020-04", "ytd:2020-05-11", "2016..2020"} {
		p, _ := model.ParsePeriod(s)
		fmt.Printf("%-14s %-22s %-22s prev %s\n", p, p.Chinese(), p.English(), p.Prev())
	}
	// Output:
	// 2020           2020年                  2020                   prev 2019
	// 2020Q1         2020年一季度               Q1 2020                prev 2019Q1
	// 2020-04        2020年4月                April 2020             prev 2019-04
	// ytd:2020-05-11 2020年1月1日至5月11日        1 January–11 May 2020  prev ytd:2019-05-11
	// 2016..2020     2016—2020年             2016–2020              prev 2015..2019
}
