package expansion

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// pkg is the prefix of every message of this package.
const pkg = "expansion"

// Sentinel errors. Every error this package returns wraps one of them, so a
// caller can match it with [errors.Is]; messages start with "expansion:"
// (but those of the shared [ErrAmountOutOfRange] and [ErrNilBook]).
var (
	// ErrMissing is returned for a required field left empty: an ID, a
	// product, a date, an enum field at its zero value, a zero amount where
	// one is needed.
	ErrMissing = errors.New("expansion: missing value")
	// ErrNegative is returned for negative seats, users, populations,
	// prices or amounts.
	ErrNegative = errors.New("expansion: negative value")
	// ErrTooLarge is returned for a count of people (seats, users, a
	// population) above [MaxPeople], or a list longer than the package
	// accepts.
	ErrTooLarge = errors.New("expansion: value too large")
	// ErrAmountOutOfRange is returned for an amount or rate whose exponent
	// is outside ±100, and when encoding an amount whose text would be
	// longer than 1000 characters. It is shared with the other packages of
	// the module: its message has no "expansion:" prefix.
	ErrAmountOutOfRange = money.ErrRange
	// ErrAboveReach is returned when the paid seats and free users of a
	// product are more than the population of the rung it covers: paid
	// users above the population.
	ErrAboveReach = errors.New("expansion: paid and free users above the population")
	// ErrLadder is returned when a rung of the organisational ladder has a
	// smaller population than the rung below it (a company smaller than
	// its department).
	ErrLadder = errors.New("expansion: population smaller than the rung below")
	// ErrUnknown is wrapped by every error about a name this package does
	// not know: an enum's text (a kind, a group, a source...) and, through
	// [ErrUnknownPlan] and [ErrUnknownOption], a catalogue name.
	ErrUnknown = errors.New("expansion: unknown")
	// ErrUnknownPlan is returned for a plan the catalogue does not list. It
	// wraps [ErrUnknown].
	ErrUnknownPlan = fmt.Errorf("%w plan", ErrUnknown)
	// ErrUnknownOption is returned for a paid option the catalogue does not
	// list. It wraps [ErrUnknown].
	ErrUnknownOption = fmt.Errorf("%w option", ErrUnknown)
	// ErrDuplicate is returned for an account twice in a snapshot, a
	// product twice in an account, a plan, option or signal listed twice.
	ErrDuplicate = errors.New("expansion: listed twice")
	// ErrUnsorted is returned by [Join] when a snapshot is not sorted by
	// account ID (byte-wise, as [strings.Compare] orders them).
	ErrUnsorted = errors.New("expansion: snapshot not sorted by account")
	// ErrNotUpgrade is returned for an upsell whose target plan is not
	// above the current plan on the ladder, or that adds nothing.
	ErrNotUpgrade = errors.New("expansion: not an upgrade")
	// ErrInconsistent is returned when fields of one record contradict each
	// other: a rejection reason on a lead that was not rejected, a uniform
	// price rise above the line's revenue, a won order on a lead field
	// sales did not accept.
	ErrInconsistent = errors.New("expansion: inconsistent fields")
	// ErrAfterAsOf is returned for a record dated after the as-of date it
	// is counted at.
	ErrAfterAsOf = errors.New("expansion: dated after the as-of date")
	// ErrInvalidPolicy is wrapped by every error of [Policy.Validate] and of
	// the JSON decoders of [Policy] and [Catalogue] that no more precise
	// sentinel describes.
	ErrInvalidPolicy = errors.New("expansion: invalid policy")
	// ErrInvalidRecord is wrapped by every error of the JSON decoders of the
	// records and results of this package.
	ErrInvalidRecord = errors.New("expansion: invalid record")
	// ErrMismatch is returned when merging two books built with different
	// policies, periods or as-of dates, and for a [Pair] whose two accounts
	// have different IDs.
	ErrMismatch = errors.New("expansion: mismatched books")
	// ErrNilBook is returned for a nil iterator: "expansion: nil book
	// iterator". It is shared with the other packages of the module.
	ErrNilBook = book.ErrNilSeq
)

// errUnknownX are the errors of the enums' text decoders: each wraps
// [ErrUnknown] and names the enum ("expansion: unknown kind").
var (
	errUnknownKind        = fmt.Errorf("%w kind", ErrUnknown)
	errUnknownGroup       = fmt.Errorf("%w group", ErrUnknown)
	errUnknownRung        = fmt.Errorf("%w rung", ErrUnknown)
	errUnknownBand        = fmt.Errorf("%w band", ErrUnknown)
	errUnknownReason      = fmt.Errorf("%w reason", ErrUnknown)
	errUnknownSignal      = fmt.Errorf("%w signal", ErrUnknown)
	errUnknownSegment     = fmt.Errorf("%w segment", ErrUnknown)
	errUnknownSource      = fmt.Errorf("%w source", ErrUnknown)
	errUnknownVerdict     = fmt.Errorf("%w verdict", ErrUnknown)
	errUnknownOutcome     = fmt.Errorf("%w outcome", ErrUnknown)
	errUnknownPricing     = fmt.Errorf("%w pricing model", ErrUnknown)
	errUnknownLevel       = fmt.Errorf("%w level", ErrUnknown)
	errUnknownMove        = fmt.Errorf("%w movement", ErrUnknown)
	errUnknownProductLoss = fmt.Errorf("%w product-loss convention", ErrUnknown)
	errUnknownNetting     = fmt.Errorf("%w netting convention", ErrUnknown)
	errUnknownSide        = fmt.Errorf("%w snapshot side", ErrUnknown)
)

