package renewal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Sentinel errors. Every error this package returns wraps one of them, so a
// caller can match it with [errors.Is]; messages start with "renewal:" (but
// those of ErrInvalidMonth and ErrAmountOutOfRange, which are shared with
// other packages) and name the offending value.
var (
	// ErrInvalidContract is wrapped by every error of
	// [Contract.UnmarshalJSON] and by the contract validation errors no more
	// precise sentinel describes (an empty ID, a missing term, a bad notice
	// period).
	ErrInvalidContract = errors.New("renewal: invalid contract")
	// ErrRenewalBeforeStart is returned when a contract renews on or before
	// the day it starts.
	ErrRenewalBeforeStart = errors.New("renewal: renewal date not after start date")
	// ErrNegativeAmount is returned for a negative ARR, target, forecast or
	// final amount.
	ErrNegativeAmount = errors.New("renewal: negative amount")
	// ErrAmountOutOfRange is returned for an amount with more than 100
	// decimal places or more than 100 zeros after its digits (an exponent
	// outside ±100): no sum of money needs them, and they would make totals
	// slow and texts huge. Encoding an amount whose text is longer than 1000
	// characters (about 900 digits), which would not decode back, fails with
	// it too. Like [ErrInvalidMonth] it is shared: its message has no
	// "renewal:" prefix.
	ErrAmountOutOfRange = money.ErrRange
	// ErrUnknownActivity is returned for an activity outside the checklist.
	ErrUnknownActivity = errors.New("renewal: unknown activity")
	// ErrOffsetOutsideWindow is returned when an activity would be due
	// before the renewal window opens (or has a negative offset).
	ErrOffsetOutsideWindow = errors.New("renewal: activity offset outside the renewal window")
	// ErrDuplicateActivity is returned when a policy lists an activity twice.
	ErrDuplicateActivity = errors.New("renewal: activity listed twice")
	// ErrDuplicateCompletion is returned when an activity is recorded as
	// completed twice for one renewal.
	ErrDuplicateCompletion = errors.New("renewal: activity completed twice")
	// ErrCompletionAfterAsOf is returned when a record is dated after the
	// as-of date it is evaluated at.
	ErrCompletionAfterAsOf = errors.New("renewal: record dated after the as-of date")
	// ErrInvalidMonth is returned for a month outside 1..12 (a contract's
	// FiscalYearEnd outside 0..12). It is the same value as
	// [date.ErrInvalidMonth], so a month out of range matches either name,
	// whether it was a Go field or a date in JSON text ("2026-13-01").
	ErrInvalidMonth = date.ErrInvalidMonth
	// ErrInvalidPolicy is wrapped by every policy validation error and every
	// error of [Policy.UnmarshalJSON].
	ErrInvalidPolicy = errors.New("renewal: invalid policy")
	// ErrInvalidRecord is wrapped by every error of the JSON decoders of a
	// completion, forecast call, outcome, renewal record, forecast or totals,
	// and by the record validation errors no more precise sentinel
	// describes (an intent on the wrong activity, an unknown category, a
	// renewed outcome with no final amount).
	ErrInvalidRecord = errors.New("renewal: invalid record")
	// ErrMissingDate is returned when a required date is not given.
	ErrMissingDate = errors.New("renewal: missing date")
	// ErrInvalidChurnBase is returned for a [ChurnBase] outside the declared
	// values, in [KPIOptions] or in text being decoded.
	ErrInvalidChurnBase = errors.New("renewal: invalid churn base")
	// ErrInvalidPeriod is returned for a reporting period, the [From, To)
	// of [KPIOptions] or [ForecastPeriod], whose end is not after its start,
	// that is too long, or whose fiscal calendar is invalid.
	//
	// It is not [date.ErrInvalidPeriod], which is about a span such as
	// "P3M" (a [Policy] window or offset, a contract's notice period) that
	// is negative, too long or not ISO 8601 text; errors about those wrap
	// date.ErrInvalidPeriod together with [ErrInvalidPolicy] or
	// [ErrInvalidContract].
	ErrInvalidPeriod = errors.New("renewal: invalid period")
)

