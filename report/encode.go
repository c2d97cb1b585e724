package report

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// WriteJSON writes doc as canonical JSON: two-space indented, blocks tagged
// with their type, figures as their canonical strings (exact decimals, never
// floats), derivations with their inputs and expression. The same document
// always gives the same bytes, so the encoding is what golden tests compare.
func WriteJSON(w io.Writer, doc *Document) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jsonDoc(doc)); err != nil {
		return fmt.Errorf("report: write JSON: %w", err)
	}
	return nil
}

type jdoc struct {
	Title    string     `json:"title"`
	Subtitle string     `json:"subtitle,omitempty"`
	Meta     jmeta      `json:"meta"`
	Sections []jsection `json:"sections"`
	Sources  []Citation `json:"sources"`
	Methods  []Method   `json:"methods"`
}

type jmeta struct {
	Region     string      `json:"region"`
	RegionName string      `json:"region_name"`
	Period     string      `json:"period"`
	Lang       Lang        `json:"lang"`
	Subject    string      `json:"subject,omitempty"`
	Author     string      `json:"author,omitempty"`
	Keywords   []string    `json:"keywords,omitempty"`
	Created    string      `json:"created"`
	Documents  []SourceDoc `json:"documents,omitempty"`
}

type jsection struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Blocks []jblock `json:"blocks"`
}

type jblock struct {
	Type       string    `json:"type"`
	Level      int       `json:"level,omitempty"`
	Text       string    `json:"text,omitempty"`
	Cites      []int     `json:"cites,omitempty"`
	Cards      []jcard   `json:"cards,omitempty"`
	ID         string    `json:"id,omitempty"`
	Title      string    `json:"title,omitempty"`
	Columns    []Column  `json:"columns,omitempty"`
	Rows       [][]jcell `json:"rows,omitempty"`
	Emphasis   []int     `json:"emphasis_rows,omitempty"`
	Notes      []string  `json:"notes,omitempty"`
	ChartType  int       `json:"chart_type,omitempty"`
	Categories []string  `json:"categories,omitempty"`
	Series     []jseries `json:"series,omitempty"`
	Unit       string    `json:"unit,omitempty"`
	Reference  *jfig     `json:"reference,omitempty"`
}

type jcard struct {
	Label  string `json:"label"`
	Value  *jfig  `json:"value"`
	Change *jfig  `json:"change,omitempty"`
	Trend  int    `json:"trend"`
	Good   int    `json:"good"`
	Cite   int    `json:"cite,omitempty"`
	Obs    string `json:"obs,omitempty"`
}

type jcell struct {
	Kind   CellKind `json:"kind"`
	Text   string   `json:"text,omitempty"`
	Figure *jfig    `json:"figure,omitempty"`
	Status string   `json:"status,omitempty"`
	Cite   int      `json:"cite,omitempty"`
	Obs    string   `json:"obs,omitempty"`
}

type jfig struct {
	Valid   bool    `json:"valid"`
	Value   string  `json:"value,omitempty"`
	Places  int32   `json:"places"`
	Display string  `json:"display"`
	Reason  string  `json:"reason,omitempty"`
	Derived *jderiv `json:"derived,omitempty"`
}

type jderiv struct {
	Method  string   `json:"method"`
	Formula string   `json:"formula"`
	Inputs  []jinput `json:"inputs"`
	Expr    string   `json:"expr"`
}

type jinput struct {
	Ref   string `json:"ref"`
	Label string `json:"label"`
	Value string `json:"value"`
}

type jseries struct {
	Name   string  `json:"name"`
	Marker bool    `json:"marker,omitempty"`
	Values []*jfig `json:"values"`
}

var statusNames = map[Status]string{NoStatus: "", Met: "met", Exceeded: "exceeded", WithinTolerance: "within_tolerance",
	Missed: "missed", NotAssessable: "not_assessable", Consistent: "consistent", Inconsistent: "inconsistent"}

func jsonFig(f Figure, lang Lang) *jfig {
	j := &jfig{Valid: f.Valid, Reason: f.Reason, Display: f.Text(lang)}
	if f.Valid {
		j.Value, j.Places = f.Value.String(), f.Value.Places
	}
	if d := f.Derived; d != nil {
		jd := &jderiv{Method: d.Method, Formula: d.Formula}
		if d.Expr != nil {
			jd.Expr = d.Expr.String()
		}
		for _, in := range d.Inputs {
			jd.Inputs = append(jd.Inputs, jinput{Ref: in.Ref, Label: in.Label, Value: in.Value.String()})
		}
		j.Derived = jd
	}
	return j
}

func jsonDoc(d *Document) jdoc {
	lang := d.Meta.Lang
	out := jdoc{Title: d.Title, Subtitle: d.Subtitle, Sources: d.Sources, Methods: d.Methods,
		Meta: jmeta{Region: d.Meta.Region, RegionName: d.Meta.RegionName, Period: d.Meta.Period.String(),
			Lang: lang, Subject: d.Meta.Subject, Author: d.Meta.Author, Keywords: d.Meta.Keywords,
			Created: d.Meta.Created.UTC().Format(time.RFC3339), Documents: d.Meta.Documents}}
	for _, s := range d.Sections {
		js := jsection{ID: s.ID, Title: s.Title, Blocks: []jblock{}}
		for _, b := range s.Blocks {
			js.Blocks = append(js.Blocks, jsonBlock(b, lang))
		}
		out.Sections = append(out.Sections, js)
	}
	return out
}

func jsonBlock(b Block, lang Lang) jblock {
	switch b := b.(type) {
	case Heading:
		return jblock{Type: "heading", Level: b.Level, Text: b.Text}
	case Paragraph:
		return jblock{Type: "paragraph", Text: b.Text, Cites: b.Cites}
	case Note:
		return jblock{Type: "note", Text: b.Text, Cites: b.Cites}
	case Cards:
		j := jblock{Type: "cards"}
		for _, c := range b.Items {
			jc := jcard{Label: c.Label, Value: jsonFig(c.Value, lang), Trend: int(c.Trend), Good: int(c.Good), Cite: c.Cite, Obs: c.Obs}
			if c.Change.Valid {
				jc.Change = jsonFig(c.Change, lang)
			}
			j.Cards = append(j.Cards, jc)
		}
		return j
	case Table:
		j := jblock{Type: "table", ID: b.ID, Title: b.Title, Columns: b.Columns, Notes: b.Notes}
		for i := range b.Len() {
			r := b.Row(i)
			var row []jcell
			for _, c := range r.Cells {
				jc := jcell{Kind: c.Kind, Text: c.Text, Status: statusNames[c.Status], Cite: c.Cite, Obs: c.Obs}
				if c.Kind == FigureCell {
					jc.Figure = jsonFig(c.Figure, lang)
				}
				row = append(row, jc)
			}
			j.Rows = append(j.Rows, row)
			if r.Emphasis {
				j.Emphasis = append(j.Emphasis, i)
			}
		}
		return j
	case Chart:
		j := jblock{Type: "chart", ID: b.ID, Title: b.Title, ChartType: int(b.Type), Categories: b.Categories, Unit: b.Unit, Notes: b.Notes}
		if b.Reference.Valid {
			j.Reference = jsonFig(b.Reference, lang)
		}
		for _, s := range b.Series {
			js := jseries{Name: s.Name, Marker: s.Marker}
			for _, v := range s.Values {
				js.Values = append(js.Values, jsonFig(v, lang))
			}
			j.Series = append(j.Series, js)
		}
		return j
	}
	return jblock{Type: "unknown"}
}
