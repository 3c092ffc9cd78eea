package health_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/health"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExactWeightedSum is the case a float64 sum gets wrong at a cut-off.
func TestExactWeightedSum(t *testing.T) {
	for _, tc := range []struct {
		name    string
		weights []float64
		points  float64
		want    int64
		band    health.Band
	}{
		// 0.4·50 + 0.3·50 + 0.3·50 = 20 + 15 + 15 = 50.00: on the yellow
		// cut-off ("> 50"), so red.
		{"0.4/0.3/0.3 at 50", []float64{0.4, 0.3, 0.3}, 50, 5000, health.BandRed},
		// float64: (0.6·50 + 0.3·50 + 0.1·50) / (0.6+0.3+0.1) is
		// 50.00000000000001, which "> 50" would call yellow; exactly it
		// is 50.00, red.
		{"0.6/0.3/0.1 at 50", []float64{0.6, 0.3, 0.1}, 50, 5000, health.BandRed},
		{"0.7/0.2/0.1 at 75", []float64{0.7, 0.2, 0.1}, 75, 7500, health.BandYellow},
		// float64: 0.35·75.01 + 0.35·75.01 + 0.3·75.01 is
		// 75.00999999999999; exactly 75.01, green ("> 75").
		{"0.35/0.35/0.3 at 75.01", []float64{0.35, 0.35, 0.3}, 75.01, 7501, health.BandGreen},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ms []health.Measure
			var inputs []health.Input
			for i, w := range tc.weights {
				name := string(rune('a' + i))
				ms = append(ms, pct(name, w))
				inputs = append(inputs, health.Input{Measure: name, Value: tc.points})
			}
			s, err := scorer(t, card(ms...)).Score(acct("x", inputs), asOf)
			require.NoError(t, err)
			assert.Equal(t, pts(tc.want), s.Value)
			assert.Equal(t, pts(tc.want), s.Computed)
			assert.Equal(t, tc.band, s.Band)
			requireAddsUp(t, s)
		})
	}
	// The contributions of the first case: 0.4·50 = 20.00, 0.3·50 = 15.00.
	s, err := scorer(t, card(pct("a", 0.4), pct("b", 0.3), pct("c", 0.3))).Score(acct("x", in("a", 50, "b", 50, "c", 50)), asOf)
	require.NoError(t, err)
	assert.Equal(t, []health.Points{pts(2000), pts(1500), pts(1500)}, []health.Points{s.Measures[0].Contribution, s.Measures[1].Contribution, s.Measures[2].Contribution})
}

// TestStepsBoundaries checks that every cut-off puts its boundary value on
// the side its comparison says.
func TestStepsBoundaries(t *testing.T) {
	contact := steps(0, st(health.OpAtMost, 14, 100), st(health.OpAtMost, 30, 60))
	contactStrict := steps(0, st(health.OpBelow, 14, 100), st(health.OpBelow, 30, 60))
	logins := steps(0, st(health.OpAtLeast, 10, 100), st(health.OpAbove, 5, 50))
	for _, tc := range []struct {
		name  string
		dir   health.Direction
		rule  health.Rule
		value float64
		want  int64
	}{
		{"<=14 takes 14", lo, contact, 14, 10000},
		{"<=14 leaves 14.000001", lo, contact, 14.000001, 6000},
		{"<=30 takes 30", lo, contact, 30, 6000},
		{"else above 30", lo, contact, 30.000001, 0},
		{"<=14 takes 0", lo, contact, 0, 10000},
		{"<14 leaves 14", lo, contactStrict, 14, 6000},
		{"<14 takes 13.999999", lo, contactStrict, 13.999999, 10000},
		{"<30 leaves 30", lo, contactStrict, 30, 0},
		{">=10 takes 10", hi, logins, 10, 10000},
		{">=10 leaves 9.999999", hi, logins, 9.999999, 5000},
		{">5 leaves 5", hi, logins, 5, 0},
		{">5 takes 5.000001", hi, logins, 5.000001, 5000},
		// 0.1 + 0.2 in float64 is 0.30000000000000004, read to six
		// decimals as 0.3: on a ">= 0.3" cut-off it is in.
		{"six decimals", hi, steps(0, st(health.OpAtLeast, 0.3, 100)), 0.1 + 0.2, 10000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := health.Measure{Name: "m", Weight: 1, Direction: tc.dir, Rule: tc.rule}
			s, err := scorer(t, card(m)).Score(acct("x", in("m", tc.value)), asOf)
			require.NoError(t, err)
			assert.Equal(t, pts(tc.want), s.Measures[0].Points)
		})
	}
}

