package money

import (
	"encoding/binary"
	"math"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// fold is the reference: the amounts added with decimal's own Add, starting
// from a zero decimal.Decimal.
func fold(ops []op) decimal.Decimal {
	var acc decimal.Decimal
	for _, o := range ops {
		if o.neg {
			acc = acc.Sub(o.d)
		} else {
			acc = acc.Add(o.d)
		}
	}
	return acc
}

type op struct {
	d   decimal.Decimal
	neg bool
}

func sumOf(ops []op) Sum {
	var s Sum
	for _, o := range ops {
		if o.neg {
			s.Sub(o.d)
		} else {
			s.Add(o.d)
		}
	}
	return s
}

// sumOfAmounts is sumOf with every amount read once into an Amount.
func sumOfAmounts(ops []op) Sum {
	var s Sum
	for _, o := range ops {
		if a := Of(o.d); o.neg {
			s.SubAmount(a)
		} else {
			s.AddAmount(a)
		}
	}
	return s
}

// assertSame checks that got is want with the same exponent, so that
// Format writes both the same.
func assertSame(t *testing.T, want, got decimal.Decimal) {
	t.Helper()
	assert.True(t, want.Equal(got), "want %s, got %s", Format(want), Format(got))
	assert.Equal(t, want.Exponent(), got.Exponent(), "exponent of %s", Format(want))
	assert.Equal(t, Format(want), Format(got))
}

func TestSumZeroValue(t *testing.T) {
	var s Sum
	assert.True(t, s.IsZero())
	assert.Equal(t, "0", Format(s.Decimal()))
	assert.True(t, s.Decimal().Equal(decimal.Decimal{}))
}

func TestSum(t *testing.T) {
	tests := []struct {
		name string
		ops  []op
		want string
	}{
		{"yen", []op{{d: dec("1200000")}, {d: dec("2400000")}, {d: dec("600000")}}, "4200000"},
		{"keeps places", []op{{d: dec("1.50")}, {d: dec("2.25")}}, "3.75"},
		{"smallest exponent wins", []op{{d: dec("1.5")}, {d: dec("2.250")}}, "3.750"},
		{"positive exponent scaled to 0", []op{{d: decimal.New(1, 6)}, {d: decimal.New(2, 6)}}, "3000000"},
		{"sub", []op{{d: dec("10")}, {d: dec("2.5"), neg: true}}, "7.5"},
		{"to zero keeps scale", []op{{d: dec("1.25")}, {d: dec("1.25"), neg: true}}, "0.00"},
		{"negative", []op{{d: dec("-3")}, {d: dec("1")}}, "-2"},
		{"int64 overflow spills", []op{{d: decimal.New(999999999999999999, 0)}, {d: decimal.New(999999999999999999, 0)}, {d: decimal.New(999999999999999999, 0)}, {d: decimal.New(999999999999999999, 0)}, {d: decimal.New(999999999999999999, 0)}, {d: decimal.New(999999999999999999, 0)}, {d: decimal.New(999999999999999999, 0)}, {d: decimal.New(999999999999999999, 0)}, {d: decimal.New(999999999999999999, 0)}, {d: decimal.New(999999999999999999, 0)}}, "9999999999999999990"},
		{"huge coefficient", []op{{d: dec("123456789012345678901234567890")}, {d: dec("1")}}, "123456789012345678901234567891"},
		{"huge exponent", []op{{d: decimal.New(1, 20)}, {d: dec("0.01")}}, "100000000000000000000.01"},
		{"rescale overflow", []op{{d: decimal.New(math.MaxInt64/10, 0)}, {d: decimal.New(1, -18)}}, "922337203685477580.000000000000000001"},
		{"tiny exponent", []op{{d: dec("1")}, {d: decimal.New(1, -40)}}, "1.0000000000000000000000000000000000000001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sumOf(tt.ops)
			assert.Equal(t, tt.want, Format(s.Decimal()))
			assertSame(t, fold(tt.ops), s.Decimal())
			assert.Equal(t, tt.want == "0" || tt.want == "0.00", s.IsZero())
			assertSame(t, s.Decimal(), sumOfAmounts(tt.ops).Decimal())
		})
	}
}

