package roi

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/jsontest"
	"github.com/cskit/cskit/internal/money"
)

// FuzzCaseJSON decodes a case and, when it decodes, derives it: the
// derivation either fails with a matchable error or has every result
// ordered (ROI low ≤ base ≤ high, payback low ≥ base ≥ high), encodes and
// explains itself.
func FuzzCaseJSON(f *testing.F) {
	f.Add([]byte(seedCaseJSON))
	f.Add([]byte(`{"account":"a","annual_cost":"1","scenarios":[{"name":"s","metric":{"name":"h","value":{"low":"0","base":"1","high":"2"}},"logic":{"kind":"hours","hourly_cost":"3"}}]}`))
	f.Add([]byte(`{"account":"a","annual_cost":"0.001","scenarios":[{"name":"s","metric":{"name":"h","value":"1e-99"},"logic":{"kind":"reuse","share_reused":"0.000001","cost_to_make":"0.5"}}]}`))
	f.Add([]byte(`{"account":"a","annual_cost":"5","scenarios":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, ok := jsontest.RoundTrip(t, b, ErrInvalidCase, Case.Validate)
		if !ok {
			return
		}
		r, err := c.Derive()
		if err != nil {
			if !errors.Is(err, ErrAmountOutOfRange) {
				t.Fatalf("a valid case failed to derive: %v", err)
			}
			return
		}
		if money.Cmp(r.ROI.Low, r.ROI.Base) > 0 || money.Cmp(r.ROI.Base, r.ROI.High) > 0 {
			t.Fatalf("ROI out of order: %v", r.ROI)
		}
		longer := func(a, b Payback) bool { // a is longer than b
			return (a.Never && !b.Never) || (!a.Never && !b.Never && a.Months.Cmp(b.Months) > 0)
		}
		if longer(r.Payback.Base, r.Payback.Low) || longer(r.Payback.High, r.Payback.Base) {
			t.Fatalf("payback out of order: %+v", r.Payback)
		}
		if _, err := json.Marshal(r); err != nil && !errors.Is(err, ErrAmountOutOfRange) {
			t.Fatal(err)
		}
		if r.Explain() == "" {
			t.Fatal("no explanation")
		}
	})
}

// FuzzScenarioJSON round-trips scenarios.
func FuzzScenarioJSON(f *testing.F) {
	f.Add([]byte(`{"name":"visualise the network","metric":{"name":"offline leads","value":"4000"},"logic":{"kind":"revenue","meeting_rate":"0.1","opportunity_rate":{"low":"0.3","base":"0.4","high":"0.5"},"win_rate":"0.25","deal_size":"1000000"}}`))
	f.Add([]byte(`{"name":"s","metric":{"name":"m","unit":"u","value":{"low":"1","base":"2","high":"3"}},"logic":{"kind":"hours","hourly_cost":"50.5"}}`))
	f.Add([]byte(`{"name":"s","metric":{"name":"m","value":"1"},"logic":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		jsontest.RoundTrip(t, b, ErrInvalidScenario, Scenario.Validate)
	})
}

// FuzzClaimJSON round-trips claims and reviews those that decode.
func FuzzClaimJSON(f *testing.F) {
	f.Add([]byte(`{"id":"c","statement":"s","scenario":{"name":"s","metric":{"name":"m","value":"1"},"logic":{"kind":"hours","hourly_cost":"5"}},"confirmations":[{"customer":"a","on":"2027-01-10"},{"customer":"a","on":"2026-12-01","note":"CFO"}]}`))
	f.Add([]byte(`{"id":"c","statement":"s","scenario":{"name":"s","metric":{"name":"m","value":"1"},"logic":{"kind":"reuse","share_reused":"1","cost_to_make":"5"}},"confirmations":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, ok := jsontest.RoundTrip(t, b, ErrInvalidClaim, Claim.Validate)
		if !ok {
			return
		}
		p, err := ClaimPolicy{MinConfirmations: 2}.Review(c, date9999())
		if err != nil {
			t.Fatal(err)
		}
		if p.Publishable != (len(p.Customers) >= 2) || p.Publishable == p.Since.IsZero() {
			t.Fatalf("inconsistent publication %+v", p)
		}
	})
}

// FuzzGoalJSON round-trips goals and computes the progress of those that
// decode.
func FuzzGoalJSON(f *testing.F) {
	f.Add([]byte(`{"account":"a","name":"n","baseline":{"value":"1000","on":"2026-04-01"},"current":{"value":"3000","on":"2026-09-30"},"target":{"value":"5000","on":"2027-04-01"}}`))
	f.Add([]byte(`{"account":"a","name":"n","unit":"h","baseline":{"value":"120","on":"2026-04-01"},"current":{"value":"79.5","on":"2026-04-01"},"target":{"value":"80","on":"2026-04-02"}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, ok := jsontest.RoundTrip(t, b, ErrInvalidGoal, Goal.Validate)
		if !ok {
			return
		}
		p, err := g.Progress(date9999())
		if err != nil {
			t.Fatal(err)
		}
		if p.Reached != (p.Share.Cmp(one) >= 0) { // the share rounds down: 100% only once reached
			t.Fatalf("reached %v with share %s", p.Reached, p.Share)
		}
		if _, err := json.Marshal(p); err != nil && !errors.Is(err, ErrAmountOutOfRange) {
			t.Fatal(err)
		}
	})
}

func date9999() date.Date { return day(9999, time.December, 31) }
