package renewal

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/booktest"
	"github.com/cskit/cskit/internal/dectest"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fcDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func fcDay(y int, m time.Month, d int) date.Date { return date.Must(y, m, d) }

// fcFY2027 is fiscal year 2027 under the zero calendar: April 2027 to
// March 2028.
var fcFY2027 = DateRange{From: fcDay(2027, time.April, 1), To: fcDay(2028, time.April, 1)}

var fcAsOf = fcDay(2027, time.July, 1)

// fcBook is the hand-computed book:
//
//	upsell  ¥1,200,000 target renewed 2027-04-30 at ¥1,500,000 (upsell ¥300,000)
//	churn   ¥2,400,000 churned, renews 2027-06-15
//	commit  ¥600,000 open, renews 2028-01-31 (auto-renewing since 2025-01-31);
//	        latest call: commit ¥550,000; risk ¥100,000 → ¥450,000.
func fcBook() []Renewal {
	return []Renewal{
		{
			Contract: Contract{ID: "upsell", Start: fcDay(2026, time.April, 30), TermMonths: 12, ARR: fcDec("1200000")},
			Due:      fcDay(2027, time.April, 30),
			Calls:    []Call{{Date: fcDay(2027, time.March, 1), Amount: fcDec("1300000"), Category: CategoryBestCase}},
			Outcome:  Outcome{Result: ResultRenewed, Date: fcDay(2027, time.April, 20), Final: fcDec("1500000")},
		},
		{
			Contract: Contract{ID: "churn", Start: fcDay(2026, time.June, 15), TermMonths: 12, ARR: fcDec("2400000")},
			Due:      fcDay(2027, time.June, 15),
			Outcome:  Outcome{Result: ResultChurned, Date: fcDay(2027, time.June, 10)},
		},
		{
			Contract: Contract{ID: "commit", Start: fcDay(2025, time.January, 31), TermMonths: 12, AutoRenew: true,
				Notice: date.Months(1), ARR: fcDec("600000")},
			Calls: []Call{
				{Date: fcDay(2027, time.June, 1), Amount: fcDec("550000"), Category: CategoryCommit},
				{Date: fcDay(2027, time.May, 1), Amount: fcDec("600000"), Category: CategoryBestCase},
			},
			RiskAdjustment: fcDec("100000"),
		},
	}
}

// want is an expected Totals written as strings; empty amounts are zero.
type fcWant struct {
	count                                                           int
	target, forecast, risk, final, retained, upsell, downsell, lost string
	flat, upsells, downsells, losts                                 int
}

func fcAssertTotals(t *testing.T, w fcWant, got Totals, what string) {
	t.Helper()
	amt := func(s string) string {
		if s == "" {
			return "0"
		}
		return s
	}
	assert.Equal(t, w.count, got.Count, "%s: count", what)
	for _, c := range []struct {
		name string
		want string
		got  decimal.Decimal
	}{
		{"target", w.target, got.Target}, {"forecast", w.forecast, got.Forecast},
		{"risk-adjusted", w.risk, got.RiskAdjusted}, {"final", w.final, got.Final},
		{"retained", w.retained, got.Retained}, {"upsell", w.upsell, got.Upsell},
		{"downsell", w.downsell, got.Downsell}, {"lost", w.lost, got.Lost},
	} {
		assert.Equal(t, amt(c.want), money.Format(c.got), "%s: %s", what, c.name)
	}
	assert.Equal(t, [4]int{w.flat, w.upsells, w.downsells, w.losts},
		[4]int{got.FlatCount, got.UpsellCount, got.DownsellCount, got.LostCount}, "%s: booking counts", what)
}

var (
	fcUpsell = fcWant{count: 1, target: "1200000", forecast: "1500000", risk: "1500000", final: "1500000", retained: "1200000", upsell: "300000", upsells: 1}
	fcChurn  = fcWant{count: 1, target: "2400000", lost: "2400000", losts: 1}
	fcCommit = fcWant{count: 1, target: "600000", forecast: "550000", risk: "450000"}
	fcAll    = fcWant{count: 3, target: "4200000", forecast: "2050000", risk: "1950000", final: "1500000", retained: "1200000", upsell: "300000", lost: "2400000", upsells: 1, losts: 1}
	fcQ1     = fcWant{count: 2, target: "3600000", forecast: "1500000", risk: "1500000", final: "1500000", retained: "1200000", upsell: "300000", lost: "2400000", upsells: 1, losts: 1}
)

// fcRun forecasts book over span, by the zero fiscal calendar or the one
// given.
func fcRun(t *testing.T, book []Renewal, asOf date.Date, span DateRange, fiscal ...date.FiscalCalendar) Forecast {
	t.Helper()
	var fc date.FiscalCalendar
	if len(fiscal) > 0 {
		fc = fiscal[0]
	}
	f, err := Policy{}.Forecast(slices.Values(book), asOf, span, fc)
	require.NoError(t, err)
	return f
}

