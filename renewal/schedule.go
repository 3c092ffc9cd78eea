package renewal

import (
	"fmt"
	"slices"
	"time"

	"github.com/cskit/cskit/date"
)

// Schedule is the plan of one renewal: its key dates and each enabled
// activity's due date. It is a value: compare, print or encode it.
type Schedule struct {
	// ContractID is the planned contract's ID.
	ContractID string `json:"contract_id"`
	// Renewal is the renewal date planned for.
	Renewal date.Date `json:"renewal"`
	// NoticeDeadline is the last day an auto-renewing customer can cancel;
	// zero when the contract has no notice period.
	NoticeDeadline date.Date `json:"notice_deadline,omitzero"`
	// Decision is the date the plan works back from: the notice deadline
	// when there is one, otherwise the renewal date.
	Decision date.Date `json:"decision"`
	// Opens is the day renewal work opens: the window before Decision, or an
	// earlier activity opening when the customer's budget pulled the value
	// case forward.
	Opens date.Date `json:"opens"`
	// LateFrom is the first day on which a renewal with unconfirmed intent
	// is late.
	LateFrom date.Date `json:"late_from"`
	// BudgetDeadline is the day the customer settles the budget that pays
	// for this renewal, when its fiscal year is known and the deadline falls
	// within the policy's horizon; zero otherwise.
	BudgetDeadline date.Date `json:"budget_deadline,omitzero"`
	// Items are the planned activities in the policy's order.
	Items []Item `json:"items"`
	// Checkpoints are the days, in order, on which the CSM records a
	// forecast call: the renewal date minus each of the policy's
	// checkpoints, leaving out any on or before the contract's start.
	Checkpoints []date.Date `json:"checkpoints,omitempty"`
}

// Item is one planned activity.
type Item struct {
	// Activity is the planned activity.
	Activity Activity `json:"activity"`
	// Opens is the first day the activity is worked on.
	Opens date.Date `json:"opens"`
	// Due is the day the activity is due.
	Due date.Date `json:"due"`
	// NormalDue is the due date the offset alone gives, set only when the
	// activity moved (then Due is earlier).
	NormalDue date.Date `json:"normal_due,omitzero"`
	// Why says why the activity moved; empty when it did not.
	Why string `json:"why,omitempty"`
}

// Moved reports whether the item was moved from its normal due date.
func (it Item) Moved() bool { return !it.NormalDue.IsZero() }

// Item returns the planned item for activity a and whether it is planned.
func (s Schedule) Item(a Activity) (Item, bool) {
	for _, it := range s.Items {
		if it.Activity == a {
			return it, true
		}
	}
	return Item{}, false
}

// dates are the key dates of one renewal.
type dates struct {
	renewal  date.Date // the renewal date
	notice   date.Date // the notice deadline; zero without a notice period
	decision date.Date // the notice deadline, or the renewal date without one
	window   date.Date // decision − Window, where every activity opens unless moved
	opens    date.Date // the earliest opening: window, or a moved item's opening
	lateFrom date.Date // decision − Late
	budget   date.Date // the budgeting deadline; zero when the rule does not apply
	yearEnd  date.Date // the fiscal-year end the budget precedes
}

// keyDates derives the key dates of c's renewal on renewal, one of its
// renewal dates, under the resolved policy r; first is c's first renewal.
// It is the one derivation Plan, Status, Classify and the KPIs share, in
// two steps: deadlines, then budgetOpening.
func (r *Policy) keyDates(c *Contract, first, renewal date.Date) dates {
	var k dates
	r.deadlines(c, renewal, &k)
	r.budgetOpening(c, first, &k)
	return k
}

// deadlines sets the key dates the budgeting rule leaves alone: the
// renewal, the notice deadline, the decision date, the window's opening
// (also opens, until budgetOpening moves it) and the late threshold. It
// fills k in place: over a book, copying the whole struct out of a call
// costs more than deriving the dates.
func (r *Policy) deadlines(c *Contract, renewal date.Date, k *dates) {
	k.renewal, k.notice, k.decision = renewal, c.noticeDeadline(renewal), renewal
	if !k.notice.IsZero() {
		k.decision = k.notice
	}
	k.window = before(r.Window, k.decision)
	k.opens = k.window
	k.lateFrom = before(r.Late, k.decision)
}

