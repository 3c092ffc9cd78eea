package roi_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/roi"
	"github.com/shopspring/decimal"
)

// r is a range low / base / high.
func r(low, base, high string) roi.Range {
	return roi.Range{Low: decimal.RequireFromString(low), Base: decimal.RequireFromString(base), High: decimal.RequireFromString(high)}
}

// leads is the seed's scenario: a customer said the product brought 4,000
// more offline leads. The rates are ours, chosen for the example: 10–20% of
// leads become meetings, 30–50% of meetings opportunities, 20–30% of
// opportunities are won, at JPY 1.0–1.5M a deal.
func leads() roi.Scenario {
	return roi.Scenario{
		Name:   "visualise the network",
		Metric: roi.Metric{Name: "offline leads", Unit: "leads", Value: roi.Point(decimal.New(4000, 0))},
		Logic: roi.RevenueLogic{
			MeetingRate:     r("0.10", "0.15", "0.20"),
			OpportunityRate: r("0.3", "0.4", "0.5"),
			WinRate:         r("0.2", "0.25", "0.3"),
			DealSize:        r("1000000", "1200000", "1500000"),
		},
	}
}

// Example derives the ROI of the seed's 4,000 offline leads for a customer
// paying JPY 12,000,000 a year and writes the explanation for the renewal
// deck.
func Example() {
	c := roi.Case{Account: "acme", Currency: "JPY", AnnualCost: decimal.New(12_000_000, 0), Scenarios: []roi.Scenario{leads()}}
	d, err := c.Derive()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(d.Explain())
	// Output:
	// ROI for acme (low / base / high)
	// 1. visualise the network: offline leads → revenue increase
	//    offline leads: 4,000 leads
	//    × meeting rate 10% / 15% / 20% = 400 / 600 / 800 meetings
	//    × opportunity rate 30% / 40% / 50% = 120 / 240 / 400 opportunities
	//    × win rate 20% / 25% / 30% = 24 / 60 / 120 deals won
	//    × average deal size JPY 1,000,000 / 1,200,000 / 1,500,000 = JPY 24,000,000 / 72,000,000 / 180,000,000 revenue increase
	// Benefit: JPY 24,000,000 / 72,000,000 / 180,000,000
	// Annual cost: JPY 12,000,000
	// ROI = (benefit − annual cost) / annual cost: 100% / 500% / 1,400%
	// Payback = annual cost / (benefit / 12): 6 / 2 / 0.8 months
}

// ExampleCase_Derive adds the seed's second scenario, contacts reused
// inside the company (5–15% of 20,000 contacts, each worth JPY
// 5,000–20,000 to create from scratch), and reads the structured result.
func ExampleCase_Derive() {
	contacts := roi.Scenario{
		Name:   "share the network",
		Metric: roi.Metric{Name: "contacts stored", Unit: "contacts", Value: roi.Point(decimal.New(20000, 0))},
		Logic:  roi.ReuseLogic{ShareReused: r("0.05", "0.1", "0.15"), CostToMake: r("5000", "10000", "20000")},
	}
	c := roi.Case{Account: "acme", AnnualCost: decimal.New(12_000_000, 0), Scenarios: []roi.Scenario{leads(), contacts}}
	d, err := c.Derive()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, k := range d.Contributions {
		last := k.Steps[len(k.Steps)-1]
		fmt.Println(k.Scenario, k.Effect, last.Result.Base.StringFixed(0))
	}
	fmt.Println("benefit", d.Benefit)
	fmt.Println("ROI base", d.ROI.Base.StringFixed(roi.ROIPlaces), "payback base", d.Payback.Base)
	// Output:
	// visualise the network revenue_increase 72000000
	// share the network cost_reduction 20000000
	// benefit 29,000,000 / 92,000,000 / 240,000,000
	// ROI base 6.6666 payback base 1.6 months
}

// ticketsLogic is a host's own logic: support tickets avoided, at so many
// minutes each, valued per minute of an agent's loaded cost.
type ticketsLogic struct{ minutes, perMinute roi.Range }

func (ticketsLogic) Effect() roi.Effect { return roi.EffectCost }

