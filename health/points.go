package health

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"

	"github.com/cskit/cskit/internal/fault"
)

// Points is a score, a measure's points, a contribution or a change of
// score, exact to the hundredth of a point. It is a fixed-point number:
// Hundredths(5034) is 50.34, and every sum of Points is exact, so
// 0.4·50 + 0.3·50 + 0.3·50 is 50.00, never 49.99.
//
// The zero Points is 0.00. Points are comparable with == and ordered by
// [Points.Cmp]; they encode in JSON as a number with two decimals (50.34,
// 50.00, -3.50) and decode from a JSON number with at most two decimals.
type Points struct {
	h int64 // hundredths of a point
}

// Hundredths returns the Points of n hundredths of a point.
func Hundredths(n int64) Points { return Points{h: n} }

// Hundredths returns p in hundredths of a point: 5034 for 50.34.
func (p Points) Hundredths() int64 { return p.h }

// Float64 returns p as a float64 (50.34), for charts and statistics; every
// decision of this package is made on the exact value.
func (p Points) Float64() float64 { return float64(p.h) / 100 }

// Cmp returns -1, 0 or +1 as p is below, equal to or above q.
func (p Points) Cmp(q Points) int {
	switch {
	case p.h < q.h:
		return -1
	case p.h > q.h:
		return 1
	}
	return 0
}

// String returns p with two decimals: "50.34", "50.00", "-3.50".
func (p Points) String() string { return string(p.AppendText(nil)) }

// AppendText appends [Points.String] to b.
func (p Points) AppendText(b []byte) []byte {
	h := p.h
	if h < 0 {
		b = append(b, '-')
	}
	u := uint64(h)
	if h < 0 {
		u = -u
	}
	b = strconv.AppendUint(b, u/100, 10)
	f := u % 100
	return append(b, '.', byte('0'+f/10), byte('0'+f%10))
}

// MarshalJSON encodes p as a JSON number with two decimals.
func (p Points) MarshalJSON() ([]byte, error) { return p.AppendText(nil), nil }

// UnmarshalJSON decodes a JSON number with at most two decimals and no
// exponent, exactly from its digits; null leaves p alone. Other text is an
// error wrapping [ErrInvalidNumber].
func (p *Points) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	h, err := parseFixed(string(b), 2)
	if err != nil {
		return err
	}
	p.h = h
	return nil
}

// maxFixedDigits bounds the significant digits parseFixed reads, so the
// scaled value fits in an int64 (10^18 < 2^63).
const maxFixedDigits = 18

// parseFixed reads decimal text with at most places decimals ("-3.5",
// "50.34", "7") into an integer scaled by 10^places, from its digits alone.
// It refuses exponents, empty text and scaled values with more than 18
// digits.
func parseFixed(s string, places int) (int64, error) {
	bad := func() (int64, error) {
		return 0, fmt.Errorf("%w: %s is not a number with at most %d decimals", ErrInvalidNumber, fault.Quote(s), places)
	}
	if s == "" {
		return bad()
	}
	neg := false
	body := s
	if body[0] == '-' {
		neg, body = true, body[1:]
	}
	var v int64
	digits, frac, dot := 0, 0, false
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c >= '0' && c <= '9':
			if dot {
				frac++
				if frac > places {
					// Trailing zeros beyond the places are exact.
					if c != '0' {
						return bad()
					}
					continue
				}
			}
			if digits > 0 || c != '0' {
				digits++
			}
			if digits > maxFixedDigits {
				return bad()
			}
			v = v*10 + int64(c-'0')
		case c == '.' && !dot && i > 0:
			dot = true
		default:
			return bad()
		}
	}
	if len(body) == 0 || body[len(body)-1] == '.' {
		return bad()
	}
	for ; frac < places; frac++ {
		if v > math.MaxInt64/10 {
			return bad()
		}
		v *= 10
	}
	if neg {
		v = -v
	}
	return v, nil
}

// The fixed-point scales of the numbers a scorecard holds.
const (
	pointScale  = 100       // points, cut-offs and coverage: hundredths
	weightScale = 10_000    // weights: four decimals
	valueScale  = 1_000_000 // raw values and thresholds: six decimals

	fullPoints = 100 * pointScale // 100.00 points in hundredths

	maxWeight = 1000 // the largest weight
	maxValue  = 1e12 // the largest raw value or threshold, in magnitude
	maxItems  = 64   // the most measures, groups or steps of a scorecard
	maxName   = 200  // the longest name, in bytes
)

// fixed converts a float64 that should hold a decimal with at most places
// decimals (scale = 10^places) into that decimal scaled to an integer,
// exactly: 0.3 with scale 10^6 is 300000. It refuses NaN, infinities, |x|
// above limit, and values with more decimals than places.
//
// The test is exact: a float64 x read from decimal text d with at most
// places decimals rounds to d·scale, and float64(d·scale)/scale, a
// correctly rounded division, gives x back; a value with more decimals
// does not come back.
func fixed(x float64, scale int64, limit float64) (int64, error) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%w: %v is not a finite number", ErrInvalidNumber, x)
	}
	if math.Abs(x) > limit {
		return 0, fmt.Errorf("%w: %v is beyond ±%v", ErrInvalidNumber, x, limit)
	}
	r := math.Round(x * float64(scale))
	if r/float64(scale) != x {
		return 0, fmt.Errorf("%w: %v has more than %d decimals", ErrInvalidNumber, x, decimals(scale))
	}
	return int64(r), nil
}

