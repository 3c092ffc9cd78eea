package churn

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/cskit/cskit/date"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWarnings(t *testing.T) {
	before := Snapshot{
		Account: "hokuto", Date: day(2026, time.October, 1), Seats: 120, Plan: "pro", PlanRank: 3,
		Options: []string{"sso", "api", "audit-log"}, Champion: "Suzuki", Executive: "Yamada", Onboarded: true,
	}
	tests := []struct {
		name  string
		after func(*Snapshot)
		want  []Warning
	}{
		{"nothing changed", func(*Snapshot) {}, nil},
		{"more seats, bigger plan, new option", func(s *Snapshot) {
			s.Seats, s.Plan, s.PlanRank, s.Options = 150, "enterprise", 4, append(s.Options, "sandbox")
		}, nil},
		{"contraction", func(s *Snapshot) { s.Seats = 100 }, []Warning{{SignalContraction, "seats", "120", "100"}}},
		{"downgrade", func(s *Snapshot) { s.Plan, s.PlanRank = "standard", 2 },
			[]Warning{{SignalDowngrade, "plan", "pro (rank 3)", "standard (rank 2)"}}},
		{"renamed plan, unknown rank: no guess", func(s *Snapshot) { s.Plan, s.PlanRank = "basic", 0 }, nil},
		{"two options cancelled", func(s *Snapshot) { s.Options = []string{"api"} },
			[]Warning{{SignalOptionCancelled, "options", "sso", ""}, {SignalOptionCancelled, "options", "audit-log", ""}}},
		{"growth failed", func(s *Snapshot) { s.GrowthFailed = true }, []Warning{{SignalGrowthFailed, "growth_failed", "false", "true"}}},
		{"champion left, executive replaced", func(s *Snapshot) { s.Champion, s.Executive = "", "Mori" },
			[]Warning{{SignalChampionChange, "champion", "Suzuki", ""}, {SignalChampionChange, "executive", "Yamada", "Mori"}}},
		{"onboarding undone", func(s *Snapshot) { s.Onboarded = false }, []Warning{{SignalOnboardingIncomplete, "onboarded", "true", "false"}}},
		{"everything at once, in signal order", func(s *Snapshot) {
			s.Seats, s.PlanRank, s.Options, s.GrowthFailed, s.Champion, s.Onboarded = 80, 1, []string{"sso", "api"}, true, "Ito", false
		}, []Warning{
			{SignalContraction, "seats", "120", "80"},
			{SignalDowngrade, "plan", "pro (rank 3)", "pro (rank 1)"},
			{SignalOptionCancelled, "options", "audit-log", ""},
			{SignalGrowthFailed, "growth_failed", "false", "true"},
			{SignalChampionChange, "champion", "Suzuki", "Ito"},
			{SignalOnboardingIncomplete, "onboarded", "true", "false"},
		}},
	}
	for _, tt := range tests {
		after := before
		after.Options = append([]string(nil), before.Options...)
		after.Date = day(2027, time.January, 1)
		tt.after(&after)
		got, err := Warnings(before, after)
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.want, got, tt.name)
	}
	// No champion known before: a champion named now is no change.
	b2 := before
	b2.Champion = ""
	a2 := b2
	a2.Champion = "Ito"
	got, err := Warnings(b2, a2)
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestWarningsErrors(t *testing.T) {
	s := Snapshot{Account: "hokuto", Date: day(2026, time.October, 1), Seats: 10, Onboarded: true}
	tests := []struct {
		name          string
		before, after func(*Snapshot)
		msg           string
	}{
		{"no account", func(s *Snapshot) { s.Account = "" }, nil, `churn: account: invalid snapshot: no account`},
		{"no date", nil, func(s *Snapshot) { s.Date = date.Date{} }, `churn: case "hokuto": date: invalid snapshot: missing date`},
		{"negative seats", nil, func(s *Snapshot) { s.Seats = -1 }, `churn: case "hokuto": seats: invalid snapshot: -1 seats`},
		{"negative rank", nil, func(s *Snapshot) { s.PlanRank = -2 }, `churn: case "hokuto": plan_rank: invalid snapshot: plan rank -2`},
		{"option twice", func(s *Snapshot) { s.Options = []string{"sso", "sso"} }, nil, `churn: case "hokuto": options: invalid snapshot: option "sso" listed twice`},
		{"empty option", func(s *Snapshot) { s.Options = []string{""} }, nil, `churn: case "hokuto": options: invalid snapshot: an empty option`},
		{"too many options", func(s *Snapshot) {
			for i := range MaxOptions + 1 {
				s.Options = append(s.Options, strconv.Itoa(i))
			}
		}, nil, `churn: case "hokuto": options: invalid snapshot: 1001 options; a snapshot lists at most 1000`},
		{"two accounts", nil, func(s *Snapshot) { s.Account = "kaede" }, `churn: case "kaede": account: invalid snapshot: snapshots of "hokuto" and "kaede"`},
		{"backwards", nil, func(s *Snapshot) { s.Date = day(2026, time.September, 1) },
			`churn: case "hokuto": date: invalid snapshot: after (2026-09-01) is before before (2026-10-01)`},
	}
	for _, tt := range tests {
		b, a := s, s
		if tt.before != nil {
			tt.before(&b)
		}
		if tt.after != nil {
			tt.after(&a)
		}
		_, err := Warnings(b, a)
		require.ErrorIs(t, err, ErrInvalidSnapshot, tt.name)
		assert.EqualError(t, err, tt.msg, tt.name)
	}
}

func TestSnapshotJSON(t *testing.T) {
	in := `{"account":"hokuto","date":"2027-01-01","seats":100,"plan":"pro","plan_rank":3,"options":["sso"],"champion":"Suzuki","onboarded":true}`
	var s Snapshot
	require.NoError(t, json.Unmarshal([]byte(in), &s))
	assert.Equal(t, 100, s.Seats)
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(b))
	require.ErrorIs(t, json.Unmarshal([]byte(`{"account":"x","date":"2027-01-01","seats":1,"users":3}`), &s), ErrInvalidSnapshot)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"account":"x","date":"2027-01-01","seats":-1}`), &s), ErrInvalidSnapshot)
	assert.Equal(t, "hokuto", s.Account, "left unchanged")
	err = json.Unmarshal([]byte(`{"account":"x","date":"2027-13-01","seats":1}`), &s)
	require.ErrorIs(t, err, ErrInvalidSnapshot)
	assert.EqualError(t, err, `churn: decoding snapshot: case "x": date: date: month out of range 1..12: 13`)
	err = json.Unmarshal([]byte(`{"account":"x","date":"2027-01-01","seats":"12"}`), &s)
	assert.EqualError(t, err, `churn: decoding snapshot: case "x": seats: a JSON string where a whole number belongs`)
	w, err := json.Marshal(Warning{SignalContraction, "seats", "120", "100"})
	require.NoError(t, err)
	assert.Equal(t, `{"signal":"contraction","field":"seats","before":"120","after":"100"}`, string(w))
}
