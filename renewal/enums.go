package renewal

import "github.com/cskit/cskit/internal/enum"

// Every enum of this package is a uint8 with prefixed constants and one
// table of names. String, Valid, MarshalText and UnmarshalText work alike
// for all: an undeclared value's String is "%!Kind(n)", it is not Valid and
// it does not encode; unknown text does not decode and leaves the value
// unchanged. Where the zero value is not a valid input its name is "", so a
// zero result still encodes (as "") and decodes back.

// Activity is one item of the renewal checklist: a contact the CSM makes with
// the customer before the contract renews. The zero Activity is invalid.
type Activity uint8

// The eight activities of the lecture of seed 000, in its order, and the
// optional case-study interview request [ours].
const (
	// ActivityGoalProgressReview checks that the customer still pursues the
	// goal it bought the product for: a project whose purpose has vanished
	// is stopped at once.
	ActivityGoalProgressReview Activity = iota + 1
	// ActivityUsageReview reports usage back to the customer against the
	// industry average, with advice on how to improve (a mock-exam style
	// sheet).
	ActivityUsageReview
	// ActivityROIConfirmation derives the return on investment and
	// communicates it.
	ActivityROIConfirmation
	// ActivityTeamRecheck re-checks and rebuilds the customer's admin and
	// champion set-up, which tends to fall apart after about a year.
	ActivityTeamRecheck
	// ActivityDecisionLineMapping re-learns who approves the renewal and
	// which departments are stakeholders.
	ActivityDecisionLineMapping
	// ActivityVoCCollection gathers the customer's feedback.
	ActivityVoCCollection
	// ActivityIntentConfirmation explicitly asks whether the customer will
	// renew: the reason the whole process exists.
	ActivityIntentConfirmation
	// ActivityExpansionExploration looks for expansion opportunities.
	ActivityExpansionExploration
	// ActivityCaseStudyRequest asks the customer for a case-study interview.
	// It is not in the lecture of seed 000; it comes from the Scalebase renewal
	// KPIs [seed 003] and is an optional ninth activity, off in the default
	// playbook [ours].
	ActivityCaseStudyRequest
)

var activityNames = [...]string{"", "goal-progress-review", "usage-review", "roi-confirmation",
	"team-recheck", "decision-line-mapping", "voc-collection", "intent-confirmation",
	"expansion-exploration", "case-study-request"}

// numActivities is the number of declared activities, 1..numActivities.
const numActivities = len(activityNames) - 1

// Activities returns every activity in checklist order.
func Activities() []Activity {
	out := make([]Activity, numActivities)
	for i := range out {
		out[i] = Activity(i + 1)
	}
	return out
}

// ValueCase reports whether a belongs to the value case a customer needs
// before it budgets for the renewal: goal progress, usage review and ROI.
func (a Activity) ValueCase() bool {
	return a == ActivityGoalProgressReview || a == ActivityUsageReview || a == ActivityROIConfirmation
}

// String returns the activity's name ("usage-review").
func (a Activity) String() string { return enum.String("Activity", uint8(a), activityNames[:]) }

// Valid reports whether a is a declared activity.
func (a Activity) Valid() bool { return enum.Valid(uint8(a), activityNames[:]) }

// MarshalText encodes the activity's name; an undeclared value is an error
// wrapping [ErrUnknownActivity].
func (a Activity) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(a), activityNames[:], ErrUnknownActivity)
}

// UnmarshalText decodes an activity's name; other text is an error wrapping
// [ErrUnknownActivity].
func (a *Activity) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(a), b, activityNames[:], ErrUnknownActivity)
}

// Intent is what the customer answered when asked whether it will renew.
// The zero value, IntentUnknown, means nobody has an answer yet.
type Intent uint8

// The answers to the renewal-intent question.
const (
	// IntentUnknown: not asked, or no answer recorded.
	IntentUnknown Intent = iota
	// IntentUndecided: asked, and the customer has not decided.
	IntentUndecided
	// IntentRenew: the customer confirmed it will renew.
	IntentRenew
	// IntentCancel: the customer said it will not renew.
	IntentCancel
)

var intentNames = [...]string{"unknown", "undecided", "renew", "cancel"}

// Confirmed reports whether the answer is a firm one (renew or cancel).
func (i Intent) Confirmed() bool { return i == IntentRenew || i == IntentCancel }

// String returns the intent's name ("renew").
func (i Intent) String() string { return enum.String("Intent", uint8(i), intentNames[:]) }

