package renewal

import (
	"encoding/json"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/booktest"
	"github.com/shopspring/decimal"
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
		{"day before opening", Policy{}, rnMarch31, "2026-12-30", StateNotStarted},
		{"opening day", Policy{}, rnMarch31, "2026-12-31", StateInWindow},
		{"day after opening", Policy{}, rnMarch31, "2027-01-01", StateInWindow},
		{"day before late", Policy{}, rnMarch31, "2027-03-16", StateInWindow},
		{"late from", Policy{}, rnMarch31, "2027-03-17", StateLate},
		{"day after late from", Policy{}, rnMarch31, "2027-03-18", StateLate},
		{"decision day", Policy{}, rnMarch31, "2027-03-31", StateLate},
		{"day after decision", Policy{}, rnMarch31, "2027-04-01", StatePast},
		{"long before", Policy{}, rnMarch31, "2026-04-01", StateNotStarted},
		{"as of before the start", Policy{}, rnMarch31, "2020-01-01", StateNotStarted},
		// Window of 90 days before 2027-03-31: 2026-12-31 as well.
		{"90-day window, day before", Policy{Window: date.Days(90)}, rnMarch31, "2026-12-30", StateNotStarted},
		{"90-day window, opening", Policy{Window: date.Days(90)}, rnMarch31, "2026-12-31", StateInWindow},
		// Late one month before: from 2027-02-28.
		{"late in months, day before", Policy{Late: date.Months(1)}, rnMarch31, "2027-02-27", StateInWindow},
		{"late in months", Policy{Late: date.Months(1)}, rnMarch31, "2027-02-28", StateLate},
		{"notice, day before late", Policy{}, auto, "2027-02-13", StateInWindow},
		{"notice, late", Policy{}, auto, "2027-02-14", StateLate},
		{"notice, decision", Policy{}, auto, "2027-02-28", StateLate},
		{"notice passed", Policy{}, auto, "2027-03-01", StatePast},
		{"renewal day after notice", Policy{}, auto, "2027-03-31", StatePast},
		{"next term", Policy{}, auto, "2027-04-01", StateNotStarted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.p.Classify(tt.c, rnDay(tt.asOf))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestClassifyKnowsNoIntent: rnMarch31 renews 2027-03-31 with no notice,
// so it is late from 2027-03-17 (14 days before) while its intent is
// unconfirmed. As of 2027-03-20 with "renew" recorded on 2027-03-10,
// Status keeps it in the window; Classify, from the dates alone, says late.
func TestClassifyKnowsNoIntent(t *testing.T) {
	asOf := rnDay("2027-03-20")
	got, err := Policy{}.Classify(rnMarch31, asOf)
	require.NoError(t, err)
	assert.Equal(t, StateLate, got)
	st, err := Policy{}.Status(Renewal{Contract: rnMarch31, Completions: []Completion{
		{Activity: ActivityIntentConfirmation, Date: rnDay("2027-03-10"), Intent: IntentRenew},
	}}, asOf)
	require.NoError(t, err)
	assert.Equal(t, StateInWindow, st.State)
}

func TestClassifyErrors(t *testing.T) {
	_, err := Policy{}.Classify(Contract{ID: "x", Start: rnDay("2026-03-31"), RenewalDate: rnDay("2026-03-31")}, rnDay("2026-04-01"))
	rnRequireFieldErr(t, err, ErrRenewalBeforeStart, "x", "renewal_date")
	_, err = Policy{}.Classify(rnMarch31, date.Date{})
	rnRequireFieldErr(t, err, ErrMissingDate, "acme", "as_of")
	_, err = Policy{Steps: []Step{{ActivityUsageReview, date.Days(1)}, {ActivityUsageReview, date.Days(2)}}}.Classify(rnMarch31, rnDay("2026-04-01"))
	assert.ErrorIs(t, err, ErrDuplicateActivity)
}

// rnBook is read on 2027-03-20.
var rnBook = []Contract{
	{ID: "acme", Start: rnDay("2026-03-31"), TermMonths: 12, ARR: rnDec("1200000")},                                          // late from 2027-03-17
	{ID: "june", Start: rnDay("2026-06-01"), TermMonths: 12, ARR: rnDec("300000.50")},                                        // opens 2027-03-01: in window
	{ID: "september", Start: rnDay("2026-09-01"), TermMonths: 12, ARR: rnDec("450000")},                                      // opens 2027-06-01: not started
	{ID: "march-1", Start: rnDay("2026-03-01"), TermMonths: 12, ARR: rnDec("80000")},                                         // renewed 2027-03-01: past
	{ID: "notice", Start: rnDay("2026-04-15"), TermMonths: 12, AutoRenew: true, Notice: date.Months(1), ARR: rnDec("20000")}, // notice 2027-03-15: past
	{ID: "rolled", Start: rnDay("2025-03-10"), TermMonths: 12, AutoRenew: true, ARR: rnDec("5000")},                          // next 2028-03-10: not started
	// Renewal 2027-07-20; its window opens 2027-04-20, but the customer's
	// budget (2027-01-31) moves ROI, due 2027-05-21 after 31 days open, to
	// open on 2026-12-31: in window.
	{ID: "budget", Start: rnDay("2026-07-20"), TermMonths: 12, FiscalYearEnd: time.March, ARR: rnDec("600000.25")},
}

func rnTotal(n int, arr string) StateTotal { return StateTotal{Contracts: n, ARR: rnDec(arr)} }

// rnEqualTally compares tallies by their JSON, which writes every amount
// exactly.
func rnEqualTally(t *testing.T, want, got Tally) {
	t.Helper()
	w, err := json.Marshal(want)
	require.NoError(t, err)
	g, err := json.Marshal(got)
	require.NoError(t, err)
	assert.JSONEq(t, string(w), string(g))
}

func TestClassifyBook(t *testing.T) {
	asOf := rnDay("2027-03-20")
	got, err := Policy{}.ClassifyBook(slices.Values(rnBook), asOf)
	require.NoError(t, err)
	rnEqualTally(t, Tally{AsOf: asOf,
		NotStarted: rnTotal(2, "455000"),    // september 450000 + rolled 5000
		InWindow:   rnTotal(2, "900000.75"), // june 300000.50 + budget 600000.25
		Late:       rnTotal(1, "1200000"),   // acme
		Past:       rnTotal(2, "100000"),    // march-1 80000 + notice 20000
	}, got)
	assert.Equal(t, 7, got.Total().Contracts)
	assert.Equal(t, "2655000.75", got.Total().ARR.String()) // 455000 + 900000.75 + 1200000 + 100000
	assert.Equal(t, got.Late, got.State(StateLate))
	assert.Equal(t, StateTotal{}, got.State(StateRenewed), "a classification never says renewed")

	t.Run("ignoring the fiscal year", func(t *testing.T) {
		got, err := Policy{IgnoreFiscalYear: true}.ClassifyBook(slices.Values(rnBook), asOf)
		require.NoError(t, err)
		// budget's window opens 2027-04-20 when its budget does not count.
		assert.Equal(t, 3, got.NotStarted.Contracts)
		assert.Equal(t, "1055000.25", got.NotStarted.ARR.String()) // 455000 + 600000.25
		assert.Equal(t, 1, got.InWindow.Contracts)
	})
	t.Run("empty book", func(t *testing.T) {
		got, err := Policy{}.ClassifyBook(slices.Values([]Contract(nil)), asOf)
		require.NoError(t, err)
		rnEqualTally(t, Tally{AsOf: asOf}, got)
	})
}

func TestClassifierMerge(t *testing.T) {
	asOf := rnDay("2027-03-20")
	var book []Contract
	for c := range rnContracts(300) {
		book = append(book, c)
	}
	booktest.CheckMerge(t, 7, 20, book, func() *Classifier {
		cl, err := NewClassifier(Policy{}, asOf)
		require.NoError(t, err)
		return cl
	})

	a, err := NewClassifier(Policy{}, asOf)
	require.NoError(t, err)
	b, err := NewClassifier(Policy{}, asOf.AddDays(1))
	require.NoError(t, err)
	require.NoError(t, a.Add(rnBook[0]))
	assert.ErrorIs(t, a.Merge(b), ErrMismatch, "another as-of date")
	c, err := NewClassifier(Policy{Late: date.Days(7)}, asOf)
	require.NoError(t, err)
	assert.ErrorIs(t, a.Merge(c), ErrMismatch, "another policy")
	assert.ErrorIs(t, a.Merge(nil), ErrMismatch)
	assert.Equal(t, 1, a.Result().Total().Contracts, "a refused merge changes nothing")

	var zero Classifier
	assert.ErrorIs(t, zero.Add(rnBook[0]), ErrMissingDate, "a classifier not built by NewClassifier")
	var null *Classifier
	assert.Error(t, null.Add(rnBook[0]))
	rnEqualTally(t, Tally{}, null.Result())
}

func TestClassifyBookErrors(t *testing.T) {
	asOf := rnDay("2027-03-20")
	bad := Contract{ID: "bad", Start: rnDay("2026-03-31"), TermMonths: 12, ARR: rnDec("-1")}
	t.Run("stops at the first invalid contract", func(t *testing.T) {
		read := 0
		rows := func(yield func(Contract) bool) {
			for _, c := range []Contract{rnMarch31, bad, rnBook[1]} {
				read++
				if !yield(c) {
					return
				}
			}
		}
		got, err := Policy{}.ClassifyBook(rows, asOf)
		rnRequireFieldErr(t, err, ErrNegativeAmount, "bad", "arr")
		var re *book.RowError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, 1, re.Index)
		assert.EqualError(t, err, `renewal: row 1: contract "bad": arr: negative amount: -1`)
		rnEqualTally(t, Tally{}, got)
		assert.Equal(t, 2, read, "the rest of the book is not read")

		cl, err := NewClassifier(Policy{}, asOf)
		require.NoError(t, err)
		require.NoError(t, cl.Add(rnMarch31))
		require.Error(t, cl.Add(bad))
		assert.Equal(t, 1, cl.Result().Late.Contracts, "a refused row leaves the classifier unchanged")
		assert.Equal(t, 1, cl.Result().Total().Contracts)
	})
	t.Run("nil book", func(t *testing.T) {
		_, err := Policy{}.ClassifyBook(nil, asOf)
		assert.ErrorIs(t, err, ErrNilBook)
		assert.EqualError(t, err, "renewal: nil book iterator")
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
	{Window: rnPeriod(2, 20), Late: rnPeriod(0, 30), Steps: []Step{{ActivityROIConfirmation, rnPeriod(2, 20)}, {ActivityGoalProgressReview, date.Days(40)}}},
	{BudgetLead: date.Months(3), BudgetHorizon: date.Months(9)},
	{BudgetLead: date.Days(45), BudgetHorizon: date.Days(200), Window: date.Days(60), Steps: []Step{{ActivityUsageReview, date.Days(59)}}},
	{IgnoreFiscalYear: true},
	{Steps: []Step{}},
	// ROI due on the decision date is open the whole window: a budget move
	// then opens the renewal as early as the rule allows.
	{Steps: []Step{{ActivityROIConfirmation, date.Days(0)}, {ActivityGoalProgressReview, date.Days(10)}}},
	{Window: date.Days(90), BudgetHorizon: date.Days(200), Steps: []Step{{ActivityROIConfirmation, date.Days(0)}}},
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
			c.ARR = decimal.New(int64(i%1000)*1000, -int32(i%3))
			if i%3 == 0 {
				c.AutoRenew = true
				c.Notice = []date.Period{date.Months(1), date.Days(30), rnPeriod(2, 10), date.Days(0), date.Days(90)}[i/3%5]
			}
			if !yield(c) {
				return
			}
		}
	}
}

// TestClassifyAgreesWithStatus: Classify skips the activities but derives
// the same key dates as Status, so they agree on every threshold's day and
// the day before it, for varied contracts and policies.
func TestClassifyAgreesWithStatus(t *testing.T) {
	for _, p := range rnClassifyPolicies {
		for c := range rnContracts(200) {
			s, err := p.Plan(c, c.Start)
			require.NoError(t, err)
			for _, d := range []date.Date{s.Opens, s.LateFrom, s.Decision, s.Renewal} {
				rnCheckClassify(t, p, c, d.AddDays(-1))
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
