package capacity

import (
	"bytes"
	"fmt"
	"math"
	"strconv"

	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Currency is an ISO 4217 currency code such as "JPY" or "USD": three
// upper-case letters. Every amount of this package belongs to a currency
// and is never converted into another: combining two currencies is an
// error ([ErrCurrencyMismatch]) and a benchmark in another currency is not
// comparable ([VerdictNotComparable]). The zero Currency is "no currency",
// invalid where money is involved; it encodes as "".
type Currency string

// Validate returns an error wrapping [ErrInvalidCurrency] unless c is three
// upper-case ASCII letters.
func (c Currency) Validate() error {
	if len(c) != 3 {
		return fmt.Errorf("%w: %s is not a three-letter code", ErrInvalidCurrency, fault.Quote(string(c)))
	}
	for i := 0; i < 3; i++ {
		if c[i] < 'A' || c[i] > 'Z' {
			return fmt.Errorf("%w: %s is not a three-letter code", ErrInvalidCurrency, fault.Quote(string(c)))
		}
	}
	return nil
}

// MarshalText encodes the code; the zero Currency encodes as "". A
// non-empty invalid code is an error.
func (c Currency) MarshalText() ([]byte, error) {
	if c == "" {
		return nil, nil
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return []byte(c), nil
}

// UnmarshalText decodes a three-letter code, or "" (the zero Currency).
// Other text is an error wrapping [ErrInvalidCurrency]; c is left alone.
func (c *Currency) UnmarshalText(b []byte) error {
	v := Currency(b)
	if v != "" {
		if err := v.Validate(); err != nil {
			return err
		}
	}
	*c = v
	return nil
}

// Figure is a decimal that may be undefined: a figure per CSM of a group
// with no CSMs, a utilisation with no capacity set. An undefined figure is
// "no data", never zero and never NaN. The zero Figure is undefined; it
// encodes as JSON null and a defined one as a quoted exact decimal.
type Figure struct {
	Value   decimal.Decimal // the figure, when Defined
	Defined bool            // false: no data
}

func defined(d decimal.Decimal) Figure { return Figure{Value: d, Defined: true} }

// String returns the exact decimal, or "no data".
func (f Figure) String() string {
	if !f.Defined {
		return "no data"
	}
	return money.Format(f.Value)
}

// MarshalJSON encodes null, or the value as a quoted exact decimal.
func (f Figure) MarshalJSON() ([]byte, error) {
	if !f.Defined {
		return []byte("null"), nil
	}
	return money.JSON(f.Value).MarshalJSON()
}

// UnmarshalJSON decodes null (undefined) or a decimal, quoted or bare.
// Errors wrap [ErrInvalidRecord].
func (f *Figure) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*f = Figure{}
		return nil
	}
	var m money.JSON
	if err := m.UnmarshalJSON(b); err != nil {
		return decodeErr(ErrInvalidRecord, "figure", err)
	}
	if !money.InScale(decimal.Decimal(m)) {
		return decodeErr(ErrInvalidRecord, "figure", checkAmount(decimal.Decimal(m)))
	}
	*f = defined(decimal.Decimal(m))
	return nil
}

// Points is a workload, counted in thousandths of a point as
// [time.Duration] counts nanoseconds: write weights and limits in [Point]s
// (3 * capacity.Point, or 1500 for 1.5 points). Loads are exact integers,
// so adding them in any order (or merging books in any grouping) gives the
// same total, and a tie between two CSMs is a real tie. Its text is a
// plain decimal with at most three places ("1.5", "3", "0.125").
type Points int64

// Point is one point of load: Points(1000).
const Point Points = 1000

// MaxWeight is the largest weight of one item of load: 1000 points.
const MaxWeight Points = 1000 * Point

// maxCount is the largest count an account may carry in one load field
// (renewals due, open churn cases).
const maxCount = 1000

// maxLoad is the largest load a CSM may carry before totals would come
// near the int64 limit; a book that passes it is refused.
const maxLoad Points = 1 << 60

// String returns the points as a plain decimal with no trailing zeros:
// "1.5", "3", "0.125".
func (p Points) String() string { return string(p.AppendText(nil)) }

// AppendText appends the text of p to b.
func (p Points) AppendText(b []byte) []byte {
	u := uint64(p)
	if p < 0 {
		b = append(b, '-')
		u = -u
	}
	b = strconv.AppendUint(b, u/1000, 10)
	if f := u % 1000; f != 0 {
		d := [3]byte{byte('0' + f/100), byte('0' + f/10%10), byte('0' + f%10)}
		n := 3
		for d[n-1] == '0' {
			n--
		}
		b = append(b, '.')
		b = append(b, d[:n]...)
	}
	return b
}

// Decimal returns p as an exact decimal number of points.
func (p Points) Decimal() decimal.Decimal { return decimal.New(int64(p), -3) }

