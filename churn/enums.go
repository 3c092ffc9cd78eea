package churn

import "github.com/cskit/cskit/internal/enum"

// Phase is where a churn-risk case stands: open at A, B or C, or closed as
// saved or churned. The zero value is a case not opened yet; it is invalid
// as input, encodes as "" and decodes from "".
type Phase uint8

// The phases of a case (see the package doc's table).
const (
	// PhaseA: front-line users or the customer's admin hint at cancelling;
	// the decision-maker has not spoken [seed 000]. Text "a".
	PhaseA Phase = iota + 1
	// PhaseB: the decision-maker is considering cancellation [seed 000].
	// Text "b".
	PhaseB
	// PhaseC: the cancellation is decided [seed 000]. Text "c".
	PhaseC
	// PhaseSaved: closed; the customer stays. Text "saved".
	PhaseSaved
	// PhaseChurned: closed; the customer cancelled, or downgraded. Text
	// "churned".
	PhaseChurned
)

// numPhases is the number of declared phases, 1..numPhases.
const numPhases = int(PhaseChurned)

// numOpen is the number of open phases, A..C.
const numOpen = 3

var phaseNames = [...]string{"", "a", "b", "c", "saved", "churned"}

// String returns the phase's text ("a", "saved"), "" for the zero value.
func (p Phase) String() string { return enum.String("Phase", uint8(p), phaseNames[:]) }

// Valid reports whether p is a declared phase.
func (p Phase) Valid() bool { return enum.Valid(uint8(p), phaseNames[:]) }

// Open reports whether p is A, B or C.
func (p Phase) Open() bool { return p >= PhaseA && p <= PhaseC }

// Closed reports whether p is saved or churned.
func (p Phase) Closed() bool { return p == PhaseSaved || p == PhaseChurned }

// MarshalText encodes the phase's text; an undeclared value is an error
// wrapping [ErrUnknownPhase].
func (p Phase) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(p), phaseNames[:], ErrUnknownPhase)
}

// UnmarshalText decodes a phase's text; other text is an error wrapping
// [ErrUnknownPhase] and leaves p unchanged.
func (p *Phase) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(p), b, phaseNames[:], ErrUnknownPhase)
}

// Event is what was voiced, and by whom, that moves a case: the key is who
// voices the cancellation [seed 000]. The zero value is invalid as input,
// encodes as "" and decodes from "".
type Event uint8

// The events of the transition table (see the package doc).
const (
	// EventFrontLineHint: front-line users hint at cancelling (they cannot
	// explain the effect internally). Text "front-line-hint".
	EventFrontLineHint Event = iota + 1
	// EventAdminHint: the customer's admin hints at cancelling (worried
	// about the approval). Text "admin-hint".
	EventAdminHint
	// EventDecisionMakerConsidering: the person who decides says
	// cancellation is being considered. Text "decision-maker-considering".
	EventDecisionMakerConsidering
	// EventCancellationDecided: the customer decided to cancel. Text
	// "cancellation-decided".
	EventCancellationDecided
	// EventSaved: the customer confirmed it stays; the case closes as
	// saved. Text "saved".
	EventSaved
	// EventChurned: the customer left or downgraded; the case closes as
	// churned with the ARR lost. Text "churned".
	EventChurned
)

const numEvents = int(EventChurned)

var eventNames = [...]string{"", "front-line-hint", "admin-hint", "decision-maker-considering", "cancellation-decided", "saved", "churned"}

// String returns the event's text ("admin-hint"), "" for the zero value.
func (e Event) String() string { return enum.String("Event", uint8(e), eventNames[:]) }

// Valid reports whether e is a declared event.
func (e Event) Valid() bool { return enum.Valid(uint8(e), eventNames[:]) }

// MarshalText encodes the event's text; an undeclared value is an error
// wrapping [ErrUnknownEvent].
func (e Event) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(e), eventNames[:], ErrUnknownEvent)
}

// UnmarshalText decodes an event's text; other text is an error wrapping
// [ErrUnknownEvent] and leaves e unchanged.
func (e *Event) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(e), b, eventNames[:], ErrUnknownEvent)
}

// ReasonKind is why a customer may cancel, from a short default taxonomy
// [ours, drawn from seeds 000 and 003 and from CS platforms]. The zero value
// is invalid as input, encodes as "" and decodes from "".
type ReasonKind uint8

