package renewal

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rnItems builds the items of a schedule whose items all open on opens,
// from (activity, due) pairs.
func rnItems(opens string, dues ...any) []Item {
	var out []Item
	for i := 0; i < len(dues); i += 2 {
		out = append(out, Item{Activity: dues[i].(Activity), Opens: rnDay(opens), Due: rnDay(dues[i+1].(string))})
	}
	return out
}

// TestPlanDefault plans the renewal of 2027-03-31 under the default
// playbook. Three calendar months before it is 2026-12-31; fourteen days
// before it is 2027-03-17; each activity is due its offset in days before
// it (2027-03-31 − 59 days = 2027-01-31).
func TestPlanDefault(t *testing.T) {
	c := Contract{ID: "acme", Start: rnDay("2026-03-31"), TermMonths: 12}
	got, err := Policy{}.Plan(c, rnDay("2026-04-01"))
	require.NoError(t, err)
	want := Schedule{
		ContractID: "acme",
		Renewal:    rnDay("2027-03-31"),
		Decision:   rnDay("2027-03-31"),
		Opens:      rnDay("2026-12-31"),
		LateFrom:   rnDay("2027-03-17"),
		Items: rnItems("2026-12-31",
			ActivityGoalProgressReview, "2027-01-15", // 75 days
			ActivityUsageReview, "2027-01-20", // 70
			ActivityROIConfirmation, "2027-01-30", // 60
			ActivityTeamRecheck, "2027-02-09", // 50
			ActivityDecisionLineMapping, "2027-02-14", // 45
			ActivityVoCCollection, "2027-02-19", // 40
			ActivityIntentConfirmation, "2027-03-01", // 30
			ActivityExpansionExploration, "2027-03-10", // 21
		),
		// 180, 120, 90 and 30 days before 2027-03-31.
		Checkpoints: []date.Date{rnDay("2026-10-02"), rnDay("2026-12-01"), rnDay("2026-12-31"), rnDay("2027-03-01")},
	}
	assert.Equal(t, want, got)
	for _, it := range got.Items {
		assert.False(t, it.Moved())
		assert.Empty(t, it.Why)
	}
}

