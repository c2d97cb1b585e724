package model

// Indicator is a statistic the dataset holds figures of.
type Indicator struct {
	Code     string   // stable ASCII code, e.g. "gdp"
	Name     string   // simplified Chinese name: 地区生产总值
	Aliases  []string // traditional and variant names as the sources write them
	English  string   // English name
	Category string   // grouping, e.g. "economy", "employment"
	Unit     string   // base unit of its levels ("元", "人", …) or Percent for a rate indicator
	Polarity Polarity // which direction is good news
	// SumOf lists the indicators whose levels add up to this one's, where
	// the sources say so (自然保护区11个 = 国家级4个 + 省级1个 + 市级6个), so that
	// stated totals can be checked against their parts. Every part has this
	// indicator's unit.
	SumOf []string
	// Accumulates says that the indicator's level for a period is a sum of
	// non-negative amounts over it (城镇新增就业, 职业技能培训人次): a level
	// for part of a year is a lower bound of the whole year's level, so that
	// an annual at-least target already reached by a year-to-date figure is
	// met. Rates, stocks and averages do not accumulate.
	Accumulates bool
	// CompletionOf names the indicator whose target this one states the
	// completion of, in percent (职业技能培训计划完成率 of 职业技能培训), so
	// that a published completion rate can be checked against the
	// published actual and target. The indicator is a rate (Percent).
	CompletionOf string
	// UnitEnglish is the English noun of a count's unit where the unit's
	// own English word does not fit the indicator: 户 is "households" for
	// families but "entities" for 新设市场主体, 份 "contracts" for 技术合同.
	// Empty means the unit's own word.
	UnitEnglish string
}

// IsRate reports whether the indicator is itself a rate or ratio in percent.
func (i Indicator) IsRate() bool { return i.Unit == Percent }

// Region is a place figures are published for.
type Region struct {
	Code    string      // stable ASCII code, e.g. "dalian"
	Name    string      // simplified Chinese name: 大连市
	Aliases []string    // other names the sources use: 大連, 全市
	English string      // English name
	Level   RegionLevel // place in the hierarchy: nation › province › city › district or county
	Parent  string      // code of the enclosing region; "" for the nation
}

// Source says where a figure was published: the document, the exact phrase
// the figure stands in, and the byte offset of that phrase in the document.
type Source struct {
	Doc    string // file name of the source document, e.g. "000_0834e4629ed69cd9.txt"
	Phrase string // the exact text, as published (traditional characters kept)
	Offset int    // byte offset of Phrase in Doc
}

// Observation is one published figure.
type Observation struct {
	ID        string // unique within the dataset, e.g. "002.gdp.2019.growth"
	Indicator string // indicator code
	Region    string // region code
	Period    Period // the span the figure refers to
	Kind      Kind   // what the figure measures: level, growth, share …
	Basis     Basis  // price basis of a growth rate, where the text states it
	// Ref is the other region of a Gap (required) or the enclosing region of
	// a Share (defaults to the region's parent); empty for other kinds.
	Ref string
	// Measure is what a Gap compares: Growth or Rate (in JSON, "of" defaults
	// to growth); for a Rank, what it ranks where the text says (增速居全省第一:
	// Growth; Level, Rate or Share), else InvalidKind; InvalidKind (zero)
	// for other kinds.
	Measure Kind
	// Among names the peer group of a Rank: a region code, for a rank
	// among the units of that region (居全省第一: the province's code), or
	// the code of a Group (15个副省级城市); empty when the text does not say.
	Among  string
	Value  Value  // the figure as published
	Source Source // where it was published
}

// Target is a goal set for a period, usually in the government work report.
type Target struct {
	ID        string     // unique within the dataset
	Indicator string     // indicator code
	Region    string     // region code
	Period    Period     // the period the target is set for
	Kind      TargetKind // at least, at most, around, in step …
	Measure   Kind       // the observation kind the target is about: Growth, Level, Rate, Share, Change
	Basis     Basis      // price basis, where stated
	Value     NullValue  // missing for InStepTarget and ShareNotBelow
	Tolerance NullValue  // for AroundTarget: the allowed distance; missing means the default
	// With is the region an InStepTarget keeps pace with.
	With string
	// WithIndicator is the indicator an InStepTarget keeps pace with
	// (城乡居民收入与经济增长同步: "gdp").
	WithIndicator string
	// Ref is the region a ShareNotBelow target's share is of.
	Ref string
	// Claim is the outcome a source claims for the target, where it states
	// one (超额完成年度9.6万人的预期目标: ClaimExceeded); the report checks it.
	Claim  Claim
	Source Source // where the target was set
}

// Document is a source document the figures are taken from.
type Document struct {
	File    string // file name, the key Source.Doc refers to
	Title   string // title in Chinese
	English string // title in English
	// Date is the publication date as far as it is known: "2021-01",
	// "2020-05-14"; empty when unknown.
	Date string
}

// Group is a peer group a rank is counted among that is not a region:
// 15个副省级城市 (the 15 sub-provincial cities).
type Group struct {
	Code    string // stable ASCII code, distinct from every region code
	Name    string // Chinese name as the sources write it
	English string // English name, e.g. "the 15 sub-provincial cities"
}
