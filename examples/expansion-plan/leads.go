package main

import (
	"encoding/json"
	"fmt"

	"github.com/cskit/cskit/expansion"
	"github.com/cskit/cskit/internal/bookio"
	"github.com/cskit/cskit/internal/fault"
)

// leadColumns are the columns of a leads book.
var leadColumns = bookio.Columns{
	Known: []string{"id", "account", "csm", "segment", "kind", "source", "team", "created", "verdict", "reason",
		"reviewed", "outcome", "amount"},
	Required: []string{"id", "account", "csm", "segment", "kind", "source", "created"},
}

// parseLead reads one lead, CSV or JSON, and validates it.
func parseLead(r *bookio.Row) (expansion.Lead, error) {
	var l expansion.Lead
	if raw := r.JSON(); raw != nil {
		err := json.Unmarshal(raw, &l)
		return l, err
	}
	l = expansion.Lead{
		ID: r.Text("id"), Account: r.Text("account"), CSM: r.Text("csm"), Team: r.Text("team"),
		Created: r.Date("created"), Reason: r.Text("reason"), Reviewed: r.Bool("reviewed"), Amount: r.Decimal("amount"),
	}
	for _, e := range []struct {
		col string
		v   interface{ UnmarshalText([]byte) error }
	}{{"segment", &l.Segment}, {"kind", &l.Kind}, {"source", &l.Source}, {"verdict", &l.Verdict}, {"outcome", &l.Outcome}} {
		if err := e.v.UnmarshalText([]byte(r.Text(e.col))); err != nil {
			return l, &bookio.ColumnError{Column: e.col, Err: err}
		}
	}
	if err := r.Err(); err != nil {
		return l, err
	}
	return l, l.Validate()
}

// readLeads counts the leads of rd into p, reporting each lead refused.
func readLeads(rd *bookio.Reader, rep *bookio.Report, p *expansion.Pipeline) error {
	var ids bookio.IDs
	for rd.Next() {
		row := rd.Row()
		l, err := parseLead(row)
		if err == nil && !ids.Add(l.ID) {
			err = fmt.Errorf("lead %s: %w", fault.Quote(l.ID), expansion.ErrDuplicate)
		}
		if err == nil {
			err = p.Add(l)
		}
		if err != nil {
			rep.Reject(row.Loc, err)
			continue
		}
		rep.Use()
	}
	return rd.Err()
}
