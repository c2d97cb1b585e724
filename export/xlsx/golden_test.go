package xlsx_test

import (
	"strings"
	"testing"

	"github.com/statbrief/statbrief/report"
)

// TestGoldenSmall dumps the workbook of a hand-built document cell by cell.
// Its golden file only changes when the renderer does.
func TestGoldenSmall(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		f := open(t, render(t, smallDoc(lang)))
		golden(t, "small-"+string(lang)+".golden", dump(t, f))
	}
}

// TestGoldenDefault dumps the default workbook (Dalian 2020). The document
// and dataset are still growing: regenerate with go test -update and review
// the diff.
func TestGoldenDefault(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		f := open(t, render(t, defaultDoc(t, lang)))
		golden(t, "dalian-2020-"+string(lang)+".golden", dump(t, f))
	}
}

// TestSheetNames checks the sheets of the default workbook, by language.
func TestSheetNames(t *testing.T) {
	for _, tc := range []struct {
		lang report.Lang
		want []string
	}{
		{report.Chinese, []string{"概览", "主要指标", "目标完成", "区域", "数据核对", "数据", "说明", "来源"}},
		{report.English, []string{"Overview", "Headline", "Targets", "Regions", "Checks", "Data", "Methods", "Sources"}},
	} {
		f := open(t, render(t, defaultDoc(t, tc.lang)))
		got := strings.Join(f.GetSheetList(), ",")
		for _, w := range tc.want {
			if !strings.Contains(","+got+",", ","+w+",") {
				t.Errorf("%s: sheets %s lack %s", tc.lang, got, w)
			}
		}
	}
}
