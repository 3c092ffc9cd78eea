package renewal

import (
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// defaultFiscal returns fc with its zero end month written out: March, the
// most common year end of Japanese companies [ours].
func defaultFiscal(fc date.FiscalCalendar) date.FiscalCalendar {
	if fc.EndMonth == 0 {
		fc.EndMonth = time.March
	}
	return fc
}

// monthIndex numbers calendar months: year·12 + month − 1.
func monthIndex(d date.Date) int {
	y, m, _ := d.Civil()
	return y*12 + int(m) - 1
}

// skeleton returns one empty Bucket per calendar month the valid range
// touches, with its span clipped to the range and its fiscal year and
// quarter under the valid calendar fc.
func skeleton(span DateRange, fc date.FiscalCalendar) []Bucket {
	first := monthIndex(span.From)
	n := monthIndex(span.To.AddDays(-1)) - first + 1
	out := make([]Bucket, n)
	start := span.From.AddDays(1 - span.From.Day()) // the first of From's month
	for i := range out {
		b := &out[i]
		b.From, b.To = start.AddMonths(i), start.AddMonths(i+1)
		b.FiscalYear, b.Quarter = fc.Quarter(b.From)
		if b.From.Before(span.From) {
			b.From = span.From
		}
		if b.To.After(span.To) {
			b.To = span.To
		}
	}
	return out
}

// Totals are the exact amounts and counts of a set of renewals. Every
// amount is in the reporting currency; a set with no renewal has zero
// everywhere.
//
// For the renewed and churned renewals among them the booking amounts add
// up: Retained + Downsell + Lost is their Target, and Retained + Upsell is
// their Final.
type Totals struct {
	// Count is the number of renewals.
	Count int
	// Target is the renewable amount ([Renewal.TargetAmount]).
	Target decimal.Decimal
	// Forecast is the amount expected: the latest call's amount for an open
	// renewal (the target when it has no call, zero when omitted), the
	// final amount for a closed one.
	Forecast decimal.Decimal
	// RiskAdjusted is the forecast less each open renewal's
	// RiskAdjustment, each renewal floored at zero; closed renewals count
	// their final amount.
	RiskAdjusted decimal.Decimal
	// Final is the amount closed renewals renewed at (zero for churn).
	Final decimal.Decimal
	// Retained is the part of the target kept by renewed renewals: the
	// lesser of final and target.
	Retained decimal.Decimal
	// Upsell is how far renewed renewals closed above their target.
	Upsell decimal.Decimal
	// Downsell is how far renewed renewals closed below their target.
	Downsell decimal.Decimal
	// Lost is the target of churned renewals: the ARR lost.
	Lost decimal.Decimal
	// FlatCount, UpsellCount, DownsellCount and LostCount count closed
	// renewals by [Booking]: FlatRenewal, Upsell, Downsell and Churn.
	FlatCount     int
	UpsellCount   int
	DownsellCount int
	LostCount     int
}

// Add returns the totals of t and o together. It changes neither.
func (t Totals) Add(o Totals) Totals {
	return Totals{
		Count:         t.Count + o.Count,
		Target:        t.Target.Add(o.Target),
		Forecast:      t.Forecast.Add(o.Forecast),
		RiskAdjusted:  t.RiskAdjusted.Add(o.RiskAdjusted),
		Final:         t.Final.Add(o.Final),
		Retained:      t.Retained.Add(o.Retained),
		Upsell:        t.Upsell.Add(o.Upsell),
		Downsell:      t.Downsell.Add(o.Downsell),
		Lost:          t.Lost.Add(o.Lost),
		FlatCount:     t.FlatCount + o.FlatCount,
		UpsellCount:   t.UpsellCount + o.UpsellCount,
		DownsellCount: t.DownsellCount + o.DownsellCount,
		LostCount:     t.LostCount + o.LostCount,
	}
}

type totalsJSON struct {
	Count         int        `json:"count"`
	Target        money.JSON `json:"target"`
	Forecast      money.JSON `json:"forecast"`
	RiskAdjusted  money.JSON `json:"risk_adjusted"`
	Final         money.JSON `json:"final"`
	Retained      money.JSON `json:"retained"`
	Upsell        money.JSON `json:"upsell"`
	Downsell      money.JSON `json:"downsell"`
	Lost          money.JSON `json:"lost"`
	FlatCount     int        `json:"flat_count"`
	UpsellCount   int        `json:"upsell_count"`
	DownsellCount int        `json:"downsell_count"`
	LostCount     int        `json:"lost_count"`
}

// MarshalJSON encodes the totals with every amount as an exact quoted
// decimal ("1500000"), whatever shopspring/decimal's package variables say.
func (t Totals) MarshalJSON() ([]byte, error) {
	return json.Marshal(totalsJSON{
		t.Count, money.JSON(t.Target), money.JSON(t.Forecast), money.JSON(t.RiskAdjusted),
		money.JSON(t.Final), money.JSON(t.Retained), money.JSON(t.Upsell), money.JSON(t.Downsell),
		money.JSON(t.Lost), t.FlatCount, t.UpsellCount, t.DownsellCount, t.LostCount,
	})
}

// UnmarshalJSON decodes totals; amounts may be quoted or bare plain
// decimals (no exponents). Every error wraps [ErrInvalidRecord].
func (t *Totals) UnmarshalJSON(b []byte) error {
	var v totalsJSON
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidRecord, "totals", err)
	}
	if v.Count < 0 || v.FlatCount < 0 || v.UpsellCount < 0 || v.DownsellCount < 0 || v.LostCount < 0 {
		return decodeErr(ErrInvalidRecord, "totals", errors.New("negative count"))
	}
	for _, a := range []money.JSON{v.Target, v.Forecast, v.RiskAdjusted, v.Final, v.Retained, v.Upsell, v.Downsell, v.Lost} {
		if err := checkAmount(decimal.Decimal(a)); err != nil {
			return decodeErr(ErrInvalidRecord, "totals", err)
		}
	}
	*t = Totals{
		v.Count, decimal.Decimal(v.Target), decimal.Decimal(v.Forecast), decimal.Decimal(v.RiskAdjusted),
		decimal.Decimal(v.Final), decimal.Decimal(v.Retained), decimal.Decimal(v.Upsell), decimal.Decimal(v.Downsell),
		decimal.Decimal(v.Lost), v.FlatCount, v.UpsellCount, v.DownsellCount, v.LostCount,
	}
	return nil
}

