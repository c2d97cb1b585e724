// Package sourcetexts finds the five source texts of the default dataset,
// for the tests that check figures against what was published. The texts
// are not part of the repository: they live in shared/seeds beside it
// (../shared/seeds from the repository's root, or a shared/seeds folder
// further up), or wherever the environment variable STATBRIEF_SOURCES
// points.
package sourcetexts

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Env names the environment variable that gives the folder of the texts.
const Env = "STATBRIEF_SOURCES"

// probe is a file that every copy of the folder holds.
const probe = "000_0834e4629ed69cd9.txt"

// ErrNotFound is returned by Dir when no folder of source texts is found.
var ErrNotFound = errors.New("source texts not found")

// Dir returns the folder of the source texts: $STATBRIEF_SOURCES when set,
// otherwise the first shared/seeds folder in the working directory or one
// of its ancestors (tests run in their package's folder).
func Dir() (string, error) {
	if d := os.Getenv(Env); d != "" {
		if _, err := os.Stat(filepath.Join(d, probe)); err != nil {
			return "", fmt.Errorf("%s=%s: %w", Env, d, err)
		}
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		seeds := filepath.Join(d, "shared", "seeds")
		if _, err := os.Stat(filepath.Join(seeds, probe)); err == nil {
			return seeds, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%w in shared/seeds above %s (set %s)", ErrNotFound, wd, Env)
		}
	}
}

// Load returns the texts (*.txt of Dir) by file name.
func Load() (map[string][]byte, error) {
	dir, err := Dir()
	if err != nil {
		return nil, err
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	docs := make(map[string][]byte, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		docs[filepath.Base(p)] = b
	}
	return docs, nil
}

// Require returns the texts by file name for a test. When no folder is
// found it skips the test, saying so (a developer's clone without the texts
// beside it cannot check provenance), except under CI=true, where the texts
// are beside the clone and a missing folder fails the test. Any other
// failure, such as a STATBRIEF_SOURCES that names no such folder, fails the
// test.
func Require(t testing.TB) map[string][]byte {
	t.Helper()
	docs, err := Load()
	switch {
	case errors.Is(err, ErrNotFound) && !InCI():
		t.Skipf("%v: figures not checked against the published texts", err)
	case err != nil:
		t.Fatalf("%v (CI=true: the provenance tests must run)", err)
	}
	return docs
}

// InCI reports whether the tests run under CI (CI=true), where the texts
// must be found.
func InCI() bool { return os.Getenv("CI") == "true" }
