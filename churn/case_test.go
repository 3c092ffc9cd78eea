package churn

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func day(y int, m time.Month, d int) date.Date { return date.Must(y, m, d) }

func yen(n int64) decimal.Decimal { return decimal.NewFromInt(n) }

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// draft is a case about to be opened: ¥1,200,000 of a ¥3,000,000 account
// at risk, tier 2, renewing 2027-03-31.
func draft() Case {
	return Case{
		ID: "c-1", Account: "hokuto", Owner: "sato",
		ARRAtRisk: yen(1_200_000), RenewalDate: day(2027, time.March, 31),
		Tier: 2, AccountARR: yen(3_000_000),
		Reasons: []Reason{{Kind: ReasonBudgetCut, Avoidable: true}},
	}
}

// moves runs transitions through the default policy and fails on error.
func moves(t *testing.T, c Case, ts ...Transition) Case {
	t.Helper()
	for _, tr := range ts {
		var err error
		c, _, err = Policy{}.Move(c, tr)
		require.NoError(t, err, "%s on %s", tr.Event, tr.Date)
	}
	return c
}

func TestMoveOpensAndClimbs(t *testing.T) {
	c := draft()
	c1, plays, err := Policy{}.Move(c, Transition{Date: day(2026, time.November, 2), Event: EventAdminHint, By: "Tanaka, admin"})
	require.NoError(t, err)
	assert.Equal(t, PhaseA, c1.Phase())
	assert.Equal(t, PhaseA, c1.OpenedIn())
	assert.Equal(t, day(2026, time.November, 2), c1.Opened())
	assert.Empty(t, c.History, "the old value is untouched")
	require.Len(t, plays, 3, "the three plays of A")
	assert.Equal(t, []string{"listen", "no-easy-discount", "approval-scenario"}, names(plays))

	// Another voice of the same rank: still A, no play.
	c2, plays, err := Policy{}.Move(c1, Transition{Date: day(2026, time.November, 9), Event: EventFrontLineHint})
	require.NoError(t, err)
	assert.Equal(t, PhaseA, c2.Phase())
	assert.Nil(t, plays)

	// The decision-maker speaks: B, and tier 2 is not a key tier by default.
	c3, plays, err := Policy{}.Move(c2, Transition{Date: day(2026, time.December, 1), Event: EventDecisionMakerConsidering})
	require.NoError(t, err)
	assert.Equal(t, PhaseB, c3.Phase())
	require.Len(t, plays, 3)
	for _, p := range plays {
		assert.True(t, p.Withheld, p.Play.Name)
		assert.Equal(t, "tier 2 is not a key tier (1); no key ARR is set", p.Why)
	}
	assert.Equal(t, day(2026, time.November, 2), c2.Since(), "the second voice in A did not move the case")
	assert.Equal(t, day(2026, time.December, 1), c3.Since())
	assert.Equal(t, date.Date{}, c.Since(), "never opened")
	assert.Len(t, c2.History, 2, "c2 keeps its two moves")
	assert.Len(t, c3.History, 3)

	// Writing into the new case's history leaves the old one alone.
	c3.History[0].Note = "edited"
	assert.Equal(t, "", c2.History[0].Note)
	assert.Equal(t, "", c1.History[0].Note)
}

func names(ps []PlayDue) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Play.Name)
	}
	return out
}

func TestMoveKeyAccounts(t *testing.T) {
	open := moves(t, draft(), Transition{Date: day(2026, time.November, 2), Event: EventAdminHint})
	b := Transition{Date: day(2026, time.December, 1), Event: EventDecisionMakerConsidering}
	tests := []struct {
		name     string
		policy   Policy
		tier     int
		withheld bool
		why      string
	}{
		{"tier 2 within key tiers 1-2", Policy{KeyTier: 2}, 2, false, ""},
		{"tier 1 always", Policy{}, 1, false, ""},
		{"not tiered, no ARR rule", Policy{}, 0, true, "the account is not tiered (key tiers 1); no key ARR is set"},
		// account ARR 3,000,000 ≥ key ARR 3,000,000: matters.
		{"ARR on the threshold", Policy{KeyARR: yen(3_000_000)}, 3, false, ""},
		// 3,000,000 < 3,000,001: does not.
		{"ARR below", Policy{KeyTier: 2, KeyARR: yen(3_000_001)}, 3, true,
			"tier 3 is not a key tier (1-2); account ARR 3000000 is below the key ARR 3000001"},
	}
	for _, tt := range tests {
		c := open
		c.Tier = tt.tier
		_, plays, err := tt.policy.Move(c, b)
		require.NoError(t, err, tt.name)
		require.Len(t, plays, 3, tt.name)
		for _, p := range plays {
			assert.Equal(t, tt.withheld, p.Withheld, tt.name)
			assert.Equal(t, tt.why, p.Why, tt.name)
		}
	}
}

