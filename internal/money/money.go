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

	"github.com/shopspring/decimal"
)

// ErrSyntax is returned when text is not a decimal amount.
var ErrSyntax = errors.New("not a decimal amount")

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

// MarshalJSON encodes the amount as a quoted string.
func (j JSON) MarshalJSON() ([]byte, error) {
	s := Format(decimal.Decimal(j))
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

// Parse reads a plain decimal amount such as "12000000" or "-1.50". It
// refuses exponents ("1e6"), which decimal parses only within a limit that a
// package variable sets, empty text and anything longer than 40 characters.
func Parse(s string) (decimal.Decimal, error) {
	if len(s) == 0 || len(s) > 40 {
		return decimal.Decimal{}, fmt.Errorf("%w: %q", ErrSyntax, s)
	}
	dot := false
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		case (c == '-' || c == '+') && i == 0:
		default:
			return decimal.Decimal{}, fmt.Errorf("%w: %q", ErrSyntax, s)
		}
	}
	if digits == 0 {
		return decimal.Decimal{}, fmt.Errorf("%w: %q", ErrSyntax, s)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%w: %q", ErrSyntax, s)
	}
	return d, nil
}
