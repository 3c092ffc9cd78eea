package capacity

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// CSM is one customer success manager on the roster.
type CSM struct {
	// ID identifies the CSM; required and unique on the roster. Accounts
	// name their CSM by this ID.
	ID string `json:"id"`
	// Segment is the name of the segment the CSM serves; required. The
	// CSM counts in that segment's headcount and takes only its accounts
	// when accounts are assigned.
	Segment string `json:"segment"`
	// Languages are the languages the CSM serves customers in; none
	// listed is no restriction (as a zero MaxAccounts is no limit). An
	// account that names a language goes only to a CSM who lists it or
	// lists none; an account with no language goes to any CSM of its
	// segment.
	Languages []string `json:"languages,omitempty"`
	// MaxAccounts is the most accounts the CSM may carry; zero for no
	// limit.
	MaxAccounts int `json:"max_accounts,omitempty"`
	// MaxLoad is the most load the CSM may carry; zero for no limit.
	MaxLoad Points `json:"max_load,omitempty"`
}

// speaks reports whether the CSM serves customers in lang ("" is any; a
// CSM who lists no language serves any).
func (c *CSM) speaks(lang string) bool {
	if lang == "" || len(c.Languages) == 0 {
		return true
	}
	for _, l := range c.Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// Weights say how much load each thing on an account puts on its CSM: a
// load point per account by touch model, per renewal due in the window the
// team watches, per open churn case, per account in onboarding, and one
// point per ARRPerPoint of ARR. A CSM's load is the sum over their
// accounts [ours: the items are the issue's, the weights the team's].
//
// Weights are [Points]: write them in [Point]s, Weights{HighTouch: 3 *
// capacity.Point}; in JSON they are plain numbers of points ("high_touch":
// 3). The zero Weights means [DefaultWeights]. A Weights with any field set
// is used as written: a zero field then counts nothing, which is how a
// team leaves an item out; to change one weight, start from
// DefaultWeights(). JSON is read the same way, over the defaults: a key
// left out keeps its default weight, so {"renewal": 0} is the defaults
// with renewals counting nothing, and {"arr_per_point": "10000000"} adds a
// point per 10M of ARR to them.
type Weights struct {
	HighTouch  Points `json:"high_touch"` // per high-touch account
	LowTouch   Points `json:"low_touch"`  // per low-touch account
	TechTouch  Points `json:"tech_touch"` // per tech-touch account
	Renewal    Points `json:"renewal"`    // per renewal due in the window
	ChurnCase  Points `json:"churn_case"` // per open churn case
	Onboarding Points `json:"onboarding"` // per account in onboarding
	// ARRPerPoint is the ARR, in the config's currency, that counts as one
	// point; zero: ARR adds no load.
	ARRPerPoint decimal.Decimal `json:"arr_per_point,omitzero"`
}

// DefaultWeights returns the weights a zero Weights stands for [ours]:
// 3 points per high-touch account, 2 per low-touch, 1 per tech-touch, 2 per
// renewal due, 3 per open churn case, 2 per account in onboarding, and no
// load for ARR (a point of ARR depends on the currency: set ARRPerPoint).
func DefaultWeights() Weights {
	return Weights{HighTouch: 3 * Point, LowTouch: 2 * Point, TechTouch: 1 * Point,
		Renewal: 2 * Point, ChurnCase: 3 * Point, Onboarding: 2 * Point}
}

// IsZero reports whether every field is zero, so that w means the defaults.
func (w Weights) IsZero() bool {
	return w.HighTouch == 0 && w.LowTouch == 0 && w.TechTouch == 0 && w.Renewal == 0 &&
		w.ChurnCase == 0 && w.Onboarding == 0 && w.ARRPerPoint.IsZero()
}

// Validate returns an error if a weight is negative or above [MaxWeight]
// ([ErrInvalidPoints]), or ARRPerPoint is negative ([ErrNegativeAmount]) or
// out of range ([ErrAmountOutOfRange]).
func (w Weights) Validate() error {
	for _, f := range []struct {
		name string
		p    Points
	}{{"high_touch", w.HighTouch}, {"low_touch", w.LowTouch}, {"tech_touch", w.TechTouch},
		{"renewal", w.Renewal}, {"churn_case", w.ChurnCase}, {"onboarding", w.Onboarding}} {
		if f.p < 0 || f.p > MaxWeight {
			return fieldErr("", f.name, fmt.Errorf("%w: %s outside [0, %s]", ErrInvalidPoints, f.p, MaxWeight))
		}
	}
	if err := checkAmount(w.ARRPerPoint); err != nil {
		return fieldErr("", "arr_per_point", err)
	}
	return nil
}

// touch returns the weight of one account of touch model t.
func (w *Weights) touch(t Touch) Points {
	switch t {
	case TouchHigh:
		return w.HighTouch
	case TouchLow:
		return w.LowTouch
	case TouchTech:
		return w.TechTouch
	}
	return 0
}

// MarshalJSON encodes the weights with ARRPerPoint as a quoted exact
// decimal.
func (w Weights) MarshalJSON() ([]byte, error) {
	type plain Weights
	return json.Marshal(struct {
		plain
		ARRPerPoint money.JSON `json:"arr_per_point,omitzero"`
	}{plain(w), money.JSON(w.ARRPerPoint)})
}

// UnmarshalJSON decodes weights strictly over [DefaultWeights] (a key left
// out keeps its default) and validates them; errors wrap
// [ErrInvalidConfig], name the field, and w is left alone.
func (w *Weights) UnmarshalJSON(b []byte) error {
	var v struct {
		HighTouch   json.RawMessage `json:"high_touch"`
		LowTouch    json.RawMessage `json:"low_touch"`
		TechTouch   json.RawMessage `json:"tech_touch"`
		Renewal     json.RawMessage `json:"renewal"`
		ChurnCase   json.RawMessage `json:"churn_case"`
		Onboarding  json.RawMessage `json:"onboarding"`
		ARRPerPoint json.RawMessage `json:"arr_per_point"`
	}
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidConfig, "weights", err)
	}
	out := DefaultWeights()
	if err := decodeFields("", jsonstrict.F("high_touch", v.HighTouch, &out.HighTouch), jsonstrict.F("low_touch", v.LowTouch, &out.LowTouch),
		jsonstrict.F("tech_touch", v.TechTouch, &out.TechTouch), jsonstrict.F("renewal", v.Renewal, &out.Renewal),
		jsonstrict.F("churn_case", v.ChurnCase, &out.ChurnCase), jsonstrict.F("onboarding", v.Onboarding, &out.Onboarding),
		jsonstrict.F("arr_per_point", v.ARRPerPoint, amount(&out.ARRPerPoint))); err != nil {
		return decodeErr(ErrInvalidConfig, "weights", err)
	}
	if err := out.Validate(); err != nil {
		return decodeErr(ErrInvalidConfig, "weights", err)
	}
	*w = out
	return nil
}

