package main

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cskit/cskit/health"
	"github.com/cskit/cskit/internal/bookio"
	"github.com/cskit/cskit/internal/fault"
)

//go:embed sample/review.json
var sampleReview []byte

//go:embed sample/usage.csv
var sampleUsage []byte

//go:embed sample/history.csv
var sampleHistory []byte

//go:embed sample/outcomes.csv
var sampleOutcomes []byte

// source is a book to read: its name and its text (a file, or a sample).
type source struct {
	name string
	open func() (io.ReadCloser, error)
}

// fileSource reads a file.
func fileSource(name string) *source {
	return &source{name: name, open: func() (io.ReadCloser, error) { return os.Open(name) }}
}

// sampleSource reads an embedded sample.
func sampleSource(name string, text []byte) *source {
	return &source{name: name, open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(string(text))), nil }}
}

// each streams the rows of a book to f; a row f refuses is reported.
func (r *reviewer) each(src *source, cols bookio.Columns, f func(row *bookio.Row) error) error {
	in, err := src.open()
	if err != nil {
		return err
	}
	defer in.Close()
	rd, err := bookio.Open(src.name, in, cols)
	if err != nil {
		return err
	}
	for rd.Next() {
		row := rd.Row()
		if err := f(row); err != nil {
			r.report.Reject(row.Loc, err)
			continue
		}
		r.report.Use()
	}
	return rd.Err()
}

