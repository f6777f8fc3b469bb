package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"readiness/data"
	"readiness/data/indicator"
)

// runReport prints the indicators of one school or every school in the long
// form, with privacy applied unless -privacy off.
func runReport(args []string) int {
	return reportCommand(args, os.Stdout, os.Stderr)
}

// reportCommand is runReport with its output streams, for tests.
func reportCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "", "database `FILE` to read (required)")
	district := fs.String("district", "", "limit ALL and the list of schools to the district with this district_id `ID` (default: every school)")
	school := fs.String("school", "", "school_id `ID` of one school, or ALL for the district (default: every school and ALL)")
	yearText := fs.String("year", "", "school `YEAR` such as 2024-25 (default: the latest with CTE enrollments); a year without data prints its empty rows and a warning naming the years with data")
	format := fs.String("format", "csv", "output `FORMAT`: csv or json")
	privacy := fs.String("privacy", "on", "on hides small counts and values from few students; off shows every value")
	minN := fs.Int("min-n", 0, "smallest student count `N` shown, 3 to 30 (default: the database's setting, 10 unless changed)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}

	switch {
	case *dbPath == "":
		return usageError(fs, "missing -db FILE")
	case *format != "csv" && *format != "json":
		return usageError(fs, fmt.Sprintf("invalid -format %q: use csv or json", *format))
	case *privacy != "on" && *privacy != "off":
		return usageError(fs, fmt.Sprintf("invalid -privacy %q: use on or off", *privacy))
	case *minN != 0 && (*minN < 3 || *minN > 30):
		return usageError(fs, fmt.Sprintf("invalid -min-n %d: use a whole number from 3 to 30", *minN))
	}
	year := 0
	if *yearText != "" {
		y, err := indicator.ParseYear(*yearText)
		if err != nil {
			return usageError(fs, err.Error())
		}
		year = y
	}

	ctx := context.Background()
	db, err := data.OpenReadOnly(ctx, *dbPath)
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()

	if *district != "" {
		if err := checkDistrict(ctx, db, *district); err != nil {
			return fail(stderr, err)
		}
	}
	if year != 0 {
		missing, err := yearWithoutData(ctx, db, year)
		if err != nil {
			return fail(stderr, err)
		}
		if missing != "" {
			fmt.Fprintf(stderr, "readiness report: warning: %s\n", missing)
		}
	}
	rows, err := report(ctx, db, data.Filter{DistrictID: *district, SchoolID: *school, Year: year}, *privacy == "on", *minN)
	if err != nil {
		return fail(stderr, err)
	}
	write := indicator.WriteCSV
	if *format == "json" {
		write = indicator.WriteJSON
	}
	if err := write(stdout, rows); err != nil {
		return fail(stderr, err)
	}
	// The report's own columns are fixed, so the label goes to stderr.
	if synthetic, err := db.IsSynthetic(ctx); err == nil && synthetic {
		fmt.Fprintln(stderr, "readiness report: "+syntheticNotice)
	}
	return 0
}

// syntheticNotice labels command-line output of the demo district.
const syntheticNotice = "note: synthetic demo district, not real students"

// checkDistrict returns an error listing the known district ids when no
// school has the district_id id.
func checkDistrict(ctx context.Context, db *data.DB, id string) error {
	districts, err := db.Districts(ctx)
	if err != nil {
		return err
	}
	var ids []string
	for _, d := range districts {
		if d.ID == id {
			return nil
		}
		if d.ID != "" {
			ids = append(ids, d.ID)
		}
	}
	if len(ids) == 0 {
		return fmt.Errorf("district %q not found: the schools of the database have no district_id; leave out -district", id)
	}
	return fmt.Errorf("district %q not found: choose a district_id of the database (%s)", id, listIDs(ids, 20))
}

