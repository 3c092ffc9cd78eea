package roi

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Scenario is one way the product brings success, followed down to money
// [seed 000]:
//
//  1. the scenario: the typical success pattern of the product, shared by
//     customers who use it differently ("visualise the network");
//  2. the business-contribution metric the scenario moves (4,000 more
//     offline leads), never revenue or cost straight away;
//  3. the logic that links the metric to a revenue increase or a cost
//     reduction.
//
// The zero Scenario is empty and does not validate.
type Scenario struct {
	Name   string `json:"name"`   // the success pattern: "visualise the network"
	Metric Metric `json:"metric"` // the contribution metric it moves
	Logic  Logic  `json:"logic"`  // from the metric to money: a built-in logic or the host's
}

// Validate checks the scenario without running its logic's steps (a
// derivation checks those).
//
// Validate returns an error if:
//   - the name is empty ([ErrEmptyScenario]);
//   - the metric does not validate (see [Metric.Validate]);
//   - the logic is nil ([ErrMissing]), its effect is not declared
//     ([ErrUnknownEffect]), or its Validate method, when it has one,
//     returns an error.
func (s Scenario) Validate() error {
	if s.Name == "" {
		return fieldErr("name", ErrEmptyScenario)
	}
	if err := s.Metric.Validate(); err != nil {
		return within("metric", err)
	}
	if isNil(s.Logic) {
		return fieldErr("logic", ErrMissing)
	}
	if e := s.Logic.Effect(); !e.Valid() {
		return fieldErr("logic", fmt.Errorf("%w %d", ErrUnknownEffect, e))
	}
	if v, ok := s.Logic.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return within("logic", err)
		}
	}
	return nil
}

// isNil reports whether l is nil or a nil pointer (or other nil
// reference) in an interface, on which a method call could panic.
func isNil(l Logic) bool {
	if l == nil {
		return true
	}
	switch v := reflect.ValueOf(l); v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.Interface:
		return v.IsNil()
	}
	return false
}

// contribute runs the scenario's logic on its metric: the metric's step,
// then the logic's steps with their results computed and checked. The
// scenario must be valid.
func (s Scenario) contribute() (Contribution, error) {
	steps, err := s.Logic.Steps(s.Metric)
	if err != nil {
		return Contribution{}, fieldErr("logic", &fault.KindError{Pkg: "roi", Kind: ErrInvalidLogic, Err: err})
	}
	if len(steps) == 0 {
		return Contribution{}, fieldErr("logic", fmt.Errorf("%w: no steps", ErrInvalidLogic))
	}
	m := s.Metric
	out := make([]Step, 0, len(steps)+1)
	out = append(out, Step{Op: OpMetric, Name: m.Name, Measure: MeasureCount, Operand: m.Value,
		Unit: m.Unit, Yields: MeasureCount, Result: m.Value})
	cur := m.Value
	for i, st := range steps {
		at := index("logic.steps", i)
		if err := st.check(); err != nil {
			return Contribution{}, within(at, err)
		}
		cur = combine(cur, st.Op, st.Operand)
		if err := cur.Validate(); err != nil {
			// Only a subtraction can break the order; a product or a sum of
			// ordered ranges that are not negative is ordered.
			return Contribution{}, fieldErr(at+".result", err)
		}
		st.Result = cur
		out = append(out, st)
	}
	if last := out[len(out)-1]; last.Yields != MeasureMoney {
		return Contribution{}, fieldErr("logic", fmt.Errorf("%w: the last step yields %s, not money", ErrInvalidLogic, last.Yields))
	}
	if cur.Low.Sign() < 0 {
		return Contribution{}, fieldErr("logic", fmt.Errorf("%w: benefit low %s", ErrNegative, num(cur.Low)))
	}
	return Contribution{Scenario: s.Name, Effect: s.Logic.Effect(), Steps: out, Benefit: cur}, nil
}

// scenarioJSON is the wire form a Scenario decodes from. Its metric is
// decoded without the metric's own decoder, so that the scenario's
// Validate checks it and names the field.
type scenarioJSON struct {
	Name   string          `json:"name"`
	Metric metricJSON      `json:"metric"`
	Logic  json.RawMessage `json:"logic"`
}

