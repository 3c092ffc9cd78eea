package health_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/health"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScorecardValidate checks every validation error and its path.
func TestScorecardValidate(t *testing.T) {
	with := func(f func(*health.Scorecard)) health.Scorecard {
		var sc health.Scorecard
		b, _ := json.Marshal(fourAxes())
		require.NoError(t, json.Unmarshal(b, &sc))
		f(&sc)
		return sc
	}
	m := func(sc *health.Scorecard, g, i int) *health.Measure { return &sc.Groups[g].Measures[i] }
	for _, tc := range []struct {
		name  string
		sc    health.Scorecard
		err   error
		field string
	}{
		{"no name", with(func(s *health.Scorecard) { s.Name = "" }), health.ErrMissingName, "name"},
		{"no version", with(func(s *health.Scorecard) { s.Version = "" }), health.ErrMissingVersion, "version"},
		{"bad model", with(func(s *health.Scorecard) { s.Model = 9 }), health.ErrUnknownModel, "model"},
		{"no groups", with(func(s *health.Scorecard) { s.Groups = nil }), health.ErrInvalidScorecard, "groups"},
		{"group without name", with(func(s *health.Scorecard) { s.Groups[2].Name = "" }), health.ErrMissingName, "groups[2].name"},
		{"group twice", with(func(s *health.Scorecard) { s.Groups[2].Name = "contact" }), health.ErrDuplicateName, "groups[2].name"},
		{"group without weight", with(func(s *health.Scorecard) { s.Groups[1].Weight = 0 }), health.ErrInvalidWeight, "groups[1].weight"},
		{"group negative weight", with(func(s *health.Scorecard) { s.Groups[1].Weight = -0.25 }), health.ErrInvalidWeight, "groups[1].weight"},
		{"group without measures", with(func(s *health.Scorecard) { s.Groups[1].Measures = nil }), health.ErrInvalidScorecard, "groups[1].measures"},
		{"bad aggregate", with(func(s *health.Scorecard) { s.Groups[1].Aggregate = 7 }), health.ErrUnknownAggregate, "groups[1].aggregate"},
		{"measure twice", with(func(s *health.Scorecard) { m(s, 3, 0).Name = "risk_signals" }), health.ErrDuplicateName, "groups[3].measures[0].name"},
		{"measure twice in a group", with(func(s *health.Scorecard) { m(s, 1, 1).Name = "open_churn_case" }), health.ErrDuplicateName, "groups[1].measures[1].name"},
		{"zero weight", with(func(s *health.Scorecard) { m(s, 1, 0).Weight = 0 }), health.ErrInvalidWeight, "groups[1].measures[0].weight"},
		{"NaN weight", with(func(s *health.Scorecard) { m(s, 1, 0).Weight = math.NaN() }), health.ErrInvalidNumber, "groups[1].measures[0].weight"},
		{"five decimals", with(func(s *health.Scorecard) { m(s, 2, 0).Weight = 0.12345 }), health.ErrInvalidNumber, "groups[2].measures[0].weight"},
		{"heavy", with(func(s *health.Scorecard) { m(s, 2, 0).Weight = 1000.5 }), health.ErrInvalidWeight, "groups[2].measures[0].weight"},
		{"no direction", with(func(s *health.Scorecard) { m(s, 0, 0).Direction = 0 }), health.ErrUnknownDirection, "groups[0].measures[0].direction"},
		{"bad kind", with(func(s *health.Scorecard) { m(s, 0, 0).Kind = 9 }), health.ErrUnknownKind, "groups[0].measures[0].kind"},
		{"negative validity", with(func(s *health.Scorecard) { m(s, 0, 0).ValidFor = date.Days(-1) }), date.ErrInvalidPeriod, "groups[0].measures[0].valid_for"},
		{"no rule", with(func(s *health.Scorecard) { m(s, 0, 0).Rule = health.Rule{} }), health.ErrInvalidRule, "groups[0].measures[0].rule"},
		{"both rules", with(func(s *health.Scorecard) { m(s, 0, 0).Rule.Linear = &health.Linear{Worst: 60, Best: 0} }), health.ErrInvalidRule, "groups[0].measures[0].rule"},
		{"step without op", with(func(s *health.Scorecard) { m(s, 0, 0).Rule.Steps[1].Op = 0 }), health.ErrUnknownOp, "groups[0].measures[0].rule.steps[1].op"},
		{"step against direction", with(func(s *health.Scorecard) { m(s, 0, 0).Rule.Steps[1].Op = health.OpAtLeast }), health.ErrInvalidRule, "groups[0].measures[0].rule.steps[1].op"},
		{"steps out of order", with(func(s *health.Scorecard) { m(s, 0, 0).Rule.Steps[1].At = 10 }), health.ErrInvalidRule, "groups[0].measures[0].rule.steps[1].at"},
		{"same cut twice", with(func(s *health.Scorecard) { m(s, 0, 0).Rule.Steps[1].At = 14 }), health.ErrInvalidRule, "groups[0].measures[0].rule.steps[1].at"},
		{"points rise", with(func(s *health.Scorecard) { m(s, 0, 0).Rule.Steps[1].Points = 100.01 }), health.ErrInvalidNumber, "groups[0].measures[0].rule.steps[1].points"},
		{"worse value more points", with(func(s *health.Scorecard) { m(s, 3, 0).Rule.Steps[2].Points = 80 }), health.ErrInvalidRule, "groups[3].measures[0].rule.steps[2].points"},
		{"else above last", with(func(s *health.Scorecard) { m(s, 3, 0).Rule.Else = 51 }), health.ErrInvalidRule, "groups[3].measures[0].rule.else"},
		{"three decimals", with(func(s *health.Scorecard) { m(s, 3, 0).Rule.Steps[0].Points = 99.999 }), health.ErrInvalidNumber, "groups[3].measures[0].rule.steps[0].points"},
		{"seven decimal cut", with(func(s *health.Scorecard) { m(s, 3, 0).Rule.Steps[0].At = 0.9999999 }), health.ErrInvalidNumber, "groups[3].measures[0].rule.steps[0].at"},
		{"infinite cut", with(func(s *health.Scorecard) { m(s, 3, 0).Rule.Steps[0].At = math.Inf(1) }), health.ErrInvalidNumber, "groups[3].measures[0].rule.steps[0].at"},
		{"linear backwards", with(func(s *health.Scorecard) { m(s, 2, 0).Rule.Linear.Worst = 0.8 }), health.ErrInvalidRule, "groups[2].measures[0].rule.linear"},
		{"linear with else", with(func(s *health.Scorecard) { m(s, 2, 0).Rule.Else = 10 }), health.ErrInvalidRule, "groups[2].measures[0].rule.else"},
		{"bands overlap", with(func(s *health.Scorecard) { s.Bands.Green = health.Cut{Op: health.OpAbove, At: 40} }), health.ErrInvalidRule, "bands.green"},
		{"band op", with(func(s *health.Scorecard) { s.Bands.Yellow = health.Cut{Op: health.OpAtMost, At: 40} }), health.ErrUnknownOp, "bands.yellow.op"},
		{"band at", with(func(s *health.Scorecard) { s.Bands.Yellow = health.Cut{Op: health.OpAbove, At: 140} }), health.ErrInvalidNumber, "bands.yellow.at"},
		{"neutral", with(func(s *health.Scorecard) { s.Missing.Neutral = -5 }), health.ErrInvalidNumber, "missing.neutral"},
		{"coverage", with(func(s *health.Scorecard) { s.Missing.MinCoverage = 101 }), health.ErrInvalidNumber, "missing.min_coverage"},
		{"missing rule", with(func(s *health.Scorecard) { s.Missing.Rule = 5 }), health.ErrUnknownMissingRule, "missing.rule"},
		{"points weights", with(func(s *health.Scorecard) {
			s.Model = health.ModelPoints
			s.Groups = s.Groups[2:3]
			s.Groups[0].Weight = 0
		}), health.ErrInvalidWeight, "groups"},
		{"points group weight", with(func(s *health.Scorecard) { s.Model = health.ModelPoints }), health.ErrInvalidWeight, "groups[0].weight"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.sc.Validate()
			require.ErrorIs(t, err, tc.err)
			require.ErrorIs(t, err, health.ErrInvalidScorecard)
			var fe *health.FieldError
			require.True(t, errors.As(err, &fe), "%v", err)
			assert.Equal(t, tc.field, fe.Field, "%v", err)
			assert.Empty(t, fe.ID)
		})
	}
	require.NoError(t, fourAxes().Validate())
	// A points scorecard whose weights add up to 100.
	p := card(pct("a", 33.3333), pct("b", 33.3333), pct("c", 33.3334))
	p.Model = health.ModelPoints
	require.NoError(t, p.Validate())
	p.Groups[0].Measures[2].Weight = 33.3333
	assert.EqualError(t, p.Validate(), "health: groups: invalid weight: a points scorecard's measure weights add up to 99.9999, not 100")
}

