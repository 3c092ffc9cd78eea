package health

import (
	"errors"
	"strconv"

	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/money"
)

// Sentinel errors. Every error this package returns wraps one of them, so a
// caller can match it with [errors.Is]; messages start with "health:" (but
// those of the shared ErrNilBook and ErrAmountOutOfRange) and name the
// offending value.
var (
	// ErrInvalidScorecard is wrapped by every error of [Scorecard.Validate]
	// and of the scorecard's JSON decoders ([Group] and [Measure] too),
	// beside the more precise sentinel of the problem.
	ErrInvalidScorecard = errors.New("health: invalid scorecard")
	// ErrInvalidConfig is wrapped by every error of [Config.Validate] and
	// [NewScorer]: a bad scorecard in it, or a bad selection rule.
	ErrInvalidConfig = errors.New("health: invalid config")
	// ErrInvalidAccount is wrapped by every error of [Account.Validate] and
	// of its JSON decoder.
	ErrInvalidAccount = errors.New("health: invalid account")
	// ErrInvalidScore is wrapped by every error of the JSON decoders of
	// results ([Score], [Trend], [Change], [Timing], ...) and by the errors
	// of a history or a pair of scores that do not fit together.
	ErrInvalidScore = errors.New("health: invalid score")
	// ErrInvalidNumber is returned for a number that is NaN or infinite,
	// outside its field's range, or with more decimal places than its field
	// keeps (points and cut-offs two, weights four, thresholds six).
	ErrInvalidNumber = errors.New("health: invalid number")
	// ErrInvalidWeight is returned for a weight that is not above zero, a
	// points scorecard whose weights do not add up to 100, a group weight
	// where none belongs, and a roll-up whose weights add up to zero.
	ErrInvalidWeight = errors.New("health: invalid weight")
	// ErrInvalidRule is returned for a rule that maps values to points
	// inconsistently: no steps and no linear range, both, a step whose
	// comparison contradicts the measure's direction, steps out of order,
	// points that fall as the value gets better.
	ErrInvalidRule = errors.New("health: invalid rule")
	// ErrInvalidValue is returned for a measure's raw value its kind does
	// not allow: a negative count, a fractional count, a flag other than 0
	// or 1, a negative value of a non-negative measure.
	ErrInvalidValue = errors.New("health: invalid value")
	// ErrMissingName is returned for an empty name where one is required:
	// a scorecard, a group, a measure, an account, an input's measure.
	ErrMissingName = errors.New("health: missing name")
	// ErrDuplicateName is returned for a name used twice where names must
	// be unique: two measures or groups of a scorecard, two scorecards of a
	// config.
	ErrDuplicateName = errors.New("health: name used twice")
	// ErrUnknownMeasure is returned for an input naming a measure that no
	// scorecard of the config has (a misspelt name), and for a measure name
	// a scorecard does not have where it must.
	ErrUnknownMeasure = errors.New("health: unknown measure")
	// ErrDuplicateInput is returned when an account gives one measure twice.
	ErrDuplicateInput = errors.New("health: measure given twice")
	// ErrNoScorecard is returned when no selection rule of the config
	// matches an account, or a rule names a scorecard the config lacks.
	ErrNoScorecard = errors.New("health: no scorecard")
	// ErrMissingDate is returned when a required date is not given: the
	// as-of date, an override's dates, the date of an input whose measure
	// has a validity period.
	ErrMissingDate = errors.New("health: missing date")
	// ErrAfterAsOf is returned for a record dated after the as-of date it
	// is evaluated at: it is refused, never silently dropped.
	ErrAfterAsOf = errors.New("health: dated after the as-of date")
	// ErrInvalidOverride is returned for an override without who, why or
	// until when, one that ends before it starts, and two overrides of one
	// account in force on the same day.
	ErrInvalidOverride = errors.New("health: invalid override")
	// ErrInvalidOptions is returned for bad options of a trend, a timing
	// policy or a roll-up.
	ErrInvalidOptions = errors.New("health: invalid options")
	// ErrMismatch is returned when accumulators built with different
	// scorers, configs or as-of dates are merged, and when a score is
	// compared with a scorecard of another name or version than the one
	// that scored it.
	ErrMismatch = errors.New("health: mismatched inputs")
	// ErrNegativeAmount is returned for a negative ARR.
	ErrNegativeAmount = errors.New("health: negative amount")
	// ErrAmountOutOfRange is returned for an amount with an exponent
	// outside ±100, and when encoding an amount whose text would be longer
	// than 1000 characters. It is shared with the other cskit packages
	// (its message has no "health:" prefix).
	ErrAmountOutOfRange = money.ErrRange
	// ErrNilBook is returned for a nil iterator. It is shared with the
	// other cskit packages.
	ErrNilBook = book.ErrNilSeq

	// ErrUnknownStage is returned for text that names no [Stage].
	ErrUnknownStage = errors.New("health: unknown stage")
	// ErrUnknownDirection is returned for text that names no [Direction].
	ErrUnknownDirection = errors.New("health: unknown direction")
	// ErrUnknownOp is returned for text that names no [Op].
	ErrUnknownOp = errors.New("health: unknown comparison")
	// ErrUnknownKind is returned for text that names no [Kind].
	ErrUnknownKind = errors.New("health: unknown kind")
	// ErrUnknownModel is returned for text that names no [Model].
	ErrUnknownModel = errors.New("health: unknown model")
	// ErrUnknownAggregate is returned for text that names no [Aggregate].
	ErrUnknownAggregate = errors.New("health: unknown aggregate")
	// ErrUnknownMissingRule is returned for text that names no [MissingRule].
	ErrUnknownMissingRule = errors.New("health: unknown missing-data rule")
	// ErrUnknownBand is returned for text that names no [Band].
	ErrUnknownBand = errors.New("health: unknown band")
	// ErrUnknownData is returned for text that names no [Data].
	ErrUnknownData = errors.New("health: unknown data status")
	// ErrUnknownAction is returned for text that names no [Action].
	ErrUnknownAction = errors.New("health: unknown action")
	// ErrUnknownIssue is returned for text that names no [Issue].
	ErrUnknownIssue = errors.New("health: unknown issue")
	// ErrUnknownMovement is returned for text that names no [Movement].
	ErrUnknownMovement = errors.New("health: unknown movement")
	// ErrUnknownRollup is returned for text that names no [RollupMethod].
	ErrUnknownRollup = errors.New("health: unknown roll-up method")
)

