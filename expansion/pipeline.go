package expansion

import (
	"cmp"
	"encoding/json"
	"fmt"
	"iter"
	"slices"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Lead is an expansion lead CS created and handed to the team that closes
// it: field sales for the product CS serves, or, for a cross-sell
// toss-up, another product's team, a group company or a partner
// [seed 000, seed 002].
type Lead struct {
	// ID identifies the lead; required.
	ID string `json:"id"`
	// Account is the customer; required.
	Account string `json:"account"`
	// CSM is the CSM who created it; required.
	CSM string `json:"csm"`
	// Segment is the CSM's segment, which decides the goal the lead counts
	// towards; required.
	Segment Segment `json:"segment"`
	// Kind is what the lead would add; [KindProduct] makes it a cross-sell
	// toss-up. Required.
	Kind Kind `json:"kind"`
	// Source is where it came from; required. A lead from the product
	// itself is an MQL and is counted apart from CSQLs.
	Source Source `json:"source"`
	// Team is who it was handed to; required for a toss-up.
	Team string `json:"team"`
	// Created is the day CS handed it over; required, not after the as-of
	// date it is counted at.
	Created date.Date `json:"created"`
	// Verdict is the receiving team's judgement.
	Verdict Verdict `json:"verdict"`
	// Reason is why it was rejected: required for a rejected lead, empty
	// otherwise.
	Reason string `json:"reason"`
	// Reviewed says CS has reviewed the rejection (the quality PDCA of
	// seed 000); only for a rejected lead.
	Reviewed bool `json:"reviewed"`
	// Outcome is the order's result, as the closing team reports it; won
	// or lost only for an accepted lead.
	Outcome Outcome `json:"outcome"`
	// Amount is the won order's recurring revenue: above zero for a won
	// lead, zero otherwise.
	Amount decimal.Decimal `json:"amount"`
}

// maxText bounds a rejection reason.
const maxText = 1024

// Validate returns an error if:
//   - ID, Account or CSM is empty or longer than 256 bytes ([ErrMissing],
//     [ErrTooLarge]);
//   - Segment, Kind or Source is zero ([ErrMissing]) or undeclared
//     ([ErrUnknown]), or Verdict or Outcome is undeclared ([ErrUnknown]);
//   - a toss-up (Kind product) has no Team ([ErrMissing]);
//   - Created is zero ([ErrMissing]);
//   - a rejected lead has no Reason ([ErrMissing]), or another has one or
//     is marked Reviewed ([ErrInconsistent]); a reason is longer than 1024
//     bytes ([ErrTooLarge]);
//   - a lead not accepted is won or lost ([ErrInconsistent]);
//   - a won lead has no Amount ([ErrMissing]), another has one
//     ([ErrInconsistent]), or it is negative ([ErrNegative]) or out of
//     range ([ErrAmountOutOfRange]).
//
// The error is a [*FieldError] naming the lead and the field.
func (l Lead) Validate() error {
	bad := func(field string, err error) error { return fieldErr("lead", l.ID, field, err) }
	for _, f := range [...]struct{ field, v string }{{"id", l.ID}, {"account", l.Account}, {"csm", l.CSM}} {
		if err := checkName(f.v); err != nil {
			return bad(f.field, err)
		}
	}
	for _, e := range [...]struct {
		field   string
		zero    bool
		valid   bool
		unknown error
		v       uint8
	}{
		{"segment", l.Segment == 0, l.Segment.Valid(), errUnknownSegment, uint8(l.Segment)},
		{"kind", l.Kind == 0, l.Kind.Valid(), errUnknownKind, uint8(l.Kind)},
		{"source", l.Source == 0, l.Source.Valid(), errUnknownSource, uint8(l.Source)},
		{"verdict", false, l.Verdict.Valid(), errUnknownVerdict, uint8(l.Verdict)},
		{"outcome", false, l.Outcome.Valid(), errUnknownOutcome, uint8(l.Outcome)},
	} {
		switch {
		case e.zero:
			return bad(e.field, ErrMissing)
		case !e.valid:
			return bad(e.field, fmt.Errorf("%w %d", e.unknown, e.v))
		}
	}
	switch {
	case len(l.Team) > maxName:
		return bad("team", checkName(l.Team))
	case l.Kind == KindProduct && l.Team == "":
		return bad("team", fmt.Errorf("%w: a toss-up names the team it went to", ErrMissing))
	case l.Created.IsZero():
		return bad("created", ErrMissing)
	case len(l.Reason) > maxText:
		return bad("reason", fmt.Errorf("%w: %d bytes, above %d", ErrTooLarge, len(l.Reason), maxText))
	}
	rejected := l.Verdict == VerdictRejected
	switch {
	case rejected && l.Reason == "":
		return bad("reason", fmt.Errorf("%w: a rejected lead says why", ErrMissing))
	case !rejected && l.Reason != "":
		return bad("reason", fmt.Errorf("%w: a reason on a %s lead", ErrInconsistent, l.Verdict))
	case !rejected && l.Reviewed:
		return bad("reviewed", fmt.Errorf("%w: only a rejected lead is reviewed", ErrInconsistent))
	case l.Outcome != OutcomeOpen && l.Verdict != VerdictAccepted:
		return bad("outcome", fmt.Errorf("%w: %s on a %s lead", ErrInconsistent, l.Outcome, l.Verdict))
	}
	if !money.Valid(l.Amount) {
		return bad("amount", checkAmount(l.Amount))
	}
	switch won := l.Outcome == OutcomeWon; {
	case won && l.Amount.IsZero():
		return bad("amount", fmt.Errorf("%w: a won lead has its order's amount", ErrMissing))
	case !won && !l.Amount.IsZero():
		return bad("amount", fmt.Errorf("%w: an amount on a lead not won", ErrInconsistent))
	}
	return nil
}

// TossUp reports whether the lead is a cross-sell toss-up: a CSQL for
// another product.
func (l Lead) TossUp() bool { return l.Kind == KindProduct && l.Source.CSQL() }

type leadJSON struct {
	ID       string     `json:"id"`
	Account  string     `json:"account"`
	CSM      string     `json:"csm"`
	Segment  Segment    `json:"segment"`
	Kind     Kind       `json:"kind"`
	Source   Source     `json:"source"`
	Team     string     `json:"team"`
	Created  date.Date  `json:"created"`
	Verdict  Verdict    `json:"verdict"`
	Reason   string     `json:"reason"`
	Reviewed bool       `json:"reviewed"`
	Outcome  Outcome    `json:"outcome"`
	Amount   money.JSON `json:"amount"`
}

// MarshalJSON encodes the lead with its amount as an exact decimal string.
func (l Lead) MarshalJSON() ([]byte, error) {
	return json.Marshal(leadJSON{l.ID, l.Account, l.CSM, l.Segment, l.Kind, l.Source, l.Team, l.Created, l.Verdict,
		l.Reason, l.Reviewed, l.Outcome, money.JSON(l.Amount)})
}

// UnmarshalJSON decodes a lead strictly and validates it; an error wraps
// [ErrInvalidRecord] and leaves l unchanged.
func (l *Lead) UnmarshalJSON(b []byte) error {
	var j leadJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "lead", err)
	}
	v := Lead{j.ID, j.Account, j.CSM, j.Segment, j.Kind, j.Source, j.Team, j.Created, j.Verdict, j.Reason,
		j.Reviewed, j.Outcome, decimal.Decimal(j.Amount)}
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "lead", err)
	}
	*l = v
	return nil
}

