package pdf

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/statbrief/statbrief/report"
)

// Option configures a Renderer.
type Option func(*config) error

// Margins are page margins in points. The page header sits in the top
// margin and the footer and page number in the bottom one.
type Margins struct{ Top, Right, Bottom, Left float64 }

type config struct {
	created    time.Time
	pageW      float64
	pageH      float64
	margins    Margins
	justify    bool
	substitute bool
	omit       map[string]bool // section IDs left out
}

func defaultConfig() config {
	return config{
		pageW: 595.28, pageH: 841.89, // A4
		margins: Margins{Top: 64, Right: 54, Bottom: 64, Left: 54},
		justify: true,
	}
}

// CreationDate sets the creation and modification dates written into
// every PDF (default: the document's Meta.Created, or 1 January 2000 UTC
// when that is zero). Fixed dates keep output byte-identical.
func CreationDate(t time.Time) Option {
	return func(c *config) error {
		if t.IsZero() {
			return errors.New("pdf: zero creation date")
		}
		c.created = t
		return nil
	}
}

// PageSize sets the page size in points (default A4, 595.28 × 841.89).
func PageSize(width, height float64) Option {
	return func(c *config) error {
		if !(width >= 200 && width <= 5000 && height >= 200 && height <= 5000) {
			return fmt.Errorf("pdf: page size %gx%g pt out of range 200–5000", width, height)
		}
		c.pageW, c.pageH = width, height
		return nil
	}
}

// PageMargins sets the page margins in points (default 64 top and bottom,
// 54 left and right). Each must be at least 36 points, room for the page
// header and footer.
func PageMargins(m Margins) Option {
	return func(c *config) error {
		for _, v := range []float64{m.Top, m.Right, m.Bottom, m.Left} {
			if !(v >= 36 && v <= 300) {
				return fmt.Errorf("pdf: margin %g pt out of range 36–300", v)
			}
		}
		c.margins = m
		return nil
	}
}

// Justify sets whether Chinese paragraphs are justified by spacing
// between characters (default true). English text is set ragged right.
func Justify(on bool) Option {
	return func(c *config) error {
		c.justify = on
		return nil
	}
}

// SubstituteMissing sets a visible Replacement for characters that no font
// has, and for invalid UTF-8 and characters above U+FFFF, instead of
// failing with a *MissingGlyphError; the DisplayList reports each
// substitution in Substituted.
func SubstituteMissing(on bool) Option {
	return func(c *config) error {
		c.substitute = on
		return nil
	}
}

// OmitSections leaves the sections with these IDs out of the PDF (by
// default every section is set). A briefing for reading may leave the
// full data listing ("data") to the workbook, and the list of sources
// ("sources") to the footnotes: with or without it, every citation mark
// of the PDF has its note printed (see the package documentation). An ID
// that is not one of report.AllSections makes New fail with an
// *UnknownSectionError.
func OmitSections(ids ...string) Option {
	return func(c *config) error {
		m := make(map[string]bool, len(c.omit)+len(ids))
		for id := range c.omit {
			m[id] = true
		}
		for _, id := range ids {
			if id == "" {
				return errors.New("pdf: OmitSections: empty section ID")
			}
			if !slices.Contains(report.AllSections(), id) {
				return &UnknownSectionError{ID: id}
			}
			m[id] = true
		}
		c.omit = m
		return nil
	}
}

// UnknownSectionError is the error of OmitSections given an ID that is
// not a section of a briefing (report.AllSections).
type UnknownSectionError struct {
	ID string // the ID given
}

// Error names the unknown section ID.
func (e *UnknownSectionError) Error() string {
	return fmt.Sprintf("pdf: OmitSections: unknown section ID %q (known: %v)", e.ID, report.AllSections())
}
