package linebreak

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// magnitudes are the number words that follow digits: 3.5万, 2千亿.
const magnitudes = "十百千万亿萬億兆"

// units are the measure words and units kept with a number, longest
// first where one is a prefix of another.
var units = []string{
	"个百分点", "個百分點", "百分点", "百分點", "个百分比",
	"平方公里", "平方千米", "平方米", "立方米", "千瓦时", "千瓦時", "千瓦",
	"公里", "千米", "厘米", "毫米", "公斤", "千克", "公顷", "公頃", "小时", "小時", "分钟", "分鐘",
	"人次", "户次", "戶次", "架次", "标准箱", "標準箱", "标箱", "標箱", "万元",
	"美元", "港元", "欧元", "歐元", "日元", "个工作日", "個工作日", "工作日",
	"%", "％", "‰", "℃", "°",
	"人", "户", "戶", "个", "個", "元", "家", "项", "項", "次", "吨", "噸", "倍", "岁", "歲",
	"亩", "畝", "件", "座", "所", "名", "位", "辆", "輛", "台", "臺", "套", "间", "間", "张", "張",
	"条", "條", "株", "处", "處", "起", "例", "份", "本", "篇", "批", "年", "月", "日", "天",
	"秒", "米", "度", "届", "屆", "期", "类", "類", "种", "種", "万", "艘", "只", "隻", "头", "頭",
	"片", "块", "塊", "里", "号", "號", "季度", "周", "週", "层", "層", "栋", "棟", "线", "線",
}

// qualifiers follow a number and its unit: 300天以上, 4.5%以内.
var qualifiers = []string{"以上", "以下", "以内", "以內", "左右"}

// prefixes stand right before a number and stay with it: 约1.67亿元.
var prefixes = []string{"约", "約", "近", "逾", "超过", "超過", "突破", "不足"}

// periodWords are periods named in words, kept whole like numbers.
var periodWords = []string{"一季度", "二季度", "三季度", "四季度", "前三季度", "上半年", "下半年"}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// numberSpan is the byte range of a number in a text: its sign, digits,
// separators, magnitude words, percent sign or unit, and the asterisks
// that mark a derived figure ("-83.3%*", "11.11万人", "+3.8个百分点").
type numberSpan struct{ start, end int }

// isSign reports whether r is a sign that may stand before a number.
func isSign(r rune) bool {
	return r == '-' || r == '+' || r == '−' || r == '±' || r == '＋' || r == '－'
}

// numberSpans lists the numbers of text, in order.
func numberSpans(text string) []numberSpan {
	var out []numberSpan
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isDigit(r) {
			i += n
			continue
		}
		// the number: digits with single . , : / between digits
		end := i + n
		for end < len(text) {
			r, n := utf8.DecodeRuneInString(text[end:])
			if isDigit(r) {
				end += n
				continue
			}
			if strings.ContainsRune(".,:/．", r) && end+n < len(text) {
				if r2, _ := utf8.DecodeRuneInString(text[end+n:]); isDigit(r2) {
					end += n
					continue
				}
			}
			break
		}
		suffix := end
		if u := matchUnit(text[suffix:]); u > 0 {
			suffix += u
		} else {
			for k := 0; k < 2 && suffix < len(text); k++ { // 万, 千亿
				r, n := utf8.DecodeRuneInString(text[suffix:])
				if !strings.ContainsRune(magnitudes, r) {
					break
				}
				suffix += n
			}
			if suffix > end {
				suffix += matchUnit(text[suffix:])
			}
		}
		// per: 24.25件/万人, 540元/人
		if strings.HasPrefix(text[suffix:], "/") && suffix > end {
			k := suffix + 1
			for k < len(text) {
				r, n := utf8.DecodeRuneInString(text[k:])
				if !strings.ContainsRune(magnitudes, r) {
					break
				}
				k += n
			}
			if u := matchUnit(text[k:]); u > 0 {
				suffix = k + u
			}
		}
		// 1.1万余户, 3000多公顷
		if r, n := utf8.DecodeRuneInString(text[suffix:]); r == '余' || r == '多' || r == '餘' {
			if u := matchUnit(text[suffix+n:]); u > 0 || suffix > end {
				suffix += n + u
			}
		}
		for _, q := range qualifiers {
			if strings.HasPrefix(text[suffix:], q) {
				suffix += len(q)
				break
			}
		}
		for suffix < len(text) && text[suffix] == '*' {
			suffix++
		}
		start := i
		if r, n := utf8.DecodeLastRuneInString(text[:i]); n > 0 && isSign(r) {
			start -= n
		}
		for _, p := range prefixes {
			if strings.HasSuffix(text[:start], p) {
				start -= len(p)
				break
			}
		}
		out = append(out, numberSpan{start, suffix})
		i = max(suffix, i+n)
	}
	if !strings.Contains(text, "季度") && !strings.Contains(text, "半年") {
		return out // no period named in words
	}
	for _, w := range periodWords {
		for k := 0; ; {
			j := strings.Index(text[k:], w)
			if j < 0 {
				break
			}
			out = append(out, numberSpan{k + j, k + j + len(w)})
			k += j + len(w)
		}
	}
	return out
}

// glueNumbers removes the break opportunities inside a number and the
// percent sign, magnitude words and unit that follow it, and allows a
// break after a space before a number's sign ("than -83.3%": UAX #14
// keeps a hyphen-minus with what precedes it).
func glueNumbers(text string, kinds []Break) {
	for _, sp := range numberSpans(text) {
		for p := sp.start + 1; p < sp.end; p++ {
			if kinds[p] == Allowed {
				kinds[p] = NoBreak
			}
		}
		if sp.start > 0 && kinds[sp.start] == NoBreak {
			before := text[:sp.start]
			solid, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(before, unicode.IsSpace))
			if r, _ := utf8.DecodeLastRuneInString(before); (r == ' ' || r == '\t') && !noEnd(solid) {
				kinds[sp.start] = Allowed
			}
		}
	}
}

// unitsByFirst indexes units by their first character.
var unitsByFirst = func() map[rune][]string {
	m := map[rune][]string{}
	for _, u := range units {
		r, _ := utf8.DecodeRuneInString(u)
		m[r] = append(m[r], u)
	}
	return m
}()

// matchUnit returns the length of the longest unit that s starts with.
func matchUnit(s string) int {
	r, _ := utf8.DecodeRuneInString(s)
	best := 0
	for _, u := range unitsByFirst[r] {
		if len(u) > best && strings.HasPrefix(s, u) {
			best = len(u)
		}
	}
	return best
}
