package report

import (
	"strconv"
	"strings"
	"time"

	"github.com/statbrief/statbrief/model"
)

// Lang is the language of a document: "zh" (Chinese, the default) or "en".
type Lang string

// The supported languages.
const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// Document is a briefing: renderer-independent, immutable data. Renderers
// walk it and never recompute a figure or change it. Everything a reader
// sees comes from here: titles, narrative, tables of typed cells, charts,
// notes, citations and method notes.
//
// A Document built by Build is never modified afterwards and is safe to
// render from many goroutines at once; callers who build one by hand must
// not modify it while it is being rendered.
type Document struct {
	Title    string    // the briefing's title
	Subtitle string    // one line under the title: sources and generator
	Meta     Meta      // region, period, language and the rest of the metadata
	Sections []Section // the sections, in reading order
	// Sources lists the cited source phrases; Cell.Cite and Paragraph.Cites
	// refer to them by Citation.N (1-based, in order of first citation).
	Sources []Citation
	// Methods explains how each kind of derived figure is computed; a
	// Derivation names its method by Method.ID.
	Methods []Method
}

// Meta is the document's metadata.
type Meta struct {
	Region     string       // region code, e.g. "dalian"
	RegionName string       // in the document's language
	Period     model.Period // the briefing's period (its year)
	Lang       Lang         // the document's language
	Subject    string       // subject for file metadata
	Author     string       // author for file metadata
	Keywords   []string     // keywords for file metadata
	// Created is the creation time written into output files. Build sets a
	// fixed time derived from the period so that output is deterministic;
	// callers may set their own.
	Created time.Time
	// Documents describes every source document cited, by file name.
	Documents []SourceDoc
}

// SourceDoc describes one source document.
type SourceDoc struct {
	Doc   string // file name, e.g. "000_0834e4629ed69cd9.txt"
	Title string // in the document's language
}

// Citation is one numbered source reference: a phrase in a document.
type Citation struct {
	N   int    // 1-based number shown to readers
	Doc string // file name of the document, e.g. "000_0834e4629ed69cd9.txt"
	// Title is the document's title in the document's language (as in
	// Meta.Documents); empty when the dataset records none.
	Title string
	// Phrase is the phrase the figure stands in, as published (in Chinese).
	// An English document built with Spec.OmitPhrases leaves it empty:
	// the citation then names the document, its file and the byte offset,
	// and quotes no Chinese.
	Phrase string
	Offset int // byte offset of the phrase in the document
}

// Text returns the citation as a reader sees it in lang, without its
// number: 《2020年大连市政府工作报告》（002_x.txt，第1234字节）：“新增就业11.6萬人”;
// "Report on the Work of the Dalian Municipal Government, 2020
// (002_x.txt, byte 1234)" — with ": “…”" and the phrase when Phrase is set.
// Renderers use it for footnotes and source lists.
func (c Citation) Text(lang Lang) string {
	var b strings.Builder
	if lang == English {
		if c.Title != "" {
			b.WriteString(c.Title + " (" + c.Doc + ", byte " + strconv.Itoa(c.Offset) + ")")
		} else {
			b.WriteString(c.Doc + ", byte " + strconv.Itoa(c.Offset))
		}
		if c.Phrase != "" {
			b.WriteString(": “" + c.Phrase + "”")
		}
		return b.String()
	}
	if c.Title != "" {
		b.WriteString("《" + c.Title + "》（" + c.Doc + "，第" + strconv.Itoa(c.Offset) + "字节）")
	} else {
		b.WriteString(c.Doc + "（第" + strconv.Itoa(c.Offset) + "字节）")
	}
	if c.Phrase != "" {
		b.WriteString("：“" + c.Phrase + "”")
	}
	return b.String()
}

// Method is a method note: how one kind of derived figure is computed.
type Method struct {
	ID      string // e.g. "yoy", "gap", "completion"
	Title   string // short title of the method
	Text    string // explanation in the document's language
	Formula string // the formula in words, e.g. "（本期 ÷ 上年同期 − 1）× 100"
}

// Section is a titled part of the document: a bookmark in a PDF, a sheet in
// a workbook.
type Section struct {
	ID     string  // stable: "overview", "headline", "targets", "regions", "checks", "data", "methods", "sources"
	Title  string  // the section's title
	Blocks []Block // its blocks, in reading order
}

// Block is one element of a section. The concrete types are Heading,
// Paragraph, Cards, Table, Chart and Note; the set is closed.
type Block interface{ block() }

// Heading is a heading inside a section (the section title is level 1).
type Heading struct {
	Level int    // 2 or 3
	Text  string // the heading's text
}

// Paragraph is running text, with citations of the figures it states.
type Paragraph struct {
	Text  string // the paragraph's text (plain, no markup)
	Cites []int  // Citation.N of the figures stated, in order
}

