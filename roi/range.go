package roi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Range is an estimate given as three points: a low (pessimistic), a base
// and a high (optimistic) value, each an exact decimal. Every estimated
// input of a derivation is a Range, and so is every result: each point is
// computed from the same point of every input, so the low result is the
// one where every input is at its low [ours].
//
// A valid Range has Low ≤ Base ≤ High ([Range.Validate]). A known number
// is a range whose three points are equal ([Point]).
//
// The zero Range is three zeros: a valid range, the point 0.
//
// In JSON a Range is an object of three quoted decimals,
// {"low": "0.1", "base": "0.15", "high": "0.2"}; a single decimal ("4000"
// or 4000) decodes as the point range of that value.
type Range struct {
	Low  decimal.Decimal `json:"low"`
	Base decimal.Decimal `json:"base"`
	High decimal.Decimal `json:"high"`
}

// Point returns the range whose three points are d.
func Point(d decimal.Decimal) Range { return Range{Low: d, Base: d, High: d} }

// IsPoint reports whether the three points are equal.
func (r Range) IsPoint() bool {
	return money.Cmp(r.Low, r.Base) == 0 && money.Cmp(r.Base, r.High) == 0
}

// Validate checks that the range can be computed with and is ordered.
//
// Validate returns an error if:
//   - a point's exponent is outside ±100 ([ErrAmountOutOfRange]);
//   - Low > Base or Base > High ([ErrRangeOrder]).
func (r Range) Validate() error {
	if err := checkScale(r); err != nil {
		return err
	}
	return checkOrder(r)
}

// points returns the three points with their names, for messages.
func (r Range) points() [3]struct {
	name string
	d    decimal.Decimal
} {
	return [3]struct {
		name string
		d    decimal.Decimal
	}{{"low", r.Low}, {"base", r.Base}, {"high", r.High}}
}

// checkScale returns an error wrapping ErrAmountOutOfRange for a point
// whose exponent is outside ±100. It reads no digit.
func checkScale(r Range) error {
	if money.InScale(r.Low) && money.InScale(r.Base) && money.InScale(r.High) {
		return nil
	}
	for _, p := range r.points() {
		if !money.InScale(p.d) {
			return fmt.Errorf("%w: %s has exponent %d, outside ±%d", ErrAmountOutOfRange, p.name, p.d.Exponent(), money.MaxScale)
		}
	}
	return nil
}

// checkOrder returns an error wrapping ErrRangeOrder unless
// Low ≤ Base ≤ High.
func checkOrder(r Range) error {
	if money.Cmp(r.Low, r.Base) > 0 {
		return fmt.Errorf("%w: low %s > base %s", ErrRangeOrder, num(r.Low), num(r.Base))
	}
	if money.Cmp(r.Base, r.High) > 0 {
		return fmt.Errorf("%w: base %s > high %s", ErrRangeOrder, num(r.Base), num(r.High))
	}
	return nil
}

// checkInput validates an estimated input of measure m: in scale, ordered,
// not negative, and for a rate at most 1.
func checkInput(r Range, m Measure) error {
	if err := r.Validate(); err != nil {
		return err
	}
	for _, p := range r.points() {
		if p.d.Sign() < 0 {
			if m == MeasureRate {
				return fmt.Errorf("%w: %s %s", ErrRateOutOfRange, p.name, num(p.d))
			}
			return fmt.Errorf("%w: %s %s", ErrNegative, p.name, num(p.d))
		}
		if m == MeasureRate && money.Cmp(p.d, one) > 0 {
			return fmt.Errorf("%w: %s %s", ErrRateOutOfRange, p.name, num(p.d))
		}
	}
	return nil
}

// one is the decimal 1, the largest rate.
var one = decimal.New(1, 0)

// num returns d for an error message: its plain text, or its digit count
// when it is too long to quote.
func num(d decimal.Decimal) string {
	if n := d.NumDigits(); n > 64 {
		return "(" + strconv.Itoa(n) + " digits)"
	}
	return money.Format(d)
}

// combine returns a op b point by point.
func combine(a Range, op Op, b Range) Range {
	switch op {
	case OpMultiply:
		return Range{a.Low.Mul(b.Low), a.Base.Mul(b.Base), a.High.Mul(b.High)}
	case OpAdd:
		return Range{a.Low.Add(b.Low), a.Base.Add(b.Base), a.High.Add(b.High)}
	case OpSubtract:
		return Range{a.Low.Sub(b.Low), a.Base.Sub(b.Base), a.High.Sub(b.High)}
	}
	return b // OpMetric: the metric itself
}

