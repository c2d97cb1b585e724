// Package synth makes synthetic datasets shaped like a real one, for load
// tests and benchmarks: n synthetic cities beside a template city, each with
// a copy of the template's observations and targets, levels scaled by a
// deterministic factor. Every synthetic figure is marked as such in its
// source; none is a published figure.
package synth

import (
	"context"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/model"
)

// DocPrefix starts the source document name of every synthetic figure:
// "synthetic:" followed by the template figure's document, so that figures
// the template has from two documents stay two figures.
const DocPrefix = "synthetic:"

// Phrase is the source phrase of every synthetic figure.
const Phrase = "synthetic (illustrative figures, not published)"

// RegionCode is the code of synthetic city i (1-based).
func RegionCode(i int) string { return fmt.Sprintf("synthetic_%04d", i) }

// checkEvery is how many cities Dataset makes between looks at its context.
const checkEvery = 16

// Dataset returns base plus n synthetic cities copied from template (a
// region code of base). The result is validated. Making the cities stops
// when ctx is cancelled, with its error; the validation of the result
// (model.NewDataset) cannot be interrupted and takes about as long as
// making them.
func Dataset(ctx context.Context, base *model.Dataset, template string, n int) (*model.Dataset, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	tr, ok := base.Region(template)
	if !ok {
		return nil, fmt.Errorf("synth: template region %q: %w", template, model.ErrUnknownRegion)
	}
	d := base.Data()
	obs, targets := base.ObservationsOf(template), base.TargetsOf(template)
	// one synthetic document per template document, declared when the base
	// dataset declares its documents
	docs := map[string]bool{}
	for _, o := range obs {
		docs[o.Source.Doc] = true
	}
	for _, t := range targets {
		docs[t.Source.Doc] = true
	}
	for _, doc := range base.Documents() {
		if docs[doc.File] {
			d.Documents = append(d.Documents, model.Document{File: DocPrefix + doc.File,
				Title: "合成数据（示意，非公开发布）：" + doc.Title, English: "Synthetic, illustrative figures (not published): " + doc.English})
		}
	}
	if n <= 0 {
		return model.NewDataset(d)
	}
	// The slices are sized once: at a few hundred cities they hold tens of
	// thousands of records, and growing them copies each many times.
	d.Regions = slices.Grow(d.Regions, n)
	d.Observations = slices.Grow(d.Observations, n*len(obs))
	d.Targets = slices.Grow(d.Targets, n*len(targets))
	// the source of every copy of a template record: one string per
	// template document, shared by all cities
	srcs := map[string]model.Source{}
	source := func(doc string) model.Source {
		s, ok := srcs[doc]
		if !ok {
			s = model.Source{Doc: DocPrefix + doc, Phrase: Phrase}
			srcs[doc] = s
		}
		return s
	}
	// the factors of scaling: (100 + i mod 61) / 100 takes 61 values
	var factors [61]decimal.Decimal
	for k := range factors {
		factors[k] = decimal.New(int64(100+k), -2)
	}
	for i := 1; i <= n; i++ {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		code := RegionCode(i)
		num := code[len("synthetic_"):] // the number as RegionCode writes it
		d.Regions = append(d.Regions, model.Region{Code: code, Name: "合成市" + num,
			English: "Synthetic City " + num, Level: tr.Level, Parent: tr.Parent})
		// levels scaled by (100 + i mod 61) / 100: exact, and different per city
		factor := factors[i%61]
		prefix := code + "."
		for _, o := range obs {
			o.ID = prefix + o.ID
			o.Region = code
			if o.Kind == model.Level {
				o.Value.Num = o.Value.Num.Mul(factor)
				o.Value.Places += 2
			}
			o.Source = source(o.Source.Doc)
			d.Observations = append(d.Observations, o)
		}
		for _, t := range targets {
			t.ID = prefix + t.ID
			t.Region = code
			t.Source = source(t.Source.Doc)
			d.Targets = append(d.Targets, t)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return model.NewDataset(d)
}
