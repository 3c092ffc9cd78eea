package churn_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cskit/cskit/churn"
	"github.com/cskit/cskit/date"
	"github.com/shopspring/decimal"
)

func yen(n int64) decimal.Decimal { return decimal.NewFromInt(n) }

// A case opens when the admin hints at cancelling, and climbs when the
// decision-maker speaks. Each phase change triggers that phase's plays;
// the costly ones of B are withheld for an account that does not matter.
func ExamplePolicy_Move() {
	c := churn.Case{
		ID: "case-042", Account: "hokuto", Owner: "sato",
		ARRAtRisk: yen(1_200_000), RenewalDate: date.Must(2027, time.March, 31),
		Tier: 3, AccountARR: yen(1_200_000),
		Reasons: []churn.Reason{{Kind: churn.ReasonValueUnexplained, Avoidable: true}},
	}
	p := churn.Policy{KeyTier: 2}
	moves := []churn.Transition{
		{Date: date.Must(2026, time.November, 2), Event: churn.EventAdminHint, By: "Tanaka, IT admin", Note: "cannot explain the effect to the board"},
		{Date: date.Must(2026, time.December, 1), Event: churn.EventDecisionMakerConsidering, By: "CFO"},
	}
	for _, t := range moves {
		next, plays, err := p.Move(c, t)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s %s -> phase %s\n", t.Date, t.Event, next.Phase())
		for _, d := range plays {
			if d.Withheld {
				fmt.Printf("  withheld %s: %s\n", d.Play.Name, d.Why)
			} else {
				fmt.Printf("  due      %s\n", d.Play.Name)
			}
		}
		c = next
	}
	// Output:
	// 2026-11-02 admin-hint -> phase a
	//   due      listen
	//   due      no-easy-discount
	//   due      approval-scenario
	// 2026-12-01 decision-maker-considering -> phase b
	//   withheld success-acceleration: tier 3 is not a key tier (1-2); no key ARR is set
	//   withheld champion-voices: tier 3 is not a key tier (1-2); no key ARR is set
	//   withheld executive-escalation: tier 3 is not a key tier (1-2); no key ARR is set
}

// An illegal move names the phase and the event; match it with errors.As.
func ExampleMoveError() {
	c := churn.Case{
		ID: "case-042", Account: "hokuto", Owner: "sato", ARRAtRisk: yen(500_000),
		RenewalDate: date.Must(2027, time.March, 31), AccountARR: yen(500_000),
		Reasons: []churn.Reason{{Kind: churn.ReasonBudgetCut}},
		History: []churn.Transition{{Date: date.Must(2026, time.December, 1), Event: churn.EventDecisionMakerConsidering}},
	}
	_, _, err := churn.Policy{}.Move(c, churn.Transition{Date: date.Must(2026, time.December, 5), Event: churn.EventFrontLineHint})
	var me *churn.MoveError
	if errors.As(err, &me) {
		fmt.Println("refused:", me.From, me.Event, errors.Is(err, churn.ErrIllegalMove))
	}
	var fe *churn.FieldError
	if errors.As(err, &fe) {
		fmt.Println("case:", fe.ID, "field:", fe.Field)
	}
	fmt.Println(err)
	// Output:
	// refused: b front-line-hint true
	// case: case-042 field: history[1].event
	// churn: case "case-042": history[1].event: illegal move: phase b does not move on front-line-hint
}

// book is three open cases and two closed ones, as of 2027-01-31.
func book() []churn.Case {
	open := date.Must(2027, time.January, 5)
	mk := func(id, owner string, arr int64, renews date.Date, reason churn.ReasonKind, events ...churn.Event) churn.Case {
		c := churn.Case{ID: id, Account: id, Owner: owner, ARRAtRisk: yen(arr), RenewalDate: renews, AccountARR: yen(arr),
			Reasons: []churn.Reason{{Kind: reason, Avoidable: true}}}
		for i, e := range events {
			t := churn.Transition{Date: open.AddDays(7 * i), Event: e}
			if e == churn.EventChurned {
				t.Lost = yen(arr)
			}
			c.History = append(c.History, t)
		}
		return c
	}
	return []churn.Case{
		mk("hokuto", "sato", 1_200_000, date.Must(2027, time.March, 31), churn.ReasonValueUnexplained, churn.EventAdminHint),
		mk("minato", "sato", 500_000, date.Must(2027, time.April, 30), churn.ReasonProductGap, churn.EventAdminHint, churn.EventDecisionMakerConsidering),
		mk("sakura", "kato", 2_000_000, date.Must(2027, time.March, 15), churn.ReasonBudgetCut, churn.EventCancellationDecided),
		mk("kaede", "kato", 900_000, date.Must(2027, time.June, 30), churn.ReasonValueUnexplained, churn.EventFrontLineHint, churn.EventSaved),
		mk("tsubaki", "kato", 300_000, date.Must(2027, time.February, 28), churn.ReasonCompetitor, churn.EventDecisionMakerConsidering, churn.EventChurned),
	}
}

