package health_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/health"
	"github.com/cskit/cskit/internal/dectest"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJSONRoundTrips encodes the zero value and a real value of every
// exported type and decodes it back unchanged.
func TestJSONRoundTrips(t *testing.T) {
	s := scorer(t, fourAxes())
	a := acct("A", fourAxesInputs())
	a.Overrides = []health.Override{{Score: 80.5, By: "sato", Reason: "r", From: day(time.June, 1), Until: day(time.July, 1)}}
	score, err := s.Score(a, asOf)
	require.NoError(t, err)
	tally, err := health.TallyBook(s, asOf, slices.Values(tallyBook()))
	require.NoError(t, err)
	trend, err := health.TrendOf(history(), asOf, health.TrendOptions{})
	require.NoError(t, err)
	v1, v2 := twoMeasures("v1", 0.5, 0.5), twoMeasures("v2", 0.25, 0.75)
	b1, _ := scorer(t, v1).Score(acct("x", in("a", 40, "b", 60)), asOf)
	a2, _ := scorer(t, v2).Score(acct("x", in("a", 70, "b", 60)), asOf)
	change, err := health.Compare(b1, a2, v1, v2)
	require.NoError(t, err)
	timing, err := health.TimingPolicy{}.Timing(score)
	require.NoError(t, err)
	children := []health.Child{{Account: "a", Score: pts(6000), Band: health.BandYellow, ARR: decimal.RequireFromString("1200000.50")}}
	parent, err := health.Rollup("p", children, health.RollupOptions{Method: health.RollupARR})
	require.NoError(t, err)
	peers, err := health.PeerBook(reviewConfig(), slices.Values(usageBook()))
	require.NoError(t, err)
	sheet, err := peers.Review(usageBook()[0])
	require.NoError(t, err)
	bt, err := health.RunBacktest(slices.Values(btOutcomes()), slices.Values(btScores()), health.BacktestOptions{MinSample: 2, AllowNoScore: true})
	require.NoError(t, err)
	values := []any{
		reviewConfig(), usageBook()[0], peers, sheet, bt, btOutcomes()[0], btScores()[0],
		health.BacktestOptions{Horizon: date.Days(60), MinSample: 5}, health.DefaultBacktestOptions(),
		fourAxes(), health.Config{Scorecards: []health.Scorecard{fourAxes()}, Select: []health.Selector{{Stage: health.StageAdoption, Scorecard: "standard"}}},
		a, score, tally, trend, change, timing, children[0], parent,
		health.TrendOptions{Window: date30(), Flat: 2.5}, health.TimingPolicy{AskFrom: health.BandGreen},
		health.RollupOptions{Method: health.RollupARR}, health.DefaultBands(), health.DefaultMissingData(),
	}
	zeros := []any{
		health.Scorecard{}, health.Config{}, health.Group{}, health.Measure{}, health.Rule{}, health.Step{}, health.Linear{},
		health.Bands{}, health.Cut{}, health.MissingData{}, health.Selector{}, health.Account{}, health.Input{},
		health.Override{}, health.Score{}, health.GroupScore{}, health.MeasureScore{}, health.TallyResult{},
		health.Trend{}, health.Crossing{}, health.Change{}, health.MeasureChange{}, health.Timing{}, health.Problem{},
		health.TimingPolicy{}, health.TrendOptions{}, health.Child{}, health.Parent{}, health.ChildResult{},
		health.RollupOptions{}, health.Points{}, health.Stage(0), health.Direction(0), health.Op(0), health.Kind(0),
		health.Model(0), health.Aggregate(0), health.MissingRule(0), health.Band(0), health.Data(0),
		health.Action(0), health.Issue(0), health.Movement(0), health.RollupMethod(0),
		health.ReviewConfig{}, health.Metric{}, health.Advice{}, health.Usage{}, health.MetricValue{},
		health.Peers{}, health.PeerGroup{}, health.PeerStats{}, health.Sheet{}, health.MetricResult{},
		health.HealthResult{}, health.PastScore{}, health.Outcome{}, health.BacktestOptions{},
		health.BacktestResult{}, health.BandOutcomes{}, health.Rate{}, health.Lift{}, health.Warning{},
		health.Result(0),
	}
	for _, v := range zeros {
		_, err := json.Marshal(v)
		require.NoError(t, err, "%T", v)
	}
	for _, v := range values {
		b, err := json.Marshal(v)
		require.NoError(t, err, "%T", v)
		back := reflect.New(reflect.TypeOf(v))
		require.NoError(t, json.Unmarshal(b, back.Interface()), "%T %s", v, b)
		b2, err := json.Marshal(back.Elem().Interface())
		require.NoError(t, err)
		assert.Equal(t, string(b), string(b2), "%T", v)
	}
}

