package sourcetexts

import (
	"errors"
	"os"
	"path/filepath"
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
