package date_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cskit/cskit/date"
)

// Calendars used across the fiscal tests.
var (
	japan      = date.FiscalCalendar{}                                                 // March end, 2026年度 = Apr 2026..Mar 2027
	marchByEnd = date.FiscalCalendar{EndMonth: time.March, Naming: date.NamedByEnd}    // FY2027 = Apr 2026..Mar 2027
	calendar   = date.FiscalCalendar{EndMonth: time.December}                          // the calendar year
	calByEnd   = date.FiscalCalendar{EndMonth: time.December, Naming: date.NamedByEnd} // still the calendar year
	usFederal  = date.FiscalCalendar{EndMonth: time.September, Naming: date.NamedByEnd}
	australia  = date.FiscalCalendar{EndMonth: time.June, Naming: date.NamedByEnd}
	retail     = date.FiscalCalendar{EndMonth: time.January, Naming: date.NamedByEnd}
	febByStart = date.FiscalCalendar{EndMonth: time.February}
	febByEnd   = date.FiscalCalendar{EndMonth: time.February, Naming: date.NamedByEnd}
	marchZero  = date.FiscalCalendar{EndMonth: time.March, Naming: date.NamedByStart} // spelled out, same as japan
)

func calName(c date.FiscalCalendar) string {
	return fmt.Sprintf("end=%v/%v", c.EndMonth, c.Naming)
}

func TestFiscalYear(t *testing.T) {
	tests := []struct {
		cal  date.FiscalCalendar
		at   date.Date
		want int
	}{
		{japan, d(2027, time.March, 31), 2026},
		{japan, d(2026, time.April, 1), 2026},
		{japan, d(2026, time.March, 31), 2025},
		{japan, d(2026, time.December, 31), 2026},
		{japan, d(2027, time.January, 1), 2026},
		{japan, d(2027, time.April, 1), 2027},
		{marchZero, d(2027, time.March, 31), 2026},
		{marchByEnd, d(2027, time.March, 31), 2027},
		{marchByEnd, d(2026, time.April, 1), 2027},
		{marchByEnd, d(2026, time.March, 31), 2026},
		{calendar, d(2027, time.January, 1), 2027},
		{calendar, d(2027, time.December, 31), 2027},
		{calByEnd, d(2027, time.January, 1), 2027},
		{calByEnd, d(2027, time.December, 31), 2027},
		{usFederal, d(2026, time.September, 30), 2026},
		{usFederal, d(2026, time.October, 1), 2027},
		{australia, d(2026, time.June, 30), 2026},
		{australia, d(2026, time.July, 1), 2027},
		{retail, d(2027, time.January, 31), 2027},
		{retail, d(2026, time.February, 1), 2027},
		{retail, d(2027, time.February, 1), 2028},
		{febByStart, d(2028, time.February, 29), 2027},
		{febByStart, d(2027, time.March, 1), 2027},
		{febByEnd, d(2028, time.February, 29), 2028},
	}
	for _, tt := range tests {
		t.Run(calName(tt.cal)+"/"+tt.at.String(), func(t *testing.T) {
			assert.Equal(t, tt.want, tt.cal.Year(tt.at))
		})
	}
}

func TestFiscalBounds(t *testing.T) {
	tests := []struct {
		cal         date.FiscalCalendar
		fy          int
		first, last date.Date
	}{
		{japan, 2026, d(2026, time.April, 1), d(2027, time.March, 31)},
		{marchByEnd, 2027, d(2026, time.April, 1), d(2027, time.March, 31)},
		{calendar, 2027, d(2027, time.January, 1), d(2027, time.December, 31)},
		{calByEnd, 2027, d(2027, time.January, 1), d(2027, time.December, 31)},
		{febByStart, 2027, d(2027, time.March, 1), d(2028, time.February, 29)},
		{febByStart, 2026, d(2026, time.March, 1), d(2027, time.February, 28)},
		{febByEnd, 2028, d(2027, time.March, 1), d(2028, time.February, 29)},
		{febByEnd, 2027, d(2026, time.March, 1), d(2027, time.February, 28)},
		{usFederal, 2027, d(2026, time.October, 1), d(2027, time.September, 30)},
		{australia, 2026, d(2025, time.July, 1), d(2026, time.June, 30)},
		{retail, 2027, d(2026, time.February, 1), d(2027, time.January, 31)},
		{date.FiscalCalendar{EndMonth: time.November}, 2027, d(2027, time.December, 1), d(2028, time.November, 30)},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", calName(tt.cal), tt.fy), func(t *testing.T) {
			first, last := tt.cal.Bounds(tt.fy)
			assert.Equal(t, tt.first, first, "first %s", first)
			assert.Equal(t, tt.last, last, "last %s", last)
		})
	}
}

