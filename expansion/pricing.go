package expansion

import "fmt"

// Profile is what a pricing model means for expansion: the kind it makes
// easiest, how much expansion under it moves LTV, and every kind in the
// order a host may rank opportunities by (easiest first). Seed 000 sets the
// usage-based row from its chart of expansion cost against LTV impact; the
// per-seat and tiered rows are ours, read from the same logic and from
// seed 002's per-seat Chatwork.
type Profile struct {
	// Model is the pricing model.
	Model PricingModel `json:"model"`
	// Easiest is the expansion the model makes easiest.
	Easiest Kind `json:"easiest"`
	// LTVImpact is how much expansion under the model moves LTV.
	LTVImpact Level `json:"ltv_impact"`
	// Order is every kind, easiest first; Order[0] is Easiest.
	Order []Kind `json:"order"`
	// FromSeed says the row is seed 000's; false marks ours.
	FromSeed bool `json:"from_seed"`
}

// Profile returns the model's documented profile; an undeclared model is
// an error wrapping [ErrUnknown].
//
//	model     easiest     LTV impact  order                                          source
//	usage     usage       high        usage, option, product, unit-price, seats     seed 000 (first two columns)
//	per-seat  seats       medium      seats, option, unit-price, product, usage     ours, after seed 002
//	tiered    unit-price  medium      unit-price, option, seats, product, usage     ours
//
// Seed 000: usage-based growth is the most frequent expansion and moves
// LTV most (data kept in the product becomes the customer's asset), but
// only a product priced by usage has it; cross-sell needs two or more
// products, so an early start-up rarely has it; an upsell comes only once
// success is visible, so it takes time. Every order puts cross-sell and the
// plan move after the model's own axis for those reasons [ours].
func (m PricingModel) Profile() (Profile, error) {
	switch m {
	case PricingUsage:
		return Profile{m, KindUsage, LevelHigh, []Kind{KindUsage, KindOption, KindProduct, KindUnitPrice, KindSeats}, true}, nil
	case PricingSeat:
		return Profile{m, KindSeats, LevelMedium, []Kind{KindSeats, KindOption, KindUnitPrice, KindProduct, KindUsage}, false}, nil
	case PricingTiered:
		return Profile{m, KindUnitPrice, LevelMedium, []Kind{KindUnitPrice, KindOption, KindSeats, KindProduct, KindUsage}, false}, nil
	}
	return Profile{}, fieldErr("pricing", "", "model", fmt.Errorf("%w %d", errUnknownPricing, m))
}

// Rank returns kind k's place in the profile's order, 1 for the easiest,
// or 0 for a kind not in it. A host ranks opportunities by it (then by
// revenue) to work the easiest first.
func (p Profile) Rank(k Kind) int {
	for i, o := range p.Order {
		if o == k {
			return i + 1
		}
	}
	return 0
}

// UnmarshalJSON decodes a profile strictly; an error wraps
// [ErrInvalidRecord] and leaves p unchanged.
func (p *Profile) UnmarshalJSON(b []byte) error {
	type plain Profile
	return decodePlain(b, (*plain)(p), ErrInvalidRecord, "profile", nil)
}
