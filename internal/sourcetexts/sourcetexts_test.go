package sourcetexts

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestDirFromEnv(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(Env, dir)
	if _, err := Dir(); err == nil || errors.Is(err, ErrNotFound) {
		t.Fatalf("Dir with %s naming a folder without the texts: %v, want an error other than ErrNotFound", Env, err)
	}
	for name, text := range map[string]string{probe: "甲", "004_x.txt": "乙", "README.md": "not a text"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || string(docs[probe]) != "甲" || string(docs["004_x.txt"]) != "乙" {
		t.Fatalf("Load = %q, want the two .txt files", docs)
	}
}

func TestDirAbove(t *testing.T) {
	root := t.TempDir()
	seeds := filepath.Join(root, "shared", "seeds")
	work := filepath.Join(root, "ci", "clone", "model")
	for _, d := range []string{seeds, work} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(Env, "")
	t.Chdir(work)
	if _, err := Dir(); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Dir without the probe file: %v, want ErrNotFound", err)
	}
	if err := os.WriteFile(filepath.Join(seeds, probe), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Dir()
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := filepath.EvalSymlinks(seeds); got != seeds && got != want {
		t.Fatalf("Dir = %s, want %s", got, seeds)
	}
}

// TestRequireInCI: without the texts, Require skips a developer's test and
// fails one under CI=true.
func TestRequireInCI(t *testing.T) {
	t.Setenv(Env, "")
	t.Chdir(t.TempDir())
	for _, ci := range []string{"", "true"} {
		t.Setenv("CI", ci)
		var r recorder
		done := make(chan struct{})
		go func() { // Require ends the test's goroutine with Skip or Fatal
			defer close(done)
			Require(&r)
		}()
		<-done
		if want := ci != "true"; r.skipped != want || r.failed == want {
			t.Errorf("CI=%q: skipped %v, failed %v", ci, r.skipped, r.failed)
		}
	}
}

// recorder is a testing.TB that records Skip and Fatal and ends the
// goroutine as the real ones do.
type recorder struct {
	testing.TB
	skipped, failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Skipf(string, ...any)  { r.skipped = true; runtime.Goexit() }
func (r *recorder) Fatalf(string, ...any) { r.failed = true; runtime.Goexit() }
func (r *recorder) Fatal(...any)          { r.failed = true; runtime.Goexit() }
