package xlsx

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. A *CellError or *SheetNameError wraps one of them, so
// callers test with errors.Is and locate the problem with errors.As.
var (
	// ErrTooManyDigits: a number has more than 15 significant digits, more
	// than a spreadsheet stores exactly.
	ErrTooManyDigits = errors.New("more than 15 significant digits")
	// ErrTextTooLong: a text is longer than a cell holds (32,767 UTF-16
	// code units). Text is never truncated silently.
	ErrTextTooLong = errors.New("text longer than 32,767 UTF-16 units")
	// ErrControlChar: a text holds a character that XML cannot carry (a C0
	// control other than tab, line feed and carriage return, U+FFFE, U+FFFF,
	// or invalid UTF-8). Reported only with RejectControlChars; by default
	// such characters are removed.
	ErrControlChar = errors.New("character not allowed in XML")
	// ErrSheetName: a sheet name breaks Excel's rules (empty, longer than 31
	// UTF-16 units, holding one of []:*?/\, starting or ending with an
	// apostrophe, the reserved name "History", or not unique).
	ErrSheetName = errors.New("invalid sheet name")
	// ErrTooManyColumns: a table is wider than a sheet (16,384 columns).
	ErrTooManyColumns = errors.New("more columns than a sheet holds")
	// ErrUnknownSection: SheetName was given a section ID that is neither
	// one of report.AllSections nor SectionCharts.
	ErrUnknownSection = errors.New("unknown section ID")
)

// CellError is a problem with the content of one cell: it names the sheet,
// the cell and the offending value, and wraps a sentinel error.
type CellError struct {
	Sheet string // sheet name, e.g. "数据"
	Cell  string // cell reference, e.g. "G12"
	Value string // the value, shortened for display
	Err   error  // ErrTooManyDigits, ErrTextTooLong or ErrControlChar
}

// Error names the sheet, the cell and the value: `xlsx: 数据!G12 "…": more
// than 15 significant digits`.
func (e *CellError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("xlsx: %s!%s: %v", e.Sheet, e.Cell, e.Err)
	}
	return fmt.Sprintf("xlsx: %s!%s %q: %v", e.Sheet, e.Cell, e.Value, e.Err)
}

// Unwrap returns the sentinel error.
func (e *CellError) Unwrap() error { return e.Err }

// SheetNameError is an invalid sheet name given to SheetName or derived from
// a document. It wraps ErrSheetName.
type SheetNameError struct {
	Name   string // the name as given
	Reason string // what rule it breaks
}

// Error names the sheet name and the rule it breaks.
func (e *SheetNameError) Error() string {
	return fmt.Sprintf("xlsx: sheet name %q: %s: %v", e.Name, e.Reason, ErrSheetName)
}

// Unwrap returns ErrSheetName.
func (e *SheetNameError) Unwrap() error { return ErrSheetName }

// SectionError is a section ID given to an option that names no section.
// It wraps ErrUnknownSection.
type SectionError struct {
	ID string // the ID as given
}

// Error names the ID and the IDs there are.
func (e *SectionError) Error() string {
	return fmt.Sprintf("xlsx: section %q: %v (want one of %s)", e.ID, ErrUnknownSection, strings.Join(sectionIDs(), ", "))
}

// Unwrap returns ErrUnknownSection.
func (e *SectionError) Unwrap() error { return ErrUnknownSection }

// shorten returns s cut to about n runes for error messages.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
