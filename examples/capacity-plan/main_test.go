package main

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/cskit/cskit/internal/bookio"
	"github.com/cskit/cskit/internal/dectest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runCapture(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// The sample: four CSMs (three high-touch, one tech-touch) and 16 accounts
// under phase 1-10's default segments (tech-touch below ¥2.4M at ¥100M per
// CSM; high-touch from ¥2.4M at ¥50M and 50 accounts).
func TestSample(t *testing.T) {
	out, errOut, err := runCapture(t)
	require.NoError(t, err)
	assert.Empty(t, errOut)
	lines := []string{
		// 36 + 24 + 12 + 30 + 18 + 9.6 + 6 + 14.4 + 4.8 + 2.4 = 157.2M high;
		// 2.16 + 1.8 + 1.2 + 0.96 + 0.6 + 1.44 = 8.16M tech; 165.36M in all,
		// / 4 CSMs = 41.34M; 16 / 4 = 4 accounts per CSM.
		`team +JPY 165,360,000 +16 accounts +4 CSMs +JPY 41,340,000 per CSM +4 accounts per CSM\n`,
		// theta 14.4M + iota 4.8M + pi 2.4M have no CSM.
		`no CSM +JPY 21,600,000 +3 accounts\n`,
		// 165.36M / (50M × 4) = 0.8268 → 0.83; / (200M × 4) = 0.2067 → 0.21.
		`hicustomer-2021-arr-horizontal +below +JPY 41,340,000 per CSM is below JPY 50,000,000 \(0.83×\)`,
		`saastr-200m-rule +below +JPY 41,340,000 per CSM is below JPY 200,000,000 \(0.21×\)`,
		// 16 / (50 × 4) = 0.08.
		`hicustomer-2021-accounts +below +4 accounts per CSM is below 50 accounts \(0.08×\)`,
		`clientsuccess-arr +not-comparable +the benchmark is in USD and the plan in JPY: amounts are never converted`,
		// Tech: 8.16M / 100M = 0.08 → 1 CSM, 1 on the roster.
		`tech-touch +tech-touch +\[0, 2,400,000\) +JPY 8,160,000 +6 +JPY 100,000,000 +1 +0 +1 +1 +0\n`,
		// High: 157.2M / 50M = 3.144 → 4; 10 / 50 = 0.2 → 1; 3 on the roster: +1.
		`high-touch +high-touch +\[2,400,000, ∞\) +JPY 157,200,000 +10 +JPY 50,000,000 and 50 accounts +4 +1 +4 +3 +\+1\n`,
		`total +JPY 165,360,000 +16 +5 +4 +\+1\n`,
		// 0-1: 165.36M / 50M = 3.3 → 4; 1-10: 1 + 4 = 5; 10-100: tech
		// 8.16M / 200M → 1, high 157.2M / 100M = 1.572 → 2: 3.
		`The same book under each phase's default segments needs: 0-1 4, 1-10 5, 10-100 3`,
		// Profit 165.36M − 30M − 4 × 10M = 95.36M: 95.36 / 165.36 = 0.5767;
		// ARPA 165.36M / 16 = 10.335M; LTV 95.36M / (16 × 0.1) = 59.6M.
		`now, 4 CSMs: gross margin 57.67%, ARPA JPY 10,335,000, LTV JPY 59,600,000\n`,
		// Fifth CSM: 85.36 / 165.36 = 0.5162; −10 / 165.36 = −0.0605;
		// LTV 85.36M / 1.6 = 53.35M, −10M / 1.6 = −6.25M.
		`one more CSM adds JPY 10,000,000 of CS cost: gross margin 51.62% \(-6.05 points\), LTV JPY 53,350,000 \(JPY -6,250,000\)\n`,
		`at the plan's 5 CSMs: gross margin 51.62%, LTV JPY 53,350,000\n`,
		// Loads (high 3, tech 1, renewal 2, churn case 3, onboarding 2):
		// sato acme 3+2, beta 3+3, gamma 3 = 14; suzuki delta 3+2, epsilon
		// 3+2 = 10; tanaka zeta 3+4, eta 3, omicron (tech) 1 = 11; kato
		// 1 + 3 + 1 + 4 + 1 = 10.
		`sato +high-touch +3 +JPY 72,000,000 +14 +9 +0 +2 +3 +0 +0 +no data`,
		`suzuki +high-touch +2 +JPY 48,000,000 +10 +6 +0 +2 +0 +2 +0`,
		`tanaka +high-touch +3 +JPY 17,040,000 +11 +7 +0 +4 +0 +0 +1`,
		`kato +tech-touch +5 +JPY 6,720,000 +10 +5 +0 +2 +3 +0 +0`,
		// theta (3 + 2 onboarding = 5) first: suzuki at 10 beats tanaka 11
		// and sato 14; iota speaks en: only suzuki; pi: tanaka 11 → 14.
		`theta \(load 5\) → suzuki: least load of the 3 CSMs serving segment "high-touch" in language "ja": 10 → 15; next: tanaka at 11`,
		`iota \(load 3\) → suzuki: the only CSM serving segment "high-touch" in language "en": 15 → 18`,
		`pi \(load 3\) → tanaka: least load of the 3 CSMs serving segment "high-touch" in language "ja": 11 → 14; next: sato at 14`,
		// 3 + 5 + 2 + 3.5 + 1.5 + 0.5 = 15.5 h × 6000 = 93000.
		`Cost to serve \(JPY 6,000 an hour\): 15.5 hours, JPY 93,000\n`,
		// High: 15 h over 3 accounts: 5 h and 30000 each.
		`segment +high-touch +3 +15 +JPY 90,000 +5 +JPY 30,000\n`,
		// Training: 5 + 3.5 = 8.5 h over 2 accounts: 4.25 h, 25500 each.
		`task +training +2 +8.5 +JPY 51,000 +4.25 +JPY 25,500\n`,
		// Kickoff: sato 2 h, suzuki 3 h.
		`kickoff: sato 2, suzuki 3\n`,
		`sample/accounts.csv: rows: 16 read, 16 used, 0 rejected`,
		`sample/hours.csv: rows: 6 read, 6 used, 0 rejected`,
	}
	// Every amount is written one way: no amount with a trailing zero
	// after its point, none of four digits or more without a separator.
	assert.NotRegexp(t, `\d\.\d*0\b`, out)
	assert.NotRegexp(t, `JPY \d{4}`, out)
	for _, l := range lines {
		assert.Regexp(t, regexp.MustCompile(l), out)
	}
}

