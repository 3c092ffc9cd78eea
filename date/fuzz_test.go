package date_test

import (
	"errors"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cskit/cskit/date"
)

// isDateError reports whether err is one of the sentinels Parse and New
// document.
func isDateError(err error) bool {
	return errors.Is(err, date.ErrSyntax) || errors.Is(err, date.ErrInvalidMonth) ||
		errors.Is(err, date.ErrInvalidDay) || errors.Is(err, date.ErrInvalidYear)
}

// FuzzParse checks Parse against time.Parse with layout 2006-01-02, which
// reads the same fixed-width form: both accept the same text (time also
// takes year 0000, which a Date does not hold) and agree on the day. An
// accepted text round-trips through String exactly.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"2027-03-31", "0001-01-01", "9999-12-31", "2024-02-29", "1900-02-29",
		"2027-02-29", "2026-04-31", "2027-13-01", "2027-00-01", "0000-01-01",
		"", "2027-3-31", "2027/03/31", "+027-03-31", "2027-03-31T00:00:00Z", "２０２７-03-31",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := date.Parse(s)
		ref, refErr := time.Parse(time.DateOnly, s)
		refOK := refErr == nil && ref.Year() >= date.MinYear
		if err != nil {
			require.True(t, isDateError(err), "undocumented error %v", err)
			require.True(t, got.IsZero())
			require.False(t, refOK, "time.Parse accepts %q as %s", s, ref)
			return
		}
		require.True(t, refOK, "time.Parse refuses %q: %v", s, refErr)
		require.Equal(t, date.Of(ref), got)
		require.Equal(t, s, got.String())
		again, err := date.Parse(got.String())
		require.NoError(t, err)
		require.Equal(t, got, again)
		y, m, day := got.Civil()
		require.Equal(t, got, date.Must(y, m, day))
	})
}

// periodRE is a reference grammar for ParsePeriod: years, months, weeks and
// days in that order, each at most once with one to seven digits, at least
// one part.
var periodRE = regexp.MustCompile(`^P(?:([0-9]{1,7})Y)?(?:([0-9]{1,7})M)?(?:([0-9]{1,7})W)?(?:([0-9]{1,7})D)?$`)

// refParsePeriod is a slow, obvious ParsePeriod for differential fuzzing.
func refParsePeriod(s string) (date.Period, bool) {
	m := periodRE.FindStringSubmatch(s)
	if m == nil || s == "P" {
		return date.Period{}, false
	}
	part := func(i int) int {
		if m[i] == "" {
			return 0
		}
		n, err := strconv.Atoi(m[i])
		if err != nil {
			panic(err)
		}
		return n
	}
	p := date.Period{Months: 12*part(1) + part(2), Days: 7*part(3) + part(4)}
	if p.Months > 12*date.MaxYear || p.Days > 3652059 {
		return date.Period{}, false
	}
	return p, true
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{
		"P3M", "P14D", "P1Y", "P2W", "P1M15D", "P0D", "P1Y2M3W4D", "P9999Y", "P3652059D",
		"", "P", "3M", "PT1H", "P-1D", "PD", "P3D2M", "P1M1M", "P12345678D", "P10000Y",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := date.ParsePeriod(s)
		want, ok := refParsePeriod(s)
		if err != nil {
			require.ErrorIs(t, err, date.ErrInvalidPeriod)
			require.Equal(t, date.Period{}, p)
			require.False(t, ok, "reference accepts %q as %+v", s, want)
			return
		}
		require.True(t, ok, "reference refuses %q, ParsePeriod gives %+v", s, p)
		require.Equal(t, want, p)
		require.NoError(t, p.Validate())
		again, err := date.ParsePeriod(p.String())
		require.NoError(t, err)
		require.Equal(t, p, again)
		text, err := p.MarshalText()
		require.NoError(t, err)
		require.Equal(t, p.String(), string(text))
		require.LessOrEqual(t, p.MinDays(), p.MaxDays())
	})
}

