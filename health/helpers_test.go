package health_test

import (
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/health"
	"github.com/stretchr/testify/require"
)

// day returns a date in 2026.
func day(m time.Month, d int) date.Date { return date.Must(2026, m, d) }

// asOf is the as-of date of most tests.
var asOf = day(time.June, 30)

// hi and lo are the two directions.
const (
	hi = health.DirectionHigherIsBetter
	lo = health.DirectionLowerIsBetter
)

// linear returns a linear rule.
func linear(worst, best float64) health.Rule {
	return health.Rule{Linear: &health.Linear{Worst: worst, Best: best}}
}

// steps returns a step rule; each step is (op, at, points).
func steps(otherwise float64, s ...health.Step) health.Rule {
	return health.Rule{Steps: s, Else: otherwise}
}

// st returns a step.
func st(op health.Op, at, points float64) health.Step {
	return health.Step{Op: op, At: at, Points: points}
}

// pct is a measure whose raw value is its points: linear 0 to 100.
func pct(name string, weight float64) health.Measure {
	return health.Measure{Name: name, Weight: weight, Kind: health.KindNonNegative, Direction: hi, Rule: linear(0, 100)}
}

// card returns a one-group weighted scorecard of ms.
func card(ms ...health.Measure) health.Scorecard {
	return health.Scorecard{Name: "test", Version: "v1", Groups: []health.Group{{Name: "all", Measures: ms}}}
}

// scorer builds a scorer of one scorecard.
func scorer(t testing.TB, sc health.Scorecard) *health.Scorer {
	t.Helper()
	s, err := health.NewScorer(health.Config{Scorecards: []health.Scorecard{sc}})
	require.NoError(t, err)
	return s
}

// in returns inputs from name/value pairs.
func in(kv ...any) []health.Input {
	var out []health.Input
	for i := 0; i < len(kv); i += 2 {
		var v float64
		switch x := kv[i+1].(type) {
		case int:
			v = float64(x)
		case float64:
			v = x
		}
		out = append(out, health.Input{Measure: kv[i].(string), Value: v})
	}
	return out
}

// acct returns an adopted account with inputs.
func acct(id string, inputs []health.Input) health.Account {
	return health.Account{ID: id, Stage: health.StageAdoption, Inputs: inputs}
}

// pts returns Points from a number of hundredths.
func pts(h int64) health.Points { return health.Hundredths(h) }

// sumContrib returns the sums of the measures' and groups' contributions
// and losses.
func sumContrib(s health.Score) (measures, groups, lostM, lostG int64) {
	for _, m := range s.Measures {
		measures += m.Contribution.Hundredths()
		lostM += m.Lost.Hundredths()
	}
	for _, g := range s.Groups {
		groups += g.Contribution.Hundredths()
		lostG += g.Lost.Hundredths()
	}
	return
}

// requireAddsUp checks that contributions add up to the computed score and
// losses to 100 minus it, when any measure counts.
func requireAddsUp(t testing.TB, s health.Score) {
	t.Helper()
	m, g, lm, lg := sumContrib(s)
	require.Equal(t, s.Computed.Hundredths(), m, "measure contributions")
	require.Equal(t, s.Computed.Hundredths(), g, "group contributions")
	for _, g := range s.Groups {
		var c, l int64
		for _, m := range s.Measures {
			if m.Group == g.Group {
				c += m.Contribution.Hundredths()
				l += m.Lost.Hundredths()
			}
		}
		require.Equal(t, g.Contribution.Hundredths(), c, "group %s contributions", g.Group)
		require.Equal(t, g.Lost.Hundredths(), l, "group %s losses", g.Group)
	}
	counted := false
	for _, x := range s.Measures {
		counted = counted || x.Counted
	}
	if counted {
		require.Equal(t, 10000-s.Computed.Hundredths(), lm, "measure losses")
		require.Equal(t, 10000-s.Computed.Hundredths(), lg, "group losses")
	}
}
