package churn

import (
	"fmt"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/fault"
)

// idSet is the set of case IDs an accumulator has counted, for detecting
// duplicates. It is off (nil) when the policy skips the check.
type idSet map[string]struct{}

// check returns an error wrapping [ErrDuplicateCase] if id was counted.
func (s idSet) check(id string) error {
	if s == nil {
		return nil
	}
	if _, dup := s[id]; dup {
		return fieldErr(id, "id", fmt.Errorf("%w: case %s is already in the book", ErrDuplicateCase, fault.Quote(id)))
	}
	return nil
}

// add records id; check it first.
func (s idSet) add(id string) {
	if s != nil {
		s[id] = struct{}{}
	}
}

// checkMerge returns an error wrapping [ErrDuplicateCase] if s and o share
// an ID. It reads the smaller set.
func (s idSet) checkMerge(o idSet) error {
	a, b := s, o
	if len(a) > len(b) {
		a, b = b, a
	}
	for id := range a {
		if _, dup := b[id]; dup {
			return fieldErr(id, "id", fmt.Errorf("%w: case %s is in both books merged", ErrDuplicateCase, fault.Quote(id)))
		}
	}
	return nil
}

// merge adds o's IDs to s; checkMerge first.
func (s idSet) merge(o idSet) {
	for id := range o {
		s[id] = struct{}{}
	}
}

// newIDSet returns an empty set, or nil (off) when skip is true.
func newIDSet(skip bool) idSet {
	if skip {
		return nil
	}
	return idSet{}
}

// ledger is what the book accumulators keep besides their totals: the
// as-of date and the set of case IDs counted. The constructors refuse a
// zero as-of date, so a zero ledger is that of an accumulator not made by
// its constructor.
type ledger struct {
	asOf date.Date
	ids  idSet // nil when the policy skips the duplicate check
}

// newLedger resolves and validates policy p for an accumulator as of day
// asOf, and returns the resolved policy and the accumulator's ledger.
func newLedger(p Policy, asOf date.Date) (Policy, ledger, error) {
	if asOf.IsZero() {
		return Policy{}, ledger{}, fieldErr("", "as_of", ErrMissingDate)
	}
	rp := p.resolved()
	if err := rp.validate(); err != nil {
		return Policy{}, ledger{}, err
	}
	return rp, ledger{asOf: asOf, ids: newIDSet(rp.SkipDuplicateCheck)}, nil
}

// ready reports whether the ledger's accumulator was made by its
// constructor.
func (l *ledger) ready() bool { return !l.asOf.IsZero() }

// admit checks case c before an accumulator counts it: c is valid, has no
// move after the as-of date and, unless the check is skipped, was not
// counted before. It returns what validating c read. The caller records
// c's ID once every check of its own has passed too.
func (l *ledger) admit(c *Case) (checked, error) {
	if !l.ready() {
		return checked{}, ErrInvalidAccumulator
	}
	ck, err := c.validate(true)
	if err != nil {
		return checked{}, err
	}
	i := len(c.History) - 1
	if last := c.History[i].Date; last.After(l.asOf) {
		return checked{}, fieldErr(c.ID, at("history", i, "date"), fmt.Errorf("%w: %s, as of %s", ErrAfterAsOf, last, l.asOf))
	}
	return ck, l.ids.check(c.ID)
}

// checkMerge returns an error unless the accumulator of ledger o can be
// merged into that of l: both made by their constructors, not one, of
// one as-of date and duplicate check, of one configuration (same; what
// describes the two for the error), and without a case ID in common.
func (l *ledger) checkMerge(o *ledger, same bool, what func() string) error {
	switch {
	case !l.ready() || !o.ready():
		return ErrInvalidAccumulator
	case l == o:
		return fmt.Errorf("%w: merging an accumulator into itself", ErrInvalidAccumulator)
	case l.asOf != o.asOf || (l.ids == nil) != (o.ids == nil) || !same:
		return fmt.Errorf("%w: %s", ErrMergeMismatch, what())
	}
	return l.ids.checkMerge(o.ids)
}

// monthKey numbers the month of d: months since year 0.
func monthKey(d date.Date) int32 {
	return int32(d.Year())*12 + int32(d.Month()) - 1
}

// monthOf returns the first day of month key k.
func monthOf(k int32) date.Date {
	return date.Must(int(k/12), time.Month(k%12+1), 1)
}
