package renewal_test

import (
	"slices"
	"testing"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/renewal"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A closed row belongs to the renewal it closed: an auto-renewing contract
// that churned before its 2027-03-31 renewal counts in fiscal 2026 (April
// 2026 to March 2027) and never again.
func TestClosedRowBelongsToItsRenewal(t *testing.T) {
	churned := renewal.Renewal{
		Contract: renewal.Contract{ID: "gone", Start: date.Must(2026, 3, 31), TermMonths: 12, AutoRenew: true, ARR: decimal.NewFromInt(1000)},
		Outcome:  renewal.Outcome{Result: renewal.Churned, Date: date.Must(2027, 3, 20)},
	}
	asOf := date.Must(2028, 6, 1)
	assert.Equal(t, date.Must(2027, 3, 31), churned.RenewalDate(asOf))

	f, err := renewal.Policy{}.Forecast(slices.Values([]renewal.Renewal{churned}), asOf,
		renewal.ForecastPeriod{From: date.Must(2026, 4, 1), To: date.Must(2029, 4, 1)})
	require.NoError(t, err)
	for fy, lost := range map[int]int64{2026: 1000, 2027: 0, 2028: 0} {
		y, ok := f.Year(fy)
		require.True(t, ok)
		assert.True(t, y.Churned.Lost.Equal(decimal.NewFromInt(lost)), "fiscal %d lost %s", fy, y.Churned.Lost)
	}

	k, err := renewal.Policy{}.KPIs(slices.Values([]renewal.Renewal{churned}), asOf,
		renewal.KPIOptions{From: date.Must(2028, 1, 1), To: date.Must(2028, 4, 1)})
	require.NoError(t, err)
	assert.Equal(t, 0, k.Renewable, "the 2028 anniversary is not renewable: the contract is gone")

	st, err := renewal.Policy{}.Status(churned, date.Must(2027, 4, 15))
	require.NoError(t, err)
	assert.Equal(t, renewal.ChurnedState, st.State)
	assert.Equal(t, date.Must(2027, 3, 31), st.Schedule.Renewal)
}

// Due pins a row to one renewal, even when the outcome was recorded after
// the renewal date; it must be one of the contract's renewal dates.
func TestDuePinsTheRenewal(t *testing.T) {
	c := renewal.Contract{ID: "late-record", Start: date.Must(2025, 1, 31), TermMonths: 12, AutoRenew: true, ARR: decimal.NewFromInt(500)}
	r := renewal.Renewal{
		Contract: c,
		Due:      date.Must(2027, 1, 31),
		Outcome:  renewal.Outcome{Result: renewal.Renewed, Date: date.Must(2027, 2, 3), Final: decimal.NewFromInt(600)},
	}
	require.NoError(t, r.Validate())
	assert.Equal(t, date.Must(2027, 1, 31), r.RenewalDate(date.Must(2027, 6, 1)))
	// Without Due, the outcome of 2027-02-03 would be read as the 2028 renewal's.
	r.Due = date.Date{}
	assert.Equal(t, date.Must(2028, 1, 31), r.RenewalDate(date.Must(2027, 6, 1)))

	for _, bad := range []date.Date{date.Must(2027, 1, 30), date.Must(2024, 1, 31)} {
		r.Due = bad
		err := r.Validate()
		require.ErrorIs(t, err, renewal.ErrInvalidRecord, "due %s", bad)
		var fe *renewal.FieldError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, "due", fe.Field)
	}
	// A contract that does not renew by itself has one renewal date.
	once := renewal.Renewal{Contract: renewal.Contract{ID: "once", Start: date.Must(2026, 1, 1), TermMonths: 12}, Due: date.Must(2028, 1, 1)}
	require.ErrorIs(t, once.Validate(), renewal.ErrInvalidRecord)
	once.Due = date.Must(2027, 1, 1)
	require.NoError(t, once.Validate())
}
