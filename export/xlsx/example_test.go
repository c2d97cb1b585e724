package xlsx_test

import (
	"bytes"
	"context"
	"fmt"
	"log"

	"github.com/statbrief/statbrief/export/xlsx"
	"github.com/statbrief/statbrief/report"
	"github.com/statbrief/statbrief/seeds"
	"github.com/xuri/excelize/v2"
)

// Render the default briefing as a workbook and read a figure back: the
// cell holds the exact number, its format shows the unit, and a derived
// figure is a live formula with its value cached.
func Example() {
	ds, err := seeds.Load()
	if err != nil {
		log.Fatal(err)
	}
	doc, err := report.Build(context.Background(), ds, report.Spec{Region: "dalian", Year: 2020, Lang: report.Chinese})
	if err != nil {
		log.Fatal(err)
	}
	r, err := xlsx.New() // or xlsx.New(xlsx.MaxColumnWidth(40), xlsx.SheetName("data", "观测"))
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer // export.WriteFile(ctx, "dalian-2020.xlsx", r, doc) writes a file atomically
	if err := r.Render(context.Background(), &buf, doc); err != nil {
		log.Fatal(err)
	}

	f, err := excelize.OpenReader(&buf)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	fmt.Println(f.GetSheetList()[:4])
	rows, _ := f.GetRows("数据", excelize.Options{RawCellValue: true})
	fmt.Println(rows[0][:9])
	// Output:
	// [概览 主要指标 目标完成 区域]
	// [编号 指标 区域 时期 类型 口径 数值 单位 限定词]
}

// A figure's cell: exact decimal value, number format with unit and
// qualifier, and for a derived figure a formula over the cells it is
// computed from.
func Example_cells() {
	doc := smallDoc(report.Chinese)
	r, _ := xlsx.New()
	var buf bytes.Buffer
	if err := r.Render(context.Background(), &buf, doc); err != nil {
		log.Fatal(err)
	}
	f, _ := excelize.OpenReader(&buf)
	defer f.Close()
	for _, cell := range []string{"B4", "C4", "D4"} {
		v, _ := f.GetCellValue("主要指标", cell, excelize.Options{RawCellValue: true})
		shown, _ := f.GetCellValue("主要指标", cell)
		fx, _ := f.GetCellFormula("主要指标", cell)
		if fx != "" {
			shown += " =" + fx
		}
		fmt.Printf("%s %s shown %s\n", cell, v, shown)
	}
	// Output:
	// B4 7030.4 shown 7030.4亿元
	// C4 6900 shown 约6900亿元
	// D4 1.9 shown +1.9% =ROUND((((B4/C4)-1)*100),1)
}
