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
	"github.com/shopspring/decimal"
)

// Assignment says which CSM takes one account, and why.
type Assignment struct {
	Account  string `json:"account"`            // the account's ID
	Segment  string `json:"segment"`            // its segment, by the rules
	Language string `json:"language,omitempty"` // its language
	// Load is the load the account brings, its ARR included (ARR /
	// ARRPerPoint, rounded to a thousandth).
	Load Points `json:"load"`
	// CSM is the CSM who takes it; "" when none can.
	CSM string `json:"csm"`
	// Before and After are the CSM's load before and after taking it.
	// After is recomputed from the CSM's totals, so its ARR part is
	// rounded once: After − Before may differ from Load by a thousandth.
	Before Points `json:"before"`
	After  Points `json:"after"`
	// Accounts is how many accounts the CSM had before.
	Accounts int `json:"accounts"`
	// Eligible is how many CSMs serve the account's segment and language.
	Eligible int `json:"eligible"`
	// Skipped is how many eligible CSMs with less load (or as much and
	// ahead in the tie-break) had no room for the account.
	Skipped int `json:"skipped"`
	// RunnerUp is the CSM next in line with room, "" if none; with their
	// load and accounts then.
	RunnerUp         string `json:"runner_up,omitempty"`
	RunnerUpLoad     Points `json:"runner_up_load"`
	RunnerUpAccounts int    `json:"runner_up_accounts"`
}

// Why returns the assignment in words, from its fields.
func (a Assignment) Why() string {
	who := fmt.Sprintf("segment %s", quote(a.Segment))
	if a.Language != "" {
		who += fmt.Sprintf(" in language %s", quote(a.Language))
	}
	switch {
	case a.Eligible == 0:
		return "no CSM serves " + who
	case a.CSM == "":
		return fmt.Sprintf("all %d CSMs serving %s are at their limits", a.Eligible, who)
	}
	var b strings.Builder
	if a.Eligible == 1 {
		fmt.Fprintf(&b, "the only CSM serving %s", who)
	} else {
		fmt.Fprintf(&b, "least load of the %d CSMs serving %s", a.Eligible, who)
	}
	if a.Skipped > 0 {
		fmt.Fprintf(&b, " with room (%d with less had none)", a.Skipped)
	}
	fmt.Fprintf(&b, ": %s → %s", a.Before, a.After)
	switch {
	case a.RunnerUp == "":
	case a.RunnerUpLoad != a.Before:
		fmt.Fprintf(&b, "; next: %s at %s", a.RunnerUp, a.RunnerUpLoad)
	case a.RunnerUpAccounts != a.Accounts:
		fmt.Fprintf(&b, "; tied with %s at %s, broken by fewer accounts (%d < %d)", a.RunnerUp, a.RunnerUpLoad, a.Accounts, a.RunnerUpAccounts)
	default:
		fmt.Fprintf(&b, "; tied with %s at %s and %d accounts, broken by ID", a.RunnerUp, a.RunnerUpLoad, a.Accounts)
	}
	return b.String()
}

// MarshalJSON encodes the assignment with its explanation ("why").
func (a Assignment) MarshalJSON() ([]byte, error) {
	type plain Assignment
	return json.Marshal(struct {
		plain
		Why string `json:"why"`
	}{plain(a), a.Why()})
}

// UnmarshalJSON decodes what MarshalJSON writes; "why" is derived and not
// read. Errors wrap [ErrInvalidRecord].
func (a *Assignment) UnmarshalJSON(b []byte) error {
	type plain Assignment
	var w struct {
		plain
		Why string `json:"why"`
	}
	if err := jsonstrict.Decode(b, &w); err != nil {
		return decodeErr(ErrInvalidRecord, "assignment", err)
	}
	*a = Assignment(w.plain)
	return nil
}

// pending is an account waiting for a CSM: what placing it needs, kept
// small so that sorting moves little.
type pending struct {
	id   string
	lang string
	arr  decimal.Decimal
	seg  int
	base Points // its load but for ARR
	load Points // its load with its own ARR
}

// staff is one CSM's state during an assignment run.
type staff struct {
	nonARR   Points
	arr      decimal.Decimal
	load     Points
	accounts int
	rank     int      // the CSM's place in ID order: the last tie-break
	groups   []*group // the groups the CSM belongs to
}

