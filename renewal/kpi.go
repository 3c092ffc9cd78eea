package renewal

import (
	"encoding/json"
	"fmt"
	"iter"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

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

// UnmarshalJSON decodes a ratio encoded by MarshalJSON through this
// package's amount reader: no exponents, and no amount out of range
// ([ErrAmountOutOfRange]); either amount may be negative (a gross rate over
// the starting ARR can be). Every error wraps [ErrInvalidRecord]; on error a
// is left unchanged.
func (a *AmountRatio) UnmarshalJSON(b []byte) error {
	var v amountRatioJSON
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidRecord, "amount ratio", err)
	}
	for _, d := range []money.JSON{v.Num, v.Den} {
		if !money.InScale(decimal.Decimal(d)) {
			return decodeErr(ErrInvalidRecord, "amount ratio", checkAmount(decimal.Decimal(d)))
		}
	}
	*a = AmountRatio{decimal.Decimal(v.Num), decimal.Decimal(v.Den)}
	return nil
}

// KPIs are the renewal KPIs of one date range (see [Policy.KPIs]). Every KPI
// carries its numerator and denominator; a zero denominator means "no data".
// It encodes to JSON with its amounts as exact quoted decimals.
type KPIs struct {
	// Range is the dates [From, To) the KPIs cover.
	Range DateRange `json:"range"`
	// AsOf is the day the records were read.
	AsOf date.Date `json:"as_of"`
	// Denominator is the base GrossRenewalARR divides by.
	Denominator ChurnBase `json:"denominator"`

	// Renewable is the number of contracts renewable in the range, the
	// denominator of every ratio below but OnTimeStart and
	// GrossRenewalCount.
	Renewable int `json:"renewable"`
	// Onboarded: renewable contracts whose customer completed onboarding
	// [seed 003: SuccessHub].
	Onboarded Ratio `json:"onboarded"`
	// IntentInquiry: renewable contracts whose customer was asked whether it
	// will renew, an intent-confirmation completion recorded with any answer
	// [seed 003: SuccessHub].
	IntentInquiry Ratio `json:"intent_inquiry"`
	// TwoWay: renewable contracts with real two-way communication
	// [seed 003: SuccessHub].
	TwoWay Ratio `json:"two_way"`
	// IntentConfirmed: renewable contracts whose customer gave a firm answer,
	// renew or cancel [seed 003: Scalebase].
	IntentConfirmed Ratio `json:"intent_confirmed"`
	// CaseStudyAsked: renewable contracts whose customer was asked for a
	// case-study interview; a published case study counts as asked
	// [seed 003: Scalebase].
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

// kpisJSON is KPIs with its amounts in this package's JSON form.
type kpisJSON struct {
	kpisPlain
	StartingARR  money.JSON `json:"starting_arr"`
	RenewableARR money.JSON `json:"renewable_arr"`
	LostARR      money.JSON `json:"lost_arr"`
}

type kpisPlain KPIs

// MarshalJSON encodes k with its amounts as exact quoted decimals
// ("1650000"), whatever shopspring/decimal's package variables say. A
// "no data" KPI encodes with a zero denominator; the encoding holds no
// floating-point value, so never NaN.
func (k KPIs) MarshalJSON() ([]byte, error) {
	return json.Marshal(kpisJSON{kpisPlain(k), money.JSON(k.StartingARR), money.JSON(k.RenewableARR), money.JSON(k.LostARR)})
}

// UnmarshalJSON decodes KPIs encoded by MarshalJSON through this package's
// amount reader: no exponents, no amount out of range, no unknown key. Every
// error wraps [ErrInvalidRecord]; on error k is left unchanged.
func (k *KPIs) UnmarshalJSON(b []byte) error {
	var v kpisJSON
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidRecord, "KPIs", err)
	}
	for _, d := range []money.JSON{v.StartingARR, v.RenewableARR, v.LostARR} {
		if err := checkAmount(decimal.Decimal(d)); err != nil {
			return decodeErr(ErrInvalidRecord, "KPIs", err)
		}
	}
	out := KPIs(v.kpisPlain)
	out.StartingARR, out.RenewableARR, out.LostARR = decimal.Decimal(v.StartingARR), decimal.Decimal(v.RenewableARR), decimal.Decimal(v.LostARR)
	*k = out
	return nil
}

// KPIs computes the renewal KPIs of the contracts renewable in span,
// reading the records of rows as of asOf: a few lines over a [KPICounter],
// whose doc says who counts and how. It reads the book once and holds one
// row at a time; pass a slice with slices.Values.
//
// KPIs returns the zero KPIs and an error if [NewKPICounter] does, rows is
// nil (an error wrapping [ErrNilBook]) or a row is refused: it stops at the
// first, and the *book.RowError names its index and wraps the
// [*FieldError] naming its ID and field.
func (p Policy) KPIs(rows iter.Seq[Renewal], asOf date.Date, span DateRange, base ChurnBase) (KPIs, error) {
	kc, err := NewKPICounter(p, asOf, span, base)
	if err != nil {
		return KPIs{}, err
	}
	if err := book.Feed("renewal", rows, kc.Add); err != nil {
		return KPIs{}, err
	}
	return kc.Result(), nil
}

