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
// case ([ErrClosedCase]) are errors. A case holds at most [MaxMoves]
// (100) moves [ours]: a dozen is a long case, and the bound keeps a move,
// which checks and copies the history, cheap. The move that churns a case records
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
//
// # Reasons
//
// A case carries one or more [Reason] values, each kind once. The seed
// names five main patterns that open a case but shows them on a slide we
// cannot read, so the taxonomy is ours, drawn from what the sources do say
// [ours]:
//
//	value-unexplained      the customer cannot justify the value internally [seed 000, phase A]
//	budget-cut             the decision-maker's budget or cost review
//	contact-change         a contact or executive change, then a system review [seed 003]
//	onboarding-incomplete  onboarding never completed [seed 003]
//	product-gap            the product lacks what the customer needs
//	competitor             the customer moves to a competitor
//	acquired               acquired or merged (unavoidable on CS platforms)
//	business-closed        out of business, or the unit closed (likewise)
//	other                  anything else, with its text
//
// Each reason says whether it was avoidable and whether the product caused
// it [seed 003, CS platforms]: the host's judgment of the case, so fields,
// never read from the kind.
//
// # Negative forecast
//
// The negative forecast amount (「マイナスのヨミ金額」) is weighted to match
// the phase [seed 000]:
//
//	expected loss = ARR at risk × weight(phase)     open cases only
//
// The weights are configuration ([Weights]); the numbers are ours
// ([DefaultWeights]): A 0.6, B 0.8, C 0.95. The seed's 20-30% saved of
// the cases opened at A or B means 70-80% lost; an even mix of A and B
// weighted 0.6 and 0.8 loses 70%. C is "almost no hope", not none. A
// weight outside [0, 1], or weights that fall from A to C, are an error
// ([ErrInvalidPolicy]), so an expected loss is never above its ARR at
// risk. A saved case expects no loss; a churned one's loss is recorded,
// no longer expected ([Case.Lost]). An ARR at risk whose product with its
// weight would leave the amounts' range (100 decimal places times 0.6 has
// 101) is refused ([ErrAmountOutOfRange]), so every total encodes.
//
// [Policy.ExpectedLoss] gives one case's; [ForecastAcc] and
// [Policy.Forecast] total a book by phase, reason, owner and the month of
// the renewal date, exactly: amounts are decimals, nothing is rounded, and
// a total has the decimal places of the amounts and weights in it
// (1,200,000 × 0.6 is 720000.0). A case's expected loss is a plain amount
// a host hands to a renewal forecast as that renewal's risk adjustment:
// the two packages never import each other.
//
// # Plays
//
// Each phase change triggers the plays of the phase entered; a move that
// stays in its phase triggers none ([Policy.Move]). The defaults
// ([DefaultPlays]) follow the seed for A and B [seed 000]; C's are ours:
//
//	a  listen                 listen; what can they not explain internally?
//	a  no-easy-discount       no easy discounts (「安易な値引きなどのカードは切らない」)
//	a  approval-scenario      build the scenario that passes their internal approval, together
//	b  success-acceleration   a success-acceleration proposal fitted to the customer       key only
//	b  champion-voices        gather the champions; count who would suffer without it      key only
//	b  executive-escalation   an executive of matching rank, arranged by management        key only
//	c  exit-interview         hear and record the reasons, avoidable or not
//	c  right-size-offer       a smaller plan rather than a full churn                      key only
//	c  graceful-offboarding   confirm the end date, help export, leave the door open
//
// From phase B on, proposals are decided by whether the customer matters
// to us (「重要か否か」); doing it for everyone does not pay [seed 000].
// Which accounts matter is a threshold in the policy [ours]: a tier from 1
// to KeyTier (default [DefaultKeyTier], 1), or an account ARR of at least
// KeyARR (no ARR rule by default). A KeyOnly play for another account is
// returned withheld, with the reason. Teams replace or extend the plays as
// data ([Policy.Plays]), including plays for saved or churned, up to
// [MaxPlays] (100) [ours].
//
// # KPIs
//
// [KPIAcc] and [Policy.KPIs] report [Outcomes]: save rate = saved /
// (saved + churned), as a [Rate] with its numerator and denominator; open
// cases are counted apart and are in no rate; an empty denominator is "no
// data". Rates come overall, by the phase a case opened in, for the cases
// opened at A or B (compared with [Benchmark], default 20-30%, one
// practitioner's feel (「私の感覚では、その2~3割はチャーンを阻止できます」)
// [seed 000], a benchmark, not a constant), and by reason with avoidable
// apart; each with the ARR saved (the ARR at risk of saved cases) and the
// ARR lost (what churned cases recorded), and the downgrades. Save rates
// and reason analytics are built into no CS platform we read [CS
// platforms].
//
// Days in each phase are calendar days from the move that entered it to
// the move that left it; the phase an open case is in is counted apart,
// to the as-of date. Cases opened are counted by the month of their first
// move.
//
// # Early warnings
//
// [Warnings] compares two [Snapshot] values of an account and returns the
// signals of seeds 002 and 003 with their evidence: the field and its
// values before and after. Seat reduction, a downgrade to a lower plan and
// a cancelled paid option hit revenue directly; customers with whom
// expansion, upsell and cross-sell did not happen may be more likely to
// churn [seed 002]; a champion or executive change and an onboarding never
// completed open cases [seed 003]. A downgrade is read from plan ranks the
// host gives, never guessed from plan names [ours].
//
// # Books
//
// Computations over a book of cases are accumulators ([ForecastAcc],
// [KPIAcc]): Add validates one case and counts it or returns an error
// naming the case and the field, leaving the accumulator unchanged; Merge
// combines accumulators of parts of a book, and merging any split in any
// grouping gives what one pass gives; Result reads the result. [Policy.Forecast]
// and [Policy.KPIs] feed an iter.Seq to one, stopping at the first bad row
// with its index. Accumulators of different policies or as-of dates do not
// merge ([ErrMergeMismatch]). A case with a move dated after the as-of
// date is refused ([ErrAfterAsOf]), not dropped; replay the past with
// [Case.KnownOn].
//
// Duplicate case IDs are detected ([ErrDuplicateCase]), within a book and
// across merged parts, by a set of the IDs counted: it costs about 110
// bytes per case and a hash per case [ours]. A host whose IDs are unique
// by construction sets [Policy.SkipDuplicateCheck] and runs in flat
// memory, allocating nothing per case.
//
// # Errors and JSON
//
// Every error wraps an exported sentinel ([errors.Is]); errors about a
// record are a [*FieldError] naming the case and the field; a refused move
// is a [*MoveError] naming the phase and the event ([errors.As]). Nothing
// panics: nil iterators, nil accumulators, zero values and huge amounts
// are errors. Errors quote at most 64 bytes of bad input and repeat at
// most 200 bytes of a lower error's message. Lists a host gives are
// bounded where checking them costs their square [ours]: a case holds at
// most [MaxMoves] moves, a policy [MaxPlays] plays, a snapshot
// [MaxOptions] options.
//
// Every type round-trips through JSON. Amounts are exact decimal strings
// ("1200000.50") whatever shopspring/decimal's package variables say.
// Decoders of host input (cases, transitions, reasons, policies, plays,
// snapshots) refuse unknown keys and validate: a decoded case always has a
// history the transition table allows. A record that does not decode is
// refused with its ID and the field to blame ("history[2].event",
// "plays[1].phase"), even where a date's, an amount's or an enum's own
// decoder refused the value. A case's JSON carries its phase, for the
// reader; a decoder checks it against the history and never takes it as
// data.
package churn
