package date

import (
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/jsonstrict"
)

var (
	// ErrInvalidNaming is returned for a [Naming] that is not one of the
	// declared rules.
	ErrInvalidNaming = errors.New("date: invalid fiscal-year naming rule")
	// ErrInvalidFiscalCalendar is wrapped by every error of
	// [FiscalCalendar.UnmarshalJSON], together with the error that stopped
	// it.
	ErrInvalidFiscalCalendar = errors.New("date: invalid fiscal calendar")
)

// Naming is the rule that gives a fiscal year its number.
type Naming uint8

const (
	// NamedByStart names a fiscal year after the calendar year it starts
	// in: the Japanese 年度 (2026年度 runs April 2026 to March 2027). It is
	// the zero value, so a zero [FiscalCalendar] follows Japanese practice.
	NamedByStart Naming = iota
	// NamedByEnd names a fiscal year after the calendar year it ends in, as
	// many US companies do (FY2027 runs April 2026 to March 2027).
	NamedByEnd
)

// String returns "start" or "end".
func (n Naming) String() string {
	switch n {
	case NamedByStart:
		return "start"
	case NamedByEnd:
		return "end"
	}
	return fmt.Sprintf("%%!Naming(%d)", uint8(n))
}

// MarshalText encodes the rule as "start" or "end".
func (n Naming) MarshalText() ([]byte, error) {
	if n > NamedByEnd {
		return nil, fmt.Errorf("%w: %d", ErrInvalidNaming, uint8(n))
	}
	return []byte(n.String()), nil
}

// UnmarshalText decodes "start" or "end" (empty text is "start"). An error
// quotes at most 64 bytes of b.
func (n *Naming) UnmarshalText(b []byte) error {
	switch string(b) {
	case "start", "":
		*n = NamedByStart
	case "end":
		*n = NamedByEnd
	default:
		return fmt.Errorf("%w: %s", ErrInvalidNaming, fault.QuoteBytes(b))
	}
	return nil
}

// FiscalCalendar is a company's fiscal year: the month it ends in and the
// rule that names it. The zero FiscalCalendar ends in March and is named by
// its start year, the most common Japanese set-up.
type FiscalCalendar struct {
	// EndMonth is the last month of the fiscal year; zero means March.
	EndMonth time.Month `json:"end_month,omitempty"`
	// Naming is the rule that numbers fiscal years.
	Naming Naming `json:"naming,omitempty"`
}

// UnmarshalJSON decodes a fiscal calendar and validates it (see
// [FiscalCalendar.Validate]). It refuses a key that names no field
// ("end": "March" for "end_month"), so a misspelt setting is an error, not
// a silent March year end. Every error wraps [ErrInvalidFiscalCalendar] and
// the error that stopped it ([ErrInvalidMonth], [ErrInvalidNaming], a JSON
// error), and quotes at most about 64 bytes of b. On error c is left
// unchanged.
func (c *FiscalCalendar) UnmarshalJSON(b []byte) error {
	type plain FiscalCalendar
	var v plain
	if err := jsonstrict.Decode(b, &v); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidFiscalCalendar, jsonError{err})
	}
	if err := FiscalCalendar(v).Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidFiscalCalendar, err)
	}
	*c = FiscalCalendar(v)
	return nil
}

// Validate returns an error if the end month is outside 0..12
// ([ErrInvalidMonth]) or the naming rule is unknown ([ErrInvalidNaming]).
func (c FiscalCalendar) Validate() error {
	if c.EndMonth < 0 || c.EndMonth > time.December {
		return fmt.Errorf("%w: fiscal-year end month %d", ErrInvalidMonth, int(c.EndMonth))
	}
	if c.Naming > NamedByEnd {
		return fmt.Errorf("%w: %d", ErrInvalidNaming, uint8(c.Naming))
	}
	return nil
}

func (c FiscalCalendar) endMonth() time.Month {
	if c.EndMonth == 0 {
		return time.March
	}
	return c.EndMonth
}

// startYear returns the calendar year in which the fiscal year holding d
// starts.
func (c FiscalCalendar) startYear(d Date) int {
	y, m, _ := d.Civil()
	if m > c.endMonth() || c.endMonth() == time.December {
		return y
	}
	return y - 1
}

func (c FiscalCalendar) name(startYear int) int {
	if c.Naming == NamedByEnd && c.endMonth() != time.December {
		return startYear + 1
	}
	return startYear
}

// Year returns the number of the fiscal year that holds d. With a March year
// end, 2027-03-31 is in fiscal year 2026 named by start and 2027 named by end.
func (c FiscalCalendar) Year(d Date) int { return c.name(c.startYear(d)) }

// Bounds returns the first and last day of fiscal year fy. Days outside the
// years a Date holds are clamped to 0001-01-01 and 9999-12-31. It assumes c is
// valid (see [FiscalCalendar.Validate]).
func (c FiscalCalendar) Bounds(fy int) (first, last Date) {
	sy := fy
	if c.Naming == NamedByEnd && c.endMonth() != time.December {
		sy = fy - 1
	}
	ey := sy + 1
	if c.endMonth() == time.December {
		ey = sy
	}
	return clampedCivil(sy, c.endMonth()%12+1, 1), clampedCivil(ey, c.endMonth(), DaysIn(ey, c.endMonth()))
}

// clampedCivil is the Date of a valid month and day in year y, clamped to the
// years a Date holds.
func clampedCivil(y int, m time.Month, d int) Date {
	switch {
	case y < MinYear:
		return Date{v: firstDay}
	case y > MaxYear:
		return Date{v: lastDay}
	}
	return pack(y, m, d)
}

// YearEnd returns the last day of the fiscal year that holds d.
func (c FiscalCalendar) YearEnd(d Date) Date {
	_, last := c.Bounds(c.Year(d))
	return last
}

// Quarter returns the fiscal year that holds d and the quarter (1..4) of that
// year d falls in.
func (c FiscalCalendar) Quarter(d Date) (fy, q int) {
	_, m, _ := d.Civil()
	start := c.endMonth()%12 + 1
	into := (int(m) - int(start) + 12) % 12
	return c.Year(d), into/3 + 1
}

// jsonError is an error of the JSON decoder whose message is cut to
// 2·[fault.MaxQuote] bytes: encoding/json quotes all of an unknown key or of
// a number it cannot store ("json: unknown field" and a 1 MB key).
type jsonError struct{ err error }

func (e jsonError) Error() string {
	m := e.err.Error()
	if len(m) <= 2*fault.MaxQuote {
		return m
	}
	cut := 2 * fault.MaxQuote
	for cut > 0 && !utf8.RuneStart(m[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes)", m[:cut], len(m))
}

func (e jsonError) Unwrap() error { return e.err }
