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

// checkAsOf returns an error wrapping [ErrAfterAsOf] if c's last move, and
// so any, is dated after asOf. c is valid.
func checkAsOf(c *Case, asOf date.Date) error {
	i := len(c.History) - 1
	if last := c.History[i].Date; last.After(asOf) {
		return fieldErr(c.ID, at("history", i, "date"), fmt.Errorf("%w: %s, as of %s", ErrAfterAsOf, last, asOf))
	}
	return nil
}

// monthKey numbers the month of d: months since year 0.
func monthKey(d date.Date) int32 {
	return int32(d.Year())*12 + int32(d.Month()) - 1
}

// monthOf returns the first day of month key k.
func monthOf(k int32) date.Date {
	return date.Must(int(k/12), time.Month(k%12+1), 1)
}
