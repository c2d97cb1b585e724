package report

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/model"
)

// randomFigure returns a positive figure with 0–2 places in a random magnitude.
func randomFigure(r *rand.Rand, unit string) string {
	places := r.IntN(3)
	n := decimal.New(r.Int64N(9_000_000)+1000, -int32(places))
	mag := []string{"", "万", "亿"}[r.IntN(3)]
	return n.StringFixed(int32(places)) + mag + unit
}

// Growth recomputed from (implied prior, level) reproduces the stated growth
// within the rounding of the implied prior.
func TestPropertyImpliedPriorReproducesGrowth(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		lvl := randomFigure(r, "元")
		g := decimal.New(r.Int64N(1200)-400, -1) // −40.0 … +79.9 %
		growth := g.StringFixed(1) + "%"
		cur := obs("c", "x", "r", "2020", model.Level, lvl)
		gr := obs("g", "x", "r", "2020", model.Growth, growth)
		prev, err := ImpliedPrevious(cur, gr)
		if err != nil {
			t.Fatalf("%s %s: %v", lvl, growth, err)
		}
		p := obs("p", "x", "r", "2019", model.Level, prev.Value.Num.StringFixed(prev.Value.Places)+prev.Value.Unit.String())
		back, err := YoY(cur, p, 1)
		if err != nil {
			t.Fatalf("%s %s: YoY: %v", lvl, growth, err)
		}
		// the implied prior is rounded to the level's places: the recomputed
		// growth may differ from the stated one by what that rounding moves.
		c := CheckStatedGrowth(gr, cur, p)
		if c.Status != Consistent {
			t.Fatalf("level %s growth %s: prior %s gives %s: %v", lvl, growth, prev.Value, back.Value, c.Status)
		}
	}
}

// share × implied total reproduces the part within the rounding of the total.
func TestPropertyShareTimesImpliedTotal(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 2000; i++ {
		part := obs("p", "x", "zone", "2020", model.Level, randomFigure(r, "家"))
		s := decimal.New(r.Int64N(999)+1, -1) // 0.1 … 99.9 %
		share := obs("s", "x", "zone", "2020", model.Share, s.StringFixed(1)+"%")
		total, err := ImpliedTotal(part, share)
		if err != nil {
			t.Fatal(err)
		}
		back := total.Value.Num.Mul(s).DivRound(decimal.NewFromInt(100), 20)
		diff := back.Sub(part.Value.Num.Shift(int32(part.Value.Unit.Mag) - int32(total.Value.Unit.Mag))).Abs()
		// total is rounded to half a unit of its last place; times share/100 ≤ 1
		limit := decimal.New(5, -total.Value.Places-1)
		if diff.GreaterThan(limit) {
			t.Fatalf("part %s share %s: total %s × share = %s (diff %s > %s)", part.Value, share.Value, total.Value, back, diff, limit)
		}
		c := CheckStatedShare(share, part, obs("w", "x", "city", "2020", model.Level, fmt.Sprintf("%s%s", total.Value.Num.StringFixed(total.Value.Places), total.Value.Unit)))
		if c.Status != Consistent {
			t.Fatalf("part %s share %s total %s: check %v (recomputed %s)", part.Value, share.Value, total.Value, c.Status, c.Recomputed.Value)
		}
	}
}

func TestRoundHalfUpBoundaries(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0.05", "0.1"}, {"0.15", "0.2"}, {"0.25", "0.3"}, {"2.45", "2.5"}, {"-0.05", "-0.1"},
		{"-2.45", "-2.5"}, {"0.049999", "0.0"}, {"1.95", "2.0"}, {"9.95", "10.0"},
	}
	for _, tt := range tests {
		got := model.RoundHalfUp(decimal.RequireFromString(tt.in), 1).StringFixed(1)
		if got != tt.want {
			t.Errorf("RoundHalfUp(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