func TestPlanKeyDates(t *testing.T) {
	tests := []struct {
		name                                       string
		p                                          Policy
		c                                          Contract
		asOf                                       string
		renewal, notice, decision, opens, lateFrom string // notice "" for none
	}{
		{"clamped to February's end", Policy{}, Contract{ID: "a", Start: rnDay("2026-05-31"), TermMonths: 12}, "2026-06-01",
			"2027-05-31", "", "2027-05-31", "2027-02-28", "2027-05-17"},
		{"leap February", Policy{}, Contract{ID: "a", Start: rnDay("2027-05-31"), TermMonths: 12}, "2027-06-01",
			"2028-05-31", "", "2028-05-31", "2028-02-29", "2028-05-17"},
		{"window of 90 days", Policy{Window: date.Days(90)}, Contract{ID: "a", Start: rnDay("2026-05-31"), TermMonths: 12}, "2026-06-01",
			"2027-05-31", "", "2027-05-31", "2027-03-02", "2027-05-17"},
		{"renewal on the 1st", Policy{}, Contract{ID: "a", Start: rnDay("2026-04-01"), TermMonths: 12}, "2026-06-01",
			"2027-04-01", "", "2027-04-01", "2027-01-01", "2027-03-18"},
		{"notice of one month", Policy{}, Contract{ID: "a", Start: rnDay("2026-03-31"), TermMonths: 12, AutoRenew: true, Notice: date.Months(1)}, "2026-04-01",
			"2027-03-31", "2027-02-28", "2027-02-28", "2026-11-28", "2027-02-14"},
		{"notice of 30 days", Policy{}, Contract{ID: "a", Start: rnDay("2026-04-01"), TermMonths: 12, AutoRenew: true, Notice: date.Days(30)}, "2026-04-01",
			"2027-04-01", "2027-03-02", "2027-03-02", "2026-12-02", "2027-02-16"},
		{"notice ignored without auto-renew", Policy{}, Contract{ID: "a", Start: rnDay("2026-03-31"), TermMonths: 12, Notice: date.Months(1)}, "2026-04-01",
			"2027-03-31", "", "2027-03-31", "2026-12-31", "2027-03-17"},
		{"auto-renew without notice", Policy{}, Contract{ID: "a", Start: rnDay("2026-03-31"), TermMonths: 12, AutoRenew: true}, "2027-04-01",
			"2028-03-31", "", "2028-03-31", "2027-12-31", "2028-03-17"},
		{"36-month term, the day after it ends", Policy{}, Contract{ID: "a", Start: rnDay("2024-03-31"), TermMonths: 36, AutoRenew: true}, "2027-04-01",
			"2028-03-31", "", "2028-03-31", "2027-12-31", "2028-03-17"},
		{"36-month term, on its last day", Policy{}, Contract{ID: "a", Start: rnDay("2024-03-31"), TermMonths: 36, AutoRenew: true}, "2027-03-31",
			"2027-03-31", "", "2027-03-31", "2026-12-31", "2027-03-17"},
		{"leap-day anchor, fourth anniversary", Policy{}, Contract{ID: "a", Start: rnDay("2024-02-29"), TermMonths: 12, AutoRenew: true, Notice: date.Months(1)}, "2027-03-01",
			"2028-02-29", "2028-01-29", "2028-01-29", "2027-10-29", "2028-01-15"},
		{"past a fixed-term renewal", Policy{}, Contract{ID: "a", Start: rnDay("2026-03-31"), TermMonths: 12}, "2027-06-01",
			"2027-03-31", "", "2027-03-31", "2026-12-31", "2027-03-17"},
		{"late in months", Policy{Late: date.Months(1)}, Contract{ID: "a", Start: rnDay("2026-03-31"), TermMonths: 12}, "2026-04-01",
			"2027-03-31", "", "2027-03-31", "2026-12-31", "2027-02-28"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.p.Plan(tt.c, rnDay(tt.asOf))
			require.NoError(t, err)
			assert.Equal(t, rnDay(tt.renewal), s.Renewal, "renewal")
			if tt.notice == "" {
				assert.True(t, s.NoticeDeadline.IsZero(), "notice %s", s.NoticeDeadline)
			} else {
				assert.Equal(t, rnDay(tt.notice), s.NoticeDeadline, "notice")
			}
			assert.Equal(t, rnDay(tt.decision), s.Decision, "decision")
			assert.Equal(t, rnDay(tt.opens), s.Opens, "opens")
			assert.Equal(t, rnDay(tt.lateFrom), s.LateFrom, "late from")
		})
	}
}

// TestPlanNoticeItems checks that the activities work back from the notice
// deadline: 2027-02-28 − 75 days = 2026-12-15, − 30 days = 2027-01-29.
func TestPlanNoticeItems(t *testing.T) {
	c := Contract{ID: "a", Start: rnDay("2026-03-31"), TermMonths: 12, AutoRenew: true, Notice: date.Months(1)}
	s, err := Policy{}.Plan(c, rnDay("2026-04-01"))
	require.NoError(t, err)
	it, ok := s.Item(ActivityGoalProgressReview)
	require.True(t, ok)
	assert.Equal(t, Item{Activity: ActivityGoalProgressReview, Opens: rnDay("2026-11-28"), Due: rnDay("2026-12-15")}, it)
	it, ok = s.Item(ActivityIntentConfirmation)
	require.True(t, ok)
	assert.Equal(t, rnDay("2027-01-29"), it.Due)
}

