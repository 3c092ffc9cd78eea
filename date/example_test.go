package date_test

import (
	"errors"
	"fmt"
	"time"
	_ "time/tzdata"

	"github.com/cskit/cskit/date"
)

// AddMonths clamps to the last day of the target month instead of spilling
// into the next one.
func ExampleDate_AddMonths() {
	fmt.Println(date.Must(2027, time.May, 31).AddMonths(-3))
	fmt.Println(date.Must(2027, time.March, 31).AddMonths(-3))
	fmt.Println(date.Must(2027, time.January, 31).AddMonths(1))
	fmt.Println(date.Must(2024, time.February, 29).AddMonths(12))
	fmt.Println(date.Must(2024, time.February, 29).AddMonths(48))
	// Output:
	// 2027-02-28
	// 2026-12-31
	// 2027-02-28
	// 2025-02-28
	// 2028-02-29
}

// Anniversaries are computed from the anchor, so a contract signed on the
// 31st renews on the 31st whenever the month has one.
func ExampleDate_AddMonths_anniversaries() {
	anchor := date.Must(2027, time.January, 31)
	for k := range 4 {
		fmt.Println(anchor.AddMonths(k))
	}
	fmt.Println("chained:", anchor.AddMonths(1).AddMonths(1))
	// Output:
	// 2027-01-31
	// 2027-02-28
	// 2027-03-31
	// 2027-04-30
	// chained: 2027-03-28
}

// An instant becomes a day in the customer's time zone.
func ExampleIn() {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		fmt.Println(err)
		return
	}
	instant := time.Date(2027, time.March, 31, 20, 0, 0, 0, time.UTC)
	fmt.Println("UTC:  ", date.In(instant, time.UTC))
	fmt.Println("Tokyo:", date.In(instant, tokyo))
	// Output:
	// UTC:   2027-03-31
	// Tokyo: 2027-04-01
}

// Counting calendar days is right across a daylight-saving change, where
// dividing the duration by 24 hours is not.
func ExampleDate_DaysUntil() {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println(err)
		return
	}
	from := time.Date(2025, time.March, 8, 0, 0, 0, 0, ny)
	to := time.Date(2025, time.March, 10, 0, 0, 0, 0, ny)
	fmt.Println("hours:", to.Sub(from).Hours())
	fmt.Println("duration/24h:", int(to.Sub(from)/(24*time.Hour)))
	fmt.Println("days:", date.In(from, ny).DaysUntil(date.In(to, ny)))
	// Output:
	// hours: 47
	// duration/24h: 1
	// days: 2
}

func ExampleDate_MonthsBetween() {
	start := date.Must(2027, time.January, 31)
	fmt.Println(start.MonthsBetween(date.Must(2027, time.February, 27)))
	fmt.Println(start.MonthsBetween(date.Must(2027, time.February, 28)))
	fmt.Println(start.MonthsBetween(date.Must(2028, time.January, 31)))
	// Output:
	// 0
	// 1
	// 12
}

func ExampleParse() {
	d, err := date.Parse("2027-03-31")
	fmt.Println(d, d.Weekday(), err)

	_, err = date.Parse("2027-02-29")
	fmt.Println(errors.Is(err, date.ErrInvalidDay))

	_, err = date.Parse("2027/03/31")
	fmt.Println(errors.Is(err, date.ErrSyntax))
	// Output:
	// 2027-03-31 Wednesday <nil>
	// true
	// true
}

// The fiscal year that ends in March 2027 is 2026 in Japanese practice (named
// by the year it starts) and FY2027 in US practice (named by the year it
// ends).
func ExampleFiscalCalendar_Year() {
	japan := date.FiscalCalendar{} // March year end, named by start
	us := date.FiscalCalendar{EndMonth: time.March, Naming: date.NamedByEnd}
	day := date.Must(2027, time.March, 31)
	fmt.Printf("%s: Japan %d年度, US FY%d\n", day, japan.Year(day), us.Year(day))

	first, last := japan.Bounds(2026)
	fmt.Println("2026年度:", first, "to", last)
	first, last = us.Bounds(2027)
	fmt.Println("FY2027:", first, "to", last)
	// Output:
	// 2027-03-31: Japan 2026年度, US FY2027
	// 2026年度: 2026-04-01 to 2027-03-31
	// FY2027: 2026-04-01 to 2027-03-31
}

func ExampleFiscalCalendar_Quarter() {
	usFederal := date.FiscalCalendar{EndMonth: time.September, Naming: date.NamedByEnd}
	fy, q := usFederal.Quarter(date.Must(2026, time.October, 1))
	fmt.Printf("FY%d Q%d\n", fy, q)

	fy, q = date.FiscalCalendar{}.Quarter(date.Must(2027, time.January, 15))
	fmt.Printf("%d年度 Q%d\n", fy, q)
	// Output:
	// FY2027 Q1
	// 2026年度 Q4
}

func ExampleParsePeriod() {
	for _, s := range []string{"P3M", "P14D", "P1Y", "P2W", "P1M15D"} {
		p, err := date.ParsePeriod(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-6s months=%d days=%d %s\n", s, p.Months, p.Days, p)
	}
	_, err := date.ParsePeriod("PT1H")
	fmt.Println(errors.Is(err, date.ErrInvalidPeriod))
	// Output:
	// P3M    months=3 days=0 P3M
	// P14D   months=0 days=14 P14D
	// P1Y    months=12 days=0 P12M
	// P2W    months=0 days=14 P14D
	// P1M15D months=1 days=15 P1M15D
	// true
}

// A notice period counts back from the renewal date: months first, clamped,
// then days.
func ExamplePeriod_Before() {
	renewal := date.Must(2027, time.March, 31)
	fmt.Println(date.Months(3).Before(renewal))
	fmt.Println(date.Period{Months: 1, Days: 1}.Before(renewal))
	fmt.Println(date.Days(90).Before(renewal))
	// Output:
	// 2026-12-31
	// 2027-02-27
	// 2026-12-31
}
