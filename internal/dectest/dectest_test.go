package dectest_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/cskit/cskit/internal/dectest"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a testing.TB that records failures instead of failing the
// real test, so a test can check that Stable fails.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	r.msg += fmt.Sprintf(format, args...)
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
}

// run calls Stable with a recorder and reports whether it failed.
func run(t *testing.T, f func() []byte) *recorder {
	t.Helper()
	rec := &recorder{TB: t}
	dectest.Stable(rec, f)
	return rec
}

func TestStableCatches(t *testing.T) {
	// Each function depends on one of decimal's package variables; Stable
	// must catch every one, which proves it sets each variable.
	tests := []struct {
		name string
		f    func() string
	}{
		{"String/TrimTrailingZeros", func() string {
			return decimal.RequireFromString("1.50").String()
		}},
		{"String/UseScientificNotation", func() string {
			return decimal.New(12, 2).String()
		}},
		{"MarshalJSON/MarshalJSONWithoutQuotes", func() string {
			b, err := json.Marshal(decimal.RequireFromString("2"))
			return fmt.Sprint(string(b), err)
		}},
		{"Div/DivisionPrecision", func() string {
			return decimal.NewFromInt(2).Div(decimal.NewFromInt(3)).StringFixed(20)
		}},
		{"Pow/PowPrecisionNegativeExponent", func() string {
			d, err := decimal.NewFromInt(3).PowInt32(-1)
			return fmt.Sprint(d.StringFixed(20), err)
		}},
		{"ExpHullAbrham/ExpMaxIterations", func() string {
			d, err := decimal.NewFromInt(5).ExpHullAbrham(30)
			return fmt.Sprint(d.StringFixed(30), err)
		}},
		{"NewFromString/MaxDecodeExponent", func() string {
			d, err := decimal.NewFromString("0.12345")
			return fmt.Sprint(d.StringFixed(5), err)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := run(t, func() []byte { return []byte(tt.f()) })
			assert.True(t, rec.failed, "Stable did not catch a dependence on decimal's globals")
			assert.Contains(t, rec.msg, "dectest: output depends on shopspring/decimal's package variables")
		})
	}
}

func TestStablePasses(t *testing.T) {
	amounts := []decimal.Decimal{
		decimal.RequireFromString("1.50"),
		decimal.New(1, 6),
		decimal.RequireFromString("-0.5"),
		decimal.RequireFromString("1200000"),
		decimal.NewFromInt(2).DivRound(decimal.NewFromInt(3), 4),
	}
	rec := run(t, func() []byte {
		var b strings.Builder
		for _, a := range amounts {
			j, err := json.Marshal(money.JSON(a))
			fmt.Fprintf(&b, "%s %s %v\n", money.Format(a), j, err)
		}
		return []byte(b.String())
	})
	assert.False(t, rec.failed, rec.msg)
}

func TestStableRunsUnderDefaultsThenHostile(t *testing.T) {
	// Whatever the test binary had set before, the first run sees the
	// defaults and the second the hostile values.
	decimal.DivisionPrecision = 7
	t.Cleanup(func() { decimal.DivisionPrecision = 16 })
	var seen []int
	var quotes []bool
	run(t, func() []byte {
		seen = append(seen, decimal.DivisionPrecision)
		quotes = append(quotes, decimal.MarshalJSONWithoutQuotes)
		return nil
	})
	assert.Equal(t, []int{16, 1}, seen)
	assert.Equal(t, []bool{false, true}, quotes)
}

func TestStableRestores(t *testing.T) {
	before := snapshot()
	decimal.DivisionPrecision = 20
	decimal.TrimTrailingZeros = false
	t.Cleanup(func() {
		decimal.DivisionPrecision = before[0].(int)
		decimal.TrimTrailingZeros = before[3].(bool)
	})
	want := snapshot()

	t.Run("after success", func(t *testing.T) {
		run(t, func() []byte { return []byte("same") })
		assert.Equal(t, want, snapshot())
	})
	t.Run("after failure", func(t *testing.T) {
		rec := run(t, func() []byte { return []byte(decimal.New(150, -2).String()) })
		require.True(t, rec.failed)
		assert.Equal(t, want, snapshot())
	})
	t.Run("after panic", func(t *testing.T) {
		assert.Panics(t, func() {
			run(t, func() []byte {
				if !decimal.MarshalJSONWithoutQuotes {
					return nil
				}
				panic("boom")
			})
		})
		assert.Equal(t, want, snapshot())
	})
}

func TestStableReportsDifference(t *testing.T) {
	rec := run(t, func() []byte { return []byte(decimal.RequireFromString("1.50").String()) })
	require.True(t, rec.failed)
	assert.Contains(t, rec.msg, "first difference at byte 3")
	assert.Contains(t, rec.msg, "default settings: 1.5\n")
	assert.Contains(t, rec.msg, "hostile settings: 1.50")
}

// initial holds decimal's variables as the package initialised them,
// before any test ran.
var initial = snapshot()

func TestDefaultsMatchDecimal(t *testing.T) {
	// Stable's defaults are decimal v1.6.0's initial values: an upgrade of
	// decimal that changes one fails here.
	assert.Equal(t, []any{16, 16, false, true, false, 1000, 10000}, initial)
}

func snapshot() []any {
	return []any{
		decimal.DivisionPrecision,
		decimal.PowPrecisionNegativeExponent,
		decimal.MarshalJSONWithoutQuotes,
		decimal.TrimTrailingZeros,
		decimal.UseScientificNotation,
		decimal.ExpMaxIterations,
		decimal.MaxDecodeExponent,
	}
}
