// Command roi-calculator derives each customer's ROI from a book of cases
// (scenario → contribution metric → logic → money, as low / base / high
// ranges), prints the step-by-step explanation a CSM can paste into a
// renewal deck, and ends with the ROI of the whole book.
//
// Usage:
//
//	roi-calculator [-currency JPY] [-cuts 0,1,3] [cases.json|cases.csv ...]
//
// Without a file it runs over an embedded sample of three customers. A
// .json file is an array of cases in the roi package's JSON form; a .csv
// file has a row per scenario, the rows of one account one after another,
// with the JSON form's names as columns (-h shows both with a sample).
// The ROI is rounded down to 0.01% and the payback up to 0.1 month, and
// computed amounts are written rounded down to two decimal places, so that
// no figure, which may be published, claims more than the exact one.
//
// Files are read one row at a time: memory holds one case and a 64-bit
// hash of each account seen (to find one given twice), not the book.
// Each rejected row is reported with its file, line and field, and every
// row of a case with a bad row is rejected with it, since the case without
// that scenario would understate or misstate its ROI; the rest are
// processed. The program ends with the rows read, used and rejected, and
// exits 1 when rows were rejected, 2 on a usage error.
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cskit/cskit/internal/bookio"
	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/money"
	"github.com/cskit/cskit/roi"
)

//go:embed sample.json
var sample []byte

const program = "roi-calculator"

func main() {
	os.Exit(bookio.ExitCode(os.Stderr, program, run(os.Args[1:], os.Stdout)))
}

// usage documents the input formats, with a sample of each.
const usage = `Usage: roi-calculator [flags] [cases.json|cases.csv ...]

Derives each customer's ROI (low / base / high) from its success scenarios
and prints the calculation step by step, then the ROI of the whole book.
Without a file it runs over an embedded sample. The ROI is rounded down to
0.01% and the payback up to 0.1 month, computed amounts down to 0.01, so
that no printed figure claims more than the exact one.

A .csv file has a row per scenario, its columns named as in the JSON form
below (scenario is the scenario's name; metric, unit and value are its
metric's). The rows of one account follow each other, and its later rows
may leave annual_cost and currency empty. An estimate is one number or
low/base/high; rates are within [0, 1]. Each logic kind fills its own
inputs and leaves the others empty:
  revenue: meeting_rate, opportunity_rate, win_rate, deal_size
  reuse:   share_reused, cost_to_make
  hours:   hourly_cost
Only the columns of the kinds a book uses are needed:
  account,currency,annual_cost,scenario,metric,unit,value,kind,meeting_rate,opportunity_rate,win_rate,deal_size,share_reused,cost_to_make
  acme,JPY,12000000,visualise the network,offline leads,leads,4000,revenue,0.10/0.15/0.20,0.3/0.4/0.5,0.2/0.25/0.3,1000000/1200000/1500000,,
  acme,,,share the network,contacts stored,contacts,20000,reuse,,,,,0.05/0.1/0.15,5000/10000/20000

A .json file is an array of cases, one per customer:
  [{"account": "acme", "currency": "JPY", "annual_cost": "12000000",
    "scenarios": [{"name": "visualise the network",
      "metric": {"name": "offline leads", "unit": "leads", "value": "4000"},
      "logic": {"kind": "revenue", "meeting_rate": {"low": "0.1", "base": "0.15", "high": "0.2"},
                "opportunity_rate": "0.4", "win_rate": "0.25", "deal_size": "1200000"}}]}]

An account given twice, a case in another currency than the book's, and
every row of a case with a bad row are rejected. Exit status: 0, 1 when
rows were rejected, 2 on a usage error.

Flags:
`

// inputColumns are the logics' inputs, named as in the JSON form.
var inputColumns = []string{"meeting_rate", "opportunity_rate", "win_rate", "deal_size", "share_reused", "cost_to_make", "hourly_cost"}

// caseColumns are the columns of a CSV book of cases: a row per scenario.
var caseColumns = bookio.Columns{
	Known:    append([]string{"account", "currency", "annual_cost", "scenario", "metric", "unit", "value", "kind"}, inputColumns...),
	Required: []string{"account", "annual_cost", "scenario", "metric", "value", "kind"},
}

