package pdf

import (
	"github.com/statbrief/statbrief/internal/linebreak"
)

// breakLines breaks text into lines no wider than maxWidth where it can
// (Unicode line breaking with Chinese line-start and line-end rules),
// never right before text[glue:] and inside it only after a comma; the
// lines joined give text back. kinds are text's break opportunities as
// linebreak.Breaks gives them (nil: looked up); they are not modified.
func breakLines(text string, glue int, kinds []linebreak.Break, maxWidth float64, measure func(string) float64) []string {
	if kinds == nil {
		kinds = linebreak.Breaks(text)
	} else if glue < len(text) {
		kinds = append([]linebreak.Break(nil), kinds...)
	}
	for p := max(glue, 1); p < len(text); p++ {
		// a long mark [1–9,11,15–17,…] may break after a comma
		if p == glue || text[p-1] != ',' {
			kinds[p] = linebreak.NoBreak
		}
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
