package roi

import (
	"encoding/json"
	"fmt"
	"iter"
	"slices"

	"github.com/cskit/cskit/internal/book"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Estimate is one account's derived figures, a row of a portfolio: the
// benefit range and the annual cost. [Derivation.Estimate] makes one; a
// host may also store estimates and stream them back.
type Estimate struct {
	Account    string          `json:"account"`
	Benefit    Range           `json:"benefit"`     // not negative
	AnnualCost decimal.Decimal `json:"annual_cost"` // > 0
}

// Validate checks the estimate.
//
// Validate returns an error if:
//   - the account is empty ([ErrMissing]);
//   - the annual cost's exponent is outside ±100 ([ErrAmountOutOfRange])
//     or the cost is not positive ([ErrCostNotPositive]);
//   - the benefit is not a valid range ([ErrAmountOutOfRange],
//     [ErrRangeOrder]) or is negative ([ErrNegative]).
//
// Errors are [*FieldError] values naming the account and the field.
func (e Estimate) Validate() error {
	if e.Account == "" {
		return fieldErr("account", ErrMissing)
	}
	if err := checkCost(e.AnnualCost); err != nil {
		return owned("account", e.Account, fieldErr("annual_cost", err))
	}
	if err := checkInput(e.Benefit, MeasureMoney); err != nil {
		return owned("account", e.Account, fieldErr("benefit", err))
	}
	return nil
}

// estimateJSON is the wire form of an Estimate.
type estimateJSON struct {
	Account    string     `json:"account"`
	Benefit    Range      `json:"benefit"`
	AnnualCost money.JSON `json:"annual_cost"`
}

// MarshalJSON encodes the estimate with its amounts as quoted exact
// decimals.
func (e Estimate) MarshalJSON() ([]byte, error) {
	return json.Marshal(estimateJSON{e.Account, e.Benefit, money.JSON(e.AnnualCost)})
}

// UnmarshalJSON decodes an estimate and validates it; every field is
// required. Every error wraps [ErrInvalidCase] and names the account and
// the field; on error e is left unchanged.
func (e *Estimate) UnmarshalJSON(b []byte) error {
	return decodeAs(b, e, ErrInvalidCase, "estimate", func(w estimateIn) (Estimate, error) {
		benefit, err := w.Benefit.get("benefit")
		var cost money.JSON
		if err == nil {
			cost, err = w.AnnualCost.get("annual_cost")
		}
		if err != nil {
			return Estimate{}, owned("account", w.Account, err)
		}
		return validated(Estimate{w.Account, benefit, decimal.Decimal(cost)}, nil)
	})
}

// estimateIn is the wire form an Estimate decodes from.
type estimateIn struct {
	Account    string         `json:"account"`
	Benefit    in[Range]      `json:"benefit"`
	AnnualCost in[money.JSON] `json:"annual_cost"`
}

// MaxCuts is the most band boundaries a [PortfolioConfig] may have.
const MaxCuts = 32

// maxCut bounds a boundary's size: 10^12, an ROI of a hundred billion
// percent, so that every boundary fits an int64 in units of 10^-ROIPlaces.
var maxCut = decimal.New(1, 12)

// PortfolioConfig says how a [Portfolio] bands its accounts' ROI.
//
// The zero PortfolioConfig means the defaults ([DefaultPortfolioConfig]).
type PortfolioConfig struct {
	// Cuts are the boundaries of the ROI bands, strictly ascending, each
	// with at most ROIPlaces decimal places and at most 10^12 in size, at
	// most MaxCuts of them. n cuts make n+1 bands; an ROI exactly on a cut
	// falls in the band above it. Empty means the default 0, 1, 3 [ours]:
	// below cost, up to double the money back, up to four times, and more.
	Cuts []decimal.Decimal `json:"cuts"`
}

// DefaultPortfolioConfig returns the defaults a zero PortfolioConfig
// means: cuts at ROI 0, 1 and 3 (0%, 100%, 300%).
func DefaultPortfolioConfig() PortfolioConfig {
	return PortfolioConfig{Cuts: []decimal.Decimal{decimal.New(0, 0), decimal.New(1, 0), decimal.New(3, 0)}}
}

// withDefaults returns c with its empty fields set to the defaults.
func (c PortfolioConfig) withDefaults() PortfolioConfig {
	if len(c.Cuts) == 0 {
		c.Cuts = DefaultPortfolioConfig().Cuts
	}
	return c
}

// Validate checks the config.
//
// Validate returns an error wrapping [ErrInvalidConfig] if there are more
// than MaxCuts cuts, or a cut is out of scale ([ErrAmountOutOfRange]),
// has more than ROIPlaces decimal places, is larger than 10^12 in size, or
// is not above the cut before it.
func (c PortfolioConfig) Validate() error {
	if len(c.Cuts) > MaxCuts {
		return fieldErr("cuts", fmt.Errorf("%w: %d cuts, more than %d", ErrInvalidConfig, len(c.Cuts), MaxCuts))
	}
	for i, d := range c.Cuts {
		at := index("cuts", i)
		switch {
		case !money.InScale(d):
			return fieldErr(at, fmt.Errorf("%w: %w: exponent %d", ErrInvalidConfig, ErrAmountOutOfRange, d.Exponent()))
		case d.Abs().Cmp(maxCut) > 0:
			return fieldErr(at, fmt.Errorf("%w: %s is larger than 10^12", ErrInvalidConfig, num(d)))
		case !d.Shift(ROIPlaces).IsInteger():
			return fieldErr(at, fmt.Errorf("%w: %s has more than %d decimal places", ErrInvalidConfig, num(d), ROIPlaces))
		case i > 0 && d.Cmp(c.Cuts[i-1]) <= 0:
			return fieldErr(at, fmt.Errorf("%w: %s is not above %s", ErrInvalidConfig, num(d), num(c.Cuts[i-1])))
		}
	}
	return nil
}

// UnmarshalJSON decodes a config and validates it; a missing or empty
// "cuts" keeps the default. Every error wraps [ErrInvalidConfig]; on error
// c is left unchanged.
func (c *PortfolioConfig) UnmarshalJSON(b []byte) error {
	type wire struct {
		Cuts []in[money.JSON] `json:"cuts"`
	}
	return decodeAs(b, c, ErrInvalidConfig, "portfolio config", func(w wire) (PortfolioConfig, error) {
		var v PortfolioConfig
		for i, x := range w.Cuts {
			d, err := x.get(index("cuts", i))
			if err != nil {
				return v, err
			}
			v.Cuts = append(v.Cuts, decimal.Decimal(d))
		}
		return validated(v, nil)
	})
}

// MarshalJSON encodes the cuts as quoted exact decimals.
func (c PortfolioConfig) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Cuts []money.JSON `json:"cuts"`
	}{toJSON(c.Cuts)})
}

