package capacity

import (
	"encoding/json"
	"fmt"
	"iter"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/shopspring/decimal"
)

// DefaultOnboardingTarget returns the target a zero period stands for: two
// calendar months [ours, from seed 001's example of a two-month
// onboarding].
func DefaultOnboardingTarget() date.Period { return date.Months(2) }

// Onboarding is one customer's onboarding: when it started and, once it
// is complete, when it finished.
type Onboarding struct {
	// Account is the customer's account ID; required, once per book.
	Account string `json:"account"`
	// CSM is who runs it.
	CSM string `json:"csm,omitempty"`
	// Start is the first day of the onboarding; required.
	Start date.Date `json:"start"`
	// Done is the day it was complete; zero while in progress.
	Done date.Date `json:"done,omitzero"`
}

// OnboardingStatus is where one onboarding stands against its target.
type OnboardingStatus struct {
	Account string          `json:"account"` // the account's ID
	State   OnboardingState `json:"state"`   // on time, late, in progress or overdue
	// Due is Start plus the target, in calendar months clamped to the
	// month's end, then days.
	Due date.Date `json:"due"`
	// Days is the days from Start to Done, or to the as-of date while in
	// progress.
	Days int `json:"days"`
	// Over is the days past Due: at Done for a late one, at the as-of
	// date for an overdue one; 0 otherwise.
	Over int `json:"over"`
}

// checkTarget validates an onboarding target and returns it with the
// default written out.
func checkTarget(target date.Period) (date.Period, error) {
	if target.IsZero() {
		return DefaultOnboardingTarget(), nil
	}
	if err := target.Validate(); err != nil {
		return target, fieldErr("", "target", fmt.Errorf("%w: %w", ErrInvalidRecord, err))
	}
	return target, nil
}

// Status returns where o stands as of asOf against target (zero: the
// default, two calendar months). An onboarding finished on its due date
// is on time; one in progress on its due date is not yet overdue.
//
// Status returns an error if:
//   - Account is empty ([ErrInvalidRecord]);
//   - Start or asOf is missing ([ErrMissingDate]);
//   - Done is before Start, or Start or Done is after asOf
//     ([ErrDateOrder]);
//   - target is negative or too long ([ErrInvalidRecord]).
func (o Onboarding) Status(target date.Period, asOf date.Date) (OnboardingStatus, error) {
	target, err := checkTarget(target)
	if err != nil {
		return OnboardingStatus{}, err
	}
	if asOf.IsZero() {
		return OnboardingStatus{}, fieldErr("", "as_of", ErrMissingDate)
	}
	if err := o.validate(asOf); err != nil {
		return OnboardingStatus{}, err
	}
	return o.status(target, asOf), nil
}

func (o *Onboarding) validate(asOf date.Date) error {
	switch {
	case o.Account == "":
		return fieldErr("", "account", fmt.Errorf("%w: empty account", ErrInvalidRecord))
	case o.Start.IsZero():
		return fieldErr(o.Account, "start", ErrMissingDate)
	case o.Start.After(asOf):
		return fieldErr(o.Account, "start", fmt.Errorf("%w: starts %s, after the as-of date %s", ErrDateOrder, o.Start, asOf))
	case o.Done.IsZero():
		return nil
	case o.Done.Before(o.Start):
		return fieldErr(o.Account, "done", fmt.Errorf("%w: done %s, before the start %s", ErrDateOrder, o.Done, o.Start))
	case o.Done.After(asOf):
		return fieldErr(o.Account, "done", fmt.Errorf("%w: done %s, after the as-of date %s", ErrDateOrder, o.Done, asOf))
	}
	return nil
}

func (o *Onboarding) status(target date.Period, asOf date.Date) OnboardingStatus {
	s := OnboardingStatus{Account: o.Account, Due: target.After(o.Start)}
	end := o.Done
	if end.IsZero() {
		end = asOf
	}
	s.Days = o.Start.DaysUntil(end)
	late := end.After(s.Due)
	switch {
	case !o.Done.IsZero() && late:
		s.State = OnboardingLate
	case !o.Done.IsZero():
		s.State = OnboardingOnTime
	case late:
		s.State = OnboardingOverdue
	default:
		s.State = OnboardingInProgress
	}
	if late {
		s.Over = s.Due.DaysUntil(end)
	}
	return s
}

// OnboardingBook accumulates onboardings into their standing against the
// target as of one date: how many finished on time, how long they took,
// how many are overdue [seed 001: fix the onboarding period, then shorten
// it]. Build one with [NewOnboardingBook]; Add, AddAll, Merge and Result
// work as for [Book]. It keeps the set of account IDs seen, to refuse an
// account onboarded twice in one book.
type OnboardingBook struct {
	target date.Period
	asOf   date.Date
	seen   map[string]struct{}
	r      OnboardingReport
}

// NewOnboardingBook returns an empty book measuring against target (zero:
// [DefaultOnboardingTarget]) as of asOf. It returns an error if the target
// is negative or too long ([ErrInvalidRecord]) or asOf is zero
// ([ErrMissingDate]).
func NewOnboardingBook(target date.Period, asOf date.Date) (*OnboardingBook, error) {
	target, err := checkTarget(target)
	if err != nil {
		return nil, err
	}
	if asOf.IsZero() {
		return nil, fieldErr("", "as_of", ErrMissingDate)
	}
	return &OnboardingBook{target: target, asOf: asOf, seen: map[string]struct{}{},
		r: OnboardingReport{Target: target, AsOf: asOf}}, nil
}

