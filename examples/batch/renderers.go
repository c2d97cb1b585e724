package main

import (
	"fmt"
	"sort"

	"github.com/statbrief/statbrief/export"
	"github.com/statbrief/statbrief/export/text"
)

// makers builds the renderer of each format once; the batch shares it
// between all workers.
var makers = map[string]func() (export.Renderer, error){
	"txt": func() (export.Renderer, error) { return text.New() },
}

func formatNames() []string {
	var n []string
	for k := range makers {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}

func makeRenderers(formats []string) (map[string]export.Renderer, error) {
	out := map[string]export.Renderer{}
	for _, f := range formats {
		mk, ok := makers[f]
		if !ok {
			return nil, fmt.Errorf("unknown format %q (known: %v)", f, formatNames())
		}
		r, err := mk()
		if err != nil {
			return nil, err
		}
		out[f] = r
	}
	return out, nil
}
