package renewal

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/dectest"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rnDay parses a date written 2006-01-02; test values only.
func rnDay(s string) date.Date {
	d, err := date.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// rnDec parses a decimal; test values only.
func rnDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// rnRequireFieldErr checks that err wraps want and is a *FieldError naming
// the contract id and the field.
func rnRequireFieldErr(t *testing.T, err error, want error, id, field string) {
	t.Helper()
	require.Error(t, err)
	require.ErrorIs(t, err, want)
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, id, fe.ID)
	assert.Equal(t, field, fe.Field)
	assert.Contains(t, err.Error(), "renewal: ")
}

func TestContractValidate(t *testing.T) {
	tests := []struct {
		name  string
		c     Contract
		first string
	}{
		{"term", Contract{ID: "a", Start: rnDay("2026-04-01"), TermMonths: 12}, "2027-04-01"},
		{"renewal date", Contract{ID: "a", Start: rnDay("2026-04-15"), RenewalDate: rnDay("2027-03-31")}, "2027-03-31"},
		{"renewal date wins over term", Contract{ID: "a", Start: rnDay("2026-04-01"), TermMonths: 12, RenewalDate: rnDay("2027-01-31")}, "2027-01-31"},
		{"month end clamps", Contract{ID: "a", Start: rnDay("2026-05-31"), TermMonths: 9}, "2027-02-28"},
		{"leap day start", Contract{ID: "a", Start: rnDay("2024-02-29"), TermMonths: 12}, "2025-02-28"},
		{"renews the next day", Contract{ID: "a", Start: rnDay("2026-04-15"), RenewalDate: rnDay("2026-04-16")}, "2026-04-16"},
		{"zero ARR", Contract{ID: "a", Start: rnDay("2026-04-01"), TermMonths: 12, ARR: decimal.Zero}, "2027-04-01"},
		{"fiscal year end december", Contract{ID: "a", Start: rnDay("2026-04-01"), TermMonths: 12, FiscalYearEnd: time.December}, "2027-04-01"},
		// Any notice up to two years is valid, as long as the term or longer.
		{"a month's notice on a monthly term", Contract{ID: "a", Start: rnDay("2026-01-01"), TermMonths: 1, RenewalTermMonths: 1, AutoRenew: true, Notice: date.Months(1)}, "2026-02-01"},
		{"notice reaching before the start", Contract{ID: "a", Start: rnDay("2026-01-31"), TermMonths: 1, AutoRenew: true, Notice: date.Days(60)}, "2026-02-28"},
		{"longest notice in months", Contract{ID: "a", Start: rnDay("2026-01-01"), TermMonths: 12, AutoRenew: true, Notice: date.Months(24)}, "2027-01-01"},
		{"longest notice in days", Contract{ID: "a", Start: rnDay("2026-01-01"), TermMonths: 12, AutoRenew: true, Notice: date.Days(744)}, "2027-01-01"},
		// 23 months are 713 days at most; with 31 days, 744.
		{"longest notice in months and days", Contract{ID: "a", Start: rnDay("2026-01-01"), TermMonths: 12, AutoRenew: true, Notice: rnPeriod(23, 31)}, "2027-01-01"},
		// 9899-12-01 + 1200 months (100 years) = 9999-12-01.
		{"longest term", Contract{ID: "a", Start: rnDay("9899-12-01"), TermMonths: MaxTermMonths}, "9999-12-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.c.Validate())
			assert.Equal(t, rnDay(tt.first), tt.c.FirstRenewal())
		})
	}
}