// Bucket is the forecast of the renewals falling in one span: a calendar
// month, a fiscal quarter, a fiscal year or the whole range. Open renewals
// are split by the category of their latest call, closed ones by result, so
// every renewal is in exactly one of the six lines.
type Bucket struct {
	// From is the first day the bucket covers and To the day after its
	// last; both are clipped to the forecast range, so the first and last
	// buckets of a range that does not start or end on a boundary are
	// partial.
	From date.Date `json:"from"`
	To   date.Date `json:"to"`
	// FiscalYear is the fiscal year of a month, quarter or year bucket;
	// zero for the whole-range total, which may span several.
	FiscalYear int `json:"fiscal_year,omitempty"`
	// Quarter is the fiscal quarter (1..4) of a month or quarter bucket;
	// zero for a year and for the whole-range total.
	Quarter int `json:"quarter,omitempty"`
	// Pipeline, BestCase, Commit and Omitted are the open renewals by the
	// category of their latest call.
	Pipeline Totals `json:"pipeline"`
	BestCase Totals `json:"best_case"`
	Commit   Totals `json:"commit"`
	Omitted  Totals `json:"omitted"`
	// Renewed and Churned are the closed renewals by result; together they
	// are the category Closed.
	Renewed Totals `json:"renewed"`
	Churned Totals `json:"churned"`
}

// Total returns the totals of every renewal in the bucket.
func (b Bucket) Total() Totals {
	return b.ByResult(ResultOpen).Add(b.ByCategory(CategoryClosed))
}

// ByCategory returns the totals of the renewals in forecast category c:
// Closed is Renewed and Churned together. An invalid category has zero
// totals.
func (b Bucket) ByCategory(c Category) Totals {
	switch c {
	case CategoryPipeline:
		return b.Pipeline
	case CategoryBestCase:
		return b.BestCase
	case CategoryCommit:
		return b.Commit
	case CategoryOmitted:
		return b.Omitted
	case CategoryClosed:
		return b.Renewed.Add(b.Churned)
	}
	return Totals{}
}

