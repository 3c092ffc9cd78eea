package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runArgs(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// lines asserts that every line of want appears in got, in order.
func lines(t *testing.T, got string, want ...string) {
	t.Helper()
	rest := got
	for _, w := range want {
		i := strings.Index(rest, w+"\n")
		if !assert.GreaterOrEqual(t, i, 0, "missing, or out of order: %q\nin:\n%s", w, got) {
			return
		}
		rest = rest[i+len(w):]
	}
}

// TestSample checks the program over its embedded sample, as of
// 2026-06-30, against scores worked out by hand. Four-axes weights 0.25
// contact, 0.25 churn risk (the lower of its two measures), 0.3 utilisation
// (0.7 active users, 0.3 feature adoption), 0.2 goal; the enterprise
// scorecard 0.2, 0.2, 0.2, 0.4.
func TestSample(t *testing.T) {
	code, out, errOut := runArgs(t)
	require.Equal(t, 0, code, errOut)
	assert.Empty(t, errOut)
	lines(t, out,
		"Health review as of 2026-06-30 (config sample: onboarding 2026-04-01, four-axes 2026-04-01, four-axes-enterprise 2026-04-01)",
		// Contact 20 days → 60; churn min(100, 1 signal → 50) = 50;
		// utilisation 0.7·50 + 0.3·75 = 57.50; goal 0.6 → 50:
		// 15 + 12.5 + 17.25 + 10 = 54.75. Lost: signals 0.25·50 = 12.50,
		// active 0.3·0.7·50 = 10.50, contact 0.25·40 = 10.00 (goal's 10.00
		// ties and comes later).
		"acme       smb        adoption   four-axes              54.75 yellow  fix first",
		"    costs most: risk_signals -12.50 (1: 50.00 points), active_user_ratio -10.50 (0.5: 50.00 points), days_since_contact -10.00 (20: 60.00 points)",
		"beta       smb        adoption   four-axes             100.00 green   ask now",
		// Contact 45 → 0; churn min(open case 0, 3 signals 0) = 0; active
		// 0.1/0.6 = 16.67, adoption 0.1/0.6 = 16.67 → 16.67; goal 0.4 → 20:
		// (6·16.67 + 4·20)/20 = 180.02/20 = 9.001 → 9.00.
		"chiyoda    smb        renewal    four-axes               9.00 red     fix first",
		// Enterprise: contact 100, churn 100, utilisation (7·75 + 3·83.33)/10
		// = 77.499 → 77.50, goal 0.8 → 75: (100 + 100 + 77.5 + 2·75)/5 = 85.50.
		"daito      enterprise adoption   four-axes-enterprise   85.50 green   ask now",
		// Contact measured 2026-06-10, valid 14 days: stale, used and flagged.
		// 100, 100, (7·83.33 + 3·83.33)/10 = 83.33, goal 0.9 → 75:
		// (5·100 + 5·100 + 6·83.33 + 4·75)/20 = 1799.98/20 = 89.999 → 90.00.
		"ebisu      smb        adoption   four-axes              90.00 green   ask now",
		"    stale: days_since_contact (measured 2026-06-10)",
		// Only contact: 25% of the weight, below 50%.
		"fuji       smb        adoption   four-axes                  - none    collect data",
		"    insufficient data: 25.00% of the weight has data",
		// Computed: 60; min(100, 50) = 50; (7·66.67 + 3·50)/10 = 61.669 →
		// 61.67; 75: (5·60 + 5·50 + 6·61.67 + 4·75)/20 = 1220.02/20 = 61.00.
		// The override (80) is shown; risk_signals is still red: fix first.
		"ginza      smb        expansion  four-axes             80.00* green   fix first",
		"    * override by tanaka until 2026-07-20 (the sponsor confirmed the renewal verbally); computed 61.00",
		// Onboarding: 0.6·(6/8 = 75) + 0.4·(40 days → 50) = 45 + 20 = 65.00.
		"hakone     smb        onboarding onboarding             65.00 yellow  finish onboarding",
		// 0.6·(2/8 = 25) + 0.4·(50 days → 0) = 15.00.
		"izu        smb        onboarding onboarding             15.00 red     finish onboarding",
		// Enterprise: 100, 100, 50, goal 0.5 → 50: (100 + 100 + 50 + 2·50)/5
		// = 70.00.
		"jimbo      enterprise renewal    four-axes-enterprise   70.00 yellow  fix first",
		// Shown scores with a band: 54.75 + 100 + 9 + 85.5 + 90 + 80 + 65 +
		// 15 + 70 = 569.25, over 9 = 63.25.
		"Accounts: 10; red 2, yellow 3, green 4, insufficient data 1; overridden 1, with stale data 1; mean score 63.25",
	)
}

// TestBadRows checks that each bad row is reported with its file, line and
// column, the rest is scored, and the program exits 1.
func TestBadRows(t *testing.T) {
	code, out, errOut := runArgs(t, "-asof", "2026-06-30", "testdata/bad.csv")
	assert.Equal(t, 1, code)
	lines(t, errOut,
		`testdata/bad.csv:3: account "bad-count": column "risk_signals": invalid value: -1 is not a count (a whole number not below zero); measure "risk_signals" counts`,
		`testdata/bad.csv:4: account "bad-flag": column "open_churn_case": invalid value: 2 is not a flag (0 or 1); measure "open_churn_case" is a flag`,
		`testdata/bad.csv:5: column "active_user_ratio": want a number, not "NaN"`,
		`testdata/bad.csv:6: column "days_since_contact": want a number, not "twenty"`,
		`testdata/bad.csv:7: column "stage": missing: onboarding, adoption, expansion or renewal`,
		`testdata/bad.csv:8: account "future": column "measured_on": dated after the as-of date: 2026-07-01 is after 2026-06-30`,
		`testdata/bad.csv:9: account "undated": column "measured_on": missing date: measure "days_since_contact" is valid for P14D, so its input needs a date`,
		`testdata/bad.csv:10: account "acme" is given twice`,
		`testdata/bad.csv:11: column "measured_on": want a date YYYY-MM-DD, not "2026-02-30"`,
		`testdata/bad.csv:12: column "id": missing name`,
		// Plain decimals only: strconv.ParseFloat would read 10 and 1.
		`testdata/bad.csv:13: column "days_since_contact": want a number, not "1_0"`,
		`testdata/bad.csv:14: column "risk_signals": want a number, not "0x1p0"`,
		"health-review: rows rejected: 12 of 14",
	)
	lines(t, out,
		"acme       smb        adoption   four-axes              54.75 yellow  fix first",
		"beta       smb        adoption   four-axes             100.00 green   ask now",
		// (54.75 + 100)/2 = 77.375 → 77.38.
		"Accounts: 2; red 0, yellow 1, green 1, insufficient data 0; overridden 0, with stale data 0; mean score 77.38",
		"rows: 14 read, 2 used, 12 rejected",
	)
}

// TestJSONBook checks a JSON book: errors keep the library's path.
func TestJSONBook(t *testing.T) {
	code, out, errOut := runArgs(t, "testdata/book.json", "-asof", "2026-06-30")
	assert.Equal(t, 1, code)
	lines(t, errOut,
		`testdata/book.json:9: health: account "typo": inputs[0].measure: unknown measure "risk_signal"`,
		`testdata/book.json:10: health: account "unknown-key": decoding: json: unknown field "input"`,
		`testdata/book.json:11: health: account "gone": inputs[0].on: missing date: measure "goal_progress" is valid for P3M, so its input needs a date`,
	)
	lines(t, out, "acme       smb        adoption   four-axes              54.75 yellow  fix first", "rows: 4 read, 1 used, 3 rejected")
}

// TestUsage checks usage errors (exit 2) and -h (exit 0).
func TestUsage(t *testing.T) {
	code, _, errOut := runArgs(t, "-config", "testdata/badconfig.json")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "health-review: usage: -config testdata/badconfig.json: health: scorecards[0].groups[1].measures[0].weight: invalid weight: 0 is not above zero")
	code, _, _ = runArgs(t, "-asof", "2026-13-01")
	assert.Equal(t, 2, code)
	code, _, _ = runArgs(t, "-top", "-1")
	assert.Equal(t, 2, code)
	code, _, _ = runArgs(t, "-nope")
	assert.Equal(t, 2, code)
	code, _, errOut = runArgs(t, "-config", "testdata/missing.json")
	assert.Equal(t, 2, code, errOut)
	for _, args := range [][]string{
		{"-history", "testdata/history.csv"},
		{"-usage", "testdata/usage.csv"},
		{"-min-sample", "0"},
		{"-review", "acme", "-history", "testdata/history.csv", "-outcomes", "testdata/outcomes.csv"},
		{"-metrics", "testdata/missing.json"},
		{"-metrics", "testdata/badconfig.json"},
	} {
		code, _, errOut = runArgs(t, args...)
		assert.Equal(t, 2, code, "%v: %s", args, errOut)
	}
	code, _, errOut = runArgs(t, "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, errOut, "acme,smb,adoption,2026-06-30,20,0,1,0.5,0.45,0.6,,,,,")
}

// TestTop checks -top.
func TestTop(t *testing.T) {
	code, out, _ := runArgs(t, "-top", "1")
	require.Equal(t, 0, code)
	lines(t, out, "    costs most: risk_signals -12.50 (1: 50.00 points)")
}

// TestSampleAnalyses checks the usage review of acme and the backtest of
// the sample book.
func TestSampleAnalyses(t *testing.T) {
	code, out, errOut := runArgs(t)
	require.Equal(t, 0, code, errOut)
	lines(t, out,
		"USAGE REVIEW  acme  (peer group manufacturing 100-499, 10 accounts)",
		// Logins 2, 6, 8, 10, 10, 10, 12, 14, 18, 20: mean 110/10 = 11;
		// squares of the deviations 81+25+9+1+1+1+1+9+49+81 = 258, SD
		// √25.8 = 5.0794; median (10+10)/2; Q1 at rank 3.25: 8 + 0.25·2 =
		// 8.5, Q3 at rank 7.75: 12 + 0.75·2 = 13.5. acme's 12: 6 below, 1
		// equal: (6 + 0.5)/10 = 65.00; 3 better: rank 4; 50 + 10·1/5.0794
		// = 51.97.
		"logins per user (month)      12.00      11.00      10.00          8.50 - 13.50      65.00     51.97    4 of 10      +1.00",
		// Reports 0..7 and 9 (m5 has none): 9 values, mean 37/9 = 4.11;
		// acme's 3: (3 + 0.5)/9 = 38.89; 5 better: rank 6 of 9; variance
		// 221/9 − (37/9)² = 7.654, SD 2.767: 50 + 10·(3 − 4.111)/2.767 =
		// 45.98.
		"reports built (month)         3.00       4.11       4.00           2.00 - 6.00      38.89     45.98     6 of 9      -1.11",
		// Days (less is better) 1, 2, 3, 4, 5, 6, 7, 10, 20, 40: mean 9.8;
		// acme's 5: 5 worse (above), (5 + 0.5)/10 = 55.00; 4 better: rank
		// 5; variance 2240/10 − 9.8² = 127.96, SD 11.312: 50 + 10·4.8/11.312
		// = 54.24.
		"days since last login         5.00       9.80       5.50           3.25 - 9.25      55.00     54.24    5 of 10      -4.80",
		// smb health 9, 40, 54.75, 60, 65, 70, 80, 85, 90, 100: 2 below:
		// (2 + 0.5)/10 = 25.00, rank 8.
		`Health score 54.75 in segment "smb": percentile 25.00, deviation 45.80, rank 8 of 10 (segment mean 65.38, median 67.50)`,
		"  logins per user (month): In line with the industry: keep the monthly review.",
		// Outcomes: acme renewed (band on 2026-01-01, 90 days before
		// 2026-05-31: red), beta renewed (green), chiyoda churned (red),
		// daito renewed (green), jimbo downsold (red). 28 scores, 19 on or
		// before their account's outcome (beta's 2026-04-01 is after it).
		"Backtest: 5 outcomes, 5 predicted by their band at the horizon (P90D before), 0 scored too late, 0 without a score; 28 past scores read, 19 used",
		"  all            5        3         1        1  1 of 5 (too few)       1 of 5 (too few)       -",
		"  red            3        1         1        1  1 of 3 (too few)       1 of 3 (too few)       -",
		"  green          2        2         0        0  0 of 2 (too few)       0 of 2 (too few)       -",
		// chiyoda red from 2025-07-01 to 2026-06-15: 349 days; jimbo red on
		// 2026-01-01, downsold 2026-06-20: 170 days.
		"  churned: red came first for 1 of 1 (too few), a median 349 days before (349 to 349)",
		"  downsold: red came first for 1 of 1 (too few), a median 170 days before (170 to 170)",
		// 10 accounts + 14 usage rows + 5 outcomes + 28 past scores.
		"rows: 57 read, 57 used, 0 rejected",
	)
	// A smaller minimum sample reports the rates: churn 1 of 5 = 20.00%;
	// red 1 of 3 = 33.33%, lift (1/3)/(1/5) = 1.67.
	code, out, _ = runArgs(t, "-min-sample", "2")
	require.Equal(t, 0, code)
	lines(t, out,
		"  all            5        3         1        1  1 of 5 (20.00%)        1 of 5 (20.00%)        -",
		"  red            3        1         1        1  1 of 3 (33.33%)        1 of 3 (33.33%)        1.67",
	)
}

// TestReviewFiles checks -review over the user's usage book, with bad
// rows reported by line and column.
func TestReviewFiles(t *testing.T) {
	code, out, errOut := runArgs(t, "-review", "acme", "-usage", "testdata/usage.csv")
	assert.Equal(t, 1, code)
	lines(t, errOut,
		`testdata/usage.csv:3: health: account "neg": values[0].value: invalid value: -3 is negative usage`,
		`testdata/usage.csv:4: column "logins_per_user": want a number, not "abc"`,
		`testdata/usage.csv:5: health: account "acme": account: account given twice: "acme"`,
		`testdata/usage.csv:6: health: account "nogroup": group: missing name: a usage row needs its peer group`,
		`testdata/usage.csv:7: health: account "badhealth": health: invalid number: 101.00 is outside [0, 100]`,
	)
	assert.NotContains(t, out, "Health review")
	lines(t, out,
		"USAGE REVIEW  acme  (peer group mfg, 2 accounts)",
		// Logins 8 and 12: acme's 12 is the better: (1 + 0.5)/2 = 75.00;
		// mean 10, SD 2: 50 + 10·2/2 = 60.00.
		"logins per user (month)      12.00      10.00      10.00          9.00 - 11.00      75.00     60.00     1 of 2      +2.00",
		"rows: 7 read, 2 used, 5 rejected",
	)
	code, _, errOut = runArgs(t, "-review", "acme", "-usage", "testdata/usage_badcol.csv")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "logins")
	code, out, _ = runArgs(t, "-review", "nobody", "-usage", "testdata/usage.csv")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, `Usage review: account "nobody" is not in testdata/usage.csv`)
}

