package date_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
	_ "time/tzdata" // America/New_York and Asia/Tokyo on every machine

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cskit/cskit/date"
)

// d is shorthand for date.Must in tables.
func d(y int, m time.Month, day int) date.Date { return date.Must(y, m, day) }

func loadLocation(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err, "time/tzdata is embedded, so %s must load", name)
	return loc
}

func TestNew(t *testing.T) {
	tests := []struct {
		name  string
		y     int
		m     time.Month
		day   int
		want  string
		wantW time.Weekday
	}{
		{"first representable day", 1, time.January, 1, "0001-01-01", time.Monday},
		{"last representable day", 9999, time.December, 31, "9999-12-31", time.Friday},
		{"unix epoch", 1970, time.January, 1, "1970-01-01", time.Thursday},
		{"leap day in leap century", 2000, time.February, 29, "2000-02-29", time.Tuesday},
		{"leap day 2024", 2024, time.February, 29, "2024-02-29", time.Thursday},
		{"last day of 30-day month", 2026, time.April, 30, "2026-04-30", time.Thursday},
		{"fiscal year end", 2027, time.March, 31, "2027-03-31", time.Wednesday},
		{"non-leap February end", 1900, time.February, 28, "1900-02-28", time.Wednesday},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := date.New(tt.y, tt.m, tt.day)
			require.NoError(t, err)
			y, m, day := got.Civil()
			assert.Equal(t, tt.y, y)
			assert.Equal(t, tt.m, m)
			assert.Equal(t, tt.day, day)
			assert.Equal(t, tt.y, got.Year())
			assert.Equal(t, tt.m, got.Month())
			assert.Equal(t, tt.day, got.Day())
			assert.Equal(t, tt.want, got.String())
			assert.Equal(t, tt.wantW, got.Weekday())
			assert.False(t, got.IsZero())
			assert.Equal(t, got, date.Must(tt.y, tt.m, tt.day))
		})
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name string
		y    int
		m    time.Month
		day  int
		want error
	}{
		{"month 13", 2027, 13, 1, date.ErrInvalidMonth},
		{"month 0", 2027, 0, 1, date.ErrInvalidMonth},
		{"negative month", 2027, -1, 1, date.ErrInvalidMonth},
		{"Feb 29 in a common year", 2027, time.February, 29, date.ErrInvalidDay},
		{"Feb 29 in 1900 (century, not leap)", 1900, time.February, 29, date.ErrInvalidDay},
		{"Feb 30 in a leap year", 2024, time.February, 30, date.ErrInvalidDay},
		{"April 31", 2026, time.April, 31, date.ErrInvalidDay},
		{"day 0", 2027, time.January, 0, date.ErrInvalidDay},
		{"day 32", 2027, time.January, 32, date.ErrInvalidDay},
		{"negative day", 2027, time.January, -1, date.ErrInvalidDay},
		{"year 0", 0, time.January, 1, date.ErrInvalidYear},
		{"negative year", -1, time.January, 1, date.ErrInvalidYear},
		{"year 10000", 10000, time.January, 1, date.ErrInvalidYear},
		{"year checked before month", 0, 13, 1, date.ErrInvalidYear},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := date.New(tt.y, tt.m, tt.day)
			require.ErrorIs(t, err, tt.want)
			assert.True(t, got.IsZero(), "an error returns the zero Date")
			assert.Contains(t, err.Error(), "date: ")
		})
	}
}

func TestMustPanics(t *testing.T) {
	assert.Panics(t, func() { date.Must(2027, time.February, 29) })
}

func TestIsLeap(t *testing.T) {
	tests := []struct {
		year int
		leap bool
	}{
		{1900, false}, // divisible by 100, not by 400
		{2000, true},  // divisible by 400
		{2024, true},
		{2027, false},
		{2028, true},
		{2100, false},
		{2400, true},
		{1, false},
		{4, true},
		{9996, true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.leap, date.IsLeap(tt.year), "IsLeap(%d)", tt.year)
		wantFeb := 28
		if tt.leap {
			wantFeb = 29
		}
		assert.Equal(t, wantFeb, date.DaysIn(tt.year, time.February), "DaysIn(%d, February)", tt.year)
	}
}

