package fault

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
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
