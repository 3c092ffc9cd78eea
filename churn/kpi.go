package churn

import (
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strconv"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Rate is a ratio of two counts, kept as its numerator and denominator so
// a reader sees what it is made of. A zero denominator is "no data",
// never 0% and never NaN.
type Rate struct {
	Num int `json:"num"` // the numerator
	Den int `json:"den"` // the denominator; zero is no data
}

// Value returns Num/Den rounded half away from zero to places decimal
// places, and false (no data) when Den is zero.
func (r Rate) Value(places int32) (decimal.Decimal, bool) {
	if r.Den == 0 {
		return decimal.Decimal{}, false
	}
	return decimal.NewFromInt(int64(r.Num)).DivRound(decimal.NewFromInt(int64(r.Den)), places), true
}

// String returns "3/10 (30.0%)", or "no data" when Den is zero.
func (r Rate) String() string {
	v, ok := r.Value(3)
	if !ok {
		return "no data"
	}
	return strconv.Itoa(r.Num) + "/" + strconv.Itoa(r.Den) + " (" + v.Shift(2).StringFixed(1) + "%)"
}

// Outcomes are how a group of cases has ended so far.
type Outcomes struct {
	// Open counts the cases still open, reported apart: they are in no
	// rate.
	Open int
	// Saved counts the saved cases.
	Saved int
	// Churned counts the churned cases.
	Churned int
	// Downgrades counts the churned cases that were downgrades only.
	Downgrades int
	// SavedARR is the ARR at risk of the saved cases.
	SavedARR decimal.Decimal
	// LostARR is the ARR the churned cases actually lost.
	LostARR decimal.Decimal
}

// SaveRate returns saved / (saved + churned); open cases are not in it.
func (o Outcomes) SaveRate() Rate { return Rate{Num: o.Saved, Den: o.Saved + o.Churned} }

// Add returns o and p together. It changes neither.
func (o Outcomes) Add(p Outcomes) Outcomes {
	return Outcomes{
		Open: o.Open + p.Open, Saved: o.Saved + p.Saved, Churned: o.Churned + p.Churned, Downgrades: o.Downgrades + p.Downgrades,
		SavedARR: o.SavedARR.Add(p.SavedARR), LostARR: o.LostARR.Add(p.LostARR),
	}
}

type outcomesJSON struct {
	Open       int        `json:"open"`
	Saved      int        `json:"saved"`
	Churned    int        `json:"churned"`
	Downgrades int        `json:"downgrades"`
	SavedARR   money.JSON `json:"saved_arr"`
	LostARR    money.JSON `json:"lost_arr"`
}

// MarshalJSON encodes the outcomes with exact decimal strings.
func (o Outcomes) MarshalJSON() ([]byte, error) {
	return json.Marshal(outcomesJSON{o.Open, o.Saved, o.Churned, o.Downgrades, money.JSON(o.SavedARR), money.JSON(o.LostARR)})
}

// UnmarshalJSON decodes outcomes strictly. Every error wraps
// [ErrInvalidResult]; on error o is left unchanged.
func (o *Outcomes) UnmarshalJSON(b []byte) error {
	var v outcomesJSON
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidResult, "outcomes", err)
	}
	*o = Outcomes{v.Open, v.Saved, v.Churned, v.Downgrades, decimal.Decimal(v.SavedARR), decimal.Decimal(v.LostARR)}
	return nil
}

// PhaseOutcomes are the outcomes of the cases that opened in one phase.
type PhaseOutcomes struct {
	Phase    Phase    `json:"phase"`    // the phase opened in: A, B or C
	Outcomes Outcomes `json:"outcomes"` // the cases opened in it
}

// ReasonOutcomes are the outcomes of the cases that carry one reason,
// split by whether the case's reason was avoidable.
type ReasonOutcomes struct {
	Reason      ReasonKind `json:"reason"`      // the reason
	Avoidable   Outcomes   `json:"avoidable"`   // the cases whose reason was avoidable
	Unavoidable Outcomes   `json:"unavoidable"` // the cases whose reason was not
}

// All returns the reason's outcomes, avoidable or not.
func (r ReasonOutcomes) All() Outcomes { return r.Avoidable.Add(r.Unavoidable) }

// PhaseDays is how long cases stay in one phase, counted in calendar days.
// A spell in a phase runs from the move that entered it to the move that
// left it; a move that stays in the phase does not end it.
type PhaseDays struct {
	// Phase is A, B or C.
	Phase Phase `json:"phase"`
	// Left counts the spells that ended (the case moved on).
	Left int `json:"left"`
	// LeftDays is the days those spells lasted, together.
	LeftDays int `json:"left_days"`
	// In counts the open cases in the phase on the as-of date.
	In int `json:"in"`
	// InDays is the days they have spent in it so far, together.
	InDays int `json:"in_days"`
}

// MeanDaysLeft returns the mean length in days of the spells that ended,
// LeftDays/Left rounded half away from zero to one decimal place, and
// false (no data) when none ended.
func (d PhaseDays) MeanDaysLeft() (decimal.Decimal, bool) {
	return Rate{Num: d.LeftDays, Den: d.Left}.Value(1)
}

