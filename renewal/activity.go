package renewal

import "fmt"

// Activity is one item of the renewal checklist: a contact the CSM makes with
// the customer before the contract renews. The zero Activity is invalid.
type Activity uint8

// The eight activities of Yamada's lecture, in its order [Yamada], and the
// optional case-study interview request [ours].
const (
	// GoalProgressReview checks that the customer still pursues the goal it
	// bought the product for: a project whose purpose has vanished is
	// stopped at once.
	GoalProgressReview Activity = iota + 1
	// UsageReview reports usage back to the customer against the industry
	// average, with advice on how to improve (a mock-exam style sheet).
	UsageReview
	// ROIConfirmation derives the return on investment and communicates it.
	ROIConfirmation
	// TeamRecheck re-checks and rebuilds the customer's admin and champion
	// set-up, which tends to fall apart after about a year.
	TeamRecheck
	// DecisionLineMapping re-learns who approves the renewal and which
	// departments are stakeholders.
	DecisionLineMapping
	// VoCCollection gathers the customer's feedback.
	VoCCollection
	// IntentConfirmation explicitly asks whether the customer will renew: the
	// reason the whole process exists.
	IntentConfirmation
	// ExpansionExploration looks for expansion opportunities.
	ExpansionExploration
	// CaseStudyRequest asks the customer for a case-study interview. It is
	// not in Yamada's lecture; it comes from the Scalebase renewal KPIs
	// [SuccessHub/Scalebase webinar] and is offered as an optional ninth
	// activity, off in the default playbook [ours].
	CaseStudyRequest
)

// NumActivities is the number of valid activities; they run from 1 to
// NumActivities.
const NumActivities = int(CaseStudyRequest)

func (a Activity) name() string {
	switch a {
	case GoalProgressReview:
		return "goal-progress-review"
	case UsageReview:
		return "usage-review"
	case ROIConfirmation:
		return "roi-confirmation"
	case TeamRecheck:
		return "team-recheck"
	case DecisionLineMapping:
		return "decision-line-mapping"
	case VoCCollection:
		return "voc-collection"
	case IntentConfirmation:
		return "intent-confirmation"
	case ExpansionExploration:
		return "expansion-exploration"
	case CaseStudyRequest:
		return "case-study-request"
	}
	return ""
}

// Activities returns every valid activity in checklist order.
func Activities() []Activity {
	out := make([]Activity, NumActivities)
	for i := range out {
		out[i] = Activity(i + 1)
	}
	return out
}

// Valid reports whether a is one of the declared activities.
func (a Activity) Valid() bool { return a >= GoalProgressReview && a <= CaseStudyRequest }

// String returns the activity's kebab-case name ("usage-review"), or
// "%!Activity(n)" for an invalid value.
func (a Activity) String() string {
	if !a.Valid() {
		return fmt.Sprintf("%%!Activity(%d)", uint8(a))
	}
	return a.name()
}

// ValueCase reports whether a belongs to the value case a customer needs
// before it budgets for the renewal: goal progress, usage review and ROI.
func (a Activity) ValueCase() bool {
	return a == GoalProgressReview || a == UsageReview || a == ROIConfirmation
}

// MarshalText encodes the activity's name; it returns [ErrUnknownActivity]
// for an invalid value.
func (a Activity) MarshalText() ([]byte, error) {
	if !a.Valid() {
		return nil, fmt.Errorf("%w: %d", ErrUnknownActivity, uint8(a))
	}
	return []byte(a.name()), nil
}

// UnmarshalText decodes an activity name; it returns [ErrUnknownActivity]
// for any other text.
func (a *Activity) UnmarshalText(b []byte) error {
	v, err := ParseActivity(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// ParseActivity returns the activity with the given name.
//
// ParseActivity returns an error wrapping [ErrUnknownActivity] if s names no
// activity.
func ParseActivity(s string) (Activity, error) {
	for a := GoalProgressReview; a <= CaseStudyRequest; a++ {
		if a.name() == s {
			return a, nil
		}
	}
	return 0, fmt.Errorf("%w: %q", ErrUnknownActivity, s)
}
