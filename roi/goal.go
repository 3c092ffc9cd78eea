package roi

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Goal is an outcome the customer set at introduction, tracked from its
// baseline towards its target: the value the product is meant to deliver,
// and what a renewal's goal-progress review looks at (is the customer
// still pursuing the goal it bought the product for? [seed 000]).
//
// The target may lie below the baseline (hours spent, from 120 to 80): the
// share of the way is measured in the target's direction.
type Goal struct {
	Account  string  `json:"account"`        // the customer's account
	Name     string  `json:"name"`           // the outcome: "offline leads a quarter"
	Unit     string  `json:"unit,omitempty"` // how it is counted; may be empty
	Baseline Reading `json:"baseline"`       // the value before the product, and when it was measured
	Current  Reading `json:"current"`        // the latest value, and when it was measured
	Target   Reading `json:"target"`         // the value aimed at, and the day it should be reached by
}

// Reading is a value and the day it was measured (for a target: the day
// it should be reached by).
type Reading struct {
	Value decimal.Decimal `json:"value"`
	On    date.Date       `json:"on"`
}

// readingJSON is the wire form a Reading decodes from: the value and the
// day are required, and an error names the one that is missing or does
// not decode.
type readingJSON struct {
	Value in[money.JSON] `json:"value"`
	On    in[date.Date]  `json:"on"`
}

// reading returns the decoded reading, not yet checked.
func (w readingJSON) reading() (Reading, error) {
	v, err := w.Value.get("value")
	if err != nil {
		return Reading{}, err
	}
	on, err := w.On.get("on")
	return Reading{decimal.Decimal(v), on}, err
}

// MarshalJSON encodes the value as a quoted exact decimal.
func (r Reading) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Value money.JSON `json:"value"`
		On    date.Date  `json:"on"`
	}{money.JSON(r.Value), r.On})
}

// UnmarshalJSON decodes a reading; the value and the day are required.
// Every error wraps [ErrInvalidGoal] and names the field; on error r is
// left unchanged.
func (r *Reading) UnmarshalJSON(b []byte) error {
	return decodeAs(b, r, ErrInvalidGoal, "reading", func(w readingJSON) (Reading, error) { return validated(w.reading()) })
}

// Validate checks the reading.
//
// Validate returns an error if the value's exponent is outside ±100
// ([ErrAmountOutOfRange]) or the day is missing ([ErrMissing]).
func (r Reading) Validate() error {
	if !money.InScale(r.Value) {
		return fieldErr("value", fmt.Errorf("%w: exponent %d, outside ±%d", ErrAmountOutOfRange, r.Value.Exponent(), money.MaxScale))
	}
	if r.On.IsZero() {
		return fieldErr("on", ErrMissing)
	}
	return nil
}

// Validate checks the goal.
//
// Validate returns an error if:
//   - the account or the name is empty ([ErrMissing]);
//   - a reading has no day ([ErrMissing]) or a value out of scale
//     ([ErrAmountOutOfRange]);
//   - the current reading is before the baseline, or the target's day is
//     not after the baseline's ([ErrDateOrder]);
//   - the target equals the baseline ([ErrNoGap]).
//
// Errors are [*FieldError] values naming the account and the field.
func (g Goal) Validate() error {
	return owned("account", g.Account, g.validate())
}

func (g Goal) validate() error {
	switch {
	case g.Account == "":
		return fieldErr("account", ErrMissing)
	case g.Name == "":
		return fieldErr("name", ErrMissing)
	}
	for _, r := range []struct {
		name string
		r    Reading
	}{{"baseline", g.Baseline}, {"current", g.Current}, {"target", g.Target}} {
		if err := r.r.Validate(); err != nil {
			return within(r.name, err)
		}
	}
	switch {
	case g.Current.On.Before(g.Baseline.On):
		return fieldErr("current.on", fmt.Errorf("%w: %s before the baseline's %s", ErrDateOrder, g.Current.On, g.Baseline.On))
	case !g.Target.On.After(g.Baseline.On):
		return fieldErr("target.on", fmt.Errorf("%w: %s not after the baseline's %s", ErrDateOrder, g.Target.On, g.Baseline.On))
	case g.Target.Value.Cmp(g.Baseline.Value) == 0:
		return fieldErr("target.value", fmt.Errorf("%w: %s", ErrNoGap, num(g.Target.Value)))
	}
	return nil
}

// UnmarshalJSON decodes a goal and validates it ([Goal.Validate]), so an
// error names the field ("target.on"). Every error wraps [ErrInvalidGoal];
// on error g is left unchanged.
func (g *Goal) UnmarshalJSON(b []byte) error {
	return decodeAs(b, g, ErrInvalidGoal, "goal", func(w goalJSON) (Goal, error) { return validated(w.goal()) })
}

// goalJSON is the wire form a Goal decodes from.
type goalJSON struct {
	Account  string      `json:"account"`
	Name     string      `json:"name"`
	Unit     string      `json:"unit,omitempty"`
	Baseline readingJSON `json:"baseline"`
	Current  readingJSON `json:"current"`
	Target   readingJSON `json:"target"`
}

// goal returns the decoded goal, not yet validated; an error names the
// account and the field.
func (w goalJSON) goal() (Goal, error) {
	v := Goal{Account: w.Account, Name: w.Name, Unit: w.Unit}
	for _, r := range []struct {
		name string
		in   readingJSON
		out  *Reading
	}{{"baseline", w.Baseline, &v.Baseline}, {"current", w.Current, &v.Current}, {"target", w.Target, &v.Target}} {
		var err error
		if *r.out, err = r.in.reading(); err != nil {
			return Goal{}, owned("account", v.Account, within(r.name, err))
		}
	}
	return v, nil
}

