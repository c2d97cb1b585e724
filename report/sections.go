package report

import (
	"slices"
	"strconv"

	"github.com/statbrief/statbrief/model"
)

// data lists every observation of the briefing's year with its source,
// and every other observation the document shows or computes a figure
// from (last year's levels, the national rate behind a gap): the 数据
// sheet of a workbook, an appendix of a PDF, where a workbook's formulas
// find their inputs. The year's observations are those of its periods —
// the year, its quarters and months, the year to a date — and of
// multi-year spans ending in it.
func (b *builder) data() Section {
	l := b.l
	tab := Table{ID: "data", Title: l.secData, Columns: []Column{
		{Key: "id", Header: l.colID, Kind: TextCell},
		{Key: "indicator", Header: l.colIndicator, Kind: TextCell},
		{Key: "region", Header: l.colRegion, Kind: TextCell},
		{Key: "period", Header: l.colPeriod, Kind: TextCell},
		{Key: "kind", Header: l.colKind, Kind: TextCell},
		{Key: "basis", Header: l.colBasis, Kind: TextCell},
		{Key: "value", Header: l.colValue, Kind: FigureCell},
		{Key: "doc", Header: l.colDoc, Kind: TextCell},
		{Key: "offset", Header: l.colOffset, Kind: FigureCell, Count: true},
	}}
	quotes := b.quotes()
	if quotes {
		tab.Columns = append(tab.Columns, Column{Key: "phrase", Header: l.colPhrase, Kind: TextCell})
	}
	used := b.shownObservations()
	var idx []int32
	for i := range b.obs {
		if inYear(b.obs[i].Period, b.year) || used[b.obs[i].ID] {
			idx = append(idx, int32(i))
		}
	}
	if len(idx) == 0 {
		return Section{ID: SectionData, Title: l.secData, Blocks: []Block{Paragraph{Text: l.noData}}}
	}
	tab.Source = &dataRows{obs: b.obs, idx: idx, l: l, quotes: quotes,
		names: &builder{ds: b.ds, l: l, lang: b.lang, region: b.region, spec: b.spec}}
	return Section{ID: SectionData, Title: l.secData, Blocks: []Block{tab}}
}

// shownObservations is the set of observation IDs the sections built so
// far show (a cell's or card's figure) or compute a figure from (a
// derivation's inputs).
func (b *builder) shownObservations() map[string]bool {
	used := map[string]bool{}
	fig := func(f Figure) {
		if f.Derived != nil {
			for _, in := range f.Derived.Inputs {
				used[in.Ref] = true
			}
		}
	}
	for _, s := range b.doc.Sections {
		for _, bl := range s.Blocks {
			switch bl := bl.(type) {
			case Table:
				for _, r := range bl.Rows {
					for _, c := range r.Cells {
						used[c.Obs] = true
						fig(c.Figure)
					}
				}
			case Cards:
				for _, c := range bl.Items {
					used[c.Obs] = true
					fig(c.Value)
					fig(c.Change)
				}
			}
		}
	}
	delete(used, "")
	return used
}

// dataRows is the data table's RowSource: one row per observation, made
// when a renderer asks for it rather than held in the document. It only
// reads immutable data, so it is safe for concurrent use.
type dataRows struct {
	obs    []model.Observation
	idx    []int32 // the rows: indices into obs
	l      *labels
	quotes bool // a column with the source phrase
	// names looks up indicator, region and period names; only its
	// read-only lookups are used, so rows can be made concurrently.
	names *builder
}

// Len is the number of rows: one per listed observation.
func (d *dataRows) Len() int { return len(d.idx) }

