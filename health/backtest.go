package health

import (
	"errors"
	"fmt"
	"hash/fnv"
	"iter"
	"slices"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/enum"
	"github.com/cskit/cskit/internal/jsonstrict"
	"golang.org/x/exp/stats"
)

// Errors of the backtest.
var (
	// ErrInvalidBacktest is wrapped by the errors about a past score, an
	// outcome or the backtest's options.
	ErrInvalidBacktest = errors.New("health: invalid backtest")
	// ErrNoScore is returned for an outcome whose account has no banded
	// score on or before the outcome: nothing predicted it.
	ErrNoScore = errors.New("health: outcome without a score")
	// ErrDuplicateScore is returned for two banded scores of an account on
	// the day that predicts one of its outcomes.
	ErrDuplicateScore = errors.New("health: score given twice")
	// ErrUnknownResult is returned for text that names no [Result].
	ErrUnknownResult = errors.New("health: unknown renewal result")
)

// Result is how a renewal ended. The zero value is not a result.
type Result uint8

// The renewal results.
const (
	ResultRenewed  Result = iota + 1 // renewed at the same amount or more
	ResultDownsold                   // renewed at a lower amount
	ResultChurned                    // did not renew
)

var resultNames = [...]string{"", "renewed", "downsold", "churned"}

// String returns "renewed", "downsold" or "churned".
func (r Result) String() string { return enum.String("Result", uint8(r), resultNames[:]) }

// Valid reports whether r is a declared result.
func (r Result) Valid() bool { return enum.Valid(uint8(r), resultNames[:]) }

// MarshalText encodes the result's name; the zero value encodes as "".
func (r Result) MarshalText() ([]byte, error) {
	return enum.Marshal(uint8(r), resultNames[:], ErrUnknownResult)
}

// UnmarshalText decodes a result's name; "" is the zero value.
func (r *Result) UnmarshalText(b []byte) error {
	return enum.Unmarshal((*uint8)(r), b, resultNames[:], ErrUnknownResult)
}

// PastScore is one score of an account's history, as a backtest reads it:
// the day, the score shown and its band.
type PastScore struct {
	Account string    `json:"account"`
	On      date.Date `json:"on"`
	Score   Points    `json:"score"`
	Band    Band      `json:"band"`
}

// PastScoreOf returns the history entry of a score.
func PastScoreOf(s Score) PastScore {
	return PastScore{Account: s.Account, On: s.AsOf, Score: s.Value, Band: s.Band}
}

// Outcome is how one renewal of an account ended, and when.
type Outcome struct {
	Account string    `json:"account"`
	On      date.Date `json:"on"`
	Result  Result    `json:"result"`
}

// BacktestOptions configure a backtest. Zero fields mean the defaults of
// [DefaultBacktestOptions].
type BacktestOptions struct {
	// Horizon is how long before an outcome its predicting score must be:
	// the band that predicts an outcome is that of the latest score on or
	// before the outcome's day minus Horizon. Zero means 90 days.
	Horizon date.Period `json:"horizon,omitzero"`
	// Lookback is how far before an outcome a red score counts as a
	// warning of it. Zero means one year.
	Lookback date.Period `json:"lookback,omitzero"`
	// MinSample is the fewest outcomes a rate is reported for; fewer say
	// "too few" instead. Zero means 30.
	MinSample int `json:"min_sample"`
	// AllowNoScore counts outcomes without any score instead of refusing
	// the book with ErrNoScore.
	AllowNoScore bool `json:"allow_no_score"`
}

// DefaultBacktestOptions returns the defaults [ours]: a horizon of 90 days
// (the score a team acting at the usual 90-day renewal alert would have
// seen [CS platforms: alerts 90 days out]), a lookback of one year (a
// yearly contract's term), and rates reported from 30 outcomes up (a rule
// of thumb below which one outcome moves a rate by several points).
func DefaultBacktestOptions() BacktestOptions {
	return BacktestOptions{Horizon: date.Days(90), Lookback: date.Months(12), MinSample: 30}
}

