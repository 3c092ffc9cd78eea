package capacity

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// roundTrip encodes v, decodes it into a fresh T and encodes that again:
// the two encodings must be the same bytes.
func roundTrip[T any](t *testing.T, v T) {
	t.Helper()
	enc, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(enc, &back), "%s", enc)
	enc2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(enc), string(enc2))
}

// zeroEncodes checks that the zero value of T encodes.
func zeroEncodes[T any](t *testing.T) {
	t.Helper()
	var z T
	_, err := json.Marshal(z)
	require.NoError(t, err, "%T", z)
}

func TestZeroValuesEncode(t *testing.T) {
	zeroEncodes[Account](t)
	zeroEncodes[Assignment](t)
	zeroEncodes[Benchmark](t)
	zeroEncodes[Comparison](t)
	zeroEncodes[Condition](t)
	zeroEncodes[ConditionCheck](t)
	zeroEncodes[Config](t)
	zeroEncodes[CostReport](t)
	zeroEncodes[Coverage](t)
	zeroEncodes[CSM](t)
	zeroEncodes[CSMLoad](t)
	zeroEncodes[Economics](t)
	zeroEncodes[Factor](t)
	zeroEncodes[Figure](t)
	zeroEncodes[GroupCost](t)
	zeroEncodes[AccountCost](t)
	zeroEncodes[PersonCost](t)
	zeroEncodes[LoadParts](t)
	zeroEncodes[LTV](t)
	zeroEncodes[MarginEffect](t)
	zeroEncodes[Onboarding](t)
	zeroEncodes[OnboardingReport](t)
	zeroEncodes[OnboardingStatus](t)
	zeroEncodes[Points](t)
	zeroEncodes[Recommendation](t)
	zeroEncodes[Report](t)
	zeroEncodes[Segment](t)
	zeroEncodes[SegmentPlan](t)
	zeroEncodes[SellingInput](t)
	zeroEncodes[TimeEntry](t)
	zeroEncodes[Unit](t)
	zeroEncodes[Weights](t)
	zeroEncodes[Currency](t)
	zeroEncodes[Touch](t)
	zeroEncodes[Phase](t)
	zeroEncodes[Basis](t)
	zeroEncodes[Metric](t)
	zeroEncodes[Verdict](t)
	zeroEncodes[Answer](t)
	zeroEncodes[OnboardingState](t)
}

func TestRoundTrips(t *testing.T) {
	roundTrip(t, seg("high", TouchHigh, "2400000", "", "50000000", 50))
	roundTrip(t, seg("tech", TouchTech, "0", "2400000.5", "100000000", 0))
	w := DefaultWeights()
	w.ARRPerPoint = d("10000000")
	w.TechTouch = 500
	roundTrip(t, w)
	roundTrip(t, sampleConfig())
	roundTrip(t, sampleAccounts()[0])
	roundTrip(t, Account{ID: "x", ARR: d("1.50"), ACV: d("2.000"), Onboarding: true})
	roundTrip(t, sampleEntries()[0])
	roundTrip(t, sampleEconomics())
	roundTrip(t, Onboarding{Account: "a", CSM: "c", Start: date.Must(2026, time.January, 31), Done: date.Must(2026, time.March, 1)})
	ob, err := NewOnboardingBook(date.Days(45), date.Must(2026, time.June, 30))
	require.NoError(t, err)
	require.NoError(t, ob.Add(Onboarding{Account: "a", Start: date.Must(2026, time.January, 31), Done: date.Must(2026, time.March, 1)}))
	roundTrip(t, ob.Result())
	s, err := Onboarding{Account: "a", Start: date.Must(2026, time.May, 1)}.Status(date.Period{}, date.Must(2026, time.June, 30))
	require.NoError(t, err)
	roundTrip(t, s)
	in := allYes()
	in.Pricing = Factor{Notes: "discounts", Answer: AnswerNo}
	roundTrip(t, in)
	r, err := in.Recommend()
	require.NoError(t, err)
	roundTrip(t, r)
	roundTrip(t, Figure{})
	roundTrip(t, Coverage{})
	roundTrip(t, Report{}) // a zero Book's result
	roundTrip(t, defined(d("0.50")))
	roundTrip(t, LTV{Unbounded: true})
	roundTrip(t, LTV{Value: d("-12.34")})
	roundTrip(t, Points(12345))
	b, err := NewBook(sampleConfig())
	require.NoError(t, err)
	require.NoError(t, b.AddAll(slices.Values(sampleAccounts())))
	rep := b.Result()
	roundTrip(t, rep.Segments[1])
	roundTrip(t, rep.CSMs[0])
	cs, err := Compare(rep.Team, Benchmarks())
	require.NoError(t, err)
	roundTrip(t, cs)
	m, err := sampleEconomics().Margin()
	require.NoError(t, err)
	roundTrip(t, m.Now)
}

