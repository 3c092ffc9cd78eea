package expansion

import (
	"encoding/json"
	"testing"

	"github.com/cskit/cskit/date"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func line(product string, seats int64, price string) Line {
	return Line{Product: product, Seats: seats, UnitPrice: dec(price)}
}

func acct(id string, lines ...Line) Account { return Account{ID: id, Lines: lines} }

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

var (
	day1 = date.Must(2026, 4, 1)
	day2 = date.Must(2027, 4, 1)
)
