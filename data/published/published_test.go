package published

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/data/cluster"
	"readiness/data/indicator"
)

// The files under testdata/ are excerpts of the published files: the header
// and a few lines copied byte for byte. Expected values below are read off
// those lines by hand.

// translateFile detects the layout of a testdata file and translates every
// record. It fails the test on an error.
func translateFile(t *testing.T, name string) (Format, []Row) {
	t.Helper()
	header, records := readCSV(t, filepath.Join("testdata", name))
	format, ok := Detect(header)
	require.True(t, ok, "header of %s not recognised: %q", name, header)
	var rows []Row
	for i, rec := range records {
		out, err := format.Translate(rec)
		require.NoError(t, err, "%s line %d", name, i+2)
		rows = append(rows, out...)
	}
	return format, rows
}

// readCSV reads a CSV file as the importer hands it over: each record keyed
// by the header names as written, the byte-order mark included.
func readCSV(t *testing.T, path string) ([]string, []map[string]string) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	r := csv.NewReader(f)
	header, err := r.Read()
	require.NoError(t, err)
	var records []map[string]string
	for {
		fields, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		rec := map[string]string{}
		for i, h := range header {
			rec[h] = fields[i]
		}
		records = append(records, rec)
	}
	return header, records
}

// reportedRow returns the reported_indicators row with this key, or fails.
func reportedRow(t *testing.T, rows []Row, school, year, ind, dim string) Row {
	t.Helper()
	for _, r := range rows {
		f := r.Fields
		if r.Kind == KindReportedIndicators && f["school_id"] == school && f["school_year"] == year &&
			f["indicator"] == ind && f["dimension"] == dim {
			return r
		}
	}
	require.Failf(t, "row not found", "%s %s %s %s", school, year, ind, dim)
	return Row{}
}

func hasReported(rows []Row, school, ind, dim string) bool {
	for _, r := range rows {
		if r.Kind == KindReportedIndicators && r.Fields["school_id"] == school &&
			r.Fields["indicator"] == ind && r.Fields["dimension"] == dim {
			return true
		}
	}
	return false
}

func schoolRows(rows []Row) map[string]Row {
	out := map[string]Row{}
	for _, r := range rows {
		if r.Kind == KindSchools {
			out[r.Fields["school_id"]] = r
		}
	}
	return out
}

func TestDetectNames(t *testing.T) {
	cases := map[string]string{
		"concentrators.csv": "NC DPI CTE concentrators by school and Career Cluster",
		"credentials.csv":   "NC DPI CTE credentials earned by school",
		"enrollment.csv":    "NC DPI CTE enrollment by school",
		"college.csv":       "NC DPI college enrollment of graduates by school",
		"directory.csv":     "NC DPI school directory",
		"wa_directory.csv":  "OSPI Washington State Public Schools directory",
		"pcrn.csv":          "Perkins V CTE concentrators by state and Career Cluster",
	}
	for file, want := range cases {
		t.Run(file, func(t *testing.T) {
			header, _ := readCSV(t, filepath.Join("testdata", file))
			format, ok := Detect(header)
			require.True(t, ok)
			assert.Equal(t, want, format.Name())
		})
	}
}

func TestDetectStandardHeaderUnknown(t *testing.T) {
	for _, header := range [][]string{
		{"school_id", "school_year", "indicator", "dimension", "value"},
		{"school_id", "school_name"},
		{"year", "agency_code"},
		{},
	} {
		_, ok := Detect(header)
		assert.False(t, ok, "%q", header)
	}
}

func TestDetectIgnoresCaseSpaceAndBOM(t *testing.T) {
	format, ok := Detect([]string{"\ufeffYear", " Agency_Code ", "CAREER_CLUSTER", "num_concentrators", "extra"})
	require.True(t, ok)
	rows, err := format.Translate(map[string]string{
		"\ufeffYear": "2022", " Agency_Code ": "920316", "CAREER_CLUSTER": "HLTH", "num_concentrators": "23",
	})
	require.NoError(t, err)
	r := reportedRow(t, rows, "920316", "2022", indicator.CTEConcentrators, "Health Science")
	assert.Equal(t, "23", r.Fields["value"])
}