// TestScorecardJSONPaths checks that decoding names the path of the bad
// value in the file.
func TestScorecardJSONPaths(t *testing.T) {
	for _, tc := range []struct {
		name string
		json string
		err  error
		msg  string
	}{
		{"weight", `{"name":"s","version":"1","groups":[{"name":"a","measures":[{"name":"x","weight":1,"direction":"higher_is_better","rule":{"linear":{"worst":0,"best":1}}}]},
			{"name":"b","weight":1,"measures":[{"name":"y","weight":-1,"direction":"higher_is_better","rule":{"linear":{"worst":0,"best":1}}}]}]}`,
			health.ErrInvalidWeight, "health: groups[1].measures[0].weight: invalid weight: -1 is not above zero"},
		{"unknown key", `{"name":"s","version":"1","groups":[{"name":"a","measures":[{"name":"x","wieght":1}]}]}`,
			health.ErrInvalidScorecard, `health: groups[0].measures[0]: decoding: json: unknown field "wieght"`},
		{"bad op", `{"name":"s","version":"1","groups":[{"name":"a","measures":[{"name":"x","weight":1,"direction":"lower_is_better","rule":{"steps":[{"op":"=<","at":1,"points":100}]}}]}]}`,
			health.ErrUnknownOp, `health: groups[0].measures[0]: decoding: health: unknown comparison "=<"`},
		{"step order", `{"name":"s","version":"1","groups":[{"name":"a","measures":[{"name":"x","weight":1,"direction":"lower_is_better","rule":{"steps":[{"op":"<=","at":30,"points":60},{"op":"<=","at":14,"points":100}]}}]}]}`,
			health.ErrInvalidRule, "health: groups[0].measures[0].rule.steps[1].at: invalid rule: step <= 14 takes no value the step before (<= 30) leaves; write the best step first"},
		{"type", `{"name":"s","version":"1","groups":[{"name":"a","weight":"heavy","measures":[]}]}`,
			health.ErrInvalidScorecard, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var sc health.Scorecard
			err := json.Unmarshal([]byte(tc.json), &sc)
			require.ErrorIs(t, err, tc.err)
			require.ErrorIs(t, err, health.ErrInvalidScorecard)
			if tc.msg != "" {
				assert.EqualError(t, err, tc.msg)
			}
			assert.Zero(t, sc.Name, "receiver untouched")
		})
	}
}