func TestSumIsZeroAfterSpill(t *testing.T) {
	big := dec("123456789012345678901234567890")
	var s Sum
	s.Add(big)
	s.Add(dec("5"))
	assert.False(t, s.IsZero())
	s.Sub(big)
	s.Sub(dec("5"))
	assert.True(t, s.IsZero())
}

// The int64 part and the spill can cancel: ten times the largest 18-digit
// number spills once, and taking it away ten times leaves the two parts
// opposite.
func TestSumIsZeroWhenPartsCancel(t *testing.T) {
	n := decimal.New(999999999999999999, 0)
	var s Sum
	for range 10 {
		s.Add(n)
	}
	for range 10 {
		s.Sub(n)
	}
	assert.False(t, s.spill.IsZero(), "the test needs a spill")
	assert.True(t, s.IsZero())
	assert.Equal(t, "0", Format(s.Decimal()))
}

func TestSumCopyIsIndependent(t *testing.T) {
	var a Sum
	a.Add(dec("1"))
	a.Add(dec("123456789012345678901234567890"))
	b := a
	b.Add(dec("1"))
	b.Add(dec("1000000000000000000000000000000"))
	assert.Equal(t, "123456789012345678901234567891", Format(a.Decimal()))
	assert.Equal(t, "1123456789012345678901234567892", Format(b.Decimal()))
}

func TestSumAddSum(t *testing.T) {
	var a, b Sum
	a.Add(dec("1.5"))
	a.Add(dec("123456789012345678901234567890"))
	b.Add(dec("0.25"))
	b.Add(decimal.New(1, 30))
	a.AddSum(b)
	assert.Equal(t, "1123456789012345678901234567891.75", Format(a.Decimal()))
	assert.Equal(t, "1000000000000000000000000000000.25", Format(b.Decimal()), "the operand is unchanged")

	var empty Sum
	empty.AddSum(Sum{})
	assert.True(t, empty.IsZero())
	assert.Equal(t, "0", Format(empty.Decimal()))
}

func TestSumDoesNotAllocate(t *testing.T) {
	amounts := []decimal.Decimal{dec("1200000"), dec("1.50"), dec("-0.25"), dec("999999999999"), decimal.New(3, 4)}
	var s Sum
	allocs := testing.AllocsPerRun(1000, func() {
		for _, a := range amounts {
			s.Add(a)
			s.Sub(a)
		}
		s.Add(amounts[0])
	})
	assert.Zero(t, allocs)
	assert.True(t, s.spill.IsZero(), "nothing spilled")

	var o Sum
	o.Add(dec("7.125"))
	allocs = testing.AllocsPerRun(1000, func() { s.AddSum(o) })
	assert.Zero(t, allocs)
}

func TestCmp(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"1", "1", 0},
		{"1.50", "1.5", 0},
		{"1.5", "1.49", 1},
		{"-1.5", "1", -1},
		{"1200000", "1500000.00", -1},
		{"0", "0.000", 0},
		{"123456789012345678901234567890", "1", 1},
		{"1", "0.0000000000000000000000001", 1},
		{"9223372036854775807", "9223372036854775806", 1},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			assert.Equal(t, tt.want, Cmp(dec(tt.a), dec(tt.b)))
			assert.Equal(t, -tt.want, Cmp(dec(tt.b), dec(tt.a)))
		})
	}
	a, b := dec("1.5"), dec("1.50")
	assert.Zero(t, testing.AllocsPerRun(100, func() { Cmp(a, b) }))
}

