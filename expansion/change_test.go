package expansion

import (
	"slices"
	"strconv"
	"testing"

	"github.com/cskit/cskit/internal/booktest"
	"github.com/cskit/cskit/internal/money"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGrouping(t *testing.T) {
	d := Grouping{}
	assert.Equal(t, GroupExpansion, d.Of(KindSeats))
	assert.Equal(t, GroupUpsell, d.Of(KindUnitPrice))
	assert.Equal(t, GroupUpsell, d.Of(KindOption))
	assert.Equal(t, GroupCrossSell, d.Of(KindProduct))
	assert.Equal(t, GroupExpansion, d.Of(KindUsage))
	assert.Equal(t, Group(0), d.Of(0))
	assert.Equal(t, Group(0), d.Of(9))
	for k := KindSeats; k <= KindUsage; k++ {
		assert.Equal(t, GroupExpansion, UmbrellaGrouping().Of(k))
	}
	// A host that files options under expansion changes one field.
	assert.Equal(t, GroupExpansion, Grouping{Option: GroupExpansion}.Of(KindOption))
	assert.Equal(t, GroupUpsell, Grouping{Option: GroupExpansion}.Of(KindUnitPrice))
	assert.Equal(t, Group(0), Grouping{Option: 9}.Of(KindOption))
	err := Policy{Grouping: Grouping{Usage: 9}}.Validate()
	assert.ErrorIs(t, err, ErrUnknown)
	assert.ErrorIs(t, err, ErrInvalidPolicy)
	assert.EqualError(t, err, "expansion: grouping.usage: invalid policy: unknown group 9")
}

// changes is a book of booked expansions:
//
//	c1 seats        1000  CS
//	c2 unit-price   2000  CS
//	c3 unit-price    500  without CS (a uniform price rise)
//	c4 option        300  CS
//	c5 product      4000  CS
//	c6 usage         700  CS
//	c7 option        100  without CS
func changes() []Change {
	return []Change{
		{ID: "c1", Account: "a", Kind: KindSeats, Amount: dec("1000")},
		{ID: "c2", Account: "a", Kind: KindUnitPrice, Amount: dec("2000")},
		{ID: "c3", Account: "b", Kind: KindUnitPrice, Amount: dec("500"), WithoutCS: true},
		{ID: "c4", Account: "b", Kind: KindOption, Amount: dec("300")},
		{ID: "c5", Account: "c", Product: "attend", Kind: KindProduct, Amount: dec("4000")},
		{ID: "c6", Account: "c", Kind: KindUsage, Amount: dec("700")},
		{ID: "c7", Account: "c", Kind: KindOption, Amount: dec("100"), WithoutCS: true},
	}
}

func TestChangeBook(t *testing.T) {
	got, err := Policy{}.ChangeTotals(slices.Values(changes()))
	require.NoError(t, err)
	f := func(s Split) [4]string {
		return [4]string{money.Format(s.CS), money.Format(s.WithoutCS), itoa(s.CSCount), itoa(s.WithoutCSCount)}
	}
	assert.Equal(t, [4]string{"8000", "600", "5", "2"}, f(got.All))                   // CS 1000+2000+300+4000+700; without 500+100
	assert.Equal(t, [4]string{"1700", "0", "2", "0"}, f(got.ByGroup[GroupExpansion])) // seats 1000 + usage 700
	assert.Equal(t, [4]string{"2300", "600", "2", "2"}, f(got.ByGroup[GroupUpsell]))  // 2000 + 300; rises 500 + 100 kept apart
	assert.Equal(t, [4]string{"4000", "0", "1", "0"}, f(got.ByGroup[GroupCrossSell]))
	assert.Equal(t, [4]string{"2000", "500", "1", "1"}, f(got.ByKind[KindUnitPrice]))
	assert.Equal(t, [4]string{"300", "100", "1", "1"}, f(got.ByKind[KindOption]))
	assert.Len(t, got.ByGroup, 3, "every group, none undeclared")
	assert.Len(t, got.ByKind, 5, "every kind")
	assert.Equal(t, DefaultGrouping(), got.Grouping)

	// Under seed 000's umbrella every CS change is expansion; the price
	// rises stay apart all the same.
	um, err := Policy{Grouping: UmbrellaGrouping()}.ChangeTotals(slices.Values(changes()))
	require.NoError(t, err)
	assert.Equal(t, [4]string{"8000", "600", "5", "2"}, f(um.ByGroup[GroupExpansion]))
	assert.Equal(t, [4]string{"0", "0", "0", "0"}, f(um.ByGroup[GroupUpsell]))

	booktest.CheckMerge(t, 5, 30, changes(), func() *ChangeBook {
		b, err := NewChangeBook(Policy{})
		require.NoError(t, err)
		return b
	})
	x, _ := NewChangeBook(Policy{})
	y, _ := NewChangeBook(Policy{Grouping: UmbrellaGrouping()})
	assert.ErrorIs(t, x.Merge(y), ErrMismatch)
	var nilBook *ChangeBook
	assert.ErrorIs(t, nilBook.Add(changes()[0]), ErrMissing)
	assert.Equal(t, ChangeTotals{}, nilBook.Result())
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestChangeValidate(t *testing.T) {
	ok := Change{ID: "c", Account: "a", Kind: KindSeats, Amount: dec("1")}
	tests := []struct {
		name  string
		edit  func(*Change)
		field string
		err   error
	}{
		{"no id", func(c *Change) { c.ID = "" }, "id", ErrMissing},
		{"no account", func(c *Change) { c.Account = "" }, "account", ErrMissing},
		{"no kind", func(c *Change) { c.Kind = 0 }, "kind", ErrMissing},
		{"bad kind", func(c *Change) { c.Kind = 42 }, "kind", ErrUnknown},
		{"zero amount", func(c *Change) { c.Amount = dec("0") }, "amount", ErrMissing},
		{"negative amount", func(c *Change) { c.Amount = dec("-1") }, "amount", ErrNegative},
		{"uniform seats", func(c *Change) { c.WithoutCS = true }, "without_cs", ErrInconsistent},
		{"uniform product", func(c *Change) { c.WithoutCS, c.Kind = true, KindProduct }, "without_cs", ErrInconsistent},
	}
	require.NoError(t, ok.Validate())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.edit(&c)
			err := c.Validate()
			require.ErrorIs(t, err, tt.err)
			var fe *FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.field, fe.Field)
			b, _ := NewChangeBook(Policy{})
			assert.Error(t, b.Add(c))
			assert.Equal(t, "0", money.Format(b.Result().All.CS), "a refused change is not counted")
		})
	}
	_, err := Policy{}.ChangeTotals(slices.Values([]Change{ok, {ID: "bad"}}))
	assert.EqualError(t, err, `expansion: row 1: change "bad": account: missing value`)
	_, err = Policy{}.ChangeTotals(nil)
	assert.ErrorIs(t, err, ErrNilBook)
}
