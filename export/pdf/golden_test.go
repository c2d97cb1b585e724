package pdf

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "github.com/statbrief/statbrief/internal/golden"
	"github.com/statbrief/statbrief/report"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// dump prints the first page of a display list one box a line, positions rounded to a tenth
// of a point: what the golden files hold.
func dump(dl *DisplayList) string {
	var b strings.Builder
	fmt.Fprintf(&b, "pages %d, page %.2fx%.2f, content %+v\n", dl.Pages, dl.PageWidth, dl.PageHeight, dl.Content)
	for _, bm := range dl.Bookmarks {
		fmt.Fprintf(&b, "bookmark %d p%d y%.1f %s\n", bm.Level, bm.Page, bm.Y, bm.Title)
	}
	kinds := map[Kind]string{TextBox: "text", RectBox: "rect", LineBox: "line", MarkerBox: "marker", ArrowBox: "arrow"}
	for _, x := range dl.Boxes {
		if x.Page > 1 {
			break // the first page shows every kind of block
		}
		fmt.Fprintf(&b, "p%d %s r%d b%d %.1f,%.1f %.1fx%.1f", x.Page, kinds[x.Kind], x.Role, x.Block, x.X, x.Y, x.W, x.H)
		if x.Kind == TextBox {
			fmt.Fprintf(&b, " %s %.1f", x.Face, x.Size)
			if x.Bold {
				b.WriteString(" bold")
			}
			if x.Spacing != 0 {
				fmt.Fprintf(&b, " tc%.3f", x.Spacing)
			}
			fmt.Fprintf(&b, " %q", x.Text)
		} else {
			fmt.Fprintf(&b, " #%02x%02x%02x", x.Color.R, x.Color.G, x.Color.B)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestGolden compares the sample documents' display lists with
// testdata/*.golden; -update rewrites them. A missing golden file fails.
func TestGolden(t *testing.T) {
	r := testRenderer(t)
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		dl, err := r.Layout(context.Background(), sampleDoc(lang))
		if err != nil {
			t.Fatal(err)
		}
		got := dump(dl)
		goldenfile.Check(t, filepath.Join("testdata", "sample-"+string(lang)+".golden"), []byte(got), *update)
	}
}
