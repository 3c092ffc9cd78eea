package renewal

import (
	"encoding/json"
	"fmt"
	"iter"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Classify returns where c's renewal current on asOf stands from its dates
// alone: StateNotStarted before the window opens ([Schedule.Opens], so a
// value case the customer's budget pulled forward opens it early),
// StateInWindow inside it, StateLate from the late threshold to the
// decision date, StatePast after the decision date. It knows no
// completions, so it never reports the intent as confirmed; use
// [Policy.Status] for a renewal with its records.
//
// Classify returns an error if c or p is invalid or asOf is zero.
func (p Policy) Classify(c Contract, asOf date.Date) (State, error) {
	if asOf.IsZero() {
		return 0, fieldErr(c.ID, "as_of", ErrMissingDate)
	}
	cl, err := NewClassifier(p, asOf)
	if err != nil {
		return 0, err
	}
	return cl.classify(&c)
}

// Classifier counts a book of contracts by renewal state as of a date, with
// the exact ARR in each state: the accumulator behind
// [Policy.ClassifyBook]. Build it with [NewClassifier], [Classifier.Add]
// each contract, [Classifier.Merge] the classifiers of other parts of the
// book, and read the [Tally] with [Classifier.Result].
//
// Rows are not checked for duplicate IDs (that would hold the whole book);
// a contract added twice counts twice.
//
// A Classifier not built by NewClassifier refuses every row.
type Classifier struct {
	policy Policy // resolved and valid
	asOf   date.Date
	counts [numStates]int
	arr    [numStates]money.Sum
}

// numStates bounds the states a classification returns, 1..StatePast.
const numStates = int(StatePast) + 1

// NewClassifier returns an empty classifier as of asOf under policy p.
//
// NewClassifier returns an error if p is invalid (see [Policy.Validate]) or
// asOf is zero ([ErrMissingDate]).
func NewClassifier(p Policy, asOf date.Date) (*Classifier, error) {
	r, err := settings(p, asOf)
	if err != nil {
		return nil, err
	}
	return &Classifier{policy: r, asOf: asOf}, nil
}

// settings returns p resolved and validated, once for a whole book, and
// checks the book's as-of date: what every accumulator is built from.
func settings(p Policy, asOf date.Date) (Policy, error) {
	r := p.resolved()
	if err := r.validate(); err != nil {
		return Policy{}, err
	}
	if asOf.IsZero() {
		return Policy{}, fieldErr("", "as_of", ErrMissingDate)
	}
	return r, nil
}

// classify validates c and returns its state, from the key dates every
// entry point derives the same way ([Policy.Plan]). It allocates nothing
// unless c is invalid.
func (cl *Classifier) classify(c *Contract) (State, error) {
	first, err := validateContract(c)
	if err != nil {
		return 0, err
	}
	var k dates
	cl.policy.deadlines(c, c.nextRenewal(first, cl.asOf), &k)
	if cl.asOf.Before(k.window) {
		// The budgeting rule only moves the opening earlier, so it can
		// change the state only of a renewal whose window has not opened.
		cl.policy.budgetOpening(c, first, &k)
	}
	return classify(k.opens, k.lateFrom, k.decision, cl.asOf, false), nil
}

// Add classifies c (see [Policy.Classify]) and counts it with its ARR. An
// invalid contract is refused with its [*FieldError] and leaves the
// classifier unchanged. Add allocates nothing unless c is invalid or its
// ARR has more than 18 digits.
func (cl *Classifier) Add(c Contract) error { return cl.add(&c) }

// add is Add without copying the row: a book streams rows of about 150
// bytes, and each copy shows in the time per row.
func (cl *Classifier) add(c *Contract) error {
	if cl == nil || cl.asOf.IsZero() {
		return errNotBuilt("NewClassifier")
	}
	s, err := cl.classify(c)
	if err != nil {
		return err
	}
	cl.counts[s]++
	cl.arr[s].Add(c.ARR)
	return nil
}

// Merge adds the contracts counted by o to cl, as if they had been added to
// cl. It returns an error wrapping [ErrMismatch], and leaves cl unchanged,
// when o is nil or was built with another policy or as-of date.
func (cl *Classifier) Merge(o *Classifier) error {
	if cl == nil || o == nil || cl.asOf != o.asOf || !cl.policy.equal(&o.policy) {
		return fmt.Errorf("%w: classifiers of different policies or as-of dates", ErrMismatch)
	}
	for s := range cl.counts {
		cl.counts[s] += o.counts[s]
		cl.arr[s].AddSum(o.arr[s])
	}
	return nil
}

// Result returns the tally of the contracts added so far.
func (cl *Classifier) Result() Tally {
	if cl == nil {
		return Tally{}
	}
	total := func(s State) StateTotal { return StateTotal{Contracts: cl.counts[s], ARR: cl.arr[s].Decimal()} }
	return Tally{
		AsOf:       cl.asOf,
		NotStarted: total(StateNotStarted),
		InWindow:   total(StateInWindow),
		Late:       total(StateLate),
		Past:       total(StatePast),
	}
}

// ClassifyBook classifies every contract of rows as of asOf (see
// [Policy.Classify]) and tallies them: a few lines over a [Classifier]. It
// reads the book once and holds one row at a time, so rows can stream from
// a database cursor; pass a slice with slices.Values.
//
// ClassifyBook returns the zero Tally and an error if p is invalid, asOf is
// zero, rows is nil (an error wrapping [ErrNilBook]) or a contract is
// invalid: it stops at the first, and the *book.RowError names its index
// and wraps the [*FieldError] naming its ID.
func (p Policy) ClassifyBook(rows iter.Seq[Contract], asOf date.Date) (Tally, error) {
	cl, err := NewClassifier(p, asOf)
	if err != nil {
		return Tally{}, err
	}
	if err := book.Feed("renewal", rows, func(c Contract) error { return cl.add(&c) }); err != nil {
		return Tally{}, err
	}
	return cl.Result(), nil
}

// Tally is a book of contracts classified by renewal state as of a date:
// how many contracts are in each state, and their exact ARR.
type Tally struct {
	// AsOf is the date the book was classified at.
	AsOf date.Date `json:"as_of"`
	// NotStarted, InWindow, Late and Past are the contracts in each state.
	NotStarted StateTotal `json:"not_started"`
	InWindow   StateTotal `json:"in_window"`
	Late       StateTotal `json:"late"`
	Past       StateTotal `json:"past"`
}

// UnmarshalJSON decodes a tally encoded by its default encoding. It refuses
// unknown keys and amounts this package's reader refuses; every error wraps
// [ErrInvalidRecord]. On error t is left unchanged.
func (t *Tally) UnmarshalJSON(b []byte) error {
	type plain Tally
	var v plain
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidRecord, "tally", err)
	}
	*t = Tally(v)
	return nil
}

