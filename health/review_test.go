package health_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/cskit/cskit/health"
	"github.com/cskit/cskit/internal/booktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// reviewConfig has a metric where more is better, with advice by
// deviation score, and one where less is better.
func reviewConfig() health.ReviewConfig {
	return health.ReviewConfig{Metrics: []health.Metric{
		{Name: "logins", Label: "logins per user", Direction: hi, Advice: []health.Advice{
			{Op: health.OpBelow, At: 40, Text: "well below peers"},
			{Op: health.OpBelow, At: 60, Text: "around peers"},
		}, Else: "ahead of peers"},
		{Name: "days_since_login", Direction: lo},
	}}
}

// hp returns a health score.
func hp(h int64) *health.Points { p := pts(h); return &p }

// usageBook is a peer group "mfg" of five accounts: logins 4, 8, 10, 10,
// 18; days since login 1, 2, 2, 7 (e has none); health in segment smb.
func usageBook() []health.Usage {
	u := func(id string, logins float64, days float64, score *health.Points) health.Usage {
		r := health.Usage{Account: id, Group: "mfg", Segment: "smb", Health: score, Values: []health.MetricValue{{Metric: "logins", Value: logins}}}
		if days >= 0 {
			r.Values = append(r.Values, health.MetricValue{Metric: "days_since_login", Value: days})
		}
		return r
	}
	return []health.Usage{
		u("a", 18, 1, hp(5475)),
		u("b", 10, 2, hp(4000)),
		u("c", 10, 2, hp(7000)),
		u("d", 8, 7, nil),
		u("e", 4, -1, nil),
		{Account: "solo", Group: "retail", Values: []health.MetricValue{{Metric: "logins", Value: 3}}},
	}
}

func TestPeerReview(t *testing.T) {
	peers, err := health.PeerBook(reviewConfig(), slices.Values(usageBook()))
	require.NoError(t, err)
	g := peers.Groups["mfg"]
	require.Equal(t, 5, g.Accounts)
	// Logins 4, 8, 10, 10, 18: mean 50/5 = 10; population variance (36 +
	// 4 + 0 + 0 + 64)/5 = 20.8, SD √20.8 = 4.5607…; median 10; quartiles
	// at ranks 1 + 4·0.25 = 2 and 1 + 4·0.75 = 4: 8 and 10.
	st := g.Metrics[0]
	assert.Equal(t, 5, st.N)
	assert.Equal(t, 10.0, st.Mean)
	assert.InDelta(t, math.Sqrt(20.8), st.SD, 1e-12)
	assert.Equal(t, []float64{8, 10, 10}, []float64{st.Q1, st.Median, st.Q3})

	book := usageBook()
	for _, tc := range []struct {
		row                        health.Usage
		pct, dev                   int64
		rank                       int
		gap                        float64
		advice                     string
		daysPct, daysDev, daysRank int64
	}{
		// 18: 4 below, 1 equal: 100·(4 + 0.5)/5 = 90.00; rank 1; 50 +
		// 10·8/4.5607 = 67.54; gap +8. Days 1 (less is better): 3 worse,
		// 100·(3 + 0.5)/4 = 87.50; mean 12/4 = 3, SD √(22/4) = 2.3452;
		// 50 + 10·2/2.3452 = 58.53; rank 1.
		{book[0], 9000, 6754, 1, 8, "ahead of peers", 8750, 5853, 1},
		// 10 ties with 10: 2 below, 2 equal: (2 + 1)/5 = 60.00; rank 2 (only
		// 18 better); 50.00. Days 2: 1 worse (7), 2 equal: (1 + 1)/4 =
		// 50.00; rank 2; 50 − 10·(2−3)/… = 50 + 10·1/2.3452 = 54.26.
		{book[1], 6000, 5000, 2, 0, "around peers", 5000, 5426, 2},
		// 4: nothing below: 0.5/5 = 10.00; rank 5; 50 − 10·6/4.5607 =
		// 36.84; gap −6.
		{book[4], 1000, 3684, 5, -6, "well below peers", 0, 0, 0},
	} {
		t.Run(tc.row.Account, func(t *testing.T) {
			sh, err := peers.Review(tc.row)
			require.NoError(t, err)
			m := sh.Metrics[0]
			assert.Equal(t, "logins per user", m.Label)
			assert.Equal(t, pts(tc.pct), m.Percentile)
			assert.Equal(t, pts(tc.dev), m.Deviation)
			assert.Equal(t, tc.rank, m.Rank)
			assert.Equal(t, 5, m.N)
			assert.Equal(t, tc.gap, m.Gap)
			assert.Equal(t, tc.advice, m.Advice)
			d := sh.Metrics[1]
			if tc.daysRank == 0 {
				assert.True(t, d.Missing) // e has no value: the peers' figures only
				assert.Equal(t, 4, d.N)
				assert.Equal(t, 3.0, d.Mean)
				assert.Zero(t, d.Rank)
				return
			}
			assert.Equal(t, pts(tc.daysPct), d.Percentile)
			assert.Equal(t, pts(tc.daysDev), d.Deviation)
			assert.Equal(t, int(tc.daysRank), d.Rank)
		})
	}

	// Health: smb has 40, 54.75, 70; 54.75 has 1 below, 1 equal: (1 +
	// 0.5)/3 = 50.00, rank 2 of 3.
	sh, err := peers.Review(book[0])
	require.NoError(t, err)
	require.NotNil(t, sh.Health)
	assert.Equal(t, pts(5000), sh.Health.Percentile)
	assert.Equal(t, 2, sh.Health.Rank)
	assert.Equal(t, 3, sh.Health.N)

	// A group of one: percentile 50, rank 1 of 1, deviation 50 (SD 0).
	sh, err = peers.Review(book[5])
	require.NoError(t, err)
	assert.Equal(t, []any{pts(5000), pts(5000), 1, 1}, []any{sh.Metrics[0].Percentile, sh.Metrics[0].Deviation, sh.Metrics[0].Rank, sh.Metrics[0].N})
	assert.Equal(t, 0, sh.Metrics[1].N) // nobody in retail has days: no figures
	assert.Nil(t, sh.Health)

	// Errors.
	_, err = peers.Review(health.Usage{Account: "x", Group: "nope"})
	require.ErrorIs(t, err, health.ErrNoPeers)
	_, err = peers.Review(health.Usage{Account: "x", Group: "mfg", Values: []health.MetricValue{{Metric: "login", Value: 1}}})
	require.ErrorIs(t, err, health.ErrUnknownMetric)
}

