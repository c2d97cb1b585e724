package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors. Every error returned by this package wraps one of them, so
// callers can test the class of a problem with errors.Is.
var (
	// ErrEmpty reports an empty figure or a required field left empty.
	ErrEmpty = errors.New("empty")
	// ErrSyntax reports malformed input: a figure string that is not a
	// well-formed number with unit, a code that is not lower_snake ASCII, a
	// JSON file that is not valid JSON or not in the dataset's shape.
	ErrSyntax = errors.New("malformed")
	// ErrUnknownField reports a JSON field the dataset format does not have.
	ErrUnknownField = errors.New("unknown field")
	// ErrTooLong reports input over the parser's bounds (digits or bytes).
	ErrTooLong = errors.New("input too long")
	// ErrInvalidUTF8 reports input that is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrUnknownUnit reports a unit or magnitude the model does not know.
	ErrUnknownUnit = errors.New("unknown unit")
	// ErrMixedUnits reports arithmetic or comparison across different base units.
	ErrMixedUnits = errors.New("mixed units")
	// ErrZeroDivisor reports a division by zero (Div, Value.Ratio).
	ErrZeroDivisor = errors.New("zero divisor")
	// ErrUnknownIndicator reports a reference to an indicator not in the dataset.
	ErrUnknownIndicator = errors.New("unknown indicator")
	// ErrUnknownRegion reports a reference to a region not in the dataset.
	ErrUnknownRegion = errors.New("unknown region")
	// ErrUnknownKind reports an observation, target, period or enum value the model does not know.
	ErrUnknownKind = errors.New("unknown kind")
	// ErrUnitMismatch reports a value whose unit does not fit its indicator and kind.
	ErrUnitMismatch = errors.New("unit does not match indicator")
	// ErrDuplicate reports a duplicate code, id or observation key.
	ErrDuplicate = errors.New("duplicate record")
	// ErrImpossible reports a value that cannot be true (a share above 100 %, a negative count).
	ErrImpossible = errors.New("impossible value")
	// ErrMissingSource reports a record without a source document or phrase.
	ErrMissingSource = errors.New("missing source")
	// ErrPeriod reports a malformed period.
	ErrPeriod = errors.New("malformed period")
)

// ParseError is returned by ParseValue and ParsePeriod. It names the input and
// the byte offset at which parsing failed, and wraps a sentinel error.
type ParseError struct {
	Input  string // the input, cut to 64 bytes for display
	Offset int    // byte offset of the problem in the input
	Err    error  // the sentinel, e.g. ErrSyntax
}

// Error reads `model: parse "input" at byte N: problem`.
func (e *ParseError) Error() string {
	return fmt.Sprintf("model: parse %s at byte %d: %v", strconv.Quote(e.Input), e.Offset, e.Err)
}

// Unwrap returns the wrapped sentinel.
func (e *ParseError) Unwrap() error { return e.Err }

func parseErr(input string, off int, err error) *ParseError {
	if len(input) > 64 {
		cut := 64
		for cut > 0 && !isRuneStart(input[cut]) {
			cut--
		}
		input = input[:cut] + "…"
	}
	return &ParseError{Input: input, Offset: off, Err: err}
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// RecordError is a validation or decoding problem in one record of a dataset.
// It names the source (file), the position in it when known, the record, the
// field and the offending value, and wraps a sentinel error (and, where there
// is one, a *ParseError).
type RecordError struct {
	Source string // the file or stream the record came from; may be empty
	// Line and Column locate the record or field in Source, 1-based, the
	// column counted in characters; both are 0 when unknown (records built
	// in code).
	Line, Column int
	Record       string // e.g. `observation "002.gdp.2019.growth"` or `indicators[3]`
	// Region is the code of the region the record belongs to, as written
	// in it: an observation's or a target's region, a region's own code;
	// empty for documents, groups and indicators, and when the record has
	// none. A caller that renders one region at a time (a batch job) can
	// set aside the regions named by errors and use the rest.
	Region string
	Field  string // the JSON field name, e.g. "unit"
	Value  string // the offending value as written
	Err    error  // the sentinel, possibly wrapped with detail, or a *ParseError
}

// Error reads "model: file:line:col: record: field f = "value": problem".
func (e *RecordError) Error() string {
	var b strings.Builder
	b.WriteString("model: ")
	switch {
	case e.Source != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d:%d: ", e.Source, e.Line, e.Column)
	case e.Source != "":
		b.WriteString(e.Source + ": ")
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d, column %d: ", e.Line, e.Column)
	}
	b.WriteString(e.Record)
	if e.Field != "" {
		b.WriteString(": field " + e.Field)
	}
	if e.Value != "" {
		b.WriteString(" = " + strconv.Quote(e.Value))
	}
	pe, isParse := e.Err.(*ParseError)
	switch {
	case isParse:
		// The value is printed already: say only what and where in it.
		fmt.Fprintf(&b, ": %v at byte %d", pe.Err, pe.Offset)
	case e.Err != nil:
		b.WriteString(": " + e.Err.Error())
	default:
		b.WriteString(": invalid")
	}
	return b.String()
}

// Unwrap returns the wrapped error.
func (e *RecordError) Unwrap() error { return e.Err }
