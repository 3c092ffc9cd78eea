package renewal

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/dectest"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompletionValidate(t *testing.T) {
	for _, a := range Activities() {
		assert.NoError(t, Completion{Activity: a, Date: rnDay("2027-01-05")}.Validate(), a.String())
	}
	for _, i := range []Intent{IntentUnknown, IntentUndecided, IntentRenew, IntentCancel} {
		assert.NoError(t, rnIntent("2027-01-05", i).Validate(), i.String())
	}
}

func TestCompletionValidateErrors(t *testing.T) {
	tests := []struct {
		name string
		c    Completion
		want error
	}{
		{"zero activity", Completion{Date: rnDay("2027-01-05")}, ErrUnknownActivity},
		{"activity 10", Completion{Activity: 10, Date: rnDay("2027-01-05")}, ErrUnknownActivity},
		{"no date", Completion{Activity: ActivityUsageReview}, ErrMissingDate},
		{"intent on another activity", Completion{Activity: ActivityUsageReview, Date: rnDay("2027-01-05"), Intent: IntentRenew}, ErrInvalidRecord},
		{"intent out of range", rnIntent("2027-01-05", IntentCancel+1), ErrUnknownIntent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Validate()
			require.ErrorIs(t, err, tt.want)
			assert.Contains(t, err.Error(), "renewal: ")
		})
	}
}

func TestCompletionJSON(t *testing.T) {
	tests := []struct {
		c    Completion
		json string
	}{
		{Completion{Activity: ActivityUsageReview, Date: rnDay("2027-01-05")}, `{"activity":"usage-review","date":"2027-01-05"}`},
		{Completion{Activity: ActivityROIConfirmation, Date: rnDay("2027-01-05"), Note: "ROI 3.1x"}, `{"activity":"roi-confirmation","date":"2027-01-05","note":"ROI 3.1x"}`},
		{rnIntent("2027-01-10", IntentRenew), `{"activity":"intent-confirmation","date":"2027-01-10","intent":"renew"}`},
		{rnIntent("2027-01-10", IntentUndecided), `{"activity":"intent-confirmation","date":"2027-01-10","intent":"undecided"}`},
	}
	for _, tt := range tests {
		t.Run(tt.json, func(t *testing.T) {
			b, err := json.Marshal(tt.c)
			require.NoError(t, err)
			assert.JSONEq(t, tt.json, string(b))
			var got Completion
			require.NoError(t, json.Unmarshal(b, &got))
			assert.Equal(t, tt.c, got)
		})
	}
}

// rnFullRenewal has a value in every field.
func rnFullRenewal() Renewal {
	return Renewal{
		Contract: Contract{ID: "eta", Customer: "Eta Consulting", Start: rnDay("2025-12-15"), TermMonths: 12,
			ARR: rnDec("1500000.00"), Segment: "smb", CSM: "Sato"},
		Completions: []Completion{
			rnIntent("2026-11-01", IntentRenew),
			{Activity: ActivityCaseStudyRequest, Date: rnDay("2026-11-15"), Note: "agreed"},
		},
		Onboarded: true, TwoWay: true, FirstContact: rnDay("2026-09-10"), CaseStudyPublished: true,
		Target: rnDec("1500000.00"),
		Calls: []Call{
			{Date: rnDay("2026-09-10"), Amount: rnDec("1500000"), Category: CategoryPipeline},
			{Date: rnDay("2026-11-02"), Amount: rnDec("1650000.50"), Category: CategoryCommit},
		},
		Due:            rnDay("2026-12-15"),
		Outcome:        Outcome{Result: ResultRenewed, Date: rnDay("2026-12-10"), Final: rnDec("1650000.50")},
		RiskAdjustment: rnDec("0.00"),
	}
}

