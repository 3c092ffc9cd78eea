package expansion

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Pair is one account in two snapshots of the book: as it was at the
// start of the period and at its end. An account missing from a snapshot
// is the zero Account there (its ID is empty); at least one side is
// present, and when both are their IDs are equal.
type Pair struct {
	Start Account // the account in the starting snapshot, or the zero Account
	End   Account // the account in the end snapshot, or the zero Account
}

// ID returns the account's ID, from whichever side is present.
func (p Pair) ID() string {
	if p.Start.ID != "" {
		return p.Start.ID
	}
	return p.End.ID
}

// Validate returns an error if:
//   - both sides are absent ([ErrMissing]);
//   - the two IDs differ ([ErrMismatch]);
//   - a side is an invalid account (see [Account.Validate]; the field is
//     prefixed "start." or "end.").
func (p Pair) Validate() error {
	if p.Start.ID != "" && p.End.ID != "" && p.Start.ID != p.End.ID {
		return fieldErr("pair", p.Start.ID, "end.id", fmt.Errorf("%w: account %s paired with %s", ErrMismatch, quote(p.End.ID), quote(p.Start.ID)))
	}
	if !p.Start.isZero() {
		if err := p.Start.Validate(); err != nil {
			return under("start", err)
		}
	}
	if !p.End.isZero() {
		if err := p.End.Validate(); err != nil {
			return under("end", err)
		}
	}
	if p.Start.ID == "" && p.End.ID == "" {
		return fieldErr("pair", "", "id", ErrMissing)
	}
	return nil
}

// isZero reports whether a is the zero Account (an absent side).
func (a Account) isZero() bool {
	return a.ID == "" && !a.Churned && !a.PaidBefore && len(a.Lines) == 0
}

type pairJSON struct {
	Start *Account `json:"start,omitempty"`
	End   *Account `json:"end,omitempty"`
}

// MarshalJSON encodes {"start":{...},"end":{...}}, leaving out an absent
// side.
func (p Pair) MarshalJSON() ([]byte, error) {
	var j pairJSON
	if !p.Start.isZero() {
		j.Start = &p.Start
	}
	if !p.End.isZero() {
		j.End = &p.End
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes a pair strictly and validates it; an error wraps
// [ErrInvalidRecord] and leaves p unchanged.
func (p *Pair) UnmarshalJSON(b []byte) error {
	var j pairJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "pair", err)
	}
	var v Pair
	if j.Start != nil {
		v.Start = *j.Start
	}
	if j.End != nil {
		v.End = *j.End
	}
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "pair", err)
	}
	*p = v
	return nil
}

// Movement is one account's revenue movement between two snapshots. Every
// amount is zero or positive, and
//
//	End = Start + New + Reactivation + Expansion + PriceRise − Contraction − Churn
//
// holds exactly.
type Movement struct {
	// Account is the account's ID.
	Account string
	// Move is the account's class.
	Move Move
	// Start and End are the account's revenue in the two snapshots.
	Start, End decimal.Decimal
	// New is End for a new account.
	New decimal.Decimal
	// Reactivation is End for an account that had paid before the start.
	Reactivation decimal.Decimal
	// Expansion is the rise CS can claim: uniform price rises apart.
	Expansion decimal.Decimal
	// PriceRise is the sum of the end lines' UniformRise, for products
	// that had revenue at the start: revenue from price rises applied to
	// every customer without CS [seed 002].
	PriceRise decimal.Decimal
	// Contraction is the fall of an account that still pays.
	Contraction decimal.Decimal
	// Churn is revenue lost: Start for a lost logo; under
	// ProductLossChurn, also the revenue of products dropped by an account
	// that still pays.
	Churn decimal.Decimal
	// ProductChurn is the part of Churn from dropped products
	// (ProductLossChurn only).
	ProductChurn decimal.Decimal
}

