package expansion

import (
	"iter"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// million is the size of the streamed books of the benchmarks: run them
// with -benchtime=1x.
const million = 1_000_000

var benchPrices = [...]decimal.Decimal{
	decimal.New(500, 0), decimal.New(1000, 0), decimal.New(30050, -2), decimal.New(1200, 0),
}

// accountID returns "a" and i zero-padded to 8 digits, so that IDs sort
// as their numbers. It allocates only the string.
func accountID(i int) string {
	var b [9]byte
	b[0] = 'a'
	for k := len(b) - 1; k > 0; k-- {
		b[k] = byte('0' + i%10)
		i /= 10
	}
	return string(b[:])
}

// benchFootprint is footprint i of a generated book: a spread of seats,
// usage and ladders.
func benchFootprint(i int) Footprint {
	seats := int64(10 + i%90)
	return Footprint{
		Account: accountID(i), Product: "chat",
		Seats: seats, Active: seats * int64(i%11) / 10, Free: int64(i % 7),
		UnitPrice: benchPrices[i%len(benchPrices)], Scope: RungDepartment,
		Department: seats + 10 + int64(i%13), Company: seats * 8, Group: seats * int64(8+i%30),
	}
}

func footprintBook(n int) iter.Seq[Footprint] {
	return func(yield func(Footprint) bool) {
		for i := range n {
			if !yield(benchFootprint(i)) {
				return
			}
		}
	}
}

// BenchmarkHeadroom streams a million footprints through Policy.Headroom:
// validation, bands, the room and revenue of every rung, the leads and the
// top ten.
//
// Allocations per footprint: 1 is the generator's ID; the other 6 are the
// three rungs' room × unit price (decimal.Mul builds a big.Int and its
// digits). Bands, sums and the top list allocate nothing.
func BenchmarkHeadroom(b *testing.B) {
	b.ReportAllocs()
	var h Headroom
	for b.Loop() {
		var err error
		h, err = Policy{}.Headroom(footprintBook(million))
		require.NoError(b, err)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/million, "ns/account")
	require.EqualValues(b, million, h.Footprints)
}

// BenchmarkHeadroomHandLoop is the same work written by hand over the same
// stream: bands by float division, room and revenue per rung with
// decimal.Add, leads counted; no validation, no top list.
func BenchmarkHeadroomHandLoop(b *testing.B) {
	b.ReportAllocs()
	var leads int64
	for b.Loop() {
		leads = 0
		var bands [4]int64
		var revenue [numRungs]decimal.Decimal
		var seats [numRungs]int64
		for f := range footprintBook(million) {
			u := float64(f.Active) / float64(f.Seats)
			switch {
			case u < 0.4:
				bands[1]++
			case u > 0.8:
				bands[3]++
			default:
				bands[2]++
			}
			lead := u > 0.8
			for r, p := range [...]int64{RungDepartment: f.Department, RungCompany: f.Company, RungGroup: f.Group} {
				if r == 0 || p == 0 {
					continue
				}
				room := p - f.Seats
				seats[r] += room
				revenue[r] = revenue[r].Add(f.UnitPrice.Mul(decimal.NewFromInt(room)))
				lead = lead || room >= 10
			}
			if lead {
				leads++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/million, "ns/account")
	require.Positive(b, leads)
}

// benchAccount is account i of a generated snapshot; end is the end
// snapshot, where every tenth account is gone, every seventh has grown,
// every fifth has lost seats and every third had a uniform price rise.
func benchAccount(i int, end bool) Account {
	seats := int64(10 + i%90)
	price := benchPrices[i%len(benchPrices)]
	l := Line{Product: "chat", Seats: seats, UnitPrice: price}
	if end {
		switch {
		case i%7 == 0:
			l.Seats += 5
		case i%5 == 0:
			l.Seats -= 3
		}
		if i%3 == 0 {
			l.UnitPrice = price.Add(benchPrices[0])
			l.UniformRise = benchPrices[0].Mul(decimal.NewFromInt(l.Seats))
		}
	}
	return Account{ID: accountID(i), Lines: []Line{l}}
}

// snapshot streams a snapshot of n accounts: the start has accounts 0..n-1
// but every 11th; the end has them all but every 10th (so some are new).
func snapshot(n int, end bool) iter.Seq[Account] {
	return func(yield func(Account) bool) {
		for i := range n {
			if (end && i%10 == 0) || (!end && i%11 == 0) {
				continue
			}
			if !yield(benchAccount(i, end)) {
				return
			}
		}
	}
}

// BenchmarkMovements joins two snapshots of a million accounts in one
// pass (iter.Pull over both) and totals their movements.
//
// Allocations per account: about 4.8 are the generator's (IDs, line
// slices, the end's raised prices). Of the library's 5.2, about 3.6 are
// line revenues (seats × price: decimal.Mul builds a big.Int and its
// digits), 1 the differences of accounts that moved or had a price rise,
// and 0.6 the revenue validation computes to check a line's price rise.
// Joining and summing allocate nothing.
func BenchmarkMovements(b *testing.B) {
	b.ReportAllocs()
	var t Totals
	for b.Loop() {
		var err error
		t, err = Policy{}.Movements(day1, day2, snapshot(million, false), snapshot(million, true))
		require.NoError(b, err)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/million, "ns/account")
	require.Positive(b, t.NewAccounts)
}

// BenchmarkMovementsHandLoop is the same classification written by hand:
// one loop that builds both snapshots' account i side by side (so no join
// is needed), computes revenue with decimal arithmetic and adds each
// movement with decimal.Add; no validation.
func BenchmarkMovementsHandLoop(b *testing.B) {
	b.ReportAllocs()
	var newRev decimal.Decimal
	for b.Loop() {
		var start, end, exp, rise, contr, churn decimal.Decimal
		newRev = decimal.Decimal{}
		for i := range million {
			var s, e, r decimal.Decimal
			if i%11 != 0 {
				a := benchAccount(i, false)
				s = a.Lines[0].UnitPrice.Mul(decimal.NewFromInt(a.Lines[0].Seats))
			}
			if i%10 != 0 {
				a := benchAccount(i, true)
				e = a.Lines[0].UnitPrice.Mul(decimal.NewFromInt(a.Lines[0].Seats))
				r = a.Lines[0].UniformRise
			}
			start, end = start.Add(s), end.Add(e)
			switch {
			case s.IsZero() && !e.IsZero():
				newRev = newRev.Add(e)
			case !s.IsZero() && e.IsZero():
				churn = churn.Add(s)
			case !s.IsZero():
				rise = rise.Add(r)
				if d := e.Sub(r).Sub(s); d.Sign() > 0 {
					exp = exp.Add(d)
				} else {
					contr = contr.Sub(d)
				}
			}
		}
		_ = start.Add(end).Add(exp).Add(rise).Add(contr).Add(churn)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/million, "ns/account")
	require.Positive(b, newRev.Sign())
}

func TestAccountID(t *testing.T) {
	assert.Equal(t, "a00000000", accountID(0))
	assert.Equal(t, "a00000042", accountID(42))
	assert.Equal(t, "a00999999", accountID(999_999))
	assert.Negative(t, strings.Compare(accountID(99), accountID(100)), "IDs sort as their numbers")
	ids := make([]string, 1)
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() { ids[0] = accountID(123456) }), "the string only")
}

// TestBenchBooks checks that the hand loops and ours agree on a small
// generated book, so the benchmarks compare the same work.
func TestBenchBooks(t *testing.T) {
	const n = 2000
	h, err := Policy{}.Headroom(footprintBook(n))
	require.NoError(t, err)
	tot, err := Policy{}.Movements(day1, day2, snapshot(n, false), snapshot(n, true))
	require.NoError(t, err)
	var newRev decimal.Decimal
	var leads int64
	for i := range n {
		if i%11 == 0 && i%10 != 0 {
			a := benchAccount(i, true)
			newRev = newRev.Add(a.Lines[0].UnitPrice.Mul(decimal.NewFromInt(a.Lines[0].Seats)))
		}
		a, err := Policy{}.Assess(benchFootprint(i))
		require.NoError(t, err)
		if a.Lead {
			leads++
		}
	}
	require.True(t, newRev.Equal(tot.New))
	require.Equal(t, leads, h.Opportunities.Num)
	require.Positive(t, tot.Expansion.Sign())
	require.Positive(t, tot.Contraction.Sign())
	require.Positive(t, tot.PriceRise.Sign())
}
