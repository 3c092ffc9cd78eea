package bookio

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/money"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var cols = Columns{Known: []string{"id", "arr", "start", "term", "auto", "notice", "fy"}, Required: []string{"id", "arr"}}

func TestCSV(t *testing.T) {
	in := "\xef\xbb\xbfid, arr ,start,term,auto,notice,fy\n" +
		"a,1200000.50,2026-03-31,12,true,P1M,3\n" +
		"\"b\nc\",.5,,,,,\n" + // a quoted id over two lines
		"d,x,2026-02-30,twelve,maybe,1M,13\n" +
		"e,1\n" +
		"f,2,,,,,\n"
	rd, err := NewCSV("book.csv", strings.NewReader(in), cols)
	require.NoError(t, err)

	require.True(t, rd.Next())
	r := rd.Row()
	assert.Equal(t, Loc{"book.csv", 2, 0}, r.Loc)
	assert.Equal(t, "a", r.Text("id"))
	assert.Equal(t, "1200000.50", money.Format(r.Decimal("arr")))
	assert.Equal(t, date.Must(2026, time.March, 31), r.Date("start"))
	assert.Equal(t, 12, r.Int("term"))
	assert.True(t, r.Bool("auto"))
	assert.Equal(t, date.Months(1), r.Period("notice"))
	assert.Equal(t, time.March, r.Month("fy"))
	assert.NoError(t, r.Err())
	assert.Nil(t, r.JSON())

	require.True(t, rd.Next())
	r = rd.Row()
	assert.Equal(t, Loc{"book.csv", 3, 1}, r.Loc)
	assert.Equal(t, "b\nc", r.Text("id"))
	assert.Equal(t, "0.5", money.Format(r.Decimal("arr")))
	assert.True(t, r.Date("start").IsZero(), "an empty cell is the zero value")
	assert.NoError(t, r.Err())

	require.True(t, rd.Next())
	r = rd.Row()
	assert.Equal(t, Loc{"book.csv", 5, 2}, r.Loc, "the row after a two-line row starts on line 5")
	r.Decimal("arr")
	r.Date("start")
	r.Int("term")
	r.Bool("auto")
	r.Period("notice")
	r.Month("fy")
	var ce *ColumnError
	require.ErrorAs(t, r.Err(), &ce)
	assert.Equal(t, "arr", ce.Column)
	assert.Equal(t, `column "arr": want a plain decimal number, not "x"`+"\n"+
		`column "start": want a date YYYY-MM-DD, not "2026-02-30"`+"\n"+
		`column "term": want a whole number, not "twelve"`+"\n"+
		`column "auto": want true or false, not "maybe"`+"\n"+
		`column "notice": want a period such as P1M or P30D, not "1M"`+"\n"+
		`column "fy": want a month 1..12, not "13"`, r.Err().Error())

	require.True(t, rd.Next())
	r = rd.Row()
	assert.Equal(t, 6, r.Loc.Line)
	assert.EqualError(t, r.Err(), "2 fields, the header has 7")

	require.True(t, rd.Next(), "a short row does not end the book")
	r = rd.Row()
	assert.Equal(t, Loc{"book.csv", 7, 4}, r.Loc)
	assert.NoError(t, r.Err(), "errors of an earlier row are gone")
	assert.False(t, rd.Next())
	assert.NoError(t, rd.Err())
}

func TestCSVBadQuote(t *testing.T) {
	rd, err := NewCSV("b.csv", strings.NewReader("id,arr\na\"b,1\nc,2\n"), cols)
	require.NoError(t, err)
	require.True(t, rd.Next())
	assert.ErrorContains(t, rd.Row().Err(), "unreadable CSV row")
	assert.Equal(t, 2, rd.Row().Loc.Line)
	require.True(t, rd.Next())
	assert.Equal(t, "c", rd.Row().Text("id"))
	assert.Equal(t, 3, rd.Row().Loc.Line)
}

func TestCSVHeaderErrors(t *testing.T) {
	for in, want := range map[string]string{
		"":                   "bad book: b.csv: empty file, want a header row",
		"id,arr,notice_days": `bad book: b.csv: unknown column "notice_days" (known: id, arr, start, term, auto, notice, fy)`,
		"id,arr,id":          `bad book: b.csv: column "id" appears twice`,
		"id,start":           `bad book: b.csv: missing column "arr"`,
	} {
		_, err := NewCSV("b.csv", strings.NewReader(in), cols)
		assert.ErrorIs(t, err, ErrBook)
		assert.EqualError(t, err, want)
	}
}

func TestJSON(t *testing.T) {
	in := "\xef\xbb\xbf[\n  {\"id\":\"a\"},\n\n  {\"id\":\n \"b\"}, {\"id\":\"c\"}\n]\n"
	rd, err := Open("book.JSON", strings.NewReader(in), cols)
	require.NoError(t, err)
	var got []string
	for rd.Next() {
		got = append(got, fmt.Sprintf("%s %d %s", rd.Row().Loc, rd.Row().Loc.Index, rd.Row().JSON()))
	}
	require.NoError(t, rd.Err())
	assert.Equal(t, []string{
		`book.JSON:2 0 {"id":"a"}`,
		"book.JSON:4 1 {\"id\":\n \"b\"}",
		`book.JSON:5 2 {"id":"c"}`,
	}, got)
}