// outcomeState is what a backtest learned about one outcome.
type outcomeState struct {
	Outcome
	horizon   date.Date // the predicting score is on or before this day
	lookback  date.Date // a red score on or after this day warns
	predictOn date.Date // the day of the predicting score so far
	band      Band
	anyScore  bool      // a banded score on or before the outcome
	firstRed  date.Date // the first red in [lookback, outcome]
}

// Backtest checks whether a scorecard's bands predicted the renewal
// outcomes that followed them: an accumulator built on the outcomes, fed a
// stream of past scores (Add), mergeable across shards of the scores
// (Merge), with the rates per band as its result.
//
// It keeps the outcomes (a few dozen bytes each) and nothing per score, so
// a history of any length streams. A score of an account without an
// outcome, or dated after every outcome of its account, is skipped. Two
// banded scores of an account on the day that would predict an outcome
// are an error; elsewhere duplicates are not detected and change nothing.
// It is not safe for concurrent use.
type Backtest struct {
	opts      BacktestOptions
	outcomes  []outcomeState
	byAccount map[string][]int32
	print     uint64 // a fingerprint of the outcomes and options, for Merge
	scores    int    // scores read
	used      int    // scores that counted for an outcome
}

// NewBacktest returns a backtest of the outcomes.
//
// It returns an error if the options are invalid ([ErrInvalidOptions]), or
// an outcome has no account, no day, no result, or repeats an account and
// day ([ErrDuplicateAccount]); errors name the outcome's position.
func NewBacktest(outcomes iter.Seq[Outcome], opts BacktestOptions) (*Backtest, error) {
	d := DefaultBacktestOptions()
	if opts.Horizon.IsZero() {
		opts.Horizon = d.Horizon
	}
	if opts.Lookback.IsZero() {
		opts.Lookback = d.Lookback
	}
	if opts.MinSample == 0 {
		opts.MinSample = d.MinSample
	}
	switch {
	case opts.Horizon.Validate() != nil:
		return nil, fieldErr("", "horizon", withKind(ErrInvalidOptions, opts.Horizon.Validate()))
	case opts.Lookback.Validate() != nil:
		return nil, fieldErr("", "lookback", withKind(ErrInvalidOptions, opts.Lookback.Validate()))
	case opts.MinSample < 0:
		return nil, fieldErr("", "min_sample", fmt.Errorf("%w: %d is negative", ErrInvalidOptions, opts.MinSample))
	}
	if outcomes == nil {
		return nil, fmt.Errorf("health: outcomes: %w", ErrNilBook)
	}
	b := &Backtest{opts: opts, byAccount: make(map[string][]int32)}
	h := fnv.New64a()
	fmt.Fprintf(h, "%s %s %d %t\n", opts.Horizon, opts.Lookback, opts.MinSample, opts.AllowNoScore)
	i := 0
	for o := range outcomes {
		if err := o.validate(); err != nil {
			return nil, &book.RowError{Pkg: "health", Index: i, Err: err}
		}
		for _, k := range b.byAccount[o.Account] {
			if b.outcomes[k].On == o.On {
				return nil, &book.RowError{Pkg: "health", Index: i, Err: fieldErr(o.Account, "on",
					fmt.Errorf("%w: two outcomes of the account on %s", ErrDuplicateAccount, o.On))}
			}
		}
		b.byAccount[o.Account] = append(b.byAccount[o.Account], int32(len(b.outcomes)))
		b.outcomes = append(b.outcomes, outcomeState{Outcome: o, horizon: opts.Horizon.Before(o.On), lookback: opts.Lookback.Before(o.On)})
		fmt.Fprintf(h, "%s %s %s\n", o.Account, o.On, o.Result)
		i++
	}
	b.print = h.Sum64()
	return b, nil
}

// validate checks an outcome.
func (o *Outcome) validate() error {
	switch {
	case o.Account == "":
		return fieldErr("", "account", withKind(ErrInvalidBacktest, ErrMissingName))
	case o.On.IsZero():
		return fieldErr(o.Account, "on", withKind(ErrInvalidBacktest, ErrMissingDate))
	case !o.Result.Valid():
		return fieldErr(o.Account, "result", withKind(ErrInvalidBacktest, fmt.Errorf("%w: renewed, downsold or churned", ErrUnknownResult)))
	}
	return nil
}

