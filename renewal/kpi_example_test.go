package renewal_test

import (
	"fmt"
	"slices"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/renewal"
	"github.com/shopspring/decimal"
)

// The quarter's renewal KPIs: each ratio with its numerator and
// denominator, the gross renewal rate by ARR on either base, and "no data"
// for a quarter with nothing to renew.
func ExamplePolicy_KPIs_quarter() {
	amount := decimal.RequireFromString
	book := []renewal.Renewal{
		{ // renews 2027-01-15; window opened 2026-10-15; upsold
			Contract:  renewal.Contract{ID: "acme", Start: date.Must(2026, 1, 15), TermMonths: 12, ARR: amount("1200000")},
			Onboarded: true,
			TwoWay:    true,
			Completions: []renewal.Completion{
				{Activity: renewal.ActivityUsageReview, Date: date.Must(2026, 10, 1)},
				{Activity: renewal.ActivityIntentConfirmation, Date: date.Must(2026, 11, 20), Intent: renewal.IntentRenew},
			},
			Due:     date.Must(2027, 1, 15),
			Outcome: renewal.Outcome{Result: renewal.ResultRenewed, Date: date.Must(2027, 1, 12), Final: amount("1300000")},
		},
		{ // renews 2027-03-01; window opened 2026-12-01, first contact 2027-01-10; downsold
			Contract:  renewal.Contract{ID: "globex", Start: date.Must(2025, 3, 1), TermMonths: 24, ARR: amount("600000")},
			Onboarded: true,
			Completions: []renewal.Completion{
				{Activity: renewal.ActivityIntentConfirmation, Date: date.Must(2027, 1, 10), Intent: renewal.IntentRenew},
			},
			Due:     date.Must(2027, 3, 1),
			Outcome: renewal.Outcome{Result: renewal.ResultRenewed, Date: date.Must(2027, 2, 25), Final: amount("450000")},
		},
		{ // renews 2027-03-20; nobody called; churned
			Contract: renewal.Contract{ID: "initech", Start: date.Must(2026, 3, 20), TermMonths: 12, ARR: amount("300000")},
			Due:      date.Must(2027, 3, 20),
			Outcome:  renewal.Outcome{Result: renewal.ResultChurned, Date: date.Must(2027, 3, 1)},
		},
		{ // renews 2027-07-01: not in the quarter, but in its starting ARR
			Contract: renewal.Contract{ID: "hooli", Start: date.Must(2026, 7, 1), TermMonths: 12, ARR: amount("900000")},
		},
	}
	var p renewal.Policy
	asOf := date.Must(2027, 4, 1)
	q1 := renewal.DateRange{From: date.Must(2027, 1, 1), To: date.Must(2027, 4, 1)}

	k, err := p.KPIs(slices.Values(book), asOf, q1, renewal.ChurnBaseRenewableARR)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("renewable:", k.Renewable)
	fmt.Println("onboarded:", k.Onboarded)
	fmt.Println("intent inquiry:", k.IntentInquiry)
	fmt.Println("intent confirmed:", k.IntentConfirmed)
	fmt.Println("two-way:", k.TwoWay)
	fmt.Println("case study asked:", k.CaseStudyAsked)
	fmt.Println("on-time start:", k.OnTimeStart)
	fmt.Println("gross renewal by count:", k.GrossRenewalCount, "open", k.Open)
	fmt.Println("lost ARR:", k.LostARR.StringFixed(0))
	fmt.Println("gross renewal by ARR:", k.GrossRenewalARR)
	fmt.Println("net renewal by ARR:", k.NetRenewalARR)
	grr, _ := k.GrossRenewalARR.Rate(4)
	fmt.Println("GRR:", grr.StringFixed(4))

	k, _ = p.KPIs(slices.Values(book), asOf, q1, renewal.ChurnBaseStartingARR)
	fmt.Println("gross renewal on starting ARR:", k.GrossRenewalARR)

	q2 := renewal.DateRange{From: date.Must(2027, 4, 1), To: date.Must(2027, 7, 1)}
	k, _ = p.KPIs(slices.Values(book), asOf, q2, renewal.ChurnBaseRenewableARR)
	fmt.Println("Q2 onboarded:", k.Onboarded)
	fmt.Println("Q2 gross renewal by ARR:", k.GrossRenewalARR)
	// Output:
	// renewable: 3
	// onboarded: 2/3 (66.7%)
	// intent inquiry: 2/3 (66.7%)
	// intent confirmed: 2/3 (66.7%)
	// two-way: 1/3 (33.3%)
	// case study asked: 0/3 (0.0%)
	// on-time start: 1/3 (33.3%)
	// gross renewal by count: 2/3 (66.7%) open 0
	// lost ARR: 450000
	// gross renewal by ARR: 1650000/2100000 (78.6%)
	// net renewal by ARR: 1750000/2100000 (83.3%)
	// GRR: 0.7857
	// gross renewal on starting ARR: 2550000/3000000 (85.0%)
	// Q2 onboarded: no data
	// Q2 gross renewal by ARR: no data
}
