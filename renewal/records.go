package renewal

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Completion records that an activity was done. Completions are records,
// never mutation: the state of a renewal is computed from them as of a date.
type Completion struct {
	// Activity is the completed activity.
	Activity Activity `json:"activity"`
	// Date is the day it was completed.
	Date date.Date `json:"date"`
	// Note is the CSM's free text.
	Note string `json:"note,omitempty"`
	// Intent is the customer's answer; only an IntentConfirmation
	// completion may carry one.
	Intent Intent `json:"intent,omitempty"`
}

// Validate returns an error if:
//   - the activity is not declared ([ErrUnknownActivity]);
//   - the date is zero ([ErrMissingDate]);
//   - the intent is not declared ([ErrUnknownIntent]), or is given on any
//     activity but ActivityIntentConfirmation ([ErrInvalidRecord]).
func (c Completion) Validate() error {
	switch {
	case !c.Activity.Valid():
		return fmt.Errorf("%w %d", ErrUnknownActivity, uint8(c.Activity))
	case c.Date.IsZero():
		return fmt.Errorf("%w: completion of %s has no date", ErrMissingDate, c.Activity)
	case !c.Intent.Valid():
		return fmt.Errorf("%w %d", ErrUnknownIntent, uint8(c.Intent))
	case c.Intent != IntentUnknown && c.Activity != ActivityIntentConfirmation:
		return fmt.Errorf("%w: intent recorded on %s", ErrInvalidRecord, c.Activity)
	}
	return nil
}

// UnmarshalJSON decodes a completion and validates it (see
// [Completion.Validate]). It refuses a key that names no field of
// Completion. Every error wraps [ErrInvalidRecord] and the error that
// stopped it ([ErrUnknownActivity], [ErrMissingDate], [date.ErrInvalidMonth]
// ...). On error c is left unchanged.
func (c *Completion) UnmarshalJSON(b []byte) error {
	type plain Completion
	var v plain
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidRecord, "completion", err)
	}
	if err := Completion(v).Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "completion", err)
	}
	*c = Completion(v)
	return nil
}

// Call is a CSM's forecast call for a renewal, recorded at a checkpoint
// (180, 120, 90, 30 days before the renewal by default).
type Call struct {
	// Date is the day the call was made.
	Date date.Date `json:"date"`
	// Amount is the ARR the CSM expects the renewal to close at.
	Amount decimal.Decimal `json:"amount"`
	// Category is how sure the CSM is.
	Category Category `json:"category"`
}

// Validate returns an error if:
//   - the date is zero ([ErrMissingDate]);
//   - the category is not declared ([ErrUnknownCategory]);
//   - the amount is negative ([ErrNegativeAmount]) or out of range
//     ([ErrAmountOutOfRange]).
func (c Call) Validate() error {
	switch {
	case c.Date.IsZero():
		return fmt.Errorf("%w: call without a date", ErrMissingDate)
	case !c.Category.Valid():
		return fmt.Errorf("%w %d", ErrUnknownCategory, uint8(c.Category))
	}
	return checkAmount(c.Amount)
}

// Outcome is how a renewal ended.
type Outcome struct {
	// Result is open, renewed or churned.
	Result Result `json:"result"`
	// Date is the day the outcome was recorded.
	Date date.Date `json:"date,omitzero"`
	// Final is the ARR the contract renewed at (zero when churned).
	Final decimal.Decimal `json:"final"`
}

// Validate checks the outcome on its own; the zero Outcome (open) is valid.
//
// Validate returns an error if:
//   - Final is negative ([ErrNegativeAmount]) or out of range
//     ([ErrAmountOutOfRange]);
//   - Result is not declared ([ErrUnknownResult]);
//   - the renewal is decided (renewed or churned) with no Date
//     ([ErrMissingDate]);
//   - it renewed with no positive Final, churned with a Final, or is open
//     with a Final ([ErrInvalidRecord]).
func (o Outcome) Validate() error {
	if err := checkAmount(o.Final); err != nil {
		return err
	}
	switch {
	case !o.Result.Valid():
		return fmt.Errorf("%w %d", ErrUnknownResult, uint8(o.Result))
	case o.Result != ResultOpen && o.Date.IsZero():
		return fmt.Errorf("%w: %s outcome without a date", ErrMissingDate, o.Result)
	case o.Result == ResultRenewed && o.Final.Sign() <= 0:
		return fmt.Errorf("%w: renewed with final amount %s; record the amount renewed at", ErrInvalidRecord, money.Format(o.Final))
	case o.Result == ResultChurned && !o.Final.IsZero():
		return fmt.Errorf("%w: churned with final amount %s", ErrInvalidRecord, money.Format(o.Final))
	case o.Result == ResultOpen && !o.Final.IsZero():
		return fmt.Errorf("%w: open renewal with final amount %s", ErrInvalidRecord, money.Format(o.Final))
	}
	return nil
}

