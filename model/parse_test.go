package model

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/internal/sourcetexts"
)

// seedDoc maps the short document tag used in the tables to its file name.
var seedDoc = map[string]string{
	"000": "000_0834e4629ed69cd9.txt",
	"001": "001_9a4863bb11182814.txt",
	"002": "002_f43de3d8f036b3c9.txt",
	"003": "003_4bd1c87e0f82f8e9.txt",
	"004": "004_289f3813828c4e08.txt",
}

// seedFigure is one figure string as printed in a seed text, with the Value
// the parser must return and its canonical (simplified) form.
type seedFigure struct {
	doc    string // seed document: "000" … "004"; "" for the issue's own spelling
	in     string // verbatim from the document
	num    string
	places int32
	base   string
	mag    Magnitude
	qual   Qualifier
	word   string // simplified qualifier word
	before bool   // 余/多 written before the magnitude word
	canon  string // String() of the parsed value
}

// seedFigures holds figure strings taken verbatim from the five seed texts
// (the doc column names the file; 002 is in traditional characters), among
// them every example of issue 2.
var seedFigures = []seedFigure{
	// 000: newspaper series reviewing 2020
	{"000", "11.11万人", "11.11", 2, "人", Wan, NoQualifier, "", false, "11.11万人"},
	{"000", "1.1万余户", "1.1", 1, "户", Wan, MoreThan, "余", false, "1.1万余户"},
	{"000", "约1.67亿元", "1.67", 2, "元", Yi, About, "约", false, "约1.67亿元"},
	{"000", "约1.76亿元", "1.76", 2, "元", Yi, About, "约", false, "约1.76亿元"},
	{"000", "3.8%", "3.8", 1, Percent, One, NoQualifier, "", false, "3.8%"},
	{"000", "1个百分点", "1", 0, Points, One, NoQualifier, "", false, "1个百分点"},
	{"000", "4%以内", "4", 0, Percent, One, AtMost, "以内", false, "4%以内"},
	{"000", "1051.5亿元", "1051.5", 1, "元", Yi, NoQualifier, "", false, "1051.5亿元"},
	{"000", "1000余万元", "1000", 0, "元", Wan, MoreThan, "余", true, "1000余万元"},
	{"000", "10万多人次", "10", 0, "人次", Wan, MoreThan, "多", false, "10万多人次"},
	{"000", "181.76万人次", "181.76", 2, "人次", Wan, NoQualifier, "", false, "181.76万人次"},
	{"000", "1.41万平方米", "1.41", 2, "平方米", Wan, NoQualifier, "", false, "1.41万平方米"},
	{"000", "4.6012亿元", "4.6012", 4, "元", Yi, NoQualifier, "", false, "4.6012亿元"},
	{"000", "5210.11万元", "5210.11", 2, "元", Wan, NoQualifier, "", false, "5210.11万元"},
	{"000", "7.56万户", "7.56", 2, "户", Wan, NoQualifier, "", false, "7.56万户"},
	{"000", "23.4万个", "23.4", 1, "个", Wan, NoQualifier, "", false, "23.4万个"},
	{"000", "4.7万册", "4.7", 1, "册", Wan, NoQualifier, "", false, "4.7万册"},
	{"000", "607盏", "607", 0, "盏", One, NoQualifier, "", false, "607盏"},
	{"000", "4000余场次", "4000", 0, "场次", One, MoreThan, "余", false, "4000余场次"},
	{"000", "9662家次", "9662", 0, "家次", One, NoQualifier, "", false, "9662家次"},
	{"000", "1865笔", "1865", 0, "笔", One, NoQualifier, "", false, "1865笔"},
	{"000", "1000多期", "1000", 0, "期", One, MoreThan, "多", false, "1000多期"},
	{"003", "31.5岁", "31.5", 1, "岁", One, NoQualifier, "", false, "31.5岁"},
	{"000", "超过60%", "60", 0, Percent, One, Over, "超过", false, "超过60%"},
	{"000", "突破1.6万元", "1.6", 1, "元", Wan, Over, "突破", false, "突破1.6万元"},
	{"000", "15亿元以上", "15", 0, "元", Yi, AtLeast, "以上", false, "15亿元以上"},
	{"000", "318388人次", "318388", 0, "人次", One, NoQualifier, "", false, "318388人次"},
	{"000", "3300吨", "3300", 0, "吨", One, NoQualifier, "", false, "3300吨"},
	{"000", "140公里", "140", 0, "公里", One, NoQualifier, "", false, "140公里"},
	{"000", "154座", "154", 0, "座", One, NoQualifier, "", false, "154座"},
	{"000", "108场", "108", 0, "场", One, NoQualifier, "", false, "108场"},
	{"000", "5000多万元", "5000", 0, "元", Wan, MoreThan, "多", true, "5000多万元"},
	{"000", "0.2%", "0.2", 1, Percent, One, NoQualifier, "", false, "0.2%"},
	{"000", "100%", "100", 0, Percent, One, NoQualifier, "", false, "100%"},

	// 001: newspaper feature, May 2020
	{"001", "约4.29亿元", "4.29", 2, "元", Yi, About, "约", false, "约4.29亿元"},
	{"001", "逾4万人", "4", 0, "人", Wan, Over, "逾", false, "逾4万人"},
	{"001", "1万余人", "1", 0, "人", Wan, MoreThan, "余", false, "1万余人"},
	{"001", "2.8万余个", "2.8", 1, "个", Wan, MoreThan, "余", false, "2.8万余个"},
	{"001", "3万余户", "3", 0, "户", Wan, MoreThan, "余", false, "3万余户"},
	{"001", "3.4万余名", "3.4", 1, "名", Wan, MoreThan, "余", false, "3.4万余名"},
	{"001", "3亿多元", "3", 0, "元", Yi, MoreThan, "多", false, "3亿多元"},
	{"001", "约35.83万公顷", "35.83", 2, "公顷", Wan, About, "约", false, "约35.83万公顷"},
	{"001", "约300公顷", "300", 0, "公顷", One, About, "约", false, "约300公顷"},
	{"001", "1300多公顷", "1300", 0, "公顷", One, MoreThan, "多", false, "1300多公顷"},
	{"001", "218亿尾", "218", 0, "尾", Yi, NoQualifier, "", false, "218亿尾"},
	{"001", "30.844亿尾", "30.844", 3, "尾", Yi, NoQualifier, "", false, "30.844亿尾"},
	{"001", "1240万尾", "1240", 0, "尾", Wan, NoQualifier, "", false, "1240万尾"},
	{"001", "200万株", "200", 0, "株", Wan, NoQualifier, "", false, "200万株"},
	{"001", "10.43万公顷", "10.43", 2, "公顷", Wan, NoQualifier, "", false, "10.43万公顷"},
	{"001", "2.79%", "2.79", 2, Percent, One, NoQualifier, "", false, "2.79%"},
	{"001", "67.02%", "67.02", 2, Percent, One, NoQualifier, "", false, "67.02%"},
	{"001", "440余万元", "440", 0, "元", Wan, MoreThan, "余", true, "440余万元"},
	{"001", "75万余元", "75", 0, "元", Wan, MoreThan, "余", false, "75万余元"},
	{"001", "140余家", "140", 0, "家", One, MoreThan, "余", false, "140余家"},
	{"001", "101%", "101", 0, Percent, One, NoQualifier, "", false, "101%"},

	// 002: the 2020 government work report, traditional characters
	{"002", "6.5億美元", "6.5", 1, "美元", Yi, NoQualifier, "", false, "6.5亿美元"},
	{"002", "3.66億噸", "3.66", 2, "吨", Yi, NoQualifier, "", false, "3.66亿吨"},
	{"002", "突破3000家", "3000", 0, "家", One, Over, "突破", false, "突破3000家"},
	{"002", "300天以上", "300", 0, "天", One, AtLeast, "以上", false, "300天以上"},
	{"002", "4%以內", "4", 0, Percent, One, AtMost, "以内", false, "4%以内"},
	{"002", "近4萬戶", "4", 0, "户", Wan, Nearly, "近", false, "近4万户"},
	{"002", "超過4萬人", "4", 0, "人", Wan, Over, "超过", false, "超过4万人"},
	{"002", "1170.9億元", "1170.9", 1, "元", Yi, NoQualifier, "", false, "1170.9亿元"},
	{"002", "1.54個百分點", "1.54", 2, Points, One, NoQualifier, "", false, "1.54个百分点"},
	{"002", "8.2個百分點", "8.2", 1, Points, One, NoQualifier, "", false, "8.2个百分点"},
	{"002", "4個百分點", "4", 0, Points, One, NoQualifier, "", false, "4个百分点"},
	{"002", "10.5萬戶", "10.5", 1, "户", Wan, NoQualifier, "", false, "10.5万户"},
	{"002", "11.67萬只", "11.67", 2, "只", Wan, NoQualifier, "", false, "11.67万只"},
	{"002", "1萬余套", "1", 0, "套", Wan, MoreThan, "余", false, "1万余套"},
	{"002", "2.25萬套", "2.25", 2, "套", Wan, NoQualifier, "", false, "2.25万套"},
	{"002", "4.5%以內", "4.5", 1, Percent, One, AtMost, "以内", false, "4.5%以内"},
	{"002", "3%左右", "3", 0, Percent, One, Around, "左右", false, "3%左右"},
	{"002", "10%左右", "10", 0, Percent, One, Around, "左右", false, "10%左右"},
	{"002", "2%以上", "2", 0, Percent, One, AtLeast, "以上", false, "2%以上"},
	{"002", "300個以上", "300", 0, "个", One, AtLeast, "以上", false, "300个以上"},
	{"002", "1200萬噸", "1200", 0, "吨", Wan, NoQualifier, "", false, "1200万吨"},
	{"002", "4億余元", "4", 0, "元", Yi, MoreThan, "余", false, "4亿余元"},
	{"002", "4700余人", "4700", 0, "人", One, MoreThan, "余", false, "4700余人"},
	{"002", "600多家", "600", 0, "家", One, MoreThan, "多", false, "600多家"},
	{"002", "突破1億人次", "1", 0, "人次", Yi, Over, "突破", false, "突破1亿人次"},
	{"002", "突破200億元", "200", 0, "元", Yi, Over, "突破", false, "突破200亿元"},
	{"002", "290.6萬畝", "290.6", 1, "亩", Wan, NoQualifier, "", false, "290.6万亩"},
	{"002", "19萬副", "19", 0, "副", Wan, NoQualifier, "", false, "19万副"},
	{"002", "21.8件", "21.8", 1, "件", One, NoQualifier, "", false, "21.8件"},
	{"002", "2.7倍", "2.7", 1, "倍", One, NoQualifier, "", false, "2.7倍"},
	{"002", "近30臺", "30", 0, "台", One, Nearly, "近", false, "近30台"},
	{"002", "2000萬人次", "2000", 0, "人次", Wan, NoQualifier, "", false, "2000万人次"},
	{"002", "9.9萬座", "9.9", 1, "座", Wan, NoQualifier, "", false, "9.9万座"},
	{"002", "2.65%", "2.65", 2, Percent, One, NoQualifier, "", false, "2.65%"},

	// 003: the High-tech Zone in 2020
	{"003", "1.16亿元", "1.16", 2, "元", Yi, NoQualifier, "", false, "1.16亿元"},
	{"003", "117.5亿元", "117.5", 1, "元", Yi, NoQualifier, "", false, "117.5亿元"},
	{"003", "82.6万元", "82.6", 1, "元", Wan, NoQualifier, "", false, "82.6万元"},
	{"003", "5.47万户", "5.47", 2, "户", Wan, NoQualifier, "", false, "5.47万户"},
	{"003", "8.14吨", "8.14", 2, "吨", One, NoQualifier, "", false, "8.14吨"},
	{"003", "40%", "40", 0, Percent, One, NoQualifier, "", false, "40%"},
	{"003", "147%", "147", 0, Percent, One, NoQualifier, "", false, "147%"},
	{"003", "280余次", "280", 0, "次", One, MoreThan, "余", false, "280余次"},
	{"003", "5500余万元", "5500", 0, "元", Wan, MoreThan, "余", true, "5500余万元"},
	{"003", "20多个", "20", 0, "个", One, MoreThan, "多", false, "20多个"},

	// 004: six city departments' 2020 work
	{"004", "20793.61万件", "20793.61", 2, "件", Wan, NoQualifier, "", false, "20793.61万件"},
	{"004", "超过700家", "700", 0, "家", One, Over, "超过", false, "超过700家"},
	{"004", "261.6亿元", "261.6", 1, "元", Yi, NoQualifier, "", false, "261.6亿元"},
	{"004", "264.8亿吨公里", "264.8", 1, "吨公里", Yi, NoQualifier, "", false, "264.8亿吨公里"},
	{"004", "1508.1亿吨公里", "1508.1", 1, "吨公里", Yi, NoQualifier, "", false, "1508.1亿吨公里"},
	{"004", "3.34亿吨", "3.34", 2, "吨", Yi, NoQualifier, "", false, "3.34亿吨"},
	{"004", "511万标准箱", "511", 0, "标准箱", Wan, NoQualifier, "", false, "511万标准箱"},
	{"004", "104.6%", "104.6", 1, Percent, One, NoQualifier, "", false, "104.6%"},
	{"004", "7%左右", "7", 0, Percent, One, Around, "左右", false, "7%左右"},
	{"004", "3.5万余名", "3.5", 1, "名", Wan, MoreThan, "余", false, "3.5万余名"},
	{"004", "24.25件", "24.25", 2, "件", One, NoQualifier, "", false, "24.25件"},
	{"004", "2.83平方米", "2.83", 2, "平方米", One, NoQualifier, "", false, "2.83平方米"},
	{"004", "160多个", "160", 0, "个", One, MoreThan, "多", false, "160多个"},
	{"004", "800余场", "800", 0, "场", One, MoreThan, "余", false, "800余场"},
	{"004", "50余家", "50", 0, "家", One, MoreThan, "余", false, "50余家"},
	{"004", "超过50家", "50", 0, "家", One, Over, "超过", false, "超过50家"},
	{"004", "1731小时", "1731", 0, "小时", One, NoQualifier, "", false, "1731小时"},

	// The issue's own spelling of 002's 近4萬戶, and forms the seeds write
	// with other signs or spellings.
	{"", "近4万户", "4", 0, "户", Wan, Nearly, "近", false, "近4万户"},
	{"", "-1.6%", "-1.6", 1, Percent, One, NoQualifier, "", false, "-1.6%"},
	{"", "−0.5个百分点", "-0.5", 1, Points, One, NoQualifier, "", false, "-0.5个百分点"},
	{"", "+2.0%", "2.0", 1, Percent, One, NoQualifier, "", false, "2.0%"},
	{"", "3.8％", "3.8", 1, Percent, One, NoQualifier, "", false, "3.8%"},
	{"", "11.10万人", "11.10", 2, "人", Wan, NoQualifier, "", false, "11.10万人"},
	{"", "2.1万亿元", "2.1", 1, "元", WanYi, NoQualifier, "", false, "2.1万亿元"},
	{"", "约2萬億元", "2", 0, "元", WanYi, About, "约", false, "约2万亿元"},
	{"", "5件/万人", "5", 0, "件/万人", One, NoQualifier, "", false, "5件/万人"},
	{"", "2.5萬件/萬人", "2.5", 1, "件/万人", Wan, NoQualifier, "", false, "2.5万件/万人"},
	{"", "1200元/人·月", "1200", 0, "元/人·月", One, NoQualifier, "", false, "1200元/人·月"},
	{"", "將近5萬人", "5", 0, "人", Wan, Nearly, "将近", false, "将近5万人"},
	{"", "大約3億元", "3", 0, "元", Yi, About, "大约", false, "大约3亿元"},
	{"", "10餘萬人", "10", 0, "人", Wan, MoreThan, "余", true, "10余万人"},
	{"", "3%以下", "3", 0, Percent, One, AtMost, "以下", false, "3%以下"},
	{"", "0.4", "0.4", 1, "", One, NoQualifier, "", false, "0.4"},
	{"", "  3.8% ", "3.8", 1, Percent, One, NoQualifier, "", false, "3.8%"},
	{"", "1", "1", 0, "", One, NoQualifier, "", false, "1"},
}

