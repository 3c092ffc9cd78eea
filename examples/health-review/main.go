// Command health-review scores a book of customer accounts with a team's
// scorecards and prints, for each account, its health score and band, what
// to do about the renewal-intent question (ask now, fix first, finish
// onboarding, collect data) and the measures that cost the score most;
// then the book counted by band.
//
// Usage:
//
//	health-review [-config config.json] [-asof 2026-06-30] [-top 3] [accounts.csv|accounts.json ...]
//	health-review -review acme -usage usage.csv [-metrics review.json]
//	health-review -history scores.csv -outcomes outcomes.csv [-min-sample 30]
//
// It also prints one account's usage review against its peers (-review),
// laid out like a mock-exam result sheet, and backtests the scorecard
// against renewal outcomes (-history, -outcomes).
//
// With no file it runs all three over embedded samples as of 2026-06-30,
// so the output is reproducible. It reads its files one row at
// a time: memory stays flat as a book grows, but for a set of hashed
// account IDs that finds an account given twice (a few tens of bytes an
// account). Each bad row is printed with its file, line and column (or
// JSON path) and skipped; the rest is scored. The program ends with the
// rows read, used and rejected, and exits 1 if any row was rejected, 2 on a
// usage error (a bad flag, or a config file that does not validate).
package main

import (
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

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/health"
	"github.com/cskit/cskit/internal/bookio"
	"github.com/cskit/cskit/internal/fault"
)

const program = "health-review"

//go:embed sample/config.json
var sampleConfig []byte

//go:embed sample/accounts.csv
var sampleBook []byte

// sampleAsOf is the day the sample book is scored at.
const sampleAsOf = "2026-06-30"