func TestForecastMonths(t *testing.T) {
	f := fcRun(t, fcBook(), fcAsOf, fcFY2027, date.FiscalCalendar{})
	require.Len(t, f.Months, 12)
	assert.Equal(t, fcAsOf, f.AsOf)
	assert.Equal(t, time.March, f.Fiscal.EndMonth, "the zero calendar is written out")

	apr, ok := f.Month(2027, time.April)
	require.True(t, ok)
	fcAssertTotals(t, fcUpsell, apr.Renewed, "April renewed")
	fcAssertTotals(t, fcUpsell, apr.Total(), "April")
	fcAssertTotals(t, fcUpsell, apr.ByCategory(CategoryClosed), "April closed")
	fcAssertTotals(t, fcWant{}, apr.ByResult(ResultOpen), "April open")
	assert.Equal(t, fcDay(2027, time.April, 1), apr.From)
	assert.Equal(t, fcDay(2027, time.May, 1), apr.To)
	assert.Equal(t, [2]int{2027, 1}, [2]int{apr.FiscalYear, apr.Quarter})

	jun, ok := f.Month(2027, time.June)
	require.True(t, ok)
	fcAssertTotals(t, fcChurn, jun.Churned, "June churned")
	fcAssertTotals(t, fcChurn, jun.ByResult(ResultChurned), "June by result")
	fcAssertTotals(t, fcWant{}, jun.Renewed, "June renewed")

	jan, ok := f.Month(2028, time.January)
	require.True(t, ok)
	fcAssertTotals(t, fcCommit, jan.Commit, "January commit")
	fcAssertTotals(t, fcCommit, jan.ByResult(ResultOpen), "January open")
	fcAssertTotals(t, fcCommit, jan.ByCategory(CategoryCommit), "January by category")
	fcAssertTotals(t, fcWant{}, jan.Omitted, "the omitted call after asOf is ignored")
	assert.Equal(t, [2]int{2027, 4}, [2]int{jan.FiscalYear, jan.Quarter})

	may, ok := f.Month(2027, time.May)
	require.True(t, ok)
	fcAssertTotals(t, fcWant{}, may.Total(), "May")

	for _, m := range []struct {
		y int
		m time.Month
	}{{2027, time.March}, {2028, time.April}, {2027, 0}, {2027, 13}} {
		_, ok := f.Month(m.y, m.m)
		assert.False(t, ok, "%d-%d is outside the period", m.y, m.m)
	}
}

func TestForecastMarchCalendar(t *testing.T) {
	f := fcRun(t, fcBook(), fcAsOf, fcFY2027, date.FiscalCalendar{})

	q1, ok := f.Quarter(2027, 1)
	require.True(t, ok)
	fcAssertTotals(t, fcQ1, q1.Total(), "FY2027 Q1")
	fcAssertTotals(t, fcUpsell, q1.Renewed, "FY2027 Q1 renewed")
	fcAssertTotals(t, fcChurn, q1.Churned, "FY2027 Q1 churned")
	assert.Equal(t, fcDay(2027, time.April, 1), q1.From)
	assert.Equal(t, fcDay(2027, time.July, 1), q1.To)
	assert.Equal(t, [2]int{2027, 1}, [2]int{q1.FiscalYear, q1.Quarter})

	q2, ok := f.Quarter(2027, 2)
	require.True(t, ok)
	fcAssertTotals(t, fcWant{}, q2.Total(), "FY2027 Q2")

	q4, ok := f.Quarter(2027, 4)
	require.True(t, ok)
	fcAssertTotals(t, fcCommit, q4.Total(), "FY2027 Q4")
	assert.Equal(t, fcDay(2028, time.January, 1), q4.From)
	assert.Equal(t, fcDay(2028, time.April, 1), q4.To)

	y, ok := f.Year(2027)
	require.True(t, ok)
	fcAssertTotals(t, fcAll, y.Total(), "FY2027")
	assert.Equal(t, [2]int{2027, 0}, [2]int{y.FiscalYear, y.Quarter})
	fcAssertTotals(t, fcAll, f.Total().Total(), "period")

	for _, q := range [][2]int{{2026, 4}, {2028, 1}, {2027, 0}, {2027, 5}} {
		_, ok := f.Quarter(q[0], q[1])
		assert.False(t, ok, "FY%d Q%d", q[0], q[1])
	}
	_, ok = f.Year(2028)
	assert.False(t, ok)

	assert.Len(t, f.Quarters(), 4)
	years := f.Years()
	require.Len(t, years, 1)
	fcAssertTotals(t, fcAll, years[0].Total(), "Years()[0]")

	// Totals by category and result over the period.
	tot := f.Total()
	fcAssertTotals(t, fcCommit, tot.ByCategory(CategoryCommit), "commit")
	fcAssertTotals(t, fcWant{}, tot.ByCategory(CategoryPipeline), "pipeline")
	fcAssertTotals(t, fcWant{}, tot.ByCategory(CategoryBestCase), "best case")
	fcAssertTotals(t, fcWant{}, tot.ByCategory(CategoryOmitted), "omitted")
	fcAssertTotals(t, fcWant{count: 2, target: "3600000", forecast: "1500000", risk: "1500000", final: "1500000", retained: "1200000", upsell: "300000", lost: "2400000", upsells: 1, losts: 1}, tot.ByCategory(CategoryClosed), "closed")
	fcAssertTotals(t, fcCommit, tot.ByResult(ResultOpen), "open")
	fcAssertTotals(t, fcUpsell, tot.ByResult(ResultRenewed), "renewed")
	fcAssertTotals(t, fcChurn, tot.ByResult(ResultChurned), "churned")
	fcAssertTotals(t, fcWant{}, tot.ByCategory(0), "invalid category")
	fcAssertTotals(t, fcWant{}, tot.ByResult(9), "invalid result")
}

func TestForecastMarchNamedByEnd(t *testing.T) {
	f := fcRun(t, fcBook(), fcAsOf, fcFY2027, date.FiscalCalendar{Naming: date.NamedByEnd})
	_, ok := f.Year(2027)
	assert.False(t, ok, "April 2027 to March 2028 is FY2028 named by end")
	y, ok := f.Year(2028)
	require.True(t, ok)
	fcAssertTotals(t, fcAll, y.Total(), "FY2028")
	q1, ok := f.Quarter(2028, 1)
	require.True(t, ok)
	fcAssertTotals(t, fcQ1, q1.Total(), "FY2028 Q1")
}