func toJSON(ds []decimal.Decimal) []money.JSON {
	if ds == nil {
		return nil
	}
	out := make([]money.JSON, len(ds))
	for i, d := range ds {
		out[i] = money.JSON(d)
	}
	return out
}

// Portfolio is the accumulator of ROI over a book of accounts' estimates:
// [Portfolio.Add] one [Estimate] at a time, [Portfolio.Merge] portfolios
// built over parts of the book, and read the [Summary] with
// [Portfolio.Result]. It holds no row: memory stays flat however long the
// book.
//
// Adding an estimate allocates nothing when its amounts have at most 18
// digits and exponents within 18 of each other (any book of money does):
// totals are kept in exact int64 sums ([money.Sum]) and each account's ROI
// is computed in int64 arithmetic, the same value [Case.Derive] gives.
//
// An account added twice counts twice: the portfolio keeps no set of
// accounts. The zero Portfolio is empty, with the default config. A
// Portfolio is not safe for concurrent use; give each goroutine its own and
// merge them.
type Portfolio struct {
	cfg     PortfolioConfig
	cuts    []int64 // cfg.Cuts in units of 10^-ROIPlaces
	n       int
	cost    money.Sum
	benefit [3]money.Sum
	bands   [][3]int // bands[i][point]: ROI in [cuts[i−1], cuts[i])
	never   [3]int
	lowest  extreme
	highest extreme
}

