package data

import (
	"context"

	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const cleanImportDir = "testdata/import/clean"

// cleanFiles lists every fixture of a valid import.
func cleanFiles(t *testing.T) []ImportFile {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(cleanImportDir, "*.csv"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	return asImportFiles(paths...)
}

func asImportFiles(paths ...string) []ImportFile {
	var files []ImportFile
	for _, p := range paths {
		files = append(files, ImportFile{Path: p})
	}
	return files
}

func mustImportFiles(t *testing.T, db *DB, files ...ImportFile) ImportResult {
	t.Helper()
	result, err := db.Import(context.Background(), files, ImportOptions{})
	require.NoError(t, err)
	return result
}

// dumpTables returns every stored row of the data tables as text, sorted,
// so two databases can be compared whatever the order of writing.
func dumpStoredRows(t *testing.T, db *DB) map[string][]string {
	t.Helper()
	tables := []string{"schools", "clusters", "students", "cte_enrollments", "concentrator_since", "credentials",
		"work_based_learning", "teachers", "sections", "postsecondary", "reported_indicators"}
	dump := map[string][]string{}
	for _, table := range tables {
		rows, err := db.sql.Query("SELECT * FROM " + table)
		require.NoError(t, err)
		cols, err := rows.Columns()
		require.NoError(t, err)
		for rows.Next() {
			values := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range values {
				ptrs[i] = &values[i]
			}
			require.NoError(t, rows.Scan(ptrs...))
			dump[table] = append(dump[table], fmt.Sprintf("%v", values))
		}
		require.NoError(t, rows.Err())
		rows.Close()
		sort.Strings(dump[table])
	}
	return dump
}

func queryCount(t *testing.T, db *DB, query string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, db.sql.QueryRow(query, args...).Scan(&n))
	return n
}

func TestImportCleanFiles(t *testing.T) {
	db := openTestDB(t)
	result := mustImportFiles(t, db, cleanFiles(t)...)

	assert.Empty(t, result.Warnings)
	rows := map[string]int{}
	for _, f := range result.Files {
		rows[f.Kind] = f.Rows
	}
	assert.Equal(t, map[string]int{
		KindSchools: 3, KindClusters: 2, KindStudents: 4, KindCTEEnrollments: 6, KindCredentials: 3,
		KindWorkBasedLearning: 3, KindTeachers: 4, KindSections: 3, KindPostsecondary: 2, KindReportedIndicators: 3,
	}, rows)
	assert.Equal(t, 10, queryCount(t, db, "SELECT count(*) FROM imports"))
	assert.Equal(t, 1, queryCount(t, db, "SELECT count(*) FROM clusters WHERE name = 'Maritime Trades' AND framework = 'local'"))
	assert.Equal(t, 1, queryCount(t, db, "SELECT count(*) FROM credentials WHERE cluster IS NULL"))
	assert.Equal(t, 1, queryCount(t, db, "SELECT count(*) FROM sections WHERE requests IS NULL"))
	assert.Equal(t, 1, queryCount(t, db, "SELECT count(*) FROM reported_indicators WHERE value IS NULL AND suppressed = 1 AND display = '<10'"))
}

func TestImportHashesStudentNumbers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hash.db")
	db, err := Open(context.Background(), path)
	require.NoError(t, err)
	mustImportFiles(t, db, cleanFiles(t)...)

	assert.Equal(t, 16, queryCount(t, db, "SELECT min(length(student)) FROM cte_enrollments"))
	assert.Equal(t, 16, queryCount(t, db, "SELECT max(length(student)) FROM students"))
	assert.Equal(t, 4, queryCount(t, db, "SELECT count(DISTINCT student) FROM students"))
	require.NoError(t, db.Close())

	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotContains(t, string(raw), "S0001")
}

func TestImportKeepsConcentratorsCurrent(t *testing.T) {
	db := openTestDB(t)
	mustImportFiles(t, db, cleanFiles(t)...)

	// S0001 took IT101 in 2023-24 and IT201 in 2024-25; S0004 took two
	// Construction courses in 2024-25. No other student has two courses of one
	// cluster.
	assert.Equal(t, 2, queryCount(t, db, "SELECT count(*) FROM concentrator_since WHERE school_year = 2025"))
	assert.Equal(t, 1, queryCount(t, db, "SELECT count(*) FROM concentrator_since WHERE cluster = 'Digital Technology'"))

	// A second course for S0003 makes them a concentrator too.
	second := filepath.Join(t.TempDir(), "more_enrollments.csv")
	require.NoError(t, os.WriteFile(second, []byte("student_id,school_id,school_year,course_id,career_cluster\nS0003,200,2024-25,MT201,Maritime Trades\n"), 0o644))
	mustImportFiles(t, db, ImportFile{Path: second})
	assert.Equal(t, 1, queryCount(t, db, "SELECT count(*) FROM concentrator_since WHERE cluster = 'Maritime Trades' AND school_year = 2025"))
}