func (f seedFigure) value(t testing.TB) Value {
	t.Helper()
	return Value{Num: decimal.RequireFromString(f.num), Places: f.places, Unit: Unit{Base: f.base, Mag: f.mag},
		Qual: f.qual, Word: f.word, QualBeforeMag: f.before}
}

func TestParseValueSeeds(t *testing.T) {
	if n := countFromSeeds(); n < 60 {
		t.Fatalf("only %d figures taken from the seeds, want ≥ 60", n)
	}
	for _, f := range seedFigures {
		t.Run(f.in, func(t *testing.T) {
			got, err := ParseValue(f.in)
			if err != nil {
				t.Fatalf("ParseValue(%q): %v", f.in, err)
			}
			want := f.value(t)
			if !got.Equal(want) {
				t.Fatalf("ParseValue(%q) = %#v\nwant %#v", f.in, got, want)
			}
			if s := got.String(); s != f.canon {
				t.Errorf("String() = %q, want %q", s, f.canon)
			}
			back, err := ParseValue(got.String())
			if err != nil {
				t.Fatalf("ParseValue(String() = %q): %v", got.String(), err)
			}
			if !back.Equal(got) {
				t.Errorf("round trip: %q → %#v → %q → %#v", f.in, got, got.String(), back)
			}
		})
	}
}

