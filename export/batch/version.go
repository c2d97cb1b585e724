package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
)

// Version is the hand-kept name of the library's release. LibraryVersion
// adds what the build knows of the code to it; alone, it is the library
// version of last resort.
const Version = "statbrief/0.1"

// modulePath is the module this package belongs to.
const modulePath = "github.com/statbrief/statbrief"

// LibraryVersion names the code that renders, for the manifest: outputs
// recorded with another library version are redone. It is built from the
// program's build information (runtime/debug.ReadBuildInfo):
//
//   - Version, then the version of the statbrief module as the program was
//     built with it: a release ("v1.2.0") or a pseudo-version naming a
//     commit, when the program depends on statbrief or was built from a
//     tagged or stamped checkout;
//   - when statbrief is the main module and the build was stamped from
//     version control (go build's -buildvcs), "vcs=<revision>", with
//     "+modified" when the working tree had uncommitted changes;
//   - when none of that identifies the code exactly — no version ("(devel)",
//     a replace directive to a directory), no revision, or a modified
//     working tree — "exe=<SHA-256 of the running executable>" (16 hex
//     digits), so that any rebuild with changed code redoes every output
//     (go builds are reproducible: rebuilding the same code gives the same
//     executable and keeps the outputs).
//
// Without build information or a readable executable it falls back to
// Version alone; a change of the renderers' code then does not redo the
// outputs: run with Force. The result is computed once per process.
func LibraryVersion() string { return libraryVersion() }

var libraryVersion = sync.OnceValue(func() string {
	bi, ok := debug.ReadBuildInfo()
	return buildVersion(bi, ok, executableDigest)
})

// buildVersion is LibraryVersion from the build information bi (ok: there
// is some) and a digest of the executable (exe returns "" when it cannot
// read it).
func buildVersion(bi *debug.BuildInfo, ok bool, exe func() string) string {
	parts := []string{Version}
	exact := false
	if ok && bi != nil {
		var mod *debug.Module
		if bi.Main.Path == modulePath {
			mod = &bi.Main
		} else {
			for _, d := range bi.Deps {
				if d.Path == modulePath {
					mod = d
					if d.Replace != nil {
						mod = d.Replace
					}
				}
			}
		}
		if mod != nil && mod.Version != "" && mod.Version != "(devel)" {
			parts = append(parts, mod.Version)
			// a dirty stamped build says so in its version (+dirty)
			exact = !strings.HasSuffix(mod.Version, "+dirty")
		}
		if mod == &bi.Main {
			var rev, modified string
			for _, s := range bi.Settings {
				switch s.Key {
				case "vcs.revision":
					rev = s.Value
				case "vcs.modified":
					modified = s.Value
				}
			}
			if rev != "" {
				v := "vcs=" + rev
				exact = modified != "true"
				if !exact {
					v += "+modified"
				}
				parts = append(parts, v)
			}
		}
	}
	if !exact {
		if d := exe(); d != "" {
			parts = append(parts, "exe="+d)
		}
	}
	return strings.Join(parts, " ")
}

// executableDigest is 16 hex digits of the SHA-256 of the running
// executable, or "" when it cannot be read.
func executableDigest() string {
	path, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}
