package renewal

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rnMarch31 renews on 2027-03-31: under the default policy its window opens
// 2026-12-31, it is late from 2027-03-17 and past from 2027-04-01.
var rnMarch31 = Contract{ID: "acme", Start: rnDay("2026-03-31"), TermMonths: 12}

func rnIntent(on string, i Intent) Completion {
	return Completion{Activity: ActivityIntentConfirmation, Date: rnDay(on), Intent: i}
}

// TestStatusContractStates walks the contract's state across its boundary
// days: the day before, of and after the opening, the late threshold and
// the decision date.
func TestStatusContractStates(t *testing.T) {
	tests := []struct {
		asOf        string
		completions []Completion
		outcome     Outcome
		want        State
	}{
		{"2026-12-30", nil, Outcome{}, StateNotStarted},
		{"2026-12-31", nil, Outcome{}, StateInWindow},
		{"2027-01-01", nil, Outcome{}, StateInWindow},
		{"2027-03-16", nil, Outcome{}, StateInWindow},
		{"2027-03-17", nil, Outcome{}, StateLate},
		{"2027-03-18", nil, Outcome{}, StateLate},
		{"2027-03-30", nil, Outcome{}, StateLate},
		{"2027-03-31", nil, Outcome{}, StateLate},
		{"2027-04-01", nil, Outcome{}, StatePast},
		{"2030-01-01", nil, Outcome{}, StatePast},

		{"2027-03-16", []Completion{rnIntent("2027-03-01", IntentRenew)}, Outcome{}, StateInWindow},
		{"2027-03-17", []Completion{rnIntent("2027-03-01", IntentRenew)}, Outcome{}, StateInWindow},
		{"2027-03-31", []Completion{rnIntent("2027-03-01", IntentRenew)}, Outcome{}, StateInWindow},
		{"2027-04-01", []Completion{rnIntent("2027-03-01", IntentRenew)}, Outcome{}, StatePast},
		{"2027-03-17", []Completion{rnIntent("2027-03-17", IntentCancel)}, Outcome{}, StateInWindow},
		{"2027-03-17", []Completion{rnIntent("2027-03-10", IntentUndecided)}, Outcome{}, StateLate},
		{"2027-03-17", []Completion{rnIntent("2027-03-10", IntentUnknown)}, Outcome{}, StateLate},
		{"2027-03-17", []Completion{{Activity: ActivityUsageReview, Date: rnDay("2027-01-10")}}, Outcome{}, StateLate},
		// A confirmed intent before the window does not start it.
		{"2026-12-30", []Completion{rnIntent("2026-12-01", IntentRenew)}, Outcome{}, StateNotStarted},

		{"2027-03-20", nil, Outcome{Result: ResultRenewed, Date: rnDay("2027-03-20"), Final: rnDec("100")}, StateRenewed},
		{"2027-04-01", nil, Outcome{Result: ResultRenewed, Date: rnDay("2027-03-20"), Final: rnDec("100")}, StateRenewed},
		{"2026-12-01", nil, Outcome{Result: ResultRenewed, Date: rnDay("2026-11-30"), Final: rnDec("100")}, StateRenewed},
		{"2027-04-05", nil, Outcome{Result: ResultChurned, Date: rnDay("2027-04-05")}, StateChurned},
		{"2027-03-20", nil, Outcome{Result: ResultOpen}, StateLate},
	}
	for _, tt := range tests {
		t.Run(tt.asOf+"/"+tt.want.String(), func(t *testing.T) {
			r := Renewal{Contract: rnMarch31, Completions: tt.completions, Outcome: tt.outcome}
			if tt.outcome.Result != ResultOpen {
				r.Due = rnDay("2027-03-31")
			}
			st, err := Policy{}.Status(r, rnDay(tt.asOf))
			require.NoError(t, err)
			assert.Equal(t, tt.want, st.State)
			assert.Equal(t, rnDay(tt.asOf), st.AsOf)
			assert.Equal(t, rnDay("2027-03-31"), st.Schedule.Renewal)
			if tt.outcome.Result == ResultOpen {
				c, err := Policy{}.Classify(rnMarch31, rnDay(tt.asOf))
				require.NoError(t, err)
				if intent, _ := r.Intent(); !intent.Confirmed() {
					assert.Equal(t, tt.want, c, "Classify agrees while the intent is unconfirmed")
				}
			}
		})
	}
}