func TestMoveCustomPlays(t *testing.T) {
	p := Policy{Plays: append(DefaultPlays(), Play{Phase: PhaseChurned, Name: "loss-review", Action: "Review the loss with product."})}
	c := moves(t, draft(), Transition{Date: day(2026, time.November, 2), Event: EventCancellationDecided})
	// C for a tier-2 account: exit interview and offboarding due, the offer withheld.
	_, plays, err := Policy{}.Move(draft(), Transition{Date: day(2026, time.November, 2), Event: EventCancellationDecided})
	require.NoError(t, err)
	assert.Equal(t, []string{"exit-interview", "right-size-offer", "graceful-offboarding"}, names(plays))
	assert.Equal(t, []bool{false, true, false}, []bool{plays[0].Withheld, plays[1].Withheld, plays[2].Withheld})

	_, plays, err = p.Move(c, Transition{Date: day(2027, time.March, 31), Event: EventChurned, Lost: yen(1_200_000)})
	require.NoError(t, err)
	assert.Equal(t, []string{"loss-review"}, names(plays))

	// No plays at all.
	_, plays, err = Policy{Plays: []Play{}}.Move(draft(), Transition{Date: day(2026, time.November, 2), Event: EventAdminHint})
	require.NoError(t, err)
	assert.Nil(t, plays)
}

func TestMoveChurnRecordsLoss(t *testing.T) {
	c := moves(t, draft(),
		Transition{Date: day(2026, time.November, 2), Event: EventDecisionMakerConsidering},
		Transition{Date: day(2027, time.March, 31), Event: EventChurned, Lost: yen(800_000), Downgrade: true},
	)
	assert.Equal(t, PhaseChurned, c.Phase())
	assert.Equal(t, PhaseB, c.OpenedIn())
	lost, down := c.Lost()
	assert.Equal(t, "800000", lost.String())
	assert.True(t, down)

	lost, down = draft().Lost()
	assert.True(t, lost.IsZero())
	assert.False(t, down)
}

