package churn

import (
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/booktest"
	"github.com/cskit/cskit/internal/dectest"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mk returns a case of account ARR twice its ARR at risk, opened on
// opened by event open and moved by the events after it, a day apart.
func mk(id, owner string, arr int64, renews date.Date, reasons []ReasonKind, opened date.Date, events ...Event) Case {
	c := Case{ID: id, Account: "acct-" + id, Owner: owner, ARRAtRisk: yen(arr), RenewalDate: renews, AccountARR: yen(2 * arr)}
	for _, k := range reasons {
		r := Reason{Kind: k}
		if k == ReasonOther {
			r.Text = "other"
		}
		c.Reasons = append(c.Reasons, r)
	}
	for i, e := range events {
		t := Transition{Date: opened.AddDays(i), Event: e}
		if e == EventChurned {
			t.Lost = yen(arr)
		}
		c.History = append(c.History, t)
	}
	return c
}

// smallBook is five cases as of 2027-01-31:
//
//	c1 sato A  1,200,000  renews 2027-03-31  budget-cut
//	c2 sato B    500,000  renews 2027-04-30  product-gap, competitor
//	c3 kato C  2,000,000  renews 2027-03-15  budget-cut
//	c4 kato saved (opened at A)
//	c5 kato churned (opened at B)
func smallBook() []Case {
	o := day(2027, time.January, 5)
	return []Case{
		mk("c1", "sato", 1_200_000, day(2027, time.March, 31), []ReasonKind{ReasonBudgetCut}, o, EventFrontLineHint),
		mk("c2", "sato", 500_000, day(2027, time.April, 30), []ReasonKind{ReasonProductGap, ReasonCompetitor}, o, EventAdminHint, EventDecisionMakerConsidering),
		mk("c3", "kato", 2_000_000, day(2027, time.March, 15), []ReasonKind{ReasonBudgetCut}, o, EventCancellationDecided),
		mk("c4", "kato", 900_000, day(2027, time.June, 30), []ReasonKind{ReasonValueUnexplained}, o, EventAdminHint, EventSaved),
		mk("c5", "kato", 300_000, day(2027, time.February, 28), []ReasonKind{ReasonContactChange}, o, EventDecisionMakerConsidering, EventChurned),
	}
}

func totals(n int, arr, loss string) Totals {
	return Totals{Cases: n, ARRAtRisk: dec(arr), ExpectedLoss: dec(loss)}
}

// assertTotals compares totals by value and by text, so the decimal places
// are checked too.
func assertTotals(t *testing.T, want, got Totals, msg string) {
	t.Helper()
	assert.Equal(t, want.Cases, got.Cases, msg)
	assert.Equal(t, want.ARRAtRisk.String(), got.ARRAtRisk.String(), msg)
	assert.Equal(t, want.ExpectedLoss.StringFixed(-want.ExpectedLoss.Exponent()), got.ExpectedLoss.StringFixed(-got.ExpectedLoss.Exponent()), msg)
}

func TestForecastByHand(t *testing.T) {
	f, err := Policy{}.Forecast(slices.Values(smallBook()), day(2027, time.January, 31))
	require.NoError(t, err)
	// Default weights A 0.6, B 0.8, C 0.95:
	//   c1 1,200,000 × 0.6  =   720,000.0
	//   c2   500,000 × 0.8  =   400,000.0
	//   c3 2,000,000 × 0.95 = 1,900,000.00
	assertTotals(t, totals(3, "3700000", "3020000.00"), f.Total, "total: 720,000 + 400,000 + 1,900,000")
	require.Len(t, f.ByPhase, 3)
	assertTotals(t, totals(1, "1200000", "720000.0"), f.ByPhase[0].Totals, "A")
	assertTotals(t, totals(1, "500000", "400000.0"), f.ByPhase[1].Totals, "B")
	assertTotals(t, totals(1, "2000000", "1900000.00"), f.ByPhase[2].Totals, "C")
	assert.Equal(t, []Phase{PhaseA, PhaseB, PhaseC}, []Phase{f.ByPhase[0].Phase, f.ByPhase[1].Phase, f.ByPhase[2].Phase})

	require.Len(t, f.ByReason, 3)
	assert.Equal(t, ReasonBudgetCut, f.ByReason[0].Reason)
	assertTotals(t, totals(2, "3200000", "2620000.00"), f.ByReason[0].Totals, "budget-cut: c1 + c3 = 720,000 + 1,900,000")
	assert.Equal(t, ReasonProductGap, f.ByReason[1].Reason)
	assertTotals(t, totals(1, "500000", "400000.0"), f.ByReason[1].Totals, "product-gap: c2")
	assert.Equal(t, ReasonCompetitor, f.ByReason[2].Reason)
	assertTotals(t, totals(1, "500000", "400000.0"), f.ByReason[2].Totals, "competitor: c2 again")

	require.Len(t, f.ByOwner, 2)
	assert.Equal(t, "kato", f.ByOwner[0].Owner)
	assertTotals(t, totals(1, "2000000", "1900000.00"), f.ByOwner[0].Totals, "kato: c3")
	assert.Equal(t, "sato", f.ByOwner[1].Owner)
	assertTotals(t, totals(2, "1700000", "1120000.0"), f.ByOwner[1].Totals, "sato: 720,000 + 400,000")

	require.Len(t, f.ByMonth, 2)
	assert.Equal(t, day(2027, time.March, 1), f.ByMonth[0].Month)
	assertTotals(t, totals(2, "3200000", "2620000.00"), f.ByMonth[0].Totals, "March: c1 + c3")
	assert.Equal(t, day(2027, time.April, 1), f.ByMonth[1].Month)
	assertTotals(t, totals(1, "500000", "400000.0"), f.ByMonth[1].Totals, "April: c2")

	assert.Equal(t, 1, f.Saved)
	assert.Equal(t, 1, f.Churned)
}

func TestForecastCustomWeights(t *testing.T) {
	// A left out: 0, B 0.5, C 1.
	//   c2 500,000 × 0.5 = 250,000.0; c3 2,000,000 × 1 = 2,000,000
	p := Policy{Weights: Weights{B: dec("0.5"), C: yen(1)}}
	f, err := p.Forecast(slices.Values(smallBook()), day(2027, time.January, 31))
	require.NoError(t, err)
	assertTotals(t, totals(3, "3700000", "2250000.0"), f.Total, "0 + 250,000 + 2,000,000")
	assertTotals(t, totals(1, "1200000", "0"), f.ByPhase[0].Totals, "A weighs nothing")
}

func TestExpectedLoss(t *testing.T) {
	b := smallBook()
	tests := []struct {
		c    Case
		want string
	}{
		{b[0], "720000.0"},   // 1,200,000 × 0.6
		{b[1], "400000.0"},   // 500,000 × 0.8
		{b[2], "1900000.00"}, // 2,000,000 × 0.95
		{b[3], "0"},          // saved: nothing expected
		{b[4], "0"},          // churned: recorded, not expected
	}
	for _, tt := range tests {
		got, err := Policy{}.ExpectedLoss(tt.c)
		require.NoError(t, err, tt.c.ID)
		assert.Equal(t, tt.want, got.StringFixed(-got.Exponent()), tt.c.ID)
	}
	c := b[0]
	c.ARRAtRisk = dec("1234.56") // × 0.6 = 740.736
	c.AccountARR = c.ARRAtRisk
	got, err := Policy{}.ExpectedLoss(c)
	require.NoError(t, err)
	assert.Equal(t, "740.736", got.String())
	_, err = Policy{}.ExpectedLoss(Case{})
	require.ErrorIs(t, err, ErrInvalidCase)
	_, err = Policy{Weights: Weights{A: dec("1.01")}}.ExpectedLoss(c)
	require.ErrorIs(t, err, ErrInvalidPolicy)
}

func TestForecastErrors(t *testing.T) {
	asOf := day(2027, time.January, 31)
	_, err := NewForecastAcc(Policy{}, date.Date{})
	require.ErrorIs(t, err, ErrMissingDate)
	_, err = NewForecastAcc(Policy{Weights: Weights{A: dec("-0.1"), B: dec("0.5"), C: dec("0.9")}}, asOf)
	require.ErrorIs(t, err, ErrInvalidPolicy)

	_, err = Policy{}.Forecast(nil, asOf)
	require.ErrorIs(t, err, ErrNilBook)
	assert.EqualError(t, err, "churn: nil book iterator")

	// A bad row stops the book, naming its index and case.
	b := smallBook()
	b[2].ARRAtRisk = yen(-1)
	_, err = Policy{}.Forecast(slices.Values(b), asOf)
	require.ErrorIs(t, err, ErrNegativeAmount)
	assert.EqualError(t, err, `churn: row 2: case "c3": arr_at_risk: negative amount: -1`)

	// A move after the as-of date is refused, not dropped.
	_, err = Policy{}.Forecast(slices.Values(smallBook()), day(2027, time.January, 5))
	require.ErrorIs(t, err, ErrAfterAsOf)
	assert.EqualError(t, err, `churn: row 1: case "c2": history[1].date: move dated after the as-of date: 2027-01-06, as of 2027-01-05`)

	// A duplicate ID is refused, and leaves the accumulator unchanged.
	acc, err := NewForecastAcc(Policy{}, asOf)
	require.NoError(t, err)
	for _, c := range smallBook() {
		require.NoError(t, acc.Add(c))
	}
	before, _ := json.Marshal(acc.Result())
	dup := smallBook()[0]
	err = acc.Add(dup)
	require.ErrorIs(t, err, ErrDuplicateCase)
	assert.EqualError(t, err, `churn: case "c1": id: duplicate case ID: case "c1" is already in the book`)
	after, _ := json.Marshal(acc.Result())
	assert.Equal(t, string(before), string(after))

	// With the check skipped, the same case counts twice.
	skip, err := NewForecastAcc(Policy{SkipDuplicateCheck: true}, asOf)
	require.NoError(t, err)
	require.NoError(t, skip.Add(dup))
	require.NoError(t, skip.Add(dup))
	assert.Equal(t, 2, skip.Result().Total.Cases)

	// Accumulators not made by the constructor refuse work, never panic.
	var nilAcc *ForecastAcc
	require.ErrorIs(t, nilAcc.Add(dup), ErrInvalidAccumulator)
	require.ErrorIs(t, (&ForecastAcc{}).Add(dup), ErrInvalidAccumulator)
	require.ErrorIs(t, acc.Merge(nil), ErrInvalidAccumulator)
	require.ErrorIs(t, acc.Merge(acc), ErrInvalidAccumulator)
	assert.Equal(t, Forecast{}, nilAcc.Result())
}

func TestForecastMerge(t *testing.T) {
	asOf := day(2027, time.January, 31)
	a, _ := NewForecastAcc(Policy{}, asOf)
	b, _ := NewForecastAcc(Policy{}, asOf)
	book := smallBook()
	for _, c := range book[:2] {
		require.NoError(t, a.Add(c))
	}
	for _, c := range book[2:] {
		require.NoError(t, b.Add(c))
	}
	require.NoError(t, a.Merge(b))
	assertTotals(t, totals(3, "3700000", "3020000.00"), a.Result().Total, "the two halves make the whole")

	// The same case in both halves is refused, and a is left unchanged.
	c, _ := NewForecastAcc(Policy{}, asOf)
	require.NoError(t, c.Add(book[0]))
	before, _ := json.Marshal(a.Result())
	err := a.Merge(c)
	require.ErrorIs(t, err, ErrDuplicateCase)
	assert.EqualError(t, err, `churn: case "c1": id: duplicate case ID: case "c1" is in both books merged`)
	after, _ := json.Marshal(a.Result())
	assert.Equal(t, string(before), string(after))

	// Different configurations do not merge.
	other, _ := NewForecastAcc(Policy{}, asOf.AddDays(1))
	require.ErrorIs(t, a.Merge(other), ErrMergeMismatch)
	heavy, _ := NewForecastAcc(Policy{Weights: Weights{A: dec("0.7"), B: dec("0.8"), C: dec("0.95")}}, asOf)
	err = a.Merge(heavy)
	require.ErrorIs(t, err, ErrMergeMismatch)
	assert.EqualError(t, err, "churn: merging accumulators of different configurations: forecast as of 2027-01-31 with weights 0.6/0.8/0.95, and as of 2027-01-31 with weights 0.7/0.8/0.95")
	noDup, _ := NewForecastAcc(Policy{SkipDuplicateCheck: true}, asOf)
	require.ErrorIs(t, a.Merge(noDup), ErrMergeMismatch)
	// Equal weights written with other digits are the same configuration.
	same, _ := NewForecastAcc(Policy{Weights: Weights{A: dec("0.60"), B: dec("0.8"), C: dec("0.950")}}, asOf)
	require.NoError(t, a.Merge(same))
}

// randomBook returns n valid cases with unique IDs, as of 2027-12-31.
func randomBook(rng *rand.Rand, n int) []Case {
	owners := []string{"sato", "kato", "ito", "abe"}
	paths := [][]Event{
		{EventFrontLineHint}, {EventAdminHint, EventFrontLineHint}, {EventDecisionMakerConsidering},
		{EventAdminHint, EventCancellationDecided}, {EventCancellationDecided}, {EventAdminHint, EventSaved},
		{EventDecisionMakerConsidering, EventChurned}, {EventFrontLineHint, EventDecisionMakerConsidering, EventCancellationDecided, EventChurned},
		{EventDecisionMakerConsidering, EventSaved},
	}
	out := make([]Case, n)
	for i := range out {
		reasons := []ReasonKind{ReasonKind(1 + rng.IntN(numReasons))}
		if k := ReasonKind(1 + rng.IntN(numReasons)); k != reasons[0] && rng.IntN(2) == 0 {
			reasons = append(reasons, k)
		}
		opened := day(2027, time.Month(1+rng.IntN(6)), 1+rng.IntN(28))
		arr := int64(rng.IntN(5_000_000))
		c := mk(fmt.Sprint("r", i), owners[rng.IntN(len(owners))], arr, opened.AddMonths(1+rng.IntN(12)), reasons, opened, paths[rng.IntN(len(paths))]...)
		if rng.IntN(5) == 0 { // some amounts with cents
			c.ARRAtRisk = c.ARRAtRisk.Add(decimal.New(int64(rng.IntN(100)), -2))
		}
		c.Tier = rng.IntN(4)
		out[i] = c
	}
	return out
}

// TestMergeLaw: merging any split of a random book, in any grouping, gives
// what one pass gives, for both accumulators.
func TestMergeLaw(t *testing.T) {
	rows := randomBook(rand.New(rand.NewPCG(1, 2)), 300)
	asOf := day(2027, time.December, 31)
	booktest.CheckMerge(t, 7, 20, rows, func() *ForecastAcc {
		acc, err := NewForecastAcc(Policy{}, asOf)
		require.NoError(t, err)
		return acc
	})
	booktest.CheckMerge(t, 11, 20, rows, func() *KPIAcc {
		acc, err := NewKPIAcc(Policy{}, asOf)
		require.NoError(t, err)
		return acc
	})
}

// TestForecastProperties checks, on random books, what holds for any: no
// group expects to lose more than its ARR at risk, the phases, owners and
// months each add up to the total, and the total is the sum of
// ExpectedLoss over the cases.
func TestForecastProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	asOf := day(2027, time.December, 31)
	for trial := range 20 {
		rows := randomBook(rng, 1+rng.IntN(60))
		f, err := Policy{}.Forecast(slices.Values(rows), asOf)
		require.NoError(t, err)
		sum := decimal.Zero
		for _, c := range rows {
			l, err := Policy{}.ExpectedLoss(c)
			require.NoError(t, err)
			sum = sum.Add(l)
		}
		assert.True(t, sum.Equal(f.Total.ExpectedLoss), "trial %d: %s vs %s", trial, sum, f.Total.ExpectedLoss)
		all := []Totals{f.Total}
		for _, g := range f.ByPhase {
			all = append(all, g.Totals)
		}
		for _, g := range f.ByReason {
			all = append(all, g.Totals)
		}
		for _, g := range f.ByOwner {
			all = append(all, g.Totals)
		}
		for _, g := range f.ByMonth {
			all = append(all, g.Totals)
		}
		for _, g := range all {
			assert.True(t, g.ExpectedLoss.LessThanOrEqual(g.ARRAtRisk), "trial %d: loss %s above risk %s", trial, g.ExpectedLoss, g.ARRAtRisk)
		}
		for name, parts := range map[string]iter.Seq[Totals]{
			"phase": func(y func(Totals) bool) {
				for _, g := range f.ByPhase {
					y(g.Totals)
				}
			},
			"owner": func(y func(Totals) bool) {
				for _, g := range f.ByOwner {
					y(g.Totals)
				}
			},
			"month": func(y func(Totals) bool) {
				for _, g := range f.ByMonth {
					y(g.Totals)
				}
			},
		} {
			n, arr, loss := 0, decimal.Zero, decimal.Zero
			for g := range parts {
				n, arr, loss = n+g.Cases, arr.Add(g.ARRAtRisk), loss.Add(g.ExpectedLoss)
			}
			assert.Equal(t, f.Total.Cases, n, "trial %d by %s", trial, name)
			assert.True(t, arr.Equal(f.Total.ARRAtRisk), "trial %d by %s", trial, name)
			assert.True(t, loss.Equal(f.Total.ExpectedLoss), "trial %d by %s", trial, name)
		}
	}
}

