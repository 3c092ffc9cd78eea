package roi

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/cskit/cskit/date"
)

// Claim is an ROI statement the vendor wants to make in public, with the
// scenario and logic behind it and the customers who confirmed that logic.
//
// Seed 000: try the numbers and the logic on several customers and adopt
// them once they answer "yes, that may be right"; and if the ROI is
// published, Japan's Act on Specified Commercial Transactions forbids
// exaggerated advertising: even a sound logic may count as exaggerated
// without customers' voices agreeing with it. So a claim keeps each
// confirmation, who and when, and is publishable only with enough of them
// ([ClaimPolicy]).
type Claim struct {
	ID            string         `json:"id"`            // the claim's ID
	Statement     string         `json:"statement"`     // what would be published
	Scenario      Scenario       `json:"scenario"`      // the scenario and logic customers confirmed
	Confirmations []Confirmation `json:"confirmations"` // in any order; may be empty
}

// Confirmation records that a customer agreed with a claim's logic.
type Confirmation struct {
	Customer string    `json:"customer"`       // the confirming customer's account
	On       date.Date `json:"on"`             // the day it confirmed
	Note     string    `json:"note,omitempty"` // who said it, in what words
}

// Validate checks the claim.
//
// Validate returns an error if:
//   - the ID or the statement is empty ([ErrMissing]);
//   - the scenario does not validate (see [Scenario.Validate]);
//   - a confirmation has no customer or no date ([ErrMissing]).
//
// Errors are [*FieldError] values naming the claim and the field.
func (c Claim) Validate() error {
	return owned("claim", c.ID, c.validate())
}

func (c Claim) validate() error {
	switch {
	case c.ID == "":
		return fieldErr("id", ErrMissing)
	case c.Statement == "":
		return fieldErr("statement", ErrMissing)
	}
	if err := c.Scenario.Validate(); err != nil {
		return within("scenario", err)
	}
	for i, f := range c.Confirmations {
		if err := f.Validate(); err != nil {
			return within(index("confirmations", i), err)
		}
	}
	return nil
}

// KnownOn returns the claim as it was known on day d: with only the
// confirmations dated on or before d, in their order. It replays the past
// for [ClaimPolicy.Review], which refuses confirmations dated after its
// as-of day.
func (c Claim) KnownOn(d date.Date) Claim {
	var kept []Confirmation
	for _, f := range c.Confirmations {
		if !f.On.After(d) {
			kept = append(kept, f)
		}
	}
	c.Confirmations = kept
	return c
}

// Validate checks the confirmation.
//
// Validate returns an error if the customer or the date is missing
// ([ErrMissing]).
func (f Confirmation) Validate() error {
	switch {
	case f.Customer == "":
		return fieldErr("customer", ErrMissing)
	case f.On.IsZero():
		return fieldErr("on", ErrMissing)
	}
	return nil
}

// UnmarshalJSON decodes a confirmation and validates it. Every error wraps
// [ErrInvalidClaim]; on error f is left unchanged.
func (f *Confirmation) UnmarshalJSON(b []byte) error {
	return decodeAs(b, f, ErrInvalidClaim, "confirmation", func(w confirmationJSON) (Confirmation, error) {
		return validated(w.confirmation())
	})
}

// confirmationJSON is the wire form a Confirmation decodes from, without
// validation; a day that does not decode is reported as the field "on".
type confirmationJSON struct {
	Customer string        `json:"customer"`
	On       in[date.Date] `json:"on"`
	Note     string        `json:"note,omitempty"`
}

// confirmation returns the decoded confirmation, not yet validated.
func (w confirmationJSON) confirmation() (Confirmation, error) {
	on, err := w.On.get("on")
	return Confirmation{w.Customer, on, w.Note}, err
}

// UnmarshalJSON decodes a claim and validates it ([Claim.Validate]), so
// an error names the field. Every error wraps [ErrInvalidClaim]; on error
// c is left unchanged.
func (c *Claim) UnmarshalJSON(b []byte) error {
	return decodeAs(b, c, ErrInvalidClaim, "claim", func(w claimJSON) (Claim, error) { return validated(w.claim()) })
}

// claimJSON is the wire form a Claim decodes from.
type claimJSON struct {
	ID            string             `json:"id"`
	Statement     string             `json:"statement"`
	Scenario      scenarioJSON       `json:"scenario"`
	Confirmations []confirmationJSON `json:"confirmations"`
}

