package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/cskit/cskit/renewal"
)

// FuzzDecodeCSV feeds arbitrary text to the CSV reader: it never panics, and
// every row it accepts is a valid renewal that survives a JSON round trip.
func FuzzDecodeCSV(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("testdata", "book.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("id,start,arr,term_months\nx,2026-01-31,0,1\n"))
	f.Add([]byte("id,start,arr,renewal_date,auto_renew,notice\nx,2026-01-31,5,2026-03-01,true,P1M\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		book, err := decodeCSV(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, r := range book {
			if err := r.Validate(); err != nil {
				t.Fatalf("accepted an invalid row: %v", err)
			}
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatalf("encoding an accepted row: %v", err)
			}
			var back renewal.Renewal
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("decoding %s: %v", b, err)
			}
		}
	})
}
