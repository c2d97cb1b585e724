// Package export holds what every output format shares: the Renderer
// contract and atomic file writing. Each format lives in a sub-package:
// export/text, export/xlsx and export/pdf.
package export

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/statbrief/statbrief/report"
)

// Renderer renders a document to a stream. Implementations never modify the
// document and are safe for concurrent use: one Renderer may render many
// documents from many goroutines at once.
type Renderer interface {
	Render(ctx context.Context, w io.Writer, doc *report.Document) error
}

// WriteFile renders doc to path atomically: it writes a temporary file in
// the same directory, syncs it, and renames it over path only when rendering
// succeeded. On any error, or if ctx is cancelled, no file exists at path
// that was not there before and the temporary file is removed.
func WriteFile(ctx context.Context, path string, r Renderer, doc *report.Document) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = r.Render(ctx, f, doc); err != nil {
		return fmt.Errorf("export: render %s: %w", path, err)
	}
	if err = ctx.Err(); err != nil {
		return fmt.Errorf("export: %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("export: sync %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("export: close %s: %w", path, err)
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil // best effort: some platforms cannot open directories
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}
