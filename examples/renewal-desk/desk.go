package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/bookio"
	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/money"
	"github.com/cskit/cskit/renewal"
	"github.com/shopspring/decimal"
)

// desk holds what the report needs, one row at a time: the library's
// accumulators, and per CSM the counts of their work and its most urgent
// items. Its memory grows with the number of CSMs, not of rows (but for
// the set of IDs seen, a hash each).
type desk struct {
	policy renewal.Policy
	asOf   date.Date
	top    int

	// The fiscal quarter holding asOf.
	fy, q   int
	quarter renewal.DateRange

	kpis     *renewal.KPICounter
	forecast *renewal.Forecaster

	// states are the renewals by the state Status gives them, with their
	// ARR: the state the work lists show, where a confirmed intent is
	// never late and a row's own Due counts. (A renewal.Classifier knows
	// only a contract's dates, so it cannot tell.)
	states [renewal.StateChurned + 1]stateTotal

	seen bookio.IDs
	csms map[string]*csmWork
}

// stateTotal is the number of renewals in one state and their exact ARR.
type stateTotal struct {
	n   int
	arr money.Sum
}

// csmWork is one CSM's share of the desk.
type csmWork struct {
	counts [numKinds]int
	items  []item // the most urgent, at most desk.top, in order
}

// The kinds of work, most urgent first.
const (
	kindLate = iota
	kindPast
	kindCancel
	kindOverdue
	kindDueSoon
	kindCall
	kindOpen
	numKinds
)

var kindNames = [numKinds]string{"late", "past the decision date", "cancelling", "overdue", "due soon", "forecast call due", "open"}

// item is one line of a CSM's work.
type item struct {
	kind int
	due  date.Date
	id   string
	text string
}

func (a item) less(b item) bool {
	if a.kind != b.kind {
		return a.kind < b.kind
	}
	if a.due != b.due {
		return a.due.Before(b.due)
	}
	return a.text < b.text
}

func newDesk(p renewal.Policy, asOf date.Date, fiscal date.FiscalCalendar, top int) (*desk, error) {
	d := &desk{policy: p, asOf: asOf, top: top, csms: map[string]*csmWork{}}
	d.fy, d.q = fiscal.Quarter(asOf)
	first, _ := fiscal.Bounds(d.fy)
	from := first.AddMonths(3 * (d.q - 1))
	d.quarter = renewal.DateRange{From: from, To: from.AddMonths(3)}
	var err error
	if d.kpis, err = renewal.NewKPICounter(p, asOf, d.quarter, renewal.ChurnBaseRenewableARR); err != nil {
		return nil, err
	}
	if d.forecast, err = renewal.NewForecaster(p, asOf, d.quarter, fiscal); err != nil {
		return nil, err
	}
	return d, nil
}

// add reads one renewal as it was known on the as-of date, or returns why
// it cannot: an invalid record, or a contract given twice for one renewal.
func (d *desk) add(r renewal.Renewal) error {
	r = r.KnownOn(d.asOf)
	st, err := d.policy.Status(r, d.asOf) // validates the row
	if err != nil {
		return err
	}
	// The renewal the row is about, whether it names it in Due or not.
	if !d.seen.Add(r.Contract.ID + "@" + st.Schedule.Renewal.String()) {
		return fmt.Errorf("contract %s: given twice for the renewal on %s", fault.Quote(r.Contract.ID), st.Schedule.Renewal)
	}
	// The row is valid and known as of asOf: the accumulators accept it.
	if err := d.kpis.Add(r); err != nil {
		return err
	}
	if err := d.forecast.Add(r); err != nil {
		return err
	}
	d.states[st.State].n++
	d.states[st.State].arr.Add(r.Contract.ARR)
	if r.Outcome.Result == renewal.ResultOpen {
		d.work(r, st)
	}
	return nil
}