// TestLinear checks linear ranges, clamped at the ends and rounded half up.
func TestLinear(t *testing.T) {
	up, down := linear(0.2, 0.8), linear(60, 0)
	for _, tc := range []struct {
		name  string
		dir   health.Direction
		rule  health.Rule
		value float64
		want  int64
	}{
		{"middle", hi, up, 0.5, 5000},        // (0.5−0.2)/0.6 = 50.00
		{"quarter", hi, up, 0.35, 2500},      // 0.15/0.6 = 25.00
		{"at worst", hi, up, 0.2, 0},         // the end: 0
		{"below worst", hi, up, 0.1, 0},      // clamped
		{"at best", hi, up, 0.8, 10000},      // the end: 100
		{"above best", hi, up, 0.95, 10000},  // clamped
		{"tiny", hi, up, 0.2003, 5},          // 0.0003/0.6·100 = 0.05
		{"half up", hi, up, 0.20003, 1},      // 0.00003/0.6·100 = 0.005 → 0.01
		{"below half", hi, up, 0.200029, 0},  // 0.000029/0.6·100 = 0.00483 → 0.00
		{"down middle", lo, down, 15, 7500},  // (60−15)/60 = 75.00
		{"down 45", lo, down, 45, 2500},      // 15/60 = 25.00
		{"down 59.9", lo, down, 59.9, 17},    // 0.1/60·100 = 0.1666… → 0.17
		{"down beyond", lo, down, 61, 0},     // clamped
		{"down best", lo, down, 0, 10000},    // the end
		{"down a third", lo, down, 40, 3333}, // 20/60 = 33.333… → 33.33
		{"huge range", hi, linear(-1e12, 1e12), 0, 5000},
		{"huge range one", hi, linear(-1e12, 1e12), 1, 5000}, // 50.00000000005 → 50.00
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := health.Measure{Name: "m", Weight: 1, Direction: tc.dir, Rule: tc.rule}
			s, err := scorer(t, card(m)).Score(acct("x", in("m", tc.value)), asOf)
			require.NoError(t, err)
			assert.Equal(t, pts(tc.want), s.Measures[0].Points)
		})
	}
}

// fourAxes is the scorecard of seed 003's four axes used by several tests.
func fourAxes() health.Scorecard {
	return health.Scorecard{Name: "standard", Version: "2026-04", Groups: []health.Group{
		{Name: "contact", Weight: 0.25, Measures: []health.Measure{
			{Name: "days_since_contact", Weight: 1, Kind: health.KindCount, Direction: lo,
				Rule: steps(0, st(health.OpAtMost, 14, 100), st(health.OpAtMost, 30, 60)), ValidFor: date.Days(7)},
		}},
		{Name: "churn_risk", Weight: 0.25, Aggregate: health.AggregateMin, Measures: []health.Measure{
			{Name: "open_churn_case", Weight: 1, Kind: health.KindFlag, Direction: lo, Rule: steps(0, st(health.OpBelow, 1, 100))},
			{Name: "risk_signals", Weight: 1, Kind: health.KindCount, Direction: lo,
				Rule: steps(0, st(health.OpAtMost, 0, 100), st(health.OpAtMost, 2, 50))},
		}},
		{Name: "utilisation", Weight: 0.3, Measures: []health.Measure{
			{Name: "active_user_ratio", Weight: 0.7, Kind: health.KindNonNegative, Direction: hi, Rule: linear(0.2, 0.8)},
			{Name: "feature_adoption", Weight: 0.3, Kind: health.KindNonNegative, Direction: hi, Rule: linear(0, 0.6)},
		}},
		{Name: "goal", Weight: 0.2, Measures: []health.Measure{
			{Name: "goal_progress", Weight: 1, Kind: health.KindNonNegative, Direction: hi,
				Rule: steps(20, st(health.OpAtLeast, 1, 100), st(health.OpAtLeast, 0.75, 75), st(health.OpAtLeast, 0.5, 50)), ValidFor: date.Months(3)},
		}},
	}}
}

// fourAxesInputs are account A's inputs for fourAxes, all measured on asOf.
func fourAxesInputs() []health.Input {
	ins := in("days_since_contact", 20, "open_churn_case", 0, "risk_signals", 1,
		"active_user_ratio", 0.5, "feature_adoption", 0.45, "goal_progress", 0.6)
	for i := range ins {
		ins[i].On = asOf
	}
	return ins
}

