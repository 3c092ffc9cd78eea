package roi

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/cskit/cskit/internal/jsonstrict"
)

// Logic turns a contribution metric into money: a revenue increase or a
// cost reduction [seed 000]. It is the third step of a derivation, after
// the scenario and its metric; a logic never starts from usage, only from a
// [Metric].
//
// A logic is a chain of steps, each combining the result so far with one
// estimated operand ([Step]): Steps returns them for the metric it is
// given, without their results, and the derivation computes every result
// exactly, point by point, and checks it. The built-in logics are
// [RevenueLogic], [ReuseLogic] and [HoursLogic]; a host adds its own by
// implementing Logic. A host logic is used from Go: it has no JSON form
// (only the built-in logics have a [LogicKind]). If it also has a
// Validate() error method, a scenario's validation calls it.
type Logic interface {
	// Effect says what the logic's money is.
	Effect() Effect
	// Steps returns the chain from the metric to money: at least one step,
	// none with OpMetric, the last one yielding MeasureMoney. Their Result
	// fields are ignored.
	Steps(m Metric) ([]Step, error)
}

// Metric is the business-contribution metric a scenario moves: a number
// the customer can recognise, such as 4,000 more offline leads [seed 000].
// Its value is the change over the year the customer's annual cost pays
// for [ours], an estimate given as a [Range] and never negative (a fall in
// something bad is stated as what was avoided: "tickets avoided"). In
// JSON the value is required: a metric without one is refused, not taken
// for zero.
type Metric struct {
	Name  string `json:"name"`           // "offline leads"
	Unit  string `json:"unit,omitempty"` // how it is counted, after the number: "leads"; may be empty
	Value Range  `json:"value"`          // the change the scenario brought
}

// Validate checks the metric.
//
// Validate returns an error if:
//   - the name is empty ([ErrMissing]);
//   - the value is not a valid range ([ErrAmountOutOfRange],
//     [ErrRangeOrder]) or has a negative point ([ErrNegative]).
func (m Metric) Validate() error {
	if m.Name == "" {
		return fieldErr("name", ErrMissing)
	}
	if err := checkInput(m.Value, MeasureCount); err != nil {
		return fieldErr("value", err)
	}
	return nil
}

// UnmarshalJSON decodes a metric and validates it; its value is required
// (null is missing, not zero). Every error wraps [ErrInvalidScenario]; on
// error m is left unchanged.
func (m *Metric) UnmarshalJSON(b []byte) error {
	return decodeAs(b, m, ErrInvalidScenario, "metric", func(w metricJSON) (Metric, error) { return validated(w.metric()) })
}

// Step is one line of a derivation: the result so far combined with an
// operand. The first step of every chain is the metric itself (OpMetric,
// its value as operand and result); each later step applies Op to the
// previous step's Result and Operand, point by point.
//
// A logic fills Op, Name, Measure, Operand, Unit and Yields; the
// derivation fills Result, exactly.
type Step struct {
	Op      Op      `json:"op"`             // how the operand combines with the result so far
	Name    string  `json:"name"`           // what the operand is: "meeting rate"
	Measure Measure `json:"measure"`        // the operand's measure: rate, count or money
	Operand Range   `json:"operand"`        // the estimated operand; within [0, 1] for a rate, never negative
	Unit    string  `json:"unit,omitempty"` // what the result counts: "meetings"; may be empty
	Yields  Measure `json:"yields"`         // the result's measure: count, or money for the last step
	Result  Range   `json:"result"`         // the result after this step
}

// check validates a step a logic returned: its enums, its name and its
// operand. It is not called on the metric's own step.
func (s Step) check() error {
	switch {
	case !s.Op.Valid() || s.Op == OpMetric:
		return fieldErr("op", fmt.Errorf("%w %d", ErrUnknownOp, s.Op))
	case s.Name == "":
		return fieldErr("name", ErrMissing)
	case !s.Measure.Valid():
		return fieldErr("measure", fmt.Errorf("%w %d", ErrUnknownMeasure, s.Measure))
	case !s.Yields.Valid() || s.Yields == MeasureRate:
		return fieldErr("yields", fmt.Errorf("%w %d (a step yields a count or money)", ErrUnknownMeasure, s.Yields))
	}
	if err := checkInput(s.Operand, s.Measure); err != nil {
		return fieldErr("operand", err)
	}
	return nil
}

