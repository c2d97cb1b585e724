package report

import (
	"fmt"
	"strings"

	"github.com/statbrief/statbrief/model"
)

// The narrative is generated from derived figures by rules keyed on sign
// and kind, never written per indicator. Numbers are the figures' own
// display text (Figure.Text), so they carry the published places and
// qualifiers (约, 超过).

// abs returns the figure with its number made non-negative and no sign, for
// wording like 下降1.6% where the verb carries the sign. A bound on a
// negative number turns round: a growth of −8%以内 (at most −8 %) is a
// decline of 8%以上.
func abs(f Figure) Figure {
	if d := directionOf(f.Value); f.Value.Num.IsNegative() && (d == lower || d == upper) {
		f.Value = qualify(f.Value, d.flip())
	}
	f.Value.Num = f.Value.Num.Abs()
	f.Signed = false
	return f
}

// isPriceIndex reports whether an indicator measures prices themselves — a
// price index or price level, whose growth rates are rises (上涨) — rather
// than an amount that happens to concern prices (价格临时补贴, a sum of money,
// grows: 增长). It decides by what the indicator measures: a rate in
// percent in the prices category (居民消费价格, CPI).
func isPriceIndex(ind model.Indicator) bool {
	return ind.Category == "prices" && ind.IsRate()
}

// growthVerb returns the verb for a growth rate by sign and indicator kind:
// 增长/下降 (price indices: 上涨/下降), grew/fell (price indices: rose/fell).
func (b *builder) growthVerb(ind model.Indicator, g Figure, basis model.Basis) string {
	neg := g.Value.Num.IsNegative()
	zero := g.Value.Num.IsZero()
	prices := isPriceIndex(ind)
	if b.lang == English {
		var v string
		switch {
		case zero:
			return "was unchanged"
		case neg:
			v = "fell by "
		case prices:
			v = "rose by "
		default:
			v = "grew by "
		}
		return v + abs(g).Text(English) + basisEnglish(basis)
	}
	pre := ""
	if basis == model.Comparable {
		pre = "可比"
	}
	switch {
	case zero:
		return "与上年持平"
	case neg:
		return pre + "下降" + abs(g).Text(Chinese)
	case prices:
		return pre + "上涨" + abs(g).Text(Chinese)
	}
	return pre + "增长" + abs(g).Text(Chinese)
}

// upDown words a growth rate after a level in English: "up 24.3%",
// "down 1.6% at comparable prices", "up by at most 10.7%", "unchanged".
func (b *builder) upDown(ind model.Indicator, g Figure, basis model.Basis) string {
	by := " "
	if d := directionOf(g.Value); d == lower || d == upper {
		by = " by "
	}
	switch {
	case g.Value.Num.IsZero():
		return "unchanged from the year before"
	case g.Value.Num.IsNegative():
		return "down" + by + abs(g).Text(English) + basisEnglish(basis)
	}
	return "up" + by + abs(g).Text(English) + basisEnglish(basis)
}

// levelVerb introduces a level in English: "reached" for quantities where
// more is better, "stood at" for the rest ("Time to register an enterprise
// stood at no more than 2 hours"); neither depends on the grammatical
// number of the indicator's name.
func levelVerb(ind model.Indicator, f Figure) string {
	if ind.Polarity == model.HigherBetter && directionOf(f.Value) != upper {
		return "reached"
	}
	return "stood at"
}

// periodIntro opens an English sentence about period p: "In 2020", "In
// Q1 2020", "From 1 January to 11 May 2020", "Over 2016–2020".
func periodIntro(p model.Period) string {
	switch p.Kind {
	case model.YTD:
		return fmt.Sprintf("From 1 January to %s", strings.TrimPrefix(p.English(), "1 January–"))
	case model.Years:
		return "Over " + p.English()
	}
	return "In " + p.English()
}

// plural returns "1 target" or "2 targets" (English counts).
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func basisEnglish(b model.Basis) string {
	if b == model.Comparable {
		return " at comparable prices"
	}
	return ""
}

