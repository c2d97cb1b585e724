package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/statbrief/statbrief/export"
	"github.com/statbrief/statbrief/export/text"
	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/report"
)

func testDataset(t testing.TB, cities ...string) *model.Dataset {
	t.Helper()
	d := model.Data{
		Indicators: []model.Indicator{{Code: "jobs", Name: "城镇新增就业", English: "New urban jobs", Category: "employment", Unit: "人", Polarity: model.HigherBetter}},
		Regions:    []model.Region{{Code: "china", Name: "全国", English: "China", Level: model.Nation}},
	}
	for i, c := range cities {
		d.Regions = append(d.Regions, model.Region{Code: c, Name: c + "市", English: c, Level: model.City, Parent: "china"})
		d.Observations = append(d.Observations,
			model.Observation{ID: c + ".j20", Indicator: "jobs", Region: c, Period: model.YearOf(2020), Kind: model.Level,
				Value: model.MustParse("11.11万人"), Source: model.Source{Doc: "a.txt", Phrase: "11.11万人"}},
			model.Observation{ID: c + ".j19", Indicator: "jobs", Region: c, Period: model.YearOf(2019), Kind: model.Level,
				Value: model.MustParse(strings.Repeat("1", 1+i%3) + "万人"), Source: model.Source{Doc: "a.txt", Phrase: "x"}})
	}
	ds, err := model.NewDataset(d)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func textRenderers(t testing.TB) map[string]export.Renderer {
	r, err := text.New()
	if err != nil {
		t.Fatal(err)
	}
	return map[string]export.Renderer{"txt": r, "md": r}
}

func jobsFor(regions []string, langs ...report.Lang) []Job {
	var jobs []Job
	for _, r := range regions {
		for _, l := range langs {
			jobs = append(jobs, Job{Region: r, Year: 2020, Lang: l, Formats: []string{"txt", "md"}})
		}
	}
	return jobs
}

func readAll(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".statbrief-manifest") || e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func TestRunWritesAndResumes(t *testing.T) {
	cities := []string{"a", "b", "c", "d", "e"}
	ds := testDataset(t, cities...)
	dir := t.TempDir()
	var calls atomic.Int32
	r, err := New(ds, dir, textRenderers(t), Workers(3), OnProgress(func(p Progress) {
		calls.Add(1)
		if p.Done > p.Total || p.Rate < 0 {
			t.Errorf("bad progress %+v", p)
		}
		// no rate from the first few jobs, a rate at the end
		if (p.Elapsed < RateAfter && p.Done < p.Total && (p.Rate != 0 || p.ETA != 0)) || (p.Done == p.Total && p.Rate <= 0) {
			t.Errorf("rate of progress %+v", p)
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	jobs := jobsFor(cities, report.Chinese, report.English)
	sum, err := r.Run(context.Background(), jobs)
	if err != nil || len(sum.Failed) > 0 {
		t.Fatalf("run: %v %v", err, sum.Failed)
	}
	if sum.Written != 10 || len(sum.Files) != 20 || int(calls.Load()) != 10 {
		t.Fatalf("summary %+v, progress calls %d", sum, calls.Load())
	}
	first := readAll(t, dir)
	if _, ok := first["a-2020.txt"]; !ok {
		t.Fatalf("files: %v", keys(first))
	}
	if _, ok := first["a-2020-en.md"]; !ok {
		t.Fatalf("files: %v", keys(first))
	}
	// a re-run skips everything
	sum, err = r.Run(context.Background(), jobs)
	if err != nil || sum.Skipped != 10 || sum.Written != 0 {
		t.Fatalf("re-run: %+v %v", sum, err)
	}
	// a damaged output is redone, byte-identical
	if err := os.WriteFile(filepath.Join(dir, "b-2020.txt"), []byte("truncat"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err = r.Run(context.Background(), jobs)
	if err != nil || sum.Written != 1 || sum.Skipped != 9 {
		t.Fatalf("repair run: %+v %v", sum, err)
	}
	if got := readAll(t, dir); !equalFiles(got, first) {
		t.Fatal("repaired set differs from the first run")
	}
	// Force redoes all
	rf, _ := New(ds, dir, textRenderers(t), Force(true))
	if sum, _ = rf.Run(context.Background(), jobs); sum.Written != 10 {
		t.Fatalf("force: %+v", sum)
	}
	// another city in the dataset changes no briefing of these: nothing
	// is redone
	r2, _ := New(testDataset(t, append(cities, "f")...), dir, textRenderers(t))
	if sum, _ = r2.Run(context.Background(), jobs); sum.Written != 0 || sum.Skipped != 10 {
		t.Fatalf("a new city redid other briefings: %+v", sum)
	}
	// a revised figure of city a redoes a's briefings, and only those
	d := ds.Data()
	for i := range d.Observations {
		if d.Observations[i].ID == "a.j20" {
			d.Observations[i].Value = model.MustParse("11.2万人")
		}
	}
	revised, err := model.NewDataset(d)
	if err != nil {
		t.Fatal(err)
	}
	r3, _ := New(revised, dir, textRenderers(t))
	sum, _ = r3.Run(context.Background(), jobs)
	if sum.Written != 2 || sum.Skipped != 8 {
		t.Fatalf("revised figure of a: %+v", sum)
	}
	// so does a change of the renderers' tag, for every briefing
	r4, _ := New(revised, dir, textRenderers(t), RendererTag("wide tables"))
	if sum, _ = r4.Run(context.Background(), jobs); sum.Written != 10 {
		t.Fatalf("new renderer tag: %+v", sum)
	}
}

func keys(m map[string][]byte) []string {
	var k []string
	for x := range m {
		k = append(k, x)
	}
	sort.Strings(k)
	return k
}

func equalFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

func TestShardsCoverTheSet(t *testing.T) {
	var cities []string
	for i := 0; i < 23; i++ {
		cities = append(cities, "c"+strings.Repeat("x", i%4)+string(rune('a'+i)))
	}
	ds := testDataset(t, cities...)
	jobs := jobsFor(cities, report.Chinese, report.English)
	whole := t.TempDir()
	r, _ := New(ds, whole, textRenderers(t))
	if _, err := r.Run(context.Background(), jobs); err != nil {
		t.Fatal(err)
	}
	want := readAll(t, whole)
	for _, n := range []int{1, 3, 4} {
		union := map[string][]byte{}
		total := 0
		for i := 1; i <= n; i++ {
			dir := t.TempDir()
			r, _ := New(ds, dir, textRenderers(t), Shard(i, n))
			sum, err := r.Run(context.Background(), jobs)
			if err != nil {
				t.Fatal(err)
			}
			total += sum.Total
			for k, v := range readAll(t, dir) {
				if _, dup := union[k]; dup {
					t.Fatalf("n=%d: %s in two shards", n, k)
				}
				union[k] = v
			}
		}
		if total != len(jobs) || !equalFiles(union, want) {
			t.Fatalf("n=%d: shards made %d jobs / %d files, want %d / %d", n, total, len(union), len(jobs), len(want))
		}
	}
	if _, err := New(ds, whole, textRenderers(t), Shard(0, 2)); err == nil {
		t.Fatal("shard 0/2 accepted")
	}
}

func TestOutputNames(t *testing.T) {
	h := func(s string) string { sum := sha256.Sum256([]byte(s)); return hex.EncodeToString(sum[:4]) }
	tests := []struct {
		region string
		want   string
	}{
		{"dalian", "dalian-2020.pdf"},
		{"synthetic_0001", "synthetic_0001-2020.pdf"},
		{"高新区", "高新区-2020.pdf"},
		// any code that is changed to be safe gets a suffix of its own
		{"_a", "a-" + h("_a") + "-2020.pdf"},
		{"a_", "a-" + h("a_") + "-2020.pdf"},
		{"Dalian", "Dalian-" + h("Dalian") + "-2020.pdf"},
		{"../../etc", "etc-" + h("../../etc") + "-2020.pdf"},
		{"/abs/path", "abs_path-" + h("/abs/path") + "-2020.pdf"},
		{`a<b>c:d"e|f?g*h\i`, "a_b_c_d_e_f_g_h_i-" + h(`a<b>c:d"e|f?g*h\i`) + "-2020.pdf"},
		{"CON", "CON-" + h("CON") + "-2020.pdf"},
		{"con", "con-2020.pdf"}, // "con-2020.pdf" is no device name on Windows
		{"..", "region-" + h("..") + "-2020.pdf"},
		{"", "region-" + h("") + "-2020.pdf"},
		{"a\x00b\nc", "a_b_c-" + h("a\x00b\nc") + "-2020.pdf"},
		{strings.Repeat("x", 500), strings.Repeat("x", 60) + "-" + h(strings.Repeat("x", 500)) + "-2020.pdf"},
		{strings.Repeat("高", 30), strings.Repeat("高", 20) + "-" + h(strings.Repeat("高", 30)) + "-2020.pdf"},
	}
	for _, tt := range tests {
		got := OutputName(tt.region, 2020, report.Chinese, "pdf")
		if got != tt.want {
			t.Errorf("OutputName(%q) = %q, want %q", tt.region, got, tt.want)
		}
		if strings.ContainsAny(got, `/\<>:"|?*`) || filepath.Base(got) != got || len(got) > MaxNameBytes || !utf8.ValidString(got) {
			t.Errorf("OutputName(%q) = %q is not a safe base name", tt.region, got)
		}
	}
	for _, tt := range []struct {
		lang report.Lang
		want string
	}{{"", "dalian-2020.xlsx"}, {report.Chinese, "dalian-2020.xlsx"}, {report.English, "dalian-2020-en.xlsx"}, {"../x", "dalian-2020-x-" + h("../x") + ".xlsx"}} {
		if got := OutputName("dalian", 2020, tt.lang, "xlsx"); got != tt.want {
			t.Errorf("language %q: name %q, want %q", tt.lang, got, tt.want)
		}
	}
	for _, f := range []string{"", "PDF", "p.df", "../x", "x/y", strings.Repeat("x", 17)} {
		if _, err := New(testDataset(t, "a"), t.TempDir(), map[string]export.Renderer{f: failingRenderer{}}); err == nil {
			t.Errorf("format name %q accepted", f)
		}
	}
}

// An output's name depends only on its own job: adding a region whose code
// sanitises to another's ("_a" beside "a") leaves every file of the
// earlier run in place with its content, and writes the new region's
// files under names of their own.
func TestNamesStableWhenRegionsAdded(t *testing.T) {
	dir := t.TempDir()
	first := []string{"a", "b"}
	r1, err := New(testDataset(t, first...), dir, textRenderers(t))
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := r1.Run(context.Background(), jobsFor(first, report.Chinese, report.English)); err != nil || sum.Written != 4 {
		t.Fatalf("first run: %+v %v", sum, err)
	}
	before := readAll(t, dir)
	second := []string{"a", "b", "_a", "a_"} // a and b keep their figures
	r2, err := New(testDataset(t, second...), dir, textRenderers(t))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := r2.Run(context.Background(), jobsFor(second, report.Chinese, report.English))
	if err != nil || len(sum.Failed) != 0 || sum.Written != 4 || sum.Skipped != 4 {
		t.Fatalf("second run: %+v %v", sum, err)
	}
	after := readAll(t, dir)
	if len(after) != 2*len(before) {
		t.Fatalf("files after the second run: %v", keys(after))
	}
	for name, b := range before {
		if !bytes.Equal(after[name], b) {
			t.Errorf("%s changed when regions were added:\n%s\n---\n%s", name, b, after[name])
		}
	}
	// and each file is the briefing of its own region
	for _, j := range jobsFor(second, report.Chinese, report.English) {
		name := OutputName(j.Region, j.Year, j.Lang, "txt")
		if !bytes.Contains(after[name], []byte(j.Region+"市")) && !bytes.Contains(after[name], []byte(j.Region)) {
			t.Errorf("%s does not hold the briefing of %s", name, j.Region)
		}
	}
}

// A name that two jobs would share fails both jobs with a typed error; no
// job is renamed and the others are written.
func TestNameCollisions(t *testing.T) {
	ds := testDataset(t, "a", "b")
	dir := t.TempDir()
	r, err := New(ds, dir, textRenderers(t))
	if err != nil {
		t.Fatal(err)
	}
	r.build = anyRegion(ds)
	jobs := []Job{
		// "a-2020-x-2020.txt" both: a region and a language that meet
		{Region: "a", Year: 2020, Lang: "x-2020", Formats: []string{"txt"}},
		{Region: "a-2020-x", Year: 2020, Lang: report.Chinese, Formats: []string{"txt"}},
		// one job twice (the empty language is Chinese)
		{Region: "b", Year: 2020, Lang: "", Formats: []string{"txt"}},
		{Region: "b", Year: 2020, Lang: report.Chinese, Formats: []string{"txt", "md"}},
		{Region: "a", Year: 2020, Lang: report.Chinese, Formats: []string{"txt"}},
	}
	sum, err := r.Run(context.Background(), jobs)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Written != 1 || len(sum.Failed) != 4 || sum.Total != 5 {
		t.Fatalf("summary %+v", sum)
	}
	for _, f := range sum.Failed {
		var ce *NameCollisionError
		if !errors.As(f, &ce) || ce.Job != f.Job.Key() {
			t.Errorf("failure %v is not a collision of its job", f)
		}
	}
	if files := readAll(t, dir); len(files) != 1 || files["a-2020.txt"] == nil {
		t.Fatalf("files: %v", keys(files))
	}
}

// anyRegion builds the document of region "a" of ds for every spec,
// titled and labelled with the spec's region, so that jobs of regions the
// dataset does not have reach the writing of files.
func anyRegion(ds *model.Dataset) func(context.Context, *model.Dataset, report.Spec) (*report.Document, error) {
	return func(ctx context.Context, _ *model.Dataset, spec report.Spec) (*report.Document, error) {
		region := spec.Region
		spec.Region = "a"
		if spec.Lang != report.English {
			spec.Lang = report.Chinese
		}
		doc, err := report.Build(ctx, ds, spec)
		if err != nil {
			return nil, err
		}
		d := *doc
		d.Title, d.Meta.Region = region, region
		return &d, nil
	}
}

// Regions whose codes would make traversing or illegal names if they were
// not sanitised are written, each inside the output directory.
func TestTraversalStaysInside(t *testing.T) {
	ds := testDataset(t, "a")
	root := t.TempDir()
	dir := filepath.Join(root, "x", "out")
	r, err := New(ds, dir, textRenderers(t))
	if err != nil {
		t.Fatal(err)
	}
	r.build = anyRegion(ds)
	var jobs []Job
	regions := []string{"../../etc", "..", "../x/../../y", "/abs/path", `..\..\windows`, "a/../../../b", ".", "CON", "nul", "x:y", "\x00", ""}
	for _, reg := range regions {
		jobs = append(jobs, Job{Region: reg, Year: 2020, Lang: report.Chinese, Formats: []string{"txt"}})
	}
	sum, err := r.Run(context.Background(), jobs)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Written != len(regions) || len(sum.Failed) != 0 {
		t.Fatalf("summary %+v", sum)
	}
	// every file is directly in dir, and dir is all there is under root
	var outside []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && filepath.Dir(p) != dir {
			outside = append(outside, p)
		}
		return nil
	})
	if err != nil || len(outside) > 0 {
		t.Fatalf("files outside the output directory: %v %v", outside, err)
	}
	files := readAll(t, dir)
	if len(files) != len(regions) {
		t.Fatalf("files: %v", keys(files))
	}
	for _, f := range sum.Files {
		if filepath.Dir(f) != dir {
			t.Errorf("output %s outside %s", f, dir)
		}
	}
}

type failingRenderer struct{ err error }

func (f failingRenderer) Render(ctx context.Context, w io.Writer, doc *report.Document) error {
	if doc.Meta.Region == "c" {
		return f.err
	}
	_, err := io.WriteString(w, doc.Title)
	return err
}

func TestOneFailureDoesNotStopOthers(t *testing.T) {
	cities := []string{"a", "b", "c", "d"}
	ds := testDataset(t, cities...)
	dir := t.TempDir()
	// "disk full" for one job's output
	r, _ := New(ds, dir, map[string]export.Renderer{"txt": failingRenderer{syscall.ENOSPC}}, Workers(2))
	jobs := []Job{}
	for _, c := range cities {
		jobs = append(jobs, Job{Region: c, Year: 2020, Lang: report.Chinese, Formats: []string{"txt"}})
	}
	sum, err := r.Run(context.Background(), jobs)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Failed) != 1 || !errors.Is(sum.Failed[0], syscall.ENOSPC) || sum.Written != 3 {
		t.Fatalf("summary %+v", sum)
	}
	if _, err := os.Stat(filepath.Join(dir, "c-2020.txt")); err == nil {
		t.Fatal("failed job left a file")
	}
	assertNoTemp(t, dir)
	// an output path that cannot be written (a directory stands there)
	dir2 := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir2, "b-2020.txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	r2, _ := New(ds, dir2, textRenderers(t))
	sum, err = r2.Run(context.Background(), jobsFor(cities, report.Chinese)[:4])
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Failed) != 1 || sum.Failed[0].Job.Region != "b" {
		t.Fatalf("summary %+v", sum)
	}
	assertNoTemp(t, dir2)
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Fatalf("temporary file left: %s", e.Name())
		}
	}
}

type slowRenderer struct{}

func (slowRenderer) Render(ctx context.Context, w io.Writer, doc *report.Document) error {
	<-ctx.Done()
	return ctx.Err()
}

func TestCancelMidRun(t *testing.T) {
	cities := []string{"a", "b", "c", "d", "e", "f"}
	ds := testDataset(t, cities...)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	r, _ := New(ds, dir, map[string]export.Renderer{"txt": slowRenderer{}}, Workers(2), OnProgress(func(Progress) { cancel() }))
	jobs := []Job{}
	for _, c := range cities {
		jobs = append(jobs, Job{Region: c, Year: 2020, Lang: report.Chinese, Formats: []string{"txt"}})
	}
	go func() { cancel() }()
	_, err := r.Run(ctx, jobs)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if files := readAll(t, dir); len(files) != 0 {
		t.Fatalf("files after cancel: %v", keys(files))
	}
	assertNoTemp(t, dir)
}

// A dataset with one broken region — here a city without a single figure
// for the year, so its briefing cannot be built — fails that job with the
// reason and writes the others.
func TestBrokenRegion(t *testing.T) {
	ds := testDataset(t, "a", "b", "c")
	d := ds.Data()
	d.Regions = append(d.Regions, model.Region{Code: "empty", Name: "空市", English: "Empty", Level: model.City, Parent: "china"})
	ds, err := model.NewDataset(d)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	r, err := New(ds, dir, textRenderers(t))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := r.Run(context.Background(), jobsFor([]string{"a", "empty", "b", "c"}, report.Chinese))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Written != 3 || len(sum.Failed) != 1 || sum.Failed[0].Job.Region != "empty" || !errors.Is(sum.Failed[0], report.ErrNoData) {
		t.Fatalf("summary: written %d, failed %v", sum.Written, sum.Failed)
	}
	if files := readAll(t, dir); len(files) != 6 {
		t.Fatalf("files: %v", keys(files))
	}
	for _, f := range []string{"empty-2020.txt", "empty-2020.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s written for a broken region", f)
		}
	}
}

