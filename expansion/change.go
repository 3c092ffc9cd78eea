package expansion

import (
	"iter"

	"encoding/json"
	"fmt"
	"github.com/cskit/cskit/internal/book"

	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Grouping files each [Kind] of expansion under a [Group]. A zero field
// means the field's default in [DefaultGrouping]. Seed 002 splits
// expansion (seats), upsell (unit price) and cross-sell (another product);
// seed 000 calls all of them Expansion ([UmbrellaGrouping]). A host picks
// the words its staff use.
type Grouping struct {
	Seats     Group `json:"seats"`      // default GroupExpansion [seed 002]
	UnitPrice Group `json:"unit_price"` // default GroupUpsell [seed 002]
	Option    Group `json:"option"`     // default GroupUpsell [seed 002]
	Product   Group `json:"product"`    // default GroupCrossSell [seed 002]
	Usage     Group `json:"usage"`      // default GroupExpansion [seed 000; ours in seed 002's split]
}

// DefaultGrouping returns seed 002's split: seats and usage growth are
// expansion, a higher plan and a paid option upsell, another product
// cross-sell.
func DefaultGrouping() Grouping {
	return Grouping{
		Seats:     GroupExpansion,
		UnitPrice: GroupUpsell,
		Option:    GroupUpsell,
		Product:   GroupCrossSell,
		Usage:     GroupExpansion,
	}
}

// UmbrellaGrouping returns seed 000's reading, where Expansion is the
// umbrella over usage growth, cross-sell and upsell: every kind is
// GroupExpansion.
func UmbrellaGrouping() Grouping {
	return Grouping{GroupExpansion, GroupExpansion, GroupExpansion, GroupExpansion, GroupExpansion}
}

// Of returns the group of kind k, defaults filled in, or the zero Group
// for an undeclared kind or an undeclared group in g.
func (g Grouping) Of(k Kind) Group {
	t, err := g.table()
	if err != nil || !k.Valid() {
		return 0
	}
	return t[k]
}

// UnmarshalJSON decodes a grouping strictly, so a misspelt kind is an
// error, not a silent default, and checks every group is declared; an
// error wraps [ErrInvalidPolicy] and leaves g unchanged.
func (g *Grouping) UnmarshalJSON(b []byte) error {
	type plain Grouping
	return decodePlain(b, (*plain)(g), ErrInvalidPolicy, "grouping", func(v *plain) error {
		_, err := Grouping(*v).table()
		return err
	})
}

// table returns the group of every kind, defaults filled in.
func (g Grouping) table() ([numKinds]Group, error) {
	d := DefaultGrouping()
	var t [numKinds]Group
	fields := [numKinds]struct {
		name     string
		got, def Group
	}{
		KindSeats:     {"seats", g.Seats, d.Seats},
		KindUnitPrice: {"unit_price", g.UnitPrice, d.UnitPrice},
		KindOption:    {"option", g.Option, d.Option},
		KindProduct:   {"product", g.Product, d.Product},
		KindUsage:     {"usage", g.Usage, d.Usage},
	}
	for k := KindSeats; int(k) < numKinds; k++ {
		f := fields[k]
		switch {
		case f.got == 0:
			t[k] = f.def
		case !f.got.Valid():
			return t, fieldErr("", "", f.name, fmt.Errorf("%w %d", errUnknownGroup, f.got))
		default:
			t[k] = f.got
		}
	}
	return t, nil
}

// Change is one expansion booked on an account: what it added to the
// recurring revenue and of what kind. Amounts are in the book's one unit
// (MRR or ARR) and currency.
type Change struct {
	// ID identifies the change (an order line); required.
	ID string `json:"id"`
	// Account is the account it was booked on; required.
	Account string `json:"account"`
	// Product is the product it concerns; optional.
	Product string `json:"product"`
	// Kind is what it added; required.
	Kind Kind `json:"kind"`
	// Amount is the recurring revenue it added; required, above zero.
	Amount decimal.Decimal `json:"amount"`
	// WithoutCS marks a price rise applied uniformly to every customer
	// without CS taking part (「カスタマーサクセスが介在せずに」): it is not
	// CS upsell and every total keeps it apart [seed 002]. Only a price
	// can rise that way: it is refused on seats and product changes.
	WithoutCS bool `json:"without_cs"`
}

// Validate returns an error if:
//   - ID or Account is empty or longer than 256 bytes ([ErrMissing],
//     [ErrTooLarge]);
//   - Kind is not a declared kind ([ErrMissing] for the zero value,
//     [ErrUnknown]);
//   - Amount is zero ([ErrMissing]), negative ([ErrNegative]) or out of
//     range ([ErrAmountOutOfRange]);
//   - WithoutCS is set on a seats or product change ([ErrInconsistent]).
//
// The error is a [*FieldError] naming the change and the field.
func (c Change) Validate() error {
	bad := func(field string, err error) error { return fieldErr("change", c.ID, field, err) }
	if err := checkName(c.ID); err != nil {
		return bad("id", err)
	}
	if err := checkName(c.Account); err != nil {
		return bad("account", err)
	}
	if len(c.Product) > maxName {
		return bad("product", checkName(c.Product))
	}
	switch {
	case c.Kind == 0:
		return bad("kind", ErrMissing)
	case !c.Kind.Valid():
		return bad("kind", fmt.Errorf("%w %d", errUnknownKind, c.Kind))
	}
	if err := checkAmount(c.Amount); err != nil {
		return bad("amount", err)
	}
	if c.Amount.IsZero() {
		return bad("amount", ErrMissing)
	}
	if c.WithoutCS && (c.Kind == KindSeats || c.Kind == KindProduct) {
		return bad("without_cs", fmt.Errorf("%w: a uniform price rise cannot add %s", ErrInconsistent, c.Kind))
	}
	return nil
}

type changeJSON struct {
	ID        string     `json:"id"`
	Account   string     `json:"account"`
	Product   string     `json:"product"`
	Kind      Kind       `json:"kind"`
	Amount    money.JSON `json:"amount"`
	WithoutCS bool       `json:"without_cs"`
}

// MarshalJSON encodes the change with its amount as an exact decimal
// string.
func (c Change) MarshalJSON() ([]byte, error) {
	return json.Marshal(changeJSON{c.ID, c.Account, c.Product, c.Kind, money.JSON(c.Amount), c.WithoutCS})
}

// UnmarshalJSON decodes a change strictly and validates it; an error wraps
// [ErrInvalidRecord] and leaves c unchanged.
func (c *Change) UnmarshalJSON(b []byte) error {
	var j changeJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "change", err)
	}
	v := Change{j.ID, j.Account, j.Product, j.Kind, decimal.Decimal(j.Amount), j.WithoutCS}
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "change", err)
	}
	*c = v
	return nil
}

