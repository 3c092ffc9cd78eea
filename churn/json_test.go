package churn

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/internal/dectest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestZeroValuesEncode: the zero value of every exported type encodes.
func TestZeroValuesEncode(t *testing.T) {
	for _, v := range []any{
		Phase(0), Event(0), ReasonKind(0), Signal(0), StandingNoData, Reason{}, Transition{}, Case{}, Weights{},
		Benchmark{}, Policy{}, Play{}, PlayDue{}, Totals{}, PhaseTotals{}, ReasonTotals{}, OwnerTotals{},
		MonthTotals{}, Forecast{}, Rate{}, Outcomes{}, PhaseOutcomes{}, ReasonOutcomes{}, PhaseDays{},
		MonthCount{}, KPIs{}, Snapshot{}, Warning{},
	} {
		_, err := json.Marshal(v)
		assert.NoError(t, err, "%T", v)
	}
}

// roundTrip encodes v, decodes the text into a new T and encodes that: the
// two texts are the same.
func roundTrip[T any](t *testing.T, v T) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err, "%T", v)
	var back T
	require.NoError(t, json.Unmarshal(b, &back), "%T: %s", v, b)
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	require.Equal(t, string(b), string(b2), "%T", v)
	return string(b)
}

// TestRoundTrips: every exported type's JSON decodes back to the same
// value.
func TestRoundTrips(t *testing.T) {
	book := kpiBook()
	for _, c := range book {
		roundTrip(t, c)
		for _, tr := range c.History {
			roundTrip(t, tr)
		}
		for _, r := range c.Reasons {
			roundTrip(t, r)
		}
	}
	roundTrip(t, Reason{Kind: ReasonOther, Text: "moved HQ", Avoidable: true, ProductCaused: true})
	roundTrip(t, DefaultPolicy())
	roundTrip(t, DefaultWeights())
	roundTrip(t, DefaultBenchmark())
	for _, p := range DefaultPlays() {
		roundTrip(t, p)
	}
	_, plays, err := Policy{}.Move(draft(), Transition{Date: day(2026, time.November, 2), Event: EventDecisionMakerConsidering})
	require.NoError(t, err)
	for _, d := range plays {
		roundTrip(t, d)
	}
	f, err := Policy{}.Forecast(slices.Values(book), day(2027, time.January, 31))
	require.NoError(t, err)
	roundTrip(t, f)
	roundTrip(t, f.Total)
	roundTrip(t, f.ByPhase[0])
	roundTrip(t, f.ByReason[0])
	roundTrip(t, f.ByOwner[0])
	roundTrip(t, f.ByMonth[0])
	k, err := Policy{}.KPIs(slices.Values(book), day(2027, time.January, 31))
	require.NoError(t, err)
	roundTrip(t, k)
	roundTrip(t, k.Overall)
	roundTrip(t, k.Overall.SaveRate())
	roundTrip(t, k.ByOpenedIn[0])
	roundTrip(t, k.ByReason[0])
	roundTrip(t, k.DaysInPhase[0])
	roundTrip(t, k.OpenedByMonth[0])
	s := Snapshot{Account: "a", Date: day(2027, time.January, 1), Seats: 3, Plan: "pro", PlanRank: 2, Options: []string{"sso"},
		GrowthFailed: true, Champion: "c", Executive: "e"}
	roundTrip(t, s)
	roundTrip(t, Warning{SignalChampionChange, "champion", "c", ""})
	for st := StandingNoData; st <= StandingAbove; st++ {
		assert.Equal(t, `"`+st.String()+`"`, roundTrip(t, st))
	}
}

// TestCaseJSONStable: a case's JSON does not depend on shopspring/decimal's
// package variables, encoding or decoding.
func TestCaseJSONStable(t *testing.T) {
	dectest.Stable(t, func() []byte {
		var out []byte
		for _, c := range kpiBook() {
			c.ARRAtRisk = dec("1200000.50")
			c.AccountARR = dec("3000000.00")
			b, err := json.Marshal(c)
			if err != nil {
				return []byte(err.Error())
			}
			var back Case
			if err := json.Unmarshal(b, &back); err != nil {
				return []byte(err.Error())
			}
			b2, _ := json.Marshal(back)
			out = append(append(out, b...), b2...)
		}
		return out
	})
}
