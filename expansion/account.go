package expansion

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Line is one product an account holds in a snapshot of the book. Its
// recurring revenue is Seats × UnitPrice + Extra, and zero once the line
// or its account has churned [seed 002]. Amounts are in the book's one
// unit (MRR or ARR) and currency.
type Line struct {
	// Product names the product; required, unique within the account.
	Product string `json:"product"`
	// Seats is the number of paid seats (paid users).
	Seats int64 `json:"seats"`
	// UnitPrice is the price of one seat (the seed's per-organisation
	// ARPPU, read as a per-user price).
	UnitPrice decimal.Decimal `json:"unit_price"`
	// Extra is revenue of the line not billed per seat: a flat-fee paid
	// option, a usage charge [ours].
	Extra decimal.Decimal `json:"extra"`
	// UniformRise is the part of this line's revenue that comes from a
	// price rise applied uniformly to every customer without CS since the
	// starting snapshot [seed 002]. The host knows its price list, so it
	// says; revenue movements keep it apart from expansion. It is read
	// only from the end snapshot, and only for a product that had revenue
	// at the start: a new product's or a new account's revenue is all
	// expansion or new. At most the line's revenue.
	UniformRise decimal.Decimal `json:"uniform_rise"`
	// Churned marks a product the account no longer pays for; its revenue
	// is zero, whatever Seats and prices still say.
	Churned bool `json:"churned"`
}

// Revenue returns Seats × UnitPrice + Extra, or zero if the line has
// churned. It does not validate the line.
func (l Line) Revenue() decimal.Decimal {
	if l.Churned {
		return decimal.Decimal{}
	}
	r := l.UnitPrice.Mul(decimal.NewFromInt(l.Seats))
	if l.Extra.IsZero() {
		return r
	}
	return r.Add(l.Extra)
}

// Validate returns an error if:
//   - Product is empty or longer than 256 bytes ([ErrMissing],
//     [ErrTooLarge]);
//   - Seats is negative ([ErrNegative]) or above [MaxPeople]
//     ([ErrTooLarge]);
//   - UnitPrice, Extra or UniformRise is negative ([ErrNegative]) or out of
//     range ([ErrAmountOutOfRange]);
//   - UniformRise is above the line's revenue ([ErrInconsistent]).
//
// The error is a [*FieldError] naming the field.
func (l Line) Validate() error { return l.check() }

// check validates l. It computes the line's revenue only to compare a
// uniform rise with it.
func (l Line) check() error {
	bad := func(field string, err error) error {
		return fieldErr("line", l.Product, field, err)
	}
	if err := checkName(l.Product); err != nil {
		return bad("product", err)
	}
	if err := checkPeople(l.Seats); err != nil {
		return bad("seats", err)
	}
	if !money.Valid(l.UnitPrice) {
		return bad("unit_price", checkAmount(l.UnitPrice))
	}
	if !money.Valid(l.Extra) {
		return bad("extra", checkAmount(l.Extra))
	}
	if !money.Valid(l.UniformRise) {
		return bad("uniform_rise", checkAmount(l.UniformRise))
	}
	if !l.UniformRise.IsZero() {
		if r := l.Revenue(); l.UniformRise.Cmp(r) > 0 {
			return bad("uniform_rise", fmt.Errorf("%w: %s above the line's revenue %s", ErrInconsistent, money.Format(l.UniformRise), money.Format(r)))
		}
	}
	return nil
}

type lineJSON struct {
	Product     string     `json:"product"`
	Seats       int64      `json:"seats"`
	UnitPrice   money.JSON `json:"unit_price"`
	Extra       money.JSON `json:"extra"`
	UniformRise money.JSON `json:"uniform_rise"`
	Churned     bool       `json:"churned"`
}

// MarshalJSON encodes the line with exact decimal strings.
func (l Line) MarshalJSON() ([]byte, error) {
	return json.Marshal(lineJSON{l.Product, l.Seats, money.JSON(l.UnitPrice), money.JSON(l.Extra), money.JSON(l.UniformRise), l.Churned})
}

// UnmarshalJSON decodes a line strictly and validates it; an error wraps
// [ErrInvalidRecord] and leaves l unchanged.
func (l *Line) UnmarshalJSON(b []byte) error {
	var j lineJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "line", err)
	}
	v := Line{j.Product, j.Seats, decimal.Decimal(j.UnitPrice), decimal.Decimal(j.Extra), decimal.Decimal(j.UniformRise), j.Churned}
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "line", err)
	}
	*l = v
	return nil
}

