package churn

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Reason is one reason a customer may cancel. A case carries one or more.
// Whether a reason was avoidable and whether the product caused it are the
// host's judgment of this case, so they are fields, not properties of the
// kind. The zero Reason is invalid (no kind).
type Reason struct {
	// Kind is the reason in the taxonomy.
	Kind ReasonKind `json:"kind"`
	// Text says what the reason is; required for ReasonOther, optional
	// detail otherwise.
	Text string `json:"text,omitempty"`
	// Avoidable says the team could have prevented it (a sponsor leaving,
	// an acquisition or a bankruptcy usually could not).
	Avoidable bool `json:"avoidable"`
	// ProductCaused says the product itself caused it (a gap, a defect,
	// an onboarding the product made hard) [seed 003].
	ProductCaused bool `json:"product_caused"`
}

// Validate returns an error if:
//   - Kind is not declared ([ErrUnknownReason]);
//   - Kind is ReasonOther and Text is empty ([ErrInvalidCase]).
//
// An error is a [*FieldError] naming the field ("kind", "text").
func (r Reason) Validate() error { return r.validate("", -1) }

// validate is Validate with the case's ID and the reason's place in the
// case's reasons, which the field names carry ("reasons[1].text"); i < 0
// for a reason on its own.
func (r *Reason) validate(id string, i int) error {
	switch {
	case !r.Kind.Valid():
		return fieldErr(id, at("reasons", i, "kind"), errUnknown(ErrUnknownReason, uint8(r.Kind)))
	case r.Kind == ReasonOther && r.Text == "":
		return fieldErr(id, at("reasons", i, "text"), fmt.Errorf("%w: an %q reason needs its text", ErrInvalidCase, "other"))
	}
	return nil
}

// reasonJSON is a reason's JSON as decoded: each field raw, decoded on its
// own so that an error names it.
type reasonJSON struct {
	Kind          json.RawMessage `json:"kind"`
	Text          json.RawMessage `json:"text"`
	Avoidable     json.RawMessage `json:"avoidable"`
	ProductCaused json.RawMessage `json:"product_caused"`
}

// UnmarshalJSON decodes a reason strictly (a key that names no field is an
// error) and validates it. Every error wraps [ErrInvalidCase] and the error
// that stopped it, a [*FieldError] naming the field where one is to blame;
// on error r is left unchanged.
func (r *Reason) UnmarshalJSON(b []byte) error {
	out, err := decodeReason(b)
	if err != nil {
		return decodeErr(ErrInvalidCase, "reason", err)
	}
	*r = out
	return nil
}

// decodeReason decodes a reason's JSON and validates it.
func decodeReason(b []byte) (Reason, error) {
	var v reasonJSON
	if err := jsonstrict.Decode(b, &v); err != nil {
		return Reason{}, jsonstrict.Explain(err)
	}
	var out Reason
	if err := decodeFields("", jsonstrict.F("kind", v.Kind, &out.Kind), jsonstrict.F("text", v.Text, &out.Text),
		jsonstrict.F("avoidable", v.Avoidable, &out.Avoidable), jsonstrict.F("product_caused", v.ProductCaused, &out.ProductCaused)); err != nil {
		return Reason{}, err
	}
	return out, out.Validate()
}

// Transition is one move of a case: the day, who voiced what, and a note.
// A case's history is its transitions in order; the first opens it.
//
// The move that churns a case records what was lost: Lost is the ARR the
// customer actually stopped paying, and Downgrade says it stayed on a
// smaller plan rather than leaving.
type Transition struct {
	// Date is the day of the move; required.
	Date date.Date `json:"date"`
	// Event is who voiced what; required.
	Event Event `json:"event"`
	// By names the person who voiced it, as the host knows them
	// ("Tanaka, IT admin"); optional.
	By string `json:"by,omitempty"`
	// Note is free text.
	Note string `json:"note,omitempty"`
	// Lost is the ARR actually lost; required (above zero) on
	// EventChurned, zero on every other event.
	Lost decimal.Decimal `json:"lost"`
	// Downgrade says the churn was a downgrade only: the customer kept a
	// smaller plan. Only on EventChurned.
	Downgrade bool `json:"downgrade,omitempty"`
}

