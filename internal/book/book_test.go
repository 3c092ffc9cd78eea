package book

import (
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var errOdd = errors.New("pkg: odd value")

func TestFeed(t *testing.T) {
	sum := 0
	add := func(v int) error {
		if v%2 != 0 {
			return errOdd
		}
		sum += v
		return nil
	}
	require.NoError(t, Feed("pkg", slices.Values([]int{2, 4}), add))
	assert.Equal(t, 6, sum)

	err := Feed("pkg", slices.Values([]int{2, 3, 5}), add)
	var re *RowError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 1, re.Index)
	assert.ErrorIs(t, err, errOdd)
	assert.EqualError(t, err, "pkg: row 1: odd value")
	assert.Equal(t, 8, sum, "rows after the refused one are not read")

	err = Feed[int]("pkg", nil, add)
	assert.ErrorIs(t, err, ErrNilSeq)
	assert.EqualError(t, err, "pkg: nil book iterator")

	var nilErr *RowError
	assert.Equal(t, "<nil>", nilErr.Error())
	assert.NoError(t, nilErr.Unwrap())
}
