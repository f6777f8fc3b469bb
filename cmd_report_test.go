package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/data"
)

// makeDemo writes a small demo database through the demo command.
func makeDemo(t *testing.T, seed string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	var stderr bytes.Buffer
	code := demoCommand([]string{"-out", path, "-schools", "2", "-students", "2000", "-years", "3", "-seed", seed}, &stderr)
	require.Equal(t, 0, code, stderr.String())
	return path
}

// runReportArgs runs the report command and returns its exit status and
// output streams.
func runReportArgs(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := reportCommand(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func parseReportCSV(t *testing.T, out string) [][]string {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, records)
	return records
}

func TestReportSameSeedSameOutput(t *testing.T) {
	first, second := makeDemo(t, "7"), makeDemo(t, "7")
	code, a, stderr := runReportArgs("-db", first)
	require.Equal(t, 0, code, stderr)
	code, b, stderr := runReportArgs("-db", second)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, a, b)
	assert.Greater(t, strings.Count(a, "\n"), 100)
}

func TestReportCSVIsSortedLongForm(t *testing.T) {
	db := makeDemo(t, "1")
	code, out, stderr := runReportArgs("-db", db)
	require.Equal(t, 0, code, stderr)
	records := parseReportCSV(t, out)

	assert.Equal(t, []string{"school_id", "school_year", "indicator", "dimension", "value"}, records[0])
	body := records[1:]
	assert.True(t, sort.SliceIsSorted(body, func(i, j int) bool {
		return strings.Join(body[i][:4], "\x00") < strings.Join(body[j][:4], "\x00")
	}), "rows sorted by school, year, indicator and dimension")

	schools := map[string]bool{}
	for _, r := range body {
		schools[r[0]] = true
		assert.Equal(t, "2024-25", r[1], "the latest year by default")
	}
	assert.Equal(t, map[string]bool{"ALL": true, "HS0001": true, "HS0002": true, "SC001": true}, schools)
}

func TestReportJSONHasSameRows(t *testing.T) {
	db := makeDemo(t, "1")
	_, csvOut, _ := runReportArgs("-db", db, "-school", "HS0001", "-year", "2023-24")
	code, jsonOut, stderr := runReportArgs("-db", db, "-school", "HS0001", "-year", "2024", "-format", "json")
	require.Equal(t, 0, code, stderr)

	var objects []map[string]string
	require.NoError(t, json.Unmarshal([]byte(jsonOut), &objects))
	records := parseReportCSV(t, csvOut)
	require.Len(t, objects, len(records)-1)
	for i, o := range objects {
		r := records[i+1]
		assert.Equal(t, map[string]string{"school_id": r[0], "school_year": r[1], "indicator": r[2], "dimension": r[3], "value": r[4]}, o)
	}
	assert.Equal(t, "2023-24", objects[0]["school_year"])
}

func TestReportPrivacyFlags(t *testing.T) {
	db := makeDemo(t, "1")
	hidden := func(out string) int {
		n := 0
		for _, r := range parseReportCSV(t, out)[1:] {
			if strings.HasPrefix(r[4], "<") || r[4] == "*" {
				n++
			}
		}
		return n
	}
	_, on, _ := runReportArgs("-db", db)
	_, off, _ := runReportArgs("-db", db, "-privacy", "off")
	_, three, _ := runReportArgs("-db", db, "-min-n", "3")
	_, thirty, _ := runReportArgs("-db", db, "-min-n", "30")

	assert.Positive(t, hidden(on))
	assert.Zero(t, hidden(off))
	assert.Less(t, hidden(three), hidden(on))
	assert.Greater(t, hidden(thirty), hidden(on))
	assert.Contains(t, on, "<10")
	assert.Contains(t, thirty, "<30")
	assert.NotContains(t, three, "<10")
}

func TestReportWrongUsageExits2(t *testing.T) {
	db := makeDemo(t, "1")
	for name, args := range map[string][]string{
		"no database":     {},
		"unknown format":  {"-db", db, "-format", "xml"},
		"unknown privacy": {"-db", db, "-privacy", "maybe"},
		"min n too small": {"-db", db, "-min-n", "2"},
		"min n too large": {"-db", db, "-min-n", "31"},
		"invalid year":    {"-db", db, "-year", "FY25"},
		"unknown flag":    {"-db", db, "-color"},
		"extra argument":  {"-db", db, "extra"},
	} {
		code, out, stderr := runReportArgs(args...)
		assert.Equal(t, 2, code, name)
		assert.Empty(t, out, name)
		assert.NotEmpty(t, stderr, name)
	}
}

