package expansion

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProfile(t *testing.T) {
	u, err := PricingUsage.Profile()
	require.NoError(t, err)
	assert.Equal(t, KindUsage, u.Easiest) // seed 000: usage-based growth is the most frequent
	assert.Equal(t, LevelHigh, u.LTVImpact)
	assert.True(t, u.FromSeed)
	s, err := PricingSeat.Profile()
	require.NoError(t, err)
	assert.Equal(t, KindSeats, s.Easiest)
	assert.False(t, s.FromSeed)
	tr, err := PricingTiered.Profile()
	require.NoError(t, err)
	assert.Equal(t, KindUnitPrice, tr.Easiest)
	for _, p := range []Profile{u, s, tr} {
		assert.Equal(t, p.Easiest, p.Order[0])
		assert.Len(t, p.Order, numKinds-1, "every kind once")
		assert.Equal(t, 1, p.Rank(p.Easiest))
		assert.Greater(t, p.Rank(KindProduct), p.Rank(KindOption), "cross-sell after the model's own axis and options")
	}
	assert.Equal(t, 0, u.Rank(0))
	_, err = PricingModel(0).Profile()
	assert.ErrorIs(t, err, ErrUnknown)
	p1, _ := PricingSeat.Profile()
	p1.Order[0] = KindUsage
	p2, _ := PricingSeat.Profile()
	assert.Equal(t, KindSeats, p2.Order[0], "each call returns its own data: no shared mutable state")
}
