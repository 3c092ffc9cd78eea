package expansion

import (
	"encoding/json"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cskit/cskit/internal/jsontest"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// FuzzDecode feeds JSON to the decoder of the type its first byte picks:
// what decodes is valid and round-trips; what does not is refused with the
// type's sentinel.
func FuzzDecode(f *testing.F) {
	seeds := []struct {
		kind byte
		text string
	}{
		{0, `{"id":"a","lines":[{"product":"chat","seats":3,"unit_price":"1.50","extra":"0","uniform_rise":"1","churned":false}]}`},
		{0, `{"id":"a","lines":[{"product":"chat","seats":-3}]}`},
		{1, `{"under_used_below":"0.3","readiness":["requested"],"netting":"product"}`},
		{1, `{"top":5000}`},
		{2, `{"account":"a","product":"p","seats":4,"active":9,"free":1,"unit_price":"10","scope":"company","company":5,"group":6}`},
		{3, `{"id":"L","account":"a","csm":"c","segment":"smb","kind":"product","source":"contact","team":"t","created":"2026-06-01","verdict":"rejected","reason":"r"}`},
		{4, `{"id":"c","account":"a","kind":"option","amount":"5","without_cs":true}`},
		{5, `{"plans":[{"name":"b","unit_price":"1"},{"name":"e","unit_price":"2"}],"options":[]}`},
		{6, `{"start":{"id":"a","lines":[]},"end":{"id":"a","paid_before":true,"lines":[]}}`},
		{7, `{"account":"a","plan":"b","target":"e","options":["x"],"seats":2,"signals":["onboarded"]}`},
		{8, `{"product":"chat","seats":3,"unit_price":"500","uniform_rise":"1500"}`},
		{9, `{"csm":"c","segment":"enterprise","count":0,"amount":"100"}`},
		{10, `{"num":"1","den":"3"}`},
	}
	for _, s := range seeds {
		f.Add(append([]byte{s.kind}, s.text...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		b := data[1:]
		switch data[0] % 11 {
		case 0:
			if a, ok := jsontest.RoundTrip(t, b, ErrInvalidRecord, Account.Validate); ok {
				r, err := a.Revenue()
				require.NoError(t, err)
				require.GreaterOrEqual(t, r.Sign(), 0)
			}
		case 1:
			jsontest.RoundTrip(t, b, ErrInvalidPolicy, Policy.Validate)
		case 2:
			if fp, ok := jsontest.RoundTrip(t, b, ErrInvalidRecord, Footprint.Validate); ok {
				_, err := Policy{}.Assess(fp)
				require.NoError(t, err)
			}
		case 3:
			jsontest.RoundTrip(t, b, ErrInvalidRecord, Lead.Validate)
		case 4:
			jsontest.RoundTrip(t, b, ErrInvalidRecord, Change.Validate)
		case 5:
			jsontest.RoundTrip(t, b, ErrInvalidPolicy, Catalogue.Validate)
		case 6:
			if p, ok := jsontest.RoundTrip(t, b, ErrInvalidRecord, Pair.Validate); ok {
				_, err := Policy{}.Classify(p)
				require.NoError(t, err)
			}
		case 7:
			jsontest.RoundTrip(t, b, ErrInvalidRecord, Upsell.Validate)
		case 8:
			jsontest.RoundTrip(t, b, ErrInvalidRecord, Line.Validate)
		case 9:
			jsontest.RoundTrip(t, b, ErrInvalidRecord, Goal.Validate)
		case 10:
			jsontest.RoundTrip[Rate](t, b, ErrInvalidRecord, nil)
		}
	})
}

// snapshots builds two sorted snapshots from fuzz bytes, 5 bytes a line:
// account, side, product and seats, price, flags.
func snapshots(data []byte) (start, end []Account) {
	prices := []string{"0", "1.5", "100", "0.001", "123456789012345678901234567890", "500"}
	accounts := [2]map[string]*Account{{}, {}}
	for ; len(data) >= 5; data = data[5:] {
		id := string(rune('a' + data[0]%8))
		product := []string{"chat", "attend", "bill"}[data[2]%3]
		seats := int64(data[2] >> 2)
		price := decimal.RequireFromString(prices[int(data[3])%len(prices)])
		flags := data[4]
		for s := 0; s < 2; s++ {
			if data[1]%3 != uint8(s) && data[1]%3 != 2 {
				continue
			}
			a := accounts[s][id]
			if a == nil {
				a = &Account{ID: id}
				accounts[s][id] = a
			}
			if s == 1 {
				a.PaidBefore = a.PaidBefore || flags&1 != 0
			}
			a.Churned = a.Churned || flags&2 != 0 && flags&4 != 0 && s == int(data[1]>>7)
			if slices.ContainsFunc(a.Lines, func(l Line) bool { return l.Product == product }) {
				continue
			}
			l := Line{Product: product, Seats: seats, UnitPrice: price, Churned: flags&8 != 0}
			if flags&16 != 0 {
				l.Extra = decimal.New(int64(flags), -1)
			}
			if s == 1 && !l.Churned {
				l.UniformRise = price.Mul(decimal.NewFromInt(seats * int64(flags>>5) / 7))
			}
			a.Lines = append(a.Lines, l)
		}
	}
	out := [2][]Account{}
	for s := range accounts {
		for _, a := range accounts[s] {
			if a.Churned {
				for i := range a.Lines {
					a.Lines[i].UniformRise = decimal.Decimal{}
				}
			}
			out[s] = append(out[s], *a)
		}
		slices.SortFunc(out[s], func(x, y Account) int {
			if x.ID < y.ID {
				return -1
			}
			if x.ID > y.ID {
				return 1
			}
			return 0
		})
	}
	return out[0], out[1]
}

// FuzzMovements checks the laws of revenue movements on random books: the
// identity per account and in total, GRR never above 100%, NRR the same
// under every convention, and the pairs in any order and split merging to
// one pass.
func FuzzMovements(f *testing.F) {
	f.Add([]byte{0, 2, 40, 5, 0, 1, 0, 20, 2, 0, 1, 1, 33, 2, 255})
	f.Add([]byte{0, 0, 40, 5, 0, 0, 1, 40, 5, 32, 3, 2, 9, 1, 14, 4, 2, 200, 4, 160})
	f.Add([]byte{7, 2, 255, 4, 0, 7, 2, 254, 2, 8, 7, 130, 41, 1, 6, 2, 0, 5, 0, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 120 {
			return
		}
		start, end := snapshots(data)
		var nrr *big.Rat
		for _, p := range []Policy{{}, {ProductLoss: ProductLossChurn}, {Netting: NetPerProduct}, {ProductLoss: ProductLossChurn, Netting: NetPerProduct}} {
			tot, err := p.Movements(day1, day2, slices.Values(start), slices.Values(end))
			require.NoError(t, err)
			sum := tot.Start.Add(tot.New).Add(tot.Reactivation).Add(tot.Expansion).Add(tot.PriceRise).Sub(tot.Contraction).Sub(tot.Churn)
			require.True(t, sum.Equal(tot.End), "identity")
			if !tot.Start.IsZero() {
				require.LessOrEqual(t, tot.GRR.Num.Cmp(tot.Start), 0, "GRR above 100%%")
				require.GreaterOrEqual(t, tot.GRR.Num.Sign(), 0)
				r := new(big.Rat).SetFrac(tot.NRR.Num.Shift(200).BigInt(), tot.NRR.Den.Shift(200).BigInt())
				if nrr == nil {
					nrr = r
				} else {
					require.Equal(t, 0, nrr.Cmp(r), "NRR depends on the conventions")
				}
			} else {
				require.Equal(t, "no data", tot.NRR.String())
			}
			// Each account's movement obeys the identity, and the
			// movements add up to the totals.
			var exp, contr, churn decimal.Decimal
			for pair, err := range Join(slices.Values(start), slices.Values(end)) {
				require.NoError(t, err)
				m, err := p.Classify(pair)
				require.NoError(t, err)
				s := m.Start.Add(m.New).Add(m.Reactivation).Add(m.Expansion).Add(m.PriceRise).Sub(m.Contraction).Sub(m.Churn)
				require.True(t, s.Equal(m.End), "identity for %s", m.Account)
				for _, d := range []decimal.Decimal{m.New, m.Reactivation, m.Expansion, m.PriceRise, m.Contraction, m.Churn, m.ProductChurn} {
					require.GreaterOrEqual(t, d.Sign(), 0)
				}
				exp, contr, churn = exp.Add(m.Expansion), contr.Add(m.Contraction), churn.Add(m.Churn)
			}
			require.True(t, exp.Equal(tot.Expansion) && contr.Equal(tot.Contraction) && churn.Equal(tot.Churn))

			// The pairs added in any order, over two books merged, give
			// the join's totals: a host with unsorted snapshots pairs
			// them itself.
			var pairs []Pair
			for pair, err := range Join(slices.Values(start), slices.Values(end)) {
				require.NoError(t, err)
				pairs = append(pairs, pair)
			}
			rng := rand.New(rand.NewPCG(uint64(len(data)), 1))
			rng.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
			m, err := NewMovementBook(p, day1, day2)
			require.NoError(t, err)
			half, err := NewMovementBook(p, day1, day2)
			require.NoError(t, err)
			for i, pair := range pairs {
				if i%2 == 0 {
					require.NoError(t, m.Add(pair))
				} else {
					require.NoError(t, half.Add(pair))
				}
			}
			require.NoError(t, m.Merge(half))
			want, _ := json.Marshal(tot)
			got, _ := json.Marshal(m.Result())
			require.JSONEq(t, string(want), string(got))
		}
	})
}

// FuzzAssess checks a footprint's band against exact rational arithmetic
// and its room against the ladder.
func FuzzAssess(f *testing.F) {
	f.Add(int64(40), int64(38), int64(5), uint8(1), int64(50), int64(400), int64(2000), "0.4", "0.8")
	f.Add(int64(100), int64(40), int64(0), uint8(2), int64(0), int64(100), int64(0), "0.40", "0.8")
	f.Add(int64(3), int64(1), int64(0), uint8(3), int64(0), int64(0), int64(3), "0.3333333333333333333333", "0.34")
	f.Add(int64(0), int64(0), int64(0), uint8(1), int64(1), int64(0), int64(0), "0", "0")
	f.Add(int64(0), int64(0), int64(0), uint8(1), int64(0), int64(0), int64(0), "0", "0")
	f.Fuzz(func(t *testing.T, seats, active, free int64, scope uint8, dept, comp, grp int64, under, near string) {
		u, err1 := decimal.NewFromString(under)
		n, err2 := decimal.NewFromString(near)
		if err1 != nil || err2 != nil || len(under) > 40 || len(near) > 40 {
			return
		}
		p := Policy{UnderUsedBelow: u, NearLimitAbove: n}
		fp := Footprint{Account: "a", Product: "p", Seats: seats, Active: active, Free: free, UnitPrice: decimal.New(5, 0),
			Scope: Rung(scope), Department: dept, Company: comp, Group: grp}
		a, err := p.Assess(fp)
		if err != nil {
			require.True(t, p.Validate() != nil || fp.Validate() != nil, "an error for a valid policy and footprint: %v", err)
			return
		}
		s, _ := p.settings()
		if seats == 0 {
			require.Equal(t, BandNone, a.Band)
		} else {
			util := new(big.Rat).SetFrac64(active, seats)
			ur := new(big.Rat).SetFrac(s.underValue.Coefficient(), big.NewInt(1))
			ur.Mul(ur, pow10Rat(s.underValue.Exponent()))
			nr := new(big.Rat).SetFrac(s.nearValue.Coefficient(), big.NewInt(1))
			nr.Mul(nr, pow10Rat(s.nearValue.Exponent()))
			want := BandHealthy
			if util.Cmp(ur) < 0 {
				want = BandUnderUsed
			} else if util.Cmp(nr) > 0 {
				want = BandNearLimit
			}
			require.Equal(t, want, a.Band)
		}
		require.NotEmpty(t, a.Ladder)
		require.Equal(t, fp.Scope, a.Ladder[0].Rung)
		for i, r := range a.Ladder {
			require.GreaterOrEqual(t, r.Seats, free, "room holds the free users")
			require.True(t, r.Revenue.Equal(decimal.New(5*r.Seats, 0)))
			if i > 0 {
				require.GreaterOrEqual(t, r.Seats, a.Ladder[i-1].Seats, "rooms grow up the ladder")
			}
		}
		require.Equal(t, a.Lead, len(a.Reasons) > 0)
	})
}

func pow10Rat(e int32) *big.Rat {
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(e))), nil)
	if e < 0 {
		return new(big.Rat).SetFrac(big.NewInt(1), p)
	}
	return new(big.Rat).SetInt(p)
}

func abs(e int32) int32 {
	if e < 0 {
		return -e
	}
	return e
}