// run is the program; its error decides the exit code.
func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet(program, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	currency := fs.String("currency", "", "the book's currency `label` (default: the first case's)")
	cuts := fs.String("cuts", "0,1,3", "ROI band `boundaries`, ascending, as ratios (1 is 100%)")
	files, err := bookio.ParseArgs(fs, args, 1<<20)
	if err != nil {
		return err
	}
	cfg, err := parseCuts(*cuts)
	if err != nil {
		return fmt.Errorf("%w: -cuts: %w", bookio.ErrUsage, err)
	}
	p, err := roi.NewPortfolio(cfg)
	if err != nil {
		return fmt.Errorf("%w: -cuts: %w", bookio.ErrUsage, err)
	}
	c := calculator{out: out, book: p, currency: *currency, report: bookio.Report{Out: out}}
	if len(files) == 0 {
		rd, err := bookio.NewJSON("sample.json", bytes.NewReader(sample))
		if err != nil {
			return err
		}
		if err := c.read(rd); err != nil {
			return err
		}
	}
	for _, name := range files {
		if err := c.readFile(name); err != nil {
			return err
		}
	}
	fmt.Fprint(out, p.Result().Explain(c.currency))
	fmt.Fprintln(out, c.report.Summary())
	return c.report.Err()
}

// parseCuts reads "0,1,3".
func parseCuts(s string) (roi.PortfolioConfig, error) {
	var cfg roi.PortfolioConfig
	for _, f := range strings.Split(s, ",") {
		d, err := money.Parse(strings.TrimSpace(f))
		if err != nil {
			return cfg, err
		}
		cfg.Cuts = append(cfg.Cuts, d)
	}
	return cfg, nil
}

// calculator holds what the program keeps across rows: the book's
// accumulator, its currency, the accounts seen, the report and the case a
// CSV book is in the middle of.
type calculator struct {
	out      io.Writer
	book     *roi.Portfolio
	currency string
	accounts bookio.IDs
	report   bookio.Report
	open     *openCase
}

// openCase is the case whose rows a CSV book is giving.
type openCase struct {
	c    roi.Case
	rows []bookio.Loc // the case's rows so far; rows[i] holds scenario i
	err  error        // the first bad row's error
	bad  int          // its index in rows
}

func (c *calculator) readFile(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	rd, err := bookio.Open(name, f, caseColumns)
	if err != nil {
		return err
	}
	return c.read(rd)
}

// read streams one book, row by row.
func (c *calculator) read(rd *bookio.Reader) error {
	for rd.Next() {
		row := rd.Row()
		if row.JSON() == nil {
			c.addRow(row)
			continue
		}
		if err := c.addCase(row.JSON()); err != nil {
			c.report.Reject(row.Loc, fmt.Errorf("case %d: %w", row.Loc.Index, err))
			continue
		}
		c.report.Use()
	}
	c.close()
	return rd.Err()
}

// addCase decodes a case of a JSON book and adds it.
func (c *calculator) addCase(text []byte) error {
	var k roi.Case
	if err := json.Unmarshal(text, &k); err != nil {
		return err
	}
	if !c.accounts.Add(k.Account) {
		return fmt.Errorf("account %s given twice", fault.Quote(k.Account))
	}
	return c.add(k)
}

// add derives a case, prints its explanation and adds it to the book.
func (c *calculator) add(k roi.Case) error {
	if k.Currency != "" && c.currency != "" && k.Currency != c.currency {
		return fmt.Errorf("account %s: currency %s is not the book's %s", fault.Quote(k.Account), fault.Quote(k.Currency), fault.Quote(c.currency))
	}
	d, err := k.Derive()
	if err != nil {
		return err
	}
	if err := c.book.Add(d.Estimate()); err != nil {
		return err
	}
	if c.currency == "" {
		c.currency = k.Currency
	}
	fmt.Fprintln(c.out, d.Explain())
	return nil
}