// budgetOpening applies the budgeting rule to k: it sets the budgeting
// deadline and the fiscal-year end when the rule applies, and moves opens
// to the earliest opening of a value-case activity the deadline pulls
// forward. It only ever moves opens earlier.
func (r *Policy) budgetOpening(c *Contract, first date.Date, k *dates) {
	if r.IgnoreFiscalYear || c.FiscalYearEnd == 0 {
		return
	}
	k.budget, k.yearEnd = r.budgetDeadline(c, first, k)
	if k.budget.IsZero() {
		return
	}
	// A moved activity opens the earlier the later it was due, so only the
	// latest normal due date of a moved activity is worked out.
	var latest date.Date
	for _, st := range r.Steps {
		if !st.Activity.ValueCase() {
			continue // only the value case moves
		}
		if due := before(st.Offset, k.decision); moves(st, k, due) && due.After(latest) {
			latest = due
		}
	}
	if !latest.IsZero() {
		k.opens = movedOpening(k, latest) // before the window: the deadline is before latest
	}
}

// before is p.Before(d) without the month arithmetic when p has no months,
// nor the day arithmetic when it has no days.
func before(p date.Period, d date.Date) date.Date {
	if p.Months != 0 {
		d = d.AddMonths(-p.Months)
	}
	if p.Days != 0 {
		d = d.AddDays(-p.Days)
	}
	return d
}

// Plan plans the renewal of c that is current on asOf (see
// [Contract.NextRenewal]): the window opens Window before the decision date
// (the notice deadline when there is one, otherwise the renewal date),
// renewals become late Late before it, and each step is due its offset
// before it.
//
// When the customer's fiscal-year end is known, the value case (goal
// progress review, usage review, ROI confirmation) is due by the customer's
// budgeting deadline whenever that is earlier than its normal due date. The
// budgeting deadline is the end of the customer's last fiscal year ending
// before the renewal, minus BudgetLead; it applies when it falls inside the
// current term (after the previous renewal, or the start for the first
// one) and before the decision date, and, when the policy sets a
// BudgetHorizon, no earlier than that before the decision date. A moved
// item keeps the number of days it was open, records its normal due date
// and says why it moved.
//
// Plan returns an error if the contract or the policy is invalid (see
// [Contract.Validate] and [Policy.Validate]) or asOf is zero
// ([ErrMissingDate]).
func (p Policy) Plan(c Contract, asOf date.Date) (Schedule, error) {
	first, err := validateContract(&c)
	if err != nil {
		return Schedule{}, err
	}
	r := p.resolved()
	if err := r.validate(); err != nil {
		return Schedule{}, err
	}
	if asOf.IsZero() {
		return Schedule{}, fieldErr(c.ID, "as_of", ErrMissingDate)
	}
	return r.plan(&c, first, c.nextRenewal(first, asOf)), nil
}

// plan plans the renewal of the valid contract c on renewal, one of its
// renewal dates, under the resolved, valid policy r.
func (r *Policy) plan(c *Contract, first, renewal date.Date) Schedule {
	k := r.keyDates(c, first, renewal)
	s := Schedule{
		ContractID:     c.ID,
		Renewal:        k.renewal,
		NoticeDeadline: k.notice,
		Decision:       k.decision,
		Opens:          k.opens,
		LateFrom:       k.lateFrom,
		BudgetDeadline: k.budget,
		Items:          make([]Item, 0, len(r.Steps)),
	}
	for _, st := range r.Steps {
		it := planItem(st, &k)
		if it.Moved() {
			it.Why = fmt.Sprintf("due by the customer's budgeting deadline %s: its fiscal year ends %s, budget settled %s before",
				k.budget, k.yearEnd, r.BudgetLead)
		}
		s.Items = append(s.Items, it)
	}
	if len(r.Checkpoints) > 0 {
		s.Checkpoints = make([]date.Date, 0, len(r.Checkpoints))
		for _, cp := range r.Checkpoints {
			if d := cp.Before(k.renewal); d.After(c.Start) && !slices.Contains(s.Checkpoints, d) {
				s.Checkpoints = append(s.Checkpoints, d)
			}
		}
		slices.SortFunc(s.Checkpoints, date.Date.Compare)
	}
	return s
}

