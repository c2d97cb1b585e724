package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinary compiles this command once for the process tests.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "batch")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func outputs(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	ents, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			continue // the manifest and temporary files
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

// testFormats are the formats the process tests make.
var testFormats = strings.Join(formatNames(), ",")

func batchArgs(dir string) []string {
	return []string{"-synthetic", "12", "-j", "2", "-formats", testFormats, "-lang", "zh,en", "-q", "-out", dir}
}

// kill -9 at random moments: no truncated or corrupt file ever exists under
// an output name, and a re-run completes the set byte-identical to an
// uninterrupted run.
func TestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("process test")
	}
	bin := buildBinary(t)
	ref := t.TempDir()
	start := time.Now()
	if out, err := exec.Command(bin, batchArgs(ref)...).CombinedOutput(); err != nil {
		t.Fatalf("reference run: %v\n%s", err, out)
	}
	full := time.Since(start)
	want := outputs(t, ref)
	if len(want) != 24*len(strings.Split(testFormats, ",")) {
		t.Fatalf("reference run made %d files", len(want))
	}
	rng := rand.New(rand.NewPCG(7, 9))
	for trial := 0; trial < 20; trial++ {
		dir := t.TempDir()
		cmd := exec.Command(bin, batchArgs(dir)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(full))))
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		for name, b := range outputs(t, dir) {
			if !bytes.Equal(b, want[name]) {
				t.Fatalf("trial %d: %s under its output name differs from the reference (%d vs %d bytes)", trial, name, len(b), len(want[name]))
			}
		}
		if out, err := exec.Command(bin, batchArgs(dir)...).CombinedOutput(); err != nil {
			t.Fatalf("trial %d: re-run: %v\n%s", trial, err, out)
		}
		got := outputs(t, dir)
		if len(got) != len(want) {
			t.Fatalf("trial %d: re-run left %d files, want %d", trial, len(got), len(want))
		}
		for name, b := range want {
			if !bytes.Equal(got[name], b) {
				t.Fatalf("trial %d: %s differs after re-run", trial, name)
			}
		}
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.Contains(e.Name(), ".tmp-") {
				t.Fatalf("trial %d: temporary file %s left after the re-run", trial, e.Name())
			}
		}
	}
}

// SIGINT and SIGTERM stop the batch within 2 s, leaving no partial file.
func TestSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("process test")
	}
	bin := buildBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		dir := t.TempDir()
		args := []string{"-synthetic", "400", "-j", "2", "-formats", testFormats, "-lang", "zh,en", "-q", "-out", dir}
		cmd := exec.Command(bin, args...)
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(400 * time.Millisecond)
		sent := time.Now()
		_ = cmd.Process.Signal(sig)
		err := cmd.Wait()
		if d := time.Since(sent); d > 2*time.Second {
			t.Fatalf("%v: exited %s after the signal", sig, d)
		}
		if err == nil {
			t.Fatalf("%v: exit status 0 after an interrupted batch", sig)
		}
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.Contains(e.Name(), ".tmp-") {
				t.Fatalf("%v: temporary file %s left", sig, e.Name())
			}
		}
		if !strings.Contains(stdout.String(), "done:") {
			t.Fatalf("%v: no summary printed: %q", sig, stdout.String())
		}
	}
}

func TestParseShard(t *testing.T) {
	for _, s := range []string{"1/4", "4/4", "1/1"} {
		if _, _, err := parseShard(s); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	for _, s := range []string{"0/4", "5/4", "x/4", "1", "1/0", ""} {
		if _, _, err := parseShard(s); err == nil {
			t.Errorf("%s accepted", s)
		}
	}
}
