package health

import (
	"fmt"
	"slices"
)

// TimingPolicy decides when to ask an account about its renewal intent
// from its score (seed 003: the four scores of an onboarded customer
// decide when to ask, and problems found beforehand are fixed first). The
// zero value is the default policy.
type TimingPolicy struct {
	// AskFrom is the lowest band in which to ask: the shown score and
	// every counted measure must be in it or better. Zero means yellow
	// [ours]: ask unless something is red.
	AskFrom Band `json:"ask_from"`
}

// Timing is the answer of a [TimingPolicy] for one score.
type Timing struct {
	Account string `json:"account"`
	Action  Action `json:"action"`
	// Band is the score's shown band.
	Band Band `json:"band"`
	// Overridden is true when the band is an override's.
	Overridden bool `json:"overridden"`
	// Problems name what to fix or confirm, the most costly first: the
	// low measures by points lost (then in the scorecard's order), then
	// the missing ones, then the stale ones.
	Problems []Problem `json:"problems"`
}

// Problem is one measure to fix or confirm before asking.
type Problem struct {
	Measure string `json:"measure"`
	Group   string `json:"group"`
	Issue   Issue  `json:"issue"`
	// Data is the state of the measure's input: a low measure may also be
	// stale.
	Data   Data    `json:"data"`
	Value  float64 `json:"value"`
	Points Points  `json:"points"`
	Band   Band    `json:"band"`
	// Lost is what the measure's shortfall costs the score (see
	// [MeasureScore]).
	Lost Points `json:"lost"`
}

// Timing decides, from a score and its explanation:
//
//   - ActionFinishOnboarding for an account in onboarding: the renewal
//     question waits until onboarding is complete [seed 003]; its low
//     measures are the problems;
//   - ActionCollectData when the data are insufficient and no override is
//     in force; the missing (and stale) measures are the problems;
//   - ActionFixFirst when the shown band is below AskFrom or a counted
//     measure's band is [seed 003: fix problems before asking; ours: a
//     problem is a measure in a band below AskFrom];
//   - ActionAskNow otherwise; stale measures are listed to confirm while
//     asking.
//
// Timing returns an error for a policy whose AskFrom is not a band
// ([ErrInvalidOptions]) or a score whose stage is not a declared stage
// ([ErrInvalidScore]).
func (p TimingPolicy) Timing(s Score) (Timing, error) {
	ask := p.AskFrom
	if ask == BandNone {
		ask = BandYellow
	}
	if !ask.Valid() {
		return Timing{}, fieldErr("", "ask_from", withKind(ErrInvalidOptions, fmt.Errorf("%w %d", ErrUnknownBand, p.AskFrom)))
	}
	if !s.Stage.Valid() {
		return Timing{}, fieldErr(s.Account, "stage", withKind(ErrInvalidScore, fmt.Errorf("%w %d", ErrUnknownStage, s.Stage)))
	}
	t := Timing{Account: s.Account, Band: s.Band, Overridden: s.Overridden(), Problems: []Problem{}}
	var low, missing, stale []Problem
	for _, m := range s.Measures {
		pr := Problem{Measure: m.Measure, Group: m.Group, Data: m.Data, Value: m.Value, Points: m.Points, Band: m.Band, Lost: m.Lost}
		switch {
		case m.Counted && m.Band < ask:
			pr.Issue = IssueLow
			low = append(low, pr)
		case m.Data == DataMissing:
			pr.Issue = IssueMissing
			missing = append(missing, pr)
		case m.Data == DataStale:
			pr.Issue = IssueStale
			stale = append(stale, pr)
		}
	}
	slices.SortStableFunc(low, func(a, b Problem) int { return b.Lost.Cmp(a.Lost) })
	switch {
	case s.Stage == StageOnboarding:
		t.Action = ActionFinishOnboarding
		t.Problems = append(t.Problems, low...)
	case s.Band == BandNone:
		t.Action = ActionCollectData
		t.Problems = append(append(t.Problems, missing...), stale...)
	case s.Band < ask || len(low) > 0:
		t.Action = ActionFixFirst
		t.Problems = append(append(append(t.Problems, low...), missing...), stale...)
	default:
		t.Action = ActionAskNow
		t.Problems = append(append(t.Problems, missing...), stale...)
	}
	return t, nil
}
