package pdf

import (
	"github.com/statbrief/statbrief/internal/linebreak"
)

// breakLines breaks text into lines no wider than maxWidth where it can
// (Unicode line breaking with Chinese line-start and line-end rules),
// never inside text[glue:] nor right before it; the lines joined give
// text back.
func breakLines(text string, glue int, maxWidth float64, measure func(string) float64) []string {
	kinds := linebreak.Breaks(text)
	for p := max(glue, 1); p < len(text); p++ {
		kinds[p] = linebreak.NoBreak
	}
	ls := linebreak.LinesAt(text, kinds, maxWidth, measure)
	if len(ls) == 0 {
		return []string{""}
	}
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Text
	}
	return out
}