func TestDaysIn(t *testing.T) {
	want := map[time.Month]int{
		time.January: 31, time.February: 28, time.March: 31, time.April: 30,
		time.May: 31, time.June: 30, time.July: 31, time.August: 31,
		time.September: 30, time.October: 31, time.November: 30, time.December: 31,
	}
	for m, n := range want {
		assert.Equal(t, n, date.DaysIn(2027, m), "DaysIn(2027, %v)", m)
	}
	assert.Equal(t, 0, date.DaysIn(2027, 0))
	assert.Equal(t, 0, date.DaysIn(2027, 13))
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want date.Date
	}{
		{"2027-03-31", d(2027, time.March, 31)},
		{"0001-01-01", d(1, time.January, 1)},
		{"9999-12-31", d(9999, time.December, 31)},
		{"2024-02-29", d(2024, time.February, 29)},
		{"2000-02-29", d(2000, time.February, 29)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := date.Parse(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.in, got.String())
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", date.ErrSyntax},
		{"2027-3-31", date.ErrSyntax},
		{"2027-03-1", date.ErrSyntax},
		{"2027/03/31", date.ErrSyntax},
		{"20270331", date.ErrSyntax},
		{"27-03-31", date.ErrSyntax},
		{"2027-03-31T00:00:00Z", date.ErrSyntax},
		{" 2027-03-31", date.ErrSyntax},
		{"2027-03-31 ", date.ErrSyntax},
		{"2027-03-3a", date.ErrSyntax},
		{"+027-03-31", date.ErrSyntax},
		{"-027-03-31", date.ErrSyntax},
		{"2027-+3-31", date.ErrSyntax},
		{"2027-03--1", date.ErrSyntax},
		{"２０２７-03-31", date.ErrSyntax}, // full-width digits
		{"2027-13-01", date.ErrInvalidMonth},
		{"2027-00-10", date.ErrInvalidMonth},
		{"2027-02-29", date.ErrInvalidDay},
		{"1900-02-29", date.ErrInvalidDay},
		{"2026-04-31", date.ErrInvalidDay},
		{"2027-01-00", date.ErrInvalidDay},
		{"2027-01-32", date.ErrInvalidDay},
		{"0000-01-01", date.ErrInvalidYear},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := date.Parse(tt.in)
			require.ErrorIs(t, err, tt.want)
			assert.True(t, got.IsZero())
		})
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		name string
		from date.Date
		n    int
		want date.Date
	}{
		{"no months", d(2027, time.March, 31), 0, d(2027, time.March, 31)},
		{"May 31 minus 3 clamps to Feb 28", d(2027, time.May, 31), -3, d(2027, time.February, 28)},
		{"Mar 31 minus 3 crosses the year", d(2027, time.March, 31), -3, d(2026, time.December, 31)},
		{"Jan 31 plus 1 clamps, no spill into March", d(2027, time.January, 31), 1, d(2027, time.February, 28)},
		{"Jan 31 plus 1 in a leap year", d(2028, time.January, 31), 1, d(2028, time.February, 29)},
		{"Mar 31 plus 1 clamps to Apr 30", d(2027, time.March, 31), 1, d(2027, time.April, 30)},
		{"leap day plus 12 clamps", d(2024, time.February, 29), 12, d(2025, time.February, 28)},
		{"leap day plus 48 keeps the 29th", d(2024, time.February, 29), 48, d(2028, time.February, 29)},
		{"leap day minus 12 clamps", d(2024, time.February, 29), -12, d(2023, time.February, 28)},
		{"Feb 29 2096 plus 48 lands in 2100, not leap", d(2096, time.February, 29), 48, d(2100, time.February, 28)},
		{"Feb 29 1996 plus 48 lands in 2000, leap", d(1996, time.February, 29), 48, d(2000, time.February, 29)},
		{"mid-month keeps its day", d(2027, time.January, 15), 14, d(2028, time.March, 15)},
		{"Dec plus 1 rolls the year", d(2027, time.December, 15), 1, d(2028, time.January, 15)},
		{"Jan minus 1 rolls the year back", d(2027, time.January, 15), -1, d(2026, time.December, 15)},
		{"Jan minus 13", d(2027, time.January, 31), -13, d(2025, time.December, 31)},
		{"minus 12 exactly", d(2027, time.March, 31), -12, d(2026, time.March, 31)},
		{"ten years", d(2027, time.August, 31), 120, d(2037, time.August, 31)},
		{"Aug 31 plus 1 clamps to Sep 30", d(2027, time.August, 31), 1, d(2027, time.September, 30)},
		{"to the last representable month", d(9999, time.January, 31), 11, d(9999, time.December, 31)},
		{"to the first representable month", d(1, time.December, 31), -11, d(1, time.January, 31)},
		// Beyond the range of years a Date holds, the result sticks to the
		// first or last representable day.
		{"past 9999 sticks to the last day", d(9999, time.December, 15), 1, d(9999, time.December, 31)},
		{"before year 1 sticks to the first day", d(1, time.January, 15), -1, d(1, time.January, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := tt.from
			got := tt.from.AddMonths(tt.n)
			assert.Equal(t, tt.want, got, "got %s", got)
			assert.Equal(t, from, tt.from, "the receiver is not changed")
		})
	}
}

