package renewal

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/jsontest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzRenewalJSON decodes arbitrary bytes as a renewal record and as each
// record type it holds (contract, completion, call, outcome): whatever
// decodes is valid and round-trips (jsontest.RoundTrip). A renewal that
// decodes has a status as of its latest record (or its start), and is
// refused the day before that record.
func FuzzRenewalJSON(f *testing.F) {
	full, err := json.Marshal(rnFullRenewal())
	require.NoError(f, err)
	f.Add(full)
	for _, s := range []string{
		`{"contract":{"id":"acme","start":"2026-03-31","term_months":12,"arr":"0"},"target":"0","risk_adjustment":"0"}`,
		`{"contract":{"id":"b","start":"2024-03-31","term_months":36,"arr":"6000000","auto_renew":true,"notice":"P1M","fiscal_year_end":3},
		  "completions":[{"activity":"goal-progress-review","date":"2026-12-01"},{"activity":"intent-confirmation","date":"2027-01-10","intent":"renew"}],
		  "calls":[{"date":"2026-10-01","amount":"6000000","category":"best-case"}],"first_contact":"2026-11-25"}`,
		`{"contract":{"id":"t","start":"2025-12-31","term_months":12,"arr":"800000"},"due":"2026-12-31","outcome":{"result":"churned","date":"2026-12-20","final":"0"}}`,
		`{"contract":{"id":"t","start":"2025-12-31","term_months":12,"arr":"800000"},"outcome":{"result":"churned","date":"2026-12-20"}}`,
		`{"contract":{"id":"x","start":"2026-01-01","term_months":12,"arr":"1"},"due":"2027-01-01","outcome":{"result":"renewed","date":"2027-01-01","final":"-1"}}`,
		`{"contract":{"id":"x","start":"2026-01-01","term_months":12,"arr":"1"},"completions":[{"activity":"usage-review","date":"2026-11-01"},{"activity":"usage-review","date":"2026-11-02"}]}`,
		`{"id":"acme","start":"2026-03-31","term_months":12,"arr":"1200000.50","auto_renew":true,"notice":"P1M","fiscal_year_end":3}`,
		`{"id":"m","start":"2026-01-31","term_months":1,"renewal_term_months":1,"arr":"1","auto_renew":true,"notice":"P30D"}`,
		`{"id":"x","start":"9999-12-01","term_months":1,"arr":"+5"}`,
		`{"activity":"intent-confirmation","date":"2027-01-10","intent":"renew","note":"adding Osaka"}`,
		`{"date":"2027-01-05","amount":"1500000.50","category":"commit"}`,
		`{"result":"renewed","date":"2027-03-31","final":"1650000.50"}`,
		`null`, `[]`, `{`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		jsontest.RoundTrip(t, b, ErrInvalidContract, Contract.Validate)
		jsontest.RoundTrip(t, b, ErrInvalidRecord, Completion.Validate)
		jsontest.RoundTrip(t, b, ErrInvalidRecord, Call.Validate)
		jsontest.RoundTrip(t, b, ErrInvalidRecord, Outcome.Validate)
		r, ok := jsontest.RoundTrip(t, b, ErrInvalidRecord, Renewal.Validate)
		if !ok {
			return
		}
		// The latest record: completions, calls, a decided outcome and the
		// first contact are all dated.
		asOf, latest := r.Contract.Start, date.Date{}
		seen := func(d date.Date) {
			if d.After(latest) {
				latest = d
			}
		}
		for _, c := range r.Completions {
			seen(c.Date)
		}
		for _, c := range r.Calls {
			seen(c.Date)
		}
		if r.Outcome.Result != ResultOpen {
			seen(r.Outcome.Date)
		}
		seen(r.FirstContact)
		if latest.After(asOf) {
			asOf = latest
		}
		st, err := Policy{}.Status(r, asOf)
		require.NoError(t, err)
		done := 0
		for _, it := range st.Items {
			if it.State == ItemDone {
				done++
			}
		}
		require.Equal(t, len(r.Completions), done+len(st.Unplanned))
		if before := latest.AddDays(-1); before.Before(latest) {
			_, err := Policy{}.Status(r, before)
			require.ErrorIs(t, err, ErrRecordAfterAsOf)
		}
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
		p, ok := jsontest.RoundTrip(t, b, ErrInvalidPolicy, Policy.Validate)
		if !ok {
			return
		}
		for _, c := range contracts {
			for _, asOf := range []date.Date{c.Start, c.FirstRenewal(), rnDay("2027-01-15")} {
				s, err := p.Plan(c, asOf)
				require.NoError(t, err)
				rnCheckSchedule(t, c, s)
			}
		}
	})
}

// FuzzResultJSON decodes arbitrary bytes as each result that holds money
// (forecast, totals, KPIs, amount ratio, tally): whatever decodes goes
// through this package's amount reader, round-trips and re-encodes to the
// same bytes.
func FuzzResultJSON(f *testing.F) {
	fc, err := Policy{}.Forecast(slices.Values(fcBook()), fcAsOf, DateRange{From: fcDay(2027, time.May, 1), To: fcDay(2027, time.July, 1)}, date.FiscalCalendar{})
	require.NoError(f, err)
	k, err := Policy{}.KPIs(slices.Values(kpiBook()), kpiAsOf, DateRange{From: kpiFrom, To: kpiTo}, ChurnBaseStartingARR)
	require.NoError(f, err)
	tally, err := Policy{}.ClassifyBook(slices.Values(rnBook), rnDay("2027-03-20"))
	require.NoError(f, err)
	for _, v := range []any{fc, fc.Total().Renewed, k, k.GrossRenewalARR, tally, Forecast{}, KPIs{}, Tally{}} {
		b, err := json.Marshal(v)
		require.NoError(f, err)
		f.Add(b)
	}
	for _, s := range []string{`{"num":"1e400","den":"1"}`, `{"lost_arr":"1e400"}`, `{"count":-1}`,
		`{"late":{"contracts":1,"arr":"0.5"}}`, `{"num":".5","den":"-0"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		jsontest.RoundTrip[Forecast](t, b, ErrInvalidRecord, nil)
		jsontest.RoundTrip[Totals](t, b, ErrInvalidRecord, nil)
		jsontest.RoundTrip[KPIs](t, b, ErrInvalidRecord, nil)
		jsontest.RoundTrip[AmountRatio](t, b, ErrInvalidRecord, nil)
		jsontest.RoundTrip[Tally](t, b, ErrInvalidRecord, nil)
	})
}

// FuzzPlan plans contracts built from arbitrary fields under arbitrary
// policies: Plan never panics; it refuses an invalid contract or policy;
// otherwise the schedule's dates are in order and the renewal is the right
// anniversary.
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
		{start: day("2026-01-31"), term: 1, auto: true, noticeDays: 28, asOf: 1},             // notice as long as a term
		{start: day("2026-01-31"), term: 1, auto: true, noticeDays: 745, asOf: 1},            // notice too long
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
			p.Steps = []Step{{ActivityROIConfirmation, date.Period{Months: stepMonths, Days: stepDays}}, {ActivityIntentConfirmation, date.Days(stepDays)}}
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

		n, err := p.ClassifyBook(func(yield func(Contract) bool) { yield(c) }, asOf)
		require.NoError(t, err)
		assert.Equal(t, 1, n.Total().Contracts)
	})
}
