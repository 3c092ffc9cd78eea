// Package fault holds the error texts the cskit packages share: a short
// quotation of bad input, a lower error's message cut short, and the
// messages of a located field error and of a decoder's error.
//
// An error quotes at most [MaxQuote] bytes of what it was given, and
// repeats at most [MaxProblem] bytes of a lower error it cannot trust to
// be short, so a hostile 10 MB field cannot make a 10 MB error.
package fault

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxQuote is the most bytes of bad input an error quotes.
const MaxQuote = 64

// Quote returns s quoted as Go does ([strconv.Quote]). Text longer than
// MaxQuote bytes is cut at a character boundary and followed by its length:
// "abcd…" (1048576 bytes).
func Quote(s string) string {
	if len(s) <= MaxQuote {
		return strconv.Quote(s)
	}
	cut := MaxQuote
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]+"…") + " (" + strconv.Itoa(len(s)) + " bytes)"
}

// QuoteBytes is [Quote] for a byte slice; it copies at most MaxQuote+4
// bytes.
func QuoteBytes(b []byte) string {
	if len(b) <= MaxQuote {
		return strconv.Quote(string(b))
	}
	cut := MaxQuote
	for cut > 0 && !utf8.RuneStart(b[cut]) {
		cut--
	}
	return strconv.Quote(string(b[:cut])+"…") + " (" + strconv.Itoa(len(b)) + " bytes)"
}

// MaxProblem is the most bytes of a lower error's message [Short] keeps.
const MaxProblem = 200

// Cut returns s if it is at most n bytes long; else its first n bytes,
// cut back to a character boundary, followed by "…".
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// Short returns err with its message cut to MaxProblem bytes ([Cut]). The
// result unwraps to err, so [errors.Is] and [errors.As] see through it. A
// nil err, or one whose message is short enough, is returned as it is.
func Short(err error) error {
	if err == nil {
		return nil
	}
	m := err.Error()
	if len(m) <= MaxProblem {
		return err
	}
	return &short{Cut(m, MaxProblem), err}
}

// short is an error whose message was cut: see [Short].
type short struct {
	msg string
	err error
}

func (e *short) Error() string { return e.msg }
func (e *short) Unwrap() error { return e.err }

// Problem returns err's message without a leading "pkg: ", so a wrapping
// message names its package once. A nil err is "<nil>".
func Problem(pkg string, err error) string {
	if err == nil {
		return "<nil>"
	}
	return strings.TrimPrefix(err.Error(), pkg+": ")
}

// Message is the text of a package's FieldError: "pkg: record "id": field:
// problem", or "pkg: field: problem" when id is empty. The id is quoted
// with [Quote]; the problem is [Problem] of err.
func Message(pkg, record, id, field string, err error) string {
	var b strings.Builder
	b.WriteString(pkg)
	b.WriteString(": ")
	if id != "" {
		b.WriteString(record)
		b.WriteByte(' ')
		b.WriteString(Quote(id))
		b.WriteString(": ")
	}
	if field != "" {
		b.WriteString(field)
		b.WriteString(": ")
	}
	b.WriteString(Problem(pkg, err))
	return b.String()
}

// DecodeError is the error of a package's JSON decoder: it names what was
// being decoded and wraps both the decoded type's sentinel (Kind) and the
// error that stopped the decoding (Err), so [errors.Is] matches either and
// [errors.As] finds a lower error (a field's, a date's) inside.
type DecodeError struct {
	Pkg  string // the package: "renewal", the message's prefix
	Kind error  // the decoded type's sentinel: renewal.ErrInvalidContract
	What string // what was being decoded: "contract"
	Err  error  // the error that stopped the decoding
}

// Error returns "<pkg>: decoding <what>: <problem>": the problem is Err's
// message cut to MaxProblem bytes ([Short]) and without a leading "<pkg>: "
// ([Problem]), so a 1 MB key that encoding/json quotes whole makes a short
// error.
func (e *DecodeError) Error() string {
	return e.Pkg + ": decoding " + e.What + ": " + Problem(e.Pkg, Short(e.Err))
}

// Unwrap returns Kind and Err.
func (e *DecodeError) Unwrap() []error { return []error{e.Kind, e.Err} }

// KindError is Err that also matches Kind, a wider sentinel of the same
// package, with the package named once: "churn: invalid policy: negative
// amount: -1" matches both churn.ErrInvalidPolicy and
// churn.ErrNegativeAmount.
type KindError struct {
	Pkg  string // the package: "churn", stripped from Err's message
	Kind error  // the wider sentinel: churn.ErrInvalidPolicy
	Err  error  // the precise error
}

// Error returns Kind's message, ": " and [Problem] of Err.
func (e *KindError) Error() string { return e.Kind.Error() + ": " + Problem(e.Pkg, e.Err) }

// Unwrap returns Kind and Err.
func (e *KindError) Unwrap() []error { return []error{e.Kind, e.Err} }
