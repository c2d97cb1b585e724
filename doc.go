// Package statbrief turns a region's annual statistics into briefings: it
// models published figures with exact decimals, derives the comparisons
// analysts write by hand — year-on-year growth, gaps in percentage points to
// the national and provincial figures, attainment of the year's targets, a
// district's share of the city, consistency checks between published
// figures — and renders them as a formatted Excel workbook, a PDF briefing
// or plain text, in Chinese or English.
//
// This root package holds only this tour; the code lives in sub-packages.
//
// # Getting started
//
// A dataset, a briefing built from it, and a renderer:
//
//	ds, err := seeds.Load()                      // the embedded Dalian 2019–2020 dataset
//	doc, err := report.Build(ctx, ds, report.Spec{Region: "dalian", Year: 2020})
//	r, err := text.New()                         // or xlsx.New(), pdf.New(fonts)
//	err = r.Render(ctx, os.Stdout, doc)
//	err = export.WriteFile(ctx, "out/dalian-2020.txt", r, doc) // atomically
//
// Or from the command line: go run ./examples/briefing.
//
// # Packages
//
//   - model: figures (model.Value: exact decimal, published places, unit
//     with magnitude 万/亿, qualifier 约/超过/以内 …), the parser for figures
//     as Chinese texts write them (model.ParseValue, simplified and
//     traditional), indicators, regions, periods, observations, targets,
//     sources, and a validated model.Dataset with a JSON codec. It knows
//     nothing of output.
//   - seeds: the default dataset, every figure with the document, phrase
//     and offset it was taken from.
//   - report: derivations (report.YoY, report.Gap, report.ImpliedOther,
//     report.ShareOf, report.ImpliedTotal, report.Attain, report.Checks),
//     each keeping its lineage, and report.Build, which assembles a
//     renderer-independent report.Document with generated narrative.
//   - export: the Renderer contract and atomic file writing;
//     export/text, export/xlsx and export/pdf render a Document.
//
// # Precision and rounding
//
// Figures are shopspring/decimal values from parsing to rendering, never
// float64. A Value keeps the decimal places it was published with ("2.0"
// keeps one). Derived figures are computed exactly (quotients to 16 places)
// and rounded half away from zero — as statistical bulletins round — only
// to the places they are shown with. statbrief never changes a package-level
// setting of a dependency such as decimal.DivisionPrecision. A missing input
// or a zero base gives a "not assessable" figure with its reason, never a
// made-up number or a panic.
//
// # Determinism and concurrency
//
// The same dataset, spec and options give byte-identical output files:
// creation dates are fixed (from the period) unless the caller sets one,
// and nothing depends on map order or the clock. Datasets and documents are
// immutable once built; Build and every renderer are safe for concurrent
// use, and renderers share parsed fonts. Long operations take a
// context.Context.
package statbrief
