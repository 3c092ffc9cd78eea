package renewal

import (
	"iter"

	"github.com/cskit/cskit/date"
)

// Classify returns where c's renewal current on asOf stands from its dates
// alone: NotStarted before the window opens, InWindow inside it, Late from
// the late threshold to the decision date, Past after the decision date. The
// window opens on [Schedule.Opens], so a value case the customer's budget
// pulled forward opens it early, as in [Policy.Status]. It knows no
// completions, so it never reports the intent as confirmed; use
// [Policy.Status] for a renewal with its records.
//
// Classify returns an error if c or p is invalid or asOf is zero.
func (p Policy) Classify(c Contract, asOf date.Date) (State, error) {
	r := p.resolved()
	if err := r.validate(); err != nil {
		return 0, err
	}
	if asOf.IsZero() {
		return 0, fieldErr(c.ID, "as_of", ErrMissingDate)
	}
	return r.classify(&c, asOf, asOf.Ordinal())
}

// classify is Classify on a resolved, valid policy; asOfDay is
// asOf.Ordinal(), computed once per book. It validates c and allocates
// nothing unless c is invalid.
//
// It is the hot path over a book, so it computes a date only when a
// comparison needs it. A decision date before asOf, or in a month more than
// a whole-month window after asOf's, settles the state by the calendar
// months alone, with no day counted. A span of months covers at least 28 and at most 31
// days a month ([date.Period.MinDays], [date.Period.MaxDays]; clamping at
// year 1 only shortens it), so asOf is surely inside a threshold when it is
// at most the shortest reading of the span before the decision date, and
// surely outside when it is more than the longest; only in between is the
// threshold's date computed. The result is exactly that of the schedule
// [Policy.Plan] builds; a test checks it against [Policy.Status].
func (r *Policy) classify(c *Contract, asOf date.Date, asOfDay int) (State, error) {
	first, err := validateContract(c)
	if err != nil {
		return 0, err
	}
	renewal := c.nextRenewal(first, asOf)
	// The decision date, unless the notice is in days only: then it is
	// built only when a threshold is close enough to need it.
	var decision date.Date
	switch {
	case !c.AutoRenew || c.Notice.IsZero():
		decision = renewal
	case c.Notice.Months != 0:
		decision = c.Notice.Before(renewal)
	}
	if !decision.IsZero() {
		// Most of a book is decided by the calendar months alone.
		if decision.Before(asOf) {
			return Past, nil
		}
		// A window of whole months opens in the month Window.Months before
		// the decision date's; when that month is after asOf's, asOf is
		// before the window and the late threshold, which never exceeds it.
		if r.Window.Days == 0 && monthsApart(asOf, decision) > r.Window.Months && (r.IgnoreFiscalYear || c.FiscalYearEnd == 0) {
			return NotStarted, nil
		}
	}
	// left counts the days from asOf to the decision date.
	var left int
	if decision.IsZero() {
		left = renewal.Ordinal() - asOfDay - c.Notice.Days
	} else {
		left = decision.Ordinal() - asOfDay
	}
	within := func(p date.Period) bool { // asOf on or after decision − p
		if left <= p.MinDays() {
			return true
		}
		if left > p.MaxDays() {
			return false
		}
		if decision.IsZero() {
			decision = asOf.AddDays(left)
		}
		return !asOf.Before(before(p, decision))
	}
	switch {
	case left < 0:
		return Past, nil
	case within(r.Late):
		return Late, nil
	case within(r.Window):
		return InWindow, nil
	case r.IgnoreFiscalYear || c.FiscalYearEnd == 0 || left > c.maxTermDays()+r.Window.MaxDays():
		// A budget move opens the renewal no earlier than a term before
		// the decision date, minus the item's open span, which the window
		// bounds.
		return NotStarted, nil
	}
	if decision.IsZero() {
		decision = asOf.AddDays(left)
	}
	deadline, _ := r.budgetDeadlineAt(c, first, renewal, decision)
	if deadline.IsZero() || asOfDay < deadline.Ordinal()-r.Window.MaxDays() {
		// No budget move, or asOf is before any opening it can cause: a
		// moved item opens at most the window's length before the deadline.
		return NotStarted, nil
	}
	k := dates{renewal: renewal, decision: decision, opens: before(r.Window, decision)}
	if !asOf.Before(r.opensBy(k, deadline)) {
		return InWindow, nil
	}
	return NotStarted, nil
}

// Tally counts a book of contracts by state as of a date.
type Tally struct {
	// AsOf is the date the book was classified at.
	AsOf date.Date `json:"as_of"`
	// NotStarted, InWindow, Late and Past count contracts in each state.
	NotStarted int `json:"not_started"`
	InWindow   int `json:"in_window"`
	Late       int `json:"late"`
	Past       int `json:"past"`
}

// Total returns the number of contracts counted.
func (t Tally) Total() int { return t.NotStarted + t.InWindow + t.Late + t.Past }

// ClassifyBook classifies every contract of book as of asOf (see
// [Policy.Classify]) and counts them. It reads the book once, holds one row
// at a time and allocates nothing per row, so book can stream from a
// database cursor; pass a slice with slices.Values.
//
// ClassifyBook stops at the first invalid contract and returns the counts so
// far with its error.
func (p Policy) ClassifyBook(book iter.Seq[Contract], asOf date.Date) (Tally, error) {
	t := Tally{AsOf: asOf}
	r := p.resolved()
	if err := r.validate(); err != nil {
		return t, err
	}
	if asOf.IsZero() {
		return t, fieldErr("", "as_of", ErrMissingDate)
	}
	asOfDay := asOf.Ordinal()
	for c := range book {
		s, err := r.classify(&c, asOf, asOfDay)
		if err != nil {
			return t, err
		}
		switch s {
		case NotStarted:
			t.NotStarted++
		case InWindow:
			t.InWindow++
		case Late:
			t.Late++
		case Past:
			t.Past++
		}
	}
	return t, nil
}

// monthsApart returns the number of calendar months from a's month to b's,
// by month number alone (2027-01-31 to 2027-02-01 is 1).
func monthsApart(a, b date.Date) int {
	ay, am, _ := a.Civil()
	by, bm, _ := b.Civil()
	return (by-ay)*12 + int(bm-am)
}
