package renewal

import (
	"github.com/cskit/cskit/date"
)

// CheckpointStatus is one forecast checkpoint and the call recorded for it.
type CheckpointStatus struct {
	// Date is the checkpoint day.
	Date date.Date `json:"date"`
	// State is where the checkpoint stands.
	State CheckpointState `json:"state"`
	// Call is the latest call dated from the checkpoint up to the day
	// before the next one (the last checkpoint runs to the renewal date),
	// when State is CheckpointCallRecorded.
	Call *Call `json:"call,omitempty"`
}

// checkpoints returns the state of each checkpoint of s as of asOf. Calls
// dated after asOf are not known yet.
func checkpoints(s Schedule, calls []Call, asOf date.Date) []CheckpointStatus {
	if len(s.Checkpoints) == 0 {
		return nil
	}
	out := make([]CheckpointStatus, len(s.Checkpoints))
	for i, d := range s.Checkpoints {
		end := s.Renewal.AddDays(1)
		if i+1 < len(s.Checkpoints) {
			end = s.Checkpoints[i+1]
		}
		cs := CheckpointStatus{Date: d}
		for j := range calls {
			c := calls[j]
			if !c.Date.Before(d) && c.Date.Before(end) && !c.Date.After(asOf) && (cs.Call == nil || !c.Date.Before(cs.Call.Date)) {
				cs.Call = &c
			}
		}
		switch {
		case cs.Call != nil:
			cs.State = CheckpointCallRecorded
		case asOf.Before(d):
			cs.State = CheckpointUpcoming
		case asOf.Before(end):
			cs.State = CheckpointCallDue
		default:
			cs.State = CheckpointCallMissed
		}
		out[i] = cs
	}
	return out
}

// ItemStatus is one planned activity and where it stands.
type ItemStatus struct {
	Item
	// State is where the activity stands as of the date.
	State ItemState `json:"state"`
	// Completed is the completion record, when State is Done.
	Completed *Completion `json:"completed,omitempty"`
}

// Status is a renewal as of a date: its plan, each activity's state and the
// contract's state.
type Status struct {
	// AsOf is the date the status was computed for.
	AsOf date.Date `json:"as_of"`
	// Schedule is the plan the status is measured against.
	Schedule Schedule `json:"schedule"`
	// State is the contract's renewal state.
	State State `json:"state"`
	// Intent is the customer's recorded answer.
	Intent Intent `json:"intent"`
	// Items are the planned activities with their states, in plan order.
	Items []ItemStatus `json:"items"`
	// Checkpoints are the forecast checkpoints with the call recorded for
	// each, in order.
	Checkpoints []CheckpointStatus `json:"checkpoints,omitempty"`
	// Unplanned are completions of activities the policy does not plan; they
	// are kept, not dropped.
	Unplanned []Completion `json:"unplanned,omitempty"`
}

// Count returns how many planned activities are in state s.
func (st Status) Count(s ItemState) int {
	n := 0
	for _, it := range st.Items {
		if it.State == s {
			n++
		}
	}
	return n
}

// Status computes where the renewal r stands on asOf under policy p.
//
// The renewal is Due, or the contract's renewal current on asOf. It is in
// state StateNotStarted before the window opens ([Schedule.Opens]);
// StateInWindow from then on; StateLate from LateFrom to the decision date
// while the intent is not confirmed (renew or cancel); StatePast after the
// decision date when no outcome is recorded; and StateRenewed or
// StateChurned once an outcome is recorded. Each activity is ItemDone when
// a completion is recorded, ItemNotOpen before it opens, ItemOverdue after
// its due date, ItemDueSoon within DueSoon of it, and ItemOpen otherwise.
//
// Status returns an error if r or p is invalid (see [Renewal.Validate] and
// [Policy.Validate]), asOf is zero ([ErrMissingDate]), or a record is dated
// after asOf ([ErrRecordAfterAsOf]).
func (p Policy) Status(r Renewal, asOf date.Date) (Status, error) {
	first, err := r.validate()
	if err != nil {
		return Status{}, err
	}
	rp := p.resolved()
	if err := rp.validate(); err != nil {
		return Status{}, err
	}
	if asOf.IsZero() {
		return Status{}, fieldErr(r.Contract.ID, "as_of", ErrMissingDate)
	}
	if err := r.checkAsOf(asOf); err != nil {
		return Status{}, err
	}
	sched := rp.plan(&r.Contract, first, r.renewalOn(first, asOf))
	st := Status{AsOf: asOf, Schedule: sched, Items: make([]ItemStatus, len(sched.Items))}
	st.Intent, _ = r.Intent()
	st.Checkpoints = checkpoints(sched, r.Calls, asOf)
	planned := func(a Activity) bool { _, ok := sched.Item(a); return ok }
	for i := range r.Completions {
		if !planned(r.Completions[i].Activity) {
			st.Unplanned = append(st.Unplanned, r.Completions[i])
		}
	}
	for i, it := range sched.Items {
		is := ItemStatus{Item: it}
		for j := range r.Completions {
			if r.Completions[j].Activity == it.Activity {
				c := r.Completions[j]
				is.Completed = &c
			}
		}
		switch {
		case is.Completed != nil:
			is.State = ItemDone
		case asOf.Before(it.Opens):
			is.State = ItemNotOpen
		case asOf.After(it.Due):
			is.State = ItemOverdue
		case !asOf.Before(rp.DueSoon.Before(it.Due)):
			is.State = ItemDueSoon
		default:
			is.State = ItemOpen
		}
		st.Items[i] = is
	}
	switch r.Outcome.Result {
	case ResultRenewed:
		st.State = StateRenewed
	case ResultChurned:
		st.State = StateChurned
	default:
		st.State = classify(sched.Opens, sched.LateFrom, sched.Decision, asOf, st.Intent.Confirmed())
	}
	return st, nil
}

// classify is the state of an open renewal from its key dates.
func classify(opens, lateFrom, decision, asOf date.Date, confirmed bool) State {
	switch {
	case asOf.After(decision):
		return StatePast
	case !asOf.Before(lateFrom) && !confirmed:
		return StateLate
	case !asOf.Before(opens):
		return StateInWindow
	}
	return StateNotStarted
}
