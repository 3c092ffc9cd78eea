package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/cskit/cskit/churn"
	"github.com/cskit/cskit/internal/money"
	"github.com/cskit/cskit/renewal"
	"github.com/shopspring/decimal"
)

// amount writes an amount of money the one way the report writes every
// amount: exactly, the trailing zeros of its fraction dropped (they are the
// scale of the arithmetic, not money: 1,200,000 x 0.6 is 720,000.0) and its
// whole part grouped by thousands: 4,710,000, 1,234.5, -2,500.
func amount(d decimal.Decimal) string { return money.Grouped(d) }

// percent writes a fraction as a percentage, exactly: 0.20 is "20%".
func percent(d decimal.Decimal) string { return amount(d.Shift(2)) + "%" }

// ratio writes a rate as what it divides: "2 / 7 = 28.6%", or "no data
// (0 closed)" where den names the denominator.
func ratio(r churn.Rate, den string) string {
	v, ok := r.Value(3)
	if !ok {
		return "no data (0 " + den + ")"
	}
	return fmt.Sprintf("%d / %d = %s%%", r.Num, r.Den, v.Shift(2).StringFixed(1))
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
		amount(w.A), amount(w.B), amount(w.C))
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
	fmt.Fprintf(out, "\nSave rate = saved / closed (closed = saved + churned); open cases are in no rate\n")
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  \tsaved / closed\topen\tsaved ARR\tlost ARR\tdowngrades\n")
	row := func(label string, o churn.Outcomes) {
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\t%s\t%d\n",
			label, ratio(o.SaveRate(), "closed"), o.Open, amount(o.SavedARR), amount(o.LostARR), o.Downgrades)
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
	standing := k.EarlyStanding.String()
	if k.EarlyStanding == churn.StandingNoData {
		standing = "nothing to compare with"
	}
	fmt.Fprintf(out, "  cases opened at a or b, saved / closed: %s, %s the benchmark %s-%s\n", ratio(k.Early.SaveRate(), "closed"),
		standing, percent(k.Benchmark.Low), percent(k.Benchmark.High))

	fmt.Fprintf(out, "\nDays in each phase (calendar days from the move that entered it to the move that left it)\n")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  \tdays / spells ended = mean\topen in it now\ttheir days so far\n")
	for _, d := range k.DaysInPhase {
		mean := "no data (0 spells ended)"
		if m, ok := d.MeanDaysLeft(); ok {
			mean = fmt.Sprintf("%d / %d = %s", d.LeftDays, d.Left, m.StringFixed(1))
		}
		fmt.Fprintf(tw, "  phase %s\t%s\t%d\t%d\n", d.Phase, mean, d.In, d.InDays)
	}
	tw.Flush()

	fmt.Fprintf(out, "\nCases opened per month\n")
	for _, m := range k.OpenedByMonth {
		fmt.Fprintf(out, "  %s  %d\n", m.Month.String()[:7], m.Opened)
	}
}

// printRenewals prints the renewal forecast of the renewals the open cases
// put at risk.
func printRenewals(out io.Writer, rf *renewalFeed, f renewal.Forecast) {
	t := f.Total().Total()
	fmt.Fprintf(out, "\nRenewal forecast %s to %s of the renewals at risk, the expected losses of their open cases as their risk adjustment\n",
		rf.from, rf.to.AddDays(-1))
	fmt.Fprintf(out, "  renewals at risk %d, in the period %d: target %s, forecast %s, risk-adjusted %s\n",
		len(rf.at), t.Count, amount(t.Target), amount(t.Forecast), amount(t.RiskAdjusted))
}
