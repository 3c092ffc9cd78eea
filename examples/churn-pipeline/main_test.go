package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cskit/cskit/internal/dectest"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runArgs(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// runBook writes text to the file name in a new folder and runs the
// program over it as of 2027-01-31, with args before the file.
func runBook(t *testing.T, name, text string, args ...string) (code int, path, stdout, stderr string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	code, stdout, stderr = runArgs(t, append(append([]string{"-asof", "2027-01-31"}, args...), path)...)
	return code, path, stdout, stderr
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
// 2027-01-31, against figures worked out by hand. The open cases are
// hokuto (A, 1,200,000), minato (B, 3,000,000), sakura (B, 800,000),
// kaede (C, 600,000) and nagi (C, 400,000); tsubaki and asahi were saved;
// momiji, hikari (a downgrade), ren, sora and yuki churned.
func TestSample(t *testing.T) {
	code, out, errOut := runArgs(t)
	require.Equal(t, 0, code, errOut)
	assert.Empty(t, errOut)
	lines(t, out,
		"Churn pipeline as of 2027-01-31",
		// Tier 2 under the default key tier 1: A's plays are for everyone.
		"hokuto-01 (hokuto, owner sato): phase a since 2026-11-02, ARR at risk 1,200,000, expected loss 720,000",
		"  due  listen             Listen to the front line and the admin: what can they not explain inside their company?",
		// Tier 1: B's costly plays are due.
		"minato-01 (minato, owner sato): phase b since 2027-01-10, ARR at risk 3,000,000, expected loss 2,400,000",
		"  due  executive-escalation  Escalate: management arranges an executive of matching rank to meet the decision-maker.",
		// Tier 3: withheld, with the reason.
		"sakura-01 (sakura, owner kato): phase b since 2027-01-05, ARR at risk 800,000, expected loss 640,000",
		"  withheld  success-acceleration  tier 3 is not a key tier (1); no key ARR is set",
		"kaede-01 (kaede, owner kato): phase c since 2027-01-20, ARR at risk 600,000, expected loss 570,000",
		"  withheld  right-size-offer      tier 2 is not a key tier (1); no key ARR is set",
		"nagi-01 (nagi, owner ito): phase c since 2027-01-25, ARR at risk 400,000, expected loss 380,000",
		"  withheld  right-size-offer      the account is not tiered (key tiers 1); no key ARR is set",
		"Negative forecast: expected loss = ARR at risk x phase weight (a 0.6, b 0.8, c 0.95)",
		// 720,000 + 2,400,000 + 640,000 + 570,000 + 380,000
		"  all open cases                5       6,000,000         4,710,000",
		"  phase a                       1       1,200,000           720,000",
		// 3,000,000 × 0.8 + 800,000 × 0.8
		"  phase b                       2       3,800,000         3,040,000",
		// 600,000 × 0.95 + 400,000 × 0.95
		"  phase c                       2       1,000,000           950,000",
		"  owner ito                     1         400,000           380,000",
		"  owner kato                    2       1,400,000         1,210,000",
		"  owner sato                    2       4,200,000         3,120,000",
		// hokuto renews 03-31, kaede 03-15: 720,000 + 570,000
		"  renewing 2027-03              2       1,800,000         1,290,000",
		"  closed cases: 2 saved, 5 churned",
		// Each rate says what it divides.
		"Save rate = saved / closed (closed = saved + churned); open cases are in no rate",
		"                         saved / closed      open  saved ARR  lost ARR   downgrades",
		// Saved: tsubaki 1,500,000 + asahi 2,000,000 at risk. Lost: momiji
		// 900,000 + hikari 1,000,000 + ren 700,000 + sora 500,000 + yuki
		// 1,100,000. 2 saved of 7 closed = 28.6%.
		"  all cases              2 / 7 = 28.6%       5     3,500,000  4,200,000  1",
		// Opened at A: hokuto minato open; tsubaki saved; momiji hikari ren
		// sora churned: 1/5, lost 900,000 + 1,000,000 + 700,000 + 500,000.
		"  opened at a            1 / 5 = 20.0%       2     1,500,000  3,100,000  1",
		// Opened at B: sakura kaede open; asahi saved; yuki churned.
		"  opened at b            1 / 2 = 50.0%       2     2,000,000  1,100,000  0",
		"  opened at c            no data (0 closed)  1     0          0          0",
		// budget-cut: minato open, momiji and sora churned (900,000 + 500,000).
		"  budget-cut             0 / 2 = 0.0%        1     0          1,400,000  0",
		"  cases opened at a or b, saved / closed: 2 / 7 = 28.6%, within the benchmark 20%-30%",
		"           days / spells ended = mean  open in it now  their days so far",
		// A left by minato 40, tsubaki 45, momiji 22, hikari 42, ren 33 and
		// sora 46 days: 228 / 6 = 38.0; hokuto in A since 11-02: 90 days.
		"  phase a  228 / 6 = 38.0              1               90",
		// B left by kaede 36, momiji 60, asahi 45, yuki 30: 171 / 4 = 42.75;
		// minato 21 and sakura 26 days in B.
		"  phase b  171 / 4 = 42.8              2               47",
		// C left by hikari 45 and yuki 52: 97 / 2; kaede 11 and nagi 6.
		"  phase c  97 / 2 = 48.5               2               17",
		"  2026-12  4",
		"Renewal forecast 2027-01-01 to 2027-12-31 of the renewals at risk, the expected losses of their open cases as their risk adjustment",
		// Each open case's account ARR less its expected loss:
		// 480,000 + 600,000 + 1,760,000 + 30,000 + 20,000.
		"  renewals at risk 5, in the period 5: target 7,600,000, forecast 7,600,000, risk-adjusted 2,890,000",
		"rows: 12 read, 12 used, 0 rejected",
	)
}

// TestCSV runs a CSV book of moves with bad rows: each is printed with
// its file and line, a bad row refuses its case (every row of it is
// reported), the other cases are used, and the program exits 1.
func TestCSV(t *testing.T) {
	book := filepath.Join("testdata", "book.csv")
	code, out, errOut := runArgs(t, "-plays=false", "-asof", "2027-01-31", book)
	assert.Equal(t, 1, code)
	lines(t, errOut,
		// minato-01's third move is refused, and with it the case.
		book+`:4: churn: case "minato-01": history[2].event: illegal move: phase b does not move on front-line-hint`,
		book+`:2: case "minato-01" is refused with its row `+book+`:4`,
		book+`:3: case "minato-01" is refused with its row `+book+`:4`,
		book+`:8: churn: case "bad-01": arr_at_risk: negative amount: -5`,
		book+`:9: case "bad-01" is refused with its row `+book+`:8`,
		book+`:10: case "late-01": column "reasons": churn: unknown reason "price"`,
		book+`:11: churn: duplicate case ID: case "minato-01" is given twice (a case's rows must be together)`,
		book+`:12: churn: case "fut-01": history[0].date: move dated after the as-of date: 2027-02-15, as of 2027-01-31`,
		"churn-pipeline: rows rejected: 8 of 11",
	)
	lines(t, out,
		// sakura (B, 800,000 x 0.8) alone.
		"  all open cases          1         800,000           640,000",
		"  closed cases: 0 saved, 1 churned",
		"  acquired          0 / 1 = 0.0%        0     0          700,000   0",
		// A left by ren (12-10 -> 01-12, 33 days).
		"  phase a  33 / 1 = 33.0               0               0",
		"rows: 11 read, 3 used, 8 rejected",
	)
}

// TestCSVCaseWhole: a case whose churn is refused is refused whole, not
// left open in the forecast with the moves before it.
func TestCSVCaseWhole(t *testing.T) {
	const book = "case,account,owner,arr_at_risk,renewal_date,account_arr,reasons,date,event,lost\n" +
		"a-01,a,o,100,2027-03-31,100,budget-cut,2027-01-04,admin-hint,\n" +
		"a-01,,,,,,,2027-01-20,churned,1e2\n" + // refused: an exponent
		"b-01,b,o,200,2027-03-31,200,budget-cut,2027-01-04,admin-hint,\n"
	code, path, out, errOut := runBook(t, "book.csv", book, "-plays=false")
	assert.Equal(t, 1, code)
	lines(t, errOut,
		path+`:3: case "a-01": column "lost": want a plain decimal number, not "1e2"`,
		path+`:2: case "a-01" is refused with its row `+path+`:3`)
	lines(t, out,
		// b-01 alone: 200 x 0.6; a-01 is not left open at A.
		"  all open cases         1             200               120",
		"rows: 3 read, 1 used, 2 rejected")
}

// TestJSONBook runs a JSON book with bad cases: each is printed with its
// file, the line its object starts on and its index in the array.
func TestJSONBook(t *testing.T) {
	book := filepath.Join("testdata", "bad.json")
	code, out, errOut := runArgs(t, "-asof", "2027-01-31", book)
	assert.Equal(t, 1, code)
	lines(t, errOut,
		book+`:5: element 1: churn: decoding case: case "bad-event": history[0].event: unknown event "ceo-hint"`,
		book+`:8: element 2: churn: duplicate case ID: case "ok-01" is given twice`,
		book+`:11: element 3: churn: case "late-01": history[1].date: move dated after the as-of date: 2027-02-04, as of 2027-01-31`,
		book+`:14: element 4: churn: decoding case: case "reopened": history[0].event: illegal move: a case cannot open on saved`,
	)
	lines(t, out,
		"ok-01 (ok, owner sato): phase c since 2027-01-04, ARR at risk 1,000,000, expected loss 950,000",
		"rows: 5 read, 1 used, 4 rejected",
	)
}

// TestJSONOneLine: the cases of a JSON book written on one line are told
// apart by their index in the array.
func TestJSONOneLine(t *testing.T) {
	code, path, _, errOut := runBook(t, "book.json", `[1, {"id": 5}]`)
	assert.Equal(t, 1, code)
	lines(t, errOut,
		path+`:1: element 0: churn: decoding case: a JSON number where an object belongs`,
		path+`:1: element 1: churn: decoding case: id: a JSON number where a string belongs`)
}

// TestBOM: a book saved with a UTF-8 byte-order mark, as some editors
// write, reads as one without, JSON as CSV.
func TestBOM(t *testing.T) {
	const bom = "\xef\xbb\xbf"
	json := bom + `[{"id":"a","account":"a","owner":"o","arr_at_risk":"100","renewal_date":"2027-03-31","account_arr":"100",` +
		`"reasons":[{"kind":"budget-cut","avoidable":false,"product_caused":false}],"history":[{"date":"2027-01-04","event":"admin-hint"}]}]`
	csv := bom + "case,account,owner,arr_at_risk,renewal_date,account_arr,reasons,date,event\n" +
		"a,a,o,100,2027-03-31,100,budget-cut,2027-01-04,admin-hint\n"
	for name, text := range map[string]string{"book.json": json, "book.csv": csv} {
		code, _, out, errOut := runBook(t, name, text, "-plays=false")
		require.Equal(t, 0, code, "%s: %s", name, errOut)
		// 100 x 0.6
		lines(t, out, "  all open cases         1             100                60", "rows: 1 read, 1 used, 0 rejected")
	}
}

func TestPolicyFlag(t *testing.T) {
	dir := t.TempDir()
	policy := filepath.Join(dir, "policy.json")
	require.NoError(t, os.WriteFile(policy, []byte(`{"weights":{"a":"0.5","b":"0.5","c":"1"},"key_tier":3}`), 0o600))
	code, out, errOut := runArgs(t, "-policy", policy)
	require.Equal(t, 0, code, errOut)
	lines(t, out,
		// Tier 3 is a key tier now: sakura's B plays are due.
		"sakura-01 (sakura, owner kato): phase b since 2027-01-05, ARR at risk 800,000, expected loss 400,000",
		"  due  success-acceleration  Propose a success-acceleration plan fitted to the customer's situation.",
		// 1,200,000 × 0.5 + 3,800,000 × 0.5 + 1,000,000 × 1
		"  all open cases                5       6,000,000         3,500,000",
	)

	require.NoError(t, os.WriteFile(policy, []byte(`{"weights":{"a":"1.5"}}`), 0o600))
	code, _, errOut = runArgs(t, "-policy", policy)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "weight 1.5 outside [0, 1]")
}

