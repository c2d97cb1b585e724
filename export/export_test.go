package export_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/statbrief/statbrief/export"
	"github.com/statbrief/statbrief/report"
)

// renderer writes "whole file" in two parts, failing or cancelling
// between them when told to.
type renderer struct {
	fail   error
	cancel context.CancelFunc
}

func (r renderer) Render(ctx context.Context, w io.Writer, doc *report.Document) error {
	if _, err := io.WriteString(w, "whole "); err != nil {
		return err
	}
	if r.cancel != nil {
		r.cancel()
	}
	if r.fail != nil {
		return r.fail
	}
	_, err := io.WriteString(w, "file")
	return err
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFile(t *testing.T) {
	doc := &report.Document{Title: "t"}
	boom := errors.New("boom")
	for _, tc := range []struct {
		name   string
		r      func(context.CancelFunc) renderer
		err    error
		before string // the file's content before, "" for none
	}{
		{"new", func(context.CancelFunc) renderer { return renderer{} }, nil, ""},
		{"replace", func(context.CancelFunc) renderer { return renderer{} }, nil, "old"},
		{"fail", func(context.CancelFunc) renderer { return renderer{fail: boom} }, boom, ""},
		{"fail keeps old", func(context.CancelFunc) renderer { return renderer{fail: boom} }, boom, "old"},
		{"cancelled", func(c context.CancelFunc) renderer { return renderer{cancel: c} }, context.Canceled, "old"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "b.txt")
			if tc.before != "" {
				if err := os.WriteFile(path, []byte(tc.before), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			err := export.WriteFile(ctx, path, tc.r(cancel), doc)
			if !errors.Is(err, tc.err) || (tc.err == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			want := "whole file"
			if tc.err != nil {
				want = tc.before
			}
			got, rerr := os.ReadFile(path)
			if tc.err != nil && tc.before == "" {
				if rerr == nil {
					t.Fatalf("a failed write left %q", got)
				}
			} else if string(got) != want {
				t.Fatalf("file %q, want %q", got, want)
			}
			for _, n := range entries(t, dir) {
				if strings.Contains(n, ".tmp-") {
					t.Fatalf("temporary file %s left", n)
				}
			}
			if st, err := os.Stat(path); err == nil && st.Mode().Perm() != 0o644 && tc.err == nil {
				t.Errorf("mode %v", st.Mode())
			}
		})
	}
}

// A Pending file is nowhere under its path until Commit; Discard removes
// it.
func TestPending(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	p, err := export.Prepare(context.Background(), path, renderer{}, &report.Document{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("prepared file already under its path")
	}
	if names := entries(t, dir); len(names) != 1 || !strings.HasPrefix(names[0], ".a.txt.tmp-") {
		t.Fatalf("entries %v", names)
	}
	if err := p.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "whole file" {
		t.Fatalf("%q %v", b, err)
	}
	if err := p.Commit(); err == nil {
		t.Fatal("committed twice")
	}
	p.Discard() // nothing after a commit
	if names := entries(t, dir); len(names) != 1 || names[0] != "a.txt" {
		t.Fatalf("entries %v", names)
	}
	q, err := export.Prepare(context.Background(), path, renderer{}, &report.Document{})
	if err != nil {
		t.Fatal(err)
	}
	q.Discard()
	if names := entries(t, dir); len(names) != 1 || names[0] != "a.txt" {
		t.Fatalf("entries after discard %v", names)
	}
	if err := q.Commit(); err == nil {
		t.Fatal("commit after discard")
	}
}
