// Command capacity-plan plans a customer success team over a book of
// accounts: ARR and accounts per CSM against the published benchmarks, the
// CSMs each segment needs, what one more CSM does to gross margin and LTV,
// each CSM's load, who should take the accounts with no CSM, and, given
// logged hours, the cost to serve.
//
// Usage:
//
//	capacity-plan [-plan plan.json] [-hours hours.csv] [accounts.csv|accounts.json]
//
// With no arguments it runs over an embedded sample team and book. Run it
// with -h for the input formats.
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/cskit/cskit/capacity"
	"github.com/cskit/cskit/internal/bookio"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

var (
	//go:embed sample/plan.json
	samplePlan []byte
	//go:embed sample/accounts.csv
	sampleAccounts []byte
	//go:embed sample/hours.csv
	sampleHours []byte
)

const program = "capacity-plan"

const usage = `Usage: capacity-plan [-plan plan.json] [-hours hours.csv|hours.json] [accounts.csv|accounts.json]

Plans a customer success team over a book of accounts: coverage against the
published benchmarks, CSMs needed per segment, what one more CSM does to gross
margin and LTV, the load per CSM, who should take the accounts with no CSM,
and the cost to serve from logged hours. With no arguments it runs over an
embedded sample. With your own accounts, -plan is required.

The plan (JSON): the team's capacity config and the costs of the margin view:
  {"team": {"currency": "JPY", "phase": "1-10",
            "csms": [{"id": "sato", "segment": "high-touch", "languages": ["ja"]}]},
   "cost_per_csm": "10000000", "other_cost_of_revenue": "30000000",
   "churn_rate": "0.1", "hourly_cost": "6000"}
  "team" may also give "segments", rules on ARR or ACV that cover [0, ∞)
  with no gap and no overlap, each from "from" up to (not including) "to",
  with no "to" for the last:
    {"name": "smb", "touch": "tech-touch", "from": "0", "to": "2400000",
     "target_arr": "100000000"}
  and "basis" ("arr" or "acv") and "weights" (points; a weight left out keeps
  its default: {"renewal": 0}); with no segments the phase's default
  segments (in JPY) apply. hourly_cost is needed only for hours.

Accounts (CSV with a header, or a JSON array of objects with the same keys):
  id,csm,arr,acv,language,renewals_due,open_churn_cases,onboarding
  acme,sato,36000000,,ja,1,0,false
  id and arr are required; an empty csm is an account with no CSM, which the
  plan assigns. An ID given twice is refused (the second row).

Hours (CSV with a header, or a JSON array), one row per logged task:
  account,segment,csm,task,stage,hours
  epsilon,high-touch,suzuki,kickoff,onboarding,3
  account, csm, task and hours are required.

Accounts and hours stream through one row at a time; the program keeps only
the accounts with no CSM (to assign them), a hash of each account ID (to
refuse one given twice) and, from the hours, a total per account and the
accounts behind each task, stage and CSM.

Each bad row is reported with its file, line and field and the rest is used;
the program ends with rows read, used and rejected, and exits 1 when any row
was rejected, 2 on a usage error.

Flags:
`

func main() {
	os.Exit(bookio.ExitCode(os.Stderr, program, run(os.Args[1:], os.Stdout, os.Stderr)))
}

// planFile is the plan: the team's config and the costs.
type planFile struct {
	Team               capacity.Config `json:"team"`
	CostPerCSM         *money.JSON     `json:"cost_per_csm"`
	OtherCostOfRevenue *money.JSON     `json:"other_cost_of_revenue"`
	ChurnRate          *money.JSON     `json:"churn_rate"`
	HourlyCost         *money.JSON     `json:"hourly_cost"`
}

func readPlan(name string, b []byte) (planFile, error) {
	var p planFile
	if err := jsonstrict.Decode(b, &p); err != nil {
		return p, fmt.Errorf("%s: %w", name, err)
	}
	for _, f := range []struct {
		name string
		v    *money.JSON
	}{{"cost_per_csm", p.CostPerCSM}, {"other_cost_of_revenue", p.OtherCostOfRevenue}, {"churn_rate", p.ChurnRate}} {
		if f.v == nil {
			return p, fmt.Errorf("%s: %s: required", name, f.name)
		}
	}
	return p, nil
}

// input is a book to read: a file, or the embedded sample.
type input struct {
	name string
	r    io.Reader
	done func() error
}