// Progress is how far a goal has come, as of its current reading: what a
// host brings into the renewal's goal-progress review, with the day the
// figures were measured (a reading months old says so) and the day the
// target is due.
//
//	delivered = current − baseline
//	gap       = target − baseline
//	share     = delivered / gap                              (rounded down to ROIPlaces)
//	elapsed   = days(baseline → current) / days(baseline → target)   (rounded half away from zero to ROIPlaces)
//
// Share is the value delivered as a share of the target: 1 when the
// target is reached, above 1 beyond it, negative when the value moved the
// wrong way. It is rounded down, as the ROI is, so that the value
// delivered is never overstated: 0.99995 of the way is 0.9999, and Share
// is 1 or more exactly when Reached is true. Elapsed is the share of the
// time to the target's day that had passed when the current value was
// measured; a goal is on track when its share is at least that [ours: a
// straight line from baseline to target]. Reached and OnTrack compare the
// exact values, not the rounded ones.
type Progress struct {
	Account   string          `json:"account"`        // the goal's account
	Goal      string          `json:"goal"`           // the goal's name
	Unit      string          `json:"unit,omitempty"` // the goal's unit: what Delivered and Gap count
	Measured  date.Date       `json:"measured"`       // the day of the current reading: the progress is as of then
	Due       date.Date       `json:"due"`            // the target's day
	Delivered decimal.Decimal `json:"delivered"`      // current − baseline
	Gap       decimal.Decimal `json:"gap"`            // target − baseline, never zero
	Share     decimal.Decimal `json:"share"`          // delivered / gap, rounded down to ROIPlaces places
	Elapsed   decimal.Decimal `json:"elapsed"`        // share of the time to the target's day, ROIPlaces places
	Reached   bool            `json:"reached"`        // the current value has reached the target (share ≥ 1)
	OnTrack   bool            `json:"on_track"`       // share ≥ elapsed
}

// Progress returns how far the goal has come, as of asOf.
//
// Progress returns an error if:
//   - asOf is the zero Date ([ErrMissing]);
//   - the goal does not validate (see [Goal.Validate]);
//   - the current reading is dated after asOf ([ErrAfterAsOf]).
func (g Goal) Progress(asOf date.Date) (Progress, error) {
	if asOf.IsZero() {
		return Progress{}, fieldErr("as_of", ErrMissing)
	}
	if err := g.Validate(); err != nil {
		return Progress{}, err
	}
	if g.Current.On.After(asOf) {
		return Progress{}, owned("account", g.Account, fieldErr("current.on", fmt.Errorf("%w: %s after %s", ErrAfterAsOf, g.Current.On, asOf)))
	}
	delivered := g.Current.Value.Sub(g.Baseline.Value)
	gap := g.Target.Value.Sub(g.Baseline.Value)
	done := decimal.New(int64(g.Baseline.On.DaysUntil(g.Current.On)), 0)
	all := decimal.New(int64(g.Baseline.On.DaysUntil(g.Target.On)), 0) // > 0: validated
	// delivered/gap ≥ done/all  ⇔  delivered × all × sign(gap) ≥ done × |gap|
	lhs := delivered.Mul(all)
	if gap.Sign() < 0 {
		lhs = lhs.Neg()
	}
	return Progress{
		Account:   g.Account,
		Goal:      g.Name,
		Unit:      g.Unit,
		Measured:  g.Current.On,
		Due:       g.Target.On,
		Delivered: delivered,
		Gap:       gap,
		Share:     divFloor(delivered.Mul(decimal.New(int64(gap.Sign()), 0)), gap.Abs(), ROIPlaces), // delivered / gap with a positive divisor
		Elapsed:   done.DivRound(all, ROIPlaces),
		Reached:   delivered.Mul(decimal.New(int64(gap.Sign()), 0)).Cmp(gap.Abs()) >= 0,
		OnTrack:   lhs.Cmp(done.Mul(gap.Abs())) >= 0,
	}, nil
}

type progressJSON struct {
	Account   string     `json:"account"`
	Goal      string     `json:"goal"`
	Unit      string     `json:"unit,omitempty"`
	Measured  date.Date  `json:"measured"`
	Due       date.Date  `json:"due"`
	Delivered money.JSON `json:"delivered"`
	Gap       money.JSON `json:"gap"`
	Share     money.JSON `json:"share"`
	Elapsed   money.JSON `json:"elapsed"`
	Reached   bool       `json:"reached"`
	OnTrack   bool       `json:"on_track"`
}

// MarshalJSON encodes the progress with its numbers as quoted exact
// decimals.
func (p Progress) MarshalJSON() ([]byte, error) {
	return json.Marshal(progressJSON{p.Account, p.Goal, p.Unit, p.Measured, p.Due, money.JSON(p.Delivered), money.JSON(p.Gap),
		money.JSON(p.Share), money.JSON(p.Elapsed), p.Reached, p.OnTrack})
}

// UnmarshalJSON decodes a progress (strictly). Every error wraps
// [ErrInvalidResult]; on error p is left unchanged.
func (p *Progress) UnmarshalJSON(b []byte) error {
	return decodeAs(b, p, ErrInvalidResult, "progress", func(w progressJSON) (Progress, error) {
		v := Progress{w.Account, w.Goal, w.Unit, w.Measured, w.Due, decimal.Decimal(w.Delivered), decimal.Decimal(w.Gap),
			decimal.Decimal(w.Share), decimal.Decimal(w.Elapsed), w.Reached, w.OnTrack}
		for _, d := range []decimal.Decimal{v.Delivered, v.Gap, v.Share, v.Elapsed} {
			if !money.InScale(d) {
				return Progress{}, fmt.Errorf("%w: exponent %d", ErrAmountOutOfRange, d.Exponent())
			}
		}
		return v, nil
	})
}