// work files the open renewal's items under its CSM.
func (d *desk) work(r renewal.Renewal, st renewal.Status) {
	name := r.Contract.CSM
	if name == "" {
		name = "(no CSM)"
	}
	w := d.csms[name]
	if w == nil {
		w = &csmWork{}
		d.csms[name] = w
	}
	id, s := r.Contract.ID, st.Schedule
	renews := "renewal " + s.Renewal.String()
	switch st.State {
	case renewal.StatePast:
		w.file(d.top, item{kindPast, s.Decision, id, fmt.Sprintf("PAST\t%s\t%s\tdecision date %s passed with no outcome recorded", id, renews, s.Decision)})
		return
	case renewal.StateLate:
		w.file(d.top, item{kindLate, s.Decision, id, fmt.Sprintf("LATE\t%s\t%s\tdecision %s, intent %s, late since %s", id, renews, s.Decision, st.Intent, s.LateFrom)})
	}
	if st.Intent == renewal.IntentCancel {
		w.file(d.top, item{kindCancel, s.Decision, id, fmt.Sprintf("CANCEL\t%s\t%s\tthe customer said it will not renew: open a churn case before %s", id, renews, s.Decision)})
	}
	for _, cp := range st.Checkpoints {
		if cp.State == renewal.CheckpointCallDue {
			w.file(d.top, item{kindCall, cp.Date, id, fmt.Sprintf("CALL\t%s\tforecast call\tcheckpoint %s (%d days before the renewal), no call yet", id, cp.Date, cp.Date.DaysUntil(s.Renewal))})
		}
	}
	for _, it := range st.Items {
		kind, when := kindOpen, "open"
		switch it.State {
		case renewal.ItemOverdue:
			kind, when = kindOverdue, "overdue by "+days(it.Due.DaysUntil(d.asOf))
		case renewal.ItemDueSoon:
			kind, when = kindDueSoon, "due in "+days(d.asOf.DaysUntil(it.Due))
			if it.Due == d.asOf {
				when = "due today"
			}
		case renewal.ItemOpen:
		default:
			continue
		}
		text := fmt.Sprintf("%s\t%s\t%s\tdue %s, %s", strings.ToUpper(it.State.String()), id, it.Activity, it.Due, when)
		if it.Moved() {
			text += fmt.Sprintf(" (moved from %s for the customer's budget)", it.NormalDue)
		}
		w.file(d.top, item{kind, it.Due, id, text})
	}
}

// file counts it and keeps it if it is among the top most urgent.
func (w *csmWork) file(top int, it item) {
	w.counts[it.kind]++
	i, _ := slices.BinarySearchFunc(w.items, it, func(a, b item) int {
		if a.less(b) {
			return -1
		}
		return 1
	})
	if i < top {
		w.items = slices.Insert(w.items, i, it)
		if len(w.items) > top {
			w.items = w.items[:top]
		}
	}
}

func days(n int) string { return count(n, "day") }

