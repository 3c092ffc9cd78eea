package renewal

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Decoders of every type with a validating UnmarshalJSON, each into a
// fresh value.
var (
	decContract   = func(b []byte) error { var v Contract; return json.Unmarshal(b, &v) }
	decRenewal    = func(b []byte) error { var v Renewal; return json.Unmarshal(b, &v) }
	decPolicy     = func(b []byte) error { var v Policy; return json.Unmarshal(b, &v) }
	decCompletion = func(b []byte) error { var v Completion; return json.Unmarshal(b, &v) }
	decCall       = func(b []byte) error { var v Call; return json.Unmarshal(b, &v) }
	decOutcome    = func(b []byte) error { var v Outcome; return json.Unmarshal(b, &v) }
	decForecast   = func(b []byte) error { var v Forecast; return json.Unmarshal(b, &v) }
	decTotals     = func(b []byte) error { var v Totals; return json.Unmarshal(b, &v) }
	decKPIs       = func(b []byte) error { var v KPIs; return json.Unmarshal(b, &v) }
	decRatio      = func(b []byte) error { var v AmountRatio; return json.Unmarshal(b, &v) }
	decTally      = func(b []byte) error { var v Tally; return json.Unmarshal(b, &v) }
)

// A valid contract object, to nest in renewal records.
const decC = `"contract":{"id":"x","start":"2026-01-01","term_months":12,"arr":"1"}`

