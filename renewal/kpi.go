package renewal

import (
	"encoding/json"
	"fmt"
	"iter"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// ChurnBase is the denominator of the gross renewal rate by ARR. CS tools
// disagree on it [CS platforms], so it is a parameter.
//
// Its zero value is RenewableARR, a valid base on purpose (as the zero
// slog.Level is Info): a zero [KPIOptions] asks for the base that can be
// computed from the renewable contracts alone.
type ChurnBase uint8

// The churn denominators.
const (
	// RenewableARR divides by the target amount of every renewal in the
	// period, the ARR up for renewal. Open renewals count as kept until they
	// close, so during the period the rate falls from 100% as losses are
	// recorded, and at its end, with every renewal decided, it is the share
	// of the renewable ARR kept. The default [ours].
	RenewableARR ChurnBase = iota
	// StartingARR divides by the ARR of every contract in the book that was
	// active when the period opened, renewable in it or not. Open renewals
	// count as kept until they close, so during the period the rate falls
	// from 100% as losses are recorded.
	StartingARR
)

func churnBaseNames() []string { return []string{"renewable-arr", "starting-arr"} }

// String returns "renewable-arr" or "starting-arr", or "%!ChurnBase(n)" for
// an undeclared value.
func (b ChurnBase) String() string { return enumString("ChurnBase", uint8(b), churnBaseNames()) }

// Valid reports whether b is a declared base.
func (b ChurnBase) Valid() bool { return b <= StartingARR }

// MarshalText encodes the base's name; it returns an error wrapping
// [ErrInvalidChurnBase] for an undeclared value.
func (b ChurnBase) MarshalText() ([]byte, error) {
	if !b.Valid() {
		return nil, fmt.Errorf("%w: %d", ErrInvalidChurnBase, uint8(b))
	}
	return []byte(churnBaseNames()[b]), nil
}

// UnmarshalText decodes "renewable-arr" or "starting-arr"; any other text
// returns an error wrapping [ErrInvalidChurnBase] and leaves b unchanged.
func (b *ChurnBase) UnmarshalText(t []byte) error {
	for i, n := range churnBaseNames() {
		if n == string(t) {
			*b = ChurnBase(i)
			return nil
		}
	}
	return fmt.Errorf("%w: %q", ErrInvalidChurnBase, t)
}

// KPIOptions chooses the period the KPIs cover and the churn denominator.
type KPIOptions struct {
	// From is the first day of the period; required.
	From date.Date `json:"from"`
	// To is the day after the period's last day (the period is half-open,
	// [From, To), so quarters chain: Q1 2027 is 2027-01-01 to 2027-04-01);
	// required, and after From.
	To date.Date `json:"to"`
	// Denominator is the base of the gross renewal rate by ARR; the zero
	// value is RenewableARR.
	Denominator ChurnBase `json:"denominator"`
}

// Validate returns an error if:
//   - From or To is zero ([ErrMissingDate]);
//   - To is not after From ([ErrInvalidPeriod]);
//   - Denominator is not a declared base ([ErrInvalidChurnBase]).
func (o KPIOptions) Validate() error {
	if err := validatePeriod(o.From, o.To); err != nil {
		return err
	}
	if !o.Denominator.Valid() {
		return fieldErr("", "denominator", fmt.Errorf("%w: %d", ErrInvalidChurnBase, uint8(o.Denominator)))
	}
	return nil
}

// Ratio is a count KPI: Num of Den contracts. A Ratio with Den == 0 means
// "no data", never 0%. It encodes to JSON as {"num":7,"den":10}, so no NaN
// can appear.
type Ratio struct {
	// Num is the number of contracts that meet the KPI, at most Den.
	Num int `json:"num"`
	// Den is the number of contracts measured; zero means no data.
	Den int `json:"den"`
}

// Value returns Num/Den and true, or 0 and false when Den is zero (no
// data).
func (r Ratio) Value() (float64, bool) {
	if r.Den == 0 {
		return 0, false
	}
	return float64(r.Num) / float64(r.Den), true
}

// String returns "7/10 (70.0%)", the percentage rounded half away from zero
// to one place in exact decimal arithmetic, or "no data" when Den is zero.
func (r Ratio) String() string {
	if r.Den == 0 {
		return "no data"
	}
	pct := decimal.NewFromInt(int64(r.Num)).Shift(2).DivRound(decimal.NewFromInt(int64(r.Den)), 1)
	return fmt.Sprintf("%d/%d (%s%%)", r.Num, r.Den, pct.StringFixed(1))
}

// AmountRatio is an amount KPI: Num of Den in the reporting currency. A
// zero Den means "no data". It encodes to JSON as exact quoted decimals,
// {"num":"1650000","den":"4200000"}, whatever shopspring/decimal's package
// variables say.
type AmountRatio struct {
	// Num is the amount kept (or renewed at), in the reporting currency.
	Num decimal.Decimal
	// Den is the base amount the KPI divides by; zero means no data.
	Den decimal.Decimal
}

// maxRateScale bounds the exponent DivRound is asked to reach: beyond it
// shopspring/decimal would panic or build an enormous power of ten.
const maxRateScale = 10000

// Rate returns Num/Den rounded half away from zero to places decimal places
// (0.3929 for places 4), and true. Places below zero count as zero. It
// divides with DivRound, so the result does not depend on
// decimal.DivisionPrecision.
//
// Rate returns zero and false when Den is zero (no data), or when Num and Den
// are so far apart in scale that the quotient would need an exponent beyond
// ±10000 (it refuses rather than panic; no amount read by this library comes
// near).
func (a AmountRatio) Rate(places int32) (decimal.Decimal, bool) {
	if places < 0 {
		places = 0
	}
	if a.Den.IsZero() {
		return decimal.Decimal{}, false
	}
	e := int64(a.Num.Exponent()) - int64(a.Den.Exponent()) + int64(places)
	if e > maxRateScale || e < -maxRateScale || places > maxRateScale {
		return decimal.Decimal{}, false
	}
	return a.Num.DivRound(a.Den, places), true
}

// String returns "1650000/4200000 (39.3%)", the amounts exact and the
// percentage rounded half away from zero to one place, or "no data" when
// [AmountRatio.Rate] has none (Den is zero).
func (a AmountRatio) String() string {
	r, ok := a.Rate(3)
	if !ok {
		return "no data"
	}
	pct := r.Shift(2) // Rate(3) has three places, so the shift stays in range
	return money.Format(a.Num) + "/" + money.Format(a.Den) + " (" + pct.StringFixed(1) + "%)"
}

type amountRatioJSON struct {
	Num money.JSON `json:"num"`
	Den money.JSON `json:"den"`
}

// MarshalJSON encodes the ratio as {"num":"…","den":"…"} with exact quoted
// amounts.
func (a AmountRatio) MarshalJSON() ([]byte, error) {
	return json.Marshal(amountRatioJSON{money.JSON(a.Num), money.JSON(a.Den)})
}

// KPIs are the renewal KPIs of one period (see [Policy.KPIs]). Every KPI
// carries its numerator and denominator; a zero denominator means "no data".
// It encodes to JSON with its amounts as exact quoted decimals.
type KPIs struct {
	// From and To are the half-open period [From, To) the KPIs cover.
	From date.Date `json:"from"`
	To   date.Date `json:"to"`
	// AsOf is the day the records were read.
	AsOf date.Date `json:"as_of"`
	// Denominator is the base GrossRenewalARR divides by.
	Denominator ChurnBase `json:"denominator"`

	// Renewable is the number of contracts renewable in the period, the
	// denominator of every ratio below but OnTimeStart and
	// GrossRenewalCount.
	Renewable int `json:"renewable"`
	// Onboarded: renewable contracts whose customer completed onboarding
	// [SuccessHub/Scalebase webinar: SuccessHub].
	Onboarded Ratio `json:"onboarded"`
	// IntentInquiry: renewable contracts whose customer was asked whether it
	// will renew, an intent-confirmation completion recorded with any answer
	// [SuccessHub/Scalebase webinar: SuccessHub].
	IntentInquiry Ratio `json:"intent_inquiry"`
	// TwoWay: renewable contracts with real two-way communication
	// [SuccessHub/Scalebase webinar: SuccessHub].
	TwoWay Ratio `json:"two_way"`
	// IntentConfirmed: renewable contracts whose customer gave a firm answer,
	// renew or cancel [SuccessHub/Scalebase webinar: Scalebase].
	IntentConfirmed Ratio `json:"intent_confirmed"`
	// CaseStudyAsked: renewable contracts whose customer was asked for a
	// case-study interview; a published case study counts as asked
	// [SuccessHub/Scalebase webinar: Scalebase].
	CaseStudyAsked Ratio `json:"case_study_asked"`
	// CaseStudyPublished: renewable contracts whose case study was published.
	CaseStudyPublished Ratio `json:"case_study_published"`
	// OnTimeStart: renewals whose first contact came on or before the day
	// their window opened, of those measurable as of AsOf [ours].
	OnTimeStart Ratio `json:"on_time_start"`

	// GrossRenewalCount: renewed of decided (renewed + churned) renewals.
	GrossRenewalCount Ratio `json:"gross_renewal_count"`
	// Open is the number of renewable contracts with no outcome yet; they are
	// in no denominator of the renewal rates by count.
	Open int `json:"open"`
	// GrossRenewalARR is (base − LostARR) / base, the base chosen by
	// Denominator: what was kept, never counting an upsell.
	GrossRenewalARR AmountRatio `json:"gross_renewal_arr"`
	// NetRenewalARR is Σ final / Σ target over decided renewals: upsells
	// count.
	NetRenewalARR AmountRatio `json:"net_renewal_arr"`
	// StartingARR is the ARR of every contract of the book active on From,
	// whatever Denominator says.
	StartingARR decimal.Decimal `json:"starting_arr"`
	// RenewableARR is the target amount of every renewable contract, open or
	// decided.
	RenewableARR decimal.Decimal `json:"renewable_arr"`
	// LostARR is the ARR lost by decided renewals: the whole target of a
	// churn, target − final of a downsell.
	LostARR decimal.Decimal `json:"lost_arr"`
}

// MarshalJSON encodes k with its amounts as exact quoted decimals
// ("1650000"), whatever shopspring/decimal's package variables say. A
// "no data" KPI encodes with a zero denominator; the encoding holds no
// floating-point value, so never NaN.
func (k KPIs) MarshalJSON() ([]byte, error) {
	type plain KPIs
	return json.Marshal(struct {
		plain
		StartingARR  money.JSON `json:"starting_arr"`
		RenewableARR money.JSON `json:"renewable_arr"`
		LostARR      money.JSON `json:"lost_arr"`
	}{plain(k), money.JSON(k.StartingARR), money.JSON(k.RenewableARR), money.JSON(k.LostARR)})
}

// KPIs computes the renewal KPIs of the contracts renewable in the period
// [opts.From, opts.To), reading the records of book as of asOf.
//
// # Who counts
//
// A contract is renewable in the period when it started before From and the
// renewal current on From ([Contract.NextRenewal] of From) falls in
// [From, To) [CS platforms]. A contract that started inside the period is new
// business, not a renewal, even if it renews inside the period too. A
// contract that renews several times in the period (a monthly term in a
// quarter) counts once, for the renewal current on From: in a book of one
// row per renewal cycle only the row whose Due is that renewal counts, and
// a row without Due counts for the renewal it belongs to (see [Renewal]) when
// that falls in the period. Rows without Due are not checked for
// duplicates: stream one per contract.
//
// A contract is active on From, and its ARR is in StartingARR, when it
// started before From and its current term runs to From or later: always for
// an auto-renewing contract, for any other when its first renewal is not
// before From; but not when its row records a churn at a renewal before
// From. Every renewable contract is active. StartingARR is taken from the
// whole book, so stream every contract, not only the renewable ones, when
// the base is StartingARR, and either keep the row of a contract cancelled
// before the period with its churn or leave the contract out (an
// auto-renewing contract is otherwise taken to run on; one that does not
// auto-renew ends on its first renewal). StartingARR uses the contract's
// ARR; the renewal rates use the renewal's target amount
// ([Renewal.TargetAmount]).
//
// # The KPIs
//
// Over the renewable contracts (denominator Renewable):
//
//	Onboarded           Renewal.Onboarded
//	IntentInquiry       an IntentConfirmation completion is recorded (any answer)
//	IntentConfirmed     its answer is renew or cancel (an outcome alone does not count)
//	TwoWay              Renewal.TwoWay
//	CaseStudyAsked      a CaseStudyRequest completion is recorded, or CaseStudyPublished
//	CaseStudyPublished  Renewal.CaseStudyPublished
//
// OnTimeStart [ours] measures whether renewal work began by the day the
// window opened. The first contact is Renewal.FirstContact, or when that is
// zero the earliest completion of any activity. The window is the Opens date
// of the policy's plan for the renewal in the period ([Policy.Plan] as of
// From, which plans exactly that renewal), so a budgeting deadline that pulls
// the value case forward also moves the day work should start. A renewal is
//
//	on time        when its first contact is on or before Opens;
//	late           when its first contact is after Opens, or it has no contact and asOf is after Opens;
//	not measurable when it has no contact and asOf is on or before Opens
//	               (the CSM can still start on time), and then it is in no denominator.
//
// Renewal rates: a renewal is decided when its outcome is renewed or
// churned.
//
//	GrossRenewalCount = renewed / (renewed + churned); Open counts the rest
//	LostARR           = Σ over decided renewals of (target − final) where final < target
//	                    (a churn loses its whole target; an upsell loses nothing: gross, not net)
//	GrossRenewalARR   = (base − LostARR) / base
//	                    base = Σ target of renewable renewals  (RenewableARR, the default)
//	                    base = StartingARR                     (StartingARR)
//	NetRenewalARR     = Σ final / Σ target, over decided renewals
//
// Losses come only from renewals in the period: a mid-term cancellation of a
// contract not renewing in it is not in the records this package reads.
// Under StartingARR the rate's numerator could fall below zero only if
// renewal targets exceed their contracts' ARR; it is reported as computed.
//
// Every ratio with a zero denominator is "no data" ([Ratio.Value] and
// [AmountRatio.Rate] return false), never 0% and never NaN. Amounts are summed
// exactly (in int64 minor units where they fit, so a row costs no
// allocation); no rate depends on shopspring/decimal's package variables.
//
// # As of
//
// asOf is the day the records are read, normally today. As in
// [Policy.Status], a completion, first contact or outcome of a renewable
// contract dated after asOf is an error ([ErrCompletionAfterAsOf]), not
// silently dropped. To report on a closed quarter, pass the day you compute
// it, not the quarter's last day. To replay the KPIs as of an earlier day,
// stream [Renewal.KnownOn] of each row; Onboarded, TwoWay and
// CaseStudyPublished carry no date, so they stay as they are now. Rows not
// renewable in the period are only validated: their records are not used, so
// a later quarter's records never make this one fail.
//
// KPIs reads the book once and holds one row at a time.
//
// KPIs returns the zero KPIs and an error if:
//   - the policy is invalid (see [Policy.Validate]);
//   - asOf is zero ([ErrMissingDate]);
//   - opts is invalid (see [KPIOptions.Validate]: [ErrMissingDate],
//     [ErrInvalidPeriod], [ErrInvalidChurnBase]);
//   - a row is invalid (see [Renewal.Validate]); it stops at the first and
//     the [*FieldError] names the contract;
//   - a renewable row has a record dated after asOf ([ErrCompletionAfterAsOf]).
func (p Policy) KPIs(book iter.Seq[Renewal], asOf date.Date, opts KPIOptions) (KPIs, error) {
	rp := p.resolved()
	if err := rp.validate(); err != nil {
		return KPIs{}, err
	}
	if asOf.IsZero() {
		return KPIs{}, fieldErr("", "as_of", ErrMissingDate)
	}
	if err := opts.Validate(); err != nil {
		return KPIs{}, err
	}
	t := kpiTally{from: opts.From, to: opts.To, asOf: asOf}
	for r := range book {
		if err := t.add(&rp, &r); err != nil {
			return KPIs{}, err
		}
	}
	return t.result(opts.Denominator), nil
}

// kpiTally accumulates the KPIs over a book, one row at a time.
type kpiTally struct {
	from, to, asOf date.Date

	renewable, onboarded, inquiry, twoWay, confirmed int
	caseAsked, casePublished, onTime, onTimeDen      int
	renewed, churned, open                           int

	// Exact running totals: money.Sum adds in int64 minor units and
	// allocates nothing per row.
	starting, renewableARR, decidedTarget, final, lost money.Sum
}

// add counts one row.
func (t *kpiTally) add(rp *Policy, r *Renewal) error {
	first, err := r.validate()
	if err != nil {
		return err
	}
	c := &r.Contract
	if !c.Start.Before(t.from) {
		return nil // new business in or after the period
	}
	// A book may hold one row per renewal cycle (Due set) or one row per
	// contract. Either way a contract counts once: a row pinned to another
	// renewal than the one current on From is skipped.
	if !r.Due.IsZero() && r.Due != c.nextRenewal(first, t.from) {
		return nil
	}
	due := r.renewalDate(first, t.from, rp.LateBooking)
	// The contract is active on From, and in the starting ARR, when its
	// term runs to From or later, unless the row records its churn at a
	// renewal before From.
	churnedBefore := r.Outcome.Result == Churned && due.Before(t.from)
	if (c.AutoRenew || !first.Before(t.from)) && !churnedBefore {
		t.starting.Add(c.ARR)
	}
	if due.Before(t.from) || !due.Before(t.to) {
		return nil
	}
	if err := r.checkAsOf(t.asOf); err != nil {
		return err
	}

	t.renewable++
	asked, intent := false, IntentUnknown
	caseAsked := r.CaseStudyPublished // published counts as asked
	contact := r.FirstContact
	for i := range r.Completions {
		cp := &r.Completions[i]
		switch cp.Activity {
		case IntentConfirmation:
			asked, intent = true, cp.Intent
		case CaseStudyRequest:
			caseAsked = true
		}
		if r.FirstContact.IsZero() && (contact.IsZero() || cp.Date.Before(contact)) {
			contact = cp.Date
		}
	}
	t.onboarded += b2i(r.Onboarded)
	t.twoWay += b2i(r.TwoWay)
	t.inquiry += b2i(asked)
	t.confirmed += b2i(intent.Confirmed())
	t.caseAsked += b2i(caseAsked)
	t.casePublished += b2i(r.CaseStudyPublished)

	// The schedule of the renewal in the period: planned as of From, it is
	// the renewal due in [From, To).
	opens := rp.opens(c, keyDatesAt(c, rp, due))
	switch {
	case !contact.IsZero():
		t.onTimeDen++
		t.onTime += b2i(!contact.After(opens))
	case t.asOf.After(opens):
		t.onTimeDen++
	}

	target := money.Of(r.targetAmount()) // read once, added up to three times
	t.renewableARR.AddAmount(target)
	switch r.Outcome.Result {
	case Renewed:
		t.renewed++
		final := money.Of(r.Outcome.Final)
		t.decidedTarget.AddAmount(target)
		t.final.AddAmount(final)
		if money.CmpAmounts(final, target) < 0 { // downsell
			t.lost.AddAmount(target)
			t.lost.SubAmount(final)
		}
	case Churned:
		t.churned++
		t.decidedTarget.AddAmount(target)
		t.lost.AddAmount(target)
	default:
		t.open++
	}
	return nil
}

// result builds the KPIs from the tally.
func (t *kpiTally) result(base ChurnBase) KPIs {
	n := t.renewable
	starting, decided, lost := t.starting.Decimal(), t.decidedTarget.Decimal(), t.lost.Decimal()
	grrBase := t.renewableARR.Decimal()
	if base == StartingARR {
		grrBase = starting
	}
	return KPIs{
		From:               t.from,
		To:                 t.to,
		AsOf:               t.asOf,
		Denominator:        base,
		Renewable:          n,
		Onboarded:          Ratio{t.onboarded, n},
		IntentInquiry:      Ratio{t.inquiry, n},
		TwoWay:             Ratio{t.twoWay, n},
		IntentConfirmed:    Ratio{t.confirmed, n},
		CaseStudyAsked:     Ratio{t.caseAsked, n},
		CaseStudyPublished: Ratio{t.casePublished, n},
		OnTimeStart:        Ratio{t.onTime, t.onTimeDen},
		GrossRenewalCount:  Ratio{t.renewed, t.renewed + t.churned},
		Open:               t.open,
		GrossRenewalARR:    AmountRatio{grrBase.Sub(lost), grrBase},
		NetRenewalARR:      AmountRatio{t.final.Decimal(), decided},
		StartingARR:        starting,
		RenewableARR:       t.renewableARR.Decimal(),
		LostARR:            lost,
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
