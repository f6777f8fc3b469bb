package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/charts"
	"readiness/data"
)

func TestRenderFlags(t *testing.T) {
	opt, err := parseRenderFlags([]string{"-db", "x.db", "-school", "ALL", "-year", "2024-25", "-out", "dir",
		"-format", "svg", "-width", "1920", "-height", "1080", "-scale", "2", "-theme", "contrast"})
	require.NoError(t, err)
	assert.Equal(t, 2025, opt.year)
	assert.Equal(t, "svg", opt.format)
	assert.Equal(t, charts.Style{Width: 1920, Height: 1080, Scale: 2, Theme: charts.HighContrast}, opt.style)
}

func TestRenderUsageErrors(t *testing.T) {
	base := []string{"-db", "x.db", "-school", "LHS", "-out", "dir"}
	for name, args := range map[string][]string{
		"missing year":   base,
		"invalid year":   append(base, "-year", "2024-26"),
		"invalid format": append(base, "-year", "2025", "-format", "gif"),
		"invalid theme":  append(base, "-year", "2025", "-theme", "neon"),
		"invalid width":  append(base, "-year", "2025", "-width", "0"),
		"unknown flag":   append(base, "-year", "2025", "-colour", "red"),
	} {
		assert.Equal(t, 2, runRender(args), name)
	}
}

func TestRenderMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	code := runRender([]string{"-db", filepath.Join(dir, "none.db"), "-school", "ALL", "-year", "2025", "-out", dir})
	assert.Equal(t, 1, code)
}

func TestRenderUnknownSchoolListsSortedIDs(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "schools.db")
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, importFiles([]string{"-db", dbPath, fixtures + "/clean/schools.csv"}, &stdout, &stderr), stderr.String())
	db, err := data.OpenReadOnly(context.Background(), dbPath)
	require.NoError(t, err)
	defer db.Close()

	_, _, err = placeOf(context.Background(), db, "NOPE")
	assert.EqualError(t, err, `school "NOPE" not found: choose ALL or a school_id of the database (100, 200, 300)`)
}
