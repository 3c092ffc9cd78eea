package bookio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/fault"
	"github.com/cskit/cskit/internal/money"
	"github.com/shopspring/decimal"
)

// ErrBook is wrapped by every error about a book file as a whole: a bad
// header, a JSON syntax error, an unsupported file type.
var ErrBook = errors.New("bad book")

// Loc is where a row came from.
type Loc struct {
	File  string // the file's name as given
	Line  int    // the physical line the row starts on, from 1
	Index int    // the row's 0-based position among the book's rows
}

// String returns "file:line".
func (l Loc) String() string { return l.File + ":" + strconv.Itoa(l.Line) }

// Columns says which CSV columns a book may have and which it must have.
type Columns struct {
	Known    []string // every column a book may have
	Required []string // columns that must be present (a subset of Known)
}

// Row is one row of a book. It is valid until the next call of
// [Reader.Next].
type Row struct {
	Loc Loc

	raw  []byte         // a JSON row's text
	rec  []string       // a CSV row's cells
	cols map[string]int // a CSV book's column positions
	errs []error        // the row's own error, then one per bad cell
}

// JSON returns a JSON row's text (nil for a CSV row).
func (r *Row) JSON() []byte { return r.raw }

// Has reports whether a CSV book has the column.
func (r *Row) Has(col string) bool { _, ok := r.cols[col]; return ok }

// Err returns the row's errors: a row that could not be read, or every cell
// that did not parse, each naming its column. It is nil for a good row.
func (r *Row) Err() error { return errors.Join(r.errs...) }

// Text returns the column's cell with surrounding spaces removed; "" when
// the book has no such column.
func (r *Row) Text(col string) string {
	i, ok := r.cols[col]
	if !ok || i >= len(r.rec) {
		return ""
	}
	return strings.TrimSpace(r.rec[i])
}

// ColumnError is the error of a cell that does not parse.
type ColumnError struct {
	Column string
	Err    error
}

// Error returns `column "arr": <problem>`.
func (e *ColumnError) Error() string {
	if e == nil {
		return "<nil>"
	}
	return "column " + strconv.Quote(e.Column) + ": " + e.Err.Error()
}

// Unwrap returns the parse error.
func (e *ColumnError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

func (r *Row) fail(col, want, cell string) {
	r.errs = append(r.errs, &ColumnError{Column: col, Err: fmt.Errorf("want %s, not %s", want, fault.Quote(cell))})
}

// Int reads a whole number.
func (r *Row) Int(col string) int {
	s := r.Text(col)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		r.fail(col, "a whole number", s)
	}
	return n
}

// Bool reads true or false (also 1/0, t/f, TRUE/FALSE as strconv.ParseBool
// does).
func (r *Row) Bool(col string) bool {
	s := r.Text(col)
	if s == "" {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		r.fail(col, "true or false", s)
	}
	return b
}

// Date reads a day as YYYY-MM-DD.
func (r *Row) Date(col string) date.Date {
	s := r.Text(col)
	if s == "" {
		return date.Date{}
	}
	d, err := date.Parse(s)
	if err != nil {
		r.fail(col, "a date YYYY-MM-DD", s)
	}
	return d
}

// Period reads an ISO 8601 span of months and days ("P1M", "P30D").
func (r *Row) Period(col string) date.Period {
	s := r.Text(col)
	if s == "" {
		return date.Period{}
	}
	p, err := date.ParsePeriod(s)
	if err != nil {
		r.fail(col, "a period such as P1M or P30D", s)
	}
	return p
}

// Month reads a month number 1..12 (0 for an empty cell).
func (r *Row) Month(col string) time.Month {
	n := r.Int(col)
	if n < 0 || n > 12 {
		r.fail(col, "a month 1..12", r.Text(col))
		return 0
	}
	return time.Month(n)
}

// Decimal reads a plain decimal ("1200000", "0.25", ".5") from its digits.
func (r *Row) Decimal(col string) decimal.Decimal {
	s := r.Text(col)
	if s == "" {
		return decimal.Decimal{}
	}
	d, err := money.Parse(s)
	if err != nil {
		r.fail(col, "a plain decimal number", s)
	}
	return d
}

// Reader reads the rows of one book.
type Reader struct {
	file string
	row  Row
	err  error
	n    int

	csv  *csv.Reader
	cols map[string]int
	ncol int

	dec   *json.Decoder
	lines *lineCounter
}

// Open returns a reader for the book in r, a CSV or JSON book as the file
// name's extension says (.csv or .json, in any case).
func Open(name string, r io.Reader, cols Columns) (*Reader, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return NewCSV(name, r, cols)
	case ".json":
		return NewJSON(name, r)
	}
	return nil, fmt.Errorf("%w: %s: want a .csv or .json file", ErrBook, name)
}

