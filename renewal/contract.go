package renewal

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// DefaultRenewalTermMonths is the length of each renewal term after the
// first when a contract does not say: one year, the usual auto-renewal term
// ([ours]).
const DefaultRenewalTermMonths = 12

// Contract is a customer contract as a host's CRM or billing system holds it.
// Fill it from your own records and call [Contract.Validate], or let any
// function of this package do so: every function that takes a Contract
// validates it first.
//
// The first renewal date is RenewalDate when given, otherwise Start plus
// TermMonths. When both are given RenewalDate sets the first renewal and
// TermMonths is not used for it (nor for any later one: those follow
// RenewalTermMonths). Later renewals of an auto-renewing contract fall every
// RenewalTermMonths after the first, computed from that anchor each time (the
// k-th renewal is anchor + k·term, clamped to the month's end), so a
// contract that started on Jan 31 renews on Jan 31 every year and one that
// started on 2024-02-29 renews on Feb 28, and on Feb 29 in leap years.
type Contract struct {
	// ID identifies the contract; required.
	ID string `json:"id"`
	// Customer is the customer's name or ID.
	Customer string `json:"customer,omitempty"`
	// Start is the first day of the contract; required.
	Start date.Date `json:"start"`
	// TermMonths is the length of the first term in months (12, 36, ...).
	// Either TermMonths or RenewalDate is required; when both are given,
	// RenewalDate sets the first renewal and TermMonths is not used for it.
	TermMonths int `json:"term_months,omitempty"`
	// RenewalDate is the first renewal date, for a contract whose term does
	// not end Start + TermMonths (a co-termed contract). It must be after
	// Start. When given it wins over TermMonths.
	RenewalDate date.Date `json:"renewal_date,omitzero"`
	// RenewalTermMonths is the length of each renewal term after the first;
	// zero means DefaultRenewalTermMonths.
	RenewalTermMonths int `json:"renewal_term_months,omitempty"`
	// ARR is the annual recurring revenue the contract brings, in the
	// reporting currency; it must not be negative, and has at most 100
	// decimal places and 100 zeros after its digits (as every amount of
	// this package, [ErrAmountOutOfRange]).
	ARR decimal.Decimal `json:"arr"`
	// AutoRenew says the contract renews by itself unless the customer
	// cancels by the notice deadline.
	AutoRenew bool `json:"auto_renew,omitempty"`
	// Notice is how long before a renewal an auto-renewing contract must be
	// cancelled: the notice deadline, the last day the customer can still
	// cancel, is the renewal date minus Notice, wherever that falls. A
	// monthly contract with a month's notice renewing on March 1 must be
	// cancelled by February 1, the previous renewal; with 30 days' notice
	// by January 30, before it. At most MaxNoticeDays; ignored unless
	// AutoRenew.
	Notice date.Period `json:"notice,omitzero"`
	// FiscalYearEnd is the last month of the customer's fiscal year; zero
	// means unknown, and then no activity moves for the customer's budget.
	FiscalYearEnd time.Month `json:"fiscal_year_end,omitempty"`
	// Segment is the host's segment name (enterprise, SMB, tech-touch ...).
	Segment string `json:"segment,omitempty"`
	// CSM is the customer success manager who owns the contract.
	CSM string `json:"csm,omitempty"`
}

// MaxTermMonths bounds TermMonths and RenewalTermMonths: a term of at most
// a hundred years [ours], far beyond any contract, keeps the renewal
// arithmetic small.
const MaxTermMonths = 1200

// MaxNoticeDays bounds a contract's Notice: at most two years, counting a
// month as 31 days (P2Y, P24M and P744D are the longest) [ours]. A longer
// notice is far more likely a typo (P90M for P90D) than a contract.
const MaxNoticeDays = 744

// Validate reports the first problem of c, as a [*FieldError] wrapping a
// sentinel.
//
// Validate returns an error if:
//   - ID is empty ([ErrInvalidContract]) or Start is zero ([ErrMissingDate]);
//   - neither TermMonths nor RenewalDate is given, or a term is negative or
//     longer than MaxTermMonths ([ErrInvalidContract]);
//   - the first renewal is not after Start ([ErrRenewalBeforeStart]) or
//     falls after 9999-12-31 ([ErrInvalidContract]);
//   - ARR is negative ([ErrNegativeAmount]) or out of range
//     ([ErrAmountOutOfRange]);
//   - Notice is negative ([ErrInvalidContract] and [date.ErrInvalidPeriod])
//     or longer than MaxNoticeDays, a month counted as 31 days
//     ([ErrInvalidContract]);
//   - FiscalYearEnd is outside 0..12 ([ErrInvalidMonth]).
//
// Any notice up to the bound is valid, also one as long as a renewal term or
// longer: its decision date then falls on or before the previous renewal
// (see [Contract.Notice]).
func (c Contract) Validate() error {
	_, err := validateContract(&c)
	return err
}