// TestGroupedExplanation scores the four-axis scorecard by hand.
func TestGroupedExplanation(t *testing.T) {
	s, err := scorer(t, fourAxes()).Score(acct("A", fourAxesInputs()), asOf)
	require.NoError(t, err)
	// Points: contact 20 days → 60; open case 0 → 100; 1 risk signal → 50;
	// active 0.5 → (0.5−0.2)/0.6 = 50; adoption 0.45 → 0.45/0.6 = 75;
	// goal 0.6 → 50.
	var got []int64
	for _, m := range s.Measures {
		got = append(got, m.Points.Hundredths())
	}
	assert.Equal(t, []int64{6000, 10000, 5000, 5000, 7500, 5000}, got)
	// Groups: contact 60; churn risk min(100, 50) = 50 (risk_signals);
	// utilisation (0.7·50 + 0.3·75)/1 = 35 + 22.5 = 57.50; goal 50.
	assert.Equal(t, pts(6000), s.Groups[0].Score)
	assert.Equal(t, pts(5000), s.Groups[1].Score)
	assert.Equal(t, "risk_signals", s.Groups[1].Decider)
	assert.Equal(t, pts(5750), s.Groups[2].Score)
	assert.Equal(t, pts(5000), s.Groups[3].Score)
	// Score: 0.25·60 + 0.25·50 + 0.3·57.5 + 0.2·50 = 15 + 12.5 + 17.25 + 10
	// = 54.75, yellow.
	assert.Equal(t, pts(5475), s.Value)
	assert.Equal(t, health.BandYellow, s.Band)
	assert.Equal(t, pts(10000), s.Coverage)
	// Group contributions 15, 12.5, 17.25, 10; losses 0.25·40 = 10,
	// 0.25·50 = 12.5, 0.3·42.5 = 12.75, 0.2·50 = 10 (sum 45.25).
	var gc, gl []int64
	for _, g := range s.Groups {
		gc = append(gc, g.Contribution.Hundredths())
		gl = append(gl, g.Lost.Hundredths())
	}
	assert.Equal(t, []int64{1500, 1250, 1725, 1000}, gc)
	assert.Equal(t, []int64{1000, 1250, 1275, 1000}, gl)
	// Measures: utilisation's 17.25 split 35 : 22.5 (weight × points) is
	// 10.50 and 6.75; its 12.75 lost split 35 : 7.5 (weight × shortfall)
	// is 10.50 and 2.25; the min group's all goes to risk_signals.
	var mc, ml []int64
	for _, m := range s.Measures {
		mc = append(mc, m.Contribution.Hundredths())
		ml = append(ml, m.Lost.Hundredths())
	}
	assert.Equal(t, []int64{1500, 0, 1250, 1050, 675, 1000}, mc)
	assert.Equal(t, []int64{1000, 0, 1250, 1050, 225, 1000}, ml)
	requireAddsUp(t, s)
	// Bands of measures: 60 yellow, 100 green, 50 red, 50 red, 75 yellow
	// (75 is not above 75), 50 red.
	var bands []health.Band
	for _, m := range s.Measures {
		bands = append(bands, m.Band)
	}
	assert.Equal(t, []health.Band{health.BandYellow, health.BandGreen, health.BandRed, health.BandRed, health.BandYellow, health.BandRed}, bands)
}

// TestLargestRemainder checks contributions that do not divide evenly.
func TestLargestRemainder(t *testing.T) {
	s, err := scorer(t, card(pct("a", 1), pct("b", 1), pct("c", 1))).Score(acct("x", in("a", 50, "b", 50, "c", 0)), asOf)
	require.NoError(t, err)
	// Score (50+50+0)/3 = 33.333… → 33.33. Contributions 16.666…,
	// 16.666…, 0: floors 16.66 + 16.66 = 33.32, the missing hundredth to
	// the first of the tied remainders: 16.67, 16.66, 0.00.
	assert.Equal(t, pts(3333), s.Computed)
	assert.Equal(t, []health.Points{pts(1667), pts(1666), pts(0)}, []health.Points{s.Measures[0].Contribution, s.Measures[1].Contribution, s.Measures[2].Contribution})
	// Lost 66.67: 16.666…, 16.666…, 33.333…: floors 16.66 + 16.66 +
	// 33.33 = 66.65, two hundredths to the largest remainders (.67, .67).
	assert.Equal(t, []health.Points{pts(1667), pts(1667), pts(3333)}, []health.Points{s.Measures[0].Lost, s.Measures[1].Lost, s.Measures[2].Lost})
	requireAddsUp(t, s)
}