func TestConcentratorsPerCluster(t *testing.T) {
	_, rows := translateFile(t, "concentrators.csv")

	// 2022,920316,INFO,73 and 2017,920316,INFO,500: Apex High.
	r := reportedRow(t, rows, "920316", "2022", indicator.CTEConcentrators, "Information Technology")
	assert.Equal(t, "73", r.Fields["value"])
	assert.Equal(t, "N", r.Fields["suppressed"])
	assert.Equal(t, NCSource, r.Fields["source"])
	assert.Equal(t, "num_concentrators", r.Column)
	assert.NotContains(t, r.Fields, "display")
	r = reportedRow(t, rows, "920316", "2017", indicator.CTEConcentrators, "Information Technology")
	assert.Equal(t, "500", r.Fields["value"])
	// 2017,920316,ARCH,103
	r = reportedRow(t, rows, "920316", "2017", indicator.CTEConcentrators, "Architecture & Construction")
	assert.Equal(t, "103", r.Fields["value"])
	// 2018,920316,EDUC,0: a published zero stays a zero.
	r = reportedRow(t, rows, "920316", "2018", indicator.CTEConcentrators, "Education & Training")
	assert.Equal(t, "0", r.Fields["value"])
	// 2022,780385,GOVT,1: the code missing from NCDPI's code table.
	r = reportedRow(t, rows, "780385", "2022", indicator.CTEConcentrators, "Government & Public Administration")
	assert.Equal(t, "1", r.Fields["value"])
	// 2017,92F000,MRKT,1: a charter school.
	r = reportedRow(t, rows, "92F000", "2017", indicator.CTEConcentrators, "Marketing")
	assert.Equal(t, "1", r.Fields["value"])
}

func TestConcentratorsLeaveOutLEATotals(t *testing.T) {
	_, rows := translateFile(t, "concentrators.csv")

	for _, lea := range []string{"920LEA", "780LEA"} {
		assert.False(t, hasReported(rows, lea, indicator.CTEConcentrators, "Health Science"), lea)
		assert.NotContains(t, schoolRows(rows), lea)
	}
	// 26 records, of which 3 are LEA totals: one row per school record.
	n := 0
	for _, r := range rows {
		if r.Kind == KindReportedIndicators {
			n++
		}
	}
	assert.Equal(t, 23, n)
}

func TestConcentratorsPlaceholderSchoolsOnce(t *testing.T) {
	_, rows := translateFile(t, "concentrators.csv")

	schools := schoolRows(rows)
	assert.Len(t, schools, 3) // 920316, 780385, 92F000
	count := 0
	for _, r := range rows {
		if r.Kind == KindSchools {
			count++
			assert.True(t, r.IfMissing)
			assert.Equal(t, "agency_code", r.Column)
		}
	}
	assert.Equal(t, 3, count, "one placeholder per school, not per record")

	apex := schools["920316"].Fields
	assert.Equal(t, "School 920316 (not in the directory)", apex["school_name"])
	assert.Equal(t, "920LEA", apex["district_id"])
	assert.Equal(t, "Wake County Schools", apex["district_name"])
	charter := schools["92F000"].Fields
	assert.Equal(t, CharterDistrictID, charter["district_id"])
	assert.Equal(t, "Charter schools", charter["district_name"])
}

func TestConcentratorsRejectBadCells(t *testing.T) {
	cases := []struct {
		name, cluster, count, column string
	}{
		{"unknown cluster", "CD", "3", "career_cluster"},
		{"negative count", "HLTH", "-1", "num_concentrators"},
		{"fraction", "HLTH", "2.5", "num_concentrators"},
		{"text", "HLTH", "many", "num_concentrators"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			format, ok := Detect(ncConcentratorColumns)
			require.True(t, ok)
			_, err := format.Translate(map[string]string{
				"year": "2022", "agency_code": "920316", "career_cluster": c.cluster, "num_concentrators": c.count,
			})
			var fe *FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, c.column, fe.Column)
		})
	}
}

func TestConcentratorsRejectBadYear(t *testing.T) {
	format, _ := Detect(ncConcentratorColumns)
	_, err := format.Translate(map[string]string{
		"year": "FY22", "agency_code": "920316", "career_cluster": "HLTH", "num_concentrators": "1",
	})
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "year", fe.Column)
	assert.Equal(t, "FY22", fe.Value)
}

func TestClusterCodesNameNationalClusters(t *testing.T) {
	national := map[string]bool{}
	for _, c := range cluster.ClustersNational {
		national[c.Name] = true
	}
	used := map[string]bool{}
	for code, name := range ncClusterCodes {
		assert.True(t, national[name], "%s maps to %q, which is no National Career Cluster", code, name)
		assert.False(t, used[name], "%q mapped twice", name)
		used[name] = true
	}
	assert.Len(t, ncClusterCodes, len(cluster.ClustersNational))
}