// validateContract is [Contract.Validate]; it also returns the first renewal
// date, which it computes anyway, so that a book computes it once a row.
func validateContract(c *Contract) (first date.Date, err error) {
	switch {
	case c.ID == "":
		return first, fieldErr("", "id", fmt.Errorf("%w: empty id", ErrInvalidContract))
	case c.Start.IsZero():
		return first, fieldErr(c.ID, "start", ErrMissingDate)
	case c.TermMonths < 0 || c.TermMonths > MaxTermMonths:
		return first, fieldErr(c.ID, "term_months", fmt.Errorf("%w: term of %d months, want 0..%d", ErrInvalidContract, c.TermMonths, MaxTermMonths))
	case c.RenewalTermMonths < 0 || c.RenewalTermMonths > MaxTermMonths:
		return first, fieldErr(c.ID, "renewal_term_months", fmt.Errorf("%w: term of %d months, want 0..%d", ErrInvalidContract, c.RenewalTermMonths, MaxTermMonths))
	case c.TermMonths == 0 && c.RenewalDate.IsZero():
		return first, fieldErr(c.ID, "term_months", fmt.Errorf("%w: neither term_months nor renewal_date given", ErrInvalidContract))
	case c.FiscalYearEnd < 0 || c.FiscalYearEnd > time.December:
		return first, fieldErr(c.ID, "fiscal_year_end", fmt.Errorf("%w: %d", ErrInvalidMonth, int(c.FiscalYearEnd)))
	case !money.InScale(c.ARR) || c.ARR.Sign() < 0:
		return first, fieldErr(c.ID, "arr", checkAmount(c.ARR))
	case c.Notice.Months < 0 || c.Notice.Days < 0:
		return first, fieldErr(c.ID, "notice", fmt.Errorf("%w: %w", ErrInvalidContract, c.Notice.Validate()))
	case c.Notice.Months > MaxNoticeDays/31 || c.Notice.Days > MaxNoticeDays || c.Notice.MaxDays() > MaxNoticeDays:
		return first, fieldErr(c.ID, "notice", fmt.Errorf("%w: notice %s longer than %d days", ErrInvalidContract, c.Notice, MaxNoticeDays))
	}
	if c.RenewalDate.IsZero() {
		// Start + TermMonths must be a day a Date holds, not a clamp of one.
		y, m, _ := c.Start.Civil()
		if y*12+int(m)-1+c.TermMonths > date.MaxYear*12+11 {
			return first, fieldErr(c.ID, "term_months", fmt.Errorf("%w: renews after %d-12-31", ErrInvalidContract, date.MaxYear))
		}
	}
	first = c.firstRenewal()
	if !first.After(c.Start) {
		return date.Date{}, fieldErr(c.ID, "renewal_date", fmt.Errorf("%w: renews %s, starts %s", ErrRenewalBeforeStart, first, c.Start))
	}
	return first, nil
}

// FirstRenewal returns the first renewal date: RenewalDate when given,
// otherwise Start plus TermMonths clamped to the month's end. It assumes c is
// valid.
func (c Contract) FirstRenewal() date.Date { return c.firstRenewal() }

// firstRenewal is FirstRenewal without copying c: the hot path over a book
// calls it once a row.
func (c *Contract) firstRenewal() date.Date {
	if !c.RenewalDate.IsZero() {
		return c.RenewalDate
	}
	return c.Start.AddMonths(c.TermMonths)
}

func (c *Contract) renewalTerm() int {
	if c.RenewalTermMonths == 0 {
		return DefaultRenewalTermMonths
	}
	return c.RenewalTermMonths
}

// anchor returns the date renewals are counted from and the months from it to
// the first renewal.
func (c *Contract) anchor() (date.Date, int) {
	if !c.RenewalDate.IsZero() {
		return c.RenewalDate, 0
	}
	return c.Start, c.TermMonths
}

// Renewal returns the k-th renewal date (k ≥ 1), computed from the original
// anchor: the first renewal plus (k−1) renewal terms, clamped to the month's
// end, never chained from the previous renewal. It returns the zero Date for
// k < 1. It assumes c is valid.
func (c Contract) Renewal(k int) date.Date { return c.renewal(k) }

// renewal is Renewal without copying c.
func (c *Contract) renewal(k int) date.Date {
	if k < 1 {
		return date.Date{}
	}
	a, m := c.anchor()
	k = min(k, 12*date.MaxYear+2) // beyond that every renewal is clamped to the last day anyway
	return a.AddMonths(m + (k-1)*c.renewalTerm())
}