type movementJSON struct {
	Account      string     `json:"account"`
	Move         Move       `json:"move"`
	Start        money.JSON `json:"start"`
	End          money.JSON `json:"end"`
	New          money.JSON `json:"new"`
	Reactivation money.JSON `json:"reactivation"`
	Expansion    money.JSON `json:"expansion"`
	PriceRise    money.JSON `json:"price_rise"`
	Contraction  money.JSON `json:"contraction"`
	Churn        money.JSON `json:"churn"`
	ProductChurn money.JSON `json:"product_churn"`
}

// MarshalJSON encodes the movement with exact decimal strings.
func (m Movement) MarshalJSON() ([]byte, error) {
	return json.Marshal(movementJSON{m.Account, m.Move, money.JSON(m.Start), money.JSON(m.End), money.JSON(m.New),
		money.JSON(m.Reactivation), money.JSON(m.Expansion), money.JSON(m.PriceRise), money.JSON(m.Contraction),
		money.JSON(m.Churn), money.JSON(m.ProductChurn)})
}

// UnmarshalJSON decodes what MarshalJSON writes; an error wraps
// [ErrInvalidRecord] and leaves m unchanged.
func (m *Movement) UnmarshalJSON(b []byte) error {
	var j movementJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "movement", err)
	}
	v := Movement{j.Account, j.Move, decimal.Decimal(j.Start), decimal.Decimal(j.End), decimal.Decimal(j.New),
		decimal.Decimal(j.Reactivation), decimal.Decimal(j.Expansion), decimal.Decimal(j.PriceRise),
		decimal.Decimal(j.Contraction), decimal.Decimal(j.Churn), decimal.Decimal(j.ProductChurn)}
	if err := checkAmounts("movement", v.Account, v.amounts()...); err != nil {
		return decodeErr(ErrInvalidRecord, "movement", err)
	}
	*m = v
	return nil
}

// amounts returns m's amounts with their JSON keys, the amounts a
// [Totals] has too.
func (m *Movement) amounts() []amount {
	return []amount{{"start", m.Start}, {"end", m.End}, {"new", m.New}, {"reactivation", m.Reactivation},
		{"expansion", m.Expansion}, {"price_rise", m.PriceRise}, {"contraction", m.Contraction}, {"churn", m.Churn},
		{"product_churn", m.ProductChurn}}
}

// Classify returns the revenue movement of one account between the two
// snapshots, under the policy's conventions ([Policy.ProductLoss],
// [Policy.Netting]). It returns an error if p is invalid (see
// [Policy.Validate]) or the pair is invalid (see [Pair.Validate]).
func (p Policy) Classify(pair Pair) (Movement, error) {
	s, err := p.settings()
	if err != nil {
		return Movement{}, err
	}
	if err := pair.Validate(); err != nil {
		return Movement{}, err
	}
	return classify(s, pair), nil
}

// lineRevenues returns each line's revenue (zero for a churned account)
// and their total; buf is reused when large enough. a is valid.
func lineRevenues(a Account, buf []decimal.Decimal) ([]decimal.Decimal, decimal.Decimal) {
	rs := buf[:0]
	var t total
	for _, l := range a.Lines {
		r := decimal.Decimal{}
		if !a.Churned {
			r = l.Revenue()
		}
		rs = append(rs, r)
		t.add(r)
	}
	return rs, t.result()
}

// total is a running sum of amounts that builds no decimal while at most
// one of them is non-zero: the common account has one product.
type total struct {
	sum money.Sum
	one decimal.Decimal // the only non-zero amount, while n ≤ 1
	n   int             // non-zero amounts added
}

func (t *total) add(d decimal.Decimal) {
	if d.IsZero() {
		return
	}
	t.n++
	t.one = d
	t.sum.Add(d)
}

func (t *total) result() decimal.Decimal {
	if t.n <= 1 {
		return t.one
	}
	return t.sum.Decimal()
}

// minus returns a − b, and a itself when b is zero (no allocation).
func minus(a, b decimal.Decimal) decimal.Decimal {
	if b.IsZero() {
		return a
	}
	return a.Sub(b)
}

