package renewal_test

import (
	"fmt"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/money"
	"github.com/cskit/cskit/renewal"
	"github.com/shopspring/decimal"
)

// The KPI benchmarks report Q1 2027 as of 2027-04-15.
var (
	kpiBenchFrom = date.Must(2027, time.January, 1)
	kpiBenchTo   = date.Must(2027, time.April, 1)
	kpiBenchAsOf = date.Must(2027, time.April, 15)
	kpiBenchOpts = renewal.KPIOptions{From: kpiBenchFrom, To: kpiBenchTo}
)

// Shared record slices and amounts: a generated row references them, so
// generating a row allocates nothing and the book costs no big.Int per row.
var (
	kpiBenchARR    = []decimal.Decimal{decimal.RequireFromString("1200000"), decimal.RequireFromString("600000.50"), decimal.RequireFromString("2400000")}
	kpiBenchFinal  = decimal.RequireFromString("450000")
	kpiBenchRecord = [][]renewal.Completion{
		nil,
		{{Activity: renewal.UsageReview, Date: date.Must(2026, 9, 1)}},
		{
			{Activity: renewal.GoalProgressReview, Date: date.Must(2026, 11, 2)},
			{Activity: renewal.IntentConfirmation, Date: date.Must(2026, 12, 1), Intent: renewal.IntentRenew},
			{Activity: renewal.CaseStudyRequest, Date: date.Must(2026, 12, 10)},
		},
	}
)

// kpiBenchRow returns the i-th row of a synthetic book: starts spread over
// three years (so about a quarter of the rows renew in the quarter), one in
// five on a 36-month term, one in three auto-renewing with a 30-day notice,
// one in four with a March fiscal-year end, and every kind of record and
// outcome.
func kpiBenchRow(i int) renewal.Renewal {
	c := renewal.Contract{
		ID:         "bench",
		Start:      date.Must(2024, time.January, 1).AddDays(i * 7919 % 1096),
		TermMonths: 12,
		ARR:        kpiBenchARR[i%3],
	}
	if i%5 == 0 {
		c.TermMonths = 36
	}
	if i%3 == 0 {
		c.AutoRenew = true
		c.Notice = date.Days(30)
	}
	if i%4 == 0 {
		c.FiscalYearEnd = time.March
	}
	r := renewal.Renewal{Contract: c, Onboarded: i%4 != 0, TwoWay: i%2 == 0, CaseStudyPublished: i%9 == 0,
		Completions: kpiBenchRecord[i%3]}
	switch i % 4 {
	case 1:
		r.Outcome = renewal.Outcome{Result: renewal.Renewed, Date: date.Must(2027, time.April, 1), Final: c.ARR}
	case 2:
		r.Outcome = renewal.Outcome{Result: renewal.Renewed, Date: date.Must(2027, time.April, 1), Final: kpiBenchFinal}
	case 3:
		r.Outcome = renewal.Outcome{Result: renewal.Churned, Date: date.Must(2027, time.April, 1)}
	}
	return r
}

func kpiBenchBook(n int) []renewal.Renewal {
	book := make([]renewal.Renewal, n)
	for i := range book {
		book[i] = kpiBenchRow(i)
	}
	return book
}

// kpiBenchStream yields n rows generated on the fly: the book never exists
// in memory.
func kpiBenchStream(n int) iter.Seq[renewal.Renewal] {
	return func(yield func(renewal.Renewal) bool) {
		for i := range n {
			if !yield(kpiBenchRow(i)) {
				return
			}
		}
	}
}

var kpiBenchSizes = []int{1_000, 100_000}

func kpiPerContract(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/contract")
}

// BenchmarkKPIs computes the quarter's KPIs over a book held in a slice,
// validating every row and planning every renewable one.
func BenchmarkKPIs(b *testing.B) {
	var p renewal.Policy
	for _, n := range kpiBenchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			book := kpiBenchBook(n)
			b.ReportAllocs()
			for b.Loop() {
				k, err := p.KPIs(slices.Values(book), kpiBenchAsOf, kpiBenchOpts)
				if err != nil || k.Renewable == 0 {
					b.Fatal(k.Renewable, err)
				}
			}
			kpiPerContract(b, n)
		})
	}
}

// BenchmarkKPIsStream computes the KPIs of books generated row by row:
// B/op must not grow with the book.
func BenchmarkKPIsStream(b *testing.B) {
	var p renewal.Policy
	for _, n := range kpiBenchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				k, err := p.KPIs(kpiBenchStream(n), kpiBenchAsOf, kpiBenchOpts)
				if err != nil || k.Renewable == 0 {
					b.Fatal(k.Renewable, err)
				}
			}
			kpiPerContract(b, n)
		})
	}
}

// kpiBaseline is the tally the hand-written baseline loop keeps.
type kpiBaseline struct {
	renewable, onboarded, twoWay, onTime, decided, renewed int
	starting, target, lost                                 money.Sum
}

// add is the arithmetic of KPIs alone for one row: the renewable test, the
// flags, the default window (three months before the renewal, no notice or
// fiscal-year rule) and the exact sums. No validation, no records read.
func (t *kpiBaseline) add(r *renewal.Renewal) {
	c := &r.Contract
	if !c.Start.Before(kpiBenchFrom) {
		return
	}
	t.starting.Add(c.ARR)
	at := kpiBenchFrom // the row's renewal: current on From, or on its outcome date less a month
	if r.Outcome.Result != renewal.Open {
		at = r.Outcome.Date.AddMonths(-renewal.DefaultLateBookingMonths)
	}
	due := c.NextRenewal(at)
	if due.Before(kpiBenchFrom) || !due.Before(kpiBenchTo) {
		return
	}
	t.renewable++
	if r.Onboarded {
		t.onboarded++
	}
	if r.TwoWay {
		t.twoWay++
	}
	if !r.FirstContact.IsZero() && !r.FirstContact.After(due.AddMonths(-3)) {
		t.onTime++
	}
	t.target.Add(c.ARR)
	if r.Outcome.Result != renewal.Open {
		t.decided++
		t.lost.Add(c.ARR)
		t.lost.Sub(r.Outcome.Final)
		if r.Outcome.Result == renewal.Renewed {
			t.renewed++
		}
	}
}

// BenchmarkKPIsBaseline is the hand-written loop BenchmarkKPIs is measured
// against: a plain loop over the same slice doing only the arithmetic.
func BenchmarkKPIsBaseline(b *testing.B) {
	for _, n := range kpiBenchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			book := kpiBenchBook(n)
			b.ReportAllocs()
			for b.Loop() {
				var t kpiBaseline
				for i := range book {
					t.add(&book[i])
				}
				if t.renewable == 0 {
					b.Fatal(t)
				}
			}
			kpiPerContract(b, n)
		})
	}
}