// KPICounter accumulates the renewal KPIs of a date range over a book,
// one row at a time: [KPICounter.Add] each row, [KPICounter.Merge] the
// counters of other parts of the book, and read the [KPIs] with
// [KPICounter.Result].
//
// # Who counts
//
// A contract is renewable in the range when it started before From and its
// renewal current on From ([Contract.NextRenewal] of From) falls in
// [From, To) [CS platforms]. A contract that started inside the range is
// new business, not a renewal, even if it renews inside it too. A contract
// that renews several times in the range (a monthly term in a quarter)
// counts once, for the renewal current on From: in a book of one row per
// renewal cycle only the row whose Due is that renewal counts. Rows are not
// checked for duplicate IDs (that would hold the whole book): stream one
// row per contract and cycle.
//
// A contract is active on From, and its ARR is in StartingARR, when it
// started before From and its current term runs to From or later: always
// for an auto-renewing contract (unless its row is pinned by Due to an
// earlier renewal, such as a churn before From), for any other when its
// first renewal is not before From. Every renewable contract is active.
// StartingARR is taken from the whole book, so stream every contract, not
// only the renewable ones, when the base is ChurnBaseStartingARR. It uses the
// contract's ARR; the renewal rates use the renewal's target amount
// ([Renewal.TargetAmount]).
//
// # The KPIs
//
// Over the renewable contracts (denominator Renewable):
//
//	Onboarded           Renewal.Onboarded
//	IntentInquiry       an intent-confirmation completion is recorded (any answer)
//	IntentConfirmed     its answer is renew or cancel (an outcome alone does not count)
//	TwoWay              Renewal.TwoWay
//	CaseStudyAsked      a case-study-request completion is recorded, or CaseStudyPublished
//	CaseStudyPublished  Renewal.CaseStudyPublished
//
// OnTimeStart [ours] measures whether renewal work began by the day the
// window opened ([Schedule.Opens] of the renewal in the range, so a
// budgeting deadline that pulls the value case forward moves it too). The
// first contact is Renewal.FirstContact, or when that is zero the earliest
// completion. A renewal is
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
//	                    base = Σ target of renewable renewals  (ChurnBaseRenewableARR, the default)
//	                    base = StartingARR                     (ChurnBaseStartingARR)
//	NetRenewalARR     = Σ final / Σ target, over decided renewals
//
// So the gross rate's denominator holds every renewable renewal, open ones
// counting as kept until they close, while the net rate's holds the decided
// ones only: early in a range a gross rate above the net rate is expected.
//
// # As of
//
// asOf is the day the records are read, normally today. A record of a
// renewable row dated after asOf is refused ([ErrRecordAfterAsOf]), not
// silently dropped; to replay the KPIs as of an earlier day, add
// [Renewal.KnownOn] of each row. Rows not renewable in the range are only
// validated: their records are not used, so a later quarter's records never
// make this one fail.
//
// A KPICounter not built by NewKPICounter refuses every row.
type KPICounter struct {
	policy Policy // resolved and valid
	asOf   date.Date
	span   DateRange
	base   ChurnBase

	renewable, onboarded, inquiry, twoWay, confirmed int
	caseAsked, casePublished, onTime, onTimeDen      int
	renewed, churned, open                           int

	// Exact running totals: money.Sum adds in int64 minor units and
	// allocates nothing per row.
	starting, renewableARR, decidedTarget, final, lost money.Sum
}

// NewKPICounter returns an empty KPI counter of the range span, reading
// records as of asOf under policy p, with base as the gross rate's
// denominator.
//
// NewKPICounter returns an error if p is invalid (see [Policy.Validate]),
// asOf is zero ([ErrMissingDate]), span is invalid (see
// [DateRange.Validate]) or base is not declared ([ErrUnknownChurnBase]).
func NewKPICounter(p Policy, asOf date.Date, span DateRange, base ChurnBase) (*KPICounter, error) {
	r, err := settings(p, asOf)
	if err != nil {
		return nil, err
	}
	if err := span.Validate(); err != nil {
		return nil, err
	}
	if !base.Valid() {
		return nil, fieldErr("", "denominator", fmt.Errorf("%w %d", ErrUnknownChurnBase, uint8(base)))
	}
	return &KPICounter{policy: r, asOf: asOf, span: span, base: base}, nil
}