func TestImportTwiceChangesNothing(t *testing.T) {
	db := openTestDB(t)
	mustImportFiles(t, db, cleanFiles(t)...)
	first := dumpStoredRows(t, db)

	mustImportFiles(t, db, cleanFiles(t)...)
	assert.Equal(t, first, dumpStoredRows(t, db))
	assert.Equal(t, 20, queryCount(t, db, "SELECT count(*) FROM imports"))
}

func TestImportOrdersSchoolsFirst(t *testing.T) {
	db := openTestDB(t)
	files := cleanFiles(t)
	sort.Slice(files, func(i, j int) bool { return files[i].Path > files[j].Path })
	require.Contains(t, files[len(files)-1].Path, "clusters.csv")

	mustImportFiles(t, db, files...)
	assert.Equal(t, 6, queryCount(t, db, "SELECT count(*) FROM cte_enrollments"))
}

// snapshotDB returns the bytes of every file of the database at path,
// keyed by name, after the caller has closed it.
func snapshotFiles(t *testing.T, path string) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(path + "*")
	require.NoError(t, err)
	snap := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		snap[filepath.Base(f)] = b
	}
	return snap
}

// rejectCase is an import that must fail with Want among its problems.
type rejectCase struct {
	name  string
	files []ImportFile
	want  Problem
}

func reject(name, file string, line int, column, value, message string) rejectCase {
	path := filepath.Join("testdata/import/reject", file)
	return rejectCase{
		name:  name,
		files: []ImportFile{{Path: path}},
		want:  Problem{File: file, Line: line, Column: column, Value: value, Message: message},
	}
}

