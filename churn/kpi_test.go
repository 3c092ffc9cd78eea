package churn

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/cskit/cskit/date"

	"github.com/cskit/cskit/internal/dectest"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kpiBook is smallBook and c6: opened at A on 2026-12-10, another voice
// on 12-20 (still A), B on 2027-01-10, churned on 01-20 as a downgrade
// losing 150,000 of 400,000 at risk, for an avoidable, product-caused gap.
func kpiBook() []Case {
	c6 := Case{
		ID: "c6", Account: "acct-c6", Owner: "ito", ARRAtRisk: yen(400_000), RenewalDate: day(2027, time.January, 31),
		AccountARR: yen(800_000), Reasons: []Reason{{Kind: ReasonProductGap, Avoidable: true, ProductCaused: true}},
		History: []Transition{
			{Date: day(2026, time.December, 10), Event: EventFrontLineHint},
			{Date: day(2026, time.December, 20), Event: EventAdminHint},
			{Date: day(2027, time.January, 10), Event: EventDecisionMakerConsidering},
			{Date: day(2027, time.January, 20), Event: EventChurned, Lost: yen(150_000), Downgrade: true},
		},
	}
	return append(smallBook(), c6)
}

func outcomes(open, saved, churned, down int, savedARR, lostARR string) Outcomes {
	return Outcomes{open, saved, churned, down, dec(savedARR), dec(lostARR)}
}

func assertOutcomes(t *testing.T, want, got Outcomes, msg string) {
	t.Helper()
	assert.Equal(t, [4]int{want.Open, want.Saved, want.Churned, want.Downgrades}, [4]int{got.Open, got.Saved, got.Churned, got.Downgrades}, msg)
	assert.Equal(t, want.SavedARR.String(), got.SavedARR.String(), "%s: saved ARR", msg)
	assert.Equal(t, want.LostARR.String(), got.LostARR.String(), "%s: lost ARR", msg)
}

