package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"readiness/data/indicator"
)

// Filter picks the school and school year of a report.
type Filter struct {
	// DistrictID limits AllSchools to one district's schools; "" means every
	// school in the database.
	DistrictID string
	// SchoolID is a school_id, or indicator.AllSchools for the district.
	SchoolID string
	// Year is the school year by its ending calendar year (2025 is 2024-25).
	Year int
}

// WBLSubstantialInternships counts the students whose internship hours in
// the year reach the substantial internship threshold of the settings.
const WBLSubstantialInternships = "wbl_substantial_internships"

// ErrSchoolNotFound is returned for a school_id, or a district_id, that the
// database does not contain.
var ErrSchoolNotFound = errors.New("school not found")

// Indicators computes every indicator for one school or the district in one
// school year, sorted by indicator and dimension. Privacy is not applied:
// pass the rows through indicator.Protect before showing them.
//
// Where the school has no record-level rows for an indicator in the year,
// the values of reported_indicators take its place, with Source set. A
// value the publisher masked comes with Hidden set and no value, and its
// Text is the publisher's mask, or "*" when it gave none.
//
// For one school, the cost depends on the school's rows in the year only,
// because concentrator status comes from concentrator_since, which import
// keeps up to date.
func (db *DB) Indicators(ctx context.Context, f Filter) ([]indicator.Row, error) {
	sc, err := db.scopeOf(ctx, f)
	if err != nil {
		return nil, err
	}
	settings, err := db.Settings(ctx)
	if err != nil {
		return nil, err
	}
	q := &indicatorQuery{db: db, ctx: ctx, scope: sc, year: f.Year, settings: settings,
		out: &rowSet{school: sc.schoolID, year: f.Year}}
	if err := q.run(); err != nil {
		return nil, fmt.Errorf("compute indicators of school %q in %s: %w", f.SchoolID, indicator.FormatYear(f.Year), err)
	}
	rows := q.out.rows
	rows, err = db.addReported(ctx, rows, q.present, sc, f.Year)
	if err != nil {
		return nil, err
	}
	sortRows(rows)
	return rows, nil
}

// sortRows sorts rows the way report prints them: by school, year,
// indicator and dimension.
func sortRows(rows []indicator.Row) {
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.SchoolID != b.SchoolID {
			return a.SchoolID < b.SchoolID
		}
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.Indicator != b.Indicator {
			return a.Indicator < b.Indicator
		}
		return a.Dimension < b.Dimension
	})
}

// scope is the SQL condition that limits a table to the schools of a report.
// Its one argument is always ?1, so a query numbers its own arguments from ?2.
type scope struct {
	schoolID string // the school_id of the rows: a school or AllSchools
	cond     string // condition on a school_id column written as %[1]s
	arg      string
}

func (db *DB) scopeOf(ctx context.Context, f Filter) (scope, error) {
	if f.SchoolID == indicator.AllSchools {
		return scope{
			schoolID: indicator.AllSchools,
			cond:     "%[1]s IN (SELECT school_id FROM schools WHERE ?1 = '' OR district_id = ?1)",
			arg:      f.DistrictID,
		}, nil
	}
	var found int
	err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM schools WHERE school_id = ?", f.SchoolID).Scan(&found)
	if err != nil {
		return scope{}, fmt.Errorf("look up school %q: %w", f.SchoolID, err)
	}
	if found == 0 {
		return scope{}, fmt.Errorf("%w: %q is not in the database; pick a school_id from schools.csv or ALL", ErrSchoolNotFound, f.SchoolID)
	}
	return scope{schoolID: f.SchoolID, cond: "%[1]s = ?1", arg: f.SchoolID}, nil
}

// sourceTable names the record-level tables whose presence decides whether
// reported values stand in for an indicator.
type sourceTable int

const (
	sourceEnrollments sourceTable = iota
	sourceCredentials
	sourceWBL
	sourceStaff // teachers.csv or sections.csv
	sourceSections
	sourcePostsecondary
	sourceCount
)

