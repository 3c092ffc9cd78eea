package renewal

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzContractJSON decodes arbitrary bytes as a contract: no panic, and a
// contract that decodes is valid and survives an encode/decode round trip
// unchanged.
func FuzzContractJSON(f *testing.F) {
	for _, s := range []string{
		`{"id":"acme","start":"2026-03-31","term_months":12,"arr":"1200000.50","auto_renew":true,"notice":"P1M","fiscal_year_end":3}`,
		`{"id":"b","customer":"Beta","start":"2024-02-29","term_months":36,"renewal_term_months":12,"arr":6000000,"segment":"smb","csm":"Sato"}`,
		`{"id":"c","start":"2026-01-10","renewal_date":"2026-08-31","renewal_term_months":6,"arr":"0.001","notice":"P1M15D","auto_renew":true}`,
		`{"id":"d","start":"9999-12-30","renewal_date":"9999-12-31","arr":null}`,
		`{"id":"e","start":"0001-01-01","term_months":119988,"arr":"+5"}`,
		`{"id":"x","start":"2026-01-01","term_months":12,"arr":"-1"}`,
		`{"id":"x","start":"2026-02-30","term_months":12}`,
		`{"id":"x","start":"2026-01-01","renewal_date":"2026-01-01"}`,
		`{"id":"\ud800","start":"2026-01-01","term_months":1,"arr":"-0","notice":"P0D","auto_renew":true}`,
		`{"ID":"x","START":"2026-01-01","Term_Months":12,"ARR":"1","arr":"2"}`,
		`null`, `[]`, `{`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var c Contract
		if err := json.Unmarshal(b, &c); err != nil {
			if json.Valid(b) { // else encoding/json refuses it before UnmarshalJSON runs
				require.ErrorIs(t, err, ErrInvalidContract)
			}
			return
		}
		if string(b) == "null" {
			return // json leaves the value alone and never calls UnmarshalJSON
		}
		require.NoError(t, c.Validate())
		enc, err := json.Marshal(c)
		require.NoError(t, err)
		var back Contract
		require.NoError(t, json.Unmarshal(enc, &back), "%s", enc)
		rnEqualContract(t, c, back)
		enc2, err := json.Marshal(back)
		require.NoError(t, err)
		require.Equal(t, string(enc), string(enc2))
	})
}

// FuzzPolicyJSON decodes arbitrary bytes as a policy: a policy that decodes
// is valid, round-trips, and plans any valid contract.
func FuzzPolicyJSON(f *testing.F) {
	f.Add([]byte(`{}`))
	f.Add([]byte(defaultPolicyJSON))
	f.Add([]byte(`{"steps":[]}`))
	f.Add([]byte(`{"steps":null,"checkpoints":[]}`))
	f.Add([]byte(`{"window":"P90D","late":"P21D","steps":[{"activity":"intent-confirmation","offset":"P45D"},{"activity":"case-study-request","offset":"P0D"}],"budget_lead":"P3M","ignore_fiscal_year":true}`))
	f.Add([]byte(`{"window":"P1Y","steps":[{"activity":"roi-confirmation","offset":"P1Y"}],"budget_horizon":"P2Y","budget_lead":"P1W"}`))
	f.Add([]byte(`{"window":"P90D","steps":[{"activity":"roi-confirmation","offset":"P3M"}]}`))
	f.Add([]byte(`{"steps":[{"activity":"usage-review","offset":"P10D"},{"activity":"usage-review","offset":"P20D"}]}`))
	f.Add([]byte(`{"late":"P-14D"}`))
	contracts := []Contract{
		rnMarch31,
		{ID: "fy", Start: rnDay("2026-06-01"), TermMonths: 12, FiscalYearEnd: time.March, AutoRenew: true, Notice: date.Months(1)},
		{ID: "old", Start: rnDay("0001-01-01"), RenewalDate: rnDay("0001-02-15"), FiscalYearEnd: time.January},
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var p Policy
		if err := json.Unmarshal(b, &p); err != nil {
			if json.Valid(b) {
				require.ErrorIs(t, err, ErrInvalidPolicy)
			}
			return
		}
		require.NoError(t, p.Validate())
		enc, err := json.Marshal(p)
		require.NoError(t, err)
		var back Policy
		require.NoError(t, json.Unmarshal(enc, &back), "%s", enc)
		require.Equal(t, p, back)
		for _, c := range contracts {
			for _, asOf := range []date.Date{c.Start, c.FirstRenewal(), rnDay("2027-01-15")} {
				s, err := p.Plan(c, asOf)
				require.NoError(t, err)
				rnCheckSchedule(t, c, s)
				rnCheckClassify(t, p, c, asOf)
			}
		}
	})
}

