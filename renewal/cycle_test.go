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

// A closed row belongs to the renewal its Due names: an auto-renewing
// contract that churned at its 2027-03-31 renewal counts in fiscal 2026
// (April 2026 to March 2027) and never again.
func TestClosedRowBelongsToItsRenewal(t *testing.T) {
	churned := renewal.Renewal{
		Contract: renewal.Contract{ID: "gone", Start: date.Must(2026, 3, 31), TermMonths: 12, AutoRenew: true, ARR: decimal.NewFromInt(1000)},
		Due:      date.Must(2027, 3, 31),
		Outcome:  renewal.Outcome{Result: renewal.ResultChurned, Date: date.Must(2027, 3, 20)},
	}
	asOf := date.Must(2028, 6, 1)
	f, err := renewal.Policy{}.Forecast(slices.Values([]renewal.Renewal{churned}), asOf,
		renewal.DateRange{From: date.Must(2026, 4, 1), To: date.Must(2029, 4, 1)}, date.FiscalCalendar{})
	require.NoError(t, err)
	for fy, lost := range map[int]int64{2026: 1000, 2027: 0, 2028: 0} {
		y, ok := f.Year(fy)
		require.True(t, ok)
		assert.True(t, y.Churned.Lost.Equal(decimal.NewFromInt(lost)), "fiscal %d lost %s", fy, y.Churned.Lost)
	}

	k, err := renewal.Policy{}.KPIs(slices.Values([]renewal.Renewal{churned}), asOf,
		renewal.DateRange{From: date.Must(2028, 1, 1), To: date.Must(2028, 4, 1)}, renewal.ChurnBaseRenewableARR)
	require.NoError(t, err)
	assert.Equal(t, 0, k.Renewable, "the 2028 anniversary is not renewable: the contract is gone")

	st, err := renewal.Policy{}.Status(churned, date.Must(2027, 4, 15))
	require.NoError(t, err)
	assert.Equal(t, renewal.StateChurned, st.State)
	assert.Equal(t, date.Must(2027, 3, 31), st.Schedule.Renewal)
}

// An outcome without Due is refused: its date alone cannot say which
// renewal it closed.
func TestOutcomeNeedsDue(t *testing.T) {
	r := renewal.Renewal{
		Contract: renewal.Contract{ID: "acme", Start: date.Must(2025, 12, 31), TermMonths: 12, AutoRenew: true, ARR: decimal.NewFromInt(1000)},
		Outcome:  renewal.Outcome{Result: renewal.ResultRenewed, Date: date.Must(2027, 1, 5), Final: decimal.NewFromInt(1000)},
	}
	err := r.Validate()
	require.ErrorIs(t, err, renewal.ErrMissingDate)
	var fe *renewal.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "due", fe.Field)
	assert.EqualError(t, err, `renewal: contract "acme": due: missing date: a renewed outcome needs the renewal date it closed`)

	r.Due = date.Must(2026, 12, 31) // booked five days after the renewal it closed
	require.NoError(t, r.Validate())
	st, err := renewal.Policy{}.Status(r, date.Must(2027, 1, 10))
	require.NoError(t, err)
	assert.Equal(t, date.Must(2026, 12, 31), st.Schedule.Renewal)
	assert.Equal(t, renewal.StateRenewed, st.State)
}

