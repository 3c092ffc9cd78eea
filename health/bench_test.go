package health_test

import (
	"testing"

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
func perAccount(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/account")
}

// BenchmarkTallyMillion scores and tallies by band a streamed book of a
// million accounts (run with -benchtime=1x). B/op must not grow with the
// book: nothing is allocated per account.
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

// BenchmarkTallyMillionFloat is the hand-written float64 loop beside
// BenchmarkTallyMillion: the same streamed accounts, the same four-axis
// rules and weighted sums in float64, the same tally by band, but no
// validation, no lookup of measures by name, no missing data, no staleness
// and no exactness.
func BenchmarkTallyMillionFloat(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		var red, yellow, green int
		var sum float64
		for a := range seqOf(million) {
			in := a.Inputs
			var contact float64
			switch d := in[0].Value; {
			case d <= 14:
				contact = 100
			case d <= 30:
				contact = 60
			}
			openCase := 0.0
			if in[1].Value < 1 {
				openCase = 100
			}
			var signals float64
			switch n := in[2].Value; {
			case n <= 0:
				signals = 100
			case n <= 2:
				signals = 50
			}
			risk := min(openCase, signals)
			active := min(max((in[3].Value-0.2)/0.6*100, 0), 100)
			adoption := min(max(in[4].Value/0.6*100, 0), 100)
			usage := (0.7*active + 0.3*adoption) / 1.0
			goal := 20.0
			switch g := in[5].Value; {
			case g >= 1:
				goal = 100
			case g >= 0.75:
				goal = 75
			case g >= 0.5:
				goal = 50
			}
			score := (0.25*contact + 0.25*risk + 0.3*usage + 0.2*goal) / 1.0
			switch {
			case score > 75:
				green++
			case score > 50:
				yellow++
			default:
				red++
			}
			sum += score
		}
		if red+yellow+green != million {
			b.Fatal(red, yellow, green)
		}
	}
	perAccount(b, million)
}

// floatCard is the scorecard as a host would hand-write it in float64:
// the same rules and weights as data, read by position.
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

// BenchmarkTallyMillionFloatData is the float64 loop a host would write
// over the scorecard as data: the rules read from the scorecard, the
// inputs by position, groups averaged (or the minimum) and weighted, the
// band counted. No validation, names, missing data, staleness or
// exactness.
func BenchmarkTallyMillionFloatData(b *testing.B) {
	fc := newFloatCard(fourAxes())
	b.ReportAllocs()
	for b.Loop() {
		var red, yellow, green int
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
			switch score := sum / sumW; {
			case score > fc.green:
				green++
			case score > fc.yellow:
				yellow++
			default:
				red++
			}
		}
		if red+yellow+green != million {
			b.Fatal(red, yellow, green)
		}
	}
	perAccount(b, million)
}
