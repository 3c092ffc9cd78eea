package roi

import (
	"github.com/shopspring/decimal"
	"strconv"
	"strings"
)

// resultPlaces is how many decimal places the explanation's text keeps for
// a computed result (a count or an amount): at most two, rounded down, so
// that no written figure is more than the exact one. Inputs are written
// exactly; the structured steps are exact.
const resultPlaces = 2

// Explain writes the derivation out step by step, in words a CSM can
// paste into a renewal deck: each scenario's chain from its metric to
// money, the benefit, the annual cost, the ROI and the payback, each as
// low / base / high (one value where the three are equal).
//
// Inputs (the metric, every operand and the annual cost) are written
// exactly; computed counts and amounts are rounded down to at most two
// decimal places; rates and the ROI are percentages, the ROI rounded down
// to 0.01% ([ROIPlaces]) and the payback up to 0.1 month
// ([PaybackPlaces]), so that no figure of the text, which may be
// published, shows more than the exact one; amounts follow the currency
// label, when the case has one; thousands are separated by commas and
// trailing zeros dropped.
// For example (rates and amounts of the package's examples):
//
//	ROI for acme (low / base / high)
//	1. visualise the network: offline leads → revenue increase
//	   offline leads: 4,000 leads
//	   × meeting rate 10% / 15% / 20% = 400 / 600 / 800 meetings
//	   × opportunity rate 30% / 40% / 50% = 120 / 240 / 400 opportunities
//	   × win rate 20% / 25% / 30% = 24 / 60 / 120 deals won
//	   × average deal size JPY 1,000,000 / 1,200,000 / 1,500,000 = JPY 24,000,000 / 72,000,000 / 180,000,000 revenue increase
//	Benefit: JPY 24,000,000 / 72,000,000 / 180,000,000
//	Annual cost: JPY 12,000,000
//	ROI = (benefit − annual cost) / annual cost: 100% / 500% / 1,400%
//	Payback = annual cost / (benefit / 12): 6 / 2 / 0.8 months
//
// The revenue increase and the cost reduction get a line each before the
// benefit when the case has both.
func (d Derivation) Explain() string {
	var b strings.Builder
	b.WriteString("ROI for ")
	b.WriteString(d.Account)
	b.WriteString(" (low / base / high)\n")
	revenue, cost := false, false
	for i, k := range d.Contributions {
		revenue = revenue || k.Effect == EffectRevenue
		cost = cost || k.Effect == EffectCost
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString(". ")
		b.WriteString(k.Scenario)
		b.WriteString(": ")
		if len(k.Steps) > 0 {
			b.WriteString(k.Steps[0].Name)
			b.WriteString(" → ")
		}
		b.WriteString(k.Effect.words())
		b.WriteByte('\n')
		for _, s := range k.Steps {
			b.WriteString("   ")
			if s.Op == OpMetric {
				b.WriteString(s.Name)
				b.WriteString(": ")
				b.WriteString(writeRange(s.Result, MeasureCount, d.Currency, -1))
			} else {
				b.WriteString(s.Op.symbol())
				b.WriteByte(' ')
				b.WriteString(s.Name)
				b.WriteByte(' ')
				b.WriteString(writeRange(s.Operand, s.Measure, d.Currency, -1))
				b.WriteString(" = ")
				b.WriteString(writeRange(s.Result, s.Yields, d.Currency, resultPlaces))
			}
			if s.Unit != "" {
				b.WriteByte(' ')
				b.WriteString(s.Unit)
			}
			b.WriteByte('\n')
		}
	}
	money := func(label string, r Range, places int32) {
		b.WriteString(label)
		b.WriteString(": ")
		b.WriteString(writeRange(r, MeasureMoney, d.Currency, places))
		b.WriteByte('\n')
	}
	if revenue && cost {
		money("Revenue increase", d.Revenue, resultPlaces)
		money("Cost reduction", d.CostReduction, resultPlaces)
	}
	money("Benefit", d.Benefit, resultPlaces)
	money("Annual cost", Point(d.AnnualCost), -1) // an input: exact, never rounded down to a smaller cost
	b.WriteString("ROI = (benefit − annual cost) / annual cost: ")
	b.WriteString(writeRange(d.ROI, MeasureRate, "", -1))
	b.WriteString("\nPayback = annual cost / (benefit / 12): ")
	b.WriteString(writePaybacks(d.Payback))
	b.WriteByte('\n')
	return b.String()
}