// Split is a total kept in two parts: what CS won and the uniform price
// rises applied without CS, never added together by this package.
type Split struct {
	CS             decimal.Decimal // amount of the changes CS took part in
	CSCount        int64           // number of such changes
	WithoutCS      decimal.Decimal // amount of the uniform price rises
	WithoutCSCount int64           // number of such changes
}

type splitJSON struct {
	CS             money.JSON `json:"cs"`
	CSCount        int64      `json:"cs_count"`
	WithoutCS      money.JSON `json:"without_cs"`
	WithoutCSCount int64      `json:"without_cs_count"`
}

// MarshalJSON encodes the split with exact decimal strings.
func (s Split) MarshalJSON() ([]byte, error) {
	return json.Marshal(splitJSON{money.JSON(s.CS), s.CSCount, money.JSON(s.WithoutCS), s.WithoutCSCount})
}

// UnmarshalJSON decodes what MarshalJSON writes; an error wraps
// [ErrInvalidRecord] and leaves s unchanged.
func (s *Split) UnmarshalJSON(b []byte) error {
	var j splitJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "split", err)
	}
	v := Split{decimal.Decimal(j.CS), j.CSCount, decimal.Decimal(j.WithoutCS), j.WithoutCSCount}
	err := checkAmounts("split", "", amount{"cs", v.CS}, amount{"without_cs", v.WithoutCS})
	switch {
	case v.CSCount < 0:
		err = fieldErr("split", "", "cs_count", fmt.Errorf("%w: %d", ErrNegative, v.CSCount))
	case v.WithoutCSCount < 0:
		err = fieldErr("split", "", "without_cs_count", fmt.Errorf("%w: %d", ErrNegative, v.WithoutCSCount))
	}
	if err != nil {
		return decodeErr(ErrInvalidRecord, "split", err)
	}
	*s = v
	return nil
}

// ChangeTotals is the result of a [ChangeBook]: every total in two parts,
// CS and without CS.
type ChangeTotals struct {
	// Grouping is the policy's grouping, defaults filled in.
	Grouping Grouping `json:"grouping"`
	// All is the book's total.
	All Split `json:"all"`
	// ByGroup is the total of each group, every declared group present
	// (t.ByGroup[GroupUpsell]); JSON keys are the groups' names.
	ByGroup map[Group]Split `json:"by_group"`
	// ByKind is the total of each kind, every declared kind present; JSON
	// keys are the kinds' names.
	ByKind map[Kind]Split `json:"by_kind"`
}