// TestStatusActivityStates walks goal progress review (opens 2026-12-31,
// due 2027-01-15, due soon from 2027-01-08) and expansion exploration (due
// 2027-03-10, due soon from 2027-03-03) across their boundary days.
func TestStatusActivityStates(t *testing.T) {
	tests := []struct {
		asOf      string
		goal      ItemState
		expansion ItemState
	}{
		{"2026-12-30", ItemNotOpen, ItemNotOpen},
		{"2026-12-31", ItemOpen, ItemOpen},
		{"2027-01-01", ItemOpen, ItemOpen},
		{"2027-01-07", ItemOpen, ItemOpen},
		{"2027-01-08", ItemDueSoon, ItemOpen},
		{"2027-01-09", ItemDueSoon, ItemOpen},
		{"2027-01-14", ItemDueSoon, ItemOpen},
		{"2027-01-15", ItemDueSoon, ItemOpen},
		{"2027-01-16", ItemOverdue, ItemOpen},
		{"2027-03-02", ItemOverdue, ItemOpen},
		{"2027-03-03", ItemOverdue, ItemDueSoon},
		{"2027-03-10", ItemOverdue, ItemDueSoon},
		{"2027-03-11", ItemOverdue, ItemOverdue},
		{"2027-04-01", ItemOverdue, ItemOverdue},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			st, err := Policy{}.Status(Renewal{Contract: rnMarch31}, rnDay(tt.asOf))
			require.NoError(t, err)
			require.Len(t, st.Items, 8)
			assert.Equal(t, ActivityGoalProgressReview, st.Items[0].Activity)
			assert.Equal(t, tt.goal, st.Items[0].State, "goal progress review")
			assert.Equal(t, ActivityExpansionExploration, st.Items[7].Activity)
			assert.Equal(t, tt.expansion, st.Items[7].State, "expansion exploration")
			total := 0
			for s := ItemNotOpen; s <= ItemDone; s++ {
				total += st.Count(s)
			}
			assert.Equal(t, 8, total)
			assert.Zero(t, st.Count(ItemDone))
		})
	}
}

func TestStatusDone(t *testing.T) {
	done := []Completion{
		{Activity: ActivityGoalProgressReview, Date: rnDay("2027-01-20"), Note: "late but done"},
		{Activity: ActivityUsageReview, Date: rnDay("2026-12-01"), Note: "before the window"},
		rnIntent("2027-01-20", IntentRenew),
		{Activity: ActivityCaseStudyRequest, Date: rnDay("2027-01-05")},
	}
	r := Renewal{Contract: rnMarch31, Completions: done}
	st, err := Policy{}.Status(r, rnDay("2027-01-20"))
	require.NoError(t, err)
	assert.Equal(t, IntentRenew, st.Intent)
	assert.Equal(t, StateInWindow, st.State)
	// ROI is due 2027-01-30 (due soon from 2027-01-23): open on 2027-01-20.
	want := map[Activity]ItemState{
		ActivityGoalProgressReview: ItemDone, ActivityUsageReview: ItemDone, ActivityROIConfirmation: ItemOpen, ActivityTeamRecheck: ItemOpen,
		ActivityDecisionLineMapping: ItemOpen, ActivityVoCCollection: ItemOpen, ActivityIntentConfirmation: ItemDone, ActivityExpansionExploration: ItemOpen,
	}
	got := map[Activity]ItemState{}
	for _, it := range st.Items {
		got[it.Activity] = it.State
	}
	assert.Equal(t, want, got)
	assert.Equal(t, 3, st.Count(ItemDone))
	assert.Equal(t, 5, st.Count(ItemOpen))
	assert.Equal(t, 0, st.Count(ItemOverdue))
	for _, it := range st.Items {
		if it.State == ItemDone {
			require.NotNil(t, it.Completed)
			c, _ := rnFind(done, it.Activity)
			assert.Equal(t, c, *it.Completed)
		} else {
			assert.Nil(t, it.Completed)
		}
	}
	assert.Equal(t, []Completion{done[3]}, st.Unplanned, "the case-study request is not in the default playbook")
	assert.Equal(t, Completion{Activity: ActivityUsageReview, Date: rnDay("2026-12-01"), Note: "before the window"}, done[1], "the input is not changed")
}

func rnFind(cs []Completion, a Activity) (Completion, bool) {
	for _, c := range cs {
		if c.Activity == a {
			return c, true
		}
	}
	return Completion{}, false
}

