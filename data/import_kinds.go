package data

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Kinds of import file, named after the table each one feeds.
const (
	KindSchools            = "schools"
	KindStudents           = "students"
	KindCTEEnrollments     = "cte_enrollments"
	KindCredentials        = "credentials"
	KindWorkBasedLearning  = "work_based_learning"
	KindTeachers           = "teachers"
	KindSections           = "sections"
	KindPostsecondary      = "postsecondary"
	KindClusters           = "clusters"
	KindReportedIndicators = "reported_indicators"
)

// fileKind describes the columns of one kind of import file.
type fileKind struct {
	name     string
	required []string
	optional []string
}

// has reports whether col is a required or optional column of the kind.
func (k fileKind) has(col string) bool {
	return slices.Contains(k.required, col) || slices.Contains(k.optional, col)
}

// fileKinds lists every kind in the order files are written: schools and
// clusters first, because the other kinds refer to them.
var fileKinds = []fileKind{
	{KindSchools, []string{"school_id", "school_name"}, []string{"district_id", "district_name", "nces_id", "grade_low", "grade_high", "school_type"}},
	{KindClusters, []string{"cluster_name"}, []string{"framework"}},
	{KindStudents, []string{"student_id", "school_id", "school_year", "grade"}, []string{"gender", "race_ethnicity", "low_income", "english_learner", "disability"}},
	{KindCTEEnrollments, []string{"student_id", "school_id", "school_year", "course_id", "career_cluster"}, []string{"course_name", "pathway", "section_id", "term"}},
	{KindCredentials, []string{"student_id", "school_id", "school_year", "credential_name"}, []string{"credential_id", "career_cluster", "issuer", "earned_date"}},
	{KindWorkBasedLearning, []string{"student_id", "school_id", "school_year", "experience_type", "hours"}, []string{"career_cluster", "employer", "start_date", "end_date"}},
	{KindTeachers, []string{"teacher_id", "school_id", "school_year", "career_cluster", "fte"}, []string{"cte_certified"}},
	{KindSections, []string{"section_id", "school_id", "school_year", "course_id", "career_cluster", "teacher_id", "seats", "enrolled"}, []string{"requests"}},
	{KindPostsecondary, []string{"student_id", "school_id", "graduation_year", "outcome"}, []string{"career_cluster"}},
	{KindReportedIndicators, []string{"school_id", "school_year", "indicator", "dimension", "value"}, []string{"source", "suppressed", "display"}},
}

// Kinds returns the names of the import file kinds, the values -kind takes.
func Kinds() []string {
	names := make([]string, len(fileKinds))
	for i, k := range fileKinds {
		names[i] = k.name
	}
	return names
}

// describesPeople reports whether rows of the kind are about students or
// teachers, so that a column naming a person must be dropped. Schools,
// clusters and reported indicators describe no person: their unknown columns,
// such as a school's address, are only ignored.
func (k fileKind) describesPeople() bool {
	switch k.name {
	case KindSchools, KindClusters, KindReportedIndicators:
		return false
	}
	return true
}

func lookupKind(name string) (fileKind, bool) {
	name = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(name)), ".csv")
	for _, k := range fileKinds {
		if k.name == name {
			return k, true
		}
	}
	return fileKind{}, false
}

