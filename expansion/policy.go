package expansion

import (
	"encoding/json"
	"fmt"
	"math/bits"
	"strings"

	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Policy holds every choice of this package a host may change. The zero
// Policy means the documented defaults, each field on its own; a zero
// field means its default. [DefaultPolicy] writes them out.
type Policy struct {
	// Grouping files each kind of expansion under a group of the report;
	// zero fields take [DefaultGrouping]'s (seed 002's split).
	Grouping Grouping `json:"grouping"`
	// UnderUsedBelow: utilisation (active / paid seats) strictly below it
	// is [BandUnderUsed]. Zero means 0.40 [CS platforms].
	UnderUsedBelow decimal.Decimal `json:"under_used_below"`
	// NearLimitAbove: utilisation strictly above it is [BandNearLimit], an
	// expansion signal; from UnderUsedBelow up to it inclusive is
	// [BandHealthy]. Zero means 0.80 [CS platforms; the 80% edge is ours].
	NearLimitAbove decimal.Decimal `json:"near_limit_above"`
	// MinRoom is the room, in seats, a rung of the ladder needs for the
	// footprint to be an expansion lead (at least MinRoom). Zero means 10
	// seats [ours].
	MinRoom int64 `json:"min_room"`
	// Top is how many leads [HeadroomBook] keeps, best first. Zero means
	// 10 [ours]; at most 1000.
	Top int `json:"top"`
	// Readiness lists the success signals an upsell proposal waits for
	// ([Policy.Propose]); a customer's own request ([SignalRequested])
	// makes it ready whatever is missing. Nil means onboarded and
	// goal-progress [ours, after seed 000: an upsell comes once success is
	// visible]; an empty non-nil list requires nothing.
	Readiness []Signal `json:"readiness"`
	// ProductLoss is how a product dropped by an account that still pays
	// for another is counted in revenue movements. The zero value is
	// ProductLossContraction.
	ProductLoss ProductLoss `json:"product_loss"`
	// Netting is whether an account's product changes are netted before
	// they are classed. The zero value is NetPerAccount.
	Netting Netting `json:"netting"`
	// SeminarYield is the share of a training seminar's attendees expected
	// to answer "yes" to the survey's sales question. Zero means 0.05, one
	// in twenty [seed 000].
	SeminarYield decimal.Decimal `json:"seminar_yield"`
}

// Defaults of the fields of Policy.
var (
	defaultUnderUsed    = decimal.New(40, -2)
	defaultNearLimit    = decimal.New(80, -2)
	defaultSeminarYield = decimal.New(5, -2)
)

const (
	defaultMinRoom = 10
	defaultTop     = 10
	maxTop         = 1000
)

// DefaultPolicy returns the zero Policy's meaning written out: seed 002's
// grouping, bands under 40% / above 80%, a lead from 10 seats of room, the
// top 10 leads, upsell readiness on onboarding and goal progress, a
// dropped product counted as contraction, per-account netting and a
// seminar yield of one in twenty.
func DefaultPolicy() Policy {
	return Policy{
		Grouping:       DefaultGrouping(),
		UnderUsedBelow: defaultUnderUsed,
		NearLimitAbove: defaultNearLimit,
		MinRoom:        defaultMinRoom,
		Top:            defaultTop,
		Readiness:      []Signal{SignalOnboarded, SignalGoalProgress},
		ProductLoss:    ProductLossContraction,
		Netting:        NetPerAccount,
		SeminarYield:   defaultSeminarYield,
	}
}

// settings is a validated Policy with its defaults filled in and its
// thresholds read once.
type settings struct {
	grouping   [numKinds]Group
	underUsed  threshold
	nearLimit  threshold
	minRoom    int64
	top        int
	readiness  uint8 // bit s set: signal s required
	loss       ProductLoss
	netting    Netting
	yield      decimal.Decimal
	underValue decimal.Decimal
	nearValue  decimal.Decimal
}

// same reports whether two settings are the same policy.
func (s *settings) same(o *settings) bool {
	return s.grouping == o.grouping && s.underValue.Equal(o.underValue) && s.nearValue.Equal(o.nearValue) &&
		s.minRoom == o.minRoom && s.top == o.top && s.readiness == o.readiness &&
		s.loss == o.loss && s.netting == o.netting && s.yield.Equal(o.yield)
}

// Validate returns an error if:
//   - a Grouping field is not a declared group ([ErrUnknown]);
//   - UnderUsedBelow, NearLimitAbove or SeminarYield is negative
//     ([ErrNegative]) or out of range ([ErrAmountOutOfRange]);
//   - UnderUsedBelow (or its default) is above NearLimitAbove (or its
//     default), or SeminarYield is above 1 ([ErrInvalidPolicy]);
//   - MinRoom or Top is negative ([ErrNegative]), MinRoom is above
//     [MaxPeople] or Top above 1000 ([ErrTooLarge]);
//   - Readiness lists an undeclared signal ([ErrUnknown]) or one twice
//     ([ErrDuplicate]);
//   - ProductLoss or Netting is not a declared convention ([ErrUnknown]).
//
// Every error is a [*FieldError] naming the field and wraps
// [ErrInvalidPolicy] too.
func (p Policy) Validate() error {
	_, err := p.settings()
	return err
}

// policyErr is a policy validation error: a *FieldError naming the field
// (under the field of a nested *FieldError) that wraps ErrInvalidPolicy and
// err.
func policyErr(field string, err error) error {
	if fe, ok := err.(*FieldError); ok {
		if field != "" && fe.Field != "" && !strings.HasPrefix(fe.Field, "[") {
			field += "."
		}
		field, err = field+fe.Field, fe.Err
	}
	return fieldErr("policy", "", field, &fault.KindError{Pkg: pkg, Kind: ErrInvalidPolicy, Err: err})
}

// settings validates p and fills in its defaults.
func (p Policy) settings() (*settings, error) {
	s := &settings{minRoom: p.MinRoom, top: p.Top, loss: p.ProductLoss, netting: p.Netting}
	g, err := p.Grouping.table()
	if err != nil {
		return nil, policyErr("grouping", err)
	}
	s.grouping = g
	rate := func(field string, d, def decimal.Decimal) (decimal.Decimal, error) {
		if d.IsZero() {
			return def, nil
		}
		if err := checkAmount(d); err != nil {
			return d, policyErr(field, err)
		}
		return d, nil
	}
	if s.underValue, err = rate("under_used_below", p.UnderUsedBelow, defaultUnderUsed); err != nil {
		return nil, err
	}
	if s.nearValue, err = rate("near_limit_above", p.NearLimitAbove, defaultNearLimit); err != nil {
		return nil, err
	}
	if s.underValue.Cmp(s.nearValue) > 0 {
		return nil, policyErr("under_used_below", fmt.Errorf("%s above near_limit_above %s", money.Format(s.underValue), money.Format(s.nearValue)))
	}
	if s.yield, err = rate("seminar_yield", p.SeminarYield, defaultSeminarYield); err != nil {
		return nil, err
	}
	if s.yield.Cmp(decimal.New(1, 0)) > 0 {
		return nil, policyErr("seminar_yield", fmt.Errorf("%s above 1", money.Format(s.yield)))
	}
	s.underUsed, s.nearLimit = newThreshold(s.underValue), newThreshold(s.nearValue)
	switch {
	case p.MinRoom == 0:
		s.minRoom = defaultMinRoom
	case p.MinRoom < 0 || p.MinRoom > MaxPeople:
		return nil, policyErr("min_room", checkPeople(p.MinRoom))
	}
	switch {
	case p.Top == 0:
		s.top = defaultTop
	case p.Top < 0:
		return nil, policyErr("top", fmt.Errorf("%w: %d", ErrNegative, p.Top))
	case p.Top > maxTop:
		return nil, policyErr("top", fmt.Errorf("%w: %d, above %d", ErrTooLarge, p.Top, maxTop))
	}
	if p.Readiness == nil {
		s.readiness = 1<<SignalOnboarded | 1<<SignalGoalProgress
	} else {
		m, err := signalMask(p.Readiness)
		if err != nil {
			return nil, policyErr("readiness", err)
		}
		s.readiness = m
	}
	if !p.ProductLoss.Valid() {
		return nil, policyErr("product_loss", fmt.Errorf("%w %d", errUnknownProductLoss, p.ProductLoss))
	}
	if !p.Netting.Valid() {
		return nil, policyErr("netting", fmt.Errorf("%w %d", errUnknownNetting, p.Netting))
	}
	return s, nil
}

// signalMask returns the set of signals as bits; an undeclared or repeated
// signal is an error naming its index.
func signalMask(list []Signal) (uint8, error) {
	var m uint8
	for i, sg := range list {
		switch {
		case !sg.Valid():
			return 0, fieldErr("", "", index("", i), fmt.Errorf("%w %d", errUnknownSignal, sg))
		case m&(1<<sg) != 0:
			return 0, fieldErr("", "", index("", i), fmt.Errorf("%w: signal %s", ErrDuplicate, sg))
		}
		m |= 1 << sg
	}
	return m, nil
}

type policyJSON struct {
	Grouping       Grouping    `json:"grouping"`
	UnderUsedBelow money.JSON  `json:"under_used_below"`
	NearLimitAbove money.JSON  `json:"near_limit_above"`
	MinRoom        int64       `json:"min_room"`
	Top            int         `json:"top"`
	Readiness      []Signal    `json:"readiness"`
	ProductLoss    ProductLoss `json:"product_loss"`
	Netting        Netting     `json:"netting"`
	SeminarYield   money.JSON  `json:"seminar_yield"`
}

// MarshalJSON encodes the policy with exact decimal strings; a zero field
// encodes as its zero value (it still means the default).
func (p Policy) MarshalJSON() ([]byte, error) {
	return json.Marshal(policyJSON{p.Grouping, money.JSON(p.UnderUsedBelow), money.JSON(p.NearLimitAbove),
		p.MinRoom, p.Top, p.Readiness, p.ProductLoss, p.Netting, money.JSON(p.SeminarYield)})
}

// UnmarshalJSON decodes a policy strictly (unknown keys are errors) and
// validates it. Missing keys are zero, so they mean their defaults. An
// error wraps [ErrInvalidPolicy] and leaves p unchanged.
func (p *Policy) UnmarshalJSON(b []byte) error {
	var j policyJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidPolicy, "policy", err)
	}
	v := Policy{j.Grouping, decimal.Decimal(j.UnderUsedBelow), decimal.Decimal(j.NearLimitAbove),
		j.MinRoom, j.Top, j.Readiness, j.ProductLoss, j.Netting, decimal.Decimal(j.SeminarYield)}
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidPolicy, "policy", err)
	}
	*p = v
	return nil
}

