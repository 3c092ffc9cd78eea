package renewal

import (
	"fmt"

	"github.com/cskit/cskit/date"
)

// MaxRangeMonths is the longest [DateRange]: To at most this many calendar
// months after From (ten years [ours]), which keeps the per-month totals of
// a forecast small and fixed.
const MaxRangeMonths = 120

// DateRange is the half-open span of days [From, To) that KPIs and a
// forecast cover: a renewal on From counts, one on To does not, so
// consecutive ranges (From = the previous To) never count a renewal twice.
// The first quarter of 2027 is DateRange{2027-01-01, 2027-04-01}.
//
// The zero DateRange is invalid.
type DateRange struct {
	// From is the first day; required.
	From date.Date `json:"from"`
	// To is the day after the last day; required, after From and at most
	// MaxRangeMonths months after it.
	To date.Date `json:"to"`
}

// Validate returns an error if:
//   - From or To is zero ([ErrMissingDate]);
//   - To is not after From, or is more than MaxRangeMonths months after it
//     ([ErrInvalidRange]).
func (r DateRange) Validate() error {
	switch {
	case r.From.IsZero():
		return fieldErr("", "from", ErrMissingDate)
	case r.To.IsZero():
		return fieldErr("", "to", ErrMissingDate)
	case !r.To.After(r.From):
		return fieldErr("", "to", fmt.Errorf("%w: [%s, %s) is empty", ErrInvalidRange, r.From, r.To))
	case r.To.After(r.From.AddMonths(MaxRangeMonths)):
		return fieldErr("", "to", fmt.Errorf("%w: %s to %s is longer than %d months", ErrInvalidRange, r.From, r.To, MaxRangeMonths))
	}
	return nil
}

// Contains reports whether d falls in [From, To).
func (r DateRange) Contains(d date.Date) bool { return !d.Before(r.From) && d.Before(r.To) }
