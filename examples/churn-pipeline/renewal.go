package main

import (
	"github.com/cskit/cskit/churn"
	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/renewal"
	"github.com/shopspring/decimal"
)

// This file composes the two packages: a churn case's expected loss is a
// plain amount, handed to the renewal forecast as the risk adjustment of
// the account's renewal. Neither package imports the other.

// renewalRow is the renewal a case puts at risk. A host takes the contract
// from its CRM; the sample's case carries what the contract needs: the
// account, its ARR and the renewal date the cancellation would take effect
// on.
func renewalRow(c churn.Case, loss decimal.Decimal) renewal.Renewal {
	return renewal.Renewal{
		Contract: renewal.Contract{
			ID: c.Account, Start: c.RenewalDate.AddMonths(-12), RenewalDate: c.RenewalDate,
			ARR: c.AccountARR, CSM: c.Owner,
		},
		RiskAdjustment: loss,
	}
}

// renewalFeed is renewal's forecast of the twelve months from the as-of
// date's month, fed one open case at a time while the pipeline walks its
// books, so no row is kept.
type renewalFeed struct {
	fc       *renewal.Forecaster
	from, to date.Date // the period forecast is [from, to)
}

// newRenewalFeed starts the renewal forecast of the twelve months from
// asOf's month.
func newRenewalFeed(asOf date.Date) (*renewalFeed, error) {
	from := asOf.AddDays(1 - asOf.Day())
	f := &renewalFeed{from: from, to: from.AddMonths(12)}
	var err error
	f.fc, err = renewal.NewForecaster(renewal.Policy{}, asOf, renewal.DateRange{From: f.from, To: f.to}, date.FiscalCalendar{})
	return f, err
}

// add hands the renewal of an open case to the forecast.
func (f *renewalFeed) add(c churn.Case, loss decimal.Decimal) error {
	return f.fc.Add(renewalRow(c, loss))
}