// UnmarshalJSON decodes what MarshalJSON writes, strictly; an error wraps
// [ErrInvalidRecord] and leaves t unchanged.
func (t *ChangeTotals) UnmarshalJSON(b []byte) error {
	type plain ChangeTotals
	return decodePlain(b, (*plain)(t), ErrInvalidRecord, "change totals", nil)
}

// splitSum is a running Split.
type splitSum struct {
	cs, without money.Sum
	nCS, nWith  int64
}

func (s *splitSum) add(a money.Amount, withoutCS bool) {
	if withoutCS {
		s.without.AddAmount(a)
		s.nWith++
	} else {
		s.cs.AddAmount(a)
		s.nCS++
	}
}

func (s *splitSum) merge(o *splitSum) {
	s.cs.AddSum(o.cs)
	s.without.AddSum(o.without)
	s.nCS += o.nCS
	s.nWith += o.nWith
}

func (s *splitSum) result() Split {
	return Split{s.cs.Decimal(), s.nCS, s.without.Decimal(), s.nWith}
}

// ChangeBook totals booked expansions by kind and by group, keeping the
// uniform price rises applied without CS apart from what CS won in every
// total. It is an accumulator: [ChangeBook.Add] a change, merge books built
// over parts of a book with [ChangeBook.Merge], read [ChangeBook.Result].
//
// It keeps no IDs, so memory stays flat; a change added twice is counted
// twice (the host's order lines are unique, or the host checks them with a
// set).
type ChangeBook struct {
	s      *settings
	all    splitSum
	groups [numGroups]splitSum
	kinds  [numKinds]splitSum
}

// NewChangeBook returns an empty book for the policy p; it returns p's
// validation error if p is invalid.
func NewChangeBook(p Policy) (*ChangeBook, error) {
	s, err := p.settings()
	if err != nil {
		return nil, err
	}
	return &ChangeBook{s: s}, nil
}

// Add validates c and counts it, or returns the validation error and
// leaves the book unchanged. A nil or unconstructed book is an error.
func (b *ChangeBook) Add(c Change) error {
	if b == nil || b.s == nil {
		return errNilAcc("ChangeBook")
	}
	if err := c.Validate(); err != nil {
		return err
	}
	a := money.Of(c.Amount)
	b.all.add(a, c.WithoutCS)
	b.groups[b.s.grouping[c.Kind]].add(a, c.WithoutCS)
	b.kinds[c.Kind].add(a, c.WithoutCS)
	return nil
}

// Merge adds the changes of o to b. Books built with different policies
// are an error ([ErrMismatch]); b is then unchanged. o is not changed.
func (b *ChangeBook) Merge(o *ChangeBook) error {
	if b == nil || b.s == nil || o == nil || o.s == nil {
		return errNilAcc("ChangeBook")
	}
	if !b.s.same(o.s) {
		return fmt.Errorf("%w: different policies", ErrMismatch)
	}
	b.all.merge(&o.all)
	for i := range b.groups {
		b.groups[i].merge(&o.groups[i])
	}
	for i := range b.kinds {
		b.kinds[i].merge(&o.kinds[i])
	}
	return nil
}

// Result returns the totals so far. A nil book returns the zero totals.
func (b *ChangeBook) Result() ChangeTotals {
	if b == nil || b.s == nil {
		return ChangeTotals{}
	}
	g := b.s.grouping
	t := ChangeTotals{
		Grouping: Grouping{g[KindSeats], g[KindUnitPrice], g[KindOption], g[KindProduct], g[KindUsage]},
		All:      b.all.result(),
		ByGroup:  make(map[Group]Split, numGroups-1),
		ByKind:   make(map[Kind]Split, numKinds-1),
	}
	for g := GroupExpansion; g.Valid(); g++ {
		t.ByGroup[g] = b.groups[g].result()
	}
	for k := KindSeats; k.Valid(); k++ {
		t.ByKind[k] = b.kinds[k].result()
	}
	return t
}

// errNilAcc is the error of a method called on a nil or zero accumulator.
func errNilAcc(what string) error {
	return fmt.Errorf("%w: nil or zero %s; use New%s", ErrMissing, what, what)
}

// ChangeTotals is the iter.Seq convenience over a [ChangeBook]: the totals
// of every change of seq. It stops at the first change refused and returns
// an error naming its index and ID; a nil seq is an error wrapping
// [ErrNilBook].
func (p Policy) ChangeTotals(seq iter.Seq[Change]) (ChangeTotals, error) {
	b, err := NewChangeBook(p)
	if err != nil {
		return ChangeTotals{}, err
	}
	if err := book.Feed(pkg, seq, b.Add); err != nil {
		return ChangeTotals{}, err
	}
	return b.Result(), nil
}
