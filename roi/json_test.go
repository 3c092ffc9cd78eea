package roi

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/dectest"
	"github.com/stretchr/testify/require"
)

// seedCaseJSON is seedCase as a host writes it.
const seedCaseJSON = `{
  "account": "acme",
  "currency": "JPY",
  "annual_cost": "12000000",
  "scenarios": [
    {
      "name": "visualise the network",
      "metric": {"name": "offline leads", "unit": "leads", "value": "4000"},
      "logic": {
        "kind": "revenue",
        "meeting_rate": {"low": "0.10", "base": "0.15", "high": "0.20"},
        "opportunity_rate": {"low": "0.3", "base": "0.4", "high": "0.5"},
        "win_rate": {"low": "0.2", "base": "0.25", "high": "0.3"},
        "deal_size": {"low": "1000000", "base": "1200000", "high": "1500000"}
      }
    },
    {
      "name": "share the network",
      "metric": {"name": "contacts stored", "unit": "contacts", "value": 20000},
      "logic": {"kind": "reuse", "share_reused": {"low": "0.05", "base": "0.1", "high": "0.15"},
                "cost_to_make": {"low": "5000", "base": "10000", "high": "20000"}}
    }
  ]
}`

func TestCaseJSON(t *testing.T) {
	var c Case
	require.NoError(t, json.Unmarshal([]byte(seedCaseJSON), &c))
	want := seedCase()
	wantText, err := json.Marshal(want)
	require.NoError(t, err)
	gotText, err := json.Marshal(c)
	require.NoError(t, err)
	require.JSONEq(t, string(wantText), string(gotText))
	r1, err := c.Derive()
	require.NoError(t, err)
	r2, err := want.Derive()
	require.NoError(t, err)
	require.Equal(t, r2.Explain(), r1.Explain())
}

