package font_test

import (
	"errors"
	"fmt"

	"github.com/statbrief/statbrief/export/pdf/font"
	"github.com/statbrief/statbrief/export/pdf/font/embedded"
)

func ExampleSet_Runs() {
	set, err := embedded.Load() // parse once, share across documents
	if err != nil {
		panic(err)
	}
	runs, err := set.Runs("标题：GDP增长3.8％", true)
	if err != nil {
		panic(err)
	}
	for _, r := range runs {
		fmt.Printf("%q bytes [%d,%d) synthetic bold %v, %.1f pt at 10 pt\n", r.Text, r.Start, r.End, r.SyntheticBold, r.Width(10))
	}

	// A character no face has is an error naming it and its offset...
	_, err = set.Runs("增长👍", false)
	var missing *font.MissingGlyphError
	fmt.Println(errors.As(err, &missing), err)

	// ...unless the set substitutes a visible replacement.
	set, _ = embedded.Load(font.WithReplacement('□'))
	runs, _ = set.Runs("增长👍", false)
	fmt.Printf("%q replaced %U at byte %d\n", runs[0].Text, runs[0].Replaced[0].Rune, runs[0].Replaced[0].Offset)
	// Output:
	// "标题：GDP增长3.8％" bytes [0,24) synthetic bold true, 93.2 pt at 10 pt
	// true font: set "WenQuanYi Micro Hei": U+1F44D '👍' at byte 6: no font has the glyph
	// "增长□" replaced U+1F44D at byte 6
}