func TestForecastDecemberCalendar(t *testing.T) {
	f := fcRun(t, fcBook(), fcAsOf, fcFY2027, date.FiscalCalendar{EndMonth: time.December})

	_, ok := f.Quarter(2027, 1)
	assert.False(t, ok, "January to March 2027 is before the period")
	q2, ok := f.Quarter(2027, 2)
	require.True(t, ok)
	fcAssertTotals(t, fcQ1, q2.Total(), "2027 Q2 (April to June)")
	q1, ok := f.Quarter(2028, 1)
	require.True(t, ok)
	fcAssertTotals(t, fcCommit, q1.Total(), "2028 Q1")

	y27, ok := f.Year(2027)
	require.True(t, ok)
	fcAssertTotals(t, fcQ1, y27.Total(), "2027 (April to December)")
	assert.Equal(t, fcDay(2027, time.April, 1), y27.From)
	assert.Equal(t, fcDay(2028, time.January, 1), y27.To)
	y28, ok := f.Year(2028)
	require.True(t, ok)
	fcAssertTotals(t, fcCommit, y28.Total(), "2028 (January to March)")
	assert.Equal(t, fcDay(2028, time.April, 1), y28.To)

	years := f.Years()
	require.Len(t, years, 2)
	assert.Equal(t, []int{2027, 2028}, []int{years[0].FiscalYear, years[1].FiscalYear})
	qs := f.Quarters()
	require.Len(t, qs, 4)
	assert.Equal(t, [][2]int{{2027, 2}, {2027, 3}, {2027, 4}, {2028, 1}},
		[][2]int{{qs[0].FiscalYear, qs[0].Quarter}, {qs[1].FiscalYear, qs[1].Quarter}, {qs[2].FiscalYear, qs[2].Quarter}, {qs[3].FiscalYear, qs[3].Quarter}})
	fcAssertTotals(t, fcAll, f.Total().Total(), "period")
}

func TestForecastRules(t *testing.T) {
	c := Contract{ID: "c", Start: fcDay(2026, time.May, 10), TermMonths: 12, ARR: fcDec("1000000")}
	due := fcDay(2027, time.May, 10)
	period := fcFY2027
	asOf := fcDay(2027, time.April, 15)
	call := func(cat Category, amount string) []Call {
		return []Call{{Date: fcDay(2027, time.March, 1), Amount: fcDec(amount), Category: cat}}
	}
	tests := []struct {
		name string
		r    Renewal
		line func(Bucket) Totals
		want fcWant
	}{
		{"no call is pipeline at target", Renewal{Contract: c},
			func(b Bucket) Totals { return b.Pipeline },
			fcWant{count: 1, target: "1000000", forecast: "1000000", risk: "1000000"}},
		{"target overrides ARR", Renewal{Contract: c, Target: fcDec("900000")},
			func(b Bucket) Totals { return b.Pipeline },
			fcWant{count: 1, target: "900000", forecast: "900000", risk: "900000"}},
		{"best case", Renewal{Contract: c, Calls: call(CategoryBestCase, "1100000")},
			func(b Bucket) Totals { return b.BestCase },
			fcWant{count: 1, target: "1000000", forecast: "1100000", risk: "1100000"}},
		{"pipeline call", Renewal{Contract: c, Calls: call(CategoryPipeline, "800000")},
			func(b Bucket) Totals { return b.Pipeline },
			fcWant{count: 1, target: "1000000", forecast: "800000", risk: "800000"}},
		{"omitted is left out of the forecast", Renewal{Contract: c, Calls: call(CategoryOmitted, "700000"), RiskAdjustment: fcDec("1")},
			func(b Bucket) Totals { return b.Omitted },
			fcWant{count: 1, target: "1000000"}},
		{"closed call without outcome is commit", Renewal{Contract: c, Calls: call(CategoryClosed, "1000000")},
			func(b Bucket) Totals { return b.Commit },
			fcWant{count: 1, target: "1000000", forecast: "1000000", risk: "1000000"}},
		{"risk floored at zero", Renewal{Contract: c, Calls: call(CategoryCommit, "300000"), RiskAdjustment: fcDec("500000")},
			func(b Bucket) Totals { return b.Commit },
			fcWant{count: 1, target: "1000000", forecast: "300000", risk: "0"}},
		{"risk with places", Renewal{Contract: c, Calls: call(CategoryCommit, "1000.50"), RiskAdjustment: fcDec("0.25")},
			func(b Bucket) Totals { return b.Commit },
			fcWant{count: 1, target: "1000000", forecast: "1000.50", risk: "1000.25"}},
		{"flat", Renewal{Contract: c, Due: due, Outcome: Outcome{Result: ResultRenewed, Date: asOf, Final: fcDec("1000000.00")}},
			func(b Bucket) Totals { return b.Renewed },
			fcWant{count: 1, target: "1000000", forecast: "1000000.00", risk: "1000000.00", final: "1000000.00", retained: "1000000.00", flat: 1}},
		{"downsell", Renewal{Contract: c, Due: due, Outcome: Outcome{Result: ResultRenewed, Date: asOf, Final: fcDec("750000")}, RiskAdjustment: fcDec("900000")},
			func(b Bucket) Totals { return b.Renewed },
			fcWant{count: 1, target: "1000000", forecast: "750000", risk: "750000", final: "750000", retained: "750000", downsell: "250000", downsells: 1}},
		{"churn ignores calls", Renewal{Contract: c, Due: due, Calls: call(CategoryCommit, "1000000"), Outcome: Outcome{Result: ResultChurned, Date: asOf}},
			func(b Bucket) Totals { return b.Churned },
			fcWant{count: 1, target: "1000000", lost: "1000000", losts: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fcRun(t, []Renewal{tt.r}, asOf, period)
			m, ok := f.Month(2027, time.May)
			require.True(t, ok)
			fcAssertTotals(t, tt.want, tt.line(m), "line")
			fcAssertTotals(t, tt.want, m.Total(), "month")
			fcAssertTotals(t, tt.want, f.Total().Total(), "period")
		})
	}
}

