package money

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// maxDigits is the most digits a coefficient may have to be kept in an
// int64: every 18-digit number is below 10^18 < 2^63.
const maxDigits = 18

// powers are 10^k for k in 0..18, every power of ten an int64 holds.
var powers = [maxDigits + 1]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// pow10 returns 10^k for k in 0..18.
func pow10(k int64) uint64 { return powers[k] }

// coefficient returns d's coefficient and whether it has at most maxDigits
// digits; the coefficient is meaningful only then. It allocates nothing.
// NumDigits is the only way decimal offers to size a coefficient without
// copying it; it costs about as much as the addition itself, which is why
// an [Amount] reads a decimal once for several totals.
func coefficient(d decimal.Decimal) (int64, bool) {
	if d.NumDigits() > maxDigits {
		return 0, false
	}
	return d.CoefficientInt64(), true
}

// Sum is an exact running total of decimals that costs what int64
// arithmetic costs. A book of a million amounts summed with
// decimal.Decimal.Add builds a million big.Int values; a Sum builds none.
//
// A Sum keeps an int64 coefficient scaled to the smallest exponent it has
// seen. An amount whose coefficient has at most 18 digits and whose exponent
// is within 18 of that scale is added in the int64, with overflow checks. An
// amount that does not fit (a huge coefficient or exponent) or an addition
// that would overflow goes exactly into a decimal.Decimal kept beside the
// int64, so the total is exact for every input; only those rare amounts
// allocate.
//
// The result has the exponent [decimal.Decimal.Add] would give when folding
// the same amounts into a zero decimal.Decimal: the smallest exponent of
// any amount added, or 0 if that is larger. So a total of 1.50 and 2.25 is
// 3.75 and [Format] writes it "3.75"; a total of yen amounts is an integer.
//
// The zero Sum is zero and ready to use. A Sum is a value: copying it copies
// the total, and the copies move independently. It is not safe for
// concurrent use.
type Sum struct {
	coef  int64           // the int64 part: coef × 10^exp
	exp   int32           // the scale: the smallest exponent seen, never above 0
	spill decimal.Decimal // the part that did not fit; its exponent is never below exp
}

// Amount is a decimal read once for repeated use with a [Sum] or
// [CmpAmounts]: reading a decimal's coefficient costs more than adding it,
// so a row whose amount goes into several totals reads it once.
//
// The zero Amount is zero.
type Amount struct {
	d    decimal.Decimal // the amount
	coef int64           // its coefficient, when small
	// exp is the amount's exponent when its coefficient has at most
	// maxDigits digits, and notSmall otherwise, a value no int32 exponent
	// equals, so that one comparison asks both.
	exp int64
}

// notSmall is the exp of an Amount whose coefficient does not fit.
const notSmall = math.MaxInt64

// Of reads d into an Amount.
func Of(d decimal.Decimal) Amount {
	if c, ok := coefficient(d); ok {
		return Amount{d: d, coef: c, exp: int64(d.Exponent())}
	}
	return Amount{d: d, exp: notSmall}
}

// small reports whether a's coefficient has at most maxDigits digits.
func (a Amount) small() bool { return a.exp != notSmall }

// IsZero reports whether a is zero (a coefficient of more than maxDigits
// digits is not).
func (a Amount) IsZero() bool { return a.coef == 0 && a.small() }

// Decimal returns the amount read.
func (a Amount) Decimal() decimal.Decimal { return a.d }

// Add adds d to s.
func (s *Sum) Add(d decimal.Decimal) { s.AddAmount(Of(d)) }

// Sub subtracts d from s.
func (s *Sum) Sub(d decimal.Decimal) { s.SubAmount(Of(d)) }

// AddAmount adds a to s, as Add(a.Decimal()) but without reading the
// decimal again.
func (s *Sum) AddAmount(a Amount) {
	// The common case: a small amount at the total's scale, added to a
	// total in [-2^62, 2^62) (bits 62 and 63 agree). Its coefficient is
	// below 10^18 < 2^60, so the result cannot overflow.
	if a.exp == int64(s.exp) && s.coef>>62 == s.coef>>63 {
		s.coef += a.coef
		return
	}
	if v, ok := s.rescaled(a); ok {
		s.coef += v
		return
	}
	s.addAmount(a, false)
}

// SubAmount subtracts a from s, as Sub(a.Decimal()).
func (s *Sum) SubAmount(a Amount) {
	if a.exp == int64(s.exp) && s.coef>>62 == s.coef>>63 { // as AddAmount
		s.coef -= a.coef
		return
	}
	if v, ok := s.rescaled(a); ok {
		s.coef -= v
		return
	}
	s.addAmount(a, true)
}

