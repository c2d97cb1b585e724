package linebreak_test

import (
	"fmt"
	"unicode/utf8"

	"github.com/statbrief/statbrief/internal/linebreak"
)

func ExampleLines() {
	// A toy measure: every character is 1 unit wide.
	measure := func(s string) float64 { return float64(utf8.RuneCountInString(s)) }
	text := "全市城镇新增就业11.11万人，同比增长3.8个百分点。"
	for _, l := range linebreak.Lines(text, 10, measure) {
		fmt.Printf("%q %v\n", l.Text, l.Width)
	}
	// Output:
	// "全市城镇新增就业" 8
	// "11.11万人，同比" 10
	// "增长3.8个百分点。" 10
}
