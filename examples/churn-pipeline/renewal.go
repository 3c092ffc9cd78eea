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

// renewalFeed streams renewal rows into renewal's forecast while the
// pipeline walks its cases, so the books are read once and no row is kept.
// The forecast runs in its own goroutine over a channel of rows.
type renewalFeed struct {
	rows    chan renewal.Renewal
	done    chan struct{}
	from    date.Date // the period forecast is [from, to)
	to      date.Date
	result  renewal.Forecast
	err     error
	stopped bool
}

// startRenewalForecast starts the renewal forecast of the twelve months
// from asOf's month.
func startRenewalForecast(asOf date.Date) *renewalFeed {
	from := asOf.AddDays(1 - asOf.Day())
	f := &renewalFeed{rows: make(chan renewal.Renewal, 64), done: make(chan struct{}), from: from, to: from.AddMonths(12)}
	go func() {
		defer close(f.done)
		rows := func(yield func(renewal.Renewal) bool) {
			for r := range f.rows {
				if !yield(r) {
					return
				}
			}
		}
		f.result, f.err = renewal.Policy{}.Forecast(rows, asOf, renewal.ForecastPeriod{From: f.from, To: f.to})
		for range f.rows { // the forecast stopped early: let the walk finish
		}
	}()
	return f
}

// add hands the renewal of an open case to the forecast.
func (f *renewalFeed) add(c churn.Case, loss decimal.Decimal) { f.rows <- renewalRow(c, loss) }

// finish ends the rows and returns the forecast.
func (f *renewalFeed) finish() (renewal.Forecast, error) {
	f.stop()
	return f.result, f.err
}

// stop ends the rows, if not yet, and waits for the forecast.
func (f *renewalFeed) stop() {
	if !f.stopped {
		f.stopped = true
		close(f.rows)
	}
	<-f.done
}