// TestStatusFiscalYear: the March year-end customer renewing 2027-06-01
// opens on 2026-12-30 with ROI (due 2027-01-31); goal progress opens
// 2027-01-14; the rest of the window opens 2027-03-01.
func TestStatusFiscalYear(t *testing.T) {
	c := Contract{ID: "a", Start: rnDay("2026-06-01"), TermMonths: 12, FiscalYearEnd: time.March}
	tests := []struct {
		asOf            string
		state           State
		goal, roi, team ItemState
	}{
		{"2026-12-29", StateNotStarted, ItemNotOpen, ItemNotOpen, ItemNotOpen},
		{"2026-12-30", StateInWindow, ItemNotOpen, ItemOpen, ItemNotOpen},
		{"2027-01-14", StateInWindow, ItemOpen, ItemOpen, ItemNotOpen},
		{"2027-01-24", StateInWindow, ItemDueSoon, ItemDueSoon, ItemNotOpen},
		{"2027-01-31", StateInWindow, ItemDueSoon, ItemDueSoon, ItemNotOpen},
		{"2027-02-01", StateInWindow, ItemOverdue, ItemOverdue, ItemNotOpen},
		{"2027-03-01", StateInWindow, ItemOverdue, ItemOverdue, ItemOpen},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			d := rnDay(tt.asOf)
			st, err := Policy{}.Status(Renewal{Contract: c}, d)
			require.NoError(t, err)
			assert.Equal(t, tt.state, st.State)
			assert.Equal(t, tt.goal, st.Items[0].State, "goal")
			assert.Equal(t, tt.roi, st.Items[2].State, "roi")
			assert.Equal(t, tt.team, st.Items[3].State, "team")
			got, err := Policy{}.Classify(c, d)
			require.NoError(t, err)
			assert.Equal(t, tt.state, got, "Classify opens with the moved value case too")
		})
	}
}

// TestStatusDueSoonBeforeOpening: a step due two days after a 30-day window
// opens is due soon from the day it opens.
func TestStatusDueSoonBeforeOpening(t *testing.T) {
	p := Policy{Window: date.Days(30), Steps: []Step{{ActivityIntentConfirmation, date.Days(28)}}}
	// Decision 2027-03-31: opens 2027-03-01, due 2027-03-03.
	for asOf, want := range map[string]ItemState{"2027-02-28": ItemNotOpen, "2027-03-01": ItemDueSoon, "2027-03-03": ItemDueSoon, "2027-03-04": ItemOverdue} {
		st, err := p.Status(Renewal{Contract: rnMarch31}, rnDay(asOf))
		require.NoError(t, err)
		assert.Equal(t, want, st.Items[0].State, asOf)
	}
	// A one-day due-soon period: due soon on 2027-01-14 and 2027-01-15 only.
	p = Policy{DueSoon: date.Days(1)}
	for asOf, want := range map[string]ItemState{"2027-01-13": ItemOpen, "2027-01-14": ItemDueSoon, "2027-01-15": ItemDueSoon} {
		st, err := p.Status(Renewal{Contract: rnMarch31}, rnDay(asOf))
		require.NoError(t, err)
		assert.Equal(t, want, st.Items[0].State, asOf)
	}
}

// TestStatusAutoRenew: with a one-month notice the decision is 2027-02-28;
// after it the renewal is past until the renewal date, then the next
// renewal (2028-03-31, notice 2028-02-29, opening 2027-11-29) is planned.
func TestStatusAutoRenew(t *testing.T) {
	c := Contract{ID: "a", Start: rnDay("2026-03-31"), TermMonths: 12, AutoRenew: true, Notice: date.Months(1)}
	tests := []struct {
		asOf, renewal string
		state         State
	}{
		{"2026-11-27", "2027-03-31", StateNotStarted},
		{"2026-11-28", "2027-03-31", StateInWindow},
		{"2027-02-13", "2027-03-31", StateInWindow},
		{"2027-02-14", "2027-03-31", StateLate},
		{"2027-02-28", "2027-03-31", StateLate},
		{"2027-03-01", "2027-03-31", StatePast},
		{"2027-03-31", "2027-03-31", StatePast},
		{"2027-04-01", "2028-03-31", StateNotStarted},
		{"2027-11-28", "2028-03-31", StateNotStarted},
		{"2027-11-29", "2028-03-31", StateInWindow},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			st, err := Policy{}.Status(Renewal{Contract: c}, rnDay(tt.asOf))
			require.NoError(t, err)
			assert.Equal(t, rnDay(tt.renewal), st.Schedule.Renewal)
			assert.Equal(t, tt.state, st.State)
		})
	}
}

