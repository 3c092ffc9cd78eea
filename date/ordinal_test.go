package date_test

import (
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOrdinal(t *testing.T) {
	assert.Equal(t, 0, date.Date{}.Ordinal())
	assert.Equal(t, 1, date.Must(1, time.January, 1).Ordinal())
	// Python: date(1970, 1, 1).toordinal() == 719163, date(2027, 3, 31).toordinal() == 740071.
	assert.Equal(t, 719163, date.Must(1970, time.January, 1).Ordinal())
	assert.Equal(t, 740071, date.Must(2027, time.March, 31).Ordinal())
	assert.Equal(t, 3652059, date.Must(9999, time.December, 31).Ordinal())

	for _, d := range []date.Date{date.Must(1, 1, 1), date.Must(2024, 2, 29), date.Must(2027, 3, 31), date.Must(9999, 12, 31)} {
		back, err := date.FromOrdinal(d.Ordinal())
		require.NoError(t, err)
		assert.Equal(t, d, back)
	}
	a, b := date.Must(2025, 3, 8), date.Must(2027, 5, 31)
	assert.Equal(t, a.DaysUntil(b), b.Ordinal()-a.Ordinal())

	for _, n := range []int{0, -1, 3652060} {
		_, err := date.FromOrdinal(n)
		assert.ErrorIs(t, err, date.ErrInvalidYear, "%d", n)
	}
}
