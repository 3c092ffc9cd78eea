package capacity_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cskit/cskit/capacity"
	"github.com/cskit/cskit/date"
	"github.com/shopspring/decimal"
)

// ARR and accounts per CSM: Sansan's ¥15B over about 60 CSMs.
func ExampleNewCoverage() {
	c, err := capacity.NewCoverage("JPY", decimal.RequireFromString("15000000000"), 3000, 60)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("ARR per CSM:     ", c.ARRPerCSM())
	fmt.Println("accounts per CSM:", c.AccountsPerCSM())
	// Output:
	// ARR per CSM:      250000000.00
	// accounts per CSM: 50.00
}

// The ¥200M rule read backwards: ARR ¥10B needs 50 CSMs, and half a CSM
// more rounds up to a whole one.
func ExampleCSMsFor() {
	per := decimal.RequireFromString("200000000")
	for _, arr := range []string{"10000000000", "10100000000"} {
		n, _ := capacity.CSMsFor(decimal.RequireFromString(arr), per)
		fmt.Println(arr, "needs", n)
	}
	// Output:
	// 10000000000 needs 50
	// 10100000000 needs 51
}

// A plan at ¥100M per CSM against the published figures: a yen plan is not
// comparable with a dollar benchmark.
func ExampleCompare() {
	plan, _ := capacity.NewCoverage("JPY", decimal.RequireFromString("1000000000"), 400, 10)
	cs, err := capacity.Compare(plan, capacity.Benchmarks())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cs {
		fmt.Printf("%-34s %-14s %s\n", c.Benchmark, c.Verdict, c.Why)
	}
	// Output:
	// hicustomer-2021-accounts           below          40.00 accounts per CSM is below 50 accounts (0.80×)
	// hicustomer-2021-accounts-acv-2.4m  below          40.00 accounts per CSM is below 50 accounts (0.80×)
	// hicustomer-2021-arr-horizontal     meets          JPY 100000000.00 per CSM meets JPY 50000000 (2.00×)
	// hicustomer-2021-arr-vertical       meets          JPY 100000000.00 per CSM meets JPY 50000000 (2.00×)
	// hicustomer-2021-arr-acv-2.4m       meets          JPY 100000000.00 per CSM meets JPY 50000000 (2.00×)
	// saastr-200m-rule                   below          JPY 100000000.00 per CSM is below JPY 200000000 (0.50×)
	// sansan-2021                        below          JPY 100000000.00 per CSM is below JPY 250000000 (0.40×)
	// clientsuccess-arr                  not-comparable the plan is in JPY and the benchmark in USD: amounts are never converted
	// clientsuccess-accounts             below          40.00 accounts per CSM is below 104 accounts (0.38×)
	// commune-high-touch                 not-comparable the plan is in JPY and the benchmark in USD: amounts are never converted
	// commune-tech-touch                 not-comparable the plan is in JPY and the benchmark in USD: amounts are never converted
}

