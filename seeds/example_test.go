package seeds_test

import (
	"fmt"

	"github.com/statbrief/statbrief/model"
	"github.com/statbrief/statbrief/seeds"
)

// Load the default dataset and look at what it holds: counts, and one
// figure with its source.
func ExampleLoad() {
	ds, err := seeds.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("indicators:", len(ds.Indicators()))
	fmt.Println("regions:", len(ds.Regions()))
	fmt.Println("observations:", len(ds.Observations()))
	fmt.Println("targets:", len(ds.Targets()))

	for _, o := range ds.Find("gdp", "dalian", model.Growth, model.YearOf(2019)) {
		fmt.Printf("%s %s %s: %s (%s)\n", o.Period, o.Indicator, o.Basis, o.Value, o.Source.Phrase)
	}
	// Output:
	// indicators: 442
	// regions: 15
	// observations: 509
	// targets: 48
	// 2019 gdp comparable: 6.5% (地區生產總值可比增長6.5%)
}
