package renewal

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// textEnum is what every enum of the package implements.
type textEnum interface {
	~uint8
	String() string
	Valid() bool
	MarshalText() ([]byte, error)
}

// checkEnum checks one enum against its names written out by hand: value i
// is called names[i], encodes to it and decodes from it; "" is the zero
// value, which is valid only when it has a name; the first value past the
// table prints as "%!Kind(n)", is invalid and does not encode; unknown text
// is refused with the sentinel and leaves the value unchanged.
func checkEnum[E textEnum, P interface {
	*E
	UnmarshalText([]byte) error
}](t *testing.T, kind string, sentinel error, names ...string) {
	t.Run(kind, func(t *testing.T) {
		for i, name := range names {
			v := E(i)
			assert.Equal(t, name != "", v.Valid(), "%s(%d).Valid", kind, i)
			assert.Equal(t, name, v.String())
			b, err := v.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, name, string(b))
			back := E(len(names) - 1)
			require.NoError(t, P(&back).UnmarshalText([]byte(name)))
			assert.Equal(t, v, back)
		}
		past := E(len(names))
		assert.False(t, past.Valid())
		assert.Equal(t, "%!"+kind+"("+strconv.Itoa(len(names))+")", past.String())
		_, err := past.MarshalText()
		assert.ErrorIs(t, err, sentinel)

		v := E(1)
		err = P(&v).UnmarshalText([]byte("no-such-name"))
		assert.ErrorIs(t, err, sentinel)
		assert.Equal(t, E(1), v, "a refused name leaves the value")
		assert.Contains(t, err.Error(), `"no-such-name"`)
	})
}

func TestEnums(t *testing.T) {
	checkEnum[Activity](t, "Activity", ErrUnknownActivity, "", "goal-progress-review", "usage-review",
		"roi-confirmation", "team-recheck", "decision-line-mapping", "voc-collection", "intent-confirmation",
		"expansion-exploration", "case-study-request")
	checkEnum[Intent](t, "Intent", ErrUnknownIntent, "unknown", "undecided", "renew", "cancel")
	checkEnum[Result](t, "Result", ErrUnknownResult, "open", "renewed", "churned")
	checkEnum[Category](t, "Category", ErrUnknownCategory, "", "pipeline", "best-case", "commit", "omitted", "closed")
	checkEnum[Booking](t, "Booking", ErrUnknownBooking, "", "renewal", "upsell", "downsell", "churn")
	checkEnum[State](t, "State", ErrUnknownState, "", "not-started", "in-window", "late", "past", "renewed", "churned")
	checkEnum[ItemState](t, "ItemState", ErrUnknownState, "", "not-open", "open", "due-soon", "overdue", "done")
	checkEnum[CheckpointState](t, "CheckpointState", ErrUnknownState, "", "upcoming", "call-due", "call-recorded", "call-missed")
	checkEnum[ChurnBase](t, "ChurnBase", ErrUnknownChurnBase, "renewable-arr", "starting-arr")
}

func TestActivities(t *testing.T) {
	all := Activities()
	assert.Equal(t, []Activity{ActivityGoalProgressReview, ActivityUsageReview, ActivityROIConfirmation, ActivityTeamRecheck,
		ActivityDecisionLineMapping, ActivityVoCCollection, ActivityIntentConfirmation, ActivityExpansionExploration,
		ActivityCaseStudyRequest}, all)
	for _, a := range all {
		want := a == ActivityGoalProgressReview || a == ActivityUsageReview || a == ActivityROIConfirmation
		assert.Equal(t, want, a.ValueCase(), a.String())
	}
}

// TestZeroValuesEncode encodes the zero value of every exported type: each
// zero enum in it encodes as its name or "".
func TestZeroValuesEncode(t *testing.T) {
	for _, v := range []any{Status{}, Schedule{}, Item{}, Step{}, ItemStatus{}, CheckpointStatus{}, Tally{},
		StateTotal{}, KPIs{}, Ratio{}, AmountRatio{}, Forecast{}, Bucket{}, Totals{}, Renewal{}, Contract{},
		Completion{}, Call{}, Outcome{}, Policy{}, DateRange{}} {
		_, err := json.Marshal(v)
		assert.NoError(t, err, "%T", v)
	}
}
