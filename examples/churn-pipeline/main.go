// Command churn-pipeline runs a customer-success team's churn-risk pipeline
// over a book of cases: it walks each case through its phases, prints the
// plays due (and withheld) for the open ones, the negative forecast, the
// save rates, and the renewal forecast adjusted for the risk.
//
// Usage:
//
//	churn-pipeline [-asof 2027-01-31] [-policy policy.json] [-plays=false] [book.json|book.csv ...]
//
// With no file it runs over an embedded sample book as of 2027-01-31, so
// the output is reproducible. It reads its files one row at a time: memory
// stays flat as a book grows, but for a set of hashed case IDs that finds
// a case given twice (a few tens of bytes a case: 17 MB at most for
// 200,000 cases) and one entry per renewal an open case puts at risk,
// for the renewal forecast. Each bad row is printed with its file, line
// (and, in a JSON book, its element's index), case and field, and skipped;
// the rest is processed. The program ends with
// the rows read, used and rejected, and exits 1 if any row was rejected, 2
// on a usage error.
package main

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cskit/cskit/churn"
	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/bookio"
	"github.com/cskit/cskit/internal/fault"
	"github.com/shopspring/decimal"
)

const program = "churn-pipeline"

//go:embed sample.json
var sample []byte

// sampleAsOf is the day the sample book is read at.
const sampleAsOf = "2027-01-31"

