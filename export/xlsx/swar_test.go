package xlsx

import (
	"bytes"
	"regexp"
	"slices"
	"testing"
	"unicode/utf8"
)

// isCleanSlow is isClean byte by byte, as it was written before it tested
// eight bytes at a time.
func isCleanSlow(s string) bool {
	for i := 0; i < len(s); i++ {
		if !cleanAt(s, i) {
			return false
		}
	}
	return utf8.ValidString(s)
}

// upperWidthSlow is upperWidth byte by byte.
func upperWidthSlow(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < 0x80 || s[i] >= 0xC0 {
			n++
		}
	}
	return 2 * n
}

// FuzzWordTests: the eight-bytes-at-a-time isClean and upperWidth agree
// with their byte-by-byte forms, whatever the bytes and wherever a control
// character, an EF BF BE/BF sequence or a continuation byte falls.
func FuzzWordTests(f *testing.F) {
	for _, s := range []string{"", "plain text", "大连市，２０２０年：（增长）", "a\x00b", "1234567\x1f", "\t\n\r12345678",
		"abcdefg\xef\xbf\xbe", "abcdef\xef\xbf\xbf", "abcdefgh\xef\xbf", "\xef\xbc\x8c\xef\xbf\xbd\xef\xbf\xbe", "\x80\xbf\xc0\xff",
		"1234567\x7f01234567\x19", "ａｂｃ\xefdefgh"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isClean(s), isCleanSlow(s); got != want {
			t.Errorf("isClean(%q) = %v, want %v", s, got, want)
		}
		if got, want := upperWidth(s), upperWidthSlow(s); got != want {
			t.Errorf("upperWidth(%q) = %d, want %d", s, got, want)
		}
	})
}

// The scanners that replaced regular expressions find what the
// expressions found.
var (
	emptySheetDataRE = regexp.MustCompile(`<sheetData\s*/>|<sheetData>\s*</sheetData>`)
	dimensionRE      = regexp.MustCompile(`<dimension ref="[^"]*"\s*(/>|></dimension>)`)
	chartRefRE       = regexp.MustCompile(`<f>([^<]*)</f>(<numCache>.*?</numCache>)?`)
	dLblsRE          = regexp.MustCompile(`<dLbls>.*?</dLbls>`)
)

func FuzzScanners(f *testing.F) {
	for _, s := range []string{`<worksheet><dimension ref="A1"/><sheetData/></worksheet>`, `<sheetData>
 </sheetData>`,
		`<sheetData ></sheetData><sheetData  />`, `<sheetDataX/><sheetData>x</sheetData><sheetData/>`, `<dimension ref="A1:B2" ></dimension>`,
		`<dimension ref="A1"><dimension ref="B2"/>`, `<c:f><f>'数据'!$A$1</f><numCache><pt/></numCache><f>x<y</f><f>a</f><numCache>
</numCache>`,
		`<f>a&amp;b</f><numCache></numCache><f></f>`, `<dLbls><a:bodyPr x/><a:bodyPr y/></dLbls><dLbls>
<a:bodyPr /></dLbls><dLbls><a:bodyPr z/></dLbls>`, `<dLbls><dLbls></dLbls></dLbls>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		if got, want := emptySheetData(b), emptySheetDataRE.FindIndex(b); !slices.Equal(got, want) {
			t.Errorf("emptySheetData(%q) = %v, want %v", s, got, want)
		}
		if got, want := dimension(b), dimensionRE.FindIndex(b); !slices.Equal(got, want) {
			t.Errorf("dimension(%q) = %v, want %v", s, got, want)
		}
		var want [][4]int
		for _, m := range chartRefRE.FindAllSubmatchIndex(b, -1) {
			want = append(want, [4]int{m[2], m[3], m[0], m[1]})
		}
		if got := chartRefs(b); !slices.Equal(got, want) {
			t.Errorf("chartRefs(%q) = %v, want %v", s, got, want)
		}
		wantL := dLblsRE.ReplaceAllFunc(b, func(m []byte) []byte { return bytes.ReplaceAll(m, bodyPr, bodyPrNone) })
		if got := noWrapLabels(bytes.Clone(b)); !bytes.Equal(got, wantL) {
			t.Errorf("noWrapLabels(%q) = %q, want %q", s, got, wantL)
		}
	})
}
