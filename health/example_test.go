package health_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/health"
	"github.com/shopspring/decimal"
)

// teamConfig is a team's scorecard file: an onboarding gate, then seed
// 003's four axes.
const teamConfig = `{
  "scorecards": [
    {"name": "onboarding", "version": "2026-04-01", "groups": [
      {"name": "onboarding", "measures": [
        {"name": "setup_steps_done", "weight": 0.6, "kind": "count", "direction": "higher_is_better",
         "rule": {"linear": {"worst": 0, "best": 8}}},
        {"name": "days_since_start", "weight": 0.4, "kind": "count", "direction": "lower_is_better",
         "rule": {"steps": [{"op": "<=", "at": 30, "points": 100}, {"op": "<=", "at": 45, "points": 50}], "else": 0}}
      ]}
    ]},
    {"name": "four-axes", "version": "2026-04-01", "groups": [
      {"name": "contact", "weight": 0.25, "measures": [
        {"name": "days_since_contact", "weight": 1, "kind": "count", "direction": "lower_is_better",
         "rule": {"steps": [{"op": "<=", "at": 14, "points": 100}, {"op": "<=", "at": 30, "points": 60}], "else": 0}}
      ]},
      {"name": "churn_risk", "weight": 0.25, "aggregate": "min", "measures": [
        {"name": "open_churn_case", "weight": 1, "kind": "flag", "direction": "lower_is_better",
         "rule": {"steps": [{"op": "<", "at": 1, "points": 100}], "else": 0}},
        {"name": "risk_signals", "weight": 1, "kind": "count", "direction": "lower_is_better",
         "rule": {"steps": [{"op": "<=", "at": 0, "points": 100}, {"op": "<=", "at": 2, "points": 50}], "else": 0}}
      ]},
      {"name": "utilisation", "weight": 0.3, "measures": [
        {"name": "active_user_ratio", "weight": 0.7, "kind": "non_negative", "direction": "higher_is_better",
         "rule": {"linear": {"worst": 0.2, "best": 0.8}}},
        {"name": "feature_adoption", "weight": 0.3, "kind": "non_negative", "direction": "higher_is_better",
         "rule": {"linear": {"worst": 0, "best": 0.6}}}
      ]},
      {"name": "goal", "weight": 0.2, "measures": [
        {"name": "goal_progress", "weight": 1, "kind": "non_negative", "direction": "higher_is_better",
         "rule": {"steps": [{"op": ">=", "at": 1, "points": 100}, {"op": ">=", "at": 0.75, "points": 75},
                            {"op": ">=", "at": 0.5, "points": 50}], "else": 20},
         "valid_for": "P3M"}
      ]}
    ]}
  ],
  "select": [
    {"stage": "onboarding", "scorecard": "onboarding"},
    {"scorecard": "four-axes"}
  ]
}`

// teamScorer loads the team's config.
func teamScorer() *health.Scorer {
	var c health.Config
	if err := json.Unmarshal([]byte(teamConfig), &c); err != nil {
		panic(err)
	}
	s, err := health.NewScorer(c)
	if err != nil {
		panic(err)
	}
	return s
}

// acme is an adopted account with all six measures.
func acme() health.Account {
	return health.Account{ID: "acme", Segment: "smb", Stage: health.StageAdoption, Inputs: []health.Input{
		{Measure: "days_since_contact", Value: 20},
		{Measure: "open_churn_case", Value: 0},
		{Measure: "risk_signals", Value: 1},
		{Measure: "active_user_ratio", Value: 0.5},
		{Measure: "feature_adoption", Value: 0.45},
		{Measure: "goal_progress", Value: 0.6, On: date.Must(2026, time.June, 1)},
	}}
}

// Scoring an account with a scorecard read from JSON, and reading its
// explanation: every measure's raw value, points, weight and contribution;
// the contributions add up to the score.
func Example() {
	s, err := teamScorer().Score(acme(), date.Must(2026, time.June, 30))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %s %s (scorecard %s %s)\n", s.Account, s.Value, s.Band, s.Scorecard, s.Version)
	for _, m := range s.Measures {
		fmt.Printf("  %-18s %5v -> %6s points, weight %-4v contributes %5s, lost %5s\n", m.Measure, m.Value, m.Points, m.Weight, m.Contribution, m.Lost)
	}
	// Output:
	// acme: 54.75 yellow (scorecard four-axes 2026-04-01)
	//   days_since_contact    20 ->  60.00 points, weight 1    contributes 15.00, lost 10.00
	//   open_churn_case        0 -> 100.00 points, weight 1    contributes  0.00, lost  0.00
	//   risk_signals           1 ->  50.00 points, weight 1    contributes 12.50, lost 12.50
	//   active_user_ratio    0.5 ->  50.00 points, weight 0.7  contributes 10.50, lost 10.50
	//   feature_adoption    0.45 ->  75.00 points, weight 0.3  contributes  6.75, lost  2.25
	//   goal_progress        0.6 ->  50.00 points, weight 1    contributes 10.00, lost 10.00
}

