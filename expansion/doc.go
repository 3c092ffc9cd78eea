// Package expansion is growing revenue from paying accounts: what an
// account pays, the room it has to grow, upsell and cross-sell, the
// pipeline of leads CS hands to sales, and the revenue movements of a book
// between two snapshots.
//
// The rules come from two practitioners' articles, cited by file name:
// seeds/000_3abb293492796f8a.txt (Sansan: renewal management and
// expansion, "seed 000") and seeds/002_c830fe1a07eadd4d.txt (Chatwork:
// the four strategies, "seed 002"). Each rule below is marked [seed 000],
// [seed 002], [CS platforms] (a convention read in the public help centres
// of the CS platforms users compare us with, Gainsight, Totango, Planhat,
// Vitally, ChurnZero, HubSpot, Catalyst and ChartMogul), [ChartMogul] or
// [mrr-playbook] (dbt's revenue-movement model), or [ours] where the
// sources are silent and the choice is this package's. Every number is a
// default a [Policy] overrides.
//
// # Words
//
// The seeds use "expansion" differently [seed 002]: Chatwork splits
// expansion (more paid users), upsell (a higher unit price: a higher plan
// or a paid option) and cross-sell (another product); others call
// expansion = upsell + cross-sell; seed 000 uses Expansion as the umbrella
// over usage-based growth, cross-sell and upsell. Seed 002's test: split
// the words when staff told "chase upsell this year" would ask "more users
// or a higher price?".
//
// So the taxonomy is explicit: a [Kind] says what an expansion adds
// (seats, unit-price, option, product, usage) and a [Grouping] files each
// kind under a [Group] of the report (expansion, upsell, cross-sell).
// [DefaultGrouping] is seed 002's split, with usage growth under expansion
// [ours]; [UmbrellaGrouping] is seed 000's. A [ChangeBook] totals booked
// [Change] records by kind and by group.
//
// A price rise applied to every customer without CS (「カスタマーサクセスが
// 介在せずに」) is not CS upsell [seed 002]. The host marks it:
// [Change.WithoutCS] on a booked change, [Line.UniformRise] in a
// snapshot. Every total keeps it apart: a [Split] has a CS part and a
// without-CS part, and revenue movements have a PriceRise of their own.
//
// # Account revenue
//
// One product's revenue is paid users × unit price × (0 if churned)
// [seed 002]: churn zeroes everything the other levers built. The seed
// calls the unit price ARPPU per organisation but multiplies it by users,
// so it is a per-seat price here. An [Account] holds several products
// ([Line]s):
//
//	line revenue    = Seats × UnitPrice + Extra       (0 if the line has churned)
//	account revenue = Σ line revenue                  (0 if the account has churned)
//
// Extra is revenue not billed per seat, a flat-fee option or a usage
// charge [ours]. Amounts are exact decimals in one currency and one unit
// (MRR or ARR) per book; nothing is rounded.
//
// # Seat headroom and utilisation
//
// A [Footprint] is one product inside one customer. Its room at a rung of
// the organisational ladder department → company → group is the rung's
// population (employees or the reachable population) − paid seats, kept as
// a CRM field and turned into expansion leads [seed 002]. Each rung is
// larger and harder to win. Free users of the same organisation are
// counted as convertible [seed 002]. For each rung from the product's
// Scope up, where its population is known:
//
//	room    = population − paid seats
//	revenue = room × UnitPrice
//
// Utilisation is active users / paid seats, in bands [CS platforms]:
//
//	under-used   utilisation <  UnderUsedBelow (0.40)
//	healthy      UnderUsedBelow ≤ utilisation ≤ NearLimitAbove (0.80)
//	near-limit   utilisation >  NearLimitAbove
//
// The platforms we read call below 40% of licensed seats under-used, 40–80%
// healthy and near 100% an expansion signal; ending the healthy band at 80%
// inclusive, so that the bands meet, is ours. The comparison is exact, in
// integers: 40 of 100 is healthy, 81 of 100 near the limit. No paid seat
// means no data ([BandNone]).
//
// A footprint is an expansion lead when a rung has at least MinRoom seats
// of room (10 [ours]) or its utilisation is near the limit; the lead
// carries its evidence ([Assessment]: the ladder, the band, the reasons)
// and aims at the nearest rung with enough room. An under-used footprint
// with room is still a lead; its band says adoption comes first. A
// [HeadroomBook] counts the leads of a book: Chatwork's KPI, the number of
// CS opportunities with room to expand (「有効商談数」) [seed 002], one per
// account and product, and keeps the Top leads by their target rung's
// revenue.
//
// # Upsell
//
// A [Catalogue] is a product's plan ladder, lowest first (Business →
// Enterprise), and its paid options [seed 002]. [Policy.Propose] prices a
// move:
//
//	plan revenue   = Seats × (target plan's unit price − current plan's)
//	option revenue = Σ option price × Seats (per-seat options) or price (per account)
//
// An upsell comes only once success with the product is visible; proposed
// too early it is turned down, 「まだそんな段階じゃない」 [seed 000]. So a
// proposal is Ready only when every signal of Policy.Readiness is present
// (default: onboarded and goal-progress [ours]), or when the customer
// asked for it (a help-page pop-up is one such lead source [seed 002]);
// otherwise it is withheld with the signals it waits for. The signals are
// the host's data, never guessed.
//
// # Cross-sell
//
// CS creates a lead for another product ("toss-up") and does not follow it
// to the order (「受注までは追わず」); another division, a group company
// or a partner closes it [seed 002]. A [Lead] of kind product is a
// toss-up: [TossUps] counts CS's credit as the toss-ups handed over,
// whatever their orders become, and a toss-up's won order never counts in
// a CSM's shared revenue. Cross-sell can start even during onboarding when
// the other product solves a different problem [seed 000].
//
// # Pricing models
//
// Which expansion comes easily depends on pricing [seed 000]: usage-based
// growth is the most frequent and moves LTV most, but only a product priced
// by usage has it; cross-sell needs two or more products; an upsell comes
// late. [PricingModel.Profile] gives each model's easiest kind, its LTV
// impact and an order of kinds to rank opportunities by ([Profile.Rank]);
// the usage-based row is seed 000's, the per-seat and tiered rows ours.
//
// # CSQL pipeline
//
// A CSQL (customer-success qualified lead) is the CS version of a
// marketing-qualified lead; CS's responsibility ends at a qualified lead
// and field sales closes [seed 000]. A [Pipeline] counts [Lead]s into a
// [Funnel]:
//
//   - by source; a training seminar's survey ("may our sales team tell you
//     about it?") yields about 1 "yes" in 20 attendees [seed 000]
//     ([Policy.ExpectedSeminarLeads]); leads from the product itself (a
//     login-screen notice) are MQLs, strictly not CSQLs, and are counted
//     apart [seed 000];
//   - by field sales' verdict, with the acceptance rate accepted /
//     (accepted + rejected) [ours];
//   - the review queue: every lead field sales judged "not valid" is
//     reviewed one by one, or "leads from CS are junk" becomes the
//     reputation [seed 000]; rejected leads not yet reviewed are listed,
//     oldest first;
//   - goals ([Goal], [Funnel.Attainment]): an SMB CSM carries a CSQL count,
//     an enterprise CSM a revenue amount shared with sales [seed 000]. The
//     count is of CSQLs field sales accepted, and the amount the won orders
//     of the CSM's CSQLs for the product CS serves [ours].
//
// # Revenue movements
//
// Between two snapshots of a book, each account's revenue moves in the
// classes dbt's mrr-playbook and ChartMogul use [mrr-playbook, ChartMogul],
// plus the uniform price rise kept apart [seed 002]. With S and E the account's
// revenue at the start and the end and R the sum of its end lines'
// UniformRise (read only for products that had revenue at the start):
//
//	S = 0, E = 0    none
//	S = 0, E > 0    new = E, or reactivation = E if the account paid before the start
//	S > 0, E = 0    churn = S: a lost logo
//	S > 0, E > 0    price rise = R; E − R − S is expansion if positive, contraction if negative
//
// and for every account and every total
//
//	End = Start + New + Reactivation + Expansion + PriceRise − Contraction − Churn.
//
// Reactivation needs to know the account paid before the starting
// snapshot. The host's history knows it, so the host says so with
// [Account.PaidBefore] on the end snapshot's row, and nothing else decides
// it: not a churned row in the starting snapshot (a closed trial is
// churned too), never a guess.
//
// The conventions the tools differ on are parameters:
//
//   - [Policy.ProductLoss]: a product dropped by an account that still
//     pays for another is contraction (default, the per-customer reading
//     of ChartMogul and the mrr-playbook) or revenue churn (then also
//     reported as ProductChurn). Logo churn, accounts that stopped paying
//     altogether, is counted apart from revenue churn either way.
//   - [Policy.Netting]: an account's product changes are netted (default)
//     or classed per product, so one account can show expansion and
//     contraction.
//
// Retention is over the starting cohort, the accounts paying at the start
// (new and reactivated revenue is not in it):
//
//	NRR = (Start + Expansion + PriceRise − Contraction − Churn) / Start
//	NRR without price rises = (Start + Expansion − Contraction − Churn) / Start
//	GRR = (Start − Contraction − Churn) / Start      never above 100%
//
// An empty starting cohort (Start = 0) is "no data", never 0% or NaN
// ([Rate]). NRR is the cohort's end revenue over its start, so it does
// not depend on the conventions; GRR does.
//
// # Streaming two snapshots
//
// [Join] merge-joins two snapshots sorted by account ID in one pass: it
// pulls one row from each iterator at a time ([iter.Pull]), so memory stays
// flat however large the book, and it refuses an unsorted snapshot
// ([ErrUnsorted]) or an account twice ([ErrDuplicate]) with the snapshot
// and row. IDs are compared byte-wise; a database sorts them the same way
// with a binary collation (COLLATE "C"). [Policy.Movements] is Join feeding
// a [MovementBook].
//
// Unsorted snapshots cost more. Either the host sorts them first, O(n log
// n) time with O(n) memory or an external sort, or it holds one snapshot
// in a map by account ID, O(n) memory, pairs each row of the other with
// it, and adds each [Pair] to a [MovementBook]; the accounts left in the
// map are pairs with no end row. Pairs add in any order.
//
// # Books
//
// Every computation over a book is an accumulator: [ChangeBook],
// [HeadroomBook], [Pipeline] and [MovementBook] each have Add
// (validate one row; a refused row leaves the book unchanged), Merge
// (combine books built over parts of a book, on other goroutines or
// machines; any split gives the result of one pass) and Result. Books
// built with different policies (or periods, or as-of days) do not merge
// ([ErrMismatch]). Each has an iter.Seq convenience that stops at the
// first row refused and names its index and ID ([Policy.ChangeTotals],
// [Policy.Headroom], [Policy.Funnel], [Policy.Movements]).
//
// The books keep totals, not rows, except the Top leads of a
// [HeadroomBook] and the review queue of a [Pipeline]. So they cannot see
// a row given twice: a change, footprint, lead or pair added twice is
// counted twice. The host's IDs are unique, or it checks them with a set
// as the example program does; [Join] refuses an account twice in a
// snapshot.
//
// # Errors
//
// Every error wraps an exported sentinel ([errors.Is]); a record's error is
// a [*FieldError] with its ID and the field's JSON name ([errors.As]), and a
// snapshot row's a [*SnapshotError] with the snapshot and row. Negative
// seats or prices ([ErrNegative]), paid users above the population
// ([ErrAboveReach]), an unknown plan ([ErrUnknownPlan]) and an account twice
// in a snapshot ([ErrDuplicate]) are among them. Counts of people are at
// most [MaxPeople]; amounts and rates have an exponent within ±100
// ([ErrAmountOutOfRange]). No input panics.
//
// # JSON
//
// Every exported type encodes to JSON with snake_case keys, amounts as
// quoted exact decimals ("1500.50") whatever shopspring/decimal's package
// variables say, and the zero value of every type encodes. Decoders are
// strict (an unknown key is an error), validate what they decode, and leave
// the receiver unchanged on error; their errors wrap [ErrInvalidRecord] or,
// for a [Policy] or [Catalogue], [ErrInvalidPolicy].
//
// # Defaults
//
//	Grouping        seats, usage → expansion; unit-price, option → upsell;
//	                product → cross-sell                         [seed 002; usage ours]
//	UnderUsedBelow  0.40                                         [CS platforms]
//	NearLimitAbove  0.80                                         [CS platforms; edge ours]
//	MinRoom         10 seats                                     [ours]
//	Top             10 leads                                     [ours]
//	Readiness       onboarded, goal-progress                     [ours, after seed 000]
//	ProductLoss     contraction                                  [ChartMogul, mrr-playbook]
//	Netting         per account                                  [ChartMogul]
//	SeminarYield    0.05 (one in twenty)                         [seed 000]
package expansion