// indicatorSources maps each computed indicator to the table it comes from.
var indicatorSources = map[string]sourceTable{
	indicator.CTEParticipants:       sourceEnrollments,
	indicator.CTEConcentrators:      sourceEnrollments,
	indicator.CredentialRate:        sourceEnrollments,
	indicator.CredentialsEarned:     sourceCredentials,
	indicator.CredentialEarners:     sourceCredentials,
	indicator.WBLHours:              sourceWBL,
	indicator.WBLStudents:           sourceWBL,
	indicator.WBLMedianHours:        sourceWBL,
	WBLSubstantialInternships:       sourceWBL,
	indicator.TeacherFTE:            sourceStaff,
	indicator.Teachers:              sourceStaff,
	indicator.SingleTeacherCluster:  sourceStaff,
	indicator.StudentsPerFTE:        sourceStaff,
	indicator.SectionSeats:          sourceSections,
	indicator.SectionEnrolled:       sourceSections,
	indicator.SeatUtilization:       sourceSections,
	indicator.UnmetRequests:         sourceSections,
	indicator.PostsecondaryStudents: sourcePostsecondary,
}

// rowSet collects the rows of one school and year.
type rowSet struct {
	school string
	year   int
	rows   []indicator.Row
}

func (s *rowSet) add(name, dimension string, value float64, hasValue bool, students int, p indicator.Privacy, additive bool) {
	s.rows = append(s.rows, indicator.Row{
		SchoolID: s.school, Year: s.year, Indicator: name, Dimension: dimension,
		Value: value, HasValue: hasValue, Students: students, Privacy: p, Additive: additive,
	})
}

// count adds a count of students: its own Students.
func (s *rowSet) count(name, dimension string, n int, additive bool) {
	s.add(name, dimension, float64(n), true, n, indicator.Count, additive)
}

// ratio adds num/den, with no value when den is 0.
func (s *rowSet) ratio(name, dimension string, num, den float64, students int) {
	if den == 0 {
		s.add(name, dimension, 0, false, students, indicator.Derived, false)
		return
	}
	s.add(name, dimension, num/den, true, students, indicator.Derived, false)
}

func (s *rowSet) staff(name, dimension string, v float64) {
	s.add(name, dimension, v, true, 0, indicator.Staff, false)
}

// indicatorQuery computes the rows of one report step by step.
type indicatorQuery struct {
	db       *DB
	ctx      context.Context
	scope    scope
	year     int
	settings Settings
	out      *rowSet

	participants map[string]int // by cluster, and indicator.All
	present      [sourceCount]bool
	statements   []string // every statement run, for checking query plans
}

