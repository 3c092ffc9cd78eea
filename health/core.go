package health

import (
	"fmt"
	"math/bits"
	"unsafe"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/fault"
)

// work is the scratch of one scoring: the measures' points and the
// groups' scores in fixed arrays, and the measures' states as bit sets
// (bit i is measure i), so that scoring a book allocates nothing and
// touches little memory. Only the entries of a scorecard's measures and
// groups are read; a work need not be cleared between accounts.
type work struct {
	seen     uint64              // measures with an input
	stale    uint64              // measures whose input is stale
	present  uint64              // measures whose data the score stands on
	counted  uint64              // measures that count (present, or scored by the missing rule)
	gCounted uint64              // groups with a counted measure
	from     [maxItems]int32     // the position of measure i's input, when seen
	pts      [maxItems]int64     // measure i's points in hundredths, when counted (read first puts its raw value there)
	gScore   [maxItems]int32     // group j's score in hundredths, when counted
	gCov     [maxItems]int32     // group j's coverage in hundredths of a percent
	gDecider [maxItems]int8      // the measure deciding a min or max group
	cuts     [maxItems]date.Date // the stale cut-off days, when run is given none
	order    [maxItems]int8      // scratch of resolve
	worstAt  int                 // the lowest counted measure of a worst-of score, or −1

	sumG, sumWc  int64 // the counted groups' and measures' weights
	score        int64 // the computed score, hundredths
	coverage     int64 // hundredths of a percent
	insufficient bool
	override     *Override // the override in force, if any
	value        int64     // the shown score
	band         Band      // the shown band
}

