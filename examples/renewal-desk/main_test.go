package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/bookio"
	"github.com/cskit/cskit/internal/dectest"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testToday is the day the tests run the desk on: a book of the user's own
// is read as of it unless -asof says otherwise.
var testToday = date.Must(2027, time.February, 1)

// runDesk runs the desk and returns its report, its rejected rows and its
// exit code.
func runDesk(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errs bytes.Buffer
	err := run(args, testToday, &out, &errs)
	code = bookio.ExitCode(&errs, "renewal-desk", err)
	return out.String(), errs.String(), code
}

// TestSample checks the report on the embedded sample as of 2027-01-15,
// figures computed by hand.
func TestSample(t *testing.T) {
	s, errs, code := runDesk(t)
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs)
	assert.Contains(t, s, "Renewal desk as of 2027-01-15\n")

	// epsilon renews 2027-01-20 with no notice: late from 2027-01-06.
	assert.Regexp(t, `LATE +epsilon-2025 +renewal 2027-01-20 +decision 2027-01-20, intent unknown, late since 2027-01-06`, s)
	// lambda renews 2027-02-28 with two months' notice: decision 2026-12-28.
	assert.Regexp(t, `PAST +lambda-2025 +renewal 2027-02-28 +decision date 2026-12-28 passed`, s)
	// zeta's customer answered "cancel" on 2026-12-20.
	assert.Regexp(t, `CANCEL +zeta-2026 +renewal 2027-01-31 +the customer said it will not renew: open a churn case before 2027-01-31`, s)
	// iota renews 2027-05-15; its December year end pulls the value case to
	// the budget deadline 2026-10-31 (ROI normally due 60 days before,
	// 2027-03-16): overdue by 76 days (16 in January, 31 in December, 30
	// in November, minus 1).
	assert.Regexp(t, `OVERDUE +iota-2026 +roi-confirmation +due 2026-10-31, overdue by 76 days \(moved from 2027-03-16`, s)
	// Tanaka: epsilon late; lambda past; zeta cancelling; 22 items in all,
	// 10 listed.
	assert.Contains(t, s, "Tanaka: 1 late, 1 past the decision date, 1 cancelling, 16 overdue, 3 forecast call due\n")
	assert.Contains(t, s, "  ... and 12 more (-top to list them)")

	// Open renewals by state: in window acme 2.4M + beta 6M + gamma 1.2M +
	// delta 3.6M + zeta 1.8M + iota 2M + kappa 4.8M + mu 0.6M = 22.4M;
	// late epsilon 0.9M; past lambda 1M. Closed: eta, nu, xi renewed; theta
	// churned.
	assert.Regexp(t, `in-window +8 +¥22,400,000\n`, s)
	assert.Regexp(t, `late +1 +¥900,000\n`, s)
	assert.Regexp(t, `past +1 +¥1,000,000\n`, s)
	assert.Regexp(t, `total +10 +¥24,300,000\n`, s)
	assert.Contains(t, s, "closed: 3 renewed, 1 churned")

	// The quarter: nine renewals in January to March 2027. Forecast:
	// January 0.9M (epsilon, best case) + 0 (zeta, omitted) + 1.0M (nu,
	// renewed flat) + 0.5M (xi, downsold from 0.7M); February 2.4M (acme,
	// commit) + 1.0M (lambda, pipeline at target); March 6.6M (beta,
	// commit) + 4.3M (kappa, best case, less a 1.0M risk adjustment) +
	// 0.6M (mu).
	assert.Contains(t, s, "Forecast, fiscal 2026 Q4 (2027-01-01 to 2027-03-31)")
	assert.Regexp(t, `2027-01 +4 +¥4,400,000 +¥2,400,000 +¥2,400,000 +¥1,500,000 +¥0`, s)
	assert.Regexp(t, `2027-02 +2 +¥3,400,000 +¥3,400,000 +¥3,400,000 +¥0 +¥0`, s)
	assert.Regexp(t, `2027-03 +3 +¥11,400,000 +¥11,500,000 +¥10,500,000 +¥0 +¥0`, s)
	assert.Regexp(t, `quarter +9 +¥19,200,000 +¥17,300,000 +¥16,300,000 +¥1,500,000 +¥0`, s)

	// Gross renewal by ARR: of the 19.2M renewable, xi's downsell from 0.7M
	// to 0.5M lost 0.2M so far (open renewals count as kept); net over the
	// decided renewals only: nu 1.0M of 1.0M, xi 0.5M of 0.7M.
	assert.Regexp(t, `gross renewal rate, by ARR +¥19,000,000 / ¥19,200,000 \(99\.0%\) +target kept of every renewable target`, s)
	assert.Regexp(t, `net renewal rate, by ARR +¥1,500,000 / ¥1,700,000 \(88\.2%\) +final of the target of the decided renewals only`, s)
	assert.Regexp(t, `gross renewal rate, by count +2/2 \(100\.0%\) +renewed of the decided renewals`, s)

	// Closed renewals are not on the desk's work lists.
	assert.NotContains(t, s, "eta-2025 ")
	assert.NotContains(t, s, "theta-2025")
	assert.True(t, strings.HasSuffix(s, "\nrows: 14 read, 14 used, 0 rejected\n"), s)
}

