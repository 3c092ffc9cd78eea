package health

import "github.com/cskit/cskit/internal/enum"

// Stage is an account's lifecycle stage, which the host's CRM records. A
// [Config]'s selection rules pick a scorecard by stage and segment, so an
// account in onboarding is scored on onboarding measures alone (the gate of
// seed 003). The zero value is not a stage: an account must say.
type Stage uint8

// The lifecycle stages (acquisition comes before an account exists).
const (
	StageOnboarding Stage = iota + 1 // from contract to onboarding complete
	StageAdoption                    // onboarding complete: the product in use
	StageExpansion                   // a wider use or a larger contract in sight
	StageRenewal                     // inside the renewal window
)

var stageNames = [...]string{"", "onboarding", "adoption", "expansion", "renewal"}

// String returns the stage's name ("onboarding").
func (s Stage) String() string { return enum.String("Stage", uint8(s), stageNames[:]) }

// Valid reports whether s is a declared stage.
func (s Stage) Valid() bool { return enum.Valid(uint8(s), stageNames[:]) }

// MarshalText encodes the stage's name; the zero value encodes as "".
func (s Stage) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(s), stageNames[:], ErrUnknownStage)
}

// UnmarshalText decodes a stage's name; "" is the zero value.
func (s *Stage) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(s), b, stageNames[:], ErrUnknownStage)
}

// Direction says whether a measure is better when its raw value is higher
// (logins, goal progress) or lower (days since the last contact, open risk
// signals). The zero value is not a direction: a measure must say.
type Direction uint8

// The directions of a measure.
const (
	DirectionHigherIsBetter Direction = iota + 1
	DirectionLowerIsBetter
)

var directionNames = [...]string{"", "higher_is_better", "lower_is_better"}

// String returns "higher_is_better" or "lower_is_better".
func (d Direction) String() string { return enum.String("Direction", uint8(d), directionNames[:]) }

// Valid reports whether d is a declared direction.
func (d Direction) Valid() bool { return enum.Valid(uint8(d), directionNames[:]) }

// MarshalText encodes the direction's name; the zero value encodes as "".
func (d Direction) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(d), directionNames[:], ErrUnknownDirection)
}

// UnmarshalText decodes a direction's name; "" is the zero value.
func (d *Direction) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(d), b, directionNames[:], ErrUnknownDirection)
}

// Op is the comparison of a cut-off, which says on which side its boundary
// falls: ">= 10" takes 10 in, "> 10" leaves it out. The zero value is not a
// comparison: every cut-off must say.
type Op uint8

// The comparisons of a cut-off.
const (
	OpAtLeast Op = iota + 1 // ">=": the value at the cut-off is in
	OpAbove                 // ">": the value at the cut-off is out
	OpAtMost                // "<=": the value at the cut-off is in
	OpBelow                 // "<": the value at the cut-off is out
)

var opNames = [...]string{"", ">=", ">", "<=", "<"}

// String returns ">=", ">", "<=" or "<".
func (o Op) String() string { return enum.String("Op", uint8(o), opNames[:]) }

// Valid reports whether o is a declared comparison.
func (o Op) Valid() bool { return enum.Valid(uint8(o), opNames[:]) }

// MarshalText encodes the comparison; the zero value encodes as "".
func (o Op) MarshalText() ([]byte, error) { return enum.Marshal(uint8(o), opNames[:], ErrUnknownOp) }

// UnmarshalText decodes ">=", ">", "<=" or "<"; "" is the zero value.
func (o *Op) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(o), b, opNames[:], ErrUnknownOp)
}

// upward reports whether o takes the values above its cut-off (">=", ">").
func (o Op) upward() bool { return o == OpAtLeast || o == OpAbove }

// strict reports whether o leaves its cut-off out (">", "<").
func (o Op) strict() bool { return o == OpAbove || o == OpBelow }

// cut reads "x o at" on whole units (hundredths, millionths) as one
// comparison: it holds when sign·x > above. x ≥ at is x > at−1, x > at
// is x > at, x ≤ at is −x > −at−1 and x < at is −x > −at.
func (o Op) cut(at int64) (sign, above int64) {
	sign = 1
	if !o.upward() {
		sign = -1
	}
	above = sign * at
	if !o.strict() {
		above--
	}
	return sign, above
}

// Kind is what a measure's raw value counts, which decides the values an
// account may give it. The zero value is KindNumber, the default.
type Kind uint8

// The kinds of raw value.
const (
	KindNumber      Kind = iota // any finite number (a change, a score from elsewhere)
	KindNonNegative             // a number not below zero (a ratio, a percentage, an amount)
	KindCount                   // a whole number not below zero (logins, days, open signals)
	KindFlag                    // 0 or 1 (an open churn case, onboarding complete)
)

var kindNames = [...]string{"number", "non_negative", "count", "flag"}

