package jsonstrict

import (
	"encoding/json"
	"errors"
	"strings"
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

// long is a type whose own decoder fails with a long message of its own.
type long struct{}

func (*long) UnmarshalJSON([]byte) error { return errors.New(strings.Repeat("z", 300)) }

func TestFields(t *testing.T) {
	var (
		id  string
		arr int
		r   rec
		l   long
	)
	name, err := Fields(F("id", json.RawMessage(`"a"`), &id), F("absent", nil, &l), F("arr", json.RawMessage(`5`), &arr))
	require.NoError(t, err)
	assert.Equal(t, "", name)
	assert.Equal(t, "a", id)
	assert.Equal(t, 5, arr)

	// The first field that fails is named; the ones after it are not read.
	arr = 0
	name, err = Fields(F("id", json.RawMessage(`7`), &id), F("arr", json.RawMessage(`"x"`), &arr))
	assert.Equal(t, "id", name)
	assert.EqualError(t, err, "json: cannot unmarshal number into Go value of type string")
	var te *json.UnmarshalTypeError
	require.IsType(t, te, err, "a short message is the error itself")

	// encoding/json quotes a whole key: `json: unknown field "` is 21
	// bytes, and 179 k's make the 200 kept.
	name, err = Fields(F("rec", json.RawMessage(`{"`+strings.Repeat("k", 1<<20)+`":1}`), &r))
	assert.Equal(t, "rec", name)
	assert.EqualError(t, err, `json: unknown field "`+strings.Repeat("k", 179)+"…")

	// ...and a whole number: "json: cannot unmarshal number " is 30 bytes,
	// then 170 nines.
	name, err = Fields(F("arr", json.RawMessage(strings.Repeat("9", 1<<20)), &arr))
	assert.Equal(t, "arr", name)
	assert.EqualError(t, err, "json: cannot unmarshal number "+strings.Repeat("9", 170)+"…")
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "number "+strings.Repeat("9", 1<<20), te.Value)

	// A field's own decoder is not encoding/json: its error is kept whole.
	name, err = Fields(F("l", json.RawMessage(`1`), &l))
	assert.Equal(t, "l", name)
	assert.EqualError(t, err, strings.Repeat("z", 300))

	// Trailing data is Decode's error.
	_, err = Fields(F("arr", json.RawMessage(`1 2`), &arr))
	assert.ErrorIs(t, err, ErrTrailingData)
}

func TestExplain(t *testing.T) {
	type wire struct {
		Tier  int            `json:"tier"`
		Name  string         `json:"name"`
		Key   bool           `json:"key"`
		Tags  []string       `json:"tags"`
		Sub   rec            `json:"sub"`
		Rate  float64        `json:"rate"`
		Extra map[string]int `json:"extra"`
		Any   chan int       `json:"any"`
	}
	for _, tt := range []struct{ in, want string }{
		{`{"tier":"1"}`, "a JSON string where a whole number belongs"},
		{`{"tier":1.5}`, "a JSON number 1.5 where a whole number belongs"},
		{`{"name":5}`, "a JSON number where a string belongs"},
		{`{"key":"yes"}`, "a JSON string where true or false belongs"},
		{`{"tags":{}}`, "a JSON object where an array belongs"},
		{`{"sub":[]}`, "a JSON array where an object belongs"},
		{`{"extra":true}`, "a JSON bool where an object belongs"},
		{`{"rate":"0.5"}`, "a JSON string where a number belongs"},
		{`{"any":"x"}`, "a JSON string where another value belongs"},
	} {
		var w wire
		err := Explain(Decode([]byte(tt.in), &w))
		assert.EqualError(t, err, tt.want, tt.in)
		var te *json.UnmarshalTypeError
		assert.ErrorAs(t, err, &te, tt.in)
	}

	// A number encoding/json quotes whole keeps 64 bytes: "number " is 7
	// bytes, then 57 nines.
	var w struct{ Tier int }
	err := Explain(Decode([]byte(`{"Tier":`+strings.Repeat("9", 1<<20)+`}`), &w))
	assert.EqualError(t, err, "a JSON number "+strings.Repeat("9", 57)+"… where a whole number belongs")

	// Other errors, and nil, are as they were.
	assert.NoError(t, Explain(nil))
	assert.Same(t, ErrTrailingData, Explain(ErrTrailingData))
}