// TossUps counts the cross-sell toss-ups: CS is credited for every one
// handed over, whatever becomes of the order, which the closing team owns
// [seed 002].
type TossUps struct {
	Credited int64 `json:"credited"` // toss-ups handed over: CS's credit
	Accepted int64 `json:"accepted"` // accepted by the receiving team
	Rejected int64 `json:"rejected"` // rejected by the receiving team
	Won      int64 `json:"won"`      // ordered, as the receiving team reports
	Lost     int64 `json:"lost"`     // not ordered
}

// UnmarshalJSON decodes what encoding/json writes for TossUps, strictly;
// an error wraps [ErrInvalidRecord] and leaves t unchanged.
func (t *TossUps) UnmarshalJSON(b []byte) error {
	type plain TossUps
	return decodePlain(b, (*plain)(t), ErrInvalidRecord, "toss-ups", nil)
}

// CSMTally is one CSM's leads in one segment.
type CSMTally struct {
	CSM     string  `json:"csm"`     // the CSM
	Segment Segment `json:"segment"` // the segment of the CSM's leads
	// CSQLs is the CSM's CSQLs, toss-ups included; Accepted those the
	// receiving team accepted (the count an SMB goal measures).
	CSQLs    int64 `json:"csqls"`
	Accepted int64 `json:"accepted"`
	TossUps  int64 `json:"toss_ups"`
	// Shared is the won revenue of the CSM's CSQLs for the product CS
	// serves, shared with sales (what an enterprise goal measures);
	// toss-ups' orders are not CS's.
	Shared decimal.Decimal `json:"shared"`
}

