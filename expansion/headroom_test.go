package expansion

import (
	"errors"
	"slices"
	"testing"

	"github.com/cskit/cskit/internal/booktest"
	"github.com/cskit/cskit/internal/money"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// footprints is a book of five footprints:
//
//	acme/chat    40 seats, 38 active (95%), 5 free, ¥500, department 50 → company 400 → group 2000
//	beta/chat   100 seats, 30 active (30%), ¥400, company 105
//	gamma/chat   20 seats, 16 active (80%), 10 free, ¥1000, department 30, group 500
//	delta/attend 50 seats, 45 active (90%), ¥300, department 55 → company 200
//	eps/chat      0 seats, 3 free, ¥500, department 3
func footprints() []Footprint {
	return []Footprint{
		{Account: "acme", Product: "chat", Seats: 40, Active: 38, Free: 5, UnitPrice: dec("500"), Scope: RungDepartment, Department: 50, Company: 400, Group: 2000},
		{Account: "beta", Product: "chat", Seats: 100, Active: 30, UnitPrice: dec("400"), Scope: RungCompany, Company: 105},
		{Account: "gamma", Product: "chat", Seats: 20, Active: 16, Free: 10, UnitPrice: dec("1000"), Scope: RungDepartment, Department: 30, Group: 500},
		{Account: "delta", Product: "attend", Seats: 50, Active: 45, UnitPrice: dec("300"), Scope: RungDepartment, Department: 55, Company: 200},
		{Account: "eps", Product: "chat", Free: 3, UnitPrice: dec("500"), Scope: RungDepartment, Department: 3},
	}
}

func TestAssess(t *testing.T) {
	fs := footprints()
	a, err := Policy{}.Assess(fs[0])
	require.NoError(t, err)
	assert.Equal(t, BandNearLimit, a.Band) // 38 / 40 = 95% > 80%
	assert.Equal(t, "38/40 (95.0%)", a.Utilisation.String())
	assert.EqualValues(t, 5, a.Convertible)
	assert.True(t, a.Lead)
	assert.Equal(t, []Reason{ReasonHeadroom, ReasonNearLimit}, a.Reasons)
	require.Len(t, a.Ladder, 3)
	assert.Equal(t, [3]string{"department 10 5000", "company 360 180000", "group 1960 980000"}, // 50−40 = 10 × 500; 400−40 = 360 × 500; 2000−40 = 1960 × 500
		[3]string{room(a.Ladder[0]), room(a.Ladder[1]), room(a.Ladder[2])})
	assert.Equal(t, "department 10 5000", room(a.Target), "the nearest rung with at least 10 seats")

	a, err = Policy{}.Assess(fs[1])
	require.NoError(t, err)
	assert.Equal(t, BandUnderUsed, a.Band) // 30%
	assert.False(t, a.Lead, "5 seats of room is under the default 10")
	assert.Equal(t, []Reason{}, a.Reasons)
	assert.Equal(t, "company 5 2000", room(a.Target))

	a, err = Policy{MinRoom: 5}.Assess(fs[1])
	require.NoError(t, err)
	assert.True(t, a.Lead, "a lower MinRoom makes it one")

	a, err = Policy{}.Assess(fs[3])
	require.NoError(t, err)
	assert.Equal(t, "company 150 45000", room(a.Target), "department room 5 is too small; the company's 200−50 = 150 × 300")

	a, err = Policy{}.Assess(fs[4])
	require.NoError(t, err)
	assert.Equal(t, BandNone, a.Band)
	assert.Equal(t, "no data", a.Utilisation.String())
	assert.False(t, a.Lead)
}

func room(r Room) string {
	return r.Rung.String() + " " + itoa(r.Seats) + " " + money.Format(r.Revenue)
}

func TestBandEdges(t *testing.T) {
	tests := []struct {
		p      Policy
		active int64
		want   Band
	}{
		{Policy{}, 39, BandUnderUsed}, // 39% < 40%
		{Policy{}, 40, BandHealthy},   // 40% is not under 40%
		{Policy{}, 80, BandHealthy},   // 80% is not above 80%
		{Policy{}, 81, BandNearLimit}, // 81% > 80%
		{Policy{}, 120, BandNearLimit},
		{Policy{}, 0, BandUnderUsed},
		{Policy{NearLimitAbove: dec("0.9")}, 90, BandHealthy},
		{Policy{NearLimitAbove: dec("0.9")}, 91, BandNearLimit},
		{Policy{UnderUsedBelow: dec("0.8")}, 80, BandHealthy}, // equal cut-offs: only exactly 80% is healthy
	}
	for _, tt := range tests {
		f := Footprint{Account: "a", Product: "p", Seats: 100, Active: tt.active, Scope: RungCompany, Company: 100}
		a, err := tt.p.Assess(f)
		require.NoError(t, err)
		assert.Equal(t, tt.want, a.Band, "%d of 100", tt.active)
	}
}

func TestHeadroomBook(t *testing.T) {
	h, err := Policy{}.Headroom(slices.Values(footprints()))
	require.NoError(t, err)
	assert.EqualValues(t, 5, h.Footprints)
	assert.EqualValues(t, 210, h.Seats)  // 40 + 100 + 20 + 50 + 0
	assert.EqualValues(t, 129, h.Active) // 38 + 30 + 16 + 45
	assert.EqualValues(t, 18, h.Free)    // 5 + 10 + 3
	assert.Equal(t, "129/210 (61.4%)", h.Utilisation.String())
	assert.Equal(t, [4]int64{1, 1, 2, 1}, [4]int64{h.UnderUsed, h.Healthy, h.NearLimit, h.NoData})
	require.Len(t, h.Ladder, 3)
	// department: acme 10 × 500, gamma 10 × 1000, delta 5 × 300, eps 3 × 500
	assert.Equal(t, "department 4 28 18000", rungTotal(h.Ladder[0]))
	// company: acme 360 × 500, beta 5 × 400, delta 150 × 300
	assert.Equal(t, "company 3 515 227000", rungTotal(h.Ladder[1]))
	// group: acme 1960 × 500, gamma 480 × 1000
	assert.Equal(t, "group 2 2440 1460000", rungTotal(h.Ladder[2]))
	assert.Equal(t, "3/5 (60.0%)", h.Opportunities.String()) // acme, gamma, delta
	assert.EqualValues(t, 3, h.HeadroomLeads)
	assert.EqualValues(t, 2, h.NearLimitLeads) // acme, delta
	var top []string
	for _, a := range h.Top {
		top = append(top, a.Account+" "+money.Format(a.Target.Revenue))
	}
	assert.Equal(t, []string{"delta 45000", "gamma 10000", "acme 5000"}, top)

	h2, err := Policy{Top: 2}.Headroom(slices.Values(footprints()))
	require.NoError(t, err)
	assert.Len(t, h2.Top, 2)
	assert.Equal(t, "delta", h2.Top[0].Account)

	for _, p := range []Policy{{}, {Top: 1}, {Top: 2, MinRoom: 3}} {
		booktest.CheckMerge(t, 9, 40, append(footprints(), footprints()...), func() *HeadroomBook {
			b, err := NewHeadroomBook(p)
			require.NoError(t, err)
			return b
		})
	}
	x, _ := NewHeadroomBook(Policy{})
	y, _ := NewHeadroomBook(Policy{Top: 3})
	assert.ErrorIs(t, x.Merge(y), ErrMismatch)
	var nilBook *HeadroomBook
	assert.ErrorIs(t, nilBook.Add(footprints()[0]), ErrMissing)
	assert.Equal(t, `{"footprints":0,"seats":0,"active":0,"free":0,"utilisation":{"num":0,"den":0},"under_used":0,"healthy":0,"near_limit":0,"no_data":0,"ladder":null,"opportunities":{"num":0,"den":0},"headroom_leads":0,"near_limit_leads":0,"top":null}`,
		mustJSON(t, nilBook.Result()), "the zero result encodes")
}

func rungTotal(r RungTotal) string {
	return r.Rung.String() + " " + itoa(r.Footprints) + " " + itoa(r.Seats) + " " + money.Format(r.Revenue)
}

func TestFootprintValidate(t *testing.T) {
	ok := Footprint{Account: "a", Product: "p", Seats: 40, Active: 10, Free: 5, UnitPrice: dec("100"), Scope: RungDepartment, Department: 50, Company: 60, Group: 70}
	require.NoError(t, ok.Validate())
	tests := []struct {
		name  string
		edit  func(*Footprint)
		field string
		err   error
		msg   string
	}{
		{"paid above population", func(f *Footprint) { f.Seats = 46 }, "department", ErrAboveReach,
			`expansion: footprint "a/p": department: paid and free users above the population: 46 paid + 5 free > 50`},
		{"no population at scope", func(f *Footprint) { f.Scope, f.Department, f.Company = RungCompany, 50, 0 }, "company", ErrMissing, ""},
		{"ladder", func(f *Footprint) { f.Company = 45 }, "company", ErrLadder,
			`expansion: footprint "a/p": company: population smaller than the rung below: company 45 < department 50`},
		{"ladder over an unknown rung", func(f *Footprint) { f.Company, f.Group = 0, 49 }, "group", ErrLadder, ""},
		{"negative seats", func(f *Footprint) { f.Seats = -1 }, "seats", ErrNegative, ""},
		{"negative active", func(f *Footprint) { f.Active = -1 }, "active", ErrNegative, ""},
		{"negative population", func(f *Footprint) { f.Group = -1 }, "group", ErrNegative, ""},
		{"huge population", func(f *Footprint) { f.Group = MaxPeople + 1 }, "group", ErrTooLarge, ""},
		{"negative price", func(f *Footprint) { f.UnitPrice = dec("-1") }, "unit_price", ErrNegative, ""},
		{"no scope", func(f *Footprint) { f.Scope = 0 }, "scope", ErrMissing, ""},
		{"bad scope", func(f *Footprint) { f.Scope = 4 }, "scope", ErrUnknown, ""},
		{"no product", func(f *Footprint) { f.Product = "" }, "product", ErrMissing, ""},
		{"no account", func(f *Footprint) { f.Account = "" }, "account", ErrMissing, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ok
			tt.edit(&f)
			err := f.Validate()
			require.ErrorIs(t, err, tt.err)
			var fe *FieldError
			require.True(t, errors.As(err, &fe))
			assert.Equal(t, tt.field, fe.Field)
			if tt.msg != "" {
				assert.EqualError(t, err, tt.msg)
			}
			_, err = Policy{}.Assess(f)
			assert.ErrorIs(t, err, tt.err)
			b, _ := NewHeadroomBook(Policy{})
			assert.Error(t, b.Add(f))
			assert.Zero(t, b.Result().Footprints, "a refused footprint is not counted")
		})
	}
	f := ok
	f.Scope = RungCompany
	f.Company = 45 // below the department's 50, which is not read
	assert.NoError(t, f.Validate(), "rungs below the scope are not read")
}

// TestHeadroomBookSelfMerge merges a book into itself: the result is the
// book's footprints counted twice, top list included. Inserting into the
// top list while reading it once duplicated some leads and lost others.
func TestHeadroomBookSelfMerge(t *testing.T) {
	b, err := NewHeadroomBook(Policy{Top: 20})
	require.NoError(t, err)
	twice, err := NewHeadroomBook(Policy{Top: 20})
	require.NoError(t, err)
	for _, f := range footprints() {
		require.NoError(t, b.Add(f))
		require.NoError(t, twice.Add(f))
		require.NoError(t, twice.Add(f))
	}
	require.NoError(t, b.Merge(b))
	assert.Equal(t, mustJSON(t, twice.Result()), mustJSON(t, b.Result()))
}