func TestContractValidateErrors(t *testing.T) {
	ok := Contract{ID: "a", Start: rnDay("2026-04-01"), TermMonths: 12}
	with := func(f func(*Contract)) Contract { c := ok; f(&c); return c }
	tests := []struct {
		name  string
		c     Contract
		want  error
		id    string
		field string
	}{
		{"no id", with(func(c *Contract) { c.ID = "" }), ErrInvalidContract, "", "id"},
		{"no start", with(func(c *Contract) { c.Start = date.Date{} }), ErrMissingDate, "a", "start"},
		{"negative term", with(func(c *Contract) { c.TermMonths = -1 }), ErrInvalidContract, "a", "term_months"},
		{"negative renewal term", with(func(c *Contract) { c.RenewalTermMonths = -12 }), ErrInvalidContract, "a", "renewal_term_months"},
		{"no term and no renewal date", with(func(c *Contract) { c.TermMonths = 0 }), ErrInvalidContract, "a", "term_months"},
		{"term too long", with(func(c *Contract) { c.TermMonths = MaxTermMonths + 1 }), ErrInvalidContract, "a", "term_months"},
		{"renewal term too long", with(func(c *Contract) { c.RenewalTermMonths = MaxTermMonths + 1 }), ErrInvalidContract, "a", "renewal_term_months"},
		{"negative ARR", with(func(c *Contract) { c.ARR = rnDec("-0.01") }), ErrNegativeAmount, "a", "arr"},
		{"ARR of 1e101", with(func(c *Contract) { c.ARR = decimal.New(1, 101) }), ErrAmountOutOfRange, "a", "arr"},
		{"ARR with 101 places", with(func(c *Contract) { c.ARR = decimal.New(1, -101) }), ErrAmountOutOfRange, "a", "arr"},
		{"negative ARR of 1e10000000", with(func(c *Contract) { c.ARR = decimal.New(-1, 10_000_000) }), ErrAmountOutOfRange, "a", "arr"},
		{"fiscal month 13", with(func(c *Contract) { c.FiscalYearEnd = 13 }), ErrInvalidMonth, "a", "fiscal_year_end"},
		{"fiscal month -1", with(func(c *Contract) { c.FiscalYearEnd = -1 }), ErrInvalidMonth, "a", "fiscal_year_end"},
		{"renews on the start day", with(func(c *Contract) { c.RenewalDate = c.Start }), ErrRenewalBeforeStart, "a", "renewal_date"},
		{"renews before the start", with(func(c *Contract) { c.RenewalDate = rnDay("2026-03-31") }), ErrRenewalBeforeStart, "a", "renewal_date"},
		{"term past the last day a date holds", Contract{ID: "a", Start: rnDay("9999-12-31"), TermMonths: 12}, ErrInvalidContract, "a", "term_months"},
		// 9900-01-01 + 1200 months (100 years) = 10000-01-01.
		{"longest term past it", Contract{ID: "a", Start: rnDay("9900-01-01"), TermMonths: MaxTermMonths}, ErrInvalidContract, "a", "term_months"},
		{"negative notice", with(func(c *Contract) { c.Notice = date.Days(-1) }), date.ErrInvalidPeriod, "a", "notice"},
		{"notice of 25 months", with(func(c *Contract) { c.Notice = date.Months(25) }), ErrInvalidContract, "a", "notice"},
		{"notice of 745 days", with(func(c *Contract) { c.Notice = date.Days(745) }), ErrInvalidContract, "a", "notice"},
		// 24 months are 744 days at most; one day more is 745.
		{"notice of 24 months and a day", with(func(c *Contract) { c.Notice = rnPeriod(24, 1) }), ErrInvalidContract, "a", "notice"},
		{"notice of a huge number of months", with(func(c *Contract) { c.Notice = date.Months(math.MaxInt) }), ErrInvalidContract, "a", "notice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rnRequireFieldErr(t, tt.c.Validate(), tt.want, tt.id, tt.field)
		})
	}
	t.Run("message", func(t *testing.T) {
		err := with(func(c *Contract) { c.ARR = rnDec("-0.50") }).Validate()
		// The wrapped sentinel's own "renewal: " is not repeated.
		assert.EqualError(t, err, `renewal: contract "a": arr: negative amount: -0.50`)
		assert.EqualError(t, with(func(c *Contract) { c.ID = "" }).Validate(), "renewal: id: invalid contract: empty id")
		assert.EqualError(t, with(func(c *Contract) { c.Notice = date.Days(800) }).Validate(),
			`renewal: contract "a": notice: invalid contract: notice P800D longer than 744 days`)
	})
	t.Run("negative notice is also an invalid contract", func(t *testing.T) {
		assert.ErrorIs(t, with(func(c *Contract) { c.Notice = date.Days(-1) }).Validate(), ErrInvalidContract)
	})
}