func TestRenewalValidate(t *testing.T) {
	tests := []struct {
		name string
		r    Renewal
	}{
		{"contract only", Renewal{Contract: rnMarch31}},
		{"every field", rnFullRenewal()},
		{"churned with zero final", Renewal{Contract: rnMarch31, Due: rnDay("2027-03-31"), Outcome: Outcome{Result: ResultChurned, Date: rnDay("2027-03-31"), Final: decimal.Zero}}},
		{"call of zero", Renewal{Contract: rnMarch31, Calls: []Call{{Date: rnDay("2027-01-01"), Amount: decimal.Zero, Category: CategoryOmitted}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.NoError(t, tt.r.Validate())
		})
	}
}

func TestRenewalValidateErrors(t *testing.T) {
	with := func(f func(*Renewal)) Renewal { r := rnFullRenewal(); f(&r); return r }
	tests := []struct {
		name  string
		r     Renewal
		want  error
		field string
	}{
		{"invalid contract", with(func(r *Renewal) { r.Contract.FiscalYearEnd = 13 }), ErrInvalidMonth, "fiscal_year_end"},
		{"duplicate completion", with(func(r *Renewal) {
			r.Completions = append(r.Completions, Completion{Activity: ActivityCaseStudyRequest, Date: rnDay("2026-11-20")})
		}), ErrDuplicateCompletion, "completions"},
		{"invalid completion", with(func(r *Renewal) { r.Completions[1].Intent = IntentRenew }), ErrInvalidRecord, "completions"},
		{"completion without a date", with(func(r *Renewal) { r.Completions[0].Date = date.Date{} }), ErrMissingDate, "completions"},
		{"call without a date", with(func(r *Renewal) { r.Calls[0].Date = date.Date{} }), ErrMissingDate, "calls"},
		{"call without a category", with(func(r *Renewal) { r.Calls[0].Category = 0 }), ErrUnknownCategory, "calls"},
		{"negative call", with(func(r *Renewal) { r.Calls[1].Amount = rnDec("-1") }), ErrNegativeAmount, "calls"},
		{"negative target", with(func(r *Renewal) { r.Target = rnDec("-1") }), ErrNegativeAmount, "target"},
		{"negative risk adjustment", with(func(r *Renewal) { r.RiskAdjustment = rnDec("-0.01") }), ErrNegativeAmount, "risk_adjustment"},
		{"negative final, renewed", with(func(r *Renewal) { r.Outcome.Final = rnDec("-5") }), ErrNegativeAmount, "outcome"},
		{"negative final, churned", with(func(r *Renewal) {
			r.Outcome = Outcome{Result: ResultChurned, Date: rnDay("2026-12-10"), Final: rnDec("-5")}
		}), ErrNegativeAmount, "outcome"},
		{"call amount with 101 places", with(func(r *Renewal) { r.Calls[1].Amount = decimal.New(1, -101) }), ErrAmountOutOfRange, "calls"},
		{"target of 1e101", with(func(r *Renewal) { r.Target = decimal.New(1, 101) }), ErrAmountOutOfRange, "target"},
		{"risk adjustment of 1e10000000", with(func(r *Renewal) { r.RiskAdjustment = decimal.New(1, 10_000_000) }), ErrAmountOutOfRange, "risk_adjustment"},
		{"final with 101 places", with(func(r *Renewal) { r.Outcome.Final = decimal.New(15, -101) }), ErrAmountOutOfRange, "outcome"},
		{"negative final, open", with(func(r *Renewal) { r.Outcome = Outcome{Final: rnDec("-5")} }), ErrNegativeAmount, "outcome"},
		{"renewed at zero", with(func(r *Renewal) { r.Outcome.Final = decimal.Zero }), ErrInvalidRecord, "outcome"},
		{"churned with a final amount", with(func(r *Renewal) { r.Outcome.Result = ResultChurned }), ErrInvalidRecord, "outcome"},
		{"open with a final amount", with(func(r *Renewal) { r.Outcome.Result = ResultOpen }), ErrInvalidRecord, "outcome"},
		{"decided without a date", with(func(r *Renewal) { r.Outcome.Date = date.Date{} }), ErrMissingDate, "outcome"},
		{"unknown result", with(func(r *Renewal) { r.Outcome.Result = ResultChurned + 1 }), ErrUnknownResult, "outcome"},
		{"decided without due", with(func(r *Renewal) { r.Due = date.Date{} }), ErrMissingDate, "due"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rnRequireFieldErr(t, tt.r.Validate(), tt.want, "eta", tt.field)
		})
	}
}

