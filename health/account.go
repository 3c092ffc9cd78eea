package health

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/jsonstrict"
)

// Account is what the host reports about one customer account to score
// it: its segment and lifecycle stage (which pick the scorecard), the raw
// values of its measures, and the manual overrides a CSM recorded.
//
// A measure with no [Input] is missing: the scorecard's missing-data rule
// applies, and it is never scored as 0. The zero Account is not valid (it
// has no ID or stage) but encodes.
type Account struct {
	// ID identifies the account. Required.
	ID string `json:"id"`
	// Segment is the host's segment (industry, size band, plan), matched
	// by the config's selectors. May be empty.
	Segment string `json:"segment,omitempty"`
	// Stage is the account's lifecycle stage. Required.
	Stage Stage `json:"stage"`
	// Inputs are the raw values, at most one per measure. A value for a
	// measure of another scorecard of the config is ignored; one for a
	// measure no scorecard has is an error (a misspelt name).
	Inputs []Input `json:"inputs,omitempty"`
	// Overrides are the manual overrides recorded for the account, at most
	// one in force on any day.
	Overrides []Override `json:"overrides,omitempty"`
}

// Input is one raw value of a measure: a count of logins, days since the
// last contact, 1 for an open churn case, the share of the goal reached.
// The host computes it (from its CRM, its product analytics, a churn
// case) and passes it as a plain number.
type Input struct {
	// Measure names the scorecard's measure.
	Measure string `json:"measure"`
	// Value is the raw value. It must be finite, within ±10^12, and what
	// the measure's kind allows; it is read to six decimals (rounded half
	// away from zero to the millionth).
	Value float64 `json:"value"`
	// On is the day the value was measured. It is required when the
	// measure has a validity period, and may not be after the as-of date.
	On date.Date `json:"on,omitzero"`
}

// Override is a manual score a CSM set for an account: who, why, and from
// when until when. While it is in force (From ≤ as-of ≤ Until) the score
// shown is the override's, and the computed score stays beside it in the
// explanation; no recomputation replaces it, because it is an input of
// every scoring, not a value written over a stored result.
type Override struct {
	// Score is the score set, in [0, 100] with at most two decimals.
	Score float64 `json:"score"`
	// By is who set it. Required.
	By string `json:"by"`
	// Reason is why. Required.
	Reason string `json:"reason"`
	// From is the first day in force. Required.
	From date.Date `json:"from"`
	// Until is the last day in force. Required: an override ends.
	Until date.Date `json:"until"`
}

// IsZero reports whether o is the zero Override (no override).
func (o Override) IsZero() bool { return o == Override{} }

// inForce reports whether o is in force on d.
func (o *Override) inForce(d date.Date) bool { return !d.Before(o.From) && !d.After(o.Until) }

// acctErr returns an account error at field, matching ErrInvalidAccount.
func acctErr(id, field string, err error) error {
	return &FieldError{ID: id, Field: field, Err: withKind(ErrInvalidAccount, err)}
}

// Validate checks the account alone, without a scorecard.
//
// Validate returns an error if:
//   - the ID is empty ([ErrMissingName]) or the stage is not a declared
//     stage ([ErrUnknownStage]);
//   - an input names no measure ([ErrMissingName]), or its value is NaN,
//     infinite or beyond ±10^12 ([ErrInvalidNumber]);
//   - an override has no score in [0, 100] with at most two decimals
//     ([ErrInvalidNumber]), no author, reason, start or end, ends before it
//     starts, or is in force on a day another one is ([ErrInvalidOverride]).
//
// What needs the scorecard (an unknown measure, a measure given twice, a
// value its kind does not allow, a date after the as-of date) is checked
// when scoring. Every error is a [*FieldError] naming the account and the
// JSON path of the field, and wraps [ErrInvalidAccount].
func (a Account) Validate() error { return a.validate() }

func (a *Account) validate() error {
	if err := a.validateHead(); err != nil {
		return err
	}
	for k := range a.Inputs {
		if in := &a.Inputs[k]; !in.plausible() {
			return a.inputErr(k)
		}
	}
	return nil
}

// plausible reports whether an input passes the checks that need no
// scorecard: a measure named, a finite value within ±10^12 (NaN fails the
// comparison).
func (in *Input) plausible() bool { return in.Measure != "" && math.Abs(in.Value) <= maxValue }

