package capacity

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

// benchRoster is 200 CSMs, two thirds high-touch, for the book benchmarks.
func benchConfig() Config {
	cfg := Config{Currency: "JPY", Phase: PhaseOneToTen}
	for i := range 200 {
		s := "high-touch"
		if i%3 == 0 {
			s = "tech-touch"
		}
		cfg.CSMs = append(cfg.CSMs, CSM{ID: fmt.Sprintf("csm-%03d", i), Segment: s})
	}
	return cfg
}

// streamBook yields n accounts made on the fly from small pools, so that
// making a row costs a struct copy and the benchmark measures the book.
func streamBook(cfg Config, n int) iter.Seq[Account] {
	arrs := make([]decimal.Decimal, 1024)
	ids := make([]string, 4096)
	for i := range arrs {
		arrs[i] = decimal.New(int64(300_000+i*37_000), 0) // ¥0.3M to ¥38M
	}
	for i := range ids {
		ids[i] = fmt.Sprint("acct-", i)
	}
	return func(yield func(Account) bool) {
		for i := range n {
			a := Account{ID: ids[i%len(ids)], CSM: cfg.CSMs[i%len(cfg.CSMs)].ID, ARR: arrs[i%len(arrs)],
				RenewalsDue: i % 3 / 2, OpenChurnCases: i % 17 / 16, Onboarding: i%9 == 0}
			if !yield(a) {
				return
			}
		}
	}
}

const millionRows = 1_000_000

// BenchmarkPlanMillion plans a streamed book of a million accounts: the
// book (validation, segment by exact comparison, totals per segment and CSM,
// load) and its result.
func BenchmarkPlanMillion(b *testing.B) {
	cfg := benchConfig()
	seq := streamBook(cfg, millionRows)
	b.ReportAllocs()
	for b.Loop() {
		bk, err := NewBook(cfg)
		if err != nil {
			b.Fatal(err)
		}
		if err := bk.AddAll(seq); err != nil {
			b.Fatal(err)
		}
		if r := bk.Result(); r.Team.Accounts != millionRows {
			b.Fatal(r.Team.Accounts)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/millionRows, "ns/account")
}

// BenchmarkPlanMillionHandLoop is what a host would write by hand for the
// same totals: yen as int64, a threshold compare, a map of CSM totals.
func BenchmarkPlanMillionHandLoop(b *testing.B) {
	cfg := benchConfig()
	seq := streamBook(cfg, millionRows)
	b.ReportAllocs()
	for b.Loop() {
		type tot struct {
			arr, load int64
			n         int
		}
		csms := make(map[string]*tot, len(cfg.CSMs))
		for _, m := range cfg.CSMs {
			csms[m.ID] = &tot{}
		}
		var segARR [2]int64
		var segN [2]int
		count := 0
		for a := range seq {
			if a.ID == "" || a.ARR.Sign() < 0 {
				b.Fatal("bad row")
			}
			arr := a.ARR.IntPart()
			s, touch := 1, int64(3000)
			if arr < 2_400_000 {
				s, touch = 0, 1000
			}
			segARR[s] += arr
			segN[s]++
			t := csms[a.CSM]
			t.arr += arr
			t.n++
			t.load += touch + int64(a.RenewalsDue)*2000 + int64(a.OpenChurnCases)*3000
			if a.Onboarding {
				t.load += 2000
			}
			count++
		}
		if count != millionRows {
			b.Fatal(count)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/millionRows, "ns/account")
}

// assignBench is 10,000 accounts to place among 200 CSMs in three
// segments and three languages, on top of a book of 600.
func assignBench(b *testing.B) (Config, *Book, []Account) {
	rng := rand.New(rand.NewPCG(3, 4))
	cfg, bk := randomTeam(b, rng, 200, "")
	todo := make([]Account, 10_000)
	for k := range todo {
		todo[k] = randomAccount(rng, fmt.Sprint("new", k), "")
	}
	return cfg, bk, todo
}

// BenchmarkAssign10k places 10,000 accounts among 200 CSMs with the heaps
// of Book.Assign, explanations' data included.
func BenchmarkAssign10k(b *testing.B) {
	_, bk, todo := assignBench(b)
	b.ReportAllocs()
	for b.Loop() {
		out, err := bk.Assign(slices.Values(todo))
		if err != nil || len(out) != len(todo) {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssign10kHandLoop places the same accounts by looking at every
// CSM for each account, as a hand-written loop would.
func BenchmarkAssign10kHandLoop(b *testing.B) {
	cfg, bk, todo := assignBench(b)
	b.ReportAllocs()
	for b.Loop() {
		if out := scanAssign(cfg, bk, todo); len(out) != len(todo) {
			b.Fatal(len(out))
		}
	}
}