// usageReview builds the peers of the usage book in one pass, keeping the
// row of the account to review, and prints its sheet.
func (r *reviewer) usageReview(configName string, configText []byte, usage *source, account string) error {
	var cfg health.ReviewConfig
	if err := json.Unmarshal(configText, &cfg); err != nil {
		return fmt.Errorf("%w: -metrics %s: %w", bookio.ErrUsage, configName, err)
	}
	peers, err := health.NewPeerAcc(cfg)
	if err != nil {
		return err
	}
	cols := bookio.Columns{Known: []string{"account", "group", "segment", "health"}, Required: []string{"account", "group"}}
	for _, m := range cfg.Metrics {
		cols.Known = append(cols.Known, m.Name)
	}
	var target *health.Usage
	err = r.each(usage, cols, func(row *bookio.Row) error {
		u, err := readUsage(row, cfg)
		if err != nil {
			return err
		}
		if err := peers.Add(u); err != nil {
			return err
		}
		if u.Account == account {
			target = &u
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(r.out)
	if target == nil {
		fmt.Fprintf(r.out, "Usage review: account %s is not in %s\n", fault.Quote(account), usage.name)
		return nil
	}
	result := peers.Result()
	sheet, err := result.Review(*target)
	if err != nil {
		return err
	}
	fmt.Fprint(r.out, sheet.Text())
	return nil
}

// readUsage reads a usage row: a JSON object, or a CSV row with one
// column per metric (an empty cell is missing).
func readUsage(row *bookio.Row, cfg health.ReviewConfig) (health.Usage, error) {
	var u health.Usage
	if row.JSON() != nil {
		err := json.Unmarshal(row.JSON(), &u)
		return u, err
	}
	u = health.Usage{Account: row.Text("account"), Group: row.Text("group"), Segment: row.Text("segment")}
	var errs []error
	if text := row.Text("health"); text != "" {
		var p health.Points
		if err := p.UnmarshalJSON([]byte(text)); err != nil {
			errs = append(errs, &bookio.ColumnError{Column: "health", Err: err})
		}
		u.Health = &p
	}
	for _, m := range cfg.Metrics {
		v, ok, err := number(row, m.Name)
		if err != nil {
			errs = append(errs, err)
		}
		if ok {
			u.Values = append(u.Values, health.MetricValue{Metric: m.Name, Value: v})
		}
	}
	return u, errors.Join(append([]error{row.Err()}, errs...)...)
}

// backtest reads the outcomes, streams the history of scores against
// them, and prints the rates per band.
func (r *reviewer) backtest(outcomesSrc, history *source, minSample int) error {
	var outcomes []health.Outcome
	err := r.each(outcomesSrc, bookio.Columns{Known: []string{"account", "on", "result"}, Required: []string{"account", "on", "result"}},
		func(row *bookio.Row) error {
			var o health.Outcome
			if row.JSON() != nil {
				if err := json.Unmarshal(row.JSON(), &o); err != nil {
					return err
				}
			} else {
				o = health.Outcome{Account: row.Text("account"), On: row.Date("on")}
				if err := o.Result.UnmarshalText([]byte(row.Text("result"))); err != nil {
					return errors.Join(row.Err(), &bookio.ColumnError{Column: "result", Err: err})
				}
				if err := errors.Join(row.Err(), o.Validate()); err != nil {
					return err
				}
			}
			outcomes = append(outcomes, o)
			return nil
		})
	if err != nil {
		return err
	}
	opts := health.BacktestOptions{MinSample: minSample, AllowNoScore: true}
	bt, err := health.NewBacktest(func(yield func(health.Outcome) bool) {
		for _, o := range outcomes {
			if !yield(o) {
				return
			}
		}
	}, opts)
	if err != nil {
		return err // outcomes given twice: the whole book is in question
	}
	err = r.each(history, bookio.Columns{Known: []string{"account", "on", "score", "band"}, Required: []string{"account", "on", "score", "band"}},
		func(row *bookio.Row) error {
			var s health.PastScore
			if row.JSON() != nil {
				if err := json.Unmarshal(row.JSON(), &s); err != nil {
					return err
				}
				return bt.Add(s)
			}
			s = health.PastScore{Account: row.Text("account"), On: row.Date("on")}
			var errs []error
			if err := s.Score.UnmarshalJSON([]byte(row.Text("score"))); err != nil {
				errs = append(errs, &bookio.ColumnError{Column: "score", Err: err})
			}
			if err := s.Band.UnmarshalText([]byte(row.Text("band"))); err != nil {
				errs = append(errs, &bookio.ColumnError{Column: "band", Err: err})
			}
			if err := errors.Join(append([]error{row.Err()}, errs...)...); err != nil {
				return err
			}
			return bt.Add(s)
		})
	if err != nil {
		return err
	}
	printBacktest(r.out, bt.Result())
	return nil
}

// printBacktest prints a backtest's table.
func printBacktest(out io.Writer, res health.BacktestResult) {
	fmt.Fprintf(out, "\nBacktest: %d outcomes, %d predicted by their band at the horizon (%s before), %d scored too late, %d without a score; %d past scores read, %d used\n",
		res.Outcomes, res.Predicted, res.Options.Horizon, res.TooLate, res.NoScore, res.Scores, res.Used)
	fmt.Fprintf(out, "  %-7s %8s %8s %9s %8s  %-22s %-22s %s\n", "band", "outcomes", "renewed", "downsold", "churned", "churn rate", "downsell rate", "churn lift")
	rows := append([]health.BandOutcomes{res.All}, res.Bands...)
	for _, b := range rows {
		name := b.Band.String()
		if b.Band == health.BandNone {
			name = "all"
		}
		lift := "-"
		if b.ChurnLift.Reported {
			lift = b.ChurnLift.Value.String()
		}
		fmt.Fprintf(out, "  %-7s %8d %8d %9d %8d  %-22s %-22s %s\n", name, b.Outcomes, b.Renewed, b.Downsold, b.Churned,
			rateText(b.ChurnRate), rateText(b.DownsellRate), lift)
	}
	for _, w := range res.Warnings {
		if w.Warned.Of == 0 {
			continue
		}
		fmt.Fprintf(out, "  %s: red came first for %s, a median %.0f days before (%d to %d)\n",
			w.Result, rateText(w.Warned), w.MedianDays, w.MinDays, w.MaxDays)
	}
	fmt.Fprintf(out, "  (rates are reported from %d outcomes; fewer are counted, not rated)\n", res.Options.MinSample)
}

// rateText is "1 of 5 (20.00%)", or "1 of 5 (too few)" for a small sample.
func rateText(r health.Rate) string {
	if r.Of == 0 {
		return "-"
	}
	if !r.Reported {
		return fmt.Sprintf("%d of %d (too few)", r.Count, r.Of)
	}
	return fmt.Sprintf("%d of %d (%s%%)", r.Count, r.Of, r.Percent)
}
