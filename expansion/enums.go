package expansion

import "github.com/cskit/cskit/internal/enum"

// Kind is what an expansion adds to an account's revenue: the taxonomy the
// seeds use under different names (see the package doc, "Words"). The zero
// value is invalid as input and encodes as "".
type Kind uint8

// The kinds of expansion.
const (
	// KindSeats: more paid seats (paid users) of a product the account
	// holds, converted free users included [seed 002].
	KindSeats Kind = iota + 1
	// KindUnitPrice: a higher unit price, a move up the plan ladder
	// (Business → Enterprise) [seed 002].
	KindUnitPrice
	// KindOption: a paid option added to a product the account holds
	// [seed 002].
	KindOption
	// KindProduct: another product, a cross-sell [seed 002, seed 000].
	KindProduct
	// KindUsage: usage growth under usage-based pricing [seed 000].
	KindUsage
)

// numKinds is one more than the last kind, the length of per-kind arrays.
const numKinds = int(KindUsage) + 1

var kindNames = [...]string{"", "seats", "unit-price", "option", "product", "usage"}

// String returns the kind's name ("unit-price").
func (k Kind) String() string { return enum.String("Kind", uint8(k), kindNames[:]) }

// Valid reports whether k is a declared kind.
func (k Kind) Valid() bool { return enum.Valid(uint8(k), kindNames[:]) }

// MarshalText encodes the kind's name; the zero value encodes as "".
func (k Kind) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(k), kindNames[:], errUnknownKind)
}

// UnmarshalText decodes a kind's name ("" is the zero value); other text
// returns an error wrapping [ErrUnknown] and leaves k unchanged.
func (k *Kind) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(k), b, kindNames[:], errUnknownKind)
}

// Group is a line of the expansion report: the heading a [Grouping] files
// a kind under. The zero value is invalid as input and encodes as "".
type Group uint8

// The groups of seed 002's four strategies (churn being the fourth).
const (
	// GroupExpansion: more of what the account has (seats, usage); under
	// the umbrella reading of seed 000, every kind.
	GroupExpansion Group = iota + 1
	// GroupUpsell: a higher unit price (a higher plan or a paid option).
	GroupUpsell
	// GroupCrossSell: another product.
	GroupCrossSell
)

const numGroups = int(GroupCrossSell) + 1

var groupNames = [...]string{"", "expansion", "upsell", "cross-sell"}

// String returns the group's name ("cross-sell").
func (g Group) String() string { return enum.String("Group", uint8(g), groupNames[:]) }

// Valid reports whether g is a declared group.
func (g Group) Valid() bool { return enum.Valid(uint8(g), groupNames[:]) }

// MarshalText encodes the group's name; the zero value encodes as "".
func (g Group) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(g), groupNames[:], errUnknownGroup)
}

// UnmarshalText decodes a group's name ("" is the zero value); other text
// returns an error wrapping [ErrUnknown] and leaves g unchanged.
func (g *Group) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(g), b, groupNames[:], errUnknownGroup)
}

// Rung is a step of the organisational ladder a product climbs inside a
// customer: department, whole company, group of companies [seed 002]. Each
// rung is larger and harder to win than the one below. The zero value is
// invalid as input and encodes as "".
type Rung uint8

// The rungs, from the smallest.
const (
	// RungDepartment: one department (or team) of the customer.
	RungDepartment Rung = iota + 1
	// RungCompany: the whole company.
	RungCompany
	// RungGroup: the customer's group of companies.
	RungGroup
)

const numRungs = int(RungGroup) + 1

var rungNames = [...]string{"", "department", "company", "group"}

// String returns the rung's name ("company").
func (r Rung) String() string { return enum.String("Rung", uint8(r), rungNames[:]) }

// Valid reports whether r is a declared rung.
func (r Rung) Valid() bool { return enum.Valid(uint8(r), rungNames[:]) }

// MarshalText encodes the rung's name; the zero value encodes as "".
func (r Rung) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(r), rungNames[:], errUnknownRung)
}

// UnmarshalText decodes a rung's name ("" is the zero value); other text
// returns an error wrapping [ErrUnknown] and leaves r unchanged.
func (r *Rung) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(r), b, rungNames[:], errUnknownRung)
}