// classify is Classify on a valid pair.
func classify(s *settings, p Pair) Movement {
	var sBuf, eBuf [4]decimal.Decimal
	var mBuf [4]int
	sRev, sTotal := lineRevenues(p.Start, sBuf[:])
	eRev, eTotal := lineRevenues(p.End, eBuf[:])
	m := Movement{Account: p.ID(), Start: sTotal, End: eTotal}
	// match[j] is the start line of end line j's product, or -1.
	match := matchProducts(p.Start.Lines, p.End.Lines, mBuf[:])
	// rise[j] is end line j's uniform price rise, read only for a product
	// that had revenue at the start.
	var rBuf [4]decimal.Decimal
	rise := rBuf[:0]
	var riseSum total
	for j, l := range p.End.Lines {
		r := decimal.Decimal{}
		if i := match[j]; i >= 0 && sRev[i].Sign() > 0 && !l.UniformRise.IsZero() {
			r = l.UniformRise
			riseSum.add(r)
		}
		rise = append(rise, r)
	}
	m.PriceRise = riseSum.result()
	startPaid, endPaid := sTotal.Sign() > 0, eTotal.Sign() > 0
	switch {
	case !startPaid && !endPaid:
		m.Move = MoveNone
		return m
	case !startPaid:
		if p.End.PaidBefore {
			m.Move, m.Reactivation = MoveReactivation, eTotal
		} else {
			m.Move, m.New = MoveNew, eTotal
		}
		return m
	case !endPaid:
		m.Move, m.Churn = MoveChurn, sTotal
		return m
	}
	// Both snapshots pay. inv[i] is the end line of start line i's
	// product, or -1 when the product is gone from the end snapshot.
	var iBuf [4]int
	inv := iBuf[:0]
	for range p.Start.Lines {
		inv = append(inv, -1)
	}
	for j, i := range match {
		if i >= 0 {
			inv[i] = j
		}
	}
	// lost reports whether start line i's product paid at the start and
	// pays nothing at the end.
	lost := func(i int) bool {
		return sRev[i].Sign() > 0 && (inv[i] < 0 || eRev[inv[i]].Sign() == 0)
	}
	churnLost := s.loss == ProductLossChurn
	var productChurn total
	if churnLost {
		for i := range p.Start.Lines {
			if lost(i) {
				productChurn.add(sRev[i])
			}
		}
	}
	m.ProductChurn = productChurn.result()
	m.Churn = m.ProductChurn
	// The account's change without price rises is kept − S, kept = E − R.
	// The amounts are compared before anything is subtracted, so an
	// unchanged account computes no difference.
	kept := minus(eTotal, m.PriceRise)
	switch money.Cmp(kept, sTotal) {
	case 1:
		m.Move = MoveExpansion
	case -1:
		m.Move = MoveContraction
	default:
		m.Move = MoveUnchanged
	}
	switch s.netting {
	case NetPerAccount:
		// The change CS can claim, less the products already counted as
		// churn: kept − (S − product churn).
		base := minus(sTotal, m.ProductChurn)
		switch money.Cmp(kept, base) {
		case 1:
			m.Expansion = kept.Sub(base)
		case -1:
			m.Contraction = base.Sub(kept)
		}
	case NetPerProduct:
		var up, down money.Sum
		for j := range p.End.Lines {
			i := match[j]
			if i >= 0 && churnLost && lost(i) {
				continue // counted as churn
			}
			d, was := minus(eRev[j], rise[j]), decimal.Decimal{}
			if i >= 0 {
				was = sRev[i]
			}
			switch money.Cmp(d, was) {
			case 1:
				up.Add(d)
				up.Sub(was)
			case -1:
				down.Add(was)
				down.Sub(d)
			}
		}
		for i := range p.Start.Lines {
			if inv[i] < 0 && !(churnLost && lost(i)) {
				down.Add(sRev[i])
			}
		}
		m.Expansion, m.Contraction = up.Decimal(), down.Decimal()
	}
	return m
}

