package health

import (
	"fmt"
	"math"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/jsonstrict"
)

// Score is an account's health score as of a day, with its explanation:
// every group and measure with its raw value, points, weight and
// contribution. The contributions of the measures add up exactly to the
// computed score, and so do those of the groups.
//
// The zero Score encodes; it is the score of nothing.
type Score struct {
	Account   string    `json:"account"`
	Segment   string    `json:"segment,omitempty"`
	Stage     Stage     `json:"stage"`
	AsOf      date.Date `json:"as_of"`
	Scorecard string    `json:"scorecard"`
	// Version is the version of the scorecard that computed the score.
	Version string `json:"version"`
	Model   Model  `json:"model"`
	// Value is the score shown: the override's while one is in force,
	// else the computed score; zero when the data are insufficient and no
	// override is in force.
	Value Points `json:"score"`
	// Band is the band of Value, or BandNone when there is no score.
	Band Band `json:"band"`
	// Computed is the score the scorecard computed from the data, in
	// [0, 100], whatever the override and the coverage. It is 0 when no
	// measure counts.
	Computed Points `json:"computed"`
	// Coverage is the share of the scorecard's weight that has data, in
	// percent (two decimals).
	Coverage Points `json:"coverage"`
	// Insufficient is true when Coverage is below the scorecard's minimum:
	// the computed score is kept for the record but not shown.
	Insufficient bool `json:"insufficient,omitempty"`
	// Override is the override in force on AsOf, or the zero Override.
	Override Override `json:"override,omitzero"`
	// Groups explain the groups, in the scorecard's order.
	Groups []GroupScore `json:"groups"`
	// Measures explain the measures, in the scorecard's order.
	Measures []MeasureScore `json:"measures"`
}

// Overridden reports whether an override is in force.
func (s *Score) Overridden() bool { return !s.Override.IsZero() }

// GroupScore explains one group of a score.
type GroupScore struct {
	Group     string    `json:"group"`
	Aggregate Aggregate `json:"aggregate"`
	// Weight is the group's weight as configured (in a points scorecard,
	// the sum of its measures' weights).
	Weight float64 `json:"weight"`
	// Score is the group's own score: the weighted average, minimum or
	// maximum of its counted measures' points, rounded half up to the
	// hundredth.
	Score Points `json:"score"`
	Band  Band   `json:"band"`
	// Counted is false when no measure of the group counts (all missing
	// under the reweight rule): the group is left out of the score.
	Counted bool `json:"counted"`
	// Coverage is the share of the group's weight that has data, in percent.
	Coverage Points `json:"coverage"`
	// Contribution is what the group adds to the computed score; the
	// groups' contributions add up to it exactly.
	Contribution Points `json:"contribution"`
	// Lost is what the group's shortfall from 100 points costs the score;
	// over the counted groups, Lost adds up to 100 minus the score.
	Lost Points `json:"lost"`
	// Decider names the measure whose points are the group's score, in a
	// min or max group.
	Decider string `json:"decider,omitempty"`
}

// MeasureScore explains one measure of a score.
type MeasureScore struct {
	Measure string `json:"measure"`
	Group   string `json:"group"`
	// Data is whether the account gave a value, and whether it was current.
	Data Data `json:"data"`
	// Value is the raw value given (0 when missing), and On the day it was
	// measured.
	Value float64   `json:"value"`
	On    date.Date `json:"on,omitzero"`
	// Points are the points used: the rule's for the value, or those the
	// missing-data rule gives (neutral or worst); 0 when the measure does
	// not count.
	Points Points `json:"points"`
	// Band is the band of Points, or BandNone when the measure does not
	// count.
	Band Band `json:"band"`
	// Weight is the measure's weight as configured.
	Weight float64 `json:"weight"`
	// Counted is false when the measure is left out of the score (missing
	// under the reweight rule).
	Counted bool `json:"counted"`
	// Contribution is what the measure adds to the computed score; over
	// all measures it adds up to the computed score exactly.
	Contribution Points `json:"contribution"`
	// Lost is what the measure's shortfall from 100 points costs the
	// score; over all measures it adds up to 100 minus the computed score
	// (when any measure counts). The measure with the largest Lost is the
	// first thing to fix.
	Lost Points `json:"lost"`
}

