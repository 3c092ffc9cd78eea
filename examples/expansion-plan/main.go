// Command expansion-plan ranks a book's expansion opportunities, prints
// the CSQL funnel and the period's revenue movements with NRR and GRR.
//
// Usage:
//
//	expansion-plan [-from 2026-04-01] [-to 2027-04-01] [-top 10] [-policy policy.json]
//	               [-start start.csv -end end.csv [-leads leads.csv]]
//
// Without files it runs over an embedded sample book. The two snapshots
// stream through together in one pass (memory stays flat): each is sorted
// by account, one row per account and product. The leads stream too; what
// grows with them is a 64-bit hash of each lead ID, to find a lead given
// twice (about 20 bytes a lead), and the rejected leads awaiting review. Each bad row is reported
// with its file, line and field, the rest are used, and the program ends
// with the rows read, used and rejected. It exits 1 when rows were
// rejected and 2 on a usage error.
package main

import (
	"bytes"
	"embed"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/expansion"
	"github.com/cskit/cskit/internal/bookio"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

//go:embed sample
var sample embed.FS

const program = "expansion-plan"

const usageText = `Usage: expansion-plan [flags] [-start start.csv -end end.csv [-leads leads.csv]]

Ranks the expansion opportunities of the end snapshot, prints the CSQL funnel
and the revenue movements between the two snapshots with NRR and GRR. Without
files it runs over an embedded sample.

Snapshots (.csv or .json, one row per account and product, sorted by account
byte-wise, an account's rows together). Required columns: account, product,
seats, unit_price; optional: extra (revenue not billed per seat),
uniform_rise (the part of the line's revenue from a price rise applied to
every customer without CS), churned (the product), account_churned,
paid_before (end snapshot: the account paid before the start, so its return
is a reactivation, not new), and, for the headroom of the end snapshot,
active, free, scope (department, company or group), department, company,
group (populations). Amounts are plain decimals ("1500.50", no exponent).
A row of the end snapshot with any headroom column names its scope; the
headroom columns of the starting snapshot and of a churned product or
account are not read:

  account,product,seats,unit_price,extra,uniform_rise,churned,account_churned,paid_before,active,free,scope,department,company,group
  acme,chat,40,500,,,,,,38,5,department,50,400,2000

A JSON snapshot is an array of objects with the same keys:
  [{"account":"acme","product":"chat","seats":40,"unit_price":"500","scope":"department","department":50}]

Leads (.csv or .json). Required columns: id, account, csm, segment (smb or
enterprise), kind (seats, unit-price, option, product, usage), source
(seminar-survey, usage-review, renewal, headroom, contact, product, other),
created; optional: team, verdict (pending, accepted, rejected), reason,
reviewed, outcome (open, won, lost), amount:

  id,account,csm,segment,kind,source,team,created,verdict,reason,reviewed,outcome,amount
  L1,acme,sato,smb,seats,seminar-survey,,2026-06-01,accepted,,,won,30000

Flags:
`

func main() {
	os.Exit(bookio.ExitCode(os.Stderr, program, run(os.Args[1:], os.Stdout)))
}

// config is the parsed command line.
type config struct {
	from, to          date.Date
	policy            expansion.Policy
	start, end, leads string
}

func parseArgs(args []string, out io.Writer) (config, error) {
	fs := flag.NewFlagSet(program, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprint(out, usageText)
		fs.PrintDefaults()
	}
	from := fs.String("from", "2026-04-01", "the starting snapshot's `day`")
	to := fs.String("to", "2027-04-01", "the end snapshot's `day`; the funnel is counted as of it")
	top := fs.Int("top", 0, "how many opportunities to rank (0: the policy's, 10 by default)")
	policyFile := fs.String("policy", "", "a policy `file` (JSON); empty uses the defaults")
	var c config
	fs.StringVar(&c.start, "start", "", "the starting snapshot `file`")
	fs.StringVar(&c.end, "end", "", "the end snapshot `file`")
	fs.StringVar(&c.leads, "leads", "", "a leads `file` (optional)")
	if _, err := bookio.ParseArgs(fs, args, 0); err != nil {
		return c, err
	}
	var err error
	if c.from, err = date.Parse(*from); err != nil {
		return c, fmt.Errorf("%w: -from: %w", bookio.ErrUsage, err)
	}
	if c.to, err = date.Parse(*to); err != nil {
		return c, fmt.Errorf("%w: -to: %w", bookio.ErrUsage, err)
	}
	if !c.to.After(c.from) {
		return c, fmt.Errorf("%w: -to %s is not after -from %s", bookio.ErrUsage, c.to, c.from)
	}
	if (c.start == "") != (c.end == "") || (c.leads != "" && c.start == "") {
		return c, fmt.Errorf("%w: give -start and -end together (and -leads only with them), or no file for the sample", bookio.ErrUsage)
	}
	if *policyFile != "" {
		b, err := os.ReadFile(*policyFile)
		if err != nil {
			return c, fmt.Errorf("%w: -policy: %w", bookio.ErrUsage, err)
		}
		if err := c.policy.UnmarshalJSON(b); err != nil {
			return c, fmt.Errorf("%w: -policy %s: %w", bookio.ErrUsage, *policyFile, err)
		}
	}
	if *top < 0 {
		return c, fmt.Errorf("%w: -top %d is negative", bookio.ErrUsage, *top)
	}
	if *top > 0 {
		c.policy.Top = *top
	}
	if err := c.policy.Validate(); err != nil {
		return c, fmt.Errorf("%w: %w", bookio.ErrUsage, err)
	}
	return c, nil
}

// open opens a book, from the embedded sample when sample is true.
func open(name string, isSample bool, cols bookio.Columns) (*bookio.Reader, io.Closer, error) {
	if isSample {
		b, err := sample.ReadFile(name)
		if err != nil {
			return nil, nil, err
		}
		rd, err := bookio.Open(name, bytes.NewReader(b), cols)
		return rd, io.NopCloser(nil), err
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	rd, err := bookio.Open(name, f, cols)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return rd, f, nil
}

func run(args []string, out io.Writer) error {
	c, err := parseArgs(args, out)
	if err != nil {
		return err
	}
	isSample := c.start == ""
	if isSample {
		c.start, c.end, c.leads = "sample/start.csv", "sample/end.csv", "sample/leads.csv"
	}
	rep := &bookio.Report{Out: out}

	// One pass over both snapshots: the end snapshot's rows also feed the
	// headroom book.
	hb, err := expansion.NewHeadroomBook(c.policy)
	if err != nil {
		return err
	}
	startRd, startFile, err := open(c.start, isSample, snapshotColumns)
	if err != nil {
		return err
	}
	defer startFile.Close()
	endRd, endFile, err := open(c.end, isSample, snapshotColumns)
	if err != nil {
		return err
	}
	defer endFile.Close()
	var fatal error
	totals, err := c.policy.Movements(c.from, c.to, snapshot(startRd, rep, nil, &fatal), snapshot(endRd, rep, hb, &fatal))
	if err != nil {
		return err
	}
	if fatal != nil {
		return fatal
	}

	var funnel *expansion.Funnel
	if c.leads != "" {
		p, err := expansion.NewPipeline(c.policy, c.to)
		if err != nil {
			return err
		}
		rd, f, err := open(c.leads, isSample, leadColumns)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := readLeads(rd, rep, p); err != nil {
			return err
		}
		r := p.Result()
		funnel = &r
	}

	fmt.Fprintf(out, "Expansion plan, %s to %s\n\n", c.from, c.to)
	printOpportunities(out, hb.Result())
	if funnel != nil {
		printFunnel(out, *funnel)
	}
	printMovements(out, totals)
	fmt.Fprintln(out, rep.Summary())
	return rep.Err()
}

func printOpportunities(out io.Writer, h expansion.Headroom) {
	if h.Footprints == 0 {
		fmt.Fprintf(out, "Expansion opportunities in the end snapshot: none assessed (no row names a scope)\n\n")
		return
	}
	fmt.Fprintf(out, "Expansion opportunities in the end snapshot: %s have room to grow or their seats nearly all used\n",
		share(h.Opportunities, "", "footprints"))
	if len(h.Top) > 0 {
		w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(w, "  #\taccount\tproduct\ttarget\troom\trevenue\tactive/paid seats\tband\tconvertible\treasons")
		for i, a := range h.Top {
			var reasons []string
			for _, r := range a.Reasons {
				reasons = append(reasons, r.String())
			}
			fmt.Fprintf(w, "  %d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%d\t%s\n", i+1, a.Account, a.Product, a.Target.Rung, a.Target.Seats,
				amount(a.Target.Revenue), a.Utilisation, bandText(a.Band), a.Convertible, strings.Join(reasons, ", "))
		}
		w.Flush()
	}
	fmt.Fprintf(out, "  utilisation %s: %d under-used, %d healthy, %d near the limit, %d with no paid seat\n",
		share(h.Utilisation, "active", "paid seats"), h.UnderUsed, h.Healthy, h.NearLimit, h.NoData)
	var rungs []string
	for _, r := range h.Ladder {
		if r.Footprints > 0 {
			rungs = append(rungs, fmt.Sprintf("%s %s seats (%s)", r.Rung, amount(decimal.NewFromInt(r.Seats)), amount(r.Revenue)))
		}
	}
	if len(rungs) > 0 {
		fmt.Fprintf(out, "  room by rung: %s\n", strings.Join(rungs, ", "))
	}
	fmt.Fprintln(out)
}

func bandText(b expansion.Band) string {
	if b == expansion.BandNone {
		return "no data"
	}
	return b.String()
}

func printFunnel(out io.Writer, f expansion.Funnel) {
	fmt.Fprintf(out, "CSQL funnel as of %s\n", f.AsOf)
	fmt.Fprintf(out, "  CSQLs: %d (leads from the product, MQLs, counted apart: %d)\n", f.CSQLs, f.MQLs)
	var sources []string
	for s := expansion.SourceSeminar; s.Valid(); s++ {
		if s.CSQL() {
			sources = append(sources, fmt.Sprintf("%s %d", s, f.BySource[s]))
		}
	}
	fmt.Fprintf(out, "  by source: %s (product %d)\n", strings.Join(sources, ", "), f.BySource[expansion.SourceProduct])
	fmt.Fprintf(out, "  field sales: %d accepted, %d rejected, %d pending; acceptance %s\n", f.Accepted, f.Rejected, f.Pending,
		share(f.Acceptance, "accepted", "judged"))
	fmt.Fprintf(out, "  rejected leads to review: %d (%d reviewed)\n", len(f.ReviewQueue), f.Reviewed)
	for _, r := range f.ReviewQueue {
		fmt.Fprintf(out, "    %s %s %s (%s): %s\n", r.Created, r.ID, r.Account, r.CSM, r.Reason)
	}
	fmt.Fprintf(out, "  cross-sell toss-ups credited to CS: %d (%d accepted, %d won by the other teams)\n", f.TossUps.Credited, f.TossUps.Accepted, f.TossUps.Won)
	fmt.Fprintf(out, "  orders: %d won (%s), %d lost\n", f.Won, amount(f.WonAmount), f.Lost)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "  csm\tsegment\tCSQLs\taccepted\ttoss-ups\tshared revenue")
	for _, t := range f.CSMs {
		fmt.Fprintf(w, "  %s\t%s\t%d\t%d\t%d\t%s\n", t.CSM, t.Segment, t.CSQLs, t.Accepted, t.TossUps, amount(t.Shared))
	}
	w.Flush()
	fmt.Fprintln(out)
}

func printMovements(out io.Writer, t expansion.Totals) {
	fmt.Fprintf(out, "Revenue movements, %s to %s (a dropped product is %s; netted per %s)\n", t.From, t.To, t.ProductLoss, t.Netting)
	rows := []struct {
		label  string
		amount decimal.Decimal
		note   string
	}{
		{"start", t.Start, fmt.Sprintf("paying accounts: %d", t.StartAccounts)},
		{"+ new", t.New, fmt.Sprintf("accounts: %d", t.NewAccounts)},
		{"+ reactivation", t.Reactivation, fmt.Sprintf("accounts: %d", t.ReactivatedAccounts)},
		{"+ expansion", t.Expansion, fmt.Sprintf("accounts: %d", t.ExpandedAccounts)},
		{"+ price rise", t.PriceRise, fmt.Sprintf("accounts: %d (uniform, without CS)", t.RepricedAccounts)},
		{"- contraction", t.Contraction, fmt.Sprintf("accounts: %d", t.ContractedAccounts)},
		{"- churn", t.Churn, fmt.Sprintf("lost logos: %d", t.ChurnedAccounts)},
		{"end", t.End, fmt.Sprintf("paying accounts: %d", t.EndAccounts)},
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(amount(r.amount)))
	}
	for _, r := range rows {
		fmt.Fprintf(out, "  %-15s %*s  %s\n", r.label, width, amount(r.amount), r.note)
	}
	fmt.Fprintf(out, "  NRR %s: start + expansion + price rise - contraction - churn, over start\n", rate(t.NRR))
	fmt.Fprintf(out, "  NRR without price rises %s: start + expansion - contraction - churn, over start\n", rate(t.NRRWithoutPriceRise))
	fmt.Fprintf(out, "  GRR %s: start - contraction - churn, over start\n", rate(t.GRR))
	fmt.Fprintf(out, "  logo churn %s\n\n", share(t.LogoChurn, "lost", "paying at the start"))
}

// amount writes d exactly, with no trailing zeros in its fraction and its
// whole part grouped by thousands: 1,234,567.5. Every amount the program
// prints goes through it.
func amount(d decimal.Decimal) string { return money.Grouped(d) }

// rate writes an amount KPI with what it divides: "86.8% (23,000 / 26,500)",
// or "no data (nothing to divide by)".
func rate(r expansion.Rate) string {
	if _, ok := r.Percent(1); !ok {
		return "no data (nothing to divide by)"
	}
	return r.String() + " (" + amount(r.Num) + " / " + amount(r.Den) + ")"
}

// share writes a count KPI with what it counts: "57.1% (4 accepted of 7
// judged)", or "no data (0 judged)". An empty num leaves its word out.
func share(r expansion.Ratio, num, den string) string {
	p, ok := r.Percent(1)
	if !ok {
		return fmt.Sprintf("no data (0 %s)", den)
	}
	if num != "" {
		num = " " + num
	}
	return fmt.Sprintf("%s%% (%d%s of %d %s)", p.StringFixed(1), r.Num, num, r.Den, den)
}