// MonthCount is the number of cases opened in one month.
type MonthCount struct {
	// Month is the first day of the month.
	Month date.Date `json:"month"`
	// Opened counts the cases whose first move falls in the month.
	Opened int `json:"opened"`
}

// KPIs are the pipeline's key figures over a book of cases: save rates
// overall, by the phase a case opened in and by reason, with the ARR
// saved and lost; the days cases spend in each phase; the cases opened
// each month.
//
// A case with several reasons counts under each, so the rows of ByReason
// may add up to more than Overall.
type KPIs struct {
	// AsOf is the day the book was read at.
	AsOf date.Date `json:"as_of"`
	// Overall covers every case.
	Overall Outcomes `json:"overall"`
	// Early covers the cases opened at A or B, the ones the seed's 20-30%
	// is about [seed 000].
	Early Outcomes `json:"early"`
	// Benchmark is the policy's save-rate benchmark.
	Benchmark Benchmark `json:"benchmark"`
	// EarlyStanding is where Early's save rate stands against it.
	EarlyStanding Standing `json:"early_standing"`
	// ByOpenedIn has one row for each phase a case can open in: A, B, C.
	ByOpenedIn []PhaseOutcomes `json:"by_opened_in"`
	// ByReason has a row for each reason some case carries, in the
	// taxonomy's order.
	ByReason []ReasonOutcomes `json:"by_reason"`
	// DaysInPhase has one row for each open phase: A, B, C.
	DaysInPhase []PhaseDays `json:"days_in_phase"`
	// OpenedByMonth has a row for each month a case opened in, in order.
	OpenedByMonth []MonthCount `json:"opened_by_month"`
}

// outcomeAcc is the running Outcomes of a group.
type outcomeAcc struct {
	open, saved, churned, downgrades int
	savedARR, lostARR                money.Sum
}

// add counts a case that ended in phase ph; a and lost are its ARR at
// risk and its loss, read.
func (o *outcomeAcc) add(ph Phase, a, lost money.Amount, down bool) {
	switch ph {
	case PhaseSaved:
		o.saved++
		o.savedARR.AddAmount(a)
	case PhaseChurned:
		o.churned++
		o.lostARR.AddAmount(lost)
		if down {
			o.downgrades++
		}
	default:
		o.open++
	}
}

func (o *outcomeAcc) merge(p *outcomeAcc) {
	o.open += p.open
	o.saved += p.saved
	o.churned += p.churned
	o.downgrades += p.downgrades
	o.savedARR.AddSum(p.savedARR)
	o.lostARR.AddSum(p.lostARR)
}

func (o *outcomeAcc) result() Outcomes {
	return Outcomes{o.open, o.saved, o.churned, o.downgrades, o.savedARR.Decimal(), o.lostARR.Decimal()}
}

func (o *outcomeAcc) empty() bool { return o.open+o.saved+o.churned == 0 }

// KPIAcc is the accumulator of the [KPIs]: [KPIAcc.Add] one case at a
// time, [KPIAcc.Merge] accumulators of parts of a book, and read the
// result with [KPIAcc.Result]. Merging any split of a book in any grouping
// gives what one pass gives. It holds counts and sums, never a case;
// unless the policy skips the duplicate check it also holds the set of
// case IDs counted (see [Policy.SkipDuplicateCheck]).
type KPIAcc struct {
	ledger
	bench Benchmark

	overall  outcomeAcc
	early    outcomeAcc
	openedIn [numOpen]outcomeAcc
	reasons  [numReasons + 1][2]outcomeAcc // [kind][avoidable]
	days     [numOpen]PhaseDays
	months   map[int32]int
}

// NewKPIAcc returns an empty KPI accumulator for policy p, as of day asOf.
//
// NewKPIAcc returns an error if asOf is zero ([ErrMissingDate]) or p is
// invalid (see [Policy.Validate]).
func NewKPIAcc(p Policy, asOf date.Date) (*KPIAcc, error) {
	rp, l, err := newLedger(p, asOf)
	if err != nil {
		return nil, err
	}
	return &KPIAcc{ledger: l, bench: rp.Benchmark, months: map[int32]int{}}, nil
}

// Add validates case c and counts it. A rejected case leaves the
// accumulator unchanged.
//
// Add returns an error if:
//   - the accumulator was not made by [NewKPIAcc] ([ErrInvalidAccumulator]);
//   - c is invalid (see [Case.Validate]);
//   - c has a move dated after the as-of date ([ErrAfterAsOf]);
//   - a case with c's ID was added before ([ErrDuplicateCase]), unless the
//     policy skips the check.
func (k *KPIAcc) Add(c Case) error {
	if k == nil {
		return ErrInvalidAccumulator
	}
	ck, err := k.admit(&c)
	if err != nil {
		return err
	}
	k.ids.add(c.ID)

	ph, a := ck.phase, ck.risk
	l, down := c.Lost()
	lost := money.Of(l)
	k.overall.add(ph, a, lost, down)
	in := c.OpenedIn()
	k.openedIn[in-PhaseA].add(ph, a, lost, down)
	if in != PhaseC {
		k.early.add(ph, a, lost, down)
	}
	for _, r := range c.Reasons {
		av := 0
		if r.Avoidable {
			av = 1
		}
		k.reasons[r.Kind][av].add(ph, a, lost, down)
	}
	k.countDays(&c)
	k.months[monthKey(c.Opened())]++
	return nil
}