func TestPlanSteps(t *testing.T) {
	c := Contract{ID: "a", Start: rnDay("2026-03-31"), TermMonths: 12, FiscalYearEnd: time.March}
	t.Run("subset in the policy's order", func(t *testing.T) {
		p := Policy{Steps: []Step{{ActivityIntentConfirmation, date.Days(45)}, {ActivityCaseStudyRequest, date.Days(20)}, {ActivityUsageReview, date.Months(1)}}}
		s, err := p.Plan(c, rnDay("2026-04-01"))
		require.NoError(t, err)
		assert.Equal(t, rnItems("2026-12-31",
			ActivityIntentConfirmation, "2027-02-14",
			ActivityCaseStudyRequest, "2027-03-11",
			ActivityUsageReview, "2027-02-28"), s.Items)
		_, ok := s.Item(ActivityGoalProgressReview)
		assert.False(t, ok)
		it, ok := s.Item(ActivityCaseStudyRequest)
		require.True(t, ok)
		assert.Equal(t, rnDay("2027-03-11"), it.Due)
	})
	t.Run("no activity at all", func(t *testing.T) {
		s, err := Policy{Steps: []Step{}}.Plan(c, rnDay("2026-04-01"))
		require.NoError(t, err)
		assert.Empty(t, s.Items)
		assert.Equal(t, rnDay("2026-12-31"), s.Opens)
		_, ok := s.Item(ActivityIntentConfirmation)
		assert.False(t, ok)
	})
}

const (
	whyMarch    = "due by the customer's budgeting deadline 2027-01-31: its fiscal year ends 2027-03-31, budget settled P2M before"
	whyDecember = "due by the customer's budgeting deadline 2026-10-31: its fiscal year ends 2026-12-31, budget settled P2M before"
)

