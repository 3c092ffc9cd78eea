package renewal

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestActivityNames(t *testing.T) {
	tests := []struct {
		a         Activity
		name      string
		valueCase bool
	}{
		{GoalProgressReview, "goal-progress-review", true},
		{UsageReview, "usage-review", true},
		{ROIConfirmation, "roi-confirmation", true},
		{TeamRecheck, "team-recheck", false},
		{DecisionLineMapping, "decision-line-mapping", false},
		{VoCCollection, "voc-collection", false},
		{IntentConfirmation, "intent-confirmation", false},
		{ExpansionExploration, "expansion-exploration", false},
		{CaseStudyRequest, "case-study-request", false},
	}
	require.Len(t, tests, NumActivities)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, Activity(i+1), tt.a, "checklist order")
			assert.True(t, tt.a.Valid())
			assert.Equal(t, tt.name, tt.a.String())
			assert.Equal(t, tt.valueCase, tt.a.ValueCase())

			b, err := tt.a.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tt.name, string(b))

			var got Activity
			require.NoError(t, got.UnmarshalText(b))
			assert.Equal(t, tt.a, got)

			parsed, err := ParseActivity(tt.name)
			require.NoError(t, err)
			assert.Equal(t, tt.a, parsed)
		})
	}
}

func TestActivities(t *testing.T) {
	all := Activities()
	assert.Equal(t, []Activity{GoalProgressReview, UsageReview, ROIConfirmation, TeamRecheck,
		DecisionLineMapping, VoCCollection, IntentConfirmation, ExpansionExploration, CaseStudyRequest}, all)
	all[0] = 0
	assert.Equal(t, GoalProgressReview, Activities()[0], "each call returns a new slice")
}

func TestActivityInvalid(t *testing.T) {
	tests := []struct {
		a    Activity
		text string
	}{
		{0, "%!Activity(0)"},
		{CaseStudyRequest + 1, "%!Activity(10)"},
		{255, "%!Activity(255)"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			assert.False(t, tt.a.Valid())
			assert.False(t, tt.a.ValueCase())
			assert.Equal(t, tt.text, tt.a.String())
			_, err := tt.a.MarshalText()
			assert.ErrorIs(t, err, ErrUnknownActivity)
		})
	}
	t.Run("zero value", func(t *testing.T) {
		var a Activity
		assert.False(t, a.Valid())
	})
}

func TestParseActivityErrors(t *testing.T) {
	for _, s := range []string{"", "usage", "Usage-Review", "usage-review ", "%!Activity(0)", "roi"} {
		t.Run(s, func(t *testing.T) {
			a, err := ParseActivity(s)
			require.ErrorIs(t, err, ErrUnknownActivity)
			assert.Contains(t, err.Error(), "renewal: unknown activity")
			assert.Zero(t, a)

			got := UsageReview
			require.ErrorIs(t, got.UnmarshalText([]byte(s)), ErrUnknownActivity)
			assert.Equal(t, UsageReview, got, "a failed decode leaves the value alone")
		})
	}
}

func TestActivityJSON(t *testing.T) {
	b, err := json.Marshal(map[string]Activity{"a": ROIConfirmation})
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":"roi-confirmation"}`, string(b))

	_, err = json.Marshal(Activity(0))
	assert.ErrorIs(t, err, ErrUnknownActivity)

	var a Activity
	require.NoError(t, json.Unmarshal([]byte(`"voc-collection"`), &a))
	assert.Equal(t, VoCCollection, a)
	assert.ErrorIs(t, json.Unmarshal([]byte(`"nine"`), &a), ErrUnknownActivity)
}
