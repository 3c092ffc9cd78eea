package renewal

import (
	"iter"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/book"
	"github.com/shopspring/decimal"
)

// The benchmarks stream books of a million rows through an iter.Seq, each
// beside a hand-written loop doing the same work over precomputed numbers,
// so that one run shows the ratio:
//
//	go test -run '^$' -bench . -benchtime 1x ./renewal/
//
// A book cycles through benchDistinct rows built once: streaming a row
// costs a copy, so what is measured is the work on it, and no benchmark
// holds a million rows.

// benchRows is the length of every streamed book.
const benchRows = 1_000_000

// benchDistinct is the number of distinct rows a book cycles through.
const benchDistinct = 1024

// benchAsOf is the as-of date of the classification benchmarks.
var benchAsOf = date.Must(2026, time.June, 15)

// benchContracts are the distinct contracts: starts spread over three
// years, one in five on a 36-month term, one in three auto-renewing with a
// notice (a month, or 30 days), one in four with a March fiscal-year end,
// ARR of up to 12 digits with 0 to 2 places.
var benchContracts = func() (cs [benchDistinct]Contract) {
	for i := range cs {
		c := Contract{
			ID:         "bench",
			Start:      date.Must(2024, time.January, 1).AddDays(i * 7919 % 1096),
			TermMonths: 12,
			ARR:        decimal.New(int64(i*982451653%1_000_000_000_000), -int32(i%3)),
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
		cs[i] = c
	}
	return cs
}()

// benchStream yields n rows, cycling through the distinct rows.
func benchStream[R any](rows *[benchDistinct]R, n int) iter.Seq[R] {
	return func(yield func(R) bool) {
		for i := range n {
			if !yield(rows[i%benchDistinct]) {
				return
			}
		}
	}
}

// handRow is a contract reduced to what the hand-written classification
// starts from: its renewal date and notice deadline (zero without one),
// precomputed, and its ARR in minor units (cents).
type handRow struct {
	renewal, notice date.Date
	cents           int64
}

// handRows are benchContracts precomputed for the hand-written loop.
func handRows() (rows [benchDistinct]handRow) {
	for i, c := range benchContracts {
		r := c.NextRenewal(benchAsOf)
		rows[i] = handRow{r, c.NoticeDeadline(r), c.ARR.Shift(2).IntPart()}
	}
	return rows
}

// handClassify is the hand-written loop: n rows cycling through rows, each
// classified by the default policy's date arithmetic (the decision date is
// the notice deadline or the renewal; the window opens three months before
// it, clamped; late from fourteen days before it) and the comparisons with
// asOf, counted and its ARR summed in int64 per state. It validates
// nothing and knows no fiscal year. (A function rather than the body of the
// b.Loop loop: go1.26 fails to compile a switch whose case calls a method
// directly inside "for b.Loop()".)
func handClassify(rows *[benchDistinct]handRow, asOf date.Date, n int) (counts [numStates]int, cents [numStates]int64) {
	for i := range n {
		r := &rows[i%benchDistinct]
		decision := r.renewal
		if !r.notice.IsZero() {
			decision = r.notice
		}
		s := StateNotStarted
		switch {
		case asOf.After(decision):
			s = StatePast
		case !asOf.Before(decision.AddDays(-14)):
			s = StateLate
		case !asOf.Before(decision.AddMonths(-3)):
			s = StateInWindow
		}
		counts[s]++
		cents[s] += r.cents
	}
	return counts, cents
}

// BenchmarkClassifyBook classifies a streamed book of a million contracts
// with the ARR in each state (ours), beside the hand-written loop over
// precomputed renewal and notice dates with int64 cents (hand). The ratio
// is ours/hand. What streaming the rows costs by itself, through the same
// iter.Seq and book.Feed to an accumulator that does nothing, is stream:
// ours − stream is the work on the rows.
func BenchmarkClassifyBook(b *testing.B) {
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			t, err := Policy{}.ClassifyBook(benchStream(&benchContracts, benchRows), benchAsOf)
			if err != nil || t.Total().Contracts != benchRows {
				b.Fatal(t, err)
			}
		}
		benchPerRow(b)
	})
	b.Run("stream", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			if err := book.Feed("renewal", benchStream(&benchContracts, benchRows), func(c Contract) error { n++; return nil }); err != nil || n != benchRows {
				b.Fatal(n, err)
			}
		}
		benchPerRow(b)
	})
	b.Run("hand", func(b *testing.B) {
		rows := handRows()
		b.ReportAllocs()
		for b.Loop() {
			counts, _ := handClassify(&rows, benchAsOf, benchRows)
			if counts[StateNotStarted]+counts[StateInWindow]+counts[StateLate]+counts[StatePast] != benchRows {
				b.Fatal(counts)
			}
		}
		benchPerRow(b)
	})
}

// TestHandClassifyAgrees checks the hand-written loop against ours on the
// distinct contracts without a fiscal-year end (the hand loop knows no
// budget), so the benchmark compares the same work.
func TestHandClassifyAgrees(t *testing.T) {
	rows := handRows()
	p := Policy{IgnoreFiscalYear: true}
	counts, cents := handClassify(&rows, benchAsOf, benchDistinct)
	tally, err := p.ClassifyBook(benchStream(&benchContracts, benchDistinct), benchAsOf)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []State{StateNotStarted, StateInWindow, StateLate, StatePast} {
		got := tally.State(s)
		if got.Contracts != counts[s] || !got.ARR.Equal(decimal.New(cents[s], -2)) {
			t.Errorf("%s: ours %d %s, hand %d %d cents", s, got.Contracts, got.ARR, counts[s], cents[s])
		}
	}
}