// TestMissingData checks the three rules, coverage and insufficiency.
func TestMissingData(t *testing.T) {
	base := card(pct("a", 0.5), pct("b", 0.3), pct("c", 0.2))
	inputs := in("a", 80, "c", 40) // b is missing
	for _, tc := range []struct {
		name         string
		missing      health.MissingData
		computed     int64
		shown        int64
		band         health.Band
		insufficient bool
		bPoints      int64
		bCounted     bool
	}{
		// (0.5·80 + 0.2·40)/0.7 = 48/0.7 = 68.571… → 68.57.
		{"reweight", health.MissingData{}, 6857, 6857, health.BandYellow, false, 0, false},
		// 0.5·80 + 0.3·50 + 0.2·40 = 40 + 15 + 8 = 63.00.
		{"neutral", health.MissingData{Rule: health.MissingNeutral}, 6300, 6300, health.BandYellow, false, 5000, true},
		// Neutral at 30: 40 + 9 + 8 = 57.00.
		{"neutral 30", health.MissingData{Rule: health.MissingNeutral, Neutral: 30}, 5700, 5700, health.BandYellow, false, 3000, true},
		// The linear rule's lowest is 0: 40 + 0 + 8 = 48.00, red.
		{"worst", health.MissingData{Rule: health.MissingWorst}, 4800, 4800, health.BandRed, false, 0, true},
		// Coverage 0.5 + 0.2 = 70.00% is below 75: insufficient.
		{"below coverage", health.MissingData{MinCoverage: 75}, 6857, 0, health.BandNone, true, 0, false},
		// 70.00% is not below 70: sufficient.
		{"on coverage", health.MissingData{MinCoverage: 70}, 6857, 6857, health.BandYellow, false, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := base
			sc.Missing = tc.missing
			s, err := scorer(t, sc).Score(acct("x", inputs), asOf)
			require.NoError(t, err)
			assert.Equal(t, pts(tc.computed), s.Computed)
			assert.Equal(t, pts(tc.shown), s.Value)
			assert.Equal(t, tc.band, s.Band)
			assert.Equal(t, tc.insufficient, s.Insufficient)
			assert.Equal(t, pts(7000), s.Coverage)
			b := s.Measures[1]
			assert.Equal(t, health.DataMissing, b.Data)
			assert.Equal(t, pts(tc.bPoints), b.Points)
			assert.Equal(t, tc.bCounted, b.Counted)
			requireAddsUp(t, s)
		})
	}
	// Reweighted contributions: 40/0.7 = 57.142… and 8/0.7 = 11.428…;
	// floors 57.14 + 11.42 = 68.56, the hundredth left to c (.857 > .285).
	s, err := scorer(t, base).Score(acct("x", inputs), asOf)
	require.NoError(t, err)
	assert.Equal(t, []health.Points{pts(5714), pts(0), pts(1143)}, []health.Points{s.Measures[0].Contribution, s.Measures[1].Contribution, s.Measures[2].Contribution})

	// Nothing at all: no score, coverage 0, nothing counted.
	s, err = scorer(t, base).Score(acct("x", nil), asOf)
	require.NoError(t, err)
	assert.True(t, s.Insufficient)
	assert.Equal(t, health.BandNone, s.Band)
	assert.Equal(t, pts(0), s.Computed)
	assert.Equal(t, pts(0), s.Coverage)
	requireAddsUp(t, s)
}

// TestGroupMissing leaves a whole group out under reweight.
func TestGroupMissing(t *testing.T) {
	s, err := scorer(t, fourAxes()).Score(acct("A", fourAxesInputs()[1:]), asOf) // no contact data
	require.NoError(t, err)
	// Without contact (0.25): (0.25·50 + 0.3·57.5 + 0.2·50)/0.75 =
	// (12.5 + 17.25 + 10)/0.75 = 39.75/0.75 = 53.00.
	assert.Equal(t, pts(5300), s.Computed)
	assert.False(t, s.Groups[0].Counted)
	assert.Equal(t, health.BandNone, s.Groups[0].Band)
	// Coverage: 0.25·0 + 0.25·100 + 0.3·100 + 0.2·100 = 75.00%.
	assert.Equal(t, pts(7500), s.Coverage)
	requireAddsUp(t, s)
}

// TestStale checks the validity period: an input measured before as-of
// minus the period is stale.
func TestStale(t *testing.T) {
	m := pct("m", 1)
	m.ValidFor = date.Days(30)
	sc := card(m, pct("n", 1))
	for _, tc := range []struct {
		name string
		on   date.Date
		want health.Data
	}{
		{"on the cut-off", day(time.May, 31), health.DataCurrent}, // 2026-06-30 − 30 days = 2026-05-31
		{"the day before", day(time.May, 30), health.DataStale},
		{"on as-of", asOf, health.DataCurrent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := acct("x", []health.Input{{Measure: "m", Value: 80, On: tc.on}, {Measure: "n", Value: 40}})
			s, err := scorer(t, sc).Score(a, asOf)
			require.NoError(t, err)
			assert.Equal(t, tc.want, s.Measures[0].Data)
			assert.Equal(t, pts(6000), s.Computed) // (80 + 40)/2, stale or not
		})
	}
	// Stale treated as missing: m is left out and does not cover.
	sc.Missing.StaleIsMissing = true
	a := acct("x", []health.Input{{Measure: "m", Value: 80, On: day(time.May, 1)}, {Measure: "n", Value: 40}})
	s, err := scorer(t, sc).Score(a, asOf)
	require.NoError(t, err)
	assert.Equal(t, health.DataStale, s.Measures[0].Data)
	assert.False(t, s.Measures[0].Counted)
	assert.Equal(t, pts(4000), s.Computed)
	assert.Equal(t, pts(5000), s.Coverage) // 50.00% is not below 50
	assert.False(t, s.Insufficient)
}