// Band is a seat-utilisation band (active users / paid seats). The zero
// value, BandNone, is "no data": a product with no paid seat has no
// utilisation. It encodes as "".
type Band uint8

// The utilisation bands, from the lowest; the cut-offs are
// [Policy.UnderUsedBelow] and [Policy.NearLimitAbove].
const (
	// BandNone: no paid seat, so no utilisation.
	BandNone Band = iota
	// BandUnderUsed: below UnderUsedBelow (default 40%): a churn risk, not
	// an expansion lead.
	BandUnderUsed
	// BandHealthy: from UnderUsedBelow up to NearLimitAbove inclusive
	// (default 40% to 80%).
	BandHealthy
	// BandNearLimit: above NearLimitAbove (default 80%): the seats are
	// nearly all used, an expansion signal.
	BandNearLimit
)

var bandNames = [...]string{"", "under-used", "healthy", "near-limit"}

// String returns the band's name ("near-limit"), "" for BandNone.
func (b Band) String() string { return enum.String("Band", uint8(b), bandNames[:]) }

// Valid reports whether b is a declared band other than BandNone.
func (b Band) Valid() bool { return enum.Valid(uint8(b), bandNames[:]) }

// MarshalText encodes the band's name; BandNone encodes as "".
func (b Band) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(b), bandNames[:], errUnknownBand)
}

// UnmarshalText decodes a band's name ("" is BandNone); other text returns
// an error wrapping [ErrUnknown] and leaves b unchanged.
func (b *Band) UnmarshalText(t []byte) error {
	return enum.Unmarshal((*uint8)(b), t, bandNames[:], errUnknownBand)
}

// Reason is why a footprint became an expansion lead. The zero value is
// invalid as input and encodes as "".
type Reason uint8

// The reasons for an expansion lead.
const (
	// ReasonHeadroom: a rung of the ladder has at least [Policy.MinRoom]
	// seats of room [seed 002].
	ReasonHeadroom Reason = iota + 1
	// ReasonNearLimit: utilisation is in [BandNearLimit] [CS platforms].
	ReasonNearLimit
)

var reasonNames = [...]string{"", "headroom", "near-limit"}

// String returns the reason's name ("headroom").
func (r Reason) String() string { return enum.String("Reason", uint8(r), reasonNames[:]) }

// Valid reports whether r is a declared reason.
func (r Reason) Valid() bool { return enum.Valid(uint8(r), reasonNames[:]) }

// MarshalText encodes the reason's name; the zero value encodes as "".
func (r Reason) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(r), reasonNames[:], errUnknownReason)
}

// UnmarshalText decodes a reason's name ("" is the zero value); other text
// returns an error wrapping [ErrUnknown] and leaves r unchanged.
func (r *Reason) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(r), b, reasonNames[:], errUnknownReason)
}

// Signal is a sign of the customer's success the host records, read by the
// upsell readiness rule ([Policy.Readiness]). The zero value is invalid as
// input and encodes as "".
type Signal uint8

// The success signals.
const (
	// SignalOnboarded: onboarding is complete [seed 003].
	SignalOnboarded Signal = iota + 1
	// SignalGoalProgress: the goal the customer bought the product for is
	// visibly being met (renewal activity 1) [seed 000].
	SignalGoalProgress
	// SignalValueConfirmed: the customer confirmed the value or ROI the CSM
	// derived [seed 000].
	SignalValueConfirmed
	// SignalRequested: the customer asked for the higher plan or option
	// itself (a help-page pop-up, a request) [seed 002]. A request makes a
	// proposal ready whatever else is missing [ours].
	SignalRequested
)

const numSignals = int(SignalRequested) + 1

var signalNames = [...]string{"", "onboarded", "goal-progress", "value-confirmed", "requested"}

// String returns the signal's name ("goal-progress").
func (s Signal) String() string { return enum.String("Signal", uint8(s), signalNames[:]) }

// Valid reports whether s is a declared signal.
func (s Signal) Valid() bool { return enum.Valid(uint8(s), signalNames[:]) }

// MarshalText encodes the signal's name; the zero value encodes as "".
func (s Signal) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(s), signalNames[:], errUnknownSignal)
}

// UnmarshalText decodes a signal's name ("" is the zero value); other text
// returns an error wrapping [ErrUnknown] and leaves s unchanged.
func (s *Signal) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(s), b, signalNames[:], errUnknownSignal)
}

