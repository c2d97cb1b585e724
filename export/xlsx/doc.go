// Package xlsx renders a report.Document as an Excel workbook (.xlsx) that
// an analyst can check, re-sort and reuse, and a reader can print.
//
//	r, err := xlsx.New()                      // options: CreationTime, MaxColumnWidth, SheetName …
//	err = r.Render(ctx, w, doc)               // or export.WriteFile(ctx, "b.xlsx", r, doc)
//
// Each section becomes a sheet, named by its ID: 概览, 主要指标, 目标完成, 区域,
// 数据核对, 数据, 说明 and 来源 in a Chinese document (Overview, Headline …
// in an English one), showing its blocks in the document's order. The
// charts, each with the cells it is drawn from, are on a sheet of their
// own, 图表 (Charts), after the last section that has one. A sheet's
// largest table has its header frozen: with the rows above it when they
// are few; else (a long introduction, as the headline indicators' summary
// by period) a copy of the header under the sheet's title is frozen, the
// introduction staying whole above its table, and the copy is left out of
// print. The header is repeated on printed pages when nothing but that
// table (or tables with the same header) follows it, so that no page shows
// a header over text, a chart or other columns. A table whose columns are all among the main
// table's (by key) goes under those columns, so that every column holds
// one kind of content and is as wide as that needs.
//
// # Numbers
//
// Every figure is a numeric cell holding the exact decimal, written from the
// decimal's text and never through float64; more than 15 significant
// digits, more than a spreadsheet keeps, is an error (ErrTooManyDigits). The
// number format shows the published places, the unit and the qualifier
// (约1.67亿元 is 1.67 in the format "约"0.00"亿元"), percent without
// multiplying by 100, and percentage points by name. An English workbook
// shows figures as the English document does (167 million yuan): the cell
// stores the rescaled number. On the 数据 sheet unit and qualifier have
// columns of their own, so the numbers can be filtered and summed. A text
// stays text even when it is made of digits (an ID card number, a code
// "007", a heading "2020"): it is a string, not a figure, so it is neither
// converted nor held to 15 digits, and the sheet tells Excel not to flag
// it as a number stored as text. No figure is stored as text.
//
// A derived figure (growth, gap, share, completion) is a live formula over
// the cells that show its inputs — in the same row when they are there,
// else looked up by the key of the row that shows them (the 数据 sheet's
// 编号): INDEX('数据'!$G$2:$G$238,MATCH("obs.id",'数据'!$A$2:$A$238,0)) —
// so that sorting or filtering any table leaves every result unchanged;
// an input no row shows under a unique key is written as its exact value.
// The file stores the exactly computed value as the formula's cached
// result, so readers that do not calculate see it. A formula is written
// only when its expression recomputes the figure exactly.
//
// # Look and print
//
// Merged titles, filled and bordered headers with explicit colours, red and
// green for declines and rises, verdicts coloured by tone, data bars on
// shares, native bar charts drawn from cells, column widths measured with
// East Asian width (github.com/rivo/uniseg) and Latin letter widths, and
// capped, with wrapping beyond the cap; the same measure counts the lines
// of a wrapped text, whose row height is written. Sheets print on A4, one
// page wide, in the orientation that gives fewer pages at a readable
// scale (landscape for the wide sheets), with the title in the page header (cut
// with "…" past the header's 255 characters; the title's cell holds it
// whole) and the page number in the footer. On every sheet the long text
// columns (names of indicators, titles, source texts) wrap at a lower cap
// where that is needed for it to print at 72 % or more (in LibreOffice
// too, whose substitute fonts take more room); the 数据 sheet's row IDs,
// which only lookups need, and byte offsets, moved to its last column, are
// left out of print. Headline and target
// figures carry a comment naming their source document and phrase.
//
// # Large data and safety
//
// Rows are streamed: a table's RowSource is read while the sheet is
// compressed, so a million rows take little memory. Past 1,048,576 rows a
// sheet continues on 数据(2), 数据(3) … with the header repeated. Text is
// always stored as text, never a formula, whatever it begins with;
// characters XML cannot carry are removed (or rejected with
// RejectControlChars); a text longer than a cell holds is ErrTextTooLong.
// Errors that concern a cell are *CellError values naming sheet and cell.
//
// # Determinism and concurrency
//
// The same document and options give the same bytes: the creation time is
// the document's (or CreationTime's) and the package's parts are written in
// a fixed order. A Renderer holds its options and what its workbooks share
// (spare buffers, the compressed form of recurring parts), which never
// changes the bytes, and is safe for concurrent use. A workbook is made on
// several goroutines (planning, decorating while checking, rows made and
// compressed ahead, zipping): on two cores the default briefing takes
// about 6 ms.
//
// The workbook is built with excelize (github.com/xuri/excelize/v2), which
// writes the package, charts, comments, conditional formats and print
// setup; the rows, the style sheet and the comment texts are written by this
// package, which is how numbers, formulas with cached values, speed and
// memory are under its control. No excelize type appears in its API.
package xlsx