func TestCaseJSONErrors(t *testing.T) {
	for _, tc := range []struct {
		name, from, to string
		want           []error
	}{
		{"an unknown key", `"currency": "JPY"`, `"curency": "JPY"`, []error{ErrInvalidCase}},
		{"an unknown logic", `"kind": "revenue"`, `"kind": "profit"`, []error{ErrInvalidCase, ErrUnknownLogic}},
		{"no kind", `"kind": "revenue",`, ``, []error{ErrInvalidCase, ErrMissing}},
		{"a missing rate", `"win_rate": {"low": "0.2", "base": "0.25", "high": "0.3"},`, ``, []error{ErrInvalidCase, ErrMissing}},
		{"a key of another logic", `"kind": "reuse",`, `"kind": "reuse", "win_rate": "0.1",`, []error{ErrInvalidCase}},
		{"a rate above 1", `"high": "0.3"`, `"high": "1.3"`, []error{ErrInvalidCase, ErrRateOutOfRange}},
		{"low > high", `{"low": "0.10", "base": "0.15", "high": "0.20"}`, `{"low": "0.30", "base": "0.15", "high": "0.20"}`, []error{ErrRangeOrder}},
		{"a negative count", `"value": 20000`, `"value": -20000`, []error{ErrInvalidCase, ErrNegative}},
		{"an empty scenario", `"name": "share the network",`, `"name": "",`, []error{ErrInvalidCase, ErrEmptyScenario}},
		{"zero cost", `"annual_cost": "12000000"`, `"annual_cost": "0"`, []error{ErrInvalidCase, ErrCostNotPositive}},
		{"a float cost", `"annual_cost": "12000000"`, `"annual_cost": "1.2e7"`, []error{ErrInvalidCase}},
		{"no logic", `"logic": {"kind": "reuse"`, `"logik": {"kind": "reuse"`, []error{ErrInvalidCase}},
		{"no metric value", `"value": 20000`, `"unit_": 1`, []error{ErrInvalidCase}},
		{"a metric without its value", `, "value": 20000`, ``, []error{ErrInvalidCase, ErrMissing}}, // not zero contacts
		{"a null metric value", `"value": 20000`, `"value": null`, []error{ErrInvalidCase, ErrMissing}},
		{"a null logic", `{"kind": "reuse", "share_reused": {"low": "0.05", "base": "0.1", "high": "0.15"},
                "cost_to_make": {"low": "5000", "base": "10000", "high": "20000"}}`, `null`, []error{ErrInvalidCase, ErrMissing}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(seedCaseJSON, tc.from, tc.to, 1)
			require.NotEqual(t, seedCaseJSON, text, "the edit applies")
			c := Case{Account: "kept"}
			err := json.Unmarshal([]byte(text), &c)
			for _, w := range tc.want {
				require.ErrorIs(t, err, w)
			}
			require.Equal(t, Case{Account: "kept"}, c, "left unchanged")
		})
	}
	// Text after the value: encoding/json refuses it before any decoder
	// runs; the decoder itself refuses it too.
	var c0 Case
	require.ErrorIs(t, c0.UnmarshalJSON([]byte(seedCaseJSON+` {}`)), ErrInvalidCase)

	// A located error inside a decoding error is still found.
	var c Case
	err := json.Unmarshal([]byte(strings.Replace(seedCaseJSON, `"high": "0.3"`, `"high": "1.3"`, 1)), &c)
	var fe *FieldError
	require.True(t, errors.As(err, &fe))
	require.Equal(t, "scenarios[0].logic.win_rate", fe.Field)
	require.EqualError(t, err, `roi: decoding case: account "acme": scenarios[0].logic.win_rate: rate outside [0, 1]: high 1.3`)

	for _, tc := range []struct{ from, to, field string }{
		{`{"low": "0.10", "base": "0.15", "high": "0.20"}`, `{"low": "0.30", "base": "0.15", "high": "0.20"}`, "scenarios[0].logic.meeting_rate"},
		{`"value": 20000`, `"value": -20000`, "scenarios[1].metric.value"},
		{`"win_rate": {"low": "0.2", "base": "0.25", "high": "0.3"},`, ``, "scenarios[0].logic.win_rate"},
		{`"kind": "reuse",`, `"kind": "reus",`, "scenarios[1].logic.kind"},
		{`"name": "share the network",`, ``, "scenarios[1].name"},
		{`, "value": 20000`, ``, "scenarios[1].metric.value"},
	} {
		err := json.Unmarshal([]byte(strings.Replace(seedCaseJSON, tc.from, tc.to, 1)), &c)
		var fe *FieldError
		require.True(t, errors.As(err, &fe), "%v", err)
		require.Equal(t, tc.field, fe.Field, "%v", err)
		require.Equal(t, "acme", fe.ID)
	}
}

func TestMetricJSONValueRequired(t *testing.T) {
	m := Metric{Name: "kept"}
	for _, text := range []string{`{"name": "leads"}`, `{"name": "leads", "value": null}`} {
		err := json.Unmarshal([]byte(text), &m)
		require.ErrorIs(t, err, ErrMissing, text)
		require.ErrorIs(t, err, ErrInvalidScenario, text)
		require.Equal(t, Metric{Name: "kept"}, m, "left unchanged")
	}
}

func TestScenarioJSONHostLogic(t *testing.T) {
	s := Scenario{Name: "s", Metric: Metric{Name: "m", Value: pt("1")}, Logic: hostLogic{}}
	_, err := json.Marshal(s)
	require.ErrorIs(t, err, ErrHostLogic)
	for _, l := range []Logic{&HoursLogic{HourlyCost: pt("5")}, HoursLogic{HourlyCost: pt("5")}} {
		s.Logic = l
		b, err := json.Marshal(s)
		require.NoError(t, err)
		require.Equal(t, `{"name":"s","metric":{"name":"m","value":{"low":"1","base":"1","high":"1"}},"logic":{"kind":"hours","hourly_cost":{"low":"5","base":"5","high":"5"}}}`, string(b))
	}
	var nilHours *HoursLogic
	s.Logic = nilHours
	b, err := json.Marshal(s)
	require.NoError(t, err)
	require.Contains(t, string(b), `"logic":null`)
}