// Renewal is one contract's renewal as the host knows it: the contract and
// the records around it. It is the row a host streams over a book.
//
// A row's records belong to one renewal of the contract: Due when it is set,
// otherwise the first renewal on or after the day the row is read for (the
// as-of date of a status, the start of a KPI or forecast range; see
// [Contract.NextRenewal]). A row with an outcome must name the renewal it
// closed in Due, as the CRM's renewal opportunity does: an outcome cannot
// tell by its date alone which renewal it closed. Keep one row per renewal
// cycle, each with its Due, to keep history.
type Renewal struct {
	// Contract is the renewing contract.
	Contract Contract `json:"contract"`
	// Due is the renewal date this row's records belong to, one of the
	// contract's renewal dates; required with an outcome. Zero lets an open
	// row follow the contract (see above).
	Due date.Date `json:"due,omitzero"`
	// Completions are the activities done for this renewal.
	Completions []Completion `json:"completions,omitempty"`
	// Onboarded says the customer completed onboarding.
	Onboarded bool `json:"onboarded,omitempty"`
	// TwoWay says the CSM has real two-way communication with the customer.
	TwoWay bool `json:"two_way,omitempty"`
	// FirstContact is the day of the CSM's first renewal contact; zero means
	// the earliest completion.
	FirstContact date.Date `json:"first_contact,omitzero"`
	// CaseStudyPublished says a case-study interview was published.
	CaseStudyPublished bool `json:"case_study_published,omitempty"`
	// Target is the renewable amount; zero means the contract's ARR.
	Target decimal.Decimal `json:"target"`
	// Calls are the CSM's forecast calls, in any order; the latest on or
	// before the as-of date counts.
	Calls []Call `json:"calls,omitempty"`
	// Outcome is how the renewal ended, if it has.
	Outcome Outcome `json:"outcome,omitzero"`
	// RiskAdjustment is an expected loss the host computed elsewhere (for
	// example from a churn-risk case); the risk-adjusted forecast subtracts
	// it, never below zero.
	RiskAdjustment decimal.Decimal `json:"risk_adjustment"`
}

// TargetAmount returns the renewable amount: Target, or the contract's ARR
// when Target is zero.
func (r Renewal) TargetAmount() decimal.Decimal { return r.target().Decimal() }

// target is TargetAmount read for a money.Sum, without copying r: each
// amount is read once a row.
func (r *Renewal) target() money.Amount {
	if t := money.Of(r.Target); !t.IsZero() {
		return t
	}
	return money.Of(r.Contract.ARR)
}

// Validate checks the contract and every record of r.
//
// Validate returns an error if:
//   - the contract is invalid (see [Contract.Validate]);
//   - a completion is invalid (see [Completion.Validate]) or an activity is
//     completed twice ([ErrDuplicateCompletion]);
//   - a call is invalid (see [Call.Validate]);
//   - Target or RiskAdjustment is negative ([ErrNegativeAmount]) or out of
//     range ([ErrAmountOutOfRange]);
//   - the outcome is invalid (see [Outcome.Validate]);
//   - Due is not set while the outcome is decided ([ErrMissingDate]), or is
//     set and is not one of the contract's renewal dates
//     ([ErrInvalidRecord]).
//
// An error about a record is a [*FieldError] naming the contract and the
// field ("due", "completions", "calls", "outcome", ...).
func (r Renewal) Validate() error {
	_, err := r.validate()
	return err
}

// validate is Validate; it also returns the contract's first renewal date.
func (r *Renewal) validate() (first date.Date, err error) {
	first, err = validateContract(&r.Contract)
	if err != nil {
		return first, err
	}
	if err := r.validateRecords(); err != nil {
		return first, err
	}
	c := &r.Contract
	switch {
	case r.Due.IsZero() && r.Outcome.Result != ResultOpen:
		return first, fieldErr(c.ID, "due", fmt.Errorf("%w: a %s outcome needs the renewal date it closed", ErrMissingDate, r.Outcome.Result))
	case !r.Due.IsZero() && r.Due != first && (!c.AutoRenew || c.nextRenewal(first, r.Due) != r.Due):
		return first, fieldErr(c.ID, "due", fmt.Errorf("%w: %s is not a renewal date of the contract (first renewal %s)", ErrInvalidRecord, r.Due, first))
	}
	return first, nil
}

