package renewal

import (
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/booktest"
	"github.com/cskit/cskit/internal/dectest"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func kpiDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func kpiDay(y int, m time.Month, d int) date.Date { return date.Must(y, m, d) }

// Q1 2027 and the day the book is read.
var (
	kpiFrom = kpiDay(2027, time.January, 1)
	kpiTo   = kpiDay(2027, time.April, 1)
	kpiAsOf = kpiDay(2027, time.April, 15)
)

// kpiOpts is the range and base a test reads the KPIs of.
type kpiOpts struct {
	From, To    date.Date
	Denominator ChurnBase
}

// kpiRun computes the KPIs of book under p as of asOf over o.
func kpiRun(p Policy, book iter.Seq[Renewal], asOf date.Date, o kpiOpts) (KPIs, error) {
	return p.KPIs(book, asOf, DateRange{o.From, o.To}, o.Denominator)
}

// kpiBook is the hand-computed book. Under the default policy (window three
// months before the decision date):
//
//	a  renews 2027-01-15, window opens 2026-10-15; contact 2026-10-10 → on time.
//	   onboarded, two-way, asked: renew, case study asked. Renewed 1,320,000 on a
//	   1,200,000 target: upsell, no loss.
//	b  auto-renewing, notice P1M: renews 2027-02-20, decides 2027-01-20, opens
//	   2026-10-20; first completion 2026-12-01 → late. Onboarded, asked: cancel.
//	   Churned: loses 2,400,000.
//	c  36-month term: renews 2027-03-10, opens 2026-12-10; contact 2026-12-10 →
//	   on time (the opening day counts). Onboarded, two-way, asked: undecided,
//	   case study published (so asked). Renewed 450,000 on 600,000: loses 150,000.
//	d  renews 2027-03-31, opens 2026-12-31; no contact, as of 2027-04-15 → late.
//	   Still open.
//	e  started 2027-01-10 inside the period: new business, not renewable, not in
//	   the starting ARR, although it renews 2027-02-10.
//	f  renews 2027-06-01, outside the period: in the starting ARR only. Its
//	   completion after the as-of date is not read.
//	g  not auto-renewing, its term ended 2026-06-01: not active, in nothing.
func kpiBook() []Renewal {
	return []Renewal{
		{
			Contract:     Contract{ID: "a", Start: kpiDay(2026, 1, 15), TermMonths: 12, ARR: kpiDec("1200000")},
			Onboarded:    true,
			TwoWay:       true,
			FirstContact: kpiDay(2026, 10, 10),
			Completions: []Completion{
				{Activity: ActivityIntentConfirmation, Date: kpiDay(2026, 12, 1), Intent: IntentRenew},
				{Activity: ActivityCaseStudyRequest, Date: kpiDay(2026, 12, 15)},
			},
			Due:     kpiDay(2027, 1, 15),
			Outcome: Outcome{Result: ResultRenewed, Date: kpiDay(2027, 1, 10), Final: kpiDec("1320000")},
		},
		{
			Contract: Contract{ID: "b", Start: kpiDay(2025, 2, 20), TermMonths: 12, ARR: kpiDec("2400000"),
				AutoRenew: true, Notice: date.Months(1)},
			Onboarded: true,
			Completions: []Completion{
				{Activity: ActivityIntentConfirmation, Date: kpiDay(2027, 1, 5), Intent: IntentCancel},
				{Activity: ActivityGoalProgressReview, Date: kpiDay(2026, 12, 1)},
			},
			Due:     kpiDay(2027, 2, 20),
			Outcome: Outcome{Result: ResultChurned, Date: kpiDay(2027, 1, 20)},
		},
		{
			Contract:           Contract{ID: "c", Start: kpiDay(2024, 3, 10), TermMonths: 36, ARR: kpiDec("600000")},
			Target:             kpiDec("600000"),
			Onboarded:          true,
			TwoWay:             true,
			CaseStudyPublished: true,
			FirstContact:       kpiDay(2026, 12, 10),
			Completions: []Completion{
				{Activity: ActivityIntentConfirmation, Date: kpiDay(2027, 1, 20), Intent: IntentUndecided},
			},
			Due:     kpiDay(2027, 3, 10),
			Outcome: Outcome{Result: ResultRenewed, Date: kpiDay(2027, 3, 5), Final: kpiDec("450000")},
		},
		{
			Contract: Contract{ID: "d", Start: kpiDay(2026, 3, 31), TermMonths: 12, ARR: kpiDec("300000")},
		},
		{
			Contract:  Contract{ID: "e", Start: kpiDay(2027, 1, 10), TermMonths: 1, ARR: kpiDec("50000")},
			Onboarded: true,
		},
		{
			Contract:    Contract{ID: "f", Start: kpiDay(2026, 6, 1), TermMonths: 12, ARR: kpiDec("900000")},
			Onboarded:   true,
			Completions: []Completion{{Activity: ActivityUsageReview, Date: kpiDay(2027, 5, 1)}},
		},
		{
			Contract:  Contract{ID: "g", Start: kpiDay(2025, 6, 1), TermMonths: 12, ARR: kpiDec("100000")},
			Onboarded: true,
		},
	}
}

func TestKPIsBook(t *testing.T) {
	book := kpiBook()
	k, err := kpiRun(Policy{}, slices.Values(book), kpiAsOf, kpiOpts{From: kpiFrom, To: kpiTo})
	require.NoError(t, err)

	assert.Equal(t, kpiFrom, k.Range.From)
	assert.Equal(t, kpiTo, k.Range.To)
	assert.Equal(t, kpiAsOf, k.AsOf)
	assert.Equal(t, ChurnBaseRenewableARR, k.Denominator)
	assert.Equal(t, 4, k.Renewable)
	for _, tc := range []struct {
		name string
		got  Ratio
		want Ratio
	}{
		{"onboarded", k.Onboarded, Ratio{3, 4}},                     // a b c
		{"intent inquiry", k.IntentInquiry, Ratio{3, 4}},            // a b c
		{"two-way", k.TwoWay, Ratio{2, 4}},                          // a c
		{"intent confirmed", k.IntentConfirmed, Ratio{2, 4}},        // a (renew) b (cancel)
		{"case study asked", k.CaseStudyAsked, Ratio{2, 4}},         // a (asked) c (published)
		{"case study published", k.CaseStudyPublished, Ratio{1, 4}}, // c
		{"on-time start", k.OnTimeStart, Ratio{2, 4}},               // a c on time; b d late
		{"gross renewal count", k.GrossRenewalCount, Ratio{2, 3}},   // a c of a b c
	} {
		assert.Equal(t, tc.want, tc.got, tc.name)
	}
	assert.Equal(t, 1, k.Open) // d

	// lost = 2,400,000 (b churned) + 600,000 − 450,000 (c downsold) = 2,550,000
	// decided target = 1,200,000 + 2,400,000 + 600,000 = 4,200,000
	kpiEqualDec(t, "2550000", k.LostARR, "lost")
	kpiEqualDec(t, "4500000", k.RenewableARR, "renewable ARR (a b c d)")
	// starting = a 1,200,000 + b 2,400,000 + c 600,000 + d 300,000 + f 900,000
	kpiEqualDec(t, "5400000", k.StartingARR, "starting ARR")

	// GRR on renewable ARR, d still open and so kept for now:
	// (4,500,000 − 2,550,000) / 4,500,000 = 0.433333…
	kpiEqualDec(t, "1950000", k.GrossRenewalARR.Num, "GRR num")
	kpiEqualDec(t, "4500000", k.GrossRenewalARR.Den, "GRR den")
	kpiEqualRate(t, "0.4333", k.GrossRenewalARR, 4)
	assert.Equal(t, "1950000/4500000 (43.3%)", k.GrossRenewalARR.String())

	// Net: (1,320,000 + 0 + 450,000) / 4,200,000 = 0.421428…
	kpiEqualDec(t, "1770000", k.NetRenewalARR.Num, "net num")
	kpiEqualDec(t, "4200000", k.NetRenewalARR.Den, "net den")
	kpiEqualRate(t, "0.4214", k.NetRenewalARR, 4)

	// GRR on starting ARR: (5,400,000 − 2,550,000) / 5,400,000 = 0.527777…
	ks, err := kpiRun(Policy{}, slices.Values(kpiBook()), kpiAsOf, kpiOpts{From: kpiFrom, To: kpiTo, Denominator: ChurnBaseStartingARR})
	require.NoError(t, err)
	assert.Equal(t, ChurnBaseStartingARR, ks.Denominator)
	kpiEqualDec(t, "2850000", ks.GrossRenewalARR.Num, "GRR num (starting)")
	kpiEqualDec(t, "5400000", ks.GrossRenewalARR.Den, "GRR den (starting)")
	kpiEqualRate(t, "0.5278", ks.GrossRenewalARR, 4)
	assert.Equal(t, "2850000/5400000 (52.8%)", ks.GrossRenewalARR.String())
	// Only the GRR base differs.
	ks.Denominator, ks.GrossRenewalARR = k.Denominator, k.GrossRenewalARR
	kpiEqualJSON(t, k, ks)

	// The book's rows are not changed.
	assert.Equal(t, kpiBook(), book)
}

func TestKPIsJSON(t *testing.T) {
	k, err := kpiRun(Policy{}, slices.Values(kpiBook()), kpiAsOf, kpiOpts{From: kpiFrom, To: kpiTo})
	require.NoError(t, err)
	b, err := json.Marshal(k)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"range": {"from": "2027-01-01", "to": "2027-04-01"}, "as_of": "2027-04-15",
		"denominator": "renewable-arr",
		"renewable": 4,
		"onboarded": {"num": 3, "den": 4},
		"intent_inquiry": {"num": 3, "den": 4},
		"two_way": {"num": 2, "den": 4},
		"intent_confirmed": {"num": 2, "den": 4},
		"case_study_asked": {"num": 2, "den": 4},
		"case_study_published": {"num": 1, "den": 4},
		"on_time_start": {"num": 2, "den": 4},
		"gross_renewal_count": {"num": 2, "den": 3},
		"open": 1,
		"gross_renewal_arr": {"num": "1950000", "den": "4500000"},
		"net_renewal_arr": {"num": "1770000", "den": "4200000"},
		"starting_arr": "5400000",
		"renewable_arr": "4500000",
		"lost_arr": "2550000"
	}`, string(b))
}

// TestKPIsStable proves the KPIs' JSON, texts and rates byte-identical under
// hostile shopspring/decimal settings.
func TestKPIsStable(t *testing.T) {
	book := kpiBook()
	book[2].Target = kpiDec("600000.50") // amounts with cents too
	book[2].Outcome.Final = kpiDec("450000.25")
	dectest.Stable(t, func() []byte {
		var out []byte
		for _, base := range []ChurnBase{ChurnBaseRenewableARR, ChurnBaseStartingARR} {
			k, err := kpiRun(Policy{}, slices.Values(book), kpiAsOf, kpiOpts{From: kpiFrom, To: kpiTo, Denominator: base})
			require.NoError(t, err)
			b, err := json.Marshal(k)
			require.NoError(t, err)
			out = append(out, b...)
			// The KPIs decode their own output through the package's
			// reader, whatever decimal.MaxDecodeExponent says.
			var back KPIs
			require.NoError(t, json.Unmarshal(b, &back))
			b, err = json.Marshal(back)
			require.NoError(t, err)
			out = append(out, b...)
			for _, a := range []AmountRatio{k.GrossRenewalARR, k.NetRenewalARR, {}} {
				r, ok := a.Rate(6)
				out = fmt.Appendf(out, "\n%s %s %t", a, r.StringFixed(6), ok)
			}
			out = fmt.Appendf(out, "\n%s %s", k.OnTimeStart, k.GrossRenewalCount)
		}
		return out
	})
}

func TestKPIsEmpty(t *testing.T) {
	for _, tc := range []struct {
		name string
		book []Renewal
	}{
		{"no rows", nil},
		{"nothing renewable", kpiBook()[4:]}, // e f g
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, base := range []ChurnBase{ChurnBaseRenewableARR, ChurnBaseStartingARR} {
				k, err := kpiRun(Policy{}, slices.Values(tc.book), kpiAsOf, kpiOpts{From: kpiFrom, To: kpiTo, Denominator: base})
				require.NoError(t, err)
				assert.Zero(t, k.Renewable)
				for _, r := range []Ratio{k.Onboarded, k.IntentInquiry, k.TwoWay, k.IntentConfirmed,
					k.CaseStudyAsked, k.CaseStudyPublished, k.OnTimeStart, k.GrossRenewalCount} {
					v, ok := r.Value()
					assert.False(t, ok)
					assert.Zero(t, v)
					assert.Equal(t, "no data", r.String())
				}
				assert.Equal(t, "no data", k.NetRenewalARR.String())
				_, ok := k.NetRenewalARR.Rate(4)
				assert.False(t, ok)
				if base == ChurnBaseRenewableARR || tc.book == nil {
					assert.Equal(t, "no data", k.GrossRenewalARR.String())
				} else {
					// f is active on From and nothing was lost: 100% kept so far.
					assert.Equal(t, "900000/900000 (100.0%)", k.GrossRenewalARR.String())
				}
				b, err := json.Marshal(k)
				require.NoError(t, err)
				assert.NotContains(t, strings.ToLower(string(b)), "nan")
				assert.Contains(t, string(b), `"onboarded":{"num":0,"den":0}`)
				assert.Contains(t, string(b), `"net_renewal_arr":{"num":"0","den":"0"}`)
			}
		})
	}
}

func TestKPIsRenewable(t *testing.T) {
	c := func(start date.Date, term int, auto bool) Renewal {
		return Renewal{Contract: Contract{ID: "x", Start: start, TermMonths: term, AutoRenew: auto, ARR: kpiDec("100")}}
	}
	for _, tc := range []struct {
		name              string
		r                 Renewal
		renewable, active bool
	}{
		{"renews on From", c(kpiDay(2026, 1, 1), 12, false), true, true},
		{"renews on the period's last day", c(kpiDay(2026, 3, 31), 12, false), true, true},
		{"renews on To: next period", c(kpiDay(2026, 4, 1), 12, false), false, true},
		{"ended the day before From", c(kpiDay(2025, 12, 31), 12, false), false, false},
		{"auto-renewing, third anniversary in the period", c(kpiDay(2024, 2, 29), 12, true), true, true},
		{"auto-renewing, anniversary after the period", c(kpiDay(2024, 5, 1), 12, true), false, true},
		{"starts on From", c(kpiFrom, 1, false), false, false},
		{"starts after From", c(kpiDay(2027, 2, 1), 1, false), false, false},
		{"monthly, three renewals in the period: one row", Renewal{Contract: Contract{ID: "m", Start: kpiDay(2026, 6, 15),
			TermMonths: 1, RenewalTermMonths: 1, AutoRenew: true, ARR: kpiDec("100")}}, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := kpiRun(Policy{}, slices.Values([]Renewal{tc.r}), kpiAsOf, kpiOpts{From: kpiFrom, To: kpiTo})
			require.NoError(t, err)
			assert.Equal(t, b2i(tc.renewable), k.Renewable)
			want := "0"
			if tc.active {
				want = "100"
			}
			kpiEqualDec(t, want, k.StartingARR, "starting ARR")
		})
	}
}

func TestKPIsOnTimeStart(t *testing.T) {
	// A renewal on 2027-03-31 opens its window on 2026-12-31.
	q1 := kpiOpts{From: kpiFrom, To: kpiTo}
	base := Renewal{Contract: Contract{ID: "x", Start: kpiDay(2026, 3, 31), TermMonths: 12, ARR: kpiDec("100")}}
	with := func(first date.Date, done ...date.Date) Renewal {
		r := base
		r.FirstContact = first
		for i, d := range done {
			r.Completions = append(r.Completions, Completion{Activity: Activity(i + 1), Date: d})
		}
		return r
	}
	// Q2 2027: a renewal on 2027-06-30 of a customer whose fiscal year ends
	// in March. Its window opens 2027-03-30, but the budget is settled
	// 2027-01-31 (two months before 2027-03-31), so the value case moves:
	// ROI confirmation, normally due 2027-05-01 after 32 open days, is due
	// 2027-01-31 and opens 2026-12-30, the schedule's opening.
	q2 := kpiOpts{From: kpiDay(2027, 4, 1), To: kpiDay(2027, 7, 1)}
	fy := Renewal{Contract: Contract{ID: "fy", Start: kpiDay(2026, 6, 30), TermMonths: 12, ARR: kpiDec("100"),
		FiscalYearEnd: time.March}}
	fyContact := func(d date.Date) Renewal { r := fy; r.FirstContact = d; return r }
	zero := date.Date{}

	for _, tc := range []struct {
		name string
		r    Renewal
		opts kpiOpts
		asOf date.Date
		want Ratio
	}{
		{"contact before the window opens", with(kpiDay(2026, 12, 1)), q1, kpiAsOf, Ratio{1, 1}},
		{"contact on the opening day", with(kpiDay(2026, 12, 31)), q1, kpiAsOf, Ratio{1, 1}},
		{"contact the day after", with(kpiDay(2027, 1, 1)), q1, kpiAsOf, Ratio{0, 1}},
		{"earliest completion is the contact", with(zero, kpiDay(2027, 1, 10), kpiDay(2026, 12, 20)), q1, kpiAsOf, Ratio{1, 1}},
		{"FirstContact wins over an earlier completion", with(kpiDay(2027, 1, 2), kpiDay(2026, 12, 1)), q1, kpiAsOf, Ratio{0, 1}},
		{"contact before the window, read before it opens", with(kpiDay(2026, 11, 1)), q1, kpiDay(2026, 11, 15), Ratio{1, 1}},
		{"no contact, window not open yet: not measurable", with(zero), q1, kpiDay(2026, 12, 30), Ratio{0, 0}},
		{"no contact, opening day: still measurable later", with(zero), q1, kpiDay(2026, 12, 31), Ratio{0, 0}},
		{"no contact, day after opening: late", with(zero), q1, kpiDay(2027, 1, 1), Ratio{0, 1}},
		{"budget moved the window: 2027-01-05 is late", fyContact(kpiDay(2027, 1, 5)), q2, kpiDay(2027, 7, 15), Ratio{0, 1}},
		{"budget moved the window: 2026-12-30 is on time", fyContact(kpiDay(2026, 12, 30)), q2, kpiDay(2027, 7, 15), Ratio{1, 1}},
		{"budget moved the window: no contact by 2026-12-31 is late", fy, q2, kpiDay(2026, 12, 31), Ratio{0, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := kpiRun(Policy{}, slices.Values([]Renewal{tc.r}), tc.asOf, tc.opts)
			require.NoError(t, err)
			require.Equal(t, 1, k.Renewable)
			assert.Equal(t, tc.want, k.OnTimeStart)
		})
	}

	// The moved opening above is the plan's.
	s, err := Policy{}.Plan(fy.Contract, q2.From)
	require.NoError(t, err)
	assert.Equal(t, kpiDay(2026, 12, 30), s.Opens)
}

func TestKPIsRenewalRates(t *testing.T) {
	row := func(id, target, final string, res Result) Renewal {
		r := Renewal{Contract: Contract{ID: id, Start: kpiDay(2026, 2, 1), TermMonths: 12, ARR: kpiDec("1000")}}
		if target != "" {
			r.Target = kpiDec(target)
		}
		if res != ResultOpen {
			r.Due = kpiDay(2027, 2, 1)
			r.Outcome = Outcome{Result: res, Date: kpiDay(2027, 2, 1), Final: kpiDec(final)}
		}
		return r
	}
	for _, tc := range []struct {
		name                       string
		book                       []Renewal
		count                      Ratio
		open                       int
		lost, grrNum, grrDen, net  string
		netDen, startNum, startDen string
	}{
		{
			name:  "flat, upsell, downsell, churn",
			book:  []Renewal{row("flat", "", "1000", ResultRenewed), row("up", "", "1500", ResultRenewed), row("down", "", "700.50", ResultRenewed), row("lost", "", "0", ResultChurned)},
			count: Ratio{3, 4},
			// lost = 299.50 + 1000; the upsell's 500 does not offset it.
			lost: "1299.50", grrNum: "2700.50", grrDen: "4000", net: "3200.50", netDen: "4000",
			startNum: "2700.50", startDen: "4000",
		},
		{
			name:  "target differs from ARR",
			book:  []Renewal{row("t", "1200", "1100", ResultRenewed), row("o", "800", "", ResultOpen)},
			count: Ratio{1, 1}, open: 1,
			// loss against the target (100); renewable ARR is the targets
			// 1200 + 800, starting ARR the contracts' 2000
			lost: "100", grrNum: "1900", grrDen: "2000", net: "1100", netDen: "1200",
			startNum: "1900", startDen: "2000",
		},
		{
			name:  "all open",
			book:  []Renewal{row("o1", "", "", ResultOpen), row("o2", "", "", ResultOpen)},
			count: Ratio{0, 0}, open: 2,
			lost: "0", grrNum: "2000", grrDen: "2000", net: "0", netDen: "0",
			startNum: "2000", startDen: "2000",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := kpiRun(Policy{}, slices.Values(tc.book), kpiAsOf, kpiOpts{From: kpiFrom, To: kpiTo})
			require.NoError(t, err)
			assert.Equal(t, tc.count, k.GrossRenewalCount)
			assert.Equal(t, tc.open, k.Open)
			kpiEqualDec(t, tc.lost, k.LostARR, "lost")
			kpiEqualDec(t, tc.grrNum, k.GrossRenewalARR.Num, "GRR num")
			kpiEqualDec(t, tc.grrDen, k.GrossRenewalARR.Den, "GRR den")
			kpiEqualDec(t, tc.net, k.NetRenewalARR.Num, "net num")
			kpiEqualDec(t, tc.netDen, k.NetRenewalARR.Den, "net den")

			ks, err := kpiRun(Policy{}, slices.Values(tc.book), kpiAsOf, kpiOpts{From: kpiFrom, To: kpiTo, Denominator: ChurnBaseStartingARR})
			require.NoError(t, err)
			kpiEqualDec(t, tc.startNum, ks.GrossRenewalARR.Num, "GRR num (starting)")
			kpiEqualDec(t, tc.startDen, ks.GrossRenewalARR.Den, "GRR den (starting)")
		})
	}
}

func TestKPIsErrors(t *testing.T) {
	q1 := kpiOpts{From: kpiFrom, To: kpiTo}
	valid := kpiBook()
	mod := func(i int, f func(*Renewal)) []Renewal {
		b := kpiBook()
		f(&b[i])
		return b
	}
	for _, tc := range []struct {
		name  string
		p     Policy
		book  []Renewal
		asOf  date.Date
		opts  kpiOpts
		want  error
		id    string // the contract the *FieldError names
		field string // the field it names; empty: no *FieldError
	}{
		{name: "zero as-of", book: valid, opts: q1, want: ErrMissingDate, field: "as_of"},
		{name: "zero From", book: valid, asOf: kpiAsOf, opts: kpiOpts{To: kpiTo}, want: ErrMissingDate, field: "from"},
		{name: "zero To", book: valid, asOf: kpiAsOf, opts: kpiOpts{From: kpiFrom}, want: ErrMissingDate, field: "to"},
		{name: "empty period", book: valid, asOf: kpiAsOf, opts: kpiOpts{From: kpiFrom, To: kpiFrom}, want: ErrInvalidRange, field: "to"},
		{name: "reversed period", book: valid, asOf: kpiAsOf, opts: kpiOpts{From: kpiTo, To: kpiFrom}, want: ErrInvalidRange, field: "to"},
		{name: "unknown churn base", book: valid, asOf: kpiAsOf, opts: kpiOpts{From: kpiFrom, To: kpiTo, Denominator: 2}, want: ErrUnknownChurnBase, field: "denominator"},
		{name: "invalid policy", p: Policy{Late: date.Months(4)}, book: valid, asOf: kpiAsOf, opts: q1, want: ErrInvalidPolicy},
		{name: "negative ARR", book: mod(3, func(r *Renewal) { r.Contract.ARR = kpiDec("-1") }), asOf: kpiAsOf, opts: q1,
			want: ErrNegativeAmount, id: "d", field: "arr"},
		{name: "invalid row outside the period", book: mod(6, func(r *Renewal) { r.Outcome.Result = ResultRenewed }), asOf: kpiAsOf, opts: q1,
			want: ErrMissingDate, id: "g", field: "outcome"},
		{name: "completion after as-of", book: mod(0, func(r *Renewal) { r.Completions[0].Date = kpiDay(2027, 4, 16) }), asOf: kpiAsOf, opts: q1,
			want: ErrRecordAfterAsOf, id: "a", field: "completions"},
		{name: "outcome after as-of", book: mod(2, func(r *Renewal) { r.Outcome.Date = kpiDay(2027, 4, 16) }), asOf: kpiAsOf, opts: q1,
			want: ErrRecordAfterAsOf, id: "c", field: "outcome"},
		{name: "first contact after as-of", book: mod(3, func(r *Renewal) { r.FirstContact = kpiDay(2027, 4, 16) }), asOf: kpiAsOf, opts: q1,
			want: ErrRecordAfterAsOf, id: "d", field: "first_contact"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := kpiRun(tc.p, slices.Values(tc.book), tc.asOf, tc.opts)
			require.ErrorIs(t, err, tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "renewal: "), err.Error())
			assert.Zero(t, k.Renewable)
			var fe *FieldError
			if tc.field == "" {
				return
			}
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tc.id, fe.ID)
			assert.Equal(t, tc.field, fe.Field)
			if tc.id != "" {
				assert.Contains(t, err.Error(), fmt.Sprintf("%q", tc.id))
			}
		})
	}
}

// TestKPIsStopsAtFirstError checks that KPIs stops reading the book at the
// first invalid row, and that a stream is read once.
func TestKPIsStopsAtFirstError(t *testing.T) {
	book := kpiBook()
	book[1].Contract.ID = ""
	read := 0
	seq := func(yield func(Renewal) bool) {
		for _, r := range book {
			read++
			if !yield(r) {
				return
			}
		}
	}
	_, err := kpiRun(Policy{}, seq, kpiAsOf, kpiOpts{From: kpiFrom, To: kpiTo})
	require.ErrorIs(t, err, ErrInvalidContract)
	assert.Equal(t, 2, read)
}

func TestRatio(t *testing.T) {
	for _, tc := range []struct {
		r    Ratio
		text string
		v    float64
		ok   bool
	}{
		{Ratio{7, 10}, "7/10 (70.0%)", 0.7, true},
		{Ratio{2, 3}, "2/3 (66.7%)", 2.0 / 3, true},
		{Ratio{1, 8}, "1/8 (12.5%)", 0.125, true},
		{Ratio{1, 16}, "1/16 (6.3%)", 0.0625, true}, // 6.25 rounds half away from zero
		{Ratio{0, 5}, "0/5 (0.0%)", 0, true},
		{Ratio{5, 5}, "5/5 (100.0%)", 1, true},
		{Ratio{0, 0}, "no data", 0, false},
		{Ratio{3, 0}, "no data", 0, false},
	} {
		assert.Equal(t, tc.text, tc.r.String())
		v, ok := tc.r.Value()
		assert.Equal(t, tc.ok, ok, tc.text)
		assert.InDelta(t, tc.v, v, 1e-15, tc.text)
		assert.False(t, math.IsNaN(v))
	}
}

func TestAmountRatio(t *testing.T) {
	for _, tc := range []struct {
		name   string
		a      AmountRatio
		places int32
		rate   string
		ok     bool
		text   string
	}{
		{"rounds half away from zero", AmountRatio{kpiDec("1"), kpiDec("8")}, 2, "0.13", true, "1/8 (12.5%)"},
		{"exact", AmountRatio{kpiDec("1650000"), kpiDec("4200000")}, 4, "0.3929", true, "1650000/4200000 (39.3%)"},
		{"cents kept in the text", AmountRatio{kpiDec("1.50"), kpiDec("3.00")}, 2, "0.5", true, "1.50/3.00 (50.0%)"},
		{"negative places count as zero", AmountRatio{kpiDec("2"), kpiDec("3")}, -2, "1", true, "2/3 (66.7%)"},
		{"negative numerator", AmountRatio{kpiDec("-1"), kpiDec("3")}, 3, "-0.333", true, "-1/3 (-33.3%)"},
		{"zero denominator", AmountRatio{kpiDec("5"), decimal.Decimal{}}, 4, "0", false, "no data"},
		{"zero denominator with exponent", AmountRatio{decimal.Decimal{}, decimal.New(0, -2)}, 4, "0", false, "no data"},
		{"scales too far apart", AmountRatio{decimal.New(1, -2_000_000_000), kpiDec("1")}, 4, "0", false, "no data"},
		{"huge places", AmountRatio{kpiDec("1"), kpiDec("3")}, math.MaxInt32, "0", false, "1/3 (33.3%)"},
		{"min exponent", AmountRatio{kpiDec("1"), decimal.New(1, math.MinInt32)}, 0, "0", false, "no data"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Operands are compared by coefficient and exponent: printing
			// 10^-2000000000 would take seconds.
			num := fmt.Sprint(tc.a.Num.Coefficient(), tc.a.Num.Exponent())
			den := fmt.Sprint(tc.a.Den.Coefficient(), tc.a.Den.Exponent())
			r, ok := tc.a.Rate(tc.places)
			assert.Equal(t, tc.ok, ok)
			assert.True(t, kpiDec(tc.rate).Equal(r), "rate %s, want %s", r.String(), tc.rate)
			assert.Equal(t, tc.text, tc.a.String())
			assert.Equal(t, num, fmt.Sprint(tc.a.Num.Coefficient(), tc.a.Num.Exponent()), "operand unchanged")
			assert.Equal(t, den, fmt.Sprint(tc.a.Den.Coefficient(), tc.a.Den.Exponent()), "operand unchanged")
		})
	}
	b, err := json.Marshal(AmountRatio{kpiDec("1.50"), kpiDec("3")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"num":"1.50","den":"3"}`, string(b))
}

