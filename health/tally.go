package health

import (
	"fmt"
	"iter"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/book"
)

// Tally scores a book of accounts as of one day and counts them by band:
// an accumulator with Add, Merge and Result, so a host can stream a book
// from a cursor, or split it across goroutines or machines and merge.
//
// Add scores each account exactly as [Scorer.Score] does (the same code,
// without the explanation's contributions) and allocates nothing per
// account. A Tally cannot tell two rows of one account apart: a book must
// hold each account once (a host that cannot promise it checks IDs on the
// way in). A Tally is not safe for concurrent use; give each goroutine its
// own and merge.
type Tally struct {
	scorer *Scorer
	asOf   date.Date
	cuts   [][]date.Date // per scorecard, the stale cut-off days (see card.cutsFor)
	work   work
	res    TallyResult
	sum    int64 // Σ shown scores with a band, in hundredths
}

// TallyResult is a book's count of accounts by band.
type TallyResult struct {
	AsOf     date.Date `json:"as_of"`
	Accounts int       `json:"accounts"`
	Red      int       `json:"red"`
	Yellow   int       `json:"yellow"`
	Green    int       `json:"green"`
	// Insufficient counts the accounts without a score (insufficient data
	// and no override).
	Insufficient int `json:"insufficient"`
	// Overridden counts the accounts whose shown score is an override.
	Overridden int `json:"overridden"`
	// Stale counts the accounts with at least one stale input.
	Stale int `json:"stale"`
	// Mean is the mean shown score of the accounts with a band, rounded
	// half up to the hundredth; zero when none has.
	Mean Points `json:"mean"`
}

// NewTally returns an empty tally of accounts scored by s as of asOf. It
// returns an error for a nil scorer ([ErrInvalidConfig]) or a zero asOf
// ([ErrMissingDate]).
func NewTally(s *Scorer, asOf date.Date) (*Tally, error) {
	if s == nil {
		return nil, fmt.Errorf("%w: nil scorer", ErrInvalidConfig)
	}
	if asOf.IsZero() {
		return nil, fieldErr("", "as_of", ErrMissingDate)
	}
	t := &Tally{scorer: s, asOf: asOf, res: TallyResult{AsOf: asOf}}
	for _, c := range s.cards {
		t.cuts = append(t.cuts, c.cutsFor(make([]date.Date, len(c.measures)), asOf))
	}
	return t, nil
}

// Add scores one account and counts it. It returns the errors of
// [Scorer.Score]; a refused account leaves the tally unchanged.
func (t *Tally) Add(a Account) error { return t.add(&a) }

// add is Add on a pointer, so that a book's loop copies no account.
func (t *Tally) add(a *Account) error {
	if err := a.validateHead(); err != nil {
		return err
	}
	s := t.scorer
	k, err := s.pick(a)
	if err != nil {
		return err
	}
	w := &t.work
	if err := s.cards[k].run(w, a, t.asOf, t.cuts[k], s.known); err != nil {
		return err
	}
	r := &t.res
	r.Accounts++
	switch w.band {
	case BandRed:
		r.Red++
	case BandYellow:
		r.Yellow++
	case BandGreen:
		r.Green++
	default:
		r.Insufficient++
	}
	if w.band != BandNone {
		t.sum += w.value
	}
	if w.override != nil {
		r.Overridden++
	}
	if w.stale != 0 {
		r.Stale++
	}
	return nil
}

// Merge adds o's counts to t. Both must come from the same scorer and
// as-of date ([ErrMismatch] otherwise); o is left as it was.
func (t *Tally) Merge(o *Tally) error {
	if o == nil {
		return fmt.Errorf("%w: nil tally", ErrMismatch)
	}
	if o.scorer != t.scorer || o.asOf != t.asOf {
		return fmt.Errorf("%w: tallies of different scorers or as-of dates (%s, %s)", ErrMismatch, t.asOf, o.asOf)
	}
	r, q := &t.res, &o.res
	r.Accounts += q.Accounts
	r.Red += q.Red
	r.Yellow += q.Yellow
	r.Green += q.Green
	r.Insufficient += q.Insufficient
	r.Overridden += q.Overridden
	r.Stale += q.Stale
	t.sum += o.sum
	return nil
}

// Result returns the counts so far.
func (t *Tally) Result() TallyResult {
	r := t.res
	if n := int64(r.Red + r.Yellow + r.Green); n > 0 {
		r.Mean = Points{roundDiv(t.sum, n)}
	}
	return r
}

// TallyBook scores and counts every account of book as of asOf. It stops
// at the first account refused and returns an error naming its position
// and ID; a nil book is an error wrapping [ErrNilBook].
func TallyBook(s *Scorer, asOf date.Date, accounts iter.Seq[Account]) (TallyResult, error) {
	t, err := NewTally(s, asOf)
	if err != nil {
		return TallyResult{}, err
	}
	if accounts == nil {
		return TallyResult{}, fmt.Errorf("health: %w", ErrNilBook)
	}
	i := 0
	for a := range accounts {
		if err := t.add(&a); err != nil {
			return TallyResult{}, &book.RowError{Pkg: "health", Index: i, Err: err}
		}
		i++
	}
	return t.Result(), nil
}