// hashTo feeds Hash what the rows show — every field of each observation
// that Row puts in a cell, and the names and labels it looks up — without
// making the rows.
func (d *dataRows) hashTo(h *hasher) {
	b := d.names
	h.str("data-rows", string(b.lang), strconv.FormatBool(d.quotes))
	h.num(int64(len(d.idx)))
	for _, i := range d.idx {
		o := &d.obs[i]
		phrase := ""
		if d.quotes {
			phrase = o.Source.Phrase
		}
		h.str(o.ID, b.indicatorName(o.Indicator), b.regionName(o.Region), o.Period.String(), d.l.kinds[o.Kind],
			d.l.basis[o.Basis], b.regionShort(o.Ref), o.Value.Num.String(), o.Value.Unit.Base, o.Value.Word,
			o.Source.Doc, phrase, b.englishUnitOf(o.Indicator, o.Value.Unit))
		h.num(int64(o.Value.Places), int64(o.Value.Unit.Mag), int64(o.Value.Qual), int64(o.Kind), int64(o.Period.Kind),
			int64(o.Source.Offset))
	}
}

// Row makes row i (0-based) of the data table.
func (d *dataRows) Row(i int) Row {
	o := d.obs[d.idx[i]]
	b := d.names
	kind := d.l.kinds[o.Kind]
	if o.Kind == model.Gap {
		kind += " / " + b.regionShort(o.Ref)
	}
	f := published(o)
	f.EnglishUnit = b.englishUnitOf(o.Indicator, o.Value.Unit)
	cells := make([]Cell, 9, 10)
	copy(cells, []Cell{
		text(o.ID), text(b.indicatorName(o.Indicator)), text(b.regionName(o.Region)), text(b.periodName(o.Period)),
		text(kind), text(d.l.basis[o.Basis]),
		{Kind: FigureCell, Figure: f, Obs: o.ID},
		text(o.Source.Doc), count(o.Source.Offset),
	})
	if d.quotes {
		cells = append(cells, text(o.Source.Phrase))
	}
	return Row{Cells: cells}
}

type methodText struct{ title, text, formula string }

var methodsZh = map[string]methodText{
	"rounding":             {"精度与修约", "所有计算均以精确十进制进行，不经过二进制浮点；仅在显示时按四舍五入（逢五进一）修约到公布的小数位数。增速、占比、完成率保留一位小数。表中数字后标“*”的为按公布数据推算的数，未标的为公布数。", ""},
	"yoy":                  {"同比增速", "由本期与上年同期两个总量计算，先将万、亿等数量级精确换算为同一单位；两者须为同一指标、同一区域、同样时段且相隔一年（季度不与全年比，年内累计数不与上年全年数比），单位或价格口径不同则不计算。", "（本期 ÷ 上年同期 − 1）× 100"},
	"growth-span":          {"区间增速", "多年区间的增速由区间末年与首年两个总量计算（如2016—2020年）。", "（末年 ÷ 首年 − 1）× 100"},
	"implied-previous":     {"推算上年数", "由本期总量及其公布增速反推上年同期总量，结果为估算值，标注“约”。", "本期 ÷ （1 + 增速 ÷ 100）"},
	"previous-from-change": {"由增减量推算上年数", "公布了本期总量及其比上年的增减量时，上年数由两者精确推算（332天、增加30天 → 302天）；确切的增减量优于上年的约数或“以上”“以内”等区间。", "本期 − 增减量"},
	"growth-from-change":   {"由增减量推算增速", "由本期总量及其比上年的增减量计算同比增速。", "（本期 ÷ （本期 − 增减量） − 1）× 100"},
	"gap":                  {"百分点差距", "两个增速或比率之差，单位为百分点。", "本地 − 比较地区"},
	"implied-other":        {"推算比较地区增速", "由本地增速及公布的百分点差距反推比较地区（全国、全省）的增速。“降幅小于全国1.8个百分点”记为+1.8。", "本地 − 差距"},
	"change":               {"比率增减", "比率类指标与上年相比的变化，单位为百分点。", "本期 − 上年同期"},
	"share":                {"占比", "下辖区域总量占上级区域总量的比重。", "部分 ÷ 全体 × 100"},
	"rank":                 {"推算位次", "未公布位次时，按同级区域公布的同期总量排序（越大越靠前；数值越小越好的指标则越小越靠前），并列者位次相同，其后的位次顺延（1、1、3）。只在至少两个同级区域公布数据时推算，只在推算的同级区域中排序。", "1 + 排名在前的同级区域数"},
	"to-date":              {"年内累计数与全年目标", "对按期累计的指标（如城镇新增就业），年内截至某日的累计数是全年数的下限：已达到全年目标的，判为完成，完成率和与目标差均为下限（“以上”）。比率及尚未达到目标的累计数不能判断全年目标，列为暂无法评估，并注明已公布的数据。", ""},
	"implied-total":        {"推算上级总量", "由下辖区域总量及其公布占比反推上级区域总量，结果为估算值，标注“约”。", "部分 ÷ （占比 ÷ 100）"},
	"target-gap":           {"与目标差", "实际值减去目标值；百分比目标的差距以百分点计。", "实际 − 目标"},
	"completion":           {"完成率", "数量型目标的实际值与目标值之比。", "实际 ÷ 目标 × 100"},
	"headroom":             {"余量", "“以内”类目标的上限与实际值之差，正数表示尚有余量。", "目标 − 实际"},
	"around":               {"“左右”目标的容差", "未另行规定时，百分比目标允许±1个百分点，其他目标允许±5%；“同步”目标允许低于比较增速0.5个百分点。", ""},
	"checks":               {"数据核对", "对可由其他公布数据推算的数字，按各数字公布精度的修约区间（末位±0.5；不带万、亿且无小数的整数如“4个”视为确数）计算推算值的可能范围；与公布值的区间有交集即为相符。带“约、左右”的数字按±5%、“近”按低10%以内、“超过、余、多、以上”按高50%以内放宽。", ""},
	"sources":              {"不同来源", "同一数字在不同文件中公布的值相互核对。", "另一来源"},
	"sum":                  {"合计核对", "公布的总数与其各组成部分（如国家级、省级、市级）之和相互核对，先将万、亿等数量级精确换算为同一单位。", "各部分之和"},
	"claim":                {"目标完成表述核对", "原文称某项目标“超额完成”“完成”或“控制在目标以内”的，按公布的实际值重新判断，并与原文表述对照。", ""},
}

