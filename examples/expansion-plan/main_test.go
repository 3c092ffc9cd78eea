package main

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cskit/cskit/expansion"
	"github.com/cskit/cskit/internal/bookio"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSample checks the report on the embedded sample against figures
// computed by hand.
func TestSample(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(nil, &out))
	got := out.String()
	for _, want := range []string{
		// Footprints a, b, d, f, g/chat: leads a (company room 200 − 12 =
		// 188, 91.7% used), d (company 50 − 3 = 47), f (group 300 − 10 =
		// 290), g (8 of 8 used); b has 12 − 10 = 2 seats of room, 30% used.
		"80.0% (4 of 5 footprints) have room",
		"1  f        chat     group       290   174,000  8/10 (80.0%)",                                                     // 290 × 600
		"2  a        chat     company     188   94,000   11/12 (91.7%)      near-limit  3            headroom, near-limit", // 188 × 500
		"3  d        chat     company     47    47,000",                                                                    // 47 × 1000
		"4  g        chat     department  0     0        8/8 (100.0%)       near-limit",
		"utilisation 74.4% (32 active of 43 paid seats): 1 under-used, 2 healthy, 2 near the limit", // 11 + 3 + 2 + 8 + 8 of 12 + 10 + 3 + 10 + 8
		// department: a 20 − 12 = 8 × 500, b 2 × 500, f 0, g 0
		"room by rung: department 10 seats (5,000), company 235 seats (141,000), group 290 seats (174,000)",
		"CSQLs: 8 (leads from the product, MQLs, counted apart: 1)",
		"acceptance 57.1% (4 accepted of 7 judged)",
		"rejected leads to review: 2 (1 reviewed)",
		"2026-06-02 L2 a2 (sato): no budget",
		"cross-sell toss-ups credited to CS: 2 (1 accepted, 1 won by the other teams)",
		"orders: 3 won (280,000), 1 lost", // 30000 + 50000 + 200000
		"sato    smb         3      2         1         30,000",
		"suzuki  enterprise  3      1         1         200,000",
		// start 5000 + 6500 + 4000 + 5000 + 6000; end 6000 + 5000 + 3000 + 1000 + 6000 + 6000
		"start           26,500  paying accounts: 5",
		"+ new            3,000  accounts: 1",                         // d 3 × 1000
		"+ reactivation   1,000  accounts: 1",                         // e 2 × 500, paid before
		"+ expansion      1,000  accounts: 1",                         // a 12 × 500 − 10 × 500
		"+ price rise     1,000  accounts: 1 (uniform, without CS)",   // f 10 × 600 − 10 × 500, all of it the rise
		"- contraction    1,500  accounts: 1",                         // b dropped attend: 5 × 300
		"- churn          4,000  lost logos: 1",                       // c 4 × 1000
		"end             27,000  paying accounts: 6",                  // 26500 + 3000 + 1000 + 1000 + 1000 − 1500 − 4000
		"NRR 86.8% (23,000 / 26,500): start + expansion + price rise", // 26500 + 1000 + 1000 − 1500 − 4000 = 23000
		"NRR without price rises 83.0% (22,000 / 26,500)",             // 23000 − 1000
		"GRR 79.2% (21,000 / 26,500): start - contraction - churn",    // 26500 − 1500 − 4000
		"logo churn 20.0% (1 lost of 5 paying at the start)",
		"rows: 23 read, 23 used, 0 rejected",
	} {
		assert.Contains(t, squash(got), squash(want))
	}
}

// TestDirtyInput checks that a BOM, blank lines, spaces around a number,
// "-0" and an exponent are read as a person would, or refused, and that
// every amount is printed one way: exact, no trailing zeros in the
// fraction, grouped by thousands.
func TestDirtyInput(t *testing.T) {
	dir := t.TempDir()
	start := write(t, dir, "start.csv", "\xef\xbb\xbfaccount,product,seats,unit_price\n\na,chat,10,500.00\n\nb,chat, 12 , 100.50 \nc,chat,10,1e5\nd,chat,10,-0\n")
	end := write(t, dir, "end.csv", "account,product,seats,unit_price\na,chat,10,1500.0\nb,chat,12,100.5\nd,chat,10,0\n")
	var out bytes.Buffer
	err := run([]string{"-start", start, "-end", end}, &out)
	require.ErrorIs(t, err, bookio.ErrRejected)
	got := out.String()
	for _, want := range []string{
		`start.csv:6: column "unit_price": want a plain decimal number, not "1e5"`, // the blank lines count
		"start           6,206  paying accounts: 2",                                // 10 × 500.00 + 12 × 100.50 = 5000 + 1206; d pays 0
		"+ expansion    10,000  accounts: 1",                                       // a 10 × 1500.0 − 5000
		"end            16,206  paying accounts: 2",                                // 15000 + 1206
		"NRR 261.1% (16,206 / 6,206)",                                              // 16206 / 6206 = 2.6113
		"rows: 7 read, 6 used, 1 rejected",
	} {
		assert.Contains(t, squash(got), squash(want))
	}
}