// UnmarshalJSON decodes a step of a derivation and checks that its result
// is a valid range. Every error wraps [ErrInvalidScenario]; on error s is
// left unchanged.
func (s *Step) UnmarshalJSON(b []byte) error {
	type plain Step
	return decodeAs(b, s, ErrInvalidScenario, "step", func(w plain) (Step, error) { return Step(w), checkStepJSON(Step(w)) })
}

func checkStepJSON(s Step) error {
	if s.Op == OpMetric {
		if s.Name == "" {
			return fieldErr("name", ErrMissing)
		}
		if err := checkInput(s.Operand, MeasureCount); err != nil {
			return fieldErr("operand", err)
		}
	} else if err := s.check(); err != nil {
		return err
	}
	if err := s.Result.Validate(); err != nil {
		return fieldErr("result", err)
	}
	return nil
}

// RevenueLogic is the revenue logic of seed 000: extra leads pass through
// the sales funnel, and the deals won bring revenue.
//
//	revenue increase = leads × meeting rate × opportunity rate × win rate × average deal size
//
// The three rates are the customer's, assumed from interviews with the
// vendor's own sales team [seed 000]; multiplying by the average deal size
// to reach money is ours. The metric is the extra leads.
type RevenueLogic struct {
	MeetingRate     Range `json:"meeting_rate"`     // leads that become meetings (商談化率), within [0, 1]
	OpportunityRate Range `json:"opportunity_rate"` // meetings that become opportunities (案件化率), within [0, 1]
	WinRate         Range `json:"win_rate"`         // opportunities won (受注率), within [0, 1]
	DealSize        Range `json:"deal_size"`        // average revenue of a deal won, money
}

// Effect returns EffectRevenue.
func (RevenueLogic) Effect() Effect { return EffectRevenue }

// Kind returns LogicRevenue.
func (RevenueLogic) Kind() LogicKind { return LogicRevenue }

// Steps returns meeting rate, opportunity rate, win rate and deal size.
// It returns the error of [RevenueLogic.Validate].
func (l RevenueLogic) Steps(Metric) ([]Step, error) {
	if err := l.Validate(); err != nil {
		return nil, err
	}
	return []Step{
		{Op: OpMultiply, Name: "meeting rate", Measure: MeasureRate, Operand: l.MeetingRate, Unit: "meetings", Yields: MeasureCount},
		{Op: OpMultiply, Name: "opportunity rate", Measure: MeasureRate, Operand: l.OpportunityRate, Unit: "opportunities", Yields: MeasureCount},
		{Op: OpMultiply, Name: "win rate", Measure: MeasureRate, Operand: l.WinRate, Unit: "deals won", Yields: MeasureCount},
		{Op: OpMultiply, Name: "average deal size", Measure: MeasureMoney, Operand: l.DealSize, Unit: "revenue increase", Yields: MeasureMoney},
	}, nil
}

// Validate checks the logic's inputs.
//
// Validate returns an error if:
//   - a range is not valid ([ErrAmountOutOfRange], [ErrRangeOrder]);
//   - a rate is outside [0, 1] ([ErrRateOutOfRange]);
//   - the deal size is negative ([ErrNegative]).
func (l RevenueLogic) Validate() error {
	return checkFields([]field{
		{"meeting_rate", l.MeetingRate, MeasureRate},
		{"opportunity_rate", l.OpportunityRate, MeasureRate},
		{"win_rate", l.WinRate, MeasureRate},
		{"deal_size", l.DealSize, MeasureMoney},
	})
}

// ReuseLogic is the cost logic of seed 000: things the product stores are
// reused inside the customer's company, each sparing the cost of creating
// it from scratch.
//
//	cost reduction = items × share reused × cost to create one from scratch
//
// The metric is the items (Sansan: the contacts stored); the share and the
// cost are assumed from interviews with the vendor's own sales team
// [seed 000].
type ReuseLogic struct {
	ShareReused Range `json:"share_reused"` // items likely reused inside the company, within [0, 1]
	CostToMake  Range `json:"cost_to_make"` // cost of creating one item from scratch, money
}

// Effect returns EffectCost.
func (ReuseLogic) Effect() Effect { return EffectCost }

// Kind returns LogicReuse.
func (ReuseLogic) Kind() LogicKind { return LogicReuse }