func TestDecodersAreStrict(t *testing.T) {
	tests := []struct {
		name string
		into any
		text string
		want error
	}{
		{"segment", new(Segment), `{"name":"a","touch":"high-touch","from":"0","target_arr":"1","upto":"5"}`, ErrInvalidConfig},
		{"weights", new(Weights), `{"high_touch":3,"renewals":2}`, ErrInvalidConfig},
		{"weights points", new(Weights), `{"high_touch":"3.1415"}`, ErrInvalidPoints},
		{"config csm", new(Config), `{"currency":"JPY","phase":"0-1","csms":[{"id":"a","segment":"high-touch","team":"x"}]}`, ErrInvalidConfig},
		{"currency", new(Config), `{"currency":"yen","phase":"0-1"}`, ErrInvalidCurrency},
		{"touch", new(Segment), `{"name":"a","touch":"white-glove","from":"0","target_arr":"1"}`, ErrUnknownTouch},
		{"account", new(Account), `{"id":"a","arr":"1","segment":"x"}`, ErrInvalidAccount},
		{"entry", new(TimeEntry), `{"account":"a","csm":"c","task":"t","hours":"-1"}`, ErrNegativeHours},
		{"onboarding", new(Onboarding), `{"account":"a","start":"2026-05-01","done":"2026-04-01"}`, ErrDateOrder},
		{"benchmark", new(Benchmark), `{"id":"x","source":"s","metric":"arr-per-csm","value":"1"}`, ErrInvalidCurrency},
		{"selling", new(SellingInput), `{"competition":{"answer":"yes"}}`, ErrUnknownAnswer},
		{"coverage", new(Coverage), `{"currency":"JPY","arr":"1","accounts":1,"csms":1,"arr_per_csm":"2"}`, ErrInvalidRecord},
		{"ltv", new(LTV), `"infinite"`, ErrInvalidRecord},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := json.Unmarshal([]byte(tc.text), tc.into)
			require.ErrorIs(t, err, tc.want)
		})
	}
	// A decoder that fails leaves its receiver alone.
	a := sampleAccounts()[0]
	require.Error(t, json.Unmarshal([]byte(`{"id":"z","arr":"-1"}`), &a))
	assert.Equal(t, "a1", a.ID)
}

// A segment's upper bound is a plain amount; zero, absent or null is no
// bound, as a zero MaxAccounts is no limit.
func TestSegmentTo(t *testing.T) {
	for _, text := range []string{
		`{"name":"a","touch":"high-touch","from":"5","target_arr":"1"}`,
		`{"name":"a","touch":"high-touch","from":"5","to":null,"target_arr":"1"}`,
		`{"name":"a","touch":"high-touch","from":"5","to":"0","target_arr":"1"}`,
	} {
		var s Segment
		require.NoError(t, json.Unmarshal([]byte(text), &s), text)
		assert.True(t, s.To.IsZero(), text)
		enc, err := json.Marshal(s)
		require.NoError(t, err)
		assert.Equal(t, `{"name":"a","touch":"high-touch","from":"5","target_arr":"1"}`, string(enc))
	}
	var s Segment
	require.NoError(t, json.Unmarshal([]byte(`{"name":"a","touch":"tech-touch","from":"0","to":"2400000","target_arr":"1"}`), &s))
	assert.Equal(t, "2400000", s.To.String())
	// Bounded at or below From is an empty range.
	err := json.Unmarshal([]byte(`{"name":"a","touch":"tech-touch","from":"5","to":"4","target_arr":"1"}`), &s)
	require.ErrorIs(t, err, ErrInvalidConfig)
	assert.Equal(t, "capacity: decoding segment: to: invalid config: [5, 4) is empty", err.Error())
}

// Weights are written in Points as durations are in time units: 3 * Point
// is 3 points in Go and 3 in JSON.
func TestPoint(t *testing.T) {
	w := Weights{HighTouch: 3 * Point, TechTouch: Point / 2}
	assert.Equal(t, "3", w.HighTouch.String())
	assert.Equal(t, "0.5", w.TechTouch.String())
	enc, err := json.Marshal(w)
	require.NoError(t, err)
	assert.Equal(t, `{"high_touch":3,"low_touch":0,"tech_touch":0.5,"renewal":0,"churn_case":0,"onboarding":0}`, string(enc))
	assert.Equal(t, 3*Point, DefaultWeights().HighTouch)
	assert.Equal(t, 1000*Point, MaxWeight)
}

