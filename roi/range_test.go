package roi

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRangeValidate(t *testing.T) {
	require.NoError(t, Range{}.Validate(), "the zero range is the point 0")
	require.NoError(t, rg("1", "1.0", "1.00").Validate(), "equal values with different digits")
	require.NoError(t, rg("-3", "-2", "5").Validate(), "a range may be negative; its use decides")
	require.ErrorIs(t, rg("2", "1", "3").Validate(), ErrRangeOrder)
	require.ErrorIs(t, rg("1", "3", "2").Validate(), ErrRangeOrder)
	require.EqualError(t, rg("1", "3", "2").Validate(), "roi: range not ordered low ≤ base ≤ high: base 3 > high 2")
	require.ErrorIs(t, rg("1", "1e101", "1e101").Validate(), ErrAmountOutOfRange)
	require.True(t, rg("4000", "4000.0", "4e3").IsPoint())
	require.False(t, rg("1", "1", "2").IsPoint())
}

func TestCheckInput(t *testing.T) {
	for _, tc := range []struct {
		r    Range
		m    Measure
		want error
	}{
		{rg("0", "0.5", "1"), MeasureRate, nil},
		{rg("0", "0.5", "1.0001"), MeasureRate, ErrRateOutOfRange},
		{rg("-0.0001", "0.5", "1"), MeasureRate, ErrRateOutOfRange},
		{rg("0", "5", "1e9"), MeasureCount, nil},
		{rg("-1", "5", "9"), MeasureCount, ErrNegative},
		{rg("-1", "5", "9"), MeasureMoney, ErrNegative},
		{rg("9", "5", "1"), MeasureMoney, ErrRangeOrder},
	} {
		err := checkInput(tc.r, tc.m)
		if tc.want == nil {
			require.NoError(t, err)
		} else {
			require.ErrorIs(t, err, tc.want, "%v %s", tc.r, tc.m)
		}
	}
}

func TestRangeJSON(t *testing.T) {
	b, err := json.Marshal(rg("0.10", "0.15", "0.2"))
	require.NoError(t, err)
	require.Equal(t, `{"low":"0.10","base":"0.15","high":"0.2"}`, string(b), "exact digits kept")
	b, err = json.Marshal(Range{})
	require.NoError(t, err)
	require.Equal(t, `{"low":"0","base":"0","high":"0"}`, string(b), "the zero range encodes")

	for _, tc := range []struct {
		text string
		want Range
	}{
		{`{"low":"0.1","base":"0.15","high":"0.2"}`, rg("0.1", "0.15", "0.2")},
		{`{"low":0.1,"base":0.15,"high":0.2}`, rg("0.1", "0.15", "0.2")},
		{`"4000"`, pt("4000")},
		{` 4000 `, pt("4000")},
	} {
		var r Range
		require.NoError(t, json.Unmarshal([]byte(tc.text), &r), tc.text)
		requireRange(t, tc.want, r, tc.text)
	}
	// The order is the holding record's to check, naming the field.
	var r Range
	require.NoError(t, json.Unmarshal([]byte(`{"low":"0.3","base":"0.15","high":"0.2"}`), &r))
	require.ErrorIs(t, r.Validate(), ErrRangeOrder)
	for _, tc := range []struct {
		text string
		want error
	}{
		{`{"low":"0.1","base":"0.15"}`, ErrMissing},
		{`{"low":"0.1","base":"0.15","high":"0.2","mid":"1"}`, ErrInvalidRange},
		{`{"low":"1e5","base":"2","high":"3"}`, ErrInvalidRange},
		{`"0.` + strings.Repeat("0", 120) + `1"`, ErrAmountOutOfRange},
		{`null`, ErrInvalidRange},
		{`[1,2,3]`, ErrInvalidRange},
	} {
		r := pt("7")
		err := json.Unmarshal([]byte(tc.text), &r)
		require.ErrorIs(t, err, tc.want, tc.text)
		require.ErrorIs(t, err, ErrInvalidRange, tc.text)
		requireRange(t, pt("7"), r, "left unchanged")
	}
}

func TestWriteRange(t *testing.T) {
	for _, tc := range []struct {
		r        Range
		m        Measure
		currency string
		places   int32
		want     string
	}{
		{pt("4000"), MeasureCount, "", -1, "4,000"},
		{rg("400.00", "600.00", "800.00"), MeasureCount, "", 2, "400 / 600 / 800"},
		{rg("0.10", "0.125", "0.2"), MeasureRate, "", -1, "10% / 12.5% / 20%"},
		{rg("0.00005", "1", "1"), MeasureRate, "", -1, "0.005% / 100% / 100%"},
		{pt("1234567.891"), MeasureMoney, "JPY", 2, "JPY 1,234,567.89"},
		{pt("1234567.895"), MeasureMoney, "", 2, "1,234,567.89"}, // down: never more than the exact figure
		{pt("1234567.899"), MeasureMoney, "", 2, "1,234,567.89"},
		{pt("0.999"), MeasureCount, "", 2, "0.99"},
		{pt("2.1049"), MeasureCount, "", 2, "2.1"}, // down to 2.10, trailing zero dropped
		{pt("-1234.5"), MeasureMoney, "$", -1, "$ -1,234.5"},
		{pt("-0.001"), MeasureCount, "", 2, "-0.01"}, // down, towards minus infinity
		{pt("0.001"), MeasureCount, "", 2, "0"},
		{pt("100"), MeasureCount, "", -1, "100"},
		{pt("1000000000"), MeasureCount, "", -1, "1,000,000,000"},
		{pt("19.0000"), MeasureRate, "", -1, "1,900%"},
		{rg("1e3", "1e3", "2e3"), MeasureCount, "", -1, "1,000 / 1,000 / 2,000"},
	} {
		require.Equal(t, tc.want, writeRange(tc.r, tc.m, tc.currency, tc.places))
	}
	require.Equal(t, "400 / 600 / 800.5", rg("400", "600", "800.50").String())
}