func TestContractRenewal(t *testing.T) {
	tests := []struct {
		name string
		c    Contract
		want []string // renewals 1, 2, ...
	}{
		{"leap day start, yearly", Contract{ID: "a", Start: rnDay("2024-02-29"), TermMonths: 12, AutoRenew: true},
			[]string{"2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29", "2029-02-28"}},
		{"Jan 31 yearly", Contract{ID: "a", Start: rnDay("2025-01-31"), TermMonths: 12},
			[]string{"2026-01-31", "2027-01-31", "2028-01-31"}},
		{"Jan 31 monthly never drifts to 28", Contract{ID: "a", Start: rnDay("2025-01-31"), TermMonths: 1, RenewalTermMonths: 1},
			[]string{"2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31", "2025-06-30"}},
		{"36-month term then yearly", Contract{ID: "a", Start: rnDay("2024-02-29"), TermMonths: 36},
			[]string{"2027-02-28", "2028-02-29", "2029-02-28"}},
		{"co-termed, half-yearly from the renewal date", Contract{ID: "a", Start: rnDay("2026-01-10"), RenewalDate: rnDay("2026-08-31"), RenewalTermMonths: 6},
			[]string{"2026-08-31", "2027-02-28", "2027-08-31", "2028-02-29"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.c.Validate())
			for i, w := range tt.want {
				assert.Equal(t, rnDay(w), tt.c.Renewal(i+1), "renewal %d", i+1)
			}
			assert.Equal(t, tt.c.FirstRenewal(), tt.c.Renewal(1))
		})
	}
	t.Run("12th monthly renewal from Jan 31", func(t *testing.T) {
		c := Contract{ID: "a", Start: rnDay("2025-01-31"), TermMonths: 1, RenewalTermMonths: 1}
		assert.Equal(t, rnDay("2026-01-31"), c.Renewal(12))
		assert.Equal(t, rnDay("2026-02-28"), c.Renewal(13))
		assert.Equal(t, rnDay("2026-03-31"), c.Renewal(14))
	})
	t.Run("k below 1", func(t *testing.T) {
		c := Contract{ID: "a", Start: rnDay("2025-01-31"), TermMonths: 12}
		assert.True(t, c.Renewal(0).IsZero())
		assert.True(t, c.Renewal(-1).IsZero())
	})
}

func TestContractNextRenewal(t *testing.T) {
	leap := Contract{ID: "a", Start: rnDay("2024-02-29"), TermMonths: 12, AutoRenew: true}
	multi := Contract{ID: "a", Start: rnDay("2024-03-31"), TermMonths: 36, AutoRenew: true}
	monthly := Contract{ID: "a", Start: rnDay("2025-01-31"), TermMonths: 1, RenewalTermMonths: 1, AutoRenew: true}
	june := Contract{ID: "a", Start: rnDay("2024-06-10"), TermMonths: 12, AutoRenew: true}
	coterm := Contract{ID: "a", Start: rnDay("2026-01-10"), RenewalDate: rnDay("2026-08-31"), RenewalTermMonths: 6, AutoRenew: true}
	fixed := leap
	fixed.AutoRenew = false
	tests := []struct {
		name string
		c    Contract
		asOf string
		want string
	}{
		{"before the first renewal", leap, "2024-03-01", "2025-02-28"},
		{"on the first renewal", leap, "2025-02-28", "2025-02-28"},
		{"the day after", leap, "2025-03-01", "2026-02-28"},
		{"the day before a leap renewal", leap, "2028-02-28", "2028-02-29"},
		{"on a leap renewal", leap, "2028-02-29", "2028-02-29"},
		{"after a leap renewal", leap, "2028-03-01", "2029-02-28"},
		{"not auto-renewing stays on its first renewal", fixed, "2026-01-01", "2025-02-28"},
		{"multi-year, on the first renewal", multi, "2027-03-31", "2027-03-31"},
		{"multi-year, the day after", multi, "2027-04-01", "2028-03-31"},
		{"multi-year, fourth anniversary", multi, "2030-03-31", "2030-03-31"},
		{"monthly, after February", monthly, "2025-03-01", "2025-03-31"},
		{"monthly, late March stays on the 31st", monthly, "2025-03-29", "2025-03-31"},
		{"monthly, April 30", monthly, "2025-04-30", "2025-04-30"},
		{"monthly, May 1", monthly, "2025-05-01", "2025-05-31"},
		{"monthly, leap February", monthly, "2028-02-29", "2028-02-29"},
		{"monthly, March after leap February", monthly, "2028-03-01", "2028-03-31"},
		{"same month, day before", june, "2026-06-09", "2026-06-10"},
		{"same month, day after", june, "2026-06-11", "2027-06-10"},
		{"month before", june, "2026-05-20", "2026-06-10"},
		{"co-termed, after the first renewal", coterm, "2026-09-01", "2027-02-28"},
		{"co-termed, after the second", coterm, "2027-03-01", "2027-08-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, rnDay(tt.want), tt.c.NextRenewal(rnDay(tt.asOf)))
		})
	}
}

