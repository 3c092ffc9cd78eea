// Package renewal manages the work a customer success team does before a
// contract renews: the checklist of activities, their schedule, where each
// renewal stands as of a date, the renewal KPIs and the renewal forecast.
//
// Renewal management is the set of contacts a CSM makes with a customer
// before the contract renews, even when contracts renew by themselves
// [seed 000]. Its reason to exist is the renewal-intent question; the other
// activities make the answer a "yes", find a "no" while there is time to
// act, and prepare expansion.
//
// Marks: [seed 000] and [seed 003] name the source file that states a rule
// (see Sources); [CS platforms] marks a convention of the CS tools users
// compare us with; [ours] marks this library's choice, or its reading of a
// source that leaves the detail open. Every number is a default a [Policy]
// can override.
//
// # Checklist
//
// An [Activity] is one of the eight activities of the lecture of seed 000,
// in its order [seed 000]: goal progress review, usage review, ROI
// confirmation, team re-check and rebuild, decision-line mapping, VoC
// collection, renewal-intent confirmation and expansion exploration. The
// lecture speaks of nine activities but its text names eight;
// [ActivityCaseStudyRequest], asking for a case-study interview, is an
// optional ninth [ours], taken from the Scalebase renewal KPIs [seed 003].
// A team enables the subset it runs (「やらないと決めてしまったりするのも一案」,
// [seed 000]): [Policy.Steps].
//
// # Which renewal a row is about
//
// A [Renewal] row holds a contract and the records of one of its renewals.
// Its Due names that renewal; a row with an outcome must set it, as the
// renewal opportunity of a CRM knows the renewal it closes. An open row
// without Due is about the first renewal on or after the day it is read for
// (the as-of date of a status, the first day of a KPI or forecast range).
//
// A contract renews first on RenewalDate, or Start + TermMonths; later
// renewals of an auto-renewing contract fall every RenewalTermMonths
// (default 12 [ours]) after the first, each computed from the original
// anchor and clamped to the month's end, never chained from the previous
// renewal.
//
// # Key dates
//
// Each renewal has four key dates, derived in one place for [Policy.Plan],
// [Policy.Status], [Policy.Classify] and the KPIs:
//
//	decision     = renewal − Notice               (the notice deadline; the renewal date itself without a notice)
//	window opens = decision − Window              (default 3 calendar months [seed 003]; counted from the decision date [ours])
//	late from    = decision − Late                (default 14 days [ours], read from [seed 003])
//	due(step)    = decision − step.Offset         (default offsets [ours], see DefaultSteps)
//
// The decision date is the renewal date minus the notice, wherever that
// falls [ours]: a monthly contract with a month's notice renewing on March 1
// must be cancelled by February 1, the day of the previous renewal, and
// with 30 days' notice by January 30, before it. Any notice up to
// [MaxNoticeDays] is valid. Such a renewal is past its decision date for
// most of its term; that is what the contract says.
//
// The seed's rule is 「目安として契約更新の3ヶ月前」: act about three months
// before the renewal; acting only two weeks before leaves no time to
// resolve the customer's dissatisfaction [seed 003]. Counting the three
// months back from the notice deadline rather than the renewal date is our
// reading: after the deadline the answer no longer changes the renewal
// [ours]. "Three months" is three calendar months clamped to the month's
// end: a renewal on 2027-05-31 opens on 2027-02-28 [ours]; a policy may
// state the window in days instead (date.Days(90)). A renewal is late from
// two weeks before its decision date only while the customer's intent is
// unconfirmed: a recorded "renew" or "cancel" answer keeps it in the window
// [ours]. An activity's offset must fit in the window on every date
// ([ErrOffsetOutsideWindow]). A zero period field of a [Policy] means its
// default; a rule is turned off by its own switch (IgnoreFiscalYear, an
// empty Steps, an empty Checkpoints).
//
// # Fiscal-year timing
//
// Enterprise customers budget by their fiscal calendar and, when they
// secure next year's renewal budget, ask for a reason to continue
// (「来期に更新の予算をとる上で継続の理由のようなものを求められる」,
// [seed 003]). So when a contract names its customer's fiscal-year end
// month, the value case (goal progress review, usage review, ROI
// confirmation) is due by the customer's budgeting deadline whenever that
// is earlier than its normal due date [ours]:
//
//	budget deadline = end of the customer's last fiscal year ending before the renewal − BudgetLead
//
// BudgetLead (default 2 months [ours]) is counted from month end to month
// end: January 31 for a March year end, July 31 for September. The rule
// applies when the deadline falls inside the current term and before the
// decision date, and, with a BudgetHorizon, no earlier than that before the
// decision date. A moved item keeps its open span, records its normal due
// date and says why ([Item.Why]); the schedule opens at the earliest
// opening. Fiscal years themselves follow [date.FiscalCalendar].
//
// # Status
//
// What was done is recorded as [Completion] records, never by changing a
// plan. [Policy.Status] computes, as of a date the caller passes:
//
//	activity: not-open < opens ≤ open < due − DueSoon ≤ due-soon ≤ due < overdue; done once completed
//	renewal:  not-started < opens ≤ in-window < late from ≤ late ≤ decision < past; renewed / churned by outcome
//
// DueSoon defaults to 7 days [ours]. Each forecast checkpoint (180, 120, 90
// and 30 days before the renewal by default [CS platforms]) is upcoming,
// call-due, call-recorded or call-missed ([CheckpointStatus]).
// [Policy.Classify] and [Classifier] derive the state from the dates
// alone, as for a renewal with no records: they never see a confirmed
// intent, so they call late a renewal that Status keeps in the window.
// Use Status (as examples/renewal-desk does) when the records are at hand.
//
// # Books
//
// Every computation over a book is an accumulator: [Classifier] (the
// renewal state of each contract, with its ARR), [KPICounter] (the renewal
// KPIs of a date range) and [Forecaster] (the renewal forecast of a date
// range). Build one from a policy and an as-of date (the policy is resolved
// and validated once), Add rows one at a time, Merge the accumulators of
// other parts of the book (built with the same settings, or [ErrMismatch]),
// and read the Result. Add refuses an invalid row with a [*FieldError]
// naming its contract and field, and leaves the accumulator unchanged, so
// the caller decides whether to skip and report or to stop. Merging the
// accumulators of any split of a book gives what one pass over it gives.
//
// [Policy.ClassifyBook], [Policy.KPIs] and [Policy.Forecast] are a few lines
// over the accumulators for an [iter.Seq] (a database cursor, or a slice
// through slices.Values): they stop at the first refused row, naming its
// index and ID, and refuse a nil iterator ([ErrNilBook]). Rows are not
// checked for duplicate IDs, which would hold the whole book: a contract
// added twice counts twice.
//
// Records dated after the as-of date are refused ([ErrRecordAfterAsOf]),
// not silently dropped; [Renewal.KnownOn] replays a row as it was known on
// an earlier day.
//
// # KPIs
//
// [KPICounter] measures the renewals of a range [ours: the rates; seed 003:
// what is tracked]: a contract is renewable when it started before the
// range and renews inside it [CS platforms]. Over the renewable contracts:
// onboarding completion, intent-inquiry rate, two-way communication
// (SuccessHub, [seed 003]); intent confirmed and case-study interview asked
// and published (Scalebase, [seed 003]); on-time start [ours]; and the
// gross and net renewal rates by count and by ARR. The gross rate by ARR
// divides by the renewable ARR or the starting ARR of the book: CS tools
// disagree, so [ChurnBase] is a parameter [CS platforms]. Every KPI
// carries its numerator and denominator ([Ratio], [AmountRatio]); an empty
// denominator is "no data", never 0% and never NaN.
//
// # Forecast
//
// Each [Renewal] carries a target amount, the CSM's forecast calls (amount
// and [Category]: pipeline, best case, commit, omitted, closed) and once
// closed an [Outcome] with the final amount, classed by [Renewal.Booking]
// as renewal, upsell, downsell or churn [CS platforms]. [Forecaster] totals
// the renewals of a range per calendar month and rolls them up per fiscal
// quarter and year, split by result and by the latest call's category, in
// exact decimals: target, forecast, risk-adjusted forecast (forecast minus
// the host's RiskAdjustment, never below zero), final, retained, upsell,
// downsell and lost. An open renewal with no call is pipeline at its target,
// and a Closed call without an outcome counts as Commit [ours]. The risk
// adjustment is how a host feeds in an expected loss computed elsewhere (a
// churn-risk case) without this package importing another.
//
// # Money
//
// Amounts are exact decimals in one reporting currency; the package never
// converts currencies and never reads or writes shopspring/decimal's
// package variables: amounts encode as quoted exact strings ("1200000.50"),
// decode through this package's reader (no exponent), ratios divide with a
// fixed number of places, and totals are summed in int64 minor units that
// spill into a decimal only when an amount or a total outgrows 18 digits.
// [ErrAmountOutOfRange] says which amounts are too large or too fine.
//
// # Errors
//
// Every error wraps a sentinel of this package for errors.Is; errors about
// a record are a [*FieldError] naming the contract and the field for
// errors.As, and a book's first refused row is a *book.RowError naming its
// index. An error quotes at most 64 bytes of the bad input. The JSON
// decoders validate what they decode, refuse keys that name no field, leave
// the value unchanged on error and wrap the type's sentinel
// ([ErrInvalidContract], [ErrInvalidPolicy], [ErrInvalidRecord]). Nothing
// panics on bad input, a nil iterator or a zero value.
//
// # Speed
//
// Over a book nothing is allocated per row. The benchmarks (go test -run
// '^$' -bench . -benchtime 1x ./renewal/) stream books of a million rows,
// each beside a hand-written loop doing the same work over precomputed
// numbers, and beside the stream alone (the rows through iter.Seq and
// book.Feed to an accumulator that does nothing). The ratio is the price
// of streaming a row of about 150 bytes (by itself about twice the hand
// loop), validating it, deriving its dates the one way Plan does (four to
// six calendar steps where the hand loop takes two, and the budgeting rule
// of the fiscal year) and summing exact decimals, whose coefficients sit
// behind a pointer, where the hand loop adds int64 cents.
//
// # Sources
//
//   - [seed 000]: seeds/000_3abb293492796f8a.txt, the "SaaS CS集中講座"
//     lecture on renewal management and expansion by 山田ひさのり (Hisanori
//     Yamada), ALL STAR SAAS FUND, with Sansan's practice: the activities,
//     their order, and that a team may decide not to run some of them.
//   - [seed 003]: seeds/003_35c9a9fdfabcf0d6.txt, the 2024-01-22
//     renewal-management webinar of Commune (SuccessHub) and alp
//     (Scalebase): the three-month rule, two weeks being too late,
//     fiscal-year budgeting, and the renewal KPIs of SuccessHub and
//     Scalebase.
//   - [CS platforms]: the public help centres of Gainsight, Totango,
//     Planhat, Vitally, ChurnZero, HubSpot, Catalyst and ChartMogul:
//     forecast categories, target, forecast and final amounts, booking
//     types, notice periods, "renewable in a period", the churn denominator
//     as a parameter, and checkpoints at 180/120/90/30 days.
package renewal
