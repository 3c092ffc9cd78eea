// Package date holds the calendar arithmetic every cskit package shares:
// calendar days, spans of months and days, and fiscal years.
//
// Renewal dates, due dates, notice deadlines and "as of" dates are days, not
// instants. A [Date] is a year, month and day with no clock and no zone, so
// counting days never divides a duration by 24 hours (which is off by one
// across a daylight-saving change: New York's 2025-03-08 to 2025-03-10 is 47
// hours). An instant becomes a Date in the customer's time zone with [In].
//
// # Month arithmetic
//
// [Date.AddMonths] clamps to the last day of the target month instead of
// spilling into the next one as [time.Time.AddDate] does:
//
//	2027-05-31 minus 3 months = 2027-02-28
//	2024-02-29 plus 12 months = 2025-02-28
//	2024-02-29 plus 48 months = 2028-02-29
//
// A date that recurs is always computed from its original anchor (anchor plus
// k·12 months for the k-th anniversary), never from the previous result, which
// would turn Jan 31 into Feb 28 and then Mar 28 for good.
//
// # Periods
//
// A [Period] is a number of months and days, written in ISO 8601 ("P3M",
// "P14D"). Months are applied first, then days. Where a check must compare a
// period in months with one in days, a month counts as 28 days at least and
// 31 at most ([Period.MinDays], [Period.MaxDays]).
//
// # Fiscal years
//
// A [FiscalCalendar] names the month a fiscal year ends in and the rule that
// numbers it. Japanese practice names a fiscal year after the year it starts
// (2026年度 = April 2026 to March 2027, [NamedByStart]); US practice often names
// it after the year it ends ([NamedByEnd]). The zero FiscalCalendar ends in
// March and is named by its start: March is the most common year end of
// Japanese companies (general knowledge, our default). A December year end is
// the calendar year under either rule.
package date