// TestAddMonthsFromAnchor checks that anniversaries are computed from the
// anchor and never drift, whereas chaining clamped results does (the bug of
// twentyhq/twenty #25603 and Kill Bill #127).
func TestAddMonthsFromAnchor(t *testing.T) {
	anchor := d(2027, time.January, 31)
	for k := range 48 {
		got := anchor.AddMonths(k)
		y, m, day := got.Civil()
		assert.Equal(t, min(31, date.DaysIn(y, m)), day, "anchor + %d months = %s", k, got)
		if m != time.February {
			assert.NotEqual(t, 28, day, "anchor + %d months drifted to the 28th", k)
		}
	}
	assert.Equal(t, d(2027, time.March, 31), anchor.AddMonths(2))
	assert.Equal(t, d(2028, time.February, 29), anchor.AddMonths(13))

	// Chained, the clamp is never undone: this is what callers must avoid.
	chained := anchor.AddMonths(1).AddMonths(1)
	assert.Equal(t, d(2027, time.March, 28), chained)

	leap := d(2024, time.February, 29)
	wantAnniversaries := []date.Date{
		d(2025, time.February, 28),
		d(2026, time.February, 28),
		d(2027, time.February, 28),
		d(2028, time.February, 29),
		d(2029, time.February, 28),
	}
	for k, want := range wantAnniversaries {
		assert.Equal(t, want, leap.AddMonths(12*(k+1)), "anniversary %d of %s", k+1, leap)
	}
}

// TestAddMonthsNeverSpills contrasts AddMonths with time.Time.AddDate, which
// normalises Jan 31 + 1 month to Mar 3 (golang/go #31145).
func TestAddMonthsNeverSpills(t *testing.T) {
	from := d(2027, time.January, 31)
	spilled := from.Time(nil).AddDate(0, 1, 0)
	assert.Equal(t, d(2027, time.March, 3), date.Of(spilled))
	assert.Equal(t, time.February, from.AddMonths(1).Month())
}

