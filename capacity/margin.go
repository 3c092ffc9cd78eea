package capacity

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Economics is what CS headcount does to the unit economics of a book
// [seed 001]: CS cost sits in cost of revenue, so every CSM lowers gross
// margin, a component of LTV. All amounts are annual, in Currency.
type Economics struct {
	// Currency is the currency of every amount; required.
	Currency Currency `json:"currency"`
	// ARR is the annual recurring revenue, the revenue the margin is
	// taken of; positive.
	ARR decimal.Decimal `json:"arr"`
	// OtherCostOfRevenue is the annual cost of revenue other than CS
	// (hosting, support, licences); not negative.
	OtherCostOfRevenue decimal.Decimal `json:"other_cost_of_revenue"`
	// CSMs is the CS headcount whose cost sits in cost of revenue; not
	// negative (zero: no CS yet).
	CSMs int `json:"csms"`
	// CostPerCSM is the loaded annual cost of one CSM (pay, taxes, tools);
	// not negative.
	CostPerCSM decimal.Decimal `json:"cost_per_csm"`
	// Accounts is the number of paying accounts; positive.
	Accounts int `json:"accounts"`
	// ChurnRate is the annual share of accounts lost, in [0, 1] (0.1 is
	// 10% a year). Zero churn makes LTV unbounded.
	ChurnRate decimal.Decimal `json:"churn_rate"`
}

// Validate returns an error if:
//   - Currency is not a three-letter code ([ErrInvalidCurrency]);
//   - ARR is not positive, or Accounts is not positive
//     ([ErrInvalidRecord]): no margin or ARPA without them;
//   - an amount is negative ([ErrNegativeAmount]) or out of range
//     ([ErrAmountOutOfRange]);
//   - CSMs is negative, or not below [MaxHeadcount] ([ErrHeadcount]);
//   - ChurnRate is outside [0, 1] ([ErrInvalidRate]).
func (e Economics) Validate() error {
	switch {
	case e.Currency.Validate() != nil:
		return fieldErr("", "currency", e.Currency.Validate())
	case !money.Valid(e.ARR):
		return fieldErr("", "arr", checkAmount(e.ARR))
	case e.ARR.IsZero():
		return fieldErr("", "arr", fmt.Errorf("%w: zero ARR: no margin to take", ErrInvalidRecord))
	case !money.Valid(e.OtherCostOfRevenue):
		return fieldErr("", "other_cost_of_revenue", checkAmount(e.OtherCostOfRevenue))
	case e.CSMs < 0 || e.CSMs >= MaxHeadcount:
		return fieldErr("", "csms", fmt.Errorf("%w: %d CSMs", ErrHeadcount, e.CSMs))
	case !money.Valid(e.CostPerCSM):
		return fieldErr("", "cost_per_csm", checkAmount(e.CostPerCSM))
	case e.Accounts <= 0:
		return fieldErr("", "accounts", fmt.Errorf("%w: %d accounts: no ARPA", ErrInvalidRecord, e.Accounts))
	case !money.InScale(e.ChurnRate) || e.ChurnRate.Sign() < 0 || e.ChurnRate.GreaterThan(decimal.New(1, 0)):
		return fieldErr("", "churn_rate", fmt.Errorf("%w: %s", ErrInvalidRate, formatBounded(e.ChurnRate)))
	}
	return nil
}

// formatBounded formats d, or its exponent when it is out of range, so a
// huge value is never written out.
func formatBounded(d decimal.Decimal) string {
	if !money.InScale(d) {
		return fmt.Sprintf("exponent %d", d.Exponent())
	}
	return money.Short(d)
}

// MarshalJSON encodes the economics with exact quoted decimals.
func (e Economics) MarshalJSON() ([]byte, error) {
	type plain Economics
	return json.Marshal(struct {
		plain
		ARR   money.JSON `json:"arr"`
		Other money.JSON `json:"other_cost_of_revenue"`
		Cost  money.JSON `json:"cost_per_csm"`
		Churn money.JSON `json:"churn_rate"`
	}{plain(e), money.JSON(e.ARR), money.JSON(e.OtherCostOfRevenue), money.JSON(e.CostPerCSM), money.JSON(e.ChurnRate)})
}

