package health

import (
	"fmt"

	"github.com/cskit/cskit/date"
)

// work is the scratch of one scoring: the measures' points and states and
// the groups' scores in fixed arrays, so that scoring a book allocates
// nothing and touches little memory. Only the entries of a scorecard's
// measures and groups are read; a work need not be cleared between
// accounts.
type work struct {
	seen     uint64          // measures with an input
	present  uint64          // measures whose data the score stands on
	counted  uint64          // measures that count (present, or scored by the missing rule)
	gCounted uint64          // groups with a counted measure
	from     [maxItems]int32 // the position of measure i's input, when seen
	data     [maxItems]Data  // measure i's input state, when seen
	pts      [maxItems]int32 // measure i's points in hundredths, when counted
	gScore   [maxItems]int32 // group j's score in hundredths, when counted
	gCov     [maxItems]int32 // group j's coverage in hundredths of a percent
	gDecider [maxItems]int8  // the measure deciding a min or max group
	worstAt  int             // the lowest counted measure, or −1

	sumG, sumWc  int64 // the counted groups' and measures' weights
	score        int64 // the computed score, hundredths
	coverage     int64 // hundredths of a percent
	insufficient bool
	stale        bool
	override     *Override // the override in force, if any
	value        int64     // the shown score
	band         Band      // the shown band
}

// run scores a (whose head is validated) with c as of asOf into w: the
// inputs checked and read, the points, the groups, the score, its
// coverage and band, the override. cuts, when not nil, are
// c.cutsFor(asOf). known holds every measure name of the config: an input
// for a measure c does not have is ignored if known has it and an error if
// not. It is the one place the scoring models are computed (see the
// package doc, "Scoring models"); fill writes the explanation from it.
func (c *card) run(w *work, a *Account, asOf date.Date, cuts staleCuts, known map[string]int) error {
	n := len(c.measures)
	w.seen, w.stale, w.override = 0, false, nil

	// Read the inputs. An input in the scorecard's order is matched
	// without a map lookup.
	for k := range a.Inputs {
		in := &a.Inputs[k]
		if !in.plausible() {
			return a.inputErr(k)
		}
		i := k
		if i >= n || c.measures[i].name != in.Measure {
			var ok bool
			if i, ok = c.index[in.Measure]; !ok {
				if _, other := known[in.Measure]; other {
					continue
				}
				return fieldErr(a.ID, index("inputs", k)+".measure", fmt.Errorf("%w %s", ErrUnknownMeasure, quoteShort(in.Measure)))
			}
		}
		bit := uint64(1) << (i & 63)
		if w.seen&bit != 0 {
			return fieldErr(a.ID, index("inputs", k)+".measure", fmt.Errorf("%w: %s", ErrDuplicateInput, quoteShort(in.Measure)))
		}
		w.seen |= bit
		m := &c.measures[i]
		v, ok := m.read(in.Value)
		if !ok {
			return fieldErr(a.ID, index("inputs", k)+".value", m.valueErr(in.Value))
		}
		data := DataCurrent
		switch {
		case in.On.After(asOf):
			return fieldErr(a.ID, index("inputs", k)+".on", fmt.Errorf("%w: %s is after %s", ErrAfterAsOf, in.On, asOf))
		case !m.dated:
		case in.On.IsZero():
			return fieldErr(a.ID, index("inputs", k)+".on", fmt.Errorf("%w: measure %s is valid for %s, so its input needs a date", ErrMissingDate, quoteShort(m.name), m.validFor))
		case cuts != nil && in.On.Before(cuts[i]), cuts == nil && in.On.Before(m.validFor.Before(asOf)):
			data = DataStale
			w.stale = true
		}
		w.from[i], w.data[i], w.pts[i] = int32(k), data, int32(m.points(v))
	}

	// The override in force, if any.
	for k := range a.Overrides {
		o := &a.Overrides[k]
		if o.From.After(asOf) {
			return fieldErr(a.ID, index("overrides", k)+".from", fmt.Errorf("%w: %s is after %s", ErrAfterAsOf, o.From, asOf))
		}
		if o.inForce(asOf) {
			w.override = o
		}
	}

	// What counts, and the points of measures without data.
	w.present = w.seen
	if c.staleMissing && w.stale {
		for i := range n {
			if w.seen&(1<<i) != 0 && w.data[i] == DataStale {
				w.present &^= 1 << i
			}
		}
	}
	w.counted = w.present
	if all := uint64(1)<<n - 1; w.present != all && c.missing != MissingReweight {
		w.counted = all
		for i := range n {
			if w.present&(1<<i) == 0 {
				if c.missing == MissingNeutral {
					w.pts[i] = int32(c.neutral)
				} else {
					w.pts[i] = int32(c.measures[i].lowest)
				}
			}
		}
	}

	// The groups' own scores and coverage.
	var sumGScore, sumWP, present, covG int64
	w.sumG, w.sumWc, w.gCounted, w.worstAt = 0, 0, 0, -1
	worst := int64(fullPoints + 1)
	for j := range c.groups {
		g := &c.groups[j]
		var wc, wp, pw int64
		decider, counted := -1, 0
		for i := g.lo; i < g.hi; i++ {
			bit := uint64(1) << (i & 63)
			weight := c.measures[i].weight
			if w.present&bit != 0 {
				pw += weight
			}
			if w.counted&bit == 0 {
				continue
			}
			p := int64(w.pts[i])
			counted++
			wc += weight
			wp += weight * p
			if p < worst {
				worst, w.worstAt = p, i
			}
			switch {
			case decider < 0,
				g.aggregate == AggregateMin && p < int64(w.pts[decider]),
				g.aggregate == AggregateMax && p > int64(w.pts[decider]):
				decider = i
			}
		}
		// A group's coverage and average need a division only when they
		// are not whole: all present, or one measure counted.
		cov := int64(fullPoints)
		if pw != g.sumWeight {
			cov = g.full.roundHalf(fullPoints * pw)
		}
		w.gCov[j] = int32(cov)
		present += pw
		covG += g.weight * cov
		if wc == 0 {
			continue
		}
		var score int64
		switch {
		case g.aggregate != AggregateAverage:
			score = int64(w.pts[decider])
			w.gDecider[j] = int8(decider)
		case counted == 1:
			score = int64(w.pts[decider]) // the one counted: w·p/w = p
		case wc == g.sumWeight:
			score = g.full.roundHalf(wp)
		default:
			score = roundDiv(wp, wc)
		}
		w.gScore[j] = int32(score)
		w.gCounted |= 1 << j
		w.sumG += g.weight
		sumGScore += g.weight * score
		w.sumWc += wc
		sumWP += wp
	}

	// The score and its coverage.
	w.score = 0
	switch c.model {
	case ModelWeighted:
		switch {
		case w.sumG == c.sumGroup:
			w.score = c.fullGroup.roundHalf(sumGScore)
		case w.sumG > 0:
			w.score = roundDiv(sumGScore, w.sumG)
		}
		w.coverage = c.coverage(covG)
	case ModelPoints:
		switch {
		case w.sumWc == c.sumWeight:
			w.score = c.fullWeight.roundHalf(sumWP)
		case w.sumWc > 0:
			w.score = roundDiv(sumWP, w.sumWc)
		}
		w.coverage = fullPoints
		if present != c.sumWeight {
			w.coverage = c.fullWeight.roundHalf(fullPoints * present)
		}
	case ModelWorstOf:
		if w.worstAt >= 0 {
			w.score = worst
		}
		w.coverage = c.coverage(covG)
	}
	w.insufficient = w.coverage < c.minCoverage

	// What is shown.
	switch {
	case w.override != nil:
		h, _ := pointsOf(w.override.Score) // validated
		w.value, w.band = h, c.band(h)
	case w.insufficient:
		w.value, w.band = 0, BandNone
	default:
		w.value, w.band = w.score, c.band(w.score)
	}
	return nil
}

