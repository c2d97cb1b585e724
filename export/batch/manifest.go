package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// ManifestName is the manifest's file name in the output directory. A
// sharded run keeps its own manifest, ".statbrief-manifest-<i>of<n>.json",
// so shards sharing one directory never overwrite each other's records.
const ManifestName = ".statbrief-manifest.json"

func manifestName(shard, shards int) string {
	if shards <= 1 {
		return ManifestName
	}
	return fmt.Sprintf(".statbrief-manifest-%dof%d.json", shard, shards)
}

// Entry records one output file. A re-run skips the output only when the
// file is still there with the recorded size and SHA-256, and the entry's
// job, format, input hash and version are those the re-run would write:
// the input hash covers the document (every figure, text and citation of
// the briefing, report.Hash), the format and the renderers' tag
// (RendererTag), and Version is LibraryVersion. Anything else — a revised
// figure, other renderer options, another build of the library — redoes
// the output.
type Entry struct {
	Job       string `json:"job"`        // the job's key (Job.Key)
	Format    string `json:"format"`     // the format's key, e.g. "xlsx"
	Path      string `json:"path"`       // relative to the output directory
	SHA256    string `json:"sha256"`     // hex SHA-256 of the file as written
	Size      int64  `json:"size"`       // file size in bytes
	InputHash string `json:"input_hash"` // hash of what the output depends on: the document (report.Hash), the renderer's options
	Version   string `json:"version"`    // library version that wrote the file (LibraryVersion)
}

type manifest struct {
	dir     string
	name    string
	mu      sync.Mutex
	entries map[string]Entry // by Path
	dirty   bool
	flushed time.Time
}

func loadManifest(dir, name string) (*manifest, error) {
	m := &manifest{dir: dir, name: name, entries: map[string]Entry{}}
	raw, err := os.ReadFile(filepath.Join(dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("batch: read manifest: %w", err)
	}
	var list []Entry
	if err := json.Unmarshal(raw, &list); err != nil {
		// a damaged manifest only costs a full re-run
		return m, nil
	}
	for _, e := range list {
		m.entries[e.Path] = e
	}
	return m, nil
}

// upToDate reports whether path exists with the size and hash the manifest
// recorded for the same job, format, inputs and library version.
func (m *manifest) upToDate(path, job, format, inputHash, version string) bool {
	rel, err := filepath.Rel(m.dir, path)
	if err != nil {
		return false
	}
	m.mu.Lock()
	e, ok := m.entries[rel]
	m.mu.Unlock()
	if !ok || e.Job != job || e.Format != format || e.InputHash != inputHash || e.Version != version {
		return false
	}
	got, err := fileEntry(path)
	return err == nil && got.Size == e.Size && got.SHA256 == e.SHA256
}

func fileEntry(path string) (Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return Entry{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return Entry{}, err
	}
	return Entry{Path: path, SHA256: hex.EncodeToString(h.Sum(nil)), Size: n}, nil
}

// flushEvery bounds how often the manifest is rewritten during a run; it
// is always written at the end. Entries lost to a kill only cost a redo.
const flushEvery = 250 * time.Millisecond

// put records e, rewriting the manifest if it was not written recently.
func (m *manifest) put(e Entry) error {
	rel, err := filepath.Rel(m.dir, e.Path)
	if err != nil {
		return err
	}
	e.Path = rel
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries[rel] = e
	m.dirty = true
	if time.Since(m.flushed) < flushEvery {
		return nil
	}
	return m.writeLocked()
}

// flush writes the manifest if it changed.
func (m *manifest) flush() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.dirty {
		return nil
	}
	return m.writeLocked()
}

// writeLocked rewrites the manifest atomically (temp file, fsync, rename).
func (m *manifest) writeLocked() error {
	m.flushed = time.Now()
	m.dirty = false
	list := make([]Entry, 0, len(m.entries))
	for _, x := range m.entries {
		list = append(list, x)
	}
	sort.Slice(list, func(a, b int) bool { return list[a].Path < list[b].Path })
	raw, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(m.dir, m.name+".tmp-*")
	if err != nil {
		return fmt.Errorf("batch: manifest: %w", err)
	}
	if _, err := tmp.Write(append(raw, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("batch: manifest: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("batch: manifest: %w", err)
	}
	tmp.Close()
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("batch: manifest: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(m.dir, m.name)); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("batch: manifest: %w", err)
	}
	return nil
}
