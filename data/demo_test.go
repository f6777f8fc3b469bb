package data

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/data/indicator"
)

var smallDemo = DemoOptions{Schools: 3, Students: 3000, Years: 3, Seed: 42}

// generateDemo writes a demo database in a temporary folder and opens it.
func generateDemo(t *testing.T, opt DemoOptions) *DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	require.NoError(t, GenerateDemo(context.Background(), path, opt))
	db, err := OpenReadOnly(context.Background(), path)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

// demoReport returns the CSV report of every school in the latest year.
func demoReport(t *testing.T, db *DB, minN int) string {
	t.Helper()
	rows, err := db.Report(context.Background(), Filter{Year: DemoLastYear})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, indicator.WriteCSV(&buf, indicator.Protect(rows, minN)))
	return buf.String()
}

func TestDemoSameSeedSameReport(t *testing.T) {
	first := demoReport(t, generateDemo(t, smallDemo), 10)
	second := demoReport(t, generateDemo(t, smallDemo), 10)
	assert.Equal(t, first, second)

	other := smallDemo
	other.Seed++
	assert.NotEqual(t, first, demoReport(t, generateDemo(t, other), 10))
}

func TestDemoIsMarkedSynthetic(t *testing.T) {
	db := generateDemo(t, smallDemo)
	synthetic, err := db.IsSynthetic(context.Background())
	require.NoError(t, err)
	assert.True(t, synthetic)

	plain := openTestDB(t)
	synthetic, err = plain.IsSynthetic(context.Background())
	require.NoError(t, err)
	assert.False(t, synthetic)
}

func TestDemoRefusesExistingFile(t *testing.T) {
	db := openTestDB(t)
	err := GenerateDemo(context.Background(), db.Path(), smallDemo)
	assert.ErrorContains(t, err, "already exists")
}

func TestDemoLooksLikeADistrict(t *testing.T) {
	db := generateDemo(t, smallDemo)
	ctx := context.Background()

	schools, err := db.Schools(ctx, "")
	require.NoError(t, err)
	assert.Len(t, schools, 4, "three high schools and a skills center")

	years, err := db.Years(ctx)
	require.NoError(t, err)
	assert.Equal(t, []int{2025, 2024, 2023}, years)

	var count int
	checks := map[string]string{
		"students never stored as numbers":    "SELECT count(*) FROM students WHERE length(student) <> 16",
		"clusters outside the 2024 framework": "SELECT count(*) FROM cte_enrollments WHERE cluster NOT IN (SELECT name FROM clusters WHERE framework = '2024')",
		"teachers over 1.0 FTE in a year":     "SELECT count(*) FROM (SELECT 1 FROM teachers GROUP BY teacher_id, school_year HAVING sum(fte) > 1.0001)",
		"section enrolled unlike its enrollments": `SELECT count(*) FROM sections s WHERE enrolled <>
			(SELECT count(*) FROM cte_enrollments e WHERE e.section_id = s.section_id AND e.school_year = s.school_year)`,
		"wbl rows over 2000 hours": "SELECT count(*) FROM work_based_learning WHERE hours > 2000 OR hours < 0",
	}
	for name, q := range checks {
		require.NoError(t, db.sql.QueryRow(q).Scan(&count), name)
		assert.Zero(t, count, name)
	}

	shapes := map[string]string{
		"single-teacher clusters":           "SELECT count(*) FROM (SELECT 1 FROM teachers GROUP BY school_id, school_year, cluster HAVING count(*) = 1)",
		"over-subscribed sections":          "SELECT count(*) FROM sections WHERE requests > seats",
		"under-filled sections":             "SELECT count(*) FROM sections WHERE enrolled * 2 < seats",
		"students at two schools in a year": "SELECT count(*) FROM (SELECT 1 FROM cte_enrollments GROUP BY student, school_year HAVING count(DISTINCT school_id) > 1)",
		"credentials without a cluster":     "SELECT count(*) FROM credentials WHERE cluster IS NULL",
		"internships of 60 to 360 hours":    "SELECT count(*) FROM work_based_learning WHERE experience_type = 'internship' AND hours BETWEEN 60 AND 360",
	}
	for name, q := range shapes {
		require.NoError(t, db.sql.QueryRow(q).Scan(&count), name)
		assert.Positive(t, count, name)
	}

	var withWBL, students float64
	require.NoError(t, db.sql.QueryRow("SELECT count(DISTINCT student) FROM work_based_learning WHERE school_year = 2025").Scan(&withWBL))
	require.NoError(t, db.sql.QueryRow("SELECT count(*) FROM students WHERE school_year = 2025").Scan(&students))
	assert.Less(t, withWBL/students, 0.5, "most students have no work-based learning")
}

func TestDemoConcentratorsCountEarlierCourses(t *testing.T) {
	db := generateDemo(t, smallDemo)
	// Every concentrator status that the demo's own enrollments support
	// must be stored. The demo may store more, from courses before its
	// first year.
	var missing int
	require.NoError(t, db.sql.QueryRow(`
		WITH rebuilt AS (
			SELECT student, cluster, min(school_year) AS year FROM (
				SELECT student, cluster, first_year AS school_year,
				       row_number() OVER (PARTITION BY student, cluster ORDER BY first_year) AS n
				FROM (SELECT student, cluster, course_id, min(school_year) AS first_year
				      FROM cte_enrollments GROUP BY student, cluster, course_id))
			WHERE n = 2 GROUP BY student, cluster)
		SELECT count(*) FROM rebuilt r LEFT JOIN concentrator_since c USING (student, cluster)
		WHERE c.school_year IS NULL OR c.school_year > r.year`).Scan(&missing))
	assert.Zero(t, missing)
}

func TestImportIntoDemoRejected(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	require.NoError(t, GenerateDemo(context.Background(), path, DemoOptions{Schools: 1, Students: 300, Years: 2, Seed: 4}))
	db, err := Open(context.Background(), path)
	require.NoError(t, err)
	defer db.Close()
	before := dumpStoredRows(t, db)

	schools := filepath.Join(t.TempDir(), "schools.csv")
	require.NoError(t, os.WriteFile(schools, []byte("school_id,school_name\nR1,Real High\n"), 0o644))
	_, err = db.Import(context.Background(), []ImportFile{{Path: schools}}, ImportOptions{})
	require.ErrorIs(t, err, ErrSyntheticDatabase)
	assert.Contains(t, err.Error(), "import into a new database instead")
	assert.Equal(t, before, dumpStoredRows(t, db))
}