func TestForecastPeriodEdges(t *testing.T) {
	row := func(id string, renews date.Date) Renewal {
		return Renewal{Contract: Contract{ID: id, Start: fcDay(2020, time.January, 1), RenewalDate: renews, ARR: fcDec("100")}}
	}
	book := []Renewal{
		row("on-from", fcDay(2027, time.April, 1)),        // counts
		row("before", fcDay(2027, time.March, 31)),        // renewed before the period, not auto-renewing
		row("last-day", fcDay(2028, time.March, 31)),      // counts
		row("on-to", fcDay(2028, time.April, 1)),          // the period is half-open
		row("much-later", fcDay(2030, time.April, 1)),     // outside
		row("starts-in-period", fcDay(2027, time.May, 1)), // counts (see below)
	}
	// A contract that starts inside the period and renews inside it counts.
	book[5].Contract.Start = fcDay(2027, time.April, 2)
	book[5].Contract.RenewalDate = fcDay(2027, time.November, 2)

	f := fcRun(t, book, fcAsOf, fcFY2027, date.FiscalCalendar{})
	assert.Equal(t, 3, f.Total().Total().Count)
	apr, _ := f.Month(2027, time.April)
	assert.Equal(t, 1, apr.Total().Count)
	nov, _ := f.Month(2027, time.November)
	assert.Equal(t, 1, nov.Total().Count)
	mar, _ := f.Month(2028, time.March)
	assert.Equal(t, 1, mar.Total().Count)

	// An auto-renewing contract is counted once, at its first renewal in the
	// period, even when the period holds two.
	auto := Renewal{Contract: Contract{ID: "auto", Start: fcDay(2026, time.June, 30), TermMonths: 12, RenewalTermMonths: 6, AutoRenew: true, ARR: fcDec("100")}}
	f = fcRun(t, []Renewal{auto}, fcAsOf, fcFY2027, date.FiscalCalendar{})
	assert.Equal(t, 1, f.Total().Total().Count)
	jun, _ := f.Month(2027, time.June)
	assert.Equal(t, 1, jun.Total().Count)
}

func TestForecastPartialMonths(t *testing.T) {
	period := DateRange{From: fcDay(2027, time.April, 15), To: fcDay(2027, time.June, 10)}
	book := []Renewal{
		{Contract: Contract{ID: "a", Start: fcDay(2026, time.April, 14), TermMonths: 12, ARR: fcDec("1")}}, // before From
		{Contract: Contract{ID: "b", Start: fcDay(2026, time.April, 15), TermMonths: 12, ARR: fcDec("2")}}, // on From
		{Contract: Contract{ID: "c", Start: fcDay(2026, time.June, 9), TermMonths: 12, ARR: fcDec("4")}},   // last day
		{Contract: Contract{ID: "d", Start: fcDay(2026, time.June, 10), TermMonths: 12, ARR: fcDec("8")}},  // on To
	}
	f := fcRun(t, book, fcDay(2027, time.April, 1), period)
	require.Len(t, f.Months, 3)
	assert.Equal(t, fcDay(2027, time.April, 15), f.Months[0].From)
	assert.Equal(t, fcDay(2027, time.May, 1), f.Months[0].To)
	assert.Equal(t, fcDay(2027, time.June, 1), f.Months[2].From)
	assert.Equal(t, fcDay(2027, time.June, 10), f.Months[2].To)
	assert.Equal(t, "2", money.Format(f.Months[0].Pipeline.Target))
	assert.Equal(t, "4", money.Format(f.Months[2].Pipeline.Target))
	q, ok := f.Quarter(2027, 1)
	require.True(t, ok)
	assert.Equal(t, fcDay(2027, time.April, 15), q.From)
	assert.Equal(t, fcDay(2027, time.June, 10), q.To)
	assert.Equal(t, "6", money.Format(q.Total().Target))
}

