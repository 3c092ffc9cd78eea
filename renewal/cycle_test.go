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
	assert.Equal(t, date.Must(2027, 3, 31), renewalDate(t, renewal.Policy{}, churned, asOf))

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

// renewalDate is Policy.RenewalDate, failing the test on error.
func renewalDate(t *testing.T, p renewal.Policy, r renewal.Renewal, d date.Date) date.Date {
	t.Helper()
	due, err := p.RenewalDate(r, d)
	require.NoError(t, err)
	return due
}

// Due pins a row to one renewal, even when the outcome was recorded long
// after the renewal date; it must be one of the contract's renewal dates.
func TestDuePinsTheRenewal(t *testing.T) {
	c := renewal.Contract{ID: "late-record", Start: date.Must(2025, 1, 31), TermMonths: 12, AutoRenew: true, ARR: decimal.NewFromInt(500)}
	r := renewal.Renewal{
		Contract: c,
		Due:      date.Must(2027, 1, 31),
		Outcome:  renewal.Outcome{Result: renewal.Renewed, Date: date.Must(2027, 3, 3), Final: decimal.NewFromInt(600)},
	}
	require.NoError(t, r.Validate())
	assert.Equal(t, date.Must(2027, 1, 31), renewalDate(t, renewal.Policy{}, r, date.Must(2027, 6, 1)))
	// Without Due, an outcome of 2027-03-03, more than a month after the
	// renewal, is read as an early decision on the 2028 renewal.
	r.Due = date.Date{}
	assert.Equal(t, date.Must(2028, 1, 31), renewalDate(t, renewal.Policy{}, r, date.Must(2027, 6, 1)))

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

// An outcome booked a few days after the renewal date belongs to that
// renewal, not the next one: the renewal on 2026-12-31, booked on
// 2027-01-05, is renewable in the fourth quarter of 2026 and renewed there,
// and the 2027-12-31 renewal is still open.
func TestLateBookingBelongsToItsRenewal(t *testing.T) {
	r := renewal.Renewal{
		Contract: renewal.Contract{ID: "late", Start: date.Must(2025, 12, 31), TermMonths: 12, AutoRenew: true, ARR: decimal.NewFromInt(1000)},
		Outcome:  renewal.Outcome{Result: renewal.Renewed, Date: date.Must(2027, 1, 5), Final: decimal.NewFromInt(1000)},
	}
	asOf := date.Must(2027, 1, 10)
	var p renewal.Policy
	assert.Equal(t, date.Must(2026, 12, 31), renewalDate(t, p, r, asOf))

	q4 := renewal.KPIOptions{From: date.Must(2026, 10, 1), To: date.Must(2027, 1, 1)}
	k, err := p.KPIs(slices.Values([]renewal.Renewal{r}), asOf, q4)
	require.NoError(t, err)
	assert.Equal(t, 1, k.Renewable)
	assert.Equal(t, 1, k.GrossRenewalCount.Num)

	st, err := p.Status(r, asOf)
	require.NoError(t, err)
	assert.Equal(t, date.Must(2026, 12, 31), st.Schedule.Renewal)
	assert.Equal(t, renewal.RenewedState, st.State)

	// The allowance is the policy's: with LateBooking of three days the
	// same booking is an early decision on the 2027 renewal.
	short := renewal.Policy{LateBooking: date.Days(3)}
	assert.Equal(t, date.Must(2027, 12, 31), renewalDate(t, short, r, asOf))
	// Its edges: booked on the last day of the allowance it is still the
	// 2026 renewal's, the day after it is the next one's.
	r.Outcome.Date = date.Must(2027, 1, 3)
	assert.Equal(t, date.Must(2026, 12, 31), renewalDate(t, short, r, asOf))
	r.Outcome.Date = date.Must(2027, 1, 4)
	assert.Equal(t, date.Must(2027, 12, 31), renewalDate(t, short, r, asOf))
	// Default allowance, one month: 2027-01-31 is the last day for the
	// 2026-12-31 renewal.
	r.Outcome.Date = date.Must(2027, 1, 31)
	assert.Equal(t, date.Must(2026, 12, 31), renewalDate(t, p, r, asOf.AddDays(30)))
	r.Outcome.Date = date.Must(2027, 2, 1)
	assert.Equal(t, date.Must(2027, 12, 31), renewalDate(t, p, r, asOf.AddDays(30)))

	_, err = renewal.Policy{LateBooking: date.Days(-1)}.RenewalDate(r, asOf)
	require.ErrorIs(t, err, renewal.ErrInvalidPolicy)
	_, err = p.RenewalDate(r, date.Date{})
	require.ErrorIs(t, err, renewal.ErrMissingDate)
}

// On a monthly contract an outcome belongs to the nearer renewal: on its
// renewal date, or decided a few days before it, it is that renewal's;
// booked a few days after the previous one, it is that one's; on the
// midpoint, the next one's.
func TestLateBookingOnMonthlyTerms(t *testing.T) {
	r := renewal.Renewal{
		Contract: renewal.Contract{ID: "m", Start: date.Must(2026, 1, 1), TermMonths: 1, RenewalTermMonths: 1, AutoRenew: true, ARR: decimal.NewFromInt(1200)},
		Outcome:  renewal.Outcome{Result: renewal.Renewed, Final: decimal.NewFromInt(1200)},
	}
	asOf := date.Must(2026, 6, 1)
	for _, tt := range []struct{ booked, want string }{
		{"2026-05-01", "2026-05-01"}, // on the renewal date
		{"2026-04-25", "2026-05-01"}, // decided six days early
		{"2026-04-10", "2026-04-01"}, // booked nine days late
		{"2026-04-16", "2026-05-01"}, // 15 days after, 15 days before: the next
		{"2026-04-15", "2026-04-01"}, // 14 days after, 16 before
		{"2026-01-20", "2026-02-01"}, // before the first renewal
	} {
		booked, err := date.Parse(tt.booked)
		require.NoError(t, err)
		want, err := date.Parse(tt.want)
		require.NoError(t, err)
		r.Outcome.Date = booked
		assert.Equal(t, want, renewalDate(t, renewal.Policy{}, r, asOf), "booked %s", tt.booked)
	}
	// May's KPIs count the renewal booked on its date.
	r.Outcome.Date = date.Must(2026, 5, 1)
	k, err := renewal.Policy{}.KPIs(slices.Values([]renewal.Renewal{r}), asOf,
		renewal.KPIOptions{From: date.Must(2026, 5, 1), To: date.Must(2026, 6, 1)})
	require.NoError(t, err)
	assert.Equal(t, 1, k.Renewable)
}

// With a notice period a closed row is measured against the decision
// dates. A monthly contract renewing on the 1st with 20 days' notice must
// be cancelled by the 11th of the month before: a cancellation dated
// 2026-04-11 is for the 2026-05-01 renewal, not the 2026-04-01 one that
// was locked in on 2026-03-12. An annual contract with a month's notice
// that renewed on 2027-03-31 (deadline 2027-02-28) keeps an outcome dated
// between its deadline and its date, or a few days after it.
func TestClosedRowWithNoticePeriod(t *testing.T) {
	monthly := renewal.Renewal{
		Contract: renewal.Contract{ID: "m", Start: date.Must(2026, 1, 1), TermMonths: 1, RenewalTermMonths: 1, AutoRenew: true,
			Notice: date.Days(20), ARR: decimal.NewFromInt(1200)},
		Outcome: renewal.Outcome{Result: renewal.Churned},
	}
	annual := renewal.Renewal{
		Contract: renewal.Contract{ID: "a", Start: date.Must(2026, 3, 31), TermMonths: 12, AutoRenew: true,
			Notice: date.Months(1), ARR: decimal.NewFromInt(1200)},
		Outcome: renewal.Outcome{Result: renewal.Renewed, Final: decimal.NewFromInt(1200)},
	}
	asOf := date.Must(2028, 6, 1)
	for _, tt := range []struct {
		r            renewal.Renewal
		booked, want string
	}{
		{monthly, "2026-04-11", "2026-05-01"}, // on the deadline of the May renewal
		{monthly, "2026-04-12", "2026-05-01"}, // a day late for May: decided late, by its date
		{monthly, "2026-03-12", "2026-04-01"}, // on April's deadline
		{monthly, "2026-05-03", "2026-05-01"}, // booked 2 days after May 1, 8 before June's deadline
		{monthly, "2026-05-07", "2026-06-01"}, // 6 days after, 4 before June's deadline
		{annual, "2027-02-28", "2027-03-31"},  // on the deadline
		{annual, "2027-03-05", "2027-03-31"},  // after the deadline, before the date
		{annual, "2027-04-05", "2027-03-31"},  // booked 5 days late
		{annual, "2027-05-05", "2028-03-31"},  // beyond a month: an early decision on 2028
	} {
		r := tt.r
		booked, err := date.Parse(tt.booked)
		require.NoError(t, err)
		want, err := date.Parse(tt.want)
		require.NoError(t, err)
		r.Outcome.Date = booked
		assert.Equal(t, want, renewalDate(t, renewal.Policy{}, r, asOf), "%s booked %s", r.Contract.ID, tt.booked)
	}
}

// Near the last day a Date holds the renewal after an outcome may be
// clamped to 9999-12-31; the renewal before it is still the real one.
func TestClosedRowNearTheEndOfTime(t *testing.T) {
	r := renewal.Renewal{
		Contract: renewal.Contract{ID: "z", Start: date.Must(2020, 1, 15), TermMonths: 120, RenewalTermMonths: 120, AutoRenew: true, ARR: decimal.NewFromInt(1)},
		Outcome:  renewal.Outcome{Result: renewal.Churned, Date: date.Must(9990, 1, 20)},
	}
	assert.Equal(t, date.Must(9990, 1, 15), renewalDate(t, renewal.Policy{}, r, date.Must(9995, 1, 1)))
}

// A book with one row per renewal cycle counts a contract once in the KPIs,
// for its renewal current on From: a monthly contract renewing three times
// in a quarter is one renewable contract of ARR 1200, not three.
func TestKPIsCountCycleRowsOnce(t *testing.T) {
	c := renewal.Contract{ID: "m", Start: date.Must(2026, 6, 30), TermMonths: 1, RenewalTermMonths: 1, AutoRenew: true, ARR: decimal.NewFromInt(1200)}
	var book []renewal.Renewal
	for _, d := range []date.Date{date.Must(2026, 12, 30), date.Must(2027, 1, 30), date.Must(2027, 2, 28), date.Must(2027, 3, 30)} {
		book = append(book, renewal.Renewal{Contract: c, Due: d,
			Outcome: renewal.Outcome{Result: renewal.Renewed, Date: d.AddDays(-3), Final: decimal.NewFromInt(1200)}})
	}
	book[3].Outcome = renewal.Outcome{} // the March renewal is still open
	k, err := renewal.Policy{}.KPIs(slices.Values(book), date.Must(2027, 3, 1),
		renewal.KPIOptions{From: date.Must(2027, 1, 1), To: date.Must(2027, 4, 1)})
	require.NoError(t, err)
	assert.Equal(t, 1, k.Renewable)
	assert.True(t, k.RenewableARR.Equal(decimal.NewFromInt(1200)), "renewable ARR %s", k.RenewableARR)
	assert.True(t, k.StartingARR.Equal(decimal.NewFromInt(1200)), "starting ARR %s", k.StartingARR)
	assert.Equal(t, 1, k.GrossRenewalCount.Num, "the January renewal, renewed")
}

// A contract the book shows churned at a renewal before the period is not
// active on From, with or without Due: StartingARR is the other contract's
// 1000 alone.
func TestStartingARRLeavesOutEarlierChurn(t *testing.T) {
	gone := renewal.Renewal{
		Contract: renewal.Contract{ID: "gone", Start: date.Must(2025, 12, 15), TermMonths: 12, AutoRenew: true, ARR: decimal.NewFromInt(5000)},
		Outcome:  renewal.Outcome{Result: renewal.Churned, Date: date.Must(2026, 11, 1)},
	}
	stay := renewal.Renewal{Contract: renewal.Contract{ID: "stay", Start: date.Must(2026, 2, 1), TermMonths: 12, ARR: decimal.NewFromInt(1000)}}
	opts := renewal.KPIOptions{From: date.Must(2027, 1, 1), To: date.Must(2027, 4, 1), Denominator: renewal.StartingARR}
	for _, due := range []date.Date{{}, date.Must(2026, 12, 15)} {
		gone.Due = due
		k, err := renewal.Policy{}.KPIs(slices.Values([]renewal.Renewal{gone, stay}), date.Must(2027, 4, 1), opts)
		require.NoError(t, err)
		assert.True(t, k.StartingARR.Equal(decimal.NewFromInt(1000)), "due %s: starting ARR %s", due, k.StartingARR)
	}
	// Churned at the renewal inside the period, it was active on From.
	gone.Due = date.Date{}
	gone.Outcome.Date = date.Must(2027, 1, 20)
	gone.Contract.Start = date.Must(2026, 2, 15)
	k, err := renewal.Policy{}.KPIs(slices.Values([]renewal.Renewal{gone, stay}), date.Must(2027, 4, 1), opts)
	require.NoError(t, err)
	assert.True(t, k.StartingARR.Equal(decimal.NewFromInt(6000)), "starting ARR %s", k.StartingARR)
	assert.Equal(t, 1, k.GrossRenewalCount.Den-k.GrossRenewalCount.Num, "one churn in the period")
}
