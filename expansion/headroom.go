package expansion

import (
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Footprint is where one product stands inside one customer organisation:
// the seats it pays for, how many are used, the free users of the same
// organisation, and the population each rung of the organisational ladder
// could reach [seed 002]. Populations are employees or, where the product
// serves only some of them, the reachable population; zero means not
// known. A footprint is of a product the account pays for: a churned one
// is a win-back, not room to expand, so the host leaves it out.
type Footprint struct {
	// Account and Product identify the footprint; both required.
	Account string `json:"account"`
	Product string `json:"product"`
	// Seats is the number of paid seats (paid users).
	Seats int64 `json:"seats"`
	// Active is the number of paid seats used in the host's measuring
	// window. It may exceed Seats where the product lets users over the
	// limit; the utilisation is then above 100%.
	Active int64 `json:"active"`
	// Free is the number of free users in the same organisation: people
	// already using the product, the easiest seats to convert [seed 002].
	Free int64 `json:"free"`
	// UnitPrice is the price of one more seat, for the revenue of the room.
	UnitPrice decimal.Decimal `json:"unit_price"`
	// Scope is the rung the product covers now; required. Rungs below it
	// are not read.
	Scope Rung `json:"scope"`
	// Department, Company and Group are the populations of the rungs;
	// the one at Scope is required and at least Seats + Free, the ones
	// above it optional (zero: not known) and never smaller than a known
	// rung below.
	Department int64 `json:"department"`
	Company    int64 `json:"company"`
	Group      int64 `json:"group"`
}

// population returns the population of rung r.
func (f *Footprint) population(r Rung) int64 {
	switch r {
	case RungDepartment:
		return f.Department
	case RungCompany:
		return f.Company
	case RungGroup:
		return f.Group
	}
	return 0
}

// id is the footprint's name in errors: "account/product".
func (f *Footprint) id() string {
	if f.Product == "" {
		return f.Account
	}
	return f.Account + "/" + f.Product
}

// Validate returns an error if:
//   - Account or Product is empty or longer than 256 bytes ([ErrMissing],
//     [ErrTooLarge]);
//   - a count (Seats, Active, Free, a population) is negative
//     ([ErrNegative]) or above [MaxPeople] ([ErrTooLarge]);
//   - UnitPrice is negative ([ErrNegative]) or out of range
//     ([ErrAmountOutOfRange]);
//   - Scope is not a declared rung ([ErrMissing] for the zero value,
//     [ErrUnknown]), or the population at Scope is zero ([ErrMissing]);
//   - Seats + Free is above the population at Scope ([ErrAboveReach]): paid
//     users above the population;
//   - a known population above Scope is smaller than the known one below
//     it ([ErrLadder]).
//
// The error is a [*FieldError] naming "account/product" and the field.
func (f Footprint) Validate() error {
	bad := func(field string, err error) error { return fieldErr("footprint", f.id(), field, err) }
	if err := checkName(f.Account); err != nil {
		return bad("account", err)
	}
	if err := checkName(f.Product); err != nil {
		return bad("product", err)
	}
	for _, c := range [...]struct {
		field string
		n     int64
	}{{"seats", f.Seats}, {"active", f.Active}, {"free", f.Free}, {"department", f.Department}, {"company", f.Company}, {"group", f.Group}} {
		if err := checkPeople(c.n); err != nil {
			return bad(c.field, err)
		}
	}
	if !money.Valid(f.UnitPrice) {
		return bad("unit_price", checkAmount(f.UnitPrice))
	}
	switch {
	case f.Scope == 0:
		return bad("scope", ErrMissing)
	case !f.Scope.Valid():
		return bad("scope", fmt.Errorf("%w %d", errUnknownRung, f.Scope))
	}
	pop := f.population(f.Scope)
	if pop == 0 {
		return bad(f.Scope.String(), fmt.Errorf("%w: the population of the scope's rung", ErrMissing))
	}
	if f.Seats+f.Free > pop {
		return bad(f.Scope.String(), fmt.Errorf("%w: %d paid + %d free > %d", ErrAboveReach, f.Seats, f.Free, pop))
	}
	below := f.Scope
	for r := f.Scope + 1; int(r) < numRungs; r++ {
		p := f.population(r)
		if p == 0 {
			continue
		}
		if q := f.population(below); p < q {
			return bad(r.String(), fmt.Errorf("%w: %s %d < %s %d", ErrLadder, r, p, below, q))
		}
		below = r
	}
	return nil
}

type footprintJSON struct {
	Account    string     `json:"account"`
	Product    string     `json:"product"`
	Seats      int64      `json:"seats"`
	Active     int64      `json:"active"`
	Free       int64      `json:"free"`
	UnitPrice  money.JSON `json:"unit_price"`
	Scope      Rung       `json:"scope"`
	Department int64      `json:"department"`
	Company    int64      `json:"company"`
	Group      int64      `json:"group"`
}

// MarshalJSON encodes the footprint with its price as an exact decimal
// string.
func (f Footprint) MarshalJSON() ([]byte, error) {
	return json.Marshal(footprintJSON{f.Account, f.Product, f.Seats, f.Active, f.Free, money.JSON(f.UnitPrice),
		f.Scope, f.Department, f.Company, f.Group})
}

// UnmarshalJSON decodes a footprint strictly and validates it; an error
// wraps [ErrInvalidRecord] and leaves f unchanged.
func (f *Footprint) UnmarshalJSON(b []byte) error {
	var j footprintJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "footprint", err)
	}
	v := Footprint{j.Account, j.Product, j.Seats, j.Active, j.Free, decimal.Decimal(j.UnitPrice), j.Scope,
		j.Department, j.Company, j.Group}
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "footprint", err)
	}
	*f = v
	return nil
}

