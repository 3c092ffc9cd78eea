package renewal

import (
	"fmt"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/shopspring/decimal"
)

// The generated books renew over fiscal year 2027 (April 2027 to March
// 2028) and are read as of 2027-07-01.
var (
	fcGenAsOf   = date.Must(2027, time.July, 1)
	fcGenPeriod = ForecastPeriod{From: date.Must(2027, time.April, 1), To: date.Must(2028, time.April, 1)}
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
					// from 2027-01-01 to about 2027-09-27: some after the as-of date
					Date:     date.Must(2027, time.January, 1).AddDays(int(h % 270)),
					Amount:   fcGenAmounts[h>>9%uint64(len(fcGenAmounts))],
					Category: Category(h>>20%uint64(NumCategories)) + 1,
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
	// Outcomes are dated on or before the as-of date.
	switch h >> 33 % 4 {
	case 0:
		r.Outcome = Outcome{Result: Renewed, Date: fcGenAsOf.AddDays(-int(h >> 35 % 90)), Final: amount(40)}
	case 1:
		r.Outcome = Outcome{Result: Churned, Date: fcGenAsOf.AddDays(-int(h >> 35 % 90))}
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

// fcGenStream yields n generated rows built on the fly: the book never
// exists in memory.
func fcGenStream(n int, seed uint64) iter.Seq[Renewal] {
	return func(yield func(Renewal) bool) {
		for i := range n {
			if !yield(fcGenRow(seed, i, fcGenAmounts)) {
				return
			}
		}
	}
}

// fcNaiveRow is one row's line and totals, with decimal's own arithmetic.
func fcNaiveRow(r *Renewal, asOf date.Date) (int, Totals) {
	target := r.TargetAmount()
	row := Totals{Count: 1, Target: target}
	var line int
	switch o := r.Outcome; o.Result {
	case Churned:
		line = lineChurned
		row.Lost, row.LostCount = target, 1
	case Renewed:
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
// amount). The tests use it as the reference, the benchmarks as the
// baseline.
func fcNaive(book []Renewal, asOf date.Date, period ForecastPeriod) [][numLines]Totals {
	period = period.resolved()
	first := monthIndex(period.From)
	out := make([][numLines]Totals, monthIndex(period.To.AddDays(-1))-first+1)
	for _, r := range book {
		if err := r.Validate(); err != nil {
			panic(err)
		}
		due, err := Policy{}.RenewalDate(r, period.From)
		if err != nil {
			panic(err)
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

var fcBenchSizes = []int{1_000, 100_000}

// BenchmarkForecastBook forecasts a book held in a slice.
func BenchmarkForecastBook(b *testing.B) {
	for _, n := range fcBenchSizes {
		book := fcGenBook(n, 1, fcGenAmounts)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			p := Policy{}
			for b.Loop() {
				if _, err := p.Forecast(slices.Values(book), fcGenAsOf, fcGenPeriod); err != nil {
					b.Fatal(err)
				}
			}
			perContract(b, n)
		})
	}
}

// BenchmarkForecastBaselineNaive computes the same totals with a new
// decimal per amount per row, for the ratio.
func BenchmarkForecastBaselineNaive(b *testing.B) {
	for _, n := range fcBenchSizes {
		book := fcGenBook(n, 1, fcGenAmounts)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				fcNaive(book, fcGenAsOf, fcGenPeriod)
			}
			perContract(b, n)
		})
	}
}

// BenchmarkForecastStream forecasts a million rows generated on the fly,
// as from a database cursor: memory stays flat (see B/op), and ns/contract
// includes building each row.
func BenchmarkForecastStream(b *testing.B) {
	const n = 1_000_000
	b.ReportAllocs()
	p := Policy{}
	for b.Loop() {
		if _, err := p.Forecast(fcGenStream(n, 1), fcGenAsOf, fcGenPeriod); err != nil {
			b.Fatal(err)
		}
	}
	perContract(b, n)
}

// BenchmarkForecastStreamGenerate is the cost of generating the million
// rows alone, to subtract from BenchmarkForecastStream.
func BenchmarkForecastStreamGenerate(b *testing.B) {
	const n = 1_000_000
	b.ReportAllocs()
	count := 0
	for b.Loop() {
		for r := range fcGenStream(n, 1) {
			count += r.Contract.TermMonths
		}
	}
	perContract(b, n)
	if count == 0 {
		b.Fatal("no rows")
	}
}

// fcRows is a 1,000-row book with each row's month, for the benchmarks
// that time one stage of a row.
func fcRows(b *testing.B) ([]Renewal, *forecaster, []int) {
	book := fcGenBook(1_000, 1, fcGenAmounts)
	period := fcGenPeriod.resolved()
	fc := &forecaster{asOf: fcGenAsOf, from: period.From, to: period.To, lateBooking: date.Months(DefaultLateBookingMonths)}
	n := len(period.skeleton())
	fc.months = make([]monthAcc, n)
	for i := range n + 1 {
		fc.starts = append(fc.starts, date.Must(2027, time.April, 1).AddMonths(i))
	}
	slots := make([]int, len(book))
	for i := range book {
		slots[i] = -1
		due := book[i].renewalDate(book[i].Contract.FirstRenewal(), fc.from, fc.lateBooking)
		if !due.Before(fc.from) && due.Before(fc.to) {
			slots[i] = fc.slot(due)
		}
	}
	return book, fc, slots
}

// BenchmarkForecastRowValidate times Renewal.Validate alone, once per row.
func BenchmarkForecastRowValidate(b *testing.B) {
	book, _, _ := fcRows(b)
	b.ReportAllocs()
	for b.Loop() {
		for i := range book {
			if _, err := book[i].validate(); err != nil {
				b.Fatal(err)
			}
		}
	}
	perContract(b, len(book))
}

// BenchmarkForecastRowDates times what a row costs before its amounts are
// added: validation, the renewal date in the period, the as-of check and
// the month.
func BenchmarkForecastRowDates(b *testing.B) {
	book, fc, _ := fcRows(b)
	b.ReportAllocs()
	sum := 0
	for b.Loop() {
		for i := range book {
			r := &book[i]
			first, err := r.validate()
			if err != nil {
				b.Fatal(err)
			}
			due := r.renewalDate(first, fc.from, fc.lateBooking)
			if due.Before(fc.from) || !due.Before(fc.to) {
				continue
			}
			if err := r.checkAsOf(fc.asOf); err != nil {
				b.Fatal(err)
			}
			sum += fc.slot(due)
		}
	}
	perContract(b, len(book))
	if sum == 0 {
		b.Fatal("no row in the period")
	}
}

// inPeriod returns the number of rows of a book fcRows built that renew in
// the period.
func inPeriod(slots []int) int {
	n := 0
	for _, s := range slots {
		if s >= 0 {
			n++
		}
	}
	return n
}

// BenchmarkForecastRowTotals times the forecast totals alone: a row's line
// and its exact amounts added with money.Sum, the month known. ns/contract
// counts only the rows that renew in the period, the ones whose amounts are
// added.
func BenchmarkForecastRowTotals(b *testing.B) {
	book, fc, slots := fcRows(b)
	b.ReportAllocs()
	for b.Loop() {
		for i := range book {
			if s := slots[i]; s >= 0 {
				fc.count(&book[i], &fc.months[s])
			}
		}
	}
	perContract(b, inPeriod(slots))
}

// BenchmarkForecastRowTotalsNaive is BenchmarkForecastRowTotals with a new
// decimal per amount (decimal's Add), for the ratio; ns/contract likewise
// counts the rows in the period.
func BenchmarkForecastRowTotalsNaive(b *testing.B) {
	book, _, slots := fcRows(b)
	sums := make([][numLines]Totals, 12)
	b.ReportAllocs()
	for b.Loop() {
		for i := range book {
			if s := slots[i]; s >= 0 {
				line, row := fcNaiveRow(&book[i], fcGenAsOf)
				t := &sums[s][line]
				*t = t.Add(row)
			}
		}
	}
	perContract(b, inPeriod(slots))
}
