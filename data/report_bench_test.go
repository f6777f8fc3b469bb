package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"readiness/data/indicator"
)

// Benchmark sizes: a district of 30,000 students over five years and a
// state of 1,000,000. Both get one high school per 3,500 students, so one
// school holds about as many rows in either; only the rest of the database
// grows.
var benchSizes = []int{30_000, 1_000_000}

var benchDBs sync.Map // size to path

// benchDemo returns the path of a five-year demo of students students. It
// is generated once into READINESS_BENCH_DIR (default: the system's
// temporary folder) and reused by later runs with the same size.
func benchDemo(b *testing.B, students int) string {
	b.Helper()
	if p, ok := benchDBs.Load(students); ok {
		return p.(string)
	}
	dir := os.Getenv("READINESS_BENCH_DIR")
	if dir == "" {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("readiness-bench-%d.db", students))
	if _, err := os.Stat(path); err != nil {
		opt := DemoOptions{Students: students, Years: 5, Seed: 1}
		if err := GenerateDemo(context.Background(), path, opt); err != nil {
			b.Fatal(err)
		}
	}
	benchDBs.Store(students, path)
	return path
}

func openBench(b *testing.B, students int) *DB {
	b.Helper()
	if students > 100_000 && testing.Short() {
		b.Skip("state-scale demo skipped in -short mode")
	}
	db, err := OpenReadOnly(context.Background(), benchDemo(b, students))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkReportOneSchool measures one school's report for the latest
// year: every indicator, with privacy applied.
func BenchmarkReportOneSchool(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(fmt.Sprintf("students=%d", size), func(b *testing.B) {
			db := openBench(b, size)
			ctx := context.Background()
			f := Filter{SchoolID: "HS0002", Year: DemoLastYear}
			b.ResetTimer()
			for b.Loop() {
				rows, err := db.Indicators(ctx, f)
				if err != nil {
					b.Fatal(err)
				}
				indicator.Protect(rows, 10)
			}
		})
	}
}

// BenchmarkNaiveConcentrators is the baseline: one school's concentrators
// by cluster computed with a GROUP BY over every student's raw course rows,
// without concentrator_since.
func BenchmarkNaiveConcentrators(b *testing.B) {
	const naive = `
		WITH c AS (
			SELECT student, cluster FROM cte_enrollments WHERE school_year <= ?2
			GROUP BY student, cluster HAVING count(DISTINCT course_id) >= 2
		)
		SELECT e.cluster, count(DISTINCT e.student) FROM cte_enrollments e
		JOIN c ON c.student = e.student AND c.cluster = e.cluster
		WHERE e.school_id = ?1 AND e.school_year = ?2 GROUP BY e.cluster`
	for _, size := range benchSizes {
		b.Run(fmt.Sprintf("students=%d", size), func(b *testing.B) {
			db := openBench(b, size)
			ctx := context.Background()
			b.ResetTimer()
			for b.Loop() {
				rows, err := db.sql.QueryContext(ctx, naive, "HS0002", DemoLastYear)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
				}
				if err := rows.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGenerateDemoState measures writing the state-scale demo of
// 1,000,000 students over five years. Run it with -benchtime 1x.
func BenchmarkGenerateDemoState(b *testing.B) {
	if testing.Short() {
		b.Skip("state-scale demo skipped in -short mode")
	}
	dir := b.TempDir()
	n := 0
	for b.Loop() {
		n++
		path := filepath.Join(dir, fmt.Sprintf("state-%d.db", n))
		if err := GenerateDemo(context.Background(), path, DemoOptions{Students: 1_000_000, Years: 5, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		os.Remove(path)
	}
}
