package renewal

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // America/New_York and Asia/Tokyo on any machine

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
		// Every real monthly term is at least 30 days; the last renewal,
		// clamped to 9999-12-31 only 16 days after the one before, is no
		// real term.
		{"29 days' notice on monthly terms near the end of time", Contract{ID: "a", Start: rnDay("9999-03-15"), TermMonths: 1, RenewalTermMonths: 1, AutoRenew: true, Notice: date.Days(29)}, "9999-04-15"},
		{"fiscal year end december", Contract{ID: "a", Start: rnDay("2026-04-01"), TermMonths: 12, FiscalYearEnd: time.December}, "2027-04-01"},
		// 2026-01-31 + 1 month = 2026-02-28; 27 days before it is
		// 2026-02-01, the day after the start.
		{"notice ends the day after start", Contract{ID: "a", Start: rnDay("2026-01-31"), TermMonths: 1, AutoRenew: true, Notice: date.Days(27)}, "2026-02-28"},
		// 2026-03-31 − 2 months = 2026-01-31, the day after the start.
		{"notice in months near the start", Contract{ID: "a", Start: rnDay("2026-01-30"), RenewalDate: rnDay("2026-03-31"), AutoRenew: true, Notice: date.Months(2)}, "2026-03-31"},
		{"notice ignored without auto-renew", Contract{ID: "a", Start: rnDay("2026-01-01"), TermMonths: 1, Notice: date.Months(3)}, "2026-02-01"},
		{"longest term", Contract{ID: "a", Start: rnDay("0001-01-01"), TermMonths: 12*date.MaxYear - 1}, "9999-12-01"},
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
		{"term too long", with(func(c *Contract) { c.TermMonths = 12*date.MaxYear + 1 }), ErrInvalidContract, "a", "term_months"},
		{"renewal term too long", with(func(c *Contract) { c.RenewalTermMonths = 12*date.MaxYear + 1 }), ErrInvalidContract, "a", "renewal_term_months"},
		{"negative ARR", with(func(c *Contract) { c.ARR = rnDec("-0.01") }), ErrNegativeAmount, "a", "arr"},
		{"ARR of 1e101", with(func(c *Contract) { c.ARR = decimal.New(1, 101) }), ErrAmountOutOfRange, "a", "arr"},
		{"ARR with 101 places", with(func(c *Contract) { c.ARR = decimal.New(1, -101) }), ErrAmountOutOfRange, "a", "arr"},
		{"negative ARR of 1e10000000", with(func(c *Contract) { c.ARR = decimal.New(-1, 10_000_000) }), ErrAmountOutOfRange, "a", "arr"},
		{"fiscal month 13", with(func(c *Contract) { c.FiscalYearEnd = 13 }), ErrInvalidMonth, "a", "fiscal_year_end"},
		{"fiscal month -1", with(func(c *Contract) { c.FiscalYearEnd = -1 }), ErrInvalidMonth, "a", "fiscal_year_end"},
		{"renews on the start day", with(func(c *Contract) { c.RenewalDate = c.Start }), ErrRenewalBeforeStart, "a", "renewal_date"},
		{"renews before the start", with(func(c *Contract) { c.RenewalDate = rnDay("2026-03-31") }), ErrRenewalBeforeStart, "a", "renewal_date"},
		{"term past the last day a date holds", Contract{ID: "a", Start: rnDay("9999-12-31"), TermMonths: 12}, ErrInvalidContract, "a", "term_months"},
		{"term one month past it", Contract{ID: "a", Start: rnDay("0001-01-01"), TermMonths: 12 * date.MaxYear}, ErrInvalidContract, "a", "term_months"},
		// Monthly renewals with a month's notice: each renewal's deadline
		// is the renewal before it, so none could ever be cancelled in time.
		{"notice as long as the renewal term", Contract{ID: "m", Start: rnDay("2026-01-01"), TermMonths: 12, RenewalTermMonths: 1, AutoRenew: true, Notice: date.Months(1)}, ErrInvalidContract, "m", "notice"},
		{"notice longer than the renewal term", Contract{ID: "m", Start: rnDay("2025-01-01"), TermMonths: 24, AutoRenew: true, Notice: date.Months(12)}, ErrInvalidContract, "m", "notice"},
		{"negative notice", with(func(c *Contract) { c.Notice = date.Days(-1) }), date.ErrInvalidPeriod, "a", "notice"},
		{"notice reaches the start in days", Contract{ID: "a", Start: rnDay("2026-01-31"), TermMonths: 1, AutoRenew: true, Notice: date.Days(28)}, ErrInvalidContract, "a", "notice"},
		{"notice reaches the start in months", Contract{ID: "a", Start: rnDay("2026-01-31"), RenewalDate: rnDay("2026-03-31"), AutoRenew: true, Notice: date.Months(2)}, ErrInvalidContract, "a", "notice"},
		{"notice as long as the term", with(func(c *Contract) { c.AutoRenew = true; c.Notice = date.Months(12) }), ErrInvalidContract, "a", "notice"},
		// Monthly renewals on the 4th with 29 days' notice: the second
		// renewal (2021-02-04, a 31-day term) passes, but the third
		// (2021-03-04, 28 days after it) has its deadline on 2021-02-03,
		// before the renewal it follows.
		{"notice longer than a February term", Contract{ID: "f", Start: rnDay("2020-11-04"), TermMonths: 2, RenewalTermMonths: 1, AutoRenew: true, Notice: date.Days(29)}, ErrInvalidContract, "f", "notice"},
		// Month-end monthly renewals with 28 days' notice: the renewal on
		// 2027-02-28 has its deadline on 2027-01-31, the renewal before it.
		// A 48-month term normally holds a leap day, but 2096-03-01 to
		// 2100-03-01 does not: 1460 days, so 1460 days' notice reaches the
		// renewal before.
		{"notice as long as a term without a leap day in 2100", Contract{ID: "h", Start: rnDay("2020-03-01"), TermMonths: 48, RenewalTermMonths: 48, AutoRenew: true, Notice: date.Days(1460)}, ErrInvalidContract, "h", "notice"},
		// Five-month terms meet every start month only over five years:
		// 2030-02-01 to 2030-07-01 is 150 days.
		{"notice as long as the shortest five-month term", Contract{ID: "i", Start: rnDay("2025-07-01"), TermMonths: 5, RenewalTermMonths: 5, AutoRenew: true, Notice: date.Days(150)}, ErrInvalidContract, "i", "notice"},
		{"notice as long as a February term", Contract{ID: "g", Start: rnDay("2026-02-28"), RenewalDate: rnDay("2026-03-31"), RenewalTermMonths: 1, AutoRenew: true, Notice: date.Days(28)}, ErrInvalidContract, "g", "notice"},
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
		assert.EqualError(t, with(func(c *Contract) { c.ID = "" }).Validate(), "renewal: id: invalid contract: empty")
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

