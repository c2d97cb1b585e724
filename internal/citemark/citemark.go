// Package citemark writes the citation mark of a list of citation numbers
// as the PDF and text renderers print it: "[1–6,14,15]".
package citemark

import (
	"slices"
	"strconv"
	"strings"
)

// Marks is the citation mark of ns: the positive numbers in ascending
// order without repeats, runs of three or more as a range (with an en
// dash), in square brackets; "" when ns holds no positive number.
func Marks(ns []int) string {
	ns = slices.Clone(ns)
	slices.Sort(ns)
	ns = slices.Compact(ns)
	for len(ns) > 0 && ns[0] <= 0 {
		ns = ns[1:]
	}
	if len(ns) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('[')
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(ns[i]))
		switch {
		case j-i >= 2:
			b.WriteString("–" + strconv.Itoa(ns[j]))
		case j == i+1:
			b.WriteString("," + strconv.Itoa(ns[j]))
		}
		i = j + 1
	}
	b.WriteByte(']')
	return b.String()
}