// Steps returns share reused and cost to create one from scratch; the
// reused items are counted in the metric's unit ("contacts reused"). It
// returns the error of [ReuseLogic.Validate].
func (l ReuseLogic) Steps(m Metric) ([]Step, error) {
	if err := l.Validate(); err != nil {
		return nil, err
	}
	unit := "reused"
	if m.Unit != "" {
		unit = m.Unit + " reused"
	}
	return []Step{
		{Op: OpMultiply, Name: "share reused", Measure: MeasureRate, Operand: l.ShareReused, Unit: unit, Yields: MeasureCount},
		{Op: OpMultiply, Name: "cost to create one from scratch", Measure: MeasureMoney, Operand: l.CostToMake, Unit: "cost reduction", Yields: MeasureMoney},
	}, nil
}

// Validate checks the logic's inputs.
//
// Validate returns an error if:
//   - a range is not valid ([ErrAmountOutOfRange], [ErrRangeOrder]);
//   - the share is outside [0, 1] ([ErrRateOutOfRange]);
//   - the cost is negative ([ErrNegative]).
func (l ReuseLogic) Validate() error {
	return checkFields([]field{
		{"share_reused", l.ShareReused, MeasureRate},
		{"cost_to_make", l.CostToMake, MeasureMoney},
	})
}

// HoursLogic is a cost logic of ours: hours of work the product saves,
// valued at the loaded cost of an hour (salary, social charges and
// overhead).
//
//	cost reduction = hours saved × loaded hourly cost
//
// The metric is the hours saved.
type HoursLogic struct {
	HourlyCost Range `json:"hourly_cost"` // loaded cost of one hour of work, money
}

// Effect returns EffectCost.
func (HoursLogic) Effect() Effect { return EffectCost }

// Kind returns LogicHours.
func (HoursLogic) Kind() LogicKind { return LogicHours }

// Steps returns the loaded hourly cost. It returns the error of
// [HoursLogic.Validate].
func (l HoursLogic) Steps(Metric) ([]Step, error) {
	if err := l.Validate(); err != nil {
		return nil, err
	}
	return []Step{
		{Op: OpMultiply, Name: "loaded hourly cost", Measure: MeasureMoney, Operand: l.HourlyCost, Unit: "cost reduction", Yields: MeasureMoney},
	}, nil
}

// Validate checks the logic's input.
//
// Validate returns an error if the hourly cost is not a valid range
// ([ErrAmountOutOfRange], [ErrRangeOrder]) or is negative ([ErrNegative]).
func (l HoursLogic) Validate() error {
	return checkFields([]field{{"hourly_cost", l.HourlyCost, MeasureMoney}})
}

// field is a named input of a built-in logic.
type field struct {
	name string
	r    Range
	m    Measure
}

func checkFields(fs []field) error {
	for _, f := range fs {
		if err := checkInput(f.r, f.m); err != nil {
			return fieldErr(f.name, err)
		}
	}
	return nil
}

// The built-in logics encode with their kind first: {"kind": "revenue",
// "meeting_rate": …}.

// MarshalJSON encodes the logic with "kind": "revenue".
func (l RevenueLogic) MarshalJSON() ([]byte, error) {
	type plain RevenueLogic
	return json.Marshal(struct {
		Kind LogicKind `json:"kind"`
		plain
	}{LogicRevenue, plain(l)})
}

// MarshalJSON encodes the logic with "kind": "reuse".
func (l ReuseLogic) MarshalJSON() ([]byte, error) {
	type plain ReuseLogic
	return json.Marshal(struct {
		Kind LogicKind `json:"kind"`
		plain
	}{LogicReuse, plain(l)})
}

// MarshalJSON encodes the logic with "kind": "hours".
func (l HoursLogic) MarshalJSON() ([]byte, error) {
	type plain HoursLogic
	return json.Marshal(struct {
		Kind LogicKind `json:"kind"`
		plain
	}{LogicHours, plain(l)})
}

// UnmarshalJSON decodes the logic and validates it; "kind" must be
// "revenue" (or absent) and every input is required. Every error wraps
// [ErrInvalidScenario]; on error l is left unchanged.
func (l *RevenueLogic) UnmarshalJSON(b []byte) error {
	return decodeBuiltin(b, LogicRevenue, l)
}

// UnmarshalJSON decodes the logic and validates it; "kind" must be
// "reuse" (or absent) and every input is required. Every error wraps
// [ErrInvalidScenario]; on error l is left unchanged.
func (l *ReuseLogic) UnmarshalJSON(b []byte) error {
	return decodeBuiltin(b, LogicReuse, l)
}

