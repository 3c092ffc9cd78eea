package renewal

import (
	"github.com/cskit/cskit/date"
)

// ActivityState is where one planned activity stands as of a date.
type ActivityState uint8

// Activity states. The zero value is invalid.
const (
	// NotOpen: the activity's window has not opened yet.
	NotOpen ActivityState = iota + 1
	// OpenState: open, due later than the due-soon period.
	OpenState
	// DueSoon: open and due within the policy's DueSoon period.
	DueSoon
	// Overdue: the due date has passed and the activity is not done.
	Overdue
	// Done: a completion is recorded.
	Done
)

func activityStateNames() []string {
	return []string{"", "not-open", "open", "due-soon", "overdue", "done"}
}

// String returns the state's name ("due-soon").
func (s ActivityState) String() string {
	return enumString("ActivityState", uint8(s), activityStateNames())
}

// MarshalText encodes the state's name.
func (s ActivityState) MarshalText() ([]byte, error) {
	return enumMarshal("activity state", uint8(s), activityStateNames(), false)
}

// UnmarshalText decodes a state name.
func (s *ActivityState) UnmarshalText(b []byte) error {
	v, err := enumParse("activity state", b, activityStateNames(), false)
	if err != nil {
		return err
	}
	*s = ActivityState(v)
	return nil
}

// State is where a contract's renewal stands as of a date.
type State uint8

// Renewal states. The zero value is invalid.
const (
	// NotStarted: the renewal window has not opened.
	NotStarted State = iota + 1
	// InWindow: the window is open and the renewal is not late.
	InWindow
	// Late: inside the late threshold with the customer's intent
	// unconfirmed.
	Late
	// Past: the decision date (notice deadline or renewal) has passed and no
	// outcome is recorded.
	Past
	// RenewedState: the renewal closed as renewed.
	RenewedState
	// ChurnedState: the renewal closed as churned.
	ChurnedState
)

// NumStates is the number of valid states, 1..NumStates.
const NumStates = int(ChurnedState)

func stateNames() []string {
	return []string{"", "not-started", "in-window", "late", "past", "renewed", "churned"}
}

// String returns the state's name ("in-window").
func (s State) String() string { return enumString("State", uint8(s), stateNames()) }

// MarshalText encodes the state's name.
func (s State) MarshalText() ([]byte, error) {
	return enumMarshal("state", uint8(s), stateNames(), false)
}

// UnmarshalText decodes a state name.
func (s *State) UnmarshalText(b []byte) error {
	v, err := enumParse("state", b, stateNames(), false)
	if err != nil {
		return err
	}
	*s = State(v)
	return nil
}

// CheckpointState is where a forecast checkpoint stands as of a date.
type CheckpointState uint8

// Checkpoint states. The zero value is invalid.
const (
	// Upcoming: the checkpoint day has not come.
	Upcoming CheckpointState = iota + 1
	// CallDue: the checkpoint has come and no call is recorded for it yet.
	CallDue
	// CallRecorded: a call is recorded for the checkpoint.
	CallRecorded
	// CallMissed: the next checkpoint came, or for the last checkpoint the
	// renewal date passed, with no call recorded for this one.
	CallMissed
)

func checkpointStateNames() []string {
	return []string{"", "upcoming", "call-due", "call-recorded", "call-missed"}
}

// String returns the state's name ("call-missed").
func (s CheckpointState) String() string {
	return enumString("CheckpointState", uint8(s), checkpointStateNames())
}

// MarshalText encodes the state's name.
func (s CheckpointState) MarshalText() ([]byte, error) {
	return enumMarshal("checkpoint state", uint8(s), checkpointStateNames(), false)
}

// UnmarshalText decodes a state name; on error s is unchanged.
func (s *CheckpointState) UnmarshalText(b []byte) error {
	v, err := enumParse("checkpoint state", b, checkpointStateNames(), false)
	if err == nil {
		*s = CheckpointState(v)
	}
	return err
}

// CheckpointStatus is one forecast checkpoint and the call recorded for it.
type CheckpointStatus struct {
	// Date is the checkpoint day.
	Date date.Date `json:"date"`
	// State is where the checkpoint stands.
	State CheckpointState `json:"state"`
	// Call is the latest call dated from the checkpoint up to the day
	// before the next one (the last checkpoint runs to the renewal date),
	// when State is CallRecorded.
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
			cs.State = CallRecorded
		case asOf.Before(d):
			cs.State = Upcoming
		case asOf.Before(end):
			cs.State = CallDue
		default:
			cs.State = CallMissed
		}
		out[i] = cs
	}
	return out
}

// ItemStatus is one planned activity and where it stands.
type ItemStatus struct {
	Item
	// State is where the activity stands as of the date.
	State ActivityState `json:"state"`
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
func (st Status) Count(s ActivityState) int {
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
// The contract is in state NotStarted before the window opens; InWindow
// from then on; Late from LateFrom while the intent is not confirmed (renew
// or cancel); Past after the decision date when no outcome is recorded; and
// RenewedState or ChurnedState once an outcome is recorded. Each activity is
// Done when a completion is recorded, NotOpen before it opens, Overdue after
// its due date, DueSoon within DueSoon of it, and open otherwise.
//
// Status returns an error if r or p is invalid (see [Renewal.Validate] and
// [Policy.Validate]), asOf is zero ([ErrMissingDate]), or a completion or the
// outcome is dated after asOf ([ErrCompletionAfterAsOf]).
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
	sched := rp.planAt(&r.Contract, r.renewalDate(first, asOf, rp.LateBooking))
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
			is.State = Done
		case asOf.Before(it.Opens):
			is.State = NotOpen
		case asOf.After(it.Due):
			is.State = Overdue
		case !asOf.Before(rp.DueSoon.Before(it.Due)):
			is.State = DueSoon
		default:
			is.State = OpenState
		}
		st.Items[i] = is
	}
	switch r.Outcome.Result {
	case Renewed:
		st.State = RenewedState
	case Churned:
		st.State = ChurnedState
	default:
		st.State = classify(sched.Opens, sched.LateFrom, sched.Decision, asOf, st.Intent.Confirmed())
	}
	return st, nil
}

// classify is the state of an open renewal from its key dates.
func classify(opens, lateFrom, decision, asOf date.Date, confirmed bool) State {
	switch {
	case asOf.After(decision):
		return Past
	case !asOf.Before(lateFrom) && !confirmed:
		return Late
	case !asOf.Before(opens):
		return InWindow
	}
	return NotStarted
}
