package report

import (
	"strings"

	"github.com/statbrief/statbrief/model"
)

// English wording that depends on the indicator: the noun a Chinese
// measure word stands for, the article before a name, and units a name
// already says. The rules read the indicator's data (its English name and
// model.Indicator.UnitEnglish), never a list of indicators.

// englishUnitOf returns the English noun the figures of indicator code in
// unit u take where the indicator names one (model.Indicator.UnitEnglish:
// "entities" for market entities counted in 户); "" for the base unit's
// own English name, for figures in another unit than the indicator's, and
// in Chinese documents.
func (b *builder) englishUnitOf(code string, u model.Unit) string {
	if b.lang != English {
		return ""
	}
	ind, ok := b.ds.Indicator(code)
	if !ok || ind.Unit != u.Base {
		return ""
	}
	return ind.UnitEnglish
}

// words splits an English name into its words, without punctuation.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-')
	})
}

// englishUnits sets the English unit of every figure the document's
// tables and cards show, from the indicator the figure is of (its
// observation, or the first input of its derivation). Only English
// documents need it.
func (b *builder) englishUnits() {
	if b.lang != English {
		return
	}
	of := map[string]string{} // observation or "target:" ID → indicator
	for i := range b.obs {
		of[b.obs[i].ID] = b.obs[i].Indicator
	}
	for i := range b.tgts {
		of["target:"+b.tgts[i].ID] = b.tgts[i].Indicator
	}
	fix := func(f *Figure, obs string) {
		if !f.Valid || f.Value.Unit.IsPercent() || f.Value.Unit.IsPoints() {
			return
		}
		if obs == "" && f.Derived != nil && len(f.Derived.Inputs) > 0 {
			obs = f.Derived.Inputs[0].Ref
		}
		if ind, ok := of[obs]; ok {
			f.EnglishUnit = b.englishUnitOf(ind, f.Value.Unit)
		}
	}
	for si := range b.doc.Sections {
		for bi, blk := range b.doc.Sections[si].Blocks {
			switch t := blk.(type) {
			case Table:
				for ri := range t.Rows {
					for ci := range t.Rows[ri].Cells {
						c := &t.Rows[ri].Cells[ci]
						if c.Kind == FigureCell {
							fix(&c.Figure, c.Obs)
						}
					}
				}
			case Cards:
				for i := range t.Items {
					fix(&t.Items[i].Value, t.Items[i].Obs)
					fix(&t.Items[i].Change, "")
				}
				b.doc.Sections[si].Blocks[bi] = t
			}
		}
	}
}

// say returns the text of figure f in a sentence about indicator ind: as
// Figure.Text, but without a unit the indicator's name already says and
// with the unit noun that fits the indicator — 每万人有效发明专利拥有量24.25件,
// not 24.25件/万人; "Valid invention patents per 10,000 population reached
// 24.25", not "… 24.25 per 10,000 people"; "Newly registered market
// entities reached 91,499", not "91,499 households".
func (b *builder) say(ind model.Indicator, f Figure) string {
	if !f.Valid || f.Value.Unit.IsPercent() || f.Value.Unit.IsPoints() || f.Value.Unit.Base != ind.Unit {
		return f.Text(b.lang)
	}
	if b.lang != English {
		if strings.HasPrefix(ind.Name, "每万人") {
			if u, ok := strings.CutSuffix(f.Value.Unit.Base, "/万人"); ok {
				f.Value.Unit.Base = u
			}
		}
		return f.Text(Chinese)
	}
	f.EnglishUnit = ind.UnitEnglish
	u := f.EnglishUnit
	if u == "" {
		u = model.BaseUnitEnglish(f.Value.Unit.Base)
	}
	if u != "" && nameSays(ind.English, u) {
		f.EnglishUnit = "-"
	}
	return f.Text(English)
}

// nameSays reports whether an English indicator name already says the
// unit u: "Days with good air quality" says days; "… per 10,000
// population" says "per 10,000 people".
func nameSays(name, u string) bool {
	n := " " + strings.ToLower(strings.Join(words(name), " ")) + " "
	if rest, ok := strings.CutPrefix(u, "per "); ok {
		num, _, _ := strings.Cut(rest, " ")
		return strings.Contains(strings.ToLower(name), "per "+num)
	}
	return strings.Contains(n, " "+strings.ToLower(u)+" ")
}

// articleNouns are the singular head nouns an English indicator name
// takes "the" before, as the subject of a sentence: "The consumer price
// index rose", "The registered urban unemployment rate was"; mass nouns
// (investment, revenue, training) and plurals take none.
var articleNouns = map[string]bool{
	"index": true, "rate": true, "share": true, "ratio": true, "proportion": true, "number": true,
	"product": true, "value": true, "added": true, "throughput": true, "turnover": true, "reserve": true,
	"standard": true, "level": true, "amount": true, "volume": true, "area": true, "output": true,
	"total": true, "balance": true, "time": true, "coverage": true, "rank": true, "ranking": true,
	"length": true, "capacity": true, "density": true, "price": true,
}

// subject returns an indicator's English name as the subject of a
// sentence that does not start with it, with "the" where its head noun is
// a singular countable noun: "the consumer price index", "value added …"
// becomes "the value added …", "new urban jobs" stays as it is.
func subject(name string) string {
	name = lowerFirst(name)
	if needsArticle(name) {
		return "the " + name
	}
	return name
}

// needsArticle reports whether an English indicator name, as a subject,
// takes "the": its head noun — the last word before a preposition or a
// parenthesis — is one of articleNouns.
func needsArticle(name string) bool {
	n := strings.ToLower(name)
	for _, cut := range []string{" (", " of ", " per ", " in ", " at ", " for ", " with ", " to ", " by ", " from ", " on ", " among ", ",", ":"} {
		if i := strings.Index(n, cut); i >= 0 {
			n = n[:i]
		}
	}
	w := words(n)
	return len(w) > 0 && articleNouns[w[len(w)-1]]
}