// TestModels checks the points and worst-of models and a max group.
func TestModels(t *testing.T) {
	t.Run("points", func(t *testing.T) {
		sc := card(pct("a", 40), pct("b", 35), pct("c", 25))
		sc.Model = health.ModelPoints
		s, err := scorer(t, sc).Score(acct("x", in("a", 50, "b", 100, "c", 0)), asOf)
		require.NoError(t, err)
		// 40·50% + 35·100% + 25·0% = 20 + 35 + 0 = 55.00.
		assert.Equal(t, pts(5500), s.Computed)
		assert.Equal(t, []health.Points{pts(2000), pts(3500), pts(0)}, []health.Points{s.Measures[0].Contribution, s.Measures[1].Contribution, s.Measures[2].Contribution})
		assert.Equal(t, []health.Points{pts(2000), pts(0), pts(2500)}, []health.Points{s.Measures[0].Lost, s.Measures[1].Lost, s.Measures[2].Lost})
		requireAddsUp(t, s)
	})
	t.Run("worst of", func(t *testing.T) {
		sc := card(pct("a", 1), pct("b", 1), pct("c", 1))
		sc.Model = health.ModelWorstOf
		s, err := scorer(t, sc).Score(acct("x", in("a", 80, "b", 45, "c", 90)), asOf)
		require.NoError(t, err)
		// The lowest, 45, red; it carries the whole score and loss.
		assert.Equal(t, pts(4500), s.Computed)
		assert.Equal(t, health.BandRed, s.Band)
		assert.Equal(t, pts(4500), s.Measures[1].Contribution)
		assert.Equal(t, pts(5500), s.Measures[1].Lost)
		requireAddsUp(t, s)
	})
	t.Run("max group", func(t *testing.T) {
		sc := card(pct("a", 1), pct("b", 3))
		sc.Groups[0].Aggregate = health.AggregateMax
		s, err := scorer(t, sc).Score(acct("x", in("a", 70, "b", 30)), asOf)
		require.NoError(t, err)
		// max(70, 30) = 70, decided by a whatever the weights.
		assert.Equal(t, pts(7000), s.Computed)
		assert.Equal(t, "a", s.Groups[0].Decider)
		assert.Equal(t, pts(7000), s.Measures[0].Contribution)
		requireAddsUp(t, s)
	})
}

// TestBands checks the default cut-offs and custom ones on their edges.
func TestBands(t *testing.T) {
	custom := health.Bands{Yellow: health.Cut{Op: health.OpAtLeast, At: 40}, Green: health.Cut{Op: health.OpAtLeast, At: 70}}
	for _, tc := range []struct {
		bands health.Bands
		score float64
		want  health.Band
	}{
		{health.Bands{}, 50, health.BandRed},
		{health.Bands{}, 50.01, health.BandYellow},
		{health.Bands{}, 75, health.BandYellow},
		{health.Bands{}, 75.01, health.BandGreen},
		{health.Bands{}, 0, health.BandRed},
		{health.Bands{}, 100, health.BandGreen},
		{custom, 39.99, health.BandRed},
		{custom, 40, health.BandYellow},
		{custom, 69.99, health.BandYellow},
		{custom, 70, health.BandGreen},
	} {
		sc := card(pct("a", 1))
		sc.Bands = tc.bands
		s, err := scorer(t, sc).Score(acct("x", in("a", tc.score)), asOf)
		require.NoError(t, err)
		assert.Equal(t, tc.want, s.Band, "%v with %+v", tc.score, tc.bands)
	}
}

// TestOverride checks that an override shows while in force and keeps the
// computed score beside it.
func TestOverride(t *testing.T) {
	sc := card(pct("a", 1))
	o := health.Override{Score: 80, By: "sato", Reason: "exec sponsor re-engaged", From: day(time.June, 1), Until: day(time.June, 30)}
	a := acct("x", in("a", 30))
	a.Overrides = []health.Override{o}
	s, err := scorer(t, sc).Score(a, asOf)
	require.NoError(t, err)
	assert.Equal(t, pts(8000), s.Value)
	assert.Equal(t, health.BandGreen, s.Band)
	assert.Equal(t, pts(3000), s.Computed)
	assert.Equal(t, o, s.Override)
	assert.True(t, s.Overridden())
	// A recomputation with new data keeps the override while in force.
	a.Inputs = in("a", 10)
	s, err = scorer(t, sc).Score(a, day(time.June, 15))
	require.NoError(t, err)
	assert.Equal(t, pts(8000), s.Value)
	assert.Equal(t, pts(1000), s.Computed)
	// The day after Until it is over.
	s, err = scorer(t, sc).Score(a, day(time.July, 1))
	require.NoError(t, err)
	assert.Equal(t, pts(1000), s.Value)
	assert.False(t, s.Overridden())
	// An override that starts after the as-of date is refused.
	_, err = scorer(t, sc).Score(a, day(time.May, 31))
	require.ErrorIs(t, err, health.ErrAfterAsOf)
	// An override on insufficient data is shown.
	a.Inputs = nil
	s, err = scorer(t, sc).Score(a, asOf)
	require.NoError(t, err)
	assert.True(t, s.Insufficient)
	assert.Equal(t, pts(8000), s.Value)
}