var methodsEn = map[string]methodText{
	"rounding":             {"Precision and rounding", "Every computation uses exact decimals, never binary floating point; figures are rounded half-up only for display, to their published decimal places. Growth rates, shares and completion ratios show one decimal. In the tables, a figure followed by \"*\" is computed from published figures; a figure without it is as published.", ""},
	"yoy":                  {"Year-on-year growth", "Computed from two levels after converting magnitudes (ten thousand, hundred million) exactly. The two must be of one indicator and region and of the same span a year apart (a quarter is never set against a year, nor a figure to date against the whole year before); levels in different units or on different price bases are not compared.", "(this period ÷ same period last year − 1) × 100"},
	"growth-span":          {"Growth over several years", "The growth over a span of years (2016–2020) is computed from the levels of its first and last year.", "(last year ÷ first year − 1) × 100"},
	"implied-previous":     {"Implied previous level", "The previous year's level implied by a level and its stated growth; an estimate, marked \"about\".", "level ÷ (1 + growth ÷ 100)"},
	"previous-from-change": {"Previous level from a stated change", "Where a level and its change from the year before are both published, the previous level follows exactly (332 days and 30 more give 302); an exact stated change is preferred to a previous level published as an approximation or a bound.", "level − change"},
	"growth-from-change":   {"Growth from a stated change", "The year-on-year growth computed from a level and its stated change from the year before.", "(level ÷ (level − change) − 1) × 100"},
	"gap":                  {"Gap in percentage points", "The difference of two growth rates or rates, in percentage points.", "ours − theirs"},
	"implied-other":        {"Implied comparison rate", "The growth of the comparison region (China, Liaoning) implied by our growth and the stated gap. \"A decline 1.8 points smaller than the national one\" is +1.8.", "ours − gap"},
	"change":               {"Change of a rate", "The change of a rate indicator from the year before, in percentage points.", "this period − last year"},
	"share":                {"Share", "A district's level as a share of its parent region's level.", "part ÷ whole × 100"},
	"rank":                 {"Computed rank", "Where no rank is published, sibling regions are ranked by their published levels for the same period (largest first; smallest first for indicators where less is better); tied regions share a rank and the next rank is skipped (1, 1, 3). A rank is computed only when at least two siblings publish a level, and only among those.", "1 + number of siblings ranked above"},
	"to-date":              {"Figures to date against annual targets", "For indicators that accumulate over the year (new urban jobs, say), the figure to a date within the year is a lower bound of the year's: an annual target it already reaches is met, with a completion and a gap that are lower bounds (\"or more\"). A rate, or a figure to date still below its target, does not decide an annual target: it is not yet assessable, and the figure published so far is stated.", ""},
	"implied-total":        {"Implied parent total", "The parent region's total implied by a district's level and its stated share; an estimate, marked \"about\".", "part ÷ (share ÷ 100)"},
	"target-gap":           {"Gap to target", "Actual minus target; for targets in percent, in percentage points.", "actual − target"},
	"completion":           {"Completion", "Actual as a percentage of a quantity target.", "actual ÷ target × 100"},
	"headroom":             {"Headroom", "For \"within\" targets, the ceiling minus the actual; positive means room to spare.", "target − actual"},
	"around":               {"Tolerance of \"around\" targets", "Unless a target sets its own, targets in percent allow ±1 point and others ±5 %; \"in step\" targets allow 0.5 points below the compared growth.", ""},
	"checks":               {"Consistency checks", "A figure that can be recomputed from other published figures is checked with interval arithmetic over the rounding of every figure involved (±half a unit of the last published digit; a whole number written out without a magnitude word, such as a count of 4, is taken as exact); it agrees when the recomputed range meets the published one. Hedged figures are widened: about/around ±5 %, nearly up to 10 % below, over/odd/or more up to 50 % above.", ""},
	"sources":              {"Two sources", "The same figure as published in two documents.", "the other source"},
	"sum":                  {"Sums of parts", "A stated total set against the sum of its stated parts (national, provincial and municipal, say), magnitudes converted exactly.", "sum of the parts"},
	"claim":                {"Claims of targets met", "Where a source says a target was exceeded, met or kept within, the attainment is judged again from the published actual and set against the claim.", ""},
}