// renewalOn returns the renewal r's records belong to when the row is read
// for day d: Due, or the contract's renewal current on d.
func (r *Renewal) renewalOn(first, d date.Date) date.Date {
	if !r.Due.IsZero() {
		return r.Due
	}
	return r.Contract.nextRenewal(first, d)
}

// validateRecords checks every record of r but the contract.
func (r *Renewal) validateRecords() error {
	id := r.Contract.ID
	var seen [numActivities + 1]bool
	for _, c := range r.Completions {
		if err := c.Validate(); err != nil {
			return fieldErr(id, "completions", err)
		}
		if seen[c.Activity] {
			return fieldErr(id, "completions", fmt.Errorf("%w: %s", ErrDuplicateCompletion, c.Activity))
		}
		seen[c.Activity] = true
	}
	for i := range r.Calls {
		if err := r.Calls[i].Validate(); err != nil {
			return fieldErr(id, "calls", err)
		}
	}
	if err := checkAmount(r.Target); err != nil {
		return fieldErr(id, "target", err)
	}
	if err := checkAmount(r.RiskAdjustment); err != nil {
		return fieldErr(id, "risk_adjustment", err)
	}
	if err := r.Outcome.Validate(); err != nil {
		return fieldErr(id, "outcome", err)
	}
	return nil
}

// checkAsOf returns an error wrapping [ErrRecordAfterAsOf] if a record of
// r is dated after asOf; the [*FieldError] names the field and the record.
func (r *Renewal) checkAsOf(asOf date.Date) error {
	after := func(field, what string, d date.Date) error {
		return fieldErr(r.Contract.ID, field, fmt.Errorf("%w %s: %s on %s", ErrRecordAfterAsOf, asOf, what, d))
	}
	for _, c := range r.Completions {
		if c.Date.After(asOf) {
			return after("completions", "completion of "+c.Activity.String(), c.Date)
		}
	}
	for _, c := range r.Calls {
		if c.Date.After(asOf) {
			return after("calls", "call", c.Date)
		}
	}
	if r.Outcome.Result != ResultOpen && r.Outcome.Date.After(asOf) {
		return after("outcome", r.Outcome.Result.String()+" outcome", r.Outcome.Date)
	}
	if r.FirstContact.After(asOf) {
		return after("first_contact", "first contact", r.FirstContact)
	}
	return nil
}

// Intent returns the customer's recorded renewal intent and whether it was
// asked: the intent of the IntentConfirmation completion, if any.
func (r Renewal) Intent() (intent Intent, asked bool) {
	for _, c := range r.Completions {
		if c.Activity == ActivityIntentConfirmation {
			return c.Intent, true
		}
	}
	return IntentUnknown, false
}

// LatestCall returns the latest forecast call dated on or before asOf, and
// whether there is one. Of two calls on the same day the later in the slice
// wins.
func (r Renewal) LatestCall(asOf date.Date) (Call, bool) { return latestCall(r.Calls, asOf) }

// latestCall is LatestCall over calls; it copies no Renewal on a hot path.
func latestCall(calls []Call, asOf date.Date) (Call, bool) {
	best := -1
	for i := range calls {
		if calls[i].Date.After(asOf) {
			continue
		}
		if best < 0 || !calls[i].Date.Before(calls[best].Date) {
			best = i
		}
	}
	if best < 0 {
		return Call{}, false
	}
	return calls[best], true
}

// Booking classes the closed renewal by its final amount against its target:
// churn, upsell (above), downsell (below) or renewal (equal). It returns
// the zero Booking while the outcome is open.
func (r Renewal) Booking() Booking {
	switch r.Outcome.Result {
	case ResultChurned:
		return BookingChurn
	case ResultRenewed:
		switch r.Outcome.Final.Cmp(r.TargetAmount()) {
		case 1:
			return BookingUpsell
		case -1:
			return BookingDownsell
		}
		return BookingRenewal
	}
	return 0
}

type callJSON struct {
	Date     date.Date  `json:"date"`
	Amount   money.JSON `json:"amount"`
	Category Category   `json:"category"`
}

// MarshalJSON encodes the call with its amount as an exact quoted decimal.
func (c Call) MarshalJSON() ([]byte, error) {
	return json.Marshal(callJSON{c.Date, money.JSON(c.Amount), c.Category})
}