// ahead reports whether CSM i comes before CSM j in the assignment order:
// least load, then fewest accounts, then ID.
func ahead(st []staff, i, j int32) bool {
	a, b := &st[i], &st[j]
	if a.load != b.load {
		return a.load < b.load
	}
	if a.accounts != b.accounts {
		return a.accounts < b.accounts
	}
	return a.rank < b.rank
}

// group is the CSMs eligible for one segment and language: those that may
// take its next account in a min-heap by the assignment order (indexed, so
// a CSM whose load grows moves down in place), and those that had no room
// for an account parked beside it, so that a CSM at a limit is not taken
// out and put back for every account.
type group struct {
	size   int
	heap   []int32
	pos    []int32 // each CSM's place in heap, -1 when not in it
	parked []int32
}

func newGroup(n int) *group {
	g := &group{pos: make([]int32, n)}
	for i := range g.pos {
		g.pos[i] = -1
	}
	return g
}

func (g *group) swap(a, b int) {
	h := g.heap
	h[a], h[b] = h[b], h[a]
	g.pos[h[a]], g.pos[h[b]] = int32(a), int32(b)
}

func (g *group) up(st []staff, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !ahead(st, g.heap[i], g.heap[p]) {
			return
		}
		g.swap(i, p)
		i = p
	}
}

func (g *group) down(st []staff, i int) {
	n := len(g.heap)
	for {
		l, m := 2*i+1, i
		if l < n && ahead(st, g.heap[l], g.heap[m]) {
			m = l
		}
		if r := l + 1; r < n && ahead(st, g.heap[r], g.heap[m]) {
			m = r
		}
		if m == i {
			return
		}
		g.swap(i, m)
		i = m
	}
}

func (g *group) push(st []staff, c int32) {
	g.heap = append(g.heap, c)
	g.pos[c] = int32(len(g.heap) - 1)
	g.up(st, len(g.heap)-1)
}

// pop removes and returns the CSM first in order.
func (g *group) pop(st []staff) int32 {
	top := g.heap[0]
	last := len(g.heap) - 1
	g.swap(0, last)
	g.heap = g.heap[:last]
	g.pos[top] = -1
	g.down(st, 0)
	return top
}

type groupKey struct {
	seg  int
	lang string
}