// rangeJSON is the wire form of a Range.
type rangeJSON struct {
	Low  money.JSON `json:"low"`
	Base money.JSON `json:"base"`
	High money.JSON `json:"high"`
}

// MarshalJSON encodes the range as {"low": "…", "base": "…", "high": "…"}
// with each point's exact digits. A point whose exponent is outside ±100
// fails with [ErrAmountOutOfRange].
func (r Range) MarshalJSON() ([]byte, error) {
	return json.Marshal(rangeJSON{money.JSON(r.Low), money.JSON(r.Base), money.JSON(r.High)})
}

// UnmarshalJSON decodes a range object (all three keys required, no
// other) or a single decimal, the point range of that value. It checks
// each point's scale ([ErrAmountOutOfRange]) but not the order of the
// points: the record holding the range checks that in its Validate, which
// names the field ("scenarios[0].logic.win_rate"), and every record's
// decoder calls it. Every error wraps [ErrInvalidRange]; on error r is left
// unchanged.
func (r *Range) UnmarshalJSON(b []byte) error {
	v, err := decodeRange(b)
	if err != nil {
		return decodeErr(ErrInvalidRange, "range", err)
	}
	*r = v
	return nil
}

func decodeRange(b []byte) (Range, error) {
	t := bytes.TrimSpace(b)
	if len(t) > 0 && t[0] != '{' {
		if bytes.Equal(t, []byte("null")) {
			return Range{}, ErrMissing
		}
		d, err := decodeValue[money.JSON](t)
		if err != nil {
			return Range{}, err
		}
		r := Point(decimal.Decimal(d))
		return r, checkScale(r)
	}
	var w struct {
		Low  in[money.JSON] `json:"low"`
		Base in[money.JSON] `json:"base"`
		High in[money.JSON] `json:"high"`
	}
	if err := jsonstrict.Decode(b, &w); err != nil {
		return Range{}, err
	}
	var r Range
	for _, p := range []struct {
		name string
		in   in[money.JSON]
		dst  *decimal.Decimal
	}{{"low", w.Low, &r.Low}, {"base", w.Base, &r.Base}, {"high", w.High, &r.High}} {
		d, err := p.in.get(p.name)
		if err != nil {
			return Range{}, err
		}
		*p.dst = decimal.Decimal(d)
	}
	return r, checkScale(r)
}

// String returns the three points exactly, with thousands separated and
// trailing zeros dropped: "1,000 / 1,200.5 / 1,500", or one value when
// they are equal.
func (r Range) String() string { return writeRange(r, MeasureCount, "", -1) }

// writeRange writes r in the explanation's words: points separated by
// " / " (one value for a point range), rates as percentages, money after
// the currency label, and, when places ≥ 0, values rounded down to at
// most that many decimal places.
func writeRange(r Range, m Measure, currency string, places int32) string {
	var b strings.Builder
	if m == MeasureMoney && currency != "" {
		b.WriteString(currency)
		b.WriteByte(' ')
	}
	if r.IsPoint() {
		writeNum(&b, r.Base, m, places)
		return b.String()
	}
	writeNum(&b, r.Low, m, places)
	b.WriteString(" / ")
	writeNum(&b, r.Base, m, places)
	b.WriteString(" / ")
	writeNum(&b, r.High, m, places)
	return b.String()
}

// writeNum writes d with thousands separators and no trailing zeros after
// the point; a rate as a percentage ("12.5%"). When places ≥ 0 and d has
// more decimal places (as a percentage, for a rate), it is rounded down
// (towards minus infinity) to places, so that a written figure never
// shows more than the exact one.
func writeNum(b *strings.Builder, d decimal.Decimal, m Measure, places int32) {
	if m == MeasureRate {
		d = d.Shift(2)
	}
	if places >= 0 && d.Exponent() < -places {
		d = d.RoundFloor(places)
	}
	s := money.Format(d)
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s[0] == '-' {
		b.WriteByte('-')
		s = s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	for i := 0; i < len(intPart); i++ {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(intPart[i])
	}
	b.WriteString(frac)
	if m == MeasureRate {
		b.WriteByte('%')
	}
}