type csmTallyJSON struct {
	CSM      string     `json:"csm"`
	Segment  Segment    `json:"segment"`
	CSQLs    int64      `json:"csqls"`
	Accepted int64      `json:"accepted"`
	TossUps  int64      `json:"toss_ups"`
	Shared   money.JSON `json:"shared"`
}

// MarshalJSON encodes the tally with its amount as an exact decimal string.
func (c CSMTally) MarshalJSON() ([]byte, error) {
	return json.Marshal(csmTallyJSON{c.CSM, c.Segment, c.CSQLs, c.Accepted, c.TossUps, money.JSON(c.Shared)})
}

// UnmarshalJSON decodes what MarshalJSON writes; an error wraps
// [ErrInvalidRecord] and leaves c unchanged.
func (c *CSMTally) UnmarshalJSON(b []byte) error {
	var j csmTallyJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "csm tally", err)
	}
	v := CSMTally{j.CSM, j.Segment, j.CSQLs, j.Accepted, j.TossUps, decimal.Decimal(j.Shared)}
	if err := checkAmounts("csm tally", v.CSM, amount{"shared", v.Shared}); err != nil {
		return decodeErr(ErrInvalidRecord, "csm tally", err)
	}
	*c = v
	return nil
}

// Funnel is the result of a [Pipeline]: the CSQL funnel as of a day.
// Product-sourced leads (MQLs) are counted in MQLs and BySource only.
type Funnel struct {
	// AsOf is the day the funnel was counted at.
	AsOf date.Date `json:"as_of"`
	// CSQLs counts the CS-qualified leads; MQLs the product-sourced ones.
	CSQLs int64 `json:"csqls"`
	MQLs  int64 `json:"mqls"`
	// BySource counts every lead, MQLs included, by source, every
	// declared source present; JSON keys are the sources' names.
	BySource map[Source]int64 `json:"by_source"`
	// The CSQLs by verdict.
	Pending  int64 `json:"pending"`
	Accepted int64 `json:"accepted"`
	Rejected int64 `json:"rejected"`
	// Acceptance is Accepted of the CSQLs judged (Accepted + Rejected).
	Acceptance Ratio `json:"acceptance"`
	// Reviewed counts the rejected CSQLs CS has reviewed; ReviewQueue
	// holds the others, the leads as they were added, oldest first, each
	// to be gone through one by one [seed 000].
	Reviewed    int64  `json:"reviewed"`
	ReviewQueue []Lead `json:"review_queue"`
	// Won and Lost count the CSQLs' orders; WonAmount is the won orders'
	// revenue, toss-ups included.
	Won       int64           `json:"won"`
	Lost      int64           `json:"lost"`
	WonAmount decimal.Decimal `json:"won_amount"`
	// TossUps are the cross-sell CSQLs.
	TossUps TossUps `json:"toss_ups"`
	// CSMs is a tally per CSM and segment, by CSM then segment.
	CSMs []CSMTally `json:"csms"`
}