// TestHugeField checks that a 1 MB field is refused with its column named
// and a short quote of it, not echoed whole.
func TestHugeField(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("9", 1<<20)
	start := write(t, dir, "start.csv", "account,product,seats,unit_price\n"+big+",chat,1,5\na,chat,"+big+",5\nb,chat,1,"+big+"\nc,chat,1,5\n")
	end := write(t, dir, "end.csv", "account,product,seats,unit_price\nc,chat,2,5\n")
	var out bytes.Buffer
	err := run([]string{"-start", start, "-end", end}, &out)
	require.ErrorIs(t, err, bookio.ErrRejected)
	lines := strings.Split(out.String(), "\n")
	for _, l := range lines[:3] {
		assert.Less(t, len(l), 400, "a refused row's report stays short")
		assert.Contains(t, l, "(1048576 bytes)")
	}
	assert.Contains(t, lines[0], "id: value too large")
	assert.Contains(t, lines[1], `column "seats"`)
	assert.Contains(t, lines[2], `column "unit_price"`)
	assert.Contains(t, out.String(), "rows: 5 read, 2 used, 3 rejected")
}

func TestAmount(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"0", "0"},
		{"0.00", "0"},
		{"500.50", "500.5"},
		{"1234567.00", "1,234,567"},
		{"-1234.5", "-1,234.5"},
		{"100", "100"},
		{"0.001", "0.001"},
		{"123456789012345678901234.5", "123,456,789,012,345,678,901,234.5"},
	} {
		assert.Equal(t, c.want, amount(decimal.RequireFromString(c.in)), c.in)
	}
	// Seat counts print through the same formatter: 1960 seats is "1,960".
	assert.Equal(t, "1,960", amount(decimal.NewFromInt(1960)))
}

// squash replaces every run of spaces with one, so that a check reads a
// line's words and figures, not the columns' widths.
func squash(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' }), " ")
}

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(text), 0o600))
	return p
}

// TestBadRows checks that each bad row is reported with its file, line and
// field, that the rest is used, and that run fails with ErrRejected.
func TestBadRows(t *testing.T) {
	dir := t.TempDir()
	start := write(t, dir, "start.csv", `account,product,seats,unit_price
a,chat,10,500
b,chat,-2,500
c,chat,4,1000
b,chat,1,500
c,chat,5,1000
`)
	end := write(t, dir, "end.csv", `account,product,seats,unit_price,active,scope,department
a,chat,12,500,12,department,10
a,attend,2,abc,,,
c,chat,4,1000,4,department,40
`)
	leads := write(t, dir, "leads.csv", `id,account,csm,segment,kind,source,created,verdict
L1,a,sato,smb,seats,seminar-survey,2026-06-01,accepted
L1,a,sato,smb,seats,seminar-survey,2026-06-01,accepted
L2,a,sato,smb,more,seminar-survey,2026-06-01,
L3,a,sato,smb,seats,seminar-survey,2028-01-01,
`)
	var out bytes.Buffer
	err := run([]string{"-start", start, "-end", end, "-leads", leads}, &out)
	require.ErrorIs(t, err, bookio.ErrRejected)
	got := out.String()
	for _, want := range []string{
		"start.csv:3: expansion: account \"b\": seats: negative value: -2", // the column, not lines[0].seats
		"start.csv:5: account \"b\": expansion: snapshot not sorted by account: after \"c\"",
		"start.csv:6: account \"c\": product \"chat\": expansion: listed twice",
		"end.csv:2: expansion: footprint \"a/chat\": department: paid and free users above the population: 12 paid + 0 free > 10",
		"end.csv:3: column \"unit_price\"",
		"leads.csv:3: lead \"L1\": expansion: listed twice",
		"leads.csv:4: column \"kind\": expansion: unknown kind \"more\"",
		"leads.csv:5: expansion: lead \"L3\": created: dated after the as-of date",
		// a is gone from the end (its rows were refused): churn 10 × 500;
		// c stays at 4 × 1000.
		"- churn          5,000  lost logos: 1",
		"rows: 12 read, 4 used, 8 rejected",
	} {
		assert.Contains(t, squash(got), squash(want))
	}
	assert.Equal(t, 1, bookio.ExitCode(&bytes.Buffer{}, program, err))
}

// TestHeadroomColumns checks that only the end snapshot's headroom is
// read: a population the starting snapshot got wrong does not cost its
// revenue line, and an end row with populations but no scope is refused
// rather than left out of the headroom unsaid.
func TestHeadroomColumns(t *testing.T) {
	dir := t.TempDir()
	start := write(t, dir, "start.csv", `account,product,seats,unit_price,active,scope,department
a,chat,10,500,5,department,5
b,chat,10,500,,,
`)
	end := write(t, dir, "end.csv", `account,product,seats,unit_price,active,free,scope,department,company
a,chat,10,500,5,,,50,
b,chat,10,500,,3,company,,400
`)
	var out bytes.Buffer
	err := run([]string{"-start", start, "-end", end}, &out)
	require.ErrorIs(t, err, bookio.ErrRejected)
	got := out.String()
	assert.NotContains(t, got, "start.csv")
	assert.Contains(t, got, `end.csv:2: account "a": scope: expansion: missing value`)
	// a's end row is refused: a churns its 10 × 500; b stays at 5000.
	assert.Contains(t, got, "- churn")
	assert.Contains(t, squash(got), squash("start   10,000  paying accounts: 2"))
	assert.Contains(t, got, "rows: 4 read, 3 used, 1 rejected")
}

