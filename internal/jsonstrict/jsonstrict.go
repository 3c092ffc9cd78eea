// Package jsonstrict decodes JSON the way every cskit decoder does: one
// value, no unknown keys, nothing after it.
package jsonstrict

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// ErrTrailingData is returned for text after the value.
var ErrTrailingData = errors.New("data after the JSON value")

// Decode decodes the single JSON value b into v, refusing any object key
// that names no field of v ([json.Decoder.DisallowUnknownFields]): a
// misspelt key ("notice_period") is an error, never a field silently left
// at its zero value. Keys still match field names without regard to case,
// as with [json.Unmarshal]. Types nested in v that have their own
// UnmarshalJSON decide for themselves.
//
// A type's UnmarshalJSON calls Decode on a local type without methods
// (type plain T) so that it does not call itself.
func Decode(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if _, err := d.Token(); err != io.EOF {
		return ErrTrailingData
	}
	return nil
}
