package pdf

import (
	"errors"
	"fmt"

	"github.com/statbrief/statbrief/export/pdf/font"
)

// New returns a renderer that sets text in fonts, a parsed font set shared
// by every document the renderer makes (and by other renderers: a Set is
// immutable). Parse the set once, for example with embedded.Load.
func New(fonts *font.Set, opts ...Option) (*Renderer, error) {
	if fonts == nil {
		return nil, errors.New("pdf: nil font set")
	}
	sh, err := shaperOf(fonts)
	if err != nil {
		return nil, err
	}
	return newRenderer(sh, opts)
}

// shaperOf is layout's view of a font set: its faces, numbered, and the
// regular and bold fallback chains as indices into them.
func shaperOf(set *font.Set) (*shaper, error) {
	sh := &shaper{}
	index := map[*font.Face]int{}
	for bi, bold := range []bool{false, true} {
		for _, f := range set.Faces(bold) {
			i, ok := index[f]
			if !ok {
				i = len(sh.faces)
				index[f] = i
				upem := float64(f.UnitsPerEm())
				if upem <= 0 {
					return nil, fmt.Errorf("pdf: font %q: units per em %v", f.Name(), upem)
				}
				name := f.Name()
				if name == "" {
					name = fmt.Sprintf("face%d", i)
				}
				bb := f.BBox()
				em := func(v int) float64 { return float64(v) * 1000 / upem }
				sh.faces = append(sh.faces, &faceInfo{
					name:    name,
					has:     func(r rune) bool { return r <= 0xFFFF && f.Has(r) },
					advance: func(r rune) float64 { return float64(f.Advance(r)) / upem },
					subset:  f.SubsetCID,
					ascent:  em(f.Ascent()), descent: em(f.Descent()), capHeight: em(f.CapHeight()),
					bbox: [4]float64{em(bb[0]), em(bb[1]), em(bb[2]), em(bb[3])},
				})
			}
			sh.chain[bi] = append(sh.chain[bi], i)
		}
	}
	sh.synthBold = set.SyntheticBold()
	for bi := range sh.chain {
		ok := false
		for _, i := range sh.chain[bi] {
			ok = ok || sh.faces[i].has(Replacement)
		}
		if !ok {
			return nil, fmt.Errorf("pdf: font set %q has no %q to substitute for missing characters", set.Name(), Replacement)
		}
	}
	return sh, nil
}