// FieldError reports which field of which record was wrong. It wraps the
// sentinel that classifies the problem, so both errors.Is and errors.As work:
//
//	var fe *renewal.FieldError
//	if errors.As(err, &fe) { log.Println(fe.ID, fe.Field) }
type FieldError struct {
	ID    string // the contract's ID, when known
	Field string // the JSON name of the field
	Err   error  // the sentinel (or lower-level error) describing the problem
}

// Error returns "renewal: contract <id>: <field>: <problem>", or
// "renewal: <field>: <problem>" with no ID. The problem is the wrapped
// error's message without its own leading "renewal: ", so the prefix appears
// once: `renewal: contract "x": as_of: missing date`.
func (e *FieldError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("renewal: contract %q: %s: %s", e.ID, e.Field, problem(e.Err))
	}
	return fmt.Sprintf("renewal: %s: %s", e.Field, problem(e.Err))
}

// problem returns err's message without a leading "renewal: ".
func problem(err error) string {
	if err == nil {
		return "<nil>"
	}
	return strings.TrimPrefix(err.Error(), "renewal: ")
}

// Unwrap returns the wrapped error.
func (e *FieldError) Unwrap() error { return e.Err }

func fieldErr(id, field string, err error) error {
	return &FieldError{ID: id, Field: field, Err: err}
}

// decodeError is an error of a JSON decoder of this package. It names what
// was being decoded and wraps both the sentinel of that type (kind) and the
// error that stopped the decoding, so errors.Is matches either and
// errors.As finds a [*FieldError] or a lower error (a date's, a period's)
// inside.
type decodeError struct {
	kind error  // ErrInvalidContract, ErrInvalidPolicy or ErrInvalidRecord
	what string // "contract", "renewal", ...
	err  error
}

// Error returns "renewal: decoding <what>: <problem>".
func (e *decodeError) Error() string {
	return "renewal: decoding " + e.what + ": " + problem(e.err)
}

// Unwrap returns the type's sentinel and the error that stopped the
// decoding.
func (e *decodeError) Unwrap() []error { return []error{e.kind, e.err} }

func decodeErr(kind error, what string, err error) error {
	return &decodeError{kind: kind, what: what, err: err}
}

// errTrailingData is returned by decodeStrict for text after the value.
var errTrailingData = errors.New("json: data after the value")

// decodeStrict decodes the single JSON value b into v, refusing any object
// key that names no field of v ([json.Decoder.DisallowUnknownFields]): a
// misspelt or unsupported key ("notice_period") is an error, never a field
// silently left at its zero value. Keys still match field names without
// regard to case, as with [json.Unmarshal]. Types nested in v that have
// their own UnmarshalJSON decide for themselves; every decoder of this
// package is strict.
func decodeStrict(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if _, err := d.Token(); err != io.EOF {
		return errTrailingData
	}
	return nil
}

// validatePeriod checks a half-open reporting period [from, to): both days
// given ([ErrMissingDate]) and to after from ([ErrInvalidPeriod]).
func validatePeriod(from, to date.Date) error {
	switch {
	case from.IsZero():
		return fieldErr("", "from", ErrMissingDate)
	case to.IsZero():
		return fieldErr("", "to", ErrMissingDate)
	case !to.After(from):
		return fieldErr("", "to", fmt.Errorf("%w: [%s, %s) is empty", ErrInvalidPeriod, from, to))
	}
	return nil
}

// amountOK reports whether d is a valid amount: in range and not negative.
// It is the inlined fast path of checkAmount.
func amountOK(d decimal.Decimal) bool { return money.InScale(d) && d.Sign() >= 0 }

// checkAmount returns an error if d is out of range ([ErrAmountOutOfRange])
// or negative ([ErrNegativeAmount]); the message is what followed by the
// amount. The range is checked first, from the exponent alone, so that no
// huge amount is ever formatted.
func checkAmount(what string, d decimal.Decimal) error {
	if amountOK(d) {
		return nil
	}
	if !money.InScale(d) {
		return fmt.Errorf("%w: %sexponent %d, outside ±%d", ErrAmountOutOfRange, what, d.Exponent(), money.MaxScale)
	}
	return fmt.Errorf("%w: %s%s", ErrNegativeAmount, what, money.Format(d))
}
