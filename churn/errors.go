package churn

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

// Sentinel errors. Every error of this package wraps one of them, so a
// caller can match it with [errors.Is]; messages start with "churn:" (but
// those of the shared ErrAmountOutOfRange and ErrNilBook).
var (
	// ErrUnknownPhase is returned for a phase outside the declared ones.
	ErrUnknownPhase = errors.New("churn: unknown phase")
	// ErrUnknownEvent is returned for an event outside the declared ones.
	ErrUnknownEvent = errors.New("churn: unknown event")
	// ErrUnknownReason is returned for a reason kind outside the declared
	// ones.
	ErrUnknownReason = errors.New("churn: unknown reason")
	// ErrUnknownSignal is returned for a signal outside the declared ones.
	ErrUnknownSignal = errors.New("churn: unknown signal")
	// ErrIllegalMove is returned, inside a [*MoveError], for an event the
	// transition table has no row for from the case's phase.
	ErrIllegalMove = errors.New("churn: illegal move")
	// ErrClosedCase is returned, inside a [*MoveError], for any move of a
	// saved or churned case.
	ErrClosedCase = errors.New("churn: case is closed")
	// ErrOutOfOrder is returned for a move dated before the case's last
	// move.
	ErrOutOfOrder = errors.New("churn: move dated before the last move")
	// ErrAfterAsOf is returned for a case with a move dated after the
	// as-of date it is read at.
	ErrAfterAsOf = errors.New("churn: move dated after the as-of date")
	// ErrMissingDate is returned when a required date is not given.
	ErrMissingDate = errors.New("churn: missing date")
	// ErrNegativeAmount is returned for a negative amount.
	ErrNegativeAmount = errors.New("churn: negative amount")
	// ErrAmountOutOfRange is returned for an amount with an exponent
	// outside ±100 (more than 100 decimal places or 100 trailing zeros),
	// and when encoding an amount whose text would not decode back. It is
	// shared with the other cskit packages; its message has no "churn:"
	// prefix.
	ErrAmountOutOfRange = money.ErrRange
	// ErrInvalidCase is wrapped by every error of the case and transition
	// decoders and by the case validation errors no more precise sentinel
	// describes (an empty ID, no reason, a lost amount on a save).
	ErrInvalidCase = errors.New("churn: invalid case")
	// ErrDuplicateCase is returned when a book holds two cases with one ID.
	ErrDuplicateCase = errors.New("churn: duplicate case ID")
	// ErrInvalidPolicy is wrapped by every policy validation error and
	// every error of the policy decoders.
	ErrInvalidPolicy = errors.New("churn: invalid policy")
	// ErrInvalidSnapshot is wrapped by every snapshot validation error and
	// every error of the snapshot decoder.
	ErrInvalidSnapshot = errors.New("churn: invalid snapshot")
	// ErrInvalidResult is wrapped by every error of the decoders of
	// results (forecast totals, outcomes) and by encoding an undeclared
	// [Standing].
	ErrInvalidResult = errors.New("churn: invalid result")
	// ErrMergeMismatch is returned when merging accumulators built with
	// different policies or as-of dates.
	ErrMergeMismatch = errors.New("churn: merging accumulators of different configurations")
	// ErrInvalidAccumulator is returned by the methods of an accumulator
	// not made by its constructor (a nil pointer or a zero value), and for
	// merging an accumulator into itself.
	ErrInvalidAccumulator = errors.New("churn: accumulator not made by its constructor")
	// ErrNilBook is returned for a nil book iterator. It is the value
	// every cskit package returns for one.
	ErrNilBook = book.ErrNilSeq
)

// pkg is the prefix of every message of this package.
const pkg = "churn"

// FieldError reports which field of which record was wrong. It wraps the
// sentinel that classifies the problem, so both errors.Is and errors.As
// work:
//
//	var fe *churn.FieldError
//	if errors.As(err, &fe) { log.Println(fe.ID, fe.Field) }
type FieldError struct {
	ID    string // the case's ID (the account's, for a snapshot), when known
	Field string // the JSON name of the field
	Err   error  // the sentinel (or lower-level error) describing the problem
}