// run scores a (whose head is validated) with c as of asOf into w: the
// inputs checked and read, the points, the groups, the score, its
// coverage and band, the override. cuts, when not nil, are c's stale
// cut-off days as of asOf (see cutsFor). known holds every measure name
// of the config: an input for a measure c does not have is ignored if
// known has it and an error if not. It is the one place the scoring
// models are computed (see the package doc, "Scoring models"); fill
// writes the explanation from it. Where every measure has data (the usual
// account) the coverage is whole and needs no arithmetic.
func (c *card) run(w *work, a *Account, asOf date.Date, cuts []date.Date, known map[string]int) error {
	if cuts == nil {
		cuts = c.cutsFor(w.cuts[:len(c.measures)], asOf)
	}
	if err := c.read(w, a, asOf, cuts, known, nil); err != nil {
		return err
	}

	// The override in force, if any.
	w.override = nil
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
	if c.staleMissing {
		w.present &^= w.stale
	}
	w.counted = w.present
	if w.present != c.all && c.missing != MissingReweight {
		w.counted = c.all
		for m := c.all &^ w.present; m != 0; m &= m - 1 {
			i := bits.TrailingZeros64(m)
			if c.missing == MissingNeutral {
				w.pts[i] = c.neutral
			} else {
				w.pts[i] = c.measures[i].lowest
			}
		}
	}

	// The groups' own scores.
	counted := w.counted
	var sumGScore int64
	var gCounted uint64
	for j := range c.groups {
		g := &c.groups[j]
		cm := counted & g.mask
		if cm == 0 {
			continue
		}
		var score int64
		switch {
		case g.aggregate != AggregateAverage:
			d := c.decider(w, cm, g.aggregate == AggregateMax)
			score = w.pts[d]
			w.gDecider[j] = int8(d)
		case cm&(cm-1) == 0: // one counted: w·p/w = p
			score = w.pts[bits.TrailingZeros64(cm)]
		case cm == g.mask:
			score = g.full.roundHalf(c.weighted(w, cm))
		default:
			score = roundDiv(c.weighted(w, cm), c.weightOf(cm))
		}
		w.gScore[j] = int32(score)
		gCounted |= 1 << j
		sumGScore += g.weight * score
	}
	w.gCounted = gCounted

	// The score.
	w.score, w.sumG, w.sumWc, w.worstAt = 0, 0, 0, -1
	switch c.model {
	case ModelWeighted:
		switch {
		case gCounted == c.allGroups:
			w.sumG = c.sumGroup
			w.score = c.fullGroup.roundHalf(sumGScore)
		case gCounted != 0:
			for m := gCounted; m != 0; m &= m - 1 {
				w.sumG += c.groups[bits.TrailingZeros64(m)].weight
			}
			w.score = roundDiv(sumGScore, w.sumG)
		}
	case ModelPoints:
		switch {
		case counted == c.all:
			w.sumWc = c.sumWeight
			w.score = c.fullWeight.roundHalf(c.weighted(w, counted))
		case counted != 0:
			w.sumWc = c.weightOf(counted)
			w.score = roundDiv(c.weighted(w, counted), w.sumWc)
		}
	case ModelWorstOf:
		if counted != 0 {
			w.worstAt = c.decider(w, counted, false)
			w.score = w.pts[w.worstAt]
		}
	}
	w.coverage = c.coverage(w)
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

// read checks a's inputs and reads them into w: which measures have one
// (seen), which are stale, their points and positions. order gives the
// measure of each input (see resolve); nil, read takes input k for
// measure k as long as it names it with the scorecard's very string (a
// comparison of pointers: the usual case, where the host builds its
// accounts with the names of the config it decoded), and starts again
// with the inputs resolved by name at the first that does not. The loop
// over the values calls nothing (every error is left to inputErr), so it
// keeps its state in registers; the points are computed after it, each
// from the value rounded to the millionth once.
func (c *card) read(w *work, a *Account, asOf date.Date, cuts []date.Date, known map[string]int, order []int8) error {
	ms, ins := c.measures, a.Inputs
	var seen, stale uint64
	for k := range ins {
		in := &ins[k]
		i := k
		switch {
		case order != nil:
			if i = int(order[k]); i < 0 {
				if i == otherCard {
					continue
				}
				return c.inputErr(a, k, seen, asOf)
			}
		case k >= len(ms) || len(ms[k].name) != len(in.Measure) || unsafe.StringData(ms[k].name) != unsafe.StringData(in.Measure):
			return c.read(w, a, asOf, cuts, known, c.resolve(w, ins, known))
		}
		m := &ms[i]
		x := in.Value
		bit := uint64(1) << (i & 63)
		if !m.allows(x) || seen&bit != 0 || in.On.After(asOf) || m.dated && in.On.IsZero() {
			return c.inputErr(a, k, seen, asOf)
		}
		seen |= bit
		if in.On.Before(cuts[i]) {
			stale |= bit
		}
		w.from[i] = int32(k)
		w.pts[i] = roundMillionths(x) // the raw value, until its points replace it
	}
	w.seen, w.stale = seen, stale

	// The points of each value, in hundredths (see Rule): the first step
	// the value takes, else the rule's Else; or the point on the line. A
	// value u = sign·v takes a level when u > above (see level).
	for set := seen; set != 0; set &= set - 1 {
		i := bits.TrailingZeros64(set)
		m := &ms[i]
		u := m.sign * w.pts[i]
		p := m.otherwise
		if m.linear {
			p = linePoints(u-m.origin, m.span, m.inv)
		} else {
			for _, l := range m.cuts {
				if u > l.above {
					p = l.pts
					break
				}
			}
		}
		w.pts[i] = p
	}
	return nil
}

// otherCard is the position resolve gives an input for a measure of
// another scorecard of the config, and badInput one that is refused.
const (
	otherCard = -1
	badInput  = -2
)

// resolve returns the position of the measure each input names, otherCard
// or badInput, in w's scratch (allocated only for an account of more than
// 64 inputs). An input in the scorecard's order is matched by comparing
// its name; others are looked up.
func (c *card) resolve(w *work, ins []Input, known map[string]int) []int8 {
	order := w.order[:]
	if len(ins) > len(order) {
		order = make([]int8, len(ins))
	}
	for k := range ins {
		in := &ins[k]
		if !in.plausible() {
			order[k] = badInput
			continue
		}
		if k < len(c.measures) && c.measures[k].name == in.Measure {
			order[k] = int8(k)
			continue
		}
		i, ok := c.index[in.Measure]
		if !ok {
			i = badInput
			if _, other := known[in.Measure]; other {
				i = otherCard
			}
		}
		order[k] = int8(i)
	}
	return order[:len(ins)]
}

// inputErr returns the error of input k of a, which read refused; seen
// holds the measures of the inputs before it. The checks are read's, in
// the order a reader expects: a plausible value, a known measure given
// once, a value its kind allows, a date not after asOf and given where the
// measure needs one.
func (c *card) inputErr(a *Account, k int, seen uint64, asOf date.Date) error {
	in := &a.Inputs[k]
	field := index("inputs", k)
	if !in.plausible() {
		return a.inputErr(k)
	}
	i, ok := c.index[in.Measure]
	if !ok {
		return fieldErr(a.ID, field+".measure", fmt.Errorf("%w %s", ErrUnknownMeasure, fault.Quote(in.Measure)))
	}
	m := &c.measures[i]
	switch {
	case seen&(1<<i) != 0:
		return fieldErr(a.ID, field+".measure", fmt.Errorf("%w: %s", ErrDuplicateInput, fault.Quote(in.Measure)))
	case !m.allows(in.Value):
		return fieldErr(a.ID, field+".value", m.valueErr(in.Value))
	case in.On.After(asOf):
		return fieldErr(a.ID, field+".on", fmt.Errorf("%w: %s is after %s", ErrAfterAsOf, in.On, asOf))
	}
	return fieldErr(a.ID, field+".on", fmt.Errorf("%w: measure %s is valid for %s, so its input needs a date", ErrMissingDate, fault.Quote(m.name), m.validFor))
}

// cutsFor writes into cuts the stale cut-off days of c's measures as of
// asOf, and returns it: an input measured before cuts[i] is stale.
// Measures without a validity period get the zero date (nothing is
// before it).
func (c *card) cutsFor(cuts []date.Date, asOf date.Date) []date.Date {
	for i := range c.measures {
		cuts[i] = date.Date{}
		if c.measures[i].dated {
			cuts[i] = c.measures[i].validFor.Before(asOf)
		}
	}
	return cuts
}

// weightOf returns the sum of the weights of the measures in set.
func (c *card) weightOf(set uint64) int64 {
	var sum int64
	for m := set; m != 0; m &= m - 1 {
		sum += c.measures[bits.TrailingZeros64(m)].weight
	}
	return sum
}

// weighted returns Σ w·p over the measures in set.
func (c *card) weighted(w *work, set uint64) int64 {
	var sum int64
	for m := set; m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		sum += c.measures[i].weight * w.pts[i]
	}
	return sum
}

