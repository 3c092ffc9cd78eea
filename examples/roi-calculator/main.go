// Command roi-calculator derives each customer's ROI from a book of cases
// (scenario → contribution metric → logic → money, as low / base / high
// ranges), prints the step-by-step explanation a CSM can paste into a
// renewal deck, and ends with the ROI of the whole book.
//
// Usage:
//
//	roi-calculator [-currency JPY] [-cuts 0,1,3] [file.json|file.csv ...]
//
// Without a file it runs over an embedded sample of three customers. A
// .json file is an array of cases; a .csv file is a book of estimates
// already derived (account, benefit range, annual cost), which are only
// summarised. The ROI is rounded down to 0.01% and the payback up to 0.1
// month, and computed amounts are written rounded down to two decimal
// places, so that no figure, which may be published, claims more than the
// exact one. Files are read one row at a time. Each rejected row is
// reported with its file, line, index and field; the rest are processed.
// The program ends with the rows read, used and rejected, and exits 1 when
// rows were rejected, 2 on a usage error.
package main

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
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
const usage = `Usage: roi-calculator [flags] [file.json|file.csv ...]

Derives each customer's ROI (low / base / high) from its success scenarios
and prints the calculation step by step, then the ROI of the whole book.
Without a file it runs over an embedded sample. The ROI is rounded down to
0.01% and the payback up to 0.1 month, computed amounts down to 0.01, so
that no printed figure claims more than the exact one.

A .json file is an array of cases, one per customer:
  [{"account": "acme", "currency": "JPY", "annual_cost": "12000000",
    "scenarios": [{"name": "visualise the network",
      "metric": {"name": "offline leads", "unit": "leads", "value": "4000"},
      "logic": {"kind": "revenue", "meeting_rate": {"low": "0.1", "base": "0.15", "high": "0.2"},
                "opportunity_rate": "0.4", "win_rate": "0.25", "deal_size": "1200000"}}]}]
  A range is {"low": …, "base": …, "high": …} or one number; rates are within [0, 1].
  Logic kinds: revenue (meeting_rate, opportunity_rate, win_rate, deal_size),
  reuse (share_reused, cost_to_make), hours (hourly_cost).

A .csv file is a book of estimates already derived, summarised only:
  account,benefit_low,benefit_base,benefit_high,annual_cost
  acme,29000000,92000000,240000000,12000000

An account given twice, and a case in another currency than the book's, are
rejected. Exit status: 0, 1 when rows were rejected, 2 on a usage error.

Flags:
`

// estimateColumns are the columns of a CSV book of estimates.
var estimateColumns = bookio.Columns{
	Known:    []string{"account", "benefit_low", "benefit_base", "benefit_high", "annual_cost"},
	Required: []string{"account", "benefit_low", "benefit_base", "benefit_high", "annual_cost"},
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
// accumulator, its currency, the accounts seen and the report.
type calculator struct {
	out      io.Writer
	book     *roi.Portfolio
	currency string
	accounts bookio.IDs
	report   bookio.Report
}

// bom is the byte-order mark some editors write at the start of a file.
var bom = []byte("\xef\xbb\xbf")

func (c *calculator) readFile(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	if b, _ := r.Peek(len(bom)); bytes.Equal(b, bom) {
		r.Discard(len(bom)) // bookio skips it in a CSV book but not in a JSON one
	}
	rd, err := bookio.Open(name, r, estimateColumns)
	if err != nil {
		return err
	}
	return c.read(rd)
}

// read streams one book, row by row.
func (c *calculator) read(rd *bookio.Reader) error {
	for rd.Next() {
		row := rd.Row()
		var err error
		if row.JSON() != nil {
			err = c.addCase(row)
		} else {
			err = c.addEstimate(row)
		}
		if err != nil {
			c.report.Reject(row.Loc, err)
			continue
		}
		c.report.Use()
	}
	return rd.Err()
}

// addCase derives one case, prints its explanation and adds it to the
// book.
func (c *calculator) addCase(row *bookio.Row) error {
	if err := row.Err(); err != nil {
		return fmt.Errorf("case %d: %w", row.Loc.Index, err)
	}
	var k roi.Case
	if err := json.Unmarshal(row.JSON(), &k); err != nil {
		return fmt.Errorf("case %d: %w", row.Loc.Index, err)
	}
	if k.Currency != "" && c.currency != "" && k.Currency != c.currency {
		return fmt.Errorf("case %d: account %s: currency %s is not the book's %s", row.Loc.Index, fault.Quote(k.Account), fault.Quote(k.Currency), fault.Quote(c.currency))
	}
	d, err := k.Derive()
	if err != nil {
		return fmt.Errorf("case %d: %w", row.Loc.Index, err)
	}
	if !c.accounts.Add(k.Account) {
		return fmt.Errorf("case %d: account %s given twice", row.Loc.Index, fault.Quote(k.Account))
	}
	if err := c.book.Add(d.Estimate()); err != nil {
		return fmt.Errorf("case %d: %w", row.Loc.Index, err)
	}
	if c.currency == "" {
		c.currency = k.Currency
	}
	fmt.Fprintln(c.out, d.Explain())
	return nil
}

// addEstimate adds one CSV row to the book.
func (c *calculator) addEstimate(row *bookio.Row) error {
	e := roi.Estimate{
		Account: row.Text("account"),
		Benefit: roi.Range{
			Low:  row.Decimal("benefit_low"),
			Base: row.Decimal("benefit_base"),
			High: row.Decimal("benefit_high"),
		},
		AnnualCost: row.Decimal("annual_cost"),
	}
	if err := row.Err(); err != nil {
		if e.Account != "" {
			return fmt.Errorf("account %s: %w", fault.Quote(e.Account), err)
		}
		return err
	}
	if err := e.Validate(); err != nil {
		return err
	}
	if !c.accounts.Add(e.Account) {
		return fmt.Errorf("account %s given twice", fault.Quote(e.Account))
	}
	return c.book.Add(e)
}