// kpiGenBook returns n generated rows with mixed facts: every term, notice
// and fiscal-year shape the schedule knows, outcomes of every kind, and no
// record dated after asOf.
func kpiGenBook(n int, seed uint64, asOf date.Date) []Renewal {
	rng := rand.New(rand.NewPCG(seed, 1))
	start0 := kpiDay(2023, 1, 1)
	book := make([]Renewal, n)
	for i := range book {
		c := Contract{
			ID:         fmt.Sprintf("c%d", i),
			Start:      start0.AddDays(rng.IntN(5 * 365)),
			TermMonths: []int{1, 12, 12, 24, 36}[rng.IntN(5)],
			ARR:        decimal.New(int64(rng.IntN(5_000_000)), -int32(rng.IntN(3))),
			AutoRenew:  rng.IntN(2) == 0,
		}
		if c.AutoRenew && rng.IntN(2) == 0 {
			c.Notice = []date.Period{date.Days(30), date.Months(1), date.Months(2)}[rng.IntN(3)]
		}
		if rng.IntN(3) == 0 {
			c.FiscalYearEnd = time.Month(1 + rng.IntN(12))
		}
		r := Renewal{Contract: c, Onboarded: rng.IntN(4) != 0, TwoWay: rng.IntN(2) == 0,
			CaseStudyPublished: rng.IntN(10) == 0}
		if rng.IntN(3) == 0 {
			r.Target = decimal.New(int64(rng.IntN(5_000_000)), -2)
		}
		day := func() date.Date { return c.Start.AddDays(rng.IntN(max(1, c.Start.DaysUntil(asOf)+1))) }
		for _, a := range Activities() {
			if rng.IntN(3) == 0 && !c.Start.After(asOf) {
				cp := Completion{Activity: a, Date: day()}
				if a == ActivityIntentConfirmation {
					cp.Intent = Intent(rng.IntN(4))
				}
				r.Completions = append(r.Completions, cp)
			}
		}
		if rng.IntN(4) == 0 && !c.Start.After(asOf) {
			r.FirstContact = day()
		}
		if !c.Start.After(asOf) {
			switch rng.IntN(3) {
			case 1:
				r.Outcome = Outcome{Result: ResultRenewed, Date: day(), Final: r.TargetAmount().Add(decimal.New(int64(rng.IntN(200_000)-100_000), 0))}
				if r.Outcome.Final.Sign() <= 0 {
					r.Outcome.Final = decimal.New(1, 0)
				}
			case 2:
				r.Outcome = Outcome{Result: ResultChurned, Date: day()}
			}
			if r.Outcome.Result != ResultOpen {
				r.Due = c.NextRenewal(r.Outcome.Date)
			}
		}
		book[i] = r
	}
	return book
}

