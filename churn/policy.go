package churn

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// MaxPlays is the most plays a policy holds [ours]: the defaults are nine,
// and a team's own list is a page, not a database. The bound keeps the
// policy check every move makes (no two plays of a phase share a name)
// small: 20,000 plays made one move take 1.5 s.
const MaxPlays = 100

// DefaultKeyTier is the key tier of a zero [Policy]: accounts of tier 1
// matter enough for the costly plays [ours; seed 000 gives the rule, not
// the threshold].
const DefaultKeyTier = 1

// Weights are the phase weights of the negative forecast: a case's
// expected loss is its ARR at risk times the weight of its phase. The seed
// slopes the forecast amount by phase; the numbers are ours.
//
// The zero Weights (all three zero) means [DefaultWeights]. A Weights with
// any weight set is taken as written, so {B: 0.5, C: 0.9} leaves phase A
// out of the forecast.
type Weights struct {
	A decimal.Decimal // weight of a phase-A case, in [0, 1]
	B decimal.Decimal // weight of a phase-B case, in [A, 1]
	C decimal.Decimal // weight of a phase-C case, in [B, 1]
}

// DefaultWeights returns the default phase weights [ours]: A 0.6, B 0.8,
// C 0.95. The seed says that 20-30% of the cases opened at A or B are
// saved, so 70-80% of them are lost: an even mix of A and B cases weighted
// 0.6 and 0.8 loses 70%, the cautious end of that. C, a decided
// cancellation, leaves "almost no hope" [seed 000]: 0.95, not 1, since
// saves from C happen.
func DefaultWeights() Weights { return defaultWeights }

// The defaults, built once. Decimals are immutable, so sharing them is
// safe; the default plays are handed out as copies only.
var (
	defaultWeights   = Weights{A: decimal.New(6, -1), B: decimal.New(8, -1), C: decimal.New(95, -2)}
	defaultBenchmark = Benchmark{Low: decimal.New(20, -2), High: decimal.New(30, -2)}
	one              = decimal.New(1, 0)
)

// IsZero reports whether all three weights are zero (the defaults).
func (w Weights) IsZero() bool { return w.A.IsZero() && w.B.IsZero() && w.C.IsZero() }

// byPhase returns the weights of A, B and C, in that order.
func (w Weights) byPhase() [numOpen]decimal.Decimal { return [numOpen]decimal.Decimal{w.A, w.B, w.C} }

// Of returns the weight of phase p: A, B or C's, and zero for a closed or
// undeclared phase.
func (w Weights) Of(p Phase) decimal.Decimal {
	switch p {
	case PhaseA:
		return w.A
	case PhaseB:
		return w.B
	case PhaseC:
		return w.C
	}
	return decimal.Decimal{}
}

// Validate returns an error wrapping [ErrInvalidPolicy] (and
// [ErrAmountOutOfRange] for a weight outside ±100 in exponent) if a weight
// is outside [0, 1] or the weights fall from A to C: the forecast slopes
// up with the phase [seed 000]. The zero Weights is valid (the defaults).
func (w Weights) Validate() error {
	for i, x := range w.byPhase() {
		if err := checkUnit(x, "weight"); err != nil {
			return fieldErr("", "weights."+phaseNames[i+1], err)
		}
	}
	if money.Cmp(w.A, w.B) > 0 || money.Cmp(w.B, w.C) > 0 {
		return fieldErr("", "weights", fmt.Errorf("%w: weights %s, %s, %s fall from A to C",
			ErrInvalidPolicy, money.Format(w.A), money.Format(w.B), money.Format(w.C)))
	}
	return nil
}

// checkUnit returns an error wrapping [ErrInvalidPolicy] unless x is in
// [0, 1] (and [ErrAmountOutOfRange] for an exponent outside ±100).
func checkUnit(x decimal.Decimal, what string) error {
	if !money.InScale(x) {
		return wrapKind(ErrInvalidPolicy, checkAmount(x))
	}
	if x.Sign() < 0 || money.Cmp(x, one) > 0 {
		return fmt.Errorf("%w: %s %s outside [0, 1]", ErrInvalidPolicy, what, money.Format(x))
	}
	return nil
}

type weightsJSON struct {
	A money.JSON `json:"a"`
	B money.JSON `json:"b"`
	C money.JSON `json:"c"`
}