// Segment is the customer segment a lead's CSM works in; it decides which
// goal the lead counts towards [seed 000]. The zero value is invalid as
// input and encodes as "".
type Segment uint8

// The segments.
const (
	// SegmentSMB: small and medium businesses; the CSM carries a CSQL count.
	SegmentSMB Segment = iota + 1
	// SegmentEnterprise: the CSM carries a revenue amount shared with sales.
	SegmentEnterprise
)

var segmentNames = [...]string{"", "smb", "enterprise"}

// String returns the segment's name ("smb").
func (s Segment) String() string { return enum.String("Segment", uint8(s), segmentNames[:]) }

// Valid reports whether s is a declared segment.
func (s Segment) Valid() bool { return enum.Valid(uint8(s), segmentNames[:]) }

// MarshalText encodes the segment's name; the zero value encodes as "".
func (s Segment) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(s), segmentNames[:], errUnknownSegment)
}

// UnmarshalText decodes a segment's name ("" is the zero value); other text
// returns an error wrapping [ErrUnknown] and leaves s unchanged.
func (s *Segment) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(s), b, segmentNames[:], errUnknownSegment)
}

// Source is where a lead came from. The zero value is invalid as input and
// encodes as "".
type Source uint8

// The lead sources.
const (
	// SourceSeminar: the survey after a training seminar ("may our sales
	// team tell you about it?"): about 1 "yes" per 20 attendees [seed 000].
	SourceSeminar Source = iota + 1
	// SourceUsageReview: the usage review given back to the customer
	// [seed 000].
	SourceUsageReview
	// SourceRenewal: the expansion exploration of renewal management
	// [seed 000].
	SourceRenewal
	// SourceHeadroom: the headroom list, room to expand kept as a CRM field
	// [seed 002].
	SourceHeadroom
	// SourceContact: the CSM's regular contact with the customer [ours].
	SourceContact
	// SourceProduct: the product itself (a login-screen notice, a
	// help-page pop-up): strictly a marketing-qualified lead (MQL), not a
	// CSQL [seed 000, seed 002]. Counted apart from CSQLs.
	SourceProduct
	// SourceOther: any other source.
	SourceOther
)

const numSources = int(SourceOther) + 1

var sourceNames = [...]string{"", "seminar-survey", "usage-review", "renewal", "headroom", "contact", "product", "other"}

// String returns the source's name ("seminar-survey").
func (s Source) String() string { return enum.String("Source", uint8(s), sourceNames[:]) }

// Valid reports whether s is a declared source.
func (s Source) Valid() bool { return enum.Valid(uint8(s), sourceNames[:]) }

// CSQL reports whether a lead from s is a CSQL: every valid source but
// SourceProduct, whose leads are MQLs [seed 000].
func (s Source) CSQL() bool { return s.Valid() && s != SourceProduct }

// MarshalText encodes the source's name; the zero value encodes as "".
func (s Source) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(s), sourceNames[:], errUnknownSource)
}

// UnmarshalText decodes a source's name ("" is the zero value); other text
// returns an error wrapping [ErrUnknown] and leaves s unchanged.
func (s *Source) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(s), b, sourceNames[:], errUnknownSource)
}

// Verdict is field sales' judgement of a lead [seed 000]. The zero value,
// VerdictPending, is valid: not judged yet.
type Verdict uint8

// The verdicts.
const (
	// VerdictPending: field sales has not judged the lead yet.
	VerdictPending Verdict = iota
	// VerdictAccepted: a valid lead; field sales works it.
	VerdictAccepted
	// VerdictRejected: "not a valid lead", with a reason; CS reviews every
	// such lead one by one [seed 000].
	VerdictRejected
)

var verdictNames = [...]string{"pending", "accepted", "rejected"}

// String returns the verdict's name ("accepted").
func (v Verdict) String() string { return enum.String("Verdict", uint8(v), verdictNames[:]) }

// Valid reports whether v is a declared verdict.
func (v Verdict) Valid() bool { return enum.Valid(uint8(v), verdictNames[:]) }

// MarshalText encodes the verdict's name.
func (v Verdict) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(v), verdictNames[:], errUnknownVerdict)
}