// coverage returns the score's coverage from Σ G·coverage over the groups.
func (c *card) coverage(covG int64) int64 {
	if covG == fullPoints*c.sumGroup {
		return fullPoints
	}
	return c.fullGroup.roundHalf(covG)
}

// fill writes the score w computed for a into dst, with its explanation,
// reusing dst's slices.
func (c *card) fill(dst *Score, w *work, a *Account, asOf date.Date) {
	dst.Stage, dst.AsOf, dst.Model = a.Stage, asOf, c.model
	setString(&dst.Account, a.ID)
	setString(&dst.Segment, a.Segment)
	setString(&dst.Scorecard, c.src.Name)
	setString(&dst.Version, c.src.Version)
	dst.Value, dst.Band, dst.Computed = Points{w.value}, w.band, Points{w.score}
	dst.Coverage, dst.Insufficient = Points{w.coverage}, w.insufficient
	switch {
	case w.override != nil:
		dst.Override = *w.override
	case !dst.Override.IsZero():
		dst.Override = Override{}
	}

	n, ng := len(c.measures), len(c.groups)
	if cap(dst.Measures) < n {
		dst.Measures = make([]MeasureScore, n)
	}
	ms := dst.Measures[:n]
	dst.Measures = ms
	for i := range ms {
		e, m := &ms[i], &c.measures[i]
		setString(&e.Measure, m.name)
		setString(&e.Group, c.groups[m.group].name)
		e.Weight = m.weightF
		e.Data, e.Value, e.On = DataMissing, 0, date.Date{}
		bit := uint64(1) << i
		if w.seen&bit != 0 {
			in := &a.Inputs[w.from[i]]
			e.Data, e.Value, e.On = w.data[i], in.Value, in.On
		}
		e.Counted = w.counted&bit != 0
		e.Points, e.Band = Points{}, BandNone
		if e.Counted {
			e.Points = Points{int64(w.pts[i])}
			e.Band = c.band(e.Points.h)
		}
	}
	if cap(dst.Groups) < ng {
		dst.Groups = make([]GroupScore, ng)
	}
	gs := dst.Groups[:ng]
	dst.Groups = gs
	for j := range gs {
		e, g := &gs[j], &c.groups[j]
		setString(&e.Group, g.name)
		e.Aggregate, e.Weight = g.aggregate, c.groupWeight(j)
		e.Counted = w.gCounted&(1<<j) != 0
		e.Coverage = Points{int64(w.gCov[j])}
		e.Score, e.Band = Points{}, BandNone
		setString(&e.Decider, "")
		if e.Counted {
			e.Score = Points{int64(w.gScore[j])}
			e.Band = c.band(e.Score.h)
			if g.aggregate != AggregateAverage {
				setString(&e.Decider, c.measures[w.gDecider[j]].name)
			}
		}
	}
	c.explain(dst, w.score, w.sumG, w.sumWc, w.worstAt)
}

// setString sets *p to v, writing only when they differ: a Score reused
// for a book keeps its names, and writing a string costs more than
// comparing two that share their bytes.
func setString(p *string, v string) {
	if *p != v {
		*p = v
	}
}