// MarshalJSON encodes the weights as exact decimal strings:
// {"a": "0.6", "b": "0.8", "c": "0.95"}.
func (w Weights) MarshalJSON() ([]byte, error) {
	return json.Marshal(weightsJSON{money.JSON(w.A), money.JSON(w.B), money.JSON(w.C)})
}

// UnmarshalJSON decodes weights strictly and validates them. A weight left
// out is zero. Every error wraps [ErrInvalidPolicy] and a [*FieldError]
// naming the weight ("weights.c"); on error w is left unchanged.
func (w *Weights) UnmarshalJSON(b []byte) error {
	out, err := decodeWeights(b)
	if err != nil {
		return decodeErr(ErrInvalidPolicy, "weights", err)
	}
	*w = out
	return nil
}

// decodeWeights decodes weights' JSON, each weight on its own so that an
// error names it, and validates them.
func decodeWeights(b []byte) (Weights, error) {
	var v struct{ A, B, C json.RawMessage }
	if err := jsonstrict.Decode(b, &v); err != nil {
		return Weights{}, jsonstrict.Explain(err)
	}
	var out Weights
	if err := decodeFields("", jsonstrict.F("weights.a", v.A, (*money.JSON)(&out.A)), jsonstrict.F("weights.b", v.B, (*money.JSON)(&out.B)),
		jsonstrict.F("weights.c", v.C, (*money.JSON)(&out.C))); err != nil {
		return Weights{}, err
	}
	return out, out.Validate()
}

// Benchmark is the range of save rates a team compares its own with. The
// zero Benchmark means [DefaultBenchmark].
type Benchmark struct {
	Low  decimal.Decimal // the low end, in [0, 1]
	High decimal.Decimal // the high end, in [Low, 1]
}

// DefaultBenchmark returns 0.20 to 0.30: in the author's experience, 20-30%
// of the cases that open at A or B can be stopped
// (「私の感覚では、その2~3割はチャーンを阻止できます」) [seed 000]. It is one
// practitioner's feel, a benchmark to compare with, not a target.
func DefaultBenchmark() Benchmark { return defaultBenchmark }

// IsZero reports whether both ends are zero (the default).
func (b Benchmark) IsZero() bool { return b.Low.IsZero() && b.High.IsZero() }

// Validate returns an error wrapping [ErrInvalidPolicy] if an end is
// outside [0, 1] or Low is above High. The zero Benchmark is valid.
func (b Benchmark) Validate() error {
	if err := checkUnit(b.Low, "save rate"); err != nil {
		return fieldErr("", "benchmark.low", err)
	}
	if err := checkUnit(b.High, "save rate"); err != nil {
		return fieldErr("", "benchmark.high", err)
	}
	if money.Cmp(b.Low, b.High) > 0 {
		return fieldErr("", "benchmark", fmt.Errorf("%w: low %s above high %s", ErrInvalidPolicy, money.Format(b.Low), money.Format(b.High)))
	}
	return nil
}

type benchmarkJSON struct {
	Low  money.JSON `json:"low"`
	High money.JSON `json:"high"`
}

// MarshalJSON encodes the ends as exact decimal strings.
func (b Benchmark) MarshalJSON() ([]byte, error) {
	return json.Marshal(benchmarkJSON{money.JSON(b.Low), money.JSON(b.High)})
}

// UnmarshalJSON decodes a benchmark strictly and validates it. Every error
// wraps [ErrInvalidPolicy] and a [*FieldError] naming the end
// ("benchmark.low"); on error b is left unchanged.
func (b *Benchmark) UnmarshalJSON(data []byte) error {
	out, err := decodeBenchmark(data)
	if err != nil {
		return decodeErr(ErrInvalidPolicy, "benchmark", err)
	}
	*b = out
	return nil
}

// decodeBenchmark decodes a benchmark's JSON, each end on its own so that
// an error names it, and validates it.
func decodeBenchmark(b []byte) (Benchmark, error) {
	var v struct{ Low, High json.RawMessage }
	if err := jsonstrict.Decode(b, &v); err != nil {
		return Benchmark{}, jsonstrict.Explain(err)
	}
	var out Benchmark
	if err := decodeFields("", jsonstrict.F("benchmark.low", v.Low, (*money.JSON)(&out.Low)),
		jsonstrict.F("benchmark.high", v.High, (*money.JSON)(&out.High))); err != nil {
		return Benchmark{}, err
	}
	return out, out.Validate()
}