// FieldError reports which field of which record was wrong. It wraps the
// sentinel that classifies the problem, so both [errors.Is] and
// [errors.As] work:
//
//	var fe *expansion.FieldError
//	if errors.As(err, &fe) { log.Println(fe.ID, fe.Field) }
type FieldError struct {
	ID    string // the record's ID (an account, a lead, a change), when known
	Field string // the JSON name of the field, "lines[1].seats"
	Err   error  // the sentinel (or lower-level error) describing the problem
	// record names the kind of record in the message ("account"); empty
	// reads "record".
	record string
}

// Error returns `expansion: account "acme": lines[0].seats: negative
// value`, or "expansion: field: problem" with no ID. A nil *FieldError
// returns "<nil>".
func (e *FieldError) Error() string {
	if e == nil {
		return "<nil>"
	}
	r := e.record
	if r == "" {
		r = "record"
	}
	return fault.Message(pkg, r, e.ID, e.Field, e.Err)
}

// Unwrap returns the wrapped error.
func (e *FieldError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

func fieldErr(record, id, field string, err error) *FieldError {
	return &FieldError{ID: id, Field: field, Err: err, record: record}
}

// under prefixes the field of a *FieldError with a parent's field
// ("lines[2]." + "seats"); other errors are returned as they are.
func under(prefix string, err error) error {
	var fe *FieldError
	if errors.As(err, &fe) {
		c := *fe
		if c.Field == "" {
			c.Field = prefix
		} else {
			c.Field = prefix + "." + c.Field
		}
		return &c
	}
	return err
}

func index(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

// SnapshotError locates a refused row of a snapshot read by [Join] or
// [Policy.Movements]: which snapshot, the row's 0-based index in it, and
// what was wrong (a [*FieldError] naming the account and field, or an
// ordering error wrapping [ErrUnsorted] or [ErrDuplicate]).
type SnapshotError struct {
	Side  Side  // SideStart or SideEnd
	Index int   // 0-based position of the row in its snapshot
	Err   error // what was wrong
}

// Error returns `expansion: end snapshot: row 3: account "b": id: snapshot
// not sorted by account: after "c"`. A nil *SnapshotError returns "<nil>".
func (e *SnapshotError) Error() string {
	if e == nil {
		return "<nil>"
	}
	return pkg + ": " + e.Side.String() + " snapshot: row " + strconv.Itoa(e.Index) + ": " + fault.Problem(pkg, e.Err)
}

// Unwrap returns the wrapped error.
func (e *SnapshotError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// decodeErr is the error of a JSON decoder: "expansion: decoding <what>: ...".
func decodeErr(kind error, what string, err error) error {
	return &fault.DecodeError{Pkg: pkg, Kind: kind, What: what, Err: err}
}

// decodePlain decodes b strictly into a new P and stores it in *dst only
// when it decodes and passes check (nil: none), so dst is untouched on
// error; the error wraps kind. P is a type's twin without methods
// ((*plain)(x)), so decoding does not call the type's own UnmarshalJSON.
func decodePlain[P any](b []byte, dst *P, kind error, what string, check func(*P) error) error {
	var v P
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(kind, what, err)
	}
	if check != nil {
		if err := check(&v); err != nil {
			return decodeErr(kind, what, err)
		}
	}
	*dst = v
	return nil
}

// MaxPeople bounds every count of people (seats, users, a population): ten
// billion, more than the world's population, so that sums over a book of a
// hundred million rows stay exact in an int64.
const MaxPeople = 10_000_000_000

// checkPeople returns an error if n is negative or above MaxPeople.
func checkPeople(n int64) error {
	switch {
	case n < 0:
		return fmt.Errorf("%w: %d", ErrNegative, n)
	case n > MaxPeople:
		return fmt.Errorf("%w: %d, above %d", ErrTooLarge, n, int64(MaxPeople))
	}
	return nil
}

// checkAmount returns an error if d is out of range ([ErrAmountOutOfRange])
// or negative ([ErrNegative]): see [money.Check].
func checkAmount(d decimal.Decimal) error { return money.Check(d, ErrNegative) }

// amount is an amount of a decoded result and its JSON key.
type amount struct {
	field string
	d     decimal.Decimal
}

// checkAmounts returns a *FieldError naming the record and the first
// amount that is negative or out of range (see checkAmount), or nil.
func checkAmounts(record, id string, as ...amount) error {
	for _, a := range as {
		if !money.Valid(a.d) {
			return fieldErr(record, id, a.field, checkAmount(a.d))
		}
	}
	return nil
}

// checkName returns ErrMissing for an empty name and ErrTooLarge for one
// longer than maxName bytes.
func checkName(s string) error {
	switch {
	case s == "":
		return ErrMissing
	case len(s) > maxName:
		return fmt.Errorf("%w: %d bytes, above %d", ErrTooLarge, len(s), maxName)
	}
	return nil
}

// maxName bounds IDs and names: long enough for any CRM key, short enough
// that a result holding many of them stays small.
const maxName = 256

// quote quotes at most a short prefix of s.
func quote(s string) string { return fault.Quote(s) }
