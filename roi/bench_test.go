package roi

import (
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
)

// BenchmarkDerive is one full derivation of the seed case: validation, two
// scenarios' steps with exact results, totals, ROI and payback.
func BenchmarkDerive(b *testing.B) {
	c := seedCase()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Derive(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDeriveHandLoop is the same arithmetic written out by hand with
// decimals: no validation, no steps kept, no checks.
func BenchmarkDeriveHandLoop(b *testing.B) {
	c := seedCase()
	rev := c.Scenarios[0].Logic.(RevenueLogic)
	reuse := c.Scenarios[1].Logic.(ReuseLogic)
	leads, contacts := c.Scenarios[0].Metric.Value, c.Scenarios[1].Metric.Value
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range [3]func(Range) decimal.Decimal{
			func(r Range) decimal.Decimal { return r.Low },
			func(r Range) decimal.Decimal { return r.Base },
			func(r Range) decimal.Decimal { return r.High },
		} {
			revenue := p(leads).Mul(p(rev.MeetingRate)).Mul(p(rev.OpportunityRate)).Mul(p(rev.WinRate)).Mul(p(rev.DealSize))
			saved := p(contacts).Mul(p(reuse.ShareReused)).Mul(p(reuse.CostToMake))
			benefit := revenue.Add(saved)
			roi, r := benefit.Sub(c.AnnualCost).QuoRem(c.AnnualCost, ROIPlaces)
			if r.Sign() < 0 {
				roi = roi.Sub(decimal.New(1, -ROIPlaces)) // down
			}
			payback, r := c.AnnualCost.Mul(twelve).QuoRem(benefit, PaybackPlaces)
			if r.Sign() > 0 {
				payback = payback.Add(decimal.New(1, -PaybackPlaces)) // up
			}
			_, _ = roi, payback
		}
	}
}

// pool is a thousand estimates the million-row benchmarks cycle through:
// yen amounts, a few with cents, some with a zero low benefit.
func pool() []Estimate {
	out := make([]Estimate, 1000)
	for i := range out {
		cost := decimal.New(int64(1_200_000+i*1_000), 0)
		low := decimal.New(int64(i%7)*200_000, 0)
		base := decimal.New(int64(2_000_000+i*3_000), 0)
		high := decimal.New(int64(5_000_000+i*5_000), 0)
		if i%10 == 0 {
			base = decimal.New(int64(200_000_050+i), -2)
		}
		out[i] = Estimate{Account: "acct-" + strconv.Itoa(i), Benefit: Range{low, base, high}, AnnualCost: cost}
	}
	return out
}

const million = 1_000_000

// BenchmarkSummarize1M summarises a book of a million estimates streamed
// from an iter.Seq: totals, ROI bands at three points, extremes.
func BenchmarkSummarize1M(b *testing.B) {
	rows := pool()
	b.ReportAllocs()
	for b.Loop() {
		s, err := Summarize(PortfolioConfig{}, estimates(rows, million))
		if err != nil || s.Accounts != million {
			b.Fatal(err, s.Accounts)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/million, "ns/account")
}

// BenchmarkSummarize1MHandLoop is the same work written the plain way:
// totals with decimal.Add, each account's ROI with QuoRem rounded down,
// bands by Cmp.
func BenchmarkSummarize1MHandLoop(b *testing.B) {
	rows := pool()
	cuts := DefaultPortfolioConfig().Cuts
	b.ReportAllocs()
	for b.Loop() {
		var cost decimal.Decimal
		var benefit [3]decimal.Decimal
		var bands [4][3]int
		n := 0
		for e := range estimates(rows, million) {
			n++
			cost = cost.Add(e.AnnualCost)
			for i, p := range [3]decimal.Decimal{e.Benefit.Low, e.Benefit.Base, e.Benefit.High} {
				benefit[i] = benefit[i].Add(p)
				roi, r := p.Sub(e.AnnualCost).QuoRem(e.AnnualCost, ROIPlaces)
				if r.Sign() < 0 {
					roi = roi.Sub(decimal.New(1, -ROIPlaces))
				}
				band := 0
				for band < len(cuts) && roi.Cmp(cuts[band]) >= 0 {
					band++
				}
				bands[band][i]++
			}
		}
		if n != million {
			b.Fatal(n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/million, "ns/account")
}
