package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// ruleViolations counts stored rows that break an import rule. An import
// that accepted such a row has a validation hole.
var ruleViolations = []string{
	"SELECT count(*) FROM work_based_learning WHERE NOT (hours >= 0 AND hours <= 2000)",
	"SELECT count(*) FROM work_based_learning WHERE experience_type NOT IN ('internship', 'pre_apprenticeship', 'apprenticeship', 'clinical', 'job_shadow', 'school_based_enterprise', 'service_learning', 'other')",
	"SELECT count(*) FROM postsecondary WHERE outcome NOT IN ('enrolled_4yr', 'enrolled_2yr', 'enrolled_other', 'apprenticeship', 'employed', 'military', 'service', 'not_enrolled', 'unknown')",
	"SELECT count(*) FROM (SELECT teacher_id, school_year FROM teachers GROUP BY 1, 2 HAVING sum(fte) > 1.0 + 1e-9)",
	"SELECT count(*) FROM teachers WHERE NOT (fte > 0 AND fte <= 1)",
	"SELECT count(*) FROM sections WHERE seats < 1 OR enrolled < 0 OR requests < 0",
	"SELECT count(*) FROM cte_enrollments WHERE school_year NOT BETWEEN 1901 AND 2201 OR length(student) != 16 OR course_id = ''",
	"SELECT count(*) FROM cte_enrollments WHERE school_id NOT IN (SELECT school_id FROM schools) OR cluster NOT IN (SELECT name FROM clusters)",
	"SELECT count(*) FROM students WHERE school_year NOT BETWEEN 1901 AND 2201 OR grade = ''",
	"SELECT count(*) FROM schools WHERE school_id = '' OR school_name = ''",
	"SELECT count(*) FROM work_based_learning WHERE cluster != '' AND cluster NOT IN (SELECT name FROM clusters)",
	// The import turns SQLite's foreign key checks off while it runs.
	"SELECT count(*) FROM pragma_foreign_key_check",
}

func FuzzImportCSV(f *testing.F) {
	for _, dir := range []string{cleanImportDir, "testdata/import/reject", "testdata/import/messy"} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	db, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Import(context.Background(), asImportFiles(filepath.Join(cleanImportDir, "schools.csv"), filepath.Join(cleanImportDir, "clusters.csv")), ImportOptions{}); err != nil {
		f.Fatal(err)
	}

	f.Fuzz(func(t *testing.T, content []byte) {
		path := filepath.Join(t.TempDir(), "fuzz.csv")
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := db.Import(context.Background(), []ImportFile{{Path: path}}, ImportOptions{})
		var rejected *ImportError
		if err != nil && !errors.As(err, &rejected) {
			t.Fatalf("import failed other than by rejection: %v", err)
		}
		for _, query := range ruleViolations {
			var n int
			if err := db.sql.QueryRow(query).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				t.Fatalf("import accepted %d rows that break a rule (%s) from %q", n, query, content)
			}
		}
	})
}
