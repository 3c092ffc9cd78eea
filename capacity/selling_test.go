package capacity

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func allYes() SellingInput {
	y := Factor{Answer: AnswerYes}
	return SellingInput{Competition: y, SwitchingCost: y, DecisionFlow: y, Pricing: y, LeadTime: y}
}

func TestRecommend(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*SellingInput)
		sell    bool
		failing []Condition
		advice  string
	}{
		{"all hold", func(*SellingInput) {}, true, []Condition{},
			"CSMs can carry renewal and upsell selling: all five conditions hold."},
		{"roughly is enough", func(in *SellingInput) { in.DecisionFlow.Answer = AnswerRoughly; in.LeadTime.Answer = AnswerRoughly }, true, []Condition{},
			"CSMs can carry renewal and upsell selling: all five conditions hold (admin-decides, light-preparation roughly)."},
		{"product-led growth in place of rare negotiation", func(in *SellingInput) { in.Pricing.Answer = AnswerNo; in.ProductLedGrowth = true }, true, []Condition{},
			"CSMs can carry renewal and upsell selling: all five conditions hold."},
		{"frequent negotiation", func(in *SellingInput) { in.Pricing.Answer = AnswerNo }, false, []Condition{ConditionRareNegotiation},
			"Keep renewal and upsell selling with sales specialists: rare-negotiation does not hold. Do not make CSMs carry selling to cut headcount; change the set-up once the conditions hold."},
		{"matching service used side by side", func(in *SellingInput) { in.Competition.Answer = AnswerNo; in.SwitchingCost.Answer = AnswerNo }, false,
			[]Condition{ConditionHighSwitchingCost, ConditionNoSideBySide},
			"Keep renewal and upsell selling with sales specialists: high-switching-cost, no-side-by-side do not hold. Do not make CSMs carry selling to cut headcount; change the set-up once the conditions hold."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := allYes()
			tc.edit(&in)
			r, err := in.Recommend()
			require.NoError(t, err)
			assert.Equal(t, tc.sell, r.CSMsSell)
			assert.Equal(t, tc.failing, r.Failing)
			assert.Equal(t, tc.advice, r.Advice)
			require.Len(t, r.Checks, 5)
			assert.Equal(t, ConditionHighSwitchingCost, r.Checks[0].Condition, "the seed's order")
			assert.Equal(t, ConditionLightPreparation, r.Checks[4].Condition)
		})
	}
	in := allYes()
	in.Pricing = Factor{Notes: "annual contracts with volume discounts", Answer: AnswerNo}
	in.ProductLedGrowth = true
	r, err := in.Recommend()
	require.NoError(t, err)
	assert.Equal(t, ConditionCheck{Condition: ConditionRareNegotiation, Answer: AnswerNo, Holds: true,
		Notes: "annual contracts with volume discounts",
		Why:   "negotiations are not rare, but product-led growth is built in, which stands in for them"}, r.Checks[3])
}

func TestRecommendErrors(t *testing.T) {
	in := allYes()
	in.LeadTime.Answer = 0
	_, err := in.Recommend()
	require.ErrorIs(t, err, ErrUnknownAnswer)
	assert.Equal(t, "capacity: lead_time.answer: unknown answer: condition light-preparation not answered", err.Error())
	in.LeadTime.Answer = 9
	_, err = in.Recommend()
	require.ErrorIs(t, err, ErrUnknownAnswer)

	var v SellingInput
	err = json.Unmarshal([]byte(`{"competition":{"answer":"yes"},"switching_cost":{"answer":"yes"},"decision_flow":{"answer":"maybe"},"pricing":{"answer":"no"},"lead_time":{"answer":"yes"}}`), &v)
	require.ErrorIs(t, err, ErrInvalidRecord)
	require.ErrorIs(t, err, ErrUnknownAnswer)
	err = json.Unmarshal([]byte(`{"competition":{"answer":"yes"},"switching_cost":{"answer":"yes"},"decision_flow":{"answer":"yes"},"pricing":{"answer":"no"},"lead_time":{"answer":"yes"},"plg":true}`), &v)
	require.ErrorIs(t, err, ErrInvalidRecord)
	require.NoError(t, json.Unmarshal([]byte(`{"competition":{"answer":"yes"},"switching_cost":{"answer":"roughly"},"decision_flow":{"answer":"yes"},"pricing":{"answer":"no","notes":"monthly discounts"},"product_led_growth":true,"lead_time":{"answer":"yes"}}`), &v))
	r, err := v.Recommend()
	require.NoError(t, err)
	assert.True(t, r.CSMsSell)
	enc, err := json.Marshal(r)
	require.NoError(t, err)
	var back Recommendation
	require.NoError(t, json.Unmarshal(enc, &back))
	assert.Equal(t, r, back)
}