// TestContractNextRenewalMatchesAnniversaries checks NextRenewal against
// the list of anniversaries for every day of several years.
func TestContractNextRenewalMatchesAnniversaries(t *testing.T) {
	contracts := []Contract{
		{ID: "a", Start: rnDay("2024-02-29"), TermMonths: 12, AutoRenew: true},
		{ID: "b", Start: rnDay("2025-01-31"), TermMonths: 1, RenewalTermMonths: 1, AutoRenew: true},
		{ID: "c", Start: rnDay("2024-03-31"), TermMonths: 36, AutoRenew: true},
		{ID: "d", Start: rnDay("2023-11-30"), RenewalDate: rnDay("2024-08-31"), RenewalTermMonths: 6, AutoRenew: true},
		{ID: "e", Start: rnDay("2023-05-31"), TermMonths: 9, RenewalTermMonths: 5, AutoRenew: true},
	}
	for _, c := range contracts {
		k := 1
		for d := c.Start; d.Before(rnDay("2032-01-01")); d = d.AddDays(1) {
			for c.Renewal(k).Before(d) {
				k++
			}
			require.Equal(t, c.Renewal(k), c.NextRenewal(d), "contract %s as of %s", c.ID, d)
		}
	}
}

// TestNoticeDecisionDates: the decision date is the renewal date minus the
// notice, wherever that falls, even on or before the previous renewal.
func TestNoticeDecisionDates(t *testing.T) {
	monthly := func(notice date.Period) Contract {
		return Contract{ID: "m", Start: rnDay("2027-01-01"), TermMonths: 1, RenewalTermMonths: 1, AutoRenew: true, Notice: notice}
	}
	quarterly := Contract{ID: "q", Start: rnDay("2027-01-01"), TermMonths: 3, RenewalTermMonths: 3, AutoRenew: true, Notice: date.Days(90)}
	annual := Contract{ID: "a", Start: rnDay("2026-04-01"), TermMonths: 12, AutoRenew: true, Notice: date.Days(60)}
	tests := []struct {
		name                               string
		c                                  Contract
		asOf                               string
		renewal, decision, opens, lateFrom string
		state                              State
	}{
		// 2027-03-01 − 1 month = 2027-02-01, the previous renewal: every
		// renewal is settled a month ahead, so between renewals the current
		// one is always past its decision date. Feb 1 − 3 months = Nov 1,
		// − 14 days = Jan 18.
		{"monthly, P1M", monthly(date.Months(1)), "2027-02-10", "2027-03-01", "2027-02-01", "2026-11-01", "2027-01-18", StatePast},
		// 2027-03-01 − 30 days: 1 to Feb 28, 28 to Jan 31, 1 to Jan 30,
		// before the previous renewal on 2027-02-01; Jan 30 − 3 months =
		// Oct 30, − 14 days = Jan 16.
		{"monthly, P30D, before the previous renewal", monthly(date.Days(30)), "2027-02-10", "2027-03-01", "2027-01-30", "2026-10-30", "2027-01-16", StatePast},
		// 2027-04-01 − 30 days = 2027-03-02 (March has 31 days), the day
		// after the previous renewal; Mar 2 − 3 months = Dec 2, − 14 days
		// = Feb 16.
		{"monthly, P30D, after a 31-day month", monthly(date.Days(30)), "2027-03-02", "2027-04-01", "2027-03-02", "2026-12-02", "2027-02-16", StateLate},
		// 2027-04-01 − 90 days: 31 to Mar 1, 28 to Feb 1, 31 to Jan 1,
		// the start day; Jan 1 − 3 months = Oct 1, − 14 days = Dec 18.
		{"quarterly, P90D, first renewal", quarterly, "2027-03-01", "2027-04-01", "2027-01-01", "2026-10-01", "2026-12-18", StatePast},
		// 2027-07-01 − 90 days: 30 to Jun 1, 31 to May 1, 29 to Apr 2;
		// Apr 2 − 3 months = Jan 2, − 14 days = Mar 19.
		{"quarterly, P90D, second renewal", quarterly, "2027-04-02", "2027-07-01", "2027-04-02", "2027-01-02", "2027-03-19", StateLate},
		// 2027-04-01 − 60 days: 31 to Mar 1, 28 to Feb 1, 1 to Jan 31;
		// Jan 31 − 3 months = Oct 31, − 14 days = Jan 17.
		{"annual, P60D, not started", annual, "2026-10-30", "2027-04-01", "2027-01-31", "2026-10-31", "2027-01-17", StateNotStarted},
		{"annual, P60D, window opens", annual, "2026-10-31", "2027-04-01", "2027-01-31", "2026-10-31", "2027-01-17", StateInWindow},
		{"annual, P60D, late", annual, "2027-01-20", "2027-04-01", "2027-01-31", "2026-10-31", "2027-01-17", StateLate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.c.Validate())
			s, err := Policy{}.Plan(tt.c, rnDay(tt.asOf))
			require.NoError(t, err)
			assert.Equal(t, rnDay(tt.renewal), s.Renewal, "renewal")
			assert.Equal(t, rnDay(tt.decision), s.NoticeDeadline, "notice deadline")
			assert.Equal(t, rnDay(tt.decision), s.Decision, "decision")
			assert.Equal(t, rnDay(tt.opens), s.Opens, "opens")
			assert.Equal(t, rnDay(tt.lateFrom), s.LateFrom, "late from")
			got, err := Policy{}.Classify(tt.c, rnDay(tt.asOf))
			require.NoError(t, err)
			assert.Equal(t, tt.state, got)
		})
	}
}

