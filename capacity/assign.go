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
	fmt.Fprintf(&b, "least load of the %d CSMs serving %s", a.Eligible, who)
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

// pending is an account waiting for a CSM.
type pending struct {
	a    Account
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
	stamp    uint32
	groups   []*group
}

// entry is a CSM in a group's heap as of one stamp.
type entry struct {
	load     Points
	accounts int
	rank     int32 // the CSM's place in ID order: the last tie-break
	csm      int32
	stamp    uint32
}

// less is the assignment order: least load, then fewest accounts, then ID.
func (e entry) less(f entry) bool {
	if e.load != f.load {
		return e.load < f.load
	}
	if e.accounts != f.accounts {
		return e.accounts < f.accounts
	}
	return e.rank < f.rank
}

// group is the CSMs eligible for one segment and language, in a min-heap
// by the assignment order. Entries are pushed again when a CSM's load
// changes; an entry whose stamp is behind its CSM's is stale and dropped
// when it surfaces.
type group struct {
	size int
	heap []entry
}

func (g *group) push(e entry) {
	h := append(g.heap, e)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !h[i].less(h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	g.heap = h
}

func (g *group) pop() entry {
	h := g.heap
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	i := 0
	for {
		l, s := 2*i+1, i
		if l < n && h[l].less(h[s]) {
			s = l
		}
		if r := l + 1; r < n && h[r].less(h[s]) {
			s = r
		}
		if s == i {
			break
		}
		h[i], h[s] = h[s], h[i]
		i = s
	}
	g.heap = h
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
// accounts with m CSMs costs about n log m, not n × m. Assign holds the
// accounts to place in memory (not the book).
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
		todo = append(todo, pending{a: a, seg: s, base: base, load: base + p.arrPoints(a.ARR)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(todo, func(x, y pending) int {
		if c := cmp.Compare(y.load, x.load); c != 0 {
			return c
		}
		return strings.Compare(x.a.ID, y.a.ID)
	})

	roster := p.cfg.CSMs
	rank := make([]int32, len(roster))
	byID := make([]int, len(roster))
	for i := range byID {
		byID[i] = i
	}
	slices.SortFunc(byID, func(x, y int) int { return strings.Compare(roster[x].ID, roster[y].ID) })
	for r, i := range byID {
		rank[i] = int32(r)
	}
	st := make([]staff, len(roster))
	for i := range st {
		t := &b.csms[i]
		st[i] = staff{nonARR: t.nonARR(&p.cfg.Weights), arr: t.arr.Decimal(), accounts: t.accounts}
		st[i].load = st[i].nonARR + p.arrPoints(st[i].arr)
	}
	at := func(i int) entry {
		return entry{load: st[i].load, accounts: st[i].accounts, rank: rank[i], csm: int32(i), stamp: st[i].stamp}
	}
	groups := map[groupKey]*group{}
	// after returns CSM i's load with account x.
	after := func(i int, x *pending) Points {
		if p.cfg.Weights.ARRPerPoint.IsZero() {
			return st[i].load + x.base
		}
		return st[i].nonARR + x.base + p.arrPoints(st[i].arr.Add(x.a.ARR))
	}
	room := func(i int, x *pending) bool {
		m := &roster[i]
		return (m.MaxAccounts == 0 || st[i].accounts < m.MaxAccounts) && (m.MaxLoad == 0 || after(i, x) <= m.MaxLoad)
	}

	out := make([]Assignment, 0, len(todo))
	var aside []entry
	for k := range todo {
		x := &todo[k]
		as := Assignment{Account: x.a.ID, Segment: p.cfg.Segments[x.seg].Name, Language: x.a.Language, Load: x.load}
		key := groupKey{x.seg, x.a.Language}
		g := groups[key]
		if g == nil {
			g = &group{}
			for i := range roster {
				if p.csmSeg[i] == x.seg && roster[i].speaks(x.a.Language) {
					g.size++
					g.push(at(i))
					st[i].groups = append(st[i].groups, g)
				}
			}
			groups[key] = g
		}
		as.Eligible = g.size
		best, found := entry{}, false
		aside = aside[:0]
		for len(g.heap) > 0 {
			e := g.pop()
			if e.stamp != st[e.csm].stamp {
				continue // stale
			}
			aside = append(aside, e)
			if !room(int(e.csm), x) {
				if !found {
					as.Skipped++
				}
				continue
			}
			if !found {
				best, found = e, true
				aside = aside[:len(aside)-1]
				continue
			}
			as.RunnerUp = roster[e.csm].ID
			as.RunnerUpLoad, as.RunnerUpAccounts = e.load, e.accounts
			break
		}
		for _, e := range aside {
			g.push(e)
		}
		if found {
			i := int(best.csm)
			as.CSM = roster[i].ID
			as.Before, as.Accounts = st[i].load, st[i].accounts
			as.After = after(i, x)
			s := &st[i]
			s.nonARR += x.base
			if !p.cfg.Weights.ARRPerPoint.IsZero() {
				s.arr = s.arr.Add(x.a.ARR)
			}
			s.load = as.After
			s.accounts++
			s.stamp++
			for _, h := range s.groups {
				h.push(at(i))
			}
		}
		out = append(out, as)
	}
	return out, nil
}
