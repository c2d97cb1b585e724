package linebreak

import (
	"strings"
	"testing"

	"github.com/statbrief/statbrief/export/pdf/font/embedded"
)

// paragraph600 is a 600-character Chinese paragraph with numbers, units,
// quotes and some Latin.
var paragraph600 = string([]rune(strings.Repeat("2020年，全市地区生产总值完成7030.4亿元，同比增长0.9％，高于全国“平均水平”；城镇新增就业11.11万人，GDP growth 3.8个百分点。", 12))[:600])

func BenchmarkLines600(b *testing.B) {
	b.SetBytes(int64(len(paragraph600)))
	for b.Loop() {
		Lines(paragraph600, 300, widthOf)
	}
}

// BenchmarkLines600Font measures with the embedded font at 10 pt on a
// 300 pt column, as the PDF renderer does.
func BenchmarkLines600Font(b *testing.B) {
	set, err := embedded.Load()
	if err != nil {
		b.Fatal(err)
	}
	measure := set.Measure(10, false)
	b.SetBytes(int64(len(paragraph600)))
	for b.Loop() {
		Lines(paragraph600, 300, measure)
	}
}
