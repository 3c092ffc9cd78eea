package churn

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
)

// Play is one thing a team does when a case enters a phase: each phase
// change triggers the right plays [seed 000]. Plays are data: a team
// replaces or extends [DefaultPlays] in its [Policy].
type Play struct {
	// Phase is the phase whose entry triggers the play.
	Phase Phase `json:"phase"`
	// Name identifies the play within its phase ("listen").
	Name string `json:"name"`
	// Action says what to do.
	Action string `json:"action"`
	// KeyOnly says the play costs enough to run only for accounts that
	// matter ([Policy.KeyTier], [Policy.KeyARR]); for other accounts it is
	// withheld, and the [PlayDue] says why.
	KeyOnly bool `json:"key_only,omitempty"`
}

// Validate returns an error wrapping [ErrInvalidPolicy] if the phase is
// not declared (also [ErrUnknownPhase]) or the name or action is empty.
// The error is a [*FieldError] naming the field ("phase", "name",
// "action").
func (p Play) Validate() error {
	switch {
	case !p.Phase.Valid():
		return fieldErr("", "phase", wrapKind(ErrInvalidPolicy, fmt.Errorf("%w, for play %s", errUnknown(ErrUnknownPhase, uint8(p.Phase)), fault.Quote(p.Name))))
	case p.Name == "":
		return fieldErr("", "name", fmt.Errorf("%w: a play of phase %s has no name", ErrInvalidPolicy, p.Phase))
	case p.Action == "":
		return fieldErr("", "action", fmt.Errorf("%w: play %s of phase %s has no action", ErrInvalidPolicy, fault.Quote(p.Name), p.Phase))
	}
	return nil
}

// UnmarshalJSON decodes a play strictly and validates it. Every error
// wraps [ErrInvalidPolicy] and a [*FieldError] naming the field where one
// is to blame; on error p is left unchanged.
func (p *Play) UnmarshalJSON(b []byte) error {
	out, err := decodePlay(b)
	if err != nil {
		return decodeErr(ErrInvalidPolicy, "play", err)
	}
	*p = out
	return nil
}

// decodePlay decodes a play's JSON, each field on its own so that an error
// names it, and validates it.
func decodePlay(b []byte) (Play, error) {
	var v struct {
		Phase   json.RawMessage `json:"phase"`
		Name    json.RawMessage `json:"name"`
		Action  json.RawMessage `json:"action"`
		KeyOnly json.RawMessage `json:"key_only"`
	}
	if err := jsonstrict.Decode(b, &v); err != nil {
		return Play{}, jsonstrict.Explain(err)
	}
	var out Play
	if err := decodeFields("", jsonstrict.F("phase", v.Phase, &out.Phase), jsonstrict.F("name", v.Name, &out.Name),
		jsonstrict.F("action", v.Action, &out.Action), jsonstrict.F("key_only", v.KeyOnly, &out.KeyOnly)); err != nil {
		return Play{}, err
	}
	return out, out.Validate()
}

// DefaultPlays returns the default plays. Those of A and B are the seed's
// [seed 000]; those of C are ours (the seed says only that little hope is
// left). The costly proposals, every play of B and C's offer, are KeyOnly:
// from phase 2 on, decide by whether the customer matters to us, since
// doing it for everyone does not pay (「すべての顧客に同じ活動をするのは
// 明らかに工数に見合わない」) [seed 000].
//
//	phase  name                   key only
//	a      listen
//	a      no-easy-discount
//	a      approval-scenario
//	b      success-acceleration   yes
//	b      champion-voices        yes
//	b      executive-escalation   yes
//	c      exit-interview
//	c      right-size-offer       yes
//	c      graceful-offboarding
func DefaultPlays() []Play { return slices.Clone(defaultPlays) }

var defaultPlays = []Play{
	{PhaseA, "listen", "Listen to the front line and the admin: what can they not explain inside their company?", false},
	{PhaseA, "no-easy-discount", "Hold back discounts: a lower price does not give them the case for the value.", false},
	{PhaseA, "approval-scenario", "Build the scenario that passes their internal approval, together with them.", false},
	{PhaseB, "success-acceleration", "Propose a success-acceleration plan fitted to the customer's situation.", true},
	{PhaseB, "champion-voices", "Gather the champions' voices: count who would suffer without the service.", true},
	{PhaseB, "executive-escalation", "Escalate: management arranges an executive of matching rank to meet the decision-maker.", true},
	{PhaseC, "exit-interview", "Hear the decision-maker's reasons; record them, whether avoidable, whether the product caused them.", false},
	{PhaseC, "right-size-offer", "Offer a smaller plan or scope that fits, a downgrade rather than a full churn.", true},
	{PhaseC, "graceful-offboarding", "Confirm the end date, help export the data and leave the door open.", false},
}

