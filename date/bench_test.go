package date_test

import (
	"testing"
	"time"

	"github.com/cskit/cskit/date"
)

// Each benchmark has a time.Time baseline beside it, so one run shows what
// the calendar arithmetic costs against the standard library's.

func BenchmarkAddMonths(b *testing.B) {
	b.Run("date", func(b *testing.B) {
		b.ReportAllocs()
		d := date.Must(2027, time.January, 31)
		n := 0
		for b.Loop() {
			_ = d.AddMonths(n % 240)
			n++
		}
	})
	b.Run("time.AddDate", func(b *testing.B) {
		b.ReportAllocs()
		t := time.Date(2027, time.January, 31, 0, 0, 0, 0, time.UTC)
		n := 0
		for b.Loop() {
			_ = t.AddDate(0, n%240, 0)
			n++
		}
	})
}

func BenchmarkParse(b *testing.B) {
	b.Run("date", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := date.Parse("2027-03-31"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("time.Parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := time.Parse(time.DateOnly, "2027-03-31"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkCivil(b *testing.B) {
	b.Run("date", func(b *testing.B) {
		b.ReportAllocs()
		d := date.Must(2027, time.March, 31)
		n := 0
		for b.Loop() {
			_, _, _ = d.AddDays(n % 4096).Civil()
			n++
		}
	})
	b.Run("time.Date", func(b *testing.B) {
		b.ReportAllocs()
		t := time.Date(2027, time.March, 31, 0, 0, 0, 0, time.UTC)
		n := 0
		for b.Loop() {
			_, _, _ = t.AddDate(0, 0, n%4096).Date()
			n++
		}
	})
}

func BenchmarkString(b *testing.B) {
	b.ReportAllocs()
	d := date.Must(2027, time.March, 31)
	for b.Loop() {
		_ = d.String()
	}
}

func BenchmarkParsePeriod(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := date.ParsePeriod("P1Y2M3W4D"); err != nil {
			b.Fatal(err)
		}
	}
}