// TestContractAmountEdges: amounts at the edge of the range validate and
// round-trip through JSON exactly; one step beyond is refused.
func TestContractAmountEdges(t *testing.T) {
	for _, arr := range []decimal.Decimal{decimal.New(1, 100), decimal.New(1, -100), decimal.New(123456789, -100)} {
		c := Contract{ID: "a", Start: rnDay("2026-04-01"), TermMonths: 12, ARR: arr}
		require.NoError(t, c.Validate())
		b, err := json.Marshal(c)
		require.NoError(t, err)
		var back Contract
		require.NoError(t, json.Unmarshal(b, &back), "%s", b)
		assert.True(t, arr.Equal(back.ARR))
		assert.Equal(t, money.Format(arr), money.Format(back.ARR), "plain text, every place kept")
	}
	// An amount beyond the range cannot be encoded either: its text would
	// not decode back.
	_, err := json.Marshal(Contract{ID: "a", Start: rnDay("2026-04-01"), TermMonths: 12, ARR: decimal.New(1, 101)})
	require.ErrorIs(t, err, ErrInvalidContract)
	require.ErrorIs(t, err, ErrAmountOutOfRange)

	// Digits are not counted when validating: 1001 nines validate, but
	// their text, longer than 1000 characters, cannot be encoded.
	nines := decimal.RequireFromString(strings.Repeat("9", 1001))
	long := Contract{ID: "a", Start: rnDay("2026-04-01"), TermMonths: 12, ARR: nines}
	require.NoError(t, long.Validate())
	_, err = json.Marshal(long)
	require.ErrorIs(t, err, ErrAmountOutOfRange)

	// Nor can a forecast whose total grows past 1000 characters, though
	// each amount alone could.
	widest := decimal.RequireFromString(strings.Repeat("9", 1000))
	row := Renewal{Contract: Contract{ID: "a", Start: rnDay("2026-04-01"), TermMonths: 12, ARR: widest}}
	f, err := Policy{}.Forecast(slices.Values([]Renewal{row, row}), rnDay("2026-06-01"),
		DateRange{From: rnDay("2027-04-01"), To: rnDay("2027-05-01")}, date.FiscalCalendar{})
	require.NoError(t, err)
	assert.Equal(t, 2, f.Total().Total().Count)
	_, err = json.Marshal(f)
	require.ErrorIs(t, err, ErrAmountOutOfRange)
}

