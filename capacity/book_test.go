package capacity

import (
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"testing"

	"github.com/cskit/cskit/internal/booktest"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func seg(name string, touch Touch, from string, to string, target string, accounts int) Segment {
	s := Segment{Name: name, Touch: touch, From: d(from), TargetAccounts: accounts}
	if to != "" {
		s.To = d(to)
	}
	if target != "" {
		s.TargetARR = d(target)
	}
	return s
}

func TestSegmentsCover(t *testing.T) {
	tests := []struct {
		name string
		segs []Segment
		want error
		msg  string
	}{
		{"gap between", []Segment{seg("a", TouchTech, "0", "2400000", "1", 0), seg("b", TouchHigh, "3000000", "", "1", 0)},
			ErrSegmentGap, "capacity: segments[1].from: segments leave a gap: [2400000, 3000000) is in no segment"},
		{"overlap", []Segment{seg("a", TouchTech, "0", "3000000", "1", 0), seg("b", TouchHigh, "2400000", "", "1", 0)},
			ErrSegmentOverlap, `capacity: segments[1].from: segments overlap: "a" [0, 3000000) and "b" [2400000, ∞) share [2400000, 3000000)`},
		{"gap at zero", []Segment{seg("a", TouchHigh, "1", "", "1", 0)},
			ErrSegmentGap, "capacity: segments[0].from: segments leave a gap: [0, 1) is in no segment"},
		{"gap at the top", []Segment{seg("a", TouchHigh, "0", "5", "1", 0)},
			ErrSegmentGap, "capacity: segments[0].to: segments leave a gap: [5, ∞) is in no segment"},
		{"two unbounded", []Segment{seg("b", TouchHigh, "5", "", "1", 0), seg("a", TouchHigh, "0", "", "1", 0)},
			ErrSegmentOverlap, `capacity: segments[0].from: segments overlap: "a" [0, ∞) and "b" [5, ∞) share [5, ∞)`},
		{"same start", []Segment{seg("a", TouchHigh, "0", "5", "1", 0), seg("b", TouchHigh, "0", "", "1", 0)},
			ErrSegmentOverlap, `capacity: segments[1].from: segments overlap: "a" [0, 5) and "b" [0, ∞) share [0, 5)`},
		{"nested", []Segment{seg("a", TouchHigh, "0", "", "1", 0), seg("b", TouchHigh, "2", "4", "1", 0)},
			ErrSegmentOverlap, `capacity: segments[1].from: segments overlap: "a" [0, ∞) and "b" [2, 4) share [2, 4)`},
		{"empty range", []Segment{seg("a", TouchHigh, "5", "5", "1", 0)},
			ErrInvalidConfig, "capacity: segments[0].to: invalid config: [5, 5) is empty"},
		{"same name", []Segment{seg("a", TouchTech, "0", "5", "1", 0), seg("a", TouchHigh, "5", "", "1", 0)},
			ErrDuplicateID, `capacity: segments[1].name: duplicate ID: segment "a" is also segments[0]`},
		{"no target", []Segment{seg("a", TouchHigh, "0", "", "", 0)},
			ErrInvalidConfig, "capacity: segments[0].target_arr: invalid config: segment a has no target per CSM"},
		{"negative from", []Segment{seg("a", TouchHigh, "-1", "", "1", 0)},
			ErrNegativeAmount, "capacity: segments[0].from: negative amount: -1"},
		{"no touch", []Segment{{Name: "a", TargetAccounts: 5}},
			ErrUnknownTouch, "capacity: segments[0].touch: unknown touch model 0"},
		{"unsorted but whole", []Segment{seg("b", TouchHigh, "5", "", "1", 0), seg("a", TouchTech, "0", "5", "", 9)}, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Config{Currency: "JPY", Segments: tc.segs}.Validate()
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
			var fe *FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tc.msg, err.Error())
		})
	}
}

