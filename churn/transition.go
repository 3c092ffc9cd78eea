package churn

// move is one row of the transition table: on event, a case in phase from
// goes to phase to. From is zero for the event that opens a case.
type move struct {
	from  Phase
	event Event
	to    Phase
}

// none is the phase of a case not opened yet, as the table's from column
// writes it.
const none Phase = 0

// transitions is the transition table, printed in the package doc. The
// phase is set by who voices the cancellation [seed 000]: a louder voice
// moves the case up, a voice of the same rank keeps it where it is, and a
// quieter one has no row (the front line's worry does not take back the
// decision-maker's word). A case may open at A, B or C and jump phases;
// saved and churned are closed and have no rows out.
var transitions = []move{
	{none, EventFrontLineHint, PhaseA},
	{none, EventAdminHint, PhaseA},
	{none, EventDecisionMakerConsidering, PhaseB},
	{none, EventCancellationDecided, PhaseC},

	{PhaseA, EventFrontLineHint, PhaseA},
	{PhaseA, EventAdminHint, PhaseA},
	{PhaseA, EventDecisionMakerConsidering, PhaseB},
	{PhaseA, EventCancellationDecided, PhaseC},
	{PhaseA, EventSaved, PhaseSaved},
	{PhaseA, EventChurned, PhaseChurned},

	{PhaseB, EventDecisionMakerConsidering, PhaseB},
	{PhaseB, EventCancellationDecided, PhaseC},
	{PhaseB, EventSaved, PhaseSaved},
	{PhaseB, EventChurned, PhaseChurned},

	{PhaseC, EventCancellationDecided, PhaseC},
	{PhaseC, EventSaved, PhaseSaved},
	{PhaseC, EventChurned, PhaseChurned},
}

// next is the transition table indexed by phase and event: next[from][e]
// is the phase reached, zero where the table has no row. It is built once
// from transitions and never written again.
var next = func() (t [numPhases + 1][numEvents + 1]Phase) {
	for _, m := range transitions {
		t[m.from][m.event] = m.to
	}
	return t
}()

// step returns the phase a case in phase from reaches on event e, or a
// [*MoveError] for a move the table refuses. from and e are valid or zero.
func step(from Phase, e Event) (Phase, error) {
	if from.Closed() {
		return 0, &MoveError{From: from, Event: e, Err: ErrClosedCase}
	}
	if to := next[from][e]; to != 0 {
		return to, nil
	}
	return 0, &MoveError{From: from, Event: e, Err: ErrIllegalMove}
}

// Next returns the phase a case in phase from reaches on event e, as the
// transition table of the package doc says; from is zero for a case not
// opened yet.
//
// Next returns an error if:
//   - from or e is not declared ([ErrUnknownPhase], [ErrUnknownEvent]);
//   - from is closed ([ErrClosedCase] in a [*MoveError]);
//   - the table has no row for from and e ([ErrIllegalMove] in a
//     [*MoveError]).
func Next(from Phase, e Event) (Phase, error) {
	if from != none && !from.Valid() {
		return 0, fieldErr("", "phase", errUnknown(ErrUnknownPhase, uint8(from)))
	}
	if !e.Valid() {
		return 0, fieldErr("", "event", errUnknown(ErrUnknownEvent, uint8(e)))
	}
	return step(from, e)
}
