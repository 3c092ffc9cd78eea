package health

import (
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/jsonstrict"
	"golang.org/x/exp/stats"
)

// Errors of the peer usage review.
var (
	// ErrInvalidReview is wrapped by every error of [ReviewConfig.Validate]
	// and of the JSON decoders of review configs, usage rows and peers.
	ErrInvalidReview = errors.New("health: invalid review")
	// ErrUnknownMetric is returned for a usage value naming a metric the
	// review config does not have.
	ErrUnknownMetric = errors.New("health: unknown metric")
	// ErrDuplicateAccount is returned for an account given twice in a
	// book of usage rows or of outcomes.
	ErrDuplicateAccount = errors.New("health: account given twice")
	// ErrNoPeers is returned when a review names a peer group the peers do
	// not have.
	ErrNoPeers = errors.New("health: no peers")
)

// ReviewConfig is the layout of a peer usage review: the metrics on the
// sheet, in order, each with the advice shown for the customer's position.
// Like a scorecard, it is data a team keeps in version control.
type ReviewConfig struct {
	Metrics []Metric `json:"metrics"`
}

// Metric is one usage metric of a review: logins per user, cards scanned,
// reports built. Values are non-negative (usage).
type Metric struct {
	// Name is what a usage row names; unique in the config.
	Name string `json:"name"`
	// Label is shown on the sheet; empty means Name.
	Label string `json:"label,omitempty"`
	// Direction says whether more is better; required. Percentiles,
	// deviation scores and ranks are turned so that higher is better.
	Direction Direction `json:"direction"`
	// Advice is read in order on the customer's deviation score: the
	// first whose comparison holds gives its text, else Else.
	Advice []Advice `json:"advice,omitempty"`
	Else   string   `json:"else,omitempty"`
}

// Advice is the text for a position: a deviation score for which
// "deviation Op At" holds. The comparisons of a metric's advice run one
// way, each taking more positions than the one before: "<" or "<=" with
// rising cut-offs (the lowest position first), or ">" or ">=" with falling
// ones. At has at most two decimals.
type Advice struct {
	Op   Op      `json:"op"`
	At   float64 `json:"at"`
	Text string  `json:"text"`
}

// reviewErr returns a review error at field.
func reviewErr(field string, err error) error {
	return &FieldError{Field: field, Err: withKind(ErrInvalidReview, err)}
}

// Validate checks the config.
//
// Validate returns an error if there is no metric, more than 64, a metric
// has no name or shares one ([ErrMissingName], [ErrDuplicateName]), has no
// direction ([ErrUnknownDirection]), or its advice has an empty text, a
// cut-off that is not a number with at most two decimals within ±10^6
// ([ErrInvalidNumber]), comparisons that run both ways or cut-offs out of
// order ([ErrInvalidRule]). Errors are [*FieldError] values with the JSON
// path ("metrics[1].advice[0].at") and wrap [ErrInvalidReview].
func (c ReviewConfig) Validate() error {
	_, err := compileReview(c)
	return err
}

