package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/statbrief/statbrief/export/batch"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/seeds"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// buildBinary compiles this command once for all the process tests.
func buildBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "batch-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "batch")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// ci reports whether the tests run in CI, where a test that cannot set up
// what it needs fails instead of skipping.
func ci() bool { return os.Getenv("CI") == "true" }

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

// countOutputs counts the files under output names in dir.
func countOutputs(dir string) int {
	ents, _ := os.ReadDir(dir)
	n := 0
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), ".") {
			n++
		}
	}
	return n
}

func assertNoTemp(t *testing.T, dir, what string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Fatalf("%s: temporary file %s left", what, e.Name())
		}
	}
}

// testFormats are the formats the process tests make.
var testFormats = strings.Join(formatNames(), ",")

func batchArgs(dir string) []string {
	return []string{"-synthetic", "8", "-j", "2", "-formats", testFormats, "-lang", "zh,en", "-q", "-out", dir}
}

// The kill -9 test wants at least this many kills that land mid-run: the
// process alive, some outputs written and not all.
const (
	midRunKills = 20
	maxTrials   = 60
	earlyKills  = 4 // and a few kills before the first output, not counted
)

// kill -9 at random moments: no truncated or corrupt file ever exists under
// an output name, and a re-run completes the set byte-identical to an
// uninterrupted run. Each trial picks a number of outputs k at random and
// kills the process once k files exist; a trial counts as a mid-run kill
// only when the process was killed by the signal (it had not exited) with
// at least one output and not all of them there.
func TestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("process test")
	}
	bin := buildBinary(t)
	ref := t.TempDir()
	if out, err := exec.Command(bin, batchArgs(ref)...).CombinedOutput(); err != nil {
		t.Fatalf("reference run: %v\n%s", err, out)
	}
	want := outputs(t, ref)
	total := len(want)
	if total != 16*len(strings.Split(testFormats, ",")) {
		t.Fatalf("reference run made %d files", total)
	}
	rng := rand.New(rand.NewPCG(7, 9))
	midRun, early, trials := 0, 0, 0
	for ; trials < maxTrials && (midRun < midRunKills || early < earlyKills); trials++ {
		dir := t.TempDir()
		cmd := exec.Command(bin, batchArgs(dir)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		wantEarly := early < earlyKills && trials%6 == 5
		k := 1 + rng.IntN(total-1) // kill once k of the outputs exist
		var before int
		deadline := time.After(30 * time.Second)
	poll:
		for {
			select {
			case <-exited:
				break poll
			case <-deadline:
				_ = cmd.Process.Kill()
				<-exited
				t.Fatalf("trial %d: the batch did not reach %d outputs in 30 s", trials, k)
			default:
			}
			before = countOutputs(dir)
			if (wantEarly && before == 0) || (!wantEarly && before >= k) {
				_ = cmd.Process.Signal(syscall.SIGKILL)
				<-exited
				break poll
			}
			if wantEarly {
				time.Sleep(time.Duration(rng.IntN(20)) * time.Millisecond)
			} else {
				time.Sleep(time.Millisecond)
			}
		}
		ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
		killed := ws.Signaled() && ws.Signal() == syscall.SIGKILL
		got := outputs(t, dir)
		switch {
		case killed && before >= 1 && len(got) < total:
			midRun++
		case killed && len(got) == 0:
			early++
		}
		for name, b := range got {
			if !bytes.Equal(b, want[name]) {
				t.Fatalf("trial %d: %s under its output name differs from the reference (%d vs %d bytes)", trials, name, len(b), len(want[name]))
			}
		}
		if out, err := exec.Command(bin, batchArgs(dir)...).CombinedOutput(); err != nil {
			t.Fatalf("trial %d: re-run: %v\n%s", trials, err, out)
		}
		got = outputs(t, dir)
		if len(got) != total {
			t.Fatalf("trial %d: re-run left %d files, want %d", trials, len(got), total)
		}
		for name, b := range want {
			if !bytes.Equal(got[name], b) {
				t.Fatalf("trial %d: %s differs after re-run", trials, name)
			}
		}
		assertNoTemp(t, dir, fmt.Sprintf("trial %d, after the re-run", trials))
	}
	t.Logf("%d trials: %d mid-run kills, %d kills before the first output", trials, midRun, early)
	if midRun < midRunKills {
		t.Fatalf("only %d of %d trials killed the batch mid-run, want %d", midRun, trials, midRunKills)
	}
}