// UnmarshalText decodes a verdict's name; "" is VerdictPending. Other text
// returns an error wrapping [ErrUnknown] and leaves v unchanged.
func (v *Verdict) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(v), b, verdictNames[:], errUnknownVerdict)
}

// Outcome is the result of the order the team that closes a lead reports.
// The zero value, OutcomeOpen, is valid.
type Outcome uint8

// The order outcomes.
const (
	// OutcomeOpen: no order decided yet.
	OutcomeOpen Outcome = iota
	// OutcomeWon: ordered.
	OutcomeWon
	// OutcomeLost: not ordered.
	OutcomeLost
)

var outcomeNames = [...]string{"open", "won", "lost"}

// String returns the outcome's name ("won").
func (o Outcome) String() string { return enum.String("Outcome", uint8(o), outcomeNames[:]) }

// Valid reports whether o is a declared outcome.
func (o Outcome) Valid() bool { return enum.Valid(uint8(o), outcomeNames[:]) }

// MarshalText encodes the outcome's name.
func (o Outcome) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(o), outcomeNames[:], errUnknownOutcome)
}

// UnmarshalText decodes an outcome's name; "" is OutcomeOpen. Other text
// returns an error wrapping [ErrUnknown] and leaves o unchanged.
func (o *Outcome) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(o), b, outcomeNames[:], errUnknownOutcome)
}

// PricingModel is how a product is priced; it decides which expansion
// comes most easily ([PricingModel.Profile]). The zero value is invalid as
// input and encodes as "".
type PricingModel uint8

// The pricing models.
const (
	// PricingUsage: usage-based (stored e-mail addresses, data volume).
	PricingUsage PricingModel = iota + 1
	// PricingSeat: per seat (per paid user).
	PricingSeat
	// PricingTiered: plans or tiers at fixed prices.
	PricingTiered
)

var pricingNames = [...]string{"", "usage", "per-seat", "tiered"}

// String returns the model's name ("per-seat").
func (m PricingModel) String() string { return enum.String("PricingModel", uint8(m), pricingNames[:]) }

// Valid reports whether m is a declared model.
func (m PricingModel) Valid() bool { return enum.Valid(uint8(m), pricingNames[:]) }

// MarshalText encodes the model's name; the zero value encodes as "".
func (m PricingModel) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(m), pricingNames[:], errUnknownPricing)
}

// UnmarshalText decodes a model's name ("" is the zero value); other text
// returns an error wrapping [ErrUnknown] and leaves m unchanged.
func (m *PricingModel) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(m), b, pricingNames[:], errUnknownPricing)
}

// Level is a coarse three-step scale (low, medium, high) for the pricing
// data. The zero value is invalid as input and encodes as "".
type Level uint8

// The levels.
const (
	LevelLow Level = iota + 1
	LevelMedium
	LevelHigh
)

var levelNames = [...]string{"", "low", "medium", "high"}

// String returns the level's name ("high").
func (l Level) String() string { return enum.String("Level", uint8(l), levelNames[:]) }

// Valid reports whether l is a declared level.
func (l Level) Valid() bool { return enum.Valid(uint8(l), levelNames[:]) }

// MarshalText encodes the level's name; the zero value encodes as "".
func (l Level) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(l), levelNames[:], errUnknownLevel)
}

// UnmarshalText decodes a level's name ("" is the zero value); other text
// returns an error wrapping [ErrUnknown] and leaves l unchanged.
func (l *Level) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(l), b, levelNames[:], errUnknownLevel)
}

// Move is the class of one account's revenue movement between two
// snapshots, as dbt's mrr-playbook and ChartMogul name them. The zero
// value, MoveNone, is valid: the account paid nothing in either snapshot.
type Move uint8

// The movement classes.
const (
	// MoveNone: no revenue at either snapshot.
	MoveNone Move = iota
	// MoveNew: no revenue at the start, revenue at the end, never a
	// customer before.
	MoveNew
	// MoveReactivation: no revenue at the start, revenue at the end, and a
	// paying customer before the start ([Account.PaidBefore]).
	MoveReactivation
	// MoveExpansion: revenue at both, up (uniform price rises apart).
	MoveExpansion
	// MoveContraction: revenue at both, down (uniform price rises apart).
	MoveContraction
	// MoveChurn: revenue at the start, none at the end: a lost logo.
	MoveChurn
	// MoveUnchanged: revenue at both, the same once uniform price rises
	// are set apart.
	MoveUnchanged
)