func countFromSeeds() int {
	n := 0
	for _, f := range seedFigures {
		if f.doc != "" {
			n++
		}
	}
	return n
}

// TestSeedFiguresVerbatim checks that every figure of the table occurs as
// written in the seed document it is attributed to, in both scripts.
func TestSeedFiguresVerbatim(t *testing.T) {
	docs := sourcetexts.Require(t)
	texts := map[string]string{}
	for tag, name := range seedDoc {
		b, ok := docs[name]
		if !ok {
			t.Fatalf("source text %s not found", name)
		}
		texts[tag] = string(b)
	}
	trad := 0
	for _, f := range seedFigures {
		if f.doc == "" {
			continue
		}
		if !strings.Contains(texts[f.doc], f.in) {
			t.Errorf("%q does not occur in %s", f.in, seedDoc[f.doc])
		}
		if f.doc == "002" && f.in != f.canon {
			trad++
		}
	}
	if trad < 10 {
		t.Errorf("only %d figures in traditional spelling, want ≥ 10", trad)
	}
}

func TestParseValueErrors(t *testing.T) {
	tests := []struct {
		in     string
		err    error
		offset int
	}{
		{"1..2万", ErrSyntax, 0},
		{"万人", ErrSyntax, 0},
		{".", ErrSyntax, 0},
		{"1.", ErrSyntax, 0},
		{".5", ErrSyntax, 0},
		{"--1", ErrSyntax, 1},
		{"-", ErrSyntax, 1},
		{"+-1", ErrSyntax, 1},
		{"007", ErrSyntax, 0},
		{"1,000元", ErrSyntax, 1},
		{"1.2.3万", ErrSyntax, 3},
		{"1,", ErrUnknownUnit, 1},
		{"1e5", ErrSyntax, 1},
		{"1E5", ErrSyntax, 1},
		{"1e999999999", ErrSyntax, 1},
		{"约", ErrSyntax, len("约")},
		{"约约1万人", ErrSyntax, len("约")},
		{"3.8 %", ErrUnknownUnit, 3},
		{"3.8%%", ErrSyntax, 4},
		{"3万%", ErrUnknownUnit, len("3万%")},
		{"3亿个百分点", ErrUnknownUnit, len("3亿个百分点")},
		{"12公斤斤", ErrSyntax, len("12公斤")},
		{"5英镑", ErrUnknownUnit, 1},
		{"5千人", ErrUnknownUnit, 1},
		{"5百万元", ErrUnknownUnit, 1},
		{"约3%左右", ErrSyntax, len("约3%")},
		{"10余万余人", ErrSyntax, len("10余万")},
		{"1万余人以上", ErrSyntax, len("1万余人")},
		{"约10余人", ErrSyntax, len("约10")},
		{"1 万人", ErrUnknownUnit, 1},
		{"", ErrEmpty, 0},
		{"   ", ErrEmpty, 0},
		{"\u3000\t\n", ErrEmpty, 0},
		{"3.8%\xff", ErrInvalidUTF8, 4},
		{"\xe4\xb8", ErrInvalidUTF8, 0},      // 万 cut after two of its three bytes
		{"11.11\xe4\xb8", ErrInvalidUTF8, 5}, // the same at the end of a figure
		{"\xc0\xafx", ErrInvalidUTF8, 0},     // overlong encoding
		{strings.Repeat("9", MaxDigits+1), ErrTooLong, MaxDigits},
		{"0." + strings.Repeat("1", MaxDigits), ErrTooLong, MaxDigits + 1},
		{strings.Repeat("9", MaxFigureBytes+1), ErrTooLong, MaxFigureBytes},
		{strings.Repeat("9", 1<<20), ErrTooLong, MaxFigureBytes},
	}
	for _, tt := range tests {
		name := tt.in
		if len(name) > 20 {
			name = name[:20]
		}
		t.Run(name, func(t *testing.T) {
			v, err := ParseValue(tt.in)
			if err == nil {
				t.Fatalf("ParseValue(%q) = %v, want error %v", tt.in, v, tt.err)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("ParseValue(%q) error %v, want %v", tt.in, err, tt.err)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseValue(%q) error %T, want *ParseError", tt.in, err)
			}
			if pe.Offset != tt.offset {
				t.Errorf("ParseValue(%q) offset %d, want %d (%v)", tt.in, pe.Offset, tt.offset, err)
			}
			if len(pe.Input) > 64+len("…") {
				t.Errorf("ParseError.Input holds %d bytes; it must be cut for display", len(pe.Input))
			}
			if !strings.Contains(err.Error(), "model: parse ") {
				t.Errorf("error text %q does not say what failed", err)
			}
		})
	}
}