func TestBadRows(t *testing.T) {
	out, errOut, err := runCapture(t, "-plan", "sample/plan.json", "testdata/bad.csv")
	require.ErrorIs(t, err, bookio.ErrRejected)
	assert.Equal(t, 1, bookio.ExitCode(&bytes.Buffer{}, program, err))
	assert.Equal(t, `testdata/bad.csv:3: capacity: account "beta": arr: negative amount: -5
testdata/bad.csv:4: capacity: account "gamma": csm: unknown CSM "nobody"
testdata/bad.csv:5: id: account "acme" given twice
testdata/bad.csv:6: column "arr": want a plain decimal number, not "12x"
testdata/bad.csv:7: column "onboarding": want true or false, not "maybe"
`, errOut)
	// acme and zeta are used; zeta (3M, onboarding: 3 + 2 = 5) has no CSM
	// and goes to suzuki (0) before tanaka (0) by ID.
	assert.Contains(t, out, "testdata/bad.csv: rows: 7 read, 2 used, 5 rejected")
	assert.Regexp(t, `zeta \(load 5\) → suzuki: least load of the 3 CSMs serving segment "high-touch": 0 → 5; tied with tanaka at 0 and 0 accounts, broken by ID`, out)
	assert.NotContains(t, out, "Cost to serve", "no hours given")
}

func TestJSONBook(t *testing.T) {
	out, errOut, err := runCapture(t, "-plan", "sample/plan.json", "-hours", "testdata/hours.csv", "testdata/accounts.json")
	require.ErrorIs(t, err, bookio.ErrRejected)
	assert.Contains(t, errOut, `testdata/accounts.json:4: capacity: decoding account: json: unknown field "colour"`)
	assert.Contains(t, errOut, `testdata/hours.csv:3: capacity: account "beta": hours: negative hours: -1`)
	assert.Contains(t, out, "testdata/accounts.json: rows: 4 read, 3 used, 1 rejected")
	assert.Contains(t, out, "testdata/hours.csv: rows: 2 read, 1 used, 1 rejected")
	// The error says which file rejected how many rows, on one line.
	assert.Equal(t, "testdata/accounts.json: rows rejected: 1 of 4; testdata/hours.csv: rows rejected: 1 of 2", err.Error())
	// 36M + 24M + 3M = 63M over 4 CSMs = 15.75M.
	assert.Contains(t, out, "JPY 15,750,000 per CSM")
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"-nope"}, 2},
		{[]string{"testdata/bad.csv"}, 2}, // own accounts need -plan
		{[]string{"-plan", "sample/plan.json", "a.csv", "b.csv"}, 2},
		{[]string{"-plan", "missing.json", "testdata/bad.csv"}, 2}, // the flag names no readable plan
		{[]string{"-plan", "sample/plan.json", "testdata/missing.csv"}, 1},
		{[]string{"-plan", "sample/plan.json", "main.go"}, 1}, // not .csv or .json
	}
	for _, tc := range tests {
		_, _, err := runCapture(t, tc.args...)
		require.Error(t, err, "%v", tc.args)
		assert.Equal(t, tc.code, bookio.ExitCode(&bytes.Buffer{}, program, err), "%v: %v", tc.args, err)
	}
}