// TestBacktestFiles checks -history and -outcomes over the user's books.
func TestBacktestFiles(t *testing.T) {
	code, out, errOut := runArgs(t, "-history", "testdata/history.csv", "-outcomes", "testdata/outcomes.csv", "-min-sample", "1")
	assert.Equal(t, 1, code)
	lines(t, errOut,
		`testdata/outcomes.csv:4: column "result": health: unknown renewal result "sold"`,
		`testdata/history.csv:3: health: account "a": on: score given twice: two on 2026-01-01`,
		`testdata/history.csv:4: health: account "b": score: invalid number: 101.00 is outside [0, 100]`,
		`testdata/history.csv:5: column "on": want a date YYYY-MM-DD, not "2026-13-01"`,
		`testdata/history.csv:6: column "band": health: unknown band "purple"`,
	)
	lines(t, out,
		// a churned after red, c renewed after green; b's only score was
		// refused, and e has none: 2 without a score.
		"Backtest: 4 outcomes, 2 predicted by their band at the horizon (P90D before), 0 scored too late, 2 without a score; 2 past scores read, 2 used",
		"  red            1        0         0        1  1 of 1 (100.00%)       0 of 1 (0.00%)         2.00",
		"rows: 11 read, 6 used, 5 rejected",
	)
}

// TestOverrideColumns checks that an override given in any of its columns
// is read: one without a score is refused, never dropped.
func TestOverrideColumns(t *testing.T) {
	code, out, errOut := runArgs(t, "-asof", "2026-06-30", "testdata/overrides.csv")
	assert.Equal(t, 1, code)
	lines(t, errOut, `testdata/overrides.csv:3: column "override_score": missing: an override needs its score`)
	lines(t, out,
		// Only contact (25% of the weight): insufficient data, but the
		// override in force is shown and decides.
		"set                   adoption   four-axes             80.00* green   ask now",
		"rows: 2 read, 1 used, 1 rejected",
	)
}

// TestEmptyBook checks that a book with no account prints no mean score
// rather than a mean of zero.
func TestEmptyBook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.json")
	require.NoError(t, os.WriteFile(path, []byte("[]"), 0o644))
	code, out, _ := runArgs(t, "-asof", "2026-06-30", path)
	assert.Equal(t, 0, code)
	lines(t, out,
		"Accounts: 0; red 0, yellow 0, green 0, insufficient data 0; overridden 0, with stale data 0; mean score no data (no account has a band)",
		"rows: 0 read, 0 used, 0 rejected",
	)
}
