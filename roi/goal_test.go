package roi

import (
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/money"
	"github.com/stretchr/testify/require"
)

// leadsGoal: 1,000 offline leads a quarter at introduction (2026-04-01),
// 5,000 aimed at by 2027-04-01 (365 days later).
func leadsGoal(current string, on date.Date) Goal {
	return Goal{
		Account: "acme", Name: "offline leads a quarter", Unit: "leads",
		Baseline: Reading{d("1000"), day(2026, time.April, 1)},
		Current:  Reading{d(current), on},
		Target:   Reading{d("5000"), day(2027, time.April, 1)},
	}
}

func TestProgress(t *testing.T) {
	for _, tc := range []struct {
		name             string
		g                Goal
		delivered, gap   string
		share, elapsed   string
		reached, onTrack bool
	}{
		// 3000 − 1000 = 2000 of 4000: 0.5; 2026-04-01 → 2026-09-30 is 182
		// of 365 days: 0.49863… → 0.4986; 0.5 ≥ 0.4986: on track.
		{"half way, on time", leadsGoal("3000", day(2026, time.September, 30)), "2000", "4000", "0.5000", "0.4986", false, true},
		// 2000 of 4000 against 183/365 = 0.50136… → 0.5014: behind.
		{"half way, a day late", leadsGoal("3000", day(2026, time.October, 1)), "2000", "4000", "0.5000", "0.5014", false, false},
		// 4000 / 4000 = 1: reached.
		{"reached", leadsGoal("5000", day(2027, time.March, 1)), "4000", "4000", "1.0000", "0.9151", true, true}, // 334 / 365 = 0.91506…
		// 6000 − 1000 = 5000 of 4000: 1.25, measured after the target day: 400 / 365 = 1.0958…
		{"beyond, late", leadsGoal("6000", day(2027, time.May, 6)), "5000", "4000", "1.2500", "1.0959", true, true},
		// 800 − 1000 = −200 of 4000: −0.05.
		{"the wrong way", leadsGoal("800", day(2026, time.May, 1)), "-200", "4000", "-0.0500", "0.0822", false, false}, // 30 / 365 = 0.08219…
		// On the baseline's own day: nothing delivered, no time passed: on track.
		{"at the start", leadsGoal("1000", day(2026, time.April, 1)), "0", "4000", "0.0000", "0.0000", false, true},
		// Hours a month from 120 down to 80 by 2026-12-31 (274 days after
		// 2026-04-01): 100 is −20 of −40, 0.5; 2026-08-16 is 137 days: 0.5.
		{"a target below the baseline", Goal{Account: "b", Name: "hours a month on lists",
			Baseline: Reading{d("120"), day(2026, time.April, 1)}, Current: Reading{d("100"), day(2026, time.August, 16)},
			Target: Reading{d("80"), day(2026, time.December, 31)}}, "-20", "-40", "0.5000", "0.5000", false, true},
		// 19999 − 0 of 20000: 0.99995 → 0.9999 (down): not reached, never
		// shown as 100%. 2026-08-16 is 137 of 274 days: 0.5.
		{"all but a twenty-thousandth", Goal{Account: "c", Name: "contacts",
			Baseline: Reading{d("0"), day(2026, time.April, 1)}, Current: Reading{d("19999"), day(2026, time.August, 16)},
			Target: Reading{d("20000"), day(2026, time.December, 31)}}, "19999", "20000", "0.9999", "0.5000", false, true},
		// Hours from 120 down to 80: 100.001 is −19.999 of −40, 0.499975 →
		// 0.4999 (down, whichever the direction); 137 of 274 days: 0.5.
		{"below the baseline, a little behind", Goal{Account: "b", Name: "hours",
			Baseline: Reading{d("120"), day(2026, time.April, 1)}, Current: Reading{d("100.001"), day(2026, time.August, 16)},
			Target: Reading{d("80"), day(2026, time.December, 31)}}, "-19.999", "-40", "0.4999", "0.5000", false, false},
		{"below the baseline, reached", Goal{Account: "b", Name: "hours",
			Baseline: Reading{d("120"), day(2026, time.April, 1)}, Current: Reading{d("79.5"), day(2026, time.August, 16)},
			Target: Reading{d("80"), day(2026, time.December, 31)}}, "-40.5", "-40", "1.0125", "0.5000", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.g.Progress(day(2027, time.June, 1))
			require.NoError(t, err)
			require.Equal(t, tc.delivered, money.Format(p.Delivered), "delivered")
			require.Equal(t, tc.gap, money.Format(p.Gap), "gap")
			require.Equal(t, tc.share, money.Format(p.Share), "share")
			require.Equal(t, tc.elapsed, money.Format(p.Elapsed), "elapsed")
			require.Equal(t, tc.reached, p.Reached, "reached")
			require.Equal(t, tc.onTrack, p.OnTrack, "on track")
			require.Equal(t, tc.g.Account, p.Account)
			require.Equal(t, tc.g.Name, p.Goal)
			require.Equal(t, tc.g.Unit, p.Unit)
			require.Equal(t, tc.g.Current.On, p.Measured, "as of the current reading")
			require.Equal(t, tc.g.Target.On, p.Due)
		})
	}
}

