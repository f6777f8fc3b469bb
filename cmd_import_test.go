package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fixtures = "data/testdata/import"

func TestImportCommandExitCodes(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "cli.db")
	cases := []struct {
		name   string
		args   []string
		status int
		stdout string
		stderr string
	}{
		{"no files", []string{"-db", dbPath}, 2, "", "Usage: readiness import"},
		{"no database", []string{fixtures + "/clean/schools.csv"}, 2, "", "Usage: readiness import"},
		{"unknown kind", []string{"-db", dbPath, "-kind", "pupils", fixtures + "/clean/schools.csv"}, 2, "", `unknown -kind "pupils"`},
		{"invalid rows", []string{"-db", dbPath, fixtures + "/clean/schools.csv", fixtures + "/reject/school_year.csv"}, 1, "",
			"school_year.csv line 2, column \"school_year\", value \"2024-26\": invalid school year: expected a form such as 2024-25, 2024-2025 or 2025\n1 error: import rejected: nothing was written\n"},
		{"valid files", []string{"-db", dbPath, fixtures + "/clean/schools.csv", fixtures + "/clean/clusters.csv"}, 0,
			"imported schools.csv: 3 rows into schools\nimported clusters.csv: 2 rows into clusters\n", ""},
		{"kind given", []string{"-db", dbPath, "-kind", "schools", fixtures + "/clean/schools.csv"}, 0, "imported schools.csv: 3 rows into schools\n", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			status := importFiles(tc.args, &stdout, &stderr)
			assert.Equal(t, tc.status, status)
			assert.Equal(t, tc.stdout, stdout.String())
			if tc.stderr == "" {
				assert.Empty(t, stderr.String())
			} else {
				assert.Contains(t, stderr.String(), tc.stderr)
			}
		})
	}
}

func TestImportCommandPrintsWarnings(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "teachers.csv")
	require.NoError(t, os.WriteFile(csv, []byte("teacher_id,teacher_email,school_id,school_year,career_cluster,fte\nT1,t1@example.org,100,2024-25,Construction,1\n"), 0o644))
	var stdout, stderr bytes.Buffer

	status := importFiles([]string{"-db", filepath.Join(dir, "w.db"), fixtures + "/clean/schools.csv", csv}, &stdout, &stderr)
	assert.Equal(t, 0, status)
	assert.Equal(t, "warning: teachers.csv line 1, column \"teacher_email\": personal column dropped: it identifies a person, so it is never stored\n", stderr.String())
	assert.Equal(t, "imported schools.csv: 3 rows into schools\nimported teachers.csv: 1 row into teachers\n", stdout.String())
}

func TestCheckCommand(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "check.db")
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 1, checkFile([]string{"-db", dbPath}, &stdout, &stderr), "a missing file")
	assert.Equal(t, 2, checkFile(nil, &stdout, &stderr))

	require.Equal(t, 0, importFiles([]string{"-db", dbPath, fixtures + "/clean/schools.csv", fixtures + "/clean/clusters.csv", fixtures + "/clean/cte_enrollments.csv"}, &stdout, &stderr))
	stdout.Reset()
	assert.Equal(t, 0, checkFile([]string{"-db", dbPath}, &stdout, &stderr))
	out := stdout.String()
	assert.Contains(t, out, "schema version: 1\n")
	assert.Contains(t, out, "integrity:      ok\n")
	assert.Contains(t, out, "data:           imported district data\n")
	assert.Contains(t, out, "settings:       minimum n 10, concentrator courses 2, substantial internship hours 90\n")
	assert.Regexp(t, `cte_enrollments\s+2024-25\s+5`, out)
	assert.Regexp(t, `schools\s+3`, out)
	assert.Regexp(t, `districts:\n  D1\s+Lakeview Unified\s+3 schools`, out)
	assert.Regexp(t, `schools:\n  300\s+Lakeview Skills Center\s+D1\s*\n  100\s+North High School\s+D1`, out)
}

func TestCheckCommandCountsManySchools(t *testing.T) {
	dir := t.TempDir()
	csv := "school_id,school_name,district_id,district_name\n"
	for i := range 31 {
		csv += fmt.Sprintf("S%02d,School %d,D%d,District %d\n", i, i, i%2, i%2)
	}
	path := filepath.Join(dir, "schools.csv")
	require.NoError(t, os.WriteFile(path, []byte(csv), 0o644))
	dbPath := filepath.Join(dir, "many.db")
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, importFiles([]string{"-db", dbPath, path}, &stdout, &stderr), stderr.String())
	stdout.Reset()

	assert.Equal(t, 0, checkFile([]string{"-db", dbPath}, &stdout, &stderr))
	out := stdout.String()
	assert.Regexp(t, `D0\s+District 0\s+16 schools\s*\n  D1\s+District 1\s+15 schools`, out)
	assert.Contains(t, out, "schools:        31; list one district's schools with `readiness report -db "+dbPath+" -district ID`\n")
	assert.NotContains(t, out, "School 7")
}

func TestImportCommandLeavesNoNewDatabaseOnFailure(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "new.db")
	cases := map[string][]string{
		"invalid rows": {fixtures + "/reject/school_year.csv"},
		"missing file": {filepath.Join(dir, "absent.csv")},
	}
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			assert.Equal(t, 1, importFiles(append([]string{"-db", dbPath}, files...), &stdout, &stderr))
			left, err := filepath.Glob(dbPath + "*")
			require.NoError(t, err)
			assert.Empty(t, left, "a rejected import leaves no new database behind")
		})
	}
}

func TestImportCommandKeepsExistingDatabaseOnFailure(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "old.db")
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, importFiles([]string{"-db", dbPath, fixtures + "/clean/schools.csv"}, &stdout, &stderr), stderr.String())
	before, err := os.ReadFile(dbPath)
	require.NoError(t, err)

	assert.Equal(t, 1, importFiles([]string{"-db", dbPath, fixtures + "/reject/school_year.csv"}, &stdout, &stderr))
	after, err := os.ReadFile(dbPath)
	require.NoError(t, err)
	assert.Equal(t, before, after)
}

func TestImportCommandNamesMissingFileAsTyped(t *testing.T) {
	dir := t.TempDir()
	pattern := filepath.Join(dir, "real-data", "nc_dpi_src_*.csv")
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 1, importFiles([]string{"-db", filepath.Join(dir, "x.db"), pattern}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), pattern+": no file matches this pattern")
}
