// Package capacity sizes and balances a customer success team: how much ARR
// and how many accounts each CSM carries, how that compares with published
// benchmarks, how many CSMs each segment needs, what CS headcount does to
// gross margin and LTV, what serving a customer costs, how loaded each CSM
// is and who should take the next account, and whether CSMs should also
// sell renewals.
//
// Marks: [seed 000], [seed 001] and [seed 004] say the rule is the named
// seed's (see Sources); [CS platforms] marks a third-party figure gathered
// from public sources; [ours] marks this package's choice where the sources
// are silent. Every number is a default or a datum the caller can replace.
//
// # Coverage
//
// [Coverage] is what a group of CSMs covers: ARR, accounts and the CSMs.
//
//	ARR per CSM      = ARR / CSMs        (rounded half away from zero to 2 places [ours])
//	accounts per CSM = accounts / CSMs   (likewise)
//
// ARR ¥15B with 60 CSMs is ¥250M per CSM [seed 000, Sansan]. [NewCoverage]
// refuses zero or negative CSMs ([ErrHeadcount]); a Coverage inside a
// report may have no CSMs (a segment nobody serves yet) and then its
// figures per CSM are "no data" ([Figure]), never zero and never a
// division by zero. A [Report] has the coverage of the team, of each
// segment and of each CSM.
//
// # Benchmarks
//
// [Benchmarks] returns the published figures as data, each with its source,
// year, scope and currency:
//
//	id                                  figure per CSM   scope, source
//	hicustomer-2021-accounts            50 accounts      ~50% of respondents, horizontal and vertical SaaS [seed 000]
//	hicustomer-2021-accounts-acv-2.4m   50 accounts      ~60% of respondents with ACV up to ¥2.4M [seed 000]
//	hicustomer-2021-arr-horizontal      ¥50M             65% of horizontal-SaaS respondents [seed 000]
//	hicustomer-2021-arr-vertical        ¥50M             85% of vertical-SaaS respondents [seed 000]
//	hicustomer-2021-arr-acv-2.4m        ¥50M             ~60% within it, ACV up to ¥2.4M (55% at ¥10M-50M) [seed 000]
//	saastr-200m-rule                    ¥200M            the end state: ARR ¥10B needs 50 CSMs [seed 000]
//	sansan-2021                         ¥250M            ARR ¥15B with about 60 CSMs [seed 000]
//	clientsuccess-arr                   $1.72M           survey of about 600 companies [CS platforms]
//	clientsuccess-accounts              104 accounts     the same survey [CS platforms]
//	commune-high-touch                  $1M              high-touch, first milestone [CS platforms]
//	commune-tech-touch                  $2M              low- or tech-touch, first milestone [CS platforms]
//
// HiCustomer's figures (Customer Success White Paper 2021, as seed 000
// quotes it) are shares of survey respondents in answer buckets, not shares
// of CSMs: "about 50% answered 50 accounts per CSM". Accounts per CSM fall as
// ACV rises, and the band of ACV ¥6.01M and above has few answers and looks
// noisy [seed 000]; the author concludes that about ¥50M ARR per CSM is the
// domestic norm. Seed 000 states SaaStr's rule in yen (¥200M); SaaStr states
// it in dollars. The ClientSuccess survey is quoted in a 2021 forum post
// (its own date is not given there); Commune's article is undated (Year 0).
//
// [Compare] sets a coverage against benchmarks. A plan meets a benchmark
// when it carries at least the benchmark's figure per CSM, decided exactly
// (ARR ≥ figure × CSMs), with the ratio to two places. An ARR benchmark in
// another currency than the plan's is [VerdictNotComparable], said in
// words; nothing is ever converted. Meeting an ARR figure is efficiency;
// meeting an accounts figure may as well mean overload: the comparison
// says which figure it is. [CSMsFor] is the rule read backwards: ARR ¥10B
// at ¥200M per CSM needs 50 CSMs.
//
// # Segments and the headcount plan
//
// A [Segment] is a rule on an account's ARR or ACV ([Config.Basis]; ACV is
// ARR plus one-off fees [seed 000]) as a half-open range [From, To), a zero
// To being no upper bound (as a zero MaxAccounts is no limit), with a
// touch model ([Touch]) and a target per CSM: ARR, accounts, or both. The
// segments of a [Config] must cover [0, ∞) with no gap and no overlap;
// [ErrSegmentGap] and [ErrSegmentOverlap] name the range at fault
// ("[2400000, 3000000) is in no segment"). An account on a boundary belongs
// to the segment that starts there.
//
// The plan sizes each segment in whole people, rounded up:
//
//	needed by ARR      = ceil(segment ARR / target ARR)            (24.6 → 25)
//	needed by accounts = ceil(segment accounts / target accounts)
//	needed             = the larger of the two;  gap = needed − CSMs on the roster
//
// Zero ARR needs no one; the division is exact ([decimal.Decimal.QuoRem]).
// [SegmentPlan.Why] gives the arithmetic in words.
//
// # Business phase
//
// Early on, go high-touch with low ARR per CSM; as customers flood in,
// split the segments, raising ARR per CSM with tech-touch and keeping
// high-touch where it is needed [seed 000]. Seed 001's phases give the
// challenge of each ([Phase.Advice]): 0-1 build the onboarding flow; 1-10
// make it person-independent, agree roles and deadlines with the customer
// up front, and do not grow CS headcount all at once; 10-100 cut the time
// per customer so one CSM runs several in parallel. [DefaultSegments] writes
// this as segments in yen [ours, anchored on seed 000's figures]:
//
//	phase   segment      range (ARR)        target per CSM
//	0-1     high-touch   [0, ∞)             ¥50M and 50 accounts
//	1-10    tech-touch   [0, ¥2.4M)         ¥100M
//	        high-touch   [¥2.4M, ∞)         ¥50M and 50 accounts
//	10-100  tech-touch   [0, ¥2.4M)         ¥200M
//	        high-touch   [¥2.4M, ∞)         ¥100M and 50 accounts
//
// ¥50M and 50 accounts are HiCustomer's norms, ¥200M the end-state rule,
// ¥2.4M a year the top of HiCustomer's lowest ACV band (¥200k a month,
// inclusive in the survey; here ¥2.4M itself is high-touch); ¥100M is ours.
// A config with no segments takes its phase's defaults; they are in JPY, so
// a config in another currency must give its own ([ErrCurrencyMismatch]).
// The same book of 500 accounts of ¥1.8M and 100 of ¥10M needs 38 CSMs at
// 0-1, 29 at 1-10 and 15 at 10-100.
//
// # CS cost, gross margin and LTV
//
// CS cost sits in cost of revenue, so CS headcount lowers gross margin, a
// component of LTV [seed 001]. Seed 001 gives no formula; [Economics.Margin]
// uses the usual one, LTV = ARPA × gross margin / churn rate [ours]. Every
// amount is annual, the churn rate is the annual share of accounts lost, and
// rounding is half away from zero:
//
//	CS cost      = CSMs × loaded cost per CSM                  (exact)
//	gross profit = ARR − other cost of revenue − CS cost       (exact)
//	gross margin = gross profit / ARR                          (4 places)
//	ARPA         = ARR / accounts                              (2 places)
//	LTV          = ARPA × gross margin / churn rate
//	             = gross profit / (accounts × churn rate)      (exact, then 2 places)
//
// LTV takes the exact ARPA and margin, not the rounded ones a [Unit] shows,
// so ARPA × margin / churn from the shown figures can differ from it: ARR
// ¥165.36M over 16 accounts, gross profit ¥95.36M and 10% churn show ARPA
// ¥10,335,000 and margin 0.5767 and have an LTV of ¥59,600,000, where
// 10,335,000 × 0.5767 / 0.1 would give ¥59,601,945.
//
// One more CSM lowers the margin by cost per CSM / ARR and LTV by cost per
// CSM / (accounts × churn rate), each exact, then rounded once (4 and 2
// places). ¥1,000M ARR, ¥200M other cost, 10 CSMs at ¥10M, 100 accounts and
// 10% churn: margin 70%, LTV ¥70M; one more CSM: 69%, ¥69M. A zero churn rate
// makes LTV unbounded ([LTV]: "unbounded", or "-unbounded" when the gross
// profit is negative), never a division; a zero gross profit has an LTV of
// 0 whatever the churn.
//
// # Cost to serve and onboarding
//
// Measure who spends how many hours on which task per customer, by the
// customer's phase too, adopt the fastest people's methods and cut the time
// to serve [seed 001]. A [CostBook] totals [TimeEntry] rows:
//
//	cost = hours × loaded hourly cost      (exact)
//
// per account, per segment, per task, per stage (the customer's phase:
// onboarding, adopted...) and per CSM and task, fastest first (fewest hours
// per account). Averages per account are rounded half away from zero to two
// places.
//
// An [Onboarding] is due its target after it starts: [DefaultOnboardingTarget],
// two calendar months clamped to the month's end [ours, from seed 001's
// two-month example]. One finished on its due date is on time; one in
// progress after it is overdue. An [OnboardingBook] counts on-time, late,
// in-progress and overdue onboardings and the mean days of those finished.
//
// # Workload
//
// A CSM's load is the sum over their accounts of [Weights] a team sets [ours:
// the items are plain values the host supplies]:
//
//	load = Σ touch weight (high 3, low 2, tech 1 by default)
//	     + renewals due in the window × 2 + open churn cases × 3 + in onboarding × 2
//	     + total ARR / ARRPerPoint       (off by default; rounded once to 0.001)
//
// Loads are exact thousandths of a point ([Points]; write weights and
// limits in [Point]s, 3 * capacity.Point), so the same book merged in any
// grouping gives the same loads and a tie is a real tie.
// The zero Weights means [DefaultWeights]; a Weights with any field set is
// taken as written. JSON is read over the defaults: a weight left out keeps
// its default, so {"renewal": 0} drops renewals from the load and keeps the
// rest. Each CSM's load is in [Report.CSMs], with its parts,
// its accounts outside the CSM's segment and its utilisation of MaxLoad.
//
// # Assignment
//
// [Book.Assign] places accounts with no CSM (new, or left by a CSM who went)
// with the least-loaded eligible CSM: one who serves the account's segment
// and language (a CSM who lists no language serves any) and has room
// (MaxAccounts, MaxLoad; zero is no limit). Ties go to fewer
// accounts, then to the CSM's ID in byte order. Accounts are placed
// heaviest first, ties by ID [ours], so the result does not depend on the
// order they come in. Each [Assignment] is explained ([Assignment.Why]):
// how many CSMs were eligible, how many lighter ones had no room, the load
// before and after, and who was next in line or how a tie was broken.
// Workload-aware assignment is one of the gaps users of CS platforms
// complain of [CS platforms]. Eligible CSMs sit in a heap per segment and
// language, so placing n accounts among m CSMs costs about n log m while
// they have room (up to n × m when most are at their limits).
//
// # Who sells renewals
//
// Seed 004 names five factors that decide whether CSMs should also sell:
// the competition after adoption, implementation and switching cost, the
// customer's decision flow, price level and structure, and the lead time
// and tasks before the start. CSMs should carry the full sales role,
// renewal and upsell selling included, only when the product roughly meets
// all five conditions: switching is structurally costly; no same-kind
// services are used side by side; the product's admin can decide the
// contract; contract negotiations are rare (or product-led growth is built
// in); little preparation is needed before the contract starts.
// [SellingInput.Recommend] takes each factor's notes and its condition's
// answer (yes, roughly, no) and recommends CSM selling only when none is
// "no"; otherwise it names the conditions that fail and advises against
// making CSMs sell to cut headcount: change the set-up once the conditions
// hold [seed 004].
//
// # Books
//
// [Book], [CostBook] and [OnboardingBook] are accumulators: Add a row (a
// refused row leaves the book unchanged and the error names the account and
// the field), AddAll an [iter.Seq] (stops at the first refused row and
// names its index), Merge a book of the same config built over another part
// (any split, in any grouping, gives what one pass gives), and Result. A
// nil sequence is [ErrNilBook]. A [Book] holds one total per segment and
// per CSM, never the accounts; it cannot tell an account added twice from
// two accounts, so a host that cannot rule duplicates out checks IDs first.
// A [CostBook] keeps the accounts behind each task, stage and CSM; an
// [OnboardingBook] keeps the IDs it saw and refuses one twice.
//
// # Money and currencies
//
// Amounts are exact decimals (shopspring/decimal) in one currency per
// config, a [Currency] code ("JPY"). Nothing is ever converted: combining
// two currencies is [ErrCurrencyMismatch], comparing with a benchmark in
// another is "not comparable". Amounts encode as quoted exact decimals and
// ratios divide with a fixed number of places, so no setting of
// shopspring/decimal's package variables changes any output. An amount's
// exponent must lie within ±100 ([ErrAmountOutOfRange]).
//
// # Errors
//
// Every error wraps a sentinel of this package for errors.Is
// ([ErrHeadcount], [ErrSegmentGap], [ErrSegmentOverlap], [ErrNegativeHours],
// [ErrUnknownCSM], [ErrInvalidConfig], ...), and errors about a field are a
// [*FieldError] for errors.As, naming the account and the field, or the
// path of a config field ("csms[2].segment"). JSON decoders refuse unknown
// keys, validate what they decode and wrap the type's sentinel. Nothing
// panics on bad input.
//
// # Sources
//
//   - seed 000: seeds/000_3abb293492796f8a.txt, Hisanori Yamada's lecture on
//     renewal management and expansion (ALL STAR SAAS FUND, 2021), quoting
//     HiCustomer's カスタマーサクセス白書2021, SaaStr's founder and Sansan.
//   - seed 001: seeds/001_b0481625542ee48f.txt, an interview with Kimura of
//     TimeSkip on the CS challenges of each business phase and LTV.
//   - seed 004: seeds/004_295e18b0b3214ff7.txt, Makiko Honjo (LAPRAS), on
//     sales and CSM collaboration (2021).
//   - CS platforms: ClientSuccess's survey of about 600 companies as quoted
//     on the Gain Grow Retain community (October 2021,
//     https://gaingrowretain.com/discussion/8371/arr-to-csm-ratios-and-benchmarks);
//     Commune, "ARR per CSM: Industry benchmark and how to improve it"
//     (https://commune.us/customer-success/arr-per-csm-industry-bench-mark-and-how-to-improve-it/);
//     the help centres of CS platforms for what they lack.
package capacity