var methodOrder = []string{"rounding", "yoy", "growth-span", "implied-previous", "previous-from-change", "growth-from-change",
	"gap", "implied-other", "change", "share", "rank", "implied-total", "target-gap", "completion", "headroom", "around",
	"to-date", "checks", "sum", "claim", "sources"}

func (b *builder) methods() Section {
	texts := methodsZh
	if b.lang == English {
		texts = methodsEn
	}
	b.used["rounding"], b.used["around"] = true, true
	s := Section{ID: SectionMethods, Title: b.l.secMethods}
	for _, id := range methodOrder {
		if !b.used[id] {
			continue
		}
		m := texts[id]
		b.doc.Methods = append(b.doc.Methods, Method{ID: id, Title: m.title, Text: m.text, Formula: m.formula})
		s.Blocks = append(s.Blocks, Heading{Level: 2, Text: m.title}, Paragraph{Text: m.text})
		if m.formula != "" {
			s.Blocks = append(s.Blocks, Note{Text: m.formula})
		}
	}
	return s
}

// localizeDerivations sets every derivation's formula text to the
// document's language.
func (b *builder) localizeDerivations(texts map[string]methodText) {
	fix := func(f *Figure) {
		if f.Derived != nil {
			if m, ok := texts[f.Derived.Method]; ok && m.formula != "" {
				f.Derived.Formula = m.formula
			}
		}
	}
	for si := range b.doc.Sections {
		for bi, blk := range b.doc.Sections[si].Blocks {
			switch t := blk.(type) {
			case Table:
				for ri := range t.Rows {
					for ci := range t.Rows[ri].Cells {
						fix(&t.Rows[ri].Cells[ci].Figure)
					}
				}
			case Cards:
				for i := range t.Items {
					fix(&t.Items[i].Change)
					fix(&t.Items[i].Value)
				}
				b.doc.Sections[si].Blocks[bi] = t
			case Chart:
				for i := range t.Series {
					for j := range t.Series[i].Values {
						fix(&t.Series[i].Values[j])
					}
				}
			}
		}
	}
}