func TestConfigErrors(t *testing.T) {
	segs := []Segment{seg("high", TouchHigh, "0", "", "50000000", 0)}
	tests := []struct {
		name string
		cfg  Config
		want error
		msg  string
	}{
		{"no currency", Config{Segments: segs}, ErrInvalidCurrency, `capacity: currency: invalid currency: "" is not a three-letter code`},
		{"no segments, no phase", Config{Currency: "JPY"}, ErrInvalidConfig, "capacity: segments: invalid config: no segments and no phase to take the default segments from"},
		{"defaults in yen only", Config{Currency: "USD", Phase: PhaseOneToTen}, ErrCurrencyMismatch, "capacity: segments: currencies differ: the default segments are in JPY, the config in USD; give segments in USD"},
		{"bad phase", Config{Currency: "JPY", Phase: 9}, ErrUnknownPhase, "capacity: phase: unknown phase 9"},
		{"unknown segment", Config{Currency: "JPY", Segments: segs, CSMs: []CSM{{ID: "x", Segment: "smb"}}}, ErrUnknownSegment, `capacity: csms[0].segment: unknown segment "smb"`},
		{"duplicate CSM", Config{Currency: "JPY", Segments: segs, CSMs: []CSM{{ID: "x", Segment: "high"}, {ID: "x", Segment: "high"}}}, ErrDuplicateID, `capacity: csms[1].id: duplicate ID: CSM "x" is also csms[0]`},
		{"empty CSM ID", Config{Currency: "JPY", Segments: segs, CSMs: []CSM{{Segment: "high"}}}, ErrInvalidConfig, "capacity: csms[0].id: invalid config: empty CSM ID"},
		{"negative max", Config{Currency: "JPY", Segments: segs, CSMs: []CSM{{ID: "x", Segment: "high", MaxAccounts: -1}}}, ErrInvalidConfig, "capacity: csms[0].max_accounts: invalid config: negative limit -1"},
		{"empty language", Config{Currency: "JPY", Segments: segs, CSMs: []CSM{{ID: "x", Segment: "high", Languages: []string{"ja", ""}}}}, ErrInvalidConfig, "capacity: csms[0].languages[1]: invalid config: empty language"},
		{"negative weight", Config{Currency: "JPY", Segments: segs, Weights: Weights{HighTouch: -1}}, ErrInvalidPoints, "capacity: weights.high_touch: invalid points: -0.001 outside [0, 1000]"},
		{"heavy weight", Config{Currency: "JPY", Segments: segs, Weights: Weights{Renewal: MaxWeight + 1}}, ErrInvalidPoints, "capacity: weights.renewal: invalid points: 1000.001 outside [0, 1000]"},
		{"negative arr per point", Config{Currency: "JPY", Segments: segs, Weights: Weights{ARRPerPoint: d("-1")}}, ErrNegativeAmount, "capacity: weights.arr_per_point: negative amount: -1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			require.ErrorIs(t, err, tc.want)
			assert.Equal(t, tc.msg, err.Error())
			_, err = NewBook(tc.cfg)
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// sampleConfig is phase 1-10 with its default segments (tech-touch below
// ¥2.4M at ¥100M per CSM; high-touch from ¥2.4M at ¥50M and 50 accounts),
// two high-touch CSMs and one tech-touch CSM.
func sampleConfig() Config {
	return Config{Currency: "JPY", Phase: PhaseOneToTen, CSMs: []CSM{
		{ID: "h1", Segment: "high-touch", Languages: []string{"ja"}},
		{ID: "h2", Segment: "high-touch", Languages: []string{"ja", "en"}},
		{ID: "t1", Segment: "tech-touch", Languages: []string{"ja"}},
	}}
}

func sampleAccounts() []Account {
	return []Account{
		{ID: "a1", CSM: "h1", ARR: d("30000000"), RenewalsDue: 1},
		{ID: "a2", CSM: "h1", ARR: d("12000000"), OpenChurnCases: 1},
		{ID: "a3", CSM: "h2", ARR: d("5000000"), Onboarding: true},
		{ID: "a4", CSM: "t1", ARR: d("1200000")},
		{ID: "a5", CSM: "t1", ARR: d("2399999")}, // just below the band: tech-touch
		{ID: "a6", ARR: d("2400000")},            // on the boundary: high-touch, no CSM
		{ID: "a7", CSM: "h2", ARR: d("600000")},  // tech-touch account of a high-touch CSM
	}
}

func TestBookPlan(t *testing.T) {
	b, err := NewBook(sampleConfig())
	require.NoError(t, err)
	require.NoError(t, b.AddAll(slices.Values(sampleAccounts())))
	r := b.Result()

	// Team: 30M + 12M + 5M + 1.2M + 2399999 + 2.4M + 0.6M = 53599999 over
	// 7 accounts and 3 CSMs; 53599999 / 3 = 17866666.33.
	assert.Equal(t, "53599999", r.Team.ARR.String())
	assert.Equal(t, 7, r.Team.Accounts)
	assert.Equal(t, "17866666.33", r.Team.ARRPerCSM().String())
	assert.Equal(t, "2400000", r.Unassigned.ARR.String())
	assert.Equal(t, 1, r.Unassigned.Accounts)

	require.Len(t, r.Segments, 2)
	tech, high := r.Segments[0], r.Segments[1]
	// Tech-touch: a4, a5, a7 = 1.2M + 2399999 + 0.6M = 4199999, one CSM;
	// 4199999 / 100M = 0.04 → 1.
	assert.Equal(t, "tech-touch", tech.Segment.Name)
	assert.Equal(t, "4199999", tech.Coverage.ARR.String())
	assert.Equal(t, 3, tech.Coverage.Accounts)
	assert.Equal(t, 1, tech.Coverage.CSMs)
	assert.Equal(t, 1, tech.NeededByARR)
	assert.Equal(t, 0, tech.NeededByAccounts)
	assert.Equal(t, 1, tech.Needed)
	assert.Equal(t, 0, tech.Gap)
	assert.Equal(t, "ARR 4199999 / 100000000 per CSM = 0.04, rounded up to 1; needs 1; 1 on the roster: as planned", tech.Why)
	// High-touch: a1, a2, a3, a6 = 30M + 12M + 5M + 2.4M = 49.4M over 2
	// CSMs; 49.4M / 50M = 0.988 → 1; 4 / 50 = 0.08 → 1; one beyond.
	assert.Equal(t, "49400000", high.Coverage.ARR.String())
	assert.Equal(t, 4, high.Coverage.Accounts)
	assert.Equal(t, "24700000.00", high.Coverage.ARRPerCSM().String())
	assert.Equal(t, 1, high.NeededByARR)
	assert.Equal(t, 1, high.NeededByAccounts)
	assert.Equal(t, -1, high.Gap)
	assert.Equal(t, "ARR 49400000 / 50000000 per CSM = 0.99, rounded up to 1; 4 accounts / 50 per CSM = 0.08, rounded up to 1; needs 1 (the larger); 2 on the roster: 1 beyond the plan", high.Why)
	assert.Equal(t, 2, r.Needed)
	assert.Equal(t, -1, r.Gap)

	// Loads with the default weights (high 3, tech 1, renewal 2, churn case
	// 3, onboarding 2): h1 = a1 (3 + 2) + a2 (3 + 3) = 11; h2 = a3 (3 + 2)
	// + a7 (1) = 6, one account outside the segment; t1 = 1 + 1 = 2.
	require.Len(t, r.CSMs, 3)
	loads := map[string]Points{}
	for _, l := range r.CSMs {
		loads[l.CSM] = l.Load
	}
	assert.Equal(t, map[string]Points{"h1": 11 * Point, "h2": 6 * Point, "t1": 2 * Point}, loads)
	h1 := r.CSMs[0]
	assert.Equal(t, LoadParts{Touch: 6 * Point, Renewals: 2 * Point, ChurnCases: 3 * Point}, h1.Parts)
	assert.Equal(t, "42000000", h1.Coverage.ARR.String())
	assert.Equal(t, 1, r.CSMs[1].OutsideSegment)
	assert.Equal(t, 1, r.CSMs[1].Onboarding)
	assert.False(t, h1.Utilisation.Defined)
}

func TestBookARRLoad(t *testing.T) {
	cfg := sampleConfig()
	w := DefaultWeights()
	w.ARRPerPoint = d("10000000") // one point per ¥10M
	cfg.Weights = w
	cfg.CSMs[0].MaxLoad = 20 * Point
	b, err := NewBook(cfg)
	require.NoError(t, err)
	require.NoError(t, b.AddAll(slices.Values(sampleAccounts())))
	r := b.Result()
	// h1: 42M / 10M = 4.2 → 11 + 4.2 = 15.2; utilisation 15.2 / 20 = 0.76.
	// h2: 5.6M / 10M = 0.56 → 6.56. t1: 3599999 / 10M = 0.3599999 → 0.360.
	assert.Equal(t, "15.2", r.CSMs[0].Load.String())
	assert.Equal(t, "0.76", r.CSMs[0].Utilisation.String())
	assert.Equal(t, "6.56", r.CSMs[1].Load.String())
	assert.Equal(t, "0.36", r.CSMs[2].Parts.ARR.String())
	assert.Equal(t, "2.36", r.CSMs[2].Load.String())
}

func TestBookACV(t *testing.T) {
	cfg := Config{Currency: "JPY", Basis: BasisACV, Segments: []Segment{
		seg("small", TouchTech, "0", "2400000", "100000000", 0),
		seg("large", TouchHigh, "2400000", "", "50000000", 0),
	}}
	b, err := NewBook(cfg)
	require.NoError(t, err)
	// ARR 2M with ¥0.5M of one-off fees: ACV 2.5M, large by ACV.
	require.NoError(t, b.Add(Account{ID: "x", ARR: d("2000000"), ACV: d("2500000")}))
	r := b.Result()
	assert.Equal(t, 0, r.Segments[0].Coverage.Accounts)
	assert.Equal(t, 1, r.Segments[1].Coverage.Accounts)
	assert.Equal(t, "2000000", r.Segments[1].Coverage.ARR.String()) // coverage counts ARR
	// A forgotten ACV (zero, below ARR) is refused, not read as zero.
	err = b.Add(Account{ID: "y", ARR: d("2000000")})
	require.ErrorIs(t, err, ErrInvalidAccount)
	assert.Equal(t, `capacity: account "y": acv: invalid account: ACV 0 below ARR 2000000 (ACV is ARR plus one-off fees; the segments read ACV)`, err.Error())
}

// TestPhaseShift plans one book under each phase's default segments: 500
// tech-sized accounts of ¥1.8M (¥900M) and 100 high-touch accounts of
// ¥10M (¥1,000M).
func TestPhaseShift(t *testing.T) {
	book := func(yield func(Account) bool) {
		for i := range 600 {
			a := Account{ID: fmt.Sprint("a", i), ARR: d("1800000")}
			if i >= 500 {
				a.ARR = d("10000000")
			}
			if !yield(a) {
				return
			}
		}
	}
	tests := []struct {
		phase   Phase
		needed  []int
		total   int
		comment string
	}{
		// One segment: 1.9B / 50M = 38; 600 / 50 = 12; needs 38.
		{PhaseZeroToOne, []int{38}, 38, "all high-touch"},
		// Tech 900M / 100M = 9; high 1B / 50M = 20 (100 / 50 = 2); 29.
		{PhaseOneToTen, []int{9, 20}, 29, "tech-touch split off"},
		// Tech 900M / 200M = 4.5 → 5; high 1B / 100M = 10; 15.
		{PhaseTenToHundred, []int{5, 10}, 15, "at scale"},
	}
	for _, tc := range tests {
		b, err := NewBook(Config{Currency: "JPY", Phase: tc.phase})
		require.NoError(t, err)
		require.NoError(t, b.AddAll(book))
		r := b.Result()
		var got []int
		for _, s := range r.Segments {
			got = append(got, s.Needed)
		}
		assert.Equal(t, tc.needed, got, tc.comment)
		assert.Equal(t, tc.total, r.Needed, tc.comment)
		assert.Equal(t, tc.total, r.Gap, "empty roster: hire them all")
		assert.NotEmpty(t, tc.phase.Advice())
	}
}

func TestBookAddErrors(t *testing.T) {
	tests := []struct {
		name string
		a    Account
		want error
		msg  string
	}{
		{"no ID", Account{ARR: d("1")}, ErrInvalidAccount, "capacity: id: invalid account: empty ID"},
		{"negative ARR", Account{ID: "x", ARR: d("-5")}, ErrNegativeAmount, `capacity: account "x": arr: negative amount: -5`},
		{"huge ARR", Account{ID: "x", ARR: d("1e200")}, ErrAmountOutOfRange, `capacity: account "x": arr: amount out of range: exponent 200, outside ±100`},
		{"unknown CSM", Account{ID: "x", CSM: "zz", ARR: d("1")}, ErrUnknownCSM, `capacity: account "x": csm: unknown CSM "zz"`},
		{"renewals", Account{ID: "x", RenewalsDue: 1001}, ErrInvalidAccount, `capacity: account "x": renewals_due: invalid account: 1001 outside 0..1000`},
		{"churn cases", Account{ID: "x", OpenChurnCases: -1}, ErrInvalidAccount, `capacity: account "x": open_churn_cases: invalid account: -1 outside 0..1000`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := NewBook(sampleConfig())
			require.NoError(t, err)
			before, _ := json.Marshal(b.Result())
			err = b.Add(tc.a)
			require.ErrorIs(t, err, tc.want)
			assert.Equal(t, tc.msg, err.Error())
			after, _ := json.Marshal(b.Result())
			assert.Equal(t, string(before), string(after), "a refused account leaves the book unchanged")
		})
	}
}

func TestBookFeedErrors(t *testing.T) {
	b, err := NewBook(sampleConfig())
	require.NoError(t, err)
	err = b.AddAll(nil)
	require.ErrorIs(t, err, ErrNilBook)
	assert.Equal(t, "capacity: nil book iterator", err.Error())

	rows := sampleAccounts()
	rows[3].ARR = d("-1")
	err = b.AddAll(slices.Values(rows))
	require.ErrorIs(t, err, ErrNegativeAmount)
	assert.Equal(t, `capacity: row 3: account "a4": arr: negative amount: -1`, err.Error())
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "a4", fe.ID)
	assert.Equal(t, "arr", fe.Field)
	assert.Equal(t, 3, b.Result().Team.Accounts, "rows before the bad one stay added")

	var zero Book
	require.ErrorIs(t, zero.Add(rows[0]), ErrInvalidConfig)
	assert.Equal(t, Report{}, zero.Result())
	var nilBook *Book
	require.ErrorIs(t, nilBook.Merge(b), ErrInvalidConfig)
	require.ErrorIs(t, b.Merge(nil), ErrInvalidConfig)
}

func TestBookMergeMismatch(t *testing.T) {
	a, err := NewBook(sampleConfig())
	require.NoError(t, err)
	other := sampleConfig()
	other.Phase = PhaseTenToHundred
	b, err := NewBook(other)
	require.NoError(t, err)
	require.ErrorIs(t, a.Merge(b), ErrMismatchedBooks)
	// An equal config written again is the same config.
	c, err := NewBook(sampleConfig())
	require.NoError(t, err)
	require.NoError(t, a.Merge(c))
}

// genAccounts returns n accounts of the sample roster with ARR and load
// items that vary with i.
func genAccounts(n int) iter.Seq[Account] {
	csms := []string{"h1", "h2", "t1", ""}
	return func(yield func(Account) bool) {
		for i := range n {
			a := Account{ID: fmt.Sprint("a", i), CSM: csms[i%4],
				ARR:         decimal.New(int64(1+i*7919%5000), 3+int32(i%2)), // ¥1k..¥50M
				RenewalsDue: i % 3, OpenChurnCases: i % 5 / 4, Onboarding: i%7 == 0}
			if i%11 == 0 {
				a.ARR = decimal.New(int64(i)*123457, -2) // yen and sen
			}
			if !yield(a) {
				return
			}
		}
	}
}

func TestBookMergeLaw(t *testing.T) {
	cfg := sampleConfig()
	w := DefaultWeights()
	w.ARRPerPoint = d("3000000") // a point per ¥3M: ARR points round
	cfg.Weights = w
	rows := slices.Collect(genAccounts(400))
	booktest.CheckMerge(t, 13, 20, rows, func() *Book {
		b, err := NewBook(cfg)
		require.NoError(t, err)
		return b
	})
}

func TestReportJSONRoundTrip(t *testing.T) {
	b, err := NewBook(sampleConfig())
	require.NoError(t, err)
	require.NoError(t, b.AddAll(slices.Values(sampleAccounts())))
	enc, err := json.Marshal(b.Result())
	require.NoError(t, err)
	var back Report
	require.NoError(t, json.Unmarshal(enc, &back))
	enc2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(enc), string(enc2))
	// The zero report encodes.
	_, err = json.Marshal(Report{})
	require.NoError(t, err)
}