// FuzzCompletionJSON decodes arbitrary bytes as a completion.
func FuzzCompletionJSON(f *testing.F) {
	for _, s := range []string{
		`{"activity":"usage-review","date":"2027-01-05"}`,
		`{"activity":"intent-confirmation","date":"2027-01-10","intent":"renew","note":"adding Osaka"}`,
		`{"activity":"intent-confirmation","date":"2027-01-10","intent":""}`,
		`{"activity":"usage-review","date":"2027-01-05","intent":"renew"}`,
		`{"activity":"lunch","date":"2027-01-05"}`,
		`{"activity":"case-study-request"}`,
		`{"activity":"roi-confirmation","date":"2027-01-05","note":"\u0000\ud800"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var c Completion
		err := json.Unmarshal(b, &c)
		if err != nil && json.Valid(b) {
			require.ErrorIs(t, err, ErrInvalidRecord)
		}
		if err != nil || string(b) == "null" {
			return
		}
		require.NoError(t, c.Validate())
		enc, err := json.Marshal(c)
		require.NoError(t, err)
		var back Completion
		require.NoError(t, json.Unmarshal(enc, &back), "%s", enc)
		require.Equal(t, c, back)
	})
}

// FuzzCallJSON decodes arbitrary bytes as a forecast call: an error wraps
// ErrInvalidRecord; a call that decodes is valid and round-trips.
func FuzzCallJSON(f *testing.F) {
	for _, s := range []string{
		`{"date":"2027-01-05","amount":"1500000.50","category":"commit"}`,
		`{"date":"2027-01-05","amount":0,"category":"omitted"}`,
		`{"date":"2027-01-05","amount":"-1","category":"commit"}`,
		`{"amount":"1","category":"best-case"}`,
		`{"date":"2027-01-05","amount":"1e3","category":"closed"}`,
		`{"date":"2027-01-05","amount":"1","category":"commit","stage":2}`,
		`null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var c Call
		err := json.Unmarshal(b, &c)
		if err != nil && json.Valid(b) {
			require.ErrorIs(t, err, ErrInvalidRecord)
		}
		if err != nil {
			return
		}
		require.NoError(t, c.Validate())
		enc, err := json.Marshal(c)
		require.NoError(t, err)
		var back Call
		require.NoError(t, json.Unmarshal(enc, &back), "%s", enc)
		enc2, err := json.Marshal(back)
		require.NoError(t, err)
		require.Equal(t, string(enc), string(enc2))
	})
}