// TestParseValueBombsDoNotAllocate checks that over-long input is rejected by
// the bounds before a number is built: a 1 MB digit string and an exponent
// bomb cost a handful of small allocations, not a big.Int.
func TestParseValueBombsDoNotAllocate(t *testing.T) {
	bombs := map[string]string{
		"1MB digits":  strings.Repeat("9", 1<<20),
		"exponent":    "1e999999999",
		"100 digits":  strings.Repeat("1", 100),
		"long suffix": "1" + strings.Repeat("万", 200),
	}
	for name, in := range bombs {
		allocs := testing.AllocsPerRun(20, func() {
			if _, err := ParseValue(in); err == nil {
				t.Fatalf("%s: no error", name)
			}
		})
		if allocs > 4 {
			t.Errorf("%s: %.0f allocations per rejected parse, want ≤ 4", name, allocs)
		}
	}
}

func TestParseValueNegativeZero(t *testing.T) {
	for in, want := range map[string]string{"-0": "0", "-0.0%": "0.0%", "−0.00个百分点": "0.00个百分点", "+0": "0"} {
		v, err := ParseValue(in)
		if err != nil {
			t.Fatalf("ParseValue(%q): %v", in, err)
		}
		if v.Num.Sign() != 0 || v.String() != want {
			t.Errorf("ParseValue(%q) = %q (sign %d), want %q", in, v.String(), v.Num.Sign(), want)
		}
		if !v.Equal(MustParse(want)) {
			t.Errorf("ParseValue(%q) is not equal to ParseValue(%q)", in, want)
		}
	}
}

