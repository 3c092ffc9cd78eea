package capacity

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/booktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sampleEntries() []TimeEntry {
	return []TimeEntry{
		{Account: "a1", Segment: "high", CSM: "h1", Task: "kickoff", Stage: "onboarding", Hours: d("2.5")},
		{Account: "a1", Segment: "high", CSM: "h1", Task: "training", Stage: "onboarding", Hours: d("4")},
		{Account: "a2", Segment: "high", CSM: "h2", Task: "kickoff", Stage: "onboarding", Hours: d("1.25")},
		{Account: "a2", CSM: "h2", Task: "training", Stage: "onboarding", Hours: d("6")}, // segment known from before
		{Account: "a3", Segment: "tech", CSM: "h1", Task: "kickoff", Stage: "adopted", Hours: d("0.5")},
		{Account: "a3", Segment: "tech", CSM: "h2", Task: "review", Stage: "adopted", Hours: d("1")},
	}
}

func TestCostToServe(t *testing.T) {
	c, err := NewCostBook("JPY", d("5000"))
	require.NoError(t, err)
	require.NoError(t, c.AddAll(slices.Values(sampleEntries())))
	r := c.Result()
	eq := func(want string, got fmt.Stringer, what string) {
		t.Helper()
		assert.Equal(t, want, got.String(), what)
	}
	// All: 2.5 + 4 + 1.25 + 6 + 0.5 + 1 = 15.25 h × 5000 = 76250.
	assert.True(t, d("15.25").Equal(r.Hours))
	assert.True(t, d("76250").Equal(r.Cost))
	// a1: 6.5 h = 32500; a2: 7.25 h = 36250; a3: 1.5 h = 7500.
	require.Len(t, r.Accounts, 3)
	for i, want := range []struct{ id, seg, hours, cost string }{
		{"a1", "high", "6.5", "32500"}, {"a2", "high", "7.25", "36250"}, {"a3", "tech", "1.5", "7500"},
	} {
		a := r.Accounts[i]
		assert.Equal(t, want.id, a.Account)
		assert.Equal(t, want.seg, a.Segment)
		assert.True(t, d(want.hours).Equal(a.Hours), "%s hours %s", a.Account, a.Hours)
		assert.True(t, d(want.cost).Equal(a.Cost), "%s cost %s", a.Account, a.Cost)
	}
	// Segments: high = 6.5 + 7.25 = 13.75 h over 2 accounts: 6.875 →
	// 6.88 h and 68750 / 2 = 34375 per account; tech = 1.5 h, 7500.
	require.Len(t, r.Segments, 2)
	assert.Equal(t, "high", r.Segments[0].Name)
	eq("6.88", r.Segments[0].HoursPerAccount, "high hours per account")
	eq("34375.00", r.Segments[0].CostPerAccount, "high cost per account")
	eq("7500.00", r.Segments[1].CostPerAccount, "tech cost per account")
	// Tasks: kickoff 2.5 + 1.25 + 0.5 = 4.25 h over 3 accounts: 1.42 h,
	// 21250 / 3 = 7083.33; review 1 h; training 10 h over 2: 5 h.
	require.Len(t, r.Tasks, 3)
	assert.Equal(t, []string{"kickoff", "review", "training"}, []string{r.Tasks[0].Name, r.Tasks[1].Name, r.Tasks[2].Name})
	eq("1.42", r.Tasks[0].HoursPerAccount, "kickoff")
	eq("7083.33", r.Tasks[0].CostPerAccount, "kickoff")
	eq("5.00", r.Tasks[2].HoursPerAccount, "training")
	// Stages: adopted 1.5 h (a3), onboarding 13.75 h (a1, a2).
	require.Len(t, r.Stages, 2)
	assert.Equal(t, "adopted", r.Stages[0].Name)
	assert.Equal(t, 2, r.Stages[1].Accounts)
	assert.True(t, d("13.75").Equal(r.Stages[1].Hours))
	// People, fastest first per task: kickoff h2 1.25 / 1 = 1.25, h1 3 / 2
	// = 1.5; review h2 1; training h1 4, h2 6.
	var people []string
	for _, p := range r.People {
		people = append(people, p.Task+" "+p.CSM+" "+p.HoursPerAccount.String())
	}
	assert.Equal(t, []string{"kickoff h2 1.25", "kickoff h1 1.50", "review h2 1.00", "training h1 4.00", "training h2 6.00"}, people)
}