// TestJSONErrorsWrapSentinels checks that every error of a decoder of this
// package wraps the type's sentinel, and the lower (date, money) error that
// stopped it.
func TestJSONErrorsWrapSentinels(t *testing.T) {
	tests := []struct {
		name   string
		decode func([]byte) error
		in     string
		is     []error
	}{
		// Contract: ErrInvalidContract, whatever stopped it.
		{"contract month 13", decContract, `{"id":"x","start":"2026-13-01","term_months":12}`,
			[]error{ErrInvalidContract, ErrInvalidMonth, date.ErrInvalidMonth}},
		{"contract day 30 of February", decContract, `{"id":"x","start":"2026-02-30","term_months":12}`,
			[]error{ErrInvalidContract, date.ErrInvalidDay}},
		{"contract date syntax", decContract, `{"id":"x","start":"2026/01/01","term_months":12}`,
			[]error{ErrInvalidContract, date.ErrSyntax}},
		{"contract ARR exponent", decContract, `{"id":"x","start":"2026-01-01","term_months":12,"arr":"1e6"}`,
			[]error{ErrInvalidContract, money.ErrSyntax}},
		{"contract negative notice", decContract, `{"id":"x","start":"2026-01-01","term_months":12,"notice":"P-1D"}`,
			[]error{ErrInvalidContract, date.ErrInvalidPeriod}},
		{"contract term as text", decContract, `{"id":"x","start":"2026-01-01","term_months":"twelve"}`,
			[]error{ErrInvalidContract}},
		{"contract not an object", decContract, `[]`, []error{ErrInvalidContract}},
		{"contract null", decContract, `null`, []error{ErrInvalidContract}},
		{"contract negative ARR", decContract, `{"id":"x","start":"2026-01-01","term_months":12,"arr":"-1"}`,
			[]error{ErrInvalidContract, ErrNegativeAmount}},
		{"contract renews before start", decContract, `{"id":"x","start":"2026-01-01","renewal_date":"2025-01-01"}`,
			[]error{ErrInvalidContract, ErrRenewalBeforeStart}},
		{"contract fiscal month 13", decContract, `{"id":"x","start":"2026-01-01","term_months":12,"fiscal_year_end":13}`,
			[]error{ErrInvalidContract, ErrInvalidMonth, date.ErrInvalidMonth}},

		// Policy: ErrInvalidPolicy.
		{"policy period in words", decPolicy, `{"window":"3 months"}`, []error{ErrInvalidPolicy, date.ErrInvalidPeriod}},
		{"policy negative period", decPolicy, `{"late":"P-14D"}`, []error{ErrInvalidPolicy, date.ErrInvalidPeriod}},
		{"policy step offset", decPolicy, `{"steps":[{"activity":"usage-review","offset":"soon"}]}`,
			[]error{ErrInvalidPolicy, date.ErrInvalidPeriod}},
		{"policy checkpoint", decPolicy, `{"checkpoints":["P1H"]}`, []error{ErrInvalidPolicy, date.ErrInvalidPeriod}},
		{"policy unknown activity", decPolicy, `{"steps":[{"activity":"lunch","offset":"P1D"}]}`,
			[]error{ErrInvalidPolicy, ErrUnknownActivity}},
		{"policy flag as text", decPolicy, `{"ignore_fiscal_year":"yes"}`, []error{ErrInvalidPolicy}},
		{"policy late beyond window", decPolicy, `{"late":"P1Y"}`, []error{ErrInvalidPolicy}},

		// Records: ErrInvalidRecord.
		{"completion month 13", decCompletion, `{"activity":"usage-review","date":"2027-13-05"}`,
			[]error{ErrInvalidRecord, ErrInvalidMonth, date.ErrInvalidMonth}},
		{"completion activity as a number", decCompletion, `{"activity":3,"date":"2027-01-05"}`, []error{ErrInvalidRecord}},
		{"completion unknown activity", decCompletion, `{"activity":"lunch","date":"2027-01-05"}`,
			[]error{ErrInvalidRecord, ErrUnknownActivity}},
		{"completion without date", decCompletion, `{"activity":"usage-review"}`, []error{ErrInvalidRecord, ErrMissingDate}},
		{"call day 31 of April", decCall, `{"date":"2027-04-31","amount":"1","category":"commit"}`,
			[]error{ErrInvalidRecord, date.ErrInvalidDay}},
		{"call amount exponent", decCall, `{"date":"2027-04-01","amount":"1e3","category":"commit"}`,
			[]error{ErrInvalidRecord, money.ErrSyntax}},
		{"call unknown category", decCall, `{"date":"2027-04-01","amount":"1","category":"maybe"}`, []error{ErrInvalidRecord}},
		{"call negative", decCall, `{"date":"2027-04-01","amount":"-1","category":"commit"}`,
			[]error{ErrInvalidRecord, ErrNegativeAmount}},
		{"outcome unknown result", decOutcome, `{"result":"won"}`, []error{ErrInvalidRecord}},
		{"outcome month 0", decOutcome, `{"result":"churned","date":"2027-00-01"}`,
			[]error{ErrInvalidRecord, ErrInvalidMonth, date.ErrInvalidMonth}},
		{"outcome negative", decOutcome, `{"result":"renewed","date":"2027-01-01","final":"-1"}`,
			[]error{ErrInvalidRecord, ErrNegativeAmount}},
		{"renewal with a bad contract date", decRenewal, `{"contract":{"id":"x","start":"2026-13-01","term_months":12}}`,
			[]error{ErrInvalidRecord, ErrInvalidContract, ErrInvalidMonth, date.ErrInvalidMonth}},
		{"renewal with an invalid contract", decRenewal, `{"contract":{"id":"x","start":"2026-01-01","term_months":12,"arr":"-1"}}`,
			[]error{ErrInvalidRecord, ErrInvalidContract, ErrNegativeAmount}},
		{"renewal target exponent", decRenewal, `{` + decC + `,"target":"1e3"}`, []error{ErrInvalidRecord, money.ErrSyntax}},
		{"renewal due not a day", decRenewal, `{` + decC + `,"due":"2027-02-29"}`, []error{ErrInvalidRecord, date.ErrInvalidDay}},
		{"renewal due not a renewal", decRenewal, `{` + decC + `,"due":"2027-02-01"}`, []error{ErrInvalidRecord}},
		{"renewal completion month 13", decRenewal, `{` + decC + `,"completions":[{"activity":"usage-review","date":"2026-13-01"}]}`,
			[]error{ErrInvalidRecord, date.ErrInvalidMonth}},
		{"renewal call without date", decRenewal, `{` + decC + `,"calls":[{"amount":"1","category":"commit"}]}`,
			[]error{ErrInvalidRecord, ErrMissingDate}},
		{"renewal outcome", decRenewal, `{` + decC + `,"due":"2027-01-01","outcome":{"result":"churned","date":"2027-01-01","final":"5"}}`,
			[]error{ErrInvalidRecord}},
		{"renewal outcome without due", decRenewal, `{` + decC + `,"outcome":{"result":"churned","date":"2027-01-01"}}`,
			[]error{ErrInvalidRecord, ErrMissingDate}},
		{"renewal not an object", decRenewal, `"x"`, []error{ErrInvalidRecord}},
		{"forecast not an object", decForecast, `[]`, []error{ErrInvalidRecord}},
		{"forecast bad as_of", decForecast, `{"as_of":"2027-13-01"}`, []error{ErrInvalidRecord, date.ErrInvalidMonth}},
		{"forecast bad calendar", decForecast, `{"as_of":"2027-01-01","range":{"from":"2027-04-01","to":"2028-04-01"},"fiscal":{"end_month":13},"months":[]}`,
			[]error{ErrInvalidRecord, date.ErrInvalidFiscalCalendar, ErrInvalidMonth}},
		{"forecast no as_of", decForecast, `{"range":{"from":"2027-04-01","to":"2028-04-01"},"months":[]}`, []error{ErrInvalidRecord, ErrMissingDate}},
		{"totals amount", decTotals, `{"target":"abc"}`, []error{ErrInvalidRecord, money.ErrSyntax}},
		// KPIs, ratios and tallies read amounts with this package's reader:
		// no exponent, whatever decimal.MaxDecodeExponent says.
		{"KPIs amount 1e400", decKPIs, `{"lost_arr":"1e400"}`, []error{ErrInvalidRecord, money.ErrSyntax}},
		{"KPIs amount out of range", decKPIs, `{"lost_arr":"0.` + strings.Repeat("0", 100) + `1"}`, []error{ErrInvalidRecord, ErrAmountOutOfRange}},
		{"KPIs ratio 1e400", decKPIs, `{"net_renewal_arr":{"num":"1e400","den":"1"}}`, []error{ErrInvalidRecord, money.ErrSyntax}},
		{"KPIs unknown key", decKPIs, `{"grr":"1"}`, []error{ErrInvalidRecord}},
		{"ratio 1e400", decRatio, `{"num":1e400,"den":"1"}`, []error{ErrInvalidRecord, money.ErrSyntax}},
		{"tally ARR 1e400", decTally, `{"late":{"contracts":1,"arr":"1e400"}}`, []error{ErrInvalidRecord, money.ErrSyntax}},
		{"tally negative count", decTally, `{"late":{"contracts":-1,"arr":"1"}}`, []error{ErrInvalidRecord}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.decode([]byte(tt.in))
			require.Error(t, err)
			for _, want := range tt.is {
				assert.ErrorIs(t, err, want)
			}
			assert.Regexp(t, `^(renewal|date): `, err.Error())
		})
	}
}