func TestParseUnit(t *testing.T) {
	good := map[string]Unit{
		"":      {},
		"亿元":    {Base: "元", Mag: Yi},
		"萬噸":    {Base: "吨", Mag: Wan},
		"%":     {Base: Percent},
		"个百分点":  {Base: Points},
		"百分點":   {Base: Points},
		"万亿元":   {Base: "元", Mag: WanYi},
		"件/万人":  {Base: "件/万人"},
		"万标准箱":  {Base: "标准箱", Mag: Wan},
		"元/人·月": {Base: "元/人·月"},
	}
	for in, want := range good {
		u, err := ParseUnit(in)
		if err != nil || u != want {
			t.Errorf("ParseUnit(%q) = %+v, %v; want %+v", in, u, err, want)
		}
		if in != "" && u.String() != strings.NewReplacer("萬", "万", "噸", "吨", "百分點", "个百分点").Replace(in) && in != "百分點" {
			t.Errorf("Unit(%q).String() = %q", in, u.String())
		}
	}
	bad := map[string]error{
		"5":      ErrUnknownUnit,
		".5":     ErrUnknownUnit,
		"0元":     ErrUnknownUnit,
		"余万元":    ErrUnknownUnit,
		"万%":     ErrUnknownUnit,
		"英镑":     ErrUnknownUnit,
		"以上":     ErrUnknownUnit,
		"\xff":   ErrInvalidUTF8,
		" 元":     ErrUnknownUnit,
		"e5":     ErrUnknownUnit,
		"元\x00":  ErrUnknownUnit,
		"元以上":    ErrUnknownUnit,
		"个百分点以内": ErrUnknownUnit,
	}
	for in, want := range bad {
		u, err := ParseUnit(in)
		if !errors.Is(err, want) {
			t.Errorf("ParseUnit(%q) = %+v, %v; want %v", in, u, err, want)
		}
	}
}

