package capacity

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// seed000 is the file of the seed the Japanese benchmarks come from.
const seed000 = "seeds/000_3abb293492796f8a.txt"

// Benchmark is a published figure per CSM, kept as data with its source
// and year. A survey figure is the answer bucket a share of respondents
// chose ("about 50% answered 50 accounts per CSM"): Share is that share of
// respondents, not of CSMs, and Value is the bucket.
type Benchmark struct {
	// ID names the benchmark ("hicustomer-2021-accounts"); required.
	ID string `json:"id"`
	// Source says who published it and where we read it; required.
	Source string `json:"source"`
	// Year is the year of the figure, or of the text that quotes it when
	// the figure itself is undated; 0 when the source carries no date.
	Year int `json:"year,omitempty"`
	// Metric is what the figure measures; required.
	Metric Metric `json:"metric"`
	// Currency is the currency of an ARR figure; required for MetricARR,
	// empty for MetricAccounts.
	Currency Currency `json:"currency,omitempty"`
	// Value is the figure per CSM; positive.
	Value decimal.Decimal `json:"value"`
	// Touch is the touch model the figure is for; zero for any.
	Touch Touch `json:"touch,omitempty"`
	// Scope says whom the figure describes ("vertical SaaS", "ACV up to
	// ¥2.4M").
	Scope string `json:"scope,omitempty"`
	// Share is the share of survey respondents who chose this answer
	// bucket, in [0, 1]; zero when the figure is not a survey share.
	Share decimal.Decimal `json:"share,omitzero"`
	// Note is what a reader must know to use the figure.
	Note string `json:"note,omitempty"`
}

// Validate returns an error wrapping [ErrInvalidRecord], naming the field
// and the benchmark's ID, if:
//   - ID or Source is empty;
//   - Metric is not a declared metric ([ErrUnknownMetric] too);
//   - Year is negative or after 9999;
//   - Currency is missing or invalid for an ARR figure
//     ([ErrInvalidCurrency] too), or given for an accounts figure;
//   - Value is not positive, or out of range ([ErrAmountOutOfRange] too);
//   - Touch is not zero or a declared touch model;
//   - Share is outside [0, 1].
func (b Benchmark) Validate() error {
	bad := func(field string, err error) error {
		return fieldErr("", field, fmt.Errorf("%w: benchmark %s: %w", ErrInvalidRecord, quote(b.ID), err))
	}
	switch {
	case b.ID == "":
		return fieldErr("", "id", fmt.Errorf("%w: empty benchmark ID", ErrInvalidRecord))
	case b.Source == "":
		return bad("source", fmt.Errorf("empty"))
	case !b.Metric.Valid():
		return bad("metric", fmt.Errorf("%w %d", ErrUnknownMetric, b.Metric))
	case b.Year < 0 || b.Year > 9999:
		return bad("year", fmt.Errorf("year %d", b.Year))
	case b.Metric == MetricARR && b.Currency.Validate() != nil:
		return bad("currency", b.Currency.Validate())
	case b.Metric == MetricAccounts && b.Currency != "":
		return bad("currency", fmt.Errorf("an accounts figure has no currency"))
	case !money.Valid(b.Value) || b.Value.IsZero():
		if err := checkAmount(b.Value); err != nil {
			return bad("value", err)
		}
		return bad("value", fmt.Errorf("zero"))
	case b.Touch != 0 && !b.Touch.Valid():
		return bad("touch", fmt.Errorf("%w %d", ErrUnknownTouch, b.Touch))
	case !money.InScale(b.Share) || b.Share.Sign() < 0 || b.Share.GreaterThan(decimal.New(1, 0)):
		return bad("share", fmt.Errorf("%w: share %s", ErrInvalidRate, money.Short(b.Share)))
	}
	return nil
}

