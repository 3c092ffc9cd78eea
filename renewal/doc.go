// Package renewal manages the work a customer success team does before a
// contract renews: the checklist of activities, their schedule, where each
// renewal stands as of a date, the renewal KPIs and the renewal forecast.
//
// Renewal management is the set of contacts a CSM makes with a customer
// before the contract renews, even when contracts renew by themselves
// (seed 000). Its reason to exist is the renewal-intent question; the other
// activities make the answer a "yes", find a "no" while there is time to act,
// and prepare expansion.
//
// Marks: [seed] the source article says it; [ours] this library's choice
// where the article is silent. Every number is a default a [Policy] can
// override.
//
// # Checklist
//
// An [Activity] is one of the eight activities seed 000 names, in its order
// [seed]: goal progress review, usage review, ROI confirmation, team re-check
// and rebuild, decision-line mapping, VoC collection, renewal-intent
// confirmation and expansion exploration. The author speaks of nine
// activities but the text names eight; [CaseStudyRequest], asking for a
// case-study interview, is our optional ninth [ours], taken from the
// renewal KPIs of seed 003. A team enables the subset it runs
// (「やらないと決めてしまったりするのも一案」, seed 000): [Policy.Steps].
//
// # Schedule
//
// A [Contract] renews first on RenewalDate, or Start + TermMonths; later
// renewals of an auto-renewing contract fall every RenewalTermMonths (default
// 12 [ours]) after that, each computed from the original anchor and clamped
// to the month's end, never chained from the previous renewal.
//
// The plan works back from the decision date: the notice deadline of an
// auto-renewing contract (renewal date minus its notice period: the last day
// the customer can still cancel) when there is one, otherwise the renewal
// date.
//
//	window opens = decision − Window        (default 3 calendar months [seed 003])
//	late from    = decision − Late          (default 14 days [seed 003])
//	due(step)    = decision − step.Offset   (default offsets [ours], see DefaultSteps)
//
// Seed 003: 「目安として契約更新の3ヶ月前」 — act about three months before the
// renewal; starting two weeks before leaves no time to resolve the customer's
// dissatisfaction. "Three months" is three calendar months clamped to the
// month's end [ours]: a renewal on 2027-03-31 opens on 2026-12-31 and is late
// from 2027-03-17; one on 2027-05-31 opens on 2027-02-28. A policy may state
// the window in days instead (date.Days(90)). An activity's offset must fit in
// the window on every date ([ErrOffsetOutsideWindow]).
//
// # Fiscal-year timing
//
// Enterprise customers budget by their fiscal calendar and, when they secure
// next year's renewal budget, ask for a reason to continue (seed 003:
// 「来期に更新の予算をとる上で継続の理由のようなものを求められる」). So when a
// contract names its customer's fiscal-year end month, the value case (goal
// progress review, usage review, ROI confirmation) is due by the customer's
// budgeting deadline whenever that is earlier than its normal due date:
//
//	budget deadline = end of the customer's last fiscal year ending before the renewal − BudgetLead
//
// BudgetLead defaults to 2 months [ours] (January 31 for a March year end,
// the most common year end of Japanese companies). The rule applies when the
// deadline falls inside the current term (after the previous renewal, or the
// contract's start) and before the decision date: a March-year-end customer
// renewing on 2027-09-30 gets its value case by 2027-01-31, when its fiscal
// 2027 budget, which pays for the renewal, is settled. A deadline before the
// term began settled the budget of an earlier renewal and moves nothing; a
// policy may bound the move further with BudgetHorizon [ours]. A moved item
// keeps its open span, records its normal due date and says why
// ([Item.Why]); the schedule opens at the earliest opening. Fiscal years
// themselves (which year is "2026") follow [date.FiscalCalendar], whose
// naming rule is explicit.
//
// # Status
//
// What was done is recorded as [Completion] records, never by changing a
// plan. [Policy.Status] computes, as of a date the caller passes:
//
//	activity: not-open < opens ≤ open < due − DueSoon ≤ due-soon ≤ due < overdue; done once completed
//	contract: not-started < opens ≤ in-window < late-from ≤ late ≤ decision < past; renewed / churned by outcome
//
// A renewal is late only while the customer's intent is unconfirmed: a
// recorded "renew" or "cancel" answer keeps it in the window. DueSoon
// defaults to 7 days [ours]. [Policy.Classify] and [Policy.ClassifyBook] do
// the same from the dates alone, for a whole book.
//
// # KPIs
//
// [Policy.KPIs] measures the renewals of a period [ours: the rates; seed 003:
// what is tracked]. A contract is renewable in [From, To) when it started
// before From and renews inside the period. Over the renewable contracts:
// onboarding completion, intent-inquiry rate (asked), two-way communication
// (SuccessHub); intent confirmed and case-study interview asked and published
// (Scalebase); on-time start (first contact by the window's opening, ours);
// and the gross renewal rate by count and by ARR:
//
//	GRR by count = renewed / (renewed + churned)
//	GRR by ARR   = (base − lost) / base, lost = Σ (target − final) where final < target
//
// where base is the renewable ARR of decided renewals or the starting ARR of
// the book ([ChurnBase]; CS tools disagree, so it is a parameter). Every KPI
// carries its numerator and denominator ([Ratio], [AmountRatio]); an empty
// denominator is "no data", never 0% and never NaN.
//
// # Forecast
//
// Each [Renewal] carries a target (renewable) amount, the CSM's forecast
// calls (amount and [Category]: pipeline, best case, commit, omitted, closed),
// recorded at checkpoints such as 180/120/90/30 days before the renewal
// ([Policy.Checkpoints]), and once closed an [Outcome] with the final amount,
// classed by [Renewal.Booking] as renewal, upsell, downsell or churn.
// [Policy.Forecast] totals the renewals of a period per calendar month and
// rolls them up per fiscal quarter and fiscal year of a [date.FiscalCalendar]
// (default: March year end, named by start year), split by result and by
// the latest call's category, in exact decimals: target, forecast,
// risk-adjusted forecast (forecast minus the host's RiskAdjustment, never
// below zero), final, retained, upsell, downsell and lost. An open renewal
// with no call is pipeline at its target [ours]. The risk adjustment is how a
// host feeds in an expected loss computed elsewhere (a churn-risk case, say)
// without this package importing any other.
//
// # Books
//
// Functions over a book take an [iter.Seq] and hold one row at a time, so a
// host can stream rows from a database cursor; pass a slice with
// slices.Values. They stop at the first invalid row and name it.
//
// # Money
//
// Amounts are exact decimals (shopspring/decimal) in one reporting currency;
// the package never converts currencies and never reads or writes
// shopspring/decimal's package variables: amounts encode as quoted exact
// strings ("1200000.50") and ratios divide with a fixed number of places.
//
// # Errors
//
// Every error wraps a sentinel of this package ([ErrRenewalBeforeStart],
// [ErrNegativeAmount], [ErrUnknownActivity], [ErrOffsetOutsideWindow],
// [ErrDuplicateCompletion], [ErrCompletionAfterAsOf], [ErrInvalidMonth], ...)
// for errors.Is, and errors about a record are a [*FieldError] naming the
// contract and the field for errors.As. Nothing panics on bad input.
//
// # Sources
//
// Seed 000: the activities, and 「やらないと決めてしまったりするのも一案」.
// Seed 003: the three-month rule, two weeks is too late, fiscal-year budgeting,
// the KPIs of SuccessHub (onboarding completion, intent inquiry rate, two-way
// communication) and Scalebase (intent confirmed, case-study interview).
// DOMAIN.md §9: forecast categories, target/forecast/final amounts and
// booking types, notice periods, anniversaries, the churn denominator as a
// parameter and forecast checkpoints at 180/120/90/30 days.
package renewal