func TestAddDays(t *testing.T) {
	tests := []struct {
		name string
		from date.Date
		n    int
		want date.Date
	}{
		{"zero days", d(2027, time.March, 31), 0, d(2027, time.March, 31)},
		{"into the next month", d(2027, time.March, 31), 1, d(2027, time.April, 1)},
		{"into the next year", d(2027, time.December, 31), 1, d(2028, time.January, 1)},
		{"onto a leap day", d(2028, time.February, 28), 1, d(2028, time.February, 29)},
		{"over a common February", d(2027, time.February, 28), 1, d(2027, time.March, 1)},
		{"over 1900's February", d(1900, time.February, 28), 1, d(1900, time.March, 1)},
		{"back a day", d(2027, time.March, 1), -1, d(2027, time.February, 28)},
		{"back into a leap day", d(2024, time.March, 1), -1, d(2024, time.February, 29)},
		{"ninety days", d(2027, time.January, 1), 90, d(2027, time.April, 1)},
		{"a leap year", d(2024, time.January, 1), 366, d(2025, time.January, 1)},
		{"four hundred years", d(2000, time.January, 1), 146097, d(2400, time.January, 1)},
		{"to the last day", d(9999, time.December, 30), 1, d(9999, time.December, 31)},
		{"past the last day clamps", d(9999, time.December, 31), 1, d(9999, time.December, 31)},
		{"far past the last day clamps", d(2027, time.March, 31), 1 << 40, d(9999, time.December, 31)},
		{"before the first day clamps", d(1, time.January, 1), -1, d(1, time.January, 1)},
		{"far before the first day clamps", d(2027, time.March, 31), -(1 << 40), d(1, time.January, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.from.AddDays(tt.n)
			assert.Equal(t, tt.want, got, "got %s", got)
		})
	}
}

// TestAddDaysShortSteps checks every step of up to 120 days either way,
// which covers the steps taken by walking months (up to a quarter) and the
// first ones taken through the day number, from days around month and year
// ends, leap days and the ends of the range, against time.
func TestAddDaysShortSteps(t *testing.T) {
	from := []date.Date{
		d(2027, time.January, 1), d(2027, time.January, 31), d(2027, time.February, 28),
		d(2028, time.February, 29), d(2027, time.March, 1), d(2027, time.March, 31),
		d(2027, time.April, 30), d(2027, time.July, 31), d(2027, time.August, 1),
		d(2027, time.December, 31), d(1900, time.February, 28), d(2000, time.March, 1),
		d(1, time.January, 1), d(1, time.February, 15), d(9999, time.November, 20), d(9999, time.December, 31),
	}
	first, last := d(1, time.January, 1), d(9999, time.December, 31)
	for _, f := range from {
		for n := -120; n <= 120; n++ {
			got := f.AddDays(n)
			ref := f.Time(nil).AddDate(0, 0, n)
			want := date.Of(ref)
			switch {
			case ref.Year() < date.MinYear:
				want = first
			case ref.Year() > date.MaxYear:
				want = last
			}
			if got != want {
				require.Failf(t, "AddDays", "%s + %d days: got %s, want %s", f, n, got, want)
			}
		}
	}
}

func TestZeroDate(t *testing.T) {
	var z date.Date
	assert.True(t, z.IsZero())
	assert.Equal(t, "", z.String())
	assert.Equal(t, []byte("x"), z.AppendText([]byte("x")))

	text, err := z.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, text)

	y, m, day := z.Civil()
	assert.Equal(t, 0, y)
	assert.Equal(t, time.Month(0), m)
	assert.Equal(t, 0, day)

	assert.True(t, z.AddDays(10).IsZero(), "AddDays on zero stays zero")
	assert.True(t, z.AddDays(-10).IsZero())
	assert.True(t, z.AddMonths(3).IsZero(), "AddMonths on zero stays zero")
	assert.True(t, z.AddMonths(-3).IsZero())
	assert.True(t, date.Months(3).After(z).IsZero())
	assert.True(t, date.Days(14).Before(z).IsZero())

	day1 := d(1, time.January, 1)
	assert.True(t, z.Before(day1), "the zero Date sorts before every day")
	assert.Equal(t, -1, z.Compare(day1))
	assert.Equal(t, 0, z.Compare(date.Date{}))
	assert.NotEqual(t, z, day1, "0001-01-01 is a real day, not the zero Date")

	got := d(2027, time.March, 31)
	require.NoError(t, got.UnmarshalText(nil))
	assert.True(t, got.IsZero(), "empty text decodes to the zero Date")
	got = d(2027, time.March, 31)
	require.NoError(t, got.UnmarshalText([]byte{}))
	assert.True(t, got.IsZero())
}

