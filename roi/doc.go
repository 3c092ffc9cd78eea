// Package roi derives a customer's return on investment from the
// product's success scenario down to money, as ranges of exact decimals,
// and keeps track of which customers confirmed the logic, so that a CSM can
// bring the ROI to the renewal's "ROI confirmation" and marketing can
// publish it without exaggerating.
//
// Marks: [seed 000] says the rule comes from the article in
// seeds/000_3abb293492796f8a.txt (a CS leader's lecture on renewal
// management, with a section on deriving ROI); [ours] marks this library's
// choice where the article is silent. Every number a host can change is a
// documented default.
//
// # Why derive it
//
// There are two ways to an ROI: ask the customer, or derive it yourself and
// have the customer confirm it. Asking usually fails, because the customer
// is unsure of its ROI too. The method does not fit every product
// (「全てのプロダクトに使えるメソッドではない」) [seed 000].
//
// # Scenario, metric, logic
//
// A derivation goes through three steps, each a type [seed 000]:
//
//  1. [Scenario]: the typical success pattern of the product. Usage
//     differs by customer, but the success is usually shared (Sansan:
//     "visualise the network", "share the network").
//  2. [Metric]: the business-contribution metric the scenario moves, the
//     hardest step. Never jump straight from usage to revenue or cost
//     (Sansan: one customer's "+4,000 offline leads"; the contacts stored
//     and reused inside the company). A [Logic] takes a Metric, never
//     usage.
//  3. [Logic]: a formula linking the metric to a revenue increase or a
//     cost reduction ([Effect]), with a range.
//
// A [Case] is one customer: its annual cost and one or more scenarios,
// each with this customer's metric. [Case.Derive] computes it. The metric
// is the change over the year the annual cost pays for [ours]; it is never
// negative (a fall in something bad is counted as what was avoided).
//
// # The logics
//
// Revenue, [RevenueLogic] (kind "revenue") [seed 000; the deal size ours]:
//
//	revenue increase = extra leads × meeting rate (商談化率) × opportunity rate (案件化率) × win rate (受注率) × average deal size
//
// Cost, [ReuseLogic] (kind "reuse") [seed 000]:
//
//	cost reduction = items stored × share likely reused inside the company × cost to create one from scratch
//
// Cost, [HoursLogic] (kind "hours") [ours]:
//
//	cost reduction = hours saved × loaded hourly cost
//
// The rates and costs are assumptions: the seed takes them from interviews
// with the vendor's own sales team (「自社の営業にヒアリング」) and gives
// them a range.
//
// A host adds its own logic by implementing [Logic]: an [Effect] and the
// chain of [Step] values from the metric to money, each multiplying,
// adding or subtracting an estimated operand. The derivation computes every
// result itself, so the explanation always matches the arithmetic. A host
// logic is used from Go: only the built-in logics have a JSON form, named
// by their [LogicKind] in the "kind" key, and encoding a scenario holding
// a host logic fails with [ErrHostLogic].
//
// # Ranges
//
// Every estimated input is a [Range] (low, base, high) of exact decimals,
// and every result too [seed 000: "give it a range"]. Each point is
// computed from the same point of every input: the low result takes every
// input at its low [ours]. Inputs must be ordered low ≤ base ≤ high; rates
// lie within [0, 1]; counts and amounts are not negative. A product or a
// sum of such ranges stays ordered; a host logic that subtracts may not, so
// the order is checked after every step and a step that breaks it is an
// error ([ErrRangeOrder]), never silently re-sorted.
//
// # ROI and payback
//
// Against the customer's annual cost, at each point of the benefit range
// [ours: the seed speaks only of the benefit amount]:
//
//	benefit = Σ revenue increases + Σ cost reductions
//	ROI     = (benefit − annual cost) / annual cost
//	payback = annual cost / (benefit / 12) months
//
// The ROI is rounded down (towards minus infinity) to [ROIPlaces] (4)
// decimal places, 0.01%, and the payback up to [PaybackPlaces] (1), 0.1
// month [ours]. The figures may be published, and the seed warns that an
// exaggerated ROI may break Japan's Act on Specified Commercial
// Transactions, so a rounded figure never claims more than the exact one:
// an ROI of 0.99995 is 99.99%, not 100% (and is banded below a cut at
// 100%), a payback of 4.91 months is 5.0. Rounding to the nearest would
// overstate half the time. The same holds for the book's figures and
// every account's ROI in a [Portfolio]. Nothing else in a derivation is
// rounded: every amount is exact (its text rounds computed amounts down,
// see below). A zero or negative annual cost is an error
// ([ErrCostNotPositive]), not a division; a zero benefit never pays back
// ([Payback].Never), again without dividing. The payback falls as the
// benefit rises, so its low point is the longest.
//
// # Explanation
//
// A [Derivation] is the structured explanation: per scenario the steps
// with their operands and exact results, then the totals, ROI and payback.
// [Derivation.Explain] writes the same in words a CSM can paste into a
// renewal deck, one line per step, rates as percentages, inputs exactly
// and computed figures rounded down to two decimal places.
//
// # Customer confirmation
//
// Try the numbers and the logic on several customers; adopt them once they
// say "yes, that may be right" (「確かにそのとおりかも」) [seed 000]. If
// the ROI is published, Japan's Act on Specified Commercial Transactions
// forbids exaggerated advertising: even a sound logic may count as
// exaggerated without customers' voices agreeing with it [seed 000]. A
// [Claim] records the scenario and logic and each [Confirmation] (which
// customer, on which day); [ClaimPolicy.Review] says whether it is
// publishable as of a day: with at least MinConfirmations different
// customers, default [DefaultMinConfirmations] (3) [ours, reading the
// seed's "several customers"]. A confirmation dated after the as-of day
// is refused, not ignored.
//
// # Value tracking
//
// A [Goal] is an outcome the customer set at introduction, with baseline,
// current and target values and the day of each; [Goal.Progress] gives the
// value delivered as a share of the target (rounded down, as the ROI is,
// so it reads 100% only once the target is reached), whether it is on
// track against a straight line from baseline to target [ours], and the
// day it was measured and the day the target is due, ready for the
// renewal's goal-progress review [seed 000: is the customer still
// pursuing the goal it bought the product for?].
//
// # Books
//
// A [Portfolio] is the accumulator over a book of accounts' [Estimate]
// rows (a derivation's benefit and cost): [Portfolio.Add],
// [Portfolio.Merge] and [Portfolio.Result], or [Summarize] over an
// [iter.Seq]. It keeps exact totals, the book's ROI and payback, and how
// the accounts' own ROI spread over bands ([PortfolioConfig]; default cuts
// at 0%, 100% and 300% [ours]; an ROI on a cut falls in the band above
// it), per range point, with the lowest and highest account. Merging any
// split of a book gives the result of one pass, so a host can shard a book
// across goroutines or machines. An account added twice counts twice: the
// portfolio keeps no set of accounts.
//
// Adding an estimate allocates nothing when its amounts have at most 18
// digits and exponents within 18 of each other: totals are int64 sums that
// spill into a decimal only when they outgrow it, and the account's ROI is
// computed in int64 arithmetic to the same rounded value a derivation
// shows. The benchmarks (go test -bench . ./roi/) measure one full
// derivation and a book of a million estimates, each beside a hand-written
// loop.
//
// # Money
//
// Amounts are exact decimals in one reporting currency, never converted;
// a case's Currency is only the label the explanation writes. The package
// never reads or writes shopspring/decimal's package variables: amounts
// encode as quoted exact strings ("1200000.50"), and the two divisions
// round to a stated number of places. A decimal's exponent must lie within
// ±100 ([ErrAmountOutOfRange]).
//
// # Errors
//
// Every error wraps a sentinel of this package for [errors.Is]
// ([ErrEmptyScenario], [ErrRateOutOfRange], [ErrNegative],
// [ErrRangeOrder], [ErrCostNotPositive], ...), and errors about a record
// are a [*FieldError] naming the account (or claim) and the field's JSON
// path ("scenarios[0].logic.win_rate") for [errors.As]. Nothing panics on
// bad input, nil logics and nil pointers included. The JSON decoders
// refuse unknown keys, validate what they decode and leave the receiver
// unchanged on error. An amount, range or day that does not decode ("1e5",
// " 12 ", "2027-02-30") or a required one that is absent is reported as
// a validation error is, naming the record and the field: `roi: decoding
// case: account "acme": annual_cost: not a decimal amount: "1e5"`. Every
// decoding error wraps the type's sentinel
// ([ErrInvalidCase], [ErrInvalidScenario], [ErrInvalidClaim],
// [ErrInvalidGoal], [ErrInvalidConfig], [ErrInvalidRange],
// [ErrInvalidResult]).
package roi
