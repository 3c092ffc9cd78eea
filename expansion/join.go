package expansion

import (
	"encoding/json"
	"fmt"
	"iter"
	"strings"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/jsonstrict"
)

// cursor reads one snapshot for Join: the current row, its index, and the
// previous ID to check the order.
type cursor struct {
	side Side
	next func() (Account, bool)
	cur  Account
	ok   bool
	idx  int // index of cur; -1 before the first row
}

// advance reads the next row and checks it: valid, and after the previous
// row's ID.
func (c *cursor) advance() error {
	prev, hadPrev := c.cur.ID, c.ok
	c.cur, c.ok = c.next()
	if !c.ok {
		return nil
	}
	c.idx++
	if err := c.cur.Validate(); err != nil {
		return &SnapshotError{Side: c.side, Index: c.idx, Err: err}
	}
	if hadPrev {
		switch strings.Compare(c.cur.ID, prev) {
		case -1:
			return &SnapshotError{Side: c.side, Index: c.idx, Err: fieldErr("account", c.cur.ID, "id", fmt.Errorf("%w: after %s", ErrUnsorted, quote(prev)))}
		case 0:
			return &SnapshotError{Side: c.side, Index: c.idx, Err: fieldErr("account", c.cur.ID, "id", fmt.Errorf("%w: account in rows %d and %d", ErrDuplicate, c.idx-1, c.idx))}
		}
	}
	return nil
}

// joined is one step of join: the pair and the index of each side's row
// in its snapshot (-1 when absent).
type joined struct {
	pair       Pair
	start, end int
}

// join merge-joins two snapshots sorted by account ID.
func join(start, end iter.Seq[Account]) iter.Seq2[joined, error] {
	return func(yield func(joined, error) bool) {
		switch {
		case start == nil:
			yield(joined{}, fmt.Errorf("%s: start snapshot: %w", pkg, ErrNilBook))
			return
		case end == nil:
			yield(joined{}, fmt.Errorf("%s: end snapshot: %w", pkg, ErrNilBook))
			return
		}
		nextS, stopS := iter.Pull(start)
		defer stopS()
		nextE, stopE := iter.Pull(end)
		defer stopE()
		s := cursor{side: SideStart, next: nextS, idx: -1}
		e := cursor{side: SideEnd, next: nextE, idx: -1}
		if err := s.advance(); err != nil {
			yield(joined{}, err)
			return
		}
		if err := e.advance(); err != nil {
			yield(joined{}, err)
			return
		}
		for s.ok || e.ok {
			c := 0
			switch {
			case !e.ok:
				c = -1
			case !s.ok:
				c = 1
			default:
				c = strings.Compare(s.cur.ID, e.cur.ID)
			}
			var j joined
			switch c {
			case -1:
				j = joined{Pair{Start: s.cur}, s.idx, -1}
			case 1:
				j = joined{Pair{End: e.cur}, -1, e.idx}
			default:
				j = joined{Pair{Start: s.cur, End: e.cur}, s.idx, e.idx}
			}
			if !yield(j, nil) {
				return
			}
			if c <= 0 {
				if err := s.advance(); err != nil {
					yield(joined{}, err)
					return
				}
			}
			if c >= 0 {
				if err := e.advance(); err != nil {
					yield(joined{}, err)
					return
				}
			}
		}
	}
}

// Join pairs the accounts of two snapshots of a book, each sorted by
// account ID, in one pass: a merge-join over the two iterators (read with
// [iter.Pull]) that holds one row of each at a time, so memory stays flat
// however large the book.
//
// It yields one [Pair] per account, in ID order, with the side the
// account is missing from left zero. It validates every row and checks
// the order as it reads: a row that is invalid, sorted before the row
// above it ([ErrUnsorted]) or with the same ID ([ErrDuplicate]) ends the
// sequence with a [*SnapshotError] naming the snapshot and the row. A nil
// iterator yields an error wrapping [ErrNilBook].
//
// IDs are compared byte-wise ([strings.Compare]), so the host sorts with
// the same order: in SQL, ORDER BY id COLLATE "C" (or the database's
// binary collation), not a locale's.
//
// Unsorted snapshots cost more: sort them first (O(n log n) time, and
// O(n) memory or an external sort on disk), or give the rows in any order
// to a [Matcher], which holds every account ID seen and every unpaired
// account in memory (O(n)).
func Join(start, end iter.Seq[Account]) iter.Seq2[Pair, error] {
	return func(yield func(Pair, error) bool) {
		for j, err := range join(start, end) {
			if !yield(j.pair, err) || err != nil {
				return
			}
		}
	}
}

// Movements is the one-pass convenience over [Join] and a
// [MovementBook]: the revenue movements of a book between two snapshots,
// each sorted by account ID, taken on the days from and to. Memory stays
// flat. It stops at the first row refused (see [Join]) and returns its
// [*SnapshotError]; an invalid policy or period is returned as
// [NewMovementBook] returns it.
func (p Policy) Movements(from, to date.Date, start, end iter.Seq[Account]) (Totals, error) {
	b, err := NewMovementBook(p, from, to)
	if err != nil {
		return Totals{}, err
	}
	for j, err := range join(start, end) {
		if err != nil {
			return Totals{}, err
		}
		b.addValid(j.pair)
	}
	return b.Result(), nil
}

