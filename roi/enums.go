package roi

import "github.com/cskit/cskit/internal/enum"

// Effect is what a logic's money is: a revenue increase or a cost
// reduction, the two ends every contribution metric leads to [seed 000].
// The zero value is not an effect; it encodes as "".
type Effect uint8

// The effects.
const (
	_ Effect = iota
	// EffectRevenue: the customer earns more ("revenue_increase").
	EffectRevenue
	// EffectCost: the customer spends less ("cost_reduction").
	EffectCost
)

var effectNames = [...]string{"", "revenue_increase", "cost_reduction"}

// String returns "revenue_increase" or "cost_reduction".
func (e Effect) String() string { return enum.String("Effect", uint8(e), effectNames[:]) }

// Valid reports whether e is a declared effect.
func (e Effect) Valid() bool { return enum.Valid(uint8(e), effectNames[:]) }

// MarshalText encodes the effect's name; the zero value encodes as "".
func (e Effect) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(e), effectNames[:], ErrUnknownEffect)
}

// UnmarshalText decodes an effect's name; other text wraps
// [ErrUnknownEffect].
func (e *Effect) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(e), b, effectNames[:], ErrUnknownEffect)
}

// words returns the effect in running text: "revenue increase".
func (e Effect) words() string {
	switch e {
	case EffectRevenue:
		return "revenue increase"
	case EffectCost:
		return "cost reduction"
	}
	return e.String()
}

// LogicKind names a built-in logic in JSON: the "kind" key of a scenario's
// logic. A host's own logic has no kind: it is used from Go. The zero value
// is not a kind; it encodes as "".
type LogicKind uint8

// The built-in logics.
const (
	_ LogicKind = iota
	// LogicRevenue is [RevenueLogic] ("revenue").
	LogicRevenue
	// LogicReuse is [ReuseLogic] ("reuse").
	LogicReuse
	// LogicHours is [HoursLogic] ("hours").
	LogicHours
)

var logicNames = [...]string{"", "revenue", "reuse", "hours"}

// String returns "revenue", "reuse" or "hours".
func (k LogicKind) String() string { return enum.String("LogicKind", uint8(k), logicNames[:]) }

// Valid reports whether k is a declared kind.
func (k LogicKind) Valid() bool { return enum.Valid(uint8(k), logicNames[:]) }

// MarshalText encodes the kind's name; the zero value encodes as "".
func (k LogicKind) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(k), logicNames[:], ErrUnknownLogic)
}

// UnmarshalText decodes a kind's name; other text wraps [ErrUnknownLogic].
func (k *LogicKind) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(k), b, logicNames[:], ErrUnknownLogic)
}

// Op is how a [Step]'s operand combines with the result so far, point by
// point. The zero value is not an operation; it encodes as "".
type Op uint8

// The operations.
const (
	_ Op = iota
	// OpMetric starts a chain: the contribution metric itself ("metric").
	// Only the first step of a derivation has it; a logic never returns it.
	OpMetric
	// OpMultiply multiplies by the operand ("multiply", written ×).
	OpMultiply
	// OpAdd adds the operand ("add", written +).
	OpAdd
	// OpSubtract subtracts the operand ("subtract", written −). It is the
	// one operation that can break the order low ≤ base ≤ high.
	OpSubtract
)

var opNames = [...]string{"", "metric", "multiply", "add", "subtract"}

// String returns "metric", "multiply", "add" or "subtract".
func (o Op) String() string { return enum.String("Op", uint8(o), opNames[:]) }

// Valid reports whether o is a declared operation.
func (o Op) Valid() bool { return enum.Valid(uint8(o), opNames[:]) }

// MarshalText encodes the operation's name; the zero value encodes as "".
func (o Op) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(o), opNames[:], ErrUnknownOp)
}

// UnmarshalText decodes an operation's name; other text wraps
// [ErrUnknownOp].
func (o *Op) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(o), b, opNames[:], ErrUnknownOp)
}

// symbol returns the operation's sign in the explanation.
func (o Op) symbol() string {
	switch o {
	case OpMultiply:
		return "×"
	case OpAdd:
		return "+"
	case OpSubtract:
		return "−"
	}
	return ""
}

// Measure is what a number in a [Step] is, which decides how it is checked
// and written: a count (not negative), a rate (within [0, 1], written as a
// percentage) or money (not negative, written with the currency). The zero
// value is not a measure; it encodes as "".
type Measure uint8

// The measures.
const (
	_ Measure = iota
	// MeasureCount: a number of things, hours, ... ("count").
	MeasureCount
	// MeasureRate: a share within [0, 1] ("rate").
	MeasureRate
	// MeasureMoney: an amount in the reporting currency ("money").
	MeasureMoney
)

var measureNames = [...]string{"", "count", "rate", "money"}

// String returns "count", "rate" or "money".
func (m Measure) String() string { return enum.String("Measure", uint8(m), measureNames[:]) }

// Valid reports whether m is a declared measure.
func (m Measure) Valid() bool { return enum.Valid(uint8(m), measureNames[:]) }

// MarshalText encodes the measure's name; the zero value encodes as "".
func (m Measure) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(m), measureNames[:], ErrUnknownMeasure)
}

// UnmarshalText decodes a measure's name; other text wraps
// [ErrUnknownMeasure].
func (m *Measure) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(m), b, measureNames[:], ErrUnknownMeasure)
}