func TestMoveErrors(t *testing.T) {
	open := moves(t, draft(),
		Transition{Date: day(2026, time.November, 2), Event: EventAdminHint},
		Transition{Date: day(2026, time.December, 1), Event: EventDecisionMakerConsidering},
	)
	saved := moves(t, open, Transition{Date: day(2027, time.January, 15), Event: EventSaved})
	tests := []struct {
		name string
		c    Case
		t    Transition
		err  error
		msg  string
	}{
		{"back to A", open, Transition{Date: day(2026, time.December, 2), Event: EventFrontLineHint}, ErrIllegalMove,
			`churn: case "c-1": history[2].event: illegal move: phase b does not move on front-line-hint`},
		{"closed case", saved, Transition{Date: day(2027, time.February, 1), Event: EventChurned, Lost: yen(1)}, ErrClosedCase,
			`churn: case "c-1": history[3].event: case is closed: a saved case does not move on churned`},
		{"before the last", open, Transition{Date: day(2026, time.November, 30), Event: EventSaved}, ErrOutOfOrder,
			`churn: case "c-1": history[2].date: move dated before the last move: 2026-11-30 is before 2026-12-01`},
		{"open as saved", draft(), Transition{Date: day(2026, time.November, 2), Event: EventSaved}, ErrIllegalMove,
			`churn: case "c-1": history[0].event: illegal move: a case cannot open on saved`},
		{"no date", open, Transition{Event: EventSaved}, ErrMissingDate,
			`churn: case "c-1": history[2].date: missing date`},
		{"no event", open, Transition{Date: day(2026, time.December, 2)}, ErrUnknownEvent,
			`churn: case "c-1": history[2].event: unknown event: none given`},
		{"unknown event", open, Transition{Date: day(2026, time.December, 2), Event: 9}, ErrUnknownEvent,
			`churn: case "c-1": history[2].event: unknown event 9`},
		{"churn without loss", open, Transition{Date: day(2026, time.December, 2), Event: EventChurned}, ErrInvalidCase,
			`churn: case "c-1": history[2].lost: invalid case: a churn records the ARR lost`},
		{"loss on a save", open, Transition{Date: day(2026, time.December, 2), Event: EventSaved, Lost: yen(1)}, ErrInvalidCase,
			`churn: case "c-1": history[2].lost: invalid case: ARR lost on saved; only a churn loses ARR`},
		{"downgrade on a save", open, Transition{Date: day(2026, time.December, 2), Event: EventSaved, Downgrade: true}, ErrInvalidCase,
			`churn: case "c-1": history[2].downgrade: invalid case: downgrade on saved; only a churn is a downgrade`},
		{"negative loss", open, Transition{Date: day(2026, time.December, 2), Event: EventChurned, Lost: yen(-5)}, ErrNegativeAmount,
			`churn: case "c-1": history[2].lost: negative amount: -5`},
		{"loss above the account", open, Transition{Date: day(2026, time.December, 2), Event: EventChurned, Lost: yen(3_000_001)}, ErrInvalidCase,
			`churn: case "c-1": history[2].lost: invalid case: lost 3000001, above the account ARR 3000000`},
		{"downgrade losing all", open, Transition{Date: day(2026, time.December, 2), Event: EventChurned, Lost: yen(3_000_000), Downgrade: true}, ErrInvalidCase,
			`churn: case "c-1": history[2].downgrade: invalid case: a downgrade keeps part of the ARR, yet lost all 3000000`},
		{"huge loss", open, Transition{Date: day(2026, time.December, 2), Event: EventChurned, Lost: decimal.New(1, 200)}, ErrAmountOutOfRange,
			`churn: case "c-1": history[2].lost: amount out of range: exponent 200, outside ±100`},
	}
	for _, tt := range tests {
		got, plays, err := Policy{}.Move(tt.c, tt.t)
		require.ErrorIs(t, err, tt.err, tt.name)
		assert.EqualError(t, err, tt.msg, tt.name)
		assert.Nil(t, plays, tt.name)
		assert.Equal(t, len(tt.c.History), len(got.History), "%s: the case is returned unmoved", tt.name)
		var fe *FieldError
		require.True(t, errors.As(err, &fe), tt.name)
		assert.Equal(t, "c-1", fe.ID, tt.name)
	}
	// The refusal names the phase and the event.
	_, _, err := Policy{}.Move(open, Transition{Date: day(2026, time.December, 2), Event: EventAdminHint})
	var me *MoveError
	require.True(t, errors.As(err, &me))
	assert.Equal(t, PhaseB, me.From)
	assert.Equal(t, EventAdminHint, me.Event)
	// Same day as the last move is in order.
	_, _, err = Policy{}.Move(open, Transition{Date: day(2026, time.December, 1), Event: EventCancellationDecided})
	require.NoError(t, err)
	// A bad policy stops the move.
	_, _, err = Policy{KeyTier: -1}.Move(open, Transition{Date: day(2026, time.December, 2), Event: EventSaved})
	require.ErrorIs(t, err, ErrInvalidPolicy)
}