func open(name string, sample []byte) (input, error) {
	if sample != nil {
		return input{name: name, r: bytes.NewReader(sample), done: func() error { return nil }}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return input{}, err
	}
	return input{name: name, r: f, done: f.Close}, nil
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet(program, flag.ContinueOnError)
	fs.SetOutput(stdout)
	planPath := fs.String("plan", "", "the plan `file` (JSON); required with your own accounts")
	hoursPath := fs.String("hours", "", "logged hours, a `file` (.csv or .json)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	pos, err := bookio.ParseArgs(fs, args, 1)
	if err != nil {
		return err
	}
	sample := len(pos) == 0
	if !sample && *planPath == "" {
		fs.Usage()
		return fmt.Errorf("%w: -plan is required with your own accounts", bookio.ErrUsage)
	}

	planName, planText := "sample/plan.json", samplePlan
	if *planPath != "" {
		planName = *planPath
		if planText, err = os.ReadFile(*planPath); err != nil {
			return fmt.Errorf("%w: -plan: %w", bookio.ErrUsage, err)
		}
	}
	plan, err := readPlan(planName, planText)
	if err != nil {
		return fmt.Errorf("%w: -plan %w", bookio.ErrUsage, err)
	}
	b, err := capacity.NewBook(plan.Team)
	if err != nil {
		return fmt.Errorf("%w: -plan %s: team: %w", bookio.ErrUsage, planName, err)
	}

	acc, err := open("sample/accounts.csv", sampleAccounts)
	if !sample {
		acc, err = open(pos[0], nil)
	}
	if err != nil {
		return err
	}
	defer acc.done()
	shift := phaseBooks(plan.Team.Currency)
	accRep := &bookio.Report{Out: stderr}
	orphans, err := readAccounts(acc, b, shift, accRep)
	if err != nil {
		return err
	}

	var cost *capacity.CostReport
	var hoursRep *bookio.Report
	var hoursName string
	if sample || *hoursPath != "" {
		h, err := open("sample/hours.csv", sampleHours)
		if !sample || *hoursPath != "" {
			h, err = open(*hoursPath, nil)
		}
		if err != nil {
			return err
		}
		defer h.done()
		hoursName = h.name
		if plan.HourlyCost == nil {
			return fmt.Errorf("%w: -plan %s: hourly_cost: required with -hours", bookio.ErrUsage, planName)
		}
		cb, err := capacity.NewCostBook(plan.Team.Currency, decimal.Decimal(*plan.HourlyCost))
		if err != nil {
			return fmt.Errorf("%w: -plan %s: %w", bookio.ErrUsage, planName, err)
		}
		hoursRep = &bookio.Report{Out: stderr}
		if err := readHours(h, cb, hoursRep); err != nil {
			return err
		}
		r := cb.Result()
		cost = &r
	}

	econ := capacity.Economics{Currency: plan.Team.Currency, OtherCostOfRevenue: decimal.Decimal(*plan.OtherCostOfRevenue),
		CostPerCSM: decimal.Decimal(*plan.CostPerCSM), ChurnRate: decimal.Decimal(*plan.ChurnRate)}
	if err := report(stdout, b, shift, orphans, econ, cost); err != nil {
		return err
	}
	fmt.Fprintln(stdout)
	err = summary(stdout, acc.name, accRep, nil)
	if hoursRep != nil {
		err = summary(stdout, hoursName, hoursRep, err)
	}
	return err
}

// summary prints a book's row counts and returns err with the book's
// rejected rows, if any, added on the same line: "accounts.csv: rows
// rejected: 2 of 5; hours.csv: rows rejected: 1 of 3".
func summary(out io.Writer, name string, rep *bookio.Report, err error) error {
	fmt.Fprintf(out, "%s: %s\n", name, rep.Summary())
	if rep.Err() == nil {
		return err
	}
	if err == nil {
		return fmt.Errorf("%s: %w", name, rep.Err())
	}
	return fmt.Errorf("%w; %s: %w", err, name, rep.Err())
}

// phaseBooks returns a book per business phase under its default segments,
// with no roster, to show how the plan shifts with the phase. The defaults
// are in yen: for another currency there are none.
func phaseBooks(cur capacity.Currency) []*capacity.Book {
	if cur != "JPY" {
		return nil
	}
	var out []*capacity.Book
	for _, p := range []capacity.Phase{capacity.PhaseZeroToOne, capacity.PhaseOneToTen, capacity.PhaseTenToHundred} {
		b, err := capacity.NewBook(capacity.Config{Currency: cur, Phase: p})
		if err != nil {
			return nil
		}
		out = append(out, b)
	}
	return out
}

var accountColumns = bookio.Columns{
	Known:    []string{"id", "csm", "arr", "acv", "language", "renewals_due", "open_churn_cases", "onboarding"},
	Required: []string{"id", "arr"},
}

// readAccounts streams the accounts into b (and the phase books), reporting
// each bad row, and returns the accounts with no CSM, which the plan
// assigns: the only rows it keeps.
func readAccounts(in input, b *capacity.Book, shift []*capacity.Book, rep *bookio.Report) ([]capacity.Account, error) {
	var ids bookio.IDs
	var orphans []capacity.Account
	err := readBook(in, accountColumns, rep, func(row *bookio.Row) capacity.Account {
		return capacity.Account{ID: row.Text("id"), CSM: row.Text("csm"), ARR: row.Decimal("arr"), ACV: row.Decimal("acv"),
			Language: row.Text("language"), RenewalsDue: row.Int("renewals_due"),
			OpenChurnCases: row.Int("open_churn_cases"), Onboarding: row.Bool("onboarding")}
	}, func(a capacity.Account) error {
		if a.ID != "" && !ids.Add(a.ID) {
			return fmt.Errorf("id: account %q given twice", a.ID)
		}
		if err := b.Add(a); err != nil {
			return err
		}
		// The phase books take what b took (a valid account, here with
		// no CSM), so they cannot refuse it.
		plain := a
		plain.CSM = ""
		for _, s := range shift {
			if err := s.Add(plain); err != nil {
				return err
			}
		}
		if a.CSM == "" {
			orphans = append(orphans, a)
		}
		return nil
	})
	return orphans, err
}

var hourColumns = bookio.Columns{
	Known:    []string{"account", "segment", "csm", "task", "stage", "hours"},
	Required: []string{"account", "csm", "task", "hours"},
}

func readHours(in input, cb *capacity.CostBook, rep *bookio.Report) error {
	return readBook(in, hourColumns, rep, func(row *bookio.Row) capacity.TimeEntry {
		return capacity.TimeEntry{Account: row.Text("account"), Segment: row.Text("segment"), CSM: row.Text("csm"),
			Task: row.Text("task"), Stage: row.Text("stage"), Hours: row.Decimal("hours")}
	}, cb.Add)
}

// readBook streams the rows of a book of T: a JSON row through T's strict
// decoder, a CSV row through fromCSV. Each row that does not read, or that
// use refuses, is reported; the others are counted as used.
func readBook[T any](in input, cols bookio.Columns, rep *bookio.Report, fromCSV func(*bookio.Row) T, use func(T) error) error {
	rd, err := bookio.Open(in.name, in.r, cols)
	if err != nil {
		return err
	}
	for rd.Next() {
		row := rd.Row()
		var v T
		if js := row.JSON(); js != nil {
			err = json.Unmarshal(js, &v)
		} else {
			v = fromCSV(row)
			err = row.Err()
		}
		if err == nil {
			err = use(v)
		}
		if err != nil {
			rep.Reject(row.Loc, err)
			continue
		}
		rep.Use()
	}
	return rd.Err()
}

// amount writes d in cur as every amount of the report is written:
// exactly, with thousands separators and no trailing zeros after the point
// ("JPY 41,340,000", "JPY 1,234.5", "JPY -6,250,000").
func amount(cur capacity.Currency, d decimal.Decimal) string {
	return string(cur) + " " + number(d)
}

// number writes d exactly, with thousands separators and no trailing zeros
// after the point: "41,340,000", "15.5", "0.25".
func number(d decimal.Decimal) string { return money.Grouped(d) }

// figure writes f as [number] does, with unit before it ("JPY ") or after
// it (" accounts", singular for exactly one); "no data" when undefined.
func figure(f capacity.Figure, before, after string) string {
	if !f.Defined {
		return "no data"
	}
	if f.Value.Equal(decimal.New(1, 0)) {
		after = strings.TrimSuffix(after, "s")
	}
	return before + number(f.Value) + after
}

// pct writes a ratio as a percentage to two places: 0.5767 is "57.67%",
// 0.7 is "70%".
func pct(r decimal.Decimal) string { return number(r.Shift(2).Round(2)) + "%" }

// count writes n things: "1 CSM", "4 CSMs".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

func signed(n int) string {
	if n > 0 {
		return fmt.Sprintf("+%d", n)
	}
	return fmt.Sprint(n)
}

func report(out io.Writer, b *capacity.Book, shift []*capacity.Book, orphans []capacity.Account, econ capacity.Economics, cost *capacity.CostReport) error {
	r := b.Result()
	cur := r.Currency
	fmt.Fprintf(out, "Capacity plan (%s", cur)
	if r.Phase != 0 {
		fmt.Fprintf(out, ", phase %s", r.Phase)
	}
	fmt.Fprintf(out, ", segments on %s)\n", r.Basis)

	fmt.Fprintln(out, "\nCoverage")
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  team\t%s\t%s\t%s\t%s per CSM\t%s per CSM\n", amount(cur, r.Team.ARR),
		count(r.Team.Accounts, "account"), count(r.Team.CSMs, "CSM"), figure(r.Team.ARRPerCSM(), string(cur)+" ", ""), figure(r.Team.AccountsPerCSM(), "", " accounts"))
	fmt.Fprintf(tw, "  no CSM\t%s\t%s\n", amount(cur, r.Unassigned.ARR), count(r.Unassigned.Accounts, "account"))
	tw.Flush()

	fmt.Fprintln(out, "\nAgainst the benchmarks (team)")
	cs, err := capacity.Compare(r.Team, capacity.Benchmarks())
	if err != nil {
		return err
	}
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, c := range cs {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", c.Benchmark, c.Verdict, comparison(cur, c))
	}
	tw.Flush()

	fmt.Fprintln(out, "\nHeadcount by segment (whole CSMs, rounded up)")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  segment\ttouch\trange\tARR\taccounts\ttarget per CSM\tby ARR\tby accounts\tneeded\tCSMs\tgap")
	for _, s := range r.Segments {
		seg := s.Segment
		fmt.Fprintf(tw, "  %s\t%s\t[%s, %s)\t%s\t%d\t%s\t%d\t%d\t%d\t%d\t%s\n", seg.Name, seg.Touch, number(seg.From),
			limit(seg.To), amount(cur, s.Coverage.ARR), s.Coverage.Accounts, target(cur, seg),
			s.NeededByARR, s.NeededByAccounts, s.Needed, s.Coverage.CSMs, signed(s.Gap))
	}
	fmt.Fprintf(tw, "  total\t\t\t%s\t%d\t\t\t\t%d\t%d\t%s\n", amount(cur, r.Team.ARR), r.Team.Accounts, r.Needed, r.Team.CSMs, signed(r.Gap))
	tw.Flush()
	if r.Phase != 0 {
		fmt.Fprintf(out, "\nPhase %s\n", r.Phase.Advice())
	}
	if len(shift) > 0 {
		fmt.Fprint(out, "The same book under each phase's default segments needs:")
		for i, s := range shift {
			sep := ","
			if i == 0 {
				sep = ""
			}
			sr := s.Result()
			fmt.Fprintf(out, "%s %s %d", sep, sr.Phase, sr.Needed)
		}
		fmt.Fprintln(out)
	}

	fmt.Fprintln(out, "\nGross margin and LTV (CS cost sits in cost of revenue)")
	if r.Team.ARR.Sign() <= 0 {
		fmt.Fprintln(out, "  no ARR: no gross margin to take")
	} else {
		econ.ARR, econ.Accounts, econ.CSMs = r.Team.ARR, r.Team.Accounts, r.Team.CSMs
		m, err := econ.Margin()
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "  now, %s: gross margin %s, ARPA %s, LTV %s\n", count(m.Now.CSMs, "CSM"), pct(m.Now.GrossMargin),
			amount(cur, m.Now.ARPA), ltv(cur, m.Now.LTV))
		change := ""
		if m.LTVChange.Defined {
			change = " (" + amount(cur, m.LTVChange.Value) + ")"
		}
		fmt.Fprintf(out, "  one more CSM adds %s of CS cost: gross margin %s (%s points), LTV %s%s\n",
			amount(cur, econ.CostPerCSM), pct(m.OneMore.GrossMargin), number(m.MarginChange.Shift(2).Round(2)),
			ltv(cur, m.OneMore.LTV), change)
		if r.Needed != r.Team.CSMs {
			u, err := econ.At(r.Needed)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "  at the plan's %s: gross margin %s, LTV %s\n", count(r.Needed, "CSM"), pct(u.GrossMargin), ltv(cur, u.LTV))
		}
	}

	fmt.Fprintln(out, "\nLoad per CSM")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  csm\tsegment\taccounts\tARR\tload\ttouch\tARR pts\trenewals\tchurn cases\tonboarding\toutside segment\tutilisation")
	for _, l := range r.CSMs {
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", l.CSM, l.Segment, l.Coverage.Accounts,
			amount(cur, l.Coverage.ARR), l.Load, l.Parts.Touch, l.Parts.ARR, l.Parts.Renewals, l.Parts.ChurnCases,
			l.Parts.Onboarding, l.OutsideSegment, figure(l.Utilisation, "", ""))
	}
	tw.Flush()

	if len(orphans) > 0 {
		fmt.Fprintln(out, "\nAccounts with no CSM, heaviest first")
		as, err := b.Assign(func(yield func(capacity.Account) bool) {
			for _, a := range orphans {
				if !yield(a) {
					return
				}
			}
		})
		if err != nil {
			return err
		}
		for _, a := range as {
			who := a.CSM
			if who == "" {
				who = "nobody"
			}
			fmt.Fprintf(out, "  %s (load %s) → %s: %s\n", a.Account, a.Load, who, a.Why())
		}
	}

	if cost != nil {
		costs(out, cost)
	}
	return nil
}

