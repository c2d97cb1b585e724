// Package seeds embeds the default statbrief dataset: Dalian's economy in
// 2019–2020, taken from five public Chinese-language source documents. Every
// observation and target carries its source: the document's file name, the
// exact phrase the figure stands in, and that phrase's byte offset.
//
// The data live as human-readable JSON files under seeds/data/, in the
// format model.ReadJSON reads; they are merged in file-name order.
package seeds

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"

	"github.com/statbrief/statbrief/model"
)

//go:embed data/*.json
var files embed.FS

// Files returns the names of the embedded data files, sorted.
func Files() []string {
	ents, _ := fs.ReadDir(files, "data")
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// ReadFile returns the bytes of one embedded data file.
func ReadFile(name string) ([]byte, error) { return files.ReadFile("data/" + name) }

// Data decodes and merges the embedded files without validating them.
func Data() (model.Data, error) {
	var parts []model.Data
	var errs []error
	for _, name := range Files() {
		f, err := files.Open("data/" + name)
		if err != nil {
			return model.Data{}, fmt.Errorf("seeds: %w", err)
		}
		d, err := model.ReadJSON(f, name)
		f.Close()
		errs = append(errs, err)
		parts = append(parts, d)
	}
	return model.Merge(parts...), errors.Join(errs...)
}

// Load decodes, merges and validates the embedded dataset. Each call parses
// afresh and returns a new, immutable *model.Dataset that is safe to share.
func Load() (*model.Dataset, error) {
	d, err := Data()
	if err != nil {
		return nil, err
	}
	return model.NewDataset(d)
}
