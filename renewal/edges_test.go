package renewal

import (
	"encoding/json"
	"math"
	"slices"
	"testing"

	"github.com/cskit/cskit/date"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A book may hold one row per renewal cycle: the contract still counts once
// in the starting ARR, on the row of the renewal current on From.
func TestStartingARRCountsAContractOnce(t *testing.T) {
	c := Contract{ID: "a", Start: rnDay("2025-03-31"), TermMonths: 12, AutoRenew: true, ARR: rnDec("1000")}
	book := []Renewal{
		{Contract: c, Due: rnDay("2026-03-31"), Outcome: Outcome{Result: ResultRenewed, Date: rnDay("2026-03-20"), Final: rnDec("1000")}},
		{Contract: c, Due: rnDay("2027-03-31")},
	}
	k, err := Policy{}.KPIs(slices.Values(book), rnDay("2027-02-01"),
		DateRange{From: rnDay("2027-01-01"), To: rnDay("2027-04-01")}, ChurnBaseStartingARR)
	require.NoError(t, err)
	assert.True(t, k.StartingARR.Equal(rnDec("1000")), "starting ARR %s", k.StartingARR)
	assert.Equal(t, 1, k.Renewable)
}

func TestAmountRatioStringNeverPanics(t *testing.T) {
	huge := AmountRatio{Num: decimal.New(1, math.MaxInt32-1), Den: rnDec("1")}
	assert.Equal(t, "no data", huge.String())
	assert.Equal(t, "1/3 (33.3%)", AmountRatio{Num: rnDec("1"), Den: rnDec("3")}.String())
	assert.Equal(t, "2/3 (66.7%)", AmountRatio{Num: rnDec("2"), Den: rnDec("3")}.String())
}

func TestTotalsJSONIsStrict(t *testing.T) {
	var tt Totals
	require.ErrorIs(t, json.Unmarshal([]byte(`{"count":1,"targt":"5"}`), &tt), ErrInvalidRecord)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"count":-1}`), &tt), ErrInvalidRecord)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"lost":"-5"}`), &tt), ErrNegativeAmount)
	require.NoError(t, json.Unmarshal([]byte(`{"count":2,"target":"5","lost":"5","lost_count":1}`), &tt))
	assert.Equal(t, 2, tt.Count)

	var b Bucket
	require.NoError(t, json.Unmarshal([]byte(`{"from":"2027-01-01","to":"2027-02-01","total":{"count":0}}`), &b))
	require.ErrorIs(t, json.Unmarshal([]byte(`{"from":"2027-01-01","colour":"red"}`), &b), ErrInvalidRecord)
}

func TestContractMarshalErrorWrapsSentinel(t *testing.T) {
	_, err := json.Marshal(Contract{ID: "x", Start: rnDay("2026-01-01"), TermMonths: 12, Notice: date.Days(-1)})
	require.ErrorIs(t, err, ErrInvalidContract)
	require.ErrorIs(t, err, date.ErrInvalidPeriod)
}

func TestRenewalOfHugeIndexClamps(t *testing.T) {
	c := Contract{ID: "a", Start: rnDay("2026-01-31"), TermMonths: 12, AutoRenew: true}
	assert.Equal(t, rnDay("9999-12-31"), c.Renewal(1<<60))
	assert.Equal(t, rnDay("9999-12-31"), c.Renewal(1<<62+1))
	assert.Equal(t, rnDay("2028-01-31"), c.Renewal(2))
}
