package renewal_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/renewal"
	"github.com/shopspring/decimal"
)

// forecastBook is a small book renewing in fiscal year 2027 (April 2027
// to March 2028 under the zero fiscal calendar):
//
//	hokuto  ¥1,200,000, renewed on 2027-04-20 at ¥1,500,000
//	sakura  ¥2,400,000, churned on 2027-06-10
//	minato  ¥600,000, renews 2028-01-31; commit call ¥550,000, risk ¥100,000
//	kaede   ¥800,000, renews 2027-05-31; no call yet
func forecastBook() []renewal.Renewal {
	yen := func(n int64) decimal.Decimal { return decimal.NewFromInt(n) }
	return []renewal.Renewal{
		{
			Contract: renewal.Contract{ID: "hokuto", Start: date.Must(2026, time.April, 30), TermMonths: 12, ARR: yen(1_200_000)},
			Due:      date.Must(2027, time.April, 30),
			Outcome:  renewal.Outcome{Result: renewal.ResultRenewed, Date: date.Must(2027, time.April, 20), Final: yen(1_500_000)},
		},
		{
			Contract: renewal.Contract{ID: "sakura", Start: date.Must(2026, time.June, 15), TermMonths: 12, ARR: yen(2_400_000)},
			Due:      date.Must(2027, time.June, 15),
			Outcome:  renewal.Outcome{Result: renewal.ResultChurned, Date: date.Must(2027, time.June, 10)},
		},
		{
			Contract: renewal.Contract{ID: "minato", Start: date.Must(2025, time.January, 31), TermMonths: 12, AutoRenew: true, ARR: yen(600_000)},
			Calls: []renewal.Call{
				{Date: date.Must(2027, time.June, 1), Amount: yen(550_000), Category: renewal.CategoryCommit},
			},
			RiskAdjustment: yen(100_000),
		},
		{
			Contract: renewal.Contract{ID: "kaede", Start: date.Must(2026, time.May, 31), TermMonths: 12, ARR: yen(800_000)},
		},
	}
}

// The renewal forecast of a fiscal year, read quarter by quarter.
func ExamplePolicy_Forecast() {
	fy2027 := renewal.DateRange{From: date.Must(2027, time.April, 1), To: date.Must(2028, time.April, 1)}
	asOf := date.Must(2027, time.July, 1)
	f, err := renewal.Policy{}.Forecast(slices.Values(forecastBook()), asOf, fy2027, date.FiscalCalendar{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range f.Quarters() {
		t := q.Total()
		fmt.Printf("FY%d Q%d: count %d, target %s, forecast %s, risk-adjusted %s, upsell %s, lost %s\n",
			q.FiscalYear, q.Quarter, t.Count, t.Target.StringFixed(0), t.Forecast.StringFixed(0),
			t.RiskAdjusted.StringFixed(0), t.Upsell.StringFixed(0), t.Lost.StringFixed(0))
	}
	// Output:
	// FY2027 Q1: count 3, target 4400000, forecast 2300000, risk-adjusted 2300000, upsell 300000, lost 2400000
	// FY2027 Q2: count 0, target 0, forecast 0, risk-adjusted 0, upsell 0, lost 0
	// FY2027 Q3: count 0, target 0, forecast 0, risk-adjusted 0, upsell 0, lost 0
	// FY2027 Q4: count 1, target 600000, forecast 550000, risk-adjusted 450000, upsell 0, lost 0
}

// One quarter split by forecast category: what is closed, committed and
// still in the pipeline.
func ExampleForecast_Quarter() {
	fy2027 := renewal.DateRange{From: date.Must(2027, time.April, 1), To: date.Must(2028, time.April, 1)}
	f, err := renewal.Policy{}.Forecast(slices.Values(forecastBook()), date.Must(2027, time.July, 1), fy2027, date.FiscalCalendar{})
	if err != nil {
		fmt.Println(err)
		return
	}
	q1, ok := f.Quarter(2027, 1)
	if !ok {
		fmt.Println("FY2027 Q1 is outside the period")
		return
	}
	fmt.Println("FY2027 Q1:", q1.From, "to", q1.To)
	for _, c := range []renewal.Category{renewal.CategoryClosed, renewal.CategoryCommit, renewal.CategoryBestCase, renewal.CategoryPipeline, renewal.CategoryOmitted} {
		t := q1.ByCategory(c)
		fmt.Printf("  %-9s %d  target %8s  forecast %8s\n", c, t.Count, t.Target.StringFixed(0), t.Forecast.StringFixed(0))
	}
	// Output:
	// FY2027 Q1: 2027-04-01 to 2027-07-01
	//   closed    2  target  3600000  forecast  1500000
	//   commit    0  target        0  forecast        0
	//   best-case 0  target        0  forecast        0
	//   pipeline  1  target   800000  forecast   800000
	//   omitted   0  target        0  forecast        0
}

// The same range rolled up by a December fiscal year: the range touches
// two fiscal years, each only in part.
func ExampleForecast_Year() {
	fy2027 := renewal.DateRange{From: date.Must(2027, time.April, 1), To: date.Must(2028, time.April, 1)}
	december := date.FiscalCalendar{EndMonth: time.December}
	f, err := renewal.Policy{}.Forecast(slices.Values(forecastBook()), date.Must(2027, time.July, 1), fy2027, december)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, fy := range []int{2027, 2028} {
		y, _ := f.Year(fy)
		t := y.Total()
		fmt.Printf("FY%d (%s to %s): count %d, target %s, final %s\n",
			fy, y.From, y.To, t.Count, t.Target.StringFixed(0), t.Final.StringFixed(0))
	}
	// Output:
	// FY2027 (2027-04-01 to 2028-01-01): count 3, target 4400000, final 1500000
	// FY2028 (2028-01-01 to 2028-04-01): count 1, target 600000, final 0
}

// Totals encode every amount as an exact quoted decimal, whatever
// shopspring/decimal's package variables say.
func ExampleTotals_MarshalJSON() {
	fy2027 := renewal.DateRange{From: date.Must(2027, time.April, 1), To: date.Must(2028, time.April, 1)}
	f, err := renewal.Policy{}.Forecast(slices.Values(forecastBook()), date.Must(2027, time.July, 1), fy2027, date.FiscalCalendar{})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := json.Marshal(f.Total().Renewed)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output:
	// {"count":1,"target":"1200000","forecast":"1500000","risk_adjusted":"1500000","final":"1500000","retained":"1200000","upsell":"300000","downsell":"0","lost":"0","flat_count":0,"upsell_count":1,"downsell_count":0,"lost_count":0}
}
