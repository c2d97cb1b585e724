package batch

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	exe := func() string { return "00112233aabbccdd" }
	noExe := func() string { return "" }
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		ok   bool
		exe  func() string
		want string
	}{
		{"no build info", nil, false, exe, Version + " exe=00112233aabbccdd"},
		{"nothing at all", nil, false, noExe, Version},
		{"devel, no vcs", &debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: "(devel)"}}, true, exe,
			Version + " exe=00112233aabbccdd"},
		{"clean checkout", &debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: "v0.0.0-20261201215429-1f29c95ed25a"},
			Settings: vcs("1f29c95ed25a1707ad2250d7291e60289d540857", "false")}, true, exe,
			Version + " v0.0.0-20261201215429-1f29c95ed25a vcs=1f29c95ed25a1707ad2250d7291e60289d540857"},
		{"modified checkout", &debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: "v0.0.0-20261201215429-1f29c95ed25a+dirty"},
			Settings: vcs("1f29c95ed25a1707ad2250d7291e60289d540857", "true")}, true, exe,
			Version + " v0.0.0-20261201215429-1f29c95ed25a+dirty vcs=1f29c95ed25a1707ad2250d7291e60289d540857+modified exe=00112233aabbccdd"},
		{"release dependency", &debug.BuildInfo{Main: debug.Module{Path: "example.com/office", Version: "(devel)"},
			Deps: []*debug.Module{{Path: "golang.org/x/text", Version: "v0.3.0"}, {Path: modulePath, Version: "v1.2.0"}}}, true, exe,
			Version + " v1.2.0"},
		{"dependency replaced by a directory", &debug.BuildInfo{Main: debug.Module{Path: "example.com/office"},
			Deps: []*debug.Module{{Path: modulePath, Version: "v1.2.0", Replace: &debug.Module{Path: "../statbrief"}}}}, true, exe,
			Version + " exe=00112233aabbccdd"},
	}
	for _, tt := range tests {
		if got := buildVersion(tt.bi, tt.ok, tt.exe); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	// this test binary: a digest of itself at least
	if v := LibraryVersion(); !strings.HasPrefix(v, Version) || v == Version || LibraryVersion() != v {
		t.Errorf("LibraryVersion() = %q", v)
	}
}

// The manifest records LibraryVersion, and an entry of another version is
// redone.
func TestOtherVersionRedone(t *testing.T) {
	ds := testDataset(t, "a")
	dir := t.TempDir()
	r, err := New(ds, dir, textRenderers(t))
	if err != nil {
		t.Fatal(err)
	}
	jobs := jobsFor([]string{"a"}, "zh")
	if _, err := r.Run(t.Context(), jobs); err != nil {
		t.Fatal(err)
	}
	m, err := loadManifest(dir, ManifestName)
	if err != nil || len(m.entries) != 2 {
		t.Fatalf("manifest: %v %v", m, err)
	}
	for p, e := range m.entries {
		if e.Version != LibraryVersion() {
			t.Fatalf("entry %s: version %q, want %q", p, e.Version, LibraryVersion())
		}
		e.Version = Version // as an older build wrote it
		m.entries[p] = e
	}
	if err := m.writeLocked(); err != nil {
		t.Fatal(err)
	}
	if sum, err := r.Run(t.Context(), jobs); err != nil || sum.Written != 1 || sum.FilesWritten != 2 {
		t.Fatalf("re-run after another version: %+v %v", sum, err)
	}
}