// extreme is the account with the lowest or highest base-point ROI seen.
type extreme struct {
	set     bool
	account string
	r       ratio
}

// NewPortfolio returns an empty portfolio for the config, which it
// validates once.
//
// NewPortfolio returns an error if the config does not validate (see
// [PortfolioConfig.Validate]).
func NewPortfolio(cfg PortfolioConfig) (*Portfolio, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	p := &Portfolio{}
	p.setup(cfg)
	return p, nil
}

// setup makes p an empty portfolio for a valid config.
func (p *Portfolio) setup(cfg PortfolioConfig) {
	cfg = cfg.withDefaults()
	cfg.Cuts = slices.Clone(cfg.Cuts) // the caller may reuse its slice
	*p = Portfolio{cfg: cfg, cuts: make([]int64, len(cfg.Cuts)), bands: make([][3]int, len(cfg.Cuts)+1)}
	for i, d := range cfg.Cuts {
		p.cuts[i] = d.Shift(ROIPlaces).IntPart()
	}
}

// ready sets up a zero Portfolio with the default config.
func (p *Portfolio) ready() {
	if p.bands == nil {
		p.setup(PortfolioConfig{})
	}
}

// band returns the index of r's band.
func (p *Portfolio) band(r ratio) int {
	if !r.big {
		for i, c := range p.cuts {
			if r.v < c {
				return i
			}
		}
		return len(p.cuts)
	}
	for i, c := range p.cfg.Cuts {
		if r.d.Cmp(c) < 0 {
			return i
		}
	}
	return len(p.cuts)
}

// Add validates one estimate and counts it. A refused estimate leaves the
// portfolio unchanged.
//
// Add returns an error if the portfolio is nil ([ErrNilPortfolio]) or the
// estimate does not validate (see [Estimate.Validate]).
func (p *Portfolio) Add(e Estimate) error {
	if p == nil {
		return ErrNilPortfolio
	}
	if err := e.Validate(); err != nil {
		return err
	}
	p.ready()
	pts := [3]decimal.Decimal{e.Benefit.Low, e.Benefit.Base, e.Benefit.High}
	var rs [3]ratio
	for i, b := range pts {
		rs[i] = ratioOf(b, e.AnnualCost)
	}
	p.n++
	p.cost.Add(e.AnnualCost)
	for i, b := range pts {
		p.benefit[i].Add(b)
		p.bands[p.band(rs[i])][i]++
		if b.Sign() == 0 {
			p.never[i]++
		}
	}
	p.lowest.offer(e.Account, rs[1], -1)
	p.highest.offer(e.Account, rs[1], 1)
	return nil
}

// offer keeps the account if its ratio is further in direction dir (−1
// lowest, +1 highest) than the one kept, or as far and its account sorts
// first, so that the result does not depend on the order of the rows.
func (x *extreme) offer(account string, r ratio, dir int) {
	if x.set {
		c := r.cmp(x.r) * dir
		if c < 0 || (c == 0 && account >= x.account) {
			return
		}
	}
	*x = extreme{set: true, account: account, r: r}
}

