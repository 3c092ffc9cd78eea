package churn

import (
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// ExpectedLoss returns the expected loss of case c: its ARR at risk times
// the weight of its phase (see [Weights]), exact. A closed case has none:
// a saved case lost nothing and a churned one's loss is no longer
// expected but recorded ([Case.Lost]).
//
// It is a plain amount a host hands to a renewal forecast as that
// renewal's risk adjustment.
//
// ExpectedLoss returns an error if the policy or the case is invalid (see
// [Policy.Validate] and [Case.Validate]), or if the loss would be out of
// the amounts' range ([ErrAmountOutOfRange]; see [ForecastAcc.Add]).
func (p Policy) ExpectedLoss(c Case) (decimal.Decimal, error) {
	rp := p.resolved()
	if err := rp.validate(); err != nil {
		return decimal.Decimal{}, err
	}
	ck, err := c.validate(true)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if !ck.phase.Open() {
		return decimal.Decimal{}, nil
	}
	w := rp.Weights.Of(ck.phase)
	if err := checkLoss(&c, w); err != nil {
		return decimal.Decimal{}, err
	}
	return c.ARRAtRisk.Mul(w), nil
}

// checkLoss returns an error wrapping [ErrAmountOutOfRange] if the open
// case c's ARR at risk times weight w would have an exponent outside
// ±money.MaxScale: each is in range, but a product adds their exponents
// (100 decimal places times 0.6 has 101), and an expected loss or a total
// out of range could be neither encoded nor handed on.
func checkLoss(c *Case, w decimal.Decimal) error {
	if e := int64(c.ARRAtRisk.Exponent()) + int64(w.Exponent()); e < -money.MaxScale || e > money.MaxScale {
		return fieldErr(c.ID, "arr_at_risk", fmt.Errorf("%w: exponent %d times weight %s is exponent %d, outside ±%d",
			ErrAmountOutOfRange, c.ARRAtRisk.Exponent(), money.Format(w), e, money.MaxScale))
	}
	return nil
}

// Totals are the open cases of a group and what the forecast expects them
// to lose. ExpectedLoss is never above ARRAtRisk, since no weight is above
// one.
type Totals struct {
	// Cases is the number of open cases.
	Cases int
	// ARRAtRisk is their ARR at risk.
	ARRAtRisk decimal.Decimal
	// ExpectedLoss is the sum of their expected losses.
	ExpectedLoss decimal.Decimal
}

type totalsJSON struct {
	Cases        int        `json:"cases"`
	ARRAtRisk    money.JSON `json:"arr_at_risk"`
	ExpectedLoss money.JSON `json:"expected_loss"`
}

// MarshalJSON encodes the totals with exact decimal strings:
// {"cases": 2, "arr_at_risk": "2000000", "expected_loss": "1400000.0"}.
func (t Totals) MarshalJSON() ([]byte, error) {
	return json.Marshal(totalsJSON{t.Cases, money.JSON(t.ARRAtRisk), money.JSON(t.ExpectedLoss)})
}

// UnmarshalJSON decodes totals strictly. Every error wraps
// [ErrInvalidResult]; on error t is left unchanged.
func (t *Totals) UnmarshalJSON(b []byte) error {
	var v totalsJSON
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidResult, "totals", err)
	}
	*t = Totals{v.Cases, decimal.Decimal(v.ARRAtRisk), decimal.Decimal(v.ExpectedLoss)}
	return nil
}

// PhaseTotals are the totals of the open cases in one phase.
type PhaseTotals struct {
	Phase  Phase  `json:"phase"`  // A, B or C
	Totals Totals `json:"totals"` // the phase's open cases
}

// ReasonTotals are the totals of the open cases that carry one reason.
type ReasonTotals struct {
	Reason ReasonKind `json:"reason"` // the reason
	Totals Totals     `json:"totals"` // the open cases that carry it
}

// OwnerTotals are the totals of one owner's open cases.
type OwnerTotals struct {
	Owner  string `json:"owner"`  // the owner
	Totals Totals `json:"totals"` // the owner's open cases
}

// MonthTotals are the totals of the open cases whose renewal date falls in
// one month.
type MonthTotals struct {
	// Month is the first day of the month.
	Month date.Date `json:"month"`
	// Totals are the open cases renewing in it.
	Totals Totals `json:"totals"`
}

// Forecast is the negative forecast of a book of cases: the open cases,
// their ARR at risk and their expected loss, in total and by phase,
// reason, owner and the month of their renewal date. Closed cases are
// counted apart.
//
// A case with several reasons counts under each, so the rows of ByReason
// may add up to more than Total; the other groupings add up to Total.
type Forecast struct {
	// AsOf is the day the book was read at.
	AsOf date.Date `json:"as_of"`
	// Weights are the phase weights used.
	Weights Weights `json:"weights"`
	// Total covers every open case.
	Total Totals `json:"total"`
	// ByPhase has one row for each open phase, A, B and C.
	ByPhase []PhaseTotals `json:"by_phase"`
	// ByReason has a row for each reason some open case carries, in the
	// taxonomy's order.
	ByReason []ReasonTotals `json:"by_reason"`
	// ByOwner has a row for each owner of an open case, by owner.
	ByOwner []OwnerTotals `json:"by_owner"`
	// ByMonth has a row for each month an open case renews in, in order.
	ByMonth []MonthTotals `json:"by_month"`
	// Saved counts the saved cases of the book.
	Saved int `json:"saved"`
	// Churned counts the churned cases of the book.
	Churned int `json:"churned"`
}