// Config is a team's capacity set-up: its currency, the segment rules with
// their targets per CSM, the roster of CSMs and the load weights.
//
// Zero fields mean the documented defaults: no Segments means
// [DefaultSegments] of Phase (which then must be given, and the currency
// must be JPY, the defaults' currency); a zero Basis reads ARR; zero
// Weights means [DefaultWeights]. An empty roster is valid: the plan then
// says how many CSMs to hire.
type Config struct {
	// Currency is the currency of every amount of the book; required.
	Currency Currency `json:"currency"`
	// Phase is the business phase [seed 001]; it picks the default
	// segments when Segments is empty.
	Phase Phase `json:"phase,omitempty"`
	// Basis is the amount segment rules read: ARR (default) or ACV.
	Basis Basis `json:"basis,omitempty"`
	// Segments are the segment rules; they must cover [0, ∞) with no gap
	// and no overlap.
	Segments []Segment `json:"segments,omitempty"`
	// CSMs is the roster.
	CSMs []CSM `json:"csms,omitempty"`
	// Weights are the load weights.
	Weights Weights `json:"weights,omitzero"`
}

// Validate returns an error if:
//   - Currency is not a three-letter code ([ErrInvalidCurrency]);
//   - Phase or Basis is not declared ([ErrUnknownPhase], [ErrUnknownBasis]);
//   - Segments is empty and Phase is zero ([ErrInvalidConfig]), or the
//     currency is not JPY, the default segments' currency
//     ([ErrCurrencyMismatch]);
//   - a segment is invalid (see [Segment.Validate]), two share a name
//     ([ErrDuplicateID]), they leave a gap in [0, ∞) ([ErrSegmentGap]) or
//     overlap ([ErrSegmentOverlap]);
//   - a CSM has an empty or repeated ID ([ErrInvalidConfig],
//     [ErrDuplicateID]), names no segment of the config
//     ([ErrUnknownSegment]), lists an empty language, or has a negative
//     MaxAccounts or MaxLoad ([ErrInvalidConfig], [ErrInvalidPoints]);
//   - the weights are invalid (see [Weights.Validate]).
//
// Errors are [*FieldError]s whose Field is the path of the field
// ("csms[2].segment").
func (c Config) Validate() error {
	_, err := c.resolve()
	return err
}

