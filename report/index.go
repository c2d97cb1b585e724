package report

import "github.com/statbrief/statbrief/model"

// obsIndex indexes a slice of observations by indicator, region and kind,
// so that a Build looks figures up without copying them: lookups return
// pointers into the slice, which nobody modifies.
type obsIndex struct {
	obs []model.Observation
	by  map[obsKey][]int32
}

type obsKey struct {
	ind, region string
	kind        model.Kind
}

func newObsIndex(obs []model.Observation) *obsIndex {
	x := &obsIndex{obs: obs, by: make(map[obsKey][]int32, len(obs))}
	for i, o := range obs {
		k := obsKey{o.Indicator, o.Region, o.Kind}
		x.by[k] = append(x.by[k], int32(i))
	}
	return x
}

// each calls f with every observation of the indicator, region and kind in
// period p (every period when p is zero), in dataset order, until f
// returns false.
func (x *obsIndex) each(ind, region string, k model.Kind, p model.Period, f func(*model.Observation) bool) {
	for _, i := range x.by[obsKey{ind, region, k}] {
		o := &x.obs[i]
		if p == (model.Period{}) || o.Period == p {
			if !f(o) {
				return
			}
		}
	}
}

// first returns the first matching observation, or nil.
func (x *obsIndex) first(ind, region string, k model.Kind, p model.Period) *model.Observation {
	var found *model.Observation
	x.each(ind, region, k, p, func(o *model.Observation) bool { found = o; return false })
	return found
}

// has reports whether any observation matches.
func (x *obsIndex) has(ind, region string, k model.Kind, p model.Period) bool {
	return x.first(ind, region, k, p) != nil
}

// gap returns the first gap of the indicator of region to vs, measured on
// measure, in period p; nil when none.
func (x *obsIndex) gap(ind, region, vs string, measure model.Kind, p model.Period) *model.Observation {
	var found *model.Observation
	x.each(ind, region, model.Gap, p, func(o *model.Observation) bool {
		if o.Ref == vs && o.Measure == measure {
			found = o
			return false
		}
		return true
	})
	return found
}
