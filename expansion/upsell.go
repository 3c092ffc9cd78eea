package expansion

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Plan is a rung of a product's plan ladder (Business, Enterprise).
type Plan struct {
	Name      string          // unique in the catalogue; required
	UnitPrice decimal.Decimal // price of one seat
}

// Option is a paid option that can be added to a plan.
type Option struct {
	Name    string          // unique in the catalogue; required
	Price   decimal.Decimal // per seat if PerSeat, else per account
	PerSeat bool            // the price is per seat
}

// Catalogue is what a product sells: its plans, lowest first (the ladder
// an upsell climbs, [seed 002]), and its paid options.
type Catalogue struct {
	Plans   []Plan   `json:"plans"`   // the plan ladder, lowest first
	Options []Option `json:"options"` // the paid options
}

// maxCatalogue bounds the plans and the options of a catalogue.
const maxCatalogue = 100

// Validate returns an error if:
//   - there is no plan ([ErrMissing]), or more than 100 plans or options
//     ([ErrTooLarge]);
//   - a plan or option has no name ([ErrMissing]) or the name of another
//     one of its list ([ErrDuplicate]);
//   - a price is negative ([ErrNegative]) or out of range
//     ([ErrAmountOutOfRange]);
//   - a plan is cheaper than the plan below it ([ErrNotUpgrade]).
//
// Every error is a [*FieldError] naming the field and wraps
// [ErrInvalidPolicy] too.
func (c Catalogue) Validate() error {
	switch {
	case len(c.Plans) == 0:
		return policyErr("plans", ErrMissing)
	case len(c.Plans) > maxCatalogue:
		return policyErr("plans", fmt.Errorf("%w: %d plans, above %d", ErrTooLarge, len(c.Plans), maxCatalogue))
	case len(c.Options) > maxCatalogue:
		return policyErr("options", fmt.Errorf("%w: %d options, above %d", ErrTooLarge, len(c.Options), maxCatalogue))
	}
	for i, p := range c.Plans {
		f := index("plans", i)
		if err := checkName(p.Name); err != nil {
			return policyErr(f+".name", err)
		}
		if !money.Valid(p.UnitPrice) {
			return policyErr(f+".unit_price", checkAmount(p.UnitPrice))
		}
		for k := range i {
			if c.Plans[k].Name == p.Name {
				return policyErr(f+".name", fmt.Errorf("%w: plan %s", ErrDuplicate, quote(p.Name)))
			}
		}
		if i > 0 && p.UnitPrice.Cmp(c.Plans[i-1].UnitPrice) < 0 {
			return policyErr(f+".unit_price", fmt.Errorf("%w: %s cheaper than %s below it", ErrNotUpgrade, quote(p.Name), quote(c.Plans[i-1].Name)))
		}
	}
	for i, o := range c.Options {
		f := index("options", i)
		if err := checkName(o.Name); err != nil {
			return policyErr(f+".name", err)
		}
		if !money.Valid(o.Price) {
			return policyErr(f+".price", checkAmount(o.Price))
		}
		for k := range i {
			if c.Options[k].Name == o.Name {
				return policyErr(f+".name", fmt.Errorf("%w: option %s", ErrDuplicate, quote(o.Name)))
			}
		}
	}
	return nil
}

// plan returns the index of the plan named n, or -1.
func (c *Catalogue) plan(n string) int {
	for i, p := range c.Plans {
		if p.Name == n {
			return i
		}
	}
	return -1
}

// option returns the index of the option named n, or -1.
func (c *Catalogue) option(n string) int {
	for i, o := range c.Options {
		if o.Name == n {
			return i
		}
	}
	return -1
}

type planJSON struct {
	Name      string     `json:"name"`
	UnitPrice money.JSON `json:"unit_price"`
}

// MarshalJSON encodes {"name":"business","unit_price":"500"}.
func (p Plan) MarshalJSON() ([]byte, error) {
	return json.Marshal(planJSON{p.Name, money.JSON(p.UnitPrice)})
}

// UnmarshalJSON decodes a plan strictly and checks its name and price as
// [Catalogue.Validate] does; an error wraps [ErrInvalidPolicy] and leaves p
// unchanged.
func (p *Plan) UnmarshalJSON(b []byte) error {
	var j planJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidPolicy, "plan", err)
	}
	v := Plan{j.Name, decimal.Decimal(j.UnitPrice)}
	if err := (Catalogue{Plans: []Plan{v}}).Validate(); err != nil {
		return decodeErr(ErrInvalidPolicy, "plan", err)
	}
	*p = v
	return nil
}

type optionJSON struct {
	Name    string     `json:"name"`
	Price   money.JSON `json:"price"`
	PerSeat bool       `json:"per_seat"`
}

// MarshalJSON encodes {"name":"sso","price":"20000","per_seat":false}.
func (o Option) MarshalJSON() ([]byte, error) {
	return json.Marshal(optionJSON{o.Name, money.JSON(o.Price), o.PerSeat})
}

