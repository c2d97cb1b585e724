package batch

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

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
	tests := []struct {
		region string
		want   string
	}{
		{"dalian", "dalian-2020.pdf"},
		{"../../etc", "etc-2020.pdf"},
		{"/abs/path", "abs_path-2020.pdf"},
		{`a<b>c:d"e|f?g*h\i`, "a_b_c_d_e_f_g_h_i-2020.pdf"},
		{"CON", "_CON-2020.pdf"},
		{"..", "region-2020.pdf"},
		{"高新区", "高新区-2020.pdf"},
		{"a\x00b\nc", "a_b_c-2020.pdf"},
		{strings.Repeat("x", 500), strings.Repeat("x", 60) + "-2020.pdf"},
	}
	for _, tt := range tests {
		got := OutputName(tt.region, 2020, report.Chinese, "pdf")
		if got != tt.want {
			t.Errorf("OutputName(%q) = %q, want %q", tt.region, got, tt.want)
		}
		if strings.ContainsAny(got, `/\<>:"|?*`) || filepath.Base(got) != got {
			t.Errorf("OutputName(%q) = %q is not a safe base name", tt.region, got)
		}
	}
	if got := OutputName("dalian", 2020, report.English, "xlsx"); got != "dalian-2020-en.xlsx" {
		t.Errorf("english name %q", got)
	}
	used := map[string]bool{}
	a, b, c := uniqueName("x-2020.pdf", used), uniqueName("x-2020.pdf", used), uniqueName("X-2020.pdf", used)
	if a != "x-2020.pdf" || b != "x-2020-2.pdf" || c != "X-2020-3.pdf" {
		t.Errorf("collisions: %s %s %s", a, b, c)
	}
}

func TestTraversalStaysInside(t *testing.T) {
	// a traversal attempt among the jobs
	ds := testDataset(t, "a")
	dir := t.TempDir()
	r, _ := New(ds, dir, textRenderers(t))
	jobs := []Job{{Region: "../../etc", Year: 2020, Lang: report.Chinese, Formats: []string{"txt"}}, {Region: "a", Year: 2020, Lang: report.Chinese, Formats: []string{"txt"}}}
	sum, err := r.Run(context.Background(), jobs)
	if err != nil {
		t.Fatal(err)
	}
	// the unknown region fails (clear error), the good job succeeds, nothing escapes
	if len(sum.Failed) != 1 || !errors.Is(sum.Failed[0], report.ErrUnknownRegion) || sum.Written != 1 {
		t.Fatalf("summary %+v", sum)
	}
	if _, err := os.Stat(filepath.Join(dir, "..", "..", "etc-2020.txt")); err == nil {
		t.Fatal("file escaped the output directory")
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
