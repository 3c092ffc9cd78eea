package main

import (
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/cskit/cskit/expansion"
	"github.com/cskit/cskit/internal/bookio"
	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/jsonstrict"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// snapshotColumns are the columns of a snapshot book: one row per account
// and product, sorted by account.
var snapshotColumns = bookio.Columns{
	Known: []string{"account", "product", "seats", "unit_price", "extra", "uniform_rise", "churned",
		"account_churned", "paid_before", "active", "free", "scope", "department", "company", "group"},
	Required: []string{"account", "product", "seats", "unit_price"},
}

// lineRow is one row of a snapshot: a product line of an account, the
// account's flags, and, when the row has a scope, the product's footprint.
type lineRow struct {
	account        string
	line           expansion.Line
	accountChurned bool
	paidBefore     bool
	foot           *expansion.Footprint
}

// snapshotJSON is a row of a JSON snapshot: the CSV columns as keys.
type snapshotJSON struct {
	Account        string         `json:"account"`
	Product        string         `json:"product"`
	Seats          int64          `json:"seats"`
	UnitPrice      money.JSON     `json:"unit_price"`
	Extra          money.JSON     `json:"extra"`
	UniformRise    money.JSON     `json:"uniform_rise"`
	Churned        bool           `json:"churned"`
	AccountChurned bool           `json:"account_churned"`
	PaidBefore     bool           `json:"paid_before"`
	Active         int64          `json:"active"`
	Free           int64          `json:"free"`
	Scope          expansion.Rung `json:"scope"`
	Department     int64          `json:"department"`
	Company        int64          `json:"company"`
	Group          int64          `json:"group"`
}

// parseSnapshotRow reads one row, CSV or JSON, and validates what one row
// can: the line and, in the end snapshot (end true), the footprint when
// the row has a scope. The starting snapshot's headroom columns are not
// read, nor those of a churned product or account: only what the end
// snapshot still pays for has headroom.
func parseSnapshotRow(r *bookio.Row, end bool) (lineRow, error) {
	var j snapshotJSON
	if raw := r.JSON(); raw != nil {
		if err := jsonstrict.Decode(raw, &j); err != nil {
			return lineRow{}, err
		}
	} else {
		if err := r.Err(); err != nil {
			return lineRow{}, err
		}
		j = snapshotJSON{
			Account: r.Text("account"), Product: r.Text("product"), Seats: int64(r.Int("seats")),
			UnitPrice: money.JSON(r.Decimal("unit_price")), Extra: money.JSON(r.Decimal("extra")),
			UniformRise: money.JSON(r.Decimal("uniform_rise")), Churned: r.Bool("churned"),
			AccountChurned: r.Bool("account_churned"), PaidBefore: r.Bool("paid_before"),
			Active: int64(r.Int("active")), Free: int64(r.Int("free")),
			Department: int64(r.Int("department")), Company: int64(r.Int("company")), Group: int64(r.Int("group")),
		}
		if err := j.Scope.UnmarshalText([]byte(r.Text("scope"))); err != nil {
			return lineRow{}, &bookio.ColumnError{Column: "scope", Err: err}
		}
		if err := r.Err(); err != nil {
			return lineRow{}, err
		}
	}
	lr := lineRow{
		account: j.Account,
		line: expansion.Line{Product: j.Product, Seats: j.Seats, UnitPrice: decimal.Decimal(j.UnitPrice),
			Extra: decimal.Decimal(j.Extra), UniformRise: decimal.Decimal(j.UniformRise), Churned: j.Churned},
		accountChurned: j.AccountChurned, paidBefore: j.PaidBefore,
	}
	// The account's own checks (its ID; a rise on a churned account) on
	// an account of this one line. The error names the row's column
	// ("seats"), not the line's place in the account ("lines[0].seats").
	if err := (expansion.Account{ID: j.Account, Churned: j.AccountChurned, Lines: []expansion.Line{lr.line}}).Validate(); err != nil {
		var fe *expansion.FieldError
		if errors.As(err, &fe) {
			c := *fe
			c.Field = strings.TrimPrefix(c.Field, "lines[0].")
			err = &c
		}
		return lineRow{}, err
	}
	if !end || j.Churned || j.AccountChurned {
		// Only the end snapshot's products that are still paid for have
		// room to expand: a churned one is a win-back, not an upsell.
		return lr, nil
	}
	if j.Scope == 0 && (j.Active != 0 || j.Free != 0 || j.Department != 0 || j.Company != 0 || j.Group != 0) {
		return lineRow{}, fmt.Errorf("account %s: scope: %w: a row with headroom columns names the rung its product covers", fault.Quote(j.Account), expansion.ErrMissing)
	}
	if j.Scope != 0 {
		f := expansion.Footprint{Account: j.Account, Product: j.Product, Seats: j.Seats, Active: j.Active, Free: j.Free,
			UnitPrice: decimal.Decimal(j.UnitPrice), Scope: j.Scope, Department: j.Department, Company: j.Company, Group: j.Group}
		if err := f.Validate(); err != nil {
			return lineRow{}, err
		}
		lr.foot = &f
	}
	return lr, nil
}

// snapshot streams the accounts of a snapshot book: it reads rows one at a
// time, groups an account's consecutive rows into one Account, and yields
// it when the next account starts. A row that cannot be used is reported
// and skipped: one that does not parse or validate, one sorted before the
// account above it, a product already listed for the account, account
// flags that disagree with the account's first row. Footprints of the
// rows used go to hb; a nil hb marks the starting snapshot, whose headroom
// columns are not read. A book that cannot be read on ends the sequence
// and sets *fatal.
func snapshot(rd *bookio.Reader, rep *bookio.Report, hb *expansion.HeadroomBook, fatal *error) iter.Seq[expansion.Account] {
	return func(yield func(expansion.Account) bool) {
		var cur expansion.Account
		have := false
		for rd.Next() {
			row := rd.Row()
			lr, err := parseSnapshotRow(row, hb != nil)
			if err == nil && have {
				err = fits(&cur, lr)
			}
			if err != nil {
				rep.Reject(row.Loc, err)
				continue
			}
			if hb != nil && lr.foot != nil {
				if err := hb.Add(*lr.foot); err != nil {
					rep.Reject(row.Loc, err)
					continue
				}
			}
			rep.Use()
			if have && lr.account == cur.ID {
				cur.Lines = append(cur.Lines, lr.line)
				continue
			}
			if have && !yield(cur) {
				return
			}
			cur = expansion.Account{ID: lr.account, Churned: lr.accountChurned, PaidBefore: lr.paidBefore, Lines: []expansion.Line{lr.line}}
			have = true
		}
		if err := rd.Err(); err != nil {
			*fatal = err
			return
		}
		if have {
			yield(cur)
		}
	}
}

// fits checks a row against the account being grouped.
func fits(cur *expansion.Account, lr lineRow) error {
	switch c := strings.Compare(lr.account, cur.ID); {
	case c < 0:
		return fmt.Errorf("account %s: %w: after %s", fault.Quote(lr.account), expansion.ErrUnsorted, fault.Quote(cur.ID))
	case c > 0:
		return nil
	}
	for _, l := range cur.Lines {
		if l.Product == lr.line.Product {
			return fmt.Errorf("account %s: product %s: %w", fault.Quote(lr.account), fault.Quote(l.Product), expansion.ErrDuplicate)
		}
	}
	switch {
	case lr.accountChurned != cur.Churned:
		return fmt.Errorf("account %s: account_churned: %w: the account's first row says %t", fault.Quote(lr.account), expansion.ErrInconsistent, cur.Churned)
	case lr.paidBefore != cur.PaidBefore:
		return fmt.Errorf("account %s: paid_before: %w: the account's first row says %t", fault.Quote(lr.account), expansion.ErrInconsistent, cur.PaidBefore)
	case len(cur.Lines) >= 1000:
		return fmt.Errorf("account %s: %w: more than 1000 products", fault.Quote(lr.account), expansion.ErrTooLarge)
	}
	return nil
}
