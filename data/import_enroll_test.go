package data

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// naiveConcentrators computes concentrator_since, with 2 courses, by a
// GROUP BY over every enrollment.
const naiveConcentrators = `
	SELECT student, cluster, first_year FROM (
		SELECT student, cluster, first_year,
		       row_number() OVER (PARTITION BY student, cluster ORDER BY first_year) AS course_number
		FROM (
			SELECT student, cluster, course_id, min(school_year) AS first_year
			FROM cte_enrollments GROUP BY student, cluster, course_id
		)
	) WHERE course_number = 2`

func assertConcentratorsMatchNaive(t *testing.T, db *DB) {
	t.Helper()
	require.Positive(t, queryCount(t, db, "SELECT count(*) FROM concentrator_since"))
	assert.Equal(t, 0, queryCount(t, db, "SELECT count(*) FROM (SELECT student, cluster, school_year FROM concentrator_since EXCEPT "+naiveConcentrators+")"))
	assert.Equal(t, 0, queryCount(t, db, "SELECT count(*) FROM ("+naiveConcentrators+" EXCEPT SELECT student, cluster, school_year FROM concentrator_since)"))
}

// writeCourseHistory writes n enrollment rows of n/6 students, each with
// three courses in each of two clusters over several school years, some
// repeated in a later year.
func writeCourseHistory(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	require.NoError(t, err)
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "student_id,school_id,school_year,course_id,career_cluster,section_id")
	schools := []string{"100", "200", "300"}
	clusters := []string{"Digital Technology", "Construction", "Healthcare & Human Services", "Agriculture"}
	for i := 0; i < n; i++ {
		s, k := i/6, i%6
		year := 2021 + (k*s)%4
		fmt.Fprintf(w, "S%07d,%s,%d-%02d,C%03d,%s,%d\n", s, schools[s%3], year, (year+1)%100,
			(s*7+k)%40, clusters[(s+k/3)%4], k)
	}
	require.NoError(t, w.Flush())
	require.NoError(t, f.Close())
}

// splitLines writes the header and the data lines [from, to) of src to a
// new file.
func splitLines(t *testing.T, src, dst string, from, to int) {
	t.Helper()
	in, err := os.Open(src)
	require.NoError(t, err)
	defer in.Close()
	out, err := os.Create(dst)
	require.NoError(t, err)
	w := bufio.NewWriter(out)
	s := bufio.NewScanner(in)
	for i := -1; s.Scan(); i++ {
		if i == -1 || (i >= from && i < to) {
			w.WriteString(s.Text() + "\n")
		}
	}
	require.NoError(t, s.Err())
	require.NoError(t, w.Flush())
	require.NoError(t, out.Close())
}

// TestImportConcentratorsOnEveryPath checks concentrator_since after each way
// an import computes it. One file into an empty table counts the rows in
// memory, several runs into an empty table read every stored row back, and
// an import into a table with rows reads back the students it touches.
func TestImportConcentratorsOnEveryPath(t *testing.T) {
	dir := t.TempDir()
	all := filepath.Join(dir, "cte_enrollments.csv")
	writeCourseHistory(t, all, 3000)
	first, second := filepath.Join(dir, "first.csv"), filepath.Join(dir, "second.csv")
	splitLines(t, all, first, 0, 1700)
	splitLines(t, all, second, 1300, 3000) // lines 1300 to 1699 come twice
	schools := filepath.Join(cleanImportDir, "schools.csv")
	asKind := func(paths ...string) []ImportFile {
		files := asImportFiles(schools)
		for _, p := range paths {
			files = append(files, ImportFile{Path: p, Kind: KindCTEEnrollments})
		}
		return files
	}

	t.Run("one file into an empty table", func(t *testing.T) {
		db := openTestDB(t)
		mustImportFiles(t, db, asKind(all)...)
		assert.Equal(t, 3000, queryCount(t, db, "SELECT count(*) FROM cte_enrollments"))
		assertConcentratorsMatchNaive(t, db)
		// The import turns foreign keys off on its connection only while it runs.
		for range 3 {
			assert.Equal(t, 1, queryCount(t, db, "PRAGMA foreign_keys"))
		}
	})
	t.Run("two files in one import", func(t *testing.T) {
		db := openTestDB(t)
		mustImportFiles(t, db, asKind(first, second)...)
		assert.Equal(t, 3000, queryCount(t, db, "SELECT count(*) FROM cte_enrollments"))
		assertConcentratorsMatchNaive(t, db)
	})
	t.Run("a file larger than the buffer", func(t *testing.T) {
		defer func(n int) { maxBufferedEnrollments = n }(maxBufferedEnrollments)
		maxBufferedEnrollments = 700
		db := openTestDB(t)
		mustImportFiles(t, db, asKind(all)...)
		assert.Equal(t, 3000, queryCount(t, db, "SELECT count(*) FROM cte_enrollments"))
		assertConcentratorsMatchNaive(t, db)
	})
	t.Run("a second import", func(t *testing.T) {
		db := openTestDB(t)
		mustImportFiles(t, db, asKind(first)...)
		assertConcentratorsMatchNaive(t, db)
		mustImportFiles(t, db, asKind(second)...)
		assert.Equal(t, 3000, queryCount(t, db, "SELECT count(*) FROM cte_enrollments"))
		assertConcentratorsMatchNaive(t, db)
	})
}
