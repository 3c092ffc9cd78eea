package fault

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQuote(t *testing.T) {
	assert.Equal(t, `"acme"`, Quote("acme"))
	assert.Equal(t, `""`, Quote(""))
	long := strings.Repeat("a", 10<<20)
	got := Quote(long)
	// 64 a's, an ellipsis, the quotes and the length.
	assert.Equal(t, `"`+strings.Repeat("a", 64)+`…" (10485760 bytes)`, got)
	assert.Equal(t, got, QuoteBytes([]byte(long)))
	// A cut never splits a character: 63 a's then "é" (2 bytes) straddles byte 64.
	s := strings.Repeat("a", 63) + "éé"
	assert.Equal(t, `"`+strings.Repeat("a", 63)+`…" (67 bytes)`, Quote(s))
	assert.Equal(t, Quote(s), QuoteBytes([]byte(s)))
	assert.Equal(t, `"\xff"`, QuoteBytes([]byte{0xff}))
}

func TestMessage(t *testing.T) {
	errNeg := errors.New("churn: negative amount")
	assert.Equal(t, `churn: case "c1": arr_at_risk: negative amount`, Message("churn", "case", "c1", "arr_at_risk", errNeg))
	assert.Equal(t, `churn: arr_at_risk: negative amount`, Message("churn", "case", "", "arr_at_risk", errNeg))
	assert.Equal(t, `churn: case "c1": negative amount`, Message("churn", "case", "c1", "", errNeg))
	assert.Equal(t, `churn: case "c1": x: <nil>`, Message("churn", "case", "c1", "x", nil))
	huge := strings.Repeat("x", 1<<20)
	assert.Less(t, len(Message("churn", "case", huge, "id", errNeg)), 150)
}

func TestCut(t *testing.T) {
	assert.Equal(t, "abc", Cut("abc", 3))
	assert.Equal(t, "ab…", Cut("abc", 2))
	assert.Equal(t, "", Cut("", 0))
	assert.Equal(t, "…", Cut("abc", 0))
	// "é" is 2 bytes (0xc3 0xa9): a cut at 2 would split it, so it goes back to 1.
	assert.Equal(t, "a…", Cut("aéb", 2))
	assert.Equal(t, "aé…", Cut("aéb", 3))
}

func TestShort(t *testing.T) {
	assert.NoError(t, Short(nil))
	small := errors.New("json: unknown field \"x\"")
	assert.Same(t, small, Short(small), "a short message is kept as it is")
	atMost := errors.New(strings.Repeat("x", MaxProblem))
	assert.Same(t, atMost, Short(atMost))

	long := fmt.Errorf("json: unknown field %q: %w", strings.Repeat("k", 1<<20), errSentinel)
	got := Short(long)
	// `json: unknown field "` is 21 bytes, then 179 k's make 200, then "…".
	assert.Equal(t, `json: unknown field "`+strings.Repeat("k", 179)+"…", got.Error())
	assert.ErrorIs(t, got, errSentinel)
	assert.Same(t, long, errors.Unwrap(got))
	// Message repeats the cut message, not the megabyte.
	assert.Equal(t, `churn: case "c1": id: json: unknown field "`+strings.Repeat("k", 179)+"…", Message("churn", "case", "c1", "id", got))
}

var errSentinel = errors.New("sentinel")

func TestDecodeError(t *testing.T) {
	errKind := errors.New("churn: invalid case")
	cause := &fieldError{errors.New("churn: negative amount")}
	err := error(&DecodeError{Pkg: "churn", Kind: errKind, What: "case", Err: cause})
	assert.EqualError(t, err, `churn: decoding case: case "c1": arr: negative amount`)
	assert.ErrorIs(t, err, errKind)
	var fe *fieldError
	require.ErrorAs(t, err, &fe)
	assert.Same(t, cause, fe)

	// A cause of another package keeps its prefix.
	err = &DecodeError{Pkg: "churn", Kind: errKind, What: "case", Err: errors.New("date: invalid month")}
	assert.EqualError(t, err, "churn: decoding case: date: invalid month")

	// The problem is cut to 200 bytes before its prefix goes: "churn: " is
	// 7 bytes, `json: unknown field "` 21, so 172 k's are kept.
	long := fmt.Errorf("churn: json: unknown field %q", strings.Repeat("k", 1<<20))
	err = &DecodeError{Pkg: "churn", Kind: errKind, What: "case", Err: long}
	assert.EqualError(t, err, `churn: decoding case: json: unknown field "`+strings.Repeat("k", 172)+"…")
	assert.ErrorIs(t, err, errKind)
}

// fieldError stands for a package's FieldError.
type fieldError struct{ err error }

func (e *fieldError) Error() string { return Message("churn", "case", "c1", "arr", e.err) }
func (e *fieldError) Unwrap() error { return e.err }

func TestKindError(t *testing.T) {
	errPolicy := errors.New("churn: invalid policy")
	errNeg := errors.New("churn: negative amount")
	err := error(&KindError{Pkg: "churn", Kind: errPolicy, Err: fmt.Errorf("%w: -1", errNeg)})
	assert.EqualError(t, err, "churn: invalid policy: negative amount: -1")
	assert.ErrorIs(t, err, errPolicy)
	assert.ErrorIs(t, err, errNeg)
	// Another package's error keeps its prefix.
	err = &KindError{Pkg: "churn", Kind: errPolicy, Err: errors.New("date: invalid month")}
	assert.EqualError(t, err, "churn: invalid policy: date: invalid month")
}