// decimals returns log10(scale).
func decimals(scale int64) int {
	n := 0
	for ; scale > 1; scale /= 10 {
		n++
	}
	return n
}

// pointsOf converts points given as a float64 (a rule's points, a cut-off,
// an override) into hundredths: in [0, 100], at most two decimals.
func pointsOf(x float64) (int64, error) {
	h, err := fixed(x, pointScale, 1e15)
	if err != nil {
		return 0, err
	}
	if h < 0 || h > fullPoints {
		return 0, fmt.Errorf("%w: %v points is outside [0, 100]", ErrInvalidNumber, x)
	}
	return h, nil
}

// rawOf converts a raw value or threshold into millionths, rounding to the
// nearest millionth (half away from zero): a raw value may have any number
// of decimals, a threshold is checked by thresholdOf.
func rawOf(x float64) (int64, error) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%w: %v is not a finite number", ErrInvalidNumber, x)
	}
	if math.Abs(x) > maxValue {
		return 0, fmt.Errorf("%w: %v is beyond ±%v", ErrInvalidNumber, x, float64(maxValue))
	}
	return roundMillionths(x), nil
}

// roundMillionths returns x·10^6 rounded half away from zero (as
// math.Round), for |x| ≤ 10^12, so that the product fits in an int64.
func roundMillionths(x float64) int64 {
	t := x * valueScale
	v := int64(t) // toward zero; t − v is exact
	if d := t - float64(v); d >= 0.5 {
		v++
	} else if d <= -0.5 {
		v--
	}
	return v
}

// thresholdOf converts a threshold into millionths: at most six decimals.
func thresholdOf(x float64) (int64, error) { return fixed(x, valueScale, maxValue) }

// weightOf converts a weight into ten-thousandths: above zero, at most
// 1000, at most four decimals.
func weightOf(x float64) (int64, error) {
	w, err := fixed(x, weightScale, 1e15)
	if err != nil {
		return 0, err
	}
	if w <= 0 {
		return 0, fmt.Errorf("%w: %v is not above zero", ErrInvalidWeight, x)
	}
	if w > maxWeight*weightScale {
		return 0, fmt.Errorf("%w: %v is above %d", ErrInvalidWeight, x, maxWeight)
	}
	return w, nil
}

// roundDiv returns num/den rounded half up, for 0 ≤ num < 2^61 and
// 0 < den < 2^61 whose quotient is below 2^50 (every score, coverage and
// mean here is at most 10^4 hundredths).
func roundDiv(num, den int64) int64 {
	return int64(divFloor(uint64(2*num+den), uint64(2*den)))
}

// divFloor returns ⌊n/d⌋ for 0 < d < 2^63, n < 2^63 and a quotient below
// 2^50. A float64
// division estimates it (a 64-bit integer division costs several times
// more on common CPUs) and integer arithmetic corrects the estimate, which
// is within one of the quotient, so the result is exact on every machine
// whatever the float rounding.
func divFloor(n, d uint64) uint64 {
	return divFloorInv(n, d, 1/float64(int64(d)))
}

// divFloorInv is divFloor with inv = 1/d given (as computed in float64),
// to estimate by a multiplication.
func divFloorInv(n, d uint64, inv float64) uint64 {
	// n < 2^63: the signed conversions are single instructions on amd64.
	q := uint64(int64(float64(int64(n)) * inv))
	if q*d > n { // q ≤ n/d + 1, so q·d ≤ n + d: no overflow
		q--
	} else if n-q*d >= d {
		q++
	}
	return q
}

// divisor divides by a fixed d ≥ 1 fast and exactly: by one
// multiplication for a numerator and divisor below 2^32 (Lemire, Kaser
// and Kurz, "Faster remainder by direct computation", 2019: ⌊n/d⌋ is the
// high word of (⌊(2^64−1)/d⌋+1)·n), else by divFloorInv.
type divisor struct {
	d   uint64
	m   uint64 // the multiplier, or 0 when d ≥ 2^32 or d = 1
	inv float64
}

// newDivisor returns the divisor d ≥ 1.
func newDivisor(d uint64) divisor {
	v := divisor{d: d, inv: 1 / float64(int64(d))}
	if d >= 2 && d < 1<<32 {
		v.m = ^uint64(0)/d + 1
	}
	return v
}

// floor returns ⌊n/d⌋, for n < 2^63 and a quotient below 2^50.
func (v *divisor) floor(n uint64) uint64 {
	if v.m != 0 && n < 1<<32 {
		hi, _ := bits.Mul64(v.m, n)
		return hi
	}
	return divFloorInv(n, v.d, v.inv) // exact for d = 1 too: n < 2^53 here
}

// roundHalf returns num/(d/2) rounded half up, for the divisor d = 2·den:
// ⌊(2·num + den)/(2·den)⌋.
func (v *divisor) roundHalf(num int64) int64 {
	return int64(v.floor(uint64(2*num) + v.d/2))
}
