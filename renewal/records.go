package renewal

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/date"
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

// Validate returns an error wrapping [ErrUnknownActivity] for an invalid
// activity, [ErrMissingDate] for a zero date, or [ErrInvalidRecord] for an
// intent on any activity but IntentConfirmation or an intent out of range.
func (c Completion) Validate() error {
	switch {
	case !c.Activity.Valid():
		return fmt.Errorf("%w: completion of %d", ErrUnknownActivity, uint8(c.Activity))
	case c.Date.IsZero():
		return fmt.Errorf("%w: completion of %s has no date", ErrMissingDate, c.Activity)
	case c.Intent > IntentCancel:
		return fmt.Errorf("%w: intent %d", ErrInvalidRecord, uint8(c.Intent))
	case c.Intent != IntentUnknown && c.Activity != IntentConfirmation:
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
	if err := decodeStrict(b, &v); err != nil {
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

// Validate returns an error wrapping [ErrMissingDate] for a zero date,
// [ErrInvalidRecord] for a category that is not declared, or
// [ErrNegativeAmount] or [ErrAmountOutOfRange] for the amount.
func (c Call) Validate() error {
	switch {
	case c.Date.IsZero():
		return fmt.Errorf("%w: call without a date", ErrMissingDate)
	case !c.Category.Valid():
		return fmt.Errorf("%w: category %d", ErrInvalidRecord, uint8(c.Category))
	}
	if !amountOK(c.Amount) {
		return checkAmount("call of ", c.Amount)
	}
	return nil
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
//   - Result is not declared ([ErrInvalidRecord]);
//   - the renewal is decided (renewed or churned) with no Date
//     ([ErrMissingDate]);
//   - it renewed with no positive Final, churned with a Final, or is open
//     with a Final ([ErrInvalidRecord]).
func (o Outcome) Validate() error {
	if !amountOK(o.Final) {
		return checkAmount("final amount ", o.Final)
	}
	switch {
	case o.Result > Churned:
		return fmt.Errorf("%w: result %d", ErrInvalidRecord, uint8(o.Result))
	case o.Result != Open && o.Date.IsZero():
		return fmt.Errorf("%w: %s outcome without a date", ErrMissingDate, o.Result)
	case o.Result == Renewed && o.Final.Sign() <= 0:
		return fmt.Errorf("%w: renewed with final amount %s; record the amount renewed at", ErrInvalidRecord, money.Format(o.Final))
	case o.Result == Churned && !o.Final.IsZero():
		return fmt.Errorf("%w: churned with final amount %s", ErrInvalidRecord, money.Format(o.Final))
	case o.Result == Open && !o.Final.IsZero():
		return fmt.Errorf("%w: open renewal with final amount %s", ErrInvalidRecord, money.Format(o.Final))
	}
	return nil
}

// Renewal is one contract's renewal as the host knows it: the contract and
// the records around it. It is the row a host streams over a book.
//
// A row's records belong to one renewal of the contract, the one
// [Policy.RenewalDate] names:
//   - Due, when it is set;
//   - for a closed row of an auto-renewing contract, the first renewal
//     whose decision date (its notice deadline, or the renewal date without
//     a notice period) is on or after the outcome date: a cancellation
//     dated on the last day to cancel is for that renewal. Two exceptions
//     give the outcome to the renewal before, P: when it falls after P's
//     notice deadline but on or before P's renewal date (decided late), and
//     when it was booked within the policy's LateBooking (one month by
//     default) after P's renewal date and nearer to it than to the next
//     decision date (booked late). So an annual renewal booked a few days
//     after its date stays with it, while on a monthly contract an outcome
//     goes to whichever is nearer (on a tie, the next);
//   - otherwise the renewal current on the date a function reads the row
//     for (the as-of date of a status, the start of a KPI or forecast
//     period).
//
// So a closed row never counts again for a later anniversary. Set Due to
// keep one row per renewal cycle, and whenever the outcome date alone is
// ambiguous: an outcome booked more than LateBooking after its renewal, or
// one decided early, soon after the previous renewal.
type Renewal struct {
	// Contract is the renewing contract.
	Contract Contract `json:"contract"`
	// Due is the renewal date this row's records belong to, one of the
	// contract's renewal dates; zero lets the row follow the contract (see
	// above).
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
func (r Renewal) TargetAmount() decimal.Decimal { return r.targetAmount() }

// targetAmount is TargetAmount without copying r.
func (r *Renewal) targetAmount() decimal.Decimal {
	if r.Target.IsZero() {
		return r.Contract.ARR
	}
	return r.Target
}

// Validate checks the contract and every record of r.
//
// Validate returns an error if:
//   - the contract is invalid (see [Contract.Validate]);
//   - Due is set and is not one of the contract's renewal dates
//     ([ErrInvalidRecord]);
//   - a completion is invalid (see [Completion.Validate]) or an activity is
//     completed twice ([ErrDuplicateCompletion]);
//   - a call is invalid (see [Call.Validate]);
//   - Target or RiskAdjustment is negative ([ErrNegativeAmount]) or out of
//     range ([ErrAmountOutOfRange]);
//   - the outcome is invalid (see [Outcome.Validate]).
//
// An error about a record is a [*FieldError] naming the contract and the
// field ("completions", "calls", "outcome", ...).
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
	if !r.Due.IsZero() && r.Due != first && (!r.Contract.AutoRenew || r.Contract.nextRenewal(first, r.Due) != r.Due) {
		return first, fieldErr(r.Contract.ID, "due", fmt.Errorf("%w: %s is not a renewal date of the contract (first renewal %s)", ErrInvalidRecord, r.Due, first))
	}
	return first, r.validateRecords()
}

// renewalDate returns the renewal r's records belong to (see [Renewal]),
// given the contract's first renewal, the date the row is read for and the
// policy's late-booking allowance.
func (r *Renewal) renewalDate(first, readFor date.Date, lateBooking date.Period) date.Date {
	switch {
	case !r.Due.IsZero():
		return r.Due
	case r.Outcome.Result != Open:
		return r.closedOn(first, lateBooking)
	}
	return r.Contract.nextRenewal(first, readFor)
}

// closedOn returns the renewal a closed row without Due belongs to (see
// [Renewal]): R, the first renewal whose decision date is on or after the
// outcome date, or P, the renewal before R, when the outcome falls after
// P's decision date and on or before P's renewal date, or after it within
// lateBooking and nearer to P than to R's decision date.
func (r *Renewal) closedOn(first date.Date, lateBooking date.Period) date.Date {
	c := &r.Contract
	o := r.Outcome.Date
	next, k := c.nextRenewalK(first, o)
	if !c.AutoRenew {
		return next
	}
	if c.decisionOf(next).Before(o) {
		// Decided after next's notice deadline: next's outcome if booked by
		// its renewal date (below), else the one after it.
		k++
		next = c.renewal(k)
	}
	if k == 1 {
		return next
	}
	prev := c.renewal(k - 1)
	if !o.After(prev) {
		return prev
	}
	if !o.After(lateBooking.After(prev)) && prev.DaysUntil(o) < o.DaysUntil(c.decisionOf(next)) {
		return prev
	}
	return next
}

// RenewalDate returns the renewal date r's records belong to when the row is
// read for day d under policy p (see [Renewal]).
//
// RenewalDate returns an error if r or p is invalid (see [Renewal.Validate]
// and [Policy.Validate]) or d is zero ([ErrMissingDate]).
func (p Policy) RenewalDate(r Renewal, d date.Date) (date.Date, error) {
	first, err := r.validate()
	if err != nil {
		return date.Date{}, err
	}
	rp := p.resolved()
	if err := rp.validate(); err != nil {
		return date.Date{}, err
	}
	if d.IsZero() {
		return date.Date{}, fieldErr(r.Contract.ID, "as_of", ErrMissingDate)
	}
	return r.renewalDate(first, d, rp.LateBooking), nil
}

// validateRecords checks every record of r but the contract.
func (r *Renewal) validateRecords() error {
	id := r.Contract.ID
	var seen [NumActivities + 1]bool
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
	if !amountOK(r.Target) {
		return fieldErr(id, "target", checkAmount("", r.Target))
	}
	if !amountOK(r.RiskAdjustment) {
		return fieldErr(id, "risk_adjustment", checkAmount("", r.RiskAdjustment))
	}
	if err := r.Outcome.Validate(); err != nil {
		return fieldErr(id, "outcome", err)
	}
	return nil
}

// checkAsOf returns an error wrapping [ErrCompletionAfterAsOf] if any record
// of r is dated after asOf.
func (r *Renewal) checkAsOf(asOf date.Date) error {
	for _, c := range r.Completions {
		if c.Date.After(asOf) {
			return fieldErr(r.Contract.ID, "completions", fmt.Errorf("%w: %s completed %s, as of %s", ErrCompletionAfterAsOf, c.Activity, c.Date, asOf))
		}
	}
	if r.Outcome.Result != Open && r.Outcome.Date.After(asOf) {
		return fieldErr(r.Contract.ID, "outcome", fmt.Errorf("%w: %s on %s, as of %s", ErrCompletionAfterAsOf, r.Outcome.Result, r.Outcome.Date, asOf))
	}
	if r.FirstContact.After(asOf) {
		return fieldErr(r.Contract.ID, "first_contact", fmt.Errorf("%w: first contact %s, as of %s", ErrCompletionAfterAsOf, r.FirstContact, asOf))
	}
	return nil
}

// Intent returns the customer's recorded renewal intent and whether it was
// asked: the intent of the IntentConfirmation completion, if any.
func (r Renewal) Intent() (intent Intent, asked bool) {
	for _, c := range r.Completions {
		if c.Activity == IntentConfirmation {
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
// NotClosed while the outcome is open.
func (r Renewal) Booking() Booking {
	switch r.Outcome.Result {
	case Churned:
		return Churn
	case Renewed:
		switch r.Outcome.Final.Cmp(r.TargetAmount()) {
		case 1:
			return Upsell
		case -1:
			return Downsell
		}
		return FlatRenewal
	}
	return NotClosed
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
	if err := decodeStrict(b, &v); err != nil {
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
	if err := decodeStrict(b, &v); err != nil {
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
	// The records are decoded as plain data here and validated with the
	// whole row, so that an error about one names its contract.
	type completion Completion
	var v struct {
		plain
		Completions    []completion `json:"completions"`
		Calls          []callJSON   `json:"calls"`
		Outcome        outcomeJSON  `json:"outcome"`
		Target         money.JSON   `json:"target"`
		RiskAdjustment money.JSON   `json:"risk_adjustment"`
	}
	if err := decodeStrict(b, &v); err != nil {
		return decodeErr(ErrInvalidRecord, "renewal", err)
	}
	out := Renewal(v.plain) // its shadowed fields are zero
	if v.Completions != nil {
		out.Completions = make([]Completion, len(v.Completions))
		for i, c := range v.Completions {
			out.Completions[i] = Completion(c)
		}
	}
	if v.Calls != nil {
		out.Calls = make([]Call, len(v.Calls))
		for i, c := range v.Calls {
			out.Calls[i] = c.call()
		}
	}
	out.Outcome = v.Outcome.outcome()
	out.Target = decimal.Decimal(v.Target)
	out.RiskAdjustment = decimal.Decimal(v.RiskAdjustment)
	if err := out.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "renewal", err)
	}
	*r = out
	return nil
}
