package renewal

import (
	"fmt"
)

// enumString, enumMarshal and enumParse are the shared text form of this
// package's small enums: names[v]
// is the name of value v, and the zero value is named only when
// zeroValid is true.
func enumString(kind string, v uint8, names []string) string {
	if int(v) < len(names) && names[v] != "" {
		return names[v]
	}
	return fmt.Sprintf("%%!%s(%d)", kind, v)
}

func enumMarshal(kind string, v uint8, names []string, zeroValid bool) ([]byte, error) {
	if (v == 0 && !zeroValid) || int(v) >= len(names) || names[v] == "" {
		return nil, fmt.Errorf("%w: invalid %s %d", ErrInvalidRecord, kind, v)
	}
	return []byte(names[v]), nil
}

func enumParse(kind string, b []byte, names []string, zeroValid bool) (uint8, error) {
	for i, n := range names {
		if n != "" && n == string(b) && (i != 0 || zeroValid) {
			return uint8(i), nil
		}
	}
	return 0, fmt.Errorf("%w: unknown %s %q", ErrInvalidRecord, kind, b)
}

// Intent is what the customer answered when asked whether it will renew.
// The zero value, IntentUnknown, means nobody has an answer yet.
type Intent uint8

// The answers to the renewal-intent question.
const (
	// IntentUnknown: not asked, or no answer recorded.
	IntentUnknown Intent = iota
	// IntentUndecided: asked, and the customer has not decided.
	IntentUndecided
	// IntentRenew: the customer confirmed it will renew.
	IntentRenew
	// IntentCancel: the customer said it will not renew.
	IntentCancel
)

func intentNames() []string { return []string{"unknown", "undecided", "renew", "cancel"} }

// Confirmed reports whether the answer is a firm one (renew or cancel).
func (i Intent) Confirmed() bool { return i == IntentRenew || i == IntentCancel }

// String returns "unknown", "undecided", "renew" or "cancel".
func (i Intent) String() string { return enumString("Intent", uint8(i), intentNames()) }

// MarshalText encodes the intent's name.
func (i Intent) MarshalText() ([]byte, error) {
	return enumMarshal("intent", uint8(i), intentNames(), true)
}

// UnmarshalText decodes an intent name; unknown text wraps [ErrInvalidRecord].
func (i *Intent) UnmarshalText(b []byte) error {
	v, err := enumParse("intent", b, intentNames(), true)
	if err != nil {
		return err
	}
	*i = Intent(v)
	return nil
}

// Result is how a renewal ended. The zero value, Open, means it has not.
type Result uint8

// The results of a renewal.
const (
	// Open: the renewal has not been decided yet.
	Open Result = iota
	// Renewed: the customer renewed (at any amount above zero).
	Renewed
	// Churned: the customer did not renew.
	Churned
)

func resultNames() []string { return []string{"open", "renewed", "churned"} }

// String returns "open", "renewed" or "churned".
func (r Result) String() string { return enumString("Result", uint8(r), resultNames()) }

// MarshalText encodes the result's name.
func (r Result) MarshalText() ([]byte, error) {
	return enumMarshal("result", uint8(r), resultNames(), true)
}

// UnmarshalText decodes a result name; unknown text wraps [ErrInvalidRecord].
func (r *Result) UnmarshalText(b []byte) error {
	v, err := enumParse("result", b, resultNames(), true)
	if err != nil {
		return err
	}
	*r = Result(v)
	return nil
}

// Category is the CSM's forecast category for a renewal, as CRMs name them.
// The zero value is invalid.
type Category uint8

// Forecast categories, from least to most certain, then closed.
const (
	// Pipeline: early, no commitment yet.
	Pipeline Category = iota + 1
	// BestCase: could renew at the called amount if things go well.
	BestCase
	// Commit: the CSM commits to the called amount.
	Commit
	// Omitted: left out of the forecast (expected to be lost, or not
	// forecast for another reason).
	Omitted
	// Closed: decided; the outcome holds the final amount.
	Closed
)

// NumCategories is the number of valid categories, 1..NumCategories.
const NumCategories = int(Closed)

func categoryNames() []string {
	return []string{"", "pipeline", "best-case", "commit", "omitted", "closed"}
}

// String returns the category's name ("best-case").
func (c Category) String() string { return enumString("Category", uint8(c), categoryNames()) }

// Valid reports whether c is a declared category.
func (c Category) Valid() bool { return c >= Pipeline && c <= Closed }

// MarshalText encodes the category's name.
func (c Category) MarshalText() ([]byte, error) {
	return enumMarshal("category", uint8(c), categoryNames(), false)
}

// UnmarshalText decodes a category name; unknown text wraps [ErrInvalidRecord].
func (c *Category) UnmarshalText(b []byte) error {
	v, err := enumParse("category", b, categoryNames(), false)
	if err != nil {
		return err
	}
	*c = Category(v)
	return nil
}

// Booking classes a closed renewal by its final amount against its target.
type Booking uint8

// Booking types. The zero value, NotClosed, is for a renewal still open.
const (
	// NotClosed: the renewal has no outcome yet.
	NotClosed Booking = iota
	// FlatRenewal: renewed at the target amount; its text is "renewal".
	FlatRenewal
	// Upsell: renewed above the target amount.
	Upsell
	// Downsell: renewed below the target amount, above zero.
	Downsell
	// Churn: churned; the final amount is zero. [Totals] counts it in
	// LostCount and its target in Lost.
	Churn
)

func bookingNames() []string { return []string{"not-closed", "renewal", "upsell", "downsell", "churn"} }

// String returns "not-closed", "renewal", "upsell", "downsell" or "churn".
func (b Booking) String() string { return enumString("Booking", uint8(b), bookingNames()) }

// MarshalText encodes the booking's name.
func (b Booking) MarshalText() ([]byte, error) {
	return enumMarshal("booking", uint8(b), bookingNames(), true)
}

// UnmarshalText decodes a booking name; unknown text wraps [ErrInvalidRecord].
func (b *Booking) UnmarshalText(t []byte) error {
	v, err := enumParse("booking", t, bookingNames(), true)
	if err != nil {
		return err
	}
	*b = Booking(v)
	return nil
}