type funnelJSON struct {
	AsOf        date.Date        `json:"as_of"`
	CSQLs       int64            `json:"csqls"`
	MQLs        int64            `json:"mqls"`
	BySource    map[Source]int64 `json:"by_source"`
	Pending     int64            `json:"pending"`
	Accepted    int64            `json:"accepted"`
	Rejected    int64            `json:"rejected"`
	Acceptance  Ratio            `json:"acceptance"`
	Reviewed    int64            `json:"reviewed"`
	ReviewQueue []Lead           `json:"review_queue"`
	Won         int64            `json:"won"`
	Lost        int64            `json:"lost"`
	WonAmount   money.JSON       `json:"won_amount"`
	TossUps     TossUps          `json:"toss_ups"`
	CSMs        []CSMTally       `json:"csms"`
}

// MarshalJSON encodes the funnel with exact decimal strings.
func (f Funnel) MarshalJSON() ([]byte, error) {
	return json.Marshal(funnelJSON{f.AsOf, f.CSQLs, f.MQLs, f.BySource, f.Pending, f.Accepted, f.Rejected,
		f.Acceptance, f.Reviewed, f.ReviewQueue, f.Won, f.Lost, money.JSON(f.WonAmount), f.TossUps, f.CSMs})
}

// UnmarshalJSON decodes what MarshalJSON writes; an error wraps
// [ErrInvalidRecord] and leaves f unchanged.
func (f *Funnel) UnmarshalJSON(b []byte) error {
	var j funnelJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "funnel", err)
	}
	v := Funnel{j.AsOf, j.CSQLs, j.MQLs, j.BySource, j.Pending, j.Accepted, j.Rejected, j.Acceptance, j.Reviewed,
		j.ReviewQueue, j.Won, j.Lost, decimal.Decimal(j.WonAmount), j.TossUps, j.CSMs}
	if err := checkAmounts("funnel", "", amount{"won_amount", v.WonAmount}); err != nil {
		return decodeErr(ErrInvalidRecord, "funnel", err)
	}
	*f = v
	return nil
}

// Pipeline counts a book of leads into a [Funnel]. It is an accumulator:
// [Pipeline.Add] a lead, merge pipelines built over parts of the book with
// [Pipeline.Merge], read [Pipeline.Result]. Its memory is its totals, one
// tally per CSM and segment, and the rejected leads awaiting review; it
// keeps no other lead.
//
// It keeps no IDs: a lead added twice is counted twice (the host's lead
// IDs are unique, or the host checks them with a set).
type Pipeline struct {
	s       *settings
	asOf    date.Date
	f       funnelSums
	queue   []Lead
	tallies map[csmKey]*tallySum
}

type funnelSums struct {
	csqls, mqls                           int64
	bySource                              [numSources]int64
	pending, accepted, rejected, reviewed int64
	won, lost                             int64
	wonAmount                             money.Sum
	toss                                  TossUps
}

type csmKey struct {
	csm string
	seg Segment
}

type tallySum struct {
	csqls, accepted, tossUps int64
	shared                   money.Sum
}

// NewPipeline returns an empty pipeline for the policy p, counting leads
// as of the day asOf. It returns p's validation error, or an error
// wrapping [ErrMissing] for a zero asOf.
func NewPipeline(p Policy, asOf date.Date) (*Pipeline, error) {
	s, err := p.settings()
	if err != nil {
		return nil, err
	}
	if asOf.IsZero() {
		return nil, fieldErr("pipeline", "", "as_of", ErrMissing)
	}
	return &Pipeline{s: s, asOf: asOf, tallies: map[csmKey]*tallySum{}}, nil
}

