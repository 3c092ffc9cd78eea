// Package money holds the exact-decimal helpers the cskit packages share:
// a text form and JSON encoding that no shopspring/decimal package variable
// can change.
//
// shopspring/decimal has package variables a host program may set
// (MarshalJSONWithoutQuotes, TrimTrailingZeros, UseScientificNotation,
// DivisionPrecision, ...). cskit never writes them and never lets its output
// depend on them: amounts are written with [Format] and encoded with [JSON].
package money

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/cskit/cskit/internal/fault"
	"github.com/shopspring/decimal"
)

// MaxLen is the longest text Parse reads: far more digits than any amount
// of money has, and enough for any total of such amounts.
const MaxLen = 1000

// MaxScale bounds an amount's exponent: an amount has at most MaxScale
// decimal places and at most MaxScale zeros after its digits (1e100). No
// sum of money comes near either, and within them an amount's text and
// arithmetic stay as small as its digits.
const MaxScale = 100

// ErrSyntax is returned when text is not a decimal amount.
var ErrSyntax = errors.New("not a decimal amount")

// ErrRange is returned for an amount whose exponent is outside
// [-MaxScale, MaxScale], or whose text is longer than MaxLen (about 900
// digits) when it is encoded. The domain packages export it under their own
// name (renewal.ErrAmountOutOfRange), so one errors.Is matches both the
// validation error and the encoding error.
var ErrRange = errors.New("amount out of range")

// InScale reports whether d's exponent is within [-MaxScale, MaxScale]. It
// reads no digit, so it costs what reading a field costs.
func InScale(d decimal.Decimal) bool {
	e := d.Exponent()
	return e >= -MaxScale && e <= MaxScale
}

// Valid reports whether d is an amount cskit accepts: [InScale] and not
// negative. It reads no digit.
func Valid(d decimal.Decimal) bool { return InScale(d) && d.Sign() >= 0 }

// Check returns nil for a [Valid] amount. Otherwise the range is checked
// first, from the exponent alone, so that no huge amount is ever
// formatted: an amount out of range is an error wrapping [ErrRange]
// ("amount out of range: exponent -101, outside ±100"), and a negative one
// an error wrapping negative, the caller's own sentinel, with the amount
// written by [Short] ("renewal: negative amount: -1.50").
func Check(d decimal.Decimal, negative error) error {
	if Valid(d) {
		return nil
	}
	if !InScale(d) {
		return fmt.Errorf("%w: exponent %d, outside ±%d", ErrRange, d.Exponent(), MaxScale)
	}
	return fmt.Errorf("%w: %s", negative, Short(d))
}

// Short returns d as an error message writes it: exactly as [Format] does
// up to [fault.MaxQuote] characters; a longer amount is cut there and
// followed by its length, so an amount of a thousand digits cannot make a
// thousand-character error: "99999…… (901 characters)".
func Short(d decimal.Decimal) string {
	s := Format(d)
	if len(s) <= fault.MaxQuote {
		return s
	}
	return s[:fault.MaxQuote] + "… (" + strconv.Itoa(len(s)) + " characters)"
}

// Format returns d exactly, in plain notation, keeping the digits it was
// given: 1.50 stays "1.50", 1e6 is "1000000", -0.5 is "-0.5". No decimal
// package variable changes the result.
func Format(d decimal.Decimal) string {
	places := -d.Exponent()
	if places < 0 {
		places = 0
	}
	return d.StringFixed(places)
}

// JSON is a decimal.Decimal that encodes as a quoted exact string ("1.50")
// whatever decimal.MarshalJSONWithoutQuotes says, and decodes from a JSON
// string or number.
type JSON decimal.Decimal

// MarshalJSON encodes the amount as a quoted string. It returns an error
// wrapping [ErrRange] for an amount that is not [InScale] or whose text is
// longer than MaxLen, which [Parse] would not read back.
func (j JSON) MarshalJSON() ([]byte, error) {
	d := decimal.Decimal(j)
	if !InScale(d) {
		return nil, fmt.Errorf("%w: exponent %d", ErrRange, d.Exponent())
	}
	s := Format(d)
	if len(s) > MaxLen {
		return nil, fmt.Errorf("%w: %d characters", ErrRange, len(s))
	}
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), nil
}

// UnmarshalJSON decodes a quoted or bare decimal. null leaves the amount zero.
func (j *JSON) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*j = JSON{}
		return nil
	}
	s := b
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	d, err := Parse(string(s))
	if err != nil {
		return err
	}
	*j = JSON(d)
	return nil
}

// Parse reads a plain decimal amount such as "12000000" or "-1.50", keeping
// its digits (1.50 has two places). It refuses exponents ("1e6"), empty text
// and anything longer than MaxLen characters, and builds the number from its
// digits, so no decimal package variable (MaxDecodeExponent) changes what it
// accepts.
func Parse(s string) (decimal.Decimal, error) {
	if len(s) == 0 || len(s) > MaxLen {
		return decimal.Decimal{}, fmt.Errorf("%w: %s", ErrSyntax, fault.Quote(s))
	}
	neg := false
	body := s
	if body[0] == '-' || body[0] == '+' {
		neg, body = body[0] == '-', body[1:]
	}
	coef := make([]byte, 0, 64)
	n, places, dot := 0, 0, false
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c >= '0' && c <= '9':
			coef = append(coef, c)
			n++
			if dot {
				places++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return decimal.Decimal{}, fmt.Errorf("%w: %s", ErrSyntax, fault.Quote(s))
		}
	}
	if n == 0 {
		return decimal.Decimal{}, fmt.Errorf("%w: %s", ErrSyntax, fault.Quote(s))
	}
	digits := string(coef)
	if n <= 18 {
		v, _ := strconv.ParseInt(digits, 10, 64)
		if neg {
			v = -v
		}
		return decimal.New(v, int32(-places)), nil
	}
	v, _ := new(big.Int).SetString(digits, 10)
	if neg {
		v.Neg(v)
	}
	return decimal.NewFromBigInt(v, int32(-places)), nil
}

// Grouped returns d for people to read: exact, with the trailing zeros of
// its fraction dropped and its whole part grouped by thousands:
// 1234567.50 is "1,234,567.5", -2500 is "-2,500", 0.000 is "0". No decimal
// package variable changes the result.
func Grouped(d decimal.Decimal) string {
	s := Format(d)
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	b := make([]byte, 0, len(s)+len(s)/3+1)
	b = append(b, sign...)
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, whole[i])
	}
	if frac != "" {
		b = append(b, '.')
		b = append(b, frac...)
	}
	return string(b)
}
