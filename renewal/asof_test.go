package renewal_test

import (
	"testing"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/renewal"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKnownOn(t *testing.T) {
	r := renewal.Renewal{
		Contract: renewal.Contract{ID: "acme", Start: date.Must(2026, 1, 5), TermMonths: 12, ARR: decimal.NewFromInt(1_000_000)},
		Completions: []renewal.Completion{
			{Activity: renewal.ActivityUsageReview, Date: date.Must(2026, 11, 1)},
			{Activity: renewal.ActivityIntentConfirmation, Date: date.Must(2026, 12, 1), Intent: renewal.IntentRenew},
		},
		Calls: []renewal.Call{
			{Date: date.Must(2026, 10, 1), Amount: decimal.NewFromInt(900_000), Category: renewal.CategoryBestCase},
			{Date: date.Must(2026, 12, 2), Amount: decimal.NewFromInt(1_000_000), Category: renewal.CategoryCommit},
		},
		FirstContact: date.Must(2026, 10, 20),
		Due:          date.Must(2027, 1, 5),
		Outcome:      renewal.Outcome{Result: renewal.ResultRenewed, Date: date.Must(2027, 1, 4), Final: decimal.NewFromInt(1_000_000)},
	}

	on := r.KnownOn(date.Must(2026, 11, 30))
	require.Len(t, on.Completions, 1)
	assert.Equal(t, renewal.ActivityUsageReview, on.Completions[0].Activity)
	require.Len(t, on.Calls, 1)
	assert.Equal(t, renewal.CategoryBestCase, on.Calls[0].Category)
	assert.Equal(t, date.Must(2026, 10, 20), on.FirstContact)
	assert.Equal(t, renewal.ResultOpen, on.Outcome.Result)

	// The replayed renewal is accepted as of that day; the full one is not.
	_, err := renewal.Policy{}.Status(on, date.Must(2026, 11, 30))
	require.NoError(t, err)
	_, err = renewal.Policy{}.Status(r, date.Must(2026, 11, 30))
	require.ErrorIs(t, err, renewal.ErrRecordAfterAsOf)

	// On the outcome's day everything is known; r itself is untouched.
	all := r.KnownOn(date.Must(2027, 1, 4))
	assert.Len(t, all.Completions, 2)
	assert.Len(t, all.Calls, 2)
	assert.Equal(t, renewal.ResultRenewed, all.Outcome.Result)
	on.Completions[0].Note = "changed"
	assert.Empty(t, r.Completions[0].Note)

	early := r.KnownOn(date.Must(2026, 10, 1))
	assert.True(t, early.FirstContact.IsZero())
}

// TestStatusRefusesRecordsAfterAsOf dates each kind of record a day after
// the as-of date: the error names the field and the record, and on the
// record's own day the status exists.
func TestStatusRefusesRecordsAfterAsOf(t *testing.T) {
	c := renewal.Contract{ID: "acme", Start: date.Must(2026, 1, 5), TermMonths: 12, ARR: decimal.NewFromInt(100)}
	on := date.Must(2026, 12, 1)
	tests := []struct {
		field, msg string
		r          renewal.Renewal
	}{
		{"completions", `renewal: contract "acme": completions: record dated after the as-of date 2026-11-30: completion of usage-review on 2026-12-01`,
			renewal.Renewal{Contract: c, Completions: []renewal.Completion{{Activity: renewal.ActivityUsageReview, Date: on}}}},
		{"calls", `renewal: contract "acme": calls: record dated after the as-of date 2026-11-30: call on 2026-12-01`,
			renewal.Renewal{Contract: c, Calls: []renewal.Call{{Date: on, Amount: decimal.NewFromInt(90), Category: renewal.CategoryCommit}}}},
		{"outcome", `renewal: contract "acme": outcome: record dated after the as-of date 2026-11-30: churned outcome on 2026-12-01`,
			renewal.Renewal{Contract: c, Due: date.Must(2027, 1, 5), Outcome: renewal.Outcome{Result: renewal.ResultChurned, Date: on}}},
		{"first_contact", `renewal: contract "acme": first_contact: record dated after the as-of date 2026-11-30: first contact on 2026-12-01`,
			renewal.Renewal{Contract: c, FirstContact: on}},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			_, err := renewal.Policy{}.Status(tt.r, date.Must(2026, 11, 30))
			require.ErrorIs(t, err, renewal.ErrRecordAfterAsOf)
			var fe *renewal.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.field, fe.Field)
			assert.Equal(t, tt.msg, err.Error())
			_, err = renewal.Policy{}.Status(tt.r, on)
			require.NoError(t, err)
		})
	}
}