// FuzzOutcomeJSON decodes arbitrary bytes as an outcome: an error wraps
// ErrInvalidRecord; an outcome that decodes is valid and round-trips.
func FuzzOutcomeJSON(f *testing.F) {
	for _, s := range []string{
		`{"result":"renewed","date":"2027-03-31","final":"1650000.50"}`,
		`{"result":"churned","date":"2027-03-31","final":"0"}`,
		`{"result":"open","final":"0"}`,
		`{}`,
		`{"result":"renewed","date":"2027-03-31"}`,
		`{"result":"churned","final":"5"}`,
		`{"result":"won"}`,
		`{"result":"open","reason":"x"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var o Outcome
		err := json.Unmarshal(b, &o)
		if err != nil && json.Valid(b) {
			require.ErrorIs(t, err, ErrInvalidRecord)
		}
		if err != nil {
			return
		}
		require.NoError(t, o.Validate())
		enc, err := json.Marshal(o)
		require.NoError(t, err)
		var back Outcome
		require.NoError(t, json.Unmarshal(enc, &back), "%s", enc)
		enc2, err := json.Marshal(back)
		require.NoError(t, err)
		require.Equal(t, string(enc), string(enc2))
	})
}

// FuzzRenewalJSON decodes arbitrary bytes as a renewal record: one that
// decodes is valid, round-trips, and has a status as of any date on or after
// its records.
func FuzzRenewalJSON(f *testing.F) {
	full, err := json.Marshal(rnFullRenewal())
	require.NoError(f, err)
	f.Add(full)
	for _, s := range []string{
		`{"contract":{"id":"acme","start":"2026-03-31","term_months":12,"arr":"0"},"target":"0","risk_adjustment":"0"}`,
		`{"contract":{"id":"b","start":"2024-03-31","term_months":36,"arr":"6000000","auto_renew":true,"notice":"P1M","fiscal_year_end":3},
		  "completions":[{"activity":"goal-progress-review","date":"2026-12-01"},{"activity":"intent-confirmation","date":"2027-01-10","intent":"renew"}],
		  "calls":[{"date":"2026-10-01","amount":"6000000","category":"best-case"}],"first_contact":"2026-11-25"}`,
		`{"contract":{"id":"t","start":"2025-12-31","term_months":12,"arr":"800000"},"outcome":{"result":"churned","date":"2026-12-20","final":"0"}}`,
		`{"contract":{"id":"x","start":"2026-01-01","term_months":12,"arr":"1"},"outcome":{"result":"renewed","date":"2027-01-01","final":"-1"}}`,
		`{"contract":{"id":"x","start":"2026-01-01","term_months":12,"arr":"1"},"completions":[{"activity":"usage-review","date":"2026-11-01"},{"activity":"usage-review","date":"2026-11-02"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var r Renewal
		err := json.Unmarshal(b, &r)
		if err != nil && json.Valid(b) {
			require.ErrorIs(t, err, ErrInvalidRecord)
		}
		if err != nil || string(b) == "null" {
			return
		}
		require.NoError(t, r.Validate())
		enc, err := json.Marshal(r)
		require.NoError(t, err)
		var back Renewal
		require.NoError(t, json.Unmarshal(enc, &back), "%s", enc)
		rnEqualRenewal(t, r, back)
		enc2, err := json.Marshal(back)
		require.NoError(t, err)
		require.Equal(t, string(enc), string(enc2))

		// As of the latest record the status exists; the day before it,
		// the record is refused.
		var latest date.Date
		for _, c := range r.Completions {
			if c.Date.After(latest) {
				latest = c.Date
			}
		}
		if r.Outcome.Result != Open && r.Outcome.Date.After(latest) {
			latest = r.Outcome.Date
		}
		asOf := r.Contract.Start
		if latest.After(asOf) {
			asOf = latest
		}
		st, err := Policy{}.Status(r, asOf)
		require.NoError(t, err)
		done := 0
		for _, it := range st.Items {
			if it.State == Done {
				done++
			}
		}
		require.Equal(t, len(r.Completions), done+len(st.Unplanned))
		if before := latest.AddDays(-1); before.Before(latest) {
			_, err := Policy{}.Status(r, before)
			require.ErrorIs(t, err, ErrCompletionAfterAsOf)
		}
	})
}

// FuzzPlan plans contracts built from arbitrary fields under arbitrary
// policies: Plan never panics; it refuses an invalid contract or policy;
// otherwise the schedule's dates are in order, the renewal is the right
// anniversary, and Classify agrees with Status.
func FuzzPlan(f *testing.F) {
	type seed struct {
		start, term, renewalAt, renewalTerm int
		auto                                bool
		noticeMonths, noticeDays, fye       int
		asOf                                int
		windowMonths, windowDays, lateDays  int
		stepMonths, stepDays                int
		leadMonths, horizonDays             int
	}
	day := func(s string) int { return rnDay("2000-01-01").DaysUntil(rnDay(s)) }
	for _, s := range []seed{
		{start: day("2026-03-31"), term: 12, asOf: day("2026-04-01")},
		{start: day("2026-05-31"), term: 12, asOf: day("2026-06-01"), windowDays: 90},
		{start: day("2024-02-29"), term: 12, auto: true, noticeMonths: 1, asOf: day("2027-03-01")},
		{start: day("2024-03-31"), term: 36, auto: true, asOf: day("2027-04-01")},
		{start: day("2025-01-31"), term: 1, renewalTerm: 1, auto: true, asOf: day("2025-03-29")},
		{start: day("2026-06-01"), term: 12, fye: 3, asOf: day("2026-12-30")},
		{start: day("2026-02-15"), term: 12, fye: 12, asOf: day("2026-09-29")},
		{start: day("2026-07-20"), term: 12, fye: 3, asOf: day("2027-03-20"), stepDays: 0, leadMonths: 3, horizonDays: 200},
		{start: day("2026-01-10"), renewalAt: day("2026-08-31"), renewalTerm: 6, auto: true, noticeDays: 30, asOf: day("2027-03-01")},
		{start: -730119, term: 2, asOf: -730119, fye: 1},                                     // year 1
		{start: day("9999-12-01"), term: 12, asOf: day("9999-12-31")},                        // clamped
		{start: day("2026-01-31"), term: 1, auto: true, noticeDays: 28, asOf: 1},             // invalid notice
		{start: day("2026-01-01"), term: 12, asOf: day("2026-06-01"), windowDays: 30},        // steps outside
		{start: day("2026-01-01"), term: -1, asOf: day("2026-06-01"), lateDays: -1, fye: 13}, // invalid
	} {
		f.Add(s.start, s.term, s.renewalAt, s.renewalTerm, s.auto, s.noticeMonths, s.noticeDays, s.fye, s.asOf,
			s.windowMonths, s.windowDays, s.lateDays, s.stepMonths, s.stepDays, s.leadMonths, s.horizonDays)
	}
	base := rnDay("2000-01-01")
	f.Fuzz(func(t *testing.T, start, term, renewalAt, renewalTerm int, auto bool, noticeMonths, noticeDays, fye, asOfDay int,
		windowMonths, windowDays, lateDays, stepMonths, stepDays, leadMonths, horizonDays int) {
		c := Contract{ID: "f", Start: base.AddDays(start), TermMonths: term, RenewalTermMonths: renewalTerm,
			AutoRenew: auto, Notice: date.Period{Months: noticeMonths, Days: noticeDays}, FiscalYearEnd: time.Month(fye)}
		if renewalAt != 0 {
			c.RenewalDate = base.AddDays(renewalAt)
		}
		p := Policy{Window: date.Period{Months: windowMonths, Days: windowDays}, Late: date.Days(lateDays),
			BudgetLead: date.Months(leadMonths), BudgetHorizon: date.Days(horizonDays)}
		if stepMonths != 0 || stepDays != 0 {
			p.Steps = []Step{{ROIConfirmation, date.Period{Months: stepMonths, Days: stepDays}}, {IntentConfirmation, date.Days(stepDays)}}
		}
		var asOf date.Date
		if asOfDay != 0 {
			asOf = base.AddDays(asOfDay)
		}

		// The helpers assume a valid contract but never panic on any.
		_ = c.NextRenewal(asOf)
		_ = c.Renewal(renewalTerm)
		_ = c.NoticeDeadline(asOf)

		s, err := p.Plan(c, asOf)
		cErr, pErr := c.Validate(), p.Validate()
		switch {
		case cErr != nil:
			require.Error(t, err)
			require.Equal(t, cErr.Error(), err.Error())
			var fe *FieldError
			require.ErrorAs(t, err, &fe)
			return
		case pErr != nil:
			require.ErrorIs(t, err, ErrInvalidPolicy)
			return
		case asOf.IsZero():
			require.ErrorIs(t, err, ErrMissingDate)
			return
		}
		require.NoError(t, err)
		rnCheckSchedule(t, c, s)

		// The renewal is the anniversary current on asOf.
		first := c.FirstRenewal()
		if !c.AutoRenew || !first.Before(asOf) {
			require.Equal(t, first, s.Renewal)
		} else {
			require.False(t, s.Renewal.Before(asOf), "renewal %s before %s", s.Renewal, asOf)
			a, m := c.anchor()
			k := (a.MonthsBetween(s.Renewal)-m)/c.renewalTerm() + 1
			require.Equal(t, c.Renewal(k), s.Renewal, "renewal %d", k)
			if k > 1 {
				require.True(t, c.Renewal(k-1).Before(asOf), "renewal %d (%s) is on or after %s", k-1, c.Renewal(k-1), asOf)
			}
		}

		// Classify agrees with Status on asOf and on the boundary days of
		// the schedule (where another renewal may be current: they must
		// agree on that one too).
		rnCheckClassify(t, p, c, asOf)
		for _, d := range []date.Date{s.Opens, s.LateFrom, s.Decision} {
			rnCheckClassify(t, p, c, d.AddDays(-1))
			rnCheckClassify(t, p, c, d)
		}
		n, err := p.ClassifyBook(func(yield func(Contract) bool) { yield(c) }, asOf)
		require.NoError(t, err)
		assert.Equal(t, 1, n.Total())
	})
}