// UnmarshalJSON decodes a call and validates it (see [Call.Validate]). The
// amount may be a quoted or bare plain decimal (no exponent). It refuses a
// key that names no field of Call. Every error wraps [ErrInvalidRecord] and
// the error that stopped it. On error c is left unchanged.
func (c *Call) UnmarshalJSON(b []byte) error {
	var v callJSON
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidRecord, "call", err)
	}
	out := v.call()
	if err := out.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "call", err)
	}
	*c = out
	return nil
}

func (v callJSON) call() Call { return Call{v.Date, decimal.Decimal(v.Amount), v.Category} }

type outcomeJSON struct {
	Result Result     `json:"result"`
	Date   date.Date  `json:"date,omitzero"`
	Final  money.JSON `json:"final"`
}

// MarshalJSON encodes the outcome with its final amount as an exact quoted
// decimal.
func (o Outcome) MarshalJSON() ([]byte, error) {
	return json.Marshal(outcomeJSON{o.Result, o.Date, money.JSON(o.Final)})
}

// UnmarshalJSON decodes an outcome and validates it (see
// [Outcome.Validate]). The final amount may be a quoted or bare plain
// decimal (no exponent). It refuses a key that names no field of Outcome.
// Every error wraps [ErrInvalidRecord] and the error that stopped it. On
// error o is left unchanged.
func (o *Outcome) UnmarshalJSON(b []byte) error {
	var v outcomeJSON
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidRecord, "outcome", err)
	}
	out := v.outcome()
	if err := out.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "outcome", err)
	}
	*o = out
	return nil
}

func (v outcomeJSON) outcome() Outcome { return Outcome{v.Result, v.Date, decimal.Decimal(v.Final)} }

// MarshalJSON encodes r with its amounts as exact quoted decimals.
func (r Renewal) MarshalJSON() ([]byte, error) {
	type plain Renewal
	return json.Marshal(struct {
		plain
		Target         money.JSON `json:"target"`
		RiskAdjustment money.JSON `json:"risk_adjustment"`
	}{plain(r), money.JSON(r.Target), money.JSON(r.RiskAdjustment)})
}

// UnmarshalJSON decodes a renewal record and validates it (see
// [Renewal.Validate]): a record that decodes is valid. Amounts may be
// quoted or bare plain decimals (no exponent).
//
// It refuses a key that names no field, in the record and in every object
// nested in it (contract, completions, calls, outcome). Every error wraps
// [ErrInvalidRecord] and the error that stopped it; an invalid contract
// also wraps [ErrInvalidContract], and a completion, call or outcome that
// decodes but breaks a rule is a [*FieldError] naming the contract and the
// field, as [Renewal.Validate] reports it. On error r is left unchanged.
func (r *Renewal) UnmarshalJSON(b []byte) error {
	type plain Renewal
	// The records are decoded as plain data, each field by name so that an
	// error names it, and validated with the whole row, so that an error
	// about one names its contract.
	type completion Completion
	var v struct {
		plain
		Due            json.RawMessage `json:"due"`
		FirstContact   json.RawMessage `json:"first_contact"`
		Completions    json.RawMessage `json:"completions"`
		Calls          json.RawMessage `json:"calls"`
		Outcome        json.RawMessage `json:"outcome"`
		Target         json.RawMessage `json:"target"`
		RiskAdjustment json.RawMessage `json:"risk_adjustment"`
	}
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidRecord, "renewal", err)
	}
	out := Renewal(v.plain) // its shadowed fields are zero
	var (
		completions []completion
		calls       []callJSON
		outcome     outcomeJSON
	)
	if err := decodeFields(out.Contract.ID,
		jsonstrict.F("due", v.Due, &out.Due), jsonstrict.F("first_contact", v.FirstContact, &out.FirstContact),
		jsonstrict.F("completions", v.Completions, &completions), jsonstrict.F("calls", v.Calls, &calls),
		jsonstrict.F("outcome", v.Outcome, &outcome), jsonstrict.F("target", v.Target, (*money.JSON)(&out.Target)),
		jsonstrict.F("risk_adjustment", v.RiskAdjustment, (*money.JSON)(&out.RiskAdjustment))); err != nil {
		return decodeErr(ErrInvalidRecord, "renewal", err)
	}
	if completions != nil {
		out.Completions = make([]Completion, len(completions))
		for i, c := range completions {
			out.Completions[i] = Completion(c)
		}
	}
	if calls != nil {
		out.Calls = make([]Call, len(calls))
		for i, c := range calls {
			out.Calls[i] = c.call()
		}
	}
	out.Outcome = outcome.outcome()
	if err := out.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "renewal", err)
	}
	*r = out
	return nil
}
