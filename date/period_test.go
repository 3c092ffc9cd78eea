package date_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cskit/cskit/date"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in   string
		want date.Period
	}{
		{"P3M", date.Period{Months: 3}},
		{"P14D", date.Period{Days: 14}},
		{"P1Y", date.Period{Months: 12}},
		{"P2W", date.Period{Days: 14}},
		{"P1M15D", date.Period{Months: 1, Days: 15}},
		{"P0D", date.Period{}},
		{"P0M", date.Period{}},
		{"P90D", date.Period{Days: 90}},
		{"P1Y2M10D", date.Period{Months: 14, Days: 10}},
		{"P1Y2M3W4D", date.Period{Months: 14, Days: 25}},
		{"P1Y2W", date.Period{Months: 12, Days: 14}},
		{"P1W3D", date.Period{Days: 10}},
		{"P003M", date.Period{Months: 3}},
		{"P9999Y", date.Period{Months: 119988}},
		{"P3652059D", date.Period{Days: 3652059}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := date.ParsePeriod(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)

			var u date.Period
			require.NoError(t, u.UnmarshalText([]byte(tt.in)))
			assert.Equal(t, tt.want, u)
		})
	}
}

func TestParsePeriodErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"no parts", "P"},
		{"no P", "3M"},
		{"time part", "PT1H"},
		{"time part after date", "P1DT1H"},
		{"hours", "P1H"},
		{"negative", "P-1D"},
		{"negative months", "P-3M"},
		{"unit without number", "PD"},
		{"number without unit", "P3"},
		{"trailing number", "P3M2"},
		{"days before months", "P3D2M"},
		{"weeks before years", "P1W1Y"},
		{"days before weeks", "P1D1W"},
		{"months repeated", "P1M1M"},
		{"years repeated", "P1Y1Y"},
		{"fraction", "P1.5M"},
		{"comma fraction", "P1,5M"},
		{"lower-case unit", "P3m"},
		{"lower-case P", "p3M"},
		{"trailing space", "P3M "},
		{"leading space", " P3M"},
		{"plus sign", "P+3M"},
		{"eight digits", "P12345678D"},
		{"too many years", "P10000Y"},
		{"too many months", "P119989M"},
		{"too many days", "P3652060D"},
		{"too many weeks", "P521723W"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := date.ParsePeriod(tt.in)
			require.ErrorIs(t, err, date.ErrInvalidPeriod)
			assert.Equal(t, date.Period{}, got)
			assert.True(t, strings.HasPrefix(err.Error(), "date: "), err.Error())
		})
	}
}

func TestPeriodUnmarshalText(t *testing.T) {
	p := date.Period{Months: 3}
	require.NoError(t, p.UnmarshalText(nil))
	assert.True(t, p.IsZero(), "empty text decodes to the zero Period")

	p = date.Period{Months: 3}
	require.ErrorIs(t, p.UnmarshalText([]byte("P3D2M")), date.ErrInvalidPeriod)
	assert.Equal(t, date.Period{Months: 3}, p, "a failed decode leaves the value alone")
}

func TestPeriodString(t *testing.T) {
	tests := []struct {
		p    date.Period
		want string
	}{
		{date.Period{}, "P0D"},
		{date.Period{Months: 3}, "P3M"},
		{date.Period{Days: 14}, "P14D"},
		{date.Period{Months: 1, Days: 15}, "P1M15D"},
		{date.Period{Months: 12}, "P12M"}, // years are written as months
		{date.Months(6), "P6M"},
		{date.Days(90), "P90D"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.p.String())
			text, err := tt.p.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(text))
			assert.Equal(t, "notice "+tt.want, string(tt.p.AppendText([]byte("notice "))))

			back, err := date.ParsePeriod(tt.p.String())
			require.NoError(t, err)
			assert.Equal(t, tt.p, back, "String round-trips")
		})
	}
}

func TestPeriodValidate(t *testing.T) {
	valid := []date.Period{{}, {Months: 3}, {Days: 14}, {Months: 119988}, {Days: 3652059}}
	for _, p := range valid {
		assert.NoError(t, p.Validate(), "%+v", p)
	}
	invalid := []date.Period{
		{Months: -1},
		{Days: -1},
		{Months: 1, Days: -1},
		{Months: 119989},
		{Days: 3652060},
	}
	for _, p := range invalid {
		assert.ErrorIs(t, p.Validate(), date.ErrInvalidPeriod, "%+v", p)
		_, err := p.MarshalText()
		assert.ErrorIs(t, err, date.ErrInvalidPeriod, "MarshalText of %+v", p)
	}
}

func TestPeriodConstructors(t *testing.T) {
	assert.Equal(t, date.Period{Months: 3}, date.Months(3))
	assert.Equal(t, date.Period{Days: 14}, date.Days(14))
	assert.True(t, date.Period{}.IsZero())
	assert.False(t, date.Months(1).IsZero())
	assert.False(t, date.Days(1).IsZero())
}

func TestPeriodBeforeAfter(t *testing.T) {
	tests := []struct {
		name          string
		p             date.Period
		at            date.Date
		before, after date.Date
	}{
		{
			"P1M1D around Mar 31: months first, clamped, then days",
			date.Period{Months: 1, Days: 1}, d(2027, time.March, 31),
			d(2027, time.February, 27), d(2027, time.May, 1),
		},
		{
			"P3M around Nov 30 reaches a leap February",
			date.Months(3), d(2027, time.November, 30),
			d(2027, time.August, 30), d(2028, time.February, 29),
		},
		{
			"P3M notice before a Mar 31 renewal",
			date.Months(3), d(2027, time.March, 31),
			d(2026, time.December, 31), d(2027, time.June, 30),
		},
		{
			"P14D across February",
			date.Days(14), d(2027, time.March, 1),
			d(2027, time.February, 15), d(2027, time.March, 15),
		},
		{
			"P90D",
			date.Days(90), d(2027, time.April, 1),
			d(2027, time.January, 1), d(2027, time.June, 30),
		},
		{
			"P1Y from a leap day",
			date.Months(12), d(2024, time.February, 29),
			d(2023, time.February, 28), d(2025, time.February, 28),
		},
		{
			"zero period",
			date.Period{}, d(2027, time.March, 31),
			d(2027, time.March, 31), d(2027, time.March, 31),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.before, tt.p.Before(tt.at), "Before")
			assert.Equal(t, tt.after, tt.p.After(tt.at), "After")
		})
	}
}

func TestPeriodMinMaxDays(t *testing.T) {
	tests := []struct {
		p        date.Period
		min, max int
	}{
		{date.Period{}, 0, 0},
		{date.Days(14), 14, 14},
		{date.Months(1), 28, 31},
		{date.Months(3), 84, 93},
		{date.Period{Months: 1, Days: 15}, 43, 46},
	}
	for _, tt := range tests {
		t.Run(tt.p.String(), func(t *testing.T) {
			assert.Equal(t, tt.min, tt.p.MinDays())
			assert.Equal(t, tt.max, tt.p.MaxDays())
		})
	}

	// The bounds hold for every start day over four years.
	for _, p := range []date.Period{date.Months(1), date.Months(3), {Months: 1, Days: 15}, date.Months(12)} {
		for at := d(2024, time.January, 1); at.Before(d(2028, time.January, 1)); at = at.AddDays(1) {
			span := at.DaysUntil(p.After(at))
			if span < p.MinDays() || span > p.MaxDays() {
				require.Failf(t, "span out of bounds", "%s after %s spans %d days, bounds [%d, %d]", p, at, span, p.MinDays(), p.MaxDays())
			}
		}
	}
}
