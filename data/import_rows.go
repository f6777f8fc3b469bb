package data

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"readiness/data/cluster"
	"readiness/data/indicator"
	"readiness/data/published"
)

// rowInput gives the fields of one row by standard column name.
type rowInput interface {
	// field returns the value of col, trimmed of spaces, or "" when the
	// file lacks the column.
	field(col string) string
	// label returns the column as the file names it, for messages.
	label(col string) string
}

// recordInput is a row of a file with a standard header.
type recordInput struct {
	m      *headerMap
	record []string
}

func (r recordInput) field(col string) string {
	i, ok := r.m.index[col]
	if !ok || i >= len(r.record) {
		return ""
	}
	return strings.TrimSpace(r.record[i])
}

func (r recordInput) label(col string) string {
	if l, ok := r.m.label[col]; ok {
		return l
	}
	return col
}

// publishedInput is a row translated from a published file. Messages name
// the column of the published file the row came from.
type publishedInput struct{ row published.Row }

func (p publishedInput) field(col string) string { return strings.TrimSpace(p.row.Fields[col]) }

func (p publishedInput) label(col string) string {
	if p.row.Column != "" {
		return p.row.Column
	}
	return col
}

// rowCheck validates the fields of one row and reports what is wrong.
type rowCheck struct {
	im     *importer
	in     rowInput
	line   int
	report *fileReport
	failed bool
}

func (c *rowCheck) fail(col, value, message string) {
	c.failed = true
	c.report.fail(c.line, c.in.label(col), value, message)
}

// text returns an optional field.
func (c *rowCheck) text(col string) string { return c.in.field(col) }

// required returns a field that must not be empty.
func (c *rowCheck) required(col string) string {
	v := c.in.field(col)
	if v == "" {
		c.fail(col, "", "missing value: every row needs a "+col)
	}
	return v
}

// student returns the keyed hash of the row's student number.
func (c *rowCheck) student() []byte {
	id := c.required("student_id")
	if id == "" {
		return nil
	}
	return c.im.student.Hash(id)
}

// school returns a school_id that is stored or comes earlier in the import.
func (c *rowCheck) school() string {
	id := c.required("school_id")
	if id != "" && !c.im.schools[id] {
		c.fail("school_id", id, "unknown school: the school_id is not in schools; import a schools.csv that lists it, in this import or before")
	}
	return id
}

// year returns a school year (or graduation year) by its ending calendar year.
func (c *rowCheck) year(col string) int {
	v := c.required(col)
	if v == "" {
		return 0
	}
	y, err := indicator.ParseYear(v)
	if err != nil {
		c.fail(col, v, "invalid "+strings.ReplaceAll(col, "_", " ")+": expected a form such as 2024-25, 2024-2025 or 2025")
		return 0
	}
	return y
}

// cluster returns the canonical name of a Career Cluster, or "" for an
// empty optional field.
func (c *rowCheck) cluster(col string, required bool) string {
	v := c.text(col)
	if v == "" {
		if required {
			c.required(col)
		}
		return ""
	}
	if name, ok := c.im.matched[v]; ok {
		return name
	}
	found, ok := c.im.clusters.Match(v)
	if ok {
		c.im.matched[strings.Clone(v)] = found.Name
	}
	if !ok {
		closest := c.im.clusters.Closest(v, 3)
		c.fail(col, v, fmt.Sprintf("unknown Career Cluster: the closest known names are %s; a district's own cluster must be listed in clusters.csv", quoteList(closest)))
		return ""
	}
	return found.Name
}

// number returns a finite decimal number; bad is the message for any other value.
func (c *rowCheck) number(col, v, bad string) (float64, bool) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		c.fail(col, v, bad)
		return 0, false
	}
	return f, true
}

