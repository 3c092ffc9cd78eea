package health_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/health"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRollup(t *testing.T) {
	d := decimal.RequireFromString
	children := []health.Child{
		{Account: "A", Score: pts(6000), Band: health.BandYellow, ARR: d("1000000")},
		{Account: "B", Score: pts(8000), Band: health.BandGreen, ARR: d("3000000")},
		{Account: "C", Band: health.BandNone, ARR: d("5000000")}, // insufficient data
		{Account: "D", Score: pts(4550), Band: health.BandRed, ARR: d("0")},
	}
	contribs := func(p health.Parent) []health.Points {
		var out []health.Points
		for _, c := range p.Children {
			out = append(out, c.Contribution)
		}
		return out
	}
	p, err := health.Rollup("parent", children, health.RollupOptions{})
	require.NoError(t, err)
	// (60 + 80 + 45.50)/3 = 61.8333… → 61.83, yellow. Shares 20, 26.666…,
	// 15.1666…: floors 20.00 + 26.66 + 15.16 = 61.82, the hundredth to B
	// (B and D tie at .667; B comes first).
	assert.Equal(t, pts(6183), p.Score)
	assert.Equal(t, health.BandYellow, p.Band)
	assert.Equal(t, []health.Points{pts(2000), pts(2667), pts(0), pts(1516)}, contribs(p))
	assert.False(t, p.Children[2].Counted)

	p, err = health.Rollup("parent", children, health.RollupOptions{Method: health.RollupARR})
	require.NoError(t, err)
	// (1M·60 + 3M·80 + 0·45.5)/4M = (60 + 240)/4 = 75.00: yellow (75 is not
	// above 75). Contributions 15.00, 60.00, 0, 0.
	assert.Equal(t, pts(7500), p.Score)
	assert.Equal(t, health.BandYellow, p.Band)
	assert.Equal(t, []health.Points{pts(1500), pts(6000), pts(0), pts(0)}, contribs(p))

	// A third of the ARR each: 100/3 → 33.33 with contributions that add up.
	p, err = health.Rollup("parent", []health.Child{
		{Account: "a", Score: pts(10000), Band: health.BandGreen, ARR: d("1")},
		{Account: "b", Score: pts(0), Band: health.BandRed, ARR: d("1")},
		{Account: "c", Score: pts(0), Band: health.BandRed, ARR: d("1")},
	}, health.RollupOptions{Method: health.RollupARR})
	require.NoError(t, err)
	assert.Equal(t, pts(3333), p.Score)
	assert.Equal(t, []health.Points{pts(3333), pts(0), pts(0)}, contribs(p))

	// No scored child: no score.
	p, err = health.Rollup("parent", children[2:3], health.RollupOptions{})
	require.NoError(t, err)
	assert.Equal(t, health.BandNone, p.Band)

	for _, tc := range []struct {
		name     string
		children []health.Child
		opts     health.RollupOptions
		err      error
	}{
		{"zero ARR", children[3:], health.RollupOptions{Method: health.RollupARR}, health.ErrInvalidWeight},
		{"negative ARR", []health.Child{{Account: "a", Score: pts(10), Band: health.BandRed, ARR: d("-1")}}, health.RollupOptions{Method: health.RollupARR}, health.ErrNegativeAmount},
		{"huge ARR", []health.Child{{Account: "a", Score: pts(10), Band: health.BandRed, ARR: decimal.New(1, 200)}}, health.RollupOptions{Method: health.RollupARR}, health.ErrAmountOutOfRange},
		{"twice", []health.Child{children[0], children[0]}, health.RollupOptions{}, health.ErrDuplicateName},
		{"no id", []health.Child{{Score: pts(10), Band: health.BandRed}}, health.RollupOptions{}, health.ErrMissingName},
		{"score", []health.Child{{Account: "a", Score: pts(10001), Band: health.BandGreen}}, health.RollupOptions{}, health.ErrInvalidScore},
		{"method", children, health.RollupOptions{Method: 5}, health.ErrInvalidOptions},
		{"bands", children, health.RollupOptions{Bands: health.Bands{Green: health.Cut{Op: health.OpAbove, At: 10}}}, health.ErrInvalidOptions},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := health.Rollup("parent", tc.children, tc.opts)
			require.ErrorIs(t, err, tc.err)
		})
	}
	_, err = health.Rollup("", children, health.RollupOptions{})
	require.ErrorIs(t, err, health.ErrMissingName)

	// An ARR's error writes the amount short: 100 nines, negative, are 101
	// characters, cut to the first 64 ("-" and 63 nines).
	arrErr := func(arr decimal.Decimal) string {
		_, err := health.Rollup("p", []health.Child{{Account: "a", Score: pts(10), Band: health.BandRed, ARR: arr}}, health.RollupOptions{Method: health.RollupARR})
		require.Error(t, err)
		return err.Error()
	}
	assert.Equal(t, `health: account "p": children[0].arr: negative amount: -1.50`, arrErr(d("-1.50")))
	assert.Equal(t, `health: account "p": children[0].arr: negative amount: -`+strings.Repeat("9", 63)+"… (101 characters)", arrErr(d("-"+strings.Repeat("9", 100))))
	assert.Equal(t, `health: account "p": children[0].arr: amount out of range: exponent 200, outside ±100`, arrErr(decimal.New(1, 200)))
}