// Valid reports whether i is a declared intent.
func (i Intent) Valid() bool { return enum.Valid(uint8(i), intentNames[:]) }

// MarshalText encodes the intent's name.
func (i Intent) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(i), intentNames[:], ErrUnknownIntent)
}

// UnmarshalText decodes an intent's name; "" is IntentUnknown.
func (i *Intent) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(i), b, intentNames[:], ErrUnknownIntent)
}

// Result is how a renewal ended. The zero value, ResultOpen, means it has
// not.
type Result uint8

// The results of a renewal.
const (
	// ResultOpen: the renewal has not been decided yet.
	ResultOpen Result = iota
	// ResultRenewed: the customer renewed (at any amount above zero).
	ResultRenewed
	// ResultChurned: the customer did not renew.
	ResultChurned
)

var resultNames = [...]string{"open", "renewed", "churned"}

// String returns the result's name ("renewed").
func (r Result) String() string { return enum.String("Result", uint8(r), resultNames[:]) }

// Valid reports whether r is a declared result.
func (r Result) Valid() bool { return enum.Valid(uint8(r), resultNames[:]) }

// MarshalText encodes the result's name.
func (r Result) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(r), resultNames[:], ErrUnknownResult)
}

// UnmarshalText decodes a result's name; "" is ResultOpen.
func (r *Result) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(r), b, resultNames[:], ErrUnknownResult)
}

// Category is the CSM's forecast category for a renewal, as CRMs name them
// [CS platforms]. The zero value is invalid.
type Category uint8

// Forecast categories, from least to most certain, then closed.
const (
	// CategoryPipeline: early, no commitment yet.
	CategoryPipeline Category = iota + 1
	// CategoryBestCase: could renew at the called amount if things go well.
	CategoryBestCase
	// CategoryCommit: the CSM commits to the called amount.
	CategoryCommit
	// CategoryOmitted: left out of the forecast (expected to be lost, or
	// not forecast for another reason).
	CategoryOmitted
	// CategoryClosed: decided; the outcome holds the final amount.
	CategoryClosed
)

var categoryNames = [...]string{"", "pipeline", "best-case", "commit", "omitted", "closed"}

// String returns the category's name ("best-case").
func (c Category) String() string { return enum.String("Category", uint8(c), categoryNames[:]) }

// Valid reports whether c is a declared category.
func (c Category) Valid() bool { return enum.Valid(uint8(c), categoryNames[:]) }

// MarshalText encodes the category's name.
func (c Category) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(c), categoryNames[:], ErrUnknownCategory)
}

// UnmarshalText decodes a category's name.
func (c *Category) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(c), b, categoryNames[:], ErrUnknownCategory)
}

// Booking classes a closed renewal by its final amount against its target
// [CS platforms]. The zero value is the booking of a renewal still open.
type Booking uint8

// Booking types.
const (
	// BookingRenewal: renewed at the target amount.
	BookingRenewal Booking = iota + 1
	// BookingUpsell: renewed above the target amount.
	BookingUpsell
	// BookingDownsell: renewed below the target amount, above zero.
	BookingDownsell
	// BookingChurn: churned; the final amount is zero.
	BookingChurn
)

var bookingNames = [...]string{"", "renewal", "upsell", "downsell", "churn"}

// String returns the booking's name ("upsell").
func (b Booking) String() string { return enum.String("Booking", uint8(b), bookingNames[:]) }

// Valid reports whether b is a declared booking.
func (b Booking) Valid() bool { return enum.Valid(uint8(b), bookingNames[:]) }

// MarshalText encodes the booking's name.
func (b Booking) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(b), bookingNames[:], ErrUnknownBooking)
}

// UnmarshalText decodes a booking's name.
func (b *Booking) UnmarshalText(t []byte) error {
	return enum.Unmarshal((*uint8)(b), t, bookingNames[:], ErrUnknownBooking)
}

// State is where a contract's renewal stands as of a date. The zero value
// is invalid.
type State uint8

// Renewal states.
const (
	// StateNotStarted: the renewal window has not opened.
	StateNotStarted State = iota + 1
	// StateInWindow: the window is open and the renewal is not late.
	StateInWindow
	// StateLate: from the late threshold to the decision date, with the
	// customer's intent unconfirmed.
	StateLate
	// StatePast: the decision date has passed and no outcome is recorded.
	StatePast
	// StateRenewed: the renewal closed as renewed.
	StateRenewed
	// StateChurned: the renewal closed as churned.
	StateChurned
)

var stateNames = [...]string{"", "not-started", "in-window", "late", "past", "renewed", "churned"}