// ByResult returns the totals of the renewals with result r: Open is the
// four open categories together. An invalid result has zero totals.
func (b Bucket) ByResult(r Result) Totals {
	switch r {
	case ResultOpen:
		return b.Pipeline.Add(b.BestCase).Add(b.Commit).Add(b.Omitted)
	case ResultRenewed:
		return b.Renewed
	case ResultChurned:
		return b.Churned
	}
	return Totals{}
}

// add returns b with o's lines added; the span and labels stay b's.
func (b Bucket) add(o Bucket) Bucket {
	b.Pipeline = b.Pipeline.Add(o.Pipeline)
	b.BestCase = b.BestCase.Add(o.BestCase)
	b.Commit = b.Commit.Add(o.Commit)
	b.Omitted = b.Omitted.Add(o.Omitted)
	b.Renewed = b.Renewed.Add(o.Renewed)
	b.Churned = b.Churned.Add(o.Churned)
	return b
}

// MarshalJSON encodes the bucket with its lines and, under "total", their
// sum; amounts are exact quoted decimals.
func (b Bucket) MarshalJSON() ([]byte, error) {
	type plain Bucket
	return json.Marshal(struct {
		plain
		Total Totals `json:"total"`
	}{plain(b), b.Total()})
}

// UnmarshalJSON decodes a bucket encoded by MarshalJSON; its "total" is
// derived from the lines and ignored. Unknown keys are refused, and every
// error wraps [ErrInvalidRecord].
func (b *Bucket) UnmarshalJSON(data []byte) error {
	type plain Bucket
	var v struct {
		plain
		Total json.RawMessage `json:"total"`
	}
	if err := jsonstrict.Decode(data, &v); err != nil {
		return decodeErr(ErrInvalidRecord, "bucket", err)
	}
	*b = Bucket(v.plain)
	return nil
}

// Forecast is a renewal forecast of a book over a date range: exact totals
// per calendar month, which roll up into fiscal quarters, fiscal years and
// the whole range. Compute it with [Policy.Forecast] or a [Forecaster].
//
// The zero Forecast covers no range: it has no months, and every lookup
// reports false.
type Forecast struct {
	// AsOf is the date the records were read.
	AsOf date.Date
	// Range is the dates covered.
	Range DateRange
	// Fiscal is the calendar quarters and years roll up by, its end month
	// written out.
	Fiscal date.FiscalCalendar
	// Months holds one bucket per calendar month the range touches, in
	// order.
	Months []Bucket
}

// Month returns the bucket of calendar month m of year, and false when the
// range does not touch that month.
func (f Forecast) Month(year int, m time.Month) (Bucket, bool) {
	if len(f.Months) == 0 || m < time.January || m > time.December {
		return Bucket{}, false
	}
	i := year*12 + int(m) - 1 - monthIndex(f.Months[0].From)
	if i < 0 || i >= len(f.Months) {
		return Bucket{}, false
	}
	return f.Months[i], true
}

// Quarter returns the totals of fiscal quarter q (1..4) of fiscal year fy
// under the forecast's fiscal calendar, and false when the range does not
// touch it. A quarter the range covers only in part holds only the
// renewals inside the range, and its From and To say which part.
func (f Forecast) Quarter(fy, q int) (Bucket, bool) {
	return f.rollup(func(b Bucket) bool { return b.FiscalYear == fy && b.Quarter == q }, true)
}

// Year returns the totals of fiscal year fy under the forecast's fiscal
// calendar, and false when the range does not touch it. A year the range
// covers only in part holds only the renewals inside the range.
func (f Forecast) Year(fy int) (Bucket, bool) {
	return f.rollup(func(b Bucket) bool { return b.FiscalYear == fy }, false)
}

// rollup adds the months that match; months of one quarter or year are
// consecutive.
func (f Forecast) rollup(match func(Bucket) bool, quarter bool) (Bucket, bool) {
	var out Bucket
	found := false
	for _, m := range f.Months {
		if !match(m) {
			continue
		}
		if !found {
			out = Bucket{From: m.From, FiscalYear: m.FiscalYear}
			if quarter {
				out.Quarter = m.Quarter
			}
			found = true
		}
		out = out.add(m)
		out.To = m.To
	}
	return out, found
}

