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
			{Activity: renewal.UsageReview, Date: date.Must(2026, 11, 1)},
			{Activity: renewal.IntentConfirmation, Date: date.Must(2026, 12, 1), Intent: renewal.IntentRenew},
		},
		Calls: []renewal.Call{
			{Date: date.Must(2026, 10, 1), Amount: decimal.NewFromInt(900_000), Category: renewal.BestCase},
			{Date: date.Must(2026, 12, 2), Amount: decimal.NewFromInt(1_000_000), Category: renewal.Commit},
		},
		FirstContact: date.Must(2026, 10, 20),
		Outcome:      renewal.Outcome{Result: renewal.Renewed, Date: date.Must(2027, 1, 4), Final: decimal.NewFromInt(1_000_000)},
	}

	on := r.KnownOn(date.Must(2026, 11, 30))
	require.Len(t, on.Completions, 1)
	assert.Equal(t, renewal.UsageReview, on.Completions[0].Activity)
	require.Len(t, on.Calls, 1)
	assert.Equal(t, renewal.BestCase, on.Calls[0].Category)
	assert.Equal(t, date.Must(2026, 10, 20), on.FirstContact)
	assert.Equal(t, renewal.Open, on.Outcome.Result)

	// The replayed renewal is accepted as of that day; the full one is not.
	_, err := renewal.Policy{}.Status(on, date.Must(2026, 11, 30))
	require.NoError(t, err)
	_, err = renewal.Policy{}.Status(r, date.Must(2026, 11, 30))
	require.ErrorIs(t, err, renewal.ErrCompletionAfterAsOf)

	// On the outcome's day everything is known; r itself is untouched.
	all := r.KnownOn(date.Must(2027, 1, 4))
	assert.Len(t, all.Completions, 2)
	assert.Len(t, all.Calls, 2)
	assert.Equal(t, renewal.Renewed, all.Outcome.Result)
	on.Completions[0].Note = "changed"
	assert.Empty(t, r.Completions[0].Note)

	early := r.KnownOn(date.Must(2026, 10, 1))
	assert.True(t, early.FirstContact.IsZero())
}

func TestStatusRefusesAFirstContactAfterAsOf(t *testing.T) {
	r := renewal.Renewal{
		Contract:     renewal.Contract{ID: "acme", Start: date.Must(2026, 1, 5), TermMonths: 12},
		FirstContact: date.Must(2026, 12, 1),
	}
	_, err := renewal.Policy{}.Status(r, date.Must(2026, 11, 30))
	require.ErrorIs(t, err, renewal.ErrCompletionAfterAsOf)
	var fe *renewal.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "first_contact", fe.Field)
	_, err = renewal.Policy{}.Status(r, date.Must(2026, 12, 1))
	require.NoError(t, err)
}
