package churn

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/cskit/cskit/internal/dectest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultPolicy(t *testing.T) {
	p := DefaultPolicy()
	assert.Equal(t, "0.6", p.Weights.A.String())
	assert.Equal(t, "0.8", p.Weights.B.String())
	assert.Equal(t, "0.95", p.Weights.C.String())
	assert.Equal(t, 1, p.KeyTier)
	assert.True(t, p.KeyARR.IsZero())
	assert.Len(t, p.Plays, 9)
	assert.Equal(t, "0.20", p.Benchmark.Low.StringFixed(2))
	assert.Equal(t, "0.30", p.Benchmark.High.StringFixed(2))
	require.NoError(t, p.Validate())
	require.NoError(t, Policy{}.Validate())
	for _, pl := range p.Plays {
		assert.Equal(t, pl.Phase != PhaseA && pl.Name != "exit-interview" && pl.Name != "graceful-offboarding", pl.KeyOnly, pl.Name)
	}
	// The defaults a zero Policy means are those written out.
	zero, err := json.Marshal(Policy{}.resolved())
	require.NoError(t, err)
	def, err := json.Marshal(p)
	require.NoError(t, err)
	assert.Equal(t, string(def), string(zero))
}

func TestPolicyValidate(t *testing.T) {
	tests := []struct {
		name string
		p    Policy
		err  error
		msg  string
	}{
		{"weight above one", Policy{Weights: Weights{A: dec("0.5"), B: dec("0.9"), C: dec("1.01")}}, ErrInvalidPolicy,
			`churn: weights.c: invalid policy: weight 1.01 outside [0, 1]`},
		{"negative weight", Policy{Weights: Weights{A: dec("-0.1"), B: dec("0.9"), C: dec("1")}}, ErrInvalidPolicy,
			`churn: weights.a: invalid policy: weight -0.1 outside [0, 1]`},
		{"falling weights", Policy{Weights: Weights{A: dec("0.5"), B: dec("0.4"), C: dec("1")}}, ErrInvalidPolicy,
			`churn: weights: invalid policy: weights 0.5, 0.4, 1 fall from A to C`},
		{"partial weights are as written", Policy{Weights: Weights{A: dec("0.7")}}, ErrInvalidPolicy,
			`churn: weights: invalid policy: weights 0.7, 0, 0 fall from A to C`},
		{"huge weight", Policy{Weights: Weights{C: dec("1e-200")}}, ErrAmountOutOfRange,
			`churn: weights.c: invalid policy: amount out of range: exponent -200, outside ±100`},
		{"negative key tier", Policy{KeyTier: -1}, ErrInvalidPolicy, `churn: key_tier: invalid policy: key tier -1`},
		{"negative key ARR", Policy{KeyARR: yen(-1)}, ErrNegativeAmount, `churn: key_arr: invalid policy: negative amount: -1`},
		{"play without phase", Policy{Plays: []Play{{Name: "x", Action: "y"}}}, ErrUnknownPhase,
			`churn: plays[0].phase: invalid policy: unknown phase: none given, for play "x"`},
		{"play without name", Policy{Plays: []Play{{Phase: PhaseA, Action: "y"}}}, ErrInvalidPolicy,
			`churn: plays[0].name: invalid policy: a play of phase a has no name`},
		{"play without action", Policy{Plays: []Play{{Phase: PhaseA, Name: "x"}}}, ErrInvalidPolicy,
			`churn: plays[0].action: invalid policy: play "x" of phase a has no action`},
		{"play twice", Policy{Plays: []Play{{PhaseA, "x", "y", false}, {PhaseB, "x", "y", false}, {PhaseA, "x", "z", true}}}, ErrInvalidPolicy,
			`churn: plays[2].name: invalid policy: play "x" listed twice for phase a`},
		{"benchmark upside down", Policy{Benchmark: Benchmark{Low: dec("0.3"), High: dec("0.2")}}, ErrInvalidPolicy,
			`churn: benchmark: invalid policy: low 0.3 above high 0.2`},
		{"benchmark above one", Policy{Benchmark: Benchmark{Low: dec("0.3"), High: dec("2")}}, ErrInvalidPolicy,
			`churn: benchmark.high: invalid policy: save rate 2 outside [0, 1]`},
	}
	for _, tt := range tests {
		err := tt.p.Validate()
		require.ErrorIs(t, err, tt.err, tt.name)
		require.ErrorIs(t, err, ErrInvalidPolicy, tt.name)
		assert.EqualError(t, err, tt.msg, tt.name)
	}
	// At most MaxPlays plays, so that the check every move makes stays small.
	var plays []Play
	for i := range MaxPlays + 1 {
		plays = append(plays, Play{Phase: PhaseA, Name: fmt.Sprint("p", i), Action: "y"})
	}
	require.NoError(t, Policy{Plays: plays[:MaxPlays]}.Validate())
	err := Policy{Plays: plays}.Validate()
	require.ErrorIs(t, err, ErrInvalidPolicy)
	assert.EqualError(t, err, "churn: plays: invalid policy: 101 plays; a policy holds at most 100")
	// A hostile play name is quoted short, called directly or in a policy.
	long := strings.Repeat("x", 1<<20)
	assert.Less(t, len(Play{Phase: PhaseA, Name: long}.Validate().Error()), 200)
	assert.Less(t, len(Play{Name: long, Action: "y"}.Validate().Error()), 200)
	twice := Policy{Plays: []Play{{PhaseA, long, "y", false}, {PhaseA, long, "y", false}}}
	assert.Less(t, len(twice.Validate().Error()), 300)
	// Zero weights for A and B with C set are valid: A and B leave the forecast.
	require.NoError(t, Policy{Weights: Weights{C: dec("1")}}.Validate())
}

