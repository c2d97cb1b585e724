// Package text renders a report.Document as Markdown-flavoured plain text,
// for terminals, examples and golden tests. Tables are aligned by display
// width (East Asian wide characters count two columns), charts are drawn
// as bars of block characters.
package text

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/rivo/uniseg"
	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/internal/citemark"
	"github.com/statbrief/statbrief/report"
)

// Renderer renders documents as text. It is safe for concurrent use.
type Renderer struct {
	barWidth  int
	maxColumn int
	sections  map[string]bool
}

// Option configures a Renderer.
type Option func(*Renderer) error

// BarWidth sets the width in columns of the longest chart bar (default 30).
func BarWidth(n int) Option {
	return func(r *Renderer) error {
		if n < 1 || n > 200 {
			return fmt.Errorf("text: bar width %d out of range 1–200", n)
		}
		r.barWidth = n
		return nil
	}
}

// MaxColumnWidth truncates no cell but caps how wide a column is padded
// (default 40 display columns); longer cells stretch their row.
func MaxColumnWidth(n int) Option {
	return func(r *Renderer) error {
		if n < 4 {
			return fmt.Errorf("text: max column width %d below 4", n)
		}
		r.maxColumn = n
		return nil
	}
}

// Sections limits output to the sections with these IDs (default all).
func Sections(ids ...string) Option {
	return func(r *Renderer) error {
		r.sections = map[string]bool{}
		for _, id := range ids {
			r.sections[id] = true
		}
		return nil
	}
}

