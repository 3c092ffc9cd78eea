package jsontest

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

var errBad = errors.New("bad")

type even int

func (e *even) UnmarshalJSON(b []byte) error {
	var n int
	if err := json.Unmarshal(b, &n); err != nil {
		return errors.Join(errBad, err)
	}
	if n%2 != 0 {
		return errBad
	}
	*e = even(n)
	return nil
}

func TestRoundTrip(t *testing.T) {
	v, ok := RoundTrip[even](t, []byte("4"), errBad, nil)
	assert.True(t, ok)
	assert.Equal(t, even(4), v)
	_, ok = RoundTrip[even](t, []byte("3"), errBad, nil)
	assert.False(t, ok)
	_, ok = RoundTrip[even](t, []byte("{"), errBad, nil)
	assert.False(t, ok)
	_, ok = RoundTrip[even](t, []byte(" null"), errBad, nil)
	assert.False(t, ok)
}
