package report

import (
	"slices"
	"strconv"

	"github.com/statbrief/statbrief/model"
)

// data lists every observation of the dataset with its source: the 数据
// sheet of a workbook, an appendix of a PDF.
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
		{Key: "phrase", Header: l.colPhrase, Kind: TextCell},
	}}
	tab.Source = &dataRows{obs: b.obs, l: l, names: &builder{ds: b.ds, l: l, lang: b.lang, region: b.region}}
	return Section{ID: SectionData, Title: l.secData, Blocks: []Block{tab}}
}

// dataRows is the data table's RowSource: one row per observation, made
// when a renderer asks for it rather than held in the document. It only
// reads immutable data, so it is safe for concurrent use.
type dataRows struct {
	obs []model.Observation
	l   *labels
	// names looks up indicator, region and period names; only its
	// read-only lookups are used, so rows can be made concurrently.
	names *builder
}

func (d *dataRows) Len() int { return len(d.obs) }

// hashTo feeds Hash what the rows show — every field of each observation
// that Row puts in a cell, and the names and labels it looks up — without
// making the rows.
func (d *dataRows) hashTo(h *hasher) {
	b := d.names
	h.str("data-rows", string(b.lang))
	h.num(int64(len(d.obs)))
	for i := range d.obs {
		o := &d.obs[i]
		h.str(o.ID, b.indicatorName(o.Indicator), b.regionName(o.Region), o.Period.String(), d.l.kinds[o.Kind],
			d.l.basis[o.Basis], b.regionShort(o.Ref), o.Value.Num.String(), o.Value.Unit.Base, o.Value.Word,
			o.Source.Doc, o.Source.Phrase)
		h.num(int64(o.Value.Places), int64(o.Value.Unit.Mag), int64(o.Value.Qual), int64(o.Kind), int64(o.Period.Kind))
	}
}

func (d *dataRows) Row(i int) Row {
	o := d.obs[i]
	b := d.names
	kind := d.l.kinds[o.Kind]
	if o.Kind == model.Gap {
		kind += " / " + b.regionShort(o.Ref)
	}
	return Row{Cells: []Cell{
		text(o.ID), text(b.indicatorName(o.Indicator)), text(b.regionName(o.Region)), text(b.periodName(o.Period)),
		text(kind), text(d.l.basis[o.Basis]),
		{Kind: FigureCell, Figure: published(o), Obs: o.ID},
		text(o.Source.Doc), text(o.Source.Phrase),
	}}
}

type methodText struct{ title, text, formula string }

var methodsZh = map[string]methodText{
	"rounding":         {"精度与修约", "所有计算均以精确十进制进行，不经过二进制浮点；仅在显示时按四舍五入（逢五进一）修约到公布的小数位数。增速、占比、完成率保留一位小数。", ""},
	"yoy":              {"同比增速", "由本期与上年同期两个总量计算，先将万、亿等数量级精确换算为同一单位；单位或价格口径不同则不计算。", "（本期 ÷ 上年同期 − 1）× 100"},
	"implied-previous": {"推算上年数", "由本期总量及其公布增速反推上年同期总量，结果为估算值，标注“约”。", "本期 ÷ （1 + 增速 ÷ 100）"},
	"gap":              {"百分点差距", "两个增速或比率之差，单位为百分点。", "本地 − 比较地区"},
	"implied-other":    {"推算比较地区增速", "由本地增速及公布的百分点差距反推比较地区（全国、全省）的增速。“降幅小于全国1.8个百分点”记为+1.8。", "本地 − 差距"},
	"change":           {"比率增减", "比率类指标与上年相比的变化，单位为百分点。", "本期 − 上年同期"},
	"share":            {"占比", "下辖区域总量占上级区域总量的比重。", "部分 ÷ 全体 × 100"},
	"implied-total":    {"推算上级总量", "由下辖区域总量及其公布占比反推上级区域总量，结果为估算值，标注“约”。", "部分 ÷ （占比 ÷ 100）"},
	"target-gap":       {"与目标差", "实际值减去目标值；百分比目标的差距以百分点计。", "实际 − 目标"},
	"completion":       {"完成率", "数量型目标的实际值与目标值之比。", "实际 ÷ 目标 × 100"},
	"headroom":         {"余量", "“以内”类目标的上限与实际值之差，正数表示尚有余量。", "目标 − 实际"},
	"around":           {"“左右”目标的容差", "未另行规定时，百分比目标允许±1个百分点，其他目标允许±5%；“同步”目标允许低于比较增速0.5个百分点。", ""},
	"checks":           {"数据核对", "对可由其他公布数据推算的数字，按各数字公布精度的修约区间（末位±0.5；不带万、亿且无小数的整数如“4个”视为确数）计算推算值的可能范围；与公布值的区间有交集即为相符。带“约、左右”的数字按±5%、“近”按低10%以内、“超过、余、多、以上”按高50%以内放宽。", ""},
	"sources":          {"不同来源", "同一数字在不同文件中公布的值相互核对。", "另一来源"},
	"sum":              {"合计核对", "公布的总数与其各组成部分（如国家级、省级、市级）之和相互核对，先将万、亿等数量级精确换算为同一单位。", "各部分之和"},
	"claim":            {"目标完成表述核对", "原文称某项目标“超额完成”“完成”或“控制在目标以内”的，按公布的实际值重新判断，并与原文表述对照。", ""},
}

