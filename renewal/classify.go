package renewal

import (
	"iter"

	"github.com/cskit/cskit/date"
)

// Classify returns where c's renewal current on asOf stands from its dates
// alone: NotStarted before the window opens, InWindow inside it, Late from
// the late threshold to the decision date, Past after the decision date. It
// knows no completions, so it never reports the intent as confirmed; use
// [Policy.Status] for a renewal with its records.
//
// Classify returns an error if c or p is invalid or asOf is zero.
func (p Policy) Classify(c Contract, asOf date.Date) (State, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	if asOf.IsZero() {
		return 0, fieldErr(c.ID, "as_of", ErrMissingDate)
	}
	r := p.resolved()
	return r.classify(c, asOf)
}

func (r *Policy) classify(c Contract, asOf date.Date) (State, error) {
	if err := c.Validate(); err != nil {
		return 0, err
	}
	k := keyDates(c, r, asOf)
	return classify(k.opens, k.lateFrom, k.decision, asOf, false), nil
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
	if err := p.Validate(); err != nil {
		return t, err
	}
	if asOf.IsZero() {
		return t, fieldErr("", "as_of", ErrMissingDate)
	}
	r := p.resolved()
	for c := range book {
		s, err := r.classify(c, asOf)
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