func TestUsage(t *testing.T) {
	code, _, errOut := runArgs(t, "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, errOut, "minato-01,,,,,,,,,,,2027-01-10,decision-maker-considering,CFO,,,", "the usage shows a sample CSV line")
	assert.Contains(t, errOut, `"event":"decision-maker-considering"`, "and a sample JSON case")

	code, _, errOut = runArgs(t, "-asof", "2027-02-30")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "-asof")
	code, _, _ = runArgs(t, "-nope")
	assert.Equal(t, 2, code)
	code, _, errOut = runArgs(t, "-asof", "2027-01-31", filepath.Join("testdata", "missing.json"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "missing.json")
	code, _, errOut = runArgs(t, filepath.Join("testdata", "book.txt"))
	assert.Equal(t, 1, code, errOut)
}

// TestLargerBook runs a generated JSON book far larger than the
// sample with the plays off; the program streams it (memory is not
// checked here, only that a large book works and every row counts).
func TestLargerBook(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for i := range 2000 {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"id":"c` + itoa(i) + `","account":"a","owner":"o","arr_at_risk":"100","renewal_date":"2027-03-31","account_arr":"100",` +
			`"reasons":[{"kind":"budget-cut","avoidable":false,"product_caused":false}],"history":[{"date":"2027-01-04","event":"admin-hint"}]}`)
	}
	b.WriteString("]")
	code, _, out, errOut := runBook(t, "big.json", b.String(), "-plays=false")
	require.Equal(t, 0, code, errOut)
	lines(t, out,
		// 2,000 × 100 × 0.6
		"  all open cases      2000         200,000           120,000",
		"rows: 2000 read, 2000 used, 0 rejected",
	)
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestCaseColumnsRepeat: a later row of a CSV case that gives a case column
// another value than its first row is refused, not dropped without a word;
// one that repeats it is fine, and the refused row refuses its case.
func TestCaseColumnsRepeat(t *testing.T) {
	const book = "case,account,owner,arr_at_risk,renewal_date,account_arr,reasons,date,event,lost\n" +
		"a-01,a,o,100,2027-03-31,100,budget-cut,2027-01-04,admin-hint,\n" +
		"a-01,a,o,100,2027-03-31,100,budget-cut,2027-01-10,decision-maker-considering,\n" + // repeats: fine
		"a-01,,,999,,,,2027-01-20,cancellation-decided,\n" // the ARR at risk changed: refused
	code, path, out, errOut := runBook(t, "book.csv", book, "-plays=false")
	assert.Equal(t, 1, code)
	lines(t, errOut, path+`:4: case "a-01": column "arr_at_risk": "999", but the case's first row (`+path+`:2) gives "100"; leave it empty or repeat it`)
	lines(t, out, "rows: 3 read, 0 used, 3 rejected")
}

// TestCSVCaseRefusedByForecast: a case whose moves are fine but whose
// expected loss the forecast refuses (100 decimal places times 0.6 has
// 101) is reported row by row, and the book goes on.
func TestCSVCaseRefusedByForecast(t *testing.T) {
	tiny := "0." + strings.Repeat("0", 99) + "1"
	book := "case,account,owner,arr_at_risk,renewal_date,account_arr,reasons,date,event\n" +
		"a-01,a,o," + tiny + ",2027-03-31,1,budget-cut,2027-01-04,admin-hint\n" +
		"a-01,,,,,,,2027-01-05,front-line-hint\n" +
		"b-01,b,o,200,2027-03-31,200,budget-cut,2027-01-04,admin-hint\n"
	code, path, out, errOut := runBook(t, "book.csv", book, "-plays=false")
	assert.Equal(t, 1, code)
	lines(t, errOut,
		path+`:2: churn: case "a-01": arr_at_risk: amount out of range: exponent -100 times weight 0.6 is exponent -101, outside ±100`,
		path+`:3: case "a-01" is refused with its row `+path+`:2`)
	lines(t, out,
		"  all open cases         1             200               120",
		"rows: 3 read, 1 used, 2 rejected")
}

// TestRenewalPerAccount: two open cases on one account's renewal put one
// renewal at risk: the account's ARR is its target once, and the two
// expected losses add up to its risk adjustment. A case that gives the
// account another ARR is refused.
func TestRenewalPerAccount(t *testing.T) {
	c := func(id, account, arr, renews, accountARR, event string) string {
		return `{"id":"` + id + `","account":"` + account + `","owner":"o","arr_at_risk":"` + arr + `","renewal_date":"` + renews +
			`","account_arr":"` + accountARR + `","reasons":[{"kind":"budget-cut","avoidable":false,"product_caused":false}],` +
			`"history":[{"date":"2027-01-04","event":"` + event + `"}]}`
	}
	book := "[" + strings.Join([]string{
		c("a-1", "a", "100", "2027-03-31", "400", "admin-hint"),                 // 100 x 0.6 = 60
		c("a-2", "a", "300", "2027-03-31", "400", "decision-maker-considering"), // 300 x 0.8 = 240
		c("a-3", "a", "50", "2027-03-31", "500", "admin-hint"),                  // another ARR: refused
		c("a-4", "a", "100", "2027-09-30", "400", "admin-hint"),                 // the next contract: 60
		c("b-1", "b", "200", "2027-03-31", "200", "cancellation-decided"),       // 200 x 0.95 = 190
	}, ",\n") + ",\n" +
		// A closed case puts no renewal at risk: its account ARR is its own.
		strings.Replace(c("a-5", "a", "50", "2027-03-31", "900", "admin-hint"), `"event":"admin-hint"}`,
			`"event":"admin-hint"},{"date":"2027-01-05","event":"saved"}`, 1) + "]"
	code, path, out, errOut := runBook(t, "book.json", book, "-plays=false")
	assert.Equal(t, 1, code)
	lines(t, errOut, path+`:3: element 2: churn: case "a-3": account_arr: 500, but case "a-1" gives account "a" renewing on 2027-03-31 an ARR of 400`)
	lines(t, out,
		// a on 03-31: 400 - (60 + 240) = 100; a on 09-30: 400 - 60 = 340;
		// b: 200 - 190 = 10. Targets 400 + 400 + 200 = 1,000; risk-adjusted
		// 100 + 340 + 10 = 450.
		"  renewals at risk 3, in the period 3: target 1,000, forecast 1,000, risk-adjusted 450",
		"rows: 6 read, 5 used, 1 rejected")
}

// TestReasonColumns: avoidable and product_caused flag reasons among the
// case's own, and other is the text of its "other" reason; a flag or a
// text for a reason the case does not give is refused, not dropped.
func TestReasonColumns(t *testing.T) {
	const book = "case,account,owner,arr_at_risk,renewal_date,account_arr,reasons,avoidable,product_caused,other,date,event\n" +
		"a-01,a,o,100,2027-03-31,100,budget-cut;product-gap,product-gap,product-gap,,2027-01-04,admin-hint\n" +
		"b-01,b,o,100,2027-03-31,100,budget-cut,competitor,,,2027-01-04,admin-hint\n" +
		"c-01,c,o,100,2027-03-31,100,budget-cut,,competitor,,2027-01-04,admin-hint\n" +
		"d-01,d,o,100,2027-03-31,100,budget-cut,,,moving in-house,2027-01-04,admin-hint\n"
	code, path, out, errOut := runBook(t, "book.csv", book, "-plays=false")
	assert.Equal(t, 1, code)
	lines(t, errOut,
		path+`:3: case "b-01": column "avoidable": competitor is not among the case's reasons`,
		path+`:4: case "c-01": column "product_caused": competitor is not among the case's reasons`,
		path+`:5: case "d-01": column "other": the text of an "other" reason, but reasons has none`)
	lines(t, out,
		// a-01's product gap was avoidable, its budget cut not.
		"    unavoidable     no data (0 closed)  1     0          0         0",
		"  product-gap       no data (0 closed)  1     0          0         0",
		"    avoidable       no data (0 closed)  1     0          0         0",
		"rows: 4 read, 1 used, 3 rejected")
}

// TestUsageSamples runs the sample JSON book and the sample CSV book that
// -h shows: each is the one case minato-01, in B with 3,000,000 at risk.
func TestUsageSamples(t *testing.T) {
	_, jsonPart, ok := strings.Cut(usage, "each with its history:\n\n")
	require.True(t, ok)
	jsonPart, _, _ = strings.Cut(jsonPart, "\n\n")
	_, csvPart, ok := strings.Cut(usage, "each row of it is reported:\n\n")
	require.True(t, ok)
	csvPart, _, _ = strings.Cut(csvPart, "\n\n")
	for name, text := range map[string]string{"sample.json": jsonPart, "sample.csv": csvPart} {
		code, _, out, errOut := runBook(t, name, text)
		require.Equal(t, 0, code, "%s: %s", name, errOut)
		lines(t, out,
			"minato-01 (minato, owner sato): phase b since 2027-01-10, ARR at risk 3,000,000, expected loss 2,400,000",
			// 3,000,000 x 0.8
			"  all open cases         1       3,000,000         2,400,000",
			"rows: "+map[string]string{"sample.json": "1 read, 1 used", "sample.csv": "2 read, 2 used"}[name]+", 0 rejected")
	}
}

// TestLongCase: a CSV case of more moves than a case holds is refused at
// the first move too many.
func TestLongCase(t *testing.T) {
	var b strings.Builder
	b.WriteString("case,account,owner,arr_at_risk,renewal_date,account_arr,reasons,date,event\n")
	b.WriteString("long,a,o,100,2027-03-31,100,budget-cut,2027-01-04,admin-hint\n")
	for range 100 { // moves 2 to 101, on lines 3 to 102
		b.WriteString("long,,,,,,,2027-01-04,front-line-hint\n")
	}
	code, path, out, errOut := runBook(t, "long.csv", b.String(), "-plays=false")
	assert.Equal(t, 1, code)
	lines(t, errOut, path+`:102: churn: case "long": history[100]: invalid case: move 101; a case has at most 100`)
	lines(t, out, "rows: 101 read, 0 used, 101 rejected")
}

// TestAmount: every amount is written one way, exactly, without the
// trailing zeros its arithmetic left, grouped by thousands.
func TestAmount(t *testing.T) {
	tests := []struct{ in, want string }{
		{"720000.0", "720,000"},        // 1,200,000 x 0.6
		{"570000.00", "570,000"},       // 600,000 x 0.95
		{"4710000.00", "4,710,000"},    // a total keeps the most places
		{"1234.50", "1,234.5"},         // a fraction that is money stays
		{"1000000.05", "1,000,000.05"}, // to the last cent
		{"-2500.000", "-2,500"},        // a sign stays in front
		{"0.00", "0"},                  // nothing is 0
		{"100", "100"},                 // no separator below a thousand
		{"123456789012345678901234", "123,456,789,012,345,678,901,234"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, amount(decimal.RequireFromString(tt.in)), tt.in)
	}
	assert.Equal(t, "20%", percent(decimal.RequireFromString("0.20")))
	assert.Equal(t, "25.5%", percent(decimal.RequireFromString("0.255")))
	dectest.Stable(t, func() []byte {
		return []byte(amount(decimal.RequireFromString("720000.0")) + " " + amount(decimal.New(125, -2)))
	})
}
