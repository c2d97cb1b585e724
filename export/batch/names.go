package batch

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/statbrief/statbrief/report"
)

// MaxNameBytes bounds the length of an output file name.
const MaxNameBytes = 120

var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// sanitize makes s safe as one path element on Linux, macOS and Windows:
// letters (any script), digits, '-' and '_' are kept; everything else —
// path separators, dots, control characters, <>:"|?* — becomes '_'.
// Reserved Windows device names get a leading '_'. The result is never
// empty, never "." or "..", and never longer than MaxNameBytes/2.
func sanitize(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= MaxNameBytes/2 {
			break
		}
	}
	out := strings.Trim(b.String(), "_")
	if out == "" {
		out = "region"
	}
	if windowsReserved[strings.ToUpper(out)] {
		out = "_" + out
	}
	return out
}

// OutputName is the file name of a briefing: "<region>-<year>[-<lang>].<ext>",
// the language omitted for Chinese. The region is sanitised, so a region
// named "../../etc" stays inside the output directory.
func OutputName(region string, year int, lang report.Lang, ext string) string {
	name := fmt.Sprintf("%s-%d", sanitize(region), year)
	if lang != "" && lang != report.Chinese {
		name += "-" + sanitize(string(lang))
	}
	return name + "." + sanitize(ext)
}

// uniqueName returns name, or name with "-2", "-3" … before the extension
// when it is taken (compared case-insensitively, as Windows and macOS do).
func uniqueName(name string, used map[string]bool) string {
	base, ext := name, ""
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		base, ext = name[:i], name[i:]
	}
	cand := name
	for n := 2; used[strings.ToLower(cand)]; n++ {
		cand = fmt.Sprintf("%s-%d%s", base, n, ext)
	}
	used[strings.ToLower(cand)] = true
	return cand
}
