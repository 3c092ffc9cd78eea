package expansion

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cskit/cskit/internal/dectest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// values returns a filled value and the zero value of every exported type
// that encodes to JSON.
func values(t *testing.T) []any {
	start, end := movementBook()
	ps := pairs(t, start, end)
	tot, err := Policy{}.Movements(day1, day2, slices.Values(start), slices.Values(end))
	require.NoError(t, err)
	mv, err := Policy{}.Classify(ps[0])
	require.NoError(t, err)
	h, err := Policy{}.Headroom(slices.Values(footprints()))
	require.NoError(t, err)
	as, err := Policy{}.Assess(footprints()[0])
	require.NoError(t, err)
	f, err := Policy{}.Funnel(asOf, slices.Values(leads()))
	require.NoError(t, err)
	ct, err := Policy{}.ChangeTotals(slices.Values(changes()))
	require.NoError(t, err)
	pr, err := Policy{}.Propose(catalogue(), Upsell{Account: "a", Plan: "business", Target: "enterprise", Seats: 3})
	require.NoError(t, err)
	prof, err := PricingUsage.Profile()
	require.NoError(t, err)
	att, err := f.Attainment([]Goal{{CSM: "sato", Segment: SegmentSMB, Count: 2}})
	require.NoError(t, err)
	return []any{
		DefaultPolicy(), Policy{}, DefaultGrouping(), Grouping{},
		start[1], Account{}, end[4].Lines[0], Line{}, ps[0], Pair{},
		mv, Movement{}, tot, Totals{}, tot.NRR, Rate{}, tot.LogoChurn, Ratio{},
		changes()[2], Change{}, ct, ChangeTotals{}, ct.All, Split{},
		footprints()[0], Footprint{}, as, Assessment{}, as.Ladder[0], Room{}, h, Headroom{}, h.Ladder[0], RungTotal{},
		catalogue(), Catalogue{}, catalogue().Plans[0], Plan{}, catalogue().Options[0], Option{},
		Upsell{Account: "a", Plan: "p", Options: []string{"o"}, Signals: []Signal{SignalRequested}}, Upsell{}, pr, Proposal{},
		leads()[0], Lead{}, f, Funnel{}, f.CSMs[0], CSMTally{},
		f.TossUps, TossUps{}, Goal{CSM: "x", Segment: SegmentEnterprise, Amount: dec("1.50")}, Goal{}, att[0], Attainment{},
		prof, Profile{},
	}
}

// TestJSONRoundTrip encodes every type, zero values included, and decodes
// it back where it is valid: the second encoding is the first.
func TestJSONRoundTrip(t *testing.T) {
	for _, v := range values(t) {
		name := fmt.Sprintf("%T", v)
		b, err := json.Marshal(v)
		require.NoError(t, err, name)
		assert.NotContains(t, string(b), "e+", name)
		ptr := newOf(v)
		if err := json.Unmarshal(b, ptr); err != nil {
			// Only a zero record that needs fields may refuse its own
			// encoding.
			assert.True(t, errors.Is(err, ErrInvalidRecord) || errors.Is(err, ErrInvalidPolicy), "%s: %s: %v", name, b, err)
			continue
		}
		again, err := json.Marshal(ptr)
		require.NoError(t, err, name)
		assert.Equal(t, string(b), string(again), name)
	}
}

// newOf returns a pointer to a new zero value of v's type.
func newOf(v any) any { return reflect.New(reflect.TypeOf(v)).Interface() }

// TestJSONStrict decodes every type's encoding with a key it does not
// have, alone as a host would decode it (not only inside a strict
// parent): each refuses it with its sentinel. A grouping that silently
// took {"seat":"upsell"} for the default filed money under the wrong group.
func TestJSONStrict(t *testing.T) {
	for _, v := range values(t) {
		name := fmt.Sprintf("%T", v)
		b, err := json.Marshal(v)
		require.NoError(t, err, name)
		require.Equal(t, byte('{'), b[0], name)
		bad := append([]byte(`{"colour":1,`), b[1:]...)
		if string(b) == "{}" {
			bad = []byte(`{"colour":1}`)
		}
		err = json.Unmarshal(bad, newOf(v))
		assert.True(t, errors.Is(err, ErrInvalidRecord) || errors.Is(err, ErrInvalidPolicy), "%s: %v", name, err)
	}
	var g Grouping
	err := json.Unmarshal([]byte(`{"seat":"upsell"}`), &g)
	assert.ErrorIs(t, err, ErrInvalidPolicy)
	assert.Equal(t, Grouping{}, g, "left unchanged")
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"seats":"cross-sell","usage":9}`), &g), ErrInvalidPolicy)
	var r Ratio
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"num":-1,"den":5}`), &r), ErrNegative)
}

