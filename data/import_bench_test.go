package data

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkImportEnrollments imports a cte_enrollments file of 100,000 rows
// into a new database per iteration, with full validation.
func BenchmarkImportEnrollments(b *testing.B) {
	dir := b.TempDir()
	csvPath := filepath.Join(dir, "cte_enrollments.csv")
	writeEnrollments(b, csvPath, 100_000)
	files := asImportFiles(filepath.Join(cleanImportDir, "schools.csv"), csvPath)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		db, err := Open(context.Background(), filepath.Join(dir, "bench"+string(rune('a'+i%26))+".db"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Import(context.Background(), files, ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}