// Room is the room to expand at one rung of the ladder.
type Room struct {
	Rung       Rung            // the rung
	Population int64           // its population
	Seats      int64           // Population − paid seats: seats still to win there
	Revenue    decimal.Decimal // Seats × UnitPrice
}

type roomJSON struct {
	Rung       Rung       `json:"rung"`
	Population int64      `json:"population"`
	Seats      int64      `json:"seats"`
	Revenue    money.JSON `json:"revenue"`
}

// MarshalJSON encodes the room with its revenue as an exact decimal string.
func (r Room) MarshalJSON() ([]byte, error) {
	return json.Marshal(roomJSON{r.Rung, r.Population, r.Seats, money.JSON(r.Revenue)})
}

// UnmarshalJSON decodes what MarshalJSON writes; an error wraps
// [ErrInvalidRecord] and leaves r unchanged.
func (r *Room) UnmarshalJSON(b []byte) error {
	var j roomJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "room", err)
	}
	v := Room{j.Rung, j.Population, j.Seats, decimal.Decimal(j.Revenue)}
	if err := checkAmounts("room", "", amount{"revenue", v.Revenue}); err != nil {
		return decodeErr(ErrInvalidRecord, "room", err)
	}
	*r = v
	return nil
}

// Assessment is a footprint's seat headroom and utilisation, and whether it
// is an expansion lead, with the evidence.
type Assessment struct {
	// Account and Product identify the footprint.
	Account string `json:"account"`
	Product string `json:"product"`
	// Seats, Active and Free are the footprint's.
	Seats  int64 `json:"seats"`
	Active int64 `json:"active"`
	// Convertible is the free users of the same organisation, counted as
	// convertible to paid seats [seed 002].
	Convertible int64 `json:"convertible"`
	// Utilisation is Active of Seats; no data with no paid seat.
	Utilisation Ratio `json:"utilisation"`
	// Band is the utilisation's band (BandNone with no paid seat).
	Band Band `json:"band"`
	// Ladder is the room at the scope's rung and every known rung above,
	// smallest first; each rung is larger and harder to win [seed 002].
	Ladder []Room `json:"ladder"`
	// Lead says the footprint is an expansion lead, Reasons why.
	Lead    bool     `json:"lead"`
	Reasons []Reason `json:"reasons"`
	// Target is the rung a lead aims at: the nearest with at least
	// MinRoom seats of room, or the scope's rung for a lead on
	// utilisation alone. Its Revenue ranks the leads.
	Target Room `json:"target"`
}