// matchProducts returns, for each end line, the index of the start line
// with the same product, or -1; buf is reused when large enough. Products
// are unique on each side.
func matchProducts(start, end []Line, buf []int) []int {
	m := buf[:0]
	if len(start)*len(end) <= 256 {
		for _, e := range end {
			k := -1
			for i, s := range start {
				if s.Product == e.Product {
					k = i
					break
				}
			}
			m = append(m, k)
		}
		return m
	}
	at := make(map[string]int, len(start))
	for i, s := range start {
		at[s.Product] = i
	}
	for _, e := range end {
		k, ok := at[e.Product]
		if !ok {
			k = -1
		}
		m = append(m, k)
	}
	return m
}

// MovementBook totals the revenue movements of a book's accounts between
// two snapshots. It is an accumulator: [MovementBook.Add] one [Pair] per
// account, merge books built over parts of the book with
// [MovementBook.Merge], read [MovementBook.Result]. Memory is flat: it
// keeps totals, no accounts.
//
// It keeps no IDs: a pair added twice is counted twice. [Join] refuses an
// account twice in a snapshot.
type MovementBook struct {
	s        *settings
	from, to date.Date
	t        moveSums
}

// moveSums are the running totals of a MovementBook.
type moveSums struct {
	start, end, new, react, exp, rise, contr, churn, prodChurn money.Sum
	nStart, nEnd, nNew, nReact, nExp, nRise, nContr, nChurn    int64
}

func (t *moveSums) add(m *Movement) {
	// Amounts that are zero are skipped: the common account moves in one
	// or two of them.
	add := func(s *money.Sum, n *int64, d decimal.Decimal) {
		if d.Sign() != 0 {
			s.Add(d)
			if n != nil {
				*n++
			}
		}
	}
	add(&t.start, &t.nStart, m.Start)
	add(&t.end, &t.nEnd, m.End)
	add(&t.new, &t.nNew, m.New)
	add(&t.react, &t.nReact, m.Reactivation)
	add(&t.exp, &t.nExp, m.Expansion)
	add(&t.rise, &t.nRise, m.PriceRise)
	add(&t.contr, &t.nContr, m.Contraction)
	add(&t.prodChurn, nil, m.ProductChurn)
	if m.Move == MoveChurn {
		t.nChurn++
	}
	add(&t.churn, nil, m.Churn)
}

func (t *moveSums) merge(o *moveSums) {
	for _, p := range [...][2]*money.Sum{{&t.start, &o.start}, {&t.end, &o.end}, {&t.new, &o.new},
		{&t.react, &o.react}, {&t.exp, &o.exp}, {&t.rise, &o.rise}, {&t.contr, &o.contr},
		{&t.churn, &o.churn}, {&t.prodChurn, &o.prodChurn}} {
		p[0].AddSum(*p[1])
	}
	t.nStart += o.nStart
	t.nEnd += o.nEnd
	t.nNew += o.nNew
	t.nReact += o.nReact
	t.nExp += o.nExp
	t.nRise += o.nRise
	t.nContr += o.nContr
	t.nChurn += o.nChurn
}

// NewMovementBook returns an empty book for the period from the starting
// snapshot's day to the end snapshot's. It returns an error if p is
// invalid (see [Policy.Validate]), if a day is zero ([ErrMissing]) or if to
// is not after from ([ErrInconsistent]).
func NewMovementBook(p Policy, from, to date.Date) (*MovementBook, error) {
	s, err := p.settings()
	if err != nil {
		return nil, err
	}
	switch {
	case from.IsZero():
		return nil, fieldErr("period", "", "from", ErrMissing)
	case to.IsZero():
		return nil, fieldErr("period", "", "to", ErrMissing)
	case !to.After(from):
		return nil, fieldErr("period", "", "to", fmt.Errorf("%w: %s not after %s", ErrInconsistent, to, from))
	}
	return &MovementBook{s: s, from: from, to: to}, nil
}

// Add classifies one account's pair (see [Policy.Classify]) and counts
// it, or returns the error and leaves the book unchanged.
func (b *MovementBook) Add(p Pair) error {
	if b == nil || b.s == nil {
		return errNilAcc("MovementBook")
	}
	if err := p.Validate(); err != nil {
		return err
	}
	b.addValid(p)
	return nil
}