// whole returns a whole number of at least low; bad is the message for any
// other value. A trailing ".0", as spreadsheets write, is accepted.
func (c *rowCheck) whole(col string, low int, bad string) int {
	v := c.required(col)
	if v == "" {
		return 0
	}
	f, ok := c.number(col, v, bad)
	if !ok {
		return 0
	}
	if f != math.Trunc(f) || f < float64(low) || f > math.MaxInt32 {
		c.fail(col, v, bad)
		return 0
	}
	return int(f)
}

func quoteList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	return listTerms(quoted)
}

// formatNumber writes a number rounded to 4 decimals without needless
// zeros: 1.25, 2, and 1.3 for a sum such as 0.7 + 0.6.
func formatNumber(f float64) string {
	return strconv.FormatFloat(math.Round(f*1e4)/1e4, 'f', -1, 64)
}

func formatYear(y int) string { return indicator.FormatYear(y) }

// nullable returns nil for "", so that an absent value is stored as NULL.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// kindWriter validates and stores the rows of one kind.
type kindWriter struct {
	// check validates a row and returns the values of columns in order.
	check   func(c *rowCheck) []any
	table   string
	columns []string // stored columns, in the order check returns them
	key     []int    // indexes into columns of the key
	// keyNames names the key columns as files spell them, for messages.
	keyNames string
	// direct, when set, writes each row at once. Otherwise rows are staged
	// in a temporary table and written in key order at the end of the file
	// (see importer.flush), which keeps the inserts into indexes keyed by
	// hashed student numbers from touching pages at random.
	direct string
	after  func(im *importer, args []any)
}

var writers = map[string]kindWriter{
	KindSchools: {
		check: checkSchool, table: "schools",
		columns: []string{"school_id", "school_name", "district_id", "district_name", "nces_id", "grade_low", "grade_high", "school_type"},
		key:     []int{0}, keyNames: "school_id",
		direct: `INSERT INTO schools (school_id, school_name, district_id, district_name, nces_id, grade_low, grade_high, school_type)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (school_id) DO UPDATE SET school_name = excluded.school_name, district_id = excluded.district_id,
				district_name = excluded.district_name, nces_id = excluded.nces_id, grade_low = excluded.grade_low,
				grade_high = excluded.grade_high, school_type = excluded.school_type`,
		after: func(im *importer, args []any) { im.schools[args[0].(string)] = true },
	},
	KindClusters: {
		check: checkCluster, table: "clusters",
		columns: []string{"name", "framework"},
		key:     []int{0}, keyNames: "cluster_name",
		direct: `INSERT INTO clusters (name, framework, code) VALUES (?, ?, '') ON CONFLICT (name) DO NOTHING`,
	},
	KindStudents: {
		check: checkStudent, table: "students",
		columns: []string{"student", "school_year", "school_id", "grade", "gender", "race_ethnicity", "low_income", "english_learner", "disability"},
		key:     []int{0, 1}, keyNames: "student_id, school_year",
	},
	KindCTEEnrollments: {
		check: checkEnrollment, table: "cte_enrollments",
		columns: []string{"student", "school_id", "school_year", "course_id", "section_id", "term", "cluster", "course_name", "pathway"},
		key:     []int{0, 1, 2, 3, 4, 5}, keyNames: "student_id, school_id, school_year, course_id, section_id, term",
	},
	KindCredentials: {
		check: checkCredential, table: "credentials",
		columns: []string{"student", "school_year", "credential_key", "school_id", "credential_name", "credential_id", "cluster", "issuer", "earned_date"},
		key:     []int{0, 1, 2}, keyNames: "student_id, school_year, credential_id or else credential_name",
	},
	KindWorkBasedLearning: {
		check: checkExperience, table: "work_based_learning",
		columns: []string{"student", "school_id", "school_year", "experience_type", "hours", "cluster", "employer", "start_date", "end_date"},
		key:     []int{0, 1, 2, 3, 4, 5, 6, 7, 8}, keyNames: "every column",
	},
	KindTeachers: {
		check: checkTeacher, table: "teachers",
		columns: []string{"teacher_id", "school_id", "school_year", "cluster", "fte", "cte_certified"},
		key:     []int{0, 1, 2, 3}, keyNames: "teacher_id, school_id, school_year, career_cluster",
	},
	KindSections: {
		check: checkSection, table: "sections",
		columns: []string{"section_id", "school_year", "school_id", "course_id", "cluster", "teacher_id", "seats", "enrolled", "requests"},
		key:     []int{0, 1}, keyNames: "section_id, school_year",
	},
	KindPostsecondary: {
		check: checkPostsecondary, table: "postsecondary",
		columns: []string{"student", "graduation_year", "school_id", "outcome", "cluster"},
		key:     []int{0, 1}, keyNames: "student_id, graduation_year",
	},
	KindReportedIndicators: {
		check: checkReported, table: "reported_indicators",
		columns: []string{"school_id", "school_year", "indicator", "dimension", "value", "display", "source", "suppressed"},
		key:     []int{0, 1, 2, 3}, keyNames: "school_id, school_year, indicator, dimension",
	},
}

