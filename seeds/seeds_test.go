package seeds

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/statbrief/statbrief/internal/sourcetexts"
	"github.com/statbrief/statbrief/model"
)

// workReport is the 2020 government work report, the source of the targets.
const workReport = "002_f43de3d8f036b3c9.txt"

// loadSeeds returns the source texts by file name; see sourcetexts.Require.
func loadSeeds(t *testing.T) map[string][]byte {
	t.Helper()
	return sourcetexts.Require(t)
}

func mustLoad(t *testing.T) *model.Dataset {
	t.Helper()
	ds, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return ds
}

// TestLoad: the default dataset loads with zero validation problems and
// holds what the issue asks for.
var update = flag.Bool("update", false, "rewrite the data files in canonical form")

func TestLoad(t *testing.T) {
	ds := mustLoad(t)
	obs, tgts := ds.Observations(), ds.Targets()

	byDoc := map[string]int{}
	byKey := map[string]int{}
	for _, o := range obs {
		byDoc[o.Source.Doc[:3]]++
		byKey[o.Source.Doc[:3]+" "+o.Period.String()+" "+o.Kind.String()]++
	}
	tgtByDoc := map[string]int{}
	for _, tg := range tgts {
		tgtByDoc[tg.Source.Doc]++
	}
	below := map[string]int{}
	for _, o := range obs {
		r, _ := ds.Region(o.Region)
		if r.Level == model.District || r.Level == model.County {
			below[o.Region]++
		}
	}
	t.Logf("%d indicators, %d regions, %d observations, %d targets", len(ds.Indicators()), len(ds.Regions()), len(obs), len(tgts))
	t.Logf("observations by document: %v", byDoc)
	t.Logf("targets by document: %v", tgtByDoc)
	t.Logf("observations below the city: %v", below)
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("  %-28s %d", k, byKey[k])
	}

	checks := []struct {
		what      string
		got, want int
	}{
		{"observations", len(obs), 200},
		{"targets from the work report " + workReport, tgtByDoc[workReport], 20},
		{"regions below the city with observations", len(below), 2},
	}
	for _, c := range checks {
		if c.got < c.want {
			t.Errorf("%s: %d, want at least %d", c.what, c.got, c.want)
		}
	}
}

// TestRegistryOrder: the report lists indicators in dataset order, so the
// registry opens with the headline indicators, most important first.
func TestRegistryOrder(t *testing.T) {
	ds := mustLoad(t)
	want := []string{"gdp", "industrial_value_added", "public_budget_revenue", "fixed_asset_investment",
		"retail_sales", "foreign_trade", "fdi_actual", "disposable_income", "urban_disposable_income",
		"rural_disposable_income", "new_urban_jobs", "registered_unemployment_rate", "cpi", "energy_intensity"}
	var got []string
	for _, in := range ds.Indicators()[:len(want)] {
		got = append(got, in.Code)
	}
	if !slices.Equal(got, want) {
		t.Errorf("first indicators:\n got %v\nwant %v", got, want)
	}
	polarity := map[string]model.Polarity{
		"gdp": model.HigherBetter, "cpi": model.Neutral, "registered_unemployment_rate": model.LowerBetter,
		"energy_intensity": model.LowerBetter, "business_startup_time": model.LowerBetter,
		"work_accidents": model.LowerBetter, "housing_destocking_cycle": model.LowerBetter,
		"new_urban_jobs": model.HigherBetter, "good_air_days": model.HigherBetter,
	}
	for code, p := range polarity {
		in, ok := ds.Indicator(code)
		if !ok {
			t.Errorf("indicator %s missing", code)
		} else if in.Polarity != p {
			t.Errorf("%s: polarity %s, want %s", code, in.Polarity, p)
		}
	}
}