// Merge adds the counts of o, a portfolio built with the same config over
// another part of the book, as if its estimates had been added to p. o is
// unchanged. Merging in any grouping gives the result of one pass.
//
// Merge returns an error if p or o is nil ([ErrNilPortfolio]) or they were
// built with different configs ([ErrConfigMismatch]).
func (p *Portfolio) Merge(o *Portfolio) error {
	if p == nil || o == nil {
		return ErrNilPortfolio
	}
	p.ready()
	if o.bands == nil { // a zero Portfolio: empty, with the default config
		var def Portfolio
		def.ready()
		o = &def
	}
	if !slices.Equal(p.cuts, o.cuts) {
		return ErrConfigMismatch
	}
	p.n += o.n
	p.cost.AddSum(o.cost)
	for i := range p.benefit {
		p.benefit[i].AddSum(o.benefit[i])
		p.never[i] += o.never[i]
	}
	for i := range p.bands {
		for j := range p.bands[i] {
			p.bands[i][j] += o.bands[i][j]
		}
	}
	if o.lowest.set {
		p.lowest.offer(o.lowest.account, o.lowest.r, -1)
		p.highest.offer(o.highest.account, o.highest.r, 1)
	}
	return nil
}

// Result returns the summary of the estimates added so far. A nil or zero
// portfolio has the summary of an empty book with the default config.
func (p *Portfolio) Result() Summary {
	if p == nil || p.bands == nil {
		var e Portfolio
		e.ready()
		return e.Result()
	}
	s := Summary{
		Accounts:   p.n,
		AnnualCost: p.cost.Decimal(),
		Benefit:    Range{p.benefit[0].Decimal(), p.benefit[1].Decimal(), p.benefit[2].Decimal()},
		Cuts:       slices.Clone(p.cfg.Cuts),
		Bands:      make([]Counts, len(p.bands)),
		Never:      Counts{p.never[0], p.never[1], p.never[2]},
	}
	for i, b := range p.bands {
		s.Bands[i] = Counts{b[0], b[1], b[2]}
	}
	if p.n > 0 {
		r := rangeROI(s.Benefit, s.AnnualCost)
		pb := rangePayback(s.Benefit, s.AnnualCost)
		s.ROI, s.Payback = &r, &pb
		s.Lowest = &Extreme{p.lowest.account, p.lowest.r.dec()}
		s.Highest = &Extreme{p.highest.account, p.highest.r.dec()}
	}
	return s
}

// Summarize adds every estimate of a book to a new portfolio for cfg and
// returns its summary. It stops at the first estimate refused, with an
// error naming its 0-based index ([*book.RowError]) that wraps Add's
// error; a nil book is an error wrapping [ErrNilBook].
func Summarize(cfg PortfolioConfig, estimates iter.Seq[Estimate]) (Summary, error) {
	p, err := NewPortfolio(cfg)
	if err != nil {
		return Summary{}, err
	}
	if err := book.Feed("roi", estimates, p.Add); err != nil {
		return Summary{}, err
	}
	return p.Result(), nil
}

// Summary is the ROI of a book of accounts: totals, the ROI of the
// totals, and how the accounts' own ROI spread over the bands.
//
// Totals are exact. The book's ROI and payback are those of its totals, so
// an account weighs by its cost; they are nil for an empty book (no data,
// never a 0% ROI). They round as a derivation's do: the ROI down to
// ROIPlaces, the payback up to PaybackPlaces. Each account's ROI, at each
// point of its range, is rounded down to ROIPlaces before it is banded, as
// [Case.Derive] shows it, so an account never lands in a band above its
// exact ROI.
type Summary struct {
	Accounts   int               `json:"accounts"`       // estimates added
	AnnualCost decimal.Decimal   `json:"annual_cost"`    // Σ annual cost
	Benefit    Range             `json:"benefit"`        // Σ benefit at each point
	ROI        *Range            `json:"roi"`            // (Benefit − AnnualCost) / AnnualCost at each point, rounded down to ROIPlaces; nil when empty
	Payback    *Paybacks         `json:"payback_months"` // AnnualCost / (Benefit / 12) at each point, rounded up to PaybackPlaces; nil when empty
	Cuts       []decimal.Decimal `json:"cuts"`           // the band boundaries
	Bands      []Counts          `json:"bands"`          // Bands[i]: accounts with ROI in [Cuts[i−1], Cuts[i]), at each point
	Never      Counts            `json:"never"`          // accounts whose benefit is zero at each point: payback never
	Lowest     *Extreme          `json:"lowest"`         // the lowest base-point ROI (ties: the account that sorts first); nil when empty
	Highest    *Extreme          `json:"highest"`        // the highest base-point ROI (ties: the account that sorts first); nil when empty
}