func TestJSONErrors(t *testing.T) {
	for in, want := range map[string]string{
		`{"id":"a"}`:       "bad book: b.json: want a JSON array of rows",
		``:                 "bad book: b.json: want a JSON array: EOF",
		`[{"id":"a"} {}]`:  "bad book: b.json: row 1: expected comma after array element",
		`[{"id":"a"}] [1]`: "bad book: b.json: data after the array",
		`[{"id":`:          "bad book: b.json: row 0: unexpected EOF",
	} {
		rd, err := NewJSON("b.json", strings.NewReader(in))
		if err == nil {
			for rd.Next() {
			}
			err = rd.Err()
		}
		assert.ErrorIs(t, err, ErrBook, in)
		assert.EqualError(t, err, want, in)
	}
	_, err := Open("b.xlsx", strings.NewReader(""), cols)
	assert.EqualError(t, err, "bad book: b.xlsx: want a .csv or .json file")
}

// slowReader hands over one byte at a time, so the decoder's buffer ends
// everywhere.
type slowReader struct{ r io.Reader }

func (s slowReader) Read(p []byte) (int, error) { return s.r.Read(p[:1]) }

func TestJSONLinesOneByteAtATime(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for i := range 200 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n{\"id\":\"%d\"}", i)
	}
	b.WriteString("\n]")
	rd, err := NewJSON("b.json", slowReader{strings.NewReader(b.String())})
	require.NoError(t, err)
	n := 0
	for rd.Next() {
		require.Equal(t, n+2, rd.Row().Loc.Line) // row i is on line i+2
		n++
	}
	require.NoError(t, rd.Err())
	assert.Equal(t, 200, n)
}

func TestReport(t *testing.T) {
	var out bytes.Buffer
	r := Report{Out: &out, Max: 2}
	r.Use()
	r.Reject(Loc{"b.csv", 3, 1}, errors.New("renewal: contract \"x\": arr: negative amount"))
	r.Reject(Loc{"b.csv", 4, 2}, errors.Join(errors.New("one"), errors.New("two")))
	r.Reject(Loc{"b.csv", 5, 3}, errors.New("three"))
	r.Reject(Loc{"b.csv", 6, 4}, errors.New("four"))
	r.Use()
	assert.Equal(t, "b.csv:3: renewal: contract \"x\": arr: negative amount\n"+
		"b.csv:4: one; two\n"+
		"(more rejected rows are counted, not printed)\n", out.String())
	assert.Equal(t, "rows: 6 read, 2 used, 4 rejected", r.Summary())
	assert.ErrorIs(t, r.Err(), ErrRejected)
	assert.EqualError(t, r.Err(), "rows rejected: 4 of 6")
	assert.NoError(t, (&Report{}).Err())
}

func TestIDs(t *testing.T) {
	var s IDs
	assert.True(t, s.Add("a"))
	assert.True(t, s.Add("b"))
	assert.False(t, s.Add("a"))
	assert.True(t, s.Add(""))
	assert.False(t, s.Add(""))
}

func TestParseArgsAndExitCode(t *testing.T) {
	newFS := func() (*flag.FlagSet, *string) {
		fs := flag.NewFlagSet("desk", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		return fs, fs.String("asof", "2027-01-15", "")
	}
	fs, asof := newFS()
	pos, err := ParseArgs(fs, []string{"book.csv", "-asof", "2027-02-01"}, 1)
	require.NoError(t, err)
	assert.Equal(t, []string{"book.csv"}, pos)
	assert.Equal(t, "2027-02-01", *asof)

	fs, _ = newFS()
	_, err = ParseArgs(fs, []string{"a.csv", "b.csv"}, 1)
	assert.ErrorIs(t, err, ErrUsage)
	assert.EqualError(t, err, `usage: unexpected argument "b.csv"`)
	var stderr bytes.Buffer
	assert.Equal(t, 2, ExitCode(&stderr, "desk", err))
	assert.Equal(t, "desk: usage: unexpected argument \"b.csv\"\n", stderr.String())

	fs, _ = newFS()
	_, err = ParseArgs(fs, []string{"-nope"}, 1)
	assert.Equal(t, 2, ExitCode(io.Discard, "desk", err))

	fs, _ = newFS()
	_, err = ParseArgs(fs, []string{"-h"}, 1)
	stderr.Reset()
	assert.Equal(t, 0, ExitCode(&stderr, "desk", err))
	assert.Empty(t, stderr.String())

	assert.Equal(t, 0, ExitCode(io.Discard, "desk", nil))
	assert.Equal(t, 1, ExitCode(io.Discard, "desk", (&Report{rejected: 1}).Err()))
}
