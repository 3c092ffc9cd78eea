package renewal

import (
	"fmt"
	"slices"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/jsonstrict"
)

// Default values of a zero [Policy]'s fields (see the package doc's marks
// and Sources).
const (
	// DefaultWindowMonths: renewal work opens three calendar months before
	// the renewal [seed 003], counted back from the decision date [ours].
	DefaultWindowMonths = 3
	// DefaultLateDays: from two weeks before the decision date a renewal
	// whose intent is unconfirmed is late [ours]: the seed says acting only
	// two weeks before leaves no time to resolve dissatisfaction [seed 003].
	DefaultLateDays = 14
	// DefaultDueSoonDays: an open activity is "due soon" in the last week
	// before its due date [ours].
	DefaultDueSoonDays = 7
	// DefaultBudgetLeadMonths: a customer's budget for the next fiscal year
	// is settled two months before its fiscal year ends (January 31 for a
	// March year end) [ours; seed 003 names the practice, not the number].
	DefaultBudgetLeadMonths = 2
)

// Step is one activity of a playbook and how long before the decision date
// it is due.
type Step struct {
	// Activity is the activity planned; it must be valid and appear once
	// in a policy.
	Activity Activity `json:"activity"`
	// Offset is how long before the decision date the activity is due;
	// zero means due on the decision date itself. It must fit in the
	// window ([ErrOffsetOutsideWindow]).
	Offset date.Period `json:"offset"`
}

// DefaultSteps returns the default playbook: the eight activities of
// [seed 000], each due a number of days before the decision date (the offsets
// are ours; the lecture's schedule is a slide we cannot read). The order
// follows the logic of the sources: the value case first, so the customer
// has reasons before it decides; then the people who decide; then the question itself,
// early enough to recover from a "no" before the late threshold; expansion
// once intent is known. The optional case-study request is not in it.
//
//	goal-progress-review   75 days  two weeks into a 3-month window
//	usage-review           70 days
//	roi-confirmation       60 days  the value case is complete two months out
//	team-recheck           50 days
//	decision-line-mapping  45 days
//	voc-collection         40 days
//	intent-confirmation    30 days  16 days to act on a "no" before it is late
//	expansion-exploration  21 days
//
// Every offset is at most 84 days, so it fits a three-month window on any date.
func DefaultSteps() []Step {
	return []Step{
		{ActivityGoalProgressReview, date.Days(75)},
		{ActivityUsageReview, date.Days(70)},
		{ActivityROIConfirmation, date.Days(60)},
		{ActivityTeamRecheck, date.Days(50)},
		{ActivityDecisionLineMapping, date.Days(45)},
		{ActivityVoCCollection, date.Days(40)},
		{ActivityIntentConfirmation, date.Days(30)},
		{ActivityExpansionExploration, date.Days(21)},
	}
}

// DefaultCheckpoints returns the days before the renewal at which a CSM
// records a forecast call: 180, 120, 90 and 30 (a convention of CS
// platforms, read from their public help centres [CS platforms]).
func DefaultCheckpoints() []date.Period {
	return []date.Period{date.Days(180), date.Days(120), date.Days(90), date.Days(30)}
}

// Policy is a team's renewal playbook. Its zero value is the documented
// default: every zero field means the default named on it, so Policy{} just
// works and any single number can be overridden.
//
// Because a zero period field means its default, a zero span cannot be
// expressed: Window, Late, DueSoon and BudgetLead set to date.Days(0) (or
// "P0D" in JSON) get their defaults, not an empty span. To turn a rule off
// use the switch that exists for it: IgnoreFiscalYear for the budgeting
// rule, an empty non-nil Steps for no activities, an empty non-nil
// Checkpoints for no forecast checkpoints. (BudgetHorizon's zero means "no
// bound", and a Step's zero Offset means due on the decision date.)
type Policy struct {
	// Window is how long before the decision date renewal work opens; zero
	// means DefaultWindowMonths calendar months. State it in days
	// (date.Days(90)) to count days instead.
	Window date.Period `json:"window,omitzero"`
	// Late is how long before the decision date a renewal with unconfirmed
	// intent becomes late; zero means DefaultLateDays days.
	Late date.Period `json:"late,omitzero"`
	// DueSoon is how long before its due date an open activity is due soon;
	// zero means DefaultDueSoonDays days.
	DueSoon date.Period `json:"due_soon,omitzero"`
	// Steps are the activities the team runs and their offsets; nil means
	// DefaultSteps. An empty non-nil slice plans no activity at all (and
	// encodes as [], so it survives a JSON round trip).
	Steps []Step `json:"steps,omitzero"`
	// BudgetLead is how long before the customer's fiscal-year end its
	// budget for the next year is settled, counted from month end to month
	// end (two months before September 30 is July 31); zero means
	// DefaultBudgetLeadMonths months.
	BudgetLead date.Period `json:"budget_lead,omitzero"`
	// BudgetHorizon, when set, bounds how far before the decision date a
	// budgeting deadline can pull the value case; zero means no bound but
	// the current term: a deadline after the previous renewal (or the
	// start) always applies.
	BudgetHorizon date.Period `json:"budget_horizon,omitzero"`
	// IgnoreFiscalYear turns the budgeting rule off.
	IgnoreFiscalYear bool `json:"ignore_fiscal_year,omitempty"`
	// Checkpoints are the times before the renewal at which forecast calls
	// are due; nil means DefaultCheckpoints, an empty non-nil slice none.
	Checkpoints []date.Period `json:"checkpoints,omitzero"`
}