// TestKPIsInvariants checks generated books: every ratio within its
// denominator, counts that add up, GRR within [0, 1] on renewable ARR, and
// the merge law: KPI counters over any split of the book, merged, give what
// one pass gives.
func TestKPIsInvariants(t *testing.T) {
	asOf := kpiDay(2027, 6, 30)
	span := DateRange{From: kpiDay(2027, 1, 1), To: kpiDay(2027, 7, 1)}
	for seed := range uint64(5) {
		book := kpiGenBook(400, seed, asOf)
		k, err := Policy{}.KPIs(slices.Values(book), asOf, span, ChurnBaseRenewableARR)
		require.NoError(t, err)
		require.Positive(t, k.Renewable)

		for _, r := range []Ratio{k.Onboarded, k.IntentInquiry, k.TwoWay, k.IntentConfirmed,
			k.CaseStudyAsked, k.CaseStudyPublished, k.OnTimeStart, k.GrossRenewalCount} {
			assert.True(t, 0 <= r.Num && r.Num <= r.Den && r.Den <= k.Renewable, "%v", r)
		}
		assert.LessOrEqual(t, k.IntentConfirmed.Num, k.IntentInquiry.Num)
		assert.LessOrEqual(t, k.CaseStudyPublished.Num, k.CaseStudyAsked.Num)
		assert.Equal(t, k.Renewable, k.GrossRenewalCount.Den+k.Open)
		assert.True(t, k.LostARR.LessThanOrEqual(k.GrossRenewalARR.Den))
		assert.True(t, k.NetRenewalARR.Den.LessThanOrEqual(k.RenewableARR))
		if r, ok := k.GrossRenewalARR.Rate(6); ok {
			assert.True(t, r.Sign() >= 0 && r.LessThanOrEqual(decimal.New(1, 0)), r.String())
		}

		booktest.CheckMerge(t, seed, 10, book, func() *KPICounter {
			kc, err := NewKPICounter(Policy{}, asOf, span, ChurnBaseStartingARR)
			require.NoError(t, err)
			return kc
		})
	}
}