// benchRenewals are the distinct forecast rows (see fcGenRow).
var benchRenewals = func() (rs [benchDistinct]Renewal) {
	for i := range rs {
		rs[i] = fcGenRow(1, i, fcGenAmounts)
	}
	return rs
}()

// handForecastRow is a renewal reduced to what a plain int64 sum of the
// forecast needs: its month in the range (-1 outside), its line and its
// amounts in cents.
type handForecastRow struct {
	month, line                 int
	target, amount, risk, final int64
	upsell, downsell            int64
}

// handForecastRows precomputes benchRenewals for the plain int64 sum, with
// the package's own rules (fcNaiveRow).
func handForecastRows() (rows [benchDistinct]handForecastRow) {
	cents := func(d decimal.Decimal) int64 { return d.Shift(2).IntPart() }
	for i := range benchRenewals {
		r := &benchRenewals[i]
		due := r.Due
		if due.IsZero() {
			due = r.Contract.NextRenewal(fcGenPeriod.From)
		}
		if !fcGenPeriod.Contains(due) {
			rows[i] = handForecastRow{month: -1}
			continue
		}
		line, t := fcNaiveRow(r, fcGenAsOf)
		rows[i] = handForecastRow{
			month: monthIndex(due) - monthIndex(fcGenPeriod.From), line: line,
			target: cents(t.Target), amount: cents(t.Forecast), risk: cents(t.RiskAdjusted), final: cents(t.Final),
			upsell: cents(t.Upsell), downsell: cents(t.Downsell),
		}
	}
	return rows
}

// handSums are the int64 totals of one line of one month.
type handSums struct{ count, target, forecast, risk, final, upsell, downsell int64 }

// handForecast is the plain int64 sum: n rows cycling through rows, each
// added to its month and line.
func handForecast(rows *[benchDistinct]handForecastRow, n int) (sums [12][numLines]handSums) {
	for i := range n {
		r := &rows[i%benchDistinct]
		if r.month < 0 {
			continue
		}
		s := &sums[r.month][r.line]
		s.count++
		s.target += r.target
		s.forecast += r.amount
		s.risk += r.risk
		s.final += r.final
		s.upsell += r.upsell
		s.downsell += r.downsell
	}
	return sums
}

// BenchmarkForecastBook forecasts a streamed book of a million renewals
// with exact decimal totals (ours), times the exact totals alone, the month
// and line of each row known (ours-totals: each row's amounts read once and
// added to up to eight money.Sum totals), and the plain int64 sum of the
// same totals over precomputed months, lines and cents (hand).
func BenchmarkForecastBook(b *testing.B) {
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := (Policy{}).Forecast(benchStream(&benchRenewals, benchRows), fcGenAsOf, fcGenPeriod, date.FiscalCalendar{}); err != nil {
				b.Fatal(err)
			}
		}
		benchPerRow(b)
	})
	b.Run("ours-totals", func(b *testing.B) {
		fc, err := NewForecaster(Policy{}, fcGenAsOf, fcGenPeriod, date.FiscalCalendar{})
		if err != nil {
			b.Fatal(err)
		}
		var months [benchDistinct]int
		for i := range benchRenewals {
			r := &benchRenewals[i]
			months[i] = -1
			if due := r.renewalOn(r.Contract.FirstRenewal(), fcGenPeriod.From); fcGenPeriod.Contains(due) {
				months[i] = monthIndex(due) - fc.first
			}
		}
		b.ReportAllocs()
		for b.Loop() {
			for i := range benchRows {
				if m := months[i%benchDistinct]; m >= 0 {
					fc.count(&benchRenewals[i%benchDistinct], &fc.months[m])
				}
			}
		}
		benchPerRow(b)
	})
	b.Run("hand", func(b *testing.B) {
		rows := handForecastRows()
		b.ReportAllocs()
		for b.Loop() {
			if sums := handForecast(&rows, benchRows); sums[0][0].count == 0 && sums[1][0].count == 0 {
				b.Fatal("nothing summed")
			}
		}
		benchPerRow(b)
	})
}

// TestHandForecastAgrees checks the plain int64 sum against ours on the
// distinct renewals, so the benchmark compares the same work.
func TestHandForecastAgrees(t *testing.T) {
	rows := handForecastRows()
	sums := handForecast(&rows, benchDistinct)
	f, err := Policy{}.Forecast(benchStream(&benchRenewals, benchDistinct), fcGenAsOf, fcGenPeriod, date.FiscalCalendar{})
	if err != nil {
		t.Fatal(err)
	}
	for m, bucket := range f.Months {
		for l, got := range [numLines]Totals{bucket.Pipeline, bucket.BestCase, bucket.Commit, bucket.Omitted, bucket.Renewed, bucket.Churned} {
			want := sums[m][l]
			for _, c := range []struct {
				got  decimal.Decimal
				want int64
			}{{got.Target, want.target}, {got.Forecast, want.forecast}, {got.RiskAdjusted, want.risk},
				{got.Final, want.final}, {got.Upsell, want.upsell}, {got.Downsell, want.downsell}} {
				if !c.got.Equal(decimal.New(c.want, -2)) {
					t.Errorf("month %d line %d: ours %s, hand %d cents", m, l, c.got, c.want)
				}
			}
			if int64(got.Count) != want.count {
				t.Errorf("month %d line %d: ours %d rows, hand %d", m, l, got.Count, want.count)
			}
		}
	}
}

// benchPerRow reports the time per row of a million-row book.
func benchPerRow(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchRows, "ns/row")
}
