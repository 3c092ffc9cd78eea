package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/cskit/cskit/churn"
	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/money"
	"github.com/cskit/cskit/renewal"
	"github.com/shopspring/decimal"
)

// amount writes d exactly, its whole part grouped by thousands:
// 4,710,000.00.
func amount(d decimal.Decimal) string {
	s := money.Format(d)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}

// printPlays prints an open case and the plays of the phase it is in.
func printPlays(out io.Writer, c churn.Case, loss decimal.Decimal, plays []churn.PlayDue) {
	fmt.Fprintf(out, "\n%s (%s, owner %s): phase %s since %s, ARR at risk %s, expected loss %s\n",
		c.ID, c.Account, c.Owner, c.Phase(), c.Since(), amount(c.ARRAtRisk), amount(loss))
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, d := range plays {
		if d.Withheld {
			fmt.Fprintf(tw, "  withheld\t%s\t%s\n", d.Play.Name, d.Why)
		} else {
			fmt.Fprintf(tw, "  due\t%s\t%s\n", d.Play.Name, d.Play.Action)
		}
	}
	tw.Flush()
}

// printForecast prints the negative forecast.
func printForecast(out io.Writer, f churn.Forecast) {
	w := f.Weights
	fmt.Fprintf(out, "\nNegative forecast: expected loss = ARR at risk x phase weight (a %s, b %s, c %s)\n",
		money.Format(w.A), money.Format(w.B), money.Format(w.C))
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	row := func(label string, t churn.Totals) {
		fmt.Fprintf(tw, "  %s\t%5d\t%14s\t%16s\n", label, t.Cases, amount(t.ARRAtRisk), amount(t.ExpectedLoss))
	}
	fmt.Fprintf(tw, "  \t%5s\t%14s\t%16s\n", "cases", "ARR at risk", "expected loss")
	row("all open cases", f.Total)
	for _, g := range f.ByPhase {
		row("phase "+g.Phase.String(), g.Totals)
	}
	for _, g := range f.ByOwner {
		row("owner "+g.Owner, g.Totals)
	}
	for _, g := range f.ByMonth {
		row("renewing "+g.Month.String()[:7], g.Totals)
	}
	for _, g := range f.ByReason {
		row("reason "+g.Reason.String(), g.Totals)
	}
	tw.Flush()
	fmt.Fprintf(out, "  closed cases: %d saved, %d churned\n", f.Saved, f.Churned)
}

// printKPIs prints the save rates, the days in each phase and the cases
// opened each month.
func printKPIs(out io.Writer, k churn.KPIs) {
	fmt.Fprintf(out, "\nSave rate = saved / (saved + churned); open cases apart\n")
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	row := func(label string, o churn.Outcomes) {
		fmt.Fprintf(tw, "  %s\t%s\topen %d\tsaved ARR %s\tlost ARR %s\tdowngrades %d\n",
			label, o.SaveRate(), o.Open, amount(o.SavedARR), amount(o.LostARR), o.Downgrades)
	}
	row("all cases", k.Overall)
	row("opened at a or b", k.Early)
	for _, g := range k.ByOpenedIn {
		row("opened at "+g.Phase.String(), g.Outcomes)
	}
	for _, r := range k.ByReason {
		row(r.Reason.String(), r.All())
		if o := r.Avoidable; o.Open+o.Saved+o.Churned > 0 {
			row("  avoidable", o)
		}
		if o := r.Unavoidable; o.Open+o.Saved+o.Churned > 0 {
			row("  unavoidable", o)
		}
	}
	tw.Flush()
	fmt.Fprintf(out, "  cases opened at a or b: %s, %s the benchmark %s-%s\n", k.Early.SaveRate(),
		standing(k.EarlyStanding), money.Format(k.Benchmark.Low), money.Format(k.Benchmark.High))

	fmt.Fprintf(out, "\nDays in each phase (calendar days; left = spells that ended)\n")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, d := range k.DaysInPhase {
		mean := "no data"
		if m, ok := d.MeanDaysLeft(); ok {
			mean = m.StringFixed(1) + " days on average"
		}
		fmt.Fprintf(tw, "  phase %s\tleft %d times, %s\tnow in it: %d open, %d days so far\n", d.Phase, d.Left, mean, d.In, d.InDays)
	}
	tw.Flush()

	fmt.Fprintf(out, "\nCases opened per month\n")
	for _, m := range k.OpenedByMonth {
		fmt.Fprintf(out, "  %s  %d\n", m.Month.String()[:7], m.Opened)
	}
}

func standing(s churn.Standing) string {
	switch s {
	case churn.StandingBelow:
		return "below"
	case churn.StandingWithin:
		return "within"
	case churn.StandingAbove:
		return "above"
	}
	return "nothing to compare with"
}

// printRenewals prints the renewal forecast of the open cases' renewals.
func printRenewals(out io.Writer, from, to date.Date, f renewal.Forecast) {
	t := f.Total().Total()
	fmt.Fprintf(out, "\nRenewal forecast %s to %s of the renewals at risk, each case's expected loss as its risk adjustment\n",
		from, to.AddDays(-1))
	fmt.Fprintf(out, "  renewals %d, target %s, forecast %s, risk-adjusted %s\n",
		t.Count, amount(t.Target), amount(t.Forecast), amount(t.RiskAdjusted))
}
