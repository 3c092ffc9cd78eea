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

// dates are the key dates of one renewal, before any activity is planned.
type dates struct {
	renewal, notice, decision, opens, lateFrom date.Date
}

// keyDates computes the key dates of c's renewal current on asOf under the
// resolved policy r.
func keyDates(c Contract, r *Policy, asOf date.Date) dates {
	return keyDatesFrom(&c, r, c.FirstRenewal(), asOf)
}

// keyDatesFrom is keyDates given c's first renewal date, which validation
// has already computed.
func keyDatesFrom(c *Contract, r *Policy, first, asOf date.Date) dates {
	return keyDatesAt(c, r, c.nextRenewal(first, asOf))
}

// keyDatesAt computes the key dates of c's renewal on renewal, one of its
// renewal dates.
func keyDatesAt(c *Contract, r *Policy, renewal date.Date) dates {
	var k dates
	k.renewal = renewal
	k.notice = c.NoticeDeadline(k.renewal)
	k.decision = k.renewal
	if !k.notice.IsZero() && k.notice.Before(k.renewal) {
		k.decision = k.notice
	}
	k.opens = before(r.Window, k.decision)
	k.lateFrom = before(r.Late, k.decision)
	return k
}

// before is p.Before(d) without the month arithmetic when p has no months:
// the hot path over a book mostly subtracts days.
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
// (the notice deadline when it comes first, otherwise the renewal date),
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
// BudgetHorizon, no earlier than that before the decision date. A deadline
// before the current term began settled the budget for an earlier renewal.
// A moved item keeps the number of days it was open, records its normal due
// date and says why it moved.
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
	return r.plan(&c, first, asOf), nil
}

// plan is Plan on a valid contract whose first renewal is first and a
// resolved, valid policy.
func (r *Policy) plan(c *Contract, first, asOf date.Date) Schedule {
	return r.planAt(c, c.nextRenewal(first, asOf))
}

// planAt plans the renewal of c on renewal, one of its renewal dates.
func (r *Policy) planAt(c *Contract, renewal date.Date) Schedule {
	k := keyDatesAt(c, r, renewal)
	s := Schedule{
		ContractID:     c.ID,
		Renewal:        k.renewal,
		NoticeDeadline: k.notice,
		Decision:       k.decision,
		Opens:          k.opens,
		LateFrom:       k.lateFrom,
		Items:          make([]Item, 0, len(r.Steps)),
	}
	var fye date.Date
	s.BudgetDeadline, fye = r.budgetDeadline(c, k)
	for _, st := range r.Steps {
		it := planItem(st, k, s.BudgetDeadline)
		if it.Moved() {
			it.Why = fmt.Sprintf("due by the customer's budgeting deadline %s: its fiscal year ends %s, budget settled %s before",
				s.BudgetDeadline, fye, r.BudgetLead)
			if it.Opens.Before(s.Opens) {
				s.Opens = it.Opens
			}
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
// decision date, or by the budgeting deadline (when not zero) if st is part
// of the value case and the deadline is earlier; a moved item keeps the
// number of days it was open and records its normal due date. Why is left
// to the caller.
func planItem(st Step, k dates, budgetDeadline date.Date) Item {
	it := Item{Activity: st.Activity, Opens: k.opens, Due: before(st.Offset, k.decision)}
	if !budgetDeadline.IsZero() && st.Activity.ValueCase() && budgetDeadline.Before(it.Due) {
		open := it.Opens.DaysUntil(it.Due)
		it.NormalDue = it.Due
		it.Due = budgetDeadline
		it.Opens = it.Due.AddDays(-open)
	}
	return it
}

// opens returns the day the renewal k of c opens, as [Schedule.Opens] does:
// the window's opening, or the earliest opening of a value-case item the
// customer's budget moved. It allocates nothing.
func (r *Policy) opens(c *Contract, k dates) date.Date {
	if r.IgnoreFiscalYear || c.FiscalYearEnd == 0 {
		return k.opens
	}
	deadline, _ := r.budgetDeadline(c, k)
	return r.opensBy(k, deadline)
}

// opensBy is opens given the budgeting deadline of renewal k (zero when the
// rule does not apply).
func (r *Policy) opensBy(k dates, deadline date.Date) date.Date {
	if deadline.IsZero() || deadline.Ordinal()-r.Window.MaxDays() >= k.opens.Ordinal() {
		// Nothing moved, or a moved item, open at most the window's length
		// before the deadline, still opens after the window does.
		return k.opens
	}
	// As planItem: a moved value-case item keeps its open span, so it opens
	// (due − opens) days before the deadline.
	dl, op, decision := deadline.Ordinal(), k.opens.Ordinal(), k.decision.Ordinal()
	earliest := op
	for _, st := range r.Steps {
		if !st.Activity.ValueCase() {
			continue
		}
		due := decision - st.Offset.Days
		if st.Offset.Months != 0 {
			due = before(st.Offset, k.decision).Ordinal()
		}
		if dl < due {
			earliest = min(earliest, dl-(due-op))
		}
	}
	if earliest == op {
		return k.opens
	}
	return k.opens.AddDays(earliest - op)
}

// budgetDeadline returns the customer's budgeting deadline for the renewal
// k and the fiscal-year end it precedes, or zero Dates when the rule does not
// apply.
func (r *Policy) budgetDeadline(c *Contract, k dates) (deadline, yearEnd date.Date) {
	return r.budgetDeadlineAt(c, c.firstRenewal(), k.renewal, k.decision)
}

// budgetDeadlineAt is budgetDeadline given c's first renewal and the renewal
// and decision dates of the renewal planned.
func (r *Policy) budgetDeadlineAt(c *Contract, first, renewal, decision date.Date) (deadline, yearEnd date.Date) {
	if r.IgnoreFiscalYear || c.FiscalYearEnd == 0 {
		return date.Date{}, date.Date{}
	}
	yearEnd = lastFiscalYearEndBefore(renewal, c.FiscalYearEnd)
	if yearEnd.IsZero() {
		return date.Date{}, date.Date{}
	}
	deadline = budgetDeadlineOf(r.BudgetLead, yearEnd)
	if !deadline.After(c.termStart(first, renewal)) || !deadline.Before(decision) {
		return date.Date{}, date.Date{}
	}
	if !r.BudgetHorizon.IsZero() && deadline.Before(before(r.BudgetHorizon, decision)) {
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
