package main

import (
	"strings"

	"github.com/statbrief/statbrief/export"
	"github.com/statbrief/statbrief/internal/formats"
)

func formatNames() []string { return formats.Names() }

func makeRenderers(names []string) (map[string]export.Renderer, error) { return formats.New(names) }

// rendererTag names the renderers' options for the manifest: outputs made
// with other options are redone.
func rendererTag() string { return "pdf-omits=" + strings.Join(formats.PDFOmits, ",") }
