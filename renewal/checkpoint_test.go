package renewal

import (
	"testing"

	"github.com/cskit/cskit/date"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A renewal on 2027-03-31 has its default checkpoints on 2026-10-02 (180
// days before), 2026-12-01 (120), 2026-12-31 (90) and 2027-03-01 (30); each
// checkpoint's call may be recorded until the day before the next, the last
// until the renewal.
func TestCheckpointStates(t *testing.T) {
	c := Contract{ID: "acme", Start: rnDay("2026-03-31"), TermMonths: 12, ARR: rnDec("1200000")}
	call := func(on string, amount string, cat Category) Call {
		return Call{Date: rnDay(on), Amount: rnDec(amount), Category: cat}
	}
	r := Renewal{Contract: c, Calls: []Call{
		call("2026-10-05", "1200000", CategoryPipeline), // for the 180-day checkpoint
		call("2026-11-30", "1100000", CategoryBestCase), // still the 180-day checkpoint: the latest wins
		call("2027-01-05", "1300000", CategoryCommit),   // the 90-day checkpoint
		call("2027-03-02", "1300000", CategoryCommit),   // the 30-day checkpoint, after the as-of date below
	}}
	// The call of 2027-03-02 is after the as-of date: Status refuses the
	// row, and reads it as known on that day.
	_, err := Policy{}.Status(r, rnDay("2027-01-20"))
	require.ErrorIs(t, err, ErrRecordAfterAsOf)
	st, err := Policy{}.Status(r.KnownOn(rnDay("2027-01-20")), rnDay("2027-01-20"))
	require.NoError(t, err)
	require.Len(t, st.Checkpoints, 4)

	want := []struct {
		date  string
		state CheckpointState
		call  string // date of the call, "" for none
	}{
		{"2026-10-02", CheckpointCallRecorded, "2026-11-30"},
		{"2026-12-01", CheckpointCallMissed, ""},
		{"2026-12-31", CheckpointCallRecorded, "2027-01-05"},
		{"2027-03-01", CheckpointUpcoming, ""}, // the call of 2027-03-02 is not known on 2027-01-20
	}
	for i, w := range want {
		got := st.Checkpoints[i]
		assert.Equal(t, rnDay(w.date), got.Date, "checkpoint %d", i)
		assert.Equal(t, w.state, got.State, "checkpoint %s", w.date)
		if w.call == "" {
			assert.Nil(t, got.Call, "checkpoint %s", w.date)
		} else if assert.NotNil(t, got.Call, "checkpoint %s", w.date) {
			assert.Equal(t, rnDay(w.call), got.Call.Date)
		}
	}
	assert.True(t, st.Checkpoints[0].Call.Amount.Equal(rnDec("1100000")))

	// On the last checkpoint's day its call is due; after the renewal with
	// no call, it was missed.
	st, err = Policy{}.Status(Renewal{Contract: c}, rnDay("2027-03-01"))
	require.NoError(t, err)
	assert.Equal(t, CheckpointCallDue, st.Checkpoints[3].State)
	assert.Equal(t, CheckpointCallMissed, st.Checkpoints[2].State)
	st, err = Policy{}.Status(Renewal{Contract: c}, rnDay("2027-03-31"))
	require.NoError(t, err)
	assert.Equal(t, CheckpointCallDue, st.Checkpoints[3].State, "the renewal day is the last day for the call")
	st, err = Policy{}.Status(Renewal{Contract: c}, rnDay("2027-04-01"))
	require.NoError(t, err)
	assert.Equal(t, CheckpointCallMissed, st.Checkpoints[3].State)
}

func TestCheckpointDates(t *testing.T) {
	// A five-month contract renewing 2026-12-15: the 180-day checkpoint
	// (2026-06-18) would fall before the start and is left out; one month
	// and 30 days before are both 2026-11-15 and collapse; order is by date.
	c := Contract{ID: "short", Start: rnDay("2026-07-15"), TermMonths: 5}
	s, err := Policy{Checkpoints: []date.Period{date.Days(30), date.Days(180), date.Months(1), date.Days(120)}}.Plan(c, c.Start)
	require.NoError(t, err)
	// 120 days before 2026-12-15 is 2026-08-17.
	assert.Equal(t, []date.Date{rnDay("2026-08-17"), rnDay("2026-11-15")}, s.Checkpoints)

	s, err = Policy{Checkpoints: []date.Period{}}.Plan(c, c.Start)
	require.NoError(t, err)
	assert.Empty(t, s.Checkpoints, "an empty list asks for no checkpoint")
}