// A run removes the temporary files a killed run left: those of its outputs
// and those of its own manifest, and no other shard's.
func TestStaleTemporaryFilesRemoved(t *testing.T) {
	ds := testDataset(t, "a", "b")
	dir := t.TempDir()
	stale := []string{".a-2020.txt.tmp-123", ManifestName + ".tmp-456"}
	other := ".statbrief-manifest-2of2.json.tmp-789" // another shard's, maybe still running
	for _, f := range append(stale, other) {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := New(ds, dir, textRenderers(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Run(context.Background(), jobsFor([]string{"a", "b"}, report.Chinese)); err != nil {
		t.Fatal(err)
	}
	for _, f := range stale {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("stale %s left", f)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, other)); err != nil {
		t.Errorf("another shard's temporary manifest removed: %v", err)
	}
}

// Cancelling stops the hand-out of jobs and no job starts afterwards: the
// job a worker has just received when the context is cancelled is not
// built, and no other job is received. The hook cancels on receiving job
// k, so both checks are exercised every time (a worker's check of the
// context, and the feeder's).
func TestNoJobStartsAfterCancel(t *testing.T) {
	var cities []string
	for i := 0; i < 20; i++ {
		cities = append(cities, fmt.Sprintf("c%02d", i))
	}
	ds := testDataset(t, cities...)
	for _, k := range []int{0, 1, 5, 18} {
		t.Run(fmt.Sprint(k), func(t *testing.T) {
			dir := t.TempDir()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var mu sync.Mutex
			var taken, builtAfter, takenAfter []string
			r, err := New(ds, dir, textRenderers(t), Workers(1))
			if err != nil {
				t.Fatal(err)
			}
			r.onTake = func(j Job) {
				mu.Lock()
				defer mu.Unlock()
				if ctx.Err() != nil {
					takenAfter = append(takenAfter, j.Key())
				}
				taken = append(taken, j.Key())
				if len(taken) == k+1 {
					cancel()
				}
			}
			r.build = func(c context.Context, ds *model.Dataset, spec report.Spec) (*report.Document, error) {
				if ctx.Err() != nil {
					mu.Lock()
					builtAfter = append(builtAfter, spec.Region)
					mu.Unlock()
				}
				return report.Build(c, ds, spec)
			}
			sum, err := r.Run(ctx, jobsFor(cities, report.Chinese))
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v", err)
			}
			if len(builtAfter) > 0 {
				t.Errorf("jobs started after the cancel: %v", builtAfter)
			}
			// the feeder may have been between its look at the context
			// and its hand-out when the cancel came: at most one more
			if len(takenAfter) > 1 {
				t.Errorf("jobs handed out after the cancel: %v", takenAfter)
			}
			if sum.Written != k || sum.Cancelled != len(cities)-k || len(sum.Failed) != 0 ||
				sum.Written+sum.Skipped+len(sum.Failed)+sum.Cancelled != sum.Total {
				t.Errorf("summary: %d written, %d skipped, %d failed, %d cancelled of %d", sum.Written, sum.Skipped, len(sum.Failed), sum.Cancelled, sum.Total)
			}
			if files := readAll(t, dir); len(files) != 2*k {
				t.Errorf("%d files after %d jobs: %v", len(files), k, keys(files))
			}
		})
	}
}

// A job is counted once however many of its formats fail, and a format
// named twice is made once, under its own name.
func TestCountsAndDuplicateFormats(t *testing.T) {
	ds := testDataset(t, "a", "b", "c")
	dir := t.TempDir()
	fail := failingRenderer{syscall.ENOSPC}
	r, err := New(ds, dir, map[string]export.Renderer{"txt": fail, "md": fail, "pdf": fail})
	if err != nil {
		t.Fatal(err)
	}
	var jobs []Job
	for _, c := range []string{"a", "b", "c"} {
		jobs = append(jobs, Job{Region: c, Year: 2020, Lang: report.Chinese, Formats: []string{"txt", "md", "txt", "pdf", "pdf"}})
	}
	sum, err := r.Run(context.Background(), jobs)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Total != 3 || sum.Written != 2 || len(sum.Failed) != 1 || len(sum.Files) != 6 || sum.FilesWritten != 6 {
		t.Fatalf("summary %+v", sum)
	}
	f := sum.Failed[0]
	if f.Job.Region != "c" || !slices.Equal(f.Formats, []string{"md", "pdf", "txt"}) || !errors.Is(f, syscall.ENOSPC) {
		t.Fatalf("failure %+v", f)
	}
	if msg := f.Error(); strings.Count(msg, "no space left on device") != 3 || strings.Contains(msg, "\n") {
		t.Errorf("message %q", msg)
	}
	files := readAll(t, dir)
	if len(files) != 6 || files["a-2020.txt"] == nil || files["a-2020.pdf"] == nil {
		t.Fatalf("files: %v", keys(files))
	}
	for name := range files {
		if strings.Contains(name, "-2.") {
			t.Errorf("a duplicate format made %s", name)
		}
	}
}