var errNoOnboardingBook = fmt.Errorf("%w: the book was not made by NewOnboardingBook", ErrInvalidRecord)

// Add validates o and counts it; a refused onboarding leaves the book
// unchanged. It returns the errors of [Onboarding.Status], and
// [ErrDuplicateID] for an account already in the book.
func (b *OnboardingBook) Add(o Onboarding) error {
	if b == nil || b.seen == nil {
		return errNoOnboardingBook
	}
	if err := o.validate(b.asOf); err != nil {
		return err
	}
	if _, dup := b.seen[o.Account]; dup {
		return fieldErr(o.Account, "account", fmt.Errorf("%w: onboarded twice", ErrDuplicateID))
	}
	b.seen[o.Account] = struct{}{}
	s := o.status(b.target, b.asOf)
	r := &b.r
	switch s.State {
	case OnboardingOnTime:
		r.OnTime++
	case OnboardingLate:
		r.Late++
	case OnboardingInProgress:
		r.InProgress++
	case OnboardingOverdue:
		r.Overdue++
	}
	if !o.Done.IsZero() {
		r.Done++
		r.DaysDone += s.Days
	}
	return nil
}

// AddAll adds every onboarding of seq in order and stops at the first one
// refused, naming its 0-based index; a nil seq is an error wrapping
// [ErrNilBook].
func (b *OnboardingBook) AddAll(seq iter.Seq[Onboarding]) error { return book.Feed(pkg, seq, b.Add) }

// Merge adds what o counted to b. It returns an error wrapping
// [ErrMismatchedBooks] for another target or as-of date, or
// [ErrDuplicateID] for an account in both; b is then unchanged.
func (b *OnboardingBook) Merge(o *OnboardingBook) error {
	if b == nil || b.seen == nil || o == nil || o.seen == nil {
		return errNoOnboardingBook
	}
	if b.target != o.target || b.asOf != o.asOf {
		return ErrMismatchedBooks
	}
	for id := range o.seen {
		if _, dup := b.seen[id]; dup {
			return fieldErr(id, "account", fmt.Errorf("%w: onboarded twice", ErrDuplicateID))
		}
	}
	for id := range o.seen {
		b.seen[id] = struct{}{}
	}
	b.r.OnTime += o.r.OnTime
	b.r.Late += o.r.Late
	b.r.InProgress += o.r.InProgress
	b.r.Overdue += o.r.Overdue
	b.r.Done += o.r.Done
	b.r.DaysDone += o.r.DaysDone
	return nil
}

// OnboardingReport is where a book's onboardings stand against the
// target.
type OnboardingReport struct {
	Target date.Period `json:"target"` // the target, its default written out
	AsOf   date.Date   `json:"as_of"`  // the day measured on
	// OnTime, Late, InProgress and Overdue count the onboardings by state.
	OnTime     int `json:"on_time"`
	Late       int `json:"late"`
	InProgress int `json:"in_progress"`
	Overdue    int `json:"overdue"`
	// Done is the finished ones (OnTime + Late) and DaysDone the days they
	// took, together.
	Done     int `json:"done"`
	DaysDone int `json:"days_done"`
	// MeanDays is DaysDone / Done and OnTimeRate is OnTime / Done, rounded
	// half away from zero to two places; no data when none finished.
	MeanDays   Figure `json:"mean_days"`
	OnTimeRate Figure `json:"on_time_rate"`
}

// Result returns the report; it does not change the book.
func (b *OnboardingBook) Result() OnboardingReport {
	if b == nil {
		return OnboardingReport{}
	}
	r := b.r
	if r.Done > 0 {
		n := decimal.NewFromInt(int64(r.Done))
		r.MeanDays = defined(decimal.NewFromInt(int64(r.DaysDone)).DivRound(n, 2))
		r.OnTimeRate = defined(decimal.NewFromInt(int64(r.OnTime)).DivRound(n, 2))
	}
	return r
}

// UnmarshalJSON decodes an onboarding strictly; errors wrap
// [ErrInvalidRecord] and o is left alone. Its dates are checked against an
// as-of date where it is used.
func (o *Onboarding) UnmarshalJSON(b []byte) error {
	type plain Onboarding
	var v struct {
		plain
		Start json.RawMessage `json:"start"`
		Done  json.RawMessage `json:"done"`
	}
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidRecord, "onboarding", err)
	}
	w := Onboarding(v.plain)
	if err := decodeFields(w.Account, jsonstrict.F("start", v.Start, &w.Start), jsonstrict.F("done", v.Done, &w.Done)); err != nil {
		return decodeErr(ErrInvalidRecord, "onboarding", err)
	}
	if w.Account == "" {
		return decodeErr(ErrInvalidRecord, "onboarding", fieldErr("", "account", fmt.Errorf("%w: empty account", ErrInvalidRecord)))
	}
	if w.Start.IsZero() {
		return decodeErr(ErrInvalidRecord, "onboarding", fieldErr(w.Account, "start", ErrMissingDate))
	}
	if !w.Done.IsZero() && w.Done.Before(w.Start) {
		return decodeErr(ErrInvalidRecord, "onboarding", fieldErr(w.Account, "done", fmt.Errorf("%w: done %s, before the start %s", ErrDateOrder, w.Done, w.Start)))
	}
	*o = w
	return nil
}