// TestScoreErrors checks the errors of scoring an account.
func TestScoreErrors(t *testing.T) {
	sc := fourAxes()
	s := scorer(t, sc)
	good := acct("A", fourAxesInputs())
	with := func(f func(*health.Account)) health.Account {
		a := good
		a.Inputs = append([]health.Input(nil), good.Inputs...)
		f(&a)
		return a
	}
	for _, tc := range []struct {
		name  string
		a     health.Account
		asOf  date.Date
		err   error
		field string
	}{
		{"no as-of", good, date.Date{}, health.ErrMissingDate, "as_of"},
		{"no id", with(func(a *health.Account) { a.ID = "" }), asOf, health.ErrMissingName, "id"},
		{"no stage", with(func(a *health.Account) { a.Stage = 0 }), asOf, health.ErrUnknownStage, "stage"},
		{"unknown measure", with(func(a *health.Account) { a.Inputs[2].Measure = "risk_signal" }), asOf, health.ErrUnknownMeasure, "inputs[2].measure"},
		{"twice", with(func(a *health.Account) { a.Inputs[2].Measure = "open_churn_case" }), asOf, health.ErrDuplicateInput, "inputs[2].measure"},
		{"negative count", with(func(a *health.Account) { a.Inputs[2].Value = -1 }), asOf, health.ErrInvalidValue, "inputs[2].value"},
		{"fractional count", with(func(a *health.Account) { a.Inputs[2].Value = 1.5 }), asOf, health.ErrInvalidValue, "inputs[2].value"},
		{"flag 2", with(func(a *health.Account) { a.Inputs[1].Value = 2 }), asOf, health.ErrInvalidValue, "inputs[1].value"},
		{"negative ratio", with(func(a *health.Account) { a.Inputs[3].Value = -0.1 }), asOf, health.ErrInvalidValue, "inputs[3].value"},
		{"NaN", with(func(a *health.Account) { a.Inputs[3].Value = math.NaN() }), asOf, health.ErrInvalidNumber, "inputs[3].value"},
		{"Inf", with(func(a *health.Account) { a.Inputs[3].Value = math.Inf(-1) }), asOf, health.ErrInvalidNumber, "inputs[3].value"},
		{"huge", with(func(a *health.Account) { a.Inputs[3].Value = 2e12 }), asOf, health.ErrInvalidNumber, "inputs[3].value"},
		{"no measure", with(func(a *health.Account) { a.Inputs[3].Measure = "" }), asOf, health.ErrMissingName, "inputs[3].measure"},
		{"undated", with(func(a *health.Account) { a.Inputs[0].On = date.Date{} }), asOf, health.ErrMissingDate, "inputs[0].on"},
		{"after as-of", with(func(a *health.Account) { a.Inputs[0].On = day(time.July, 1) }), asOf, health.ErrAfterAsOf, "inputs[0].on"},
		{"override without reason", with(func(a *health.Account) {
			a.Overrides = []health.Override{{Score: 50, By: "sato", From: asOf, Until: asOf}}
		}), asOf, health.ErrInvalidOverride, "overrides[0].reason"},
		{"override NaN", with(func(a *health.Account) {
			a.Overrides = []health.Override{{Score: math.NaN(), By: "sato", Reason: "r", From: asOf, Until: asOf}}
		}), asOf, health.ErrInvalidNumber, "overrides[0].score"},
		{"override ends", with(func(a *health.Account) {
			a.Overrides = []health.Override{{Score: 50, By: "sato", Reason: "r", From: asOf}}
		}), asOf, health.ErrMissingDate, "overrides[0].until"},
		{"overlapping overrides", with(func(a *health.Account) {
			a.Overrides = []health.Override{
				{Score: 50, By: "sato", Reason: "r", From: day(time.June, 1), Until: day(time.June, 10)},
				{Score: 60, By: "kato", Reason: "r", From: day(time.June, 10), Until: day(time.June, 20)},
			}
		}), asOf, health.ErrInvalidOverride, "overrides[1]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Score(tc.a, tc.asOf)
			require.ErrorIs(t, err, tc.err)
			var fe *health.FieldError
			require.True(t, errors.As(err, &fe), "%v", err)
			assert.Equal(t, tc.field, fe.Field, "%v", err)
			if tc.field != "id" && tc.field != "as_of" {
				assert.Equal(t, "A", fe.ID)
			}
		})
	}
	_, err := s.Score(with(func(a *health.Account) { a.Inputs[2].Value = -1 }), asOf)
	assert.EqualError(t, err, `health: account "A": inputs[2].value: invalid value: -1 is not a count (a whole number not below zero); measure "risk_signals" counts`)
}