// Quarters returns one bucket per fiscal quarter the range touches, in
// order.
func (f Forecast) Quarters() []Bucket {
	return f.groups(func(a, b Bucket) bool { return a.FiscalYear == b.FiscalYear && a.Quarter == b.Quarter }, true)
}

// Years returns one bucket per fiscal year the range touches, in order.
func (f Forecast) Years() []Bucket {
	return f.groups(func(a, b Bucket) bool { return a.FiscalYear == b.FiscalYear }, false)
}

func (f Forecast) groups(same func(a, b Bucket) bool, quarter bool) []Bucket {
	var out []Bucket
	for i, m := range f.Months {
		if i == 0 || !same(f.Months[i-1], m) {
			g := Bucket{From: m.From, FiscalYear: m.FiscalYear}
			if quarter {
				g.Quarter = m.Quarter
			}
			out = append(out, g)
		}
		g := &out[len(out)-1]
		*g = g.add(m)
		g.To = m.To
	}
	return out
}

// Total returns the totals of the whole range; its FiscalYear and Quarter
// are zero.
func (f Forecast) Total() Bucket {
	out := Bucket{From: f.Range.From, To: f.Range.To}
	for _, m := range f.Months {
		out = out.add(m)
	}
	return out
}

type forecastJSON struct {
	AsOf     date.Date           `json:"as_of"`
	Range    DateRange           `json:"range"`
	Fiscal   date.FiscalCalendar `json:"fiscal"`
	Total    *Bucket             `json:"total,omitempty"`
	Years    []Bucket            `json:"years,omitempty"`
	Quarters []Bucket            `json:"quarters,omitempty"`
	Months   []Bucket            `json:"months"`
}

// MarshalJSON encodes the forecast: its as-of date, range and calendar, the
// total, and the buckets per fiscal year, fiscal quarter and month. Every
// amount is an exact quoted decimal ("1500000"), whatever
// shopspring/decimal's package variables say.
func (f Forecast) MarshalJSON() ([]byte, error) {
	total := f.Total()
	months := f.Months
	if months == nil {
		months = []Bucket{}
	}
	return json.Marshal(forecastJSON{
		AsOf: f.AsOf, Range: f.Range, Fiscal: f.Fiscal,
		Total: &total, Years: f.Years(), Quarters: f.Quarters(), Months: months,
	})
}

// UnmarshalJSON decodes a forecast encoded by MarshalJSON. It reads the
// as-of date, the range, the calendar and the months; the total, years and
// quarters are derived from the months and ignored. The zero Forecast's
// encoding decodes back to it.
//
// It returns an error if the as-of date is missing, the range or the
// calendar is invalid, or the months do not match the range one for one
// (spans, fiscal years and quarters). Every error wraps [ErrInvalidRecord]
// and the error that stopped it. On error f is left unchanged.
func (f *Forecast) UnmarshalJSON(b []byte) error {
	if err := f.unmarshalJSON(b); err != nil {
		return decodeErr(ErrInvalidRecord, "forecast", err)
	}
	return nil
}

func (f *Forecast) unmarshalJSON(b []byte) error {
	var v forecastJSON
	if err := jsonstrict.Decode(b, &v); err != nil {
		return err
	}
	if v.AsOf.IsZero() && v.Range == (DateRange{}) && v.Fiscal == (date.FiscalCalendar{}) && len(v.Months) == 0 {
		*f = Forecast{}
		return nil
	}
	if v.AsOf.IsZero() {
		return fieldErr("", "as_of", ErrMissingDate)
	}
	if err := v.Range.Validate(); err != nil {
		return err
	}
	if err := v.Fiscal.Validate(); err != nil {
		return fieldErr("", "fiscal", err)
	}
	fiscal := defaultFiscal(v.Fiscal)
	want := skeleton(v.Range, fiscal)
	if len(v.Months) != len(want) {
		return fieldErr("", "months", fmt.Errorf("%w: %d months for a range of %d", ErrInvalidRecord, len(v.Months), len(want)))
	}
	for i, m := range v.Months {
		w := want[i]
		if m.From != w.From || m.To != w.To || m.FiscalYear != w.FiscalYear || m.Quarter != w.Quarter {
			return fieldErr("", "months", fmt.Errorf("%w: month %d is %s..%s FY%d Q%d, want %s..%s FY%d Q%d",
				ErrInvalidRecord, i, m.From, m.To, m.FiscalYear, m.Quarter, w.From, w.To, w.FiscalYear, w.Quarter))
		}
	}
	*f = Forecast{AsOf: v.AsOf, Range: v.Range, Fiscal: fiscal, Months: v.Months}
	return nil
}