// TestJSONDecodeErrorMessages pins the text of decoding errors: the kind of
// value, then the problem, each package prefix once.
func TestJSONDecodeErrorMessages(t *testing.T) {
	tests := []struct {
		name   string
		decode func([]byte) error
		in     string
		want   string
	}{
		{"date", decContract, `{"id":"x","start":"2026-13-01","term_months":12}`,
			`renewal: decoding contract: contract "x": start: date: month out of range 1..12: 13`},
		{"amount", decContract, `{"id":"x","start":"2026-01-01","term_months":12,"arr":"1e6"}`,
			`renewal: decoding contract: contract "x": arr: not a decimal amount: "1e6"`},
		{"nested record", decRenewal, `{` + decC + `,"completions":[{"activity":"usage-review","date":"2026-13-01"}]}`,
			`renewal: decoding renewal: contract "x": completions: date: month out of range 1..12: 13`},
		{"nested amount", decRenewal, `{` + decC + `,"calls":[{"date":"2026-06-01","amount":"1e3","category":"commit"}]}`,
			`renewal: decoding renewal: contract "x": calls: not a decimal amount: "1e3"`},
		{"field", decContract, `{"id":"x","start":"2026-01-01","term_months":12,"arr":"-1"}`,
			`renewal: decoding contract: contract "x": arr: negative amount: -1`},
		{"unknown key", decContract, `{"id":"x","start":"2026-01-01","term_months":12,"notice_period":"P2M"}`,
			`renewal: decoding contract: json: unknown field "notice_period"`},
		{"nested", decRenewal, `{"contract":{"id":"","start":"2026-01-01","term_months":12}}`,
			`renewal: decoding renewal: decoding contract: id: invalid contract: empty id`},
		{"record field", decRenewal, `{` + decC + `,"calls":[{"date":"2026-06-01","amount":"1"}]}`,
			`renewal: decoding renewal: contract "x": calls: unknown category 0`},
		{"policy", decPolicy, `{"late":"P1Y"}`,
			`renewal: decoding policy: invalid policy: late threshold P12M longer than window P3M`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.EqualError(t, tt.decode([]byte(tt.in)), tt.want)
		})
	}
	t.Run("json", func(t *testing.T) {
		// The rest of encoding/json's text names Go types and may change.
		err := decContract([]byte(`{"id":"x","start":"2026-01-01","term_months":"twelve"}`))
		assert.Regexp(t, `^renewal: decoding contract: json: cannot unmarshal string `, err.Error())
	})
}

