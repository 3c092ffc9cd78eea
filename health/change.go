package health

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/fault"
)

// Change explains the difference between two computed scores of one
// account, split into what the data changed and what the scorecard
// changed:
//
//	Total     = After − Before
//	Data      = S(earlier scorecard, later data) − Before
//	Scorecard = After − S(earlier scorecard, later data)
//
// where S(card, data) scores data with a card, so Data + Scorecard = Total
// exactly. Each measure's part is the change of its contribution in each
// step, so the measures' Data parts add up to Data and their Scorecard
// parts to Scorecard. Overrides are not part of it: a change explains the
// computed scores.
type Change struct {
	Account       string    `json:"account"`
	From          date.Date `json:"from"`
	To            date.Date `json:"to"`
	FromScorecard string    `json:"from_scorecard"`
	FromVersion   string    `json:"from_version"`
	ToScorecard   string    `json:"to_scorecard"`
	ToVersion     string    `json:"to_version"`
	Before        Points    `json:"before"`
	After         Points    `json:"after"`
	Total         Points    `json:"total"`
	Data          Points    `json:"data"`
	Scorecard     Points    `json:"scorecard"`
	// Measures are every measure of either scorecard: those of the
	// earlier one in its order, then those only the later one has.
	Measures []MeasureChange `json:"measures"`
}

// MeasureChange is one measure's part of a [Change].
type MeasureChange struct {
	Measure string `json:"measure"`
	// InBefore and InAfter say which scorecards have the measure.
	InBefore bool `json:"in_before"`
	InAfter  bool `json:"in_after"`
	// The raw values and their state, before and after.
	BeforeData  Data    `json:"before_data"`
	BeforeValue float64 `json:"before_value"`
	AfterData   Data    `json:"after_data"`
	AfterValue  float64 `json:"after_value"`
	// The points, each under its own scorecard.
	BeforePoints Points `json:"before_points"`
	AfterPoints  Points `json:"after_points"`
	// Data is the change of the measure's contribution from the change of
	// data, under the earlier scorecard; Scorecard the change from the
	// change of scorecard, on the later data; Total their sum.
	Data      Points `json:"data"`
	Scorecard Points `json:"scorecard"`
	Total     Points `json:"total"`
}

