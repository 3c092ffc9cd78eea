package roi

import (
	"encoding/json"
	"errors"
	"iter"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/booktest"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// fourAccounts is a small book with hand-computed ROI:
//
//	a: benefit 29M / 92M / 240M, cost 12M → ROI 1.4166 / 6.6666 / 19 (rounded down)
//	b: benefit 0 / 50 / 100,    cost 100 → ROI −1 / −0.5 / 0
//	c: benefit 200 / 300 / 400, cost 100 → ROI 1 / 2 / 3
//	d: benefit 0.5 / 0.5 / 0.5, cost 0.25 → ROI 1 / 1 / 1
func fourAccounts() []Estimate {
	return []Estimate{
		{Account: "a", Benefit: rg("29000000", "92000000", "240000000"), AnnualCost: d("12000000")},
		{Account: "b", Benefit: rg("0", "50", "100"), AnnualCost: d("100")},
		{Account: "c", Benefit: rg("200", "300", "400"), AnnualCost: d("100")},
		{Account: "d", Benefit: pt("0.5"), AnnualCost: d("0.25")},
	}
}

func TestSummarize(t *testing.T) {
	s, err := Summarize(PortfolioConfig{}, slices.Values(fourAccounts()))
	require.NoError(t, err)
	require.Equal(t, 4, s.Accounts)
	require.Equal(t, "12000200.25", money.Format(s.AnnualCost)) // 12,000,000 + 100 + 100 + 0.25
	// low 29,000,000 + 0 + 200 + 0.5; base 92,000,000 + 50 + 300 + 0.5;
	// high 240,000,000 + 100 + 400 + 0.5.
	requireRange(t, rg("29000200.5", "92000350.5", "240000500.5"), s.Benefit, "benefit")
	// (29000200.5 − 12000200.25) / 12000200.25 = 17000000.25 / 12000200.25
	// = 1.416643…; (92000350.5 − 12000200.25) / 12000200.25 = 6.6665679…;
	// (240000500.5 − 12000200.25) / 12000200.25 = 18.9997079…; each down.
	require.Equal(t, "1.4166", money.Format(s.ROI.Low))
	require.Equal(t, "6.6665", money.Format(s.ROI.Base))
	require.Equal(t, "18.9997", money.Format(s.ROI.High))
	// 12 × 12000200.25 = 144002403; / 29000200.5 = 4.9656… → 5.0;
	// / 92000350.5 = 1.5652… → 1.6; / 240000500.5 = 0.600009… → 0.7
	// (up: the exact period is longer than 0.6 months).
	require.Equal(t, []string{"5.0 months", "1.6 months", "0.7 months"},
		[]string{s.Payback.Low.String(), s.Payback.Base.String(), s.Payback.High.String()})
	require.Equal(t, DefaultPortfolioConfig().Cuts, s.Cuts)
	// Bands [<0), [0, 1), [1, 3), [3, ∞); an ROI on a cut goes above it.
	//   low:  a 1.4166 → [1,3); b −1 → <0; c 1 → [1,3); d 1 → [1,3)
	//   base: a 6.6666 → ≥3;   b −0.5 → <0; c 2 → [1,3); d 1 → [1,3)
	//   high: a 19 → ≥3;       b 0 → [0,1); c 3 → ≥3;   d 1 → [1,3)
	require.Equal(t, []Counts{{1, 1, 0}, {0, 0, 1}, {3, 2, 1}, {0, 1, 2}}, s.Bands)
	require.Equal(t, Counts{1, 0, 0}, s.Never) // b's low benefit is zero
	require.Equal(t, &Extreme{"b", d("-0.5000")}, s.Lowest)
	require.Equal(t, "a", s.Highest.Account)
	require.Equal(t, "6.6666", money.Format(s.Highest.ROI))
}

// String writes paybacks for comparing in tests.
func (p Paybacks) String() string {
	return p.Low.String() + " / " + p.Base.String() + " / " + p.High.String()
}

func TestSummarizeEmpty(t *testing.T) {
	s, err := Summarize(PortfolioConfig{}, slices.Values([]Estimate(nil)))
	require.NoError(t, err)
	require.Zero(t, s.Accounts)
	require.Nil(t, s.ROI, "no data, not 0%")
	require.Nil(t, s.Payback)
	require.Nil(t, s.Lowest)
	require.Len(t, s.Bands, 4)
	b, err := json.Marshal(s)
	require.NoError(t, err)
	require.JSONEq(t, `{"accounts":0,"annual_cost":"0","benefit":{"low":"0","base":"0","high":"0"},"roi":null,
		"payback_months":null,"cuts":["0","1","3"],"bands":[{"low":0,"base":0,"high":0},{"low":0,"base":0,"high":0},
		{"low":0,"base":0,"high":0},{"low":0,"base":0,"high":0}],"never":{"low":0,"base":0,"high":0},"lowest":null,"highest":null}`, string(b))
	var nilP *Portfolio
	require.Equal(t, s, nilP.Result())
	require.ErrorIs(t, nilP.Add(fourAccounts()[0]), ErrNilPortfolio)
}

func TestPortfolioCuts(t *testing.T) {
	cfg := PortfolioConfig{Cuts: []decimal.Decimal{d("0.5"), d("1.4167")}}
	s, err := Summarize(cfg, slices.Values(fourAccounts()))
	require.NoError(t, err)
	// low: a 1.41666… → 1.4166, below the cut 1.4167 it does not reach
	// (rounding to the nearest would band it above); b −1, c 1, d 1 →
	// below 0.5: b; [0.5, 1.4167): a, c, d; ≥ 1.4167: none.
	// base: a 6.6666, b −0.5, c 2, d 1 → <0.5: b; middle: d; top: a, c
	// high: a 19, b 0, c 3, d 1 → <0.5: b; middle: d; top: a, c
	require.Equal(t, []Counts{{1, 1, 1}, {3, 1, 1}, {0, 2, 2}}, s.Bands)
	// On the cut: c's ROI is exactly 1, and a cut at 1 bands it above.
	s, err = Summarize(PortfolioConfig{Cuts: []decimal.Decimal{d("1")}}, slices.Values(fourAccounts()[2:3]))
	require.NoError(t, err)
	require.Equal(t, []Counts{{0, 0, 0}, {1, 1, 1}}, s.Bands)

	for _, tc := range []struct {
		cuts []decimal.Decimal
		want string
	}{
		{[]decimal.Decimal{d("1"), d("1")}, "not above"},
		{[]decimal.Decimal{d("0.00001")}, "more than 4 decimal places"},
		{[]decimal.Decimal{d("1e13")}, "larger than 10^12"},
		{[]decimal.Decimal{d("1e-101")}, "exponent"},
		{make([]decimal.Decimal, MaxCuts+1), "more than 32"},
	} {
		_, err := NewPortfolio(PortfolioConfig{Cuts: tc.cuts})
		require.ErrorIs(t, err, ErrInvalidConfig)
		require.ErrorContains(t, err, tc.want)
	}
	_, err = NewPortfolio(PortfolioConfig{Cuts: []decimal.Decimal{d("0.00010")}})
	require.NoError(t, err, "trailing zeros beyond four places are fine")
}

func TestPortfolioAddErrors(t *testing.T) {
	p, err := NewPortfolio(PortfolioConfig{})
	require.NoError(t, err)
	require.NoError(t, p.Add(fourAccounts()[2]))
	before := p.Result()
	for _, tc := range []struct {
		e     Estimate
		want  error
		field string
	}{
		{Estimate{Benefit: pt("1"), AnnualCost: d("1")}, ErrMissing, "account"},
		{Estimate{Account: "x", Benefit: pt("1"), AnnualCost: d("0")}, ErrCostNotPositive, "annual_cost"},
		{Estimate{Account: "x", Benefit: pt("1")}, ErrCostNotPositive, "annual_cost"},
		{Estimate{Account: "x", Benefit: pt("1"), AnnualCost: d("1e200")}, ErrAmountOutOfRange, "annual_cost"},
		{Estimate{Account: "x", Benefit: rg("-1", "0", "1"), AnnualCost: d("1")}, ErrNegative, "benefit"},
		{Estimate{Account: "x", Benefit: rg("2", "1", "3"), AnnualCost: d("1")}, ErrRangeOrder, "benefit"},
		{Estimate{Account: "x", Benefit: rg("1", "1", "1e-300"), AnnualCost: d("1")}, ErrAmountOutOfRange, "benefit"},
	} {
		err := p.Add(tc.e)
		requireField(t, err, tc.want, tc.field)
		require.Equal(t, before, p.Result(), "a refused row leaves the portfolio unchanged")
	}
}

func TestSummarizeStopsAtBadRow(t *testing.T) {
	rows := fourAccounts()
	rows[2].AnnualCost = d("-5")
	_, err := Summarize(PortfolioConfig{}, slices.Values(rows))
	var re *book.RowError
	require.True(t, errors.As(err, &re))
	require.Equal(t, 2, re.Index)
	require.ErrorIs(t, err, ErrCostNotPositive)
	require.EqualError(t, err, `roi: row 2: account "c": annual_cost: annual cost not positive: -5`)

	_, err = Summarize(PortfolioConfig{}, nil)
	require.ErrorIs(t, err, ErrNilBook)
	require.EqualError(t, err, "roi: nil book iterator")
	_, err = Summarize(PortfolioConfig{Cuts: []decimal.Decimal{d("2"), d("1")}}, slices.Values(rows))
	require.ErrorIs(t, err, ErrInvalidConfig)
}

func TestPortfolioMerge(t *testing.T) {
	a, _ := NewPortfolio(PortfolioConfig{})
	b, _ := NewPortfolio(PortfolioConfig{Cuts: []decimal.Decimal{d("0")}})
	require.ErrorIs(t, a.Merge(b), ErrConfigMismatch)
	require.ErrorIs(t, a.Merge(nil), ErrNilPortfolio)
	var nilP *Portfolio
	require.ErrorIs(t, nilP.Merge(a), ErrNilPortfolio)
	c, _ := NewPortfolio(DefaultPortfolioConfig())
	require.NoError(t, a.Merge(c), "the zero config and the defaults written out are one config")
}

func TestPortfolioExtremesTies(t *testing.T) {
	// x and y share the lowest base ROI (0); the one that sorts first wins
	// in either order.
	x := Estimate{Account: "x", Benefit: pt("10"), AnnualCost: d("10")}
	y := Estimate{Account: "y", Benefit: pt("20"), AnnualCost: d("20")}
	for _, rows := range [][]Estimate{{x, y}, {y, x}} {
		s, err := Summarize(PortfolioConfig{}, slices.Values(rows))
		require.NoError(t, err)
		require.Equal(t, "x", s.Lowest.Account)
		require.Equal(t, "x", s.Highest.Account)
	}
}

// randomBook returns n estimates with amounts of every shape: yen,
// cents, zero benefits, huge coefficients that leave the int64 path.
func randomBook(seed uint64, n int) []Estimate {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	amount := func() decimal.Decimal {
		switch rng.IntN(6) {
		case 0:
			return decimal.New(0, 0)
		case 1:
			return decimal.New(rng.Int64N(1e12), -2)
		case 2:
			v, _ := decimal.NewFromString(strconv.FormatInt(rng.Int64N(1e18), 10) + strconv.FormatInt(rng.Int64N(1e18), 10))
			return v
		default:
			return decimal.New(rng.Int64N(1e9), int32(rng.IntN(5)))
		}
	}
	out := make([]Estimate, n)
	for i := range out {
		pts := []decimal.Decimal{amount(), amount(), amount()}
		slices.SortFunc(pts, func(a, b decimal.Decimal) int { return a.Cmp(b) })
		cost := amount()
		if cost.Sign() == 0 {
			cost = decimal.New(1, -3)
		}
		out[i] = Estimate{Account: "acct-" + strconv.Itoa(rng.IntN(n)), Benefit: Range{pts[0], pts[1], pts[2]}, AnnualCost: cost}
	}
	return out
}

func TestPortfolioMergeLaw(t *testing.T) {
	rows := randomBook(7, 60)
	booktest.CheckMerge(t, 11, 40, rows, func() *Portfolio {
		p, err := NewPortfolio(PortfolioConfig{Cuts: []decimal.Decimal{d("-0.5"), d("0"), d("1.25"), d("10")}})
		require.NoError(t, err)
		return p
	})
}

// TestPortfolioAgreesWithDerive checks that the book bands each account by
// the ROI a derivation of the same benefit shows, on the int64 path and
// off it.
func TestPortfolioAgreesWithDerive(t *testing.T) {
	cuts := []decimal.Decimal{d("-0.5"), d("0"), d("1.25"), d("10")}
	for _, e := range randomBook(3, 300) {
		p, err := NewPortfolio(PortfolioConfig{Cuts: cuts})
		require.NoError(t, err)
		require.NoError(t, p.Add(e))
		s := p.Result()
		// The benefit as hours saved at 1 an hour.
		c := Case{Account: e.Account, AnnualCost: e.AnnualCost, Scenarios: []Scenario{{Name: "s",
			Metric: Metric{Name: "m", Value: e.Benefit}, Logic: HoursLogic{HourlyCost: pt("1")}}}}
		dv, err := c.Derive()
		require.NoError(t, err)
		roi := dv.ROI.Base
		band := 0
		for band < len(cuts) && roi.Cmp(cuts[band]) >= 0 {
			band++
		}
		require.Equal(t, 1, s.Bands[band].Base, "%s: ROI %s", e.Account, roi)
		require.True(t, roi.Equal(s.Lowest.ROI))
	}
}

func TestPortfolioAddAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	p, err := NewPortfolio(PortfolioConfig{})
	require.NoError(t, err)
	rows := fourAccounts()
	i := 0
	allocs := testing.AllocsPerRun(100, func() {
		_ = p.Add(rows[i%len(rows)])
		i++
	})
	require.Zero(t, allocs)
}