// Account is one paying account in a snapshot of the book: the products it
// holds. An account may hold several products; its revenue is the sum of
// theirs, and zero once the account has churned [seed 002].
type Account struct {
	// ID identifies the account; required. Snapshots streamed through
	// [Join] are sorted by it, byte-wise.
	ID string `json:"id"`
	// Churned marks an account that no longer pays: its revenue is zero,
	// whatever its lines still say.
	Churned bool `json:"churned"`
	// PaidBefore says the account was a paying customer at some time before
	// the starting snapshot. It alone decides whether revenue from an
	// account that had none at the start is a reactivation or new; the
	// host's history knows it, so the host says. Read from the end
	// snapshot only.
	PaidBefore bool `json:"paid_before"`
	// Lines are the products the account holds, at most 1000, each product
	// once.
	Lines []Line `json:"lines"`
}

// maxLines bounds an account's lines.
const maxLines = 1000

// Revenue returns the account's recurring revenue: the sum of its lines'
// revenue, or zero if the account has churned. It validates the account
// first.
func (a Account) Revenue() (decimal.Decimal, error) {
	if err := a.Validate(); err != nil {
		return decimal.Decimal{}, err
	}
	var s money.Sum
	if !a.Churned {
		for _, l := range a.Lines {
			s.Add(l.Revenue())
		}
	}
	return s.Decimal(), nil
}

// Validate returns an error if:
//   - ID is empty or longer than 256 bytes ([ErrMissing], [ErrTooLarge]);
//   - it has more than 1000 lines ([ErrTooLarge]);
//   - a line is invalid (see [Line.Validate]);
//   - a line has a UniformRise while the account has churned
//     ([ErrInconsistent]);
//   - two lines name the same product ([ErrDuplicate]).
//
// The error is a [*FieldError] naming the account and the field
// ("lines[2].seats").
func (a Account) Validate() error {
	bad := func(field string, err error) error { return fieldErr("account", a.ID, field, err) }
	if err := checkName(a.ID); err != nil {
		return bad("id", err)
	}
	if len(a.Lines) > maxLines {
		return bad("lines", fmt.Errorf("%w: %d lines, above %d", ErrTooLarge, len(a.Lines), maxLines))
	}
	for i, l := range a.Lines {
		if err := l.check(); err != nil {
			fe := err.(*FieldError)
			return bad(index("lines", i)+"."+fe.Field, fe.Err)
		}
		if a.Churned && !l.UniformRise.IsZero() {
			return bad(index("lines", i)+".uniform_rise", fmt.Errorf("%w: a price rise on a churned account", ErrInconsistent))
		}
	}
	if i, j, ok := duplicateProduct(a.Lines); ok {
		return bad(index("lines", j)+".product", fmt.Errorf("%w: product %s, as lines[%d]", ErrDuplicate, quote(a.Lines[i].Product), i))
	}
	return nil
}

// duplicateProduct returns the indexes i < j of the first product listed
// twice. It compares pairs for a few lines and uses a map beyond.
func duplicateProduct(lines []Line) (int, int, bool) {
	if len(lines) <= 16 {
		for j := 1; j < len(lines); j++ {
			for i := 0; i < j; i++ {
				if lines[i].Product == lines[j].Product {
					return i, j, true
				}
			}
		}
		return 0, 0, false
	}
	seen := make(map[string]int, len(lines))
	for j, l := range lines {
		if i, ok := seen[l.Product]; ok {
			return i, j, true
		}
		seen[l.Product] = j
	}
	return 0, 0, false
}

type accountJSON struct {
	ID         string `json:"id"`
	Churned    bool   `json:"churned"`
	PaidBefore bool   `json:"paid_before"`
	Lines      []Line `json:"lines"`
}

// MarshalJSON encodes the account; its lines encode with exact decimal
// strings.
func (a Account) MarshalJSON() ([]byte, error) {
	return json.Marshal(accountJSON(a))
}

// UnmarshalJSON decodes an account strictly and validates it; an error
// wraps [ErrInvalidRecord] and leaves a unchanged.
func (a *Account) UnmarshalJSON(b []byte) error {
	var j accountJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "account", err)
	}
	v := Account(j)
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "account", err)
	}
	*a = v
	return nil
}