// yearWithoutData returns a message naming the school years that have data
// when year has none, and "" when it has some.
func yearWithoutData(ctx context.Context, db *data.DB, year int) (string, error) {
	years, err := db.Years(ctx)
	if err != nil {
		return "", err
	}
	if slices.Contains(years, year) {
		return "", nil
	}
	if len(years) == 0 {
		return fmt.Sprintf("no data for school year %s: the database holds no school year yet; import files first with `readiness import`", indicator.FormatYear(year)), nil
	}
	names := make([]string, len(years))
	for i, y := range years {
		names[i] = indicator.FormatYear(y)
	}
	return fmt.Sprintf("no data for school year %s: the database has data for %s", indicator.FormatYear(year), strings.Join(names, ", ")), nil
}

// report computes and protects the rows of a report. A zero f.Year means
// the database's default year, and a zero minN its stored setting.
func report(ctx context.Context, db *data.DB, f data.Filter, privacy bool, minN int) ([]indicator.Row, error) {
	if f.Year == 0 {
		y, err := db.DefaultYear(ctx)
		if err != nil {
			return nil, err
		}
		if y == 0 {
			return nil, errors.New("no school year to report: the database contains no data yet; import files first with `readiness import`")
		}
		f.Year = y
	}
	if !privacy {
		minN = 0
	} else if minN == 0 {
		s, err := db.Settings(ctx)
		if err != nil {
			return nil, err
		}
		minN = s.MinN
	}
	rows, err := db.Report(ctx, f)
	if err != nil {
		return nil, err
	}
	return indicator.Protect(rows, minN), nil
}

// runDemo writes the synthetic demo district to a new database file.
func runDemo(args []string) int {
	return demoCommand(args, os.Stderr)
}

// demoCommand is runDemo with its error stream, for tests.
func demoCommand(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "new database `FILE` to write (required; must not exist)")
	schools := fs.Int("schools", 0, "high schools, grouped six to a district with one skills center each (default: 6 with the default -students, else one per 3,500 students)")
	students := fs.Int("students", data.DefaultDemo.Students, "students over all school years")
	years := fs.Int("years", data.DefaultDemo.Years, "school years, ending with 2024-25")
	seed := fs.Int64("seed", data.DefaultDemo.Seed, "random seed: the same seed and options give the same data")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *out == "" {
		return usageError(fs, "missing -out FILE")
	}
	opt := data.DemoOptions{Schools: *schools, Students: *students, Years: *years, Seed: *seed}
	if !flagSet(fs, "schools") && !flagSet(fs, "students") {
		// The same district as the app's first-run demo.
		opt.Schools = data.DefaultDemo.Schools
	}
	if err := opt.Validate(); err != nil {
		return usageError(fs, err.Error())
	}
	if err := data.GenerateDemo(context.Background(), *out, opt); err != nil {
		return fail(stderr, err)
	}
	return 0
}

// flagSet reports whether the command line set the flag name.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// parseFlags parses args and returns the exit status to stop with when ok
// is false: 0 after -h, 2 after wrong usage. Messages go to the output of fs.
func parseFlags(fs *flag.FlagSet, args []string) (code int, ok bool) {
	out := fs.Output()
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.SetOutput(out)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.PrintDefaults()
		return 0, false
	case err != nil:
		return usageError(fs, err.Error()), false
	case fs.NArg() > 0:
		return usageError(fs, fmt.Sprintf("unexpected argument %q", fs.Arg(0))), false
	}
	return 0, true
}

// usageError prints msg and the flags of fs to the output of fs and
// returns exit status 2.
func usageError(fs *flag.FlagSet, msg string) int {
	fmt.Fprintf(fs.Output(), "readiness %s: %s\n\nFlags:\n", fs.Name(), msg)
	fs.PrintDefaults()
	return 2
}

// fail prints err to w and returns exit status 1.
func fail(w io.Writer, err error) int {
	fmt.Fprintf(w, "readiness: %v\n", err)
	return 1
}
