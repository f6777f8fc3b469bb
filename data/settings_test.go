package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/data/indicator"
)

// concentratorsOf returns the cte_concentrators value of one school, year
// and dimension.
func concentratorsOf(t *testing.T, db *DB, school, dimension string) string {
	t.Helper()
	rows, err := db.Indicators(context.Background(), Filter{DistrictID: "D1", SchoolID: school, Year: 2025})
	require.NoError(t, err)
	for _, r := range indicator.Protect(rows, 0) {
		if r.Indicator == indicator.CTEConcentrators && r.Dimension == dimension {
			return r.Text
		}
	}
	t.Fatalf("no cte_concentrators row for %s/%s", school, dimension)
	return ""
}

func TestSetSettingsRebuildsConcentrators(t *testing.T) {
	db := openFixture(t)
	ctx := context.Background()
	require.Equal(t, "4", concentratorsOf(t, db, indicator.AllSchools, indicator.All))

	s := DefaultSettings
	s.ConcentratorCourses = 3
	require.NoError(t, db.SetSettings(ctx, s))
	got, err := db.Settings(ctx)
	require.NoError(t, err)
	assert.Equal(t, s, got)
	assert.Equal(t, "0", concentratorsOf(t, db, indicator.AllSchools, indicator.All), "nobody took three courses of one cluster")

	s.ConcentratorCourses = 1
	require.NoError(t, db.SetSettings(ctx, s))
	assert.Equal(t, "8", concentratorsOf(t, db, indicator.AllSchools, indicator.All), "every participant")
}

func TestSetSettingsStoresThresholds(t *testing.T) {
	db := openFixture(t)
	ctx := context.Background()
	s := Settings{MinN: 5, ConcentratorCourses: 2, SubstantialInternshipHours: 55}
	require.NoError(t, db.SetSettings(ctx, s))
	got, err := db.Settings(ctx)
	require.NoError(t, err)
	assert.Equal(t, s, got)

	rows, err := db.Indicators(ctx, Filter{SchoolID: "HS1", Year: 2025})
	require.NoError(t, err)
	found := false
	for _, r := range rows {
		if r.Indicator == WBLSubstantialInternships {
			found = true
			assert.Equal(t, 2.0, r.Value, "internships of 120 and 60 hours reach 55; one of 50 does not")
		}
	}
	assert.True(t, found)
}

func TestSetSettingsRejectsInvalid(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	for name, s := range map[string]Settings{
		"min n 2":        {MinN: 2, ConcentratorCourses: 2, SubstantialInternshipHours: 90},
		"min n 31":       {MinN: 31, ConcentratorCourses: 2, SubstantialInternshipHours: 90},
		"no courses":     {MinN: 10, ConcentratorCourses: 0, SubstantialInternshipHours: 90},
		"negative hours": {MinN: 10, ConcentratorCourses: 2, SubstantialInternshipHours: -1},
	} {
		assert.Error(t, db.SetSettings(ctx, s), name)
	}
	got, err := db.Settings(ctx)
	require.NoError(t, err)
	assert.Equal(t, DefaultSettings, got, "nothing stored")
}
