package jsonstrict

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type rec struct {
	ID  string `json:"id"`
	ARR int    `json:"arr"`
}

func TestDecode(t *testing.T) {
	var r rec
	require.NoError(t, Decode([]byte(` {"id":"a","ARR":5} `), &r))
	assert.Equal(t, rec{"a", 5}, r)
	assert.ErrorContains(t, Decode([]byte(`{"id":"a","notice_period":"P1M"}`), &r), `unknown field "notice_period"`)
	assert.ErrorIs(t, Decode([]byte(`{"id":"a"} {}`), &r), ErrTrailingData)
	assert.Error(t, Decode([]byte(`{"id":`), &r))
	assert.Error(t, Decode(nil, &r))
}