// FieldError reports which field of which record was wrong. Field is the
// path of the field in the record's JSON ("groups[1].measures[0].weight",
// "inputs[2].value"); ID is the account's ID when the record is about an
// account, and empty for a scorecard or a config, whose path says where in
// the file the problem is. It wraps the sentinels that classify the
// problem, so errors.Is and errors.As both work:
//
//	var fe *health.FieldError
//	if errors.As(err, &fe) { log.Println(fe.ID, fe.Field) }
type FieldError struct {
	ID    string // the account's ID, when the record is about an account
	Field string // the JSON path of the field
	Err   error  // the sentinel (or lower error) describing the problem
}

// Error returns `health: account "id": field: problem`, or
// "health: field: problem" with no ID. The ID is quoted short and the
// problem cut to 200 bytes, so a hostile 1 MB key or value cannot make a
// 1 MB error. A nil receiver returns "<nil>".
func (e *FieldError) Error() string {
	if e == nil {
		return "<nil>"
	}
	return fault.Message("health", "account", e.ID, e.Field, fault.Short(e.Err))
}

// Unwrap returns the wrapped error.
func (e *FieldError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// fieldErr returns a *FieldError.
func fieldErr(id, field string, err error) error {
	return &FieldError{ID: id, Field: field, Err: err}
}

// kinded is an error that also matches the sentinel of the record it is
// about (ErrInvalidScorecard beside ErrInvalidWeight). Its message is err's:
// the kind adds matching, not words.
type kinded struct {
	kind error
	err  error
}

func (e *kinded) Error() string   { return e.err.Error() }
func (e *kinded) Unwrap() []error { return []error{e.kind, e.err} }

// withKind returns err matching kind too, unless it already does.
func withKind(kind, err error) error {
	if err == nil || errors.Is(err, kind) {
		return err
	}
	return &kinded{kind: kind, err: err}
}

// at returns err located under prefix: a *FieldError's path gets prefix in
// front ("groups[1]" + "measures[0].weight"), and any other error becomes
// a *FieldError at prefix. The ID is kept.
func at(prefix string, err error) error {
	if err == nil {
		return nil
	}
	if fe, ok := err.(*FieldError); ok {
		return &FieldError{ID: fe.ID, Field: joinPath(prefix, fe.Field), Err: fe.Err}
	}
	if k, ok := err.(*kinded); ok {
		if fe, ok := k.err.(*FieldError); ok {
			return &FieldError{ID: fe.ID, Field: joinPath(prefix, fe.Field), Err: withKind(k.kind, fe.Err)}
		}
	}
	return &FieldError{Field: prefix, Err: err}
}

// joinPath joins two parts of a JSON path.
func joinPath(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	case b[0] == '[':
		return a + b
	}
	return a + "." + b
}

// index returns name[i], the path of a list element.
func index(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }
