package expansion_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/expansion"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// An account's revenue is paid seats × unit price per product, and zero
// once the account has churned.
func ExampleAccount_Revenue() {
	a := expansion.Account{ID: "acme", Lines: []expansion.Line{
		{Product: "chat", Seats: 40, UnitPrice: d("500")},
		{Product: "attendance", Seats: 12, UnitPrice: d("300")},
	}}
	r, _ := a.Revenue()
	fmt.Println(r.StringFixed(0)) // 40 × 500 + 12 × 300

	a.Churned = true
	r, _ = a.Revenue()
	fmt.Println(r.StringFixed(0))
	// Output:
	// 23600
	// 0
}

// Two snapshots sorted by account stream through in one pass. Beta's
// price rose for every customer without CS: it is a price rise, not
// expansion, and NRR shows it apart.
//
//	start 20000 + 5000 + 4000 = 29000; end 25000 + 5500 + 2500 = 33000
//	NRR = (29000 + 5000 + 500 − 4000) / 29000 = 105.17%
//	without price rises (29000 + 5000 − 4000) / 29000 = 103.45%
//	GRR = (29000 − 4000) / 29000 = 86.21%
func ExamplePolicy_Movements() {
	start := []expansion.Account{
		{ID: "acme", Lines: []expansion.Line{{Product: "chat", Seats: 40, UnitPrice: d("500")}}},
		{ID: "beta", Lines: []expansion.Line{{Product: "chat", Seats: 10, UnitPrice: d("500")}}},
		{ID: "corp", Lines: []expansion.Line{{Product: "chat", Seats: 8, UnitPrice: d("500")}}},
	}
	end := []expansion.Account{
		{ID: "acme", Lines: []expansion.Line{{Product: "chat", Seats: 50, UnitPrice: d("500")}}},
		{ID: "beta", Lines: []expansion.Line{{Product: "chat", Seats: 10, UnitPrice: d("550"), UniformRise: d("500")}}},
		{ID: "dyna", Lines: []expansion.Line{{Product: "chat", Seats: 5, UnitPrice: d("500")}}},
	}
	from, to := date.Must(2026, 4, 1), date.Must(2027, 4, 1)
	t, err := expansion.Policy{}.Movements(from, to, slices.Values(start), slices.Values(end))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("start", t.Start, "end", t.End)
	fmt.Println("new", t.New, "expansion", t.Expansion, "price rise", t.PriceRise, "churn", t.Churn)
	fmt.Println("NRR", t.NRR, "without price rises", t.NRRWithoutPriceRise, "GRR", t.GRR)
	fmt.Println("logo churn", t.LogoChurn)
	// Output:
	// start 29000 end 33000
	// new 2500 expansion 5000 price rise 500 churn 4000
	// NRR 105.2% without price rises 103.4% GRR 86.2%
	// logo churn 1/3 (33.3%)
}

// Snapshots that are not sorted by account are paired by the host: one
// snapshot held in a map by ID (memory grows with the book), each row of
// the other paired with it, every pair added to a MovementBook in any
// order. An account left in the map is one with no end row.
//
//	a: 3 × 100 → 4 × 100, expansion 100; b: new, 2 × 100
//	NRR = (300 + 100) / 300 = 133.3%
func ExampleMovementBook() {
	chat := func(seats int64) []expansion.Line {
		return []expansion.Line{{Product: "chat", Seats: seats, UnitPrice: d("100")}}
	}
	start := []expansion.Account{{ID: "a", Lines: chat(3)}}
	end := []expansion.Account{{ID: "b", Lines: chat(2)}, {ID: "a", Lines: chat(4)}}

	b, _ := expansion.NewMovementBook(expansion.Policy{}, date.Must(2026, 4, 1), date.Must(2027, 4, 1))
	held := map[string]expansion.Account{}
	for _, a := range start {
		held[a.ID] = a
	}
	for _, a := range end {
		if err := b.Add(expansion.Pair{Start: held[a.ID], End: a}); err != nil {
			fmt.Println(err)
		}
		delete(held, a.ID)
	}
	for _, a := range held {
		if err := b.Add(expansion.Pair{Start: a}); err != nil {
			fmt.Println(err)
		}
	}
	t := b.Result()
	fmt.Println("expansion", t.Expansion, "new", t.New, "NRR", t.NRR)
	// Output:
	// expansion 100 new 200 NRR 133.3%
}

// An unsorted snapshot stops the join with the snapshot, row and account.
func ExampleSnapshotError() {
	start := []expansion.Account{{ID: "b"}, {ID: "a"}}
	_, err := expansion.Policy{}.Movements(date.Must(2026, 4, 1), date.Must(2027, 4, 1),
		slices.Values(start), slices.Values([]expansion.Account{}))
	var se *expansion.SnapshotError
	if errors.As(err, &se) {
		fmt.Println(se.Side, "row", se.Index, errors.Is(err, expansion.ErrUnsorted))
	}
	fmt.Println(err)
	// Output:
	// start row 1 true
	// expansion: start snapshot: row 1: account "a": id: snapshot not sorted by account: after "b"
}

// A footprint with room up the organisational ladder, or with its seats
// nearly all used, is an expansion lead with its evidence.
func ExamplePolicy_Assess() {
	f := expansion.Footprint{
		Account: "acme", Product: "chat", Seats: 40, Active: 38, Free: 5, UnitPrice: d("500"),
		Scope: expansion.RungDepartment, Department: 45, Company: 400, Group: 2000,
	}
	a, err := expansion.Policy{}.Assess(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("utilisation", a.Utilisation, a.Band)
	for _, r := range a.Ladder {
		fmt.Println(r.Rung, "room", r.Seats, "revenue", r.Revenue)
	}
	fmt.Println("lead", a.Lead, a.Reasons, "target", a.Target.Rung, "convertible", a.Convertible)
	// Output:
	// utilisation 38/40 (95.0%) near-limit
	// department room 5 revenue 2500
	// company room 360 revenue 180000
	// group room 1960 revenue 980000
	// lead true [headroom near-limit] target company convertible 5
}

// Paid users above the population are refused with the field named.
func ExampleFieldError() {
	f := expansion.Footprint{Account: "acme", Product: "chat", Seats: 60, Scope: expansion.RungDepartment, Department: 50}
	err := f.Validate()
	var fe *expansion.FieldError
	if errors.As(err, &fe) {
		fmt.Println(fe.ID, fe.Field, errors.Is(err, expansion.ErrAboveReach))
	}
	fmt.Println(err)
	// Output:
	// acme/chat department true
	// expansion: footprint "acme/chat": department: paid and free users above the population: 60 paid + 0 free > 50
}

// An upsell is priced against the plan ladder and withheld until success
// is visible.
func ExamplePolicy_Propose() {
	c := expansion.Catalogue{
		Plans:   []expansion.Plan{{Name: "business", UnitPrice: d("500")}, {Name: "enterprise", UnitPrice: d("1000")}},
		Options: []expansion.Option{{Name: "sso", Price: d("20000")}},
	}
	u := expansion.Upsell{Account: "acme", Plan: "business", Target: "enterprise", Options: []string{"sso"}, Seats: 40,
		Signals: []expansion.Signal{expansion.SignalOnboarded}}
	p, err := expansion.Policy{}.Propose(c, u)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.PlanRevenue, "+", p.OptionRevenue, "=", p.Revenue, "ready:", p.Ready, "waiting for", p.Missing)
	// Output:
	// 20000 + 20000 = 40000 ready: false waiting for [goal-progress]
}

// The CSQL funnel: a toss-up is credited to CS for the lead; its order is
// the other team's.
func ExamplePolicy_Funnel() {
	day := date.Must(2026, 6, 1)
	leads := []expansion.Lead{
		{ID: "L1", Account: "acme", CSM: "sato", Segment: expansion.SegmentSMB, Kind: expansion.KindSeats,
			Source: expansion.SourceSeminar, Created: day, Verdict: expansion.VerdictAccepted},
		{ID: "L2", Account: "beta", CSM: "sato", Segment: expansion.SegmentSMB, Kind: expansion.KindUnitPrice,
			Source: expansion.SourceUsageReview, Created: day, Verdict: expansion.VerdictRejected, Reason: "no budget this year"},
		{ID: "L3", Account: "acme", CSM: "sato", Segment: expansion.SegmentSMB, Kind: expansion.KindProduct, Team: "attendance",
			Source: expansion.SourceContact, Created: day, Verdict: expansion.VerdictAccepted, Outcome: expansion.OutcomeWon, Amount: d("90000")},
	}
	f, err := expansion.Policy{}.Funnel(date.Must(2026, 6, 30), slices.Values(leads))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("CSQLs", f.CSQLs, "acceptance", f.Acceptance, "to review", len(f.ReviewQueue), f.ReviewQueue[0].Reason)
	fmt.Println("toss-ups credited", f.TossUps.Credited, "won", f.TossUps.Won, "CS's shared revenue", f.CSMs[0].Shared)
	att, _ := f.Attainment([]expansion.Goal{{CSM: "sato", Segment: expansion.SegmentSMB, Count: 4}})
	fmt.Println("goal", att[0].Count)
	// Output:
	// CSQLs 3 acceptance 2/3 (66.7%) to review 1 no budget this year
	// toss-ups credited 1 won 1 CS's shared revenue 0
	// goal 2/4 (50.0%)
}

// Booked changes are totalled by kind and group; a uniform price rise
// applied without CS stays apart from CS upsell.
func ExamplePolicy_ChangeTotals() {
	changes := []expansion.Change{
		{ID: "c1", Account: "acme", Kind: expansion.KindUnitPrice, Amount: d("20000")},
		{ID: "c2", Account: "beta", Kind: expansion.KindUnitPrice, Amount: d("5000"), WithoutCS: true},
		{ID: "c3", Account: "beta", Kind: expansion.KindSeats, Amount: d("3000")},
	}
	t, _ := expansion.Policy{}.ChangeTotals(slices.Values(changes))
	up := t.ByGroup[expansion.GroupUpsell]
	fmt.Println("upsell by CS", up.CS, "price rises without CS", up.WithoutCS)
	fmt.Println("expansion", t.ByGroup[expansion.GroupExpansion].CS)
	// Output:
	// upsell by CS 20000 price rises without CS 5000
	// expansion 3000
}

// A policy read from JSON: missing keys keep their defaults, unknown keys
// are refused.
func ExamplePolicy_UnmarshalJSON() {
	var p expansion.Policy
	err := json.Unmarshal([]byte(`{"product_loss":"churn","near_limit_above":"0.9","grouping":{"option":"expansion"}}`), &p)
	fmt.Println(err, p.ProductLoss, p.NearLimitAbove, p.Grouping.Of(expansion.KindOption), p.Grouping.Of(expansion.KindUnitPrice))

	err = json.Unmarshal([]byte(`{"produkt_loss":"churn"}`), &p)
	fmt.Println(errors.Is(err, expansion.ErrInvalidPolicy))
	// Output:
	// <nil> churn 0.9 expansion upsell
	// true
}

// Which expansion a pricing model makes easiest ranks the opportunities.
func ExamplePricingModel_Profile() {
	p, _ := expansion.PricingUsage.Profile()
	fmt.Println(p.Easiest, p.LTVImpact, "cross-sell ranks", p.Rank(expansion.KindProduct))
	// Output:
	// usage high cross-sell ranks 3
}

// The expected "yes" answers of a seminar survey.
func ExamplePolicy_ExpectedSeminarLeads() {
	n, _ := expansion.Policy{}.ExpectedSeminarLeads(120)
	fmt.Println(n.StringFixed(0))
	// Output:
	// 6
}
