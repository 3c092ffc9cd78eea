package renewal_test

import (
	"encoding/json"
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
			{Activity: renewal.ActivityGoalProgressReview, Date: date.Must(2027, time.January, 10)},
			{Activity: renewal.ActivityUsageReview, Date: date.Must(2027, time.January, 18)},
			{Activity: renewal.ActivityROIConfirmation, Date: date.Must(2027, time.January, 28)},
			{Activity: renewal.ActivityVoCCollection, Date: date.Must(2027, time.February, 15)},
			{Activity: renewal.ActivityIntentConfirmation, Date: date.Must(2027, time.March, 1), Intent: renewal.IntentUndecided},
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

// Count a book of contracts by state, with the ARR in each: how much ARR is
// late is the question a CS lead asks. The book is an iter.Seq, so it can
// stream from a database cursor; a slice goes through slices.Values.
func ExamplePolicy_ClassifyBook() {
	arr := decimal.RequireFromString
	book := []renewal.Contract{
		{ID: "acme", Start: date.Must(2026, time.March, 31), TermMonths: 12, ARR: arr("1200000")},
		{ID: "beta", Start: date.Must(2026, time.June, 1), TermMonths: 12, ARR: arr("300000")},
		{ID: "gamma", Start: date.Must(2026, time.September, 1), TermMonths: 12, ARR: arr("450000")},
		{ID: "delta", Start: date.Must(2026, time.March, 1), TermMonths: 12, ARR: arr("80000")},
		{ID: "eps", Start: date.Must(2026, time.April, 15), TermMonths: 12, AutoRenew: true, Notice: date.Months(1), ARR: arr("20000")},
	}
	t, err := renewal.Policy{}.ClassifyBook(slices.Values(book), date.Must(2027, time.March, 20))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range []renewal.State{renewal.StateNotStarted, renewal.StateInWindow, renewal.StateLate, renewal.StatePast} {
		fmt.Printf("%-12s %d contracts, ARR %s\n", s, t.State(s).Contracts, t.State(s).ARR)
	}
	// Output:
	// not-started  1 contracts, ARR 450000
	// in-window    1 contracts, ARR 300000
	// late         1 contracts, ARR 1200000
	// past         2 contracts, ARR 100000
}

// Split a book across goroutines (or processes, or a distributed engine):
// each part fills its own classifier, and merging them gives what one pass
// gives.
func ExampleClassifier_Merge() {
	asOf := date.Must(2027, time.March, 20)
	parts := [][]renewal.Contract{
		{{ID: "acme", Start: date.Must(2026, time.March, 31), TermMonths: 12, ARR: decimal.NewFromInt(1200000)}},
		{{ID: "beta", Start: date.Must(2026, time.June, 1), TermMonths: 12, ARR: decimal.NewFromInt(300000)}},
	}
	total, err := renewal.NewClassifier(renewal.Policy{}, asOf)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, part := range parts {
		cl, _ := renewal.NewClassifier(renewal.Policy{}, asOf)
		for _, c := range part {
			if err := cl.Add(c); err != nil {
				fmt.Println("skipped:", err) // or stop: the caller decides
			}
		}
		if err := total.Merge(cl); err != nil {
			fmt.Println(err)
			return
		}
	}
	t := total.Result()
	fmt.Println("late:", t.Late.Contracts, t.Late.ARR, "in window:", t.InWindow.Contracts, t.InWindow.ARR)
	// Output:
	// late: 1 1200000 in window: 1 300000
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
func ExampleActivity_UnmarshalText() {
	var a renewal.Activity
	err := a.UnmarshalText([]byte("roi-confirmation"))
	fmt.Println(a, err, a.ValueCase())

	err = a.UnmarshalText([]byte("lunch"))
	fmt.Println(errors.Is(err, renewal.ErrUnknownActivity), err)

	fmt.Println(renewal.Activity(0).Valid(), renewal.Activity(42))
	// Output:
	// roi-confirmation <nil> true
	// true renewal: unknown activity "lunch"
	// false %!Activity(42)
}

// A row with an outcome names the renewal it closed in Due, as a CRM's
// renewal opportunity does; the error of a row without it says which
// contract and field, for errors.As.
func ExampleRenewal_Validate() {
	r := renewal.Renewal{
		Contract: renewal.Contract{ID: "acme", Start: date.Must(2026, time.March, 31), TermMonths: 12,
			AutoRenew: true, Notice: date.Months(1), ARR: decimal.RequireFromString("2400000")},
		Outcome: renewal.Outcome{Result: renewal.ResultRenewed, Date: date.Must(2027, time.April, 5),
			Final: decimal.RequireFromString("2400000")},
	}
	err := r.Validate()
	var fe *renewal.FieldError
	if errors.As(err, &fe) {
		fmt.Println(fe.ID, fe.Field, errors.Is(err, renewal.ErrMissingDate))
	}
	fmt.Println(err)

	r.Due = date.Must(2027, time.March, 31) // booked five days after the renewal it closed
	fmt.Println(r.Validate())
	// Output:
	// acme due true
	// renewal: contract "acme": due: missing date: a renewed outcome needs the renewal date it closed
	// <nil>
}

// Read a team's playbook from JSON: zero fields keep their defaults, and a
// misspelt key is an error, not a setting silently left at its default.
func ExamplePolicy_UnmarshalJSON() {
	var p renewal.Policy
	err := json.Unmarshal([]byte(`{"window":"P90D","late":"P21D",
		"steps":[{"activity":"roi-confirmation","offset":"P60D"},{"activity":"intent-confirmation","offset":"P45D"}]}`), &p)
	fmt.Println(err)
	c := renewal.Contract{ID: "acme", Start: date.Must(2026, time.March, 31), TermMonths: 12}
	s, _ := p.Plan(c, date.Must(2026, time.April, 1))
	fmt.Println("opens", s.Opens, "late from", s.LateFrom)
	for _, it := range s.Items {
		fmt.Println(it.Activity, "due", it.Due)
	}

	err = json.Unmarshal([]byte(`{"windw":"P90D"}`), &p)
	fmt.Println(errors.Is(err, renewal.ErrInvalidPolicy), err)
	// Output:
	// <nil>
	// opens 2026-12-31 late from 2027-03-10
	// roi-confirmation due 2027-01-30
	// intent-confirmation due 2027-02-14
	// true renewal: decoding policy: json: unknown field "windw"
}

// The decision date is the renewal date minus the notice, wherever it
// falls: a monthly contract with a month's notice must be cancelled by the
// day of the previous renewal, and with 30 days' notice before it.
func ExampleContract_NoticeDeadline() {
	for _, notice := range []date.Period{date.Months(1), date.Days(30)} {
		c := renewal.Contract{ID: "m", Start: date.Must(2027, time.January, 1), TermMonths: 1, RenewalTermMonths: 1,
			AutoRenew: true, Notice: notice}
		renews := c.NextRenewal(date.Must(2027, time.February, 10))
		fmt.Println(notice, "renews", renews, "cancel by", c.NoticeDeadline(renews))
	}
	// Output:
	// P1M renews 2027-03-01 cancel by 2027-02-01
	// P30D renews 2027-03-01 cancel by 2027-01-30
}
