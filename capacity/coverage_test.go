package capacity

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestNewCoverage(t *testing.T) {
	tests := []struct {
		name           string
		arr            string
		accounts, csms int
		arrPer, accPer string
	}{
		// Sansan [seed 000]: ¥15B / 60 = ¥250M.
		{"sansan", "15000000000", 0, 60, "250000000", "0"},
		// ClientSuccess-like: 5200 accounts / 50 = 104.
		{"accounts", "86000000", 5200, 50, "1720000", "104"},
		// 53599999 / 3 = 17866666.333… → 17866666.33; 7 / 3 = 2.333… → 2.33.
		{"rounded down", "53599999", 7, 3, "17866666.33", "2.33"},
		// 2 / 3 = 0.666… → 0.67 (half away from zero).
		{"rounded up", "2", 2, 3, "0.67", "0.67"},
		{"one CSM", "0", 0, 1, "0", "0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewCoverage("JPY", d(tc.arr), tc.accounts, tc.csms)
			require.NoError(t, err)
			assert.True(t, c.ARRPerCSM().Defined)
			assert.True(t, d(tc.arrPer).Equal(c.ARRPerCSM().Value), "arr per CSM %s", c.ARRPerCSM())
			assert.True(t, d(tc.accPer).Equal(c.AccountsPerCSM().Value), "accounts per CSM %s", c.AccountsPerCSM())
		})
	}
}

func TestNewCoverageErrors(t *testing.T) {
	tests := []struct {
		name     string
		cur      Currency
		arr      string
		accounts int
		csms     int
		want     error
		msg      string
	}{
		{"zero CSMs", "JPY", "1", 0, 0, ErrHeadcount, "capacity: csms: headcount must be positive: 0 CSMs"},
		{"negative CSMs", "JPY", "1", 0, -3, ErrHeadcount, "capacity: csms: headcount must be positive: -3 CSMs"},
		{"negative ARR", "JPY", "-1", 0, 1, ErrNegativeAmount, "capacity: arr: negative amount: -1"},
		{"huge exponent", "JPY", "1e101", 0, 1, ErrAmountOutOfRange, "capacity: arr: amount out of range: exponent 101, outside ±100"},
		{"negative accounts", "JPY", "1", -1, 1, ErrInvalidRecord, "capacity: accounts: invalid record: negative count -1"},
		{"no currency", "", "1", 0, 1, ErrInvalidCurrency, `capacity: currency: invalid currency: "" is not a three-letter code`},
		{"lower case", "jpy", "1", 0, 1, ErrInvalidCurrency, `capacity: currency: invalid currency: "jpy" is not a three-letter code`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewCoverage(tc.cur, d(tc.arr), tc.accounts, tc.csms)
			require.ErrorIs(t, err, tc.want)
			var fe *FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tc.msg, err.Error())
		})
	}
}

func TestCoverageNoCSMs(t *testing.T) {
	c := Coverage{Currency: "JPY", ARR: d("100"), Accounts: 2}
	require.NoError(t, c.Validate())
	assert.False(t, c.ARRPerCSM().Defined)
	assert.False(t, c.AccountsPerCSM().Defined)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.JSONEq(t, `{"currency":"JPY","arr":"100","accounts":2,"csms":0,"arr_per_csm":null,"accounts_per_csm":null}`, string(b))
}