// writePaybacks writes "6 / 2 / 0.8 months", "never / 4.8 / 2.4 months",
// one value when the three are equal, or "never".
func writePaybacks(p Paybacks) string {
	one := func(x Payback) string {
		if x.Never {
			return "never"
		}
		var b strings.Builder
		writeNum(&b, x.Months, MeasureCount, -1)
		return b.String()
	}
	lo, ba, hi := one(p.Low), one(p.Base), one(p.High)
	s := lo + " / " + ba + " / " + hi
	if lo == ba && ba == hi {
		s = lo
	}
	if p.High.Never {
		return s // all never: the high benefit is the largest
	}
	return s + " months"
}

// Explain writes the book's summary in words: its totals, ROI and payback
// at each point, how many accounts fall in each ROI band, and the lowest
// and highest accounts; amounts follow the currency label when it is not
// empty. As in [Derivation.Explain], the benefit is rounded down to two
// decimal places, the annual cost written exactly, the ROI rounded down to
// 0.01% and the payback up to 0.1 month. An empty book is "ROI of 0
// accounts: no data". For example:
//
//	ROI of 3 accounts (low / base / high)
//	Benefit: 24,418,000 / 72,924,000 / 181,830,000
//	Annual cost: 12,624,000
//	ROI = (benefit − annual cost) / annual cost: 93.42% / 477.66% / 1,340.35%
//	Payback = annual cost / (benefit / 12): 6.3 / 2.1 / 0.9 months
//	Accounts by ROI:
//	  below 0%: 2 / 0 / 0
//	  0% to 100%: 0 / 2 / 1
//	  100% and more: 1 / 1 / 2
//	Lowest ROI (base): gamma 0%
//	Highest ROI (base): acme 500%
//
// A line counts the accounts whose benefit is zero (never paying back)
// when there are any.
func (s Summary) Explain(currency string) string {
	var b strings.Builder
	b.WriteString("ROI of ")
	b.WriteString(strconv.Itoa(s.Accounts))
	if s.Accounts == 1 {
		b.WriteString(" account")
	} else {
		b.WriteString(" accounts")
	}
	if s.ROI == nil || s.Payback == nil {
		b.WriteString(": no data\n")
		return b.String()
	}
	b.WriteString(" (low / base / high)\n")
	b.WriteString("Benefit: ")
	b.WriteString(writeRange(s.Benefit, MeasureMoney, currency, resultPlaces))
	b.WriteString("\nAnnual cost: ")
	b.WriteString(writeRange(Point(s.AnnualCost), MeasureMoney, currency, -1)) // a sum of inputs: exact
	b.WriteString("\nROI = (benefit − annual cost) / annual cost: ")
	b.WriteString(writeRange(*s.ROI, MeasureRate, "", -1))
	b.WriteString("\nPayback = annual cost / (benefit / 12): ")
	b.WriteString(writePaybacks(*s.Payback))
	b.WriteString("\nAccounts by ROI:\n")
	for i, c := range s.Bands {
		b.WriteString("  ")
		b.WriteString(bandName(s.Cuts, i))
		b.WriteString(": ")
		b.WriteString(writeCounts(c))
		b.WriteByte('\n')
	}
	if s.Never != (Counts{}) {
		b.WriteString("Benefit zero, never paying back: ")
		b.WriteString(writeCounts(s.Never))
		b.WriteByte('\n')
	}
	for _, x := range []struct {
		label string
		e     *Extreme
	}{{"Lowest ROI (base): ", s.Lowest}, {"Highest ROI (base): ", s.Highest}} {
		if x.e == nil {
			continue
		}
		b.WriteString(x.label)
		b.WriteString(x.e.Account)
		b.WriteByte(' ')
		writeNum(&b, x.e.ROI, MeasureRate, -1)
		b.WriteByte('\n')
	}
	return b.String()
}

// bandName names band i of the cuts: "below 0%", "0% to 100%", "300% and
// more".
func bandName(cuts []decimal.Decimal, i int) string {
	pct := func(d decimal.Decimal) string {
		var b strings.Builder
		writeNum(&b, d, MeasureRate, -1)
		return b.String()
	}
	switch {
	case len(cuts) == 0:
		return "all"
	case i == 0:
		return "below " + pct(cuts[0])
	case i >= len(cuts):
		return pct(cuts[len(cuts)-1]) + " and more"
	}
	return pct(cuts[i-1]) + " to " + pct(cuts[i])
}

// writeCounts writes "2 / 0 / 1".
func writeCounts(c Counts) string {
	return strconv.Itoa(c.Low) + " / " + strconv.Itoa(c.Base) + " / " + strconv.Itoa(c.High)
}
