package capacity

import "github.com/cskit/cskit/internal/enum"

// Touch is how a segment's customers are served: the touch model. The zero
// value is invalid as input and encodes as "".
type Touch uint8

// The touch models [seed 000; CS platforms for low-touch].
const (
	// TouchHigh: a named CSM works closely with each customer.
	TouchHigh Touch = iota + 1
	// TouchLow: a named CSM with scheduled, lighter contact.
	TouchLow
	// TouchTech: served mostly through the product, content and
	// automation, one CSM for many customers.
	TouchTech
)

var touchNames = [...]string{"", "high-touch", "low-touch", "tech-touch"}

// String returns "high-touch", "low-touch" or "tech-touch".
func (t Touch) String() string { return enum.String("Touch", uint8(t), touchNames[:]) }

// Valid reports whether t is one of the declared touch models.
func (t Touch) Valid() bool { return enum.Valid(uint8(t), touchNames[:]) }

// MarshalText encodes the touch model's name; the zero value encodes as "".
func (t Touch) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(t), touchNames[:], ErrUnknownTouch)
}

// UnmarshalText decodes a touch model's name; other text wraps [ErrUnknownTouch].
func (t *Touch) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(t), b, touchNames[:], ErrUnknownTouch)
}

// Phase is the business phase of seed 001: the challenge of a CS team, and
// the ARR a CSM can carry, change as the business grows. The zero value
// means "not stated" and encodes as "".
type Phase uint8

// The business phases [seed 001].
const (
	// PhaseZeroToOne, "0-1": build the onboarding flow; visit customers and
	// learn fast. High-touch with low ARR per CSM [seed 000].
	PhaseZeroToOne Phase = iota + 1
	// PhaseOneToTen, "1-10": make the flow anyone can run, agree roles and
	// deadlines with the customer up front, and do not grow CS headcount all
	// at once.
	PhaseOneToTen
	// PhaseTenToHundred, "10-100": cut the time spent per customer so one
	// CSM runs several customers in parallel; tech-touch raises ARR per CSM
	// [seed 000].
	PhaseTenToHundred
)

var phaseNames = [...]string{"", "0-1", "1-10", "10-100"}

// String returns "0-1", "1-10" or "10-100".
func (p Phase) String() string { return enum.String("Phase", uint8(p), phaseNames[:]) }

// Valid reports whether p is one of the declared phases.
func (p Phase) Valid() bool { return enum.Valid(uint8(p), phaseNames[:]) }

// MarshalText encodes the phase's name; the zero value encodes as "".
func (p Phase) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(p), phaseNames[:], ErrUnknownPhase)
}

// UnmarshalText decodes a phase's name; other text wraps [ErrUnknownPhase].
func (p *Phase) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(p), b, phaseNames[:], ErrUnknownPhase)
}

// Basis is the amount segment rules read: an account's ARR or its ACV. The
// zero value is BasisARR, the default.
type Basis uint8

// The amounts a segment rule may read.
const (
	// BasisARR: annual recurring revenue, the default [ours].
	BasisARR Basis = iota
	// BasisACV: annual contract value, ARR plus one-off fees; the basis of
	// HiCustomer's bands [seed 000].
	BasisACV
)

var basisNames = [...]string{"arr", "acv"}

// String returns "arr" or "acv".
func (b Basis) String() string { return enum.String("Basis", uint8(b), basisNames[:]) }

// Valid reports whether b is one of the declared bases.
func (b Basis) Valid() bool { return enum.Valid(uint8(b), basisNames[:]) }

// MarshalText encodes the basis's name; the zero value is "arr".
func (b Basis) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(b), basisNames[:], ErrUnknownBasis)
}

// UnmarshalText decodes "arr" or "acv" ("" is the default, arr); other text
// wraps [ErrUnknownBasis].
func (b *Basis) UnmarshalText(t []byte) error {
	return enum.Unmarshal((*uint8)(b), t, basisNames[:], ErrUnknownBasis)
}

// Metric is what a benchmark measures per CSM. The zero value is invalid
// as input and encodes as "".
type Metric uint8

// The figures per CSM.
const (
	// MetricARR: ARR per CSM, an amount in the benchmark's currency.
	MetricARR Metric = iota + 1
	// MetricAccounts: accounts per CSM, a count.
	MetricAccounts
)

var metricNames = [...]string{"", "arr-per-csm", "accounts-per-csm"}

// String returns "arr-per-csm" or "accounts-per-csm".
func (m Metric) String() string { return enum.String("Metric", uint8(m), metricNames[:]) }

// Valid reports whether m is one of the declared metrics.
func (m Metric) Valid() bool { return enum.Valid(uint8(m), metricNames[:]) }

// MarshalText encodes the metric's name; the zero value encodes as "".
func (m Metric) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(m), metricNames[:], ErrUnknownMetric)
}

// UnmarshalText decodes a metric's name; other text wraps [ErrUnknownMetric].
func (m *Metric) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(m), b, metricNames[:], ErrUnknownMetric)
}

// Verdict is how a plan's figure compares with a benchmark. The zero value
// encodes as "".
type Verdict uint8