// TestCSVBook reads a CSV book with a byte-order mark, a quoted field over
// two lines and five bad rows: each bad row is reported with its file,
// physical line and field, the rest are used, and the exit code is 1.
func TestCSVBook(t *testing.T) {
	path := filepath.Join("testdata", "book.csv")
	s, errs, code := runDesk(t, "-asof", "2027-01-15", path)
	assert.Equal(t, 1, code)
	assert.Equal(t, path+`:3: renewal: contract "neg-2026": arr: negative amount: -5
`+path+`:4: column "start": want a date YYYY-MM-DD, not "2026-02-30"
`+path+`:7: column "completions": renewal: unknown activity "dancing"
`+path+`:8: contract "acme-2026": given twice for the renewal on 2027-02-01
`+path+`:9: renewal: contract "nu-2026": due: missing date: a renewed outcome needs the renewal date it closed
renewal-desk: rows rejected: 5 of 8
`, errs)
	// acme (2.4M, commit) renews 2027-02-01 and beta (6M, 36 months from
	// 2024-04-01) on 2027-04-01: both in window; xi renewed at 0.5M.
	assert.Regexp(t, `in-window +2 +¥8,400,000\n`, s)
	assert.Contains(t, s, "closed: 1 renewed, 0 churned")
	assert.Regexp(t, `2027-01 +1 +¥700,000 +¥500,000 +¥500,000 +¥500,000 +¥0`, s)
	assert.True(t, strings.HasSuffix(s, "\nrows: 8 read, 3 used, 5 rejected\n"), s)
}

// TestJSONBook reports a bad element by line and index.
func TestJSONBook(t *testing.T) {
	path := filepath.Join("testdata", "book.json")
	s, errs, code := runDesk(t, path)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, path+`:3: element 1: renewal: decoding renewal: decoding contract: contract "bad-arr": arr: not a decimal amount: "1e6"`)
	assert.Contains(t, errs, path+`:4: element 2: renewal: decoding renewal: json: unknown field "colour"`)
	// acme renews 2027-02-01 inside fiscal 2026 Q4 (as of today, 2027-02-01);
	// delta renews 2027-06-01, after it.
	assert.Contains(t, s, "fiscal 2026 Q4: 1 contract renewable (started before the quarter, renewing in it), 1 still open\n")
	assert.Contains(t, s, "rows: 4 read, 2 used, 2 rejected")
}

// TestAsOf: the sample is read as of its own day, a book of the user's as of
// today, and -asof overrides both.
func TestAsOf(t *testing.T) {
	path := filepath.Join("testdata", "book.json")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "2027-01-15"},
		{[]string{path}, "2027-02-01"},
		{[]string{"-asof", "2027-03-01"}, "2027-03-01"},
		{[]string{"-asof", "2027-03-01", path}, "2027-03-01"},
	} {
		s, _, _ := runDesk(t, tt.args...)
		assert.Contains(t, s, "Renewal desk as of "+tt.want+"\n", "%v", tt.args)
	}
}