// TestFiles: registry.json holds the documents, peer groups, indicators
// and regions, every other file only observations and targets, so that the
// registry alone fixes the order of indicators.
func TestFiles(t *testing.T) {
	for _, name := range Files() {
		b, err := ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := model.ReadJSON(bytes.NewReader(b), name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		isReg := name == "registry.json"
		if hasDefs := len(d.Indicators)+len(d.Regions)+len(d.Documents)+len(d.Groups) > 0; hasDefs != isReg {
			t.Errorf("%s: %d indicators, %d regions, %d documents and %d groups", name, len(d.Indicators), len(d.Regions), len(d.Documents), len(d.Groups))
		}
		if isReg && len(d.Documents) != 5 {
			t.Errorf("%s: %d documents, want the 5 source texts", name, len(d.Documents))
		}
		if hasRecs := len(d.Observations)+len(d.Targets) > 0; hasRecs == isReg {
			t.Errorf("%s: %d observations and %d targets", name, len(d.Observations), len(d.Targets))
		}
	}
}

// TestCanonical: each data file is in the canonical form model.WriteJSON
// writes, so files stay human-readable and diffs stay small. With -update
// it rewrites the files in that form (after an edit by hand).
func TestCanonical(t *testing.T) {
	for _, name := range Files() {
		t.Run(name, func(t *testing.T) {
			b, err := ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			d, err := model.ReadJSON(bytes.NewReader(b), name)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := model.WriteJSON(&out, d); err != nil {
				t.Fatal(err)
			}
			if *update && !bytes.Equal(out.Bytes(), b) {
				if err := os.WriteFile(filepath.Join("data", name), out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !bytes.Equal(out.Bytes(), b) {
				a, c := out.Bytes(), b
				i := 0
				for i < len(a) && i < len(c) && a[i] == c[i] {
					i++
				}
				t.Errorf("not canonical from byte %d: have %q, canonical %q", i, excerpt(c, i), excerpt(a, i))
			}
		})
	}
}

func excerpt(b []byte, i int) string {
	lo, hi := max(0, i-40), min(len(b), i+40)
	return string(b[lo:hi])
}

// TestIndicatorsUsed: every indicator of the registry has a figure or a
// target, except energy_intensity, whose 2020 target (单位GDP能耗降低完成省
// 下达计划目标) states no number.
func TestIndicatorsUsed(t *testing.T) {
	ds := mustLoad(t)
	used := map[string]bool{"energy_intensity": true}
	for _, o := range ds.Observations() {
		used[o.Indicator] = true
	}
	for _, tg := range ds.Targets() {
		used[tg.Indicator] = true
		if tg.WithIndicator != "" {
			used[tg.WithIndicator] = true
		}
	}
	for _, in := range ds.Indicators() {
		if !used[in.Code] {
			t.Errorf("indicator %s (%s) has no observation or target", in.Code, in.Name)
		}
		if in.English == "" || in.English == in.Code {
			t.Errorf("indicator %s: English name %q", in.Code, in.English)
		}
	}
}

// record is what the source checks need of an observation or a target.
type record struct {
	id    string
	kind  model.Kind // model.Rank for ranks; otherwise unused except Growth/Gap/Change for signs
	value model.NullValue
	src   model.Source
}

func records(ds *model.Dataset) []record {
	var rs []record
	for _, o := range ds.Observations() {
		rs = append(rs, record{o.ID, o.Kind, model.Some(o.Value), o.Source})
	}
	for _, tg := range ds.Targets() {
		rs = append(rs, record{tg.ID, tg.Measure, tg.Value, tg.Source})
	}
	return rs
}

// TestSources: every observation's and target's phrase occurs verbatim in
// its source text at its recorded byte offset, and the record's value
// occurs in its phrase (see valueInPhrase for the rule).
func TestSources(t *testing.T) {
	docs := loadSeeds(t)
	ds := mustLoad(t)
	n := 0
	for _, r := range records(ds) {
		text, ok := docs[r.src.Doc]
		if !ok {
			t.Errorf("%s: unknown document %q", r.id, r.src.Doc)
			continue
		}
		if !strings.HasPrefix(r.id, r.src.Doc[:3]+".") {
			t.Errorf("%s: id does not start with the document's number %s", r.id, r.src.Doc[:3])
		}
		p := []byte(r.src.Phrase)
		switch {
		case r.src.Offset < 0 || r.src.Offset+len(p) > len(text):
			t.Errorf("%s: offset %d outside %s (%d bytes)", r.id, r.src.Offset, r.src.Doc, len(text))
			continue
		case !bytes.Equal(text[r.src.Offset:r.src.Offset+len(p)], p):
			t.Errorf("%s: phrase %q not at byte %d of %s (first found at %d)", r.id, r.src.Phrase, r.src.Offset, r.src.Doc, bytes.Index(text, p))
			continue
		}
		if strings.ContainsAny(r.src.Phrase, "?\uFFFD") {
			t.Errorf("%s: phrase %q has a garbled character", r.id, r.src.Phrase)
		}
		if r.value.Valid {
			if err := valueInPhrase(r.value.Value, r.kind, r.src.Phrase); err != nil {
				t.Errorf("%s: %v", r.id, err)
			}
		}
		n++
	}
	t.Logf("%d records checked against %d source texts", n, len(docs))
}

// valueInPhrase reports whether v is written in phrase. The rule:
//
//   - The number as published, without its sign and with its decimal places
//     ("6.5", "0.4", "11.11", "20793.61"), occurs in the phrase, not as part
//     of a longer number: the characters before and after it are neither
//     digits nor a decimal point. A rank of 1 to 10 may be written in
//     Chinese ("第一", "第九"), a rank of 1 also as 首 ("之首", "首位").
//     A whole 10, 100 or 1000 may be written 十, 百 or 千 with no other
//     Chinese numeral next to it (近千名 for 近1000名, 十余万名 for
//     10万余名, 近百条 for 近100条).
//   - A value with a magnitude word has it right after that number (after
//     余/多 where the text puts them first): 万 or 萬, 亿 or 億.
//   - A negative growth, change or gap is written with a word of decline:
//     下降, 降, 减少 (減少), 低于 (低於).
//   - A qualifier is written with its word or an equivalent: 约 (約), 近,
//     超过 (超過, 超, 突破, 逾), 余 (餘, 多), 以上, 以内 (以內, 以下, 内, 內,
//     不超过, 不超過), 左右.
//
// Units are not checked: the phrase may count people in 名 where the
// indicator counts 人, and per-capita units are spread over the sentence.
func valueInPhrase(v model.Value, kind model.Kind, phrase string) error {
	num := v.Num.Abs().StringFixed(v.Places)
	mag := map[model.Magnitude][]string{model.Wan: {"万", "萬"}, model.Yi: {"亿", "億"}, model.WanYi: {"万亿", "萬億"}}[v.Unit.Mag]
	found := numberAt(phrase, num, mag, isNumByte)
	if !found && v.Places == 0 {
		// a round number written in Chinese: 近千名 (近1000名), 十余万名 (10万余名), 近百条
		if zh, ok := map[string]string{"10": "十", "100": "百", "1000": "千"}[num]; ok {
			found = numberAt(phrase, zh, mag, isNumByte)
		}
	}
	if !found && kind == model.Rank && v.Num.IsInteger() {
		n := v.Num.IntPart()
		if n >= 1 && n <= 10 {
			found = strings.Contains(phrase, "第"+[]string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}[n])
		}
		if n == 1 {
			found = found || strings.Contains(phrase, "首")
		}
	}
	if !found {
		if len(mag) > 0 {
			return fmt.Errorf("value %s: %q followed by %s not in phrase %q", v, num, mag[0], phrase)
		}
		return fmt.Errorf("value %s: number %q not in phrase %q", v, num, phrase)
	}
	if v.Num.IsNegative() && (kind == model.Growth || kind == model.Change || kind == model.Gap) &&
		!containsAny(phrase, "下降", "降", "减少", "減少", "低于", "低於") {
		return fmt.Errorf("value %s: negative, but phrase %q has no word of decline", v, phrase)
	}
	words := map[model.Qualifier][]string{
		model.About:    {"约", "約"},
		model.Nearly:   {"近"},
		model.Over:     {"超过", "超過", "超", "突破", "逾"},
		model.MoreThan: {"余", "餘", "多"},
		model.AtLeast:  {"以上"},
		model.AtMost:   {"以内", "以內", "以下", "内", "內", "不超过", "不超過"},
		model.Around:   {"左右"},
	}[v.Qual]
	if len(words) > 0 && !containsAny(phrase, words...) {
		return fmt.Errorf("value %s: qualifier %q not in phrase %q", v, v.Word, phrase)
	}
	return nil
}

// numberAt reports whether num occurs in phrase with neither a digit nor
// a decimal point before or after it (digits: isDigit; for a number in
// Chinese characters, also no Chinese numeral before or after it), and,
// when mag is not empty, one of the magnitude words right after it (after
// 余/多).
func numberAt(phrase, num string, mag []string, isDigit func(byte) bool) bool {
	zh := num[0] >= 0x80
	for i := 0; ; {
		j := strings.Index(phrase[i:], num)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(num)
		i = start + 1
		if zh {
			before, _ := utf8.DecodeLastRuneInString(phrase[:start])
			after, _ := utf8.DecodeRuneInString(phrase[end:])
			if strings.ContainsRune(chineseNumerals, before) || strings.ContainsRune(chineseNumerals, after) ||
				start > 0 && isNumByte(phrase[start-1]) || end < len(phrase) && isNumByte(phrase[end]) {
				continue
			}
		} else if start > 0 && isDigit(phrase[start-1]) || end < len(phrase) && isDigit(phrase[end]) {
			continue
		}
		if len(mag) > 0 {
			rest := phrase[end:]
			for _, w := range []string{"余", "餘", "多"} {
				rest = strings.TrimPrefix(rest, w)
			}
			if !hasAnyPrefix(rest, mag) {
				continue
			}
		}
		return true
	}
}

// chineseNumerals are the characters a number in Chinese is written with.
// (万 and 亿 are magnitudes, checked as such).
const chineseNumerals = "零〇一二三四五六七八九十百千两兩几幾"

func isNumByte(c byte) bool { return c >= '0' && c <= '9' || c == '.' }

func hasAnyPrefix(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// TestValueInPhrase pins the rule TestSources applies, including the cases
// it must reject.
func TestValueInPhrase(t *testing.T) {
	tests := []struct {
		value  string
		kind   model.Kind
		phrase string
		ok     bool
	}{
		{"6.5%", model.Growth, "地區生產總值可比增長6.5%", true},
		{"0.4个百分点", model.Gap, "分別高于全國、全省0.4和1個百分點", true},
		{"1个百分点", model.Gap, "分別高于全國、全省0.4和1個百分點", true},
		{"11.11万人", model.Level, "新增就业11.11万人", true},
		{"1.1万余户", model.Level, "为1.1万余户企业", true},
		{"4亿余元", model.Level, "等補貼4億余元", true},
		{"-1.6%", model.Growth, "一般公共預算收入下降1.6%", true},
		{"1", model.Rank, "位居15個副省級城市之首", true},
		{"1", model.Rank, "居全省第一", true},
		{"9", model.Rank, "由第23位上升至第9位", true},
		{"约1.67亿元", model.Level, "合计发放价格临时补贴约1.67亿元", true},
		{"65个工作日以内", model.Level, "審批不超過65個工作日", true},
		{"近1000人", model.Level, "近千名干部驻村工作", true},
		{"10万余人", model.Level, "与十余万名志愿者共同维护", true},
		{"10万人", model.Level, "十万人", true},
		{"近100条", model.Level, "目前运营航线近百条", true},
		// rejected
		{"1.6%", model.Growth, "增長11.6%", false},       // part of a longer number
		{"6.50%", model.Growth, "增長6.5%", false},       // places differ
		{"11.11亿元", model.Level, "新增就业11.11万人", false}, // magnitude differs
		{"11.11万人", model.Level, "新增就业11.11人", false},  // magnitude missing
		{"-1.6%", model.Growth, "一般公共預算收入增長1.6%", false},
		{"约1.67亿元", model.Level, "发放补贴1.67亿元", false}, // qualifier missing
		{"2", model.Rank, "居全省第一", false},
		{"1", model.Rank, "第10位", false},
		{"1000人", model.Level, "三千名干部", false},   // another numeral before it
		{"10个", model.Level, "十五个", false},       // another numeral after it
		{"100万人", model.Level, "近百名", false},     // magnitude missing
		{"1000人", model.Level, "1000.5人", false}, // part of a longer number
	}
	for _, tt := range tests {
		v := model.MustParse(tt.value)
		err := valueInPhrase(v, tt.kind, tt.phrase)
		if (err == nil) != tt.ok {
			t.Errorf("valueInPhrase(%s, %s, %q) = %v, want ok=%v", tt.value, tt.kind, tt.phrase, err, tt.ok)
		}
	}
}

// simplifiedOf lists the characters indicator and region names may use
// although only their traditional form occurs in the seed texts (in 002).
// They are GB 2312 characters, which the embedded PDF font keeps besides
// every seed character (export/pdf/font/embedded checks the font itself).
var simplifiedOf = map[rune]rune{'厕': '廁', '赁': '賃', '艺': '藝', '赠': '贈', '兰': '蘭'}

// TestNamesInSeedCharset: the PDF font subset is built from the seed texts,
// so indicator and region names keep to their characters. A character
// outside them is allowed only as the simplified form of a traditional
// character of the texts (simplifiedOf). This is why the indicator of
// 001's 许氏平鲷 (the fish is properly 许氏平鲉) is named as published: 鲉
// occurs in no seed text.
func TestNamesInSeedCharset(t *testing.T) {
	docs := loadSeeds(t)
	have := map[rune]bool{}
	for _, b := range docs {
		for _, r := range string(b) {
			have[r] = true
		}
	}
	for s, tr := range simplifiedOf {
		if !have[tr] {
			t.Errorf("simplifiedOf: %q: traditional %q does not occur in the seed texts", s, tr)
		}
	}
	ds := mustLoad(t)
	check := func(what, s string) {
		for _, r := range s {
			if r < utf8.RuneSelf || have[r] || have[simplifiedOf[r]] {
				continue
			}
			t.Errorf("%s %q: character %q does not occur in the seed texts", what, s, r)
		}
	}
	for _, in := range ds.Indicators() {
		check("indicator "+in.Code, in.Name)
	}
	for _, r := range ds.Regions() {
		check("region "+r.Code, r.Name)
	}
}
