package expansion

import (
	"iter"
	"slices"
	"testing"

	"github.com/cskit/cskit/internal/booktest"
	"github.com/cskit/cskit/internal/money"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The book of the movement tests, each account a case:
//
//	a  chat 10×500 = 5000 → 12×500 = 6000                 expansion 1000
//	b  chat 5000 + attend 5×300 = 1500 → chat 5000        attend dropped: 1500
//	c  4×1000 = 4000 → gone                               churn 4000, a lost logo
//	d  absent → 3×1000 = 3000                             new 3000
//	e  absent → 2×500 = 1000, paid before                 reactivation 1000
//	f  10×500 = 5000 → 10×600 = 6000, uniform rise 1000   price rise 1000, unchanged
//	g  chat 10×500 + attend 10×100 = 6000
//	   → chat 8×500 + attend 20×100 = 6000                net 0; per product +1000 −1000
func movementBook() (start, end []Account) {
	start = []Account{
		acct("a", line("chat", 10, "500")),
		acct("b", line("chat", 10, "500"), line("attend", 5, "300")),
		acct("c", line("chat", 4, "1000")),
		acct("f", line("chat", 10, "500")),
		acct("g", line("chat", 10, "500"), line("attend", 10, "100")),
	}
	end = []Account{
		acct("a", line("chat", 12, "500")),
		acct("b", line("chat", 10, "500")),
		acct("d", line("chat", 3, "1000")),
		{ID: "e", PaidBefore: true, Lines: []Line{line("chat", 2, "500")}},
		acct("f", Line{Product: "chat", Seats: 10, UnitPrice: dec("600"), UniformRise: dec("1000")}),
		acct("g", line("attend", 20, "100"), line("chat", 8, "500")),
	}
	return start, end
}

func TestMovementsDefault(t *testing.T) {
	start, end := movementBook()
	got, err := Policy{}.Movements(day1, day2, slices.Values(start), slices.Values(end))
	require.NoError(t, err)
	assert.Equal(t, "26500", money.Format(got.Start))       // 5000 + 6500 + 4000 + 5000 + 6000
	assert.Equal(t, "27000", money.Format(got.End))         // 6000 + 5000 + 3000 + 1000 + 6000 + 6000
	assert.Equal(t, "3000", money.Format(got.New))          // d
	assert.Equal(t, "1000", money.Format(got.Reactivation)) // e
	assert.Equal(t, "1000", money.Format(got.Expansion))    // a; g nets to zero
	assert.Equal(t, "1000", money.Format(got.PriceRise))    // f, kept apart from expansion
	assert.Equal(t, "1500", money.Format(got.Contraction))  // b's dropped product
	assert.Equal(t, "4000", money.Format(got.Churn))        // c
	assert.Equal(t, "0", money.Format(got.ProductChurn))
	// 26500 + 3000 + 1000 + 1000 + 1000 − 1500 − 4000 = 27000
	assert.EqualValues(t, 5, got.StartAccounts) // a b c f g
	assert.EqualValues(t, 6, got.EndAccounts)   // a b d e f g
	assert.EqualValues(t, 1, got.NewAccounts)
	assert.EqualValues(t, 1, got.ReactivatedAccounts)
	assert.EqualValues(t, 1, got.ExpandedAccounts)
	assert.EqualValues(t, 1, got.RepricedAccounts)
	assert.EqualValues(t, 1, got.ContractedAccounts)
	assert.EqualValues(t, 1, got.ChurnedAccounts)
	assert.Equal(t, "86.8%", got.NRR.String())                 // (26500 + 1000 + 1000 − 1500 − 4000) / 26500 = 23000 / 26500 = 86.79%
	assert.Equal(t, "83.0%", got.NRRWithoutPriceRise.String()) // 22000 / 26500 = 83.02%
	assert.Equal(t, "79.2%", got.GRR.String())                 // (26500 − 1500 − 4000) / 26500 = 21000 / 26500 = 79.25%
	assert.Equal(t, "1/5 (20.0%)", got.LogoChurn.String())
	pct, ok := got.NRR.Percent(4)
	require.True(t, ok)
	assert.Equal(t, "86.7925", pct.StringFixed(4)) // 2300000 / 26500 = 86.79245...
	assertIdentity(t, got)
}

func TestMovementsConventions(t *testing.T) {
	start, end := movementBook()
	p := Policy{ProductLoss: ProductLossChurn, Netting: NetPerProduct}
	got, err := p.Movements(day1, day2, slices.Values(start), slices.Values(end))
	require.NoError(t, err)
	assert.Equal(t, "2000", money.Format(got.Expansion))    // a 1000 + g's attend 1000
	assert.Equal(t, "1000", money.Format(got.Contraction))  // g's chat 2 × 500
	assert.Equal(t, "5500", money.Format(got.Churn))        // c 4000 + b's attend 1500
	assert.Equal(t, "1500", money.Format(got.ProductChurn)) // b's attend
	assert.EqualValues(t, 1, got.ChurnedAccounts, "logo churn counts c only")
	assert.EqualValues(t, 2, got.ExpandedAccounts)   // a g
	assert.EqualValues(t, 1, got.ContractedAccounts) // g
	assert.Equal(t, "86.8%", got.NRR.String())       // (26500 + 2000 + 1000 − 1000 − 5500) / 26500 = 23000 / 26500: NRR does not depend on the conventions
	assert.Equal(t, "75.5%", got.GRR.String())       // (26500 − 1000 − 5500) / 26500 = 20000 / 26500 = 75.47%
	assert.Equal(t, ProductLossChurn, got.ProductLoss)
	assert.Equal(t, NetPerProduct, got.Netting)
	assertIdentity(t, got)
}

// assertIdentity checks End = Start + New + Reactivation + Expansion +
// PriceRise − Contraction − Churn and GRR ≤ 100% ≤ ... on totals.
func assertIdentity(t *testing.T, got Totals) {
	t.Helper()
	sum := got.Start.Add(got.New).Add(got.Reactivation).Add(got.Expansion).Add(got.PriceRise).Sub(got.Contraction).Sub(got.Churn)
	assert.True(t, sum.Equal(got.End), "identity: %s ≠ %s", money.Format(sum), money.Format(got.End))
	if !got.Start.IsZero() {
		assert.LessOrEqual(t, got.GRR.Num.Cmp(got.GRR.Den), 0, "GRR above 100%%")
		assert.GreaterOrEqual(t, got.GRR.Num.Sign(), 0)
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name   string
		p      Policy
		pair   Pair
		move   Move
		fields map[string]string // non-zero amounts
	}{
		{"new", Policy{}, Pair{End: acct("x", line("chat", 3, "100"))}, MoveNew,
			map[string]string{"end": "300", "new": "300"}},
		{"reactivation from the flag", Policy{}, Pair{End: Account{ID: "x", PaidBefore: true, Lines: []Line{line("chat", 3, "100")}}}, MoveReactivation,
			map[string]string{"end": "300", "reactivation": "300"}},
		{"a churned start row without the flag is new", Policy{},
			// only PaidBefore decides: a closed trial is churned too
			Pair{Start: Account{ID: "x", Churned: true, Lines: []Line{line("chat", 3, "100")}}, End: acct("x", line("chat", 3, "100"))}, MoveNew,
			map[string]string{"end": "300", "new": "300"}},
		{"a churned start row with the flag is reactivation", Policy{},
			Pair{Start: Account{ID: "x", Churned: true, Lines: []Line{line("chat", 3, "100")}}, End: Account{ID: "x", PaidBefore: true, Lines: []Line{line("chat", 3, "100")}}}, MoveReactivation,
			map[string]string{"end": "300", "reactivation": "300"}},
		{"the flag on the start row is not read", Policy{},
			Pair{Start: Account{ID: "x", PaidBefore: true}, End: acct("x", line("chat", 3, "100"))}, MoveNew,
			map[string]string{"end": "300", "new": "300"}},
		{"churn by flag", Policy{}, Pair{Start: acct("x", line("chat", 3, "100")), End: Account{ID: "x", Churned: true, Lines: []Line{line("chat", 3, "100")}}}, MoveChurn,
			map[string]string{"start": "300", "churn": "300"}},
		{"none", Policy{}, Pair{Start: acct("x"), End: acct("x", line("chat", 0, "100"))}, MoveNone, map[string]string{}},
		{"price rise and fewer seats", Policy{},
			// 10 × 500 = 5000 → 8 × 600 = 4800 with a rise of 8 × 100 = 800: CS lost 5000 − 4000 = 1000
			Pair{Start: acct("x", line("chat", 10, "500")), End: acct("x", Line{Product: "chat", Seats: 8, UnitPrice: dec("600"), UniformRise: dec("800")})},
			MoveContraction, map[string]string{"start": "5000", "end": "4800", "price_rise": "800", "contraction": "1000"}},
		{"rise on a new product is not read", Policy{},
			// attend is new: its 500 is expansion, whatever its rise says
			Pair{Start: acct("x", line("chat", 1, "1000")), End: acct("x", line("chat", 1, "1000"), Line{Product: "attend", Seats: 1, UnitPrice: dec("500"), UniformRise: dec("100")})},
			MoveExpansion, map[string]string{"start": "1000", "end": "1500", "expansion": "500"}},
		{"product listed with no revenue counts as dropped", Policy{ProductLoss: ProductLossChurn},
			// attend 2 × 250 = 500 → churned line: product churn 500; chat 1000 → 1200: expansion 200
			Pair{Start: acct("x", line("chat", 1, "1000"), line("attend", 2, "250")),
				End: acct("x", line("chat", 1, "1200"), Line{Product: "attend", Seats: 2, UnitPrice: dec("250"), Churned: true})},
			MoveContraction, map[string]string{"start": "1500", "end": "1200", "expansion": "200", "churn": "500", "product_churn": "500"}},
		{"same, netted per product", Policy{ProductLoss: ProductLossChurn, Netting: NetPerProduct},
			Pair{Start: acct("x", line("chat", 1, "1000"), line("attend", 2, "250")),
				End: acct("x", line("chat", 1, "1200"), Line{Product: "attend", Seats: 2, UnitPrice: dec("250"), Churned: true})},
			MoveContraction, map[string]string{"start": "1500", "end": "1200", "expansion": "200", "churn": "500", "product_churn": "500"}},
		{"dropped product as contraction, per product", Policy{Netting: NetPerProduct},
			// chat +200, attend −500 (gone from the end snapshot)
			Pair{Start: acct("x", line("chat", 1, "1000"), line("attend", 2, "250")), End: acct("x", line("chat", 1, "1200"))},
			MoveContraction, map[string]string{"start": "1500", "end": "1200", "expansion": "200", "contraction": "500"}},
		{"unchanged", Policy{}, Pair{Start: acct("x", line("chat", 2, "10")), End: acct("x", line("chat", 1, "20"))}, MoveUnchanged,
			map[string]string{"start": "20", "end": "20"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := tt.p.Classify(tt.pair)
			require.NoError(t, err)
			assert.Equal(t, tt.move, m.Move)
			got := map[string]string{}
			for k, v := range map[string]string{
				"start": money.Format(m.Start), "end": money.Format(m.End), "new": money.Format(m.New),
				"reactivation": money.Format(m.Reactivation), "expansion": money.Format(m.Expansion),
				"price_rise": money.Format(m.PriceRise), "contraction": money.Format(m.Contraction),
				"churn": money.Format(m.Churn), "product_churn": money.Format(m.ProductChurn),
			} {
				if v != "0" {
					got[k] = v
				}
			}
			assert.Equal(t, tt.fields, got)
			sum := m.Start.Add(m.New).Add(m.Reactivation).Add(m.Expansion).Add(m.PriceRise).Sub(m.Contraction).Sub(m.Churn)
			assert.True(t, sum.Equal(m.End), "identity")
		})
	}
}

func TestClassifyErrors(t *testing.T) {
	_, err := Policy{}.Classify(Pair{})
	assert.ErrorIs(t, err, ErrMissing)
	_, err = Policy{}.Classify(Pair{Start: acct("a"), End: acct("b")})
	assert.ErrorIs(t, err, ErrMismatch)
	assert.EqualError(t, err, `expansion: pair "a": end.id: mismatched books: account "b" paired with "a"`)
	_, err = Policy{}.Classify(Pair{End: acct("a", line("chat", -2, "1"))})
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "end.lines[0].seats", fe.Field)
	_, err = Policy{}.Classify(Pair{Start: Account{Lines: []Line{line("chat", 1, "1")}}})
	assert.ErrorIs(t, err, ErrMissing, "a side with lines and no ID is refused, not taken as absent")
	_, err = Policy{Netting: 9}.Classify(Pair{End: acct("a")})
	assert.ErrorIs(t, err, ErrInvalidPolicy)
	assert.ErrorIs(t, err, ErrUnknown)
}