// MarshalJSON encodes the benchmark with exact quoted decimals.
func (b Benchmark) MarshalJSON() ([]byte, error) {
	type plain Benchmark
	return json.Marshal(struct {
		plain
		Value money.JSON `json:"value"`
		Share money.JSON `json:"share,omitzero"`
	}{plain(b), money.JSON(b.Value), money.JSON(b.Share)})
}

// UnmarshalJSON decodes a benchmark strictly (unknown keys refused) and
// validates it; errors wrap [ErrInvalidRecord] and b is left alone.
func (b *Benchmark) UnmarshalJSON(data []byte) error {
	type plain Benchmark
	var w struct {
		plain
		Value json.RawMessage `json:"value"`
		Share json.RawMessage `json:"share"`
	}
	if err := jsonstrict.Decode(data, &w); err != nil {
		return decodeErr(ErrInvalidRecord, "benchmark", err)
	}
	v := Benchmark(w.plain)
	if err := decodeFields("", jsonstrict.F("value", w.Value, amount(&v.Value)), jsonstrict.F("share", w.Share, amount(&v.Share))); err != nil {
		return decodeErr(ErrInvalidRecord, "benchmark", err)
	}
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "benchmark", err)
	}
	*b = v
	return nil
}

// Benchmarks returns the published figures this package knows, a fresh
// slice each call, in this order:
//
//   - HiCustomer's Customer Success White Paper 2021, as seed 000 quotes
//     it: about 50% of respondents (horizontal and vertical SaaS alike)
//     answered "50 accounts per CSM"; about 60% of those with ACV up to
//     ¥2.4M (¥200k a month) did; 65% of horizontal and 85% of vertical SaaS
//     respondents answered the "¥50M ARR per CSM" bucket; in the ACV band
//     up to ¥2.4M about 60% are within ¥50M. Shares of respondents in
//     answer buckets, not of CSMs.
//   - The "¥200M rule": SaaStr's founder, as seed 000 quotes him, says to
//     aim eventually for ¥200M ARR per CSM; the author reads "eventually"
//     as ARR ¥10B, which needs 50 CSMs.
//   - Sansan, as seed 000 gives it: ARR ¥15B with about 60 CSMs, ¥250M per
//     CSM.
//   - ClientSuccess's survey of about 600 companies: about $1.72M ARR and
//     104 accounts per CSM (third-party survey quoted in 2021).
//   - Commune: $1M ARR per CSM as the first milestone for high-touch, $2M
//     for low- or tech-touch (undated article).
//
// Figures stay in the currency they were published in.
func Benchmarks() []Benchmark {
	jpy := func(n int64) decimal.Decimal { return decimal.New(n, 6) } // ¥ millions
	hi := "HiCustomer, カスタマーサクセス白書2021 (Customer Success White Paper 2021), as quoted in " + seed000
	cs := "ClientSuccess survey of about 600 companies, as quoted on the Gain Grow Retain community (October 2021): " +
		"https://gaingrowretain.com/discussion/8371/arr-to-csm-ratios-and-benchmarks"
	commune := "Commune, \"ARR per CSM: Industry benchmark and how to improve it\": " +
		"https://commune.us/customer-success/arr-per-csm-industry-bench-mark-and-how-to-improve-it/"
	bucket := "A share of survey respondents in an answer bucket, not a share of CSMs."
	return []Benchmark{
		{ID: "hicustomer-2021-accounts", Source: hi, Year: 2021, Metric: MetricAccounts, Value: decimal.New(50, 0),
			Scope: "horizontal and vertical SaaS alike", Share: decimal.New(5, -1),
			Note: "About 50% of respondents answered the \"50 accounts per CSM\" bucket. " + bucket},
		{ID: "hicustomer-2021-accounts-acv-2.4m", Source: hi, Year: 2021, Metric: MetricAccounts, Value: decimal.New(50, 0),
			Scope: "ACV up to ¥2.4M (¥200k a month)", Share: decimal.New(6, -1),
			Note: "About 60% of respondents in this ACV band answered \"50 accounts per CSM\"; accounts per CSM fall as ACV rises, and the band of ACV ¥6.01M and above has few answers and looks noisy. " + bucket},
		{ID: "hicustomer-2021-arr-horizontal", Source: hi, Year: 2021, Metric: MetricARR, Currency: "JPY", Value: jpy(50),
			Scope: "horizontal SaaS", Share: decimal.New(65, -2),
			Note: "65% of horizontal-SaaS respondents answered the \"¥50M per CSM\" bucket; the author concludes about ¥50M ARR per CSM is the domestic norm. " + bucket},
		{ID: "hicustomer-2021-arr-vertical", Source: hi, Year: 2021, Metric: MetricARR, Currency: "JPY", Value: jpy(50),
			Scope: "vertical SaaS", Share: decimal.New(85, -2),
			Note: "85% of vertical-SaaS respondents answered the \"¥50M per CSM\" bucket. " + bucket},
		{ID: "hicustomer-2021-arr-acv-2.4m", Source: hi, Year: 2021, Metric: MetricARR, Currency: "JPY", Value: jpy(50),
			Scope: "ACV up to ¥2.4M (¥200k a month)", Share: decimal.New(6, -1),
			Note: "About 60% of respondents in this ACV band are within ¥50M per CSM, and 55% answered ¥10M-50M: for this band ¥50M is the top of the usual range, not a floor. " + bucket},
		{ID: "saastr-200m-rule", Source: "SaaStr's founder (the \"¥200M rule\"), as quoted in " + seed000, Year: 2021, Metric: MetricARR, Currency: "JPY", Value: jpy(200),
			Scope: "end state: the author reads \"eventually\" as ARR ¥10B, which needs 50 CSMs",
			Note:  "Seed 000 states the rule in yen; SaaStr's own articles state it in dollars. Each figure stays in its own currency."},
		{ID: "sansan-2021", Source: "Sansan, as given in " + seed000, Year: 2021, Metric: MetricARR, Currency: "JPY", Value: jpy(250),
			Scope: "Sansan: ARR ¥15B with about 60 CSMs",
			Note:  "¥15B / 60 CSMs = ¥250M per CSM; the CSM count is approximate."},
		{ID: "clientsuccess-arr", Source: cs, Year: 2021, Metric: MetricARR, Currency: "USD", Value: decimal.New(172, 4),
			Scope: "about 600 companies",
			Note:  "An average: about $1.72M ARR per CSM. Third-party and directional; the survey's own date is not given where it is quoted."},
		{ID: "clientsuccess-accounts", Source: cs, Year: 2021, Metric: MetricAccounts, Value: decimal.New(104, 0),
			Scope: "about 600 companies",
			Note:  "An average of 104 accounts per CSM, which the person quoting it calls impractical. Third-party and directional."},
		{ID: "commune-high-touch", Source: commune, Metric: MetricARR, Currency: "USD", Value: decimal.New(1, 6),
			Touch: TouchHigh, Scope: "high-touch (about enterprise customers)",
			Note: "The first milestone for high-touch CS, to reach by about $10M ARR; scaled by CSM pay ($0.9M at $90k a year). Undated article."},
		{ID: "commune-tech-touch", Source: commune, Metric: MetricARR, Currency: "USD", Value: decimal.New(2, 6),
			Touch: TouchTech, Scope: "low- or tech-touch (about SMB customers)",
			Note: "The first milestone for low- or tech-touch CS, to reach by about $10M ARR. Undated article."},
	}
}

