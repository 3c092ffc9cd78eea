package date

import (
	"errors"
	"fmt"
	"time"

	"github.com/cskit/cskit/internal/fault"
)

// Errors returned when a date cannot be built or parsed. Match them with
// [errors.Is]; the message says which value was wrong.
var (
	// ErrInvalidMonth is returned for a month outside 1..12.
	ErrInvalidMonth = errors.New("date: month out of range 1..12")
	// ErrInvalidDay is returned for a day that the month does not have
	// (2027-02-29, 2026-04-31).
	ErrInvalidDay = errors.New("date: day out of range for month")
	// ErrInvalidYear is returned for a year outside [MinYear, MaxYear].
	ErrInvalidYear = errors.New("date: year out of range")
	// ErrSyntax is returned when text is not a date in the form 2006-01-02.
	ErrSyntax = errors.New("date: not a date of the form YYYY-MM-DD")
)

// The range of years a [Date] can hold.
const (
	MinYear = 1
	MaxYear = 9999
)

// Date is a calendar day: a year, a month and a day with no time of day and
// no time zone. Renewal dates, due dates and as-of dates are Dates, so day
// arithmetic never goes through durations, which break across daylight
// saving changes.
//
// The zero Date is not a day: IsZero reports true for it, and it marks a date
// that was not given. Dates are comparable with ==, ordered with
// [Date.Compare], and encode as text in the form 2006-01-02.
//
// A Date holds its year, month and day packed in one word
// (year<<9 | month<<5 | day), so reading them and adding months costs no
// division, and the packed words order as the days do. A step of up to a
// quarter's days walks the months; longer steps and [Date.DaysUntil] go
// through a day number. (Held as a day number, a Date would count days for
// free but pay a conversion for every month step and every Civil; renewal
// work adds months to anchors far more often than it counts days.)
type Date struct {
	v uint32 // year<<9 | month<<5 | day; 0 is the zero Date
}

// pack returns the Date of a valid year, month and day.
func pack(y int, m time.Month, d int) Date {
	return Date{v: uint32(y)<<9 | uint32(m)<<5 | uint32(d)}
}

// The first and last day a Date holds, and their day numbers (days since
// 1970-01-01).
const (
	firstDay = MinYear<<9 | 1<<5 | 1
	lastDay  = MaxYear<<9 | 12<<5 | 31
	minDays  = -719162
	maxDays  = 2932896
	// maxSpanDays is the number of days from the first day a Date holds to
	// the last.
	maxSpanDays = maxDays - minDays
)

// New returns the Date for year, month and day. It never normalises:
// 2027-02-29 is an error, not March 1.
//
// New returns an error if:
//   - the month is outside 1..12 ([ErrInvalidMonth]);
//   - the day does not exist in that month ([ErrInvalidDay]);
//   - the year is outside [MinYear, MaxYear] ([ErrInvalidYear]).
func New(year int, month time.Month, day int) (Date, error) {
	if year < MinYear || year > MaxYear {
		return Date{}, fmt.Errorf("%w: %d", ErrInvalidYear, year)
	}
	if month < time.January || month > time.December {
		return Date{}, fmt.Errorf("%w: %d", ErrInvalidMonth, int(month))
	}
	if day < 1 || day > DaysIn(year, month) {
		return Date{}, fmt.Errorf("%w: %04d-%02d-%02d", ErrInvalidDay, year, int(month), day)
	}
	return pack(year, month, day), nil
}

// Must is like [New] but panics on an invalid date. Use it in tests, examples
// and package-level values only.
func Must(year int, month time.Month, day int) Date {
	d, err := New(year, month, day)
	if err != nil {
		panic(err)
	}
	return d
}

// Of returns the calendar day that t falls on in t's own location. An
// instant before year 1 or after year 9999 gives the first or last day a Date
// holds.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return clampedCivil(y, m, d)
}

// In returns the calendar day that the instant t falls on in loc, the
// customer's time zone: 2027-03-31T20:00Z is 2027-04-01 in Tokyo. A nil loc
// means UTC.
func In(t time.Time, loc *time.Location) Date {
	if loc == nil {
		loc = time.UTC
	}
	return Of(t.In(loc))
}

// Parse reads a date in the form 2006-01-02. An error quotes at most 64
// bytes of s, so a hostile field cannot make a huge error.
//
// Parse returns an error if:
//   - s is not ten characters of the form YYYY-MM-DD ([ErrSyntax]);
//   - the month, day or year is out of range (as [New]).
func Parse(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%w: %s", ErrSyntax, fault.Quote(s))
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("%w: %s", ErrSyntax, fault.Quote(s))
	}
	return New(y, time.Month(m), d)
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// IsZero reports whether d is the zero Date, which stands for "no date".
// Only Civil, String, the text encoding and the Add methods are defined on the
// zero Date; comparisons treat it as earlier than every day, and day counts
// from it are meaningless.
func (d Date) IsZero() bool { return d.v == 0 }