func (l ticketsLogic) Steps(roi.Metric) ([]roi.Step, error) {
	return []roi.Step{
		{Op: roi.OpMultiply, Name: "minutes per ticket", Measure: roi.MeasureCount, Operand: l.minutes, Unit: "minutes", Yields: roi.MeasureCount},
		{Op: roi.OpMultiply, Name: "cost per minute", Measure: roi.MeasureMoney, Operand: l.perMinute, Unit: "cost reduction", Yields: roi.MeasureMoney},
	}, nil
}

// Example_hostLogic plugs a host's own logic into a scenario. The
// derivation computes and checks every step's result. The low ROI,
// (400,000 − 600,000) / 600,000 = −0.33333…, rounds down to −33.34%.
func Example_hostLogic() {
	c := roi.Case{Account: "beta", AnnualCost: decimal.New(600_000, 0), Scenarios: []roi.Scenario{{
		Name:   "self-service help centre",
		Metric: roi.Metric{Name: "tickets avoided", Unit: "tickets", Value: r("1000", "1500", "2000")},
		Logic:  ticketsLogic{minutes: r("10", "12", "15"), perMinute: r("40", "50", "60")},
	}}}
	d, err := c.Derive()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(d.Explain())
	// Output:
	// ROI for beta (low / base / high)
	// 1. self-service help centre: tickets avoided → cost reduction
	//    tickets avoided: 1,000 / 1,500 / 2,000 tickets
	//    × minutes per ticket 10 / 12 / 15 = 10,000 / 18,000 / 30,000 minutes
	//    × cost per minute 40 / 50 / 60 = 400,000 / 900,000 / 1,800,000 cost reduction
	// Benefit: 400,000 / 900,000 / 1,800,000
	// Annual cost: 600,000
	// ROI = (benefit − annual cost) / annual cost: -33.34% / 50% / 200%
	// Payback = annual cost / (benefit / 12): 18 / 8 / 4 months
}

// Example_readJSON reads a case as a host stores it: the logic is named
// by its kind, and a single number is a range whose three points are
// equal.
func Example_readJSON() {
	text := `{
	  "account": "gamma", "currency": "USD", "annual_cost": "24000",
	  "scenarios": [{
	    "name": "automate the weekly report",
	    "metric": {"name": "hours saved", "unit": "hours", "value": {"low": "300", "base": "400", "high": "500"}},
	    "logic": {"kind": "hours", "hourly_cost": "60"}
	  }]
	}`
	var c roi.Case
	if err := json.Unmarshal([]byte(text), &c); err != nil {
		fmt.Println(err)
		return
	}
	d, err := c.Derive()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("benefit", d.Benefit)
	fmt.Println("ROI", d.ROI)
	// Output:
	// benefit 18,000 / 24,000 / 30,000
	// ROI -0.25 / 0 / 0.25
}

// ExampleFieldError matches a bad input with errors.Is and finds the
// account and field with errors.As.
func ExampleFieldError() {
	s := leads()
	l := s.Logic.(roi.RevenueLogic)
	l.WinRate = r("0.2", "0.25", "1.3") // 130%: not a rate
	s.Logic = l
	_, err := roi.Case{Account: "acme", AnnualCost: decimal.New(1, 0), Scenarios: []roi.Scenario{s}}.Derive()
	var fe *roi.FieldError
	if errors.As(err, &fe) {
		fmt.Println(fe.ID, fe.Field, errors.Is(err, roi.ErrRateOutOfRange))
	}
	fmt.Println(err)

	_, err = roi.Case{Account: "acme", Scenarios: []roi.Scenario{leads()}}.Derive()
	fmt.Println(errors.Is(err, roi.ErrCostNotPositive))
	// Output:
	// acme scenarios[0].logic.win_rate true
	// roi: account "acme": scenarios[0].logic.win_rate: rate outside [0, 1]: high 1.3
	// true
}