// Note is a remark in small print (method, caveat, disagreement).
type Note struct {
	Text  string // the note's text
	Cites []int  // Citation.N of the sources it rests on
}

// Cards is a grid of key figures.
type Cards struct {
	Items []Card // the cards, in reading order
}

// Card is one key figure: a big number with its label and change.
type Card struct {
	Label  string    // what the figure is, e.g. 地区生产总值（一季度）
	Value  Figure    // the figure shown large
	Change Figure    // year-on-year growth or change; Valid false when unknown
	Trend  Direction // direction of Change
	Good   Tone      // whether the direction is good news for this indicator
	Cite   int       // Citation.N of Value; 0 for none
	Obs    string    // observation ID of Value
}

// Direction is the sign of a change.
type Direction int8

// The directions.
const (
	Flat Direction = 0
	Up   Direction = 1
	Down Direction = -1
)

// String returns "up", "down" or "flat", as the JSON encoding writes it.
func (d Direction) String() string {
	switch {
	case d > 0:
		return "up"
	case d < 0:
		return "down"
	}
	return "flat"
}

// Tone says whether something is good or bad news, for colouring.
type Tone int8

// The tones.
const (
	ToneNeutral Tone = 0
	ToneGood    Tone = 1
	ToneBad     Tone = -1
)

// String returns "good", "bad" or "neutral", as the JSON encoding writes it.
func (t Tone) String() string {
	switch {
	case t > 0:
		return "good"
	case t < 0:
		return "bad"
	}
	return "neutral"
}

// Table is a grid of typed cells with a header row.
type Table struct {
	ID      string   // stable: "headline", "targets", "shares", "checks", "data" …
	Title   string   // caption; empty for none
	Columns []Column // the columns, left to right
	Rows    []Row    // the rows held in the document (see Source for rows made on demand)
	// Source, when not nil, supplies further rows after Rows on demand, for
	// tables too large to hold in memory (a data sheet of a million
	// observations). Renderers read every row through Len and Row.
	Source RowSource
	Notes  []string // printed under the table
}

// RowSource supplies table rows on demand. Row(i) must return the same row
// for the same i every time and be safe to call from several goroutines at
// once, so that a document can be rendered concurrently and deterministically.
type RowSource interface {
	Len() int      // number of rows
	Row(i int) Row // row i, 0 ≤ i < Len()
}

// Len returns the number of rows of the table: Rows and those of Source.
func (t Table) Len() int {
	n := len(t.Rows)
	if t.Source != nil {
		n += t.Source.Len()
	}
	return n
}

// Row returns row i of the table, 0 ≤ i < Len(): first Rows, then those of
// Source.
func (t Table) Row(i int) Row {
	if i < len(t.Rows) {
		return t.Rows[i]
	}
	return t.Source.Row(i - len(t.Rows))
}

// Column describes one table column.
type Column struct {
	Key    string   // stable identifier, e.g. "current", "yoy"
	Header string   // the column's header text
	Kind   CellKind // what the column's cells hold (a header for layout; cells carry their own kind)
	// Count marks a column of whole numbers without unit or qualifier
	// (citation numbers, byte offsets): figures a workbook stores as
	// numbers with no unit or qualifier column beside them.
	Count bool
}

// Row is one table row.
type Row struct {
	Cells []Cell // one cell per column
	// Emphasis marks a row to set apart (a total, a disagreement).
	Emphasis bool
}

// CellKind is what a cell holds.
type CellKind uint8

// The cell kinds.
const (
	EmptyCell  CellKind = iota // nothing (a missing figure shows as a dash)
	TextCell                   // plain text
	FigureCell                 // a number with unit, places and qualifier
	StatusCell                 // a verdict: met, missed, consistent …
)

// String returns "empty", "text", "figure" or "status", as the JSON
// encoding writes it.
func (k CellKind) String() string {
	switch k {
	case EmptyCell:
		return "empty"
	case TextCell:
		return "text"
	case FigureCell:
		return "figure"
	case StatusCell:
		return "status"
	}
	return "invalid(" + strconv.Itoa(int(k)) + ")"
}

// Cell is one table cell: meaning, not a pre-formatted string.
type Cell struct {
	Kind   CellKind // which of the fields below holds the content
	Text   string   // for TextCell; for FigureCell/StatusCell an optional remark
	Figure Figure   // for FigureCell
	Status Status   // for StatusCell
	Cite   int      // Citation.N of the figure's source; 0 for none
	Obs    string   // observation (or target) ID the figure is, if it is published
}

