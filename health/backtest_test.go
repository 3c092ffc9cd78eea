package health_test

import (
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/health"
	"github.com/cskit/cskit/internal/booktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// btOutcomes are nine renewals decided on 2026-06-30: the predicting
// score is the latest on or before 2026-04-01 (90 days earlier).
func btOutcomes() []health.Outcome {
	o := func(id string, r health.Result) health.Outcome {
		return health.Outcome{Account: id, On: asOf, Result: r}
	}
	return []health.Outcome{
		o("A", health.ResultChurned), o("B", health.ResultDownsold), o("C", health.ResultRenewed),
		o("D", health.ResultChurned), o("E", health.ResultRenewed), o("F", health.ResultRenewed),
		o("G", health.ResultChurned), o("H", health.ResultChurned), o("I", health.ResultRenewed),
	}
}

// btScores is the history of the accounts (and of Z, which has no
// outcome).
func btScores() []health.PastScore {
	s := func(id string, d date.Date, h int64, b health.Band) health.PastScore {
		return health.PastScore{Account: id, On: d, Score: pts(h), Band: b}
	}
	red, yellow, green := health.BandRed, health.BandYellow, health.BandGreen
	return []health.PastScore{
		s("A", day(time.January, 15), 3000, red), s("A", day(time.March, 31), 4000, red), s("A", day(time.May, 15), 6000, yellow),
		s("A", day(time.July, 10), 9000, green), // after the outcome: not used
		s("B", day(time.February, 1), 4500, red),
		s("C", day(time.March, 1), 6000, yellow),
		s("D", day(time.March, 20), 7000, yellow), s("D", day(time.June, 1), 2000, red),
		s("E", day(time.January, 10), 8000, green), s("E", day(time.April, 1), 8100, green), // on the horizon day: counts
		s("F", day(time.February, 10), 9000, green),
		s("G", day(time.March, 15), 8500, green),
		s("H", day(time.May, 1), 1000, red), // only within the horizon: too late
		s("Z", day(time.March, 1), 5000, yellow),
	}
}

func TestBacktest(t *testing.T) {
	opts := health.BacktestOptions{MinSample: 2, AllowNoScore: true}
	r, err := health.RunBacktest(slices.Values(btOutcomes()), slices.Values(btScores()), opts)
	require.NoError(t, err)
	assert.Equal(t, 14, r.Scores)
	assert.Equal(t, 12, r.Used) // not A's July score, not Z's
	// Predicted: A red, B red, C yellow, D yellow, E F G green; H too late;
	// I without a score.
	assert.Equal(t, []int{9, 7, 1, 1}, []int{r.Outcomes, r.Predicted, r.TooLate, r.NoScore})
	// Base: 3 churned of 7 = 42.857… → 42.86%; 1 downsold of 7 = 14.29%.
	assert.Equal(t, health.Rate{Count: 3, Of: 7, Percent: pts(4286), Reported: true}, r.All.ChurnRate)
	assert.Equal(t, health.Rate{Count: 1, Of: 7, Percent: pts(1429), Reported: true}, r.All.DownsellRate)
	red, yellow, green := r.Bands[0], r.Bands[1], r.Bands[2]
	assert.Equal(t, []health.Band{health.BandRed, health.BandYellow, health.BandGreen}, []health.Band{red.Band, yellow.Band, green.Band})
	// Red: A churned, B downsold: 50.00% each; churn lift (1/2)/(3/7) =
	// 7/6 = 1.1666… → 1.17; downsell lift (1/2)/(1/7) = 3.50.
	assert.Equal(t, []int{2, 0, 1, 1}, []int{red.Outcomes, red.Renewed, red.Downsold, red.Churned})
	assert.Equal(t, pts(5000), red.ChurnRate.Percent)
	assert.Equal(t, health.Lift{Value: pts(117), Reported: true}, red.ChurnLift)
	assert.Equal(t, health.Lift{Value: pts(350), Reported: true}, red.DownsellLift)
	// Yellow: C renewed, D churned: churn 50.00%, lift 1.17; downsell 0.
	assert.Equal(t, pts(5000), yellow.ChurnRate.Percent)
	assert.Equal(t, health.Lift{Value: pts(0), Reported: true}, yellow.DownsellLift)
	// Green: E, F renewed, G churned: 1/3 = 33.33%; lift (1/3)/(3/7) = 7/9
	// = 0.777… → 0.78.
	assert.Equal(t, health.Rate{Count: 1, Of: 3, Percent: pts(3333), Reported: true}, green.ChurnRate)
	assert.Equal(t, health.Lift{Value: pts(78), Reported: true}, green.ChurnLift)
	// Warning of churn: the churned with a score are A, D, G, H; red came
	// first on 2026-01-15 for A (166 days before), 2026-06-01 for D (29),
	// 2026-05-01 for H (60); G never: 3 of 4 = 75.00%, median 60.
	w := r.Warnings[0]
	assert.Equal(t, health.ResultChurned, w.Result)
	assert.Equal(t, health.Rate{Count: 3, Of: 4, Percent: pts(7500), Reported: true}, w.Warned)
	assert.Equal(t, []any{60.0, 29, 166}, []any{w.MedianDays, w.MinDays, w.MaxDays})
	// Downsell: B, red since 2026-02-01, 149 days; one outcome is below
	// the minimum sample of 2: counted, not reported as a rate.
	w = r.Warnings[1]
	assert.Equal(t, health.Rate{Count: 1, Of: 1}, w.Warned)
	assert.Equal(t, []any{149.0, 149, 149}, []any{w.MedianDays, w.MinDays, w.MaxDays})

	// With the default minimum of 30, no rate is reported: too few.
	r, err = health.RunBacktest(slices.Values(btOutcomes()), slices.Values(btScores()), health.BacktestOptions{AllowNoScore: true})
	require.NoError(t, err)
	assert.False(t, r.All.ChurnRate.Reported)
	assert.Equal(t, health.Rate{Count: 1, Of: 2}, r.Bands[0].ChurnRate)
	assert.False(t, r.Bands[0].ChurnLift.Reported)

	// An outcome without a score is refused unless allowed.
	_, err = health.RunBacktest(slices.Values(btOutcomes()), slices.Values(btScores()), health.BacktestOptions{})
	require.ErrorIs(t, err, health.ErrNoScore)
	assert.EqualError(t, err, `health: account "I": on: outcome without a score: the outcome on 2026-06-30 (renewed) follows no score; 1 outcomes have none (AllowNoScore counts them)`)
}

func TestBacktestErrors(t *testing.T) {
	outcomes := btOutcomes()
	bad := func(f func(o []health.Outcome)) []health.Outcome {
		o := slices.Clone(outcomes)
		f(o)
		return o
	}
	for _, tc := range []struct {
		name     string
		outcomes []health.Outcome
		opts     health.BacktestOptions
		err      error
	}{
		{"no result", bad(func(o []health.Outcome) { o[2].Result = 0 }), health.BacktestOptions{}, health.ErrUnknownResult},
		{"no day", bad(func(o []health.Outcome) { o[2].On = date.Date{} }), health.BacktestOptions{}, health.ErrMissingDate},
		{"no account", bad(func(o []health.Outcome) { o[2].Account = "" }), health.BacktestOptions{}, health.ErrMissingName},
		{"twice", bad(func(o []health.Outcome) { o[2].Account = "A" }), health.BacktestOptions{}, health.ErrDuplicateAccount},
		{"min sample", outcomes, health.BacktestOptions{MinSample: -1}, health.ErrInvalidOptions},
		{"horizon", outcomes, health.BacktestOptions{Horizon: date.Days(-1)}, health.ErrInvalidOptions},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := health.NewBacktest(slices.Values(tc.outcomes), tc.opts)
			require.ErrorIs(t, err, tc.err)
		})
	}
	_, err := health.NewBacktest(nil, health.BacktestOptions{})
	require.ErrorIs(t, err, health.ErrNilBook)

	b, err := health.NewBacktest(slices.Values(outcomes), health.BacktestOptions{})
	require.NoError(t, err)
	for _, s := range btScores() {
		require.NoError(t, b.Add(s))
	}
	before := b.Result()
	// A second score of A on its predicting day (2026-03-31).
	err = b.Add(health.PastScore{Account: "A", On: day(time.March, 31), Score: pts(9000), Band: health.BandGreen})
	require.ErrorIs(t, err, health.ErrDuplicateScore)
	require.ErrorIs(t, b.Add(health.PastScore{Account: "A", On: asOf, Score: pts(10001)}), health.ErrInvalidNumber)
	require.ErrorIs(t, b.Add(health.PastScore{Account: "A", On: asOf, Band: 9}), health.ErrUnknownBand)
	require.ErrorIs(t, b.Add(health.PastScore{Account: "A"}), health.ErrMissingDate)
	assert.Equal(t, before, b.Result(), "refused scores change nothing")
	_, err = health.RunBacktest(slices.Values(outcomes), nil, health.BacktestOptions{})
	require.ErrorIs(t, err, health.ErrNilBook)

	// Merging backtests of other outcomes or options is refused.
	c, _ := health.NewBacktest(slices.Values(outcomes[:3]), health.BacktestOptions{})
	require.ErrorIs(t, b.Merge(c), health.ErrMismatch)
	d, _ := health.NewBacktest(slices.Values(outcomes), health.BacktestOptions{MinSample: 5})
	require.ErrorIs(t, b.Merge(d), health.ErrMismatch)
}

// TestBacktestMerge is the merge law: any split of the scores, merged in
// any grouping, equals one pass.
func TestBacktestMerge(t *testing.T) {
	var scores []health.PastScore
	for rep := range 4 {
		for _, s := range btScores() {
			s.On = s.On.AddDays(-rep) // distinct days
			scores = append(scores, s)
		}
	}
	booktest.CheckMerge(t, 5, 30, scores, func() *health.Backtest {
		b, err := health.NewBacktest(slices.Values(btOutcomes()), health.BacktestOptions{MinSample: 2})
		require.NoError(t, err)
		return b
	})
}