func TestJoin(t *testing.T) {
	start, end := movementBook()
	var ids []string
	for p, err := range Join(slices.Values(start), slices.Values(end)) {
		require.NoError(t, err)
		ids = append(ids, p.ID()+":"+side(p))
	}
	assert.Equal(t, []string{"a:both", "b:both", "c:start", "d:end", "e:end", "f:both", "g:both"}, ids)

	// A consumer that stops early stops the pulls without error.
	n := 0
	for range Join(slices.Values(start), slices.Values(end)) {
		n++
		if n == 2 {
			break
		}
	}
	assert.Equal(t, 2, n)
}

func side(p Pair) string {
	switch {
	case p.Start.ID != "" && p.End.ID != "":
		return "both"
	case p.Start.ID != "":
		return "start"
	}
	return "end"
}

func TestJoinErrors(t *testing.T) {
	a, b, c := acct("a"), acct("b"), acct("c")
	tests := []struct {
		name       string
		start, end []Account
		err        error
		side       Side
		index      int
		msg        string
	}{
		{"unsorted end", []Account{a, b}, []Account{a, c, b}, ErrUnsorted, SideEnd, 2,
			`expansion: end snapshot: row 2: account "b": id: snapshot not sorted by account: after "c"`},
		{"duplicate start", []Account{a, b, b}, []Account{c}, ErrDuplicate, SideStart, 2,
			`expansion: start snapshot: row 2: account "b": id: listed twice: account in rows 1 and 2`},
		{"invalid row", []Account{a}, []Account{acct("b", line("chat", -1, "1"))}, ErrNegative, SideEnd, 0,
			`expansion: end snapshot: row 0: account "b": lines[0].seats: negative value: -1`},
		{"first row invalid", []Account{{ID: ""}}, nil, ErrMissing, SideStart, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var last error
			for _, err := range Join(slices.Values(tt.start), slices.Values(tt.end)) {
				last = err
			}
			require.ErrorIs(t, last, tt.err)
			var se *SnapshotError
			require.ErrorAs(t, last, &se)
			assert.Equal(t, tt.side, se.Side)
			assert.Equal(t, tt.index, se.Index)
			if tt.msg != "" {
				assert.EqualError(t, last, tt.msg)
			}
			_, err := Policy{}.Movements(day1, day2, slices.Values(tt.start), slices.Values(tt.end))
			assert.ErrorIs(t, err, tt.err)
		})
	}
	_, err := Policy{}.Movements(day1, day2, nil, slices.Values([]Account{a}))
	assert.ErrorIs(t, err, ErrNilBook)
	assert.EqualError(t, err, "expansion: start snapshot: nil book iterator")
	_, err = Policy{}.Movements(day1, day2, slices.Values([]Account{a}), nil)
	assert.ErrorIs(t, err, ErrNilBook)
	_, err = Policy{}.Movements(day2, day1, slices.Values([]Account{a}), slices.Values([]Account{a}))
	assert.ErrorIs(t, err, ErrInconsistent)
	_, err = Policy{}.Movements(day1, day1.AddDays(0), nil, nil)
	assert.ErrorIs(t, err, ErrInconsistent, "the period is checked before the iterators")
}

