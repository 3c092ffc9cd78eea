package renewal

import (
	"encoding/json"
	"testing"

	"github.com/cskit/cskit/date"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultSteps(t *testing.T) {
	want := []Step{
		{ActivityGoalProgressReview, date.Days(75)},
		{ActivityUsageReview, date.Days(70)},
		{ActivityROIConfirmation, date.Days(60)},
		{ActivityTeamRecheck, date.Days(50)},
		{ActivityDecisionLineMapping, date.Days(45)},
		{ActivityVoCCollection, date.Days(40)},
		{ActivityIntentConfirmation, date.Days(30)},
		{ActivityExpansionExploration, date.Days(21)},
	}
	assert.Equal(t, want, DefaultSteps())
	for _, s := range DefaultSteps() {
		assert.LessOrEqual(t, s.Offset.Days, 84, "%s must fit a three-month window on any date", s.Activity)
	}
}

func TestDefaultPolicy(t *testing.T) {
	want := Policy{
		Window:      date.Months(3),
		Late:        date.Days(14),
		DueSoon:     date.Days(7),
		Steps:       DefaultSteps(),
		BudgetLead:  date.Months(2),
		Checkpoints: []date.Period{date.Days(180), date.Days(120), date.Days(90), date.Days(30)},
	}
	assert.Equal(t, want, DefaultPolicy())
	assert.Equal(t, want.Checkpoints, DefaultCheckpoints())
	require.NoError(t, DefaultPolicy().Validate())
}

// TestDefaultPolicyIsACopy edits the slices DefaultPolicy returns and checks
// that the zero Policy still plans the documented playbook.
func TestDefaultPolicyIsACopy(t *testing.T) {
	p := DefaultPolicy()
	p.Steps[0] = Step{ActivityCaseStudyRequest, date.Days(1)}
	p.Checkpoints[0] = date.Days(1)
	DefaultSteps()[1] = Step{ActivityCaseStudyRequest, date.Days(1)}

	assert.Equal(t, DefaultPolicy().Steps[0], Step{ActivityGoalProgressReview, date.Days(75)})
	assert.Equal(t, DefaultPolicy().Checkpoints[0], date.Days(180))
	s, err := Policy{}.Plan(Contract{ID: "a", Start: rnDay("2026-03-31"), TermMonths: 12}, rnDay("2026-04-01"))
	require.NoError(t, err)
	require.Len(t, s.Items, 8)
	assert.Equal(t, ActivityGoalProgressReview, s.Items[0].Activity)
	assert.Equal(t, ActivityUsageReview, s.Items[1].Activity)
}

func TestPolicyValidate(t *testing.T) {
	tests := []struct {
		name string
		p    Policy
	}{
		{"zero", Policy{}},
		{"default", DefaultPolicy()},
		{"subset", Policy{Steps: []Step{{ActivityIntentConfirmation, date.Days(30)}, {ActivityCaseStudyRequest, date.Days(20)}}}},
		{"no activity at all", Policy{Steps: []Step{}}},
		{"offset on the window's first day, in months", Policy{Steps: []Step{{ActivityGoalProgressReview, date.Months(3)}}}},
		{"84 days fit three months on every date", Policy{Steps: []Step{{ActivityGoalProgressReview, date.Days(84)}}}},
		{"window in days", Policy{Window: date.Days(90), Steps: []Step{{ActivityGoalProgressReview, date.Days(90)}}}},
		{"two months fit 90 days", Policy{Window: date.Days(90), Steps: []Step{{ActivityGoalProgressReview, date.Months(2)}}}},
		{"late as long as the window", Policy{Late: date.Months(3)}},
		{"mixed units part by part", Policy{Window: rnPeriod(1, 2), Late: date.Days(2), Steps: []Step{{ActivityROIConfirmation, rnPeriod(1, 1)}}}},
		{"due on the decision date", Policy{Steps: []Step{{ActivityIntentConfirmation, date.Days(0)}}}},
		{"no checkpoints", Policy{Checkpoints: []date.Period{}}},
		{"fiscal rule off", Policy{IgnoreFiscalYear: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.NoError(t, tt.p.Validate())
		})
	}
}

func TestPolicyValidateErrors(t *testing.T) {
	tests := []struct {
		name string
		p    Policy
		want []error
	}{
		{"unknown activity 0", Policy{Steps: []Step{{0, date.Days(10)}}}, []error{ErrInvalidPolicy, ErrUnknownActivity}},
		{"unknown activity 10", Policy{Steps: []Step{{ActivityCaseStudyRequest + 1, date.Days(10)}}}, []error{ErrInvalidPolicy, ErrUnknownActivity}},
		{"activity twice", Policy{Steps: []Step{{ActivityUsageReview, date.Days(10)}, {ActivityUsageReview, date.Days(20)}}}, []error{ErrInvalidPolicy, ErrDuplicateActivity}},
		{"85 days may not fit three months", Policy{Steps: []Step{{ActivityGoalProgressReview, date.Days(85)}}}, []error{ErrInvalidPolicy, ErrOffsetOutsideWindow}},
		{"four months before a three-month window", Policy{Steps: []Step{{ActivityGoalProgressReview, date.Months(4)}}}, []error{ErrInvalidPolicy, ErrOffsetOutsideWindow}},
		{"91 days before a 90-day window", Policy{Window: date.Days(90), Steps: []Step{{ActivityGoalProgressReview, date.Days(91)}}}, []error{ErrInvalidPolicy, ErrOffsetOutsideWindow}},
		{"three months may not fit 90 days", Policy{Window: date.Days(90), Steps: []Step{{ActivityGoalProgressReview, date.Months(3)}}}, []error{ErrInvalidPolicy, ErrOffsetOutsideWindow}},
		{"default steps do not fit a 30-day window", Policy{Window: date.Days(30)}, []error{ErrInvalidPolicy, ErrOffsetOutsideWindow}},
		{"negative offset", Policy{Steps: []Step{{ActivityGoalProgressReview, date.Days(-1)}}}, []error{ErrInvalidPolicy, ErrOffsetOutsideWindow, date.ErrInvalidPeriod}},
		{"late longer than window", Policy{Late: date.Months(4)}, []error{ErrInvalidPolicy}},
		{"late 91 days in three months", Policy{Late: date.Days(91)}, []error{ErrInvalidPolicy}},
		{"negative window", Policy{Window: date.Days(-90)}, []error{ErrInvalidPolicy, date.ErrInvalidPeriod}},
		{"negative late", Policy{Late: date.Days(-1)}, []error{ErrInvalidPolicy, date.ErrInvalidPeriod}},
		{"negative due-soon", Policy{DueSoon: date.Days(-7)}, []error{ErrInvalidPolicy, date.ErrInvalidPeriod}},
		{"negative budget lead", Policy{BudgetLead: date.Months(-2)}, []error{ErrInvalidPolicy, date.ErrInvalidPeriod}},
		{"negative budget horizon", Policy{BudgetHorizon: date.Months(-6)}, []error{ErrInvalidPolicy, date.ErrInvalidPeriod}},
		{"negative checkpoint", Policy{Checkpoints: []date.Period{date.Days(90), date.Days(-30)}}, []error{ErrInvalidPolicy, date.ErrInvalidPeriod}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			require.Error(t, err)
			for _, w := range tt.want {
				assert.ErrorIs(t, err, w)
			}
			assert.Contains(t, err.Error(), "renewal: invalid policy")

			// Every function that takes the policy refuses it.
			c := Contract{ID: "a", Start: rnDay("2026-03-31"), TermMonths: 12}
			_, err = tt.p.Plan(c, rnDay("2026-04-01"))
			assert.ErrorIs(t, err, ErrInvalidPolicy)
			_, err = tt.p.Status(Renewal{Contract: c}, rnDay("2026-04-01"))
			assert.ErrorIs(t, err, ErrInvalidPolicy)
			_, err = tt.p.Classify(c, rnDay("2026-04-01"))
			assert.ErrorIs(t, err, ErrInvalidPolicy)
		})
	}
}

