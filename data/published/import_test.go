package published_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/data"
	"readiness/data/indicator"
	"readiness/data/published"
)

// Spot checks after a real import of the published files. Each expected
// value was read off the file named beside it; the line is quoted.

var (
	importOnce sync.Once
	importPath string
	importErr  error
)

// importedDB imports every North Carolina file and the Washington directory
// into one database, once for all tests of the package, and opens it.
func importedDB(t *testing.T) *data.DB {
	t.Helper()
	dir := published.RealDataDir(t)
	ctx := context.Background()
	importOnce.Do(func() {
		importPath = filepath.Join(tempDir, "real.db")
		var db *data.DB
		db, importErr = data.Open(ctx, importPath)
		if importErr != nil {
			return
		}
		defer db.Close()
		var files []data.ImportFile
		for _, name := range []string{
			published.NCDirectoryFile,
			published.NCConcentratorsFile,
			published.NCCredentialsFile,
			published.NCEnrollmentFile,
			published.NCCollegeFile,
			published.WADirectoryFile,
		} {
			files = append(files, data.ImportFile{Path: filepath.Join(dir, name)})
		}
		_, importErr = db.Import(ctx, files, data.ImportOptions{})
	})
	require.NoError(t, importErr, "import the published files")
	db, err := data.OpenReadOnly(ctx, importPath)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

// tempDir holds the imported database for every test of the binary; t.TempDir
// would remove it after the first test.
var tempDir string

func TestMain(m *testing.M) {
	var err error
	tempDir, err = os.MkdirTemp("", "readiness-published-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "create temporary folder:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(tempDir)
	os.Exit(code)
}

// indicatorRow returns the indicator row with this key, or fails.
func indicatorRow(t *testing.T, rows []indicator.Row, ind, dim string) indicator.Row {
	t.Helper()
	for _, r := range rows {
		if r.Indicator == ind && r.Dimension == dim {
			return r
		}
	}
	require.Failf(t, "indicator row not found", "%s %s", ind, dim)
	return indicator.Row{}
}

func indicators(t *testing.T, db *data.DB, district, school string, year int) []indicator.Row {
	t.Helper()
	rows, err := db.Indicators(context.Background(), data.Filter{DistrictID: district, SchoolID: school, Year: year})
	require.NoError(t, err)
	return rows
}

func TestImportedConcentrators(t *testing.T) {
	db := importedDB(t)
	cases := []struct {
		year    int
		cluster string
		want    float64
	}{
		{2022, "Information Technology", 73},                 // 2022,920316,INFO,73
		{2022, "Architecture & Construction", 62},            // 2022,920316,ARCH,62
		{2017, "Information Technology", 500},                // 2017,920316,INFO,500
		{2017, "Hospitality & Tourism", 92},                  // 2017,920316,HOSP,92
		{2018, "Education & Training", 0},                    // 2018,920316,EDUC,0
		{2020, "Agriculture, Food & Natural Resources", 112}, // 2020,920316,AGNR,112
	}
	for _, c := range cases {
		t.Run(c.cluster, func(t *testing.T) {
			rows := indicators(t, db, "920LEA", "920316", c.year)
			r := indicatorRow(t, rows, indicator.CTEConcentrators, c.cluster)
			assert.True(t, r.HasValue)
			assert.Equal(t, c.want, r.Value)
			assert.Equal(t, published.NCSource, r.Source)
		})
	}
}

func TestImportedGovernmentCluster(t *testing.T) {
	db := importedDB(t)
	// 2022,780385,GOVT,1
	r := indicatorRow(t, indicators(t, db, "780LEA", "780385", 2022), indicator.CTEConcentrators, "Government & Public Administration")
	assert.Equal(t, 1.0, r.Value)
}

func TestImportedCredentials(t *testing.T) {
	db := importedDB(t)
	// 2022,920316,965,, and 2018,920316,489,1415,35
	r := indicatorRow(t, indicators(t, db, "920LEA", "920316", 2022), indicator.CredentialsEarned, indicator.All)
	assert.Equal(t, 965.0, r.Value)
	r = indicatorRow(t, indicators(t, db, "920LEA", "920316", 2018), indicator.CredentialsEarned, indicator.All)
	assert.Equal(t, 489.0, r.Value)
}

func TestImportedMaskedEnrollment(t *testing.T) {
	db := importedDB(t)
	// 2020,040306,639,,95,1: more than 95% in CTE, count withheld.
	rows := indicators(t, db, "040LEA", "040306", 2020)
	participants := indicatorRow(t, rows, indicator.CTEParticipants, indicator.All)
	assert.False(t, participants.HasValue, "the bound 95 is never a value")
	total := indicatorRow(t, rows, indicator.TotalEnrollment, indicator.All)
	assert.Equal(t, 639.0, total.Value)

	protected := indicator.Protect(rows, 10)
	assert.Equal(t, ">95%", indicatorRow(t, protected, indicator.CTEParticipants, indicator.All).Text)
	assert.Equal(t, ">95%", indicatorRow(t, protected, indicator.CTEParticipationRate, indicator.All).Text)
}

func TestImportedPostsecondary(t *testing.T) {
	db := importedDB(t)
	// 2022,2021,920316,ENROLL,All,393,0.7813121272, is the class of 2021.
	rows := indicators(t, db, "920LEA", "920316", 2021)
	r := indicatorRow(t, rows, indicator.PostsecondaryStudents, indicator.OutcomeEnrolled)
	assert.Equal(t, 393.0, r.Value)
	r = indicatorRow(t, rows, indicator.PostsecondaryStudents, indicator.OutcomeNotEnrolled)
	assert.Equal(t, 110.0, r.Value)
	r = indicatorRow(t, rows, indicator.PostsecondaryEnrollmentRate, indicator.All)
	assert.InDelta(t, 0.7813121272, r.Value, 1e-12)
}

// In 2021-22 Wake's LEA rows equal the sum of its schools, so the district
// figure computed from the schools must equal the published LEA total, not
// twice it.
func TestImportedLEATotalNotDoubled(t *testing.T) {
	db := importedDB(t)
	rows := indicators(t, db, "920LEA", indicator.AllSchools, 2022)
	// 2022,920LEA,HLTH,701 and 2022,920LEA,INFO,729
	assert.Equal(t, 701.0, indicatorRow(t, rows, indicator.CTEConcentrators, "Health Science").Value)
	assert.Equal(t, 729.0, indicatorRow(t, rows, indicator.CTEConcentrators, "Information Technology").Value)
	// 2022,920LEA,16489,,
	assert.Equal(t, 16489.0, indicatorRow(t, rows, indicator.CredentialsEarned, indicator.All).Value)
}

func TestImportedDistricts(t *testing.T) {
	db := importedDB(t)
	ctx := context.Background()
	districts, err := db.Districts(ctx)
	require.NoError(t, err)
	names := map[string]string{}
	for _, d := range districts {
		names[d.ID] = d.Name
	}
	assert.Equal(t, "Wake County Schools", names["920LEA"])
	assert.Equal(t, "Charter schools", names[published.CharterDistrictID])
	assert.Equal(t, "Tacoma School District", names["27010"])
	assert.NotContains(t, names, "")

	wake, err := db.Schools(ctx, "920LEA")
	require.NoError(t, err)
	byID := map[string]data.School{}
	for _, s := range wake {
		byID[s.ID] = s
	}
	assert.NotContains(t, byID, "920LEA", "an LEA is not a school")
	// 2022,920316,SCH,P,Apex High,...,H,920LEA,09:12,Regular School,...
	apex := byID["920316"]
	assert.Equal(t, "Apex High", apex.Name)
	assert.Equal(t, "9", apex.GradeLow)
	assert.Equal(t, "12", apex.GradeHigh)
	// 920001 appears in the data files but not in the directory.
	assert.Equal(t, "School 920001 (not in the directory)", byID["920001"].Name)
}

func TestImportedTacomaSchools(t *testing.T) {
	db := importedDB(t)
	schools, err := db.Schools(context.Background(), "27010")
	require.NoError(t, err)
	assert.Len(t, schools, 69)
}

// Every 2021-22 concentrator count the publisher gives for a Wake County
// school must come back from the store unchanged.
func TestImportedReproducesWakeConcentrators(t *testing.T) {
	db := importedDB(t)
	f, err := os.Open(filepath.Join(published.RealDataDir(t), published.NCConcentratorsFile))
	require.NoError(t, err)
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)

	bySchool := map[string][][]string{}
	for _, rec := range records[1:] { // year, agency_code, career_cluster, num_concentrators
		if rec[0] == "2022" && strings.HasPrefix(rec[1], "920") && !strings.HasSuffix(rec[1], "LEA") {
			bySchool[rec[1]] = append(bySchool[rec[1]], rec)
		}
	}
	require.Len(t, bySchool, 34, "Wake schools with concentrators in 2021-22")

	for school, recs := range bySchool {
		rows := indicators(t, db, "920LEA", school, 2022)
		for _, rec := range recs {
			want, err := strconv.ParseFloat(rec[3], 64)
			require.NoError(t, err)
			cluster := clusterOfCode[rec[2]]
			r := indicatorRow(t, rows, indicator.CTEConcentrators, cluster)
			assert.Equal(t, want, r.Value, "%s %s", school, cluster)
		}
	}
}

// clusterOfCode spells out the NCDPI codes that Wake's 2021-22 rows use,
// written here again so that a wrong mapping in the package shows.
var clusterOfCode = map[string]string{
	"AGNR": "Agriculture, Food & Natural Resources",
	"ARCH": "Architecture & Construction",
	"AAVC": "Arts, A/V Technology & Communications",
	"BMA":  "Business Management & Administration",
	"EDUC": "Education & Training",
	"FINA": "Finance",
	"HLTH": "Health Science",
	"HOSP": "Hospitality & Tourism",
	"HUMA": "Human Services",
	"INFO": "Information Technology",
	"LAW":  "Law, Public Safety, Corrections & Security",
	"MANU": "Manufacturing",
	"MRKT": "Marketing",
	"STEM": "Science, Technology, Engineering & Mathematics",
	"TRAN": "Transportation, Distribution & Logistics",
}