// TestJSONRefusesUnknownFields checks that a key naming no field is an
// error wrapping the type's sentinel, at the top and in nested objects.
func TestJSONRefusesUnknownFields(t *testing.T) {
	tests := []struct {
		name   string
		decode func([]byte) error
		in     string
		is     []error
		key    string
	}{
		{"contract", decContract, `{"id":"x","start":"2026-01-01","term_months":12,"auto_renew":true,"notice_period":"P2M"}`,
			[]error{ErrInvalidContract}, "notice_period"},
		{"contract alias name", decContract, `{"id":"x","start":"2026-01-01","term_months":12,"plain":{}}`,
			[]error{ErrInvalidContract}, "plain"},
		{"policy", decPolicy, `{"windw":"P2M"}`, []error{ErrInvalidPolicy}, "windw"},
		{"policy step", decPolicy, `{"steps":[{"activity":"usage-review","offset":"P10D","due":"P5D"}]}`,
			[]error{ErrInvalidPolicy}, "due"},
		{"completion", decCompletion, `{"activity":"usage-review","date":"2027-01-05","notes":"x"}`,
			[]error{ErrInvalidRecord}, "notes"},
		{"call", decCall, `{"date":"2027-01-05","amount":"1","category":"commit","probability":0.5}`,
			[]error{ErrInvalidRecord}, "probability"},
		{"outcome", decOutcome, `{"result":"churned","date":"2027-01-05","reason":"budget"}`,
			[]error{ErrInvalidRecord}, "reason"},
		{"renewal", decRenewal, `{` + decC + `,"risk":"10"}`, []error{ErrInvalidRecord}, "risk"},
		{"renewal's contract", decRenewal, `{"contract":{"id":"x","start":"2026-01-01","term_months":12,"owner":"Sato"}}`,
			[]error{ErrInvalidRecord, ErrInvalidContract}, "owner"},
		{"renewal's completion", decRenewal, `{` + decC + `,"completions":[{"activity":"usage-review","date":"2026-11-01","by":"Sato"}]}`,
			[]error{ErrInvalidRecord}, "by"},
		{"renewal's call", decRenewal, `{` + decC + `,"calls":[{"date":"2026-11-01","amount":"1","category":"commit","stage":2}]}`,
			[]error{ErrInvalidRecord}, "stage"},
		{"renewal's outcome", decRenewal, `{` + decC + `,"outcome":{"result":"open","closed":false}}`,
			[]error{ErrInvalidRecord}, "closed"},
		{"KPIs", decKPIs, `{"renewable":1,"churn":2}`, []error{ErrInvalidRecord}, "churn"},
		{"tally's total", decTally, `{"late":{"contracts":1,"acv":"2"}}`, []error{ErrInvalidRecord}, "acv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.decode([]byte(tt.in))
			require.Error(t, err)
			for _, want := range tt.is {
				assert.ErrorIs(t, err, want)
			}
			assert.Contains(t, err.Error(), `unknown field "`+tt.key+`"`)
		})
	}

	t.Run("a failed decode leaves the value alone", func(t *testing.T) {
		c := Contract{ID: "unchanged"}
		require.Error(t, json.Unmarshal([]byte(`{"id":"x","start":"2026-01-01","term_months":12,"notice_period":"P2M"}`), &c))
		assert.Equal(t, Contract{ID: "unchanged"}, c)
		o := Outcome{Result: ResultChurned}
		require.Error(t, json.Unmarshal([]byte(`{"result":"open","reason":"x"}`), &o))
		assert.Equal(t, Outcome{Result: ResultChurned}, o)
	})

	t.Run("keys match without regard to case", func(t *testing.T) {
		var c Contract
		require.NoError(t, json.Unmarshal([]byte(`{"ID":"x","Start":"2026-01-01","TERM_MONTHS":12,"Arr":"5"}`), &c))
		assert.Equal(t, "x", c.ID)
		assert.Equal(t, 12, c.TermMonths)
		assert.True(t, rnDec("5").Equal(c.ARR), c.ARR.String())
	})

	// The money fields are decoded by a field of the decoding struct that
	// shadows the embedded one: the shadowing field takes the key, so the
	// key is known and the amount is read exactly.
	t.Run("shadowed money fields", func(t *testing.T) {
		var c Contract
		require.NoError(t, json.Unmarshal([]byte(`{"id":"x","start":"2026-01-01","term_months":12,"arr":"1200000.50"}`), &c))
		assert.Equal(t, "1200000.50", money.Format(c.ARR))
		var r Renewal
		require.NoError(t, json.Unmarshal([]byte(`{`+decC+`,"target":"2.50","risk_adjustment":1.25}`), &r))
		assert.Equal(t, "2.50", money.Format(r.Target))
		assert.Equal(t, "1.25", money.Format(r.RiskAdjustment))
	})

	t.Run("one value only", func(t *testing.T) {
		var c Contract
		in := `{"id":"x","start":"2026-01-01","term_months":12}`
		require.NoError(t, c.UnmarshalJSON([]byte(in+" \n")))
		assert.Error(t, c.UnmarshalJSON([]byte(in+` {}`)))
		var o Outcome
		assert.ErrorIs(t, o.UnmarshalJSON([]byte(`{} x`)), ErrInvalidRecord)
	})
}

