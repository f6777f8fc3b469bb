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
		"missing year":     base,
		"invalid year":     append(base, "-year", "2024-26"),
		"invalid format":   append(base, "-year", "2025", "-format", "gif"),
		"invalid theme":    append(base, "-year", "2025", "-theme", "neon"),
		"invalid width":    append(base, "-year", "2025", "-width", "0"),
		"width too large":  append(base, "-year", "2025", "-width", "99999"),
		"width too small":  append(base, "-year", "2025", "-width", "10"),
		"height too large": append(base, "-year", "2025", "-height", "5000"),
		"negative scale":   append(base, "-year", "2025", "-scale", "-3"),
		"zero scale":       append(base, "-year", "2025", "-scale", "0"),
		"scale too large":  append(base, "-year", "2025", "-scale", "5"),
		"unknown flag":     append(base, "-year", "2025", "-colour", "red"),
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

func TestRenderSizeErrorsGiveTheRange(t *testing.T) {
	base := []string{"-db", "x.db", "-school", "LHS", "-out", "dir", "-year", "2025"}
	_, err := parseRenderFlags(append(base, "-width", "99999"))
	assert.EqualError(t, err, "invalid -width 99999: use 320 to 7680 pixels")
	_, err = parseRenderFlags(append(base, "-height", "100"))
	assert.EqualError(t, err, "invalid -height 100: use 240 to 4320 pixels")
	_, err = parseRenderFlags(append(base, "-scale", "-3"))
	assert.EqualError(t, err, "invalid -scale -3: use a number from 1 to 4")
	_, err = parseRenderFlags(append(base, "-width", "7680", "-height", "4320", "-scale", "1.5"))
	assert.NoError(t, err)
}

func TestRenderYearWithoutDataNamesTheYears(t *testing.T) {
	db := makeDemo(t, "1")
	out := filepath.Join(t.TempDir(), "charts")
	paths, err := renderCharts(context.Background(), renderOptions{db: db, school: "ALL", out: out, format: "png", year: 2031,
		style: charts.Style{Width: 640, Height: 480, Scale: 1}})
	assert.Empty(t, paths)
	assert.EqualError(t, err, "no data for school year 2030-31: the database has data for 2024-25, 2023-24, 2022-23; choose one of them with -year")
	assert.NoDirExists(t, out)
}
