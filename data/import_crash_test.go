package data

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// crashChildEnv, when set in the environment, makes TestImportKilledMidway
// act as the child process that imports and is killed.
const crashChildEnv = "READINESS_CRASH_CHILD"

// writeEnrollments writes a cte_enrollments file of n valid rows for the
// clean schools.
func writeEnrollments(t testing.TB, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	require.NoError(t, err)
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "student_id,school_id,school_year,course_id,career_cluster,course_name,section_id,term")
	schools := []string{"100", "200", "300"}
	clusters := []string{"Digital Technology", "Construction", "Healthcare & Human Services", "Agriculture"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "S%07d,%s,%d-%02d,C%03d,%s,Course number %d,%d,S%d\n",
			i/4, schools[i%3], 2021+i%4, (2022+i%4)%100, i%97, clusters[i%4], i%97, i%7, i%2+1)
	}
	require.NoError(t, w.Flush())
	require.NoError(t, f.Close())
}

func TestImportKilledMidway(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		runCrashChild()
		return
	}
	if testing.Short() {
		t.Skip("imports a large file in a child process")
	}
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "crash.db")
	csvPath := filepath.Join(dir, "cte_enrollments.csv")
	writeEnrollments(t, csvPath, 400_000)

	db, err := Open(context.Background(), dbPath)
	require.NoError(t, err)
	mustImportFiles(t, db, cleanFiles(t)...)
	want := dumpStoredRows(t, db)
	require.NoError(t, db.Close())
	before := snapshotFiles(t, dbPath)

	child := exec.Command(os.Args[0], "-test.run=^TestImportKilledMidway$")
	child.Env = append(os.Environ(), crashChildEnv+"="+dbPath+"|"+csvPath)
	out, err := child.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, child.Start())

	// Kill the child once the whole file is read and its rows are written
	// into the open transaction. The child then waits, so the kill always
	// lands before the commit.
	lines := bufio.NewScanner(out)
	killed := false
	for lines.Scan() {
		var done, total int64
		if _, err := fmt.Sscanf(lines.Text(), "progress %d %d", &done, &total); err == nil && done == total {
			require.NoError(t, child.Process.Signal(syscall.SIGKILL))
			killed = true
			break
		}
	}
	err = child.Wait()
	require.True(t, killed, "the child finished before it could be killed: %v", err)

	after := snapshotFiles(t, dbPath)
	assert.Greater(t, len(after["crash.db-wal"]), 10<<20, "the killed import wrote no pages to the write-ahead log")
	assert.Equal(t, before["crash.db"], after["crash.db"], "database file changed by a killed import")
	db, err = Open(context.Background(), dbPath)
	require.NoError(t, err)
	assert.Equal(t, want, dumpStoredRows(t, db))
	require.NoError(t, db.Close())
	assert.Equal(t, before, snapshotFiles(t, dbPath), "database changed after recovery")
}

// runCrashChild imports the file named in the environment, printing its
// progress so that the parent can kill it mid-import. Once every row is
// written it waits before the commit, for the parent to kill it.
func runCrashChild() {
	dbPath, csvPath, _ := strings.Cut(os.Getenv(crashChildEnv), "|")
	db, err := Open(context.Background(), dbPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	_, err = db.Import(context.Background(), []ImportFile{{Path: csvPath}}, ImportOptions{
		Progress: func(done, total int64) {
			fmt.Printf("progress %d %d\n", done, total)
			if done == total {
				time.Sleep(time.Minute)
			}
		},
	})
	fmt.Println("finished", err)
	os.Exit(0)
}
