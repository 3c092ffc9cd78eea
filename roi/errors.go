package roi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
)

// Sentinel errors. Every error of this package wraps one of them for
// [errors.Is]; messages start with "roi: " (but ErrAmountOutOfRange and
// ErrNilBook, which are shared with the other cskit packages) and errors
// about one field of a record are a [*FieldError] for [errors.As].
var (
	// ErrEmptyScenario is returned for a scenario without a name: the
	// success pattern the whole derivation rests on.
	ErrEmptyScenario = errors.New("roi: empty scenario")
	// ErrNoScenarios is returned for a case that lists no scenario.
	ErrNoScenarios = errors.New("roi: no scenarios")
	// ErrMissing is returned for a required field left empty: a metric's
	// name, an account, a customer, a date, a logic.
	ErrMissing = errors.New("roi: missing value")
	// ErrRateOutOfRange is returned for a rate outside [0, 1].
	ErrRateOutOfRange = errors.New("roi: rate outside [0, 1]")
	// ErrNegative is returned for a negative count or amount, and for a
	// logic whose benefit comes out negative.
	ErrNegative = errors.New("roi: negative value")
	// ErrRangeOrder is returned for a range whose points are not ordered
	// low ≤ base ≤ high: an input, or the result of a logic's step.
	ErrRangeOrder = errors.New("roi: range not ordered low ≤ base ≤ high")
	// ErrCostNotPositive is returned for an annual cost that is zero or
	// negative: ROI and payback divide by it.
	ErrCostNotPositive = errors.New("roi: annual cost not positive")
	// ErrAmountOutOfRange is returned for a decimal with more than 100
	// decimal places or more than 100 zeros after its digits (an exponent
	// outside ±100), in input or in a step's result; encoding a value whose
	// text would pass 1000 characters fails with it too. It is
	// money.ErrRange, shared by the cskit packages: its message has no
	// "roi:" prefix.
	ErrAmountOutOfRange = money.ErrRange
	// ErrInvalidLogic is returned when a logic fails: its Steps returned an
	// error, no step, a step with an unknown operation or measure, or a last
	// step that does not yield money.
	ErrInvalidLogic = errors.New("roi: invalid logic")
	// ErrHostLogic is returned when encoding a scenario whose logic is the
	// host's own: only the built-in logics have a JSON form.
	ErrHostLogic = errors.New("roi: a host logic has no JSON form")
	// ErrUnknownEffect is returned for an [Effect] outside the declared
	// values.
	ErrUnknownEffect = errors.New("roi: unknown effect")
	// ErrUnknownLogic is returned for a [LogicKind] outside the declared
	// values.
	ErrUnknownLogic = errors.New("roi: unknown logic kind")
	// ErrUnknownOp is returned for an [Op] outside the declared values.
	ErrUnknownOp = errors.New("roi: unknown operation")
	// ErrUnknownMeasure is returned for a [Measure] outside the declared
	// values.
	ErrUnknownMeasure = errors.New("roi: unknown measure")
	// ErrAfterAsOf is returned for a record dated after the as-of date it
	// is evaluated at.
	ErrAfterAsOf = errors.New("roi: dated after the as-of date")
	// ErrDateOrder is returned for dates out of order: a goal measured
	// before its baseline, or a target date not after the baseline's.
	ErrDateOrder = errors.New("roi: dates out of order")
	// ErrNoGap is returned for a goal whose target equals its baseline:
	// there is no way to go, so no share of it.
	ErrNoGap = errors.New("roi: target equals baseline")
	// ErrInvalidConfig is returned for a [ClaimPolicy] or [PortfolioConfig]
	// that does not validate, and wrapped by every error of their decoders.
	ErrInvalidConfig = errors.New("roi: invalid config")
	// ErrConfigMismatch is returned when merging portfolios built with
	// different configs.
	ErrConfigMismatch = errors.New("roi: portfolios built with different configs")
	// ErrNilPortfolio is returned by the methods of a nil *Portfolio and
	// when merging a nil one.
	ErrNilPortfolio = errors.New("roi: nil portfolio")
	// ErrNilBook is returned (wrapped, with a "roi:" prefix) for a nil
	// book iterator. It is book.ErrNilSeq, shared by the cskit packages.
	ErrNilBook = book.ErrNilSeq

	// ErrInvalidRange is wrapped by every error of [Range.UnmarshalJSON].
	ErrInvalidRange = errors.New("roi: invalid range")
	// ErrInvalidScenario is wrapped by every error of the decoders of a
	// [Scenario], [Metric], [Step] and the built-in logics.
	ErrInvalidScenario = errors.New("roi: invalid scenario")
	// ErrInvalidCase is wrapped by every error of the decoders of a
	// [Case] and an [Estimate].
	ErrInvalidCase = errors.New("roi: invalid case")
	// ErrInvalidClaim is wrapped by every error of the decoders of a
	// [Claim] and a [Confirmation].
	ErrInvalidClaim = errors.New("roi: invalid claim")
	// ErrInvalidGoal is wrapped by every error of the decoders of a
	// [Goal] and a [Reading].
	ErrInvalidGoal = errors.New("roi: invalid goal")
	// ErrInvalidResult is wrapped by every error of the decoders of the
	// results: a [Derivation], [Contribution], [Payback], [Paybacks],
	// [Publication], [Progress], [Summary] and [Extreme].
	ErrInvalidResult = errors.New("roi: invalid result")
)