// pairs returns the pairs of the movement book, for the accumulators.
func pairs(t *testing.T, start, end []Account) []Pair {
	var ps []Pair
	for p, err := range Join(slices.Values(start), slices.Values(end)) {
		require.NoError(t, err)
		ps = append(ps, p)
	}
	return ps
}

func TestMovementBookMerge(t *testing.T) {
	start, end := movementBook()
	ps := pairs(t, start, end)
	for _, p := range []Policy{{}, {ProductLoss: ProductLossChurn, Netting: NetPerProduct}} {
		booktest.CheckMerge(t, 1, 30, ps, func() *MovementBook {
			b, err := NewMovementBook(p, day1, day2)
			require.NoError(t, err)
			return b
		})
	}
	x, _ := NewMovementBook(Policy{}, day1, day2)
	y, _ := NewMovementBook(Policy{Netting: NetPerProduct}, day1, day2)
	z, _ := NewMovementBook(Policy{}, day1, day2.AddDays(1))
	assert.ErrorIs(t, x.Merge(y), ErrMismatch)
	assert.ErrorIs(t, x.Merge(z), ErrMismatch)
	var nilBook *MovementBook
	assert.ErrorIs(t, nilBook.Add(ps[0]), ErrMissing)
	assert.ErrorIs(t, x.Merge(nilBook), ErrMissing)
	assert.Equal(t, Totals{}, nilBook.Result())
	// A refused pair leaves the book unchanged.
	before := mustJSON(t, x.Result())
	assert.Error(t, x.Add(Pair{Start: acct("q", line("chat", -1, "1"))}))
	assert.Equal(t, before, mustJSON(t, x.Result()))
}

