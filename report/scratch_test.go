package report

import (
	"context"
	"os"
	"testing"
)

func TestScratchDump(t *testing.T) {
	if os.Getenv("SCRATCH") == "" {
		t.Skip()
	}
	for _, l := range []Lang{Chinese, English} {
		doc, err := Build(context.Background(), miniDataset(t), Spec{Region: "city", Year: 2020, Lang: l})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range doc.Sections {
			for _, b := range s.Blocks {
				switch b := b.(type) {
				case Paragraph:
					t.Log(b.Text)
				case Note:
					t.Log("NOTE ", b.Text)
				case Cards:
					for _, c := range b.Items {
						t.Log("CARD ", c.Label, c.Value.Text(l), c.Change.Text(l), c.Trend, c.Good)
					}
				}
			}
		}
	}
}