// UnmarshalJSON decodes the logic and validates it; "kind" must be "hours"
// (or absent) and the hourly cost is required. Every error wraps
// [ErrInvalidScenario]; on error l is left unchanged.
func (l *HoursLogic) UnmarshalJSON(b []byte) error {
	return decodeBuiltin(b, LogicHours, l)
}

// decodeBuiltin decodes a built-in logic of kind k into *dst and validates
// it.
func decodeBuiltin[T RevenueLogic | ReuseLogic | HoursLogic](b []byte, k LogicKind, dst *T) error {
	l, err := decodeKind(b, k)
	if err == nil {
		if v, ok := l.(interface{ Validate() error }); ok {
			err = v.Validate()
		}
	}
	if err != nil {
		return decodeErr(ErrInvalidScenario, k.String()+" logic", err)
	}
	*dst = l.(T)
	return nil
}

// decodeLogicOf decodes a built-in logic named by its "kind", without
// validating its inputs (the scenario's Validate does, naming the field).
func decodeLogicOf(b []byte) (Logic, error) {
	var k struct {
		Kind LogicKind `json:"kind"`
	}
	if err := json.Unmarshal(b, &k); err != nil {
		if errors.Is(err, ErrUnknownLogic) {
			return nil, fieldErr("kind", err)
		}
		return nil, err
	}
	if k.Kind == 0 {
		return nil, fieldErr("kind", ErrMissing)
	}
	return decodeKind(b, k.Kind)
}

// decodeKind decodes a built-in logic of kind k strictly, every input
// required, without validating the inputs. "kind" may be absent; if
// present it must be k.
func decodeKind(b []byte, k LogicKind) (Logic, error) {
	switch k {
	case LogicRevenue:
		var w struct {
			Kind            LogicKind `json:"kind"`
			MeetingRate     in[Range] `json:"meeting_rate"`
			OpportunityRate in[Range] `json:"opportunity_rate"`
			WinRate         in[Range] `json:"win_rate"`
			DealSize        in[Range] `json:"deal_size"`
		}
		var l RevenueLogic
		if err := decodeLogic(b, &w, &w.Kind, k); err != nil {
			return nil, err
		}
		err := inputs(input{"meeting_rate", w.MeetingRate, &l.MeetingRate}, input{"opportunity_rate", w.OpportunityRate, &l.OpportunityRate},
			input{"win_rate", w.WinRate, &l.WinRate}, input{"deal_size", w.DealSize, &l.DealSize})
		return l, err
	case LogicReuse:
		var w struct {
			Kind        LogicKind `json:"kind"`
			ShareReused in[Range] `json:"share_reused"`
			CostToMake  in[Range] `json:"cost_to_make"`
		}
		var l ReuseLogic
		if err := decodeLogic(b, &w, &w.Kind, k); err != nil {
			return nil, err
		}
		err := inputs(input{"share_reused", w.ShareReused, &l.ShareReused}, input{"cost_to_make", w.CostToMake, &l.CostToMake})
		return l, err
	case LogicHours:
		var w struct {
			Kind       LogicKind `json:"kind"`
			HourlyCost in[Range] `json:"hourly_cost"`
		}
		var l HoursLogic
		if err := decodeLogic(b, &w, &w.Kind, k); err != nil {
			return nil, err
		}
		err := inputs(input{"hourly_cost", w.HourlyCost, &l.HourlyCost})
		return l, err
	}
	return nil, fieldErr("kind", fmt.Errorf("%w %d", ErrUnknownLogic, k))
}

// decodeLogic decodes b strictly into w and checks its kind.
func decodeLogic(b []byte, w any, kind *LogicKind, want LogicKind) error {
	if err := jsonstrict.Decode(b, w); err != nil {
		return err
	}
	if *kind != 0 && *kind != want {
		return fieldErr("kind", fmt.Errorf("%w: %q is not %q", ErrUnknownLogic, kind.String(), want.String()))
	}
	return nil
}

// input is a decoded input of a built-in logic and where it goes.
type input struct {
	name string
	in   in[Range]
	dst  *Range
}

// inputs stores each input, or returns an error naming the first one
// absent from the JSON or that did not decode.
func inputs(ins ...input) error {
	for _, x := range ins {
		v, err := x.in.get(x.name)
		if err != nil {
			return err
		}
		*x.dst = v
	}
	return nil
}
