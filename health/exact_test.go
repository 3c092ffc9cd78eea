package health_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/cskit/cskit/health"
	"github.com/stretchr/testify/require"
)

// randWeight returns a weight in (0, 1000] with zero to four decimals.
func randWeight(r *rand.Rand) float64 {
	places := r.IntN(5)
	scale := []int64{1, 10, 100, 1000, 10000}[places]
	var units int64
	switch r.IntN(3) {
	case 0: // a small weight, as 0.1 or 0.35
		units = 1 + r.Int64N(scale)
	case 1:
		units = 1 + r.Int64N(100*scale)
	default:
		units = 1 + r.Int64N(1000*scale)
	}
	w, _ := new(big.Rat).SetFrac64(units, scale).Float64()
	return w
}

// halfUp rounds a non-negative rational half up to an integer.
func halfUp(x *big.Rat) int64 {
	n := new(big.Int).Mul(x.Num(), big.NewInt(2))
	n.Add(n, x.Denom())
	return n.Quo(n, new(big.Int).Mul(x.Denom(), big.NewInt(2))).Int64()
}

// ratOf returns the exact rational of a float64 that holds a short decimal.
func ratOf(f float64, places int) *big.Rat {
	r, _ := new(big.Rat).SetString(fmt.Sprintf("%.*f", places, f))
	return r
}

// TestExactProperty scores many random weighted scorecards and checks, in
// exact rational arithmetic, the documented formula: each group's score is
// Σ w·p / Σ w rounded half up to the hundredth, the score is Σ W·g / Σ W
// over the groups rounded the same way; equal points give exactly those
// points whatever the weights; contributions and losses add up; with one
// group each contribution is its exact share rounded down or up.
func TestExactProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 8))
	for trial := range 3000 {
		ng := 1 + r.IntN(4)
		sc := health.Scorecard{Name: "p", Version: "1"}
		var inputs []health.Input
		same := trial%3 == 0
		common := float64(r.IntN(10001)) / 100
		type mw struct{ w, p *big.Rat }
		var groups [][]mw
		var gw []*big.Rat
		for g := range ng {
			grp := health.Group{Name: fmt.Sprint("g", g)}
			if ng > 1 {
				grp.Weight = randWeight(r)
				gw = append(gw, ratOf(grp.Weight, 4))
			} else {
				gw = append(gw, big.NewRat(1, 1))
			}
			var ms []mw
			for i := range 1 + r.IntN(5) {
				name := fmt.Sprint("m", g, "_", i)
				w := randWeight(r)
				grp.Measures = append(grp.Measures, pct(name, w))
				v := common
				if !same {
					v = float64(r.IntN(10001)) / 100
				}
				inputs = append(inputs, health.Input{Measure: name, Value: v})
				ms = append(ms, mw{ratOf(w, 4), ratOf(v, 2)})
			}
			groups = append(groups, ms)
			sc.Groups = append(sc.Groups, grp)
		}
		s, err := scorer(t, sc).Score(acct("x", inputs), asOf)
		require.NoError(t, err)

		// The formula, in rationals.
		num, den := new(big.Rat), new(big.Rat)
		for g, ms := range groups {
			gn, gd := new(big.Rat), new(big.Rat)
			for _, m := range ms {
				gn.Add(gn, new(big.Rat).Mul(m.w, m.p))
				gd.Add(gd, m.w)
			}
			gs := halfUp(new(big.Rat).Mul(new(big.Rat).Quo(gn, gd), big.NewRat(100, 1)))
			require.Equal(t, gs, s.Groups[g].Score.Hundredths(), "trial %d group %d", trial, g)
			num.Add(num, new(big.Rat).Mul(gw[g], big.NewRat(gs, 1)))
			den.Add(den, gw[g])
		}
		want := halfUp(new(big.Rat).Quo(num, den))
		require.Equal(t, want, s.Computed.Hundredths(), "trial %d", trial)
		if same {
			require.Equal(t, int64(common*100+0.5), s.Computed.Hundredths(), "trial %d: equal points %v", trial, common)
		}
		requireAddsUp(t, s)
		if ng == 1 {
			for i, m := range groups[0] {
				share := new(big.Rat).Quo(new(big.Rat).Mul(m.w, m.p), den)
				share.Mul(share, big.NewRat(100, 1))
				share.Quo(share, func() *big.Rat {
					sum := new(big.Rat)
					for _, x := range groups[0] {
						sum.Add(sum, x.w)
					}
					return sum
				}())
				lo := new(big.Int).Quo(share.Num(), share.Denom()).Int64()
				c := s.Measures[i].Contribution.Hundredths()
				require.True(t, c == lo || c == lo+1, "trial %d measure %d: %d not ⌊%s⌋ or ⌈⌉", trial, i, c, share.FloatString(4))
			}
		}
	}
}

// TestPointsModelProperty checks points scorecards: weights of up to four
// decimals adding up to exactly 100, the score Σ w·p/100 rounded half up.
func TestPointsModelProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 1000 {
		n := 1 + r.IntN(8)
		left := int64(100 * 10000)
		sc := health.Scorecard{Name: "p", Version: "1", Model: health.ModelPoints}
		g := health.Group{Name: "g"}
		var inputs []health.Input
		num := new(big.Rat)
		for i := range n {
			units := left
			if i < n-1 {
				units = 1 + r.Int64N(left-int64(n-1-i))
			}
			left -= units
			w, _ := big.NewRat(units, 10000).Float64()
			name := fmt.Sprint("m", i)
			g.Measures = append(g.Measures, pct(name, w))
			v := float64(r.IntN(10001)) / 100
			inputs = append(inputs, health.Input{Measure: name, Value: v})
			num.Add(num, new(big.Rat).Mul(big.NewRat(units, 10000), ratOf(v, 2)))
			if left == 0 {
				break
			}
		}
		sc.Groups = []health.Group{g}
		s, err := scorer(t, sc).Score(acct("x", inputs), asOf)
		require.NoError(t, err, "trial %d", trial)
		// Σ w·p / 100 points, in hundredths: Σ w·p.
		require.Equal(t, halfUp(num), s.Computed.Hundredths(), "trial %d", trial)
		requireAddsUp(t, s)
	}
}