// claim returns the decoded claim, not yet validated; an error names the
// claim and the field.
func (w claimJSON) claim() (Claim, error) {
	s, err := w.Scenario.scenario()
	if err != nil {
		return Claim{}, owned("claim", w.ID, within("scenario", err))
	}
	v := Claim{ID: w.ID, Statement: w.Statement, Scenario: s}
	for i, f := range w.Confirmations {
		k, err := f.confirmation()
		if err != nil {
			return Claim{}, owned("claim", w.ID, within(index("confirmations", i), err))
		}
		v.Confirmations = append(v.Confirmations, k)
	}
	return v, nil
}

// DefaultMinConfirmations is how many customers must confirm a claim
// before it is publishable, when a [ClaimPolicy] does not say: three
// [ours], reading the seed's "several customers" (いくつかの顧客).
const DefaultMinConfirmations = 3

// ClaimPolicy says when a claim may be published.
//
// The zero ClaimPolicy means the defaults ([DefaultClaimPolicy]).
type ClaimPolicy struct {
	// MinConfirmations is the number of different customers that must
	// have confirmed a claim; 0 means DefaultMinConfirmations (3, [ours]).
	MinConfirmations int `json:"min_confirmations"`
}

// DefaultClaimPolicy returns the defaults a zero ClaimPolicy means.
func DefaultClaimPolicy() ClaimPolicy {
	return ClaimPolicy{MinConfirmations: DefaultMinConfirmations}
}

// Validate checks the policy.
//
// Validate returns an error wrapping [ErrInvalidConfig] if
// MinConfirmations is negative.
func (p ClaimPolicy) Validate() error {
	if p.MinConfirmations < 0 {
		return fieldErr("min_confirmations", fmt.Errorf("%w: %d is negative", ErrInvalidConfig, p.MinConfirmations))
	}
	return nil
}

// UnmarshalJSON decodes a policy and validates it. Every error wraps
// [ErrInvalidConfig]; on error p is left unchanged.
func (p *ClaimPolicy) UnmarshalJSON(b []byte) error {
	type plain ClaimPolicy
	return decodeAs(b, p, ErrInvalidConfig, "claim policy", func(w plain) (ClaimPolicy, error) { return validated(ClaimPolicy(w), nil) })
}

// Publication is whether a claim may be published as of a day, and why.
type Publication struct {
	Claim       string    `json:"claim"`       // the claim's ID
	Publishable bool      `json:"publishable"` // len(Customers) ≥ Required
	Required    int       `json:"required"`    // the policy's minimum
	Customers   []string  `json:"customers"`   // the different customers that confirmed, by the day each first confirmed (then by name)
	Since       date.Date `json:"since"`       // the day the Required-th customer confirmed; zero while not publishable
}

// Review says whether the claim may be published as of asOf: whether at
// least MinConfirmations different customers confirmed it. A customer
// that confirmed twice counts once, from its first confirmation.
//
// Review returns an error if:
//   - the policy does not validate ([ErrInvalidConfig]);
//   - asOf is the zero Date ([ErrMissing]);
//   - the claim does not validate (see [Claim.Validate]);
//   - a confirmation is dated after asOf ([ErrAfterAsOf]): a record from
//     the future is refused, not ignored.
func (p ClaimPolicy) Review(c Claim, asOf date.Date) (Publication, error) {
	if err := p.Validate(); err != nil {
		return Publication{}, err
	}
	if asOf.IsZero() {
		return Publication{}, fieldErr("as_of", ErrMissing)
	}
	if err := c.Validate(); err != nil {
		return Publication{}, err
	}
	first := make(map[string]date.Date, len(c.Confirmations))
	for i, f := range c.Confirmations {
		if f.On.After(asOf) {
			return Publication{}, owned("claim", c.ID, fieldErr(index("confirmations", i)+".on",
				fmt.Errorf("%w: %s after %s", ErrAfterAsOf, f.On, asOf)))
		}
		if d, ok := first[f.Customer]; !ok || f.On.Before(d) {
			first[f.Customer] = f.On
		}
	}
	customers := make([]string, 0, len(first))
	for k := range first {
		customers = append(customers, k)
	}
	slices.SortFunc(customers, func(a, b string) int {
		return cmp.Or(first[a].Compare(first[b]), cmp.Compare(a, b))
	})
	need := p.MinConfirmations
	if need == 0 {
		need = DefaultMinConfirmations
	}
	pub := Publication{Claim: c.ID, Required: need, Customers: customers}
	if len(customers) >= need {
		pub.Publishable = true
		pub.Since = first[customers[need-1]]
	}
	return pub, nil
}

// UnmarshalJSON decodes a publication (strictly). Every error wraps
// [ErrInvalidResult]; on error u is left unchanged.
func (u *Publication) UnmarshalJSON(b []byte) error {
	type plain Publication
	return decodeAs(b, u, ErrInvalidResult, "publication", func(w plain) (Publication, error) { return Publication(w), nil })
}