// Error returns `churn: case "<id>": <field>: <problem>`, or
// "churn: <field>: <problem>" with no ID. The ID is quoted short and the
// problem cut to 200 bytes, so a hostile 1 MB value cannot make a 1 MB
// error. A nil *FieldError is "<nil>".
func (e *FieldError) Error() string {
	if e == nil {
		return "<nil>"
	}
	return fault.Message(pkg, "case", e.ID, e.Field, fault.Short(e.Err))
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

// MoveError is a move the transition table refuses: an event with no row
// from the case's phase ([ErrIllegalMove]), or any event on a closed case
// ([ErrClosedCase]). It names the phase and the event. Errors of a case
// wrap it in a [*FieldError] on "history" naming the case.
type MoveError struct {
	From  Phase // the case's phase before the move; zero for a case not opened
	Event Event // the event refused
	Err   error // ErrIllegalMove or ErrClosedCase
}

// Error returns "churn: illegal move: phase b does not move on
// front-line-hint", or "churn: case is closed: a churned case does not
// move on saved". A nil *MoveError is "<nil>".
func (e *MoveError) Error() string {
	if e == nil {
		return "<nil>"
	}
	if e.From.Closed() {
		return fmt.Sprintf("%v: a %s case does not move on %s", e.Err, e.From, e.Event)
	}
	if e.From == 0 {
		return fmt.Sprintf("%v: a case cannot open on %s", e.Err, e.Event)
	}
	return fmt.Sprintf("%v: phase %s does not move on %s", e.Err, e.From, e.Event)
}

// Unwrap returns the sentinel.
func (e *MoveError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// decodeErr is the error of a JSON decoder: "churn: decoding <what>: ...".
func decodeErr(kind error, what string, err error) error {
	return &fault.DecodeError{Pkg: pkg, Kind: kind, What: what, Err: err}
}

// at names field of element i of list ("history[2].date"), list[i] for
// an empty field, or field alone for i < 0 (a record decoded or checked on
// its own). It is called on error paths only.
func at(list string, i int, field string) string {
	if i < 0 {
		return field
	}
	el := list + "[" + strconv.Itoa(i) + "]"
	if field == "" {
		return el
	}
	return el + "." + field
}

// decodeFields decodes each field of record id strictly
// ([jsonstrict.Fields]); the first error is a [*FieldError] naming the
// record and the field, which encoding/json does not say for an error of a
// type's own decoder (a date, an amount, an enum). A field that was absent
// is left alone.
func decodeFields(id string, fields ...jsonstrict.Field) error {
	if name, err := jsonstrict.Fields(fields...); err != nil {
		return fieldErr(id, name, jsonstrict.Explain(err))
	}
	return nil
}

// relocate returns err, the error of element i of list in record id, as a
// [*FieldError] on that element: a *FieldError inside err keeps its field
// under the element ("history[2].event").
func relocate(id, list string, i int, err error) error {
	var fe *FieldError
	if errors.As(err, &fe) {
		return fieldErr(id, at(list, i, fe.Field), fe.Err)
	}
	return fieldErr(id, at(list, i, ""), err)
}

// checkAmount returns nil for a valid amount, else an error wrapping
// [ErrAmountOutOfRange] or [ErrNegativeAmount]: see [money.Check].
func checkAmount(d decimal.Decimal) error { return money.Check(d, ErrNegativeAmount) }

// errUnknown is the error of an undeclared enum value n: "churn: unknown
// event 9", or "churn: unknown event: none given" for the zero value (an
// empty cell, a key left out).
func errUnknown(sentinel error, n uint8) error {
	if n == 0 {
		return fmt.Errorf("%w: none given", sentinel)
	}
	return fmt.Errorf("%w %d", sentinel, n)
}

// errMissing is the error of a required text field left empty.
func errMissing(what string) error { return fmt.Errorf("%w: no %s", ErrInvalidCase, what) }

// wrapKind returns err matching kind as well: "churn: invalid policy:
// negative amount: -1" matches both ErrInvalidPolicy and ErrNegativeAmount.
func wrapKind(kind, err error) error { return &fault.KindError{Pkg: pkg, Kind: kind, Err: err} }