func TestPolicyJSON(t *testing.T) {
	b, err := json.Marshal(Policy{})
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(b))

	in := `{"weights":{"a":"0.5","b":"0.75","c":"1"},"key_tier":2,"key_arr":"5000000",` +
		`"plays":[{"phase":"b","name":"qbr","action":"Run an executive business review.","key_only":true}],` +
		`"benchmark":{"low":"0.25","high":"0.35"},"skip_duplicate_check":true}`
	var p Policy
	require.NoError(t, json.Unmarshal([]byte(in), &p))
	assert.Equal(t, "0.75", p.Weights.B.String())
	assert.Equal(t, 2, p.KeyTier)
	assert.Equal(t, "5000000", p.KeyARR.String())
	require.Len(t, p.Plays, 1)
	assert.True(t, p.Plays[0].KeyOnly)
	assert.True(t, p.SkipDuplicateCheck)
	out, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))

	// No plays at all survives a round trip.
	b, err = json.Marshal(Policy{Plays: []Play{}})
	require.NoError(t, err)
	assert.Equal(t, `{"plays":[]}`, string(b))
	var none Policy
	require.NoError(t, json.Unmarshal(b, &none))
	assert.NotNil(t, none.Plays)
	assert.Empty(t, none.Plays)

	bad := []struct {
		name, in string
		err      error
	}{
		{"unknown key", `{"weight":{"a":"0.5"}}`, ErrInvalidPolicy},
		{"weight key", `{"weights":{"d":"0.5"}}`, ErrInvalidPolicy},
		{"weight as float text", `{"weights":{"a":"1e-1","b":"0.5","c":"1"}}`, ErrInvalidPolicy},
		{"weight above one", `{"weights":{"a":"0.5","b":"0.5","c":"1.5"}}`, ErrInvalidPolicy},
		{"play phase", `{"plays":[{"phase":"d","name":"x","action":"y"}]}`, ErrUnknownPhase},
		{"play key", `{"plays":[{"phase":"a","name":"x","action":"y","owner":"z"}]}`, ErrInvalidPolicy},
		{"benchmark", `{"benchmark":{"low":"0.5","high":"0.4"}}`, ErrInvalidPolicy},
		{"key ARR", `{"key_arr":"-5"}`, ErrNegativeAmount},
	}
	for _, tt := range bad {
		kept := Policy{KeyTier: 7}
		err := json.Unmarshal([]byte(tt.in), &kept)
		require.ErrorIs(t, err, tt.err, tt.name)
		require.ErrorIs(t, err, ErrInvalidPolicy, tt.name)
		assert.Equal(t, 7, kept.KeyTier, "%s: left unchanged", tt.name)
		assert.True(t, strings.HasPrefix(err.Error(), "churn: decoding "), err.Error())
	}

	// An error names the field to blame, also where an amount's or an
	// enum's own decoder refused the value, in JSON's words.
	located := []struct{ in, msg string }{
		{`{"weights":{"a":"1e-1","b":"0.5","c":"1"}}`, `churn: decoding policy: weights.a: not a decimal amount: "1e-1"`},
		{`{"weights":{"a":"0.5","b":"0.5","c":"1.5"}}`, `churn: decoding policy: weights.c: invalid policy: weight 1.5 outside [0, 1]`},
		{`{"key_tier":"2"}`, `churn: decoding policy: key_tier: a JSON string where a whole number belongs`},
		{`{"plays":[{"phase":"a","name":"x","action":"y"},{"phase":"d","name":"z","action":"y"}]}`,
			`churn: decoding policy: plays[1].phase: unknown phase "d"`},
		{`{"plays":[{"phase":"a","name":"x","action":"y","owner":"z"}]}`, `churn: decoding policy: plays[0]: json: unknown field "owner"`},
		{`{"benchmark":{"low":"0.5","high":"x"}}`, `churn: decoding policy: benchmark.high: not a decimal amount: "x"`},
	}
	for _, tt := range located {
		err := json.Unmarshal([]byte(tt.in), new(Policy))
		require.ErrorIs(t, err, ErrInvalidPolicy, tt.in)
		assert.EqualError(t, err, tt.msg, tt.in)
	}
}

func TestPolicyStable(t *testing.T) {
	dectest.Stable(t, func() []byte {
		b, _ := json.Marshal(DefaultPolicy())
		var p Policy
		if err := json.Unmarshal([]byte(`{"weights":{"a":"0.50","b":"0.750","c":"1"},"key_arr":"1200000.00"}`), &p); err != nil {
			return append(b, err.Error()...)
		}
		b2, _ := json.Marshal(p)
		b = append(b, b2...)
		return append(b, Policy{Weights: Weights{A: dec("0.125"), B: dec("0.1"), C: dec("1")}}.Validate().Error()...)
	})
}
