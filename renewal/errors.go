package renewal

import (
	"errors"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Sentinel errors. Every error this package returns wraps one of them, so a
// caller can match it with [errors.Is]. Messages start with "renewal: ",
// but those of the sentinels shared with other packages (ErrInvalidMonth,
// ErrAmountOutOfRange, ErrNilBook).
var (
	// ErrInvalidContract is wrapped by every error of
	// [Contract.UnmarshalJSON] and by the contract validation errors no more
	// precise sentinel describes (an empty ID, a missing term, a bad notice).
	ErrInvalidContract = errors.New("renewal: invalid contract")
	// ErrInvalidPolicy is wrapped by every policy validation error and every
	// error of [Policy.UnmarshalJSON].
	ErrInvalidPolicy = errors.New("renewal: invalid policy")
	// ErrInvalidRecord is wrapped by every error of the JSON decoders of the
	// records and results (completion, call, outcome, renewal, tally, KPIs,
	// forecast), and by the record validation errors no more precise
	// sentinel describes (an intent on the wrong activity, a renewed outcome
	// with no final amount).
	ErrInvalidRecord = errors.New("renewal: invalid record")
	// ErrRenewalBeforeStart is returned when a contract renews on or before
	// the day it starts.
	ErrRenewalBeforeStart = errors.New("renewal: renewal date not after start date")
	// ErrNegativeAmount is returned for a negative amount.
	ErrNegativeAmount = errors.New("renewal: negative amount")
	// ErrAmountOutOfRange is [money.ErrRange]: an amount whose exponent is
	// outside ±100, or whose text would be longer than 1000 characters when
	// it is encoded.
	ErrAmountOutOfRange = money.ErrRange
	// ErrUnknownActivity is returned for an activity outside the checklist.
	ErrUnknownActivity = errors.New("renewal: unknown activity")
	// ErrUnknownIntent is returned for an undeclared [Intent].
	ErrUnknownIntent = errors.New("renewal: unknown intent")
	// ErrUnknownResult is returned for an undeclared [Result].
	ErrUnknownResult = errors.New("renewal: unknown result")
	// ErrUnknownCategory is returned for an undeclared [Category].
	ErrUnknownCategory = errors.New("renewal: unknown category")
	// ErrUnknownBooking is returned for an undeclared [Booking].
	ErrUnknownBooking = errors.New("renewal: unknown booking")
	// ErrUnknownState is returned for an undeclared [State], [ItemState]
	// or [CheckpointState].
	ErrUnknownState = errors.New("renewal: unknown state")
	// ErrUnknownChurnBase is returned for an undeclared [ChurnBase].
	ErrUnknownChurnBase = errors.New("renewal: unknown churn base")
	// ErrOffsetOutsideWindow is returned when an activity could be due
	// before the renewal window opens.
	ErrOffsetOutsideWindow = errors.New("renewal: activity offset outside the renewal window")
	// ErrDuplicateActivity is returned when a policy lists an activity twice.
	ErrDuplicateActivity = errors.New("renewal: activity listed twice")
	// ErrDuplicateCompletion is returned when an activity is recorded as
	// completed twice for one renewal.
	ErrDuplicateCompletion = errors.New("renewal: activity completed twice")
	// ErrRecordAfterAsOf is returned when a completion, call, outcome or
	// first contact is dated after the as-of date it is read at; the
	// [*FieldError] names the field.
	ErrRecordAfterAsOf = errors.New("renewal: record dated after the as-of date")
	// ErrMissingDate is returned when a required date is not given.
	ErrMissingDate = errors.New("renewal: missing date")
	// ErrInvalidMonth is [date.ErrInvalidMonth]: a contract's FiscalYearEnd
	// outside 0..12 matches it, as does "2026-13-01" in JSON text.
	ErrInvalidMonth = date.ErrInvalidMonth
	// ErrInvalidRange is returned for a [DateRange] whose end is not after
	// its start or that is longer than [MaxRangeMonths]. It is not
	// [date.ErrInvalidPeriod], which is about a span such as "P3M" (a
	// policy's window, a contract's notice).
	ErrInvalidRange = errors.New("renewal: invalid date range")
	// ErrMismatch is returned by Merge for two accumulators built with
	// different policies, as-of dates or ranges.
	ErrMismatch = errors.New("renewal: accumulators built with different settings")
	// ErrNilBook is [book.ErrNilSeq], returned (with this package's prefix)
	// for a nil iterator.
	ErrNilBook = book.ErrNilSeq
)

// FieldError reports which field of which contract was wrong. It wraps the
// sentinel that classifies the problem, so both errors.Is and errors.As
// work:
//
//	var fe *renewal.FieldError
//	if errors.As(err, &fe) { log.Println(fe.ID, fe.Field) }
type FieldError struct {
	ID    string // the contract's ID, when known
	Field string // the JSON name of the field
	Err   error  // the sentinel (or lower-level error) describing the problem
}

// Error returns `renewal: contract "<id>": <field>: <problem>`, or
// "renewal: <field>: <problem>" with no ID. The ID is quoted to at most 64
// bytes and the problem is cut to at most 200 bytes, so a hostile field
// never makes a huge error. A nil *FieldError is "<nil>".
func (e *FieldError) Error() string {
	if e == nil {
		return "<nil>"
	}
	return fault.Message("renewal", "contract", e.ID, e.Field, fault.Short(e.Err))
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

// decodeErr is the error of a JSON decoder: "renewal: decoding <what>: ...".
func decodeErr(kind error, what string, err error) error {
	return &fault.DecodeError{Pkg: "renewal", Kind: kind, What: what, Err: err}
}

// decodeFields decodes each field strictly ([jsonstrict.Fields]); the first
// error is a [*FieldError] naming the record id and the field, which
// encoding/json does not say for an error of a type's own decoder (a date,
// an amount). An absent field is left alone.
func decodeFields(id string, fields ...jsonstrict.Field) error {
	if name, err := jsonstrict.Fields(fields...); err != nil {
		return fieldErr(id, name, err)
	}
	return nil
}

// checkAmount returns an error if d is out of range ([ErrAmountOutOfRange])
// or negative ([ErrNegativeAmount]): see [money.Check].
func checkAmount(d decimal.Decimal) error { return money.Check(d, ErrNegativeAmount) }
