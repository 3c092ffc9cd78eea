package money_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cskit/cskit/internal/dectest"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		name string
		d    decimal.Decimal
		want string
	}{
		{"zero value", decimal.Decimal{}, "0"},
		{"keeps trailing zeros", decimal.RequireFromString("1.50"), "1.50"},
		{"positive exponent written out", decimal.New(1, 6), "1000000"},
		{"negative", decimal.RequireFromString("-0.5"), "-0.5"},
		{"integer", decimal.NewFromInt(1200000), "1200000"},
		{"zero with places", decimal.New(0, -2), "0.00"},
		{"many places", decimal.New(1, -20), "0.00000000000000000001"},
		{"huge", decimal.RequireFromString("123456789012345678901234567890.123"), "123456789012345678901234567890.123"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, money.Format(tt.d))
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in       string
		want     string
		exponent int32
	}{
		{"12000000", "12000000", 0},
		{"1.50", "1.50", -2},
		{"-1.50", "-1.50", -2},
		{"+3", "3", 0},
		{"0", "0", 0},
		{".5", "0.5", -1},
		{"5.", "5", 0},
		{"0.0001", "0.0001", -4},
		{strings.Repeat("9", 40), strings.Repeat("9", 40), 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := money.Parse(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, money.Format(d))
			assert.Equal(t, tt.exponent, d.Exponent())
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{
		"", "abc", "1.2.3", "1e6", "1E6", "-", "+", ".", "--1", "1-", "1 ", " 1", "0x10",
		"1,000", "NaN", "Inf", "１", strings.Repeat("9", money.MaxLen+1),
	} {
		t.Run(in, func(t *testing.T) {
			_, err := money.Parse(in)
			require.Error(t, err)
			assert.True(t, errors.Is(err, money.ErrSyntax), "%v", err)
			if len(in) <= 64 {
				assert.Contains(t, err.Error(), fmt.Sprintf("%q", in))
			}
		})
	}
}

func TestJSON(t *testing.T) {
	tests := []struct {
		name string
		d    decimal.Decimal
		want string
	}{
		{"places kept", decimal.RequireFromString("1.50"), `"1.50"`},
		{"positive exponent", decimal.New(1, 6), `"1000000"`},
		{"negative", decimal.RequireFromString("-0.25"), `"-0.25"`},
		{"zero", decimal.Decimal{}, `"0"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(money.JSON(tt.d))
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(b))

			var back money.JSON
			require.NoError(t, json.Unmarshal(b, &back))
			assert.True(t, tt.d.Equal(decimal.Decimal(back)))
			assert.Equal(t, money.Format(tt.d), money.Format(decimal.Decimal(back)))
		})
	}
}

func TestJSONRange(t *testing.T) {
	tests := []struct {
		name string
		d    decimal.Decimal
		ok   bool
	}{
		{"exponent 100", decimal.New(7, money.MaxScale), true},
		{"exponent -100", decimal.New(7, -money.MaxScale), true},
		{"exponent 101", decimal.New(7, money.MaxScale+1), false},
		{"exponent -101", decimal.New(7, -money.MaxScale-1), false},
		{"exponent ten million", decimal.New(1, 10_000_000), false},
		{"text of MaxLen", decimal.RequireFromString(strings.Repeat("9", money.MaxLen)), true},
		{"text longer than MaxLen", decimal.RequireFromString(strings.Repeat("9", money.MaxLen+1)), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.d.Exponent()
			assert.Equal(t, e >= -money.MaxScale && e <= money.MaxScale, money.InScale(tt.d))
			b, err := json.Marshal(money.JSON(tt.d))
			if !tt.ok {
				require.ErrorIs(t, err, money.ErrRange)
				return
			}
			require.NoError(t, err)
			var back money.JSON
			require.NoError(t, json.Unmarshal(b, &back), "every amount encoded decodes back")
			assert.True(t, tt.d.Equal(decimal.Decimal(back)))
		})
	}
}

func TestJSONInStruct(t *testing.T) {
	type row struct {
		Amount money.JSON `json:"amount"`
	}
	b, err := json.Marshal(row{money.JSON(decimal.RequireFromString("1200000.50"))})
	require.NoError(t, err)
	assert.JSONEq(t, `{"amount":"1200000.50"}`, string(b))

	for in, want := range map[string]string{
		`{"amount":"1.50"}`: "1.50",
		`{"amount":1.50}`:   "1.50",
		`{"amount":null}`:   "0",
		`{}`:                "0",
	} {
		var r row
		require.NoError(t, json.Unmarshal([]byte(in), &r), in)
		assert.Equal(t, want, money.Format(decimal.Decimal(r.Amount)), in)
	}
}

func TestJSONDecodeErrors(t *testing.T) {
	for _, in := range []string{`"1e6"`, `1e6`, `""`, `"abc"`, `true`, `"1.2.3"`, `"` + strings.Repeat("1", money.MaxLen+1) + `"`} {
		t.Run(in, func(t *testing.T) {
			var j money.JSON
			err := json.Unmarshal([]byte(in), &j)
			require.Error(t, err)
		})
	}
	// A money.JSON decoded from a bad string is an ErrSyntax.
	var j money.JSON
	assert.ErrorIs(t, j.UnmarshalJSON([]byte(`"abc"`)), money.ErrSyntax)
}

func TestFormatAndJSONIgnoreDecimalGlobals(t *testing.T) {
	amounts := []decimal.Decimal{
		decimal.RequireFromString("1.50"), decimal.New(1, 6), decimal.New(12, 2),
		decimal.RequireFromString("-0.5"), decimal.Decimal{}, decimal.New(0, -3),
		decimal.NewFromInt(2).DivRound(decimal.NewFromInt(3), 8),
	}
	dectest.Stable(t, func() []byte {
		var b strings.Builder
		for _, a := range amounts {
			j, err := json.Marshal(money.JSON(a))
			fmt.Fprintf(&b, "%s %s %v\n", money.Format(a), j, err)
		}
		return []byte(b.String())
	})
}

func TestParseIgnoresDecimalGlobals(t *testing.T) {
	// Parse of amounts with at most three places does not depend on
	// decimal's globals.
	inputs := []string{"1200000", "1.50", "-0.125", "abc", "1e6"}
	dectest.Stable(t, func() []byte {
		var b strings.Builder
		for _, in := range inputs {
			d, err := money.Parse(in)
			fmt.Fprintf(&b, "%s %v\n", money.Format(d), err)
		}
		return []byte(b.String())
	})
}

func TestParseManyPlacesIgnoresDecimalGlobals(t *testing.T) {
	// Parse builds the decimal from its digits, so a host that lowers
	// decimal.MaxDecodeExponent cannot make it refuse "0.0001".
	dectest.Stable(t, func() []byte {
		d, err := money.Parse("0.0001")
		return fmt.Appendf(nil, "%s %v", money.Format(d), err)
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"0", "1.50", "-1.50", "+3", ".5", "5.", "1e6", "", "abc", "1.2.3", "-", "00012.3400", strings.Repeat("9", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := money.Parse(s)
		if err != nil {
			if !errors.Is(err, money.ErrSyntax) {
				t.Fatalf("Parse(%q): error %v does not wrap ErrSyntax", s, err)
			}
			return
		}
		// Whatever parses is plain notation: digits, at most one dot, an
		// optional leading sign, at most MaxLen characters.
		if len(s) > money.MaxLen || strings.ContainsAny(s, "eE") {
			t.Fatalf("Parse(%q) accepted %s", s, money.Format(d))
		}
		// Format is exact: it parses back to the same value and exponent.
		text := money.Format(d)
		back, err := money.Parse(text)
		if err != nil {
			if len(text) > money.MaxLen { // "-.5" is 3 characters, "-0.5" is 4
				return
			}
			t.Fatalf("Parse(Format(%q) = %q): %v", s, text, err)
		}
		if !back.Equal(d) || back.Exponent() != d.Exponent() {
			t.Fatalf("Parse(%q) = %s exp %d; round trip gives %s exp %d", s, text, d.Exponent(), money.Format(back), back.Exponent())
		}
		// JSON round trip is the identity for an amount in range; the
		// encoder refuses the others.
		b, err := json.Marshal(money.JSON(d))
		if !money.InScale(d) || len(text) > money.MaxLen {
			if !errors.Is(err, money.ErrRange) {
				t.Fatalf("encoding %q: %v, want ErrRange", text, err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		var j money.JSON
		if err := json.Unmarshal(b, &j); err != nil {
			t.Fatalf("decoding %s: %v", b, err)
		}
		if got := decimal.Decimal(j); !got.Equal(d) || money.Format(got) != text {
			t.Fatalf("JSON round trip of %q: %s", text, money.Format(got))
		}
	})
}

// A total of long amounts is longer than either: it still parses back.
func TestParseLongTotals(t *testing.T) {
	a, err := money.Parse("9999999999999999999999999999999")
	require.NoError(t, err)
	b, err := money.Parse("0.12345678901234567890")
	require.NoError(t, err)
	sum := money.Format(a.Add(b))
	assert.Equal(t, "9999999999999999999999999999999.12345678901234567890", sum)
	back, err := money.Parse(sum)
	require.NoError(t, err)
	assert.Equal(t, sum, money.Format(back))
}

func TestParseErrorQuotesAShortPrefix(t *testing.T) {
	_, err := money.Parse(strings.Repeat("9", 900) + "x")
	require.ErrorIs(t, err, money.ErrSyntax)
	// 64 nines, the ellipsis and the length: the message stays short.
	assert.Equal(t, `not a decimal amount: "`+strings.Repeat("9", 64)+`…" (901 bytes)`, err.Error())
}

func TestGrouped(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "0.000": "0", "-0": "0", "5": "5", "999": "999", "1000": "1,000",
		"1234567.50": "1,234,567.5", "-2500": "-2,500", "100000.000": "100,000",
		"0.25": "0.25", "-0.5": "-0.5", "123456789012345678901234567890": "123,456,789,012,345,678,901,234,567,890",
	} {
		d, err := money.Parse(in)
		require.NoError(t, err)
		assert.Equal(t, want, money.Grouped(d), in)
	}
	assert.Equal(t, "1,000,000", money.Grouped(decimal.New(1, 6)))
}

func TestCheck(t *testing.T) {
	errNeg := errors.New("churn: negative amount")
	tests := []struct {
		name string
		d    decimal.Decimal
		want string // "" for a valid amount
		is   error
	}{
		{"zero value", decimal.Decimal{}, "", nil},
		{"positive", decimal.RequireFromString("1.50"), "", nil},
		{"zero with places", decimal.New(0, -2), "", nil},
		{"100 places", decimal.New(1, -100), "", nil},
		{"100 zeros", decimal.New(1, 100), "", nil},
		{"negative", decimal.RequireFromString("-1.50"), "churn: negative amount: -1.50", errNeg},
		{"101 places", decimal.New(1, -101), "amount out of range: exponent -101, outside ±100", money.ErrRange},
		{"101 zeros", decimal.New(7, 101), "amount out of range: exponent 101, outside ±100", money.ErrRange},
		// The range is checked first: a huge negative amount is out of range.
		{"negative and out of range", decimal.New(-1, 101), "amount out of range: exponent 101, outside ±100", money.ErrRange},
		// 901 characters: "-" and 63 nines kept, then the length.
		{"long negative", decimal.RequireFromString("-" + strings.Repeat("9", 900)),
			"churn: negative amount: -" + strings.Repeat("9", 63) + "… (901 characters)", errNeg},
	}
	for _, tt := range tests {
		err := money.Check(tt.d, errNeg)
		assert.Equal(t, tt.want == "", money.Valid(tt.d), tt.name)
		if tt.want == "" {
			assert.NoError(t, err, tt.name)
			continue
		}
		assert.EqualError(t, err, tt.want, tt.name)
		assert.ErrorIs(t, err, tt.is, tt.name)
	}
}

func TestShort(t *testing.T) {
	assert.Equal(t, "-1.50", money.Short(decimal.RequireFromString("-1.50")))
	assert.Equal(t, "1000000", money.Short(decimal.New(1, 6)))
	// 64 characters are written whole; 65 are cut to 64 and counted.
	assert.Equal(t, strings.Repeat("7", 64), money.Short(decimal.RequireFromString(strings.Repeat("7", 64))))
	assert.Equal(t, strings.Repeat("7", 64)+"… (65 characters)", money.Short(decimal.RequireFromString(strings.Repeat("7", 65))))
	// 1e100 is a 1 and 100 zeros: 101 characters.
	assert.Equal(t, "1"+strings.Repeat("0", 63)+"… (101 characters)", money.Short(decimal.New(1, 100)))
}
