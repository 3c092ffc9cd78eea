package renewal_test

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/renewal"
	"github.com/shopspring/decimal"
)

// Plan a renewal under the default playbook: the window opens three
// calendar months before the renewal (clamped to the month's end), the
// renewal is late from two weeks before it, and each activity is due a
// number of days before it.
func ExamplePolicy_Plan() {
	c := renewal.Contract{
		ID:         "acme",
		Start:      date.Must(2026, time.March, 31),
		TermMonths: 12,
		ARR:        decimal.RequireFromString("2400000"),
	}
	var p renewal.Policy // the zero Policy is the default playbook
	s, err := p.Plan(c, date.Must(2026, time.April, 1))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("renewal  ", s.Renewal)
	fmt.Println("opens    ", s.Opens)
	fmt.Println("late from", s.LateFrom)
	for _, it := range s.Items {
		fmt.Printf("%-22s due %s\n", it.Activity, it.Due)
	}
	// Output:
	// renewal   2027-03-31
	// opens     2026-12-31
	// late from 2027-03-17
	// goal-progress-review   due 2027-01-15
	// usage-review           due 2027-01-20
	// roi-confirmation       due 2027-01-30
	// team-recheck           due 2027-02-09
	// decision-line-mapping  due 2027-02-14
	// voc-collection         due 2027-02-19
	// intent-confirmation    due 2027-03-01
	// expansion-exploration  due 2027-03-10
}

// A customer whose fiscal year ends in March settles next year's budget by
// January 31: the value case moves there, and the schedule says why.
func ExamplePolicy_Plan_fiscalYear() {
	c := renewal.Contract{
		ID:            "delta",
		Start:         date.Must(2026, time.June, 1),
		TermMonths:    12,
		FiscalYearEnd: time.March,
	}
	s, err := renewal.Policy{}.Plan(c, c.Start)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("opens", s.Opens, "budget deadline", s.BudgetDeadline)
	for _, it := range s.Items {
		if it.Moved() {
			fmt.Printf("%s: due %s instead of %s\n", it.Activity, it.Due, it.NormalDue)
		}
	}
	fmt.Println(s.Items[0].Why)
	// Output:
	// opens 2026-12-30 budget deadline 2027-01-31
	// goal-progress-review: due 2027-01-31 instead of 2027-03-18
	// usage-review: due 2027-01-31 instead of 2027-03-23
	// roi-confirmation: due 2027-01-31 instead of 2027-04-02
	// due by the customer's budgeting deadline 2027-01-31: its fiscal year ends 2027-03-31, budget settled P2M before
}

// Where a renewal stands as of a date, from the completions the CSM
// recorded: the customer has not decided two weeks before the renewal, so
// the renewal is late.
func ExamplePolicy_Status() {
	r := renewal.Renewal{
		Contract: renewal.Contract{ID: "acme", Start: date.Must(2026, time.March, 31), TermMonths: 12},
		Completions: []renewal.Completion{
			{Activity: renewal.GoalProgressReview, Date: date.Must(2027, time.January, 10)},
			{Activity: renewal.UsageReview, Date: date.Must(2027, time.January, 18)},
			{Activity: renewal.ROIConfirmation, Date: date.Must(2027, time.January, 28)},
			{Activity: renewal.VoCCollection, Date: date.Must(2027, time.February, 15)},
			{Activity: renewal.IntentConfirmation, Date: date.Must(2027, time.March, 1), Intent: renewal.IntentUndecided},
		},
	}
	st, err := renewal.Policy{}.Status(r, date.Must(2027, time.March, 18))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("state:", st.State, "intent:", st.Intent)
	for _, it := range st.Items {
		fmt.Printf("%-22s %s\n", it.Activity, it.State)
	}
	// Output:
	// state: late intent: undecided
	// goal-progress-review   done
	// usage-review           done
	// roi-confirmation       done
	// team-recheck           overdue
	// decision-line-mapping  overdue
	// voc-collection         done
	// intent-confirmation    done
	// expansion-exploration  overdue
}

