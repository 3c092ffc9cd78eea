package bookio

import (
	"errors"
	"flag"
	"fmt"
	"hash/maphash"
	"io"

	"github.com/cskit/cskit/internal/fault"
	"strings"
)

// ErrRejected is wrapped by [Report.Err] when rows were rejected.
var ErrRejected = errors.New("rows rejected")

// ErrUsage is wrapped by the errors of [ParseArgs] about the command line.
var ErrUsage = errors.New("usage")

// Report counts a book's rows and prints each one rejected.
type Report struct {
	Out io.Writer // where rejected rows are printed
	Max int       // most rejected rows printed (0 means 100); the rest are counted

	used, rejected int
}

// Use counts a row the program used.
func (r *Report) Use() { r.used++ }

// Reject counts a rejected row and prints "file:line: problem" (while fewer
// than Max were printed).
func (r *Report) Reject(loc Loc, err error) {
	r.rejected++
	max := r.Max
	if max == 0 {
		max = 100
	}
	if r.rejected <= max {
		fmt.Fprintf(r.Out, "%s: %s\n", loc, strings.ReplaceAll(err.Error(), "\n", "; "))
	} else if r.rejected == max+1 {
		fmt.Fprintf(r.Out, "(more rejected rows are counted, not printed)\n")
	}
}

// Read, Used and Rejected return the counts so far; Read = Used + Rejected.
func (r *Report) Read() int { return r.used + r.rejected }

// Used returns the rows used.
func (r *Report) Used() int { return r.used }

// Rejected returns the rows rejected.
func (r *Report) Rejected() int { return r.rejected }

// Summary returns "rows: 10 read, 8 used, 2 rejected".
func (r *Report) Summary() string {
	return fmt.Sprintf("rows: %d read, %d used, %d rejected", r.Read(), r.used, r.rejected)
}

// Err returns an error wrapping [ErrRejected] when any row was rejected.
func (r *Report) Err() error {
	if r.rejected == 0 {
		return nil
	}
	return fmt.Errorf("%w: %d of %d", ErrRejected, r.rejected, r.Read())
}

// IDs is a set of record IDs, for finding a record given twice. It keeps a
// 64-bit hash of each ID (about 20 bytes an ID in all), not the ID itself,
// so two different IDs are taken for the same with a chance of about
// n²/2⁶⁵: one in 37 million for a million IDs. The zero value is empty.
type IDs struct {
	seed maphash.Seed
	seen map[uint64]struct{}
}

// Add adds id and reports whether it is new.
func (s *IDs) Add(id string) bool {
	if s.seen == nil {
		s.seed = maphash.MakeSeed()
		s.seen = map[uint64]struct{}{}
	}
	h := maphash.String(s.seed, id)
	if _, dup := s.seen[h]; dup {
		return false
	}
	s.seen[h] = struct{}{}
	return true
}

// ParseArgs parses a program's command line. It returns the positional
// arguments, of which there may be at most maxArgs; flags may come before
// or after them. -h and -help return
// [flag.ErrHelp] after printing the usage; any other problem returns an
// error wrapping [ErrUsage].
func ParseArgs(fs *flag.FlagSet, args []string, maxArgs int) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %w", ErrUsage, err)
		}
		if fs.NArg() == 0 {
			break
		}
		if len(pos) == maxArgs {
			fs.Usage()
			return nil, fmt.Errorf("%w: unexpected argument %s", ErrUsage, fault.Quote(fs.Arg(0)))
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return pos, nil
}

// ExitCode prints err to stderr, except for -h, and returns the exit code:
// 0 for nil or -h, 2 for a usage error, 1 otherwise (rejected rows
// included).
func ExitCode(stderr io.Writer, program string, err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, ErrUsage):
		fmt.Fprintf(stderr, "%s: %v\n", program, err)
		return 2
	}
	fmt.Fprintf(stderr, "%s: %v\n", program, err)
	return 1
}