// stageTable is the temporary table that holds the staged rows of w.
func (w kindWriter) stageTable() string { return "temp.stage_" + w.table }

// stageSQL returns the statements that create the staging table, add a row
// to it, and copy its rows into the stored table in key order.
func (w kindWriter) stageSQL() (create, insert, flush string) {
	cols := strings.Join(w.columns, ", ")
	keys := make([]string, len(w.key))
	for i, k := range w.key {
		keys[i] = w.columns[k]
	}
	create = fmt.Sprintf("DROP TABLE IF EXISTS %s; CREATE TABLE %s AS SELECT %s FROM main.%s WHERE 0",
		w.stageTable(), w.stageTable(), cols, w.table)
	insert = fmt.Sprintf("INSERT INTO %s VALUES (?%s)", w.stageTable(), strings.Repeat(", ?", len(w.columns)-1))
	flush = fmt.Sprintf("INSERT OR REPLACE INTO main.%s (%s) SELECT %s FROM %s ORDER BY %s",
		w.table, cols, cols, w.stageTable(), strings.Join(keys, ", "))
	return create, insert, flush
}

// insertSchoolIfMissing adds a school a published file names without
// changing a school already stored.
const insertSchoolIfMissing = `INSERT INTO schools (school_id, school_name, district_id, district_name, nces_id, grade_low, grade_high, school_type)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (school_id) DO NOTHING`

func checkSchool(c *rowCheck) []any {
	return []any{
		c.required("school_id"), c.required("school_name"), c.text("district_id"), c.text("district_name"),
		c.text("nces_id"), c.text("grade_low"), c.text("grade_high"), c.text("school_type"),
	}
}

func checkCluster(c *rowCheck) []any {
	name := c.required("cluster_name")
	framework := strings.ToLower(c.text("framework"))
	switch framework {
	case "", string(cluster.FrameworkLocal):
		framework = string(cluster.FrameworkLocal)
	case string(cluster.Framework2024), string(cluster.FrameworkNational):
	default:
		c.fail("framework", c.text("framework"), "invalid framework: expected local (the default), 2024 or national")
	}
	if name == "" || c.failed {
		return nil
	}

	known, ok := c.im.clusters.Match(name)
	if framework != string(cluster.FrameworkLocal) && (!ok || string(known.Framework) != framework) {
		c.fail("cluster_name", name, fmt.Sprintf("not a cluster of the %s framework: give framework local for a district's own cluster", framework))
		return nil
	}
	if ok {
		return []any{known.Name, string(known.Framework)}
	}
	c.im.clusters.Add(cluster.Cluster{Name: name, Framework: cluster.FrameworkLocal})
	clear(c.im.matched)
	return []any{name, string(cluster.FrameworkLocal)}
}

func checkStudent(c *rowCheck) []any {
	return []any{
		c.student(), c.year("school_year"), c.school(), c.required("grade"), c.text("gender"),
		c.text("race_ethnicity"), c.text("low_income"), c.text("english_learner"), c.text("disability"),
	}
}