func rejectCases() []rejectCase {
	cases := []rejectCase{
		reject("missing column", "cte_enrollments_missing_column.csv", 1, "career_cluster", "",
			"missing required column career_cluster: the header of a cte_enrollments file needs student_id, school_id, school_year, course_id, career_cluster"),
		reject("missing value", "missing_value.csv", 3, "course_id", "", "missing value: every row needs a course_id"),
		reject("unknown school", "unknown_school.csv", 3, "school_id", "999",
			"unknown school: the school_id is not in schools; import a schools.csv that lists it, in this import or before"),
		reject("invalid school year", "school_year.csv", 2, "school_year", "2024-26",
			"invalid school year: expected a form such as 2024-25, 2024-2025 or 2025"),
		reject("invalid graduation year", "graduation_year.csv", 2, "graduation_year", "FY25",
			"invalid graduation year: expected a form such as 2024-25, 2024-2025 or 2025"),
		reject("unknown cluster", "cluster.csv", 2, "career_cluster", "Digital Technologee",
			`unknown Career Cluster: the closest known names are "Digital Technology", "Information Technology" or "Hospitality & Tourism"; a district's own cluster must be listed in clusters.csv`),
		reject("key conflict", "key_conflict.csv", 3, "", "",
			"same key as line 2 (student_id, school_id, school_year, course_id, section_id, term) but different values: keep one of the two rows"),
		reject("unknown experience type", "experience_type.csv", 2, "experience_type", "field trip",
			"unknown experience type: expected internship, pre_apprenticeship, apprenticeship, clinical, job_shadow, school_based_enterprise, service_learning or other"),
		reject("negative hours", "hours_negative.csv", 2, "hours", "-5", "negative hours: expected a number from 0 to 2000"),
		reject("hours not a number", "hours_nan.csv", 2, "hours", "NaN", "invalid hours: expected a number from 0 to 2000"),
		reject("hours text", "hours_text.csv", 2, "hours", "lots", "invalid hours: expected a number from 0 to 2000"),
		reject("hours over 2000", "hours_over.csv", 2, "hours", "2000.5",
			"over 2000 hours on one row: expected at most 2000; check the value or split the experience by school year"),
		reject("unknown outcome", "outcome.csv", 2, "outcome", "gap year",
			"unknown outcome: expected enrolled_4yr, enrolled_2yr, enrolled_other, enrolled_postsecondary, apprenticeship, employed, military, service, not_enrolled or unknown"),
		reject("fte over one", "fte_over_one.csv", 2, "fte", "1.5", "invalid FTE: expected a number above 0 and at most 1, such as 0.5"),
		reject("fte zero", "fte_zero.csv", 2, "fte", "0", "invalid FTE: expected a number above 0 and at most 1, such as 0.5"),
		reject("fte sum over one", "fte_sum.csv", 3, "fte", "0.6",
			"teacher FTE over 1.0: teacher T1 in 2024-25 sums to 1.3 FTE with line 2; a teacher's FTE in one year is at most 1.0"),
		reject("zero seats", "seats_zero.csv", 2, "seats", "0", "invalid seats: expected a whole number of 1 or more"),
		reject("fractional seats", "seats_fraction.csv", 2, "seats", "24.5", "invalid seats: expected a whole number of 1 or more"),
		reject("negative enrolled", "enrolled_negative.csv", 2, "enrolled", "-1", "invalid enrolled: expected a whole number of 0 or more"),
		reject("fractional requests", "requests_fraction.csv", 2, "requests", "1.5",
			"invalid requests: expected a whole number of 0 or more, or an empty value"),
		reject("unknown indicator", "indicator.csv", 2, "indicator", "cte_students",
			"unknown indicator: expected one of cte_participants, cte_concentrators, credentials_earned, credential_earners, credential_rate, wbl_hours, wbl_students, wbl_median_hours, teacher_fte, teachers, single_teacher_cluster, section_seats, section_enrolled, seat_utilization, unmet_requests, students_per_fte, postsecondary_students, total_enrollment, cte_participation_rate, postsecondary_enrollment_rate"),
		reject("invalid suppressed", "suppressed.csv", 2, "suppressed", "maybe",
			"invalid suppressed: expected Y, N, 1, 0, true, false or an empty value"),
		reject("invalid dimension", "dimension.csv", 2, "dimension", "field trip",
			"invalid dimension for wbl_hours: expected all or an experience type (internship, pre_apprenticeship, apprenticeship, clinical, job_shadow, school_based_enterprise, service_learning or other)"),
		reject("invalid framework", "framework.csv", 2, "framework", "regional", "invalid framework: expected local (the default), 2024 or national"),
		reject("header fits no file", "header_unknown.csv", 1, "", "",
			"header fits no import file: expected the columns of one of "+expectedColumns()+"; or name the kind with -kind"),
		reject("unclosed quote", "bad_quote.csv", 2, "", "",
			`invalid CSV: extraneous or missing " in quoted-field; check the quotes on this line (a quoted field must end with a quote)`),
		reject("binary data", "binary.csv", 0, "", "",
			"not a CSV or .xlsx file: it contains binary data; export the data as CSV (UTF-8) or .xlsx"),
		reject("extra field", "extra_field.csv", 2, "", "", "row has 6 fields but the header has 5: quote fields that contain the separator"),
	}
	missing := reject("file not found", "no_such_file.csv", 0, "", "", "cannot read file: file not found; check the folder and the file name")
	missing.want.File = missing.files[0].Path
	pattern := reject("pattern not expanded", "nc_dpi_src_*.csv", 0, "", "",
		"no file matches this pattern: the shell passes a pattern on unchanged when no file matches it; check the folder and the pattern")
	pattern.want.File = pattern.files[0].Path
	cases = append(cases, missing, pattern)
	kind := reject("unknown kind", "school_year.csv", 0, "", "",
		`unknown kind "enrollments": expected one of schools, clusters, students, cte_enrollments, credentials, work_based_learning, teachers, sections, postsecondary, reported_indicators`)
	kind.files[0].Kind = "enrollments"
	return append(cases, kind)
}

func TestImportRejectsInvalidRows(t *testing.T) {
	for _, tc := range rejectCases() {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "reject.db")
			db, err := Open(context.Background(), path)
			require.NoError(t, err)
			mustImportFiles(t, db, asImportFiles(filepath.Join(cleanImportDir, "schools.csv"))...)
			require.NoError(t, db.Close())
			before := snapshotFiles(t, path)

			db, err = Open(context.Background(), path)
			require.NoError(t, err)
			_, err = db.Import(context.Background(), tc.files, ImportOptions{})
			require.NoError(t, db.Close())

			var rejected *ImportError
			require.ErrorAs(t, err, &rejected)
			assert.ErrorIs(t, err, ErrImportRejected)
			assert.Contains(t, rejected.Problems, tc.want)
			assert.Contains(t, err.Error(), tc.want.String())
			assert.Equal(t, before, snapshotFiles(t, path), "database changed by a rejected import")
		})
	}
}

