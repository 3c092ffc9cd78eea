package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/renewal"
	"github.com/shopspring/decimal"
)

// errBook is wrapped by every error about the book file itself.
var errBook = errors.New("renewal-desk: bad book")

// loadBook reads a book from path: a JSON array of renewal records (.json)
// or a CSV file with one renewal per row (.csv). Every row is validated.
func loadBook(path string) ([]renewal.Renewal, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return decodeJSON(data)
	case ".csv":
		return decodeCSV(bytes.NewReader(data))
	}
	return nil, fmt.Errorf("%w: %s: want a .json or .csv file", errBook, path)
}

// decodeJSON reads a JSON array of renewal records.
func decodeJSON(data []byte) ([]renewal.Renewal, error) {
	var book []renewal.Renewal
	if err := json.Unmarshal(data, &book); err != nil {
		return nil, fmt.Errorf("%w: %w", errBook, err)
	}
	return book, nil
}

// csvColumns are the columns a CSV book may have; id, start, arr and one of
// term_months or renewal_date are required.
//
//	completions: activity@date[=intent] separated by ";", e.g.
//	             "usage-review@2026-12-02;intent-confirmation@2027-01-10=renew"
//	call_*:      the latest forecast call
//	outcome:     open, renewed or churned, with outcome_date and final
func csvColumns() []string {
	return []string{
		"id", "customer", "csm", "segment", "start", "term_months", "renewal_date",
		"renewal_term_months", "arr", "auto_renew", "notice", "fiscal_year_end",
		"onboarded", "two_way", "first_contact", "completions", "case_study_published",
		"target", "call_date", "call_amount", "call_category", "risk_adjustment",
		"outcome", "outcome_date", "final", "due",
	}
}

// decodeCSV reads a CSV book whose first row names its columns.
func decodeCSV(r io.Reader) ([]renewal.Renewal, error) {
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%w: reading the header: %w", errBook, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		known := false
		for _, c := range csvColumns() {
			known = known || c == h
		}
		if !known {
			return nil, fmt.Errorf("%w: unknown column %q", errBook, h)
		}
		if _, twice := col[h]; twice {
			return nil, fmt.Errorf("%w: column %q appears twice", errBook, h)
		}
		col[h] = i
	}
	for _, need := range []string{"id", "start", "arr"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("%w: missing column %q", errBook, need)
		}
	}
	var book []renewal.Renewal
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return book, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", errBook, err)
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		r, err := csvRow(get)
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: %w", errBook, line, err)
		}
		book = append(book, r)
	}
}

// csvRow builds one renewal record from a CSV row and validates it.
func csvRow(get func(string) string) (renewal.Renewal, error) {
	var (
		r    renewal.Renewal
		errs []error
	)
	c := &r.Contract
	c.ID, c.Customer, c.CSM, c.Segment = get("id"), get("customer"), get("csm"), get("segment")
	c.Start = parseDate(get("start"), "start", &errs)
	c.TermMonths = parseInt(get("term_months"), "term_months", &errs)
	c.RenewalDate = parseDate(get("renewal_date"), "renewal_date", &errs)
	c.RenewalTermMonths = parseInt(get("renewal_term_months"), "renewal_term_months", &errs)
	c.ARR = parseAmount(get("arr"), "arr", &errs)
	c.AutoRenew = parseBool(get("auto_renew"), "auto_renew", &errs)
	if s := get("notice"); s != "" {
		p, err := date.ParsePeriod(s)
		errs = append(errs, err)
		c.Notice = p
	}
	c.FiscalYearEnd = time.Month(parseInt(get("fiscal_year_end"), "fiscal_year_end", &errs))
	r.Onboarded = parseBool(get("onboarded"), "onboarded", &errs)
	r.TwoWay = parseBool(get("two_way"), "two_way", &errs)
	r.FirstContact = parseDate(get("first_contact"), "first_contact", &errs)
	r.CaseStudyPublished = parseBool(get("case_study_published"), "case_study_published", &errs)
	r.Target = parseAmount(get("target"), "target", &errs)
	r.RiskAdjustment = parseAmount(get("risk_adjustment"), "risk_adjustment", &errs)
	for _, item := range strings.Split(get("completions"), ";") {
		if item = strings.TrimSpace(item); item != "" {
			r.Completions = append(r.Completions, parseCompletion(item, &errs))
		}
	}
	if d := get("call_date"); d != "" {
		call := renewal.Call{Date: parseDate(d, "call_date", &errs), Amount: parseAmount(get("call_amount"), "call_amount", &errs)}
		errs = append(errs, call.Category.UnmarshalText([]byte(get("call_category"))))
		r.Calls = []renewal.Call{call}
	}
	if s := get("outcome"); s != "" {
		errs = append(errs, r.Outcome.Result.UnmarshalText([]byte(s)))
		r.Outcome.Date = parseDate(get("outcome_date"), "outcome_date", &errs)
		r.Outcome.Final = parseAmount(get("final"), "final", &errs)
		r.Due = parseDate(get("due"), "due", &errs)
	}
	if err := errors.Join(errs...); err != nil {
		return renewal.Renewal{}, err
	}
	return r, r.Validate()
}

func parseCompletion(s string, errs *[]error) renewal.Completion {
	var c renewal.Completion
	act, rest, ok := strings.Cut(s, "@")
	if !ok {
		*errs = append(*errs, fmt.Errorf("completion %q: want activity@date", s))
		return c
	}
	day, intent, hasIntent := strings.Cut(rest, "=")
	*errs = append(*errs, c.Activity.UnmarshalText([]byte(act)))
	c.Date = parseDate(day, "completion date", errs)
	if hasIntent {
		*errs = append(*errs, c.Intent.UnmarshalText([]byte(intent)))
	}
	return c
}

func parseDate(s, field string, errs *[]error) date.Date {
	if s == "" {
		return date.Date{}
	}
	d, err := date.Parse(s)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s: %w", field, err))
	}
	return d
}

func parseInt(s, field string, errs *[]error) int {
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s: not a whole number: %q", field, s))
	}
	return n
}

func parseBool(s, field string, errs *[]error) bool {
	if s == "" {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s: not true or false: %q", field, s))
	}
	return b
}

func parseAmount(s, field string, errs *[]error) decimal.Decimal {
	if s == "" {
		return decimal.Decimal{}
	}
	var j decimalText
	if err := j.UnmarshalText([]byte(s)); err != nil {
		*errs = append(*errs, fmt.Errorf("%s: %w", field, err))
	}
	return decimal.Decimal(j)
}

// maxAmountLen is the longest amount text the book reads.
const maxAmountLen = 1000

// decimalText reads a plain decimal amount ("1200000", "1200000.50",
// "-3"). It builds the number from its digits with math/big, so that no
// package variable of shopspring/decimal (a host may set
// MaxDecodeExponent) changes what a book means.
type decimalText decimal.Decimal

func (d *decimalText) UnmarshalText(b []byte) error {
	s := string(b)
	bad := fmt.Errorf("not a plain decimal amount: %q", s)
	if len(s) > maxAmountLen {
		return fmt.Errorf("amount longer than %d characters", maxAmountLen)
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	digits := whole + frac
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return bad
	}
	coef, ok := new(big.Int).SetString(digits, 10)
	if !ok {
		return bad
	}
	if neg {
		coef.Neg(coef)
	}
	*d = decimalText(decimal.NewFromBigInt(coef, -int32(len(frac))))
	return nil
}
