package expansion

import (
	"errors"
	"slices"
	"testing"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/booktest"
	"github.com/cskit/cskit/internal/money"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var asOf = date.Must(2026, 6, 30)

func june(d int) date.Date { return date.Must(2026, 6, d) }

// leads is a month of leads:
//
//	L1 sato smb          seats, seminar survey       accepted, won 30000
//	L2 sato smb          unit price, usage review    rejected "no budget", not reviewed
//	L3 sato smb          toss-up to attend-team      accepted, won 50000 (not CS's order)
//	L4 sato smb          from the product: an MQL
//	L5 suzuki enterprise seats, headroom             accepted, won 200000
//	L6 suzuki enterprise option, renewal             rejected "has it", reviewed
//	L7 suzuki enterprise toss-up to partner-x        pending
//	L8 tanaka smb        seats, seminar survey       accepted, lost
//	L9 tanaka smb        usage, other                rejected "duplicate", not reviewed
func leads() []Lead {
	return []Lead{
		{ID: "L1", Account: "a1", CSM: "sato", Segment: SegmentSMB, Kind: KindSeats, Source: SourceSeminar, Created: june(1), Verdict: VerdictAccepted, Outcome: OutcomeWon, Amount: dec("30000")},
		{ID: "L2", Account: "a2", CSM: "sato", Segment: SegmentSMB, Kind: KindUnitPrice, Source: SourceUsageReview, Created: june(2), Verdict: VerdictRejected, Reason: "no budget"},
		{ID: "L3", Account: "a3", CSM: "sato", Segment: SegmentSMB, Kind: KindProduct, Source: SourceContact, Team: "attend-team", Created: june(3), Verdict: VerdictAccepted, Outcome: OutcomeWon, Amount: dec("50000")},
		{ID: "L4", Account: "a4", CSM: "sato", Segment: SegmentSMB, Kind: KindSeats, Source: SourceProduct, Created: june(4)},
		{ID: "L5", Account: "b1", CSM: "suzuki", Segment: SegmentEnterprise, Kind: KindSeats, Source: SourceHeadroom, Created: june(5), Verdict: VerdictAccepted, Outcome: OutcomeWon, Amount: dec("200000")},
		{ID: "L6", Account: "b2", CSM: "suzuki", Segment: SegmentEnterprise, Kind: KindOption, Source: SourceRenewal, Created: june(6), Verdict: VerdictRejected, Reason: "has it", Reviewed: true},
		{ID: "L7", Account: "b3", CSM: "suzuki", Segment: SegmentEnterprise, Kind: KindProduct, Source: SourceSeminar, Team: "partner-x", Created: june(7)},
		{ID: "L8", Account: "c1", CSM: "tanaka", Segment: SegmentSMB, Kind: KindSeats, Source: SourceSeminar, Created: june(8), Verdict: VerdictAccepted, Outcome: OutcomeLost},
		{ID: "L9", Account: "c2", CSM: "tanaka", Segment: SegmentSMB, Kind: KindUsage, Source: SourceOther, Created: june(9), Verdict: VerdictRejected, Reason: "duplicate"},
	}
}

func TestFunnel(t *testing.T) {
	f, err := Policy{}.Funnel(asOf, slices.Values(leads()))
	require.NoError(t, err)
	assert.EqualValues(t, 8, f.CSQLs) // all but L4
	assert.EqualValues(t, 1, f.MQLs)
	assert.Equal(t, map[Source]int64{SourceSeminar: 3, SourceUsageReview: 1, SourceRenewal: 1, SourceHeadroom: 1, SourceContact: 1, SourceProduct: 1, SourceOther: 1}, f.BySource)
	assert.Equal(t, [3]int64{1, 4, 3}, [3]int64{f.Pending, f.Accepted, f.Rejected}) // L7; L1 L3 L5 L8; L2 L6 L9
	assert.Equal(t, "4/7 (57.1%)", f.Acceptance.String())                           // 4 / (4 + 3)
	assert.EqualValues(t, 1, f.Reviewed)                                            // L6
	require.Len(t, f.ReviewQueue, 2)
	assert.Equal(t, leads()[1], f.ReviewQueue[0], "the queue holds the lead itself")
	assert.Equal(t, "L9", f.ReviewQueue[1].ID)
	assert.Equal(t, [2]int64{3, 1}, [2]int64{f.Won, f.Lost})
	assert.Equal(t, "280000", money.Format(f.WonAmount)) // 30000 + 50000 + 200000
	assert.Equal(t, TossUps{Credited: 2, Accepted: 1, Won: 1}, f.TossUps)
	require.Len(t, f.CSMs, 3)
	tally := func(c CSMTally) string {
		return c.CSM + " " + c.Segment.String() + " " + itoa(c.CSQLs) + " " + itoa(c.Accepted) + " " + itoa(c.TossUps) + " " + money.Format(c.Shared)
	}
	assert.Equal(t, "sato smb 3 2 1 30000", tally(f.CSMs[0]), "L3's order is not CS's")
	assert.Equal(t, "suzuki enterprise 3 1 1 200000", tally(f.CSMs[1]))
	assert.Equal(t, "tanaka smb 2 1 0 0", tally(f.CSMs[2]))

	got, err := f.Attainment([]Goal{
		{CSM: "sato", Segment: SegmentSMB, Count: 4},
		{CSM: "suzuki", Segment: SegmentEnterprise, Amount: dec("250000")},
		{CSM: "ito", Segment: SegmentSMB, Count: 3},
	})
	require.NoError(t, err)
	assert.Equal(t, "2/4 (50.0%)", got[0].Count.String())
	assert.Equal(t, "80.0%", got[1].Amount.String()) // 200000 / 250000
	assert.Equal(t, "0/3 (0.0%)", got[2].Count.String(), "a CSM with no lead")
	assert.Equal(t, "no data", got[0].Amount.String())

	_, err = f.Attainment([]Goal{{CSM: "sato", Segment: SegmentSMB, Count: 1}, {CSM: "sato", Segment: SegmentSMB, Count: 2}})
	assert.ErrorIs(t, err, ErrDuplicate)
	_, err = f.Attainment([]Goal{{CSM: "sato", Segment: SegmentSMB, Amount: dec("1"), Count: 1}})
	assert.ErrorIs(t, err, ErrInconsistent)
	_, err = f.Attainment([]Goal{{CSM: "sato", Segment: SegmentEnterprise}})
	assert.ErrorIs(t, err, ErrMissing)
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "goals[0].amount", fe.Field)

	booktest.CheckMerge(t, 11, 40, leads(), func() *Pipeline {
		p, err := NewPipeline(Policy{}, asOf)
		require.NoError(t, err)
		return p
	})
	x, _ := NewPipeline(Policy{}, asOf)
	y, _ := NewPipeline(Policy{}, asOf.AddDays(1))
	assert.ErrorIs(t, x.Merge(y), ErrMismatch)
	_, err = NewPipeline(Policy{}, date.Date{})
	assert.ErrorIs(t, err, ErrMissing)
}