// Add validates l and counts it, or returns an error and leaves the
// pipeline unchanged: l invalid (see [Lead.Validate]) or created after the
// as-of day ([ErrAfterAsOf]).
func (p *Pipeline) Add(l Lead) error {
	if p == nil || p.s == nil {
		return errNilAcc("Pipeline")
	}
	if err := l.Validate(); err != nil {
		return err
	}
	if l.Created.After(p.asOf) {
		return fieldErr("lead", l.ID, "created", fmt.Errorf("%w: %s after %s", ErrAfterAsOf, l.Created, p.asOf))
	}
	f := &p.f
	f.bySource[l.Source]++
	if !l.Source.CSQL() {
		f.mqls++
		return nil
	}
	f.csqls++
	k := csmKey{l.CSM, l.Segment}
	t := p.tallies[k]
	if t == nil {
		t = &tallySum{}
		p.tallies[k] = t
	}
	t.csqls++
	toss := l.TossUp()
	if toss {
		f.toss.Credited++
		t.tossUps++
	}
	switch l.Verdict {
	case VerdictPending:
		f.pending++
	case VerdictAccepted:
		f.accepted++
		t.accepted++
		if toss {
			f.toss.Accepted++
		}
	case VerdictRejected:
		f.rejected++
		if toss {
			f.toss.Rejected++
		}
		if l.Reviewed {
			f.reviewed++
		} else {
			p.queue = append(p.queue, l)
		}
	}
	switch l.Outcome {
	case OutcomeWon:
		f.won++
		f.wonAmount.Add(l.Amount)
		if toss {
			f.toss.Won++
		} else {
			t.shared.Add(l.Amount)
		}
	case OutcomeLost:
		f.lost++
		if toss {
			f.toss.Lost++
		}
	}
	return nil
}

// Merge adds the leads of o to p. Pipelines built with different policies
// or as-of days are an error ([ErrMismatch]); p is then unchanged. o is
// not changed.
func (p *Pipeline) Merge(o *Pipeline) error {
	if p == nil || p.s == nil || o == nil || o.s == nil {
		return errNilAcc("Pipeline")
	}
	if !p.s.same(o.s) || p.asOf != o.asOf {
		return fmt.Errorf("%w: different policies or as-of days", ErrMismatch)
	}
	a, b := &p.f, &o.f
	a.csqls += b.csqls
	a.mqls += b.mqls
	for i := range a.bySource {
		a.bySource[i] += b.bySource[i]
	}
	a.pending += b.pending
	a.accepted += b.accepted
	a.rejected += b.rejected
	a.reviewed += b.reviewed
	a.won += b.won
	a.lost += b.lost
	a.wonAmount.AddSum(b.wonAmount)
	a.toss.Credited += b.toss.Credited
	a.toss.Accepted += b.toss.Accepted
	a.toss.Rejected += b.toss.Rejected
	a.toss.Won += b.toss.Won
	a.toss.Lost += b.toss.Lost
	p.queue = append(p.queue, o.queue...)
	for k, ot := range o.tallies {
		t := p.tallies[k]
		if t == nil {
			t = &tallySum{}
			p.tallies[k] = t
		}
		t.csqls += ot.csqls
		t.accepted += ot.accepted
		t.tossUps += ot.tossUps
		t.shared.AddSum(ot.shared)
	}
	return nil
}

