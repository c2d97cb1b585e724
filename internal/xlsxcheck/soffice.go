// Package xlsxcheck holds test helpers for export/xlsx: a LibreOffice
// harness that recalculates a workbook and converts it (to CSV per sheet, to
// PDF), and a synthetic data document of any size for benchmarks.
package xlsxcheck

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// ErrNoSoffice is returned when LibreOffice is not installed.
var ErrNoSoffice = errors.New("xlsxcheck: soffice (LibreOffice) not found")

// Soffice returns the path of LibreOffice's soffice binary.
func Soffice() (string, error) {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoSoffice
}

// RecalcAlways is the value of OOXMLRecalcMode that makes LibreOffice
// recalculate every formula of an .xlsx file on load (0 always, 1 never —
// the default —, 2 ask).
const RecalcAlways = 0

// profileXCU sets the recalculation mode on load for OOXML and ODF files.
const profileXCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>%d</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>%d</value></prop></item>
</oor:items>
`

// Office runs LibreOffice headless with a throwaway profile.
type Office struct {
	bin     string
	profile string // profile directory
}

// NewOffice prepares a LibreOffice profile in dir (a fresh temporary
// directory) whose recalculation mode on load is mode (RecalcAlways, or 1
// to keep the cached values).
func NewOffice(dir string, mode int) (*Office, error) {
	bin, err := Soffice()
	if err != nil {
		return nil, err
	}
	user := filepath.Join(dir, "user")
	if err := os.MkdirAll(user, 0o755); err != nil {
		return nil, err
	}
	xcu := fmt.Sprintf(profileXCU, mode, mode)
	if err := os.WriteFile(filepath.Join(user, "registrymodifications.xcu"), []byte(xcu), 0o644); err != nil {
		return nil, err
	}
	return &Office{bin: bin, profile: dir}, nil
}

// run converts file with a --convert-to filter into outDir.
func (o *Office) run(ctx context.Context, filter, file, outDir string) error {
	cmd := exec.CommandContext(ctx, o.bin, "-env:UserInstallation=file://"+o.profile, "--headless",
		"--norestore", "--convert-to", filter, "--outdir", outDir, file)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.Env = append(os.Environ(), "HOME="+o.profile)
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("xlsxcheck: soffice --convert-to %s: %v\n%s", filter, err, out.String())
	}
	return nil
}

// csvFilter exports every sheet (the last token, -1; LibreOffice ≥ 7.2)
// as UTF-8 (76) CSV with raw, unformatted values (token 9 false).
const csvFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

// Sheets converts an .xlsx file to CSV, one file per sheet, and returns the
// cells of each sheet by name. Formulas are recalculated on load or not as
// the profile says.
func (o *Office) Sheets(ctx context.Context, file, outDir string) (map[string][][]string, error) {
	if err := o.run(ctx, csvFilter, file, outDir); err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	matches, err := filepath.Glob(filepath.Join(outDir, base+"-*.csv"))
	if err != nil {
		return nil, err
	}
	if len(matches) == 0 {
		return nil, fmt.Errorf("xlsxcheck: soffice wrote no CSV for %s (LibreOffice older than 7.2?)", file)
	}
	sort.Strings(matches)
	out := map[string][][]string{}
	for _, m := range matches {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(m), base+"-"), ".csv")
		f, err := os.Open(m)
		if err != nil {
			return nil, err
		}
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("xlsxcheck: %s: %w", m, err)
		}
		out[name] = rows
	}
	return out, nil
}

// PDF converts a workbook to PDF and returns the PDF's path.
func (o *Office) PDF(ctx context.Context, file, outDir string) (string, error) {
	if err := o.run(ctx, "pdf", file, outDir); err != nil {
		return "", err
	}
	p := filepath.Join(outDir, strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))+".pdf")
	if st, err := os.Stat(p); err != nil || st.Size() == 0 {
		return "", fmt.Errorf("xlsxcheck: soffice wrote no PDF for %s", file)
	}
	return p, nil
}

// Cell returns the value at 0-based row r and column c of a CSV sheet, ""
// outside it.
func Cell(rows [][]string, r, c int) string {
	if r < 0 || r >= len(rows) || c < 0 || c >= len(rows[r]) {
		return ""
	}
	return rows[r][c]
}

// PDFText returns the text of each page of a PDF, by pdftotext -layout.
func PDFText(ctx context.Context, pdf string) ([]string, error) {
	out, err := exec.CommandContext(ctx, "pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("xlsxcheck: pdftotext %s: %v", pdf, err)
	}
	pages := strings.Split(string(out), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages, nil
}

// SheetOfPage returns the sheet a page of a workbook's PDF shows, as its
// page header names it at the right (statbrief's headers end with the
// sheet's name): the longest of sheets that ends the page's first line,
// or "".
func SheetOfPage(page string, sheets []string) string {
	first := ""
	for _, l := range strings.Split(page, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			first = l
			break
		}
	}
	best := ""
	for _, s := range sheets {
		if len(s) > len(best) && (first == s || strings.HasSuffix(first, " "+s)) {
			best = s
		}
	}
	return best
}