// String returns the kind's name ("count").
func (k Kind) String() string { return enum.String("Kind", uint8(k), kindNames[:]) }

// Valid reports whether k is a declared kind.
func (k Kind) Valid() bool { return enum.Valid(uint8(k), kindNames[:]) }

// MarshalText encodes the kind's name; the zero value is "number".
func (k Kind) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(k), kindNames[:], ErrUnknownKind)
}

// UnmarshalText decodes a kind's name; "" is the zero value, "number".
func (k *Kind) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(k), b, kindNames[:], ErrUnknownKind)
}

// Model is how a scorecard turns its measures' points into one score. The
// zero value is ModelWeighted, the default.
type Model uint8

// The scoring models (see the package doc, "Scoring models").
const (
	// ModelWeighted: the weighted average of the groups' scores, weights
	// normalised to their sum, each group the average (or minimum or
	// maximum) of its measures (Gainsight).
	ModelWeighted Model = iota
	// ModelPoints: each measure earns up to its weight in points, and the
	// weights add up to exactly 100 (ChurnZero, HubSpot).
	ModelPoints
	// ModelWorstOf: the score is the lowest points of any measure, so one
	// poor measure makes the account poor (Totango).
	ModelWorstOf
)

var modelNames = [...]string{"weighted", "points", "worst_of"}

// String returns the model's name ("weighted").
func (m Model) String() string { return enum.String("Model", uint8(m), modelNames[:]) }

// Valid reports whether m is a declared model.
func (m Model) Valid() bool { return enum.Valid(uint8(m), modelNames[:]) }

// MarshalText encodes the model's name; the zero value is "weighted".
func (m Model) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(m), modelNames[:], ErrUnknownModel)
}

// UnmarshalText decodes a model's name; "" is the zero value, "weighted".
func (m *Model) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(m), b, modelNames[:], ErrUnknownModel)
}

// Aggregate is how a group's score is made from its measures' points. The
// zero value is AggregateAverage, the default.
type Aggregate uint8

// The group aggregates.
const (
	AggregateAverage Aggregate = iota // the weighted average of the measures
	AggregateMin                      // the lowest measure decides
	AggregateMax                      // the highest measure decides
)

var aggregateNames = [...]string{"average", "min", "max"}

// String returns "average", "min" or "max".
func (a Aggregate) String() string { return enum.String("Aggregate", uint8(a), aggregateNames[:]) }

// Valid reports whether a is a declared aggregate.
func (a Aggregate) Valid() bool { return enum.Valid(uint8(a), aggregateNames[:]) }

// MarshalText encodes the aggregate's name; the zero value is "average".
func (a Aggregate) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(a), aggregateNames[:], ErrUnknownAggregate)
}

// UnmarshalText decodes an aggregate's name; "" is the zero value.
func (a *Aggregate) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(a), b, aggregateNames[:], ErrUnknownAggregate)
}

// MissingRule is what a scorecard does with a measure that has no data.
// The zero value is MissingReweight, the default.
type MissingRule uint8

// The missing-data rules.
const (
	// MissingReweight leaves the measure out; the others' weights are
	// normalised again (a group with no data is left out the same way).
	MissingReweight MissingRule = iota
	// MissingNeutral scores the measure at the scorecard's neutral points.
	MissingNeutral
	// MissingWorst scores the measure at the lowest points its rule gives.
	MissingWorst
)

var missingNames = [...]string{"reweight", "neutral", "worst"}

// String returns "reweight", "neutral" or "worst".
func (r MissingRule) String() string { return enum.String("MissingRule", uint8(r), missingNames[:]) }

// Valid reports whether r is a declared rule.
func (r MissingRule) Valid() bool { return enum.Valid(uint8(r), missingNames[:]) }

// MarshalText encodes the rule's name; the zero value is "reweight".
func (r MissingRule) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(r), missingNames[:], ErrUnknownMissingRule)
}

// UnmarshalText decodes a rule's name; "" is the zero value, "reweight".
func (r *MissingRule) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(r), b, missingNames[:], ErrUnknownMissingRule)
}

// Band is the colour of a score. The zero value, BandNone, is no band: the
// score of an account with insufficient data, or a measure left out.
type Band uint8

// The bands, worst first, so bands compare as their colours do.
const (
	BandNone Band = iota
	BandRed
	BandYellow
	BandGreen
)

var bandNames = [...]string{"", "red", "yellow", "green"}

// String returns "red", "yellow", "green", or "" for BandNone.
func (b Band) String() string { return enum.String("Band", uint8(b), bandNames[:]) }

// Valid reports whether b is red, yellow or green.
func (b Band) Valid() bool { return enum.Valid(uint8(b), bandNames[:]) }

// MarshalText encodes the band's name; BandNone encodes as "".
func (b Band) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(b), bandNames[:], ErrUnknownBand)
}