func TestContractNoticeDeadline(t *testing.T) {
	tests := []struct {
		name    string
		c       Contract
		renewal string
		want    string // "" for none
	}{
		{"one month", Contract{AutoRenew: true, Notice: date.Months(1)}, "2027-03-31", "2027-02-28"},
		{"thirty days", Contract{AutoRenew: true, Notice: date.Days(30)}, "2027-04-01", "2027-03-02"},
		{"a month and a half", Contract{AutoRenew: true, Notice: rnPeriod(1, 15)}, "2027-03-31", "2027-02-13"},
		{"not auto-renewing", Contract{Notice: date.Months(1)}, "2027-03-31", ""},
		{"no notice period", Contract{AutoRenew: true}, "2027-03-31", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.c.NoticeDeadline(rnDay(tt.renewal))
			if tt.want == "" {
				assert.True(t, got.IsZero(), got.String())
				return
			}
			assert.Equal(t, rnDay(tt.want), got)
		})
	}
}

// rnPeriod returns a period of months and days; a test shorthand.
func rnPeriod(months, days int) date.Period { return date.Period{Months: months, Days: days} }

func TestContractJSON(t *testing.T) {
	t.Run("encoding", func(t *testing.T) {
		c := Contract{ID: "acme", Start: rnDay("2026-03-31"), TermMonths: 12, ARR: rnDec("1200000.50"),
			AutoRenew: true, Notice: date.Months(1), FiscalYearEnd: time.March}
		b, err := json.Marshal(c)
		require.NoError(t, err)
		assert.JSONEq(t, `{"id":"acme","start":"2026-03-31","term_months":12,"arr":"1200000.50",
			"auto_renew":true,"notice":"P1M","fiscal_year_end":3}`, string(b))
	})
	tests := []struct {
		name string
		c    Contract
	}{
		{"minimal", Contract{ID: "a", Start: rnDay("2026-04-01"), TermMonths: 12}},
		{"every field", Contract{ID: "b", Customer: "Beta Foods", Start: rnDay("2024-03-31"), TermMonths: 36,
			RenewalDate: rnDay("2027-03-31"), RenewalTermMonths: 24, ARR: rnDec("6000000.00"), AutoRenew: true,
			Notice: rnPeriod(1, 15), FiscalYearEnd: time.December, Segment: "enterprise", CSM: "Sato"}},
		{"small ARR", Contract{ID: "c", Start: rnDay("2026-04-01"), TermMonths: 1, ARR: rnDec("0.001")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.c)
			require.NoError(t, err)
			var got Contract
			require.NoError(t, json.Unmarshal(b, &got))
			rnEqualContract(t, tt.c, got)
			b2, err := json.Marshal(got)
			require.NoError(t, err)
			assert.Equal(t, string(b), string(b2))
		})
	}
	t.Run("bare number ARR", func(t *testing.T) {
		var c Contract
		require.NoError(t, json.Unmarshal([]byte(`{"id":"a","start":"2026-04-01","term_months":12,"arr":1500.25}`), &c))
		assert.True(t, rnDec("1500.25").Equal(c.ARR), c.ARR.String())
	})
	t.Run("independent of decimal's globals", func(t *testing.T) {
		c := Contract{ID: "acme", Start: rnDay("2026-03-31"), TermMonths: 12, ARR: rnDec("1200000.50")}
		dectest.Stable(t, func() []byte {
			b, err := json.Marshal(c)
			require.NoError(t, err)
			return b
		})
	})
}