func TestForecastJSON(t *testing.T) {
	f, err := Policy{}.Forecast(slices.Values(smallBook()), day(2027, time.January, 31))
	require.NoError(t, err)
	b, err := json.Marshal(f)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"total":{"cases":3,"arr_at_risk":"3700000","expected_loss":"3020000.00"}`)
	assert.Contains(t, string(b), `"weights":{"a":"0.6","b":"0.8","c":"0.95"}`)
	var back Forecast
	require.NoError(t, json.Unmarshal(b, &back))
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2))
	// The zero Forecast encodes.
	_, err = json.Marshal(Forecast{})
	require.NoError(t, err)
	var tt Totals
	err = json.Unmarshal([]byte(`{"cases":1,"arr":"1"}`), &tt)
	require.ErrorIs(t, err, ErrInvalidResult)
}

func TestForecastStable(t *testing.T) {
	dectest.Stable(t, func() []byte {
		f, err := Policy{}.Forecast(slices.Values(smallBook()), day(2027, time.January, 31))
		if err != nil {
			return []byte(err.Error())
		}
		b, err := json.Marshal(f)
		if err != nil {
			return []byte(err.Error())
		}
		var fe *FieldError
		bad := smallBook()[0]
		bad.ARRAtRisk = dec("-1.50")
		err = bad.Validate()
		if errors.As(err, &fe) {
			b = append(b, err.Error()...)
		}
		return b
	})
}

// TestExpectedLossInRange: an ARR at risk with 100 decimal places is in
// range, but times the weight 0.6 it has 101; the case is refused rather
// than counted into a forecast that could not be encoded.
func TestExpectedLossInRange(t *testing.T) {
	c := smallBook()[0] // phase A
	c.ARRAtRisk = decimal.New(1, -100)
	c.AccountARR = yen(1)
	require.NoError(t, c.Validate())
	_, err := Policy{}.ExpectedLoss(c)
	require.ErrorIs(t, err, ErrAmountOutOfRange)
	assert.EqualError(t, err, `churn: case "c1": arr_at_risk: amount out of range: exponent -100 times weight 0.6 is exponent -101, outside ±100`)
	acc, err := NewForecastAcc(Policy{}, day(2027, time.January, 31))
	require.NoError(t, err)
	require.ErrorIs(t, acc.Add(c), ErrAmountOutOfRange)
	_, err = json.Marshal(acc.Result())
	require.NoError(t, err, "the refused case left the forecast encodable")
	fixed := c
	fixed.ARRAtRisk = yen(1)
	require.NoError(t, acc.Add(fixed), "the refused case's ID was not counted")
	// A weight of 1 keeps the places: the same case is fine.
	one := Policy{Weights: Weights{A: yen(1), B: yen(1), C: yen(1)}}
	loss, err := one.ExpectedLoss(c)
	require.NoError(t, err)
	assert.True(t, loss.Equal(c.ARRAtRisk))
	// A saved case expects nothing, whatever its places.
	c.History = append(c.History, Transition{Date: c.History[0].Date, Event: EventSaved})
	_, err = Policy{}.ExpectedLoss(c)
	require.NoError(t, err)
}

// TestForecastAddAllocatesNothing: once a case's owner and month are
// known, adding it allocates nothing when the duplicate check is skipped,
// so a book of a million cases streams in flat memory (see
// BenchmarkForecastMillion for the speed).
func TestForecastAddAllocatesNothing(t *testing.T) {
	acc, err := NewForecastAcc(Policy{SkipDuplicateCheck: true}, day(2027, time.January, 31))
	require.NoError(t, err)
	book := smallBook()
	for _, c := range book {
		require.NoError(t, acc.Add(c))
	}
	c := book[1] // phase B, two reasons
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		if err := acc.Add(c); err != nil {
			t.Fatal(err)
		}
	}))
}
