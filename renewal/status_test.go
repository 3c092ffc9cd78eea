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
	return Completion{Activity: IntentConfirmation, Date: rnDay(on), Intent: i}
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
		{"2026-12-30", nil, Outcome{}, NotStarted},
		{"2026-12-31", nil, Outcome{}, InWindow},
		{"2027-01-01", nil, Outcome{}, InWindow},
		{"2027-03-16", nil, Outcome{}, InWindow},
		{"2027-03-17", nil, Outcome{}, Late},
		{"2027-03-18", nil, Outcome{}, Late},
		{"2027-03-30", nil, Outcome{}, Late},
		{"2027-03-31", nil, Outcome{}, Late},
		{"2027-04-01", nil, Outcome{}, Past},
		{"2030-01-01", nil, Outcome{}, Past},

		{"2027-03-16", []Completion{rnIntent("2027-03-01", IntentRenew)}, Outcome{}, InWindow},
		{"2027-03-17", []Completion{rnIntent("2027-03-01", IntentRenew)}, Outcome{}, InWindow},
		{"2027-03-31", []Completion{rnIntent("2027-03-01", IntentRenew)}, Outcome{}, InWindow},
		{"2027-04-01", []Completion{rnIntent("2027-03-01", IntentRenew)}, Outcome{}, Past},
		{"2027-03-17", []Completion{rnIntent("2027-03-17", IntentCancel)}, Outcome{}, InWindow},
		{"2027-03-17", []Completion{rnIntent("2027-03-10", IntentUndecided)}, Outcome{}, Late},
		{"2027-03-17", []Completion{rnIntent("2027-03-10", IntentUnknown)}, Outcome{}, Late},
		{"2027-03-17", []Completion{{Activity: UsageReview, Date: rnDay("2027-01-10")}}, Outcome{}, Late},
		// A confirmed intent before the window does not start it.
		{"2026-12-30", []Completion{rnIntent("2026-12-01", IntentRenew)}, Outcome{}, NotStarted},

		{"2027-03-20", nil, Outcome{Result: Renewed, Date: rnDay("2027-03-20"), Final: rnDec("100")}, RenewedState},
		{"2027-04-01", nil, Outcome{Result: Renewed, Date: rnDay("2027-03-20"), Final: rnDec("100")}, RenewedState},
		{"2026-12-01", nil, Outcome{Result: Renewed, Date: rnDay("2026-11-30"), Final: rnDec("100")}, RenewedState},
		{"2027-04-05", nil, Outcome{Result: Churned, Date: rnDay("2027-04-05")}, ChurnedState},
		{"2027-03-20", nil, Outcome{Result: Open}, Late},
	}
	for _, tt := range tests {
		t.Run(tt.asOf+"/"+tt.want.String(), func(t *testing.T) {
			r := Renewal{Contract: rnMarch31, Completions: tt.completions, Outcome: tt.outcome}
			st, err := Policy{}.Status(r, rnDay(tt.asOf))
			require.NoError(t, err)
			assert.Equal(t, tt.want, st.State)
			assert.Equal(t, rnDay(tt.asOf), st.AsOf)
			assert.Equal(t, rnDay("2027-03-31"), st.Schedule.Renewal)
			if tt.outcome.Result == Open {
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
		goal      ActivityState
		expansion ActivityState
	}{
		{"2026-12-30", NotOpen, NotOpen},
		{"2026-12-31", OpenState, OpenState},
		{"2027-01-01", OpenState, OpenState},
		{"2027-01-07", OpenState, OpenState},
		{"2027-01-08", DueSoon, OpenState},
		{"2027-01-09", DueSoon, OpenState},
		{"2027-01-14", DueSoon, OpenState},
		{"2027-01-15", DueSoon, OpenState},
		{"2027-01-16", Overdue, OpenState},
		{"2027-03-02", Overdue, OpenState},
		{"2027-03-03", Overdue, DueSoon},
		{"2027-03-10", Overdue, DueSoon},
		{"2027-03-11", Overdue, Overdue},
		{"2027-04-01", Overdue, Overdue},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			st, err := Policy{}.Status(Renewal{Contract: rnMarch31}, rnDay(tt.asOf))
			require.NoError(t, err)
			require.Len(t, st.Items, 8)
			assert.Equal(t, GoalProgressReview, st.Items[0].Activity)
			assert.Equal(t, tt.goal, st.Items[0].State, "goal progress review")
			assert.Equal(t, ExpansionExploration, st.Items[7].Activity)
			assert.Equal(t, tt.expansion, st.Items[7].State, "expansion exploration")
			total := 0
			for s := NotOpen; s <= Done; s++ {
				total += st.Count(s)
			}
			assert.Equal(t, 8, total)
			assert.Zero(t, st.Count(Done))
		})
	}
}