// documents lists, by file name, every document the briefing cites or
// lists in its data section, and those setting its year's targets.
func (b *builder) documents() []SourceDoc {
	seen := map[string]bool{}
	var docs []string
	add := func(d string) {
		if !seen[d] {
			seen[d] = true
			docs = append(docs, d)
		}
	}
	for _, c := range b.doc.Sources {
		add(c.Doc)
	}
	for _, o := range b.obs {
		if inYear(o.Period, b.year) {
			add(o.Source.Doc)
		}
	}
	for _, t := range b.tgts {
		if t.Region == b.region.Code && t.Period.Year == b.year {
			add(t.Source.Doc)
		}
	}
	slices.Sort(docs)
	out := make([]SourceDoc, 0, len(docs))
	for _, d := range docs {
		out = append(out, SourceDoc{Doc: d, Title: b.docTitle(d)})
	}
	return out
}

// sources lists the documents and every citation: number, document title,
// file, byte offset of the phrase, and — unless an English document omits
// them (Spec.OmitPhrases) — the phrase itself; its rows are made on demand.
func (b *builder) sources() Section {
	l := b.l
	quotes := b.quotes()
	tab := Table{ID: "sources", Title: l.secSources, Columns: []Column{
		{Key: "n", Header: "#", Kind: FigureCell, Count: true},
		{Key: "title", Header: l.colTitle, Kind: TextCell},
		{Key: "doc", Header: l.colDoc, Kind: TextCell},
		{Key: "offset", Header: l.colOffset, Kind: FigureCell, Count: true},
	}}
	if quotes {
		tab.Columns = append(tab.Columns, Column{Key: "phrase", Header: l.colPhrase, Kind: TextCell})
	}
	tab.Source = &sourceRows{cites: b.doc.Sources, quotes: quotes}
	s := Section{ID: SectionSources, Title: l.secSources}
	docs := Table{ID: "documents", Title: l.colDoc, Columns: []Column{
		{Key: "doc", Header: l.colDoc, Kind: TextCell}, {Key: "title", Header: l.colTitle, Kind: TextCell}}}
	for _, d := range b.doc.Meta.Documents {
		docs.Rows = append(docs.Rows, Row{Cells: []Cell{text(d.Doc), text(d.Title)}})
	}
	if len(docs.Rows) > 0 {
		s.Blocks = append(s.Blocks, docs)
	}
	if tab.Len() > 0 {
		s.Blocks = append(s.Blocks, tab)
	} else {
		s.Blocks = append(s.Blocks, Paragraph{Text: l.noSources})
	}
	return s
}

// sourceRows is the source list's RowSource: one row per citation, made
// when a renderer asks for it. The citations are the document's own,
// never modified after Build, so it is safe for concurrent use.
type sourceRows struct {
	cites  []Citation
	quotes bool // a column with the phrase
}

// Len is the number of rows: one per citation.
func (r *sourceRows) Len() int { return len(r.cites) }

// Row makes row i (0-based) of the source list.
func (r *sourceRows) Row(i int) Row {
	c := r.cites[i]
	cells := make([]Cell, 4, 5)
	cells[0], cells[1], cells[2], cells[3] = count(c.N), text(c.Title), text(c.Doc), count(c.Offset)
	if r.quotes {
		cells = append(cells, text(c.Phrase))
	}
	return Row{Cells: cells}
}

// hashTo feeds Hash what the rows show without making them.
func (r *sourceRows) hashTo(h *hasher) {
	h.str("source-rows", strconv.FormatBool(r.quotes))
	h.num(int64(len(r.cites)))
	for _, c := range r.cites {
		h.num(int64(c.N), int64(c.Offset))
		h.str(c.Title, c.Doc)
		if r.quotes {
			h.str(c.Phrase)
		}
	}
}