// The negative forecast of a book: ARR at risk times the phase weight
// (A 0.6, B 0.8, C 0.95 by default), summed exactly.
func ExamplePolicy_Forecast() {
	f, err := churn.Policy{}.Forecast(slices.Values(book()), date.Must(2027, time.January, 31))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("open %d, at risk %s, expected loss %s\n", f.Total.Cases, f.Total.ARRAtRisk.StringFixed(0), f.Total.ExpectedLoss.StringFixed(0))
	for _, g := range f.ByPhase {
		fmt.Printf("  phase %s: %d at risk %s, expected %s\n", g.Phase, g.Totals.Cases, g.Totals.ARRAtRisk.StringFixed(0), g.Totals.ExpectedLoss.StringFixed(0))
	}
	for _, g := range f.ByOwner {
		fmt.Printf("  %s: expected %s\n", g.Owner, g.Totals.ExpectedLoss.StringFixed(0))
	}
	fmt.Printf("closed: %d saved, %d churned\n", f.Saved, f.Churned)
	// Output:
	// open 3, at risk 3700000, expected loss 3020000
	//   phase a: 1 at risk 1200000, expected 720000
	//   phase b: 1 at risk 500000, expected 400000
	//   phase c: 1 at risk 2000000, expected 1900000
	//   kato: expected 1900000
	//   sato: expected 1120000
	// closed: 1 saved, 1 churned
}

// A case's expected loss is a plain amount: a host hands it to its
// renewal forecast as that renewal's risk adjustment, and neither package
// imports the other.
func ExamplePolicy_ExpectedLoss() {
	c := book()[1] // minato, phase B, 500,000 at risk
	loss, err := churn.Policy{}.ExpectedLoss(c)
	if err != nil {
		fmt.Println(err)
		return
	}
	riskAdjustment := loss // renewal.Renewal{..., RiskAdjustment: riskAdjustment}
	fmt.Println(c.Account, "risk adjustment", riskAdjustment.StringFixed(0))
	// Output:
	// minato risk adjustment 400000
}

// Save rates, each with its numerator and denominator; open cases are
// reported apart.
func ExamplePolicy_KPIs() {
	k, err := churn.Policy{}.KPIs(slices.Values(book()), date.Must(2027, time.January, 31))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("overall:", k.Overall.SaveRate(), "open", k.Overall.Open)
	fmt.Println("opened at A or B:", k.Early.SaveRate(), k.EarlyStanding, "the benchmark",
		k.Benchmark.Low.StringFixed(2), "-", k.Benchmark.High.StringFixed(2))
	for _, r := range k.ByReason {
		all := r.All()
		fmt.Printf("  %s: %s, lost %s, saved %s\n", r.Reason, all.SaveRate(), all.LostARR.StringFixed(0), all.SavedARR.StringFixed(0))
	}
	for _, d := range k.DaysInPhase {
		fmt.Printf("  phase %s: %d left after %d days, %d still in it\n", d.Phase, d.Left, d.LeftDays, d.In)
	}
	// Output:
	// overall: 1/2 (50.0%) open 3
	// opened at A or B: 1/2 (50.0%) above the benchmark 0.20 - 0.30
	//   value-unexplained: 1/1 (100.0%), lost 0, saved 900000
	//   budget-cut: no data, lost 0, saved 0
	//   product-gap: no data, lost 0, saved 0
	//   competitor: 0/1 (0.0%), lost 300000, saved 0
	//   phase a: 2 left after 14 days, 1 still in it
	//   phase b: 1 left after 7 days, 1 still in it
	//   phase c: 0 left after 0 days, 1 still in it
}

// Reading a team's policy from JSON: keys left out keep their defaults,
// unknown keys and weights outside [0, 1] are refused.
func ExamplePolicy_UnmarshalJSON() {
	var p churn.Policy
	err := json.Unmarshal([]byte(`{"weights": {"a": "0.5", "b": "0.75", "c": "1"}, "key_arr": "5000000"}`), &p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("B weighs", p.Weights.B, "; key ARR", p.KeyARR, "; plays", len(churn.DefaultPlays()), "by default")

	err = json.Unmarshal([]byte(`{"weights": {"a": "0.5", "b": "0.75", "c": "1.2"}}`), &p)
	fmt.Println(errors.Is(err, churn.ErrInvalidPolicy), err)
	// Output:
	// B weighs 0.75 ; key ARR 5000000 ; plays 9 by default
	// true churn: decoding policy: weights.c: invalid policy: weight 1.2 outside [0, 1]
}

// Early warnings from two snapshots of an account, each with its
// evidence, so a host can open a case.
func ExampleWarnings() {
	before := churn.Snapshot{Account: "hokuto", Date: date.Must(2026, time.October, 1), Seats: 120, Plan: "pro", PlanRank: 3,
		Options: []string{"sso", "api"}, Champion: "Suzuki", Onboarded: true}
	after := churn.Snapshot{Account: "hokuto", Date: date.Must(2027, time.January, 1), Seats: 95, Plan: "pro", PlanRank: 3,
		Options: []string{"api"}, GrowthFailed: true, Champion: "Ito", Onboarded: true}
	ws, err := churn.Warnings(before, after)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range ws {
		fmt.Printf("%s: %s %q -> %q\n", w.Signal, w.Field, w.Before, w.After)
	}
	// Output:
	// contraction: seats "120" -> "95"
	// option-cancelled: options "sso" -> ""
	// growth-failed: growth_failed "false" -> "true"
	// champion-change: champion "Suzuki" -> "Ito"
}

// Add refuses a case whose ID it counted before, naming the case, and
// leaves the accumulator as it was; the other cases count.
func ExampleForecastAcc_Add() {
	acc, err := churn.NewForecastAcc(churn.Policy{}, date.Must(2027, time.January, 31))
	if err != nil {
		fmt.Println(err)
		return
	}
	b := book()
	for _, c := range append(b, b[2]) {
		if err := acc.Add(c); err != nil {
			fmt.Println(errors.Is(err, churn.ErrDuplicateCase), err)
		}
	}
	fmt.Println(acc.Result().Total.Cases, "open cases counted")
	// Output:
	// true churn: case "sakura": id: duplicate case ID: case "sakura" is already in the book
	// 3 open cases counted
}
