package health

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/jsonstrict"
)

// ErrMissingVersion is returned for a scorecard without a version: every
// score records the version of the scorecard that made it, so a change of
// score can be split into a change of data and a change of scorecard.
var ErrMissingVersion = errors.New("health: missing version")

// Scorecard is a versioned set of measures with the rules that turn their
// raw values into points and the points into one score. It is data a
// CS-ops team keeps in version control as JSON and tests like code (see the
// package doc, "Scorecards as data").
//
// The zero Scorecard is not valid (it has no name, version or groups) but
// encodes. Zero fields of Model, Bands and Missing mean their defaults.
type Scorecard struct {
	// Name identifies the scorecard in a [Config] and in every score.
	Name string `json:"name"`
	// Version is set by the team (a date, a tag, a commit); every score
	// records it. Required.
	Version string `json:"version"`
	// Model is how points become a score; zero is ModelWeighted.
	Model Model `json:"model"`
	// Bands are the cut-offs of red, yellow and green; zero fields are the
	// defaults (see [DefaultBands]).
	Bands Bands `json:"bands"`
	// Missing is the rule for measures without data; zero fields are the
	// defaults (see [DefaultMissingData]).
	Missing MissingData `json:"missing"`
	// Groups hold the measures; a scorecard without grouping has one group.
	Groups []Group `json:"groups"`
}

// Group is a set of measures scored together: the average of their points
// (weighted by the measures' weights), the lowest or the highest.
type Group struct {
	// Name identifies the group in explanations ("contact", "utilisation").
	Name string `json:"name"`
	// Weight is the group's weight in a weighted or worst-of scorecard:
	// above zero, at most 1000, four decimals. It may be left zero when
	// the scorecard has one group; it must be zero in a points scorecard,
	// whose groups weigh what their measures weigh.
	Weight float64 `json:"weight"`
	// Aggregate is how the group's score is made; zero is the average. A
	// points scorecard's groups must average.
	Aggregate Aggregate `json:"aggregate"`
	// Measures are the group's measures, at least one.
	Measures []Measure `json:"measures"`
}

// Measure is one input of a score: what the host reports for an account
// (its raw value), how that value maps to points, and how much it weighs.
type Measure struct {
	// Name is what an account's [Input] names; unique in the scorecard.
	Name string `json:"name"`
	// Weight: above zero, at most 1000, at most four decimals. In a
	// weighted scorecard the weights of a group's measures are normalised
	// to their sum; in a points scorecard they add up to exactly 100 over
	// the whole scorecard and each is the most points the measure earns.
	Weight float64 `json:"weight"`
	// Kind says which raw values an account may give; zero is KindNumber.
	Kind Kind `json:"kind"`
	// Direction says whether higher raw values are better. Required.
	Direction Direction `json:"direction"`
	// Rule maps the raw value to points in [0, 100].
	Rule Rule `json:"rule"`
	// ValidFor is how long a value stays current: an input measured before
	// the as-of date minus ValidFor is stale. Zero: never stale.
	ValidFor date.Period `json:"valid_for,omitzero"`
}

// Rule maps a measure's raw value to points in [0, 100]: either Steps
// (thresholds) or Linear (a linear range), never both.
//
// Steps are written best first and read in order: the first step whose
// comparison holds gives its points; a value no step takes gets Else.
// For a measure where higher is better every step compares with ">=" or
// ">", each cut-off lower than the one before (or the same cut-off, "> x"
// then ">= x"); where lower is better, "<=" or "<", each cut-off higher.
// Points never rise down the list, and Else is at most the last step's.
//
//	{"steps": [{"op": "<=", "at": 14, "points": 100},
//	           {"op": "<=", "at": 30, "points": 60}], "else": 0}
//
// reads: 14 days or fewer since the last contact is 100 points, 15 to 30
// days 60, more than 30 days 0.
type Rule struct {
	Steps []Step `json:"steps,omitempty"`
	// Else is the points of a value no step takes; it must be zero for a
	// linear rule.
	Else   float64 `json:"else"`
	Linear *Linear `json:"linear,omitempty"`
}

// Step is one threshold of a [Rule]: a value for which "value Op At" holds
// earns Points. At has at most six decimals; Points are in [0, 100] with
// at most two.
type Step struct {
	Op     Op      `json:"op"`
	At     float64 `json:"at"`
	Points float64 `json:"points"`
}

// Linear maps a raw value to points along a line: 0 points at Worst or
// beyond it, 100 at Best or beyond it, in between in proportion, rounded
// half up to the hundredth. Worst is below Best when higher is better and
// above it when lower is better. The line is continuous, so its ends need
// no boundary rule: a value on an end gets that end's points either way.
type Linear struct {
	Worst float64 `json:"worst"`
	Best  float64 `json:"best"`
}

