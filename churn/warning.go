package churn

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/jsonstrict"
)

// Snapshot is what the host knows of an account on one day: its seats,
// plan and paid options, whether growth was tried and failed, who its
// champion and executive sponsor are, and whether onboarding is done.
// [Warnings] compares two.
type Snapshot struct {
	// Account is the customer account; required.
	Account string `json:"account"`
	// Date is the day of the snapshot; required.
	Date date.Date `json:"date"`
	// Seats is the number of paid seats (licences, users).
	Seats int `json:"seats"`
	// Plan is the plan's name.
	Plan string `json:"plan,omitempty"`
	// PlanRank orders the plans, higher being bigger; zero means not
	// known, and no downgrade is read from an unknown rank.
	PlanRank int `json:"plan_rank,omitempty"`
	// Options are the paid options the account holds, each once, at most
	// MaxOptions.
	Options []string `json:"options,omitempty"`
	// GrowthFailed says an expansion, upsell or cross-sell was tried with
	// the account and did not happen.
	GrowthFailed bool `json:"growth_failed,omitempty"`
	// Champion names the customer's champion; empty means none known.
	Champion string `json:"champion,omitempty"`
	// Executive names the customer's executive sponsor; empty means none
	// known.
	Executive string `json:"executive,omitempty"`
	// Onboarded says the customer completed onboarding.
	Onboarded bool `json:"onboarded"`
}

// MaxOptions is the most paid options a snapshot lists [ours]: far more
// than any price list has, and few enough that comparing two lists stays
// cheap (50,000 options made one comparison take 16 s).
const MaxOptions = 1000

// Validate returns an error wrapping [ErrInvalidSnapshot] (and
// [ErrMissingDate] for a zero date) if Account is empty, Date is zero,
// Seats or PlanRank is negative, or there are more than [MaxOptions]
// options, or an option is empty or listed twice. The error is a
// [*FieldError] naming the account and the field.
func (s Snapshot) Validate() error {
	id := s.Account
	switch {
	case id == "":
		return fieldErr("", "account", fmt.Errorf("%w: no account", ErrInvalidSnapshot))
	case s.Date.IsZero():
		return fieldErr(id, "date", wrapKind(ErrInvalidSnapshot, ErrMissingDate))
	case s.Seats < 0:
		return fieldErr(id, "seats", fmt.Errorf("%w: %d seats", ErrInvalidSnapshot, s.Seats))
	case s.PlanRank < 0:
		return fieldErr(id, "plan_rank", fmt.Errorf("%w: plan rank %d", ErrInvalidSnapshot, s.PlanRank))
	case len(s.Options) > MaxOptions:
		return fieldErr(id, "options", fmt.Errorf("%w: %d options; a snapshot lists at most %d", ErrInvalidSnapshot, len(s.Options), MaxOptions))
	}
	for i, o := range s.Options {
		if o == "" {
			return fieldErr(id, "options", fmt.Errorf("%w: an empty option", ErrInvalidSnapshot))
		}
		for _, p := range s.Options[:i] {
			if p == o {
				return fieldErr(id, "options", fmt.Errorf("%w: option %s listed twice", ErrInvalidSnapshot, fault.Quote(o)))
			}
		}
	}
	return nil
}

// UnmarshalJSON decodes a snapshot strictly and validates it. Every error
// wraps [ErrInvalidSnapshot] and the error that stopped it, a
// [*FieldError] naming the account and the field where one is to blame;
// on error s is left unchanged.
func (s *Snapshot) UnmarshalJSON(b []byte) error {
	// Each field is decoded on its own, the account first, so that an
	// error names the account and the field.
	var v struct {
		Account      json.RawMessage `json:"account"`
		Date         json.RawMessage `json:"date"`
		Seats        json.RawMessage `json:"seats"`
		Plan         json.RawMessage `json:"plan"`
		PlanRank     json.RawMessage `json:"plan_rank"`
		Options      json.RawMessage `json:"options"`
		GrowthFailed json.RawMessage `json:"growth_failed"`
		Champion     json.RawMessage `json:"champion"`
		Executive    json.RawMessage `json:"executive"`
		Onboarded    json.RawMessage `json:"onboarded"`
	}
	if err := jsonstrict.Decode(b, &v); err != nil {
		return decodeErr(ErrInvalidSnapshot, "snapshot", jsonstrict.Explain(err))
	}
	var out Snapshot
	if err := decodeFields("", jsonstrict.F("account", v.Account, &out.Account)); err != nil {
		return decodeErr(ErrInvalidSnapshot, "snapshot", err)
	}
	if err := decodeFields(out.Account, jsonstrict.F("date", v.Date, &out.Date), jsonstrict.F("seats", v.Seats, &out.Seats),
		jsonstrict.F("plan", v.Plan, &out.Plan), jsonstrict.F("plan_rank", v.PlanRank, &out.PlanRank), jsonstrict.F("options", v.Options, &out.Options),
		jsonstrict.F("growth_failed", v.GrowthFailed, &out.GrowthFailed), jsonstrict.F("champion", v.Champion, &out.Champion),
		jsonstrict.F("executive", v.Executive, &out.Executive), jsonstrict.F("onboarded", v.Onboarded, &out.Onboarded)); err != nil {
		return decodeErr(ErrInvalidSnapshot, "snapshot", err)
	}
	if err := out.Validate(); err != nil {
		return decodeErr(ErrInvalidSnapshot, "snapshot", err)
	}
	*s = out
	return nil
}