// New returns a text renderer.
func New(opts ...Option) (*Renderer, error) {
	r := &Renderer{barWidth: 30, maxColumn: 40}
	for _, o := range opts {
		if err := o(r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Render writes doc to w.
func (r *Renderer) Render(ctx context.Context, w io.Writer, doc *report.Document) error {
	if doc == nil {
		return fmt.Errorf("text: nil document")
	}
	bw := bufio.NewWriter(w)
	lang := doc.Meta.Lang
	fmt.Fprintf(bw, "# %s\n\n", doc.Title)
	if doc.Subtitle != "" {
		fmt.Fprintf(bw, "%s\n\n", doc.Subtitle)
	}
	for _, s := range doc.Sections {
		if err := ctx.Err(); err != nil {
			return err
		}
		if r.sections != nil && !r.sections[s.ID] {
			continue
		}
		fmt.Fprintf(bw, "## %s\n\n", s.Title)
		for _, b := range s.Blocks {
			r.block(bw, b, lang)
		}
	}
	return bw.Flush()
}

// cites is the citation mark of a paragraph or note: its citations in
// ascending order, runs as ranges, as the PDF prints them.
func cites(ns []int) string { return citemark.Marks(ns) }

func (r *Renderer) block(w *bufio.Writer, b report.Block, lang report.Lang) {
	switch b := b.(type) {
	case report.Heading:
		fmt.Fprintf(w, "%s %s\n\n", strings.Repeat("#", min(max(b.Level, 2), 5)+1), b.Text)
	case report.Paragraph:
		fmt.Fprintf(w, "%s%s\n\n", b.Text, cites(b.Cites))
	case report.Note:
		fmt.Fprintf(w, "> %s%s\n\n", b.Text, cites(b.Cites))
	case report.Cards:
		for _, c := range b.Items {
			line := fmt.Sprintf("- %s: %s", c.Label, c.Value.Text(lang))
			if c.Change.Valid {
				line += fmt.Sprintf(" (%s %s)", arrow(c.Trend), c.Change.Text(lang))
			}
			if c.Cite > 0 {
				line += fmt.Sprintf("[%d]", c.Cite)
			}
			fmt.Fprintln(w, line)
		}
		fmt.Fprintln(w)
	case report.Table:
		r.table(w, b, lang)
	case report.Chart:
		r.chart(w, b, lang)
	}
}

func arrow(d report.Direction) string {
	switch d {
	case report.Up:
		return "↑"
	case report.Down:
		return "↓"
	}
	return "→"
}

// CellText is the text a cell shows in lang: a figure's Text (a derived
// figure marked with a trailing "*"), a status word, a text cell's text, or
// a dash. Other renderers may use it for plain-text views of cells.
func CellText(c report.Cell, lang report.Lang) string {
	switch c.Kind {
	case report.TextCell:
		return c.Text
	case report.FigureCell:
		s := c.Figure.Text(lang)
		if c.Figure.Derived != nil && c.Figure.Valid {
			s += "*"
		}
		return s
	case report.StatusCell:
		return report.StatusText(c.Status, lang)
	}
	return report.Dash
}

// width is the display width of s: East Asian wide characters count two
// columns. Plain ASCII, most cells, skips the grapheme segmentation.
func width(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return uniseg.StringWidth(s)
		}
	}
	return len(s)
}

// cellEscaper keeps a cell on one line of a Markdown table. A Replacer is
// immutable and safe for concurrent use.
var cellEscaper = strings.NewReplacer("|", "\\|", "\n", " ")

func (r *Renderer) table(w *bufio.Writer, t report.Table, lang report.Lang) {
	cols := len(t.Columns)
	widths := make([]int, cols)
	for i, c := range t.Columns {
		widths[i] = min(width(c.Header), r.maxColumn)
	}
	cells := make([][]string, t.Len())
	for ri := range cells {
		row := t.Row(ri)
		cells[ri] = make([]string, cols)
		for ci := 0; ci < cols && ci < len(row.Cells); ci++ {
			s := cellEscaper.Replace(CellText(row.Cells[ci], lang))
			cells[ri][ci] = s
			widths[ci] = max(widths[ci], min(width(s), r.maxColumn))
		}
	}
	right := make([]bool, cols)
	for i, c := range t.Columns {
		right[i] = c.Kind == report.FigureCell
	}
	line := func(vals []string) {
		w.WriteString("|")
		for i, v := range vals {
			pad := strings.Repeat(" ", max(widths[i]-width(v), 0))
			if right[i] {
				fmt.Fprintf(w, " %s%s |", pad, v)
			} else {
				fmt.Fprintf(w, " %s%s |", v, pad)
			}
		}
		w.WriteString("\n")
	}
	hdr := make([]string, cols)
	for i, c := range t.Columns {
		hdr[i] = c.Header
	}
	line(hdr)
	w.WriteString("|")
	for i := range t.Columns {
		if right[i] {
			fmt.Fprintf(w, "%s:|", strings.Repeat("-", widths[i]+1))
		} else {
			fmt.Fprintf(w, "%s|", strings.Repeat("-", widths[i]+2))
		}
	}
	w.WriteString("\n")
	for _, row := range cells {
		line(row)
	}
	for _, n := range t.Notes {
		fmt.Fprintf(w, "\n> %s\n", n)
	}
	w.WriteString("\n")
}

func (r *Renderer) chart(w *bufio.Writer, c report.Chart, lang report.Lang) {
	fmt.Fprintf(w, "%s\n\n```\n", c.Title)
	maxAbs := decimal.Zero
	for _, s := range c.Series {
		for _, v := range s.Values {
			if v.Valid {
				maxAbs = decimal.Max(maxAbs, v.Value.Num.Abs())
			}
		}
	}
	if c.Reference.Valid {
		maxAbs = decimal.Max(maxAbs, c.Reference.Value.Num.Abs())
	}
	labelW := 0
	for _, cat := range c.Categories {
		labelW = max(labelW, width(cat))
	}
	for i, cat := range c.Categories {
		for si, s := range c.Series {
			if i >= len(s.Values) {
				continue
			}
			v := s.Values[i]
			label := ""
			if si == 0 {
				label = cat
			}
			fmt.Fprintf(w, "%s%s ", label, strings.Repeat(" ", labelW-width(label)))
			if !v.Valid {
				fmt.Fprintf(w, "%s %s\n", report.Dash, s.Name)
				continue
			}
			n := 0
			if maxAbs.IsPositive() {
				n = int(v.Value.Num.Abs().Mul(decimal.NewFromInt(int64(r.barWidth))).DivRound(maxAbs, 0).IntPart())
			}
			bar := strings.Repeat("█", n)
			if s.Marker {
				bar = strings.Repeat(" ", max(n-1, 0)) + "◆"
			}
			if v.Value.Num.IsNegative() {
				bar = "-" + bar
			}
			fmt.Fprintf(w, "%s %s", bar, v.Text(lang))
			if len(c.Series) > 1 {
				fmt.Fprintf(w, " (%s)", s.Name)
			}
			w.WriteString("\n")
		}
	}
	w.WriteString("```\n\n")
}