// Bands are the cut-offs of a scorecard's bands. A score for which the
// Green cut holds is green; else one for which the Yellow cut holds is
// yellow; else red. Measures and groups are banded the same way. A zero
// Cut is its default.
type Bands struct {
	Yellow Cut `json:"yellow"`
	Green  Cut `json:"green"`
}

// Cut is a band's cut-off: a score for which "score Op At" holds is in the
// band (or a better one). Op is ">=" or ">"; At is in [0, 100] with at
// most two decimals. The zero Cut means the band's default.
type Cut struct {
	Op Op      `json:"op"`
	At float64 `json:"at"`
}

// DefaultBands returns the default cut-offs: yellow above 50, green above
// 75, so 50.00 is red, 50.01 to 75.00 yellow and 75.01 green. They read
// Gainsight's default bands (0–50 red, 51–75 yellow, 76–100 green, on
// whole scores) for scores kept to the hundredth [CS platforms].
func DefaultBands() Bands {
	return Bands{Yellow: Cut{Op: OpAbove, At: 50}, Green: Cut{Op: OpAbove, At: 75}}
}

// MissingData is a scorecard's rule for measures without data. Zero fields
// mean the defaults of [DefaultMissingData].
type MissingData struct {
	// Rule: reweight (the default), neutral or worst.
	Rule MissingRule `json:"rule"`
	// Neutral is the points of a missing measure under MissingNeutral;
	// zero means 50.
	Neutral float64 `json:"neutral"`
	// MinCoverage is the share of the scorecard's weight, in percent, that
	// must have data for the score to count; below it the score is
	// "insufficient data" and has no band. Zero means 50; any value above
	// zero up to 100 may be set (0.01 accepts any data at all).
	MinCoverage float64 `json:"min_coverage"`
	// StaleIsMissing treats a stale input as missing (the rule applies and
	// it does not count as coverage). By default a stale input is used and
	// flagged.
	StaleIsMissing bool `json:"stale_is_missing"`
}

// DefaultMissingData returns the defaults: reweight the measures that have
// data, neutral points 50, minimum coverage 50% [ours], stale inputs used
// and flagged.
func DefaultMissingData() MissingData {
	return MissingData{Rule: MissingReweight, Neutral: 50, MinCoverage: 50}
}

// cardErr returns a scorecard error at field, matching ErrInvalidScorecard.
func cardErr(field string, err error) error {
	return &FieldError{Field: field, Err: withKind(ErrInvalidScorecard, err)}
}

// Validate checks the scorecard.
//
// Validate returns an error if:
//   - the name is empty or longer than 200 bytes ([ErrMissingName]), or the
//     version is empty ([ErrMissingVersion]);
//   - the model, an aggregate, a kind, a direction, a comparison or the
//     missing-data rule is not a declared value;
//   - there are no groups, a group has no measures, or there are more than
//     64 groups, measures or steps of a rule;
//   - a name is used twice among the groups or among the measures
//     ([ErrDuplicateName]);
//   - a weight is not above zero, above 1000 or has more than four
//     decimals; a group weight is missing where there are several groups,
//     or given in a points scorecard; a points scorecard's weights do not
//     add up to exactly 100 ([ErrInvalidWeight]);
//   - a number is NaN or infinite, points or a cut-off are outside
//     [0, 100] or have more than two decimals, a threshold has more than
//     six decimals or is beyond ±10^12 ([ErrInvalidNumber]);
//   - a rule is inconsistent with its measure's direction ([ErrInvalidRule]);
//   - the bands' cut-offs overlap (green must be stricter than yellow);
//   - a validity period is negative or too long ([date.ErrInvalidPeriod]).
//
// Every error is a [*FieldError] whose Field is the JSON path of the bad
// value ("groups[1].measures[0].weight") and wraps [ErrInvalidScorecard].
func (s Scorecard) Validate() error {
	_, err := compile(&s)
	return err
}

// Validate checks the bands (see [Scorecard.Validate]).
func (b Bands) Validate() error {
	_, _, err := b.compile()
	return err
}

// Validate checks the missing-data rule (see [Scorecard.Validate]).
func (m MissingData) Validate() error {
	_, err := m.compile()
	return err
}

// Validate checks the group alone: what does not depend on the scorecard
// around it (see [Scorecard.Validate]). Paths are relative to the group.
func (g Group) Validate() error {
	if err := checkName("name", g.Name); err != nil {
		return err
	}
	if g.Weight != 0 {
		if _, err := weightOf(g.Weight); err != nil {
			return cardErr("weight", err)
		}
	}
	if !g.Aggregate.Valid() {
		return cardErr("aggregate", fmt.Errorf("%w %d", ErrUnknownAggregate, g.Aggregate))
	}
	if len(g.Measures) == 0 {
		return cardErr("measures", fmt.Errorf("%w: a group needs at least one measure", ErrInvalidScorecard))
	}
	if len(g.Measures) > maxItems {
		return cardErr("measures", fmt.Errorf("%w: more than %d measures", ErrInvalidScorecard, maxItems))
	}
	for i, m := range g.Measures {
		if _, err := compileMeasure(&m); err != nil {
			return at(index("measures", i), err)
		}
		for _, prev := range g.Measures[:i] {
			if prev.Name == m.Name {
				return cardErr(index("measures", i)+".name", fmt.Errorf("%w: %s", ErrDuplicateName, fault.Quote(m.Name)))
			}
		}
	}
	return nil
}

