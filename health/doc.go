// Package health scores the health of customer accounts with scorecards a
// customer success team writes as data, versions and tests, and explains
// every point of every score.
//
// Health scores decide when to ask a customer about renewal and what to fix
// first. The platforms users compare us with keep their scores in admin
// screens, with no versioning, review or tests, and users call the result a
// black box ("what caused this score to go down?"). Here a scorecard is a
// JSON file; every score lists each measure's raw value, points, weight
// and contribution, and the contributions add up exactly to the score
// shown; a change of score is split into what the data changed and what
// the scorecard changed.
//
// Marks: [seed 003] is seeds/003_35c9a9fdfabcf0d6.txt (the SuccessHub and
// Scalebase renewal-management webinar), [seed 000] is
// seeds/000_3abb293492796f8a.txt (Yamada's lecture on organising customer
// success), [CS platforms] what the public help centres of Gainsight,
// Totango, Planhat, Vitally, ChurnZero, HubSpot and Catalyst describe, and
// [ours] this library's own choice where they are silent. Every number is
// a default a scorecard or an options value can override.
//
// # Stages and scorecards
//
// SuccessHub runs a health score per phase with four axes: onboarding
// completion is checked as one indicator, then the contact frequency with
// the person in charge, churn prediction, product utilisation and how the
// goal set at introduction is being achieved; for customers who completed
// onboarding the four scores decide when to ask about renewal intent, and
// problems found beforehand are fixed first [seed 003]. So:
//
//   - an [Account] carries its lifecycle [Stage] (onboarding, adoption,
//     expansion, renewal) and segment, both from the host's CRM;
//   - a [Config] holds [Scorecard] values and a selection rule, read in
//     order, that picks one by stage and segment ([Selector]): onboarding
//     is a gate with its own scorecard (setup steps done, days since start
//     against a target), and after it the four axes, possibly weighted
//     differently per segment [ours: the gate, the measures, the weights];
//   - the churn-prediction axis takes what the host knows as plain values
//     (an open churn case as a flag, a count of risk signals); this package
//     imports no other domain package.
//
// A scorecard has groups of measures. A [Measure] has a name (what an
// account's [Input] names), a weight, a [Kind] (which raw values are
// allowed: any number, non-negative, a count, a flag), a [Direction]
// (higher or lower is better) and a [Rule] mapping the raw value to points
// in [0, 100]:
//
//   - steps: thresholds written best first, each with its comparison
//     (">=", ">", "<=", "<"), so every cut-off says which side its boundary
//     value falls on (published rubrics that write "≤5%" next to "5–20%"
//     leave 5% on both sides); the first step that holds gives its points,
//     else the rule's Else;
//   - linear: 0 points at Worst or beyond, 100 at Best or beyond, in
//     proportion in between, rounded half up to the hundredth.
//
// A rule is checked against its measure's direction: comparisons that
// contradict it, steps out of order (one that takes no value the step
// before leaves) and points that rise as the value gets worse are errors.
//
// # Scoring models
//
// A measure's points p are in hundredths of a point; a weight w is a
// decimal with at most four places. A group's score g is, over its counted
// measures [CS platforms: group scores as average, min or max]:
//
//	average (default)  g = Σ w·p / Σ w     rounded half up to the hundredth
//	min                g = the lowest p     (the first of equal ones decides)
//	max                g = the highest p
//
// The score S of a scorecard depends on its [Model]:
//
//	weighted (default)  S = Σ G·g / Σ G over the counted groups (group weight G),
//	                    rounded half up; weights are normalised to their sum (Gainsight)
//	points              S = Σ w·p / 100, the measures' weights adding up to exactly
//	                    100, so a measure earns up to its weight (ChurnZero, HubSpot)
//	worst_of            S = the lowest p of any counted measure: one poor measure
//	                    makes the account poor (Totango)
//
// A scorecard of one group may leave the group's weight out. With several
// groups, the weighted score is computed from the groups' scores as shown,
// each rounded once, so a reader can check it from the explanation
// [ours]. Scores are in [0, 100].
//
// # Exactness
//
// Every number is fixed point: points, scores and cut-offs are integers of
// hundredths, weights of ten-thousandths, raw values and thresholds of
// millionths, and every division is exact integer division rounded half up
// once, where the formula says. So 0.4·50 + 0.3·50 + 0.3·50 is 50.00, and
// a score exactly on a cut-off lands on the side its comparison says (with
// weights 0.6/0.3/0.1 at 50 points a float64 computes 50.00000000000001,
// which "> 50" would call yellow). The same inputs give the same result
// on every run and machine. The numbers a team writes (weights, thresholds,
// points) are float64 fields so that a Go literal reads naturally, and are
// checked to hold a short decimal exactly: a weight with five decimals, a
// threshold with seven, points with three are errors, as are NaN,
// infinities and values beyond their range. A raw value is read to six
// decimals, rounded half away from zero, so 0.1+0.2 in float64 is 0.3.
// Results are [Points], exact to the hundredth, encoded in JSON as a
// number with two decimals.
//
// # Explanation
//
// Every [Score] lists each group ([GroupScore]) and measure
// ([MeasureScore]) with its raw value and the day it was measured, its
// state (current, stale, missing), points, band, weight, whether it
// counted, its contribution and what it lost:
//
//	contribution: the measure's part of S; the contributions add up to S exactly
//	lost:         its part of 100 − S (what its shortfall from 100 cost); they add
//	              up to 100 − S exactly when any measure counts
//
// Contributions are rounded to the hundredth by largest remainder: each
// exact share is rounded down, and the hundredths still missing from the
// shown score go one each to the largest remainders (the earlier measure
// first on a tie). In a weighted scorecard the groups' contributions come
// first (shares G·g/ΣG of S), and each group's is split among its measures
// by their exact shares G·w·p/(ΣG·Σw); a min or max group's goes to the
// measure that decides it, as does a worst-of score. The measure that lost
// most is the first thing to fix.
//
// # Missing and stale data
//
// A measure without an [Input] is missing; it is never scored 0 silently.
// The scorecard's [MissingData] rule says what happens [CS platforms:
// vendors differ, and two changed their rule mid-life, so ours is
// explicit]:
//
//	reweight (default)  the measure is left out and the others' weights are
//	                    normalised again; a group with no data is left out too
//	neutral             it scores the neutral points (default 50 [ours])
//	worst               it scores the lowest points its rule gives
//
// Coverage is the share of the scorecard's weight with data, in percent to
// the hundredth: per group Σ w with data / Σ w, then weighted by the
// groups' weights like the score (in a points scorecard, Σ w with data /
// 100). Below MinCoverage (default 50% [ours]) the score is "insufficient
// data": it has no band and shows no value, though the computed score is
// kept in the explanation.
//
// Each measure may have a validity period (ValidFor, such as "P30D"): an
// input measured before the as-of day minus the period is stale
// [CS platforms]. A stale input is used and flagged by default, or treated
// as missing (StaleIsMissing). An input of a measure with a validity
// period must say when it was measured; no input or override may be dated
// after the as-of day (it is refused, not dropped).
//
// # Bands
//
// A score s is green when the Green cut holds, else yellow when the Yellow
// cut holds, else red; each cut says ">" or ">=" and its value. The
// defaults are yellow above 50 and green above 75: 0–50.00 red, 50.01–75.00
// yellow, 75.01–100 green, Gainsight's default bands (0–50, 51–75, 76–100
// on whole scores) read for scores kept to the hundredth [CS platforms].
// The band is decided on the score as shown, to the hundredth. Measures and
// groups are banded the same way.
//
// # Overrides
//
// A CSM may override an account's score ([Override]): the score set, who,
// why, from and until when (an override ends). While it is in force (from
// ≤ as-of ≤ until, both days included) the score shown is the override's
// and its band follows; the computed score stays beside it in the
// explanation. Platforms overwrite manual overrides at the next rule run,
// which users complain about [CS platforms]; here an override is an input
// record of the account, so no recomputation can drop it while it is in
// force. Two overrides of one account in force on the same day are an
// error.
//
// # Parents
//
// [Rollup] scores a parent account from its children's shown scores: their
// mean (default) or their mean weighted by ARR [CS platforms], exact
// (decimal ARR) and rounded half up once, with each child's contribution
// adding up to the parent's score. Children without a score are listed and
// left out.
//
// # Trend and change
//
// [TrendOf] reads one account's history of scores (in date order, the
// shown value) as of a day: the change from the latest score on or before
// the start of the window (default three months [ours]; the earliest
// score when the history is shorter, and the trend says it is not
// complete) to the latest score, its [Movement] (up or down beyond Flat
// points, default 5 [ours]; a change of exactly Flat is flat), and every
// band crossing with its day. Scores without a band are skipped.
//
// [Compare] explains the change between two computed scores of one account
// and splits it: the data part is the later data scored with the earlier
// scorecard minus the earlier score; the scorecard part is the later score
// minus that. Both parts add up to the change exactly, and so do each
// measure's parts. Every score records its scorecard's name and version,
// which the host sets; Compare checks the scorecards it is given against
// them, and that each score is what its scorecard gives for its data.
//
// # Renewal-intent timing
//
// [TimingPolicy.Timing] reads a score and its explanation: an account in
// onboarding is not asked yet (finish onboarding first [seed 003]); one
// with insufficient data and no override in force needs its data
// collected; one whose shown band, or any counted measure's band, is below
// AskFrom (default yellow: nothing red [ours]) has problems to fix first,
// named measure by measure, the one that lost most first [seed 003:
// problems found before asking are fixed first]; the others are asked
// now. Stale inputs are named for the CSM to confirm. When in the renewal
// window to ask is the renewal package's business.
//
// # Peer usage review
//
// Sansan shows a customer its usage against the industry like a national
// mock-exam result sheet (「全国一斉模試」の結果表), with the gap to the
// industry average and advice on what to improve [seed 000]. A
// [ReviewConfig] lists the metrics of the sheet, each with its direction
// and the advice for each position; a host streams its accounts' [Usage]
// rows (peer group, usage per metric, health score and segment) into a
// [PeerAcc], which builds the peer statistics once, and [Peers.Review]
// makes a customer's [Sheet]. Per metric [ours: the figures, as Japanese
// mock-exam sheets print them]:
//
//	N           the peers with a value, the customer among them
//	mean, SD    arithmetic mean; population standard deviation (dividing by N)
//	quartiles   Q1, median, Q3 by linear interpolation between closest ranks
//	            (Hyndman and Fan R-7, Excel's PERCENTILE.INC; golang.org/x/exp/stats)
//	percentile  100·(worse + equal/2)/N: the share of peers the customer does
//	            better than, ties counting half (mid-rank), exact to the hundredth
//	deviation   50 + 10·(value − mean)/SD, the 偏差値; 50 when SD is 0
//	rank        1 + the peers doing better ("n of N"; ties share the best rank)
//	gap         value − mean, in the metric's unit
//	advice      the first advice whose comparison holds for the deviation score
//	            (rounded to the hundredth, so a cut-off decides exactly), else Else
//
// For a metric where less is better (days since the last login) the
// percentile, deviation score and rank are turned so that higher is
// better. A group of one, or equal values, gives percentile 50, deviation
// 50 and rank 1; a missing metric shows the peers' figures and no position;
// no figure is ever NaN. The health score gets its percentile and rank in
// its segment the same way. Mean, SD and quartiles are float64 (computed
// by the stats package, in ascending order, so the same on every run; the
// last bits may differ between CPU architectures). [Sheet.Text] lays the
// sheet out as plain text; the sheet itself round-trips through JSON for
// any other rendering.
//
// # Backtest
//
// Only one platform we read backtests its scores against renewal outcomes
// [CS platforms]. A [Backtest] reads a stream of [PastScore] values (an
// account's band on a day) against the [Outcome] of each renewal (renewed,
// downsold, churned, and the day) [ours: the whole method]:
//
//	predicting band  the band of the account's latest score on or before the
//	                 outcome's day minus Horizon (default 90 days, the usual
//	                 renewal alert): what a team could have acted on
//	rate per band    churned / outcomes and downsold / outcomes after that band
//	lift             band rate / base rate over every predicted outcome
//	                 (1.00 is no better than chance)
//	warning          days from the first red score within Lookback (default a
//	                 year) before a churn or a downsell to it: share warned,
//	                 median, least and most
//
// Rates are exact to the hundredth of a percent and carry their count and
// total; below MinSample outcomes (default 30) a rate is counted but not
// reported, so a small sample says so instead of giving a rate. Outcomes
// whose account was scored only within the horizon are counted as too late;
// an outcome with no score at all is an error ([ErrNoScore]) unless
// AllowNoScore is set, because dropping it silently flatters the scorecard.
//
// # Scorecards as data
//
// A [Config] and its scorecards decode from JSON strictly: unknown keys
// are errors, values are validated, and every error is a [*FieldError]
// whose Field is the path of the bad value in the file
// ("scorecards[0].groups[1].measures[0].weight"), so a CS-ops team keeps
// its scorecard in version control, reviews changes and unit-tests it
// against expected scores (see the examples).
//
// # Books
//
// [Tally] scores a book of accounts as of one day and counts them by band:
// an accumulator with Add, Merge and Result, so a host streams a book from
// a cursor or splits it across goroutines or machines and merges; merging
// any split equals one pass. [TallyBook] is the iter.Seq convenience; it
// stops at the first account refused and names its position and ID. A
// tally cannot tell two rows of one account apart: the host gives each
// account once.
//
// [PeerAcc] and [Backtest] are accumulators too ([PeerBook] and
// [RunBacktest] their iter.Seq conveniences): the peer book keeps each
// value and account ID (an account given twice is an error, across merges
// too), the backtest keeps each outcome and nothing per score.
//
// Scoring allocates nothing per account: [Scorer.ScoreTo] reuses a Score's
// slices, and a tally keeps one scratch. The arithmetic is int64 (weights
// are reduced by their greatest common divisor, so that a division by a
// fixed sum is one multiplication). Inputs given in the scorecard's order
// and named with the strings of the decoded config (as the example
// program builds them) are matched without comparing names; others are
// looked up by name. A book of a million accounts is scored and tallied
// in about a tenth of a second, under twice the time of a hand-written
// float64 loop doing the same weighted sums without validation or
// exactness (go test -run '^$' -bench TallyMillion -benchtime=1x ./health/
// runs both).
//
// # Errors
//
// Every error wraps a sentinel of this package for errors.Is (the input's
// problem, such as [ErrInvalidWeight], [ErrInvalidRule], [ErrUnknownMeasure],
// [ErrInvalidValue], [ErrAfterAsOf], [ErrUnknownMetric],
// [ErrDuplicateAccount], [ErrNoScore], and the record's, such as
// [ErrInvalidScorecard], [ErrInvalidConfig], [ErrInvalidAccount],
// [ErrInvalidReview], [ErrInvalidBacktest]), and
// errors about a field are a [*FieldError] naming the account (when there
// is one) and the JSON path of the field, for errors.As. An error quotes
// at most 64 bytes of a bad name, writes at most 64 characters of an
// amount and repeats at most 200 bytes of a lower error's message, so a
// 1 MB key or name makes a short error [ours]. Nothing panics on bad
// input: NaN, infinities, zero weights, negative counts, nil iterators
// and zero values give errors or documented results.
package health
