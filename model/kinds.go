package model

import "fmt"

// enum is the shared text form of the model's small enumerations.
type enum struct{ names []string }

func (e enum) name(i uint8) string {
	if int(i) < len(e.names) {
		return e.names[i]
	}
	return fmt.Sprintf("invalid(%d)", i)
}

func (e enum) parse(s string) (uint8, bool) {
	for i, n := range e.names {
		if i > 0 && n == s {
			return uint8(i), true
		}
	}
	return 0, false
}

// Kind is what an observation measures.
type Kind uint8

// The observation kinds.
const (
	InvalidKind Kind = iota
	Level            // an amount in the indicator's unit: 11.11万人
	Rate             // the value of a rate indicator, in %: 失业率2.65%
	Growth           // year-on-year growth in %: 增长6.5% (negative for 下降)
	Change           // absolute change on last year, in the indicator's unit or in 百分点
	Share            // share of a larger region, in %: 占全市40%
	Gap              // (this − other region) in 百分点, of growth or rate
	Rank             // position among peers: 居全省第一 → 1
)

var kindNames = enum{[]string{"", "level", "rate", "growth", "change", "share", "gap", "rank"}}

// String returns the kind's JSON name ("level", "growth" …).
func (k Kind) String() string { return kindNames.name(uint8(k)) }

// ParseKind parses a kind's JSON name.
func ParseKind(s string) (Kind, error) {
	if i, ok := kindNames.parse(s); ok {
		return Kind(i), nil
	}
	return InvalidKind, fmt.Errorf("model: kind %q: %w", s, ErrUnknownKind)
}

// Basis is the price basis a growth rate is stated on.
type Basis uint8

// The price bases.
const (
	BasisUnstated Basis = iota // the text does not say
	Current                    // at current prices (nominal)
	Comparable                 // 可比: at comparable prices, or like for like
)

var basisNames = enum{[]string{"", "current", "comparable"}}

// String returns the basis' JSON name ("" when unstated).
func (b Basis) String() string { return basisNames.name(uint8(b)) }

// ParseBasis parses a basis' JSON name; "" is BasisUnstated.
func ParseBasis(s string) (Basis, error) {
	if s == "" {
		return BasisUnstated, nil
	}
	if i, ok := basisNames.parse(s); ok {
		return Basis(i), nil
	}
	return BasisUnstated, fmt.Errorf("model: basis %q: %w", s, ErrUnknownKind)
}

// Polarity says which direction of an indicator is good news.
type Polarity uint8

// The polarities.
const (
	Neutral      Polarity = iota // neither direction is better (prices)
	HigherBetter                 // more is better (output, jobs)
	LowerBetter                  // less is better (unemployment, energy use)
)

var polarityNames = enum{[]string{"neutral", "higher", "lower"}}

// String returns the polarity's JSON name.
func (p Polarity) String() string { return polarityNames.name(uint8(p)) }

// ParsePolarity parses a polarity's JSON name.
func ParsePolarity(s string) (Polarity, error) {
	if s == "neutral" {
		return Neutral, nil
	}
	if i, ok := polarityNames.parse(s); ok {
		return Polarity(i), nil
	}
	return Neutral, fmt.Errorf("model: polarity %q: %w", s, ErrUnknownKind)
}

// RegionLevel is a region's place in the administrative hierarchy.
type RegionLevel uint8

// The region levels, from the top.
const (
	InvalidLevel RegionLevel = iota
	Nation
	Province
	City
	District
	County
)

var levelNames = enum{[]string{"", "nation", "province", "city", "district", "county"}}

// String returns the level's JSON name.
func (l RegionLevel) String() string { return levelNames.name(uint8(l)) }

// ParseRegionLevel parses a level's JSON name.
func ParseRegionLevel(s string) (RegionLevel, error) {
	if i, ok := levelNames.parse(s); ok {
		return RegionLevel(i), nil
	}
	return InvalidLevel, fmt.Errorf("model: region level %q: %w", s, ErrUnknownKind)
}

// TargetKind is the form of a target.
type TargetKind uint8

// The target kinds.
const (
	InvalidTarget TargetKind = iota
	AtLeastTarget            // 以上: the actual must be at least the value
	AtMostTarget             // 以内: the actual must not exceed the value
	AroundTarget             // 左右: the actual within a tolerance of the value
	InStepTarget             // 同步: the actual growth keeps pace with another region or indicator
	ShareNotBelow            // 份额不减: the share of a region is not below last year's
	ReachTarget              // a level to reach: 新增就业9.6万人
)

var targetNames = enum{[]string{"", "at_least", "at_most", "around", "in_step", "share_not_below", "reach"}}

// String returns the target kind's JSON name.
func (k TargetKind) String() string { return targetNames.name(uint8(k)) }

// ParseTargetKind parses a target kind's JSON name.
func ParseTargetKind(s string) (TargetKind, error) {
	if i, ok := targetNames.parse(s); ok {
		return TargetKind(i), nil
	}
	return InvalidTarget, fmt.Errorf("model: target kind %q: %w", s, ErrUnknownKind)
}

// Claim is the outcome a source claims for a target.
type Claim uint8

// The claims.
const (
	NoClaim       Claim = iota // the source claims nothing
	ClaimMet                   // 完成, 控制在…以内: the target was met
	ClaimExceeded              // 超额完成: the target was exceeded
	ClaimMissed                // 未完成: the target was missed
)

var claimNames = enum{[]string{"", "met", "exceeded", "missed"}}

// String returns the claim's JSON name ("" for none).
func (c Claim) String() string { return claimNames.name(uint8(c)) }

// ParseClaim parses a claim's JSON name; "" is NoClaim.
func ParseClaim(s string) (Claim, error) {
	if s == "" {
		return NoClaim, nil
	}
	if i, ok := claimNames.parse(s); ok {
		return Claim(i), nil
	}
	return NoClaim, fmt.Errorf("model: claim %q: %w", s, ErrUnknownKind)
}
