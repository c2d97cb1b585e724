package xlsxcheck

import (
	"strconv"
	"time"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
)

// DataDocument returns a document whose 数据 section holds n synthetic
// observations in 8 columns (ID, indicator, region, period, kind, value,
// document, phrase), generated on demand by a RowSource: the rows are never
// held in memory, so a document of a million rows costs nothing until it is
// rendered. Row i is the same on every call. The figures are illustrative,
// not published.
func DataDocument(n int, lang report.Lang) *report.Document {
	title := "合成数据"
	if lang == report.English {
		title = "Synthetic data"
	}
	return &report.Document{
		Title: title,
		Meta: report.Meta{Region: "synthetic", RegionName: title, Lang: lang, Author: "statbrief",
			Created: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)},
		Sections: []report.Section{{ID: report.SectionData, Title: title, Blocks: []report.Block{
			report.Table{ID: "data", Title: title, Columns: []report.Column{
				{Key: "id", Header: "编号", Kind: report.TextCell},
				{Key: "indicator", Header: "指标", Kind: report.TextCell},
				{Key: "region", Header: "区域", Kind: report.TextCell},
				{Key: "period", Header: "时期", Kind: report.TextCell},
				{Key: "kind", Header: "类型", Kind: report.TextCell},
				{Key: "value", Header: "数值", Kind: report.FigureCell},
				{Key: "doc", Header: "文件", Kind: report.TextCell},
				{Key: "phrase", Header: "原文", Kind: report.TextCell},
			}, Source: synthRows(n)},
		}}},
	}
}

type synthRows int

func (s synthRows) Len() int { return int(s) }

var (
	synthIndicators = []string{"城镇新增就业", "地区生产总值", "规模以上工业增加值", "社会消费品零售总额",
		"居民消费价格", "一般公共预算收入", "进出口总额", "城镇登记失业率", "港口货物吞吐量", "技术合同成交额"}
	synthRegions = []string{"大连市", "中山区", "西岗区", "沙河口区", "甘井子区", "旅顺口区", "金州区", "普兰店区", "瓦房店市", "庄河市", "长海县", "高新区"}
	synthKinds   = []string{"总量", "增速", "比率"}
	synthUnits   = []model.Unit{{Base: "元", Mag: model.Yi}, {Base: "人", Mag: model.Wan}, {Base: model.Percent}, {Base: "吨", Mag: model.Wan}}
)

// Row returns synthetic observation i: fixed arithmetic on i, exact
// decimals, every tenth figure "about".
func (s synthRows) Row(i int) report.Row {
	ind := synthIndicators[i%len(synthIndicators)]
	reg := synthRegions[(i/len(synthIndicators))%len(synthRegions)]
	year := 2000 + i%21
	kind := synthKinds[i%len(synthKinds)]
	u := synthUnits[i%len(synthUnits)]
	places := int32(i % 3)
	num := decimal.New(int64((i*7919)%1000000), -places)
	v := model.Value{Num: num, Places: places, Unit: u}
	if i%10 == 0 {
		v.Qual, v.Word = model.About, "约"
	}
	id := "synthetic." + strconv.Itoa(i)
	period := strconv.Itoa(year) + "年"
	text := func(s string) report.Cell { return report.Cell{Kind: report.TextCell, Text: s} }
	return report.Row{Cells: []report.Cell{
		text(id), text(ind), text(reg), text(period), text(kind),
		{Kind: report.FigureCell, Figure: report.Figure{Valid: true, Value: v}, Obs: id},
		text("synthetic.txt"), text(period + reg + ind + v.String()),
	}}
}