func date30() date.Period { return date.Days(30) }

// TestPointsText checks the text of Points.
func TestPointsText(t *testing.T) {
	for _, tc := range []struct {
		h    int64
		text string
	}{{0, "0.00"}, {5, "0.05"}, {5034, "50.34"}, {10000, "100.00"}, {-350, "-3.50"}, {-5, "-0.05"}} {
		assert.Equal(t, tc.text, pts(tc.h).String())
		var p health.Points
		require.NoError(t, json.Unmarshal([]byte(tc.text), &p))
		assert.Equal(t, pts(tc.h), p)
	}
	for _, bad := range []string{`1e2`, `50.345`, `"50"`, `-`, `.5`, `5.`, `99999999999999999999`} {
		var p health.Points
		err := json.Unmarshal([]byte(bad), &p)
		if err != nil && json.Valid([]byte(bad)) {
			assert.ErrorIs(t, err, health.ErrInvalidNumber, bad)
		}
		assert.Error(t, err, bad)
	}
	var p health.Points
	require.NoError(t, json.Unmarshal([]byte(`50.340`), &p)) // a trailing zero is exact
	assert.Equal(t, pts(5034), p)
	assert.Equal(t, 50.34, p.Float64())
	assert.Equal(t, 1, pts(2).Cmp(pts(1)))
}

// TestRollupDecimalGlobals checks that a roll-up by ARR and its JSON do
// not depend on shopspring/decimal's package variables.
func TestRollupDecimalGlobals(t *testing.T) {
	dectest.Stable(t, func() []byte {
		children := []health.Child{
			{Account: "a", Score: pts(6000), Band: health.BandYellow, ARR: decimal.RequireFromString("1200000.50")},
			{Account: "b", Score: pts(8123), Band: health.BandGreen, ARR: decimal.RequireFromString("0.333")},
			{Account: "c", Score: pts(1), Band: health.BandRed, ARR: decimal.New(7, 20)},
		}
		p, err := health.Rollup("p", children, health.RollupOptions{Method: health.RollupARR})
		b, _ := json.Marshal(p)
		c, _ := json.Marshal(children)
		var back []health.Child
		err2 := json.Unmarshal(c, &back)
		c2, _ := json.Marshal(back)
		return fmt.Appendf(nil, "%s %s %v %v %s", b, c, err, err2, c2)
	})
}

// TestManyInputs checks an account whose inputs for this scorecard come
// after many for another.
func TestManyInputs(t *testing.T) {
	other := card(pct("other", 1))
	other.Name = "other"
	var ms []health.Measure
	var inputs []health.Input
	for i := range 60 {
		ms = append(ms, pct(fmt.Sprint("o", i), 1))
	}
	other.Groups[0].Measures = ms
	for rep := range 3 {
		for i := range 60 {
			if rep == 0 {
				inputs = append(inputs, health.Input{Measure: fmt.Sprint("o", i), Value: 1})
			}
		}
	}
	inputs = append(inputs, in("a", 80, "b", 40)...)
	s, err := health.NewScorer(health.Config{Scorecards: []health.Scorecard{card(pct("a", 1), pct("b", 1)), other}, Select: []health.Selector{{Scorecard: "test"}}})
	require.NoError(t, err)
	big := make([]health.Input, 0, 200)
	for range 3 {
		big = append(big, inputs[:60]...)
	}
	big = big[:150]
	big = append(big, inputs[60:]...)
	r, err := s.Score(acct("x", big), asOf)
	require.NoError(t, err) // inputs of another scorecard are ignored, even repeated
	assert.Equal(t, pts(6000), r.Value)
	assert.Equal(t, 80.0, r.Measures[0].Value)
}
