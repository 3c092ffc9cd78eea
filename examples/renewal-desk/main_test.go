package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/dectest"
	"github.com/cskit/cskit/renewal"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunSample(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(nil, &out))
	s := out.String()
	assert.Contains(t, s, "Renewal desk as of 2027-01-15: 14 contracts")
	// epsilon renews 2027-01-20 with no notice period: late from 2027-01-06.
	assert.Regexp(t, `LATE +epsilon-2025 +renewal 2027-01-20 +decision 2027-01-20, intent unknown, late since 2027-01-06`, s)
	// delta renews 2027-06-01; its March year end pulls the value case to 2027-01-31.
	assert.Regexp(t, `OPEN +delta-2026 +goal-progress-review +due 2027-01-31, open \(moved from 2027-03-18`, s)
	// The quarter: nine renewals in January to March 2027. Forecast by hand:
	// January 0.9M (epsilon, best case) + 0 (zeta, omitted) + 1.0M (nu,
	// renewed flat) + 0.5M (xi, downsold from 0.7M); February 2.4M (acme,
	// commit) + 1.0M (lambda, pipeline at target); March 6.6M (beta, commit)
	// + 4.3M (kappa, best case, less a 1.0M risk adjustment) + 0.6M (mu).
	assert.Regexp(t, `Forecast, fiscal 2026 Q4 \(2027-01-01 to 2027-03-31\)`, s)
	assert.Regexp(t, `2027-01 +4 +¥4,400,000 +¥2,400,000 +¥2,400,000 +¥1,500,000 +¥0`, s)
	assert.Regexp(t, `2027-03 +3 +¥11,400,000 +¥11,500,000 +¥10,500,000 +¥0 +¥0`, s)
	assert.Regexp(t, `quarter +9 +¥19,200,000 +¥17,300,000 +¥16,300,000 +¥1,500,000 +¥0`, s)
	// Gross renewal by ARR: of the 19.2M renewable, xi's downsell from 0.7M
	// to 0.5M lost 0.2M so far (open renewals count as kept until they close).
	assert.Regexp(t, `gross renewal rate, by ARR +19000000/19200000 \(99.0%\)`, s)
	// Net over decided renewals: nu 1.0M of 1.0M, xi 0.5M of 0.7M.
	assert.Regexp(t, `net renewal rate, by ARR +1500000/1700000 \(88.2%\)`, s)
	assert.Regexp(t, `gross renewal rate, by count +2/2 \(100.0%\)`, s)
	// zeta's customer answered "cancel" on 2026-12-20.
	assert.Regexp(t, `CANCEL +zeta-2026 +renewal 2027-01-31 +the customer said it will not renew: open a churn case before 2027-01-31`, s)
	// Closed renewals are not on the desk.
	assert.NotContains(t, s, "eta-2025 ")
	assert.NotContains(t, s, "theta-2025")
}

func TestRunAsOfFlag(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run([]string{"-asof", "2026-10-01"}, &out))
	assert.Contains(t, out.String(), "Renewal desk as of 2026-10-01")

	err := run([]string{"-asof", "2027-02-30"}, &out)
	require.ErrorIs(t, err, date.ErrInvalidDay)
}

func TestHelp(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run([]string{"-h"}, &out))
	assert.Contains(t, out.String(), "-asof date")
	assert.Contains(t, out.String(), "-book file")
	require.Error(t, run([]string{"-colour", "red"}, &out))
}

// TestDeskIgnoresDecimalGlobals runs the whole desk twice, the second time
// with hostile shopspring/decimal package variables: the report is
// byte-identical.
func TestDeskIgnoresDecimalGlobals(t *testing.T) {
	dectest.Stable(t, func() []byte {
		var out bytes.Buffer
		require.NoError(t, run(nil, &out))
		return out.Bytes()
	})
}

func TestLoadCSV(t *testing.T) {
	book, err := loadBook(filepath.Join("testdata", "book.csv"))
	require.NoError(t, err)
	require.Len(t, book, 3)

	acme := book[0]
	assert.Equal(t, "acme-2026", acme.Contract.ID)
	assert.Equal(t, date.Must(2026, 2, 1), acme.Contract.Start)
	assert.Equal(t, date.Must(2027, 2, 1), acme.Contract.FirstRenewal())
	assert.True(t, acme.Contract.ARR.Equal(mustAmount(t, "2400000")))
	require.Len(t, acme.Completions, 2)
	assert.Equal(t, renewal.ActivityUsageReview, acme.Completions[1].Activity)
	require.Len(t, acme.Calls, 1)
	assert.Equal(t, renewal.CategoryCommit, acme.Calls[0].Category)

	beta := book[1]
	assert.True(t, beta.Contract.AutoRenew)
	assert.Equal(t, date.Months(1), beta.Contract.Notice)
	intent, asked := beta.Intent()
	assert.True(t, asked)
	assert.Equal(t, renewal.IntentRenew, intent)

	nu := book[2]
	assert.Equal(t, renewal.ResultRenewed, nu.Outcome.Result)
	assert.Equal(t, "1000000.5", nu.Outcome.Final.String())
	assert.Equal(t, renewal.BookingRenewal, nu.Booking())

	var out bytes.Buffer
	require.NoError(t, run([]string{"-book", filepath.Join("testdata", "book.csv")}, &out))
	assert.Contains(t, out.String(), "3 contracts")
}