// decFullContract has a value in every field.
func decFullContract() Contract {
	return Contract{ID: "full", Customer: "Full KK", Start: rnDay("2025-12-15"), TermMonths: 12,
		RenewalDate: rnDay("2026-12-15"), RenewalTermMonths: 24, ARR: rnDec("1500000.00"), AutoRenew: true,
		Notice: rnPeriod(1, 15), FiscalYearEnd: time.March, Segment: "enterprise", CSM: "Sato"}
}

// decFullRenewal has a value in every field, and every field of the records
// in it.
func decFullRenewal() Renewal {
	return Renewal{
		Contract: decFullContract(),
		Due:      rnDay("2026-12-15"),
		Completions: []Completion{
			{Activity: ActivityIntentConfirmation, Date: rnDay("2026-11-01"), Note: "yes", Intent: IntentRenew},
			{Activity: ActivityCaseStudyRequest, Date: rnDay("2026-11-15"), Note: "agreed"},
		},
		Onboarded: true, TwoWay: true, FirstContact: rnDay("2026-09-10"), CaseStudyPublished: true,
		Target:         rnDec("1400000"),
		Calls:          []Call{{Date: rnDay("2026-09-10"), Amount: rnDec("1500000.5"), Category: CategoryBestCase}},
		Outcome:        Outcome{Result: ResultRenewed, Date: rnDay("2026-12-10"), Final: rnDec("1650000.50")},
		RiskAdjustment: rnDec("1000.00"),
	}
}

// decFullPolicy sets every field to a value other than its default.
func decFullPolicy() Policy {
	return Policy{Window: date.Days(100), Late: date.Days(20), DueSoon: date.Days(10),
		Steps: []Step{{ActivityUsageReview, date.Days(60)}, {ActivityIntentConfirmation, date.Months(1)}}, BudgetLead: date.Months(3),
		BudgetHorizon: date.Months(9), IgnoreFiscalYear: true, Checkpoints: []date.Period{date.Days(90), date.Days(30)}}
}

// decKeys returns the number of keys of the JSON object b.
func decKeys(t *testing.T, b []byte) int {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &m))
	return len(m)
}