func TestCaseValidate(t *testing.T) {
	ok := moves(t, draft(), Transition{Date: day(2026, time.November, 2), Event: EventAdminHint})
	require.NoError(t, ok.Validate())
	edit := func(f func(*Case)) Case {
		c := ok
		c.Reasons = append([]Reason(nil), ok.Reasons...)
		c.History = append([]Transition(nil), ok.History...)
		f(&c)
		return c
	}
	tests := []struct {
		name string
		c    Case
		err  error
		msg  string
	}{
		{"zero", Case{}, ErrInvalidCase, `churn: id: invalid case: no case ID`},
		{"no account", edit(func(c *Case) { c.Account = "" }), ErrInvalidCase, `churn: case "c-1": account: invalid case: no account`},
		{"no owner", edit(func(c *Case) { c.Owner = "" }), ErrInvalidCase, `churn: case "c-1": owner: invalid case: no owner`},
		{"negative ARR", edit(func(c *Case) { c.ARRAtRisk = yen(-1) }), ErrNegativeAmount, `churn: case "c-1": arr_at_risk: negative amount: -1`},
		{"negative account ARR", edit(func(c *Case) { c.AccountARR = dec("-0.5") }), ErrNegativeAmount, `churn: case "c-1": account_arr: negative amount: -0.5`},
		{"account below risk", edit(func(c *Case) { c.AccountARR = yen(1_000_000) }), ErrInvalidCase,
			`churn: case "c-1": account_arr: invalid case: account ARR 1000000 is below the ARR at risk 1200000`},
		{"no renewal date", edit(func(c *Case) { c.RenewalDate = date.Date{} }), ErrMissingDate, `churn: case "c-1": renewal_date: missing date`},
		{"negative tier", edit(func(c *Case) { c.Tier = -1 }), ErrInvalidCase, `churn: case "c-1": tier: invalid case: tier -1; tiers count from 1, 0 is not tiered`},
		{"no reason", edit(func(c *Case) { c.Reasons = nil }), ErrInvalidCase, `churn: case "c-1": reasons: invalid case: no reason`},
		{"unknown reason", edit(func(c *Case) { c.Reasons[0].Kind = 42 }), ErrUnknownReason, `churn: case "c-1": reasons[0].kind: unknown reason 42`},
		{"other without text", edit(func(c *Case) { c.Reasons[0] = Reason{Kind: ReasonOther} }), ErrInvalidCase,
			`churn: case "c-1": reasons[0].text: invalid case: an "other" reason needs its text`},
		{"reason twice", edit(func(c *Case) { c.Reasons = append(c.Reasons, Reason{Kind: ReasonBudgetCut}) }), ErrInvalidCase,
			`churn: case "c-1": reasons[1].kind: invalid case: reason budget-cut listed twice`},
		{"never opened", edit(func(c *Case) { c.History = nil }), ErrInvalidCase,
			`churn: case "c-1": history: invalid case: no move; a case opens with its first move`},
		{"illegal history", edit(func(c *Case) {
			c.History = append(c.History, Transition{Date: day(2026, time.December, 1), Event: EventSaved},
				Transition{Date: day(2026, time.December, 2), Event: EventAdminHint})
		}), ErrClosedCase, `churn: case "c-1": history[2].event: case is closed: a saved case does not move on admin-hint`},
		{"history out of order", edit(func(c *Case) {
			c.History = append(c.History, Transition{Date: day(2026, time.October, 1), Event: EventSaved})
		}), ErrOutOfOrder, `churn: case "c-1": history[1].date: move dated before the last move: 2026-10-01 is before 2026-11-02`},
	}
	for _, tt := range tests {
		err := tt.c.Validate()
		require.ErrorIs(t, err, tt.err, tt.name)
		assert.EqualError(t, err, tt.msg, tt.name)
	}
	// Another "other" is fine once: the text tells what.
	require.NoError(t, edit(func(c *Case) { c.Reasons = append(c.Reasons, Reason{Kind: ReasonOther, Text: "moved HQ"}) }).Validate())
	// A long ID is quoted short in the message.
	long := edit(func(c *Case) { c.ID = strings.Repeat("x", 1<<20); c.Owner = "" })
	assert.Less(t, len(long.Validate().Error()), 150)
}