// Read a team's config from JSON, stream its book and print the headcount
// each segment needs.
func ExampleNewBook() {
	var cfg capacity.Config
	err := json.Unmarshal([]byte(`{
		"currency": "JPY",
		"segments": [
			{"name": "smb", "touch": "tech-touch", "from": "0", "to": "2400000", "target_arr": "100000000"},
			{"name": "enterprise", "touch": "high-touch", "from": "2400000", "target_arr": "50000000", "target_accounts": 50}
		],
		"csms": [{"id": "sato", "segment": "enterprise"}, {"id": "kato", "segment": "smb"}]
	}`), &cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := capacity.NewBook(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	book := []capacity.Account{
		{ID: "a1", CSM: "sato", ARR: decimal.RequireFromString("60000000")},
		{ID: "a2", CSM: "sato", ARR: decimal.RequireFromString("63000000")},
		{ID: "a3", CSM: "kato", ARR: decimal.RequireFromString("1800000")},
	}
	if err := b.AddAll(slices.Values(book)); err != nil {
		fmt.Println(err)
		return
	}
	r := b.Result()
	for _, s := range r.Segments {
		fmt.Printf("%s: %s\n", s.Segment.Name, s.Why)
	}
	fmt.Printf("team: %d needed, gap %d\n", r.Needed, r.Gap)
	// Output:
	// smb: ARR 1800000 / 100000000 per CSM = 0.02, rounded up to 1; needs 1; 1 on the roster: as planned
	// enterprise: ARR 123000000 / 50000000 per CSM = 2.46, rounded up to 3; 2 accounts / 50 per CSM = 0.04, rounded up to 1; needs 3 (the larger); 1 on the roster: hire 2
	// team: 4 needed, gap 2
}

// How the plan shifts with the business phase: the same book under each
// phase's default segments.
func ExampleDefaultSegments() {
	for _, p := range []capacity.Phase{capacity.PhaseZeroToOne, capacity.PhaseOneToTen, capacity.PhaseTenToHundred} {
		segs, _ := capacity.DefaultSegments(p)
		b, _ := capacity.NewBook(capacity.Config{Currency: "JPY", Segments: segs})
		for i := range 600 {
			arr := "1800000" // 500 accounts of ¥1.8M
			if i >= 500 {
				arr = "10000000" // 100 accounts of ¥10M
			}
			_ = b.Add(capacity.Account{ID: fmt.Sprint(i), ARR: decimal.RequireFromString(arr)})
		}
		r := b.Result()
		fmt.Printf("%-6s needs %d:", p, r.Needed)
		for _, s := range r.Segments {
			fmt.Printf(" %s %d", s.Segment.Name, s.Needed)
		}
		fmt.Println()
	}
	// Output:
	// 0-1    needs 38: high-touch 38
	// 1-10   needs 29: tech-touch 9 high-touch 20
	// 10-100 needs 15: tech-touch 5 high-touch 10
}

// Give an account with no CSM to the least-loaded CSM who serves its
// segment and language.
func ExampleBook_Assign() {
	cfg := capacity.Config{Currency: "JPY", Phase: capacity.PhaseZeroToOne, CSMs: []capacity.CSM{
		{ID: "ito", Segment: "high-touch", Languages: []string{"ja"}},
		{ID: "kim", Segment: "high-touch", Languages: []string{"ja", "ko"}},
	}}
	b, _ := capacity.NewBook(cfg)
	_ = b.Add(capacity.Account{ID: "a1", CSM: "ito", ARR: decimal.RequireFromString("5000000"), RenewalsDue: 1})
	_ = b.Add(capacity.Account{ID: "a2", CSM: "kim", ARR: decimal.RequireFromString("5000000"), OpenChurnCases: 1})
	out, err := b.Assign(slices.Values([]capacity.Account{
		{ID: "new1", ARR: decimal.RequireFromString("3000000"), Language: "ja"},
		{ID: "new2", ARR: decimal.RequireFromString("3000000"), Language: "ko", Onboarding: true},
	}))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range out {
		fmt.Printf("%s → %s: %s\n", a.Account, a.CSM, a.Why())
	}
	// Output:
	// new2 → kim: the only CSM serving segment "high-touch" in language "ko": 6 → 11
	// new1 → ito: least load of the 2 CSMs serving segment "high-touch" in language "ja": 5 → 8; next: kim at 11
}

// What one more CSM does to gross margin and LTV.
func ExampleEconomics_Margin() {
	e := capacity.Economics{
		Currency:           "JPY",
		ARR:                decimal.RequireFromString("1000000000"),
		OtherCostOfRevenue: decimal.RequireFromString("200000000"),
		CSMs:               10,
		CostPerCSM:         decimal.RequireFromString("10000000"),
		Accounts:           100,
		ChurnRate:          decimal.RequireFromString("0.1"),
	}
	m, err := e.Margin()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Why)
	// Output:
	// one more CSM adds JPY 10000000 of CS cost: gross margin 70.00% → 69.00% (-1.00 points); LTV 70000000.00 → 69000000.00 (-1000000.00)
}

// Cost to serve from logged hours, and who is fastest at each task.
func ExampleCostBook() {
	c, _ := capacity.NewCostBook("JPY", decimal.RequireFromString("5000"))
	for _, e := range []capacity.TimeEntry{
		{Account: "a1", CSM: "ito", Task: "kickoff", Stage: "onboarding", Hours: decimal.RequireFromString("3")},
		{Account: "a2", CSM: "kim", Task: "kickoff", Stage: "onboarding", Hours: decimal.RequireFromString("1.5")},
		{Account: "a2", CSM: "kim", Task: "review", Stage: "adopted", Hours: decimal.RequireFromString("1")},
	} {
		if err := c.Add(e); err != nil {
			fmt.Println(err)
			return
		}
	}
	r := c.Result()
	for _, a := range r.Accounts {
		fmt.Printf("%s: %s h, ¥%s\n", a.Account, a.Hours, a.Cost)
	}
	for _, p := range r.People {
		fmt.Printf("%s by %s: %s h per account\n", p.Task, p.CSM, p.HoursPerAccount)
	}
	// Output:
	// a1: 3 h, ¥15000
	// a2: 2.5 h, ¥12500
	// kickoff by kim: 1.50 h per account
	// kickoff by ito: 3.00 h per account
	// review by kim: 1.00 h per account
}

// An onboarding against the default target of two calendar months.
func ExampleOnboarding_Status() {
	o := capacity.Onboarding{Account: "a1", Start: date.Must(2026, time.January, 31)}
	s, err := o.Status(date.Period{}, date.Must(2026, time.April, 10))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.State, "due", s.Due, "over by", s.Over, "days")
	// Output:
	// overdue due 2026-03-31 over by 10 days
}

// Should CSMs sell renewals? Not while customers run a matching service
// side by side.
func ExampleSellingInput_Recommend() {
	in := capacity.SellingInput{
		Competition:   capacity.Factor{Notes: "customers often run two recruiting services", Answer: capacity.AnswerNo},
		SwitchingCost: capacity.Factor{Answer: capacity.AnswerRoughly},
		DecisionFlow:  capacity.Factor{Answer: capacity.AnswerYes},
		Pricing:       capacity.Factor{Notes: "discounts at every renewal", Answer: capacity.AnswerNo},
		LeadTime:      capacity.Factor{Answer: capacity.AnswerYes},
	}
	r, err := in.Recommend()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.CSMsSell, r.Failing)
	fmt.Println(r.Advice)
	// Output:
	// false [no-side-by-side rare-negotiation]
	// Keep renewal and upsell selling with sales specialists: no-side-by-side, rare-negotiation do not hold. Do not make CSMs carry selling to cut headcount; change the set-up once the conditions hold.
}

// Segments that leave a gap are refused; the error names the gap and the
// field.
func ExampleFieldError() {
	var cfg capacity.Config
	err := json.Unmarshal([]byte(`{"currency":"JPY","segments":[
		{"name":"smb","touch":"tech-touch","from":"0","to":"2400000","target_arr":"100000000"},
		{"name":"enterprise","touch":"high-touch","from":"3000000","target_arr":"50000000"}]}`), &cfg)
	var fe *capacity.FieldError
	if errors.As(err, &fe) {
		fmt.Println("field:", fe.Field)
	}
	fmt.Println(errors.Is(err, capacity.ErrSegmentGap))
	fmt.Println(err)
	// Output:
	// field: segments[1].from
	// true
	// capacity: decoding config: segments[1].from: segments leave a gap: [2400000, 3000000) is in no segment
}