// ParsePoints reads a plain decimal number of points with at most three
// decimal places ("1.5", "12", "0.125"), not negative, at most 10^15.
// Other text is an error wrapping [ErrInvalidPoints].
func ParsePoints(s string) (Points, error) {
	bad := func(why string) (Points, error) {
		return 0, fmt.Errorf("%w: %s: %s", ErrInvalidPoints, fault.Quote(s), why)
	}
	if s == "" {
		return bad("empty")
	}
	var whole, frac uint64
	digits, places, dot := 0, 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if dot {
				if places == 3 {
					return bad("more than three decimal places")
				}
				frac = frac*10 + uint64(c-'0')
				places++
			} else {
				if digits == 15 {
					return bad("too large")
				}
				whole = whole*10 + uint64(c-'0')
				digits++
			}
		case c == '.' && !dot:
			dot = true
		case c == '-' && i == 0:
			return bad("negative")
		default:
			return bad("not a plain decimal")
		}
	}
	if digits == 0 && places == 0 {
		return bad("no digits")
	}
	for ; places < 3; places++ {
		frac *= 10
	}
	return Points(whole*1000 + frac), nil
}

// MarshalJSON encodes the points as a JSON number ("1.5").
func (p Points) MarshalJSON() ([]byte, error) { return p.AppendText(nil), nil }

// UnmarshalJSON decodes a JSON number or string of points (see
// [ParsePoints]); errors wrap [ErrInvalidPoints].
func (p *Points) UnmarshalJSON(b []byte) error {
	s := b
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	v, err := ParsePoints(string(s))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// LTV is a customer lifetime value: an amount, or unbounded when the churn
// rate is zero (no division happens). An unbounded LTV is +∞ when each
// account makes a gross profit, and −∞ when it makes a gross loss: Value is
// then −1. It encodes as a quoted exact decimal, "unbounded" or
// "-unbounded".
type LTV struct {
	// Value is the amount when not Unbounded; when Unbounded, −1 for −∞
	// and 0 for +∞.
	Value     decimal.Decimal
	Unbounded bool // the churn rate is zero
}

// String returns the amount, "unbounded" or "-unbounded".
func (l LTV) String() string {
	switch {
	case !l.Unbounded:
		return money.Format(l.Value)
	case l.Value.Sign() < 0:
		return "-unbounded"
	}
	return "unbounded"
}

// MarshalJSON encodes "unbounded", "-unbounded" or the amount as a quoted
// exact decimal.
func (l LTV) MarshalJSON() ([]byte, error) {
	if l.Unbounded {
		return []byte(`"` + l.String() + `"`), nil
	}
	return money.JSON(l.Value).MarshalJSON()
}

// UnmarshalJSON decodes "unbounded", "-unbounded" or an amount; errors wrap
// [ErrInvalidRecord].
func (l *LTV) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case `"unbounded"`:
		*l = LTV{Unbounded: true}
		return nil
	case `"-unbounded"`:
		*l = LTV{Value: decimal.New(-1, 0), Unbounded: true}
		return nil
	}
	var m money.JSON
	if err := m.UnmarshalJSON(b); err != nil {
		return decodeErr(ErrInvalidRecord, "ltv", err)
	}
	if !money.InScale(decimal.Decimal(m)) {
		return decodeErr(ErrInvalidRecord, "ltv", checkAmount(decimal.Decimal(m)))
	}
	*l = LTV{Value: decimal.Decimal(m)}
	return nil
}

// MaxHeadcount is the largest headcount this package reports: a plan that
// would need more CSMs (an absurd target) reports MaxHeadcount.
const MaxHeadcount = math.MaxInt32

// wholeCSMs returns total / per rounded up to a whole number of people
// (ceil), 0 for a zero total, at most MaxHeadcount. per must be positive.
// The division is exact: decimal's QuoRem, no rounding setting involved.
func wholeCSMs(total, per decimal.Decimal) int {
	if total.Sign() <= 0 {
		return 0
	}
	q, r := total.QuoRem(per, 0)
	if !r.IsZero() {
		q = q.Add(decimal.New(1, 0))
	}
	if q.Cmp(decimal.NewFromInt(MaxHeadcount)) > 0 {
		return MaxHeadcount
	}
	return int(q.IntPart())
}

// CSMsFor returns the CSMs a book of arr needs at perCSM ARR per CSM, in
// whole people rounded up: ARR ¥10B at ¥200M per CSM needs 50 CSMs, and
// ¥10.1B needs 51 (50.5 rounded up) [seed 000]. Zero ARR needs none.
//
// CSMsFor returns an error if:
//   - arr is negative ([ErrNegativeAmount]) or out of range
//     ([ErrAmountOutOfRange]);
//   - perCSM is zero ([ErrHeadcount]: no figure per CSM), negative or out
//     of range.
func CSMsFor(arr, perCSM decimal.Decimal) (int, error) {
	if err := checkAmount(arr); err != nil {
		return 0, fieldErr("", "arr", err)
	}
	if err := checkPositive(perCSM, fmt.Errorf("%w: zero ARR per CSM", ErrHeadcount)); err != nil {
		return 0, fieldErr("", "per_csm", err)
	}
	return wholeCSMs(arr, perCSM), nil
}
