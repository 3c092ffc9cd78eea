package health

import (
	"math"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDivFloor checks the float-estimated division against integer
// division over random and edge operands.
func TestDivFloor(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	check := func(n, d uint64) {
		require.Equal(t, n/d, divFloor(n, d), "%d/%d", n, d)
	}
	for _, d := range []uint64{1, 2, 3, 7, 10000, 1<<32 - 1, 1 << 32, 1<<53 + 1, 1<<61 - 1} {
		for _, q := range []uint64{0, 1, 9999, 10000, 10001, 1<<50 - 1} {
			for _, off := range []int64{-1, 0, 1} {
				n := q*d + uint64(int64(d/2)+off)
				if q*d/d != q || n < q*d || n > 1<<63 {
					continue
				}
				check(q*d, d)
				check(n, d)
				if q*d+d-1 > q*d {
					check(q*d+d-1, d)
				}
			}
		}
	}
	for range 200000 {
		d := 1 + r.Uint64N(1<<uint(1+r.IntN(61)))
		q := r.Uint64N(1 << uint(1+r.IntN(50)))
		if hi, lo := bits.Mul64(q, d); hi != 0 || lo >= 1<<62 {
			continue
		}
		n := q*d + r.Uint64N(d)
		if n < q*d || n >= 1<<63 {
			continue
		}
		check(n, d)
	}
}

// TestRoundDiv checks half-up rounding.
func TestRoundDiv(t *testing.T) {
	for _, tc := range []struct{ num, den, want int64 }{
		{5, 10, 1}, {4, 10, 0}, {15, 10, 2}, {14, 10, 1}, {0, 7, 0},
		{10000, 3, 3333}, {20000, 3, 6667}, {5e7, 1e4, 5000},
	} {
		require.Equal(t, tc.want, roundDiv(tc.num, tc.den), "%d/%d", tc.num, tc.den)
	}
}

// TestLinearPointsWide checks the 128-bit path against big integers.
func TestLinearPointsWide(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		worst := -r.Int64N(1e18)
		best := r.Int64N(1e18)
		if r.IntN(2) == 0 {
			best = worst + 1 + r.Int64N(1<<40)
		}
		v := worst + r.Int64N(best-worst+1)
		// The points of v on a line, as read scores it (u = sign·v).
		line := func(sign, v, worst, best int64) int64 {
			m := measure{sign: sign}
			m.setLine(worst, best)
			return linePoints(sign*v-m.origin, m.span, m.inv)
		}
		got := line(1, v, worst, best)
		num := new(big.Int).Mul(big.NewInt(2*fullPoints), new(big.Int).Sub(big.NewInt(v), big.NewInt(worst)))
		den := new(big.Int).Sub(big.NewInt(best), big.NewInt(worst))
		num.Add(num, den)
		want := num.Quo(num, den.Mul(den, big.NewInt(2))).Int64()
		require.Equal(t, min(want, fullPoints), got, "v=%d [%d, %d]", v, worst, best)
		// Lower is better: the mirror image.
		require.Equal(t, got, line(-1, -v, -worst, -best))
	}
}

// TestRoundMillionths checks the rounding of raw values against math.Round.
func TestRoundMillionths(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, x := range []float64{0, 0.5e-6, -0.5e-6, 0.4999999e-6, 1.5e-6, 2.5e-6, -2.5e-6, 0.3, 0.1 + 0.2, 1e12, -1e12, 123456.7894565, 4503599627.370496} {
		require.Equal(t, int64(math.Round(x*1e6)), roundMillionths(x), "%v", x)
	}
	for range 100000 {
		x := (r.Float64()*2 - 1) * math.Pow(10, float64(r.IntN(19)-6))
		require.Equal(t, int64(math.Round(x*1e6)), roundMillionths(x), "%v", x)
	}
}

// TestDivisor checks the fixed divisors against integer division.
func TestDivisor(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, d := range []uint64{1, 2, 3, 7, 20000, 1<<32 - 1, 1 << 32, 1<<40 + 3} {
		v := newDivisor(d)
		for _, n := range []uint64{0, 1, d - 1, d, d + 1, 1<<32 - 1, 1 << 32, 10000 * d, 10000*d + d - 1} {
			if n/d < 1<<50 {
				require.Equal(t, n/d, v.floor(n), "%d/%d", n, d)
			}
		}
	}
	for range 200000 {
		d := 1 + r.Uint64N(1<<uint(1+r.IntN(40)))
		n := r.Uint64N(1 << uint(1+r.IntN(48)))
		if n/d >= 1<<50 {
			continue
		}
		v := newDivisor(d)
		require.Equal(t, n/d, v.floor(n), "%d/%d", n, d)
	}
}
