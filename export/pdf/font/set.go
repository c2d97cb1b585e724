package font

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// SyntheticBoldStroke is the outline width, as a fraction of the font
// size, with which a painter strokes a run whose SyntheticBold is set
// (fill and stroke, PDF text render mode 2). At 10 pt it adds 0.3 pt of
// stem weight, about what a bold face adds to a regular one.
const SyntheticBoldStroke = 0.03

// Set is a named fallback chain of faces for regular and bold text. It is
// immutable and safe for concurrent use.
type Set struct {
	name        string
	regular     []*Face
	bold        []*Face // nil: bold is synthesized from regular
	replacement rune    // 0: missing characters are errors
}

type config struct {
	bold        []*Face
	replacement rune
}

// Option configures a Set built by NewSet.
type Option func(*config) error

// WithBold gives the set a real bold chain. Without it bold runs use the
// regular faces with Run.SyntheticBold set.
func WithBold(faces ...*Face) Option {
	return func(c *config) error {
		for _, f := range faces {
			if f == nil {
				return fmt.Errorf("font: WithBold: nil face: %w", ErrEmptySet)
			}
		}
		if len(faces) == 0 {
			return fmt.Errorf("font: WithBold: no faces: %w", ErrEmptySet)
		}
		c.bold = faces
		return nil
	}
}

// WithReplacement makes Runs set r (for example '□' U+25A1 or '?') in
// place of every character no face has, every character above U+FFFF and
// every invalid UTF-8 byte, and report each in Run.Replaced, instead of
// failing. Some face of each chain must have r.
func WithReplacement(r rune) Option {
	return func(c *config) error {
		if r <= 0 || r > 0xFFFF || !utf8.ValidRune(r) {
			return fmt.Errorf("font: WithReplacement: %U is not a BMP character", r)
		}
		c.replacement = r
		return nil
	}
}

// NewSet returns a set named name (used in errors) whose regular text is
// set in the first face of regular that has each character.
func NewSet(name string, regular []*Face, opts ...Option) (*Set, error) {
	if len(regular) == 0 {
		return nil, fmt.Errorf("font: set %q: %w", name, ErrEmptySet)
	}
	for _, f := range regular {
		if f == nil {
			return nil, fmt.Errorf("font: set %q: nil face: %w", name, ErrEmptySet)
		}
	}
	var c config
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	s := &Set{name: name, regular: append([]*Face(nil), regular...), bold: append([]*Face(nil), c.bold...), replacement: c.replacement}
	if len(s.bold) == 0 {
		s.bold = nil
	}
	if s.replacement != 0 {
		for _, bold := range []bool{false, true} {
			if _, ok := s.pick(s.replacement, bold); !ok {
				return nil, fmt.Errorf("font: set %q: replacement %U: %w", name, s.replacement, ErrMissingGlyph)
			}
		}
	}
	return s, nil
}

// Name returns the set's name.
func (s *Set) Name() string { return s.name }

// Faces returns the chain used for regular or bold text, first choice
// first. For a synthesized bold it is the regular chain. The slice is a
// copy; the faces are shared.
func (s *Set) Faces(bold bool) []*Face {
	return append([]*Face(nil), s.chain(bold)...)
}

// SyntheticBold reports whether bold text is synthesized from the
// regular faces.
func (s *Set) SyntheticBold() bool { return s.bold == nil }

// Replacement returns the replacement character, 0 when missing
// characters are errors.
func (s *Set) Replacement() rune { return s.replacement }

func (s *Set) chain(bold bool) []*Face {
	if bold && s.bold != nil {
		return s.bold
	}
	return s.regular
}

// pick returns the index in the chain of the first face that has r.
func (s *Set) pick(r rune, bold bool) (int, bool) {
	if r > 0xFFFF { // subsets carry a format 4 (BMP) cmap only
		return 0, false
	}
	for i, f := range s.chain(bold) {
		if f.Has(r) {
			return i, true
		}
	}
	return 0, false
}

// Run is a piece of text set in one face.
type Run struct {
	Face          *Face         // the face that has every character of Text
	FaceIndex     int           // Face's position in the set's chain
	Text          string        // the text to set: the source text, after replacement
	Start, End    int           // byte range of the run in the source text
	SyntheticBold bool          // stroke the text to embolden it (see SyntheticBoldStroke)
	Replaced      []Replacement // characters replaced in this run
}

// Replacement records one character (or invalid byte) replaced by the
// set's replacement character.
type Replacement struct {
	Rune   rune // the replaced character; utf8.RuneError for an invalid byte
	Offset int  // its byte offset in the source text
}

// Width returns the run's width in points at size points.
func (r Run) Width(size float64) float64 { return r.Face.TextWidth(r.Text, size) }

// Runs splits text into runs of consecutive characters set in the same
// face: the first face of the chain (regular or bold) that has the
// character. Without WithReplacement, characters no face has (and those
// above U+FFFF) fail with *MissingGlyphError and invalid UTF-8 with
// *UTF8Error; every problem is reported, joined with errors.Join.
// Without replacements the runs' texts joined give text back.
// Empty text gives no runs.
func (s *Set) Runs(text string, bold bool) ([]Run, error) {
	var runs []Run
	var errs []error
	synth := bold && s.bold == nil
	chain := s.chain(bold)
	cur := -1 // face index of the open run
	var buf []byte
	var replaced []Replacement
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		idx, ok := s.pick(r, bold)
		if r == utf8.RuneError && size == 1 {
			ok = false
		}
		out := text[i : i+size]
		if !ok {
			if s.replacement == 0 {
				if r == utf8.RuneError && size == 1 {
					errs = append(errs, &UTF8Error{Offset: i, Byte: text[i]})
				} else {
					errs = append(errs, &MissingGlyphError{Set: s.name, Rune: r, Offset: i})
				}
				i += size
				continue
			}
			idx, _ = s.pick(s.replacement, bold)
			out = string(s.replacement)
		}
		if idx != cur || len(runs) == 0 {
			if cur >= 0 {
				runs[len(runs)-1].Text = string(buf)
				runs[len(runs)-1].Replaced = replaced
			}
			runs = append(runs, Run{Face: chain[idx], FaceIndex: idx, Start: i, SyntheticBold: synth})
			cur, buf, replaced = idx, buf[:0], nil
		}
		if !ok {
			replaced = append(replaced, Replacement{Rune: r, Offset: i})
		}
		buf = append(buf, out...)
		i += size
		runs[len(runs)-1].End = i
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(runs) > 0 {
		runs[len(runs)-1].Text = string(buf)
		runs[len(runs)-1].Replaced = replaced
	}
	return runs, nil
}

// Width returns the width in points of text at size points, each
// character measured in the face Runs would pick. Characters no face has
// count as the replacement character if the set has one, else as the
// first face's .notdef glyph; Width never fails.
func (s *Set) Width(text string, size float64, bold bool) float64 {
	chain := s.chain(bold)
	total := 0.0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		idx, ok := s.pick(r, bold)
		if r == utf8.RuneError && n == 1 {
			ok = false
		}
		if !ok && s.replacement != 0 {
			r = s.replacement
			idx, _ = s.pick(r, bold)
		}
		f := chain[idx]
		total += float64(f.Advance(r)) / float64(f.unitsPerEm)
	}
	return total * size
}

// Measure returns a function measuring strings at size points with
// s.Width, as a line breaker wants.
func (s *Set) Measure(size float64, bold bool) func(string) float64 {
	return func(text string) float64 { return s.Width(text, size, bold) }
}
