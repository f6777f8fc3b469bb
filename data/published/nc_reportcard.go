package published

import (
	"strings"

	"readiness/data/indicator"
)

// The report-card tables of NCDPI's "SRC datasets for researchers", one
// Format each. Every table gives the year by its ending calendar year and
// the agency by agency_code: a school, an LEA total (…LEA) or the state
// (NC-SEA).

var ncConcentratorColumns = []string{"year", "agency_code", "career_cluster", "num_concentrators"}

// ncConcentrators reads rcd_cte_concentrators: CTE concentrators per school,
// year and NCDPI Career Cluster code.
type ncConcentrators struct{ ncBase }

func newNCConcentrators(h header) Format { return &ncConcentrators{newNCBase(h)} }

func (f *ncConcentrators) Name() string {
	return "NC DPI CTE concentrators by school and Career Cluster"
}

// Translate returns cte_concentrators for the record's cluster. It returns
// no "all" row: a student can concentrate in two clusters, and NCDPI
// publishes no count of distinct concentrators.
func (f *ncConcentrators) Translate(record map[string]string) ([]Row, error) {
	school, year, err := f.schoolYear(record, "year")
	if err != nil || school == "" {
		return nil, err
	}
	code, col := f.h.cell(record, "career_cluster")
	cluster, ok := ncClusterCodes[strings.ToUpper(code)]
	if !ok {
		return nil, &FieldError{Column: col, Value: code, Expected: "an NCDPI Career Cluster code: " + ncClusterCodeList()}
	}
	if f.repeated(school, year, cluster) {
		return nil, nil
	}
	key := reported{school, year, indicator.CTEConcentrators, cluster}
	row, err := key.count(f.h, record, "num_concentrators", "")
	if err != nil {
		return nil, err
	}
	return append(f.placeholder(school), row), nil
}

var ncCredentialColumns = []string{"year", "agency_code", "num_credentials"}

// ncCredentials reads rcd_cte_credentials: industry-recognized credentials
// earned per school and year.
type ncCredentials struct{ ncBase }

func newNCCredentials(h header) Format { return &ncCredentials{newNCBase(h)} }

func (f *ncCredentials) Name() string {
	return "NC DPI CTE credentials earned by school"
}

// Translate returns credentials_earned for "all". The 2017-18 columns
// num_enrollments and cred_earned_pct are left out: cred_earned_pct is
// credentials per enrolled student (up to 357%), not the credential_rate of
// concentrators who earned one, and num_enrollments matches neither the
// CTE enrollment table nor any published definition.
func (f *ncCredentials) Translate(record map[string]string) ([]Row, error) {
	school, year, err := f.schoolYear(record, "year")
	if err != nil || school == "" {
		return nil, err
	}
	if f.repeated(school, year) {
		return nil, nil
	}
	key := reported{school, year, indicator.CredentialsEarned, indicator.All}
	row, err := key.count(f.h, record, "num_credentials", "")
	if err != nil {
		return nil, err
	}
	return append(f.placeholder(school), row), nil
}

var ncEnrollmentColumns = []string{"year", "agency_code", "stu_enroll", "cte_enroll", "pct", "masking"}

// ncEnrollment reads rcd_cte_enrollment: all students and CTE students per
// school and year, with NCDPI's masking code.
type ncEnrollment struct{ ncBase }

func newNCEnrollment(h header) Format { return &ncEnrollment{newNCBase(h)} }

func (f *ncEnrollment) Name() string {
	return "NC DPI CTE enrollment by school"
}

// Translate returns cte_participants, total_enrollment and
// cte_participation_rate, each for "all". NCDPI counts students enrolled in
// at least one CTE course, which is a CTE participant.
func (f *ncEnrollment) Translate(record map[string]string) ([]Row, error) {
	school, year, err := f.schoolYear(record, "year")
	if err != nil || school == "" {
		return nil, err
	}
	if f.repeated(school, year) {
		return nil, nil
	}
	mask, err := f.mask(record)
	if err != nil {
		return nil, err
	}

	participants, err := reported{school, year, indicator.CTEParticipants, indicator.All}.count(f.h, record, "cte_enroll", mask)
	if err != nil {
		return nil, err
	}
	// A masking code concerns the CTE share; the school's total is shown
	// unless the cell is blank, as it is for schools masked "<10".
	total, err := reported{school, year, indicator.TotalEnrollment, indicator.All}.count(f.h, record, "stu_enroll", mask)
	if err != nil {
		return nil, err
	}
	rows := append(f.placeholder(school), participants, total)

	rate, ok, err := reported{school, year, indicator.CTEParticipationRate, indicator.All}.rate(f.h, record, "pct", mask, true)
	if err != nil {
		return nil, err
	}
	if ok {
		rows = append(rows, rate)
	}
	return rows, nil
}

var ncCollegeColumns = []string{"year", "graduation_year", "agency_code", "status", "subgroup", "count", "pct_enrolled", "masking"}

// ncCollege reads rcd_college: how many of a school's graduates enrolled in
// postsecondary education in the fall after graduation.
type ncCollege struct{ ncBase }

func newNCCollege(h header) Format { return &ncCollege{newNCBase(h)} }

func (f *ncCollege) Name() string {
	return "NC DPI college enrollment of graduates by school"
}

// Translate returns postsecondary_students by outcome, and from ENROLL rows
// also postsecondary_enrollment_rate. The row lands in the graduation year
// (class of 2021 in 2020-21), as postsecondary_students is defined, not in
// the report year, which is one or two years later. Only all-students rows
// are read: NCDPI's full table repeats each school for other student groups.
// Status NO is left out: its meaning is not documented and its count is
// blank in all but ten rows. The share on NOENRO rows is left out too,
// because its meaning changes between years.
func (f *ncCollege) Translate(record map[string]string) ([]Row, error) {
	if group, _ := f.h.cell(record, "subgroup"); !strings.EqualFold(group, "all") {
		return nil, nil
	}
	school, year, err := f.schoolYear(record, "graduation_year")
	if err != nil || school == "" {
		return nil, err
	}
	mask, err := f.mask(record)
	if err != nil {
		return nil, err
	}

	status, col := f.h.cell(record, "status")
	var outcome string
	switch strings.ToUpper(status) {
	case "ENROLL":
		outcome = indicator.OutcomeEnrolled
	case "NOENRO":
		outcome = indicator.OutcomeNotEnrolled
	case "NO":
		return nil, nil
	default:
		return nil, &FieldError{Column: col, Value: status, Expected: "ENROLL, NOENRO or NO"}
	}
	if f.repeated(school, year, outcome) {
		return nil, nil
	}

	count, err := reported{school, year, indicator.PostsecondaryStudents, outcome}.count(f.h, record, "count", mask)
	if err != nil {
		return nil, err
	}
	rows := append(f.placeholder(school), count)
	if outcome != indicator.OutcomeEnrolled {
		return rows, nil
	}

	rate, ok, err := reported{school, year, indicator.PostsecondaryEnrollmentRate, indicator.All}.rate(f.h, record, "pct_enrolled", mask, false)
	if err != nil {
		return nil, err
	}
	if ok {
		rows = append(rows, rate)
	}
	return rows, nil
}