// Validate checks the outcome: an account, a day and a result.
func (o Outcome) Validate() error { return o.validate() }

// Validate checks the score: an account, a day, a score in [0, 100] and a
// declared band (or none).
func (s PastScore) Validate() error {
	switch {
	case s.Account == "":
		return fieldErr("", "account", withKind(ErrInvalidBacktest, ErrMissingName))
	case s.On.IsZero():
		return fieldErr(s.Account, "on", withKind(ErrInvalidBacktest, ErrMissingDate))
	case s.Score.h < 0 || s.Score.h > fullPoints:
		return fieldErr(s.Account, "score", withKind(ErrInvalidBacktest, fmt.Errorf("%w: %s is outside [0, 100]", ErrInvalidNumber, s.Score)))
	case s.Band != BandNone && !s.Band.Valid():
		return fieldErr(s.Account, "band", withKind(ErrInvalidBacktest, fmt.Errorf("%w %d", ErrUnknownBand, s.Band)))
	}
	return nil
}

// Add reads one past score. It returns an error, leaving the backtest
// unchanged, for an invalid score (see [PastScore.Validate]) or a second
// banded score of the account on the day that predicts one of its
// outcomes ([ErrDuplicateScore]).
func (b *Backtest) Add(s PastScore) error {
	if err := s.Validate(); err != nil {
		return err
	}
	ks := b.byAccount[s.Account]
	if s.Band != BandNone {
		for _, k := range ks {
			o := &b.outcomes[k]
			if o.band != BandNone && s.On == o.predictOn {
				return fieldErr(s.Account, "on", withKind(ErrInvalidBacktest, fmt.Errorf("%w: two on %s", ErrDuplicateScore, s.On)))
			}
		}
	}
	b.scores++
	used := false
	for _, k := range ks {
		o := &b.outcomes[k]
		if s.Band == BandNone || s.On.After(o.On) {
			continue
		}
		used = true
		o.anyScore = true
		if !s.On.After(o.horizon) && (o.band == BandNone || s.On.After(o.predictOn)) {
			o.predictOn, o.band = s.On, s.Band
		}
		if s.Band == BandRed && !s.On.Before(o.lookback) && (o.firstRed.IsZero() || s.On.Before(o.firstRed)) {
			o.firstRed = s.On
		}
	}
	if used {
		b.used++
	}
	return nil
}

// Merge adds what o learned from its scores to b. Both must be built on
// the same outcomes with the same options ([ErrMismatch]); two scores of
// an account on the day that predicts an outcome, one in each, are an
// error ([ErrDuplicateScore]). b is unchanged on error; o is left as it
// was.
func (b *Backtest) Merge(o *Backtest) error {
	if o == nil || o.print != b.print || len(o.outcomes) != len(b.outcomes) {
		return fmt.Errorf("%w: backtests of different outcomes or options", ErrMismatch)
	}
	for i := range b.outcomes {
		x, y := &b.outcomes[i], &o.outcomes[i]
		if x.band != BandNone && y.band != BandNone && x.predictOn == y.predictOn {
			return fieldErr(x.Account, "on", withKind(ErrInvalidBacktest, fmt.Errorf("%w: two on %s", ErrDuplicateScore, x.predictOn)))
		}
	}
	for i := range b.outcomes {
		x, y := &b.outcomes[i], &o.outcomes[i]
		x.anyScore = x.anyScore || y.anyScore
		if y.band != BandNone && (x.band == BandNone || y.predictOn.After(x.predictOn)) {
			x.predictOn, x.band = y.predictOn, y.band
		}
		if !y.firstRed.IsZero() && (x.firstRed.IsZero() || y.firstRed.Before(x.firstRed)) {
			x.firstRed = y.firstRed
		}
	}
	b.scores += o.scores
	b.used += o.used
	return nil
}

