package health

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/jsonstrict"
)

// Config is a team's set of scorecards and the rule that picks one for an
// account: the file it keeps in version control. Segments may use
// different scorecards, and so may lifecycle stages (an onboarding
// scorecard for accounts still in onboarding).
//
// The zero Config is not valid (it has no scorecard) but encodes.
type Config struct {
	// Scorecards are the scorecards, each with a unique name.
	Scorecards []Scorecard `json:"scorecards"`
	// Select is the selection rule, read in order: the first selector that
	// matches an account picks its scorecard. It may be left empty when
	// there is one scorecard, which then scores every account.
	Select []Selector `json:"select,omitempty"`
}

// Selector matches accounts by segment and stage; an empty Segment or a
// zero Stage matches any. A selector that an earlier one already covers
// can never match and is an error.
type Selector struct {
	Segment   string `json:"segment,omitempty"`
	Stage     Stage  `json:"stage,omitempty"`
	Scorecard string `json:"scorecard"`
}

// matches reports whether s covers an account of segment and stage.
func (s *Selector) matches(segment string, stage Stage) bool {
	return (s.Segment == "" || s.Segment == segment) && (s.Stage == 0 || s.Stage == stage)
}

// covers reports whether every account s matches, t matches too.
func (t *Selector) covers(s *Selector) bool {
	return (t.Segment == "" || t.Segment == s.Segment) && (t.Stage == 0 || t.Stage == s.Stage)
}

// confErr returns a config error at field, matching ErrInvalidConfig.
func confErr(field string, err error) error {
	return &FieldError{Field: field, Err: withKind(ErrInvalidConfig, err)}
}

// Validate checks the config.
//
// Validate returns an error if:
//   - there is no scorecard, or a scorecard is invalid (see
//     [Scorecard.Validate]; its path starts "scorecards[i].");
//   - two scorecards share a name ([ErrDuplicateName]);
//   - there are several scorecards and no selector, a selector names no
//     scorecard of the config ([ErrNoScorecard]), has a stage that is not
//     declared, or can never match because an earlier one covers it.
//
// Every error is a [*FieldError] with the JSON path of the bad value and
// wraps [ErrInvalidConfig].
func (c Config) Validate() error {
	_, err := NewScorer(c)
	return err
}

// UnmarshalJSON decodes a config strictly and validates it. Errors wrap
// [ErrInvalidConfig] and name the path of the bad value; the receiver is
// left alone on error.
func (c *Config) UnmarshalJSON(b []byte) error {
	type plain struct {
		Scorecards []json.RawMessage `json:"scorecards"`
		Select     []json.RawMessage `json:"select"`
	}
	var p plain
	if err := jsonstrict.Decode(b, &p); err != nil {
		return decodeErr(ErrInvalidConfig, err)
	}
	var v Config
	var err error
	if v.Scorecards, err = decodeList[Scorecard]("scorecards", p.Scorecards, ErrInvalidScorecard); err != nil {
		return withKind(ErrInvalidConfig, err)
	}
	if v.Select, err = decodeList[Selector]("select", p.Select, ErrInvalidConfig); err != nil {
		return err
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*c = v
	return nil
}

// Scorer scores accounts with a validated [Config]. It is immutable and
// safe for concurrent use; build it once with [NewScorer].
type Scorer struct {
	cards  []*card
	sel    []Selector
	picks  []int          // sel[i] picks cards[picks[i]]
	known  map[string]int // every measure name of every scorecard
	config Config         // a copy of the config, for Config()
}

// NewScorer validates c (see [Config.Validate]) and compiles it.
func NewScorer(c Config) (*Scorer, error) {
	if len(c.Scorecards) == 0 {
		return nil, confErr("scorecards", fmt.Errorf("%w: a config needs at least one scorecard", ErrInvalidConfig))
	}
	s := &Scorer{known: make(map[string]int)}
	names := make(map[string]int, len(c.Scorecards))
	canon := make(map[string]string) // each measure name as its first scorecard has it
	for i := range c.Scorecards {
		sc := c.Scorecards[i].clone()
		cd, err := compile(&sc)
		if err != nil {
			return nil, withKind(ErrInvalidConfig, at(index("scorecards", i), err))
		}
		if _, dup := names[sc.Name]; dup {
			return nil, confErr(index("scorecards", i)+".name", fmt.Errorf("%w: %s", ErrDuplicateName, fault.Quote(sc.Name)))
		}
		names[sc.Name] = i
		for k := range cd.measures {
			m := &cd.measures[k]
			if name, ok := canon[m.name]; ok {
				m.name = name // one string per name, so inputs match by pointer in every scorecard
			} else {
				canon[m.name] = m.name
			}
			s.known[m.name]++
		}
		s.cards = append(s.cards, cd)
	}
	if len(c.Select) == 0 && len(c.Scorecards) > 1 {
		return nil, confErr("select", fmt.Errorf("%w: several scorecards need a selection rule", ErrNoScorecard))
	}
	for i := range c.Select {
		sel := &c.Select[i]
		path := index("select", i)
		if sel.Stage != 0 && !sel.Stage.Valid() {
			return nil, confErr(path+".stage", fmt.Errorf("%w %d", ErrUnknownStage, sel.Stage))
		}
		k, ok := names[sel.Scorecard]
		if !ok {
			return nil, confErr(path+".scorecard", fmt.Errorf("%w: no scorecard named %s", ErrNoScorecard, fault.Quote(sel.Scorecard)))
		}
		for j := range c.Select[:i] {
			if c.Select[j].covers(sel) {
				return nil, confErr(path, fmt.Errorf("%w: select[%d] already matches every account this selector matches", ErrInvalidConfig, j))
			}
		}
		s.picks = append(s.picks, k)
	}
	s.sel = append([]Selector(nil), c.Select...)
	s.config = Config{Select: s.sel}
	for _, cd := range s.cards {
		s.config.Scorecards = append(s.config.Scorecards, *cd.src)
	}
	return s, nil
}

// Config returns a copy of the config the scorer was built from.
func (s *Scorer) Config() Config {
	c := Config{Select: append([]Selector(nil), s.config.Select...)}
	for _, sc := range s.config.Scorecards {
		c.Scorecards = append(c.Scorecards, sc.clone())
	}
	return c
}

// clone returns a deep copy of s, so that a compiled scorecard shares no
// slice with its caller.
func (s Scorecard) clone() Scorecard {
	s.Groups = append([]Group(nil), s.Groups...)
	for i := range s.Groups {
		g := &s.Groups[i]
		g.Measures = append([]Measure(nil), g.Measures...)
		for j := range g.Measures {
			r := &g.Measures[j].Rule
			r.Steps = append([]Step(nil), r.Steps...)
			if r.Linear != nil {
				l := *r.Linear
				r.Linear = &l
			}
		}
	}
	return s
}

// pick returns the position of the scorecard for an account of segment
// and stage, or an error wrapping ErrNoScorecard.
func (s *Scorer) pick(a *Account) (int, error) {
	if len(s.sel) == 0 {
		return 0, nil
	}
	for i := range s.sel {
		if s.sel[i].matches(a.Segment, a.Stage) {
			return s.picks[i], nil
		}
	}
	return 0, fieldErr(a.ID, "segment", fmt.Errorf("%w: no selector matches segment %s, stage %s", ErrNoScorecard, fault.Quote(a.Segment), a.Stage))
}