func TestForecastEmptyBook(t *testing.T) {
	f := fcRun(t, nil, fcAsOf, fcFY2027, date.FiscalCalendar{})
	require.Len(t, f.Months, 12)
	tot := f.Total()
	fcAssertTotals(t, fcWant{}, tot.Total(), "empty")
	assert.Equal(t, fcFY2027.From, tot.From)
	assert.Equal(t, fcFY2027.To, tot.To)
	b, err := json.Marshal(f)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"total":{"from":"2027-04-01","to":"2028-04-01","pipeline":{"count":0,"target":"0"`)
}

func TestForecastZeroValue(t *testing.T) {
	var f Forecast
	_, ok := f.Month(2027, time.April)
	assert.False(t, ok)
	_, ok = f.Quarter(2027, 1)
	assert.False(t, ok)
	_, ok = f.Year(2027)
	assert.False(t, ok)
	assert.Empty(t, f.Quarters())
	assert.Empty(t, f.Years())
	fcAssertTotals(t, fcWant{}, f.Total().Total(), "zero")
	b, err := json.Marshal(f)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"months":[]`)
}

func TestForecastErrors(t *testing.T) {
	valid := fcBook()
	bad := func(edit func(*Renewal)) []Renewal {
		b := fcBook()
		edit(&b[1])
		return b
	}
	tests := []struct {
		name   string
		book   []Renewal
		asOf   date.Date
		period DateRange
		fiscal date.FiscalCalendar
		policy Policy
		is     error
		id     string
	}{
		{"zero asOf", valid, date.Date{}, fcFY2027, date.FiscalCalendar{}, Policy{}, ErrMissingDate, ""},
		{"zero from", valid, fcAsOf, DateRange{To: fcFY2027.To}, date.FiscalCalendar{}, Policy{}, ErrMissingDate, ""},
		{"zero to", valid, fcAsOf, DateRange{From: fcFY2027.From}, date.FiscalCalendar{}, Policy{}, ErrMissingDate, ""},
		{"to before from", valid, fcAsOf, DateRange{From: fcFY2027.To, To: fcFY2027.From}, date.FiscalCalendar{}, Policy{}, ErrInvalidRange, ""},
		{"to equals from", valid, fcAsOf, DateRange{From: fcFY2027.From, To: fcFY2027.From}, date.FiscalCalendar{}, Policy{}, ErrInvalidRange, ""},
		{"too long", valid, fcAsOf, DateRange{From: fcFY2027.From, To: fcFY2027.From.AddMonths(MaxRangeMonths).AddDays(1)}, date.FiscalCalendar{}, Policy{}, ErrInvalidRange, ""},
		{"bad fiscal month", valid, fcAsOf, fcFY2027, date.FiscalCalendar{EndMonth: 13}, Policy{}, date.ErrInvalidMonth, ""},
		{"bad fiscal naming", valid, fcAsOf, fcFY2027, date.FiscalCalendar{Naming: 7}, Policy{}, date.ErrInvalidNaming, ""},
		{"invalid policy", valid, fcAsOf, fcFY2027, date.FiscalCalendar{}, Policy{Late: date.Days(-1)}, ErrInvalidPolicy, ""},
		{"negative target", bad(func(r *Renewal) { r.Target = fcDec("-1") }), fcAsOf, fcFY2027, date.FiscalCalendar{}, Policy{}, ErrNegativeAmount, "churn"},
		{"invalid contract", bad(func(r *Renewal) { r.Contract.TermMonths = 0 }), fcAsOf, fcFY2027, date.FiscalCalendar{}, Policy{}, ErrInvalidContract, "churn"},
		{"invalid call", bad(func(r *Renewal) { r.Calls = []Call{{Date: fcAsOf, Amount: fcDec("1")}} }), fcAsOf, fcFY2027, date.FiscalCalendar{}, Policy{}, ErrUnknownCategory, "churn"},
		{"call after asOf", bad(func(r *Renewal) {
			r.Calls = []Call{{Date: fcAsOf.AddDays(1), Amount: fcDec("1"), Category: CategoryCommit}}
		}), fcAsOf, fcFY2027, date.FiscalCalendar{}, Policy{}, ErrRecordAfterAsOf, "churn"},
		{"outcome after asOf", bad(func(r *Renewal) { r.Outcome.Date = fcAsOf.AddDays(1) }), fcAsOf, fcFY2027, date.FiscalCalendar{}, Policy{}, ErrRecordAfterAsOf, "churn"},
		{"completion after asOf", bad(func(r *Renewal) {
			r.Completions = []Completion{{Activity: ActivityUsageReview, Date: fcAsOf.AddDays(1)}}
		}), fcAsOf, fcFY2027, date.FiscalCalendar{}, Policy{}, ErrRecordAfterAsOf, "churn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tt.policy.Forecast(slices.Values(tt.book), tt.asOf, tt.period, tt.fiscal)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.is)
			assert.Contains(t, err.Error(), "renewal: ")
			assert.Empty(t, f.Months, "an error returns the zero Forecast")
			if tt.id != "" {
				var fe *FieldError
				require.True(t, errors.As(err, &fe), "%v", err)
				assert.Equal(t, tt.id, fe.ID)
			}
		})
	}
}

func TestForecastIgnoresRecordsOutsidePeriod(t *testing.T) {
	// A row outside the period is validated but its later records are not
	// checked against asOf: next year's outcome never fails this year.
	book := fcBook()
	book = append(book, Renewal{
		Contract: Contract{ID: "next-year", Start: fcDay(2027, time.May, 1), TermMonths: 12, ARR: fcDec("5")},
		Due:      fcDay(2028, time.May, 1),
		Outcome:  Outcome{Result: ResultRenewed, Date: fcDay(2028, time.May, 1), Final: fcDec("5")},
	})
	f := fcRun(t, book, fcAsOf, fcFY2027, date.FiscalCalendar{})
	fcAssertTotals(t, fcAll, f.Total().Total(), "period")

	// But an invalid row outside the period is still an error.
	book[3].Target = fcDec("-5")
	_, err := Policy{}.Forecast(slices.Values(book), fcAsOf, fcFY2027, date.FiscalCalendar{})
	assert.ErrorIs(t, err, ErrNegativeAmount)
}

func TestForecastStopsAtFirstError(t *testing.T) {
	book := fcBook()
	book[0].Contract.ID = ""
	yielded := 0
	seq := func(yield func(Renewal) bool) {
		for _, r := range book {
			yielded++
			if !yield(r) {
				return
			}
		}
	}
	_, err := Policy{}.Forecast(seq, fcAsOf, fcFY2027, date.FiscalCalendar{})
	require.ErrorIs(t, err, ErrInvalidContract)
	assert.Equal(t, 1, yielded, "the stream stops at the first invalid row")
}

func TestForecastBacktestWithKnownOn(t *testing.T) {
	// Replaying the book as of 2027-05-01 with KnownOn: the churn (recorded
	// 2027-06-10) is still open with no call, so pipeline at target; the
	// commit renewal's latest call then was best case at ¥600,000.
	asOf := fcDay(2027, time.May, 1)
	known := func(yield func(Renewal) bool) {
		for _, r := range fcBook() {
			if !yield(r.KnownOn(asOf)) {
				return
			}
		}
	}
	f, err := Policy{}.Forecast(known, asOf, fcFY2027, date.FiscalCalendar{})
	require.NoError(t, err)
	tot := f.Total()
	fcAssertTotals(t, fcUpsell, tot.Renewed, "renewed")
	fcAssertTotals(t, fcWant{count: 1, target: "2400000", forecast: "2400000", risk: "2400000"}, tot.Pipeline, "pipeline")
	fcAssertTotals(t, fcWant{count: 1, target: "600000", forecast: "600000", risk: "500000"}, tot.BestCase, "best case")
}

