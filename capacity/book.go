package capacity

import (
	"encoding/json"
	"fmt"
	"iter"
	"strings"

	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// maxAccountsPerCSM bounds the accounts one CSM may carry in a book, far
// beyond any real book, so that no load total can overflow.
const maxAccountsPerCSM = 1_000_000_000

// plan is a validated config, compiled for the hot path. Books built from
// it share it; it is never written after compile.
type plan struct {
	cfg     Config         // resolved: defaults written out, segments in range order
	key     string         // the config's JSON, to tell books of different configs apart
	from    []money.Amount // each segment's From, read once
	touch   []Points       // each segment's weight per account
	csmIdx  map[string]int // roster index by ID
	csmSeg  []int          // each CSM's segment index
	segCSMs []int          // roster headcount per segment
}

func compile(cfg Config) (*plan, error) {
	r, err := cfg.resolve()
	if err != nil {
		return nil, err
	}
	key, err := json.Marshal(r)
	if err != nil {
		return nil, fieldErr("", "", fmt.Errorf("%w: %w", ErrInvalidConfig, err))
	}
	p := &plan{cfg: r, key: string(key), csmIdx: make(map[string]int, len(r.CSMs)),
		csmSeg: make([]int, len(r.CSMs)), segCSMs: make([]int, len(r.Segments))}
	for _, s := range r.Segments {
		p.from = append(p.from, money.Of(s.From))
		p.touch = append(p.touch, r.Weights.touch(s.Touch))
	}
	for i, m := range r.CSMs {
		p.csmIdx[m.ID] = i
		p.csmSeg[i] = segmentIndex(r.Segments, m.Segment)
		p.segCSMs[p.csmSeg[i]]++
	}
	return p, nil
}

// segmentOf returns the index of the segment holding amount a: the last
// one whose From is at most a. The segments cover [0, ∞) in range order,
// so that one holds it.
func (p *plan) segmentOf(a money.Amount) int {
	for i := len(p.from) - 1; i > 0; i-- {
		if money.CmpAmounts(a, p.from[i]) >= 0 {
			return i
		}
	}
	return 0
}

// amountOf returns the amount a's segment is chosen by, read once, or an
// error when the segments read ACV and a's ACV is below its ARR.
func (p *plan) amountOf(a *Account) (arr, basis money.Amount, err error) {
	arr = money.Of(a.ARR)
	if p.cfg.Basis != BasisACV {
		return arr, arr, nil
	}
	acv := money.Of(a.ACV)
	if money.CmpAmounts(acv, arr) < 0 {
		return arr, acv, fieldErr(a.ID, "acv", fmt.Errorf("%w: ACV %s below ARR %s (ACV is ARR plus one-off fees; the segments read ACV)",
			ErrInvalidAccount, money.Short(a.ACV), money.Short(a.ARR)))
	}
	return arr, acv, nil
}

// ownLoad returns the load one account puts on its CSM, but for its ARR.
func (p *plan) ownLoad(a *Account, seg int) Points {
	w := &p.cfg.Weights
	l := p.touch[seg] + Points(a.RenewalsDue)*w.Renewal + Points(a.OpenChurnCases)*w.ChurnCase
	if a.Onboarding {
		l += w.Onboarding
	}
	return l
}

// arrPoints returns the load of ARR total: total / ARRPerPoint, rounded
// half away from zero to a thousandth of a point; 0 when ARR adds no load.
func (p *plan) arrPoints(total decimal.Decimal) Points {
	per := p.cfg.Weights.ARRPerPoint
	if per.IsZero() || total.IsZero() {
		return 0
	}
	q := total.DivRound(per, 3).Shift(3)
	if q.Cmp(decimal.NewFromInt(int64(maxLoad))) > 0 {
		return maxLoad
	}
	return Points(q.IntPart())
}

// tally is the ARR and the accounts of a group.
type tally struct {
	arr      money.Sum
	accounts int
}

// csmTally is what one CSM carries.
type csmTally struct {
	tally
	touch      Points // Σ touch weight of their accounts
	renewals   int    // Σ renewals due
	churnCases int    // Σ open churn cases
	onboarding int    // accounts in onboarding
	outside    int    // accounts outside the CSM's segment
}

// nonARR returns the CSM's load but for ARR.
func (t *csmTally) nonARR(w *Weights) Points {
	return t.touch + Points(t.renewals)*w.Renewal + Points(t.churnCases)*w.ChurnCase + Points(t.onboarding)*w.Onboarding
}

// Book accumulates a book of accounts into the team's coverage, the
// headcount plan per segment and each CSM's load. Build one with
// [NewBook], [Book.Add] each account (or [Book.AddAll] a sequence), and
// read [Book.Result]; [Book.Merge] combines books built over parts of one
// book with the same config, in any grouping, into what one pass gives.
//
// A Book holds one total per segment and per CSM, never the accounts, so
// its memory does not grow with the book. It cannot tell an account added
// twice from two accounts: a host that cannot rule duplicates out checks
// IDs before adding. A Book is not safe for concurrent use; give each
// goroutine its own and merge.
type Book struct {
	p    *plan
	segs []tally
	csms []csmTally
	none tally // accounts with no CSM
}

// NewBook validates cfg once (see [Config.Validate]) and returns an empty
// book.
func NewBook(cfg Config) (*Book, error) {
	p, err := compile(cfg)
	if err != nil {
		return nil, err
	}
	return &Book{p: p, segs: make([]tally, len(p.from)), csms: make([]csmTally, len(p.csmSeg))}, nil
}

// errNoBook is returned by the methods of a Book not made by NewBook.
var errNoBook = fmt.Errorf("%w: the book was not made by NewBook", ErrInvalidConfig)

// Add validates a and counts it: its ARR and count in its segment (by its
// ARR or ACV, as the config says) and in its CSM's totals and load, or
// among the accounts with no CSM. A refused account leaves the book
// unchanged.
//
// Add returns an error if a is invalid (see [Account.Validate]), its ACV is
// below its ARR when the segments read ACV ([ErrInvalidAccount]), its CSM
// is not on the roster ([ErrUnknownCSM]), or its CSM would carry more than
// a billion accounts ([ErrInvalidAccount]).
func (b *Book) Add(a Account) error {
	if b == nil || b.p == nil {
		return errNoBook
	}
	if err := a.validate(); err != nil {
		return err
	}
	arr, basis, err := b.p.amountOf(&a)
	if err != nil {
		return err
	}
	s := b.p.segmentOf(basis)
	if a.CSM == "" {
		b.segs[s].arr.AddAmount(arr)
		b.segs[s].accounts++
		b.none.arr.AddAmount(arr)
		b.none.accounts++
		return nil
	}
	ci, ok := b.p.csmIdx[a.CSM]
	if !ok {
		return fieldErr(a.ID, "csm", fmt.Errorf("%w %s", ErrUnknownCSM, quote(a.CSM)))
	}
	t := &b.csms[ci]
	if t.accounts >= maxAccountsPerCSM {
		return fieldErr(a.ID, "csm", fmt.Errorf("%w: CSM %s would carry more than %d accounts", ErrInvalidAccount, quote(a.CSM), maxAccountsPerCSM))
	}
	b.segs[s].arr.AddAmount(arr)
	b.segs[s].accounts++
	t.arr.AddAmount(arr)
	t.accounts++
	t.touch += b.p.touch[s]
	t.renewals += a.RenewalsDue
	t.churnCases += a.OpenChurnCases
	if a.Onboarding {
		t.onboarding++
	}
	if b.p.csmSeg[ci] != s {
		t.outside++
	}
	return nil
}

// AddAll adds every account of seq in order and stops at the first one
// refused, returning an error that names its 0-based index and wraps Add's
// error: `capacity: row 3: account "a9": arr: negative amount: -5`. The
// accounts before it stay added. A nil seq is an error wrapping
// [ErrNilBook].
func (b *Book) AddAll(seq iter.Seq[Account]) error {
	return book.Feed(pkg, seq, b.Add)
}

// Merge adds everything o counted to b. o is not changed. Merging books
// built over any split of a book, in any grouping, gives the result of one
// pass.
//
// Merge returns an error wrapping [ErrMismatchedBooks] if o was built with
// a different config, and [ErrInvalidAccount] if a CSM would carry more
// than a billion accounts; b is then unchanged.
func (b *Book) Merge(o *Book) error {
	if b == nil || b.p == nil || o == nil || o.p == nil {
		return errNoBook
	}
	if b.p != o.p && b.p.key != o.p.key {
		return ErrMismatchedBooks
	}
	for i := range b.csms {
		if b.csms[i].accounts+o.csms[i].accounts > maxAccountsPerCSM {
			return fieldErr("", "csm", fmt.Errorf("%w: CSM %s would carry more than %d accounts", ErrInvalidAccount, quote(b.p.cfg.CSMs[i].ID), maxAccountsPerCSM))
		}
	}
	for i := range b.segs {
		b.segs[i].merge(&o.segs[i])
	}
	for i := range b.csms {
		t, u := &b.csms[i], &o.csms[i]
		t.merge(&u.tally)
		t.touch += u.touch
		t.renewals += u.renewals
		t.churnCases += u.churnCases
		t.onboarding += u.onboarding
		t.outside += u.outside
	}
	b.none.merge(&o.none)
	return nil
}

func (t *tally) merge(o *tally) {
	t.arr.AddSum(o.arr)
	t.accounts += o.accounts
}

// Report is a book's result: the team's coverage, the headcount plan per
// segment and each CSM's load.
type Report struct {
	Currency Currency `json:"currency"`        // the config's currency
	Phase    Phase    `json:"phase,omitempty"` // the config's business phase, if given
	Basis    Basis    `json:"basis"`           // what the segment rules read
	// Team is the whole book over the whole roster.
	Team Coverage `json:"team"`
	// Unassigned is the accounts with no CSM (CSMs is 0).
	Unassigned Coverage `json:"unassigned"`
	// Segments is the plan per segment, in range order.
	Segments []SegmentPlan `json:"segments"`
	// CSMs is each CSM's coverage and load, in roster order.
	CSMs []CSMLoad `json:"csms"`
	// Needed is the CSMs the plan needs, the sum over segments.
	Needed int `json:"needed"`
	// Gap is Needed minus the roster: positive, CSMs to hire; negative,
	// CSMs beyond the plan.
	Gap int `json:"gap"`
}

// SegmentPlan is one segment's coverage and headcount.
type SegmentPlan struct {
	// Segment is the rule and its targets.
	Segment Segment `json:"segment"`
	// Coverage is the segment's ARR and accounts over the CSMs on the
	// roster who serve it.
	Coverage Coverage `json:"coverage"`
	// NeededByARR is ceil(ARR / TargetARR): whole people, rounded up
	// (24.6 is 25); 0 without an ARR target.
	NeededByARR int `json:"needed_by_arr"`
	// NeededByAccounts is ceil(accounts / TargetAccounts); 0 without an
	// accounts target.
	NeededByAccounts int `json:"needed_by_accounts"`
	// Needed is the larger of the two.
	Needed int `json:"needed"`
	// Gap is Needed minus the segment's CSMs on the roster.
	Gap int `json:"gap"`
	// Why is the arithmetic in words.
	Why string `json:"why"`
}

// LoadParts is a load split by what makes it.
type LoadParts struct {
	Touch      Points `json:"touch"`       // accounts by touch model
	ARR        Points `json:"arr"`         // ARR / ARRPerPoint
	Renewals   Points `json:"renewals"`    // renewals due
	ChurnCases Points `json:"churn_cases"` // open churn cases
	Onboarding Points `json:"onboarding"`  // accounts in onboarding
}

// CSMLoad is one CSM's coverage and load.
type CSMLoad struct {
	CSM     string `json:"csm"`     // the CSM's ID
	Segment string `json:"segment"` // the segment the CSM serves
	// Coverage is the CSM's accounts and their ARR (CSMs is 1).
	Coverage Coverage `json:"coverage"`
	// Load is the sum of Parts. Its ARR part is the CSM's total ARR /
	// ARRPerPoint, rounded half away from zero to a thousandth.
	Load  Points    `json:"load"`
	Parts LoadParts `json:"parts"` // the load by what makes it
	// RenewalsDue, OpenChurnCases and Onboarding are the counts behind
	// the parts.
	RenewalsDue    int `json:"renewals_due"`
	OpenChurnCases int `json:"open_churn_cases"`
	Onboarding     int `json:"onboarding"`
	// OutsideSegment counts the CSM's accounts whose amount puts them in
	// another segment than the CSM's.
	OutsideSegment int `json:"outside_segment"`
	// MaxLoad and MaxAccounts are the CSM's limits from the roster.
	MaxLoad     Points `json:"max_load,omitempty"`
	MaxAccounts int    `json:"max_accounts,omitempty"`
	// Utilisation is Load / MaxLoad rounded half away from zero to two
	// places; no data without MaxLoad.
	Utilisation Figure `json:"utilisation"`
}

// Result returns the report of what was added. It does not change the
// book. The zero Book's result is the zero Report.
func (b *Book) Result() Report {
	if b == nil || b.p == nil {
		return Report{}
	}
	p := b.p
	cur := p.cfg.Currency
	r := Report{Currency: cur, Phase: p.cfg.Phase, Basis: p.cfg.Basis,
		Unassigned: Coverage{Currency: cur, ARR: b.none.arr.Decimal(), Accounts: b.none.accounts}}
	var all money.Sum
	accounts := 0
	for i, s := range p.cfg.Segments {
		t := &b.segs[i]
		all.AddSum(t.arr)
		accounts += t.accounts
		sp := planSegment(s, Coverage{Currency: cur, ARR: t.arr.Decimal(), Accounts: t.accounts, CSMs: p.segCSMs[i]})
		r.Segments = append(r.Segments, sp)
		r.Needed += sp.Needed
	}
	r.Team = Coverage{Currency: cur, ARR: all.Decimal(), Accounts: accounts, CSMs: len(p.cfg.CSMs)}
	r.Gap = r.Needed - len(p.cfg.CSMs)
	w := &p.cfg.Weights
	for i, m := range p.cfg.CSMs {
		t := &b.csms[i]
		arr := t.arr.Decimal()
		l := CSMLoad{CSM: m.ID, Segment: m.Segment,
			Coverage: Coverage{Currency: cur, ARR: arr, Accounts: t.accounts, CSMs: 1},
			Parts: LoadParts{Touch: t.touch, ARR: p.arrPoints(arr), Renewals: Points(t.renewals) * w.Renewal,
				ChurnCases: Points(t.churnCases) * w.ChurnCase, Onboarding: Points(t.onboarding) * w.Onboarding},
			RenewalsDue: t.renewals, OpenChurnCases: t.churnCases, Onboarding: t.onboarding,
			OutsideSegment: t.outside, MaxLoad: m.MaxLoad, MaxAccounts: m.MaxAccounts}
		l.Load = l.Parts.Touch + l.Parts.ARR + l.Parts.Renewals + l.Parts.ChurnCases + l.Parts.Onboarding
		if m.MaxLoad > 0 {
			l.Utilisation = defined(l.Load.Decimal().DivRound(m.MaxLoad.Decimal(), 2))
		}
		r.CSMs = append(r.CSMs, l)
	}
	return r
}

// planSegment sizes one segment: whole CSMs by each target, rounded up,
// and the larger of the two.
func planSegment(s Segment, c Coverage) SegmentPlan {
	p := SegmentPlan{Segment: s, Coverage: c}
	var why []string
	if !s.TargetARR.IsZero() {
		p.NeededByARR = wholeCSMs(c.ARR, s.TargetARR)
		why = append(why, fmt.Sprintf("ARR %s / %s per CSM = %s, rounded up to %d",
			money.Format(c.ARR), money.Format(s.TargetARR), money.Format(c.ARR.DivRound(s.TargetARR, 2)), p.NeededByARR))
	}
	if s.TargetAccounts > 0 {
		n, t := decimal.NewFromInt(int64(c.Accounts)), decimal.NewFromInt(int64(s.TargetAccounts))
		p.NeededByAccounts = wholeCSMs(n, t)
		why = append(why, fmt.Sprintf("%d accounts / %d per CSM = %s, rounded up to %d",
			c.Accounts, s.TargetAccounts, money.Format(n.DivRound(t, 2)), p.NeededByAccounts))
	}
	p.Needed = max(p.NeededByARR, p.NeededByAccounts)
	p.Gap = p.Needed - c.CSMs
	verdict := fmt.Sprintf("needs %d", p.Needed)
	if len(why) == 2 {
		verdict += " (the larger)"
	}
	switch {
	case p.Gap > 0:
		verdict += fmt.Sprintf("; %d on the roster: hire %d", c.CSMs, p.Gap)
	case p.Gap < 0:
		verdict += fmt.Sprintf("; %d on the roster: %d beyond the plan", c.CSMs, -p.Gap)
	default:
		verdict += fmt.Sprintf("; %d on the roster: as planned", c.CSMs)
	}
	p.Why = strings.Join(append(why, verdict), "; ")
	return p
}