func TestAmount(t *testing.T) {
	var zero Amount
	assert.True(t, zero.Decimal().IsZero())
	var s Sum
	s.AddAmount(zero)
	s.SubAmount(zero)
	assert.True(t, s.IsZero())
	assert.Equal(t, "0", Format(s.Decimal()))
	assert.Equal(t, 0, CmpAmounts(zero, Of(dec("0.00"))))
	assert.Equal(t, -1, CmpAmounts(zero, Of(dec("0.01"))))

	// An amount read once goes into several totals exactly, small or huge.
	target, final := Of(dec("1200000")), Of(dec("1500000.50"))
	huge := Of(dec("123456789012345678901234567890.5"))
	assert.Equal(t, "1500000.50", Format(final.Decimal()))
	var upsell, big Sum
	upsell.AddAmount(final)
	upsell.SubAmount(target)
	assert.Equal(t, "300000.50", Format(upsell.Decimal()))
	big.AddAmount(huge)
	big.AddAmount(final)
	big.SubAmount(huge)
	assert.Equal(t, "1500000.50", Format(big.Decimal()))
	assert.Equal(t, 1, CmpAmounts(final, target))
	assert.Equal(t, 1, CmpAmounts(huge, final))
	assert.Equal(t, -1, CmpAmounts(target, huge))

	assert.Zero(t, testing.AllocsPerRun(100, func() {
		var s Sum
		s.AddAmount(target)
		s.SubAmount(final)
		CmpAmounts(target, final)
	}))
}

// TestCoefficient checks the int64 reading of a coefficient at every edge
// of an int64 and of 18 digits.
func TestCoefficient(t *testing.T) {
	huge, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	two64 := new(big.Int).Lsh(big.NewInt(1), 64)
	tests := []struct {
		d     decimal.Decimal
		coef  int64
		small bool
	}{
		{decimal.Decimal{}, 0, true},
		{decimal.Zero, 0, true},
		{decimal.New(0, -2), 0, true},
		{dec("1500000.50"), 150000050, true},
		{dec("-0.01"), -1, true},
		{decimal.New(999_999_999_999_999_999, 0), 999_999_999_999_999_999, true},    // 18 nines
		{decimal.New(-999_999_999_999_999_999, -3), -999_999_999_999_999_999, true}, // 18 nines
		{decimal.New(1e18, 0), 0, false},                                            // 19 digits
		{decimal.New(-1e18, 0), 0, false},
		{decimal.New(math.MaxInt64, 0), 0, false},
		{decimal.New(math.MinInt64, 0), 0, false},
		{decimal.NewFromBigInt(two64, 0), 0, false},                                  // low word 0
		{decimal.NewFromBigInt(new(big.Int).Add(two64, big.NewInt(5)), 0), 0, false}, // low word 5
		{decimal.NewFromBigInt(huge, -2), 0, false},
	}
	for _, tt := range tests {
		c, ok := coefficient(tt.d)
		assert.Equal(t, tt.small, ok, "%s", tt.d)
		if ok {
			assert.Equal(t, tt.coef, c, "%s", tt.d)
		}
	}
}

// TestAmountAtAFinerScale adds amounts with fewer places than the total,
// around the edges where the rescaled coefficient or the total stops
// fitting: the results are decimal's own.
func TestAmountAtAFinerScale(t *testing.T) {
	tests := [][]string{
		{"0.01", "5"},                       // 5 → 500 at the scale of cents
		{"0.01", "-5"},                      // and negative
		{"0.01", "46116860184273879"},       // ×100 = 4611686018427387900 ≥ 2^62: not rescaled in place
		{"0.01", "46116860184273878"},       // ×100 = 4611686018427387800 < 2^62
		{"-0.01", "-46116860184273879"},     // the same below zero
		{"4611686018427387.90", "1"},        // the total at 2^62 − 4: not rescaled in place
		{"0.000000000000000001", "1"},       // 10^18 at the scale: does not fit
		{"0.00000000000000001", "1"},        // 10^17 at the scale
		{"0.5", "123456789012345678901234"}, // a coefficient of 24 digits
		{"0.01", "0"},
	}
	for _, amounts := range tests {
		var ops []op
		for _, a := range amounts {
			ops = append(ops, op{d: dec(a)}, op{d: dec(a), neg: true}, op{d: dec(a)})
		}
		assertSame(t, fold(ops), sumOfAmounts(ops).Decimal())
	}
	assert.True(t, Of(dec("0.00")).IsZero())
	assert.True(t, Amount{}.IsZero())
	assert.False(t, Of(dec("0.01")).IsZero())
	assert.False(t, Of(dec("123456789012345678901234")).IsZero())
}