func TestKPIsByHand(t *testing.T) {
	k, err := Policy{}.KPIs(slices.Values(kpiBook()), day(2027, time.January, 31))
	require.NoError(t, err)
	// Open c1 c2 c3; saved c4 (900,000 at risk); churned c5 (lost 300,000)
	// and c6 (a downgrade losing 150,000).
	assertOutcomes(t, outcomes(3, 1, 2, 1, "900000", "450000"), k.Overall, "overall")
	assert.Equal(t, "1/3 (33.3%)", k.Overall.SaveRate().String(), "1 saved of 3 closed")
	// Opened at A or B: all but c3. 1 saved of 3 closed, 33.3% > 30%.
	assertOutcomes(t, outcomes(2, 1, 2, 1, "900000", "450000"), k.Early, "early")
	assert.Equal(t, StandingAbove, k.EarlyStanding)

	require.Len(t, k.ByOpenedIn, 3)
	assertOutcomes(t, outcomes(2, 1, 1, 1, "900000", "150000"), k.ByOpenedIn[0].Outcomes, "opened at A: c1 c2 open, c4 saved, c6 churned")
	assertOutcomes(t, outcomes(0, 0, 1, 0, "0", "300000"), k.ByOpenedIn[1].Outcomes, "opened at B: c5")
	assertOutcomes(t, outcomes(1, 0, 0, 0, "0", "0"), k.ByOpenedIn[2].Outcomes, "opened at C: c3")
	assert.Equal(t, "1/2 (50.0%)", k.ByOpenedIn[0].Outcomes.SaveRate().String())
	assert.Equal(t, "no data", k.ByOpenedIn[2].Outcomes.SaveRate().String(), "c3 is open: no closed case")

	var kinds []ReasonKind
	for _, r := range k.ByReason {
		kinds = append(kinds, r.Reason)
	}
	assert.Equal(t, []ReasonKind{ReasonValueUnexplained, ReasonBudgetCut, ReasonContactChange, ReasonProductGap, ReasonCompetitor}, kinds)
	assertOutcomes(t, outcomes(0, 1, 0, 0, "900000", "0"), k.ByReason[0].Unavoidable, "value-unexplained: c4 saved")
	assertOutcomes(t, outcomes(0, 0, 0, 0, "0", "0"), k.ByReason[0].Avoidable, "value-unexplained: none avoidable")
	assertOutcomes(t, outcomes(2, 0, 0, 0, "0", "0"), k.ByReason[1].Unavoidable, "budget-cut: c1 c3 open")
	assertOutcomes(t, outcomes(0, 0, 1, 0, "0", "300000"), k.ByReason[2].Unavoidable, "contact-change: c5")
	assertOutcomes(t, outcomes(0, 0, 1, 1, "0", "150000"), k.ByReason[3].Avoidable, "product-gap, avoidable: c6")
	assertOutcomes(t, outcomes(1, 0, 0, 0, "0", "0"), k.ByReason[3].Unavoidable, "product-gap, unavoidable: c2 open")
	assertOutcomes(t, outcomes(1, 0, 1, 1, "0", "150000"), k.ByReason[3].All(), "product-gap: c2 and c6")

	require.Len(t, k.DaysInPhase, 3)
	// A: left by c2 (01-05 → 01-06, 1 day), c4 (1 day), c6 (12-10 → 01-10,
	// 31 days; the admin's voice on 12-20 did not end it): 3 spells, 33
	// days, 11 on average. c1 is in A since 01-05: 26 days to 01-31.
	assert.Equal(t, PhaseDays{Phase: PhaseA, Left: 3, LeftDays: 33, In: 1, InDays: 26}, k.DaysInPhase[0])
	v, ok := k.DaysInPhase[0].MeanDaysLeft()
	require.True(t, ok)
	assert.Equal(t, "11.0", v.StringFixed(1), "33 / 3")
	v, ok = k.DaysInPhase[1].MeanDaysLeft()
	require.True(t, ok)
	assert.Equal(t, "5.5", v.StringFixed(1), "11 / 2")
	_, ok = k.DaysInPhase[2].MeanDaysLeft()
	assert.False(t, ok, "no case left C")
	// B: left by c5 (1 day) and c6 (01-10 → 01-20, 10 days); c2 in B
	// since 01-06: 25 days.
	assert.Equal(t, PhaseDays{Phase: PhaseB, Left: 2, LeftDays: 11, In: 1, InDays: 25}, k.DaysInPhase[1])
	// C: c3 since 01-05: 26 days.
	assert.Equal(t, PhaseDays{Phase: PhaseC, In: 1, InDays: 26}, k.DaysInPhase[2])

	assert.Equal(t, []MonthCount{{day(2026, time.December, 1), 1}, {day(2027, time.January, 1), 5}}, k.OpenedByMonth)
}

func TestStanding(t *testing.T) {
	b := DefaultBenchmark() // 0.20 to 0.30, ends included
	tests := []struct {
		saved, closed int
		want          Standing
	}{
		{0, 0, StandingNoData},
		{1, 6, StandingBelow},  // 0.1666 < 0.20
		{1, 5, StandingWithin}, // 0.20 exactly: the low end is within
		{3, 10, StandingWithin},
		{3, 9, StandingAbove}, // 0.333 > 0.30
		{0, 4, StandingBelow},
		{4, 4, StandingAbove},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, b.standing(tt.saved, tt.closed), "%d/%d", tt.saved, tt.closed)
	}
	// A third, 0.3333…, is exactly compared: above a high end of 0.3333.
	assert.Equal(t, StandingAbove, Benchmark{Low: dec("0.2"), High: dec("0.3333")}.standing(1, 3))
}

