// Package enum is the text form of the small enums of the cskit packages.
//
// An enum is a uint8 type with prefixed constants and one unexported table
// of names: names[v] is value v's text. Where the zero value is not a
// valid input, names[0] is "", so the zero value still encodes (as "") and
// decodes from "", as netip.Addr{} does. Each enum type's String, Valid,
// MarshalText and UnmarshalText are one line over these functions, passing
// the package's own sentinel error:
//
//	func (p Phase) String() string             { return enum.String("Phase", uint8(p), phaseNames[:]) }
//	func (p Phase) Valid() bool                { return enum.Valid(uint8(p), phaseNames[:]) }
//	func (p Phase) MarshalText() ([]byte, error) { return enum.Marshal(uint8(p), phaseNames[:], ErrUnknownPhase) }
//	func (p *Phase) UnmarshalText(b []byte) error { return enum.Unmarshal((*uint8)(p), b, phaseNames[:], ErrUnknownPhase) }
package enum

import (
	"fmt"
	"strconv"

	"github.com/cskit/cskit/internal/fault"
)

// String returns names[v], or "%!Kind(v)" for a value outside the table, as
// fmt writes a bad verb.
func String(kind string, v uint8, names []string) string {
	if int(v) < len(names) && (v == 0 || names[v] != "") {
		return names[v]
	}
	return "%!" + kind + "(" + strconv.Itoa(int(v)) + ")"
}

// Valid reports whether v has a non-empty name: a declared value, and the
// zero value only where the table names it.
func Valid(v uint8, names []string) bool {
	return int(v) < len(names) && names[v] != ""
}

// Marshal returns v's name; the zero value encodes as names[0] (often "").
// A value outside the table is an error wrapping unknown: "pkg: unknown
// phase 9".
func Marshal(v uint8, names []string, unknown error) ([]byte, error) {
	if int(v) < len(names) && (v == 0 || names[v] != "") {
		return []byte(names[v]), nil
	}
	return nil, fmt.Errorf("%w %d", unknown, v)
}

// Unmarshal sets *v to the value named b; "" is the zero value. Other text
// is an error wrapping unknown that quotes at most a short prefix of b:
// `pkg: unknown phase "Z"`; *v is left alone.
func Unmarshal(v *uint8, b []byte, names []string, unknown error) error {
	if len(b) == 0 {
		*v = 0
		return nil
	}
	for i, n := range names {
		if n != "" && n == string(b) {
			*v = uint8(i)
			return nil
		}
	}
	return fmt.Errorf("%w %s", unknown, fault.QuoteBytes(b))
}
