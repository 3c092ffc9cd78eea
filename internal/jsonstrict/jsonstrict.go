// Package jsonstrict decodes JSON the way every cskit decoder does: one
// value, no unknown keys, nothing after it.
package jsonstrict

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"

	"github.com/cskit/cskit/internal/fault"
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
// The error is encoding/json's, whole: it quotes all of an unknown key and
// all of a number it cannot store, so a caller cuts it before repeating it
// ([fault.Short], as [fault.DecodeError] does, or [Fields]).
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

// Field is one field of a JSON object, decoded on its own by [Fields].
// Make it with [F].
type Field struct {
	name string
	raw  json.RawMessage
	v    any
}

// F returns the field called name whose JSON text is raw (nil when the key
// was absent), to be decoded into v, a pointer.
func F(name string, raw json.RawMessage, v any) Field { return Field{name, raw, v} }

// Fields decodes each field whose text is present with [Decode], in order,
// and returns the name of the first that does not decode and its error,
// or "" and nil. Naming the field is what encoding/json does not do when
// a type's own decoder fails (a date, an amount): a record's decoder
// takes such fields as [json.RawMessage] and decodes them here.
//
// An error of encoding/json's own (a syntax or type error, an unknown key)
// is cut to [fault.MaxProblem] bytes ([fault.Short]: errors.As still finds
// the *json.UnmarshalTypeError); the error of a field's own decoder is
// returned as it is.
func Fields(fs ...Field) (string, error) {
	for _, f := range fs {
		if f.raw == nil {
			continue
		}
		if err := Decode(f.raw, f.v); err != nil {
			return f.name, cut(err)
		}
	}
	return "", nil
}

// cut returns err cut short ([fault.Short]) if it is one of encoding/json's
// own errors: a syntax error, or one whose message starts "json: " (a type
// error, an unknown key). Other errors are returned as they are.
func cut(err error) error {
	if _, ok := err.(*json.SyntaxError); ok || strings.HasPrefix(err.Error(), "json: ") {
		return fault.Short(err)
	}
	return err
}

// Explain returns err with a type error of encoding/json found in it
// ([json.UnmarshalTypeError]) said in JSON's words, for people who write
// JSON, not Go: "a JSON string where a whole number belongs" for
// encoding/json's "cannot unmarshal string into Go struct field T.tier of
// type int". A number encoding/json quotes is cut to [fault.MaxQuote]
// bytes. The result unwraps to the type error. Other errors are returned
// as they are.
func Explain(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Type != nil {
		return typeError{te}
	}
	return err
}

// typeError is encoding/json's type error in JSON's words: see [Explain].
type typeError struct{ err *json.UnmarshalTypeError }

func (e typeError) Error() string {
	want := "another value"
	switch e.err.Type.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		want = "a whole number"
	case reflect.Float32, reflect.Float64:
		want = "a number"
	case reflect.String:
		want = "a string"
	case reflect.Bool:
		want = "true or false"
	case reflect.Slice, reflect.Array:
		want = "an array"
	case reflect.Struct, reflect.Map:
		want = "an object"
	}
	return "a JSON " + fault.Cut(e.err.Value, fault.MaxQuote) + " where " + want + " belongs"
}

func (e typeError) Unwrap() error { return e.err }