// The six lines every renewal falls in, as indexes of monthAcc.
const (
	linePipeline = iota
	lineBestCase
	lineCommit
	lineOmitted
	lineRenewed
	lineChurned
	numLines
)

// lineAcc accumulates one line of one month without allocating. A total
// that repeats another on its line is accumulated once (see totals).
type lineAcc struct {
	count, flat, upsells, downsells, losts                    int
	target, forecast, risk, final, retained, upsell, downsell money.Sum
}

// totals returns the totals of line. A renewed row's forecast and
// risk-adjusted amounts are its final amount, and a churned row loses its
// target, so those lines accumulate Final and Target only.
func (l *lineAcc) totals(line int) Totals {
	t := Totals{
		Count: l.count, Target: l.target.Decimal(), Forecast: l.forecast.Decimal(),
		RiskAdjusted: l.risk.Decimal(), Final: l.final.Decimal(), Retained: l.retained.Decimal(),
		Upsell: l.upsell.Decimal(), Downsell: l.downsell.Decimal(),
		FlatCount: l.flat, UpsellCount: l.upsells, DownsellCount: l.downsells, LostCount: l.losts,
	}
	switch line {
	case lineRenewed:
		t.Forecast, t.RiskAdjusted = t.Final, t.Final
	case lineChurned:
		t.Lost = t.Target
	}
	return t
}

type monthAcc [numLines]lineAcc

// merge adds o's totals to m.
func (m *monthAcc) merge(o *monthAcc) {
	for i := range m {
		l, ol := &m[i], &o[i]
		l.count += ol.count
		l.flat += ol.flat
		l.upsells += ol.upsells
		l.downsells += ol.downsells
		l.losts += ol.losts
		for _, s := range [...]struct{ to, from *money.Sum }{
			{&l.target, &ol.target}, {&l.forecast, &ol.forecast}, {&l.risk, &ol.risk}, {&l.final, &ol.final},
			{&l.retained, &ol.retained}, {&l.upsell, &ol.upsell}, {&l.downsell, &ol.downsell},
		} {
			s.to.AddSum(*s.from)
		}
	}
}

// Forecast forecasts the renewals of rows that fall in span, as of asOf,
// rolled up by the fiscal calendar fiscal: a few lines over a
// [Forecaster], whose doc says which renewals count and how. It reads the
// book once and holds one row at a time; pass a slice with slices.Values.
//
// Forecast returns the zero Forecast and an error if [NewForecaster] does,
// rows is nil (an error wrapping [ErrNilBook]) or a row is refused: it
// stops at the first, and the *book.RowError names its index and wraps the
// [*FieldError] naming its ID and field.
func (p Policy) Forecast(rows iter.Seq[Renewal], asOf date.Date, span DateRange, fiscal date.FiscalCalendar) (Forecast, error) {
	fc, err := NewForecaster(p, asOf, span, fiscal)
	if err != nil {
		return Forecast{}, err
	}
	if err := book.Feed("renewal", rows, func(r Renewal) error { return fc.add(&r) }); err != nil {
		return Forecast{}, err
	}
	return fc.Result(), nil
}