// UnmarshalJSON decodes what encoding/json writes for an Assessment,
// strictly; an error wraps [ErrInvalidRecord] and leaves a unchanged.
func (a *Assessment) UnmarshalJSON(b []byte) error {
	type plain Assessment
	return decodePlain(b, (*plain)(a), ErrInvalidRecord, "assessment", nil)
}

// assessment is what the book needs of an Assessment, with no slice.
type assessment struct {
	band    Band
	ladder  [numRungs - 1]Room
	n       int   // rungs in ladder
	reasons uint8 // bit 1<<Reason per reason
	target  int   // index in ladder
}

// assess computes a's assessment of the valid footprint f.
func (s *settings) assess(f *Footprint, a *assessment) {
	*a = assessment{}
	switch {
	case f.Seats == 0:
		a.band = BandNone
	case s.underUsed.cmp(f.Active, f.Seats) < 0:
		a.band = BandUnderUsed
	case s.nearLimit.cmp(f.Active, f.Seats) > 0:
		a.band = BandNearLimit
	default:
		a.band = BandHealthy
	}
	a.target = -1
	for r := f.Scope; int(r) < numRungs; r++ {
		p := f.population(r)
		if p == 0 {
			continue
		}
		room := p - f.Seats
		a.ladder[a.n] = Room{Rung: r, Population: p, Seats: room, Revenue: f.UnitPrice.Mul(decimal.NewFromInt(room))}
		if a.target < 0 && room >= s.minRoom {
			a.target = a.n
			a.reasons |= 1 << ReasonHeadroom
		}
		a.n++
	}
	if a.band == BandNearLimit {
		a.reasons |= 1 << ReasonNearLimit
	}
	if a.target < 0 {
		a.target = 0 // the scope's rung, always known
	}
}

// export returns the Assessment of f.
func (a *assessment) export(f *Footprint) Assessment {
	out := Assessment{
		Account: f.Account, Product: f.Product, Seats: f.Seats, Active: f.Active, Convertible: f.Free,
		Utilisation: Ratio{f.Active, f.Seats}, Band: a.band,
		Ladder: slices.Clone(a.ladder[:a.n]),
		Lead:   a.reasons != 0, Reasons: []Reason{},
		Target: a.ladder[a.target],
	}
	for _, r := range [...]Reason{ReasonHeadroom, ReasonNearLimit} {
		if a.reasons&(1<<r) != 0 {
			out.Reasons = append(out.Reasons, r)
		}
	}
	return out
}

// Assess returns the footprint's headroom, utilisation band and lead. It
// returns an error if p is invalid (see [Policy.Validate]) or f is (see
// [Footprint.Validate]).
//
// The utilisation Active / Seats is compared with the cut-offs exactly,
// in integers: with the defaults, 40 active of 100 seats is healthy (not
// under 40%), 80 of 100 is healthy (not above 80%), 81 of 100 is near the
// limit.
func (p Policy) Assess(f Footprint) (Assessment, error) {
	s, err := p.settings()
	if err != nil {
		return Assessment{}, err
	}
	if err := f.Validate(); err != nil {
		return Assessment{}, err
	}
	var a assessment
	s.assess(&f, &a)
	return a.export(&f), nil
}

// RungTotal is the room of a book at one rung of the ladder, over the
// footprints whose ladder has that rung. The rungs' totals overlap (a
// company's room includes its department's), so they are not added up.
type RungTotal struct {
	Rung       Rung            `json:"rung"`       // the rung
	Footprints int64           `json:"footprints"` // footprints with a known population at the rung
	Seats      int64           `json:"seats"`      // their room, in seats
	Revenue    decimal.Decimal `json:"revenue"`    // the room's revenue
}

type rungTotalJSON struct {
	Rung       Rung       `json:"rung"`
	Footprints int64      `json:"footprints"`
	Seats      int64      `json:"seats"`
	Revenue    money.JSON `json:"revenue"`
}

// MarshalJSON encodes the total with its revenue as an exact decimal
// string.
func (r RungTotal) MarshalJSON() ([]byte, error) {
	return json.Marshal(rungTotalJSON{r.Rung, r.Footprints, r.Seats, money.JSON(r.Revenue)})
}

