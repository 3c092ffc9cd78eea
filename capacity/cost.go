package capacity

import (
	"cmp"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// TimeEntry is time a CSM logged on one task for one customer [seed 001:
// 「誰がどの業務に何時間をかけているか」, who spends how many hours on which
// task, per customer and by the customer's phase].
type TimeEntry struct {
	// Account is the customer's account ID; required.
	Account string `json:"account"`
	// Segment is the account's segment; empty when not known. Every
	// entry that gives one must give the same for an account.
	Segment string `json:"segment,omitempty"`
	// CSM is who logged the time; required.
	CSM string `json:"csm"`
	// Task is what the time went to ("kickoff", "training"); required.
	Task string `json:"task"`
	// Stage is the customer's phase when the time was spent
	// ("onboarding", "adopted"); empty when not tracked.
	Stage string `json:"stage,omitempty"`
	// Hours is the time spent; not negative.
	Hours decimal.Decimal `json:"hours"`
}

// Validate returns an error if Account, CSM or Task is empty
// ([ErrInvalidRecord]), or Hours is negative ([ErrNegativeHours]) or out
// of range ([ErrAmountOutOfRange]).
func (e TimeEntry) Validate() error {
	switch {
	case e.Account == "":
		return fieldErr("", "account", fmt.Errorf("%w: empty account", ErrInvalidRecord))
	case e.CSM == "":
		return fieldErr(e.Account, "csm", fmt.Errorf("%w: empty CSM", ErrInvalidRecord))
	case e.Task == "":
		return fieldErr(e.Account, "task", fmt.Errorf("%w: empty task", ErrInvalidRecord))
	case !money.InScale(e.Hours):
		return fieldErr(e.Account, "hours", checkAmount(e.Hours))
	case e.Hours.Sign() < 0:
		return fieldErr(e.Account, "hours", fmt.Errorf("%w: %s", ErrNegativeHours, money.Short(e.Hours)))
	}
	return nil
}

// MarshalJSON encodes the entry with exact quoted hours.
func (e TimeEntry) MarshalJSON() ([]byte, error) {
	type plain TimeEntry
	return json.Marshal(struct {
		plain
		Hours money.JSON `json:"hours"`
	}{plain(e), money.JSON(e.Hours)})
}

// UnmarshalJSON decodes an entry strictly and validates it; errors wrap
// [ErrInvalidRecord] and e is left alone.
func (e *TimeEntry) UnmarshalJSON(b []byte) error {
	type plain TimeEntry
	var w struct {
		plain
		Hours json.RawMessage `json:"hours"`
	}
	if err := jsonstrict.Decode(b, &w); err != nil {
		return decodeErr(ErrInvalidRecord, "time entry", err)
	}
	v := TimeEntry(w.plain)
	if err := decodeFields(v.Account, jsonstrict.F("hours", w.Hours, amount(&v.Hours))); err != nil {
		return decodeErr(ErrInvalidRecord, "time entry", err)
	}
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "time entry", err)
	}
	*e = v
	return nil
}

// hoursSet is the hours of a group and the accounts they were spent on.
type hoursSet struct {
	hours    money.Sum
	accounts map[string]struct{}
}

func (h *hoursSet) add(account string, hours money.Amount) {
	h.hours.AddAmount(hours)
	if h.accounts == nil {
		h.accounts = map[string]struct{}{}
	}
	h.accounts[account] = struct{}{}
}

func (h *hoursSet) merge(o *hoursSet) {
	h.hours.AddSum(o.hours)
	if h.accounts == nil {
		h.accounts = make(map[string]struct{}, len(o.accounts))
	}
	for a := range o.accounts {
		h.accounts[a] = struct{}{}
	}
}

type accountHours struct {
	segment string
	hours   money.Sum
}

type personTask struct{ csm, task string }

// CostBook accumulates logged time into the cost to serve: hours × the
// loaded hourly cost, per account, per segment, per task, per stage, and
// per CSM and task (who is fastest, so the team can adopt their way of
// working [seed 001]). Build one with [NewCostBook], [CostBook.Add] each
// entry (or [CostBook.AddAll] a sequence), and read [CostBook.Result];
// [CostBook.Merge] combines books of the same currency and hourly cost.
//
// A CostBook holds a total per account and the set of accounts behind each
// task, stage and CSM, so its memory grows with the accounts, not the
// entries. It cannot tell an entry logged twice from two entries.
type CostBook struct {
	currency Currency
	hourly   decimal.Decimal // the loaded cost of an hour
	accounts map[string]*accountHours
	tasks    map[string]*hoursSet
	stages   map[string]*hoursSet
	people   map[personTask]*hoursSet
}

