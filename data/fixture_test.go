package data

import (
	"context"
	"database/sql"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"readiness/data/cluster"
	"readiness/data/indicator"
)

// loadFixture writes the CSV files of dir into db directly, without the
// import's checks, and computes concentrator status. It reads the import
// file format (school years as 2024-25, cluster names in any spelling) so
// that the same files can go through Import as well.
func loadFixture(t *testing.T, db *DB, dir string) {
	t.Helper()
	ctx := context.Background()
	hasher, err := db.hashStudent(ctx)
	require.NoError(t, err)
	clusters := cluster.NewSet()

	tx, err := db.sql.BeginTx(ctx, nil)
	require.NoError(t, err)
	defer tx.Rollback()

	// Parent tables first, for the foreign keys.
	order := []string{"schools", "students", "cte_enrollments", "credentials", "work_based_learning",
		"teachers", "sections", "postsecondary", "reported_indicators"}
	for _, kind := range order {
		path := filepath.Join(dir, kind+".csv")
		if _, err := os.Stat(path); os.IsNotExist(err) {
			continue
		}
		for _, rec := range readFixtureCSV(t, path) {
			insertFixtureRow(t, tx, kind, rec, hasher, clusters)
		}
	}
	require.NoError(t, rebuildConcentrators(ctx, tx, DefaultSettings.ConcentratorCourses, false))
	require.NoError(t, tx.Commit())
}

// fixtureRecord is one CSV row by lower-case column name.
type fixtureRecord map[string]string

func readFixtureCSV(t *testing.T, path string) []fixtureRecord {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	all, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err, path)
	var list []fixtureRecord
	for _, line := range all[1:] {
		rec := fixtureRecord{}
		for i, col := range all[0] {
			rec[strings.ToLower(strings.TrimSpace(col))] = strings.TrimSpace(line[i])
		}
		list = append(list, rec)
	}
	return list
}

func insertFixtureRow(t *testing.T, tx *sql.Tx, kind string, r fixtureRecord, hasher *studentHasher, clusters *cluster.Set) {
	t.Helper()
	year := func(col string) int {
		y, err := indicator.ParseYear(r[col])
		require.NoError(t, err, "%s %s", kind, col)
		return y
	}
	clusterName := func(required bool) any {
		if r["career_cluster"] == "" && !required {
			return nil
		}
		c, ok := clusters.Match(r["career_cluster"])
		require.True(t, ok, "unknown cluster %q in %s", r["career_cluster"], kind)
		return c.Name
	}
	optionalInt := func(col string) any {
		if r[col] == "" {
			return nil
		}
		n, err := strconv.Atoi(r[col])
		require.NoError(t, err)
		return n
	}
	student := func() []byte { return hasher.Hash(r["student_id"]) }

	var err error
	switch kind {
	case "schools":
		_, err = tx.Exec(`INSERT INTO schools (school_id, school_name, district_id, district_name, school_type) VALUES (?, ?, ?, ?, ?)`,
			r["school_id"], r["school_name"], r["district_id"], r["district_name"], r["school_type"])
	case "students":
		_, err = tx.Exec(`INSERT INTO students (student, school_year, school_id, grade) VALUES (?, ?, ?, ?)`,
			student(), year("school_year"), r["school_id"], r["grade"])
	case "cte_enrollments":
		_, err = tx.Exec(`INSERT INTO cte_enrollments (student, school_id, school_year, course_id, section_id, cluster) VALUES (?, ?, ?, ?, ?, ?)`,
			student(), r["school_id"], year("school_year"), r["course_id"], r["section_id"], clusterName(true))
	case "credentials":
		_, err = tx.Exec(`INSERT INTO credentials (student, school_id, school_year, credential_key, credential_name, cluster) VALUES (?, ?, ?, ?, ?, ?)`,
			student(), r["school_id"], year("school_year"), r["credential_name"], r["credential_name"], clusterName(false))
	case "work_based_learning":
		hours, perr := strconv.ParseFloat(r["hours"], 64)
		require.NoError(t, perr)
		c := clusterName(false)
		if c == nil {
			c = ""
		}
		_, err = tx.Exec(`INSERT INTO work_based_learning (student, school_id, school_year, experience_type, hours, cluster) VALUES (?, ?, ?, ?, ?, ?)`,
			student(), r["school_id"], year("school_year"), r["experience_type"], hours, c)
	case "teachers":
		fte, perr := strconv.ParseFloat(r["fte"], 64)
		require.NoError(t, perr)
		_, err = tx.Exec(`INSERT INTO teachers (teacher_id, school_id, school_year, cluster, fte) VALUES (?, ?, ?, ?, ?)`,
			r["teacher_id"], r["school_id"], year("school_year"), clusterName(true), fte)
	case "sections":
		_, err = tx.Exec(`INSERT INTO sections (section_id, school_year, school_id, course_id, cluster, teacher_id, seats, enrolled, requests) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r["section_id"], year("school_year"), r["school_id"], r["course_id"], clusterName(true), r["teacher_id"],
			optionalInt("seats"), optionalInt("enrolled"), optionalInt("requests"))
	case "postsecondary":
		_, err = tx.Exec(`INSERT INTO postsecondary (student, graduation_year, school_id, outcome) VALUES (?, ?, ?, ?)`,
			student(), year("graduation_year"), r["school_id"], r["outcome"])
	case "reported_indicators":
		var value any
		display := ""
		if v, perr := strconv.ParseFloat(r["value"], 64); perr == nil {
			value = v
		} else {
			display = r["value"]
		}
		suppressed := strings.EqualFold(r["suppressed"], "Y")
		_, err = tx.Exec(`INSERT INTO reported_indicators (school_id, school_year, indicator, dimension, value, display, source, suppressed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			r["school_id"], year("school_year"), r["indicator"], r["dimension"], value, display, r["source"], suppressed)
	default:
		t.Fatalf("no loader for %s", kind)
	}
	require.NoError(t, err, "insert %s row %v", kind, r)
}
