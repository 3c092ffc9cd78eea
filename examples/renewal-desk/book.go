package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/cskit/cskit/internal/bookio"
	"github.com/cskit/cskit/renewal"
)

// The CSV book's columns, as -h shows them, and a sample row.
const (
	csvHeader = "id,customer,csm,segment,start,term_months,renewal_date,renewal_term_months,arr,auto_renew,notice," +
		"fiscal_year_end,onboarded,two_way,first_contact,completions,case_study_published,target,call_date," +
		"call_amount,call_category,risk_adjustment,outcome,outcome_date,final,due"
	csvSample = "acme,Acme Logistics,Sato,enterprise,2026-02-01,12,,,2400000,true,P1M,3,true,true,2026-10-20," +
		"usage-review@2026-11-20;intent-confirmation@2027-01-10=renew,false,,2026-11-03,2400000,commit,,,,,"
)

var columns = bookio.Columns{Known: strings.Split(csvHeader, ","), Required: []string{"id", "start"}}

// readRow reads one renewal record from a row of the book: a JSON element
// through the package's strict decoder, a CSV row column by column. It does
// not validate the record beyond its syntax: the desk does.
func readRow(row *bookio.Row) (renewal.Renewal, error) {
	var r renewal.Renewal
	if raw := row.JSON(); raw != nil {
		if err := json.Unmarshal(raw, &r); err != nil {
			return r, fmt.Errorf("element %d: %w", row.Loc.Index, err)
		}
		return r, nil
	}
	c := &r.Contract
	c.ID, c.Customer, c.CSM, c.Segment = row.Text("id"), row.Text("customer"), row.Text("csm"), row.Text("segment")
	c.Start = row.Date("start")
	c.TermMonths = row.Int("term_months")
	c.RenewalDate = row.Date("renewal_date")
	c.RenewalTermMonths = row.Int("renewal_term_months")
	c.ARR = row.Decimal("arr")
	c.AutoRenew = row.Bool("auto_renew")
	c.Notice = row.Period("notice")
	c.FiscalYearEnd = row.Month("fiscal_year_end")
	r.Onboarded = row.Bool("onboarded")
	r.TwoWay = row.Bool("two_way")
	r.FirstContact = row.Date("first_contact")
	r.CaseStudyPublished = row.Bool("case_study_published")
	r.Target = row.Decimal("target")
	r.RiskAdjustment = row.Decimal("risk_adjustment")
	r.Due = row.Date("due")

	var errs []error
	text := func(col string, v interface{ UnmarshalText([]byte) error }) {
		if err := v.UnmarshalText([]byte(row.Text(col))); err != nil {
			errs = append(errs, &bookio.ColumnError{Column: col, Err: err})
		}
	}
	for _, item := range strings.Split(row.Text("completions"), ";") {
		if item = strings.TrimSpace(item); item == "" {
			continue
		}
		act, rest, ok := strings.Cut(item, "@")
		day, intent, _ := strings.Cut(rest, "=")
		if !ok {
			errs = append(errs, &bookio.ColumnError{Column: "completions", Err: errors.New("want activity@YYYY-MM-DD")})
			continue
		}
		var cp renewal.Completion
		if err := cp.Activity.UnmarshalText([]byte(act)); err != nil {
			errs = append(errs, &bookio.ColumnError{Column: "completions", Err: err})
		}
		if err := cp.Date.UnmarshalText([]byte(day)); err != nil {
			errs = append(errs, &bookio.ColumnError{Column: "completions", Err: err})
		}
		if err := cp.Intent.UnmarshalText([]byte(intent)); err != nil {
			errs = append(errs, &bookio.ColumnError{Column: "completions", Err: err})
		}
		r.Completions = append(r.Completions, cp)
	}
	if row.Text("call_date") != "" || row.Text("call_amount") != "" || row.Text("call_category") != "" {
		call := renewal.Call{Date: row.Date("call_date"), Amount: row.Decimal("call_amount")}
		text("call_category", &call.Category)
		r.Calls = []renewal.Call{call}
	}
	text("outcome", &r.Outcome.Result)
	if r.Outcome.Result != renewal.ResultOpen {
		r.Outcome.Date = row.Date("outcome_date")
		r.Outcome.Final = row.Decimal("final")
	}
	return r, errors.Join(row.Err(), errors.Join(errs...))
}
