package data

import (
	"context"
	"database/sql"
	"fmt"
)

// rebuildConcentrators recomputes concentrator_since inside tx. A student
// becomes a concentrator in a cluster in the school year of their courses-th
// distinct course of that cluster, counting every school and every year.
//
// With touchedOnly, only the students listed in temp.touched_students are
// recomputed, so an import costs time in proportion to the students it
// brings, not to the history already stored. The caller creates and fills
// that table (see createTouchedStudents).
func rebuildConcentrators(ctx context.Context, tx *sql.Tx, courses int, touchedOnly bool) error {
	scope, where := "", ""
	if touchedOnly {
		scope = "WHERE student IN (SELECT student FROM temp.touched_students)"
		where = scope
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM concentrator_since "+where); err != nil {
		return fmt.Errorf("clear concentrator status: %w", err)
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO concentrator_since (student, cluster, school_year)
		SELECT student, cluster, first_year FROM (
			SELECT student, cluster, first_year,
			       row_number() OVER (PARTITION BY student, cluster ORDER BY first_year) AS course_number
			FROM (
				SELECT student, cluster, course_id, min(school_year) AS first_year
				FROM cte_enrollments `+scope+`
				GROUP BY student, cluster, course_id
			)
		) WHERE course_number = ?`, courses)
	if err != nil {
		return fmt.Errorf("compute concentrator status: %w", err)
	}
	return nil
}

// createTouchedStudents creates the empty temporary table of students whose
// concentrator status an import must recompute.
func createTouchedStudents(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `
		CREATE TEMP TABLE IF NOT EXISTS touched_students (student BLOB PRIMARY KEY) WITHOUT ROWID;
		DELETE FROM temp.touched_students;`)
	if err != nil {
		return fmt.Errorf("create list of imported students: %w", err)
	}
	return nil
}