// headerSpellings lists, for each standard column, the header spellings
// accepted after normalizeHeader. The standard name itself is always accepted.
var headerSpellings = map[string][]string{
	"student_id":      {"studentnumber", "studentno", "studentnum", "studentsisid", "sisstudentid", "sisid", "localstudentid", "studentlocalid", "pupilid", "learnerid"},
	"school_id":       {"schoolcode", "schoolnumber", "schoolno", "schoolnum", "buildingid", "buildingcode"},
	"school_name":     {"schoolname", "buildingname", "nameofschool"},
	"district_id":     {"districtcode", "districtnumber", "leaid", "leacode"},
	"district_name":   {"leaname"},
	"nces_id":         {"ncesschoolid", "ncescode"},
	"grade_low":       {"lowgrade", "lowestgrade"},
	"grade_high":      {"highgrade", "highestgrade"},
	"school_year":     {"year", "sy", "academicyear", "schoolyr"},
	"grade":           {"gradelevel", "currentgrade"},
	"gender":          {"sex"},
	"race_ethnicity":  {"race", "ethnicity", "raceeth"},
	"low_income":      {"economicallydisadvantaged", "econdisadv", "frl", "freereducedlunch"},
	"english_learner": {"el", "ell", "lep", "englishlanguagelearner"},
	"disability":      {"swd", "iep", "studentwithdisability", "studentswithdisabilities", "specialeducation"},
	"course_id":       {"coursecode", "coursenumber", "courseno", "coursenum"},
	"career_cluster":  {"cluster", "clustername", "ctecluster", "careerclustername"},
	"course_name":     {"coursetitle", "coursedescription"},
	"pathway":         {"careerpathway", "pathwayname", "programofstudy"},
	"section_id":      {"section", "sectionnumber", "sectioncode", "sectionno"},
	"term":            {"semester", "termcode", "termname"},
	"credential_name": {"credential", "certification", "certificationname", "ircname", "credentialtitle"},
	"credential_id":   {"credentialcode", "certificationid", "certificationcode", "ircid", "irccode"},
	"issuer":          {"issuingorganization", "issuingbody", "certifyingbody", "awardingbody"},
	"earned_date":     {"dateearned", "awarddate", "dateawarded", "earnedon"},
	"experience_type": {"wbltype", "experience", "wblexperiencetype", "activitytype"},
	"hours":           {"wblhours", "totalhours", "hourscompleted"},
	"employer":        {"employername", "worksite", "businessname", "hostsite"},
	"start_date":      {"begindate", "datestarted"},
	"end_date":        {"datecompleted", "dateended"},
	"teacher_id":      {"staffid", "employeeid", "educatorid", "teachernumber", "instructorid"},
	"fte":             {"ctefte", "ftecte"},
	"cte_certified":   {"certified", "ctecertification"},
	"seats":           {"capacity", "maxseats", "seatcount", "maxenrollment", "sectioncapacity"},
	"enrolled":        {"enrollment", "enrolledcount", "studentsenrolled", "enrolledstudents"},
	"requests":        {"requested", "requestcount", "studentrequests", "courserequests"},
	"graduation_year": {"gradyear", "cohortyear", "yearofgraduation"},
	"outcome":         {"postsecondaryoutcome", "postsecondarystatus"},
	"cluster_name":    {"clustertitle"},
	"framework":       {"clusterframework"},
	"indicator":       {"indicatorname", "measure"},
	"dimension":       {"breakdown", "category"},
	"value":           {"indicatorvalue"},
	"source":          {"publisher", "datasource"},
	"suppressed":      {"masked", "suppression", "issuppressed"},
	"display":         {"displayvalue", "displaytext", "reportedvalue"},
}

// personalHeaderWords mark a column that identifies a person. Such a column
// is dropped with a warning unless it is a standard column of the file's kind.
var personalHeaderWords = []string{"name", "birth", "dob", "address", "street", "zip", "postal", "email", "mail", "phone", "mobile", "ssn", "socialsecurity"}

// studentNumberWords mark a column that holds a student number, such as a
// state student ID beside the district's own.
var studentNumberWords = []string{"studentid", "studentnumber", "studentno", "statestudent", "stateid", "ssid", "sisid", "pupilid", "learnerid"}