// A team unit-tests its scorecard like code: a table of accounts with the
// scores and bands it expects, checked on every change of the file (in a
// _test.go file, with t.Errorf instead of Println).
func Example_testingAScorecard() {
	s := teamScorer()
	asOf := date.Must(2026, time.June, 30)
	with := func(values map[string]float64) health.Account {
		a := health.Account{ID: "t", Stage: health.StageAdoption}
		for _, name := range []string{"days_since_contact", "open_churn_case", "risk_signals", "active_user_ratio", "feature_adoption", "goal_progress"} {
			if v, ok := values[name]; ok {
				a.Inputs = append(a.Inputs, health.Input{Measure: name, Value: v, On: asOf})
			}
		}
		return a
	}
	for _, tc := range []struct {
		name   string
		values map[string]float64
		score  string
		band   health.Band
	}{
		// Everything at its best: 100.
		{"perfect", map[string]float64{"days_since_contact": 3, "open_churn_case": 0, "risk_signals": 0,
			"active_user_ratio": 0.8, "feature_adoption": 0.6, "goal_progress": 1}, "100.00", health.BandGreen},
		// An open churn case zeroes the churn axis: 100 − 25 = 75.00, which
		// is not above 75, so yellow.
		{"open churn case", map[string]float64{"days_since_contact": 3, "open_churn_case": 1, "risk_signals": 0,
			"active_user_ratio": 0.8, "feature_adoption": 0.6, "goal_progress": 1}, "75.00", health.BandYellow},
		// No contact for 31 days and low usage: 0.25·0 + 0.25·100 +
		// 0.3·(0.7·0 + 0.3·50) + 0.2·50 = 25 + 4.5 + 10 = 39.50.
		{"silent account", map[string]float64{"days_since_contact": 31, "open_churn_case": 0, "risk_signals": 0,
			"active_user_ratio": 0.1, "feature_adoption": 0.3, "goal_progress": 0.5}, "39.50", health.BandRed},
		// Only contact known: coverage 25% < 50%, no score.
		{"no data", map[string]float64{"days_since_contact": 3}, "0.00", health.BandNone},
	} {
		got, err := s.Score(with(tc.values), asOf)
		switch {
		case err != nil:
			fmt.Printf("FAIL %s: %v\n", tc.name, err)
		case got.Value.String() != tc.score || got.Band != tc.band:
			fmt.Printf("FAIL %s: got %s %q, want %s %q\n", tc.name, got.Value, got.Band, tc.score, tc.band)
		default:
			fmt.Printf("ok   %s: %s %q\n", tc.name, got.Value, got.Band)
		}
	}
	// Output:
	// ok   perfect: 100.00 "green"
	// ok   open churn case: 75.00 "yellow"
	// ok   silent account: 39.50 "red"
	// ok   no data: 0.00 ""
}

// A scorecard file with a mistake: the error names the path of the bad
// value in the file, and errors.As finds it.
func ExampleFieldError() {
	bad := `{"scorecards": [{"name": "s", "version": "1", "groups": [
	  {"name": "usage", "weight": 0.5, "measures": [
	    {"name": "logins", "weight": 1, "direction": "higher_is_better", "rule": {"linear": {"worst": 0, "best": 20}}}]},
	  {"name": "goal", "weight": 0.5, "measures": [
	    {"name": "goal_progress", "weight": -1, "direction": "higher_is_better", "rule": {"linear": {"worst": 0, "best": 1}}}]}]}]}`
	var c health.Config
	err := json.Unmarshal([]byte(bad), &c)
	var fe *health.FieldError
	if errors.As(err, &fe) {
		fmt.Println("field:", fe.Field)
	}
	fmt.Println(errors.Is(err, health.ErrInvalidWeight), errors.Is(err, health.ErrInvalidConfig))
	fmt.Println(err)
	// Output:
	// field: scorecards[0].groups[1].measures[0].weight
	// true true
	// health: scorecards[0].groups[1].measures[0].weight: invalid weight: -1 is not above zero
}

// An override records who, why and until when; while in force it is the
// score shown, and the computed score stays beside it.
func ExampleOverride() {
	a := acme()
	a.Overrides = []health.Override{{Score: 30, By: "sato", Reason: "the sponsor left the company",
		From: date.Must(2026, time.June, 15), Until: date.Must(2026, time.July, 15)}}
	for _, d := range []date.Date{date.Must(2026, time.June, 30), date.Must(2026, time.July, 16)} {
		s, _ := teamScorer().Score(a, d)
		fmt.Printf("%s: shown %s %s, computed %s", d, s.Value, s.Band, s.Computed)
		if s.Overridden() {
			fmt.Printf(" (overridden by %s: %s)", s.Override.By, s.Override.Reason)
		}
		fmt.Println()
	}
	// Output:
	// 2026-06-30: shown 30.00 red, computed 54.75 (overridden by sato: the sponsor left the company)
	// 2026-07-16: shown 54.75 yellow, computed 54.75
}

