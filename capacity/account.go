package capacity

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Account is one customer account as a host's CRM holds it, with the plain
// values its CSM's load is made of. Fill it from your own records; every
// function that takes an Account validates it first.
type Account struct {
	// ID identifies the account; required.
	ID string `json:"id"`
	// CSM is the ID of the CSM who owns the account, as on the roster;
	// empty for an account with no CSM (new, or left by a CSM who went).
	CSM string `json:"csm,omitempty"`
	// ARR is the account's annual recurring revenue, in the config's
	// currency; not negative.
	ARR decimal.Decimal `json:"arr"`
	// ACV is the annual contract value, ARR plus one-off fees [seed 000].
	// Required, and at least ARR, when the config's segments read ACV;
	// otherwise unused.
	ACV decimal.Decimal `json:"acv,omitzero"`
	// Language is the language the customer is served in; empty for any.
	Language string `json:"language,omitempty"`
	// RenewalsDue is the number of the account's renewals due in the
	// window the team watches (0..1000).
	RenewalsDue int `json:"renewals_due,omitempty"`
	// OpenChurnCases is the number of the account's open churn cases
	// (0..1000).
	OpenChurnCases int `json:"open_churn_cases,omitempty"`
	// Onboarding says the account is being onboarded.
	Onboarding bool `json:"onboarding,omitempty"`
}

// Validate reports the first problem of a, as a [*FieldError].
//
// Validate returns an error if:
//   - ID is empty ([ErrInvalidAccount]);
//   - ARR or ACV is negative ([ErrNegativeAmount]) or out of range
//     ([ErrAmountOutOfRange]);
//   - RenewalsDue or OpenChurnCases is outside 0..1000 ([ErrInvalidAccount]).
//
// Whether ACV is at least ARR is checked where segments read ACV.
func (a Account) Validate() error { return a.validate() }

func (a *Account) validate() error {
	if a.ID != "" && money.Valid(a.ARR) && money.Valid(a.ACV) &&
		uint(a.RenewalsDue) <= maxCount && uint(a.OpenChurnCases) <= maxCount {
		return nil
	}
	switch {
	case a.ID == "":
		return fieldErr("", "id", fmt.Errorf("%w: empty ID", ErrInvalidAccount))
	case !money.Valid(a.ARR):
		return fieldErr(a.ID, "arr", checkAmount(a.ARR))
	case !money.Valid(a.ACV):
		return fieldErr(a.ID, "acv", checkAmount(a.ACV))
	case uint(a.RenewalsDue) > maxCount:
		return fieldErr(a.ID, "renewals_due", fmt.Errorf("%w: %d outside 0..%d", ErrInvalidAccount, a.RenewalsDue, maxCount))
	default:
		return fieldErr(a.ID, "open_churn_cases", fmt.Errorf("%w: %d outside 0..%d", ErrInvalidAccount, a.OpenChurnCases, maxCount))
	}
}

// MarshalJSON encodes the account with exact quoted decimals.
func (a Account) MarshalJSON() ([]byte, error) {
	type plain Account
	return json.Marshal(struct {
		plain
		ARR money.JSON `json:"arr"`
		ACV money.JSON `json:"acv,omitzero"`
	}{plain(a), money.JSON(a.ARR), money.JSON(a.ACV)})
}

// UnmarshalJSON decodes an account strictly and validates it; errors wrap
// [ErrInvalidAccount], name the account and the field, and a is left
// alone.
func (a *Account) UnmarshalJSON(b []byte) error {
	type plain Account
	var w struct {
		plain
		ARR json.RawMessage `json:"arr"`
		ACV json.RawMessage `json:"acv"`
	}
	if err := jsonstrict.Decode(b, &w); err != nil {
		return decodeErr(ErrInvalidAccount, "account", err)
	}
	v := Account(w.plain)
	if err := decodeFields(v.ID, jsonstrict.F("arr", w.ARR, amount(&v.ARR)), jsonstrict.F("acv", w.ACV, amount(&v.ACV))); err != nil {
		return decodeErr(ErrInvalidAccount, "account", err)
	}
	if err := v.Validate(); err != nil {
		return decodeErr(ErrInvalidAccount, "account", err)
	}
	*a = v
	return nil
}
