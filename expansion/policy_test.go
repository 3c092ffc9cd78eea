package expansion

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultPolicy(t *testing.T) {
	zero, err := Policy{}.settings()
	require.NoError(t, err)
	def, err := DefaultPolicy().settings()
	require.NoError(t, err)
	assert.True(t, zero.same(def), "the zero policy means the defaults written out")
	assert.Equal(t, "0.4", def.underValue.String())
	assert.Equal(t, "0.8", def.nearValue.String())
	assert.EqualValues(t, 10, def.minRoom)
	assert.Equal(t, 10, def.top)
	assert.Equal(t, uint8(1<<SignalOnboarded|1<<SignalGoalProgress), def.readiness)
	assert.Equal(t, "0.05", def.yield.String())
	empty, err := Policy{Readiness: []Signal{}}.settings()
	require.NoError(t, err)
	assert.Zero(t, empty.readiness, "an empty non-nil list requires nothing")
}

func TestPolicyValidate(t *testing.T) {
	tests := []struct {
		name  string
		p     Policy
		field string
		err   error
	}{
		{"negative under", Policy{UnderUsedBelow: dec("-0.1")}, "under_used_below", ErrNegative},
		{"under above near", Policy{UnderUsedBelow: dec("0.9")}, "under_used_below", ErrInvalidPolicy}, // 0.9 > default 0.8
		{"near below under", Policy{NearLimitAbove: dec("0.3")}, "under_used_below", ErrInvalidPolicy}, // default 0.4 > 0.3
		{"rate out of range", Policy{NearLimitAbove: dec("1e200")}, "near_limit_above", ErrAmountOutOfRange},
		{"yield above one", Policy{SeminarYield: dec("1.5")}, "seminar_yield", ErrInvalidPolicy},
		{"negative min room", Policy{MinRoom: -1}, "min_room", ErrNegative},
		{"huge min room", Policy{MinRoom: MaxPeople + 1}, "min_room", ErrTooLarge},
		{"negative top", Policy{Top: -1}, "top", ErrNegative},
		{"huge top", Policy{Top: 1001}, "top", ErrTooLarge},
		{"unknown signal", Policy{Readiness: []Signal{SignalOnboarded, 9}}, "readiness[1]", ErrUnknown},
		{"signal twice", Policy{Readiness: []Signal{SignalOnboarded, SignalOnboarded}}, "readiness[1]", ErrDuplicate},
		{"product loss", Policy{ProductLoss: 5}, "product_loss", ErrUnknown},
		{"netting", Policy{Netting: 5}, "netting", ErrUnknown},
		{"grouping", Policy{Grouping: Grouping{Seats: 7}}, "grouping.seats", ErrUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			require.ErrorIs(t, err, tt.err)
			require.ErrorIs(t, err, ErrInvalidPolicy)
			var fe *FieldError
			require.True(t, errors.As(err, &fe))
			assert.Equal(t, tt.field, fe.Field)
			_, err = NewMovementBook(tt.p, day1, day2)
			assert.ErrorIs(t, err, tt.err)
			_, err = NewChangeBook(tt.p)
			assert.ErrorIs(t, err, tt.err)
		})
	}
	assert.EqualError(t, Policy{Readiness: []Signal{1, 1}}.Validate(),
		"expansion: readiness[1]: invalid policy: listed twice: signal onboarded")
	assert.NoError(t, Policy{UnderUsedBelow: dec("0.8")}.Validate(), "equal cut-offs leave an empty healthy band, allowed")
}

func TestPolicyJSON(t *testing.T) {
	var p Policy
	require.NoError(t, json.Unmarshal([]byte(`{"near_limit_above":"0.9","product_loss":"churn","readiness":["requested"]}`), &p))
	assert.Equal(t, "0.9", p.NearLimitAbove.String())
	assert.Equal(t, ProductLossChurn, p.ProductLoss)
	assert.Equal(t, []Signal{SignalRequested}, p.Readiness)
	assert.True(t, p.UnderUsedBelow.IsZero(), "missing keys stay zero and mean their defaults")

	b, err := json.Marshal(DefaultPolicy())
	require.NoError(t, err)
	assert.JSONEq(t, `{"grouping":{"seats":"expansion","unit_price":"upsell","option":"upsell","product":"cross-sell","usage":"expansion"},
		"under_used_below":"0.40","near_limit_above":"0.80","min_room":10,"top":10,"readiness":["onboarded","goal-progress"],
		"product_loss":"contraction","netting":"account","seminar_yield":"0.05"}`, string(b))
	var back Policy
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, string(b), mustJSON(t, back))

	zero, err := json.Marshal(Policy{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"grouping":{"seats":"","unit_price":"","option":"","product":"","usage":""},"under_used_below":"0","near_limit_above":"0",
		"min_room":0,"top":0,"readiness":null,"product_loss":"contraction","netting":"account","seminar_yield":"0"}`, string(zero))

	p = DefaultPolicy()
	for _, bad := range []string{`{"top":-1}`, `{"nope":1}`, `{"netting":"x"}`, `{"seminar_yield":"abc"}`, `{"grouping":{"seats":"more"}}`} {
		err := json.Unmarshal([]byte(bad), &p)
		assert.ErrorIs(t, err, ErrInvalidPolicy, bad)
	}
	assert.ErrorIs(t, p.UnmarshalJSON([]byte(`{} {}`)), ErrInvalidPolicy, "trailing data")
	assert.Equal(t, 10, p.Top, "a refused decode leaves the policy alone")
}

func TestThreshold(t *testing.T) {
	tests := []struct {
		rate     string
		num, den int64
		want     int
	}{
		{"0.40", 4, 10, 0},
		{"0.40", 39, 100, -1},
		{"0.4", 41, 100, 1},
		{"0.8", 80, 100, 0},
		{"0.8", 81, 100, 1},
		{"1", 10, 10, 0},
		{"2e1", 21, 1, 1},                                 // 20 < 21
		{"0.3333333333333333333333", 1, 3, 1},             // more than 18 digits: the decimal path
		{"0.0000000000000000001", 0, 1, -1},               // 19 places: the decimal path
		{"0.5", MaxPeople, 2 * MaxPeople, 0},              // large counts multiply in 128 bits
		{"0.999999999999999999", MaxPeople, MaxPeople, 1}, // 18 places
	}
	for _, tt := range tests {
		th := newThreshold(dec(tt.rate))
		assert.Equal(t, tt.want, th.cmp(tt.num, tt.den), "%d/%d vs %s", tt.num, tt.den, tt.rate)
		assert.Equal(t, tt.want, decFromInts(tt.num, tt.den, dec(tt.rate)), "reference")
	}
	assert.Zero(t, testing.AllocsPerRun(100, func() { newThreshold(defaultNearLimit).cmp(79, 100) }))
}

// decFromInts compares num/den with rate in exact decimals.
func decFromInts(num, den int64, rate decimal.Decimal) int {
	return decimal.NewFromInt(num).Cmp(rate.Mul(decimal.NewFromInt(den)))
}