// FieldError reports which field of which record was wrong. It wraps the
// sentinel that classifies the problem, so errors.Is and errors.As both
// work:
//
//	var fe *roi.FieldError
//	if errors.As(err, &fe) { log.Println(fe.ID, fe.Field) }
type FieldError struct {
	ID    string // the account, claim or goal the field belongs to, when known
	Field string // the JSON path of the field: "scenarios[0].logic.win_rate"
	Err   error  // the sentinel (or lower-level error) describing the problem

	record string // what ID names: "account", "claim"; "" reads "record"
}

// Error returns `roi: account "acme": annual_cost: annual cost not
// positive`, or "roi: field: problem" with no ID. A nil *FieldError is
// "<nil>".
func (e *FieldError) Error() string {
	if e == nil {
		return "<nil>"
	}
	rec := e.record
	if rec == "" {
		rec = "record"
	}
	return fault.Message("roi", rec, e.ID, e.Field, e.Err)
}

// Unwrap returns the wrapped error.
func (e *FieldError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// fieldErr returns a FieldError for a field with no record ID yet.
func fieldErr(field string, err error) error { return &FieldError{Field: field, Err: err} }

// within returns err with its field path under prefix ("logic" +
// "win_rate" = "logic.win_rate"); an error that is not a FieldError
// becomes one at prefix.
func within(prefix string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FieldError
	if errors.As(err, &fe) && fe == err {
		f := prefix
		if fe.Field != "" {
			if fe.Field[0] == '[' {
				f += fe.Field
			} else {
				f += "." + fe.Field
			}
		}
		return &FieldError{ID: fe.ID, Field: f, Err: fe.Err, record: fe.record}
	}
	return &FieldError{Field: prefix, Err: err}
}

// owned returns err as a FieldError naming the record it belongs to.
func owned(record, id string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FieldError
	if errors.As(err, &fe) && fe == err {
		return &FieldError{ID: id, Field: fe.Field, Err: fe.Err, record: record}
	}
	return &FieldError{ID: id, Err: err, record: record}
}

// index returns "name[i]".
func index(name string, i int) string { return fmt.Sprintf("%s[%d]", name, i) }

// decodeAs is the body of a decoder: it decodes b strictly (unknown keys
// and trailing data refused) into the wire form W, builds the value from
// it (build checks what the wire form cannot, its errors naming the field)
// and stores it in *dst. Every error wraps kind; on error *dst is
// unchanged.
func decodeAs[W, T any](b []byte, dst *T, kind error, what string, build func(W) (T, error)) error {
	var w W
	if err := jsonstrict.Decode(b, &w); err != nil {
		return decodeErr(kind, what, err)
	}
	v, err := build(w)
	if err != nil {
		return decodeErr(kind, what, err)
	}
	*dst = v
	return nil
}

// validated returns v, or the error of building it or of its Validate.
func validated[T interface{ Validate() error }](v T, err error) (T, error) {
	if err == nil {
		err = v.Validate()
	}
	return v, err
}

// decodeErr wraps a decoder's error with its type's sentinel.
func decodeErr(kind error, what string, err error) error {
	return &fault.DecodeError{Pkg: "roi", Kind: kind, What: what, Err: err}
}

// in is a value of a record's wire form whose decoding error is kept, not
// returned, so that the record's decoder reports it with the record's ID
// and the field's JSON path: encoding/json names neither when a type's own
// decoder fails ("1e5" as an amount, "2027-02-30" as a day). An absent or
// null value is missing.
type in[T any] struct {
	v   T
	set bool
	err error
}

// UnmarshalJSON keeps b's value or its error; it never fails.
func (x *in[T]) UnmarshalJSON(b []byte) error {
	*x = in[T]{}
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	x.set = true
	x.v, x.err = decodeValue[T](b)
	return nil
}

// decodeValue decodes one JSON value into a T: a Range with decodeRange
// (the field names the range: no "decoding range"), anything else with its
// own decoder. A string or number longer than any amount ([money.MaxLen])
// is refused before it is read, quoted by its first bytes only, whatever
// its decoder would quote (a day's decoder quotes all of its input).
func decodeValue[T any](b []byte) (T, error) {
	var v T
	if len(b) > money.MaxLen+2 && b[0] != '{' {
		return v, fmt.Errorf("%w: %s", errTooLong, fault.QuoteBytes(bytes.Trim(b, `"`)))
	}
	if r, ok := any(&v).(*Range); ok {
		var err error
		*r, err = decodeRange(b)
		return v, err
	}
	return v, json.Unmarshal(b, &v)
}

// errTooLong is the error of a value longer than any amount.
var errTooLong = fmt.Errorf("roi: value longer than %d characters", money.MaxLen)

// get returns the value, or an error at field: [ErrMissing] when it was
// absent or null, else its decoding error.
func (x in[T]) get(field string) (T, error) {
	switch {
	case !x.set:
		return x.v, fieldErr(field, ErrMissing)
	case x.err != nil:
		return x.v, within(field, x.err)
	}
	return x.v, nil
}
