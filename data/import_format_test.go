package data

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// openPairedDB opens a new database that hashes student numbers with the
// same key as db, so that both store the same bytes for the same rows.
func openPairedDB(t *testing.T, db *DB) *DB {
	t.Helper()
	other := openTestDB(t)
	key, err := db.meta(context.Background(), "hmac_key")
	require.NoError(t, err)
	_, err = other.sql.Exec("UPDATE meta SET value = ? WHERE key = 'hmac_key'", key)
	require.NoError(t, err)
	return other
}

// importClean imports the clean schools, clusters and enrollments.
func importClean(t *testing.T, db *DB) map[string][]string {
	t.Helper()
	mustImportFiles(t, db, asImportFiles(
		filepath.Join(cleanImportDir, "schools.csv"),
		filepath.Join(cleanImportDir, "clusters.csv"),
		filepath.Join(cleanImportDir, "cte_enrollments.csv"),
	)...)
	return dumpStoredRows(t, db)
}

func TestImportMessyFilesMatchClean(t *testing.T) {
	clean := openTestDB(t)
	want := importClean(t, clean)

	messy := openPairedDB(t, clean)
	result := mustImportFiles(t, messy, asImportFiles(
		"testdata/import/messy/Enrollments Export.csv",
		filepath.Join(cleanImportDir, "clusters.csv"),
		"testdata/import/messy/Schools.csv",
	)...)
	assert.Equal(t, want, dumpStoredRows(t, messy))
	assert.Equal(t, []Problem{
		{File: "Enrollments Export.csv", Line: 1, Column: "Student Name", Message: "personal column dropped: it identifies a person, so it is never stored"},
		{File: "Enrollments Export.csv", Line: 4, Message: "repeats line 3 exactly; the row is counted once"},
	}, result.Warnings)
}

// writeEncoded writes records as CSV with the separator and line end given,
// encoded by enc (nil for UTF-8), after an optional byte-order mark.
func writeEncoded(t *testing.T, path string, records [][]string, comma rune, crlf bool, enc encoding.Encoding, bom []byte) {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = comma, crlf
	require.NoError(t, w.WriteAll(records))
	text := []byte(b.String())
	if enc != nil {
		var err error
		text, err = enc.NewEncoder().Bytes(text)
		require.NoError(t, err)
	}
	require.NoError(t, os.WriteFile(path, append(append([]byte(nil), bom...), text...), 0o644))
}

func readFixture(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return records
}

func TestImportEncodingsAndSeparators(t *testing.T) {
	clean := openTestDB(t)
	want := importClean(t, clean)
	records := readFixture(t, filepath.Join(cleanImportDir, "cte_enrollments.csv"))

	cases := []struct {
		name  string
		comma rune
		crlf  bool
		enc   encoding.Encoding
		bom   []byte
	}{
		{"utf-8 comma lf", ',', false, nil, nil},
		{"utf-8 bom semicolon crlf", ';', true, nil, []byte{0xEF, 0xBB, 0xBF}},
		{"windows-1252 semicolon crlf", ';', true, charmap.Windows1252, nil},
		{"windows-1252 comma lf", ',', false, charmap.Windows1252, nil},
		{"utf-16 tab crlf", '\t', true, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cte_enrollments.csv")
			writeEncoded(t, path, records, tc.comma, tc.crlf, tc.enc, tc.bom)
			db := openPairedDB(t, clean)
			mustImportFiles(t, db, asImportFiles(filepath.Join(cleanImportDir, "schools.csv"), filepath.Join(cleanImportDir, "clusters.csv"), path)...)
			assert.Equal(t, want, dumpStoredRows(t, db))
		})
	}
}

func TestImportHeaderSpellings(t *testing.T) {
	cases := map[string]string{
		"Student ID":     "student_id",
		"StudentID":      "student_id",
		"student_sis_id": "student_id",
		"STUDENT_NUMBER": "student_id",
		"School Year":    "school_year",
		"school-year":    "school_year",
		"SchoolYear":     "school_year",
		"School Code":    "school_id",
		"Course Code":    "course_id",
		"Cluster":        "career_cluster",
	}
	for header, col := range cases {
		m := mapHeader(fileKinds[3], []string{header})
		assert.Contains(t, m.index, col, "header %q", header)
	}
}

func TestImportDetectsKindFromHeader(t *testing.T) {
	cases := map[string][]string{
		KindSchools:            {"School ID", "School Name", "District ID"},
		KindStudents:           {"student_id", "school_id", "school_year", "grade", "gender"},
		KindCTEEnrollments:     {"student_id", "school_id", "school_year", "course_id", "career_cluster", "grade"},
		KindCredentials:        {"student_id", "school_id", "school_year", "credential_name"},
		KindWorkBasedLearning:  {"student_id", "school_id", "school_year", "experience_type", "hours"},
		KindTeachers:           {"teacher_id", "school_id", "school_year", "career_cluster", "fte"},
		KindSections:           {"section_id", "school_id", "school_year", "course_id", "career_cluster", "teacher_id", "seats", "enrolled"},
		KindPostsecondary:      {"student_id", "school_id", "graduation_year", "outcome"},
		KindClusters:           {"cluster_name", "framework"},
		KindReportedIndicators: {"school_id", "school_year", "indicator", "dimension", "value"},
	}
	for kind, header := range cases {
		m, ok := detectKind(header)
		if assert.True(t, ok, kind) {
			assert.Equal(t, kind, m.kind.name)
		}
	}
}