// inputErr returns the error of input k, which is not plausible.
func (a *Account) inputErr(k int) error {
	in := &a.Inputs[k]
	if in.Measure == "" {
		return acctErr(a.ID, index("inputs", k)+".measure", ErrMissingName)
	}
	_, err := rawOf(in.Value)
	return acctErr(a.ID, index("inputs", k)+".value", err)
}

// validateHead checks the account but its inputs, which scoring checks
// one by one as it reads them (the same checks, the first failure in
// input order).
func (a *Account) validateHead() error {
	if a.ID == "" {
		return acctErr("", "id", ErrMissingName)
	}
	if !a.Stage.Valid() {
		if a.Stage == 0 {
			return acctErr(a.ID, "stage", fmt.Errorf("%w: an account must give its stage", ErrUnknownStage))
		}
		return acctErr(a.ID, "stage", fmt.Errorf("%w %d", ErrUnknownStage, a.Stage))
	}
	for i := range a.Overrides {
		if err := a.Overrides[i].validate(); err != nil {
			return withKind(ErrInvalidAccount, at(index("overrides", i), withID(a.ID, err)))
		}
		for j := range a.Overrides[:i] {
			p, o := &a.Overrides[j], &a.Overrides[i]
			if !o.Until.Before(p.From) && !p.Until.Before(o.From) {
				return acctErr(a.ID, index("overrides", i), fmt.Errorf("%w: in force on days overrides[%d] is (%s to %s)", ErrInvalidOverride, j, p.From, p.Until))
			}
		}
	}
	return nil
}

// withID sets the ID of a *FieldError.
func withID(id string, err error) error {
	if fe, ok := err.(*FieldError); ok {
		return &FieldError{ID: id, Field: fe.Field, Err: fe.Err}
	}
	return err
}

// Validate checks the override alone (see [Account.Validate]). Paths are
// relative to it.
func (o Override) Validate() error { return o.validate() }

func (o *Override) validate() error {
	if _, err := pointsOf(o.Score); err != nil {
		return fieldErr("", "score", err)
	}
	switch {
	case o.By == "":
		return fieldErr("", "by", fmt.Errorf("%w: who set it is required", ErrInvalidOverride))
	case o.Reason == "":
		return fieldErr("", "reason", fmt.Errorf("%w: why is required", ErrInvalidOverride))
	case o.From.IsZero():
		return fieldErr("", "from", withKind(ErrInvalidOverride, fmt.Errorf("%w: an override needs the day it starts", ErrMissingDate)))
	case o.Until.IsZero():
		return fieldErr("", "until", withKind(ErrInvalidOverride, fmt.Errorf("%w: an override ends, so it needs its last day", ErrMissingDate)))
	case o.Until.Before(o.From):
		return fieldErr("", "until", fmt.Errorf("%w: ends %s, before it starts (%s)", ErrInvalidOverride, o.Until, o.From))
	}
	return nil
}

// UnmarshalJSON decodes an account strictly and validates it. Errors wrap
// [ErrInvalidAccount] and name the account and the field ("inputs[1]");
// the receiver is left alone on error.
func (a *Account) UnmarshalJSON(b []byte) error {
	type plain struct {
		ID        string            `json:"id"`
		Segment   string            `json:"segment"`
		Stage     json.RawMessage   `json:"stage"`
		Inputs    []json.RawMessage `json:"inputs"`
		Overrides []json.RawMessage `json:"overrides"`
	}
	var p plain
	if err := jsonstrict.Decode(b, &p); err != nil {
		return withID(idOf(b, "id"), at("", decodeErr(ErrInvalidAccount, err)))
	}
	v := Account{ID: p.ID, Segment: p.Segment}
	if field, err := jsonstrict.Fields(jsonstrict.F("stage", p.Stage, &v.Stage)); err != nil {
		return withID(p.ID, at(field, decodeErr(ErrInvalidAccount, err)))
	}
	var err error
	if v.Inputs, err = decodeList[Input]("inputs", p.Inputs, ErrInvalidAccount); err != nil {
		return withID(p.ID, err)
	}
	if v.Overrides, err = decodeList[Override]("overrides", p.Overrides, ErrInvalidAccount); err != nil {
		return withID(p.ID, err)
	}
	if err := v.validate(); err != nil {
		return err
	}
	*a = v
	return nil
}