// resolve validates c and returns it with its defaults written out and the
// segments in range order.
func (c Config) resolve() (Config, error) {
	if err := c.Currency.Validate(); err != nil {
		return c, fieldErr("", "currency", err)
	}
	if c.Phase != 0 && !c.Phase.Valid() {
		return c, fieldErr("", "phase", fmt.Errorf("%w %d", ErrUnknownPhase, c.Phase))
	}
	if !c.Basis.Valid() {
		return c, fieldErr("", "basis", fmt.Errorf("%w %d", ErrUnknownBasis, c.Basis))
	}
	segs := c.Segments
	if len(segs) == 0 {
		if c.Phase == 0 {
			return c, fieldErr("", "segments", fmt.Errorf("%w: no segments and no phase to take the default segments from", ErrInvalidConfig))
		}
		if c.Currency != "JPY" {
			return c, fieldErr("", "segments", fmt.Errorf("%w: the default segments are in JPY, the config in %s; give segments in %s", ErrCurrencyMismatch, c.Currency, c.Currency))
		}
		segs, _ = DefaultSegments(c.Phase)
	}
	order, err := checkCover(segs)
	if err != nil {
		return c, err
	}
	sorted := make([]Segment, len(order))
	for k, i := range order {
		sorted[k] = segs[i]
	}
	c.Segments = sorted
	seen := make(map[string]int, len(c.CSMs))
	for i, m := range c.CSMs {
		path := fmt.Sprintf("csms[%d]", i)
		switch {
		case m.ID == "":
			return c, fieldErr("", path+".id", fmt.Errorf("%w: empty CSM ID", ErrInvalidConfig))
		case m.MaxAccounts < 0:
			return c, fieldErr("", path+".max_accounts", fmt.Errorf("%w: negative limit %d", ErrInvalidConfig, m.MaxAccounts))
		case m.MaxLoad < 0 || m.MaxLoad > maxLoad:
			return c, fieldErr("", path+".max_load", fmt.Errorf("%w: %s", ErrInvalidPoints, m.MaxLoad))
		}
		if j, dup := seen[m.ID]; dup {
			return c, fieldErr("", path+".id", fmt.Errorf("%w: CSM %s is also csms[%d]", ErrDuplicateID, quote(m.ID), j))
		}
		seen[m.ID] = i
		if segmentIndex(sorted, m.Segment) < 0 {
			return c, fieldErr("", path+".segment", fmt.Errorf("%w %s", ErrUnknownSegment, quote(m.Segment)))
		}
		for k, l := range m.Languages {
			if l == "" {
				return c, fieldErr("", fmt.Sprintf("%s.languages[%d]", path, k), fmt.Errorf("%w: empty language", ErrInvalidConfig))
			}
		}
	}
	if c.Weights.IsZero() {
		c.Weights = DefaultWeights()
	}
	if err := c.Weights.Validate(); err != nil {
		return c, within("weights", err)
	}
	return c, nil
}

// segmentIndex returns the index of the segment named name, or -1.
func segmentIndex(segs []Segment, name string) int {
	for i := range segs {
		if segs[i].Name == name {
			return i
		}
	}
	return -1
}

// UnmarshalJSON decodes a config strictly (unknown keys refused, at any
// depth) and validates it; errors wrap [ErrInvalidConfig], name the path of
// the field ("csms[2].max_load"), and c is left alone.
func (c *Config) UnmarshalJSON(b []byte) error {
	type plain Config
	var w struct {
		plain
		Segments []json.RawMessage `json:"segments"`
		CSMs     []json.RawMessage `json:"csms"`
		Weights  json.RawMessage   `json:"weights"`
	}
	if err := jsonstrict.Decode(b, &w); err != nil {
		return decodeErr(ErrInvalidConfig, "config", err)
	}
	v := Config(w.plain)
	var fields []jsonstrict.Field
	if w.Segments != nil {
		v.Segments = make([]Segment, len(w.Segments))
	}
	for i, raw := range w.Segments {
		fields = append(fields, jsonstrict.F(fmt.Sprintf("segments[%d]", i), raw, &v.Segments[i]))
	}
	if w.CSMs != nil {
		v.CSMs = make([]CSM, len(w.CSMs))
	}
	for i, raw := range w.CSMs {
		fields = append(fields, jsonstrict.F(fmt.Sprintf("csms[%d]", i), raw, &v.CSMs[i]))
	}
	fields = append(fields, jsonstrict.F("weights", w.Weights, &v.Weights))
	if err := decodeFields("", fields...); err != nil {
		return decodeErr(ErrInvalidConfig, "config", err)
	}
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidConfig, "config", err)
	}
	*c = v
	return nil
}
