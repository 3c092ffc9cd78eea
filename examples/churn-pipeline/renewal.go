package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cskit/cskit/churn"
	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/money"
	"github.com/cskit/cskit/renewal"
	"github.com/shopspring/decimal"
)

// This file composes the two packages: a churn case's expected loss is a
// plain amount, handed to the renewal forecast as the risk adjustment of
// the account's renewal. Neither package imports the other.

// renewalFeed gathers the renewals the open cases put at risk, one per
// account and renewal date, and forecasts them with renewal's Forecaster
// over the twelve months from the as-of date's month. An account may have
// several open cases on one renewal (one per product line): the account's
// ARR is that renewal's target once, and the cases' expected losses add up
// to its risk adjustment. It keeps one entry per renewal at risk.
type renewalFeed struct {
	fc       *renewal.Forecaster
	from, to date.Date // the period forecast is [from, to)
	at       map[renewalKey]*atRisk
}

// renewalKey is a renewal at risk: the account and the day it renews.
type renewalKey struct {
	account string
	date    date.Date
}

// atRisk is what the open cases on one renewal say about it.
type atRisk struct {
	first string          // the first case on it
	owner string          // its owner, the renewal's CSM
	arr   decimal.Decimal // the account's ARR, the renewal's target
	loss  money.Sum       // the cases' expected losses
}

// newRenewalFeed starts the renewal forecast of the twelve months from
// asOf's month.
func newRenewalFeed(asOf date.Date) (*renewalFeed, error) {
	from := asOf.AddDays(1 - asOf.Day())
	f := &renewalFeed{from: from, to: from.AddMonths(12), at: map[renewalKey]*atRisk{}}
	var err error
	f.fc, err = renewal.NewForecaster(renewal.Policy{}, asOf, renewal.DateRange{From: f.from, To: f.to}, date.FiscalCalendar{})
	return f, err
}

// check returns an error if open case c gives its account another ARR
// than an earlier case on the same renewal did: the renewal's target
// would depend on which came first.
func (f *renewalFeed) check(c *churn.Case) error {
	r := f.at[renewalKey{c.Account, c.RenewalDate}]
	if r == nil || r.arr.Equal(c.AccountARR) {
		return nil
	}
	return &churn.FieldError{ID: c.ID, Field: "account_arr", Err: fmt.Errorf("%s, but case %s gives account %s renewing on %s an ARR of %s",
		amount(c.AccountARR), fault.Quote(r.first), fault.Quote(c.Account), c.RenewalDate, amount(r.arr))}
}

// add puts the expected loss of open case c, checked, on its renewal.
func (f *renewalFeed) add(c *churn.Case, loss decimal.Decimal) {
	k := renewalKey{c.Account, c.RenewalDate}
	r := f.at[k]
	if r == nil {
		r = &atRisk{first: c.ID, owner: c.Owner, arr: c.AccountARR}
		f.at[k] = r
	}
	r.loss.Add(loss)
}

// forecast hands each renewal at risk to renewal's forecast, in order, and
// returns the forecast. A host takes the contract from its CRM; here the
// cases carry what the contract needs: the account, its ARR and the
// renewal date the cancellation would take effect on.
func (f *renewalFeed) forecast() (renewal.Forecast, error) {
	keys := slices.SortedFunc(maps.Keys(f.at), func(a, b renewalKey) int {
		if c := a.date.Compare(b.date); c != 0 {
			return c
		}
		return strings.Compare(a.account, b.account)
	})
	for _, k := range keys {
		r := f.at[k]
		err := f.fc.Add(renewal.Renewal{
			Contract: renewal.Contract{
				ID: k.account, Start: k.date.AddMonths(-12), RenewalDate: k.date, ARR: r.arr, CSM: r.owner,
			},
			RiskAdjustment: r.loss.Decimal(),
		})
		if err != nil {
			return renewal.Forecast{}, fmt.Errorf("renewal of case %s: %w", fault.Quote(r.first), err)
		}
	}
	return f.fc.Result(), nil
}