// Validate checks the transition on its own; [Case.Validate] also checks
// it against the case (its order, its phase, the account's ARR).
//
// Validate returns an error if:
//   - Date is zero ([ErrMissingDate]);
//   - Event is not declared ([ErrUnknownEvent]);
//   - Lost is negative ([ErrNegativeAmount]) or out of range
//     ([ErrAmountOutOfRange]);
//   - the event is EventChurned and Lost is zero, or it is another event
//     and Lost is set or Downgrade is true ([ErrInvalidCase]).
//
// An error is a [*FieldError] naming the field ("date", "event", "lost",
// "downgrade").
func (t Transition) Validate() error { return t.validate("", -1) }

// validate is Validate with the case's ID and the transition's place in
// the history, which the field names carry ("history[2].date"); i < 0 for
// a transition on its own.
func (t *Transition) validate(id string, i int) error {
	switch {
	case t.Date.IsZero():
		return fieldErr(id, at("history", i, "date"), ErrMissingDate)
	case !t.Event.Valid():
		return fieldErr(id, at("history", i, "event"), errUnknown(ErrUnknownEvent, uint8(t.Event)))
	case !money.Valid(t.Lost):
		return fieldErr(id, at("history", i, "lost"), checkAmount(t.Lost))
	}
	if t.Event == EventChurned {
		if t.Lost.Sign() == 0 {
			return fieldErr(id, at("history", i, "lost"), fmt.Errorf("%w: a churn records the ARR lost", ErrInvalidCase))
		}
		return nil
	}
	if t.Lost.Sign() != 0 {
		return fieldErr(id, at("history", i, "lost"), fmt.Errorf("%w: ARR lost on %s; only a churn loses ARR", ErrInvalidCase, t.Event))
	}
	if t.Downgrade {
		return fieldErr(id, at("history", i, "downgrade"), fmt.Errorf("%w: downgrade on %s; only a churn is a downgrade", ErrInvalidCase, t.Event))
	}
	return nil
}

type transitionJSON struct {
	Date      date.Date  `json:"date"`
	Event     Event      `json:"event"`
	By        string     `json:"by,omitempty"`
	Note      string     `json:"note,omitempty"`
	Lost      money.JSON `json:"lost,omitzero"`
	Downgrade bool       `json:"downgrade,omitempty"`
}

// MarshalJSON encodes the transition; Lost is an exact decimal string
// ("lost": "1200000"), left out when zero.
func (t Transition) MarshalJSON() ([]byte, error) {
	v := transitionJSON{Date: t.Date, Event: t.Event, By: t.By, Note: t.Note, Downgrade: t.Downgrade}
	if !t.Lost.IsZero() {
		v.Lost = money.JSON(t.Lost)
	}
	return json.Marshal(v)
}

// UnmarshalJSON decodes a transition strictly and validates it (see
// [Transition.Validate]). Every error wraps [ErrInvalidCase] and the error
// that stopped it, a [*FieldError] naming the field where one is to blame;
// on error t is left unchanged.
func (t *Transition) UnmarshalJSON(b []byte) error {
	out, err := decodeTransition(b)
	if err != nil {
		return decodeErr(ErrInvalidCase, "transition", err)
	}
	*t = out
	return nil
}

