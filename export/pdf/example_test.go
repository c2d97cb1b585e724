package pdf_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"time"

	"github.com/statbrief/statbrief/export/pdf"
	"github.com/statbrief/statbrief/export/pdf/font/embedded"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
)

func Example() {
	// Parse the default fonts once; share the set and the renderer.
	fonts, err := embedded.Load()
	if err != nil {
		log.Fatal(err)
	}
	r, err := pdf.New(fonts, pdf.CreationDate(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		log.Fatal(err)
	}
	doc := &report.Document{
		Title: "大连市2020年经济社会发展简报",
		Meta:  report.Meta{Lang: report.Chinese, Author: "statbrief"},
		Sections: []report.Section{{ID: "overview", Title: "概览", Blocks: []report.Block{
			report.Cards{Items: []report.Card{{Label: "地区生产总值",
				Value: report.Figure{Valid: true, Value: model.MustParse("7030.4亿元")}}}},
			report.Paragraph{Text: "全市地区生产总值完成7030.4亿元，按可比价格计算，比上年增长0.9%。"},
		}}},
	}
	// Layout gives the positioned boxes that Render paints.
	dl, err := r.Layout(context.Background(), doc)
	if err != nil {
		log.Fatal(err)
	}
	// the page furniture: page 1 has the title block and no running header
	for _, b := range dl.Boxes {
		if b.Kind == pdf.TextBox && b.Role == pdf.RoleFurniture {
			fmt.Println(b.Text)
		}
	}
	var buf bytes.Buffer
	if err := r.Render(context.Background(), &buf, doc); err != nil {
		log.Fatal(err)
	}
	fmt.Println(dl.Pages, "page,", bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")))
	// Output:
	// 第 1 页 共 1 页
	// 1 page, true
}
