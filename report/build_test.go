package report

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/seeds"
)

// miniData is a small dataset exercising every derivation Build makes.
func miniData() model.Data {
	src := func(p string) model.Source { return model.Source{Doc: "mini.txt", Phrase: p} }
	src2 := func(p string) model.Source { return model.Source{Doc: "other.txt", Phrase: p} }
	o := func(id, ind, region, period string, k model.Kind, v string, s model.Source) model.Observation {
		p, _ := model.ParsePeriod(period)
		return model.Observation{ID: id, Indicator: ind, Region: region, Period: p, Kind: k, Value: model.MustParse(v), Source: s}
	}
	gap := func(id, ind, vs, period string, measure model.Kind, v string) model.Observation {
		x := o(id, ind, "city", period, model.Gap, v, src(v))
		x.Ref, x.Measure = vs, measure
		return x
	}
	share := o("s1", "firms", "zone", "2020", model.Share, "40%", src("占全市40%"))
	share.Ref = "city"
	d := model.Data{
		Indicators: []model.Indicator{
			{Code: "gdp", Name: "地区生产总值", English: "Gross regional product", Category: "economy", Unit: "元", Polarity: model.HigherBetter},
			{Code: "jobs", Name: "城镇新增就业", English: "New urban jobs", Category: "employment", Unit: "人", Polarity: model.HigherBetter},
			{Code: "unemp", Name: "城镇登记失业率", English: "Registered urban unemployment rate", Category: "employment", Unit: "%", Polarity: model.LowerBetter},
			{Code: "firms", Name: "高新技术企业", English: "High-tech enterprises", Category: "innovation", Unit: "家", Polarity: model.HigherBetter, UnitEnglish: "enterprises"},
			{Code: "cpi", Name: "居民消费价格", English: "Consumer prices", Category: "prices", Unit: "%", Polarity: model.Neutral},
		},
		Regions: []model.Region{
			{Code: "china", Name: "全国", English: "China", Level: model.Nation},
			{Code: "prov", Name: "辽宁省", English: "Liaoning", Level: model.Province, Parent: "china"},
			{Code: "city", Name: "大连市", English: "Dalian", Level: model.City, Parent: "prov"},
			{Code: "zone", Name: "高新区", English: "High-tech Zone", Level: model.District, Parent: "city"},
		},
		Observations: []model.Observation{
			o("g20", "gdp", "city", "2020", model.Growth, "0.9%", src("增长0.9%")),
			gap("g20n", "gdp", "china", "2020", model.Growth, "-1.4个百分点"),
			gap("g20p", "gdp", "prov", "2020", model.Growth, "0.3个百分点"),
			o("l20", "gdp", "city", "2020", model.Level, "7030.4亿元", src("7030.4亿元")),
			o("l19", "gdp", "city", "2019", model.Level, "7001.7亿元", src("7001.7亿元")),
			o("g19", "gdp", "city", "2019", model.Growth, "6.5%", src("增长6.5%")),
			gap("g19n", "gdp", "china", "2019", model.Growth, "0.4个百分点"),
			gap("g19p", "gdp", "prov", "2019", model.Growth, "1个百分点"),
			o("j20", "jobs", "city", "2020", model.Level, "11.11万人", src("11.11万人")),
			o("j20b", "jobs", "city", "2020", model.Level, "11.2万人", src2("11.2万人")),
			o("j19", "jobs", "city", "2019", model.Level, "11.6万人", src("11.6万人")),
			o("u20", "unemp", "city", "2020Q1", model.Rate, "2.65%", src("2.65%")),
			func() model.Observation {
				x := gap("u20n", "unemp", "china", "2020Q1", model.Rate, "-1.01个百分点")
				return x
			}(),
			o("c20", "cpi", "city", "2020", model.Growth, "2.1%", src("上涨2.1%")),
			o("f20", "firms", "zone", "2020", model.Level, "967家", src("967家")),
			share,
			o("f20c", "firms", "city", "2020", model.Level, "2500家", src("2500家")),
		},
		Targets: []model.Target{
			{ID: "t-jobs", Indicator: "jobs", Region: "city", Period: model.YearOf(2020), Kind: model.ReachTarget, Measure: model.Level, Value: model.Some(model.MustParse("9.6万人")), Source: src("9.6万人")},
			{ID: "t-cpi", Indicator: "cpi", Region: "city", Period: model.YearOf(2020), Kind: model.AtMostTarget, Measure: model.Growth, Value: model.Some(model.MustParse("4%")), Source: src("4%以内")},
			{ID: "t-gdp", Indicator: "gdp", Region: "city", Period: model.YearOf(2020), Kind: model.InStepTarget, Measure: model.Growth, With: "china", Source: src("与全国同步")},
			{ID: "t-firms", Indicator: "firms", Region: "city", Period: model.YearOf(2020), Kind: model.AtLeastTarget, Measure: model.Level, Value: model.Some(model.MustParse("3000家")), Source: src("3000家")},
		},
	}
	for i := range d.Observations {
		if d.Observations[i].Kind == model.Gap && d.Observations[i].Ref == "china" && d.Observations[i].Indicator == "unemp" {
			d.Observations[i].Measure = model.Rate
		}
	}
	return d
}

