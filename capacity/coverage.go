package capacity

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// perCSMPlaces is the number of decimal places of a figure per CSM [ours]:
// ARR per CSM and accounts per CSM are rounded half away from zero to it.
const perCSMPlaces = 2

// Coverage is what a group of CSMs covers: the ARR and the accounts of a
// team, a segment or one CSM, and the CSMs who cover them. Its figures per
// CSM are derived ([Coverage.ARRPerCSM], [Coverage.AccountsPerCSM]) and
// are "no data" when there are no CSMs.
//
// The zero Coverage is an empty group in no currency.
type Coverage struct {
	Currency Currency        // the currency of ARR
	ARR      decimal.Decimal // the ARR covered
	Accounts int             // the accounts covered
	CSMs     int             // the CSMs covering them
}

// NewCoverage returns the coverage of arr and accounts by csms CSMs: ARR
// ¥15B with 60 CSMs is ¥250M per CSM [seed 000].
//
// NewCoverage returns an error if:
//   - csms is zero or negative ([ErrHeadcount]);
//   - currency is not a three-letter code ([ErrInvalidCurrency]);
//   - arr is negative ([ErrNegativeAmount]) or out of range
//     ([ErrAmountOutOfRange]);
//   - accounts is negative ([ErrInvalidRecord]).
func NewCoverage(currency Currency, arr decimal.Decimal, accounts, csms int) (Coverage, error) {
	if csms <= 0 {
		return Coverage{}, fieldErr("", "csms", fmt.Errorf("%w: %d CSMs", ErrHeadcount, csms))
	}
	c := Coverage{Currency: currency, ARR: arr, Accounts: accounts, CSMs: csms}
	if err := c.Validate(); err != nil {
		return Coverage{}, err
	}
	return c, nil
}

// Validate returns an error if:
//   - Currency is not a three-letter code ([ErrInvalidCurrency]);
//   - ARR is negative ([ErrNegativeAmount]) or out of range
//     ([ErrAmountOutOfRange]);
//   - Accounts is negative ([ErrInvalidRecord]);
//   - CSMs is negative ([ErrHeadcount]). Zero CSMs is valid: the figures
//     per CSM are then "no data".
func (c Coverage) Validate() error {
	switch {
	case c.Currency.Validate() != nil:
		return fieldErr("", "currency", c.Currency.Validate())
	case !money.Valid(c.ARR):
		return fieldErr("", "arr", checkAmount(c.ARR))
	case c.Accounts < 0:
		return fieldErr("", "accounts", fmt.Errorf("%w: negative count %d", ErrInvalidRecord, c.Accounts))
	case c.CSMs < 0:
		return fieldErr("", "csms", fmt.Errorf("%w: %d CSMs", ErrHeadcount, c.CSMs))
	}
	return nil
}

// ARRPerCSM returns ARR / CSMs, rounded half away from zero to two decimal
// places [ours]; "no data" when there are no CSMs.
func (c Coverage) ARRPerCSM() Figure {
	if c.CSMs <= 0 {
		return Figure{}
	}
	return defined(c.ARR.DivRound(decimal.NewFromInt(int64(c.CSMs)), perCSMPlaces))
}

// AccountsPerCSM returns Accounts / CSMs, rounded half away from zero to
// two decimal places [ours]; "no data" when there are no CSMs.
func (c Coverage) AccountsPerCSM() Figure {
	if c.CSMs <= 0 {
		return Figure{}
	}
	return defined(decimal.NewFromInt(int64(c.Accounts)).DivRound(decimal.NewFromInt(int64(c.CSMs)), perCSMPlaces))
}

// coverageJSON is the wire form of a Coverage.
type coverageJSON struct {
	Currency       Currency   `json:"currency"`
	ARR            money.JSON `json:"arr"`
	Accounts       int        `json:"accounts"`
	CSMs           int        `json:"csms"`
	ARRPerCSM      Figure     `json:"arr_per_csm"`
	AccountsPerCSM Figure     `json:"accounts_per_csm"`
}

// MarshalJSON encodes the coverage with its figures per CSM (null when
// there are no CSMs): {"currency":"JPY","arr":"15000000000","accounts":0,
// "csms":60,"arr_per_csm":"250000000.00","accounts_per_csm":"0.00"}.
func (c Coverage) MarshalJSON() ([]byte, error) {
	return json.Marshal(coverageJSON{c.Currency, money.JSON(c.ARR), c.Accounts, c.CSMs, c.ARRPerCSM(), c.AccountsPerCSM()})
}

// UnmarshalJSON decodes what MarshalJSON writes, the zero Coverage
// included. The figures per CSM may be left out; when given they must
// equal the ones computed. Errors wrap [ErrInvalidRecord]; c is left alone.
func (c *Coverage) UnmarshalJSON(b []byte) error {
	var w struct {
		Currency       Currency   `json:"currency"`
		ARR            money.JSON `json:"arr"`
		Accounts       int        `json:"accounts"`
		CSMs           int        `json:"csms"`
		ARRPerCSM      *Figure    `json:"arr_per_csm"`
		AccountsPerCSM *Figure    `json:"accounts_per_csm"`
	}
	if err := jsonstrict.Decode(b, &w); err != nil {
		return decodeErr(ErrInvalidRecord, "coverage", err)
	}
	v := Coverage{w.Currency, decimal.Decimal(w.ARR), w.Accounts, w.CSMs}
	if v.Currency == "" && v.ARR.IsZero() && v.Accounts == 0 && v.CSMs == 0 &&
		(w.ARRPerCSM == nil || !w.ARRPerCSM.Defined) && (w.AccountsPerCSM == nil || !w.AccountsPerCSM.Defined) {
		*c = Coverage{} // the zero Coverage, as a zero Book's report holds
		return nil
	}
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidRecord, "coverage", err)
	}
	if w.ARRPerCSM != nil && !sameFigure(*w.ARRPerCSM, v.ARRPerCSM()) {
		return decodeErr(ErrInvalidRecord, "coverage", fieldErr("", "arr_per_csm", fmt.Errorf("%w: %s is not arr / csms = %s", ErrInvalidRecord, w.ARRPerCSM, v.ARRPerCSM())))
	}
	if w.AccountsPerCSM != nil && !sameFigure(*w.AccountsPerCSM, v.AccountsPerCSM()) {
		return decodeErr(ErrInvalidRecord, "coverage", fieldErr("", "accounts_per_csm", fmt.Errorf("%w: %s is not accounts / csms = %s", ErrInvalidRecord, w.AccountsPerCSM, v.AccountsPerCSM())))
	}
	*c = v
	return nil
}

// sameFigure reports whether two figures are equal as numbers.
func sameFigure(a, b Figure) bool {
	return a.Defined == b.Defined && (!a.Defined || a.Value.Equal(b.Value))
}