func TestQualifierWords(t *testing.T) {
	tests := []struct {
		q       Qualifier
		english string
		str     string
	}{
		{NoQualifier, "", "none"}, {About, "about", "about"}, {Nearly, "nearly", "nearly"},
		{Over, "over", "over"}, {MoreThan, "more than", "more than"}, {AtLeast, "at least", "at least"},
		{AtMost, "at most", "at most"}, {Around, "around", "around"}, {Qualifier(99), "", ""},
	}
	for _, tt := range tests {
		if got := tt.q.English(); got != tt.english {
			t.Errorf("Qualifier(%d).English() = %q, want %q", tt.q, got, tt.english)
		}
		if got := tt.q.String(); got != tt.str && tt.q != 99 {
			t.Errorf("Qualifier(%d).String() = %q, want %q", tt.q, got, tt.str)
		}
	}
	if s := Qualifier(99).String(); !strings.Contains(s, "99") {
		t.Errorf("Qualifier(99).String() = %q, want it to name the invalid value", s)
	}
}

func BenchmarkParseValue(b *testing.B) {
	ins := make([]string, 0, len(seedFigures))
	for _, f := range seedFigures {
		ins = append(ins, f.in)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := ParseValue(ins[i%len(ins)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseValueRejectMB(b *testing.B) {
	in := strings.Repeat("9", 1<<20)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseValue(in); err == nil {
			b.Fatal("no error")
		}
	}
}
