package capacity

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/cskit/cskit/internal/jsontest"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzConfigJSON: a config that decodes is valid, round-trips, and makes a
// book whose result encodes.
func FuzzConfigJSON(f *testing.F) {
	for _, s := range []string{
		`{"currency":"JPY","phase":"1-10"}`,
		`{"currency":"JPY","phase":"0-1","csms":[{"id":"a","segment":"high-touch","languages":["ja"],"max_accounts":50,"max_load":"120.5"}]}`,
		`{"currency":"USD","basis":"acv","segments":[{"name":"smb","touch":"tech-touch","from":"0","to":"20000","target_arr":"2000000"},{"name":"ent","touch":"high-touch","from":"20000","target_accounts":15}],"weights":{"high_touch":3,"low_touch":"2","tech_touch":0.5,"renewal":2,"churn_case":3,"onboarding":2,"arr_per_point":"100000"}}`,
		`{"currency":"JPY","segments":[{"name":"a","touch":"high-touch","from":"0","to":"5","target_arr":"1"},{"name":"b","touch":"high-touch","from":"4","target_arr":"1"}]}`,
		`{"currency":"JPY","segments":[{"name":"a","touch":"high-touch","from":"0","to":null,"target_arr":"1e3"}]}`,
		`{"currency":"jpy","phase":"1-10"}`, `{"currency":"JPY","phase":"2-3"}`, `{"currency":"JPY","weights":{"renewal":-1}}`,
		`{"currency":"JPY","phase":"1-10","extra":1}`, `null`, `[]`, `{}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		cfg, ok := jsontest.RoundTrip(t, b, ErrInvalidConfig, Config.Validate)
		if !ok {
			return
		}
		bk, err := NewBook(cfg)
		require.NoError(t, err)
		require.NoError(t, bk.Add(Account{ID: "x", ARR: decimal.New(1, 9), ACV: decimal.New(2, 9)}))
		_, err = json.Marshal(bk.Result())
		require.NoError(t, err)
	})
}

// FuzzAccountJSON: an account that decodes is valid and round-trips; the
// sample book either counts it or refuses it with a matchable error and
// stays unchanged.
func FuzzAccountJSON(f *testing.F) {
	for _, s := range []string{
		`{"id":"a1","csm":"h1","arr":"30000000","renewals_due":1}`,
		`{"id":"a2","arr":2400000,"acv":"2500000.50","language":"ja","open_churn_cases":2,"onboarding":true}`,
		`{"id":"a3","csm":"zz","arr":"1"}`, `{"id":"a4","arr":"-1"}`, `{"id":"","arr":"1"}`,
		`{"id":"a5","arr":"1","renewals_due":1001}`, `{"id":"a6","arr":"1e5"}`, `{"id":"a7","arr":"1","ARR":"2"}`,
		`{"id":"a8","arr":"0.` + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001" + `"}`,
		`null`, `{}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a, ok := jsontest.RoundTrip(t, b, ErrInvalidAccount, Account.Validate)
		if !ok {
			return
		}
		bk, err := NewBook(sampleConfig())
		require.NoError(t, err)
		before, err := json.Marshal(bk.Result())
		require.NoError(t, err)
		if err := bk.Add(a); err != nil {
			require.True(t, errors.Is(err, ErrUnknownCSM) || errors.Is(err, ErrInvalidAccount), "%v", err)
			after, _ := json.Marshal(bk.Result())
			require.Equal(t, string(before), string(after))
			return
		}
		r := bk.Result()
		require.Equal(t, 1, r.Team.Accounts)
		require.True(t, a.ARR.Equal(r.Team.ARR))
		_, err = json.Marshal(r)
		require.NoError(t, err)
	})
}

// FuzzSegments builds up to four segments from fuzzed bounds: the config
// is accepted exactly when every amount lies in one segment, checked at
// every bound and between them.
func FuzzSegments(f *testing.F) {
	f.Add(int64(0), int64(10), int64(10), int64(-1), int64(0), int64(0), uint8(2))
	f.Add(int64(0), int64(10), int64(12), int64(-1), int64(0), int64(0), uint8(2))
	f.Add(int64(0), int64(10), int64(8), int64(-1), int64(0), int64(0), uint8(2))
	f.Add(int64(0), int64(-1), int64(3), int64(-1), int64(0), int64(0), uint8(2))
	f.Add(int64(0), int64(5), int64(5), int64(9), int64(9), int64(-1), uint8(3))
	f.Fuzz(func(t *testing.T, f0, t0, f1, t1, f2, t2 int64, n uint8) {
		raw := [][2]int64{{f0, t0}, {f1, t1}, {f2, t2}}[:1+int(n)%3]
		var segs []Segment
		var probes []decimal.Decimal
		for i, r := range raw {
			s := Segment{Name: string(rune('a' + i)), Touch: TouchHigh, From: decimal.New(r[0], 0), TargetAccounts: 1}
			probes = append(probes, s.From, decimal.New(r[0], 0).Sub(decimal.New(5, -1)))
			if r[1] >= 0 {
				s.To = decimal.New(r[1], 0)
				probes = append(probes, s.To, s.To.Sub(decimal.New(5, -1)))
			}
			segs = append(segs, s)
		}
		probes = append(probes, decimal.New(1, 30))
		err := Config{Currency: "JPY", Segments: segs}.Validate()
		whole := true
		for _, p := range probes {
			if p.Sign() < 0 {
				continue
			}
			n := 0
			for _, s := range segs {
				if p.Cmp(s.From) >= 0 && (s.To.IsZero() || p.Cmp(s.To) < 0) {
					n++
				}
			}
			whole = whole && n == 1
		}
		if err == nil {
			require.True(t, whole, "accepted %v", segs)
			return
		}
		require.True(t, errors.Is(err, ErrSegmentGap) || errors.Is(err, ErrSegmentOverlap) ||
			errors.Is(err, ErrInvalidConfig) || errors.Is(err, ErrNegativeAmount), "%v", err)
		if errors.Is(err, ErrSegmentGap) || errors.Is(err, ErrSegmentOverlap) {
			require.False(t, whole, "refused %v: %v", segs, err)
		}
	})
}

// FuzzEconomicsJSON: economics that decode give a margin effect whose
// change is the difference of its two LTVs, give or take the rounding of
// each (a cent each).
func FuzzEconomicsJSON(f *testing.F) {
	f.Add([]byte(`{"currency":"JPY","arr":"1000000000","other_cost_of_revenue":"200000000","csms":10,"cost_per_csm":"10000000","accounts":100,"churn_rate":"0.1"}`))
	f.Add([]byte(`{"currency":"USD","arr":"900000","other_cost_of_revenue":"250000","csms":5,"cost_per_csm":"100000","accounts":70,"churn_rate":"0.07"}`))
	f.Add([]byte(`{"currency":"JPY","arr":"1","other_cost_of_revenue":"0","csms":0,"cost_per_csm":"0","accounts":1,"churn_rate":"0"}`))
	f.Add([]byte(`{"currency":"JPY","arr":"1","accounts":1,"churn_rate":"1.01"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, ok := jsontest.RoundTrip(t, b, ErrInvalidRecord, Economics.Validate)
		if !ok {
			return
		}
		m, err := e.Margin()
		require.NoError(t, err)
		if !m.LTVChange.Defined {
			assert.True(t, m.Now.LTV.Unbounded || m.OneMore.LTV.Unbounded)
			return
		}
		diff := m.OneMore.LTV.Value.Sub(m.Now.LTV.Value).Sub(m.LTVChange.Value).Abs()
		assert.True(t, diff.LessThanOrEqual(decimal.New(2, -2)), "change %s, LTVs %s → %s", m.LTVChange, m.Now.LTV, m.OneMore.LTV)
		_, err = json.Marshal(m)
		require.NoError(t, err)
	})
}

// FuzzPoints: text that parses as points prints back to the same number.
func FuzzPoints(f *testing.F) {
	for _, s := range []string{"0", "1.5", "12.125", "0.001", ".5", "5.", "999999999999999.999", "1.2345", "-1", "1e3", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePoints(s)
		if err != nil {
			require.ErrorIs(t, err, ErrInvalidPoints)
			return
		}
		back, err := ParsePoints(p.String())
		require.NoError(t, err)
		require.Equal(t, p, back)
		require.True(t, p.Decimal().Equal(decimal.RequireFromString(p.String())))
		var q Points
		require.NoError(t, json.Unmarshal(slices.Clip([]byte(p.String())), &q))
		require.Equal(t, p, q)
	})
}