// NewCostBook returns an empty book that prices an hour at hourlyCost, the
// loaded cost of one CS hour (pay, taxes, tools, office) in currency.
//
// NewCostBook returns an error if currency is not a three-letter code
// ([ErrInvalidCurrency]) or hourlyCost is not positive ([ErrInvalidRecord],
// [ErrNegativeAmount]) or out of range ([ErrAmountOutOfRange]).
func NewCostBook(currency Currency, hourlyCost decimal.Decimal) (*CostBook, error) {
	if err := currency.Validate(); err != nil {
		return nil, fieldErr("", "currency", err)
	}
	if err := checkPositive(hourlyCost, fmt.Errorf("%w: zero hourly cost", ErrInvalidRecord)); err != nil {
		return nil, fieldErr("", "hourly_cost", err)
	}
	return &CostBook{currency: currency, hourly: hourlyCost, accounts: map[string]*accountHours{}, tasks: map[string]*hoursSet{},
		stages: map[string]*hoursSet{}, people: map[personTask]*hoursSet{}}, nil
}

var errNoCostBook = fmt.Errorf("%w: the book was not made by NewCostBook", ErrInvalidRecord)

// Add validates e and counts it. A refused entry leaves the book
// unchanged.
//
// Add returns an error if e is invalid (see [TimeEntry.Validate]) or gives
// its account another segment than an earlier entry did
// ([ErrInvalidRecord]).
func (c *CostBook) Add(e TimeEntry) error {
	if c == nil || c.accounts == nil {
		return errNoCostBook
	}
	if err := e.Validate(); err != nil {
		return err
	}
	acc := c.accounts[e.Account]
	if acc != nil && e.Segment != "" && acc.segment != "" && acc.segment != e.Segment {
		return fieldErr(e.Account, "segment", fmt.Errorf("%w: segment %s, but %s before", ErrInvalidRecord, quote(e.Segment), quote(acc.segment)))
	}
	if acc == nil {
		acc = &accountHours{}
		c.accounts[e.Account] = acc
	}
	if acc.segment == "" {
		acc.segment = e.Segment
	}
	h := money.Of(e.Hours)
	acc.hours.AddAmount(h)
	set(c.tasks, e.Task).add(e.Account, h)
	set(c.stages, e.Stage).add(e.Account, h)
	set(c.people, personTask{e.CSM, e.Task}).add(e.Account, h)
	return nil
}

// set returns m[k], made if missing.
func set[K comparable](m map[K]*hoursSet, k K) *hoursSet {
	h := m[k]
	if h == nil {
		h = &hoursSet{}
		m[k] = h
	}
	return h
}

// AddAll adds every entry of seq in order and stops at the first one
// refused, naming its 0-based index; a nil seq is an error wrapping
// [ErrNilBook].
func (c *CostBook) AddAll(seq iter.Seq[TimeEntry]) error { return book.Feed(pkg, seq, c.Add) }

// Merge adds everything o counted to c; o is not changed. It returns an
// error wrapping [ErrMismatchedBooks] for a book of another currency or
// hourly cost, or
// [ErrInvalidRecord] when the two give an account different segments; c
// is then unchanged.
func (c *CostBook) Merge(o *CostBook) error {
	if c == nil || c.accounts == nil || o == nil || o.accounts == nil {
		return errNoCostBook
	}
	if c.currency != o.currency || !c.hourly.Equal(o.hourly) {
		return ErrMismatchedBooks
	}
	for id, oa := range o.accounts {
		if a := c.accounts[id]; a != nil && a.segment != "" && oa.segment != "" && a.segment != oa.segment {
			return fieldErr(id, "segment", fmt.Errorf("%w: segment %s, but %s in the other book", ErrInvalidRecord, quote(oa.segment), quote(a.segment)))
		}
	}
	for id, oa := range o.accounts {
		a := c.accounts[id]
		if a == nil {
			a = &accountHours{}
			c.accounts[id] = a
		}
		if a.segment == "" {
			a.segment = oa.segment
		}
		a.hours.AddSum(oa.hours)
	}
	for k, h := range o.tasks {
		set(c.tasks, k).merge(h)
	}
	for k, h := range o.stages {
		set(c.stages, k).merge(h)
	}
	for k, h := range o.people {
		set(c.people, k).merge(h)
	}
	return nil
}