// TestJSONAcceptsEveryEncodedField encodes fully populated values, checks
// that the encoding has a key per field (so nothing is left out of the
// test), and decodes it back with the strict decoders: every key the
// encoder writes is accepted and the value comes back unchanged.
func TestJSONAcceptsEveryEncodedField(t *testing.T) {
	roundTrip := func(t *testing.T, in any, out any) {
		t.Helper()
		b, err := json.Marshal(in)
		require.NoError(t, err)
		assert.Equal(t, reflect.TypeOf(in).NumField(), decKeys(t, b), "every field is encoded: %s", b)
		require.NoError(t, json.Unmarshal(b, out), "%s", b)
		b2, err := json.Marshal(reflect.ValueOf(out).Elem().Interface())
		require.NoError(t, err)
		assert.Equal(t, string(b), string(b2))
	}
	t.Run("contract", func(t *testing.T) {
		in := decFullContract()
		var out Contract
		roundTrip(t, in, &out)
		rnEqualContract(t, in, out)
	})
	t.Run("renewal", func(t *testing.T) {
		in := decFullRenewal()
		var out Renewal
		roundTrip(t, in, &out)
		rnEqualRenewal(t, in, out)
		assert.Equal(t, in.Due, out.Due)
	})
	t.Run("completion", func(t *testing.T) {
		in := decFullRenewal().Completions[0]
		var out Completion
		roundTrip(t, in, &out)
		assert.Equal(t, in, out)
	})
	t.Run("call", func(t *testing.T) {
		in := decFullRenewal().Calls[0]
		var out Call
		roundTrip(t, in, &out)
		assert.Equal(t, in.Date, out.Date)
		assert.Equal(t, in.Category, out.Category)
		assert.Equal(t, "1500000.5", money.Format(out.Amount))
	})
	t.Run("outcome", func(t *testing.T) {
		in := decFullRenewal().Outcome
		var out Outcome
		roundTrip(t, in, &out)
		assert.Equal(t, in.Result, out.Result)
		assert.Equal(t, in.Date, out.Date)
		assert.Equal(t, "1650000.50", money.Format(out.Final))
	})
	t.Run("policy", func(t *testing.T) {
		in := decFullPolicy()
		var out Policy
		roundTrip(t, in, &out)
		assert.Equal(t, in, out)
		b, err := json.Marshal(in.Steps[0])
		require.NoError(t, err)
		assert.Equal(t, reflect.TypeOf(Step{}).NumField(), decKeys(t, b))
	})
	t.Run("date range", func(t *testing.T) {
		in := DateRange{From: rnDay("2027-01-01"), To: rnDay("2028-01-01")}
		var out DateRange
		roundTrip(t, in, &out)
		assert.Equal(t, in, out)
	})
}

func TestCallValidate(t *testing.T) {
	ok := Call{Date: rnDay("2027-01-05"), Amount: rnDec("1000"), Category: CategoryCommit}
	t.Run("valid", func(t *testing.T) {
		for _, c := range []Call{
			ok,
			{Date: rnDay("2027-01-05"), Amount: decimal.Zero, Category: CategoryOmitted},
			{Date: rnDay("2027-01-05"), Category: CategoryPipeline},
			{Date: rnDay("2027-01-05"), Amount: rnDec("0.01"), Category: CategoryClosed},
		} {
			assert.NoError(t, c.Validate(), "%+v", c)
		}
	})
	tests := []struct {
		name string
		c    Call
		want error
	}{
		{"no date", Call{Amount: rnDec("1"), Category: CategoryCommit}, ErrMissingDate},
		{"no category", Call{Date: ok.Date, Amount: rnDec("1")}, ErrUnknownCategory},
		{"category out of range", Call{Date: ok.Date, Amount: rnDec("1"), Category: CategoryClosed + 1}, ErrUnknownCategory},
		{"negative amount", Call{Date: ok.Date, Amount: rnDec("-0.01"), Category: CategoryCommit}, ErrNegativeAmount},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Validate()
			require.ErrorIs(t, err, tt.want)
			assert.Regexp(t, `^renewal: `, err.Error())
			var fe *FieldError
			assert.False(t, errors.As(err, &fe), "a call knows no contract")

			// A renewal holding the call names the contract and "calls".
			r := Renewal{Contract: rnMarch31, Calls: []Call{ok, tt.c}}
			rnRequireFieldErr(t, r.Validate(), tt.want, "acme", "calls")
		})
	}
}

