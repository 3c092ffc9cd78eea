package roi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/bits"

	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// ROIPlaces is the number of decimal places of an ROI: (benefit − cost) /
// cost rounded down (towards minus infinity) to 0.0001, a hundredth of a
// percent [ours]. Rounding down, never to the nearest, keeps an ROI that
// may be published from overstating the return: 0.99995 is 0.9999 (99.99%),
// not 100%.
const ROIPlaces = 4

// PaybackPlaces is the number of decimal places of a payback period in
// months: cost / (benefit / 12) rounded up to 0.1 month [ours], so that a
// payback that may be published is never quicker than the exact one:
// 4.91 months is 5.0.
const PaybackPlaces = 1

// roiOf returns (b − c) / c rounded down to ROIPlaces places, with exactly
// ROIPlaces places (2.5 is 2.5000). c must be positive.
func roiOf(b, c decimal.Decimal) decimal.Decimal { return ratioOf(b, c).dec() }

// ratioOf is roiOf kept in int64 when it fits, as a portfolio compares and
// bands it without allocating.
func ratioOf(b, c decimal.Decimal) ratio {
	if v, ok := roiFast(b, c); ok {
		return ratio{v: v}
	}
	return ratio{d: divFloor(b.Sub(c), c, ROIPlaces), big: true}
}

// ratio is an ROI: v units of 10^-ROIPlaces, or d when it did not fit.
type ratio struct {
	v   int64
	d   decimal.Decimal
	big bool
}

// dec returns the ROI as a decimal with ROIPlaces places.
func (r ratio) dec() decimal.Decimal {
	if r.big {
		return r.d
	}
	return decimal.New(r.v, -ROIPlaces)
}

// cmp compares two ratios like Cmp.
func (r ratio) cmp(o ratio) int {
	if !r.big && !o.big {
		switch {
		case r.v < o.v:
			return -1
		case r.v > o.v:
			return 1
		}
		return 0
	}
	return r.dec().Cmp(o.dec())
}

// divFloor returns n / d rounded down (towards minus infinity) to places
// decimal places, with exactly that many places. d must be positive.
func divFloor(n, d decimal.Decimal, places int32) decimal.Decimal {
	q, r := n.QuoRem(d, places) // q truncated towards zero; r has n's sign
	if r.Sign() < 0 {
		q = q.Sub(decimal.New(1, -places))
	}
	return q
}

// divCeil returns n / d rounded up (towards plus infinity) to places
// decimal places, with exactly that many places. d must be positive.
func divCeil(n, d decimal.Decimal, places int32) decimal.Decimal {
	q, r := n.QuoRem(d, places)
	if r.Sign() > 0 {
		q = q.Add(decimal.New(1, -places))
	}
	return q
}

// roiFast is roiOf in int64 arithmetic, allocating nothing: it returns the
// ROI in units of 10^-ROIPlaces, and false when b or c has more than 18
// digits, their exponents are more than 18 apart, or an intermediate value
// outgrows 64 bits; roiOf then divides decimals instead. c must be
// positive and b not negative.
func roiFast(b, c decimal.Decimal) (int64, bool) {
	if b.NumDigits() > 18 || c.NumDigits() > 18 {
		return 0, false
	}
	cb, eb := b.CoefficientInt64(), int64(b.Exponent())
	cc, ec := c.CoefficientInt64(), int64(c.Exponent())
	// Bring both to the smaller exponent.
	if eb > ec {
		var ok bool
		if cb, ok = scaleUp(cb, eb-ec); !ok {
			return 0, false
		}
	} else if ec > eb {
		var ok bool
		if cc, ok = scaleUp(cc, ec-eb); !ok {
			return 0, false
		}
	}
	// (B − C) × 10^4 / C, rounded down. B and C are not negative, so
	// B − C cannot overflow.
	n := cb - cc
	neg := n < 0
	u := uint64(n)
	if neg {
		u = -u
	}
	hi, lo := bits.Mul64(u, roiUnit)
	if hi >= uint64(cc) {
		return 0, false // the quotient does not fit in 64 bits
	}
	q, r := bits.Div64(hi, lo, uint64(cc))
	if q >= math.MaxInt64 {
		return 0, false
	}
	if neg {
		if r != 0 { // down, away from zero for a negative quotient
			q++
		}
		return -int64(q), true
	}
	return int64(q), true
}