// Warning is one early-warning signal with its evidence: the snapshot
// field it was read from and that field's values before and after.
type Warning struct {
	// Signal is what the snapshots show.
	Signal Signal `json:"signal"`
	// Field is the snapshot's JSON field ("seats", "options").
	Field string `json:"field"`
	// Before is the field's value in the first snapshot, as text ("120";
	// for a cancelled option, its name).
	Before string `json:"before"`
	// After is the field's value in the second ("100"; "" for a cancelled
	// option).
	After string `json:"after"`
}

// Warnings compares two snapshots of one account and returns the early
// warnings they show, in this order, so a host can open a case:
//
//	contraction            fewer seats                        [seed 002]
//	downgrade              a lower plan rank, both known      [seed 002]
//	option-cancelled       a paid option gone, one each       [seed 002]
//	growth-failed          growth tried and failed, as of     [seed 002]
//	                       after
//	champion-change        the champion, then the executive,  [seed 003]
//	                       changed or left (none known
//	                       before is no change)
//	onboarding-incomplete  not onboarded, as of after         [seed 003]
//
// Seat reduction, a downgrade and a cancelled option hit revenue
// directly; customers with whom expansion, upsell and cross-sell did not
// happen may be more likely to churn (「チャーンする確率が高い可能性」)
// [seed 002]. A contact or executive change followed by a system review,
// and onboarding never completed, open cases [seed 003]. The first four
// compare the snapshots; the last two are states read from after, with
// before's value as context [ours].
//
// Warnings returns an error wrapping [ErrInvalidSnapshot] if a snapshot
// is invalid (see [Snapshot.Validate]), the two are of different
// accounts, or after is dated before before.
func Warnings(before, after Snapshot) ([]Warning, error) {
	if err := before.Validate(); err != nil {
		return nil, err
	}
	if err := after.Validate(); err != nil {
		return nil, err
	}
	if before.Account != after.Account {
		return nil, fieldErr(after.Account, "account", fmt.Errorf("%w: snapshots of %s and %s", ErrInvalidSnapshot,
			fault.Quote(before.Account), fault.Quote(after.Account)))
	}
	if after.Date.Before(before.Date) {
		return nil, fieldErr(after.Account, "date", fmt.Errorf("%w: after (%s) is before before (%s)", ErrInvalidSnapshot, after.Date, before.Date))
	}
	var out []Warning
	if after.Seats < before.Seats {
		out = append(out, Warning{SignalContraction, "seats", strconv.Itoa(before.Seats), strconv.Itoa(after.Seats)})
	}
	if before.PlanRank > 0 && after.PlanRank > 0 && after.PlanRank < before.PlanRank {
		out = append(out, Warning{SignalDowngrade, "plan", planText(before), planText(after)})
	}
	for _, o := range before.Options {
		if !slices.Contains(after.Options, o) {
			out = append(out, Warning{SignalOptionCancelled, "options", o, ""})
		}
	}
	if after.GrowthFailed {
		out = append(out, Warning{SignalGrowthFailed, "growth_failed", strconv.FormatBool(before.GrowthFailed), "true"})
	}
	if before.Champion != "" && after.Champion != before.Champion {
		out = append(out, Warning{SignalChampionChange, "champion", before.Champion, after.Champion})
	}
	if before.Executive != "" && after.Executive != before.Executive {
		out = append(out, Warning{SignalChampionChange, "executive", before.Executive, after.Executive})
	}
	if !after.Onboarded {
		out = append(out, Warning{SignalOnboardingIncomplete, "onboarded", strconv.FormatBool(before.Onboarded), "false"})
	}
	return out, nil
}

// planText is a plan's name and rank: "pro (rank 3)".
func planText(s Snapshot) string {
	return s.Plan + " (rank " + strconv.Itoa(s.PlanRank) + ")"
}