// Comparison is a plan's figure per CSM set against one benchmark.
type Comparison struct {
	Benchmark string   `json:"benchmark"`          // the benchmark's ID
	Metric    Metric   `json:"metric"`             // what is compared
	Currency  Currency `json:"currency,omitempty"` // the benchmark's currency, for ARR
	// Plan is the plan's figure per CSM, as [Coverage] rounds it; "no
	// data" without CSMs and not given when the currencies differ.
	Plan Figure `json:"plan"`
	// Value is the benchmark's figure.
	Value decimal.Decimal `json:"value"`
	// Ratio is the plan's exact figure divided by the benchmark's, rounded
	// half away from zero to two places: 1.25 is a quarter above it.
	Ratio   Figure  `json:"ratio"`
	Verdict Verdict `json:"verdict"` // meets, below, not comparable or no data
	Why     string  `json:"why"`     // the comparison in words
}

// MarshalJSON encodes the comparison with exact quoted decimals.
func (c Comparison) MarshalJSON() ([]byte, error) {
	type plain Comparison
	return json.Marshal(struct {
		plain
		Value money.JSON `json:"value"`
	}{plain(c), money.JSON(c.Value)})
}

// UnmarshalJSON decodes what MarshalJSON writes; errors wrap
// [ErrInvalidRecord].
func (c *Comparison) UnmarshalJSON(b []byte) error {
	type plain Comparison
	var w struct {
		plain
		Value money.JSON `json:"value"`
	}
	if err := jsonstrict.Decode(b, &w); err != nil {
		return decodeErr(ErrInvalidRecord, "comparison", err)
	}
	v := Comparison(w.plain)
	v.Value = decimal.Decimal(w.Value)
	if !money.InScale(v.Value) {
		return decodeErr(ErrInvalidRecord, "comparison", checkAmount(v.Value))
	}
	*c = v
	return nil
}

