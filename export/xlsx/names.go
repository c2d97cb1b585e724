package xlsx

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/statbrief/statbrief/report"
)

// maxSheetName is Excel's limit on a sheet name, in UTF-16 code units.
const maxSheetName = 31

// defaultSheetNames maps section IDs to sheet names per language.
var defaultSheetNames = map[report.Lang]map[string]string{
	report.Chinese: {
		report.SectionOverview: "概览", report.SectionHeadline: "主要指标", report.SectionTargets: "目标完成",
		report.SectionRegions: "区域", report.SectionChecks: "数据核对", report.SectionFigures: "其他数据",
		report.SectionData:    "数据",
		report.SectionMethods: "说明", report.SectionSources: "来源", SectionCharts: "图表",
	},
	report.English: {
		report.SectionOverview: "Overview", report.SectionHeadline: "Headline", report.SectionTargets: "Targets",
		report.SectionRegions: "Regions", report.SectionChecks: "Checks", report.SectionFigures: "Other figures",
		report.SectionData:    "Data",
		report.SectionMethods: "Methods", report.SectionSources: "Sources", SectionCharts: "Charts",
	},
}

// utf16Len is the length of s in UTF-16 code units, the unit Excel counts in.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// checkSheetName returns a *SheetNameError when name breaks Excel's rules
// for a single name (uniqueness is checked by the caller).
func checkSheetName(name string) error {
	switch {
	case name == "":
		return &SheetNameError{Name: name, Reason: "empty"}
	case !utf8.ValidString(name):
		return &SheetNameError{Name: name, Reason: "invalid UTF-8"}
	case utf16Len(name) > maxSheetName:
		return &SheetNameError{Name: name, Reason: "longer than 31 UTF-16 units"}
	case strings.ContainsAny(name, `[]:*?/\`):
		return &SheetNameError{Name: name, Reason: `holds one of []:*?/\`}
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return &SheetNameError{Name: name, Reason: "starts or ends with an apostrophe"}
	case strings.EqualFold(name, "History"):
		return &SheetNameError{Name: name, Reason: "reserved by Excel"}
	}
	for _, r := range name {
		if r < 0x20 || r == 0xFFFE || r == 0xFFFF {
			return &SheetNameError{Name: name, Reason: "holds a control character"}
		}
	}
	return nil
}

// sanitizeSheetName turns any title into a valid sheet name: forbidden
// characters become "_", control characters are dropped, the name is cut to
// fit, and an empty result becomes fallback.
func sanitizeSheetName(title, fallback string) string {
	var b strings.Builder
	for _, r := range title {
		switch {
		case r == utf8.RuneError || r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			continue
		case strings.ContainsRune(`[]:*?/\`, r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.Trim(b.String(), "' ")
	s = cutUTF16(s, maxSheetName)
	s = strings.Trim(s, "' ")
	if s == "" || strings.EqualFold(s, "History") {
		return fallback
	}
	return s
}

// cutUTF16 cuts s to at most n UTF-16 units, never inside a rune.
func cutUTF16(s string, n int) string {
	u := 0
	for i, r := range s {
		u += utf16.RuneLen(r)
		if u > n {
			return s[:i]
		}
	}
	return s
}

// numbered returns name with a suffix "(k)", cut so that the result fits in
// a sheet name: 数据 → 数据(2).
func numbered(name string, k int) string {
	suffix := "(" + strconv.Itoa(k) + ")"
	return cutUTF16(name, maxSheetName-len(suffix)) + suffix
}

// nameSet tracks the sheet names used, case-insensitively as Excel does.
type nameSet map[string]bool

func (s nameSet) has(name string) bool { return s[strings.ToLower(name)] }
func (s nameSet) add(name string)      { s[strings.ToLower(name)] = true }

// equal reports whether Excel takes a and b for the same sheet name.
func (nameSet) equal(a, b string) bool { return strings.EqualFold(a, b) }

// unique returns name, or name(2), name(3) … the first not yet used.
func (s nameSet) unique(name string) string {
	if !s.has(name) {
		return name
	}
	for k := 2; ; k++ {
		if n := numbered(name, k); !s.has(n) {
			return n
		}
	}
}

// quoteSheet quotes a sheet name for a formula reference: 'name'!A1, with
// apostrophes doubled.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
