package published

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The published files themselves live outside the repository, in
// shared/real-data beside the checkout (or beside one of its parent
// folders). Tests that read them skip when the folder is absent.

// Names of the published files.
const (
	NCConcentratorsFile = "nc_dpi_src_cte_concentrators_by_school_cluster_2017-2022.csv"
	NCCredentialsFile   = "nc_dpi_src_cte_credentials_by_school_2018-2022.csv"
	NCEnrollmentFile    = "nc_dpi_src_cte_enrollment_by_school_2018-2022.csv"
	NCCollegeFile       = "nc_dpi_src_college_enrollment_all_students_2013-2022.csv"
	NCDirectoryFile     = "nc_dpi_src_location_directory_for_cte_agencies.csv"
	WADirectoryFile     = "wa_ospi_public_schools_tacoma_sd_and_skill_centers.csv"
	PCRNFile            = "pcrn_perkins_v_concentrators_by_career_cluster_2020-21_all_states.csv"
)

// RealDataDir returns the folder of the published files, or skips the test
// when it cannot be found. It looks for shared/real-data in the folders above
// the repository root (the folder with go.mod).
func RealDataDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root not found")
		}
		dir = parent
	}
	for {
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("shared/real-data not found above the repository: the published files are not here")
		}
		dir = parent
		candidate := filepath.Join(dir, "shared", "real-data")
		if _, err := os.Stat(filepath.Join(candidate, NCConcentratorsFile)); err == nil {
			return candidate
		}
	}
}

// translateReal translates every record of a published file.
func translateReal(t *testing.T, name string) []Row {
	t.Helper()
	header, records := readCSV(t, filepath.Join(RealDataDir(t), name))
	format, ok := Detect(header)
	require.True(t, ok, "header of %s not recognised", name)
	var rows []Row
	for i, rec := range records {
		out, err := format.Translate(rec)
		require.NoError(t, err, "%s line %d", name, i+2)
		rows = append(rows, out...)
	}
	return rows
}

// countKinds returns the number of reported_indicators rows and of
// placeholder schools rows.
func countKinds(rows []Row) (reported, placeholders int) {
	for _, r := range rows {
		switch {
		case r.Kind == KindReportedIndicators:
			reported++
		case r.IfMissing:
			placeholders++
		}
	}
	return reported, placeholders
}

// The expected counts were worked out from the files with a separate
// script: records whose agency_code is a school (not …LEA, not NC-SEA),
// and the distinct school codes among them.
func TestRealFilesTranslateWhole(t *testing.T) {
	cases := []struct {
		file                   string
		reported, placeholders int
	}{
		// One row per school record.
		{NCConcentratorsFile, 26376, 691},
		{NCCredentialsFile, 2263, 574},
		// 6,239 school records, less two repeated school-years, each with
		// participants, total and rate.
		{NCEnrollmentFile, 3 * (6239 - 2), 1500},
		// 11,772 ENROLL and NOENRO school records, plus 5,588 ENROLL records
		// with a share or a mask.
		{NCCollegeFile, 11772 + 5588, 738},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			reported, placeholders := countKinds(translateReal(t, c.file))
			assert.Equal(t, c.reported, reported)
			assert.Equal(t, c.placeholders, placeholders)
		})
	}
}

func TestRealDirectories(t *testing.T) {
	nc := schoolRows(translateReal(t, NCDirectoryFile))
	assert.Len(t, nc, 1533)
	wa := schoolRows(translateReal(t, WADirectoryFile))
	assert.Len(t, wa, 89)

	tacoma := 0
	for _, r := range wa {
		if r.Fields["district_id"] == "27010" {
			tacoma++
		}
	}
	assert.Equal(t, 69, tacoma)
}

// The NCDPI directory's LEA rows must give exactly the names kept in
// ncLEANames.
func TestRealLEANamesMatchDirectory(t *testing.T) {
	header, records := readCSV(t, filepath.Join(RealDataDir(t), NCDirectoryFile))
	h := newHeader(header)
	fromFile := map[string]string{}
	for _, rec := range records {
		if level, _ := h.cell(rec, "agency_level"); level == "LEA" {
			code, _ := h.cell(rec, "agency_code")
			fromFile[code], _ = h.cell(rec, "name")
		}
	}
	assert.Equal(t, fromFile, ncLEANames)
}

func TestRealPCRNRejected(t *testing.T) {
	header, records := readCSV(t, filepath.Join(RealDataDir(t), PCRNFile))
	format, ok := Detect(header)
	require.True(t, ok)
	require.NotEmpty(t, records)
	_, err := format.Translate(records[0])
	assert.True(t, errors.Is(err, ErrNotPerSchool))
}

// The rows of all North Carolina files together must fit the store: one
// reported row per school, school year, indicator and dimension, and a
// schools row for every school a reported row names.
func TestRealRowsFitTheStore(t *testing.T) {
	schools := map[string]bool{}
	keys := map[[4]string]string{}
	var reported []Row
	for _, file := range []string{NCDirectoryFile, NCConcentratorsFile, NCCredentialsFile, NCEnrollmentFile, NCCollegeFile} {
		for _, r := range translateReal(t, file) {
			if r.Kind == KindSchools {
				schools[r.Fields["school_id"]] = true
				continue
			}
			f := r.Fields
			key := [4]string{f["school_id"], f["school_year"], f["indicator"], f["dimension"]}
			if first, dup := keys[key]; dup {
				t.Errorf("%v from %s and again from %s", key, first, file)
			}
			keys[key] = file
			reported = append(reported, r)
		}
	}
	for _, r := range reported {
		require.True(t, schools[r.Fields["school_id"]], "no schools row for %s", r.Fields["school_id"])
	}
	// 1,533 directory schools and the 21 codes without a directory row, of
	// which 298LEA, 996LEA, 997LEA and 998LEA are LEA totals.
	assert.Equal(t, 1533+21-4, len(schools))
}
