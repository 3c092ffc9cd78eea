package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cskit/cskit/internal/bookio"
	"github.com/stretchr/testify/require"
)

// exec runs the program and returns its output and exit code.
func exec(args ...string) (string, int) {
	var out bytes.Buffer
	err := run(args, &out)
	return out.String(), bookio.ExitCode(io.Discard, program, err)
}

func TestSample(t *testing.T) {
	out, code := exec()
	require.Equal(t, 0, code)
	// The ROI rounds down to 0.01%, the payback up to 0.1 month.
	// acme: 29M / 92M / 240M against 12M: ROI 17 / 12 = 1.41666… → 141.66%,
	// 80 / 12 = 6.6666… → 666.66%, 228 / 12 = 19; payback 144 / 29 =
	// 4.96… → 5.0, 144 / 92 = 1.56… → 1.6, 144 / 240 = 0.6.
	// beta: 300 / 400 / 500 leads × 10% / 15% / 20% = 30 / 60 / 100
	// meetings × 30% / 40% / 50% = 9 / 24 / 50 × 20% / 25% / 30% =
	// 1.8 / 6 / 15 deals × 1.0M / 1.2M / 1.5M = 1.8M / 7.2M / 22.5M against
	// 2.4M: ROI −0.25, 2, 8.375; payback 28.8 / 1.8 = 16, 28.8 / 7.2 = 4,
	// 28.8 / 22.5 = 1.28 → 1.3.
	// gamma: 600 / 800 / 1000 hours × 4000 / 5000 / 6000 = 2.4M / 4M / 6M
	// against 3.6M: ROI −1/3 → −33.34%, 1/9 → 11.11%, 2/3 → 66.66%;
	// payback 43.2 / 2.4 = 18, 10.8, 7.2.
	// Book: cost 12 + 2.4 + 3.6 = 18M; benefit 29 + 1.8 + 2.4 = 33.2M,
	// 92 + 7.2 + 4 = 103.2M, 240 + 22.5 + 6 = 268.5M; ROI 15.2 / 18 =
	// 0.84444… → 84.44%, 85.2 / 18 = 4.73333… → 473.33%, 250.5 / 18 =
	// 13.91666… → 1,391.66%; payback 216 / 33.2 = 6.506… → 6.6,
	// 216 / 103.2 = 2.093… → 2.1, 216 / 268.5 = 0.804… → 0.9. Bands (cuts
	// 0, 1, 3): low acme 1.4166, beta −0.25, gamma −0.3334; base 6.6666, 2,
	// 0.1111; high 19, 8.375, 0.6666.
	want := `ROI for beta (low / base / high)
1. visualise the network: offline leads → revenue increase
   offline leads: 300 / 400 / 500 leads
   × meeting rate 10% / 15% / 20% = 30 / 60 / 100 meetings
   × opportunity rate 30% / 40% / 50% = 9 / 24 / 50 opportunities
   × win rate 20% / 25% / 30% = 1.8 / 6 / 15 deals won
   × average deal size JPY 1,000,000 / 1,200,000 / 1,500,000 = JPY 1,800,000 / 7,200,000 / 22,500,000 revenue increase
Benefit: JPY 1,800,000 / 7,200,000 / 22,500,000
Annual cost: JPY 2,400,000
ROI = (benefit − annual cost) / annual cost: -25% / 200% / 837.5%
Payback = annual cost / (benefit / 12): 16 / 4 / 1.3 months

ROI for gamma (low / base / high)
1. automate the weekly sales report: hours saved → cost reduction
   hours saved: 600 / 800 / 1,000 hours
   × loaded hourly cost JPY 4,000 / 5,000 / 6,000 = JPY 2,400,000 / 4,000,000 / 6,000,000 cost reduction
Benefit: JPY 2,400,000 / 4,000,000 / 6,000,000
Annual cost: JPY 3,600,000
ROI = (benefit − annual cost) / annual cost: -33.34% / 11.11% / 66.66%
Payback = annual cost / (benefit / 12): 18 / 10.8 / 7.2 months

ROI of 3 accounts (low / base / high)
Benefit: JPY 33,200,000 / 103,200,000 / 268,500,000
Annual cost: JPY 18,000,000
ROI = (benefit − annual cost) / annual cost: 84.44% / 473.33% / 1,391.66%
Payback = annual cost / (benefit / 12): 6.6 / 2.1 / 0.9 months
Accounts by ROI:
  below 0%: 2 / 0 / 0
  0% to 100%: 0 / 1 / 1
  100% to 300%: 1 / 1 / 0
  300% and more: 0 / 1 / 2
Lowest ROI (base): gamma 11.11%
Highest ROI (base): acme 666.66%
rows: 3 read, 3 used, 0 rejected
`
	require.True(t, strings.HasPrefix(out, "ROI for acme (low / base / high)\n"), out)
	require.Contains(t, out, "ROI = (benefit − annual cost) / annual cost: 141.66% / 666.66% / 1,900%\nPayback = annual cost / (benefit / 12): 5 / 1.6 / 0.6 months\n\n")
	require.True(t, strings.HasSuffix(out, want), out)
}