// TestPlanFiscalYear checks the budgeting rule on the cases of the spec.
//
// March year end, renewal 2027-06-01: the fiscal year before the renewal's
// ends 2027-03-31, the budget is settled two months before, on 2027-01-31,
// which is within six months of the decision date (2026-12-01 at the
// earliest). The window opens 2027-03-01; goal progress (normally due
// 2027-03-18, open 17 days), usage (2027-03-23, 22 days) and ROI
// (2027-04-02, 32 days) move to 2027-01-31 and open 2027-01-14, 2027-01-09
// and 2026-12-30.
func TestPlanFiscalYear(t *testing.T) {
	march := Contract{ID: "a", Start: rnDay("2026-06-01"), TermMonths: 12, FiscalYearEnd: time.March}
	got, err := Policy{}.Plan(march, rnDay("2026-06-01"))
	require.NoError(t, err)
	want := Schedule{
		ContractID:     "a",
		Renewal:        rnDay("2027-06-01"),
		Decision:       rnDay("2027-06-01"),
		Opens:          rnDay("2026-12-30"),
		LateFrom:       rnDay("2027-05-18"),
		BudgetDeadline: rnDay("2027-01-31"),
		Items: []Item{
			{ActivityGoalProgressReview, rnDay("2027-01-14"), rnDay("2027-01-31"), rnDay("2027-03-18"), whyMarch},
			{ActivityUsageReview, rnDay("2027-01-09"), rnDay("2027-01-31"), rnDay("2027-03-23"), whyMarch},
			{ActivityROIConfirmation, rnDay("2026-12-30"), rnDay("2027-01-31"), rnDay("2027-04-02"), whyMarch},
			{ActivityTeamRecheck, rnDay("2027-03-01"), rnDay("2027-04-12"), date.Date{}, ""},
			{ActivityDecisionLineMapping, rnDay("2027-03-01"), rnDay("2027-04-17"), date.Date{}, ""},
			{ActivityVoCCollection, rnDay("2027-03-01"), rnDay("2027-04-22"), date.Date{}, ""},
			{ActivityIntentConfirmation, rnDay("2027-03-01"), rnDay("2027-05-02"), date.Date{}, ""},
			{ActivityExpansionExploration, rnDay("2027-03-01"), rnDay("2027-05-11"), date.Date{}, ""},
		},
		// 180, 120, 90 and 30 days before 2027-06-01.
		Checkpoints: []date.Date{rnDay("2026-12-03"), rnDay("2027-02-01"), rnDay("2027-03-03"), rnDay("2027-05-02")},
	}
	assert.Equal(t, want, got)
	for _, it := range got.Items {
		assert.Equal(t, it.Activity.ValueCase(), it.Moved(), it.Activity.String())
		if it.Moved() {
			assert.True(t, it.Due.Before(it.NormalDue))
		}
	}

	// December year end, renewal 2027-02-15: the year before ends
	// 2026-12-31, budget settled 2026-10-31 (horizon from 2026-08-15). The
	// window opens 2026-11-15; goal progress (2026-12-02, 17 days), usage
	// (2026-12-07, 22 days), ROI (2026-12-17, 32 days) move to 2026-10-31.
	t.Run("december", func(t *testing.T) {
		c := Contract{ID: "z", Start: rnDay("2026-02-15"), TermMonths: 12, FiscalYearEnd: time.December}
		s, err := Policy{}.Plan(c, rnDay("2026-02-15"))
		require.NoError(t, err)
		assert.Equal(t, rnDay("2026-10-31"), s.BudgetDeadline)
		assert.Equal(t, rnDay("2026-09-29"), s.Opens)
		assert.Equal(t, rnDay("2027-02-01"), s.LateFrom)
		assert.Equal(t, []Item{
			{ActivityGoalProgressReview, rnDay("2026-10-14"), rnDay("2026-10-31"), rnDay("2026-12-02"), whyDecember},
			{ActivityUsageReview, rnDay("2026-10-09"), rnDay("2026-10-31"), rnDay("2026-12-07"), whyDecember},
			{ActivityROIConfirmation, rnDay("2026-09-29"), rnDay("2026-10-31"), rnDay("2026-12-17"), whyDecember},
		}, s.Items[:3])
		assert.Equal(t, Item{Activity: ActivityTeamRecheck, Opens: rnDay("2026-11-15"), Due: rnDay("2026-12-27")}, s.Items[3])
	})

	// Renewal 2027-04-10: goal progress (2027-01-25) and usage (2027-01-30)
	// are due before the deadline anyway; only ROI (2027-02-09, open 30
	// days from 2027-01-10) moves, and opens 2027-01-01.
	t.Run("only what is due after the deadline moves", func(t *testing.T) {
		c := Contract{ID: "a", Start: rnDay("2026-04-10"), TermMonths: 12, FiscalYearEnd: time.March}
		s, err := Policy{}.Plan(c, rnDay("2026-04-10"))
		require.NoError(t, err)
		assert.Equal(t, rnDay("2027-01-31"), s.BudgetDeadline)
		assert.Equal(t, rnDay("2027-01-01"), s.Opens)
		assert.Equal(t, []Item{
			{ActivityGoalProgressReview, rnDay("2027-01-10"), rnDay("2027-01-25"), date.Date{}, ""},
			{ActivityUsageReview, rnDay("2027-01-10"), rnDay("2027-01-30"), date.Date{}, ""},
			{ActivityROIConfirmation, rnDay("2027-01-01"), rnDay("2027-01-31"), rnDay("2027-02-09"), whyMarch},
		}, s.Items[:3])
	})

	// Renewal 2027-04-11: usage is due on the deadline itself and stays.
	t.Run("due on the deadline stays", func(t *testing.T) {
		c := Contract{ID: "a", Start: rnDay("2026-04-11"), TermMonths: 12, FiscalYearEnd: time.March}
		s, err := Policy{}.Plan(c, rnDay("2026-04-11"))
		require.NoError(t, err)
		it, _ := s.Item(ActivityUsageReview)
		assert.Equal(t, Item{Activity: ActivityUsageReview, Opens: rnDay("2027-01-11"), Due: rnDay("2027-01-31")}, it)
		it, _ = s.Item(ActivityROIConfirmation)
		assert.Equal(t, rnDay("2027-02-10"), it.NormalDue)
	})

	// Notice of one month: the decision date is 2027-05-01 and the window
	// opens 2027-02-01; goal (2027-02-15, 14 days), usage (2027-02-20, 19
	// days) and ROI (2027-03-02, 29 days) move to 2027-01-31.
	t.Run("notice deadline", func(t *testing.T) {
		c := march
		c.AutoRenew, c.Notice = true, date.Months(1)
		s, err := Policy{}.Plan(c, rnDay("2026-06-01"))
		require.NoError(t, err)
		assert.Equal(t, rnDay("2027-05-01"), s.Decision)
		assert.Equal(t, rnDay("2027-01-31"), s.BudgetDeadline)
		assert.Equal(t, rnDay("2027-01-02"), s.Opens)
		assert.Equal(t, []Item{
			{ActivityGoalProgressReview, rnDay("2027-01-17"), rnDay("2027-01-31"), rnDay("2027-02-15"), whyMarch},
			{ActivityUsageReview, rnDay("2027-01-12"), rnDay("2027-01-31"), rnDay("2027-02-20"), whyMarch},
			{ActivityROIConfirmation, rnDay("2027-01-02"), rnDay("2027-01-31"), rnDay("2027-03-02"), whyMarch},
		}, s.Items[:3])
	})

	// A budget lead of three months: deadline 2026-12-31.
	t.Run("budget lead", func(t *testing.T) {
		s, err := Policy{BudgetLead: date.Months(3)}.Plan(march, rnDay("2026-06-01"))
		require.NoError(t, err)
		assert.Equal(t, rnDay("2026-12-31"), s.BudgetDeadline)
		assert.Equal(t, rnDay("2026-11-29"), s.Opens)
		assert.Equal(t, Item{ActivityROIConfirmation, rnDay("2026-11-29"), rnDay("2026-12-31"), rnDay("2027-04-02"),
			"due by the customer's budgeting deadline 2026-12-31: its fiscal year ends 2027-03-31, budget settled P3M before"}, s.Items[2])
	})
}

