package expansion

import (
	"fmt"
	"iter"
	"strings"

	"github.com/cskit/cskit/date"
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
// O(n) memory or an external sort on disk), or hold one snapshot in a map
// by account ID (O(n) memory), pair each row of the other with it, and
// add each [Pair] to a [MovementBook] (see its example).
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