func TestForecastJSON(t *testing.T) {
	f := fcRun(t, fcBook(), fcAsOf, fcFY2027, date.FiscalCalendar{})
	b, err := json.Marshal(f)
	require.NoError(t, err)

	var doc struct {
		AsOf     string            `json:"as_of"`
		Range    map[string]string `json:"range"`
		Fiscal   map[string]any
		Total    map[string]json.RawMessage `json:"total"`
		Years    []map[string]json.RawMessage
		Quarters []map[string]json.RawMessage
		Months   []map[string]json.RawMessage
	}
	require.NoError(t, json.Unmarshal(b, &doc))
	assert.Equal(t, "2027-07-01", doc.AsOf)
	assert.Equal(t, map[string]string{"from": "2027-04-01", "to": "2028-04-01"}, doc.Range)
	assert.Equal(t, map[string]any{"end_month": float64(3)}, doc.Fiscal)
	assert.Len(t, doc.Years, 1)
	assert.Len(t, doc.Quarters, 4)
	assert.Len(t, doc.Months, 12)
	assert.JSONEq(t, `{"count":3,"target":"4200000","forecast":"2050000","risk_adjusted":"1950000","final":"1500000",
		"retained":"1200000","upsell":"300000","downsell":"0","lost":"2400000",
		"flat_count":0,"upsell_count":1,"downsell_count":0,"lost_count":1}`, string(doc.Total["total"]))
	assert.JSONEq(t, `{"count":1,"target":"600000","forecast":"550000","risk_adjusted":"450000","final":"0",
		"retained":"0","upsell":"0","downsell":"0","lost":"0",
		"flat_count":0,"upsell_count":0,"downsell_count":0,"lost_count":0}`, string(doc.Quarters[3]["commit"]))
	assert.JSONEq(t, `1`, string(doc.Quarters[0]["quarter"]))
	assert.JSONEq(t, `2027`, string(doc.Years[0]["fiscal_year"]))
	assert.NotContains(t, doc.Total, "fiscal_year", "the total spans no single fiscal year")

	// Round trip: decoding and encoding again gives the same bytes.
	var back Forecast
	require.NoError(t, json.Unmarshal(b, &back))
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2))
	assert.Equal(t, f.Range, back.Range)
	assert.Equal(t, f.Fiscal, back.Fiscal)
	assert.Equal(t, f.AsOf, back.AsOf)
}

func TestForecastJSONDecodeErrors(t *testing.T) {
	f := fcRun(t, fcBook(), fcAsOf, fcFY2027, date.FiscalCalendar{})
	good, err := json.Marshal(f)
	require.NoError(t, err)
	var doc map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(good, &doc))

	edit := func(key, value string) []byte {
		d := maps.Clone(doc)
		if value == "" {
			delete(d, key)
		} else {
			d[key] = json.RawMessage(value)
		}
		b, err := json.Marshal(d)
		require.NoError(t, err)
		return b
	}
	var months []json.RawMessage
	require.NoError(t, json.Unmarshal(doc["months"], &months))
	shifted, err := json.Marshal(append(months[1:], months[0]))
	require.NoError(t, err)

	tests := []struct {
		name string
		in   []byte
		is   error
	}{
		{"no as_of", edit("as_of", ""), ErrMissingDate},
		{"bad range", edit("range", `{"from":"2027-04-01","to":"2027-01-01"}`), ErrInvalidRange},
		{"months missing", edit("months", `[]`), ErrInvalidRecord},
		{"months out of order", edit("months", string(shifted)), ErrInvalidRecord},
		{"wrong calendar", edit("fiscal", `{"end_month":12}`), ErrInvalidRecord},
		{"bad amount", []byte(string(good[:len(good)-1]) + `,"months":[{"pipeline":{"target":"1e6"}}]}`), nil},
		{"not an object", []byte(`[]`), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f Forecast
			err := json.Unmarshal(tt.in, &f)
			require.Error(t, err)
			if tt.is != nil {
				assert.ErrorIs(t, err, tt.is)
			}
		})
	}
}