// TestPlanFiscalYearNoMove lists the cases where the budget moves nothing.
func TestPlanFiscalYearNoMove(t *testing.T) {
	march := Contract{ID: "a", Start: rnDay("2026-06-01"), TermMonths: 12, FiscalYearEnd: time.March}
	tests := []struct {
		name     string
		p        Policy
		c        Contract
		deadline string // the schedule's BudgetDeadline, "" for none
	}{
		// The 2027-03-20 renewal of a contract auto-renewing since
		// 2025-03-20: its budget deadline 2026-01-31 came before the
		// current term began on 2026-03-20.
		{"budget settled before the current term", Policy{}, Contract{ID: "a", Start: rnDay("2025-03-20"), TermMonths: 12, AutoRenew: true, FiscalYearEnd: time.March}, ""},
		// 2027-01-31 is before 2027-03-01, six months before 2027-09-01.
		{"outside an explicit horizon", Policy{BudgetHorizon: date.Months(6)}, Contract{ID: "a", Start: rnDay("2026-09-01"), TermMonths: 12, FiscalYearEnd: time.March}, ""},
		{"fiscal rule off", Policy{IgnoreFiscalYear: true}, march, ""},
		{"fiscal year unknown", Policy{}, Contract{ID: "a", Start: rnDay("2026-06-01"), TermMonths: 12}, ""},
		{"contract starts after the deadline", Policy{}, Contract{ID: "a", Start: rnDay("2027-02-01"), RenewalDate: rnDay("2027-06-01"), FiscalYearEnd: time.March}, ""},
		{"contract starts on the deadline", Policy{}, Contract{ID: "a", Start: rnDay("2027-01-31"), RenewalDate: rnDay("2027-06-01"), FiscalYearEnd: time.March}, ""},
		// The renewal on the year-end day belongs to the fiscal year it
		// ends; the budget for it was settled 2026-01-31, before the start.
		{"renewal on the fiscal year end", Policy{}, Contract{ID: "a", Start: rnDay("2026-03-31"), TermMonths: 12, FiscalYearEnd: time.March}, ""},
		// 2027-04-01: goal 2027-01-16, usage 2027-01-21, ROI 2027-01-31:
		// all due by the deadline already.
		{"everything due by the deadline already", Policy{}, Contract{ID: "a", Start: rnDay("2026-04-01"), TermMonths: 12, FiscalYearEnd: time.March}, "2027-01-31"},
		// A short horizon of two months from 2027-06-01: 2027-04-01.
		{"short horizon", Policy{BudgetHorizon: date.Months(2)}, march, ""},
		{"value case not planned", Policy{Steps: []Step{{ActivityIntentConfirmation, date.Days(30)}}}, march, "2027-01-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.p.Plan(tt.c, rnDay("2026-04-01"))
			require.NoError(t, err)
			if tt.deadline == "" {
				assert.True(t, s.BudgetDeadline.IsZero(), "deadline %s", s.BudgetDeadline)
			} else {
				assert.Equal(t, rnDay(tt.deadline), s.BudgetDeadline)
			}
			for _, it := range s.Items {
				assert.False(t, it.Moved(), "%s moved", it.Activity)
				assert.Empty(t, it.Why)
				assert.Equal(t, s.Opens, it.Opens)
			}
		})
	}
}