// TestDeviationEdges checks advice on a cut-off and equal values.
func TestDeviationEdges(t *testing.T) {
	cfg := reviewConfig()
	// Values 0 and 10: mean 5, population SD 5. 10 is z = 1: deviation
	// exactly 60.00, which is not below 60: "ahead of peers". 0 is exactly
	// 40.00: not below 40, below 60: "around peers".
	peers, err := health.PeerBook(cfg, slices.Values([]health.Usage{
		{Account: "a", Group: "g", Values: []health.MetricValue{{Metric: "logins", Value: 0}}},
		{Account: "b", Group: "g", Values: []health.MetricValue{{Metric: "logins", Value: 10}}},
		{Account: "c", Group: "flat", Values: []health.MetricValue{{Metric: "logins", Value: 5}}},
		{Account: "d", Group: "flat", Values: []health.MetricValue{{Metric: "logins", Value: 5}}},
		{Account: "e", Group: "flat", Values: []health.MetricValue{{Metric: "logins", Value: 5}}},
	}))
	require.NoError(t, err)
	for _, tc := range []struct {
		group  string
		value  float64
		dev    int64
		pct    int64
		rank   int
		advice string
	}{
		{"g", 10, 6000, 7500, 1, "ahead of peers"},
		{"g", 0, 4000, 2500, 2, "around peers"},
		// All equal: SD 0, deviation 50; percentile (0 + 3/2)/3 = 50; all
		// rank 1.
		{"flat", 5, 5000, 5000, 1, "around peers"},
	} {
		sh, err := peers.Review(health.Usage{Account: "x", Group: tc.group, Values: []health.MetricValue{{Metric: "logins", Value: tc.value}}})
		require.NoError(t, err)
		m := sh.Metrics[0]
		assert.Equal(t, []any{pts(tc.dev), pts(tc.pct), tc.rank, tc.advice}, []any{m.Deviation, m.Percentile, m.Rank, m.Advice}, "%s %v", tc.group, tc.value)
		assert.False(t, math.IsNaN(m.SD) || math.IsNaN(m.Mean))
	}
}

func TestPeerBookErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		row   health.Usage
		err   error
		field string
	}{
		{"unknown metric", health.Usage{Account: "x", Group: "g", Values: []health.MetricValue{{Metric: "login", Value: 1}}}, health.ErrUnknownMetric, "values[0].metric"},
		{"twice", health.Usage{Account: "x", Group: "g", Values: []health.MetricValue{{Metric: "logins", Value: 1}, {Metric: "logins", Value: 2}}}, health.ErrDuplicateInput, "values[1].metric"},
		{"negative", health.Usage{Account: "x", Group: "g", Values: []health.MetricValue{{Metric: "logins", Value: -1}}}, health.ErrInvalidValue, "values[0].value"},
		{"NaN", health.Usage{Account: "x", Group: "g", Values: []health.MetricValue{{Metric: "logins", Value: math.NaN()}}}, health.ErrInvalidNumber, "values[0].value"},
		{"no group", health.Usage{Account: "x"}, health.ErrMissingName, "group"},
		{"no account", health.Usage{Group: "g"}, health.ErrMissingName, "account"},
		{"health", health.Usage{Account: "x", Group: "g", Health: hp(10001)}, health.ErrInvalidNumber, "health"},
		{"duplicate account", usageBook()[0], health.ErrDuplicateAccount, "account"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := health.NewPeerAcc(reviewConfig())
			require.NoError(t, err)
			require.NoError(t, p.Add(usageBook()[0]))
			before, _ := json.Marshal(p.Result())
			err = p.Add(tc.row)
			require.ErrorIs(t, err, tc.err)
			require.ErrorIs(t, err, health.ErrInvalidReview)
			var fe *health.FieldError
			require.True(t, errors.As(err, &fe))
			assert.Equal(t, tc.field, fe.Field)
			after, _ := json.Marshal(p.Result())
			assert.JSONEq(t, string(before), string(after), "a refused row changes nothing")
		})
	}
	// A duplicate across shards is found by Merge.
	a, _ := health.NewPeerAcc(reviewConfig())
	b, _ := health.NewPeerAcc(reviewConfig())
	require.NoError(t, a.Add(usageBook()[0]))
	require.NoError(t, b.Add(usageBook()[0]))
	require.ErrorIs(t, a.Merge(b), health.ErrDuplicateAccount)
	other := reviewConfig()
	other.Metrics[0].Else = "changed"
	c, _ := health.NewPeerAcc(other)
	require.ErrorIs(t, a.Merge(c), health.ErrMismatch)
	_, err := health.PeerBook(reviewConfig(), nil)
	require.ErrorIs(t, err, health.ErrNilBook)
	_, err = health.PeerBook(reviewConfig(), slices.Values(append(usageBook(), usageBook()[2])))
	assert.EqualError(t, err, `health: row 6: account "c": account: account given twice: "c"`)
}

func TestReviewConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		f     func(c *health.ReviewConfig)
		err   error
		field string
	}{
		{"none", func(c *health.ReviewConfig) { c.Metrics = nil }, health.ErrInvalidReview, "metrics"},
		{"no name", func(c *health.ReviewConfig) { c.Metrics[1].Name = "" }, health.ErrMissingName, "metrics[1].name"},
		{"twice", func(c *health.ReviewConfig) { c.Metrics[1].Name = "logins" }, health.ErrDuplicateName, "metrics[1].name"},
		{"direction", func(c *health.ReviewConfig) { c.Metrics[1].Direction = 0 }, health.ErrUnknownDirection, "metrics[1].direction"},
		{"order", func(c *health.ReviewConfig) { c.Metrics[0].Advice[1].At = 30 }, health.ErrInvalidRule, "metrics[0].advice[1].at"},
		{"both ways", func(c *health.ReviewConfig) { c.Metrics[0].Advice[1].Op = health.OpAbove }, health.ErrInvalidRule, "metrics[0].advice[1].op"},
		{"no text", func(c *health.ReviewConfig) { c.Metrics[0].Advice[0].Text = "" }, health.ErrInvalidReview, "metrics[0].advice[0].text"},
		{"decimals", func(c *health.ReviewConfig) { c.Metrics[0].Advice[0].At = 40.001 }, health.ErrInvalidNumber, "metrics[0].advice[0].at"},
		{"op", func(c *health.ReviewConfig) { c.Metrics[0].Advice[0].Op = 0 }, health.ErrUnknownOp, "metrics[0].advice[0].op"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := reviewConfig()
			tc.f(&c)
			err := c.Validate()
			require.ErrorIs(t, err, tc.err)
			require.ErrorIs(t, err, health.ErrInvalidReview)
			var fe *health.FieldError
			require.True(t, errors.As(err, &fe))
			assert.Equal(t, tc.field, fe.Field)
		})
	}
}