// decodeTransition decodes a transition's JSON, each field on its own so
// that an error names it, and validates it.
func decodeTransition(b []byte) (Transition, error) {
	var v struct {
		Date      json.RawMessage `json:"date"`
		Event     json.RawMessage `json:"event"`
		By        json.RawMessage `json:"by"`
		Note      json.RawMessage `json:"note"`
		Lost      json.RawMessage `json:"lost"`
		Downgrade json.RawMessage `json:"downgrade"`
	}
	if err := jsonstrict.Decode(b, &v); err != nil {
		return Transition{}, jsonstrict.Explain(err)
	}
	var out Transition
	if err := decodeFields("", jsonstrict.F("date", v.Date, &out.Date), jsonstrict.F("event", v.Event, &out.Event),
		jsonstrict.F("by", v.By, &out.By), jsonstrict.F("note", v.Note, &out.Note), jsonstrict.F("lost", v.Lost, (*money.JSON)(&out.Lost)),
		jsonstrict.F("downgrade", v.Downgrade, &out.Downgrade)); err != nil {
		return Transition{}, err
	}
	return out, out.Validate()
}

// Case is one churn-risk case: from the day a customer says "we might
// cancel", the risk is managed as a case, like a sales pipeline [seed 000].
// It is a plain value; it moves by [Policy.Move], which returns the next
// case and leaves this one untouched.
//
// The phase, the opening day and the outcome are not fields: they are read
// from History ([Case.Phase], [Case.Opened], [Case.Lost]), so they cannot
// disagree with it.
//
// The zero Case is not a case (no ID, never opened); it still encodes.
type Case struct {
	// ID identifies the case; required and unique in a book.
	ID string `json:"id"`
	// Account is the customer account; required.
	Account string `json:"account"`
	// Owner is the CSM who owns the case; required.
	Owner string `json:"owner"`
	// ARRAtRisk is the ARR the customer may cancel, exact; required (zero
	// is allowed) and not above AccountARR.
	ARRAtRisk decimal.Decimal `json:"arr_at_risk"`
	// RenewalDate is the day the cancellation would take effect (the
	// renewal it cancels at); required. The forecast's months are its
	// months.
	RenewalDate date.Date `json:"renewal_date"`
	// Tier is the account's tier as the host ranks it, 1 being the most
	// important; zero means not tiered. With AccountARR it decides whether
	// the account matters enough for the costly plays ([Policy.KeyTier]).
	Tier int `json:"tier,omitempty"`
	// AccountARR is the account's whole ARR; required, at least ARRAtRisk.
	AccountARR decimal.Decimal `json:"account_arr"`
	// Reasons are why the customer may cancel: at least one, each kind
	// once.
	Reasons []Reason `json:"reasons"`
	// History is the case's transitions in date order, at most MaxMoves;
	// the first opens the case. A case to be opened by [Policy.Move] has
	// none.
	History []Transition `json:"history"`
}

// MaxMoves is the most transitions a case's history holds [ours]. Three
// phases and a few voices in each take a dozen; a case that moved a
// hundred times is a log of contacts, not a case. The bound keeps the
// work of a move small: [Policy.Move] checks and copies the history it is
// given, so a book streamed move by move costs what its moves cost, not
// their square.
const MaxMoves = 100

// Phase returns the phase the case's history leads to, or zero for a case
// with no history or a history the transition table refuses.
func (c Case) Phase() Phase { return c.changes(nil) }

// changes replays the case's history through the transition table and
// calls f, if not nil, with the index of each move that changes the phase
// and the phase that move leaves (zero for the opening move). It returns
// the phase reached, or zero at the first move the table refuses.
func (c *Case) changes(f func(i int, left Phase)) Phase {
	p := none
	for i := range c.History {
		to, err := step(p, c.History[i].Event)
		if err != nil {
			return 0
		}
		if to != p && f != nil {
			f(i, p)
		}
		p = to
	}
	return p
}

// Opened returns the day the case opened, its first move's date, or the
// zero Date for a case with no history.
func (c Case) Opened() date.Date {
	if len(c.History) == 0 {
		return date.Date{}
	}
	return c.History[0].Date
}

