package capacity

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAssignSample(t *testing.T) {
	b, err := NewBook(sampleConfig())
	require.NoError(t, err)
	require.NoError(t, b.AddAll(slices.Values(sampleAccounts())))
	// Loads: h1 11, h2 6, t1 2 (see TestBookPlan). h2 alone speaks en.
	out, err := b.Assign(slices.Values([]Account{
		{ID: "n1", ARR: d("10000000"), Language: "en"},                   // high: 3
		{ID: "n2", ARR: d("1000000")},                                    // tech: 1
		{ID: "n3", ARR: d("3000000"), Language: "ja", OpenChurnCases: 1}, // high: 3 + 3 = 6
		{ID: "n4", ARR: d("3000000"), Language: "fr"},                    // high: 3, nobody speaks fr
	}))
	require.NoError(t, err)
	// Heaviest first: n3 (6), then n1 and n4 (3, by ID), then n2 (1).
	require.Len(t, out, 4)
	got := []string{}
	for _, a := range out {
		got = append(got, a.Account+"→"+a.CSM+" "+a.Why())
	}
	assert.Equal(t, []string{
		// h2 at 6 beats h1 at 11: 6 + 6 = 12.
		`n3→h2 least load of the 2 CSMs serving segment "high-touch" in language "ja": 6 → 12; next: h1 at 11`,
		// Only h2 speaks en: 12 + 3 = 15.
		`n1→h2 the only CSM serving segment "high-touch" in language "en": 12 → 15`,
		`n4→ no CSM serves segment "high-touch" in language "fr"`,
		// t1 alone serves tech-touch: 2 + 1 = 3.
		`n2→t1 the only CSM serving segment "tech-touch": 2 → 3`,
	}, got)
	// The book is not changed.
	assert.Equal(t, 6*Point, b.Result().CSMs[1].Load)
}

func TestAssignTiesAndLimits(t *testing.T) {
	cfg := Config{Currency: "JPY", Segments: []Segment{
		seg("small", TouchTech, "0", "1000", "", 100),
		seg("large", TouchHigh, "1000", "", "", 10),
	}, Weights: Weights{HighTouch: 3 * Point}, CSMs: []CSM{
		{ID: "c", Segment: "large", MaxAccounts: 2},
		{ID: "b", Segment: "large", MaxLoad: 5 * Point},
		{ID: "a", Segment: "large", MaxAccounts: 2},
	}}
	b, err := NewBook(cfg)
	require.NoError(t, err)
	// a carries a small account, which weighs nothing: load 0, 1 account.
	require.NoError(t, b.Add(Account{ID: "s", CSM: "a", ARR: d("10")}))
	out, err := b.Assign(slices.Values([]Account{
		{ID: "x1", ARR: d("5000")}, {ID: "x2", ARR: d("5000")}, {ID: "x3", ARR: d("5000")},
		{ID: "x4", ARR: d("5000")}, {ID: "x5", ARR: d("5000")},
	}))
	require.NoError(t, err)
	var got []string
	for _, a := range out {
		got = append(got, a.Account+"→"+a.CSM+" "+a.Why())
	}
	assert.Equal(t, []string{
		// All at 0; b and c have no account, a has one: b before c by ID.
		`x1→b least load of the 3 CSMs serving segment "large": 0 → 3; tied with c at 0 and 0 accounts, broken by ID`,
		// c at 0 with 0 accounts beats a at 0 with 1.
		`x2→c least load of the 3 CSMs serving segment "large": 0 → 3; tied with a at 0, broken by fewer accounts (0 < 1)`,
		// a at 0 takes it, reaching its two accounts; b at 3 would reach 6,
		// above its 5, so c is next in line.
		`x3→a least load of the 3 CSMs serving segment "large": 0 → 3; next: c at 3`,
		// b and c at 3 with one account each: b first by ID, but no room.
		`x4→c least load of the 3 CSMs serving segment "large" with room (1 with less had none): 3 → 6`,
		`x5→ all 3 CSMs serving segment "large" are at their limits`,
	}, got)
	assert.Equal(t, 1, out[3].Skipped)
	assert.Equal(t, "", out[3].RunnerUp, "a is full and b has no room: nobody next")
}

