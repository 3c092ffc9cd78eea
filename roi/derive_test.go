package roi

import (
	"errors"
	"slices"
	"testing"

	"github.com/cskit/cskit/internal/money"
	"github.com/stretchr/testify/require"
)

func TestDeriveSeedCase(t *testing.T) {
	r, err := seedCase().Derive()
	require.NoError(t, err)
	require.Len(t, r.Contributions, 2)

	leads := r.Contributions[0]
	require.Equal(t, EffectRevenue, leads.Effect)
	require.Len(t, leads.Steps, 5)
	requireRange(t, pt("4000"), leads.Steps[0].Result, "leads")
	requireRange(t, rg("400", "600", "800"), leads.Steps[1].Result, "meetings")         // 4000 × 0.10 / 0.15 / 0.20
	requireRange(t, rg("120", "240", "400"), leads.Steps[2].Result, "opportunities")    // 400 × 0.3, 600 × 0.4, 800 × 0.5
	requireRange(t, rg("24", "60", "120"), leads.Steps[3].Result, "deals won")          // 120 × 0.2, 240 × 0.25, 400 × 0.3
	requireRange(t, rg("24e6", "72e6", "180e6"), leads.Steps[4].Result, "revenue")      // 24 × 1.0M, 60 × 1.2M, 120 × 1.5M
	requireRange(t, rg("24e6", "72e6", "180e6"), leads.Benefit, "revenue contribution") // the last step

	contacts := r.Contributions[1]
	require.Equal(t, EffectCost, contacts.Effect)
	requireRange(t, rg("1000", "2000", "3000"), contacts.Steps[1].Result, "reused") // 20000 × 0.05 / 0.1 / 0.15
	requireRange(t, rg("5e6", "20e6", "60e6"), contacts.Benefit, "cost reduction")  // 1000 × 5000, 2000 × 10000, 3000 × 20000

	requireRange(t, rg("24e6", "72e6", "180e6"), r.Revenue, "revenue")
	requireRange(t, rg("5e6", "20e6", "60e6"), r.CostReduction, "cost")
	requireRange(t, rg("29e6", "92e6", "240e6"), r.Benefit, "benefit") // 24+5, 72+20, 180+60 (millions)
	// (29 − 12) / 12 = 1.41666… → 1.4166 (down); (92 − 12) / 12 =
	// 6.66666… → 6.6666; (240 − 12) / 12 = 19.
	require.Equal(t, "1.4166", money.Format(r.ROI.Low))
	require.Equal(t, "6.6666", money.Format(r.ROI.Base))
	require.Equal(t, "19.0000", money.Format(r.ROI.High))
	require.EqualValues(t, -ROIPlaces, r.ROI.High.Exponent(), "an ROI has exactly ROIPlaces places")
	// 12 × 12 / 29 = 4.965… → 5.0 (up); 144 / 92 = 1.565… → 1.6;
	// 144 / 240 = 0.6.
	require.Equal(t, "5.0 months", r.Payback.Low.String())
	require.Equal(t, "1.6 months", r.Payback.Base.String())
	require.Equal(t, "0.6 months", r.Payback.High.String())
}

func TestExplainSeedCase(t *testing.T) {
	r, err := seedCase().Derive()
	require.NoError(t, err)
	// The figures are those of TestDeriveSeedCase.
	want := `ROI for acme (low / base / high)
1. visualise the network: offline leads → revenue increase
   offline leads: 4,000 leads
   × meeting rate 10% / 15% / 20% = 400 / 600 / 800 meetings
   × opportunity rate 30% / 40% / 50% = 120 / 240 / 400 opportunities
   × win rate 20% / 25% / 30% = 24 / 60 / 120 deals won
   × average deal size JPY 1,000,000 / 1,200,000 / 1,500,000 = JPY 24,000,000 / 72,000,000 / 180,000,000 revenue increase
2. share the network: contacts stored → cost reduction
   contacts stored: 20,000 contacts
   × share reused 5% / 10% / 15% = 1,000 / 2,000 / 3,000 contacts reused
   × cost to create one from scratch JPY 5,000 / 10,000 / 20,000 = JPY 5,000,000 / 20,000,000 / 60,000,000 cost reduction
Revenue increase: JPY 24,000,000 / 72,000,000 / 180,000,000
Cost reduction: JPY 5,000,000 / 20,000,000 / 60,000,000
Benefit: JPY 29,000,000 / 92,000,000 / 240,000,000
Annual cost: JPY 12,000,000
ROI = (benefit − annual cost) / annual cost: 141.66% / 666.66% / 1,900%
Payback = annual cost / (benefit / 12): 5 / 1.6 / 0.6 months
`
	require.Equal(t, want, r.Explain())
}