// standing returns where saved/closed falls against b.
func (b Benchmark) standing(saved, closed int) Standing {
	if closed == 0 {
		return StandingNoData
	}
	// saved/closed < Low  ⇔  saved < Low×closed, exactly.
	s, n := decimal.NewFromInt(int64(saved)), decimal.NewFromInt(int64(closed))
	switch {
	case s.Cmp(b.Low.Mul(n)) < 0:
		return StandingBelow
	case s.Cmp(b.High.Mul(n)) > 0:
		return StandingAbove
	}
	return StandingWithin
}

// Policy is a team's churn playbook: the forecast's phase weights, which
// accounts matter enough for the costly plays, the plays themselves and
// the save-rate benchmark. Its zero value is the documented default: every
// zero field means the default named on it, so Policy{} just works and
// any one setting can be overridden.
type Policy struct {
	// Weights are the phase weights of the negative forecast; zero means
	// [DefaultWeights].
	Weights Weights `json:"weights,omitzero"`
	// KeyTier: an account of tier 1..KeyTier matters ([Case.Tier]); zero
	// means [DefaultKeyTier]. Tier 1 always matters.
	KeyTier int `json:"key_tier,omitempty"`
	// KeyARR: an account whose AccountARR is at least KeyARR matters too;
	// zero means no ARR rule.
	KeyARR decimal.Decimal `json:"key_arr"`
	// Plays are the team's plays, at most MaxPlays; nil means
	// [DefaultPlays]. An empty non-nil slice runs no play (and encodes as
	// [], so it survives a JSON round trip). To extend the defaults,
	// append to DefaultPlays().
	Plays []Play `json:"plays,omitzero"`
	// Benchmark is the save-rate range of [KPIs.EarlyStanding]; zero
	// means [DefaultBenchmark].
	Benchmark Benchmark `json:"benchmark,omitzero"`
	// SkipDuplicateCheck tells the book accumulators not to keep the set
	// of case IDs they detect duplicates with ([ErrDuplicateCase]). The set
	// costs memory for every case (about 110 bytes with short IDs: 111 MB
	// for a million, and it keeps the ID strings alive) and a hash per case
	// (a million-case forecast runs about four times slower with it). Skip
	// it when the book's IDs are unique by construction (a primary key), to
	// run in flat memory; a duplicate then counts twice.
	SkipDuplicateCheck bool `json:"skip_duplicate_check,omitempty"`
}

// DefaultPolicy returns the zero Policy with every default written out, a
// starting point to edit.
func DefaultPolicy() Policy {
	p := Policy{}.resolved()
	p.Plays = DefaultPlays()
	return p
}

// resolved returns p with every zero field replaced by its default.
func (p Policy) resolved() Policy {
	if p.Weights.IsZero() {
		p.Weights = DefaultWeights()
	}
	if p.KeyTier == 0 {
		p.KeyTier = DefaultKeyTier
	}
	if p.Plays == nil {
		p.Plays = defaultPlays // read only: DefaultPolicy hands out a copy
	}
	if p.Benchmark.IsZero() {
		p.Benchmark = DefaultBenchmark()
	}
	return p
}

// Validate checks the policy.
//
// Validate returns an error wrapping [ErrInvalidPolicy] if:
//   - a weight is outside [0, 1] or the weights fall from A to C (see
//     [Weights.Validate]);
//   - KeyTier is negative;
//   - KeyARR is negative or out of range (also [ErrNegativeAmount],
//     [ErrAmountOutOfRange]);
//   - there are more than [MaxPlays] plays, a play is invalid (see
//     [Play.Validate]) or two plays of one phase share a name;
//   - the benchmark is invalid (see [Benchmark.Validate]).
//
// Every error is a [*FieldError] naming the field.
func (p Policy) Validate() error {
	rp := p.resolved()
	return rp.validate()
}