const usage = `Usage: health-review [flags] [accounts.csv|accounts.json ...]

Scores each account of the books with the config's scorecards (picked by
the account's stage and segment) and prints its score, band, what to do
about the renewal-intent question, and the measures that cost the score
most; then the book counted by band. With no book it runs over an embedded
sample and config as of ` + sampleAsOf + `.

A CSV book has one account a row: id, segment, stage, the day its values
were measured, one column per measure of the config (a plain decimal
number such as 20, 0.45 or 1e5; an empty cell is a missing measure, never
0), and an optional override:

  id,segment,stage,measured_on,days_since_contact,open_churn_case,risk_signals,active_user_ratio,feature_adoption,goal_progress,override_score,override_by,override_reason,override_from,override_until
  acme,smb,adoption,2026-06-30,20,0,1,0.5,0.45,0.6,,,,,

Stages: onboarding, adoption, expansion, renewal. Only id and stage are
required; a column that names no measure of the config is an error.

A JSON book is an array of accounts:

  [{"id":"acme","segment":"smb","stage":"adoption","inputs":[
     {"measure":"days_since_contact","value":20,"on":"2026-06-30"},
     {"measure":"risk_signals","value":1,"on":"2026-06-30"}],
    "overrides":[{"score":80,"by":"tanaka","reason":"...","from":"2026-06-20","until":"2026-07-20"}]}]

The config is the team's scorecard file (see the health package): its
scorecards, and the selection rule that picks one by stage and segment.

-review prints one account's usage review, laid out like a mock-exam
result sheet: per metric its value, the peer group's mean, median and
quartiles, its percentile, deviation score (50 + 10z), rank and gap, and
the advice of -metrics for its position; and its health score's
percentile in its segment. The -usage book has one account a row, its peer
group, segment, health score (may be empty) and a column per metric:

  account,group,segment,health,logins_per_user,reports_built,days_since_login
  acme,manufacturing 100-499,smb,54.75,12,3,5

-history and -outcomes backtest the scorecard: each renewal outcome
(renewed, downsold, churned) against the band of the account's latest
score 90 days before it; rates per band, their lift over the base rate,
and how early red warned. Rows:

  account,on,score,band           acme,2026-01-01,48,red
  account,on,result               acme,2026-05-31,renewed

With no book at all, the sample shows all three: the health review, the
usage review of acme and the backtest of the sample book.

Flags:
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the program; it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	return bookio.ExitCode(stderr, program, review(args, stdout, stderr))
}

func review(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet(program, flag.ContinueOnError)
	fs.SetOutput(stderr)
	asOfText := fs.String("asof", "", "the `date` the accounts are scored at, YYYY-MM-DD (default "+sampleAsOf+" for the sample, today for your books)")
	configPath := fs.String("config", "", "the scorecard config `file` (JSON); default the sample's")
	top := fs.Int("top", 3, "how many of the measures that cost most to print per account")
	reviewID := fs.String("review", "", "the `account` whose usage review to print, against its peers in the -usage book (default acme for the sample)")
	usagePath := fs.String("usage", "", "the usage `book` of the peers (CSV or JSON), for -review")
	metricsPath := fs.String("metrics", "", "the review config `file` (JSON: metrics and advice); default the sample's")
	historyPath := fs.String("history", "", "a `book` of past scores (CSV or JSON) to backtest against -outcomes")
	outcomesPath := fs.String("outcomes", "", "a `book` of renewal outcomes (CSV or JSON), for -history")
	minSample := fs.Int("min-sample", 30, "the fewest outcomes a backtest rate is reported for")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	files, err := bookio.ParseArgs(fs, args, 100)
	if err != nil {
		return err
	}
	if *top < 0 {
		return fmt.Errorf("%w: -top %d is negative", bookio.ErrUsage, *top)
	}
	if *minSample < 1 {
		return fmt.Errorf("%w: -min-sample %d is below 1", bookio.ErrUsage, *minSample)
	}
	if (*historyPath == "") != (*outcomesPath == "") {
		return fmt.Errorf("%w: -history and -outcomes go together", bookio.ErrUsage)
	}
	if *reviewID != "" && *usagePath == "" && (len(files) > 0 || *historyPath != "") {
		return fmt.Errorf("%w: -review needs the peers' -usage book", bookio.ErrUsage)
	}
	// With no book of any kind, the program shows everything on the sample.
	sample := len(files) == 0 && *usagePath == "" && *historyPath == ""
	asOf, err := asOfDate(*asOfText, sample)
	if err != nil {
		return err
	}
	configName, configText := "sample", sampleConfig
	if *configPath != "" {
		configName = *configPath
		if configText, err = os.ReadFile(*configPath); err != nil {
			return fmt.Errorf("%w: -config: %w", bookio.ErrUsage, err)
		}
	}
	var config health.Config
	if err := json.Unmarshal(configText, &config); err != nil {
		return fmt.Errorf("%w: -config %s: %w", bookio.ErrUsage, configName, err)
	}
	r, err := newReviewer(config, asOf, *top, stdout, stderr)
	if err != nil {
		return err
	}
	if sample || len(files) > 0 {
		fmt.Fprintf(stdout, "Health review as of %s (config %s: %s)\n", asOf, configName, r.cards())
		books := make([]*source, 0, len(files)+1)
		if sample {
			books = append(books, sampleSource("accounts.csv", sampleBook))
		}
		for _, name := range files {
			books = append(books, fileSource(name))
		}
		for _, src := range books {
			if err := r.each(src, r.columns, r.row); err != nil {
				return err
			}
		}
		r.printTally()
	}

	metricsName, metricsText := "sample", sampleReview
	if *metricsPath != "" {
		metricsName = *metricsPath
		if metricsText, err = os.ReadFile(*metricsPath); err != nil {
			return fmt.Errorf("%w: -metrics: %w", bookio.ErrUsage, err)
		}
	}
	switch {
	case sample:
		account := *reviewID
		if account == "" {
			account = "acme"
		}
		if err := r.usageReview(metricsName, metricsText, sampleSource("usage.csv", sampleUsage), account); err != nil {
			return err
		}
	case *usagePath != "" && *reviewID != "":
		if err := r.usageReview(metricsName, metricsText, fileSource(*usagePath), *reviewID); err != nil {
			return err
		}
	case *usagePath != "":
		return fmt.Errorf("%w: -usage needs the -review account", bookio.ErrUsage)
	}
	switch {
	case sample:
		if err := r.backtest(sampleSource("outcomes.csv", sampleOutcomes), sampleSource("history.csv", sampleHistory), *minSample); err != nil {
			return err
		}
	case *historyPath != "":
		if err := r.backtest(fileSource(*outcomesPath), fileSource(*historyPath), *minSample); err != nil {
			return err
		}
	}
	fmt.Fprintln(r.out, r.report.Summary())
	return r.report.Err()
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

// The CSV columns besides the measures: the account's, and an override's
// (a row with any of these gives an override).
var (
	accountColumns  = []string{"id", "segment", "stage", "measured_on"}
	overrideColumns = []string{"override_score", "override_by", "override_reason", "override_from", "override_until"}
)

// reviewer is the state of one run.
type reviewer struct {
	config   health.Config
	scorer   *health.Scorer
	asOf     date.Date
	top      int
	out      io.Writer
	measures []string // every measure of the config, in order of first appearance
	columns  bookio.Columns

	report bookio.Report
	ids    bookio.IDs
	tally  *health.Tally
	score  health.Score // reused for every account
	csv    bool         // the current row is a CSV row
	inCols []string     // the CSV column of each input of the current row
}

func newReviewer(config health.Config, asOf date.Date, top int, out, errOut io.Writer) (*reviewer, error) {
	s, err := health.NewScorer(config)
	if err != nil {
		return nil, fmt.Errorf("%w: -config: %w", bookio.ErrUsage, err)
	}
	t, err := health.NewTally(s, asOf)
	if err != nil {
		return nil, err
	}
	r := &reviewer{config: config, scorer: s, asOf: asOf, top: top, out: out, report: bookio.Report{Out: errOut}, tally: t}
	for _, sc := range config.Scorecards {
		for _, g := range sc.Groups {
			for _, m := range g.Measures {
				if !slices.Contains(r.measures, m.Name) {
					r.measures = append(r.measures, m.Name)
				}
			}
		}
	}
	r.columns = bookio.Columns{Known: slices.Concat(accountColumns, overrideColumns, r.measures), Required: []string{"id", "stage"}}
	return r, nil
}

// cards names the config's scorecards and versions.
func (r *reviewer) cards() string {
	var names []string
	for _, sc := range r.config.Scorecards {
		names = append(names, sc.Name+" "+sc.Version)
	}
	return strings.Join(names, ", ")
}

// row scores and prints the account of one row of a book.
func (r *reviewer) row(row *bookio.Row) error {
	var a health.Account
	r.csv = row.JSON() == nil
	if !r.csv {
		if err := json.Unmarshal(row.JSON(), &a); err != nil {
			return err
		}
	} else {
		var err error
		if a, err = r.csvAccount(row); err != nil {
			return err
		}
	}
	return r.account(a)
}

// csvAccount reads an account from a CSV row; the inputs are in the
// config's order of measures, and r.inCols names the column of each.
func (r *reviewer) csvAccount(row *bookio.Row) (health.Account, error) {
	a := health.Account{ID: row.Text("id"), Segment: row.Text("segment")}
	on := row.Date("measured_on")
	var errs []error
	if err := a.Stage.UnmarshalText([]byte(row.Text("stage"))); err != nil {
		errs = append(errs, &bookio.ColumnError{Column: "stage", Err: err})
	} else if a.Stage == 0 {
		errs = append(errs, &bookio.ColumnError{Column: "stage", Err: errors.New("missing: onboarding, adoption, expansion or renewal")})
	}
	r.inCols = r.inCols[:0]
	for _, m := range r.measures {
		v, ok, err := number(row, m)
		if err != nil {
			errs = append(errs, err)
		}
		if !ok {
			continue
		}
		a.Inputs = append(a.Inputs, health.Input{Measure: m, Value: v, On: on})
		r.inCols = append(r.inCols, m)
	}
	if slices.ContainsFunc(overrideColumns, func(col string) bool { return row.Text(col) != "" }) {
		o := health.Override{By: row.Text("override_by"), Reason: row.Text("override_reason"),
			From: row.Date("override_from"), Until: row.Date("override_until")}
		v, ok, err := number(row, "override_score")
		if err == nil && !ok {
			err = &bookio.ColumnError{Column: "override_score", Err: errors.New("missing: an override needs its score")}
		}
		if err != nil {
			errs = append(errs, err)
		}
		o.Score = v
		a.Overrides = []health.Override{o}
	}
	return a, errors.Join(append([]error{row.Err()}, errs...)...)
}

// account scores and counts one account and prints it.
func (r *reviewer) account(a health.Account) error {
	if a.ID != "" && !r.ids.Add(a.ID) {
		return fmt.Errorf("account %s is given twice", fault.Quote(a.ID))
	}
	if err := r.tally.Add(a); err != nil {
		return r.locate(err)
	}
	if err := r.scorer.ScoreTo(&r.score, a, r.asOf); err != nil {
		return r.locate(err) // the tally's checks: never here
	}
	t, err := health.TimingPolicy{}.Timing(r.score)
	if err != nil {
		return err
	}
	r.print(&r.score, t)
	return nil
}

// locate names the CSV column of an error about an input or the override
// ("inputs[2].value" is the column of the third input read), so a team
// finds the cell; errors of a JSON book keep the library's path. The
// problem is cut as a FieldError cuts it.
func (r *reviewer) locate(err error) error {
	var fe *health.FieldError
	if !errors.As(err, &fe) {
		return err
	}
	col := ""
	switch f := fe.Field; {
	case strings.HasPrefix(f, "inputs[") && r.csv:
		end := strings.IndexByte(f, ']')
		k, convErr := strconv.Atoi(f[len("inputs["):max(end, len("inputs["))])
		if convErr != nil || k >= len(r.inCols) {
			return err
		}
		col = r.inCols[k]
		if strings.HasSuffix(f, ".on") {
			col = "measured_on"
		}
	case strings.HasPrefix(f, "overrides[0].") && r.csv:
		col = "override_" + strings.TrimPrefix(f, "overrides[0].")
	case (f == "id" || f == "stage" || f == "segment") && r.csv:
		col = f
	default:
		return err
	}
	if fe.ID == "" {
		return fmt.Errorf("column %q: %s", col, fault.Problem("health", fault.Short(fe.Err)))
	}
	return fmt.Errorf("account %s: column %q: %s", fault.Quote(fe.ID), col, fault.Problem("health", fault.Short(fe.Err)))
}

// print writes one account: its score line, then what costs it most and
// what to know about its data.
func (r *reviewer) print(s *health.Score, t health.Timing) {
	value := s.Value.String()
	if s.Band == health.BandNone {
		value = "-"
	}
	band := s.Band.String()
	if band == "" {
		band = "none"
	}
	if s.Overridden() {
		value += "*"
	}
	fmt.Fprintf(r.out, "%-10s %-10s %-10s %-20s %7s %-6s  %s\n", s.Account, s.Segment, s.Stage, s.Scorecard, value, band, strings.ReplaceAll(t.Action.String(), "_", " "))
	if s.Overridden() {
		o := s.Override
		fmt.Fprintf(r.out, "    * override by %s until %s (%s); computed %s\n", o.By, o.Until, o.Reason, s.Computed)
	}
	if s.Insufficient {
		fmt.Fprintf(r.out, "    insufficient data: %s%% of the weight has data\n", s.Coverage)
	}
	var costly []health.MeasureScore
	for _, m := range s.Measures {
		if m.Counted && m.Lost.Hundredths() > 0 {
			costly = append(costly, m)
		}
	}
	slices.SortStableFunc(costly, func(a, b health.MeasureScore) int { return b.Lost.Cmp(a.Lost) })
	if len(costly) > r.top {
		costly = costly[:r.top]
	}
	if len(costly) > 0 && !s.Insufficient {
		var parts []string
		for _, m := range costly {
			parts = append(parts, fmt.Sprintf("%s -%s (%v: %s points)", m.Measure, m.Lost, m.Value, m.Points))
		}
		fmt.Fprintf(r.out, "    costs most: %s\n", strings.Join(parts, ", "))
	}
	var missing, stale []string
	for _, m := range s.Measures {
		switch m.Data {
		case health.DataMissing:
			missing = append(missing, m.Measure)
		case health.DataStale:
			stale = append(stale, m.Measure+" (measured "+m.On.String()+")")
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(r.out, "    missing: %s\n", strings.Join(missing, ", "))
	}
	if len(stale) > 0 {
		fmt.Fprintf(r.out, "    stale: %s\n", strings.Join(stale, ", "))
	}
}

// printTally prints the book by band.
func (r *reviewer) printTally() {
	t := r.tally.Result()
	mean := "no data (no account has a band)"
	if t.Red+t.Yellow+t.Green > 0 {
		mean = t.Mean.String()
	}
	fmt.Fprintf(r.out, "Accounts: %d; red %d, yellow %d, green %d, insufficient data %d; overridden %d, with stale data %d; mean score %s\n",
		t.Accounts, t.Red, t.Yellow, t.Green, t.Insufficient, t.Overridden, t.Stale, mean)
}

// number reads a CSV cell as a plain decimal number ("12", "-0.5", ".5",
// "1e5"): a sign, digits, a point and an exponent, nothing else, so
// "1_000", "0x10", "NaN" and "Inf", which strconv.ParseFloat would take,
// are refused. ok is false for an empty cell: a missing value, never 0.
func number(row *bookio.Row, col string) (v float64, ok bool, err error) {
	text := row.Text(col)
	if text == "" {
		return 0, false, nil
	}
	plain := !strings.ContainsFunc(text, func(r rune) bool { return !strings.ContainsRune("0123456789+-.eE", r) })
	if v, err = strconv.ParseFloat(text, 64); err != nil || !plain {
		return 0, false, &bookio.ColumnError{Column: col, Err: fmt.Errorf("want a number, not %s", fault.Quote(text))}
	}
	return v, true, nil
}