func TestProgressOnTrackIsExact(t *testing.T) {
	// 1/3 of the way after 1/3 of the time: 0.3333 each once rounded, and
	// exactly equal: on track. 1 short of a third is behind, though both
	// round to 0.3333. Baseline 0 → 3000 over 2026-01-01 → 2026-01-31 (30
	// days), measured on 2026-01-11 (10 days).
	g := Goal{Account: "c", Name: "n", Baseline: Reading{d("0"), day(2026, time.January, 1)},
		Current: Reading{d("1000"), day(2026, time.January, 11)}, Target: Reading{d("3000"), day(2026, time.January, 31)}}
	p, err := g.Progress(day(2026, time.February, 1))
	require.NoError(t, err)
	require.True(t, p.OnTrack)
	g.Current.Value = d("999.99") // 999.99 / 3000 = 0.33333
	p, err = g.Progress(day(2026, time.February, 1))
	require.NoError(t, err)
	require.Equal(t, "0.3333", money.Format(p.Share))
	require.Equal(t, "0.3333", money.Format(p.Elapsed))
	require.False(t, p.OnTrack)
}

func TestGoalErrors(t *testing.T) {
	asOf := day(2027, time.June, 1)
	for _, tc := range []struct {
		name  string
		edit  func(*Goal)
		want  error
		field string
	}{
		{"no account", func(g *Goal) { g.Account = "" }, ErrMissing, "account"},
		{"no name", func(g *Goal) { g.Name = "" }, ErrMissing, "name"},
		{"no baseline day", func(g *Goal) { g.Baseline.On = date.Date{} }, ErrMissing, "baseline.on"},
		{"no target day", func(g *Goal) { g.Target.On = date.Date{} }, ErrMissing, "target.on"},
		{"measured before the baseline", func(g *Goal) { g.Current.On = day(2026, time.March, 31) }, ErrDateOrder, "current.on"},
		{"target day on the baseline's", func(g *Goal) { g.Target.On = g.Baseline.On }, ErrDateOrder, "target.on"},
		{"no gap", func(g *Goal) { g.Target.Value = d("1000.0") }, ErrNoGap, "target.value"},
		{"out of scale", func(g *Goal) { g.Current.Value = d("1e-101") }, ErrAmountOutOfRange, "current.value"},
		{"measured after asOf", func(g *Goal) { g.Current.On = day(2027, time.June, 2) }, ErrAfterAsOf, "current.on"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := leadsGoal("3000", day(2026, time.September, 30))
			tc.edit(&g)
			_, err := g.Progress(asOf)
			requireField(t, err, tc.want, tc.field)
		})
	}
	_, err := leadsGoal("3000", day(2026, time.September, 30)).Progress(date.Date{})
	requireField(t, err, ErrMissing, "as_of")
}