func TestStatusDone(t *testing.T) {
	done := []Completion{
		{Activity: GoalProgressReview, Date: rnDay("2027-01-20"), Note: "late but done"},
		{Activity: UsageReview, Date: rnDay("2026-12-01"), Note: "before the window"},
		rnIntent("2027-01-20", IntentRenew),
		{Activity: CaseStudyRequest, Date: rnDay("2027-01-05")},
	}
	r := Renewal{Contract: rnMarch31, Completions: done}
	st, err := Policy{}.Status(r, rnDay("2027-01-20"))
	require.NoError(t, err)
	assert.Equal(t, IntentRenew, st.Intent)
	assert.Equal(t, InWindow, st.State)
	// ROI is due 2027-01-30 (due soon from 2027-01-23): open on 2027-01-20.
	want := map[Activity]ActivityState{
		GoalProgressReview: Done, UsageReview: Done, ROIConfirmation: OpenState, TeamRecheck: OpenState,
		DecisionLineMapping: OpenState, VoCCollection: OpenState, IntentConfirmation: Done, ExpansionExploration: OpenState,
	}
	got := map[Activity]ActivityState{}
	for _, it := range st.Items {
		got[it.Activity] = it.State
	}
	assert.Equal(t, want, got)
	assert.Equal(t, 3, st.Count(Done))
	assert.Equal(t, 5, st.Count(OpenState))
	assert.Equal(t, 0, st.Count(Overdue))
	for _, it := range st.Items {
		if it.State == Done {
			require.NotNil(t, it.Completed)
			c, _ := rnFind(done, it.Activity)
			assert.Equal(t, c, *it.Completed)
		} else {
			assert.Nil(t, it.Completed)
		}
	}
	assert.Equal(t, []Completion{done[3]}, st.Unplanned, "the case-study request is not in the default playbook")
	assert.Equal(t, Completion{Activity: UsageReview, Date: rnDay("2026-12-01"), Note: "before the window"}, done[1], "the input is not changed")
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
		goal, roi, team ActivityState
	}{
		{"2026-12-29", NotStarted, NotOpen, NotOpen, NotOpen},
		{"2026-12-30", InWindow, NotOpen, OpenState, NotOpen},
		{"2027-01-14", InWindow, OpenState, OpenState, NotOpen},
		{"2027-01-24", InWindow, DueSoon, DueSoon, NotOpen},
		{"2027-01-31", InWindow, DueSoon, DueSoon, NotOpen},
		{"2027-02-01", InWindow, Overdue, Overdue, NotOpen},
		{"2027-03-01", InWindow, Overdue, Overdue, OpenState},
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
	p := Policy{Window: date.Days(30), Steps: []Step{{IntentConfirmation, date.Days(28)}}}
	// Decision 2027-03-31: opens 2027-03-01, due 2027-03-03.
	for asOf, want := range map[string]ActivityState{"2027-02-28": NotOpen, "2027-03-01": DueSoon, "2027-03-03": DueSoon, "2027-03-04": Overdue} {
		st, err := p.Status(Renewal{Contract: rnMarch31}, rnDay(asOf))
		require.NoError(t, err)
		assert.Equal(t, want, st.Items[0].State, asOf)
	}
	// A one-day due-soon period: due soon on 2027-01-14 and 2027-01-15 only.
	p = Policy{DueSoon: date.Days(1)}
	for asOf, want := range map[string]ActivityState{"2027-01-13": OpenState, "2027-01-14": DueSoon, "2027-01-15": DueSoon} {
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
		{"2026-11-27", "2027-03-31", NotStarted},
		{"2026-11-28", "2027-03-31", InWindow},
		{"2027-02-13", "2027-03-31", InWindow},
		{"2027-02-14", "2027-03-31", Late},
		{"2027-02-28", "2027-03-31", Late},
		{"2027-03-01", "2027-03-31", Past},
		{"2027-03-31", "2027-03-31", Past},
		{"2027-04-01", "2028-03-31", NotStarted},
		{"2027-11-28", "2028-03-31", NotStarted},
		{"2027-11-29", "2028-03-31", InWindow},
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
			{Activity: UsageReview, Date: rnDay("2027-01-02")}, {Activity: UsageReview, Date: rnDay("2027-01-03")}}},
			asOf, ErrDuplicateCompletion, "completions"},
		{"completion after the as-of date", Renewal{Contract: rnMarch31, Completions: []Completion{
			{Activity: UsageReview, Date: rnDay("2027-01-21")}}}, asOf, ErrCompletionAfterAsOf, "completions"},
		{"outcome after the as-of date", Renewal{Contract: rnMarch31, Outcome: Outcome{Result: Churned, Date: rnDay("2027-01-21")}},
			asOf, ErrCompletionAfterAsOf, "outcome"},
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
		st, err := Policy{}.Status(Renewal{Contract: rnMarch31, Completions: []Completion{{Activity: UsageReview, Date: asOf}}}, asOf)
		require.NoError(t, err)
		assert.Equal(t, Done, st.Items[1].State)
	})
	t.Run("invalid policy", func(t *testing.T) {
		_, err := Policy{Late: date.Months(6)}.Status(Renewal{Contract: rnMarch31}, asOf)
		assert.ErrorIs(t, err, ErrInvalidPolicy)
	})
}

