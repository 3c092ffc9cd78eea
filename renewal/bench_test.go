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

// benchStart is the earliest start of a generated contract.
var benchStart = date.Must(2024, time.January, 1)

// benchAsOf is the as-of date of every benchmark.
var benchAsOf = date.Must(2026, time.June, 15)

// benchARR is shared by every generated contract, so a book costs no
// big.Int per row.
var benchARR = decimal.RequireFromString("1200000")

// benchContract returns the i-th contract of a synthetic book: starts spread
// over three years, one in five on a 36-month term, one in three
// auto-renewing with a notice period (in months or in days), one in four
// with a March fiscal-year end. It allocates nothing.
func benchContract(i int) Contract {
	c := Contract{
		ID:         "bench",
		Start:      benchStart.AddDays(i * 7919 % 1096),
		TermMonths: 12,
		ARR:        benchARR,
	}
	if i%5 == 0 {
		c.TermMonths = 36
	}
	if i%3 == 0 {
		c.AutoRenew = true
		c.Notice = date.Days(30)
		if i%2 == 0 {
			c.Notice = date.Months(1)
		}
	}
	if i%4 == 0 {
		c.FiscalYearEnd = time.March
	}
	return c
}

func benchBook(n int) []Contract {
	book := make([]Contract, n)
	for i := range book {
		book[i] = benchContract(i)
	}
	return book
}

// benchStream yields n contracts generated on the fly: the book never
// exists in memory.
func benchStream(n int) iter.Seq[Contract] {
	return func(yield func(Contract) bool) {
		for i := range n {
			if !yield(benchContract(i)) {
				return
			}
		}
	}
}

var benchSizes = []int{1_000, 1_000_000}

func perContract(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/contract")
}

// BenchmarkPlan plans one contract under the default eight-activity
// playbook.
func BenchmarkPlan(b *testing.B) {
	var p Policy
	c := Contract{ID: "c", Start: date.Must(2026, time.March, 31), TermMonths: 12, ARR: benchARR,
		AutoRenew: true, Notice: date.Months(1), FiscalYearEnd: time.March}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Plan(c, benchAsOf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStatus computes the status of one renewal with three
// completions.
func BenchmarkStatus(b *testing.B) {
	var p Policy
	r := Renewal{
		Contract: Contract{ID: "c", Start: date.Must(2026, time.March, 31), TermMonths: 12, ARR: benchARR,
			FiscalYearEnd: time.March},
		Completions: []Completion{
			{Activity: GoalProgressReview, Date: date.Must(2027, time.January, 5)},
			{Activity: UsageReview, Date: date.Must(2027, time.January, 12)},
			{Activity: IntentConfirmation, Date: date.Must(2027, time.February, 20), Intent: IntentRenew},
		},
	}
	asOf := date.Must(2027, time.March, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Status(r, asOf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClassifyBook classifies a book held in a slice.
func BenchmarkClassifyBook(b *testing.B) {
	var p Policy
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			book := benchBook(n)
			b.ReportAllocs()
			for b.Loop() {
				t, err := p.ClassifyBook(slices.Values(book), benchAsOf)
				if err != nil || t.Total() != n {
					b.Fatal(t, err)
				}
			}
			perContract(b, n)
		})
	}
}

// benchRow is a contract reduced to the dates the baseline needs.
type benchRow struct{ renewal, notice date.Date }

// baselineTally is the hand-written loop ClassifyBook is measured against:
// the renewal and notice dates are precomputed, and it does only the date
// arithmetic of the default policy (the window opens three months before the
// decision date, clamped; late from fourteen days before it) and the
// comparisons with the as-of date.
//
// It is a function rather than the body of the b.Loop loop because go1.26.x
// fails to compile (internal compiler error in escape analysis) a switch
// whose case calls a method, written directly inside "for b.Loop()".
func baselineTally(rows []benchRow, asOf date.Date) Tally {
	t := Tally{AsOf: asOf}
	for _, r := range rows {
		decision := r.renewal
		if !r.notice.IsZero() && r.notice.Before(decision) {
			decision = r.notice
		}
		opens := decision.AddMonths(-3)
		late := decision.AddDays(-14)
		switch {
		case asOf.After(decision):
			t.Past++
		case !asOf.Before(late):
			t.Late++
		case !asOf.Before(opens):
			t.InWindow++
		default:
			t.NotStarted++
		}
	}
	return t
}

// baselineFromTerms is the same hand-written loop when the renewal and notice
// dates are not precomputed: it derives them from each contract's start,
// term and notice period (anniversaries from the anchor for auto-renewing
// contracts) as ClassifyBook must, but validates nothing and knows no fiscal
// year.
func baselineFromTerms(book []Contract, asOf date.Date) Tally {
	rows := make([]benchRow, 1)
	var t Tally
	for i := range book {
		c := &book[i]
		renewal := c.Start.AddMonths(c.TermMonths)
		for k := 1; c.AutoRenew && renewal.Before(asOf); k++ {
			renewal = c.Start.AddMonths(c.TermMonths + k*12)
		}
		var notice date.Date
		if c.AutoRenew && !c.Notice.IsZero() {
			notice = c.Notice.Before(renewal)
		}
		rows[0] = benchRow{renewal, notice}
		u := baselineTally(rows, asOf)
		t.NotStarted += u.NotStarted
		t.InWindow += u.InWindow
		t.Late += u.Late
		t.Past += u.Past
	}
	t.AsOf = asOf
	return t
}

// BenchmarkClassifyBaselineFromTerms runs baselineFromTerms over the book
// ClassifyBook reads.
func BenchmarkClassifyBaselineFromTerms(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			book := benchBook(n)
			b.ReportAllocs()
			for b.Loop() {
				if t := baselineFromTerms(book, benchAsOf); t.Total() != n {
					b.Fatal(t)
				}
			}
			perContract(b, n)
		})
	}
}

// BenchmarkClassifyBaseline runs baselineTally over a precomputed book.
func BenchmarkClassifyBaseline(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			rows := make([]benchRow, n)
			for i := range rows {
				c := benchContract(i)
				r := c.NextRenewal(benchAsOf)
				rows[i] = benchRow{r, c.NoticeDeadline(r)}
			}
			b.ReportAllocs()
			for b.Loop() {
				if t := baselineTally(rows, benchAsOf); t.Total() != n {
					b.Fatal(t)
				}
			}
			perContract(b, n)
		})
	}
}

// BenchmarkClassifyStream classifies books generated on the fly by an
// iter.Seq: B/op must not grow with the book.
func BenchmarkClassifyStream(b *testing.B) {
	var p Policy
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				t, err := p.ClassifyBook(benchStream(n), benchAsOf)
				if err != nil || t.Total() != n {
					b.Fatal(t, err)
				}
			}
			perContract(b, n)
		})
	}
}

// BenchmarkValidateNoticeNearTerm validates contracts whose notice comes
// near a renewal term, the only ones whose every term is checked: an
// annual term with 340 days' notice (no term is near it), and two-month
// terms with 57 days' notice (a February term is 59 days, so the terms over
// each non-leap century February are checked too).
func BenchmarkValidateNoticeNearTerm(b *testing.B) {
	for _, c := range []Contract{
		{ID: "annual", Start: date.Must(2026, time.January, 15), TermMonths: 12, AutoRenew: true, Notice: date.Days(340)},
		{ID: "two-month", Start: date.Must(2026, time.January, 15), TermMonths: 2, RenewalTermMonths: 2, AutoRenew: true, Notice: date.Days(57)},
	} {
		b.Run(c.ID, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.Validate(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