// UnmarshalJSON decodes economics strictly and validates them; errors wrap
// [ErrInvalidRecord] and e is left alone.
func (e *Economics) UnmarshalJSON(b []byte) error {
	type plain Economics
	var w struct {
		plain
		ARR   json.RawMessage `json:"arr"`
		Other json.RawMessage `json:"other_cost_of_revenue"`
		Cost  json.RawMessage `json:"cost_per_csm"`
		Churn json.RawMessage `json:"churn_rate"`
	}
	if err := jsonstrict.Decode(b, &w); err != nil {
		return decodeErr(ErrInvalidRecord, "economics", err)
	}
	v := Economics(w.plain)
	if err := decodeFields("", jsonstrict.F("arr", w.ARR, amount(&v.ARR)), jsonstrict.F("other_cost_of_revenue", w.Other, amount(&v.OtherCostOfRevenue)),
		jsonstrict.F("cost_per_csm", w.Cost, amount(&v.CostPerCSM)), jsonstrict.F("churn_rate", w.Churn, amount(&v.ChurnRate))); err != nil {
		return decodeErr(ErrInvalidRecord, "economics", err)
	}
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "economics", err)
	}
	*e = v
	return nil
}

// Unit is the unit economics at one CS headcount.
type Unit struct {
	CSMs int `json:"csms"` // the CS headcount
	// CSCost is CSMs × CostPerCSM.
	CSCost decimal.Decimal `json:"cs_cost"`
	// GrossProfit is ARR − OtherCostOfRevenue − CSCost; negative when
	// costs exceed revenue.
	GrossProfit decimal.Decimal `json:"gross_profit"`
	// GrossMargin is GrossProfit / ARR, rounded half away from zero to
	// four places (0.7 is 70%).
	GrossMargin decimal.Decimal `json:"gross_margin"`
	// ARPA is ARR / Accounts, the average revenue per account, rounded
	// half away from zero to two places.
	ARPA decimal.Decimal `json:"arpa"`
	// LTV is ARPA × gross margin / churn rate, computed as GrossProfit /
	// (Accounts × ChurnRate) so that nothing is rounded before the one
	// rounding, half away from zero to two places; ARPA × GrossMargin /
	// ChurnRate from the rounded fields above may differ. At zero churn it
	// is unbounded: "unbounded" for a gross profit, "-unbounded" for a
	// gross loss; a zero gross profit has an LTV of 0.
	LTV LTV `json:"ltv"`
}

// MarshalJSON encodes the unit with exact quoted decimals.
func (u Unit) MarshalJSON() ([]byte, error) {
	type plain Unit
	return json.Marshal(struct {
		plain
		CSCost      money.JSON `json:"cs_cost"`
		GrossProfit money.JSON `json:"gross_profit"`
		GrossMargin money.JSON `json:"gross_margin"`
		ARPA        money.JSON `json:"arpa"`
	}{plain(u), money.JSON(u.CSCost), money.JSON(u.GrossProfit), money.JSON(u.GrossMargin), money.JSON(u.ARPA)})
}

// UnmarshalJSON decodes what MarshalJSON writes; errors wrap
// [ErrInvalidRecord].
func (u *Unit) UnmarshalJSON(b []byte) error {
	type plain Unit
	var w struct {
		plain
		CSCost      money.JSON `json:"cs_cost"`
		GrossProfit money.JSON `json:"gross_profit"`
		GrossMargin money.JSON `json:"gross_margin"`
		ARPA        money.JSON `json:"arpa"`
	}
	if err := jsonstrict.Decode(b, &w); err != nil {
		return decodeErr(ErrInvalidRecord, "unit economics", err)
	}
	v := Unit(w.plain)
	v.CSCost, v.GrossProfit = decimal.Decimal(w.CSCost), decimal.Decimal(w.GrossProfit)
	v.GrossMargin, v.ARPA = decimal.Decimal(w.GrossMargin), decimal.Decimal(w.ARPA)
	for _, a := range []decimal.Decimal{v.CSCost, v.GrossProfit, v.GrossMargin, v.ARPA} {
		if !money.InScale(a) {
			return decodeErr(ErrInvalidRecord, "unit economics", checkAmount(a))
		}
	}
	*u = v
	return nil
}

// At returns the unit economics with csms CSMs instead of e.CSMs. It
// returns an error if e is invalid or csms is negative or above
// [MaxHeadcount] ([ErrHeadcount]).
func (e Economics) At(csms int) (Unit, error) {
	if err := e.Validate(); err != nil {
		return Unit{}, err
	}
	if csms < 0 || csms > MaxHeadcount {
		return Unit{}, fieldErr("", "csms", fmt.Errorf("%w: %d CSMs", ErrHeadcount, csms))
	}
	return e.at(csms), nil
}

