package health_test

import (
	"iter"
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/health"
)

// BenchmarkScore scores one account of the four-axis scorecard with its
// full explanation into a reused Score: allocations must be zero.
func BenchmarkScore(b *testing.B) {
	s := scorer(b, fourAxes())
	a := acct("A", fourAxesInputs())
	var out health.Score
	b.ReportAllocs()
	for b.Loop() {
		if err := s.ScoreTo(&out, a, asOf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScoreNew is Score, which returns a new Score each time.
func BenchmarkScoreNew(b *testing.B) {
	s := scorer(b, fourAxes())
	a := acct("A", fourAxesInputs())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Score(a, asOf); err != nil {
			b.Fatal(err)
		}
	}
}

const million = 1_000_000

// perAccount reports the time per account of a benchmark over n accounts.
func perAccount(b *testing.B, n int) { perRow(b, n, "ns/account") }

// perRow reports the time per row of a benchmark over n rows.
func perRow(b *testing.B, n int, unit string) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), unit)
}

// BenchmarkTallyMillion scores and tallies by band a streamed book of a
// million accounts (run with -benchtime=1x), beside
// BenchmarkTallyMillionHand. B/op must not grow with the book: nothing is
// allocated per account.
func BenchmarkTallyMillion(b *testing.B) {
	s := scorer(b, fourAxes())
	b.ReportAllocs()
	for b.Loop() {
		r, err := health.TallyBook(s, asOf, seqOf(million))
		if err != nil || r.Accounts != million {
			b.Fatal(r, err)
		}
	}
	perAccount(b, million)
}

// floatCard is a scorecard as a host would read it into float64 for
// BenchmarkTallyMillionHand: the same rules and weights, as data.
type floatCard struct {
	groups []floatGroup
	yellow float64
	green  float64
}

type floatGroup struct {
	weight   float64
	min      bool
	measures []floatMeasure
}

type floatMeasure struct {
	weight float64
	up     bool
	steps  []health.Step
	other  float64
	linear *health.Linear
}

func newFloatCard(sc health.Scorecard) floatCard {
	fc := floatCard{yellow: 50, green: 75}
	for _, g := range sc.Groups {
		fg := floatGroup{weight: g.Weight, min: g.Aggregate == health.AggregateMin}
		for _, m := range g.Measures {
			fg.measures = append(fg.measures, floatMeasure{weight: m.Weight, up: m.Direction == hi, steps: m.Rule.Steps, other: m.Rule.Else, linear: m.Rule.Linear})
		}
		fc.groups = append(fc.groups, fg)
	}
	return fc
}

func (m *floatMeasure) points(v float64) float64 {
	if l := m.linear; l != nil {
		return min(max((v-l.Worst)/(l.Best-l.Worst)*100, 0), 100)
	}
	for _, s := range m.steps {
		var ok bool
		switch s.Op {
		case health.OpAtLeast:
			ok = v >= s.At
		case health.OpAbove:
			ok = v > s.At
		case health.OpAtMost:
			ok = v <= s.At
		case health.OpBelow:
			ok = v < s.At
		}
		if ok {
			return s.Points
		}
	}
	return m.other
}

// BenchmarkTallyMillionHand is the hand-written loop beside
// BenchmarkTallyMillion, doing the same work in float64: the same
// streamed accounts, the same scorecard read as data (its rules, weights,
// aggregates and bands), the same weighted sum (each group's measures
// averaged by their weights normalised, or the group's minimum, then the
// groups weighted and normalised), the same tally by band and mean. It
// reads the inputs by position and leaves out what the library adds: no
// validation, names, missing data, staleness or exact arithmetic.
func BenchmarkTallyMillionHand(b *testing.B) {
	fc := newFloatCard(fourAxes())
	b.ReportAllocs()
	for b.Loop() {
		var red, yellow, green int
		var total float64
		for a := range seqOf(million) {
			k := 0
			var sum, sumW float64
			for gi := range fc.groups {
				g := &fc.groups[gi]
				var gs, gw float64
				lowest := 101.0
				for mi := range g.measures {
					m := &g.measures[mi]
					p := m.points(a.Inputs[k].Value)
					k++
					gs += m.weight * p
					gw += m.weight
					lowest = min(lowest, p)
				}
				score := gs / gw
				if g.min {
					score = lowest
				}
				sum += g.weight * score
				sumW += g.weight
			}
			score := sum / sumW
			switch {
			case score > fc.green:
				green++
			case score > fc.yellow:
				yellow++
			default:
				red++
			}
			total += score
		}
		if red+yellow+green != million || total/million > 100 {
			b.Fatal(red, yellow, green)
		}
	}
	perAccount(b, million)
}

const peerCount = 100_000

// peerRows returns n usage rows of one peer group, generated one at a
// time.
func peerRows(n int) iter.Seq[health.Usage] {
	return func(yield func(health.Usage) bool) {
		vals := []health.MetricValue{{Metric: "logins"}, {Metric: "days_since_login"}}
		for i := range n {
			vals[0].Value = float64(i*7919%1000) / 10
			vals[1].Value = float64(i % 60)
			h := pts(int64(i * 31 % 10001))
			u := health.Usage{Account: "acct-" + strconv.Itoa(i), Group: "mfg", Segment: "smb", Health: &h, Values: vals}
			if !yield(u) {
				return
			}
		}
	}
}