// TestFiscalConsistency checks, for every end month and naming, every day of
// 2020..2030: the day lies in the bounds of its fiscal year, the years tile
// without gaps, and Quarter and YearEnd agree with Bounds.
func TestFiscalConsistency(t *testing.T) {
	for end := time.Month(0); end <= time.December; end++ {
		for _, naming := range []date.Naming{date.NamedByStart, date.NamedByEnd} {
			cal := date.FiscalCalendar{EndMonth: end, Naming: naming}
			require.NoError(t, cal.Validate())
			t.Run(calName(cal), func(t *testing.T) {
				for at := d(2020, time.January, 1); at.Before(d(2031, time.January, 1)); at = at.AddDays(1) {
					fy := cal.Year(at)
					first, last := cal.Bounds(fy)
					if at.Before(first) || at.After(last) {
						require.Failf(t, "day outside its year", "%s in FY%d = %s..%s", at, fy, first, last)
					}
					if cal.YearEnd(at) != last {
						require.Failf(t, "YearEnd", "YearEnd(%s) = %s, want %s", at, cal.YearEnd(at), last)
					}
					if first.DaysUntil(last) < 364 || first.DaysUntil(last) > 365 {
						require.Failf(t, "year length", "FY%d is %s..%s", fy, first, last)
					}
					nextFirst, _ := cal.Bounds(fy + 1)
					if last.AddDays(1) != nextFirst {
						require.Failf(t, "gap between years", "FY%d ends %s, FY%d starts %s", fy, last, fy+1, nextFirst)
					}
					qfy, q := cal.Quarter(at)
					qStart := first.AddMonths(3 * (q - 1))
					if qfy != fy || q < 1 || q > 4 || at.Before(qStart) || !at.Before(first.AddMonths(3*q)) {
						require.Failf(t, "quarter", "Quarter(%s) = FY%d Q%d, year starts %s", at, qfy, q, first)
					}
				}
			})
		}
	}
}

func TestFiscalYearEnd(t *testing.T) {
	tests := []struct {
		cal  date.FiscalCalendar
		at   date.Date
		want date.Date
	}{
		{japan, d(2026, time.April, 1), d(2027, time.March, 31)},
		{japan, d(2027, time.March, 31), d(2027, time.March, 31)},
		{japan, d(2027, time.April, 1), d(2028, time.March, 31)},
		{marchByEnd, d(2026, time.April, 1), d(2027, time.March, 31)},
		{calendar, d(2027, time.June, 15), d(2027, time.December, 31)},
		{calByEnd, d(2027, time.June, 15), d(2027, time.December, 31)},
		{febByStart, d(2027, time.March, 1), d(2028, time.February, 29)},
		{febByEnd, d(2027, time.March, 1), d(2028, time.February, 29)},
		{febByEnd, d(2027, time.February, 28), d(2027, time.February, 28)},
		{usFederal, d(2026, time.October, 1), d(2027, time.September, 30)},
	}
	for _, tt := range tests {
		t.Run(calName(tt.cal)+"/"+tt.at.String(), func(t *testing.T) {
			assert.Equal(t, tt.want, tt.cal.YearEnd(tt.at))
		})
	}
}

func TestFiscalQuarter(t *testing.T) {
	tests := []struct {
		cal    date.FiscalCalendar
		at     date.Date
		fy, q  int
		reason string
	}{
		{japan, d(2026, time.April, 1), 2026, 1, "first day of the year"},
		{japan, d(2026, time.June, 30), 2026, 1, "last day of Q1"},
		{japan, d(2026, time.July, 1), 2026, 2, "first day of Q2"},
		{japan, d(2026, time.October, 1), 2026, 3, "first day of Q3"},
		{japan, d(2027, time.January, 15), 2026, 4, "Q4 lies in the next calendar year"},
		{japan, d(2027, time.March, 31), 2026, 4, "last day of the year"},
		{marchByEnd, d(2027, time.January, 15), 2027, 4, "named by end"},
		{marchByEnd, d(2026, time.April, 1), 2027, 1, "named by end"},
		{calendar, d(2027, time.January, 1), 2027, 1, "calendar Q1"},
		{calendar, d(2027, time.December, 31), 2027, 4, "calendar Q4"},
		{calByEnd, d(2027, time.May, 1), 2027, 2, "calendar Q2"},
		{usFederal, d(2026, time.October, 1), 2027, 1, "US federal Q1 starts in October"},
		{usFederal, d(2027, time.September, 30), 2027, 4, "US federal Q4"},
		{febByEnd, d(2028, time.February, 29), 2028, 4, "leap day ends Q4"},
	}
	for _, tt := range tests {
		t.Run(calName(tt.cal)+"/"+tt.at.String(), func(t *testing.T) {
			fy, q := tt.cal.Quarter(tt.at)
			assert.Equal(t, tt.fy, fy, tt.reason)
			assert.Equal(t, tt.q, q, tt.reason)
		})
	}
}

func TestFiscalValidate(t *testing.T) {
	for _, cal := range []date.FiscalCalendar{japan, marchByEnd, calendar, calByEnd, usFederal, {EndMonth: time.January}} {
		assert.NoError(t, cal.Validate(), calName(cal))
	}
}