// summaryRE matches the summary line.
var summaryRE = regexp.MustCompile(`done: (\d+) written, (\d+) skipped, (\d+) failed, (\d+) cancelled of (\d+) jobs; (\d+) files \((\d+) written\)`)

// summaryCounts parses the summary line: written, skipped, failed,
// cancelled, total jobs, files, files written.
func summaryCounts(t *testing.T, stdout string) [7]int {
	t.Helper()
	m := summaryRE.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("no summary in %q", stdout)
	}
	var n [7]int
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	if n[0]+n[1]+n[2]+n[3] != n[4] {
		t.Fatalf("summary counts do not add up: %q", m[0])
	}
	return n
}

// lineWaiter reads lines from r and reports when one contains a string.
type lineWaiter struct {
	mu    sync.Mutex
	lines []string
	seen  chan string // every line, as it comes
}

func newLineWaiter(r io.Reader) *lineWaiter {
	w := &lineWaiter{seen: make(chan string, 1024)}
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			w.mu.Lock()
			w.lines = append(w.lines, sc.Text())
			w.mu.Unlock()
			select {
			case w.seen <- sc.Text():
			default:
			}
		}
		close(w.seen)
	}()
	return w
}

// wait returns when a line containing s has been read, false if the
// stream ended or the timeout passed first.
func (w *lineWaiter) wait(s string, timeout time.Duration) bool {
	tm := time.After(timeout)
	for {
		select {
		case l, ok := <-w.seen:
			if !ok {
				return false
			}
			if strings.Contains(l, s) {
				return true
			}
		case <-tm:
			return false
		}
	}
}

func (w *lineWaiter) text() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.Join(w.lines, "\n")
}

// validOutput checks that a file under an output name is whole: its size
// and SHA-256 are those the manifest recorded as written, and it is a
// well-formed file of its format.
func validOutput(t *testing.T, path string, entries map[string]batch.Entry) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(path)
	e, ok := entries[name]
	if !ok {
		t.Fatalf("%s is not in the manifest", name)
	}
	if int64(len(b)) != e.Size || sha256Hex(b) != e.SHA256 {
		t.Fatalf("%s: %d bytes, not the %d bytes the manifest recorded", name, len(b), e.Size)
	}
	switch filepath.Ext(name) {
	case ".pdf":
		if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
			t.Fatalf("%s is not a whole PDF", name)
		}
		if q, err := exec.LookPath("qpdf"); err == nil {
			if out, err := exec.Command(q, "--check", path).CombinedOutput(); err != nil {
				t.Fatalf("qpdf --check %s: %v\n%s", name, err, out)
			}
		} else if ci() {
			t.Fatal("qpdf not found")
		}
	case ".xlsx":
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatalf("%s does not open: %v", name, err)
		}
		if len(f.GetSheetList()) == 0 {
			t.Fatalf("%s has no sheets", name)
		}
		f.Close()
	case ".txt":
		if len(b) == 0 || !utf8.Valid(b) {
			t.Fatalf("%s is not a text briefing", name)
		}
	}
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func readManifest(t *testing.T, dir string) map[string]batch.Entry {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, batch.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var list []batch.Entry
	if err := json.Unmarshal(raw, &list); err != nil {
		t.Fatal(err)
	}
	m := map[string]batch.Entry{}
	for _, e := range list {
		m[e.Path] = e
	}
	return m
}