// gapPhrase words a gap in points to another region: 高于全国0.4个百分点,
// 降幅小于全国1.8个百分点; "0.4 points above the national rate".
func (b *builder) gapPhrase(ours Figure, c cmp) string {
	if !c.gap.Valid {
		return ""
	}
	g := c.gap
	name := b.regionShort(c.region)
	bothNeg := ours.Valid && ours.Value.Num.IsNegative() && c.other.Valid && c.other.Value.Num.IsNegative()
	if b.lang == English {
		switch {
		case g.Value.Num.IsZero():
			return "level with " + name
		case bothNeg && g.Value.Num.IsPositive():
			return "a decline " + abs(g).Text(English) + " smaller than " + possessive(name)
		case bothNeg:
			return "a decline " + abs(g).Text(English) + " larger than " + possessive(name)
		case g.Value.Num.IsPositive():
			return abs(g).Text(English) + " above " + possessive(name)
		}
		return abs(g).Text(English) + " below " + possessive(name)
	}
	switch {
	case g.Value.Num.IsZero():
		return "与" + name + "持平"
	case bothNeg && g.Value.Num.IsPositive():
		return "降幅小于" + name + abs(g).Text(Chinese)
	case bothNeg:
		return "降幅大于" + name + abs(g).Text(Chinese)
	case g.Value.Num.IsPositive():
		return "高于" + name + abs(g).Text(Chinese)
	}
	return "低于" + name + abs(g).Text(Chinese)
}

func possessive(name string) string {
	if name == "China" {
		return "the national figure"
	}
	return name + "'s"
}

// clause is one headline row worded: text starts with the indicator's
// name (English: its name as written, capitalised), so that a paragraph
// can open it with the region or an article.
type clause struct {
	ind  model.Indicator
	text string
}

// rowSentence words one headline row: the figure, each rank right after
// the figure it ranks (Observation.Measure: 增速居全省第一 follows the
// growth, 新增就业11.11万人,居全省第一 the level; a rank that does not say
// follows the first figure), a stated change, the growth, the share and
// the gaps to the nation and the province. A row of ranks alone is worded
// as the ranks: 城市信用监测排名居36个省会及副省级城市第9位.
func (b *builder) rowSentence(r hrow) (clause, []int) {
	var cites []int
	addCite := func(o *model.Observation, f Figure) {
		if o != nil && f.Valid && f.Derived == nil {
			cites = append(cites, b.cite(*o))
		}
	}
	en := b.lang == English
	name := b.indicatorName(r.ind.Code)
	var parts []string
	var ours Figure
	basis := model.BasisUnstated
	if r.growthO != nil {
		basis = r.growthO.Basis
	}
	slots := b.rankSlots(r)
	for _, o := range r.ranks {
		addCite(o, published(*o))
	}
	placeRanks := func(slot rankSlot) {
		for i, o := range r.ranks {
			if slots[i] == slot {
				parts = append(parts, b.rankPhrase(*o, slot == slotDetached, false))
			}
		}
	}
	switch {
	case r.measure == model.Rate && r.value != nil:
		ours = r.valueFig
		addCite(r.value, r.valueFig)
		if en {
			parts = append(parts, name+" was "+b.say(r.ind, r.valueFig))
		} else {
			parts = append(parts, name+"为"+b.say(r.ind, r.valueFig))
		}
		placeRanks(slotValue)
		if r.growth.Valid {
			addCite(r.growthO, r.growth)
			parts = append(parts, b.changePhrase(r.growth))
		}
	case r.value != nil:
		addCite(r.value, r.valueFig)
		if en {
			parts = append(parts, name+" "+levelVerb(r.ind, r.valueFig)+" "+b.say(r.ind, r.valueFig))
		} else {
			parts = append(parts, name+b.say(r.ind, r.valueFig))
		}
		placeRanks(slotValue)
		if r.changeO != nil {
			addCite(r.changeO, published(*r.changeO))
			parts = append(parts, b.levelChange(r.ind, published(*r.changeO)))
		}
		if r.growth.Valid {
			ours = r.growth
			addCite(r.growthO, r.growth)
			derived := r.growth.Derived != nil
			switch {
			case en && derived:
				parts = append(parts, b.upDown(r.ind, r.growth, basis)+" (computed from the published figures)")
			case en:
				parts = append(parts, b.upDown(r.ind, r.growth, basis))
			default:
				yoy := "同比"
				if r.growth.Value.Num.IsZero() {
					yoy = "" // 与上年持平 says it already
				}
				if derived {
					yoy = "按公布数推算" + yoy
				}
				parts = append(parts, yoy+b.growthVerb(r.ind, r.growth, basis))
			}
			placeRanks(slotGrowth)
		}
	case r.growth.Valid:
		ours = r.growth
		addCite(r.growthO, r.growth)
		sep := ""
		if en {
			sep = " "
		}
		parts = append(parts, name+sep+b.growthVerb(r.ind, r.growth, basis))
		placeRanks(slotGrowth)
	case len(r.ranks) > 0:
		// ranks alone: the name, then each rank
		var ranks []string
		for _, o := range r.ranks {
			ranks = append(ranks, b.rankPhrase(*o, o.Measure != model.InvalidKind, true))
		}
		if en {
			return clause{ind: r.ind, text: name + " was " + strings.Join(ranks, ", ")}, cites
		}
		return clause{ind: r.ind, text: name + strings.Join(ranks, "，")}, cites
	}
	if len(parts) == 0 {
		return clause{}, nil
	}
	if r.share.Valid {
		// a share computed from two levels says so, as the districts
		// section does: no reader may take it for a published one
		derived := r.share.Derived != nil
		switch {
		case en && derived:
			parts = append(parts, "computed share "+r.share.Text(English)+" of "+possessive(b.regionName(b.region.Parent))+" total")
		case en:
			parts = append(parts, r.share.Text(English)+" of "+possessive(b.regionName(b.region.Parent))+" total")
		case derived:
			parts = append(parts, "按"+b.regionShort(b.region.Parent)+"总量计算占比"+r.share.Text(Chinese))
		default:
			parts = append(parts, "占"+b.regionShort(b.region.Parent)+r.share.Text(Chinese))
		}
		if r.shareO != nil {
			addCite(r.shareO, r.share)
		}
		placeRanks(slotShare)
	}
	placeRanks(slotDetached)
	// comparisons: 分别高于全国、全省0.4和1个百分点; 降幅分别小于全国、全省1.8和2.7个百分点
	gn, gp := b.gapPhrase(ours, r.nation), b.gapPhrase(ours, r.province)
	addCite(r.nation.gapO, r.nation.gap)
	addCite(r.province.gapO, r.province.gap)
	switch {
	case gn != "" && gp != "" && !en && sameWord(gn, gp):
		w := wordOf(gn)
		if rest, ok := strings.CutPrefix(w, "降幅"); ok {
			w = "降幅分别" + rest
		} else {
			w = "分别" + w
		}
		parts = append(parts, w+b.regionShort(r.nation.region)+"、"+b.regionShort(r.province.region)+
			strings.TrimSuffix(abs(r.nation.gap).Text(Chinese), "个百分点")+"和"+abs(r.province.gap).Text(Chinese))
	default:
		if gn != "" {
			parts = append(parts, gn)
		}
		if gp != "" {
			parts = append(parts, gp)
		}
	}
	sep := "，"
	if en {
		sep = ", "
	}
	return clause{ind: r.ind, text: strings.Join(parts, sep)}, cites
}

