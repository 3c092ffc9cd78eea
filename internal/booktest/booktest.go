// Package booktest checks the accumulator law of the cskit packages: merging
// accumulators built over any split of a book gives what one pass gives.
package booktest

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// Acc is an accumulator over rows R with result Res: [Add] a row, [Merge]
// another accumulator of the same type, and Result.
type Acc[R, Res any, A any] interface {
	Add(R) error
	Merge(A) error
	Result() Res
}

// CheckMerge feeds rows to one accumulator in one pass, then, for the given
// number of trials, cuts rows at random points into parts, feeds each part
// to a fresh accumulator from newAcc and merges the parts in a random
// order of pairs (random grouping). The results must encode to the same
// JSON as the one pass. Every row must be accepted by Add.
func CheckMerge[R, Res any, A Acc[R, Res, A]](t *testing.T, seed uint64, trials int, rows []R, newAcc func() A) {
	t.Helper()
	one := newAcc()
	for i, r := range rows {
		require.NoError(t, one.Add(r), "row %d", i)
	}
	want, err := json.Marshal(one.Result())
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	for trial := 0; trial < trials; trial++ {
		parts := []A{newAcc()}
		for i, r := range rows {
			if rng.IntN(4) == 0 {
				parts = append(parts, newAcc())
			}
			require.NoError(t, parts[len(parts)-1].Add(r), "row %d", i)
		}
		if rng.IntN(3) == 0 {
			parts = append(parts, newAcc()) // an empty shard
		}
		for len(parts) > 1 {
			i := rng.IntN(len(parts) - 1)
			require.NoError(t, parts[i].Merge(parts[i+1]))
			parts = append(parts[:i+1], parts[i+2:]...)
		}
		got, err := json.Marshal(parts[0].Result())
		require.NoError(t, err)
		require.JSONEq(t, string(want), string(got), "trial %d", trial)
	}
}