// Weights in JSON are read over the defaults: a team that writes only the
// weight it changes keeps the others.
func TestWeightsJSONOverDefaults(t *testing.T) {
	tests := []struct {
		weights string
		h1      string // h1's load: a1 (high, 1 renewal) and a2 (high, 1 churn case), 42M of ARR
	}{
		// Renewals count nothing: 3 + 3 + 3 = 9 (the defaults would give 11).
		{`{"renewal": 0}`, "9"},
		// The defaults plus a point per ¥10M: 11 + 42M / 10M = 15.2.
		{`{"arr_per_point": "10000000"}`, "15.2"},
		// Every weight given: taken as written, 1 + 1 + 1 + 1 = 4.
		{`{"high_touch": 1, "low_touch": 1, "tech_touch": 1, "renewal": 1, "churn_case": 1, "onboarding": 1}`, "4"},
	}
	for _, tc := range tests {
		var cfg Config
		require.NoError(t, json.Unmarshal([]byte(`{"currency":"JPY","phase":"1-10","csms":[{"id":"h1","segment":"high-touch"}],"weights":`+tc.weights+`}`), &cfg))
		b, err := NewBook(cfg)
		require.NoError(t, err)
		require.NoError(t, b.AddAll(slices.Values(sampleAccounts()[:2])))
		assert.Equal(t, tc.h1, b.Result().CSMs[0].Load.String(), tc.weights)
	}
}
