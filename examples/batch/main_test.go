package main

import (
	"bytes"
	"fmt"
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

// inNamespace runs the batch binary with its output directory on a fresh
// tmpfs mounted with mountOpts, inside a private user and mount namespace
// (unshare -r -m), so the test needs no privileges and leaves no mount
// behind. The files the batch left are copied to copyDir before the
// namespace goes away. It skips when user namespaces are not available.
func inNamespace(t *testing.T, bin, mountOpts, copyDir string, args ...string) (string, error) {
	t.Helper()
	if _, err := exec.LookPath("unshare"); err != nil {
		t.Skip("unshare not found")
	}
	if err := exec.Command("unshare", "-r", "-m", "true").Run(); err != nil {
		t.Skipf("user and mount namespaces not available here: %v", err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	script := `mount -t tmpfs -o "$1" tmpfs "$2" || exit 99
"$3" -out "$2" "${@:5}"; code=$?
cp -a "$2/." "$4/" && exit $code`
	cmdArgs := append([]string{"-r", "-m", "bash", "-c", script, "sh", mountOpts, out, bin, copyDir}, args...)
	b, err := exec.Command("unshare", cmdArgs...).CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 99 {
		t.Skipf("cannot mount a tmpfs in a user namespace here:\n%s", b)
	}
	return string(b), err
}

// A full output directory (a tmpfs with room for two and a half
// briefings) and a read-only one: the jobs
// that cannot be written fail with a clear error naming the cause, the
// others are written whole, no temporary or truncated file is left under
// an output name, and the exit status is 1.
func TestFullAndReadOnlyDirectory(t *testing.T) {
	if testing.Short() {
		t.Skip("process test")
	}
	bin := buildBinary(t)
	ref := t.TempDir()
	args := []string{"-synthetic", "8", "-j", "2", "-formats", "txt", "-lang", "zh", "-q"}
	if out, err := exec.Command(bin, append(args, "-out", ref)...).CombinedOutput(); err != nil {
		t.Fatalf("reference run: %v\n%s", err, out)
	}
	want := outputs(t, ref)
	largest := 0
	for _, b := range want {
		largest = max(largest, len(b))
	}
	// room for two and a half briefings: some jobs are written, the rest
	// find the disk full
	full := fmt.Sprintf("size=%dk", (largest*5/2)/1024+1)
	for _, c := range []struct {
		name, mount, cause string
		someWritten        bool
	}{
		{"full", full, "no space left on device", true},
		{"read-only", "ro", "read-only file system", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			kept := t.TempDir()
			out, err := inNamespace(t, bin, c.mount, kept, args...)
			if err == nil {
				t.Fatalf("exit status 0 on a %s directory:\n%s", c.name, out)
			}
			if !strings.Contains(out, "failed:") || !strings.Contains(out, c.cause) {
				t.Fatalf("summary does not name the cause %q:\n%s", c.cause, out)
			}
			got := outputs(t, kept)
			if c.someWritten && len(got) == 0 {
				t.Fatalf("no job was written on a directory with room for some:\n%s", out)
			}
			for name, b := range got {
				if !bytes.Equal(b, want[name]) {
					t.Fatalf("%s under its output name differs from the reference (%d vs %d bytes)", name, len(b), len(want[name]))
				}
			}
			ents, _ := os.ReadDir(kept)
			for _, e := range ents {
				if strings.Contains(e.Name(), ".tmp-") {
					t.Fatalf("temporary file %s left", e.Name())
				}
			}
		})
	}
}