func TestCredentialsAll(t *testing.T) {
	_, rows := translateFile(t, "credentials.csv")

	// 2018,920316,489,1415,35 and 2022,920316,965,,
	r := reportedRow(t, rows, "920316", "2018", indicator.CredentialsEarned, indicator.All)
	assert.Equal(t, "489", r.Fields["value"])
	assert.Equal(t, "num_credentials", r.Column)
	r = reportedRow(t, rows, "920316", "2022", indicator.CredentialsEarned, indicator.All)
	assert.Equal(t, "965", r.Fields["value"])

	assert.False(t, hasReported(rows, "920LEA", indicator.CredentialsEarned, indicator.All))
	assert.False(t, hasReported(rows, "920316", indicator.CredentialRate, indicator.All),
		"cred_earned_pct is credentials per enrollment, not the credential rate")
}

func TestEnrollmentValues(t *testing.T) {
	_, rows := translateFile(t, "enrollment.csv")

	// 2022,920316,2372,1610,67.88,
	r := reportedRow(t, rows, "920316", "2022", indicator.CTEParticipants, indicator.All)
	assert.Equal(t, "1610", r.Fields["value"])
	assert.Equal(t, "cte_enroll", r.Column)
	r = reportedRow(t, rows, "920316", "2022", indicator.TotalEnrollment, indicator.All)
	assert.Equal(t, "2372", r.Fields["value"])
	r = reportedRow(t, rows, "920316", "2022", indicator.CTEParticipationRate, indicator.All)
	assert.Equal(t, "0.6788", r.Fields["value"])
	// 2018,920316,2010,1421,70.7,
	r = reportedRow(t, rows, "920316", "2018", indicator.CTEParticipationRate, indicator.All)
	assert.Equal(t, "0.707", r.Fields["value"])
}

func TestEnrollmentMasking(t *testing.T) {
	_, rows := translateFile(t, "enrollment.csv")

	cases := []struct {
		school, display, total string
	}{
		{"040306", ">95%", "639"}, // 2020,040306,639,,95,1
		{"01D000", "<5%", "297"},  // 2020,01D000,297,,5,2
		{"920001", "<10", ""},     // 2020,920001,,,,3
	}
	for _, c := range cases {
		t.Run(c.school, func(t *testing.T) {
			for _, ind := range []string{indicator.CTEParticipants, indicator.CTEParticipationRate} {
				r := reportedRow(t, rows, c.school, "2020", ind, indicator.All)
				assert.Equal(t, "", r.Fields["value"], "%s: a bound is never a value", ind)
				assert.Equal(t, "Y", r.Fields["suppressed"], ind)
				assert.Equal(t, c.display, r.Fields["display"], ind)
			}
			total := reportedRow(t, rows, c.school, "2020", indicator.TotalEnrollment, indicator.All)
			assert.Equal(t, c.total, total.Fields["value"])
		})
	}
}

// The file repeats 34H000 and 92W000 in 2021-22. The first line of each
// is kept, so the import receives one value per key.
func TestEnrollmentRepeatedSchoolYear(t *testing.T) {
	_, rows := translateFile(t, "enrollment.csv")

	count := map[string]int{}
	for _, r := range rows {
		if r.Kind == KindReportedIndicators && r.Fields["indicator"] == indicator.CTEParticipants {
			count[r.Fields["school_id"]+" "+r.Fields["school_year"]]++
		}
	}
	assert.Equal(t, 1, count["34H000 2022"])
	assert.Equal(t, 1, count["92W000 2022"])
	// 2022,34H000,639,37,5.79, comes before 2022,34H000,639,,5,2
	r := reportedRow(t, rows, "34H000", "2022", indicator.CTEParticipants, indicator.All)
	assert.Equal(t, "37", r.Fields["value"])
	r = reportedRow(t, rows, "92W000", "2022", indicator.CTEParticipationRate, indicator.All)
	assert.Equal(t, "<5%", r.Fields["display"])
}

func TestEnrollmentRejectUnknownMask(t *testing.T) {
	format, _ := Detect(ncEnrollmentColumns)
	_, err := format.Translate(map[string]string{
		"year": "2022", "agency_code": "920316", "stu_enroll": "10", "cte_enroll": "", "pct": "", "masking": "7",
	})
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "masking", fe.Column)
}