// levelChange words a stated change of a level on the year before:
// 比上年增加30天; "30 days more than the year before" (the unit left out
// where the name says it).
func (b *builder) levelChange(ind model.Indicator, f Figure) string {
	n := b.say(ind, abs(f))
	if b.lang == English {
		switch {
		case f.Value.Num.IsZero():
			return "unchanged from the year before"
		case f.Value.Num.IsNegative():
			return n + " fewer than the year before"
		}
		return n + " more than the year before"
	}
	switch {
	case f.Value.Num.IsZero():
		return "与上年持平"
	case f.Value.Num.IsNegative():
		return "比上年减少" + n
	}
	return "比上年增加" + n
}

// periodParagraph joins the clauses of one period's headline rows into
// sentences, naming the period and the region once, at the start, as
// bulletins do: 2020年，大连市规模以上工业增加值增长3.8%，高于全国1个百分点。
// 居民消费价格上涨2.1%。 / In 2020, Dalian's value added … The consumer
// price index rose …
func (b *builder) periodParagraph(p model.Period, clauses []clause) string {
	var sb strings.Builder
	region := b.regionName(b.region.Code)
	for i, c := range clauses {
		if b.lang == English {
			switch {
			case i == 0:
				fmt.Fprintf(&sb, "%s, %s's %s.", periodIntro(p), region, lowerFirst(c.text))
			case needsArticle(c.ind.English) && strings.HasPrefix(c.text, c.ind.English):
				sb.WriteString(" The " + lowerFirst(c.text) + ".")
			default:
				sb.WriteString(" " + upperFirst(c.text) + ".")
			}
			continue
		}
		if i == 0 {
			sb.WriteString(b.periodName(p) + "，" + region)
		}
		sb.WriteString(c.text + "。")
	}
	return sb.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func lowerFirst(s string) string {
	if s == "" || strings.HasPrefix(s, "GDP") || strings.HasPrefix(s, "CPI") {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

var gapWords = []string{"降幅小于", "降幅大于", "高于", "低于"}

func wordOf(p string) string {
	for _, w := range gapWords {
		if strings.HasPrefix(p, w) {
			return w
		}
	}
	return ""
}

func sameWord(a, b string) bool { w := wordOf(a); return w != "" && w == wordOf(b) }

// changePhrase words a change of a rate in points: 比上年提高0.3个百分点.
func (b *builder) changePhrase(f Figure) string {
	if b.lang == English {
		switch {
		case f.Value.Num.IsZero():
			return "unchanged from the year before"
		case f.Value.Num.IsPositive():
			return "up " + abs(f).Text(English) + " from the year before"
		}
		return "down " + abs(f).Text(English) + " from the year before"
	}
	switch {
	case f.Value.Num.IsZero():
		return "与上年持平"
	case f.Value.Num.IsPositive():
		return "比上年提高" + abs(f).Text(Chinese)
	}
	return "比上年降低" + abs(f).Text(Chinese)
}

// summary is the overview paragraph: how many headline indicators grew,
// how many targets were met, and how many published figures disagree with
// their recomputation.
func (b *builder) summary(rows []hrow) Paragraph {
	up, down, flat := 0, 0, 0
	for _, r := range rows {
		if r.period != model.YearOf(b.year) || r.measure != model.Growth || !r.growth.Valid {
			continue
		}
		switch r.growth.Value.Num.Sign() {
		case -1:
			down++
		case 1:
			up++
		default:
			flat++ // 0.0 %: neither a rise nor a fall
		}
	}
	met, missed, na := 0, 0, 0
	for _, a := range b.attainments() {
		switch a.Status {
		case Met, Exceeded, WithinTolerance:
			met++
		case Missed:
			missed++
		default:
			na++
		}
	}
	checks, bad := 0, 0
	for _, c := range b.checkList() {
		checks++
		if c.Status == Inconsistent {
			bad++
		}
	}
	region := b.regionName(b.region.Code)
	var sb strings.Builder
	if b.lang == English {
		fmt.Fprintf(&sb, "This briefing sets out the figures published for %s in %d.", region, b.year)
		switch {
		case flat > 0:
			fmt.Fprintf(&sb, " Of the headline indicators with a growth rate for the year, %d rose, %d fell and %d %s unchanged.",
				up, down, flat, map[bool]string{true: "was", false: "were"}[flat == 1])
		case up+down > 0:
			fmt.Fprintf(&sb, " Of the headline indicators with a growth rate for the year, %d rose and %d fell.", up, down)
		}
		if n := met + missed + na; n > 0 {
			fmt.Fprintf(&sb, " Of %s, %d %s met, %d missed and %d cannot yet be assessed from the published figures.",
				plural(n, "quantified target", "quantified targets"), met, map[bool]string{true: "was", false: "were"}[met == 1], missed, na)
		}
		if checks > 0 {
			fmt.Fprintf(&sb, " %s from other published figures; %s.",
				upperFirst(plural(checks, "published figure can be recomputed", "published figures can be recomputed")), disagreeEnglish(checks, bad))
		}
		return Paragraph{Text: sb.String()}
	}
	fmt.Fprintf(&sb, "本简报汇总%s%d年公布的经济社会发展数据。", region, b.year)
	switch {
	case flat > 0:
		fmt.Fprintf(&sb, "有全年增速的主要指标中，%d项增长，%d项下降，%d项持平。", up, down, flat)
	case up+down > 0:
		fmt.Fprintf(&sb, "有全年增速的主要指标中，%d项增长，%d项下降。", up, down)
	}
	if n := met + missed + na; n > 0 {
		fmt.Fprintf(&sb, "%d项量化目标中，%d项完成，%d项未完成，%d项尚无可用于评估的公开数据。", n, met, missed, na)
	}
	if checks > 0 {
		fmt.Fprintf(&sb, "%d项公布数据可由其他公布数据推算核对，其中%d项不符，详见“数据核对”。", checks, bad)
	}
	return Paragraph{Text: sb.String()}
}

func disagreeEnglish(checks, n int) string {
	switch {
	case n == 0 && checks == 1:
		return "it agrees within rounding"
	case n == 0:
		return "all agree within rounding"
	case n == 1 && checks == 1:
		return "it disagrees (see Consistency checks)"
	case n == 1:
		return "1 disagrees (see Consistency checks)"
	}
	return fmt.Sprintf("%d disagree (see Consistency checks)", n)
}

// rankSlot is the place of a rank in a headline row's sentence: right
// after the figure it ranks, or, when that figure is not in the row, at
// the end, saying what it ranks.
type rankSlot int8

const (
	slotValue    rankSlot = iota // after the level or rate
	slotGrowth                   // after the growth
	slotShare                    // after the share of the parent
	slotDetached                 // at the end, with its measure (增速居全省首位)
)

// rankSlots places each of the row's ranks by what it ranks
// (Observation.Measure). A rank that does not say follows the row's first
// figure: the level or rate, else the growth.
func (b *builder) rankSlots(r hrow) []rankSlot {
	if len(r.ranks) == 0 {
		return nil
	}
	out := make([]rankSlot, len(r.ranks))
	for i, o := range r.ranks {
		switch {
		case o.Measure == model.Level && r.value != nil && r.value.Kind == model.Level,
			o.Measure == model.Rate && r.value != nil && r.value.Kind == model.Rate:
			out[i] = slotValue
		case o.Measure == model.Growth && r.measure == model.Growth && r.growth.Valid:
			out[i] = slotGrowth
		case o.Measure == model.Share && r.share.Valid:
			out[i] = slotShare
		case o.Measure != model.InvalidKind:
			out[i] = slotDetached
		case r.value != nil:
			out[i] = slotValue
		default:
			out[i] = slotGrowth
		}
	}
	return out
}

// rankMeasure names what a rank ranks, for a rank worded away from its
// figure: 总量, 增速, 比率, 占比; "by total", "by growth", "by rate", "by
// share".
func rankMeasure(k model.Kind, lang Lang) string {
	zh, en := map[model.Kind]string{model.Level: "总量", model.Growth: "增速", model.Rate: "比率", model.Share: "占比"}[k],
		map[model.Kind]string{model.Level: " by total", model.Growth: " by growth", model.Rate: " by rate", model.Share: " by share"}[k]
	if lang == English {
		return en
	}
	return zh
}

// rankPhrase words a stated rank by its peer group: a region (居全省首位,
// "ranking 1st in Liaoning"), a group (居15个副省级城市首位, "ranking 1st
// among the 15 sub-provincial cities"), or none (居第3位, "ranking 3rd").
// withMeasure says what it ranks (增速居全省首位, "ranking 1st in Liaoning
// by growth"); alone words it as the predicate of a sentence about the
// indicator ("9th among the 36 …", 居36个省会及副省级城市第9位).
func (b *builder) rankPhrase(o model.Observation, withMeasure, alone bool) string {
	n := o.Value.Num.IntPart()
	var zh, en string
	if g, ok := b.ds.Group(o.Among); ok {
		zh, en = g.Name, "among "+g.English
	} else if _, ok := b.ds.Region(o.Among); ok {
		zh, en = b.regionShort(o.Among), "in "+b.regionName(o.Among)
	}
	measure := ""
	if withMeasure {
		measure = rankMeasure(o.Measure, b.lang)
	}
	if b.lang == English {
		s := ordinal(n)
		if en != "" {
			s += " " + en
		}
		if !alone {
			s = "ranking " + s
		}
		return s + measure
	}
	if n == 1 {
		return measure + "居" + zh + "首位"
	}
	return fmt.Sprintf("%s居%s第%d位", measure, zh, n)
}

// ordinal returns "1st", "2nd", "3rd", "11th" …
func ordinal(n int64) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

var monthsEnglish = [...]string{"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// partLabel names a period within a year without the year, as a label:
// 截至12月中旬, 截至5月11日, 一季度, 1月; "to mid-December", "to 11 May",
// "Q1", "January". Other periods are named in full.
func partLabel(p model.Period, lang Lang) string {
	en := lang == English
	switch p.Kind {
	case model.YTD:
		if p.Dekad != 0 {
			if en {
				return "to " + [...]string{"", "early", "mid", "late"}[p.Dekad] + "-" + monthsEnglish[p.Index]
			}
			return fmt.Sprintf("截至%d月%s旬", p.Index, [...]string{"", "上", "中", "下"}[p.Dekad])
		}
		if en {
			return fmt.Sprintf("to %d %s", p.Day, monthsEnglish[p.Index])
		}
		return fmt.Sprintf("截至%d月%d日", p.Index, p.Day)
	case model.Quarter:
		if en {
			return fmt.Sprintf("Q%d", p.Index)
		}
		return [...]string{"", "一", "二", "三", "四"}[p.Index] + "季度"
	case model.Month:
		if en {
			return monthsEnglish[p.Index]
		}
		return fmt.Sprintf("%d月", p.Index)
	}
	if en {
		return p.English()
	}
	return p.Chinese()
}

// partFigure words "a figure for part of the year" in a sentence:
// 截至5月11日的数据, 一季度的数据; "a figure to 11 May", "a figure for Q1".
func partFigure(p model.Period, lang Lang) string {
	if lang == English {
		if p.Kind == model.YTD {
			return "a figure " + partLabel(p, English)
		}
		return "a figure for " + partLabel(p, English)
	}
	return partLabel(p, Chinese) + "的数据"
}
