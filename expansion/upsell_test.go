package expansion

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/cskit/cskit/internal/money"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// catalogue is a Chatwork-like ladder: Business ¥500 and Enterprise ¥1000
// a seat, an archive option at ¥100 a seat and single sign-on at ¥20000 an
// account.
func catalogue() Catalogue {
	return Catalogue{
		Plans:   []Plan{{"business", dec("500")}, {"enterprise", dec("1000")}},
		Options: []Option{{"archive", dec("100"), true}, {"sso", dec("20000"), false}},
	}
}

func TestPropose(t *testing.T) {
	tests := []struct {
		name    string
		p       Policy
		u       Upsell
		revenue [3]string // plan, option, total
		ready   bool
		missing []Signal
	}{
		{"plan and options, ready", Policy{},
			Upsell{Account: "a", Plan: "business", Target: "enterprise", Options: []string{"archive", "sso"}, Seats: 30,
				Signals: []Signal{SignalGoalProgress, SignalOnboarded}},
			// 30 × (1000 − 500) = 15000; 30 × 100 + 20000 = 23000; 38000
			[3]string{"15000", "23000", "38000"}, true, []Signal{}},
		{"withheld until success shows", Policy{},
			Upsell{Account: "a", Plan: "business", Target: "enterprise", Seats: 30, Signals: []Signal{SignalOnboarded}},
			[3]string{"15000", "0", "15000"}, false, []Signal{SignalGoalProgress}},
		{"the customer asked", Policy{},
			Upsell{Account: "a", Plan: "business", Target: "enterprise", Seats: 30, Signals: []Signal{SignalRequested}},
			[3]string{"15000", "0", "15000"}, true, []Signal{SignalOnboarded, SignalGoalProgress}},
		{"an option only", Policy{Readiness: []Signal{SignalValueConfirmed}},
			Upsell{Account: "a", Plan: "enterprise", Options: []string{"archive"}, Seats: 12},
			[3]string{"0", "1200", "1200"}, false, []Signal{SignalValueConfirmed}}, // 12 × 100
		{"nothing required", Policy{Readiness: []Signal{}},
			Upsell{Account: "a", Plan: "business", Options: []string{"sso"}},
			[3]string{"0", "20000", "20000"}, true, []Signal{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.p.Propose(catalogue(), tt.u)
			require.NoError(t, err)
			assert.Equal(t, tt.revenue, [3]string{money.Format(got.PlanRevenue), money.Format(got.OptionRevenue), money.Format(got.Revenue)})
			assert.Equal(t, tt.ready, got.Ready)
			assert.Equal(t, tt.missing, got.Missing)
		})
	}
}

func TestProposeErrors(t *testing.T) {
	tests := []struct {
		name  string
		c     Catalogue
		u     Upsell
		field string
		err   error
		msg   string
	}{
		{"unknown plan", catalogue(), Upsell{Account: "a", Plan: "pro", Target: "enterprise"}, "plan", ErrUnknownPlan,
			`expansion: upsell "a": plan: unknown plan "pro"`},
		{"unknown target", catalogue(), Upsell{Account: "a", Plan: "business", Target: "max"}, "target", ErrUnknownPlan, ""},
		{"unknown option", catalogue(), Upsell{Account: "a", Plan: "business", Options: []string{"sso", "ai"}}, "options[1]", ErrUnknownOption,
			`expansion: upsell "a": options[1]: unknown option "ai"`},
		{"downgrade", catalogue(), Upsell{Account: "a", Plan: "enterprise", Target: "business"}, "target", ErrNotUpgrade, ""},
		{"same plan", catalogue(), Upsell{Account: "a", Plan: "business", Target: "business"}, "target", ErrNotUpgrade, ""},
		{"nothing", catalogue(), Upsell{Account: "a", Plan: "business"}, "target", ErrNotUpgrade, ""},
		{"negative seats", catalogue(), Upsell{Account: "a", Plan: "business", Target: "enterprise", Seats: -3}, "seats", ErrNegative, ""},
		{"option twice", catalogue(), Upsell{Account: "a", Plan: "business", Options: []string{"sso", "sso"}}, "options[1]", ErrDuplicate, ""},
		{"signal twice", catalogue(), Upsell{Account: "a", Plan: "business", Options: []string{"sso"}, Signals: []Signal{1, 1}}, "signals[1]", ErrDuplicate, ""},
		{"bad signal", catalogue(), Upsell{Account: "a", Plan: "business", Options: []string{"sso"}, Signals: []Signal{0}}, "signals[0]", ErrUnknown, ""},
		{"no account", catalogue(), Upsell{Plan: "business"}, "account", ErrMissing, ""},
		{"empty catalogue", Catalogue{}, Upsell{Account: "a", Plan: "business"}, "plans", ErrMissing, ""},
		{"cheaper higher plan", Catalogue{Plans: []Plan{{"a", dec("2")}, {"b", dec("1")}}}, Upsell{Account: "a", Plan: "a"}, "plans[1].unit_price", ErrNotUpgrade, ""},
		{"plan twice", Catalogue{Plans: []Plan{{"a", dec("1")}, {"a", dec("2")}}}, Upsell{Account: "a", Plan: "a"}, "plans[1].name", ErrDuplicate, ""},
		{"negative option", Catalogue{Plans: []Plan{{"a", dec("1")}}, Options: []Option{{"x", dec("-1"), false}}}, Upsell{Account: "a", Plan: "a"}, "options[0].price", ErrNegative, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Policy{}.Propose(tt.c, tt.u)
			require.ErrorIs(t, err, tt.err)
			var fe *FieldError
			require.True(t, errors.As(err, &fe))
			assert.Equal(t, tt.field, fe.Field)
			if tt.msg != "" {
				assert.EqualError(t, err, tt.msg)
			}
		})
	}
	_, err := Policy{}.Propose(catalogue(), Upsell{Account: "a", Plan: "pro"})
	assert.ErrorIs(t, err, ErrUnknown, "an unknown plan matches ErrUnknown too")
}

func TestCatalogueJSON(t *testing.T) {
	b, err := json.Marshal(catalogue())
	require.NoError(t, err)
	assert.JSONEq(t, `{"plans":[{"name":"business","unit_price":"500"},{"name":"enterprise","unit_price":"1000"}],
		"options":[{"name":"archive","price":"100","per_seat":true},{"name":"sso","price":"20000","per_seat":false}]}`, string(b))
	var c Catalogue
	require.NoError(t, json.Unmarshal(b, &c))
	assert.Equal(t, string(b), mustJSON(t, c))
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"plans":[]}`), &c), ErrInvalidPolicy)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"plans":[{"name":"a","unit_price":"1","x":1}]}`), &c), ErrInvalidPolicy)
	assert.Equal(t, string(b), mustJSON(t, c), "unchanged after a refused decode")
	assert.Equal(t, `{"plans":[],"options":[]}`, mustJSON(t, Catalogue{}))
}
