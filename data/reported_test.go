package data

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/data/indicator"
)

// The fixture in testdata/reported_totals: District One's three schools
// report 40 + 25 + 12 = 77 Health Science concentrators; District Two's 500
// must not be added. Beta High's participants are masked (">95%"), so
// District One's participant total is unknown. The participation rate is a
// rate and is never summed.
func TestReportedTotalsSumDistrictSchools(t *testing.T) {
	db := openTestDB(t)
	dir := filepath.Join("testdata", "reported_totals")
	mustImportFiles(t, db, asImportFiles(filepath.Join(dir, "schools.csv"), filepath.Join(dir, "reported_indicators.csv"))...)

	rows, err := db.Indicators(context.Background(), Filter{DistrictID: "D1", SchoolID: indicator.AllSchools, Year: 2022})
	require.NoError(t, err)
	byKey := map[string]indicator.Row{}
	for _, r := range rows {
		byKey[r.Indicator+"/"+r.Dimension] = r
	}

	health := byKey[indicator.CTEConcentrators+"/Health Science"]
	assert.Equal(t, 77.0, health.Value)
	assert.True(t, health.HasValue)
	assert.Equal(t, "NC DPI School Report Card", health.Source)

	participants := byKey[indicator.CTEParticipants+"/"+indicator.All]
	assert.True(t, participants.Hidden)
	assert.False(t, participants.HasValue)
	assert.Equal(t, indicator.MaskedTotal, participants.Text)

	_, summedRate := byKey[indicator.CTEParticipationRate+"/"+indicator.All]
	assert.False(t, summedRate)

	shown := indicator.Protect(rows, 10)
	for _, r := range shown {
		if r.Indicator == indicator.CTEParticipants && r.Dimension == indicator.All {
			assert.Equal(t, indicator.MaskedTotal, r.Text)
		}
	}
}