func TestRenewalIntent(t *testing.T) {
	i, asked := Renewal{Contract: rnMarch31}.Intent()
	assert.Equal(t, IntentUnknown, i)
	assert.False(t, asked)
	i, asked = Renewal{Contract: rnMarch31, Completions: []Completion{rnIntent("2027-01-01", IntentUnknown)}}.Intent()
	assert.Equal(t, IntentUnknown, i)
	assert.True(t, asked, "asked, no answer recorded")
	i, asked = rnFullRenewal().Intent()
	assert.Equal(t, IntentRenew, i)
	assert.True(t, asked)
	assert.True(t, IntentRenew.Confirmed())
	assert.True(t, IntentCancel.Confirmed())
	assert.False(t, IntentUndecided.Confirmed())
	assert.False(t, IntentUnknown.Confirmed())
}

func TestRenewalLatestCall(t *testing.T) {
	r := Renewal{Contract: rnMarch31, Calls: []Call{
		{Date: rnDay("2027-01-10"), Amount: rnDec("300"), Category: CategoryCommit},
		{Date: rnDay("2026-10-01"), Amount: rnDec("100"), Category: CategoryPipeline},
		{Date: rnDay("2027-01-10"), Amount: rnDec("310"), Category: CategoryBestCase},
		{Date: rnDay("2027-03-01"), Amount: rnDec("400"), Category: CategoryClosed},
	}}
	tests := []struct {
		asOf  string
		found bool
		want  string
	}{
		{"2026-09-30", false, ""},
		{"2026-10-01", true, "100"},
		{"2027-01-09", true, "100"},
		{"2027-01-10", true, "310"}, // of two calls on one day the later in the slice wins
		{"2027-02-28", true, "310"},
		{"2027-03-01", true, "400"},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			c, ok := r.LatestCall(rnDay(tt.asOf))
			require.Equal(t, tt.found, ok)
			if ok {
				assert.True(t, rnDec(tt.want).Equal(c.Amount), c.Amount.String())
			}
		})
	}
}

func TestRenewalBooking(t *testing.T) {
	base := Renewal{Contract: Contract{ID: "a", Start: rnDay("2026-03-31"), TermMonths: 12, ARR: rnDec("1000.00")}, Due: rnDay("2027-03-31")}
	tests := []struct {
		name    string
		target  string // "" for the ARR
		outcome Outcome
		want    Booking
	}{
		{"open", "", Outcome{}, 0},
		{"flat against ARR", "", Outcome{Result: ResultRenewed, Date: rnDay("2027-03-31"), Final: rnDec("1000")}, BookingRenewal},
		{"upsell", "", Outcome{Result: ResultRenewed, Date: rnDay("2027-03-31"), Final: rnDec("1000.01")}, BookingUpsell},
		{"downsell", "", Outcome{Result: ResultRenewed, Date: rnDay("2027-03-31"), Final: rnDec("999.99")}, BookingDownsell},
		{"flat against target", "1200", Outcome{Result: ResultRenewed, Date: rnDay("2027-03-31"), Final: rnDec("1200.0")}, BookingRenewal},
		{"downsell against target", "1200", Outcome{Result: ResultRenewed, Date: rnDay("2027-03-31"), Final: rnDec("1100")}, BookingDownsell},
		{"churn", "", Outcome{Result: ResultChurned, Date: rnDay("2027-03-31")}, BookingChurn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := base
			if tt.target != "" {
				r.Target = rnDec(tt.target)
			}
			r.Outcome = tt.outcome
			require.NoError(t, r.Validate())
			assert.Equal(t, tt.want, r.Booking())
		})
	}
	assert.True(t, rnDec("1000").Equal(base.TargetAmount()))
	withTarget := base
	withTarget.Target = rnDec("1200")
	assert.True(t, rnDec("1200").Equal(withTarget.TargetAmount()))
}