// history is account X's scores over four months.
func history() []health.Score {
	s := func(d date.Date, h int64, b health.Band) health.Score {
		return health.Score{Account: "X", AsOf: d, Value: pts(h), Band: b}
	}
	return []health.Score{
		s(day(time.March, 1), 7000, health.BandYellow),
		s(day(time.March, 31), 7600, health.BandGreen),
		s(day(time.April, 30), 0, health.BandNone), // insufficient data
		s(day(time.May, 31), 4800, health.BandRed),
		s(day(time.June, 30), 5500, health.BandYellow),
	}
}

func TestTrend(t *testing.T) {
	tr, err := health.TrendOf(history(), asOf, health.TrendOptions{})
	require.NoError(t, err)
	// The window of three months starts 2026-03-30; the latest score on or
	// before it is 2026-03-01's 70.00. 55.00 − 70.00 = −15.00: down.
	assert.Equal(t, day(time.March, 1), tr.From)
	assert.Equal(t, asOf, tr.To)
	assert.True(t, tr.Complete)
	assert.Equal(t, pts(-1500), tr.Change)
	assert.Equal(t, health.MovementDown, tr.Movement)
	assert.Equal(t, 4, tr.Scores)
	assert.Equal(t, []health.Crossing{
		{On: day(time.March, 31), From: health.BandYellow, To: health.BandGreen},
		{On: day(time.May, 31), From: health.BandGreen, To: health.BandRed}, // across the insufficient month
		{On: day(time.June, 30), From: health.BandRed, To: health.BandYellow},
	}, tr.Crossings)

	// One month: from 2026-05-30 back, the latest score is 03-31's 76.00
	// (04-30 has none): 55 − 76 = −21.00.
	tr, err = health.TrendOf(history(), asOf, health.TrendOptions{Window: date.Months(1)})
	require.NoError(t, err)
	assert.Equal(t, day(time.March, 31), tr.From)
	assert.Equal(t, pts(-2100), tr.Change)
	assert.Len(t, tr.Crossings, 2)

	// A year: the history is shorter; from the first score, not complete.
	tr, err = health.TrendOf(history(), asOf, health.TrendOptions{Window: date.Months(12)})
	require.NoError(t, err)
	assert.False(t, tr.Complete)
	assert.Equal(t, day(time.March, 1), tr.From)

	// As of 2026-05-31 with a flat band of 22 points: 48 − 70 = −22 is flat
	// (a change of exactly Flat is flat); 21.99 makes it down.
	tr, err = health.TrendOf(history()[:4], day(time.May, 31), health.TrendOptions{Flat: 22})
	require.NoError(t, err)
	assert.Equal(t, pts(-2200), tr.Change)
	assert.Equal(t, health.MovementFlat, tr.Movement)
	tr, err = health.TrendOf(history()[:4], day(time.May, 31), health.TrendOptions{Flat: 21.99})
	require.NoError(t, err)
	assert.Equal(t, health.MovementDown, tr.Movement)
	// Up: 70 → 76 is +6 > 5.
	tr, err = health.TrendOf(history()[:2], day(time.April, 1), health.TrendOptions{})
	require.NoError(t, err)
	assert.Equal(t, health.MovementUp, tr.Movement)

	// Nothing scored: no movement, no error.
	tr, err = health.TrendOf(history()[2:3], asOf, health.TrendOptions{})
	require.NoError(t, err)
	assert.Equal(t, health.MovementNone, tr.Movement)
	tr, err = health.TrendOf(nil, asOf, health.TrendOptions{})
	require.NoError(t, err)
	assert.Equal(t, health.MovementNone, tr.Movement)

	bad := func(f func(h []health.Score)) []health.Score {
		h := history()
		f(h)
		return h
	}
	for _, tc := range []struct {
		name  string
		h     []health.Score
		asOf  date.Date
		opts  health.TrendOptions
		err   error
		field string
	}{
		{"order", bad(func(h []health.Score) { h[1].AsOf = day(time.March, 1) }), asOf, health.TrendOptions{}, health.ErrInvalidScore, "history[1].as_of"},
		{"accounts", bad(func(h []health.Score) { h[3].Account = "Y" }), asOf, health.TrendOptions{}, health.ErrInvalidScore, "history[3].account"},
		{"after", history(), day(time.June, 29), health.TrendOptions{}, health.ErrAfterAsOf, "history[4].as_of"},
		{"undated", bad(func(h []health.Score) { h[0].AsOf = date.Date{} }), asOf, health.TrendOptions{}, health.ErrMissingDate, "history[0].as_of"},
		{"score", bad(func(h []health.Score) { h[0].Value = pts(-1) }), asOf, health.TrendOptions{}, health.ErrInvalidScore, "history[0].score"},
		{"flat", history(), asOf, health.TrendOptions{Flat: -1}, health.ErrInvalidOptions, "flat"},
		{"window", history(), asOf, health.TrendOptions{Window: date.Days(-3)}, health.ErrInvalidOptions, "window"},
		{"as of", history(), date.Date{}, health.TrendOptions{}, health.ErrMissingDate, "as_of"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := health.TrendOf(tc.h, tc.asOf, tc.opts)
			require.ErrorIs(t, err, tc.err)
			var fe *health.FieldError
			require.True(t, errors.As(err, &fe))
			assert.Equal(t, tc.field, fe.Field)
		})
	}
}

