package pdf

import (
	"strings"
	"testing"
	"unicode"
)

const eps = 0.01

func overlap(a, b Rect, e float64) bool {
	return a.X+e < b.X+b.W && b.X+e < a.X+a.W && a.Y+e < b.Y+b.H && b.Y+e < a.Y+a.H
}

func boxRect(b Box) Rect {
	x0, x1 := min(b.X, b.X+b.W), max(b.X, b.X+b.W)
	y0, y1 := min(b.Y, b.Y+b.H), max(b.Y, b.Y+b.H)
	return Rect{x0, y0, x1 - x0, y1 - y0}
}

// checkDisplayList checks the invariants every laid-out document keeps.
func checkDisplayList(t *testing.T, dl *DisplayList, wantCont bool) {
	t.Helper()
	c := dl.Content
	for i, b := range dl.Boxes {
		r := boxRect(b)
		if b.Page < 1 || b.Page > dl.Pages {
			t.Errorf("box %d on page %d of %d", i, b.Page, dl.Pages)
		}
		if b.Block >= 0 {
			if r.X < c.X-eps || r.Y < c.Y-eps || r.X+r.W > c.X+c.W+eps || r.Y+r.H > c.Y+c.H+eps {
				t.Errorf("page %d: %v box %q at %+v outside the margins %+v", b.Page, b.Kind, b.Text, r, c)
			}
		} else if r.X < 18 || r.Y < 18 || r.X+r.W > dl.PageWidth-18 || r.Y+r.H > dl.PageHeight-18 {
			t.Errorf("page %d: furniture %q at %+v off the page", b.Page, b.Text, r)
		}
		if b.Kind == TextBox {
			f := dl.faces[b.face]
			if f.name != b.Face {
				t.Errorf("box %q: face %s, index names %s", b.Text, b.Face, f.name)
			}
			for _, ch := range b.Text {
				if !unicode.IsSpace(ch) && !f.has(ch) {
					t.Errorf("page %d: %U %q set in %s, which lacks it", b.Page, ch, ch, b.Face)
				}
			}
		}
	}
	// no two block fragments overlap; no two texts overlap
	for i, a := range dl.Blocks {
		for j := i + 1; j < len(dl.Blocks); j++ {
			b := dl.Blocks[j]
			if a.Page == b.Page && a.W > 0 && b.W > 0 && overlap(Rect{a.X, a.Y, a.W, a.H}, Rect{b.X, b.Y, b.W, b.H}, eps) {
				t.Errorf("page %d: %s block (%s) %+v overlaps %s block (%s) %+v", a.Page, a.Kind, a.Section, a, b.Kind, b.Section, b)
			}
		}
	}
	byPage := map[int][]Box{}
	for _, b := range dl.Boxes {
		if b.Kind == TextBox && strings.TrimSpace(b.Text) != "" {
			byPage[b.Page] = append(byPage[b.Page], b)
		}
	}
	for p, bs := range byPage {
		for i, a := range bs {
			for _, b := range bs[i+1:] {
				if overlap(boxRect(a), boxRect(b), 0.3) {
					t.Errorf("page %d: text %.40q %+v (item %d) overlaps %.40q %+v (item %d)", p, a.Text, boxRect(a), a.item, b.Text, boxRect(b), b.item)
				}
			}
		}
	}
	// every text item's boxes joined give it back: nothing lost,
	// duplicated or reordered
	got := make([]strings.Builder, len(dl.items))
	for _, b := range dl.Boxes {
		if b.Kind == TextBox && b.item >= 0 {
			got[b.item].WriteString(b.Text)
		}
	}
	for i, it := range dl.items {
		if got[i].String() != it.Text {
			t.Errorf("item %d: boxes give %.80q…, want %.80q…", i, got[i].String(), it.Text)
		}
	}
	// no line is blank
	type lineKey struct {
		item, page int
		y          float64
	}
	lineText := map[lineKey]string{}
	for _, b := range dl.Boxes {
		if b.Kind == TextBox && b.item >= 0 {
			k := lineKey{b.item, b.Page, b.Y}
			lineText[k] += b.Text
		}
	}
	for k, s := range lineText {
		if strings.TrimSpace(s) == "" && strings.TrimSpace(dl.items[k.item].Text) != "" && !strings.HasPrefix(dl.items[k.item].Text, s) {
			t.Errorf("page %d: blank line at y %g in item %q", k.page, k.y, dl.items[k.item].Text)
		}
	}
	// a table that continues on a page starts it with its header row
	conts := 0
	for i, blk := range dl.Blocks {
		if blk.Kind != "table" || !blk.Continued {
			continue
		}
		conts++
		top := blk.Y + 1e9
		hasHeader := false
		for _, b := range dl.Boxes {
			if b.Block == i && b.Kind == TextBox {
				top = min(top, b.Y)
			}
		}
		for _, b := range dl.Boxes {
			if b.Block == i && b.Kind == TextBox && b.Role == RoleHeader && b.Y-top < 4 {
				hasHeader = true
			}
		}
		if !hasHeader {
			t.Errorf("page %d: table continues without its header row", blk.Page)
		}
		if blk.Y > c.Y+eps {
			t.Errorf("page %d: continued table starts at %g, not the top %g", blk.Page, blk.Y, c.Y)
		}
	}
	if wantCont && conts == 0 {
		t.Error("no table continues on another page")
	}
	// a paragraph that runs over a page leaves at least two lines on
	// each: no orphan at the foot, no widow at the head
	parLines := map[int]map[int]map[float64]bool{} // item → page → line tops
	for _, b := range dl.Boxes {
		if b.Kind != TextBox || b.item < 0 || b.Block < 0 || dl.Blocks[b.Block].Kind != "paragraph" {
			continue
		}
		if parLines[b.item] == nil {
			parLines[b.item] = map[int]map[float64]bool{}
		}
		if parLines[b.item][b.Page] == nil {
			parLines[b.item][b.Page] = map[float64]bool{}
		}
		parLines[b.item][b.Page][b.Y] = true
	}
	for item, pages := range parLines {
		if len(pages) < 2 {
			continue
		}
		for p, tops := range pages {
			if len(tops) < 2 {
				t.Errorf("page %d: a lone line of paragraph %.40q", p, dl.items[item].Text)
			}
		}
	}
	// a table row is split across pages only when it is taller than a
	// page can hold
	type extent struct{ y0, y1 float64 }
	rowPages := map[int]map[int]extent{}
	for _, b := range dl.Boxes {
		if b.Kind != TextBox || b.item < 0 || dl.items[b.item].Row == 0 {
			continue
		}
		row := dl.items[b.item].Row
		if rowPages[row] == nil {
			rowPages[row] = map[int]extent{}
		}
		e, ok := rowPages[row][b.Page]
		if !ok {
			e = extent{b.Y, b.Y + b.H}
		}
		rowPages[row][b.Page] = extent{min(e.y0, b.Y), max(e.y1, b.Y+b.H)}
	}
	splits := 0
	for row, pages := range rowPages {
		if len(pages) < 2 {
			continue
		}
		splits++
		h := 0.0
		for _, e := range pages {
			h += e.y1 - e.y0
		}
		if h < c.H*0.6 {
			t.Errorf("table row %d (%.0f pt of text) split over %d pages", row, h, len(pages))
		}
	}
	if wantCont && splits == 0 {
		t.Error("no table row taller than a page (the sample has one)")
	}
}