// validate checks a resolved policy.
func (p *Policy) validate() error {
	if err := p.Weights.Validate(); err != nil {
		return err
	}
	if p.KeyTier < 0 {
		return fieldErr("", "key_tier", fmt.Errorf("%w: key tier %d", ErrInvalidPolicy, p.KeyTier))
	}
	if err := checkAmount(p.KeyARR); err != nil {
		return fieldErr("", "key_arr", wrapKind(ErrInvalidPolicy, err))
	}
	if n := len(p.Plays); n > MaxPlays {
		return fieldErr("", "plays", fmt.Errorf("%w: %d plays; a policy holds at most %d", ErrInvalidPolicy, n, MaxPlays))
	}
	for i := range p.Plays {
		if err := p.Plays[i].Validate(); err != nil {
			return relocate("", "plays", i, err)
		}
		for j := range i {
			if p.Plays[j].Phase == p.Plays[i].Phase && p.Plays[j].Name == p.Plays[i].Name {
				return fieldErr("", at("plays", i, "name"), fmt.Errorf("%w: play %s listed twice for phase %s", ErrInvalidPolicy, fault.Quote(p.Plays[i].Name), p.Plays[i].Phase))
			}
		}
	}
	if err := p.Benchmark.Validate(); err != nil {
		return err
	}
	return nil
}

type policyJSON struct {
	Weights            Weights    `json:"weights,omitzero"`
	KeyTier            int        `json:"key_tier,omitempty"`
	KeyARR             money.JSON `json:"key_arr,omitzero"`
	Plays              []Play     `json:"plays,omitzero"`
	Benchmark          Benchmark  `json:"benchmark,omitzero"`
	SkipDuplicateCheck bool       `json:"skip_duplicate_check,omitempty"`
}

// MarshalJSON encodes the policy; zero fields (the defaults) are left out,
// so Policy{} encodes as {}.
func (p Policy) MarshalJSON() ([]byte, error) {
	v := policyJSON{Weights: p.Weights, KeyTier: p.KeyTier, Plays: p.Plays, Benchmark: p.Benchmark, SkipDuplicateCheck: p.SkipDuplicateCheck}
	if !p.KeyARR.IsZero() {
		v.KeyARR = money.JSON(p.KeyARR)
	}
	return json.Marshal(v)
}

// UnmarshalJSON decodes a policy strictly (a key that names no field is an
// error) and validates it (see [Policy.Validate]). Keys left out keep
// their defaults. Every error wraps [ErrInvalidPolicy] and the error that
// stopped it, a [*FieldError] naming the field ("plays[2].phase") where
// one is to blame; on error p is left unchanged.
func (p *Policy) UnmarshalJSON(b []byte) error {
	out, err := decodePolicy(b)
	if err != nil {
		return decodeErr(ErrInvalidPolicy, "policy", err)
	}
	*p = out
	return nil
}

// decodePolicy decodes a policy's JSON, each field on its own so that an
// error names it, and validates it.
func decodePolicy(b []byte) (Policy, error) {
	var v struct {
		Weights            json.RawMessage   `json:"weights"`
		KeyTier            json.RawMessage   `json:"key_tier"`
		KeyARR             json.RawMessage   `json:"key_arr"`
		Plays              []json.RawMessage `json:"plays"`
		Benchmark          json.RawMessage   `json:"benchmark"`
		SkipDuplicateCheck json.RawMessage   `json:"skip_duplicate_check"`
	}
	if err := jsonstrict.Decode(b, &v); err != nil {
		return Policy{}, jsonstrict.Explain(err)
	}
	var out Policy
	if err := decodeFields("", jsonstrict.F("key_tier", v.KeyTier, &out.KeyTier), jsonstrict.F("key_arr", v.KeyARR, (*money.JSON)(&out.KeyARR)),
		jsonstrict.F("skip_duplicate_check", v.SkipDuplicateCheck, &out.SkipDuplicateCheck)); err != nil {
		return Policy{}, err
	}
	var err error
	if v.Weights != nil {
		if out.Weights, err = decodeWeights(v.Weights); err != nil {
			return Policy{}, err
		}
	}
	if v.Benchmark != nil {
		if out.Benchmark, err = decodeBenchmark(v.Benchmark); err != nil {
			return Policy{}, err
		}
	}
	if v.Plays != nil {
		out.Plays = make([]Play, len(v.Plays))
		for i, raw := range v.Plays {
			if out.Plays[i], err = decodePlay(raw); err != nil {
				return Policy{}, relocate("", "plays", i, err)
			}
		}
	}
	return out, out.Validate()
}