// kpiEqualJSON compares two KPIs by value: amounts equal as numbers, not as
// decimal representations.
func kpiEqualJSON(t *testing.T, want, got KPIs) {
	t.Helper()
	norm := func(k KPIs) []byte {
		for _, d := range []*decimal.Decimal{&k.StartingARR, &k.RenewableARR, &k.LostARR,
			&k.GrossRenewalARR.Num, &k.GrossRenewalARR.Den, &k.NetRenewalARR.Num, &k.NetRenewalARR.Den} {
			*d = d.Round(6)
		}
		b, err := json.Marshal(k)
		require.NoError(t, err)
		return b
	}
	assert.JSONEq(t, string(norm(want)), string(norm(got)))
}

func kpiEqualDec(t *testing.T, want string, got decimal.Decimal, what string) {
	t.Helper()
	assert.True(t, kpiDec(want).Equal(got), "%s: got %s, want %s", what, got, want)
}

func kpiEqualRate(t *testing.T, want string, a AmountRatio, places int32) {
	t.Helper()
	r, ok := a.Rate(places)
	require.True(t, ok)
	assert.Equal(t, want, r.StringFixed(places))
}

// TestKPICounterRefusesAtomically: a renewable row with a record after the
// as-of date is refused without touching the counter (its ARR is not added
// to the starting ARR either), and counters of other settings do not merge.
func TestKPICounterRefusesAtomically(t *testing.T) {
	q1 := DateRange{From: kpiFrom, To: kpiTo}
	kc, err := NewKPICounter(Policy{}, kpiAsOf, q1, ChurnBaseStartingARR)
	require.NoError(t, err)
	book := kpiBook()
	require.NoError(t, kc.Add(book[3])) // d: 300000, renewable, open
	late := book[0]
	late.Completions = append(late.Completions, Completion{Activity: ActivityUsageReview, Date: kpiAsOf.AddDays(1)})
	require.ErrorIs(t, kc.Add(late), ErrRecordAfterAsOf)
	k := kc.Result()
	assert.Equal(t, 1, k.Renewable)
	kpiEqualDec(t, "300000", k.StartingARR, "starting ARR: d alone")

	for _, o := range []struct {
		asOf date.Date
		span DateRange
		base ChurnBase
	}{
		{kpiAsOf.AddDays(1), q1, ChurnBaseStartingARR},
		{kpiAsOf, DateRange{From: kpiFrom, To: kpiTo.AddDays(1)}, ChurnBaseStartingARR},
		{kpiAsOf, q1, ChurnBaseRenewableARR},
	} {
		other, err := NewKPICounter(Policy{}, o.asOf, o.span, o.base)
		require.NoError(t, err)
		assert.ErrorIs(t, kc.Merge(other), ErrMismatch)
	}
	var zero KPICounter
	assert.ErrorIs(t, zero.Add(book[3]), ErrMissingDate)
}