func TestKnownOn(t *testing.T) {
	c := moves(t, draft(),
		Transition{Date: day(2026, time.November, 2), Event: EventAdminHint},
		Transition{Date: day(2026, time.December, 1), Event: EventDecisionMakerConsidering},
		Transition{Date: day(2027, time.January, 15), Event: EventSaved},
	)
	k, ok := c.KnownOn(day(2026, time.December, 31))
	require.True(t, ok)
	assert.Equal(t, PhaseB, k.Phase())
	// Moving the replayed case does not write into the original's array.
	k2 := moves(t, k, Transition{Date: day(2027, time.January, 10), Event: EventCancellationDecided})
	assert.Equal(t, PhaseC, k2.Phase())
	assert.Equal(t, EventSaved, c.History[2].Event)
	_, ok = c.KnownOn(day(2026, time.November, 1))
	assert.False(t, ok)
	k, ok = c.KnownOn(day(2026, time.November, 2)) // the end of the opening day
	require.True(t, ok)
	assert.Equal(t, PhaseA, k.Phase())
}

func TestCaseJSON(t *testing.T) {
	c := moves(t, draft(),
		Transition{Date: day(2026, time.November, 2), Event: EventAdminHint, By: "Tanaka, admin", Note: "cannot explain the effect"},
		Transition{Date: day(2027, time.March, 31), Event: EventChurned, Lost: dec("1200000.50")},
	)
	c.AccountARR = dec("3000000.50")
	b, err := json.Marshal(c)
	require.NoError(t, err)
	const want = `{"id":"c-1","account":"hokuto","owner":"sato","arr_at_risk":"1200000","renewal_date":"2027-03-31",` +
		`"tier":2,"account_arr":"3000000.50","reasons":[{"kind":"budget-cut","avoidable":true,"product_caused":false}],` +
		`"history":[{"date":"2026-11-02","event":"admin-hint","by":"Tanaka, admin","note":"cannot explain the effect"},` +
		`{"date":"2027-03-31","event":"churned","lost":"1200000.50"}],"phase":"churned"}`
	assert.JSONEq(t, want, string(b))
	var back Case
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, PhaseChurned, back.Phase())
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2))

	// The zero Case encodes.
	b, err = json.Marshal(Case{})
	require.NoError(t, err)
	assert.Contains(t, string(b), `"phase":""`)

	bad := []struct {
		name string
		in   string
		err  error
	}{
		{"unknown key", strings.Replace(want, `"tier":2`, `"tier":2,"stage":"a"`, 1), ErrInvalidCase},
		{"wrong phase", strings.Replace(want, `"phase":"churned"`, `"phase":"a"`, 1), ErrInvalidCase},
		{"unknown phase", strings.Replace(want, `"phase":"churned"`, `"phase":"d"`, 1), ErrUnknownPhase},
		{"unknown event", strings.Replace(want, `"admin-hint"`, `"ceo-hint"`, 1), ErrUnknownEvent},
		{"churn without loss", strings.Replace(want, `,"lost":"1200000.50"`, ``, 1), ErrInvalidCase},
		{"negative ARR", strings.Replace(want, `"arr_at_risk":"1200000"`, `"arr_at_risk":"-1"`, 1), ErrNegativeAmount},
		{"reason key", strings.Replace(want, `"avoidable":true`, `"avoidable":true,"why":"x"`, 1), ErrInvalidCase},
		{"bad date", strings.Replace(want, `"2027-03-31","tier"`, `"2027-02-30","tier"`, 1), date.ErrInvalidDay},
	}
	for _, tt := range bad {
		got := Case{ID: "kept"}
		err := json.Unmarshal([]byte(tt.in), &got)
		require.ErrorIs(t, err, tt.err, tt.name)
		assert.Equal(t, "kept", got.ID, "%s: left unchanged", tt.name)
	}
	// Called directly, the decoder refuses data after the value too.
	require.ErrorIs(t, back.UnmarshalJSON([]byte(want+`{}`)), ErrInvalidCase)
	// The phase may be left out.
	require.NoError(t, json.Unmarshal([]byte(strings.Replace(want, `,"phase":"churned"`, ``, 1)), &back))
}