// planItem plans step st of the renewal k: due its offset before the
// decision date, or by the budgeting deadline (when there is one) if st is
// part of the value case and the deadline is earlier; a moved item keeps
// the number of days it was open and records its normal due date. Why is
// left to the caller.
func planItem(st Step, k *dates) Item {
	it := Item{Activity: st.Activity, Opens: k.window, Due: before(st.Offset, k.decision)}
	if moves(st, k, it.Due) {
		it.NormalDue, it.Due, it.Opens = it.Due, k.budget, movedOpening(k, it.Due)
	}
	return it
}

// moves reports whether the budgeting deadline of the renewal k pulls step
// st, normally due on due, forward: st is part of the value case and the
// deadline is earlier.
func moves(st Step, k *dates, due date.Date) bool {
	return !k.budget.IsZero() && st.Activity.ValueCase() && k.budget.Before(due)
}

// movedOpening returns the day an activity normally due on due opens when
// the budgeting deadline of k pulls it forward: as many days before the
// deadline as it was open before due, from the window's opening.
func movedOpening(k *dates, due date.Date) date.Date {
	return k.budget.AddDays(-k.window.DaysUntil(due))
}

// budgetDeadline returns the customer's budgeting deadline for the renewal
// k of c and the fiscal-year end it precedes, or zero Dates when the rule
// does not apply.
func (r *Policy) budgetDeadline(c *Contract, first date.Date, k *dates) (deadline, yearEnd date.Date) {
	yearEnd = lastFiscalYearEndBefore(k.renewal, c.FiscalYearEnd)
	if yearEnd.IsZero() {
		return date.Date{}, date.Date{}
	}
	deadline = budgetDeadlineOf(r.BudgetLead, yearEnd)
	if !deadline.After(c.termStart(first, k.renewal)) || !deadline.Before(k.decision) {
		return date.Date{}, date.Date{}
	}
	if !r.BudgetHorizon.IsZero() && deadline.Before(before(r.BudgetHorizon, k.decision)) {
		return date.Date{}, date.Date{}
	}
	return deadline, yearEnd
}

// budgetDeadlineOf returns the budgeting deadline of the fiscal year ending
// on yearEnd, the last day of a month: the last day of the month lead's
// months earlier, less lead's days (a September year end and a lead of two
// months give July 31, not July 30). It returns the zero Date before year 1.
func budgetDeadlineOf(lead date.Period, yearEnd date.Date) date.Date {
	if lead.Months == 0 {
		return yearEnd.AddDays(-lead.Days)
	}
	y, m, _ := yearEnd.Civil()
	n := y*12 + int(m-1) - lead.Months
	if n < 12*date.MinYear {
		return date.Date{}
	}
	ty, tm := n/12, time.Month(n%12+1)
	end, err := date.New(ty, tm, date.DaysIn(ty, tm))
	if err != nil {
		return date.Date{}
	}
	return end.AddDays(-lead.Days)
}

// lastFiscalYearEndBefore returns the last day of the latest fiscal year
// ending in month end that ends strictly before d; the zero Date if that
// would fall before year 1.
func lastFiscalYearEndBefore(d date.Date, end time.Month) date.Date {
	y := d.Year()
	last, err := date.New(y, end, date.DaysIn(y, end))
	if err == nil && !last.Before(d) {
		last, err = date.New(y-1, end, date.DaysIn(y-1, end))
	}
	if err != nil {
		return date.Date{}
	}
	return last
}
