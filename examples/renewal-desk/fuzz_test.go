package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/cskit/cskit/date"
	"github.com/cskit/cskit/internal/bookio"
	"github.com/cskit/cskit/renewal"
	"github.com/stretchr/testify/require"
)

// FuzzCSVBook feeds arbitrary text to the desk as a CSV book: it never
// panics, every row is used or rejected, and every row it uses is a valid
// renewal whose JSON decodes back.
func FuzzCSVBook(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("testdata", "book.csv"))
	require.NoError(f, err)
	f.Add(seed)
	f.Add([]byte("id,start,arr,term_months\nx,2026-01-31,0,1\n"))
	f.Add([]byte("id,start,arr,renewal_date,auto_renew,notice,outcome,outcome_date,final,due\nx,2026-01-31,5,2026-03-01,true,P1M,renewed,2026-02-20,6,2026-03-01\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		book, err := bookio.NewCSV("f.csv", bytes.NewReader(data), columns)
		if err != nil {
			return
		}
		d, err := newDesk(renewal.Policy{}, date.Must(2027, 1, 15), date.FiscalCalendar{}, 3)
		require.NoError(t, err)
		for book.Next() {
			r, err := readRow(book.Row())
			if err != nil {
				continue
			}
			if err := d.add(r); err != nil {
				continue
			}
			require.NoError(t, r.Validate())
			b, err := json.Marshal(r)
			require.NoError(t, err)
			var back renewal.Renewal
			require.NoError(t, json.Unmarshal(b, &back), "%s", b)
		}
		var out bytes.Buffer
		require.NoError(t, d.print(&out))
	})
}