func TestTotalsJSONRoundTrip(t *testing.T) {
	in := Totals{Count: 2, Target: fcDec("1.50"), Forecast: decimal.New(1, 6), Lost: fcDec("-0"), UpsellCount: 1}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"count":2,"target":"1.50","forecast":"1000000","risk_adjusted":"0","final":"0","retained":"0",
		"upsell":"0","downsell":"0","lost":"0","flat_count":0,"upsell_count":1,"downsell_count":0,"lost_count":0}`, string(b))
	var out Totals
	require.NoError(t, json.Unmarshal(b, &out))
	b2, err := json.Marshal(out)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2))
	assert.Error(t, json.Unmarshal([]byte(`{"target":"abc"}`), &out))
}

func TestForecastJSONIgnoresDecimalGlobals(t *testing.T) {
	book := fcBook()
	book = append(book, Renewal{
		Contract:       Contract{ID: "places", Start: fcDay(2026, time.September, 1), TermMonths: 12, ARR: fcDec("1000.50")},
		Calls:          []Call{{Date: fcDay(2027, time.June, 1), Amount: fcDec("1000.10"), Category: CategoryBestCase}},
		RiskAdjustment: decimal.New(5, 2),
	}, Renewal{
		Contract: Contract{ID: "big", Start: fcDay(2026, time.October, 1), TermMonths: 12, ARR: decimal.New(12, 6)},
		Due:      fcDay(2027, time.October, 1),
		Outcome:  Outcome{Result: ResultRenewed, Date: fcAsOf, Final: decimal.New(15, 6)},
	})
	dectest.Stable(t, func() []byte {
		f, err := Policy{}.Forecast(slices.Values(book), fcAsOf, fcFY2027, date.FiscalCalendar{})
		if err != nil {
			return []byte(err.Error())
		}
		b, err := json.Marshal(f)
		if err != nil {
			return []byte(err.Error())
		}
		return b
	})
}

// FuzzForecast checks the forecast of a random book against a naive
// reference that adds with decimal's own Add, and the invariants of the
// totals.
func FuzzForecast(f *testing.F) {
	for _, seed := range []uint64{1, 2, 3, 42, 2027} {
		f.Add(seed, uint8(40))
	}
	f.Fuzz(func(t *testing.T, seed uint64, n uint8) {
		book := fcGenBook(int(n%48), seed, fcGenExotic) // a few dozen rows keep an execution fast
		got, err := Policy{}.Forecast(slices.Values(book), fcGenAsOf, fcGenPeriod, date.FiscalCalendar{})
		require.NoError(t, err)
		ref := fcNaive(book, fcGenAsOf, fcGenPeriod)
		require.Len(t, ref, len(got.Months))
		for i, m := range got.Months {
			lines := [numLines]Totals{m.Pipeline, m.BestCase, m.Commit, m.Omitted, m.Renewed, m.Churned}
			for l := range lines {
				fcSameTotals(t, ref[i][l], lines[l], i, l)
			}
		}
		fcCheckInvariants(t, got)
	})
}

func fcSameTotals(t *testing.T, want, got Totals, month, line int) {
	t.Helper()
	wb, err := json.Marshal(want)
	require.NoError(t, err)
	gb, err := json.Marshal(got)
	require.NoError(t, err)
	if string(wb) != string(gb) {
		t.Fatalf("month %d line %d:\nnaive    %s\nforecast %s", month, line, wb, gb)
	}
}

func fcCheckInvariants(t *testing.T, f Forecast) {
	t.Helper()
	sum := func(bs []Bucket) Totals {
		var out Totals
		for _, b := range bs {
			out = out.Add(b.Total())
		}
		return out
	}
	total := f.Total().Total()
	for name, other := range map[string]Totals{"months": sum(f.Months), "quarters": sum(f.Quarters()), "years": sum(f.Years())} {
		fcSameTotals(t, total, other, -1, -1)
		_ = name
	}
	for _, m := range f.Months {
		closed := m.ByCategory(CategoryClosed)
		require.True(t, closed.Target.Equal(closed.Retained.Add(closed.Downsell).Add(closed.Lost)), "target = retained + downsell + lost")
		require.True(t, closed.Final.Equal(closed.Retained.Add(closed.Upsell)), "final = retained + upsell")
		require.Equal(t, closed.Count, closed.FlatCount+closed.UpsellCount+closed.DownsellCount+closed.LostCount)
		open := m.ByResult(ResultOpen)
		require.True(t, open.RiskAdjusted.LessThanOrEqual(open.Forecast), "risk-adjusted ≤ forecast")
		require.True(t, open.RiskAdjusted.Sign() >= 0)
		require.True(t, open.Final.IsZero())
		require.True(t, m.Omitted.Forecast.IsZero())
	}
}

// The generated books renew over fiscal year 2027 (April 2027 to March
// 2028) and are read as of 2027-07-01.
var (
	fcGenAsOf   = date.Must(2027, time.July, 1)
	fcGenPeriod = DateRange{From: date.Must(2027, time.April, 1), To: date.Must(2028, time.April, 1)}
)

// Amounts are built once and shared by every generated row, so building a
// row costs no big.Int: what the benchmarks measure is the forecast.
var (
	fcGenAmounts = []decimal.Decimal{
		decimal.RequireFromString("1200000"), decimal.RequireFromString("2400000"),
		decimal.RequireFromString("600000"), decimal.RequireFromString("550000"),
		decimal.RequireFromString("980000.50"), decimal.RequireFromString("1500000"),
		decimal.RequireFromString("75000"), decimal.RequireFromString("3600000"),
		decimal.RequireFromString("120000.25"), decimal.RequireFromString("100000"),
		decimal.RequireFromString("1199999"), decimal.RequireFromString("48000000"),
	}
	// fcGenExotic adds amounts that make money.Sum spill or rescale: huge
	// coefficients, many places, positive exponents.
	fcGenExotic = append(slices.Clone(fcGenAmounts),
		decimal.RequireFromString("123456789012345678901234.5"),
		decimal.RequireFromString("0.000000000000000000001"),
		decimal.New(7, 15), decimal.RequireFromString("9223372036854775807"),
	)
	fcGenIDs = func() (ids [1024]string) {
		for i := range ids {
			ids[i] = fmt.Sprintf("c%04d", i)
		}
		return ids
	}()
	fcGenCalls = func() (calls [64][]Call) {
		for i := range calls {
			n := i % 4 // 0..3 calls
			for j := range n {
				h := fcMix(uint64(i*7 + j))
				calls[i] = append(calls[i], Call{
					// from 2027-01-01 to the as-of date, 2027-07-01
					Date:     date.Must(2027, time.January, 1).AddDays(int(h % 182)),
					Amount:   fcGenAmounts[h>>9%uint64(len(fcGenAmounts))],
					Category: Category(h>>20%5) + 1,
				})
			}
		}
		return calls
	}()
)

// fcMix is splitmix64's finaliser: a cheap hash giving each row its own
// random-looking fields.
func fcMix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// fcGenRow builds row i of the book seeded seed without allocating. About
// half the rows renew inside fiscal year 2027; the others renew before or
// after it.
func fcGenRow(seed uint64, i int, amounts []decimal.Decimal) Renewal {
	h := fcMix(seed ^ fcMix(uint64(i)))
	amount := func(shift uint) decimal.Decimal { return amounts[h>>shift%uint64(len(amounts))] }
	r := Renewal{
		Contract: Contract{
			ID:         fcGenIDs[i%len(fcGenIDs)],
			Start:      date.Must(2025, time.October, 1).AddDays(int(h % 900)),
			TermMonths: 12,
			ARR:        amount(10),
		},
		Calls: fcGenCalls[h>>16%64],
	}
	if h>>22&1 == 1 {
		r.Contract.AutoRenew = true
		r.Contract.Notice = date.Months(1)
	}
	if h>>23&3 == 0 {
		r.Target = amount(25)
	}
	if h>>27&3 == 0 {
		r.RiskAdjustment = amount(29)
	}
	// Outcomes are dated on or before the as-of date, for the renewal
	// current on the first day of the range.
	switch h >> 33 % 4 {
	case 0:
		r.Outcome = Outcome{Result: ResultRenewed, Date: fcGenAsOf.AddDays(-int(h >> 35 % 90)), Final: amount(40)}
		r.Due = r.Contract.NextRenewal(fcGenPeriod.From)
	case 1:
		r.Outcome = Outcome{Result: ResultChurned, Date: fcGenAsOf.AddDays(-int(h >> 35 % 90))}
		r.Due = r.Contract.NextRenewal(fcGenPeriod.From)
	}
	return r
}

// fcGenBook returns n generated rows with amounts drawn from amounts.
func fcGenBook(n int, seed uint64, amounts []decimal.Decimal) []Renewal {
	book := make([]Renewal, n)
	for i := range book {
		book[i] = fcGenRow(seed, i, amounts)
	}
	return book
}

// fcNaiveRow is one row's line and totals, with decimal's own arithmetic.
func fcNaiveRow(r *Renewal, asOf date.Date) (int, Totals) {
	target := r.TargetAmount()
	row := Totals{Count: 1, Target: target}
	var line int
	switch o := r.Outcome; o.Result {
	case ResultChurned:
		line = lineChurned
		row.Lost, row.LostCount = target, 1
	case ResultRenewed:
		line = lineRenewed
		row.Forecast, row.RiskAdjusted, row.Final = o.Final, o.Final, o.Final
		switch o.Final.Cmp(target) {
		case 1:
			row.Retained, row.Upsell, row.UpsellCount = target, o.Final.Sub(target), 1
		case -1:
			row.Retained, row.Downsell, row.DownsellCount = o.Final, target.Sub(o.Final), 1
		default:
			row.Retained, row.FlatCount = o.Final, 1
		}
	default:
		line = linePipeline
		amount := target
		if c, ok := r.LatestCall(asOf); ok {
			line, amount = openLine(c.Category), c.Amount
		}
		if line != lineOmitted {
			row.Forecast = amount
			if amount.GreaterThan(r.RiskAdjustment) {
				row.RiskAdjusted = amount.Sub(r.RiskAdjustment)
			}
		}
	}
	return line, row
}

// fcNaive is the hand-written baseline: the same rules as Policy.Forecast,
// one Totals per row added with decimal's own Add (a new big.Int per
// amount), the reference of FuzzForecast.
func fcNaive(book []Renewal, asOf date.Date, period DateRange) [][numLines]Totals {
	first := monthIndex(period.From)
	out := make([][numLines]Totals, monthIndex(period.To.AddDays(-1))-first+1)
	for _, r := range book {
		if err := r.Validate(); err != nil {
			panic(err)
		}
		due := r.Due
		if due.IsZero() {
			due = r.Contract.NextRenewal(period.From)
		}
		if due.Before(period.From) || !due.Before(period.To) {
			continue
		}
		if err := r.checkAsOf(asOf); err != nil {
			panic(err)
		}
		line, row := fcNaiveRow(&r, asOf)
		m := &out[monthIndex(due)-first][line]
		*m = m.Add(row)
	}
	return out
}

// TestForecasterMerge: forecasters over any split of a book, merged, give
// what one pass gives; one built with other settings is refused; a refused
// row leaves the forecaster unchanged.
func TestForecasterMerge(t *testing.T) {
	book := fcGenBook(300, 7, fcGenExotic)
	booktest.CheckMerge(t, 7, 20, book, func() *Forecaster {
		fc, err := NewForecaster(Policy{}, fcGenAsOf, fcGenPeriod, date.FiscalCalendar{})
		require.NoError(t, err)
		return fc
	})

	fc, err := NewForecaster(Policy{}, fcGenAsOf, fcGenPeriod, date.FiscalCalendar{})
	require.NoError(t, err)
	for _, other := range []date.FiscalCalendar{{EndMonth: time.December}, {Naming: date.NamedByEnd}} {
		o, err := NewForecaster(Policy{}, fcGenAsOf, fcGenPeriod, other)
		require.NoError(t, err)
		assert.ErrorIs(t, fc.Merge(o), ErrMismatch, "%+v", other)
	}
	assert.ErrorIs(t, fc.Merge(nil), ErrMismatch)

	require.NoError(t, fc.Add(fcBook()[2]))
	before, err := json.Marshal(fc.Result())
	require.NoError(t, err)
	late := fcBook()[2]
	late.Calls = append(late.Calls, Call{Date: fcGenAsOf.AddDays(1), Amount: fcDec("1"), Category: CategoryCommit})
	require.ErrorIs(t, fc.Add(late), ErrRecordAfterAsOf)
	after, err := json.Marshal(fc.Result())
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after), "a refused row changes nothing")

	var zero Forecaster
	assert.ErrorIs(t, zero.Add(fcBook()[0]), ErrMissingDate)
	assert.Empty(t, zero.Result().Months)
}