// ExampleClaimPolicy_Review checks whether a claim may be published: only
// once three different customers confirmed its logic. KnownOn replays the
// claim as it stood on an earlier day.
func ExampleClaimPolicy_Review() {
	c := roi.Claim{
		ID:        "offline-leads",
		Statement: "4,000 more offline leads bring JPY 24M to 180M of revenue a year",
		Scenario:  leads(),
		Confirmations: []roi.Confirmation{
			{Customer: "acme", On: date.Must(2027, time.January, 12), Note: "head of sales: that may be right"},
			{Customer: "beta", On: date.Must(2027, time.February, 3)},
			{Customer: "acme", On: date.Must(2027, time.February, 20)},
			{Customer: "gamma", On: date.Must(2027, time.March, 9)},
		},
	}
	for _, asOf := range []date.Date{date.Must(2027, time.February, 28), date.Must(2027, time.March, 31)} {
		p, err := roi.ClaimPolicy{}.Review(c.KnownOn(asOf), asOf)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(asOf, "publishable:", p.Publishable, len(p.Customers), "of", p.Required, p.Customers)
		if p.Publishable {
			fmt.Println("publishable since", p.Since)
		}
	}
	// Output:
	// 2027-02-28 publishable: false 2 of 3 [acme beta]
	// 2027-03-31 publishable: true 3 of 3 [acme beta gamma]
	// publishable since 2027-03-09
}

// ExampleGoal_Progress measures an outcome the customer set at
// introduction for the renewal's goal-progress review.
func ExampleGoal_Progress() {
	g := roi.Goal{
		Account: "acme", Name: "offline leads a quarter", Unit: "leads",
		Baseline: roi.Reading{Value: decimal.New(1000, 0), On: date.Must(2026, time.April, 1)},
		Current:  roi.Reading{Value: decimal.New(3000, 0), On: date.Must(2026, time.September, 30)},
		Target:   roi.Reading{Value: decimal.New(5000, 0), On: date.Must(2027, time.April, 1)},
	}
	p, err := g.Progress(date.Must(2026, time.October, 15))
	if err != nil {
		fmt.Println(err)
		return
	}
	// 2,000 of 4,000 delivered after 182 of 365 days: the share, rounded
	// down, is 0.5; the time 182 / 365 = 0.49863… → 0.4986.
	fmt.Println(p.Goal, "as of", p.Measured, "due", p.Due)
	fmt.Println(p.Delivered, "of", p.Gap, p.Unit, "share", p.Share.StringFixed(4), "elapsed", p.Elapsed.StringFixed(4), "on track", p.OnTrack)
	// Output:
	// offline leads a quarter as of 2026-09-30 due 2027-04-01
	// 2000 of 4000 leads share 0.5000 elapsed 0.4986 on track true
}

// ExampleSummarize totals the ROI of a book of accounts, with the ROI
// bands read from a config in JSON: (12M + 0.6M + 24k) cost against
// (24M + 0.4M + 18k) / … benefit. The ROI rounds down and the payback up,
// so neither overstates: 11,794,000 / 12,624,000 = 0.93425… is 93.42%,
// 12 × 12,624,000 / 24,418,000 = 6.2039… months is 6.3.
func ExampleSummarize() {
	var cfg roi.PortfolioConfig
	if err := json.Unmarshal([]byte(`{"cuts": ["0", "1"]}`), &cfg); err != nil {
		fmt.Println(err)
		return
	}
	book := []roi.Estimate{
		{Account: "acme", Benefit: r("24000000", "72000000", "180000000"), AnnualCost: decimal.New(12_000_000, 0)},
		{Account: "beta", Benefit: r("400000", "900000", "1800000"), AnnualCost: decimal.New(600_000, 0)},
		{Account: "gamma", Benefit: r("18000", "24000", "30000"), AnnualCost: decimal.New(24_000, 0)},
	}
	s, err := roi.Summarize(cfg, slices.Values(book))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("below 0%:", s.Bands[0].Base, "accounts at the base point; lowest", s.Lowest.Account)
	fmt.Print(s.Explain(""))
	// Output:
	// below 0%: 0 accounts at the base point; lowest gamma
	// ROI of 3 accounts (low / base / high)
	// Benefit: 24,418,000 / 72,924,000 / 181,830,000
	// Annual cost: 12,624,000
	// ROI = (benefit − annual cost) / annual cost: 93.42% / 477.66% / 1,340.35%
	// Payback = annual cost / (benefit / 12): 6.3 / 2.1 / 0.9 months
	// Accounts by ROI:
	//   below 0%: 2 / 0 / 0
	//   0% to 100%: 0 / 2 / 1
	//   100% and more: 1 / 1 / 2
	// Lowest ROI (base): gamma 0%
	// Highest ROI (base): acme 500%
}