// TestStatesAreTheWorkListsStates: the book's count by state is the state
// of each renewal with its records, as the work lists show it. Both
// contracts renew 2027-02-01 with no notice, so they are late from
// 2027-01-18 (14 days before) unless the intent is confirmed: as of
// 2027-01-20 "confirmed" (intent "renew" on 2027-01-10) is in the window
// and "unconfirmed" is late. A third row repeats "unconfirmed" naming its
// renewal in due: the same renewal, reported.
func TestStatesAreTheWorkListsStates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "book.csv")
	require.NoError(t, os.WriteFile(path, []byte(`id,csm,start,term_months,arr,completions,due
confirmed,Sato,2026-02-01,12,1000,intent-confirmation@2027-01-10=renew,
unconfirmed,Sato,2026-02-01,12,2000,,
unconfirmed,Sato,2026-02-01,12,2000,,2027-02-01
`), 0o600))
	s, errs, code := runDesk(t, "-asof", "2027-01-20", path)
	assert.Equal(t, 1, code)
	assert.Equal(t, path+`:4: contract "unconfirmed": given twice for the renewal on 2027-02-01
renewal-desk: rows rejected: 1 of 3
`, errs)
	assert.Regexp(t, `in-window +1 +¥1,000\n`, s)
	assert.Regexp(t, `late +1 +¥2,000\n`, s)
	assert.Regexp(t, `total +2 +¥3,000\n`, s)
	assert.Regexp(t, `LATE +unconfirmed +renewal 2027-02-01 +decision 2027-02-01, intent unknown, late since 2027-01-18`, s)
	assert.NotContains(t, s, "LATE  confirmed")
}

func TestBadBooks(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
		return p
	}
	for _, tt := range []struct {
		name, path, want string
	}{
		{"unknown column", write("a.csv", "id,start,colour\nx,2026-01-01,red\n"), `unknown column "colour"`},
		{"column twice", write("b.csv", "id,start,arr,arr\n"), `column "arr" appears twice`},
		{"missing column", write("c.csv", "id,arr\n"), `missing column "start"`},
		{"not an array", write("d.json", `{"contract":{}}`), "want a JSON array"},
		{"syntax", write("e.json", `[{"contract":`), "row 0"},
		{"other extension", write("f.txt", ""), "want a .csv or .json file"},
		{"no such file", filepath.Join(dir, "nothing.csv"), "no such file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := runDesk(t, tt.path)
			assert.Equal(t, 1, code)
			assert.Contains(t, errs, tt.want)
		})
	}
}

func TestUsage(t *testing.T) {
	_, errs, code := runDesk(t, "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, errs, csvHeader)
	assert.Contains(t, errs, csvSample)
	assert.Contains(t, errs, "-asof date")

	for _, args := range [][]string{
		{"a.csv", "b.csv"},           // one book at most
		{"-asof", "2027-02-30"},      // no such day
		{"-colour", "red"},           // no such flag
		{"-top", "-1"},               // no negative count
		{"a.csv", "-asof", "x", "b"}, // flags after the book are read too
	} {
		_, errs, code := runDesk(t, args...)
		assert.Equal(t, 2, code, "%v: %s", args, errs)
	}
	s, _, code := runDesk(t, "-asof", "2026-10-01", "-top", "0")
	assert.Equal(t, 0, code)
	assert.Contains(t, s, "Renewal desk as of 2026-10-01")
	assert.NotContains(t, s, "OVERDUE ")
}

// TestDeskIgnoresDecimalGlobals runs the whole desk twice, the second time
// with hostile shopspring/decimal package variables: the report is
// byte-identical.
func TestDeskIgnoresDecimalGlobals(t *testing.T) {
	dectest.Stable(t, func() []byte {
		s, errs, _ := runDesk(t, filepath.Join("testdata", "book.csv"))
		return []byte(s + errs)
	})
}

func TestYen(t *testing.T) {
	for in, want := range map[string]string{
		"0": "¥0", "999": "¥999", "1000": "¥1,000", "1200000": "¥1,200,000",
		"1000000.50": "¥1,000,000.50", "-2500": "-¥2,500", "123456789": "¥123,456,789",
	} {
		assert.Equal(t, want, yen(decimal.RequireFromString(in)), in)
	}
}
