package expansion

import (
	"errors"
	"strings"
	"testing"

	"github.com/cskit/cskit/internal/money"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAccountRevenue(t *testing.T) {
	tests := []struct {
		name string
		a    Account
		want string
	}{
		{"one product", acct("a", line("chat", 10, "500")), "5000"}, // 10 × 500
		{"two products", acct("a", line("chat", 10, "500"), line("attend", 4, "300.50")),
			"6202.00"}, // 10 × 500 + 4 × 300.50 = 5000 + 1202.00
		{"extra", Account{ID: "a", Lines: []Line{{Product: "chat", Seats: 3, UnitPrice: dec("1000"), Extra: dec("2500")}}},
			"5500"}, // 3 × 1000 + 2500
		{"churned line", Account{ID: "a", Lines: []Line{line("chat", 10, "500"), {Product: "attend", Seats: 4, UnitPrice: dec("300"), Churned: true}}},
			"5000"}, // the attendance product pays nothing
		{"churned account", Account{ID: "a", Churned: true, Lines: []Line{line("chat", 10, "500")}},
			"0"}, // churn zeroes everything [seed 002]
		{"no lines", acct("a"), "0"},
		{"zero seats", acct("a", line("chat", 0, "500")), "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.a.Revenue()
			require.NoError(t, err)
			assert.Equal(t, tt.want, money.Format(got))
		})
	}
}

func TestAccountValidate(t *testing.T) {
	tests := []struct {
		name  string
		a     Account
		field string
		err   error
		msg   string
	}{
		{"no id", acct("", line("chat", 1, "1")), "id", ErrMissing, `expansion: id: missing value`},
		{"negative seats", acct("a", line("chat", -1, "500")), "lines[0].seats", ErrNegative,
			`expansion: account "a": lines[0].seats: negative value: -1`},
		{"negative price", acct("a", line("chat", 1, "1"), line("x", 1, "-0.5")), "lines[1].unit_price", ErrNegative,
			`expansion: account "a": lines[1].unit_price: negative value: -0.5`},
		{"seats too many", acct("a", line("chat", MaxPeople+1, "1")), "lines[0].seats", ErrTooLarge, ""},
		{"price out of range", acct("a", Line{Product: "chat", UnitPrice: dec("1e101")}), "lines[0].unit_price", ErrAmountOutOfRange, ""},
		{"no product", acct("a", line("", 1, "1")), "lines[0].product", ErrMissing, ""},
		{"product twice", acct("a", line("chat", 1, "1"), line("chat", 2, "1")), "lines[1].product", ErrDuplicate,
			`expansion: account "a": lines[1].product: listed twice: product "chat", as lines[0]`},
		{"rise above revenue", acct("a", Line{Product: "chat", Seats: 2, UnitPrice: dec("100"), UniformRise: dec("201")}),
			"lines[0].uniform_rise", ErrInconsistent, ""}, // revenue 2 × 100 = 200 < 201
		{"rise on churned account", Account{ID: "a", Churned: true, Lines: []Line{{Product: "chat", Seats: 2, UnitPrice: dec("100"), UniformRise: dec("1")}}},
			"lines[0].uniform_rise", ErrInconsistent, ""},
		{"long id", acct(strings.Repeat("x", 300)), "id", ErrTooLarge, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.a.Validate()
			require.ErrorIs(t, err, tt.err)
			var fe *FieldError
			require.True(t, errors.As(err, &fe))
			assert.Equal(t, tt.field, fe.Field)
			if tt.msg != "" {
				assert.EqualError(t, err, tt.msg)
			}
			_, err = tt.a.Revenue()
			assert.ErrorIs(t, err, tt.err)
		})
	}
	many := Account{ID: "a"}
	for i := 0; i < 20; i++ {
		many.Lines = append(many.Lines, line(strings.Repeat("p", i+1), 1, "1"))
	}
	require.NoError(t, many.Validate())
	many.Lines = append(many.Lines, line("ppp", 1, "1"))
	assert.ErrorIs(t, many.Validate(), ErrDuplicate, "the map path finds duplicates too")
	many.Lines = make([]Line, maxLines+1)
	assert.ErrorIs(t, many.Validate(), ErrTooLarge)
}

func TestFieldErrorNil(t *testing.T) {
	var fe *FieldError
	assert.Equal(t, "<nil>", fe.Error())
	assert.NoError(t, fe.Unwrap())
	var se *SnapshotError
	assert.Equal(t, "<nil>", se.Error())
	assert.NoError(t, se.Unwrap())
}