// TestCaseJSONErrorsLocated: a case that does not decode is refused with
// its ID and the field to blame, even when the field's own decoder (a
// date's, an amount's, an enum's) refused it; a hostile value is quoted
// short.
func TestCaseJSONErrorsLocated(t *testing.T) {
	const ok = `{"id":"c-9","account":"a","owner":"o","arr_at_risk":"100","renewal_date":"2027-03-31","account_arr":"100",` +
		`"reasons":[{"kind":"budget-cut","avoidable":false,"product_caused":false}],"history":[{"date":"2027-01-04","event":"admin-hint"}]}`
	var c Case
	require.NoError(t, json.Unmarshal([]byte(ok), &c))
	huge := strings.Repeat("2", 1<<20)
	tests := []struct {
		name, old, new string
		err            error
		msg            string
	}{
		{"amount with an exponent", `"arr_at_risk":"100"`, `"arr_at_risk":"1e5"`, ErrInvalidCase,
			`churn: decoding case: case "c-9": arr_at_risk: not a decimal amount: "1e5"`},
		{"impossible day", `"renewal_date":"2027-03-31"`, `"renewal_date":"2027-02-30"`, date.ErrInvalidDay,
			`churn: decoding case: case "c-9": renewal_date: date: day out of range for month: 2027-02-30`},
		{"tier as text", `"account_arr"`, `"tier":"1","account_arr"`, ErrInvalidCase,
			`churn: decoding case: case "c-9": tier: a JSON string where a whole number belongs`},
		{"unknown reason", `"kind":"budget-cut"`, `"kind":"price"`, ErrUnknownReason,
			`churn: decoding case: case "c-9": reasons[0].kind: unknown reason "price"`},
		{"unknown event", `"event":"admin-hint"`, `"event":"ceo-hint"`, ErrUnknownEvent,
			`churn: decoding case: case "c-9": history[0].event: unknown event "ceo-hint"`},
		{"loss as a float", `"event":"admin-hint"`, `"event":"admin-hint","lost":1e3`, ErrInvalidCase,
			`churn: decoding case: case "c-9": history[0].lost: not a decimal amount: "1e3"`},
		{"unknown key in a move", `"event":"admin-hint"`, `"event":"admin-hint","who":"x"`, ErrInvalidCase,
			`churn: decoding case: case "c-9": history[0]: json: unknown field "who"`},
		{"history not an array", `"history":[{"date":"2027-01-04","event":"admin-hint"}]`, `"history":{}`, ErrInvalidCase,
			`churn: decoding case: case "c-9": history: a JSON object where an array belongs`},
		{"a megabyte date", `"renewal_date":"2027-03-31"`, `"renewal_date":"` + huge + `"`, date.ErrSyntax, ""},
	}
	for _, tt := range tests {
		in := strings.Replace(ok, tt.old, tt.new, 1)
		require.NotEqual(t, ok, in, tt.name)
		got := Case{ID: "kept"}
		err := json.Unmarshal([]byte(in), &got)
		require.ErrorIs(t, err, tt.err, tt.name)
		require.ErrorIs(t, err, ErrInvalidCase, tt.name)
		assert.Equal(t, "kept", got.ID, "%s: left unchanged", tt.name)
		var fe *FieldError
		require.True(t, errors.As(err, &fe), tt.name)
		assert.Equal(t, "c-9", fe.ID, tt.name)
		if tt.msg != "" {
			assert.EqualError(t, err, tt.msg, tt.name)
		}
		assert.Less(t, len(err.Error()), 300, tt.name)
	}
}

// TestMaxMoves: a history holds at most MaxMoves moves, so that moving a
// case, which checks and copies its history, stays cheap however long a
// hostile book makes one case.
func TestMaxMoves(t *testing.T) {
	c := moves(t, draft(), Transition{Date: day(2026, time.November, 2), Event: EventAdminHint})
	for len(c.History) < MaxMoves {
		c = moves(t, c, Transition{Date: day(2026, time.November, 2), Event: EventFrontLineHint})
	}
	require.NoError(t, c.Validate(), "100 moves are a case")
	_, _, err := Policy{}.Move(c, Transition{Date: day(2026, time.November, 3), Event: EventSaved})
	require.ErrorIs(t, err, ErrInvalidCase)
	assert.EqualError(t, err, `churn: case "c-1": history[100]: invalid case: move 101; a case has at most 100`)
	c.History = append(c.History, Transition{Date: day(2026, time.November, 3), Event: EventSaved})
	require.ErrorIs(t, c.Validate(), ErrInvalidCase)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	require.ErrorIs(t, json.Unmarshal(b, new(Case)), ErrInvalidCase)
}