// twoMeasures returns a weighted scorecard of a and b.
func twoMeasures(version string, wa, wb float64) health.Scorecard {
	sc := card(pct("a", wa), pct("b", wb))
	sc.Version = version
	return sc
}

func TestCompare(t *testing.T) {
	v1, v2 := twoMeasures("v1", 0.5, 0.5), twoMeasures("v2", 0.25, 0.75)
	before, err := scorer(t, v1).Score(acct("x", in("a", 40, "b", 60)), day(time.May, 31))
	require.NoError(t, err)
	after, err := scorer(t, v2).Score(acct("x", in("a", 70, "b", 60)), asOf)
	require.NoError(t, err)
	ch, err := health.Compare(before, after, v1, v2)
	require.NoError(t, err)
	// Before 0.5·40 + 0.5·60 = 50.00; after 0.25·70 + 0.75·60 = 62.50; the
	// later data under v1: 0.5·70 + 0.5·60 = 65.00. Data +15.00, scorecard
	// −2.50, total +12.50.
	assert.Equal(t, pts(5000), ch.Before)
	assert.Equal(t, pts(6250), ch.After)
	assert.Equal(t, pts(1250), ch.Total)
	assert.Equal(t, pts(1500), ch.Data)
	assert.Equal(t, pts(-250), ch.Scorecard)
	// a: 20 → 35 → 17.50 (data +15, scorecard −17.50); b: 30 → 30 → 45
	// (data 0, scorecard +15).
	require.Len(t, ch.Measures, 2)
	assert.Equal(t, []health.Points{pts(1500), pts(-1750), pts(-250)}, []health.Points{ch.Measures[0].Data, ch.Measures[0].Scorecard, ch.Measures[0].Total})
	assert.Equal(t, []health.Points{pts(0), pts(1500), pts(1500)}, []health.Points{ch.Measures[1].Data, ch.Measures[1].Scorecard, ch.Measures[1].Total})
	assert.Equal(t, 40.0, ch.Measures[0].BeforeValue)
	assert.Equal(t, 70.0, ch.Measures[0].AfterValue)

	// v3 drops b and adds c. The later data under v1 keeps b's earlier 60:
	// 0.5·70 + 0.5·60 = 65 (data +15); after (70 + 20)/2 = 45 (scorecard
	// −20): a +15/0, b 0/−30, c 0/+10.
	v3 := card(pct("a", 1), pct("c", 1))
	v3.Version = "v3"
	after3, err := scorer(t, v3).Score(acct("x", in("a", 70, "c", 20)), asOf)
	require.NoError(t, err)
	ch, err = health.Compare(before, after3, v1, v3)
	require.NoError(t, err)
	assert.Equal(t, pts(1500), ch.Data)
	assert.Equal(t, pts(-2000), ch.Scorecard)
	require.Len(t, ch.Measures, 3)
	assert.Equal(t, "c", ch.Measures[2].Measure)
	assert.False(t, ch.Measures[2].InBefore)
	assert.False(t, ch.Measures[1].InAfter)
	assert.Equal(t, []health.Points{pts(1500), pts(0), pts(0)}, []health.Points{ch.Measures[0].Data, ch.Measures[1].Data, ch.Measures[2].Data})
	assert.Equal(t, []health.Points{pts(0), pts(-3000), pts(1000)}, []health.Points{ch.Measures[0].Scorecard, ch.Measures[1].Scorecard, ch.Measures[2].Scorecard})

	// The same scorecard: all of it is data.
	again, err := scorer(t, v1).Score(acct("x", in("a", 70, "b", 60)), asOf)
	require.NoError(t, err)
	ch, err = health.Compare(before, again, v1, v1)
	require.NoError(t, err)
	assert.Equal(t, pts(1500), ch.Data)
	assert.Equal(t, pts(0), ch.Scorecard)

	// Errors.
	_, err = health.Compare(before, after, v2, v2)
	require.ErrorIs(t, err, health.ErrMismatch)
	changed := twoMeasures("v1", 0.6, 0.4)
	_, err = health.Compare(before, again, v1, changed)
	require.ErrorIs(t, err, health.ErrMismatch) // one version, two contents
	tampered := after
	tampered.Computed = pts(9000)
	_, err = health.Compare(before, tampered, v1, v2)
	require.ErrorIs(t, err, health.ErrMismatch)
	other := after
	other.Account = "y"
	_, err = health.Compare(before, other, v1, v2)
	require.ErrorIs(t, err, health.ErrInvalidScore)
	_, err = health.Compare(after, before, v2, v1)
	require.ErrorIs(t, err, health.ErrInvalidScore) // out of order
}