// BacktestResult is what a backtest found: per band, the outcomes its
// scores were followed by, the churn and downsell rates and their lift
// over the base rate; and how early red warned of churn and downsell.
type BacktestResult struct {
	Options BacktestOptions `json:"options"`
	// Scores is the number of past scores read, Used those that counted
	// for an outcome.
	Scores int `json:"scores"`
	Used   int `json:"used"`
	// Outcomes counts every outcome; Predicted those with a band by the
	// horizon; TooLate those whose account was scored only within the
	// horizon (too late to act on); NoScore those without any score.
	Outcomes  int `json:"outcomes"`
	Predicted int `json:"predicted"`
	TooLate   int `json:"too_late"`
	NoScore   int `json:"no_score"`
	// All is every predicted outcome, whatever its band: the base rates.
	All BandOutcomes `json:"all"`
	// Bands are red, yellow and green, in that order.
	Bands []BandOutcomes `json:"bands"`
	// Warnings are for churned and downsold outcomes.
	Warnings []Warning `json:"warnings"`
}

// BandOutcomes are the outcomes that followed one band.
type BandOutcomes struct {
	Band     Band `json:"band"`
	Outcomes int  `json:"outcomes"`
	Renewed  int  `json:"renewed"`
	Downsold int  `json:"downsold"`
	Churned  int  `json:"churned"`
	// ChurnRate is Churned/Outcomes and DownsellRate Downsold/Outcomes.
	ChurnRate    Rate `json:"churn_rate"`
	DownsellRate Rate `json:"downsell_rate"`
	// ChurnLift is ChurnRate over the base churn rate (1.00 is no better
	// than chance), DownsellLift likewise.
	ChurnLift    Lift `json:"churn_lift"`
	DownsellLift Lift `json:"downsell_lift"`
}

// Rate is a count out of a total. Percent is Count/Of in percent, exact to
// the hundredth (rounded half up), and is reported only from the
// backtest's minimum sample up: a small sample says so instead.
type Rate struct {
	Count    int    `json:"count"`
	Of       int    `json:"of"`
	Percent  Points `json:"percent"`
	Reported bool   `json:"reported"`
}

// Lift is a band's rate divided by the base rate, to the hundredth
// (rounded half up); reported when both rates are and the base rate is
// not zero.
type Lift struct {
	Value    Points `json:"value"`
	Reported bool   `json:"reported"`
}

// Warning is how early red warned of one kind of outcome: the days from
// the first red score in the lookback to the outcome.
type Warning struct {
	Result Result `json:"result"`
	// Warned counts the outcomes of this kind (with a score) that had a red
	// score in the lookback.
	Warned Rate `json:"warned"`
	// The days between the first red and the outcome, over the warned
	// outcomes: median (the mean of the middle two for an even count), least
	// and most. Zero when none was warned.
	MedianDays float64 `json:"median_days"`
	MinDays    int     `json:"min_days"`
	MaxDays    int     `json:"max_days"`
}

// rate returns count of n, reported from min up.
func rate(count, n, min int) Rate {
	r := Rate{Count: count, Of: n}
	if n > 0 && n >= min {
		r.Percent, r.Reported = Points{roundDiv(int64(fullPoints)*int64(count), int64(n))}, true
	}
	return r
}

// lift returns (c/n)/(bc/bn) in hundredths: 100·c·bn/(n·bc).
func lift(r, base Rate) Lift {
	if !r.Reported || !base.Reported || base.Count == 0 {
		return Lift{}
	}
	return Lift{Value: Points{roundDiv(100*int64(r.Count)*int64(base.Of), int64(r.Of)*int64(base.Count))}, Reported: true}
}