func TestImportListsAtMost100Errors(t *testing.T) {
	db := openTestDB(t)
	mustImportFiles(t, db, asImportFiles(filepath.Join(cleanImportDir, "schools.csv"))...)

	_, err := db.Import(context.Background(), asImportFiles("testdata/import/reject/many_errors.csv"), ImportOptions{})
	var rejected *ImportError
	require.ErrorAs(t, err, &rejected)
	assert.Len(t, rejected.Problems, 100)
	assert.Equal(t, 5, rejected.More)
	assert.Equal(t, 2, rejected.Problems[0].Line)
	assert.Equal(t, 101, rejected.Problems[99].Line)
	assert.Contains(t, err.Error(), "... and 5 more errors\n105 errors: import rejected: nothing was written")
}

func TestImportFTESumIncludesStoredRows(t *testing.T) {
	db := openTestDB(t)
	mustImportFiles(t, db, asImportFiles(filepath.Join(cleanImportDir, "schools.csv"), filepath.Join(cleanImportDir, "teachers.csv"))...)

	// T02 already has 1.0 FTE at school 100; another 0.2 elsewhere is too much.
	more := filepath.Join(t.TempDir(), "teachers.csv")
	require.NoError(t, os.WriteFile(more, []byte("teacher_id,school_id,school_year,career_cluster,fte\nT02,200,2024-25,Education,0.2\n"), 0o644))
	_, err := db.Import(context.Background(), asImportFiles(more), ImportOptions{})
	var rejected *ImportError
	require.ErrorAs(t, err, &rejected)
	require.Len(t, rejected.Problems, 1)
	assert.Equal(t, 2, rejected.Problems[0].Line)
	assert.Equal(t, "0.2", rejected.Problems[0].Value)
	assert.Equal(t, "teacher FTE over 1.0: teacher T02 in 2024-25 sums to 1.2 FTE with 1 FTE already stored; a teacher's FTE in one year is at most 1.0",
		rejected.Problems[0].Message)

	// Rows of two files of one import are named by file and line.
	second := filepath.Join(t.TempDir(), "teachers_second.csv")
	require.NoError(t, os.WriteFile(second, []byte("teacher_id,school_id,school_year,career_cluster,fte\nT09,200,2024-25,Education,0.6\n"), 0o644))
	third := filepath.Join(t.TempDir(), "teachers_third.csv")
	require.NoError(t, os.WriteFile(third, []byte("teacher_id,school_id,school_year,career_cluster,fte\nT09,100,2024-25,Education,0.3\nT09,300,2024-25,Education,0.4\n"), 0o644))
	_, err = db.Import(context.Background(), asImportFiles(second, third), ImportOptions{})
	require.ErrorAs(t, err, &rejected)
	require.Len(t, rejected.Problems, 1)
	assert.Equal(t, Problem{File: "teachers_third.csv", Line: 3, Column: "fte", Value: "0.4",
		Message: "teacher FTE over 1.0: teacher T09 in 2024-25 sums to 1.3 FTE with teachers_second.csv line 2 and line 2; a teacher's FTE in one year is at most 1.0"},
		rejected.Problems[0])

	// Replacing T02's stored row by the same key keeps the sum at 1.0.
	same := filepath.Join(t.TempDir(), "teachers_again.csv")
	require.NoError(t, os.WriteFile(same, []byte("teacher_id,school_id,school_year,career_cluster,fte\nT02,100,2024-25,Healthcare & Human Services,0.8\nT02,200,2024-25,Education,0.2\n"), 0o644))
	mustImportFiles(t, db, ImportFile{Path: same})
}

func TestImportListsErrorsOfEveryFile(t *testing.T) {
	db := openTestDB(t)
	_, err := db.Import(context.Background(), asImportFiles(
		filepath.Join(cleanImportDir, "schools.csv"),
		"testdata/import/reject/school_year.csv",
		"testdata/import/reject/hours_negative.csv",
	), ImportOptions{})
	var rejected *ImportError
	require.ErrorAs(t, err, &rejected)
	var files []string
	for _, p := range rejected.Problems {
		files = append(files, p.File)
	}
	assert.ElementsMatch(t, []string{"school_year.csv", "hours_negative.csv"}, files)
	assert.Equal(t, 0, queryCount(t, db, "SELECT count(*) FROM schools"))
}