func TestTiming(t *testing.T) {
	s := scorer(t, fourAxes())
	score := func(a health.Account) health.Score {
		r, err := s.Score(a, asOf)
		require.NoError(t, err)
		return r
	}
	names := func(tm health.Timing) []string {
		var out []string
		for _, p := range tm.Problems {
			out = append(out, p.Measure+":"+p.Issue.String())
		}
		return out
	}
	var p health.TimingPolicy
	// Account A (54.75, yellow) has three red measures; by points lost:
	// risk_signals 12.50, active_user_ratio 10.50, goal_progress 10.00.
	tm, err := p.Timing(score(acct("A", fourAxesInputs())))
	require.NoError(t, err)
	assert.Equal(t, health.ActionFixFirst, tm.Action)
	assert.Equal(t, []string{"risk_signals:low", "active_user_ratio:low", "goal_progress:low"}, names(tm))
	assert.Equal(t, pts(1250), tm.Problems[0].Lost)

	// All green: ask now.
	good := acct("B", fourAxesInputs())
	for i, v := range []float64{3, 0, 0, 0.8, 0.6, 1} {
		good.Inputs[i].Value = v
	}
	tm, err = p.Timing(score(good))
	require.NoError(t, err)
	assert.Equal(t, health.ActionAskNow, tm.Action)
	assert.Empty(t, tm.Problems)

	// A stale contact (measured 2026-06-01, valid for 7 days) is named to
	// confirm but does not stop the question.
	good.Inputs[0].On = day(time.June, 1)
	tm, err = p.Timing(score(good))
	require.NoError(t, err)
	assert.Equal(t, health.ActionAskNow, tm.Action)
	assert.Equal(t, []string{"days_since_contact:stale"}, names(tm))

	// Asking only from green: A's yellow measures become problems too
	// (days_since_contact 60, feature_adoption 75).
	tm, err = health.TimingPolicy{AskFrom: health.BandGreen}.Timing(score(acct("A", fourAxesInputs())))
	require.NoError(t, err)
	assert.Equal(t, health.ActionFixFirst, tm.Action)
	assert.Len(t, tm.Problems, 5)

	// Onboarding: no renewal question yet.
	ob := acct("C", fourAxesInputs())
	ob.Stage = health.StageOnboarding
	tm, err = p.Timing(score(ob))
	require.NoError(t, err)
	assert.Equal(t, health.ActionFinishOnboarding, tm.Action)

	// Too little data: collect it; the missing measures are named.
	tm, err = p.Timing(score(acct("D", fourAxesInputs()[:2])))
	require.NoError(t, err)
	assert.Equal(t, health.ActionCollectData, tm.Action)
	assert.Equal(t, []string{"risk_signals:missing", "active_user_ratio:missing", "feature_adoption:missing", "goal_progress:missing"}, names(tm))

	// An override in force decides the band.
	ov := acct("E", fourAxesInputs()[:2])
	ov.Overrides = []health.Override{{Score: 90, By: "sato", Reason: "renewal signed early", From: asOf, Until: asOf}}
	tm, err = p.Timing(score(ov))
	require.NoError(t, err)
	assert.Equal(t, health.ActionAskNow, tm.Action)
	assert.True(t, tm.Overridden)

	_, err = health.TimingPolicy{AskFrom: 9}.Timing(score(good))
	require.ErrorIs(t, err, health.ErrInvalidOptions)
	_, err = p.Timing(health.Score{})
	require.ErrorIs(t, err, health.ErrInvalidScore)
}