func TestAssignErrors(t *testing.T) {
	b, err := NewBook(sampleConfig())
	require.NoError(t, err)
	_, err = b.Assign(nil)
	require.ErrorIs(t, err, ErrNilBook)
	_, err = b.Assign(slices.Values([]Account{{ID: "x", CSM: "h1", ARR: d("1")}}))
	require.ErrorIs(t, err, ErrAlreadyAssigned)
	assert.Equal(t, `capacity: row 0: account "x": csm: account already has a CSM on the roster: "h1"`, err.Error())
	_, err = b.Assign(slices.Values([]Account{{ID: "x", ARR: d("1")}, {ID: "x", ARR: d("2")}}))
	require.ErrorIs(t, err, ErrDuplicateID)
	assert.Equal(t, `capacity: row 1: account "x": id: duplicate ID: account given twice`, err.Error())
	_, err = b.Assign(slices.Values([]Account{{ID: "x", ARR: d("-1")}}))
	require.ErrorIs(t, err, ErrNegativeAmount)
	// A CSM who left (not on the roster) is fine: the account is an orphan.
	out, err := b.Assign(slices.Values([]Account{{ID: "x", CSM: "gone", ARR: d("1")}}))
	require.NoError(t, err)
	assert.Equal(t, "t1", out[0].CSM)
	var zero Book
	_, err = zero.Assign(slices.Values([]Account{}))
	require.ErrorIs(t, err, ErrInvalidConfig)
}

func TestAssignmentJSON(t *testing.T) {
	a := Assignment{Account: "x", Segment: "large", CSM: "b", Load: 3 * Point, After: 3 * Point, Eligible: 3}
	enc, err := json.Marshal(a)
	require.NoError(t, err)
	assert.Contains(t, string(enc), `"why":"least load of the 3 CSMs serving segment \"large\": 0 → 3"`)
	var back Assignment
	require.NoError(t, json.Unmarshal(enc, &back))
	assert.Equal(t, a, back)
	_, err = json.Marshal(Assignment{})
	require.NoError(t, err)
}

// placed is one account's place as the hand-written assignment finds it.
type placed struct {
	account string
	csm     int // roster index, -1 for none
	after   Points
}

// scanAssign is the hand-written assignment: for each account, heaviest
// first, look at every CSM. It is what Assign computes with heaps.
func scanAssign(cfg Config, book *Book, todo []Account) []placed {
	p := book.p
	type s struct {
		load     Points
		arr      decimal.Decimal
		nonARR   Points
		accounts int
	}
	st := make([]s, len(cfg.CSMs))
	for i := range st {
		t := &book.csms[i]
		st[i] = s{nonARR: t.nonARR(&p.cfg.Weights), arr: t.arr.Decimal(), accounts: t.accounts}
		st[i].load = st[i].nonARR + p.arrPoints(st[i].arr)
	}
	type job struct {
		a         Account
		seg       int
		base, own Points
	}
	jobs := make([]job, len(todo))
	for k, a := range todo {
		sg := p.segmentOf(moneyOf(a.ARR))
		base := p.ownLoad(&a, sg)
		jobs[k] = job{a, sg, base, base + p.arrPoints(a.ARR)}
	}
	slices.SortFunc(jobs, func(x, y job) int {
		if c := cmp.Compare(y.own, x.own); c != 0 {
			return c
		}
		return strings.Compare(x.a.ID, y.a.ID)
	})
	out := make([]placed, len(jobs))
	for k, j := range jobs {
		best := -1
		var bestAfter Points
		for i := range cfg.CSMs {
			m := &p.cfg.CSMs[i]
			if p.csmSeg[i] != j.seg || !m.speaks(j.a.Language) {
				continue
			}
			after := st[i].load + j.base
			if !p.cfg.Weights.ARRPerPoint.IsZero() {
				after = st[i].nonARR + j.base + p.arrPoints(st[i].arr.Add(j.a.ARR))
			}
			if m.MaxAccounts > 0 && st[i].accounts >= m.MaxAccounts || m.MaxLoad > 0 && after > m.MaxLoad {
				continue
			}
			if best < 0 || st[i].load < st[best].load ||
				st[i].load == st[best].load && (st[i].accounts < st[best].accounts ||
					st[i].accounts == st[best].accounts && m.ID < p.cfg.CSMs[best].ID) {
				best, bestAfter = i, after
			}
		}
		if best < 0 {
			out[k] = placed{j.a.ID, -1, 0}
			continue
		}
		st[best].nonARR += j.base
		if !p.cfg.Weights.ARRPerPoint.IsZero() {
			st[best].arr = st[best].arr.Add(j.a.ARR)
		}
		st[best].load = bestAfter
		st[best].accounts++
		out[k] = placed{j.a.ID, best, bestAfter}
	}
	return out
}