// roiUnit is 10^ROIPlaces.
const roiUnit = 10000

// scaleUp returns c × 10^k and whether it fits in an int64 (c ≥ 0, k > 0).
func scaleUp(c int64, k int64) (int64, bool) {
	if k > 18 {
		return 0, false
	}
	p := uint64(1)
	for ; k > 0; k-- {
		p *= 10
	}
	hi, lo := bits.Mul64(uint64(c), p)
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	return int64(lo), true
}

// twelve is the number of months in the year a payback divides by.
var twelve = decimal.New(12, 0)

// paybackOf returns the months of benefit that pay the annual cost c:
// c / (b / 12) = 12c / b, rounded up to PaybackPlaces; never when b is
// zero. c must be positive and b not negative.
func paybackOf(b, c decimal.Decimal) Payback {
	if b.Sign() <= 0 {
		return Payback{Never: true}
	}
	return Payback{Months: divCeil(c.Mul(twelve), b, PaybackPlaces)}
}

// Payback is how many months of benefit pay for a year's cost: annual cost
// / (benefit / 12), rounded up to one decimal place ([PaybackPlaces],
// [ours]: never quicker than the exact period). A benefit of zero never
// pays back: Never is true and Months is zero; no division happens.
//
// In JSON a payback is its months as a quoted decimal ("4.8") or the
// string "never". The zero Payback is zero months, "0".
type Payback struct {
	Months decimal.Decimal // months to pay back, ≥ 0; zero when Never
	Never  bool            // the benefit is zero: the cost is never paid back
}

// String returns "4.8 months" or "never".
func (p Payback) String() string {
	if p.Never {
		return "never"
	}
	return money.Format(p.Months) + " months"
}

// MarshalJSON encodes "never" or the months as a quoted decimal.
func (p Payback) MarshalJSON() ([]byte, error) {
	if p.Never {
		return []byte(`"never"`), nil
	}
	return money.JSON(p.Months).MarshalJSON()
}

// UnmarshalJSON decodes "never" or a number of months, not negative.
// Every error wraps [ErrInvalidResult]; on error p is left unchanged.
func (p *Payback) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte(`"never"`)) {
		*p = Payback{Never: true}
		return nil
	}
	var m money.JSON
	if err := json.Unmarshal(b, &m); err != nil {
		return decodeErr(ErrInvalidResult, "payback", err)
	}
	d := decimal.Decimal(m)
	if !money.InScale(d) {
		return decodeErr(ErrInvalidResult, "payback", fmt.Errorf("%w: exponent %d", ErrAmountOutOfRange, d.Exponent()))
	}
	if d.Sign() < 0 {
		return decodeErr(ErrInvalidResult, "payback", fmt.Errorf("%w: %s months", ErrNegative, num(d)))
	}
	*p = Payback{Months: d}
	return nil
}

// Paybacks is the payback at each point of a benefit range. The months
// fall as the benefit rises, so Low (from the low benefit) is the longest
// and High the shortest: Low ≥ Base ≥ High, with never longest of all.
type Paybacks struct {
	Low  Payback `json:"low"`
	Base Payback `json:"base"`
	High Payback `json:"high"`
}

// UnmarshalJSON decodes the three paybacks, all required. Every error
// wraps [ErrInvalidResult]; on error p is left unchanged.
func (p *Paybacks) UnmarshalJSON(b []byte) error {
	type wire struct {
		Low  *Payback `json:"low"`
		Base *Payback `json:"base"`
		High *Payback `json:"high"`
	}
	return decodeAs(b, p, ErrInvalidResult, "paybacks", func(w wire) (Paybacks, error) {
		if w.Low == nil || w.Base == nil || w.High == nil {
			return Paybacks{}, ErrMissing
		}
		return Paybacks{*w.Low, *w.Base, *w.High}, nil
	})
}

// rangeROI returns the ROI at each point of benefit b against cost c.
func rangeROI(b Range, c decimal.Decimal) Range {
	return Range{roiOf(b.Low, c), roiOf(b.Base, c), roiOf(b.High, c)}
}

// rangePayback returns the payback at each point of benefit b.
func rangePayback(b Range, c decimal.Decimal) Paybacks {
	return Paybacks{paybackOf(b.Low, c), paybackOf(b.Base, c), paybackOf(b.High, c)}
}
