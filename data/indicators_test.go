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

	"readiness/data/indicator"
)

const fixtureDir = "testdata/district"

// openFixture opens a new database holding the fixture district.
func openFixture(t *testing.T) *DB {
	t.Helper()
	db := openTestDB(t)
	loadFixture(t, db, fixtureDir)
	return db
}

// reportLines returns rows as the long report form: school_id, school_year,
// indicator, dimension and the shown text.
func reportLines(rows []indicator.Row) [][]string {
	var lines [][]string
	for _, r := range rows {
		lines = append(lines, []string{r.SchoolID, indicator.FormatYear(r.Year), r.Indicator, r.Dimension, r.Text})
	}
	return lines
}

func TestIndicatorsMatchHandWorkedFixture(t *testing.T) {
	db := openFixture(t)
	ctx := context.Background()

	f, err := os.Open(filepath.Join(fixtureDir, "expected_2024-25.csv"))
	require.NoError(t, err)
	defer f.Close()
	expected, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)

	rows, err := db.Report(ctx, Filter{DistrictID: "D1", Year: 2025})
	require.NoError(t, err)
	assert.Equal(t, expected[1:], reportLines(indicator.Protect(rows, 0)))
}

// baseTables are the tables a report must never read from end to end.
var baseTables = []string{"cte_enrollments", "concentrator_since", "credentials", "work_based_learning",
	"teachers", "sections", "postsecondary"}

func TestOneSchoolReportUsesIndexes(t *testing.T) {
	db := openFixture(t)
	ctx := context.Background()
	sc, err := db.scopeOf(ctx, Filter{SchoolID: "HS1", Year: 2025})
	require.NoError(t, err)
	q := &indicatorQuery{db: db, ctx: ctx, scope: sc, year: 2025, settings: DefaultSettings, out: &rowSet{}}
	require.NoError(t, q.run())
	require.NotEmpty(t, q.statements)

	for _, stmt := range q.statements {
		args := []any{"HS1", 2025}
		if strings.Contains(stmt, "?3") {
			args = append(args, 90.0)
		}
		rows, err := db.sql.Query("EXPLAIN QUERY PLAN "+stmt, args...)
		require.NoError(t, err)
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			require.NoError(t, rows.Scan(&id, &parent, &unused, &detail))
			plan = append(plan, detail)
		}
		require.NoError(t, rows.Err())
		rows.Close()

		text := strings.Join(plan, "\n")
		for _, table := range baseTables {
			assert.NotRegexp(t, `SCAN `+table+`\b|SCAN \w+ \(?`+table, text, "statement:\n%s", stmt)
		}
		assert.Regexp(t, `USING (COVERING )?INDEX \w+_school_year|USING PRIMARY KEY`, text, "statement:\n%s", stmt)
	}
}

func TestAllSchoolsWithoutDistrictCountsEverySchool(t *testing.T) {
	db := openFixture(t)
	rows, err := db.Indicators(context.Background(), Filter{SchoolID: indicator.AllSchools, Year: 2025})
	require.NoError(t, err)
	got := map[string]string{}
	for _, r := range indicator.Protect(rows, 0) {
		got[r.Indicator+"/"+r.Dimension] = r.Text
	}
	assert.Equal(t, "9", got["cte_participants/all"], "W1 of district D2 adds one student")
	assert.Equal(t, "2", got["cte_participants/Agriculture"])
	assert.Equal(t, "2.093", got["students_per_fte/all"])
}

func TestIndicatorsRejectUnknownSchool(t *testing.T) {
	db := openFixture(t)
	_, err := db.Indicators(context.Background(), Filter{SchoolID: "NOPE", Year: 2025})
	assert.ErrorIs(t, err, ErrSchoolNotFound)
	_, err = db.Report(context.Background(), Filter{DistrictID: "D9", Year: 2025})
	assert.ErrorIs(t, err, ErrSchoolNotFound)
}

func TestDefaultYearIsLatestWithEnrollments(t *testing.T) {
	db := openFixture(t)
	ctx := context.Background()
	y, err := db.DefaultYear(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2025, y)

	empty := openTestDB(t)
	y, err = empty.DefaultYear(ctx)
	require.NoError(t, err)
	assert.Zero(t, y)
}

func TestFixturePrivacyAtMinN3(t *testing.T) {
	db := openFixture(t)
	rows, err := db.Indicators(context.Background(), Filter{DistrictID: "D1", SchoolID: indicator.AllSchools, Year: 2025})
	require.NoError(t, err)
	got := map[string]string{}
	for _, r := range indicator.Protect(rows, 3) {
		got[r.Indicator+"/"+r.Dimension] = r.Text
	}
	assert.Equal(t, "<3", got["cte_participants/Agriculture"])
	assert.Equal(t, "3", got["cte_participants/Construction"])
	assert.Equal(t, "0.75", got["credential_rate/all"], "four concentrators")
	assert.Equal(t, "1", got["teachers/Agriculture"], "staff values stay shown")
	assert.Equal(t, "*", got["wbl_hours/clinical"], "one student's hours")
	assert.Equal(t, "*", got["wbl_hours/job_shadow"], "the smallest other cell, hidden so clinical cannot be worked out from all")
	assert.Equal(t, "275", got["wbl_hours/internship"])
	assert.Equal(t, "365", got["wbl_hours/all"])
}
