package data

import (
	"fmt"
	"sort"

	"readiness/data/indicator"
)

// credentials adds credentials earned, by cluster, and credential earners.
func (q *indicatorQuery) credentials() error {
	err := q.grouped(`
		SELECT coalesce(cluster, 'unassigned'), count(*), count(DISTINCT student)
		FROM credentials WHERE %[1]s AND school_year = ?2 GROUP BY 1
		UNION ALL
		SELECT 'all', count(*), count(DISTINCT student)
		FROM credentials WHERE %[1]s AND school_year = ?2`,
		"school_id", []any{q.year}, func(dim string, n []float64) {
			q.out.add(indicator.CredentialsEarned, dim, n[0], true, int(n[1]), indicator.Derived, true)
			if dim == indicator.All {
				q.out.count(indicator.CredentialEarners, dim, int(n[1]), false)
				q.present[sourceCredentials] = n[0] > 0
			}
		})
	if err != nil {
		return fmt.Errorf("count credentials: %w", err)
	}
	return nil
}

// workBasedLearning adds the hours and students of each experience type, the
// median hours and the substantial internships.
func (q *indicatorQuery) workBasedLearning() error {
	err := q.grouped(`
		SELECT experience_type, coalesce(sum(hours), 0), count(DISTINCT student)
		FROM work_based_learning WHERE %[1]s AND school_year = ?2 GROUP BY experience_type
		UNION ALL
		SELECT 'all', coalesce(sum(hours), 0), count(DISTINCT student)
		FROM work_based_learning WHERE %[1]s AND school_year = ?2`,
		"school_id", []any{q.year}, func(dim string, n []float64) {
			q.out.add(indicator.WBLHours, dim, n[0], true, int(n[1]), indicator.Derived, true)
			q.out.count(indicator.WBLStudents, dim, int(n[1]), false)
			if dim == indicator.All {
				q.present[sourceWBL] = n[1] > 0
			}
		})
	if err != nil {
		return fmt.Errorf("sum work-based learning hours: %w", err)
	}

	var sums []float64
	err = q.grouped(`
		SELECT '', sum(hours) FROM work_based_learning
		WHERE %[1]s AND school_year = ?2 GROUP BY student HAVING sum(hours) > 0`,
		"school_id", []any{q.year}, func(_ string, n []float64) { sums = append(sums, n[0]) })
	if err != nil {
		return fmt.Errorf("compute median work-based learning hours: %w", err)
	}
	median, ok := medianOf(sums)
	q.out.add(indicator.WBLMedianHours, indicator.All, median, ok, len(sums), indicator.Derived, false)

	substantial := 0
	err = q.grouped(`
		SELECT 'all', count(*) FROM (
			SELECT student FROM work_based_learning
			WHERE %[1]s AND school_year = ?2 AND experience_type = 'internship'
			GROUP BY student HAVING sum(hours) >= ?3)`,
		"school_id", []any{q.year, q.settings.SubstantialInternshipHours}, func(_ string, n []float64) { substantial = int(n[0]) })
	if err != nil {
		return fmt.Errorf("count substantial internships: %w", err)
	}
	q.out.count(WBLSubstantialInternships, indicator.All, substantial, false)
	return nil
}

// medianOf returns the median of values, which it sorts, and false when
// there are none.
func medianOf(values []float64) (float64, bool) {
	n := len(values)
	if n == 0 {
		return 0, false
	}
	sort.Float64s(values)
	if n%2 == 1 {
		return values[n/2], true
	}
	return (values[n/2-1] + values[n/2]) / 2, true
}

// staffCell is the sums of teachers.csv and sections.csv for one cluster,
// or for all clusters.
type staffCell struct {
	fte, teachers                      float64
	seats, enrolled                    float64
	requests, requestSeats, requesting float64
	sections                           float64
}