func TestDaysUntil(t *testing.T) {
	tests := []struct {
		name     string
		from, to date.Date
		want     int
	}{
		{"same day", d(2027, time.March, 31), d(2027, time.March, 31), 0},
		{"next day", d(2027, time.March, 31), d(2027, time.April, 1), 1},
		{"day before", d(2027, time.April, 1), d(2027, time.March, 31), -1},
		{"over a leap day", d(2024, time.February, 28), d(2024, time.March, 1), 2},
		{"a common year", d(2027, time.January, 1), d(2028, time.January, 1), 365},
		{"a leap year", d(2028, time.January, 1), d(2029, time.January, 1), 366},
		{"90-day window", d(2027, time.January, 1), d(2027, time.April, 1), 90},
		{"whole range", d(1, time.January, 1), d(9999, time.December, 31), 3652058},
		{"whole range backwards", d(9999, time.December, 31), d(1, time.January, 1), -3652058},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.from.DaysUntil(tt.to))
			assert.Equal(t, tt.to, tt.from.AddDays(tt.want))
		})
	}
}

// TestDaysUntilAcrossDST is the New York daylight-saving case: midnight
// 2025-03-08 to midnight 2025-03-10 is 47 hours, which a Duration/24h count
// calls one day.
func TestDaysUntilAcrossDST(t *testing.T) {
	ny := loadLocation(t, "America/New_York")
	for _, tt := range []struct {
		name     string
		from, to time.Time
		want     int
		hours    float64
	}{
		{
			"spring forward",
			time.Date(2025, time.March, 8, 0, 0, 0, 0, ny),
			time.Date(2025, time.March, 10, 0, 0, 0, 0, ny),
			2, 47,
		},
		{
			"fall back",
			time.Date(2025, time.November, 1, 0, 0, 0, 0, ny),
			time.Date(2025, time.November, 3, 0, 0, 0, 0, ny),
			2, 49,
		},
		{
			"late evening to early morning over spring forward",
			time.Date(2025, time.March, 8, 23, 30, 0, 0, ny),
			time.Date(2025, time.March, 9, 3, 15, 0, 0, ny),
			1, 2.75,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.InDelta(t, tt.hours, tt.to.Sub(tt.from).Hours(), 1e-9, "the test instants straddle the change")
			got := date.In(tt.from, ny).DaysUntil(date.In(tt.to, ny))
			assert.Equal(t, tt.want, got)
		})
	}
	spring := time.Date(2025, time.March, 10, 0, 0, 0, 0, ny).Sub(time.Date(2025, time.March, 8, 0, 0, 0, 0, ny))
	assert.Equal(t, 1, int(spring/(24*time.Hour)), "the duration count is wrong, which is why Date exists")
}