func TestExplainRoundsResultsNotInputs(t *testing.T) {
	c := Case{Account: "b", AnnualCost: d("1000"), Scenarios: []Scenario{{
		Name: "save time", Metric: Metric{Name: "hours saved", Value: rg("0", "10.5", "12.125")},
		Logic: HoursLogic{HourlyCost: rg("33.333", "33.333", "40")},
	}}}
	r, err := c.Derive()
	require.NoError(t, err)
	// 0 × 33.333 = 0; 10.5 × 33.333 = 349.9965 → 349.99 (down, never
	// written as the 350 it does not reach); 12.125 × 40 = 485. Benefit
	// 0 / 349.9965 / 485 against cost 1000: ROI −1, (349.9965 − 1000) /
	// 1000 = −0.6500035 → −0.6501 (down), −0.515; payback never,
	// 12000 / 349.9965 = 34.286… → 34.3 (up), 12000 / 485 = 24.74… → 24.8.
	want := `ROI for b (low / base / high)
1. save time: hours saved → cost reduction
   hours saved: 0 / 10.5 / 12.125
   × loaded hourly cost 33.333 / 33.333 / 40 = 0 / 349.99 / 485 cost reduction
Benefit: 0 / 349.99 / 485
Annual cost: 1,000
ROI = (benefit − annual cost) / annual cost: -100% / -65.01% / -51.5%
Payback = annual cost / (benefit / 12): never / 34.3 / 24.8 months
`
	require.Equal(t, want, r.Explain())
	require.True(t, r.Payback.Low.Never)
	require.True(t, r.Payback.Low.Months.IsZero())
	require.Equal(t, "-0.6501", money.Format(r.ROI.Base))
}

// TestExplainWritesTheCostExactly checks that the annual cost, an input,
// is never rounded down in the text: a smaller cost would show a better
// ROI than the one computed.
func TestExplainWritesTheCostExactly(t *testing.T) {
	c := Case{Account: "c", AnnualCost: d("1000.009"), Scenarios: []Scenario{{
		Name: "save time", Metric: Metric{Name: "hours saved", Value: pt("10")}, Logic: HoursLogic{HourlyCost: pt("200.0049")},
	}}}
	r, err := c.Derive()
	require.NoError(t, err)
	// 10 × 200.0049 = 2000.049 → 2,000.04 (down); ROI (2000.049 −
	// 1000.009) / 1000.009 = 1000.04 / 1000.009 = 1.000030… → 100%;
	// payback 12000.108 / 2000.049 = 5.99990… → 6.0 (up), written 6.
	require.Contains(t, r.Explain(), "Benefit: 2,000.04\nAnnual cost: 1,000.009\nROI = (benefit − annual cost) / annual cost: 100%\nPayback = annual cost / (benefit / 12): 6 months\n")
	s, err := Summarize(PortfolioConfig{}, slices.Values([]Estimate{r.Estimate()}))
	require.NoError(t, err)
	require.Contains(t, s.Explain(""), "Benefit: 2,000.04\nAnnual cost: 1,000.009\n")
}

func TestExplainAllNever(t *testing.T) {
	c := Case{Account: "z", AnnualCost: d("1"), Scenarios: []Scenario{{
		Name: "s", Metric: Metric{Name: "m", Value: pt("0")}, Logic: HoursLogic{HourlyCost: pt("5")},
	}}}
	r, err := c.Derive()
	require.NoError(t, err)
	// benefit 0 at every point: ROI (0 − 1) / 1 = −1, payback never.
	require.Contains(t, r.Explain(), "ROI = (benefit − annual cost) / annual cost: -100%\nPayback = annual cost / (benefit / 12): never\n")
}