func TestCasesWithRejectedRows(t *testing.T) {
	out, code := exec("testdata/cases.json")
	require.Equal(t, 1, code, "rows were rejected")
	// The file starts with a byte-order mark, as some editors write it.
	// acme: 20 × 45 = 900 against 600. iota: 100 / 200 / 400 contacts × 50%
	// × 1 / 1.5 / 2 = 50 / 150 / 400 against 100. Book: cost 700, benefit
	// 950 / 1050 / 1300; ROI 250 / 700 = 0.357142… → 35.71% (down), 50%,
	// 600 / 700 = 0.857142… → 85.71%; payback 8400 / 950 = 8.84… → 8.9
	// (up), 8, 8400 / 1300 = 6.46… → 6.5. Bands: acme 0.5 at every point; iota
	// −0.5, 0.5, 3 (on the cut: above). The base ROI ties at 50%: acme
	// sorts first.
	want := `testdata/cases.json:3: case 1: roi: decoding case: account "delta": scenarios[0].logic.win_rate: rate outside [0, 1]: high 1.3
testdata/cases.json:4: case 2: account "acme" given twice
testdata/cases.json:5: case 3: account "eps": currency "USD" is not the book's "JPY"
testdata/cases.json:6: case 4: roi: decoding case: account "zeta": scenarios: no scenarios
testdata/cases.json:7: case 5: roi: decoding case: json: unknown field "scenaros"
ROI for iota (low / base / high)
1. reuse contacts: contacts stored → cost reduction
   contacts stored: 100 / 200 / 400 contacts
   × share reused 50% = 50 / 100 / 200 contacts reused
   × cost to create one from scratch 1 / 1.5 / 2 = 50 / 150 / 400 cost reduction
Benefit: 50 / 150 / 400
Annual cost: 100
ROI = (benefit − annual cost) / annual cost: -50% / 50% / 300%
Payback = annual cost / (benefit / 12): 24 / 8 / 3 months

ROI of 2 accounts (low / base / high)
Benefit: JPY 950 / 1,050 / 1,300
Annual cost: JPY 700
ROI = (benefit − annual cost) / annual cost: 35.71% / 50% / 85.71%
Payback = annual cost / (benefit / 12): 8.9 / 8 / 6.5 months
Accounts by ROI:
  below 0%: 1 / 0 / 0
  0% to 100%: 1 / 2 / 1
  100% to 300%: 0 / 0 / 0
  300% and more: 0 / 0 / 1
Lowest ROI (base): acme 50%
Highest ROI (base): acme 50%
rows: 7 read, 2 used, 5 rejected
`
	require.True(t, strings.HasSuffix(out, want), out)
	require.True(t, strings.HasPrefix(out, "ROI for acme (low / base / high)\n"), out)
}

func TestCasesCSV(t *testing.T) {
	out, code := exec("testdata/cases.csv")
	require.Equal(t, 1, code, "rows were rejected")
	// The file starts with a byte-order mark and has a blank line (4).
	// Used: acme (lines 2 and 3, the sample's two scenarios: 29M / 92M /
	// 240M against 12M), beta (line 5, the sample's: 1.8M / 7.2M / 22.5M
	// against 2.4M) and kappa (20 hours × 45 = 900 against 600: ROI 0.5,
	// payback 7200 / 900 = 8). Both rows of delta and of iota are rejected
	// with their bad row, and the second acme, which does not follow the
	// first, is given twice.
	// Book: cost 12,000,000 + 2,400,000 + 600 = 14,400,600; benefit
	// 29,000,000 + 1,800,000 + 900 = 30,800,900, 92,000,000 + 7,200,000 +
	// 900 = 99,200,900, 240,000,000 + 22,500,000 + 900 = 262,500,900. ROI,
	// down: 16,400,300 / 14,400,600 = 1.138862… → 113.88%, 84,800,300 /
	// 14,400,600 = 5.888664… → 588.86%, 248,100,300 / 14,400,600 =
	// 17.228469… → 1,722.84%. Payback, up: 172,807,200 / 30,800,900 =
	// 5.61… → 5.7, / 99,200,900 = 1.74… → 1.8, / 262,500,900 = 0.65… → 0.7.
	// Bands (cuts 0, 1, 3): low acme 1.4166, beta −0.25, kappa 0.5; base
	// 6.6666, 2, 0.5; high 19, 8.375, 0.5.
	want := `testdata/cases.csv:6: account "delta": rejected with its case's row on line 7
testdata/cases.csv:7: account "delta": roi: decoding scenario: logic.share_reused: rate outside [0, 1]: high 1.5
testdata/cases.csv:8: account "eps": column "annual_cost": want a plain decimal number, not "1e5"
testdata/cases.csv:9: account "zeta": roi: decoding scenario: logic: json: unknown field "hourly_cost"
testdata/cases.csv:10: account "eta": roi: decoding scenario: metric.value: missing value
testdata/cases.csv:11: account "theta": column "hourly_cost": want one number or low/base/high, not "40/45"
testdata/cases.csv:12: account "acme": given twice: the rows of an account follow each other
testdata/cases.csv:13: account "iota": rejected with its case's row on line 14
testdata/cases.csv:14: account "iota": column "annual_cost": 200 is not the 100 of the account's first row
ROI for kappa (low / base / high)
1. save time: hours saved → cost reduction
   hours saved: 20 hours
   × loaded hourly cost JPY 45 = JPY 900 cost reduction
Benefit: JPY 900
Annual cost: JPY 600
ROI = (benefit − annual cost) / annual cost: 50%
Payback = annual cost / (benefit / 12): 8 months

testdata/cases.csv:16: column "account": missing
ROI of 3 accounts (low / base / high)
Benefit: JPY 30,800,900 / 99,200,900 / 262,500,900
Annual cost: JPY 14,400,600
ROI = (benefit − annual cost) / annual cost: 113.88% / 588.86% / 1,722.84%
Payback = annual cost / (benefit / 12): 5.7 / 1.8 / 0.7 months
Accounts by ROI:
  below 0%: 1 / 0 / 0
  0% to 100%: 1 / 1 / 1
  100% to 300%: 1 / 1 / 0
  300% and more: 0 / 1 / 2
Lowest ROI (base): kappa 50%
Highest ROI (base): acme 666.66%
rows: 14 read, 4 used, 10 rejected
`
	require.True(t, strings.HasSuffix(out, want), out)
	sample, _ := exec()
	acme := sample[:strings.Index(sample, "ROI for beta")]
	beta := sample[len(acme):strings.Index(sample, "ROI for gamma")]
	require.Equal(t, acme+beta, out[:len(acme)+len(beta)], "acme and beta as the sample derives them from JSON")
}