// threshold is a non-negative rate read once so that a count ratio
// num/den compares with it exactly, in integers: the rate is c/k.
type threshold struct {
	c, k uint64
	fast bool            // c and k fit; otherwise compare with d
	d    decimal.Decimal // the rate
}

func newThreshold(d decimal.Decimal) threshold {
	t := threshold{d: d}
	if d.Sign() < 0 || d.NumDigits() > 18 {
		return t
	}
	c, e := uint64(d.CoefficientInt64()), d.Exponent()
	switch {
	case e <= 0 && e >= -18:
		t.c, t.k, t.fast = c, pow10[-e], true
	case e > 0 && e <= 18:
		hi, lo := bits.Mul64(c, pow10[e])
		t.c, t.k, t.fast = lo, 1, hi == 0
	}
	return t
}

var pow10 = [19]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// cmp compares num/den with the threshold: -1 below, 0 equal, +1 above.
// num ≥ 0 and den > 0. It allocates nothing on the fast path.
func (t threshold) cmp(num, den int64) int {
	if t.fast {
		// num/den ? c/k  ⇔  num·k ? c·den
		ah, al := bits.Mul64(uint64(num), t.k)
		bh, bl := bits.Mul64(t.c, uint64(den))
		switch {
		case ah < bh || (ah == bh && al < bl):
			return -1
		case ah == bh && al == bl:
			return 0
		}
		return 1
	}
	return decimal.NewFromInt(num).Cmp(t.d.Mul(decimal.NewFromInt(den)))
}