// UnmarshalJSON decodes an option strictly and checks its name and price
// as [Catalogue.Validate] does; an error wraps [ErrInvalidPolicy] and
// leaves o unchanged.
func (o *Option) UnmarshalJSON(b []byte) error {
	var j optionJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidPolicy, "option", err)
	}
	v := Option{j.Name, decimal.Decimal(j.Price), j.PerSeat}
	if err := (Catalogue{Plans: []Plan{{Name: "-"}}, Options: []Option{v}}).Validate(); err != nil {
		return decodeErr(ErrInvalidPolicy, "option", err)
	}
	*o = v
	return nil
}

type catalogueJSON struct {
	Plans   []Plan   `json:"plans"`
	Options []Option `json:"options"`
}

// MarshalJSON encodes the catalogue with exact decimal prices:
// {"plans":[{"name":"business","unit_price":"500"}],"options":[{"name":"sso","price":"20000","per_seat":false}]}.
func (c Catalogue) MarshalJSON() ([]byte, error) {
	j := catalogueJSON(c)
	if j.Plans == nil {
		j.Plans = []Plan{}
	}
	if j.Options == nil {
		j.Options = []Option{}
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes a catalogue strictly and validates it; an error
// wraps [ErrInvalidPolicy] and leaves c unchanged. The zero Catalogue
// (no plans) encodes, but does not decode back: a catalogue needs a plan.
func (c *Catalogue) UnmarshalJSON(b []byte) error {
	var j catalogueJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidPolicy, "catalogue", err)
	}
	v := Catalogue(j)
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidPolicy, "catalogue", err)
	}
	*c = v
	return nil
}

// Upsell is a proposal a CSM considers: a move up the plan ladder, paid
// options, or both, for the seats the account holds, with the success
// signals the host has recorded for the account.
type Upsell struct {
	// Account is the account; required.
	Account string `json:"account"`
	// Plan is the plan the account is on; required.
	Plan string `json:"plan"`
	// Target is the higher plan proposed; empty keeps Plan.
	Target string `json:"target"`
	// Options are the paid options proposed, each once.
	Options []string `json:"options"`
	// Seats is the account's paid seats.
	Seats int64 `json:"seats"`
	// Signals are the success signals present, each once.
	Signals []Signal `json:"signals"`
}

// Validate returns an error if:
//   - Account or Plan is empty or longer than 256 bytes ([ErrMissing],
//     [ErrTooLarge]);
//   - Seats is negative ([ErrNegative]) or above [MaxPeople]
//     ([ErrTooLarge]);
//   - an option name is empty ([ErrMissing]) or listed twice
//     ([ErrDuplicate]), or there are more than 100;
//   - a signal is not declared ([ErrUnknown]) or listed twice
//     ([ErrDuplicate]).
//
// Whether the plans and options exist is checked against a catalogue by
// [Policy.Propose].
func (u Upsell) Validate() error {
	bad := func(field string, err error) error { return fieldErr("upsell", u.Account, field, err) }
	if err := checkName(u.Account); err != nil {
		return bad("account", err)
	}
	if err := checkName(u.Plan); err != nil {
		return bad("plan", err)
	}
	if len(u.Target) > maxName {
		return bad("target", checkName(u.Target))
	}
	if err := checkPeople(u.Seats); err != nil {
		return bad("seats", err)
	}
	if len(u.Options) > maxCatalogue {
		return bad("options", fmt.Errorf("%w: %d options, above %d", ErrTooLarge, len(u.Options), maxCatalogue))
	}
	for i, o := range u.Options {
		if err := checkName(o); err != nil {
			return bad(index("options", i), err)
		}
		for k := range i {
			if u.Options[k] == o {
				return bad(index("options", i), fmt.Errorf("%w: option %s", ErrDuplicate, quote(o)))
			}
		}
	}
	if _, err := signalMask(u.Signals); err != nil {
		fe := err.(*FieldError)
		return bad("signals"+fe.Field, fe.Err)
	}
	return nil
}

type upsellJSON Upsell

// MarshalJSON encodes the upsell.
func (u Upsell) MarshalJSON() ([]byte, error) { return json.Marshal(upsellJSON(u)) }

// UnmarshalJSON decodes an upsell strictly and validates it; an error
// wraps [ErrInvalidRecord] and leaves u unchanged.
func (u *Upsell) UnmarshalJSON(b []byte) error {
	var j upsellJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "upsell", err)
	}
	v := Upsell(j)
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "upsell", err)
	}
	*u = v
	return nil
}

// Proposal is an upsell priced and checked for readiness.
type Proposal struct {
	// Account, From (the current plan), To (the plan after the move, From
	// when it stays), Options and Seats restate the upsell.
	Account string
	From    string
	To      string
	Options []string
	Seats   int64
	// PlanRevenue is Seats × (To's unit price − From's): a
	// [KindUnitPrice] expansion.
	PlanRevenue decimal.Decimal
	// OptionRevenue is the options' price, per seat × Seats or per
	// account: a [KindOption] expansion.
	OptionRevenue decimal.Decimal
	// Revenue is PlanRevenue + OptionRevenue, the revenue of the move.
	Revenue decimal.Decimal
	// Ready says the proposal may be made now: every signal the policy's
	// Readiness lists is present, or the customer asked. An upsell
	// proposed before success is visible is turned down ("not at that
	// stage yet", 「まだそんな段階じゃない」) [seed 000], so an unready
	// proposal is withheld.
	Ready bool
	// Missing lists the required signals not present, in declaration
	// order (empty when none are).
	Missing []Signal
}