// staff adds the teacher and section indicators and students per FTE, for
// the clusters found in teachers.csv or sections.csv.
func (q *indicatorQuery) staff() error {
	cells := map[string]*staffCell{}
	cell := func(dim string) *staffCell {
		if cells[dim] == nil {
			cells[dim] = &staffCell{}
		}
		return cells[dim]
	}
	cell(indicator.All)

	err := q.grouped(`
		SELECT cluster, sum(fte) FROM teachers WHERE %[1]s AND school_year = ?2 GROUP BY cluster
		UNION ALL
		SELECT 'all', coalesce(sum(fte), 0) FROM teachers WHERE %[1]s AND school_year = ?2`,
		"school_id", []any{q.year}, func(dim string, n []float64) { cell(dim).fte = n[0] })
	if err != nil {
		return fmt.Errorf("sum teacher FTE: %w", err)
	}
	err = q.grouped(`
		WITH t AS (
			SELECT teacher_id, cluster FROM teachers WHERE %[1]s AND school_year = ?2
			UNION
			SELECT teacher_id, cluster FROM sections WHERE %[1]s AND school_year = ?2
		)
		SELECT cluster, count(DISTINCT teacher_id) FROM t GROUP BY cluster
		UNION ALL
		SELECT 'all', count(DISTINCT teacher_id) FROM t`,
		"school_id", []any{q.year}, func(dim string, n []float64) { cell(dim).teachers = n[0] })
	if err != nil {
		return fmt.Errorf("count teachers: %w", err)
	}
	err = q.grouped(`
		SELECT cluster, sum(seats), sum(enrolled),
		       coalesce(sum(requests), 0), coalesce(sum(CASE WHEN requests IS NOT NULL THEN seats END), 0),
		       count(requests), count(*)
		FROM sections WHERE %[1]s AND school_year = ?2 GROUP BY cluster
		UNION ALL
		SELECT 'all', coalesce(sum(seats), 0), coalesce(sum(enrolled), 0),
		       coalesce(sum(requests), 0), coalesce(sum(CASE WHEN requests IS NOT NULL THEN seats END), 0),
		       count(requests), count(*)
		FROM sections WHERE %[1]s AND school_year = ?2`,
		"school_id", []any{q.year}, func(dim string, n []float64) {
			c := cell(dim)
			c.seats, c.enrolled, c.requests, c.requestSeats, c.requesting, c.sections = n[0], n[1], n[2], n[3], n[4], n[5]
		})
	if err != nil {
		return fmt.Errorf("sum section seats: %w", err)
	}

	q.present[sourceStaff] = len(cells) > 1
	q.present[sourceSections] = cells[indicator.All].sections > 0
	for dim, c := range cells {
		q.addStaffRows(dim, c)
	}
	return nil
}

func (q *indicatorQuery) addStaffRows(dim string, c *staffCell) {
	out := q.out
	out.staff(indicator.TeacherFTE, dim, c.fte)
	out.staff(indicator.Teachers, dim, c.teachers)
	if dim != indicator.All {
		single := 0.0
		if c.teachers == 1 {
			single = 1
		}
		out.staff(indicator.SingleTeacherCluster, dim, single)
	}
	out.staff(indicator.SectionSeats, dim, c.seats)
	out.add(indicator.SectionEnrolled, dim, c.enrolled, true, int(c.enrolled), indicator.Count, true)
	out.ratio(indicator.SeatUtilization, dim, c.enrolled, c.seats, int(c.enrolled))
	out.count(indicator.UnmetRequests, dim, int(max(0, c.requests-c.requestSeats)), false)
	participants := q.participants[dim]
	out.ratio(indicator.StudentsPerFTE, dim, float64(participants), c.fte, participants)
}

// postsecondary adds the students of each outcome who graduated in the year.
func (q *indicatorQuery) postsecondary() error {
	err := q.grouped(`
		SELECT outcome, count(DISTINCT student) FROM postsecondary
		WHERE %[1]s AND graduation_year = ?2 GROUP BY outcome
		UNION ALL
		SELECT 'all', count(DISTINCT student) FROM postsecondary
		WHERE %[1]s AND graduation_year = ?2`,
		"school_id", []any{q.year}, func(dim string, n []float64) {
			q.out.count(indicator.PostsecondaryStudents, dim, int(n[0]), true)
			if dim == indicator.All {
				q.present[sourcePostsecondary] = n[0] > 0
			}
		})
	if err != nil {
		return fmt.Errorf("count postsecondary outcomes: %w", err)
	}
	return nil
}