// DefaultPolicy returns the zero Policy with every default written out, a
// starting point to edit.
func DefaultPolicy() Policy {
	return Policy{}.resolved()
}

// resolved returns p with its zero fields replaced by their defaults. A nil
// Steps or Checkpoints becomes a new copy of the default list, so nothing is
// shared between calls.
func (p Policy) resolved() Policy {
	if p.Window.IsZero() {
		p.Window = date.Months(DefaultWindowMonths)
	}
	if p.Late.IsZero() {
		p.Late = date.Days(DefaultLateDays)
	}
	if p.DueSoon.IsZero() {
		p.DueSoon = date.Days(DefaultDueSoonDays)
	}
	if p.Steps == nil {
		p.Steps = DefaultSteps()
	}
	if p.BudgetLead.IsZero() {
		p.BudgetLead = date.Months(DefaultBudgetLeadMonths)
	}
	if p.Checkpoints == nil {
		p.Checkpoints = DefaultCheckpoints()
	}
	return p
}

// Validate reports the first problem of p, wrapping [ErrInvalidPolicy] and,
// where one applies, a more precise sentinel.
//
// Validate returns an error if:
//   - a period is negative;
//   - the late threshold is longer than the window;
//   - a step names an unknown activity ([ErrUnknownActivity]) or an
//     activity twice ([ErrDuplicateActivity]);
//   - a step's offset could fall before the window opens
//     ([ErrOffsetOutsideWindow]). Offsets and windows in the same unit
//     compare exactly; across units a month counts as 28 days for the window
//     and 31 for the offset, so an offset fits on every date or is refused.
func (p Policy) Validate() error {
	r := p.resolved()
	return r.validate()
}

// validate is Validate on a resolved policy.
func (r *Policy) validate() error {
	for _, f := range []struct {
		name string
		p    date.Period
	}{
		{"window", r.Window}, {"late", r.Late}, {"due_soon", r.DueSoon},
		{"budget_lead", r.BudgetLead}, {"budget_horizon", r.BudgetHorizon},
	} {
		if err := f.p.Validate(); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrInvalidPolicy, f.name, err)
		}
	}
	if !fits(r.Late, r.Window) {
		return fmt.Errorf("%w: late threshold %s longer than window %s", ErrInvalidPolicy, r.Late, r.Window)
	}
	var seen [numActivities + 1]bool
	for _, s := range r.Steps {
		if !s.Activity.Valid() {
			return fmt.Errorf("%w: %w: %d", ErrInvalidPolicy, ErrUnknownActivity, uint8(s.Activity))
		}
		if seen[s.Activity] {
			return fmt.Errorf("%w: %w: %s", ErrInvalidPolicy, ErrDuplicateActivity, s.Activity)
		}
		seen[s.Activity] = true
		if err := s.Offset.Validate(); err != nil {
			return fmt.Errorf("%w: %w: %s: %w", ErrInvalidPolicy, ErrOffsetOutsideWindow, s.Activity, err)
		}
		if !fits(s.Offset, r.Window) {
			return fmt.Errorf("%w: %w: %s due %s before, window opens %s before", ErrInvalidPolicy, ErrOffsetOutsideWindow, s.Activity, s.Offset, r.Window)
		}
	}
	for i, c := range r.Checkpoints {
		if err := c.Validate(); err != nil {
			return fmt.Errorf("%w: checkpoint %d: %w", ErrInvalidPolicy, i, err)
		}
	}
	return nil
}

// fits reports whether the span inner never exceeds outer, on any date.
func fits(inner, outer date.Period) bool {
	if inner.Months <= outer.Months && inner.Days <= outer.Days {
		return true
	}
	return inner.MaxDays() <= outer.MinDays()
}

// Enabled reports whether the policy plans activity a.
func (p Policy) Enabled(a Activity) bool {
	return slices.ContainsFunc(p.resolved().Steps, func(s Step) bool { return s.Activity == a })
}

// UnmarshalJSON decodes a policy and validates it (see [Policy.Validate]):
// a policy that decodes is valid. Periods are ISO 8601 text ("P3M", "P14D")
// and activities their names; a missing or null field keeps its default,
// while "steps": [] plans no activity.
//
// It refuses a key that names no field of Policy or of a step ("windw"), so
// a misspelt setting is an error, not a silent default. Every error wraps
// [ErrInvalidPolicy] and the error that stopped it (for a bad period
// [date.ErrInvalidPeriod] too). On error p is left unchanged.
func (p *Policy) UnmarshalJSON(b []byte) error {
	type plain Policy
	var v plain
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidPolicy, "policy", err)
	}
	if err := Policy(v).Validate(); err != nil {
		return decodeErr(ErrInvalidPolicy, "policy", err)
	}
	*p = Policy(v)
	return nil
}

// equal reports whether two resolved policies are the same.
func (r *Policy) equal(o *Policy) bool {
	return r.Window == o.Window && r.Late == o.Late && r.DueSoon == o.DueSoon &&
		r.BudgetLead == o.BudgetLead && r.BudgetHorizon == o.BudgetHorizon &&
		r.IgnoreFiscalYear == o.IgnoreFiscalYear &&
		slices.Equal(r.Steps, o.Steps) && slices.Equal(r.Checkpoints, o.Checkpoints)
}
