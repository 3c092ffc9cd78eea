package roi

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// d reads a decimal literal of a test.
func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// rg is the range low / base / high.
func rg(l, b, h string) Range { return Range{d(l), d(b), d(h)} }

// pt is the point range s.
func pt(s string) Range { return Point(d(s)) }

// requireRange checks each point of got against want by value (1.50 = 1.5).
func requireRange(t *testing.T, want, got Range, msg string) {
	t.Helper()
	require.Truef(t, want.Low.Equal(got.Low) && want.Base.Equal(got.Base) && want.High.Equal(got.High),
		"%s: want %s / %s / %s, got %s / %s / %s", msg, want.Low, want.Base, want.High, got.Low, got.Base, got.High)
}

// requireField checks that err is a *FieldError for field wrapping want.
func requireField(t *testing.T, err error, want error, field string) {
	t.Helper()
	require.ErrorIs(t, err, want)
	var fe *FieldError
	require.True(t, errors.As(err, &fe), "%v is not a *FieldError", err)
	require.Equal(t, field, fe.Field, "%v", err)
}

// seedRevenue is the revenue logic of the examples: rates and deal size
// chosen for round figures.
func seedRevenue() RevenueLogic {
	return RevenueLogic{
		MeetingRate:     rg("0.10", "0.15", "0.20"),
		OpportunityRate: rg("0.3", "0.4", "0.5"),
		WinRate:         rg("0.2", "0.25", "0.3"),
		DealSize:        rg("1000000", "1200000", "1500000"),
	}
}

// seedCase is acme: 4,000 extra offline leads (the customer's words in
// seed 000) and 20,000 contacts stored, for JPY 12,000,000 a year.
func seedCase() Case {
	return Case{Account: "acme", Currency: "JPY", AnnualCost: d("12000000"), Scenarios: []Scenario{
		{Name: "visualise the network", Metric: Metric{Name: "offline leads", Unit: "leads", Value: pt("4000")}, Logic: seedRevenue()},
		{Name: "share the network", Metric: Metric{Name: "contacts stored", Unit: "contacts", Value: pt("20000")},
			Logic: ReuseLogic{ShareReused: rg("0.05", "0.1", "0.15"), CostToMake: rg("5000", "10000", "20000")}},
	}}
}