// Since returns the day the case entered the phase it is in: the date of
// the move that changed its phase last (a move that stays in its phase
// does not count). It is the zero Date for a case with no history or a
// history the transition table refuses.
func (c Case) Since() date.Date {
	var d date.Date
	if c.changes(func(i int, _ Phase) { d = c.History[i].Date }) == 0 {
		return date.Date{}
	}
	return d
}

// OpenedIn returns the phase the case opened at (A, B or C), or zero for a
// case with no history or a first move that opens no case.
func (c Case) OpenedIn() Phase {
	if len(c.History) == 0 {
		return 0
	}
	to, err := step(none, c.History[0].Event)
	if err != nil {
		return 0
	}
	return to
}

// Lost returns the ARR lost and whether it was a downgrade only, from the
// move that churned the case; zero and false for a case not churned.
func (c Case) Lost() (lost decimal.Decimal, downgrade bool) {
	if n := len(c.History); n > 0 && c.History[n-1].Event == EventChurned {
		return c.History[n-1].Lost, c.History[n-1].Downgrade
	}
	return decimal.Decimal{}, false
}

// KnownOn returns the case as it was known at the end of day d: its
// history through d. It returns false for a case opened after d (or never
// opened). The history returned shares the original's array but has no
// room to grow into it, so moving either leaves the other untouched.
func (c Case) KnownOn(d date.Date) (Case, bool) {
	n := 0
	for n < len(c.History) && !c.History[n].Date.After(d) {
		n++
	}
	if n == 0 {
		return c, false
	}
	c.History = c.History[:n:n]
	return c, true
}

// Validate checks the case and its history.
//
// Validate returns an error if:
//   - ID, Account or Owner is empty, Tier is negative, or Reasons is empty
//     ([ErrInvalidCase]);
//   - ARRAtRisk or AccountARR is negative ([ErrNegativeAmount]) or out of
//     range ([ErrAmountOutOfRange]), or AccountARR is below ARRAtRisk
//     ([ErrInvalidCase]);
//   - RenewalDate is zero ([ErrMissingDate]);
//   - a reason is invalid (see [Reason.Validate]) or two reasons have one
//     kind ([ErrInvalidCase]);
//   - History is empty: the case was never opened ([ErrInvalidCase]);
//   - a transition is invalid (see [Transition.Validate]), is dated before
//     the one before it ([ErrOutOfOrder]), is a move the table refuses
//     ([ErrIllegalMove] or [ErrClosedCase] in a [*MoveError]), or loses
//     more than AccountARR, or all of it on a downgrade ([ErrInvalidCase]);
//   - History holds more than [MaxMoves] transitions ([ErrInvalidCase]).
//
// Every error is a [*FieldError] naming the case and the field ("reasons",
// "history[2].date", ...).
func (c Case) Validate() error {
	_, err := c.validate(true)
	return err
}

// checked is what validating a case reads on the way: its phase and its
// amounts, read once for the totals they go into.
type checked struct {
	phase   Phase
	risk    money.Amount // ARRAtRisk
	account money.Amount // AccountARR
}

