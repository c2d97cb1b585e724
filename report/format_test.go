package report

import (
	"testing"

	"github.com/statbrief/statbrief/model"
)

func TestSingularEnglish(t *testing.T) {
	for in, want := range map[string]string{
		"people": "person", "person-times": "person-time", "enterprises": "enterprise", "working days": "working day",
		"yuan": "yuan", "km": "km", "per 10,000 people": "per 10,000 people", "yuan per person": "yuan per person",
		"companies": "company", "branches": "branch", "US dollars": "US dollar", "tonnes": "tonne", "campus": "campus",
		"": "",
	} {
		if got := singularEnglish(in); got != want {
			t.Errorf("singularEnglish(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"约1人": "about 1 person", "1家": "1 entity", "2家": "2 entities", "1万人": "10,000 people", "1万余人": "over 10,000 people", "0.0001万人": "1 person"} {
		f := Figure{Valid: true, Value: model.MustParse(in)}
		if got := f.Text(English); got != want {
			t.Errorf("%s in English = %q, want %q", in, got, want)
		}
	}
}
