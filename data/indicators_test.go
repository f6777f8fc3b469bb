package data

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
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

	var got [][]string
	for _, school := range []string{indicator.AllSchools, "HS1", "HS2", "HS3", "SC"} {
		rows, err := db.Indicators(ctx, Filter{DistrictID: "D1", SchoolID: school, Year: 2025})
		require.NoError(t, err)
		got = append(got, reportLines(indicator.Protect(rows, 0))...)
	}
	assert.Equal(t, expected[1:], got)
}