// decider returns the measure of set (not empty) with the lowest points,
// or the highest when highest is set: the first of equal ones.
func (c *card) decider(w *work, set uint64, highest bool) int {
	d := bits.TrailingZeros64(set)
	for m := set & (set - 1); m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		if p := w.pts[i]; highest && p > w.pts[d] || !highest && p < w.pts[d] {
			d = i
		}
	}
	return d
}

// coverage sets the coverage of each group of w and returns the score's
// (see the package doc, "Missing and stale data"): a group's is the
// share of its measures' weight with data, the score's the groups'
// weighted like the score, or in a points scorecard the share of all the
// weight with data. Where every measure has data, all are whole.
func (c *card) coverage(w *work) int64 {
	if w.present == c.all {
		for j := range c.groups {
			w.gCov[j] = fullPoints
		}
		return fullPoints
	}
	var covG int64
	for j := range c.groups {
		g := &c.groups[j]
		cov := int64(fullPoints)
		if pm := w.present & g.mask; pm != g.mask {
			cov = g.full.roundHalf(fullPoints * c.weightOf(pm))
		}
		w.gCov[j] = int32(cov)
		covG += g.weight * cov
	}
	if c.model == ModelPoints {
		return c.fullWeight.roundHalf(fullPoints * c.weightOf(w.present))
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
			e.Data, e.Value, e.On = DataCurrent, in.Value, in.On
			if w.stale&bit != 0 {
				e.Data = DataStale
			}
		}
		e.Counted = w.counted&bit != 0
		e.Points, e.Band = Points{}, BandNone
		if e.Counted {
			e.Points = Points{w.pts[i]}
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