// rnEqualContract compares contracts field by field, the ARR with Equal and
// its number of decimal places (json round trips keep "1.50" as 1.50).
func rnEqualContract(t *testing.T, want, got Contract) {
	t.Helper()
	assert.True(t, want.ARR.Equal(got.ARR), "ARR: want %s, got %s", want.ARR, got.ARR)
	assert.Equal(t, money.Format(want.ARR), money.Format(got.ARR))
	want.ARR, got.ARR = decimal.Decimal{}, decimal.Decimal{}
	assert.Equal(t, want, got)
}

func TestFieldError(t *testing.T) {
	inner := errors.New("boom")
	e := &FieldError{ID: "acme", Field: "arr", Err: inner}
	assert.Equal(t, `renewal: contract "acme": arr: boom`, e.Error())
	assert.Same(t, inner, errors.Unwrap(e))
	assert.Equal(t, "renewal: as_of: boom", (&FieldError{Field: "as_of", Err: inner}).Error())

	var null *FieldError
	assert.Equal(t, "<nil>", null.Error())
	assert.NoError(t, null.Unwrap())

	// A 1 MB id is quoted to its first 64 bytes and its length; a 1 MB
	// problem (encoding/json quoting a whole key) is cut to 200 bytes.
	huge := strings.Repeat("x", 1<<20)
	err := Contract{ID: huge, Start: rnDay("2026-01-01"), TermMonths: 12, ARR: rnDec("-1")}.Validate()
	assert.Equal(t, `renewal: contract "`+huge[:64]+`…" (1048576 bytes): arr: negative amount: -1`, err.Error())
	e = &FieldError{ID: "x", Field: "start", Err: errors.New(huge)}
	assert.Equal(t, `renewal: contract "x": start: `+huge[:200]+"…", e.Error())

	// The date parser quotes 64 bytes of a 1 MB date itself.
	var c Contract
	err = json.Unmarshal([]byte(`{"id":"x","start":"`+huge+`","term_months":12}`), &c)
	require.ErrorIs(t, err, date.ErrSyntax)
	assert.Equal(t, `renewal: decoding contract: contract "x": start: date: not a date of the form YYYY-MM-DD: "`+huge[:64]+`…" (1048576 bytes)`, err.Error())

	// encoding/json quotes all of an unknown key or of a number it cannot
	// store: the cut keeps both short.
	err = json.Unmarshal([]byte(`{"id":"x","`+huge+`":1}`), &c)
	require.ErrorIs(t, err, ErrInvalidContract)
	assert.Less(t, len(err.Error()), 300)
	err = json.Unmarshal([]byte(`{"id":"x","term_months":`+strings.Repeat("9", 1<<20)+`}`), &c)
	require.ErrorIs(t, err, ErrInvalidContract)
	assert.Less(t, len(err.Error()), 300)
}

func TestFieldErrorStripsPrefix(t *testing.T) {
	tests := []struct {
		name string
		e    *FieldError
		want string
	}{
		{"sentinel", &FieldError{ID: "x", Field: "as_of", Err: ErrMissingDate}, `renewal: contract "x": as_of: missing date`},
		{"wrapped sentinel", &FieldError{Field: "to", Err: fmt.Errorf("%w: [2027-04-01, 2027-01-01) is empty", ErrInvalidRange)},
			"renewal: to: invalid date range: [2027-04-01, 2027-01-01) is empty"},
		{"only a leading prefix", &FieldError{ID: "x", Field: "f", Err: errors.New("bad: renewal: inner")}, `renewal: contract "x": f: bad: renewal: inner`},
		{"once", &FieldError{ID: "x", Field: "f", Err: errors.New("renewal: renewal: twice")}, `renewal: contract "x": f: renewal: twice`},
		{"another package", &FieldError{ID: "x", Field: "notice", Err: date.ErrInvalidPeriod}, `renewal: contract "x": notice: date: invalid period`},
		{"nil", &FieldError{Field: "f"}, "renewal: f: <nil>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.e.Error())
		})
	}
	t.Run("from a function", func(t *testing.T) {
		_, err := Policy{}.Classify(rnMarch31, date.Date{})
		assert.EqualError(t, err, `renewal: contract "acme": as_of: missing date`)
	})
}