// Two empty snapshots give zero totals whose rates are "no data".
func TestMovementsEmpty(t *testing.T) {
	var none iter.Seq[Account] = func(func(Account) bool) {}
	got, err := Policy{}.Movements(day1, day2, none, none)
	require.NoError(t, err)
	assert.Equal(t, "no data", got.NRR.String())
	assert.Equal(t, "no data", got.GRR.String())
	assert.Equal(t, "no data", got.LogoChurn.String())
	_, ok := got.NRR.Percent(2)
	assert.False(t, ok)
}

// TestClassifyAllocs pins what classifying a one-product account costs:
// its two revenues (seats × price, two allocations each) and, only when
// the account moved or had a price rise, one difference. An unchanged
// account subtracts nothing, and a fall is not computed as a negative then
// negated.
func TestClassifyAllocs(t *testing.T) {
	s, err := Policy{}.settings()
	require.NoError(t, err)
	for _, c := range []struct {
		name   string
		end    Line
		allocs float64
	}{
		{"unchanged", line("chat", 10, "500"), 4},
		{"contraction", line("chat", 8, "500"), 6},
		{"expansion", line("chat", 12, "500"), 6},
		// the rise is set apart: E − R is one subtraction
		{"price rise only", Line{Product: "chat", Seats: 10, UnitPrice: dec("600"), UniformRise: dec("1000")}, 6},
	} {
		p := Pair{Start: acct("a", line("chat", 10, "500")), End: acct("a", c.end)}
		got := testing.AllocsPerRun(100, func() { classify(s, p) })
		assert.Equal(t, c.allocs, got, c.name)
	}
}