// NextRenewal returns the renewal that is current on asOf: for an
// auto-renewing contract the first renewal date on or after asOf; for any
// other contract its first renewal, which may lie before asOf (the contract
// then ended unless the host recorded a new term). It assumes c is valid.
func (c Contract) NextRenewal(asOf date.Date) date.Date {
	return c.nextRenewal(c.firstRenewal(), asOf)
}

// nextRenewal is NextRenewal given the first renewal date.
func (c *Contract) nextRenewal(first, asOf date.Date) date.Date {
	if !c.AutoRenew || !first.Before(asOf) {
		return first
	}
	// The k-th renewal is a.AddMonths(m + (k-1)·term). n counts the calendar
	// months from a to asOf by month number alone, so a.AddMonths(n) falls
	// in asOf's month; k below is the largest k whose renewal falls in a
	// month no later than asOf's. That renewal is before asOf when its month
	// is earlier or its day is; then the next one, a month later at least,
	// is after asOf's month.
	a, m := c.anchor()
	term := c.renewalTerm()
	ay, am, _ := a.Civil()
	y, mo, _ := asOf.Civil()
	n := (y-ay)*12 + int(mo-am) // n >= m because first is before asOf
	k := (n-m)/term + 1
	r := a.AddMonths(m + (k-1)*term)
	if r.Before(asOf) {
		r = a.AddMonths(m + k*term)
	}
	return r
}

// termStart returns the first day of the term that ends on renewal, one of
// c's renewal dates: the previous renewal, or Start for the first. first is
// c's first renewal.
func (c *Contract) termStart(first, renewal date.Date) date.Date {
	if !renewal.After(first) {
		return c.Start
	}
	a, _ := c.anchor()
	ay, am, _ := a.Civil()
	ry, rm, _ := renewal.Civil()
	n := (ry-ay)*12 + int(rm-am) // = m + (k−1)·term for the k-th renewal
	return a.AddMonths(n - c.renewalTerm())
}

// NoticeDeadline returns the last day the customer can still cancel the
// renewal on renewal: renewal minus Notice for an auto-renewing contract
// with a notice period, the zero Date otherwise.
func (c Contract) NoticeDeadline(renewal date.Date) date.Date { return c.noticeDeadline(renewal) }

// noticeDeadline is NoticeDeadline without copying c.
func (c *Contract) noticeDeadline(renewal date.Date) date.Date {
	if !c.AutoRenew || c.Notice.IsZero() {
		return date.Date{}
	}
	return before(c.Notice, renewal)
}

// MarshalJSON encodes c with its ARR as an exact quoted decimal ("1.50"),
// whatever shopspring/decimal's package variables say.
func (c Contract) MarshalJSON() ([]byte, error) {
	type plain Contract
	b, err := json.Marshal(struct {
		plain
		ARR money.JSON `json:"arr"`
	}{plain(c), money.JSON(c.ARR)})
	if err != nil {
		return nil, fmt.Errorf("renewal: encoding contract: %w: %w", ErrInvalidContract, err)
	}
	return b, nil
}

// UnmarshalJSON decodes a contract and validates it: a contract that decodes
// is valid. The ARR may be a quoted or bare plain decimal ("1200000.50"; no
// exponent).
//
// It refuses a key that names no field of Contract ("notice_period" for
// "notice"), so a misspelt field is an error, not a contract silently
// missing its notice period. Every error wraps [ErrInvalidContract] and the
// error that stopped it: a [*FieldError] from [Contract.Validate], or a
// lower error such as [date.ErrInvalidMonth] for "start":"2026-13-01", in a
// [*FieldError] naming the field. On error c is left unchanged.
func (c *Contract) UnmarshalJSON(b []byte) error {
	type plain Contract
	var v struct {
		plain
		// These shadow plain's fields, to be decoded with their names.
		Start       json.RawMessage `json:"start"`
		RenewalDate json.RawMessage `json:"renewal_date"`
		ARR         json.RawMessage `json:"arr"`
		Notice      json.RawMessage `json:"notice"`
	}
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidContract, "contract", err)
	}
	out := Contract(v.plain)
	if err := decodeFields(out.ID,
		jsonstrict.F("start", v.Start, &out.Start), jsonstrict.F("renewal_date", v.RenewalDate, &out.RenewalDate),
		jsonstrict.F("arr", v.ARR, (*money.JSON)(&out.ARR)), jsonstrict.F("notice", v.Notice, &out.Notice)); err != nil {
		return decodeErr(ErrInvalidContract, "contract", err)
	}
	if err := out.Validate(); err != nil {
		return decodeErr(ErrInvalidContract, "contract", err)
	}
	*c = out
	return nil
}