// SIGINT and SIGTERM once outputs are being written: the batch stops
// within 2 s with a non-zero status, every file under an output name is
// whole, no temporary file is left, and the summary's counts add up.
func TestSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("process test")
	}
	bin := buildBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		dir := t.TempDir()
		args := []string{"-synthetic", "400", "-j", "2", "-formats", testFormats, "-lang", "zh,en", "-q", "-out", dir}
		cmd := exec.Command(bin, args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		// wait for the first output
		deadline := time.Now().Add(30 * time.Second)
		for countOutputs(dir) == 0 {
			if time.Now().After(deadline) {
				_ = cmd.Process.Kill()
				t.Fatalf("%v: no output in 30 s", sig)
			}
			time.Sleep(2 * time.Millisecond)
		}
		sent := time.Now()
		_ = cmd.Process.Signal(sig)
		var err error
		select {
		case err = <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			t.Fatalf("%v: still running 10 s after the signal", sig)
		}
		if d := time.Since(sent); d > 2*time.Second {
			t.Fatalf("%v: exited %s after the signal", sig, d)
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			t.Fatalf("%v: exit %v after an interrupted batch\n%s", sig, err, stderr.String())
		}
		assertNoTemp(t, dir, sig.String())
		n := summaryCounts(t, stdout.String())
		if n[3] == 0 || n[2] != 0 {
			t.Fatalf("%v: summary %q", sig, stdout.String())
		}
		if msg := stderr.String(); strings.Count(msg, "batch:") != 1 || !strings.Contains(msg, "signal") {
			t.Errorf("%v: message %q", sig, msg)
		}
		entries := readManifest(t, dir)
		files := outputs(t, dir)
		if len(files) != n[5] || len(files) == 0 {
			t.Fatalf("%v: %d files, the summary says %d", sig, len(files), n[5])
		}
		for name := range files {
			validOutput(t, filepath.Join(dir, name), entries)
		}
	}
}