var methodsEn = map[string]methodText{
	"rounding":         {"Precision and rounding", "Every computation uses exact decimals, never binary floating point; figures are rounded half-up only for display, to their published decimal places. Growth rates, shares and completion ratios show one decimal.", ""},
	"yoy":              {"Year-on-year growth", "Computed from two levels after converting magnitudes (ten thousand, hundred million) exactly; levels in different units or on different price bases are not compared.", "(this period ÷ same period last year − 1) × 100"},
	"implied-previous": {"Implied previous level", "The previous year's level implied by a level and its stated growth; an estimate, marked \"about\".", "level ÷ (1 + growth ÷ 100)"},
	"gap":              {"Gap in percentage points", "The difference of two growth rates or rates, in percentage points.", "ours − theirs"},
	"implied-other":    {"Implied comparison rate", "The growth of the comparison region (China, Liaoning) implied by our growth and the stated gap. \"A decline 1.8 points smaller than the national one\" is +1.8.", "ours − gap"},
	"change":           {"Change of a rate", "The change of a rate indicator on the year before, in percentage points.", "this period − last year"},
	"share":            {"Share", "A district's level as a share of its parent region's level.", "part ÷ whole × 100"},
	"implied-total":    {"Implied parent total", "The parent region's total implied by a district's level and its stated share; an estimate, marked \"about\".", "part ÷ (share ÷ 100)"},
	"target-gap":       {"Gap to target", "Actual minus target; for targets in percent, in percentage points.", "actual − target"},
	"completion":       {"Completion", "Actual as a percentage of a quantity target.", "actual ÷ target × 100"},
	"headroom":         {"Headroom", "For \"within\" targets, the ceiling minus the actual; positive means room to spare.", "target − actual"},
	"around":           {"Tolerance of \"around\" targets", "Unless a target sets its own, targets in percent allow ±1 point and others ±5 %; \"in step\" targets allow 0.5 points below the compared growth.", ""},
	"checks":           {"Consistency checks", "A figure that can be recomputed from other published figures is checked with interval arithmetic over the rounding of every figure involved (±half a unit of the last published digit; a whole number written out without a magnitude word, such as a count of 4, is taken as exact); it agrees when the recomputed range meets the published one. Hedged figures are widened: about/around ±5 %, nearly up to 10 % below, over/odd/or more up to 50 % above.", ""},
	"sources":          {"Two sources", "The same figure as published in two documents.", "the other source"},
	"sum":              {"Sums of parts", "A stated total set against the sum of its stated parts (national, provincial and municipal, say), magnitudes converted exactly.", "sum of the parts"},
	"claim":            {"Claims of targets met", "Where a source says a target was exceeded, met or kept within, the attainment is judged again from the published actual and set against the claim.", ""},
}

var methodOrder = []string{"rounding", "yoy", "implied-previous", "gap", "implied-other", "change", "share",
	"implied-total", "target-gap", "completion", "headroom", "around", "checks", "sum", "claim", "sources"}

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
	b.localizeDerivations(texts)
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
			}
		}
	}
}

func (b *builder) documents() []SourceDoc {
	seen := map[string]bool{}
	var docs []string
	for _, o := range b.obs {
		if !seen[o.Source.Doc] {
			seen[o.Source.Doc] = true
			docs = append(docs, o.Source.Doc)
		}
	}
	for _, t := range b.tgts {
		if !seen[t.Source.Doc] {
			seen[t.Source.Doc] = true
			docs = append(docs, t.Source.Doc)
		}
	}
	slices.Sort(docs)
	var out []SourceDoc
	for _, d := range docs {
		title := b.docTitle(d)
		out = append(out, SourceDoc{Doc: d, Title: title})
	}
	return out
}

func (b *builder) sources() Section {
	l := b.l
	tab := Table{ID: "sources", Title: l.secSources, Columns: []Column{
		{Key: "n", Header: "#", Kind: TextCell},
		{Key: "doc", Header: l.colDoc, Kind: TextCell},
		{Key: "phrase", Header: l.colPhrase, Kind: TextCell},
	}}
	// one array holds the cells of every row
	if len(b.doc.Sources) > 0 {
		tab.Rows = make([]Row, len(b.doc.Sources))
	}
	cells := make([]Cell, 3*len(b.doc.Sources))
	for i, c := range b.doc.Sources {
		rc := cells[3*i : 3*i+3 : 3*i+3]
		rc[0], rc[1], rc[2] = text(strconv.Itoa(c.N)), text(c.Doc), text(c.Phrase)
		tab.Rows[i] = Row{Cells: rc}
	}
	s := Section{ID: SectionSources, Title: l.secSources}
	var docs Table
	docs = Table{ID: "documents", Title: l.colDoc, Columns: []Column{
		{Key: "doc", Header: l.colDoc, Kind: TextCell}, {Key: "title", Header: l.colCheck, Kind: TextCell}}}
	if b.lang == English {
		docs.Columns[1].Header = "Title"
	} else {
		docs.Columns[1].Header = "标题"
	}
	for _, d := range b.doc.Meta.Documents {
		docs.Rows = append(docs.Rows, Row{Cells: []Cell{text(d.Doc), text(d.Title)}})
	}
	s.Blocks = append(s.Blocks, docs, tab)
	return s
}