// Civil returns the year, month and day of d. The zero Date gives 0, 0, 0.
func (d Date) Civil() (year int, month time.Month, day int) {
	return int(d.v >> 9), time.Month(d.v >> 5 & 15), int(d.v & 31)
}

// Year returns d's year.
func (d Date) Year() int { y, _, _ := d.Civil(); return y }

// Month returns d's month.
func (d Date) Month() time.Month { _, m, _ := d.Civil(); return m }

// Day returns d's day of the month.
func (d Date) Day() int { _, _, day := d.Civil(); return day }

// Weekday returns d's day of the week.
func (d Date) Weekday() time.Weekday {
	// 1970-01-01 was a Thursday.
	w := (d.days() + 4) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// Compare returns -1 if d is before e, 0 if they are the same day, +1 if d is
// after e. The zero Date sorts before every day.
func (d Date) Compare(e Date) int {
	switch {
	case d.v < e.v:
		return -1
	case d.v > e.v:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.v < e.v }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.v > e.v }

// Ordinal returns d's day number, counting 0001-01-01 as day 1 (Python's
// date.toordinal), or 0 for the zero Date. e.Ordinal() − d.Ordinal() is
// d.DaysUntil(e); a loop that counts many days from one date can compute
// that date's ordinal once.
func (d Date) Ordinal() int {
	if d.v == 0 {
		return 0
	}
	return int(d.days() - minDays + 1)
}

// FromOrdinal returns the Date of day number n, counting 0001-01-01 as day
// 1. It returns an error wrapping [ErrInvalidYear] when n is outside the
// days a Date holds.
func FromOrdinal(n int) (Date, error) {
	if n < 1 || n > maxSpanDays+1 {
		return Date{}, fmt.Errorf("%w: day number %d", ErrInvalidYear, n)
	}
	return fromDays(int64(n-1) + minDays), nil
}

// DaysUntil returns the number of calendar days from d to e: positive when e
// is later, negative when it is earlier. 2025-03-08 to 2025-03-10 is 2 days,
// whatever daylight saving did in between.
func (d Date) DaysUntil(e Date) int { return int(e.days() - d.days()) }

// AddDays returns the day n days after d (before it for negative n). The
// zero Date stays zero. The result is clamped to the range of years a Date
// holds.
func (d Date) AddDays(n int) Date {
	if d.v == 0 || n == 0 {
		return d
	}
	if n >= -walkDays && n <= walkDays {
		// Walking a few months is cheaper than a trip through the day
		// number, and the day fields move without a division.
		y, m, day := int(d.v>>9), time.Month(d.v>>5&15), int(d.v&31)+n
		for day < 1 {
			if m--; m == 0 {
				y, m = y-1, time.December
			}
			day += DaysIn(y, m)
		}
		for dim := DaysIn(y, m); day > dim; dim = DaysIn(y, m) {
			day -= dim
			if m++; m > time.December {
				y, m = y+1, time.January
			}
		}
		if y >= MinYear && y <= MaxYear {
			return pack(y, m, day)
		}
	}
	n = max(-maxSpanDays, min(n, maxSpanDays)) // no overflow below
	return fromDays(clamp(d.days()+int64(n), minDays, maxDays))
}

// walkDays is the longest step AddDays takes by walking months rather than
// through the day number: a quarter, the spans renewal work is planned in.
const walkDays = 92

// AddMonths returns the day n calendar months after d (before it for
// negative n), clamped to the last day of the target month: 2027-05-31 minus
// three months is 2027-02-28, and 2024-02-29 plus twelve months is
// 2025-02-28. Unlike [time.Time.AddDate] it never spills into the next month.
// The zero Date stays zero; a result beyond the years a Date holds is
// clamped to 0001-01-01 or 9999-12-31.
//
// For dates that recur (anniversaries, monthly cycles) always add to the
// original anchor, never to the previous result: chaining clamps turns
// Jan 31 into Feb 28 and then Mar 28.
func (d Date) AddMonths(n int) Date {
	if d.v == 0 {
		return d
	}
	n = max(-12*MaxYear-12, min(n, 12*MaxYear+12)) // no overflow below
	y, m, day := d.Civil()
	total := y*12 + int(m-1) + n
	if total < MinYear*12 {
		return Date{v: firstDay}
	}
	if total > MaxYear*12+11 {
		return Date{v: lastDay}
	}
	ty, tm := int(uint(total)/12), time.Month(uint(total)%12)+1
	if day > 28 {
		day = min(day, DaysIn(ty, tm))
	}
	return pack(ty, tm, day)
}

// MonthsBetween returns the number of whole calendar months from d to e in
// the sense of [Date.AddMonths]: the largest n with d.AddMonths(n) on or
// before e (for e after d). It is negative when e is before d.
func (d Date) MonthsBetween(e Date) int {
	y1, m1, _ := d.Civil()
	y2, m2, _ := e.Civil()
	n := (y2-y1)*12 + int(m2-m1)
	if n > 0 && d.AddMonths(n).After(e) {
		n--
	} else if n < 0 && d.AddMonths(n).Before(e) {
		n++
	}
	return n
}

// Time returns midnight at the start of d in loc (UTC when loc is nil).
func (d Date) Time(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	y, m, day := d.Civil()
	return time.Date(y, m, day, 0, 0, 0, 0, loc)
}

// String returns d in the form 2006-01-02, or "" for the zero Date.
func (d Date) String() string {
	if d.v == 0 {
		return ""
	}
	return string(d.AppendText(make([]byte, 0, 10)))
}

// AppendText appends d in the form 2006-01-02 to b (nothing for the zero
// Date).
func (d Date) AppendText(b []byte) []byte {
	if d.v == 0 {
		return b
	}
	y, m, day := d.Civil()
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	b = append(b, byte('0'+int(m)/10), byte('0'+int(m)%10), '-')
	return append(b, byte('0'+day/10), byte('0'+day%10))
}

// MarshalText encodes d in the form 2006-01-02; the zero Date encodes as
// empty text.
func (d Date) MarshalText() ([]byte, error) {
	return d.AppendText(nil), nil
}

// UnmarshalText decodes a date in the form 2006-01-02. Empty text decodes to
// the zero Date. It returns the errors of [Parse].
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// DaysIn returns the number of days in month of year (0 for an invalid
// month).
func DaysIn(year int, month time.Month) int {
	switch {
	case month == time.February:
		if IsLeap(year) {
			return 29
		}
		return 28
	case month < time.January || month > time.December:
		return 0
	}
	// 31 days in the odd months up to July and the even ones from August.
	return 30 + int(month^month>>3)&1
}

// IsLeap reports whether year is a leap year in the proleptic Gregorian
// calendar.
func IsLeap(year int) bool {
	// A multiple of 100 is a multiple of 400 exactly when it is one of 16.
	return year&3 == 0 && (year%100 != 0 || year&15 == 0)
}

func clamp(v, lo, hi int64) int64 {
	return max(lo, min(v, hi))
}

// Calendar conversions use the Euclidean affine functions of Neri and
// Schneider ("Euclidean affine functions and their application to calendar
// algorithms", 2022): unsigned arithmetic on a day count shifted by
// nsCycles whole 400-year cycles, so that every value is positive and every
// division is by a constant.
const (
	nsCycles = 82                       // 400-year cycles of shift
	nsDays   = 719468 + 146097*nsCycles // the shift in days, from 1970-01-01 back to 0000-03-01 and beyond
	nsYears  = 400 * nsCycles           // the shift in years
)

// days returns the day number of d: days since 1970-01-01.
func (d Date) days() int64 {
	y, m, day := d.Civil()
	return civilToDays(y, m, day)
}

// fromDays returns the Date of a day number in [minDays, maxDays].
func fromDays(z int64) Date {
	y, m, d := toCivil(z)
	return pack(y, m, d)
}

// civilToDays returns the day number (days since 1970-01-01) of a valid
// year, month and day.
func civilToDays(y int, m time.Month, d int) int64 {
	yy, mm := uint32(y+nsYears), uint32(m)
	if mm <= 2 { // the year runs March to February
		yy--
		mm += 12
	}
	c := yy / 100
	days := 1461*yy/4 - c + c/4 + (979*mm-2919)/32 + uint32(d) - 1
	return int64(days) - nsDays
}

// toCivil returns the year, month and day of a day count since 1970-01-01.
func toCivil(z int64) (int, time.Month, int) {
	n := uint32(z + nsDays)
	n1 := 4*n + 3
	c := n1 / 146097
	nc := n1 % 146097 / 4
	n2 := 4*nc + 3
	p2 := uint64(2939745) * uint64(n2)
	yc := uint32(p2 >> 32)
	ny := uint32(p2) / 2939745 / 4
	n3 := 2141*ny + 197913
	m := n3 >> 16
	d := n3%65536/2141 + 1
	y := int(100*c+yc) - nsYears
	if ny >= 306 { // January and February belong to the next year
		y++
		m -= 12
	}
	return y, time.Month(m), int(d)
}
