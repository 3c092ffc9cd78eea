package health

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// Child is one child account of a parent in a roll-up: its shown score
// and band, and its ARR (used by [RollupARR]). A child with BandNone has
// no score (insufficient data) and is left out.
type Child struct {
	Account string          `json:"account"`
	Score   Points          `json:"score"`
	Band    Band            `json:"band"`
	ARR     decimal.Decimal `json:"-"`
}

// ChildOf returns the child for a score and the account's ARR.
func ChildOf(s Score, arr decimal.Decimal) Child {
	return Child{Account: s.Account, Score: s.Value, Band: s.Band, ARR: arr}
}

type childJSON struct {
	Account string     `json:"account"`
	Score   Points     `json:"score"`
	Band    Band       `json:"band"`
	ARR     money.JSON `json:"arr"`
}

// MarshalJSON encodes the child with its ARR as an exact quoted decimal.
func (c Child) MarshalJSON() ([]byte, error) {
	return json.Marshal(childJSON{c.Account, c.Score, c.Band, money.JSON(c.ARR)})
}

// UnmarshalJSON decodes a child strictly; errors wrap [ErrInvalidScore].
func (c *Child) UnmarshalJSON(b []byte) error {
	var p childJSON
	if err := jsonstrict.Decode(b, &p); err != nil {
		return decodeErr(ErrInvalidScore, err)
	}
	*c = Child{p.Account, p.Score, p.Band, decimal.Decimal(p.ARR)}
	return nil
}

// RollupOptions configure a roll-up. The zero value rolls up by the mean,
// with the default bands.
type RollupOptions struct {
	Method RollupMethod `json:"method"`
	// Bands band the parent's score; zero fields are the defaults.
	Bands Bands `json:"bands"`
}

// Parent is a parent account's rolled-up score, with each child's share.
type Parent struct {
	Account string       `json:"account"`
	Method  RollupMethod `json:"method"`
	// Score is the mean (or ARR-weighted mean) of the children's scores,
	// rounded half up to the hundredth; Band is its band. Both are zero
	// when no child has a score.
	Score    Points        `json:"score"`
	Band     Band          `json:"band"`
	Children []ChildResult `json:"children"`
}

// ChildResult is a child's part of a roll-up.
type ChildResult struct {
	Account string `json:"account"`
	Score   Points `json:"score"`
	// Counted is false for a child without a score.
	Counted bool `json:"counted"`
	// Contribution is what the child adds to the parent's score; the
	// children's contributions add up to it exactly.
	Contribution Points `json:"contribution"`
}

// Rollup rolls up the children of parent into one score: their mean
// (RollupMean), or their mean weighted by ARR (RollupARR), computed
// exactly and rounded half up to the hundredth once. Children without a
// score are listed and left out.
//
// Rollup returns an error if:
//   - parent is empty, or a child has no account or appears twice
//     ([ErrMissingName], [ErrDuplicateName]);
//   - the options are invalid ([ErrInvalidOptions]);
//   - a child's score is outside [0, 100] or its band is not declared
//     ([ErrInvalidScore]);
//   - by ARR: an ARR is negative ([ErrNegativeAmount]) or out of range
//     ([ErrAmountOutOfRange]), or the scored children's ARR adds up to
//     zero ([ErrInvalidWeight]).
func Rollup(parent string, children []Child, opts RollupOptions) (Parent, error) {
	if parent == "" {
		return Parent{}, fieldErr("", "account", ErrMissingName)
	}
	if !opts.Method.Valid() {
		return Parent{}, fieldErr(parent, "method", withKind(ErrInvalidOptions, fmt.Errorf("%w %d", ErrUnknownRollup, opts.Method)))
	}
	yellow, green, err := opts.Bands.compile()
	if err != nil {
		return Parent{}, withID(parent, withKind(ErrInvalidOptions, at("bands", err)))
	}
	bands := card{yellow: yellow, green: green}
	out := Parent{Account: parent, Method: opts.Method, Children: make([]ChildResult, len(children))}
	seen := make(map[string]bool, len(children))
	var total decimal.Decimal
	var sum, n int64
	for i, ch := range children {
		path := index("children", i)
		switch {
		case ch.Account == "":
			return Parent{}, fieldErr(parent, path+".account", ErrMissingName)
		case seen[ch.Account]:
			return Parent{}, fieldErr(parent, path+".account", fmt.Errorf("%w: %s", ErrDuplicateName, fault.Quote(ch.Account)))
		case ch.Score.h < 0 || ch.Score.h > fullPoints:
			return Parent{}, fieldErr(parent, path+".score", fmt.Errorf("%w: %s is outside [0, 100]", ErrInvalidScore, ch.Score))
		case ch.Band != BandNone && !ch.Band.Valid():
			return Parent{}, fieldErr(parent, path+".band", fmt.Errorf("%w %d", ErrUnknownBand, ch.Band))
		}
		seen[ch.Account] = true
		if opts.Method == RollupARR {
			if err := money.Check(ch.ARR, ErrNegativeAmount); err != nil {
				return Parent{}, fieldErr(parent, path+".arr", err)
			}
		}
		counted := ch.Band != BandNone
		out.Children[i] = ChildResult{Account: ch.Account, Score: ch.Score, Counted: counted}
		if counted {
			sum += ch.Score.h
			n++
			total = total.Add(ch.ARR)
		}
	}
	if n == 0 {
		return out, nil
	}
	if opts.Method == RollupMean {
		out.Score = Points{roundDiv(sum, n)}
		allocateDec(out.Score.h, out.Children, func(i int) decimal.Decimal {
			return decimal.NewFromInt(children[i].Score.h)
		}, decimal.NewFromInt(n))
	} else {
		if total.IsZero() {
			return Parent{}, fieldErr(parent, "children", fmt.Errorf("%w: the scored children's ARR adds up to zero", ErrInvalidWeight))
		}
		var weighted decimal.Decimal
		for i, ch := range children {
			if out.Children[i].Counted {
				weighted = weighted.Add(ch.ARR.Mul(decimal.NewFromInt(ch.Score.h)))
			}
		}
		out.Score = Points{weighted.DivRound(total, 0).IntPart()}
		allocateDec(out.Score.h, out.Children, func(i int) decimal.Decimal {
			return children[i].ARR.Mul(decimal.NewFromInt(children[i].Score.h))
		}, total)
	}
	out.Band = bands.band(out.Score.h)
	return out, nil
}

// allocateDec is allocate for decimal shares num(i)/den of the counted
// children: floors, then one unit each to the largest remainders, the
// earlier child first on a tie.
func allocateDec(total int64, cs []ChildResult, num func(int) decimal.Decimal, den decimal.Decimal) {
	rems := make([]decimal.Decimal, len(cs))
	var sum int64
	for i := range cs {
		if !cs[i].Counted {
			continue
		}
		q, r := num(i).QuoRem(den, 0)
		cs[i].Contribution = Points{q.IntPart()}
		rems[i] = r
		sum += q.IntPart()
	}
	used := make([]bool, len(cs))
	for left := total - sum; left > 0; left-- {
		best := -1
		for i := range cs {
			if cs[i].Counted && !used[i] && (best < 0 || rems[i].Cmp(rems[best]) > 0) {
				best = i
			}
		}
		if best < 0 {
			return
		}
		cs[best].Contribution.h++
		used[best] = true
	}
}