// The reasons a case can carry. Whether one was avoidable and whether the
// product caused it are said by each [Reason], not by its kind.
const (
	// ReasonValueUnexplained: the customer cannot justify the value
	// internally (seed 000, phase A). Text "value-unexplained".
	ReasonValueUnexplained ReasonKind = iota + 1
	// ReasonBudgetCut: the decision-maker's budget or cost review. Text
	// "budget-cut".
	ReasonBudgetCut
	// ReasonContactChange: the contact person or an executive changed and
	// the newcomer reviews the systems in use (seed 003). Text
	// "contact-change".
	ReasonContactChange
	// ReasonOnboardingIncomplete: onboarding was never completed (seed
	// 003). Text "onboarding-incomplete".
	ReasonOnboardingIncomplete
	// ReasonProductGap: the product lacks what the customer needs. Text
	// "product-gap".
	ReasonProductGap
	// ReasonCompetitor: the customer moves to a competitor. Text
	// "competitor".
	ReasonCompetitor
	// ReasonAcquired: the customer was acquired or merged (unavoidable on
	// CS platforms). Text "acquired".
	ReasonAcquired
	// ReasonBusinessClosed: the customer went out of business or closed
	// the unit that used the service (unavoidable on CS platforms). Text
	// "business-closed".
	ReasonBusinessClosed
	// ReasonOther: anything else; the reason's Text says what. Text
	// "other".
	ReasonOther
)

// numReasons is the number of declared reason kinds, 1..numReasons.
const numReasons = int(ReasonOther)

var reasonNames = [...]string{"", "value-unexplained", "budget-cut", "contact-change", "onboarding-incomplete",
	"product-gap", "competitor", "acquired", "business-closed", "other"}

// String returns the kind's text ("budget-cut"), "" for the zero value.
func (k ReasonKind) String() string { return enum.String("ReasonKind", uint8(k), reasonNames[:]) }

// Valid reports whether k is a declared kind.
func (k ReasonKind) Valid() bool { return enum.Valid(uint8(k), reasonNames[:]) }

// MarshalText encodes the kind's text; an undeclared value is an error
// wrapping [ErrUnknownReason].
func (k ReasonKind) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(k), reasonNames[:], ErrUnknownReason)
}

// UnmarshalText decodes a kind's text; other text is an error wrapping
// [ErrUnknownReason] and leaves k unchanged.
func (k *ReasonKind) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(k), b, reasonNames[:], ErrUnknownReason)
}

// Signal is an early warning read from two snapshots of an account (see
// [Warnings]). The zero value is invalid as input, encodes as "" and
// decodes from "".
type Signal uint8

// The early-warning signals [seed 002, seed 003].
const (
	// SignalContraction: the account has fewer seats. Text "contraction".
	SignalContraction Signal = iota + 1
	// SignalDowngrade: the account moved to a lower plan. Text "downgrade".
	SignalDowngrade
	// SignalOptionCancelled: a paid option was cancelled. Text
	// "option-cancelled".
	SignalOptionCancelled
	// SignalGrowthFailed: an expansion, upsell or cross-sell was tried and
	// did not happen. Text "growth-failed".
	SignalGrowthFailed
	// SignalChampionChange: the champion or the executive sponsor changed
	// or left. Text "champion-change".
	SignalChampionChange
	// SignalOnboardingIncomplete: onboarding is not done. Text
	// "onboarding-incomplete".
	SignalOnboardingIncomplete
)

var signalNames = [...]string{"", "contraction", "downgrade", "option-cancelled", "growth-failed", "champion-change", "onboarding-incomplete"}

// String returns the signal's text ("contraction"), "" for the zero value.
func (s Signal) String() string { return enum.String("Signal", uint8(s), signalNames[:]) }

// Valid reports whether s is a declared signal.
func (s Signal) Valid() bool { return enum.Valid(uint8(s), signalNames[:]) }

// MarshalText encodes the signal's text; an undeclared value is an error
// wrapping [ErrUnknownSignal].
func (s Signal) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(s), signalNames[:], ErrUnknownSignal)
}

// UnmarshalText decodes a signal's text; other text is an error wrapping
// [ErrUnknownSignal] and leaves s unchanged.
func (s *Signal) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(s), b, signalNames[:], ErrUnknownSignal)
}

// Standing is where a save rate falls against the policy's [Benchmark].
// Its zero value, StandingNoData, is valid: a rate with no closed case
// stands nowhere.
type Standing uint8

// The standings of a save rate against its benchmark.
const (
	// StandingNoData: no case closed, so there is no rate. Text "no-data".
	StandingNoData Standing = iota
	// StandingBelow: the rate is below the benchmark's low end. Text
	// "below".
	StandingBelow
	// StandingWithin: the rate is within the benchmark, ends included.
	// Text "within".
	StandingWithin
	// StandingAbove: the rate is above the benchmark's high end. Text
	// "above".
	StandingAbove
)

var standingNames = [...]string{"no-data", "below", "within", "above"}

// String returns the standing's text ("within").
func (s Standing) String() string { return enum.String("Standing", uint8(s), standingNames[:]) }

// Valid reports whether s is a declared standing.
func (s Standing) Valid() bool { return enum.Valid(uint8(s), standingNames[:]) }

// MarshalText encodes the standing's text; an undeclared value is an error
// wrapping [ErrInvalidResult].
func (s Standing) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(s), standingNames[:], ErrInvalidResult)
}

// UnmarshalText decodes a standing's text; other text is an error wrapping
// [ErrInvalidResult] and leaves s unchanged. Empty text is StandingNoData.
func (s *Standing) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(s), b, standingNames[:], ErrInvalidResult)
}