// addValid is Add on a pair already validated.
func (b *MovementBook) addValid(p Pair) {
	m := classify(b.s, p)
	b.t.add(&m)
}

// Merge adds the accounts of o to b. Books built with different policies
// or periods are an error ([ErrMismatch]); b is then unchanged. o is not
// changed.
func (b *MovementBook) Merge(o *MovementBook) error {
	if b == nil || b.s == nil || o == nil || o.s == nil {
		return errNilAcc("MovementBook")
	}
	if !b.s.same(o.s) || b.from != o.from || b.to != o.to {
		return fmt.Errorf("%w: different policies or periods", ErrMismatch)
	}
	b.t.merge(&o.t)
	return nil
}

// Totals is the result of a [MovementBook]: the revenue movements of a
// book between two snapshots, with net and gross revenue retention.
//
//	End = Start + New + Reactivation + Expansion + PriceRise − Contraction − Churn
type Totals struct {
	// From and To are the days of the two snapshots.
	From, To date.Date
	// ProductLoss and Netting are the conventions the totals were
	// computed under.
	ProductLoss ProductLoss
	Netting     Netting
	// Start and End are the book's revenue in the two snapshots.
	Start, End decimal.Decimal
	// The movements, each zero or positive.
	New, Reactivation, Expansion, PriceRise, Contraction, Churn decimal.Decimal
	// ProductChurn is the part of Churn from products dropped by accounts
	// that still pay (ProductLossChurn only).
	ProductChurn decimal.Decimal
	// StartAccounts and EndAccounts count the accounts paying in each
	// snapshot; StartAccounts is the starting cohort.
	StartAccounts, EndAccounts int64
	// Accounts with each movement. ChurnedAccounts is logo churn: accounts
	// that stopped paying altogether, whatever the product-loss convention.
	NewAccounts, ReactivatedAccounts, ExpandedAccounts, RepricedAccounts, ContractedAccounts, ChurnedAccounts int64
	// NRR is net revenue retention over the starting cohort:
	// (Start + Expansion + PriceRise − Contraction − Churn) / Start, the
	// cohort's end revenue over its start. No data when Start is zero.
	NRR Rate
	// NRRWithoutPriceRise is NRR with uniform price rises left out:
	// (Start + Expansion − Contraction − Churn) / Start, what CS kept and
	// grew.
	NRRWithoutPriceRise Rate
	// GRR is gross revenue retention: (Start − Contraction − Churn) /
	// Start, never above 100%. No data when Start is zero.
	GRR Rate
	// LogoChurn is ChurnedAccounts of StartAccounts.
	LogoChurn Ratio
}

// Result returns the totals so far. A nil book returns the zero Totals.
func (b *MovementBook) Result() Totals {
	if b == nil || b.s == nil {
		return Totals{}
	}
	t := &b.t
	r := Totals{
		From: b.from, To: b.to, ProductLoss: b.s.loss, Netting: b.s.netting,
		Start: t.start.Decimal(), End: t.end.Decimal(),
		New: t.new.Decimal(), Reactivation: t.react.Decimal(), Expansion: t.exp.Decimal(),
		PriceRise: t.rise.Decimal(), Contraction: t.contr.Decimal(), Churn: t.churn.Decimal(),
		ProductChurn:  t.prodChurn.Decimal(),
		StartAccounts: t.nStart, EndAccounts: t.nEnd,
		NewAccounts: t.nNew, ReactivatedAccounts: t.nReact, ExpandedAccounts: t.nExp,
		RepricedAccounts: t.nRise, ContractedAccounts: t.nContr, ChurnedAccounts: t.nChurn,
		LogoChurn: Ratio{t.nChurn, t.nStart},
	}
	var keep, net, gross money.Sum
	keep.AddSum(t.start)
	keep.SubAmount(money.Of(r.Contraction))
	keep.SubAmount(money.Of(r.Churn))
	gross = keep
	keep.AddAmount(money.Of(r.Expansion))
	net = keep
	net.AddAmount(money.Of(r.PriceRise))
	r.GRR = Rate{gross.Decimal(), r.Start}
	r.NRRWithoutPriceRise = Rate{keep.Decimal(), r.Start}
	r.NRR = Rate{net.Decimal(), r.Start}
	return r
}