// UnmarshalJSON decodes what MarshalJSON writes; an error wraps
// [ErrInvalidRecord] and leaves r unchanged.
func (r *RungTotal) UnmarshalJSON(b []byte) error {
	var j rungTotalJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "rung total", err)
	}
	v := RungTotal{j.Rung, j.Footprints, j.Seats, decimal.Decimal(j.Revenue)}
	if err := checkAmounts("rung total", "", amount{"revenue", v.Revenue}); err != nil {
		return decodeErr(ErrInvalidRecord, "rung total", err)
	}
	*r = v
	return nil
}

// Headroom is the result of a [HeadroomBook].
type Headroom struct {
	// Footprints is the number of footprints counted.
	Footprints int64 `json:"footprints"`
	// Seats, Active and Free are their totals.
	Seats  int64 `json:"seats"`
	Active int64 `json:"active"`
	Free   int64 `json:"free"`
	// Utilisation is Active of Seats over the book.
	Utilisation Ratio `json:"utilisation"`
	// The footprints in each utilisation band; NoData have no paid seat.
	UnderUsed int64 `json:"under_used"`
	Healthy   int64 `json:"healthy"`
	NearLimit int64 `json:"near_limit"`
	NoData    int64 `json:"no_data"`
	// Ladder is the room at each rung: department, company, group.
	Ladder []RungTotal `json:"ladder"`
	// Opportunities is the footprints that are expansion leads, of all
	// footprints: Chatwork's count of opportunities with room to expand
	// (「有効商談数」) [seed 002], one per account and product.
	Opportunities Ratio `json:"opportunities"`
	// HeadroomLeads and NearLimitLeads count the leads by reason (a lead
	// may have both).
	HeadroomLeads  int64 `json:"headroom_leads"`
	NearLimitLeads int64 `json:"near_limit_leads"`
	// Top is the best leads, at most Policy.Top: by the revenue of their
	// target rung, highest first, then by account and product.
	Top []Assessment `json:"top"`
}

// UnmarshalJSON decodes what encoding/json writes for a Headroom, strictly;
// an error wraps [ErrInvalidRecord] and leaves h unchanged.
func (h *Headroom) UnmarshalJSON(b []byte) error {
	type plain Headroom
	return decodePlain(b, (*plain)(h), ErrInvalidRecord, "headroom", nil)
}

// HeadroomBook counts a book's footprints: utilisation bands, room per
// rung, the expansion leads and the best of them. It is an accumulator:
// [HeadroomBook.Add] a footprint, merge books built over parts of the book
// with [HeadroomBook.Merge], read [HeadroomBook.Result]. Memory is flat:
// totals and at most Policy.Top leads.
//
// It keeps no IDs: a footprint added twice is counted twice (and may show
// twice in Top); the host's book has one row per account and product, or
// the host checks them with a set.
type HeadroomBook struct {
	s                     *settings
	n                     int64
	seats, active, free   int64
	bands                 [4]int64
	rungs                 [numRungs]rungSum
	leads, byRoom, byNear int64
	top                   []Assessment
}

type rungSum struct {
	n, seats int64
	revenue  money.Sum
}

// NewHeadroomBook returns an empty book for the policy p; it returns p's
// validation error if p is invalid.
func NewHeadroomBook(p Policy) (*HeadroomBook, error) {
	s, err := p.settings()
	if err != nil {
		return nil, err
	}
	return &HeadroomBook{s: s}, nil
}

// Add validates f and counts it, or returns the validation error and
// leaves the book unchanged.
func (b *HeadroomBook) Add(f Footprint) error {
	if b == nil || b.s == nil {
		return errNilAcc("HeadroomBook")
	}
	if err := f.Validate(); err != nil {
		return err
	}
	var a assessment
	b.s.assess(&f, &a)
	b.n++
	b.seats += f.Seats
	b.active += f.Active
	b.free += f.Free
	b.bands[a.band]++
	for _, r := range a.ladder[:a.n] {
		t := &b.rungs[r.Rung]
		t.n++
		t.seats += r.Seats
		t.revenue.Add(r.Revenue)
	}
	if a.reasons == 0 {
		return nil
	}
	b.leads++
	if a.reasons&(1<<ReasonHeadroom) != 0 {
		b.byRoom++
	}
	if a.reasons&(1<<ReasonNearLimit) != 0 {
		b.byNear++
	}
	if len(b.top) < b.s.top || better(&f, a.ladder[a.target].Revenue, &b.top[len(b.top)-1]) {
		b.insert(a.export(&f))
	}
	return nil
}