// Validate checks the measure alone (see [Scorecard.Validate]). Paths are
// relative to the measure.
func (m Measure) Validate() error {
	_, err := compileMeasure(&m)
	return err
}

// checkName returns an error for an empty or overlong name.
func checkName(field, name string) error {
	if name == "" {
		return cardErr(field, ErrMissingName)
	}
	if len(name) > maxName {
		return cardErr(field, fmt.Errorf("%w: %s is longer than %d bytes", ErrInvalidScorecard, fault.Quote(name), maxName))
	}
	return nil
}

// UnmarshalJSON decodes a scorecard strictly (unknown keys are errors) and
// validates it. Every error wraps [ErrInvalidScorecard] and names the path
// of the bad value where it can; the receiver is left alone on error.
func (s *Scorecard) UnmarshalJSON(b []byte) error {
	type plain struct {
		Name    string            `json:"name"`
		Version string            `json:"version"`
		Model   Model             `json:"model"`
		Bands   Bands             `json:"bands"`
		Missing MissingData       `json:"missing"`
		Groups  []json.RawMessage `json:"groups"`
	}
	var p plain
	if err := jsonstrict.Decode(b, &p); err != nil {
		return decodeErr(ErrInvalidScorecard, err)
	}
	v := Scorecard{Name: p.Name, Version: p.Version, Model: p.Model, Bands: p.Bands, Missing: p.Missing}
	var err error
	if v.Groups, err = decodeList[Group]("groups", p.Groups, ErrInvalidScorecard); err != nil {
		return err
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*s = v
	return nil
}

// UnmarshalJSON decodes a group strictly and validates it alone; errors
// name the path inside the group ("measures[0].weight").
func (g *Group) UnmarshalJSON(b []byte) error {
	type plain struct {
		Name      string            `json:"name"`
		Weight    float64           `json:"weight"`
		Aggregate Aggregate         `json:"aggregate"`
		Measures  []json.RawMessage `json:"measures"`
	}
	var p plain
	if err := jsonstrict.Decode(b, &p); err != nil {
		return decodeErr(ErrInvalidScorecard, err)
	}
	v := Group{Name: p.Name, Weight: p.Weight, Aggregate: p.Aggregate}
	var err error
	if v.Measures, err = decodeList[Measure]("measures", p.Measures, ErrInvalidScorecard); err != nil {
		return err
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*g = v
	return nil
}

// UnmarshalJSON decodes a measure strictly and validates it alone.
func (m *Measure) UnmarshalJSON(b []byte) error {
	type plain Measure
	var p plain
	if err := jsonstrict.Decode(b, &p); err != nil {
		return decodeErr(ErrInvalidScorecard, err)
	}
	v := Measure(p)
	if err := v.Validate(); err != nil {
		return err
	}
	*m = v
	return nil
}

// decodeErr returns a JSON decoding error matching kind: "health:
// decoding: " and err cut to 200 bytes ([fault.Short]), since encoding/json
// quotes a 1 MB key whole. Errors of our own decoders (already located and
// kinded) pass through.
func decodeErr(kind, err error) error {
	switch err.(type) {
	case *FieldError, *kinded:
		return err
	}
	return withKind(kind, fmt.Errorf("health: decoding: %w", fault.Short(err)))
}

// decodeList decodes the elements of a JSON array (name, in the record's
// JSON) one by one and strictly, each by its type's own decoder when it
// has one, so that an error names the element ("select[1]") as well as
// the key inside it that the element's decoder names. An array left out
// or null gives nil. Errors match kind.
func decodeList[T any](name string, raw []json.RawMessage, kind error) ([]T, error) {
	if raw == nil {
		return nil, nil
	}
	out := make([]T, len(raw))
	for i, r := range raw {
		if err := jsonstrict.Decode(r, &out[i]); err != nil {
			return nil, at(index(name, i), decodeErr(kind, err))
		}
	}
	return out, nil
}

// idOf returns the ID of the record b at key, when b is a JSON object with
// a string there, so that an error of a record that does not decode (a
// misspelt key) still names it; else "".
func idOf(b []byte, key string) string {
	var head map[string]json.RawMessage
	var id string
	if json.Unmarshal(b, &head) != nil || json.Unmarshal(head[key], &id) != nil {
		return ""
	}
	return id
}