// metricJSON is the wire form a Metric decodes from, without validation.
// Its value is required: a metric without one is refused, never taken for
// zero.
type metricJSON struct {
	Name  string    `json:"name"`
	Unit  string    `json:"unit,omitempty"`
	Value in[Range] `json:"value"`
}

// metric returns the decoded metric, not yet validated.
func (w metricJSON) metric() (Metric, error) {
	v, err := w.Value.get("value")
	return Metric{w.Name, w.Unit, v}, err
}

// MarshalJSON encodes the scenario with its logic as {"kind": …, inputs}.
// A nil logic encodes as null. A host's own logic has no JSON form:
// encoding a scenario that holds one fails with [ErrHostLogic].
func (s Scenario) MarshalJSON() ([]byte, error) {
	var logic any
	switch l := s.Logic.(type) {
	case nil:
	case RevenueLogic, ReuseLogic, HoursLogic:
		logic = l
	case *RevenueLogic:
		logic = derefLogic(l)
	case *ReuseLogic:
		logic = derefLogic(l)
	case *HoursLogic:
		logic = derefLogic(l)
	default:
		return nil, fmt.Errorf("%w: %T", ErrHostLogic, s.Logic)
	}
	b, err := json.Marshal(logic)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		Name   string          `json:"name"`
		Metric Metric          `json:"metric"`
		Logic  json.RawMessage `json:"logic"`
	}{s.Name, s.Metric, b})
}