// A field that does not decode is named, with its record's ID where it has
// one: encoding/json does not name the field for an error of a type's own
// decoder (an amount, a date, points).
func TestDecodeErrorsNameTheField(t *testing.T) {
	tests := []struct {
		into      any
		text      string
		id, field string
		msg       string
	}{
		{new(Account), `{"id":"a1","arr":"1e5"}`, "a1", "arr",
			`capacity: decoding account: account "a1": arr: not a decimal amount: "1e5"`},
		{new(Account), `{"id":"a1","arr":"1","acv":" 12 "}`, "a1", "acv",
			`capacity: decoding account: account "a1": acv: not a decimal amount: " 12 "`},
		{new(TimeEntry), `{"account":"a1","csm":"c","task":"t","hours":"1,5"}`, "a1", "hours",
			`capacity: decoding time entry: account "a1": hours: not a decimal amount: "1,5"`},
		{new(Economics), `{"currency":"JPY","arr":"1","accounts":1,"churn_rate":"10%"}`, "", "churn_rate",
			`capacity: decoding economics: churn_rate: not a decimal amount: "10%"`},
		{new(Segment), `{"name":"a","touch":"high-touch","from":"0","to":"2.4M","target_arr":"1"}`, "", "to",
			`capacity: decoding segment: to: not a decimal amount: "2.4M"`},
		{new(Weights), `{"high_touch":3,"renewal":"two"}`, "", "renewal",
			`capacity: decoding weights: renewal: invalid points: "two": not a plain decimal`},
		{new(Onboarding), `{"account":"a1","start":"2026-02-30"}`, "a1", "start", ""},
		{new(Benchmark), `{"id":"b","source":"s","metric":"accounts-per-csm","value":"fifty"}`, "", "value",
			`capacity: decoding benchmark: value: not a decimal amount: "fifty"`},
	}
	for _, tc := range tests {
		err := json.Unmarshal([]byte(tc.text), tc.into)
		var fe *FieldError
		require.ErrorAs(t, err, &fe, tc.text)
		assert.Equal(t, tc.id, fe.ID, tc.text)
		assert.Equal(t, tc.field, fe.Field, tc.text)
		if tc.msg != "" {
			assert.Equal(t, tc.msg, err.Error())
		}
	}
}

// A config's decoding errors name the path of the field, as its validation
// errors do, so a bad field of the 150th CSM is found.
func TestConfigDecodeErrorsNameThePath(t *testing.T) {
	segs := `"segments":[{"name":"s","touch":"tech-touch","from":"0","to":"5","target_arr":"1"},`
	tests := []struct{ text, field, msg string }{
		{`{"currency":"JPY","phase":"0-1","csms":[{"id":"a","segment":"high-touch"},{"id":"b","segment":"high-touch","max_load":"abc"}]}`,
			"csms[1]", `capacity: decoding config: csms[1]: invalid points: "abc": not a plain decimal`},
		{`{"currency":"JPY",` + segs + `{"name":"h","touch":"high-touch","from":"5","target_arr":"x"}]}`,
			"segments[1].target_arr", `capacity: decoding config: segments[1].target_arr: not a decimal amount: "x"`},
		{`{"currency":"JPY",` + segs + `{"name":"h","touch":"high-touch","from":"4","target_arr":"1"}]}`,
			"segments[1].from", `capacity: decoding config: segments[1].from: segments overlap: "s" [0, 5) and "h" [4, ∞) share [4, 5)`},
		{`{"currency":"JPY","phase":"0-1","weights":{"renewal":"two"}}`,
			"weights.renewal", `capacity: decoding config: weights.renewal: invalid points: "two": not a plain decimal`},
		{`{"currency":"JPY","phase":"0-1","weights":{"high_touch":2000}}`,
			"weights.high_touch", `capacity: decoding config: weights.high_touch: invalid points: 2000 outside [0, 1000]`},
	}
	for _, tc := range tests {
		var c Config
		err := json.Unmarshal([]byte(tc.text), &c)
		require.ErrorIs(t, err, ErrInvalidConfig, tc.text)
		var fe *FieldError
		require.ErrorAs(t, err, &fe, tc.text)
		assert.Equal(t, tc.field, fe.Field)
		assert.Equal(t, tc.msg, err.Error())
	}
}
