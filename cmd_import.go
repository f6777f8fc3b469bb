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
	"text/tabwriter"

	"readiness/data"
	"readiness/data/indicator"
)

// runImport runs `readiness import -db FILE.db [-kind TABLE] FILE...` and
// returns 0 when every file was written, 1 when the input was invalid or the
// database failed (nothing written), 2 on wrong usage.
func runImport(args []string) int {
	return importFiles(args, os.Stdout, os.Stderr)
}

func importFiles(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "", "database `FILE` to write; created when it does not exist, and removed again when that import fails")
	kind := fs.String("kind", "", "`TABLE` every file feeds ("+strings.Join(data.Kinds(), ", ")+"); by default each file's header decides")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: readiness import -db FILE.db [-kind TABLE] FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *dbPath == "" || fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	if *kind != "" && !slices.Contains(data.Kinds(), *kind) {
		fmt.Fprintf(stderr, "readiness import: unknown -kind %q: expected one of %s\n", *kind, strings.Join(data.Kinds(), ", "))
		return 2
	}

	_, statErr := os.Stat(*dbPath)
	created := errors.Is(statErr, os.ErrNotExist)
	status := importInto(*dbPath, *kind, fs.Args(), stdout, stderr)
	if status != 0 && created {
		removeDatabase(*dbPath)
	}
	return status
}

// importInto imports files into the database at dbPath, which it creates
// when missing, and returns the exit status of the import command.
func importInto(dbPath, kind string, paths []string, stdout, stderr io.Writer) int {
	ctx := context.Background()
	db, err := data.Open(ctx, dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "readiness import: %v\n", err)
		return 1
	}
	defer db.Close()

	var files []data.ImportFile
	for _, path := range paths {
		files = append(files, data.ImportFile{Path: path, Kind: kind})
	}
	result, err := db.Import(ctx, files, data.ImportOptions{})
	var rejected *data.ImportError
	if errors.As(err, &rejected) {
		printWarnings(stderr, rejected.Warnings)
		fmt.Fprintln(stderr, rejected.Error())
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "readiness import: %v\n", err)
		return 1
	}

	printWarnings(stderr, result.Warnings)
	for _, f := range result.Files {
		name := f.File
		if f.Sheet != "" {
			name += " [sheet " + f.Sheet + "]"
		}
		fmt.Fprintf(stdout, "imported %s: %s into %s\n", name, plural(f.Rows, "row", "rows"), f.Kind)
	}
	return 0
}

// removeDatabase deletes a database file the import created but did not
// fill, with the journal files SQLite keeps beside it, so that a rejected
// import leaves nothing behind.
func removeDatabase(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

func printWarnings(w io.Writer, warnings []data.Problem) {
	for _, p := range warnings {
		fmt.Fprintf(w, "warning: %s\n", p)
	}
}

// runCheck runs `readiness check -db FILE.db`: it prints the schema version,
// the integrity check, the settings and the row counts per table and school
// year. It returns 0 for a sound file, 1 for a damaged or unreadable one, 2
// on wrong usage.
func runCheck(args []string) int {
	return checkFile(args, os.Stdout, os.Stderr)
}

func checkFile(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "", "database `FILE` to check")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *dbPath == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "Usage: readiness check -db FILE.db")
		return 2
	}
	if _, err := os.Stat(*dbPath); err != nil {
		fmt.Fprintf(stderr, "readiness check: cannot read %s: %v\n", *dbPath, err)
		return 1
	}

	ctx := context.Background()
	db, err := data.Open(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "readiness check: %v\n", err)
		return 1
	}
	defer db.Close()
	h, err := db.Check(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "readiness check: %v\n", err)
		return 1
	}

	printHealth(stdout, db.Path(), h)
	schools, err := db.Schools(ctx, "")
	if err != nil {
		fmt.Fprintf(stderr, "readiness check: %v\n", err)
		return 1
	}
	printSchools(stdout, db.Path(), schools)
	if h.Integrity != "ok" {
		return 1
	}
	return 0
}

func printHealth(w io.Writer, path string, h data.Health) {
	fmt.Fprintf(w, "database:       %s\n", path)
	fmt.Fprintf(w, "schema version: %d\n", h.SchemaVersion)
	fmt.Fprintf(w, "integrity:      %s\n", h.Integrity)
	if h.Synthetic {
		fmt.Fprintln(w, "data:           synthetic demo district (not real students)")
	} else {
		fmt.Fprintln(w, "data:           imported district data")
	}
	s := h.Settings
	fmt.Fprintf(w, "settings:       minimum n %d, concentrator courses %d, substantial internship hours %g\n",
		s.MinN, s.ConcentratorCourses, s.SubstantialInternshipHours)
	fmt.Fprintln(w, "rows:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range h.Counts {
		year := ""
		if c.Year != 0 {
			year = indicator.FormatYear(c.Year)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d\t\n", c.Table, year, c.Rows)
	}
	tw.Flush()
}

// maxListedSchools is the maximum number of schools check lists one by one.
// Above it, check prints their count and the command that lists one
// district's schools.
const maxListedSchools = 30

// printSchools lists the districts with their number of schools and, for a
// small database, the schools themselves.
func printSchools(w io.Writer, path string, schools []data.School) {
	type district struct {
		id, name string
		schools  int
	}
	var districts []*district
	byID := map[string]*district{}
	for _, s := range schools {
		d, ok := byID[s.DistrictID]
		if !ok {
			d = &district{id: s.DistrictID, name: s.DistrictName}
			byID[s.DistrictID] = d
			districts = append(districts, d)
		}
		d.schools++
	}
	slices.SortFunc(districts, func(a, b *district) int { return strings.Compare(a.id, b.id) })

	fmt.Fprintln(w, "districts:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, d := range districts {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t\n", orNone(d.id), d.name, plural(d.schools, "school", "schools"))
	}
	tw.Flush()
	if len(schools) > maxListedSchools {
		fmt.Fprintf(w, "schools:        %d; list one district's schools with `readiness report -db %s -district ID`\n", len(schools), path)
		return
	}
	fmt.Fprintln(w, "schools:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, s := range schools {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t\n", s.ID, s.Name, orNone(s.DistrictID))
	}
	tw.Flush()
}

// orNone shows an empty district_id, as in a database of one district.
func orNone(id string) string {
	if id == "" {
		return "(none)"
	}
	return id
}

// plural returns n with the singular or plural noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// listIDs returns ids sorted and joined by commas, at most limit of them,
// then how many more there are.
func listIDs(ids []string, limit int) string {
	ids = slices.Sorted(slices.Values(ids))
	if len(ids) <= limit {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ids[:limit], ", "), len(ids)-limit)
}
