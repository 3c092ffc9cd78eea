package renewal

import (
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClassify(t *testing.T) {
	auto := Contract{ID: "a", Start: rnDay("2026-03-31"), TermMonths: 12, AutoRenew: true, Notice: date.Months(1)}
	tests := []struct {
		name string
		p    Policy
		c    Contract
		asOf string
		want State
	}{
		{"day before opening", Policy{}, rnMarch31, "2026-12-30", NotStarted},
		{"opening day", Policy{}, rnMarch31, "2026-12-31", InWindow},
		{"day after opening", Policy{}, rnMarch31, "2027-01-01", InWindow},
		{"day before late", Policy{}, rnMarch31, "2027-03-16", InWindow},
		{"late from", Policy{}, rnMarch31, "2027-03-17", Late},
		{"day after late from", Policy{}, rnMarch31, "2027-03-18", Late},
		{"decision day", Policy{}, rnMarch31, "2027-03-31", Late},
		{"day after decision", Policy{}, rnMarch31, "2027-04-01", Past},
		{"long before", Policy{}, rnMarch31, "2026-04-01", NotStarted},
		{"as of before the start", Policy{}, rnMarch31, "2020-01-01", NotStarted},
		// Window of 90 days before 2027-03-31: 2026-12-31 as well.
		{"90-day window, day before", Policy{Window: date.Days(90)}, rnMarch31, "2026-12-30", NotStarted},
		{"90-day window, opening", Policy{Window: date.Days(90)}, rnMarch31, "2026-12-31", InWindow},
		// Late one month before: from 2027-02-28.
		{"late in months, day before", Policy{Late: date.Months(1)}, rnMarch31, "2027-02-27", InWindow},
		{"late in months", Policy{Late: date.Months(1)}, rnMarch31, "2027-02-28", Late},
		{"notice, day before late", Policy{}, auto, "2027-02-13", InWindow},
		{"notice, late", Policy{}, auto, "2027-02-14", Late},
		{"notice, decision", Policy{}, auto, "2027-02-28", Late},
		{"notice passed", Policy{}, auto, "2027-03-01", Past},
		{"renewal day after notice", Policy{}, auto, "2027-03-31", Past},
		{"next term", Policy{}, auto, "2027-04-01", NotStarted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.p.Classify(tt.c, rnDay(tt.asOf))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestClassifyErrors(t *testing.T) {
	_, err := Policy{}.Classify(Contract{ID: "x", Start: rnDay("2026-03-31"), RenewalDate: rnDay("2026-03-31")}, rnDay("2026-04-01"))
	rnRequireFieldErr(t, err, ErrRenewalBeforeStart, "x", "renewal_date")
	_, err = Policy{}.Classify(rnMarch31, date.Date{})
	rnRequireFieldErr(t, err, ErrMissingDate, "acme", "as_of")
	_, err = Policy{Steps: []Step{{UsageReview, date.Days(1)}, {UsageReview, date.Days(2)}}}.Classify(rnMarch31, rnDay("2026-04-01"))
	assert.ErrorIs(t, err, ErrDuplicateActivity)
}

// rnBook is read on 2027-03-20.
var rnBook = []Contract{
	rnMarch31, // late from 2027-03-17
	{ID: "june", Start: rnDay("2026-06-01"), TermMonths: 12},                                            // opens 2027-03-01: in window
	{ID: "september", Start: rnDay("2026-09-01"), TermMonths: 12},                                       // opens 2027-06-01: not started
	{ID: "march-1", Start: rnDay("2026-03-01"), TermMonths: 12},                                         // renewed 2027-03-01: past
	{ID: "notice", Start: rnDay("2026-04-15"), TermMonths: 12, AutoRenew: true, Notice: date.Months(1)}, // notice 2027-03-15: past
	{ID: "rolled", Start: rnDay("2025-03-10"), TermMonths: 12, AutoRenew: true},                         // next 2028-03-10: not started
	// Renewal 2027-07-20; its window opens 2027-04-20, but the customer's
	// budget (2027-01-31) moves ROI, due 2027-05-21 after 31 days open, to
	// open on 2026-12-31: in window.
	{ID: "budget", Start: rnDay("2026-07-20"), TermMonths: 12, FiscalYearEnd: time.March},
}

func TestClassifyBook(t *testing.T) {
	asOf := rnDay("2027-03-20")
	got, err := Policy{}.ClassifyBook(slices.Values(rnBook), asOf)
	require.NoError(t, err)
	assert.Equal(t, Tally{AsOf: asOf, NotStarted: 2, InWindow: 2, Late: 1, Past: 2}, got)
	assert.Equal(t, len(rnBook), got.Total())

	for _, c := range rnBook {
		one, err := Policy{}.ClassifyBook(slices.Values([]Contract{c}), asOf)
		require.NoError(t, err)
		s, err := Policy{}.Classify(c, asOf)
		require.NoError(t, err)
		assert.Equal(t, 1, one.Total())
		switch s {
		case NotStarted:
			assert.Equal(t, 1, one.NotStarted, c.ID)
		case InWindow:
			assert.Equal(t, 1, one.InWindow, c.ID)
		case Late:
			assert.Equal(t, 1, one.Late, c.ID)
		case Past:
			assert.Equal(t, 1, one.Past, c.ID)
		}
	}

	t.Run("ignoring the fiscal year", func(t *testing.T) {
		got, err := Policy{IgnoreFiscalYear: true}.ClassifyBook(slices.Values(rnBook), asOf)
		require.NoError(t, err)
		assert.Equal(t, Tally{AsOf: asOf, NotStarted: 3, InWindow: 1, Late: 1, Past: 2}, got)
	})
	t.Run("empty book", func(t *testing.T) {
		got, err := Policy{}.ClassifyBook(slices.Values([]Contract(nil)), asOf)
		require.NoError(t, err)
		assert.Equal(t, Tally{AsOf: asOf}, got)
	})
}

func TestClassifyBookErrors(t *testing.T) {
	asOf := rnDay("2027-03-20")
	bad := Contract{ID: "bad", Start: rnDay("2026-03-31"), TermMonths: 12, ARR: rnDec("-1")}
	t.Run("stops at the first invalid contract", func(t *testing.T) {
		read := 0
		book := func(yield func(Contract) bool) {
			for _, c := range []Contract{rnMarch31, bad, rnBook[1]} {
				read++
				if !yield(c) {
					return
				}
			}
		}
		got, err := Policy{}.ClassifyBook(book, asOf)
		rnRequireFieldErr(t, err, ErrNegativeAmount, "bad", "arr")
		assert.Equal(t, Tally{AsOf: asOf, Late: 1}, got, "counts so far")
		assert.Equal(t, 2, read, "the rest of the book is not read")
	})
	t.Run("invalid policy", func(t *testing.T) {
		_, err := Policy{Window: date.Days(-1)}.ClassifyBook(slices.Values(rnBook), asOf)
		assert.ErrorIs(t, err, ErrInvalidPolicy)
	})
	t.Run("no as-of date", func(t *testing.T) {
		_, err := Policy{}.ClassifyBook(slices.Values(rnBook), date.Date{})
		assert.ErrorIs(t, err, ErrMissingDate)
		var fe *FieldError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, "as_of", fe.Field)
	})
}

// rnClassifyPolicies are policies whose thresholds exercise every branch
// of the classification: months and days, long and short horizons.
var rnClassifyPolicies = []Policy{
	{},
	{Window: date.Days(90), Late: date.Days(21)},
	{Late: date.Months(1)},
	{Window: rnPeriod(2, 20), Late: rnPeriod(0, 30), Steps: []Step{{ROIConfirmation, rnPeriod(2, 20)}, {GoalProgressReview, date.Days(40)}}},
	{BudgetLead: date.Months(3), BudgetHorizon: date.Months(9)},
	{BudgetLead: date.Days(45), BudgetHorizon: date.Days(200), Window: date.Days(60), Steps: []Step{{UsageReview, date.Days(59)}}},
	{IgnoreFiscalYear: true},
	{Steps: []Step{}},
	// ROI due on the decision date is open the whole window: a budget move
	// then opens the renewal as early as the rule allows.
	{Steps: []Step{{ROIConfirmation, date.Days(0)}, {GoalProgressReview, date.Days(10)}}},
	{Window: date.Days(90), BudgetHorizon: date.Days(200), Steps: []Step{{ROIConfirmation, date.Days(0)}}},
}

// rnContracts yields n varied contracts: every fiscal-year end, notice in
// months and days, co-termed renewal dates, multi-year and monthly terms.
func rnContracts(n int) iter.Seq[Contract] {
	return func(yield func(Contract) bool) {
		for i := range n {
			c := Contract{ID: "c", Start: rnDay("2023-01-01").AddDays(i * 7919 % 1461), TermMonths: []int{12, 36, 1, 6, 24}[i%5]}
			c.FiscalYearEnd = time.Month(i % 13)
			c.RenewalTermMonths = []int{0, 1, 6, 12}[i/5%4]
			if i%7 == 3 {
				c.TermMonths = 0
				c.RenewalDate = c.Start.AddDays(40 + i%400)
			}
			if i%3 == 0 {
				c.AutoRenew = true
				c.Notice = []date.Period{date.Months(1), date.Days(30), rnPeriod(2, 10), date.Days(0), date.Days(90)}[i/3%5]
				if c.Validate() != nil {
					c.Notice = date.Days(1)
				}
			}
			if !yield(c) {
				return
			}
		}
	}
}

// TestClassifyMatchesStatus checks the fast classification against the
// state Status derives from the full schedule, on the boundary days of
// every threshold and on days spread over several years.
func TestClassifyMatchesStatus(t *testing.T) {
	for _, p := range rnClassifyPolicies {
		for c := range rnContracts(1500) {
			require.NoError(t, c.Validate())
			var days []date.Date
			for k := 0; k < 8; k++ {
				days = append(days, rnDay("2023-01-01").AddDays(k*211+len(c.ID)))
			}
			s, err := p.Plan(c, c.Start)
			require.NoError(t, err)
			for _, d := range []date.Date{s.Opens, s.LateFrom, s.Decision, s.Renewal, s.BudgetDeadline} {
				if !d.IsZero() {
					days = append(days, d.AddDays(-1), d, d.AddDays(1))
				}
			}
			for _, it := range s.Items {
				days = append(days, it.Opens.AddDays(-1), it.Opens)
			}
			for _, d := range days {
				rnCheckClassify(t, p, c, d)
			}
		}
	}
}

func rnCheckClassify(t *testing.T, p Policy, c Contract, asOf date.Date) {
	t.Helper()
	got, err := p.Classify(c, asOf)
	require.NoError(t, err)
	st, err := p.Status(Renewal{Contract: c}, asOf)
	require.NoError(t, err)
	require.Equal(t, st.State, got, "contract %+v as of %s under %+v: schedule %+v", c, asOf, p, st.Schedule)
}