// CostReport is the cost to serve.
type CostReport struct {
	Currency   Currency        `json:"currency"`    // the config's currency
	HourlyCost decimal.Decimal `json:"hourly_cost"` // the loaded cost of an hour
	Hours      decimal.Decimal `json:"hours"`       // all hours logged
	Cost       decimal.Decimal `json:"cost"`        // Hours × HourlyCost
	// Accounts is each account's hours and cost, by ID.
	Accounts []AccountCost `json:"accounts"`
	// Segments, Tasks and Stages are the totals per segment, task and
	// stage, by name ("" for entries that gave none).
	Segments []GroupCost `json:"segments"`
	Tasks    []GroupCost `json:"tasks"`
	Stages   []GroupCost `json:"stages"`
	// People is each CSM's hours per account on each task, by task and
	// then fastest first (fewest hours per account, ties by CSM).
	People []PersonCost `json:"people"`
}

// AccountCost is one account's cost to serve.
type AccountCost struct {
	Account string          `json:"account"`           // the account's ID
	Segment string          `json:"segment,omitempty"` // its segment, as the entries gave it
	Hours   decimal.Decimal `json:"hours"`             // the hours logged on it
	Cost    decimal.Decimal `json:"cost"`              // Hours × HourlyCost, exact
}

// GroupCost is the cost to serve of a segment, task or stage.
type GroupCost struct {
	Name     string          `json:"name"`     // the segment, task or stage
	Accounts int             `json:"accounts"` // accounts with time in the group
	Hours    decimal.Decimal `json:"hours"`    // the hours logged in the group
	Cost     decimal.Decimal `json:"cost"`     // Hours × HourlyCost, exact
	// HoursPerAccount and CostPerAccount divide by Accounts, rounded half
	// away from zero to two places.
	HoursPerAccount Figure `json:"hours_per_account"`
	CostPerAccount  Figure `json:"cost_per_account"`
}

// PersonCost is one CSM's time on one task.
type PersonCost struct {
	CSM             string          `json:"csm"`               // who logged the time
	Task            string          `json:"task"`              // on what
	Accounts        int             `json:"accounts"`          // for how many accounts
	Hours           decimal.Decimal `json:"hours"`             // in all
	HoursPerAccount Figure          `json:"hours_per_account"` // rounded half away from zero to two places
}

// Result returns the cost report; it does not change the book. The zero
// CostBook's result is the zero CostReport.
func (c *CostBook) Result() CostReport {
	if c == nil || c.accounts == nil {
		return CostReport{}
	}
	rate := c.hourly
	r := CostReport{Currency: c.currency, HourlyCost: rate, Accounts: []AccountCost{},
		Segments: []GroupCost{}, Tasks: []GroupCost{}, Stages: []GroupCost{}, People: []PersonCost{}}
	var all money.Sum
	segs := map[string]*struct {
		hours    money.Sum
		accounts int
	}{}
	for _, id := range sortedKeys(c.accounts) {
		a := c.accounts[id]
		h := a.hours.Decimal()
		all.AddSum(a.hours)
		r.Accounts = append(r.Accounts, AccountCost{Account: id, Segment: a.segment, Hours: h, Cost: h.Mul(rate)})
		s := segs[a.segment]
		if s == nil {
			s = &struct {
				hours    money.Sum
				accounts int
			}{}
			segs[a.segment] = s
		}
		s.hours.AddSum(a.hours)
		s.accounts++
	}
	r.Hours = all.Decimal()
	r.Cost = r.Hours.Mul(rate)
	for _, name := range sortedKeys(segs) {
		r.Segments = append(r.Segments, groupCost(name, segs[name].accounts, segs[name].hours.Decimal(), rate))
	}
	for _, name := range sortedKeys(c.tasks) {
		h := c.tasks[name]
		r.Tasks = append(r.Tasks, groupCost(name, len(h.accounts), h.hours.Decimal(), rate))
	}
	for _, name := range sortedKeys(c.stages) {
		h := c.stages[name]
		r.Stages = append(r.Stages, groupCost(name, len(h.accounts), h.hours.Decimal(), rate))
	}
	for k, h := range c.people {
		hours := h.hours.Decimal()
		r.People = append(r.People, PersonCost{CSM: k.csm, Task: k.task, Accounts: len(h.accounts), Hours: hours,
			HoursPerAccount: perAccount(hours, len(h.accounts))})
	}
	slices.SortFunc(r.People, func(x, y PersonCost) int {
		if c := strings.Compare(x.Task, y.Task); c != 0 {
			return c
		}
		if c := x.HoursPerAccount.Value.Cmp(y.HoursPerAccount.Value); c != 0 {
			return c
		}
		return cmp.Compare(x.CSM, y.CSM)
	})
	return r
}

func perAccount(total decimal.Decimal, accounts int) Figure {
	if accounts == 0 {
		return Figure{}
	}
	return defined(total.DivRound(decimal.NewFromInt(int64(accounts)), 2))
}