// group is the running totals of a group of open cases: the count and ARR
// at risk of each open phase. The expected loss is computed once, from
// the phase totals, in [group.totals]: the weight is the same for every
// case of a phase, so the sum of ARR × weight is the weight times the sum
// of ARR, exactly, and adding a case costs an int64 addition.
type group struct {
	n   [numOpen]int
	arr [numOpen]money.Sum
}

func (g *group) add(i int, a money.Amount) {
	g.n[i]++
	g.arr[i].AddAmount(a)
}

func (g *group) merge(o *group) {
	for i := range numOpen {
		g.n[i] += o.n[i]
		g.arr[i].AddSum(o.arr[i])
	}
}

// totals returns the group's totals under weights w: phases with no case
// add nothing, so a total has the decimal places of the amounts in it.
func (g *group) totals(w *[numOpen]decimal.Decimal) Totals {
	var t Totals
	var arr, loss money.Sum
	for i := range numOpen {
		if g.n[i] == 0 {
			continue
		}
		t.Cases += g.n[i]
		a := g.arr[i].Decimal()
		arr.Add(a)
		loss.Add(a.Mul(w[i]))
	}
	t.ARRAtRisk, t.ExpectedLoss = arr.Decimal(), loss.Decimal()
	return t
}

// keyed is a set of groups by key, in the order first seen.
type keyed[K comparable] struct {
	index  map[K]int
	keys   []K
	groups []group
}

func newKeyed[K comparable]() keyed[K] { return keyed[K]{index: map[K]int{}} }

// at returns the group of key k, adding it if new.
func (s *keyed[K]) at(k K) *group {
	i, ok := s.index[k]
	if !ok {
		i = len(s.groups)
		s.index[k] = i
		s.keys = append(s.keys, k)
		s.groups = append(s.groups, group{})
	}
	return &s.groups[i]
}

func (s *keyed[K]) merge(o *keyed[K]) {
	for i, k := range o.keys {
		s.at(k).merge(&o.groups[i])
	}
}

// ForecastAcc is the accumulator of the negative forecast: [ForecastAcc.Add]
// one case at a time, [ForecastAcc.Merge] accumulators of parts of a book,
// and read the [Forecast] with [ForecastAcc.Result]. Merging any split of
// a book in any grouping gives what one pass gives, so a host can shard a
// book across goroutines or machines. It holds the totals of each phase,
// reason, owner and month, never a case; unless the policy skips the
// duplicate check it also holds the set of case IDs counted (see
// [Policy.SkipDuplicateCheck]).
//
// Adding a case allocates nothing, but for a new owner or month, and the
// ID set's growth.
type ForecastAcc struct {
	ledger
	w [numOpen]decimal.Decimal // the weights of A, B and C

	total    group
	byReason [numReasons + 1]group
	owners   keyed[string]
	months   keyed[int32]
	saved    int
	churned  int
}

// NewForecastAcc returns an empty forecast accumulator for policy p, as
// of day asOf.
//
// NewForecastAcc returns an error if asOf is zero ([ErrMissingDate]) or p
// is invalid (see [Policy.Validate]).
func NewForecastAcc(p Policy, asOf date.Date) (*ForecastAcc, error) {
	rp, l, err := newLedger(p, asOf)
	if err != nil {
		return nil, err
	}
	return &ForecastAcc{ledger: l, w: rp.Weights.byPhase(), owners: newKeyed[string](), months: newKeyed[int32]()}, nil
}

// weights returns the accumulator's weights.
func (f *ForecastAcc) weights() Weights { return Weights{f.w[0], f.w[1], f.w[2]} }