// validate is Validate; it returns what it read. A case with no history is
// valid when opened is false (a case about to be opened).
func (c *Case) validate(opened bool) (checked, error) {
	id := c.ID
	switch {
	case id == "":
		return checked{}, fieldErr("", "id", errMissing("case ID"))
	case c.Account == "":
		return checked{}, fieldErr(id, "account", errMissing("account"))
	case c.Owner == "":
		return checked{}, fieldErr(id, "owner", errMissing("owner"))
	case !money.Valid(c.ARRAtRisk):
		return checked{}, fieldErr(id, "arr_at_risk", checkAmount(c.ARRAtRisk))
	case !money.Valid(c.AccountARR):
		return checked{}, fieldErr(id, "account_arr", checkAmount(c.AccountARR))
	case c.RenewalDate.IsZero():
		return checked{}, fieldErr(id, "renewal_date", ErrMissingDate)
	case c.Tier < 0:
		return checked{}, fieldErr(id, "tier", fmt.Errorf("%w: tier %d; tiers count from 1, 0 is not tiered", ErrInvalidCase, c.Tier))
	case len(c.Reasons) == 0:
		return checked{}, fieldErr(id, "reasons", errMissing("reason"))
	}
	ck := checked{risk: money.Of(c.ARRAtRisk), account: money.Of(c.AccountARR)}
	if money.CmpAmounts(ck.account, ck.risk) < 0 {
		return checked{}, fieldErr(id, "account_arr", fmt.Errorf("%w: account ARR %s is below the ARR at risk %s",
			ErrInvalidCase, money.Format(c.AccountARR), money.Format(c.ARRAtRisk)))
	}
	var seen uint32
	for i := range c.Reasons {
		r := &c.Reasons[i]
		if err := r.validate(id, i); err != nil {
			return checked{}, err
		}
		if bit := uint32(1) << r.Kind; seen&bit != 0 {
			return checked{}, fieldErr(id, at("reasons", i, "kind"), fmt.Errorf("%w: reason %s listed twice", ErrInvalidCase, r.Kind))
		} else {
			seen |= bit
		}
	}
	if len(c.History) == 0 {
		if opened {
			return checked{}, fieldErr(id, "history", fmt.Errorf("%w: no move; a case opens with its first move", ErrInvalidCase))
		}
		return ck, nil
	}
	for i := range c.History {
		to, err := c.checkMove(ck.phase, &c.History[i], i, ck.account)
		if err != nil {
			return checked{}, err
		}
		ck.phase = to
	}
	return ck, nil
}

// checkMove checks transition t, the i-th of the case's history (or the
// one to append, i = len(History)), against the case in phase from, and
// returns the phase it reaches. account is the case's AccountARR, read.
func (c *Case) checkMove(from Phase, t *Transition, i int, account money.Amount) (Phase, error) {
	if i >= MaxMoves {
		return 0, fieldErr(c.ID, at("history", i, ""), fmt.Errorf("%w: move %d; a case has at most %d", ErrInvalidCase, i+1, MaxMoves))
	}
	if err := t.validate(c.ID, i); err != nil {
		return 0, err
	}
	if i > 0 && t.Date.Before(c.History[i-1].Date) {
		return 0, fieldErr(c.ID, at("history", i, "date"),
			fmt.Errorf("%w: %s is before %s", ErrOutOfOrder, t.Date, c.History[i-1].Date))
	}
	to, err := step(from, t.Event)
	if err != nil {
		return 0, fieldErr(c.ID, at("history", i, "event"), err)
	}
	if to == PhaseChurned {
		switch cmp := money.CmpAmounts(money.Of(t.Lost), account); {
		case cmp > 0:
			return 0, fieldErr(c.ID, at("history", i, "lost"), fmt.Errorf("%w: lost %s, above the account ARR %s",
				ErrInvalidCase, money.Format(t.Lost), money.Format(c.AccountARR)))
		case cmp == 0 && t.Downgrade:
			return 0, fieldErr(c.ID, at("history", i, "downgrade"), fmt.Errorf("%w: a downgrade keeps part of the ARR, yet lost all %s",
				ErrInvalidCase, money.Format(c.AccountARR)))
		}
	}
	return to, nil
}

type caseJSON struct {
	ID          string       `json:"id"`
	Account     string       `json:"account"`
	Owner       string       `json:"owner"`
	ARRAtRisk   money.JSON   `json:"arr_at_risk"`
	RenewalDate date.Date    `json:"renewal_date"`
	Tier        int          `json:"tier,omitempty"`
	AccountARR  money.JSON   `json:"account_arr"`
	Reasons     []Reason     `json:"reasons"`
	History     []Transition `json:"history"`
	Phase       Phase        `json:"phase"`
}

