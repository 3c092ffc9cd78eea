package capacity

import (
	"fmt"
	"strings"

	"github.com/cskit/cskit/internal/jsonstrict"
)

// Factor is what a team knows of one of seed 004's five factors, and its
// answer to the condition that factor decides.
type Factor struct {
	// Notes is what the team knows of the factor, in its own words.
	Notes string `json:"notes,omitempty"`
	// Answer is whether the factor's condition holds; required.
	Answer Answer `json:"answer"`
}

// SellingInput is a product's standing on the five factors seed 004 says
// decide whether CSMs should also carry the sales role, renewals and
// upsell included. Each factor decides one condition:
//
//	factor                                      condition
//	1. competition after adoption               no same-kind services used side by side
//	2. implementation and switching cost        switching is structurally costly
//	3. the customer's decision flow             the product's admin can decide the contract
//	4. price level and structure                contract negotiations are rare
//	   (term, prepaid or postpaid, billing
//	   unit, discounts as incentives)
//	5. lead time and tasks before the start     little preparation before the contract starts
type SellingInput struct {
	Competition   Factor `json:"competition"`    // 1. competition after adoption
	SwitchingCost Factor `json:"switching_cost"` // 2. implementation and switching cost
	DecisionFlow  Factor `json:"decision_flow"`  // 3. who uses, who decides
	Pricing       Factor `json:"pricing"`        // 4. price level and structure
	// ProductLedGrowth says product-led growth is built in: the seed
	// accepts it in place of rare negotiations.
	ProductLedGrowth bool   `json:"product_led_growth,omitempty"`
	LeadTime         Factor `json:"lead_time"` // 5. lead time and tasks before the start
}

// factors returns the input's factors in the order of the conditions they
// decide (the seed's order of conditions), with each factor's name.
func (in *SellingInput) factors() [5]struct {
	c    Condition
	name string
	f    Factor
} {
	return [5]struct {
		c    Condition
		name string
		f    Factor
	}{
		{ConditionHighSwitchingCost, "switching_cost", in.SwitchingCost},
		{ConditionNoSideBySide, "competition", in.Competition},
		{ConditionAdminDecides, "decision_flow", in.DecisionFlow},
		{ConditionRareNegotiation, "pricing", in.Pricing},
		{ConditionLightPreparation, "lead_time", in.LeadTime},
	}
}

// Validate returns an error wrapping [ErrUnknownAnswer] if a factor's
// answer is missing or not a declared answer: the recommendation needs all
// five.
func (in SellingInput) Validate() error {
	for _, f := range in.factors() {
		if !f.f.Answer.Valid() {
			if f.f.Answer == 0 {
				return fieldErr("", f.name+".answer", fmt.Errorf("%w: condition %s not answered", ErrUnknownAnswer, f.c))
			}
			return fieldErr("", f.name+".answer", fmt.Errorf("%w %d", ErrUnknownAnswer, f.f.Answer))
		}
	}
	return nil
}

// UnmarshalJSON decodes the input strictly and validates it; errors wrap
// [ErrInvalidRecord] and in is left alone.
func (in *SellingInput) UnmarshalJSON(b []byte) error {
	type plain SellingInput
	var v plain
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidRecord, "selling input", err)
	}
	if err := SellingInput(v).Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "selling input", err)
	}
	*in = SellingInput(v)
	return nil
}

// ConditionCheck is one condition, its answer and what it means.
type ConditionCheck struct {
	Condition Condition `json:"condition"` // the condition checked
	Answer    Answer    `json:"answer"`    // the team's answer
	// Holds is whether the condition counts as met: yes or roughly, or,
	// for rare negotiation, product-led growth in its place.
	Holds bool   `json:"holds"`
	Notes string `json:"notes,omitempty"` // the team's notes on its factor
	Why   string `json:"why"`             // the condition in words
}

// Recommendation says whether CSMs should carry renewal and upsell
// selling, with its reasons.
type Recommendation struct {
	// CSMsSell is true when every condition roughly holds.
	CSMsSell bool `json:"csms_sell"`
	// Checks are the five conditions in the seed's order.
	Checks []ConditionCheck `json:"checks"`
	// Failing are the conditions that do not hold.
	Failing []Condition `json:"failing"`
	// Advice is the recommendation in words.
	Advice string `json:"advice"`
}

var conditionText = [...]string{
	ConditionHighSwitchingCost: "switching is structurally costly once adopted",
	ConditionNoSideBySide:      "no same-kind services are used side by side in one company",
	ConditionAdminDecides:      "the product's admin can decide the contract",
	ConditionRareNegotiation:   "contract negotiations are rare",
	ConditionLightPreparation:  "little preparation is needed before the contract starts",
}

// Recommend applies seed 004's rule: CSMs should carry the full sales role,
// renewal and upsell selling included, only when the product roughly meets
// all five conditions (rare negotiation may be replaced by product-led
// growth). Otherwise it names the conditions that fail and advises against
// making CSMs sell in order to cut headcount: change the set-up once the
// conditions hold (「人員削減を目的として無理にCSMに営業面を担わせることは避け」).
//
// Recommend returns an error if in is invalid (see [SellingInput.Validate]).
func (in SellingInput) Recommend() (Recommendation, error) {
	if err := in.Validate(); err != nil {
		return Recommendation{}, err
	}
	r := Recommendation{Failing: []Condition{}}
	var rough []string
	for _, f := range in.factors() {
		c := ConditionCheck{Condition: f.c, Answer: f.f.Answer, Holds: f.f.Answer.Holds(), Notes: f.f.Notes}
		text := conditionText[f.c]
		switch {
		case f.f.Answer == AnswerYes:
			c.Why = text
		case f.f.Answer == AnswerRoughly:
			c.Why = "roughly: " + text
			rough = append(rough, f.c.String())
		case f.c == ConditionRareNegotiation && in.ProductLedGrowth:
			c.Holds = true
			c.Why = "negotiations are not rare, but product-led growth is built in, which stands in for them"
		default:
			c.Why = "not so: " + text
		}
		if !c.Holds {
			r.Failing = append(r.Failing, f.c)
		}
		r.Checks = append(r.Checks, c)
	}
	if len(r.Failing) == 0 {
		r.CSMsSell = true
		r.Advice = "CSMs can carry renewal and upsell selling: all five conditions hold"
		if len(rough) > 0 {
			r.Advice += " (" + strings.Join(rough, ", ") + " roughly)"
		}
		r.Advice += "."
		return r, nil
	}
	names := make([]string, len(r.Failing))
	for i, c := range r.Failing {
		names[i] = c.String()
	}
	verb := "does"
	if len(names) > 1 {
		verb = "do"
	}
	r.Advice = fmt.Sprintf("Keep renewal and upsell selling with sales specialists: %s %s not hold. "+
		"Do not make CSMs carry selling to cut headcount; change the set-up once the conditions hold.",
		strings.Join(names, ", "), verb)
	return r, nil
}
