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
	var num, out [maxItems]int64
	switch {
	case c.model == ModelWeighted && sumG > 0:
		// Groups first, from their shown scores, then each group's share
		// split among its measures.
		ng := len(gs)
		for j := range gs {
			num[j] = 0
			if gs[j].Counted {
				num[j] = c.groups[j].weight * gs[j].Score.h
			}
		}
		allocate(score, num[:ng], sumG, out[:ng])
		for j := range gs {
			gs[j].Contribution = Points{out[j]}
		}
		for j := range gs {
			num[j] = 0
			if gs[j].Counted {
				num[j] = c.groups[j].weight * (fullPoints - gs[j].Score.h)
			}
		}
		allocate(fullPoints-score, num[:ng], sumG, out[:ng])
		for j := range gs {
			gs[j].Lost = Points{out[j]}
		}
		for j := range gs {
			if gs[j].Counted {
				c.split(ms, j, &gs[j], sumG)
			}
		}
	case c.model == ModelPoints && sumWc > 0:
		n := len(ms)
		for i := range ms {
			num[i] = 0
			if ms[i].Counted {
				num[i] = c.measures[i].weight * ms[i].Points.h
			}
		}
		allocate(score, num[:n], sumWc, out[:n])
		for i := range ms {
			ms[i].Contribution = Points{out[i]}
		}
		for i := range ms {
			num[i] = 0
			if ms[i].Counted {
				num[i] = c.measures[i].weight * (fullPoints - ms[i].Points.h)
			}
		}
		allocate(fullPoints-score, num[:n], sumWc, out[:n])
		for i := range ms {
			ms[i].Lost = Points{out[i]}
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
func (c *card) split(ms []MeasureScore, j int, g *GroupScore, sumG int64) {
	cg := &c.groups[j]
	if cg.aggregate != AggregateAverage {
		for i := cg.lo; i < cg.hi; i++ {
			if ms[i].Measure == g.Decider {
				ms[i].Contribution, ms[i].Lost = g.Contribution, g.Lost
			}
		}
		return
	}
	var num, out [maxItems]int64
	n := cg.hi - cg.lo
	var wc int64
	for k := range n {
		if ms[cg.lo+k].Counted {
			wc += c.measures[cg.lo+k].weight
		}
	}
	// G ≤ 10^7, w ≤ 10^7 and p ≤ 10^4, so G·w·p ≤ 10^18 < 2^63; ΣG and
	// Σw are at most 64·10^7 each, so their product is below 2^59.
	den := sumG * wc
	for k := range n {
		num[k] = 0
		if e := &ms[cg.lo+k]; e.Counted {
			num[k] = cg.weight * c.measures[cg.lo+k].weight * e.Points.h
		}
	}
	allocate(g.Contribution.h, num[:n], den, out[:n])
	for k := range n {
		ms[cg.lo+k].Contribution = Points{out[k]}
	}
	for k := range n {
		num[k] = 0
		if e := &ms[cg.lo+k]; e.Counted {
			num[k] = cg.weight * c.measures[cg.lo+k].weight * (fullPoints - e.Points.h)
		}
	}
	allocate(g.Lost.h, num[:n], den, out[:n])
	for k := range n {
		ms[cg.lo+k].Lost = Points{out[k]}
	}
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