func TestPolicyEnabled(t *testing.T) {
	for _, a := range Activities() {
		assert.Equal(t, a != ActivityCaseStudyRequest, Policy{}.Enabled(a), "default playbook, %s", a)
		assert.False(t, Policy{Steps: []Step{}}.Enabled(a), "empty playbook, %s", a)
	}
	p := Policy{Steps: []Step{{ActivityIntentConfirmation, date.Days(30)}, {ActivityCaseStudyRequest, date.Days(20)}}}
	assert.True(t, p.Enabled(ActivityIntentConfirmation))
	assert.True(t, p.Enabled(ActivityCaseStudyRequest))
	assert.False(t, p.Enabled(ActivityGoalProgressReview))
	assert.False(t, p.Enabled(0))
}

const defaultPolicyJSON = `{"window":"P3M","late":"P14D","due_soon":"P7D",
	"steps":[
		{"activity":"goal-progress-review","offset":"P75D"},
		{"activity":"usage-review","offset":"P70D"},
		{"activity":"roi-confirmation","offset":"P60D"},
		{"activity":"team-recheck","offset":"P50D"},
		{"activity":"decision-line-mapping","offset":"P45D"},
		{"activity":"voc-collection","offset":"P40D"},
		{"activity":"intent-confirmation","offset":"P30D"},
		{"activity":"expansion-exploration","offset":"P21D"}],
	"budget_lead":"P2M",
	"checkpoints":["P180D","P120D","P90D","P30D"]}`