// Result returns what the scores read so far say.
func (b *Backtest) Result() BacktestResult {
	res := BacktestResult{Options: b.opts, Scores: b.scores, Used: b.used, Outcomes: len(b.outcomes)}
	var counts [4][4]int // [band][result]
	days := map[Result][]float64{ResultChurned: {}, ResultDownsold: {}}
	scored := map[Result]int{}
	for i := range b.outcomes {
		o := &b.outcomes[i]
		switch {
		case !o.anyScore:
			res.NoScore++
			continue
		case o.band == BandNone:
			res.TooLate++
		default:
			res.Predicted++
			counts[o.band][o.Result]++
			counts[0][o.Result]++
		}
		scored[o.Result]++
		if !o.firstRed.IsZero() {
			if d, ok := days[o.Result]; ok {
				days[o.Result] = append(d, float64(o.firstRed.DaysUntil(o.On)))
			}
		}
	}
	bandOf := func(band Band) BandOutcomes {
		c := counts[band]
		n := c[ResultRenewed] + c[ResultDownsold] + c[ResultChurned]
		return BandOutcomes{Band: band, Outcomes: n, Renewed: c[ResultRenewed], Downsold: c[ResultDownsold], Churned: c[ResultChurned],
			ChurnRate: rate(c[ResultChurned], n, b.opts.MinSample), DownsellRate: rate(c[ResultDownsold], n, b.opts.MinSample)}
	}
	res.All = bandOf(BandNone)
	for _, band := range []Band{BandRed, BandYellow, BandGreen} {
		bo := bandOf(band)
		bo.ChurnLift, bo.DownsellLift = lift(bo.ChurnRate, res.All.ChurnRate), lift(bo.DownsellRate, res.All.DownsellRate)
		res.Bands = append(res.Bands, bo)
	}
	for _, r := range []Result{ResultChurned, ResultDownsold} {
		d := days[r]
		w := Warning{Result: r, Warned: rate(len(d), scored[r], b.opts.MinSample)}
		if len(d) > 0 {
			slices.Sort(d)
			w.MedianDays = stats.Median(d)
			w.MinDays, w.MaxDays = int(d[0]), int(d[len(d)-1])
		}
		res.Warnings = append(res.Warnings, w)
	}
	return res
}

// RunBacktest runs a backtest of the outcomes over a stream of past
// scores (see [Backtest]). It stops at the first score refused and names
// its position and account; a nil stream is an error wrapping
// [ErrNilBook]. Unless opts.AllowNoScore is set, an outcome whose account
// has no score on or before it is an error wrapping [ErrNoScore] that
// names the first such account: a backtest that silently dropped it would
// look better than it is.
func RunBacktest(outcomes iter.Seq[Outcome], scores iter.Seq[PastScore], opts BacktestOptions) (BacktestResult, error) {
	b, err := NewBacktest(outcomes, opts)
	if err != nil {
		return BacktestResult{}, err
	}
	if err := book.Feed("health", scores, b.Add); err != nil {
		return BacktestResult{}, err
	}
	res := b.Result()
	if res.NoScore > 0 && !b.opts.AllowNoScore {
		for i := range b.outcomes {
			if o := &b.outcomes[i]; !o.anyScore {
				return BacktestResult{}, fieldErr(o.Account, "on", fmt.Errorf("%w: the outcome on %s (%s) follows no score; %d outcomes have none (AllowNoScore counts them)",
					ErrNoScore, o.On, o.Result, res.NoScore))
			}
		}
	}
	return res, nil
}

// UnmarshalJSON decodes an outcome strictly and validates it; errors wrap
// [ErrInvalidBacktest] and the receiver is left alone on error.
func (o *Outcome) UnmarshalJSON(b []byte) error {
	type plain Outcome
	var p plain
	if err := jsonstrict.Decode(b, &p); err != nil {
		return decodeErr(ErrInvalidBacktest, err)
	}
	v := Outcome(p)
	if err := v.validate(); err != nil {
		return err
	}
	*o = v
	return nil
}

// UnmarshalJSON decodes a past score strictly and validates it; errors
// wrap [ErrInvalidBacktest] and the receiver is left alone on error.
func (s *PastScore) UnmarshalJSON(b []byte) error {
	type plain PastScore
	var p plain
	if err := jsonstrict.Decode(b, &p); err != nil {
		return decodeErr(ErrInvalidBacktest, err)
	}
	v := PastScore(p)
	if err := v.Validate(); err != nil {
		return err
	}
	*s = v
	return nil
}