// TestLongAccount checks that an account of 64 KiB given twice makes a
// short error line.
func TestLongAccount(t *testing.T) {
	account := strings.Repeat("x", 1<<16)
	row := `{"account": "` + account + `", "annual_cost": "1", "scenarios": [{"name": "s", "metric": {"name": "m", "value": "1"}, "logic": {"kind": "hours", "hourly_cost": "1"}}]}`
	name := filepath.Join(t.TempDir(), "long.json")
	require.NoError(t, os.WriteFile(name, []byte("[\n"+row+",\n"+row+"\n]"), 0o600))
	out, code := exec(name)
	require.Equal(t, 1, code)
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, name) {
			require.Less(t, len(line), 300+len(name), "%.300s", line)
			require.Contains(t, line, "…\" (65536 bytes) given twice")
		}
	}
}

func TestUsage(t *testing.T) {
	out, code := exec("-h")
	require.Equal(t, 0, code)
	require.Contains(t, out, "acme,JPY,12000000,visualise the network,offline leads,leads,4000,revenue,0.10/0.15/0.20,")
	require.Contains(t, out, `"logic": {"kind": "revenue"`)

	for _, args := range [][]string{{"-cuts", "1,0"}, {"-cuts", "x"}, {"-nosuchflag"}} {
		_, code := exec(args...)
		require.Equal(t, 2, code, "%v", args)
	}
	_, code = exec("testdata/nosuch.json")
	require.Equal(t, 1, code)
	_, code = exec("testdata/../main.go")
	require.Equal(t, 1, code, "not a .json or .csv book")
}

// TestUsageSamplesRun runs the sample lines -h shows, so that the usage
// never documents a format the program refuses.
func TestUsageSamplesRun(t *testing.T) {
	lines := strings.Split(usage, "\n")
	block := func(first, last string) string {
		var b strings.Builder
		in := false
		for _, l := range lines {
			in = in || strings.HasPrefix(strings.TrimSpace(l), first)
			if in {
				b.WriteString(strings.TrimSpace(l) + "\n")
				if strings.HasPrefix(strings.TrimSpace(l), last) {
					break
				}
			}
		}
		return b.String()
	}
	dir := t.TempDir()
	csvText := block("account,currency", "acme,,,share")
	require.Equal(t, 3, strings.Count(csvText, "\n"), csvText)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sample.csv"), []byte(csvText), 0o600))
	jsonText := block("[{", `"opportunity_rate"`)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sample.json"), []byte(jsonText), 0o600))

	out, code := exec(filepath.Join(dir, "sample.csv"))
	require.Equal(t, 0, code, out)
	// The sample's acme: 29M / 92M / 240M against 12M.
	require.Contains(t, out, "ROI = (benefit − annual cost) / annual cost: 141.66% / 666.66% / 1,900%\n")
	out, code = exec(filepath.Join(dir, "sample.json"))
	require.Equal(t, 0, code, out)
	// 4000 leads × 10% / 15% / 20% × 40% × 25% = 40 / 60 / 80 deals ×
	// 1.2M = 48M / 72M / 96M against 12M: ROI 3 / 5 / 7; payback 144 / 48
	// = 3, 2, 1.5.
	require.Contains(t, out, "ROI = (benefit − annual cost) / annual cost: 300% / 500% / 700%\nPayback = annual cost / (benefit / 12): 3 / 2 / 1.5 months\n")
}
