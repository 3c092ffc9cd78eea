package renewal

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error this package returns wraps one of them, so a
// caller can match it with [errors.Is]; messages start with "renewal:" and
// name the offending value.
var (
	// ErrInvalidContract is wrapped by every contract validation error.
	ErrInvalidContract = errors.New("renewal: invalid contract")
	// ErrRenewalBeforeStart is returned when a contract renews on or before
	// the day it starts.
	ErrRenewalBeforeStart = errors.New("renewal: renewal date not after start date")
	// ErrNegativeAmount is returned for a negative ARR, target, forecast or
	// final amount.
	ErrNegativeAmount = errors.New("renewal: negative amount")
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
	// ErrInvalidMonth is returned for a month outside 1..12.
	ErrInvalidMonth = errors.New("renewal: invalid month")
	// ErrInvalidPolicy is wrapped by every policy validation error.
	ErrInvalidPolicy = errors.New("renewal: invalid policy")
	// ErrInvalidRecord is wrapped by every validation error of a completion,
	// outcome, forecast call or renewal record.
	ErrInvalidRecord = errors.New("renewal: invalid record")
	// ErrMissingDate is returned when a required date is not given.
	ErrMissingDate = errors.New("renewal: missing date")
	// ErrInvalidChurnBase is returned for a [ChurnBase] outside the declared
	// values, in [KPIOptions] or in text being decoded.
	ErrInvalidChurnBase = errors.New("renewal: invalid churn base")
	// ErrInvalidPeriod is returned for a reporting period whose end is not
	// after its start.
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

// Error returns "renewal: contract <id>: <field>: <problem>".
func (e *FieldError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("renewal: contract %q: %s: %v", e.ID, e.Field, e.Err)
	}
	return fmt.Sprintf("renewal: %s: %v", e.Field, e.Err)
}

// Unwrap returns the wrapped error.
func (e *FieldError) Unwrap() error { return e.Err }

func fieldErr(id, field string, err error) error {
	return &FieldError{ID: id, Field: field, Err: err}
}
