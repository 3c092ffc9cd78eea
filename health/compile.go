package health

import (
	"fmt"
	"math/bits"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/fault"
)

// card is a validated scorecard with every number in fixed point, ready to
// score: points and cut-offs in hundredths, weights in ten-thousandths,
// thresholds in millionths.
type card struct {
	src          *Scorecard // the scorecard as given (names, float weights)
	model        Model
	yellow       cut
	green        cut
	missing      MissingRule
	neutral      int64 // hundredths
	minCoverage  int64 // hundredths of a percent
	staleMissing bool
	groups       []group
	measures     []measure
	all          uint64         // bit i for each measure i
	allGroups    uint64         // bit j for each group j
	index        map[string]int // measure name → position
	sumWeight    int64          // Σ measure weights (reduced, see compile)
	sumGroup     int64          // Σ group weights (reduced)
	fullWeight   divisor        // 2·sumWeight
	fullGroup    divisor        // 2·sumGroup
}

// cut is a compiled band cut-off: a score h (hundredths) is in when
// h > above (see Op.cut).
type cut struct {
	op    Op
	at    int64 // hundredths
	above int64
}

// group is a compiled group: measures[lo:hi] are its measures.
type group struct {
	name      string
	weight    int64 // reduced (see compile); the sum of its measures' in a points scorecard
	display   float64
	aggregate Aggregate
	lo, hi    int
	mask      uint64  // bit i for each of its measures i
	sumWeight int64   // Σ its measures' weights
	full      divisor // 2·sumWeight
}

// measure is a compiled measure.
type measure struct {
	name      string
	group     int
	weight    int64 // ten-thousandths, reduced (see compile)
	weightF   float64
	kind      Kind
	least     float64 // the lowest raw value its kind allows
	most      float64 // the highest
	whole     bool    // its kind allows whole numbers only
	upward    bool    // higher is better
	sign      int64   // +1 when higher is better, −1 when lower is
	cuts      []level // the steps, read on sign·value
	otherwise int64   // hundredths: Else
	linear    bool
	span      uint64  // sign·(best − worst) in millionths, above zero
	origin    int64   // sign·worst in millionths
	inv       float64 // 1/(2·span), to estimate the division of a linear rule
	lowest    int64   // the lowest points the rule gives, in hundredths
	validFor  date.Period
	dated     bool // validFor is not zero: inputs need a date
}

// step is a compiled step.
type step struct {
	op  Op
	at  int64 // millionths
	pts int64 // hundredths
}

// level is a step read on sign·value: a value u = sign·v (in whole
// millionths) takes it when u > above (see Op.cut).
type level struct {
	above int64
	pts   int64
}

