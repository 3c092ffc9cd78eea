package date_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHugeSpansClampInsteadOfWrapping(t *testing.T) {
	d := date.Must(2027, time.January, 15)
	first, last := date.Must(1, time.January, 1), date.Must(9999, time.December, 31)
	assert.Equal(t, last, d.AddDays(math.MaxInt))
	assert.Equal(t, first, d.AddDays(math.MinInt))
	assert.Equal(t, last, d.AddMonths(math.MaxInt))
	assert.Equal(t, last, d.AddMonths(math.MaxInt-100))
	assert.Equal(t, first, d.AddMonths(math.MinInt))
	assert.Equal(t, last, date.Period{Months: math.MaxInt}.After(d))
}

func TestOfClampsInstantsOutsideTheRange(t *testing.T) {
	assert.Equal(t, date.Must(1, time.January, 1), date.Of(time.Date(0, 12, 31, 12, 0, 0, 0, time.UTC)))
	assert.Equal(t, date.Must(1, time.January, 1), date.Of(time.Date(-1, 6, 1, 0, 0, 0, 0, time.UTC)))
	assert.Equal(t, "9999-12-31", date.Of(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)).String())
}

func TestBoundsAtTheEndsOfTheRange(t *testing.T) {
	march := date.FiscalCalendar{}
	first, last := march.Bounds(10000)
	assert.Equal(t, "9999-12-31", first.String())
	assert.Equal(t, "9999-12-31", last.String())
	first, last = march.Bounds(-5)
	assert.Equal(t, "0001-01-01", first.String())
	assert.Equal(t, "0001-01-01", last.String())
	// FY0 (April of year 0 to March of year 1) is cut at the first day.
	first, last = march.Bounds(0)
	assert.Equal(t, "0001-01-01", first.String())
	assert.Equal(t, "0001-03-31", last.String())
	// FY9999 would end in March 10000: clamped to the last day.
	first, last = march.Bounds(9999)
	assert.Equal(t, "9999-04-01", first.String())
	assert.Equal(t, "9999-12-31", last.String())
}

func TestFiscalCalendarJSONIsValidated(t *testing.T) {
	var c date.FiscalCalendar
	err := json.Unmarshal([]byte(`{"end_month":13}`), &c)
	require.ErrorIs(t, err, date.ErrInvalidMonth)
	err = json.Unmarshal([]byte(`{"end_month":6,"naming":"middle"}`), &c)
	require.ErrorIs(t, err, date.ErrInvalidNaming)
	require.NoError(t, json.Unmarshal([]byte(`{"end_month":6,"naming":"end"}`), &c))
	assert.Equal(t, date.FiscalCalendar{EndMonth: time.June, Naming: date.NamedByEnd}, c)
}

// TestErrorsQuoteAShortPrefix feeds every parser a megabyte of bad text:
// the error quotes at most 64 bytes of it (about 64 for a JSON decoder's
// own message) and says how long the text was.
func TestErrorsQuoteAShortPrefix(t *testing.T) {
	const n = 1 << 20
	huge := strings.Repeat("2", n)
	var (
		d date.Date
		p date.Period
		m date.Naming
		c date.FiscalCalendar
	)
	tests := []struct {
		name     string
		err      error
		sentinel error
	}{
		{"Parse", func() error { _, err := date.Parse(huge); return err }(), date.ErrSyntax},
		{"Parse, ten bytes then more", func() error { _, err := date.Parse("2027-03-31" + huge); return err }(), date.ErrSyntax},
		{"Date.UnmarshalText", d.UnmarshalText([]byte(huge)), date.ErrSyntax},
		{"ParsePeriod", func() error { _, err := date.ParsePeriod("P" + huge); return err }(), date.ErrInvalidPeriod},
		{"ParsePeriod, too long", func() error { _, err := date.ParsePeriod("P1D" + huge); return err }(), date.ErrInvalidPeriod},
		{"Period.UnmarshalText", p.UnmarshalText([]byte("P" + huge)), date.ErrInvalidPeriod},
		{"Naming.UnmarshalText", m.UnmarshalText([]byte(huge)), date.ErrInvalidNaming},
		{"FiscalCalendar naming", json.Unmarshal([]byte(`{"naming":"`+huge+`"}`), &c), date.ErrInvalidNaming},
		{"FiscalCalendar unknown key", json.Unmarshal([]byte(`{"`+huge+`":1}`), &c), date.ErrInvalidFiscalCalendar},
		{"FiscalCalendar long number", json.Unmarshal([]byte(`{"end_month":`+huge+`}`), &c), date.ErrInvalidFiscalCalendar},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.ErrorIs(t, tt.err, tt.sentinel)
			msg := tt.err.Error()
			// The sentinel's text, a prefix of at most 2·64 bytes and the
			// length fit in 256 bytes.
			assert.LessOrEqual(t, len(msg), 256, "%.300s", msg)
			assert.Contains(t, msg, "2222…")
			assert.Regexp(t, `\(10\d{5} bytes\)`, msg) // the text, or the decoder's message
		})
	}
	assert.Equal(t, date.FiscalCalendar{}, c, "a failed decode leaves the calendar alone")
}
