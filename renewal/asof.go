package renewal

import "github.com/cskit/cskit/date"

// KnownOn returns r as it was known on day d: only the completions and
// forecast calls dated on or before d, and the outcome only if it was
// recorded by then. Use it to replay a book as of an earlier date, or to
// backtest a playbook against what the CSM knew at the time; functions that
// take an as-of date refuse records dated after it
// ([ErrRecordAfterAsOf]) rather than drop them silently.
//
// KnownOn shares no slice with r: the result can be changed freely.
func (r Renewal) KnownOn(d date.Date) Renewal {
	out := r
	out.Completions = nil
	for _, c := range r.Completions {
		if !c.Date.After(d) {
			out.Completions = append(out.Completions, c)
		}
	}
	out.Calls = nil
	for _, c := range r.Calls {
		if !c.Date.After(d) {
			out.Calls = append(out.Calls, c)
		}
	}
	if r.Outcome.Result != ResultOpen && r.Outcome.Date.After(d) {
		out.Outcome = Outcome{}
	}
	if r.FirstContact.After(d) {
		out.FirstContact = date.Date{}
	}
	return out
}