// compile validates s and compiles it. Errors are located in s.
func compile(s *Scorecard) (*card, error) {
	if err := checkName("name", s.Name); err != nil {
		return nil, err
	}
	if s.Version == "" {
		return nil, cardErr("version", ErrMissingVersion)
	}
	if len(s.Version) > maxName {
		return nil, cardErr("version", fmt.Errorf("%w: %s is longer than %d bytes", ErrInvalidScorecard, fault.Quote(s.Version), maxName))
	}
	if !s.Model.Valid() {
		return nil, cardErr("model", fmt.Errorf("%w %d", ErrUnknownModel, s.Model))
	}
	c := &card{src: s, model: s.Model}
	var err error
	if c.yellow, c.green, err = s.Bands.compile(); err != nil {
		return nil, at("bands", err)
	}
	m, err := s.Missing.compile()
	if err != nil {
		return nil, at("missing", err)
	}
	c.missing, c.neutral, c.minCoverage, c.staleMissing = m.rule, m.neutral, m.minCoverage, m.staleMissing
	if len(s.Groups) == 0 {
		return nil, cardErr("groups", fmt.Errorf("%w: a scorecard needs at least one group", ErrInvalidScorecard))
	}
	if len(s.Groups) > maxItems {
		return nil, cardErr("groups", fmt.Errorf("%w: more than %d groups", ErrInvalidScorecard, maxItems))
	}
	c.index = make(map[string]int)
	for gi := range s.Groups {
		g := &s.Groups[gi]
		path := index("groups", gi)
		if err := g.Validate(); err != nil {
			return nil, at(path, err)
		}
		for _, prev := range s.Groups[:gi] {
			if prev.Name == g.Name {
				return nil, cardErr(path+".name", fmt.Errorf("%w: %s", ErrDuplicateName, fault.Quote(g.Name)))
			}
		}
		cg := group{name: g.Name, aggregate: g.Aggregate, lo: len(c.measures)}
		switch {
		case s.Model == ModelPoints && g.Weight != 0:
			return nil, cardErr(path+".weight", fmt.Errorf("%w: a points scorecard's groups weigh what their measures weigh; leave the group weight out", ErrInvalidWeight))
		case s.Model == ModelPoints && g.Aggregate != AggregateAverage:
			return nil, cardErr(path+".aggregate", fmt.Errorf("%w: a points scorecard's groups add their measures' points; %s is not allowed", ErrInvalidRule, g.Aggregate))
		case s.Model != ModelPoints && g.Weight == 0 && len(s.Groups) > 1:
			return nil, cardErr(path+".weight", fmt.Errorf("%w: a group of a scorecard with several groups needs a weight", ErrInvalidWeight))
		case s.Model != ModelPoints && g.Weight == 0:
			cg.weight = weightScale // the only group: weight 1
		case s.Model != ModelPoints:
			cg.weight, _ = weightOf(g.Weight) // checked by g.Validate
		}
		for mi := range g.Measures {
			if len(c.measures) == maxItems {
				return nil, cardErr(path+"."+index("measures", mi), fmt.Errorf("%w: more than %d measures in the scorecard", ErrInvalidScorecard, maxItems))
			}
			cm, _ := compileMeasure(&g.Measures[mi]) // checked by g.Validate
			if _, dup := c.index[cm.name]; dup {
				return nil, cardErr(path+"."+index("measures", mi)+".name", fmt.Errorf("%w: %s", ErrDuplicateName, fault.Quote(cm.name)))
			}
			cm.group = gi
			c.index[cm.name] = len(c.measures)
			c.measures = append(c.measures, cm)
			cg.sumWeight += cm.weight
		}
		cg.hi = len(c.measures)
		cg.mask = 1<<cg.hi - 1<<cg.lo // (for hi = 64: 0 − 1<<lo, the bits from lo up)
		if s.Model == ModelPoints {
			cg.weight = cg.sumWeight
		}
		cg.display = float64(cg.weight) / weightScale
		if s.Model != ModelPoints && g.Weight != 0 {
			cg.display = g.Weight
		}
		c.groups = append(c.groups, cg)
		c.sumWeight += cg.sumWeight
		c.sumGroup += cg.weight
	}
	if s.Model == ModelPoints && c.sumWeight != 100*weightScale {
		return nil, cardErr("groups", fmt.Errorf("%w: a points scorecard's measure weights add up to %s, not 100", ErrInvalidWeight, fixedText(c.sumWeight, weightScale)))
	}
	c.all = 1<<len(c.measures) - 1 // (for 64 measures: 0 − 1, every bit)
	c.allGroups = 1<<len(c.groups) - 1
	c.reduce()
	return c, nil
}

// reduce divides the measures' weights by their greatest common divisor,
// and the groups' by theirs. Only ratios of weights enter a score (every
// formula divides by a sum of the same weights), so nothing changes but
// the size of the sums: weights such as 25/25/30/20 become 5/5/6/4, the
// sums of weight × points stay below 2^32, and dividing them by a fixed
// sum is one multiplication (see divisor).
func (c *card) reduce() {
	var gm, gg int64
	for _, m := range c.measures {
		gm = gcd(gm, m.weight)
	}
	for _, g := range c.groups {
		gg = gcd(gg, g.weight)
	}
	for i := range c.measures {
		c.measures[i].weight /= gm
	}
	c.sumWeight /= gm
	c.sumGroup = 0
	for j := range c.groups {
		g := &c.groups[j]
		g.sumWeight /= gm
		g.weight /= gg
		g.full = newDivisor(uint64(2 * g.sumWeight))
		c.sumGroup += g.weight
	}
	c.fullWeight = newDivisor(uint64(2 * c.sumWeight))
	c.fullGroup = newDivisor(uint64(2 * c.sumGroup))
}

// gcd returns the greatest common divisor of a and b (b when a is 0).
func gcd(a, b int64) int64 {
	for a != 0 {
		a, b = b%a, a
	}
	return b
}

// fixedText writes v/scale with its decimals, trailing zeros trimmed.
func fixedText(v, scale int64) string {
	s := fmt.Sprintf("%d", v/scale)
	if f := v % scale; f != 0 {
		d := fmt.Sprintf("%0*d", decimals(scale), f)
		for d[len(d)-1] == '0' {
			d = d[:len(d)-1]
		}
		s += "." + d
	}
	return s
}