// Due pins a row to one renewal, even when the outcome was recorded long
// after the renewal date; it must be one of the contract's renewal dates.
// An open row without Due follows the renewal current on the day it is
// read.
func TestDuePinsTheRenewal(t *testing.T) {
	c := renewal.Contract{ID: "late-record", Start: date.Must(2025, 1, 31), TermMonths: 12, AutoRenew: true, ARR: decimal.NewFromInt(500)}
	r := renewal.Renewal{
		Contract: c,
		Due:      date.Must(2027, 1, 31),
		Outcome:  renewal.Outcome{Result: renewal.ResultRenewed, Date: date.Must(2027, 3, 3), Final: decimal.NewFromInt(600)},
	}
	st, err := renewal.Policy{}.Status(r, date.Must(2027, 6, 1))
	require.NoError(t, err)
	assert.Equal(t, date.Must(2027, 1, 31), st.Schedule.Renewal)

	open := renewal.Renewal{Contract: c}
	st, err = renewal.Policy{}.Status(open, date.Must(2027, 6, 1))
	require.NoError(t, err)
	assert.Equal(t, date.Must(2028, 1, 31), st.Schedule.Renewal, "the first renewal on or after 2027-06-01")

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

// A book with one row per renewal cycle counts a contract once in the KPIs,
// for its renewal current on From: a monthly contract renewing three times
// in a quarter is one renewable contract of ARR 1200, not three.
func TestKPIsCountCycleRowsOnce(t *testing.T) {
	c := renewal.Contract{ID: "m", Start: date.Must(2026, 6, 30), TermMonths: 1, RenewalTermMonths: 1, AutoRenew: true, ARR: decimal.NewFromInt(1200)}
	var book []renewal.Renewal
	for _, d := range []date.Date{date.Must(2026, 12, 30), date.Must(2027, 1, 30), date.Must(2027, 2, 28), date.Must(2027, 3, 30)} {
		book = append(book, renewal.Renewal{Contract: c, Due: d,
			Outcome: renewal.Outcome{Result: renewal.ResultRenewed, Date: d.AddDays(-3), Final: decimal.NewFromInt(1200)}})
	}
	book[3].Outcome = renewal.Outcome{} // the March renewal is still open
	k, err := renewal.Policy{}.KPIs(slices.Values(book), date.Must(2027, 3, 1),
		renewal.DateRange{From: date.Must(2027, 1, 1), To: date.Must(2027, 4, 1)}, renewal.ChurnBaseRenewableARR)
	require.NoError(t, err)
	assert.Equal(t, 1, k.Renewable)
	assert.True(t, k.RenewableARR.Equal(decimal.NewFromInt(1200)), "renewable ARR %s", k.RenewableARR)
	assert.True(t, k.StartingARR.Equal(decimal.NewFromInt(1200)), "starting ARR %s", k.StartingARR)
	assert.Equal(t, 1, k.GrossRenewalCount.Num, "the January renewal, renewed")
}

// A contract the book shows churned at a renewal before the range is not
// active on From: StartingARR is the other contract's 1000 alone.
func TestStartingARRLeavesOutEarlierChurn(t *testing.T) {
	gone := renewal.Renewal{
		Contract: renewal.Contract{ID: "gone", Start: date.Must(2025, 12, 15), TermMonths: 12, AutoRenew: true, ARR: decimal.NewFromInt(5000)},
		Due:      date.Must(2026, 12, 15),
		Outcome:  renewal.Outcome{Result: renewal.ResultChurned, Date: date.Must(2026, 11, 1)},
	}
	stay := renewal.Renewal{Contract: renewal.Contract{ID: "stay", Start: date.Must(2026, 2, 1), TermMonths: 12, ARR: decimal.NewFromInt(1000)}}
	q1 := renewal.DateRange{From: date.Must(2027, 1, 1), To: date.Must(2027, 4, 1)}
	k, err := renewal.Policy{}.KPIs(slices.Values([]renewal.Renewal{gone, stay}), date.Must(2027, 4, 1), q1, renewal.ChurnBaseStartingARR)
	require.NoError(t, err)
	assert.True(t, k.StartingARR.Equal(decimal.NewFromInt(1000)), "starting ARR %s", k.StartingARR)

	// Churned at its renewal inside the range, it was active on From:
	// 5000 + 1000.
	gone.Contract.Start = date.Must(2026, 2, 15)
	gone.Due = date.Must(2027, 2, 15)
	gone.Outcome.Date = date.Must(2027, 1, 20)
	k, err = renewal.Policy{}.KPIs(slices.Values([]renewal.Renewal{gone, stay}), date.Must(2027, 4, 1), q1, renewal.ChurnBaseStartingARR)
	require.NoError(t, err)
	assert.True(t, k.StartingARR.Equal(decimal.NewFromInt(6000)), "starting ARR %s", k.StartingARR)
	assert.Equal(t, 1, k.GrossRenewalCount.Den-k.GrossRenewalCount.Num, "one churn in the range")
}