type proposalJSON struct {
	Account       string     `json:"account"`
	From          string     `json:"from"`
	To            string     `json:"to"`
	Options       []string   `json:"options"`
	Seats         int64      `json:"seats"`
	PlanRevenue   money.JSON `json:"plan_revenue"`
	OptionRevenue money.JSON `json:"option_revenue"`
	Revenue       money.JSON `json:"revenue"`
	Ready         bool       `json:"ready"`
	Missing       []Signal   `json:"missing"`
}

// MarshalJSON encodes the proposal with exact decimal strings.
func (p Proposal) MarshalJSON() ([]byte, error) {
	return json.Marshal(proposalJSON{p.Account, p.From, p.To, p.Options, p.Seats, money.JSON(p.PlanRevenue),
		money.JSON(p.OptionRevenue), money.JSON(p.Revenue), p.Ready, p.Missing})
}

// UnmarshalJSON decodes what MarshalJSON writes; an error wraps
// [ErrInvalidRecord] and leaves p unchanged.
func (p *Proposal) UnmarshalJSON(b []byte) error {
	var j proposalJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "proposal", err)
	}
	v := Proposal{j.Account, j.From, j.To, j.Options, j.Seats, decimal.Decimal(j.PlanRevenue),
		decimal.Decimal(j.OptionRevenue), decimal.Decimal(j.Revenue), j.Ready, j.Missing}
	if err := checkAmounts("proposal", v.Account, amount{"plan_revenue", v.PlanRevenue}, amount{"option_revenue", v.OptionRevenue},
		amount{"revenue", v.Revenue}); err != nil {
		return decodeErr(ErrInvalidRecord, "proposal", err)
	}
	*p = v
	return nil
}

// Propose prices the upsell u against the catalogue c and checks its
// readiness against the policy. It returns an error if p, c or u is
// invalid (see their Validate methods), if a plan or option is not in the
// catalogue ([ErrUnknownPlan], [ErrUnknownOption]), or if u is no upgrade:
// Target is not above Plan on the ladder, or u proposes nothing
// ([ErrNotUpgrade]).
//
// An unready proposal is not an error: it comes back with Ready false and
// the signals it waits for.
func (p Policy) Propose(c Catalogue, u Upsell) (Proposal, error) {
	s, err := p.settings()
	if err != nil {
		return Proposal{}, err
	}
	if err := c.Validate(); err != nil {
		return Proposal{}, err
	}
	if err := u.Validate(); err != nil {
		return Proposal{}, err
	}
	bad := func(field string, err error) (Proposal, error) {
		return Proposal{}, fieldErr("upsell", u.Account, field, err)
	}
	from := c.plan(u.Plan)
	if from < 0 {
		return bad("plan", fmt.Errorf("%w %s", ErrUnknownPlan, quote(u.Plan)))
	}
	to := from
	if u.Target != "" {
		if to = c.plan(u.Target); to < 0 {
			return bad("target", fmt.Errorf("%w %s", ErrUnknownPlan, quote(u.Target)))
		}
		if to <= from {
			return bad("target", fmt.Errorf("%w: %s is not above %s", ErrNotUpgrade, quote(u.Target), quote(u.Plan)))
		}
	}
	if to == from && len(u.Options) == 0 {
		return bad("target", fmt.Errorf("%w: no higher plan and no option", ErrNotUpgrade))
	}
	seats := decimal.NewFromInt(u.Seats)
	out := Proposal{
		Account: u.Account, From: u.Plan, To: c.Plans[to].Name, Options: append([]string{}, u.Options...), Seats: u.Seats,
		PlanRevenue: c.Plans[to].UnitPrice.Sub(c.Plans[from].UnitPrice).Mul(seats),
		Missing:     []Signal{},
	}
	var opts money.Sum
	for i, n := range u.Options {
		k := c.option(n)
		if k < 0 {
			return bad(index("options", i), fmt.Errorf("%w %s", ErrUnknownOption, quote(n)))
		}
		if o := c.Options[k]; o.PerSeat {
			opts.Add(o.Price.Mul(seats))
		} else {
			opts.Add(o.Price)
		}
	}
	out.OptionRevenue = opts.Decimal()
	out.Revenue = out.PlanRevenue.Add(out.OptionRevenue)
	have, _ := signalMask(u.Signals)
	for sg := SignalOnboarded; int(sg) < numSignals; sg++ {
		if s.readiness&(1<<sg) != 0 && have&(1<<sg) == 0 {
			out.Missing = append(out.Missing, sg)
		}
	}
	out.Ready = len(out.Missing) == 0 || have&(1<<SignalRequested) != 0
	return out, nil
}