func limit(to decimal.Decimal) string {
	if to.IsZero() {
		return "∞"
	}
	return number(to)
}

// target writes a segment's target per CSM: "JPY 50,000,000 and 50
// accounts".
func target(cur capacity.Currency, s capacity.Segment) string {
	var t []string
	if !s.TargetARR.IsZero() {
		t = append(t, amount(cur, s.TargetARR))
	}
	if s.TargetAccounts > 0 {
		t = append(t, fmt.Sprint(s.TargetAccounts, " accounts"))
	}
	return strings.Join(t, " and ")
}

// comparison writes a plan's figure against a benchmark: "JPY 41,340,000
// per CSM is below JPY 50,000,000 (0.83×)".
func comparison(cur capacity.Currency, c capacity.Comparison) string {
	switch c.Verdict {
	case capacity.VerdictNotComparable:
		return fmt.Sprintf("the benchmark is in %s and the plan in %s: amounts are never converted", c.Currency, cur)
	case capacity.VerdictNoData:
		return "no CSMs: no figure per CSM"
	}
	before, after := string(c.Currency)+" ", ""
	if c.Metric == capacity.MetricAccounts {
		before, after = "", " accounts"
	}
	verb := "is below"
	if c.Verdict == capacity.VerdictMeets {
		verb = "meets"
	}
	return fmt.Sprintf("%s per CSM %s %s (%s×)", figure(c.Plan, before, after), verb,
		figure(capacity.Figure{Value: c.Value, Defined: true}, before, after), figure(c.Ratio, "", ""))
}

