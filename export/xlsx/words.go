package xlsx

import "github.com/statbrief/statbrief/report"

// words are the labels the workbook adds to the document's own text.
type words struct {
	category, unit, qualifier, label, value, change  string
	file, title, documents, region, period, created  string
	target, actual, completion, targetsChart, source string
	footer, sep, charts                              string
}

var wordsZh = words{
	category: "类别", unit: "单位", qualifier: "限定词", label: "指标", value: "数值", change: "变化",
	file: "文件", title: "标题", documents: "来源文件", region: "地区", period: "时期", created: "生成日期",
	target: "目标", actual: "实际", completion: "完成率", targetsChart: "目标完成情况", source: "来源",
	footer: "&C第 &P 页 共 &N 页", sep: "：", charts: "图表",
}

var wordsEn = words{
	category: "Category", unit: "Unit", qualifier: "Qualifier", label: "Indicator", value: "Value", change: "Change",
	file: "File", title: "Title", documents: "Source documents", region: "Region", period: "Period", created: "Created",
	target: "Target", actual: "Actual", completion: "Completion", targetsChart: "Targets", source: "Source",
	footer: "&CPage &P of &N", sep: ": ", charts: "Charts",
}

func wordsFor(l report.Lang) *words {
	if l == report.English {
		return &wordsEn
	}
	return &wordsZh
}