// String returns the state's name ("in-window").
func (s State) String() string { return enum.String("State", uint8(s), stateNames[:]) }

// Valid reports whether s is a declared state.
func (s State) Valid() bool { return enum.Valid(uint8(s), stateNames[:]) }

// MarshalText encodes the state's name.
func (s State) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(s), stateNames[:], ErrUnknownState)
}

// UnmarshalText decodes a state's name.
func (s *State) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(s), b, stateNames[:], ErrUnknownState)
}

// ItemState is where one planned activity stands as of a date. The zero
// value is invalid.
type ItemState uint8

// Activity states.
const (
	// ItemNotOpen: the activity's window has not opened yet.
	ItemNotOpen ItemState = iota + 1
	// ItemOpen: open, due later than the due-soon period.
	ItemOpen
	// ItemDueSoon: open and due within the policy's DueSoon period.
	ItemDueSoon
	// ItemOverdue: the due date has passed and the activity is not done.
	ItemOverdue
	// ItemDone: a completion is recorded.
	ItemDone
)

var itemStateNames = [...]string{"", "not-open", "open", "due-soon", "overdue", "done"}

// String returns the state's name ("due-soon").
func (s ItemState) String() string { return enum.String("ItemState", uint8(s), itemStateNames[:]) }

// Valid reports whether s is a declared state.
func (s ItemState) Valid() bool { return enum.Valid(uint8(s), itemStateNames[:]) }

// MarshalText encodes the state's name.
func (s ItemState) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(s), itemStateNames[:], ErrUnknownState)
}

// UnmarshalText decodes a state's name.
func (s *ItemState) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(s), b, itemStateNames[:], ErrUnknownState)
}

// CheckpointState is where a forecast checkpoint stands as of a date. The
// zero value is invalid.
type CheckpointState uint8

// Checkpoint states.
const (
	// CheckpointUpcoming: the checkpoint day has not come.
	CheckpointUpcoming CheckpointState = iota + 1
	// CheckpointCallDue: the checkpoint has come and no call is recorded
	// for it yet.
	CheckpointCallDue
	// CheckpointCallRecorded: a call is recorded for the checkpoint.
	CheckpointCallRecorded
	// CheckpointCallMissed: the next checkpoint came, or for the last one
	// the renewal date passed, with no call recorded for this one.
	CheckpointCallMissed
)

var checkpointStateNames = [...]string{"", "upcoming", "call-due", "call-recorded", "call-missed"}

// String returns the state's name ("call-missed").
func (s CheckpointState) String() string {
	return enum.String("CheckpointState", uint8(s), checkpointStateNames[:])
}

// Valid reports whether s is a declared state.
func (s CheckpointState) Valid() bool { return enum.Valid(uint8(s), checkpointStateNames[:]) }

// MarshalText encodes the state's name.
func (s CheckpointState) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(s), checkpointStateNames[:], ErrUnknownState)
}

// UnmarshalText decodes a state's name.
func (s *CheckpointState) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(s), b, checkpointStateNames[:], ErrUnknownState)
}

// ChurnBase is the denominator of the gross renewal rate by ARR. CS tools
// disagree on it [CS platforms], so it is a parameter. Its zero value,
// ChurnBaseRenewableARR, is a valid base on purpose (as the zero slog.Level
// is Info): it can be computed from the renewable contracts alone.
type ChurnBase uint8

// The churn denominators.
const (
	// ChurnBaseRenewableARR divides by the target amount of every renewal
	// in the range, the ARR up for renewal. The default [ours].
	ChurnBaseRenewableARR ChurnBase = iota
	// ChurnBaseStartingARR divides by the ARR of every contract of the book
	// active when the range opens, renewable in it or not.
	ChurnBaseStartingARR
)

var churnBaseNames = [...]string{"renewable-arr", "starting-arr"}

// String returns the base's name ("starting-arr").
func (b ChurnBase) String() string { return enum.String("ChurnBase", uint8(b), churnBaseNames[:]) }

// Valid reports whether b is a declared base.
func (b ChurnBase) Valid() bool { return enum.Valid(uint8(b), churnBaseNames[:]) }

// MarshalText encodes the base's name.
func (b ChurnBase) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(b), churnBaseNames[:], ErrUnknownChurnBase)
}

// UnmarshalText decodes a base's name; "" is ChurnBaseRenewableARR.
func (b *ChurnBase) UnmarshalText(t []byte) error {
	return enum.Unmarshal((*uint8)(b), t, churnBaseNames[:], ErrUnknownChurnBase)
}