// randomTeam returns a config of m CSMs over three segments and three
// languages, some with limits, and a book of their current accounts.
func randomTeam(t testing.TB, rng *rand.Rand, m int, arrPerPoint string) (Config, *Book) {
	langs := []string{"ja", "en", "ko"}
	cfg := Config{Currency: "JPY", Segments: []Segment{
		seg("tech", TouchTech, "0", "2400000", "200000000", 0),
		seg("mid", TouchLow, "2400000", "6010000", "100000000", 0),
		seg("high", TouchHigh, "6010000", "", "50000000", 50),
	}}
	w := DefaultWeights()
	if arrPerPoint != "" {
		w.ARRPerPoint = d(arrPerPoint)
	}
	cfg.Weights = w
	for i := range m {
		c := CSM{ID: fmt.Sprintf("csm-%03d", i), Segment: cfg.Segments[i%3].Name, Languages: []string{"ja"}}
		if i%4 == 0 {
			c.Languages = append(c.Languages, langs[1+rng.IntN(2)])
		}
		if i%5 == 0 {
			c.MaxAccounts = 40 + rng.IntN(40)
		}
		if i%7 == 0 {
			c.MaxLoad = Points(100_000 + rng.IntN(100_000))
		}
		cfg.CSMs = append(cfg.CSMs, c)
	}
	b, err := NewBook(cfg)
	require.NoError(t, err)
	for i := range 3 * m {
		require.NoError(t, b.Add(randomAccount(rng, fmt.Sprint("old", i), cfg.CSMs[rng.IntN(m)].ID)))
	}
	return cfg, b
}

func randomAccount(rng *rand.Rand, id, csm string) Account {
	langs := []string{"", "ja", "ja", "en", "ko"}
	return Account{ID: id, CSM: csm, ARR: decimal.New(int64(100+rng.IntN(120_000)), 2),
		Language: langs[rng.IntN(len(langs))], RenewalsDue: rng.IntN(3),
		OpenChurnCases: rng.IntN(10) / 9, Onboarding: rng.IntN(4) == 0}
}

func TestAssignAgreesWithScan(t *testing.T) {
	for _, perPoint := range []string{"", "1000000"} {
		rng := rand.New(rand.NewPCG(1, 2))
		cfg, b := randomTeam(t, rng, 60, perPoint)
		todo := make([]Account, 3000)
		for k := range todo {
			todo[k] = randomAccount(rng, fmt.Sprint("new", k), "")
		}
		out, err := b.Assign(slices.Values(todo))
		require.NoError(t, err)
		got := make([]string, len(out))
		unplaced := 0
		for k, a := range out {
			if a.CSM == "" {
				got[k] = a.Account + "→"
				unplaced++
				continue
			}
			got[k] = fmt.Sprintf("%s→%s %s", a.Account, a.CSM, a.After)
		}
		var want []string
		for _, pl := range scanAssign(cfg, b, todo) {
			if pl.csm < 0 {
				want = append(want, pl.account+"→")
				continue
			}
			want = append(want, fmt.Sprintf("%s→%s %s", pl.account, cfg.CSMs[pl.csm].ID, pl.after))
		}
		require.Equal(t, want, got, "arr per point %q", perPoint)
		assert.Greater(t, unplaced, 0, "some accounts find no CSM (limits, languages)")
		assert.Less(t, unplaced, len(todo)/2)

		// The order accounts are given in does not matter.
		rng.Shuffle(len(todo), func(i, j int) { todo[i], todo[j] = todo[j], todo[i] })
		again, err := b.Assign(slices.Values(todo))
		require.NoError(t, err)
		require.Equal(t, out, again)
	}
}

func moneyOf(x decimal.Decimal) money.Amount { return money.Of(x) }

// A CSM who lists no language serves any, as a zero limit is no limit: a
// team that does not track languages still gets its accounts placed.
func TestAssignNoLanguagesListed(t *testing.T) {
	cfg := Config{Currency: "JPY", Phase: PhaseZeroToOne, CSMs: []CSM{
		{ID: "any", Segment: "high-touch"},
		{ID: "ja", Segment: "high-touch", Languages: []string{"ja"}},
	}}
	b, err := NewBook(cfg)
	require.NoError(t, err)
	require.NoError(t, b.Add(Account{ID: "a0", CSM: "any", ARR: d("5000000")})) // any: 3
	out, err := b.Assign(slices.Values([]Account{
		{ID: "en1", ARR: d("5000000"), Language: "en"},
		{ID: "ja1", ARR: d("5000000"), Language: "ja"},
	}))
	require.NoError(t, err)
	var got []string
	for _, a := range out {
		got = append(got, a.Account+"→"+a.CSM+" "+a.Why())
	}
	assert.Equal(t, []string{
		// en1 (3) before ja1 (3) by ID: only "any" serves en: 3 → 6.
		`en1→any the only CSM serving segment "high-touch" in language "en": 3 → 6`,
		// ja: "ja" at 0 beats "any" at 6.
		`ja1→ja least load of the 2 CSMs serving segment "high-touch" in language "ja": 0 → 3; next: any at 6`,
	}, got)
}
