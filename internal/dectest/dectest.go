// Package dectest is the test helper every cskit package that handles money
// uses to prove that its output does not depend on shopspring/decimal's
// package variables.
//
// shopspring/decimal v1.6.0 has seven exported variables a host program may
// set: DivisionPrecision, PowPrecisionNegativeExponent,
// MarshalJSONWithoutQuotes, TrimTrailingZeros, UseScientificNotation,
// ExpMaxIterations and MaxDecodeExponent. cskit never writes them, and
// [Stable] proves that what a function produces is the same whatever they
// hold. (decimal.Zero is an exported variable too, but it is a constant by
// its own documentation, not a setting; Stable leaves it alone.)
//
// Stable writes process-wide variables. A test that calls it must not call
// t.Parallel, and no test running in parallel with it may use decimal.
package dectest

import (
	"bytes"
	"sync"
	"testing"

	"github.com/shopspring/decimal"
)

// globals is a snapshot of shopspring/decimal's package settings.
type globals struct {
	divisionPrecision            int
	powPrecisionNegativeExponent int
	marshalJSONWithoutQuotes     bool
	trimTrailingZeros            bool
	useScientificNotation        bool
	expMaxIterations             int
	maxDecodeExponent            int
}

// defaults returns decimal v1.6.0's initial values.
func defaults() globals {
	return globals{
		divisionPrecision:            16,
		powPrecisionNegativeExponent: 16,
		marshalJSONWithoutQuotes:     false,
		trimTrailingZeros:            true,
		useScientificNotation:        false,
		expMaxIterations:             1000,
		maxDecodeExponent:            10000,
	}
}

// hostile returns values a careless host might set, each as far from the
// default as it goes: one-digit division and powers, bare JSON numbers,
// trailing zeros kept, scientific notation, a one-step exponential and
// decoding refused beyond three places.
func hostile() globals {
	return globals{
		divisionPrecision:            1,
		powPrecisionNegativeExponent: 1,
		marshalJSONWithoutQuotes:     true,
		trimTrailingZeros:            false,
		useScientificNotation:        true,
		expMaxIterations:             1,
		maxDecodeExponent:            3,
	}
}

func current() globals {
	return globals{
		divisionPrecision:            decimal.DivisionPrecision,
		powPrecisionNegativeExponent: decimal.PowPrecisionNegativeExponent,
		marshalJSONWithoutQuotes:     decimal.MarshalJSONWithoutQuotes,
		trimTrailingZeros:            decimal.TrimTrailingZeros,
		useScientificNotation:        decimal.UseScientificNotation,
		expMaxIterations:             decimal.ExpMaxIterations,
		maxDecodeExponent:            decimal.MaxDecodeExponent,
	}
}

func (g globals) set() {
	decimal.DivisionPrecision = g.divisionPrecision
	decimal.PowPrecisionNegativeExponent = g.powPrecisionNegativeExponent
	decimal.MarshalJSONWithoutQuotes = g.marshalJSONWithoutQuotes
	decimal.TrimTrailingZeros = g.trimTrailingZeros
	decimal.UseScientificNotation = g.useScientificNotation
	decimal.ExpMaxIterations = g.expMaxIterations
	decimal.MaxDecodeExponent = g.maxDecodeExponent
}

// mu serialises calls of Stable, so two tests of one package that both use
// it cannot interleave. It does not protect other code reading the
// variables at the same time: see the package doc.
var mu sync.Mutex

// Stable fails t unless f returns byte-identical output under
// shopspring/decimal's default settings and under hostile ones.
//
// It sets every package variable of decimal to its default and calls f,
// then sets every one to a hostile value (DivisionPrecision 1,
// PowPrecisionNegativeExponent 1, MarshalJSONWithoutQuotes true,
// TrimTrailingZeros false, UseScientificNotation true, ExpMaxIterations 1,
// MaxDecodeExponent 3) and calls f again. It restores the values it found
// before returning, also when f panics or calls t.FailNow.
//
// f should return everything the code under test produces: encoded JSON,
// formatted amounts, and error messages (an error under hostile settings
// that did not happen under the defaults is a difference too).
//
// Stable writes process-wide variables: a test that calls it must not call
// t.Parallel.
func Stable(t testing.TB, f func() []byte) {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	saved := current()
	defer saved.set()

	defaults().set()
	want := f()
	hostile().set()
	got := f()
	saved.set()

	if !bytes.Equal(want, got) {
		t.Errorf("dectest: output depends on shopspring/decimal's package variables (first difference at byte %d)\ndefault settings: %s\nhostile settings: %s",
			firstDiff(want, got), want, got)
	}
}

func firstDiff(a, b []byte) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}