// StateTotal is the number of contracts in one state and their ARR.
type StateTotal struct {
	// Contracts is the number of contracts.
	Contracts int
	// ARR is their exact total ARR.
	ARR decimal.Decimal
}

// State returns the contracts in state s; a state a classification never
// returns (StateRenewed, StateChurned, an undeclared one) has none.
func (t Tally) State(s State) StateTotal {
	switch s {
	case StateNotStarted:
		return t.NotStarted
	case StateInWindow:
		return t.InWindow
	case StateLate:
		return t.Late
	case StatePast:
		return t.Past
	}
	return StateTotal{}
}

// Total returns every contract counted and their ARR.
func (t Tally) Total() StateTotal {
	var out StateTotal
	for _, s := range []StateTotal{t.NotStarted, t.InWindow, t.Late, t.Past} {
		out.Contracts += s.Contracts
		out.ARR = out.ARR.Add(s.ARR)
	}
	return out
}

type stateTotalJSON struct {
	Contracts int        `json:"contracts"`
	ARR       money.JSON `json:"arr"`
}

// MarshalJSON encodes the total as {"contracts":3,"arr":"4200000"}, the ARR
// an exact quoted decimal whatever shopspring/decimal's package variables
// say.
func (s StateTotal) MarshalJSON() ([]byte, error) {
	return json.Marshal(stateTotalJSON{s.Contracts, money.JSON(s.ARR)})
}

// UnmarshalJSON decodes a total encoded by MarshalJSON. It refuses unknown
// keys, a negative count and an ARR that is negative or out of range; every
// error wraps [ErrInvalidRecord]. On error s is left unchanged.
func (s *StateTotal) UnmarshalJSON(b []byte) error {
	var v stateTotalJSON
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidRecord, "state total", err)
	}
	if v.Contracts < 0 {
		return decodeErr(ErrInvalidRecord, "state total", fmt.Errorf("negative count %d", v.Contracts))
	}
	if err := checkAmount(decimal.Decimal(v.ARR)); err != nil {
		return decodeErr(ErrInvalidRecord, "state total", err)
	}
	*s = StateTotal{v.Contracts, decimal.Decimal(v.ARR)}
	return nil
}

// errNotBuilt is the error of an accumulator not built by its constructor.
func errNotBuilt(constructor string) error {
	return fmt.Errorf("%w: the accumulator was not built by %s", ErrMissingDate, constructor)
}