// Score scores the account as of asOf, with its explanation.
//
// Score returns an error if:
//   - asOf is the zero date ([ErrMissingDate]);
//   - the account is invalid (see [Account.Validate]);
//   - no selector matches it ([ErrNoScorecard]);
//   - an input names a measure no scorecard of the config has
//     ([ErrUnknownMeasure]), or gives one measure twice
//     ([ErrDuplicateInput]);
//   - a value is one its measure's kind does not allow ([ErrInvalidValue]);
//   - an input of a measure with a validity period has no date
//     ([ErrMissingDate]), or an input or override is dated after asOf
//     ([ErrAfterAsOf]).
//
// Errors about the account are [*FieldError] values naming it and the JSON
// path of the field ("inputs[2].value").
func (s *Scorer) Score(a Account, asOf date.Date) (Score, error) {
	var out Score
	if err := s.ScoreTo(&out, a, asOf); err != nil {
		return Score{}, err
	}
	return out, nil
}

// ScoreTo is [Scorer.Score] into *dst, reusing dst's Groups and Measures
// slices: scoring a book into one Score value allocates nothing once they
// have grown to the largest scorecard. On error *dst is left in an
// unspecified state.
func (s *Scorer) ScoreTo(dst *Score, a Account, asOf date.Date) error {
	if dst == nil {
		return fmt.Errorf("%w: nil destination", ErrInvalidScore)
	}
	if asOf.IsZero() {
		return fieldErr(a.ID, "as_of", ErrMissingDate)
	}
	if err := a.validateHead(); err != nil {
		return err
	}
	k, err := s.pick(&a)
	if err != nil {
		return err
	}
	c := s.cards[k]
	var w work
	if err := c.run(&w, &a, asOf, nil, s.known); err != nil {
		return err
	}
	c.fill(dst, &w, &a, asOf)
	return nil
}

// allows reports whether the raw value x is finite, within ±10^12 and
// one m's kind allows.
func (m *measure) allows(x float64) bool {
	return x >= m.least && x <= m.most && (!m.whole || x == float64(int64(x))) // exact: |x| ≤ 10^12
}

// valueErr returns the error for a value read refused.
func (m *measure) valueErr(x float64) error {
	switch m.kind {
	case KindNonNegative:
		return fmt.Errorf("%w: %v is negative; measure %s is non_negative", ErrInvalidValue, x, fault.Quote(m.name))
	case KindCount:
		return fmt.Errorf("%w: %v is not a count (a whole number not below zero); measure %s counts", ErrInvalidValue, x, fault.Quote(m.name))
	}
	return fmt.Errorf("%w: %v is not a flag (0 or 1); measure %s is a flag", ErrInvalidValue, x, fault.Quote(m.name))
}

// Validate checks what a decoded score can be checked for without its
// scorecard.
//
// Validate returns an error if the shown, computed or coverage value, a
// group's or measure's score, points, contribution or loss is outside
// [0, 100], a raw value is NaN or infinite, or an override recorded in it
// is invalid. Errors wrap [ErrInvalidScore].
func (s Score) Validate() error {
	bad := func(field string, p Points) error {
		return fieldErr(s.Account, field, fmt.Errorf("%w: %s is outside [0, 100]", ErrInvalidScore, p))
	}
	in := func(p Points) bool { return p.h >= 0 && p.h <= fullPoints }
	switch {
	case !in(s.Value):
		return bad("score", s.Value)
	case !in(s.Computed):
		return bad("computed", s.Computed)
	case !in(s.Coverage):
		return bad("coverage", s.Coverage)
	}
	if !s.Override.IsZero() {
		if err := s.Override.validate(); err != nil {
			return withKind(ErrInvalidScore, at("override", withID(s.Account, err)))
		}
	}
	for i, g := range s.Groups {
		for _, f := range [...]struct {
			name string
			p    Points
		}{{"score", g.Score}, {"coverage", g.Coverage}, {"contribution", g.Contribution}, {"lost", g.Lost}} {
			if !in(f.p) {
				return bad(index("groups", i)+"."+f.name, f.p)
			}
		}
	}
	for i, m := range s.Measures {
		for _, f := range [...]struct {
			name string
			p    Points
		}{{"points", m.Points}, {"contribution", m.Contribution}, {"lost", m.Lost}} {
			if !in(f.p) {
				return bad(index("measures", i)+"."+f.name, f.p)
			}
		}
		if math.IsNaN(m.Value) || math.IsInf(m.Value, 0) {
			return fieldErr(s.Account, index("measures", i)+".value", fmt.Errorf("%w: %v", ErrInvalidScore, m.Value))
		}
	}
	return nil
}

// UnmarshalJSON decodes a score strictly (unknown keys are errors) and
// validates it (see [Score.Validate]); a history of scores is read back
// this way. Errors wrap [ErrInvalidScore]; the receiver is left alone on
// error.
func (s *Score) UnmarshalJSON(b []byte) error {
	type plain Score
	var p plain
	if err := jsonstrict.Decode(b, &p); err != nil {
		return decodeErr(ErrInvalidScore, err)
	}
	v := Score(p)
	if err := v.Validate(); err != nil {
		return err
	}
	*s = v
	return nil
}
