package data_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"readiness/data"
)

// Folder and file names that school staff have: spaces, letters outside
// ASCII, and characters that mean something in a file: URI (# starts a
// fragment, ? a query, % an escape), which the connection string must escape.
// Windows forbids ? in file names, so that case runs on Linux and macOS only.
var awkwardDBPaths = []string{
	"José/Mis documentos/district #1.db",
	"Mis documentos/district 2024-25.db",
	"100% ready/what?.db",
	"Ñandú & Co; año=2025/district.db",
	"學校/区 データ.db",
	"Zoë's files/district.db",
}

func TestOpenAwkwardPaths(t *testing.T) {
	ctx := context.Background()
	for _, name := range awkwardDBPaths {
		t.Run(name, func(t *testing.T) {
			if runtime.GOOS == "windows" && strings.ContainsAny(name, `?*:<>|"`) {
				t.Skip("Windows forbids this character in file names")
			}
			path := filepath.Join(t.TempDir(), name)
			require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))

			db, err := data.Open(ctx, path)
			require.NoError(t, err)
			assert.Equal(t, path, db.Path())
			version, err := db.SchemaVersion(ctx)
			require.NoError(t, err)
			assert.Positive(t, version)
			require.NoError(t, db.Close())

			assert.FileExists(t, path)
			assert.Equal(t, []string{filepath.Base(path)}, dbFiles(t, filepath.Dir(path)), "no file under a cut-off or escaped name")

			ro, err := data.OpenReadOnly(ctx, path)
			require.NoError(t, err)
			defer ro.Close()
			roVersion, err := ro.SchemaVersion(ctx)
			require.NoError(t, err)
			assert.Equal(t, version, roVersion)
		})
	}
}

func TestOpenRelativeAwkwardPath(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "José", "Mis documentos"), 0o755))
	t.Chdir(dir)

	db, err := data.Open(context.Background(), filepath.Join("José", "Mis documentos", "district #1.db"))
	require.NoError(t, err)
	defer db.Close()

	want := filepath.Join(dir, "José", "Mis documentos", "district #1.db")
	assert.Equal(t, want, db.Path())
	assert.FileExists(t, want)
}

func TestOpenReadOnlyAwkwardPathMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "José", "Mis documentos", "district #1.db")
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))

	_, err := data.OpenReadOnly(context.Background(), path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), path, "the error names the file as the user wrote it")
	assert.NoFileExists(t, path, "a read-only open must not create the file")
}

func TestImportAwkwardPaths(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "José", "Mis documentos")
	db := openAt(t, filepath.Join(dir, "district #1.db"))
	csvPath := copyFixture(t, "schools.csv", filepath.Join(dir, "Exportación 2024-25", "escuelas #1 (copia).csv"))

	result, err := db.Import(ctx, []data.ImportFile{{Path: csvPath}}, data.ImportOptions{})
	require.NoError(t, err)

	require.Len(t, result.Files, 1)
	assert.Equal(t, "escuelas #1 (copia).csv", result.Files[0].File)
	assert.Equal(t, "schools", result.Files[0].Kind)
	assert.Equal(t, 2, result.Files[0].Rows)

	schools, err := db.Schools(ctx, "")
	require.NoError(t, err)
	require.Len(t, schools, 2)
	assert.Equal(t, "Escuela Técnica José Martí", schools[0].Name)
	assert.Equal(t, "Distrito Ñandú #1", schools[0].DistrictName)
}

func TestImportAwkwardPathError(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Zoë's files")
	db := openAt(t, filepath.Join(dir, "100% ready.db"))
	csvPath := copyFixture(t, "schools_missing_name.csv", filepath.Join(dir, "año 2025", "écoles #2.csv"))

	_, err := db.Import(context.Background(), []data.ImportFile{{Path: csvPath}}, data.ImportOptions{})

	var importErr *data.ImportError
	require.ErrorAs(t, err, &importErr)
	require.NotEmpty(t, importErr.Problems)
	assert.Equal(t, "écoles #2.csv", importErr.Problems[0].File)
	assert.Equal(t, 2, importErr.Problems[0].Line)
}

// openAt creates the folders of path and opens a new database there.
func openAt(t *testing.T, path string) *data.DB {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	db, err := data.Open(context.Background(), path)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

// copyFixture copies testdata/paths/name to dest, creating its folders.
func copyFixture(t *testing.T, name, dest string) string {
	t.Helper()
	content, err := os.ReadFile(filepath.Join("testdata", "paths", name))
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(dest), 0o755))
	require.NoError(t, os.WriteFile(dest, content, 0o644))
	return dest
}

// dbFiles lists dir, leaving out the -wal and -shm files that SQLite keeps
// beside a database in WAL mode while it is open.
func dbFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		name := e.Name()
		if ext := filepath.Ext(name); ext == ".db-wal" || ext == ".db-shm" {
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
