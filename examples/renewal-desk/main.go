// Command renewal-desk is a renewal desk over a book of contracts: as of a
// date it lists, per CSM, the renewals that are late or past their decision
// date and the activities overdue or due soon; counts the book by renewal
// state with its ARR; and prints the forecast and the renewal KPIs of the
// fiscal quarter that holds the date.
//
// Usage:
//
//	renewal-desk [-asof 2027-01-15] [-top 10] [book.csv | book.json]
//
// With no book it runs over an embedded sample, as of a day in it; a book of
// your own is read as of today unless -asof says otherwise. The book
// is streamed: memory stays flat however many rows it has. A bad row is
// reported with its file, line (and, in JSON, its element index) and field,
// and the rest are processed; the report ends with the rows read, used and
// rejected. The exit status is 0 when every row was used, 1 when rows were
// rejected (after the report) or the book could not be read, and 2 for a
// usage error. Run with -h for the book's format.
package main

import (
	"bytes"
	_ "embed"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/bookio"
	"github.com/cskit/cskit/renewal"
)

//go:embed sample.json
var sampleBook []byte

// defaultAsOf is the sample's as-of date, a day inside its renewal season.
const defaultAsOf = "2027-01-15"

const usage = `Usage: renewal-desk [-asof YYYY-MM-DD] [-top N] [book.csv | book.json]

Prints, as of a date (-asof, default today), the renewal work of each CSM,
the book by renewal state, and the forecast and KPIs of the fiscal quarter
(April-March years) holding the date. Without a book it runs over an
embedded sample, as of ` + defaultAsOf + `.

A CSV book has a header row naming its columns, in any order (a UTF-8
byte-order mark, as Excel writes, is accepted):

  ` + csvHeader + `

id and start are required, and term_months or renewal_date. Dates are
YYYY-MM-DD, amounts plain decimals (1200000.50), notice an ISO 8601 period
(P1M, P30D), fiscal_year_end a month number (3 for March), booleans
true/false. completions is a ";"-separated list of activity@date, with
=intent on intent-confirmation; call_* is the latest forecast call
(category pipeline, best-case, commit, omitted or closed); outcome is
renewed or churned, with outcome_date, final and due, the renewal date it
closed. For example:

  ` + csvSample + `

A JSON book is an array of renewal records, one per renewal:

  [{"contract": {"id": "acme", "start": "2026-02-01", "term_months": 12, "arr": "2400000",
     "auto_renew": true, "notice": "P1M", "fiscal_year_end": 3, "csm": "Sato"},
    "completions": [{"activity": "usage-review", "date": "2026-11-20"}],
    "calls": [{"date": "2026-11-03", "amount": "2400000", "category": "commit"}]}]

A contract given twice for the same renewal is reported, not counted twice.

Flags:
`

func main() {
	today := date.Of(time.Now())
	os.Exit(bookio.ExitCode(os.Stderr, "renewal-desk", run(os.Args[1:], today, os.Stdout, os.Stderr)))
}

// run runs the desk as of -asof, or today for the user's book: the report
// goes to stdout, the rejected rows and the usage to stderr.
func run(args []string, today date.Date, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("renewal-desk", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	asOfText := fs.String("asof", "", "the `date` the desk is read as of (YYYY-MM-DD); default today, or "+defaultAsOf+" for the sample")
	top := fs.Int("top", 10, "the most urgent `items` listed per CSM; the rest are counted")
	pos, err := bookio.ParseArgs(fs, args, 1)
	if err != nil {
		return err
	}
	asOf := today
	switch {
	case *asOfText != "":
		if asOf, err = date.Parse(*asOfText); err != nil {
			return fmt.Errorf("%w: -asof: %w", bookio.ErrUsage, err)
		}
	case len(pos) == 0:
		asOf, _ = date.Parse(defaultAsOf) // a valid constant: TestSample
	}
	if *top < 0 {
		return fmt.Errorf("%w: -top %d: want 0 or more", bookio.ErrUsage, *top)
	}

	name, src := "sample.json", io.Reader(bytes.NewReader(sampleBook))
	if len(pos) == 1 {
		f, err := os.Open(pos[0])
		if err != nil {
			return err
		}
		defer f.Close()
		name, src = pos[0], f
	}
	book, err := bookio.Open(name, src, columns)
	if err != nil {
		return err
	}
	d, err := newDesk(renewal.Policy{}, asOf, date.FiscalCalendar{}, *top)
	if err != nil {
		return err
	}
	report := &bookio.Report{Out: stderr}
	for book.Next() {
		row := book.Row()
		r, err := readRow(row)
		if err == nil {
			err = d.add(r)
		}
		if err != nil {
			report.Reject(row.Loc, err)
			continue
		}
		report.Use()
	}
	if err := book.Err(); err != nil {
		return err
	}
	if err := d.print(stdout); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "\n"+report.Summary())
	return report.Err()
}
