// Command renewal-desk is a renewal desk over a book of contracts: as of a
// date it plans every renewal, prints what is due, overdue and late per CSM,
// counts the book by renewal state, and prints the quarter's renewal forecast
// and KPIs.
//
// Usage:
//
//	renewal-desk [-asof 2027-01-15] [-book book.json|book.csv]
//
// Without -book it runs over an embedded sample book; the default as-of date
// is a fixed day in that sample, so the output is reproducible.
package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/renewal"
)

//go:embed sample.json
var sampleBook []byte

// defaultAsOf is a day inside the sample book's renewal season.
const defaultAsOf = "2027-01-15"

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("renewal-desk", flag.ContinueOnError)
	fs.SetOutput(out)
	asOfText := fs.String("asof", defaultAsOf, "the `date` to plan as of (YYYY-MM-DD)")
	bookPath := fs.String("book", "", "a book `file` (.json or .csv); empty runs the embedded sample")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil // -h printed the usage: not a failure
		}
		return err
	}
	asOf, err := date.Parse(*asOfText)
	if err != nil {
		return fmt.Errorf("renewal-desk: -asof: %w", err)
	}
	var book []renewal.Renewal
	if *bookPath == "" {
		book, err = decodeJSON(sampleBook)
	} else {
		book, err = loadBook(*bookPath)
	}
	if err != nil {
		return err
	}
	// The desk shows the book as it was known on the as-of date, so an
	// earlier date replays the past.
	for i := range book {
		book[i] = book[i].KnownOn(asOf)
	}
	return desk(out, book, asOf, renewal.Policy{})
}

// desk prints the whole report.
func desk(out io.Writer, book []renewal.Renewal, asOf date.Date, p renewal.Policy) error {
	fmt.Fprintf(out, "Renewal desk as of %s: %d contracts\n", asOf, len(book))
	if err := perCSM(out, book, asOf, p); err != nil {
		return err
	}
	contracts := func(yield func(renewal.Contract) bool) {
		for _, r := range book {
			if !yield(r.Contract) {
				return
			}
		}
	}
	t, err := p.ClassifyBook(contracts, asOf)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nBook by renewal dates: %d not started, %d in window, %d late, %d past the decision date\n",
		t.NotStarted.Contracts, t.InWindow.Contracts, t.Late.Contracts, t.Past.Contracts)
	return quarter(out, book, asOf, p, date.FiscalCalendar{})
}

// perCSM prints, for each CSM, the late renewals and the activities that are
// overdue, due soon or open.
func perCSM(out io.Writer, book []renewal.Renewal, asOf date.Date, p renewal.Policy) error {
	type line struct {
		rank int // overdue first, then due soon, then open
		due  date.Date
		text string
	}
	lines := map[string][]line{}
	for _, r := range book {
		st, err := p.Status(r, asOf)
		if err != nil {
			return err
		}
		csm := r.Contract.CSM
		if csm == "" {
			csm = "(no CSM)"
		}
		sch := st.Schedule
		switch st.State {
		case renewal.StateRenewed, renewal.StateChurned:
			continue
		case renewal.StatePast:
			lines[csm] = append(lines[csm], line{0, sch.Decision, fmt.Sprintf("PAST\t%s\t%s\tdecision date %s passed with no outcome recorded",
				r.Contract.ID, "renewal "+sch.Renewal.String(), sch.Decision)})
			continue
		case renewal.StateLate:
			lines[csm] = append(lines[csm], line{0, sch.Decision, fmt.Sprintf("LATE\t%s\t%s\tdecision %s, intent %s, late since %s",
				r.Contract.ID, "renewal "+sch.Renewal.String(), sch.Decision, st.Intent, sch.LateFrom)})
		}
		if st.Intent == renewal.IntentCancel {
			lines[csm] = append(lines[csm], line{0, sch.Decision, fmt.Sprintf("CANCEL\t%s\t%s\tthe customer said it will not renew: open a churn case before %s",
				r.Contract.ID, "renewal "+sch.Renewal.String(), sch.Decision)})
		}
		for _, cp := range st.Checkpoints {
			switch cp.State {
			case renewal.CheckpointCallDue:
				lines[csm] = append(lines[csm], line{2, cp.Date, fmt.Sprintf("CALL\t%s\tforecast call\tcheckpoint %s (%d days before the renewal), no call yet",
					r.Contract.ID, cp.Date, cp.Date.DaysUntil(sch.Renewal))})
			}
		}
		for _, it := range st.Items {
			var rank int
			var what string
			switch it.State {
			case renewal.ItemOverdue:
				rank, what = 1, "overdue by "+days(it.Due.DaysUntil(asOf))
			case renewal.ItemDueSoon:
				rank, what = 2, inDays(asOf.DaysUntil(it.Due))
			case renewal.ItemOpen:
				rank, what = 3, "open"
			default:
				continue
			}
			text := fmt.Sprintf("%s\t%s\t%s\tdue %s, %s", strings.ToUpper(it.State.String()), r.Contract.ID, it.Activity, it.Due, what)
			if it.Moved() {
				text += fmt.Sprintf(" (moved from %s for the customer's budget)", it.NormalDue)
			}
			lines[csm] = append(lines[csm], line{rank, it.Due, text})
		}
	}
	csms := make([]string, 0, len(lines))
	for csm := range lines {
		csms = append(csms, csm)
	}
	slices.Sort(csms)
	for _, csm := range csms {
		ls := lines[csm]
		slices.SortStableFunc(ls, func(a, b line) int {
			if a.rank != b.rank {
				return a.rank - b.rank
			}
			return a.due.Compare(b.due)
		})
		fmt.Fprintf(out, "\n%s\n", csm)
		tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		for _, l := range ls {
			fmt.Fprintf(tw, "  %s\n", l.text)
		}
		if err := tw.Flush(); err != nil {
			return errors.Join(errBook, err)
		}
	}
	return nil
}

// days returns "1 day" or "n days".
func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// inDays says when something due n days from now is due.
func inDays(n int) string {
	if n == 0 {
		return "due today"
	}
	return "due in " + days(n)
}
