// Package churn runs a customer-success team's churn-risk pipeline: cases
// that move through phases A, B and C to saved or churned, the negative
// forecast weighted by phase, the plays each phase change triggers, the
// save rate by phase and reason, and the early warnings that open a case.
//
// Rules marked [seed 000] come from seeds/000_3abb293492796f8a.txt
// (Hisanori Yamada's lecture on renewal management and churn prevention,
// from his years at Sansan); [seed 002] from seeds/002_c830fe1a07eadd4d.txt
// and [seed 003] from seeds/003_35c9a9fdfabcf0d6.txt; [CS platforms] from
// the public help centres of the CS platforms; [ours] is this package's
// own choice where the sources are silent or give a rule without numbers.
//
// # Cases
//
// From the moment a customer says "we might cancel", the risk is managed as
// a case, like a sales pipeline, and each phase change triggers the right
// plays [seed 000]. A [Case] carries the account, the ARR at risk (exact),
// the renewal date the cancellation would take effect on, the owner, the
// account's importance as the host knows it (tier and whole ARR), one or
// more reasons, and its history: the transitions that moved it, each with
// its date, who voiced what, and a note. The phase, the opening day and
// the outcome are read from the history, never stored beside it.
//
// A case moves by [Policy.Move], a pure function that returns the next
// case and the plays the move triggers; the old value is untouched. A move
// dated before the last one ([ErrOutOfOrder]) and any move of a closed
// case ([ErrClosedCase]) are errors. The move that churns a case records
// the ARR actually lost and whether it was a downgrade only.
//
// # Phases
//
// The key is who voices the cancellation: is it the person who decides?
// (「解約をほのめかしているのは誰か?」) [seed 000]. Three phases, not
// more: do not split them too finely (「あまり細かくしすぎないほうが良い」)
// [seed 000].
//
//	phase    who                                             outlook
//	a        front-line users or the admin hint at           can well be stopped
//	         cancelling: worried about the approval, cannot
//	         explain the effect internally
//	b        the decision-maker is considering it            very heavy, but there are moves
//	c        cancellation decided (「C:解約決定」)           almost no hope of recovery
//	saved    closed: the customer stays
//	churned  closed: the customer left, or downgraded
//
// The article labels C and calls the first two "phase 1" and "phase 2";
// reading them as A and B is ours. A case may open at A, B or C (many open
// at A or B, not only at C [seed 000]) and may jump phases [ours].
//
// # Transitions
//
// The transition table is data: each row is (from, event, to). An event is
// who voiced what. A louder voice moves a case up; another voice of the
// same rank keeps it in its phase (and triggers no play); a quieter voice
// has no row, since the front line's worry does not take back the
// decision-maker's word [ours]. "(new)" is a case not opened yet. Saved
// and churned have no rows out.
//
//	from     event                        to
//	(new)    front-line-hint              a
//	(new)    admin-hint                   a
//	(new)    decision-maker-considering   b
//	(new)    cancellation-decided         c
//	a        front-line-hint              a
//	a        admin-hint                   a
//	a        decision-maker-considering   b
//	a        cancellation-decided         c
//	a        saved                        saved
//	a        churned                      churned
//	b        decision-maker-considering   b
//	b        cancellation-decided         c
//	b        saved                        saved
//	b        churned                      churned
//	c        cancellation-decided         c
//	c        saved                        saved
//	c        churned                      churned
//
// Any other move is an error: a [*MoveError] naming the phase and the
// event, wrapping [ErrIllegalMove], or [ErrClosedCase] from a closed phase.
// [Next] reads the table.
package churn