func TestRenewalJSON(t *testing.T) {
	r := rnFullRenewal()
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"contract":{"id":"eta","customer":"Eta Consulting","start":"2025-12-15","term_months":12,"arr":"1500000.00","segment":"smb","csm":"Sato"},
		"due":"2026-12-15",
		"completions":[
			{"activity":"intent-confirmation","date":"2026-11-01","intent":"renew"},
			{"activity":"case-study-request","date":"2026-11-15","note":"agreed"}],
		"onboarded":true,"two_way":true,"first_contact":"2026-09-10","case_study_published":true,
		"target":"1500000.00",
		"calls":[
			{"date":"2026-09-10","amount":"1500000","category":"pipeline"},
			{"date":"2026-11-02","amount":"1650000.50","category":"commit"}],
		"outcome":{"result":"renewed","date":"2026-12-10","final":"1650000.50"},
		"risk_adjustment":"0.00"}`, string(b))
	var back Renewal
	require.NoError(t, json.Unmarshal(b, &back))
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2))
	rnEqualRenewal(t, r, back)

	t.Run("minimal", func(t *testing.T) {
		r := Renewal{Contract: rnMarch31}
		b, err := json.Marshal(r)
		require.NoError(t, err)
		assert.JSONEq(t, `{"contract":{"id":"acme","start":"2026-03-31","term_months":12,"arr":"0"},"target":"0","risk_adjustment":"0"}`, string(b))
		var back Renewal
		require.NoError(t, json.Unmarshal(b, &back))
		rnEqualRenewal(t, r, back)
	})
	t.Run("independent of decimal's globals", func(t *testing.T) {
		dectest.Stable(t, func() []byte {
			b, err := json.Marshal(r)
			require.NoError(t, err)
			return b
		})
	})
}

func TestRenewalJSONErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  error
		field string
	}{
		{"duplicate completion", `{"contract":{"id":"x","start":"2026-01-01","term_months":12,"arr":"1"},
			"completions":[{"activity":"usage-review","date":"2026-11-01"},{"activity":"usage-review","date":"2026-11-02"}]}`, ErrDuplicateCompletion, "completions"},
		{"negative final", `{"contract":{"id":"x","start":"2026-01-01","term_months":12,"arr":"1"},
			"outcome":{"result":"renewed","date":"2027-01-01","final":"-1"}}`, ErrNegativeAmount, "outcome"},
		{"negative target", `{"contract":{"id":"x","start":"2026-01-01","term_months":12,"arr":"1"},"target":"-2"}`, ErrNegativeAmount, "target"},
		{"invalid contract", `{"contract":{"id":"x","start":"2026-01-01","term_months":12,"arr":"-1"}}`, ErrNegativeAmount, "arr"},
		{"call without category", `{"contract":{"id":"x","start":"2026-01-01","term_months":12,"arr":"1"},
			"calls":[{"date":"2026-06-01","amount":"1"}]}`, ErrInvalidRecord, "calls"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Renewal
			err := json.Unmarshal([]byte(tt.in), &r)
			rnRequireFieldErr(t, err, tt.want, "x", tt.field)
		})
	}
	for _, in := range []string{
		`{"contract":{"id":"x","start":"2026-01-01","term_months":12,"arr":"1"},"outcome":{"result":"won"}}`,
		`{"contract":{"id":"x","start":"2026-01-01","term_months":12,"arr":"1"},"calls":[{"date":"2026-06-01","amount":"1","category":"maybe"}]}`,
	} {
		var r Renewal
		assert.ErrorIs(t, json.Unmarshal([]byte(in), &r), ErrInvalidRecord, in)
	}
	var r Renewal
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"contract":{"id":"x","start":"2026-01-01","term_months":12,"arr":"1"},"target":"1e3"}`), &r), money.ErrSyntax)
}

// rnEqualRenewal compares renewals, their amounts with Equal. An empty list
// of completions or calls means the same as none (both encode as nothing).
func rnEqualRenewal(t *testing.T, want, got Renewal) {
	t.Helper()
	for _, r := range []*Renewal{&want, &got} {
		if len(r.Completions) == 0 {
			r.Completions = nil
		}
		if len(r.Calls) == 0 {
			r.Calls = nil
		}
	}
	rnEqualContract(t, want.Contract, got.Contract)
	amounts := func(r *Renewal) []decimal.Decimal {
		out := []decimal.Decimal{r.Target, r.RiskAdjustment, r.Outcome.Final}
		r.Contract, r.Target, r.RiskAdjustment, r.Outcome.Final = Contract{}, decimal.Decimal{}, decimal.Decimal{}, decimal.Decimal{}
		r.Calls = slices.Clone(r.Calls)
		for i := range r.Calls {
			out = append(out, r.Calls[i].Amount)
			r.Calls[i].Amount = decimal.Decimal{}
		}
		return out
	}
	wa, ga := amounts(&want), amounts(&got)
	require.Equal(t, len(wa), len(ga))
	for i := range wa {
		assert.True(t, wa[i].Equal(ga[i]), "amount %d: want %s, got %s", i, wa[i], ga[i])
		assert.Equal(t, money.Format(wa[i]), money.Format(ga[i]))
	}
	assert.Equal(t, want, got)
}