// TestSelection picks scorecards by stage and segment.
func TestSelection(t *testing.T) {
	onboarding := health.Scorecard{Name: "onboarding", Version: "v1", Groups: []health.Group{{Name: "onboarding", Measures: []health.Measure{
		{Name: "setup_steps_done", Weight: 1, Kind: health.KindCount, Direction: hi, Rule: linear(0, 8)},
	}}}}
	enterprise := fourAxes()
	enterprise.Name = "enterprise"
	enterprise.Groups[3].Weight = 0.4 // goal weighs more
	s, err := health.NewScorer(health.Config{
		Scorecards: []health.Scorecard{onboarding, fourAxes(), enterprise},
		Select: []health.Selector{
			{Stage: health.StageOnboarding, Scorecard: "onboarding"},
			{Segment: "enterprise", Scorecard: "enterprise"},
			{Scorecard: "standard"},
		},
	})
	require.NoError(t, err)
	a := acct("A", append(fourAxesInputs(), health.Input{Measure: "setup_steps_done", Value: 6}))
	r, err := s.Score(a, asOf)
	require.NoError(t, err)
	assert.Equal(t, "standard", r.Scorecard) // setup_steps_done belongs to another scorecard: ignored
	assert.Equal(t, pts(5475), r.Value)
	a.Segment = "enterprise"
	r, err = s.Score(a, asOf)
	require.NoError(t, err)
	// (15 + 12.5 + 17.25 + 0.4·50)/1.2 = 64.75/1.2 = 53.958… → 53.96.
	assert.Equal(t, "enterprise", r.Scorecard)
	assert.Equal(t, pts(5396), r.Value)
	a.Stage = health.StageOnboarding
	r, err = s.Score(a, asOf)
	require.NoError(t, err)
	// 6 of 8 setup steps: 75.00.
	assert.Equal(t, "onboarding", r.Scorecard)
	assert.Equal(t, pts(7500), r.Value)
	assert.Equal(t, health.StageOnboarding, r.Stage)

	only, err := health.NewScorer(health.Config{
		Scorecards: []health.Scorecard{fourAxes()},
		Select:     []health.Selector{{Segment: "smb", Scorecard: "standard"}},
	})
	require.NoError(t, err)
	_, err = only.Score(acct("A", nil), asOf)
	require.ErrorIs(t, err, health.ErrNoScorecard)
}