// hostLogic is a host's own logic: support tickets avoided × minutes per
// ticket, valued per minute, then a fixed cost subtracted.
type hostLogic struct {
	minutes, perMinute, fixed Range
	last                      Measure
	fail                      error
}

func (hostLogic) Effect() Effect { return EffectCost }

func (h hostLogic) Steps(Metric) ([]Step, error) {
	if h.fail != nil {
		return nil, h.fail
	}
	last := h.last
	if last == 0 {
		last = MeasureMoney
	}
	steps := []Step{
		{Op: OpMultiply, Name: "minutes per ticket", Measure: MeasureCount, Operand: h.minutes, Unit: "minutes", Yields: MeasureCount},
		{Op: OpMultiply, Name: "cost per minute", Measure: MeasureMoney, Operand: h.perMinute, Yields: last},
	}
	if h.fixed != (Range{}) {
		steps = append(steps, Step{Op: OpSubtract, Name: "running cost", Measure: MeasureMoney, Operand: h.fixed, Yields: MeasureMoney})
	}
	return steps, nil
}

func TestHostLogic(t *testing.T) {
	c := Case{Account: "h", AnnualCost: d("100000"), Scenarios: []Scenario{{
		Name:   "self-service help",
		Metric: Metric{Name: "tickets avoided", Unit: "tickets", Value: rg("1000", "2000", "3000")},
		Logic:  hostLogic{minutes: rg("10", "15", "20"), perMinute: pt("50"), fixed: pt("100000")},
	}}}
	r, err := c.Derive()
	require.NoError(t, err)
	// 1000 × 10 = 10,000 min, 2000 × 15 = 30,000, 3000 × 20 = 60,000;
	// × 50 = 500,000 / 1,500,000 / 3,000,000; − 100,000 = 400,000 / 1,400,000 / 2,900,000.
	requireRange(t, rg("400000", "1400000", "2900000"), r.Benefit, "benefit")
	require.Equal(t, OpSubtract, r.Contributions[0].Steps[3].Op)
	// (400000 − 100000) / 100000 = 3; 13; 28.
	requireRange(t, rg("3", "13", "28"), r.ROI, "roi")
	require.Contains(t, r.Explain(), "   − running cost 100,000 = 400,000 / 1,400,000 / 2,900,000\n")
}