// Row is one row of either snapshot, for a [Matcher].
type Row struct {
	Side    Side    `json:"side"`    // the snapshot the row belongs to; required
	Account Account `json:"account"` // the account as that snapshot has it
}

// Validate returns an error if Side is not SideStart or SideEnd
// ([ErrMissing], [ErrUnknown]) or the account is invalid (see
// [Account.Validate]).
func (r Row) Validate() error {
	switch {
	case r.Side == 0:
		return fieldErr("account", r.Account.ID, "side", ErrMissing)
	case !r.Side.Valid():
		return fieldErr("account", r.Account.ID, "side", fmt.Errorf("%w %d", errUnknownSide, r.Side))
	}
	return r.Account.Validate()
}

type rowJSON Row

// UnmarshalJSON decodes a row strictly and validates it; an error wraps
// [ErrInvalidRecord] and leaves r unchanged.
func (r *Row) UnmarshalJSON(b []byte) error {
	var j rowJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "row", err)
	}
	v := Row(j)
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "row", err)
	}
	*r = v
	return nil
}

// MarshalJSON encodes {"side":"end","account":{...}}.
func (r Row) MarshalJSON() ([]byte, error) { return json.Marshal(rowJSON(r)) }

// Matcher is the accumulator for snapshots that are not sorted: it takes
// the rows of both snapshots in any order, pairs each account's two rows
// as they meet, and counts the pair in a [MovementBook]. Its cost is
// memory: it holds every account ID it has seen (to refuse a duplicate)
// and every account still waiting for its other row, O(n) in the book.
// For sorted snapshots use [Join], whose memory is flat.
//
// An account seen in one snapshot only is counted by [Matcher.Result] as
// missing from the other (new or reactivation, or churn).
type Matcher struct {
	b    *MovementBook
	seen map[string]*waiting
}

// waiting is what a Matcher holds for one account: which sides it has
// seen, and the row still waiting for its partner.
type waiting struct {
	sides uint8   // bit 1<<Side per side seen
	row   Account // the row waiting; zero once paired
}

// NewMatcher returns an empty matcher for the policy and period (see
// [NewMovementBook]).
func NewMatcher(p Policy, from, to date.Date) (*Matcher, error) {
	b, err := NewMovementBook(p, from, to)
	if err != nil {
		return nil, err
	}
	return &Matcher{b: b, seen: map[string]*waiting{}}, nil
}

// Add validates r and pairs or holds it, or returns an error and leaves
// the matcher unchanged: a row invalid (see [Row.Validate]) or an account
// already seen in the same snapshot ([ErrDuplicate]).
func (m *Matcher) Add(r Row) error {
	if m == nil || m.b == nil {
		return errNilAcc("Matcher")
	}
	if err := r.Validate(); err != nil {
		return err
	}
	w := m.seen[r.Account.ID]
	bit := uint8(1) << r.Side
	switch {
	case w == nil:
		m.seen[r.Account.ID] = &waiting{sides: bit, row: r.Account}
	case w.sides&bit != 0:
		return fieldErr("account", r.Account.ID, "id", fmt.Errorf("%w: account twice in the %s snapshot", ErrDuplicate, r.Side))
	default:
		m.b.addValid(pairOf(w.row, r.Account, r.Side))
		w.sides |= bit
		w.row = Account{}
	}
	return nil
}

// pairOf returns the pair of a held row and a new row of side s.
func pairOf(held, row Account, s Side) Pair {
	if s == SideStart {
		return Pair{Start: row, End: held}
	}
	return Pair{Start: held, End: row}
}

// Merge adds the rows of o to m, pairing accounts whose two rows were
// split between them. It is an error ([ErrMismatch]) to merge matchers of
// different policies or periods, and ([ErrDuplicate]) when both saw an
// account in the same snapshot; m is then unchanged. o is not changed.
func (m *Matcher) Merge(o *Matcher) error {
	if m == nil || m.b == nil || o == nil || o.b == nil {
		return errNilAcc("Matcher")
	}
	if !m.b.s.same(o.b.s) || m.b.from != o.b.from || m.b.to != o.b.to {
		return fmt.Errorf("%w: different policies or periods", ErrMismatch)
	}
	for id, ow := range o.seen {
		if w := m.seen[id]; w != nil && w.sides&ow.sides != 0 {
			return fieldErr("account", id, "id", fmt.Errorf("%w: account twice in a snapshot", ErrDuplicate))
		}
	}
	m.b.t.merge(&o.b.t)
	for id, ow := range o.seen {
		w := m.seen[id]
		if w == nil {
			c := *ow
			m.seen[id] = &c
			continue
		}
		// Each holds the other side (the check above refused any overlap):
		// pair them now.
		side := SideStart
		if ow.sides&(1<<SideEnd) != 0 {
			side = SideEnd
		}
		m.b.addValid(pairOf(w.row, ow.row, side))
		w.row = Account{}
		w.sides |= ow.sides
	}
	return nil
}

// Result returns the totals so far, counting every account still waiting
// for its other row as missing from that snapshot. m is not changed. A nil
// matcher returns the zero Totals.
func (m *Matcher) Result() Totals {
	if m == nil || m.b == nil {
		return Totals{}
	}
	b := *m.b
	for _, w := range m.seen {
		switch w.sides {
		case 1 << SideStart:
			b.addValid(Pair{Start: w.row})
		case 1 << SideEnd:
			b.addValid(Pair{End: w.row})
		}
	}
	return b.Result()
}