// Counts is a number of accounts at each point of the range.
type Counts struct {
	Low  int `json:"low"`
	Base int `json:"base"`
	High int `json:"high"`
}

// Extreme is one account's ROI at the base point.
type Extreme struct {
	Account string          `json:"account"`
	ROI     decimal.Decimal `json:"roi"`
}

type extremeJSON struct {
	Account string     `json:"account"`
	ROI     money.JSON `json:"roi"`
}

// MarshalJSON encodes the ROI as a quoted exact decimal.
func (x Extreme) MarshalJSON() ([]byte, error) {
	return json.Marshal(extremeJSON{x.Account, money.JSON(x.ROI)})
}

// UnmarshalJSON decodes an extreme. Every error wraps [ErrInvalidResult];
// on error x is left unchanged.
func (x *Extreme) UnmarshalJSON(b []byte) error {
	return decodeAs(b, x, ErrInvalidResult, "extreme", func(w extremeJSON) (Extreme, error) {
		if d := decimal.Decimal(w.ROI); !money.InScale(d) {
			return Extreme{}, fmt.Errorf("%w: exponent %d", ErrAmountOutOfRange, d.Exponent())
		}
		return Extreme{w.Account, decimal.Decimal(w.ROI)}, nil
	})
}

type summaryJSON struct {
	Accounts   int          `json:"accounts"`
	AnnualCost money.JSON   `json:"annual_cost"`
	Benefit    Range        `json:"benefit"`
	ROI        *Range       `json:"roi"`
	Payback    *Paybacks    `json:"payback_months"`
	Cuts       []money.JSON `json:"cuts"`
	Bands      []Counts     `json:"bands"`
	Never      Counts       `json:"never"`
	Lowest     *Extreme     `json:"lowest"`
	Highest    *Extreme     `json:"highest"`
}

// MarshalJSON encodes the summary with every amount as a quoted exact
// decimal; the ROI, payback and extremes of an empty book are null.
func (s Summary) MarshalJSON() ([]byte, error) {
	return json.Marshal(summaryJSON{s.Accounts, money.JSON(s.AnnualCost), s.Benefit, s.ROI, s.Payback,
		toJSON(s.Cuts), s.Bands, s.Never, s.Lowest, s.Highest})
}

// UnmarshalJSON decodes a summary (strictly). Every error wraps
// [ErrInvalidResult]; on error s is left unchanged.
func (s *Summary) UnmarshalJSON(b []byte) error {
	return decodeAs(b, s, ErrInvalidResult, "summary", func(w summaryJSON) (Summary, error) {
		v := Summary{Accounts: w.Accounts, AnnualCost: decimal.Decimal(w.AnnualCost), Benefit: w.Benefit,
			ROI: w.ROI, Payback: w.Payback, Bands: w.Bands, Never: w.Never, Lowest: w.Lowest, Highest: w.Highest}
		if !money.InScale(v.AnnualCost) {
			return Summary{}, fmt.Errorf("%w: annual_cost exponent %d", ErrAmountOutOfRange, v.AnnualCost.Exponent())
		}
		for _, d := range w.Cuts {
			if !money.InScale(decimal.Decimal(d)) {
				return Summary{}, fmt.Errorf("%w: cut exponent %d", ErrAmountOutOfRange, decimal.Decimal(d).Exponent())
			}
			v.Cuts = append(v.Cuts, decimal.Decimal(d))
		}
		return v, nil
	})
}