func TestIn(t *testing.T) {
	tokyo := loadLocation(t, "Asia/Tokyo")
	ny := loadLocation(t, "America/New_York")
	kiritimati := loadLocation(t, "Pacific/Kiritimati") // UTC+14
	honolulu := loadLocation(t, "Pacific/Honolulu")     // UTC-10
	tests := []struct {
		name string
		t    time.Time
		loc  *time.Location
		want date.Date
	}{
		{"Tokyo is already on the next day", time.Date(2027, time.March, 31, 20, 0, 0, 0, time.UTC), tokyo, d(2027, time.April, 1)},
		{"Tokyo midnight", time.Date(2027, time.March, 31, 15, 0, 0, 0, time.UTC), tokyo, d(2027, time.April, 1)},
		{"a second before Tokyo midnight", time.Date(2027, time.March, 31, 14, 59, 59, 0, time.UTC), tokyo, d(2027, time.March, 31)},
		{"New York is still on the same day", time.Date(2027, time.March, 31, 20, 0, 0, 0, time.UTC), ny, d(2027, time.March, 31)},
		{"New York is still on the previous day", time.Date(2027, time.April, 1, 3, 0, 0, 0, time.UTC), ny, d(2027, time.March, 31)},
		{"nil location is UTC", time.Date(2027, time.March, 31, 20, 0, 0, 0, time.UTC), nil, d(2027, time.March, 31)},
		{"UTC+14 crosses the year", time.Date(2026, time.December, 31, 10, 0, 0, 0, time.UTC), kiritimati, d(2027, time.January, 1)},
		{"UTC-10 stays in the old year", time.Date(2027, time.January, 1, 9, 0, 0, 0, time.UTC), honolulu, d(2026, time.December, 31)},
		{"instant given in Tokyo, read in UTC", time.Date(2027, time.April, 1, 0, 30, 0, 0, tokyo), time.UTC, d(2027, time.March, 31)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := date.In(tt.t, tt.loc)
			assert.Equal(t, tt.want, got, "got %s", got)
		})
	}
}

func TestOf(t *testing.T) {
	tokyo := loadLocation(t, "Asia/Tokyo")
	instant := time.Date(2027, time.April, 1, 0, 30, 0, 0, tokyo)
	assert.Equal(t, d(2027, time.April, 1), date.Of(instant), "Of reads the day in t's own location")
	assert.Equal(t, d(2027, time.March, 31), date.Of(instant.UTC()))
	assert.Equal(t, d(1, time.January, 1), date.Of(time.Time{}), "the zero time.Time is 0001-01-01, a real day")
}

func TestTime(t *testing.T) {
	tokyo := loadLocation(t, "Asia/Tokyo")
	day := d(2027, time.March, 31)
	assert.Equal(t, time.Date(2027, time.March, 31, 0, 0, 0, 0, time.UTC), day.Time(nil))
	assert.Equal(t, time.Date(2027, time.March, 31, 0, 0, 0, 0, tokyo), day.Time(tokyo))
	assert.Equal(t, day, date.In(day.Time(tokyo), tokyo))
}

// TestWeekday compares Weekday with time.Time's for every 37th day over the
// whole range a Date holds, plus a week of consecutive days.
func TestWeekday(t *testing.T) {
	for day := d(1, time.January, 1); ; {
		y, m, dd := day.Civil()
		want := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Weekday()
		if day.Weekday() != want {
			require.Equal(t, want, day.Weekday(), "Weekday of %s", day)
		}
		next := day.AddDays(37)
		if next == day {
			break
		}
		day = next
	}
	week := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	start := d(2027, time.March, 29) // a Monday
	for i, want := range week {
		assert.Equal(t, want, start.AddDays(i).Weekday())
	}
}

// TestCivilRoundTrip walks every day from 1900-01-01 to 2100-12-31 and checks
// New, Civil, Of, Time, Weekday and String against time.Date.
func TestCivilRoundTrip(t *testing.T) {
	tm := time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2101, time.January, 1, 0, 0, 0, 0, time.UTC)
	prev := date.Date{}
	days := 0
	for ; tm.Before(end); tm = tm.AddDate(0, 0, 1) {
		y, m, dd := tm.Date()
		got, err := date.New(y, m, dd)
		require.NoError(t, err, "New(%d, %d, %d)", y, m, dd)
		gy, gm, gd := got.Civil()
		if gy != y || gm != m || gd != dd {
			require.Failf(t, "Civil round trip", "New(%d, %d, %d).Civil() = %d, %d, %d", y, m, dd, gy, gm, gd)
		}
		if date.Of(tm) != got || !got.Time(nil).Equal(tm) || got.Weekday() != tm.Weekday() {
			require.Failf(t, "disagrees with time", "day %s", tm.Format(time.DateOnly))
		}
		if s := got.String(); s != tm.Format(time.DateOnly) {
			require.Equal(t, tm.Format(time.DateOnly), s)
		}
		if !prev.IsZero() && (prev.AddDays(1) != got || prev.DaysUntil(got) != 1 || !prev.Before(got)) {
			require.Failf(t, "days are not consecutive", "%s then %s", prev, got)
		}
		prev = got
		days++
	}
	assert.Equal(t, 201*365+49, days, "201 years with 49 leap days (1900 and 2100 are not leap)")
}

