package data

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/data/published"
)

// reportCard is a published layout with one school and one count per record.
type reportCard struct{}

func (reportCard) Name() string { return "test report card" }

func (reportCard) Translate(record map[string]string) ([]published.Row, error) {
	return []published.Row{
		{Kind: KindSchools, IfMissing: true, Column: "Agency Code",
			Fields: map[string]string{"school_id": record["Agency Code"], "school_name": record["School Name"]}},
		{Kind: KindReportedIndicators, Column: "Participants", Fields: map[string]string{
			"school_id": record["Agency Code"], "school_year": record["Year"], "indicator": "cte_participants",
			"dimension": "all", "value": record["Participants"], "source": "test report card"}},
	}, nil
}

// useReportCard makes the import read files with the reportCard header.
func useReportCard(t *testing.T) {
	t.Helper()
	detectPublished = func(header []string) (published.Format, bool) {
		return reportCard{}, slices.Equal(header, []string{"Agency Code", "School Name", "Year", "Participants"})
	}
	t.Cleanup(func() { detectPublished = published.Detect })
}

func writeTempFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

func TestImportPublishedFile(t *testing.T) {
	useReportCard(t)
	db := openTestDB(t)
	mustImportFiles(t, db, asImportFiles(filepath.Join(cleanImportDir, "schools.csv"))...)
	path := writeTempFile(t, "src_2025.csv", "Agency Code,School Name,Year,Participants\n"+
		"100,Renamed North High,2024-25,312\n"+
		"900,New Academy,2024-25,48\n"+
		"900,New Academy,2023-24,41\n")

	result := mustImportFiles(t, db, ImportFile{Path: path})
	assert.Equal(t, []FileResult{
		{File: "src_2025.csv", Kind: KindSchools, Format: "test report card", Rows: 1},
		{File: "src_2025.csv", Kind: KindReportedIndicators, Format: "test report card", Rows: 3},
	}, result.Files)
	assert.Empty(t, result.Warnings)
	assert.Equal(t, 1, queryCount(t, db, "SELECT count(*) FROM schools WHERE school_id = '100' AND school_name = 'North High School'"))
	assert.Equal(t, 1, queryCount(t, db, "SELECT count(*) FROM schools WHERE school_id = '900' AND school_name = 'New Academy'"))
	assert.Equal(t, 48, queryCount(t, db, "SELECT value FROM reported_indicators WHERE school_id = '900' AND school_year = 2025"))
}

func TestImportPublishedErrorsNameColumn(t *testing.T) {
	useReportCard(t)
	db := openTestDB(t)
	path := writeTempFile(t, "src_2025.csv", "Agency Code,School Name,Year,Participants\n"+
		"900,New Academy,2024-25,many\n")

	_, err := db.Import(context.Background(), []ImportFile{{Path: path}}, ImportOptions{})
	var rejected *ImportError
	require.ErrorAs(t, err, &rejected)
	assert.Equal(t, []Problem{{File: "src_2025.csv", Line: 2, Column: "Participants", Value: "many",
		Message: "invalid value: expected a number such as 12 or 0.25, or an empty value where the publisher gave none"}}, rejected.Problems)
	assert.Equal(t, 0, queryCount(t, db, "SELECT count(*) FROM schools"))
}