func groupCost(name string, accounts int, hours, rate decimal.Decimal) GroupCost {
	cost := hours.Mul(rate)
	return GroupCost{Name: name, Accounts: accounts, Hours: hours, Cost: cost,
		HoursPerAccount: perAccount(hours, accounts), CostPerAccount: perAccount(cost, accounts)}
}

// MarshalJSON encodes the report with exact quoted decimals.
func (r CostReport) MarshalJSON() ([]byte, error) {
	type plain CostReport
	return json.Marshal(struct {
		plain
		HourlyCost money.JSON `json:"hourly_cost"`
		Hours      money.JSON `json:"hours"`
		Cost       money.JSON `json:"cost"`
	}{plain(r), money.JSON(r.HourlyCost), money.JSON(r.Hours), money.JSON(r.Cost)})
}

// UnmarshalJSON decodes what MarshalJSON writes; errors wrap
// [ErrInvalidRecord].
func (r *CostReport) UnmarshalJSON(b []byte) error {
	type plain CostReport
	var w struct {
		plain
		HourlyCost money.JSON `json:"hourly_cost"`
		Hours      money.JSON `json:"hours"`
		Cost       money.JSON `json:"cost"`
	}
	if err := jsonstrict.Decode(b, &w); err != nil {
		return decodeErr(ErrInvalidRecord, "cost report", err)
	}
	v := CostReport(w.plain)
	v.HourlyCost, v.Hours, v.Cost = decimal.Decimal(w.HourlyCost), decimal.Decimal(w.Hours), decimal.Decimal(w.Cost)
	*r = v
	return nil
}

// MarshalJSON encodes the account's cost with exact quoted decimals.
func (a AccountCost) MarshalJSON() ([]byte, error) {
	type plain AccountCost
	return json.Marshal(struct {
		plain
		Hours money.JSON `json:"hours"`
		Cost  money.JSON `json:"cost"`
	}{plain(a), money.JSON(a.Hours), money.JSON(a.Cost)})
}

// UnmarshalJSON decodes what MarshalJSON writes; errors wrap
// [ErrInvalidRecord].
func (a *AccountCost) UnmarshalJSON(b []byte) error {
	type plain AccountCost
	var w struct {
		plain
		Hours money.JSON `json:"hours"`
		Cost  money.JSON `json:"cost"`
	}
	if err := jsonstrict.Decode(b, &w); err != nil {
		return decodeErr(ErrInvalidRecord, "account cost", err)
	}
	v := AccountCost(w.plain)
	v.Hours, v.Cost = decimal.Decimal(w.Hours), decimal.Decimal(w.Cost)
	*a = v
	return nil
}

// MarshalJSON encodes the group's cost with exact quoted decimals.
func (g GroupCost) MarshalJSON() ([]byte, error) {
	type plain GroupCost
	return json.Marshal(struct {
		plain
		Hours money.JSON `json:"hours"`
		Cost  money.JSON `json:"cost"`
	}{plain(g), money.JSON(g.Hours), money.JSON(g.Cost)})
}

// UnmarshalJSON decodes what MarshalJSON writes; errors wrap
// [ErrInvalidRecord].
func (g *GroupCost) UnmarshalJSON(b []byte) error {
	type plain GroupCost
	var w struct {
		plain
		Hours money.JSON `json:"hours"`
		Cost  money.JSON `json:"cost"`
	}
	if err := jsonstrict.Decode(b, &w); err != nil {
		return decodeErr(ErrInvalidRecord, "group cost", err)
	}
	v := GroupCost(w.plain)
	v.Hours, v.Cost = decimal.Decimal(w.Hours), decimal.Decimal(w.Cost)
	*g = v
	return nil
}

// MarshalJSON encodes the person's time with exact quoted hours.
func (p PersonCost) MarshalJSON() ([]byte, error) {
	type plain PersonCost
	return json.Marshal(struct {
		plain
		Hours money.JSON `json:"hours"`
	}{plain(p), money.JSON(p.Hours)})
}

// UnmarshalJSON decodes what MarshalJSON writes; errors wrap
// [ErrInvalidRecord].
func (p *PersonCost) UnmarshalJSON(b []byte) error {
	type plain PersonCost
	var w struct {
		plain
		Hours money.JSON `json:"hours"`
	}
	if err := jsonstrict.Decode(b, &w); err != nil {
		return decodeErr(ErrInvalidRecord, "person cost", err)
	}
	v := PersonCost(w.plain)
	v.Hours = decimal.Decimal(w.Hours)
	*p = v
	return nil
}
