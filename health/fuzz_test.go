package health_test

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/cskit/cskit/health"
	"github.com/cskit/cskit/internal/jsontest"
	"github.com/stretchr/testify/require"
)

// FuzzScorecardJSON decodes arbitrary bytes as a config: what decodes is
// valid, round-trips, and scores an account without data.
func FuzzScorecardJSON(f *testing.F) {
	b, _ := json.Marshal(health.Config{Scorecards: []health.Scorecard{fourAxes()}})
	f.Add(b)
	f.Add([]byte(`{"scorecards":[{"name":"s","version":"1","model":"points","groups":[{"name":"g","measures":[{"name":"x","weight":100,"direction":"lower_is_better","rule":{"steps":[{"op":"<","at":1,"points":100}],"else":0}}]}]}]}`))
	f.Add([]byte(`{"scorecards":[{"name":"s","version":"1","model":"worst_of","bands":{"yellow":{"op":">=","at":40}},"missing":{"rule":"neutral","neutral":30,"min_coverage":0.01},"groups":[{"name":"g","measures":[{"name":"x","weight":0.0001,"kind":"flag","direction":"higher_is_better","rule":{"linear":{"worst":0,"best":1e-6}},"valid_for":"P1M"}]}]}]}`))
	f.Add([]byte(`{"scorecards":[{"name":"s","version":"1","groups":[{"name":"g","weight":-1,"measures":[]}]}]}`))
	f.Add([]byte(`{"scorecards":[],"select":[{"stage":"onboarding","scorecard":"x"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, ok := jsontest.RoundTrip(t, b, health.ErrInvalidConfig, health.Config.Validate)
		if !ok {
			return
		}
		s, err := health.NewScorer(c)
		require.NoError(t, err)
		for _, st := range []health.Stage{health.StageOnboarding, health.StageRenewal} {
			r, err := s.Score(health.Account{ID: "a", Stage: st}, asOf)
			if err != nil {
				require.ErrorIs(t, err, health.ErrNoScorecard)
				continue
			}
			requireAddsUp(t, r)
		}
	})
}

// FuzzAccountJSON decodes arbitrary bytes as an account: what decodes is
// valid and round-trips.
func FuzzAccountJSON(f *testing.F) {
	b, _ := json.Marshal(acct("A", fourAxesInputs()))
	f.Add(b)
	f.Add([]byte(`{"id":"x","stage":"onboarding","inputs":[{"measure":"m","value":-0}],"overrides":[{"score":50.5,"by":"s","reason":"r","from":"2026-01-01","until":"2026-01-31"}]}`))
	f.Add([]byte(`{"id":"x","stage":"renewal","inputs":[{"measure":"m","value":1e13}]}`))
	f.Add([]byte(`{"id":"","stage":"x"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		jsontest.RoundTrip(t, b, health.ErrInvalidAccount, health.Account.Validate)
	})
}

// FuzzScoreJSON decodes arbitrary bytes as a score: what decodes is valid
// and round-trips, so a history stored as JSON reads back unchanged.
func FuzzScoreJSON(f *testing.F) {
	s, _ := scorer(f, fourAxes()).Score(acct("A", fourAxesInputs()), asOf)
	b, _ := json.Marshal(s)
	f.Add(b)
	f.Add([]byte(`{"account":"x","score":100.00,"band":"green","computed":100,"coverage":0,"groups":[],"measures":[]}`))
	f.Add([]byte(`{"account":"x","score":100.001}`))
	f.Add([]byte(`{"account":"x","measures":[{"measure":"m","data":"stale","points":-1}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		jsontest.RoundTrip(t, b, health.ErrInvalidScore, health.Score.Validate)
	})
}

// FuzzScorer builds a scorecard and an account from arbitrary bytes and
// scores it: no panic, an error or a score in [0, 100] whose contributions
// add up to it and losses to 100 minus it.
func FuzzScorer(f *testing.F) {
	f.Add([]byte{3, 0, 0, 40, 0, 30, 0, 30, 0, 50, 0, 50, 0, 50})
	f.Add([]byte{0xff, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{1, 2, 1, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		next := func() uint16 {
			if len(b) < 2 {
				return 0
			}
			v := binary.LittleEndian.Uint16(b)
			b = b[2:]
			return v
		}
		head := next()
		sc := health.Scorecard{Name: "f", Version: "1", Model: health.Model(head % 3),
			Missing: health.MissingData{Rule: health.MissingRule(head >> 2 % 3), MinCoverage: float64(head>>4%100) + 1, StaleIsMissing: head&0x8000 != 0}}
		ng := 1 + int(head>>8%3)
		var inputs []health.Input
		var points float64
		for g := range ng {
			grp := health.Group{Name: fmt.Sprint("g", g), Aggregate: health.Aggregate(next() % 3)}
			if ng > 1 {
				grp.Weight = float64(1+next()%10000) / 100
			}
			for i := range 1 + int(next()%4) {
				name := fmt.Sprint("m", g, i)
				w := float64(1+next()%50000) / 10000
				m := health.Measure{Name: name, Weight: w, Direction: hi, Rule: linear(0, float64(1+next()%1000))}
				if next()%2 == 0 {
					m.Direction = lo
					m.Rule = steps(0, st(health.OpBelow, float64(next()%100), 100), st(health.OpAtMost, 100, float64(next()%101)))
				}
				grp.Measures = append(grp.Measures, m)
				points += w
				if v := next(); v%5 != 0 {
					inputs = append(inputs, health.Input{Measure: name, Value: float64(v) / 7})
				}
			}
			sc.Groups = append(sc.Groups, grp)
		}
		if sc.Model == health.ModelPoints {
			// Make the weights add up to 100: the last measure takes the rest.
			sc.Groups = sc.Groups[:1]
			sc.Groups[0].Weight, sc.Groups[0].Aggregate = 0, health.AggregateAverage
			ms := sc.Groups[0].Measures
			if len(ms) == 1 {
				ms[0].Weight = 100
			} else {
				var sum int64
				for i := range ms[:len(ms)-1] {
					ms[i].Weight = float64(1+int64(ms[i].Weight*10000)%200000) / 10000
					sum += int64(math.Round(ms[i].Weight * 10000))
				}
				ms[len(ms)-1].Weight = float64(1_000_000-sum) / 10000
			}
		}
		s, err := health.NewScorer(health.Config{Scorecards: []health.Scorecard{sc}})
		if err != nil {
			return
		}
		r, err := s.Score(acct("x", inputs), asOf)
		if err != nil {
			require.ErrorIs(t, err, health.ErrUnknownMeasure) // inputs of groups a points card dropped
			return
		}
		require.True(t, r.Computed.Hundredths() >= 0 && r.Computed.Hundredths() <= 10000, "%s", r.Computed)
		require.True(t, r.Coverage.Hundredths() >= 0 && r.Coverage.Hundredths() <= 10000)
		requireAddsUp(t, r)
		require.NoError(t, r.Validate())
	})
}

// FuzzReviewJSON decodes arbitrary bytes as a review config, a usage row
// and an outcome: what decodes is valid and round-trips; a config that
// decodes reviews a row of its own peers without NaN.
func FuzzReviewJSON(f *testing.F) {
	b, _ := json.Marshal(reviewConfig())
	f.Add(b)
	b, _ = json.Marshal(usageBook()[0])
	f.Add(b)
	f.Add([]byte(`{"account":"x","on":"2026-06-30","result":"churned"}`))
	f.Add([]byte(`{"metrics":[{"name":"m","direction":"lower_is_better","advice":[{"op":">=","at":70,"text":"t"},{"op":">","at":70,"text":"u"}]}]}`))
	f.Add([]byte(`{"account":"x","group":"g","health":100.01,"values":[{"metric":"m","value":-1}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if c, ok := jsontest.RoundTrip(t, b, health.ErrInvalidReview, health.ReviewConfig.Validate); ok {
			var values []health.MetricValue
			for i, m := range c.Metrics {
				values = append(values, health.MetricValue{Metric: m.Name, Value: float64(i)})
			}
			u := health.Usage{Account: "a", Group: "g", Values: values}
			peers, err := health.PeerBook(c, slices.Values([]health.Usage{u, {Account: "b", Group: "g"}}))
			require.NoError(t, err)
			sh, err := peers.Review(u)
			require.NoError(t, err)
			for _, m := range sh.Metrics {
				require.False(t, math.IsNaN(m.Mean) || math.IsNaN(m.SD) || math.IsNaN(m.Gap))
			}
		}
		jsontest.RoundTrip(t, b, health.ErrInvalidReview, health.Usage.Validate)
		jsontest.RoundTrip(t, b, health.ErrInvalidBacktest, health.Outcome.Validate)
	})
}