func TestScale(t *testing.T) {
	tests := []struct {
		c    int64
		k    int64
		want int64
		ok   bool
	}{
		{5, 0, 5, true},
		{5, 18, 5e18, true},
		{10, 18, 0, false},
		{-9, 18, -9e18, true},
		{1, 19, 0, false},
		{math.MaxInt64 / 10, 1, math.MaxInt64 / 10 * 10, true},
		{math.MaxInt64/10 + 1, 1, 0, false},
		{math.MinInt64 / 10, 1, math.MinInt64 / 10 * 10, true},
	}
	for _, tt := range tests {
		got, ok := scale(tt.c, tt.k)
		assert.Equal(t, tt.ok, ok, "scale(%d, %d)", tt.c, tt.k)
		assert.Equal(t, tt.want, got, "scale(%d, %d)", tt.c, tt.k)
	}
}

// decodeOps turns fuzz bytes into a sequence of additions and
// subtractions: each takes 10 bytes, a kind, an exponent in -20..20 and a
// 64-bit word the kind turns into a coefficient.
func decodeOps(data []byte) []op {
	var ops []op
	for len(data) >= 10 {
		kind, e, w := data[0], int32(data[1]%41)-20, binary.LittleEndian.Uint64(data[2:10])
		data = data[10:]
		var c *big.Int
		switch kind % 8 {
		case 0: // small
			c = big.NewInt(int64(int16(w)))
		case 1: // any int64
			c = big.NewInt(int64(w))
		case 2: // near the int64 limits
			c = big.NewInt(math.MaxInt64 - int64(w%1000))
		case 3:
			c = big.NewInt(math.MinInt64 + int64(w%1000))
		case 4: // at the 18-digit edge
			c = big.NewInt(1e18 - 2 + int64(w%4)) // 10^18-2 .. 10^18+1
		case 5: // beyond int64
			c = new(big.Int).Mul(big.NewInt(int64(w)), big.NewInt(int64(w>>7)|1))
		case 6: // zero at some exponent
			c = new(big.Int)
		default: // typical money: up to 12 digits
			c = big.NewInt(int64(w % 1e12))
		}
		ops = append(ops, op{d: decimal.NewFromBigInt(c, e), neg: kind&8 != 0})
	}
	return ops
}