func ltv(cur capacity.Currency, l capacity.LTV) string {
	if l.Unbounded {
		return l.String() + " (zero churn)"
	}
	return amount(cur, l.Value)
}

func costs(out io.Writer, c *capacity.CostReport) {
	cur := c.Currency
	fmt.Fprintf(out, "\nCost to serve (%s an hour): %s hours, %s\n", amount(cur, c.HourlyCost), number(c.Hours), amount(cur, c.Cost))
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  by\tname\taccounts\thours\tcost\thours per account\tcost per account")
	for _, g := range []struct {
		by     string
		groups []capacity.GroupCost
	}{{"segment", c.Segments}, {"task", c.Tasks}, {"stage", c.Stages}} {
		for _, x := range g.groups {
			name := x.Name
			if name == "" {
				name = "(none)"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\t%s\t%s\t%s\n", g.by, name, x.Accounts, number(x.Hours),
				amount(cur, x.Cost), figure(x.HoursPerAccount, "", ""), figure(x.CostPerAccount, string(cur)+" ", ""))
		}
	}
	tw.Flush()
	fmt.Fprintln(out, "  hours per account by CSM, fastest first (adopt their way of working):")
	task := ""
	var line []string
	flush := func() {
		if task != "" {
			fmt.Fprintf(out, "    %s: %s\n", task, strings.Join(line, ", "))
		}
	}
	for _, p := range c.People {
		if p.Task != task {
			flush()
			task, line = p.Task, nil
		}
		line = append(line, p.CSM+" "+figure(p.HoursPerAccount, "", ""))
	}
	flush()
}