func checkEnrollment(c *rowCheck) []any {
	return []any{
		c.student(), c.school(), c.year("school_year"), c.required("course_id"), c.text("section_id"),
		c.text("term"), c.cluster("career_cluster", true), c.text("course_name"), c.text("pathway"),
	}
}

func checkCredential(c *rowCheck) []any {
	student, year, school := c.student(), c.year("school_year"), c.school()
	name, id := c.required("credential_name"), c.text("credential_id")
	key := id
	if key == "" {
		key = name
	}
	return []any{
		student, year, key, school, name, id,
		nullable(c.cluster("career_cluster", false)), c.text("issuer"), c.text("earned_date"),
	}
}

func checkExperience(c *rowCheck) []any {
	student, school, year := c.student(), c.school(), c.year("school_year")
	kind := c.required("experience_type")
	if kind != "" {
		t, ok := ExperienceType(kind)
		if !ok {
			c.fail("experience_type", kind, "unknown experience type: expected "+listTerms(ExperienceTypes))
		}
		kind = t
	}
	return []any{
		student, school, year, kind, c.hours(), c.cluster("career_cluster", false),
		c.text("employer"), c.text("start_date"), c.text("end_date"),
	}
}

// maxHoursPerRow is the most hours one work-based learning row may give: a
// full-time year of work is about 2,000 hours.
const maxHoursPerRow = 2000

func (c *rowCheck) hours() float64 {
	v := c.required("hours")
	if v == "" {
		return 0
	}
	h, ok := c.number("hours", v, "invalid hours: expected a number from 0 to 2000")
	switch {
	case !ok:
	case h < 0:
		c.fail("hours", v, "negative hours: expected a number from 0 to 2000")
	case h > maxHoursPerRow:
		c.fail("hours", v, "over 2000 hours on one row: expected at most 2000; check the value or split the experience by school year")
	}
	return h
}

func checkTeacher(c *rowCheck) []any {
	teacher, school, year := c.required("teacher_id"), c.school(), c.year("school_year")
	name := c.cluster("career_cluster", true)
	fte := 0.0
	v := c.required("fte")
	if v != "" {
		const bad = "invalid FTE: expected a number above 0 and at most 1, such as 0.5"
		if f, ok := c.number("fte", v, bad); ok && (f <= 0 || f > 1) {
			c.fail("fte", v, bad)
		} else {
			fte = f
		}
	}
	if !c.failed {
		c.im.addFTE(teacherYear{teacher, year}, ftePlace{
			report: c.report, line: c.line, column: c.in.label("fte"),
			value: v, fte: fte, slot: fmt.Sprint(school, "\x00", name),
		})
	}
	return []any{teacher, school, year, name, fte, c.text("cte_certified")}
}

func checkSection(c *rowCheck) []any {
	section, school, year := c.required("section_id"), c.school(), c.year("school_year")
	course, name, teacher := c.required("course_id"), c.cluster("career_cluster", true), c.required("teacher_id")
	seats := c.whole("seats", 1, "invalid seats: expected a whole number of 1 or more")
	enrolled := c.whole("enrolled", 0, "invalid enrolled: expected a whole number of 0 or more")
	var requests any
	if c.text("requests") != "" {
		requests = c.whole("requests", 0, "invalid requests: expected a whole number of 0 or more, or an empty value")
	}
	return []any{section, year, school, course, name, teacher, seats, enrolled, requests}
}

func checkPostsecondary(c *rowCheck) []any {
	student, year, school := c.student(), c.year("graduation_year"), c.school()
	outcome := c.required("outcome")
	if outcome != "" {
		o, ok := Outcome(outcome)
		if !ok {
			c.fail("outcome", outcome, "unknown outcome: expected "+listTerms(indicator.Outcomes))
		}
		outcome = o
	}
	return []any{student, year, school, outcome, c.cluster("career_cluster", false)}
}