func FuzzSum(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 20, 1, 2, 3, 4, 5, 6, 7, 8, 2, 0, 9, 9, 9, 9, 9, 9, 9, 9})
	f.Add([]byte{2, 40, 0, 0, 0, 0, 0, 0, 0, 0, 2, 40, 0, 0, 0, 0, 0, 0, 0, 0, 2, 40, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{3, 0, 5, 0, 0, 0, 0, 0, 0, 0, 11, 0, 5, 0, 0, 0, 0, 0, 0, 0, 3, 0, 5, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{4, 20, 1, 0, 0, 0, 0, 0, 0, 0, 7, 2, 255, 255, 255, 255, 0, 0, 0, 0, 5, 38, 255, 255, 255, 255, 255, 255, 255, 127})
	f.Add([]byte{6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 39, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 255, 255, 255, 255, 255, 255, 255, 255})
	f.Fuzz(func(t *testing.T, data []byte) {
		ops := decodeOps(data)
		want := fold(ops)
		s := sumOf(ops)
		got := s.Decimal()
		if !want.Equal(got) || want.Exponent() != got.Exponent() {
			t.Fatalf("Sum = %s (exp %d), decimal.Add = %s (exp %d)", Format(got), got.Exponent(), Format(want), want.Exponent())
		}
		if s.IsZero() != want.IsZero() {
			t.Fatalf("IsZero = %v for %s", s.IsZero(), Format(want))
		}
		if m := sumOfAmounts(ops).Decimal(); !want.Equal(m) || want.Exponent() != m.Exponent() {
			t.Fatalf("Sum of Amounts = %s (exp %d), want %s (exp %d)", Format(m), m.Exponent(), Format(want), want.Exponent())
		}
		// Summing two halves and merging gives the same total.
		half := len(ops) / 2
		a, b := sumOf(ops[:half]), sumOf(ops[half:])
		a.AddSum(b)
		if m := a.Decimal(); !want.Equal(m) || want.Exponent() != m.Exponent() {
			t.Fatalf("AddSum = %s (exp %d), want %s (exp %d)", Format(m), m.Exponent(), Format(want), want.Exponent())
		}
		// Cmp agrees with decimal's on neighbours.
		for i := 1; i < len(ops); i++ {
			x, y := ops[i-1].d, ops[i].d
			if got, want := Cmp(x, y), x.Cmp(y); got != want {
				t.Fatalf("Cmp(%s, %s) = %d, want %d", Format(x), Format(y), got, want)
			}
			if got, want := CmpAmounts(Of(x), Of(y)), x.Cmp(y); got != want {
				t.Fatalf("CmpAmounts(%s, %s) = %d, want %d", Format(x), Format(y), got, want)
			}
		}
	})
}

func FuzzCmp(f *testing.F) {
	f.Add(int64(150), int32(-2), int64(15), int32(-1))
	f.Add(int64(math.MaxInt64), int32(0), int64(math.MinInt64), int32(18))
	f.Add(int64(1), int32(19), int64(999999999999999999), int32(0))
	f.Add(int64(-5), int32(-30), int64(0), int32(30))
	f.Fuzz(func(t *testing.T, ca int64, ea int32, cb int64, eb int32) {
		ea, eb = ea%64, eb%64
		a, b := decimal.New(ca, ea), decimal.New(cb, eb)
		if got, want := Cmp(a, b), a.Cmp(b); got != want {
			t.Fatalf("Cmp(%s, %s) = %d, want %d", Format(a), Format(b), got, want)
		}
	})
}

// benchAmounts are the amounts the benchmarks add: yen amounts and one with
// two places, so the total's scale differs from most amounts'.
var benchAmounts = []string{"1200000", "2400000", "600000.50", "550000", "100000"}

func benchDecimals() []decimal.Decimal {
	var ds []decimal.Decimal
	for _, s := range benchAmounts {
		ds = append(ds, dec(s))
	}
	return ds
}

// BenchmarkSumAdd adds decimals to a Sum, reading each one every time.
func BenchmarkSumAdd(b *testing.B) {
	amounts := benchDecimals()
	b.ReportAllocs()
	var s Sum
	for b.Loop() {
		for _, a := range amounts {
			s.Add(a)
		}
	}
	require.False(b, s.IsZero())
}

// BenchmarkDecimalAdd is the baseline: decimal's own Add, a new decimal per
// amount.
func BenchmarkDecimalAdd(b *testing.B) {
	amounts := benchDecimals()
	b.ReportAllocs()
	var s decimal.Decimal
	for b.Loop() {
		for _, a := range amounts {
			s = s.Add(a)
		}
	}
	require.False(b, s.IsZero())
}

// BenchmarkSumAddAmount adds amounts read once.
func BenchmarkSumAddAmount(b *testing.B) {
	var amounts []Amount
	for _, d := range benchDecimals() {
		amounts = append(amounts, Of(d))
	}
	b.ReportAllocs()
	var s Sum
	for b.Loop() {
		for _, a := range amounts {
			s.AddAmount(a)
		}
	}
	require.False(b, s.IsZero())
}