// TestCivilRoundTripFullRange checks every representable day against
// time.Date.
func TestCivilRoundTripFullRange(t *testing.T) {
	if testing.Short() {
		t.Skip("3.6 million days")
	}
	first := d(1, time.January, 1)
	tm := time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i <= 3652058; i++ {
		got := first.AddDays(i)
		y, m, dd := got.Civil()
		ty, tmo, td := tm.Date()
		if y != ty || m != tmo || dd != td {
			require.Failf(t, "disagrees with time", "day %d: got %04d-%02d-%02d, time says %s", i, y, m, dd, tm.Format(time.DateOnly))
		}
		tm = tm.AddDate(0, 0, 1)
	}
	assert.Equal(t, d(9999, time.December, 31), first.AddDays(3652058))
}

func TestCompare(t *testing.T) {
	a := d(2027, time.March, 30)
	b := d(2027, time.March, 31)
	assert.Equal(t, -1, a.Compare(b))
	assert.Equal(t, 1, b.Compare(a))
	assert.Equal(t, 0, a.Compare(d(2027, time.March, 30)))
	assert.True(t, a.Before(b))
	assert.False(t, b.Before(a))
	assert.False(t, a.Before(a))
	assert.True(t, b.After(a))
	assert.False(t, a.After(b))
	assert.False(t, a.After(a))
	assert.Equal(t, -1, d(2026, time.December, 31).Compare(d(2027, time.January, 1)))
}

func TestMonthsBetween(t *testing.T) {
	tests := []struct {
		name     string
		from, to date.Date
		want     int
	}{
		{"same day", d(2027, time.January, 15), d(2027, time.January, 15), 0},
		{"Jan 31 to Feb 28 is a whole month (clamped)", d(2027, time.January, 31), d(2027, time.February, 28), 1},
		{"Jan 31 to Feb 27 is not", d(2027, time.January, 31), d(2027, time.February, 27), 0},
		{"a day short of a month", d(2027, time.January, 15), d(2027, time.February, 14), 0},
		{"exactly a month", d(2027, time.January, 15), d(2027, time.February, 15), 1},
		{"a year", d(2027, time.January, 15), d(2028, time.January, 15), 12},
		{"a day short of a year", d(2027, time.January, 15), d(2028, time.January, 14), 11},
		{"leap day to next Feb 28", d(2024, time.February, 29), d(2025, time.February, 28), 12},
		{"leap day to Feb 28 four years on", d(2024, time.February, 29), d(2028, time.February, 28), 47},
		{"leap day to leap day", d(2024, time.February, 29), d(2028, time.February, 29), 48},
		{"Mar 31 back to Feb 28", d(2027, time.March, 31), d(2027, time.February, 28), -1},
		{"May 31 back to Feb 28", d(2027, time.May, 31), d(2027, time.February, 28), -3},
		{"Mar 31 back to Dec 31", d(2027, time.March, 31), d(2026, time.December, 31), -3},
		{"back less than a month", d(2027, time.March, 15), d(2027, time.February, 20), 0},
		{"back exactly a month", d(2027, time.March, 15), d(2027, time.February, 15), -1},
		{"back a month and a day", d(2027, time.March, 15), d(2027, time.February, 14), -1},
		{"back a year", d(2028, time.January, 15), d(2027, time.January, 15), -12},
		{"back a day short of a year", d(2028, time.January, 15), d(2027, time.January, 16), -11},
		// Clamping makes MonthsBetween asymmetric: Jan 31 + 1 month is
		// Feb 28, but Feb 28 - 1 month is Jan 28, which is before Jan 31.
		{"Feb 28 back to Jan 31 is not a whole month", d(2027, time.February, 28), d(2027, time.January, 31), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.from.MonthsBetween(tt.to)
			assert.Equal(t, tt.want, got)
			at := tt.from.AddMonths(got)
			switch {
			case got > 0:
				assert.False(t, at.After(tt.to), "from + n is on or before to")
				assert.True(t, tt.from.AddMonths(got+1).After(tt.to), "from + (n+1) is after to")
			case got < 0:
				assert.False(t, at.Before(tt.to), "from + n is on or after to")
				assert.True(t, tt.from.AddMonths(got-1).Before(tt.to), "from + (n-1) is before to")
			}
		})
	}
}