func TestStatusErrors(t *testing.T) {
	asOf := rnDay("2027-01-20")
	tests := []struct {
		name  string
		r     Renewal
		asOf  date.Date
		want  error
		field string
	}{
		{"duplicate completion", Renewal{Contract: rnMarch31, Completions: []Completion{
			{Activity: ActivityUsageReview, Date: rnDay("2027-01-02")}, {Activity: ActivityUsageReview, Date: rnDay("2027-01-03")}}},
			asOf, ErrDuplicateCompletion, "completions"},
		{"completion after the as-of date", Renewal{Contract: rnMarch31, Completions: []Completion{
			{Activity: ActivityUsageReview, Date: rnDay("2027-01-21")}}}, asOf, ErrRecordAfterAsOf, "completions"},
		{"outcome after the as-of date", Renewal{Contract: rnMarch31, Due: rnDay("2027-03-31"), Outcome: Outcome{Result: ResultChurned, Date: rnDay("2027-01-21")}},
			asOf, ErrRecordAfterAsOf, "outcome"},
		{"unknown activity", Renewal{Contract: rnMarch31, Completions: []Completion{{Activity: 0, Date: asOf}}},
			asOf, ErrUnknownActivity, "completions"},
		{"no as-of date", Renewal{Contract: rnMarch31}, date.Date{}, ErrMissingDate, "as_of"},
		{"invalid contract", Renewal{Contract: Contract{ID: "acme", Start: rnDay("2026-03-31"), TermMonths: 12, ARR: rnDec("-5")}},
			asOf, ErrNegativeAmount, "arr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Policy{}.Status(tt.r, tt.asOf)
			rnRequireFieldErr(t, err, tt.want, "acme", tt.field)
		})
	}
	t.Run("a completion on the as-of date is fine", func(t *testing.T) {
		st, err := Policy{}.Status(Renewal{Contract: rnMarch31, Completions: []Completion{{Activity: ActivityUsageReview, Date: asOf}}}, asOf)
		require.NoError(t, err)
		assert.Equal(t, ItemDone, st.Items[1].State)
	})
	t.Run("invalid policy", func(t *testing.T) {
		_, err := Policy{Late: date.Months(6)}.Status(Renewal{Contract: rnMarch31}, asOf)
		assert.ErrorIs(t, err, ErrInvalidPolicy)
	})
}

func TestStatusJSON(t *testing.T) {
	r := Renewal{Contract: rnMarch31, Completions: []Completion{
		{Activity: ActivityGoalProgressReview, Date: rnDay("2027-01-10"), Note: "on track"},
		rnIntent("2027-01-18", IntentRenew),
		{Activity: ActivityCaseStudyRequest, Date: rnDay("2027-01-19")},
	}}
	st, err := Policy{Steps: []Step{{ActivityGoalProgressReview, date.Days(75)}, {ActivityIntentConfirmation, date.Days(30)}}}.Status(r, rnDay("2027-01-20"))
	require.NoError(t, err)
	b, err := json.Marshal(st)
	require.NoError(t, err)
	assert.JSONEq(t, `{"as_of":"2027-01-20","state":"in-window","intent":"renew",
		"schedule":{"contract_id":"acme","renewal":"2027-03-31","decision":"2027-03-31","opens":"2026-12-31","late_from":"2027-03-17","items":[
			{"activity":"goal-progress-review","opens":"2026-12-31","due":"2027-01-15"},
			{"activity":"intent-confirmation","opens":"2026-12-31","due":"2027-03-01"}],
			"checkpoints":["2026-10-02","2026-12-01","2026-12-31","2027-03-01"]},
		"checkpoints":[
			{"date":"2026-10-02","state":"call-missed"},
			{"date":"2026-12-01","state":"call-missed"},
			{"date":"2026-12-31","state":"call-due"},
			{"date":"2027-03-01","state":"upcoming"}],
		"items":[
			{"activity":"goal-progress-review","opens":"2026-12-31","due":"2027-01-15","state":"done",
			 "completed":{"activity":"goal-progress-review","date":"2027-01-10","note":"on track"}},
			{"activity":"intent-confirmation","opens":"2026-12-31","due":"2027-03-01","state":"done",
			 "completed":{"activity":"intent-confirmation","date":"2027-01-18","intent":"renew"}}],
		"unplanned":[{"activity":"case-study-request","date":"2027-01-19"}]}`, string(b))
	var back Status
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, st, back)
}
