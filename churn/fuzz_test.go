package churn

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/internal/jsontest"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzCaseJSON decodes cases: what decodes is valid, round-trips, and
// ends in a phase the transition table reaches; replaying its history
// through Move from a draft gives the same case.
func FuzzCaseJSON(f *testing.F) {
	for _, c := range kpiBook() {
		b, err := json.Marshal(c)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"id":"x","account":"a","owner":"o","arr_at_risk":"1","renewal_date":"2027-01-01","account_arr":"1",` +
		`"reasons":[{"kind":"other","text":"t","avoidable":false,"product_caused":false}],"history":[{"date":"2027-01-01","event":"saved"}]}`))
	f.Add([]byte(`{"id":"x","phase":"saved"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, ok := jsontest.RoundTrip(t, b, ErrInvalidCase, Case.Validate)
		if !ok {
			return
		}
		ph := c.Phase()
		require.True(t, ph.Valid(), "decoded case in phase %d", ph)
		replay := c
		replay.History = nil
		for _, tr := range c.History {
			var err error
			replay, _, err = Policy{}.Move(replay, tr)
			require.NoError(t, err)
		}
		assert.Equal(t, ph, replay.Phase())
		assert.Equal(t, c.History, replay.History)
	})
}

// FuzzPolicyJSON decodes policies: what decodes is valid and round-trips.
func FuzzPolicyJSON(f *testing.F) {
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"weights":{"a":"0.5","b":"0.75","c":"1"},"key_tier":2,"key_arr":"5000000","benchmark":{"low":"0.25","high":"0.35"}}`))
	f.Add([]byte(`{"plays":[{"phase":"b","name":"qbr","action":"Run a review.","key_only":true}],"skip_duplicate_check":true}`))
	f.Add([]byte(`{"plays":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		jsontest.RoundTrip(t, b, ErrInvalidPolicy, Policy.Validate)
	})
}

// FuzzMove drives a case with arbitrary events, day steps and losses: a
// move either succeeds, leaving the old case as it was and reaching the
// phase Next names, or fails with a matchable error and returns the case
// unmoved. Plays are due only on a phase change, all of the new phase.
func FuzzMove(f *testing.F) {
	f.Add([]byte{2, 0, 0, 3, 5, 0, 6, 1, 9})
	f.Add([]byte{4, 0, 0, 6, 0, 200})
	f.Add([]byte{1, 3, 0, 1, 0, 0, 5, 2, 0, 6, 0, 1})
	f.Add([]byte{7, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		c := draft()
		c.Tier = 0
		d := day(2026, time.November, 2)
		for len(b) >= 3 {
			e, step, lost := Event(b[0]%8), int(int8(b[1])), b[2]
			b = b[3:]
			tr := Transition{Date: d.AddDays(step), Event: e, Lost: decimal.New(int64(lost)*20_000, 0), Downgrade: lost%2 == 1}
			from, k := c.Phase(), len(c.History)
			n, plays, err := Policy{}.Move(c, tr)
			require.Len(t, c.History, k, "the old case is untouched")
			if k > 0 && len(n.History) > k {
				require.NotSame(t, &c.History[0], &n.History[0], "the next case has its own history")
			}
			if err != nil {
				var fe *FieldError
				require.True(t, errors.As(err, &fe), "%v", err)
				require.True(t, errors.Is(err, ErrIllegalMove) || errors.Is(err, ErrClosedCase) || errors.Is(err, ErrOutOfOrder) ||
					errors.Is(err, ErrUnknownEvent) || errors.Is(err, ErrInvalidCase), "%v", err)
				require.Equal(t, len(c.History), len(n.History))
				continue
			}
			want, err := Next(from, e)
			require.NoError(t, err)
			require.Equal(t, want, n.Phase())
			require.NoError(t, n.Validate())
			if want == from {
				require.Empty(t, plays)
			}
			for _, p := range plays {
				require.Equal(t, want, p.Play.Phase)
				require.Equal(t, p.Play.KeyOnly, p.Withheld, "a tier-0 account gets no key-only play")
			}
			c, d = n, tr.Date
		}
	})
}

// FuzzWarnings compares snapshots built from arbitrary numbers: every
// warning's evidence differs between before and after, and the signals
// come in their declared order.
func FuzzWarnings(f *testing.F) {
	f.Add(120, 100, 3, 2, uint8(0b111), uint8(0b010), true, "Suzuki", "Ito", true, false)
	f.Add(0, 0, 0, 0, uint8(0), uint8(0), false, "", "", false, false)
	f.Add(-1, 5, 1, -2, uint8(1), uint8(1), true, "a", "a", true, true)
	f.Fuzz(func(t *testing.T, seatsB, seatsA, rankB, rankA int, optsB, optsA uint8, growth bool, champB, champA string, onbB, onbA bool) {
		all := []string{"sso", "api", "audit-log", "sandbox"}
		opts := func(mask uint8) []string {
			var out []string
			for i, o := range all {
				if mask&(1<<i) != 0 {
					out = append(out, o)
				}
			}
			return out
		}
		before := Snapshot{Account: "a", Date: day(2026, time.October, 1), Seats: seatsB, PlanRank: rankB, Options: opts(optsB), Champion: champB, Onboarded: onbB}
		after := Snapshot{Account: "a", Date: day(2027, time.January, 1), Seats: seatsA, PlanRank: rankA, Options: opts(optsA), GrowthFailed: growth, Champion: champA, Onboarded: onbA}
		ws, err := Warnings(before, after)
		if err != nil {
			require.ErrorIs(t, err, ErrInvalidSnapshot)
			require.True(t, seatsB < 0 || seatsA < 0 || rankB < 0 || rankA < 0, "%v", err)
			return
		}
		require.True(t, slices.IsSortedFunc(ws, func(a, b Warning) int { return int(a.Signal) - int(b.Signal) }))
		for _, w := range ws {
			require.True(t, w.Signal.Valid())
			if w.Signal != SignalGrowthFailed && w.Signal != SignalOnboardingIncomplete {
				require.NotEqual(t, w.Before, w.After, "%+v", w)
			}
		}
	})
}
