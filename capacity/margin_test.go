package capacity

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sampleEconomics() Economics {
	return Economics{Currency: "JPY", ARR: d("1000000000"), OtherCostOfRevenue: d("200000000"),
		CSMs: 10, CostPerCSM: d("10000000"), Accounts: 100, ChurnRate: d("0.1")}
}

func TestMargin(t *testing.T) {
	m, err := sampleEconomics().Margin()
	require.NoError(t, err)
	// Now: CS cost 10 × 10M = 100M; gross profit 1000M − 200M − 100M =
	// 700M; margin 0.7; ARPA 1000M / 100 = 10M; LTV 10M × 0.7 / 0.1 = 70M
	// (700M / (100 × 0.1)).
	assert.Equal(t, "100000000", m.Now.CSCost.String())
	assert.Equal(t, "700000000", m.Now.GrossProfit.String())
	assert.Equal(t, "0.7", m.Now.GrossMargin.String())
	assert.Equal(t, "10000000", m.Now.ARPA.String())
	assert.Equal(t, "70000000.00", m.Now.LTV.String())
	// One more: CS cost 110M; profit 690M; margin 0.69; LTV 69M.
	assert.Equal(t, 11, m.OneMore.CSMs)
	assert.Equal(t, "0.69", m.OneMore.GrossMargin.String())
	assert.Equal(t, "69000000.00", m.OneMore.LTV.String())
	// −10M / 1000M = −0.01 (one point); −10M / (100 × 0.1) = −1M.
	assert.Equal(t, "-0.01", m.MarginChange.String())
	assert.Equal(t, "-1000000.00", m.LTVChange.String())
	assert.Equal(t, "one more CSM adds JPY 10000000 of CS cost: gross margin 70.00% → 69.00% (-1.00 points); LTV 70000000.00 → 69000000.00 (-1000000.00)", m.Why)
}

// LTV is computed from the exact ARPA and margin and rounded once; from the
// rounded ones a Unit shows it would come out otherwise. The second case is
// doc.go's example.
func TestMarginRoundsOnce(t *testing.T) {
	tests := []struct {
		e                            Economics
		margin, arpa, ltv, fromShown string
	}{
		// Profit 900M − 250M − 50M = 600M; margin 600 / 900 = 0.6666… →
		// 0.6667; ARPA 900M / 70 = 12857142.857… → 12857142.86; LTV 600M /
		// (70 × 0.07 = 4.9) = 122448979.5918… → 122448979.59, where
		// 12857142.86 × 0.6667 / 0.07 = 122455102.068… → 122455102.07.
		{Economics{Currency: "JPY", ARR: d("900000000"), OtherCostOfRevenue: d("250000000"),
			CSMs: 5, CostPerCSM: d("10000000"), Accounts: 70, ChurnRate: d("0.07")},
			"0.6667", "12857142.86", "122448979.59", "122455102.07"},
		// Profit 165.36M − 30M − 40M = 95.36M; margin 95.36 / 165.36 =
		// 0.57668… → 0.5767; ARPA 165.36M / 16 = 10335000; LTV 95.36M /
		// (16 × 0.1) = 59600000, where 10335000 × 0.5767 / 0.1 = 59601945.
		{Economics{Currency: "JPY", ARR: d("165360000"), OtherCostOfRevenue: d("30000000"),
			CSMs: 4, CostPerCSM: d("10000000"), Accounts: 16, ChurnRate: d("0.1")},
			"0.5767", "10335000", "59600000.00", "59601945"},
	}
	for _, tc := range tests {
		u, err := tc.e.At(tc.e.CSMs)
		require.NoError(t, err)
		assert.Equal(t, tc.margin, u.GrossMargin.String())
		assert.Equal(t, tc.arpa, u.ARPA.String())
		assert.Equal(t, tc.ltv, u.LTV.String())
		assert.Equal(t, tc.fromShown, u.ARPA.Mul(u.GrossMargin).DivRound(tc.e.ChurnRate, 2).String())
	}
}