func TestReportInvalidInputExits1(t *testing.T) {
	db := makeDemo(t, "1")
	code, _, stderr := runReportArgs("-db", db, "-school", "NOPE")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, `"NOPE"`)

	code, _, _ = runReportArgs("-db", filepath.Join(t.TempDir(), "missing.db"))
	assert.Equal(t, 1, code)
}

func TestDemoWrongUsageExits2(t *testing.T) {
	var stderr bytes.Buffer
	assert.Equal(t, 2, demoCommand(nil, &stderr), "missing -out")
	assert.Equal(t, 2, demoCommand([]string{"-out", filepath.Join(t.TempDir(), "x.db"), "-students", "0"}, &stderr))
	assert.Equal(t, 2, demoCommand([]string{"-out", filepath.Join(t.TempDir(), "x.db"), "-years", "x"}, &stderr))
}

func TestReportUnknownDistrictListsKnownOnes(t *testing.T) {
	dir := t.TempDir()
	csv := "school_id,school_name,district_id,district_name\n"
	for i := range 23 {
		csv += fmt.Sprintf("S%02d,School %d,D%02d,District %d\n", i, i, 22-i, i)
	}
	path := filepath.Join(dir, "schools.csv")
	require.NoError(t, os.WriteFile(path, []byte(csv), 0o644))
	db := filepath.Join(dir, "districts.db")
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, importFiles([]string{"-db", db, path}, &stdout, &stderr), stderr.String())

	code, out, errOut := runReportArgs("-db", db, "-district", "D1")
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Equal(t, `readiness: district "D1" not found: choose a district_id of the database (D00, D01, D02, D03, D04, D05, D06, D07, D08, D09, D10, D11, D12, D13, D14, D15, D16, D17, D18, D19 and 3 more)`+"\n", errOut)

	plain := filepath.Join(dir, "plain.csv")
	require.NoError(t, os.WriteFile(plain, []byte("school_id,school_name\n1,A\n"), 0o644))
	noDistricts := filepath.Join(dir, "no_districts.db")
	require.Equal(t, 0, importFiles([]string{"-kind", "schools", "-db", noDistricts, plain}, &stdout, &stderr), stderr.String())
	code, _, errOut = runReportArgs("-db", noDistricts, "-district", "D1")
	assert.Equal(t, 1, code)
	assert.Equal(t, `readiness: district "D1" not found: the schools of the database have no district_id; leave out -district`+"\n", errOut)
}

func TestReportYearWithoutDataWarns(t *testing.T) {
	db := makeDemo(t, "1")
	code, out, stderr := runReportArgs("-db", db, "-school", "ALL", "-year", "2030-31")
	assert.Equal(t, 0, code)
	assert.Equal(t, "readiness report: warning: no data for school year 2030-31: the database has data for 2024-25, 2023-24, 2022-23\n"+
		"readiness report: "+syntheticNotice+"\n", stderr)
	assert.NotEmpty(t, parseReportCSV(t, out))

	code, _, stderr = runReportArgs("-db", db, "-school", "ALL", "-year", "2023-24")
	assert.Equal(t, 0, code)
	assert.NotContains(t, stderr, "warning", "a year with data gets no warning")
}

func TestDemoDefaultMatchesFirstRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	var stderr bytes.Buffer
	require.Equal(t, 0, demoCommand([]string{"-out", path}, &stderr), stderr.String())

	db, err := data.OpenReadOnly(context.Background(), path)
	require.NoError(t, err)
	defer db.Close()
	schools, err := db.Schools(context.Background(), "")
	require.NoError(t, err)
	assert.Len(t, schools, data.DefaultDemo.Schools+1, "six high schools and a skills center")
}

func TestReportLabelsDemoOnStderr(t *testing.T) {
	path := makeDemo(t, "3")
	code, stdout, stderr := runReportArgs("-db", path, "-school", "ALL")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, syntheticNotice)
	assert.NotContains(t, stdout, "synthetic", "the CSV keeps its fixed columns")
}
