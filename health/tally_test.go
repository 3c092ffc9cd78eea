package health_test

import (
	"fmt"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/health"
	"github.com/cskit/cskit/internal/booktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tallyBook returns accounts of every band, with overrides and stale
// inputs, for the four-axis scorecard.
func tallyBook() []health.Account {
	a := acct("A", fourAxesInputs()) // 54.75 yellow
	green := acct("B", fourAxesInputs())
	for i, v := range []float64{3, 0, 0, 0.8, 0.6, 1} {
		green.Inputs[i].Value = v
	}
	// 100.00, green, with a stale contact (measured 2026-06-01).
	green.Inputs[0].On = day(time.June, 1)
	red := acct("C", fourAxesInputs())
	red.Inputs[1].Value = 1 // an open churn case: churn risk 0
	// 0.25·60 + 0 + 17.25 + 10 = 42.25, red.
	thin := acct("D", fourAxesInputs()[:2]) // insufficient
	over := acct("E", fourAxesInputs()[:2])
	over.Overrides = []health.Override{{Score: 30, By: "sato", Reason: "sponsor left", From: day(time.June, 1), Until: day(time.July, 31)}}
	return []health.Account{a, green, red, thin, over}
}

func TestTally(t *testing.T) {
	s := scorer(t, fourAxes())
	r, err := health.TallyBook(s, asOf, slices.Values(tallyBook()))
	require.NoError(t, err)
	assert.Equal(t, health.TallyResult{
		AsOf: asOf, Accounts: 5, Red: 2, Yellow: 1, Green: 1, Insufficient: 1, Overridden: 1, Stale: 1,
		// (54.75 + 100 + 42.25 + 30)/4 = 227/4 = 56.75.
		Mean: pts(5675),
	}, r)

	// A refused account leaves the tally unchanged and is named.
	bad := tallyBook()
	bad[2].Inputs[2].Value = -1
	_, err = health.TallyBook(s, asOf, slices.Values(bad))
	require.ErrorIs(t, err, health.ErrInvalidValue)
	assert.EqualError(t, err, `health: row 2: account "C": inputs[2].value: invalid value: -1 is not a count (a whole number not below zero); measure "risk_signals" counts`)
	tl, err := health.NewTally(s, asOf)
	require.NoError(t, err)
	require.Error(t, tl.Add(bad[2]))
	assert.Equal(t, health.TallyResult{AsOf: asOf}, tl.Result())

	_, err = health.TallyBook(s, asOf, nil)
	require.ErrorIs(t, err, health.ErrNilBook)
	_, err = health.NewTally(nil, asOf)
	require.ErrorIs(t, err, health.ErrInvalidConfig)
	_, err = health.NewTally(s, date.Date{})
	require.ErrorIs(t, err, health.ErrMissingDate)

	// Merging tallies of different as-of dates or scorers is refused.
	t1, _ := health.NewTally(s, asOf)
	t2, _ := health.NewTally(s, day(time.July, 1))
	require.ErrorIs(t, t1.Merge(t2), health.ErrMismatch)
	t3, _ := health.NewTally(scorer(t, fourAxes()), asOf)
	require.ErrorIs(t, t1.Merge(t3), health.ErrMismatch)
	require.ErrorIs(t, t1.Merge(nil), health.ErrMismatch)
}

// TestTallyMerge is the merge law: any split of a book, merged in any
// grouping, equals one pass.
func TestTallyMerge(t *testing.T) {
	s := scorer(t, fourAxes())
	var rows []health.Account
	for i := range 60 {
		a := tallyBook()[i%5]
		a.ID = fmt.Sprint(a.ID, i)
		rows = append(rows, a)
	}
	booktest.CheckMerge(t, 7, 20, rows, func() *health.Tally {
		tl, err := health.NewTally(s, asOf)
		require.NoError(t, err)
		return tl
	})
}

// TestTallyMatchesScore checks that a tally counts what Score shows.
func TestTallyMatchesScore(t *testing.T) {
	s := scorer(t, fourAxes())
	for _, a := range tallyBook() {
		sc, err := s.Score(a, asOf)
		require.NoError(t, err)
		r, err := health.TallyBook(s, asOf, slices.Values([]health.Account{a}))
		require.NoError(t, err)
		counts := map[health.Band]int{health.BandRed: r.Red, health.BandYellow: r.Yellow, health.BandGreen: r.Green, health.BandNone: r.Insufficient}
		assert.Equal(t, 1, counts[sc.Band], a.ID)
		if sc.Band != health.BandNone {
			assert.Equal(t, sc.Value, r.Mean, a.ID)
		}
	}
}

// seqOf returns n generated accounts as an iter.Seq, one at a time.
func seqOf(n int) iter.Seq[health.Account] {
	return func(yield func(health.Account) bool) {
		ins := fourAxesInputs()
		a := acct("gen", ins)
		for i := range n {
			ins[0].Value = float64(i % 40)
			ins[3].Value = float64(i%100) / 100
			if !yield(a) {
				return
			}
		}
	}
}

func TestTallyStream(t *testing.T) {
	r, err := health.TallyBook(scorer(t, fourAxes()), asOf, seqOf(1000))
	require.NoError(t, err)
	assert.Equal(t, 1000, r.Accounts)
	assert.Equal(t, 1000, r.Red+r.Yellow+r.Green+r.Insufficient)
}