// TestErrorsPrefixedOnce checks errors that match two sentinels: both
// match, and the message says "health:" once.
func TestErrorsPrefixedOnce(t *testing.T) {
	over := func(o health.Override) error { return o.Validate() }
	_, rollupErr := health.Rollup("p", nil, health.RollupOptions{Method: 9})
	_, askErr := health.TimingPolicy{AskFrom: 9}.Timing(health.Score{Stage: health.StageAdoption})
	_, stageErr := health.TimingPolicy{}.Timing(health.Score{Stage: 9})
	_, windowErr := health.TrendOf(nil, asOf, health.TrendOptions{Window: date.Days(-1)})
	_, flatErr := health.TrendOf(nil, asOf, health.TrendOptions{Flat: 0.001})
	_, dateErr := health.TrendOf([]health.Score{{Account: "a"}}, asOf, health.TrendOptions{})
	_, horizonErr := health.NewBacktest(nil, health.BacktestOptions{Horizon: date.Days(-1)})
	for _, tc := range []struct {
		err        error
		kind, what error
		msg        string
	}{
		{over(health.Override{Score: 1, By: "b", Reason: "r"}), health.ErrInvalidOverride, health.ErrMissingDate,
			"health: from: missing date: an override needs the day it starts"},
		{over(health.Override{Score: 1, By: "b", Reason: "r", From: asOf}), health.ErrInvalidOverride, health.ErrMissingDate,
			"health: until: missing date: an override ends, so it needs its last day"},
		{rollupErr, health.ErrInvalidOptions, health.ErrUnknownRollup, `health: account "p": method: unknown roll-up method 9`},
		{askErr, health.ErrInvalidOptions, health.ErrUnknownBand, "health: ask_from: unknown band 9"},
		{stageErr, health.ErrInvalidScore, health.ErrUnknownStage, "health: stage: unknown stage 9"},
		{windowErr, health.ErrInvalidOptions, date.ErrInvalidPeriod, "health: window: date: invalid period: negative span +0 months -1 days"},
		{flatErr, health.ErrInvalidOptions, health.ErrInvalidNumber, "health: flat: invalid number: 0.001 has more than 2 decimals"},
		{dateErr, health.ErrInvalidScore, health.ErrMissingDate, `health: account "a": history[0].as_of: missing date`},
		{horizonErr, health.ErrInvalidOptions, date.ErrInvalidPeriod, "health: horizon: date: invalid period: negative span +0 months -1 days"},
	} {
		require.ErrorIs(t, tc.err, tc.kind, tc.msg)
		require.ErrorIs(t, tc.err, tc.what, tc.msg)
		assert.Equal(t, tc.msg, tc.err.Error())
	}
}