func TestDateText(t *testing.T) {
	day := d(2027, time.March, 31)
	text, err := day.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "2027-03-31", string(text))
	assert.Equal(t, "due 2027-03-31", string(day.AppendText([]byte("due "))))

	var got date.Date
	require.NoError(t, got.UnmarshalText(text))
	assert.Equal(t, day, got)
}

func TestDateUnmarshalTextErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"2027-3-31", date.ErrSyntax},
		{"2027/03/31", date.ErrSyntax},
		{"null", date.ErrSyntax},
		{"2027-13-01", date.ErrInvalidMonth},
		{"2027-02-29", date.ErrInvalidDay},
		{"0000-12-31", date.ErrInvalidYear},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			before := d(2026, time.April, 1)
			got := before
			require.ErrorIs(t, got.UnmarshalText([]byte(tt.in)), tt.want)
			assert.Equal(t, before, got, "a failed decode leaves the value alone")
		})
	}
}

type contract struct {
	Renewal date.Date   `json:"renewal"`
	Notice  date.Period `json:"notice"`
	Signed  date.Date   `json:"signed"`
	Grace   date.Period `json:"grace"`
}

func TestJSONRoundTrip(t *testing.T) {
	in := contract{
		Renewal: d(2027, time.March, 31),
		Notice:  date.Period{Months: 3},
		Grace:   date.Period{Months: 1, Days: 15},
	}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"renewal":"2027-03-31","notice":"P3M","signed":"","grace":"P1M15D"}`, string(b))

	var out contract
	require.NoError(t, json.Unmarshal(b, &out))
	assert.Equal(t, in, out)

	var fromISO contract
	require.NoError(t, json.Unmarshal([]byte(`{"renewal":"2028-02-29","notice":"P1Y","grace":"P2W"}`), &fromISO))
	assert.Equal(t, contract{
		Renewal: d(2028, time.February, 29),
		Notice:  date.Period{Months: 12},
		Grace:   date.Period{Days: 14},
	}, fromISO)
}

func TestJSONErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"invalid day", `{"renewal":"2027-02-29"}`, date.ErrInvalidDay},
		{"wrong separator", `{"renewal":"2027/03/31"}`, date.ErrSyntax},
		{"time part in period", `{"notice":"PT1H"}`, date.ErrInvalidPeriod},
		{"negative period", `{"notice":"P-3M"}`, date.ErrInvalidPeriod},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c contract
			require.ErrorIs(t, json.Unmarshal([]byte(tt.in), &c), tt.want)
		})
	}

	_, err := json.Marshal(contract{Notice: date.Period{Months: -1}})
	require.ErrorIs(t, err, date.ErrInvalidPeriod, "a negative period is not encoded")
}

// TestErrorsAreDistinct guards against two sentinels sharing an identity.
func TestErrorsAreDistinct(t *testing.T) {
	all := []error{date.ErrInvalidMonth, date.ErrInvalidDay, date.ErrInvalidYear, date.ErrSyntax, date.ErrInvalidPeriod, date.ErrInvalidNaming}
	for i, a := range all {
		for j, b := range all {
			assert.Equal(t, i == j, errors.Is(a, b), "%v vs %v", a, b)
		}
	}
}