// Result returns the funnel so far. A nil pipeline returns the zero
// Funnel.
func (p *Pipeline) Result() Funnel {
	if p == nil || p.s == nil {
		return Funnel{}
	}
	f := &p.f
	out := Funnel{
		AsOf: p.asOf, CSQLs: f.csqls, MQLs: f.mqls,
		BySource: make(map[Source]int64, numSources-1),
		Pending:  f.pending, Accepted: f.accepted, Rejected: f.rejected,
		Acceptance: Ratio{f.accepted, f.accepted + f.rejected},
		Reviewed:   f.reviewed, ReviewQueue: slices.Clone(p.queue),
		Won: f.won, Lost: f.lost, WonAmount: f.wonAmount.Decimal(), TossUps: f.toss,
		CSMs: []CSMTally{},
	}
	for src := SourceSeminar; src.Valid(); src++ {
		out.BySource[src] = f.bySource[src]
	}
	if out.ReviewQueue == nil {
		out.ReviewQueue = []Lead{}
	}
	slices.SortFunc(out.ReviewQueue, func(x, y Lead) int {
		return cmp.Or(x.Created.Compare(y.Created), cmp.Compare(x.ID, y.ID), cmp.Compare(x.Account, y.Account),
			cmp.Compare(x.CSM, y.CSM), cmp.Compare(x.Reason, y.Reason))
	})
	for k, t := range p.tallies {
		out.CSMs = append(out.CSMs, CSMTally{k.csm, k.seg, t.csqls, t.accepted, t.tossUps, t.shared.Decimal()})
	}
	slices.SortFunc(out.CSMs, func(x, y CSMTally) int {
		return cmp.Or(cmp.Compare(x.CSM, y.CSM), cmp.Compare(x.Segment, y.Segment))
	})
	return out
}

// Funnel is the iter.Seq convenience over a [Pipeline]: the funnel of
// every lead of seq as of asOf. It stops at the first lead refused and
// returns an error naming its index and ID; a nil seq is an error wrapping
// [ErrNilBook].
func (p Policy) Funnel(asOf date.Date, seq iter.Seq[Lead]) (Funnel, error) {
	pl, err := NewPipeline(p, asOf)
	if err != nil {
		return Funnel{}, err
	}
	if err := book.Feed(pkg, seq, pl.Add); err != nil {
		return Funnel{}, err
	}
	return pl.Result(), nil
}

// Goal is a CSM's expansion goal for a period [seed 000]: an SMB CSM
// carries a count of CSQLs, an enterprise CSM a revenue amount shared with
// sales.
type Goal struct {
	// CSM is the CSM; required.
	CSM string
	// Segment is the CSM's segment; required. It decides which of Count
	// and Amount is the goal.
	Segment Segment
	// Count is an SMB goal: CSQLs accepted by field sales. Above zero for
	// SMB, zero for enterprise.
	Count int64
	// Amount is an enterprise goal: won revenue shared with sales. Above
	// zero for enterprise, zero for SMB.
	Amount decimal.Decimal
}

// Validate returns an error if CSM is empty ([ErrMissing]), Segment is not
// declared ([ErrMissing], [ErrUnknown]), the segment's measure is zero
// ([ErrMissing]) or negative ([ErrNegative]), Amount is out of range
// ([ErrAmountOutOfRange]), or the other segment's measure is set
// ([ErrInconsistent]).
func (g Goal) Validate() error {
	bad := func(field string, err error) error { return fieldErr("goal", g.CSM, field, err) }
	if err := checkName(g.CSM); err != nil {
		return bad("csm", err)
	}
	switch {
	case g.Segment == 0:
		return bad("segment", ErrMissing)
	case !g.Segment.Valid():
		return bad("segment", fmt.Errorf("%w %d", errUnknownSegment, g.Segment))
	case g.Count < 0:
		return bad("count", fmt.Errorf("%w: %d", ErrNegative, g.Count))
	case !money.Valid(g.Amount):
		return bad("amount", checkAmount(g.Amount))
	}
	if g.Segment == SegmentSMB {
		switch {
		case g.Count == 0:
			return bad("count", fmt.Errorf("%w: an SMB goal is a count of CSQLs", ErrMissing))
		case !g.Amount.IsZero():
			return bad("amount", fmt.Errorf("%w: an SMB goal is a count, not an amount", ErrInconsistent))
		}
		return nil
	}
	switch {
	case g.Amount.IsZero():
		return bad("amount", fmt.Errorf("%w: an enterprise goal is an amount shared with sales", ErrMissing))
	case g.Count != 0:
		return bad("count", fmt.Errorf("%w: an enterprise goal is an amount, not a count", ErrInconsistent))
	}
	return nil
}