// derefLogic returns *p, or nil (JSON null) for a nil pointer.
func derefLogic[T RevenueLogic | ReuseLogic | HoursLogic](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// UnmarshalJSON decodes a scenario and validates it ([Scenario.Validate]).
// The logic is a built-in one named by its "kind" ([LogicKind]). Every
// error wraps [ErrInvalidScenario]; on error s is left unchanged.
func (s *Scenario) UnmarshalJSON(b []byte) error {
	return decodeAs(b, s, ErrInvalidScenario, "scenario", func(w scenarioJSON) (Scenario, error) { return validated(w.scenario()) })
}

// scenario returns the decoded scenario, not yet validated.
func (w scenarioJSON) scenario() (Scenario, error) {
	m, err := w.Metric.metric()
	if err != nil {
		return Scenario{}, within("metric", err)
	}
	v := Scenario{Name: w.Name, Metric: m}
	if len(w.Logic) > 0 && string(w.Logic) != "null" {
		l, err := decodeLogicOf(w.Logic)
		if err != nil {
			return Scenario{}, within("logic", err)
		}
		v.Logic = l
	}
	return v, nil
}

// Case is one customer's ROI case: what it pays a year and the scenarios
// the product brings it. Each scenario carries this customer's metric (its
// offline leads), while the logic's rates are usually the vendor's shared
// assumptions [seed 000].
type Case struct {
	Account    string          `json:"account"`            // the customer's account
	Currency   string          `json:"currency,omitempty"` // the label written before amounts in the explanation ("JPY"); never converted
	AnnualCost decimal.Decimal `json:"annual_cost"`        // what the customer pays for a year of the product, > 0
	Scenarios  []Scenario      `json:"scenarios"`          // at least one
}

// Validate checks the case.
//
// Validate returns an error if:
//   - the account is empty ([ErrMissing]);
//   - the annual cost's exponent is outside ±100 ([ErrAmountOutOfRange])
//     or the cost is not positive ([ErrCostNotPositive]);
//   - there is no scenario ([ErrNoScenarios]) or one does not validate
//     (see [Scenario.Validate]).
//
// Errors are [*FieldError] values naming the account and the field
// ("scenarios[1].logic.win_rate").
func (c Case) Validate() error {
	return owned("account", c.Account, c.validate())
}

func (c Case) validate() error {
	if c.Account == "" {
		return fieldErr("account", ErrMissing)
	}
	if err := checkCost(c.AnnualCost); err != nil {
		return fieldErr("annual_cost", err)
	}
	if len(c.Scenarios) == 0 {
		return fieldErr("scenarios", ErrNoScenarios)
	}
	for i, s := range c.Scenarios {
		if err := s.Validate(); err != nil {
			return within(index("scenarios", i), err)
		}
	}
	return nil
}

// checkCost checks an annual cost: in scale and positive.
func checkCost(d decimal.Decimal) error {
	if !money.InScale(d) {
		return fmt.Errorf("%w: exponent %d, outside ±%d", ErrAmountOutOfRange, d.Exponent(), money.MaxScale)
	}
	if d.Sign() <= 0 {
		return fmt.Errorf("%w: %s", ErrCostNotPositive, num(d))
	}
	return nil
}

// Derive computes the case: each scenario's chain from its metric to
// money, the total revenue increase and cost reduction, the benefit, and
// against the annual cost the ROI and payback at each point of the range.
//
//	benefit = Σ revenue increases + Σ cost reductions
//	ROI     = (benefit − annual cost) / annual cost     rounded down to ROIPlaces
//	payback = annual cost / (benefit / 12) months       rounded up to PaybackPlaces; never for a zero benefit
//
// Every number is exact until the two stated roundings. Derive validates
// the case first.
//
// Derive returns an error if:
//   - the case does not validate (see [Case.Validate]);
//   - a logic fails ([ErrInvalidLogic]): its Steps returns an error or no
//     step, a step has an undeclared op or measure or a bad operand, or the
//     last step does not yield money;
//   - a step's result is out of order ([ErrRangeOrder]) or out of scale
//     ([ErrAmountOutOfRange]), or a benefit is negative ([ErrNegative]).
func (c Case) Derive() (Derivation, error) {
	if err := c.Validate(); err != nil {
		return Derivation{}, err
	}
	d := Derivation{Account: c.Account, Currency: c.Currency, AnnualCost: c.AnnualCost,
		Contributions: make([]Contribution, 0, len(c.Scenarios))}
	for i, s := range c.Scenarios {
		k, err := s.contribute()
		if err != nil {
			return Derivation{}, owned("account", c.Account, within(index("scenarios", i), err))
		}
		if k.Effect == EffectRevenue {
			d.Revenue = combine(d.Revenue, OpAdd, k.Benefit)
		} else {
			d.CostReduction = combine(d.CostReduction, OpAdd, k.Benefit)
		}
		d.Contributions = append(d.Contributions, k)
	}
	d.Benefit = combine(d.Revenue, OpAdd, d.CostReduction)
	if err := d.Benefit.Validate(); err != nil { // a sum of many in-scale values stays in scale; checked all the same
		return Derivation{}, owned("account", c.Account, fieldErr("benefit", err))
	}
	d.ROI = rangeROI(d.Benefit, c.AnnualCost)
	d.Payback = rangePayback(d.Benefit, c.AnnualCost)
	return d, nil
}

// caseJSON is the wire form of a Case.
type caseJSON struct {
	Account    string     `json:"account"`
	Currency   string     `json:"currency,omitempty"`
	AnnualCost money.JSON `json:"annual_cost"`
	Scenarios  []Scenario `json:"scenarios"`
}

// caseIn is the wire form a Case decodes from: its cost and scenarios are
// decoded without their own decoders, so that an error names the account
// and the field ("annual_cost", "scenarios[1].logic.win_rate").
type caseIn struct {
	Account    string         `json:"account"`
	Currency   string         `json:"currency,omitempty"`
	AnnualCost in[money.JSON] `json:"annual_cost"`
	Scenarios  []scenarioJSON `json:"scenarios"`
}

// MarshalJSON encodes the case with its cost as a quoted exact decimal.
// A scenario with a host's own logic fails with [ErrHostLogic].
func (c Case) MarshalJSON() ([]byte, error) {
	return json.Marshal(caseJSON{c.Account, c.Currency, money.JSON(c.AnnualCost), c.Scenarios})
}

// UnmarshalJSON decodes a case and validates it ([Case.Validate]), so an
// error names the field: `roi: decoding case: account "acme":
// scenarios[0].logic.win_rate: rate outside [0, 1]: high 1.3`. Every error
// wraps [ErrInvalidCase]; on error c is left unchanged.
func (c *Case) UnmarshalJSON(b []byte) error {
	return decodeAs(b, c, ErrInvalidCase, "case", func(w caseIn) (Case, error) { return validated(w.decode()) })
}

// decode returns the decoded case, not yet validated; an error names the
// account and the field.
func (w caseIn) decode() (Case, error) {
	cost, err := w.AnnualCost.get("annual_cost")
	if err != nil {
		return Case{}, owned("account", w.Account, err)
	}
	v := Case{w.Account, w.Currency, decimal.Decimal(cost), nil}
	if w.Scenarios != nil {
		v.Scenarios = make([]Scenario, len(w.Scenarios))
	}
	for i, s := range w.Scenarios {
		if v.Scenarios[i], err = s.scenario(); err != nil {
			return Case{}, owned("account", v.Account, within(index("scenarios", i), err))
		}
	}
	return v, nil
}

// Contribution is what one scenario brought: its chain of steps from the
// metric to money, and that money.
type Contribution struct {
	Scenario string `json:"scenario"` // the scenario's name
	Effect   Effect `json:"effect"`   // revenue increase or cost reduction
	Steps    []Step `json:"steps"`    // the metric, then the logic's steps with their results
	Benefit  Range  `json:"benefit"`  // the last step's result
}

// UnmarshalJSON decodes a contribution; its steps and benefit must be
// valid. Every error wraps [ErrInvalidResult]; on error k is left
// unchanged.
func (k *Contribution) UnmarshalJSON(b []byte) error {
	type plain Contribution
	return decodeAs(b, k, ErrInvalidResult, "contribution", func(w plain) (Contribution, error) {
		if !w.Effect.Valid() {
			return Contribution{}, fieldErr("effect", ErrMissing)
		}
		return Contribution(w), nil
	})
}

// Derivation is a derived ROI case: the structured explanation, every
// step with its numbers, and the figures it leads to. [Derivation.Explain]
// writes it out in words.
type Derivation struct {
	Account       string          `json:"account"`            // the customer's account
	Currency      string          `json:"currency,omitempty"` // the label written before amounts
	AnnualCost    decimal.Decimal `json:"annual_cost"`        // what the customer pays a year
	Contributions []Contribution  `json:"contributions"`      // one per scenario, in the case's order
	Revenue       Range           `json:"revenue_increase"`   // Σ revenue increases (zero when none)
	CostReduction Range           `json:"cost_reduction"`     // Σ cost reductions (zero when none)
	Benefit       Range           `json:"benefit"`            // Revenue + CostReduction
	ROI           Range           `json:"roi"`                // (Benefit − AnnualCost) / AnnualCost at each point, rounded down to ROIPlaces places
	Payback       Paybacks        `json:"payback_months"`     // AnnualCost / (Benefit / 12) months at each point, rounded up to PaybackPlaces
}

// Estimate returns the derivation's figures as a row for a [Portfolio].
func (d Derivation) Estimate() Estimate {
	return Estimate{Account: d.Account, Benefit: d.Benefit, AnnualCost: d.AnnualCost}
}

// derivationJSON is the wire form of a Derivation.
type derivationJSON struct {
	Account       string         `json:"account"`
	Currency      string         `json:"currency,omitempty"`
	AnnualCost    money.JSON     `json:"annual_cost"`
	Contributions []Contribution `json:"contributions"`
	Revenue       Range          `json:"revenue_increase"`
	CostReduction Range          `json:"cost_reduction"`
	Benefit       Range          `json:"benefit"`
	ROI           Range          `json:"roi"`
	Payback       Paybacks       `json:"payback_months"`
}

// MarshalJSON encodes the derivation with every amount as a quoted exact
// decimal.
func (d Derivation) MarshalJSON() ([]byte, error) {
	return json.Marshal(derivationJSON{d.Account, d.Currency, money.JSON(d.AnnualCost), d.Contributions,
		d.Revenue, d.CostReduction, d.Benefit, d.ROI, d.Payback})
}

// UnmarshalJSON decodes a derivation (strictly: no unknown key, every
// range valid). Every error wraps [ErrInvalidResult]; on error d is left
// unchanged.
func (d *Derivation) UnmarshalJSON(b []byte) error {
	return decodeAs(b, d, ErrInvalidResult, "derivation", func(w derivationJSON) (Derivation, error) {
		if c := decimal.Decimal(w.AnnualCost); !money.InScale(c) {
			return Derivation{}, fieldErr("annual_cost", checkCost(c))
		}
		return Derivation{w.Account, w.Currency, decimal.Decimal(w.AnnualCost), w.Contributions,
			w.Revenue, w.CostReduction, w.Benefit, w.ROI, w.Payback}, nil
	})
}
