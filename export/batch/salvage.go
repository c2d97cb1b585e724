package batch

import (
	"errors"
	"fmt"
	"strings"

	"github.com/statbrief/statbrief/model"
)

// RegionError is the failure of every job of a region that was set aside
// when its dataset was loaded: records of the region (or records that
// depend on them) are broken. Errs are the *model.RecordError values that
// name the region.
type RegionError struct {
	Region string  // the region code
	Errs   []error // the region's validation problems
}

// maxShownErrors bounds the record errors RegionError.Error lists.
const maxShownErrors = 5

// Error names the region and its first record errors.
func (e *RegionError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "region %s set aside: the dataset's records of it do not validate: ", e.Region)
	for i, err := range e.Errs {
		if i == maxShownErrors {
			fmt.Fprintf(&b, "; and %d more", len(e.Errs)-i)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(err.Error())
	}
	return b.String()
}

// Unwrap returns the record errors.
func (e *RegionError) Unwrap() []error { return e.Errs }

// Salvage makes a dataset of what is usable in d, so that a batch can
// render every region but the broken ones. loadErr is the error the
// records of d came with from model.ReadJSON (nil if none).
//
// When d with loadErr is a valid dataset, Salvage returns it and no broken
// regions. Otherwise every problem must name a region
// (model.RecordError.Region): the regions named are set aside — their
// observations and targets are left out, and when the region's own record
// is broken, that record too — and the rest is validated again, until it
// validates (setting aside a region can break records of others, such as
// a district whose city was removed: those regions are set aside in turn).
// The result is the dataset without the broken regions' records and, for
// each broken region, a *RegionError listing its record errors; pass it to
// the runner with Broken, so that their jobs fail with it.
//
// The briefings of other regions are made without the set-aside regions'
// figures: a city's briefing then lacks its broken district's section and
// a district's the shares of its broken city. examples/batch warns of
// those jobs (a region's ancestors and descendants).
//
// A problem that names no region (a broken indicator, document or group,
// a file that is not JSON) makes Salvage fail with the full list of
// problems: a briefing of any region may depend on the record.
func Salvage(d model.Data, loadErr error) (*model.Dataset, map[string]error, error) {
	problems := flatten(loadErr)
	if len(problems) == 0 {
		ds, err := model.NewDataset(d)
		if err == nil {
			return ds, nil, nil
		}
		problems = flatten(err)
	}
	all := append([]error(nil), problems...)
	byRegion := map[string][]error{}
	dropRecord := map[string]bool{} // regions whose own record is left out
	for {
		changed := false
		for _, p := range problems {
			var re *model.RecordError
			if !errors.As(p, &re) || re.Region == "" {
				return nil, nil, errors.Join(all...)
			}
			_, prior := byRegion[re.Region]
			// a problem in the region's own record ("regions[3] …" from
			// ReadJSON, `region "x"` from NewDataset), or one naming a
			// region whose observations and targets were left out already,
			// which can only be in its record: leave the record out
			if !dropRecord[re.Region] && (prior || strings.HasPrefix(re.Record, "region")) {
				dropRecord[re.Region] = true
				changed = true
			}
			if !prior {
				changed = true
			}
			byRegion[re.Region] = append(byRegion[re.Region], p)
		}
		if !changed {
			// setting the regions aside did not help
			return nil, nil, errors.Join(all...)
		}
		ds, err := model.NewDataset(without(d, byRegion, dropRecord))
		if err == nil {
			broken := make(map[string]error, len(byRegion))
			for r, errs := range byRegion {
				broken[r] = &RegionError{Region: r, Errs: dedupe(errs)}
			}
			return ds, broken, nil
		}
		problems = flatten(err)
		all = append(all, problems...)
	}
}

// dedupe drops problems reported again by a later validation (the same
// message): a region's list names each once.
func dedupe(errs []error) []error {
	seen := map[string]bool{}
	var out []error
	for _, e := range errs {
		if m := e.Error(); !seen[m] {
			seen[m] = true
			out = append(out, e)
		}
	}
	return out
}

// without is d without the observations and targets of the regions in
// broken and without the region records in dropRecord.
func without(d model.Data, broken map[string][]error, dropRecord map[string]bool) model.Data {
	out := d
	out.Regions = nil
	for _, r := range d.Regions {
		if !dropRecord[r.Code] {
			out.Regions = append(out.Regions, r)
		}
	}
	out.Observations = nil
	for _, o := range d.Observations {
		if _, bad := broken[o.Region]; !bad {
			out.Observations = append(out.Observations, o)
		}
	}
	out.Targets = nil
	for _, t := range d.Targets {
		if _, bad := broken[t.Region]; !bad {
			out.Targets = append(out.Targets, t)
		}
	}
	return out
}

// flatten lists the leaves of a tree of joined errors.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}