func TestFiscalValidateErrors(t *testing.T) {
	tests := []struct {
		name string
		cal  date.FiscalCalendar
		want error
	}{
		{"month 13", date.FiscalCalendar{EndMonth: 13}, date.ErrInvalidMonth},
		{"negative month", date.FiscalCalendar{EndMonth: -1}, date.ErrInvalidMonth},
		{"naming 7", date.FiscalCalendar{Naming: date.Naming(7)}, date.ErrInvalidNaming},
		{"naming 2", date.FiscalCalendar{EndMonth: time.June, Naming: date.Naming(2)}, date.ErrInvalidNaming},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.ErrorIs(t, tt.cal.Validate(), tt.want)
		})
	}
}

func TestNamingText(t *testing.T) {
	tests := []struct {
		n    date.Naming
		text string
	}{
		{date.NamedByStart, "start"},
		{date.NamedByEnd, "end"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			assert.Equal(t, tt.text, tt.n.String())
			b, err := tt.n.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tt.text, string(b))

			var got date.Naming
			require.NoError(t, got.UnmarshalText(b))
			assert.Equal(t, tt.n, got)
		})
	}

	got := date.NamedByEnd
	require.NoError(t, got.UnmarshalText(nil))
	assert.Equal(t, date.NamedByStart, got, "empty text is the zero rule")
	assert.Equal(t, date.NamedByStart, date.Naming(0), "the zero Naming is NamedByStart")
}

func TestNamingTextErrors(t *testing.T) {
	for _, text := range []string{"End", "START", "by-end", "1", " end", "end "} {
		t.Run(text, func(t *testing.T) {
			got := date.NamedByEnd
			require.ErrorIs(t, got.UnmarshalText([]byte(text)), date.ErrInvalidNaming)
			assert.Equal(t, date.NamedByEnd, got, "a failed decode leaves the value alone")
		})
	}

	_, err := date.Naming(7).MarshalText()
	require.ErrorIs(t, err, date.ErrInvalidNaming)
	assert.Equal(t, "%!Naming(7)", date.Naming(7).String())
}

func TestFiscalCalendarJSON(t *testing.T) {
	b, err := json.Marshal(usFederal)
	require.NoError(t, err)
	assert.JSONEq(t, `{"end_month":9,"naming":"end"}`, string(b))

	var got date.FiscalCalendar
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Equal(t, usFederal, got)

	b, err = json.Marshal(date.FiscalCalendar{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(b), "the zero calendar encodes as its defaults")

	got = usFederal
	require.ErrorIs(t, json.Unmarshal([]byte(`{"naming":"middle"}`), &got), date.ErrInvalidNaming)

	_, err = json.Marshal(date.FiscalCalendar{Naming: date.Naming(7)})
	require.ErrorIs(t, err, date.ErrInvalidNaming)
}

func TestFiscalCalendarJSONErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		is   []error
	}{
		{"month 13", `{"end_month":13}`, []error{date.ErrInvalidFiscalCalendar, date.ErrInvalidMonth}},
		{"unknown naming", `{"naming":"middle"}`, []error{date.ErrInvalidFiscalCalendar, date.ErrInvalidNaming}},
		{"unknown key", `{"end":"March"}`, []error{date.ErrInvalidFiscalCalendar}},
		{"misspelt key", `{"end_month":6,"nameing":"end"}`, []error{date.ErrInvalidFiscalCalendar}},
		{"month as text", `{"end_month":"June"}`, []error{date.ErrInvalidFiscalCalendar}},
		{"not an object", `[]`, []error{date.ErrInvalidFiscalCalendar}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := usFederal
			err := json.Unmarshal([]byte(tt.in), &got)
			require.Error(t, err)
			for _, want := range tt.is {
				assert.ErrorIs(t, err, want)
			}
			assert.Regexp(t, `^date: invalid fiscal calendar: `, err.Error())
			assert.Equal(t, usFederal, got, "a failed decode leaves the value alone")
		})
	}
	t.Run("unknown key named", func(t *testing.T) {
		var c date.FiscalCalendar
		assert.EqualError(t, json.Unmarshal([]byte(`{"end":"March"}`), &c), `date: invalid fiscal calendar: json: unknown field "end"`)
	})
	t.Run("keys match without regard to case", func(t *testing.T) {
		var c date.FiscalCalendar
		require.NoError(t, json.Unmarshal([]byte(`{"End_Month":9,"NAMING":"end"}`), &c))
		assert.Equal(t, usFederal, c)
	})
	t.Run("one value only", func(t *testing.T) {
		var c date.FiscalCalendar
		require.NoError(t, c.UnmarshalJSON([]byte(`{"end_month":9} `)))
		assert.ErrorIs(t, c.UnmarshalJSON([]byte(`{"end_month":9} {}`)), date.ErrInvalidFiscalCalendar)
	})
	t.Run("every encoded field is accepted", func(t *testing.T) {
		b, err := json.Marshal(usFederal)
		require.NoError(t, err)
		var keys map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(b, &keys))
		assert.Len(t, keys, 2, "both fields are encoded: %s", b)
		var got date.FiscalCalendar
		require.NoError(t, json.Unmarshal(b, &got))
		assert.Equal(t, usFederal, got)
	})
}