// PlayDue is a play a move triggered: due, or withheld with the reason.
type PlayDue struct {
	// Play is the play triggered.
	Play Play `json:"play"`
	// Withheld says the play does not run for this account.
	Withheld bool `json:"withheld,omitempty"`
	// Why says why it was withheld ("tier 3 is not a key tier (1-2); no
	// key ARR is set").
	Why string `json:"why,omitempty"`
}

// Move moves case c by transition t and returns the next case and the
// plays the move triggers. It is pure: c is left untouched (the next
// case's history is a new slice; its other slices are c's, as in any copy
// of a Case).
//
// A case with no history is opened by its first move. A move to a new
// phase triggers the policy's plays of that phase, in policy order; a move
// that stays in its phase (another voice of the same rank) triggers none.
// A KeyOnly play is withheld unless the account matters: its Tier is 1 to
// KeyTier, or its AccountARR is at least KeyARR.
//
// Move returns c, no play and an error if:
//   - the policy is invalid (see [Policy.Validate]);
//   - c is invalid (see [Case.Validate]; a case with no history is
//     allowed);
//   - t is invalid (see [Transition.Validate]), is dated before the case's
//     last move ([ErrOutOfOrder]), loses more than the account's ARR
//     ([ErrInvalidCase]), would be move [MaxMoves]+1 ([ErrInvalidCase]),
//     or is a move the transition table refuses:
//     [ErrClosedCase] for any move of a closed case, [ErrIllegalMove]
//     otherwise, in a [*MoveError] naming the phase and the event.
//
// An error about c or t is a [*FieldError] naming the case and the field,
// with t's index in the history ("history[3].event").
func (p Policy) Move(c Case, t Transition) (Case, []PlayDue, error) {
	rp := p.resolved()
	if err := rp.validate(); err != nil {
		return c, nil, err
	}
	ck, err := c.validate(false)
	if err != nil {
		return c, nil, err
	}
	from := ck.phase
	to, err := c.checkMove(from, &t, len(c.History), ck.account)
	if err != nil {
		return c, nil, err
	}
	n := c
	n.History = append(slices.Clip(c.History), t) // a new array: c's is never written
	if to == from {
		return n, nil, nil
	}
	return n, rp.plays(&n, to), nil
}

// plays returns the plays of phase to for case c, withheld where the
// account does not matter.
func (p *Policy) plays(c *Case, to Phase) []PlayDue {
	k := 0
	for i := range p.Plays {
		if p.Plays[i].Phase == to {
			k++
		}
	}
	if k == 0 {
		return nil
	}
	out := make([]PlayDue, 0, k)
	key, why := true, ""
	checked := false
	for _, pl := range p.Plays {
		if pl.Phase != to {
			continue
		}
		d := PlayDue{Play: pl}
		if pl.KeyOnly {
			if !checked {
				key, why = p.key(c)
				checked = true
			}
			d.Withheld, d.Why = !key, why
		}
		out = append(out, d)
	}
	return out
}

// key reports whether c's account matters under p, and if not, why.
func (p *Policy) key(c *Case) (bool, string) {
	if c.Tier >= 1 && c.Tier <= p.KeyTier {
		return true, ""
	}
	if !p.KeyARR.IsZero() && money.Cmp(c.AccountARR, p.KeyARR) >= 0 {
		return true, ""
	}
	tiers := "1"
	if p.KeyTier > 1 {
		tiers = "1-" + strconv.Itoa(p.KeyTier)
	}
	why := "tier " + strconv.Itoa(c.Tier) + " is not a key tier (" + tiers + ")"
	if c.Tier == 0 {
		why = "the account is not tiered (key tiers " + tiers + ")"
	}
	if p.KeyARR.IsZero() {
		return false, why + "; no key ARR is set"
	}
	return false, why + "; account ARR " + money.Format(c.AccountARR) + " is below the key ARR " + money.Format(p.KeyARR)
}