// rescaled returns the coefficient of the small amount a at the scale of
// s, when a has fewer places than s (a yen amount into a total with cents)
// and both it and the total stay within [-2^62, 2^62), so that adding or
// subtracting it cannot overflow.
func (s *Sum) rescaled(a Amount) (int64, bool) {
	k := uint64(a.exp - int64(s.exp)) // a.exp < s.exp or notSmall: above maxDigits
	if k > maxDigits || s.coef>>62 != s.coef>>63 {
		return 0, false
	}
	u := uint64(a.coef)
	if a.coef < 0 {
		u = -u
	}
	hi, lo := bits.Mul64(u, powers[k])
	if hi != 0 || lo >= 1<<62 {
		return 0, false
	}
	if a.coef < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}

// addAmount is AddAmount (SubAmount when neg) off the common case.
func (s *Sum) addAmount(a Amount, neg bool) {
	if !a.small() {
		s.addBig(a.d, neg)
		return
	}
	c := a.coef
	if neg {
		c = -c // |c| < 10^18: cannot overflow
	}
	s.addCoef(c, int32(a.exp))
}

// AddSum adds the total of o to s, as if every amount added to o had been
// added to s. It allocates only when either Sum has spilled.
func (s *Sum) AddSum(o Sum) {
	s.addCoef(o.coef, o.exp)
	if !o.spill.IsZero() {
		s.spill = s.spill.Add(o.spill)
	}
}

// Decimal returns the total. It allocates the result (nothing for a Sum to
// which nothing was added).
func (s Sum) Decimal() decimal.Decimal {
	if s.coef == 0 && s.exp == 0 && s.spill.IsZero() {
		return decimal.Decimal{}
	}
	small := decimal.New(s.coef, s.exp)
	if s.spill.IsZero() {
		return small
	}
	return s.spill.Add(small)
}

// IsZero reports whether the total is zero. It allocates only when s has
// spilled.
func (s Sum) IsZero() bool {
	if s.spill.IsZero() {
		return s.coef == 0
	}
	// The two parts may cancel: -8999999999999999991 in the int64 and
	// +8999999999999999991 spilled.
	return s.Decimal().IsZero()
}

// addBig adds d, whose coefficient has more than maxDigits digits, to the
// spill (subtracts it when neg).
func (s *Sum) addBig(d decimal.Decimal, neg bool) {
	if e := d.Exponent(); e < s.exp {
		s.lower(e)
	}
	if neg {
		s.spill = s.spill.Sub(d)
	} else {
		s.spill = s.spill.Add(d)
	}
}

// addCoef adds c × 10^e.
func (s *Sum) addCoef(c int64, e int32) {
	if e < s.exp {
		s.lower(e)
	}
	if c == 0 {
		return
	}
	v, ok := scale(c, int64(e)-int64(s.exp))
	if !ok {
		s.spill = s.spill.Add(decimal.New(c, e))
		return
	}
	sum := s.coef + v
	if (s.coef^sum)&(v^sum) < 0 { // signed overflow
		s.spillCoef()
		sum = v
	}
	s.coef = sum
}

// lower moves the scale down to e (< s.exp), rescaling the int64 part, or
// spilling it when it would not fit.
func (s *Sum) lower(e int32) {
	if s.coef != 0 {
		if v, ok := scale(s.coef, int64(s.exp)-int64(e)); ok {
			s.coef = v
		} else {
			s.spillCoef()
		}
	}
	s.exp = e
}

// spillCoef moves the int64 part into the spill.
func (s *Sum) spillCoef() {
	s.spill = s.spill.Add(decimal.New(s.coef, s.exp))
	s.coef = 0
}

// scale returns c × 10^k and whether it fits in an int64 (k ≥ 0). It keeps
// clear of math.MinInt64 so the result can always be negated.
func scale(c int64, k int64) (int64, bool) {
	if k == 0 {
		return c, true
	}
	if k > maxDigits {
		return 0, false
	}
	u := uint64(c)
	if c < 0 {
		u = -u
	}
	hi, lo := bits.Mul64(u, pow10(k))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if c < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}

// Cmp compares a and b like a.Cmp(b): -1 if a < b, 0 if equal, +1 if
// a > b. Unlike decimal's Cmp it allocates nothing when the two exponents
// differ, as long as both coefficients have at most 18 digits and the
// exponents are within 18 of each other; otherwise it falls back to
// decimal's Cmp.
func Cmp(a, b decimal.Decimal) int { return CmpAmounts(Of(a), Of(b)) }

// CmpAmounts is [Cmp] on amounts already read.
func CmpAmounts(a, b Amount) int {
	if a.small() && b.small() {
		if a.exp >= b.exp {
			if v, ok := scale(a.coef, a.exp-b.exp); ok {
				return compare(v, b.coef)
			}
		} else if v, ok := scale(b.coef, b.exp-a.exp); ok {
			return compare(a.coef, v)
		}
	}
	return a.d.Cmp(b.d)
}

func compare(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