// The verdicts of [Compare].
const (
	// VerdictMeets: the plan carries at least the benchmark's figure per CSM.
	VerdictMeets Verdict = iota + 1
	// VerdictBelow: the plan carries less per CSM than the benchmark.
	VerdictBelow
	// VerdictNotComparable: the benchmark is in another currency; amounts
	// are never converted.
	VerdictNotComparable
	// VerdictNoData: the plan has no CSMs, so it has no figure per CSM.
	VerdictNoData
)

var verdictNames = [...]string{"", "meets", "below", "not-comparable", "no-data"}

// String returns "meets", "below", "not-comparable" or "no-data".
func (v Verdict) String() string { return enum.String("Verdict", uint8(v), verdictNames[:]) }

// Valid reports whether v is one of the declared verdicts.
func (v Verdict) Valid() bool { return enum.Valid(uint8(v), verdictNames[:]) }

// MarshalText encodes the verdict's name; the zero value encodes as "".
func (v Verdict) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(v), verdictNames[:], ErrUnknownVerdict)
}

// UnmarshalText decodes a verdict's name; other text wraps [ErrUnknownVerdict].
func (v *Verdict) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(v), b, verdictNames[:], ErrUnknownVerdict)
}

// Answer is a team's answer to one of seed 004's conditions. The zero value
// means "not answered": invalid as input, it encodes as "".
type Answer uint8

// The answers.
const (
	// AnswerYes: the condition holds.
	AnswerYes Answer = iota + 1
	// AnswerRoughly: the condition roughly holds (「概ね」, seed 004), which
	// is enough.
	AnswerRoughly
	// AnswerNo: the condition does not hold.
	AnswerNo
)

var answerNames = [...]string{"", "yes", "roughly", "no"}

// String returns "yes", "roughly" or "no".
func (a Answer) String() string { return enum.String("Answer", uint8(a), answerNames[:]) }

// Valid reports whether a is one of the declared answers.
func (a Answer) Valid() bool { return enum.Valid(uint8(a), answerNames[:]) }

// Holds reports whether the answer lets the condition count as met: yes or
// roughly.
func (a Answer) Holds() bool { return a == AnswerYes || a == AnswerRoughly }

// MarshalText encodes the answer's name; the zero value encodes as "".
func (a Answer) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(a), answerNames[:], ErrUnknownAnswer)
}

// UnmarshalText decodes an answer's name; other text wraps [ErrUnknownAnswer].
func (a *Answer) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(a), b, answerNames[:], ErrUnknownAnswer)
}

// Condition is one of seed 004's five conditions for CSMs to carry the
// full sales role (renewal and upsell selling). Each is the favourable pole
// of one of the five factors. The zero value encodes as "".
type Condition uint8

// The five conditions, in the seed's order [seed 004].
const (
	// ConditionHighSwitchingCost: once adopted, switching is structurally
	// costly (factor 2, implementation and switching cost).
	ConditionHighSwitchingCost Condition = iota + 1
	// ConditionNoSideBySide: no same-kind services are used side by side in
	// one company (factor 1, the competitive situation after adoption).
	ConditionNoSideBySide
	// ConditionAdminDecides: the product's admin can decide the contract
	// (factor 3, the customer's decision flow).
	ConditionAdminDecides
	// ConditionRareNegotiation: contract negotiations are rare, or
	// product-led growth is built in (factor 4, price level and structure).
	ConditionRareNegotiation
	// ConditionLightPreparation: little preparation before the contract
	// starts (factor 5, lead time and tasks before the start).
	ConditionLightPreparation
)

var conditionNames = [...]string{"", "high-switching-cost", "no-side-by-side", "admin-decides", "rare-negotiation", "light-preparation"}

// String returns the condition's name, such as "high-switching-cost".
func (c Condition) String() string { return enum.String("Condition", uint8(c), conditionNames[:]) }

// Valid reports whether c is one of the five conditions.
func (c Condition) Valid() bool { return enum.Valid(uint8(c), conditionNames[:]) }

// MarshalText encodes the condition's name; the zero value encodes as "".
func (c Condition) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(c), conditionNames[:], ErrUnknownCondition)
}

// UnmarshalText decodes a condition's name; other text wraps
// [ErrUnknownCondition].
func (c *Condition) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(c), b, conditionNames[:], ErrUnknownCondition)
}

// OnboardingState is where an onboarding stands against its target. The
// zero value encodes as "".
type OnboardingState uint8

// The onboarding states.
const (
	// OnboardingOnTime: finished within the target.
	OnboardingOnTime OnboardingState = iota + 1
	// OnboardingLate: finished after the target.
	OnboardingLate
	// OnboardingInProgress: not finished, and the target has not passed.
	OnboardingInProgress
	// OnboardingOverdue: not finished, and the target has passed.
	OnboardingOverdue
)

var onboardingStateNames = [...]string{"", "on-time", "late", "in-progress", "overdue"}

// String returns "on-time", "late", "in-progress" or "overdue".
func (s OnboardingState) String() string {
	return enum.String("OnboardingState", uint8(s), onboardingStateNames[:])
}

// Valid reports whether s is one of the declared states.
func (s OnboardingState) Valid() bool { return enum.Valid(uint8(s), onboardingStateNames[:]) }

// MarshalText encodes the state's name; the zero value encodes as "".
func (s OnboardingState) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(s), onboardingStateNames[:], ErrUnknownState)
}

// UnmarshalText decodes a state's name; other text wraps [ErrUnknownState].
func (s *OnboardingState) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(s), b, onboardingStateNames[:], ErrUnknownState)
}