// Add validates r and counts it (see [KPICounter] for who counts). A row
// that is invalid, or renewable and holding a record dated after asOf, is
// refused with its [*FieldError] and leaves the counter unchanged. Add
// allocates nothing unless the row is refused or an amount has more than
// 18 digits.
func (kc *KPICounter) Add(r Renewal) error {
	if kc == nil || kc.asOf.IsZero() {
		return errNotBuilt("NewKPICounter")
	}
	first, err := r.validate()
	if err != nil {
		return err
	}
	c := &r.Contract
	from := kc.span.From
	if !c.Start.Before(from) {
		return nil // new business in or after the range
	}
	due := c.nextRenewal(first, from)
	if !r.Due.IsZero() && r.Due != due {
		return nil // a row of another renewal cycle
	}
	renewable := kc.span.Contains(due)
	if renewable {
		if err := r.checkAsOf(kc.asOf); err != nil {
			return err
		}
	}
	if c.AutoRenew || !first.Before(from) {
		kc.starting.Add(c.ARR)
	}
	if !renewable {
		return nil
	}

	kc.renewable++
	asked, intent := false, IntentUnknown
	caseAsked := r.CaseStudyPublished // published counts as asked
	contact := r.FirstContact
	for i := range r.Completions {
		cp := &r.Completions[i]
		switch cp.Activity {
		case ActivityIntentConfirmation:
			asked, intent = true, cp.Intent
		case ActivityCaseStudyRequest:
			caseAsked = true
		}
		if r.FirstContact.IsZero() && (contact.IsZero() || cp.Date.Before(contact)) {
			contact = cp.Date
		}
	}
	kc.onboarded += b2i(r.Onboarded)
	kc.twoWay += b2i(r.TwoWay)
	kc.inquiry += b2i(asked)
	kc.confirmed += b2i(intent.Confirmed())
	kc.caseAsked += b2i(caseAsked)
	kc.casePublished += b2i(r.CaseStudyPublished)

	opens := kc.policy.keyDates(c, first, due).opens
	switch {
	case !contact.IsZero():
		kc.onTimeDen++
		kc.onTime += b2i(!contact.After(opens))
	case kc.asOf.After(opens):
		kc.onTimeDen++
	}

	target := r.target() // read once, added up to three times
	kc.renewableARR.AddAmount(target)
	switch r.Outcome.Result {
	case ResultRenewed:
		kc.renewed++
		final := money.Of(r.Outcome.Final)
		kc.decidedTarget.AddAmount(target)
		kc.final.AddAmount(final)
		if money.CmpAmounts(final, target) < 0 { // downsell
			kc.lost.AddAmount(target)
			kc.lost.SubAmount(final)
		}
	case ResultChurned:
		kc.churned++
		kc.decidedTarget.AddAmount(target)
		kc.lost.AddAmount(target)
	default:
		kc.open++
	}
	return nil
}

// Merge adds the rows counted by o to kc, as if they had been added to kc.
// It returns an error wrapping [ErrMismatch], and leaves kc unchanged, when
// o is nil or was built with another policy, as-of date, range or base.
func (kc *KPICounter) Merge(o *KPICounter) error {
	if kc == nil || o == nil || kc.asOf != o.asOf || kc.span != o.span || kc.base != o.base || !kc.policy.equal(&o.policy) {
		return fmt.Errorf("%w: KPI counters of different policies, as-of dates, ranges or bases", ErrMismatch)
	}
	for _, f := range [...]struct{ to, from *int }{
		{&kc.renewable, &o.renewable}, {&kc.onboarded, &o.onboarded}, {&kc.inquiry, &o.inquiry},
		{&kc.twoWay, &o.twoWay}, {&kc.confirmed, &o.confirmed}, {&kc.caseAsked, &o.caseAsked},
		{&kc.casePublished, &o.casePublished}, {&kc.onTime, &o.onTime}, {&kc.onTimeDen, &o.onTimeDen},
		{&kc.renewed, &o.renewed}, {&kc.churned, &o.churned}, {&kc.open, &o.open},
	} {
		*f.to += *f.from
	}
	kc.starting.AddSum(o.starting)
	kc.renewableARR.AddSum(o.renewableARR)
	kc.decidedTarget.AddSum(o.decidedTarget)
	kc.final.AddSum(o.final)
	kc.lost.AddSum(o.lost)
	return nil
}

// Result returns the KPIs of the rows added so far.
func (kc *KPICounter) Result() KPIs {
	if kc == nil {
		return KPIs{}
	}
	n := kc.renewable
	starting, decided, lost := kc.starting.Decimal(), kc.decidedTarget.Decimal(), kc.lost.Decimal()
	base := kc.renewableARR.Decimal()
	if kc.base == ChurnBaseStartingARR {
		base = starting
	}
	return KPIs{
		Range:              kc.span,
		AsOf:               kc.asOf,
		Denominator:        kc.base,
		Renewable:          n,
		Onboarded:          Ratio{kc.onboarded, n},
		IntentInquiry:      Ratio{kc.inquiry, n},
		TwoWay:             Ratio{kc.twoWay, n},
		IntentConfirmed:    Ratio{kc.confirmed, n},
		CaseStudyAsked:     Ratio{kc.caseAsked, n},
		CaseStudyPublished: Ratio{kc.casePublished, n},
		OnTimeStart:        Ratio{kc.onTime, kc.onTimeDen},
		GrossRenewalCount:  Ratio{kc.renewed, kc.renewed + kc.churned},
		Open:               kc.open,
		GrossRenewalARR:    AmountRatio{base.Sub(lost), base},
		NetRenewalARR:      AmountRatio{kc.final.Decimal(), decided},
		StartingARR:        starting,
		RenewableARR:       kc.renewableARR.Decimal(),
		LostARR:            lost,
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