// UnmarshalText decodes a band's name; "" is BandNone.
func (b *Band) UnmarshalText(t []byte) error {
	return enum.Unmarshal((*uint8)(b), t, bandNames[:], ErrUnknownBand)
}

// Data is the state of a measure's input in a score. The zero value is
// DataMissing.
type Data uint8

// The states of a measure's input.
const (
	DataMissing Data = iota // the account gave no value
	DataCurrent             // a value measured within the validity period
	DataStale               // a value measured before the validity period
)

var dataNames = [...]string{"missing", "current", "stale"}

// String returns "missing", "current" or "stale".
func (d Data) String() string { return enum.String("Data", uint8(d), dataNames[:]) }

// Valid reports whether d is a declared state.
func (d Data) Valid() bool { return enum.Valid(uint8(d), dataNames[:]) }

// MarshalText encodes the state's name.
func (d Data) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(d), dataNames[:], ErrUnknownData)
}

// UnmarshalText decodes a state's name; "" is DataMissing.
func (d *Data) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(d), b, dataNames[:], ErrUnknownData)
}

// Action is what to do about the renewal-intent question for an account
// (see [TimingPolicy]). The zero value is no action (no score to judge).
type Action uint8

// The actions.
const (
	ActionNone             Action = iota
	ActionAskNow                  // ask about renewal intent now
	ActionFixFirst                // fix the named problems, then ask
	ActionFinishOnboarding        // onboarding is not complete: no renewal question yet
	ActionCollectData             // the data are insufficient to judge
)

var actionNames = [...]string{"", "ask_now", "fix_first", "finish_onboarding", "collect_data"}

// String returns the action's name ("fix_first").
func (a Action) String() string { return enum.String("Action", uint8(a), actionNames[:]) }

// Valid reports whether a is a declared action other than ActionNone.
func (a Action) Valid() bool { return enum.Valid(uint8(a), actionNames[:]) }

// MarshalText encodes the action's name; ActionNone encodes as "".
func (a Action) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(a), actionNames[:], ErrUnknownAction)
}

// UnmarshalText decodes an action's name; "" is ActionNone.
func (a *Action) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(a), b, actionNames[:], ErrUnknownAction)
}

// Issue is what is wrong with a measure in a [Timing].
type Issue uint8

// The issues.
const (
	IssueNone    Issue = iota
	IssueLow           // its points are in a band below the one the policy asks from
	IssueMissing       // it has no data
	IssueStale         // its data are stale: confirm them before asking
)

var issueNames = [...]string{"", "low", "missing", "stale"}

// String returns the issue's name ("low").
func (i Issue) String() string { return enum.String("Issue", uint8(i), issueNames[:]) }

// Valid reports whether i is a declared issue other than IssueNone.
func (i Issue) Valid() bool { return enum.Valid(uint8(i), issueNames[:]) }

// MarshalText encodes the issue's name; IssueNone encodes as "".
func (i Issue) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(i), issueNames[:], ErrUnknownIssue)
}

// UnmarshalText decodes an issue's name; "" is IssueNone.
func (i *Issue) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(i), b, issueNames[:], ErrUnknownIssue)
}

// Movement is the direction of a score's change over a window. The zero
// value is no movement known (no score in the window).
type Movement uint8

// The movements.
const (
	MovementNone Movement = iota
	MovementUp
	MovementDown
	MovementFlat
)

var movementNames = [...]string{"", "up", "down", "flat"}

// String returns "up", "down", "flat", or "" for MovementNone.
func (m Movement) String() string { return enum.String("Movement", uint8(m), movementNames[:]) }

// Valid reports whether m is up, down or flat.
func (m Movement) Valid() bool { return enum.Valid(uint8(m), movementNames[:]) }

// MarshalText encodes the movement's name; MovementNone encodes as "".
func (m Movement) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(m), movementNames[:], ErrUnknownMovement)
}

// UnmarshalText decodes a movement's name; "" is MovementNone.
func (m *Movement) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(m), b, movementNames[:], ErrUnknownMovement)
}

// RollupMethod is how a parent account's score is made from its
// children's. The zero value is RollupMean, the default.
type RollupMethod uint8

// The roll-up methods.
const (
	RollupMean RollupMethod = iota // the plain mean of the children's scores
	RollupARR                      // the mean weighted by each child's ARR
)

var rollupNames = [...]string{"mean", "arr"}

// String returns "mean" or "arr".
func (r RollupMethod) String() string { return enum.String("RollupMethod", uint8(r), rollupNames[:]) }

// Valid reports whether r is a declared method.
func (r RollupMethod) Valid() bool { return enum.Valid(uint8(r), rollupNames[:]) }

// MarshalText encodes the method's name; the zero value is "mean".
func (r RollupMethod) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(r), rollupNames[:], ErrUnknownRollup)
}

// UnmarshalText decodes a method's name; "" is the zero value, "mean".
func (r *RollupMethod) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(r), b, rollupNames[:], ErrUnknownRollup)
}