// TestConfig checks config validation paths and selection rules.
func TestConfig(t *testing.T) {
	two := []health.Scorecard{fourAxes(), card(pct("a", 1))}
	for _, tc := range []struct {
		name  string
		c     health.Config
		err   error
		field string
	}{
		{"empty", health.Config{}, health.ErrInvalidConfig, "scorecards"},
		{"bad card", health.Config{Scorecards: []health.Scorecard{card(pct("a", 0))}}, health.ErrInvalidWeight, "scorecards[0].groups[0].measures[0].weight"},
		{"same name", health.Config{Scorecards: []health.Scorecard{card(pct("a", 1)), card(pct("b", 1))}, Select: []health.Selector{{Scorecard: "test"}}}, health.ErrDuplicateName, "scorecards[1].name"},
		{"no select", health.Config{Scorecards: two}, health.ErrNoScorecard, "select"},
		{"unknown card", health.Config{Scorecards: two, Select: []health.Selector{{Scorecard: "nope"}}}, health.ErrNoScorecard, "select[0].scorecard"},
		{"bad stage", health.Config{Scorecards: two, Select: []health.Selector{{Stage: 9, Scorecard: "test"}}}, health.ErrUnknownStage, "select[0].stage"},
		{"unreachable", health.Config{Scorecards: two, Select: []health.Selector{{Scorecard: "test"}, {Segment: "smb", Scorecard: "standard"}}}, health.ErrInvalidConfig, "select[1]"},
		{"same twice", health.Config{Scorecards: two, Select: []health.Selector{{Segment: "smb", Scorecard: "test"}, {Segment: "smb", Scorecard: "standard"}}}, health.ErrInvalidConfig, "select[1]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.c.Validate()
			require.ErrorIs(t, err, tc.err)
			require.ErrorIs(t, err, health.ErrInvalidConfig)
			var fe *health.FieldError
			require.True(t, errors.As(err, &fe), "%v", err)
			assert.Equal(t, tc.field, fe.Field, "%v", err)
		})
	}
	var c health.Config
	err := json.Unmarshal([]byte(`{"scorecards":[{"name":"s","version":"1","groups":[{"name":"g","measures":[{"name":"x","weight":1,"direction":"up"}]}]}]}`), &c)
	require.ErrorIs(t, err, health.ErrUnknownDirection)
	require.ErrorIs(t, err, health.ErrInvalidConfig)
	assert.EqualError(t, err, `health: scorecards[0].groups[0].measures[0]: decoding: health: unknown direction "up"`)
	// A selector's decoding error names the selector too.
	for _, tc := range []struct{ sel, msg string }{
		{`{"scorecard":"s"},{"segmnet":"smb","scorecard":"s"}`, `health: select[1]: decoding: json: unknown field "segmnet"`},
		{`{"stage":"renwal","scorecard":"s"}`, `health: select[0]: decoding: health: unknown stage "renwal"`},
	} {
		err = json.Unmarshal([]byte(`{"scorecards":[{"name":"s","version":"1","groups":[{"name":"g","measures":[{"name":"x","weight":1,"direction":"higher_is_better","rule":{"linear":{"worst":0,"best":1}}}]}]}],"select":[`+tc.sel+`]}`), &c)
		require.ErrorIs(t, err, health.ErrInvalidConfig)
		assert.EqualError(t, err, tc.msg)
	}

	// The scorer keeps its own copy: changing the caller's config later
	// changes nothing.
	sc := card(pct("a", 1))
	cfg := health.Config{Scorecards: []health.Scorecard{sc}}
	s, err := health.NewScorer(cfg)
	require.NoError(t, err)
	cfg.Scorecards[0].Groups[0].Measures[0].Name = "changed"
	assert.Equal(t, "a", s.Config().Scorecards[0].Groups[0].Measures[0].Name)
}
