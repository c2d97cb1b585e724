// Package formats builds the renderers the example programs share, by
// format name, which is also the file extension: "xlsx", "pdf" and "txt".
// A PDF renderer is built once per call to New from one parsed font set, so
// a batch parses the embedded font once however many briefings it writes.
package formats

import (
	"fmt"
	"slices"
	"strings"

	"github.com/statbrief/statbrief/export"
	"github.com/statbrief/statbrief/export/pdf"
	"github.com/statbrief/statbrief/export/pdf/font/embedded"
	"github.com/statbrief/statbrief/export/text"
	"github.com/statbrief/statbrief/export/xlsx"
	"github.com/statbrief/statbrief/report"
)

// Names lists the formats New knows, sorted.
func Names() []string { return []string{"pdf", "txt", "xlsx"} }

// PDFOmits lists the sections the PDF briefing leaves out: the data listing
// and the table of sources are the workbook's (the PDF cites every figure
// in a footnote with its document and phrase).
var PDFOmits = []string{report.SectionData, report.SectionSources}

// New returns a renderer for each named format. Unknown names are an error
// that lists the known ones.
func New(names []string) (map[string]export.Renderer, error) {
	out := map[string]export.Renderer{}
	for _, n := range names {
		if _, done := out[n]; done {
			continue
		}
		var r export.Renderer
		var err error
		switch n {
		case "xlsx":
			r, err = xlsx.New()
		case "pdf":
			fonts, ferr := embedded.Load()
			if ferr != nil {
				return nil, ferr
			}
			r, err = pdf.New(fonts, pdf.OmitSections(PDFOmits...))
		case "txt":
			r, err = text.New()
		default:
			return nil, fmt.Errorf("unknown format %q (known: %s)", n, strings.Join(Names(), ", "))
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		out[n] = r
	}
	return out, nil
}

// Known reports whether New knows the format.
func Known(name string) bool { return slices.Contains(Names(), name) }