// compileMeasure validates and compiles one measure; paths are relative
// to it.
func compileMeasure(m *Measure) (measure, error) {
	if err := checkName("name", m.Name); err != nil {
		return measure{}, err
	}
	w, err := weightOf(m.Weight)
	if err != nil {
		return measure{}, cardErr("weight", err)
	}
	if !m.Kind.Valid() {
		return measure{}, cardErr("kind", fmt.Errorf("%w %d", ErrUnknownKind, m.Kind))
	}
	if !m.Direction.Valid() {
		if m.Direction == 0 {
			return measure{}, cardErr("direction", fmt.Errorf("%w: a measure must say higher_is_better or lower_is_better", ErrUnknownDirection))
		}
		return measure{}, cardErr("direction", fmt.Errorf("%w %d", ErrUnknownDirection, m.Direction))
	}
	if err := m.ValidFor.Validate(); err != nil {
		return measure{}, cardErr("valid_for", err)
	}
	cm := measure{
		name: m.Name, weight: w, weightF: m.Weight, kind: m.Kind,
		upward: m.Direction == DirectionHigherIsBetter, sign: 1, validFor: m.ValidFor, dated: !m.ValidFor.IsZero(),
	}
	if !cm.upward {
		cm.sign = -1
	}
	cm.least, cm.most = -maxValue, maxValue
	switch m.Kind {
	case KindNonNegative:
		cm.least = 0
	case KindCount:
		cm.least, cm.whole = 0, true
	case KindFlag:
		cm.least, cm.most, cm.whole = 0, 1, true
	}
	if err := cm.compileRule(&m.Rule); err != nil {
		return measure{}, at("rule", err)
	}
	return cm, nil
}

// compileRule validates and compiles r into cm, for cm's direction.
func (cm *measure) compileRule(r *Rule) error {
	switch {
	case len(r.Steps) == 0 && r.Linear == nil:
		return cardErr("", fmt.Errorf("%w: a rule needs steps or a linear range", ErrInvalidRule))
	case len(r.Steps) > 0 && r.Linear != nil:
		return cardErr("", fmt.Errorf("%w: a rule has steps or a linear range, not both", ErrInvalidRule))
	case len(r.Steps) > maxItems:
		return cardErr("steps", fmt.Errorf("%w: more than %d steps", ErrInvalidRule, maxItems))
	}
	if r.Linear != nil {
		if r.Else != 0 {
			return cardErr("else", fmt.Errorf("%w: a linear rule gives 0 to 100 points; else must be left out", ErrInvalidRule))
		}
		worst, err := thresholdOf(r.Linear.Worst)
		if err != nil {
			return cardErr("linear.worst", err)
		}
		best, err := thresholdOf(r.Linear.Best)
		if err != nil {
			return cardErr("linear.best", err)
		}
		if cm.upward && worst >= best {
			return cardErr("linear", fmt.Errorf("%w: higher is better, so worst (%v) must be below best (%v)", ErrInvalidRule, r.Linear.Worst, r.Linear.Best))
		}
		if !cm.upward && worst <= best {
			return cardErr("linear", fmt.Errorf("%w: lower is better, so worst (%v) must be above best (%v)", ErrInvalidRule, r.Linear.Worst, r.Linear.Best))
		}
		cm.setLine(worst, best)
		return nil
	}
	steps := make([]step, len(r.Steps))
	for i, s := range r.Steps {
		path := index("steps", i)
		if !s.Op.Valid() {
			return cardErr(path+".op", fmt.Errorf("%w %s: every step says >=, >, <= or <", ErrUnknownOp, fault.Quote(s.Op.String())))
		}
		if s.Op.upward() != cm.upward {
			dir := "higher is better, so a step compares with >= or >"
			if !cm.upward {
				dir = "lower is better, so a step compares with <= or <"
			}
			return cardErr(path+".op", fmt.Errorf("%w: %s contradicts the direction: %s", ErrInvalidRule, s.Op, dir))
		}
		a, err := thresholdOf(s.At)
		if err != nil {
			return cardErr(path+".at", err)
		}
		p, err := pointsOf(s.Points)
		if err != nil {
			return cardErr(path+".points", err)
		}
		cur := step{op: s.Op, at: a, pts: p}
		if i > 0 {
			prev := steps[i-1]
			if !stricter(prev, cur, cm.upward) {
				return cardErr(path+".at", fmt.Errorf("%w: step %s %v takes no value the step before (%s %v) leaves; write the best step first",
					ErrInvalidRule, s.Op, s.At, r.Steps[i-1].Op, r.Steps[i-1].At))
			}
			if cur.pts > prev.pts {
				return cardErr(path+".points", fmt.Errorf("%w: %v points for a worse value than the step before (%v)", ErrInvalidRule, s.Points, r.Steps[i-1].Points))
			}
		}
		steps[i] = cur
	}
	e, err := pointsOf(r.Else)
	if err != nil {
		return cardErr("else", err)
	}
	if last := steps[len(steps)-1].pts; e > last {
		return cardErr("else", fmt.Errorf("%w: else (%v points) is more than the last step's (%v)", ErrInvalidRule, r.Else, r.Steps[len(r.Steps)-1].Points))
	}
	cm.otherwise, cm.lowest = e, e
	cm.cuts = make([]level, len(steps))
	for i, st := range steps {
		_, above := st.op.cut(st.at) // its sign is cm.sign: checked above
		cm.cuts[i] = level{above: above, pts: st.pts}
	}
	return nil
}