// Forecaster accumulates a renewal forecast over a book, one row at a
// time: exact totals per calendar month, by forecast category and result,
// which the [Forecast] of [Forecaster.Result] rolls up into fiscal quarters
// and years. [Forecaster.Add] each row, [Forecaster.Merge] the forecasters
// of other parts of the book. It holds one set of totals per month of the
// range, so a book of a million renewals needs the memory of a book of one.
//
// # Which renewals count
//
// Each row is one renewal: its Due, or for an open row without Due the
// contract's first renewal on or after From. It counts when that date falls
// in [From, To), in the calendar month it falls in. A row without Due
// therefore counts once even when its contract renews twice inside a long
// range (forecast one fiscal year at a time); a book of one row per renewal
// cycle, Due set, forecasts every cycle in its month. Unlike the
// renewal-rate convention of [KPICounter] [CS platforms], the contract need
// not have started before the range: every renewal falling in it is
// forecast [ours]. Rows are not checked for duplicate IDs (that would hold
// the whole book): a renewal added twice counts twice.
//
// # As of
//
// asOf is the day the records are read, normally today. A record of a row
// in the range dated after asOf is refused ([ErrRecordAfterAsOf]), not
// silently dropped; rows outside the range are only validated. To replay
// the forecast as of an earlier day (a backtest against what happened),
// add [Renewal.KnownOn] of each row.
//
// # Lines
//
// A renewal with an outcome is closed and falls in the line of its result,
// Renewed or Churned (together the category Closed). An open renewal falls
// in the line of its latest call's category. With no call it is Pipeline at
// its target amount [ours]. A call in category Closed on a renewal with no
// recorded outcome counts as Commit: the CSM commits to it, but nothing is
// booked yet [ours].
//
// # Amounts
//
// Per renewal:
//
//	            open (by latest call)             renewed               churned
//	target      TargetAmount                      TargetAmount          TargetAmount
//	forecast    call amount, target if no call,   final                 0
//	            0 if omitted
//	risk-adj.   max(0, forecast − RiskAdjustment) final                 0
//	final       0                                 final                 0
//	retained    0                                 min(final, target)    0
//	upsell      0                                 max(0, final−target)  0
//	downsell    0                                 max(0, target−final)  0
//	lost        0                                 0                     target
//
// An omitted renewal is left out of the forecast (what the category means
// in a CRM), but its target stays renewable. The risk adjustment is an
// expected loss the host computed elsewhere; it never makes a renewal's
// forecast negative [ours], and it no longer applies once a renewal is
// decided. Booking counts follow [Renewal.Booking]. Amounts are summed
// exactly, with no rounding anywhere; a total keeps the most decimal places
// of any amount in it (yen totals stay integers, 1.50 + 2.25 is 3.75).
//
// A Forecaster not built by NewForecaster refuses every row.
type Forecaster struct {
	policy Policy // resolved and valid
	asOf   date.Date
	span   DateRange
	fiscal date.FiscalCalendar // its end month written out
	first  int                 // monthIndex of span.From
	months []monthAcc
}

// NewForecaster returns an empty forecaster of the renewals in span, read as
// of asOf under policy p and rolled up by the fiscal calendar fiscal (the
// zero calendar ends the year in March and names it by its start year:
// 2027年度 runs April 2027 to March 2028, see [date.FiscalCalendar]).
//
// NewForecaster returns an error if p is invalid (see [Policy.Validate]),
// asOf is zero ([ErrMissingDate]), span is invalid (see
// [DateRange.Validate]) or fiscal is invalid (see
// [date.FiscalCalendar.Validate]).
func NewForecaster(p Policy, asOf date.Date, span DateRange, fiscal date.FiscalCalendar) (*Forecaster, error) {
	r, err := settings(p, asOf)
	if err != nil {
		return nil, err
	}
	if err := span.Validate(); err != nil {
		return nil, err
	}
	if err := fiscal.Validate(); err != nil {
		return nil, fieldErr("", "fiscal", err)
	}
	n := monthIndex(span.To.AddDays(-1)) - monthIndex(span.From) + 1
	return &Forecaster{
		policy: r, asOf: asOf, span: span, fiscal: defaultFiscal(fiscal),
		first: monthIndex(span.From), months: make([]monthAcc, n),
	}, nil
}

// Add validates r and, when its renewal falls in the range, adds it to its
// month (see [Forecaster] for which renewals count). A row that is invalid,
// or in the range and holding a record dated after asOf, is refused with its
// [*FieldError] and leaves the forecaster unchanged. Add allocates nothing
// unless the row is refused or an amount or total outgrows 18 digits.
func (fc *Forecaster) Add(r Renewal) error { return fc.add(&r) }

