package xlsx

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/statbrief/statbrief/report"
)

// MaxRows is the number of rows of an Excel worksheet.
const MaxRows = 1048576

// Option configures a Renderer.
type Option func(*config) error

type config struct {
	created      time.Time // zero: the document's Meta.Created
	widthCap     float64
	names        map[string]string // section ID → sheet name
	reject       bool
	rowsPerSheet int
}

func defaultConfig() config {
	return config{widthCap: 60, rowsPerSheet: MaxRows}
}

// CreationTime sets the creation and modification time written into the
// workbook's properties and zip entries. By default it is the document's
// Meta.Created (which report.Build fixes), so the same document always gives
// the same bytes.
func CreationTime(t time.Time) Option {
	return func(c *config) error {
		if t.IsZero() {
			return fmt.Errorf("xlsx: zero creation time")
		}
		c.created = t.UTC().Truncate(time.Second)
		return nil
	}
}

// MaxColumnWidth caps column widths, in Excel's character units (the width
// of the digit 0), default 60. Text wider than the cap wraps onto more lines
// and its row is made taller.
func MaxColumnWidth(w float64) Option {
	return func(c *config) error {
		if w < 10 || w > 255 {
			return fmt.Errorf("xlsx: column width cap %g outside 10–255", w)
		}
		c.widthCap = w
		return nil
	}
}

// SheetName names the sheet of the section with the given ID, one of
// report.AllSections (for example SheetName("data", "Observations")), or
// with SectionCharts the sheet of charts. New returns a *SectionError for
// any other ID, and a *SheetNameError for a name that breaks Excel's rules
// or is not unique: the same (as Excel compares them, ignoring case) as the
// name of another section's sheet, given or by default, in Chinese or in
// English documents (a Renderer renders either), or as the name of a sheet
// it continues on (数据(2), 数据(3) … see RowsPerSheet).
func SheetName(sectionID, name string) Option {
	return func(c *config) error {
		if !knownSection(sectionID) {
			return &SectionError{ID: sectionID}
		}
		if err := checkSheetName(name); err != nil {
			return err
		}
		if c.names == nil {
			c.names = map[string]string{}
		}
		c.names[sectionID] = name
		return nil
	}
}

// knownSection reports whether SheetName takes id.
func knownSection(id string) bool {
	return slices.Contains(sectionIDs(), id)
}

// sectionIDs are the IDs SheetName takes: report.AllSections and
// SectionCharts.
func sectionIDs() []string {
	return append(report.AllSections(), SectionCharts)
}

// checkNames returns a *SheetNameError when a name given with SheetName
// is the name of another section's sheet, given or by default, in either
// language, or of a sheet that one continues on.
func (c *config) checkNames() error {
	ids := sectionIDs() // in a fixed order: the same error for the same options
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		final := func(id string) string {
			if n, ok := c.names[id]; ok {
				return n
			}
			return defaultSheetNames[lang][id]
		}
		for _, id := range ids {
			name, ok := c.names[id]
			if !ok {
				continue
			}
			for _, other := range ids {
				if other == id {
					continue
				}
				theirs := final(other)
				where := ""
				if _, given := c.names[other]; !given {
					where = " in " + langName[lang] + " documents"
				}
				switch {
				case (nameSet{}).equal(name, theirs):
					return &SheetNameError{Name: name, Reason: "not unique: the name of the sheet of section " + strconv.Quote(other) + where}
				case continues(name, theirs):
					return &SheetNameError{Name: name, Reason: "not unique: the name of a continuation sheet of section " + strconv.Quote(other) + " (" + theirs + ")" + where}
				}
			}
		}
	}
	return nil
}

// langName names the languages in errors.
var langName = map[report.Lang]string{report.Chinese: "Chinese", report.English: "English"}

// continues reports whether name is that of a sheet base continues on:
// base(2), base(3) … as numbered makes them.
func continues(name, base string) bool {
	open := strings.LastIndexByte(name, '(')
	if open < 0 || !strings.HasSuffix(name, ")") {
		return false
	}
	k, err := strconv.Atoi(name[open+1 : len(name)-1])
	if err != nil || k < 2 {
		return false
	}
	return (nameSet{}).equal(numbered(base, k), name)
}

// RejectControlChars makes Render fail with a *CellError wrapping
// ErrControlChar when a text holds a character XML cannot carry. By default
// such characters are removed.
func RejectControlChars() Option {
	return func(c *config) error {
		c.reject = true
		return nil
	}
}

// RowsPerSheet sets the number of rows after which a sheet continues on a
// new one (数据, 数据(2), 数据(3) …, each with the table header repeated).
// The default and maximum is MaxRows, Excel's limit; smaller values are for
// tests and for readers with lower limits.
func RowsPerSheet(n int) Option {
	return func(c *config) error {
		if n < 10 || n > MaxRows {
			return fmt.Errorf("xlsx: rows per sheet %d outside 10–%d", n, MaxRows)
		}
		c.rowsPerSheet = n
		return nil
	}
}