func (e Economics) at(csms int) Unit {
	u := Unit{CSMs: csms, CSCost: e.CostPerCSM.Mul(decimal.NewFromInt(int64(csms)))}
	u.GrossProfit = e.ARR.Sub(e.OtherCostOfRevenue).Sub(u.CSCost)
	u.GrossMargin = u.GrossProfit.DivRound(e.ARR, 4)
	n := decimal.NewFromInt(int64(e.Accounts))
	u.ARPA = e.ARR.DivRound(n, 2)
	switch {
	case u.GrossProfit.IsZero():
		u.LTV = LTV{Value: decimal.New(0, -2)}
	case e.ChurnRate.IsZero() && u.GrossProfit.Sign() < 0:
		u.LTV = LTV{Value: decimal.New(-1, 0), Unbounded: true}
	case e.ChurnRate.IsZero():
		u.LTV = LTV{Unbounded: true}
	default:
		u.LTV = LTV{Value: u.GrossProfit.DivRound(n.Mul(e.ChurnRate), 2)}
	}
	return u
}

// MarginEffect is what one more CSM does to gross margin and LTV.
type MarginEffect struct {
	Currency Currency `json:"currency"` // the economics' currency
	Now      Unit     `json:"now"`      // at the current headcount
	OneMore  Unit     `json:"one_more"` // with one more CSM
	// MarginChange is OneMore's gross margin minus Now's, computed exactly
	// (−CostPerCSM / ARR) and rounded once to four places: −0.01 is one
	// percentage point.
	MarginChange decimal.Decimal `json:"margin_change"`
	// LTVChange is OneMore's LTV minus Now's, computed exactly
	// (−CostPerCSM / (Accounts × ChurnRate)) and rounded once to two
	// places; no data at zero churn, where LTV is unbounded.
	LTVChange Figure `json:"ltv_change"`
	// Why is the effect in words.
	Why string `json:"why"`
}

// MarshalJSON encodes the effect with exact quoted decimals.
func (m MarginEffect) MarshalJSON() ([]byte, error) {
	type plain MarginEffect
	return json.Marshal(struct {
		plain
		MarginChange money.JSON `json:"margin_change"`
	}{plain(m), money.JSON(m.MarginChange)})
}

// UnmarshalJSON decodes what MarshalJSON writes; errors wrap
// [ErrInvalidRecord].
func (m *MarginEffect) UnmarshalJSON(b []byte) error {
	type plain MarginEffect
	var w struct {
		plain
		MarginChange money.JSON `json:"margin_change"`
	}
	if err := jsonstrict.Decode(b, &w); err != nil {
		return decodeErr(ErrInvalidRecord, "margin effect", err)
	}
	v := MarginEffect(w.plain)
	v.MarginChange = decimal.Decimal(w.MarginChange)
	if !money.InScale(v.MarginChange) {
		return decodeErr(ErrInvalidRecord, "margin effect", checkAmount(v.MarginChange))
	}
	*m = v
	return nil
}

// Margin returns the unit economics now and with one more CSM, and the
// difference: one more CSM adds CostPerCSM to cost of revenue, so gross
// margin falls by CostPerCSM / ARR and LTV by CostPerCSM / (Accounts ×
// ChurnRate) [seed 001; the formulas are the usual LTV = ARPA × gross
// margin / churn rate]. It returns an error if e is invalid (see
// [Economics.Validate]).
func (e Economics) Margin() (MarginEffect, error) {
	if err := e.Validate(); err != nil {
		return MarginEffect{}, err
	}
	m := MarginEffect{Currency: e.Currency, Now: e.at(e.CSMs), OneMore: e.at(e.CSMs + 1)}
	m.MarginChange = e.CostPerCSM.Neg().DivRound(e.ARR, 4)
	pct := func(r decimal.Decimal) string { return money.Format(r.Shift(2).Round(2)) + "%" }
	m.Why = fmt.Sprintf("one more CSM adds %s %s of CS cost: gross margin %s → %s (%s points)",
		e.Currency, money.Format(e.CostPerCSM), pct(m.Now.GrossMargin), pct(m.OneMore.GrossMargin),
		money.Format(m.MarginChange.Shift(2).Round(2)))
	if m.Now.LTV.Unbounded || m.OneMore.LTV.Unbounded {
		m.Why += fmt.Sprintf("; LTV %s → %s (zero churn: no finite LTV)", m.Now.LTV, m.OneMore.LTV)
		return m, nil
	}
	m.LTVChange = defined(e.CostPerCSM.Neg().DivRound(decimal.NewFromInt(int64(e.Accounts)).Mul(e.ChurnRate), 2))
	m.Why += fmt.Sprintf("; LTV %s → %s (%s)", m.Now.LTV, m.OneMore.LTV, m.LTVChange)
	return m, nil
}