// refAddMonths is AddMonths built from time.Date: time normalises the target
// month, and the day is clamped by hand.
func refAddMonths(y int, m time.Month, day, n int) (date.Date, bool) {
	t := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	ty, tm, _ := t.Date()
	if ty < date.MinYear || ty > date.MaxYear {
		return date.Date{}, false
	}
	return date.Must(ty, tm, min(day, date.DaysIn(ty, tm))), true
}

// wrap maps any v into [lo, hi], leaving values already there unchanged,
// so that the fuzzer's integers mostly make valid dates.
func wrap(v, lo, hi int) int {
	size := hi - lo + 1
	r := (v - lo) % size
	if r < 0 {
		r += size
	}
	return lo + r
}

// fuzzDate makes a valid date from any three integers, or reports false for
// a day the month does not have.
func fuzzDate(y, mon, day int) (date.Date, bool) {
	d, err := date.New(wrap(y, date.MinYear, date.MaxYear), time.Month(wrap(mon, 1, 12)), wrap(day, 1, 31))
	return d, err == nil
}

// maxMonths is about the whole range of a Date in months; n beyond it only
// exercises the range clamp.
const maxMonths = 12 * 10000

func FuzzAddMonths(f *testing.F) {
	f.Add(2027, 5, 31, -3)
	f.Add(2027, 3, 31, -3)
	f.Add(2024, 2, 29, 12)
	f.Add(2024, 2, 29, 48)
	f.Add(2027, 1, 31, 1)
	f.Add(9999, 12, 31, 1)
	f.Add(1, 1, 1, -1)
	f.Add(1, 1, 31, 119987)
	f.Add(9999, 12, 15, -119987)
	f.Fuzz(func(t *testing.T, y, mon, day, n int) {
		from, ok := fuzzDate(y, mon, day)
		if !ok {
			return
		}
		y, m, day := from.Civil()
		n %= maxMonths
		got := from.AddMonths(n)
		require.False(t, got.IsZero())
		gy, gm, gd := got.Civil()

		want, inRange := refAddMonths(y, m, day, n)
		if !inRange {
			// Out of range the result sticks to the first or last day.
			if n < 0 {
				require.Equal(t, date.Must(date.MinYear, time.January, 1), got)
			} else {
				require.Equal(t, date.Must(date.MaxYear, time.December, 31), got)
			}
			return
		}
		require.Equal(t, want, got, "%s + %d months", from, n)

		// The day never grows, and shrinks only to the month's last day.
		require.LessOrEqual(t, gd, day)
		if gd < day {
			require.Equal(t, date.DaysIn(gy, gm), gd, "%s + %d clamped to %s, not the month end", from, n, got)
		}
		// Whole months: got is exactly n months from from.
		require.Equal(t, n, from.MonthsBetween(got), "MonthsBetween(%s, %s)", from, got)
		// Going back never overshoots the start: the clamp can only lose days.
		require.False(t, got.AddMonths(-n).After(from), "%s + %d - %d", from, n, n)
		require.Equal(t, time.Month((int(m)-1+n%12+12)%12+1), gm)

		// Chaining never gets ahead of adding to the anchor (and may fall
		// behind: Jan 31 → Feb 28 → Mar 28).
		a := n / 2
		if _, ok := refAddMonths(y, m, day, a); ok {
			require.False(t, from.AddMonths(a).AddMonths(n-a).After(got))
		}
		require.Equal(t, from, from.AddMonths(0))
	})
}