// TestPlanFiscalYearHorizonEdge: renewal 2027-07-31, six months before is
// 2027-01-31, the budgeting deadline itself: it applies.
func TestPlanFiscalYearHorizonEdge(t *testing.T) {
	c := Contract{ID: "a", Start: rnDay("2026-07-31"), TermMonths: 12, FiscalYearEnd: time.March}
	s, err := Policy{}.Plan(c, c.Start)
	require.NoError(t, err)
	assert.Equal(t, rnDay("2027-01-31"), s.BudgetDeadline)
	assert.True(t, s.Items[0].Moved())

	// A contract that starts the day before the deadline still moves.
	c = Contract{ID: "a", Start: rnDay("2027-01-30"), RenewalDate: rnDay("2027-06-01"), FiscalYearEnd: time.March}
	s, err = Policy{}.Plan(c, c.Start)
	require.NoError(t, err)
	assert.Equal(t, rnDay("2027-01-31"), s.BudgetDeadline)
	assert.True(t, s.Items[0].Moved())
}

// TestPlanEveryMonth moves the value case for a fiscal year ending in any
// month: a renewal on the 1st of the second month after the year-end month
// (2027-05-01 for March) has its budget settled at the end of the month two
// months before the year-end month, within the horizon, and ROI, normally
// due 60 days before the renewal, moves to that deadline.
func TestPlanEveryMonth(t *testing.T) {
	want := map[time.Month]string{
		time.January: "2026-11-30", time.February: "2026-12-31", time.March: "2027-01-31",
		time.April: "2027-02-28", time.May: "2027-03-31", time.June: "2027-04-30",
		time.July: "2027-05-31", time.August: "2027-06-30", time.September: "2027-07-31",
		time.October: "2027-08-31", time.November: "2027-09-30", time.December: "2027-10-31",
	}
	for m := time.January; m <= time.December; m++ {
		t.Run(m.String(), func(t *testing.T) {
			renewal := date.Must(2027, m, 1).AddMonths(2) // two months after the year-end month
			c := Contract{ID: "a", Start: renewal.AddMonths(-12), RenewalDate: renewal, FiscalYearEnd: m}
			s, err := Policy{}.Plan(c, c.Start)
			require.NoError(t, err)
			assert.Equal(t, rnDay(want[m]), s.BudgetDeadline)
			roi, _ := s.Item(ActivityROIConfirmation)
			assert.True(t, roi.Moved(), "ROI normally due %s", roi.Due)
			assert.Equal(t, rnDay(want[m]), roi.Due)
		})
	}
}