// TestContractNoticeFitsEveryTerm checks Validate against every renewal of
// contracts with short terms and notices near a term: it accepts a contract
// exactly when each renewal's notice deadline falls after the renewal (or
// start) before it.
func TestContractNoticeFitsEveryTerm(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	rnCheckNotices(t, 20000, 60, func() Contract {
		start := rnDay("2020-01-01").AddDays(rng.IntN(8 * 365))
		c := Contract{ID: "x", Start: start, AutoRenew: true, TermMonths: 1 + rng.IntN(3), RenewalTermMonths: 1 + rng.IntN(2)}
		if rng.IntN(2) == 0 {
			c.RenewalDate = start.AddDays(1 + rng.IntN(90))
		}
		c.Notice = date.Period{Months: rng.IntN(2), Days: 20 + rng.IntN(12)}
		return c
	})
}

// TestContractNoticeFitsLongTerms does the same for terms of up to five
// years whose notice is within a few days of a term, walking every renewal
// to the last day a Date holds, past every non-leap century year (2100,
// 2200, 2300, 2500, ...).
func TestContractNoticeFitsLongTerms(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	rnCheckNotices(t, 1500, math.MaxInt, func() Contract {
		term := 1 + rng.IntN(60)
		start := rnDay("2020-01-01").AddDays(rng.IntN(100 * 365))
		c := Contract{ID: "x", Start: start, AutoRenew: true, TermMonths: term, RenewalTermMonths: term}
		if rng.IntN(2) == 0 {
			c.Notice = date.Days(term*30 + rng.IntN(term+4) - 2)
		} else {
			c.Notice = date.Period{Months: term - 1, Days: 26 + rng.IntN(6)}
		}
		return c
	})
}

// rnCheckNotices validates n contracts from gen and checks each against its
// first renewals (up to renewals of them, and never the one clamped to
// 9999-12-31, no real term): Validate accepts a contract exactly when every
// notice deadline falls after the renewal (or start) before it. Both
// outcomes must occur at least n/10 times, so the check can fail either
// way.
func rnCheckNotices(t *testing.T, n, renewals int, gen func() Contract) {
	t.Helper()
	accepted, refused := 0, 0
	for range n {
		c := gen()
		fits := true
		prev := c.Start
		for k := 1; k <= renewals; k++ {
			r := c.Renewal(k)
			if r == rnDay("9999-12-31") {
				break
			}
			if !c.NoticeDeadline(r).After(prev) {
				fits = false
				break
			}
			prev = r
		}
		err := c.Validate()
		if fits {
			require.NoError(t, err, "%+v", c)
			accepted++
		} else {
			require.ErrorIs(t, err, ErrInvalidContract, "%+v", c)
			refused++
		}
	}
	assert.Greater(t, accepted, n/10)
	assert.Greater(t, refused, n/10)
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
		ForecastPeriod{From: rnDay("2027-04-01"), To: rnDay("2027-05-01")})
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