func TestCostErrors(t *testing.T) {
	_, err := NewCostBook("JPY", d("0"))
	require.ErrorIs(t, err, ErrInvalidRecord)
	assert.Equal(t, "capacity: hourly_cost: invalid record: zero hourly cost", err.Error())
	_, err = NewCostBook("JPY", d("-1"))
	require.ErrorIs(t, err, ErrNegativeAmount)

	c, err := NewCostBook("JPY", d("5000"))
	require.NoError(t, err)
	require.NoError(t, c.AddAll(slices.Values(sampleEntries())))
	tests := []struct {
		e    TimeEntry
		want error
		msg  string
	}{
		{TimeEntry{Account: "a1", CSM: "h1", Task: "x", Hours: d("-0.5")}, ErrNegativeHours, `capacity: account "a1": hours: negative hours: -0.5`},
		{TimeEntry{Account: "a3", Segment: "high", CSM: "h1", Task: "x", Hours: d("1")}, ErrInvalidRecord, `capacity: account "a3": segment: invalid record: segment "high", but "tech" before`},
		{TimeEntry{CSM: "h1", Task: "x"}, ErrInvalidRecord, "capacity: account: invalid record: empty account"},
		{TimeEntry{Account: "a1", Task: "x"}, ErrInvalidRecord, `capacity: account "a1": csm: invalid record: empty CSM`},
		{TimeEntry{Account: "a1", CSM: "h1"}, ErrInvalidRecord, `capacity: account "a1": task: invalid record: empty task`},
		{TimeEntry{Account: "a1", CSM: "h1", Task: "x", Hours: d("1e-200")}, ErrAmountOutOfRange, `capacity: account "a1": hours: amount out of range: exponent -200, outside ±100`},
	}
	before, _ := json.Marshal(c.Result())
	for _, tc := range tests {
		err := c.Add(tc.e)
		require.ErrorIs(t, err, tc.want)
		assert.Equal(t, tc.msg, err.Error())
	}
	after, _ := json.Marshal(c.Result())
	assert.Equal(t, string(before), string(after))

	other, err := NewCostBook("JPY", d("6000"))
	require.NoError(t, err)
	require.ErrorIs(t, c.Merge(other), ErrMismatchedBooks)
	conflict, err := NewCostBook("JPY", d("5000.0"))
	require.NoError(t, err)
	require.NoError(t, conflict.Add(TimeEntry{Account: "a1", Segment: "tech", CSM: "h1", Task: "x", Hours: d("1")}))
	require.ErrorIs(t, c.Merge(conflict), ErrInvalidRecord)
	require.ErrorIs(t, c.AddAll(nil), ErrNilBook)
	var zero CostBook
	require.ErrorIs(t, zero.Add(sampleEntries()[0]), ErrInvalidRecord)
}

func TestCostMergeLaw(t *testing.T) {
	var rows []TimeEntry
	tasks := []string{"kickoff", "training", "review", "setup"}
	for i := range 300 {
		rows = append(rows, TimeEntry{Account: fmt.Sprint("a", i%37), Segment: []string{"", "s1", "s2"}[i%37%3],
			CSM: fmt.Sprint("c", i%5), Task: tasks[i%4], Stage: []string{"onboarding", "adopted", ""}[i%3],
			Hours: d(fmt.Sprintf("%d.%d", i%9, i%4*25))})
	}
	// Keep each account's segment consistent: "" or its own.
	for i := range rows {
		if i%2 == 0 {
			rows[i].Segment = ""
		}
	}
	booktest.CheckMerge(t, 5, 20, rows, func() *CostBook {
		c, err := NewCostBook("JPY", d("4800"))
		require.NoError(t, err)
		return c
	})
}

func TestCostReportJSON(t *testing.T) {
	c, err := NewCostBook("JPY", d("5000"))
	require.NoError(t, err)
	require.NoError(t, c.AddAll(slices.Values(sampleEntries())))
	enc, err := json.Marshal(c.Result())
	require.NoError(t, err)
	var back CostReport
	require.NoError(t, json.Unmarshal(enc, &back))
	enc2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(enc), string(enc2))
	_, err = json.Marshal(CostReport{})
	require.NoError(t, err)
}

