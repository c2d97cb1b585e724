package report

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// WriteJSON writes doc as canonical JSON: two-space indented, every key in
// snake_case, blocks tagged with their type, enumerations as words ("bar",
// "up", "good", "figure", "exceeded"), figures as their canonical strings
// (exact decimals, never floats), derivations with their inputs and
// expression. The same document always gives the same bytes, so the
// encoding is what golden tests compare.
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
	Title    string      `json:"title"`
	Subtitle string      `json:"subtitle,omitempty"`
	Meta     jmeta       `json:"meta"`
	Sections []jsection  `json:"sections"`
	Sources  []jcitation `json:"sources"`
	Methods  []jmethod   `json:"methods"`
}

type jcitation struct {
	N      int    `json:"n"`
	Doc    string `json:"doc"`
	Title  string `json:"title,omitempty"`
	Phrase string `json:"phrase,omitempty"`
	Offset int    `json:"offset"`
}

type jmethod struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Text    string `json:"text"`
	Formula string `json:"formula,omitempty"`
}

type jsourcedoc struct {
	Doc   string `json:"doc"`
	Title string `json:"title"`
}

type jcolumn struct {
	Key    string `json:"key"`
	Header string `json:"header"`
	Kind   string `json:"kind"`
	Count  bool   `json:"count,omitempty"`
}

type jmeta struct {
	Region     string       `json:"region"`
	RegionName string       `json:"region_name"`
	Period     string       `json:"period"`
	Lang       Lang         `json:"lang"`
	Subject    string       `json:"subject,omitempty"`
	Author     string       `json:"author,omitempty"`
	Keywords   []string     `json:"keywords,omitempty"`
	Created    string       `json:"created"`
	Documents  []jsourcedoc `json:"documents,omitempty"`
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
	Columns    []jcolumn `json:"columns,omitempty"`
	Rows       [][]jcell `json:"rows,omitempty"`
	Emphasis   []int     `json:"emphasis_rows,omitempty"`
	Notes      []string  `json:"notes,omitempty"`
	ChartType  string    `json:"chart_type,omitempty"`
	Categories []string  `json:"categories,omitempty"`
	Series     []jseries `json:"series,omitempty"`
	Unit       string    `json:"unit,omitempty"`
	Reference  *jfig     `json:"reference,omitempty"`
}

type jcard struct {
	Label  string `json:"label"`
	Value  *jfig  `json:"value"`
	Change *jfig  `json:"change,omitempty"`
	Trend  string `json:"trend"`
	Good   string `json:"good"`
	Cite   int    `json:"cite,omitempty"`
	Obs    string `json:"obs,omitempty"`
}

type jcell struct {
	Kind   string `json:"kind"`
	Text   string `json:"text,omitempty"`
	Figure *jfig  `json:"figure,omitempty"`
	Status string `json:"status,omitempty"`
	Cite   int    `json:"cite,omitempty"`
	Obs    string `json:"obs,omitempty"`
}

type jfig struct {
	Valid       bool    `json:"valid"`
	Value       string  `json:"value,omitempty"`
	Places      int32   `json:"places"`
	Display     string  `json:"display"`
	EnglishUnit string  `json:"english_unit,omitempty"`
	Reason      string  `json:"reason,omitempty"`
	Derived     *jderiv `json:"derived,omitempty"`
}

type jderiv struct {
	Method  string   `json:"method"`
	Formula string   `json:"formula"`
	Inputs  []jinput `json:"inputs"`
	Expr    string   `json:"expr,omitempty"`
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
	j := &jfig{Valid: f.Valid, Reason: f.Reason, Display: f.Text(lang), EnglishUnit: f.EnglishUnit}
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
	out := jdoc{Title: d.Title, Subtitle: d.Subtitle, Sources: []jcitation{}, Methods: []jmethod{},
		Meta: jmeta{Region: d.Meta.Region, RegionName: d.Meta.RegionName, Period: d.Meta.Period.String(),
			Lang: lang, Subject: d.Meta.Subject, Author: d.Meta.Author, Keywords: d.Meta.Keywords,
			Created: d.Meta.Created.UTC().Format(time.RFC3339)}}
	for _, c := range d.Sources {
		out.Sources = append(out.Sources, jcitation{N: c.N, Doc: c.Doc, Title: c.Title, Phrase: c.Phrase, Offset: c.Offset})
	}
	for _, m := range d.Methods {
		out.Methods = append(out.Methods, jmethod{ID: m.ID, Title: m.Title, Text: m.Text, Formula: m.Formula})
	}
	for _, sd := range d.Meta.Documents {
		out.Meta.Documents = append(out.Meta.Documents, jsourcedoc{Doc: sd.Doc, Title: sd.Title})
	}
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
			jc := jcard{Label: c.Label, Value: jsonFig(c.Value, lang), Trend: c.Trend.String(), Good: c.Good.String(), Cite: c.Cite, Obs: c.Obs}
			if c.Change.Valid {
				jc.Change = jsonFig(c.Change, lang)
			}
			j.Cards = append(j.Cards, jc)
		}
		return j
	case Table:
		j := jblock{Type: "table", ID: b.ID, Title: b.Title, Notes: b.Notes}
		for _, c := range b.Columns {
			j.Columns = append(j.Columns, jcolumn{Key: c.Key, Header: c.Header, Kind: c.Kind.String(), Count: c.Count})
		}
		for i := range b.Len() {
			r := b.Row(i)
			var row []jcell
			for _, c := range r.Cells {
				jc := jcell{Kind: c.Kind.String(), Text: c.Text, Status: statusNames[c.Status], Cite: c.Cite, Obs: c.Obs}
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
		j := jblock{Type: "chart", ID: b.ID, Title: b.Title, ChartType: b.Type.String(), Categories: b.Categories, Unit: b.Unit, Notes: b.Notes}
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