// normalizeHeader folds a header for matching: lower case, with spaces,
// underscores, hyphens and other punctuation removed, so that "Student ID",
// "StudentID" and "student_id" all become "studentid".
func normalizeHeader(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// headerMap is the mapping of one file's header onto the columns of its kind.
type headerMap struct {
	kind    fileKind
	names   []string          // header as written
	index   map[string]int    // standard column -> field index
	label   map[string]string // standard column -> header as written
	missing []string          // required columns not found
	ignored []int             // field indexes of unknown or repeated columns
	repeats map[int]string    // field index -> the standard column it repeats
	dropped []int             // field indexes of personal columns
}

// mapHeader matches a header against kind k. A standard column is found by
// its own name first, then by its other spellings in header order.
func mapHeader(k fileKind, header []string) headerMap {
	m := headerMap{kind: k, names: header, index: map[string]int{}, label: map[string]string{}, repeats: map[int]string{}}
	norm := make([]string, len(header))
	for i, h := range header {
		norm[i] = normalizeHeader(h)
	}
	used := make([]bool, len(header))
	assign := func(col string, i int) {
		m.index[col] = i
		m.label[col] = strings.TrimSpace(header[i])
		used[i] = true
	}

	columns := append(append([]string(nil), k.required...), k.optional...)
	for _, col := range columns {
		for i, n := range norm {
			if !used[i] && n == normalizeHeader(col) {
				assign(col, i)
				break
			}
		}
	}
	for _, col := range columns {
		if _, ok := m.index[col]; ok {
			continue
		}
		for _, spelling := range headerSpellings[col] {
			i := indexOf(norm, used, spelling)
			if i >= 0 {
				assign(col, i)
				break
			}
		}
	}

	for _, col := range k.required {
		if _, ok := m.index[col]; !ok {
			m.missing = append(m.missing, col)
		}
	}
	for i, n := range norm {
		switch {
		case used[i] || n == "":
			if n == "" && strings.TrimSpace(header[i]) != "" {
				m.ignored = append(m.ignored, i)
			}
		case repeatedColumn(columns, n, m.index) != "" && !isStudentNumberHeader(n):
			m.ignored = append(m.ignored, i)
			m.repeats[i] = repeatedColumn(columns, n, m.index)
		case k.describesPeople() && isPersonalHeader(n):
			m.dropped = append(m.dropped, i)
		default:
			m.ignored = append(m.ignored, i)
		}
	}
	return m
}

// knownHeaders holds every standard column and spelling of a column that
// does not identify a person.
var knownHeaders = func() map[string]bool {
	known := map[string]bool{}
	for col, spellings := range headerSpellings {
		if col == "student_id" {
			continue
		}
		known[normalizeHeader(col)] = true
		for _, s := range spellings {
			known[s] = true
		}
	}
	return known
}()

// repeatedColumn returns the standard column of columns that normalized
// header n spells and that another header already gave, or "".
func repeatedColumn(columns []string, n string, index map[string]int) string {
	for _, col := range columns {
		if _, taken := index[col]; !taken {
			continue
		}
		if n == normalizeHeader(col) || slices.Contains(headerSpellings[col], n) {
			return col
		}
	}
	return ""
}

func indexOf(norm []string, used []bool, spelling string) int {
	for i, n := range norm {
		if !used[i] && n == spelling {
			return i
		}
	}
	return -1
}

// isPersonalHeader reports whether a normalized header that no standard
// column of the file's kind took names a person or a student number. Headers
// that are standard columns of other kinds, such as school_name, are not.
func isPersonalHeader(n string) bool {
	if knownHeaders[n] {
		return false
	}
	for _, w := range personalHeaderWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return isStudentNumberHeader(n)
}

// isStudentNumberHeader reports whether a normalized header names a student
// number, such as a state student ID beside the district's own.
func isStudentNumberHeader(n string) bool {
	for _, w := range studentNumberWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	for _, s := range headerSpellings["student_id"] {
		if n == s {
			return true
		}
	}
	return false
}

// detectKind returns the kind whose required columns the header holds. When
// several fit, the one with the most required columns wins, then the one
// with the most columns matched in all.
func detectKind(header []string) (headerMap, bool) {
	var candidates []headerMap
	for _, k := range fileKinds {
		m := mapHeader(k, header)
		if len(m.missing) == 0 {
			candidates = append(candidates, m)
		}
	}
	if len(candidates) == 0 {
		return headerMap{}, false
	}
	sort.SliceStable(candidates, func(i, j int) bool {
		a, b := candidates[i], candidates[j]
		if len(a.kind.required) != len(b.kind.required) {
			return len(a.kind.required) > len(b.kind.required)
		}
		return len(a.index) > len(b.index)
	})
	return candidates[0], true
}

// kindFromName returns the kind a file or sheet name stands for, such as
// "cte_enrollments" for "CTE_Enrollments 2024.csv" or the sheet
// "cte_enrollments.csv". It is a hint for a header that fits no kind.
func kindFromName(name string) (fileKind, bool) {
	base := normalizeHeader(strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)))
	var best fileKind
	found := false
	for _, k := range fileKinds {
		if strings.HasPrefix(base, normalizeHeader(k.name)) && len(k.name) > len(best.name) {
			best, found = k, true
		}
	}
	return best, found
}

// expectedColumns describes the required columns of every kind, for the
// message on a header that fits none.
func expectedColumns() string {
	var parts []string
	for _, k := range fileKinds {
		parts = append(parts, k.name+" ("+strings.Join(k.required, ", ")+")")
	}
	return strings.Join(parts, "; ")
}
