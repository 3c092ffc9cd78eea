package main

import (
	"bytes"
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
		"rows: 10 read, 10 used, 0 rejected",
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
		`testdata/bad.csv:5: account "nan": column "active_user_ratio": invalid number: NaN is not a finite number`,
		`testdata/bad.csv:6: column "days_since_contact": not a number: "twenty"`,
		`testdata/bad.csv:7: column "stage": missing: onboarding, adoption, expansion or renewal`,
		`testdata/bad.csv:8: account "future": column "measured_on": dated after the as-of date: 2026-07-01 is after 2026-06-30`,
		`testdata/bad.csv:9: account "undated": column "measured_on": missing date: measure "days_since_contact" is valid for P14D, so its input needs a date`,
		`testdata/bad.csv:10: account "acme" is given twice`,
		`testdata/bad.csv:11: column "measured_on": want a date YYYY-MM-DD, not "2026-02-30"`,
		`testdata/bad.csv:12: column "id": missing name`,
		"health-review: rows rejected: 10 of 12",
	)
	lines(t, out,
		"acme       smb        adoption   four-axes              54.75 yellow  fix first",
		"beta       smb        adoption   four-axes             100.00 green   ask now",
		// (54.75 + 100)/2 = 77.375 → 77.38.
		"Accounts: 2; red 0, yellow 1, green 1, insufficient data 0; overridden 0, with stale data 0; mean score 77.38",
		"rows: 12 read, 2 used, 10 rejected",
	)
}

// TestJSONBook checks a JSON book: errors keep the library's path.
func TestJSONBook(t *testing.T) {
	code, out, errOut := runArgs(t, "testdata/book.json", "-asof", "2026-06-30")
	assert.Equal(t, 1, code)
	lines(t, errOut,
		`testdata/book.json:9: health: account "typo": inputs[0].measure: unknown measure "risk_signal"`,
		`testdata/book.json:10: health: decoding: json: unknown field "input"`,
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
