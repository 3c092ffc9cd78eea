package churn

import (
	"fmt"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/shopspring/decimal"
)

// BenchmarkMove is one transition with its plays: a tier-1 case moves from
// A to B, which triggers the three plays of B. Beside it, the same work by
// hand: copy the history, append the move, list the plays of B.
func BenchmarkMove(b *testing.B) {
	c := draft()
	c.Tier = 1
	c.History = []Transition{
		{Date: day(2026, time.November, 2), Event: EventFrontLineHint},
		{Date: day(2026, time.November, 9), Event: EventAdminHint},
	}
	tr := Transition{Date: day(2026, time.December, 1), Event: EventDecisionMakerConsidering, By: "CFO"}
	b.Run("policy", func(b *testing.B) {
		b.ReportAllocs()
		p := Policy{}
		for b.Loop() {
			n, plays, err := p.Move(c, tr)
			if err != nil || len(plays) != 3 || len(n.History) != 3 {
				b.Fatal(err)
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		b.ReportAllocs()
		defaults := DefaultPlays()
		for b.Loop() {
			n := c
			n.History = append(append(make([]Transition, 0, len(c.History)+1), c.History...), tr)
			var plays []PlayDue
			for _, p := range defaults {
				if p.Phase == PhaseB {
					plays = append(plays, PlayDue{Play: p})
				}
			}
			if len(plays) != 3 || len(n.History) != 3 {
				b.Fatal("wrong")
			}
		}
	})
}

// million is the size of the streamed book of the accumulator benchmarks.
const million = 1_000_000

// streamedBook yields n valid cases made on the fly, all open but one in
// eight (saved or churned), spread over 20 owners, 12 renewal months,
// 1,000 amounts and every reason. Rows share their slices and amounts and
// slice their IDs from one string, so the stream itself allocates nothing
// per case: what a benchmark measures is the consumer.
func streamedBook(n int) iter.Seq[Case] {
	const idLen = 8
	var sb strings.Builder
	sb.Grow(n * idLen)
	for i := range n {
		fmt.Fprintf(&sb, "%0*d", idLen, i)
	}
	ids := sb.String()
	owners := make([]string, 20)
	for i := range owners {
		owners[i] = fmt.Sprintf("csm-%02d", i)
	}
	amounts := make([]decimal.Decimal, 1000)
	for i := range amounts {
		amounts[i] = decimal.NewFromInt(int64(100_000 + i*4_999))
	}
	account := decimal.NewFromInt(10_000_000)
	opened := day(2026, time.October, 1)
	histories := [][]Transition{
		{{Date: opened, Event: EventFrontLineHint}},
		{{Date: opened, Event: EventAdminHint}, {Date: opened.AddDays(5), Event: EventDecisionMakerConsidering}},
		{{Date: opened, Event: EventDecisionMakerConsidering}, {Date: opened.AddDays(9), Event: EventCancellationDecided}},
		{{Date: opened, Event: EventAdminHint}, {Date: opened.AddDays(20), Event: EventFrontLineHint}},
		{{Date: opened, Event: EventCancellationDecided}},
		{{Date: opened, Event: EventDecisionMakerConsidering}},
		{{Date: opened, Event: EventAdminHint}, {Date: opened.AddDays(30), Event: EventSaved}},
		{{Date: opened, Event: EventCancellationDecided}, {Date: opened.AddDays(30), Event: EventChurned, Lost: decimal.NewFromInt(1_000_000)}},
	}
	reasons := make([][]Reason, numReasons)
	for i := range reasons {
		k := ReasonKind(i + 1)
		reasons[i] = []Reason{{Kind: k, Text: "text", Avoidable: i%2 == 0}}
		if k != ReasonBudgetCut {
			reasons[i] = append(reasons[i], Reason{Kind: ReasonBudgetCut})
		}
	}
	renewals := make([]date.Date, 12)
	for i := range renewals {
		renewals[i] = day(2027, time.Month(i+1), 28)
	}
	return func(yield func(Case) bool) {
		for i := range n {
			c := Case{
				ID: ids[i*idLen : (i+1)*idLen], Account: "account", Owner: owners[i%len(owners)],
				ARRAtRisk: amounts[i%len(amounts)], RenewalDate: renewals[i%len(renewals)], Tier: i % 4,
				AccountARR: account, Reasons: reasons[i%len(reasons)], History: histories[i%len(histories)],
			}
			if !yield(c) {
				return
			}
		}
	}
}

// BenchmarkForecastMillion is the expected-loss accumulator over a streamed
// book of a million cases, in exact decimals, beside a hand-written int64
// loop that does the same grouping with no validation. Run it with
// -benchtime=1x. "no-dup-check" is the flat-memory path (the policy skips
// the ID set); "dup-check" keeps the set of a million IDs.
func BenchmarkForecastMillion(b *testing.B) {
	asOf := day(2026, time.December, 31)
	book := streamedBook(million)
	run := func(p Policy) func(*testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				acc, err := NewForecastAcc(p, asOf)
				if err != nil {
					b.Fatal(err)
				}
				for c := range book {
					if err := acc.Add(c); err != nil {
						b.Fatal(err)
					}
				}
				if f := acc.Result(); f.Total.Cases != million*6/8 {
					b.Fatal(f.Total.Cases)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/million, "ns/case")
		}
	}
	b.Run("no-dup-check", run(Policy{SkipDuplicateCheck: true}))
	b.Run("dup-check", run(Policy{}))
	b.Run("hand-int64", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			w := [numOpen]int64{600, 800, 950} // per mille
			var total [numOpen]int64
			var n [numOpen]int
			var byReason [numReasons + 1][numOpen]int64
			byOwner := map[string]*[numOpen]int64{}
			byMonth := map[int32]*[numOpen]int64{}
			saved, churned := 0, 0
			for c := range book {
				var ph int
				switch c.History[len(c.History)-1].Event {
				case EventFrontLineHint, EventAdminHint:
					ph = 0
				case EventDecisionMakerConsidering:
					ph = 1
				case EventCancellationDecided:
					ph = 2
				case EventSaved:
					saved++
					continue
				default:
					churned++
					continue
				}
				arr := c.ARRAtRisk.CoefficientInt64()
				n[ph]++
				total[ph] += arr
				for _, r := range c.Reasons {
					byReason[r.Kind][ph] += arr
				}
				o := byOwner[c.Owner]
				if o == nil {
					o = new([numOpen]int64)
					byOwner[c.Owner] = o
				}
				o[ph] += arr
				m := int32(c.RenewalDate.Year())*12 + int32(c.RenewalDate.Month()) - 1
				mo := byMonth[m]
				if mo == nil {
					mo = new([numOpen]int64)
					byMonth[m] = mo
				}
				mo[ph] += arr
			}
			var loss int64
			for i := range numOpen {
				loss += total[i] * w[i]
			}
			if n[0]+n[1]+n[2] != million*6/8 || loss <= 0 || saved+churned != million/4 {
				b.Fatal(n, saved, churned)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/million, "ns/case")
	})
}

// BenchmarkKPIsMillion is the KPI accumulator over the same streamed book
// of a million cases, without the ID set. Run it with -benchtime=1x.
func BenchmarkKPIsMillion(b *testing.B) {
	asOf := day(2026, time.December, 31)
	book := streamedBook(million)
	b.ReportAllocs()
	for b.Loop() {
		acc, err := NewKPIAcc(Policy{SkipDuplicateCheck: true}, asOf)
		if err != nil {
			b.Fatal(err)
		}
		for c := range book {
			if err := acc.Add(c); err != nil {
				b.Fatal(err)
			}
		}
		if k := acc.Result(); k.Overall.Open != million*6/8 {
			b.Fatal(k.Overall)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/million, "ns/case")
}
