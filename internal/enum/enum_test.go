package enum

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var errUnknown = errors.New("pkg: unknown phase")

var names = []string{"", "a", "b", "", "c"} // 3 is a retired value

var named = []string{"open", "won"} // a zero value that is valid

func TestString(t *testing.T) {
	assert.Equal(t, "", String("Phase", 0, names))
	assert.Equal(t, "b", String("Phase", 2, names))
	assert.Equal(t, "%!Phase(3)", String("Phase", 3, names))
	assert.Equal(t, "%!Phase(9)", String("Phase", 9, names))
	assert.Equal(t, "open", String("Result", 0, named))
}

func TestValid(t *testing.T) {
	for v, want := range []bool{false, true, true, false, true, false} {
		assert.Equal(t, want, Valid(uint8(v), names), "%d", v)
	}
	assert.True(t, Valid(0, named))
}

func TestMarshal(t *testing.T) {
	b, err := Marshal(0, names, errUnknown)
	require.NoError(t, err)
	assert.Equal(t, "", string(b))
	b, err = Marshal(4, names, errUnknown)
	require.NoError(t, err)
	assert.Equal(t, "c", string(b))
	_, err = Marshal(3, names, errUnknown)
	require.ErrorIs(t, err, errUnknown)
	assert.EqualError(t, err, "pkg: unknown phase 3")
	b, err = Marshal(0, named, errUnknown)
	require.NoError(t, err)
	assert.Equal(t, "open", string(b))
}

func TestUnmarshal(t *testing.T) {
	v := uint8(7)
	require.NoError(t, Unmarshal(&v, []byte("c"), names, errUnknown))
	assert.Equal(t, uint8(4), v)
	require.NoError(t, Unmarshal(&v, nil, names, errUnknown))
	assert.Equal(t, uint8(0), v)
	v = 2
	err := Unmarshal(&v, []byte("Z"), names, errUnknown)
	require.ErrorIs(t, err, errUnknown)
	assert.EqualError(t, err, `pkg: unknown phase "Z"`)
	assert.Equal(t, uint8(2), v, "left alone on error")
	err = Unmarshal(&v, []byte(strings.Repeat("z", 1<<20)), names, errUnknown)
	assert.Less(t, len(err.Error()), 120)
	require.NoError(t, Unmarshal(&v, []byte("open"), named, errUnknown))
	assert.Equal(t, uint8(0), v)
}