// Figure is a number to show: an exact value already rounded for display
// to Value.Places, with its unit and qualifier, and, when it was derived
// from other figures, how.
type Figure struct {
	Valid bool        // false: missing or not assessable (shown as a dash)
	Value model.Value // exact, rounded half-up to Value.Places for display
	// Signed asks renderers to show a plus sign on positive numbers (growth, gaps).
	Signed bool
	// Derived is set when the figure was computed, not published.
	Derived *Derivation
	// Reason explains an invalid figure ("上年数缺失", "zero base").
	Reason string
	// EnglishUnit names the unit in English where the figure's indicator
	// needs another word than its base unit's ("entities" for the 户 of
	// market entities, "contracts" for 份); empty for the base unit's
	// own (model.BaseUnitEnglish). Chinese text ignores it.
	EnglishUnit string
}

// Derivation is the lineage of a derived figure: its inputs and the exact
// expression that computes it. Expr evaluated on the inputs' numbers with
// exact decimals and rounded half-up to the figure's places gives the
// figure's value; a spreadsheet can evaluate the same expression as a live
// formula over the cells that hold the inputs. A derivation that is no
// arithmetic — a rank computed among sibling regions (Method "rank") —
// has its inputs and method but a nil Expr.
type Derivation struct {
	Method  string  // Method.ID
	Formula string  // human-readable, in the document's language
	Inputs  []Input // referenced by Expr leaves
	Expr    *Expr   // nil for a derivation that is not arithmetic
}

// Input is one input of a derivation: a published figure (or a target).
type Input struct {
	Ref   string      // observation ID, or "target:" + target ID
	Label string      // short label, e.g. "2020年" or "全国"
	Value model.Value // the input's published value
}

// ExprOp is an operation of an expression node.
type ExprOp uint8

// The expression operations. Leaves are OpInput (the number of Inputs[Index],
// in that input's own unit and magnitude) and OpConst.
const (
	OpInput ExprOp = iota
	OpConst
	OpAdd // sum of the arguments
	OpSub // Args[0] − Args[1]
	OpMul // product of the arguments
	OpDiv // Args[0] ÷ Args[1]
	OpNeg // −Args[0]
	// OpRound rounds Args[0] half away from zero to Places decimal places
	// (Excel's ROUND).
	OpRound
)

// Expr is an arithmetic expression over a derivation's inputs.
type Expr struct {
	Op     ExprOp      // the operation
	Index  int         // OpInput: index into Derivation.Inputs
	Const  model.Value // OpConst: a dimensionless constant (Num only matters)
	Places int32       // OpRound
	Args   []*Expr     // operands
}

// Status is a verdict shown in a cell.
type Status uint8

// The statuses.
const (
	NoStatus        Status = iota
	Met                    // target met
	Exceeded               // target met with room to spare (超额完成)
	WithinTolerance        // an "around" target within its tolerance
	Missed                 // target not met
	NotAssessable          // missing data, zero base, …
	Consistent             // a published figure agrees with its recomputation
	Inconsistent           // it does not, beyond rounding
)

// Tone returns whether the status is good, bad or neutral news.
func (s Status) Tone() Tone {
	switch s {
	case Met, Exceeded, WithinTolerance, Consistent:
		return ToneGood
	case Missed, Inconsistent:
		return ToneBad
	}
	return ToneNeutral
}

// ChartType is the form of a chart.
type ChartType uint8

// The chart types.
const (
	BarChart    ChartType = iota + 1 // horizontal bars, one per category
	ColumnChart                      // vertical columns
	PieChart
	LineChart
)

// String returns "bar", "column", "pie" or "line", as the JSON encoding
// writes it.
func (t ChartType) String() string {
	switch t {
	case BarChart:
		return "bar"
	case ColumnChart:
		return "column"
	case PieChart:
		return "pie"
	case LineChart:
		return "line"
	}
	return "invalid(" + strconv.Itoa(int(t)) + ")"
}

// Chart is a chart of labelled series over categories.
type Chart struct {
	ID         string    // stable: "yoy", "targets", "shares"
	Title      string    // the chart's title
	Type       ChartType // bar, column, pie or line
	Categories []string  // the category labels, one per point of each series
	Series     []Series  // the series, each with one value per category
	Unit       string    // axis unit label, e.g. "%"
	// Reference is a value line drawn across (e.g. 100 % completion); invalid for none.
	Reference Figure
	Notes     []string // notes shown under the chart
}

// Series is one labelled series of a chart; Values align with Categories.
type Series struct {
	Name   string   // the series name shown in the legend
	Values []Figure // one value per category; an invalid Figure is a gap
	// Marker draws the series as markers on top of the bars (for example the
	// national growth rate beside the city's bar) rather than as bars.
	Marker bool
}

func (Heading) block()   {}
func (Paragraph) block() {}
func (Note) block()      {}
func (Cards) block()     {}
func (Table) block()     {}
func (Chart) block()     {}