func TestCollegeByGraduationYear(t *testing.T) {
	_, rows := translateFile(t, "college.csv")

	// 2022,2021,920316,ENROLL,All,393,0.7813121272, lands in 2020-21.
	r := reportedRow(t, rows, "920316", "2021", indicator.PostsecondaryStudents, indicator.OutcomeEnrolled)
	assert.Equal(t, "393", r.Fields["value"])
	r = reportedRow(t, rows, "920316", "2021", indicator.PostsecondaryStudents, indicator.OutcomeNotEnrolled)
	assert.Equal(t, "110", r.Fields["value"])
	r = reportedRow(t, rows, "920316", "2021", indicator.PostsecondaryEnrollmentRate, indicator.All)
	assert.Equal(t, "0.7813121272", r.Fields["value"])
	// 2013,2011,920316: the class of 2011, reported two years later.
	r = reportedRow(t, rows, "920316", "2011", indicator.PostsecondaryStudents, indicator.OutcomeEnrolled)
	assert.Equal(t, "473", r.Fields["value"])
	r = reportedRow(t, rows, "920316", "2011", indicator.PostsecondaryEnrollmentRate, indicator.All)
	assert.Equal(t, "0.8631", r.Fields["value"])
	for _, row := range rows {
		assert.NotEqual(t, "2022", row.Fields["school_year"], "no row lands in a report year")
	}
}

func TestCollegeMasking(t *testing.T) {
	_, rows := translateFile(t, "college.csv")

	// 2022,2021,040304,ENROLL,All,54,0.95,1: the count is published, the
	// share is the bound of ">95%".
	r := reportedRow(t, rows, "040304", "2021", indicator.PostsecondaryStudents, indicator.OutcomeEnrolled)
	assert.Equal(t, "54", r.Fields["value"])
	r = reportedRow(t, rows, "040304", "2021", indicator.PostsecondaryEnrollmentRate, indicator.All)
	assert.Equal(t, "", r.Fields["value"])
	assert.Equal(t, ">95%", r.Fields["display"])
	// 2022,2021,040304,NOENRO,All,,0.05,2
	r = reportedRow(t, rows, "040304", "2021", indicator.PostsecondaryStudents, indicator.OutcomeNotEnrolled)
	assert.Equal(t, "", r.Fields["value"])
	assert.Equal(t, "Y", r.Fields["suppressed"])
	assert.Equal(t, "<5%", r.Fields["display"])
	// 2022,2021,070310,ENROLL,All,,0.1707317073,3
	r = reportedRow(t, rows, "070310", "2021", indicator.PostsecondaryStudents, indicator.OutcomeEnrolled)
	assert.Equal(t, "<10", r.Fields["display"])
	r = reportedRow(t, rows, "070310", "2021", indicator.PostsecondaryEnrollmentRate, indicator.All)
	assert.Equal(t, "", r.Fields["value"])
	assert.Equal(t, "<10", r.Fields["display"])
	// 2013,2011,111301,ENROLL,ALL,,0.6,: a count left blank with no code.
	r = reportedRow(t, rows, "111301", "2011", indicator.PostsecondaryStudents, indicator.OutcomeEnrolled)
	assert.Equal(t, "", r.Fields["value"])
	assert.Equal(t, "Y", r.Fields["suppressed"])
	assert.NotContains(t, r.Fields, "display")
}

func TestCollegeLeavesOutNOAndTotals(t *testing.T) {
	_, rows := translateFile(t, "college.csv")

	for _, r := range rows {
		assert.NotContains(t, []string{"920LEA", "NC-SEA"}, r.Fields["school_id"])
		if r.Fields["indicator"] == indicator.PostsecondaryStudents {
			assert.Contains(t, []string{indicator.OutcomeEnrolled, indicator.OutcomeNotEnrolled}, r.Fields["dimension"])
		}
	}
	// 2015,2013,920316,NOENRO,ALL,168,,: the NOENRO share is never read.
	r := reportedRow(t, rows, "920316", "2013", indicator.PostsecondaryStudents, indicator.OutcomeNotEnrolled)
	assert.Equal(t, "168", r.Fields["value"])
}

func TestCollegeSkipsStudentGroups(t *testing.T) {
	format, _ := Detect(ncCollegeColumns)
	rows, err := format.Translate(map[string]string{
		"year": "2022", "graduation_year": "2021", "agency_code": "920316", "status": "ENROLL",
		"subgroup": "FEM", "count": "200", "pct_enrolled": "0.8", "masking": "",
	})
	require.NoError(t, err)
	assert.Empty(t, rows)
}

