package pdf

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestAppendNum(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{{0, "0"}, {1, "1"}, {1.5, "1.5"}, {1.25, "1.25"}, {1.255, "1.25"}, {1.257, "1.26"}, {-0.001, "0"}, {-2.5, "-2.5"}, {841.89, "841.89"}, {100, "100"}} {
		if got := string(appendNum(nil, tt.v)); got != tt.want {
			t.Errorf("appendNum(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

// TestAppendNumFast: the quick path gives strconv's digits, ties at a
// half (0.125, exactly binary) and values just beside a half included.
func TestAppendNumFast(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vals := []float64{0.125, 0.375, -0.125, 2.675, 1.005, 1.015, -1.005, 0.005, -0.005, 1e7 + 0.125, 1e9, -1e9, 1e12, math.Nextafter(0.125, 1), math.Nextafter(0.125, 0), -0.0}
	for range 200000 {
		switch rng.IntN(4) {
		case 0:
			vals = append(vals, (rng.Float64()-0.5)*2000)
		case 1:
			vals = append(vals, float64(rng.IntN(200000)-100000)/1000)
		case 2:
			vals = append(vals, (float64(rng.IntN(20000)-10000)+0.5)/100)
		default:
			vals = append(vals, float64(rng.IntN(100000))/8)
		}
	}
	for _, v := range vals {
		if got, want := string(appendNum(nil, v)), string(appendNumSlow(nil, v)); got != want {
			t.Fatalf("appendNum(%v) = %q, strconv gives %q", v, got, want)
		}
	}
}

func TestTextString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", "()"},
		{"A (b)\\", "(A \\(b\\)\\\\)"},
		{"大连", "<FEFF59278FDE>"},
		{"😀", "<FEFFD83DDE00>"},
		{"\xff", "<FEFFFFFD>"},
		{"é", "<FEFF00E9>"},
		{"a\rb", "<FEFF0061000D0062>"},
	} {
		if got := textString(tt.in); got != tt.want {
			t.Errorf("textString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	if got := pdfDate(time.Date(2021, 1, 2, 3, 4, 5, 0, time.FixedZone("CST", 8*3600))); got != "(D:20210101190405Z)" {
		t.Errorf("pdfDate = %s", got)
	}
}

func TestPDFName(t *testing.T) {
	for in, want := range map[string]string{"WenQuanYiMicroHei": "WenQuanYiMicroHei", "Noto Sans (CJK)/SC": "NotoSansCJKSC", "文泉驿": "Font"} {
		if got := pdfName(in); got != want {
			t.Errorf("pdfName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAppendLiteralByte(t *testing.T) {
	var b []byte
	for _, c := range []byte("a(b)c\\d\re\nf\x00") {
		b = appendLiteralByte(b, c)
	}
	if got, want := string(b), "a\\(b\\)c\\\\d\\re\nf\x00"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestHasNewline: the byte scan finds what strings.ContainsAny finds.
func TestHasNewline(t *testing.T) {
	const set = "\n\r\v\f\u0085\u2028\u2029"
	for _, s := range []string{"", "abc", "统计\n", "a\rb", "\v", "\f", "x\u0085y", "\u2028", "a\u2029", "\u2027\u202a", "\u0084\u0086", "\t 全国", "\xc2", "\xe2\x80", "é€"} {
		if got, want := hasNewline(s), strings.ContainsAny(s, set); got != want {
			t.Errorf("hasNewline(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestPalette: colours are set by their index in the document's palette
// (the colour space set once per page, for fill and for stroke), and as
// RGB when a document has more colours than a palette holds.
func TestPalette(t *testing.T) {
	boxes := []Box{
		{Kind: RectBox, Color: Color{0xf4, 0xf6, 0xf9}, W: 1, H: 1},
		{Kind: LineBox, Color: accent, W: 1, LineWidth: 1},
		{Kind: RectBox, Color: accent, W: 1, H: 1},
	}
	cols, index := boxColors(boxes)
	if len(cols) != 2 || index[accent] != 1 {
		t.Fatalf("palette %v %v", cols, index)
	}
	if got, want := colorSpace(cols), "[/Indexed/DeviceRGB 1<F4F6F91F4E8C>]"; got != want {
		t.Errorf("colour space %s, want %s", got, want)
	}
	c := contentWriter{h: 100, palette: index}
	c.reset()
	for i := range boxes {
		c.box(&boxes[i])
	}
	got := string(c.b)
	for _, want := range []string{"/C cs\n0 sc\n", "/C CS\n1 SC\n", "\n1 sc\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("content %q lacks %q", got, want)
		}
	}
	many := make([]Box, 300)
	for i := range many {
		many[i] = Box{Kind: RectBox, Color: Color{uint8(i), uint8(i >> 8), 0}, W: 1, H: 1}
	}
	if cols, index := boxColors(many); cols != nil || index != nil {
		t.Fatal("a palette of 300 colours")
	}
	c = contentWriter{h: 100}
	c.reset()
	c.box(&many[299])
	if got := string(c.b); !strings.Contains(got, " rg\n") || strings.Contains(got, " sc") {
		t.Errorf("without a palette: %q, want an rg colour", got)
	}
}

// TestTextOverGraphics: a page's graphics may go first and its text after
// them unless a graphic comes after a text whose glyphs it reaches.
func TestTextOverGraphics(t *testing.T) {
	text := Box{Kind: TextBox, X: 100, Y: 100, W: 50, H: 12, Size: 10}
	under := Box{Kind: RectBox, X: 90, Y: 98, W: 100, H: 16}           // a fill the text stands on
	below := Box{Kind: LineBox, X: 90, Y: 116, W: 100, LineWidth: 0.8} // a rule 4 pt below the line box
	strike := Box{Kind: LineBox, X: 90, Y: 106, W: 100, LineWidth: 0.5}
	grazing := Box{Kind: RectBox, X: 151, Y: 100, W: 20, H: 12} // within a sixth of the size of the text's right end
	far := Box{Kind: RectBox, X: 100, Y: 400, W: 20, H: 12}
	var bands pageBands
	for _, tt := range []struct {
		name  string
		boxes []Box
		want  bool
	}{
		{"fill then text", []Box{under, text}, true},
		{"text then rule below", []Box{under, text, below}, true},
		{"text then a line through it", []Box{text, strike}, false},
		{"text then a fill under it", []Box{text, under}, false},
		{"text then a box at its edge", []Box{text, grazing}, false},
		{"text then a box far away", []Box{text, far, strike}, false},
		{"graphics only", []Box{under, strike, far}, true},
		{"text far from later graphics", []Box{text, far}, true},
	} {
		if got := textOverGraphics(tt.boxes, &bands); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
