package data

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
)

// beginBulk starts the demo's transaction with a page cache large enough
// for a state-scale district.
func (g *demoGenerator) beginBulk(ctx context.Context) (*sql.Tx, error) {
	tx, err := g.db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = -262144"); err != nil { // 256 MiB
		tx.Rollback()
		return nil, fmt.Errorf("set page cache: %w", err)
	}
	return tx, nil
}

func (g *demoGenerator) writeSchools(ctx context.Context, tx *sql.Tx) error {
	for _, s := range g.schools {
		kind := "high school"
		if s.center {
			kind = "skills center"
		}
		_, err := tx.ExecContext(ctx, `
			INSERT INTO schools (school_id, school_name, district_id, district_name, grade_low, grade_high, school_type)
			VALUES (?, ?, ?, ?, '09', '12', ?)`,
			s.id, s.name, fmt.Sprintf("DEMO%03d", s.district+1), g.districts[s.district], kind)
		if err != nil {
			return fmt.Errorf("insert school %s: %w", s.id, err)
		}
	}
	return nil
}

// writeSections writes the sections and the teachers who teach them: one
// full-time teacher per five sections of a cluster at a school, so a
// cluster with few sections has a single teacher.
func (g *demoGenerator) writeSections(ctx context.Context, tx *sql.Tx) error {
	sections, err := newBulkInserter(ctx, tx, "sections",
		"section_id", "school_year", "school_id", "course_id", "cluster", "teacher_id", "seats", "enrolled", "requests")
	if err != nil {
		return err
	}
	teachers, err := newBulkInserter(ctx, tx, "teachers", "teacher_id", "school_id", "school_year", "cluster", "fte", "cte_certified")
	if err != nil {
		return err
	}

	type staffKey struct {
		school  int32
		year    int16
		cluster int8
	}
	perCluster := map[staffKey]int{}
	for k, list := range g.sections {
		perCluster[staffKey{k.school, k.year, k.cluster}] += len(list)
	}
	taught := map[staffKey]int{} // sections handed out so far
	r := rand.New(rand.NewPCG(uint64(g.opt.Seed), 2))
	for _, k := range sortedBuckets(g.sections) {
		school := g.schools[k.school]
		sk := staffKey{k.school, k.year, k.cluster}
		teacherCount := (perCluster[sk] + 4) / 5
		for i, sec := range g.sections[k] {
			teacher := taught[sk] % teacherCount
			taught[sk]++
			var requests any
			if school.reportsRequests {
				requests = sec.enrolled + demoWaitlist(r, k.cluster, sec)
			}
			err := sections.Add(fmt.Sprintf("%s-%s-%02d", school.id, demoCourseID(k.cluster, k.level), i+1), int(k.year), school.id,
				demoCourseID(k.cluster, k.level), demoClusterName(k.cluster), demoTeacherID(school.id, k.cluster, teacher),
				sec.seats, sec.enrolled, requests)
			if err != nil {
				return err
			}
		}
	}
	if err := sections.Close(); err != nil {
		return err
	}

	keys := make([]demoBucket, 0, len(perCluster))
	for k := range perCluster {
		keys = append(keys, demoBucket{k.school, k.year, k.cluster, 0})
	}
	for _, k := range sortedBuckets(bucketSet(keys)) {
		sk := staffKey{k.school, k.year, k.cluster}
		n := perCluster[sk]
		teacherCount := (n + 4) / 5
		school := g.schools[k.school]
		for t := 0; t < teacherCount; t++ {
			mine := n / teacherCount
			if t < n%teacherCount {
				mine++
			}
			certified := "Y"
			if r.Float64() < 0.12 {
				certified = "N" // on a provisional or emergency certificate
			}
			fte := math.Min(1, float64(mine)*0.2)
			if err := teachers.Add(demoTeacherID(school.id, k.cluster, t), school.id, int(k.year), demoClusterName(k.cluster), fte, certified); err != nil {
				return err
			}
		}
	}
	return teachers.Close()
}

func bucketSet(keys []demoBucket) map[demoBucket]bool {
	m := make(map[demoBucket]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// demoWaitlist returns the students who requested a section beyond those
// enrolled: growing clusters turn students away from full sections.
func demoWaitlist(r *rand.Rand, c int8, sec demoSection) int {
	full := sec.enrolled*10 >= sec.seats*9
	if demoClusters[c].trend >= 0.04 && sec.enrolled*4 >= sec.seats*3 {
		return int(float64(sec.seats) * (0.1 + 0.5*r.Float64()))
	}
	if full && r.Float64() < 0.3 {
		return r.IntN(4)
	}
	return 0
}

func demoTeacherID(school string, c int8, n int) string {
	return fmt.Sprintf("T%s%02d%d", school, c+1, n+1)
}

// demoWriter holds the bulk inserters of the student-keyed tables.
type demoWriter struct {
	students, enrollments, concentrators, credentials, wbl, postsecondary *bulkInserter
}

func newDemoWriter(ctx context.Context, tx *sql.Tx) (*demoWriter, error) {
	w := &demoWriter{}
	specs := []struct {
		dst   **bulkInserter
		table string
		cols  []string
	}{
		{&w.students, "students", []string{"student", "school_year", "school_id", "grade", "gender", "race_ethnicity", "low_income", "english_learner", "disability"}},
		{&w.enrollments, "cte_enrollments", []string{"student", "school_id", "school_year", "course_id", "section_id", "term", "cluster", "course_name", "pathway"}},
		{&w.concentrators, "concentrator_since", []string{"student", "cluster", "school_year"}},
		{&w.credentials, "credentials", []string{"student", "school_id", "school_year", "credential_key", "credential_name", "cluster", "earned_date"}},
		{&w.wbl, "work_based_learning", []string{"student", "school_id", "school_year", "experience_type", "hours", "cluster", "employer"}},
		{&w.postsecondary, "postsecondary", []string{"student", "graduation_year", "school_id", "outcome", "cluster"}},
	}
	for _, s := range specs {
		b, err := newBulkInserter(ctx, tx, s.table, s.cols...)
		if err != nil {
			return nil, err
		}
		*s.dst = b
	}
	return w, nil
}

func (w *demoWriter) Close() error {
	for _, b := range []*bulkInserter{w.students, w.enrollments, w.concentrators, w.credentials, w.wbl, w.postsecondary} {
		if err := b.Close(); err != nil {
			return err
		}
	}
	return nil
}