// TestContractTimeZones builds the start date from an instant in the
// customer's zone: the same instant is a different day in Tokyo and New
// York, and the plan follows the day.
func TestContractTimeZones(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	newYork, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	signed := time.Date(2026, time.March, 31, 15, 30, 0, 0, time.UTC)
	tests := []struct {
		loc                         *time.Location
		start, renewal, opens, late string
	}{
		{tokyo, "2026-04-01", "2027-04-01", "2027-01-01", "2027-03-18"},
		{newYork, "2026-03-31", "2027-03-31", "2026-12-31", "2027-03-17"},
		{nil, "2026-03-31", "2027-03-31", "2026-12-31", "2027-03-17"},
	}
	for _, tt := range tests {
		t.Run(tt.loc.String(), func(t *testing.T) {
			c := Contract{ID: "a", Start: date.In(signed, tt.loc), TermMonths: 12}
			assert.Equal(t, rnDay(tt.start), c.Start)
			s, err := Policy{}.Plan(c, c.Start)
			require.NoError(t, err)
			assert.Equal(t, rnDay(tt.renewal), s.Renewal)
			assert.Equal(t, rnDay(tt.opens), s.Opens)
			assert.Equal(t, rnDay(tt.late), s.LateFrom)
		})
	}
}

// TestContractDaylightSaving counts days across New York's change to summer
// time on 2025-03-09: 2025-03-08 is two days before 2025-03-10 although
// only 47 hours separate their midnights, so with a two-day late threshold
// the renewal is late on the 8th.
func TestContractDaylightSaving(t *testing.T) {
	newYork, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	c := Contract{ID: "a", Start: rnDay("2024-03-10"), TermMonths: 12}
	p := Policy{Late: date.Days(2)}
	asOf := date.In(time.Date(2025, time.March, 8, 0, 30, 0, 0, newYork), newYork)
	require.Equal(t, rnDay("2025-03-08"), asOf)
	require.Equal(t, 47*time.Hour, rnDay("2025-03-10").Time(newYork).Sub(asOf.Time(newYork)))
	s, err := p.Plan(c, asOf)
	require.NoError(t, err)
	assert.Equal(t, rnDay("2025-03-08"), s.LateFrom)
	st, err := p.Classify(c, asOf)
	require.NoError(t, err)
	assert.Equal(t, Late, st)
	st, err = p.Classify(c, asOf.AddDays(-1))
	require.NoError(t, err)
	assert.Equal(t, InWindow, st)
}

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

func TestContractJSONErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  error
		field string // "" when the error is not about a field
	}{
		{"negative ARR", `{"id":"x","start":"2026-01-01","term_months":12,"arr":"-1"}`, ErrNegativeAmount, "arr"},
		{"renewal before start", `{"id":"x","start":"2026-01-01","renewal_date":"2025-12-31","arr":"1"}`, ErrRenewalBeforeStart, "renewal_date"},
		{"fiscal month 13", `{"id":"x","start":"2026-01-01","term_months":12,"arr":"1","fiscal_year_end":13}`, ErrInvalidMonth, "fiscal_year_end"},
		{"no id", `{"start":"2026-01-01","term_months":12,"arr":"1"}`, ErrInvalidContract, "id"},
		{"no start", `{"id":"x","term_months":12,"arr":"1"}`, ErrMissingDate, "start"},
		{"day that does not exist", `{"id":"x","start":"2026-02-30","term_months":12,"arr":"1"}`, date.ErrInvalidDay, ""},
		{"ARR with an exponent", `{"id":"x","start":"2026-01-01","term_months":12,"arr":"1e6"}`, money.ErrSyntax, ""},
		{"negative notice", `{"id":"x","start":"2026-01-01","term_months":12,"arr":"1","notice":"P-1D"}`, date.ErrInvalidPeriod, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Contract{ID: "unchanged"}
			err := json.Unmarshal([]byte(tt.in), &c)
			if tt.field != "" {
				id := "x"
				if tt.field == "id" {
					id = ""
				}
				rnRequireFieldErr(t, err, tt.want, id, tt.field)
			} else {
				require.ErrorIs(t, err, tt.want)
			}
			assert.Equal(t, Contract{ID: "unchanged"}, c, "a failed decode leaves the value alone")
		})
	}
	t.Run("syntax", func(t *testing.T) {
		var c Contract
		err := json.Unmarshal([]byte(`{"id":"x","start":"2026-01-01","term_months":"twelve"}`), &c)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "renewal: decoding contract")
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
}

func TestFieldErrorStripsPrefix(t *testing.T) {
	tests := []struct {
		name string
		e    *FieldError
		want string
	}{
		{"sentinel", &FieldError{ID: "x", Field: "as_of", Err: ErrMissingDate}, `renewal: contract "x": as_of: missing date`},
		{"wrapped sentinel", &FieldError{Field: "to", Err: fmt.Errorf("%w: [2027-04-01, 2027-01-01) is empty", ErrInvalidPeriod)},
			"renewal: to: invalid period: [2027-04-01, 2027-01-01) is empty"},
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
