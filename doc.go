// Package statbrief turns a region's annual statistics into briefings: it
// models published figures with exact decimals, derives the comparisons
// analysts write by hand — year-on-year growth, gaps in percentage points to
// the national and provincial figures, attainment of the year's targets, a
// district's share of the city — checks published figures against each
// other, and renders the briefing as an Excel workbook, a PDF or text, in
// Chinese or English.
//
// This root package holds only this tour; the code lives in sub-packages.
//
// # Getting started
//
// A dataset, a briefing built from it, and renderers:
//
//	ds, err := seeds.Load()                 // the embedded Dalian 2019–2020 dataset
//	doc, err := report.Build(ctx, ds, report.Spec{Region: "dalian", Year: 2020})
//	wb, err := xlsx.New()
//	fonts, err := embedded.Load()           // parse the font once; share it
//	pdfr, err := pdf.New(fonts, pdf.OmitSections("data", "sources"))
//	err = export.WriteFile(ctx, "out/dalian-2020.xlsx", wb, doc)  // atomically
//	err = export.WriteFile(ctx, "out/dalian-2020.pdf", pdfr, doc)
//
// From the command line: go run ./examples/briefing. Many briefings at
// once, resumable and shardable: export/batch and go run ./examples/batch.
//
// # Packages
//
//   - model: figures (model.Value: an exact decimal with its published
//     places, a unit with magnitude 万/亿, a qualifier 约/超过/以内 …), the
//     parser for figures as Chinese texts write them (model.ParseValue,
//     simplified and traditional), indicators, regions, periods,
//     observations, targets, source documents, and a validated, indexed
//     model.Dataset with a JSON codec. It knows nothing of output.
//   - seeds: the default dataset, every figure with the document, phrase
//     and byte offset it was taken from.
//   - report: derivations (report.YoY, report.Gap, report.ImpliedOther,
//     report.ShareOf, report.ImpliedTotal, report.ImpliedPrevious,
//     report.Attain, report.AttainToDate for a figure to date against the
//     year's target, report.RankAmong), each keeping its lineage (inputs
//     and expression) and refusing inputs that cannot be compared
//     (another indicator, region, span of time, unit or price basis);
//     report.Checks, which sets every recomputable published figure against
//     its recomputation; and report.Build, which assembles a
//     renderer-independent report.Document with generated narrative. An
//     English document cites each source by its English title, file, byte
//     offset and the phrase as published, in Chinese
//     (report.Citation.Text); Spec.OmitPhrases leaves the phrases out.
//   - export: the Renderer contract and atomic file writing; export/text,
//     export/xlsx and export/pdf render a Document; export/batch renders
//     thousands.
//
// # Precision, rounding and bounds
//
// Figures are shopspring/decimal values from parsing to rendering, never
// float64. A Value keeps the decimal places it was published with ("2.0"
// keeps one). Derived figures are computed exactly (quotients to 16
// places) and rounded half away from zero — as statistical bulletins round
// — only to the places they are shown with. statbrief never changes a
// package-level setting of a dependency such as decimal.DivisionPrecision.
//
// A hedged figure stays hedged. 约 and 左右 make a derived figure 约; a bound
// (超过, 余, 以上, 以内) makes it a bound in the direction the arithmetic
// allows (超过700家 against a target of 300家 is 233.3%以上 of it); where
// bounds pull both ways, or an input is missing or a base is zero, the
// result is "not assessable" with its reason — never a made-up number,
// never a panic. A figure for part of the year (截至12月中旬) is never set
// against a whole year as a growth; where its indicator accumulates
// (model.Indicator.Accumulates) it is a lower bound of the year's, so a
// target it already reaches is met (11.11万人 by mid-December against
// 9.6万人: 115.7%以上).
//
// # Errors
//
// Parse and validation errors are typed and positioned
// (model.ParseError, model.RecordError naming file, line, record, field and
// value) and wrap sentinels testable with errors.Is; a dataset reports
// every problem at once. Derivations return *report.DerivationError, a
// bad spec *report.SpecError.
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