func TestRate(t *testing.T) {
	tests := []struct {
		r    Rate
		want string
	}{
		{Rate{0, 0}, "no data"},
		{Rate{0, 3}, "0/3 (0.0%)"},
		{Rate{2, 3}, "2/3 (66.7%)"}, // 0.6666… rounds to 0.667
		{Rate{1, 8}, "1/8 (12.5%)"},
		{Rate{1, 16}, "1/16 (6.3%)"}, // 0.0625 → 0.063, half away from zero
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.r.String())
	}
	_, ok := Rate{}.Value(2)
	assert.False(t, ok)
}

func TestKPIErrors(t *testing.T) {
	asOf := day(2027, time.January, 31)
	_, err := NewKPIAcc(Policy{}, date.Date{})
	require.ErrorIs(t, err, ErrMissingDate)
	_, err = Policy{}.KPIs(nil, asOf)
	require.ErrorIs(t, err, ErrNilBook)
	_, err = Policy{Benchmark: Benchmark{Low: dec("0.4"), High: dec("0.3")}}.KPIs(slices.Values(kpiBook()), asOf)
	require.ErrorIs(t, err, ErrInvalidPolicy)

	books := kpiBook()
	books = append(books, books[1])
	_, err = Policy{}.KPIs(slices.Values(books), asOf)
	require.ErrorIs(t, err, ErrDuplicateCase)
	assert.EqualError(t, err, `churn: row 6: case "c2": id: duplicate case ID: case "c2" is already in the book`)

	a, _ := NewKPIAcc(Policy{}, asOf)
	b, _ := NewKPIAcc(Policy{Benchmark: Benchmark{Low: dec("0.1"), High: dec("0.2")}}, asOf)
	err = a.Merge(b)
	require.ErrorIs(t, err, ErrMergeMismatch)
	assert.EqualError(t, err, "churn: merging accumulators of different configurations: KPIs as of 2027-01-31 with benchmark 0.20-0.30, and as of 2027-01-31 with benchmark 0.1-0.2")
	var nilAcc *KPIAcc
	require.ErrorIs(t, nilAcc.Add(books[0]), ErrInvalidAccumulator)
	require.ErrorIs(t, nilAcc.Merge(a), ErrInvalidAccumulator)
	require.ErrorIs(t, a.Merge(a), ErrInvalidAccumulator)
	assert.Equal(t, KPIs{}, nilAcc.Result())
}

func TestKPIsJSON(t *testing.T) {
	k, err := Policy{}.KPIs(slices.Values(kpiBook()), day(2027, time.January, 31))
	require.NoError(t, err)
	b, err := json.Marshal(k)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"overall":{"open":3,"saved":1,"churned":2,"downgrades":1,"saved_arr":"900000","lost_arr":"450000"}`)
	assert.Contains(t, string(b), `"early_standing":"above"`)
	var back KPIs
	require.NoError(t, json.Unmarshal(b, &back))
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2))
	_, err = json.Marshal(KPIs{})
	require.NoError(t, err)
	var o Outcomes
	require.ErrorIs(t, json.Unmarshal([]byte(`{"opened":1}`), &o), ErrInvalidResult)
}

func TestKPIsStable(t *testing.T) {
	dectest.Stable(t, func() []byte {
		k, err := Policy{}.KPIs(slices.Values(kpiBook()), day(2027, time.January, 31))
		if err != nil {
			return []byte(err.Error())
		}
		b, _ := json.Marshal(k)
		b = append(b, k.Overall.SaveRate().String()...)
		v, _ := Rate{2, 3}.Value(4)
		return append(b, v.String()...)
	})
}

func TestOutcomesAdd(t *testing.T) {
	a := outcomes(1, 2, 3, 1, "10.5", "20")
	b := outcomes(1, 0, 1, 0, "0", "0.25")
	assertOutcomes(t, outcomes(2, 2, 4, 1, "10.5", "20.25"), a.Add(b), "10.5 + 0; 20 + 0.25")
	assert.True(t, a.SavedARR.Equal(decimal.RequireFromString("10.5")), "a is unchanged")
}
