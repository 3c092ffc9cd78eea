package renewal_test

import (
	"fmt"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/renewal"
	"github.com/shopspring/decimal"
)

// Example is the README's first look at the package: plan a contract's
// renewal, then see where it stands once the usage review is done.
func Example() {
	c := renewal.Contract{
		ID: "acme", Start: date.Must(2026, time.March, 31), TermMonths: 12,
		ARR: decimal.RequireFromString("1200000"), CSM: "Sato",
	}
	s, err := renewal.Policy{}.Plan(c, date.Must(2026, time.November, 22))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("opens", s.Opens, "late from", s.LateFrom, "activities", len(s.Items))

	st, err := renewal.Policy{}.Status(renewal.Renewal{Contract: c, Completions: []renewal.Completion{
		{Activity: renewal.ActivityUsageReview, Date: date.Must(2027, time.January, 10)},
	}}, date.Must(2027, time.January, 20))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(st.State)
	for _, it := range st.Items[:3] {
		fmt.Println(it.Activity, it.Due, it.State)
	}
	// Output:
	// opens 2026-12-31 late from 2027-03-17 activities 8
	// in-window
	// goal-progress-review 2027-01-15 overdue
	// usage-review 2027-01-20 done
	// roi-confirmation 2027-01-30 open
}