// UnmarshalJSON decodes a config strictly and validates it; errors wrap
// [ErrInvalidReview] and name the metric ("metrics[1]"), and the receiver
// is left alone on error.
func (c *ReviewConfig) UnmarshalJSON(b []byte) error {
	type plain struct {
		Metrics []json.RawMessage `json:"metrics"`
	}
	var p plain
	if err := jsonstrict.Decode(b, &p); err != nil {
		return decodeErr(ErrInvalidReview, err)
	}
	var v ReviewConfig
	var err error
	if v.Metrics, err = decodeList[Metric]("metrics", p.Metrics, ErrInvalidReview); err != nil {
		return err
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*c = v
	return nil
}

// review is a compiled ReviewConfig.
type review struct {
	src     ReviewConfig
	index   map[string]int
	advice  [][]adviceCut
	upwards []bool
}

// adviceCut is a compiled Advice: deviation d (hundredths) takes it when
// sign·d > above.
type adviceCut struct {
	sign  int64
	above int64
	text  string
}

func compileReview(c ReviewConfig) (*review, error) {
	if len(c.Metrics) == 0 {
		return nil, reviewErr("metrics", fmt.Errorf("%w: a review needs at least one metric", ErrInvalidReview))
	}
	if len(c.Metrics) > maxItems {
		return nil, reviewErr("metrics", fmt.Errorf("%w: more than %d metrics", ErrInvalidReview, maxItems))
	}
	r := &review{src: c, index: make(map[string]int, len(c.Metrics))}
	for i, m := range c.Metrics {
		path := index("metrics", i)
		switch {
		case m.Name == "":
			return nil, reviewErr(path+".name", ErrMissingName)
		case len(m.Name) > maxName:
			return nil, reviewErr(path+".name", fmt.Errorf("%w: %s is longer than %d bytes", ErrInvalidReview, fault.Quote(m.Name), maxName))
		case !m.Direction.Valid():
			return nil, reviewErr(path+".direction", fmt.Errorf("%w: a metric must say higher_is_better or lower_is_better", ErrUnknownDirection))
		case len(m.Advice) > maxItems:
			return nil, reviewErr(path+".advice", fmt.Errorf("%w: more than %d advice texts", ErrInvalidReview, maxItems))
		}
		if _, dup := r.index[m.Name]; dup {
			return nil, reviewErr(path+".name", fmt.Errorf("%w: %s", ErrDuplicateName, fault.Quote(m.Name)))
		}
		r.index[m.Name] = i
		var cuts []adviceCut
		var prev step
		for k, a := range m.Advice {
			apath := path + "." + index("advice", k)
			if !a.Op.Valid() {
				return nil, reviewErr(apath+".op", fmt.Errorf("%w %s: every advice says <, <=, > or >=", ErrUnknownOp, fault.Quote(a.Op.String())))
			}
			at, err := fixed(a.At, pointScale, 1e6)
			if err != nil {
				return nil, reviewErr(apath+".at", err)
			}
			if a.Text == "" {
				return nil, reviewErr(apath+".text", fmt.Errorf("%w: advice without text", ErrInvalidReview))
			}
			cur := step{op: a.Op, at: at}
			if k > 0 {
				if a.Op.upward() != m.Advice[0].Op.upward() {
					return nil, reviewErr(apath+".op", fmt.Errorf("%w: a metric's advice compares one way (all < and <=, or all > and >=)", ErrInvalidRule))
				}
				if !stricter(prev, cur, a.Op.upward()) {
					return nil, reviewErr(apath+".at", fmt.Errorf("%w: advice %s %v takes no position the advice before leaves; write them in order", ErrInvalidRule, a.Op, a.At))
				}
			}
			prev = cur
			sign, above := a.Op.cut(at)
			cuts = append(cuts, adviceCut{sign: sign, above: above, text: a.Text})
		}
		r.advice = append(r.advice, cuts)
		r.upwards = append(r.upwards, m.Direction == DirectionHigherIsBetter)
	}
	return r, nil
}

// adviceFor returns metric i's advice for deviation d (hundredths).
func (r *review) adviceFor(i int, d int64) string {
	for _, c := range r.advice[i] {
		if c.sign*d > c.above {
			return c.text
		}
	}
	return r.src.Metrics[i].Else
}

// Usage is one account's row of a peer book: its peer group, its usage
// per metric, and its health score within its segment.
type Usage struct {
	// Account identifies the account; an account appears once in a book.
	Account string `json:"account"`
	// Group is the peer group: an industry and size band ("manufacturing
	// 100-499"), or any grouping the host supplies. Required.
	Group string `json:"group"`
	// Segment is the segment whose health scores the account's is ranked
	// among; it may be empty.
	Segment string `json:"segment,omitempty"`
	// Health is the account's shown health score, if it has one.
	Health *Points `json:"health,omitempty"`
	// Values are the account's usage, at most one per metric; a metric
	// without a value is missing, never 0.
	Values []MetricValue `json:"values,omitempty"`
}

// MetricValue is one usage value: finite, not negative, at most 10^12.
type MetricValue struct {
	Metric string  `json:"metric"`
	Value  float64 `json:"value"`
}

// usageErr returns an error about a usage row.
func usageErr(id, field string, err error) error {
	return &FieldError{ID: id, Field: field, Err: withKind(ErrInvalidReview, err)}
}

// Validate checks the row alone: an account and a group named, a health
// score in [0, 100], every value naming a metric and finite, not negative
// ([ErrInvalidValue]) and at most 10^12. A metric the config lacks or
// given twice is checked by the peer book ([ErrUnknownMetric],
// [ErrDuplicateInput]).
func (u Usage) Validate() error {
	switch {
	case u.Account == "":
		return usageErr("", "account", ErrMissingName)
	case u.Group == "":
		return usageErr(u.Account, "group", fmt.Errorf("%w: a usage row needs its peer group", ErrMissingName))
	case u.Health != nil && (u.Health.h < 0 || u.Health.h > fullPoints):
		return usageErr(u.Account, "health", fmt.Errorf("%w: %s is outside [0, 100]", ErrInvalidNumber, *u.Health))
	}
	for k, v := range u.Values {
		path := index("values", k)
		switch {
		case v.Metric == "":
			return usageErr(u.Account, path+".metric", ErrMissingName)
		case math.IsNaN(v.Value) || math.IsInf(v.Value, 0):
			return usageErr(u.Account, path+".value", fmt.Errorf("%w: %v is not a finite number", ErrInvalidNumber, v.Value))
		case v.Value < 0:
			return usageErr(u.Account, path+".value", fmt.Errorf("%w: %v is negative usage", ErrInvalidValue, v.Value))
		case v.Value > maxValue:
			return usageErr(u.Account, path+".value", fmt.Errorf("%w: %v is beyond %v", ErrInvalidNumber, v.Value, float64(maxValue)))
		}
	}
	return nil
}

// UnmarshalJSON decodes a row strictly and validates it; errors wrap
// [ErrInvalidReview] and name the account and the value ("values[1]").
func (u *Usage) UnmarshalJSON(b []byte) error {
	type plain struct {
		Account string            `json:"account"`
		Group   string            `json:"group"`
		Segment string            `json:"segment"`
		Health  *Points           `json:"health"`
		Values  []json.RawMessage `json:"values"`
	}
	var p plain
	if err := jsonstrict.Decode(b, &p); err != nil {
		return withID(idOf(b, "account"), at("", decodeErr(ErrInvalidReview, err)))
	}
	v := Usage{Account: p.Account, Group: p.Group, Segment: p.Segment, Health: p.Health}
	var err error
	if v.Values, err = decodeList[MetricValue]("values", p.Values, ErrInvalidReview); err != nil {
		return withID(p.Account, err)
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*u = v
	return nil
}

// values returns u's value of each metric of r (ok false when missing),
// checking that every value names a metric of r, once.
func (r *review) values(u *Usage, out []float64, has []bool) error {
	for i := range has {
		has[i] = false
	}
	for k, v := range u.Values {
		i, ok := r.index[v.Metric]
		if !ok {
			return usageErr(u.Account, index("values", k)+".metric", fmt.Errorf("%w %s", ErrUnknownMetric, fault.Quote(v.Metric)))
		}
		if has[i] {
			return usageErr(u.Account, index("values", k)+".metric", fmt.Errorf("%w: %s", ErrDuplicateInput, fault.Quote(v.Metric)))
		}
		out[i], has[i] = v.Value, true
	}
	return nil
}

// PeerAcc builds the peer statistics of a book of usage rows in one
// streamed pass: an accumulator with Add, Merge and Result, so a host with
// a million accounts splits its book across goroutines or machines and
// merges, and [Peers.Review] then answers each customer by binary search,
// without sorting per query.
//
// It keeps every value (8 bytes a value) and every account's ID, to find
// an account given twice, across merges too. It is not safe for
// concurrent use.
type PeerAcc struct {
	r      *review
	ids    map[string]struct{}
	groups map[string]*peerValues
	health map[string][]float64 // segment → shown health scores
	vals   []float64
	has    []bool
}

// peerValues are one group's values per metric.
type peerValues struct {
	accounts int
	values   [][]float64
}

// NewPeerAcc returns an empty peer book for config c; it returns c's
// validation error.
func NewPeerAcc(c ReviewConfig) (*PeerAcc, error) {
	r, err := compileReview(c)
	if err != nil {
		return nil, err
	}
	n := len(r.src.Metrics)
	return &PeerAcc{r: r, ids: make(map[string]struct{}), groups: make(map[string]*peerValues),
		health: make(map[string][]float64), vals: make([]float64, n), has: make([]bool, n)}, nil
}

// Add adds one account's usage. It returns an error, leaving the book
// unchanged, for an invalid row (see [Usage.Validate]), a metric the
// config lacks or given twice, or an account already in the book
// ([ErrDuplicateAccount]).
func (p *PeerAcc) Add(u Usage) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if err := p.r.values(&u, p.vals, p.has); err != nil {
		return err
	}
	if _, dup := p.ids[u.Account]; dup {
		return usageErr(u.Account, "account", fmt.Errorf("%w: %s", ErrDuplicateAccount, fault.Quote(u.Account)))
	}
	p.ids[u.Account] = struct{}{}
	g := p.groups[u.Group]
	if g == nil {
		g = &peerValues{values: make([][]float64, len(p.vals))}
		p.groups[u.Group] = g
	}
	g.accounts++
	for i, ok := range p.has {
		if ok {
			g.values[i] = append(g.values[i], p.vals[i])
		}
	}
	if u.Health != nil {
		p.health[u.Segment] = append(p.health[u.Segment], u.Health.Float64())
	}
	return nil
}

// Merge adds o's accounts to p. The two must have the same config and no
// account in common ([ErrMismatch], [ErrDuplicateAccount]); p is left
// unchanged on error, and o as it was.
func (p *PeerAcc) Merge(o *PeerAcc) error {
	if o == nil {
		return fmt.Errorf("%w: nil peer book", ErrMismatch)
	}
	a, _ := json.Marshal(p.r.src)
	b, _ := json.Marshal(o.r.src)
	if string(a) != string(b) {
		return fmt.Errorf("%w: peer books of different review configs", ErrMismatch)
	}
	for id := range o.ids {
		if _, dup := p.ids[id]; dup {
			return usageErr(id, "account", fmt.Errorf("%w: %s", ErrDuplicateAccount, fault.Quote(id)))
		}
	}
	for id := range o.ids {
		p.ids[id] = struct{}{}
	}
	for name, og := range o.groups {
		g := p.groups[name]
		if g == nil {
			g = &peerValues{values: make([][]float64, len(p.vals))}
			p.groups[name] = g
		}
		g.accounts += og.accounts
		for i := range og.values {
			g.values[i] = append(g.values[i], og.values[i]...)
		}
	}
	for seg, h := range o.health {
		p.health[seg] = append(p.health[seg], h...)
	}
	return nil
}

// Result returns the peers: each group's values copied, sorted and
// summarised once. The book can take more rows afterwards.
func (p *PeerAcc) Result() Peers {
	out := Peers{Config: p.r.src, Accounts: len(p.ids), Groups: make(map[string]PeerGroup, len(p.groups)),
		Segments: make(map[string]PeerStats, len(p.health))}
	for name, g := range p.groups {
		pg := PeerGroup{Accounts: g.accounts, Metrics: make([]PeerStats, len(g.values))}
		for i, v := range g.values {
			pg.Metrics[i] = summarise(p.r.src.Metrics[i].Name, slices.Clone(v))
		}
		out.Groups[name] = pg
	}
	for seg, h := range p.health {
		out.Segments[seg] = summarise("health", slices.Clone(h))
	}
	return out
}

// PeerBook builds the peers of a book of usage rows (see [PeerAcc]). It
// stops at the first row refused and names its position and account; a
// nil book is an error wrapping [ErrNilBook].
func PeerBook(c ReviewConfig, rows iter.Seq[Usage]) (Peers, error) {
	p, err := NewPeerAcc(c)
	if err != nil {
		return Peers{}, err
	}
	if err := book.Feed("health", rows, p.Add); err != nil {
		return Peers{}, err
	}
	return p.Result(), nil
}

// Peers are the peer statistics of a book: per peer group and metric, the
// sorted values and their summary; per segment, the health scores. It
// encodes in JSON with every value, so a host can build it once and keep
// it.
type Peers struct {
	Config   ReviewConfig         `json:"config"`
	Accounts int                  `json:"accounts"`
	Groups   map[string]PeerGroup `json:"groups"`
	Segments map[string]PeerStats `json:"segments"`
}

// PeerGroup is one peer group: its accounts and, per metric of the config
// in order, the statistics of the accounts with a value.
type PeerGroup struct {
	Accounts int         `json:"accounts"`
	Metrics  []PeerStats `json:"metrics"`
}

// PeerStats summarise the values of one metric (or the health scores of
// one segment) over a peer group. With no value, N is 0 and every figure
// is 0; never NaN.
type PeerStats struct {
	Metric string `json:"metric"`
	N      int    `json:"n"`
	// Mean is the arithmetic mean; SD the population standard deviation
	// (dividing by N, as a mock-exam sheet's 標準偏差 over all examinees).
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
	// Q1, Median and Q3 are the quartiles by linear interpolation between
	// the closest ranks (Hyndman and Fan's R-7, Excel's PERCENTILE.INC):
	// the median of an even number of values is the mean of the middle two.
	Q1     float64 `json:"q1"`
	Median float64 `json:"median"`
	Q3     float64 `json:"q3"`
	// Values are the values in ascending order.
	Values []float64 `json:"values"`
}

// summarise sorts v (in place) and summarises it with x/exp/stats.
func summarise(name string, v []float64) PeerStats {
	slices.Sort(v)
	s := PeerStats{Metric: name, N: len(v), Values: v}
	if len(v) == 0 {
		s.Values = []float64{}
		return s
	}
	mean, sd := stats.MeanAndStdDev(v) // the sample SD, over N−1
	if n := float64(len(v)); len(v) > 1 {
		sd *= math.Sqrt((n - 1) / n) // the population SD, over N
	}
	q := stats.Quantiles(v, 0.25, 0.5, 0.75)
	s.Mean, s.SD, s.Q1, s.Median, s.Q3 = mean, sd, q[0], q[1], q[2]
	return s
}

// position is where value x stands among the sorted values v for a
// metric where higher is better (up) or lower is: the percentile (mid-rank,
// in hundredths of a percent), the rank (1 is the best; ties share the
// best rank of their run) and the deviation score 50 + 10z (hundredths).
func position(v []float64, x, mean, sd float64, up bool) (pct int64, rank int, dev int64) {
	n := len(v)
	lo := sort.SearchFloat64s(v, x)                                       // values below x
	hi := lo + sort.Search(n-lo, func(i int) bool { return v[lo+i] > x }) // values ≤ x
	below, equal, above := lo, hi-lo, n-hi
	worse, better := below, above
	if !up {
		worse, better = above, below
	}
	// percentile = 100·(worse + equal/2)/n = 10000·(2·worse + equal)/(2n)
	// hundredths, exactly.
	pct = roundDiv(int64(fullPoints)*int64(2*worse+equal), int64(2*n))
	rank = better + 1
	d := 50.0
	if sd > 0 {
		z := (x - mean) / sd
		if !up {
			z = -z
		}
		d = 50 + 10*z
	}
	d = max(-1e6, min(d, 1e6)) // a tiny spread cannot make the score unbounded
	return pct, rank, int64(math.Round(d * pointScale))
}

// Sheet is a customer's usage review, laid out like a national mock-exam
// result sheet: per metric its value beside the peer group's mean, median
// and quartiles, its percentile, deviation score, rank and gap, and the
// advice for its position; and its health score's percentile in its
// segment. It is a value a host can render anywhere; [Sheet.Text] is a
// plain text rendering.
type Sheet struct {
	Account string `json:"account"`
	Group   string `json:"group"`
	// Peers is the number of accounts in the peer group.
	Peers   int            `json:"peers"`
	Metrics []MetricResult `json:"metrics"`
	// Health is the health score's position, when the row has a score.
	Health *HealthResult `json:"health,omitempty"`
}

// MetricResult is one metric of a [Sheet].
type MetricResult struct {
	Metric    string    `json:"metric"`
	Label     string    `json:"label"`
	Direction Direction `json:"direction"`
	// Missing is true when the customer has no value: the peers' figures
	// are shown, and no position or advice.
	Missing bool    `json:"missing"`
	Value   float64 `json:"value"`
	// N is the number of peers with a value, the customer among them.
	N      int     `json:"n"`
	Mean   float64 `json:"mean"`
	SD     float64 `json:"sd"`
	Q1     float64 `json:"q1"`
	Median float64 `json:"median"`
	Q3     float64 `json:"q3"`
	// Percentile is the share of peers the customer does better than, ties
	// counting half, in percent: 100·(worse + equal/2)/N, so a group of
	// one, or all equal, is 50.
	Percentile Points `json:"percentile"`
	// Deviation is the deviation score 50 + 10·(value − mean)/SD (turned
	// for a metric where lower is better), 50 when SD is 0; rounded half
	// away from zero to the hundredth, within ±10^6.
	Deviation Points `json:"deviation"`
	// Rank is 1 + the number of peers doing better: "Rank of N".
	Rank int `json:"rank"`
	// Gap is value − mean, in the metric's unit.
	Gap    float64 `json:"gap"`
	Advice string  `json:"advice"`
}

// HealthResult is the position of the customer's health score among the
// health scores of its segment (the customer among them).
type HealthResult struct {
	Score      Points  `json:"score"`
	Segment    string  `json:"segment"`
	N          int     `json:"n"`
	Mean       float64 `json:"mean"`
	Median     float64 `json:"median"`
	Percentile Points  `json:"percentile"`
	Deviation  Points  `json:"deviation"`
	Rank       int     `json:"rank"`
}

// Review makes the sheet of the customer whose usage row is u: u's values
// placed among its peer group's, as built. Pass a row of the book, so
// the customer is among its peers as an examinee is among the examinees.
//
// Review returns an error for an invalid row (see [Usage.Validate]), a
// metric the config lacks or given twice ([ErrUnknownMetric],
// [ErrDuplicateInput]), or a group the peers do not have ([ErrNoPeers]).
func (p *Peers) Review(u Usage) (Sheet, error) {
	r, err := compileReview(p.Config)
	if err != nil {
		return Sheet{}, err
	}
	if err := u.Validate(); err != nil {
		return Sheet{}, err
	}
	n := len(r.src.Metrics)
	vals, has := make([]float64, n), make([]bool, n)
	if err := r.values(&u, vals, has); err != nil {
		return Sheet{}, err
	}
	g, ok := p.Groups[u.Group]
	if !ok || len(g.Metrics) != n {
		return Sheet{}, usageErr(u.Account, "group", fmt.Errorf("%w in group %s", ErrNoPeers, fault.Quote(u.Group)))
	}
	sh := Sheet{Account: u.Account, Group: u.Group, Peers: g.Accounts, Metrics: make([]MetricResult, n)}
	for i, m := range r.src.Metrics {
		st := g.Metrics[i]
		mr := MetricResult{Metric: m.Name, Label: m.Label, Direction: m.Direction, Missing: !has[i],
			N: st.N, Mean: st.Mean, SD: st.SD, Q1: st.Q1, Median: st.Median, Q3: st.Q3}
		if mr.Label == "" {
			mr.Label = m.Name
		}
		if has[i] && st.N > 0 {
			x := vals[i]
			pct, rank, dev := position(st.Values, x, st.Mean, st.SD, r.upwards[i])
			mr.Value, mr.Percentile, mr.Rank, mr.Deviation, mr.Gap = x, Points{pct}, rank, Points{dev}, x-st.Mean
			mr.Advice = r.adviceFor(i, dev)
		} else if has[i] {
			mr.Value = vals[i]
		}
		sh.Metrics[i] = mr
	}
	if u.Health != nil {
		hr := &HealthResult{Score: *u.Health, Segment: u.Segment}
		if st, ok := p.Segments[u.Segment]; ok && st.N > 0 {
			pct, rank, dev := position(st.Values, u.Health.Float64(), st.Mean, st.SD, true)
			hr.N, hr.Mean, hr.Median, hr.Percentile, hr.Rank, hr.Deviation = st.N, st.Mean, st.Median, Points{pct}, rank, Points{dev}
		}
		sh.Health = hr
	}
	return sh, nil
}

// Text renders the sheet as plain text laid out like a mock-exam result
// sheet: a header, one line per metric (the customer's value, the peers'
// mean, median and quartiles, the percentile, deviation score, rank and
// gap), the health score's position, then the advice. Figures have two
// decimals.
func (s Sheet) Text() string {
	var b strings.Builder
	accounts := "accounts"
	if s.Peers == 1 {
		accounts = "account"
	}
	fmt.Fprintf(&b, "USAGE REVIEW  %s  (peer group %s, %d %s)\n\n", s.Account, s.Group, s.Peers, accounts)
	width := len("metric")
	for _, m := range s.Metrics {
		width = max(width, len(m.Label))
	}
	fmt.Fprintf(&b, "%-*s %10s %10s %10s %21s %10s %9s %10s %10s\n", width, "metric", "you", "peer mean", "median", "quartiles", "percentile", "deviation", "rank", "gap")
	for _, m := range s.Metrics {
		quart := fmt.Sprintf("%.2f - %.2f", m.Q1, m.Q3)
		if m.N == 0 {
			fmt.Fprintf(&b, "%-*s %10s %10s %10s %21s %10s %9s %10s %10s\n", width, m.Label, value(m), "-", "-", "-", "-", "-", "-", "-")
			continue
		}
		if m.Missing {
			fmt.Fprintf(&b, "%-*s %10s %10.2f %10.2f %21s %10s %9s %10s %10s\n", width, m.Label, "-", m.Mean, m.Median, quart, "-", "-", "-", "-")
			continue
		}
		fmt.Fprintf(&b, "%-*s %10.2f %10.2f %10.2f %21s %10s %9s %10s %+10.2f\n", width, m.Label, m.Value, m.Mean, m.Median, quart,
			m.Percentile, m.Deviation, fmt.Sprintf("%d of %d", m.Rank, m.N), m.Gap)
	}
	if h := s.Health; h != nil {
		if h.N == 0 {
			fmt.Fprintf(&b, "\nHealth score %s in segment %q: no scores to compare with\n", h.Score, h.Segment)
		} else {
			fmt.Fprintf(&b, "\nHealth score %s in segment %q: percentile %s, deviation %s, rank %d of %d (segment mean %.2f, median %.2f)\n",
				h.Score, h.Segment, h.Percentile, h.Deviation, h.Rank, h.N, h.Mean, h.Median)
		}
	}
	first := true
	for _, m := range s.Metrics {
		if m.Advice == "" {
			continue
		}
		if first {
			b.WriteString("\nAdvice\n")
			first = false
		}
		fmt.Fprintf(&b, "  %s: %s\n", m.Label, m.Advice)
	}
	return b.String()
}

// value is a metric's value as text, "-" when missing.
func value(m MetricResult) string {
	if m.Missing {
		return "-"
	}
	return strconv.FormatFloat(m.Value, 'f', 2, 64)
}