func TestHelp(t *testing.T) {
	out, _, err := runCapture(t, "-h")
	require.ErrorIs(t, err, flag.ErrHelp)
	assert.Equal(t, 0, bookio.ExitCode(&bytes.Buffer{}, program, err))
	assert.Contains(t, out, "id,csm,arr,acv,language,renewals_due,open_churn_cases,onboarding")
	assert.Contains(t, out, "acme,sato,36000000,,ja,1,0,false")
	assert.Contains(t, out, "account,segment,csm,task,stage,hours")
	assert.Contains(t, out, "-plan file")
	// A segment rule with its bounds, as the plan takes it.
	assert.Contains(t, out, `{"name": "smb", "touch": "tech-touch", "from": "0", "to": "2400000",`)
}

func TestBadPlan(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o600))
		return p
	}
	gap := write("gap.json", `{"team":{"currency":"JPY","segments":[
		{"name":"smb","touch":"tech-touch","from":"0","to":"2400000","target_arr":"100000000"},
		{"name":"ent","touch":"high-touch","from":"3000000","target_arr":"50000000"}]},
		"cost_per_csm":"1","other_cost_of_revenue":"0","churn_rate":"0.1"}`)
	_, _, err := runCapture(t, "-plan", gap, "testdata/bad.csv")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "[2400000, 3000000) is in no segment")
	noCost := write("nocost.json", `{"team":{"currency":"JPY","phase":"0-1"},"other_cost_of_revenue":"0","churn_rate":"0.1"}`)
	_, _, err = runCapture(t, "-plan", noCost, "testdata/bad.csv")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cost_per_csm: required")
	usd := write("usd.json", `{"team":{"currency":"USD","phase":"1-10"},"cost_per_csm":"1","other_cost_of_revenue":"0","churn_rate":"0.1"}`)
	_, _, err = runCapture(t, "-plan", usd, "testdata/bad.csv")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the default segments are in JPY")
	assert.True(t, errors.Is(err, bookio.ErrUsage), "a -plan that does not make a team is a usage error")
}

// The whole report is the same whatever shopspring/decimal's package
// variables say.
func TestSampleIgnoresDecimalGlobals(t *testing.T) {
	dectest.Stable(t, func() []byte {
		out, _, err := runCapture(t)
		require.NoError(t, err)
		return []byte(out)
	})
}

// A book with no ARR (every account at zero) has no margin to take: the
// report says so and goes on to the loads and the row counts.
func TestZeroARR(t *testing.T) {
	p := filepath.Join(t.TempDir(), "zero.csv")
	require.NoError(t, os.WriteFile(p, []byte("id,csm,arr\na,sato,0\nb,,0\n"), 0o600))
	out, errOut, err := runCapture(t, "-plan", "sample/plan.json", p)
	require.NoError(t, err, errOut)
	assert.Contains(t, out, "no ARR: no gross margin to take")
	assert.Contains(t, out, "Load per CSM")
	assert.Contains(t, out, "rows: 2 read, 2 used, 0 rejected")
}

// With no churn LTV is unbounded: the report says so, and gives no change
// of LTV for one more CSM.
func TestZeroChurn(t *testing.T) {
	p := filepath.Join(t.TempDir(), "plan.json")
	require.NoError(t, os.WriteFile(p, []byte(`{"team":{"currency":"JPY","phase":"0-1","csms":[{"id":"sato","segment":"high-touch"}]},
		"cost_per_csm":"10000000","other_cost_of_revenue":"0","churn_rate":"0"}`), 0o600))
	out, errOut, err := runCapture(t, "-plan", p, "sample/accounts.csv")
	// Every account names a CSM of the sample team; only sato is on this
	// roster, so the others' rows are refused.
	require.ErrorIs(t, err, bookio.ErrRejected, errOut)
	// sato: acme 36M + beta 24M + gamma 12M, and theta, iota, pi with no
	// CSM: 14.4M + 4.8M + 2.4M; 93.6M over 6 accounts. Profit 93.6M − 10M
	// = 83.6M, margin 0.8932; with a second CSM 73.6M, 0.7863.
	assert.Contains(t, out, "now, 1 CSM: gross margin 89.32%, ARPA JPY 15,600,000, LTV unbounded (zero churn)\n")
	assert.Contains(t, out, "one more CSM adds JPY 10,000,000 of CS cost: gross margin 78.63% (-10.68 points), LTV unbounded (zero churn)\n")
}

// One account on one CSM reads "1 account per CSM".
func TestOneAccountPerCSM(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "plan.json")
	require.NoError(t, os.WriteFile(p, []byte(`{"team":{"currency":"JPY","phase":"1-10","csms":[{"id":"sato","segment":"high-touch"}]},
		"cost_per_csm":"1000000","other_cost_of_revenue":"0","churn_rate":"0.1"}`), 0o600))
	a := filepath.Join(dir, "accounts.csv")
	require.NoError(t, os.WriteFile(a, []byte("id,csm,arr\nacme,sato,36000000\n"), 0o600))
	out, errOut, err := runCapture(t, "-plan", p, a)
	require.NoError(t, err, errOut)
	assert.Contains(t, out, "JPY 36,000,000 per CSM  1 account per CSM\n")
}