// Compare explains the change from score before to score after of one
// account, given the scorecards that computed them (named and versioned
// as the scores say). The data of each score are read back from its
// explanation (each measure's raw value, state and day). To score the
// later data with the earlier scorecard, a measure the later scorecard
// dropped keeps its earlier value (no later one exists), so dropping it
// counts as a change of scorecard; a measure the later scorecard added is
// unknown to the earlier one.
//
// Compare returns an error if:
//   - the scores are of different accounts, or before is dated after
//     after ([ErrInvalidScore]);
//   - a scorecard is invalid (see [Scorecard.Validate]);
//   - a scorecard's name or version is not the one its score records, two
//     scorecards of one version differ, or a score's computed value is not
//     what its scorecard gives for its data ([ErrMismatch]).
func Compare(before, after Score, beforeCard, afterCard Scorecard) (Change, error) {
	if before.Account != after.Account {
		return Change{}, fieldErr(after.Account, "account", fmt.Errorf("%w: comparing scores of %s and %s", ErrInvalidScore, fault.Quote(before.Account), fault.Quote(after.Account)))
	}
	id := before.Account
	if before.AsOf.IsZero() || after.AsOf.IsZero() || before.AsOf.After(after.AsOf) {
		return Change{}, fieldErr(id, "as_of", fmt.Errorf("%w: the earlier score (%s) must not be after the later (%s)", ErrInvalidScore, before.AsOf, after.AsOf))
	}
	bc, err := compileFor(&before, beforeCard, "before")
	if err != nil {
		return Change{}, withID(id, err)
	}
	ac, err := compileFor(&after, afterCard, "after")
	if err != nil {
		return Change{}, withID(id, err)
	}
	if beforeCard.Name == afterCard.Name && beforeCard.Version == afterCard.Version {
		b1, _ := json.Marshal(beforeCard)
		b2, _ := json.Marshal(afterCard)
		if string(b1) != string(b2) {
			return Change{}, fieldErr(id, "version", fmt.Errorf("%w: two different scorecards carry version %s", ErrMismatch, fault.Quote(beforeCard.Version)))
		}
	}

	dataOf := func(s *Score, c *card) []Input {
		var in []Input
		for _, m := range s.Measures {
			if _, ok := c.index[m.Measure]; ok && m.Data != DataMissing {
				in = append(in, Input{Measure: m.Measure, Value: m.Value, On: m.On})
			}
		}
		return in
	}
	beforeIn, afterIn := dataOf(&before, bc), dataOf(&after, ac)
	// The later data for the earlier scorecard.
	var midIn []Input
	for _, m := range bc.measures {
		if _, kept := ac.index[m.name]; kept {
			for _, in := range afterIn {
				if in.Measure == m.name {
					midIn = append(midIn, in)
				}
			}
			continue
		}
		for _, in := range beforeIn {
			if in.Measure == m.name {
				midIn = append(midIn, in)
			}
		}
	}
	var sb, sm, sa Score
	rescore := func(dst *Score, c *card, in []Input, asOf date.Date) error {
		a := Account{ID: id, Segment: after.Segment, Stage: after.Stage, Inputs: in}
		var w work
		if err := c.run(&w, &a, asOf, nil, nil); err != nil {
			return err
		}
		c.fill(dst, &w, &a, asOf)
		return nil
	}
	if err := rescore(&sb, bc, beforeIn, before.AsOf); err != nil {
		return Change{}, withKind(ErrInvalidScore, at("before", err))
	}
	if err := rescore(&sm, bc, midIn, after.AsOf); err != nil {
		return Change{}, withKind(ErrInvalidScore, at("after", err))
	}
	if err := rescore(&sa, ac, afterIn, after.AsOf); err != nil {
		return Change{}, withKind(ErrInvalidScore, at("after", err))
	}
	if sb.Computed != before.Computed {
		return Change{}, fieldErr(id, "before.computed", fmt.Errorf("%w: the scorecard gives %s for the score's data, not %s", ErrMismatch, sb.Computed, before.Computed))
	}
	if sa.Computed != after.Computed {
		return Change{}, fieldErr(id, "after.computed", fmt.Errorf("%w: the scorecard gives %s for the score's data, not %s", ErrMismatch, sa.Computed, after.Computed))
	}

	ch := Change{
		Account: id, From: before.AsOf, To: after.AsOf,
		FromScorecard: bc.src.Name, FromVersion: bc.src.Version, ToScorecard: ac.src.Name, ToVersion: ac.src.Version,
		Before: sb.Computed, After: sa.Computed,
		Total: Points{sa.Computed.h - sb.Computed.h}, Data: Points{sm.Computed.h - sb.Computed.h}, Scorecard: Points{sa.Computed.h - sm.Computed.h},
	}
	add := func(name string) {
		mc := MeasureChange{Measure: name}
		var b, m, a int64
		if i, ok := bc.index[name]; ok {
			mc.InBefore = true
			mc.BeforeData, mc.BeforeValue, mc.BeforePoints = sb.Measures[i].Data, sb.Measures[i].Value, sb.Measures[i].Points
			b, m = sb.Measures[i].Contribution.h, sm.Measures[i].Contribution.h
		}
		if i, ok := ac.index[name]; ok {
			mc.InAfter = true
			mc.AfterData, mc.AfterValue, mc.AfterPoints = sa.Measures[i].Data, sa.Measures[i].Value, sa.Measures[i].Points
			a = sa.Measures[i].Contribution.h
		}
		mc.Data, mc.Scorecard, mc.Total = Points{m - b}, Points{a - m}, Points{a - b}
		ch.Measures = append(ch.Measures, mc)
	}
	for _, m := range bc.measures {
		add(m.name)
	}
	for _, m := range ac.measures {
		if _, ok := bc.index[m.name]; !ok {
			add(m.name)
		}
	}
	return ch, nil
}

// compileFor compiles card after checking it is the one s records.
func compileFor(s *Score, sc Scorecard, which string) (*card, error) {
	if sc.Name != s.Scorecard || sc.Version != s.Version {
		return nil, fieldErr("", which+".version", fmt.Errorf("%w: the score was computed by %s version %s, not %s version %s",
			ErrMismatch, fault.Quote(s.Scorecard), fault.Quote(s.Version), fault.Quote(sc.Name), fault.Quote(sc.Version)))
	}
	sc = sc.clone()
	c, err := compile(&sc)
	if err != nil {
		return nil, at(which+"_card", err)
	}
	return c, nil
}
