// Package book is the streaming convenience every cskit accumulator offers:
// feed an iter.Seq of rows to Add, stop at the first row refused, and say
// which.
package book

import (
	"errors"
	"iter"
	"strconv"

	"github.com/cskit/cskit/internal/fault"
)

// ErrNilSeq is returned for a nil iterator. The domain packages export it
// under their own name (churn.ErrNilBook), so one errors.Is matches all.
var ErrNilSeq = errors.New("nil book iterator")

// RowError is the error of [Feed]: the 0-based index of the row refused
// and the error Add returned for it (which names the record's ID and field).
type RowError struct {
	Pkg   string // the package prefix of the message, "renewal"
	Index int    // 0-based position of the row in the sequence
	Err   error  // what Add returned
}

// Error returns "pkg: row 3: <Add's message without its package prefix>".
func (e *RowError) Error() string {
	if e == nil {
		return "<nil>"
	}
	return e.Pkg + ": row " + strconv.Itoa(e.Index) + ": " + fault.Problem(e.Pkg, e.Err)
}

// Unwrap returns Add's error, so errors.Is and errors.As see through.
func (e *RowError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// Feed calls add on every row of seq in order and stops at the first error,
// which it returns as a [*RowError]. A nil seq is an error wrapping
// [ErrNilSeq]: "pkg: nil book iterator".
func Feed[R any](pkg string, seq iter.Seq[R], add func(R) error) error {
	if seq == nil {
		return &prefixed{pkg, ErrNilSeq}
	}
	i := 0
	for r := range seq {
		if err := add(r); err != nil {
			return &RowError{Pkg: pkg, Index: i, Err: err}
		}
		i++
	}
	return nil
}

// prefixed is a shared sentinel with a package's prefix on its message.
type prefixed struct {
	pkg string
	err error
}

func (e *prefixed) Error() string { return e.pkg + ": " + e.err.Error() }
func (e *prefixed) Unwrap() error { return e.err }