// run computes every indicator into q.out.
func (q *indicatorQuery) run() error {
	for _, step := range []func() error{q.enrollment, q.credentials, q.workBasedLearning, q.staff, q.postsecondary} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// query runs a statement whose text holds %[1]s for the condition on the
// school_id column col. The scope's argument is ?1 and args are ?2 onwards.
func (q *indicatorQuery) query(text, col string, args ...any) (*sql.Rows, error) {
	statement := fmt.Sprintf(text, fmt.Sprintf(q.scope.cond, col))
	q.statements = append(q.statements, statement)
	return q.db.sql.QueryContext(q.ctx, statement, append([]any{q.scope.arg}, args...)...)
}

// grouped runs a query whose rows are a dimension followed by numbers and
// calls fn for each row.
func (q *indicatorQuery) grouped(text, col string, args []any, fn func(dim string, nums []float64)) error {
	rows, err := q.query(text, col, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	nums := make([]float64, len(cols)-1)
	dest := make([]any, len(cols))
	var dim string
	dest[0] = &dim
	for i := range nums {
		dest[i+1] = &nums[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		fn(dim, nums)
	}
	return rows.Err()
}

// enrollment adds participants, concentrators and the credential rate in
// one statement, so that each participant's concentrator status is looked
// up once.
func (q *indicatorQuery) enrollment() error {
	q.participants = map[string]int{}
	var concentrators, earned int
	err := q.grouped(`
		WITH p AS MATERIALIZED (
			SELECT DISTINCT e.student, e.cluster,
			       EXISTS (SELECT 1 FROM concentrator_since c
			               WHERE c.student = e.student AND c.cluster = e.cluster AND c.school_year <= ?2) AS concentrator
			FROM cte_enrollments e
			WHERE %[1]s AND e.school_year = ?2
		)
		SELECT cluster, count(*), sum(concentrator), 0 FROM p GROUP BY cluster
		UNION ALL
		SELECT 'all', count(DISTINCT student), count(DISTINCT CASE WHEN concentrator THEN student END),
		       (SELECT count(*) FROM (SELECT DISTINCT student FROM p WHERE concentrator) c
		        WHERE EXISTS (SELECT 1 FROM credentials r WHERE r.student = c.student AND r.school_year <= ?2))
		FROM p`,
		"e.school_id", []any{q.year}, func(dim string, n []float64) {
			q.participants[dim] = int(n[0])
			q.out.count(indicator.CTEParticipants, dim, int(n[0]), false)
			q.out.count(indicator.CTEConcentrators, dim, int(n[1]), false)
			if dim == indicator.All {
				concentrators, earned = int(n[1]), int(n[2])
			}
		})
	if err != nil {
		return fmt.Errorf("count participants and concentrators: %w", err)
	}
	q.present[sourceEnrollments] = q.participants[indicator.All] > 0
	q.out.ratio(indicator.CredentialRate, indicator.All, float64(earned), float64(concentrators), concentrators)
	return nil
}

// DefaultYear returns the school year a report shows when none is chosen:
// the latest with CTE enrollments or, when there are none, the latest with
// any data. It returns 0 for an empty database.
func (db *DB) DefaultYear(ctx context.Context) (int, error) {
	var year sql.NullInt64
	err := db.sql.QueryRowContext(ctx, "SELECT max(school_year) FROM cte_enrollments").Scan(&year)
	if err != nil {
		return 0, fmt.Errorf("find latest school year: %w", err)
	}
	if year.Valid {
		return int(year.Int64), nil
	}
	years, err := db.Years(ctx)
	if err != nil || len(years) == 0 {
		return 0, err
	}
	return years[0], nil
}

// Report computes the indicators of one school, or of every school of the
// district followed by AllSchools when f.SchoolID is "", sorted as report
// prints them. Privacy is not applied.
func (db *DB) Report(ctx context.Context, f Filter) ([]indicator.Row, error) {
	if f.SchoolID != "" {
		return db.Indicators(ctx, f)
	}
	schools, err := db.Schools(ctx, f.DistrictID)
	if err != nil {
		return nil, err
	}
	if len(schools) == 0 && f.DistrictID != "" {
		return nil, fmt.Errorf("%w: no school has district_id %q; pick a district_id from schools.csv", ErrSchoolNotFound, f.DistrictID)
	}
	filters := []Filter{{DistrictID: f.DistrictID, SchoolID: indicator.AllSchools, Year: f.Year}}
	for _, s := range schools {
		filters = append(filters, Filter{DistrictID: f.DistrictID, SchoolID: s.ID, Year: f.Year})
	}
	return db.indicatorsOf(ctx, filters)
}

// indicatorsOf computes Indicators for each filter and returns all the rows,
// sorted as report prints them.
func (db *DB) indicatorsOf(ctx context.Context, filters []Filter) ([]indicator.Row, error) {
	var all []indicator.Row
	for _, f := range filters {
		rows, err := db.Indicators(ctx, f)
		if err != nil {
			return nil, err
		}
		all = append(all, rows...)
	}
	sortRows(all)
	return all, nil
}