// better reports whether footprint f with target revenue rev ranks above
// the assessment x: higher revenue, then account, then product.
func better(f *Footprint, rev decimal.Decimal, x *Assessment) bool {
	if c := money.Cmp(rev, x.Target.Revenue); c != 0 {
		return c > 0
	}
	if c := strings.Compare(f.Account, x.Account); c != 0 {
		return c < 0
	}
	return f.Product < x.Product
}

// rank orders assessments best first.
func rank(x, y Assessment) int {
	if c := money.Cmp(y.Target.Revenue, x.Target.Revenue); c != 0 {
		return c
	}
	if c := strings.Compare(x.Account, y.Account); c != 0 {
		return c
	}
	return strings.Compare(x.Product, y.Product)
}

// insert puts a into the top list in rank order, keeping at most top.
func (b *HeadroomBook) insert(a Assessment) {
	i, _ := slices.BinarySearchFunc(b.top, a, rank)
	b.top = slices.Insert(b.top, i, a)
	if len(b.top) > b.s.top {
		b.top = b.top[:b.s.top]
	}
}

// Merge adds the footprints of o to b. Books built with different policies
// are an error ([ErrMismatch]); b is then unchanged. o is not changed.
func (b *HeadroomBook) Merge(o *HeadroomBook) error {
	if b == nil || b.s == nil || o == nil || o.s == nil {
		return errNilAcc("HeadroomBook")
	}
	if !b.s.same(o.s) {
		return fmt.Errorf("%w: different policies", ErrMismatch)
	}
	b.n += o.n
	b.seats += o.seats
	b.active += o.active
	b.free += o.free
	for i := range b.bands {
		b.bands[i] += o.bands[i]
	}
	for i := range b.rungs {
		b.rungs[i].n += o.rungs[i].n
		b.rungs[i].seats += o.rungs[i].seats
		b.rungs[i].revenue.AddSum(o.rungs[i].revenue)
	}
	b.leads += o.leads
	b.byRoom += o.byRoom
	b.byNear += o.byNear
	for _, a := range slices.Clone(o.top) { // o may be b itself
		b.insert(a)
	}
	return nil
}

// Result returns the counts so far. A nil book returns the zero Headroom.
func (b *HeadroomBook) Result() Headroom {
	if b == nil || b.s == nil {
		return Headroom{}
	}
	h := Headroom{
		Footprints: b.n, Seats: b.seats, Active: b.active, Free: b.free,
		Utilisation: Ratio{b.active, b.seats},
		UnderUsed:   b.bands[BandUnderUsed], Healthy: b.bands[BandHealthy], NearLimit: b.bands[BandNearLimit], NoData: b.bands[BandNone],
		Opportunities: Ratio{b.leads, b.n}, HeadroomLeads: b.byRoom, NearLimitLeads: b.byNear,
		Top: slices.Clone(b.top),
	}
	if h.Top == nil {
		h.Top = []Assessment{}
	}
	for r := RungDepartment; int(r) < numRungs; r++ {
		t := &b.rungs[r]
		h.Ladder = append(h.Ladder, RungTotal{r, t.n, t.seats, t.revenue.Decimal()})
	}
	return h
}

// Headroom is the iter.Seq convenience over a [HeadroomBook]: the headroom
// of every footprint of seq. It stops at the first footprint refused and
// returns an error naming its index and ID; a nil seq is an error wrapping
// [ErrNilBook].
func (p Policy) Headroom(seq iter.Seq[Footprint]) (Headroom, error) {
	b, err := NewHeadroomBook(p)
	if err != nil {
		return Headroom{}, err
	}
	if err := book.Feed(pkg, seq, b.Add); err != nil {
		return Headroom{}, err
	}
	return b.Result(), nil
}