const usage = `Usage: churn-pipeline [flags] [book.json|book.csv ...]

Walks each case of the books through its phases A, B, C to saved or
churned, and prints the plays due for the open cases, the negative forecast
(ARR at risk x phase weight), the save rates and the renewal forecast of
the renewals at risk: one per account and renewal date, its target the
account's ARR (which its open cases must agree on), its risk adjustment
their expected losses. With no book it runs over an embedded sample as of
` + sampleAsOf + `.

A JSON book is an array of cases, each with its history:

  [{"id":"minato-01","account":"minato","owner":"sato","arr_at_risk":"3000000",
    "renewal_date":"2027-04-30","tier":1,"account_arr":"3000000",
    "reasons":[{"kind":"budget-cut","avoidable":false,"product_caused":false}],
    "history":[{"date":"2026-12-01","event":"admin-hint","by":"Tanaka"},
               {"date":"2027-01-10","event":"decision-maker-considering"}]}]

A CSV book has one row per move, the rows of a case together and in date
order; the case's columns are read from its first row, and a later row
leaves them empty or repeats them. A case is used whole or not at all: a
bad row refuses its case, and each row of it is reported:

  case,account,owner,arr_at_risk,renewal_date,tier,account_arr,reasons,avoidable,product_caused,other,date,event,by,note,lost,downgrade
  minato-01,minato,sato,3000000,2027-04-30,1,3000000,budget-cut,,,,2026-12-01,admin-hint,Tanaka,,,
  minato-01,,,,,,,,,,,2027-01-10,decision-maker-considering,CFO,,,

reasons lists the case's reason kinds separated by ";", and avoidable and
product_caused the ones among them that were; other is the text of an
"other" reason; lost (the ARR lost) and downgrade (true/false) go on a
churned row. A case holds at most 100 moves.

Events: front-line-hint, admin-hint, decision-maker-considering,
cancellation-decided, saved, churned. Reasons: value-unexplained,
budget-cut, contact-change, onboarding-incomplete, product-gap, competitor,
acquired, business-closed, other.

Flags:
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the program; it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	return bookio.ExitCode(stderr, program, runPipeline(args, stdout, stderr))
}

func runPipeline(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet(program, flag.ContinueOnError)
	fs.SetOutput(stderr)
	asOfText := fs.String("asof", "", "the `date` the books are read at, YYYY-MM-DD (default "+sampleAsOf+" for the sample, today for your books)")
	policyPath := fs.String("policy", "", "a policy `file` (JSON: weights, key_tier, key_arr, plays, benchmark); default the library's")
	showPlays := fs.Bool("plays", true, "print the plays due for each open case")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	files, err := bookio.ParseArgs(fs, args, 100)
	if err != nil {
		return err
	}
	asOf, err := asOfDate(*asOfText, len(files) == 0)
	if err != nil {
		return err
	}
	var policy churn.Policy
	if *policyPath != "" {
		b, err := os.ReadFile(*policyPath)
		if err != nil {
			return fmt.Errorf("%w: -policy: %w", bookio.ErrUsage, err)
		}
		if err := json.Unmarshal(b, &policy); err != nil {
			return fmt.Errorf("%w: -policy %s: %w", bookio.ErrUsage, *policyPath, err)
		}
	}

	p, err := newPipeline(policy, asOf, stdout, stderr, *showPlays)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Churn pipeline as of %s\n", asOf)
	if len(files) == 0 {
		if err := p.read("sample.json", strings.NewReader(string(sample))); err != nil {
			return err
		}
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		err = p.read(name, f)
		f.Close()
		if err != nil {
			return err
		}
	}
	return p.finish()
}

// asOfDate parses -asof; empty is the sample's day, or today for the
// user's books.
func asOfDate(s string, sample bool) (date.Date, error) {
	switch {
	case s != "":
		d, err := date.Parse(s)
		if err != nil {
			return date.Date{}, fmt.Errorf("%w: -asof: %w", bookio.ErrUsage, err)
		}
		return d, nil
	case sample:
		return date.Parse(sampleAsOf)
	}
	return date.Of(time.Now()), nil
}

// caseColumns are the columns of a CSV book read from a case's first row.
var caseColumns = []string{"account", "owner", "arr_at_risk", "renewal_date", "tier", "account_arr", "reasons",
	"avoidable", "product_caused", "other"}

// columns are the CSV book's columns: the case's ID, its columns, and
// those of a move.
var columns = bookio.Columns{
	Known:    slices.Concat([]string{"case"}, caseColumns, []string{"date", "event", "by", "note", "lost", "downgrade"}),
	Required: []string{"case", "account", "owner", "arr_at_risk", "renewal_date", "account_arr", "reasons", "date", "event"},
}

// pipeline is the state of one run: the case being walked, the
// accumulators, and the report of rows.
type pipeline struct {
	policy churn.Policy
	asOf   date.Date
	out    io.Writer
	plays  bool

	report   bookio.Report
	ids      bookio.IDs
	forecast *churn.ForecastAcc
	kpis     *churn.KPIAcc
	renewals *renewalFeed

	cur *csvCase // the CSV case being walked; nil between cases
}

// csvCase is a case of a CSV book being walked, one row (one move) at a
// time. It is used whole or not at all: a refused row refuses its case, so
// the totals never count a case without one of its moves (a case whose
// churn was refused would stay open in the forecast).
type csvCase struct {
	c     churn.Case
	plays []churn.PlayDue // the plays its current phase triggered
	first bookio.Loc      // its first row
	cols  []string        // the case columns of its first row, as caseColumns
	rows  []bookio.Loc    // its rows taken so far, used when the case is
	bad   error           // why the case was refused, if it was
}

func newPipeline(policy churn.Policy, asOf date.Date, out, errOut io.Writer, plays bool) (*pipeline, error) {
	// The program finds a case given twice with its own compact ID set,
	// so the accumulators keep none.
	policy.SkipDuplicateCheck = true
	fc, err := churn.NewForecastAcc(policy, asOf)
	if err != nil {
		return nil, fmt.Errorf("%w: -policy: %w", bookio.ErrUsage, err)
	}
	kpis, err := churn.NewKPIAcc(policy, asOf)
	if err != nil {
		return nil, err
	}
	renewals, err := newRenewalFeed(asOf)
	if err != nil {
		return nil, err
	}
	return &pipeline{
		policy: policy, asOf: asOf, out: out, plays: plays,
		report: bookio.Report{Out: errOut}, forecast: fc, kpis: kpis,
		renewals: renewals,
	}, nil
}

// read walks the cases of one book.
func (p *pipeline) read(name string, r io.Reader) error {
	rd, err := bookio.Open(name, skipBOM(r), columns)
	if err != nil {
		return err
	}
	for rd.Next() {
		row := rd.Row()
		if row.JSON() != nil {
			p.jsonCase(row)
		} else if err := p.csvMove(row); err != nil {
			return err
		}
	}
	if err := p.endCase(); err != nil {
		return err
	}
	return rd.Err()
}

// skipBOM returns r without the UTF-8 byte-order mark an editor may have
// written at its start. bookio skips it in a CSV book but not in a JSON
// one, where encoding/json refuses it.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
	return br
}

// jsonCase takes one case of a JSON book, with its history.
func (p *pipeline) jsonCase(row *bookio.Row) {
	if err := p.takeJSON(row); err != nil {
		p.report.Reject(row.Loc, fmt.Errorf("element %d: %w", row.Loc.Index, err))
		return
	}
	p.report.Use()
}

// takeJSON decodes, walks and counts one case of a JSON book.
func (p *pipeline) takeJSON(row *bookio.Row) error {
	var c churn.Case
	if err := json.Unmarshal(row.JSON(), &c); err != nil {
		return err
	}
	if !p.ids.Add(c.ID) {
		return duplicate(c.ID, false)
	}
	// Replay the history move by move to learn the plays of the phase the
	// case is in. It was validated when decoded, so no move fails.
	walked := c
	walked.History = nil
	var plays []churn.PlayDue
	for _, t := range c.History {
		next, ps, err := p.policy.Move(walked, t)
		if err != nil {
			return err
		}
		if next.Phase() != walked.Phase() {
			plays = ps
		}
		walked = next
	}
	return p.count(walked, plays)
}

// duplicate is the error of a case given twice; in a CSV book, the rows
// of a case must be together.
func duplicate(id string, csv bool) error {
	hint := ""
	if csv {
		hint = " (a case's rows must be together)"
	}
	return fmt.Errorf("%w: case %s is given twice%s", churn.ErrDuplicateCase, fault.Quote(id), hint)
}

// csvMove takes one move of a CSV book. A bad row is reported and refuses
// its case; the error returned is a failure of the program itself.
func (p *pipeline) csvMove(row *bookio.Row) error {
	id := row.Text("case")
	if p.cur == nil || id != p.cur.c.ID {
		if err := p.endCase(); err != nil {
			return err
		}
		if err := p.startCase(row, id); err != nil {
			p.refuse(row.Loc, err)
			return nil
		}
	} else if p.cur.bad != nil {
		p.report.Reject(row.Loc, p.cur.bad)
		return nil
	} else if err := p.cur.sameCase(row); err != nil {
		p.refuse(row.Loc, inCase(id, err))
		return nil
	}
	k := p.cur
	t, err := readTransition(row)
	if err != nil {
		p.refuse(row.Loc, inCase(id, err))
		return nil
	}
	if t.Date.After(p.asOf) {
		p.refuse(row.Loc, &churn.FieldError{ID: id, Field: "history[" + strconv.Itoa(len(k.c.History)) + "].date",
			Err: fmt.Errorf("%w: %s, as of %s", churn.ErrAfterAsOf, t.Date, p.asOf)})
		return nil
	}
	next, plays, err := p.policy.Move(k.c, t)
	if err != nil {
		p.refuse(row.Loc, err)
		return nil
	}
	if next.Phase() != k.c.Phase() {
		k.plays = plays
	}
	k.c = next
	k.rows = append(k.rows, row.Loc)
	return nil
}

// refuse reports the row at loc with err and refuses the case being
// walked: the rows of it taken so far are reported too, and so are the
// rows of it still to come.
func (p *pipeline) refuse(loc bookio.Loc, err error) {
	k := p.cur
	p.report.Reject(loc, err)
	k.bad = fmt.Errorf("case %s is refused with its row %s", fault.Quote(k.c.ID), loc)
	for _, l := range k.rows {
		p.report.Reject(l, k.bad)
	}
	k.rows = nil
}

// sameCase returns an error if a later row of the case gives a case column
// other than its first row did: the columns are read from the first row,
// so another value would be dropped without a word.
func (k *csvCase) sameCase(row *bookio.Row) error {
	for i, col := range caseColumns {
		if v := row.Text(col); v != "" && v != k.cols[i] {
			return &bookio.ColumnError{Column: col, Err: fmt.Errorf("%s, but the case's first row (%s) gives %s; leave it empty or repeat it",
				fault.Quote(v), k.first, fault.Quote(k.cols[i]))}
		}
	}
	return nil
}

// startCase starts walking the case of its first row, and returns an error
// if the row's case columns refuse it.
func (p *pipeline) startCase(row *bookio.Row, id string) error {
	k := &csvCase{first: row.Loc}
	for _, col := range caseColumns {
		k.cols = append(k.cols, row.Text(col))
	}
	p.cur = k
	var err error
	k.c, err = readCase(row, id)
	switch {
	case err != nil:
		return inCase(id, err)
	case id == "":
		return errors.New(`column "case": no case ID`)
	case !p.ids.Add(id):
		return duplicate(id, true)
	}
	return nil
}

// inCase names the case of a CSV row's error about its cells.
func inCase(id string, err error) error {
	if id == "" {
		return err
	}
	return fmt.Errorf("case %s: %w", fault.Quote(id), err)
}

// endCase counts the CSV case walked, if any, and its rows as used, unless
// it was refused. The forecast may still refuse a case its moves did not
// (an expected loss out of range): then its first row is reported with
// the error, and the others with it.
func (p *pipeline) endCase() error {
	k := p.cur
	if k == nil || k.bad != nil {
		p.cur = nil
		return nil
	}
	if err := p.count(k.c, k.plays); err != nil {
		first := k.rows[0]
		k.rows = k.rows[1:]
		p.refuse(first, err)
	} else {
		for range k.rows {
			p.report.Use()
		}
	}
	p.cur = nil
	return nil
}

// count adds a walked case to the forecast and the KPIs, prints its plays
// and hands its expected loss to the renewal forecast.
func (p *pipeline) count(c churn.Case, plays []churn.PlayDue) error {
	open := c.Phase().Open()
	if open {
		if err := p.renewals.check(&c); err != nil {
			return err
		}
	}
	if err := p.forecast.Add(c); err != nil {
		return err
	}
	if err := p.kpis.Add(c); err != nil {
		return err // the same checks as the forecast's: never here
	}
	if !open {
		return nil
	}
	loss, err := p.policy.ExpectedLoss(c)
	if err != nil {
		return err
	}
	if p.plays {
		printPlays(p.out, c, loss, plays)
	}
	p.renewals.add(&c, loss)
	return nil
}

// finish prints the results and the report of rows.
func (p *pipeline) finish() error {
	printForecast(p.out, p.forecast.Result())
	printKPIs(p.out, p.kpis.Result())
	rf, err := p.renewals.forecast()
	if err != nil {
		return err
	}
	printRenewals(p.out, p.renewals, rf)
	fmt.Fprintln(p.out, p.report.Summary())
	return p.report.Err()
}

// readCase reads the case columns of a CSV row.
func readCase(row *bookio.Row, id string) (churn.Case, error) {
	c := churn.Case{
		ID: id, Account: row.Text("account"), Owner: row.Text("owner"),
		ARRAtRisk: row.Decimal("arr_at_risk"), RenewalDate: row.Date("renewal_date"),
		Tier: row.Int("tier"), AccountARR: row.Decimal("account_arr"),
	}
	errs := []error{row.Err()}
	kinds, err := kindList(row, "reasons")
	errs = append(errs, err)
	avoidable, err := kindList(row, "avoidable")
	errs = append(errs, err)
	product, err := kindList(row, "product_caused")
	errs = append(errs, err)
	for _, k := range kinds {
		r := churn.Reason{Kind: k, Avoidable: slices.Contains(avoidable, k), ProductCaused: slices.Contains(product, k)}
		if k == churn.ReasonOther {
			r.Text = row.Text("other")
		}
		c.Reasons = append(c.Reasons, r)
	}
	// A flag or a text for a reason the case does not give would be
	// dropped without a word.
	errs = append(errs, notGiven("avoidable", avoidable, kinds), notGiven("product_caused", product, kinds))
	if row.Text("other") != "" && !slices.Contains(kinds, churn.ReasonOther) {
		errs = append(errs, &bookio.ColumnError{Column: "other", Err: errors.New(`the text of an "other" reason, but reasons has none`)})
	}
	return c, errors.Join(errs...)
}

// notGiven returns an error naming column col if it lists a reason kind
// that is not among the case's reasons.
func notGiven(col string, listed, reasons []churn.ReasonKind) error {
	for _, k := range listed {
		if !slices.Contains(reasons, k) {
			return &bookio.ColumnError{Column: col, Err: fmt.Errorf("%s is not among the case's reasons", k)}
		}
	}
	return nil
}

// kindList reads a column of reason kinds separated by ";".
func kindList(row *bookio.Row, col string) ([]churn.ReasonKind, error) {
	var out []churn.ReasonKind
	for _, s := range strings.Split(row.Text(col), ";") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		var k churn.ReasonKind
		if err := k.UnmarshalText([]byte(s)); err != nil {
			return nil, &bookio.ColumnError{Column: col, Err: err}
		}
		out = append(out, k)
	}
	return out, nil
}

// readTransition reads the move columns of a CSV row.
func readTransition(row *bookio.Row) (churn.Transition, error) {
	t := churn.Transition{
		Date: row.Date("date"), By: row.Text("by"), Note: row.Text("note"),
		Lost: row.Decimal("lost"), Downgrade: row.Bool("downgrade"),
	}
	errs := []error{row.Err()}
	if err := t.Event.UnmarshalText([]byte(row.Text("event"))); err != nil {
		errs = append(errs, &bookio.ColumnError{Column: "event", Err: err})
	}
	if t.Lost.IsZero() {
		t.Lost = decimal.Decimal{}
	}
	return t, errors.Join(errs...)
}
