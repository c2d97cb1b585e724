package report

import (
	"errors"
	"fmt"
)

// Sentinel errors of derivations and of Build. A derivation that cannot be
// made returns an invalid Figure and a *DerivationError wrapping one of
// these; Build turns them into "not assessable" entries in the document.
var (
	// ErrNotAssessable is wrapped by every reason a figure cannot be derived.
	ErrNotAssessable = errors.New("not assessable")
	// ErrPlaces reports decimal places a derived figure cannot be computed
	// to: below 0 or above MaxPlaces. It is the caller's mistake, not the
	// data's, and wraps no other sentinel.
	ErrPlaces = errors.New("decimal places out of range")
	// ErrMissing reports a missing input (no last-year level, no actual for a target).
	ErrMissing = fmt.Errorf("%w: missing input", ErrNotAssessable)
	// ErrZeroBase reports a zero divisor (a growth on a zero base).
	ErrZeroBase = fmt.Errorf("%w: zero base", ErrNotAssessable)
	// ErrUnits reports inputs in different base units.
	ErrUnits = fmt.Errorf("%w: different units", ErrNotAssessable)
	// ErrBasis reports inputs on different price bases (current vs comparable).
	ErrBasis = fmt.Errorf("%w: different price bases", ErrNotAssessable)
	// ErrBound reports inputs that are bounds pulling in opposite ways
	// (2小时以内 against 12小时以内), whose combination no figure can state.
	ErrBound = fmt.Errorf("%w: bounds, not figures", ErrNotAssessable)
	// ErrImpossible reports inputs that cannot be true (a share above 100 %).
	ErrImpossible = fmt.Errorf("%w: impossible input", ErrNotAssessable)
	// ErrIncomparable is wrapped by every reason two figures cannot be set
	// against each other: ErrPeriod and ErrSubject.
	ErrIncomparable = fmt.Errorf("%w: figures not comparable", ErrNotAssessable)
	// ErrPeriod reports figures of periods the derivation cannot combine:
	// a growth between a quarter and a year, or between years four apart;
	// a gap or share across two years; an annual target against a
	// quarter's actual.
	ErrPeriod = fmt.Errorf("%w: different periods", ErrIncomparable)
	// ErrSubject reports figures of different indicators or regions where
	// the derivation needs one (a growth of 城镇新增就业 from a level of
	// another indicator).
	ErrSubject = fmt.Errorf("%w: different indicators or regions", ErrIncomparable)
	// ErrPartialPeriod reports a target for a period (a year) for which
	// only a figure for part of it is published (to 11 May) that does not
	// decide the target.
	ErrPartialPeriod = fmt.Errorf("%w: only a figure for part of the period", ErrNotAssessable)
	// ErrUnknownRegion reports a spec naming a region the dataset does not have.
	ErrUnknownRegion = errors.New("unknown region")
	// ErrNoData reports a spec naming a year (or region) with no figures.
	ErrNoData = errors.New("no figures for the period")
	// ErrNilDataset reports a nil dataset given to Build. It wraps
	// ErrNoData: there are no figures at all.
	ErrNilDataset = fmt.Errorf("nil dataset: %w", ErrNoData)
	// ErrUnknownSection reports a spec naming a section Build does not know.
	ErrUnknownSection = errors.New("unknown section")
	// ErrUnknownIndicator reports a spec naming an indicator the dataset does not have.
	ErrUnknownIndicator = errors.New("unknown indicator")
	// ErrUnknownLang reports a spec naming a language Build does not write
	// (only Chinese and English).
	ErrUnknownLang = errors.New("unknown language")
)

// DerivationError says which derivation failed, for what, and why:
// "report: YoY 城镇新增就业 2020: zero base".
type DerivationError struct {
	Op      string // "YoY", "share", "attainment" …
	Subject string // the indicator (and region) concerned
	Period  string // the period of the figures, e.g. "2020"
	Err     error  // the sentinel reason (ErrMissing, ErrUnits …), wrapped
}

// Error names the derivation, its subject and period, and the reason.
func (e *DerivationError) Error() string {
	s := "report: " + e.Op
	if e.Subject != "" {
		s += " " + e.Subject
	}
	if e.Period != "" {
		s += " " + e.Period
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the sentinel.
func (e *DerivationError) Unwrap() error { return e.Err }

// SpecError reports a Spec that Build cannot satisfy.
type SpecError struct {
	Field string // "Region", "Year", "Lang", "Sections", "Indicators"
	Value string // the value given
	Err   error  // the reason, wrapped
}

// Error names the spec field, its value and the reason.
func (e *SpecError) Error() string {
	return fmt.Sprintf("report: spec %s %q: %v", e.Field, e.Value, e.Err)
}

// Unwrap returns the sentinel.
func (e *SpecError) Unwrap() error { return e.Err }