// BenchmarkReview reviews one account against 100,000 peers whose
// statistics were built once: a binary search per metric.
func BenchmarkReview(b *testing.B) {
	peers, err := health.PeerBook(reviewConfig(), peerRows(peerCount))
	if err != nil {
		b.Fatal(err)
	}
	h := pts(5475)
	u := health.Usage{Account: "acct-42", Group: "mfg", Segment: "smb", Health: &h,
		Values: []health.MetricValue{{Metric: "logins", Value: 33.3}, {Metric: "days_since_login", Value: 12}}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := peers.Review(u); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReviewHand is the hand-written review beside BenchmarkReview:
// for each metric, one pass over the 100,000 peer values counting those
// below and equal and summing for the mean and deviation, as a host
// without prepared statistics does per query (no median or quartiles).
func BenchmarkReviewHand(b *testing.B) {
	cols := [2][]float64{}
	for u := range peerRows(peerCount) {
		cols[0] = append(cols[0], u.Values[0].Value)
		cols[1] = append(cols[1], u.Values[1].Value)
	}
	x := [2]float64{33.3, 12}
	b.ReportAllocs()
	for b.Loop() {
		for m, v := range cols {
			var below, equal int
			var sum, sq float64
			for _, y := range v {
				switch {
				case y < x[m]:
					below++
				case y == x[m]:
					equal++
				}
				sum += y
				sq += y * y
			}
			n := float64(len(v))
			mean := sum / n
			sd := math.Sqrt(sq/n - mean*mean)
			if pct := (float64(below) + float64(equal)/2) / n; pct < 0 || 50+10*(x[m]-mean)/sd < -1e9 {
				b.Fatal(pct)
			}
		}
	}
}

// BenchmarkPeerBook builds the statistics of 100,000 peers streamed row
// by row: once per book, not per query.
func BenchmarkPeerBook(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := health.PeerBook(reviewConfig(), peerRows(peerCount)); err != nil {
			b.Fatal(err)
		}
	}
}

const (
	btAccounts = 10_000
	btPerAcct  = 100 // 10,000 × 100 = a million scores
)

// btBench returns the outcomes and a stream of a million past scores:
// 100 weekly scores an account before its outcome.
func btBench() ([]health.Outcome, iter.Seq[health.PastScore]) {
	ids := make([]string, btAccounts)
	var outcomes []health.Outcome
	for i := range ids {
		ids[i] = "acct-" + strconv.Itoa(i)
		outcomes = append(outcomes, health.Outcome{Account: ids[i], On: asOf, Result: health.Result(1 + i%3)})
	}
	start := asOf.AddDays(-7 * btPerAcct)
	return outcomes, func(yield func(health.PastScore) bool) {
		for w := range btPerAcct {
			d := start.AddDays(7 * w)
			for i, id := range ids {
				h := int64((i*131 + w*17) % 10001)
				band := health.BandRed
				switch {
				case h > 7500:
					band = health.BandGreen
				case h > 5000:
					band = health.BandYellow
				}
				if !yield(health.PastScore{Account: id, On: d, Score: pts(h), Band: band}) {
					return
				}
			}
		}
	}
}

// BenchmarkBacktestMillion backtests 10,000 outcomes over a million past
// scores streamed one at a time (run with -benchtime=1x).
func BenchmarkBacktestMillion(b *testing.B) {
	outcomes, scores := btBench()
	b.ReportAllocs()
	for b.Loop() {
		r, err := health.RunBacktest(slices.Values(outcomes), scores, health.BacktestOptions{})
		if err != nil || r.Predicted != btAccounts {
			b.Fatal(r.Predicted, err)
		}
	}
	perRow(b, btAccounts*btPerAcct, "ns/score")
}

// BenchmarkBacktestMillionHand is the hand-written loop beside it: a map
// from account to its outcome's state, the latest band by the horizon
// and the first red kept per score, then counts by band. No validation,
// one outcome an account.
func BenchmarkBacktestMillionHand(b *testing.B) {
	outcomes, scores := btBench()
	type state struct {
		on, horizon, lookback, predictOn, firstRed date.Date
		result                                     health.Result
		band                                       health.Band
	}
	b.ReportAllocs()
	for b.Loop() {
		m := make(map[string]*state, len(outcomes))
		for _, o := range outcomes {
			m[o.Account] = &state{on: o.On, horizon: o.On.AddDays(-90), lookback: o.On.AddMonths(-12), result: o.Result}
		}
		for s := range scores {
			st := m[s.Account]
			if st == nil || s.Band == health.BandNone || s.On.After(st.on) {
				continue
			}
			if !s.On.After(st.horizon) && (st.band == health.BandNone || s.On.After(st.predictOn)) {
				st.predictOn, st.band = s.On, s.Band
			}
			if s.Band == health.BandRed && !s.On.Before(st.lookback) && (st.firstRed.IsZero() || s.On.Before(st.firstRed)) {
				st.firstRed = s.On
			}
		}
		var counts [4][4]int
		for _, st := range m {
			counts[st.band][st.result]++
		}
		if counts[0][0] != 0 {
			b.Fatal(counts)
		}
	}
	perRow(b, btAccounts*btPerAcct, "ns/score")
}