// MarshalJSON encodes the case with its history. Amounts are exact decimal
// strings; "phase" is the phase the history leads to (see [Case.Phase]),
// written for the reader: a decoder checks it and never takes it as data.
func (c Case) MarshalJSON() ([]byte, error) {
	return json.Marshal(caseJSON{
		ID: c.ID, Account: c.Account, Owner: c.Owner, ARRAtRisk: money.JSON(c.ARRAtRisk),
		RenewalDate: c.RenewalDate, Tier: c.Tier, AccountARR: money.JSON(c.AccountARR),
		Reasons: c.Reasons, History: c.History, Phase: c.Phase(),
	})
}

// UnmarshalJSON decodes a case strictly (a key that names no field is an
// error) and validates it (see [Case.Validate]): a decoded case is always
// open or closed by a history the transition table allows. "phase" may be
// left out; when given it must be the phase the history leads to. Every
// error wraps [ErrInvalidCase] and the error that stopped it, a
// [*FieldError] naming the case and the field ("history[2].event") where
// one is to blame; on error c is left unchanged.
func (c *Case) UnmarshalJSON(b []byte) error {
	// Each field is decoded on its own, the case's ID first, so that an
	// error names the case and the field; encoding/json would say neither
	// for an error of a date's, an amount's or an enum's own decoder.
	var v struct {
		ID          json.RawMessage `json:"id"`
		Account     json.RawMessage `json:"account"`
		Owner       json.RawMessage `json:"owner"`
		ARRAtRisk   json.RawMessage `json:"arr_at_risk"`
		RenewalDate json.RawMessage `json:"renewal_date"`
		Tier        json.RawMessage `json:"tier"`
		AccountARR  json.RawMessage `json:"account_arr"`
		Reasons     json.RawMessage `json:"reasons"`
		History     json.RawMessage `json:"history"`
		Phase       json.RawMessage `json:"phase"`
	}
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidCase, "case", jsonstrict.Explain(err))
	}
	var (
		out              Case
		phase            Phase
		reasons, history []json.RawMessage
	)
	if err := decodeFields("", jsonstrict.F("id", v.ID, &out.ID)); err != nil {
		return decodeErr(ErrInvalidCase, "case", err)
	}
	err := decodeFields(out.ID, jsonstrict.F("account", v.Account, &out.Account), jsonstrict.F("owner", v.Owner, &out.Owner),
		jsonstrict.F("arr_at_risk", v.ARRAtRisk, (*money.JSON)(&out.ARRAtRisk)), jsonstrict.F("renewal_date", v.RenewalDate, &out.RenewalDate),
		jsonstrict.F("tier", v.Tier, &out.Tier), jsonstrict.F("account_arr", v.AccountARR, (*money.JSON)(&out.AccountARR)),
		jsonstrict.F("reasons", v.Reasons, &reasons), jsonstrict.F("history", v.History, &history), jsonstrict.F("phase", v.Phase, &phase))
	if err != nil {
		return decodeErr(ErrInvalidCase, "case", err)
	}
	if reasons != nil {
		out.Reasons = make([]Reason, len(reasons))
		for i, r := range reasons {
			if out.Reasons[i], err = decodeReason(r); err != nil {
				return decodeErr(ErrInvalidCase, "case", relocate(out.ID, "reasons", i, err))
			}
		}
	}
	if history != nil {
		out.History = make([]Transition, len(history))
		for i, t := range history {
			if out.History[i], err = decodeTransition(t); err != nil {
				return decodeErr(ErrInvalidCase, "case", relocate(out.ID, "history", i, err))
			}
		}
	}
	ck, err := out.validate(true)
	if err != nil {
		return decodeErr(ErrInvalidCase, "case", err)
	}
	if phase != 0 && phase != ck.phase {
		return decodeErr(ErrInvalidCase, "case", fieldErr(out.ID, "phase",
			fmt.Errorf("%w: phase %s, but the history leads to %s", ErrInvalidCase, phase, ck.phase)))
	}
	*c = out
	return nil
}
