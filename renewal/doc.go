// Package renewal manages the work a customer success team does before a
// contract renews: the checklist of activities, their schedule, where each
// renewal stands as of a date, the renewal KPIs and the renewal forecast.
//
// Renewal management is the set of contacts a CSM makes with a customer
// before the contract renews, even when contracts renew by themselves
// [Yamada]. Its reason to exist is the renewal-intent question; the other
// activities make the answer a "yes", find a "no" while there is time to act,
// and prepare expansion.
//
// Marks: a source's short name in brackets, one of [Yamada],
// [SuccessHub/Scalebase webinar] and [CS platforms] (see Sources below),
// says that source states the rule; [ours] marks this library's choice where
// the sources are silent. Every number is a default a [Policy] can override.
//
// # Checklist
//
// An [Activity] is one of the eight activities Yamada's lecture names, in its
// order [Yamada]: goal progress review, usage review, ROI confirmation, team
// re-check and rebuild, decision-line mapping, VoC collection,
// renewal-intent confirmation and expansion exploration. The author speaks
// of nine activities but the text names eight; [ActivityCaseStudyRequest], asking
// for a case-study interview, is our optional ninth [ours], taken from the
// Scalebase renewal KPIs of the [SuccessHub/Scalebase webinar]. A team
// enables the subset it runs (「やらないと決めてしまったりするのも一案」,
// [Yamada]): [Policy.Steps].
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
//	window opens = decision − Window        (default 3 calendar months [SuccessHub/Scalebase webinar])
//	late from    = decision − Late          (default 14 days [SuccessHub/Scalebase webinar])
//	due(step)    = decision − step.Offset   (default offsets [ours], see DefaultSteps)
//
// The webinar's rule is 「目安として契約更新の3ヶ月前」: act about three
// months before the renewal; starting two weeks before leaves no time to
// resolve the customer's dissatisfaction [SuccessHub/Scalebase webinar].
// "Three months" is three calendar months clamped to the month's end [ours]:
// a renewal on 2027-03-31 opens on 2026-12-31 and is late from 2027-03-17;
// one on 2027-05-31 opens on 2027-02-28. A policy may state the window in
// days instead (date.Days(90)). An activity's offset must fit in the window
// on every date ([ErrOffsetOutsideWindow]). A zero period field of a
// [Policy] means its default, so a zero span cannot be written; a rule is
// turned off by its own switch: IgnoreFiscalYear, an empty Steps list, an
// empty Checkpoints list.
//
// # Fiscal-year timing
//
// Enterprise customers budget by their fiscal calendar and, when they secure
// next year's renewal budget, ask for a reason to continue
// (「来期に更新の予算をとる上で継続の理由のようなものを求められる」,
// [SuccessHub/Scalebase webinar]). So when a contract names its customer's
// fiscal-year end month, the value case (goal progress review, usage review,
// ROI confirmation) is due by the customer's budgeting deadline whenever that
// is earlier than its normal due date:
//
//	budget deadline = end of the customer's last fiscal year ending before the renewal − BudgetLead
//
// The subtraction goes from month end to month end: BudgetLead's months
// back to the end of that month, then its days. BudgetLead defaults to 2
// months [ours] (January 31 for a March year end, the most common year end
// of Japanese companies; July 31 for September; December 31 for February,
// leap year or not). The rule applies when the
// deadline falls inside the current term (after the previous renewal, or the
// contract's start) and before the decision date: a March-year-end customer
// renewing on 2027-09-30 gets its value case by 2027-01-31, when its fiscal
// 2027 budget, which pays for the renewal, is settled. A deadline before the
// term began settled the budget of an earlier renewal and moves nothing. A
// renewal on the last day of the customer's fiscal year falls in that year
// and was budgeted before it began; one on the next day falls in the new
// year. A policy may bound the move further with BudgetHorizon [ours]. A
// moved item keeps its open span, records its normal due date and says why
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
// defaults to 7 days [ours]. Each forecast checkpoint is upcoming, call-due
// (its day has come), call-recorded or call-missed (the next checkpoint
// came, or for the last one the renewal date passed, without a call)
// ([CheckpointStatus]). [Policy.Classify] and [Policy.ClassifyBook] do the
// same from the dates alone, for a whole book.
//
// # KPIs
//
// [Policy.KPIs] measures the renewals of a period [ours: the rates;
// SuccessHub/Scalebase webinar: what is tracked]. A contract is renewable in
// [From, To) when it started before From and renews inside the period
// [CS platforms]. Over the renewable contracts: onboarding completion,
// intent-inquiry rate (asked), two-way communication (SuccessHub); intent
// confirmed and case-study interview asked and published (Scalebase); on-time
// start (first contact by the window's opening, ours); and the gross renewal
// rate by count and by ARR:
//
//	GRR by count = renewed / (renewed + churned)
//	GRR by ARR   = (base − lost) / base, lost = Σ (target − final) where final < target
//
// where base is the renewable ARR (the target of every renewable renewal,
// [ChurnBaseRenewableARR], the default [ours]) or the starting ARR of the book
// ([ChurnBaseStartingARR]); CS tools disagree, so [ChurnBase] is a parameter
// [CS platforms]. Every KPI carries its numerator and denominator ([Ratio],
// [AmountRatio]); an empty denominator is "no data", never 0% and never NaN.
//
// # Forecast
//
// Each [Renewal] carries a target (renewable) amount, the CSM's forecast
// calls (amount and [Category]: pipeline, best case, commit, omitted, closed),
// recorded at checkpoints such as 180/120/90/30 days before the renewal
// ([Policy.Checkpoints]), and once closed an [Outcome] with the final amount,
// classed by [Renewal.Booking] as renewal, upsell, downsell or churn
// [CS platforms]. [Policy.Forecast] totals the renewals of a period, at most
// [MaxForecastMonths] (ten years) long, per calendar month and rolls them up
// per fiscal quarter and fiscal year of a [date.FiscalCalendar] (default:
// March year end, named by start year), split by result and by the latest
// call's category, in exact decimals: target, forecast, risk-adjusted
// forecast (forecast minus the host's RiskAdjustment, never below zero),
// final, retained, upsell, downsell and lost. An open renewal with no call is
// pipeline at its target [ours]. A Closed call on a renewal with no recorded
// outcome counts as Commit: nothing is booked until the outcome is [ours].
// The risk adjustment is how a host feeds in an expected loss computed
// elsewhere (a churn-risk case, say) without this package importing any
// other.
//
// # Books
//
// Functions over a book take an [iter.Seq] and hold one row at a time, so a
// host can stream rows from a database cursor; pass a slice with
// slices.Values. They stop at the first invalid row and name it.
//
// A row belongs to one renewal of its contract ([Policy.RenewalDate]):
// [Renewal.Due] when set; else, once closed, the first renewal whose
// decision date (the notice deadline, or the renewal date) is on or after
// its outcome's date, or the renewal before that when the outcome came
// after that renewal's notice deadline but by its date, or was booked within
// [Policy.LateBooking] after its date (one month [ours]) and nearer to it
// than to the next decision date; else the one current on the day the row
// is read for. All of it is [ours]: set Due where the rule could guess
// wrong. A closed row never counts again
// for a later anniversary; stream one row per renewal cycle, with Due set,
// to keep history.
//
// Over a book the cost per row is constant and nothing is allocated per
// row: a row is validated, its dates are computed only as far as a
// comparison needs them, and amounts are added into exact int64 totals that
// spill into a decimal only when an amount or a total outgrows 18 digits.
// The benchmarks (go test -bench . ./renewal/) measure classification
// against a hand-written loop over precomputed dates, a whole forecast, its
// accumulation step against one decimal per amount, and books of a million
// rows streamed from an [iter.Seq].
//
// # Money
//
// Amounts are exact decimals (shopspring/decimal) in one reporting currency;
// the package never converts currencies and never reads or writes
// shopspring/decimal's package variables: amounts encode as quoted exact
// strings ("1200000.50") and ratios divide with a fixed number of places.
// An amount has at most 100 decimal places and at most 100 zeros after its
// digits ([ErrAmountOutOfRange] otherwise), so no amount's size makes a
// total slow. The digits themselves are not counted when validating (that
// would cost more than the rest of a row's checks); an amount or total
// whose text would pass 1000 characters, about 900 digits, which would not
// decode back, fails to encode with ErrAmountOutOfRange instead.
//
// # Errors
//
// Every error wraps a sentinel of this package ([ErrRenewalBeforeStart],
// [ErrNegativeAmount], [ErrAmountOutOfRange], [ErrUnknownActivity], [ErrOffsetOutsideWindow],
// [ErrDuplicateCompletion], [ErrCompletionAfterAsOf], [ErrInvalidMonth], ...)
// for errors.Is, and errors about a record are a [*FieldError] naming the
// contract and the field for errors.As. Nothing panics on bad input.
//
// The JSON decoders of records validate what they decode and refuse keys
// that name no field, so a misspelt key is an error, not a value silently
// left at its zero. Every decoding error wraps the type's sentinel
// ([ErrInvalidContract], [ErrInvalidPolicy], [ErrInvalidRecord]) together
// with the error that stopped it, which may be the date package's:
// [ErrInvalidMonth] is [date.ErrInvalidMonth] itself, while [ErrInvalidPeriod]
// (a reporting period) is not [date.ErrInvalidPeriod] (a span such as "P3M").
//
// # Sources
//
// The short names used in the marks above and across this package's docs:
//
//   - [Yamada]: the "SaaS CS集中講座" lecture on renewal management and
//     expansion by 山田ひさのり (Hisanori Yamada), ALL STAR SAAS FUND, with
//     Sansan's practice. Source of the activities, their order, and
//     「やらないと決めてしまったりするのも一案」 (a team may decide not to run
//     some of them).
//   - [SuccessHub/Scalebase webinar]: the 2024-01-22 renewal-management
//     webinar by 倉島 (Commune, SuccessHub) and 水谷 (alp, Scalebase). Source
//     of the three-month rule, two weeks being too late, fiscal-year
//     budgeting, and the renewal KPIs of SuccessHub (onboarding completion,
//     intent-inquiry rate, two-way communication) and Scalebase (intent
//     confirmed, case-study interview).
//   - [CS platforms]: the public help centres of CS platforms (Gainsight,
//     Totango, Planhat, Vitally, ChurnZero, HubSpot, Catalyst, ChartMogul).
//     Source of the forecast categories, the target, forecast and final
//     amounts and booking types, notice periods, anniversaries, "renewable in
//     a period", the churn denominator as a parameter and forecast
//     checkpoints at 180/120/90/30 days.
package renewal