// A signal while the dataset loads (thousands of synthetic cities take
// seconds to make and validate) stops the batch within 2 s.
func TestSignalWhileLoading(t *testing.T) {
	if testing.Short() {
		t.Skip("process test")
	}
	bin := buildBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		dir := t.TempDir()
		cmd := exec.Command(bin, "-synthetic", "6000", "-j", "2", "-formats", "txt", "-out", dir)
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		pr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := newLineWaiter(pr)
		if !lines.wait("loading the dataset", 10*time.Second) {
			_ = cmd.Process.Kill()
			t.Fatalf("%v: no loading line: %s", sig, lines.text())
		}
		time.Sleep(300 * time.Millisecond)
		if strings.Contains(lines.text(), "loaded") {
			t.Fatalf("%v: loading ended before the signal (too fast to test): %s", sig, lines.text())
		}
		sent := time.Now()
		_ = cmd.Process.Signal(sig)
		exited := make(chan error, 1)
		go func() {
			for range lines.seen {
			}
			exited <- cmd.Wait()
		}()
		select {
		case err = <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			t.Fatalf("%v: still running 10 s after the signal", sig)
		}
		if d := time.Since(sent); d > 2*time.Second {
			t.Fatalf("%v during loading: exited %s after the signal", sig, d)
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			t.Fatalf("%v: exit %v", sig, err)
		}
		if !strings.Contains(stdout.String(), "interrupted before the first job") || strings.Contains(lines.text(), "loaded") {
			t.Fatalf("%v: stdout %q, stderr %q", sig, stdout.String(), lines.text())
		}
		if n := countOutputs(dir); n != 0 {
			t.Fatalf("%v: %d outputs", sig, n)
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

// Unknown formats and languages are usage errors (exit 2) that name the
// known ones; a format or language given twice is made once, under its
// own name.
func TestFormatsAndLanguages(t *testing.T) {
	for _, args := range [][]string{{"-lang", "fr"}, {"-lang", "zh,fr"}, {"-formats", "docx"}, {"-formats", ","}, {"-shard", "0/2"}, {"stray"}} {
		var stdout, stderr bytes.Buffer
		dir := t.TempDir()
		code := run(append([]string{"-q", "-out", dir, "-synthetic", "1"}, args...), &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), "batch: ") || strings.Contains(stderr.String(), "batch: batch:") {
			t.Errorf("%v: exit %d, %q", args, code, stderr.String())
		}
		if countOutputs(dir) != 0 {
			t.Errorf("%v: outputs written", args)
		}
	}
	var stdout, stderr bytes.Buffer
	dir := t.TempDir()
	if code := run([]string{"-q", "-out", dir, "-synthetic", "2", "-formats", "txt,txt", "-lang", "zh,en,zh"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	got := outputs(t, dir)
	want := []string{"synthetic_0001-2020-en.txt", "synthetic_0001-2020.txt", "synthetic_0002-2020-en.txt", "synthetic_0002-2020.txt"}
	if len(got) != len(want) {
		t.Fatalf("files %v, want %v", keysOf(got), want)
	}
	for _, w := range want {
		if got[w] == nil {
			t.Fatalf("files %v, want %v", keysOf(got), want)
		}
	}
	if n := summaryCounts(t, stdout.String()); n[0] != 4 || n[4] != 4 || n[5] != 4 {
		t.Fatalf("summary %q", stdout.String())
	}
}

func keysOf(m map[string][]byte) []string {
	var k []string
	for x := range m {
		k = append(k, x)
	}
	return k
}

// The bar shows no rate before the library has one: the bar's own rate of
// the first job was "149701 briefings/s".
func TestProgressBarRate(t *testing.T) {
	var buf bytes.Buffer
	report := progressReporter(&buf, true)
	report(batch.Progress{Total: 200, Done: 1, Written: 1, Elapsed: 3 * time.Millisecond})
	if first := buf.String(); first == "" || strings.Contains(first, "/s") {
		t.Fatalf("first frame %q", first)
	}
	time.Sleep(150 * time.Millisecond) // the bar draws at most every 100 ms
	report(batch.Progress{Total: 200, Done: 60, Written: 60, Elapsed: 1500 * time.Millisecond, Rate: 40, ETA: 3500 * time.Millisecond})
	if later := buf.String(); !strings.Contains(later, "40.0 briefings/s") {
		t.Fatalf("later frame %q", later)
	}
	var plain bytes.Buffer
	report = progressReporter(&plain, false)
	report(batch.Progress{Total: 200, Done: 1, Written: 1, Elapsed: 3 * time.Millisecond})
	if strings.Contains(plain.String(), "/s") {
		t.Fatalf("plain first line %q", plain.String())
	}
}

// A -data directory with one malformed figure of one district: that
// district's jobs fail with the record's error, named in the summary; the
// other regions are written; the exit status is 1.
func TestBrokenRecord(t *testing.T) {
	if testing.Short() {
		t.Skip("process test")
	}
	d, err := seeds.Data()
	if err != nil {
		t.Fatal(err)
	}
	// a district with figures for 2020: gaoxin when the dataset has it
	region, id := "", ""
	for _, o := range d.Observations {
		if o.Period.Year != 2020 {
			continue
		}
		for _, r := range d.Regions {
			if r.Code == o.Region && r.Level == model.District && (region == "" || r.Code == "gaoxin" && region != "gaoxin") {
				region, id = r.Code, o.ID
			}
		}
	}
	if region == "" {
		t.Fatal("no district with figures for 2020 in the default dataset")
	}
	var buf bytes.Buffer
	if err := model.WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	at := strings.Index(text, strconv.Quote(id))
	v := strings.Index(text[at:], `"value": "`)
	if at < 0 || v < 0 {
		t.Fatalf("observation %s not found in the JSON", id)
	}
	v += at + len(`"value": "`)
	end := v + strings.IndexByte(text[v:], '"')
	text = text[:v] + "三十六位xx" + text[end:]
	data := t.TempDir()
	if err := os.WriteFile(filepath.Join(data, "data.json"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"-q", "-data", data, "-formats", "txt", "-out", dir}, &stdout, &stderr)
	if code != 1 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	n := summaryCounts(t, stdout.String())
	if n[2] != 1 || n[0] < 2 || n[0]+n[2] != n[4] {
		t.Fatalf("summary:\n%s", stdout.String())
	}
	out := stdout.String()
	if !strings.Contains(out, "failed: job "+region+"/2020/zh: region "+region+" set aside") ||
		!strings.Contains(out, strconv.Quote(id)) || !strings.Contains(out, `"三十六位xx"`) {
		t.Fatalf("the failure does not name the region and its record:\n%s", out)
	}
	files := outputs(t, dir)
	if len(files) != n[0] {
		t.Fatalf("%d files for %d jobs written", len(files), n[0])
	}
	if _, ok := files[region+"-2020.txt"]; ok {
		t.Fatalf("the broken region's briefing was written")
	}
	if _, ok := files["dalian-2020.txt"]; !ok {
		t.Fatalf("dalian's briefing was not written: %v", keysOf(files))
	}
	// the city's briefing lacks the district: the summary says so
	if !strings.Contains(out, "warning: job dalian/2020/zh made without the figures of set-aside region(s) "+region) {
		t.Fatalf("no warning that dalian's briefing lacks %s:\n%s", region, out)
	}
	// a problem that names no region fails the whole run, listing it
	bad := strings.Replace(text, `"polarity": "`, `"polarity": "x`, 1)
	if err := os.WriteFile(filepath.Join(data, "data.json"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	dir2 := t.TempDir()
	if code := run([]string{"-q", "-data", data, "-formats", "txt", "-out", dir2}, &stdout, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "polarity") || !strings.Contains(stderr.String(), "三十六位xx") || countOutputs(dir2) != 0 {
		t.Fatalf("exit %d, %d files:\n%s", code, countOutputs(dir2), stderr.String())
	}
}

// mounter finds how this machine lets a test mount a tmpfs privately:
// unshare -r -m (an unprivileged user and mount namespace), or, as root,
// unshare -m (a mount namespace). It returns the unshare flags, or
// skips (fails in CI) when neither works.
var mounterOnce struct {
	sync.Once
	flags []string
	why   string
}

func mounter(t *testing.T) []string {
	t.Helper()
	mounterOnce.Do(func() {
		if _, err := exec.LookPath("unshare"); err != nil {
			mounterOnce.why = "unshare not found"
			return
		}
		probe := t.TempDir()
		candidates := [][]string{{"-r", "-m"}}
		if os.Geteuid() == 0 {
			candidates = append(candidates, []string{"-m"})
		}
		var whys []string
		for _, flags := range candidates {
			args := append(append([]string(nil), flags...), "sh", "-c", `mount -t tmpfs -o size=64k tmpfs "$1" && mount -o remount,ro "$1"`, "sh", probe)
			out, err := exec.Command("unshare", args...).CombinedOutput()
			if err == nil {
				mounterOnce.flags = flags
				return
			}
			whys = append(whys, fmt.Sprintf("unshare %s: %v %s", strings.Join(flags, " "), err, bytes.TrimSpace(out)))
		}
		mounterOnce.why = strings.Join(whys, "; ")
	})
	if mounterOnce.flags == nil {
		if ci() {
			t.Fatalf("cannot mount a private tmpfs here (CI=true): %s", mounterOnce.why)
		}
		t.Skipf("cannot mount a private tmpfs here: %s", mounterOnce.why)
	}
	return mounterOnce.flags
}

// inNamespace runs the batch binary with its output directory on a fresh
// tmpfs mounted with mountOpts, inside a private mount namespace, so the
// test leaves no mount behind. The files the batch left are copied to
// copyDir before the namespace goes away.
func inNamespace(t *testing.T, bin, mountOpts, copyDir string, args ...string) (string, error) {
	t.Helper()
	flags := mounter(t)
	out := filepath.Join(t.TempDir(), "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	script := `mount -t tmpfs -o "$1" tmpfs "$2" || exit 99
"$3" -out "$2" "${@:5}"; code=$?
cp -a "$2/." "$4/" && exit $code`
	cmdArgs := append(append(append([]string(nil), flags...), "bash", "-c", script, "sh", mountOpts, out, bin, copyDir), args...)
	b, err := exec.Command("unshare", cmdArgs...).CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 99 {
		t.Fatalf("cannot mount a tmpfs with %s here:\n%s", mountOpts, b)
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
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 1 {
				t.Fatalf("exit %v on a %s directory:\n%s", err, c.name, out)
			}
			if !strings.Contains(out, "failed:") || !strings.Contains(out, c.cause) {
				t.Fatalf("summary does not name the cause %q:\n%s", c.cause, out)
			}
			got := outputs(t, kept)
			if c.someWritten && len(got) == 0 {
				t.Fatalf("no job was written on a directory with room for some:\n%s", out)
			}
			if n := summaryCounts(t, out); n[0] != len(got) || n[2] == 0 {
				t.Fatalf("summary does not match the %d files:\n%s", len(got), out)
			}
			for name, b := range got {
				if !bytes.Equal(b, want[name]) {
					t.Fatalf("%s under its output name differs from the reference (%d vs %d bytes)", name, len(b), len(want[name]))
				}
			}
			assertNoTemp(t, kept, c.name)
		})
	}
}
