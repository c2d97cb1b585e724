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
// wording like 下降1.6% where the verb carries the sign.
func abs(f Figure) Figure {
	f.Value.Num = f.Value.Num.Abs()
	f.Signed = false
	return f
}

// growthVerb returns the verb for a growth rate by sign and indicator kind:
// 增长/下降 (prices: 上涨/下降), grew/fell (prices: rose/fell).
func (b *builder) growthVerb(ind model.Indicator, g Figure, basis model.Basis) string {
	neg := g.Value.Num.IsNegative()
	zero := g.Value.Num.IsZero()
	prices := ind.Category == "prices"
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

// rowSentence words one headline row.
func (b *builder) rowSentence(r hrow) (string, []int) {
	var cites []int
	addCite := func(o *model.Observation, f Figure) {
		if o != nil && f.Valid && f.Derived == nil {
			cites = append(cites, b.cite(*o))
		}
	}
	name := b.indicatorName(r.ind.Code)
	var parts []string
	var ours Figure
	basis := model.BasisUnstated
	if r.growthO != nil {
		basis = r.growthO.Basis
	}
	switch {
	case r.measure == model.Rate && r.value != nil:
		ours = r.valueFig
		addCite(r.value, r.valueFig)
		if b.lang == English {
			parts = append(parts, fmt.Sprintf("%s was %s", name, r.valueFig.Text(English)))
		} else {
			parts = append(parts, name+"为"+r.valueFig.Text(Chinese))
		}
		if r.growth.Valid {
			addCite(r.growthO, r.growth)
			parts = append(parts, b.changePhrase(r.growth))
		}
	default:
		lead := name
		if r.value != nil {
			addCite(r.value, r.valueFig)
			if b.lang == English {
				lead = fmt.Sprintf("%s reached %s", name, r.valueFig.Text(English))
			} else {
				lead = name + r.valueFig.Text(Chinese)
			}
		}
		if r.growth.Valid {
			ours = r.growth
			addCite(r.growthO, r.growth)
			verb := b.growthVerb(r.ind, r.growth, basis)
			derived := r.growth.Derived != nil
			if b.lang == English {
				if derived {
					verb += " (computed from the published levels)"
				}
				if r.value != nil {
					parts = append(parts, lead+", and "+verb)
				} else {
					parts = append(parts, name+" "+verb)
				}
			} else {
				switch {
				case r.value != nil && derived:
					parts = append(parts, lead, "按公布数推算同比"+verb)
				case r.value != nil:
					parts = append(parts, lead, "同比"+verb)
				default:
					parts = append(parts, name+verb)
				}
			}
		} else if r.value != nil {
			parts = append(parts, lead)
		}
	}
	if len(parts) == 0 {
		return "", nil
	}
	// comparisons: 分别高于全国、全省0.4和1个百分点
	gn, gp := b.gapPhrase(ours, r.nation), b.gapPhrase(ours, r.province)
	addCite(r.nation.gapO, r.nation.gap)
	addCite(r.province.gapO, r.province.gap)
	switch {
	case gn != "" && gp != "" && b.lang == Chinese && sameWord(gn, gp):
		w := wordOf(gn)
		parts = append(parts, "分别"+w+b.regionShort(r.nation.region)+"、"+b.regionShort(r.province.region)+
			strings.TrimSuffix(abs(r.nation.gap).Text(Chinese), "个百分点")+"和"+abs(r.province.gap).Text(Chinese))
	default:
		if gn != "" {
			parts = append(parts, gn)
		}
		if gp != "" {
			parts = append(parts, gp)
		}
	}
	region := b.regionName(b.region.Code)
	if b.lang == English {
		return fmt.Sprintf("In %s, %s's %s.", b.periodName(r.period), region, lowerFirst(strings.Join(parts, ", "))), cites
	}
	return b.periodName(r.period) + "，" + region + strings.Join(parts, "，") + "。", cites
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
			return "unchanged on the year before"
		case f.Value.Num.IsPositive():
			return "up " + abs(f).Text(English) + " on the year before"
		}
		return "down " + abs(f).Text(English) + " on the year before"
	}
	switch {
	case f.Value.Num.IsZero():
		return "与上年持平"
	case f.Value.Num.IsPositive():
		return "比上年提高" + abs(f).Text(Chinese)
	}
	return "比上年降低" + abs(f).Text(Chinese)
}

// summary is the overview paragraph: how many indicators grew, targets met,
// checks that disagree.
func (b *builder) summary(rows []hrow) Paragraph {
	up, down := 0, 0
	for _, r := range rows {
		if r.period != model.YearOf(b.year) || r.measure != model.Growth || !r.growth.Valid {
			continue
		}
		if r.growth.Value.Num.IsNegative() {
			down++
		} else {
			up++
		}
	}
	atts := b.attainments()
	met, missed, na := 0, 0, 0
	for _, a := range atts {
		switch a.Status {
		case Met, Exceeded, WithinTolerance:
			met++
		case Missed:
			missed++
		default:
			na++
		}
	}
	region := b.regionName(b.region.Code)
	if b.lang == English {
		return Paragraph{Text: fmt.Sprintf("This briefing covers %s in %d. Of the headline indicators with a growth rate for %d, %d rose and %d fell. Of %d quantified targets for %d, %d were met, %d missed and %d cannot yet be assessed from the published figures.",
			region, b.year, b.year, up, down, len(atts), b.year, met, missed, na)}
	}
	return Paragraph{Text: fmt.Sprintf("本简报汇总%s%d年经济社会发展主要数据。%d年有增速的主要指标中，%d项增长，%d项下降。%d年%d项量化目标中，%d项已完成，%d项未完成，%d项尚无可用于评估的公开数据。",
		region, b.year, b.year, up, down, b.year, len(atts), met, missed, na)}
}
