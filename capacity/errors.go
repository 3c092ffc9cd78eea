package capacity

import (
	"errors"

	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// pkg is the prefix of every message of this package.
const pkg = "capacity"

// Sentinel errors. Every error this package returns wraps one of them, so a
// caller can match it with [errors.Is]; messages start with "capacity:"
// (but those of the shared ErrAmountOutOfRange and ErrNilBook).
var (
	// ErrInvalidConfig is wrapped by every error of [Config.Validate] no
	// more precise sentinel describes, by [NewBook] and by the JSON decoders
	// of Config, Segment, CSM and Weights.
	ErrInvalidConfig = errors.New("capacity: invalid config")
	// ErrInvalidAccount is wrapped by the account validation errors no more
	// precise sentinel describes (an empty ID, a count out of range) and by
	// every error of [Account.UnmarshalJSON].
	ErrInvalidAccount = errors.New("capacity: invalid account")
	// ErrInvalidRecord is wrapped by the errors of the other records a host
	// fills ([Economics], [TimeEntry], [Onboarding], [SellingInput]), by
	// [NewCostBook] and [NewOnboardingBook] for what they are given, and
	// by the JSON decoders of results.
	ErrInvalidRecord = errors.New("capacity: invalid record")
	// ErrHeadcount is returned for zero or negative CSMs where a figure per
	// CSM is asked for, and for a negative headcount anywhere.
	ErrHeadcount = errors.New("capacity: headcount must be positive")
	// ErrSegmentGap is returned when the segments leave part of [0, ∞)
	// uncovered; the message names the gap: "[2400000, 6000000) is in no
	// segment".
	ErrSegmentGap = errors.New("capacity: segments leave a gap")
	// ErrSegmentOverlap is returned when two segments cover the same amounts;
	// the message names both and the range they share.
	ErrSegmentOverlap = errors.New("capacity: segments overlap")
	// ErrUnknownSegment is returned for a segment name no rule defines (a
	// CSM's segment).
	ErrUnknownSegment = errors.New("capacity: unknown segment")
	// ErrUnknownCSM is returned for an account whose CSM is not on the
	// roster.
	ErrUnknownCSM = errors.New("capacity: unknown CSM")
	// ErrDuplicateID is returned for an ID given twice where each must be
	// unique: a CSM or segment in a config, an account in one assignment
	// run, an onboarding in one book.
	ErrDuplicateID = errors.New("capacity: duplicate ID")
	// ErrAlreadyAssigned is returned by [Book.Assign] for an account whose
	// CSM is on the roster: its load is already counted.
	ErrAlreadyAssigned = errors.New("capacity: account already has a CSM on the roster")
	// ErrNegativeAmount is returned for a negative amount of money.
	ErrNegativeAmount = errors.New("capacity: negative amount")
	// ErrNegativeHours is returned for negative logged hours.
	ErrNegativeHours = errors.New("capacity: negative hours")
	// ErrAmountOutOfRange is returned for an amount with more than 100
	// decimal places or more than 100 zeros after its digits (an exponent
	// outside ±100). It is shared with the other cskit packages: its message
	// has no "capacity:" prefix.
	ErrAmountOutOfRange = money.ErrRange
	// ErrInvalidCurrency is returned for a currency code that is not three
	// upper-case letters, or missing where money is involved.
	ErrInvalidCurrency = errors.New("capacity: invalid currency")
	// ErrCurrencyMismatch is returned when amounts in two currencies would
	// have to be combined. The package never converts currencies; a
	// benchmark in another currency is "not comparable" ([VerdictNotComparable]).
	ErrCurrencyMismatch = errors.New("capacity: currencies differ")
	// ErrInvalidRate is returned for a churn rate outside [0, 1].
	ErrInvalidRate = errors.New("capacity: rate outside [0, 1]")
	// ErrInvalidPoints is returned for load points that are negative or
	// have more than three decimal places, and for a weight above
	// [MaxWeight].
	ErrInvalidPoints = errors.New("capacity: invalid points")
	// ErrMissingDate is returned when a required date is not given.
	ErrMissingDate = errors.New("capacity: missing date")
	// ErrDateOrder is returned for an onboarding finished before it started
	// or dated after the as-of date.
	ErrDateOrder = errors.New("capacity: dates out of order")
	// ErrMismatchedBooks is returned by Merge for books built with
	// different configs.
	ErrMismatchedBooks = errors.New("capacity: books built with different configs")
	// ErrNilBook is returned (wrapped, with a "capacity:" prefix) for a nil
	// iterator. It is shared with the other cskit packages.
	ErrNilBook = book.ErrNilSeq

	// ErrUnknownTouch is returned for a touch model outside [Touch]'s names.
	ErrUnknownTouch = errors.New("capacity: unknown touch model")
	// ErrUnknownPhase is returned for a business phase outside [Phase]'s names.
	ErrUnknownPhase = errors.New("capacity: unknown phase")
	// ErrUnknownBasis is returned for a segment basis outside [Basis]'s names.
	ErrUnknownBasis = errors.New("capacity: unknown basis")
	// ErrUnknownMetric is returned for a metric outside [Metric]'s names.
	ErrUnknownMetric = errors.New("capacity: unknown metric")
	// ErrUnknownVerdict is returned for a verdict outside [Verdict]'s names.
	ErrUnknownVerdict = errors.New("capacity: unknown verdict")
	// ErrUnknownAnswer is returned for an answer outside [Answer]'s names,
	// and for a condition left unanswered.
	ErrUnknownAnswer = errors.New("capacity: unknown answer")
	// ErrUnknownCondition is returned for a condition outside
	// [Condition]'s names.
	ErrUnknownCondition = errors.New("capacity: unknown condition")
	// ErrUnknownState is returned for an onboarding state outside
	// [OnboardingState]'s names.
	ErrUnknownState = errors.New("capacity: unknown onboarding state")
)

// FieldError reports which field of which record was wrong. ID is the
// account's ID when the record concerns an account (an account, a time
// entry, an onboarding); for a config it is empty and Field is the path of
// the field ("csms[2].segment"). It wraps the sentinel that classifies the
// problem, so both errors.Is and errors.As work:
//
//	var fe *capacity.FieldError
//	if errors.As(err, &fe) { log.Println(fe.ID, fe.Field) }
type FieldError struct {
	ID    string // the account's ID, when known
	Field string // the JSON name or path of the field
	Err   error  // the sentinel (or lower-level error) describing the problem
}

// Error returns `capacity: account "a1": arr: negative amount: -5`, or
// "capacity: field: problem" with no ID. A nil *FieldError is "<nil>".
func (e *FieldError) Error() string {
	if e == nil {
		return "<nil>"
	}
	return fault.Message(pkg, "account", e.ID, e.Field, e.Err)
}

// Unwrap returns the wrapped error.
func (e *FieldError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

func fieldErr(id, field string, err error) error {
	return &FieldError{ID: id, Field: field, Err: err}
}

// decodeErr is the error of a JSON decoder: "capacity: decoding <what>: ...".
func decodeErr(kind error, what string, err error) error {
	return &fault.DecodeError{Pkg: pkg, Kind: kind, What: what, Err: err}
}

// amount is where a field's exact decimal is decoded to.
func amount(d *decimal.Decimal) *money.JSON { return (*money.JSON)(d) }

// decodeFields decodes each field present into its place
// ([jsonstrict.Fields]). The first that does not decode is a [*FieldError]
// naming the record's id and the field, which encoding/json does not say
// for an error of a type's own decoder (an amount, a date, points); for a
// field of a nested record the field is its path ("segments[1].to").
func decodeFields(id string, fields ...jsonstrict.Field) error {
	name, err := jsonstrict.Fields(fields...)
	switch {
	case err == nil:
		return nil
	case id == "":
		return within(name, err)
	}
	return fieldErr(id, name, err)
}

// within returns err as an error of the field at path: a [*FieldError]
// whose Field is the path to the field err names, if it names one
// ("weights" and "renewal" make "weights.renewal").
func within(path string, err error) error {
	var fe *FieldError
	if errors.As(err, &fe) && fe.ID == "" && fe.Field != "" {
		return fieldErr("", path+"."+fe.Field, fe.Err)
	}
	return fieldErr("", path, err)
}

// checkAmount returns nil for a valid amount, else an error wrapping
// [ErrAmountOutOfRange] or [ErrNegativeAmount]: see [money.Check].
func checkAmount(d decimal.Decimal) error { return money.Check(d, ErrNegativeAmount) }

// checkPositive is checkAmount that also refuses zero, with want as the
// error when it is zero.
func checkPositive(d decimal.Decimal, zero error) error {
	if err := checkAmount(d); err != nil {
		return err
	}
	if d.IsZero() {
		return zero
	}
	return nil
}

// quote quotes at most a short prefix of s.
func quote(s string) string { return fault.Quote(s) }