func miniDataset(t testing.TB) *model.Dataset {
	t.Helper()
	ds, err := model.NewDataset(miniData())
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func cellTexts(doc *Document, table string) [][]string {
	var out [][]string
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			if t, ok := b.(Table); ok && t.ID == table {
				for _, r := range t.Rows {
					var row []string
					for _, c := range r.Cells {
						switch c.Kind {
						case FigureCell:
							row = append(row, c.Figure.Text(doc.Meta.Lang))
						case StatusCell:
							row = append(row, StatusText(c.Status, doc.Meta.Lang))
						case TextCell:
							row = append(row, c.Text)
						default:
							row = append(row, Dash)
						}
					}
					out = append(out, row)
				}
			}
		}
	}
	return out
}

func findRow(rows [][]string, prefix ...string) []string {
	for _, r := range rows {
		ok := true
		for i, p := range prefix {
			if i >= len(r) || r[i] != p {
				ok = false
			}
		}
		if ok {
			return r
		}
	}
	return nil
}

func TestBuildMini(t *testing.T) {
	doc, err := Build(context.Background(), miniDataset(t), Spec{Region: "city", Year: 2020})
	if err != nil {
		t.Fatal(err)
	}
	head := cellTexts(doc, "headline")
	// GDP 2020: stated growth, implied national −1.4 → 2.3%, province 0.6%
	if r := findRow(head, "地区生产总值", "2020年"); r == nil || r[4] != "+0.9%" || r[5] != "+2.3%" || r[6] != "-1.4个百分点" || r[7] != "+0.6%" {
		t.Errorf("GDP 2020 row = %q", r)
	}
	// jobs: YoY derived from two levels: 11.11 / 11.6 − 1 = −4.2%
	if r := findRow(head, "城镇新增就业", "2020年"); r == nil || r[2] != "11.11万人" || r[3] != "11.6万人" || r[4] != "-4.2%" {
		t.Errorf("jobs 2020 row = %q", r)
	}
	// unemployment Q1: rate, national implied 3.66%
	if r := findRow(head, "城镇登记失业率", "2020年一季度"); r == nil || r[2] != "2.65%" || r[5] != "3.66%" {
		t.Errorf("unemployment row = %q", r)
	}
	tg := cellTexts(doc, "targets")
	if r := findRow(tg, "城镇新增就业"); r == nil || r[3] != "超额完成" || r[5] != "115.7%" {
		t.Errorf("jobs target row = %q", r)
	}
	if r := findRow(tg, "居民消费价格（增速）"); r == nil || r[3] != "完成" || r[6] != "1.9个百分点" {
		t.Errorf("cpi target row = %q", r)
	}
	if r := findRow(tg, "地区生产总值（增速）"); r == nil || r[3] != "未完成" {
		t.Errorf("gdp in-step target row = %q (1.4 points below China is not in step)", r)
	}
	if r := findRow(tg, "高新技术企业"); r == nil || r[3] != "未完成" || r[4] != "-500家" || r[5] != "83.3%" {
		t.Errorf("firms target row = %q", r)
	}
	reg := cellTexts(doc, "regions")
	if r := findRow(reg, "高新区", "高新技术企业"); r == nil || r[4] != "40%" || r[5] != "38.7%" || r[7] != "约2418家" {
		t.Errorf("zone row = %q", r)
	}
	chk := cellTexts(doc, "checks")
	var kinds []string
	for _, r := range chk {
		kinds = append(kinds, r[1]+":"+r[5])
	}
	// stated share 40% vs 967/2500 = 38.68% → inconsistent; GDP growth 0.9% vs 7030.4/7001.7 → 0.4% inconsistent;
	// jobs from two sources: 11.11 vs 11.2 → inconsistent
	want := []string{"增速:不符", "不同来源:不符", "占比:不符"}
	for _, w := range want {
		if !strings.Contains(strings.Join(kinds, " "), w) {
			t.Errorf("checks %v lack %s", kinds, w)
		}
	}
	var text bytes.Buffer
	if err := WriteJSON(&text, doc); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), `"type": "chart"`) {
		t.Error("no chart in document")
	}
}