// add is Add without copying the row.
func (fc *Forecaster) add(r *Renewal) error {
	if fc == nil || fc.asOf.IsZero() {
		return errNotBuilt("NewForecaster")
	}
	first, err := r.validate()
	if err != nil {
		return err
	}
	due := r.renewalOn(first, fc.span.From)
	if !fc.span.Contains(due) {
		return nil
	}
	if err := r.checkAsOf(fc.asOf); err != nil {
		return err
	}
	fc.count(r, &fc.months[monthIndex(due)-fc.first])
	return nil
}

// Merge adds the renewals counted by o to fc, as if they had been added to
// fc. It returns an error wrapping [ErrMismatch], and leaves fc unchanged,
// when o is nil or was built with another policy, as-of date, range or
// calendar.
func (fc *Forecaster) Merge(o *Forecaster) error {
	if fc == nil || o == nil || fc.asOf != o.asOf || fc.span != o.span || fc.fiscal != o.fiscal || !fc.policy.equal(&o.policy) {
		return fmt.Errorf("%w: forecasters of different policies, as-of dates, ranges or calendars", ErrMismatch)
	}
	for i := range fc.months {
		fc.months[i].merge(&o.months[i])
	}
	return nil
}

// Result returns the forecast of the renewals added so far.
func (fc *Forecaster) Result() Forecast {
	if fc == nil || fc.asOf.IsZero() {
		return Forecast{}
	}
	out := Forecast{AsOf: fc.asOf, Range: fc.span, Fiscal: fc.fiscal, Months: skeleton(fc.span, fc.fiscal)}
	for i := range out.Months {
		m, acc := &out.Months[i], &fc.months[i]
		m.Pipeline = acc[linePipeline].totals(linePipeline)
		m.BestCase = acc[lineBestCase].totals(lineBestCase)
		m.Commit = acc[lineCommit].totals(lineCommit)
		m.Omitted = acc[lineOmitted].totals(lineOmitted)
		m.Renewed = acc[lineRenewed].totals(lineRenewed)
		m.Churned = acc[lineChurned].totals(lineChurned)
	}
	return out
}

// count adds the valid row r, which renews in the month of acc, to its
// line.
func (fc *Forecaster) count(r *Renewal, acc *monthAcc) {
	// Each amount is read once and added to several totals.
	target := r.target()

	if o := &r.Outcome; o.Result != ResultOpen {
		if o.Result == ResultChurned {
			l := &acc[lineChurned]
			l.count++
			l.losts++
			l.target.AddAmount(target) // Lost too: see totals
			return
		}
		final := money.Of(o.Final)
		l := &acc[lineRenewed]
		l.count++
		l.target.AddAmount(target)
		l.final.AddAmount(final) // Forecast and RiskAdjusted too: see totals
		switch money.CmpAmounts(final, target) {
		case 1:
			l.upsells++
			l.retained.AddAmount(target)
			l.upsell.AddAmount(final)
			l.upsell.SubAmount(target)
		case -1:
			l.downsells++
			l.retained.AddAmount(final)
			l.downsell.AddAmount(target)
			l.downsell.SubAmount(final)
		default:
			l.flat++
			l.retained.AddAmount(final)
		}
		return
	}

	line, amount := linePipeline, target
	if c, ok := latestCall(r.Calls, fc.asOf); ok {
		line, amount = openLine(c.Category), money.Of(c.Amount)
	}
	l := &acc[line]
	l.count++
	l.target.AddAmount(target)
	if line == lineOmitted {
		return
	}
	l.forecast.AddAmount(amount)
	if risk := money.Of(r.RiskAdjustment); money.CmpAmounts(amount, risk) > 0 {
		l.risk.AddAmount(amount)
		l.risk.SubAmount(risk)
	}
}

// openLine returns the line of an open renewal whose latest call is in
// category c: a Closed call with no recorded outcome counts as Commit.
func openLine(c Category) int {
	switch c {
	case CategoryBestCase:
		return lineBestCase
	case CategoryCommit, CategoryClosed:
		return lineCommit
	case CategoryOmitted:
		return lineOmitted
	}
	return linePipeline
}