// NewCSV reads the header of a CSV book and returns a reader of its rows.
//
// Returns an error wrapping [ErrBook] if:
//   - the book is empty or its header cannot be read;
//   - a column is not in cols.Known, or is named twice;
//   - a column of cols.Required is missing.
func NewCSV(name string, r io.Reader, cols Columns) (*Reader, error) {
	cr := csv.NewReader(skipBOM(r))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%w: %s: empty file, want a header row", ErrBook, name)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: header: %w", ErrBook, name, err)
	}
	pos := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.TrimSpace(h)
		if !contains(cols.Known, h) {
			return nil, fmt.Errorf("%w: %s: unknown column %s (known: %s)", ErrBook, name, fault.Quote(h), strings.Join(cols.Known, ", "))
		}
		if _, twice := pos[h]; twice {
			return nil, fmt.Errorf("%w: %s: column %s appears twice", ErrBook, name, fault.Quote(h))
		}
		pos[h] = i
	}
	for _, c := range cols.Required {
		if _, ok := pos[c]; !ok {
			return nil, fmt.Errorf("%w: %s: missing column %q", ErrBook, name, c)
		}
	}
	return &Reader{file: name, csv: cr, cols: pos, ncol: len(header)}, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// skipBOM returns r without the UTF-8 byte-order mark it may start with.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return br
}

// NewJSON returns a reader of a JSON book: one array of rows, after a
// byte-order mark if the file starts with one.
func NewJSON(name string, r io.Reader) (*Reader, error) {
	lc := &lineCounter{r: skipBOM(r)}
	d := json.NewDecoder(lc)
	t, err := d.Token()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: want a JSON array: %w", ErrBook, name, err)
	}
	if t != json.Delim('[') {
		return nil, fmt.Errorf("%w: %s: want a JSON array of rows", ErrBook, name)
	}
	return &Reader{file: name, dec: d, lines: lc}, nil
}

// Next reads the next row and reports whether there is one. It returns
// false at the end of the book or on an error that ends it ([Reader.Err]).
func (rd *Reader) Next() bool {
	if rd.err != nil {
		return false
	}
	rd.row = Row{errs: rd.row.errs[:0]}
	if rd.csv != nil {
		return rd.nextCSV()
	}
	return rd.nextJSON()
}

func (rd *Reader) nextCSV() bool {
	rec, err := rd.csv.Read()
	if err == io.EOF {
		return false
	}
	var (
		line int
		pe   *csv.ParseError
	)
	switch {
	case err == nil:
		line, _ = rd.csv.FieldPos(0)
		if len(rec) != rd.ncol {
			rd.row.errs = append(rd.row.errs, fmt.Errorf("%d fields, the header has %d", len(rec), rd.ncol))
		}
	case errors.As(err, &pe):
		line = pe.StartLine
		rd.row.errs = append(rd.row.errs, fmt.Errorf("unreadable CSV row: %w", pe.Err))
	case err != nil:
		rd.err = fmt.Errorf("%s: %w", rd.file, err)
		return false
	}
	rd.row.Loc = Loc{File: rd.file, Line: line, Index: rd.n}
	rd.row.rec, rd.row.cols = rec, rd.cols
	rd.n++
	return true
}

func (rd *Reader) nextJSON() bool {
	if !rd.dec.More() {
		if _, err := rd.dec.Token(); err != nil {
			rd.err = fmt.Errorf("%w: %s: %w", ErrBook, rd.file, err)
		} else if _, err := rd.dec.Token(); err != io.EOF {
			rd.err = fmt.Errorf("%w: %s: data after the array", ErrBook, rd.file)
		}
		return false
	}
	var raw json.RawMessage
	if err := rd.dec.Decode(&raw); err != nil {
		rd.err = fmt.Errorf("%w: %s: row %d: %w", ErrBook, rd.file, rd.n, err)
		return false
	}
	start := rd.dec.InputOffset() - int64(len(raw))
	rd.row.Loc = Loc{File: rd.file, Line: rd.lines.lineAt(start), Index: rd.n}
	rd.row.raw = raw
	rd.n++
	return true
}

// Row returns the row Next read.
func (rd *Reader) Row() *Row { return &rd.row }

// Err returns the error that ended the book early, or nil.
func (rd *Reader) Err() error { return rd.err }

// lineCounter counts the newlines a JSON decoder has read, keeping only the
// offsets of those it may still be asked about.
type lineCounter struct {
	r      io.Reader
	off    int64   // bytes read so far
	nl     []int64 // offsets of newlines not yet passed
	passed int     // newlines before nl[0]
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			c.nl = append(c.nl, c.off+int64(i))
		}
	}
	c.off += int64(n)
	return n, err
}

// lineAt returns the line of offset x; offsets must not decrease between
// calls.
func (c *lineCounter) lineAt(x int64) int {
	k := 0
	for k < len(c.nl) && c.nl[k] < x {
		k++
	}
	c.passed += k
	c.nl = append(c.nl[:0], c.nl[k:]...)
	return c.passed + 1
}
