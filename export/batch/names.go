package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/statbrief/statbrief/report"
)

// MaxNameBytes bounds the length of an output file name.
const MaxNameBytes = 120

// The bounds of the parts of a name, before the suffix of a part that had
// to be changed: with the year and the extension (a format name, at most
// maxFormatBytes) a name stays within MaxNameBytes.
const (
	maxRegionBytes = 60
	maxLangBytes   = 16
	maxFormatBytes = 16
	suffixBytes    = 1 + 8 // "-" and 8 hex digits of SHA-256
)

// sanitize makes s safe as part of one path element on Linux, macOS and
// Windows: letters (any script), digits, '-' and '_' are kept; everything
// else — path separators, dots, control characters, <>:"|?* — becomes
// '_'. Leading and trailing '_' are trimmed. The result is never empty,
// never "." or "..", and never longer than maxBytes. (A part is always
// followed by "-<year>", so no name is a reserved Windows device name such
// as "CON" or "nul.txt".)
func sanitize(s string, maxBytes int) string {
	var b strings.Builder
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_') {
			r = '_'
		}
		if b.Len()+len(string(r)) > maxBytes {
			break
		}
		b.WriteRune(r)
	}
	out := strings.Trim(b.String(), "_")
	if out == "" {
		out = "region"
	}
	return out
}

// namePart is s as a part of an output name: s itself when it is already
// safe and in lower case (every region code of a valid dataset is), else
// its sanitised form followed by "-" and 8 hex digits of the SHA-256 of s.
// The part depends on s alone, and two strings with the same sanitised
// form (the codes "a" and "_a") get different parts.
func namePart(s string, maxBytes int) string {
	clean := sanitize(s, maxBytes)
	if clean == s && strings.ToLower(s) == s {
		return s
	}
	sum := sha256.Sum256([]byte(s))
	return clean + "-" + hex.EncodeToString(sum[:4])
}

// OutputName is the file name of a briefing: "<region>-<year>[-<lang>].<ext>",
// the language omitted for Chinese. The name depends only on its own
// arguments, never on which other briefings a batch makes, so an output
// keeps its name when regions are added to a dataset.
//
// A region code that is safe as a file name and in lower case (every code
// of a valid dataset is) is used as it is. Any other is sanitised — path
// separators, dots, characters illegal on Windows become '_', leading and
// trailing '_' are trimmed, the length is bounded — and followed by "-"
// and 8 hex digits of its SHA-256, so that a region named "../../etc"
// stays inside the output directory ("etc-<hash>-2020.pdf") and the codes
// "a" and "_a" do not share a name. The language is treated alike. The
// extension is the format name, which New requires to be safe.
func OutputName(region string, year int, lang report.Lang, ext string) string {
	name := namePart(region, maxRegionBytes) + "-" + strconv.Itoa(year)
	if lang != "" && lang != report.Chinese {
		name += "-" + namePart(string(lang), maxLangBytes)
	}
	return name + "." + ext
}

// validFormat reports whether a format name is safe as a file extension
// as it is: lower-case ASCII letters and digits, at most maxFormatBytes.
func validFormat(f string) bool {
	if f == "" || len(f) > maxFormatBytes {
		return false
	}
	for i := 0; i < len(f); i++ {
		if c := f[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// NameCollisionError is the failure of a job one of whose output names is
// also that of another job's output (compared case-insensitively, as
// Windows and macOS compare names): the same job listed twice, or two
// codes whose names collide. Both jobs fail with it; neither is renamed,
// so a name always belongs to the same job.
type NameCollisionError struct {
	Name   string // the output file name
	Job    string // the key of the failing job
	Other  string // the key of the other job with that name
	Format string // the format of the failing job's output of that name
}

// Error names the file and the other job.
func (e *NameCollisionError) Error() string {
	if e.Job == e.Other {
		return fmt.Sprintf("output name %q: job %s is listed twice", e.Name, e.Job)
	}
	return fmt.Sprintf("output name %q (%s) is also that of job %s: neither is written", e.Name, e.Format, e.Other)
}