func TestOutcomeValidate(t *testing.T) {
	day := rnDay("2027-03-31")
	t.Run("valid", func(t *testing.T) {
		for _, o := range []Outcome{
			{},
			{Result: ResultOpen, Date: day},
			{Result: ResultRenewed, Date: day, Final: rnDec("0.01")},
			{Result: ResultChurned, Date: day},
			{Result: ResultChurned, Date: day, Final: decimal.Zero},
		} {
			assert.NoError(t, o.Validate(), "%+v", o)
		}
	})
	tests := []struct {
		name string
		o    Outcome
		want error
	}{
		{"negative final", Outcome{Result: ResultRenewed, Date: day, Final: rnDec("-1")}, ErrNegativeAmount},
		{"undeclared result", Outcome{Result: ResultChurned + 1, Date: day}, ErrUnknownResult},
		{"renewed without a date", Outcome{Result: ResultRenewed, Final: rnDec("1")}, ErrMissingDate},
		{"churned without a date", Outcome{Result: ResultChurned}, ErrMissingDate},
		{"renewed at zero", Outcome{Result: ResultRenewed, Date: day}, ErrInvalidRecord},
		{"churned with a final", Outcome{Result: ResultChurned, Date: day, Final: rnDec("1")}, ErrInvalidRecord},
		{"open with a final", Outcome{Final: rnDec("1")}, ErrInvalidRecord},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.o.Validate()
			require.ErrorIs(t, err, tt.want)
			assert.Regexp(t, `^renewal: `, err.Error())
			r := Renewal{Contract: rnMarch31, Due: day, Outcome: tt.o}
			rnRequireFieldErr(t, r.Validate(), tt.want, "acme", "outcome")
		})
	}
}

func TestCallAndOutcomeJSONValidate(t *testing.T) {
	t.Run("call", func(t *testing.T) {
		var c Call
		require.NoError(t, json.Unmarshal([]byte(`{"date":"2027-01-05","amount":1000.5,"category":"best-case"}`), &c))
		assert.Equal(t, Call{Date: rnDay("2027-01-05"), Amount: rnDec("1000.5"), Category: CategoryBestCase}.Date, c.Date)
		assert.Equal(t, "1000.5", money.Format(c.Amount))

		for _, tt := range []struct {
			in   string
			want error
		}{
			{`{"amount":"1","category":"commit"}`, ErrMissingDate},
			{`{"date":"2027-01-05","amount":"1"}`, ErrInvalidRecord},
			{`{"date":"2027-01-05","amount":"-1","category":"commit"}`, ErrNegativeAmount},
		} {
			c := Call{Category: CategoryOmitted}
			err := json.Unmarshal([]byte(tt.in), &c)
			assert.ErrorIs(t, err, tt.want, tt.in)
			assert.ErrorIs(t, err, ErrInvalidRecord, tt.in)
			assert.Equal(t, Call{Category: CategoryOmitted}, c, "a failed decode leaves the value alone")
		}
	})
	t.Run("outcome", func(t *testing.T) {
		var o Outcome
		require.NoError(t, json.Unmarshal([]byte(`{"result":"churned","date":"2027-03-31","final":"0"}`), &o))
		assert.Equal(t, ResultChurned, o.Result)
		require.NoError(t, json.Unmarshal([]byte(`{}`), &o))
		assert.Equal(t, ResultOpen, o.Result)

		for _, tt := range []struct {
			in   string
			want error
		}{
			{`{"result":"renewed","date":"2027-03-31"}`, ErrInvalidRecord},
			{`{"result":"renewed","final":"5"}`, ErrMissingDate},
			{`{"result":"churned","date":"2027-03-31","final":"5"}`, ErrInvalidRecord},
			{`{"final":"5"}`, ErrInvalidRecord},
			{`{"result":"renewed","date":"2027-03-31","final":"-5"}`, ErrNegativeAmount},
		} {
			o := Outcome{Result: ResultChurned}
			err := json.Unmarshal([]byte(tt.in), &o)
			assert.ErrorIs(t, err, tt.want, tt.in)
			assert.ErrorIs(t, err, ErrInvalidRecord, tt.in)
			assert.Equal(t, Outcome{Result: ResultChurned}, o, "a failed decode leaves the value alone")
		}
	})
	t.Run("in a renewal the error names the contract", func(t *testing.T) {
		var r Renewal
		err := json.Unmarshal([]byte(`{`+decC+`,"due":"2027-01-01","outcome":{"result":"renewed","date":"2027-01-01"}}`), &r)
		rnRequireFieldErr(t, err, ErrInvalidRecord, "x", "outcome")
		err = json.Unmarshal([]byte(`{`+decC+`,"completions":[{"activity":"usage-review","date":"2026-11-01","intent":"renew"}]}`), &r)
		rnRequireFieldErr(t, err, ErrInvalidRecord, "x", "completions")
	})
}
