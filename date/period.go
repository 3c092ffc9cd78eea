package date

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/cskit/cskit/internal/fault"
)

// ErrInvalidPeriod is returned for a period that is negative or not written
// in the ISO 8601 form this package reads (P3M, P14D, P1Y2M10D, P2W).
var ErrInvalidPeriod = errors.New("date: invalid period")

// Period is a span of calendar months and days, such as "three months" or
// "fourteen days". Months are applied first, clamped to the month's end, then
// days: P1M1D before 2027-03-31 is 2027-02-27 (2027-02-28, then a day).
//
// The zero Period is an empty span. Periods encode as ISO 8601 text
// ("P3M", "P14D", "P0D"); years read as twelve months and weeks as seven days.
type Period struct {
	// Months is the number of calendar months, applied first; a year is
	// twelve. Negative values are invalid (see [Period.Validate]).
	Months int `json:"-"`
	// Days is the number of days, applied after the months; a week is
	// seven. Negative values are invalid.
	Days int `json:"-"`
}

// Months returns a Period of n calendar months.
func Months(n int) Period { return Period{Months: n} }

// Days returns a Period of n days.
func Days(n int) Period { return Period{Days: n} }

// IsZero reports whether p is the empty span.
func (p Period) IsZero() bool { return p.Months == 0 && p.Days == 0 }

// Validate returns an error wrapping [ErrInvalidPeriod] if p has a negative
// part or more months or days than a Date can span.
func (p Period) Validate() error {
	if p.Months < 0 || p.Days < 0 {
		return fmt.Errorf("%w: negative span %+d months %+d days", ErrInvalidPeriod, p.Months, p.Days)
	}
	if p.Months > 12*MaxYear || p.Days > maxSpanDays+1 {
		return fmt.Errorf("%w: span too long", ErrInvalidPeriod)
	}
	return nil
}

// Before returns the day p before d: months back first (clamped), then days.
func (p Period) Before(d Date) Date { return d.AddMonths(-p.Months).AddDays(-p.Days) }

// After returns the day p after d: months forward first (clamped), then days.
func (p Period) After(d Date) Date { return d.AddMonths(p.Months).AddDays(p.Days) }

// MinDays returns a lower bound of the days p spans on any date, counting a
// month as 28 days.
func (p Period) MinDays() int { return 28*p.Months + p.Days }

// MaxDays returns an upper bound of the days p spans on any date, counting a
// month as 31 days.
func (p Period) MaxDays() int { return 31*p.Months + p.Days }

// String returns p in ISO 8601 form: "P3M", "P14D", "P1M15D", "P0D".
func (p Period) String() string { return string(p.AppendText(nil)) }

// AppendText appends p in ISO 8601 form to b.
func (p Period) AppendText(b []byte) []byte {
	b = append(b, 'P')
	if p.Months != 0 {
		b = strconv.AppendInt(b, int64(p.Months), 10)
		b = append(b, 'M')
	}
	if p.Days != 0 || p.Months == 0 {
		b = strconv.AppendInt(b, int64(p.Days), 10)
		b = append(b, 'D')
	}
	return b
}

// MarshalText encodes p in ISO 8601 form.
func (p Period) MarshalText() ([]byte, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p.AppendText(nil), nil
}

// UnmarshalText decodes an ISO 8601 period of years, months, weeks and days
// ("P3M", "P90D", "P1Y", "P2W", "P1M15D"). Empty text decodes to the zero
// Period. Time parts (PT1H) and negative spans are refused with
// [ErrInvalidPeriod].
func (p *Period) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*p = Period{}
		return nil
	}
	v, err := ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// ParsePeriod reads an ISO 8601 period of years, months, weeks and days, in
// that order, each at most once: "P3M", "P14D", "P1Y2M", "P2W".
//
// ParsePeriod returns an error wrapping [ErrInvalidPeriod] if s is not of
// that form or the span is too long. The error quotes at most 64 bytes of
// s.
func ParsePeriod(s string) (Period, error) {
	bad := func() (Period, error) { return Period{}, fmt.Errorf("%w: %s", ErrInvalidPeriod, fault.Quote(s)) }
	if len(s) < 3 || s[0] != 'P' {
		return bad()
	}
	var p Period
	const order = "YMWD"
	next := 0 // index in order of the next unit allowed
	for i := 1; i < len(s); {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i || j == len(s) || j-i > 7 {
			return bad()
		}
		n, _ := strconv.Atoi(s[i:j])
		k := next
		for k < len(order) && order[k] != s[j] {
			k++
		}
		if k == len(order) {
			return bad()
		}
		switch s[j] {
		case 'Y':
			p.Months += 12 * n
		case 'M':
			p.Months += n
		case 'W':
			p.Days += 7 * n
		case 'D':
			p.Days += n
		}
		next = k + 1
		i = j + 1
	}
	if err := p.Validate(); err != nil {
		return Period{}, fmt.Errorf("%w: %s", ErrInvalidPeriod, fault.Quote(s))
	}
	return p, nil
}
