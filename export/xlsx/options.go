package xlsx

import (
	"fmt"
	"time"
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

// SheetName names the sheet of the section with the given ID (for example
// SheetName("data", "Observations")), or with SectionCharts the sheet of
// charts. The name must follow Excel's rules, or New returns a
// *SheetNameError; names must be unique.
func SheetName(sectionID, name string) Option {
	return func(c *config) error {
		if err := checkSheetName(name); err != nil {
			return err
		}
		if c.names == nil {
			c.names = map[string]string{}
		}
		for id, n := range c.names {
			if id != sectionID && (nameSet{}).equal(n, name) {
				return &SheetNameError{Name: name, Reason: "not unique"}
			}
		}
		c.names[sectionID] = name
		return nil
	}
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
