package bookio

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzReader reads arbitrary bytes as a CSV and as a JSON book: no panic,
// rows are numbered 0, 1, 2, ... and their lines never go back.
func FuzzReader(f *testing.F) {
	f.Add([]byte("id,arr\na,1\n\"b\nc\",2\n"))
	f.Add([]byte("\xef\xbb\xbfid,arr\r\na,\"1\r\n"))
	f.Add([]byte("[{\"id\":\"a\"},\n{\"id\":\"b\"}]"))
	f.Add([]byte("[1,\n\n2,[3,\n4]]"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, name := range []string{"f.csv", "f.json"} {
			rd, err := Open(name, bytes.NewReader(b), cols)
			if err != nil {
				require.ErrorIs(t, err, ErrBook)
				continue
			}
			n, line := 0, 0
			for rd.Next() {
				r := rd.Row()
				require.Equal(t, n, r.Loc.Index)
				require.GreaterOrEqual(t, r.Loc.Line, line)
				line = r.Loc.Line
				r.Decimal("arr")
				r.Date("id")
				_ = r.Err()
				n++
			}
		}
	})
}