func TestImportWorkbook(t *testing.T) {
	clean := openTestDB(t)
	want := importClean(t, clean)

	path := filepath.Join(t.TempDir(), "district.xlsx")
	book := excelize.NewFile()
	sheets := map[string]string{
		"schools":             filepath.Join(cleanImportDir, "schools.csv"),
		"clusters":            filepath.Join(cleanImportDir, "clusters.csv"),
		"cte_enrollments.csv": filepath.Join(cleanImportDir, "cte_enrollments.csv"),
	}
	for name, fixture := range sheets {
		_, err := book.NewSheet(name)
		require.NoError(t, err)
		for i, record := range readFixture(t, fixture) {
			row := make([]any, len(record))
			for j, v := range record {
				row[j] = v
			}
			cell, err := excelize.CoordinatesToCellName(1, i+1)
			require.NoError(t, err)
			require.NoError(t, book.SetSheetRow(name, cell, &row))
		}
	}
	require.NoError(t, book.SetCellValue("Sheet1", "A1", "Exported for the CTE office"))
	require.NoError(t, book.SaveAs(path))
	require.NoError(t, book.Close())

	db := openPairedDB(t, clean)
	result := mustImportFiles(t, db, ImportFile{Path: path})
	assert.Equal(t, want, dumpStoredRows(t, db))
	assert.Equal(t, []Problem{{File: "district.xlsx", Sheet: "Sheet1", Message: "sheet ignored: its header fits no import file and its name is not one"}}, result.Warnings)
	assert.Len(t, result.Files, 3)
}

func TestImportWorkbookErrorsNameSheet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "teachers.xlsx")
	book := excelize.NewFile()
	require.NoError(t, book.SetSheetName("Sheet1", "teachers"))
	require.NoError(t, book.SetSheetRow("teachers", "A1", &[]any{"teacher_id", "school_id", "school_year", "career_cluster", "fte"}))
	require.NoError(t, book.SetSheetRow("teachers", "A2", &[]any{"T1", "100", "2024-25", "Construction", 1.5}))
	require.NoError(t, book.SaveAs(path))
	require.NoError(t, book.Close())

	db := openTestDB(t)
	_, err := db.Import(context.Background(), asImportFiles(filepath.Join(cleanImportDir, "schools.csv"), path), ImportOptions{})
	var rejected *ImportError
	require.ErrorAs(t, err, &rejected)
	assert.Equal(t, []Problem{{File: "teachers.xlsx", Sheet: "teachers", Line: 2, Column: "fte", Value: "1.5",
		Message: "invalid FTE: expected a number above 0 and at most 1, such as 0.5"}}, rejected.Problems)
	assert.Contains(t, err.Error(), `teachers.xlsx [sheet teachers] line 2, column "fte", value "1.5": invalid FTE`)
}

func TestImportNamePicksKindWhenHeaderFitsTwo(t *testing.T) {
	// This header fits students and cte_enrollments; the name decides.
	header := "student_id,school_id,school_year,grade,course_id,career_cluster\n"
	row := "S1,100,2024-25,11,IT101,Digital Technology\n"
	students := writeTempFile(t, "students.csv", header+row)
	enrollments := writeTempFile(t, "export.csv", header+row)
	db := openTestDB(t)

	result := mustImportFiles(t, db, asImportFiles(filepath.Join(cleanImportDir, "schools.csv"), students, enrollments)...)
	kinds := map[string]string{}
	for _, f := range result.Files {
		kinds[f.File] = f.Kind
	}
	assert.Equal(t, KindStudents, kinds["students.csv"])
	assert.Equal(t, KindCTEEnrollments, kinds["export.csv"])
}

func TestMapHeaderSecondSpellingIsNotUsed(t *testing.T) {
	header := []string{"student_sis_id", "Student ID", "School Code", "school_id", "School Year", "Course Code", "Cluster", "Teacher Name", ""}
	m := mapHeader(fileKinds[3], header)

	assert.Equal(t, 1, m.index["student_id"], "the standard spelling wins")
	assert.Equal(t, 3, m.index["school_id"])
	assert.Empty(t, m.missing)
	assert.Equal(t, []int{2}, m.ignored, "a second school_id column is ignored")
	assert.Equal(t, map[int]string{2: "school_id"}, m.repeats)
	assert.Equal(t, []int{0, 7}, m.dropped, "a second student number and a name are dropped")
}