// TestScoreToAllocations checks that scoring into a reused Score allocates
// nothing.
func TestScoreToAllocations(t *testing.T) {
	s := scorer(t, fourAxes())
	a := acct("A", fourAxesInputs())
	var out health.Score
	require.NoError(t, s.ScoreTo(&out, a, asOf))
	n := testing.AllocsPerRun(100, func() {
		if err := s.ScoreTo(&out, a, asOf); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, n)
	require.Error(t, s.ScoreTo(nil, a, asOf))
}

// TestInputMatching scores accounts whose inputs name the measures with
// the scorecard's own strings in its order (matched by pointer), with
// strings of their own, shuffled, or mixed with inputs of another
// scorecard: every way gives the same score, and a bad input gets the
// same error wherever it is.
func TestInputMatching(t *testing.T) {
	onboarding := health.Scorecard{Name: "onboarding", Version: "v1", Groups: []health.Group{{Name: "setup", Measures: []health.Measure{
		{Name: "setup_steps_done", Weight: 1, Kind: health.KindCount, Direction: hi, Rule: linear(0, 8)},
	}}}}
	s, err := health.NewScorer(health.Config{
		Scorecards: []health.Scorecard{fourAxes(), onboarding},
		Select:     []health.Selector{{Stage: health.StageOnboarding, Scorecard: "onboarding"}, {Scorecard: "standard"}},
	})
	require.NoError(t, err)
	// The scorer's own names, as a host gets them from the config it
	// decoded: Config() shares the strings of the compiled scorecards.
	var names []string
	for _, g := range s.Config().Scorecards[0].Groups {
		for _, m := range g.Measures {
			names = append(names, m.Name)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		var ins []health.Input
		for i, name := range names {
			if r.IntN(5) == 0 {
				continue // missing
			}
			v := float64(r.IntN(40))
			if i == 1 {
				v = float64(r.IntN(2)) // the flag
			} else if i >= 3 {
				v = float64(r.IntN(101)) / 100
			}
			ins = append(ins, health.Input{Measure: name, Value: v, On: asOf})
		}
		want, err := s.Score(acct("A", ins), asOf)
		require.NoError(t, err)
		requireAddsUp(t, want)

		own := slices.Clone(ins)
		for k := range own {
			own[k].Measure = strings.Clone(own[k].Measure)
		}
		shuffled := slices.Clone(own)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		other := append(slices.Clone(ins[:len(ins)/2]), health.Input{Measure: "setup_steps_done", Value: 3})
		other = append(other, ins[len(ins)/2:]...)
		for _, variant := range [][]health.Input{own, shuffled, other} {
			got, err := s.Score(acct("A", variant), asOf)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			tl, err := health.TallyBook(s, asOf, slices.Values([]health.Account{acct("A", variant)}))
			require.NoError(t, err)
			assert.Equal(t, want.Value, tl.Mean)
		}
	}

	// A value its kind refuses, in either way of matching: the same error.
	bad := acct("A", fourAxesInputs())
	bad.Inputs[4].Value = -1
	_, err = s.Score(bad, asOf)
	const msg = `health: account "A": inputs[4].value: invalid value: -1 is negative; measure "feature_adoption" is non_negative`
	require.EqualError(t, err, msg)
	for k := range bad.Inputs {
		bad.Inputs[k].Measure = strings.Clone(bad.Inputs[k].Measure)
	}
	_, err = s.Score(bad, asOf)
	require.EqualError(t, err, msg)
}

// TestManyMeasures scores a scorecard of 64 measures, the most.
func TestManyMeasures(t *testing.T) {
	var ms []health.Measure
	var ins []health.Input
	for i := range 64 {
		name := fmt.Sprint("m", i)
		ms = append(ms, pct(name, 1))
		ins = append(ins, health.Input{Measure: name, Value: float64(i)})
	}
	s := scorer(t, card(ms...))
	got, err := s.Score(acct("A", ins), asOf)
	require.NoError(t, err)
	// (0 + 1 + … + 63)/64 = 2016/64 = 31.50.
	assert.Equal(t, pts(3150), got.Value)
	assert.Equal(t, pts(10000), got.Coverage)
	// Without m63: 1953/63 = 31.00, coverage 63/64 = 98.4375% → 98.44.
	got, err = s.Score(acct("A", ins[:63]), asOf)
	require.NoError(t, err)
	assert.Equal(t, pts(3100), got.Value)
	assert.Equal(t, pts(9844), got.Coverage)
}

// TestLongNameQuoted checks that an error quotes a long name by a prefix
// of whole characters: a Japanese measure name is not cut inside a
// character.
func TestLongNameQuoted(t *testing.T) {
	name := strings.Repeat("ログイン", 20) // 240 bytes
	_, err := scorer(t, fourAxes()).Score(acct("A", []health.Input{{Measure: name, Value: 1}}), asOf)
	require.ErrorIs(t, err, health.ErrUnknownMeasure)
	assert.NotContains(t, err.Error(), `\x`)
	// 64 bytes hold 21 whole characters of 3 bytes: ログインログインログインログインログインロ.
	assert.Contains(t, err.Error(), `"`+strings.Repeat("ログイン", 5)+`ロ…" (240 bytes)`)
}

// TestAccountJSONErrors checks that an account's decoding errors name the
// account and the input, override or field.
func TestAccountJSONErrors(t *testing.T) {
	for _, tc := range []struct{ json, field, msg string }{
		{`{"id":"c","stage":"adoption","inputs":[{"measure":"x","value":5},{"measure":"y","value":5,"extra":1}]}`,
			"inputs[1]", `health: account "c": inputs[1]: decoding: json: unknown field "extra"`},
		{`{"id":"a","stage":"adoption","inputs":[{"measure":"x","value":1e400}]}`,
			"inputs[0]", `health: account "a": inputs[0]: decoding: json: cannot unmarshal number 1e400 into Go struct field Input.value of type float64`},
		{`{"id":"o","stage":"adoption","overrides":[{"score":80,"by":"b","reason":"r","from":"2026-13-01","until":"2026-07-01"}]}`,
			"overrides[0]", `health: account "o": overrides[0]: decoding: date: month out of range 1..12: 13`},
		{`{"id":"s","stage":"renwal"}`, "stage", `health: account "s": stage: decoding: health: unknown stage "renwal"`},
		// A misspelt key of the account itself: the account is named.
		{`{"id":"k","stage":"adoption","input":[]}`, "", `health: account "k": decoding: json: unknown field "input"`},
	} {
		var a health.Account
		err := json.Unmarshal([]byte(tc.json), &a)
		require.ErrorIs(t, err, health.ErrInvalidAccount, tc.json)
		var fe *health.FieldError
		require.True(t, errors.As(err, &fe), "%v", err)
		assert.Equal(t, tc.field, fe.Field)
		assert.EqualError(t, err, tc.msg)
		assert.Zero(t, a.ID, "receiver untouched")
	}
}

// TestHugeKeyShortError checks that a 1 MB key, which encoding/json quotes
// whole, makes a short error that still matches its sentinel.
func TestHugeKeyShortError(t *testing.T) {
	k := strings.Repeat("k", 1<<20)
	for _, tc := range []struct {
		json string
		v    any
		kind error
		msg  string
	}{
		// The decoder's error is cut to 200 bytes: `json: unknown field "`
		// is 21 bytes, then 179 k's and "…".
		{`{"name":"x","` + k + `":1}`, new(health.Scorecard), health.ErrInvalidScorecard,
			`health: decoding: json: unknown field "` + strings.Repeat("k", 179) + "…"},
		// A *FieldError cuts its problem to 200 bytes again, before its
		// "health: " goes: `health: decoding: json: unknown field "` is 39
		// bytes, then 161 k's and "…".
		{`{"id":"a","` + k + `":1}`, new(health.Account), health.ErrInvalidAccount,
			`health: account "a": decoding: json: unknown field "` + strings.Repeat("k", 161) + "…"},
		{`{"scorecards":[{"name":"x","groups":[{"` + k + `":1}]}]}`, new(health.Config), health.ErrInvalidConfig,
			`health: scorecards[0].groups[0]: decoding: json: unknown field "` + strings.Repeat("k", 161) + "…"},
	} {
		err := json.Unmarshal([]byte(tc.json), tc.v)
		assert.ErrorIs(t, err, tc.kind)
		assert.EqualError(t, err, tc.msg)
	}
}
