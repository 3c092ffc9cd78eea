package roi

import (
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/stretchr/testify/require"
)

func day(y int, m time.Month, dd int) date.Date { return date.Must(y, m, dd) }

func seedClaim() Claim {
	return Claim{
		ID:        "leads-2027",
		Statement: "Customers gain revenue from the offline leads the product brings",
		Scenario:  seedCase().Scenarios[0],
	}
}

func TestReview(t *testing.T) {
	asOf := day(2027, time.March, 31)
	for _, tc := range []struct {
		name          string
		min           int
		confirmations []Confirmation
		publishable   bool
		confirmed     int
		required      int
		customers     []string
		since         date.Date
	}{
		{"none yet", 0, nil, false, 0, 3, []string{}, date.Date{}},
		{"two of three", 0, []Confirmation{
			{Customer: "acme", On: day(2027, time.January, 10)},
			{Customer: "beta", On: day(2027, time.February, 1)},
		}, false, 2, 3, []string{"acme", "beta"}, date.Date{}},
		{"three: publishable since the third", 0, []Confirmation{
			{Customer: "gamma", On: day(2027, time.March, 5)},
			{Customer: "acme", On: day(2027, time.January, 10)},
			{Customer: "beta", On: day(2027, time.February, 1)},
		}, true, 3, 3, []string{"acme", "beta", "gamma"}, day(2027, time.March, 5)},
		{"a customer twice counts once, from its first", 0, []Confirmation{
			{Customer: "acme", On: day(2027, time.March, 1)},
			{Customer: "acme", On: day(2027, time.January, 10)},
			{Customer: "beta", On: day(2027, time.February, 1)},
			{Customer: "beta", On: day(2027, time.February, 1)},
		}, false, 2, 3, []string{"acme", "beta"}, date.Date{}},
		{"the same day: by name", 2, []Confirmation{
			{Customer: "zeta", On: day(2027, time.February, 1)},
			{Customer: "beta", On: day(2027, time.February, 1)},
			{Customer: "acme", On: day(2027, time.March, 31)}, // on asOf: counts
		}, true, 3, 2, []string{"beta", "zeta", "acme"}, day(2027, time.February, 1)},
		{"a policy of one", 1, []Confirmation{{Customer: "acme", On: day(2026, time.December, 1)}},
			true, 1, 1, []string{"acme"}, day(2026, time.December, 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := seedClaim()
			c.Confirmations = tc.confirmations
			p, err := ClaimPolicy{MinConfirmations: tc.min}.Review(c, asOf)
			require.NoError(t, err)
			require.Equal(t, Publication{Claim: "leads-2027", Publishable: tc.publishable,
				Required: tc.required, Customers: tc.customers, Since: tc.since}, p)
			require.Len(t, p.Customers, tc.confirmed)
		})
	}
}

func TestReviewErrors(t *testing.T) {
	asOf := day(2027, time.March, 31)
	c := seedClaim()
	c.Confirmations = []Confirmation{{Customer: "acme", On: day(2027, time.April, 1)}}
	_, err := ClaimPolicy{}.Review(c, asOf)
	requireField(t, err, ErrAfterAsOf, "confirmations[0].on")
	require.EqualError(t, err, `roi: claim "leads-2027": confirmations[0].on: dated after the as-of date: 2027-04-01 after 2027-03-31`)

	_, err = ClaimPolicy{}.Review(seedClaim(), date.Date{})
	requireField(t, err, ErrMissing, "as_of")
	_, err = ClaimPolicy{MinConfirmations: -1}.Review(seedClaim(), asOf)
	requireField(t, err, ErrInvalidConfig, "min_confirmations")

	for _, tc := range []struct {
		name  string
		edit  func(*Claim)
		want  error
		field string
	}{
		{"no id", func(c *Claim) { c.ID = "" }, ErrMissing, "id"},
		{"no statement", func(c *Claim) { c.Statement = "" }, ErrMissing, "statement"},
		{"an empty scenario", func(c *Claim) { c.Scenario = Scenario{} }, ErrEmptyScenario, "scenario.name"},
		{"a bad rate", func(c *Claim) {
			l := seedRevenue()
			l.WinRate = pt("2")
			c.Scenario.Logic = l
		}, ErrRateOutOfRange, "scenario.logic.win_rate"},
		{"a confirmation without a customer", func(c *Claim) {
			c.Confirmations = []Confirmation{{On: asOf}}
		}, ErrMissing, "confirmations[0].customer"},
		{"a confirmation without a day", func(c *Claim) {
			c.Confirmations = []Confirmation{{Customer: "a", On: asOf}, {Customer: "b"}}
		}, ErrMissing, "confirmations[1].on"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := seedClaim()
			tc.edit(&c)
			_, err := ClaimPolicy{}.Review(c, asOf)
			requireField(t, err, tc.want, tc.field)
		})
	}
	require.Equal(t, ClaimPolicy{MinConfirmations: 3}, DefaultClaimPolicy())
}

func TestKnownOn(t *testing.T) {
	c := seedClaim()
	c.Confirmations = []Confirmation{
		{Customer: "b", On: day(2027, time.March, 2)},
		{Customer: "a", On: day(2027, time.March, 1)},
		{Customer: "c", On: day(2027, time.March, 3)},
	}
	got := c.KnownOn(day(2027, time.March, 2))
	require.Equal(t, []Confirmation{c.Confirmations[0], c.Confirmations[1]}, got.Confirmations, "on the day counts; order kept")
	require.Len(t, c.Confirmations, 3, "the claim itself is unchanged")
	require.Empty(t, c.KnownOn(day(2027, time.February, 28)).Confirmations)
}