func TestBuildSpecErrors(t *testing.T) {
	ds := miniDataset(t)
	ctx := context.Background()
	cases := []struct {
		spec Spec
		err  error
	}{
		{Spec{Region: "atlantis"}, ErrUnknownRegion},
		{Spec{Region: "city", Year: 1999}, ErrNoData},
		{Spec{Region: "city", Sections: []string{"nope"}}, ErrUnknownSection},
		{Spec{Region: "city", Indicators: []string{"nope"}}, ErrUnknownIndicator},
		{Spec{Region: "city", Lang: "fr"}, ErrUnknownLang},
	}
	for _, c := range cases {
		_, err := Build(ctx, ds, c.spec)
		var se *SpecError
		if !errors.Is(err, c.err) || !errors.As(err, &se) {
			t.Errorf("Build(%+v) err = %v, want %v", c.spec, err, c.err)
		}
		for _, other := range []error{ErrUnknownRegion, ErrNoData, ErrUnknownSection, ErrUnknownIndicator, ErrUnknownLang} {
			if other != c.err && errors.Is(err, other) {
				t.Errorf("Build(%+v) err = %v is also %v", c.spec, err, other)
			}
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Build(cctx, ds, Spec{Region: "city"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Build err = %v", err)
	}
}

// TestBuildEnglishHasNoChinese: an English document that omits the
// original phrases holds no Chinese.
func TestBuildEnglishHasNoChinese(t *testing.T) {
	doc, err := Build(context.Background(), miniDataset(t), Spec{Region: "city", Year: 2020, Lang: English, OmitPhrases: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, txt := range visibleTexts(doc) {
		if r, ok := hanzi(txt); ok {
			t.Fatalf("Chinese character %q in English text %q", r, txt)
		}
	}
}

// visibleTexts returns every string a reader (or a renderer) can see of
// doc — titles, metadata, narrative, every cell of every table (rows
// supplied by a RowSource too), reasons, derivation formulas, charts,
// citations and method notes — except in the sections named.
func visibleTexts(doc *Document, skip ...string) []string {
	lang := doc.Meta.Lang
	out := []string{doc.Title, doc.Subtitle, doc.Meta.RegionName, doc.Meta.Subject}
	out = append(out, doc.Meta.Keywords...)
	for _, d := range doc.Meta.Documents {
		out = append(out, d.Title)
	}
	for _, c := range doc.Sources {
		out = append(out, c.Title, c.Phrase, c.Text(lang))
	}
	for _, m := range doc.Methods {
		out = append(out, m.Title, m.Text, m.Formula)
	}
	fig := func(f Figure) {
		out = append(out, f.Text(lang), f.Reason)
		if f.Derived != nil {
			out = append(out, f.Derived.Formula)
			for _, in := range f.Derived.Inputs {
				out = append(out, in.Label)
			}
		}
	}
	for _, s := range doc.Sections {
		if slices.Contains(skip, s.ID) {
			continue
		}
		out = append(out, s.Title)
		for _, b := range s.Blocks {
			switch b := b.(type) {
			case Heading:
				out = append(out, b.Text)
			case Paragraph:
				out = append(out, b.Text)
			case Note:
				out = append(out, b.Text)
			case Cards:
				for _, c := range b.Items {
					out = append(out, c.Label)
					fig(c.Value)
					fig(c.Change)
				}
			case Table:
				out = append(out, b.Title)
				out = append(out, b.Notes...)
				for _, c := range b.Columns {
					out = append(out, c.Header)
				}
				for i := range b.Len() {
					for _, c := range b.Row(i).Cells {
						out = append(out, c.Text)
						switch c.Kind {
						case FigureCell:
							fig(c.Figure)
						case StatusCell:
							out = append(out, StatusText(c.Status, lang))
						}
					}
				}
			case Chart:
				out = append(out, b.Title, b.Unit)
				out = append(out, b.Notes...)
				out = append(out, b.Categories...)
				for _, se := range b.Series {
					out = append(out, se.Name)
					for _, v := range se.Values {
						fig(v)
					}
				}
			}
		}
	}
	return out
}

// hanzi reports the first Chinese character or punctuation in s.
func hanzi(s string) (rune, bool) {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF {
			return r, true
		}
	}
	return 0, false
}

// A district's briefing sets its figures against its city: the stated
// share, and a rank, in the table and the narrative; the nation and
// province columns are dropped when no row has a figure for them.
func TestBuildDistrict(t *testing.T) {
	d := miniData()
	rank := model.Observation{ID: "r1", Indicator: "firms", Region: "zone", Period: model.YearOf(2020), Kind: model.Rank,
		Among: "city", Value: model.MustParse("1"), Source: model.Source{Doc: "mini.txt", Phrase: "居全市第一"}}
	d.Observations = append(d.Observations, rank)
	ds, err := model.NewDataset(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang            Lang
		header, phrase  string
		noColumnHeaders []string
	}{
		// the rank right after the figure it ranks; no unit the name says
		{Chinese, "占全市", "高新区高新技术企业967家，居全市首位，占全市40%。", []string{"全国", "全省"}},
		{English, "Share of Dalian", "High-tech Zone's high-tech enterprises reached 967, ranking 1st in Dalian, 40% of Dalian's total.", []string{"China", "Liaoning"}},
	} {
		doc, err := Build(context.Background(), ds, Spec{Region: "zone", Year: 2020, Lang: c.lang, Sections: []string{SectionHeadline}})
		if err != nil {
			t.Fatal(err)
		}
		var tab Table
		var para string
		for _, b := range doc.Sections[0].Blocks {
			switch b := b.(type) {
			case Table:
				tab = b
			case Paragraph:
				para += b.Text
			}
		}
		var headers []string
		for _, col := range tab.Columns {
			headers = append(headers, col.Header)
		}
		if !slices.Contains(headers, c.header) || !slices.Contains(headers, rankHeader(c.lang)) {
			t.Errorf("%s: headers %q lack %q or the rank column", c.lang, headers, c.header)
		}
		for _, h := range c.noColumnHeaders {
			if slices.Contains(headers, h) {
				t.Errorf("%s: empty comparison column %q kept", c.lang, h)
			}
		}
		if !strings.Contains(para, c.phrase) {
			t.Errorf("%s: narrative %q lacks %q", c.lang, para, c.phrase)
		}
	}
}

// rankHeader is the rank column's header in lang.
func rankHeader(l Lang) string { return labelsFor(l).colRank }

// Hash is stable for the same document, differs when any figure, text or
// citation differs, and is much cheaper than encoding the document.
func TestHash(t *testing.T) {
	ds := miniDataset(t)
	build := func(s Spec) *Document {
		doc, err := Build(context.Background(), ds, s)
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	a, b := build(Spec{Region: "city", Year: 2020}), build(Spec{Region: "city", Year: 2020})
	if Hash(a) != Hash(b) {
		t.Fatal("two builds of one spec hash differently")
	}
	if Hash(a) == Hash(build(Spec{Region: "city", Year: 2020, Lang: English})) {
		t.Error("Chinese and English documents hash alike")
	}
	// change one figure deep in a table
	for si, s := range b.Sections {
		for bi, blk := range s.Blocks {
			if tab, ok := blk.(Table); ok && tab.ID == "headline" {
				tab.Rows = append([]Row(nil), tab.Rows...)
				cells := append([]Cell(nil), tab.Rows[0].Cells...)
				for ci := range cells {
					if cells[ci].Kind == FigureCell && cells[ci].Figure.Valid {
						cells[ci].Figure.Value.Places++
						break
					}
				}
				tab.Rows[0].Cells = cells
				b.Sections[si].Blocks[bi] = tab
			}
		}
	}
	if Hash(a) == Hash(b) {
		t.Error("a figure shown with one more place did not change the hash")
	}
	c := build(Spec{Region: "city", Year: 2020})
	c.Sources = append([]Citation(nil), c.Sources...)
	c.Sources[0].Phrase += "。"
	if Hash(a) == Hash(c) {
		t.Error("a changed source phrase did not change the hash")
	}
}

// Bad input at the level of a briefing: a region without parent (the
// nation's own briefing), a missing last-year level, a nil dataset. Each
// gives a typed error or a "not assessable" entry with its reason, never a
// panic or a made-up number.
func TestBuildBadInput(t *testing.T) {
	ds := miniDataset(t)
	ctx := context.Background()
	if _, err := Build(ctx, nil, Spec{}); !errors.Is(err, ErrNoData) || !errors.Is(err, ErrNilDataset) {
		t.Errorf("nil dataset: %v", err)
	}
	// the nation has no parent: its briefing builds, without a share
	// column or a comparison with itself
	d := miniData()
	d.Observations = append(d.Observations, model.Observation{ID: "n20", Indicator: "cpi", Region: "china",
		Period: model.YearOf(2020), Kind: model.Growth, Value: model.MustParse("2.5%"), Source: model.Source{Doc: "n.txt", Phrase: "上涨2.5%"}})
	nds, err := model.NewDataset(d)
	if err != nil {
		t.Fatal(err)
	}
	nation, err := Build(ctx, nds, Spec{Region: "china", Year: 2020})
	if err != nil {
		t.Fatalf("nation: %v", err)
	}
	for _, s := range nation.Sections {
		for _, blk := range s.Blocks {
			if tab, ok := blk.(Table); ok && tab.ID == "headline" {
				for _, c := range tab.Columns {
					if c.Key == "share" || c.Key == "nation" {
						t.Errorf("nation's headline has column %q", c.Key)
					}
				}
			}
		}
	}
	// CPI 2020 has a stated growth but no levels: the year-before column is
	// a dash with no number behind it, not a zero
	doc, err := Build(ctx, ds, Spec{Region: "city", Year: 2020, Sections: []string{SectionHeadline}})
	if err != nil {
		t.Fatal(err)
	}
	for _, blk := range doc.Sections[0].Blocks {
		tab, ok := blk.(Table)
		if !ok {
			continue
		}
		prevCol := slices.IndexFunc(tab.Columns, func(c Column) bool { return c.Key == "prev" })
		for _, r := range tab.Rows {
			if r.Cells[0].Text == "居民消费价格" && r.Cells[1].Text == "2020年" {
				if c := r.Cells[prevCol]; c.Kind != EmptyCell || c.Figure.Valid {
					t.Errorf("CPI 2020 year-before cell = %+v, want an empty cell", c)
				}
				return
			}
		}
	}
	t.Error("no CPI 2020 row in the headline")
}

// English briefings built with Spec.OmitPhrases — the city's and its
// districts' — have no Chinese left in any section, the data listing and
// the source list included (they cite a document by its English title,
// file name and byte offset): every indicator, region, document and peer
// group of the dataset has an English name. By default the phrases as
// published appear, in the citations, the source list and the data
// listing, and they are the only Chinese.
func TestEnglishPhrases(t *testing.T) {
	ds, err := seeds.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, region := range []string{"dalian", "gaoxin", "zhuanghe"} {
		bare, err := Build(context.Background(), ds, Spec{Region: region, Year: 2020, Lang: English, OmitPhrases: true})
		if err != nil {
			t.Fatal(err)
		}
		sections := 0
		for _, s := range bare.Sections {
			if s.ID == SectionData || s.ID == SectionSources {
				sections++
			}
		}
		if sections != 2 {
			t.Fatalf("%s: the data and sources sections are missing", region)
		}
		for _, txt := range visibleTexts(bare) {
			if r, ok := hanzi(txt); ok {
				t.Fatalf("%s with OmitPhrases: Chinese character %q in English text %q", region, r, txt)
			}
		}
		for _, c := range bare.Sources {
			if c.Phrase != "" {
				t.Fatalf("%s with OmitPhrases: citation %d quotes %q", region, c.N, c.Phrase)
			}
		}
		doc, err := Build(context.Background(), ds, Spec{Region: region, Year: 2020, Lang: English})
		if err != nil {
			t.Fatal(err)
		}
		phrases := map[string]bool{}
		for _, c := range doc.Sources {
			if _, ok := hanzi(c.Phrase); ok {
				phrases[c.Phrase] = true
			}
		}
		if len(phrases) == 0 || len(doc.Sources) != len(bare.Sources) {
			t.Errorf("%s: %d citations quote a phrase (of %d)", region, len(phrases), len(doc.Sources))
		}
		for _, c := range doc.Sources {
			if c.Phrase == "" {
				t.Errorf("%s: citation %d quotes no phrase", region, c.N)
			}
		}
		quoted := maps.Clone(phrases) // and those of the data listing
		for _, o := range ds.Observations() {
			quoted[o.Source.Phrase] = true
		}
		var pairs []string
		longest := slices.SortedFunc(maps.Keys(quoted), func(a, b string) int { return len(b) - len(a) })
		for _, p := range longest {
			pairs = append(pairs, p, "")
		}
		strip := strings.NewReplacer(pairs...)
		for _, txt := range visibleTexts(doc) {
			if r, ok := hanzi(strip.Replace(txt)); ok {
				t.Fatalf("%s: Chinese character %q outside a quoted phrase in %q", region, r, txt)
			}
		}
		for _, id := range []string{"data", "sources"} {
			if tab := findTable(doc, id); tab == nil || tab.Columns[len(tab.Columns)-1].Key != "phrase" {
				t.Errorf("%s: table %s has no phrase column", region, id)
			}
			if tab := findTable(bare, id); tab == nil || slices.ContainsFunc(tab.Columns, func(c Column) bool { return c.Key == "phrase" }) {
				t.Errorf("%s with OmitPhrases: table %s quotes the phrase", region, id)
			}
		}
	}
}

// findTable returns the first table of doc with the ID, or nil.
func findTable(doc *Document, id string) *Table {
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			if t, ok := b.(Table); ok && t.ID == id {
				return &t
			}
		}
	}
	return nil
}
