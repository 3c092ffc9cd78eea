package roi

import (
	"encoding/json"
	"math/big"
	"testing"

	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// exactROI is the reference the ROI is checked against: (b − c) / c as an
// exact fraction, in units of 10^-ROIPlaces, rounded down.
func exactROI(b, c decimal.Decimal) decimal.Decimal {
	q := new(big.Rat).Quo(b.Sub(c).Rat(), c.Rat())
	q.Mul(q, new(big.Rat).SetInt64(roiUnit))
	return decimal.NewFromBigInt(new(big.Int).Div(q.Num(), q.Denom()), -ROIPlaces) // Div is Euclidean: the floor, the denominator being positive
}

func TestROIRounding(t *testing.T) {
	for _, tc := range []struct {
		benefit, cost, want string
	}{
		{"300", "100", "2.0000"},                                       // (300 − 100) / 100
		{"100", "100", "0.0000"},                                       // break even
		{"0", "100", "-1.0000"},                                        // no benefit: all of the cost lost
		{"29000000", "12000000", "1.4166"},                             // 17 / 12 = 1.41666…: down, never the 1.4167 it does not reach
		{"1.00005", "1", "0.0000"},                                     // 0.00005: down
		{"1.99999", "1", "0.9999"},                                     // 0.99999: 99.99%, not 100%
		{"0.99995", "1", "-0.0001"},                                    // −0.00005: down, away from zero
		{"0.999999999", "1", "-0.0001"},                                // −0.000000001: below break even, never shown as 0%
		{"2", "3", "-0.3334"},                                          // −1/3 = −0.33333…: down
		{"4", "3", "0.3333"},                                           // 1/3
		{"5", "3", "0.6666"},                                           // 2/3 = 0.66666…: down
		{"1.5", "0.007", "213.2857"},                                   // (1.5 − 0.007) / 0.007 = 1.493 / 0.007 = 213.285714…
		{"120000.50", "99999.99", "0.2000"},                            // 20000.51 / 99999.99 = 0.2000051…
		{"1e40", "1", "9999999999999999999999999999999999999999.0000"}, // (10^40 − 1) / 1, forty nines; too big for int64: decimal path
		{"12345678901234567890", "3", "4115226300411522629.0000"},      // 20 digits: decimal path; (…890 − 3) / 3 = 4115226300411522629
		{"12345678901234567891", "6", "2057613150205761314.1666"},      // 20 digits: (…891 − 6) / 6 = 2057613150205761314.16666…: down
		{"1234567890123456788", "12345678901234567890", "-0.9001"},     // 20 digits: −0.9 − 1 / 12345678901234567890 = −0.90000000000000000008…: down
	} {
		got := roiOf(d(tc.benefit), d(tc.cost))
		require.Equal(t, tc.want, money.Format(got), "(%s − %s) / %s", tc.benefit, tc.cost, tc.cost)
		require.Equal(t, tc.want, money.Format(exactROI(d(tc.benefit), d(tc.cost))), "the exact fraction agrees")
	}
}

// TestROIFastMatchesExact checks the int64 path against the exact
// fraction at the edges where it gives up or rounds.
func TestROIFastMatchesExact(t *testing.T) {
	for _, tc := range []struct{ b, c string }{
		{"999999999999999999", "1"}, // the quotient 10^22 does not fit: fallback
		{"999999999999999999", "999999999999999999"},
		{"0.000000000000000001", "1000000000000000000"}, // exponents 36 apart: fallback
		{"922337203685477", "1"},                        // × 10^4 just below 2^63
		{"922337203685478", "1"},                        // just above: fallback
		{"0.00015", "0.0001"},                           // 0.5 exactly
		{"1", "0.3"},                                    // 2.3333…
		{"0.2", "0.3"},                                  // −0.3333…: down to −0.3334
		{"0", "7"},
	} {
		b, c := d(tc.b), d(tc.c)
		want := exactROI(b, c)
		got := roiOf(b, c)
		require.Truef(t, want.Equal(got) && got.Exponent() == -ROIPlaces, "%s / %s: want %s, got %s", tc.b, tc.c, want, got)
	}
}

func TestPayback(t *testing.T) {
	for _, tc := range []struct {
		benefit, cost, want string
	}{
		{"24000000", "12000000", "6.0 months"}, // 12 × 12M / 24M
		{"29000000", "12000000", "5.0 months"}, // 144 / 29 = 4.9655…: up
		{"92000000", "12000000", "1.6 months"}, // 144 / 92 = 1.5652…
		{"240", "10", "0.5 months"},            // 120 / 240 = 0.5
		{"2400", "1", "0.1 months"},            // 12 / 2400 = 0.005: up, never "0.0 months"
		{"96", "10", "1.3 months"},             // 120 / 96 = 1.25
		{"121", "10", "1.0 months"},            // 120 / 121 = 0.9917…
		{"119", "10", "1.1 months"},            // 120 / 119 = 1.0084…: up, never quicker than the exact period
		{"0", "10", "never"},                   // no benefit
		{"0.00", "10", "never"},
	} {
		require.Equal(t, tc.want, paybackOf(d(tc.benefit), d(tc.cost)).String(), "%s against %s", tc.benefit, tc.cost)
	}
}

func TestPaybackJSON(t *testing.T) {
	for _, tc := range []struct {
		p    Payback
		text string
	}{
		{Payback{Never: true}, `"never"`},
		{Payback{Months: d("4.8")}, `"4.8"`},
		{Payback{}, `"0"`},
	} {
		b, err := json.Marshal(tc.p)
		require.NoError(t, err)
		require.Equal(t, tc.text, string(b))
		var back Payback
		require.NoError(t, json.Unmarshal(b, &back))
		require.Equal(t, tc.p.Never, back.Never)
		require.True(t, tc.p.Months.Equal(back.Months))
	}
	var p Payback
	require.ErrorIs(t, json.Unmarshal([]byte(`"-1"`), &p), ErrNegative)
	require.ErrorIs(t, json.Unmarshal([]byte(`"-1"`), &p), ErrInvalidResult)
	require.ErrorIs(t, json.Unmarshal([]byte(`"soon"`), &p), ErrInvalidResult)
	require.ErrorIs(t, json.Unmarshal([]byte(`"1e-200"`), &p), ErrInvalidResult)
	var ps Paybacks
	require.ErrorIs(t, json.Unmarshal([]byte(`{"low":"never","base":"1"}`), &ps), ErrMissing)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"low":"never","base":"1","high":"1","x":1}`), &ps), ErrInvalidResult)
}

// FuzzROI checks that the ROI is the exact fraction rounded down, and
// that the ROI and the payback keep the order of the benefits.
func FuzzROI(f *testing.F) {
	f.Add(int64(29000000), int32(0), int64(12000000), int32(0), int64(1))
	f.Add(int64(100005), int32(-5), int64(1), int32(0), int64(3))
	f.Add(int64(999999999999999999), int32(0), int64(1), int32(-18), int64(0))
	f.Add(int64(1), int32(18), int64(7), int32(-3), int64(1000000))
	f.Fuzz(func(t *testing.T, bc int64, be int32, cc int64, ce int32, step int64) {
		if bc < 0 {
			bc = -(bc + 1)
		}
		if cc < 0 {
			cc = -(cc + 1)
		}
		if cc == 0 {
			cc = 1
		}
		if step < 0 {
			step = -(step + 1)
		}
		be, ce = be%40, ce%40
		b, c := decimal.New(bc, be), decimal.New(cc, ce)
		want := exactROI(b, c)
		got := roiOf(b, c)
		if !want.Equal(got) || got.Exponent() != -ROIPlaces {
			t.Fatalf("(%s − %s) / %s: want %s, got %s", b, c, c, want, got)
		}
		more := b.Add(decimal.New(step, be))
		if roiOf(more, c).Cmp(got) < 0 {
			t.Fatalf("ROI fell as the benefit rose from %s to %s", b, more)
		}
		p, q := paybackOf(b, c), paybackOf(more, c)
		if !p.Never && (q.Never || q.Months.Cmp(p.Months) > 0) {
			t.Fatalf("payback grew as the benefit rose from %s (%s) to %s (%s)", b, p, more, q)
		}
	})
}
