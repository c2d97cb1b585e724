package pdf

import (
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

func TestTextString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", "<FEFF>"},
		{"A", "<FEFF0041>"},
		{"大连", "<FEFF59278FDE>"},
		{"😀", "<FEFFD83DDE00>"},
		{"\xff", "<FEFFFFFD>"},
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