func TestLoadJSONMatchesSample(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "book.json")
	require.NoError(t, os.WriteFile(path, sampleBook, 0o600))
	book, err := loadBook(path)
	require.NoError(t, err)
	assert.Len(t, book, 14)
}

func TestBadBooks(t *testing.T) {
	header := "id,start,term_months,arr,completions\n"
	tests := []struct {
		name, file, body string
		want             error
	}{
		{"unknown column", "b.csv", "id,start,arr,colour\nx,2026-01-01,1,red\n", errBook},
		{"missing column", "b.csv", "id,start\nx,2026-01-01\n", errBook},
		{"bad date", "b.csv", header + "x,2026-02-30,12,100,\n", date.ErrInvalidDay},
		{"negative ARR", "b.csv", header + "x,2026-01-01,12,-5,\n", renewal.ErrNegativeAmount},
		{"exponent amount", "b.csv", header + "x,2026-01-01,12,1e6,\n", errBook},
		{"amount with two points", "b.csv", header + "x,2026-01-01,12,1.2.3,\n", errBook},
		{"amount without digits", "b.csv", header + "x,2026-01-01,12,.,\n", errBook},
		{"column twice", "b.csv", "id,start,term_months,arr,arr\nx,2026-01-01,12,100,999999\n", errBook},
		{"unknown activity", "b.csv", header + "x,2026-01-01,12,100,dancing@2026-11-01\n", renewal.ErrUnknownActivity},
		{"duplicate completion", "b.csv", header + "x,2026-01-01,12,100,usage-review@2026-11-01;usage-review@2026-11-02\n", renewal.ErrDuplicateCompletion},
		{"renewal before start", "b.json", `[{"contract":{"id":"x","start":"2026-01-01","renewal_date":"2025-12-31","arr":"1"}}]`, renewal.ErrRenewalBeforeStart},
		{"other extension", "b.txt", "", errBook},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.file)
			require.NoError(t, os.WriteFile(path, []byte(tt.body), 0o600))
			_, err := loadBook(path)
			require.Error(t, err)
			assert.True(t, errors.Is(err, tt.want), "got %v", err)
			assert.True(t, strings.HasPrefix(err.Error(), "renewal"), "message %q names its origin", err)
		})
	}
}

func mustAmount(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	var v decimalText
	require.NoError(t, v.UnmarshalText([]byte(s)))
	return decimal.Decimal(v)
}

func TestDecimalText(t *testing.T) {
	for in, want := range map[string]struct {
		text string
		exp  int32
	}{
		"1200000": {"1200000", 0}, "1200000.5000": {"1200000.5", -4}, "-3": {"-3", 0},
		"0.05": {"0.05", -2}, "1.": {"1", 0}, "007": {"7", 0}, ".5": {"0.5", -1},
	} {
		got := mustAmount(t, in)
		assert.Equal(t, want.text, got.String(), in)
		assert.Equal(t, want.exp, got.Exponent(), in)
	}
	long := strings.Repeat("9", maxAmountLen+1)
	var v decimalText
	assert.Error(t, v.UnmarshalText([]byte(long)))
	assert.NoError(t, v.UnmarshalText([]byte(long[1:])))
}

// TestCSVIgnoresDecimalGlobals reads a CSV book, with an amount of four
// places, while decimal's package variables hold hostile values: the report
// is the same.
func TestCSVIgnoresDecimalGlobals(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.csv")
	body := "id,start,term_months,arr,csm\nx,2026-02-01,12,1200000.5000,Sato\ny,2025-11-15,12,600000,Sato\n"
	require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
	dectest.Stable(t, func() []byte {
		var out bytes.Buffer
		require.NoError(t, run([]string{"-book", path}, &out))
		return out.Bytes()
	})
	var out bytes.Buffer
	require.NoError(t, run([]string{"-book", path}, &out))
	// x renews on 2027-02-01, inside fiscal 2026 Q4; y's term ended on
	// 2026-11-15 with no renewal, before the quarter.
	assert.Contains(t, out.String(), "quarter         1  ¥1,200,000.5000", "the quarter's target keeps the four places")
}

func TestYen(t *testing.T) {
	for in, want := range map[string]string{
		"0": "¥0", "999": "¥999", "1000": "¥1,000", "1200000": "¥1,200,000",
		"1000000.50": "¥1,000,000.50", "-2500": "-¥2,500", "123456789": "¥123,456,789",
	} {
		assert.Equal(t, want, yen(mustAmount(t, in)), in)
	}
}

func TestQuarterOf(t *testing.T) {
	fy, q, from, to := quarterOf(date.FiscalCalendar{}, date.Must(2027, 1, 15))
	assert.Equal(t, []any{2026, 4, "2027-01-01", "2027-04-01"}, []any{fy, q, from.String(), to.String()})
	fy, q, from, to = quarterOf(date.FiscalCalendar{EndMonth: 12}, date.Must(2027, 5, 31))
	assert.Equal(t, []any{2027, 2, "2027-04-01", "2027-07-01"}, []any{fy, q, from.String(), to.String()})
}