// estimates yields n estimates cycling through a pool, without a slice of
// n rows.
func estimates(pool []Estimate, n int) iter.Seq[Estimate] {
	return func(yield func(Estimate) bool) {
		for i := range n {
			if !yield(pool[i%len(pool)]) {
				return
			}
		}
	}
}

func TestSummaryExplain(t *testing.T) {
	s, err := Summarize(PortfolioConfig{}, slices.Values(fourAccounts()))
	require.NoError(t, err)
	// The figures of TestSummarize: payback 5.0 / 1.6 / 0.7 written without
	// the trailing zero; bands cut at 0%, 100%, 300%.
	want := `ROI of 4 accounts (low / base / high)
Benefit: JPY 29,000,200.5 / 92,000,350.5 / 240,000,500.5
Annual cost: JPY 12,000,200.25
ROI = (benefit − annual cost) / annual cost: 141.66% / 666.65% / 1,899.97%
Payback = annual cost / (benefit / 12): 5 / 1.6 / 0.7 months
Accounts by ROI:
  below 0%: 1 / 1 / 0
  0% to 100%: 0 / 0 / 1
  100% to 300%: 3 / 2 / 1
  300% and more: 0 / 1 / 2
Benefit zero, never paying back: 1 / 0 / 0
Lowest ROI (base): b -50%
Highest ROI (base): a 666.66%
`
	require.Equal(t, want, s.Explain("JPY"))
	empty, err := Summarize(PortfolioConfig{}, slices.Values([]Estimate(nil)))
	require.NoError(t, err)
	require.Equal(t, "ROI of 0 accounts: no data\n", empty.Explain(""))
	one, err := Summarize(PortfolioConfig{Cuts: []decimal.Decimal{d("0.5")}}, slices.Values(fourAccounts()[3:]))
	require.NoError(t, err)
	// d: 0.5 against 0.25: ROI 1, payback 12 × 0.25 / 0.5 = 6.
	require.Equal(t, `ROI of 1 account (low / base / high)
Benefit: 0.5
Annual cost: 0.25
ROI = (benefit − annual cost) / annual cost: 100%
Payback = annual cost / (benefit / 12): 6 months
Accounts by ROI:
  below 50%: 0 / 0 / 0
  50% and more: 1 / 1 / 1
Lowest ROI (base): d 100%
Highest ROI (base): d 100%
`, one.Explain(""))
}

func TestZeroPortfolio(t *testing.T) {
	var p Portfolio
	empty, err := NewPortfolio(PortfolioConfig{})
	require.NoError(t, err)
	require.Equal(t, empty.Result(), p.Result(), "the zero portfolio is empty, with the defaults")
	require.NoError(t, p.Add(fourAccounts()[2]))
	require.Equal(t, 1, p.Result().Accounts)
	var q Portfolio
	require.NoError(t, p.Merge(&q), "a zero portfolio merges as an empty one")
	require.NoError(t, q.Merge(&p))
	require.Equal(t, p.Result(), q.Result())
	other, err := NewPortfolio(PortfolioConfig{Cuts: []decimal.Decimal{d("2")}})
	require.NoError(t, err)
	var z Portfolio
	require.ErrorIs(t, other.Merge(&z), ErrConfigMismatch)
}