func TestMarginZeroChurn(t *testing.T) {
	e := sampleEconomics()
	e.ChurnRate = d("0")
	m, err := e.Margin()
	require.NoError(t, err)
	assert.True(t, m.Now.LTV.Unbounded)
	assert.True(t, m.OneMore.LTV.Unbounded)
	assert.False(t, m.LTVChange.Defined)
	assert.Equal(t, "-0.01", m.MarginChange.String())
	assert.Contains(t, m.Why, "LTV unbounded → unbounded (zero churn: no finite LTV)")
	b, err := json.Marshal(m)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"ltv":"unbounded"`)
	assert.Contains(t, string(b), `"ltv_change":null`)

	// A zero gross profit has an LTV of 0 whatever the churn: 1000M −
	// 200M − 80 × 10M = 0.
	u, err := e.At(80)
	require.NoError(t, err)
	assert.False(t, u.LTV.Unbounded)
	assert.Equal(t, "0.00", u.LTV.String())
}

func TestMarginNegative(t *testing.T) {
	// 100 CSMs cost 1000M: profit 1000M − 200M − 1000M = −200M; margin
	// −0.2; LTV −200M / (100 × 0.1) = −20M.
	u, err := sampleEconomics().At(100)
	require.NoError(t, err)
	assert.Equal(t, "-0.2", u.GrossMargin.String())
	assert.Equal(t, "-20000000.00", u.LTV.String())
}

func TestMarginNoCSMs(t *testing.T) {
	e := sampleEconomics()
	e.CSMs = 0
	m, err := e.Margin()
	require.NoError(t, err)
	// 0 CSMs: profit 800M, margin 0.8, LTV 80M; the first CSM: 0.79, 79M.
	assert.Equal(t, "0.8", m.Now.GrossMargin.String())
	assert.Equal(t, "79000000.00", m.OneMore.LTV.String())
}

func TestEconomicsErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Economics)
		want error
		msg  string
	}{
		{"negative CSMs", func(e *Economics) { e.CSMs = -1 }, ErrHeadcount, "capacity: csms: headcount must be positive: -1 CSMs"},
		{"zero ARR", func(e *Economics) { e.ARR = d("0") }, ErrInvalidRecord, "capacity: arr: invalid record: zero ARR: no margin to take"},
		{"no accounts", func(e *Economics) { e.Accounts = 0 }, ErrInvalidRecord, "capacity: accounts: invalid record: 0 accounts: no ARPA"},
		{"churn above one", func(e *Economics) { e.ChurnRate = d("1.5") }, ErrInvalidRate, "capacity: churn_rate: rate outside [0, 1]: 1.5"},
		{"negative churn", func(e *Economics) { e.ChurnRate = d("-0.1") }, ErrInvalidRate, "capacity: churn_rate: rate outside [0, 1]: -0.1"},
		{"huge churn", func(e *Economics) { e.ChurnRate = d("1e-300") }, ErrInvalidRate, "capacity: churn_rate: rate outside [0, 1]: exponent -300"},
		{"negative cost", func(e *Economics) { e.CostPerCSM = d("-1") }, ErrNegativeAmount, "capacity: cost_per_csm: negative amount: -1"},
		{"no currency", func(e *Economics) { e.Currency = "" }, ErrInvalidCurrency, `capacity: currency: invalid currency: "" is not a three-letter code`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := sampleEconomics()
			tc.edit(&e)
			_, err := e.Margin()
			require.ErrorIs(t, err, tc.want)
			assert.Equal(t, tc.msg, err.Error())
		})
	}
	_, err := sampleEconomics().At(-1)
	require.ErrorIs(t, err, ErrHeadcount)
}

func TestEconomicsJSON(t *testing.T) {
	var e Economics
	require.NoError(t, json.Unmarshal([]byte(`{"currency":"JPY","arr":"1000000000","other_cost_of_revenue":200000000,"csms":10,"cost_per_csm":"10000000","accounts":100,"churn_rate":"0.1"}`), &e))
	assert.Equal(t, sampleEconomics().ARR.String(), e.ARR.String())
	err := json.Unmarshal([]byte(`{"currency":"JPY","arr":"1","accounts":1,"churn_rate":"2"}`), &e)
	require.ErrorIs(t, err, ErrInvalidRecord)
	require.ErrorIs(t, err, ErrInvalidRate)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"currency":"JPY","arr":"1","accounts":1,"churn":"0.1"}`), &e), ErrInvalidRecord)

	m, err := sampleEconomics().Margin()
	require.NoError(t, err)
	b, err := json.Marshal(m)
	require.NoError(t, err)
	var back MarginEffect
	require.NoError(t, json.Unmarshal(b, &back))
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2))
}

// A gross loss with no churn loses money without bound: the LTV is
// "-unbounded", never "unbounded".
func TestMarginZeroChurnLoss(t *testing.T) {
	e := sampleEconomics()
	e.ChurnRate = d("0")
	// 100 CSMs: 1000M − 200M − 1000M = −200M a year, forever.
	m, err := e.At(100)
	require.NoError(t, err)
	assert.True(t, m.LTV.Unbounded)
	assert.Equal(t, "-unbounded", m.LTV.String())
	b, err := json.Marshal(m)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"ltv":"-unbounded"`)
	var back Unit
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, m.LTV, back.LTV)
	// 79 CSMs still make 10M a year: +∞.
	m, err = e.At(79)
	require.NoError(t, err)
	assert.Equal(t, "unbounded", m.LTV.String())
	e.CSMs = 80 // a zero profit now (LTV 0), a loss with one more
	me, err := e.Margin()
	require.NoError(t, err)
	assert.Equal(t, "one more CSM adds JPY 10000000 of CS cost: gross margin 0.00% → -1.00% (-1.00 points); LTV 0.00 → -unbounded (zero churn: no finite LTV)", me.Why)
}
