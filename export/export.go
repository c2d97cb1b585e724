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
// the same directory, syncs it, renames it over path only when rendering
// succeeded, and syncs the directory. On any error, or if ctx is
// cancelled, no file exists at path that was not there before and the
// temporary file is removed.
func WriteFile(ctx context.Context, path string, r Renderer, doc *report.Document) error {
	p, err := Prepare(ctx, path, r, doc)
	if err != nil {
		return err
	}
	if err := p.Commit(); err != nil {
		return err
	}
	return SyncDir(filepath.Dir(path))
}

// Pending is a file rendered into a temporary file beside its path and not
// yet in place: Commit puts it there, Discard removes it. A Pending is
// used by one goroutine at a time (it may be handed from one to another).
type Pending struct {
	f         *os.File
	tmp, path string
	done      bool
}

// Prepare renders doc into a temporary file in path's directory, named
// ".<name>.tmp-*" so that a later run can find and remove it if the
// process is killed. Nothing is put at path: the caller commits or
// discards the result. On error, or if ctx is cancelled, the temporary
// file is removed.
func Prepare(ctx context.Context, path string, r Renderer, doc *report.Document) (_ *Pending, err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	p := &Pending{f: f, tmp: f.Name(), path: path}
	defer func() {
		if err != nil {
			p.Discard()
		}
	}()
	if err = r.Render(ctx, f, doc); err != nil {
		return nil, fmt.Errorf("export: render %s: %w", path, err)
	}
	if err = ctx.Err(); err != nil {
		return nil, fmt.Errorf("export: %s: %w", path, err)
	}
	return p, nil
}

// Path is where Commit puts the file.
func (p *Pending) Path() string { return p.path }

// Commit syncs the temporary file to stable storage and renames it over
// the path: the file under the path is the old one or the whole new one,
// never a part. It does not sync the directory (SyncDir does), so that
// many files can be committed with one sync of their directory. On error
// the temporary file is removed.
func (p *Pending) Commit() (err error) {
	if p.done {
		return fmt.Errorf("export: %s: committed or discarded already", p.path)
	}
	defer func() {
		if err != nil {
			p.Discard()
		}
	}()
	if err = p.f.Sync(); err != nil {
		return fmt.Errorf("export: sync %s: %w", p.path, err)
	}
	if err = p.f.Close(); err != nil {
		return fmt.Errorf("export: close %s: %w", p.path, err)
	}
	if err = os.Chmod(p.tmp, 0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err = os.Rename(p.tmp, p.path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	p.done = true
	return nil
}

// Discard removes the temporary file; the path is left as it was. It does
// nothing after Commit or Discard.
func (p *Pending) Discard() {
	if p.done {
		return
	}
	p.done = true
	p.f.Close()
	os.Remove(p.tmp)
}

// SyncDir syncs a directory, making the renames into it durable. It is
// best effort: some platforms cannot open or sync directories, and it
// returns nil then.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}
