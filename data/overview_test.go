package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/data/indicator"
)

func TestSchoolComparisonAppliesComplements(t *testing.T) {
	db := openFixture(t)
	rows, err := db.SchoolComparison(context.Background(), "D1", 2025, indicator.WBLHours, "internship", 3)
	require.NoError(t, err)
	texts := map[string]string{}
	for _, r := range rows {
		texts[r.SchoolID] = r.Text
	}
	// HS1's internship hours come from three students, but its job shadows
	// from two, hidden, beside a shown total: internship is the complement.
	assert.Equal(t, "*", texts["HS1"])
	assert.Equal(t, "*", texts["SC"], "one student")
	assert.Len(t, texts, 2)

	rows, err = db.SchoolComparison(context.Background(), "D1", 2025, indicator.CTEParticipants, indicator.All, 0)
	require.NoError(t, err)
	var got []string
	for _, r := range rows {
		got = append(got, r.SchoolID+"="+r.Text)
	}
	assert.Equal(t, []string{"HS1=4", "HS2=3", "HS3=0", "SC=2"}, got)
}

func TestIndicatorsHistoryCoversEachYear(t *testing.T) {
	db := openFixture(t)
	rows, err := db.IndicatorsHistory(context.Background(), Filter{SchoolID: "HS1"}, []int{2024, 2025})
	require.NoError(t, err)
	participants := map[int]float64{}
	for _, r := range rows {
		if r.Indicator == indicator.CTEParticipants && r.Dimension == indicator.All {
			participants[r.Year] = r.Value
		}
	}
	assert.Equal(t, map[int]float64{2024: 3, 2025: 4}, participants, "2024: S01, S03 and S08")
}