// Compare sets c against each benchmark, in order. A plan meets a
// benchmark when it carries at least the benchmark's figure per CSM,
// compared exactly (ARR ≥ Value × CSMs), not from rounded figures. Meeting
// an ARR figure is efficiency; meeting an accounts figure may as well be
// overload: the comparison says which figure it is and leaves the reading
// to the reader. An ARR benchmark in a currency other than c's is
// [VerdictNotComparable]: amounts are never converted. A coverage with no
// CSMs is [VerdictNoData].
//
// Compare returns an error if c or a benchmark is invalid (see
// [Coverage.Validate], [Benchmark.Validate]).
func Compare(c Coverage, benchmarks []Benchmark) ([]Comparison, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	out := make([]Comparison, 0, len(benchmarks))
	for _, b := range benchmarks {
		if err := b.Validate(); err != nil {
			return nil, err
		}
		out = append(out, compare(c, b))
	}
	return out, nil
}

func compare(c Coverage, b Benchmark) Comparison {
	r := Comparison{Benchmark: b.ID, Metric: b.Metric, Currency: b.Currency, Value: b.Value}
	unit := func(d decimal.Decimal) string { return money.Format(d) + " accounts" }
	have := decimal.NewFromInt(int64(c.Accounts))
	r.Plan = c.AccountsPerCSM()
	if b.Metric == MetricARR {
		if b.Currency != c.Currency {
			r.Plan = Figure{}
			r.Verdict = VerdictNotComparable
			r.Why = fmt.Sprintf("the plan is in %s and the benchmark in %s: amounts are never converted", c.Currency, b.Currency)
			return r
		}
		unit = func(d decimal.Decimal) string { return string(b.Currency) + " " + money.Format(d) }
		have = c.ARR
		r.Plan = c.ARRPerCSM()
	}
	if c.CSMs <= 0 {
		r.Verdict = VerdictNoData
		r.Why = "no CSMs: no figure per CSM"
		return r
	}
	n := decimal.NewFromInt(int64(c.CSMs))
	r.Ratio = defined(have.DivRound(b.Value.Mul(n), 2))
	if have.Cmp(b.Value.Mul(n)) >= 0 {
		r.Verdict = VerdictMeets
		r.Why = fmt.Sprintf("%s per CSM meets %s (%s×)", unit(r.Plan.Value), unit(b.Value), money.Format(r.Ratio.Value))
	} else {
		r.Verdict = VerdictBelow
		r.Why = fmt.Sprintf("%s per CSM is below %s (%s×)", unit(r.Plan.Value), unit(b.Value), money.Format(r.Ratio.Value))
	}
	return r
}