// count writes "1 day", "2 days".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// print writes the report.
func (d *desk) print(out io.Writer) error {
	fmt.Fprintf(out, "Renewal desk as of %s\n", d.asOf)
	names := make([]string, 0, len(d.csms))
	for name := range d.csms {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		w := d.csms[name]
		var counts []string
		total := 0
		for k, n := range w.counts {
			if n > 0 {
				counts = append(counts, fmt.Sprintf("%d %s", n, kindNames[k]))
				total += n
			}
		}
		fmt.Fprintf(out, "\n%s: %s\n", name, strings.Join(counts, ", "))
		tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		for _, it := range w.items {
			fmt.Fprintf(tw, "  %s\n", it.text)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if more := total - len(w.items); more > 0 {
			fmt.Fprintf(out, "  ... and %d more (-top to list them)\n", more)
		}
	}

	fmt.Fprintf(out, "\nOpen renewals by state: contracts and ARR\n")
	var total stateTotal
	for _, s := range []renewal.State{renewal.StateNotStarted, renewal.StateInWindow, renewal.StateLate, renewal.StatePast} {
		st := &d.states[s]
		fmt.Fprintf(out, "  %-12s %6d %16s\n", s, st.n, yen(st.arr.Decimal()))
		total.n += st.n
		total.arr.AddSum(st.arr)
	}
	fmt.Fprintf(out, "  %-12s %6d %16s\n", "total", total.n, yen(total.arr.Decimal()))
	fmt.Fprintf(out, "  closed: %d renewed, %d churned\n", d.states[renewal.StateRenewed].n, d.states[renewal.StateChurned].n)
	if err := d.printForecast(out); err != nil {
		return err
	}
	return d.printKPIs(out)
}

func (d *desk) printForecast(out io.Writer) error {
	f := d.forecast.Result()
	fmt.Fprintf(out, "\nForecast, fiscal %d Q%d (%s to %s)\n", d.fy, d.q, d.quarter.From, d.quarter.To.AddDays(-1))
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  month\trenewals\ttarget\tforecast\trisk-adjusted\trenewed at\tlost\t")
	row := func(label string, t renewal.Totals) {
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\t%s\t%s\t%s\t\n", label, t.Count, yen(t.Target), yen(t.Forecast), yen(t.RiskAdjusted), yen(t.Final), yen(t.Lost))
	}
	for _, m := range f.Months {
		row(m.From.String()[:7], m.Total())
	}
	total := f.Total()
	row("quarter", total.Total())
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(out, "\n  by category (open renewals by their latest call; closed ones by result)")
	tw = tabwriter.NewWriter(out, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  category\trenewals\ttarget\tforecast\trisk-adjusted\t")
	for _, l := range []struct {
		name string
		t    renewal.Totals
	}{
		{"commit", total.Commit}, {"best case", total.BestCase}, {"pipeline", total.Pipeline},
		{"omitted", total.Omitted}, {"renewed", total.Renewed}, {"churned", total.Churned},
	} {
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\t%s\t\n", l.name, l.t.Count, yen(l.t.Target), yen(l.t.Forecast), yen(l.t.RiskAdjusted))
	}
	return tw.Flush()
}

func (d *desk) printKPIs(out io.Writer) error {
	k := d.kpis.Result()
	fmt.Fprintf(out, "\nRenewal KPIs, fiscal %d Q%d: %s renewable (started before the quarter, renewing in it), %d still open\n",
		d.fy, d.q, count(k.Renewable, "contract"), k.Open)
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	for _, l := range []struct{ name, value, of string }{
		{"onboarding completed", k.Onboarded.String(), "of the renewable contracts"},
		{"asked about renewal intent", k.IntentInquiry.String(), "of the renewable contracts"},
		{"two-way communication", k.TwoWay.String(), "of the renewable contracts"},
		{"intent confirmed", k.IntentConfirmed.String(), "of the renewable contracts"},
		{"case-study interview asked", k.CaseStudyAsked.String(), "of the renewable contracts"},
		{"case study published", k.CaseStudyPublished.String(), "of the renewable contracts"},
		{"started on time", k.OnTimeStart.String(), "of the renewals whose window has opened or work begun"},
		{"gross renewal rate, by count", k.GrossRenewalCount.String(), "renewed of the decided renewals"},
		{"gross renewal rate, by ARR", amountRatio(k.GrossRenewalARR), "target kept of every renewable target, open ones counted as kept"},
		{"net renewal rate, by ARR", amountRatio(k.NetRenewalARR), "final of the target of the decided renewals only"},
	} {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", l.name, l.value, l.of)
	}
	return tw.Flush()
}

// amountRatio writes "¥1,650,000 / ¥2,100,000 (78.6%)", or "no data".
func amountRatio(a renewal.AmountRatio) string {
	r, ok := a.Rate(3)
	if !ok {
		return "no data"
	}
	return yen(a.Num) + " / " + yen(a.Den) + " (" + r.Shift(2).StringFixed(1) + "%)"
}

// yen writes an amount exactly, with thousands separators: "¥1,200,000",
// "¥1,000,000.50", "-¥2,500". Every amount of the report goes through it.
func yen(d decimal.Decimal) string {
	s := money.Format(d)
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(whole[i])
	}
	if frac != "" {
		frac = "." + frac
	}
	return sign + "¥" + b.String() + frac
}