// TestZeroValuesEncode checks that the zero value of every exported type
// encodes, and that those with a decoder of their own read it back (or
// refuse it as invalid, for records whose zero value is not valid input).
func TestZeroValuesEncode(t *testing.T) {
	for _, v := range []any{Range{}, Metric{}, Step{}, Scenario{}, RevenueLogic{}, ReuseLogic{}, HoursLogic{},
		Case{}, Contribution{}, Derivation{}, Payback{}, Paybacks{}, Claim{}, Confirmation{}, ClaimPolicy{},
		Publication{}, Goal{}, Reading{}, Progress{}, Estimate{}, PortfolioConfig{}, Summary{}, Counts{},
		Extreme{}, Effect(0), LogicKind(0), Op(0), Measure(0)} {
		b, err := json.Marshal(v)
		require.NoError(t, err, "%T", v)
		back := reflect.New(reflect.TypeOf(v))
		if err := json.Unmarshal(b, back.Interface()); err != nil {
			require.True(t, slices.ContainsFunc([]error{ErrInvalidScenario, ErrInvalidCase, ErrInvalidClaim, ErrInvalidGoal, ErrInvalidResult},
				func(s error) bool { return errors.Is(err, s) }), "%T: %v", v, err)
			continue
		}
		b2, err := json.Marshal(back.Elem().Interface())
		require.NoError(t, err)
		require.Equal(t, string(b), string(b2), "%T", v)
	}
}

// roundTrip encodes v, decodes it into a new T and encodes that again:
// the two texts must be equal.
func roundTrip[T any](t *testing.T, v T) {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err, "%T", v)
	var back T
	require.NoError(t, json.Unmarshal(b, &back), "%T: %s", v, b)
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	require.Equal(t, string(b), string(b2), "%T", v)
}

func TestRoundTrips(t *testing.T) {
	r, err := seedCase().Derive()
	require.NoError(t, err)
	roundTrip(t, seedCase())
	roundTrip(t, seedCase().Scenarios[0])
	roundTrip(t, seedCase().Scenarios[0].Metric)
	roundTrip(t, seedRevenue())
	roundTrip(t, ReuseLogic{ShareReused: pt("0.1"), CostToMake: pt("1")})
	roundTrip(t, HoursLogic{HourlyCost: pt("1")})
	roundTrip(t, r)
	roundTrip(t, r.Contributions[0])
	roundTrip(t, r.Contributions[0].Steps[2])
	roundTrip(t, r.Payback)
	roundTrip(t, r.Estimate())
	c := seedClaim()
	c.Confirmations = []Confirmation{{Customer: "acme", On: day(2027, time.January, 10), Note: "CFO: that matches"}}
	roundTrip(t, c)
	roundTrip(t, c.Confirmations[0])
	pub, err := ClaimPolicy{MinConfirmations: 1}.Review(c, day(2027, time.March, 1))
	require.NoError(t, err)
	roundTrip(t, pub)
	roundTrip(t, ClaimPolicy{MinConfirmations: 2})
	g := leadsGoal("3000", day(2026, time.September, 30))
	roundTrip(t, g)
	pr, err := g.Progress(day(2027, time.January, 1))
	require.NoError(t, err)
	roundTrip(t, pr)
	s, err := Summarize(PortfolioConfig{}, slices.Values(fourAccounts()))
	require.NoError(t, err)
	roundTrip(t, s)
	roundTrip(t, *s.Lowest)
	roundTrip(t, PortfolioConfig{Cuts: s.Cuts})
	roundTrip(t, EffectCost)
	roundTrip(t, LogicHours)
	roundTrip(t, OpSubtract)
	roundTrip(t, MeasureRate)
}

