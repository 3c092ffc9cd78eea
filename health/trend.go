package health

import (
	"fmt"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/fault"
)

// TrendOptions configure [TrendOf]. Zero fields mean the defaults of
// [DefaultTrendOptions].
type TrendOptions struct {
	// Window is how far back the change is measured from the as-of date;
	// zero means three months.
	Window date.Period `json:"window,omitzero"`
	// Flat is the largest change, in points, still called flat (a change
	// of exactly Flat is flat); zero means 5. At most two decimals.
	Flat float64 `json:"flat"`
}

// DefaultTrendOptions returns the defaults: a window of three calendar
// months (a quarter, the span of a renewal window) and changes of at most
// 5 points flat [ours].
func DefaultTrendOptions() TrendOptions {
	return TrendOptions{Window: date.Months(3), Flat: 5}
}

// Trend is how an account's score moved over a window.
type Trend struct {
	Account string `json:"account"`
	// From and To are the days of the scores the change is measured
	// between: To the latest score on or before the as-of date, From the
	// latest on or before the window's start (or the earliest score, when
	// the history is shorter than the window: then Complete is false).
	From     date.Date `json:"from,omitzero"`
	To       date.Date `json:"to,omitzero"`
	Complete bool      `json:"complete"`
	Start    Points    `json:"start"`
	End      Points    `json:"end"`
	// Change is End − Start.
	Change   Points   `json:"change"`
	Movement Movement `json:"movement"`
	// Crossings are the band changes between consecutive scores from From
	// to To, in date order.
	Crossings []Crossing `json:"crossings"`
	// Scores is the number of scores from From to To.
	Scores int `json:"scores"`
}

// Crossing is a band change: the account was in band From at its previous
// score and in band To on day On.
type Crossing struct {
	On   date.Date `json:"on"`
	From Band      `json:"from"`
	To   Band      `json:"to"`
}

// TrendOf measures the trend of one account's history of scores as of
// asOf. The history is in date order, one score a day at most; the score
// used is the one shown (Value, an override's while one was in force).
// Scores without a band (insufficient data) are skipped. A history with no
// scored entry on or before asOf gives a Trend with MovementNone.
//
// TrendOf returns an error if:
//   - asOf is zero ([ErrMissingDate]) or the options are invalid
//     ([ErrInvalidOptions]);
//   - the scores are of different accounts, are not in strictly
//     increasing date order, have no date ([ErrInvalidScore]), or are
//     dated after asOf ([ErrAfterAsOf]);
//   - a score is outside [0, 100] ([ErrInvalidScore]).
func TrendOf(history []Score, asOf date.Date, opts TrendOptions) (Trend, error) {
	if asOf.IsZero() {
		return Trend{}, fieldErr("", "as_of", ErrMissingDate)
	}
	d := DefaultTrendOptions()
	if opts.Window.IsZero() {
		opts.Window = d.Window
	}
	if opts.Flat == 0 {
		opts.Flat = d.Flat
	}
	if err := opts.Window.Validate(); err != nil {
		return Trend{}, fieldErr("", "window", withKind(ErrInvalidOptions, err))
	}
	flat, err := pointsOf(opts.Flat)
	if err != nil {
		return Trend{}, fieldErr("", "flat", withKind(ErrInvalidOptions, err))
	}
	if len(history) == 0 {
		return Trend{Crossings: []Crossing{}}, nil
	}
	id := history[0].Account
	for i := range history {
		h := &history[i]
		path := index("history", i)
		switch {
		case h.Account != id:
			return Trend{}, fieldErr(id, path+".account", fmt.Errorf("%w: a history is of one account, not also %s", ErrInvalidScore, fault.Quote(h.Account)))
		case h.AsOf.IsZero():
			return Trend{}, fieldErr(id, path+".as_of", withKind(ErrInvalidScore, ErrMissingDate))
		case h.AsOf.After(asOf):
			return Trend{}, fieldErr(id, path+".as_of", fmt.Errorf("%w: %s is after %s", ErrAfterAsOf, h.AsOf, asOf))
		case i > 0 && !h.AsOf.After(history[i-1].AsOf):
			return Trend{}, fieldErr(id, path+".as_of", fmt.Errorf("%w: %s is not after the score before (%s); a history is in date order, one score a day", ErrInvalidScore, h.AsOf, history[i-1].AsOf))
		case h.Value.h < 0 || h.Value.h > fullPoints:
			return Trend{}, fieldErr(id, path+".score", fmt.Errorf("%w: %s is outside [0, 100]", ErrInvalidScore, h.Value))
		}
	}
	t := Trend{Account: id, Crossings: []Crossing{}}
	start := opts.Window.Before(asOf)
	first, last := -1, -1
	for i := range history {
		if history[i].Band == BandNone {
			continue
		}
		if first < 0 || !history[i].AsOf.After(start) {
			first = i
		}
		last = i
	}
	if last < 0 {
		return t, nil
	}
	t.Complete = !history[first].AsOf.After(start)
	t.From, t.To = history[first].AsOf, history[last].AsOf
	t.Start, t.End = history[first].Value, history[last].Value
	t.Change = Points{t.End.h - t.Start.h}
	switch {
	case t.Change.h > flat:
		t.Movement = MovementUp
	case t.Change.h < -flat:
		t.Movement = MovementDown
	default:
		t.Movement = MovementFlat
	}
	prev := BandNone
	for i := first; i <= last; i++ {
		h := &history[i]
		if h.Band == BandNone {
			continue
		}
		t.Scores++
		if prev != BandNone && h.Band != prev {
			t.Crossings = append(t.Crossings, Crossing{On: h.AsOf, From: prev, To: h.Band})
		}
		prev = h.Band
	}
	return t, nil
}
