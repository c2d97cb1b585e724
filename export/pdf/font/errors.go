package font

import (
	"errors"
	"fmt"
)

// Sentinel errors. Errors returned by this package wrap one of them, so
// errors.Is can test the kind of failure.
var (
	// ErrNotTrueType: the data is not a TrueType font (for example an
	// OpenType font with CFF outlines, signature 'OTTO').
	ErrNotTrueType = errors.New("not a TrueType font")
	// ErrCollection: the data is a font collection (TTC); use
	// ParseCollection to pick a face.
	ErrCollection = errors.New("font collection (TTC): use ParseCollection")
	// ErrMalformed: a table is truncated, missing or inconsistent.
	ErrMalformed = errors.New("malformed font")
	// ErrMissingGlyph: no face has a glyph for a character.
	ErrMissingGlyph = errors.New("no font has the glyph")
	// ErrInvalidUTF8: text is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrEmptySet: a Set was built without faces.
	ErrEmptySet = errors.New("empty font set")
)

// FormatError reports a font that cannot be used: which table and what is
// wrong with it. Err is ErrNotTrueType, ErrCollection or ErrMalformed.
type FormatError struct {
	Table  string // the table at fault ("" for the file header)
	Detail string // what is wrong
	Err    error  // sentinel
}

// Error describes the fault: "font: table loca: malformed font: ...".
func (e *FormatError) Error() string {
	where := "header"
	if e.Table != "" {
		where = "table " + e.Table
	}
	if e.Detail == "" {
		return fmt.Sprintf("font: %s: %v", where, e.Err)
	}
	return fmt.Sprintf("font: %s: %v: %s", where, e.Err, e.Detail)
}

// Unwrap returns the sentinel.
func (e *FormatError) Unwrap() error { return e.Err }

func malformed(table, format string, args ...any) error {
	return &FormatError{Table: table, Detail: fmt.Sprintf(format, args...), Err: ErrMalformed}
}

// MissingGlyphError reports a character that no face of a set can draw,
// with its byte offset in the text. It wraps ErrMissingGlyph.
type MissingGlyphError struct {
	Set    string // the set's name
	Rune   rune   // the character
	Offset int    // byte offset of the character in the text; -1 from Face.Subset
}

// Error names the set, the character and its offset.
func (e *MissingGlyphError) Error() string {
	return fmt.Sprintf("font: set %q: %U %q at byte %d: %v", e.Set, e.Rune, e.Rune, e.Offset, ErrMissingGlyph)
}

// Unwrap returns ErrMissingGlyph.
func (e *MissingGlyphError) Unwrap() error { return ErrMissingGlyph }

// UTF8Error reports a byte that does not start a valid UTF-8 sequence.
// It wraps ErrInvalidUTF8.
type UTF8Error struct {
	Offset int  // byte offset in the text
	Byte   byte // the offending byte
}

// Error names the byte and its offset.
func (e *UTF8Error) Error() string {
	return fmt.Sprintf("font: byte %#02x at offset %d: %v", e.Byte, e.Offset, ErrInvalidUTF8)
}

// Unwrap returns ErrInvalidUTF8.
func (e *UTF8Error) Unwrap() error { return ErrInvalidUTF8 }