func TestOnboarding(t *testing.T) {
	asOf := date.Must(2026, time.June, 30)
	day := func(m time.Month, d int) date.Date { return date.Must(2026, m, d) }
	rows := []Onboarding{
		// Due Jan 31 + 2 months = Mar 31 (clamped); done on it: on time,
		// 28 + 31 = 59 days.
		{Account: "o1", Start: day(time.January, 31), Done: day(time.March, 31)},
		// Due Apr 15, done Apr 20: late by 5; 13 + 31 + 20 = 64 days.
		{Account: "o2", Start: day(time.February, 15), Done: day(time.April, 20)},
		// Due Jul 10: in progress on Jun 30, 21 + 30 = 51 days so far.
		{Account: "o3", Start: day(time.May, 10)},
		// Due Jun 1: overdue by 29 on Jun 30, 29 + 31 + 30 = 90 days so far.
		{Account: "o4", Start: day(time.April, 1)},
	}
	want := []OnboardingStatus{
		{"o1", OnboardingOnTime, day(time.March, 31), 59, 0},
		{"o2", OnboardingLate, day(time.April, 15), 64, 5},
		{"o3", OnboardingInProgress, day(time.July, 10), 51, 0},
		{"o4", OnboardingOverdue, day(time.June, 1), 90, 29},
	}
	for i, o := range rows {
		s, err := o.Status(date.Period{}, asOf)
		require.NoError(t, err)
		assert.Equal(t, want[i], s)
	}
	b, err := NewOnboardingBook(date.Period{}, asOf)
	require.NoError(t, err)
	require.NoError(t, b.AddAll(slices.Values(rows)))
	r := b.Result()
	// Done 2, 59 + 64 = 123 days: 61.5 on average; 1 of 2 on time.
	assert.Equal(t, 2, r.Done)
	assert.Equal(t, 123, r.DaysDone)
	assert.Equal(t, "61.50", r.MeanDays.String())
	assert.Equal(t, "0.50", r.OnTimeRate.String())
	assert.Equal(t, [4]int{1, 1, 1, 1}, [4]int{r.OnTime, r.Late, r.InProgress, r.Overdue})

	// A 45-day target: o1 is due Mar 17 and late by 14.
	s, err := rows[0].Status(date.Days(45), asOf)
	require.NoError(t, err)
	assert.Equal(t, OnboardingLate, s.State)
	assert.Equal(t, 14, s.Over)
}

func TestOnboardingErrors(t *testing.T) {
	asOf := date.Must(2026, time.June, 30)
	b, err := NewOnboardingBook(date.Period{}, asOf)
	require.NoError(t, err)
	tests := []struct {
		o    Onboarding
		want error
		msg  string
	}{
		{Onboarding{Account: "x", Start: date.Must(2026, time.May, 1), Done: date.Must(2026, time.April, 1)}, ErrDateOrder, `capacity: account "x": done: dates out of order: done 2026-04-01, before the start 2026-05-01`},
		{Onboarding{Account: "x", Start: date.Must(2026, time.July, 1)}, ErrDateOrder, `capacity: account "x": start: dates out of order: starts 2026-07-01, after the as-of date 2026-06-30`},
		{Onboarding{Account: "x"}, ErrMissingDate, `capacity: account "x": start: missing date`},
		{Onboarding{Start: asOf}, ErrInvalidRecord, "capacity: account: invalid record: empty account"},
	}
	for _, tc := range tests {
		err := b.Add(tc.o)
		require.ErrorIs(t, err, tc.want)
		assert.Equal(t, tc.msg, err.Error())
	}
	require.NoError(t, b.Add(Onboarding{Account: "x", Start: asOf}))
	require.ErrorIs(t, b.Add(Onboarding{Account: "x", Start: asOf}), ErrDuplicateID)
	_, err = NewOnboardingBook(date.Period{Months: -1}, asOf)
	require.ErrorIs(t, err, ErrInvalidRecord)
	_, err = NewOnboardingBook(date.Period{}, date.Date{})
	require.ErrorIs(t, err, ErrMissingDate)
	other, err := NewOnboardingBook(date.Days(30), asOf)
	require.NoError(t, err)
	require.ErrorIs(t, b.Merge(other), ErrMismatchedBooks)
	same, err := NewOnboardingBook(date.Months(2), asOf)
	require.NoError(t, err)
	require.NoError(t, same.Add(Onboarding{Account: "x", Start: asOf}))
	require.ErrorIs(t, b.Merge(same), ErrDuplicateID)
}

func TestOnboardingMergeLaw(t *testing.T) {
	asOf := date.Must(2026, time.June, 30)
	var rows []Onboarding
	for i := range 200 {
		o := Onboarding{Account: fmt.Sprint("o", i), Start: asOf.AddDays(-(i * 3 % 200))}
		if i%3 != 0 {
			o.Done = o.Start.AddDays(i % 90)
			if o.Done.After(asOf) {
				o.Done = asOf
			}
		}
		rows = append(rows, o)
	}
	booktest.CheckMerge(t, 9, 20, rows, func() *OnboardingBook {
		b, err := NewOnboardingBook(date.Period{}, asOf)
		require.NoError(t, err)
		return b
	})
}

// A cost book is made from the two values it needs, as an onboarding book
// is, with no config type to fill.
func TestNewCostBook(t *testing.T) {
	_, err := NewCostBook("yen", d("5000"))
	require.ErrorIs(t, err, ErrInvalidCurrency)
	assert.Equal(t, `capacity: currency: invalid currency: "yen" is not a three-letter code`, err.Error())
	c, err := NewCostBook("USD", d("85.50"))
	require.NoError(t, err)
	r := c.Result()
	assert.Equal(t, Currency("USD"), r.Currency)
	assert.True(t, d("85.5").Equal(r.HourlyCost))
}