func TestHostLogicErrors(t *testing.T) {
	base := func(l Logic) Case {
		return Case{Account: "h", AnnualCost: d("100"), Scenarios: []Scenario{{
			Name: "s", Metric: Metric{Name: "tickets", Value: rg("1000", "1000", "1000")}, Logic: l,
		}}}
	}
	boom := errors.New("host: rates table unavailable")
	var nilPtr *RevenueLogic
	var nilHost *hostPtr
	for _, tc := range []struct {
		name  string
		logic Logic
		want  error
		field string
	}{
		{"the logic breaks the order", hostLogic{minutes: pt("1"), perMinute: pt("1"), fixed: rg("0", "0", "999")},
			// 1000 − 0, 1000 − 0, 1000 − 999 = 1000 / 1000 / 1: base > high
			ErrRangeOrder, "scenarios[0].logic.steps[2].result"},
		{"a negative benefit", hostLogic{minutes: pt("1"), perMinute: pt("1"), fixed: pt("1001")}, // 1000 − 1001 = −1
			ErrNegative, "scenarios[0].logic"},
		{"Steps fails", hostLogic{fail: boom}, boom, "scenarios[0].logic"},
		{"Steps fails, by sentinel", hostLogic{fail: boom}, ErrInvalidLogic, "scenarios[0].logic"},
		{"the last step yields a count", hostLogic{minutes: pt("1"), perMinute: pt("1"), last: MeasureCount},
			ErrInvalidLogic, "scenarios[0].logic"},
		{"a step with a rate above 1", badStep{Step{Op: OpMultiply, Name: "x", Measure: MeasureRate, Operand: pt("1.5"), Yields: MeasureMoney}},
			ErrRateOutOfRange, "scenarios[0].logic.steps[0].operand"},
		{"a step with OpMetric", badStep{Step{Op: OpMetric, Name: "x", Measure: MeasureCount, Yields: MeasureMoney}},
			ErrUnknownOp, "scenarios[0].logic.steps[0].op"},
		{"a step without a name", badStep{Step{Op: OpAdd, Measure: MeasureCount, Yields: MeasureMoney}},
			ErrMissing, "scenarios[0].logic.steps[0].name"},
		{"a step with no measure", badStep{Step{Op: OpAdd, Name: "x", Yields: MeasureMoney}},
			ErrUnknownMeasure, "scenarios[0].logic.steps[0].measure"},
		{"a step yielding a rate", badStep{Step{Op: OpAdd, Name: "x", Measure: MeasureCount, Yields: MeasureRate}},
			ErrUnknownMeasure, "scenarios[0].logic.steps[0].yields"},
		{"a step out of scale", badStep{Step{Op: OpMultiply, Name: "x", Measure: MeasureCount, Operand: pt("1e-60"), Yields: MeasureMoney},
			Step{Op: OpMultiply, Name: "y", Measure: MeasureCount, Operand: pt("1e-60"), Yields: MeasureMoney}},
			ErrAmountOutOfRange, "scenarios[0].logic.steps[1].result"}, // 10^-120
		{"no steps", badStep{}, ErrInvalidLogic, "scenarios[0].logic"},
		{"no logic", nil, ErrMissing, "scenarios[0].logic"},
		{"a nil built-in pointer", nilPtr, ErrMissing, "scenarios[0].logic"},
		{"a nil host pointer", nilHost, ErrMissing, "scenarios[0].logic"},
		{"no effect", noEffect{}, ErrUnknownEffect, "scenarios[0].logic"},
		{"the host's Validate fails", validating{boom}, boom, "scenarios[0].logic"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := base(tc.logic).Derive()
			requireField(t, err, tc.want, tc.field)
			var fe *FieldError
			require.True(t, errors.As(err, &fe))
			require.Equal(t, "h", fe.ID)
		})
	}
}

// badStep is a host logic returning the given steps.
type badStep []Step

func (badStep) Effect() Effect                 { return EffectCost }
func (b badStep) Steps(Metric) ([]Step, error) { return b, nil }

// hostPtr is a host logic with value methods, used through a nil pointer.
type hostPtr struct{}

func (hostPtr) Effect() Effect                  { return EffectCost }
func (hostPtr) Steps(Metric) ([]Step, error)    { return nil, nil }
func (noEffect) Effect() Effect                 { return 0 }
func (noEffect) Steps(Metric) ([]Step, error)   { return nil, nil }
func (validating) Effect() Effect               { return EffectCost }
func (validating) Steps(Metric) ([]Step, error) { return nil, nil }
func (v validating) Validate() error            { return v.err }

type noEffect struct{}
type validating struct{ err error }

func TestCaseErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*Case)
		want  error
		field string
	}{
		{"no account", func(c *Case) { c.Account = "" }, ErrMissing, "account"},
		{"zero cost", func(c *Case) { c.AnnualCost = d("0") }, ErrCostNotPositive, "annual_cost"},
		{"negative cost", func(c *Case) { c.AnnualCost = d("-1") }, ErrCostNotPositive, "annual_cost"},
		{"cost out of scale", func(c *Case) { c.AnnualCost = d("1e101") }, ErrAmountOutOfRange, "annual_cost"},
		{"no scenarios", func(c *Case) { c.Scenarios = nil }, ErrNoScenarios, "scenarios"},
		{"an empty scenario", func(c *Case) { c.Scenarios[1] = Scenario{} }, ErrEmptyScenario, "scenarios[1].name"},
		{"a metric without a name", func(c *Case) { c.Scenarios[0].Metric.Name = "" }, ErrMissing, "scenarios[0].metric.name"},
		{"a negative count", func(c *Case) { c.Scenarios[0].Metric.Value = rg("-1", "4000", "4000") }, ErrNegative, "scenarios[0].metric.value"},
		{"low > high", func(c *Case) { c.Scenarios[0].Metric.Value = rg("5000", "4000", "3000") }, ErrRangeOrder, "scenarios[0].metric.value"},
		{"a rate above 1", func(c *Case) {
			l := seedRevenue()
			l.WinRate = rg("0.2", "0.25", "1.01")
			c.Scenarios[0].Logic = l
		}, ErrRateOutOfRange, "scenarios[0].logic.win_rate"},
		{"a negative rate", func(c *Case) {
			l := seedRevenue()
			l.MeetingRate = rg("-0.1", "0.15", "0.2")
			c.Scenarios[0].Logic = l
		}, ErrRateOutOfRange, "scenarios[0].logic.meeting_rate"},
		{"a rate range out of order", func(c *Case) {
			l := seedRevenue()
			l.OpportunityRate = rg("0.3", "0.5", "0.4")
			c.Scenarios[0].Logic = l
		}, ErrRangeOrder, "scenarios[0].logic.opportunity_rate"},
		{"a negative deal size", func(c *Case) {
			l := seedRevenue()
			l.DealSize = rg("-1", "0", "0")
			c.Scenarios[0].Logic = l
		}, ErrNegative, "scenarios[0].logic.deal_size"},
		{"a negative cost to make", func(c *Case) {
			c.Scenarios[1].Logic = ReuseLogic{ShareReused: pt("0.1"), CostToMake: pt("-5")}
		}, ErrNegative, "scenarios[1].logic.cost_to_make"},
		{"a pointer to a bad built-in", func(c *Case) {
			c.Scenarios[1].Logic = &HoursLogic{HourlyCost: rg("1", "0", "2")}
		}, ErrRangeOrder, "scenarios[1].logic.hourly_cost"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := seedCase()
			tc.edit(&c)
			_, err := c.Derive()
			requireField(t, err, tc.want, tc.field)
			require.ErrorIs(t, c.Validate(), tc.want, "Validate agrees with Derive")
		})
	}
}

func TestCaseErrorMessages(t *testing.T) {
	c := seedCase()
	l := seedRevenue()
	l.WinRate = rg("0.2", "0.25", "1.01")
	c.Scenarios[0].Logic = l
	_, err := c.Derive()
	require.EqualError(t, err, `roi: account "acme": scenarios[0].logic.win_rate: rate outside [0, 1]: high 1.01`)

	c = seedCase()
	c.AnnualCost = d("0")
	require.EqualError(t, c.Validate(), `roi: account "acme": annual_cost: annual cost not positive: 0`)

	c = seedCase()
	c.Scenarios[0].Metric.Value = rg("5000", "4000", "4000")
	require.EqualError(t, c.Validate(), `roi: account "acme": scenarios[0].metric.value: range not ordered low ≤ base ≤ high: low 5000 > base 4000`)

	require.EqualError(t, Case{}.Validate(), `roi: account: missing value`)
	require.Equal(t, "<nil>", (*FieldError)(nil).Error())
	require.NoError(t, (*FieldError)(nil).Unwrap())
	require.Equal(t, `roi: x: missing value`, (&FieldError{Field: "x", Err: ErrMissing}).Error())
	require.Equal(t, `roi: record "id": missing value`, (&FieldError{ID: "id", Err: ErrMissing}).Error())
}

func TestPointOperandOnePoint(t *testing.T) {
	// A logic whose inputs are all points gives a point: one value per line.
	c := Case{Account: "p", AnnualCost: d("600"), Scenarios: []Scenario{{
		Name: "s", Metric: Metric{Name: "hours saved", Unit: "hours", Value: pt("20")}, Logic: HoursLogic{HourlyCost: pt("45")},
	}}}
	r, err := c.Derive()
	require.NoError(t, err)
	// 20 × 45 = 900; (900 − 600) / 600 = 0.5; 12 × 600 / 900 = 8.
	require.Equal(t, `ROI for p (low / base / high)
1. s: hours saved → cost reduction
   hours saved: 20 hours
   × loaded hourly cost 45 = 900 cost reduction
Benefit: 900
Annual cost: 600
ROI = (benefit − annual cost) / annual cost: 50%
Payback = annual cost / (benefit / 12): 8 months
`, r.Explain())
}