// TestPeerMerge is the merge law of the peer book.
func TestPeerMerge(t *testing.T) {
	var rows []health.Usage
	for i := range 80 {
		u := usageBook()[i%6]
		u.Account = fmt.Sprint(u.Account, i)
		u.Group = fmt.Sprint(u.Group, i%3)
		rows = append(rows, u)
	}
	booktest.CheckMerge(t, 3, 20, rows, func() *health.PeerAcc {
		p, err := health.NewPeerAcc(reviewConfig())
		require.NoError(t, err)
		return p
	})
}

// TestSheetText checks the plain rendering of a sheet.
func TestSheetText(t *testing.T) {
	peers, err := health.PeerBook(reviewConfig(), slices.Values(usageBook()))
	require.NoError(t, err)
	sh, err := peers.Review(usageBook()[4])
	require.NoError(t, err)
	assert.Equal(t, `USAGE REVIEW  e  (peer group mfg, 5 accounts)

metric                  you  peer mean     median             quartiles percentile deviation       rank        gap
logins per user        4.00      10.00      10.00          8.00 - 10.00      10.00     36.84     5 of 5      -6.00
days_since_login          -       3.00       2.00           1.75 - 3.25          -         -          -          -

Advice
  logins per user: well below peers
`, sh.Text())
	// The sheet round-trips through JSON.
	b, err := json.Marshal(sh)
	require.NoError(t, err)
	var back health.Sheet
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, sh, back)

	// A group of one: percentile 50, deviation 50, rank 1 of 1.
	solo := health.Usage{Account: "solo", Group: "one", Values: []health.MetricValue{{Metric: "logins", Value: 7}}}
	peers, err = health.PeerBook(reviewConfig(), slices.Values([]health.Usage{solo}))
	require.NoError(t, err)
	sh, err = peers.Review(solo)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(sh.Text(), `USAGE REVIEW  solo  (peer group one, 1 account)

metric                  you  peer mean     median             quartiles percentile deviation       rank        gap
logins per user        7.00       7.00       7.00           7.00 - 7.00      50.00     50.00     1 of 1      +0.00
`), sh.Text())
}

// TestReviewJSONErrors checks that decoding errors of a review config and
// of a usage row name the metric, or the account and its value.
func TestReviewJSONErrors(t *testing.T) {
	var c health.ReviewConfig
	err := json.Unmarshal([]byte(`{"metrics":[{"name":"a","direction":"higher_is_better"},{"name":"b","direction":"up"}]}`), &c)
	require.ErrorIs(t, err, health.ErrInvalidReview)
	require.ErrorIs(t, err, health.ErrUnknownDirection)
	assert.EqualError(t, err, `health: metrics[1]: decoding: health: unknown direction "up"`)
	err = json.Unmarshal([]byte(`{"metrics":[{"name":"a","direction":"higher_is_better","advice":[{"op":"=>","at":40,"text":"t"}]}]}`), &c)
	assert.EqualError(t, err, `health: metrics[0]: decoding: health: unknown comparison "=>"`)

	var u health.Usage
	err = json.Unmarshal([]byte(`{"account":"acme","group":"g","values":[{"metric":"logins","value":1},{"metric":"reports","value":2,"x":3}]}`), &u)
	require.ErrorIs(t, err, health.ErrInvalidReview)
	var fe *health.FieldError
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, "acme", fe.ID)
	assert.EqualError(t, err, `health: account "acme": values[1]: decoding: json: unknown field "x"`)
	assert.Zero(t, u.Account, "receiver untouched")
	err = json.Unmarshal([]byte(`{"account":"acme","grp":"g"}`), &u)
	assert.EqualError(t, err, `health: account "acme": decoding: json: unknown field "grp"`)
}