func TestLeadValidate(t *testing.T) {
	ok := leads()[0]
	tests := []struct {
		name  string
		edit  func(*Lead)
		field string
		err   error
	}{
		{"no id", func(l *Lead) { l.ID = "" }, "id", ErrMissing},
		{"no csm", func(l *Lead) { l.CSM = "" }, "csm", ErrMissing},
		{"no segment", func(l *Lead) { l.Segment = 0 }, "segment", ErrMissing},
		{"bad source", func(l *Lead) { l.Source = 99 }, "source", ErrUnknown},
		{"bad verdict", func(l *Lead) { l.Verdict = 9 }, "verdict", ErrUnknown},
		{"toss-up without team", func(l *Lead) { l.Kind = KindProduct }, "team", ErrMissing},
		{"no date", func(l *Lead) { l.Created = date.Date{} }, "created", ErrMissing},
		{"rejected without reason", func(l *Lead) { l.Verdict, l.Outcome, l.Amount = VerdictRejected, OutcomeOpen, dec("0") }, "reason", ErrMissing},
		{"reason on accepted", func(l *Lead) { l.Reason = "x" }, "reason", ErrInconsistent},
		{"reviewed on accepted", func(l *Lead) { l.Reviewed = true }, "reviewed", ErrInconsistent},
		{"won while pending", func(l *Lead) { l.Verdict = VerdictPending }, "outcome", ErrInconsistent},
		{"won without amount", func(l *Lead) { l.Amount = dec("0") }, "amount", ErrMissing},
		{"amount on lost", func(l *Lead) { l.Outcome = OutcomeLost }, "amount", ErrInconsistent},
		{"negative amount", func(l *Lead) { l.Amount = dec("-5") }, "amount", ErrNegative},
	}
	require.NoError(t, ok.Validate())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := ok
			tt.edit(&l)
			err := l.Validate()
			require.ErrorIs(t, err, tt.err)
			var fe *FieldError
			require.True(t, errors.As(err, &fe))
			assert.Equal(t, tt.field, fe.Field)
		})
	}
	l := ok
	l.Created = asOf.AddDays(1)
	p, _ := NewPipeline(Policy{}, asOf)
	err := p.Add(l)
	assert.ErrorIs(t, err, ErrAfterAsOf)
	assert.EqualError(t, err, `expansion: lead "L1": created: dated after the as-of date: 2026-07-01 after 2026-06-30`)
	assert.Zero(t, p.Result().CSQLs, "a refused lead is not counted")
}

func TestExpectedSeminarLeads(t *testing.T) {
	n, err := Policy{}.ExpectedSeminarLeads(60)
	require.NoError(t, err)
	assert.Equal(t, "3.00", money.Format(n)) // 60 × 0.05: one in twenty [seed 000]
	n, err = Policy{SeminarYield: dec("0.1")}.ExpectedSeminarLeads(25)
	require.NoError(t, err)
	assert.Equal(t, "2.5", money.Format(n))
	_, err = Policy{}.ExpectedSeminarLeads(-1)
	assert.ErrorIs(t, err, ErrNegative)
}