// When to ask about renewal intent: acme has red measures to fix first,
// the costliest first.
func ExampleTimingPolicy_Timing() {
	s, _ := teamScorer().Score(acme(), date.Must(2026, time.June, 30))
	t, _ := health.TimingPolicy{}.Timing(s)
	fmt.Println(t.Action)
	for _, p := range t.Problems {
		fmt.Printf("  %s (%s): %s points, costs %s\n", p.Measure, p.Group, p.Points, p.Lost)
	}
	// Output:
	// fix_first
	//   risk_signals (churn_risk): 50.00 points, costs 12.50
	//   active_user_ratio (utilisation): 50.00 points, costs 10.50
	//   goal_progress (goal): 50.00 points, costs 10.00
}

// What moved a score, and how much of it was the data and how much the new
// version of the scorecard.
func ExampleCompare() {
	v1 := health.Scorecard{Name: "usage", Version: "v1", Groups: []health.Group{{Name: "all", Measures: []health.Measure{
		{Name: "logins", Weight: 0.5, Direction: health.DirectionHigherIsBetter, Rule: health.Rule{Linear: &health.Linear{Worst: 0, Best: 100}}},
		{Name: "seats_used", Weight: 0.5, Direction: health.DirectionHigherIsBetter, Rule: health.Rule{Linear: &health.Linear{Worst: 0, Best: 100}}},
	}}}}
	v2 := v1
	v2.Version = "v2"
	v2.Groups = []health.Group{{Name: "all", Measures: slices.Clone(v1.Groups[0].Measures)}}
	v2.Groups[0].Measures[0].Weight, v2.Groups[0].Measures[1].Weight = 0.25, 0.75
	score := func(sc health.Scorecard, logins float64, d date.Date) health.Score {
		s, _ := health.NewScorer(health.Config{Scorecards: []health.Scorecard{sc}})
		r, _ := s.Score(health.Account{ID: "acme", Stage: health.StageAdoption, Inputs: []health.Input{
			{Measure: "logins", Value: logins}, {Measure: "seats_used", Value: 60}}}, d)
		return r
	}
	before := score(v1, 40, date.Must(2026, time.May, 31)) // 0.5·40 + 0.5·60 = 50
	after := score(v2, 70, date.Must(2026, time.June, 30)) // 0.25·70 + 0.75·60 = 62.50
	c, err := health.Compare(before, after, v1, v2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s -> %s: %s = data %s + scorecard %s\n", c.Before, c.After, c.Total, c.Data, c.Scorecard)
	for _, m := range c.Measures {
		fmt.Printf("  %-10s data %6s  scorecard %6s\n", m.Measure, m.Data, m.Scorecard)
	}
	// Output:
	// 50.00 -> 62.50: 12.50 = data 15.00 + scorecard -2.50
	//   logins     data  15.00  scorecard -17.50
	//   seats_used data   0.00  scorecard  15.00
}

// The trend of an account's scores over the last three months, with its
// band crossings.
func ExampleTrendOf() {
	s := teamScorer()
	var history []health.Score
	for i, contactDays := range []float64{5, 20, 40} {
		d := date.Must(2026, time.April, 30).AddMonths(i)
		a := acme()
		a.Inputs[0].Value = contactDays
		a.Inputs[5].On = d
		r, _ := s.Score(a, d)
		history = append(history, r)
	}
	t, _ := health.TrendOf(history, date.Must(2026, time.June, 30), health.TrendOptions{})
	fmt.Printf("%s %s -> %s %s: %s %s\n", t.From, t.Start, t.To, t.End, t.Change, t.Movement)
	for _, c := range t.Crossings {
		fmt.Printf("  %s: %s -> %s\n", c.On, c.From, c.To)
	}
	// Output:
	// 2026-04-30 64.75 -> 2026-06-30 39.75: -25.00 down
	//   2026-06-30: yellow -> red
}

// A parent account rolled up from its children by ARR.
func ExampleRollup() {
	p, _ := health.Rollup("acme-holdings", []health.Child{
		{Account: "acme-jp", Score: health.Hundredths(6000), Band: health.BandYellow, ARR: decimal.RequireFromString("12000000")},
		{Account: "acme-us", Score: health.Hundredths(8000), Band: health.BandGreen, ARR: decimal.RequireFromString("36000000")},
	}, health.RollupOptions{Method: health.RollupARR})
	fmt.Println(p.Score, p.Band)
	for _, c := range p.Children {
		fmt.Println(" ", c.Account, c.Contribution)
	}
	// Output:
	// 75.00 yellow
	//   acme-jp 15.00
	//   acme-us 60.00
}

// A book counted by band, streamed one account at a time.
func ExampleTallyBook() {
	book := []health.Account{acme(), {ID: "beta", Stage: health.StageOnboarding, Inputs: []health.Input{
		{Measure: "setup_steps_done", Value: 6}, {Measure: "days_since_start", Value: 40}}}}
	// beta: 0.6·75 + 0.4·50 = 65.00, yellow.
	r, err := health.TallyBook(teamScorer(), date.Must(2026, time.June, 30), slices.Values(book))
	fmt.Println(r.Accounts, r.Red, r.Yellow, r.Green, r.Mean, err)
	// Output:
	// 2 0 2 0 59.88 <nil>
}

// A peer usage review laid out like a mock-exam result sheet: five
// accounts of one peer group; logins per user 4, 8, 10, 10, 18 (mean 10,
// population SD √20.8 = 4.5607). The account with 18 does better than 4
// of 5 peers: percentile 100·(4 + 0.5)/5 = 90.00, rank 1 of 5, deviation
// score 50 + 10·(18 − 10)/4.5607 = 67.54.
func ExamplePeers_Review() {
	cfg := health.ReviewConfig{Metrics: []health.Metric{{
		Name: "logins", Label: "logins per user", Direction: health.DirectionHigherIsBetter,
		Advice: []health.Advice{
			{Op: health.OpBelow, At: 40, Text: "Well below the industry: plan a usage workshop."},
			{Op: health.OpBelow, At: 60, Text: "In line with the industry."},
		},
		Else: "Ahead of the industry: ask for a case study.",
	}}}
	var rows []health.Usage
	for i, logins := range []float64{18, 10, 10, 8, 4} {
		rows = append(rows, health.Usage{Account: fmt.Sprint("acct-", i), Group: "manufacturing 100-499",
			Values: []health.MetricValue{{Metric: "logins", Value: logins}}})
	}
	peers, err := health.PeerBook(cfg, slices.Values(rows))
	if err != nil {
		fmt.Println(err)
		return
	}
	sheet, err := peers.Review(rows[0])
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(sheet.Text())
	// Output:
	// USAGE REVIEW  acct-0  (peer group manufacturing 100-499, 5 accounts)
	//
	// metric                 you  peer mean     median             quartiles percentile deviation       rank        gap
	// logins per user      18.00      10.00      10.00          8.00 - 10.00      90.00     67.54     1 of 5      +8.00
	//
	// Advice
	//   logins per user: Ahead of the industry: ask for a case study.
}

// Backtesting a scorecard: did red accounts churn more than the others?
// Four outcomes, each predicted by the account's latest band at least 90
// days before; a minimum sample of 2 so that the rates are reported.
func ExampleRunBacktest() {
	decided := date.Must(2026, time.June, 30)
	early := date.Must(2026, time.February, 1) // more than 90 days before
	outcomes := []health.Outcome{
		{Account: "a", On: decided, Result: health.ResultChurned},
		{Account: "b", On: decided, Result: health.ResultRenewed},
		{Account: "c", On: decided, Result: health.ResultRenewed},
		{Account: "d", On: decided, Result: health.ResultRenewed},
	}
	scores := []health.PastScore{
		{Account: "a", On: early, Score: health.Hundredths(3000), Band: health.BandRed},
		{Account: "b", On: early, Score: health.Hundredths(4500), Band: health.BandRed},
		{Account: "c", On: early, Score: health.Hundredths(8000), Band: health.BandGreen},
		{Account: "d", On: early, Score: health.Hundredths(9000), Band: health.BandGreen},
	}
	r, err := health.RunBacktest(slices.Values(outcomes), slices.Values(scores), health.BacktestOptions{MinSample: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Base churn 1 of 4 = 25%; red 1 of 2 = 50%, lift 50/25 = 2.00.
	fmt.Println("all:", r.All.ChurnRate.Percent)
	for _, b := range r.Bands {
		if b.Outcomes > 0 {
			fmt.Printf("%s: churn %s%% of %d, lift %s\n", b.Band, b.ChurnRate.Percent, b.Outcomes, b.ChurnLift.Value)
		}
	}
	// Red came 149 days before the churn.
	fmt.Println("warned:", r.Warnings[0].Warned.Count, "of", r.Warnings[0].Warned.Of, "median days", r.Warnings[0].MedianDays)
	// Output:
	// all: 25.00
	// red: churn 50.00% of 2, lift 2.00
	// green: churn 0.00% of 2, lift 0.00
	// warned: 1 of 1 median days 149
}