var moveNames = [...]string{"none", "new", "reactivation", "expansion", "contraction", "churn", "unchanged"}

// String returns the class's name ("reactivation").
func (m Move) String() string { return enum.String("Move", uint8(m), moveNames[:]) }

// Valid reports whether m is a declared class.
func (m Move) Valid() bool { return enum.Valid(uint8(m), moveNames[:]) }

// MarshalText encodes the class's name.
func (m Move) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(m), moveNames[:], errUnknownMove)
}

// UnmarshalText decodes a class's name; "" is MoveNone. Other text returns
// an error wrapping [ErrUnknown] and leaves m unchanged.
func (m *Move) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(m), b, moveNames[:], errUnknownMove)
}

// ProductLoss is the convention for a product an account drops while it
// keeps paying for another: tools differ on it, so it is a parameter. The
// zero value, ProductLossContraction, is the default.
type ProductLoss uint8

// The product-loss conventions.
const (
	// ProductLossContraction: the dropped product's revenue is contraction;
	// churn is only an account that stops paying altogether (ChartMogul's
	// and dbt mrr-playbook's per-customer reading). The default.
	ProductLossContraction ProductLoss = iota
	// ProductLossChurn: the dropped product's revenue is revenue churn
	// (and reported apart as [Totals.ProductChurn]); the account is still
	// not a lost logo.
	ProductLossChurn
)

var productLossNames = [...]string{"contraction", "churn"}

// String returns the convention's name ("contraction").
func (p ProductLoss) String() string {
	return enum.String("ProductLoss", uint8(p), productLossNames[:])
}

// Valid reports whether p is a declared convention.
func (p ProductLoss) Valid() bool { return enum.Valid(uint8(p), productLossNames[:]) }

// MarshalText encodes the convention's name.
func (p ProductLoss) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(p), productLossNames[:], errUnknownProductLoss)
}

// UnmarshalText decodes a convention's name; "" is the default. Other text
// returns an error wrapping [ErrUnknown] and leaves p unchanged.
func (p *ProductLoss) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(p), b, productLossNames[:], errUnknownProductLoss)
}

// Netting is the convention for an account whose products move in opposite
// directions (one up, one down). The zero value, NetPerAccount, is the
// default.
type Netting uint8

// The netting conventions.
const (
	// NetPerAccount: the account's changes are netted; a net rise is
	// expansion, a net fall contraction (ChartMogul's per-customer MRR
	// movements). The default.
	NetPerAccount Netting = iota
	// NetPerProduct: each product's change is classed on its own, so one
	// account can show both expansion and contraction.
	NetPerProduct
)

var nettingNames = [...]string{"account", "product"}

// String returns the convention's name ("account").
func (n Netting) String() string { return enum.String("Netting", uint8(n), nettingNames[:]) }

// Valid reports whether n is a declared convention.
func (n Netting) Valid() bool { return enum.Valid(uint8(n), nettingNames[:]) }

// MarshalText encodes the convention's name.
func (n Netting) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(n), nettingNames[:], errUnknownNetting)
}

// UnmarshalText decodes a convention's name; "" is the default. Other text
// returns an error wrapping [ErrUnknown] and leaves n unchanged.
func (n *Netting) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(n), b, nettingNames[:], errUnknownNetting)
}

// Side names one of the two snapshots of a revenue comparison. The zero
// value is invalid as input and encodes as "".
type Side uint8

// The snapshots.
const (
	// SideStart: the snapshot at the start of the period.
	SideStart Side = iota + 1
	// SideEnd: the snapshot at the end of the period.
	SideEnd
)

var sideNames = [...]string{"", "start", "end"}

// String returns "start" or "end".
func (s Side) String() string { return enum.String("Side", uint8(s), sideNames[:]) }

// Valid reports whether s is SideStart or SideEnd.
func (s Side) Valid() bool { return enum.Valid(uint8(s), sideNames[:]) }

// MarshalText encodes the side's name; the zero value encodes as "".
func (s Side) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(s), sideNames[:], errUnknownSide)
}

// UnmarshalText decodes "start" or "end" ("" is the zero value); other text
// returns an error wrapping [ErrUnknown] and leaves s unchanged.
func (s *Side) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(s), b, sideNames[:], errUnknownSide)
}
