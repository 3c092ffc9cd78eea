package capacity

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/dectest"
	"github.com/stretchr/testify/require"
)

// TestOutputIgnoresDecimalGlobals: everything the package writes (results,
// explanations, error messages, decoded configs) is the same under
// shopspring/decimal's default settings and hostile ones.
func TestOutputIgnoresDecimalGlobals(t *testing.T) {
	dectest.Stable(t, func() []byte {
		var out bytes.Buffer
		w := func(v any) {
			b, err := json.Marshal(v)
			require.NoError(t, err)
			out.Write(b)
			out.WriteByte('\n')
		}
		cfg := sampleConfig()
		wt := DefaultWeights()
		wt.ARRPerPoint = d("3000000")
		cfg.Weights = wt
		var decoded Config
		require.NoError(t, json.Unmarshal([]byte(`{"currency":"JPY","phase":"1-10","csms":[{"id":"h1","segment":"high-touch","languages":["ja"]},{"id":"h2","segment":"high-touch","languages":["ja","en"]},{"id":"t1","segment":"tech-touch","languages":["ja"]}],"weights":{"high_touch":3,"low_touch":2,"tech_touch":1,"renewal":2,"churn_case":3,"onboarding":2,"arr_per_point":"3000000"}}`), &decoded))
		w(decoded)
		b, err := NewBook(decoded)
		require.NoError(t, err)
		require.NoError(t, b.AddAll(slices.Values(sampleAccounts())))
		require.NoError(t, b.AddAll(genAccounts(200)))
		w(b.Result())
		as, err := b.Assign(slices.Values([]Account{{ID: "n1", ARR: d("10000000.5"), Language: "en"}, {ID: "n2", ARR: d("1234567.89")}}))
		require.NoError(t, err)
		w(as)
		cs, err := Compare(b.Result().Team, Benchmarks())
		require.NoError(t, err)
		w(cs)
		m, err := sampleEconomics().Margin()
		require.NoError(t, err)
		w(m)
		e := Economics{Currency: "JPY", ARR: d("900000000"), OtherCostOfRevenue: d("250000000"), CSMs: 5, CostPerCSM: d("10000000"), Accounts: 70, ChurnRate: d("0.07")}
		m, err = e.Margin()
		require.NoError(t, err)
		w(m)
		c, err := NewCostBook("JPY", d("4833.33"))
		require.NoError(t, err)
		require.NoError(t, c.AddAll(slices.Values(sampleEntries())))
		w(c.Result())
		ob, err := NewOnboardingBook(date.Period{}, date.Must(2026, time.June, 30))
		require.NoError(t, err)
		require.NoError(t, ob.Add(Onboarding{Account: "o", Start: date.Must(2026, time.January, 31), Done: date.Must(2026, time.April, 3)}))
		w(ob.Result())
		for _, bad := range []Config{
			{Currency: "JPY", Segments: []Segment{seg("a", TouchTech, "0", "2400000.50", "1", 0), seg("b", TouchHigh, "3000000", "", "1", 0)}},
			{Currency: "JPY", Segments: []Segment{seg("a", TouchTech, "0", "3000000.25", "1", 0), seg("b", TouchHigh, "2400000", "", "1", 0)}},
		} {
			out.WriteString(bad.Validate().Error() + "\n")
		}
		out.WriteString(b.Add(Account{ID: "x", ARR: d("-0.50")}).Error() + "\n")
		return out.Bytes()
	})
}