func TestPolicyJSON(t *testing.T) {
	tests := []struct {
		name string
		p    Policy
		json string
	}{
		{"zero", Policy{}, `{}`},
		{"default", DefaultPolicy(), defaultPolicyJSON},
		{"no activity at all", Policy{Steps: []Step{}}, `{"steps":[]}`},
		{"no checkpoints", Policy{Checkpoints: []date.Period{}}, `{"checkpoints":[]}`},
		{"custom", Policy{Window: date.Days(90), Late: date.Days(21), Steps: []Step{{ActivityIntentConfirmation, date.Days(45)}, {ActivityCaseStudyRequest, date.Days(0)}},
			BudgetLead: date.Months(3), IgnoreFiscalYear: true},
			`{"window":"P90D","late":"P21D","steps":[{"activity":"intent-confirmation","offset":"P45D"},{"activity":"case-study-request","offset":"P0D"}],
			"budget_lead":"P3M","ignore_fiscal_year":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.p)
			require.NoError(t, err)
			assert.JSONEq(t, tt.json, string(b))
			var got Policy
			require.NoError(t, json.Unmarshal(b, &got))
			assert.Equal(t, tt.p, got)
		})
	}
	t.Run("empty steps survive", func(t *testing.T) {
		var p Policy
		require.NoError(t, json.Unmarshal([]byte(`{"steps":[]}`), &p))
		require.NotNil(t, p.Steps)
		s, err := p.Plan(Contract{ID: "a", Start: rnDay("2026-03-31"), TermMonths: 12}, rnDay("2026-04-01"))
		require.NoError(t, err)
		assert.Empty(t, s.Items)
	})
	t.Run("null and missing mean default", func(t *testing.T) {
		var p Policy
		require.NoError(t, json.Unmarshal([]byte(`{"steps":null,"window":""}`), &p))
		assert.Equal(t, Policy{}, p)
	})
}

func TestPolicyJSONErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []error
	}{
		{"unknown activity", `{"steps":[{"activity":"lunch","offset":"P10D"}]}`, []error{ErrUnknownActivity}},
		{"missing activity", `{"steps":[{"offset":"P10D"}]}`, []error{ErrInvalidPolicy, ErrUnknownActivity}},
		{"activity twice", `{"steps":[{"activity":"usage-review","offset":"P10D"},{"activity":"usage-review","offset":"P20D"}]}`, []error{ErrInvalidPolicy, ErrDuplicateActivity}},
		{"offset outside the window", `{"window":"P90D","steps":[{"activity":"roi-confirmation","offset":"P3M"}]}`, []error{ErrInvalidPolicy, ErrOffsetOutsideWindow}},
		{"default steps outside a short window", `{"window":"P1M"}`, []error{ErrInvalidPolicy, ErrOffsetOutsideWindow}},
		{"late longer than the window", `{"late":"P1Y"}`, []error{ErrInvalidPolicy}},
		{"period in words", `{"window":"3 months"}`, []error{date.ErrInvalidPeriod}},
		{"negative period", `{"late":"P-14D"}`, []error{date.ErrInvalidPeriod}},
		{"period with a time", `{"due_soon":"PT12H"}`, []error{date.ErrInvalidPeriod}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Policy{IgnoreFiscalYear: true}
			err := json.Unmarshal([]byte(tt.in), &p)
			require.Error(t, err)
			for _, w := range tt.want {
				assert.ErrorIs(t, err, w)
			}
			assert.Equal(t, Policy{IgnoreFiscalYear: true}, p, "a failed decode leaves the value alone")
		})
	}
	t.Run("syntax", func(t *testing.T) {
		var p Policy
		err := json.Unmarshal([]byte(`{"ignore_fiscal_year":"yes"}`), &p)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "renewal: decoding policy")
	})
}
