package churn

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNext(t *testing.T) {
	const (
		fl  = EventFrontLineHint
		ad  = EventAdminHint
		dm  = EventDecisionMakerConsidering
		dec = EventCancellationDecided
		sv  = EventSaved
		ch  = EventChurned
	)
	tests := []struct {
		from Phase
		ev   Event
		want Phase
		err  error
	}{
		// Opening: at the phase of whoever voiced it; never closed.
		{none, fl, PhaseA, nil},
		{none, ad, PhaseA, nil},
		{none, dm, PhaseB, nil},
		{none, dec, PhaseC, nil},
		{none, sv, 0, ErrIllegalMove},
		{none, ch, 0, ErrIllegalMove},
		// A: same-rank voices stay; louder ones move up; closes either way.
		{PhaseA, fl, PhaseA, nil},
		{PhaseA, ad, PhaseA, nil},
		{PhaseA, dm, PhaseB, nil},
		{PhaseA, dec, PhaseC, nil},
		{PhaseA, sv, PhaseSaved, nil},
		{PhaseA, ch, PhaseChurned, nil},
		// B: the front line does not take back the decision-maker's word.
		{PhaseB, fl, 0, ErrIllegalMove},
		{PhaseB, ad, 0, ErrIllegalMove},
		{PhaseB, dm, PhaseB, nil},
		{PhaseB, dec, PhaseC, nil},
		{PhaseB, sv, PhaseSaved, nil},
		{PhaseB, ch, PhaseChurned, nil},
		// C: only the decision again, or a close.
		{PhaseC, fl, 0, ErrIllegalMove},
		{PhaseC, ad, 0, ErrIllegalMove},
		{PhaseC, dm, 0, ErrIllegalMove},
		{PhaseC, dec, PhaseC, nil},
		{PhaseC, sv, PhaseSaved, nil},
		{PhaseC, ch, PhaseChurned, nil},
	}
	for ph := PhaseSaved; ph <= PhaseChurned; ph++ {
		for e := fl; e <= ch; e++ {
			tests = append(tests, struct {
				from Phase
				ev   Event
				want Phase
				err  error
			}{ph, e, 0, ErrClosedCase})
		}
	}
	for _, tt := range tests {
		got, err := Next(tt.from, tt.ev)
		if tt.err == nil {
			require.NoError(t, err, "%s on %s", tt.from, tt.ev)
			assert.Equal(t, tt.want, got, "%s on %s", tt.from, tt.ev)
			continue
		}
		require.ErrorIs(t, err, tt.err, "%s on %s", tt.from, tt.ev)
		var me *MoveError
		require.True(t, errors.As(err, &me))
		assert.Equal(t, tt.from, me.From)
		assert.Equal(t, tt.ev, me.Event)
	}
}

func TestNextMessages(t *testing.T) {
	_, err := Next(PhaseB, EventFrontLineHint)
	assert.EqualError(t, err, "churn: illegal move: phase b does not move on front-line-hint")
	_, err = Next(PhaseChurned, EventSaved)
	assert.EqualError(t, err, "churn: case is closed: a churned case does not move on saved")
	_, err = Next(none, EventSaved)
	assert.EqualError(t, err, "churn: illegal move: a case cannot open on saved")
	_, err = Next(Phase(9), EventSaved)
	require.ErrorIs(t, err, ErrUnknownPhase)
	assert.EqualError(t, err, "churn: phase: unknown phase 9")
	_, err = Next(PhaseA, 0)
	require.ErrorIs(t, err, ErrUnknownEvent)
	var me *MoveError
	assert.Equal(t, "<nil>", me.Error())
	assert.NoError(t, me.Unwrap())
}

// TestDocTable checks that the table printed in doc.go is the table the
// code runs, row for row.
func TestDocTable(t *testing.T) {
	b, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	doc := string(b)
	start := strings.Index(doc, "//\tfrom     event")
	require.GreaterOrEqual(t, start, 0, "doc.go prints the transition table")
	var rows []move
	for _, line := range strings.Split(doc[start:], "\n")[1:] {
		f := strings.Fields(strings.TrimPrefix(line, "//"))
		if len(f) != 3 {
			break
		}
		var m move
		if f[0] != "(new)" {
			require.NoError(t, m.from.UnmarshalText([]byte(f[0])), line)
		}
		require.NoError(t, m.event.UnmarshalText([]byte(f[1])), line)
		require.NoError(t, m.to.UnmarshalText([]byte(f[2])), line)
		rows = append(rows, m)
	}
	assert.Equal(t, transitions, rows)
}

func TestEnumText(t *testing.T) {
	for p := PhaseA; p <= PhaseChurned; p++ {
		b, err := p.MarshalText()
		require.NoError(t, err)
		var back Phase
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, p, back)
	}
	assert.Equal(t, "", Phase(0).String())
	assert.Equal(t, "%!Phase(6)", Phase(6).String())
	_, err := Phase(6).MarshalText()
	require.ErrorIs(t, err, ErrUnknownPhase)
	var e Event
	err = e.UnmarshalText([]byte("front-line"))
	require.ErrorIs(t, err, ErrUnknownEvent)
	assert.EqualError(t, err, `churn: unknown event "front-line"`)
	var k ReasonKind
	require.ErrorIs(t, k.UnmarshalText([]byte("price")), ErrUnknownReason)
	require.NoError(t, k.UnmarshalText([]byte("budget-cut")))
	assert.Equal(t, ReasonBudgetCut, k)
	var s Signal
	require.ErrorIs(t, s.UnmarshalText([]byte("churn")), ErrUnknownSignal)
	var st Standing
	require.NoError(t, st.UnmarshalText([]byte("within")))
	assert.Equal(t, StandingWithin, st)
	b, err := StandingNoData.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "no-data", string(b))
	assert.True(t, PhaseC.Open())
	assert.False(t, PhaseSaved.Open())
	assert.True(t, PhaseSaved.Closed())
	assert.False(t, Phase(0).Closed())
}