// TestBudgetDeadlineMonthEnds: the deadline is a month end whatever the
// lengths of the months in between, and a lead's days count back from it.
func TestBudgetDeadlineMonthEnds(t *testing.T) {
	tests := []struct {
		lead    date.Period
		yearEnd string
		want    string
	}{
		{date.Months(2), "2027-09-30", "2027-07-31"},
		{date.Months(2), "2027-02-28", "2026-12-31"},
		{date.Months(2), "2028-02-29", "2027-12-31"},
		{date.Months(1), "2027-03-31", "2027-02-28"},
		{date.Months(1), "2028-03-31", "2028-02-29"},
		{date.Period{Months: 1, Days: 15}, "2027-03-31", "2027-02-13"},
		{date.Days(45), "2027-03-31", "2027-02-14"},
		{date.Months(12), "2027-03-31", "2026-03-31"},
		{date.Months(2), "0001-02-28", ""}, // before year 1: no deadline
	}
	for _, tt := range tests {
		t.Run(tt.lead.String()+" before "+tt.yearEnd, func(t *testing.T) {
			var want date.Date
			if tt.want != "" {
				want = rnDay(tt.want)
			}
			assert.Equal(t, want, budgetDeadlineOf(tt.lead, rnDay(tt.yearEnd)))
		})
	}
}

func TestPlanErrors(t *testing.T) {
	ok := Contract{ID: "a", Start: rnDay("2026-03-31"), TermMonths: 12}
	t.Run("invalid contract", func(t *testing.T) {
		c := ok
		c.ARR = rnDec("-1")
		_, err := Policy{}.Plan(c, rnDay("2026-04-01"))
		rnRequireFieldErr(t, err, ErrNegativeAmount, "a", "arr")
		c = ok
		c.RenewalDate = rnDay("2026-03-01")
		_, err = Policy{}.Plan(c, rnDay("2026-04-01"))
		rnRequireFieldErr(t, err, ErrRenewalBeforeStart, "a", "renewal_date")
		c = ok
		c.FiscalYearEnd = 13
		_, err = Policy{}.Plan(c, rnDay("2026-04-01"))
		rnRequireFieldErr(t, err, ErrInvalidMonth, "a", "fiscal_year_end")
	})
	t.Run("invalid policy", func(t *testing.T) {
		_, err := Policy{Steps: []Step{{ActivityGoalProgressReview, date.Days(100)}}}.Plan(ok, rnDay("2026-04-01"))
		assert.ErrorIs(t, err, ErrOffsetOutsideWindow)
		_, err = Policy{Steps: []Step{{Activity(42), date.Days(10)}}}.Plan(ok, rnDay("2026-04-01"))
		assert.ErrorIs(t, err, ErrUnknownActivity)
	})
	t.Run("no as-of date", func(t *testing.T) {
		_, err := Policy{}.Plan(ok, date.Date{})
		rnRequireFieldErr(t, err, ErrMissingDate, "a", "as_of")
	})
}