// Count a book of contracts by state. The book is an iter.Seq, so it can
// stream from a database cursor; a slice goes through slices.Values.
func ExamplePolicy_ClassifyBook() {
	book := []renewal.Contract{
		{ID: "acme", Start: date.Must(2026, time.March, 31), TermMonths: 12},
		{ID: "beta", Start: date.Must(2026, time.June, 1), TermMonths: 12},
		{ID: "gamma", Start: date.Must(2026, time.September, 1), TermMonths: 12},
		{ID: "delta", Start: date.Must(2026, time.March, 1), TermMonths: 12},
		{ID: "eps", Start: date.Must(2026, time.April, 15), TermMonths: 12, AutoRenew: true, Notice: date.Months(1)},
	}
	t, err := renewal.Policy{}.ClassifyBook(slices.Values(book), date.Must(2027, time.March, 20))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("as of %s: %d not started, %d in window, %d late, %d past (%d contracts)\n",
		t.AsOf, t.NotStarted, t.InWindow, t.Late, t.Past, t.Total())
	// Output:
	// as of 2027-03-20: 1 not started, 1 in window, 1 late, 2 past (5 contracts)
}

// Renewals fall on anniversaries computed from the original anchor, clamped
// to the month's end: a contract signed on a leap day renews on February 28,
// and on February 29 again in leap years; a 36-month first term is followed
// by yearly renewals.
func ExampleContract_NextRenewal() {
	leap := renewal.Contract{ID: "leap", Start: date.Must(2024, time.February, 29), TermMonths: 12, AutoRenew: true}
	for _, asOf := range []date.Date{
		date.Must(2025, time.January, 1),
		date.Must(2025, time.March, 1),
		date.Must(2027, time.March, 1),
		date.Must(2028, time.March, 1),
	} {
		fmt.Println("as of", asOf, "renews", leap.NextRenewal(asOf))
	}
	multi := renewal.Contract{ID: "multi", Start: date.Must(2024, time.March, 31), TermMonths: 36, AutoRenew: true}
	fmt.Println(multi.Renewal(1), multi.Renewal(2), multi.Renewal(3))
	// Output:
	// as of 2025-01-01 renews 2025-02-28
	// as of 2025-03-01 renews 2026-02-28
	// as of 2027-03-01 renews 2028-02-29
	// as of 2028-03-01 renews 2029-02-28
	// 2027-03-31 2028-03-31 2029-03-31
}

// Activities are named in kebab case, in text and in JSON.
func ExampleParseActivity() {
	a, err := renewal.ParseActivity("roi-confirmation")
	fmt.Println(a, err, a.ValueCase())

	_, err = renewal.ParseActivity("lunch")
	fmt.Println(errors.Is(err, renewal.ErrUnknownActivity), err)

	fmt.Println(renewal.Activity(0))
	// Output:
	// roi-confirmation <nil> true
	// true renewal: unknown activity: "lunch"
	// %!Activity(0)
}

// Which renewal a closed row belongs to. An auto-renewing contract renews
// every March 31; its CSM booked the 2027 renewal on April 5, a few days
// late. Within the policy's LateBooking (one month by default) the outcome
// is still the 2027-03-31 renewal's; booked in June, with no Due on the row,
// it reads as an early decision on the 2028 renewal. Set Due to say which.
func ExamplePolicy_RenewalDate() {
	r := renewal.Renewal{
		Contract: renewal.Contract{ID: "acme", Start: date.Must(2026, time.March, 31), TermMonths: 12,
			AutoRenew: true, Notice: date.Months(1), ARR: decimal.RequireFromString("2400000")},
		Outcome: renewal.Outcome{Result: renewal.Renewed, Date: date.Must(2027, time.April, 5),
			Final: decimal.RequireFromString("2400000")},
	}
	var p renewal.Policy
	asOf := date.Must(2027, time.July, 1)
	due, _ := p.RenewalDate(r, asOf)
	fmt.Println("booked 2027-04-05:", due)

	r.Outcome.Date = date.Must(2027, time.June, 10)
	due, _ = p.RenewalDate(r, asOf)
	fmt.Println("booked 2027-06-10:", due)

	r.Due = date.Must(2027, time.March, 31)
	due, _ = p.RenewalDate(r, asOf)
	fmt.Println("booked 2027-06-10, Due set:", due)
	// Output:
	// booked 2027-04-05: 2027-03-31
	// booked 2027-06-10: 2028-03-31
	// booked 2027-06-10, Due set: 2027-03-31
}
