package health

// groupWeight returns group j's weight as configured (a points scorecard's
// groups weigh the sum of their measures' weights).
func (c *card) groupWeight(j int) float64 { return c.groups[j].display }

// explain sets every contribution and loss of dst, whose score is score;
// sumG is the counted groups' weight, sumWc the counted measures' weight,
// worstAt the measure a worst-of score comes from.
func (c *card) explain(dst *Score, score, sumG, sumWc int64, worstAt int) {
	ms, gs := dst.Measures, dst.Groups
	for i := range ms {
		ms[i].Contribution, ms[i].Lost = Points{}, Points{}
	}
	var sc shareScratch
	w, p, con, lost := sc.w[:], sc.p[:], sc.con[:], sc.lost[:]
	switch {
	case c.model == ModelWeighted && sumG > 0:
		// Groups first, from their shown scores, then each group's share
		// split among its measures.
		ng := len(gs)
		for j := range gs {
			w[j], p[j] = 0, gs[j].Score.h
			if gs[j].Counted {
				w[j] = c.groups[j].weight
			}
		}
		sc.shares(score, fullPoints-score, sumG, ng)
		for j := range gs {
			gs[j].Contribution, gs[j].Lost = Points{con[j]}, Points{lost[j]}
		}
		for j := range gs { // (split reuses the scratch)
			if gs[j].Counted {
				c.split(&sc, ms, j, &gs[j], sumG)
			}
		}
	case c.model == ModelPoints && sumWc > 0:
		n := len(ms)
		for i := range ms {
			w[i], p[i] = 0, ms[i].Points.h
			if ms[i].Counted {
				w[i] = c.measures[i].weight
			}
		}
		sc.shares(score, fullPoints-score, sumWc, n)
		for i := range ms {
			ms[i].Contribution, ms[i].Lost = Points{con[i]}, Points{lost[i]}
		}
		c.sumGroups(ms, gs)
	case c.model == ModelWorstOf && worstAt >= 0:
		ms[worstAt].Contribution, ms[worstAt].Lost = Points{score}, Points{fullPoints - score}
		c.sumGroups(ms, gs)
	default:
		for j := range gs {
			gs[j].Contribution, gs[j].Lost = Points{}, Points{}
		}
	}
}

// split divides group j's contribution and loss among its counted
// measures: in an average group, in proportion to each measure's exact
// share of the score, G·w·p / (ΣG·Σw) (and of the loss, G·w·(100−p) /
// (ΣG·Σw)), where G and ΣG are the group's and the counted groups' weights
// and w and Σw the measure's and the group's counted measures' weights; in
// a min or max group, all to the deciding measure. With one group the
// shares are those of the score itself, so each contribution is its exact
// share rounded down or up.
func (c *card) split(sc *shareScratch, ms []MeasureScore, j int, g *GroupScore, sumG int64) {
	cg := &c.groups[j]
	if cg.aggregate != AggregateAverage {
		for i := cg.lo; i < cg.hi; i++ {
			if ms[i].Measure == g.Decider {
				ms[i].Contribution, ms[i].Lost = g.Contribution, g.Lost
			}
		}
		return
	}
	w, p, con, lost := sc.w[:], sc.p[:], sc.con[:], sc.lost[:]
	n := cg.hi - cg.lo
	var wc int64
	for k := range n {
		e, m := &ms[cg.lo+k], &c.measures[cg.lo+k]
		w[k], p[k] = 0, e.Points.h
		if e.Counted {
			wc += m.weight
			w[k] = cg.weight * m.weight
		}
	}
	// G ≤ 10^7, w ≤ 10^7 and p ≤ 10^4, so G·w·p ≤ 10^18 < 2^63; ΣG and
	// Σw are at most 64·10^7 each, so their product is below 2^59.
	sc.shares(g.Contribution.h, g.Lost.h, sumG*wc, n)
	for k := range n {
		ms[cg.lo+k].Contribution, ms[cg.lo+k].Lost = Points{con[k]}, Points{lost[k]}
	}
}

// shareScratch holds the entries explain splits a score among: weights
// (0 for an entry that does not count), points, and the shares found.
type shareScratch struct {
	w, p, con, lost, num [maxItems]int64
}

// shares splits con and lost among the first n entries: con by the exact
// shares w·p/den, lost by w·(100 − p)/den, each rounded by largest
// remainder (see allocate), into sc.con and sc.lost.
func (sc *shareScratch) shares(con, lost, den int64, n int) {
	for k := range n {
		sc.num[k] = sc.w[k] * sc.p[k]
	}
	allocate(con, sc.num[:n], den, sc.con[:n])
	for k := range n {
		sc.num[k] = sc.w[k] * (fullPoints - sc.p[k])
	}
	allocate(lost, sc.num[:n], den, sc.lost[:n])
}

// sumGroups sets each group's contribution and loss to the sum of its
// measures'.
func (c *card) sumGroups(ms []MeasureScore, gs []GroupScore) {
	for j := range gs {
		var con, lost int64
		for i := c.groups[j].lo; i < c.groups[j].hi; i++ {
			con += ms[i].Contribution.h
			lost += ms[i].Lost.h
		}
		gs[j].Contribution, gs[j].Lost = Points{con}, Points{lost}
	}
}

// allocate rounds the shares num[i]/den to whole units so that they add up
// to total, by largest remainder: each share gets its floor, and the units
// left go one each to the largest remainders, the earlier entry first on a
// tie. When total is below the sum of the floors (a group's contribution
// rounded from its shown score, split by exact shares), the units are taken
// one each from the smallest remainders instead. When total is the sum of
// the shares rounded (as for every score), each result is its share
// rounded down or up. A zero den gives zeros.
func allocate(total int64, num []int64, den int64, out []int64) {
	if den <= 0 {
		for i := range out {
			out[i] = 0
		}
		return
	}
	var sum int64
	for i, n := range num {
		out[i] = n / den
		sum += out[i]
	}
	var used uint64
	for left := total - sum; left > 0; left-- {
		best := -1
		var bestRem int64
		for i, n := range num {
			if used&(1<<i) != 0 {
				continue
			}
			if r := n % den; best < 0 || r > bestRem {
				best, bestRem = i, r
			}
		}
		if best < 0 {
			return // no entries
		}
		out[best]++
		used |= 1 << best
		if used == uint64(1)<<len(num)-1 { // (for 64 entries: 0 − 1, every bit)
			used = 0 // every entry had a unit: a second round (a split of a rounded total)
		}
	}
	for left := total - sum; left < 0; left++ {
		best := -1
		var bestRem int64
		for i, n := range num {
			if used&(1<<i) != 0 || out[i] == 0 {
				continue
			}
			if r := n % den; best < 0 || r < bestRem {
				best, bestRem = i, r
			}
		}
		if best < 0 {
			if used == 0 {
				return // nothing left to take from
			}
			used, left = 0, left-1 // a second round
			continue
		}
		out[best]--
		used |= 1 << best
	}
}