// stricter reports whether step a takes a strictly smaller set of values
// than step b (both in the direction given): a's cut-off is further in the
// better direction, or the same cut-off with a leaving it out and b taking
// it in.
func stricter(a, b step, upward bool) bool {
	if a.at == b.at {
		return a.op.strict() && !b.op.strict()
	}
	if upward {
		return a.at > b.at
	}
	return a.at < b.at
}

// compile checks the bands and returns their cut-offs, defaults filled in.
func (b Bands) compile() (yellow, green cut, err error) {
	d := DefaultBands()
	if yellow, err = b.Yellow.compile(d.Yellow); err != nil {
		return cut{}, cut{}, at("yellow", err)
	}
	if green, err = b.Green.compile(d.Green); err != nil {
		return cut{}, cut{}, at("green", err)
	}
	if !stricter(step{op: green.op, at: green.at}, step{op: yellow.op, at: yellow.at}, true) {
		return cut{}, cut{}, cardErr("green", fmt.Errorf("%w: green (%s %s) must be stricter than yellow (%s %s)",
			ErrInvalidRule, green.op, Hundredths(green.at), yellow.op, Hundredths(yellow.at)))
	}
	return yellow, green, nil
}

// compile checks a cut-off; the zero Cut is def.
func (c Cut) compile(def Cut) (cut, error) {
	if c == (Cut{}) {
		c = def
	}
	if c.Op != OpAtLeast && c.Op != OpAbove {
		return cut{}, cardErr("op", fmt.Errorf("%w %s: a band's cut-off says >= or >", ErrUnknownOp, fault.Quote(c.Op.String())))
	}
	a, err := pointsOf(c.At)
	if err != nil {
		return cut{}, cardErr("at", err)
	}
	_, above := c.Op.cut(a)
	return cut{op: c.Op, at: a, above: above}, nil
}

// band returns the band of h hundredths.
func (c *card) band(h int64) Band {
	switch {
	case h > c.green.above:
		return BandGreen
	case h > c.yellow.above:
		return BandYellow
	}
	return BandRed
}

// missingData is a compiled MissingData.
type missingData struct {
	rule         MissingRule
	neutral      int64
	minCoverage  int64
	staleMissing bool
}

// compile checks the rule and fills in the defaults.
func (m MissingData) compile() (missingData, error) {
	d := DefaultMissingData()
	if !m.Rule.Valid() {
		return missingData{}, cardErr("rule", fmt.Errorf("%w %d", ErrUnknownMissingRule, m.Rule))
	}
	if m.Neutral == 0 {
		m.Neutral = d.Neutral
	}
	if m.MinCoverage == 0 {
		m.MinCoverage = d.MinCoverage
	}
	n, err := pointsOf(m.Neutral)
	if err != nil {
		return missingData{}, cardErr("neutral", err)
	}
	c, err := pointsOf(m.MinCoverage)
	if err != nil {
		return missingData{}, cardErr("min_coverage", err)
	}
	return missingData{rule: m.Rule, neutral: n, minCoverage: c, staleMissing: m.StaleIsMissing}, nil
}

// setLine makes cm's rule the line from worst (0 points) to best (100
// points), in millionths, on the side cm's direction says.
func (cm *measure) setLine(worst, best int64) {
	cm.linear, cm.lowest = true, 0
	cm.span = uint64(cm.sign * (best - worst))
	cm.origin = cm.sign * worst
	cm.inv = 1 / float64(int64(2*cm.span))
}

// linePoints returns the points, in hundredths, of a value num millionths
// past the worst end of a line span millionths long: 0 at or before the
// worst end, 100 at or past the best, rounded half up in between. inv is
// 1/(2·span), which only estimates the quotient: the result is exact.
func linePoints(num int64, span uint64, inv float64) int64 {
	if num <= 0 {
		return 0
	}
	u := uint64(num)
	if u >= span {
		return fullPoints
	}
	// round(fullPoints·u/span) = ⌊(2·fullPoints·u + span) / (2·span)⌋;
	// u < span < 2^62 and the quotient is below 10001. Every span up to
	// 2^48 millionths (2.8·10^8 in raw units) fits in 64 bits; wider ones
	// take 128.
	if span < 1<<48 {
		return int64(divFloorInv(2*fullPoints*u+span, 2*span, inv))
	}
	hi, lo := bits.Mul64(2*fullPoints, u)
	lo, carry := bits.Add64(lo, span, 0)
	hi += carry
	q, _ := bits.Div64(hi, lo, 2*span)
	return int64(q)
}