// countDays adds the spells of valid case c to the days in each phase: a
// spell runs from the move that entered a phase to the move that left it,
// or to the as-of date.
func (k *KPIAcc) countDays(c *Case) {
	var since date.Date
	cur := c.changes(func(i int, left Phase) {
		d := c.History[i].Date
		if left.Open() {
			s := &k.days[left-PhaseA]
			s.Left++
			s.LeftDays += since.DaysUntil(d)
		}
		since = d
	})
	if cur.Open() {
		s := &k.days[cur-PhaseA]
		s.In++
		s.InDays += since.DaysUntil(k.asOf)
	}
}

// Merge adds the cases counted by o, as if each had been added to k. o is
// left unchanged.
//
// Merge returns an error, and leaves k unchanged, if:
//   - k or o was not made by [NewKPIAcc], or o is k
//     ([ErrInvalidAccumulator]);
//   - they were made with different benchmarks, as-of dates or duplicate
//     checks ([ErrMergeMismatch]);
//   - a case ID is in both ([ErrDuplicateCase]), unless the check is
//     skipped.
func (k *KPIAcc) Merge(o *KPIAcc) error {
	if k == nil || o == nil {
		return ErrInvalidAccumulator
	}
	same := k.bench.Low.Equal(o.bench.Low) && k.bench.High.Equal(o.bench.High)
	if err := k.checkMerge(&o.ledger, same, func() string {
		return fmt.Sprintf("KPIs as of %s with benchmark %s-%s, and as of %s with benchmark %s-%s",
			k.asOf, money.Format(k.bench.Low), money.Format(k.bench.High), o.asOf, money.Format(o.bench.Low), money.Format(o.bench.High))
	}); err != nil {
		return err
	}
	k.ids.merge(o.ids)
	k.overall.merge(&o.overall)
	k.early.merge(&o.early)
	for i := range k.openedIn {
		k.openedIn[i].merge(&o.openedIn[i])
	}
	for i := range k.reasons {
		k.reasons[i][0].merge(&o.reasons[i][0])
		k.reasons[i][1].merge(&o.reasons[i][1])
	}
	for i := range k.days {
		d, e := &k.days[i], &o.days[i]
		d.Left, d.LeftDays, d.In, d.InDays = d.Left+e.Left, d.LeftDays+e.LeftDays, d.In+e.In, d.InDays+e.InDays
	}
	for m, n := range o.months {
		k.months[m] += n
	}
	return nil
}

// Result returns the KPIs of the cases added so far. The accumulator can
// go on adding. A nil or zero accumulator gives the zero KPIs.
func (k *KPIAcc) Result() KPIs {
	if k == nil || !k.ready() {
		return KPIs{}
	}
	out := KPIs{
		AsOf: k.asOf, Overall: k.overall.result(), Early: k.early.result(), Benchmark: k.bench,
		ByOpenedIn: make([]PhaseOutcomes, numOpen), ByReason: []ReasonOutcomes{},
		DaysInPhase: make([]PhaseDays, numOpen), OpenedByMonth: []MonthCount{},
	}
	out.EarlyStanding = k.bench.standing(out.Early.Saved, out.Early.Saved+out.Early.Churned)
	for i := range numOpen {
		out.ByOpenedIn[i] = PhaseOutcomes{PhaseA + Phase(i), k.openedIn[i].result()}
		out.DaysInPhase[i] = k.days[i]
		out.DaysInPhase[i].Phase = PhaseA + Phase(i)
	}
	for r := range k.reasons {
		if g := &k.reasons[r]; !g[0].empty() || !g[1].empty() {
			out.ByReason = append(out.ByReason, ReasonOutcomes{ReasonKind(r), g[1].result(), g[0].result()})
		}
	}
	for _, m := range slices.Sorted(maps.Keys(k.months)) {
		out.OpenedByMonth = append(out.OpenedByMonth, MonthCount{monthOf(m), k.months[m]})
	}
	return out
}

// KPIs returns the KPIs of a book of cases as of day asOf: each case
// validated, counted by [KPIAcc] in one pass, holding one case at a time.
//
// KPIs returns the zero KPIs and an error if asOf is zero, the policy is
// invalid (see [NewKPIAcc]), cases is nil ([ErrNilBook]), or a case is
// refused (see [KPIAcc.Add]): the first stops the book, and the error
// names its index in the book and wraps Add's [*FieldError].
func (p Policy) KPIs(cases iter.Seq[Case], asOf date.Date) (KPIs, error) {
	acc, err := NewKPIAcc(p, asOf)
	if err != nil {
		return KPIs{}, err
	}
	if err := book.Feed(pkg, cases, acc.Add); err != nil {
		return KPIs{}, err
	}
	return acc.Result(), nil
}