type goalJSON struct {
	CSM     string     `json:"csm"`
	Segment Segment    `json:"segment"`
	Count   int64      `json:"count"`
	Amount  money.JSON `json:"amount"`
}

// MarshalJSON encodes the goal with its amount as an exact decimal string.
func (g Goal) MarshalJSON() ([]byte, error) {
	return json.Marshal(goalJSON{g.CSM, g.Segment, g.Count, money.JSON(g.Amount)})
}

// UnmarshalJSON decodes a goal strictly and validates it; an error wraps
// [ErrInvalidRecord] and leaves g unchanged.
func (g *Goal) UnmarshalJSON(b []byte) error {
	var j goalJSON
	if err := jsonstrict.Decode(b, &j); err != nil {
		return decodeErr(ErrInvalidRecord, "goal", err)
	}
	v := Goal{j.CSM, j.Segment, j.Count, decimal.Decimal(j.Amount)}
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "goal", err)
	}
	*g = v
	return nil
}

// Attainment is a goal against what the funnel counted.
type Attainment struct {
	// Goal is the goal measured.
	Goal Goal `json:"goal"`
	// Count is an SMB goal's accepted CSQLs of the goal (zero for
	// enterprise).
	Count Ratio `json:"count"`
	// Amount is an enterprise goal's shared won revenue of the goal (no
	// data for SMB).
	Amount Rate `json:"amount"`
}

// UnmarshalJSON decodes what encoding/json writes for an Attainment,
// strictly; an error wraps [ErrInvalidRecord] and leaves a unchanged.
func (a *Attainment) UnmarshalJSON(b []byte) error {
	type plain Attainment
	return decodePlain(b, (*plain)(a), ErrInvalidRecord, "attainment", nil)
}

// Attainment returns each goal against the funnel's tallies, in the goals'
// order. It returns an error if a goal is invalid (see [Goal.Validate]) or
// two goals are for the same CSM and segment ([ErrDuplicate]).
func (f Funnel) Attainment(goals []Goal) ([]Attainment, error) {
	out := make([]Attainment, 0, len(goals))
	for i, g := range goals {
		if err := g.Validate(); err != nil {
			return nil, under(index("goals", i), err)
		}
		for _, h := range goals[:i] {
			if h.CSM == g.CSM && h.Segment == g.Segment {
				return nil, fieldErr("goal", g.CSM, index("goals", i), fmt.Errorf("%w: goal for %s, %s", ErrDuplicate, quote(g.CSM), g.Segment))
			}
		}
		var t CSMTally
		for _, c := range f.CSMs {
			if c.CSM == g.CSM && c.Segment == g.Segment {
				t = c
				break
			}
		}
		a := Attainment{Goal: g}
		if g.Segment == SegmentSMB {
			a.Count = Ratio{t.Accepted, g.Count}
		} else {
			a.Amount = Rate{t.Shared, g.Amount}
		}
		out = append(out, a)
	}
	return out, nil
}

// ExpectedSeminarLeads returns how many of a training seminar's attendees
// are expected to answer "yes" to the survey's sales question: attendees ×
// [Policy.SeminarYield], about one in twenty by default [seed 000]. It
// returns an error if p is invalid or attendees is negative or above
// [MaxPeople].
func (p Policy) ExpectedSeminarLeads(attendees int64) (decimal.Decimal, error) {
	s, err := p.settings()
	if err != nil {
		return decimal.Decimal{}, err
	}
	if err := checkPeople(attendees); err != nil {
		return decimal.Decimal{}, fieldErr("seminar", "", "attendees", err)
	}
	return s.yield.Mul(decimal.NewFromInt(attendees)), nil
}
