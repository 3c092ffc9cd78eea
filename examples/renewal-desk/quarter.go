package main

import (
	"fmt"
	"io"
	"slices"
	"text/tabwriter"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/renewal"
	"github.com/shopspring/decimal"
)

// quarterOf returns the fiscal quarter holding d: its fiscal year, number,
// and first day and the day after its last.
func quarterOf(cal date.FiscalCalendar, d date.Date) (fy, q int, from, to date.Date) {
	fy, q = cal.Quarter(d)
	first, _ := cal.Bounds(fy)
	from = first.AddMonths(3 * (q - 1))
	return fy, q, from, from.AddMonths(3)
}

// quarter prints the forecast and the KPIs of the fiscal quarter that holds
// asOf.
func quarter(out io.Writer, book []renewal.Renewal, asOf date.Date, p renewal.Policy, cal date.FiscalCalendar) error {
	fy, q, from, to := quarterOf(cal, asOf)
	f, err := p.Forecast(slices.Values(book), asOf, renewal.DateRange{From: from, To: to}, cal)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nForecast, fiscal %d Q%d (%s to %s)\n", fy, q, from, to.AddDays(-1))
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  month\trenewals\ttarget\tforecast\trisk-adjusted\trenewed at\tlost\t")
	for _, m := range f.Months {
		forecastRow(tw, m.From.String()[:7], m.Total())
	}
	total, _ := f.Quarter(fy, q)
	forecastRow(tw, "quarter", total.Total())
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(out, "\n  by category (open renewals by their latest call; closed by result)")
	tw = tabwriter.NewWriter(out, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  category\trenewals\ttarget\tforecast\trisk-adjusted\t")
	for _, line := range []struct {
		name string
		t    renewal.Totals
	}{
		{"commit", total.Commit}, {"best case", total.BestCase}, {"pipeline", total.Pipeline},
		{"omitted", total.Omitted}, {"renewed", total.Renewed}, {"churned", total.Churned},
	} {
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\t%s\t\n", line.name, line.t.Count, yen(line.t.Target), yen(line.t.Forecast), yen(line.t.RiskAdjusted))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	k, err := p.KPIs(slices.Values(book), asOf, renewal.DateRange{From: from, To: to}, renewal.ChurnBaseRenewableARR)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nRenewal KPIs, fiscal %d Q%d: %d contracts renewable, %d still open\n", fy, q, k.Renewable, k.Open)
	tw = tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	for _, line := range []struct {
		name  string
		ratio fmt.Stringer
	}{
		{"onboarding completed", k.Onboarded},
		{"asked about renewal intent", k.IntentInquiry},
		{"two-way communication", k.TwoWay},
		{"intent confirmed", k.IntentConfirmed},
		{"case-study interview asked", k.CaseStudyAsked},
		{"case-study published", k.CaseStudyPublished},
		{"started on time", k.OnTimeStart},
		{"gross renewal rate, by count", k.GrossRenewalCount},
		{"gross renewal rate, by ARR", k.GrossRenewalARR},
		{"net renewal rate, by ARR", k.NetRenewalARR},
	} {
		fmt.Fprintf(tw, "  %s\t%s\n", line.name, line.ratio)
	}
	return tw.Flush()
}

func forecastRow(w io.Writer, label string, t renewal.Totals) {
	fmt.Fprintf(w, "  %s\t%d\t%s\t%s\t%s\t%s\t%s\t\n", label, t.Count, yen(t.Target), yen(t.Forecast), yen(t.RiskAdjusted), yen(t.Final), yen(t.Lost))
}

// yen formats an amount with thousands separators, exactly: "¥1,200,000",
// "¥1,000,000.50".
func yen(d decimal.Decimal) string {
	places := max(0, -d.Exponent())
	s := d.StringFixed(places)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	intPart, frac := s, ""
	for i := range s {
		if s[i] == '.' {
			intPart, frac = s[:i], s[i:]
			break
		}
	}
	var b []byte
	for i := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, intPart[i])
	}
	sign := ""
	if neg {
		sign = "-"
	}
	return sign + "¥" + string(b) + frac
}
