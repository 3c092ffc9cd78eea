// Package jsontest is the body of the JSON round-trip fuzz targets of the
// cskit packages: one generic helper instead of a copy per type.
package jsontest

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// RoundTrip checks one fuzz input for type T:
//   - text that does not decode into a T is refused with an error that
//     matches sentinel (unless it is not JSON at all, which encoding/json
//     refuses before any decoder of ours runs);
//   - a T that decodes passes validate (nil skips that check), encodes, and
//     decodes back to a value that encodes to the same bytes.
//
// It returns the decoded value and whether b decoded, so a fuzz target can
// check more. The JSON null is skipped: encoding/json leaves the value
// alone and calls no decoder.
func RoundTrip[T any](t *testing.T, b []byte, sentinel error, validate func(T) error) (T, bool) {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		if json.Valid(b) {
			require.ErrorIs(t, err, sentinel, "%s", err)
		}
		return v, false
	}
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		return v, false
	}
	if validate != nil {
		require.NoError(t, validate(v), "decoded %s", b)
	}
	enc, err := json.Marshal(v)
	require.NoError(t, err, "encoding what decoded from %s", b)
	var back T
	require.NoError(t, json.Unmarshal(enc, &back), "decoding its own output %s", enc)
	enc2, err := json.Marshal(back)
	require.NoError(t, err)
	require.Equal(t, string(enc), string(enc2), "round trip changed the value")
	return v, true
}
