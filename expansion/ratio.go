package expansion

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Ratio is a count KPI: Num of Den (accounts, seats, leads). Den == 0 is
// "no data", never 0%; it encodes to JSON as {"num":7,"den":10}, so no NaN
// can appear.
type Ratio struct {
	Num int64 `json:"num"` // the count that meets the KPI
	Den int64 `json:"den"` // the count measured; zero means no data
}

// Value returns Num/Den and true, or 0 and false when Den is zero.
func (r Ratio) Value() (float64, bool) {
	if r.Den == 0 {
		return 0, false
	}
	return float64(r.Num) / float64(r.Den), true
}

// Percent returns 100·Num/Den rounded half away from zero to places
// decimal places, exactly, and true; or zero and false when Den is zero.
func (r Ratio) Percent(places int32) (decimal.Decimal, bool) {
	if r.Den == 0 {
		return decimal.Decimal{}, false
	}
	return decimal.NewFromInt(r.Num).Shift(2).DivRound(decimal.NewFromInt(r.Den), places), true
}

// String returns "7/10 (70.0%)", or "no data" when Den is zero.
func (r Ratio) String() string {
	p, ok := r.Percent(1)
	if !ok {
		return "no data"
	}
	return strconv.FormatInt(r.Num, 10) + "/" + strconv.FormatInt(r.Den, 10) + " (" + p.StringFixed(1) + "%)"
}

// UnmarshalJSON decodes {"num":7,"den":10} strictly; negative counts are
// refused. An error wraps [ErrInvalidRecord] and leaves r unchanged.
func (r *Ratio) UnmarshalJSON(b []byte) error {
	type plain Ratio
	return decodePlain(b, (*plain)(r), ErrInvalidRecord, "ratio", func(v *plain) error {
		if v.Num < 0 || v.Den < 0 {
			return fmt.Errorf("%w: %d of %d", ErrNegative, v.Num, v.Den)
		}
		return nil
	})
}

// Rate is an amount KPI: Num over Den, exact decimals (net revenue
// retention, goal attainment). Den zero is "no data", never 0% or NaN.
type Rate struct {
	Num decimal.Decimal // the amount measured against Den
	Den decimal.Decimal // the base; zero means no data
}

// Percent returns 100·Num/Den rounded half away from zero to places
// decimal places, exactly, and true; or zero and false when Den is zero.
// No decimal package variable changes the result.
func (r Rate) Percent(places int32) (decimal.Decimal, bool) {
	if r.Den.IsZero() {
		return decimal.Decimal{}, false
	}
	return r.Num.Shift(2).DivRound(r.Den, places), true
}

// String returns "102.5%" (one place), or "no data" when Den is zero.
func (r Rate) String() string {
	p, ok := r.Percent(1)
	if !ok {
		return "no data"
	}
	return p.StringFixed(1) + "%"
}

type rateJSON struct {
	Num money.JSON `json:"num"`
	Den money.JSON `json:"den"`
}

// MarshalJSON encodes {"num":"1025000","den":"1000000"} with exact
// decimal strings.
func (r Rate) MarshalJSON() ([]byte, error) {
	return json.Marshal(rateJSON{money.JSON(r.Num), money.JSON(r.Den)})
}

// UnmarshalJSON decodes what MarshalJSON writes; an error wraps
// [ErrInvalidRecord] and leaves r unchanged.
func (r *Rate) UnmarshalJSON(b []byte) error {
	var j rateJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "rate", err)
	}
	v := Rate{decimal.Decimal(j.Num), decimal.Decimal(j.Den)}
	if !money.InScale(v.Num) || !money.InScale(v.Den) {
		return decodeErr(ErrInvalidRecord, "rate", ErrAmountOutOfRange)
	}
	*r = v
	return nil
}