func TestScheduleJSON(t *testing.T) {
	c := Contract{ID: "a", Start: rnDay("2026-06-01"), TermMonths: 12, FiscalYearEnd: time.March}
	s, err := Policy{Steps: []Step{{ActivityROIConfirmation, date.Days(60)}, {ActivityIntentConfirmation, date.Days(30)}}}.Plan(c, c.Start)
	require.NoError(t, err)
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"contract_id":"a","renewal":"2027-06-01","decision":"2027-06-01","opens":"2026-12-30",
		"late_from":"2027-05-18","budget_deadline":"2027-01-31","items":[
		{"activity":"roi-confirmation","opens":"2026-12-30","due":"2027-01-31","normal_due":"2027-04-02","why":"`+whyMarch+`"},
		{"activity":"intent-confirmation","opens":"2027-03-01","due":"2027-05-02"}],
		"checkpoints":["2026-12-03","2027-02-01","2027-03-03","2027-05-02"]}`, string(b))
	var back Schedule
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, s, back)
}

// TestPlanInvariants plans many contracts on many days and checks the order
// of the dates a schedule holds.
func TestPlanInvariants(t *testing.T) {
	policies := []Policy{{}, {Window: date.Days(90), Late: date.Days(21)}, {BudgetLead: date.Months(3), BudgetHorizon: date.Months(9)},
		{Window: date.Months(4), Steps: []Step{{ActivityGoalProgressReview, date.Months(4)}, {ActivityROIConfirmation, rnPeriod(2, 15)}, {ActivityIntentConfirmation, date.Days(31)}}}}
	i := 0
	for c := range rnContracts(3000) {
		i++
		asOf := rnDay("2024-01-01").AddDays(i * 37 % 1500)
		for _, p := range policies {
			s, err := p.Plan(c, asOf)
			require.NoError(t, err)
			rnCheckSchedule(t, c, s)
		}
	}
}

// rnCheckSchedule checks the invariants of a schedule of contract c:
// Opens ≤ every item's Opens ≤ its Due ≤ Decision ≤ Renewal, LateFrom ≤
// Decision, Decision = min(Renewal, NoticeDeadline), and a moved item is a
// value-case item due on the budgeting deadline before its normal due date.
func rnCheckSchedule(t *testing.T, c Contract, s Schedule) {
	t.Helper()
	require.False(t, s.Decision.After(s.Renewal), "decision %s after renewal %s", s.Decision, s.Renewal)
	require.False(t, s.LateFrom.After(s.Decision), "late from %s after decision %s", s.LateFrom, s.Decision)
	require.False(t, s.Opens.After(s.LateFrom), "opens %s after late from %s", s.Opens, s.LateFrom)
	want := s.Renewal
	if !s.NoticeDeadline.IsZero() {
		require.True(t, c.AutoRenew)
		if s.NoticeDeadline.Before(want) {
			want = s.NoticeDeadline
		}
	}
	require.Equal(t, want, s.Decision)
	for _, it := range s.Items {
		require.False(t, s.Opens.After(it.Opens), "%s opens %s before the schedule %s", it.Activity, it.Opens, s.Opens)
		require.False(t, it.Opens.After(it.Due), "%s opens %s after due %s", it.Activity, it.Opens, it.Due)
		require.False(t, it.Due.After(s.Decision), "%s due %s after decision %s", it.Activity, it.Due, s.Decision)
		if it.Moved() {
			require.True(t, it.Activity.ValueCase())
			require.Equal(t, s.BudgetDeadline, it.Due)
			require.True(t, it.Due.Before(it.NormalDue))
			require.NotEmpty(t, it.Why)
		}
	}
}

// A renewal late in the customer's fiscal year: renewal 2027-09-30, March
// year end. The fiscal 2027 budget that pays for it is settled 2027-01-31,
// inside the current term (from 2026-09-30), so goal progress (normally due
// 2027-07-17, open 17 days), usage (2027-07-22, 22 days) and ROI
// (2027-08-01, 32 days) are due 2027-01-31 and open 2027-01-14, 2027-01-09
// and 2026-12-30.
func TestPlanFiscalYearLateInTheYear(t *testing.T) {
	c := Contract{ID: "sep", Start: rnDay("2026-09-30"), TermMonths: 12, FiscalYearEnd: time.March}
	s, err := Policy{}.Plan(c, c.Start)
	require.NoError(t, err)
	assert.Equal(t, rnDay("2027-01-31"), s.BudgetDeadline)
	assert.Equal(t, rnDay("2026-12-30"), s.Opens)
	for _, w := range []struct {
		a                Activity
		opens, due, norm string
	}{
		{ActivityGoalProgressReview, "2027-01-14", "2027-01-31", "2027-07-17"},
		{ActivityUsageReview, "2027-01-09", "2027-01-31", "2027-07-22"},
		{ActivityROIConfirmation, "2026-12-30", "2027-01-31", "2027-08-01"},
		{ActivityTeamRecheck, "2027-06-30", "2027-08-11", ""},
	} {
		it, ok := s.Item(w.a)
		require.True(t, ok)
		assert.Equal(t, rnDay(w.opens), it.Opens, "%s opens", w.a)
		assert.Equal(t, rnDay(w.due), it.Due, "%s due", w.a)
		if w.norm == "" {
			assert.False(t, it.Moved())
		} else {
			assert.Equal(t, rnDay(w.norm), it.NormalDue, "%s normal due", w.a)
		}
	}
}