func TestImportWarnsAboutColumnsAndDuplicates(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "enrollments.csv")
	content := "Student ID,First Name,State Student ID,School ID,School Year,Course ID,Career Cluster,Room\n" +
		"S1,Ana,999001,100,2024-25,IT101,Digital Technology,B12\n" +
		"S1,Ana,999001,100,2025,IT101,digital technology,B12\n" +
		"S1,Ana,999001,100,2024-2025,IT101,Digital Technology,B14\n"
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	db := openTestDB(t)

	result := mustImportFiles(t, db, asImportFiles(filepath.Join(cleanImportDir, "schools.csv"), path)...)
	assert.Equal(t, []Problem{
		{File: "enrollments.csv", Line: 1, Column: "Room", Message: "column ignored: it is not a column of cte_enrollments, so it is not stored"},
		{File: "enrollments.csv", Line: 1, Column: "First Name", Message: "personal column dropped: it identifies a person, so it is never stored"},
		{File: "enrollments.csv", Line: 1, Column: "State Student ID", Message: "second student number dropped: only student_id is kept, as a keyed hash"},
		{File: "enrollments.csv", Line: 3, Message: "repeats line 2 exactly, as 1 more line does; the row is counted once"},
	}, result.Warnings)
	assert.Equal(t, 1, queryCount(t, db, "SELECT count(*) FROM cte_enrollments"))
	assert.Equal(t, 1, result.Files[1].Rows)

	raw := dumpStoredRows(t, db)
	assert.NotContains(t, strings.Join(raw["cte_enrollments"], "\n"), "Ana")
}

func TestImportReadOnlyRejected(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ro.db")
	db, err := Open(context.Background(), path)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	ro, err := OpenReadOnly(context.Background(), path)
	require.NoError(t, err)
	defer ro.Close()

	_, err = ro.Import(context.Background(), cleanFiles(t), ImportOptions{})
	assert.ErrorContains(t, err, "read-only")
}

func TestCheckCountsRowsPerYear(t *testing.T) {
	db := openTestDB(t)
	mustImportFiles(t, db, cleanFiles(t)...)

	h, err := db.Check(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "ok", h.Integrity)
	assert.Equal(t, 1, h.SchemaVersion)
	assert.False(t, h.Synthetic)
	assert.Contains(t, h.Counts, TableCount{Table: "cte_enrollments", Year: 2024, Rows: 1})
	assert.Contains(t, h.Counts, TableCount{Table: "cte_enrollments", Year: 2025, Rows: 5})
	assert.Contains(t, h.Counts, TableCount{Table: "schools", Rows: 3})
	assert.Contains(t, h.Counts, TableCount{Table: "students", Rows: 4, Year: 2025})
}

func TestImportCancelledWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cte_enrollments.csv")
	writeEnrollments(t, path, 20_000)
	db := openTestDB(t)
	mustImportFiles(t, db, asImportFiles(filepath.Join(cleanImportDir, "schools.csv"))...)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := db.Import(ctx, asImportFiles(path), ImportOptions{Progress: func(done, total int64) { cancel() }})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 0, queryCount(t, db, "SELECT count(*) FROM cte_enrollments"))
	assert.Equal(t, 1, queryCount(t, db, "SELECT count(*) FROM imports"))
}

func TestImportDuplicateWarningNamesTheRepeatedLine(t *testing.T) {
	header := "school_id,school_name\n"
	cases := map[string]struct{ rows, want string }{
		"one repeat":        {"1,A\n1,A\n2,B\n", "repeats line 2 exactly; the row is counted once"},
		"one row thrice":    {"1,A\n2,B\n1,A\n1,A\n", "repeats line 2 exactly, as 1 more line does; the row is counted once"},
		"two rows repeated": {"1,A\n2,B\n1,A\n2,B\n2,B\n", "repeats line 2 exactly, and 2 more lines repeat earlier lines; each row is counted once"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "schools.csv")
			require.NoError(t, os.WriteFile(path, []byte(header+tc.rows), 0o644))
			result := mustImportFiles(t, openTestDB(t), asImportFiles(path)...)
			require.Len(t, result.Warnings, 1)
			assert.Equal(t, tc.want, result.Warnings[0].Message)
			assert.Equal(t, 2, result.Files[0].Rows)
		})
	}
}

func TestImportDropsStudentNumberOfATableWithoutStudents(t *testing.T) {
	path := filepath.Join(t.TempDir(), "staff.csv")
	require.NoError(t, os.WriteFile(path, []byte("teacher_id,student_id,school_id,school_year,career_cluster,fte\nT1,S1,100,2024-25,Construction,1\n"), 0o644))
	db := openTestDB(t)
	mustImportFiles(t, db, asImportFiles(filepath.Join(cleanImportDir, "schools.csv"))...)

	result := mustImportFiles(t, db, ImportFile{Path: path, Kind: KindTeachers})
	assert.Equal(t, []Problem{{File: "staff.csv", Line: 1, Column: "student_id",
		Message: "column dropped: it is not a column of teachers.csv, and it identifies a student, so it is never stored"}}, result.Warnings)
}