// addRow reads a row of a CSV book into the open case, or closes that
// case and opens the row's.
func (c *calculator) addRow(row *bookio.Row) {
	account := row.Text("account")
	if c.open != nil && account != c.open.c.Account {
		c.close()
	}
	if account == "" { // a row of no case
		err := row.Err()
		if err == nil {
			err = errors.New(`column "account": missing`)
		}
		c.report.Reject(row.Loc, err)
		return
	}
	first := c.open == nil
	if first {
		c.open = &openCase{c: roi.Case{Account: account}}
	}
	k := c.open
	k.rows = append(k.rows, row.Loc)
	if k.err != nil {
		return
	}
	if err := c.caseRow(&k.c, first, row); err != nil {
		k.err, k.bad = fmt.Errorf("account %s: %w", fault.Quote(account), err), len(k.rows)-1
	}
}

// caseRow reads a CSV row into case k: the case's own cells on its first
// row, and one scenario.
func (c *calculator) caseRow(k *roi.Case, first bool, row *bookio.Row) error {
	cost, currency := row.Decimal("annual_cost"), row.Text("currency")
	s, err := scenarioOf(row)
	if rowErr := row.Err(); rowErr != nil {
		return rowErr
	}
	switch {
	case first && !c.accounts.Add(k.Account):
		return errors.New("given twice: the rows of an account follow each other")
	case first && row.Text("annual_cost") == "":
		return errors.New(`column "annual_cost": missing`)
	case first:
		k.AnnualCost, k.Currency = cost, currency
	case row.Text("annual_cost") != "" && !cost.Equal(k.AnnualCost):
		return fmt.Errorf(`column "annual_cost": %s is not the %s of the account's first row`, money.Format(cost), money.Format(k.AnnualCost))
	case currency != "" && currency != k.Currency:
		return fmt.Errorf(`column "currency": %s is not the %s of the account's first row`, fault.Quote(currency), fault.Quote(k.Currency))
	}
	if err != nil {
		return err
	}
	k.Scenarios = append(k.Scenarios, s)
	return nil
}

// close derives the open case of a CSV book and reports its rows: all used,
// or all rejected, the bad one with its error.
func (c *calculator) close() {
	k := c.open
	if k == nil {
		return
	}
	c.open = nil
	if k.err == nil {
		if k.err = c.add(k.c); k.err == nil {
			for range k.rows {
				c.report.Use()
			}
			return
		}
	}
	for i, loc := range k.rows {
		if i == k.bad {
			c.report.Reject(loc, k.err)
		} else {
			c.report.Reject(loc, fmt.Errorf("account %s: rejected with its case's row on line %d", fault.Quote(k.c.Account), k.rows[k.bad].Line))
		}
	}
}

// scenarioOf reads a CSV row's scenario through the scenario's JSON form,
// whose names the columns share, so that the roi package checks it and
// names the bad field ("logic.win_rate", "metric.value").
func scenarioOf(row *bookio.Row) (roi.Scenario, error) {
	logic := map[string]any{"kind": row.Text("kind")}
	metric := map[string]any{"name": row.Text("metric"), "unit": row.Text("unit")}
	for _, col := range append([]string{"value"}, inputColumns...) {
		v, err := estimate(row.Text(col))
		switch {
		case err != nil:
			return roi.Scenario{}, &bookio.ColumnError{Column: col, Err: err}
		case v == nil:
		case col == "value":
			metric[col] = v
		default:
			logic[col] = v
		}
	}
	text, err := json.Marshal(map[string]any{"name": row.Text("scenario"), "metric": metric, "logic": logic})
	if err != nil {
		return roi.Scenario{}, err
	}
	var s roi.Scenario
	err = json.Unmarshal(text, &s)
	return s, err
}

// estimate returns a cell as a range's JSON form: "4000" for one number,
// {"low": …, "base": …, "high": …} for low/base/high, nil for an empty
// cell.
func estimate(cell string) (any, error) {
	if cell == "" {
		return nil, nil
	}
	parts := strings.Split(cell, "/")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	switch len(parts) {
	case 1:
		return parts[0], nil
	case 3:
		return map[string]string{"low": parts[0], "base": parts[1], "high": parts[2]}, nil
	}
	return nil, fmt.Errorf("want one number or low/base/high, not %s", fault.Quote(cell))
}