func TestStatusJSON(t *testing.T) {
	r := Renewal{Contract: rnMarch31, Completions: []Completion{
		{Activity: GoalProgressReview, Date: rnDay("2027-01-10"), Note: "on track"},
		rnIntent("2027-01-18", IntentRenew),
		{Activity: CaseStudyRequest, Date: rnDay("2027-01-19")},
	}}
	st, err := Policy{Steps: []Step{{GoalProgressReview, date.Days(75)}, {IntentConfirmation, date.Days(30)}}}.Status(r, rnDay("2027-01-20"))
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

func TestStateText(t *testing.T) {
	states := []struct {
		s    State
		name string
	}{
		{NotStarted, "not-started"}, {InWindow, "in-window"}, {Late, "late"}, {Past, "past"},
		{RenewedState, "renewed"}, {ChurnedState, "churned"},
	}
	require.Len(t, states, NumStates)
	for _, tt := range states {
		assert.Equal(t, tt.name, tt.s.String())
		b, err := tt.s.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, tt.name, string(b))
		var got State
		require.NoError(t, got.UnmarshalText(b))
		assert.Equal(t, tt.s, got)
	}
	for _, bad := range []State{0, ChurnedState + 1} {
		_, err := bad.MarshalText()
		assert.ErrorIs(t, err, ErrInvalidRecord)
	}
	assert.Equal(t, "%!State(0)", State(0).String())
	assert.Equal(t, "%!State(7)", State(7).String())
	s := Late
	assert.ErrorIs(t, s.UnmarshalText([]byte("")), ErrInvalidRecord)
	assert.ErrorIs(t, s.UnmarshalText([]byte("pending")), ErrInvalidRecord)
	assert.Equal(t, Late, s, "a failed decode leaves the value alone")
}

func TestActivityStateText(t *testing.T) {
	states := []struct {
		s    ActivityState
		name string
	}{
		{NotOpen, "not-open"}, {OpenState, "open"}, {DueSoon, "due-soon"}, {Overdue, "overdue"}, {Done, "done"},
	}
	for _, tt := range states {
		assert.Equal(t, tt.name, tt.s.String())
		b, err := tt.s.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, tt.name, string(b))
		var got ActivityState
		require.NoError(t, got.UnmarshalText(b))
		assert.Equal(t, tt.s, got)
	}
	_, err := ActivityState(0).MarshalText()
	assert.ErrorIs(t, err, ErrInvalidRecord)
	assert.Equal(t, "%!ActivityState(0)", ActivityState(0).String())
	assert.Equal(t, "%!ActivityState(6)", ActivityState(6).String())
	s := Overdue
	assert.ErrorIs(t, s.UnmarshalText([]byte("closed")), ErrInvalidRecord)
	assert.Equal(t, Overdue, s, "a failed decode leaves the value alone")
}