func TestConfigJSON(t *testing.T) {
	var p ClaimPolicy
	require.NoError(t, json.Unmarshal([]byte(`{"min_confirmations": 5}`), &p))
	require.Equal(t, 5, p.MinConfirmations)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"min_confirmations": -1}`), &p), ErrInvalidConfig)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"min_confirmation": 1}`), &p), ErrInvalidConfig)
	require.Equal(t, 5, p.MinConfirmations, "left unchanged")

	var c PortfolioConfig
	require.NoError(t, json.Unmarshal([]byte(`{"cuts": ["-0.5", "0", 2]}`), &c))
	require.Len(t, c.Cuts, 3)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"cuts": ["1", "0"]}`), &c), ErrInvalidConfig)
	require.NoError(t, json.Unmarshal([]byte(`{}`), &c))
	require.Empty(t, c.Cuts, "empty means the defaults")
}

func TestEnumText(t *testing.T) {
	require.Equal(t, "revenue_increase", EffectRevenue.String())
	require.Equal(t, "%!Effect(9)", Effect(9).String())
	require.False(t, Effect(0).Valid())
	var k LogicKind
	require.ErrorIs(t, k.UnmarshalText([]byte("profit")), ErrUnknownLogic)
	require.EqualError(t, k.UnmarshalText([]byte("profit")), `roi: unknown logic kind "profit"`)
	_, err := Op(9).MarshalText()
	require.ErrorIs(t, err, ErrUnknownOp)
	var m Measure
	require.NoError(t, m.UnmarshalText([]byte("money")))
	require.Equal(t, MeasureMoney, m)
}

// TestStableUnderDecimalGlobals proves the derivation, its explanation,
// the summary and the decoders do not depend on shopspring/decimal's
// package variables.
func TestStableUnderDecimalGlobals(t *testing.T) {
	dectest.Stable(t, func() []byte {
		var c Case
		if err := json.Unmarshal([]byte(seedCaseJSON), &c); err != nil {
			return []byte(err.Error())
		}
		r, err := c.Derive()
		if err != nil {
			return []byte(err.Error())
		}
		out, err := json.Marshal(r)
		if err != nil {
			return []byte(err.Error())
		}
		out = append(out, r.Explain()...)
		s, err := Summarize(PortfolioConfig{}, slices.Values(append(fourAccounts(), r.Estimate())))
		if err != nil {
			return []byte(err.Error())
		}
		b, err := json.Marshal(s)
		if err != nil {
			return []byte(err.Error())
		}
		out = append(out, b...)
		pr, err := leadsGoal("3000.5", day(2026, time.September, 30)).Progress(day(2027, time.January, 1))
		if err != nil {
			return []byte(err.Error())
		}
		b, _ = json.Marshal(pr)
		out = append(out, b...)
		bad := Case{Account: "x", AnnualCost: d("0.000")}
		return append(out, bad.Validate().Error()...)
	})
}

// TestZeroValuesNeverPanic passes the zero value to every entry point: an
// error or a documented result, never a panic.
func TestZeroValuesNeverPanic(t *testing.T) {
	require.ErrorIs(t, Scenario{}.Validate(), ErrEmptyScenario)
	_, err := Case{}.Derive()
	require.ErrorIs(t, err, ErrMissing)
	require.ErrorIs(t, Metric{}.Validate(), ErrMissing)
	require.NoError(t, RevenueLogic{}.Validate(), "zero rates and a zero deal size are a valid, if useless, logic")
	_, err = ClaimPolicy{}.Review(Claim{}, day(2027, time.January, 1))
	require.ErrorIs(t, err, ErrMissing)
	_, err = Goal{}.Progress(day(2027, time.January, 1))
	require.ErrorIs(t, err, ErrMissing)
	require.ErrorIs(t, Estimate{}.Validate(), ErrMissing)
	require.NotEmpty(t, Derivation{}.Explain())
	require.Equal(t, "ROI of 0 accounts: no data\n", Summary{}.Explain(""))
	require.Equal(t, Claim{}, Claim{}.KnownOn(date.Date{}))
	require.NoError(t, PortfolioConfig{}.Validate())
	require.NoError(t, ClaimPolicy{}.Validate())
}

// TestDecodeErrorsNameRecordAndField checks that a value that does not
// decode (an amount written "1e5" or " 12 ", a day that does not exist, a
// range with a stray key) or is missing is reported with the record's ID
// and the field's JSON path, as a validation error is.
func TestDecodeErrorsNameRecordAndField(t *testing.T) {
	hours := func(metric, cost string) string {
		return `{"name": "s", "metric": {"name": "hours saved", "value": ` + metric + `}, "logic": {"kind": "hours", "hourly_cost": ` + cost + `}}`
	}
	kase := func(cost, scenario string) string {
		return `{"account": "acme", "annual_cost": ` + cost + `, "scenarios": [` + scenario + `]}`
	}
	goal := func(baseline string) string {
		return `{"account": "acme", "name": "leads", "baseline": ` + baseline + `, "current": {"value": "3", "on": "2026-09-30"}, "target": {"value": "5", "on": "2027-04-01"}}`
	}
	for _, tc := range []struct {
		name, text string
		into       any
		want       string
		is         error
	}{
		{"an amount with an exponent", kase(`"1e5"`, hours(`"1"`, `"1"`)), new(Case),
			`roi: decoding case: account "acme": annual_cost: not a decimal amount: "1e5"`, ErrInvalidCase},
		{"an amount with spaces", kase(`" 12 "`, hours(`"1"`, `"1"`)), new(Case),
			`roi: decoding case: account "acme": annual_cost: not a decimal amount: " 12 "`, ErrInvalidCase},
		{"no annual cost", `{"account": "acme", "scenarios": [` + hours(`"1"`, `"1"`) + `]}`, new(Case),
			`roi: decoding case: account "acme": annual_cost: missing value`, ErrMissing},
		{"a bad metric value", kase(`"100"`, hours(`"1x"`, `"1"`)), new(Case),
			`roi: decoding case: account "acme": scenarios[0].metric.value: not a decimal amount: "1x"`, ErrInvalidCase},
		{"a range point missing", kase(`"100"`, hours(`{"low": "1", "base": "2"}`, `"1"`)), new(Case),
			`roi: decoding case: account "acme": scenarios[0].metric.value.high: missing value`, ErrMissing},
		{"a stray key in a range", kase(`"100"`, hours(`"1"`, `{"low": "1", "base": "2", "high": "3", "x": 1}`)), new(Case),
			`roi: decoding case: account "acme": scenarios[0].logic.hourly_cost: json: unknown field "x"`, ErrInvalidCase},
		{"a bad rate", kase(`"100"`, `{"name": "s", "metric": {"name": "leads", "value": "1"}, "logic": {"kind": "revenue", "meeting_rate": "abc", "opportunity_rate": "1", "win_rate": "1", "deal_size": "1"}}`), new(Case),
			`roi: decoding case: account "acme": scenarios[0].logic.meeting_rate: not a decimal amount: "abc"`, ErrInvalidCase},
		{"a scenario alone", hours(`"1"`, `"x"`), new(Scenario),
			`roi: decoding scenario: logic.hourly_cost: not a decimal amount: "x"`, ErrInvalidScenario},
		{"a logic alone", `{"kind": "reuse", "share_reused": "0.1", "cost_to_make": "1e3"}`, new(ReuseLogic),
			`roi: decoding reuse logic: cost_to_make: not a decimal amount: "1e3"`, ErrInvalidScenario},
		{"an estimate's benefit", `{"account": "a1", "benefit": "x", "annual_cost": "1"}`, new(Estimate),
			`roi: decoding estimate: account "a1": benefit: not a decimal amount: "x"`, ErrInvalidCase},
		{"an estimate's cost", `{"account": "a1", "benefit": "1", "annual_cost": "-"}`, new(Estimate),
			`roi: decoding estimate: account "a1": annual_cost: not a decimal amount: "-"`, ErrInvalidCase},
		{"a day that does not exist", goal(`{"value": "1", "on": "2026-04-31"}`), new(Goal),
			`roi: decoding goal: account "acme": baseline.on: date: day out of range for month: 2026-04-31`, ErrInvalidGoal},
		{"a goal's bad value", goal(`{"value": "1,000", "on": "2026-04-01"}`), new(Goal),
			`roi: decoding goal: account "acme": baseline.value: not a decimal amount: "1,000"`, ErrInvalidGoal},
		{"a reading alone", `{"value": "1", "on": "April"}`, new(Reading),
			`roi: decoding reading: on: date: not a date of the form YYYY-MM-DD: "April"`, ErrInvalidGoal},
		{"a confirmation's day", `{"id": "c1", "statement": "s", "scenario": ` + hours(`"1"`, `"1"`) + `, "confirmations": [{"customer": "a", "on": "2027-01-10"}, {"customer": "b", "on": "2027-02-30"}]}`, new(Claim),
			`roi: decoding claim: claim "c1": confirmations[1].on: date: day out of range for month: 2027-02-30`, ErrInvalidClaim},
		{"a cut", `{"cuts": ["0", "1e2"]}`, new(PortfolioConfig),
			`roi: decoding portfolio config: cuts[1]: not a decimal amount: "1e2"`, ErrInvalidConfig},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := json.Unmarshal([]byte(tc.text), tc.into)
			require.EqualError(t, err, tc.want)
			require.ErrorIs(t, err, tc.is)
			var fe *FieldError
			require.True(t, errors.As(err, &fe), "a *FieldError: %v", err)
		})
	}
}

// TestDecodeErrorsQuoteLittle checks that a hostile 64 KiB (a megabyte
// would do the same, slower) in place of an amount, a range's point or a
// day makes a short error, not a 64 KiB one.
func TestDecodeErrorsQuoteLittle(t *testing.T) {
	huge := `"1` + strings.Repeat("0", 1<<16) + `"`
	scenario := func(value string) string {
		return `{"name": "s", "metric": {"name": "hours saved", "value": ` + value + `}, "logic": {"kind": "hours", "hourly_cost": "1"}}`
	}
	for _, tc := range []struct {
		name, text, field string
		into              any
	}{
		{"an annual cost", `{"account": "acme", "annual_cost": ` + huge + `, "scenarios": [` + scenario(`"1"`) + `]}`, "annual_cost", new(Case)},
		{"a point range", `{"account": "acme", "annual_cost": "1", "scenarios": [` + scenario(huge) + `]}`, "scenarios[0].metric.value", new(Case)},
		{"a range's low", `{"account": "acme", "annual_cost": "1", "scenarios": [` + scenario(`{"low": `+huge+`, "base": "1", "high": "1"}`) + `]}`, "scenarios[0].metric.value.low", new(Case)},
		{"a range alone", huge, "", new(Range)},
		{"a day", `{"value": "1", "on": ` + huge + `}`, "on", new(Reading)},
		{"a cut", `{"cuts": [` + huge + `]}`, "cuts[0]", new(PortfolioConfig)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := json.Unmarshal([]byte(tc.text), tc.into)
			require.Error(t, err)
			require.Less(t, len(err.Error()), 300, "%.300s", err)
			require.Contains(t, err.Error(), `: "1000000000`)
			require.Contains(t, err.Error(), "…\" (65537 bytes)") // "1" and 2^16 zeros
			if tc.field != "" {
				var fe *FieldError
				require.True(t, errors.As(err, &fe), "%v", err)
				require.Equal(t, tc.field, fe.Field)
			}
		})
	}
}

// TestDecodeErrorIsShort: encoding/json quotes all of an unknown key; the
// decoder's error keeps 200 bytes of its message.
func TestDecodeErrorIsShort(t *testing.T) {
	var c Claim
	err := json.Unmarshal([]byte(`{"`+strings.Repeat("k", 1<<20)+`":1}`), &c)
	require.ErrorIs(t, err, ErrInvalidClaim)
	// `json: unknown field "` is 21 bytes; 179 k's make the 200 kept.
	require.EqualError(t, err, `roi: decoding claim: json: unknown field "`+strings.Repeat("k", 179)+"…")
}