func TestEnumsText(t *testing.T) {
	type enum interface {
		String() string
		MarshalText() ([]byte, error)
	}
	for _, e := range []enum{KindUsage, GroupCrossSell, RungGroup, BandNearLimit, ReasonNearLimit, SignalRequested,
		SegmentEnterprise, SourceOther, VerdictRejected, OutcomeLost, PricingTiered, LevelHigh, MoveUnchanged,
		ProductLossChurn, NetPerProduct, SideEnd} {
		b, err := e.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, e.String(), string(b))
		assert.NotEmpty(t, b)
	}
	_, err := Kind(9).MarshalText()
	assert.ErrorIs(t, err, ErrUnknown)
	assert.Equal(t, "%!Kind(9)", Kind(9).String())
	var k Kind = KindSeats
	err = k.UnmarshalText([]byte("more-seats"))
	assert.EqualError(t, err, `expansion: unknown kind "more-seats"`)
	assert.Equal(t, KindSeats, k, "left alone on error")
	require.NoError(t, k.UnmarshalText(nil))
	assert.Equal(t, Kind(0), k)
	var v Verdict
	require.NoError(t, v.UnmarshalText([]byte("rejected")))
	assert.Equal(t, VerdictRejected, v)
	assert.Equal(t, "pending", Verdict(0).String(), "the zero verdict is valid and named")
	assert.False(t, BandNone.Valid())
	assert.True(t, SourceSeminar.CSQL())
	assert.False(t, SourceProduct.CSQL())
	assert.False(t, Source(0).CSQL())
}

// TestDecimalGlobals proves the outputs that hold money are the same
// whatever shopspring/decimal's package variables say.
func TestDecimalGlobals(t *testing.T) {
	dectest.Stable(t, func() []byte {
		var b strings.Builder
		for _, v := range values(t) {
			j, err := json.Marshal(v)
			fmt.Fprintf(&b, "%s %v\n", j, err)
		}
		start, end := movementBook()
		tot, err := Policy{}.Movements(day1, day2, slices.Values(start), slices.Values(end))
		fmt.Fprintln(&b, tot.NRR.String(), tot.GRR.String(), tot.LogoChurn.String(), err)
		var p Policy
		err = json.Unmarshal([]byte(`{"near_limit_above":"0.8500","seminar_yield":"0.0625"}`), &p)
		j, _ := json.Marshal(p)
		fmt.Fprintln(&b, string(j), err)
		_, err = Policy{}.Assess(Footprint{Account: "a", Product: "p", UnitPrice: dec("-1.50"), Scope: RungCompany})
		fmt.Fprintln(&b, err)
		return []byte(b.String())
	})
}

// TestDecodeNamesField checks that a result decoded with a bad amount says
// which field, and that an amount out of range is not called negative.
func TestDecodeNamesField(t *testing.T) {
	tiny := `"0.` + strings.Repeat("0", 100) + `1"` // exponent −101
	for _, c := range []struct {
		v         any
		json      string
		id, field string
		sentinel  error
	}{
		{new(Movement), `{"account":"acme","move":"churn","churn":"-5"}`, "acme", "churn", ErrNegative},
		{new(Totals), `{"start":"1","product_churn":"-1"}`, "", "product_churn", ErrNegative},
		{new(Split), `{"cs":"1","without_cs":` + tiny + `}`, "", "without_cs", ErrAmountOutOfRange},
		{new(Split), `{"cs_count":-2}`, "", "cs_count", ErrNegative},
		{new(Proposal), `{"account":"acme","revenue":"-1"}`, "acme", "revenue", ErrNegative},
		{new(CSMTally), `{"csm":"sato","shared":"-1"}`, "sato", "shared", ErrNegative},
		{new(Room), `{"revenue":"-1"}`, "", "revenue", ErrNegative},
	} {
		err := json.Unmarshal([]byte(c.json), c.v)
		var fe *FieldError
		require.True(t, errors.As(err, &fe), "%T: %v", c.v, err)
		assert.Equal(t, c.id, fe.ID, "%T", c.v)
		assert.Equal(t, c.field, fe.Field, "%T", c.v)
		assert.ErrorIs(t, err, c.sentinel, "%T", c.v)
		assert.ErrorIs(t, err, ErrInvalidRecord, "%T", c.v)
	}
}

// TestDecodeErrorIsShort: encoding/json quotes all of an unknown key; the
// decoder's error keeps 200 bytes of its message.
func TestDecodeErrorIsShort(t *testing.T) {
	var a Account
	err := json.Unmarshal([]byte(`{"`+strings.Repeat("k", 1<<20)+`":1}`), &a)
	require.ErrorIs(t, err, ErrInvalidRecord)
	// `json: unknown field "` is 21 bytes; 179 k's make the 200 kept.
	assert.EqualError(t, err, `expansion: decoding account: json: unknown field "`+strings.Repeat("k", 179)+"…")
}