func TestCoverageJSON(t *testing.T) {
	c, err := NewCoverage("JPY", d("15000000000"), 3000, 60)
	require.NoError(t, err)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	// 15000000000 / 60 = 250000000.00; 3000 / 60 = 50.00.
	assert.JSONEq(t, `{"currency":"JPY","arr":"15000000000","accounts":3000,"csms":60,"arr_per_csm":"250000000.00","accounts_per_csm":"50.00"}`, string(b))
	var back Coverage
	require.NoError(t, json.Unmarshal(b, &back))
	assert.True(t, c.ARR.Equal(back.ARR))
	assert.Equal(t, c.CSMs, back.CSMs)

	// Per-CSM figures may be left out; a wrong one is refused.
	require.NoError(t, json.Unmarshal([]byte(`{"currency":"JPY","arr":"10","accounts":1,"csms":2}`), &back))
	err = json.Unmarshal([]byte(`{"currency":"JPY","arr":"10","accounts":1,"csms":2,"arr_per_csm":"6"}`), &back)
	require.ErrorIs(t, err, ErrInvalidRecord)
	assert.Contains(t, err.Error(), "arr_per_csm")
	require.ErrorIs(t, json.Unmarshal([]byte(`{"currency":"JPY","arr":"10","csms":-1}`), &back), ErrHeadcount)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"currency":"JPY","arr":"10","csm":1}`), &back), ErrInvalidRecord)
}

func TestCSMsFor(t *testing.T) {
	tests := []struct {
		arr, per string
		want     int
	}{
		{"10000000000", "200000000", 50}, // ¥10B / ¥200M = 50 [seed 000]
		{"10100000000", "200000000", 51}, // 50.5 rounded up
		{"10000000001", "200000000", 51}, // 50.000000005 rounded up
		{"0", "200000000", 0},            // no ARR, no CSMs
		{"1", "200000000", 1},            // any ARR needs someone
		{"1e100", "1e-100", MaxHeadcount},
	}
	for _, tc := range tests {
		got, err := CSMsFor(d(tc.arr), d(tc.per))
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, "%s / %s", tc.arr, tc.per)
	}
	_, err := CSMsFor(d("1"), decimal.Zero)
	require.ErrorIs(t, err, ErrHeadcount)
	_, err = CSMsFor(d("1"), d("-5"))
	require.ErrorIs(t, err, ErrNegativeAmount)
	_, err = CSMsFor(d("-1"), d("5"))
	require.ErrorIs(t, err, ErrNegativeAmount)
}

func TestCompare(t *testing.T) {
	bs := Benchmarks()
	byID := func(cs []Comparison) map[string]Comparison {
		m := map[string]Comparison{}
		for _, c := range cs {
			m[c.Benchmark] = c
		}
		return m
	}
	// Sansan's figures with 3000 accounts: ¥250M and 50 accounts per CSM.
	sansan, err := NewCoverage("JPY", d("15000000000"), 3000, 60)
	require.NoError(t, err)
	cs, err := Compare(sansan, bs)
	require.NoError(t, err)
	require.Len(t, cs, len(bs))
	m := byID(cs)
	tests := []struct {
		id      string
		verdict Verdict
		ratio   string
	}{
		{"hicustomer-2021-accounts", VerdictMeets, "1"},       // 3000 ≥ 50 × 60 = 3000: 1.00
		{"hicustomer-2021-arr-horizontal", VerdictMeets, "5"}, // 15B / (50M × 60) = 5.00
		{"saastr-200m-rule", VerdictMeets, "1.25"},            // 15B / (200M × 60) = 1.25
		{"sansan-2021", VerdictMeets, "1"},                    // 15B / (250M × 60) = 1.00
		{"clientsuccess-accounts", VerdictBelow, "0.48"},      // 3000 / (104 × 60) = 0.4807… → 0.48
		{"clientsuccess-arr", VerdictNotComparable, ""},       // USD against JPY
		{"commune-high-touch", VerdictNotComparable, ""},      // USD against JPY
	}
	for _, tc := range tests {
		c, ok := m[tc.id]
		require.True(t, ok, tc.id)
		assert.Equal(t, tc.verdict, c.Verdict, tc.id)
		if tc.ratio == "" {
			assert.False(t, c.Ratio.Defined, tc.id)
			assert.False(t, c.Plan.Defined, tc.id)
		} else {
			assert.True(t, d(tc.ratio).Equal(c.Ratio.Value), "%s: ratio %s", tc.id, c.Ratio)
		}
	}
	assert.Equal(t, "JPY 250000000.00 per CSM meets JPY 200000000 (1.25×)", m["saastr-200m-rule"].Why)
	assert.Equal(t, "the plan is in JPY and the benchmark in USD: amounts are never converted", m["clientsuccess-arr"].Why)
	assert.Equal(t, "50.00 accounts per CSM is below 104 accounts (0.48×)", m["clientsuccess-accounts"].Why)

	// ¥100M per CSM meets the domestic norm but not the ¥200M rule:
	// 1B / (200M × 10) = 0.50.
	mid, err := NewCoverage("JPY", d("1000000000"), 0, 10)
	require.NoError(t, err)
	cs, err = Compare(mid, bs)
	require.NoError(t, err)
	m = byID(cs)
	assert.Equal(t, VerdictMeets, m["hicustomer-2021-arr-vertical"].Verdict)
	assert.Equal(t, VerdictBelow, m["saastr-200m-rule"].Verdict)
	assert.Equal(t, "0.5", m["saastr-200m-rule"].Ratio.Value.String())

	// A dollar plan: ClientSuccess $1.72M with $86M over 50 CSMs = 1.00;
	// the yen figures are not comparable.
	usd, err := NewCoverage("USD", d("86000000"), 5200, 50)
	require.NoError(t, err)
	cs, err = Compare(usd, bs)
	require.NoError(t, err)
	m = byID(cs)
	assert.Equal(t, VerdictMeets, m["clientsuccess-arr"].Verdict)
	assert.Equal(t, VerdictMeets, m["clientsuccess-accounts"].Verdict) // 5200 = 104 × 50
	assert.Equal(t, VerdictBelow, m["commune-tech-touch"].Verdict)     // 86M < 2M × 50 = 100M
	assert.Equal(t, VerdictNotComparable, m["sansan-2021"].Verdict)

	// No CSMs: no data, for every comparable benchmark.
	cs, err = Compare(Coverage{Currency: "JPY", ARR: d("1")}, bs)
	require.NoError(t, err)
	m = byID(cs)
	assert.Equal(t, VerdictNoData, m["sansan-2021"].Verdict)
	assert.Equal(t, VerdictNoData, m["hicustomer-2021-accounts"].Verdict)

	// An invalid benchmark is an error.
	bad := bs[0]
	bad.Value = decimal.Zero
	_, err = Compare(sansan, []Benchmark{bad})
	require.ErrorIs(t, err, ErrInvalidRecord)
	// It names the benchmark as a benchmark, not as an account.
	assert.Equal(t, `capacity: value: invalid record: benchmark "hicustomer-2021-accounts": zero`, err.Error())
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "value", fe.Field)
}

func TestBenchmarksAreValid(t *testing.T) {
	bs := Benchmarks()
	require.Len(t, bs, 11)
	ids := map[string]bool{}
	for _, b := range bs {
		require.NoError(t, b.Validate(), b.ID)
		assert.False(t, ids[b.ID], "duplicate %s", b.ID)
		ids[b.ID] = true
		bj, err := json.Marshal(b)
		require.NoError(t, err)
		var back Benchmark
		require.NoError(t, json.Unmarshal(bj, &back))
		bj2, err := json.Marshal(back)
		require.NoError(t, err)
		assert.Equal(t, string(bj), string(bj2))
	}
	// Every figure names where it was read: the seed's file, or the page
	// of a third-party figure.
	for _, b := range bs {
		assert.Regexp(t, `seeds/000_3abb293492796f8a\.txt|https://`, b.Source, b.ID)
	}
	// A fresh slice each call: changing one does not change the next.
	bs[0].Value = d("1")
	assert.Equal(t, "50", Benchmarks()[0].Value.String())
}

func TestErrorsQuoteShort(t *testing.T) {
	long := "-" + strings.Repeat("9", 900)
	_, err := NewCoverage("JPY", d(long), 0, 1)
	require.ErrorIs(t, err, ErrNegativeAmount)
	assert.Less(t, len(err.Error()), 140, err.Error())
	assert.Contains(t, err.Error(), "… (901 characters)")
	err = Config{Currency: "JPY", Segments: []Segment{seg("a", TouchHigh, "0", strings.Repeat("7", 500), "1", 0)}}.Validate()
	require.ErrorIs(t, err, ErrSegmentGap)
	assert.Less(t, len(err.Error()), 200, err.Error())
}

// TestDecodeErrorIsShort: encoding/json quotes all of an unknown key; the
// decoder's error keeps 200 bytes of its message.
func TestDecodeErrorIsShort(t *testing.T) {
	var a Account
	err := json.Unmarshal([]byte(`{"`+strings.Repeat("k", 1<<20)+`":1}`), &a)
	require.ErrorIs(t, err, ErrInvalidAccount)
	// `json: unknown field "` is 21 bytes; 179 k's make the 200 kept.
	assert.EqualError(t, err, `capacity: decoding account: json: unknown field "`+strings.Repeat("k", 179)+"…")
}