// Assign places accounts that have no CSM (new ones, or those of a CSM who
// left) with CSMs of the book's roster, on top of the loads the book holds.
// It does not change the book: add the accounts with their CSM set to
// count them.
//
// An account is eligible for the CSMs who serve its segment (by the rules,
// on its ARR or ACV) and its language (any CSM of the segment when it has
// none), and who have room: fewer accounts than MaxAccounts and a load,
// with it, of at most MaxLoad (no limit when zero). Of those it goes to the
// least loaded, ties broken by fewer accounts and then by the CSM's ID in
// byte order. Accounts are placed heaviest first (by their own load, ties
// by ID), which spreads load better than arrival order and makes the
// result independent of the order accounts are given in [ours]. The
// assignments come back in that order, each explained by [Assignment.Why];
// an account no CSM can take is returned with an empty CSM.
//
// Eligible CSMs are kept in a heap per segment and language, so placing n
// accounts with m CSMs costs about n log m, not n × m, while the CSMs have
// room. A CSM at a limit is set aside and looked at again for each account
// (a lighter one may still fit under MaxLoad), so a team mostly at its
// limits costs up to n × m. Assign holds the accounts to place in memory
// (not the book).
//
// Assign returns an error, naming the account's index as [Book.AddAll]
// does, if an account is invalid (see [Book.Add]), its CSM is on the roster
// ([ErrAlreadyAssigned]: its load is already counted) or its ID was given
// before ([ErrDuplicateID]); a nil seq is an error wrapping [ErrNilBook].
func (b *Book) Assign(accounts iter.Seq[Account]) ([]Assignment, error) {
	if b == nil || b.p == nil {
		return nil, errNoBook
	}
	p := b.p
	var todo []pending
	seen := map[string]bool{}
	err := book.Feed(pkg, accounts, func(a Account) error {
		if err := a.validate(); err != nil {
			return err
		}
		_, basis, err := p.amountOf(&a)
		if err != nil {
			return err
		}
		if _, on := p.csmIdx[a.CSM]; on {
			return fieldErr(a.ID, "csm", fmt.Errorf("%w: %s", ErrAlreadyAssigned, quote(a.CSM)))
		}
		if seen[a.ID] {
			return fieldErr(a.ID, "id", fmt.Errorf("%w: account given twice", ErrDuplicateID))
		}
		seen[a.ID] = true
		s := p.segmentOf(basis)
		base := p.ownLoad(&a, s)
		todo = append(todo, pending{id: a.ID, lang: a.Language, arr: a.ARR, seg: s, base: base, load: base + p.arrPoints(a.ARR)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Sort small keys, not the accounts: heaviest first, ties by ID.
	type key struct {
		load Points
		k    int32
	}
	order := make([]key, len(todo))
	for k := range todo {
		order[k] = key{todo[k].load, int32(k)}
	}
	slices.SortFunc(order, func(x, y key) int {
		if c := cmp.Compare(y.load, x.load); c != 0 {
			return c
		}
		return strings.Compare(todo[x.k].id, todo[y.k].id)
	})

	roster := p.cfg.CSMs
	byID := make([]int, len(roster))
	for i := range byID {
		byID[i] = i
	}
	slices.SortFunc(byID, func(x, y int) int { return strings.Compare(roster[x].ID, roster[y].ID) })
	st := make([]staff, len(roster))
	for r, i := range byID {
		st[i].rank = r
	}
	for i := range st {
		t := &b.csms[i]
		st[i].nonARR, st[i].arr, st[i].accounts = t.nonARR(&p.cfg.Weights), t.arr.Decimal(), t.accounts
		st[i].load = st[i].nonARR + p.arrPoints(st[i].arr)
	}
	groups := map[groupKey]*group{}
	// after returns CSM i's load with account x.
	after := func(i int32, x *pending) Points {
		if p.cfg.Weights.ARRPerPoint.IsZero() {
			return st[i].load + x.base
		}
		return st[i].nonARR + x.base + p.arrPoints(st[i].arr.Add(x.arr))
	}
	room := func(i int32, x *pending) bool {
		m := &roster[i]
		return (m.MaxAccounts == 0 || st[i].accounts < m.MaxAccounts) && (m.MaxLoad == 0 || after(i, x) <= m.MaxLoad)
	}

	out := make([]Assignment, 0, len(todo))
	for _, o := range order {
		x := &todo[o.k]
		as := Assignment{Account: x.id, Segment: p.cfg.Segments[x.seg].Name, Language: x.lang, Load: x.load}
		gk := groupKey{x.seg, x.lang}
		g := groups[gk]
		if g == nil {
			g = newGroup(len(roster))
			for i := range roster {
				if p.csmSeg[i] == x.seg && roster[i].speaks(x.lang) {
					g.size++
					g.push(st, int32(i))
					st[i].groups = append(st[i].groups, g)
				}
			}
			groups[gk] = g
		}
		as.Eligible = g.size
		// Parked CSMs with room for this account go back to the heap.
		kept := g.parked[:0]
		for _, c := range g.parked {
			if room(c, x) {
				g.push(st, c)
			} else {
				kept = append(kept, c)
			}
		}
		g.parked = kept
		// The first in order with room takes it; the next with room is the
		// runner-up. Those without room are parked.
		best, runner := int32(-1), int32(-1)
		for len(g.heap) > 0 {
			c := g.heap[0]
			if !room(c, x) {
				g.parked = append(g.parked, g.pop(st))
				continue
			}
			if best >= 0 {
				runner = c
				break
			}
			best = g.pop(st)
		}
		for _, c := range g.parked {
			if best < 0 || ahead(st, c, best) {
				as.Skipped++
			}
		}
		if runner >= 0 {
			as.RunnerUp = roster[runner].ID
			as.RunnerUpLoad, as.RunnerUpAccounts = st[runner].load, st[runner].accounts
		}
		if best >= 0 {
			s := &st[best]
			as.CSM = roster[best].ID
			as.Before, as.Accounts = s.load, s.accounts
			as.After = after(best, x)
			s.nonARR += x.base
			if !p.cfg.Weights.ARRPerPoint.IsZero() {
				s.arr = s.arr.Add(x.arr)
			}
			s.load = as.After
			s.accounts++
			g.push(st, best)
			for _, h := range s.groups {
				if h != g && h.pos[best] >= 0 {
					h.down(st, int(h.pos[best]))
				}
			}
		}
		out = append(out, as)
	}
	return out, nil
}