type totalsJSON struct {
	From                date.Date   `json:"from"`
	To                  date.Date   `json:"to"`
	ProductLoss         ProductLoss `json:"product_loss"`
	Netting             Netting     `json:"netting"`
	Start               money.JSON  `json:"start"`
	End                 money.JSON  `json:"end"`
	New                 money.JSON  `json:"new"`
	Reactivation        money.JSON  `json:"reactivation"`
	Expansion           money.JSON  `json:"expansion"`
	PriceRise           money.JSON  `json:"price_rise"`
	Contraction         money.JSON  `json:"contraction"`
	Churn               money.JSON  `json:"churn"`
	ProductChurn        money.JSON  `json:"product_churn"`
	StartAccounts       int64       `json:"start_accounts"`
	EndAccounts         int64       `json:"end_accounts"`
	NewAccounts         int64       `json:"new_accounts"`
	ReactivatedAccounts int64       `json:"reactivated_accounts"`
	ExpandedAccounts    int64       `json:"expanded_accounts"`
	RepricedAccounts    int64       `json:"repriced_accounts"`
	ContractedAccounts  int64       `json:"contracted_accounts"`
	ChurnedAccounts     int64       `json:"churned_accounts"`
	NRR                 Rate        `json:"nrr"`
	NRRWithoutPriceRise Rate        `json:"nrr_without_price_rise"`
	GRR                 Rate        `json:"grr"`
	LogoChurn           Ratio       `json:"logo_churn"`
}

// MarshalJSON encodes the totals with exact decimal strings.
func (t Totals) MarshalJSON() ([]byte, error) {
	return json.Marshal(totalsJSON{t.From, t.To, t.ProductLoss, t.Netting, money.JSON(t.Start), money.JSON(t.End),
		money.JSON(t.New), money.JSON(t.Reactivation), money.JSON(t.Expansion), money.JSON(t.PriceRise),
		money.JSON(t.Contraction), money.JSON(t.Churn), money.JSON(t.ProductChurn), t.StartAccounts, t.EndAccounts,
		t.NewAccounts, t.ReactivatedAccounts, t.ExpandedAccounts, t.RepricedAccounts, t.ContractedAccounts,
		t.ChurnedAccounts, t.NRR, t.NRRWithoutPriceRise, t.GRR, t.LogoChurn})
}

// UnmarshalJSON decodes what MarshalJSON writes; an error wraps
// [ErrInvalidRecord] and leaves t unchanged.
func (t *Totals) UnmarshalJSON(b []byte) error {
	var j totalsJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "totals", err)
	}
	v := Totals{j.From, j.To, j.ProductLoss, j.Netting, decimal.Decimal(j.Start), decimal.Decimal(j.End),
		decimal.Decimal(j.New), decimal.Decimal(j.Reactivation), decimal.Decimal(j.Expansion),
		decimal.Decimal(j.PriceRise), decimal.Decimal(j.Contraction), decimal.Decimal(j.Churn),
		decimal.Decimal(j.ProductChurn), j.StartAccounts, j.EndAccounts, j.NewAccounts, j.ReactivatedAccounts,
		j.ExpandedAccounts, j.RepricedAccounts, j.ContractedAccounts, j.ChurnedAccounts, j.NRR,
		j.NRRWithoutPriceRise, j.GRR, j.LogoChurn}
	m := Movement{Start: v.Start, End: v.End, New: v.New, Reactivation: v.Reactivation, Expansion: v.Expansion,
		PriceRise: v.PriceRise, Contraction: v.Contraction, Churn: v.Churn, ProductChurn: v.ProductChurn}
	if err := checkAmounts("totals", "", m.amounts()...); err != nil {
		return decodeErr(ErrInvalidRecord, "totals", err)
	}
	*t = v
	return nil
}
