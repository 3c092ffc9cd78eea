// Package bookio is the input side of the programs under examples/: it
// streams a book of rows from a CSV or JSON file, says where each row came
// from, and keeps the report a program prints at its end.
//
// # Files
//
// A UTF-8 byte-order mark at the start of a book (as Excel and some editors
// write) is skipped. A CSV book has a header row naming its columns; names are trimmed, and a column that is
// unknown, named twice, or required but missing is an error before any row
// is read. A JSON book is one array of objects; each object is handed over
// as its raw text, for the domain type's strict decoder.
//
// Rows are read one at a time, so memory stays flat however long the book
// is. A row that cannot be read (a CSV row with the wrong number of fields
// or a stray quote) is handed over with [Row.Err] set, so the program can
// report it and go on; a JSON syntax error ends the book, since nothing
// after it can be located.
//
// # Locations
//
// Every row has a [Loc]: the file, the physical line the row starts on (a
// quoted CSV field may span lines; a JSON object starts where its "{" is)
// and its 0-based index among the book's rows.
//
// # Fields of a CSV row
//
// [Row.Text], [Row.Int], [Row.Bool], [Row.Date], [Row.Period] and
// [Row.Decimal] read one column; an empty cell is the zero value. A cell
// that does not parse records an error naming the column and returns the
// zero value, so a program reads every field and then asks [Row.Err] once.
// Amounts are read from their digits by money.Parse: no shopspring/decimal
// package variable changes what a book means.
//
// # The report
//
// [Report] prints each rejected row as "file:line: problem", counts the rows
// read, used and rejected, and [Report.Err] is non-nil when any row was
// rejected. [ParseArgs] and [ExitCode] give every program the same command
// line: -h prints the usage and exits 0, a usage error exits 2, rejected
// rows or any other failure exit 1.
package bookio