// Add validates case c and counts it. A rejected case leaves the
// accumulator unchanged.
//
// Add returns an error if:
//   - the accumulator was not made by [NewForecastAcc]
//     ([ErrInvalidAccumulator]);
//   - c is invalid (see [Case.Validate]);
//   - c has a move dated after the as-of date ([ErrAfterAsOf]);
//   - a case with c's ID was added before ([ErrDuplicateCase]), unless the
//     policy skips the check;
//   - c is open and its ARR at risk times its phase's weight would have an
//     exponent outside ±100 ([ErrAmountOutOfRange]): an ARR at risk of
//     100 decimal places times 0.6 has 101, which no total could encode.
func (f *ForecastAcc) Add(c Case) error {
	if f == nil {
		return ErrInvalidAccumulator
	}
	ck, err := f.admit(&c)
	if err != nil {
		return err
	}
	i, a := int(ck.phase-PhaseA), ck.risk
	if ck.phase.Open() {
		if err := checkLoss(&c, f.w[i]); err != nil {
			return err
		}
	}
	f.ids.add(c.ID)
	switch ck.phase {
	case PhaseSaved:
		f.saved++
		return nil
	case PhaseChurned:
		f.churned++
		return nil
	}
	f.total.add(i, a)
	for r := range c.Reasons {
		f.byReason[c.Reasons[r].Kind].add(i, a)
	}
	f.owners.at(c.Owner).add(i, a)
	f.months.at(monthKey(c.RenewalDate)).add(i, a)
	return nil
}

// Merge adds the cases counted by o, as if each had been added to f. o is
// left unchanged.
//
// Merge returns an error, and leaves f unchanged, if:
//   - f or o was not made by [NewForecastAcc], or o is f
//     ([ErrInvalidAccumulator]);
//   - they were made with different weights, as-of dates or duplicate
//     checks ([ErrMergeMismatch]);
//   - a case ID is in both ([ErrDuplicateCase]), unless the check is
//     skipped.
func (f *ForecastAcc) Merge(o *ForecastAcc) error {
	if f == nil || o == nil {
		return ErrInvalidAccumulator
	}
	same := f.w[0].Equal(o.w[0]) && f.w[1].Equal(o.w[1]) && f.w[2].Equal(o.w[2])
	if err := f.checkMerge(&o.ledger, same, func() string {
		return fmt.Sprintf("forecast as of %s with weights %s, and as of %s with weights %s", f.asOf, weightsText(f.w), o.asOf, weightsText(o.w))
	}); err != nil {
		return err
	}
	f.ids.merge(o.ids)
	f.total.merge(&o.total)
	for i := range f.byReason {
		f.byReason[i].merge(&o.byReason[i])
	}
	f.owners.merge(&o.owners)
	f.months.merge(&o.months)
	f.saved += o.saved
	f.churned += o.churned
	return nil
}

// weightsText writes the weights of A, B and C: "0.6/0.8/0.95".
func weightsText(w [numOpen]decimal.Decimal) string {
	return money.Format(w[0]) + "/" + money.Format(w[1]) + "/" + money.Format(w[2])
}

// Result returns the forecast of the cases added so far. The accumulator
// can go on adding. A nil or zero accumulator gives the zero Forecast.
func (f *ForecastAcc) Result() Forecast {
	if f == nil || !f.ready() {
		return Forecast{}
	}
	out := Forecast{
		AsOf: f.asOf, Weights: f.weights(), Total: f.total.totals(&f.w),
		ByPhase:  make([]PhaseTotals, numOpen),
		ByReason: []ReasonTotals{}, ByOwner: []OwnerTotals{}, ByMonth: []MonthTotals{},
		Saved: f.saved, Churned: f.churned,
	}
	for i := range numOpen {
		var g group
		g.n[i], g.arr[i] = f.total.n[i], f.total.arr[i]
		out.ByPhase[i] = PhaseTotals{PhaseA + Phase(i), g.totals(&f.w)}
	}
	for k := range f.byReason {
		if g := &f.byReason[k]; g.n != [numOpen]int{} {
			out.ByReason = append(out.ByReason, ReasonTotals{ReasonKind(k), g.totals(&f.w)})
		}
	}
	for i, o := range f.owners.keys {
		out.ByOwner = append(out.ByOwner, OwnerTotals{o, f.owners.groups[i].totals(&f.w)})
	}
	slices.SortFunc(out.ByOwner, func(a, b OwnerTotals) int { return strings.Compare(a.Owner, b.Owner) })
	for i, m := range f.months.keys {
		out.ByMonth = append(out.ByMonth, MonthTotals{monthOf(m), f.months.groups[i].totals(&f.w)})
	}
	slices.SortFunc(out.ByMonth, func(a, b MonthTotals) int { return a.Month.Compare(b.Month) })
	return out
}

// Forecast returns the negative forecast of a book of cases as of day
// asOf: each case validated, counted by [ForecastAcc] in one pass, holding
// one case at a time.
//
// Forecast returns the zero Forecast and an error if asOf is zero, the
// policy is invalid (see [NewForecastAcc]), cases is nil ([ErrNilBook]),
// or a case is refused (see [ForecastAcc.Add]): the first stops the book,
// and the error names its index in the book ("churn: row 3: case "x":
// ...") and wraps Add's [*FieldError].
func (p Policy) Forecast(cases iter.Seq[Case], asOf date.Date) (Forecast, error) {
	acc, err := NewForecastAcc(p, asOf)
	if err != nil {
		return Forecast{}, err
	}
	if err := book.Feed(pkg, cases, acc.Add); err != nil {
		return Forecast{}, err
	}
	return acc.Result(), nil
}