func TestNCDirectorySchools(t *testing.T) {
	_, rows := translateFile(t, "directory.csv")

	schools := schoolRows(rows)
	assert.Len(t, rows, 5, "one row per school; none for the LEA or the state")
	assert.NotContains(t, schools, "920LEA")
	assert.NotContains(t, schools, "NC-SEA")

	apex := schools["920316"]
	assert.False(t, apex.IfMissing)
	assert.Equal(t, map[string]string{
		"school_id": "920316", "school_name": "Apex High", "district_id": "920LEA",
		"district_name": "Wake County Schools", "grade_low": "9", "grade_high": "12",
		"school_type": "Regular School",
	}, apex.Fields)

	charter := schools["92F000"].Fields
	assert.Equal(t, "Franklin Academy", charter["school_name"])
	assert.Equal(t, CharterDistrictID, charter["district_id"])
	assert.Equal(t, "K", charter["grade_low"])

	deaf := schools["298202"].Fields
	assert.Equal(t, "298LEA", deaf["district_id"])
	assert.Equal(t, "298LEA (unnamed)", deaf["district_name"])
	assert.Equal(t, "K", deaf["grade_low"])

	// The address of 998731 holds a quoted comma; the columns stay aligned.
	assert.Equal(t, "Westcare NC Girls Academy", schools["998731"].Fields["school_name"])
	assert.Equal(t, "5", schools["998731"].Fields["grade_low"])
	assert.Equal(t, "Exceptional Childr", schools["920324"].Fields["school_type"])
}

func TestNCGradeSpan(t *testing.T) {
	cases := map[string][2]string{
		"09:12": {"9", "12"}, "0K:08": {"K", "8"}, "KG:13": {"K", "13"}, "PK:05": {"PK", "5"},
		"9:12": {"9", "12"}, "": {"", ""}, "06": {"", ""},
	}
	for span, want := range cases {
		low, high := ncGradeSpan(span)
		assert.Equal(t, want, [2]string{low, high}, span)
	}
}

func TestWADirectorySchools(t *testing.T) {
	_, rows := translateFile(t, "wa_directory.csv")

	require.Len(t, rows, 2)
	schools := schoolRows(rows)
	assert.Equal(t, map[string]string{
		"school_id": "2083", "school_name": "Washington Elementary School", "district_id": "27010",
		"district_name": "Tacoma School District", "grade_low": "PK", "grade_high": "5",
		"school_type": "Public School",
	}, schools["2083"].Fields)
	assert.Equal(t, "SchoolCode", schools["2083"].Column)

	skills := schools["5961"].Fields
	assert.Equal(t, "Pierce County Skills Center", skills["school_name"])
	assert.Equal(t, "27403", skills["district_id"])
	assert.Equal(t, "Bethel School District", skills["district_name"])
	assert.Equal(t, "Vocational/Technical Skills Center", skills["school_type"])
	assert.Equal(t, "8", skills["grade_low"])
}

func TestWADirectoryStoresNoContactData(t *testing.T) {
	_, rows := translateFile(t, "wa_directory.csv")
	for _, r := range rows {
		for _, v := range r.Fields {
			assert.NotContains(t, v, "253.")
			assert.NotContains(t, v, "Tacoma, Washington")
		}
	}
}

func TestPCRNRejected(t *testing.T) {
	header, records := readCSV(t, filepath.Join("testdata", "pcrn.csv"))
	format, ok := Detect(header)
	require.True(t, ok)
	rows, err := format.Translate(records[0])
	assert.Empty(t, rows)
	assert.True(t, errors.Is(err, ErrNotPerSchool))
	assert.Contains(t, err.Error(), "state totals")
}

func TestToFraction(t *testing.T) {
	cases := []struct {
		in      string
		percent bool
		want    string
		ok      bool
	}{
		{"67.88", true, "0.6788", true},
		{"70.7", true, "0.707", true},
		{"100", true, "1", true},
		{"0", true, "0", true},
		{"0.7813121272", false, "0.7813121272", true},
		{"1", false, "1", true},
		{"101", true, "", false},
		{"1.2", false, "", false},
		{"-5", true, "", false},
		{"1e2", true, "", false},
		{"abc", true, "", false},
	}
	for _, c := range cases {
		got, ok := toFraction(c.in, c.percent)
		assert.Equal(t, c.ok, ok, c.in)
		assert.Equal(t, c.want, got, c.in)
	}
}
