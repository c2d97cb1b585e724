package font_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"github.com/statbrief/statbrief/export/pdf/font"
	"github.com/statbrief/statbrief/export/pdf/font/embedded"
)

var paragraph = []rune(strings.Repeat("2020年，全市地区生产总值完成7030.4亿元，同比增长0.9％，高于全国“平均水平”；城镇新增就业11.11万人，GDP growth 3.8个百分点。大連市政府工作報告：經濟發展穩中有進。", 8))[:600]

// BenchmarkLoadEmbedded parses the embedded default set (done once per
// process).
func BenchmarkLoadEmbedded(b *testing.B) {
	for b.Loop() {
		if _, err := embedded.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func hanzi600(b *testing.B) (*font.Face, []rune) {
	set, err := embedded.Load()
	if err != nil {
		b.Fatal(err)
	}
	f := set.Faces(false)[0]
	var rs []rune
	for _, r := range f.Runes() {
		if r >= 0x4E00 && len(rs) < 600 {
			rs = append(rs, r)
		}
	}
	return f, rs
}

// BenchmarkSubset600 subsets 600 distinct hanzi (a large document).
func BenchmarkSubset600(b *testing.B) {
	f, rs := hanzi600(b)
	for b.Loop() {
		if _, err := f.Subset(rs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRuns600 splits a 600-character paragraph into runs.
func BenchmarkRuns600(b *testing.B) {
	set, err := embedded.Load()
	if err != nil {
		b.Fatal(err)
	}
	text := string(paragraph)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := set.Runs(text, false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWidth600 measures a 600-character paragraph.
func BenchmarkWidth600(b *testing.B) {
	set, err := embedded.Load()
	if err != nil {
		b.Fatal(err)
	}
	text := string(paragraph)
	for b.Loop() {
		set.Width(text, 10, false)
	}
}

// BenchmarkDocument is the per-document font cost: subset 600 hanzi,
// hand them to a new gofpdf document, write one line, output.
func BenchmarkDocument(b *testing.B) {
	f, rs := hanzi600(b)
	var buf bytes.Buffer
	for b.Loop() {
		data, err := f.Subset(rs)
		if err != nil {
			b.Fatal(err)
		}
		pdf := gofpdf.New("P", "pt", "A4", "")
		pdf.AddUTF8FontFromBytes("f0", "", data)
		pdf.AddPage()
		pdf.SetFont("f0", "", 10)
		pdf.Text(50, 50, string(rs))
		buf.Reset()
		if err := pdf.Output(&buf); err != nil {
			b.Fatal(err)
		}
	}
}