func FuzzAddDays(f *testing.F) {
	f.Add(2027, 3, 31, 1)
	f.Add(2024, 2, 28, 1)
	f.Add(1900, 2, 28, 1)
	f.Add(2025, 3, 8, 2)
	f.Add(1, 1, 1, 3652058)
	f.Add(9999, 12, 31, -3652058)
	f.Fuzz(func(t *testing.T, y, mon, day, n int) {
		from, ok := fuzzDate(y, mon, day)
		if !ok {
			return
		}
		n %= 4_000_000
		got := from.AddDays(n)
		ref := from.Time(nil).AddDate(0, 0, n)
		if ref.Year() < date.MinYear || ref.Year() > date.MaxYear {
			require.True(t, got == date.Must(1, time.January, 1) || got == date.Must(9999, time.December, 31), "clamped to %s", got)
			return
		}
		require.Equal(t, date.Of(ref), got)
		require.Equal(t, n, from.DaysUntil(got))
		require.Equal(t, ref.Weekday(), got.Weekday())
		require.Equal(t, from, got.AddDays(-n))
	})
}

func FuzzDateUnmarshalText(f *testing.F) {
	for _, s := range []string{"2027-03-31", "", "0001-01-01", "9999-12-31", "2027-02-29", "2027-3-31", "null", `"2027-03-31"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		sentinel := date.Must(2026, time.April, 1)
		got := sentinel
		err := got.UnmarshalText(b)
		if err != nil {
			require.True(t, isDateError(err), "undocumented error %v", err)
			require.Equal(t, sentinel, got, "a failed decode leaves the value alone")
			return
		}
		text, err := got.MarshalText()
		require.NoError(t, err)
		require.Equal(t, string(b), string(text), "decode then encode is the identity")
		if len(b) == 0 {
			require.True(t, got.IsZero())
		}
	})
}

func FuzzPeriodUnmarshalText(f *testing.F) {
	for _, s := range []string{"P3M", "", "P1Y2M3W4D", "PT1H", "P-1D"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got := date.Months(7)
		err := got.UnmarshalText(b)
		if err != nil {
			require.ErrorIs(t, err, date.ErrInvalidPeriod)
			require.Equal(t, date.Months(7), got)
			return
		}
		text, err := got.MarshalText()
		require.NoError(t, err)
		var again date.Period
		require.NoError(t, again.UnmarshalText(text))
		require.Equal(t, got, again)
	})
}

// FuzzFiscalCalendar checks that every valid calendar puts a day inside the
// bounds of its own fiscal year and quarter.
func FuzzFiscalCalendar(f *testing.F) {
	f.Add(0, uint8(0), 2027, 3, 31)
	f.Add(3, uint8(1), 2026, 4, 1)
	f.Add(12, uint8(1), 2027, 12, 31)
	f.Add(2, uint8(0), 2028, 2, 29)
	f.Add(9, uint8(1), 2026, 10, 1)
	f.Fuzz(func(t *testing.T, end int, naming uint8, y, mon, day int) {
		cal := date.FiscalCalendar{EndMonth: time.Month(end), Naming: date.Naming(naming)}
		if err := cal.Validate(); err != nil {
			require.True(t, errors.Is(err, date.ErrInvalidMonth) || errors.Is(err, date.ErrInvalidNaming), "%v", err)
			return
		}
		at, ok := fuzzDate(y, mon, day)
		if !ok || at.Year() < 2 || at.Year() > 9998 {
			return // Bounds of the first and last years reach outside the range
		}
		fy := cal.Year(at)
		first, last := cal.Bounds(fy)
		require.False(t, at.Before(first), "%s before FY%d start %s", at, fy, first)
		require.False(t, at.After(last), "%s after FY%d end %s", at, fy, last)
		require.Equal(t, last, cal.YearEnd(at))
		require.Equal(t, fy, cal.Year(first))
		require.Equal(t, fy, cal.Year(last))
		end1 := cal.EndMonth
		if end1 == 0 {
			end1 = time.March
		}
		assert.Equal(t, end1, last.Month())
		assert.Equal(t, date.DaysIn(last.Year(), last.Month()), last.Day())
		assert.Equal(t, 1, first.Day())
		qfy, q := cal.Quarter(at)
		require.Equal(t, fy, qfy)
		require.True(t, q >= 1 && q <= 4, "quarter %d", q)
		require.False(t, at.Before(first.AddMonths(3*(q-1))))
		require.True(t, at.Before(first.AddMonths(3*q)))
	})
}