// TestChurnedHasNoHeadroom checks that a product or an account that has
// churned is not ranked as an expansion opportunity: its seats are no
// longer paid for.
func TestChurnedHasNoHeadroom(t *testing.T) {
	dir := t.TempDir()
	start := write(t, dir, "start.csv", "account,product,seats,unit_price\na,chat,10,500\nb,chat,10,500\nc,chat,10,500\n")
	end := write(t, dir, "end.csv", `account,product,seats,unit_price,churned,account_churned,active,scope,department
a,chat,10,500,true,,2,department,100
b,chat,10,500,,true,2,department,100
c,chat,10,500,,,9,department,100
`)
	var out bytes.Buffer
	require.NoError(t, run([]string{"-start", start, "-end", end}, &out))
	got := squash(out.String())
	assert.Contains(t, got, "100.0% (1 of 1 footprints) have room") // c only
	assert.Contains(t, got, "1 c chat department 90 45,000")        // (100 − 10) × 500
	assert.NotContains(t, got, " a chat ")
	assert.Contains(t, got, "- churn 10,000 lost logos: 2") // a and b: 2 × 10 × 500
}

func TestJSONBooks(t *testing.T) {
	dir := t.TempDir()
	start := write(t, dir, "start.json", `[{"account":"a","product":"chat","seats":10,"unit_price":"500"}]`)
	end := write(t, dir, "end.json", `[
 {"account":"a","product":"chat","seats":12,"unit_price":"500","active":12,"scope":"company","company":40},
 {"account":"b","product":"chat","seats":1,"unit_price":"500","colour":"red"}
]`)
	leads := write(t, dir, "leads.json", `[{"id":"L1","account":"a","csm":"sato","segment":"smb","kind":"seats","source":"headroom","created":"2026-06-01"}]`)
	var out bytes.Buffer
	err := run([]string{"-start", start, "-end", end, "-leads", leads, "-top", "1"}, &out)
	require.ErrorIs(t, err, bookio.ErrRejected)
	got := out.String()
	assert.Contains(t, got, `end.json:3: json: unknown field "colour"`)
	assert.Contains(t, squash(got), squash("1  a        chat     company  28    14,000")) // (40 − 12) × 500
	assert.Contains(t, squash(got), squash("+ expansion      1,000"))                     // 2 × 500
	assert.Contains(t, got, "CSQLs: 1")
	assert.Contains(t, got, "rows: 4 read, 3 used, 1 rejected")
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{"-start", "x.csv"},
		{"-leads", "l.csv"},
		{"-from", "2026-13-01"},
		{"-from", "2027-04-01", "-to", "2027-04-01"},
		{"-top", "-1"},
		{"-top", "5000"},
		{"stray"},
		{"-nope"},
	} {
		var out bytes.Buffer
		err := run(args, &out)
		require.ErrorIs(t, err, bookio.ErrUsage, "%v", args)
		assert.Equal(t, 2, bookio.ExitCode(&bytes.Buffer{}, program, err))
	}
	var out bytes.Buffer
	err := run([]string{"-h"}, &out)
	assert.True(t, errors.Is(err, flag.ErrHelp))
	assert.Equal(t, 0, bookio.ExitCode(&bytes.Buffer{}, program, err))
	assert.Contains(t, out.String(), "acme,chat,40,500,,,,,,38,5,department,50,400,2000", "-h shows a sample line")
	assert.True(t, strings.Contains(out.String(), "-policy file"))

	dir := t.TempDir()
	pol := write(t, dir, "policy.json", `{"product_loss":"churn","netting":"product"}`)
	out.Reset()
	require.NoError(t, run([]string{"-policy", pol}, &out))
	assert.Contains(t, out.String(), "a dropped product is churn; netted per product")
	assert.Contains(t, squash(out.String()), squash("- churn          5,500")) // 4000 + b's attend 1500
	bad := write(t, dir, "bad.json", `{"netting":"sideways"}`)
	err = run([]string{"-policy", bad}, &out)
	assert.ErrorIs(t, err, expansion.ErrInvalidPolicy)
	assert.Equal(t, 2, bookio.ExitCode(&bytes.Buffer{}, program, err), "a -policy file that does not decode is a usage error")
	err = run([]string{"-start", filepath.Join(dir, "none.csv"), "-end", filepath.Join(dir, "none.csv")}, &out)
	assert.Error(t, err)
	assert.Equal(t, 1, bookio.ExitCode(&bytes.Buffer{}, program, err))
}
